// Incremental re-parse (load/pad/incremental.ts, offset-mover.ts) over every kind of statement and expression:
// typing into (and deleting from) the strings of a script that holds them all, each tree re-parsed from the
// previous one equals a whole parse. Edits near the top move nearly every node of the script, so each kind's
// copy with moved offsets is compared field by field with what the parser builds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScriptAst } from '../../server/src/model/pad-ast';
import { reparseScript } from '../../server/src/load/pad/incremental';
import { parseScript } from '../../server/src/load/pad/parser';
import { SCRIPT } from '../support/pad-edits';

/** Every `kind` in the tree (statements, expressions, string parts). */
function kindsOf(ast: ScriptAst): Set<string> {
  const kinds = new Set<string>();
  JSON.stringify(ast, (_key, value: unknown) => {
    const kind = value && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
    if (typeof kind === 'string') kinds.add(kind);
    return value;
  });
  return kinds;
}

/** Offsets just inside the opening quotes of every $'''…''' string. */
function stringStarts(text: string): number[] {
  return [...text.matchAll(/\$'''/g)].map(m => m.index! + 4);
}

for (const eol of ['\n', '\r\n']) {
  test(`typing into every string of a script with every node kind equals a whole parse (${eol === '\n' ? 'LF' : 'CRLF'})`, () => {
    const text = SCRIPT.join(eol);
    const ast = parseScript(text);
    const kinds = kindsOf(ast);
    for (const kind of ['action', 'set', 'if', 'switch', 'loop', 'foreach', 'while', 'block', 'onError', 'call', 'label', 'goto', 'wait',
      'exit', 'simple', 'getLastError', 'region', 'comment', 'unknown', 'string', 'text', 'interpolation', 'number', 'bool', 'var',
      'member', 'index', 'list', 'object', 'datatable', 'dotted', 'binary', 'unary', 'paren', 'error']) {
      assert.ok(kinds.has(kind), `the script holds a '${kind}' node`);
    }
    let lineByLine = 0;
    const starts = stringStarts(text);
    for (const at of starts) {
      for (const next of [`${text.slice(0, at)}x${text.slice(at)}`, `${text.slice(0, at)}${text.slice(at + 1)}`]) {
        const again = reparseScript(text, ast, next);
        assert.deepStrictEqual(again, parseScript(next), `edit at ${at}: ${JSON.stringify(next.slice(at - 20, at + 20))}`);
        // The @@ header before every edit is shared only when the line was re-parsed alone.
        if (again.headers[0] === ast.headers[0]) lineByLine++;
      }
    }
    assert.ok(lineByLine >= starts.length, `most edits re-parse one line (${lineByLine} of ${2 * starts.length})`);
  });
}

test('a chain of edits, each re-parsed from the previous tree, equals a whole parse at every step', () => {
  let text = SCRIPT.join('\n');
  let ast = parseScript(text);
  const count = stringStarts(text).length;
  for (let step = 0; step < 3 * count; step++) {
    const at = stringStarts(text)[(step * 7) % count];
    const next = step % 3 === 2 ? `${text.slice(0, at)}${text.slice(at + 1)}` : `${text.slice(0, at)}ab${text.slice(at)}`;
    const again = reparseScript(text, ast, next);
    assert.deepStrictEqual(again, parseScript(next), `step ${step}`);
    text = next;
    ast = again;
  }
});
