// The tree of a script after a one-line re-parse (incremental.ts): a copy of the previous tree with the re-parsed
// statement replaced and every offset at or after the end of the change moved by its length. Nodes wholly before
// the change are shared, not copied; the previous tree is never modified (the editor may still hold it).
//
// Statements and expressions — nearly every node — are copied by kind, with direct field access: a generic
// copy (spread, Object.keys, a type test on every field) cost as much as parsing the script again. A copy is an
// object literal with the parser's keys in the parser's order, its later fields added in the order the parser adds
// them, and lists are pushed to as the parser's are (a list filled by index into `new Array(n)` is "holey", another
// hidden class): copies then share the parser's hidden classes, and the code reading the tree is not re-optimised for a
// second set of shapes after the first edits (test/unit/pad-incremental-shapes.test.ts). A field added to
// the syntax tree must be copied here too, at its place in the parser's order, and moved if it holds offsets
// (test/unit/pad-incremental*.test.ts compare the result with a whole parse). The rest of the tree (headers, declarations, problems, …) is small and goes
// through the generic copy.
import type { Span } from '../../util/text';
import type {
  ActionStmt, Annotation, Argument, BlockStmt, ConditionBranch, Expr, FunctionDef, IfStmt, InterpolationPart, LoopStmt, ObjectEntry,
  OnErrorStmt, Output, ScriptAst, Statement, StringLit, SwitchStmt, TextPart, WaitStmt,
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
    const out: Annotation[] = [];
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      if (a.span.end < this.start) {
        out.push(a);
        continue;
      }
      out.push({ span: this.span(a.span), key: a.key, keySpan: this.span(a.keySpan), value: this.expr(a.value) });
    }
    return out;
  }

  private span(s: Span): Span {
    const { oldEnd, delta } = this;
    if (s.end < oldEnd) return s;
    return { start: s.start >= oldEnd ? s.start + delta : s.start, end: s.end + delta };
  }

  private statements(list: Statement[]): Statement[] {
    const out: Statement[] = [];
    for (let i = 0; i < list.length; i++) out.push(this.statement(list[i]));
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
    const c = this.moved(s, this.span(s.span));
    // The fields the parser adds after building the node, in the order it adds them (parser-base.ts addStatement,
    // then the lines that follow: ON ERROR, ELSE, DEFAULT, ON BLOCK ERROR).
    if (s.disabled !== undefined) c.disabled = s.disabled;
    if (s.annotations !== undefined) c.annotations = this.annotations(s.annotations);
    if (s.kind === 'action') {
      if (s.onError !== undefined) (c as ActionStmt).onError = this.statements(s.onError) as OnErrorStmt[];
    } else if (s.kind === 'if') {
      if (s.elseBody !== undefined) (c as IfStmt).elseBody = this.statements(s.elseBody);
    } else if (s.kind === 'switch') {
      if (s.defaultBody !== undefined) (c as SwitchStmt).defaultBody = this.statements(s.defaultBody);
    } else if (s.kind === 'block' && s.handler !== undefined) {
      const h = s.handler;
      (c as BlockStmt).handler = { span: this.span(h.span), all: h.all, body: this.statements(h.body) };
    }
    if (s.kind === 'comment') this.comments.set(s, c);
    return c;
  }

  /** A copy of the statement as the parser builds it (statement-parser.ts, block-parser.ts, …), before `statement` adds the rest. */
  private moved(s: Statement, span: Span): Statement {
    switch (s.kind) {
      case 'action': return this.action(s, span);
      case 'set':
        return { kind: 'set', span, target: this.expr(s.target), variable: s.variable, variableSpan: this.span(s.variableSpan), value: this.expr(s.value) };
      case 'if': return { kind: 'if', span, branches: s.branches.map(b => this.branch(b)) };
      case 'switch': return { kind: 'switch', span, value: this.expr(s.value), cases: s.cases.map(k => this.switchCase(k)) };
      case 'loop': {
        const c: LoopStmt = { kind: 'loop', span, from: this.expr(s.from), to: this.expr(s.to), step: this.expr(s.step), body: this.statements(s.body) };
        if (s.variable !== undefined) c.variable = s.variable;
        if (s.variableSpan !== undefined) c.variableSpan = this.span(s.variableSpan);
        return c;
      }
      case 'foreach':
        return {
          kind: 'foreach', span, variable: s.variable, variableSpan: this.span(s.variableSpan), collection: this.expr(s.collection),
          body: this.statements(s.body),
        };
      case 'while': return { kind: 'while', span, condition: this.condition(s.condition), body: this.statements(s.body) };
      case 'block': {
        const c: BlockStmt = { kind: 'block', span, body: this.statements(s.body) };
        if (s.name !== undefined) c.name = s.name;
        return c;
      }
      case 'onError': {
        const c: OnErrorStmt = { kind: 'onError', span, body: this.statements(s.body) };
        if (s.repeat !== undefined) c.repeat = { times: this.expr(s.repeat.times), wait: this.expr(s.repeat.wait) };
        if (s.errorType !== undefined) c.errorType = s.errorType;
        return c;
      }
      case 'call':
        return { kind: 'call', span, target: s.target, targetSpan: this.span(s.targetSpan), args: this.args(s.args), outputs: this.outputs(s.outputs) };
      case 'label':
      case 'goto': return { kind: s.kind, span, name: s.name, nameSpan: this.span(s.nameSpan) };
      case 'wait': {
        if (s.condition !== undefined) {
          const c: WaitStmt = { kind: 'wait', span, condition: this.statement(s.condition) as ActionStmt };
          if (s.timeout !== undefined) c.timeout = this.expr(s.timeout);
          return c;
        }
        if (s.duration !== undefined) return { kind: 'wait', span, duration: this.expr(s.duration) };
        return this.copy(s);
      }
      case 'exit': return { kind: 'exit', span, args: this.args(s.args) };
      case 'getLastError':
        return { kind: 'getLastError', span, variable: s.variable, variableSpan: this.span(s.variableSpan), args: this.args(s.args) };
      case 'simple': return { kind: 'simple', span, keyword: s.keyword };
      // parser.ts builds a region with a spread: so does the copy, for the same shape.
      case 'region': return { kind: 'region', span, end: s.end, ...(s.name !== undefined ? { name: s.name } : {}) };
      case 'comment': return { kind: 'comment', span, text: s.text, block: s.block };
      case 'unknown': return { kind: 'unknown', span, text: s.text };
      default: return this.copy(s);
    }
  }

  private action(s: ActionStmt, span: Span): ActionStmt {
    const c: ActionStmt = {
      kind: 'action', span, id: s.id, idSpan: this.span(s.idSpan), module: s.module, action: s.action, args: this.args(s.args),
      outputs: this.outputs(s.outputs),
    };
    if (s.selector !== undefined) c.selector = s.selector;
    return c;
  }

  private branch(b: ConditionBranch): ConditionBranch {
    const guarded = b.condition.kind === 'action' && b.condition.onError !== undefined;
    if (b.span.end < this.start && !guarded) return b;
    return { span: this.span(b.span), condition: this.condition(b.condition), body: this.statements(b.body) };
  }

  private switchCase(k: SwitchStmt['cases'][number]): SwitchStmt['cases'][number] {
    if (k.span.end < this.start) return k;
    return { span: this.span(k.span), op: k.op, value: this.expr(k.value), body: this.statements(k.body) };
  }

  private subflow(f: FunctionDef): FunctionDef {
    if (f.span.end < this.start) return f;
    return { span: this.span(f.span), name: f.name, nameSpan: this.span(f.nameSpan), body: this.statements(f.body) };
  }

  private condition(c: Expr | ActionStmt): Expr | ActionStmt {
    return c.kind === 'action' ? (this.statement(c) as ActionStmt) : this.expr(c);
  }

  private args(list: Argument[]): Argument[] {
    const out: Argument[] = [];
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      if (a.span.end < this.start) {
        out.push(a);
        continue;
      }
      out.push({ span: this.span(a.span), name: a.name, nameSpan: this.span(a.nameSpan), dynamic: a.dynamic, value: this.expr(a.value) });
    }
    return out;
  }

  private outputs(list: Output[]): Output[] {
    const out: Output[] = [];
    for (let i = 0; i < list.length; i++) {
      const o = list[i];
      if (o.span.end < this.start) {
        out.push(o);
        continue;
      }
      out.push({
        span: this.span(o.span), name: o.name, nameSpan: this.span(o.nameSpan), dynamic: o.dynamic, variable: o.variable,
        variableSpan: this.span(o.variableSpan),
      });
    }
    return out;
  }

  private exprs(list: Expr[]): Expr[] {
    const out: Expr[] = [];
    for (let i = 0; i < list.length; i++) out.push(this.expr(list[i]));
    return out;
  }

  /** A copy of the expression as the parser builds it (expressions.ts, string-literals.ts). */
  private expr(e: Expr): Expr {
    if (e.span.end < this.start) return e;
    const span = this.span(e.span);
    switch (e.kind) {
      case 'string': {
        const c: StringLit = { kind: 'string', span, form: e.form, parts: e.parts.map(p => this.part(p)) };
        // `value` may be present and undefined (a formula): the key is kept as the parser writes it.
        if ('value' in e) c.value = e.value;
        if (e.formula !== undefined) c.formula = e.formula;
        return c;
      }
      case 'number': return { kind: 'number', span, value: e.value, raw: e.raw };
      case 'bool': return { kind: 'bool', span, value: e.value };
      case 'var': return { kind: 'var', span, name: e.name };
      case 'dotted': return { kind: 'dotted', span, name: e.name, segments: e.segments };
      case 'error': return { kind: 'error', span, text: e.text };
      case 'member': return { kind: 'member', span, object: this.expr(e.object), property: e.property, propertySpan: this.span(e.propertySpan) };
      case 'index': return { kind: 'index', span, object: this.expr(e.object), index: this.expr(e.index) };
      case 'list': return { kind: 'list', span, items: this.exprs(e.items) };
      case 'object': return { kind: 'object', span, entries: e.entries.map(x => this.entry(x)) };
      case 'datatable': return { kind: 'datatable', span, header: this.exprs(e.header), rows: e.rows.map(r => this.exprs(r)) };
      case 'binary': return { kind: 'binary', span, op: e.op, left: this.expr(e.left), right: this.expr(e.right) };
      case 'unary': return { kind: 'unary', span, op: e.op, operand: this.expr(e.operand) };
      case 'call': return { kind: 'call', span, callee: e.callee, calleeSpan: this.span(e.calleeSpan), args: this.exprs(e.args) };
      case 'paren': return { kind: 'paren', span, expr: this.expr(e.expr) };
      default: return this.copy(e);
    }
  }

  private entry(x: ObjectEntry): ObjectEntry {
    if (x.span.end < this.start) return x;
    return { key: x.key, keySpan: this.span(x.keySpan), value: this.expr(x.value), span: this.span(x.span) };
  }

  private part(p: TextPart | InterpolationPart): TextPart | InterpolationPart {
    if (p.span.end < this.start) return p;
    if (p.kind === 'interpolation') return { kind: 'interpolation', expr: this.expr(p.expr), span: this.span(p.span) };
    const c: TextPart = { kind: 'text', value: p.value, span: this.span(p.span) };
    if (p.offsets !== undefined) c.offsets = this.offsets(p.offsets);
    return c;
  }

  private offsets(list: number[]): number[] {
    const { oldEnd, delta } = this;
    const out: number[] = [];
    for (let i = 0; i < list.length; i++) out.push(list[i] >= oldEnd ? list[i] + delta : list[i]);
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
