// Tokenizer for desktop-flow scripts. It works on a window [start, end) of the script text so that
// %…% and ${…} interpolations can be tokenized in place (spans stay script offsets). It never
// reports problems itself: string tokens say whether they were terminated and the parser reports,
// so that re-reading a token after a lookahead cannot report twice.
import type { StringForm } from '../../model/pad-ast';
import { upperEquals, type WordSet } from './words';

export type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'eol' | 'eof' | 'bad';

export interface StringToken {
  form: StringForm;
  /** Offsets of the text between the delimiters. */
  contentStart: number;
  contentEnd: number;
  /** False when the closing delimiter is missing; the token then stops at the end of its first line. */
  terminated: boolean;
}

/**
 * A token of the current statement. Tokens come from a TokenPool and are reused once the parser moves to
 * the next statement line (a script has millions of tokens; none of them outlives its line), so the
 * parser copies offsets and text into the tree and never keeps a token in it.
 */
export class Token {
  kind: TokenKind = 'eof';
  start = 0;
  end = 0;
  /** Whitespace separates this token from the previous one on the same line. */
  spaceBefore = false;
  /** An identifier of ASCII characters only: keyword tests compare char codes and need no fallback. */
  ascii = false;
  /** Set for string tokens only (the same object each time this slot is a string). */
  str: StringToken | undefined = undefined;
  /** Punctuation text; identifier and number text is sliced from the script when first read. */
  private known: string | undefined = '';
  private strSlot: StringToken | undefined;

  constructor(private readonly source: string) {}

  /** Identifier text, number text or punctuation; '' for strings and line ends. */
  get text(): string {
    return (this.known ??= this.source.slice(this.start, this.end));
  }

  /** True for an identifier spelled `word` in any case (`word` in upper case), read without slicing. */
  is(word: string): boolean {
    if (this.kind !== 'ident') return false;
    if (this.ascii && this.end - this.start !== word.length) return false;
    return upperEquals(this.source, this.start, this.end, word);
  }

  /** The identifier's word in `words`, in any case; undefined if none or not an identifier. */
  wordOf(words: WordSet): string | undefined {
    if (this.kind !== 'ident') return undefined;
    return this.ascii ? words.findAscii(this.source, this.start, this.end) : words.find(this.source, this.start, this.end);
  }

  set(kind: TokenKind, start: number, end: number, spaceBefore: boolean, text: string | undefined): this {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.spaceBefore = spaceBefore;
    this.known = text;
    this.str = undefined;
    this.ascii = false;
    return this;
  }

  setIdent(start: number, end: number, spaceBefore: boolean, ascii: boolean): this {
    this.set('ident', start, end, spaceBefore, undefined);
    this.ascii = ascii;
    return this;
  }

  setString(start: number, end: number, form: StringForm, contentStart: number, contentEnd: number, terminated: boolean): this {
    this.set('string', start, end, false, '');
    const s = (this.strSlot ??= { form, contentStart, contentEnd, terminated });
    s.form = form;
    s.contentStart = contentStart;
    s.contentEnd = contentEnd;
    s.terminated = terminated;
    this.str = s;
    return this;
  }
}

/** A line with more tokens than this gets the rest as ordinary garbage: the pool's memory stays bounded. */
const MAX_POOLED_TOKENS = 4096;

/**
 * Token objects for one script. `take` hands out a fresh slot; `release` (at the start of each line, when no
 * token of the previous line is held any more) makes every slot reusable.
 */
export class TokenPool {
  private readonly slots: Token[] = [];
  private used = 0;

  constructor(private readonly source: string) {}

  take(): Token {
    if (this.used < this.slots.length) return this.slots[this.used++];
    const token = new Token(this.source);
    if (this.slots.length < MAX_POOLED_TOKENS) {
      this.slots.push(token);
      this.used++;
    }
    return token;
  }

  release(): void {
    this.used = 0;
  }
}

const BACKSLASH = 92;
const QUOTE = 39; // '
const DQUOTE = 34; // "
const LF = 10;
const CR = 13;

export function isLineBreak(c: number): boolean {
  return c === LF || c === CR;
}

/** Spaces that separate tokens (not line breaks). */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0xfeff || c === 11 || c === 12;
}

const NON_ASCII_IDENT_START = /[\p{L}\p{Nl}]/u;
const NON_ASCII_IDENT_PART = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;

function nonAscii(text: string, i: number, pattern: RegExp): boolean {
  const cp = text.codePointAt(i) ?? 0;
  return pattern.test(String.fromCodePoint(cp));
}

/** Variable names start with a letter or underscore; Unicode letters are allowed (PAD accepts `Café`). */
export function isIdentStartAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return nonAscii(text, i, NON_ASCII_IDENT_START);
}

export function isIdentPartAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c >= 48 && c <= 57);
  return nonAscii(text, i, NON_ASCII_IDENT_PART);
}

/** ASCII characters that may continue an identifier (1) and start one (2 as well). */
const ASCII_IDENT = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_IDENT[c] = 1;
for (let c = 65; c <= 90; c++) ASCII_IDENT[c] = ASCII_IDENT[c + 32] = 3;
ASCII_IDENT[95] = 3;

/** End offset of the identifier starting at i (i itself when there is none). ASCII is decided on a table. */
export function scanIdent(text: string, i: number, end: number): number {
  if (i >= end) return i;
  const c = text.charCodeAt(i);
  if (c < 128) {
    if (ASCII_IDENT[c] !== 3) return i;
    i++;
  } else {
    if (!isIdentStartAt(text, i)) return i;
    i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  while (i < end) {
    const d = text.charCodeAt(i);
    if (d < 128) {
      if (ASCII_IDENT[d] === 0) return i;
      i++;
    } else {
      if (!isIdentPartAt(text, i)) return i;
      i += text.codePointAt(i)! > 0xffff ? 2 : 1;
    }
  }
  return i;
}

/** Offset of the first line break at or after i (or end). */
export function lineEndFrom(text: string, i: number, end: number): number {
  while (i < end && !isLineBreak(text.charCodeAt(i))) i++;
  return i;
}

/** `=>`, `<>`, `<=`, `>=` and `${` (decided on char codes: this runs for every punctuation token). */
function twoCharPunct(a: number, b: number): string | undefined {
  if (a === 61 /* = */) return b === 62 ? '=>' : undefined;
  if (a === 60 /* < */) return b === 62 ? '<>' : b === 61 ? '<=' : undefined;
  if (a === 62 /* > */) return b === 61 ? '>=' : undefined;
  if (a === 36 /* $ */) return b === 123 ? '${' : undefined;
  return undefined;
}
/** Char codes of the one-character punctuation; any other character is a 'bad' token. */
const ONE_CHAR_PUNCT = new Uint8Array(128);
for (const p of '()[]{},.:=<>+-*/^@#%&;!') ONE_CHAR_PUNCT[p.charCodeAt(0)] = 1;
/** The one-character strings of ASCII, by char code (a punctuation token's text without a string lookup). */
const ASCII_TEXT = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));

export class Lexer {
  pos: number;
  private peeked: Token | undefined;
  private peekedFrom = 0;

  /**
   * @param fx Power Fx mode (inside `${…}` of a $fx string): double-quoted strings are allowed.
   */
  constructor(
    readonly text: string,
    start: number,
    public end: number,
    public fx = false,
    /** Shared by the lexers of one script (interpolations get their own lexer); see TokenPool. */
    readonly pool = new TokenPool(text),
  ) {
    this.pos = start;
  }

  /** Starts over on another window of the same text (a lexer for interpolations is reused, one per nesting level). */
  window(start: number, end: number, fx: boolean): this {
    this.pos = start;
    this.end = end;
    this.fx = fx;
    this.peeked = undefined;
    return this;
  }

  /** Every token handed out so far may be reused: called between lines, when none is held. */
  releaseTokens(): void {
    this.peeked = undefined;
    this.pool.release();
  }

  peek(): Token {
    if (!this.peeked) {
      this.peekedFrom = this.pos;
      this.peeked = this.read();
    }
    return this.peeked;
  }

  next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  /** A position to come back to with restore(); lookahead never crosses more than one line. */
  save(): number {
    return this.peeked ? this.peekedFrom : this.pos;
  }

  restore(position: number): void {
    this.pos = position;
    this.peeked = undefined;
  }

  /** Moves to an absolute offset (used by the statement parser for raw line handling). */
  seek(position: number): void {
    this.restore(position);
  }

  private read(): Token {
    const text = this.text;
    const end = this.end;
    const start0 = this.pos;
    let i = this.pos;
    while (i < end && isBlank(text.charCodeAt(i))) i++;
    const spaceBefore = i > start0;
    if (i >= end) {
      this.pos = i;
      return this.pool.take().set('eof', i, i, spaceBefore, '');
    }
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      const e = c === CR && text.charCodeAt(i + 1) === LF && i + 1 < this.end ? i + 2 : i + 1;
      this.pos = e;
      return this.pool.take().set('eol', i, e, spaceBefore, '');
    }
    if (c === QUOTE) return this.finish(this.readQuoted(i, i, 'single'), spaceBefore);
    if (c === 36 /* $ */) {
      if (text.startsWith("'''", i + 1)) return this.finish(this.readTriple(i, i + 4, 'interpolated'), spaceBefore);
      if ((text.charCodeAt(i + 1) | 32) === 102 && (text.charCodeAt(i + 2) | 32) === 120 && text.charCodeAt(i + 3) === QUOTE) {
        // $fx'…' or $fx'''…'''
        if (text.startsWith("'''", i + 3)) return this.finish(this.readTriple(i, i + 6, 'fx'), spaceBefore);
        return this.finish(this.readFx(i, i + 4), spaceBefore);
      }
    }
    if (c === DQUOTE && this.fx) return this.finish(this.readDoubleQuoted(i), spaceBefore);
    if (c >= 48 && c <= 57) return this.finish(this.readNumber(i), spaceBefore);
    if (c < 128) {
      if (ASCII_IDENT[c] === 3) {
        // The common case, an ASCII identifier, scanned here; one with other letters goes through scanIdent.
        let j = i + 1;
        while (j < end) {
          const d = text.charCodeAt(j);
          if (d >= 128 || ASCII_IDENT[d] === 0) break;
          j++;
        }
        const ascii = j >= end || text.charCodeAt(j) < 128;
        if (!ascii) j = scanIdent(text, i, end);
        this.pos = j;
        return this.pool.take().setIdent(i, j, spaceBefore, ascii);
      }
      // No other ASCII character starts an identifier: punctuation, decided on tables.
      const two = i + 1 < end ? twoCharPunct(c, text.charCodeAt(i + 1)) : undefined;
      if (two) {
        this.pos = i + 2;
        return this.pool.take().set('punct', i, i + 2, spaceBefore, two);
      }
      this.pos = i + 1;
      return this.pool.take().set(ONE_CHAR_PUNCT[c] === 1 ? 'punct' : 'bad', i, i + 1, spaceBefore, ASCII_TEXT[c]);
    }
    const identEnd = scanIdent(text, i, end);
    if (identEnd > i) {
      this.pos = identEnd;
      return this.pool.take().setIdent(i, identEnd, spaceBefore, false);
    }
    this.pos = i + 1;
    return this.pool.take().set('bad', i, i + 1, spaceBefore, text[i]);
  }

  private finish(t: Token, spaceBefore: boolean): Token {
    t.spaceBefore = spaceBefore;
    this.pos = t.end;
    return t;
  }

  private readNumber(i: number): Token {
    const text = this.text;
    const start = i;
    i = digitsEnd(text, i, this.end);
    if (text.charCodeAt(i) === 46 /* . */ && i + 1 < this.end && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57) {
      i = digitsEnd(text, i + 1, this.end);
    }
    const e = text.charCodeAt(i) | 32;
    if (e === 101 /* e */) {
      let j = i + 1;
      const sign = text.charCodeAt(j);
      if (sign === 43 || sign === 45) j++;
      if (j < this.end && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) i = digitsEnd(text, j, this.end);
    }
    return this.pool.take().set('number', start, i, false, undefined);
  }

  /** 'text' (or ''' for a triple-quoted string). \' and \\ escape; a single-quoted string ends at its line. */
  private readQuoted(tokenStart: number, i: number, form: StringForm): Token {
    const text = this.text;
    if (text.startsWith("'''", i)) return this.readTriple(tokenStart, i + 3, 'triple');
    let j = i + 1;
    while (j < this.end) {
      const c = text.charCodeAt(j);
      if (c === BACKSLASH && j + 1 < this.end && !isLineBreak(text.charCodeAt(j + 1))) j += 2;
      else if (c === QUOTE) return this.stringToken(tokenStart, form, i + 1, j, j + 1, true);
      else if (isLineBreak(c)) break;
      else j++;
    }
    return this.stringToken(tokenStart, form, i + 1, j, j, false);
  }

  /**
   * $'''…''', '''…''' and $fx'''…''': may span lines; a backslash escapes the next character; the string
   * closes at the first run of three or more quotes (a longer run keeps its extra quotes as text).
   */
  private readTriple(tokenStart: number, contentStart: number, form: StringForm): Token {
    const text = this.text;
    let j = contentStart;
    while (j < this.end) {
      const c = text.charCodeAt(j);
      if (c === BACKSLASH) {
        j += 2;
      } else if (c === QUOTE) {
        let run = 1;
        while (j + run < this.end && text.charCodeAt(j + run) === QUOTE) run++;
        if (run >= 3) return this.stringToken(tokenStart, form, contentStart, j + run - 3, j + run, true);
        j += run;
      } else {
        j++;
      }
    }
    // Unterminated: PAD would swallow the rest of the file; stop at the end of the first line instead
    // so the following lines are still parsed.
    const stop = lineEndFrom(text, contentStart, this.end);
    return this.stringToken(tokenStart, form, contentStart, stop, stop, false);
  }

  /** $fx'…' with ${…} interpolations (Power Fx strings inside use double quotes). */
  private readFx(tokenStart: number, contentStart: number): Token {
    const text = this.text;
    let j = contentStart;
    let depth = 0;
    while (j < this.end) {
      const c = text.charCodeAt(j);
      if (depth > 0) {
        if (c === DQUOTE || c === QUOTE) {
          j = skipQuoted(text, j, this.end, c);
          continue;
        }
        if (c === 123 /* { */) depth++;
        else if (c === 125 /* } */) depth--;
        // An interpolation does not span lines: an unclosed ${ ends with its line, which also keeps a
        // failed scan from being repeated by every later $fx string (linear time).
        else if (isLineBreak(c)) depth = 0;
        j++;
        continue;
      }
      if (c === BACKSLASH) j += 2;
      else if (c === QUOTE) return this.stringToken(tokenStart, 'fx', contentStart, j, j + 1, true);
      else if (c === 36 /* $ */ && text.charCodeAt(j + 1) === 123) {
        depth = 1;
        j += 2;
      } else j++;
    }
    const stop = lineEndFrom(text, contentStart, this.end);
    return this.stringToken(tokenStart, 'fx', contentStart, stop, stop, false);
  }

  /** "text" inside Power Fx; "" is an escaped quote there. */
  private readDoubleQuoted(i: number): Token {
    const text = this.text;
    let j = i + 1;
    while (j < this.end) {
      const c = text.charCodeAt(j);
      if (c === DQUOTE) {
        if (text.charCodeAt(j + 1) === DQUOTE && j + 1 < this.end) j += 2;
        else return this.stringToken(i, 'fx', i + 1, j, j + 1, true);
      } else if (isLineBreak(c)) break;
      else j++;
    }
    return this.stringToken(i, 'fx', i + 1, j, j, false);
  }

  private stringToken(start: number, form: StringForm, contentStart: number, contentEnd: number, end: number, terminated: boolean): Token {
    return this.pool.take().setString(start, end, form, contentStart, contentEnd, terminated);
  }
}

function digitsEnd(text: string, i: number, end: number): number {
  while (i < end && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return i;
}

/** Offset after the quoted run starting at i (quote char q), stopping at a line break. */
export function skipQuoted(text: string, i: number, end: number, q: number): number {
  let j = i + 1;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c === q) return j + 1;
    if (isLineBreak(c)) return j;
    if (c === BACKSLASH && q === QUOTE) j += 2;
    else j++;
  }
  return end;
}
