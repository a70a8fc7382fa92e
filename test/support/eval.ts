// What the evaluation-set tests share: the repository root, the label shape, the scorer
// (scripts/eval.mjs) and an in-process `flowcop lint --format json` of a tree.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../server/src/cli';
import { DiskVfs } from '../../server/src/load/vfs';

/** Repository root: the tests run from <out>/test/unit/. */
export const ROOT = [path.resolve(__dirname, '../../..'), path.resolve(__dirname, '../..')].find(d => fs.existsSync(path.join(d, 'scripts', 'eval.mjs')))!;

export interface Label {
  id: string;
  category: string;
  rule?: string;
  file: string;
  line?: number;
  lines?: number[];
  flow?: string;
  scriptLine?: number;
  note: string;
}

// scripts/eval.mjs is an ES module; the tests are CommonJS.
export const loadEvaluator = (): Promise<any> => import(pathToFileURL(path.join(ROOT, 'scripts', 'eval.mjs')).href);

/** `flowcop lint <tree> --format json`, in-process (the same code as the CLI); it must not write. */
export function lintReport(tree: string): unknown {
  let out = '';
  let err = '';
  const code = runCli(['lint', path.relative(ROOT, tree), '--format', 'json', '--fail-on', 'none'], {
    stdout: s => { out += s; },
    stderr: s => { err += s; },
    cwd: ROOT,
    vfs: new DiskVfs(),
    isTTY: false,
    env: {},
    writeFile: () => { throw new Error('the evaluation must not write files'); },
  });
  assert.equal(code, 0, `flowcop lint failed (${code}): ${err}`);
  return JSON.parse(out);
}
