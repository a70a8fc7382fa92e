// The real-world evaluation set (test/eval-realworld/, issue 12 item 6): public, permissively licensed
// Power Automate repositories, labelled before FlowCop was run on them. The labels are checked for
// shape now; the gate (≥95% precision and recall per category, exact ALM rules, clean load) is marked
// todo until the calibration of issue 12 lands, so it reports without failing `npm test`. Switch it on
// by removing the `todo` option (see test/eval-realworld/FIRST-CONTACT.md for the first-contact numbers).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Label, lintReport, loadEvaluator, ROOT } from '../support/eval';

const SET = path.join(ROOT, 'test', 'eval-realworld');
const TREE = path.join(SET, 'tree');

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

  test('FlowCop reaches ≥95% precision and recall per category, exact ALM rules, clean load', { todo: 'calibration (issue 12)' }, async () => {
    const { evaluate, formatReport, loadLabels } = await loadEvaluator();
    const ev = evaluate(lintReport(TREE), loadLabels(SET), { treePrefix: 'test/eval-realworld/tree/' });
    if (ev.failures.length) assert.fail(`real-world evaluation gate failed:\n\n${formatReport(ev)}`);
  });
});
