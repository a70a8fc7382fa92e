// Incremental re-parse of a desktop-flow script after an edit: when the text changed inside one statement
// line (an action, SET or CALL that opens no block), only that line is parsed again; the tree of the previous
// text is kept, with the offsets after the edit moved by its length. Anything else — an edit across lines, a
// line that opens or closes a block, a syntax problem near the edit, a statement whose kind changes — is
// parsed whole. The result equals parseScript(text) (test/unit/pad-incremental.test.ts holds it to that).
import type { ScriptAst, Statement } from '../../model/pad-ast';
import { isBlank, isLineBreak } from './lexer';
import { parseScript, parseStatementLineAt } from './parser';
import { walkStatements } from './walk';

/** The part of a text that changed: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
export interface TextChange { start: number; oldEnd: number; newEnd: number }

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
  if (old.annotations) replacement.annotations = mover.copy(old.annotations);
  return mover.copy(previous);
}

/**
 * The innermost statement whose text holds the change (strictly after its first character), when it is a
 * one-line kind in a body. Parents come before their children in the walk: the last holder is the innermost
 * (an action's span covers the ON ERROR handlers after it).
 */
function statementAround(ast: ScriptAst, change: TextChange): Statement | undefined {
  let innermost: { stmt: Statement; role: string } | undefined;
  walkStatements(ast, (stmt, ctx) => {
    if (!(stmt.span.start < change.start && change.oldEnd <= stmt.span.end)) return false;
    innermost = { stmt, role: ctx.role };
    return true;
  });
  return innermost && LINE_KINDS.has(innermost.stmt.kind) && innermost.role !== 'condition' ? innermost.stmt : undefined;
}

/** Whether [start, end) is all a line holds but blanks. */
function isWholeLine(text: string, start: number, end: number): boolean {
  for (let i = start - 1; i >= 0 && !isLineBreak(text.charCodeAt(i)); i--) if (!isBlank(text.charCodeAt(i))) return false;
  for (let i = end; i < text.length && !isLineBreak(text.charCodeAt(i)); i++) if (!isBlank(text.charCodeAt(i))) return false;
  for (let i = start; i < end; i++) if (isLineBreak(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Copies a tree with every offset at or after the end of the change moved by its length. Nodes wholly before
 * the change are shared, not copied. A comment statement is both in a body and in `comments`: it is copied
 * once, so that the copy shares it as the original does. (Hand-rolled: a generic clone with a memo of every
 * node cost more than parsing the script again.)
 */
class OffsetMover {
  private readonly comments = new Map<object, unknown>();
  private readonly delta: number;

  constructor(private readonly change: TextChange, private readonly old: Statement, private readonly replacement: Statement) {
    this.delta = change.newEnd - change.oldEnd;
  }

  copy<T>(value: T): T {
    if (value === null || typeof value !== 'object') return value;
    if ((value as unknown) === this.old) return this.replacement as T;
    if (Array.isArray(value)) {
      const list: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) list[i] = this.copy(value[i]);
      return list as T;
    }
    const node = value as Record<string, unknown>;
    const { oldEnd } = this.change;
    const start = node.start;
    if (typeof start === 'number') {
      // A span: { start, end }.
      const end = node.end as number;
      if (end < oldEnd) return value;
      return { start: start >= oldEnd ? start + this.delta : start, end: end + this.delta } as T;
    }
    if (this.isBefore(node)) return value;
    const isComment = node.kind === 'comment';
    if (isComment) {
      const done = this.comments.get(value);
      if (done) return done as T;
    }
    // A shallow copy keeps the node's shape (its fields in the parser's order); then the fields that hold offsets are replaced.
    const fresh: Record<string, unknown> = { ...node };
    for (const key of Object.keys(fresh)) {
      const v = fresh[key];
      if (v === null || typeof v !== 'object') continue;
      fresh[key] = key === 'offsets' && Array.isArray(v) ? (v as number[]).map(o => (o >= oldEnd ? o + this.delta : o)) : this.copy(v);
    }
    if (isComment) this.comments.set(value, fresh);
    return fresh as T;
  }

  /** A node whose span ends before the change and that holds nothing past its span. */
  private isBefore(node: Record<string, unknown>): boolean {
    const span = node.span as { end?: unknown } | undefined;
    if (!span || typeof span.end !== 'number' || span.end >= this.change.start) return false;
    // ON ERROR handlers follow the action (or WAIT condition) they guard.
    if (node.onError !== undefined) return false;
    const condition = node.condition as { onError?: unknown } | undefined;
    return !condition || typeof condition !== 'object' || condition.onError === undefined;
  }
}
