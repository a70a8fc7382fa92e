// Suppressions: a directive above the script statement (re-encoded inside a <Definition>), or an
// ignore entry in the solution's flowcop.json (extended, or created beside the solution).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { applyChange, diskStore } from '../../server/src/fix/change';
import { fixesFor } from '../../server/src/fix/fixes';
import { SUPPRESSION_REASON } from '../../server/src/fix/suppress';
import { analyze } from '../../server/src/findings/analyze';
import { DiskVfs } from '../../server/src/load/vfs';
import type { Finding } from '../../server/src/findings/finding';
import { assertParses, EDITABLE_LAYOUTS, find, fixture, lint, read, treeHash } from './fix-support';
import { CLOUD, DESKTOP } from './fix-specs';

function suppress(dir: string, pick: (f: Finding) => boolean) {
  const before = lint(dir);
  const finding = before.findings.find(pick);
  assert.ok(finding, 'no such finding');
  const fixes = fixesFor(finding, { workspace: before.workspace, configs: before.configs });
  const fix = fixes.find(f => f.kind === 'suppress');
  assert.ok(fix, 'no suppression offered');
  assert.equal(fix.preferred, false);
  const change = fix.change();
  const result = applyChange(change, diskStore());
  assert.ok(result.ok);
  const after = lint(dir);
  const key = (f: Finding) => `${f.ruleId}\u0000${f.message}`;
  assert.ok(!after.findings.some(f => key(f) === key(finding)), 'the finding is suppressed');
  const old = new Set(before.findings.map(key));
  assert.deepEqual(after.findings.filter(f => !old.has(key(f))).map(key), [], 'nothing new');
  assertParses({ finding, fix, change, before, after, written: [...result.written, ...result.created] });
  return { finding, fix, written: [...result.written, ...result.created] };
}

for (const layout of EDITABLE_LAYOUTS) {
  describe(`suppressions (${layout})`, () => {
    test('a script finding: # flowcop-disable-next-line above the statement, with its indentation', () => {
      const dir = fixture(DESKTOP, layout, 'sup-script');
      const r = suppress(dir, f => f.ruleId === 'pad/hardcoded-machine');
      const s = analyze([dir], { vfs: new DiskVfs() }).workspace.solutions[0].desktopFlows[0].script!.text;
      assert.ok(s.includes(`IF IsNotEmpty(InvoiceText) THEN\r\n    # flowcop-disable-next-line pad/hardcoded-machine -- ${SUPPRESSION_REASON}\r\n    Database.ExecuteSqlStatement`));
      assert.match(r.fix.title, /Suppress pad\/hardcoded-machine for this line/);
      // Inside the <Definition> the new line is encoded like the others.
      assert.ok(fs.readFileSync(r.written[0], 'utf8').includes('\\r\\n    # flowcop-disable-next-line'));
    });

    test('a cloud finding: an ignore entry in a new flowcop.json beside the solution', () => {
      const dir = fixture(CLOUD, layout, 'sup-cloud');
      const r = suppress(dir, f => f.ruleId === 'cloud/hardcoded-machine');
      const config = r.written.find(p => p.endsWith('flowcop.json'))!;
      const expectedDir = layout === 'cdsproj' ? path.join(dir, 'SolutionPackage') : dir;
      assert.equal(path.dirname(config), expectedDir);
      assert.deepEqual(JSON.parse(read(config)), { ignore: [{ rule: 'cloud/hardcoded-machine', flow: 'Process Invoices', action: 'Compose_share', reason: SUPPRESSION_REASON }] });
    });
  });
}

describe('suppressions: more', () => {
  test('an existing flowcop.json gets the entry appended, keeping its formatting', () => {
    const dir = fixture({ ...CLOUD, config: { rules: { 'solution/unused-reference': 'info' }, ignore: ['**/bin/**'] } }, 'unpacked', 'sup-existing');
    const configPath = path.join(dir, 'flowcop.json');
    const before = read(configPath);
    suppress(dir, f => f.ruleId === 'cloud/unsecured-secret');
    const after = read(configPath);
    assert.ok(after.startsWith(before.slice(0, before.indexOf('"**/bin/**"'))));
    assert.deepEqual(JSON.parse(after).ignore[1], { rule: 'cloud/unsecured-secret', flow: 'Process Invoices', action: 'Post_audit', reason: SUPPRESSION_REASON });
  });

  test('a finding on a header line (@INPUT) is ignored through flowcop.json', () => {
    const dir = fixture(DESKTOP, 'unpacked', 'sup-header');
    const r = suppress(dir, f => f.ruleId === 'pad/secret-input-variable');
    const config = JSON.parse(read(r.written.find(p => p.endsWith('flowcop.json'))!));
    assert.deepEqual(config.ignore[0], { rule: 'pad/secret-input-variable', flow: 'Enter Invoice', variable: 'Input_SmtpPassword', reason: SUPPRESSION_REASON });
  });

  test('a settings finding is ignored by file', () => {
    const dir = fixture({ ...CLOUD, settings: { ...CLOUD.settings, Test: { EnvironmentVariables: [{ SchemaName: 'cnt_SiteUrl', Value: '' }], ConnectionReferences: [] } } }, 'unpacked', 'sup-settings');
    const before = lint(dir);
    const f = before.findings.find(x => x.ruleId.startsWith('settings/'));
    assert.ok(f, 'an empty Test value is reported');
    const r = suppress(dir, x => x.ruleId === f.ruleId && x.message === f.message);
    const entry = JSON.parse(read(r.written.find(p => p.endsWith('flowcop.json'))!)).ignore[0];
    assert.equal(entry.rule, f.ruleId);
    assert.ok(entry.file || entry.element || entry.flow);
  });

  test('zip layout: no suppression is offered either', () => {
    const dir = fixture(DESKTOP, 'zip', 'sup-zip');
    const hash = treeHash(dir);
    const r = lint(dir);
    for (const f of r.findings.filter(x => x.loc.file.entry)) assert.deepEqual(fixesFor(f, { workspace: r.workspace, configs: r.configs }), []);
    assert.equal(treeHash(dir), hash);
    void find;
  });
});
