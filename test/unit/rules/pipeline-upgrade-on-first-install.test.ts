// pipeline/upgrade-on-first-install: an upgrade (stage-and-upgrade, holding) where the pipeline shows a
// first install — it creates or resets the environment first, or the file or stage is named for setup.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/pipeline/upgrade-on-first-install';
import { namesSetup } from '../../../server/src/analysis/pipeline/first-install';
import type { SolutionSpec } from '../../support/fixture';
import { runCase, ruleTester } from '../../support/rule-tester';
import { adoImport, ghImport, withPipeline } from '../pipeline-fixtures';

const cloudOnly: SolutionSpec = { uniqueName: 'ContosoRpa', cloudFlows: [{ name: 'Notify', definition: { actions: { Compose: { type: 'Compose', runAfter: {}, inputs: 'x' } } } }] };

/** An Azure DevOps pipeline whose first stage creates the environment, then imports into it. */
const adoCreateThenImport = (mode: string) => [
  'stages:',
  '- stage: Provision',
  '  jobs:',
  '  - job: Create',
  '    steps:',
  '    - task: PowerPlatformCreateEnvironment@2',
  '      inputs:',
  '        authenticationType: PowerPlatformSPN',
  '        PowerPlatformSPN: contoso-test',
  '        DisplayName: Contoso Test $(Build.BuildId)',
  '- stage: Test',
  '  jobs:',
  '  - job: Deploy',
  '    steps:',
  '    - task: PowerPlatformImportSolution@2',
  '      inputs:',
  '        authenticationType: PowerPlatformSPN',
  '        PowerPlatformSPN: contoso-test',
  '        SolutionInputFile: drop/ContosoRpa_managed.zip',
  ...(mode ? [`        ${mode}: true`] : []),
  '',
].join('\n');

const ghCreateThenImport = [
  'on: workflow_dispatch',
  'jobs:',
  '  sandbox:',
  '    runs-on: windows-latest',
  '    steps:',
  '      - uses: microsoft/powerplatform-actions/create-environment@v1',
  '        with:',
  '          name: contoso-sandbox',
  '      - uses: microsoft/powerplatform-actions/import-solution@v1',
  '        with:',
  '          solution-file: out/ContosoRpa_managed.zip',
  '          stage-and-upgrade: true',
  '',
].join('\n');

ruleTester(rule, {
  valid: [
    { name: 'a plain import (Update) after creating the environment', solution: withPipeline(cloudOnly, 'azure-pipelines.yml', adoCreateThenImport('')) },
    { name: 'stage-and-upgrade into an existing environment (no sign of a first install)', solution: withPipeline(cloudOnly, 'azure-pipelines.yml', adoImport({ StageAndUpgrade: 'true' })) },
    { name: 'a pac script that resets the environment after the import', solution: withPipeline(cloudOnly, 'deploy/release.ps1', 'pac solution import --path ContosoRpa.zip --stage-and-upgrade\npac admin reset --environment $env:SANDBOX\n') },
    { name: 'a setup script that imports as an Update', solution: withPipeline(cloudOnly, 'scripts/bootstrap-env.ps1', 'pac solution import --path ContosoRpa_managed.zip\n') },
    { name: 'pac pipeline deploy (in-product pipelines install on the first run)', solution: withPipeline(cloudOnly, 'scripts/setup.ps1', 'pac pipeline deploy --solutionName ContosoRpa --stageId 1\n') },
    { name: 'a word that only contains "init" is not a setup name', solution: withPipeline(cloudOnly, 'deploy/definitive.ps1', 'pac solution import --path ContosoRpa.zip -up\n') },
  ],
  invalid: [
    {
      name: 'Azure DevOps: the pipeline creates the environment, then StageAndUpgrade',
      solution: withPipeline(cloudOnly, 'azure-pipelines.yml', adoCreateThenImport('StageAndUpgrade')),
      errors: [{ text: 'StageAndUpgrade: true', severity: 'warning', element: 'ContosoRpa', message: /with stage and upgrade, but this pipeline creates or resets its environment first \(line 6\).*missing base.*plain import/ }],
    },
    {
      name: 'Azure DevOps: creates the environment, then a holding import',
      solution: withPipeline(cloudOnly, 'azure-pipelines.yml', adoCreateThenImport('HoldingSolution')),
      errors: [{ text: 'HoldingSolution: true', message: /as a holding solution \(an upgrade\)/ }],
    },
    {
      name: 'GitHub: create-environment, then stage-and-upgrade',
      solution: withPipeline(cloudOnly, '.github/workflows/sandbox.yml', ghCreateThenImport),
      errors: [{ text: 'stage-and-upgrade: true', message: /line 6/ }],
    },
    {
      name: 'pac: admin create, then import --stage-and-upgrade',
      solution: withPipeline(cloudOnly, 'deploy/new-sandbox.sh', 'pac admin create --name "Contoso sandbox" --type Sandbox\npac solution import --path ContosoRpa_managed.zip --stage-and-upgrade\n'),
      errors: [{ text: '--stage-and-upgrade', message: /line 1/ }],
    },
    {
      name: 'a bootstrap script imports with stage-and-upgrade',
      solution: withPipeline(cloudOnly, 'scripts/bootstrap-env.ps1', 'pac auth create --environment $env:NEW_URL\npac solution import --path ContosoRpa_managed.zip -up\n'),
      errors: [{ text: '-up', message: /the file "bootstrap-env.ps1" is named for setting up an environment/ }],
    },
    {
      name: 'a GitHub environment named for the first install',
      solution: withPipeline(cloudOnly, '.github/workflows/deploy.yml', ghImport({ 'import-as-holding': 'true' }).replace('environment: Prod', 'environment: FirstInstall')),
      errors: [{ text: 'import-as-holding: true', message: /the stage "FirstInstall"/ }],
    },
  ],
});

test('namesSetup: setup words as whole words, camelCase and separators alike', () => {
  for (const name of ['bootstrap.ps1', 'Provision_Env', 'NewEnvironment', 'first-install.yml', 'setup.sh', 'Initial Deployment']) assert.ok(namesSetup(name), name);
  for (const name of ['deploy.ps1', 'definitive.yml', 'Prod', 'settings-setupx.yml', 'release-pipeline.yml']) assert.equal(namesSetup(name), false, name);
});

test('the finding carries the evidence kind and the mode', () => {
  const { findings } = runCase(rule, { solution: withPipeline(cloudOnly, 'azure-pipelines.yml', adoCreateThenImport('StageAndUpgrade')) });
  assert.deepEqual(findings.map(f => f.data), [{ evidence: 'creates-environment', mode: 'stage-and-upgrade' }]);
});
