// Identities pipeline steps deploy with (service connections, app ids, pac auth users and profiles),
// steps that create or reset environments, and the identity facts over them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPipeline } from '../../server/src/load/pipeline';
import type { PipelineImport } from '../../server/src/model/pipeline';
import { createSourceFile } from '../../server/src/util/text';
import { adoImport, ghImport } from './pipeline-fixtures';

const imports = (path: string, text: string, dialect: 'azure-devops' | 'github' | 'script') =>
  loadPipeline(createSourceFile(path, text), dialect).pipeline!.steps.filter((s): s is PipelineImport => s.kind === 'import');
const spanText = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

test('Azure DevOps: the service connection that authenticationType chooses, at its input line', () => {
  const text = adoImport({});
  const [step] = imports('/r/azure-pipelines.yml', text, 'azure-devops');
  assert.equal(step.identity?.kind, 'service-connection');
  assert.equal(step.identity?.value.text, 'contoso-prod');
  assert.equal(spanText(text, step.identity!.value.loc.span), 'PowerPlatformSPN: contoso-prod');
  const userPassword = adoImport({ PowerPlatformEnvironment: 'contoso-user-conn' }).replace('authenticationType: PowerPlatformSPN', 'authenticationType: PowerPlatformEnvironment');
  assert.equal(imports('/r/azure-pipelines.yml', userPassword, 'azure-devops')[0].identity?.value.text, 'contoso-user-conn');
});

test('GitHub: app-id (or client-id), else user-name', () => {
  assert.equal(imports('/r/.github/workflows/d.yml', ghImport({}), 'github')[0].identity?.value.text, '${{ vars.APP_ID }}');
  const client = ghImport({}).replace('app-id:', 'client-id:');
  assert.equal(imports('/r/.github/workflows/d.yml', client, 'github')[0].identity?.kind, 'application');
  const user = ghImport({ 'user-name': 'prod-rpa-cloud@contoso.com' }).replace(/ *app-id:.*\n/, '');
  assert.deepEqual(imports('/r/.github/workflows/d.yml', user, 'github')[0].identity && { kind: 'user', text: 'prod-rpa-cloud@contoso.com' }, { kind: 'user', text: 'prod-rpa-cloud@contoso.com' });
});

test('pac: each import runs as the last pac auth create/select above it', () => {
  const text = [
    'pac solution import --path A.zip',
    'pac auth create --name dev --applicationId 11111111-2222-3333-4444-555555555555 --clientSecret $env:S --tenant $env:T',
    'pac solution import --path B.zip',
    'pac auth create -un prod-rpa-cloud@contoso.com',
    'pac solution import --path C.zip',
    'pac auth select --name dev',
    'pac solution import --path D.zip',
    '',
  ].join('\n');
  const steps = imports('/r/deploy.ps1', text, 'script');
  assert.deepEqual(steps.map(s => s.identity && [s.identity.kind, s.identity.value.text]), [
    undefined, ['application', '11111111-2222-3333-4444-555555555555'], ['user', 'prod-rpa-cloud@contoso.com'], ['profile', 'dev'],
  ]);
  assert.equal(spanText(text, steps[1].identity!.value.loc.span), '--applicationId 11111111-2222-3333-4444-555555555555');
});

test('pac in YAML run steps carries the auth profile across steps, and the step\'s stage', () => {
  const text = 'on: push\njobs:\n  prod:\n    runs-on: ubuntu-latest\n    environment: Prod\n    steps:\n      - run: pac auth create --applicationId ${{ secrets.APP_ID }} --clientSecret ${{ secrets.S }} --tenant t\n      - run: pac solution import --path C.zip\n';
  const [step] = imports('/r/.github/workflows/d.yml', text, 'github');
  assert.equal(step.stage, 'Prod');
  assert.equal(step.identity?.value.text, '${{ secrets.APP_ID }}');
});

test('steps that create or reset an environment, in each dialect', () => {
  const ado = 'steps:\n- task: PowerPlatformCreateEnvironment@2\n- task: microsoft-IsvExpTools.PowerPlatform-BuildTools.reset-environment.PowerPlatformResetEnvironment@2\n- task: PowerPlatformImportSolution@2\n';
  assert.equal(loadPipeline(createSourceFile('/r/azure-pipelines.yml', ado), 'azure-devops').pipeline!.environmentCreations?.length, 2);
  const gh = 'on: push\njobs:\n  a:\n    steps:\n      - uses: microsoft/powerplatform-actions/reset-environment@v1\n      - uses: microsoft/powerplatform-actions/import-solution@v1\n';
  assert.equal(loadPipeline(createSourceFile('/r/.github/workflows/a.yml', gh), 'github').pipeline!.environmentCreations?.length, 1);
  const pac = 'pac admin create --name x --type Sandbox\n# pac admin reset --environment y\npac solution import --path a.zip\n';
  const created = loadPipeline(createSourceFile('/r/new.sh', pac), 'script').pipeline!.environmentCreations!;
  assert.deepEqual(created.map(c => pac.slice(c.span.start, c.span.end)), ['pac admin create --name x --type Sandbox'], 'a commented-out line does not count');
  assert.equal(loadPipeline(createSourceFile('/r/azure-pipelines.yml', adoImport({})), 'azure-devops').pipeline!.environmentCreations, undefined);
});
