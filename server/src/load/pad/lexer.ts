// Tokenizer for desktop-flow scripts. It works on a window [start, end) of the script text so that
// %…% and ${…} interpolations can be tokenized in place (spans stay script offsets). It never
// reports problems itself: string tokens say whether they were terminated and the parser reports,
// so that re-reading a token after a lookahead cannot report twice.
import type { StringForm } from '../../model/pad-ast';

export type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'eol' | 'eof' | 'bad';

export interface StringToken {
  form: StringForm;
  /** Offsets of the text between the delimiters. */
  contentStart: number;
  contentEnd: number;
  /** False when the closing delimiter is missing; the token then stops at the end of its first line. */
  terminated: boolean;
}

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Identifier text, number text or punctuation; '' for strings and line ends. */
  text: string;
  /** Whitespace separates this token from the previous one on the same line. */
  spaceBefore: boolean;
  str?: StringToken;
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

/** End offset of the identifier starting at i (i itself when there is none). */
export function scanIdent(text: string, i: number, end: number): number {
  if (i >= end || !isIdentStartAt(text, i)) return i;
  i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  while (i < end && isIdentPartAt(text, i)) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
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
const ONE_CHAR_PUNCT = new Set(['(', ')', '[', ']', '{', '}', ',', '.', ':', '=', '<', '>', '+', '-', '*', '/', '^', '@', '#', '%', '&', ';', '!']);

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
    readonly end: number,
    readonly fx = false,
  ) {
    this.pos = start;
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
    const start0 = this.pos;
    let i = this.pos;
    while (i < this.end && isBlank(text.charCodeAt(i))) i++;
    const spaceBefore = i > start0;
    if (i >= this.end) {
      this.pos = i;
      return { kind: 'eof', start: i, end: i, text: '', spaceBefore };
    }
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      const e = c === CR && text.charCodeAt(i + 1) === LF && i + 1 < this.end ? i + 2 : i + 1;
      this.pos = e;
      return { kind: 'eol', start: i, end: e, text: '', spaceBefore };
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
    const identEnd = scanIdent(text, i, this.end);
    if (identEnd > i) {
      this.pos = identEnd;
      return { kind: 'ident', start: i, end: identEnd, text: text.slice(i, identEnd), spaceBefore };
    }
    const two = i + 1 < this.end ? twoCharPunct(c, text.charCodeAt(i + 1)) : undefined;
    if (two) {
      this.pos = i + 2;
      return { kind: 'punct', start: i, end: i + 2, text: two, spaceBefore };
    }
    const one = text[i];
    this.pos = i + 1;
    return { kind: ONE_CHAR_PUNCT.has(one) ? 'punct' : 'bad', start: i, end: i + 1, text: one, spaceBefore };
  }

  private finish(t: Token, spaceBefore: boolean): Token {
    t.spaceBefore = spaceBefore;
    this.pos = t.end;
    return t;
  }

  private readNumber(i: number): Token {
    const text = this.text;
    const start = i;
    const digits = () => {
      while (i < this.end && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    };
    digits();
    if (text.charCodeAt(i) === 46 /* . */ && i + 1 < this.end && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57) {
      i++;
      digits();
    }
    const e = text.charCodeAt(i) | 32;
    if (e === 101 /* e */) {
      let j = i + 1;
      const sign = text.charCodeAt(j);
      if (sign === 43 || sign === 45) j++;
      if (j < this.end && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) {
        i = j;
        digits();
      }
    }
    return { kind: 'number', start, end: i, text: text.slice(start, i), spaceBefore: false };
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
    return { kind: 'string', start, end, text: '', spaceBefore: false, str: { form, contentStart, contentEnd, terminated } };
  }
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
