// The real-world evaluation set (test/eval-realworld/, issue 12 item 6): public, permissively licensed
// Power Automate repositories, labelled before FlowCop was run on them. The gate is the held-out one:
// ≥95% precision and recall per category, exact ALM rules, clean load, with place exceptions only where
// the product deliberately reports a labelled problem elsewhere (test/support/eval.ts). A category the
// set has no labels for (machine) has no recall to measure, but every finding in it is a false positive:
// precision is TP / findings, so one finding there fails the gate (see the evaluator test below).
// The gate is `todo` while the set does not pass with the live tree: it prints its report without
// failing `npm test` (test/eval-realworld/AFTER-CALIBRATION.md says what is left).
// The repositories' files are not committed: sources.json lists them (with their git blob ids) and
// `node scripts/eval-tree.mjs --set realworld` rebuilds tree/ from local mirrors. Without the tree the
// labels are still checked against that list; the line checks and the gate are skipped, saying why.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { describeExceptions, Label, lintReport, loadEvaluator, PlaceException, ReportFinding, ROOT, withExceptions } from '../support/eval';

const SET = path.join(ROOT, 'test', 'eval-realworld');
const TREE = path.join(SET, 'tree');
const TREE_PREFIX = 'test/eval-realworld/tree/';
const NO_TREE = fs.existsSync(TREE) ? false
  : 'test/eval-realworld/tree is absent (third-party files are not committed; node scripts/eval-tree.mjs --set realworld rebuilds it from local mirrors)';

interface SourceEntry { folder: string; repository: string; commit: string; license: string; files: Array<{ path: string; blob: string }> }
const SOURCES: SourceEntry[] = JSON.parse(fs.readFileSync(path.join(SET, 'sources.json'), 'utf8')).repositories;
/** `<folder>/<path>` of every listed file → its git blob id. */
const LISTED = new Map<string, string>(SOURCES.flatMap(r => r.files.map(f => [`${r.folder}/${f.path}`, f.blob] as const)));

function allLabels(): Label[] {
  const labels: Label[] = JSON.parse(fs.readFileSync(path.join(SET, 'labels.json'), 'utf8'));
  const negatives: Label[] = JSON.parse(fs.readFileSync(path.join(SET, 'negatives.json'), 'utf8'));
  return [...labels, ...negatives];
}

function filesUnder(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap(d =>
    d.isDirectory() ? filesUnder(dir, path.posix.join(rel, d.name)) : [path.posix.join(rel, d.name)]);
}

/** Labels the product reports at another place on purpose (none yet). */
const REALWORLD_EXCEPTIONS: PlaceException[] = [];

/** Why the gate is not enforced yet; `undefined` once the set passes with the live tree. */
const GATE_TODO: string | undefined = undefined;

describe('real-world evaluation set (test/eval-realworld)', () => {
  test('every repository names its source and licence, and the labels point at listed files', () => {
    const notes = fs.readdirSync(path.join(SET, 'sources')).sort();
    assert.deepEqual(notes, SOURCES.map(r => `${r.folder}.md`).sort(), 'one sources/<folder>.md per folder of sources.json');
    for (const r of SOURCES) {
      const note = fs.readFileSync(path.join(SET, 'sources', `${r.folder}.md`), 'utf8');
      assert.ok(note.includes(`Commit: ${r.commit}`), `${r.folder}: sources/${r.folder}.md names another commit than sources.json`);
      assert.ok(note.includes(`Repository: ${r.repository}`), `${r.folder}: sources/${r.folder}.md names another repository`);
      assert.equal(r.license, 'MIT', `${r.folder}: licence`);
      assert.ok(r.files.some(f => f.path === 'LICENSE'), `${r.folder}: the repository's LICENSE is not among the files taken`);
    }
    const ids = new Set<string>();
    for (const l of allLabels()) {
      assert.ok(!ids.has(l.id), `duplicate id ${l.id}`);
      ids.add(l.id);
      assert.ok(['credential', 'machine', 'environment-specific', 'alm'].includes(l.category), `${l.id}: category ${l.category}`);
      assert.ok(l.rule && l.note, `${l.id}: every label names a rule and says why`);
      assert.ok(LISTED.has(l.file.split('!/')[0]), `${l.id}: ${l.file} is not a file of sources.json`);
      if (l.flow) assert.ok(typeof l.scriptLine === 'number' && l.scriptLine >= 1, `${l.id}: flow label without scriptLine`);
    }
  });

  test('the tree holds exactly the listed files, byte for byte, and every labelled line is inside its file', { skip: NO_TREE }, () => {
    const onDisk = filesUnder(TREE).sort();
    assert.deepEqual(onDisk, [...LISTED.keys()].sort(), 'rebuild the tree: node scripts/eval-tree.mjs --set realworld');
    for (const [rel, blob] of LISTED) {
      const bytes = fs.readFileSync(path.join(TREE, rel));
      const actual = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
      assert.equal(actual, blob, `${rel} differs from the repository's file (blob ${blob})`);
    }
    for (const l of allLabels()) {
      if (l.flow || l.file.includes('!/')) continue;
      const count = fs.readFileSync(path.join(TREE, l.file), 'utf8').split('\n').length;
      for (const n of l.lines ?? [l.line!]) assert.ok(n >= 1 && n <= count, `${l.id}: line ${n} outside ${l.file}`);
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

  test('FlowCop reaches ≥95% precision and recall per category, exact ALM rules, clean load', { todo: GATE_TODO, skip: NO_TREE }, async () => {
    const { evaluate, formatReport, loadLabels } = await loadEvaluator();
    const report = lintReport(TREE) as { findings: ReportFinding[] };
    const ev = evaluate(report, withExceptions(report, loadLabels(SET), REALWORLD_EXCEPTIONS, TREE_PREFIX), { treePrefix: TREE_PREFIX });
    const documented = REALWORLD_EXCEPTIONS.length ? describeExceptions(REALWORLD_EXCEPTIONS) : '  (none)';
    if (ev.failures.length) assert.fail(`real-world evaluation gate failed (documented exceptions applied:\n${documented}):\n\n${formatReport(ev)}`);
  });
});
