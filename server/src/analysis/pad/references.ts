// What an expression refers to: the variables it reads, the variable and first-level property an
// lvalue-like expression is rooted at, the references a value is made of, and whether a value is a
// literal that carries no data. UI and image repositories (`appmask`, imported aliases) are not variables.
import type { Expr } from '../../model/pad-ast';
import { isPlaceholderSecret } from '../shared/values';
import { CONCAT_OPS } from './flat';
import type { Key, Ref } from './types';

/** Calls `read` for every variable read inside an expression. */
export function forEachRead(expr: Expr, aliases: ReadonlySet<string>, read: (name: string, offset: number) => void): void {
  const stack: Expr[] = [expr];
  while (stack.length) {
    const e = stack.pop()!;
    switch (e.kind) {
      case 'var': if (!aliases.has(e.name.toLowerCase())) read(e.name, e.span.start); break;
      case 'member': stack.push(e.object); break;
      case 'index': stack.push(e.object, e.index); break;
      case 'list': stack.push(...e.items); break;
      case 'object': stack.push(...e.entries.map(x => x.value)); break;
      case 'datatable': stack.push(...e.header, ...e.rows.flat()); break;
      case 'binary': stack.push(e.left, e.right); break;
      case 'unary': stack.push(e.operand); break;
      case 'call': stack.push(...e.args); break;
      case 'paren': stack.push(e.expr); break;
      case 'string': for (const p of e.parts) if (p.kind === 'interpolation') stack.push(p.expr); break;
      default: break;
    }
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
      if (aliases.has(e.name.toLowerCase())) return undefined;
      // Deeper than the key: a nested property, or an element picked by a non-literal index.
      const deep = steps > (prop !== undefined ? 1 : 0);
      return { key: { v: e.name.toLowerCase(), p: prop?.toLowerCase(), pn: prop }, name: propName !== undefined ? `${e.name}['${propName}']` : e.name, property: propName, deep };
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
  switch (expr.kind) {
    case 'var':
    case 'member':
    case 'index': {
      const r = rootKey(expr, aliases);
      return r ? [{ key: r.key, whole, deep: r.deep }] : [];
    }
    case 'paren': return refsOf(expr.expr, aliases, whole);
    case 'string': return expr.parts.flatMap(p => (p.kind === 'interpolation' ? refsOf(p.expr, aliases, false) : []));
    case 'binary': return CONCAT_OPS.has(expr.op) ? [...refsOf(expr.left, aliases, false), ...refsOf(expr.right, aliases, false)] : [];
    case 'list': return expr.items.flatMap(i => refsOf(i, aliases, false));
    case 'object': return expr.entries.flatMap(x => refsOf(x.value, aliases, false));
    case 'datatable': return [...expr.header, ...expr.rows.flat()].flatMap(i => refsOf(i, aliases, false));
    default: return [];
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
