// The streaming lint: the walk and the cross-unit decisions (settings association, pipeline links)
// first, then one task per unit (a solution folder, a .zip, the standalone scripts), each loaded,
// linted and dropped before the next; only detached findings stay. The tasks need nothing from one
// another, so parallel.ts can run them on worker threads. The findings equal analyze()'s, in order.
import * as nodePath from 'node:path';
import type { AppliedPolicies } from '../model/dlp';
import type { PipelineFile } from '../model/pipeline';
import type { DeploymentSettings, LoadProblem, Workspace } from '../model/types';
import { associateSettings } from '../discover/associate';
import { sortEnvironments } from '../discover/discover';
import { headersOfUnits } from '../discover/headers';
import { DiscoveryPlan, LoadUnit, planDiscovery } from '../discover/plan';
import { linkPipelines, loadPipelines, resolveSettingsFiles } from '../discover/pipelines';
import { loadStandaloneScripts, loadUnit } from '../discover/units';
import { withLoadBudget, withRunBudget } from '../load/budget';
import { guardLoad } from '../load/guard';
import type { Vfs } from '../load/vfs';
import { RULES } from '../rules/registry';
import type { Rule } from '../rules/rule';
import type { SourceFile } from '../util/text';
import { AnalyzeOptions, configProblems, failedWorkspace, loadPolicies } from './analyze';
import type { LintCache } from './cache';
import { ConfigResolver, isIgnoredByConfig } from './config';
import { detachFinding, Finding } from './finding';
import { releaseHeapAbove } from './heap';
import { lintWorkspace, sortFindings } from './lint';
import { timed, Timings } from './timing';

/** One unit of work: everything it needs travels with it (a worker thread gets it as a message). */
export type LintTask =
  | { kind: 'unit'; unit: LoadUnit; settings: TaskSettings[]; refused?: string }
  | { kind: 'scripts'; scriptFiles: SourceFile[]; workflowFiles: SourceFile[] };

/** A settings file of the unit, as the plan loaded and associated it (plain data: it travels to a worker). */
export interface TaskSettings {
  settings: DeploymentSettings;
  /** Index of the owning solution among the unit's solutions. */
  solution: number;
}

/** What every task shares: read-only, rebuilt in each worker from `RunShared`. */
export interface TaskEnv {
  vfs: Vfs;
  configs: ConfigResolver;
  rules: readonly Rule[];
  environment?: string;
  roots: string[];
  policies: AppliedPolicies[];
  pipelines: PipelineFile[];
  /** Unique names of every solution of the run, in order (pipelines link imports by them). */
  solutionNames: string[];
  /** Told the unit's workspace once it is loaded and linked (the cache notes its solutions' names). */
  observe?: (workspace: Workspace) => void;
  /** `--timing`: the load, facts, rules and findings phases of each task add up here. */
  timings?: Timings;
}

export interface TaskResult {
  findings: Finding[];
  solutions: number;
  scripts: number;
  /** Environment names of the settings the unit's solutions got. */
  environments: string[];
}

/** The part of a run that is decided once, on the main thread. */
export interface RunPlan {
  tasks: LintTask[];
  /** Findings of the walk, of settings, pipeline, policy and config files. */
  findings: Finding[];
  shared: RunShared;
  orphanSettings: number;
  skipped: NonNullable<Workspace['skipped']>;
  configs: ConfigResolver;
  /** The pipelines, parsed and resolved, for tasks run on this thread. */
  pipelines: PipelineFile[];
}

/** What a worker needs to rebuild the TaskEnv (structured-clone safe). */
export interface RunShared {
  roots: string[];
  environment?: string;
  policies: AppliedPolicies[];
  pipelineFiles: DiscoveryPlan['pipelineFiles'];
  solutionNames: string[];
}

export interface StreamResult {
  findings: Finding[];
  solutions: number;
  scripts: number;
  orphanSettings: number;
  /** Deployment pipeline files that import, apply or deploy a solution. */
  pipelines: number;
  environments: string[];
  skipped: NonNullable<Workspace['skipped']>;
}

export function planRun(paths: string[], options: AnalyzeOptions): RunPlan {
  const configs = new ConfigResolver(options.vfs, options.config);
  const rules = options.rules ?? RULES;
  const problems: LoadProblem[] = [];
  const roots = paths.map(p => nodePath.resolve(p));
  const walked = withRunBudget(() => guardLoad<DiscoveryPlan | { failed: Workspace }>(() => planDiscovery(paths, {
    vfs: options.vfs,
    ignored: (p, isDirectory) => isIgnoredByConfig(configs.configFor(p, isDirectory), p),
    explicitSettings: () => (options.config ? [options.config] : configs.loaded()).flatMap(c => c.environments),
    explicitPipelines: () => (options.config ? [options.config] : configs.loaded()).flatMap(c => c.pipelines ?? []),
  }), message => ({ failed: failedWorkspace(paths, message) })));
  const loadedConfigs = options.config ? [options.config] : configs.loaded();
  const policies = loadPolicies(options, loadedConfigs, problems);
  problems.push(...configProblems(loadedConfigs));
  if ('failed' in walked) {
    problems.push(...walked.failed.problems);
    return { tasks: [], findings: lintProblems(problems, configs, rules, options), shared: { roots, policies, pipelineFiles: [], solutionNames: [] }, orphanSettings: 0, skipped: [], configs, pipelines: [] };
  }
  const plan = walked;
  problems.push(...plan.problems);
  const refusedArchives = new Map<number, string>();
  const headers = withRunBudget(() => headersOfUnits(plan.units, options.vfs, refusedArchives));
  const settingsOf = new Map<number, TaskSettings[]>();
  let orphanSettings = 0;
  for (const a of associateSettings(plan.settings, headers, problems)) {
    if (!a.owner) { orphanSettings++; continue; }
    const unit = a.owner.unit;
    const list = settingsOf.get(unit) ?? [];
    list.push({ settings: a.settings, solution: headers.filter(h => h.unit === unit).indexOf(a.owner) });
    settingsOf.set(unit, list);
  }
  const pipelines = loadPipelines(plan.pipelineFiles, problems);
  resolveSettingsFiles(pipelines, options.vfs, plan.roots);
  const tasks: LintTask[] = plan.units.map((unit, index) => ({ kind: 'unit', unit, settings: settingsOf.get(index) ?? [], refused: refusedArchives.get(index) }));
  if (plan.scriptFiles.length || plan.workflowFiles.length) tasks.push({ kind: 'scripts', scriptFiles: plan.scriptFiles.map(s => s.file), workflowFiles: plan.workflowFiles });
  return {
    tasks,
    findings: lintProblems(problems, configs, rules, options),
    shared: { roots: plan.roots, environment: options.environment, policies, pipelineFiles: plan.pipelineFiles, solutionNames: headers.map(h => h.uniqueName) },
    orphanSettings,
    skipped: plan.skipped,
    configs,
    pipelines,
  };
}

/**
 * The TaskEnv of a run, from what any thread can rebuild; the planning thread passes the pipelines it
 * parsed, a worker parses them again.
 */
export function taskEnv(shared: RunShared, vfs: Vfs, configs: ConfigResolver, pipelines?: PipelineFile[], rules: readonly Rule[] = RULES): TaskEnv {
  if (!pipelines) {
    pipelines = loadPipelines(shared.pipelineFiles, []);
    resolveSettingsFiles(pipelines, vfs, shared.roots);
  }
  return { vfs, configs, rules, environment: shared.environment, roots: shared.roots, policies: shared.policies, pipelines, solutionNames: shared.solutionNames };
}

export function runTask(task: LintTask, env: TaskEnv): TaskResult {
  const workspace: Workspace = { roots: env.roots, solutions: [], scripts: [], orphanSettings: [], problems: [], policies: env.policies, pipelines: env.pipelines };
  if (task.kind === 'unit') {
    // An archive the plan could not open (over the run's budget, not a zip) is not opened again.
    // Its own budget: the plan charged the unit's archive to the run's already (inside, v1 packages count per unit).
    const loaded = timed(env.timings, 'load + parse', () => withLoadBudget(() => loadUnit(task.unit, env.vfs, task.refused !== undefined ? { error: task.refused } : undefined)));
    workspace.solutions = loaded.solutions;
    workspace.problems = loaded.problems;
    for (const s of task.settings) loaded.solutions[s.solution]?.environments.push(s.settings);
    for (const s of loaded.solutions) sortEnvironments(s);
    linkPipelines(env.pipelines, loaded.solutions, env.solutionNames);
    env.observe?.(workspace);
  } else {
    const standalone = timed(env.timings, 'load + parse', () => loadStandaloneScripts(task.scriptFiles.map(file => ({ file })), task.workflowFiles));
    workspace.scripts = standalone.scripts;
    workspace.problems = standalone.problems;
  }
  const findings = lintWorkspace(workspace, { rules: [...env.rules], configs: env.configs, environment: env.environment, timings: env.timings });
  return {
    findings: timed(env.timings, 'findings', () => findings.map(f => detachFinding(f))),
    solutions: workspace.solutions.length,
    scripts: workspace.scripts.length,
    environments: workspace.solutions.flatMap(s => s.environments.map(e => e.environment)),
  };
}

function lintProblems(problems: LoadProblem[], configs: ConfigResolver, rules: readonly Rule[], options: AnalyzeOptions): Finding[] {
  const workspace: Workspace = { roots: [], solutions: [], scripts: [], orphanSettings: [], problems };
  return lintWorkspace(workspace, { rules: [...rules], configs, environment: options.environment }).map(f => detachFinding(f));
}

/** Adds one task's result to the run's. */
export function collect(into: StreamResult, result: TaskResult): void {
  into.findings.push(...result.findings);
  into.solutions += result.solutions;
  into.scripts += result.scripts;
  into.environments.push(...result.environments);
}

export function startResult(plan: RunPlan): StreamResult {
  return { findings: [...plan.findings], solutions: 0, scripts: 0, orphanSettings: plan.orphanSettings, pipelines: plan.pipelines.length, environments: [], skipped: plan.skipped };
}

export function finishResult(result: StreamResult): StreamResult {
  result.findings = sortFindings(result.findings);
  return result;
}

export interface StreamOptions extends AnalyzeOptions {
  /** Told after each task (units done, units in all). */
  onProgress?: (done: number, total: number) => void;
  /** `--cache`: units whose inputs did not change are not linted again (cache.ts); saved at the end. */
  cache?: LintCache;
  /** `--timing`: every phase and rule of the run adds up here. */
  timings?: Timings;
}

/** The streaming lint on this thread: one unit in memory at a time. */
export function lintStream(paths: string[], options: StreamOptions): StreamResult {
  const plan = timed(options.timings, 'discover', () => planRun(paths, options));
  const env = { ...taskEnv(plan.shared, options.vfs, plan.configs, plan.pipelines, options.rules ?? RULES), timings: options.timings };
  const result = startResult(plan);
  options.cache?.rekey(result.findings);
  plan.tasks.forEach((task, k) => {
    collect(result, options.cache ? options.cache.run(task, env, runTask) : runTask(task, env));
    releaseHeapAbove();
    options.onProgress?.(k + 1, plan.tasks.length);
  });
  options.cache?.save();
  return finishResult(result);
}
