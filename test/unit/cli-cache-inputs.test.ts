// `lint --cache` reuses a unit's findings only while every input of the unit is unchanged: one test per
// kind of input (a file the unit reads, a file added to its folder, a packed archive, its settings files,
// the flowcop.json that applies, --env, the data policies, the pipelines linked to it, the other units'
// unique names an import resolves against, the standalone scripts, the rules, FlowCop's build). Each
// changes one input of a copy of the labelled tree, checks which units are linted again, and that the
// findings equal a run without the cache.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import AdmZip from 'adm-zip';
import { after, before, describe, test } from 'node:test';
import { LintCache } from '../../server/src/findings/cache';
import { lintParallel } from '../../server/src/findings/parallel';
import { lintStream, StreamOptions } from '../../server/src/findings/stream';
import { DiskVfs } from '../../server/src/load/vfs';
import { RULES } from '../../server/src/rules/registry';
import { repoRoot } from '../support/corpus';
import { comparable } from '../support/comparable';
import type { Finding } from '../../server/src/findings/finding';

const ROOT = repoRoot();

/**
 * Findings as reports show them. A cached run keys its folding keys with the cache's salt (cache.ts
 * rekey), so keys are compared by the groups they make: each becomes the index of its first use.
 */
function reported(findings: readonly Finding[]): string[] {
  const groups = new Map<string, number>();
  return comparable(findings.map(f => {
    const key = f.detached?.valueKey;
    if (key === undefined) return f;
    if (!groups.has(key)) groups.set(key, groups.size);
    return { ...f, detached: { ...f.detached!, valueKey: String(groups.get(key)) } };
  }));
}
const WORKER = path.join(__dirname, '..', '..', 'server', 'src', 'cli.js');
let work = '';
let copies = 0;

/** A fresh copy of the labelled tree (solutions of every layout, settings, pipelines, policies, scripts). */
function copyTree(): { tree: string; cacheFile: string } {
  const dir = path.join(work, `t${++copies}`);
  fs.cpSync(path.join(ROOT, 'test/eval/tree'), path.join(dir, 'tree'), { recursive: true });
  return { tree: path.join(dir, 'tree'), cacheFile: path.join(dir, 'lint.cache') };
}

interface Run { linted: string[]; hits: number; notes: string[]; findings: string[] }

function lintCached(tree: string, cacheFile: string, options: Partial<StreamOptions> & { version?: string } = {}): Run {
  const notes: string[] = [];
  const cache = LintCache.open({ file: cacheFile, version: options.version ?? '1.0.0', note: n => notes.push(n) });
  const result = lintStream([tree], { vfs: new DiskVfs(), ...options, cache });
  return { linted: cache.linted.map(p => (p === 'scripts' ? p : path.relative(tree, p))).sort(), hits: cache.hits, notes, findings: reported(result.findings) };
}

function lintUncached(tree: string, options: Partial<StreamOptions> = {}): string[] {
  return reported(lintStream([tree], { vfs: new DiskVfs(), ...options }).findings);
}

/** Lints cold, applies `change`, lints warm: returns the units linted again (the rest came from the cache). */
function relintedAfter(change: (tree: string) => void, options: Partial<StreamOptions> & { version?: string } = {}, before: Partial<StreamOptions> = {}): string[] {
  const { tree, cacheFile } = copyTree();
  const cold = lintCached(tree, cacheFile, before);
  assert.equal(cold.hits, 0);
  change(tree);
  const warm = lintCached(tree, cacheFile, options);
  assert.deepEqual(warm.findings, lintUncached(tree, options), 'the warm run reports what a run without the cache reports');
  return warm.linted;
}

const UNITS = ['flow-packages/ExpenseApprovalReminder_20250311.zip', 'scripts', 'solutions/CreditCheck', 'solutions/EmailTriage/src',
  'solutions/HROnboarding/SolutionPackage/src', 'solutions/InvoiceIntake', 'solutions/MainframeLookup/MainframeLookup_2_1_0_4_managed.zip',
  'solutions/PayrollExport', 'solutions/PayslipDistribution', 'solutions/SapPosting/SapPosting_1_4_2_0', 'solutions/SupplierSync',
  'solutions/VendorPayments'];

function edit(file: string, change: (text: string) => string): void {
  const before = fs.readFileSync(file, 'utf8');
  const after = change(before);
  assert.notEqual(after, before, `${file} changed`);
  fs.writeFileSync(file, after);
}

function flowFile(tree: string, solution: string): string {
  const dir = path.join(tree, 'solutions', solution, 'Workflows');
  return path.join(dir, fs.readdirSync(dir).find(n => n.endsWith('.json'))!);
}

describe('lint --cache: what invalidates a unit', () => {
  before(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-cache-inputs-')); });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  test('nothing changed: every unit comes from the cache; rewriting files with the same bytes changes nothing', () => {
    const { tree, cacheFile } = copyTree();
    const cold = lintCached(tree, cacheFile);
    assert.equal(cold.linted.length, UNITS.length);
    const flow = flowFile(tree, 'SupplierSync');
    fs.writeFileSync(flow, fs.readFileSync(flow));
    fs.utimesSync(flow, new Date(2001, 1, 1), new Date(2001, 1, 1));
    const warm = lintCached(tree, cacheFile);
    assert.deepEqual(warm.linted, []);
    assert.equal(warm.hits, UNITS.length);
    assert.deepEqual(warm.findings, cold.findings);
  });

  test('a file the unit reads', () => {
    assert.deepEqual(relintedAfter(tree => edit(flowFile(tree, 'SupplierSync'), t => t.replace('"actions"', '"actions" ').replace(/https:\/\//, 'http://'))), ['solutions/SupplierSync']);
  });

  test('a file added to the unit\'s folder', () => {
    assert.deepEqual(relintedAfter(tree => {
      const flow = flowFile(tree, 'InvoiceIntake');
      fs.copyFileSync(flow, flow.replace(/\.json$/, '-copy.json'));
    }), ['solutions/InvoiceIntake']);
  });

  test('a packed solution .zip', () => {
    assert.deepEqual(relintedAfter(tree => {
      const file = path.join(tree, 'solutions/MainframeLookup/MainframeLookup_2_1_0_4_managed.zip');
      const before = fs.readFileSync(file);
      const zip = new AdmZip(file);
      const entry = zip.getEntries().find(e => /^Workflows\/.+\.json$/i.test(e.entryName))!;
      zip.updateFile(entry, Buffer.concat([entry.getData(), Buffer.from('\n')]));
      zip.writeZip(file);
      assert.ok(!before.equals(fs.readFileSync(file)));
    }), ['solutions/MainframeLookup/MainframeLookup_2_1_0_4_managed.zip']);
  });

  test('a settings file associated with the unit: changed, or added', () => {
    const config = (tree: string) => path.join(tree, 'solutions/CreditCheck/config');
    assert.deepEqual(relintedAfter(tree => edit(path.join(config(tree), 'CreditCheck.Dev.deploymentsettings.json'), t => t.replace(/"Value": "[^"]*"/, '"Value": "changed"'))), ['solutions/CreditCheck']);
    assert.deepEqual(relintedAfter(tree => fs.copyFileSync(path.join(config(tree), 'CreditCheck.Test.deploymentsettings.json'), path.join(config(tree), 'CreditCheck.UAT.deploymentsettings.json'))), ['solutions/CreditCheck']);
  });

  test('the flowcop.json that applies: edited, added in a unit, added above every unit (the nearest one wins)', () => {
    assert.deepEqual(relintedAfter(tree => edit(path.join(tree, 'solutions/VendorPayments/flowcop.json'), t => t.replace('{', '{\n  "rules": { "pad/plaintext-secret": "warning" },'))), ['solutions/VendorPayments']);
    assert.deepEqual(relintedAfter(tree => fs.writeFileSync(path.join(tree, 'solutions/SupplierSync/flowcop.json'), '{ "rules": { "cloud/hardcoded-url": "off" } }')), ['solutions/SupplierSync']);
    const everyUnitButVendorPayments = UNITS.filter(u => u !== 'solutions/VendorPayments');
    assert.deepEqual(relintedAfter(tree => fs.writeFileSync(path.join(tree, 'flowcop.json'), '{ "allow": { "hosts": ["example.com"] } }')), everyUnitButVendorPayments);
  });

  test('--env', () => {
    assert.deepEqual(relintedAfter(() => undefined, { environment: 'Prod' }), UNITS);
  });

  test('the data policies: --policy given, or a policy file changed', () => {
    const policy = (tree: string) => path.join(tree, 'governance/dlp-tenant-policies.json');
    const { tree, cacheFile } = copyTree();
    lintCached(tree, cacheFile);
    const withPolicy = lintCached(tree, cacheFile, { policies: [policy(tree)] });
    assert.deepEqual(withPolicy.linted.length, UNITS.length);
    // Named by VendorPayments' flowcop.json: every unit sees the run's policies (the dlp/ rules scope them).
    assert.deepEqual(relintedAfter(t => edit(policy(t), text => text.replace(/"displayName"\s*:\s*"/, '"displayName": "Changed '))), UNITS);
  });

  test('a pipeline linked to the unit, and no other', () => {
    assert.deepEqual(relintedAfter(tree => edit(path.join(tree, 'pipelines/release-vendor-payments.yml'), t => t.replace('MaxAsyncWaitTime: 60', 'MaxAsyncWaitTime: 90'))), ['solutions/VendorPayments']);
  });

  test('the other units\' unique names an import resolves against', () => {
    const addSolution = (tree: string, name: string) => {
      const dir = path.join(tree, 'solutions', name);
      fs.cpSync(path.join(tree, 'solutions/PayslipDistribution'), dir, { recursive: true });
      edit(path.join(dir, 'Other/Solution.xml'), t => t.replace(/<UniqueName>[^<]*<\/UniqueName>/, `<UniqueName>${name}</UniqueName>`));
    };
    // `VendorPayments_1_2_0_0_managed.zip` now names the longer unique name: VendorPayments loses the import.
    assert.deepEqual(relintedAfter(tree => addSolution(tree, 'VendorPayments_1')), ['solutions/VendorPayments', 'solutions/VendorPayments_1']);
    assert.deepEqual(relintedAfter(tree => addSolution(tree, 'Zeta')), ['solutions/Zeta']);
  });

  test('the standalone scripts', () => {
    assert.deepEqual(relintedAfter(tree => edit(path.join(tree, 'desktop-scripts/warehouse/printer-queue-cleanup.robin'), t => `${t}\r\nSET Extra TO 1`)), ['scripts']);
  });

  test('the rules that run, and FlowCop\'s build', () => {
    assert.deepEqual(relintedAfter(() => undefined, { rules: RULES.filter(r => r.meta.id !== 'pad/plaintext-secret') }), UNITS);
    const { tree, cacheFile } = copyTree();
    lintCached(tree, cacheFile, { version: '1.0.0' });
    const other = lintCached(tree, cacheFile, { version: '1.0.1' });
    assert.equal(other.linted.length, UNITS.length);
    assert.deepEqual(other.notes, ['was written by another FlowCop version or build; it is ignored and every unit is linted']);
  });

  test('on worker threads: units whose inputs changed are linted there, the rest come from the cache', async () => {
    const { tree, cacheFile } = copyTree();
    const open = () => LintCache.open({ file: cacheFile, version: '1.0.0', note: n => assert.fail(n) });
    const cold = open();
    const first = await lintParallel([tree], { vfs: new DiskVfs(), jobs: 2, workerFile: WORKER, cache: cold });
    assert.equal(cold.linted.length, UNITS.length);
    edit(flowFile(tree, 'SupplierSync'), t => t.replace('"actions"', '"actions" '));
    const warm = open();
    const second = await lintParallel([tree], { vfs: new DiskVfs(), jobs: 2, workerFile: WORKER, cache: warm });
    assert.deepEqual(warm.linted.map(p => path.relative(tree, p)), ['solutions/SupplierSync']);
    assert.equal(warm.hits, UNITS.length - 1);
    assert.deepEqual(reported(second.findings), lintUncached(tree));
    assert.ok(first.findings.length > 100);
  });
});
