// JSON with positions: every node keeps its offsets. Valid JSON goes through one strict pass
// (json-strict.ts); the rest through jsonc-parser's tolerant tree, which reports the problems.
import { Node as JsonNode, ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Span } from '../util/text';
import { parseStrictJson } from './json-strict';
import { decodeJsonStringToken, MAX_JSON_DEPTH, scanJson } from './jsonscan';

export type { JsonNode };

export interface JsonParseResult {
  root?: JsonNode;
  problems: Array<{ offset: number; length: number; message: string }>;
}

export function parseJson(text: string): JsonParseResult {
  // Nearly every file is valid JSON: one strict pass builds the tree; the rest take the tolerant path.
  const strict = parseStrictJson(text);
  if (strict) return { root: strict, problems: [] };
  const scan = scanJson(text);
  if (scan.tooDeepAt >= 0) {
    // Refused before parsing: jsonc-parser's tree builder recurses once per level.
    return { problems: [{ offset: scan.tooDeepAt, length: 1, message: `invalid JSON: nested more than ${MAX_JSON_DEPTH} levels deep; not read` }] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(scan.masked ?? text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  if (root && scan.escapedStrings.size) decodeEscapedStrings(root, text, scan.escapedStrings);
  const all: Array<{ offset: number; length: number; message: string }> = errors.map(e => ({ offset: e.offset, length: e.length, message: describe(e) }));
  all.push(...scan.badEscapes);
  all.sort((a, b) => a.offset - b.offset);
  // Later errors mostly cascade from the first (a truncated file misses every closing brace).
  const [first] = all;
  const more = all.length > 1 ? ` (and ${all.length - 1} more problem${all.length > 2 ? 's' : ''} after it)` : '';
  return { root, problems: first ? [{ offset: first.offset, length: first.length, message: first.message + more }] : [] };
}

/** Sets the value of every string node whose escapes were masked, from the original text (iterative walk). */
function decodeEscapedStrings(root: JsonNode, text: string, escaped: Set<number>): void {
  const stack: JsonNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'string' && escaped.has(node.offset)) (node as { value: unknown }).value = decodeJsonStringToken(text, node.offset, node.length);
    if (node.children) for (const c of node.children) stack.push(c);
  }
}

function describe(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  const readable: Record<string, string> = {
    InvalidSymbol: 'invalid symbol',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'property name expected',
    ValueExpected: 'value expected',
    ColonExpected: "':' expected",
    CommaExpected: "',' expected",
    CloseBraceExpected: "'}' expected (file truncated?)",
    CloseBracketExpected: "']' expected (file truncated?)",
    EndOfFileExpected: 'unexpected text after the JSON value',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string (file truncated?)',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return `invalid JSON: ${readable[code] ?? code}`;
}

/** The value node of property `key` of an object node (exact key match). */
export function prop(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  for (const p of node.children) {
    if (p.children && p.children[0]?.value === key) return p.children[1];
  }
  return undefined;
}

/** Like prop, ignoring case (deployment settings files are hand-edited). */
export function propIgnoreCase(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  const lower = key.toLowerCase();
  for (const p of node.children) {
    const k = p.children?.[0]?.value;
    if (typeof k === 'string' && k.toLowerCase() === lower) return p.children![1];
  }
  return undefined;
}

/** Follows a path of property names. */
export function propPath(node: JsonNode | undefined, ...keys: string[]): JsonNode | undefined {
  let cur = node;
  for (const k of keys) cur = prop(cur, k);
  return cur;
}

/** [key, keyNode, valueNode] for each property of an object node. */
export function entries(node: JsonNode | undefined): Array<[string, JsonNode, JsonNode]> {
  if (!node || node.type !== 'object' || !node.children) return [];
  const out: Array<[string, JsonNode, JsonNode]> = [];
  for (const p of node.children) {
    const [k, v] = p.children ?? [];
    if (k && v && typeof k.value === 'string') out.push([k.value, k, v]);
  }
  return out;
}

export function stringValue(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

export function span(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}

/** Span of a string node's content, without the quotes. */
export function innerSpan(node: JsonNode): Span {
  return node.type === 'string' ? { start: node.offset + 1, end: node.offset + node.length - 1 } : span(node);
}

/** JSON pointer of a node (RFC 6901). */
export function pointerOf(node: JsonNode): string {
  let pointer = '';
  let cur: JsonNode | undefined = node;
  while (cur?.parent) {
    const parent: JsonNode = cur.parent;
    if (parent.type === 'property') {
      pointer = '/' + escapePointerPart(String(parent.children![0].value)) + pointer;
      cur = parent.parent;
      continue;
    }
    if (parent.type === 'array') pointer = '/' + parent.children!.indexOf(cur) + pointer;
    cur = parent;
  }
  return pointer;
}

/** RFC 6901 escaping; most names need none (one pointer per action is built while loading). */
export function escapePointerPart(part: string): string {
  return part.includes('~') || part.includes('/') ? part.replace(/~/g, '~0').replace(/\//g, '~1') : part;
}

/** The property names and indexes of a JSON pointer (RFC 6901), unescaped: the inverse of pointerOf. */
export function pointerPath(pointer: string): string[] {
  return pointer.split('/').slice(1).map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Where each decoded UTF-16 unit of a JSON string node lies in the file, plus one entry for its end. */
export interface StringOffsets {
  /** Decoded length + 1. */
  readonly length: number;
  /** File offset of decoded unit `k` (k = decoded length: the closing quote). */
  at(k: number): number;
  /** The decoded index whose file offset is `fileOffset` (searching from `from`), or -1. */
  indexOf(fileOffset: number, from?: number): number;
}

/**
 * The offsets of a string node's decoded value. Without escapes (nearly every string) this is the node's
 * offset plus the index; otherwise a typed table: a value can be tens of megabytes, and a number[]
 * costs several times its size. Undefined when the node's text does not decode to `decodedLength` units.
 */
export function stringOffsets(fileText: string, node: JsonNode, decodedLength: number): StringOffsets | undefined {
  const first = node.offset + 1;
  const end = node.offset + node.length - 1;
  // Every escape decodes to fewer units than it has characters: equal lengths mean no escape.
  if (end - first === decodedLength) return new DirectOffsets(first, decodedLength);
  const table = new Int32Array(decodedLength + 1);
  let i = first;
  let k = 0;
  while (i < end && k < decodedLength) {
    table[k++] = i;
    i += fileText.charCodeAt(i) === 92 ? (fileText[i + 1] === 'u' ? 6 : 2) : 1;
  }
  if (k !== decodedLength || i !== end) return undefined;
  table[k] = end;
  return new TableOffsets(table);
}

// Classes rather than object literals of closures: one small object per string value, not three.
class DirectOffsets implements StringOffsets {
  readonly length: number;
  constructor(private readonly first: number, private readonly decodedLength: number) {
    this.length = decodedLength + 1;
  }
  at(k: number): number {
    return this.first + k;
  }
  indexOf(o: number, from = 0): number {
    return o - this.first >= from && o - this.first <= this.decodedLength ? o - this.first : -1;
  }
}

class TableOffsets implements StringOffsets {
  constructor(private readonly table: Int32Array) {}
  get length(): number {
    return this.table.length;
  }
  at(k: number): number {
    return this.table[k];
  }
  indexOf(o: number, from = 0): number {
    return this.table.indexOf(o, from);
  }
}
