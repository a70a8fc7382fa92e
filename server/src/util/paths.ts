// Path containment and relative names, written once: discovery, the tree boundary, baselines, reports and the language server ask them.
import * as nodePath from 'node:path';

/** Whether `p` is `dir` itself or below it (lexically; both absolute). A folder named `..x` is inside. */
export function isInsideDir(p: string, dir: string): boolean {
  const rel = nodePath.relative(dir, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${nodePath.sep}`) && !nodePath.isAbsolute(rel));
}

/** `p` relative to `base` with '/' separators when inside it, else the absolute path with '/' separators. */
export function relativePath(absPath: string, base: string): string {
  const rel = nodePath.relative(base, absPath);
  if (rel === '') return '.';
  if (!isInsideDir(absPath, base)) return absPath.replace(/\\/g, '/');
  return rel.replace(/\\/g, '/');
}
