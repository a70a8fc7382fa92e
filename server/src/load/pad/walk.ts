// Traversal helpers for rules: every statement of a script in document order (nested bodies, ON ERROR
// handlers and condition actions included) with the subflow it belongs to, and every nested expression.
// Both walks use explicit stacks, so deeply nested scripts cannot exhaust the call stack.
import type { ActionStmt, Expr, FunctionDef, ScriptAst, Statement } from '../../model/pad-ast';

/** How a statement hangs from its parent. */
export type StatementRole =
  /** Directly in a subflow, or in the body of a loop, BLOCK, IF branch, ON ERROR handler. */
  | 'body'
  /** The ELSE body of an IF. */
  | 'else'
  /** The body of a CASE or DEFAULT of a SWITCH. */
  | 'case'
  /** The action tested by `IF (Action …) THEN`, `LOOP WHILE (Action …)` or waited for by `WAIT (Action …)`. */
  | 'condition'
  /** An ON ERROR handler attached to the action before it. */
  | 'onError'
  /** The body of ON BLOCK ERROR. */
  | 'blockHandler';

export interface StatementContext {
  /** The subflow (FUNCTION) the statement is in; undefined for the main body of the script. */
  function: FunctionDef | undefined;
  /** The statement this one is nested in; undefined at subflow level. */
  parent: Statement | undefined;
  role: StatementRole;
  /** Nesting depth: 0 for statements directly in a subflow or the main body. */
  depth: number;
  /** Inside an ON ERROR or ON BLOCK ERROR handler (this statement or an enclosing one). */
  inErrorHandler: boolean;
  /** This statement or an enclosing one is disabled. */
  disabled: boolean;
}

/** Return false to skip the statements nested in this one. */
export type StatementVisitor = (stmt: Statement, ctx: StatementContext) => void | boolean;

/** Visits every statement of the script in document order, main body and subflows. */
export function walkStatements(ast: ScriptAst, visit: StatementVisitor): void {
  // Main-body statements and subflows are merged by position: statements after an END FUNCTION
  // still belong to the main body but come later in the document.
  const walker = new StatementWalker(visit);
  const mainRoot = rootContext(undefined);
  let b = 0;
  let f = 0;
  while (b < ast.body.length || f < ast.functions.length) {
    const nextFunction = ast.functions[f];
    if (b < ast.body.length && (!nextFunction || ast.body[b].span.start <= nextFunction.span.start)) {
      walker.run(ast.body, b, b + 1, mainRoot);
      b++;
    } else {
      walker.run(nextFunction.body, 0, nextFunction.body.length, rootContext(nextFunction));
      f++;
    }
  }
}

function rootContext(fn: FunctionDef | undefined): StatementContext {
  return { function: fn, parent: undefined, role: 'body', depth: 0, inErrorHandler: false, disabled: false };
}

/**
 * A depth-first walk over an explicit stack of (statement, context) pairs kept in two parallel arrays.
 * Children are pushed in reverse so they pop in document order. Every script is walked by several facts
 * on every lint and keystroke: no closure, array or pair object per statement, and one context object per
 * parent and role, made only when that parent has children in that role.
 */
class StatementWalker {
  private readonly stmts: Statement[] = [];
  private readonly ctxs: StatementContext[] = [];

  constructor(private readonly visit: StatementVisitor) {}

  run(list: readonly Statement[], from: number, to: number, root: StatementContext): void {
    const { stmts, ctxs } = this;
    const base = stmts.length;
    this.pushList(list, from, to, root);
    while (stmts.length > base) {
      const stmt = stmts.pop()!;
      const ctx = ctxs.pop()!;
      const here: StatementContext = stmt.disabled && !ctx.disabled ? { ...ctx, disabled: true } : ctx;
      if (this.visit(stmt, here) === false) continue;
      this.pushChildren(stmt, here);
    }
  }

  private pushList(list: readonly Statement[] | undefined, from: number, to: number, ctx: StatementContext): void {
    if (!list) return;
    for (let i = to - 1; i >= from; i--) {
      this.stmts.push(list[i]);
      this.ctxs.push(ctx);
    }
  }

  private pushBody(list: readonly Statement[] | undefined, ctx: StatementContext): void {
    if (list) this.pushList(list, 0, list.length, ctx);
  }

  private pushCondition(condition: Expr | ActionStmt, stmt: Statement, here: StatementContext): void {
    if (condition.kind !== 'action') return;
    this.stmts.push(condition);
    this.ctxs.push(child(stmt, here, 'condition', here.inErrorHandler));
  }

  /** The statements nested in `stmt`, pushed last first. */
  private pushChildren(stmt: Statement, here: StatementContext): void {
    switch (stmt.kind) {
      case 'action':
        if (stmt.onError?.length) this.pushBody(stmt.onError, child(stmt, here, 'onError', here.inErrorHandler));
        break;
      case 'onError':
        if (stmt.body.length) this.pushBody(stmt.body, child(stmt, here, 'body', true));
        break;
      case 'if': {
        if (stmt.elseBody?.length) this.pushBody(stmt.elseBody, child(stmt, here, 'else', here.inErrorHandler));
        let body: StatementContext | undefined;
        for (let i = stmt.branches.length - 1; i >= 0; i--) {
          const branch = stmt.branches[i];
          if (branch.body.length) this.pushBody(branch.body, (body ??= child(stmt, here, 'body', here.inErrorHandler)));
          this.pushCondition(branch.condition, stmt, here);
        }
        break;
      }
      case 'switch': {
        let caseCtx: StatementContext | undefined;
        if (stmt.defaultBody?.length) this.pushBody(stmt.defaultBody, (caseCtx ??= child(stmt, here, 'case', here.inErrorHandler)));
        for (let i = stmt.cases.length - 1; i >= 0; i--) {
          const body = stmt.cases[i].body;
          if (body.length) this.pushBody(body, (caseCtx ??= child(stmt, here, 'case', here.inErrorHandler)));
        }
        break;
      }
      case 'loop':
      case 'foreach':
        if (stmt.body.length) this.pushBody(stmt.body, child(stmt, here, 'body', here.inErrorHandler));
        break;
      case 'while':
        if (stmt.body.length) this.pushBody(stmt.body, child(stmt, here, 'body', here.inErrorHandler));
        this.pushCondition(stmt.condition, stmt, here);
        break;
      case 'wait':
        if (stmt.condition) this.pushCondition(stmt.condition, stmt, here);
        break;
      case 'block':
        if (stmt.body.length) this.pushBody(stmt.body, child(stmt, here, 'body', here.inErrorHandler));
        if (stmt.handler?.body.length) this.pushBody(stmt.handler.body, child(stmt, here, 'blockHandler', true));
        break;
      default:
        break;
    }
  }
}

function child(parent: Statement, here: StatementContext, role: StatementRole, inErrorHandler: boolean): StatementContext {
  return { function: here.function, parent, role, depth: here.depth + 1, inErrorHandler, disabled: here.disabled };
}

/** Return false to skip the sub-expressions of this one. */
export type ExpressionVisitor = (expr: Expr, parent: Expr | undefined) => void | boolean;

/**
 * Visits an expression and every expression nested in it (operands, list items, object values,
 * datatable cells, call arguments, %…% and ${…} interpolations), parents before children.
 */
export function walkExpressions(expr: Expr, visit: ExpressionVisitor): void {
  const stack: Array<{ expr: Expr; parent: Expr | undefined }> = [{ expr, parent: undefined }];
  while (stack.length) {
    const { expr: e, parent } = stack.pop()!;
    if (visit(e, parent) === false) continue;
    const children = subExpressions(e);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ expr: children[i], parent: e });
  }
}

/** The direct sub-expressions of an expression, in source order. */
export function subExpressions(e: Expr): Expr[] {
  switch (e.kind) {
    case 'member': return [e.object];
    case 'index': return [e.object, e.index];
    case 'list': return e.items;
    case 'object': return e.entries.map(entry => entry.value);
    case 'datatable': return [...e.header, ...e.rows.flat()];
    case 'binary': return [e.left, e.right];
    case 'unary': return [e.operand];
    case 'call': return e.args;
    case 'paren': return [e.expr];
    case 'string': return e.parts.flatMap(p => (p.kind === 'interpolation' ? [p.expr] : []));
    default: return [];
  }
}

/**
 * The expressions written on the statement's own line(s), in source order: argument values, SET target
 * and value, conditions, CASE values, loop bounds, WAIT duration and timeout. Nested statements (bodies,
 * condition actions, handlers) are not included: walkStatements visits them on their own. Annotation
 * values are not included either.
 */
export function statementExpressions(stmt: Statement): Expr[] {
  switch (stmt.kind) {
    case 'action':
    case 'call':
    case 'exit':
    case 'getLastError':
      return stmt.args.map(a => a.value);
    case 'set':
      return [stmt.target, stmt.value];
    case 'if':
      return stmt.branches.flatMap(b => (b.condition.kind === 'action' ? [] : [b.condition]));
    case 'while':
      return stmt.condition.kind === 'action' ? [] : [stmt.condition];
    case 'switch':
      return [stmt.value, ...stmt.cases.map(c => c.value)];
    case 'loop':
      return [stmt.from, stmt.to, stmt.step];
    case 'foreach':
      return [stmt.collection];
    case 'wait':
      return [stmt.duration, stmt.timeout].filter((e): e is Expr => e !== undefined);
    case 'onError':
      return stmt.repeat ? [stmt.repeat.times, stmt.repeat.wait] : [];
    default:
      return [];
  }
}

/** The literal value of a string without interpolation (escapes decoded); undefined for anything else. */
export function stringValue(expr: Expr | undefined): string | undefined {
  return expr?.kind === 'string' ? expr.value : undefined;
}

