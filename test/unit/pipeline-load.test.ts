import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pipelineDialectOf } from '../../server/src/discover/pipelines';
import { analyze } from '../../server/src/findings/analyze';
import { loadPipeline } from '../../server/src/load/pipeline';
import type { PipelineImport } from '../../server/src/model/pipeline';
import { discover } from '../../server/src/discover/discover';
import { MemoryVfs } from '../../server/src/load/vfs';
import { createSourceFile } from '../../server/src/util/text';

const spanText = (text: string, v?: { loc: { span: { start: number; end: number } } }) => (v ? text.slice(v.loc.span.start, v.loc.span.end) : undefined);

test('pipeline files are found by convention', () => {
  assert.equal(pipelineDialectOf('/r/.github/workflows/deploy.yml'), 'github');
  assert.equal(pipelineDialectOf('/r/azure-pipelines.yml'), 'azure-devops');
  assert.equal(pipelineDialectOf('/r/azure-pipelines-release.yaml'), 'azure-devops');
  assert.equal(pipelineDialectOf('/r/Pipelines/templates/import.yml'), 'azure-devops');
  assert.equal(pipelineDialectOf('/r/.pipelines/x.yml'), 'azure-devops');
  assert.equal(pipelineDialectOf('/r/deploy/x.yaml'), 'azure-devops');
  assert.equal(pipelineDialectOf('/r/scripts/deploy.ps1'), 'script');
  assert.equal(pipelineDialectOf('/r/docs/x.yml'), undefined);
  assert.equal(pipelineDialectOf('/r/.github/dependabot.yml'), undefined);
});

test('a pac command continued over lines, with its flags and values at their text', () => {
  const text = 'pac solution import `\n  --path "./out/Contoso_managed.zip" `\n  --settings-file ./config/prod.json `\n  -up\nWrite-Host done\n';
  const { pipeline } = loadPipeline(createSourceFile('/r/deploy.ps1', text), 'script');
  const step = pipeline!.steps[0] as PipelineImport;
  assert.equal(pipeline!.steps.length, 1);
  assert.equal(step.mode, 'stage-and-upgrade');
  assert.equal(spanText(text, step.modeLoc ? { loc: step.modeLoc } : undefined), '-up');
  assert.equal(step.solution?.text, './out/Contoso_managed.zip');
  assert.equal(step.settingsFile?.text, './config/prod.json');
  assert.equal(spanText(text, step.settingsFile), '--settings-file ./config/prod.json');
});

test('--stage-and-upgrade false is an Update; pac solution upgrade is an apply step', () => {
  const text = 'pac solution import --path a.zip --stage-and-upgrade false\npac solution upgrade -sn Contoso\n';
  const { pipeline } = loadPipeline(createSourceFile('/r/d.sh', text), 'script');
  assert.deepEqual(pipeline!.steps.map(s => (s.kind === 'import' ? s.mode : `apply ${s.solutionName?.text}`)), ['update', 'apply Contoso']);
});

test('Azure DevOps: inputs ignore case; the stage is kept; the settings file counts only when switched on', () => {
  const text = 'stages:\n- stage: Test\n  jobs:\n  - job: A\n    steps:\n    - task: powerplatformimportsolution@2\n      inputs:\n        solutioninputfile: x.zip\n        usedeploymentsettingsfile: TRUE\n        deploymentsettingsfile: settings/test.json\n';
  const { pipeline } = loadPipeline(createSourceFile('/r/azure-pipelines.yml', text), 'azure-devops');
  const step = pipeline!.steps[0] as PipelineImport;
  assert.equal(step.mode, 'update');
  assert.equal(step.stage, 'Test');
  assert.equal(step.settingsFile?.text, 'settings/test.json');
});

test('a fully qualified task name and a Windows path to the solution file', () => {
  const text = 'steps:\n- task: microsoft-IsvExpTools.PowerPlatform-BuildTools.import-solution.PowerPlatformImportSolution@2\n  inputs:\n    SolutionInputFile: $(Build.SourcesDirectory)\\bin\\Release\\Contoso.zip\n    StageAndUpgrade: true\n';
  const { pipeline } = loadPipeline(createSourceFile('/r/azure-pipelines.yml', text), 'azure-devops');
  const step = pipeline!.steps[0] as PipelineImport;
  assert.equal(step.mode, 'stage-and-upgrade');
  assert.equal(step.solution?.text, '$(Build.SourcesDirectory)\\bin\\Release\\Contoso.zip');
  const vfs = new MemoryVfs({ '/r/azure-pipelines.yml': text });
  assert.equal(discover(['/r'], { vfs }).pipelines?.length, 1);
});

test('a YAML file with no Power Platform step is left out; one that is not YAML gives a parse error at its position', () => {
  assert.equal(loadPipeline(createSourceFile('/r/azure-pipelines.yml', 'steps:\n- script: npm test\n'), 'azure-devops').pipeline, undefined);
  const broken = 'steps:\n- task: PowerPlatformImportSolution@2\n  inputs: [unclosed\n';
  const vfs = new MemoryVfs({ '/r/azure-pipelines.yml': broken });
  const { findings } = analyze(['/r'], { vfs });
  const parse = findings.filter(f => f.ruleId === 'flowcop/parse-error');
  assert.equal(parse.length, 1);
  assert.ok(parse[0].loc.file.path.endsWith('azure-pipelines.yml'));
  assert.ok(parse[0].loc.span.start > broken.indexOf('inputs'), 'at the broken part');
  assert.match(parse[0].message, /invalid YAML/);
});

test('discovery lists the pipelines of the workspace', () => {
  const vfs = new MemoryVfs({ '/r/.github/workflows/d.yml': 'on: push\njobs:\n  d:\n    runs-on: x\n    steps:\n      - uses: microsoft/powerplatform-actions/import-solution@v1\n        with:\n          solution-file: a.zip\n          stage-and-upgrade: true\n', '/r/README.yml': 'pac solution import --path a.zip\n' });
  const ws = discover(['/r'], { vfs });
  assert.deepEqual(ws.pipelines?.map(p => [p.dialect, p.steps.map(s => (s.kind === 'import' ? s.mode : s.kind))]), [['github', ['stage-and-upgrade']]]);
});

test('scripts in other encodings: UTF-16 with a BOM is read; undecodable bytes are skipped quietly unless they name a pac step', () => {
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('pac solution import --path a.zip -up\r\n', 'utf16le')]);
  const latin1 = Buffer.from('Write-Host "Caf\xe9"\r\n', 'latin1');
  const latin1Pac = Buffer.from('# Caf\xe9\r\npac solution import --path a.zip\r\n', 'latin1');
  const vfs = new MemoryVfs({ '/r/a.ps1': utf16, '/r/b.ps1': latin1, '/r/c.ps1': latin1Pac });
  const ws = discover(['/r'], { vfs });
  assert.deepEqual(ws.pipelines?.map(p => p.loc.file.path), ['/r/a.ps1']);
  assert.deepEqual(ws.problems.map(p => [p.loc.file.path, p.ruleId]), [['/r/c.ps1', 'flowcop/parse-error']]);
});

test('odd shapes never throw: a list for inputs, a mapping for task, aliases, a scalar root, deep brackets', () => {
  const odd = [
    '- task: PowerPlatformImportSolution@2\n  inputs: [StageAndUpgrade, true]\n',
    '- task: { name: PowerPlatformImportSolution@2 }\n',
    'a: &x\n  task: PowerPlatformImportSolution@2\n  inputs: { StageAndUpgrade: true }\nb: *x\nc: *x\n',
    'PowerPlatformImportSolution@2',
    `x: ${'['.repeat(5000)}PowerPlatformImportSolution@2`,
    'run: pac solution import --path',
    'run: "pac solution import -p \'unclosed --stage-and-upgrade"',
  ];
  for (const text of odd) {
    const result = loadPipeline(createSourceFile('/r/azure-pipelines.yml', text), 'azure-devops');
    for (const p of result.problems) assert.ok(p.span.start >= 0 && p.span.end <= text.length);
  }
  // The alias is one step, not one per reference.
  assert.equal(loadPipeline(createSourceFile('/r/azure-pipelines.yml', odd[2]), 'azure-devops').pipeline?.steps.length, 1);
  const deep = loadPipeline(createSourceFile('/r/azure-pipelines.yml', odd[4]), 'azure-devops');
  assert.match(deep.problems[0].message, /invalid YAML/);
});
