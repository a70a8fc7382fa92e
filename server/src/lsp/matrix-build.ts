// The session's side of flowcop/matrix and flowcop/matrixEdit: which solutions, which findings, which text.
// The matrix is built from the models the analyzer holds (nothing is read again); while an environment is
// active (the editor's settings rules then check only it), the matrix rules run once more on each model
// without it, so that every column shows its findings.
import * as nodePath from 'node:path';
import { createHash } from 'node:crypto';
import type { Level } from '../findings/config';
import type { Finding } from '../findings/finding';
import { decodeText } from '../load/vfs';
import type { Solution } from '../model/types';
import type { Analyzer, Unit } from './analyzer';
import type { OpenDocuments } from './documents';
import { matrixOf } from './matrix';
import { EditTarget, matrixEdits } from './matrix-edit';
import { isMatrixRule, matrixRuleFindings } from './matrix-findings';
import { holdsSecret } from './model';
import type { MatrixEditParams, MatrixEditResult, MatrixParams, MatrixResult, MatrixSolution } from './protocol';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export interface MatrixContext {
  environment: string | null;
  override?: (ruleId: string, level: Level) => Level;
}

/**
 * Each unit's matrix, for the findings (and model) of its last lint and the active environment: the panel asks
 * again after every scan status, and only the units re-linted since are built anew (a re-lint that changed
 * anything gives the unit new findings; a new scan, new units, perhaps with another environment or override).
 */
const built = new WeakMap<Unit, { solution: Solution; of: readonly Finding[]; environment: string | null; matrix: MatrixSolution }>();

/** The unit's findings about its solution, with the matrix rules' findings for every environment. */
function findingsFor(u: Unit, solution: Solution, context: MatrixContext): Finding[] {
  const mine = u.findings.filter(f => !f.owner.solution || f.owner.solution === solution);
  // With no active environment the editor's analysis already checked every environment.
  if (!context.environment || !u.configs) return mine;
  try {
    return [...mine.filter(f => !isMatrixRule(f.ruleId)), ...matrixRuleFindings(u.workspace, solution, u.configs, context.override)];
  } catch {
    // The editor's analysis reported whatever failed; the matrix shows what it holds.
    return mine;
  }
}

/** The url/id flowcop.json gives an environment (`environments: { "Prod": { "url": …, "id": … } }`), matched by name as flowcop/environments matches them. */
function identityOf(u: Unit, solution: Solution) {
  const identities = u.configs?.configFor(solution.layout === 'zip' ? nodePath.dirname(solution.root) : solution.root)?.environmentIdentities ?? [];
  return (environment: string) => {
    const e = identities.find(x => same(x.environment, environment));
    return e && { url: e.url, id: e.id };
  };
}

export function buildMatrix(analyzer: Analyzer, context: MatrixContext, params: MatrixParams | undefined): MatrixResult {
  const wanted = typeof params?.solution === 'string' ? params.solution : undefined;
  const solutions = [];
  for (const u of analyzer.units.values()) {
    const solution = u.solution;
    if (!solution || (wanted && !same(wanted, solution.uniqueName))) continue;
    const cached = built.get(u);
    if (cached?.solution === solution && cached.of === u.findings && cached.environment === context.environment) {
      solutions.push(cached.matrix);
      continue;
    }
    const matrix = matrixOf({ solution, findings: findingsFor(u, solution, context), environment: context.environment, identity: identityOf(u, solution) });
    built.set(u, { solution, of: u.findings, environment: context.environment, matrix });
    solutions.push(matrix);
  }
  solutions.sort((a, b) => a.uniqueName.localeCompare(b.uniqueName) || a.root.localeCompare(b.root));
  return { environment: context.environment, solutions };
}

/** The text the server holds for a file: the open document's, else the disk's. */
function heldText(documents: OpenDocuments, path: string): { text: string; basedOn: MatrixEditResult['basedOn'] } | { error: string } {
  const doc = documents.get(documents.uriOf(path));
  if (doc) return { text: doc.getText(), basedOn: { version: doc.version } };
  const bytes = documents.disk.readFile(path);
  if (!bytes) return { error: `${nodePath.basename(path)} could not be read` };
  const decoded = decodeText(bytes, path);
  if ('error' in decoded) return { error: `${nodePath.basename(path)} could not be read: ${decoded.error}` };
  // What an editor holds of the file: the text without its BOM.
  return { text: decoded.file.text, basedOn: { hash: createHash('sha256').update(decoded.file.text, 'utf8').digest('hex') } };
}

/** `flowcop/matrixEdit`: only a settings file of a solution the analyzer holds, from the text the server holds. */
export function matrixEditFor(params: MatrixEditParams | undefined, documents: OpenDocuments, solutions: readonly Solution[]): MatrixEditResult {
  if (!params || typeof params.file !== 'string' || typeof params.name !== 'string' || !params.name
    || (params.kind !== 'environmentVariable' && params.kind !== 'connectionReference') || !['set', 'remove', 'rename'].includes(params.action)) {
    return { error: 'the request names no settings entry (file, kind, name, action)' };
  }
  const path = nodePath.resolve(params.file);
  const owner = solutions.find(s => s.environments.some(e => e.file.path === path && !e.file.entry));
  if (!owner) return { error: `${nodePath.basename(path)} is not a deployment settings file of a solution FlowCop found` };
  const held = heldText(documents, path);
  if ('error' in held) return held;
  const target: EditTarget = {};
  if (params.kind === 'environmentVariable') {
    const v = owner.environmentVariables.find(x => same(x.schemaName, params.action === 'rename' ? params.newName ?? '' : params.name));
    if (v) target.variable = { kind: v.kind, holdsSecret: holdsSecret(owner, v) };
  } else {
    const r = owner.connectionReferences.find(x => same(x.logicalName, params.name));
    if (r?.connectorId) target.connectorId = r.connectorId;
  }
  const result = matrixEdits(held.text, params, target, nodePath.basename(path));
  return 'error' in result ? { error: result.error } : { edits: result.edits, basedOn: held.basedOn };
}
