// Decoding of a desktop flow's <Definition> element into its script, with a position map, and the
// inverse encoding used by fixes. Two storages exist in real solutions:
//   json-string: the element text is a JSON string literal ("@@ConnectionString: ''\r\n…"),
//                XML-escaped on top (Power Platform exports);
//   xml-text:    the element text is the script itself, XML-escaped.
import type { EncodingStyle } from '../model/types';
export type { EncodingStyle } from '../model/types';
import type { Span } from '../util/text';
import { SegmentMap, SegmentMapBuilder, SourceMap } from './sourcemap';
import { guardLoad } from './guard';
// Exact: a decoder would replace lone surrogates and shift offsets.
import { unitsToString } from './jsonscan';
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
  const raw = fileText.slice(content.start, content.end);
  const style: EncodingStyle = {
    xmlQuot: raw.includes('&quot;'),
    xmlApos: raw.includes('&apos;'),
    xmlGt: !hasBareGt(raw),
    jsonAsciiOnly: false,
    jsonSlash: false,
  };
  // Is it a JSON string literal? Allow white space around it.
  const xmlProblems: DecodedDefinition['problems'] = [];
  const units = new XmlUnits(fileText, content.start, content.end, xmlProblems);
  let found = units.next();
  while (found && isSpace(units.code)) found = units.next();
  if (found && units.code === 34 /* " */) {
    const decoded = decodeJsonDefinition(units, content);
    if (decoded.text !== undefined) {
      style.jsonAsciiOnly = decoded.sawUnicodeEscape && !decoded.sawRawNonAscii;
      style.jsonSlash = decoded.sawEscapedSlash;
      return { text: decoded.text, storage: 'json-string', map: decoded.map, style, problems: decoded.problems };
    }
    // An unterminated literal with nothing in it: the text is the script (its problems were found already).
    return { ...decodeXmlText(fileText, content, []), storage: 'xml-text', style, problems: decoded.problems };
  }
  const problems: DecodedDefinition['problems'] = [];
  return { ...decodeXmlText(fileText, content, problems), storage: 'xml-text', style, problems };
}

/**
 * The XML layer of a definition, read one UTF-16 unit at a time: `code` is the decoded unit and
 * `start` the file offset where its encoding begins. Between entities and CDATA markers, file
 * characters are their own units, so decoders copy such runs in a tight loop (see `atPlain`).
 */
class XmlUnits {
  code = -1;
  start = -1;
  /** End of the current CDATA section's text, or -1 outside one. */
  cdataStop = -1;
  /** The second unit of an entity for a character outside the BMP, or -1. */
  private second = -1;
  private readonly marked = new Int32Array(6);
  constructor(readonly text: string, public pos: number, readonly end: number, readonly problems: DecodedDefinition['problems']) {}

  /** Whether the next unit is the file character at `pos` (runs may be copied from there up to `plainLimit`). */
  atPlain(): boolean { return this.second < 0; }

  /** The offset up to which characters from `pos` can be plain (the CDATA end or the content end). */
  plainLimit(): number { return this.cdataStop >= 0 ? this.cdataStop : this.end; }

  next(): boolean {
    if (this.second >= 0) {
      this.code = this.second;
      this.second = -1;
      return true;
    }
    const text = this.text;
    for (;;) {
      if (this.cdataStop >= 0) {
        if (this.pos < this.cdataStop) return this.take(text.charCodeAt(this.pos), 1);
        this.pos = this.cdataStop + 3;
        this.cdataStop = -1;
        continue;
      }
      if (this.pos >= this.end) return false;
      const i = this.pos;
      const c = text.charCodeAt(i);
      if (c === 38 /* & */) {
        const ent = entityAt(text, i);
        if (ent && i + ent.length <= this.end) {
          if (ent.value.length > 1) this.second = ent.value.charCodeAt(1);
          return this.take(ent.value.charCodeAt(0), ent.length);
        }
        this.problems.push({ offset: i, message: "'&' does not start a valid XML entity" });
      } else if (c === 60 /* < */ && text.startsWith('<![CDATA[', i)) {
        const close = text.indexOf(']]>', i + 9);
        this.cdataStop = close < 0 || close > this.end ? this.end : close;
        this.pos = i + 9;
        continue;
      }
      return this.take(c, 1);
    }
  }

  /** Remembers the reader's state, to read ahead and come back with `reset` (one mark at a time, no allocation). */
  mark(): void {
    this.marked[0] = this.pos; this.marked[1] = this.cdataStop; this.marked[2] = this.second;
    this.marked[3] = this.code; this.marked[4] = this.start; this.marked[5] = this.problems.length;
  }

  /** Back to the marked state; problems found since are dropped (they will be found again). */
  reset(): void {
    this.pos = this.marked[0]; this.cdataStop = this.marked[1]; this.second = this.marked[2];
    this.code = this.marked[3]; this.start = this.marked[4]; this.problems.length = this.marked[5];
  }

  private take(code: number, length: number): boolean {
    this.code = code;
    this.start = this.pos;
    this.pos += length;
    return true;
  }
}

/** The element text as the script (xml-text storage), decoded in one pass with its map. */
function decodeXmlText(fileText: string, content: Span, problems: DecodedDefinition['problems']): { text: string; map: SourceMap } {
  const units = new XmlUnits(fileText, content.start, content.end, problems);
  const out = unitBuffer(content.end - content.start);
  const map = new SegmentMapBuilder();
  for (;;) {
    if (units.atPlain()) {
      const from = units.pos;
      const limit = units.plainLimit();
      let k = from;
      let n = map.length;
      while (k < limit) {
        const c = fileText.charCodeAt(k);
        if (c === 38 || c === 60) break;
        out[n++] = c;
        k++;
      }
      if (k > from) {
        map.run(from, k - from);
        units.pos = k;
      }
    }
    if (!units.next()) break;
    out[map.length] = units.code;
    map.char(units.start);
  }
  return { text: unitsToString(out, map.length), map: map.finish(content.end) };
}

/**
 * The JSON string literal whose opening quote `units` has just read, decoded in the same pass as
 * the XML layer under it. `text` is undefined when the literal is unterminated and empty.
 */
function decodeJsonDefinition(units: XmlUnits, content: Span): {
  text: string | undefined; map: SourceMap; problems: DecodedDefinition['problems'];
  sawUnicodeEscape: boolean; sawRawNonAscii: boolean; sawEscapedSlash: boolean;
} {
  const fileText = units.text;
  const quoteStart = units.start;
  const jsonProblems: DecodedDefinition['problems'] = [];
  const out = unitBuffer(content.end - content.start);
  const map = new SegmentMapBuilder();
  let sawUnicodeEscape = false;
  let sawRawNonAscii = false;
  let sawEscapedSlash = false;
  // Script length through the last character not decoded from a white-space unit (an unterminated
  // literal ends at its last non-space unit).
  let solidLength = 0;
  let closedAt = -1;
  for (;;) {
    if (units.atPlain()) {
      // The common case: a run without entities, escapes or quotes is one copy loop and one segment.
      // A simple escape written without entities (`\r`, `\n` end every line) is decoded here too,
      // rather than unit by unit through the XML reader.
      const limit = units.plainLimit();
      let k = units.pos;
      for (;;) {
        const from = k;
        let n = map.length;
        while (k < limit) {
          const c = fileText.charCodeAt(k);
          if (c === 92 || c === 34 || c === 38 || c === 60) break;
          if (c > 127) sawRawNonAscii = true;
          out[n++] = c;
          k++;
        }
        if (k > from) {
          let lastSolid = k - 1;
          while (lastSolid >= from && isSpace(fileText.charCodeAt(lastSolid))) lastSolid--;
          if (lastSolid >= from) solidLength = map.length + lastSolid - from + 1;
          map.run(from, k - from);
        }
        if (k + 1 >= limit || fileText.charCodeAt(k) !== 92) break;
        const e = fileText.charCodeAt(k + 1);
        const simple = e < 128 ? PLAIN_SIMPLE_ESCAPES[e] : -1;
        if (simple < 0) break;
        if (e === 47) sawEscapedSlash = true;
        out[map.length] = simple;
        map.char(k);
        solidLength = map.length;
        k += 2;
      }
      units.pos = k;
    }
    if (!units.next()) break;
    const c = units.code;
    const at = units.start;
    if (c === 34) { closedAt = at; break; }
    let decoded = c;
    if (c === 92 /* \ */) {
      units.mark();
      decoded = -1;
      if (units.next()) {
        const e = units.code;
        const simple = SIMPLE_ESCAPES[e];
        if (simple !== undefined) {
          if (e === 47) sawEscapedSlash = true;
          decoded = simple;
        } else if (e === 117 /* u */) {
          const value = readHex4(units);
          if (value >= 0) { sawUnicodeEscape = true; decoded = value; }
        }
      }
      if (decoded < 0) {
        units.reset();
        jsonProblems.push({ offset: at, message: 'invalid escape sequence in the JSON-encoded definition' });
        decoded = 92;
      }
    } else if (c > 127) {
      sawRawNonAscii = true;
    }
    out[map.length] = decoded;
    map.char(at);
    if (!isSpace(c)) solidLength = map.length;
  }
  let text: string | undefined;
  let end: number;
  if (closedAt < 0) {
    jsonProblems.push({ offset: quoteStart, message: 'the JSON-encoded definition has no closing quote (truncated?)' });
    // Trailing white space is outside the literal: the script ends where it starts.
    end = solidLength < map.length ? map.startOf(solidLength) : content.end;
    map.truncate(solidLength);
    text = solidLength === 0 ? undefined : unitsToString(out, solidLength, !sawRawNonAscii && !sawUnicodeEscape);
  } else {
    end = closedAt;
    // Units above 127 come only from raw characters, entities (both set sawRawNonAscii) and \u escapes.
    text = unitsToString(out, map.length, !sawRawNonAscii && !sawUnicodeEscape);
    // Anything but white space after the literal is reported at the unit just after the quote.
    let afterQuote = -1;
    let trailing = false;
    while (units.next()) {
      if (afterQuote < 0) afterQuote = units.start;
      if (!isSpace(units.code)) { trailing = true; break; }
    }
    while (units.next());
    if (trailing) jsonProblems.push({ offset: afterQuote, message: 'unexpected text after the JSON-encoded definition' });
  }
  return { text, map: map.finish(end), problems: units.problems.concat(jsonProblems), sawUnicodeEscape, sawRawNonAscii, sawEscapedSlash };
}

// Decoded units are written to one buffer reused across definitions (a script's text is made from it
// once); it keeps up to 1M units between calls, larger definitions get a buffer of their own.
const KEPT_UNITS = 1 << 20;
let sharedUnits = new Uint16Array(1 << 16);

/** A buffer for at least `length` decoded units (a definition decodes to at most one unit per character). */
function unitBuffer(length: number): Uint16Array {
  if (length <= sharedUnits.length) return sharedUnits;
  if (length > KEPT_UNITS) return new Uint16Array(length);
  sharedUnits = new Uint16Array(Math.min(KEPT_UNITS, Math.max(length, sharedUnits.length * 2)));
  return sharedUnits;
}

/** The value of four hex digit units read from `units`, or -1. */
function readHex4(units: XmlUnits): number {
  let value = 0;
  for (let d = 0; d < 4; d++) {
    if (!units.next()) return -1;
    const c = units.code;
    const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

const SIMPLE_ESCAPES: Record<number, number> = { 34: 34, 92: 92, 47: 47, 98: 8, 102: 12, 110: 10, 114: 13, 116: 9 };

/** SIMPLE_ESCAPES as a table over ASCII (-1: not a simple escape), for the copy loop of decodeJsonDefinition. */
const PLAIN_SIMPLE_ESCAPES = Int32Array.from({ length: 128 }, (_, c) => SIMPLE_ESCAPES[c] ?? -1);

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
