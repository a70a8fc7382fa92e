// Incremental re-parse (load/pad/incremental.ts, offset-mover.ts) over every kind of statement and expression:
// typing into (and deleting from) the strings of a script that holds them all, each tree re-parsed from the
// previous one equals a whole parse. Edits near the top move nearly every node of the script, so each kind's
// copy with moved offsets is compared field by field with what the parser builds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScriptAst } from '../../server/src/model/pad-ast';
import { reparseScript } from '../../server/src/load/pad/incremental';
import { parseScript } from '../../server/src/load/pad/parser';

const SCRIPT = [
  "@@ConnectionString: ''",
  "@@Type: 'Local'",
  "IMPORT 'controlRepo.appmask' AS appmask",
  "@SENSITIVE: [Secret]",
  "@INPUT In1 : { 'Description': 'd', 'Type': 'String', 'DefaultValue': 'x' }",
  "SET Head TO $'''start'''",
  "# comment",
  "/# block",
  "comment #/",
  "**REGION Setup",
  "SET List TO [1, 'two', $'''three %Head%''', {'k': 2}, -1.5]",
  "SET Table TO {^['A', 'B'], [1, 2], ['x', $'''y''']}",
  "SET Obj TO {{ }}",
  "SET Member TO Obj.a.b",
  "SET Item TO List[0]['k']",
  "SET Expr TO NOT (A = 1) AND B <> 2 OR C MOD 3 > -D",
  "SET Fx TO $fx'=Sum(1, 2)'",
  "SET Fx2 TO $fx'a ${Len(\"q\"\"r\")} b'",
  "SET Esc TO 'it\\'s \\\\ here'",
  "SET Called TO IsEmpty(List)",
  "SET Enum TO System.ProcessWindowStyle.Maximized",
  "@@copilotGeneratedAction: 'False'",
  "Variables.AddItemToList Item: $'''v''' List: List",
  "File.ReadTextFromFile.ReadText File: $'''C:\\\\x.txt''' Encoding: File.TextFileEncoding.UTF8 Content=> Content",
  "ON ERROR",
  "    SET Failed TO True",
  "END",
  "IF (File.IfFile.Exists File: $'''C:\\\\y''') THEN",
  "    SET InIf TO $'''1'''",
  "ELSE IF Head = 'x' THEN",
  "    SET InElseIf TO 2",
  "ELSE",
  "    SET InElse TO 3",
  "END",
  "SWITCH Head",
  "    CASE = 'a'",
  "        SET InCase TO 1",
  "    DEFAULT",
  "        SET InDefault TO 2",
  "END",
  "LOOP Index FROM 1 TO 10 STEP 2",
  "    SET InLoop TO Index",
  "END",
  "LOOP FOREACH Row IN Table",
  "    NEXT LOOP",
  "END",
  "LOOP WHILE (UIAutomation.Windows.IsOpen Window: appmask['W'])",
  "    EXIT LOOP",
  "END",
  "LOOP WHILE Head <> 'z'",
  "    SET Head TO 'z'",
  "END",
  "BLOCK Retry",
  "ON BLOCK ERROR all",
  "    REPEAT BLOCK",
  "END",
  "    SET InBlock TO 1",
  "END",
  "WAIT 2",
  "WAIT (UIAutomation.WaitForWindow.ToOpen Window: appmask['W']) FOR 10",
  "Web.InvokeWebService.InvokeWebServiceRequest Url: $'''https://x''' Method: Web.Method.Get Response=> R",
  "ON ERROR REPEAT 2 TIMES WAIT 1",
  "ON ERROR",
  "    SET Retried TO True",
  "END",
  "LABEL Here",
  "GOTO Here",
  "ERROR => LastError Reset: True",
  "DISABLE SET Off TO 1",
  "CALL Helper In: $'''a''' Out=> Result",
  "**ENDREGION",
  "EXIT Code: 0 ErrorMessage: $'''done'''",
  "FUNCTION Helper GLOBAL",
  "    SET InFunction TO $'''f'''",
  "    THROW ERROR",
  "END FUNCTION",
  "SET AfterFunction TO $'''g'''",
  "Bogus words here",
  "SET Broken TO )",
];

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
