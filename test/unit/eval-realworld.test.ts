// The real-world evaluation set (test/eval-realworld/, issue 12 item 6): public, permissively licensed
// Power Automate repositories, labelled before FlowCop was run on them. The gate is the held-out one:
// ≥95% precision and recall per category, exact ALM rules, clean load, with place exceptions only where
// the product deliberately reports a labelled problem elsewhere (test/support/eval.ts). A category the
// set has no labels for (machine) has no recall to measure, but every finding in it is a false positive:
// precision is TP / findings, so one finding there fails the gate (see the evaluator test below).
// The gate is `todo` while the set does not pass with the live tree: it prints its report without
// failing `npm test` (test/eval-realworld/AFTER-CALIBRATION.md says what is left).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { describeExceptions, Label, lintReport, loadEvaluator, PlaceException, ReportFinding, ROOT, withExceptions } from '../support/eval';

const SET = path.join(ROOT, 'test', 'eval-realworld');
const TREE = path.join(SET, 'tree');
const TREE_PREFIX = 'test/eval-realworld/tree/';

/** Labels the product reports at another place on purpose (none yet). */
const REALWORLD_EXCEPTIONS: PlaceException[] = [];

/** Why the gate is not enforced yet; `undefined` once the set passes with the live tree. */
const GATE_TODO: string | undefined = undefined;

describe('real-world evaluation set (test/eval-realworld)', () => {
  test('every copied repository keeps its licence and source, and the labels point into the tree', () => {
    for (const repo of fs.readdirSync(TREE)) {
      assert.ok(fs.existsSync(path.join(TREE, repo, 'LICENSE')), `${repo}: LICENSE missing`);
      assert.match(fs.readFileSync(path.join(TREE, repo, 'SOURCE.md'), 'utf8'), /Commit: [0-9a-f]{40}/, `${repo}: SOURCE.md names no commit`);
    }
    const labels: Label[] = JSON.parse(fs.readFileSync(path.join(SET, 'labels.json'), 'utf8'));
    const negatives: Label[] = JSON.parse(fs.readFileSync(path.join(SET, 'negatives.json'), 'utf8'));
    const ids = new Set<string>();
    for (const l of [...labels, ...negatives]) {
      assert.ok(!ids.has(l.id), `duplicate id ${l.id}`);
      ids.add(l.id);
      assert.ok(['credential', 'machine', 'environment-specific', 'alm'].includes(l.category), `${l.id}: category ${l.category}`);
      assert.ok(l.rule && l.note, `${l.id}: every label names a rule and says why`);
      const onDisk = path.join(TREE, l.file.split('!/')[0]);
      assert.ok(fs.existsSync(onDisk), `${l.id}: ${l.file} does not exist`);
      if (l.flow) {
        assert.ok(typeof l.scriptLine === 'number' && l.scriptLine >= 1, `${l.id}: flow label without scriptLine`);
      } else if (!l.file.includes('!/')) {
        const count = fs.readFileSync(onDisk, 'utf8').split('\n').length;
        for (const n of l.lines ?? [l.line!]) assert.ok(n >= 1 && n <= count, `${l.id}: line ${n} outside ${l.file}`);
      }
    }
  });

  test('a category without labels has no recall to measure, and any finding in it fails precision', async () => {
    const { evaluate } = await loadEvaluator();
    const labels = [{ id: 'L1', category: 'credential', rule: 'cloud/plaintext-secret', file: 'f.json', line: 3, note: '' }];
    const clean = evaluate({ findings: [{ ruleId: 'cloud/plaintext-secret', category: 'credential', message: 'm', file: 'f.json', line: 3 }] }, { labels, negatives: [] }, { treePrefix: '' });
    assert.equal(clean.results.machine.labels, 0);
    assert.equal(clean.results.machine.precision, 1, 'no labels and no findings: nothing wrong');
    assert.ok(!clean.failures.some((f: string) => f.startsWith('machine')), clean.failures.join('\n'));
    const noisy = evaluate({
      findings: [
        { ruleId: 'cloud/plaintext-secret', category: 'credential', message: 'm', file: 'f.json', line: 3 },
        { ruleId: 'cloud/hardcoded-machine', category: 'machine', message: 'm', file: 'f.json', line: 9 },
      ],
    }, { labels, negatives: [] }, { treePrefix: '' });
    assert.equal(noisy.results.machine.falsePositives.length, 1);
    assert.equal(noisy.results.machine.precision, 0);
    assert.ok(noisy.failures.some((f: string) => f.startsWith('machine: precision')), noisy.failures.join('\n'));
    assert.ok(!noisy.failures.some((f: string) => f.startsWith('machine: recall')), 'recall is not failed for a category without labels');
  });

  test('FlowCop reaches ≥95% precision and recall per category, exact ALM rules, clean load', { todo: GATE_TODO }, async () => {
    const { evaluate, formatReport, loadLabels } = await loadEvaluator();
    const report = lintReport(TREE) as { findings: ReportFinding[] };
    const ev = evaluate(report, withExceptions(report, loadLabels(SET), REALWORLD_EXCEPTIONS, TREE_PREFIX), { treePrefix: TREE_PREFIX });
    const documented = REALWORLD_EXCEPTIONS.length ? describeExceptions(REALWORLD_EXCEPTIONS) : '  (none)';
    if (ev.failures.length) assert.fail(`real-world evaluation gate failed (documented exceptions applied:\n${documented}):\n\n${formatReport(ev)}`);
  });
});
