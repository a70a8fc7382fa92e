// Incremental re-parse (offset-mover.ts) keeps the parser's object shapes: every node of a tree re-parsed from
// the previous one has the same keys in the same order, with the same kinds of values, as the same node in a
// whole parse — so the copies share the parser's hidden classes and the code reading them stays optimised.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import type { ScriptAst } from '../../server/src/model/pad-ast';
import { reparseScript } from '../../server/src/load/pad/incremental';
import { parseScript } from '../../server/src/load/pad/parser';
import { edit, SCRIPT, startScript } from '../support/pad-edits';
import { rng } from '../support/rng';

// V8's own test of a shared hidden class: natives syntax is enabled for the function compiled below only.
setFlagsFromString('--allow-natives-syntax');
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
/** The small parts of the tree the mover copies generically (not by kind): same keys, not necessarily the same hidden class. */
const GENERIC = new Set(['imports', 'declarations', 'problems', 'sensitive', 'clipboardTrailer']);

/** The kind of a value as V8 stores it: small integers and doubles differ. */
function valueKind(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (v === null) return 'null';
  return Array.isArray(v) ? 'array' : typeof v;
}

/** The first node (by path) whose keys, key order, value kinds or hidden class differ between the two trees, or undefined. */
function shapeDifference(a: unknown, b: unknown, path: string, byKind = true): string | undefined {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    // An array's hidden class holds its elements kind: a list filled by index into `new Array(n)` is "holey", one pushed to is not.
    if (byKind && a !== b && a.length && b.length && !haveSameMap(a, b)) return `${path}: another elements kind than the whole parse's list`;
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = shapeDifference(a[i], b[i], `${path}[${i}]`, byKind);
      if (d) return d;
    }
    return undefined;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keysA = Object.keys(ra).join(',');
  const keysB = Object.keys(rb).join(',');
  if (keysA !== keysB) return `${path}: keys ${keysA} ≠ whole parse ${keysB}`;
  if (byKind && a !== b && !haveSameMap(a, b)) return `${path} (${keysA}): another hidden class than the whole parse's`;
  for (const key of Object.keys(ra)) {
    if (valueKind(ra[key]) !== valueKind(rb[key])) return `${path}.${key}: ${valueKind(ra[key])} ≠ whole parse ${valueKind(rb[key])}`;
    const d = shapeDifference(ra[key], rb[key], `${path}.${key}`, byKind && !(path === 'ast' && GENERIC.has(key)));
    if (d) return d;
  }
  return undefined;
}

function assertSameShapes(again: ScriptAst, whole: ScriptAst, what: string): void {
  const d = shapeDifference(again, whole, 'ast');
  assert.equal(d, undefined, `${what}: ${d}`);
}

for (const crlf of [false, true]) {
  test(`after each of 300 random edits every node has the shape of the whole parse's node (${crlf ? 'CRLF' : 'LF'})`, () => {
    const r = rng(crlf ? 1412 : 1411);
    const eol = crlf ? '\r\n' : '\n';
    let text = startScript(r, crlf);
    let ast = parseScript(text);
    for (let step = 0; step < 300; step++) {
      const next = edit(r, text, eol);
      const again = reparseScript(text, ast, next);
      assertSameShapes(again, parseScript(next), `edit ${step}`);
      text = next;
      ast = again;
    }
  });
}

test('typing at the top of a script with every node kind: every moved copy has the shape of the whole parse', () => {
  let text = SCRIPT.join('\n');
  let ast = parseScript(text);
  const starts = [...text.matchAll(/\$'''/g)].map(m => m.index! + 4);
  for (const at of starts) {
    for (const next of [`${text.slice(0, at)}x${text.slice(at)}`, `${text.slice(0, at)}${text.slice(at + 1)}`]) {
      assertSameShapes(reparseScript(text, ast, next), parseScript(next), `edit at ${at}`);
    }
  }
  // A chain: each tree re-parsed from the previous copy.
  for (let step = 0; step < 20; step++) {
    const at = [...text.matchAll(/\$'''/g)].map(m => m.index! + 4)[step % starts.length];
    const next = `${text.slice(0, at)}ab${text.slice(at)}`;
    const again = reparseScript(text, ast, next);
    assertSameShapes(again, parseScript(next), `chain step ${step}`);
    text = next;
    ast = again;
  }
});
