// What an expression refers to: the variables it reads, the variable and first-level property an
// lvalue-like expression is rooted at, the references a value is made of, and whether a value is a
// literal that carries no data. UI and image repositories (`appmask`, imported aliases) are not variables.
import type { Expr } from '../../model/pad-ast';
import { boundedMemo } from '../../util/memo';
import { isPlaceholderSecret } from '../shared/values';
import { CONCAT_OPS } from './flat';
import type { Key, Ref } from './types';

/**
 * A variable or property name lower-cased, remembered: every lint and keystroke keys each read and assignment of a
 * script by it, and a script repeats a few hundred names (lower-casing allocated a string each time).
 */
export const lowerName: (name: string) => string = boundedMemo(name => name.toLowerCase());

/**
 * Calls `read` for every variable read inside an expression, with its name as written and lower-cased
 * (the key; lower-cased once here, for the alias test and for the caller).
 */
export function forEachRead(expr: Expr, aliases: ReadonlySet<string>, read: (name: string, offset: number, key: string) => void): void {
  // Most values are one variable or a text without interpolation: those need no stack.
  if (expr.kind === 'var') return readVar(expr, aliases, read);
  if (!mayRead(expr)) return;
  // The stack of the last walk is taken again (a walk started from `read` makes its own).
  const stack = spareStack ?? [];
  spareStack = undefined;
  stack.push(expr);
  while (stack.length) {
    const e = stack.pop()!;
    switch (e.kind) {
      case 'var': readVar(e, aliases, read); break;
      case 'member': stack.push(e.object); break;
      case 'index': stack.push(e.object, e.index); break;
      case 'list': for (const i of e.items) stack.push(i); break;
      case 'object': for (const x of e.entries) stack.push(x.value); break;
      case 'datatable':
        for (const h of e.header) stack.push(h);
        for (const row of e.rows) for (const c of row) stack.push(c);
        break;
      case 'binary': stack.push(e.left, e.right); break;
      case 'unary': stack.push(e.operand); break;
      case 'call': for (const a of e.args) stack.push(a); break;
      case 'paren': stack.push(e.expr); break;
      case 'string': for (const p of e.parts) if (p.kind === 'interpolation') stack.push(p.expr); break;
      default: break;
    }
  }
  spareStack = stack;
}

let spareStack: Expr[] | undefined;

function readVar(e: Extract<Expr, { kind: 'var' }>, aliases: ReadonlySet<string>, read: (name: string, offset: number, key: string) => void): void {
  const key = lowerName(e.name);
  if (!aliases.has(key)) read(e.name, e.span.start, key);
}

/** Whether an expression can read a variable at all (a number, a dotted name or a plain text cannot). */
function mayRead(e: Expr): boolean {
  switch (e.kind) {
    case 'number': case 'bool': case 'dotted': case 'error': return false;
    case 'string': return e.value === undefined || e.parts.some(p => p.kind === 'interpolation');
    default: return true;
  }
}

export interface RootKey { key: Key; name: string; property?: string; deep: boolean }

/** The variable and first-level property an lvalue-like expression is rooted at. */
export function rootKey(expr: Expr, aliases: ReadonlySet<string>): RootKey | undefined {
  let e = expr;
  let prop: string | undefined;
  let propName: string | undefined;
  /** Member and index steps from the variable to the expression. */
  let steps = 0;
  for (;;) {
    if (e.kind === 'var') {
      const v = lowerName(e.name);
      if (aliases.has(v)) return undefined;
      // Deeper than the key: a nested property, or an element picked by a non-literal index.
      const deep = steps > (prop !== undefined ? 1 : 0);
      return { key: { v, p: prop === undefined ? undefined : lowerName(prop), pn: prop }, name: propName !== undefined ? `${e.name}['${propName}']` : e.name, property: propName, deep };
    }
    if (e.kind === 'member') {
      prop = e.property;
      propName = e.property;
      steps++;
      e = e.object;
    } else if (e.kind === 'index') {
      const idx = e.index.kind === 'string' ? e.index.value : undefined;
      prop = idx;
      propName = idx;
      steps++;
      e = e.object;
    } else if (e.kind === 'paren') {
      e = e.expr;
    } else {
      return undefined;
    }
  }
}

/** References an expression's value is made of. `whole`: the expression is exactly the reference. */
export function refsOf(expr: Expr, aliases: ReadonlySet<string>, whole = true): Ref[] {
  const out: Ref[] = [];
  pushRefs(expr, aliases, whole, out);
  return out;
}

/** refsOf into one array (in the same order): no array per sub-expression. */
function pushRefs(expr: Expr, aliases: ReadonlySet<string>, whole: boolean, out: Ref[]): void {
  switch (expr.kind) {
    case 'var':
    case 'member':
    case 'index':
      return pushRoot(expr, aliases, whole, out);
    case 'paren': return pushRefs(expr.expr, aliases, whole, out);
    case 'string':
      for (const p of expr.parts) if (p.kind === 'interpolation') pushRefs(p.expr, aliases, false, out);
      return;
    case 'binary':
      if (CONCAT_OPS.has(expr.op)) {
        pushRefs(expr.left, aliases, false, out);
        pushRefs(expr.right, aliases, false, out);
      }
      return;
    case 'list':
      for (const i of expr.items) pushRefs(i, aliases, false, out);
      return;
    case 'object':
      for (const x of expr.entries) pushRefs(x.value, aliases, false, out);
      return;
    case 'datatable':
      for (const h of expr.header) pushRefs(h, aliases, false, out);
      for (const row of expr.rows) for (const c of row) pushRefs(c, aliases, false, out);
      return;
    default:
      return;
  }
}

/** The reference an lvalue-like expression is: rootKey's key and depth, without its display name. */
function pushRoot(expr: Expr, aliases: ReadonlySet<string>, whole: boolean, out: Ref[]): void {
  let e = expr;
  let prop: string | undefined;
  let steps = 0;
  for (;;) {
    if (e.kind === 'var') {
      const v = lowerName(e.name);
      if (aliases.has(v)) return;
      out.push({ key: { v, p: prop === undefined ? undefined : lowerName(prop), pn: prop }, whole, deep: steps > (prop !== undefined ? 1 : 0) });
      return;
    }
    if (e.kind === 'member') {
      prop = e.property;
      steps++;
      e = e.object;
    } else if (e.kind === 'index') {
      prop = e.index.kind === 'string' ? e.index.value : undefined;
      steps++;
      e = e.object;
    } else if (e.kind === 'paren') {
      e = e.expr;
    } else {
      return;
    }
  }
}

/** A value that never carries data: a number, a boolean, an empty or placeholder text, an empty object or list. */
export function isTrivialValue(value: Expr): boolean {
  switch (value.kind) {
    case 'number':
    case 'bool':
      return true;
    case 'string':
      return value.parts.every(p => p.kind === 'text') && isPlaceholderSecret(value.value ?? '');
    case 'object':
      return value.entries.length === 0;
    case 'list':
      return value.items.length === 0;
    default:
      return false;
  }
}

/** A value written out literally (text, number, boolean, object, list, table). */
export function isLiteralValue(e: Expr): boolean {
  return e.kind === 'string' || e.kind === 'number' || e.kind === 'bool' || e.kind === 'object' || e.kind === 'list' || e.kind === 'datatable';
}
