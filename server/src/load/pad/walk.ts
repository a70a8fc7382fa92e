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
  let b = 0;
  let f = 0;
  while (b < ast.body.length || f < ast.functions.length) {
    const nextFunction = ast.functions[f];
    if (b < ast.body.length && (!nextFunction || ast.body[b].span.start <= nextFunction.span.start)) {
      walkList([ast.body[b++]], undefined, visit);
    } else {
      walkList(nextFunction.body, nextFunction, visit);
      f++;
    }
  }
}

interface Pending {
  stmt: Statement;
  ctx: StatementContext;
}

function walkList(statements: readonly Statement[], fn: FunctionDef | undefined, visit: StatementVisitor): void {
  const root: StatementContext = { function: fn, parent: undefined, role: 'body', depth: 0, inErrorHandler: false, disabled: false };
  const stack: Pending[] = [];
  pushAll(stack, statements, root);
  while (stack.length) {
    const { stmt, ctx } = stack.pop()!;
    const here: StatementContext = stmt.disabled && !ctx.disabled ? { ...ctx, disabled: true } : ctx;
    if (visit(stmt, here) === false) continue;
    const children: Pending[] = [];
    const child = (role: StatementRole, inErrorHandler = here.inErrorHandler): StatementContext => ({
      function: fn, parent: stmt, role, depth: here.depth + 1, inErrorHandler, disabled: here.disabled,
    });
    const add = (list: readonly Statement[] | undefined, ctx: StatementContext) => {
      if (list) for (const s of list) children.push({ stmt: s, ctx });
    };
    const addCondition = (condition: Expr | ActionStmt) => {
      if (condition.kind === 'action') children.push({ stmt: condition, ctx: child('condition') });
    };
    switch (stmt.kind) {
      case 'action':
        add(stmt.onError, child('onError', here.inErrorHandler));
        break;
      case 'onError':
        add(stmt.body, child('body', true));
        break;
      case 'if':
        for (const branch of stmt.branches) {
          addCondition(branch.condition);
          add(branch.body, child('body'));
        }
        add(stmt.elseBody, child('else'));
        break;
      case 'switch':
        for (const c of stmt.cases) add(c.body, child('case'));
        add(stmt.defaultBody, child('case'));
        break;
      case 'loop':
      case 'foreach':
        add(stmt.body, child('body'));
        break;
      case 'while':
        addCondition(stmt.condition);
        add(stmt.body, child('body'));
        break;
      case 'wait':
        if (stmt.condition) addCondition(stmt.condition);
        break;
      case 'block':
        if (stmt.handler) add(stmt.handler.body, child('blockHandler', true));
        add(stmt.body, child('body'));
        break;
      default:
        break;
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

function pushAll(stack: Pending[], statements: readonly Statement[], ctx: StatementContext): void {
  for (let i = statements.length - 1; i >= 0; i--) stack.push({ stmt: statements[i], ctx });
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

