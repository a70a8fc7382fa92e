// The fast path of parseJson: one pass over strictly valid JSON that builds the same tree jsonc-parser's
// parseTree builds (same node types, offsets, lengths, values, colonOffset, parents), without its
// scanner's token strings, per-callback closures and path copies. Anything it does not accept (a syntax
// error, a comment, a control character in a string, unusual whitespace, nesting beyond the cap) makes it
// give up, and parseJson takes jsonc-parser's path, so problems are reported exactly as before.
// Why hand-written: JSON.parse gives no offsets, and jsonc-parser's parseTree took 1,013 ms on the
// benchmark L tree's 2,129 JSON files where this takes 337 ms (test/unit/json-fast-paths.test.ts holds
// the two to the same trees).
import type { Node as JsonNode } from 'jsonc-parser';
import { decodeJsonStringToken, MAX_JSON_DEPTH } from './jsonscan';

/** Nodes are filled in as the parse goes (lengths and colons are known only later). */
type BuildingNode = { -readonly [K in keyof JsonNode]: JsonNode[K] };

/** Thrown inside the parser only: the text is not strictly valid JSON. */
const NOT_STRICT = new Error('not strict JSON');

/** The tree of strictly valid JSON text, or undefined when the text needs jsonc-parser's error handling. */
export function parseStrictJson(text: string): JsonNode | undefined {
  try {
    const parser = new StrictParser(text);
    parser.skipSpace();
    const root = parser.value(undefined, 0);
    parser.skipSpace();
    return parser.pos === text.length ? root : undefined;
  } catch (e) {
    if (e === NOT_STRICT) return undefined;
    throw e;
  } finally {
    sharedStrings.fill(undefined);
  }
}

const SPACE = 32, TAB = 9, LF = 10, CR = 13, QUOTE = 34, BACKSLASH = 92, COMMA = 44, COLON = 58;
const OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93, MINUS = 45, PLUS = 43, DOT = 46;

/**
 * Strings of at most SHARED_MAX characters without escapes, by a hash of their length and three of their
 * characters: a flow repeats its property names and many values ("type", "runAfter", "Succeeded"), and
 * two of every three strings on the benchmark L tree reuse one already made: 31 MB less of a 356 MB
 * tree; in a whole lint the parse took ~110 ms more and garbage collection ~180 ms less. Emptied after
 * each text: a slice of 13 or more characters keeps its whole file text alive.
 */
const SHARED_MAX = 40, SHARED_MASK = 4095;
const sharedStrings: Array<string | undefined> = new Array(SHARED_MASK + 1).fill(undefined);

class StrictParser {
  pos = 0;
  /** Children of the open objects and arrays, innermost last (see takePending). */
  private readonly pending: JsonNode[] = [];
  /** Length of the used part of `pending` (the array itself is not shrunk: setting its length is a runtime call). */
  private pendingTop = 0;

  constructor(private readonly text: string) {}

  skipSpace(): void {
    const text = this.text;
    let i = this.pos;
    for (let c = text.charCodeAt(i); c === SPACE || c === LF || c === CR || c === TAB; c = text.charCodeAt(++i));
    this.pos = i;
  }

  value(parent: JsonNode | undefined, depth: number): JsonNode {
    const c = this.text.charCodeAt(this.pos);
    if (c === QUOTE) return this.string(parent);
    if (c === OPEN_BRACE) return this.object(parent, depth + 1);
    if (c === OPEN_BRACKET) return this.array(parent, depth + 1);
    if (c === MINUS || (c >= 48 && c <= 57)) return this.number(parent);
    return this.keyword(parent);
  }

  private object(parent: JsonNode | undefined, depth: number): JsonNode {
    if (depth > MAX_JSON_DEPTH) throw NOT_STRICT;
    const text = this.text;
    const node: BuildingNode = { type: 'object', offset: this.pos, length: -1, parent, children: undefined };
    const mark = this.pendingTop;
    this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) !== CLOSE_BRACE) {
      for (;;) {
        if (text.charCodeAt(this.pos) !== QUOTE) throw NOT_STRICT;
        const property: BuildingNode = { type: 'property', offset: this.pos, length: -1, parent: node, children: undefined, colonOffset: -1 };
        const key = this.string(property);
        this.skipSpace();
        if (text.charCodeAt(this.pos) !== COLON) throw NOT_STRICT;
        property.colonOffset = this.pos++;
        this.skipSpace();
        const value = this.value(property, depth);
        property.children = [key, value];
        property.length = value.offset + value.length - property.offset;
        this.pending[this.pendingTop++] = property;
        this.skipSpace();
        const next = text.charCodeAt(this.pos);
        if (next === CLOSE_BRACE) break;
        if (next !== COMMA) throw NOT_STRICT;
        this.pos++;
        this.skipSpace();
      }
    }
    node.children = this.takePending(mark);
    node.length = ++this.pos - node.offset;
    return node;
  }

  private array(parent: JsonNode | undefined, depth: number): JsonNode {
    if (depth > MAX_JSON_DEPTH) throw NOT_STRICT;
    const text = this.text;
    const node: BuildingNode = { type: 'array', offset: this.pos, length: -1, parent, children: undefined };
    const mark = this.pendingTop;
    this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) !== CLOSE_BRACKET) {
      for (;;) {
        // Parsed first: `pending[pendingTop++] = value()` would take the slot before the value's own children.
        const item = this.value(node, depth);
        this.pending[this.pendingTop++] = item;
        this.skipSpace();
        const next = text.charCodeAt(this.pos);
        if (next === CLOSE_BRACKET) break;
        if (next !== COMMA) throw NOT_STRICT;
        this.pos++;
        this.skipSpace();
      }
    }
    node.children = this.takePending(mark);
    node.length = ++this.pos - node.offset;
    return node;
  }

  /**
   * The children pushed since `mark`, in an array of exactly their number. Arrays grown by push keep
   * spare capacity (17 slots for 2 children): across a flow's tree that was most of its memory.
   */
  private takePending(mark: number): JsonNode[] {
    const children = this.pending.slice(mark, this.pendingTop);
    this.pendingTop = mark;
    return children;
  }

  private string(parent: JsonNode | undefined): JsonNode {
    const text = this.text;
    const open = this.pos;
    let escaped = false;
    let i = open + 1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) break;
      // NaN (past the end) fails this test too: an unterminated string.
      if (!(c >= 32)) throw NOT_STRICT;
      if (c === BACKSLASH) {
        escaped = true;
        const e = text.charCodeAt(i + 1);
        if (e === 117 /* u */) {
          for (let k = 2; k < 6; k++) if (!isHex(text.charCodeAt(i + k))) throw NOT_STRICT;
          i += 6;
          continue;
        }
        if (e !== QUOTE && e !== BACKSLASH && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) throw NOT_STRICT;
        i += 2;
        continue;
      }
      i++;
    }
    const length = i + 1 - open;
    this.pos = i + 1;
    const value = escaped ? decodeJsonStringToken(text, open, length) : i - open - 1 <= SHARED_MAX ? this.shared(open + 1, i) : text.slice(open + 1, i);
    return { type: 'string', offset: open, length, parent, value };
  }

  /** text[start, end), the same string as the last one of that hash if it has the same characters. */
  private shared(start: number, end: number): string {
    const text = this.text;
    const len = end - start;
    if (len === 0) return '';
    const h = (len * 97 + text.charCodeAt(start) * 31 + text.charCodeAt(end - 1) * 7 + text.charCodeAt(start + (len >> 1))) & SHARED_MASK;
    const cached = sharedStrings[h];
    if (cached !== undefined && cached.length === len && text.startsWith(cached, start)) return cached;
    return (sharedStrings[h] = text.slice(start, end));
  }

  /** JSON's number grammar exactly: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
  private number(parent: JsonNode | undefined): JsonNode {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === MINUS) i++;
    if (text.charCodeAt(i) === 48) i++;
    else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
    else throw NOT_STRICT;
    if (text.charCodeAt(i) === DOT) {
      if (!isDigit(text.charCodeAt(++i))) throw NOT_STRICT;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      const sign = text.charCodeAt(++i);
      if (sign === PLUS || sign === MINUS) i++;
      if (!isDigit(text.charCodeAt(i))) throw NOT_STRICT;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    this.expectDelimiter(i);
    this.pos = i;
    return { type: 'number', offset: start, length: i - start, parent, value: Number(text.slice(start, i)) };
  }

  private keyword(parent: JsonNode | undefined): JsonNode {
    const text = this.text;
    const start = this.pos;
    let node: JsonNode;
    if (text.startsWith('true', start)) node = { type: 'boolean', offset: start, length: 4, parent, value: true };
    else if (text.startsWith('false', start)) node = { type: 'boolean', offset: start, length: 5, parent, value: false };
    else if (text.startsWith('null', start)) node = { type: 'null', offset: start, length: 4, parent, value: null };
    else throw NOT_STRICT;
    this.expectDelimiter(start + node.length);
    this.pos = start + node.length;
    return node;
  }

  /** A number or keyword must end where jsonc-parser's scanner ends it: otherwise that scanner reads another token. */
  private expectDelimiter(i: number): void {
    if (i >= this.text.length) return;
    const c = this.text.charCodeAt(i);
    if (c !== COMMA && c !== CLOSE_BRACE && c !== CLOSE_BRACKET && c !== SPACE && c !== LF && c !== CR && c !== TAB) throw NOT_STRICT;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
