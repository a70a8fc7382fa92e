// The desktop-flow fact pass's shortcuts hold the answers of the plain computations they replace: the
// statement walk's contexts (against a recursive walk), the message-only reads the fact pass records
// (against a collection of their own), lazily filled flat-string offsets, the memoised and turned-away
// URL, path and connection-string scans, and references.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scriptFacts } from '../../server/src/analysis/pad/facts';
import { flatten } from '../../server/src/analysis/pad/flat';
import { messageOnlyVariables } from '../../server/src/analysis/pad/message-uses';
import { forEachRead, refsOf } from '../../server/src/analysis/pad/references';
import { connectionParts, mayHoldPath, pathsIn, urlsIn, wholeUrlIn } from '../../server/src/analysis/pad/text-scans';
import { findPaths, findUrls, parseConnectionString, wholeUrl } from '../../server/src/analysis/shared/values';
import { makeScript } from '../../server/src/load/script';
import { parseScript } from '../../server/src/load/pad/parser';
import { StatementContext, StatementRole, walkExpressions, walkStatements } from '../../server/src/load/pad/walk';
import type { Expr, FunctionDef, ScriptAst, Statement, StringLit } from '../../server/src/model/pad-ast';

const scriptOf = (text: string) => makeScript({ text, file: { path: '/t/script.robin', text, bom: false, encoding: 'utf8', hash: '' }, storage: 'file' });

const NESTED = [
  'SET Main TO 1',
  'FUNCTION Sub1 GLOBAL',
  "    IF (File.IfFile.Exists File: $'''x''') THEN",
  'ON ERROR',
  '        SET InHandler TO 1',
  'END',
  '        SET InIf TO 1',
  '    ELSE IF V = 2 THEN',
  '        SET InElseIf TO 1',
  '    ELSE',
  '        DISABLE LOOP I FROM 1 TO 3 STEP 1',
  '            SET InDisabledLoop TO I',
  '        END',
  '    END',
  '    SWITCH V',
  '        CASE = 1',
  '            SET InCase TO 1',
  '        CASE = 2',
  '        DEFAULT',
  '            SET InDefault TO 1',
  '    END',
  'END FUNCTION',
  'SET BetweenFunctions TO 1',
  'FUNCTION Sub2 GLOBAL',
  '    BLOCK B',
  '    ON BLOCK ERROR',
  '        SET InBlockHandler TO 1',
  '    END',
  '        LOOP FOREACH Item IN Items',
  '            WAIT (UIAutomation.WaitForWindow.ToOpen Title: T) FOR 5',
  '            LOOP WHILE (UIAutomation.IfWindow.IsOpen Title: T)',
  '                SET InWhile TO 1',
  '            END',
  '            DISABLE File.Delete Files: F',
  '            ON ERROR',
  '                SET InActionHandler TO 1',
  '            END',
  '        END',
  '    END',
  'END FUNCTION',
  'SET AfterFunctions TO 1',
].join('\n');

/** The walk written the plain way: recursion, a fresh context per child. */
function referenceWalk(ast: ScriptAst): Array<{ stmt: Statement; ctx: StatementContext }> {
  const out: Array<{ stmt: Statement; ctx: StatementContext }> = [];
  const visit = (stmt: Statement, ctx: StatementContext) => {
    const here = stmt.disabled ? { ...ctx, disabled: true } : ctx;
    out.push({ stmt, ctx: here });
    const child = (role: StatementRole, inErrorHandler = here.inErrorHandler): StatementContext =>
      ({ function: here.function, parent: stmt, role, depth: here.depth + 1, inErrorHandler, disabled: here.disabled });
    const list = (l: readonly Statement[] | undefined, c: StatementContext) => { for (const s of l ?? []) visit(s, c); };
    const condition = (e: Expr | Statement) => { if (e.kind === 'action') visit(e, child('condition')); };
    switch (stmt.kind) {
      case 'action': list(stmt.onError, child('onError')); break;
      case 'onError': list(stmt.body, child('body', true)); break;
      case 'if':
        for (const b of stmt.branches) { condition(b.condition); list(b.body, child('body')); }
        list(stmt.elseBody, child('else'));
        break;
      case 'switch':
        for (const c of stmt.cases) list(c.body, child('case'));
        list(stmt.defaultBody, child('case'));
        break;
      case 'loop': case 'foreach': list(stmt.body, child('body')); break;
      case 'while': condition(stmt.condition); list(stmt.body, child('body')); break;
      case 'wait': if (stmt.condition) condition(stmt.condition); break;
      case 'block': list(stmt.handler?.body, child('blockHandler', true)); list(stmt.body, child('body')); break;
      default: break;
    }
  };
  const root = (fn: FunctionDef | undefined): StatementContext => ({ function: fn, parent: undefined, role: 'body', depth: 0, inErrorHandler: false, disabled: false });
  const tops: Array<{ start: number; run: () => void }> = [
    ...ast.body.map(s => ({ start: s.span.start, run: () => visit(s, root(undefined)) })),
    ...ast.functions.map(f => ({ start: f.span.start, run: () => list0(f) })),
  ];
  const list0 = (f: FunctionDef) => { for (const s of f.body) visit(s, root(f)); };
  for (const t of tops.sort((a, b) => a.start - b.start)) t.run();
  return out;
}

describe('walkStatements', () => {
  test('gives every statement, in the same order, the context a recursive walk gives it', () => {
    const ast = parseScript(NESTED);
    assert.deepEqual(ast.problems, []);
    const seen: Array<{ stmt: Statement; ctx: StatementContext }> = [];
    walkStatements(ast, (stmt, ctx) => { seen.push({ stmt, ctx }); });
    const expected = referenceWalk(ast);
    assert.equal(seen.length, expected.length);
    assert.equal(seen.length, 25);
    seen.forEach((s, i) => {
      assert.equal(s.stmt, expected[i].stmt, `statement ${i}`);
      assert.deepEqual(s.ctx, expected[i].ctx, `context of statement ${i} (${s.stmt.kind})`);
    });
    // The disabled loop passes its flag on to its body; the action conditions of IF, WAIT and LOOP WHILE are visited.
    assert.ok(seen.some(s => s.stmt.kind === 'set' && s.stmt.variable === 'InDisabledLoop' && s.ctx.disabled));
    assert.equal(seen.filter(s => s.ctx.role === 'condition').length, 3);
  });

  test('walks a deeply nested script without exhausting the call stack', () => {
    const depth = 20_000;
    const ast = parseScript(`${'IF A = 1 THEN\n'.repeat(depth)}SET Deep TO 1\n${'END\n'.repeat(depth)}`);
    let deepest = 0;
    walkStatements(ast, (_stmt, ctx) => { deepest = Math.max(deepest, ctx.depth); });
    assert.equal(deepest, depth);
  });
});

describe('message-only variables', () => {
  const SCRIPT = [
    "@OUTPUT Exported : { 'Description': 'The status page', 'FriendlyName': 'Exported', 'Type': 'String' }",
    "SET Link TO $'''https://portal.contoso.com/status'''",
    "SET Other TO $'''https://api.contoso.com'''",
    "SET Exported TO $'''https://x.contoso.com'''",
    "Display.ShowMessageDialog.ShowMessage Title: $'''Status''' Message: $'''See %Link% and %Other%''' Icon: Display.Icon.None Buttons: Display.Buttons.OK DefaultButton: Display.DefaultButton.Button1 IsTopMost: False ButtonPressed=> Pressed",
    "Logging.Log Message: Exported",
    'WebAutomation.LaunchEdge.LaunchEdge Url: Other BrowserInstance=> Browser',
    "Email.SendEmail.AuthenticateAndSend Subject: LINK2 Body: link3",
    "External.RunFlow FlowId: $'''x''' @Body: Dyn",
  ].join('\n');

  test('the fact pass records the same answer as a collection of its own', () => {
    const own = messageOnlyVariables(scriptOf(SCRIPT));
    const script = scriptOf(SCRIPT);
    scriptFacts({ script });
    const fromFacts = messageOnlyVariables(script);
    assert.deepEqual([...fromFacts].sort(), [...own].sort());
    // Read only in messages (a dialog, an e-mail's subject and body); read as a URL too; a flow output;
    // a dynamic argument of another module.
    assert.deepEqual([...fromFacts].sort(), ['link', 'link2', 'link3']);
  });
});

describe('flatten', () => {
  const literals = (text: string): StringLit[] => {
    const out: StringLit[] = [];
    for (const s of parseScript(text).body) if (s.kind === 'set') walkExpressions(s.value, e => { if (e.kind === 'string') out.push(e); });
    return out;
  };

  /** Offsets as the plain per-character loop computes them. */
  const expectedOffsets = (lit: StringLit) => {
    const starts: number[] = [];
    const ends: number[] = [];
    const interp: number[] = [];
    for (const p of lit.parts) {
      if (p.kind === 'interpolation') { starts.push(p.span.start); ends.push(p.span.end); interp.push(1); continue; }
      for (let i = 0; i < p.value.length; i++) {
        const s = p.offsets ? p.offsets[i] : p.span.start + i;
        starts.push(s);
        ends.push(p.offsets ? (i + 1 < p.offsets.length ? p.offsets[i + 1] : p.span.end) : s + 1);
        interp.push(0);
      }
    }
    return { starts, ends, interp };
  };

  test('text, interpolations and per-character offsets of plain, escaped and interpolated literals', () => {
    const text = [
      "SET A TO $'''plain text'''",
      "SET B TO 'it\\'s escaped'",
      "SET C TO $'''Server=%Host%;Password=%Pwd%;x'''",
      "SET D TO $'''100%% sure %A%'''",
      "SET E TO ''",
    ].join('\n');
    const lits = literals(text);
    assert.equal(lits.length, 5);
    const texts = lits.map(l => flatten(l).text);
    assert.deepEqual(texts, ['plain text', "it's escaped", 'Server=%;Password=%;x', '100% sure %', '']);
    for (const lit of lits) {
      const f = flatten(lit);
      const want = expectedOffsets(lit);
      assert.deepEqual([...f.starts], want.starts, f.text);
      assert.deepEqual([...f.ends], want.ends, f.text);
      assert.deepEqual([...f.interp], want.interp, f.text);
      assert.equal(f.pure, !lit.parts.some(p => p.kind === 'interpolation'));
      assert.deepEqual(f.interpolations.map(i => i.index), want.interp.flatMap((v, i) => (v ? [i] : [])));
    }
    // An interpolated literal is flattened once.
    assert.equal(flatten(lits[2]), flatten(lits[2]));
  });
});

describe('turned-away and memoised scans', () => {
  const TEXTS = [
    '', 'plain words', 'https://contoso.sharepoint.com/sites/Ops', '  https://a.b/c  ', 'see https://a.b and ftp://c.d/e',
    'C:\\RPA\\Input', 'D:/data/x.csv', '\\\\fileserver\\share\\in', 'Server=sql01;Database=x;Password=p', 'a=b', 'key=value;other=1',
    'time 12:30', 'x:\\', 'http://%Host%/x', 'Data Source=C:\\db\\app.sqlite;Version=3', 'mailto:a@b.c', 'tcp://10.0.0.1:80',
  ];

  test('urlsIn, wholeUrlIn, pathsIn and connectionParts answer as findUrls, wholeUrl, findPaths and parseConnectionString', () => {
    for (const text of TEXTS) {
      const f = flatten(literals1(text));
      assert.equal(f.text, text);
      assert.deepEqual(urlsIn(f), findUrls(text), text);
      assert.deepEqual(wholeUrlIn(f), wholeUrl(text), text);
      assert.deepEqual(pathsIn(f), findPaths(text), text);
      assert.deepEqual(connectionParts(text), parseConnectionString(text), text);
      if (!mayHoldPath(text)) assert.deepEqual(findPaths(text), [], text);
      // Asked again: the same answer.
      assert.deepEqual(urlsIn(f), findUrls(text), text);
      assert.deepEqual(pathsIn(f), findPaths(text), text);
    }
  });

  function literals1(text: string): StringLit {
    const escaped = text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
    const ast = parseScript(`SET X TO '${escaped}'`);
    const set = ast.body[0];
    assert.ok(set.kind === 'set' && set.value.kind === 'string', text);
    return set.value as StringLit;
  }
});

describe('references', () => {
  const valueOf = (expr: string): Expr => {
    const s = parseScript(`SET X TO ${expr}`).body[0];
    assert.ok(s.kind === 'set');
    return s.value;
  };
  const aliases = new Set(['appmask']);

  test('refsOf: keys lower-cased, first-level property kept as written, depth and wholeness', () => {
    assert.deepEqual(refsOf(valueOf('Config'), aliases), [{ key: { v: 'config', p: undefined, pn: undefined }, whole: true, deep: false }]);
    assert.deepEqual(refsOf(valueOf("Config['ApiKey']"), aliases), [{ key: { v: 'config', p: 'apikey', pn: 'ApiKey' }, whole: true, deep: false }]);
    assert.deepEqual(refsOf(valueOf("Config['Hub']['Pwd']"), aliases), [{ key: { v: 'config', p: 'hub', pn: 'Hub' }, whole: true, deep: true }]);
    assert.deepEqual(refsOf(valueOf('Rows[I]'), aliases), [{ key: { v: 'rows', p: undefined, pn: undefined }, whole: true, deep: true }]);
    assert.deepEqual(refsOf(valueOf("$'''%User%:%Cfg.Pwd%'''"), aliases).map(r => [r.key.v, r.key.p, r.whole]), [['user', undefined, false], ['cfg', 'pwd', false]]);
    assert.deepEqual(refsOf(valueOf("A + (B + appmask['W'])"), aliases).map(r => r.key.v), ['a', 'b']);
    assert.deepEqual(refsOf(valueOf('[A, B]'), aliases).map(r => r.key.v), ['a', 'b']);
    assert.deepEqual(refsOf(valueOf('A * B'), aliases), []);
  });

  test('forEachRead: every variable read, with its name as written and its lower-cased key; aliases skipped', () => {
    const reads: string[] = [];
    forEachRead(valueOf("Total + Count(Items[Idx]) + $'''%Name%''' + appmask['W']['B'] + {'k': Val}"), aliases, (name, _at, key) => {
      assert.equal(key, name.toLowerCase());
      reads.push(name);
    });
    // `Count(…)` is a function, not a variable.
    assert.deepEqual(reads.sort(), ['Idx', 'Items', 'Name', 'Total', 'Val']);
    let none = 0;
    forEachRead(valueOf("$'''no interpolation'''"), aliases, () => none++);
    forEachRead(valueOf('42'), aliases, () => none++);
    assert.equal(none, 0);
  });
});
