// Expressions of desktop-flow scripts: precedence climbing over the token stream. String literals (and the
// interpolations they hold, parsed here in place) are decoded by string-literals.ts.
import type { DatatableLit, ErrorExpr, Expr, ObjectEntry, ObjectLit, SyntaxProblem } from '../../model/pad-ast';
import { Lexer, isIdentStartAt, type Token, type TokenPool } from './lexer';
import { isKnownModuleAt } from './modules';
import { StringLiteralParser } from './string-literals';
import { WordSet } from './words';

/** Deeper nesting is reported instead of risking the call stack. */
const MAX_NESTING = 200;

const OPERATOR_PRECEDENCE: ReadonlyMap<string, number> = new Map([
  ['OR', 1],
  ['AND', 2],
  ['=', 4], ['<>', 4], ['<', 4], ['<=', 4], ['>', 4], ['>=', 4],
  ['+', 5], ['-', 5], ['&', 5],
  ['*', 6], ['/', 6], ['MOD', 6],
]);
const WORD_OPERATORS = new WordSet(['AND', 'OR', 'MOD']);
/** NOT binds looser than comparisons: `NOT a = b` is `NOT (a = b)`. */
const NOT_OPERAND_PRECEDENCE = 4;
/** Statement keywords that end an expression; they are never variables (PAD rejects them as names). */
const EXPRESSION_STOP_WORDS = new WordSet(['THEN', 'TO', 'STEP', 'FROM', 'IN']);
/** The words parseUnary and parsePrimary look for, found with one lookup: NOT, the booleans, the stop words. */
const PRIMARY_WORDS = new WordSet(['NOT', 'TRUE', 'FALSE', ...EXPRESSION_STOP_WORDS.words]);

export class ExpressionParser extends StringLiteralParser {
  private depth = 0;
  /** The tokens of the dotted name being read (moduleChain); reused, as the tokens themselves are. */
  private readonly segmentTokens: Token[] = [];
  /** Lexers of the interpolations being parsed, by nesting level (a string inside `%…%` may hold its own). */
  private readonly embeddedLexers: Lexer[] = [];
  private embedDepth = 0;

  constructor(
    text: string,
    problems: SyntaxProblem[],
    /** The script's token pool, shared with the lexers of interpolations. */
    private readonly pool: TokenPool,
  ) {
    super(text, problems);
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
    if (t.kind !== 'ident' || t.wordOf(EXPRESSION_STOP_WORDS) !== undefined) return this.errorAt(lx, 'expected a variable');
    lx.next();
    return this.parsePostfix(lx, this.identifierChain(lx, t, false));
  }

  // ------------------------------------------------------------------------------------------
  // Operators

  private parseBinary(lx: Lexer, minPrecedence: number): Expr {
    let left = this.parseUnary(lx);
    for (;;) {
      const op = this.peekBinaryOperator(lx);
      if (op === undefined) return left;
      const precedence = OPERATOR_PRECEDENCE.get(op)!;
      if (precedence < minPrecedence) return left;
      lx.next();
      const right = this.enter() ? this.leave(this.parseBinary(lx, precedence + 1)) : this.tooDeep(lx);
      left = { kind: 'binary', span: { start: left.span.start, end: right.span.end }, op, left, right };
    }
  }

  /** The binary operator at the next token (its upper-case name for AND, OR, MOD), if there is one. */
  private peekBinaryOperator(lx: Lexer): string | undefined {
    const t = lx.peek();
    if (t.kind === 'punct') return OPERATOR_PRECEDENCE.has(t.text) ? t.text : undefined;
    const name = t.wordOf(WORD_OPERATORS);
    return name === undefined || this.isArgumentName(lx) ? undefined : name;
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
    const word = t.wordOf(PRIMARY_WORDS);
    if (word === 'NOT' && !this.isArgumentName(lx)) {
      lx.next();
      const paren = lx.peek();
      if (paren.kind === 'punct' && paren.text === '(' && !paren.spaceBefore) {
        // NOT(x) is written like a function call in PAD conditions.
        return this.parsePostfix(lx, this.parseCall(lx, t));
      }
      const operand = this.enter() ? this.leave(this.parseBinary(lx, NOT_OPERAND_PRECEDENCE)) : this.tooDeep(lx);
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
      const operand = this.enter() ? this.leave(this.parseUnary(lx)) : this.tooDeep(lx);
      return { kind: 'unary', span: { start: t.start, end: operand.span.end }, op: '-', operand };
    }
    return this.parsePostfix(lx, this.parsePrimary(lx, word));
  }

  /**
   * Goes one level deeper for a nested parse: `enter() ? leave(parse…) : tooDeep(lx)` (written out at each
   * place instead of a helper taking a callback: a closure per operand is measurable garbage).
   */
  private enter(): boolean {
    if (this.depth >= MAX_NESTING) return false;
    this.depth++;
    return true;
  }

  private leave(expr: Expr): Expr {
    this.depth--;
    return expr;
  }

  /** Past MAX_NESTING: reports and gives up on the line. */
  private tooDeep(lx: Lexer): Expr {
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

  // ------------------------------------------------------------------------------------------
  // Primaries and postfix operators

  /** `word`: the token's word of PRIMARY_WORDS, if it is one. */
  private parsePrimary(lx: Lexer, word: string | undefined): Expr {
    const t = lx.peek();
    switch (t.kind) {
      case 'number':
        lx.next();
        return { kind: 'number', span: { start: t.start, end: t.end }, value: Number(t.text), raw: t.text };
      case 'string':
        lx.next();
        return this.parseStringToken(t);
      case 'ident': {
        if (word === 'TRUE' || word === 'FALSE') {
          lx.next();
          return { kind: 'bool', span: { start: t.start, end: t.end }, value: word === 'TRUE' };
        }
        if (word !== undefined && word !== 'NOT') return this.errorAt(lx, 'expected an expression');
        lx.next();
        const paren = lx.peek();
        if (paren.kind === 'punct' && paren.text === '(' && !paren.spaceBefore) return this.parseCall(lx, t);
        return this.identifierChain(lx, t, true);
      }
      case 'punct':
        if (t.text === '(') return this.enter() ? this.leave(this.parseParen(lx)) : this.tooDeep(lx);
        if (t.text === '[') return this.enter() ? this.leave(this.parseList(lx)) : this.tooDeep(lx);
        if (t.text === '{') return this.enter() ? this.leave(this.parseBraces(lx)) : this.tooDeep(lx);
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
    // `.name` directly after the identifier is checked on the text: a lexer lookahead would be thrown away
    // for nearly every identifier.
    if (allowEnum && this.dotNameAt(lx, first.end) && isKnownModuleAt(this.text, first.start, first.end)) return this.moduleChain(lx, first);
    let expr: Expr = { kind: 'var', span: { start: first.start, end: first.end }, name: first.text };
    let last = first;
    while (this.dotNameAt(lx, last.end)) {
      lx.next(); // .
      last = lx.next();
      expr = { kind: 'member', span: { start: first.start, end: last.end }, object: expr, property: last.text, propertySpan: { start: last.start, end: last.end } };
    }
    return expr;
  }

  /** `Module.a.b…`: an enum value with three segments or more, else a variable named like a module with a property. */
  private moduleChain(lx: Lexer, first: Token): Expr {
    const segments = this.segmentTokens;
    let count = 0;
    segments[count++] = first;
    while (this.dotNameAt(lx, segments[count - 1].end)) {
      lx.next(); // .
      segments[count++] = lx.next();
    }
    const last = segments[count - 1];
    if (count >= 3) {
      const names = count === 3 ? [first.text, segments[1].text, last.text] : segments.slice(0, count).map(t => t.text);
      return { kind: 'dotted', span: { start: first.start, end: last.end }, name: this.text.slice(first.start, last.end), segments: names };
    }
    let expr: Expr = { kind: 'var', span: { start: first.start, end: first.end }, name: first.text };
    for (let i = 1; i < count; i++) {
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
        const index = this.enter() ? this.leave(this.parseExpression(lx)) : this.tooDeep(lx);
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
    let end = this.parseSeparated(lx, ')', () => args.push(this.enter() ? this.leave(this.parseExpression(lx)) : this.tooDeep(lx)));
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
      || t.wordOf(EXPRESSION_STOP_WORDS) !== undefined;
    if (structural) {
      this.report(t.start, t.kind === 'eol' || t.kind === 'eof' ? t.start : t.end, message);
      return this.errorExpr(t.start, t.start);
    }
    lx.next();
    this.report(t.start, t.end, message);
    return this.errorExpr(t.start, t.end);
  }

  /** Parses the expression of an interpolation in place (a lexer bounded to [from, to)). */
  protected parseEmbedded(from: number, to: number, fx: boolean, what: string): Expr {
    const level = this.embedDepth++;
    const lx = (this.embeddedLexers[level] ??= new Lexer(this.text, from, to, fx, this.pool)).window(from, to, fx);
    const expr = this.parseEmbeddedWith(lx, from, to, what);
    this.embedDepth = level;
    return expr;
  }

  private parseEmbeddedWith(lx: Lexer, from: number, to: number, what: string): Expr {
    const first = lx.peek();
    if (first.kind === 'eof') {
      this.report(from - 1, to + 1, `empty ${what} expression`);
      return this.errorExpr(from, to);
    }
    const expr = this.enter() ? this.leave(this.parseBinary(lx, 1)) : this.tooDeep(lx);
    const rest = lx.peek();
    if (rest.kind !== 'eof') {
      this.report(rest.start, to, `unexpected text in ${what} expression`);
      return this.errorExpr(first.start, to);
    }
    return expr;
  }
}
