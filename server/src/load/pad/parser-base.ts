// State and bookkeeping shared by the layers of the desktop-flow script parser (parser.ts): the tree being
// built, the stack of open blocks (frames) and which statement list a new statement joins, ON ERROR
// handlers and the statement they guard, line ends and problem reports. The statement layers build on it:
// action-parser.ts < block-parser.ts < statement-parser.ts < parser.ts.
import type { Span } from '../../util/text';
import type {
  Annotation, BlockStmt, CommentStmt, ConditionBranch, ForeachStmt, FunctionDef, IfStmt, LoopStmt, OnErrorStmt, ScriptAst,
  Statement, SwitchStmt, SyntaxProblem, WhileStmt,
} from '../../model/pad-ast';
import { ExpressionParser } from './expressions';
import { Lexer, isBlank, isIdentStartAt, isLineBreak, lineEndFrom, scanIdent, type Token } from './lexer';
import { upperEquals } from './words';

/** An open block: what its body collects, where its header is (for "… without END"). */
export type Frame =
  | { kind: 'function'; head: Span; def: FunctionDef }
  | { kind: 'if'; head: Span; node: IfStmt; branch: ConditionBranch | undefined }
  | { kind: 'switch'; head: Span; node: SwitchStmt; list: Statement[] | undefined; current: { span: Span } | undefined; sawDefault: boolean }
  | { kind: 'loop'; head: Span; node: LoopStmt | ForeachStmt | WhileStmt }
  | { kind: 'block'; head: Span; node: BlockStmt; phase: 'pending' | 'handler' | 'body' }
  | { kind: 'onError'; head: Span; node: OnErrorStmt; owner: Statement | undefined; handlers: OnErrorStmt[] | undefined; column: number };

export abstract class ParserBase {
  protected readonly end: number;
  protected readonly lx: Lexer;
  protected readonly problems: SyntaxProblem[] = [];
  protected readonly ep: ExpressionParser;
  protected readonly ast: ScriptAst;
  protected readonly frames: Frame[] = [];
  protected pendingAnnotations: Annotation[] = [];
  /** A statement, FUNCTION or other non-header line has been seen: later `@@` lines are not headers. */
  protected pastHeader = false;
  /** End of the content of the last line read, and of the line before the current one. */
  protected lastEnd = 0;
  protected previousLineEnd = 0;
  protected stopped = false;
  /** problems.length when the current line started: a line reports at most its first fault. */
  protected lineProblemMark = 0;
  constructor(protected readonly text: string) {
    this.end = text.length;
    this.lx = new Lexer(text, 0, this.end);
    this.ep = new ExpressionParser(text, this.problems, this.lx.pool);
    this.ast = { headers: [], imports: [], declarations: [], body: [], functions: [], comments: [], problems: this.problems };
  }

  // ------------------------------------------------------------------------------------------
  // Bodies: the open blocks (frames), where statements go, ON ERROR handlers

  protected top(): Frame | undefined {
    return this.frames[this.frames.length - 1];
  }

  /** The statement list new statements go to; undefined between SWITCH and its first CASE. */
  protected currentList(): Statement[] | undefined {
    const frame = this.top();
    if (!frame) return this.ast.body;
    switch (frame.kind) {
      case 'function': return frame.def.body;
      case 'if': return frame.branch ? frame.branch.body : frame.node.elseBody!;
      case 'switch': return frame.list;
      case 'loop': return frame.node.body;
      case 'block': return frame.phase === 'handler' ? frame.node.handler!.body : frame.node.body;
      case 'onError': return frame.node.body;
    }
  }

  protected addStatement(stmt: Statement, start?: number, disabled?: boolean): void {
    if (start !== undefined) stmt.span.start = start;
    if (disabled) stmt.disabled = true;
    this.takeAnnotations(stmt);
    if (stmt.kind !== 'comment') this.pastHeader = true;
    const frame = this.top();
    if (frame?.kind === 'block' && frame.phase === 'pending' && stmt.kind !== 'comment') frame.phase = 'body';
    const list = this.currentList();
    if (!list) {
      if (stmt.kind !== 'comment') this.report(stmt.span.start, stmt.span.end, 'statement before the first CASE of a SWITCH');
      return;
    }
    list.push(stmt);
  }

  protected addComment(comment: CommentStmt): void {
    this.ast.comments.push(comment);
    this.addStatement(comment);
  }

  protected takeAnnotations(stmt: Statement): void {
    if (!this.pendingAnnotations.length) return;
    stmt.annotations = this.pendingAnnotations;
    this.pendingAnnotations = [];
  }

  /** IMPORT, @SENSITIVE, @INPUT/@OUTPUT: `@@` lines before them belong to the stored-definition header. */
  protected headerLineSeen(): void {
    if (!this.pendingAnnotations.length) return;
    if (this.pastHeader) this.dropPendingAnnotations();
    else {
      this.ast.headers.push(...this.pendingAnnotations);
      this.pendingAnnotations = [];
    }
  }

  protected dropPendingAnnotations(): void {
    for (const a of this.pendingAnnotations) this.report(a.span.start, a.span.end, '@@ annotation not followed by a statement');
    this.pendingAnnotations = [];
  }

  /** Attaches ON ERROR to the action it guards: the previous action, a WAIT's action or an IF/WHILE action condition. */
  protected attachOnError(node: OnErrorStmt): { attached: boolean; owner?: Statement; handlers?: OnErrorStmt[] } {
    const frame = this.top();
    // Right after `IF (Action …) THEN` / `LOOP WHILE (Action …)` the handler guards the condition action.
    if (frame?.kind === 'if' && frame.branch && frame.node.branches.length === 1 && !frame.branch.body.length && frame.branch.condition.kind === 'action') {
      const handlers = (frame.branch.condition.onError ??= []);
      handlers.push(node);
      return { attached: true, handlers };
    }
    if (frame?.kind === 'loop' && frame.node.kind === 'while' && !frame.node.body.length && frame.node.condition.kind === 'action') {
      const handlers = (frame.node.condition.onError ??= []);
      handlers.push(node);
      return { attached: true, handlers };
    }
    const list = this.currentList();
    const last = list?.[list.length - 1];
    if (last?.kind === 'action') {
      const handlers = (last.onError ??= []);
      handlers.push(node);
      return { attached: true, owner: last, handlers };
    }
    if (last?.kind === 'wait' && last.condition) {
      const handlers = (last.condition.onError ??= []);
      handlers.push(node);
      return { attached: true, owner: last, handlers };
    }
    // Standalone: the caller adds it to the body.
    return { attached: false };
  }

  /**
   * The open ON ERROR handler a new ON ERROR at `column` continues as the next handler of the same
   * action: one at the handler's indentation or left of it, unless it guards the handler's own last
   * action (written at or left of its column, as handlers sit under the action they guard).
   */
  protected siblingHandler(column: number): Extract<Frame, { kind: 'onError' }> | undefined {
    const frame = this.top();
    if (frame?.kind !== 'onError' || column > frame.column) return undefined;
    const body = frame.node.body;
    let last: Statement | undefined;
    for (let i = body.length - 1; i >= 0 && !last; i--) if (body[i].kind !== 'comment') last = body[i];
    const guardable = last?.kind === 'action' || (last?.kind === 'wait' && !!last.condition);
    if (guardable && this.columnOf(last!.span.start) <= column) return undefined;
    return frame;
  }

  /** Indentation of the line holding `offset`, which is the line's first non-blank character. */
  protected columnOf(offset: number): number {
    let i = offset;
    while (i > 0 && isBlank(this.text.charCodeAt(i - 1))) i--;
    return offset - i;
  }

  /** Handlers are part of the statement they guard: its span grows to cover them. */
  protected extendOwner(owner: Statement | undefined, end: number): void {
    if (!owner) return;
    owner.span.end = Math.max(owner.span.end, end);
    if (owner.kind === 'wait' && owner.condition) owner.condition.span.end = Math.max(owner.condition.span.end, end);
  }

  protected nextLineStartsWithOnError(): boolean {
    const text = this.text;
    let i = lineEndFrom(text, this.lx.save(), this.end);
    while (i < this.end && (isBlank(text.charCodeAt(i)) || isLineBreak(text.charCodeAt(i)))) i++;
    const first = scanIdent(text, i, this.end);
    if (!upperEquals(text, i, first, 'ON')) return false;
    let j = first;
    while (j < this.end && isBlank(text.charCodeAt(j))) j++;
    return j > first && upperEquals(text, j, scanIdent(text, j, this.end), 'ERROR');
  }

  protected closeBranch(frame: Extract<Frame, { kind: 'if' }>): void {
    if (frame.branch) frame.branch.span.end = Math.max(frame.branch.span.end, this.previousLineEnd);
  }

  protected closeCase(frame: Extract<Frame, { kind: 'switch' }>): void {
    if (frame.current) frame.current.span.end = Math.max(frame.current.span.end, this.previousLineEnd);
  }

  /** Closes the innermost frame at `end` (the END keyword's end). */
  protected popFrame(end: number): void {
    const frame = this.frames.pop()!;
    switch (frame.kind) {
      case 'if':
        this.closeBranch(frame);
        frame.node.span.end = end;
        break;
      case 'switch':
        this.closeCase(frame);
        frame.node.span.end = end;
        break;
      case 'loop':
      case 'block':
        if (frame.kind === 'block' && frame.node.handler && frame.phase === 'handler') frame.node.handler.span.end = end;
        frame.node.span.end = end;
        break;
      case 'onError':
        frame.node.span.end = end;
        this.extendOwner(frame.owner, end);
        break;
      case 'function':
        frame.def.span.end = end;
        break;
    }
  }

  /** Closes the innermost frame whose END is missing; reports it at its header. */
  protected popFrameUnclosed(before: number | undefined): void {
    const frame = this.top()!;
    const names = { function: 'FUNCTION without END FUNCTION', if: 'IF without END', switch: 'SWITCH without END', loop: 'LOOP without END', block: 'BLOCK without END', onError: 'ON ERROR without END' };
    this.report(frame.head.start, frame.head.end, names[frame.kind]);
    const end = before === undefined ? this.lastEnd : Math.max(frame.head.end, this.previousLineEnd);
    if (frame.kind === 'if' || frame.kind === 'switch') this.previousLineEnd = Math.max(this.previousLineEnd, end);
    this.popFrame(Math.max(end, frame.head.end));
  }

  /** At the end of the script (before = undefined) or before a FUNCTION line. */
  protected closeAllFrames(before: number | undefined): void {
    if (before === undefined) this.previousLineEnd = this.lastEnd;
    while (this.frames.length) this.popFrameUnclosed(before);
  }

  // ------------------------------------------------------------------------------------------
  // Line ends, unknown lines and small helpers

  protected followedByDot(t: Token): boolean {
    return this.text.charCodeAt(t.end) === 46 && t.end + 1 < this.end && isIdentStartAt(this.text, t.end + 1);
  }

  protected isArgumentName(t: Token): boolean {
    let i = t.end;
    while (i < this.end && isBlank(this.text.charCodeAt(i))) i++;
    return this.text.charCodeAt(i) === 58;
  }

  protected expectKeyword(word: string): Token | undefined {
    const t = this.lx.peek();
    if (t.is(word)) {
      this.lx.next();
      return t;
    }
    this.report(t.start, t.kind === 'eol' || t.kind === 'eof' ? t.start : t.end, `expected ${word}`);
    return undefined;
  }

  /** Ends a statement line: a trailing `# note` becomes a comment of its own; anything else is reported. */
  protected finishLine(): void {
    const lx = this.lx;
    const t = lx.peek();
    this.lastEnd = Math.max(this.lastEnd, this.trimBack(t.start));
    if (t.kind === 'eol') {
      lx.next();
      return;
    }
    if (t.kind === 'eof') return;
    if (t.kind === 'punct' && t.text === '#' && t.spaceBefore) {
      const contentEnd = this.lineContentEnd(t.start);
      this.addComment({ kind: 'comment', span: { start: t.start, end: contentEnd }, text: this.text.slice(t.start + 1, contentEnd).trim(), block: false });
      this.lastEnd = contentEnd;
      lx.seek(contentEnd);
      return;
    }
    let end = t.end;
    for (;;) {
      const u = lx.peek();
      if (u.kind === 'eol' || u.kind === 'eof') break;
      lx.next();
      end = u.end;
    }
    // After a fault on this line the rest is its consequence, not a second fault.
    if (this.problems.length === this.lineProblemMark) this.report(t.start, end, 'unexpected text after the statement');
    this.lastEnd = end;
    if (lx.peek().kind === 'eol') lx.next();
  }

  protected skipBlankLines(): number {
    const text = this.text;
    let i = this.lx.save();
    while (i < this.end) {
      const c = text.charCodeAt(i);
      if (!isBlank(c) && !isLineBreak(c)) break;
      i++;
    }
    this.lx.seek(i);
    return i;
  }

  /** End of the line's content (trailing blanks excluded). */
  protected lineContentEnd(from: number): number {
    return this.trimBack(lineEndFrom(this.text, from, this.end));
  }

  protected trimBack(i: number): number {
    while (i > 0 && isBlank(this.text.charCodeAt(i - 1))) i--;
    return i;
  }

  protected report(start: number, end: number, message: string): void {
    this.problems.push({ span: { start, end: Math.max(start, end) }, message });
  }

  /** A line that is no statement: kept as UnknownStmt with one problem, parsing goes on with the next line. */
  protected parseUnknownLine(start: number, at: number, message?: string): void {
    const lx = this.lx;
    lx.seek(at);
    let end = at;
    for (;;) {
      const t = lx.peek();
      if (t.kind === 'eol' || t.kind === 'eof') break;
      lx.next();
      end = t.end;
    }
    if (end <= start) end = this.lineContentEnd(start);
    if (!message) {
      const wordEnd = scanIdent(this.text, start, this.end);
      message = wordEnd > start ? `unknown statement '${this.text.slice(start, wordEnd)}'` : 'unrecognised line';
    }
    this.report(start, end, message);
    this.addStatement({ kind: 'unknown', span: { start, end }, text: this.text.slice(start, end) }, start, false);
    this.lastEnd = end;
    const eol = lx.peek();
    if (eol.kind === 'eol') lx.next();
  }
}
