// Incremental re-parse (load/pad/incremental.ts): after each of a seeded series of random edits — typing and
// deleting inside strings and names, lines inserted and deleted, blocks opened and closed, a quote that opens
// a multi-line string, ON ERROR handlers, @@ annotations, CRLF line ends — the tree re-parsed from the
// previous one equals a parse of the whole text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScriptAst } from '../../server/src/model/pad-ast';
import { reparseScript, textChange } from '../../server/src/load/pad/incremental';
import { parseScript } from '../../server/src/load/pad/parser';
import { rng } from '../support/rng';
import { edit, LETTERS, startScript } from '../support/pad-edits';

test('textChange: the smallest single change between two texts', () => {
  assert.equal(textChange('abc', 'abc'), undefined);
  assert.deepEqual(textChange('abcdef', 'abXcdef'), { start: 2, oldEnd: 2, newEnd: 3 });
  assert.deepEqual(textChange('abcdef', 'abef'), { start: 2, oldEnd: 4, newEnd: 2 });
  assert.deepEqual(textChange('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
});

for (const crlf of [false, true]) {
  test(`re-parsing after each of 400 random edits equals a whole parse (${crlf ? 'CRLF' : 'LF'})`, () => {
    const r = rng(crlf ? 1402 : 1401);
    const eol = crlf ? '\r\n' : '\n';
    let text = startScript(r, crlf);
    let ast: ScriptAst = parseScript(text);
    let reused = 0;
    for (let step = 0; step < 400; step++) {
      const next = edit(r, text, eol);
      const again = reparseScript(text, ast, next);
      const whole = parseScript(next);
      assert.deepStrictEqual(again, whole, `edit ${step}: ${JSON.stringify(textChange(text, next))}`);
      // A statement before the change kept as the same object: the line was re-parsed alone.
      if (again !== whole && again.body.length && again.body[0] === ast.body[0]) reused++;
      text = next;
      ast = again;
    }
    assert.ok(reused > 20, `some edits are re-parsed line by line (${reused} of 400)`);
  });
}

test('typing letters into the strings of a well-formed script: nearly every keystroke re-parses one line, each equal to a whole parse', () => {
  const r = rng(1403);
  let text = startScript(r, false);
  let ast = parseScript(text);
  let reused = 0;
  for (let step = 0; step < 200; step++) {
    const quotes = [...text.matchAll(/\$'''/g)].map(m => m.index! + 4);
    const start = r.pick(quotes);
    const at = start + r.int(0, text.indexOf("'''", start) - start);
    // Deleting a letter (never a quote: the string would swallow the rest of the script).
    const next = r.next() < 0.2 && at < text.indexOf("'''", at) && /[A-Za-z0-9 ]/.test(text[at]) ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + r.pick(LETTERS) + text.slice(at);
    const again = reparseScript(text, ast, next);
    assert.deepStrictEqual(again, parseScript(next), `edit ${step}`);
    if (again.body[0] === ast.body[0]) reused++;
    text = next;
    ast = again;
  }
  assert.ok(reused >= 150, `${reused} of 200 re-parsed line by line`);
});

test('typing inside a string of one action re-parses that line only and keeps the statements before it', () => {
  const lines = Array.from({ length: 50 }, (_, i) => `Variables.AddItemToList Item: $'''step ${i}''' List: Items`);
  const text = lines.join('\n');
  const ast = parseScript(text);
  const at = text.indexOf("step 25") + 4;
  const next = `${text.slice(0, at)}x${text.slice(at)}`;
  const again = reparseScript(text, ast, next);
  assert.deepStrictEqual(again, parseScript(next));
  assert.equal(again.body[24], ast.body[24], 'the statement before is shared');
  assert.notEqual(again.body[26], ast.body[26], 'a statement after is moved (a copy)');
  assert.equal(ast.body[26].span.start, text.indexOf('Variables', text.indexOf('step 26') - 40), 'the previous tree is left as it was');
});
