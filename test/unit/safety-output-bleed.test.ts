// settings/environment-bleed never quotes a value in a secret position: a password that names Prod, a
// token in a URL fragment or query, user-info, the whole value of a Secret or secret-named variable.
// It still reports the bleed, quoting the environment word only when it sits in a non-secret part.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { MemoryVfs } from '../../server/src/load/vfs';
import rule from '../../server/src/rules/settings/environment-bleed';
import { buildSolutionFiles, SolutionSpec } from '../support/fixture';
import { runCase } from '../support/rule-tester';

const ev = (SchemaName: string, Value: string) => ({ SchemaName, Value });
const VARS = [
  { schemaName: 'cr1a2_ErpConnection' }, { schemaName: 'cr1a2_Callback' }, { schemaName: 'cr1a2_Feed' },
  { schemaName: 'cr1a2_Login' }, { schemaName: 'cr1a2_VaultRef', type: 100000005 }, { schemaName: 'cr1a2_ServicePassword' },
];

const CASES: Array<{ name: string; value: string; variable: string; secret: string; quoted?: string }> = [
  { name: 'a password token in a connection string', variable: 'cr1a2_ErpConnection', value: 'Server=sql01.contoso.com;Database=erp;User Id=svc;Password=contosoprod', secret: 'contosoprod' },
  { name: 'a #access_token= fragment', variable: 'cr1a2_Callback', value: 'https://app.contoso.com/cb#access_token=QWxhZGRpbjpvcGVusesameprod&token_type=bearer', secret: 'QWxhZGRpbjpvcGVusesameprod' },
  { name: 'a key in a query string', variable: 'cr1a2_Feed', value: 'https://feeds.contoso.com/v1?api_key=rotatedliveprod', secret: 'rotatedliveprod' },
  { name: 'user-info', variable: 'cr1a2_Login', value: 'https://svcprod:longpasswordprod@erp.contoso.com/', secret: 'longpasswordprod' },
  { name: 'the plain value of a Secret variable', variable: 'cr1a2_VaultRef', value: 'vaultpasswordprod', secret: 'vaultpasswordprod' },
  { name: 'a variable named as a secret', variable: 'cr1a2_ServicePassword', value: 'servicepwdprod', secret: 'servicepwdprod' },
  { name: 'a host quoted, its password not', variable: 'cr1a2_ErpConnection', value: 'Server=erp-prod.contoso.com;User Id=svc;Password=hunter2secretprod', secret: 'hunter2secretprod', quoted: 'prod' },
];

describe('settings/environment-bleed quotes no secret', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const solution: SolutionSpec = { environmentVariables: VARS, settings: { Test: { EnvironmentVariables: [ev(c.variable, c.value)] } } };
      const { findings } = runCase(rule, { solution });
      assert.equal(findings.length, 1, 'the bleed is still reported');
      const f = findings[0];
      assert.match(f.message, /names the production environment/);
      assert.ok(!f.message.includes(c.secret) && !JSON.stringify(f.data).includes(c.secret), f.message);
      for (let i = 0; i + 8 <= c.secret.length; i++) assert.ok(!f.message.includes(c.secret.slice(i, i + 8)), f.message);
      if (c.quoted) assert.match(f.message, new RegExp(`\\("${c.quoted}"\\)`));
      else assert.match(f.message, /in a secret part of the value, not quoted/);
    });
  }

  test('no format and no baseline carries the secret', () => {
    const spec: SolutionSpec = { environmentVariables: VARS, settings: { Test: { EnvironmentVariables: CASES.filter((c, i, all) => all.findIndex(x => x.variable === c.variable) === i).map(c => ev(c.variable, c.value)) } } };
    const files = buildSolutionFiles(spec);
    for (const args of [['--format', 'text'], ['--format', 'json'], ['--format', 'sarif'], ['--baseline', 'base.json']]) {
      const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [path.posix.join('/w', p), c])));
      const out: string[] = [];
      const cli: CliIO = { stdout: s => out.push(s), stderr: s => out.push(s), cwd: '/w', vfs, isTTY: false, env: {}, writeFile: (p, c) => { out.push(c); vfs.write(p, c); } };
      runCli(['lint', '.', ...args], cli);
      const text = out.join('');
      assert.match(text, /environment-bleed/);
      for (const c of CASES) assert.ok(!text.includes(c.secret), `${args.join(' ')} shows ${c.secret}`);
    }
  });
});
