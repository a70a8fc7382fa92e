// Issue 10: the desktop-flow designer writes several ON ERROR handlers of one action closed by one END.
// They parse as handlers of that action (spans, walkers, rules), and a .txt named on the command line is
// sniffed like one found in a folder.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { analyze } from '../../server/src/findings/analyze';
import type { ActionStmt, OnErrorStmt, ScriptAst, Statement } from '../../server/src/model/pad-ast';
import { parseScript } from '../../server/src/load/pad/parser';
import { walkStatements } from '../../server/src/load/pad/walk';
import { MemoryVfs } from '../../server/src/load/vfs';

const CLICK = "UIAutomation.Click Element: appmask['W']['B'] ClickType: UIAutomation.ClickType.LeftClick MousePositionRelativeToElement: UIAutomation.RectangleEdgePoint.MiddleCenter OffsetX: 0 OffsetY: 0";
const SHOW = "Display.ShowMessageDialog.ShowMessage Title: $'''Oops''' Message: $'''Click failed''' Icon: Display.Icon.None Buttons: Display.Buttons.OK DefaultButton: Display.DefaultButton.Button1 IsTopMost: False ButtonPressed=> Pressed";

/** The issue's own example: an error-level pad/syntax before. */
const ISSUE_EXAMPLE = `${CLICK}
ON ERROR ClickFailedError
    SET A TO 1
ON ERROR
    SET B TO 2
END
`;

function parseClean(text: string): ScriptAst {
  const ast = parseScript(text);
  assert.deepEqual(ast.problems.map(p => p.message), [], 'the script parses without problems');
  return ast;
}

/** A compact picture of the tree: actions with their handlers, `*` for a handler without a type. */
function shape(list: readonly Statement[]): string {
  return list.filter(s => s.kind !== 'comment').map(s => {
    if (s.kind !== 'action') return s.kind;
    const handlers = (s.onError ?? []).map(h => `${h.errorType ?? '*'}{${shape(h.body)}}`).join('|');
    return handlers ? `action[${handlers}]` : 'action';
  }).join(' ');
}

function slice(text: string, h: OnErrorStmt): string {
  return text.slice(h.span.start, h.span.end);
}

describe('several ON ERROR handlers of one action, one END', () => {
  test('the issue example: both handlers belong to the click, spans split at the second ON ERROR', () => {
    const ast = parseClean(ISSUE_EXAMPLE);
    assert.equal(shape(ast.body), 'action[ClickFailedError{set}|*{set}]');
    const click = ast.body[0] as ActionStmt;
    const [first, second] = click.onError!;
    assert.equal(slice(ISSUE_EXAMPLE, first), 'ON ERROR ClickFailedError\n    SET A TO 1');
    assert.equal(slice(ISSUE_EXAMPLE, second), 'ON ERROR\n    SET B TO 2\nEND');
    assert.equal(click.span.end, ISSUE_EXAMPLE.lastIndexOf('END') + 3, 'the action covers its handlers up to the END');
  });

  test('the same with CRLF line ends, as exports write them', () => {
    const crlf = ISSUE_EXAMPLE.replace(/\n/g, '\r\n');
    const ast = parseClean(crlf);
    assert.equal(shape(ast.body), 'action[ClickFailedError{set}|*{set}]');
    assert.equal(slice(crlf, (ast.body[0] as ActionStmt).onError![0]), 'ON ERROR ClickFailedError\r\n    SET A TO 1');
  });

  test('handlers indented under the action, and the statement after the END is back in the body', () => {
    const text = `${CLICK}\n    ON ERROR ClickFailedError\n        SET A TO 1\n    ON ERROR\n        SET B TO 2\n    END\nSET C TO 3\n`;
    assert.equal(shape(parseClean(text).body), 'action[ClickFailedError{set}|*{set}] set');
  });

  test('a handler whose body ends with an action: the next ON ERROR at the handler column is the next handler', () => {
    const text = `${CLICK}\nON ERROR ClickFailedError\n    ${SHOW}\nON ERROR\n    SET B TO 2\nEND\n`;
    assert.equal(shape(parseClean(text).body), 'action[ClickFailedError{action}|*{set}]');
  });

  test('multi-handler blocks nest inside a handler, and an unindented single handler still guards the action before it', () => {
    const nested = `${CLICK}\nON ERROR ClickFailedError\n    ${CLICK}\n    ON ERROR ClickFailedError\n        SET A TO 1\n    ON ERROR\n        SET B TO 2\n    END\nON ERROR\n    SET C TO 3\nEND\n`;
    assert.equal(shape(parseClean(nested).body), 'action[ClickFailedError{action[ClickFailedError{set}|*{set}]}|*{set}]');
    const flat = `${CLICK}\nON ERROR\n${CLICK}\nON ERROR\nSET A TO 1\nEND\nEND\n`;
    assert.equal(shape(parseClean(flat).body), 'action[*{action[*{set}]}]');
  });

  test('the retry line, empty handlers, a WAIT for a window, an IF condition action, inside a loop of a subflow', () => {
    assert.equal(shape(parseClean(`${CLICK}\nON ERROR REPEAT 2 TIMES WAIT 2\nON ERROR ClickFailedError\n    SET A TO 1\nON ERROR\n    SET B TO 2\nEND\n`).body),
      'action[*{}|ClickFailedError{set}|*{set}]');
    assert.equal(shape(parseClean(`${CLICK}\nON ERROR ClickFailedError\nON ERROR\nEND\n`).body), 'action[ClickFailedError{}|*{}]');
    const wait = parseClean("WAIT (UIAutomation.WaitForWindow.ToOpen Window: appmask['W']) FOR 5\nON ERROR\n    SET A TO 1\nON ERROR WindowNotFoundError\n    SET B TO 2\nEND\n");
    assert.equal(wait.body.length, 1);
    const cond = parseClean("IF (File.IfFile.Exists File: $'''C:\\\\In\\\\a.csv''') THEN\nON ERROR FileNotFoundError\n    SET A TO 1\nON ERROR\n    SET B TO 2\nEND\n    SET C TO 3\nEND\n");
    assert.equal(cond.body.length, 1);
    const sub = parseClean(`FUNCTION Main_Sub GLOBAL\nLOOP FOREACH Item IN Items\n    ${CLICK}\n    ON ERROR ClickFailedError\n        GOTO Retry\n    ON ERROR\n        NEXT LOOP\n    END\nEND\nLABEL Retry\nEND FUNCTION\n`);
    assert.equal(sub.functions.length, 1);
  });

  test('the walker visits every handler, in an error handler', () => {
    const ast = parseClean(ISSUE_EXAMPLE);
    const seen: Array<[string, boolean, string]> = [];
    walkStatements(ast, (stmt, ctx) => {
      if (stmt.kind === 'set') seen.push([ISSUE_EXAMPLE.slice(stmt.span.start, stmt.span.end), ctx.inErrorHandler, ctx.role]);
    });
    assert.deepEqual(seen, [['SET A TO 1', true, 'body'], ['SET B TO 2', true, 'body']]);
  });
});

/** Every statement form of the script reference (pad-script.md §1.3–1.4), as the designer writes them. */
const EVERY_FORM = `@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [Output_Message]
@INPUT Input_Browser : { 'Description': '''Browser.
Second line''', 'FriendlyName': 'Input_Browser', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' }
@OUTPUT Output_Message : { 'Description': 'The status', 'FriendlyName': 'Output_Message', 'Type': 'Numeric' }
FUNCTION Main GLOBAL
/# Initializing variables.
readability.#/
# a comment
@@regionColor: '#57FFE1'
**REGION Setup
SET Config_LoggerObject TO {{ }}
SET Output_ConfigObject['Flows'][CurrentItem['Flow Name']] TO FlowObject
SET Items TO [1, 2]
SET O TO {'From': 'a', 'Subject': 'b'}
SET Log_Address TO $'''%''%'''
**ENDREGION
Variables.CreateNewDatatable InputTable: { ^['Flow Name', 'Property Name', 'Value'], [$'''''', $'''''', $''''''] } DataTable=> Table_ConfigData
IF Input_Browser = $'''Chrome''' THEN
    SET A TO 1
ELSE IF Contains(Input_Browser, $'''Edge''', True) THEN
    SET A TO 2
ELSE
    SET A TO 3
END
SWITCH Input_Browser
    CASE = $'''Chrome'''
        SET B TO 1
    CASE > 3
        SET B TO 2
    DEFAULT
        SET B TO 3
END
LOOP FOREACH CurrentItem IN Items
    NEXT LOOP
END
LOOP ErrorCount FROM 0 TO 10 STEP 1
    EXIT LOOP
END
LOOP FROM 1 TO 10 STEP 1
END
LOOP WHILE (A) < (B)
END
LOOP WHILE RetryCount < 3
END
CALL Logger
CALL 'Name With Spaces'
CALL F in_x: A out_y=> W
LABEL 'Exit'
GOTO 'Exit'
LABEL Retry
GOTO Retry
WAIT 5
WAIT A
WAIT (File.WaitForFile.Created File: $'''C:\\\\x''') FOR 10
BLOCK
ON BLOCK ERROR all
    SET Log_Message TO $'''TRACE'''
    CALL Logger
    REPEAT BLOCK
END
    SET Z TO 1
END
BLOCK Process_Retry_Mechanism
ON BLOCK ERROR
    THROW ERROR
END
    SET Z TO 2
END
UIAutomation.Click Element: appmask['W']['B'] ClickType: UIAutomation.ClickType.LeftClick
ON ERROR REPEAT 3 TIMES WAIT 3
ON ERROR TimeoutError
    SET A TO 1
ON ERROR
    ERROR => ErrorMessage
    ERROR => strFlowErrorMessage Reset: True
END
DISABLE SET B TO 2
@@copilotGeneratedAction: 'False'
WebAutomation.LaunchEdge.AttachToEdgeByUrl TabUrl: $fx'https://telegra.ph/' AttachTimeout: $fx'=2' BrowserInstance=> Browser
EXIT FUNCTION
EXIT Code: 0 ErrorMessage: $'''done'''
END FUNCTION
FUNCTION 'Create Necessary directories' GLOBAL
EXIT Code: 0
END FUNCTION
`;

describe('the designer\'s forms', () => {
  test('every statement form of the reference parses, the multi-handler block among them', () => {
    const ast = parseClean(EVERY_FORM);
    assert.equal(ast.functions.length, 2);
    assert.equal(ast.declarations.length, 2);
    const click = ast.functions[0].body.find(s => s.kind === 'action' && s.id === 'UIAutomation.Click') as ActionStmt;
    assert.deepEqual(click.onError!.map(h => [h.repeat ? 'repeat' : h.errorType ?? '*', h.body.length]), [['repeat', 0], ['TimeoutError', 1], ['*', 2]]);
  });
});

const DEF = `@@ConnectionString: ''\n@@Type: 'Local'\n@@DesktopType: 'local'\n@@DisplayName: 'Local computer'\n`;
const CYBERARK = (out: string) => `Cyberark.GetPassword.GetPassword ServerAddress: CyberArkHost ApplicationId: $'''RPA''' Safe: $'''Robots''' Folder: $'''Root''' Object: $'''sql-bot''' PlainTextPassword=> ${out}`;

/** Lints one script file with every rule, as the CLI does. */
function lintScript(script: string) {
  const vfs = new MemoryVfs({ '/fixture/flow.robin': script });
  const { findings } = analyze(['/fixture'], { vfs });
  return findings.map(f => ({ ruleId: f.ruleId, text: f.scriptSpan && f.owner.script ? f.owner.script.text.slice(f.scriptSpan.start, f.scriptSpan.end) : '', message: f.message, element: f.logical.element?.name }));
}

describe('rules see the handlers of a multi-handler block', () => {
  test('a secret read in the second handler goes into a variable not marked sensitive', () => {
    const findings = lintScript(`${DEF}${CLICK}\nON ERROR ClickFailedError\n    SET A TO 1\nON ERROR\n    ${CYBERARK('FallbackPwd')}\nEND\n`);
    assert.deepEqual(findings.filter(f => f.ruleId === 'pad/syntax'), []);
    const marked = findings.filter(f => f.ruleId === 'pad/sensitive-not-marked');
    assert.deepEqual(marked.map(f => [f.text, f.element]), [['FallbackPwd', 'FallbackPwd']]);
  });

  test('a literal password typed in the second handler is reported at its place, never quoted', () => {
    const findings = lintScript(`${DEF}${CLICK}\nON ERROR ClickFailedError\n    SET A TO 1\nON ERROR\n    System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''sqlcmd -S sql01 -U sa -P Handler-Pass42 -Q "x"''' StandardOutput=> Out StandardError=> Err ExitCode=> Code\nEND\n`);
    assert.deepEqual(findings.filter(f => f.ruleId === 'pad/syntax'), []);
    const secrets = findings.filter(f => f.ruleId === 'pad/plaintext-secret');
    assert.deepEqual(secrets.map(f => f.text), ['Handler-Pass42']);
    for (const f of findings) assert.ok(!f.message.includes('Handler-Pass42'), 'no message quotes the secret');
  });
});

describe('a .txt named on the command line is sniffed like one in a folder', () => {
  const cwd = '/work';
  const io = (files: Record<string, string>) => {
    const out: string[] = [];
    const err: string[] = [];
    const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [path.posix.join(cwd, p), c])));
    const cli: CliIO = { vfs, cwd, env: {}, isTTY: false, stdout: s => out.push(s), stderr: s => err.push(s), writeFile: () => undefined };
    return { cli, out, err };
  };
  const PROSE = 'Notes from the migration meeting\n\nIF the bot fails THEN call Anna.\nEND of notes. SET up the VM before Friday.\n';

  test('prose is skipped with a note, not parsed into pad/syntax findings', () => {
    const t = io({ 'notes.txt': PROSE });
    const code = runCli(['lint', 'notes.txt', '--format', 'json'], t.cli);
    assert.equal(code, 2, 'nothing lintable');
    assert.ok(!t.out.join('').includes('pad/syntax'), 'no syntax findings from prose');
    assert.match(t.err.join(''), /note: notes\.txt: not a desktop-flow script/);
  });

  test('a script copied from the designer named on the command line is still linted', () => {
    const t = io({ 'flow.txt': ISSUE_EXAMPLE });
    const code = runCli(['lint', 'flow.txt', '--format', 'json'], t.cli);
    assert.equal(code, 0);
    const report = JSON.parse(t.out.join('')) as { findings?: Array<{ ruleId: string }> };
    assert.deepEqual((report.findings ?? []).filter(f => f.ruleId === 'pad/syntax'), []);
    assert.doesNotMatch(t.err.join(''), /note:/);
  });
});
