// `--fix` reaches its fixed point in one run: on trees with many fixable values of every kind (pad and
// cloud secrets, paths, URLs, machines, sites) in the unpacked, clone and raw layouts and the YAML
// layout, one round applies every fix, a second run changes nothing, no two new variables share a
// schema or display name, and when the round cap stops a run the result says what remains.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import { diskStore, memoryStore } from '../../server/src/fix/change';
import { fixAll } from '../../server/src/fix/run';
import { DiskVfs, MemoryVfs } from '../../server/src/load/vfs';
import { writeFixture } from '../support/fixture';
import { yamlTree } from '../support/yaml-layout';
import { describeFindings, tempDir, treeHash } from './fix-support';
import { manyValuesSolution } from './fix-many';
import { CLOUD } from './fix-specs';

const BROKEN = ['flowcop/parse-error', 'pad/syntax'];

function fixDisk(dir: string, maxRounds?: number) {
  return fixAll({ paths: [dir], vfs: new DiskVfs(), store: diskStore(), environment: 'Dev', maxRounds });
}

/** Every new variable's names are distinct (schema names and display names, per solution). */
function assertDistinctNames(dir: string): void {
  for (const solution of analyze([dir], { vfs: new DiskVfs() }).workspace.solutions) {
    const schemas = solution.environmentVariables.map(v => v.schemaName.toLowerCase());
    const displays = solution.environmentVariables.map(v => v.displayName.toLowerCase());
    assert.equal(new Set(schemas).size, schemas.length, `${solution.uniqueName}: duplicate schema names`);
    assert.equal(new Set(displays).size, displays.length, `${solution.uniqueName}: duplicate display names ${displays.join(', ')}`);
  }
}

describe('--fix in one run', () => {
  test('two solutions (unpacked and clone layouts) with 60+ fixable findings: one round, then nothing to do', () => {
    const dir = tempDir('rounds');
    writeFixture(path.join(dir, 'A'), manyValuesSolution('Alpha'), 'unpacked');
    writeFixture(path.join(dir, 'B'), manyValuesSolution('Bravo'), 'cdsproj');
    const before = analyze([dir], { vfs: new DiskVfs(), environment: 'Dev' });
    const kinds = new Set(before.findings.map(f => f.ruleId));
    for (const rule of ['cloud/environment-specific-value', 'cloud/hardcoded-machine', 'cloud/plaintext-secret', 'pad/plaintext-secret', 'pad/environment-specific-path', 'pad/environment-specific-url', 'pad/hardcoded-machine']) {
      assert.ok(kinds.has(rule), `the tree has ${rule} findings`);
    }
    const first = fixDisk(dir);
    assert.ok(first.applied.length >= 60, `${first.applied.length} fixes`);
    assert.equal(first.rounds, 1, 'every fix in one round');
    assert.deepEqual(first.failed, []);
    assert.equal(first.remainingFixable, undefined);
    const after = first.analysis.findings;
    assert.deepEqual(after.filter(f => BROKEN.includes(f.ruleId)).map(f => f.message), []);
    const fixedRules = new Set([...kinds].filter(r => /plaintext-secret|environment-specific|hardcoded-machine/.test(r)));
    assert.deepEqual(after.filter(f => fixedRules.has(f.ruleId)).map(f => f.message), [], describeFindings(after));
    assertDistinctNames(dir);
    const hash = treeHash(dir);
    const second = fixDisk(dir);
    assert.equal(second.applied.length, 0, second.applied.map(a => a.title).join('\n'));
    assert.equal(treeHash(dir), hash, 'the second run changes nothing');
  });

  test('the raw (packed-then-extracted) layout, with many values per flow', () => {
    const dir = tempDir('rounds-raw');
    writeFixture(dir, manyValuesSolution('Raw', { cloudFlows: 2, sitesPerFlow: 6, desktopFlows: 2, pathsPerDesktopFlow: 5 }), 'raw');
    const first = fixDisk(dir);
    assert.equal(first.rounds, 1);
    assert.deepEqual(first.analysis.findings.filter(f => BROKEN.includes(f.ruleId)).map(f => f.message), []);
    assertDistinctNames(dir);
    const hash = treeHash(dir);
    assert.equal(fixDisk(dir).applied.length, 0);
    assert.equal(treeHash(dir), hash);
  });

  test('the YAML layout: the new variables of a round are all listed in solutioncomponents.yml', () => {
    const vfs = new MemoryVfs(yamlTree());
    const run = () => fixAll({ paths: ['/w'], vfs, store: memoryStore(vfs) });
    const first = run();
    assert.ok(first.applied.length >= 2);
    assert.equal(first.rounds, 1);
    assert.deepEqual(first.analysis.findings.filter(f => BROKEN.includes(f.ruleId)).map(f => f.message), []);
    const second = run();
    assert.equal(second.applied.length, 0, second.applied.map(a => a.title).join('\n'));
  });

  test('two secrets in one action wait for each other; the round cap then reports what remains', () => {
    // Both secret fixes rewrite the same action's runAfter: not appends, so the second waits a round.
    const flow = JSON.parse(JSON.stringify(CLOUD.cloudFlows![0]));
    flow.definition.actions.Post_audit.inputs.headers['x-functions-key'] = 'Zm9vYmFyLWZ1bmN0aW9ucy1rZXktOTg3NjU0';
    const dir = tempDir('rounds-cap');
    writeFixture(dir, { ...CLOUD, cloudFlows: [flow] }, 'unpacked');
    const capped = fixDisk(dir, 1);
    assert.equal(capped.rounds, 1);
    assert.ok((capped.remainingFixable ?? 0) >= 1, 'the result says fixable findings remain');
    const rest = fixDisk(dir);
    assert.ok(rest.applied.length >= 1);
    assert.equal(rest.remainingFixable, undefined);
    assert.equal(fixDisk(dir).applied.length, 0);
  });

  test('the round cap is not reached by a solution with 30 values in one flow', () => {
    const dir = tempDir('rounds-30');
    writeFixture(dir, manyValuesSolution('Wide', { cloudFlows: 1, sitesPerFlow: 30, desktopFlows: 1, pathsPerDesktopFlow: 30 }), 'unpacked');
    const first = fixDisk(dir);
    assert.equal(first.rounds, 1);
    assert.ok(first.applied.length >= 60);
    assertDistinctNames(dir);
    assert.ok(fs.existsSync(dir));
    assert.equal(fixDisk(dir).applied.length, 0);
  });
});
