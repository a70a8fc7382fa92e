// flowcop.json `pipelines` through a whole run (discover, the streaming lint and inspect): a named file
// outside the convention is linted, a missing one is a flowcop/parse-error at its entry.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, loadWorkspace } from '../../server/src/findings/analyze';
import { MemoryVfs } from '../../server/src/load/vfs';
import { inspectWorkspace } from '../../server/src/report/json';
import { buildSolutionFiles } from '../support/fixture';

const files = (config: unknown): MemoryVfs => {
  const tree: Record<string, string> = {
    // ci/ is outside the convention (a .ps1 or .sh that calls pac would be found anywhere).
    'ci/release.yml': 'steps:\n- task: PowerPlatformCreateEnvironment@2\n- task: PowerPlatformImportSolution@2\n  inputs:\n    SolutionInputFile: drop/ContosoRpa_managed.zip\n    StageAndUpgrade: true\n',
    'flowcop.json': JSON.stringify(config),
  };
  for (const [p, text] of Object.entries(buildSolutionFiles({ uniqueName: 'ContosoRpa' }))) tree[p] = text;
  return new MemoryVfs(Object.fromEntries(Object.entries(tree).map(([p, v]) => [`/w/${p}`, v])));
};

test('a pipeline named in flowcop.json is linted; without the entry it is not found', () => {
  const named = analyze(['/w'], { vfs: files({ pipelines: ['ci/*.yml'] }) }).findings;
  assert.deepEqual(named.filter(f => f.ruleId === 'pipeline/upgrade-on-first-install').map(f => f.loc.file.path), ['/w/ci/release.yml']);
  const unnamed = analyze(['/w'], { vfs: files({}) }).findings;
  assert.deepEqual(unnamed.filter(f => f.ruleId.startsWith('pipeline/')), []);
});

test('a missing named file is a flowcop/parse-error at the flowcop.json entry', () => {
  const { findings } = analyze(['/w'], { vfs: files({ pipelines: ['ci/missing.yml'] }) });
  const errors = findings.filter(f => f.ruleId === 'flowcop/parse-error');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].loc.file.path, '/w/flowcop.json');
  assert.equal(errors[0].loc.file.text.slice(errors[0].loc.span.start, errors[0].loc.span.end), '"ci/missing.yml"');
  assert.match(errors[0].message, /pipelines "ci\/missing\.yml": no such file/);
});

test('inspect lists the named pipeline', () => {
  const { workspace } = loadWorkspace(['/w'], { vfs: files({ pipelines: ['ci/release.yml'] }) });
  assert.deepEqual(inspectWorkspace(workspace, '/w').pipelines.map(p => [p.file, p.dialect, p.environmentCreations]), [['ci/release.yml', 'azure-devops', [2]]]);
});
