// Facts about the installed FlowCop package: where it lives (for the bundled rule docs) and its version.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Public address of the rule documentation (SARIF helpUri); `<rule id>.md` is appended. */
export const DOCS_BASE_URL = 'https://github.com/flowcop/flowcop/blob/main/docs/rules/';

let root: string | undefined;

/** The folder holding FlowCop's package.json (dist/.. when bundled, the repo in tests). */
export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    try {
      if (JSON.parse(fs.readFileSync(candidate, 'utf8')).name === 'flowcop') return (root = dir);
    } catch {
      // not here; keep climbing
    }
    const up = path.dirname(dir);
    if (up === dir) return (root = path.resolve(__dirname, '..'));
    dir = up;
  }
}

export function packageVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The markdown of a rule's documentation page, or undefined when it is not installed. */
export function ruleDocMarkdown(docsPath: string): string | undefined {
  try {
    return fs.readFileSync(path.join(packageRoot(), docsPath), 'utf8');
  } catch {
    return undefined;
  }
}
