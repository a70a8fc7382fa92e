// The GitHub Action, the Azure Pipelines template and the pre-commit hook, run the way their CI runs
// them, against the repository build.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { repoRoot } from '../support/corpus';

const ROOT = repoRoot();
const CLI = path.join(ROOT, 'dist', 'cli.js');
const built = fs.existsSync(CLI) ? false : 'dist/cli.js is not built (npm run build)';

let tmp = '';
before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-ci-')); });
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('GitHub Action', { skip: built }, () => {
  test('action.yml passes every input to the entry point through the environment', () => {
    const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
    const step = action.runs.steps[0];
    assert.equal(action.runs.using, 'composite');
    assert.ok(!step.run.includes('${{'), 'no input is spliced into the script');
    for (const name of Object.keys(action.inputs)) {
      assert.equal(step.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`], `\${{ inputs.${name} }}`, name);
    }
  });

  test('the entry point annotates, writes the job summary and the SARIF, and fails on errors', () => {
    const summary = path.join(tmp, 'summary.md');
    const outputs = path.join(tmp, 'outputs.txt');
    const sarif = path.join(tmp, 'flowcop.sarif');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'ci', 'github-action.mjs')], {
      cwd: ROOT, encoding: 'utf8',
      env: { ...process.env, FLOWCOP_CLI: CLI, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: outputs, INPUT_PATHS: 'examples', INPUT_FAIL_ON: 'warning', INPUT_SARIF: sarif, INPUT_ENV: '', INPUT_CONFIG: '', INPUT_BASELINE: '', INPUT_VERSION: 'latest' },
    });
    const json = JSON.parse(spawnSync(process.execPath, [CLI, 'lint', 'examples', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' }).stdout);
    assert.equal(r.status, 1, r.stderr);
    const annotations = r.stdout.split('\n').filter(l => /^::(error|warning|notice) /.test(l));
    assert.equal(annotations.length, json.findings.length);
    assert.ok(annotations.every(a => /file=examples\//.test(a)), 'paths relative to the workspace');
    assert.match(fs.readFileSync(summary, 'utf8'), /^\*\*FlowCop\*\*: /);
    assert.equal(JSON.parse(fs.readFileSync(sarif, 'utf8')).runs[0].results.length, json.findings.length);
    assert.equal(fs.readFileSync(outputs, 'utf8'), `sarif=${sarif}\n`);
  });
});

describe('Azure Pipelines template', { skip: built }, () => {
  test('its lint step writes issues, the SARIF artifact and the JUnit results', () => {
    const template = parse(fs.readFileSync(path.join(ROOT, 'ci', 'azure-pipelines-flowcop.yml'), 'utf8'));
    const step = template.steps.find((s: { bash?: string }) => s.bash);
    const staging = path.join(tmp, 'staging');
    // What the agent does before running the step: macro and template expressions replaced.
    const script = (step.bash as string).replace(/\$\(Build\.ArtifactStagingDirectory\)/g, staging)
      .replace(/npx --yes "flowcop@\$\{FLOWCOP_VERSION\}"/, `node "${CLI}"`);
    assert.notEqual(script, step.bash);
    const env = Object.fromEntries(Object.entries(step.env as Record<string, string>).map(([k, v]) => [k, v.replace(/\$\{\{ parameters\.(\w+) \}\}/, (_, p) => ({ paths: 'examples', env: 'Prod', failOn: 'error', version: 'latest' } as Record<string, string>)[p])]));
    const r = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
    assert.equal(r.status, 1, r.stderr);
    assert.ok(r.stdout.split('\n').some(l => /^##vso\[task\.logissue type=error;sourcepath=examples\//.test(l)), r.stdout);
    assert.ok(JSON.parse(fs.readFileSync(path.join(staging, 'CodeAnalysisLogs', 'flowcop.sarif'), 'utf8')).runs[0].results.length > 0);
    assert.match(fs.readFileSync(path.join(staging, 'flowcop-junit.xml'), 'utf8'), /<testsuites name="FlowCop"/);
    const published = template.steps.map((s: { task?: string }) => s.task).filter(Boolean);
    assert.deepEqual(published, ['NodeTool@0', 'PublishBuildArtifacts@1', 'PublishTestResults@2']);
    assert.equal(template.steps.find((s: { task?: string }) => s.task === 'PublishBuildArtifacts@1').inputs.ArtifactName, 'CodeAnalysisLogs');
  });
});

describe('pre-commit hook', { skip: built }, () => {
  const hook = () => parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'))[0];

  test('its files pattern takes solution files and scripts, not the rest of a repository', () => {
    const files = new RegExp(hook().files.replace(/^\(\?i\)/, ''), 'i');
    for (const p of ['src/Other/Solution.xml', 'sol/Workflows/Flow-1234.json', 'sol/Workflows/Flow-1234.json.data.xml', 'a/Invoices.deploymentSettings.Prod.json', 'scripts/post.robin', 'pkg/Contoso_1_0_0_0.zip', 'flowcop.json', 'R/modernflows/x/workflow.yml'])
      assert.ok(files.test(p), p);
    for (const p of ['README.md', 'package.json', 'src/app.ts', '.github/workflows/ci.yml']) assert.ok(!files.test(p), p);
  });

  test('its entry lints the staged files of a solution', () => {
    const [bin, ...args] = hook().entry.split(' ');
    assert.equal(bin, Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).bin)[0]);
    const staged = fs.readdirSync(path.join(ROOT, 'examples'), { recursive: true, encoding: 'utf8' }).map(p => path.join('examples', p)).filter(p => new RegExp(hook().files.replace(/^\(\?i\)/, ''), 'i').test(p.split(path.sep).join('/')));
    assert.ok(staged.length > 0);
    const r = spawnSync(process.execPath, [CLI, ...args, ...staged], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 1, 'the example has errors: the commit is stopped');
    assert.match(r.stdout, /plaintext-secret/);
  });
});

describe('a reader that goes away', { skip: built }, () => {
  test('`flowcop lint | head -1` ends quietly', () => {
    const r = spawnSync('bash', ['-c', `node "${CLI}" lint test/eval/tree --format sarif | head -1 >/dev/null; echo "status \${PIPESTATUS[0]}"`], { cwd: ROOT, encoding: 'utf8' });
    assert.match(r.stdout, /^status [01]$/m, r.stdout + r.stderr);
    assert.ok(!/EPIPE|Error/.test(r.stderr), r.stderr);
  });
});
