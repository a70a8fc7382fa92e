// The matrix of a generated solution with 300 environment variables and 20 connection references in 5
// environments (issue 16: "fast on a solution with 300 variables × 5 environments"): it is built whole,
// every cell in place, and a second request for an unchanged unit gives the same answer (the session keeps
// each unit's matrix until the unit is linted again). The times are printed (test diagnostics), never asserted.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import { MemoryVfs } from '../../server/src/load/vfs';
import { matrixOf } from '../../server/src/lsp/matrix';
import { isMatrixRule, matrixRuleFindings } from '../../server/src/lsp/matrix-findings';
import type { MatrixCellState } from '../../server/src/lsp/protocol';
import { buildSolutionFiles, EnvVarSpec } from '../support/fixture';
import { startSession } from './lsp-matrix-support';

const ENVIRONMENTS = ['Prod', 'UAT', 'Dev', 'PreProd', 'Test'];
const VARIABLES = 300;
const REFERENCES = 20;
const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';

/** Deterministic: variable k is missing in one environment every 7th, empty every 11th, a Dev value in Prod every 13th. */
function bigTree(): MemoryVfs {
  const variables: EnvVarSpec[] = Array.from({ length: VARIABLES }, (_, k) => ({ schemaName: `cr_Var${k}`, ...(k % 5 === 0 ? { defaultValue: `default-${k}` } : {}) }));
  const settings: Record<string, unknown> = {};
  ENVIRONMENTS.forEach((env, e) => {
    const entries = variables.flatMap((v, k) => {
      if (k % 7 === e) return [];
      const value = k % 11 === e ? '' : env === 'Prod' && k % 13 === 0 ? `https://app${k}-dev.contoso.com` : `https://app${k}-${env.toLowerCase()}.contoso.com`;
      return [{ SchemaName: v.schemaName, Value: value }];
    });
    const references = Array.from({ length: REFERENCES }, (_, r) => ({ LogicalName: `cr_ref${r}`, ConnectionId: r % 9 === 0 ? `shared-conn-${r}` : `conn-${r}-${env}`, ConnectorId: SP }));
    settings[env] = { EnvironmentVariables: entries, ConnectionReferences: references };
  });
  const files = buildSolutionFiles({
    uniqueName: 'Big', prefix: 'cr', environmentVariables: variables,
    connectionReferences: Array.from({ length: REFERENCES }, (_, r) => ({ logicalName: `cr_ref${r}`, connectorId: SP })), settings,
  }, 'unpacked');
  return new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [`/big/${p}`, c])));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (xs: number[]) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;

/** Wall and CPU (user + system) time of each of `runs` calls. */
function timed(runs: number, run: () => void): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    run();
    wall.push(performance.now() - wallBefore);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

describe('matrix at scale', () => {
  test('300 variables × 5 environments in a session: built whole, in stage order; asked again, the same answer', async t => {
    const session = await startSession(['/big'], 'Prod', bigTree());
    const wallBefore = performance.now();
    const result = await session.matrix();
    const firstMs = performance.now() - wallBefore;
    const [big] = result.solutions;
    assert.deepEqual(big.columns.map(c => c.environment), ['Dev', 'Test', 'UAT', 'PreProd', 'Prod']);
    assert.equal(big.rows.length, VARIABLES + REFERENCES);
    for (const r of big.rows) assert.equal(r.cells.length, ENVIRONMENTS.length, r.name);
    const states = new Map<MatrixCellState, number>();
    for (const r of big.rows) for (const c of r.cells) states.set(c.state, (states.get(c.state) ?? 0) + 1);
    for (const s of ['ok', 'missing', 'default', 'empty', 'bleed', 'shared'] as const) assert.ok((states.get(s) ?? 0) > 0, `some ${s} cells`);
    assert.deepEqual(await session.matrix(), result, 'a unit not re-linted since gives the same matrix');
    t.diagnostic(`first flowcop/matrix request: ${firstMs.toFixed(1)} ms wall; ${(JSON.stringify(result).length / 1024).toFixed(0)} KiB of JSON; states ${JSON.stringify(Object.fromEntries(states))}`);
  });

  test('the build itself, timed: with an active environment (the matrix rules run again) and without (printed, not asserted)', t => {
    const vfs = bigTree();
    const { workspace, findings, configs } = analyze(['/big'], { vfs, environment: 'Prod' });
    const [solution] = workspace.solutions;
    const others = findings.filter(f => !isMatrixRule(f.ruleId));
    let matrix: ReturnType<typeof matrixOf> | undefined;
    const active = timed(5, () => {
      matrix = matrixOf({ solution, findings: [...others, ...matrixRuleFindings(workspace, solution, configs)], environment: 'Prod' });
    });
    const all = analyze(['/big'], { vfs });
    const none = timed(5, () => {
      matrix = matrixOf({ solution: all.workspace.solutions[0], findings: all.findings, environment: null });
    });
    assert.equal(matrix?.rows.length, VARIABLES + REFERENCES);
    t.diagnostic(`matrix build, 300 variables + 20 references × 5 environments, 5 runs each. Prod active: wall ${ms(active.wall)}, CPU ${ms(active.cpu)}; ` +
      `none active: wall ${ms(none.wall)}, CPU ${ms(none.cpu)}`);
  });
});
