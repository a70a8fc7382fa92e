// The tree FlowCop was asked to lint, and whether a path named by a file inside it (a .cdsproj's
// SolutionRootPath, a flowcop.json `environments` path) stays inside. Such paths come from the
// repository, so they must not make FlowCop read, and `--fix` rewrite, files elsewhere.
//
// The boundary: the linted roots (the paths given on the command line; in the editor, the workspace
// folders) — a folder with everything below it, a file by itself. A flowcop.json that lies outside
// every linted root (found upward, or given with --config) is the user's own file: its paths may also
// reach anywhere below its own folder. Paths are compared as real paths (symbolic links resolved as
// far as the path exists), so a link inside the tree cannot lead outside. To include a folder outside
// on purpose, the user names it as one more linted path. Documented in docs/rules/flowcop/parse-error.md.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { isInsideDir } from '../util/paths';


/**
 * The path with its symbolic links resolved: the real path of its longest existing ancestor, with the
 * rest appended. A path that does not exist on disk (an in-memory tree) stays as it is.
 */
export function realPathOf(p: string): string {
  const rest: string[] = [];
  let cur = nodePath.resolve(p);
  for (;;) {
    try {
      const real = fs.realpathSync.native(cur);
      return rest.length ? nodePath.join(real, ...rest.reverse()) : real;
    } catch {
      const up = nodePath.dirname(cur);
      if (up === cur) return nodePath.resolve(p);
      rest.push(nodePath.basename(cur));
      cur = up;
    }
  }
}

export class TreeBoundary {
  private readonly dirs: string[] = [];
  private readonly lexicalDirs: string[] = [];
  private readonly files = new Set<string>();

  addFolder(dir: string): void {
    this.lexicalDirs.push(nodePath.resolve(dir));
    this.dirs.push(realPathOf(dir));
  }

  addFile(file: string): void {
    this.files.add(realPathOf(file));
  }

  /** Whether `p` lies inside a linted folder or is a linted file (real paths). */
  contains(p: string): boolean {
    const real = realPathOf(p);
    return this.files.has(real) || this.dirs.some(d => isInsideDir(real, d));
  }

  /**
   * Whether a path written in a flowcop.json may be read: inside the tree, or — for a flowcop.json
   * outside every linted folder — inside that file's own folder.
   */
  allowsConfigPath(p: string, configFile: string): boolean {
    if (this.contains(p)) return true;
    const configInTree = this.lexicalDirs.some(d => isInsideDir(nodePath.resolve(configFile), d)) || this.contains(configFile);
    return !configInTree && isInsideDir(realPathOf(p), realPathOf(nodePath.dirname(configFile)));
  }
}
