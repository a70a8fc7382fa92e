// The environment matrix of a solution (flowcop/matrix): its environment variables and connection
// references down, the environments its settings files name across (by stage), each cell the entry's
// value or binding, its state and the findings about it; then rows of their own for settings entries that
// name nothing the solution defines. Pure: the solution as loaded, and the findings to place (the editor's,
// with the settings rules' findings for every environment: matrix-build.ts). Never a secret's value
// (matrix-values.ts).
import type { Finding } from '../findings/finding';
import { innerSpan, propIgnoreCase } from '../load/json';
import type {
  ConnectionReference, DeploymentSettings, EnvironmentVariableDefinition, Loc, SettingsConnectionReference, SettingsEnvironmentVariable, Solution,
} from '../model/types';
import { environmentOf, stageOfEnvironment } from '../analysis/shared/values';
import { secretSpansInValue } from '../analysis/shared/secret-parts';
import { isSecretParameter } from '../analysis/shared/vocabulary';
import { secretValueShape } from '../analysis/settings/secret-reference';
import { jsonSlot } from '../fix/append';
import { entryNode, nearestName } from '../analysis/settings/entries';
import { ArrayKey, referenceDefinitions, settingsIndex, variableDefinitions } from '../analysis/settings/lookup';
import { positionAt } from '../util/text';
import { cellKeysOf, CellKey, isColumnFinding, RowKind, toMatrixFinding } from './matrix-findings';
import { overviewOf } from './matrix-overview';
import { hasValue, shownPlainValue, shownValue, suggestedValue } from './matrix-values';
import { holdsSecret, locationOf, SECRET_TEXT } from './model';
import type { FileLocation, MatrixAction, MatrixCell, MatrixCellState, MatrixColumn, MatrixFinding, MatrixRow, MatrixSolution } from './protocol';

export interface MatrixInput {
  solution: Solution;
  /**
   * The solution's findings: what the overview counts, and what the cells show (the matrix rules' findings
   * must cover every environment, not only the active one).
   */
  findings: readonly Finding[];
  /** The active environment (null: all). */
  environment: string | null;
  /** The Dataverse URL or id flowcop.json gives an environment, if any. */
  identity?: (environment: string, file: string) => { url?: string; id?: string } | undefined;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Finer order inside a stage: Test before UAT before Staging. */
const WORD_RANK: Record<string, number> = { uat: 1, acc: 1, acceptance: 1, stage: 2, staging: 2, stg: 2, preprod: 2, sandbox: 1, sbx: 1 };
const STAGE_RANK = { dev: 0, test: 1, prod: 2 };

interface Column {
  settings: DeploymentSettings;
  template: boolean;
  stage?: 'dev' | 'test' | 'prod';
  /** The file's entries by lower-case name (the first of a name, as the rules read them: the same index). */
  variables: ReadonlyMap<string, SettingsEnvironmentVariable>;
  references: ReadonlyMap<string, SettingsConnectionReference>;
  /** Where an entry of each kind would go, once computed. */
  insertion: Partial<Record<RowKind, FileLocation>>;
}

/** The solution's settings files: the shared template first, then Dev, Test, UAT, Prod…, then the rest by name. */
export function orderedColumns(environments: readonly DeploymentSettings[]): Column[] {
  const named = environments.some(e => e.environment.toLowerCase() !== 'default');
  const columns: Column[] = environments.map(settings => {
    const index = settingsIndex(settings);
    return {
      settings, template: named && settings.environment.toLowerCase() === 'default', stage: stageOfEnvironment(settings.environment),
      variables: index.variables, references: index.references, insertion: {},
    };
  });
  const rank = (c: Column) => [c.template ? -1 : c.stage ? STAGE_RANK[c.stage] : 3, WORD_RANK[environmentOf(c.settings.environment)?.word ?? ''] ?? 0];
  return columns.sort((a, b) => {
    const [ra, wa] = rank(a);
    const [rb, wb] = rank(b);
    return ra - rb || wa - wb || a.settings.environment.localeCompare(b.settings.environment) || a.settings.file.path.localeCompare(b.settings.file.path);
  });
}

/** Where an entry of `kind` would be added to a column's file: the end of its list (or of the file's object). */
function insertionPoint(column: Column, kind: RowKind): FileLocation {
  return column.insertion[kind] ??= insertionIn(column.settings, kind);
}

function insertionIn(settings: DeploymentSettings, kind: RowKind): FileLocation {
  const key = kind === 'environmentVariable' ? 'EnvironmentVariables' : 'ConnectionReferences';
  let offset = 0;
  try {
    const root = settings.json;
    const list = propIgnoreCase(root, key);
    if (root?.type === 'object') offset = jsonSlot(settings.file.text, key, 'array', list?.type === 'array' ? list : undefined, { parent: root, key }).span.start;
  } catch {
    offset = 0;
  }
  const at = positionAt(settings.file, offset);
  return { path: settings.file.path, range: { start: at, end: at } };
}

/** Findings indexed by the cell, column and row they are about. */
class Placement {
  private readonly cells = new Map<string, Finding[]>();
  private readonly columns = new Map<string, Finding[]>();
  private readonly rows = new Map<string, Finding[]>();

  constructor(findings: readonly Finding[], columns: Column[]) {
    const push = (map: Map<string, Finding[]>, key: string, f: Finding) => {
      const list = map.get(key);
      if (list) list.push(f);
      else map.set(key, [f]);
    };
    for (const f of findings) {
      for (const key of cellKeysOf(f)) {
        const column = columnOf(key, columns);
        if (column < 0) continue;
        push(this.cells, `${column}\0${key.kind}\0${key.name.toLowerCase()}`, f);
        if (isColumnFinding(f)) push(this.columns, String(column), f);
      }
      const element = f.logical.element;
      if (f.ruleId.startsWith('solution/') && (element?.kind === 'environmentVariable' || element?.kind === 'connectionReference')) {
        push(this.rows, `${element.kind}\0${element.name.toLowerCase()}`, f);
      }
    }
    for (const list of this.columns.values()) list.splice(0, list.length, ...new Set(list));
  }

  cell(column: number, kind: RowKind, name: string): Finding[] {
    return this.cells.get(`${column}\0${kind}\0${name.toLowerCase()}`) ?? [];
  }

  column(column: number): Finding[] {
    return this.columns.get(String(column)) ?? [];
  }

  row(kind: RowKind, name: string): Finding[] {
    return this.rows.get(`${kind}\0${name.toLowerCase()}`) ?? [];
  }
}

/** The column a cell key names: its file when that is a column's, else its environment. */
function columnOf(key: CellKey, columns: Column[]): number {
  const byFile = columns.findIndex(c => c.settings.file.path === key.file);
  return byFile >= 0 ? byFile : columns.findIndex(c => same(c.settings.environment, key.environment));
}

/** The first entry a shared template column gives a value (the value a column without its own entry gets). */
function inTemplates<T>(columns: readonly Column[], entryOf: (column: Column) => T | undefined, valueOf: (entry: T) => string | null): T | undefined {
  for (const column of columns) {
    if (!column.template) continue;
    const entry = entryOf(column);
    if (entry && hasValue(valueOf(entry))) return entry;
  }
  return undefined;
}

/** The state the findings give a cell, over the one its value gives. */
function stateWithFindings(state: MatrixCellState, findings: readonly Finding[]): MatrixCellState {
  const has = (ruleId: string, test: (f: Finding) => boolean = () => true) => findings.some(f => f.ruleId === ruleId && test(f));
  if (has('settings/import-failure') || has('solution/secret-env-var-as-text')) return 'invalid';
  if (has('settings/environment-bleed') || has('settings/missing-value', f => f.data?.reason === 'default-names-other-environment')) return 'bleed';
  if (has('settings/shared-connection')) return 'shared';
  if (has('settings/missing-value', f => f.data?.reason === 'missing') && (state === 'default' || state === 'ok')) return 'missing';
  return state;
}

const PROBLEM_STATES: ReadonlySet<MatrixCellState> = new Set(['missing', 'empty', 'bleed', 'shared', 'invalid']);

interface CellParts {
  text: string;
  state: MatrixCellState;
  source?: MatrixCell['source'];
  location: FileLocation;
  findings: readonly Finding[];
}

function cell(parts: CellParts, actions: MatrixAction[]): MatrixCell {
  return {
    text: parts.text, state: parts.state, location: parts.location, findings: parts.findings.map(toMatrixFinding), actions,
    ...(parts.source ? { source: parts.source } : {}),
  };
}

function setAction(state: MatrixCellState, environment: string, file: string, kind: RowKind, name: string, suggestion: string): MatrixAction {
  const what = kind === 'environmentVariable' ? 'value' : 'connection';
  const title = state === 'missing' ? `Add the ${environment} ${what}…` : state === 'empty' ? `Fill in the ${environment} ${what}…` : `Replace the ${environment} ${what}…`;
  return { title, edit: { file, kind, name, action: 'set', value: suggestion }, promptForValue: true };
}

/**
 * `secret`: the variable holds a secret (holdsSecret); when it does not, none of its values has a secret
 * part (holdsSecret read them all), and they are shown without looking for one again.
 */
function variableCell(v: EnvironmentVariableDefinition, secret: boolean, columns: Column[], index: number, placed: Placement): MatrixCell {
  const column = columns[index];
  const { settings, template, stage } = column;
  const secretKind = v.kind === 'Secret';
  const shown = (value: string) => (secret ? shownValue(value, true, secretKind) : shownPlainValue(value));
  const name = v.schemaName.toLowerCase();
  const entry = column.variables.get(name);
  const findings = placed.cell(index, 'environmentVariable', v.schemaName);
  const location = entry ? locationOf(entry.valueLoc) : insertionPoint(column, 'environmentVariable');
  const shared = template ? undefined : inTemplates(columns, c => c.variables.get(name), e => e.value);
  let parts: CellParts;
  if (entry) {
    parts = hasValue(entry.value)
      ? { text: shown(entry.value), state: 'ok', source: 'settings', location, findings }
      : { text: '', state: 'empty', location, findings };
  } else if (template) {
    parts = { text: '', state: 'none', location, findings };
  } else if (shared) {
    parts = { text: shown(shared.value ?? ''), state: 'ok', source: 'shared', location, findings };
  } else if (v.defaultValue && hasValue(v.defaultValue.value)) {
    parts = { text: shown(v.defaultValue.value), state: 'default', source: 'default', location, findings };
  } else {
    parts = { text: secret ? 'missing' : '', state: 'missing', location, findings };
  }
  parts.state = stateWithFindings(parts.state, findings);
  const actions: MatrixAction[] = [];
  if (PROBLEM_STATES.has(parts.state) || findings.some(f => f.ruleId === 'settings/missing-value')) {
    const suggestion = suggestedValue({ secretKind, secret, defaultValue: v.defaultValue?.value, stage });
    // A bleeding default (no entry) is fixed by adding the entry.
    actions.push(setAction(!entry && parts.state === 'bleed' ? 'missing' : parts.state, settings.environment, settings.file.path, 'environmentVariable', v.schemaName, suggestion));
  }
  if (entry && entry.value === '' && v.defaultValue && hasValue(v.defaultValue.value)) {
    actions.push({ title: `Remove the empty ${settings.environment} entry (keep the default value)`, edit: { file: settings.file.path, kind: 'environmentVariable', name: v.schemaName, action: 'remove' } });
  }
  return cell(parts, actions);
}

function referenceCell(r: ConnectionReference, columns: Column[], index: number, placed: Placement): MatrixCell {
  const column = columns[index];
  const { settings, template } = column;
  const name = r.logicalName.toLowerCase();
  const entry = column.references.get(name);
  const findings = placed.cell(index, 'connectionReference', r.logicalName);
  const location = entry ? locationOf(entry.valueLoc) : insertionPoint(column, 'connectionReference');
  const shared = template ? undefined : inTemplates(columns, c => c.references.get(name), e => e.connectionId);
  let parts: CellParts;
  if (entry) {
    parts = hasValue(entry.connectionId)
      ? { text: shownValue(entry.connectionId, false), state: 'ok', source: 'settings', location, findings }
      : { text: '', state: 'empty', location, findings };
  } else if (template) {
    parts = { text: '', state: 'none', location, findings };
  } else if (shared) {
    parts = { text: shownValue(shared.connectionId ?? '', false), state: 'ok', source: 'shared', location, findings };
  } else {
    parts = { text: '', state: 'missing', location, findings };
  }
  parts.state = stateWithFindings(parts.state, findings);
  const actions = PROBLEM_STATES.has(parts.state) ? [setAction(parts.state, settings.environment, settings.file.path, 'connectionReference', r.logicalName, '')] : [];
  return cell(parts, actions);
}

/** The definition's default or committed value, as a cell of its own. */
function definitionCell(value: { value: string; loc: Loc } | undefined, secret: boolean, secretKind: boolean): MatrixCell {
  if (!value) return { text: '', state: 'none', findings: [], actions: [] };
  // A variable that holds no secret has no secret part in any value (holdsSecret read them all).
  const text = secretKind && hasValue(value.value) ? SECRET_TEXT : secret ? shownValue(value.value, secret, secretKind) : shownPlainValue(value.value);
  return { text, state: hasValue(value.value) ? 'ok' : 'none', location: locationOf(value.loc), findings: [], actions: [] };
}

function row(kind: RowKind, name: string, displayName: string, type: string, secret: boolean, cells: MatrixCell[], rowFindings: readonly Finding[], extra: Partial<MatrixRow>): MatrixRow {
  return { kind, name, displayName: displayName || name, type, secret, ...extra, cells, ...(rowFindings.length ? { findings: rowFindings.map(toMatrixFinding) } : {}) };
}

/** The variables that hold a secret (lower-case names), and every value they have. */
interface SecretVariables { names: Set<string>; values: Set<string> }

interface DefinedNames { variables: ReadonlyMap<string, unknown>; references: ReadonlyMap<string, unknown> }

interface UnknownEntry { name: string; value: string | null; nameLoc: Loc; suggestion?: string; findings: Finding[] }

/** The settings entries of a column that name nothing the solution defines (only where the tree says what it defines). */
function unknownEntries(solution: Solution, defined: DefinedNames, settings: DeploymentSettings, index: number, kind: RowKind, placed: Placement): UnknownEntry[] {
  const out: UnknownEntry[] = [];
  const add = (name: string, value: string | null, nameLoc: Loc) => {
    const findings = placed.cell(index, kind, name);
    const suggestion = findings.map(f => f.data?.suggestion).find((x): x is string => typeof x === 'string');
    out.push({ name, value, nameLoc, suggestion, findings });
  };
  if (kind === 'environmentVariable') {
    for (const e of settings.environmentVariables) {
      if (e.schemaName && solution.manifest && !defined.variables.has(e.schemaName.toLowerCase())) add(e.schemaName, e.value, nameLocOf(settings, 'EnvironmentVariables', 'SchemaName', e.loc));
    }
  } else {
    for (const e of settings.connectionReferences) {
      if (e.logicalName && solution.customizations && !defined.references.has(e.logicalName.toLowerCase())) add(e.logicalName, e.connectionId, nameLocOf(settings, 'ConnectionReferences', 'LogicalName', e.loc));
    }
  }
  return out;
}

/** Rows of their own for unknown settings entries: `unknown` where an entry is, `none` elsewhere. */
function unknownRows(solution: Solution, columns: Column[], placed: Placement, secrets: SecretVariables): MatrixRow[] {
  const rows = new Map<string, { kind: RowKind; name: string; entries: Array<UnknownEntry | undefined> }>();
  const defined: DefinedNames = { variables: variableDefinitions(solution), references: referenceDefinitions(solution) };
  for (const kind of ['environmentVariable', 'connectionReference'] as const) {
    columns.forEach((column, index) => {
      for (const e of unknownEntries(solution, defined, column.settings, index, kind, placed)) {
        const key = `${kind}\0${e.name.toLowerCase()}`;
        let r = rows.get(key);
        if (!r) rows.set(key, r = { kind, name: e.name, entries: columns.map(() => undefined) });
        r.entries[index] ??= e;
      }
    });
  }
  return [...rows.values()].map(({ kind, name, entries }) => {
    // No definition says what it holds: its name, its values, the variable it was meant for (the rule's
    // suggestion, else the nearest name: the rule may be off), a value a secret variable has.
    const meantFor = kind === 'environmentVariable' ? nearestName(name, solution.environmentVariables.map(v => v.schemaName)) : undefined;
    const secret = isSecretParameter(name.replace(/^[A-Za-z0-9]+_/, '')) || (!!meantFor && secrets.names.has(meantFor.toLowerCase())) || entries.some(e => e && (
      (e.suggestion !== undefined && secrets.names.has(e.suggestion.toLowerCase()))
      || (hasValue(e.value) && (secrets.values.has(e.value.trim()) || secretSpansInValue(e.value).length > 0 || KEY_VAULT_SHAPES.has(secretValueShape(e.value))))));
    const cells = entries.map((e, index): MatrixCell => {
      const settings = columns[index].settings;
      if (!e) return { text: '', state: 'none', location: insertionPoint(columns[index], kind), findings: [], actions: [] };
      const file = settings.file.path;
      const taken = e.suggestion !== undefined && (kind === 'environmentVariable'
        ? settings.environmentVariables.some(x => same(x.schemaName, e.suggestion!))
        : settings.connectionReferences.some(x => same(x.logicalName, e.suggestion!)));
      const actions: MatrixAction[] = [];
      if (e.suggestion && !taken) actions.push({ title: `Rename to "${e.suggestion}"`, edit: { file, kind, name: e.name, action: 'rename', newName: e.suggestion } });
      actions.push({ title: `Remove the ${settings.environment} entry`, edit: { file, kind, name: e.name, action: 'remove' } });
      return {
        text: hasValue(e.value) ? shownValue(e.value, secret, secret) : '', state: 'unknown', location: locationOf(e.nameLoc),
        findings: e.findings.map(toMatrixFinding), actions, source: 'settings',
      };
    });
    return row(kind, name, name, '', secret, cells, [], {});
  });
}

const KEY_VAULT_SHAPES: ReadonlySet<string> = new Set(['key-vault-resource-id', 'key-vault-uri', 'malformed-reference']);

function nameLocOf(settings: DeploymentSettings, arrayKey: ArrayKey, nameKey: string, entry: Loc): Loc {
  const name = propIgnoreCase(entryNode(settings, arrayKey, entry), nameKey);
  return name ? { file: settings.file, span: innerSpan(name) } : entry;
}

export function matrixOf(input: MatrixInput): MatrixSolution {
  const { solution, findings, environment } = input;
  const columns = orderedColumns(solution.environments);
  const placed = new Placement(findings, columns);
  const matrixColumns: MatrixColumn[] = columns.map((c, i) => {
    const identity = input.identity?.(c.settings.environment, c.settings.file.path);
    const columnFindings = placed.column(i);
    return {
      environment: c.settings.environment, file: c.settings.file.path, active: !!environment && same(environment, c.settings.environment),
      ...(identity?.url ? { url: identity.url } : {}), ...(identity?.id ? { id: identity.id } : {}),
      ...(c.template ? { template: true } : {}), ...(c.stage ? { stage: c.stage } : {}),
      ...(columnFindings.length ? { findings: columnFindings.map(toMatrixFinding) as MatrixFinding[] } : {}),
    };
  });
  const secrets: SecretVariables = { names: new Set(), values: new Set() };
  // holdsSecret reads only the credential findings: a scan of all of them per variable is O(variables × findings).
  const credentials = findings.filter(f => f.category === 'credential');
  const rows: MatrixRow[] = solution.environmentVariables.map(v => {
    // Every value it has, from the columns' indexes (holdsSecret would search each file for it).
    const values = [v.defaultValue?.value, v.currentValue?.value, ...columns.map(c => c.variables.get(v.schemaName.toLowerCase())?.value)].filter(hasValue);
    // A variable that holds no secret has no secret part in any of these values: its cells show them as they are.
    const secret = holdsSecret(solution, v, credentials, () => values);
    if (secret) {
      secrets.names.add(v.schemaName.toLowerCase());
      for (const value of values) secrets.values.add(value.trim());
    }
    const cells = columns.map((_, i) => variableCell(v, secret, columns, i, placed));
    return row('environmentVariable', v.schemaName, v.displayName, v.kind, secret, cells, placed.row('environmentVariable', v.schemaName), {
      definition: locationOf(v.loc), defaultValue: definitionCell(v.defaultValue, secret, v.kind === 'Secret'), committedValue: definitionCell(v.currentValue, secret, v.kind === 'Secret'),
    });
  });
  for (const r of solution.connectionReferences) {
    const cells = columns.map((_, i) => referenceCell(r, columns, i, placed));
    const connector = r.connectorName || r.connectorId.split('/').pop() || '';
    rows.push(row('connectionReference', r.logicalName, r.displayName, connector, false, cells, placed.row('connectionReference', r.logicalName), { definition: locationOf(r.loc) }));
  }
  rows.push(...unknownRows(solution, columns, placed, secrets));
  return {
    uniqueName: solution.uniqueName,
    displayName: solution.displayName || solution.uniqueName,
    root: solution.root,
    columns: matrixColumns,
    rows,
    overview: overviewOf(findings),
  };
}
