// Path containment and relative names, written once: discovery, the tree boundary, baselines, reports and the language server ask them.
import * as nodePath from 'node:path';

/** Whether `p` is `dir` itself or below it (lexically; both absolute). A folder named `..x` is inside. */
export function isInsideDir(p: string, dir: string): boolean {
  const rel = nodePath.relative(dir, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${nodePath.sep}`) && !nodePath.isAbsolute(rel));
}

/** `p` relative to `base` with '/' separators when inside it, else the absolute path with '/' separators. */
export function relativePath(absPath: string, base: string): string {
  // Reports ask once per finding, and a file has many: each (base, file) pair is worked out once.
  // Only absolute pairs are kept, whose answer cannot depend on the working directory.
  if (!nodePath.isAbsolute(absPath) || !nodePath.isAbsolute(base)) return computeRelativePath(absPath, base);
  let byFile = relativePaths.get(base);
  if (!byFile) {
    if (relativePaths.size >= RELATIVE_PATH_BASES) relativePaths.clear();
    relativePaths.set(base, (byFile = new Map()));
  }
  let rel = byFile.get(absPath);
  if (rel === undefined) {
    if (byFile.size >= RELATIVE_PATHS_PER_BASE) byFile.clear();
    byFile.set(absPath, (rel = computeRelativePath(absPath, base)));
  }
  return rel;
}

const relativePaths = new Map<string, Map<string, string>>();
const RELATIVE_PATH_BASES = 64;
const RELATIVE_PATHS_PER_BASE = 100_000;

function computeRelativePath(absPath: string, base: string): string {
  const rel = nodePath.relative(base, absPath);
  if (rel === '') return '.';
  if (!isInsideDir(absPath, base)) return absPath.replace(/\\/g, '/');
  return rel.replace(/\\/g, '/');
}
