// Incremental re-parse (load/pad/incremental.ts): after each of a seeded series of random edits — typing and
// deleting inside strings and names, lines inserted and deleted, blocks opened and closed, a quote that opens
// a multi-line string, ON ERROR handlers, @@ annotations, CRLF line ends — the tree re-parsed from the
// previous one equals a parse of the whole text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScriptAst } from '../../server/src/model/pad-ast';
import { reparseScript, textChange } from '../../server/src/load/pad/incremental';
import { parseScript } from '../../server/src/load/pad/parser';
import { rng, type Rng } from '../support/rng';

const LINES = [
  "SET Counter TO Counter + 1",
  "Variables.AddItemToList Item: $'''step 12''' List: Items",
  "Text.Replace Text: Body TextToFind: $'''#4''' IsRegEx: False IgnoreCase: False ReplaceWith: $'''x''' Result=> Body",
  "File.WriteText File: $'''%Folder%\\\\log.txt''' TextToWrite: $'''%Now% step: %Counter%''' AppendNewLine: True",
  "CALL Notify Subject: $'''Done''' Count: Counter",
  "@@copilotGeneratedAction: 'False'",
  "ON ERROR",
  "    SET Failed TO True",
  "END",
  "IF Counter > 3 THEN",
  "ELSE",
  "LOOP FOREACH Row IN Rows",
  "WAIT 2",
  "# a comment line",
  "SET Password TO $'''Hunter2Secret!x'''",
  "DISABLE Web.InvokeWebService.InvokeWebServiceRequest Url: $'''https://api-dev.contoso.com/x''' Method: Web.Method.Get",
  "SET Note TO $'''first line",
  "second line'''",
  "BLOCK Retry",
  "FUNCTION Helper GLOBAL",
  "END FUNCTION",
  "SET List TO [1, 2, 3]",
];

const LETTERS = ['x', 'a', ' ', '1', '.'];
/** What breaks a line: a quote, an interpolation, an escape, a comment mark. */
const BREAKING = ["'", '%', '\\', '=', ':', "'''", '%Counter%', '#'];

function startScript(r: Rng, crlf: boolean): string {
  const lines: string[] = ['@@copilotGeneratedAction: \'False\'', '@INPUT Folder : { Type: \'Text\', DefaultValue: \'C:\\\\x\' }'];
  for (let i = 0; i < 40; i++) lines.push(r.pick(LINES.slice(0, 5)));
  lines.splice(10, 0, 'IF Counter > 3 THEN', "    Variables.AddItemToList Item: $'''in block''' List: Items", 'END');
  lines.splice(20, 0, "Web.InvokeWebService.InvokeWebServiceRequest Url: $'''https://x''' Method: Web.Method.Get Response=> R", 'ON ERROR', '    SET Failed TO True', 'END');
  return lines.join(crlf ? '\r\n' : '\n');
}

/** One random edit of `text` (most of them typing inside a line, as in an editor). */
function edit(r: Rng, text: string, eol: string): string {
  const kind = r.int(0, 9);
  if (kind <= 4) {
    // Typing or deleting inside a line, often inside a string.
    const quote = text.indexOf("'''", r.int(0, Math.max(0, text.length - 1)));
    const at = quote >= 0 && r.next() < 0.7 ? quote + 3 + r.int(0, 3) : r.int(0, text.length);
    if (r.next() < 0.3 && at < text.length) return text.slice(0, at) + text.slice(at + 1);
    return text.slice(0, at) + r.pick(r.next() < 0.8 ? LETTERS : BREAKING) + text.slice(at);
  }
  const lines = text.split(eol);
  const i = r.int(0, lines.length);
  if (kind === 5) lines.splice(i, 0, r.pick(LINES));
  else if (kind === 6 && lines.length > 1) lines.splice(Math.min(i, lines.length - 1), 1);
  else if (kind === 7) lines.splice(i, 0, 'IF Flag = True THEN');
  else if (kind === 8) lines.splice(i, 0, 'END');
  else lines.splice(i, 0, `${r.pick(LINES.slice(0, 5))}${eol}${r.pick(LINES)}`);
  return lines.join(eol);
}

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
