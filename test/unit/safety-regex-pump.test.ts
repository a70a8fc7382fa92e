// Issue 9, "no super-linear pattern on input": every regular expression under server/src/rules, server/src/analysis,
// server/src/load and server/src/findings (found in the source, deduplicated), and the functions that
// hold the built patterns (value classifiers, script secrets, glob matching, a whole lint), pumped with
// the classic attack strings for their shape at 1k/10k/100k characters. Growth from 10k to 100k must
// stay well under 30× (about 10× is linear, 100× quadratic), medians of several runs; a pattern that
// does not finish is stopped by the supervisor and reported. See test/support/safety-regex-pump*.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { globToRegExp } from '../../server/src/findings/config';
import { PumpGroup, repoRoot } from '../support/safety-regex-pump-jobs';
import { runPump } from '../support/safety-regex-pump-runner';
import { RATIO_LIMIT } from '../support/safety-regex-pump-worker';

function describeProblems(run: Awaited<ReturnType<typeof runPump>>): string[] {
  return [
    ...run.stalled.map(s => `${s.name}: did not finish`),
    ...run.verdicts.filter(v => !v.ok).map(v =>
      `${v.name}: ${v.attack}: ${v.t10k.toFixed(1)} ms at 10k, ${v.t100k === undefined ? `${v.t1k?.toFixed(2)} ms at 1k` : `${v.t100k.toFixed(1)} ms at 100k`} (×${v.ratio?.toFixed(0)})`),
  ];
}

const root = repoRoot();
const runs = new Map<PumpGroup, Promise<Awaited<ReturnType<typeof runPump>>>>();
const pump = (group: PumpGroup) => {
  if (!runs.has(group)) runs.set(group, runPump(group));
  return runs.get(group)!;
};

describe('no super-linear regular expression on input text', { skip: root ? false : 'server/src not found beside the build output' }, () => {
  test('value classifiers, script secrets, command lines, glob matching and a whole lint grow linearly', async () => {
    const run = await pump('functions');
    assert.ok(run.count >= 20, `expected the function jobs, got ${run.count}`);
    assert.deepEqual(describeProblems(run), [], `super-linear (limit ×${RATIO_LIMIT} from 10k to 100k)`);
  });

  for (const [group, least] of [['rules', 15], ['analysis', 40], ['load', 5], ['findings', 3]] as const) {
    test(`every pattern in server/src/${group} grows linearly`, async () => {
      const run = await pump(group);
      assert.ok(run.count >= least, `the source scan found only ${run.count} patterns with an unbounded quantifier in ${group}/`);
      assert.deepEqual(describeProblems(run), [], `super-linear (limit ×${RATIO_LIMIT} from 10k to 100k)`);
    });
  }
});

describe('ignore globs are matched without an exponential regex', () => {
  test('`*a*a*a*a*a*a*a*a*a*a*a*a*b` against long paths ends at once, and still matches what it names', async () => {
    // In a worker with a deadline: the former regex took about a second at 30 characters and doubled with
    // each one more, so on it this test fails instead of never ending.
    const config = path.join(__dirname, '../../server/src/findings/config.js');
    const code = `
      const { globToRegExp } = require(${JSON.stringify(config)});
      const glob = globToRegExp('*a*a*a*a*a*a*a*a*a*a*a*a*b');
      const results = [
        glob.test('a'.repeat(100000)),
        glob.test('a/'.repeat(20000) + 'a'.repeat(40)),
        glob.test('x/' + 'a'.repeat(30) + 'b'),
        glob.test('a'.repeat(11) + 'b'),
      ];
      require('node:worker_threads').parentPort.postMessage(results);`;
    const worker = new Worker(code, { eval: true });
    try {
      const results = await new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the glob matcher did not finish within 10 s')), 10_000);
        worker.once('message', m => { clearTimeout(timer); resolve(m); });
        worker.once('error', e => { clearTimeout(timer); reject(e); });
      });
      assert.deepEqual(results, [false, false, true, false]);
    } finally {
      await worker.terminate();
    }
  });

  test('the glob forms flowcop.json uses keep their meaning', () => {
    const m = (g: string, p: string) => globToRegExp(g).test(p);
    assert.ok(m('*.robin', 'a/b/x.robin'));
    assert.ok(m('*.robin', 'x.ROBIN'));
    assert.ok(!m('*.robin', 'x.robin.bak'));
    assert.ok(m('legacy', 'src/legacy/flow.json'));
    assert.ok(m('src/legacy', 'src/legacy/flow.json'));
    assert.ok(!m('src/legacy', 'other/src/legacy/flow.json'));
    assert.ok(m('src/**/old-*.json', 'src/old-1.json'));
    assert.ok(m('src/**/old-*.json', 'src/a/b/old-1.json'));
    assert.ok(!m('src/**/old-*.json', 'src/a/b/new-1.json'));
    assert.ok(m('**/Workflows/*.json', 'sol/Workflows/a.json'));
    assert.ok(m('Workflows/?.json', 'Workflows/a.json'));
    assert.ok(!m('Workflows/?.json', 'Workflows/ab.json'));
    assert.ok(m('logs/**', 'logs/a/b.txt'));
    assert.ok(!m('logs/**', 'logs'));
    assert.ok(m('./src/*.json', 'src/a.json'));
    assert.ok(m('src\\*.json', 'src/a.json'));
    assert.ok(m('a+b(1).json', 'x/a+b(1).json'));
  });

  test('the matcher agrees with the regex it replaces on short globs and paths (fixed seed)', () => {
    // The former translation, fine on short input: the reference for what each glob means.
    const reference = (glob: string): RegExp => {
      let re = '';
      const g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
      for (let i = 0; i < g.length; i++) {
        const c = g[i];
        if (c === '*' && g[i + 1] === '*') {
          const slash = g[i + 2] === '/';
          re += slash ? '(?:.*/)?' : '.*';
          i += slash ? 2 : 1;
        } else if (c === '*') re += '[^/]*';
        else if (c === '?') re += '[^/]';
        else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
      return new RegExp(`${g.includes('/') ? `^${re}` : `^(?:.*/)?${re}`}(?:/.*)?$`, 'i');
    };
    // Segments are `**` or letters, `?` and single stars (`a**b` inside a segment is not a form flowcop.json documents).
    const segment = fc.oneof(fc.constant('**'), fc.array(fc.constantFrom('a', 'b', '*', '?'), { minLength: 1, maxLength: 4 }).map(cs => cs.join('').replace(/\*+/g, '*')));
    const globs = fc.array(segment, { minLength: 1, maxLength: 4 }).map(ss => ss.join('/'));
    const paths = fc.array(fc.array(fc.constantFrom('a', 'b'), { minLength: 1, maxLength: 3 }).map(cs => cs.join('')), { minLength: 1, maxLength: 5 }).map(ss => ss.join('/'));
    fc.assert(fc.property(globs, paths, (g, p) => {
      // A trailing `**` is the one deliberate difference only when nothing follows it (`logs/**` vs `logs`): both say no.
      assert.equal(globToRegExp(g).test(p), reference(g).test(p), `glob ${g} on ${p}`);
    }), { seed: 9, numRuns: 3000 });
  });
});
