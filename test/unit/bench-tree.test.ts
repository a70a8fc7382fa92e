// The benchmark's generated trees (scripts/bench/generate-tree.mjs): the same seed gives the same bytes,
// the L plan has the counts issue 14 asks for, and FlowCop loads a generated tree as planned (every
// layout discovered, every flow with its planned size, three environments per solution).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { loadWorkspace } from '../../server/src/findings/analyze';
import { DiskVfs } from '../../server/src/load/vfs';

const ROOT = [path.resolve(__dirname, '../../..'), path.resolve(__dirname, '../..')].find(d => fs.existsSync(path.join(d, 'scripts', 'bench', 'generate-tree.mjs')))!;

interface FlowPlan { actions?: number; lines?: number; plants: Array<{ kind: string; seq: number }> }
interface SolutionPlan { uniqueName: string; layout: string; cloudFlows: FlowPlan[]; desktopFlows: FlowPlan[]; envVars: number }
interface Plan {
  seed: number;
  solutions: SolutionPlan[];
  totals: { solutions: number; cloudFlows: number; desktopFlows: number; envVars: number; environments: number; layouts: Record<string, number>; plantedFindings: number };
}
interface Generator {
  planTree(size: string, seed?: number): Plan;
  treeFiles(plan: Plan): Iterable<[string, string | Buffer]>;
  generateTree(size: string, outDir: string, seed?: number): { dir: string; files: number; bytes: number; plan: Plan };
}

// The generator is a plain ES module (usable without a build); the test loads it as one.
const generator = (): Promise<Generator> => import(pathToFileURL(path.join(ROOT, 'scripts', 'bench', 'generate-tree.mjs')).href);

function digest(files: Iterable<[string, string | Buffer]>): { hash: string; count: number } {
  const hash = createHash('sha256');
  let count = 0;
  for (const [rel, content] of files) {
    hash.update(rel).update('\0').update(content).update('\0');
    count++;
  }
  return { hash: hash.digest('hex'), count };
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('benchmark trees', () => {
  test('two generations of the same size and seed are byte-identical; another seed differs', async () => {
    const g = await generator();
    const first = digest(g.treeFiles(g.planTree('S')));
    const second = digest(g.treeFiles(g.planTree('S')));
    assert.ok(first.count > 100, `S has only ${first.count} files`);
    assert.equal(second.hash, first.hash, 'the same seed must give the same bytes (zip entries included)');
    assert.notEqual(digest(g.treeFiles(g.planTree('S', 15))).hash, first.hash, 'the seed must matter');
  });

  test('L has the counts issue 14 asks for; M is a quarter of it and S a sixteenth', async () => {
    const g = await generator();
    const L = g.planTree('L');
    assert.deepEqual({ ...L.totals, layouts: undefined, plantedFindings: undefined }, {
      solutions: 20, cloudFlows: 2000, desktopFlows: 500, envVars: 300, environments: 3, layouts: undefined, plantedFindings: undefined,
    });
    assert.ok(L.totals.layouts.yaml >= 2 && L.totals.layouts.zip >= 2, `a few YAML and packed solutions: ${JSON.stringify(L.totals.layouts)}`);
    assert.ok(L.totals.layouts.unpacked > L.totals.solutions / 2, 'most solutions unpacked');
    const cloud = L.solutions.flatMap(s => s.cloudFlows);
    const desktop = L.solutions.flatMap(s => s.desktopFlows);
    assert.ok(cloud.every(f => f.actions! >= 30 && f.actions! <= 60), 'cloud flows of 30–60 actions');
    assert.ok(desktop.every(f => f.lines! >= 300 && f.lines! <= 500), 'desktop flows of 300–500 lines');
    assert.ok(new Set(cloud.map(f => f.actions)).size > 20 && new Set(desktop.map(f => f.lines)).size > 100, 'sizes vary, not copies of one flow');
    assert.ok(L.totals.plantedFindings > 20 && L.totals.plantedFindings < cloud.length / 5, `some findings: ${L.totals.plantedFindings}`);
    const M = g.planTree('M');
    const S = g.planTree('S');
    assert.equal(M.totals.cloudFlows * 4, L.totals.cloudFlows);
    assert.equal(M.totals.desktopFlows * 4, L.totals.desktopFlows);
    assert.equal(Math.round(L.totals.cloudFlows / S.totals.cloudFlows), 16);
    assert.equal(Math.round(L.totals.desktopFlows / S.totals.desktopFlows), 16);
  });

  test('the fix tree plants exactly 200 fixable findings and no others', async () => {
    const g = await generator();
    const fix = g.planTree('FIX');
    assert.equal(fix.totals.plantedFindings, 200);
    const seqs = fix.solutions.flatMap(s => [...s.cloudFlows, ...s.desktopFlows]).flatMap(f => f.plants.map(p => p.seq));
    assert.equal(new Set(seqs).size, 200, 'every planted value differs');
  });

  test('FlowCop loads a generated tree as planned', async () => {
    const g = await generator();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-bench-tree-'));
    try {
      const { plan } = g.generateTree('S', dir);
      const { workspace } = loadWorkspace([dir], { vfs: new DiskVfs() });
      assert.equal(workspace.solutions.length, plan.totals.solutions);
      for (const planned of plan.solutions) {
        const s = workspace.solutions.find(x => x.uniqueName === planned.uniqueName);
        assert.ok(s, `${planned.uniqueName} not discovered`);
        assert.equal(s.layout, planned.layout);
        assert.deepEqual(sorted(s.cloudFlows.map(f => f.actions.length)), sorted(planned.cloudFlows.map(f => f.actions!)), `${s.uniqueName}: action counts`);
        assert.deepEqual(sorted(s.desktopFlows.map(f => f.script!.text.split('\r\n').length)), sorted(planned.desktopFlows.map(f => f.lines!)), `${s.uniqueName}: script lines`);
        assert.equal(s.environmentVariables.length, planned.envVars);
        assert.deepEqual(s.environments.map(e => e.environment).sort(), ['Dev', 'Prod', 'Test']);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
