import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/pipeline/upgrade-drops-desktop-flow-sharing';
import { analyze } from '../../../server/src/findings/analyze';
import { MemoryVfs } from '../../../server/src/load/vfs';
import { RULES } from '../../../server/src/rules/registry';
import { positionAt } from '../../../server/src/util/text';
import { buildSolutionFiles, SolutionSpec } from '../../support/fixture';
import { runCase, ruleTester } from '../../support/rule-tester';
import { adoImport, ghImport, pacScript, withPipeline } from '../pipeline-fixtures';

const rpa: SolutionSpec = { uniqueName: 'ContosoRpa', desktopFlows: [{ name: 'Post invoices', script: "@@ConnectionString: ''\r\nSET Done TO 1" }] };
const cloudOnly: SolutionSpec = { uniqueName: 'ContosoRpa', cloudFlows: [{ name: 'Notify', definition: { actions: { Compose: { type: 'Compose', runAfter: {}, inputs: 'x' } } } }] };

ruleTester(rule, {
  valid: [
    { name: 'Azure DevOps import with the default (Update)', solution: withPipeline(rpa, 'azure-pipelines.yml', adoImport({})) },
    { name: 'Azure DevOps StageAndUpgrade: false', solution: withPipeline(rpa, 'azure-pipelines.yml', adoImport({ StageAndUpgrade: 'false' })) },
    { name: 'GitHub import with the default (Update)', solution: withPipeline(rpa, '.github/workflows/deploy.yml', ghImport({})) },
    { name: 'pac solution import without switches (Update)', solution: withPipeline(rpa, 'scripts/deploy.ps1', pacScript('')) },
    { name: 'a commented-out pac line', solution: withPipeline(rpa, 'deploy.sh', '# pac solution import --path ContosoRpa.zip --stage-and-upgrade\n') },
    { name: 'stage-and-upgrade of a solution without desktop flows', solution: withPipeline(cloudOnly, 'azure-pipelines.yml', adoImport({ StageAndUpgrade: 'true' })) },
    { name: 'stage-and-upgrade of another solution (zip named for it)', solution: withPipeline(rpa, 'azure-pipelines.yml', adoImport({ StageAndUpgrade: 'true' }, 'drop/OtherSolution_managed.zip')) },
    { name: 'a YAML file outside the convention is not read', solution: withPipeline(rpa, 'docs/example.yml', adoImport({ StageAndUpgrade: 'true' })) },
  ],
  invalid: [
    {
      name: 'Azure DevOps StageAndUpgrade: true',
      solution: withPipeline(rpa, 'azure-pipelines.yml', adoImport({ StageAndUpgrade: 'true' })),
      errors: [{ text: 'StageAndUpgrade: true', severity: 'warning', message: /stage and upgrade\) "ContosoRpa".*"Post invoices".*removes their sharing.*Update/, element: 'ContosoRpa' }],
    },
    {
      name: 'Azure DevOps input names in another case',
      solution: withPipeline(rpa, 'pipelines/release.yml', adoImport({ stageandupgrade: 'True' })),
      errors: [{ text: 'stageandupgrade: True' }],
    },
    {
      name: 'Azure DevOps holding solution (then applied)',
      solution: withPipeline(rpa, 'azure-pipelines.yml', `${adoImport({ HoldingSolution: 'true' })}  - task: PowerPlatformApplySolutionUpgrade@2\n    inputs:\n      SolutionName: ContosoRpa\n`),
      errors: [{ text: 'HoldingSolution: true', message: /holding solution, and applying it upgrades/ }],
    },
    {
      name: 'GitHub stage-and-upgrade: true',
      solution: withPipeline(rpa, '.github/workflows/deploy.yml', ghImport({ 'stage-and-upgrade': 'true' })),
      errors: [{ text: 'stage-and-upgrade: true' }],
    },
    {
      name: 'pac solution import --stage-and-upgrade in a PowerShell script',
      solution: withPipeline(rpa, 'scripts/deploy.ps1', pacScript(' `\n  --stage-and-upgrade')),
      errors: [{ text: '--stage-and-upgrade' }],
    },
    {
      name: 'pac -up in a shell script',
      solution: withPipeline(rpa, 'deploy.sh', 'pac solution import -p ./out/ContosoRpa_managed.zip -up\n'),
      errors: [{ text: '-up' }],
    },
    {
      name: 'pac in a GitHub run: step',
      solution: withPipeline(rpa, '.github/workflows/deploy.yml', 'on: push\njobs:\n  deploy:\n    runs-on: windows-latest\n    steps:\n      - run: |\n          pac solution import --path ContosoRpa.zip --import-as-holding\n          pac solution upgrade --solution-name ContosoRpa\n'),
      errors: [{ text: '--import-as-holding' }],
    },
    {
      name: 'pac pipeline deploy (in-product pipelines always upgrade)',
      solution: withPipeline(rpa, 'deploy/run.ps1', 'pac pipeline deploy --solutionName ContosoRpa --stageId 00000000-0000-0000-0000-000000000001 --currentVersion 1.0.0.1 --newVersion 1.0.0.2\n'),
      errors: [{ text: 'pac pipeline deploy', message: /in-product Power Platform pipeline/ }],
    },
  ],
});

test('done-when: an Azure DevOps and a GitHub stage-and-upgrade each warn at the input\'s line; the default (Update) does not', () => {
  const ado = adoImport({ StageAndUpgrade: 'true' });
  const gh = ghImport({ 'stage-and-upgrade': 'true' });
  for (const [path, text, input] of [['azure-pipelines.yml', ado, 'StageAndUpgrade'], ['.github/workflows/deploy.yml', gh, 'stage-and-upgrade']] as const) {
    const { findings } = runCase(rule, { solution: withPipeline(rpa, path, text) });
    assert.equal(findings.length, 1, path);
    const expectedLine = text.split('\n').findIndex(l => l.includes(`${input}:`));
    assert.ok(expectedLine > 0);
    assert.equal(positionAt(findings[0].loc.file, findings[0].loc.span.start).line, expectedLine, path);
    assert.ok(findings[0].loc.file.path.endsWith(path));
  }
  for (const [path, text] of [['azure-pipelines.yml', adoImport({})], ['.github/workflows/deploy.yml', ghImport({})]] as const) {
    assert.deepEqual(runCase(rule, { solution: withPipeline(rpa, path, text) }).findings, [], path);
  }
});

test('an import whose solution file is a variable is linked to every solution, and the message says so', () => {
  const files: Record<string, string> = { '/r/azure-pipelines.yml': adoImport({ StageAndUpgrade: 'true' }, '$(Pipeline.Workspace)/drop/$(SolutionName).zip') };
  for (const [folder, name] of [['rpa', 'ContosoRpa'], ['billing', 'ContosoBilling']]) {
    for (const [p, text] of Object.entries(buildSolutionFiles({ ...rpa, uniqueName: name }))) files[`/r/solutions/${folder}/${p}`] = text;
  }
  const { findings } = analyze(['/r'], { vfs: new MemoryVfs(files), rules: [rule, ...RULES.filter(r => r.meta.id !== rule.meta.id)] });
  const own = findings.filter(f => f.ruleId === rule.meta.id);
  assert.deepEqual(own.map(f => f.logical.element?.name).sort(), ['ContosoBilling', 'ContosoRpa']);
  for (const f of own) assert.match(f.message, /does not say which solution it imports; FlowCop assumed every solution/);
  // Named by its zip, only the one solution is linked, and nothing is assumed.
  files['/r/azure-pipelines.yml'] = adoImport({ StageAndUpgrade: 'true' }, 'drop/ContosoBilling_1_0_0_2_managed.zip');
  const named = analyze(['/r'], { vfs: new MemoryVfs(files), rules: [rule, ...RULES.filter(r => r.meta.id !== rule.meta.id)] }).findings.filter(f => f.ruleId === rule.meta.id);
  assert.deepEqual(named.map(f => f.logical.element?.name), ['ContosoBilling']);
  assert.doesNotMatch(named[0].message, /assumed/);
});
