// Decoding of a desktop flow's <Definition> element into its script, with a position map, and the
// inverse encoding used by fixes. Two storages exist in real solutions:
//   json-string: the element text is a JSON string literal ("@@ConnectionString: ''\r\n…"),
//                XML-escaped on top (Power Platform exports);
//   xml-text:    the element text is the script itself, XML-escaped.
import type { Span } from '../util/text';
import { SegmentMap, SourceMap } from './sourcemap';
import { entityAt } from './xml';

export interface DecodedDefinition {
  text: string;
  storage: 'json-string' | 'xml-text';
  map: SourceMap;
  /** How the stored text escapes characters, so edits can be written the same way. */
  style: EncodingStyle;
  problems: Array<{ offset: number; message: string }>;
}

export interface EncodingStyle {
  /** `"` written as &quot; in the XML text. */
  xmlQuot: boolean;
  /** `'` written as &apos;. */
  xmlApos: boolean;
  /** `>` written as &gt; (always true in Power Platform exports). */
  xmlGt: boolean;
  /** Non-ASCII characters written as \uXXXX in the JSON string. */
  jsonAsciiOnly: boolean;
  /** `/` written as \/ in the JSON string. */
  jsonSlash: boolean;
}

/**
 * Decodes the raw content of a <Definition> element. `content` is the element's content span in
 * `fileText`. Never throws: malformed escapes are kept literally and reported.
 */
export function decodeDefinition(fileText: string, content: Span): DecodedDefinition {
  const problems: DecodedDefinition['problems'] = [];
  // Layer 1: XML. xmlChars[i] is a decoded character; xmlStart[i] its file offset.
  const xmlChars: string[] = [];
  const xmlStart: number[] = [];
  let i = content.start;
  const end = content.end;
  while (i < end) {
    const c = fileText[i];
    if (c === '&') {
      const ent = entityAt(fileText, i);
      if (ent && i + ent.length <= end) {
        for (const unit of splitUnits(ent.value)) { xmlChars.push(unit); xmlStart.push(i); }
        i += ent.length;
        continue;
      }
      problems.push({ offset: i, message: "'&' does not start a valid XML entity" });
    } else if (c === '<' && fileText.startsWith('<![CDATA[', i)) {
      const close = fileText.indexOf(']]>', i + 9);
      const stop = close < 0 || close > end ? end : close;
      for (let k = i + 9; k < stop; k++) { xmlChars.push(fileText[k]); xmlStart.push(k); }
      i = stop + 3;
      continue;
    }
    xmlChars.push(c);
    xmlStart.push(i);
    i++;
  }
  xmlStart.push(end);

  const style: EncodingStyle = {
    xmlQuot: fileText.slice(content.start, content.end).includes('&quot;'),
    xmlApos: fileText.slice(content.start, content.end).includes('&apos;'),
    xmlGt: !/[^\]]>/.test(stripCdata(fileText.slice(content.start, content.end))),
    jsonAsciiOnly: false,
    jsonSlash: false,
  };

  // Is it a JSON string literal? Allow white space around it.
  let first = 0;
  while (first < xmlChars.length && /\s/.test(xmlChars[first])) first++;
  let last = xmlChars.length - 1;
  while (last >= first && /\s/.test(xmlChars[last])) last--;
  if (first <= last && xmlChars[first] === '"') {
    const decoded = decodeJsonString(xmlChars, xmlStart, first, last, problems);
    if (decoded) {
      style.jsonAsciiOnly = decoded.sawUnicodeEscape && !decoded.sawRawNonAscii;
      style.jsonSlash = decoded.sawEscapedSlash;
      return { text: decoded.text, storage: 'json-string', map: new SegmentMap(decoded.starts), style, problems };
    }
  }
  return { text: xmlChars.join(''), storage: 'xml-text', map: new SegmentMap(xmlStart), style, problems };
}

function decodeJsonString(
  chars: string[],
  starts: number[],
  open: number,
  last: number,
  problems: DecodedDefinition['problems'],
): { text: string; starts: number[]; sawUnicodeEscape: boolean; sawRawNonAscii: boolean; sawEscapedSlash: boolean } | undefined {
  const out: string[] = [];
  const outStart: number[] = [];
  let sawUnicodeEscape = false;
  let sawRawNonAscii = false;
  let sawEscapedSlash = false;
  let k = open + 1;
  let closed = -1;
  while (k <= last) {
    const c = chars[k];
    if (c === '"') { closed = k; break; }
    if (c === '\\') {
      const e = chars[k + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && simple[e] !== undefined) {
        if (e === '/') sawEscapedSlash = true;
        out.push(simple[e]);
        outStart.push(starts[k]);
        k += 2;
        continue;
      }
      if (e === 'u') {
        const hex = chars.slice(k + 2, k + 6).join('');
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          sawUnicodeEscape = true;
          out.push(String.fromCharCode(parseInt(hex, 16)));
          outStart.push(starts[k]);
          k += 6;
          continue;
        }
      }
      problems.push({ offset: starts[k], message: 'invalid escape sequence in the JSON-encoded definition' });
    } else if (c.charCodeAt(0) > 127) {
      sawRawNonAscii = true;
    }
    out.push(c);
    outStart.push(starts[k]);
    k++;
  }
  if (closed < 0) {
    problems.push({ offset: starts[open], message: 'the JSON-encoded definition has no closing quote (truncated?)' });
    if (out.length === 0) return undefined;
    outStart.push(starts[last + 1]);
  } else {
    if (closed < last) problems.push({ offset: starts[closed + 1], message: 'unexpected text after the JSON-encoded definition' });
    outStart.push(starts[closed]);
  }
  return { text: out.join(''), starts: outStart, sawUnicodeEscape, sawRawNonAscii, sawEscapedSlash };
}

/**
 * Encodes script text the way the definition stores it, so that replacing a file span with the
 * result equals replacing the corresponding script span with `text`.
 */
export function encodeForDefinition(text: string, storage: 'json-string' | 'xml-text' | 'file', style?: EncodingStyle): string {
  if (storage === 'file') return text;
  let s = text;
  if (storage === 'json-string') {
    let json = '';
    for (const ch of s) {
      const code = ch.codePointAt(0)!;
      if (ch === '"') json += '\\"';
      else if (ch === '\\') json += '\\\\';
      else if (ch === '\r') json += '\\r';
      else if (ch === '\n') json += '\\n';
      else if (ch === '\t') json += '\\t';
      else if (ch === '/' && style?.jsonSlash) json += '\\/';
      else if (code < 0x20) json += '\\u' + code.toString(16).padStart(4, '0');
      else if (code > 127 && style?.jsonAsciiOnly) {
        for (const unit of splitUnits(ch)) json += '\\u' + unit.charCodeAt(0).toString(16).padStart(4, '0');
      } else json += ch;
    }
    s = json;
  }
  s = s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  if (style?.xmlGt !== false) s = s.replace(/>/g, '&gt;');
  if (style?.xmlQuot) s = s.replace(/"/g, '&quot;');
  if (style?.xmlApos) s = s.replace(/'/g, '&apos;');
  return s;
}

function splitUnits(s: string): string[] {
  const units: string[] = [];
  for (let k = 0; k < s.length; k++) units.push(s[k]);
  return units;
}

function stripCdata(s: string): string {
  return s.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
}
