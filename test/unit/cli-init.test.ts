// `flowcop init`: writes a flowcop.json that names the environments found (which then lints as before),
// a CI pipeline on request and the VS Code recommendation; asks only when interactive; never replaces
// a file without --force.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { CliIO, runCli } from '../../server/src/cli';
import { MemoryVfs } from '../../server/src/load/vfs';
import { buildSolutionFiles } from '../support/fixture';

const ROOT = '/repo';

function repo(): MemoryVfs {
  const files: Record<string, string> = {};
  for (const [name, envs] of [['Invoices', ['Dev', 'Prod']], ['Payroll', ['Test']]] as const) {
    const built = buildSolutionFiles({
      uniqueName: name, environmentVariables: [{ schemaName: `cr1_${name}Folder` }],
      settings: Object.fromEntries(envs.map(e => [e, { EnvironmentVariables: [{ SchemaName: `cr1_${name}Folder`, Value: `D:\\${e}` }], ConnectionReferences: [] }])),
    });
    for (const [p, c] of Object.entries(built)) files[path.posix.join(ROOT, 'solutions', name, p)] = c;
  }
  return new MemoryVfs(files);
}

function cli(args: string[], vfs: MemoryVfs, extra: Partial<CliIO> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: s => out.push(s), stderr: s => err.push(s), cwd: ROOT, vfs, isTTY: false, env: {}, writeFile: (p, c) => vfs.write(p, c), ...extra };
  return { code: runCli(args, io), stdout: out.join(''), stderr: err.join('') };
}

const text = (vfs: MemoryVfs, rel: string) => Buffer.from(vfs.readFile(path.posix.join(ROOT, rel)) ?? []).toString('utf8');

describe('flowcop init', () => {
  test('--yes writes flowcop.json with every environment found, by solution', () => {
    const vfs = repo();
    const before = cli(['lint', '.', '--format', 'json'], vfs).stdout;
    const r = cli(['init', '--yes'], vfs);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /found 2 solutions/);
    const config = JSON.parse(text(vfs, 'flowcop.json'));
    assert.match(config.$schema, /flowcop\.schema\.json$/);
    assert.deepEqual(config.environments.map((e: { name: string; solution: string }) => `${e.solution}:${e.name}`), ['Invoices:Dev', 'Invoices:Prod', 'Payroll:Test']);
    assert.ok(config.environments.every((e: { file: string }) => vfs.isFile(path.posix.join(ROOT, e.file))));
    assert.deepEqual(JSON.parse(text(vfs, '.vscode/extensions.json')).recommendations, ['flowcop.flowcop']);
    assert.equal(text(vfs, '.github/workflows/flowcop.yml'), '', 'no CI file unless asked');
    // The environments it names are the ones lint found: the findings do not change.
    assert.deepEqual(JSON.parse(cli(['lint', '.', '--format', 'json'], vfs).stdout).findings, JSON.parse(before).findings);
  });

  test('--ci writes a pipeline that runs FlowCop; existing files stay without --force', () => {
    const vfs = repo();
    vfs.write(`${ROOT}/flowcop.json`, '{ "rules": { "pad/hardcoded-machine": "off" } }\n');
    const r = cli(['init', '--yes', '--ci', 'github'], vfs);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /flowcop\.json exists; not replaced/);
    assert.equal(text(vfs, 'flowcop.json'), '{ "rules": { "pad/hardcoded-machine": "off" } }\n');
    const workflow = parse(text(vfs, '.github/workflows/flowcop.yml'));
    assert.match(workflow.jobs.flowcop.steps.at(-1).run, /flowcop lint \. --format github/);
    cli(['init', '--yes', '--ci', 'azure', '--force'], vfs);
    assert.ok(JSON.parse(text(vfs, 'flowcop.json')).environments.length === 3, '--force replaces it');
    assert.match(parse(text(vfs, 'azure-pipelines.flowcop.yml')).steps[1].bash, /--format azure/);
  });

  test('asks on a terminal, and writes nothing when told no', () => {
    const vfs = repo();
    const asked: string[] = [];
    const answers = ['azure', 'n'];
    const r = cli(['init'], vfs, { prompt: q => { asked.push(q); return answers.shift(); } });
    assert.equal(r.code, 0);
    assert.equal(asked.length, 2);
    assert.match(r.stderr, /nothing written/);
    assert.equal(text(vfs, 'flowcop.json'), '');
    assert.equal(cli(['init'], vfs, { env: { CI: 'true' }, prompt: () => { throw new Error('asked in CI'); } }).code, 0);
  });
});
