// Decoding of a desktop flow's <Definition> element into its script, with a position map, and the
// inverse encoding used by fixes. Two storages exist in real solutions:
//   json-string: the element text is a JSON string literal ("@@ConnectionString: ''\r\n…"),
//                XML-escaped on top (Power Platform exports);
//   xml-text:    the element text is the script itself, XML-escaped.
import type { EncodingStyle } from '../model/types';
export type { EncodingStyle } from '../model/types';
import type { Span } from '../util/text';
import { SegmentMap, SourceMap } from './sourcemap';
import { guardLoad } from './guard';
import { unitsToString as unitsToStringChunked } from './jsonscan';
import { entityAt } from './xml';

export interface DecodedDefinition {
  text: string;
  storage: 'json-string' | 'xml-text';
  map: SourceMap;
  /** How the stored text escapes characters, so edits can be written the same way. */
  style: EncodingStyle;
  problems: Array<{ offset: number; message: string }>;
}


/**
 * Decodes the raw content of a <Definition> element. `content` is the element's content span in
 * `fileText`. Never throws: malformed escapes are kept literally and reported.
 */
export function decodeDefinition(fileText: string, content: Span): DecodedDefinition {
  return guardLoad(() => decodeDefinitionUnguarded(fileText, content), message => ({
    text: '', storage: 'xml-text', map: new SegmentMap([content.start]), problems: [{ offset: content.start, message }],
    style: { xmlQuot: false, xmlApos: false, xmlGt: true, jsonAsciiOnly: false, jsonSlash: false },
  }));
}

function decodeDefinitionUnguarded(fileText: string, content: Span): DecodedDefinition {
  const problems: DecodedDefinition['problems'] = [];
  const raw = fileText.slice(content.start, content.end);
  // Layer 1: XML. xml[k] is a decoded UTF-16 unit; xmlStart[k] the file offset where it begins.
  // Typed arrays keep this allocation-free per character (definitions reach 16M characters).
  const xml = new Uint16Array(raw.length);
  const xmlStart = new Int32Array(raw.length + 1);
  let m = 0;
  let i = content.start;
  const end = content.end;
  while (i < end) {
    const c = fileText.charCodeAt(i);
    if (c === 38 /* & */) {
      const ent = entityAt(fileText, i);
      if (ent && i + ent.length <= end) {
        for (let u = 0; u < ent.value.length; u++) { xml[m] = ent.value.charCodeAt(u); xmlStart[m++] = i; }
        i += ent.length;
        continue;
      }
      problems.push({ offset: i, message: "'&' does not start a valid XML entity" });
    } else if (c === 60 /* < */ && fileText.startsWith('<![CDATA[', i)) {
      const close = fileText.indexOf(']]>', i + 9);
      const stop = close < 0 || close > end ? end : close;
      for (let k = i + 9; k < stop; k++) { xml[m] = fileText.charCodeAt(k); xmlStart[m++] = k; }
      i = stop + 3;
      continue;
    }
    xml[m] = c;
    xmlStart[m++] = i;
    i++;
  }
  xmlStart[m] = end;

  const style: EncodingStyle = {
    xmlQuot: raw.includes('&quot;'),
    xmlApos: raw.includes('&apos;'),
    xmlGt: !hasBareGt(raw),
    jsonAsciiOnly: false,
    jsonSlash: false,
  };

  // Is it a JSON string literal? Allow white space around it.
  let first = 0;
  while (first < m && isSpace(xml[first])) first++;
  let last = m - 1;
  while (last >= first && isSpace(xml[last])) last--;
  if (first <= last && xml[first] === 34 /* " */) {
    const decoded = decodeJsonString(xml, xmlStart, first, last, problems);
    if (decoded) {
      style.jsonAsciiOnly = decoded.sawUnicodeEscape && !decoded.sawRawNonAscii;
      style.jsonSlash = decoded.sawEscapedSlash;
      return { text: decoded.text, storage: 'json-string', map: new SegmentMap(decoded.starts), style, problems };
    }
  }
  return { text: unitsToString(xml, m), storage: 'xml-text', map: new SegmentMap(xmlStart.subarray(0, m + 1)), style, problems };
}

const SIMPLE_ESCAPES: Record<number, number> = { 34: 34, 92: 92, 47: 47, 98: 8, 102: 12, 110: 10, 114: 13, 116: 9 };

/** A JSON string literal in `units[open..last]`, with the file offset of each decoded unit (`starts` maps units to the file). */
export function decodeJsonString(
  units: Uint16Array,
  starts: Int32Array,
  open: number,
  last: number,
  problems: DecodedDefinition['problems'],
): { text: string; starts: Int32Array; sawUnicodeEscape: boolean; sawRawNonAscii: boolean; sawEscapedSlash: boolean } | undefined {
  const out = new Uint16Array(last - open + 1);
  const outStart = new Int32Array(last - open + 2);
  let n = 0;
  let sawUnicodeEscape = false;
  let sawRawNonAscii = false;
  let sawEscapedSlash = false;
  let k = open + 1;
  let closed = -1;
  while (k <= last) {
    const c = units[k];
    if (c === 34) { closed = k; break; }
    if (c === 92 /* \ */) {
      const e = k + 1 <= last ? units[k + 1] : -1;
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        if (e === 47) sawEscapedSlash = true;
        out[n] = simple; outStart[n++] = starts[k];
        k += 2;
        continue;
      }
      if (e === 117 /* u */ && k + 5 <= last) {
        const hex = String.fromCharCode(units[k + 2], units[k + 3], units[k + 4], units[k + 5]);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          sawUnicodeEscape = true;
          out[n] = parseInt(hex, 16); outStart[n++] = starts[k];
          k += 6;
          continue;
        }
      }
      problems.push({ offset: starts[k], message: 'invalid escape sequence in the JSON-encoded definition' });
    } else if (c > 127) {
      sawRawNonAscii = true;
    }
    out[n] = c; outStart[n++] = starts[k];
    k++;
  }
  if (closed < 0) {
    problems.push({ offset: starts[open], message: 'the JSON-encoded definition has no closing quote (truncated?)' });
    if (n === 0) return undefined;
    outStart[n] = starts[last + 1];
  } else {
    if (closed < last) problems.push({ offset: starts[closed + 1], message: 'unexpected text after the JSON-encoded definition' });
    outStart[n] = starts[closed];
  }
  return { text: unitsToString(out, n), starts: outStart.subarray(0, n + 1), sawUnicodeEscape, sawRawNonAscii, sawEscapedSlash };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Builds a string from UTF-16 units exactly (a decoder would replace lone surrogates and shift offsets). */
function unitsToString(units: Uint16Array, length: number): string {
  return unitsToStringChunked(units, length);
}

/**
 * Encodes script text the way the definition stores it, so that replacing a file span with the
 * result equals replacing the corresponding script span with `text`.
 */
export function encodeForDefinition(text: string, storage: 'json-string' | 'xml-text' | 'file', style?: EncodingStyle): string {
  if (storage === 'file') return text;
  let s = text;
  if (storage === 'json-string') {
    s = encodeJsonStringBody(s, style);
  }
  s = s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  if (style?.xmlGt !== false) s = s.replace(/>/g, '&gt;');
  if (style?.xmlQuot) s = s.replace(/"/g, '&quot;');
  if (style?.xmlApos) s = s.replace(/'/g, '&apos;');
  return s;
}

/**
 * The body of a JSON string literal for `text`. Runs that need no escape are copied as slices
 * (never one concatenation per character: scripts reach millions of characters).
 */
function encodeJsonStringBody(text: string, style?: EncodingStyle): string {
  const chunks: string[] = [];
  let run = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    let esc: string | undefined;
    if (c === 34) esc = '\\"';
    else if (c === 92) esc = '\\\\';
    else if (c === 13) esc = '\\r';
    else if (c === 10) esc = '\\n';
    else if (c === 9) esc = '\\t';
    else if (c === 47 && style?.jsonSlash) esc = '\\/';
    else if (c < 0x20 || (c > 127 && style?.jsonAsciiOnly)) esc = '\\u' + c.toString(16).padStart(4, '0');
    if (esc === undefined) continue;
    if (k > run) chunks.push(text.slice(run, k));
    chunks.push(esc);
    run = k + 1;
  }
  if (chunks.length === 0) return text;
  if (run < text.length) chunks.push(text.slice(run));
  return chunks.join('');
}

/**
 * Whether a '>' is written as itself (not after ']') outside CDATA sections. One pass: a lazy regex
 * stripping the sections rescanned the rest of the text for every unterminated '<![CDATA['.
 */
function hasBareGt(raw: string): boolean {
  let i = 0;
  // The last character of the text before a section: with the sections removed, it precedes the next text.
  let carry = '';
  for (;;) {
    const open = raw.indexOf('<![CDATA[', i);
    const close = open < 0 ? -1 : raw.indexOf(']]>', open + 9);
    // An unterminated section is text (the stripping regex left it in place).
    const textEnd = close < 0 ? raw.length : open;
    if (bareGtIn(raw, i, textEnd, carry)) return true;
    if (close < 0) return false;
    if (textEnd > i) carry = raw[textEnd - 1];
    i = close + 3;
  }
}

/** Whether raw[start, end), after `carry` (the text before it, '' or one character), has a '>' not after ']'. */
function bareGtIn(raw: string, start: number, end: number, carry: string): boolean {
  // Native searches for '>' rather than a regular expression over a text of millions of characters.
  for (let gt = raw.indexOf('>', start); gt >= 0 && gt < end; gt = raw.indexOf('>', gt + 1)) {
    const before = gt > start ? raw.charCodeAt(gt - 1) : carry ? carry.charCodeAt(0) : -1;
    if (before >= 0 && before !== 93 /* ] */) return true;
  }
  return false;
}
