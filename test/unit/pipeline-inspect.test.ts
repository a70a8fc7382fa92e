// `inspect`: the pipelines part of the report, its JSON shape, and the text listing with the same content.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadWorkspace } from '../../server/src/findings/analyze';
import { MemoryVfs } from '../../server/src/load/vfs';
import { formatInspectJson, formatInspectText, inspectWorkspace } from '../../server/src/report/json';
import { buildSolutionFiles } from '../support/fixture';
import { adoImport, ghImport } from './pipeline-fixtures';

function report(extra: Record<string, string>) {
  const files: Record<string, string> = {};
  const spec = { uniqueName: 'ContosoRpa', environmentVariables: [{ schemaName: 'cr1a2_Url' }], settings: { Prod: { EnvironmentVariables: [{ SchemaName: 'cr1a2_Url', Value: 'https://x' }], ConnectionReferences: [] } } };
  for (const [p, text] of Object.entries({ ...buildSolutionFiles(spec), ...extra })) files[`/w/${p}`] = text;
  const { workspace } = loadWorkspace(['/w'], { vfs: new MemoryVfs(files) });
  return inspectWorkspace(workspace, '/w');
}

test('inspect --format json: every pipeline with its steps, linked solutions, modes, settings, stage and identity', () => {
  const ado = `${adoImport({ StageAndUpgrade: 'true', UseDeploymentSettingsFile: 'true', DeploymentSettingsFile: 'config/Prod/deploymentSettings.json' }, 'drop/ContosoRpa_managed.zip')}    - task: PowerPlatformApplySolutionUpgrade@2\n      inputs:\n        SolutionName: ContosoRpa\n`;
  const r = report({
    'azure-pipelines.yml': ado,
    '.github/workflows/deploy.yml': ghImport({}),
    'deploy/new.sh': 'pac admin create --name sandbox\npac auth create --applicationId 3f2c1b0a-1111-4222-8333-944445555666 --clientSecret "$S"\npac solution import --path $OUT/$NAME.zip --import-as-holding --settings-file missing.json\npac pipeline deploy --solutionName ContosoRpa --stageId 1\n',
  });
  assert.deepEqual(r.pipelines, [
    {
      file: '.github/workflows/deploy.yml', dialect: 'github', environmentCreations: [],
      steps: [{ kind: 'import', line: 9, solution: 'out/ContosoRpa_managed.zip', solutions: ['ContosoRpa'], assumed: false, mode: 'update', modeFlag: null, settingsFile: null, settings: null, stage: 'Prod', environment: 'https://contoso-prod.crm.dynamics.com', identity: { kind: 'application', name: '${{ vars.APP_ID }}' } }],
    },
    {
      file: 'azure-pipelines.yml', dialect: 'azure-devops', environmentCreations: [],
      steps: [
        { kind: 'import', line: 8, solution: 'drop/ContosoRpa_managed.zip', solutions: ['ContosoRpa'], assumed: false, mode: 'stage-and-upgrade', modeFlag: 'StageAndUpgrade: true', settingsFile: 'config/Prod/deploymentSettings.json', settings: { state: 'found', file: 'config/Prod/deploymentSettings.json', environment: 'Prod' }, stage: 'Prod', environment: null, identity: { kind: 'service-connection', name: 'contoso-prod' } },
        { kind: 'apply', line: 16, solutionName: 'ContosoRpa' },
      ],
    },
    {
      file: 'deploy/new.sh', dialect: 'script', environmentCreations: [1],
      steps: [
        { kind: 'import', line: 3, solution: '$OUT/$NAME.zip', solutions: ['ContosoRpa'], assumed: false, mode: 'holding', modeFlag: '--import-as-holding', settingsFile: 'missing.json', settings: { state: 'missing' }, stage: null, environment: null, identity: { kind: 'application', name: '3f2c1b0a…' } },
        { kind: 'deploy', line: 4, solution: 'ContosoRpa', solutions: ['ContosoRpa'], assumed: false, mode: 'pipeline-deploy', modeFlag: null, settingsFile: null, settings: null, stage: null, environment: null, identity: { kind: 'application', name: '3f2c1b0a…' } },
      ],
    },
  ]);
  const json = JSON.parse(formatInspectJson(r));
  assert.deepEqual(json.pipelines, r.pipelines, 'the JSON output carries the same array');
});

test('inspect text: the same content, one line per step, after the solutions', () => {
  const r = report({ 'deploy/new.sh': 'pac admin create --name sandbox\npac solution import --path ContosoRpa_managed.zip -up --settings-file config/Prod/deploymentSettings.json\npac solution upgrade -sn ContosoRpa\n' });
  const text = formatInspectText(r);
  const part = text.slice(text.indexOf('Pipelines:'));
  assert.equal(part, [
    'Pipelines:',
    '  deploy/new.sh (script)',
    '    line 1: creates or resets an environment',
    '    line 2: import ContosoRpa_managed.zip as stage-and-upgrade (-up), solution ContosoRpa, settings config/Prod/deploymentSettings.json (found)',
    '    line 3: apply upgrade of ContosoRpa',
    '',
  ].join('\n'));
  assert.doesNotMatch(formatInspectText(report({})), /Pipelines:/, 'no section without pipelines');
});

test('inspect text escapes names from the pipeline files', () => {
  const r = report({ 'deploy/x.ps1': 'pac solution import --path "Contoso\u001b[31mRpa.zip"\n' });
  const text = formatInspectText(r);
  assert.ok(text.includes('Pipelines:'));
  assert.ok(!text.includes('\u001b'), 'no raw escape character');
});
