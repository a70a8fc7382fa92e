// Which findings the environment matrix places in its cells, and where. The settings rules (and the
// settings-value variant of solution/secret-env-var-as-text) report about one entry of one environment's
// settings file; each names it in its `data`, though not all alike (read from each rule's report):
//  - missing-value, import-failure, environment-bleed, unknown-entry: { environment, kind, name };
//  - shared-connection: { environment, name } and either connectionId (a shared connection: a reference) or
//    field (a shared account: `Value` is an environment variable's, any other field a reference's);
//  - single-identity: { environment, references } — one finding about the whole environment, shown in the
//    cell of every reference it lists (its pipeline variant names no environment: no cell);
//  - secret-env-var-as-text: { environment, schemaName, reasons: ['settings-value'] } for a Secret variable
//    given a plain value in a settings file (its other variant is about the definition).
import type { ConfigResolver, Level } from '../findings/config';
import type { Finding } from '../findings/finding';
import { lintWorkspace } from '../findings/lint';
import type { Solution, Workspace } from '../model/types';
import { RULES } from '../rules/registry';
import { findingId } from './convert';
import { locationOf } from './model';
import type { MatrixFinding } from './protocol';

export type RowKind = 'environmentVariable' | 'connectionReference';

/** A cell a finding is about: an entry (or its absence) of one environment's settings file. */
export interface CellKey {
  environment: string;
  /** The settings file, when the finding says (data.file) or points into it. */
  file?: string;
  kind: RowKind;
  name: string;
}

const SECRET_AS_TEXT = 'solution/secret-env-var-as-text';
const SINGLE_IDENTITY = 'settings/single-identity';

/** The rules whose findings go into cells: the ones the editor's active environment narrows. */
export const MATRIX_RULES = RULES.filter(r => r.meta.id.startsWith('settings/') || r.meta.id === SECRET_AS_TEXT);
const MATRIX_RULE_IDS = new Set(MATRIX_RULES.map(r => r.meta.id));

export function isMatrixRule(ruleId: string): boolean {
  return MATRIX_RULE_IDS.has(ruleId);
}

/**
 * The matrix rules' findings for one solution in EVERY environment, from the model already loaded: the
 * editor lints with its active environment, and then these rules check only that one, yet the matrix shows
 * every column. Configuration, suppressions and the editor's severity override apply as in the editor.
 */
export function matrixRuleFindings(workspace: Workspace, solution: Solution, configs: ConfigResolver, override?: (ruleId: string, level: Level) => Level): Finding[] {
  const one: Workspace = { ...workspace, solutions: [solution], scripts: [], orphanSettings: [], problems: [] };
  return lintWorkspace(one, { rules: MATRIX_RULES, configs, override });
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The cells a finding is about (none: not about a settings entry). */
export function cellKeysOf(f: Finding): CellKey[] {
  const d = f.data;
  const environment = text(d?.environment);
  if (!d || !environment || !isMatrixRule(f.ruleId)) return [];
  const file = text(d.file) ?? f.loc.file.path;
  if (f.ruleId === SINGLE_IDENTITY) {
    const references = Array.isArray(d.references) ? d.references.filter((r): r is string => typeof r === 'string') : [];
    return references.map(name => ({ environment, file, kind: 'connectionReference', name }));
  }
  if (f.ruleId === SECRET_AS_TEXT) {
    const name = text(d.schemaName);
    const settingsValue = Array.isArray(d.reasons) && d.reasons.includes('settings-value');
    return settingsValue && name ? [{ environment, file, kind: 'environmentVariable', name }] : [];
  }
  const name = text(d.name);
  if (!name) return [];
  const kind: RowKind = d.kind === 'environmentVariable' || d.kind === 'connectionReference' ? d.kind
    : d.connectionId !== undefined ? 'connectionReference'
      : d.field === 'Value' ? 'environmentVariable' : 'connectionReference';
  return [{ environment, file, kind, name }];
}

/** Findings about the whole environment (shown on the column too). */
export function isColumnFinding(f: Finding): boolean {
  return f.ruleId === SINGLE_IDENTITY && cellKeysOf(f).length > 0;
}

/**
 * Ids: the publisher's (findingId: rule, place and message), so a finding the editor's last analysis holds
 * carries the id its diagnostic has; one found only here (another environment than the active one) gets
 * an id no diagnostic has, which nothing looks up: opening a cell goes to its location, and matrixEdit
 * works from the file's text, not from findings.
 */
export function toMatrixFinding(f: Finding): MatrixFinding {
  let out = converted.get(f);
  if (!out) converted.set(f, out = { id: findingId(f), ruleId: f.ruleId, severity: f.severity, message: f.message, location: locationOf(f.loc) });
  return out;
}

/** A finding is shown in its cell, its rule's list and perhaps a value's: converted once. */
const converted = new WeakMap<Finding, MatrixFinding>();
