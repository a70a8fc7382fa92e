// flowcop.json `pipelines`: pipeline files named by path or glob besides the convention, and the
// problems at the config entry when a named file is missing, outside the linted tree or not a pipeline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TreeBoundary } from '../../server/src/discover/boundary';
import { explicitPipelineFiles } from '../../server/src/discover/pipelines';
import { parseConfig } from '../../server/src/findings/config';
import { loadPipeline } from '../../server/src/load/pipeline';
import { MemoryVfs } from '../../server/src/load/vfs';
import { adoImport, ghImport, pacScript } from './pipeline-fixtures';

const configFile = (text: string, path = '/repo/flowcop.json') => ({ path, text, bom: false, encoding: 'utf8' as const, hash: '' });

test('parseConfig: pipelines entries are paths or globs, resolved against the config folder', () => {
  const config = parseConfig(configFile('{ "pipelines": ["ci/release.yml", "ops/**/*.ps1", "", 3] }'));
  assert.deepEqual(config.pipelines?.map(p => ({ path: p.path, glob: p.glob, written: p.source.written })), [
    { path: '/repo/ci/release.yml', glob: false, written: 'ci/release.yml' },
    { path: '/repo/ops/**/*.ps1', glob: true, written: 'ops/**/*.ps1' },
  ]);
  assert.equal(config.problems.length, 2, 'an empty string and a number are problems at their item');
  for (const p of config.problems) assert.match(p.message, /pipelines must be a list of pipeline file paths or globs/);
  assert.deepEqual(config.problems.map(p => config.file!.text.slice(p.span.start, p.span.end)), ['""', '3']);
  assert.match(parseConfig(configFile('{ "pipelines": "ci.yml" }')).problems[0].message, /must be a list/);
  assert.equal(parseConfig(configFile('{}')).pipelines, undefined);
});

/** Reads the config's entries in a tree rooted at /repo, as discovery does after its walk. */
function named(files: Record<string, string>, configText: string, known: string[] = []) {
  const vfs = new MemoryVfs({ ...files, '/repo/flowcop.json': configText });
  const config = parseConfig(configFile(configText));
  const boundary = new TreeBoundary();
  boundary.addFolder('/repo');
  const result = explicitPipelineFiles(config.pipelines ?? [], vfs, (p, cfg) => boundary.allowsConfigPath(p, cfg), new Set(known), 1 << 20);
  return { ...result, config, text: configText };
}

test('named files are read in their dialect: by convention, else a workflow by its on:/jobs:, else Azure DevOps', () => {
  const { files, problems } = named({
    '/repo/ci/release.yml': adoImport({ StageAndUpgrade: 'true' }),
    '/repo/automation/gh.yaml': ghImport({}),
    '/repo/ops/run/import.ps1': pacScript(''),
    '/repo/ops/readme.md': 'pac solution import',
  }, '{ "pipelines": ["ci/release.yml", "automation/gh.yaml", "ops/**/*.ps1"] }');
  assert.deepEqual(problems, []);
  assert.deepEqual(files.map(f => [f.file.path, f.dialect]), [['/repo/ci/release.yml', 'azure-devops'], ['/repo/automation/gh.yaml', 'github'], ['/repo/ops/run/import.ps1', 'script']]);
  const release = loadPipeline(files[0].file, files[0].dialect).pipeline!;
  assert.equal(release.steps[0].kind === 'import' && release.steps[0].mode, 'stage-and-upgrade');
});

test('a file found by convention too is read once', () => {
  const { files } = named({ '/repo/azure-pipelines.yml': adoImport({}) }, '{ "pipelines": ["azure-pipelines.yml", "*.yml"] }', ['/repo/azure-pipelines.yml']);
  assert.deepEqual(files, []);
});

test('problems point at the config entry: missing, not a pipeline, no glob match, outside the tree', () => {
  const configText = '{ "pipelines": ["ci/missing.yml", "README.md", "ops/*.sh", "../elsewhere/deploy.yml", "../**/*.yml"] }';
  const { problems, files } = named({ '/repo/README.md': '# x', '/elsewhere/deploy.yml': adoImport({}) }, configText);
  assert.deepEqual(files, []);
  assert.deepEqual(problems.map(p => [configText.slice(p.loc.span.start, p.loc.span.end), p.ruleId]), [
    ['"ci/missing.yml"', 'flowcop/parse-error'], ['"README.md"', 'flowcop/parse-error'], ['"ops/*.sh"', 'flowcop/parse-error'],
    ['"../elsewhere/deploy.yml"', 'flowcop/parse-error'], ['"../**/*.yml"', 'flowcop/parse-error'],
  ]);
  assert.match(problems[0].message, /^flowcop\.json: pipelines "ci\/missing\.yml": no such file$/);
  assert.match(problems[1].message, /not a pipeline file/);
  assert.match(problems[2].message, /matches no pipeline file/);
  assert.match(problems[3].message, /leads outside the linted folder; not read/);
  assert.match(problems[4].message, /leads outside the linted folder/);
  for (const p of problems) assert.equal(p.loc.file.path, '/repo/flowcop.json');
});

test('a named file that cannot be decoded is a problem at the entry, with the file', () => {
  const vfs = new MemoryVfs({ '/repo/ci/bad.yml': new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41]) });
  const config = parseConfig(configFile('{ "pipelines": ["ci/*.yml"] }'));
  const { problems } = explicitPipelineFiles(config.pipelines!, vfs, () => true, new Set(), 1 << 20);
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /pipelines "ci\/\*\.yml": ci\/bad\.yml: /);
});
