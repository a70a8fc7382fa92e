// Finds everything lintable under the given paths and loads it into one Workspace: solutions in every
// layout (many per tree), packed .zip solutions, standalone desktop-flow scripts, deployment settings
// files (each associated with its solution) and deployment pipelines. The streaming lint
// (findings/stream.ts) goes through the same steps unit by unit.
import type { DeploymentSettings, LoadProblem, Solution, Workspace } from '../model/types';
import { associateSettings } from './associate';
import { headersOfLoaded } from './headers';
import { DiscoverOptions, planDiscovery } from './plan';
import { linkPipelines, loadPipelines, resolveSettingsFiles } from './pipelines';
import { loadStandaloneScripts, loadUnit } from './units';

export type { DiscoverOptions, ExplicitSettings } from './plan';

export function discover(paths: string[], options: DiscoverOptions): Workspace {
  const plan = planDiscovery(paths, options);
  const problems: LoadProblem[] = plan.problems;
  const owned: Array<{ solution: Solution; unit: number }> = [];
  plan.units.forEach((unit, index) => {
    const loaded = loadUnit(unit, options.vfs);
    problems.push(...loaded.problems);
    for (const solution of loaded.solutions) owned.push({ solution, unit: index });
  });
  const solutions = owned.map(o => o.solution);
  const standalone = loadStandaloneScripts(plan.scriptFiles, plan.workflowFiles);
  problems.push(...standalone.problems);

  const headers = headersOfLoaded(owned);
  const orphanSettings: DeploymentSettings[] = [];
  for (const a of associateSettings(plan.settings, headers, problems)) {
    if (a.owner) solutions[headers.indexOf(a.owner)].environments.push(a.settings);
    else orphanSettings.push(a.settings);
  }
  for (const s of solutions) sortEnvironments(s);

  const pipelines = loadPipelines(plan.pipelineFiles, problems);
  resolveSettingsFiles(pipelines, options.vfs, plan.roots);
  linkPipelines(pipelines, solutions);

  return { roots: plan.roots, solutions, scripts: standalone.scripts, orphanSettings, problems, skipped: plan.skipped, pipelines };
}

export function sortEnvironments(solution: Solution): void {
  solution.environments.sort((a, b) => a.environment.localeCompare(b.environment));
}

