// Expressions and literals of desktop-flow scripts: precedence climbing over the token stream, plus
// decoding of the four string forms into text and interpolation parts with script offsets.
import type { Span } from '../../util/text';
import type { DatatableLit, ErrorExpr, Expr, InterpolationPart, ObjectEntry, ObjectLit, StringLit, SyntaxProblem, TextPart } from '../../model/pad-ast';
import { Lexer, isIdentStartAt, isLineBreak, lineEndFrom, skipQuoted, type Token } from './lexer';
import { isKnownModule } from './modules';

/** Deeper nesting is reported instead of risking the call stack. */
const MAX_NESTING = 200;

const OPERATOR_PRECEDENCE: ReadonlyMap<string, number> = new Map([
  ['OR', 1],
  ['AND', 2],
  ['=', 4], ['<>', 4], ['<', 4], ['<=', 4], ['>', 4], ['>=', 4],
  ['+', 5], ['-', 5], ['&', 5],
  ['*', 6], ['/', 6], ['MOD', 6],
]);
const WORD_OPERATORS = new Set(['AND', 'OR', 'MOD']);
/** NOT binds looser than comparisons: `NOT a = b` is `NOT (a = b)`. */
const NOT_OPERAND_PRECEDENCE = 4;
/** Statement keywords that end an expression; they are never variables (PAD rejects them as names). */
const EXPRESSION_STOP_WORDS = new Set(['THEN', 'TO', 'STEP', 'FROM', 'IN']);

const BACKSLASH = 92;
const QUOTE = 39;
const PERCENT = 37;

export class ExpressionParser {
  private depth = 0;
  /** Set when nesting got too deep: later "expected …" reports would only repeat the same fault. */
  private bailedOut = false;

  constructor(
    readonly text: string,
    readonly problems: SyntaxProblem[],
  ) {}

  report(start: number, end: number, message: string): void {
    if (this.bailedOut) return;
    this.problems.push({ span: { start, end }, message });
  }

  /** A full expression (OR level). Stops at the first token that cannot continue it. */
  parseExpression(lx: Lexer): Expr {
    const outermost = this.depth === 0;
    if (outermost) this.bailedOut = false;
    const expr = this.parseBinary(lx, 1);
    if (outermost) this.bailedOut = false;
    return expr;
  }

  /** The left side of SET: a variable with member and index accesses. */
  parseAssignTarget(lx: Lexer): Expr {
    const t = lx.peek();
    if (t.kind !== 'ident' || EXPRESSION_STOP_WORDS.has(t.text.toUpperCase())) return this.errorAt(lx, 'expected a variable');
    lx.next();
    return this.parsePostfix(lx, this.identifierChain(lx, t, false));
  }

  errorExpr(start: number, end: number): ErrorExpr {
    return { kind: 'error', span: { start, end }, text: this.text.slice(start, end) };
  }

  // ------------------------------------------------------------------------------------------
  // Operators

  private parseBinary(lx: Lexer, minPrecedence: number): Expr {
    let left = this.parseUnary(lx);
    for (;;) {
      const op = this.peekBinaryOperator(lx);
      if (!op || op.precedence < minPrecedence) return left;
      lx.next();
      const right = this.nested(lx, () => this.parseBinary(lx, op.precedence + 1));
      left = { kind: 'binary', span: { start: left.span.start, end: right.span.end }, op: op.name, left, right };
    }
  }

  private peekBinaryOperator(lx: Lexer): { name: string; precedence: number } | undefined {
    const t = lx.peek();
    if (t.kind === 'punct') {
      const precedence = OPERATOR_PRECEDENCE.get(t.text);
      return precedence === undefined ? undefined : { name: t.text, precedence };
    }
    if (t.kind === 'ident') {
      const name = t.text.toUpperCase();
      if (!WORD_OPERATORS.has(name) || this.isArgumentName(lx)) return undefined;
      return { name, precedence: OPERATOR_PRECEDENCE.get(name)! };
    }
    return undefined;
  }

  /** True when the peeked identifier is followed by ':' or '=>' (an argument such as `Or: …`, not an operator). */
  private isArgumentName(lx: Lexer): boolean {
    const saved = lx.save();
    lx.next();
    const after = lx.peek();
    lx.restore(saved);
    return after.kind === 'punct' && (after.text === ':' || after.text === '=>');
  }

  private parseUnary(lx: Lexer): Expr {
    const t = lx.peek();
    if (t.kind === 'ident' && t.text.toUpperCase() === 'NOT' && !this.isArgumentName(lx)) {
      lx.next();
      const paren = lx.peek();
      if (paren.kind === 'punct' && paren.text === '(' && !paren.spaceBefore) {
        // NOT(x) is written like a function call in PAD conditions.
        return this.parsePostfix(lx, this.parseCall(lx, t));
      }
      const operand = this.nested(lx, () => this.parseBinary(lx, NOT_OPERAND_PRECEDENCE));
      return { kind: 'unary', span: { start: t.start, end: operand.span.end }, op: 'NOT', operand };
    }
    if (t.kind === 'punct' && t.text === '-') {
      lx.next();
      const n = lx.peek();
      if (n.kind === 'number' && !n.spaceBefore) {
        lx.next();
        const raw = this.text.slice(t.start, n.end);
        return this.parsePostfix(lx, { kind: 'number', span: { start: t.start, end: n.end }, value: -Number(n.text), raw });
      }
      const operand = this.nested(lx, () => this.parseUnary(lx));
      return { kind: 'unary', span: { start: t.start, end: operand.span.end }, op: '-', operand };
    }
    return this.parsePostfix(lx, this.parsePrimary(lx));
  }

  /** Runs a nested parse one level deeper, or reports and gives up on the line past MAX_NESTING. */
  private nested(lx: Lexer, parse: () => Expr): Expr {
    if (this.depth >= MAX_NESTING) {
      const t = lx.peek();
      this.report(t.start, t.end, 'expression nested too deeply');
      this.bailedOut = true;
      // Drop the rest of the line: every enclosing level would otherwise report its own missing closer.
      let last = t;
      while (last.kind !== 'eol' && last.kind !== 'eof') {
        lx.next();
        last = lx.peek();
      }
      return this.errorExpr(t.start, last.start);
    }
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Primaries and postfix operators

  private parsePrimary(lx: Lexer): Expr {
    const t = lx.peek();
    switch (t.kind) {
      case 'number':
        lx.next();
        return { kind: 'number', span: { start: t.start, end: t.end }, value: Number(t.text), raw: t.text };
      case 'string':
        lx.next();
        return this.parseStringToken(t);
      case 'ident': {
        const upper = t.text.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE') {
          lx.next();
          return { kind: 'bool', span: { start: t.start, end: t.end }, value: upper === 'TRUE' };
        }
        if (EXPRESSION_STOP_WORDS.has(upper)) return this.errorAt(lx, 'expected an expression');
        lx.next();
        const paren = lx.peek();
        if (paren.kind === 'punct' && paren.text === '(' && !paren.spaceBefore) return this.parseCall(lx, t);
        return this.identifierChain(lx, t, true);
      }
      case 'punct':
        if (t.text === '(') return this.nested(lx, () => this.parseParen(lx));
        if (t.text === '[') return this.nested(lx, () => this.parseList(lx));
        if (t.text === '{') return this.nested(lx, () => this.parseBraces(lx));
        return this.errorAt(lx, 'expected an expression');
      default:
        return this.errorAt(lx, 'expected an expression');
    }
  }

  /**
   * `a.b.c` after its first identifier: an enum value (`Module.Type.Value`) when the first segment names a
   * module, otherwise a variable with property accesses.
   */
  private identifierChain(lx: Lexer, first: Token, allowEnum: boolean): Expr {
    const segments: Token[] = [first];
    // `.name` directly after the identifier (checked on the text: a lexer lookahead would be thrown away
    // for nearly every identifier).
    while (this.dotNameAt(lx, segments[segments.length - 1].end)) {
      lx.next(); // .
      segments.push(lx.next());
    }
    const last = segments[segments.length - 1];
    if (allowEnum && segments.length >= 3 && isKnownModule(first.text)) {
      return {
        kind: 'dotted',
        span: { start: first.start, end: last.end },
        name: this.text.slice(first.start, last.end),
        segments: segments.map(s => s.text),
      };
    }
    let expr: Expr = { kind: 'var', span: { start: first.start, end: first.end }, name: first.text };
    for (let i = 1; i < segments.length; i++) {
      const s = segments[i];
      expr = { kind: 'member', span: { start: first.start, end: s.end }, object: expr, property: s.text, propertySpan: { start: s.start, end: s.end } };
    }
    return expr;
  }

  private parsePostfix(lx: Lexer, expr: Expr): Expr {
    for (;;) {
      const t = lx.peek();
      if (t.kind !== 'punct' || t.spaceBefore) return expr;
      if (t.text === '[') {
        lx.next();
        const index = this.nested(lx, () => this.parseExpression(lx));
        const close = this.expect(lx, ']');
        expr = { kind: 'index', span: { start: expr.span.start, end: close ?? index.span.end }, object: expr, index };
      } else if (t.text === '.') {
        if (!this.dotNameAt(lx, t.start)) return expr;
        lx.next();
        const name = lx.next();
        expr =  { kind: 'member', span: { start: expr.span.start, end: name.end }, object: expr, property: name.text, propertySpan: { start: name.start, end: name.end } };
      } else {
        return expr;
      }
    }
  }

  /** True when `.identifier` starts at offset i (inside the lexer's window). */
  private dotNameAt(lx: Lexer, i: number): boolean {
    return this.text.charCodeAt(i) === 46 /* . */ && i + 1 < lx.end && isIdentStartAt(this.text, i + 1);
  }

  private parseCall(lx: Lexer, callee: Token): Expr {
    lx.next(); // (
    const args: Expr[] = [];
    let end = this.parseSeparated(lx, ')', () => args.push(this.nested(lx, () => this.parseExpression(lx))));
    if (end === undefined) end = args.length ? args[args.length - 1].span.end : callee.end + 1;
    return { kind: 'call', span: { start: callee.start, end }, callee: callee.text, calleeSpan: { start: callee.start, end: callee.end }, args };
  }

  private parseParen(lx: Lexer): Expr {
    const open = lx.next();
    const inner = this.parseExpression(lx);
    const end = this.expect(lx, ')') ?? inner.span.end;
    return { kind: 'paren', span: { start: open.start, end }, expr: inner };
  }

  private parseList(lx: Lexer): Expr {
    const open = lx.next();
    const items: Expr[] = [];
    const end = this.parseSeparated(lx, ']', () => items.push(this.parseExpression(lx))) ?? (items.length ? items[items.length - 1].span.end : open.end);
    return { kind: 'list', span: { start: open.start, end }, items };
  }

  /**
   * Items separated by commas up to the closer; returns the closer's end offset, or undefined (reported)
   * when it is missing.
   */
  private parseSeparated(lx: Lexer, closer: string, item: () => void): number | undefined {
    const first = lx.peek();
    if (first.kind === 'punct' && first.text === closer) {
      lx.next();
      return first.end;
    }
    for (;;) {
      item();
      const t = lx.peek();
      if (t.kind === 'punct' && t.text === ',') {
        lx.next();
        continue;
      }
      return this.expect(lx, closer);
    }
  }

  /** `{ 'k': v }`, `{{ }}` (custom objects) and `{ ^['H'], [v] }` / `{ }` (datatables). */
  private parseBraces(lx: Lexer): Expr {
    const open = lx.next();
    const t = lx.peek();
    if (t.kind === 'punct' && t.text === '{') {
      // {{ … }}: PAD writes an empty custom object this way.
      lx.next();
      const entries = this.parseEntries(lx);
      this.expect(lx, '}');
      const end = this.expect(lx, '}') ?? lx.save();
      return { kind: 'object', span: { start: open.start, end }, entries };
    }
    if (t.kind === 'punct' && (t.text === '^' || t.text === '[' || t.text === '}')) return this.parseDatatable(lx, open);
    const entries = this.parseEntries(lx);
    const end = this.expect(lx, '}') ?? (entries.length ? entries[entries.length - 1].span.end : open.end);
    const object: ObjectLit = { kind: 'object', span: { start: open.start, end }, entries };
    return object;
  }

  private parseEntries(lx: Lexer): ObjectEntry[] {
    const entries: ObjectEntry[] = [];
    for (;;) {
      const key = lx.peek();
      if (key.kind === 'punct' && key.text === '}') return entries;
      let name: string;
      if (key.kind === 'string') {
        lx.next();
        const lit = this.parseStringToken(key);
        name = lit.value ?? this.text.slice(key.str!.contentStart, key.str!.contentEnd);
      } else if (key.kind === 'ident') {
        lx.next();
        name = key.text;
      } else {
        this.report(key.start, key.end, 'expected a property name');
        return entries;
      }
      if (this.expect(lx, ':') === undefined) return entries;
      const value = this.parseExpression(lx);
      entries.push({ key: name, keySpan: { start: key.start, end: key.end }, value, span: { start: key.start, end: value.span.end } });
      const sep = lx.peek();
      if (sep.kind === 'punct' && sep.text === ',') {
        lx.next();
        continue;
      }
      return entries;
    }
  }

  private parseDatatable(lx: Lexer, open: Token): DatatableLit {
    let header: Expr[] = [];
    const rows: Expr[][] = [];
    const row = (): Expr[] | undefined => {
      const t = lx.peek();
      if (t.kind !== 'punct' || t.text !== '[') {
        this.report(t.start, t.end, "expected '[' (a datatable row)");
        return undefined;
      }
      lx.next();
      const items: Expr[] = [];
      this.parseSeparated(lx, ']', () => items.push(this.parseExpression(lx)));
      return items;
    };
    let t = lx.peek();
    if (t.kind === 'punct' && t.text !== '}') {
      if (t.text === '^') {
        lx.next();
        header = row() ?? [];
      } else {
        const first = row();
        if (first) rows.push(first);
      }
      for (t = lx.peek(); t.kind === 'punct' && t.text === ','; t = lx.peek()) {
        lx.next();
        const r = row();
        if (!r) break;
        rows.push(r);
      }
    }
    const end = this.expect(lx, '}') ?? lx.save();
    return { kind: 'datatable', span: { start: open.start, end }, header, rows };
  }

  /** Consumes the punctuation and returns its end, or reports and returns undefined. */
  expect(lx: Lexer, punct: string): number | undefined {
    const t = lx.peek();
    if (t.kind === 'punct' && t.text === punct) {
      lx.next();
      return t.end;
    }
    const atLineEnd = t.kind === 'eol' || t.kind === 'eof';
    this.report(t.start, atLineEnd ? t.start : t.end, `expected '${punct}'`);
    return undefined;
  }

  /** Reports at the next token and returns an ErrorExpr for it (consumed unless it ends a line or a group). */
  private errorAt(lx: Lexer, message: string): ErrorExpr {
    const t = lx.peek();
    // Line ends, closers and statement keywords (TO, THEN, …) are left for the statement parser.
    const structural = t.kind === 'eol' || t.kind === 'eof' || (t.kind === 'punct' && ')]},:'.includes(t.text)) || (t.kind === 'punct' && t.text === '=>')
      || (t.kind === 'ident' && EXPRESSION_STOP_WORDS.has(t.text.toUpperCase()));
    if (structural) {
      this.report(t.start, t.kind === 'eol' || t.kind === 'eof' ? t.start : t.end, message);
      return this.errorExpr(t.start, t.start);
    }
    lx.next();
    this.report(t.start, t.end, message);
    return this.errorExpr(t.start, t.end);
  }

  // ------------------------------------------------------------------------------------------
  // String literals

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
    const part = new TextPartBuilder(text, from);
    for (let i = from; i < to; ) {
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
    const parts: Array<TextPart | InterpolationPart> = [];
    let part = new TextPartBuilder(text, from);
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
        if (part.finish(i)) parts.push(part.result!);
        parts.push({ kind: 'interpolation', expr: this.parseEmbedded(i + 1, close, false, '%…%'), span: { start: i, end: close + 1 } });
        i = close + 1;
        part = new TextPartBuilder(text, i);
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
    if (part.finish(to)) parts.push(part.result!);
    return finishString(span, 'interpolated', parts);
  }

  /** $fx'text ${expr}' or $fx'=formula' (and a Power Fx "text" literal inside a formula). */
  private decodeFx(span: Span, from: number, to: number, doubleQuoted: boolean): StringLit {
    const text = this.text;
    if (doubleQuoted) {
      const part = new TextPartBuilder(text, from);
      for (let i = from; i < to; i++) {
        if (text.charCodeAt(i) === 34 && text.charCodeAt(i + 1) === 34 && i + 1 < to) {
          part.escape(i, i + 2, '"');
          i++;
        }
      }
      return finishString(span, 'fx', part.finish(to) ? [part.result!] : []);
    }
    if (text.charCodeAt(from) === 61 /* = */) {
      const whole = new TextPartBuilder(text, from);
      whole.finish(to);
      const lit = finishString(span, 'fx', whole.result ? [whole.result] : []);
      lit.value = undefined; // a formula is computed at run time, not literal text
      lit.formula = text.slice(from + 1, to);
      return lit;
    }
    const parts: Array<TextPart | InterpolationPart> = [];
    let part = new TextPartBuilder(text, from);
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
        if (part.finish(i)) parts.push(part.result!);
        parts.push({ kind: 'interpolation', expr: this.parseEmbedded(i + 2, close, true, '${…}'), span: { start: i, end: close + 1 } });
        i = close + 1;
        part = new TextPartBuilder(text, i);
        continue;
      }
      i++;
    }
    if (part.finish(to)) parts.push(part.result!);
    return finishString(span, 'fx', parts);
  }

  /** Parses the expression of an interpolation in place (a lexer bounded to [from, to)). */
  private parseEmbedded(from: number, to: number, fx: boolean, what: string): Expr {
    const lx = new Lexer(this.text, from, to, fx);
    const first = lx.peek();
    if (first.kind === 'eof') {
      this.report(from - 1, to + 1, `empty ${what} expression`);
      return this.errorExpr(from, to);
    }
    const expr = this.nested(lx, () => this.parseBinary(lx, 1));
    const rest = lx.peek();
    if (rest.kind !== 'eof') {
      this.report(rest.start, to, `unexpected text in ${what} expression`);
      return this.errorExpr(first.start, to);
    }
    return expr;
  }
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
  if (parts.every(p => p.kind === 'text')) lit.value = parts.length ? (parts as TextPart[]).map(p => p.value).join('') : '';
  return lit;
}

/**
 * Accumulates one text part: plain runs are sliced from the script in one go; escapes switch on the
 * per-character offset table (built only for parts that need it).
 */
class TextPartBuilder {
  private readonly chunks: string[] = [];
  private length = 0;
  private offsets: number[] | undefined;
  private runStart: number;
  result: TextPart | undefined;

  constructor(
    private readonly text: string,
    private readonly start: number,
  ) {
    this.runStart = start;
  }

  /** Records an escape sequence [rawStart, rawEnd) standing for `value`. */
  escape(rawStart: number, rawEnd: number, value: string): void {
    this.flush(rawStart);
    if (!this.offsets) {
      this.offsets = new Array<number>(this.length);
      for (let k = 0; k < this.length; k++) this.offsets[k] = this.start + k;
    }
    this.offsets.push(rawStart);
    this.chunks.push(value);
    this.length += value.length;
    this.runStart = rawEnd;
  }

  /** Closes the part at rawEnd; false when it is empty (nothing to add). */
  finish(rawEnd: number): boolean {
    this.flush(rawEnd);
    if (rawEnd <= this.start) return false;
    this.result = { kind: 'text', value: this.chunks.join(''), span: { start: this.start, end: rawEnd } };
    if (this.offsets) this.result.offsets = this.offsets;
    return true;
  }

  private flush(to: number): void {
    if (to <= this.runStart) return;
    this.chunks.push(this.text.slice(this.runStart, to));
    if (this.offsets) for (let k = this.runStart; k < to; k++) this.offsets.push(k);
    this.length += to - this.runStart;
    this.runStart = to;
  }
}
