// The tree of a script after a one-line re-parse (incremental.ts): a copy of the previous tree with the re-parsed
// statement replaced and every offset at or after the end of the change moved by its length. Nodes wholly before
// the change are shared, not copied; the previous tree is never modified (the editor may still hold it).
//
// Statements and expressions — nearly every node — are copied by kind, with direct field access: a generic
// copy (spread, Object.keys, a type test on every field) cost as much as parsing the script again. A copy keeps
// the node's shape (`{ ...node }` first, then the fields holding offsets replaced in place). A field added to
// the syntax tree that holds offsets must be moved here too (test/unit/pad-incremental.test.ts compares the
// result with a whole parse). The rest of the tree (headers, declarations, problems, …) is small and goes
// through the generic copy.
import type { Span } from '../../util/text';
import type {
  ActionStmt, Annotation, Argument, ConditionBranch, Expr, FunctionDef, InterpolationPart, ObjectEntry, Output, ScriptAst,
  Statement, SwitchStmt, TextPart,
} from '../../model/pad-ast';

/** The part of a text that changed: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
export interface TextChange { start: number; oldEnd: number; newEnd: number }

export class OffsetMover {
  /** A comment statement is both in a body and in `comments`: it is copied once, so the copy shares it as the original does. */
  private readonly comments = new Map<Statement, Statement>();
  private readonly start: number;
  private readonly oldEnd: number;
  private readonly delta: number;

  constructor(change: TextChange, private readonly old: Statement, private readonly replacement: Statement) {
    this.start = change.start;
    this.oldEnd = change.oldEnd;
    this.delta = change.newEnd - change.oldEnd;
  }

  tree(ast: ScriptAst): ScriptAst {
    const copy: ScriptAst = {
      ...ast,
      headers: this.annotations(ast.headers),
      imports: this.copy(ast.imports),
      declarations: this.copy(ast.declarations),
      body: this.statements(ast.body),
      functions: ast.functions.map(f => this.subflow(f)),
      comments: ast.comments.map(c => this.statement(c) as typeof c),
      problems: this.copy(ast.problems),
    };
    if (ast.sensitive) copy.sensitive = this.copy(ast.sensitive);
    if (ast.clipboardTrailer) copy.clipboardTrailer = this.copy(ast.clipboardTrailer);
    return copy;
  }

  annotations(list: Annotation[]): Annotation[] {
    const out = new Array<Annotation>(list.length);
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      if (a.span.end < this.start) {
        out[i] = a;
        continue;
      }
      const c = { ...a };
      c.span = this.span(a.span);
      c.keySpan = this.span(a.keySpan);
      c.value = this.expr(a.value);
      out[i] = c;
    }
    return out;
  }

  private span(s: Span): Span {
    const { oldEnd, delta } = this;
    if (s.end < oldEnd) return s;
    return { start: s.start >= oldEnd ? s.start + delta : s.start, end: s.end + delta };
  }

  private statements(list: Statement[]): Statement[] {
    const out = new Array<Statement>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = this.statement(list[i]);
    return out;
  }

  /** True when the statement and all it holds lie before the change (ON ERROR handlers come after the action they guard). */
  private isBefore(s: Statement): boolean {
    if (s.span.end >= this.start) return false;
    if (s.kind === 'action') return s.onError === undefined;
    if (s.kind === 'wait' || s.kind === 'while') return s.condition === undefined || s.condition.kind !== 'action' || s.condition.onError === undefined;
    return true;
  }

  private statement(s: Statement): Statement {
    if (s === this.old) return this.replacement;
    if (this.isBefore(s)) return s;
    if (s.kind === 'comment') {
      const done = this.comments.get(s);
      if (done) return done;
    }
    const c = this.moved(s);
    c.span = this.span(s.span);
    if (s.annotations) c.annotations = this.annotations(s.annotations);
    if (s.kind === 'comment') this.comments.set(s, c);
    return c;
  }

  /** A copy of the statement with every field but `span` and `annotations` moved. */
  private moved(s: Statement): Statement {
    switch (s.kind) {
      case 'action': return this.action(s);
      case 'set': {
        const c = { ...s };
        c.target = this.expr(s.target);
        c.variableSpan = this.span(s.variableSpan);
        c.value = this.expr(s.value);
        return c;
      }
      case 'if': {
        const c = { ...s };
        c.branches = s.branches.map(b => this.branch(b));
        if (s.elseBody) c.elseBody = this.statements(s.elseBody);
        return c;
      }
      case 'switch': {
        const c = { ...s };
        c.value = this.expr(s.value);
        c.cases = s.cases.map(k => this.switchCase(k));
        if (s.defaultBody) c.defaultBody = this.statements(s.defaultBody);
        return c;
      }
      case 'loop': {
        const c = { ...s };
        c.from = this.expr(s.from);
        c.to = this.expr(s.to);
        c.step = this.expr(s.step);
        c.body = this.statements(s.body);
        if (s.variableSpan) c.variableSpan = this.span(s.variableSpan);
        return c;
      }
      case 'foreach': {
        const c = { ...s };
        c.variableSpan = this.span(s.variableSpan);
        c.collection = this.expr(s.collection);
        c.body = this.statements(s.body);
        return c;
      }
      case 'while': {
        const c = { ...s };
        c.condition = this.condition(s.condition);
        c.body = this.statements(s.body);
        return c;
      }
      case 'block': {
        const c = { ...s };
        if (s.handler) {
          const handler = { ...s.handler };
          handler.span = this.span(s.handler.span);
          handler.body = this.statements(s.handler.body);
          c.handler = handler;
        }
        c.body = this.statements(s.body);
        return c;
      }
      case 'onError': {
        const c = { ...s };
        if (s.repeat) {
          const repeat = { ...s.repeat };
          repeat.times = this.expr(s.repeat.times);
          repeat.wait = this.expr(s.repeat.wait);
          c.repeat = repeat;
        }
        c.body = this.statements(s.body);
        return c;
      }
      case 'call': {
        const c = { ...s };
        c.targetSpan = this.span(s.targetSpan);
        c.args = this.args(s.args);
        c.outputs = this.outputs(s.outputs);
        return c;
      }
      case 'label':
      case 'goto': {
        const c = { ...s };
        c.nameSpan = this.span(s.nameSpan);
        return c;
      }
      case 'wait': {
        const c = { ...s };
        if (s.duration) c.duration = this.expr(s.duration);
        if (s.condition) c.condition = this.statement(s.condition) as ActionStmt;
        if (s.timeout) c.timeout = this.expr(s.timeout);
        return c;
      }
      case 'exit': {
        const c = { ...s };
        c.args = this.args(s.args);
        return c;
      }
      case 'getLastError': {
        const c = { ...s };
        c.variableSpan = this.span(s.variableSpan);
        c.args = this.args(s.args);
        return c;
      }
      case 'simple':
      case 'region':
      case 'comment':
      case 'unknown': return { ...s };
      default: return this.copy(s);
    }
  }

  private action(s: ActionStmt): ActionStmt {
    const c = { ...s };
    c.idSpan = this.span(s.idSpan);
    c.args = this.args(s.args);
    c.outputs = this.outputs(s.outputs);
    if (s.onError) c.onError = this.statements(s.onError) as typeof s.onError;
    return c;
  }

  private branch(b: ConditionBranch): ConditionBranch {
    const guarded = b.condition.kind === 'action' && b.condition.onError !== undefined;
    if (b.span.end < this.start && !guarded) return b;
    const c = { ...b };
    c.span = this.span(b.span);
    c.condition = this.condition(b.condition);
    c.body = this.statements(b.body);
    return c;
  }

  private switchCase(k: SwitchStmt['cases'][number]): SwitchStmt['cases'][number] {
    if (k.span.end < this.start) return k;
    const c = { ...k };
    c.span = this.span(k.span);
    c.value = this.expr(k.value);
    c.body = this.statements(k.body);
    return c;
  }

  private subflow(f: FunctionDef): FunctionDef {
    if (f.span.end < this.start) return f;
    const c = { ...f };
    c.span = this.span(f.span);
    c.nameSpan = this.span(f.nameSpan);
    c.body = this.statements(f.body);
    return c;
  }

  private condition(c: Expr | ActionStmt): Expr | ActionStmt {
    return c.kind === 'action' ? (this.statement(c) as ActionStmt) : this.expr(c);
  }

  private args(list: Argument[]): Argument[] {
    const out = new Array<Argument>(list.length);
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      if (a.span.end < this.start) {
        out[i] = a;
        continue;
      }
      const c = { ...a };
      c.span = this.span(a.span);
      c.nameSpan = this.span(a.nameSpan);
      c.value = this.expr(a.value);
      out[i] = c;
    }
    return out;
  }

  private outputs(list: Output[]): Output[] {
    const out = new Array<Output>(list.length);
    for (let i = 0; i < list.length; i++) {
      const o = list[i];
      if (o.span.end < this.start) {
        out[i] = o;
        continue;
      }
      const c = { ...o };
      c.span = this.span(o.span);
      c.nameSpan = this.span(o.nameSpan);
      c.variableSpan = this.span(o.variableSpan);
      out[i] = c;
    }
    return out;
  }

  private exprs(list: Expr[]): Expr[] {
    const out = new Array<Expr>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = this.expr(list[i]);
    return out;
  }

  private expr(e: Expr): Expr {
    if (e.span.end < this.start) return e;
    const span = this.span(e.span);
    switch (e.kind) {
      case 'string': {
        const c = { ...e };
        c.span = span;
        c.parts = e.parts.map(p => this.part(p));
        return c;
      }
      case 'number':
      case 'bool':
      case 'var':
      case 'dotted':
      case 'error': {
        const c = { ...e };
        c.span = span;
        return c;
      }
      case 'member': {
        const c = { ...e };
        c.span = span;
        c.object = this.expr(e.object);
        c.propertySpan = this.span(e.propertySpan);
        return c;
      }
      case 'index': {
        const c = { ...e };
        c.span = span;
        c.object = this.expr(e.object);
        c.index = this.expr(e.index);
        return c;
      }
      case 'list': {
        const c = { ...e };
        c.span = span;
        c.items = this.exprs(e.items);
        return c;
      }
      case 'object': {
        const c = { ...e };
        c.span = span;
        c.entries = e.entries.map(x => this.entry(x));
        return c;
      }
      case 'datatable': {
        const c = { ...e };
        c.span = span;
        c.header = this.exprs(e.header);
        c.rows = e.rows.map(r => this.exprs(r));
        return c;
      }
      case 'binary': {
        const c = { ...e };
        c.span = span;
        c.left = this.expr(e.left);
        c.right = this.expr(e.right);
        return c;
      }
      case 'unary': {
        const c = { ...e };
        c.span = span;
        c.operand = this.expr(e.operand);
        return c;
      }
      case 'call': {
        const c = { ...e };
        c.span = span;
        c.calleeSpan = this.span(e.calleeSpan);
        c.args = this.exprs(e.args);
        return c;
      }
      case 'paren': {
        const c = { ...e };
        c.span = span;
        c.expr = this.expr(e.expr);
        return c;
      }
      default: return this.copy(e);
    }
  }

  private entry(x: ObjectEntry): ObjectEntry {
    if (x.span.end < this.start) return x;
    const c = { ...x };
    c.keySpan = this.span(x.keySpan);
    c.value = this.expr(x.value);
    c.span = this.span(x.span);
    return c;
  }

  private part(p: TextPart | InterpolationPart): TextPart | InterpolationPart {
    if (p.span.end < this.start) return p;
    if (p.kind === 'interpolation') {
      const interpolation = { ...p };
      interpolation.expr = this.expr(p.expr);
      interpolation.span = this.span(p.span);
      return interpolation;
    }
    const c = { ...p };
    c.span = this.span(p.span);
    if (p.offsets) c.offsets = this.offsets(p.offsets);
    return c;
  }

  private offsets(list: number[]): number[] {
    const { oldEnd, delta } = this;
    const out = new Array<number>(list.length);
    for (let i = 0; i < list.length; i++) out[i] = list[i] >= oldEnd ? list[i] + delta : list[i];
    return out;
  }

  /** The generic copy, for the small parts of the tree and any node kind not listed above. */
  copy<T>(value: T): T {
    if (value === null || typeof value !== 'object') return value;
    if ((value as unknown) === this.old) return this.replacement as T;
    if (Array.isArray(value)) {
      const list: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) list[i] = this.copy(value[i]);
      return list as T;
    }
    const node = value as Record<string, unknown>;
    const start = node.start;
    if (typeof start === 'number') return this.span(node as unknown as Span) as T;
    if (this.isBeforeGeneric(node)) return value;
    const fresh: Record<string, unknown> = { ...node };
    for (const key of Object.keys(fresh)) {
      const v = fresh[key];
      if (v === null || typeof v !== 'object') continue;
      fresh[key] = key === 'offsets' && Array.isArray(v) ? this.offsets(v as number[]) : this.copy(v);
    }
    return fresh as T;
  }

  private isBeforeGeneric(node: Record<string, unknown>): boolean {
    const span = node.span as { end?: unknown } | undefined;
    if (!span || typeof span.end !== 'number' || span.end >= this.start) return false;
    if (node.onError !== undefined) return false;
    const condition = node.condition as { onError?: unknown } | undefined;
    return !condition || typeof condition !== 'object' || condition.onError === undefined;
  }
}
