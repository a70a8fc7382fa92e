// One call from paths to findings, shared by the CLI and the language server.
import * as nodePath from 'node:path';
import { discover } from '../discover/discover';
import { withRunBudget } from '../load/budget';
import { guardLoad } from '../load/guard';
import { createSourceFile } from '../util/text';
import type { Workspace } from '../model/types';
import { RULES } from '../rules/registry';
import type { Rule } from '../rules/rule';
import type { Vfs } from '../load/vfs';
import { Config, ConfigResolver, isIgnoredByConfig, Level } from './config';
import type { Finding } from './finding';
import { lintWorkspace } from './lint';

export interface AnalyzeOptions {
  vfs: Vfs;
  /** An explicit configuration (`--config`); otherwise flowcop.json is searched upward. */
  config?: Config;
  environment?: string;
  rules?: readonly Rule[];
  override?: (ruleId: string, level: Level) => Level;
}

export interface Analysis {
  workspace: Workspace;
  findings: Finding[];
  configs: ConfigResolver;
}

export function loadWorkspace(paths: string[], options: AnalyzeOptions): { workspace: Workspace; configs: ConfigResolver } {
  const configs = new ConfigResolver(options.vfs, options.config);
  // One budget for every archive of the run; loaders guard each file, this guards what is left.
  const workspace = withRunBudget(() => guardLoad(() => discover(paths, {
    vfs: options.vfs,
    ignored: (p, isDirectory) => isIgnoredByConfig(configs.configFor(p, isDirectory), p),
    explicitSettings: () => (options.config ? [options.config] : configs.loaded()).flatMap(c => c.environments),
  }), message => failedWorkspace(paths, message)));
  // A broken flowcop.json is a finding too, and the rest keeps working with what could be read.
  for (const c of options.config ? [options.config] : configs.loaded()) {
    for (const p of c.problems) {
      workspace.problems.push({ ruleId: 'flowcop/parse-error', loc: { file: c.file!, span: p.span }, message: `flowcop.json: ${p.message}` });
    }
  }
  return { workspace, configs };
}

/** What a run reports when discovery itself fails: one parse error, at the first path. */
function failedWorkspace(paths: string[], message: string): Workspace {
  const roots = paths.map(p => nodePath.resolve(p));
  const file = createSourceFile(roots[0] ?? '.', '');
  return { roots, solutions: [], scripts: [], orphanSettings: [], problems: [{ ruleId: 'flowcop/parse-error', loc: { file, span: { start: 0, end: 0 } }, message }] };
}

export function analyze(paths: string[], options: AnalyzeOptions): Analysis {
  const { workspace, configs } = loadWorkspace(paths, options);
  const findings = lintWorkspace(workspace, { rules: [...(options.rules ?? RULES)], configs, environment: options.environment, override: options.override });
  return { workspace, findings, configs };
}
