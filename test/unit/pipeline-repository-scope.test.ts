// Found on first contact with public repositories (test/eval-pipelines/FIRST-CONTACT.md): an import that
// does not name its solution deploys one of its own repository's, not every solution of the run; local
// composite actions are pipelines too; a folder with pipelines and no solution is lintable (exit 0, a note).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import { MemoryVfs } from '../../server/src/load/vfs';
import { pipelineDialectOf } from '../../server/src/discover/pipelines';
import { runCli } from '../../server/src/cli';
import type { CliIO } from '../../server/src/cli/io';
import { buildSolutionFiles } from '../support/fixture';
import { ghImport } from './pipeline-fixtures';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const solution = (uniqueName: string) => buildSolutionFiles({
  uniqueName,
  connectionReferences: [{ logicalName: `${uniqueName.toLowerCase()}_sp`, connectorId: SP }],
  cloudFlows: [{ name: 'Invoices', uses: [{ key: 'shared_sharepointonline', logicalName: `${uniqueName.toLowerCase()}_sp` }] }],
});
const under = (prefix: string, files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([p, v]) => [`${prefix}/${p}`, v]));
// Imports `$(…)`-named files without settings: pipeline/missing-settings-file for whichever solutions it is linked to.
const UNNAMED = ghImport({}, 'out/${{ inputs.solution }}.zip');

function missingSettings(tree: Record<string, string>): string[] {
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(tree).map(([p, v]) => [`/w/${p}`, v])));
  return analyze(['/w'], { vfs }).findings.filter(f => f.ruleId === 'pipeline/missing-settings-file')
    .map(f => `${f.loc.file.path} → ${f.owner.solution?.uniqueName}`).sort();
}

test('a workflow that does not name its solution is linked to the solutions of its own repository only', () => {
  const tree = { ...under('repoA', solution('Alpha')), ...under('repoB', solution('Beta')), 'repoA/.github/workflows/deploy.yml': UNNAMED };
  assert.deepEqual(missingSettings(tree), ['/w/repoA/.github/workflows/deploy.yml → Alpha']);
});

test('a pipeline outside .github belongs to the nearest folder with .git; without one, to the whole run', () => {
  const tree = { ...under('repoA', solution('Alpha')), ...under('repoB', solution('Beta')), 'repoA/pipelines/deploy.yml': UNNAMED.replace('on: workflow_dispatch', 'trigger: none') };
  assert.deepEqual(missingSettings(tree), ['/w/repoA/pipelines/deploy.yml → Alpha', '/w/repoA/pipelines/deploy.yml → Beta']);
  assert.deepEqual(missingSettings({ ...tree, 'repoA/.git/HEAD': 'ref: refs/heads/main\n' }), ['/w/repoA/pipelines/deploy.yml → Alpha']);
});

test('a local composite action is read as a GitHub pipeline', () => {
  assert.equal(pipelineDialectOf('/r/.github/actions/deploy/action.yml'), 'github');
  assert.equal(pipelineDialectOf('/r/.github/action.yaml'), 'github');
  assert.equal(pipelineDialectOf('/r/src/action.yml'), undefined);
  const action = [
    'name: deploy', 'runs:', '  using: composite', '  steps:',
    '    - uses: microsoft/powerplatform-actions/import-solution@v1', '      with:',
    '        environment-url: ${{ inputs.environment-url }}', '        solution-file: out/${{ inputs.solution }}.zip', '',
  ].join('\n');
  assert.deepEqual(missingSettings({ ...solution('Alpha'), '.github/actions/deploy/action.yml': action }), ['/w/.github/actions/deploy/action.yml → Alpha']);
});

test('a folder with pipelines and no solution is lintable: exit 0 and a note', () => {
  let err = '';
  const io: CliIO = { cwd: '/w', vfs: new MemoryVfs({ '/w/.github/workflows/deploy.yml': UNNAMED }), env: {}, isTTY: false, stdout: () => {}, stderr: s => { err += s; }, writeFile: () => {} };
  const code = runCli(['lint', '.'], io);
  assert.equal(code, 0);
  assert.match(err, /1 deployment pipeline file found but no solution they deploy/);
  assert.doesNotMatch(err, /nothing lintable/);
});
