// The npm package as a user gets it: `npm pack`, installed from the tarball into an empty folder
// offline (it has no dependencies to fetch: the CLI bundle holds them), then `npx flowcop …` there.
// `lint` gives the findings the repository build gives; `inspect`, `rules`, `explain` and `--version` work.
import assert from 'node:assert/strict';
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../support/corpus';

const ROOT = repoRoot();
const EXAMPLES = path.join(ROOT, 'examples');
const built = fs.existsSync(path.join(ROOT, 'dist', 'cli.js'));

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return r;
}

describe('the npm package', { skip: built ? false : 'dist/cli.js is not built (npm run build)' }, () => {
  let dir = '';
  let app = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-pack-'));
    const pack = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT);
    assert.equal(pack.status, 0, pack.stderr);
    const tarball = path.join(dir, JSON.parse(pack.stdout)[0].filename);
    app = path.join(dir, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), '{ "name": "consumer", "private": true }\n');
    const install = run('npm', ['install', '--offline', '--ignore-scripts', tarball], app);
    assert.equal(install.status, 0, install.stderr);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('installs nothing but itself, and only what runs', () => {
    assert.deepEqual(fs.readdirSync(path.join(app, 'node_modules')).filter(n => !n.startsWith('.')), ['flowcop']);
    const installed = path.join(app, 'node_modules', 'flowcop');
    assert.ok(fs.existsSync(path.join(installed, 'dist', 'cli.js')));
    assert.ok(!fs.existsSync(path.join(installed, 'dist', 'server.js')) && !fs.existsSync(path.join(installed, 'server')), 'no extension bundle, no sources');
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    assert.equal(manifest.dependencies, undefined, 'every runtime dependency is bundled');
    assert.equal(manifest.bin.flowcop, './dist/cli.js');
    assert.match(manifest.repository.url, /^https:\/\/github\.com\//);
  });

  test('npx flowcop lint gives the findings of the repository build', () => {
    const packaged = run('npx', ['--no', '--', 'flowcop', 'lint', EXAMPLES, '--format', 'json', '--fail-on', 'none'], app);
    assert.equal(packaged.status, 0, packaged.stderr);
    const repo = run(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'lint', EXAMPLES, '--format', 'json', '--fail-on', 'none'], app);
    const findings = (out: string) => JSON.parse(out).findings;
    assert.ok(findings(packaged.stdout).length > 5);
    assert.deepEqual(findings(packaged.stdout), findings(repo.stdout));
  });

  test('inspect, rules, explain and --version', () => {
    const inspect = run('npx', ['--no', '--', 'flowcop', 'inspect', EXAMPLES, '--format', 'json'], app);
    assert.equal(inspect.status, 0, inspect.stderr);
    assert.ok(JSON.parse(inspect.stdout).solutions.length >= 1);
    const rules = run('npx', ['--no', '--', 'flowcop', 'rules'], app);
    assert.match(rules.stdout, /^pad\/plaintext-secret\s/m);
    const explain = run('npx', ['--no', '--', 'flowcop', 'explain', 'pad/plaintext-secret'], app);
    assert.match(explain.stdout, /^# /m, 'the rule docs travel with the package');
    const version = run('npx', ['--no', '--', 'flowcop', '--version'], app);
    assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });
});
