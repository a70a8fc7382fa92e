// The environment matrix's HTML (client/src/matrix/render.ts): text from the files is shown as text, every state
// has its glyph and label, the filters, the active column, the overview's links, the page's Content Security
// Policy; and the check that keeps a matrix edit from landing on a changed file (edits.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { contentHash, documentMatches } from '../../client/src/matrix/edits';
import {
  cellAt, esc, MatrixViewState, overviewFinding, renderMatrix, renderOverview, renderShell, renderTable, rowHasProblem, STATE_LOOK, visibleColumns,
} from '../../client/src/matrix/render';
import type { FileLocation, MatrixCell, MatrixCellState, MatrixFinding, MatrixRow, MatrixSolution } from '../../server/src/lsp/protocol';

const at = (path: string, line = 0): FileLocation => ({ path, range: { start: { line, character: 2 }, end: { line, character: 9 } } });
const finding = (ruleId: string, message: string, path = '/ws/config/Prod/deploymentSettings.json'): MatrixFinding =>
  ({ id: `${ruleId}#1`, ruleId, severity: 'warning', message, location: at(path, 4) });
const cell = (state: MatrixCellState, text = '', findings: MatrixFinding[] = [], extra: Partial<MatrixCell> = {}): MatrixCell =>
  ({ text, state, findings, actions: [], location: at('/ws/config/Dev/deploymentSettings.json', 3), ...extra });
const EVIL = `<script>alert("x")</script> it's "quoted" & <b>bold</b>`;

function variable(name: string, cells: MatrixCell[], extra: Partial<MatrixRow> = {}): MatrixRow {
  return {
    kind: 'environmentVariable', name, displayName: name, type: 'String', secret: false, definition: at(`/ws/environmentvariabledefinitions/${name}/environmentvariabledefinition.xml`),
    defaultValue: cell('none'), committedValue: cell('none'), cells, ...extra,
  };
}

function solution(rows: MatrixRow[], environments = ['Dev', 'Test', 'Prod'], active = 'Prod'): MatrixSolution {
  return {
    uniqueName: 'Contoso', displayName: 'Contoso Invoices', root: '/ws',
    columns: environments.map(environment => ({ environment, file: `/ws/config/${environment}/deploymentSettings.json`, active: environment === active })),
    rows,
    overview: { total: 0, byCategory: [], byRule: [], valuesToMove: [] },
  };
}

const ALL: MatrixViewState = { onlyProblems: false, environment: '' };

/** Removes every well-formed tag; what is left is text, which must hold no markup characters. */
function assertOnlyTextOutsideTags(html: string): void {
  const allowed = new Set(['table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'button', 'div', 'label', 'select', 'option', 'input', 'p', 'section', 'h2', 'h3', 'ul', 'li', 'a', 'details', 'summary', 'code']);
  const tag = /<\/?([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>/g;
  for (const m of html.matchAll(tag)) assert.ok(allowed.has(m[1]), `unexpected tag <${m[1]}>`);
  const text = html.replace(tag, '');
  assert.doesNotMatch(text, /[<>"]/, `markup characters outside tags: ${text.match(/.{0,40}[<>"].{0,40}/)?.[0]}`);
}

describe('matrix rendering', () => {
  test('text from the files is escaped everywhere it appears (cells, names, hovers, columns, overview)', () => {
    const row = variable('cnt_Evil', [cell('ok', EVIL, [finding('settings/environment-bleed', EVIL)]), cell('missing'), cell('empty')], { displayName: EVIL, type: EVIL });
    const s = solution([row], ['Dev', EVIL, 'Prod']);
    s.displayName = EVIL;
    s.overview = { total: 1, byCategory: [{ category: EVIL, count: 1 }], byRule: [{ ruleId: 'settings/environment-bleed', category: 'x', severity: 'warning', count: 1, findings: [finding('r', EVIL, `/ws/${EVIL}`)] }], valuesToMove: [{ text: EVIL, count: 1, ruleIds: [EVIL], findings: [finding('r', EVIL)] }] };
    const html = renderMatrix({ environment: EVIL, solutions: [s] }, ALL);
    assertOnlyTextOutsideTags(html);
    assert.doesNotMatch(html, /<script|<b>/);
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; it&#39;s'));
  });

  test('the escaping check itself catches an unescaped value', () => {
    assert.throws(() => assertOnlyTextOutsideTags(`<td title="a">${EVIL}</td>`));
    assert.equal(esc('a\nb "c" <d>'), 'a&#10;b &quot;c&quot; &lt;d&gt;');
  });

  test('every state shows its glyph, and every state but ok its label, as well as a class for its colour', () => {
    const states = Object.keys(STATE_LOOK).filter(s => s !== 'none') as MatrixCellState[];
    const row = variable('cnt_All', states.map(s => cell(s, `value-${s}`)));
    const html = renderTable(solution([row], states.map(s => `Env-${s}`), ''), ALL);
    for (const state of states) {
      const td = html.match(new RegExp(`<td[^>]*class="cell s-${state}[^"]*"[^>]*>(.*?)</td>`))?.[1];
      assert.ok(td, `a cell in state ${state}`);
      assert.ok(td.includes(`<span class="glyph" aria-hidden="true">${STATE_LOOK[state].glyph}</span>`), `${state}: glyph`);
      assert.ok(td.includes(`value-${state}`), `${state}: text`);
      assert.equal(td.includes(`<span class="label">${STATE_LOOK[state].label}</span>`), state !== 'ok', `${state}: label`);
    }
  });

  test('the hover holds the state and each finding message, on lines of their own', () => {
    const row = variable('cnt_Url', [cell('bleed', 'https://x/Finance-Dev', [finding('settings/environment-bleed', 'names the development environment'), finding('settings/other', 'second')])]);
    const html = renderTable(solution([row], ['Prod']), ALL);
    const title = html.match(/class="cell s-bleed[^"]*"[^>]*title="([^"]*)"/)?.[1];
    assert.equal(title, 'bleed: the value names another environment or stage&#10;warning: names the development environment (settings/environment-bleed)&#10;warning: second (settings/other)');
    assert.ok(html.includes('<span class="count" aria-hidden="true">2</span>'));
  });

  test('a cell with actions has a button (no listener: the page delegates); one without has none', () => {
    const withAction = cell('missing', '', [], { actions: [{ title: 'Add the entry', edit: { file: '/f.json', kind: 'environmentVariable', name: 'a', action: 'set', value: '' }, promptForValue: true }] });
    const html = renderTable(solution([variable('a', [withAction, cell('ok', 'x')])], ['Dev', 'Prod']), ALL);
    assert.equal(html.match(/data-act="1"/g)?.length, 1);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
  });

  test('only problems keeps the rows with a cell that is not ok or that has findings, and counts them', () => {
    const rows = [
      variable('clean', [cell('ok', 'a'), cell('ok', 'b')]),
      variable('missingInProd', [cell('ok', 'a'), cell('missing')]),
      variable('okWithFinding', [cell('ok', 'a', [finding('settings/shared-connection', 'shared')]), cell('ok', 'b')]),
      variable('committed', [cell('ok', 'a'), cell('ok', 'b')], { findings: [finding('solution/committed-env-var-value', 'committed')] }),
    ];
    assert.deepEqual(rows.map(r => rowHasProblem(r)), [false, true, true, true]);
    const html = renderTable(solution(rows, ['Dev', 'Prod']), { ...ALL, onlyProblems: true });
    const shown = [...html.matchAll(/<tr role="row" data-r="(\d+)"/g)].map(m => Number(m[1]));
    assert.deepEqual(shown, [1, 2, 3]);
    assert.ok(html.includes('3 of 4 with problems'));
    assert.ok(renderTable(solution([rows[0]], ['Dev']), { ...ALL, onlyProblems: true }).includes('No problems.'));
    // Under one environment, only that column's problems count (and findings about the definition).
    const inDev = renderTable(solution(rows, ['Dev', 'Prod']), { onlyProblems: true, environment: 'Dev' });
    assert.deepEqual([...inDev.matchAll(/<tr role="row" data-r="(\d+)"/g)].map(m => Number(m[1])), [2, 3]);
  });

  test('one environment: only its column (case-insensitive); a name no column has shows them all', () => {
    const s = solution([variable('a', [cell('ok', 'dev-value'), cell('ok', 'test-value'), cell('missing')])]);
    assert.deepEqual(visibleColumns(s, 'prod'), [2]);
    assert.deepEqual(visibleColumns(s, 'Staging'), [0, 1, 2]);
    const html = renderTable(s, { ...ALL, environment: 'PROD' });
    assert.equal(html.match(/class="env/g)?.length, 1);
    assert.doesNotMatch(html, /dev-value|test-value/);
    assert.ok(html.includes('data-c="2"'));
  });

  test('the active environment\'s column is marked in its header and its cells', () => {
    const html = renderTable(solution([variable('a', [cell('ok', 'd'), cell('ok', 't'), cell('ok', 'p')])], ['Dev', 'Test', 'Prod'], 'Test'), ALL);
    assert.match(html, /<th role="columnheader" scope="col" class="env active"[^>]*aria-current="true">Test <span class="badge">\u25cf active<\/span>/);
    assert.equal(html.match(/active-col/g)?.length, 1);
    assert.match(html, /class="cell s-ok link active-col" data-r="0" data-c="1"/);
  });

  test('cellAt: default, committed and settings columns; name and type are not cells', () => {
    const row = variable('a', [cell('ok', 'x')], { defaultValue: cell('ok', 'def'), committedValue: cell('ok', 'cur') });
    assert.equal(cellAt(row, 'default')?.text, 'def');
    assert.equal(cellAt(row, 'committed')?.text, 'cur');
    assert.equal(cellAt(row, 0)?.text, 'x');
    assert.equal(cellAt(row, 'name'), undefined);
  });

  test('the solution picker lists every solution and the state picks one', () => {
    const a = solution([variable('x', [cell('ok', 'in-a')])]);
    const b = { ...solution([variable('y', [cell('ok', 'in-b')])]), uniqueName: 'Other', displayName: 'Other' };
    const html = renderMatrix({ environment: null, solutions: [a, b] }, { ...ALL, solution: 'Other' });
    assert.match(html, /<option value="Other" selected>Other<\/option>/);
    assert.ok(html.includes('in-b') && !html.includes('in-a'));
    assert.ok(renderMatrix({ environment: null, solutions: [a, b] }, { ...ALL, solution: 'Gone' }).includes('in-a'));
    assert.ok(renderMatrix({ environment: null, solutions: [] }, ALL).includes('No Power Platform solution'));
  });

  test('the overview: one link per finding, whose key leads back to that finding', () => {
    const f1 = finding('cloud/environment-specific-value', 'first'), f2 = finding('cloud/environment-specific-value', 'second'), f3 = finding('pad/hardcoded-machine', 'third');
    const overview = {
      total: 3, byCategory: [{ category: 'environment-specific', count: 3 }],
      byRule: [{ ruleId: 'cloud/environment-specific-value', category: 'environment-specific', severity: 'warning' as const, count: 2, findings: [f1, f2] }],
      valuesToMove: [{ text: 'https://erp-dev.contoso.com', count: 1, ruleIds: ['pad/hardcoded-machine'], findings: [f3] }],
    };
    const html = renderOverview(overview);
    const keys = [...html.matchAll(/data-finding="([^"]+)"/g)].map(m => m[1]);
    assert.deepEqual(keys, ['rule:0:0', 'rule:0:1', 'value:0:0']);
    assert.deepEqual(keys.map(k => overviewFinding(overview, k)?.message), ['first', 'second', 'third']);
    assert.equal(overviewFinding(overview, 'rule:5:0'), undefined);
    assert.equal(overviewFinding(overview, 'rule:0'), undefined);
  });

  test('300 variables × 5 environments render as one table with a navigable cell each', () => {
    const environments = ['Dev', 'Test', 'UAT', 'PreProd', 'Prod'];
    const rows = Array.from({ length: 300 }, (_, i) => variable(`cnt_Var${i}`, environments.map((e, j) => cell(j === i % 7 ? 'missing' : 'ok', `${e}-${i}`))));
    const html = renderTable(solution(rows, environments), ALL);
    assert.equal(html.match(/data-c="/g)?.length, 300 * (4 + environments.length));
    assert.equal(html.match(/<table/g)?.length, 1);
  });
});

describe('matrix page shell', () => {
  test('a strict Content Security Policy; the one script carries the nonce; no remote or inline content', () => {
    const html = renderShell({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'abc123==', scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/matrix/matrix.js', styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/matrix/matrix.css' });
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
    assert.equal(csp, "default-src 'none'; style-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abc123=='; img-src https://file+.vscode-resource.vscode-cdn.net data:;");
    assert.deepEqual([...html.matchAll(/<script([^>]*)>/g)].map(m => m[1]), [' nonce="abc123==" src="https://file+.vscode-resource.vscode-cdn.net/ext/media/matrix/matrix.js"']);
    assert.doesNotMatch(html, /<style|style="/);
  });
});

describe('matrix edits apply only over the text they were computed from', () => {
  const text = '{\n  "EnvironmentVariables": []\n}\n';
  test('an open document: the same version', () => {
    assert.equal(documentMatches({ version: 4, text }, { version: 4 }), true);
    assert.equal(documentMatches({ version: 5, text }, { version: 4 }), false);
  });
  test('a file read from disk: the SHA-256 of the text', () => {
    assert.equal(contentHash('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(documentMatches({ version: 1, text }, { hash: contentHash(text) }), true);
    assert.equal(documentMatches({ version: 1, text: text.replace('[]', '[ ]') }, { hash: contentHash(text) }), false);
  });
  test('nothing to compare with: refused', () => {
    assert.equal(documentMatches({ version: 1, text }, undefined), false);
    assert.equal(documentMatches({ version: 1, text }, {}), false);
  });
});
