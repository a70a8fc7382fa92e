// `flowcop lint --timing` / FLOWCOP_TIMING=1: a table of phases and rules on standard error, the report on
// standard output untouched. No figure is asserted: only that the table is complete and adds up.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli, runCliAsync } from '../../server/src/cli';
import { formatTimings, mergeTimings, newTimings, PHASES } from '../../server/src/findings/timing';
import { DiskVfs } from '../../server/src/load/vfs';
import { RULES } from '../../server/src/rules/registry';
import { repoRoot } from '../support/corpus';

const ROOT = repoRoot();
/** Several solutions with cloud and desktop flows, settings, pipelines and policies: every kind of rule runs. */
const TREE = path.join(ROOT, 'test/eval/tree');
const WORKER = path.join(__dirname, '..', '..', 'server', 'src', 'cli.js');

function io(out: string[], err: string[], env: Record<string, string> = {}): CliIO {
  return { stdout: s => out.push(s), stderr: s => err.push(s), cwd: ROOT, vfs: new DiskVfs(), isTTY: false, env, writeFile: () => { throw new Error('no writes'); } };
}

interface Row { name: string; ms: number; share: number }
interface Table { phases: Row[]; rules: Row[] }

/** The two sections of the table; undefined when standard error holds none. */
function parseTable(stderr: string): Table | undefined {
  const lines = stderr.split('\n');
  const phaseAt = lines.findIndex(l => /^Phase\s+Time \(ms\)\s+Share$/.test(l));
  const ruleAt = lines.findIndex(l => /^Rule\s+Time \(ms\)\s+Share$/.test(l));
  if (phaseAt < 0 || ruleAt < phaseAt) return undefined;
  const rows = (from: number, to: number) => lines.slice(from, to).filter(l => l.trim()).map(l => {
    const m = /^(\S.*?)\s+(-?\d+\.\d)\s+(-?\d+\.\d)%$/.exec(l);
    assert.ok(m, `not a table row: ${JSON.stringify(l)}`);
    return { name: m[1], ms: Number(m[2]), share: Number(m[3]) };
  });
  return { phases: rows(phaseAt + 1, ruleAt), rules: rows(ruleAt + 1, lines.length) };
}

/** Rules the default configuration runs over a tree with solutions, cloud flows and desktop flows. */
const EXPECTED_RULES = RULES.filter(r => r.check.solution || r.check.cloudFlow || r.check.script).map(r => r.meta.id).sort();

async function lint(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCliAsync(['lint', TREE, '--fail-on', 'none', ...args], io(out, err, env), WORKER);
  return { code, out: out.join(''), err: err.join('') };
}

describe('lint --timing', () => {
  test('lists the phases and every rule that ran; numbers are ≥ 0 and the shares add up', async () => {
    const { err } = await lint(['--jobs', '1', '--timing']);
    const table = parseTable(err);
    assert.ok(table, 'no timing table on standard error');
    assert.deepEqual(table.phases.map(r => r.name), [...PHASES, 'total']);
    assert.deepEqual(table.rules.map(r => r.name).sort(), EXPECTED_RULES);
    for (const r of [...table.phases, ...table.rules]) {
      assert.ok(r.ms >= 0 && r.share >= 0, `${r.name}: ${r.ms} ms, ${r.share}%`);
    }
    const phases = table.phases.filter(r => r.name !== 'total');
    const shareSum = phases.reduce((a, r) => a + r.share, 0);
    assert.ok(Math.abs(shareSum - 100) < 0.5, `phase shares add up to ${shareSum}%`);
    assert.equal(table.phases.at(-1)!.share, 100);
    // The rules phase is the sum of the rule lines (each printed to 0.1 ms).
    const rulesPhase = table.phases.find(r => r.name === 'rules')!.ms;
    const ruleSum = table.rules.reduce((a, r) => a + r.ms, 0);
    assert.ok(Math.abs(rulesPhase - ruleSum) <= 0.05 * table.rules.length + 0.1, `rules ${rulesPhase} vs lines ${ruleSum}`);
    const sorted = table.rules.map(r => r.ms);
    assert.deepEqual(sorted, [...sorted].sort((a, b) => b - a), 'rules are listed slowest first');
  });

  test('--jobs 2 sums the workers into the same rule lines', async () => {
    const one = parseTable((await lint(['--jobs', '1', '--timing'])).err);
    const two = parseTable((await lint(['--jobs', '2', '--timing'])).err);
    assert.ok(one && two);
    assert.deepEqual(two.rules.map(r => r.name).sort(), one.rules.map(r => r.name).sort());
    assert.deepEqual(two.phases.map(r => r.name), one.phases.map(r => r.name));
  });

  test('standard output is the same byte for byte, with and without it, in every format', async () => {
    for (const format of ['text', 'json', 'sarif', 'github', 'azure', 'junit', 'markdown']) {
      for (const jobs of ['1', '2']) {
        const plain = await lint(['--format', format, '--jobs', jobs]);
        const timed = await lint(['--format', format, '--jobs', jobs, '--timing']);
        assert.equal(timed.code, plain.code);
        assert.equal(timed.out, plain.out, `${format}, --jobs ${jobs}`);
        assert.equal(parseTable(plain.err), undefined, 'no table without --timing');
        assert.ok(parseTable(timed.err));
      }
    }
  });

  test('with --format json the report stays parseable', async () => {
    const { out, err } = await lint(['--format', 'json', '--jobs', '1', '--timing']);
    assert.doesNotThrow(() => JSON.parse(out));
    assert.ok(parseTable(err));
  });

  test('FLOWCOP_TIMING=1 does what --timing does; empty, 0 or false do not', async () => {
    for (const jobs of ['1', '2']) {
      const table = parseTable((await lint(['--jobs', jobs], { FLOWCOP_TIMING: '1' })).err);
      assert.ok(table, `--jobs ${jobs}`);
      assert.deepEqual(table.rules.map(r => r.name).sort(), EXPECTED_RULES);
    }
    for (const off of ['', '0', 'false']) assert.equal(parseTable((await lint(['--jobs', '1'], { FLOWCOP_TIMING: off })).err), undefined, JSON.stringify(off));
  });

  test('--fix-dry-run with --timing still prints the table (the lint after the fixes)', () => {
    const err: string[] = [];
    const out: string[] = [];
    runCli(['lint', TREE, '--fix-dry-run', '--fail-on', 'none', '--format', 'json', '--timing'], io(out, err));
    assert.ok(parseTable(err.join('')));
  });
});

describe('timing table', () => {
  test('merging adds phases and rules; the table sorts rules slowest first and names only ids and phases', () => {
    const a = newTimings();
    a.phases['load + parse'] = 3;
    a.rules['x/slow'] = 5;
    a.rules['x/fast'] = 1;
    const b = newTimings();
    b.phases['load + parse'] = 1;
    b.phases.facts = 2;
    b.rules['x/fast'] = 1;
    mergeTimings(a, b);
    assert.deepEqual(a, { phases: { 'load + parse': 4, facts: 2 }, rules: { 'x/slow': 5, 'x/fast': 2 } });
    const table = parseTable(formatTimings(a))!;
    assert.deepEqual(table.rules.map(r => [r.name, r.ms]), [['x/slow', 5], ['x/fast', 2]]);
    assert.deepEqual(table.phases.map(r => [r.name, r.ms]), [['discover', 0], ['load + parse', 4], ['facts', 2], ['rules', 7], ['findings', 0], ['report', 0], ['total', 13]]);
    assert.equal(table.phases.find(r => r.name === 'rules')!.share, Number((700 / 13).toFixed(1)));
  });

  test('an empty run prints zeros, not NaN', () => {
    const table = parseTable(formatTimings(newTimings()))!;
    assert.ok(table.phases.every(r => r.ms === 0 && r.share === 0));
    assert.deepEqual(table.rules, []);
  });
});
