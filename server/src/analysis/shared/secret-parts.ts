// Which parts of a value are secret positions: the values of password/pwd/secret/token/key parameters
// (connection strings, query strings, URL fragments, `name: value` text), URL user-info, keys in URL paths, and secrets
// known by their shape (JWTs, provider tokens, private keys). Messages may quote a value's other parts
// (a host, a path) but never these. Every scan here is linear in the length of the value.
import { mergeSpans, Span } from '../../util/text';
import { keyShapedPathSegments } from './url-keys';
import { findStructuredSecrets, findUrls, isPipelineToken, isPlaceholderSecret } from './values';
import { isSecretParameter } from './vocabulary';

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46;
const VALUE_END = new Set([';', '&', '#', ',', ' ', '\t', '\r', '\n', '"', "'", '<', '>', '|']);

/** A value that stands for a secret without being one: empty, masked, a template, an expression, a `%variable%`. */
function isReference(value: string): boolean {
  const v = value.trim();
  return isPlaceholderSecret(v) || isPipelineToken(v) || v.startsWith('@') || /^%[^%]*%$/.test(v) || v.startsWith('$(') || v.startsWith('#{');
}

/** Where the value after a separator ends: a quoted value at its closing quote (same line), else at a delimiter. */
function valueSpan(value: string, from: number): Span {
  let start = from;
  while (start < value.length && (value[start] === ' ' || value[start] === '\t')) start++;
  const quote = value[start];
  if (quote === '"' || quote === "'") {
    let end = start + 1;
    while (end < value.length && value[end] !== quote && value[end] !== '\n') end += value[end] === '\\' ? 2 : 1;
    // No closing quote on the line: the quote closed something else (`"…?code=",`), no value here.
    return end < value.length && value[end] === quote ? { start: start + 1, end } : { start, end: start };
  }
  // An object or a list (`"Password": {`) is structure, not a value.
  if (quote === '{' || quote === '[') return { start, end: start };
  let end = start;
  while (end < value.length && !VALUE_END.has(value[end])) end++;
  return { start, end };
}

/**
 * Values of `name=value`, `name: value`, `"name": "value"` and `name="value"` pairs whose name holds a
 * secret (connection strings, query strings and fragments, JSON, XML attributes, prose), references excluded.
 */
function secretPairs(value: string): Span[] {
  const out: Span[] = [];
  let wordStart = -1;
  for (let i = 0; i < value.length; i++) {
    if (isWordChar(value.charCodeAt(i))) {
      if (wordStart < 0) wordStart = i;
      continue;
    }
    if (wordStart < 0) continue;
    const name = value.slice(wordStart, i);
    wordStart = -1;
    // The separator, after an optional closing quote of the name and white space.
    let j = i;
    if (value[j] === '"' || value[j] === "'") j++;
    while (j < value.length && (value[j] === ' ' || value[j] === '\t')) j++;
    const sep = value[j];
    if (sep !== '=' && sep !== ':') continue;
    // `https://`, `C:\`: a scheme or a drive, not a pair. (`Client Secret=`: the last word names it.)
    if (sep === ':' && (value[j + 1] === '/' || value[j + 1] === '\\')) continue;
    if (!isSecretParameter(name)) continue;
    const span = valueSpan(value, j + 1);
    if (span.end > span.start && !isReference(value.slice(span.start, span.end))) out.push(span);
    i = Math.max(i, span.end - 1);
  }
  return out;
}

/** `scheme://user:password@host`: the user-info. */
function userInfos(value: string): Span[] {
  const out: Span[] = [];
  let from = 0;
  for (;;) {
    const at = value.indexOf('://', from);
    if (at < 0) return out;
    const start = at + 3;
    let end = start;
    let lastAt = -1;
    while (end < value.length && !'/?#\\ \t\r\n"\'<>'.includes(value[end])) {
      if (value[end] === '@') lastAt = end;
      end++;
    }
    if (lastAt > start) out.push({ start, end: lastAt });
    from = end > start ? end : start;
  }
}

/** A private key runs from its BEGIN line to its END line (or the end of the value). */
function secretShapes(value: string): Span[] {
  return findStructuredSecrets(value).map(s => {
    if (s.kind !== 'private-key') return { start: s.start, end: s.end };
    const end = value.indexOf('PRIVATE KEY-----', s.end);
    return { start: s.start, end: end < 0 ? value.length : end + 'PRIVATE KEY-----'.length };
  });
}

/**
 * PEM private keys in a whole file (`-----BEGIN … PRIVATE KEY-----` to its END line, or to the end of
 * the text), found without looking at anything else: cheap on any file size.
 */
export function privateKeyBlocks(text: string): Span[] {
  const out: Span[] = [];
  let from = 0;
  for (;;) {
    const begin = text.indexOf('-----BEGIN ', from);
    if (begin < 0) return out;
    const head = text.indexOf('-----', begin + 11);
    if (head < 0) return out;
    const label = text.slice(begin, Math.min(head, begin + 80));
    if (head - begin > 80 || !(label.endsWith('PRIVATE KEY') || label.endsWith('PRIVATE KEY BLOCK'))) { from = begin + 11; continue; }
    const end = text.indexOf('-----END ', head + 5);
    const close = end < 0 ? -1 : text.indexOf('-----', end + 9);
    const stop = close < 0 ? text.length : close + 5;
    out.push({ start: begin, end: stop });
    from = stop;
  }
}

/** Key-shaped segments of the paths of the URLs in a value (`/v6/<32 hex>/latest`). */
function pathKeys(value: string): Span[] {
  if (!value.includes('://')) return [];
  return findUrls(value).flatMap(u => keyShapedPathSegments(u.url).map(k => ({ start: u.start + k.start, end: u.start + k.end })));
}

/** The secret positions of a value, sorted and merged. */
export function secretSpansInValue(value: string): Span[] {
  return mergeSpans([...secretPairs(value), ...userInfos(value), ...secretShapes(value), ...pathKeys(value)]);
}

/** The value with its secret positions blanked out (same length, so offsets still hold). */
export function withoutSecretParts(value: string, spans: readonly Span[] = secretSpansInValue(value)): string {
  let out = '';
  let p = 0;
  for (const s of spans) {
    out += value.slice(p, s.start) + ' '.repeat(s.end - s.start);
    p = s.end;
  }
  return out + value.slice(p);
}
