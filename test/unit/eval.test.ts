// The evaluation gates: FlowCop against the labelled tree in test/eval/ (see test/eval/README.md) and
// against the independently built held-out tree in test/eval-holdout/ (see its README). Runs the engine
// in-process (the same code as `flowcop lint`), scores it with scripts/eval.mjs and requires, on both,
// ≥95% precision and recall per category, exact ALM rules and a cleanly loading tree.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { describeExceptions, Label, lintReport, loadEvaluator, PlaceException, ReportFinding, ROOT, withExceptions } from '../support/eval';

const TREE = path.join(ROOT, 'test', 'eval', 'tree');
const HOLDOUT = path.join(ROOT, 'test', 'eval-holdout');

describe('evaluation set (test/eval)', () => {
  test('labels are well formed and point into the tree', () => {
    const labels: Label[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/eval/labels.json'), 'utf8'));
    const negatives: Label[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/eval/negatives.json'), 'utf8'));
    const ids = new Set<string>();
    for (const l of [...labels, ...negatives]) {
      assert.ok(!ids.has(l.id), `duplicate id ${l.id}`);
      ids.add(l.id);
      assert.ok(['credential', 'machine', 'environment-specific', 'alm'].includes(l.category), `${l.id}: category ${l.category}`);
      const onDisk = path.join(TREE, l.file.split('!/')[0]);
      assert.ok(fs.existsSync(onDisk), `${l.id}: ${l.file} does not exist`);
      if (!l.file.includes('!/') && !l.flow) {
        const count = fs.readFileSync(onDisk, 'utf8').split('\n').length;
        for (const n of l.lines ?? [l.line!]) assert.ok(n >= 1 && n <= count, `${l.id}: line ${n} outside ${l.file}`);
      }
      if (l.flow) assert.ok(fs.readFileSync(onDisk, 'utf8').length > 0 && typeof l.scriptLine === 'number', `${l.id}: flow label without scriptLine`);
    }
    for (const l of labels) {
      assert.ok(l.rule, `${l.id}: every label names the rule a reviewer expects`);
      assert.ok(l.note, `${l.id}: every label says why`);
    }
    const per = (c: string) => labels.filter(l => l.category === c).length;
    for (const c of ['credential', 'machine', 'environment-specific']) assert.ok(per(c) >= 40, `${c}: only ${per(c)} labels`);
    assert.ok(negatives.length >= labels.length, 'at least as many documented traps as positives');
  });

  test('the committed tree is what the generator writes', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'test/eval/generator/generate.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `test/eval/tree differs from test/eval/generator (run node test/eval/generator/generate.mjs):\n${r.stderr}`);
  });

  test('the evaluator matches by place and category, and alm by rule', async () => {
    const { evaluate } = await loadEvaluator();
    const labels = [
      { id: 'L1', category: 'credential', rule: 'pad/plaintext-secret', file: 'a.robin', line: 3, note: '' },
      { id: 'L2', category: 'machine', rule: 'cloud/hardcoded-machine', file: 's/x.xml', flow: 'F', scriptLine: 7, note: '' },
      { id: 'L3', category: 'alm', rule: 'settings/missing-value', file: 'c.json', line: 5, lines: [4, 5], note: '' },
    ];
    const report = {
      findings: [
        { ruleId: 'pad/sensitive-not-marked', category: 'credential', message: 'm', file: 'test/eval/tree/a.robin', line: 3 },
        { ruleId: 'pad/hardcoded-machine', category: 'machine', message: 'm', file: 'test/eval/tree/s/x.xml', line: 1, scriptLine: 7, logicalLocation: { flow: 'F' } },
        { ruleId: 'settings/missing-value', category: 'alm', message: 'm', file: 'test/eval/tree/c.json', line: 4 },
        { ruleId: 'pad/hardcoded-machine', category: 'machine', message: 'm', file: 'test/eval/tree/a.robin', line: 4 },
        { ruleId: 'settings/unknown-entry', category: 'alm', message: 'm', file: 'test/eval/tree/c.json', line: 9 },
        { ruleId: 'pad/syntax', category: 'syntax', message: 'm', file: 'test/eval/tree/a.robin', line: 1 },
      ],
    };
    const ev = evaluate(report, { labels, negatives: [] });
    assert.equal(ev.results.credential.matched, 1);
    assert.equal(ev.results.machine.matched, 1);
    assert.equal(ev.results.machine.falsePositives.length, 1);
    assert.equal(ev.results['settings/missing-value'].matched, 1);
    assert.equal(ev.results['settings/unknown-entry'].falsePositives.length, 1);
    assert.equal(ev.loadProblems.length, 1);
    assert.ok(ev.failures.some((f: string) => f.includes('load problem')));
  });

  test('every alm label names a rule the evaluator scores exactly', async () => {
    const { ALM_RULES } = await loadEvaluator();
    for (const dir of [path.join(ROOT, 'test/eval'), HOLDOUT]) {
      const labels: Label[] = JSON.parse(fs.readFileSync(path.join(dir, 'labels.json'), 'utf8'));
      for (const l of labels.filter(x => x.category === 'alm')) assert.ok(ALM_RULES.includes(l.rule), `${l.id}: ${l.rule} is not in ALM_RULES of scripts/eval.mjs`);
    }
  });

  test('FlowCop reaches ≥95% precision and recall per category, exact ALM rules, clean load', async () => {
    const { evaluate, formatReport, loadLabels } = await loadEvaluator();
    const treePrefix = 'test/eval/tree/';
    const report = lintReport(TREE) as { findings: ReportFinding[] };
    const labelSet = withoutKnownMisses(evaluate, report, withExceptions(report, loadLabels(), MAIN_EXCEPTIONS, treePrefix), MAIN_KNOWN_MISSES, treePrefix);
    const ev = evaluate(report, labelSet, { treePrefix });
    const text: string = formatReport(ev);
    if (ev.failures.length) assert.fail(`evaluation gate failed (documented exceptions applied:\n${describeExceptions(MAIN_EXCEPTIONS)}${describeKnownMisses(MAIN_KNOWN_MISSES)}):\n\n${text}`);
  });
});

// ---------------------------------------------------------------------------------------------
// The held-out set: the same gates. Where the product deliberately reports a labelled problem at another
// place than the label, the exception is listed here by label id with its reason (never a lowered
// threshold, never a dropped finding: decided findings the labels do not list still count against
// precision). Each exception must still apply, so a stale one fails the test (test/support/eval.ts).

/** Files under a directory, relative to it. */
function* filesUnder(dir: string, rel = ''): Generator<string> {
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) yield* filesUnder(dir, r);
    else yield r;
  }
}

// Issue 13's labels that FlowCop misses because of a defect reported to the rule owners (the eval report of
// 2026-12-05, with the exact input). Such a label stays in labels.json and stays missed in `scripts/eval.mjs`;
// the unit gate leaves it out only while FlowCop still misses it, and fails once FlowCop finds it, so the
// entry is removed with the fix. Never a threshold, never a finding dropped.
interface KnownMiss { id: string; reason: string }

const MAIN_EXCEPTIONS: PlaceException[] = [];
const MAIN_KNOWN_MISSES: KnownMiss[] = [];
const HOLDOUT_KNOWN_MISSES: KnownMiss[] = [];

/** The label set without the known misses, after checking that FlowCop still misses each of them. */
function withoutKnownMisses(
  evaluate: (report: unknown, labels: unknown, options: unknown) => { results: Record<string, { missed: Label[] }> },
  report: { findings: ReportFinding[] },
  labelSet: { labels: Label[]; negatives: Label[] },
  misses: KnownMiss[],
  treePrefix: string,
): { labels: Label[]; negatives: Label[] } {
  if (!misses.length) return labelSet;
  const missed = new Set(Object.values(evaluate(report, labelSet, { treePrefix }).results).flatMap(r => r.missed.map(l => l.id)));
  for (const m of misses) {
    assert.ok(labelSet.labels.some(l => l.id === m.id), `known miss ${m.id}: no such label`);
    assert.ok(missed.has(m.id), `known miss ${m.id} is stale: FlowCop finds it now (remove it from the known misses)`);
  }
  const ids = new Set(misses.map(m => m.id));
  return { ...labelSet, labels: labelSet.labels.filter(l => !ids.has(l.id)) };
}

const describeKnownMisses = (misses: KnownMiss[]): string =>
  misses.length ? `\nknown misses left out of the gate:\n${misses.map(m => `  - ${m.id}: ${m.reason}`).join('\n')}` : '';

const HOLDOUT_EXCEPTIONS: PlaceException[] = [
  { id: 'wgv-prov-temp-password-output', rule: 'pad/sensitive-not-marked', flow: 'IT - Provision New Hire Account', element: 'Output_TempPassword',
    reason: 'product decision: a missing protection of an @OUTPUT is reported at its declaration (the element that lacks it); the label sits on the SET that copies the password into it' },
];

describe('held-out evaluation set (test/eval-holdout)', () => {
  test('the committed held-out tree is what its generator writes', async () => {
    // The generator is TypeScript bundled with esbuild (its README); it writes into a temporary copy.
    const esbuild = await import('esbuild');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-holdout-'));
    try {
      const bundle = path.join(tmp, 'gen.cjs');
      await esbuild.build({ entryPoints: [path.join(HOLDOUT, 'generator', 'main.ts')], bundle: true, platform: 'node', outfile: bundle, logLevel: 'silent', absWorkingDir: ROOT });
      const out = path.join(tmp, 'set');
      const r = spawnSync(process.execPath, [bundle, out], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const differing = [...filesUnder(out)].filter(rel => {
        const committed = path.join(HOLDOUT, rel);
        return !fs.existsSync(committed) || !fs.readFileSync(committed).equals(fs.readFileSync(path.join(out, rel)));
      });
      const extra = [...filesUnder(path.join(HOLDOUT, 'tree'))].map(rel => path.join('tree', rel)).filter(rel => !fs.existsSync(path.join(out, rel)));
      assert.deepEqual([...differing, ...extra], [], 'test/eval-holdout differs from its generator (see its README, "How it is built")');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  test('FlowCop reaches the same gates on the held-out set: ≥95% precision and recall per category, exact ALM rules, clean load', async () => {
    const { evaluate, formatReport, loadLabels } = await loadEvaluator();
    const treePrefix = 'test/eval-holdout/tree/';
    const report = lintReport(path.join(HOLDOUT, 'tree')) as { findings: ReportFinding[] };
    const labelSet = withoutKnownMisses(evaluate, report, withExceptions(report, loadLabels(HOLDOUT), HOLDOUT_EXCEPTIONS, treePrefix), HOLDOUT_KNOWN_MISSES, treePrefix);
    const ev = evaluate(report, labelSet, { treePrefix });
    const text: string = formatReport(ev);
    if (ev.failures.length) assert.fail(`held-out evaluation gate failed (documented exceptions applied:\n${describeExceptions(HOLDOUT_EXCEPTIONS)}${describeKnownMisses(HOLDOUT_KNOWN_MISSES)}):\n\n${text}`);
  });
});
