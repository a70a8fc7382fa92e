// One call from paths to findings, shared by the CLI and the language server.
import * as nodePath from 'node:path';
import { discover } from '../discover/discover';
import { withRunBudget } from '../load/budget';
import { guardLoad } from '../load/guard';
import { createSourceFile } from '../util/text';
import type { AppliedPolicies } from '../model/dlp';
import type { LoadProblem, Loc, Workspace } from '../model/types';
import { loadPolicyFile } from '../load/dlp';
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
  /** Data-policy files that apply to the whole run (`--policy FILE`). */
  policies?: string[];
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
    explicitPipelines: () => (options.config ? [options.config] : configs.loaded()).flatMap(c => c.pipelines ?? []),
  }), message => failedWorkspace(paths, message)));
  workspace.problems.push(...configProblems(options.config ? [options.config] : configs.loaded()));
  workspace.policies = loadPolicies(options, options.config ? [options.config] : configs.loaded(), workspace.problems);
  return { workspace, configs };
}

/** A broken flowcop.json is a finding too, and the rest keeps working with what could be read. */
export function configProblems(configs: readonly Config[]): LoadProblem[] {
  return configs.flatMap(c => c.problems.map(p => ({ ruleId: 'flowcop/parse-error', loc: { file: c.file!, span: p.span }, message: `flowcop.json: ${p.message}` })));
}

/** The policy files flowcop.json names (scoped to its folder) and `--policy` ones (the whole run); problems are parse errors. */
export function loadPolicies(options: AnalyzeOptions, configs: Config[], problems: LoadProblem[]): AppliedPolicies[] {
  const applied: AppliedPolicies[] = [];
  const load = (path: string, where: Loc, scope: Omit<AppliedPolicies, 'policies'>) => {
    const loaded = loadPolicyFile(options.vfs, path);
    if ('error' in loaded) { problems.push({ ruleId: 'flowcop/parse-error', loc: where, message: loaded.error }); return; }
    for (const p of loaded.problems) problems.push({ ruleId: 'flowcop/parse-error', loc: { file: loaded.file, span: p.span }, message: p.message });
    applied.push({ policies: loaded.policies, ...scope });
  };
  for (const c of configs) for (const ref of c.policies ?? []) load(ref.file, ref.source, { configDir: c.dir, environments: ref.environments });
  for (const p of options.policies ?? []) {
    const path = nodePath.resolve(p);
    load(path, { file: createSourceFile(path, ''), span: { start: 0, end: 0 } }, {});
  }
  return applied;
}

/** What a run reports when discovery itself fails: one parse error, at the first path. */
export function failedWorkspace(paths: string[], message: string): Workspace {
  const roots = paths.map(p => nodePath.resolve(p));
  const file = createSourceFile(roots[0] ?? '.', '');
  return { roots, solutions: [], scripts: [], orphanSettings: [], problems: [{ ruleId: 'flowcop/parse-error', loc: { file, span: { start: 0, end: 0 } }, message }] };
}

export function analyze(paths: string[], options: AnalyzeOptions): Analysis {
  const { workspace, configs } = loadWorkspace(paths, options);
  const findings = lintWorkspace(workspace, { rules: [...(options.rules ?? RULES)], configs, environment: options.environment, override: options.override });
  return { workspace, findings, configs };
}
