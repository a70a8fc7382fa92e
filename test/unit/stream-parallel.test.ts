// Worker threads change nothing but the speed: `lint --jobs 2` reports what one thread reports, in the
// same order, and a worker that cannot start or dies leaves its tasks to the main thread.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { lintParallel } from '../../server/src/findings/parallel';
import { lintStream } from '../../server/src/findings/stream';
import { DiskVfs } from '../../server/src/load/vfs';
import { runCliAsync, CliIO, runCli } from '../../server/src/cli';
import { repoRoot } from '../support/corpus';
import { comparable } from '../support/comparable';

const ROOT = repoRoot();
/** A copy of the labelled tree (several solutions of every layout), made before the tests. */
let TREE = '';
let copyDir = '';
/** The transpiled CLI module: it runs the worker loop when started as a lint worker. */
const WORKER = path.join(__dirname, '..', '..', 'server', 'src', 'cli.js');

function io(out: string[], err: string[]): CliIO {
  return { stdout: s => out.push(s), stderr: s => err.push(s), cwd: ROOT, vfs: new DiskVfs(), isTTY: false, env: {}, writeFile: () => { throw new Error('no writes'); } };
}

describe('lint on worker threads', () => {
  before(() => {
    copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-parallel-'));
    TREE = path.join(copyDir, 'tree');
    fs.cpSync(path.join(ROOT, 'test/eval/tree'), TREE, { recursive: true });
  });
  after(() => fs.rmSync(copyDir, { recursive: true, force: true }));

  test('two workers give the findings of one thread, in order', async () => {
    const vfs = new DiskVfs();
    const one = lintStream([TREE], { vfs });
    const two = await lintParallel([TREE], { vfs, jobs: 2, workerFile: WORKER });
    assert.ok(one.findings.length > 100);
    assert.deepEqual(comparable(two.findings), comparable(one.findings));
    assert.deepEqual([two.solutions, two.scripts, two.orphanSettings], [one.solutions, one.scripts, one.orphanSettings]);
    assert.deepEqual([...two.environments].sort(), [...one.environments].sort());
  });

  test('workers that die leave their tasks to the main thread', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-worker-'));
    const broken = path.join(dir, 'broken-worker.js');
    fs.writeFileSync(broken, "throw new Error('worker failed to start');\n");
    try {
      const vfs = new DiskVfs();
      const one = lintStream([TREE], { vfs });
      const fallback = await lintParallel([TREE], { vfs, jobs: 2, workerFile: broken });
      assert.deepEqual(comparable(fallback.findings), comparable(one.findings));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the CLI report with --jobs 2 equals --jobs 1, byte for byte', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      const [out1, err1, out2, err2]: string[][] = [[], [], [], []];
      const code1 = runCli(['lint', TREE, '--format', format, '--jobs', '1'], io(out1, err1));
      const code2 = await runCliAsync(['lint', TREE, '--format', format, '--jobs', '2'], io(out2, err2), WORKER);
      assert.equal(code2, code1);
      assert.equal(out2.join(''), out1.join(''), `${format} report differs`);
      assert.equal(err2.join(''), err1.join(''));
    }
  });

  test('--jobs takes a whole number from 1', () => {
    const err: string[] = [];
    assert.equal(runCli(['lint', 'examples', '--jobs', '0'], io([], err)), 2);
    assert.match(err.join(''), /--jobs must be a whole number/);
  });
});
