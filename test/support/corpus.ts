// The real-world corpus lives beside the checkout (../shared/corpus); tests skip without it.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'server'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

export const CORPUS = path.resolve(repoRoot(), '..', 'shared', 'corpus');

/** Absolute path of a corpus file or folder, or undefined when the corpus is absent. */
export function corpusPath(rel = ''): string | undefined {
  const p = path.join(CORPUS, rel);
  return fs.existsSync(p) ? p : undefined;
}
