// Discovery and configuration stay inside the linted tree (issue 9): a .cdsproj's SolutionRootPath and
// flowcop.json `environments` paths that lead outside it (by `..`, an absolute path or a symbolic link)
// are refused with a finding at the value, and neither lint nor --fix reads or writes there.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../server/src/cli';
import { buildSolutionFiles, SolutionSpec } from '../support/fixture';
import { diskCli, tempDir, treeHash } from './fix-support';
import { CLOUD } from './fix-specs';

/** A solution with a plain-text secret, an environment-specific path and a fixable value. */
const VICTIM: SolutionSpec = {
  uniqueName: 'Victim',
  desktopFlows: [{ name: 'Desk', script: "SET Folder TO $'''C:\\\\RPA\\\\In'''\r\nSET Password TO $'''Winter2025!'''" }],
  environmentVariables: [{ schemaName: 'cr1a2_Folder' }],
};
const GOOD: SolutionSpec = { uniqueName: 'Good', desktopFlows: [{ name: 'Healthy', script: "SET Folder TO $'''C:\\\\RPA\\\\Good'''" }] };

function write(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

function cdsproj(rootPath: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Project ToolsVersion="15.0" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <PropertyGroup>
    <SolutionRootPath>${rootPath}</SolutionRootPath>
  </PropertyGroup>
</Project>
`;
}

interface JsonFinding { ruleId: string; message: string; file: string; line: number; column: number }

function cli(cwd: string) {
  const errors: string[] = [];
  const exec = (args: string[]) => {
    const c = diskCli(cwd);
    const code = runCli(args, c.io);
    errors.push(c.err());
    return { code, out: c.out() };
  };
  const findings = (args: string[]): { code: number; findings: JsonFinding[] } => {
    const r = exec([...args, '--format', 'json', '--fail-on', 'none']);
    return { code: r.code, findings: JSON.parse(r.out).findings };
  };
  /** The environments `inspect` finds for the first solution. */
  const environments = (...targets: string[]): string[] =>
    JSON.parse(exec(['inspect', ...targets, '--format', 'json']).out).solutions[0].environments.map((e: { name: string }) => e.name).sort();
  return { run: (args: string[]) => exec(args).code, findings, environments, err: () => errors.join('') };
}

/** 1-based line and column of `needle` in a file. */
function positionOf(file: string, needle: string): { line: number; column: number } {
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} in ${file}`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** tmp/repo (the linted tree, with a healthy solution) beside tmp/victim (a solution outside it). */
function layout(name: string): { base: string; repo: string; victim: string } {
  const base = tempDir(`tree-${name}`);
  const repo = path.join(base, 'repo');
  const victim = path.join(base, 'victim');
  write(path.join(repo, 'Good'), buildSolutionFiles(GOOD));
  write(path.join(victim, 'src'), buildSolutionFiles(VICTIM));
  return { base, repo, victim };
}

describe('a .cdsproj SolutionRootPath outside the linted tree', () => {
  for (const [kind, rootPath] of [['relative', '../../victim/src'], ['absolute', '<victim>/src'], ['backslashes', '..\\..\\victim\\src']] as const) {
    test(`${kind}: refused with a finding at SolutionRootPath; lint and --fix leave the outside solution alone`, () => {
      const { base, repo, victim } = layout(`cdsproj-${kind}`);
      const written = rootPath.replace('<victim>', victim);
      const project = path.join(repo, 'Proj', 'Evil.cdsproj');
      write(repo, { 'Proj/Evil.cdsproj': cdsproj(written) });
      const before = treeHash(victim);
      const c = cli(base);

      const { code, findings } = c.findings(['lint', 'repo']);
      assert.equal(code, 0);
      assert.ok(!findings.some(f => f.file.startsWith('victim')), `nothing from outside:\n${findings.map(f => f.file).join('\n')}`);
      const refused = findings.filter(f => f.file === 'repo/Proj/Evil.cdsproj');
      assert.equal(refused.length, 1);
      assert.equal(refused[0].ruleId, 'flowcop/parse-error');
      assert.match(refused[0].message, /SolutionRootPath ".*victim.*src" leads outside the linted folder; the solution there is not read/);
      assert.deepEqual({ line: refused[0].line, column: refused[0].column }, positionOf(project, written));
      // The rest of the run goes on: the healthy solution inside is still checked.
      assert.ok(findings.some(f => f.file.startsWith('repo/Good/') && f.ruleId === 'pad/environment-specific-path'));

      c.run(['lint', 'repo', '--fix']);
      assert.equal(treeHash(victim), before, '--fix wrote nothing outside the tree');

      // Naming the outside folder on the command line includes it on purpose: then it is the project's solution.
      const both = c.findings(['lint', 'repo', 'victim/src']).findings;
      assert.ok(!both.some(f => f.file === 'repo/Proj/Evil.cdsproj'));
      assert.ok(both.some(f => f.file.startsWith('victim/src/') && f.ruleId === 'pad/plaintext-secret'));
    });
  }

  test('the refusal quotes the path with its control characters escaped (no CI log command in the report)', () => {
    const { base, repo } = layout('cdsproj-newline');
    write(repo, { 'Evil.cdsproj': cdsproj('..\n##vso[task.complete result=Succeeded;]done\n/../../victim/src') });
    const c = cli(base);
    const refused = c.findings(['lint', 'repo']).findings.filter(f => f.file === 'repo/Evil.cdsproj');
    assert.equal(refused.length, 1);
    assert.match(refused[0].message, /SolutionRootPath "\.\.\\u000a##vso\[task\.complete result=Succeeded;\]done\\u000a\/\.\.\/\.\.\/victim\/src" leads outside/);
    assert.ok(!/\n##vso/.test(refused[0].message));
  });

  test('through a symbolic link inside the tree: refused; a SolutionRootPath inside still works', () => {
    const { base, repo, victim } = layout('cdsproj-link');
    fs.symlinkSync(victim, path.join(repo, 'Proj-link'));
    write(repo, { 'Evil.cdsproj': cdsproj('Proj-link/src') });
    const before = treeHash(victim);
    const c = cli(base);
    const { findings } = c.findings(['lint', 'repo']);
    assert.ok(!findings.some(f => /victim|Proj-link/.test(f.file)), 'nothing read through the link');
    assert.ok(findings.some(f => f.file === 'repo/Evil.cdsproj' && /leads outside/.test(f.message)));
    c.run(['lint', 'repo', '--fix']);
    assert.equal(treeHash(victim), before);

    // An inside SolutionRootPath is still a clone layout.
    write(repo, { 'Inside/Inside.cdsproj': cdsproj('src'), ...Object.fromEntries(Object.entries(buildSolutionFiles({ ...GOOD, uniqueName: 'Inside' })).map(([p, t]) => [`Inside/src/${p}`, t])) });
    const again = c.findings(['lint', 'repo']).findings;
    assert.ok(again.some(f => f.file.startsWith('repo/Inside/src/') && f.ruleId === 'pad/environment-specific-path'));
    assert.ok(!again.some(f => f.file === 'repo/Inside/Inside.cdsproj'));
  });
});

describe('flowcop.json environments outside the linted tree', () => {
  const spec: SolutionSpec = { ...CLOUD, settings: { Dev: CLOUD.settings!.Dev } };
  const prodSettings = JSON.stringify(CLOUD.settings!.Prod, null, 2);

  test('refused with a finding at the path; --fix --env writes nothing there; inside paths still read', () => {
    const base = tempDir('tree-env');
    const repo = path.join(base, 'repo');
    write(repo, buildSolutionFiles(spec));
    write(base, { 'victim/prod.json': prodSettings, 'victim/abs.json': prodSettings });
    write(repo, { 'pipelines/test.json': prodSettings });
    const config = {
      environments: {
        Prod: '../victim/prod.json',
        Abs: { file: path.join(base, 'victim', 'abs.json') },
        Test: 'pipelines/test.json',
      },
    };
    write(repo, { 'flowcop.json': JSON.stringify(config, null, 2) });
    const victimBefore = treeHash(path.join(base, 'victim'));
    const c = cli(base);

    const { findings } = c.findings(['lint', 'repo']);
    const refused = findings.filter(f => f.file === 'repo/flowcop.json');
    assert.deepEqual(refused.map(f => f.message.replace(/ leads.*/, '')), ['environments.Prod "../victim/prod.json"', `environments.Abs "${path.join(base, 'victim', 'abs.json')}"`]);
    assert.ok(refused.every(f => f.ruleId === 'flowcop/parse-error' && /the settings file is not read/.test(f.message)));
    assert.deepEqual({ line: refused[0].line, column: refused[0].column }, positionOf(path.join(repo, 'flowcop.json'), '"../victim/prod.json"'));
    assert.ok(!findings.some(f => f.file.startsWith('victim')));
    // The inside one is read: its values are checked against the solution.
    assert.deepEqual(c.environments('repo'), ['Dev', 'Test']);
    // Naming the outside file on the command line includes it on purpose.
    assert.deepEqual(c.environments('repo', 'victim/prod.json'), ['Dev', 'Prod', 'Test']);

    c.run(['lint', 'repo', '--fix', '--env', 'Prod']);
    c.run(['lint', 'repo', '--fix', '--env', 'Abs']);
    assert.equal(treeHash(path.join(base, 'victim')), victimBefore, '--fix --env wrote nothing outside the tree');
  });

  test('through a symbolic link inside the tree: refused', () => {
    const base = tempDir('tree-env-link');
    const repo = path.join(base, 'repo');
    write(repo, buildSolutionFiles(spec));
    write(base, { 'victim/prod.json': prodSettings });
    fs.symlinkSync(path.join(base, 'victim'), path.join(repo, 'shared'));
    write(repo, { 'flowcop.json': JSON.stringify({ environments: { Prod: 'shared/prod.json' } }) });
    const before = treeHash(path.join(base, 'victim'));
    const c = cli(base);
    const { findings } = c.findings(['lint', 'repo']);
    assert.ok(findings.some(f => f.file === 'repo/flowcop.json' && /environments\.Prod "shared\/prod\.json" leads outside/.test(f.message)));
    c.run(['lint', 'repo', '--fix', '--env', 'Prod']);
    assert.equal(treeHash(path.join(base, 'victim')), before);
  });

  test('a flowcop.json above the linted folder (the user\'s own) may name files below its own folder only', () => {
    const base = tempDir('tree-env-above');
    const repo = path.join(base, 'work', 'repo');
    write(repo, buildSolutionFiles(spec));
    write(base, { 'work/pipelines/prod.json': prodSettings, 'elsewhere/test.json': prodSettings });
    write(base, { 'work/flowcop.json': JSON.stringify({ environments: { Prod: 'pipelines/prod.json', Test: '../elsewhere/test.json' } }) });
    const c = cli(base);
    const { findings } = c.findings(['lint', 'work/repo']);
    const refused = findings.filter(f => f.file === 'work/flowcop.json');
    assert.deepEqual(refused.map(f => f.message.replace(/ leads.*/, '')), ['environments.Test "../elsewhere/test.json"']);
    assert.ok(!findings.some(f => f.file.startsWith('elsewhere')));
    assert.deepEqual(c.environments('work/repo'), ['Dev', 'Prod'], 'the settings beside the user\'s flowcop.json are read');
  });
});
