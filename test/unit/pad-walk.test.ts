// Traversal helpers: statement order, subflow context, nested bodies and handlers; nested expressions.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScript } from '../../server/src/load/pad/parser';
import type { ActionStmt, Expr, SetStmt, Statement } from '../../server/src/model/pad-ast';
import { statementExpressions, stringValue, walkExpressions, walkStatements } from '../../server/src/load/pad/walk';

const script = [
  'SET Main TO 1', //                                         main
  'FUNCTION Sub1 GLOBAL',
  "    IF (File.IfFile.Exists File: $'''x''') THEN", //         if, condition action
  'ON ERROR', //                                              handler of the condition action
  '        SET InHandler TO 1',
  'END',
  '        SET InIf TO 1',
  '    ELSE',
  '        SET InElse TO 1',
  '    END',
  '    SWITCH V',
  '        CASE = 1',
  '            SET InCase TO 1',
  '        DEFAULT',
  '            SET InDefault TO 1',
  '    END',
  'END FUNCTION',
  'FUNCTION Sub2 GLOBAL',
  '    BLOCK B',
  '    ON BLOCK ERROR',
  '        SET InBlockHandler TO 1',
  '    END',
  '        LOOP FOREACH I IN L',
  '            WAIT (UIAutomation.WaitForWindow.ToOpen Title: T) FOR 5',
  '            DISABLE File.Delete Files: F',
  '            ON ERROR',
  '                SET InActionHandler TO 1',
  '            END',
  '        END',
  '    END',
  'END FUNCTION',
  'SET AfterFunctions TO 1',
].join('\n');

function label(s: Statement): string {
  switch (s.kind) {
    case 'set': return `set ${s.variable}`;
    case 'action': return `action ${s.id}`;
    default: return s.kind;
  }
}

describe('walkStatements', () => {
  const ast = parseScript(script);

  test('the script parses cleanly', () => {
    assert.deepEqual(ast.problems, []);
  });

  test('visits every statement in document order with its subflow, role, depth and handler flag', () => {
    const seen: string[] = [];
    walkStatements(ast, (s, ctx) => {
      seen.push(`${ctx.function?.name ?? 'main'} ${'  '.repeat(ctx.depth)}${ctx.role} ${label(s)}${ctx.inErrorHandler ? ' !' : ''}${ctx.disabled ? ' ~' : ''}`);
    });
    assert.deepEqual(seen, [
      'main body set Main',
      'Sub1 body if',
      'Sub1   condition action File.IfFile.Exists',
      'Sub1     onError onError',
      'Sub1       body set InHandler !',
      'Sub1   body set InIf',
      'Sub1   else set InElse',
      'Sub1 body switch',
      'Sub1   case set InCase',
      'Sub1   case set InDefault',
      'Sub2 body block',
      'Sub2   blockHandler set InBlockHandler !',
      'Sub2   body foreach',
      'Sub2     body wait',
      'Sub2       condition action UIAutomation.WaitForWindow.ToOpen',
      'Sub2     body action File.Delete ~',
      'Sub2       onError onError ~',
      'Sub2         body set InActionHandler ! ~',
      'main body set AfterFunctions',
    ]);
  });

  test('document order means increasing start offsets', () => {
    const starts: number[] = [];
    walkStatements(ast, s => {
      starts.push(s.span.start);
    });
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  });

  test('the parent is the enclosing statement', () => {
    const parents = new Map<string, string | undefined>();
    walkStatements(ast, (s, ctx) => {
      if (s.kind === 'set') parents.set(s.variable, ctx.parent ? label(ctx.parent) : undefined);
    });
    assert.equal(parents.get('Main'), undefined);
    assert.equal(parents.get('InHandler'), 'onError');
    assert.equal(parents.get('InCase'), 'switch');
    assert.equal(parents.get('InBlockHandler'), 'block');
  });

  test('returning false skips nested statements', () => {
    const seen: string[] = [];
    walkStatements(ast, s => {
      seen.push(label(s));
      if (s.kind === 'if' || s.kind === 'block') return false;
    });
    assert.deepEqual(seen, ['set Main', 'if', 'switch', 'set InCase', 'set InDefault', 'block', 'set AfterFunctions']);
  });
});

describe('walkExpressions', () => {
  test('visits nested expressions, string interpolations included, parents first', () => {
    const ast = parseScript("SET X TO [A + B[0], $'''t %C.D% %IsEmpty(E)%''', { 'k': F }]");
    const value = (ast.body[0] as SetStmt).value;
    const seen: string[] = [];
    walkExpressions(value, e => {
      seen.push(e.kind === 'var' ? `var ${e.name}` : e.kind);
    });
    assert.deepEqual(seen, ['list', 'binary', 'var A', 'index', 'var B', 'number', 'string', 'member', 'var C', 'call', 'var E', 'object', 'var F']);
  });

  test('returning false skips sub-expressions', () => {
    const ast = parseScript('SET X TO F(A + B) + C');
    const seen: string[] = [];
    walkExpressions((ast.body[0] as SetStmt).value, e => {
      seen.push(e.kind);
      if (e.kind === 'call') return false;
    });
    assert.deepEqual(seen, ['binary', 'call', 'var']);
  });

  test('parents are passed along', () => {
    const ast = parseScript('SET X TO A.B');
    const pairs: Array<[string, string | undefined]> = [];
    walkExpressions((ast.body[0] as SetStmt).value, (e: Expr, parent?: Expr) => {
      pairs.push([e.kind, parent?.kind]);
    });
    assert.deepEqual(pairs, [['member', undefined], ['var', 'member']]);
  });
});

describe('statementExpressions and stringValue', () => {
  test('argument values of an action, in order', () => {
    const text = "Email.SendEmail.AuthenticateAndSend Username: U Password: $'''secret''' Sent=> S";
    const action = parseScript(text).body[0] as ActionStmt;
    assert.deepEqual(statementExpressions(action).map(e => text.slice(e.span.start, e.span.end)), ['U', "$'''secret'''"]);
  });

  test('SET target and value, loop bounds, case values', () => {
    const ast = parseScript('SET A TO 1\nLOOP i FROM 0 TO 9 STEP 1\nEND\nSWITCH S\nCASE = 1\nCASE = 2\nEND');
    assert.deepEqual(ast.body.map(s => statementExpressions(s).length), [2, 3, 3]);
  });

  test('stringValue decodes plain strings only', () => {
    const values = parseScript("SET A TO $'''a\\'b'''\nSET B TO $'''%x%'''\nSET C TO 'c'\nSET D TO 4").body.map(s => stringValue((s as SetStmt).value));
    assert.deepEqual(values, ["a'b", undefined, 'c', undefined]);
  });
});
