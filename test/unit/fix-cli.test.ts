// `flowcop lint --fix` and `--fix-dry-run` as users run them: on a copy of the bundled example the
// fixes leave a solution that passes `--fail-on error`; the dry run writes nothing and shows a diff.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { DiskVfs, MemoryVfs } from '../../server/src/load/vfs';
import { repoRoot } from '../support/corpus';
import { buildSolutionFiles } from '../support/fixture';
import { tempDir, treeHash } from './fix-support';
import { DESKTOP } from './fix-specs';

function cli(cwd: string, vfs: CliIO['vfs'] = new DiskVfs()) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: s => out.push(s), stderr: s => err.push(s), cwd, vfs, isTTY: false, env: {},
    writeFile: (p, c) => fs.writeFileSync(p, c),
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

function copyExample(): string {
  const dir = tempDir('example');
  fs.cpSync(path.join(repoRoot(), 'examples'), dir, { recursive: true });
  return dir;
}

const SECRETS = ['Winter2025!', 'c0ntoso-3rp-4udit-k3y-7f9a2b'];

describe('flowcop lint --fix', () => {
  for (const env of [undefined, 'Dev']) {
    test(`the example passes --fail-on error after --fix${env ? ` --env ${env}` : ''}`, () => {
      const dir = copyExample();
      const before = cli(dir);
      assert.equal(runCli(['lint', '.', ...(env ? ['--env', env] : [])], before.io), 1, 'the example has errors to start with');
      const fix = cli(dir);
      const code = runCli(['lint', '.', '--fix', ...(env ? ['--env', env] : [])], fix.io);
      assert.equal(code, 0, fix.out() + fix.err());
      assert.match(fix.err(), /flowcop: fixed pad\/plaintext-secret in ContosoInvoiceProcessing\/Workflows\/EnterInvoiceinLegacyERP-[0-9A-F-]+\.json\.data\.xml: /);
      assert.match(fix.err(), /flowcop: fixed cloud\/plaintext-secret in ContosoInvoiceProcessing\/Workflows\/ProcessIncomingInvoices-[0-9A-F-]+\.json: /);
      assert.match(fix.err(), /fixes applied in 1 round\n/, 'one round applies every fix');
      for (const s of SECRETS) {
        assert.ok(!fix.err().includes(s) && !fix.out().includes(s), 'no secret in the output');
        assert.ok(!JSON.stringify(fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map(f => fs.statSync(path.join(dir, f)).isFile() ? fs.readFileSync(path.join(dir, f), 'utf8') : '')).includes(s), 'no secret left in the tree');
      }
      // Marking ErpPassword sensitive is moot once Get credential removed it: it waits and is never applied.
      const desktop = fs.readdirSync(path.join(dir, 'ContosoInvoiceProcessing', 'Workflows')).find(f => f.startsWith('EnterInvoice') && f.endsWith('.data.xml'))!;
      assert.match(fs.readFileSync(path.join(dir, 'ContosoInvoiceProcessing', 'Workflows', desktop), 'utf8'), /@SENSITIVE: \[Output_Message, ErpCredential\]/);
      const after = cli(dir);
      assert.equal(runCli(['lint', '.', '--fail-on', 'error', ...(env ? ['--env', env] : [])], after.io), 0, after.out());
      const again = cli(dir);
      const hash = treeHash(dir);
      runCli(['lint', '.', '--fix', ...(env ? ['--env', env] : [])], again.io);
      assert.match(again.err(), /0 fixes applied/);
      assert.equal(treeHash(dir), hash);
    });
  }

  test('--fix-dry-run writes nothing and prints the diff', () => {
    const dir = copyExample();
    const hash = treeHash(dir);
    const run = cli(dir);
    const code = runCli(['lint', '.', '--fix-dry-run', '--env', 'Dev'], run.io);
    assert.equal(treeHash(dir), hash, 'nothing written');
    assert.equal(code, 0, 'the exit code is that of the fixed tree');
    const out = run.out();
    assert.match(out, /^--- a\/ContosoInvoiceProcessing\/Workflows\/ProcessIncomingInvoices-[0-9A-F-]+\.json$/m);
    assert.match(out, /^\+ {8}"Get_Post_To_ERP_Audit_Log_Key": \{$/m);
    assert.match(out, /^--- \/dev\/null\n\+\+\+ b\/ContosoInvoiceProcessing\/environmentvariabledefinitions\/cnt_PostToERPAuditLogKey\/environmentvariabledefinition\.xml$/m);
    assert.match(out, /PowerAutomateSecretVariables\.GetCredential/);
    for (const s of SECRETS) assert.ok(!out.includes(s) && !run.err().includes(s), 'secrets are masked');
    assert.match(run.err(), /would fix cloud\/plaintext-secret/);
  });

  test('--fix-dry-run with --format json keeps standard output parseable', () => {
    const dir = copyExample();
    const run = cli(dir);
    runCli(['lint', '.', '--fix-dry-run', '--format', 'json'], run.io);
    assert.doesNotThrow(() => JSON.parse(run.out()));
    assert.match(run.err(), /^--- a\//m);
  });

  test('--fix on a MemoryVfs writes into it', () => {
    const files = buildSolutionFiles(DESKTOP);
    const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [`/w/${p}`, c])));
    const run = cli('/w', vfs);
    runCli(['lint', '.', '--fix'], run.io);
    assert.match(run.err(), /fixed pad\/plaintext-secret/);
    const side = Object.keys(files).find(p => p.endsWith('.json.data.xml') && p.includes('EnterInvoice'))!;
    assert.ok(Buffer.from(vfs.readFile(`/w/${side}`)!).toString().includes('PowerAutomateSecretVariables.GetCredential'));
  });

  test('the usage text lists --fix and --fix-dry-run', () => {
    const run = cli('/');
    runCli(['--help'], run.io);
    assert.match(run.out(), /--fix {2,}/);
    assert.match(run.out(), /--fix-dry-run {2,}/);
  });
});
