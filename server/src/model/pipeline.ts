// Deployment pipelines found in the repository: Azure DevOps YAML, GitHub workflows and scripts that
// run `pac`. Each import of a solution is kept with what decides how the platform applies it (Update,
// Upgrade in one step, or staged as a holding solution), where that is written, and the settings file.
import type { Loc, Solution } from './types';

export type PipelineDialect = 'azure-devops' | 'github' | 'script';

/**
 * How an import applies the solution (governance.md §3.2):
 * - `update`: the default of `pac solution import`, the Azure DevOps task and the GitHub action;
 * - `stage-and-upgrade`: Upgrade in one step (`StageAndUpgrade`, `stage-and-upgrade`, `--stage-and-upgrade`);
 * - `holding`: staged as `<name>_Upgrade`; an apply step (`PowerPlatformApplySolutionUpgrade@2`,
 *   `upgrade-solution`, `pac solution upgrade`) completes the Upgrade;
 * - `pipeline-deploy`: `pac pipeline deploy` runs an in-product pipeline, which always upgrades.
 */
export type ImportMode = 'update' | 'stage-and-upgrade' | 'holding' | 'pipeline-deploy';

/** A value written in the pipeline file, where it is written. */
export interface PipelineValue {
  text: string;
  loc: Loc;
  /** The text with the workflow's own literal `env:` values put in for `${{ env.NAME }}` (GitHub), when it has any. */
  resolved?: string;
}

export interface PipelineImport {
  kind: 'import';
  mode: ImportMode;
  /** The step (task, action, command line) that imports. */
  loc: Loc;
  /** The input or flag that chose the mode; absent for the default (Update). */
  modeLoc?: Loc;
  /** The solution file (SolutionInputFile, solution-file, --path) or name (`pac pipeline deploy --solutionName`). */
  solution?: PipelineValue;
  /** The settings file, when the import uses one. */
  settingsFile?: PipelineValue;
  /** The target environment as written (Environment, environment-url, --environment), if any. */
  environment?: PipelineValue;
  /** The stage, job or GitHub environment the step runs in, for matching a settings file's environment. */
  stage?: string;
  /** What discovery found at the settings file's path (set when the import names one). */
  settingsLookup?: SettingsLookup;
  /** Who the step signs in as, when the file says (a service connection, an app id, a user). */
  identity?: DeploymentIdentity;
}

/**
 * The identity a step deploys with, as written:
 * - `service-connection`: an Azure DevOps service connection (`PowerPlatformSPN`, `PowerPlatformEnvironment`);
 * - `application`: an app registration's id (`app-id`/`client-id`, `pac auth create --applicationId`);
 * - `user`: a user name (`user-name`, `pac auth create --username`);
 * - `profile`: a pac auth profile chosen by name (`pac auth create --name`, `pac auth select --name`).
 */
export interface DeploymentIdentity {
  kind: 'service-connection' | 'application' | 'user' | 'profile';
  value: PipelineValue;
}

/**
 * `found`: the file exists in the linted tree (with the environment its path names, if any);
 * `missing`: the path names no file from the pipeline's folder or any folder above it in the tree;
 * `unresolved`: the path holds a variable FlowCop cannot resolve (`$(Pipeline.Workspace)`, an artifact).
 */
export type SettingsLookup = { state: 'found'; path: string; environment?: string } | { state: 'missing' } | { state: 'unresolved' };

/** A step that applies a staged upgrade (deletes what the new version no longer has). */
export interface PipelineApply {
  kind: 'apply';
  loc: Loc;
  /** SolutionName / solution-name / --solution-name, if written. */
  solutionName?: PipelineValue;
  /** The environment it applies in (Environment, environment-url, --environment), if written. */
  environment?: PipelineValue;
  /** The stage, job or GitHub environment it runs in. */
  stage?: string;
}

export type PipelineStep = PipelineImport | PipelineApply;

export interface PipelineFile {
  dialect: PipelineDialect;
  loc: Loc;
  steps: PipelineStep[];
  /**
   * Steps that create or reset an environment (`PowerPlatformCreateEnvironment@2`, `…ResetEnvironment@2`,
   * the create-/reset-environment actions, `pac admin create`/`reset`): an import after one lands in an
   * environment without the solution, a first install.
   */
  environmentCreations?: Loc[];
  /**
   * The repository the file belongs to (the folder holding `.github/` for a workflow, else the nearest
   * folder with `.git`): an import that does not name its solution deploys one of that repository's.
   */
  repository?: string;
}

/** An import with the solutions of the repository it deploys, as linked by discovery. */
export interface LinkedImport {
  pipeline: PipelineFile;
  step: PipelineImport;
  /** True when the files did not say which solution is imported and every solution of the repository was assumed. */
  assumed: boolean;
}

// Discovery links imports to solutions; the solution checks of the pipeline rules read the links here.
// Keyed by the Solution object, so each discovery's links live exactly as long as its workspace.
const importsBySolution = new WeakMap<Solution, LinkedImport[]>();

export function linkImport(solution: Solution, linked: LinkedImport): void {
  const list = importsBySolution.get(solution);
  if (list) list.push(linked);
  else importsBySolution.set(solution, [linked]);
}

/** The pipeline imports that deploy this solution, in file order. */
export function importsOf(solution: Solution): readonly LinkedImport[] {
  return importsBySolution.get(solution) ?? [];
}
