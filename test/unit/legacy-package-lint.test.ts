// Legacy flow packages ("Export › Package (.zip)"), zipped and extracted: found, listed by inspect as
// their own kind, every cloud flow linted, findings at the real entry and line.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { MemoryVfs } from '../../server/src/load/vfs';
import { CLIENT_SECRET, ENV_URL, FLOW_ID, FLOW_NAME, lineOf, packageFiles, packageZip, under } from './legacy-package-fixture';

function io(files: Record<string, string | Uint8Array>, cwd = '/w') {
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [path.posix.join(cwd, p), c])));
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = {
    stdout: s => out.push(s), stderr: s => err.push(s), cwd, vfs, isTTY: false, env: {},
    writeFile: () => { throw new Error('a package is never written'); },
  };
  return { cli, out: () => out.join(''), err: () => err.join('') };
}

interface JsonFinding { ruleId: string; file: string; line: number; message: string }

function lintJson(files: Record<string, string | Uint8Array>, target: string): { code: number; findings: JsonFinding[]; text: string; err: string } {
  const t = io(files);
  const code = runCli(['lint', target, '--format', 'json', '--fail-on', 'none'], t.cli);
  const text = t.out();
  return { code, findings: text ? JSON.parse(text).findings : [], text, err: t.err() };
}

const DEFINITION = `Microsoft.Flow/flows/${FLOW_ID}/definition.json`;

describe('legacy flow packages', () => {
  for (const variant of ['zipped', 'extracted'] as const) {
    const files = variant === 'zipped' ? { 'pkg/InvoiceSync.zip': packageZip() } : under('pkg/InvoiceSync', packageFiles());
    const target = variant === 'zipped' ? 'pkg/InvoiceSync.zip' : 'pkg';
    const expectedFile = variant === 'zipped' ? `pkg/InvoiceSync.zip!/${DEFINITION}` : `pkg/InvoiceSync/${DEFINITION}`;

    test(`${variant}: the literal client secret and the environment-specific URL are reported at their entry and line`, () => {
      const { code, findings, text, err } = lintJson(files, target);
      assert.equal(code, 0, err);
      const secret = findings.find(f => f.ruleId === 'cloud/plaintext-secret');
      assert.ok(secret, `a plaintext secret is reported: ${JSON.stringify(findings.map(f => f.ruleId))}`);
      assert.equal(secret.file, expectedFile);
      assert.equal(secret.line, lineOf('"secret"'));
      const url = findings.find(f => f.ruleId === 'cloud/environment-specific-value' && f.line === lineOf(`"uri"`));
      assert.ok(url, `the hardcoded URL is reported on its line: ${JSON.stringify(findings.map(f => [f.ruleId, f.line]))}`);
      assert.equal(url.file, expectedFile);
      assert.ok(!findings.some(f => f.ruleId === 'flowcop/parse-error'), JSON.stringify(findings));
      assert.ok(!text.includes(CLIENT_SECRET) && !err.includes(CLIENT_SECRET), 'the secret never reaches the output');
    });

    test(`${variant}: inspect lists the package as its own kind, with its flow`, () => {
      const t = io(files);
      assert.equal(runCli(['inspect', target, '--format', 'json'], t.cli), 0, t.err());
      const report = JSON.parse(t.out());
      assert.equal(report.solutions.length, 1);
      const [pkg] = report.solutions;
      assert.equal(pkg.kind, 'package');
      assert.equal(pkg.name, 'InvoiceSync');
      assert.equal(pkg.displayName, 'Invoice sync');
      assert.equal(pkg.layout, variant === 'zipped' ? 'zip' : 'package');
      assert.deepEqual(pkg.cloudFlows.map((f: { name: string; id: string; file: string; actions: number }) => [f.name, f.id, f.file, f.actions]),
        [[FLOW_NAME, FLOW_ID, expectedFile, 1]]);
      assert.deepEqual([pkg.connectionReferences, pkg.environmentVariables], [[], []]);
      assert.equal(report.problems, 0);
      const text = io(files);
      runCli(['inspect', target], text.cli);
      assert.match(text.out(), /InvoiceSync \(legacy flow package/);
      assert.match(text.out(), /^0 solutions, 1 legacy flow package, 0 scripts, 0 load problems$/m);
    });
  }

  test('a zipped package named on the command line is lintable (no "nothing lintable found")', () => {
    const t = io({ 'InvoiceSync.zip': packageZip() });
    assert.equal(runCli(['lint', 'InvoiceSync.zip'], t.cli), 1, t.err());
    assert.doesNotMatch(t.err(), /nothing lintable/);
    assert.match(t.out(), /InvoiceSync\.zip!\/Microsoft\.Flow\/flows\/.*definition\.json/);
    assert.match(t.out(), /cloud\/plaintext-secret/);
  });

  test('a definition.json of an extracted package named on its own lints its package', () => {
    const { findings } = lintJson(under('InvoiceSync', packageFiles()), `InvoiceSync/${DEFINITION}`);
    assert.ok(findings.some(f => f.ruleId === 'cloud/plaintext-secret' && f.file === `InvoiceSync/${DEFINITION}`));
  });

  test('rules that need connection references or environment variables stay quiet in a package', () => {
    const definition = JSON.parse(packageFiles()[DEFINITION]);
    definition.properties.definition.parameters['Site (cr1a2_Site)'] = { defaultValue: 'x', type: 'String', metadata: { schemaName: 'cr1a2_Site' } };
    definition.properties.connectionReferences = {
      shared_sharepointonline: { connection: { connectionReferenceLogicalName: 'cr1a2_sharedsharepointonline_1a2b3' }, api: { name: 'shared_sharepointonline' }, runtimeSource: 'embedded' },
    };
    for (const files of [{ 'p.zip': packageZip(packageFiles({ [DEFINITION]: JSON.stringify(definition, null, 2) })) }, under('p', packageFiles({ [DEFINITION]: JSON.stringify(definition, null, 2) }))]) {
      const { findings } = lintJson(files, '.');
      assert.ok(findings.some(f => f.ruleId === 'cloud/plaintext-secret'), 'the package is read');
      assert.deepEqual(findings.filter(f => f.ruleId.startsWith('solution/') || f.ruleId.startsWith('settings/')).map(f => f.message), []);
    }
  });

  // A package's connections are placeholders: the import asks for a connection for each one
  // (connectionsMap.json → the manifest's connection resources), so nothing is embedded.
  test('cloud/embedded-connection stays quiet in a package', () => {
    const definition = JSON.parse(packageFiles()[DEFINITION]);
    definition.properties.connectionReferences = {
      shared_sharepointonline: { connectionName: 'shared-sharepointonl-2df4e455', source: 'Invoker', id: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline', tier: 'NotSpecified' },
    };
    const { findings } = lintJson({ 'p.zip': packageZip(packageFiles({ [DEFINITION]: JSON.stringify(definition, null, 2) })) }, 'p.zip');
    assert.ok(findings.some(f => f.ruleId === 'cloud/plaintext-secret'));
    assert.deepEqual(findings.filter(f => f.ruleId === 'cloud/embedded-connection'), []);
  });

  test('the URL is found in the flow and nowhere else (one finding per literal)', () => {
    const { findings } = lintJson({ 'p.zip': packageZip() }, 'p.zip');
    assert.equal(findings.filter(f => f.message.includes(new URL(ENV_URL).host) && f.line === lineOf('"uri"')).length, 1);
  });
});
