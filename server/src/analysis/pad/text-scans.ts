// Scans of plain text shared by the desktop-flow detectors and the data flow: HTTP header lines, the
// secret parts of URLs, where connection strings are, and what a value reads as (a sentence, a
// credential-like word, a plain URL). Every scan is linear in the length of the text.
import { ConnectionStringPart, findPaths, findStructuredSecrets, findUrls, parseConnectionString, PathMatch, UrlMatch, wholeUrl } from '../shared/values';
import type { FlatString } from './flat';
import { keyShapedPathSegments } from '../shared/url-keys';
import { isSecretQueryValue } from '../shared/vocabulary';
import { findUserInfo } from '../shared/scan';
import { secretSpansInValue } from '../shared/secret-parts';

// ---------------------------------------------------------------------------------------------
// The scans every value rule runs over every literal, asked once per literal and turned away cheaply:
// most literals hold no URL, path or connection string, and an empty answer is one shared array.

const NONE: readonly never[] = [];
const urlsByFlat = new WeakMap<FlatString, readonly UrlMatch[]>();
const pathsByFlat = new WeakMap<FlatString, readonly PathMatch[]>();

/** The URLs in a literal's text (findUrls), memoised: the URL, machine and secret scans all ask. */
export function urlsIn(f: FlatString): readonly UrlMatch[] {
  // Every URL has `://`.
  if (!f.text.includes('://')) return NONE;
  let urls = urlsByFlat.get(f);
  if (!urls) urlsByFlat.set(f, (urls = findUrls(f.text)));
  return urls;
}

/** wholeUrl of a literal's text, from urlsIn. */
export function wholeUrlIn(f: FlatString): UrlMatch | undefined {
  const urls = urlsIn(f);
  if (urls.length !== 1) return undefined;
  const text = f.text;
  const lead = text.length - text.trimStart().length;
  return urls[0].start === lead && urls[0].end === lead + text.trim().length ? urls[0] : undefined;
}

/** Whether a text may hold an absolute path: every one starts with `X:\`, `X:/` or `\\`. */
export function mayHoldPath(text: string): boolean {
  return text.includes(':\\') || text.includes(':/') || text.includes('\\\\');
}

/** The absolute paths in a literal's text (findPaths), memoised: the path and machine scans both ask. */
export function pathsIn(f: FlatString): readonly PathMatch[] {
  if (!mayHoldPath(f.text)) return NONE;
  let paths = pathsByFlat.get(f);
  if (!paths) pathsByFlat.set(f, (paths = findPaths(f.text)));
  return paths;
}

/** parseConnectionString, without its empty array for the many texts with no `=` at all. */
export function connectionParts(text: string): readonly ConnectionStringPart[] {
  return text.includes('=') ? parseConnectionString(text) : NONE;
}

/** A text that reads as a sentence (a message, a prompt), not a secret. */
export function isSentence(value: string): boolean {
  const v = value.trim();
  const words = v.split(/\s+/).filter(Boolean);
  if (words.length < 3) return false;
  if (/[.!?:]$/.test(v)) return true;
  return words.some(w => /^(the|a|an|please|enter|your|is|are|not|was|failed|invalid|to|for|of|and|or|with|from|in|on)$/i.test(w));
}

/** A literal that looks like a credential rather than a word: no spaces, long enough, mixed characters. */
export function looksLikeCredential(value: string): boolean {
  const v = value.trim();
  if (v.length < 12 || /\s/.test(v)) return false;
  let classes = 0;
  if (/[a-z]/.test(v)) classes++;
  if (/[A-Z]/.test(v)) classes++;
  if (/[0-9]/.test(v)) classes++;
  if (/[^A-Za-z0-9]/.test(v)) classes++;
  return classes >= 2;
}

/** `Name: value` lines of an HTTP header block. */
export function headerLines(text: string): Array<{ name: string; valueStart: number; valueEnd: number }> {
  const out: Array<{ name: string; valueStart: number; valueEnd: number }> = [];
  if (!text.includes(':')) return out;
  // Header names are HTTP tokens: letters, digits, `-` and `_` (`x_partner_auth_token`).
  const re = /^[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*([^\r\n]*?)[ \t]*$/gm;
  for (const m of text.matchAll(re)) {
    const valueStart = m.index! + m[0].indexOf(m[2], m[0].indexOf(':') + 1);
    out.push({ name: m[1], valueStart, valueEnd: valueStart + m[2].length });
  }
  return out;
}

/** The password of `scheme://user:password@host` occurrences. */
export function userInfoPasswords(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const m of findUserInfo(text, "/@:'\"<>", "/@'\"<>", true)) {
    const start = m.end - 1 - m.password.length;
    out.push({ start, end: start + m.password.length });
  }
  return out;
}

/** Secret parts of one URL: the password of its user info, key-shaped segments of its path, secret query parameters. */
export function urlSecrets(text: string, u: UrlMatch): Array<{ start: number; end: number; what: string }> {
  const out: Array<{ start: number; end: number; what: string }> = [];
  const seg = text.slice(u.start, u.end);
  const ui = findUserInfo(seg, "/@:'\"<>", "/@'\"<>", true)[0];
  if (ui && ui.index === 0) {
    const s = u.start + ui.end - 1 - ui.password.length;
    out.push({ start: s, end: s + ui.password.length, what: 'the password in the URL' });
  }
  // An API key written into the path (`/v6/<32 hex>/latest`): the same secret as `?apikey=…`.
  for (const k of keyShapedPathSegments(u.url)) out.push({ start: u.start + k.start, end: u.start + k.end, what: 'the key in the URL path' });
  // The query, and a fragment carrying parameters (`#access_token=…` of the OAuth implicit flow).
  const q = seg.search(/[?#]/);
  if (q >= 0) {
    // A key starts at the query's start or after a separator: a failed key is not re-read from each of its characters.
    const re = /(?<![^&=#?])([^&=#?]+)=([^&#]*)/g;
    const query = seg.slice(q + 1);
    for (const m of query.matchAll(re)) {
      if (!m[2] || !isSecretQueryValue(m[1], u.host, m[2])) continue;
      const s = u.start + q + 1 + m.index! + m[1].length + 1;
      const hash = seg.indexOf('#');
      const afterHash = hash >= 0 && q + 1 + m.index! > hash;
      out.push({ start: s, end: s + m[2].length, what: afterHash ? `the '${m[1]}' parameter after the #` : `the '${m[1]}' query parameter` });
    }
  }
  return out;
}

/**
 * The whole text (white space aside) is one URL with no secret part inside it: no user-info, no secret
 * query parameter or `name=value` pair, no secret known by its shape, no key-shaped path segment (a
 * webhook's token). Such a value is an address, whatever the variable holding it is called.
 */
export function isPlainUrl(text: string): boolean {
  if (!text.includes('://')) return false;
  const u = wholeUrl(text);
  return !!u && !urlSecrets(text, u).length && !findStructuredSecrets(text).length && !secretSpansInValue(text).length;
}

/** Connection strings have at least one key only they use. */
export function looksLikeConnectionString(text: string): boolean {
  const parts = connectionParts(text);
  return parts.some(p => /^(server|data ?source|database|initial catalog|user ?id|uid|password|pwd|provider|driver|dsn|trusted_connection|integrated security|persist security info|encrypt|accountname|accountkey|defaultendpointsprotocol|sharedaccesskey|sharedaccesskeyname|endpoint|authtype|host|port|dbq|sslmode|servernode|currentschema)$/i.test(p.key));
}

/**
 * Where connection strings may be in a text: the whole text (a connection argument or a stored value),
 * and, in command lines and scripts, each quoted string that reads as one.
 */
export function connectionRegions(text: string, whole: boolean, code: boolean): ReadonlyArray<{ offset: number; text: string }> {
  if (!whole && !code) return NONE;
  const out: Array<{ offset: number; text: string }> = [];
  if (whole) out.push({ offset: 0, text });
  if (code) {
    for (const m of text.matchAll(/(["'])([^"'\r\n]{8,})\1/g)) {
      if (looksLikeConnectionString(m[2])) out.push({ offset: m.index! + 1, text: m[2] });
    }
    // An unquoted connection string as the whole command line (`--conn Server=…;Pwd=…`).
    if (!out.length && looksLikeConnectionString(text)) out.push({ offset: 0, text });
  }
  return out;
}

export function sameUrl(a: UrlMatch | undefined, b: UrlMatch): boolean {
  return !!a && a.start === b.start && a.end === b.end;
}
