// String literals of desktop-flow scripts: the four forms ('…', '''…''', $'''…%expr%…''', $fx'…${expr}…') decoded into
// text and interpolation parts with script offsets. The expressions inside interpolations are parsed by the
// subclass (expressions.ts), in place.
import type { Span } from '../../util/text';
import type { ErrorExpr, Expr, InterpolationPart, StringLit, SyntaxProblem, TextPart } from '../../model/pad-ast';
import { isLineBreak, lineEndFrom, skipQuoted, type Token } from './lexer';

const BACKSLASH = 92;
const QUOTE = 39;
const PERCENT = 37;

export abstract class StringLiteralParser {
  /** Set when nesting got too deep: later "expected …" reports would only repeat the same fault. */
  protected bailedOut = false;
  /**
   * The text part being read, reset for each part: a string inside an interpolation is decoded while its
   * enclosing string is between two parts, so one builder serves them all.
   */
  private readonly part: TextPartBuilder;
  /**
   * The parts of the strings being decoded, used as a stack (a nested string's parts go above those of the
   * string enclosing it): each string's parts are copied out at their exact length, with no array per string
   * grown by push (which keeps room for 16).
   */
  private readonly partStack: Array<TextPart | InterpolationPart> = [];
  private partTop = 0;

  constructor(
    readonly text: string,
    readonly problems: SyntaxProblem[],
  ) {
    this.part = new TextPartBuilder(text);
  }

  report(start: number, end: number, message: string): void {
    if (this.bailedOut) return;
    this.problems.push({ span: { start, end }, message });
  }

  errorExpr(start: number, end: number): ErrorExpr {
    return { kind: 'error', span: { start, end }, text: this.text.slice(start, end) };
  }

  /** Parses the expression of an interpolation, [from, to) of the script. */
  protected abstract parseEmbedded(from: number, to: number, fx: boolean, what: string): Expr;

  parseStringToken(t: Token): StringLit {
    const s = t.str!;
    if (!s.terminated) this.report(t.start, t.end, 'unterminated string literal');
    const span = { start: t.start, end: t.end };
    switch (s.form) {
      case 'interpolated':
        return this.decodeInterpolated(span, s.contentStart, s.contentEnd);
      case 'fx':
        return this.decodeFx(span, s.contentStart, s.contentEnd, this.text.charCodeAt(t.start) === 34 /* Power Fx "text" */);
      default:
        return this.decodePlain(span, s.form, s.contentStart, s.contentEnd);
    }
  }

  /** '…' and '''…''': backslash escapes, no interpolation. */
  private decodePlain(span: Span, form: 'single' | 'triple', from: number, to: number): StringLit {
    const text = this.text;
    const first = firstEscape(text, from, to);
    if (first === to) {
      // No escape (nearly every string): the one part is a slice of the script.
      return finishString(span, form, to > from ? [{ kind: 'text', value: text.slice(from, to), span: { start: from, end: to } }] : []);
    }
    const part = this.part.reset(from);
    for (let i = first; i < to; ) {
      if (text.charCodeAt(i) === BACKSLASH && i + 1 < to) {
        const escaped = escapedChar(text.charCodeAt(i + 1));
        if (escaped !== undefined) {
          part.escape(i, i + 2, escaped);
          i += 2;
          continue;
        }
      }
      i++;
    }
    return finishString(span, form, part.finish(to) ? [part.result!] : []);
  }

  /**
   * $'''…''': `\'` `\\` `\"` escape, any other backslash is kept; `%%` is a percent sign; `%expr%` is an
   * interpolation whose expression may contain quoted strings (so `%'%'%` is one interpolation).
   */
  private decodeInterpolated(span: Span, from: number, to: number): StringLit {
    const text = this.text;
    const base = this.partTop;
    const part = this.part.reset(from);
    // After a % found no closing % up to the end of its line, the other % signs of that line are taken
    // as text without scanning again (keeps long broken lines linear).
    let noCloserUntil = -1;
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH && i + 1 < to) {
        const next = text.charCodeAt(i + 1);
        const escaped = escapedChar(next);
        if (escaped !== undefined) {
          part.escape(i, i + 2, escaped);
          i += 2;
          continue;
        }
        if (next === PERCENT && text.charCodeAt(i + 2) !== PERCENT) {
          // PAD drops the whole script for `\%Var%` (and the percent sign otherwise); the backslash is
          // kept here so the interpolation that follows is still seen.
          this.report(i, i + 2, "backslash before '%' in a string: PAD rejects it; write \\\\ before a variable, %% for a percent sign");
        }
        i++;
        continue;
      }
      if (c === PERCENT) {
        if (i + 1 < to && text.charCodeAt(i + 1) === PERCENT) {
          part.escape(i, i + 2, '%');
          i += 2;
          continue;
        }
        const close = i < noCloserUntil ? -1 : findInterpolationEnd(text, i + 1, to);
        if (close < 0) {
          if (i >= noCloserUntil) this.report(i, i + 1, "single '%' in a string: write %% for a percent sign, or close the %…% expression");
          noCloserUntil = lineEndFrom(text, i, to);
          i++;
          continue;
        }
        if (part.finish(i)) this.pushPart(part.result!);
        this.pushInterpolation(i, i + 1, close, false, '%…%');
        i = close + 1;
        part.reset(i);
        continue;
      }
      if (c === QUOTE) {
        let run = 1;
        while (i + run < to && text.charCodeAt(i + run) === QUOTE) run++;
        // PAD rejects a bare apostrophe, also right before the closing quotes ($'''x''''): escape it.
        this.report(i, i + run, "unescaped ' in a $''' string: write \\'");
        i += run;
        continue;
      }
      i++;
    }
    if (part.finish(to)) this.pushPart(part.result!);
    return finishString(span, 'interpolated', this.popParts(base));
  }

  /** $fx'text ${expr}' or $fx'=formula' (and a Power Fx "text" literal inside a formula). */
  private decodeFx(span: Span, from: number, to: number, doubleQuoted: boolean): StringLit {
    const text = this.text;
    if (doubleQuoted) {
      const part = this.part.reset(from);
      for (let i = from; i < to; i++) {
        if (text.charCodeAt(i) === 34 && text.charCodeAt(i + 1) === 34 && i + 1 < to) {
          part.escape(i, i + 2, '"');
          i++;
        }
      }
      return finishString(span, 'fx', part.finish(to) ? [part.result!] : []);
    }
    if (text.charCodeAt(from) === 61 /* = */) {
      const whole = this.part.reset(from);
      whole.finish(to);
      const lit = finishString(span, 'fx', whole.result ? [whole.result] : []);
      lit.value = undefined; // a formula is computed at run time, not literal text
      lit.formula = text.slice(from + 1, to);
      return lit;
    }
    const base = this.partTop;
    const part = this.part.reset(from);
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === BACKSLASH && i + 1 < to) {
        const escaped = escapedChar(text.charCodeAt(i + 1));
        if (escaped !== undefined) {
          part.escape(i, i + 2, escaped);
          i += 2;
          continue;
        }
      }
      if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */ && i + 1 < to) {
        const close = findBraceEnd(text, i + 2, to);
        if (close < 0) {
          this.report(i, i + 2, "unterminated '${' in a Power Fx string");
          i += 2;
          continue;
        }
        if (part.finish(i)) this.pushPart(part.result!);
        this.pushInterpolation(i, i + 2, close, true, '${…}');
        i = close + 1;
        part.reset(i);
        continue;
      }
      i++;
    }
    if (part.finish(to)) this.pushPart(part.result!);
    return finishString(span, 'fx', this.popParts(base));
  }

  private pushPart(p: TextPart): void {
    this.partStack[this.partTop++] = p;
  }

  /**
   * The interpolation [start, close] whose expression is [exprStart, close). Its slot is taken before the
   * expression is parsed: strings nested in it push and pop their own parts above it.
   */
  private pushInterpolation(start: number, exprStart: number, close: number, fx: boolean, what: string): void {
    const top = this.partTop;
    const expr = this.parseEmbedded(exprStart, close, fx, what);
    this.partStack[top] = { kind: 'interpolation', expr, span: { start, end: close + 1 } };
    this.partTop = top + 1;
  }

  /** The parts pushed since `base` (the string being finished), at their exact length; the stack drops them. */
  private popParts(base: number): Array<TextPart | InterpolationPart> {
    const parts = this.partStack.slice(base, this.partTop);
    this.partTop = base;
    return parts;
  }
}

/** Offset of the first backslash escape in [from, to), or `to`. */
function firstEscape(text: string, from: number, to: number): number {
  for (let i = from; i < to - 1; i++) {
    if (text.charCodeAt(i) === BACKSLASH && escapedChar(text.charCodeAt(i + 1)) !== undefined) return i;
  }
  return to;
}

/** The character a backslash escape stands for: only \' \\ \" are escapes; other backslashes are kept. */
function escapedChar(c: number): string | undefined {
  if (c === QUOTE) return "'";
  if (c === BACKSLASH) return '\\';
  if (c === 34) return '"';
  return undefined;
}

/** Offset of the % closing an interpolation that starts at `from`; quoted strings inside are skipped. -1 if none on this line. */
function findInterpolationEnd(text: string, from: number, to: number): number {
  let j = from;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === PERCENT) return j;
    if (isLineBreak(c)) return -1;
    if (c === QUOTE) {
      // A quoted string inside the expression may hold % signs: `%'%'%`, `%Row['a%b']%`.
      let k = j + 1;
      for (;;) {
        if (k >= to) return -1;
        const d = text.charCodeAt(k);
        if (d === QUOTE) break;
        if (isLineBreak(d)) return -1;
        k += d === BACKSLASH ? 2 : 1;
      }
      j = k + 1;
      continue;
    }
    j++;
  }
  return -1;
}

/** Offset of the } closing a ${ that starts at `from` (nested braces and quoted strings skipped), or -1. */
function findBraceEnd(text: string, from: number, to: number): number {
  let depth = 1;
  let j = from;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === 34 || c === QUOTE) {
      j = skipQuoted(text, j, to, c);
      continue;
    }
    if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return j;
    else if (isLineBreak(c)) return -1;
    j++;
  }
  return -1;
}

function finishString(span: Span, form: StringLit['form'], parts: Array<TextPart | InterpolationPart>): StringLit {
  const lit: StringLit = { kind: 'string', span, form, parts };
  let value = '';
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (part.kind !== 'text') return lit;
    value = k === 0 ? part.value : value + part.value;
  }
  lit.value = value;
  return lit;
}

/**
 * Accumulates one text part: plain runs are sliced from the script in one go (a part without escapes is a
 * single slice); escapes switch on the per-character offset table (built only for parts that need it).
 */
class TextPartBuilder {
  private value = '';
  private length = 0;
  /** Set at the part's first escape: from then on offsetBuffer[k] is the script offset of character k. */
  private escaped = false;
  /** Reused for every part; copied out at the exact length when the part is finished. */
  private readonly offsetBuffer: number[] = [];
  private start = 0;
  private runStart = 0;
  result: TextPart | undefined;

  constructor(private readonly text: string) {}

  /** Starts a new part at `start` (the builder is reused for every part of a script). */
  reset(start: number): this {
    this.value = '';
    this.length = 0;
    this.escaped = false;
    this.start = start;
    this.runStart = start;
    this.result = undefined;
    return this;
  }

  /** Records an escape sequence [rawStart, rawEnd) standing for `value`. */
  escape(rawStart: number, rawEnd: number, value: string): void {
    this.flush(rawStart);
    const offsets = this.offsetBuffer;
    if (!this.escaped) {
      this.escaped = true;
      for (let k = 0; k < this.length; k++) offsets[k] = this.start + k;
    }
    // An escape stands for one character (\' \\ \" %%).
    offsets[this.length] = rawStart;
    this.value += value;
    this.length += value.length;
    this.runStart = rawEnd;
  }

  /** Closes the part at rawEnd; false when it is empty (nothing to add). */
  finish(rawEnd: number): boolean {
    this.flush(rawEnd);
    if (rawEnd <= this.start) return false;
    this.result = { kind: 'text', value: this.value, span: { start: this.start, end: rawEnd } };
    if (this.escaped) this.result.offsets = this.offsetBuffer.slice(0, this.length);
    return true;
  }

  private flush(to: number): void {
    if (to <= this.runStart) return;
    const run = this.text.slice(this.runStart, to);
    this.value = this.length === 0 ? run : this.value + run;
    if (this.escaped) {
      const offsets = this.offsetBuffer;
      for (let k = this.runStart, at = this.length; k < to; k++, at++) offsets[at] = k;
    }
    this.length += to - this.runStart;
    this.runStart = to;
  }
}
