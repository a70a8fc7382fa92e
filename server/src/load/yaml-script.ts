// A desktop flow's script kept in a YAML scalar (`Definition:` of a Category 6 workflow.yml), with a
// map from script offsets to file offsets. Two layers, as in the XML layout: the YAML scalar's own
// quoting, then (usually) a JSON string literal; a raw script is accepted too.
import { decodeJsonString, EncodingStyle } from './definition';
import { SegmentMap } from './sourcemap';
import type { YamlNode } from './yaml';

export interface DecodedYamlScript {
  text: string;
  storage: 'json-string' | 'xml-text';
  map: SegmentMap;
  style: EncodingStyle;
  problems: Array<{ offset: number; message: string }>;
}

const STYLE: EncodingStyle = { xmlQuot: false, xmlApos: false, xmlGt: false, jsonAsciiOnly: false, jsonSlash: false };

export function decodeYamlScript(fileText: string, node: YamlNode): DecodedYamlScript {
  const problems: DecodedYamlScript['problems'] = [];
  const value = node.text;
  const starts = scalarStarts(fileText, node);
  let first = 0;
  while (first < value.length && /\s/.test(value[first])) first++;
  let last = value.length - 1;
  while (last >= first && /\s/.test(value[last])) last--;
  if (first <= last && value[first] === '"') {
    const units = new Uint16Array(value.length);
    for (let k = 0; k < value.length; k++) units[k] = value.charCodeAt(k);
    const decoded = decodeJsonString(units, starts, first, last, problems);
    if (decoded) return { text: decoded.text, storage: 'json-string', map: new SegmentMap(decoded.starts), style: { ...STYLE }, problems };
  }
  return { text: value, storage: 'xml-text', map: new SegmentMap(starts), style: { ...STYLE }, problems };
}

/**
 * File offset of each character of the scalar's value, plus the end. Exact for the styles Git
 * integration writes on one line (plain, single- and double-quoted) and for literal blocks; any
 * other shape (folded lines) maps every character to the scalar's start rather than to a wrong place.
 */
function scalarStarts(fileText: string, node: YamlNode): Int32Array {
  const value = node.text;
  const { start, end } = node.span;
  const out = new Int32Array(value.length + 1);
  const raw = fileText.slice(start, end);
  let ok = false;
  if (node.style === 'PLAIN' && raw === value) {
    for (let k = 0; k <= value.length; k++) out[k] = start + k;
    ok = true;
  } else if (node.style === 'QUOTE_SINGLE' && !/[\r\n]/.test(raw)) {
    ok = mapSingle(fileText, start + 1, end - 1, value, out);
  } else if (node.style === 'QUOTE_DOUBLE' && !/[\r\n]/.test(raw)) {
    ok = mapDouble(fileText, start + 1, end - 1, value, out);
  } else if (node.style === 'BLOCK_LITERAL') {
    ok = mapLiteral(fileText, start, end, value, out);
  }
  if (!ok) {
    out.fill(start);
    out[value.length] = end;
  }
  return out;
}

function mapSingle(text: string, from: number, to: number, value: string, out: Int32Array): boolean {
  let n = 0;
  for (let i = from; i < to; i++) {
    if (n >= value.length) return false;
    out[n++] = i;
    if (text[i] === "'") i++;
  }
  out[n] = to;
  return n === value.length;
}

const DOUBLE_ESCAPE_WIDTH: Record<string, number> = { x: 4, u: 6, U: 10 };

function mapDouble(text: string, from: number, to: number, value: string, out: Int32Array): boolean {
  let n = 0;
  for (let i = from; i < to;) {
    if (n >= value.length) return false;
    out[n] = i;
    if (text[i] === '\\') {
      const width = DOUBLE_ESCAPE_WIDTH[text[i + 1]] ?? 2;
      // \U beyond the BMP decodes to two UTF-16 units, both at the escape.
      const units = text[i + 1] === 'U' && parseInt(text.slice(i + 2, i + 10), 16) > 0xffff ? 2 : 1;
      for (let u = 1; u < units; u++) out[++n] = i;
      n++;
      i += width;
    } else {
      n++;
      i++;
    }
  }
  out[n] = to;
  return n === value.length;
}

/** A `|` block: each content line minus its indentation, each line break one '\n'. */
function mapLiteral(text: string, start: number, end: number, value: string, out: Int32Array): boolean {
  const header = text.indexOf('\n', start);
  if (header < 0 || header >= end) return false;
  let i = header + 1;
  let indent = -1;
  let n = 0;
  // Just past the last character mapped: the line break after it is not part of the value.
  let after = i;
  while (i < end && n < value.length) {
    const eol = text.indexOf('\n', i);
    const lineEnd = eol < 0 || eol > end ? end : eol;
    const contentEnd = lineEnd > i && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    let lead = 0;
    while (i + lead < contentEnd && text[i + lead] === ' ') lead++;
    if (indent < 0 && i + lead < contentEnd) indent = lead;
    const from = i + Math.min(indent < 0 ? lead : indent, lead);
    for (let k = from; k < contentEnd && n < value.length; k++) { out[n++] = k; after = k + 1; }
    if (n < value.length && lineEnd < end) { out[n++] = contentEnd; after = lineEnd + 1; }
    i = lineEnd + 1;
  }
  out[n] = after;
  return n === value.length;
}
