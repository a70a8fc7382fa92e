// The environment matrix as HTML: pure (no `vscode`), so unit tests run it. The extension host renders and
// posts the string; the page's script (media/matrix/matrix.js) only inserts it and handles focus and keys.
// Every text from the files goes through `esc`: a value holding `<script>` or quotes is shown as text.
import type { FindingsOverview, MatrixCell, MatrixCellState, MatrixFinding, MatrixResult, MatrixRow, MatrixSolution } from '../../../server/src/lsp/protocol';

/** What the page shows: one solution, its filters. Kept in the webview's state across refreshes. */
export interface MatrixViewState {
  /** Unique name of the solution shown (the first when absent or gone). */
  solution?: string;
  /** Only rows with a cell that is not ok. */
  onlyProblems: boolean;
  /** One environment's column only ('' = every environment). */
  environment: string;
}

/** A cell's column: the row's name or type, the definition's default, the committed value, or a settings column. */
export type ColumnKey = 'name' | 'type' | 'default' | 'committed' | number;

/** Glyph and label of each state: the state is never told by colour alone. */
export const STATE_LOOK: Record<MatrixCellState, { glyph: string; label: string; description: string }> = {
  ok: { glyph: '\u2713', label: 'ok', description: 'a value or binding' },
  empty: { glyph: '\u2205', label: 'empty', description: 'an entry with an empty value' },
  missing: { glyph: '\u2717', label: 'missing', description: 'no entry in the settings file' },
  default: { glyph: '\u25c7', label: 'default', description: "no entry: the definition's default applies" },
  shared: { glyph: '\u21c4', label: 'shared', description: 'the same connection or account as another environment' },
  bleed: { glyph: '\u26a0\ufe0e', label: 'bleed', description: 'the value names another environment or stage' },
  unknown: { glyph: '?', label: 'unknown', description: 'an entry for nothing the solution defines' },
  invalid: { glyph: '\u2298', label: 'invalid', description: 'a value the import refuses' },
  none: { glyph: '\u2013', label: 'not set', description: 'nothing set' },
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };
/** Text as HTML text or attribute value (newlines kept in attributes, for multi-line hovers). */
export function esc(text: string): string {
  return text.replace(/[&<>"'\n\r\t]/g, c => ESCAPES[c]);
}

/** A cell counts as a problem when its state is not ok (or unset), or when findings are about it. */
export function isProblem(cell: MatrixCell | undefined): boolean {
  return !!cell && ((cell.state !== 'ok' && cell.state !== 'none') || cell.findings.length > 0);
}

/** Whether a row has a problem: a finding about the definition, or a problem cell among the columns given (all by default). */
export function rowHasProblem(row: MatrixRow, columns?: number[]): boolean {
  const cells = columns ? columns.map(c => row.cells[c]) : row.cells;
  return !!row.findings?.length || isProblem(row.defaultValue) || isProblem(row.committedValue) || cells.some(isProblem);
}

/** The solution the state names, else the first. */
export function selectedSolution(result: MatrixResult, state: MatrixViewState): MatrixSolution | undefined {
  return result.solutions.find(s => s.uniqueName === state.solution) ?? result.solutions[0];
}

/** Indexes of the settings columns shown under the environment filter (every column when it names none of them). */
export function visibleColumns(solution: MatrixSolution, environment: string): number[] {
  const all = solution.columns.map((_, i) => i);
  if (!environment) return all;
  const chosen = all.filter(i => solution.columns[i].environment.toLowerCase() === environment.toLowerCase());
  return chosen.length ? chosen : all;
}

/** The cell a column key names in a row (name and type are not cells). */
export function cellAt(row: MatrixRow, column: ColumnKey): MatrixCell | undefined {
  if (column === 'default') return row.defaultValue;
  if (column === 'committed') return row.committedValue;
  if (typeof column === 'number') return row.cells[column];
  return undefined;
}

export function findingLine(f: MatrixFinding): string {
  return `${f.severity}: ${f.message} (${f.ruleId})`;
}

/** The hover of a cell: its state, then each finding's message. */
export function cellHover(cell: MatrixCell): string {
  const look = STATE_LOOK[cell.state] ?? STATE_LOOK.none;
  const from = cell.source === 'shared' ? ' (the value of the shared default settings file)' : cell.source === 'default' ? " (the definition's default value)" : '';
  const lines = [`${look.label}: ${look.description}${from}`, ...cell.findings.map(findingLine)];
  if (cell.actions.length) lines.push(`Actions (. or Shift+F10): ${cell.actions.map(a => a.title).join('; ')}`);
  return lines.join('\n');
}

function renderCell(cell: MatrixCell | undefined, rowIndex: number, column: ColumnKey, extraClass = ''): string {
  if (!cell) return `<td role="gridcell" class="cell s-none${extraClass}" data-r="${rowIndex}" data-c="${column}" tabindex="-1" title="not set">${glyph('none')}</td>`;
  const look = STATE_LOOK[cell.state] ?? STATE_LOOK.none;
  const label = cell.state === 'ok' || cell.state === 'none' ? '' : `<span class="label">${esc(look.label)}</span>`;
  const value = cell.text ? `<span class="text">${esc(cell.text)}</span>` : '';
  const findings = cell.findings.length ? `<span class="count" aria-hidden="true">${cell.findings.length}</span>` : '';
  const actions = cell.actions.length
    ? `<button class="act" tabindex="-1" data-act="1" title="${esc(cell.actions.map(a => a.title).join('; '))}" aria-label="Actions: ${esc(cell.actions.map(a => a.title).join('; '))}">\u22ef</button>` : '';
  const inherited = cell.source === 'shared' || cell.source === 'default' ? ' inherited' : '';
  const classes = `cell s-${esc(cell.state)}${cell.location ? ' link' : ''}${cell.actions.length ? ' has-act' : ''}${inherited}${extraClass}`;
  const rules = cell.findings.length ? ` data-rules="${esc([...new Set(cell.findings.map(f => f.ruleId))].join(' '))}"` : '';
  return `<td role="gridcell" class="${classes}" data-r="${rowIndex}" data-c="${column}" data-state="${esc(cell.state)}"${rules} tabindex="-1" title="${esc(cellHover(cell))}"`
    + ` aria-label="${esc(`${look.label}${cell.text ? `, ${cell.text}` : ''}${cell.findings.length ? `, ${cell.findings.length} finding${cell.findings.length === 1 ? '' : 's'}` : ''}`)}">`
    + `${glyph(cell.state)}${value}${label || findings || actions ? `<span class="tail">${label}${findings}${actions}</span>` : ''}</td>`;
}

function glyph(state: MatrixCellState): string {
  return `<span class="glyph" aria-hidden="true">${(STATE_LOOK[state] ?? STATE_LOOK.none).glyph}</span>`;
}

function renderRow(row: MatrixRow, index: number, columns: number[], activeColumns: Set<number>): string {
  const findings = row.findings ?? [];
  const count = findings.length ? ` <span class="count" aria-label="${findings.length} finding${findings.length === 1 ? '' : 's'}">${findings.length}</span>` : '';
  const name = row.displayName && row.displayName !== row.name
    ? `<span class="display">${esc(row.displayName)}</span>${count} <span class="schema">${esc(row.name)}</span>` : `<span class="display">${esc(row.name)}</span>${count}`;
  const defined = row.definition ? ' link' : ' undefined';
  const nameTitle = [row.definition ? `${row.name}: Enter opens its definition` : `${row.name}: an entry for nothing the solution defines`, ...findings.map(findingLine)].join('\n');
  const type = row.secret && row.type !== 'Secret' ? `${row.type} (holds a secret)` : row.type || (row.definition ? '' : 'not defined');
  const parts = [
    `<tr role="row" data-r="${index}" data-name="${esc(row.name)}" data-kind="${row.kind}" class="${rowHasProblem(row, columns) ? 'problem' : 'clean'}">`,
    `<th role="rowheader" scope="row" class="name${defined}" data-r="${index}" data-c="name" tabindex="-1" title="${esc(nameTitle)}">${name}</th>`,
    `<td role="gridcell" class="type" data-r="${index}" data-c="type" tabindex="-1">${esc(type)}</td>`,
  ];
  if (row.kind === 'environmentVariable') {
    parts.push(renderCell(row.defaultValue, index, 'default'), renderCell(row.committedValue, index, 'committed'));
  } else {
    parts.push(`<td role="gridcell" class="cell s-na" data-r="${index}" data-c="default" tabindex="-1" title="Connection references have no default value">${glyph('none')}</td>`,
      `<td role="gridcell" class="cell s-na" data-r="${index}" data-c="committed" tabindex="-1" title="Connection references have no committed value">${glyph('none')}</td>`);
  }
  for (const c of columns) parts.push(renderCell(row.cells[c], index, c, activeColumns.has(c) ? ' active-col' : ''));
  parts.push('</tr>');
  return parts.join('');
}

/** The table of one solution under the filters: one string, no per-cell listeners. */
export function renderTable(solution: MatrixSolution, state: MatrixViewState): string {
  const columns = visibleColumns(solution, state.environment);
  const active = new Set(columns.filter(c => solution.columns[c].active));
  const head = [
    '<tr role="row">',
    '<th role="columnheader" scope="col" class="h-name">Name</th>',
    '<th role="columnheader" scope="col" class="h-type" title="A variable\'s type, a connection reference\'s connector">Type</th>',
    '<th role="columnheader" scope="col" title="The value the definition gives">Default</th>',
    '<th role="columnheader" scope="col" title="The current value committed in environmentvariablevalues.json">Committed</th>',
  ];
  for (const c of columns) {
    const col = solution.columns[c];
    const notes = [col.template ? 'The shared settings file: its values count for every environment' : '', col.file, col.url, col.id, ...(col.findings ?? []).map(findingLine)];
    const badges = (col.active ? ' <span class="badge">\u25cf active</span>' : '') + (col.template ? ' <span class="badge">template</span>' : '')
      + (col.findings?.length ? ` <span class="count" aria-label="${col.findings.length} finding${col.findings.length === 1 ? '' : 's'}">${col.findings.length}</span>` : '');
    head.push(`<th role="columnheader" scope="col" class="env${col.active ? ' active' : ''}" data-col="${c}" data-env="${esc(col.environment)}" data-file="${esc(col.file)}" title="${esc(notes.filter(Boolean).join('\n'))}"${col.active ? ' aria-current="true"' : ''}>`
      + `${esc(col.environment)}${badges}</th>`);
  }
  head.push('</tr>');
  const width = 4 + columns.length;
  const body: string[] = [];
  const groups: Array<[MatrixRow['kind'], string]> = [['environmentVariable', 'Environment variables'], ['connectionReference', 'Connection references']];
  for (const [kind, title] of groups) {
    // Under one environment, "only problems" asks about that environment's column (and the definition).
    const rows = solution.rows.map((row, i) => ({ row, i })).filter(x => x.row.kind === kind && (!state.onlyProblems || rowHasProblem(x.row, columns)));
    const total = solution.rows.filter(r => r.kind === kind).length;
    body.push(`<tr role="row" class="group"><th role="columnheader" colspan="${width}" scope="colgroup">${title} <span class="muted">${state.onlyProblems ? `${rows.length} of ${total} with problems` : total}</span></th></tr>`);
    for (const { row, i } of rows) body.push(renderRow(row, i, columns, active));
    if (!rows.length) body.push(`<tr role="row" class="group empty"><td colspan="${width}" class="muted">${state.onlyProblems && total ? 'No problems.' : 'None.'}</td></tr>`);
  }
  return `<table id="grid" role="grid" aria-label="${esc(`Environment matrix of ${solution.displayName}`)}">`
    + `<thead>${head.join('')}</thead><tbody>${body.join('')}</tbody></table>`;
}

/** The toolbar: the solution picker and the filters (their values from the state). */
export function renderToolbar(result: MatrixResult, solution: MatrixSolution | undefined, state: MatrixViewState): string {
  const options = result.solutions.map(s => `<option value="${esc(s.uniqueName)}"${s === solution ? ' selected' : ''}>${esc(s.displayName)}${s.displayName !== s.uniqueName ? ` (${esc(s.uniqueName)})` : ''}</option>`);
  const environments = solution ? [...new Set(solution.columns.map(c => c.environment))] : [];
  const envOptions = ['<option value="">All environments</option>', ...environments.map(e => `<option value="${esc(e)}"${e.toLowerCase() === state.environment.toLowerCase() ? ' selected' : ''}>${esc(e)}</option>`)];
  return '<div class="toolbar" role="toolbar" aria-label="Matrix filters">'
    + `<label>Solution <select id="solution">${options.join('')}</select></label>`
    + `<label>Environment <select id="environment">${envOptions.join('')}</select></label>`
    + `<label class="check"><input type="checkbox" id="onlyProblems"${state.onlyProblems ? ' checked' : ''}> Only problems</label>`
    + `<span class="muted" id="active-env">Active: ${esc(result.environment ?? 'all environments')}</span>`
    + '</div>';
}

function findingItems(findings: MatrixFinding[], key: string): string {
  return findings.map((f, j) => `<li><a href="#" data-finding="${esc(key)}:${j}" title="${esc(f.location.path)}">`
    + `<span class="sev sev-${esc(f.severity)}">${esc(f.severity)}</span> ${esc(f.message)} <span class="muted">${esc(baseName(f.location.path))}:${f.location.range.start.line + 1}</span></a></li>`).join('');
}

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/** Counts by category and rule, the values to move: each entry expands to its findings (links that open them). */
export function renderOverview(overview: FindingsOverview): string {
  if (!overview.total) return '<section class="overview" aria-label="Findings overview"><h2>Findings</h2><p class="muted">FlowCop finds nothing in this solution.</p></section>';
  const categories = overview.byCategory.map(c => `<li><span class="num">${c.count}</span> ${esc(c.category)}</li>`).join('');
  const rules = overview.byRule.map((r, i) => `<details data-key="rule:${esc(r.ruleId)}"><summary><span class="num">${r.count}</span> `
    + `<span class="sev sev-${esc(r.severity)}">${esc(r.severity)}</span> ${esc(r.ruleId)} <span class="muted">${esc(r.category)}</span></summary>`
    + `<ul>${findingItems(r.findings, `rule:${i}`)}</ul></details>`).join('');
  const values = overview.valuesToMove.length
    ? overview.valuesToMove.map((v, i) => `<details data-key="value:${esc(v.text)}"><summary><span class="num">${v.count}</span> <code>${esc(v.text)}</code> <span class="muted">${esc(v.ruleIds.join(', '))}</span></summary>`
      + `<ul>${findingItems(v.findings, `value:${i}`)}</ul></details>`).join('')
    : '<p class="muted">No value appears in several places.</p>';
  return '<section class="overview" aria-label="Findings overview">'
    + `<h2>Findings <span class="muted">${overview.total}</span></h2>`
    + `<div class="columns"><div><h3>By category</h3><ul class="categories">${categories}</ul></div>`
    + `<div><h3>By rule</h3>${rules}</div>`
    + `<div><h3>Values to move</h3>${values}</div></div></section>`;
}

/** Everything below the page's fixed shell: toolbar, legend, table, details line, overview. */
export function renderMatrix(result: MatrixResult, state: MatrixViewState): string {
  const solution = selectedSolution(result, state);
  if (!solution) return '<p class="muted">No Power Platform solution found in this workspace.</p>';
  const legend = (Object.keys(STATE_LOOK) as MatrixCellState[]).filter(s => s !== 'none')
    .map(s => `<span class="cell s-${s}" title="${esc(STATE_LOOK[s].description)}">${glyph(s)}<span class="label">${STATE_LOOK[s].label}</span></span>`).join('');
  const noColumns = solution.columns.length ? '' : '<p class="muted">This solution has no deployment settings files: only its default and committed values show.</p>';
  return renderToolbar(result, solution, state)
    + `<div class="legend" aria-label="Cell states">${legend}</div>${noColumns}`
    + `<div class="scroller">${renderTable(solution, state)}</div>`
    + '<div id="details" class="details" aria-live="polite">Focus a cell (arrow keys) to read its findings here; Enter opens the settings file.</div>'
    + renderOverview(solution.overview);
}

/** The overview's finding a `data-finding` key names ("rule:i:j" or "value:i:j"). */
export function overviewFinding(overview: FindingsOverview, key: string): MatrixFinding | undefined {
  const m = /^(rule|value):(\d+):(\d+)$/.exec(key);
  if (!m) return undefined;
  const list = m[1] === 'rule' ? overview.byRule[Number(m[2])]?.findings : overview.valuesToMove[Number(m[2])]?.findings;
  return list?.[Number(m[3])];
}

/** The page's shell (the content arrives by message): a strict Content Security Policy, the script by nonce. */
export function renderShell(p: { cspSource: string; nonce: string; scriptUri: string; styleUri: string }): string {
  const csp = `default-src 'none'; style-src ${p.cspSource}; script-src 'nonce-${p.nonce}'; img-src ${p.cspSource} data:;`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">`
    // Single quotes are the policy's own syntax (in a double-quoted attribute they need no escape).
    + `<meta http-equiv="Content-Security-Policy" content="${esc(csp).replace(/&#39;/g, "'")}">`
    + `<meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<link rel="stylesheet" href="${esc(p.styleUri)}"><title>Environment Matrix</title></head>`
    + `<body><main id="root" aria-busy="true"><p class="muted">Loading the environment matrix\u2026</p></main>`
    + `<script nonce="${esc(p.nonce)}" src="${esc(p.scriptUri)}"></script></body></html>`;
}
