// Desktop-flow script parser: every statement form and literal of the language, with node kinds, names,
// decoded values and spans (checked against the source text they cover).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScript } from '../../server/src/load/pad/parser';
import type {
  ActionStmt, BlockStmt, CallStmt, CommentStmt, ExitStmt, Expr, ForeachStmt, GetLastErrorStmt, IfStmt, LoopStmt,
  OnErrorStmt, RegionStmt, ScriptAst, SetStmt, SimpleStmt, Statement, StringLit, SwitchStmt, TextPart, WaitStmt,
  WhileStmt,
} from '../../server/src/model/pad-ast';

function parseClean(text: string): ScriptAst {
  const ast = parseScript(text);
  assert.deepEqual(ast.problems, [], `unexpected problems in:\n${text}`);
  return ast;
}

function src(text: string, node: { span: { start: number; end: number } }): string {
  return text.slice(node.span.start, node.span.end);
}

function srcOf(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

function first<T extends Statement>(ast: ScriptAst, kind: T['kind']): T {
  const stmt = ast.body[0];
  assert.ok(stmt, 'no statement parsed');
  assert.equal(stmt.kind, kind);
  return stmt as T;
}

/** Parses `SET X TO <literal>` and returns the value expression. */
function valueOf(literal: string): { expr: Expr; text: string } {
  const text = `SET X TO ${literal}`;
  const ast = parseClean(text);
  const set = first<SetStmt>(ast, 'set');
  assert.equal(src(text, set.value), literal, 'value span covers the literal');
  return { expr: set.value, text };
}

function asString(expr: Expr): StringLit {
  assert.equal(expr.kind, 'string');
  return expr as StringLit;
}

/** Compact rendering of an expression tree, to compare structure in one assertion. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'string': return e.value !== undefined ? `${e.form}:${JSON.stringify(e.value)}` : `${e.form}:<${e.parts.map(p => (p.kind === 'text' ? JSON.stringify(p.value) : `{${show(p.expr)}}`)).join(' ')}>`;
    case 'number': return `#${e.value}`;
    case 'bool': return String(e.value);
    case 'var': return e.name;
    case 'member': return `${show(e.object)}.${e.property}`;
    case 'index': return `${show(e.object)}[${show(e.index)}]`;
    case 'list': return `[${e.items.map(show).join(', ')}]`;
    case 'object': return `{${e.entries.map(x => `${x.key}: ${show(x.value)}`).join(', ')}}`;
    case 'datatable': return `table(^${e.header.map(show).join(',')}; ${e.rows.map(r => r.map(show).join(',')).join('; ')})`;
    case 'dotted': return `enum:${e.segments.join('.')}`;
    case 'binary': return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'unary': return `(${e.op} ${show(e.operand)})`;
    case 'call': return `${e.callee}(${e.args.map(show).join(', ')})`;
    case 'paren': return `(${show(e.expr)})`;
    case 'error': return `error<${e.text}>`;
  }
}

// ---------------------------------------------------------------------------------------------
// Literals

describe('literals', () => {
  const cases: Array<{ literal: string; shape: string }> = [
    { literal: "$'''hello'''", shape: 'interpolated:"hello"' },
    { literal: "$''''''", shape: 'interpolated:""' },
    { literal: "$'''a %B% c'''", shape: 'interpolated:<"a " {B} " c">' },
    { literal: "$'''%Obj['k']%'''", shape: 'interpolated:<{Obj[single:"k"]}>' },
    { literal: "$'''%X + 1%'''", shape: 'interpolated:<{(X + #1)}>' },
    { literal: "$'''%''%'''", shape: 'interpolated:<{single:""}>' },
    { literal: "$'''%A%%B%'''", shape: 'interpolated:<{A} {B}>' },
    { literal: "$'''100%'%'% done'''", shape: 'interpolated:<"100" {single:"%"} " done">' },
    { literal: "$'''%Files[0].FullName%'''", shape: 'interpolated:<{Files[#0].FullName}>' },
    { literal: "$'''100%% done'''", shape: 'interpolated:"100% done"' },
    { literal: "$'''%N%%% done'''", shape: 'interpolated:<{N} "% done">' },
    { literal: "$'''It\\'s \\\\ \\\"q\\\"'''", shape: 'interpolated:"It\'s \\\\ \\"q\\""' },
    { literal: "$'''C:\\Temp\\file.txt'''", shape: 'interpolated:"C:\\\\Temp\\\\file.txt"' },
    { literal: "$'''a\\nb'''", shape: 'interpolated:"a\\\\nb"' },
    { literal: "$'''C:\\\\Reports\\\\%Month%'''", shape: 'interpolated:<"C:\\\\Reports\\\\" {Month}>' },
    { literal: "$'''\\\\\\\\server\\\\share'''", shape: 'interpolated:"\\\\\\\\server\\\\share"' },
    { literal: "$'''\\'\\''''", shape: 'interpolated:"\'\'"' },
    { literal: "$'''Price $5 and ${x}'''", shape: 'interpolated:"Price $5 and ${x}"' },
    { literal: "'''triple'''", shape: 'triple:"triple"' },
    { literal: "'''It\\'s %not% interpolated'''", shape: 'triple:"It\'s %not% interpolated"' },
    { literal: "'text'", shape: 'single:"text"' },
    { literal: "'it\\'s'", shape: 'single:"it\'s"' },
    { literal: "''", shape: 'single:""' },
    { literal: "'a # b'", shape: 'single:"a # b"' },
    { literal: "$fx'plain text'", shape: 'fx:"plain text"' },
    { literal: "$fx'Hello ${Name}!'", shape: 'fx:<"Hello " {Name} "!">' },
    { literal: "$fx'Total ${Price * Qty}'", shape: 'fx:<"Total " {(Price * Qty)}>' },
    { literal: '42', shape: '#42' },
    { literal: '-1.5', shape: '#-1.5' },
    { literal: '3.14', shape: '#3.14' },
    { literal: '1E3', shape: '#1000' },
    { literal: 'True', shape: 'true' },
    { literal: 'false', shape: 'false' },
    { literal: 'System.ProcessWindowStyle.Maximized', shape: 'enum:System.ProcessWindowStyle.Maximized' },
    { literal: 'file.ifexists.overwrite', shape: 'enum:file.ifexists.overwrite' },
    { literal: 'Obj.a.b', shape: 'Obj.a.b' },
    { literal: 'Files.Count', shape: 'Files.Count' },
    { literal: "[1, $'''a''', x]", shape: '[#1, interpolated:"a", x]' },
    { literal: '[]', shape: '[]' },
    { literal: "{ 'k': 1, 'j': $'''v''' }", shape: '{k: #1, j: interpolated:"v"}' },
    { literal: "{'items': [1, 2], 'inner': {'a': 1}}", shape: '{items: [#1, #2], inner: {a: #1}}' },
    { literal: '{{ }}', shape: '{}' },
    { literal: "{ ^['H1', 'H2'], [1, 2], [3, 4] }", shape: 'table(^single:"H1",single:"H2"; #1,#2; #3,#4)' },
    { literal: "{ ^['Flow Name', 'Value'], [$'''''', $''''''] }", shape: 'table(^single:"Flow Name",single:"Value"; interpolated:"",interpolated:"")' },
    { literal: '{ }', shape: 'table(^; )' },
    { literal: "appmask['Window \\'Untitled - Notepad\\'']['Edit \\'File name:\\'']", shape: 'appmask[single:"Window \'Untitled - Notepad\'"][single:"Edit \'File name:\'"]' },
    { literal: "imgrepo['Image 1']", shape: 'imgrepo[single:"Image 1"]' },
    { literal: 'Items[Items.Count - 1]', shape: 'Items[(Items.Count - #1)]' },
    { literal: 'Items[-1]', shape: 'Items[#-1]' },
    { literal: "DT[0]['A']", shape: 'DT[#0][single:"A"]' },
    { literal: 'Files[0].Name', shape: 'Files[#0].Name' },
    { literal: 'a + b * c', shape: '(a + (b * c))' },
    { literal: '(a + b) * c', shape: '(((a + b)) * c)' },
    { literal: 'a - b - c', shape: '((a - b) - c)' },
    { literal: 'a / b mod c', shape: '((a / b) MOD c)' },
    { literal: '0 - Tolerance', shape: '(#0 - Tolerance)' },
    { literal: 'N > 3 AND N <= 10 OR N >= 20 AND N < 30', shape: '(((N > #3) AND (N <= #10)) OR ((N >= #20) AND (N < #30)))' },
    { literal: 'A = 1 AND B <> 2', shape: '((A = #1) AND (B <> #2))' },
    { literal: 'NOT A = 1', shape: '(NOT (A = #1))' },
    { literal: 'NOT(A = 1)', shape: 'NOT((A = #1))' },
    { literal: 'IsEmpty(x)', shape: 'IsEmpty(x)' },
    { literal: "Contains(S, $'''b''', False)", shape: 'Contains(S, interpolated:"b", false)' },
    { literal: '(List.Count) > (0)', shape: '((List.Count) > (#0))' },
    { literal: '- x', shape: '(- x)' },
  ];
  for (const c of cases) {
    test(c.literal, () => {
      const { expr } = valueOf(c.literal);
      assert.equal(show(expr), c.shape);
    });
  }

  test('text and interpolation parts carry their raw spans', () => {
    const { expr, text } = valueOf("$'''a %B% c'''");
    const s = asString(expr);
    assert.equal(s.value, undefined);
    assert.deepEqual(s.parts.map(p => srcOf(text, p.span)), ['a ', '%B%', ' c']);
    const interpolation = s.parts[1];
    assert.equal(interpolation.kind, 'interpolation');
    if (interpolation.kind === 'interpolation') assert.equal(src(text, interpolation.expr), 'B');
  });

  test('offsets map decoded characters of an escaped part back to the script', () => {
    const { expr, text } = valueOf("$'''It\\'s 100%% a\\\\b'''");
    const s = asString(expr);
    assert.equal(s.value, "It's 100% a\\b");
    const part = s.parts[0] as TextPart;
    assert.ok(part.offsets, 'offsets present when escapes exist');
    assert.equal(part.offsets.length, part.value.length);
    // Every decoded character maps to the start of the raw text that produced it.
    const rawFor = (i: number) => text.slice(part.offsets![i], i + 1 < part.offsets!.length ? part.offsets![i + 1] : part.span.end);
    assert.deepEqual([...part.value].map((_, i) => rawFor(i)), ['I', 't', "\\'", 's', ' ', '1', '0', '0', '%%', ' ', 'a', '\\\\', 'b']);
  });

  test('a part without escapes has no offsets table', () => {
    const s = asString(valueOf("$'''plain %X% text'''").expr);
    for (const p of s.parts) if (p.kind === 'text') assert.equal(p.offsets, undefined);
  });

  test('multi-line strings may hold lines that look like END, # or IF', () => {
    const text = "SET Body TO $'''Line one\r\n\r\nEND\r\n# not a comment\r\nIF x THEN'''\r\nSET Next TO 1\r\n";
    const ast = parseClean(text);
    assert.equal(ast.body.length, 2);
    assert.equal(ast.comments.length, 0);
    const set = ast.body[0] as SetStmt;
    assert.equal(stringOf(set.value), 'Line one\r\n\r\nEND\r\n# not a comment\r\nIF x THEN');
    assert.equal((ast.body[1] as SetStmt).variable, 'Next');
  });

  test("'''…''' spans lines without interpolation", () => {
    const { expr } = valueOf("'''first\nsecond %x%'''");
    assert.equal(stringOf(expr), 'first\nsecond %x%');
  });

  test('$fx formula keeps the formula text and has no literal value', () => {
    const s = asString(valueOf("$fx'=Sum(1, 2)'").expr);
    assert.equal(s.form, 'fx');
    assert.equal(s.formula, 'Sum(1, 2)');
    assert.equal(s.value, undefined);
  });

  test('Power Fx interpolation may use double-quoted strings', () => {
    const s = asString(valueOf("$fx'Hi ${\"Bob\" & Name}'").expr);
    assert.equal(show(s), 'fx:<"Hi " {(fx:"Bob" & Name)}>');
  });

  test('numbers keep their raw text', () => {
    const n = valueOf('-1.5').expr;
    assert.equal(n.kind, 'number');
    if (n.kind === 'number') assert.equal(n.raw, '-1.5');
  });

  test('dotted names keep segments and member chains keep property spans', () => {
    const { expr, text } = valueOf('Input_Object.Server.Name');
    assert.equal(expr.kind, 'member');
    if (expr.kind === 'member') {
      assert.equal(expr.property, 'Name');
      assert.equal(srcOf(text, expr.propertySpan), 'Name');
      assert.equal(src(text, expr.object), 'Input_Object.Server');
    }
  });

  test('object entries carry key spans', () => {
    const { expr, text } = valueOf("{ 'Password': $'''x''' }");
    assert.equal(expr.kind, 'object');
    if (expr.kind === 'object') {
      assert.equal(expr.entries[0].key, 'Password');
      assert.equal(srcOf(text, expr.entries[0].keySpan), "'Password'");
      assert.equal(src(text, expr.entries[0]), "'Password': $'''x'''");
    }
  });

  test('call expressions carry the callee span', () => {
    const { expr, text } = valueOf('StartsWith(S, $\'\'\'a\'\'\', True)');
    assert.equal(expr.kind, 'call');
    if (expr.kind === 'call') {
      assert.equal(expr.callee, 'StartsWith');
      assert.equal(srcOf(text, expr.calleeSpan), 'StartsWith');
      assert.equal(expr.args.length, 3);
    }
  });
});

function stringOf(expr: Expr): string | undefined {
  return expr.kind === 'string' ? expr.value : undefined;
}

// ---------------------------------------------------------------------------------------------
// Statements

describe('actions', () => {
  test('module, action, selector, arguments and outputs', () => {
    const text = "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.example.com''' Port: 25 EnableSSL: True Result=> Sent";
    const action = first<ActionStmt>(parseClean(text), 'action');
    assert.equal(action.id, 'Email.SendEmail.AuthenticateAndSend');
    assert.equal(srcOf(text, action.idSpan), action.id);
    assert.deepEqual([action.module, action.action, action.selector], ['Email', 'SendEmail', 'AuthenticateAndSend']);
    assert.deepEqual(action.args.map(a => [a.name, srcOf(text, a.nameSpan), src(text, a.value), a.dynamic]), [
      ['SMTPServer', 'SMTPServer', "$'''smtp.example.com'''", false],
      ['Port', 'Port', '25', false],
      ['EnableSSL', 'EnableSSL', 'True', false],
    ]);
    assert.equal(src(text, action.args[0]), "SMTPServer: $'''smtp.example.com'''");
    assert.deepEqual(action.outputs.map(o => [o.name, o.variable, srcOf(text, o.variableSpan), src(text, o)]), [['Result', 'Sent', 'Sent', 'Result=> Sent']]);
    assert.equal(src(text, action), text);
  });

  test('two-segment id without selector', () => {
    const action = first<ActionStmt>(parseClean('Outlook.Launch Instance=> OutlookInstance'), 'action');
    assert.deepEqual([action.module, action.action, action.selector], ['Outlook', 'Launch', undefined]);
  });

  test('an action without arguments', () => {
    const text = 'Clipboard.Clear';
    const action = first<ActionStmt>(parseClean(text), 'action');
    assert.equal(action.args.length + action.outputs.length, 0);
    assert.equal(src(text, action), text);
  });

  test("dynamic @name and @'quoted name' arguments and outputs", () => {
    const text = "External.RunFlow FlowId: 'c74ad727' @Input_ConfigType: Config_Type @'item/def_flow': Input_FlowName @'$filter': $'''x''' @Output_Status=> Output_Status";
    const action = first<ActionStmt>(parseClean(text), 'action');
    assert.deepEqual(action.args.map(a => [a.name, a.dynamic, srcOf(text, a.nameSpan)]), [
      ['FlowId', false, 'FlowId'],
      ['Input_ConfigType', true, 'Input_ConfigType'],
      ['item/def_flow', true, "'item/def_flow'"],
      ['$filter', true, "'$filter'"],
    ]);
    assert.equal(src(text, action.args[2]), "@'item/def_flow': Input_FlowName");
    assert.deepEqual(action.outputs.map(o => [o.name, o.dynamic, o.variable]), [['Output_Status', true, 'Output_Status']]);
  });

  test('spacing around : and => is lenient', () => {
    const text = 'Text.ToNumber Text :A Number =>N Other:B';
    const action = first<ActionStmt>(parseClean(text), 'action');
    assert.deepEqual(action.args.map(a => [a.name, src(text, a.value)]), [['Text', 'A'], ['Other', 'B']]);
    assert.deepEqual(action.outputs.map(o => [o.name, o.variable]), [['Number', 'N']]);
  });

  test('argument values end where the next argument starts', () => {
    const text = 'Variables.RemoveItemFromList.RemoveItemFromListByIndex ItemIndex: List_SubflowNames.Count - 1 List: List_SubflowNames';
    const action = first<ActionStmt>(parseClean(text), 'action');
    assert.deepEqual(action.args.map(a => src(text, a.value)), ['List_SubflowNames.Count - 1', 'List_SubflowNames']);
  });

  test('an argument named like an operator is an argument', () => {
    const action = first<ActionStmt>(parseClean('X.Y A: 1 Or: 2'), 'action');
    assert.deepEqual(action.args.map(a => a.name), ['A', 'Or']);
  });

  test('a multi-line string argument is part of its action', () => {
    const text = "Scripting.RunPowershellScript.RunPowershellScript Script: $'''$x = 1\n# comment in script\nEND''' ScriptOutput=> Out\nSET Y TO 1";
    const ast = parseClean(text);
    assert.equal(ast.body.length, 2);
    const action = ast.body[0] as ActionStmt;
    assert.deepEqual(action.outputs.map(o => o.variable), ['Out']);
  });
});

describe('SET', () => {
  test('simple assignment', () => {
    const text = "SET Output_Message TO $'''Bad Request'''";
    const set = first<SetStmt>(parseClean(text), 'set');
    assert.equal(set.variable, 'Output_Message');
    assert.equal(srcOf(text, set.variableSpan), 'Output_Message');
    assert.equal(src(text, set.target), 'Output_Message');
    assert.equal(stringOf(set.value), 'Bad Request');
    assert.equal(src(text, set), text);
  });

  test('indexed target', () => {
    const text = "SET Output_ConfigObject['Flows'][CurrentItem['Flow Name']] TO FlowObject";
    const set = first<SetStmt>(parseClean(text), 'set');
    assert.equal(set.variable, 'Output_ConfigObject');
    assert.equal(src(text, set.target), "Output_ConfigObject['Flows'][CurrentItem['Flow Name']]");
    assert.equal(show(set.target), 'Output_ConfigObject[single:"Flows"][CurrentItem[single:"Flow Name"]]');
  });

  test('keywords are case-insensitive', () => {
    const set = first<SetStmt>(parseClean('set MyVar to 1'), 'set');
    assert.equal(set.variable, 'MyVar');
  });
});

describe('IF', () => {
  test('IF / ELSE IF / ELSE / END', () => {
    const text = [
      'IF A = 1 THEN',
      "    SET R TO $'''one'''",
      'ELSE IF A = 2 THEN',
      "    SET R TO $'''two'''",
      'ELSE',
      "    SET R TO $'''other'''",
      'END',
    ].join('\n');
    const node = first<IfStmt>(parseClean(text), 'if');
    assert.equal(src(text, node), text);
    assert.equal(node.branches.length, 2);
    assert.deepEqual(node.branches.map(b => show(b.condition as Expr)), ['(A = #1)', '(A = #2)']);
    assert.deepEqual(node.branches.map(b => b.body.map(s => (s as SetStmt).value).map(v => stringOf(v))), [['one'], ['two']]);
    assert.equal(src(text, node.branches[0]), "IF A = 1 THEN\n    SET R TO $'''one'''");
    assert.equal(src(text, node.branches[1]), "ELSE IF A = 2 THEN\n    SET R TO $'''two'''");
    assert.deepEqual(node.elseBody?.map(s => s.kind), ['set']);
  });

  test('condition action in parentheses, with its ON ERROR handler', () => {
    const text = [
      "IF (File.IfFile.Exists File: $'''C:\\\\x.txt''') THEN",
      'ON ERROR',
      '',
      'END',
      '    SET Found TO True',
      'END',
    ].join('\n');
    const node = first<IfStmt>(parseClean(text), 'if');
    const condition = node.branches[0].condition as ActionStmt;
    assert.equal(condition.kind, 'action');
    assert.equal(condition.id, 'File.IfFile.Exists');
    assert.equal(src(text, condition), "File.IfFile.Exists File: $'''C:\\\\x.txt'''");
    assert.equal(condition.onError?.length, 1);
    assert.equal(src(text, condition.onError![0]), 'ON ERROR\n\nEND');
    assert.deepEqual(node.branches[0].body.map(s => s.kind), ['set']);
  });

  test('a parenthesised expression is not an action', () => {
    const node = first<IfStmt>(parseClean('IF (List_ErrorMessages.Count) > (0) THEN\nEND'), 'if');
    assert.equal(show(node.branches[0].condition as Expr), '((List_ErrorMessages.Count) > (#0))');
  });

  test('grouped conditions with function calls', () => {
    const text = "IF (Contains(Obj, 'Server', False) AND IsNotEmpty(Obj['Server'])) = True THEN\nEND";
    const node = first<IfStmt>(parseClean(text), 'if');
    assert.equal(show(node.branches[0].condition as Expr), '(((Contains(Obj, single:"Server", false) AND IsNotEmpty(Obj[single:"Server"]))) = true)');
  });

  test('lowercase keywords', () => {
    const node = first<IfStmt>(parseClean('if myvar = 1 then\n    clipboard.settext text: MYVAR\nend'), 'if');
    assert.equal((node.branches[0].body[0] as ActionStmt).id, 'clipboard.settext');
  });
});

describe('SWITCH', () => {
  test('CASE with comparison operators and DEFAULT', () => {
    const text = [
      'SWITCH Input_Browser',
      "    CASE = $'''Chrome'''",
      '        CALL LaunchChrome',
      '    CASE > 5',
      '    CASE <> 3',
      '        CALL Other',
      '    DEFAULT',
      "        GOTO 'Exit'",
      'END',
    ].join('\n');
    const node = first<SwitchStmt>(parseClean(text), 'switch');
    assert.equal(src(text, node), text);
    assert.equal(src(text, node.value), 'Input_Browser');
    assert.deepEqual(node.cases.map(c => [c.op, src(text, c.value), c.body.length]), [['=', "$'''Chrome'''", 1], ['>', '5', 0], ['<>', '3', 1]]);
    assert.equal(src(text, node.cases[0]), "CASE = $'''Chrome'''\n        CALL LaunchChrome");
    assert.deepEqual(node.defaultBody?.map(s => s.kind), ['goto']);
  });
});

describe('loops', () => {
  test('LOOP i FROM a TO b STEP s', () => {
    const text = 'LOOP i FROM 0 TO n - 1 STEP 1\n    NEXT LOOP\n    EXIT LOOP\nEND';
    const node = first<LoopStmt>(parseClean(text), 'loop');
    assert.equal(node.variable, 'i');
    assert.equal(srcOf(text, node.variableSpan!), 'i');
    assert.deepEqual([src(text, node.from), src(text, node.to), src(text, node.step)], ['0', 'n - 1', '1']);
    assert.deepEqual(node.body.map(s => (s as SimpleStmt).keyword), ['NEXT LOOP', 'EXIT LOOP']);
    assert.equal(src(text, node), text);
  });

  test('LOOP FROM without an index variable', () => {
    const node = first<LoopStmt>(parseClean('LOOP FROM 1 TO 10 STEP 1\nEND'), 'loop');
    assert.equal(node.variable, undefined);
    assert.equal(show(node.to), '#10');
  });

  test('LOOP FOREACH', () => {
    const text = 'LOOP FOREACH CurrentItem IN Table_ConfigData\nEND';
    const node = first<ForeachStmt>(parseClean(text), 'foreach');
    assert.equal(node.variable, 'CurrentItem');
    assert.equal(srcOf(text, node.variableSpan), 'CurrentItem');
    assert.equal(src(text, node.collection), 'Table_ConfigData');
  });

  test('LOOP WHILE expression', () => {
    const node = first<WhileStmt>(parseClean('LOOP WHILE (N) < (3)\nEND'), 'while');
    assert.equal(show(node.condition as Expr), '((N) < (#3))');
  });

  test('LOOP WHILE action', () => {
    const text = "LOOP WHILE (WorkQueues.ProcessWorkQueueItem.ProcessWorkQueueItem WorkQueue: $'''q''' WorkQueueItem=> Item)\n    SET A TO Item\nEND";
    const node = first<WhileStmt>(parseClean(text), 'while');
    const action = node.condition as ActionStmt;
    assert.equal(action.kind, 'action');
    assert.equal(action.selector, 'ProcessWorkQueueItem');
    assert.deepEqual(action.outputs.map(o => o.variable), ['Item']);
    assert.equal(node.body.length, 1);
  });
});

describe('subflows', () => {
  test('FUNCTION … END FUNCTION, bare and quoted names', () => {
    const text = "SET A TO 1\nFUNCTION Init GLOBAL\n    SET B TO 2\n    EXIT FUNCTION\nEND FUNCTION\nFUNCTION 'Create Necessary directories' GLOBAL\nEND FUNCTION";
    const ast = parseClean(text);
    assert.equal(ast.body.length, 1);
    assert.deepEqual(ast.functions.map(f => [f.name, srcOf(text, f.nameSpan)]), [['Init', 'Init'], ['Create Necessary directories', "'Create Necessary directories'"]]);
    assert.equal(src(text, ast.functions[0]), 'FUNCTION Init GLOBAL\n    SET B TO 2\n    EXIT FUNCTION\nEND FUNCTION');
    assert.deepEqual(ast.functions[0].body.map(s => s.kind), ['set', 'simple']);
    assert.equal((ast.functions[0].body[1] as SimpleStmt).keyword, 'EXIT FUNCTION');
  });

  test('CALL with bare and quoted names and subflow arguments', () => {
    const text = "CALL Init\nCALL 'Fetch Emails from Mailbox'\nCALL Convert in_Path: txt_Path in_Sheet: $'''S''' out_Html=> txt_Html";
    const ast = parseClean(text);
    const calls = ast.body as CallStmt[];
    assert.deepEqual(calls.map(c => [c.target, srcOf(text, c.targetSpan)]), [['Init', 'Init'], ['Fetch Emails from Mailbox', "'Fetch Emails from Mailbox'"], ['Convert', 'Convert']]);
    assert.deepEqual(calls[2].args.map(a => [a.name, src(text, a.value)]), [['in_Path', 'txt_Path'], ['in_Sheet', "$'''S'''"]]);
    assert.deepEqual(calls[2].outputs.map(o => [o.name, o.variable]), [['out_Html', 'txt_Html']]);
  });
});

describe('flow control', () => {
  test('EXIT Code with ErrorMessage', () => {
    const text = "EXIT Code: 2 ErrorMessage: $'''failed'''";
    const node = first<ExitStmt>(parseClean(text), 'exit');
    assert.deepEqual(node.args.map(a => [a.name, src(text, a.value)]), [['Code', '2'], ['ErrorMessage', "$'''failed'''"]]);
    assert.equal(src(text, node), text);
  });

  test('LABEL and GOTO, bare and quoted', () => {
    const text = "LABEL Fatal\nLABEL 'Exit'\nGOTO Fatal\nGOTO 'Exit'";
    const ast = parseClean(text);
    assert.deepEqual(ast.body.map(s => [s.kind, (s as { name: string }).name, srcOf(text, (s as { nameSpan: { start: number; end: number } }).nameSpan)]), [
      ['label', 'Fatal', 'Fatal'], ['label', 'Exit', "'Exit'"], ['goto', 'Fatal', 'Fatal'], ['goto', 'Exit', "'Exit'"],
    ]);
  });

  test('WAIT duration, WAIT (action) FOR timeout, WAIT (action)', () => {
    const text = "WAIT Attempt * 10\nWAIT (UIAutomation.WaitForWindow.ToOpenByTitleClass Title: $'''Google*''' FocusWindow: True) FOR 30\nWAIT (File.WaitForFile.Created File: F)";
    const ast = parseClean(text);
    const [a, b, c] = ast.body as WaitStmt[];
    assert.equal(show(a.duration!), '(Attempt * #10)');
    assert.equal(b.condition?.id, 'UIAutomation.WaitForWindow.ToOpenByTitleClass');
    assert.equal(src(text, b.timeout!), '30');
    assert.equal(src(text, b), "WAIT (UIAutomation.WaitForWindow.ToOpenByTitleClass Title: $'''Google*''' FocusWindow: True) FOR 30");
    assert.equal(c.condition?.id, 'File.WaitForFile.Created');
    assert.equal(c.timeout, undefined);
  });

  test('THROW ERROR, REPEAT BLOCK, NEXT LOOP, EXIT LOOP', () => {
    const ast = parseClean('THROW ERROR\nREPEAT BLOCK\nNEXT LOOP\nEXIT LOOP');
    assert.deepEqual(ast.body.map(s => (s as SimpleStmt).keyword), ['THROW ERROR', 'REPEAT BLOCK', 'NEXT LOOP', 'EXIT LOOP']);
  });
});

describe('error handling', () => {
  test('BLOCK: handler first, then END, then the body, then END', () => {
    const text = [
      'BLOCK Process_Retry',
      'ON BLOCK ERROR all',
      "    SET Log_Message TO $'''TRACE'''",
      '    REPEAT BLOCK',
      'END',
      '    CALL ExecuteMainFlow',
      'END',
      'ERROR => ErrorMessage',
    ].join('\n');
    const ast = parseClean(text);
    const block = ast.body[0] as BlockStmt;
    assert.equal(block.kind, 'block');
    assert.equal(block.name, 'Process_Retry');
    assert.equal(block.handler?.all, true);
    assert.equal(srcOf(text, block.handler!.span), "ON BLOCK ERROR all\n    SET Log_Message TO $'''TRACE'''\n    REPEAT BLOCK\nEND");
    assert.deepEqual(block.handler?.body.map(s => s.kind), ['set', 'simple']);
    assert.deepEqual(block.body.map(s => s.kind), ['call']);
    assert.equal(src(text, block), text.slice(0, text.indexOf('\nERROR')));
    assert.equal(ast.body[1].kind, 'getLastError');
  });

  test('BLOCK without a name, an empty handler and a quoted name', () => {
    const ast = parseClean("BLOCK \nON BLOCK ERROR\n\nEND\n    SET A TO 1\nEND\nBLOCK 'Scope: Try'\nON BLOCK ERROR all\nEND\nEND");
    const [a, b] = ast.body as BlockStmt[];
    assert.equal(a.name, undefined);
    assert.equal(a.handler?.all, false);
    assert.equal(a.body.length, 1);
    assert.equal(b.name, 'Scope: Try');
  });

  test('ON ERROR handlers attach to the action before them', () => {
    const text = [
      'File.Delete Files: F',
      'ON ERROR FileNotFoundError',
      'END',
      'ON ERROR',
      '    SET Failed TO True',
      '    THROW ERROR',
      'END',
      'SET Next TO 1',
    ].join('\n');
    const ast = parseClean(text);
    assert.deepEqual(ast.body.map(s => s.kind), ['action', 'set']);
    const action = ast.body[0] as ActionStmt;
    assert.deepEqual(action.onError?.map(h => [h.errorType, h.body.length]), [['FileNotFoundError', 0], [undefined, 2]]);
    assert.equal(src(text, action), text.slice(0, text.indexOf('\nSET Next')), 'the action span covers its handlers');
    assert.equal(src(text, action.onError![1]), 'ON ERROR\n    SET Failed TO True\n    THROW ERROR\nEND');
  });

  test('ON ERROR REPEAT n TIMES WAIT m: a policy line before ON ERROR … END, or with its own body', () => {
    const text = [
      'WebAutomation.CloseWebBrowser BrowserInstance: B',
      '    ON ERROR REPEAT 3 TIMES WAIT 3',
      '    ON ERROR',
      '',
      '    END',
      'Text.ToNumber Text: Raw Number=> Amount',
      'ON ERROR REPEAT 2 TIMES WAIT 5',
      '    SET Amount TO 0',
      'END',
    ].join('\n');
    const ast = parseClean(text);
    const [close, toNumber] = ast.body as ActionStmt[];
    assert.equal(ast.body.length, 2);
    const [policy, handler] = close.onError!;
    assert.deepEqual([show(policy.repeat!.times), show(policy.repeat!.wait), policy.body.length], ['#3', '#3', 0]);
    assert.equal(src(text, policy), 'ON ERROR REPEAT 3 TIMES WAIT 3');
    assert.equal(handler.repeat, undefined);
    assert.deepEqual(toNumber.onError!.map(h => [show(h.repeat!.times), h.body.length]), [['#2', 1]]);
  });

  test('ON ERROR after WAIT (action) attaches to the waited action', () => {
    const text = "WAIT (System.WaitForProcess.ProcessToStop ProcessName: $'''EXCEL''') FOR 10 \nON ERROR TimeoutError\n\nEND";
    const wait = first<WaitStmt>(parseClean(text), 'wait');
    assert.equal(wait.condition?.onError?.[0].errorType, 'TimeoutError');
    assert.equal(src(text, wait), text);
  });

  test('a standalone ON ERROR is a statement of its own', () => {
    const ast = parseClean('# nothing to guard\nON ERROR\n    SET A TO 1\nEND');
    const handler = ast.body[1] as OnErrorStmt;
    assert.equal(handler.kind, 'onError');
    assert.equal(handler.body.length, 1);
  });

  test('ERROR => Var [Reset: True]', () => {
    const text = 'ERROR => LastError Reset: True';
    const node = first<GetLastErrorStmt>(parseClean(text), 'getLastError');
    assert.equal(node.variable, 'LastError');
    assert.equal(srcOf(text, node.variableSpan), 'LastError');
    assert.deepEqual(node.args.map(a => [a.name, show(a.value)]), [['Reset', 'true']]);
  });
});

describe('DISABLE, regions, comments, annotations', () => {
  test('DISABLE prefixes a statement', () => {
    const text = 'DISABLE SET B TO 2\nDISABLE External.InvokeCloudConnector Connection: \'x\'';
    const ast = parseClean(text);
    assert.deepEqual(ast.body.map(s => [s.kind, s.disabled, src(text, s)]), [
      ['set', true, 'DISABLE SET B TO 2'],
      ['action', true, "DISABLE External.InvokeCloudConnector Connection: 'x'"],
    ]);
  });

  test('regions', () => {
    const text = '**REGION Flow variables - adjust as necessary\nSET A TO 1\n**ENDREGION';
    const ast = parseClean(text);
    const [open, , close] = ast.body as RegionStmt[];
    assert.deepEqual([open.end, open.name, src(text, open)], [false, 'Flow variables - adjust as necessary', '**REGION Flow variables - adjust as necessary']);
    assert.deepEqual([close.end, close.name], [true, undefined]);
  });

  test('line comments, trailing comments and # inside strings', () => {
    const text = "# first\n    # indented\nSET B TO 2 # note\nSET C TO $'''#not a comment'''";
    const ast = parseClean(text);
    assert.deepEqual(ast.comments.map(c => [c.text, src(text, c)]), [['first', '# first'], ['indented', '# indented'], ['note', '# note']]);
    assert.deepEqual(ast.body.map(s => s.kind), ['comment', 'comment', 'set', 'comment', 'set']);
    assert.equal(stringOf((ast.body[4] as SetStmt).value), '#not a comment');
  });

  test('block comments may span lines', () => {
    const text = '/# Initializing variables.\nCreating empty lists is also not mandatory.#/\nSET A TO 1';
    const ast = parseClean(text);
    const comment = ast.body[0] as CommentStmt;
    assert.equal(comment.block, true);
    assert.equal(comment.text, 'Initializing variables.\nCreating empty lists is also not mandatory.');
    assert.equal(src(text, comment), text.slice(0, text.indexOf('\nSET')));
    assert.equal(ast.comments.length, 1);
  });

  test('@@ annotations attach to the next statement', () => {
    const text = "@@flowname: 'PADFramework: BrowserCloser'\n@@'OutputSchema:item': '{}'\nExternal.RunFlow FlowId: 'x'";
    const ast = parseClean(text);
    assert.equal(ast.headers.length, 0);
    const action = first<ActionStmt>(ast, 'action');
    assert.deepEqual(action.annotations?.map(a => [a.key, srcOf(text, a.keySpan), stringOf(a.value)]), [
      ['flowname', 'flowname', 'PADFramework: BrowserCloser'],
      ['OutputSchema:item', "'OutputSchema:item'", '{}'],
    ]);
    assert.equal(src(text, action.annotations![0]), "@@flowname: 'PADFramework: BrowserCloser'");
  });

  test('@@regionColor before a region', () => {
    const ast = parseClean("@@regionColor: '#57FFE1'\n**REGION 1. Variables\n**ENDREGION");
    assert.equal(ast.body[0].annotations?.[0].key, 'regionColor');
  });
});

describe('stored-definition header', () => {
  const text = [
    "@@ConnectionString: ''",
    "@@Type: 'Local'",
    "@@DesktopType: 'local'",
    "@@DisplayName: 'Local computer'",
    "IMPORT 'controlRepo.appmask' AS appmask",
    "IMPORT 'imageRepo.imgrepo' AS imgrepo",
    '@SENSITIVE: [Input_Password, Output_Message]',
    "@INPUT Input_Browser : { 'Description': '''Please provide the browser.",
    'Available options are: ',
    "- Chrome''', 'FriendlyName': 'Browser', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ",
    "@OUTPUT Output_Status : { 'Description': 'The status.', 'FriendlyName': 'Output_Status', 'Type': 'Numeric' } ",
    '@INPUT Input_Settings : { \'Type\': \'CustomObject\', \'DefaultValue\': {{ }} }',
    'SET Output_Status TO 400',
  ].join('\r\n');
  const ast = parseClean(text);

  test('headers', () => {
    assert.deepEqual(ast.headers.map(h => [h.key, stringOf(h.value)]), [['ConnectionString', ''], ['Type', 'Local'], ['DesktopType', 'local'], ['DisplayName', 'Local computer']]);
    assert.equal(src(text, ast.headers[1]), "@@Type: 'Local'");
  });

  test('imports', () => {
    assert.deepEqual(ast.imports.map(i => [i.path, i.alias, src(text, i)]), [
      ['controlRepo.appmask', 'appmask', "IMPORT 'controlRepo.appmask' AS appmask"],
      ['imageRepo.imgrepo', 'imgrepo', "IMPORT 'imageRepo.imgrepo' AS imgrepo"],
    ]);
  });

  test('@SENSITIVE', () => {
    assert.deepEqual(ast.sensitive?.names.map(n => [n.name, srcOf(text, n.span)]), [['Input_Password', 'Input_Password'], ['Output_Message', 'Output_Message']]);
    assert.equal(srcOf(text, ast.sensitive!.listSpan), 'Input_Password, Output_Message');
    assert.equal(src(text, ast.sensitive!), '@SENSITIVE: [Input_Password, Output_Message]');
  });

  test('@INPUT / @OUTPUT declarations, one spanning lines through a triple-quoted string', () => {
    assert.deepEqual(ast.declarations.map(d => [d.direction, d.name, srcOf(text, d.nameSpan), d.type, d.friendlyName]), [
      ['input', 'Input_Browser', 'Input_Browser', 'String', 'Browser'],
      ['output', 'Output_Status', 'Output_Status', 'Numeric', 'Output_Status'],
      ['input', 'Input_Settings', 'Input_Settings', 'CustomObject', undefined],
    ]);
    const browser = ast.declarations[0];
    assert.equal(stringOf(browser.properties.entries[0].value), 'Please provide the browser.\r\nAvailable options are: \r\n- Chrome');
    assert.equal(browser.defaultValue && stringOf(browser.defaultValue), '');
    assert.ok(src(text, browser).startsWith('@INPUT Input_Browser : {'));
    assert.ok(src(text, browser).endsWith("'DefaultValue': '' }"));
    assert.equal(ast.declarations[2].defaultValue?.kind, 'object');
  });

  test('the statements after the header', () => {
    assert.deepEqual(ast.body.map(s => s.kind), ['set']);
  });
});

describe('clipboard trailer', () => {
  test('the control-repository JSON is not parsed as script', () => {
    const text = "SET A TO 1\r\n# [ControlRepository][PowerAutomateDesktop]\r\n\r\n{\r\n  \"ControlRepositorySymbols\": [],\r\n  \"END\": \"IF x THEN\"\r\n}\r\n";
    const ast = parseClean(text);
    assert.deepEqual(ast.body.map(s => s.kind), ['set']);
    assert.equal(ast.comments.length, 0);
    assert.equal(src(text, ast.clipboardTrailer!), text.slice(text.indexOf('# [Control')));
  });
});

describe('line endings and spacing', () => {
  test('CRLF, LF, CR-only and trailing spaces give the same tree', () => {
    const lines = ['IF A = 1 THEN   ', "    SET B TO $'''x'''  ", 'END  '];
    const shapes = ['\r\n', '\n', '\r'].map(eol => {
      const text = lines.join(eol) + eol;
      const ast = parseClean(text);
      const node = ast.body[0] as IfStmt;
      assert.equal(src(text, node).endsWith('END'), true);
      return JSON.stringify(ast.body.map(s => s.kind)) + node.branches[0].body.length;
    });
    assert.equal(new Set(shapes).size, 1);
  });

  test('tab indentation', () => {
    const ast = parseClean('IF N = 5 THEN\n\tClipboard.SetText Text: N\nEND');
    assert.equal((ast.body[0] as IfStmt).branches[0].body.length, 1);
  });
});
