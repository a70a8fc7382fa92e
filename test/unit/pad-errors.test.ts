// Desktop-flow script parser on broken input: one problem with the right span, and parsing goes on.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScript } from '../../server/src/load/pad/parser';
import type { IfStmt, ScriptAst, SetStmt, Statement, UnknownStmt } from '../../server/src/model/pad-ast';
import { walkStatements } from '../../server/src/load/pad/walk';

function problems(text: string, ast: ScriptAst): Array<[string, string]> {
  return ast.problems.map(p => [p.message, text.slice(p.span.start, p.span.end)]);
}

function setVariables(ast: ScriptAst): string[] {
  const names: string[] = [];
  walkStatements(ast, s => {
    if (s.kind === 'set') names.push(s.variable);
  });
  return names;
}

describe('broken lines', () => {
  test("unterminated $''' stops at the end of its line; the next statements are parsed", () => {
    const text = "SET A TO 1\nSET B TO $'''unterminated\nSET C TO 3\nIF C = 3 THEN\nEND";
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast), [['unterminated string literal', "$'''unterminated"]]);
    assert.deepEqual(ast.body.map(s => s.kind), ['set', 'set', 'set', 'if']);
    assert.equal((ast.body[1] as SetStmt).value.kind, 'string');
  });

  test('unterminated single-quoted string', () => {
    const text = "SET A TO 'abc\nSET B TO 2";
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast), [['unterminated string literal', "'abc"]]);
    assert.deepEqual(setVariables(ast), ['A', 'B']);
  });

  test('END without a block', () => {
    const text = 'SET A TO 1\nEND\nSET B TO 2';
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast), [['END without matching block', 'END']]);
    assert.deepEqual(setVariables(ast), ['A', 'B']);
  });

  test('blocks without END are closed at the end of the script', () => {
    const text = 'IF A = 1 THEN\n    SET B TO 2\nLOOP FOREACH x IN y\n    SET C TO 3';
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast), [['IF without END', 'IF A = 1 THEN'], ['LOOP without END', 'LOOP FOREACH x IN y']]);
    const node = ast.body[0] as IfStmt;
    assert.equal(text.slice(node.span.start, node.span.end), text, 'the IF reaches the last statement');
    assert.deepEqual(setVariables(ast), ['B', 'C']);
  });

  test('a garbage line in the middle', () => {
    const text = 'SET A TO 1\nthis is garbage ( here\nSET B TO 2';
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast), [["unknown statement 'this'", 'this is garbage ( here']]);
    assert.deepEqual(ast.body.map(s => s.kind), ['set', 'unknown', 'set']);
    assert.equal((ast.body[1] as UnknownStmt).text, 'this is garbage ( here');
  });

  test('garbage after a statement is reported once', () => {
    const text = 'SET A TO 1 2 3\nSET B TO 2';
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast), [['unexpected text after the statement', '2 3']]);
    assert.deepEqual(setVariables(ast), ['A', 'B']);
  });

  test('a missing keyword costs one problem per line', () => {
    const text = 'SET A 5\nIF A = 1\nEND\nSET B TO 2';
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast), [['expected TO', '5'], ['expected THEN', '']]);
    assert.deepEqual(ast.body.map(s => s.kind), ['set', 'if', 'set']);
  });

  test('missing expressions', () => {
    const text = 'SET A TO\nSET TO 5\nIF THEN\nEND';
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast), [['expected an expression', ''], ['expected a variable', 'TO'], ['expected an expression', 'THEN']]);
    assert.deepEqual(ast.body.map(s => s.kind), ['set', 'set', 'if']);
  });

  test('middle keywords without their block', () => {
    const text = 'ELSE\nCASE = 1\nDEFAULT\nON BLOCK ERROR\nEND FUNCTION\nSET A TO 1';
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast), [
      ['ELSE without matching IF', 'ELSE'],
      ['CASE without matching SWITCH', 'CASE = 1'],
      ['DEFAULT without matching SWITCH', 'DEFAULT'],
      ['ON BLOCK ERROR must directly follow BLOCK', 'ON BLOCK ERROR'],
      ['END FUNCTION without matching FUNCTION', 'END FUNCTION'],
    ]);
    assert.deepEqual(setVariables(ast), ['A']);
  });

  test('END FUNCTION closes what is still open inside the subflow; a FUNCTION closes the previous one', () => {
    const text = 'FUNCTION A GLOBAL\n  IF x THEN\nEND FUNCTION\nFUNCTION B GLOBAL\n  SET A TO 1\nFUNCTION C GLOBAL\nEND FUNCTION';
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast), [['IF without END', 'IF x THEN'], ['FUNCTION without END FUNCTION', 'FUNCTION B GLOBAL']]);
    assert.deepEqual(ast.functions.map(f => [f.name, f.body.length]), [['A', 1], ['B', 1], ['C', 0]]);
  });

  test('SWITCH: a statement before the first CASE and a CASE without comparison', () => {
    const text = 'SWITCH x\n  SET Y TO 1\n  CASE 5\n    SET Z TO 1\nEND';
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast), [['statement before the first CASE of a SWITCH', 'SET Y TO 1'], ['CASE needs a comparison: =, <>, <, <=, > or >=', 'CASE']]);
  });

  test('ELSE IF with an action condition (PAD rejects it)', () => {
    const text = "IF A = 2 THEN\nELSE IF (Folder.IfFolderExists.Exists Path: $'''C:\\\\temp''') THEN\nEND";
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast).map(p => p[1]), ["Folder.IfFolderExists.Exists Path: $'''C:\\\\temp'''"]);
    assert.equal((ast.body[0] as IfStmt).branches.length, 2);
  });

  test('unterminated block comment', () => {
    const text = '/# never closed\nSET A TO 1';
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast), [["unterminated block comment: '/#' without '#/'", '/#']]);
  });

  test('an annotation not followed by a statement', () => {
    const text = "IF A THEN\n@@copilotGeneratedAction: 'False'\nEND\nSET A TO 1";
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast), [["@@ annotation not followed by a statement", "@@copilotGeneratedAction: 'False'"]]);
  });
});

describe('broken strings', () => {
  test('a single % in $\'\'\'…\'\'\'', () => {
    const text = "SET A TO $'''100% done'''";
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast).map(p => p[1]), ['%']);
    assert.equal((ast.body[0] as SetStmt).value.kind, 'string');
  });

  test("a backslash right before %Var% (PAD rejects it; \\\\%Var% is the valid form)", () => {
    const text = "SET A TO $'''C:\\Reports\\%Month%'''\nSET B TO $'''C:\\Reports\\\\%Month%'''";
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast).map(p => p[1]), ['\\%']);
    // The tree is still useful: the interpolation is seen in both.
    for (const s of ast.body as SetStmt[]) {
      assert.ok(s.value.kind === 'string' && s.value.parts.some(p => p.kind === 'interpolation'));
    }
  });

  test('an unescaped apostrophe in $\'\'\'…\'\'\'', () => {
    const text = "SET A TO $'''Joe's report'''";
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast).map(p => p[1]), ["'"]);
  });

  test("an apostrophe right before the closing quotes ($'''x'''')", () => {
    const text = "SET A TO $'''x''''";
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast).map(p => [p[1], ast.problems[0].span.start]), [["'", text.indexOf("x") + 1]]);
    const value = (ast.body[0] as SetStmt).value;
    assert.equal(value.kind === 'string' ? value.value : undefined, "x'");
  });

  test('text left in an interpolation', () => {
    const text = "SET X TO $'''%a b%'''";
    const ast = parseScript(text);
    assert.deepEqual(problems(text, ast), [['unexpected text in %…% expression', 'b']]);
  });
});

describe('robustness', () => {
  test('deep nesting of blocks and expressions does not throw', () => {
    const depth = 20000;
    const blocks = 'IF a = 1 THEN\n'.repeat(depth) + 'SET X TO 1\n' + 'END\n'.repeat(depth);
    const ast = parseScript(blocks);
    assert.equal(ast.problems.length, 0);
    let deepest = 0;
    walkStatements(ast, (_s, ctx) => {
      deepest = Math.max(deepest, ctx.depth);
    });
    assert.equal(deepest, depth);
    const parens = 'SET X TO ' + '('.repeat(depth) + '1' + ')'.repeat(depth) + '\nSET Y TO 2';
    const ast2 = parseScript(parens);
    assert.deepEqual(ast2.problems.map(p => p.message), ['expression nested too deeply']);
    assert.deepEqual(setVariables(ast2), ['X', 'Y']);
  });

  test('random fragments never throw and always give sane spans', () => {
    const fragments = [
      'SET ', 'X', ' TO ', "$'''", "'''", "'", '%', '%%', '\\', "\\'", 'IF ', ' THEN', '\n', '\r\n', 'END', 'ELSE', 'LOOP ',
      'FOREACH ', ' IN ', 'FROM ', ' STEP ', '(', ')', '[', ']', '{', '}', '{{', '^', ',', ':', '=>', '@', '@@', '#', '/#', '#/',
      '**REGION ', 'BLOCK', 'ON BLOCK ERROR', 'ON ERROR', ' REPEAT ', 'FUNCTION F GLOBAL', 'END FUNCTION', 'Mod.Act', '.Sel',
      ' Arg: ', ' Out=> ', '1', '-2.5', 'True', 'CALL ', 'WAIT ', ' FOR ', 'DISABLE ', "$fx'", '${', 'NOT', ' AND ', '<>', 'é',
      '# [ControlRepository][PowerAutomateDesktop]\n', '@INPUT ', '@SENSITIVE: [', 'IMPORT ', 'CASE ', 'SWITCH ', '\t', ' ',
    ];
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let round = 0; round < 400; round++) {
      let text = '';
      const n = 1 + Math.floor(random() * 60);
      for (let i = 0; i < n; i++) text += fragments[Math.floor(random() * fragments.length)];
      const ast = parseScript(text);
      assert.ok(!ast.problems.some(p => p.message.startsWith('internal error')), `internal error for ${JSON.stringify(text)}`);
      const check = (span: { start: number; end: number }, what: string) => {
        assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${what} span ${JSON.stringify(span)} out of range for ${JSON.stringify(text)}`);
      };
      for (const p of ast.problems) check(p.span, 'problem');
      walkStatements(ast, (s: Statement) => {
        check(s.span, s.kind);
      });
    }
  });
});
