// Incremental re-parse of a desktop-flow script after an edit: when the text changed inside one statement
// line (an action, SET or CALL that opens no block), only that line is parsed again; the tree of the previous
// text is kept, with the offsets after the edit moved by its length. Anything else — an edit across lines, a
// line that opens or closes a block, a syntax problem near the edit, a statement whose kind changes — is
// parsed whole. The result equals parseScript(text) (test/unit/pad-incremental.test.ts holds it to that).
// The copy with moved offsets is offset-mover.ts.
import type { ScriptAst, Statement } from '../../model/pad-ast';
import { isBlank, isLineBreak } from './lexer';
import { parseScript, parseStatementLineAt } from './parser';
import { OffsetMover, type TextChange } from './offset-mover';
import type { StatementRole } from './walk';

export type { TextChange } from './offset-mover';

const CHUNK = 256;

/** The smallest single change turning `before` into `after` (common head and tail kept); undefined when equal. */
export function textChange(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  // Chunk by chunk first (a slice compare is a memory compare), then character by character.
  let head = 0;
  while (head + CHUNK <= shorter && before.slice(head, head + CHUNK) === after.slice(head, head + CHUNK)) head += CHUNK;
  while (head < shorter && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  const room = shorter - head;
  while (tail + CHUNK <= room && before.slice(before.length - tail - CHUNK, before.length - tail) === after.slice(after.length - tail - CHUNK, after.length - tail)) tail += CHUNK;
  while (tail < room && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start: head, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/** Kinds of statement that a re-parsed line may be: one line each, no body, nothing else of the parse depends on their text. */
const LINE_KINDS = new Set<Statement['kind']>(['action', 'set', 'call']);

/** The tree of `text`, reusing `previous` (the tree of `previousText`) where the edit leaves it as it was. */
export function reparseScript(previousText: string, previous: ScriptAst, text: string): ScriptAst {
  const change = textChange(previousText, text);
  if (!change) return previous;
  return reparseLine(previousText, previous, text, change) ?? parseScript(text);
}

function reparseLine(previousText: string, previous: ScriptAst, text: string, change: TextChange): ScriptAst | undefined {
  const old = statementAround(previous, change);
  if (!old || !isWholeLine(previousText, old.span.start, old.span.end)) return undefined;
  // A syntax problem on the line may come from its context (a CASE-less SWITCH): those lines are parsed whole.
  if (previous.problems.some(p => p.span.end >= old.span.start && p.span.start <= old.span.end)) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const parsed = parseStatementLineAt(text, old.span.start);
  const end = old.span.end + delta;
  if (!parsed || parsed.stmt.kind !== old.kind || parsed.stmt.span.end !== end || parsed.end !== end || !isWholeLine(text, old.span.start, end)) return undefined;
  const replacement = parsed.stmt;
  const mover = new OffsetMover(change, old, replacement);
  // The @@ annotations on the lines before it hang from the statement. (An action with ON ERROR handlers spans
  // their lines too: it is never a whole line, so never re-parsed alone.)
  if (old.annotations) replacement.annotations = mover.annotations(old.annotations);
  return mover.tree(previous);
}

/**
 * The innermost statement whose text holds the change (strictly after its first character), when it is a
 * one-line kind in a body. Statements are visited as walkStatements (walk.ts) visits them — document order,
 * parents before children — descending only into holders: the last holder is the innermost (an action's span
 * covers the ON ERROR handlers after it). Written out instead of calling walkStatements: that allocates a
 * context per statement of the script, on every keystroke.
 */
function statementAround(ast: ScriptAst, change: TextChange): Statement | undefined {
  const search = new HolderSearch(change);
  let b = 0;
  let f = 0;
  while (b < ast.body.length || f < ast.functions.length) {
    const nextFunction = ast.functions[f];
    if (b < ast.body.length && (!nextFunction || ast.body[b].span.start <= nextFunction.span.start)) {
      search.from(ast.body[b++]);
    } else {
      for (const stmt of nextFunction.body) search.from(stmt);
      f++;
    }
  }
  const found = search.innermost;
  return found && LINE_KINDS.has(found.kind) && search.role !== 'condition' ? found : undefined;
}

class HolderSearch {
  innermost: Statement | undefined;
  role: StatementRole = 'body';
  private readonly stack: Statement[] = [];
  private readonly roles: StatementRole[] = [];

  constructor(private readonly change: TextChange) {}

  /** Visits a statement of a subflow's (or the main) body and, if it holds the change, what is nested in it. */
  from(root: Statement): void {
    this.push(root, 'body');
    while (this.stack.length) {
      const stmt = this.stack.pop()!;
      const role = this.roles.pop()!;
      if (!(stmt.span.start < this.change.start && this.change.oldEnd <= stmt.span.end)) continue;
      this.innermost = stmt;
      this.role = role;
      this.pushChildren(stmt);
    }
  }

  /** The statements nested in `stmt`, pushed so that they pop in walkStatements' order. */
  private pushChildren(stmt: Statement): void {
    const at = this.stack.length;
    switch (stmt.kind) {
      case 'action':
        this.pushList(stmt.onError, 'onError');
        break;
      case 'onError':
        this.pushList(stmt.body, 'body');
        break;
      case 'if':
        for (const branch of stmt.branches) {
          if (branch.condition.kind === 'action') this.push(branch.condition, 'condition');
          this.pushList(branch.body, 'body');
        }
        this.pushList(stmt.elseBody, 'else');
        break;
      case 'switch':
        for (const c of stmt.cases) this.pushList(c.body, 'case');
        this.pushList(stmt.defaultBody, 'case');
        break;
      case 'loop':
      case 'foreach':
        this.pushList(stmt.body, 'body');
        break;
      case 'while':
        if (stmt.condition.kind === 'action') this.push(stmt.condition, 'condition');
        this.pushList(stmt.body, 'body');
        break;
      case 'wait':
        if (stmt.condition) this.push(stmt.condition, 'condition');
        break;
      case 'block':
        if (stmt.handler) this.pushList(stmt.handler.body, 'blockHandler');
        this.pushList(stmt.body, 'body');
        break;
      default:
        break;
    }
    // Pushed in document order; reversed so the first child pops first.
    reverseFrom(this.stack, at);
    reverseFrom(this.roles, at);
  }

  private pushList(list: readonly Statement[] | undefined, role: StatementRole): void {
    if (list) for (const stmt of list) this.push(stmt, role);
  }

  private push(stmt: Statement, role: StatementRole): void {
    this.stack.push(stmt);
    this.roles.push(role);
  }
}

function reverseFrom<T>(list: T[], from: number): void {
  for (let i = from, j = list.length - 1; i < j; i++, j--) {
    const t = list[i];
    list[i] = list[j];
    list[j] = t;
  }
}

/** Whether [start, end) is all a line holds but blanks. */
function isWholeLine(text: string, start: number, end: number): boolean {
  for (let i = start - 1; i >= 0 && !isLineBreak(text.charCodeAt(i)); i--) if (!isBlank(text.charCodeAt(i))) return false;
  for (let i = end; i < text.length && !isLineBreak(text.charCodeAt(i)); i++) if (!isBlank(text.charCodeAt(i))) return false;
  for (let i = start; i < end; i++) if (isLineBreak(text.charCodeAt(i))) return false;
  return true;
}
