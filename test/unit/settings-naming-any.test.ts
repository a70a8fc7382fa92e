// Issue 10: deployment settings in any naming. A JSON file whose top level holds EnvironmentVariables
// and/or ConnectionReferences arrays is a settings file wherever it sits; its environment comes from its
// name or folder; templates are checked for shape only; environments match case-insensitively.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { loadWorkspace } from '../../server/src/findings/analyze';
import { settingsFileKind } from '../../server/src/load/settings';
import { resolveSettingsNaming, settingsNaming } from '../../server/src/load/settings-name';
import { looksLikeSettings, SETTINGS_SNIFF_BYTES } from '../../server/src/load/settings-sniff';
import { DiskVfs, MemoryVfs } from '../../server/src/load/vfs';
import { buildSolutionFiles, SolutionSpec } from '../support/fixture';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const settings = (value: string, connection = 'conn-1') => JSON.stringify({
  EnvironmentVariables: [{ SchemaName: 'cnt_Folder', Value: value }],
  ConnectionReferences: [{ LogicalName: 'cnt_sp', ConnectionId: connection, ConnectorId: SP }],
}, null, 2);

function spec(name = 'Contoso'): SolutionSpec {
  return {
    uniqueName: name,
    environmentVariables: [{ schemaName: 'cnt_Folder' }],
    connectionReferences: [{ logicalName: 'cnt_sp', connectorId: SP }],
  };
}

function tree(files: Record<string, string>) {
  return loadWorkspace(['/t'], { vfs: new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [`/t/${p}`, c]))) }).workspace;
}

const environments = (ws: ReturnType<typeof tree>) => ws.solutions.flatMap(s => s.environments.map(e => `${e.environment} ${path.posix.relative('/t', e.file.path)}`)).sort();

/** What the name says once the solutions (here: Contoso) are known. */
const named = (p: string) => resolveSettingsNaming(settingsNaming(p.split('/')), ['Contoso']);

describe('the environment comes from the file or folder name', () => {
  test('every naming in use', () => {
    assert.deepEqual(named('repo/prod.deploymentsettings.json'), { environment: 'prod' });
    assert.deepEqual(named('repo/deploymentSettings.Prod.json'), { environment: 'Prod' });
    assert.deepEqual(named('repo/deploymentSettings-uat.json'), { environment: 'uat' });
    assert.deepEqual(named('repo/config/Prod/deploymentSettings.json'), { environment: 'Prod' });
    assert.deepEqual(named('repo/config/Prod/settings.json'), { environment: 'Prod' });
    assert.deepEqual(named('repo/config/deploymentSettings.json'), { environment: 'default' });
    assert.deepEqual(named('repo/Contoso.Prod.json'), { environment: 'Prod', solution: 'Contoso' });
    assert.deepEqual(named('repo/config/Contoso.Test.deploymentsettings.json'), { environment: 'Test', solution: 'Contoso' });
    assert.deepEqual(named('repo/settings/test.json'), { environment: 'test' });
    assert.deepEqual(named('repo/dev.settings.json'), { environment: 'dev' });
    assert.deepEqual(named('repo/uat-settings.json'), { environment: 'uat' });
    // A lone part that is the solution's unique name names the solution, not an environment.
    assert.deepEqual(named('repo/Contoso.deploymentsettings.json'), { environment: 'default', solution: 'Contoso' });
    assert.deepEqual(named('repo/config/Prod/contoso.deploymentsettings.json'), { environment: 'Prod', solution: 'Contoso' });
    // Before the solutions are known, a name alone: `prod.deploymentsettings.json` is prod, not a solution "prod".
    assert.deepEqual(settingsFileKind(['repo', 'prod.deploymentsettings.json']), { environment: 'prod' });
  });

  test('template, sample and example are templates, not environments', () => {
    for (const p of ['r/deploymentSettings.template.json', 'r/template.json', 'r/settings/sample.json', 'r/example.deploymentsettings.json', 'r/deploymentSettings-example.json', 'r/templates/deploymentSettings.json', 'r/samples/prod.json']) {
      assert.equal(settingsNaming(p.split('/')).template, true, p);
    }
    assert.equal(settingsNaming('r/config/Prod/deploymentSettings.json'.split('/')).template, false);
    assert.equal(settingsFileKind(['r', 'deploymentSettings.template.json']), undefined);
  });
});

describe('settings files found by content', () => {
  test('<env>.deploymentsettings.json is that environment, and --env prod finds it', () => {
    const files = { ...buildSolutionFiles(spec()), 'prod.deploymentsettings.json': settings('P'), 'test.deploymentsettings.json': settings('T', 'conn-2') };
    assert.deepEqual(environments(tree(files)), ['prod prod.deploymentsettings.json', 'test test.deploymentsettings.json']);
    const t = io(files);
    runCli(['lint', '.', '--env', 'Prod'], t.cli);
    assert.doesNotMatch(t.err.join(''), /no deployment settings for environment/, 'Prod matches prod');
  });

  test('any naming, in any folder, with settings content', () => {
    const ws = tree({
      ...buildSolutionFiles(spec()),
      'settings/test.json': settings('T', 'c-t'),
      'pipelines/dev.settings.json': settings('D', 'c-d'),
      'deploy/Contoso.Prod.json': settings('P', 'c-p'),
      'deploy/deploymentSettings.UAT.json': settings('U', 'c-u'),
    });
    assert.deepEqual(environments(ws), ['Prod deploy/Contoso.Prod.json', 'UAT deploy/deploymentSettings.UAT.json', 'dev pipelines/dev.settings.json', 'test settings/test.json']);
    assert.equal(ws.solutions[0].environments.find(e => e.environment === 'Prod')!.association, 'file-name');
    assert.deepEqual(ws.problems, []);
  });

  test('JSON that is not settings is left alone: the keys deeper down, not arrays, other tools, flowcop.json', () => {
    const ws = tree({
      ...buildSolutionFiles(spec()),
      'docs/flow-export.json': JSON.stringify({ properties: { connectionReferences: [{ x: 1 }], definition: { EnvironmentVariables: [] } } }),
      'tools/odd.json': JSON.stringify({ EnvironmentVariables: 'see wiki' }),
      'package.json': JSON.stringify({ name: 'x', dependencies: {} }),
      'list.json': JSON.stringify([{ EnvironmentVariables: [] }]),
      'flowcop.json': JSON.stringify({ rules: {} }),
      'settings/prod.json': settings('P'),
    });
    assert.deepEqual(environments(ws), ['prod settings/prod.json']);
    assert.deepEqual(ws.orphanSettings, []);
    assert.deepEqual(ws.problems, []);
  });

  test('templates are checked for shape only and never become an environment', () => {
    const ws = tree({
      ...buildSolutionFiles(spec()),
      'config/Prod/deploymentSettings.json': settings('P'),
      'deploymentSettings.template.json': JSON.stringify({ EnvironmentVariables: [{ Value: 'no schema name' }], ConnectionReferences: [] }),
      'settings/sample.json': settings('S'),
    });
    assert.deepEqual(environments(ws), ['Prod config/Prod/deploymentSettings.json']);
    const shape = ws.problems.filter(p => p.loc.file.path.endsWith('deploymentSettings.template.json'));
    assert.deepEqual(shape.map(p => [p.ruleId, p.message]), [['flowcop/parse-error', 'environment variable entry has no SchemaName']]);
  });

  test('node_modules-like folders and solution component folders are not read', () => {
    const ws = tree({
      ...buildSolutionFiles(spec()),
      'node_modules/pkg/prod.settings.json': settings('N'),
      '.git/prod.settings.json': settings('G'),
      'Workflows/stray.json': settings('W'),
      'pipelines/prod.settings.json': settings('P'),
    });
    assert.deepEqual(environments(ws), ['prod pipelines/prod.settings.json']);
  });

  test('inspect shows which file each environment came from', () => {
    const t = io({ ...buildSolutionFiles(spec()), 'prod.deploymentsettings.json': settings('P'), 'settings/Test.json': settings('T', 'c2') });
    assert.equal(runCli(['inspect', '.'], t.cli), 0);
    const text = t.out.join('');
    assert.match(text, /environments: 2/);
    assert.match(text, /prod — prod\.deploymentsettings\.json/);
    assert.match(text, /Test — settings\/Test\.json/);
  });
});

describe('the content check is bounded', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  test('a top-level array key in the prefix, in UTF-8 with BOM and UTF-16', () => {
    assert.equal(looksLikeSettings(enc('{ "$schema": "x", "ConnectionReferences" : [ {} ] }')), true);
    assert.equal(looksLikeSettings(enc('\uFEFF{"environmentvariables":[{}]}')), true);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"EnvironmentVariables":[{}]}', 'utf16le')]);
    assert.equal(looksLikeSettings(utf16), true);
    assert.equal(looksLikeSettings(enc('{"a":{"EnvironmentVariables":[{}]}}')), false);
    assert.equal(looksLikeSettings(enc('{"a":"\\"EnvironmentVariables\\":[]"}')), false);
    // A desktop flow's dependencies file holds one empty array; pac writes both keys.
    assert.equal(looksLikeSettings(enc('{"EnvironmentVariables":[]}')), false);
    assert.equal(looksLikeSettings(enc('{"EnvironmentVariables":[],"ConnectionReferences":[]}')), true);
  });

  test('on disk, big JSON files are judged by their head', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-sp-'));
    try {
      const big = 'y'.repeat(2 * SETTINGS_SNIFF_BYTES);
      const entries = (n: number) => Array.from({ length: n }, (_, k) => ({ SchemaName: `cnt_V${k}`, Value: big.slice(0, 100) }));
      fs.mkdirSync(path.join(dir, 'settings'));
      fs.writeFileSync(path.join(dir, 'settings', 'prod.json'), JSON.stringify({ EnvironmentVariables: entries(2000), ConnectionReferences: [] }));
      fs.writeFileSync(path.join(dir, 'settings', 'late.json'), JSON.stringify({ note: big, EnvironmentVariables: entries(1) }));
      fs.writeFileSync(path.join(dir, 'settings', 'data.json'), JSON.stringify({ rows: entries(2000) }));
      const ws = loadWorkspace([dir], { vfs: new DiskVfs() }).workspace;
      assert.deepEqual(ws.orphanSettings.map(e => [e.environment, e.environmentVariables.length]), [['prod', 2000]]);
      assert.deepEqual(ws.problems, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('only the first SETTINGS_SNIFF_BYTES are looked at', () => {
    const padding = 'x'.repeat(SETTINGS_SNIFF_BYTES);
    assert.equal(looksLikeSettings(enc(`{"note":"${padding}","EnvironmentVariables":[{}]}`)), false);
    assert.equal(looksLikeSettings(enc(`{"EnvironmentVariables":[{}],"note":"${padding}"}`)), true);
  });
});

function io(files: Record<string, string>) {
  const cwd = '/t';
  const out: string[] = [];
  const err: string[] = [];
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [path.posix.join(cwd, p), c])));
  const cli: CliIO = { vfs, cwd, env: {}, isTTY: false, stdout: s => out.push(s), stderr: s => err.push(s), writeFile: () => undefined };
  return { cli, out, err };
}
