// What a deployment settings file's path says: its environment, sometimes its solution, or that it is a
// template. Teams name these files every way (`prod.deploymentsettings.json`, `deploymentSettings.Prod.json`,
// `config/Prod/deploymentSettings.json`, `Contoso.Prod.json`, `settings/test.json`, `dev.settings.json`),
// so the name is read part by part instead of matched against a list of patterns.

export interface SettingsNaming {
  /** The environment the name gives; 'default' when neither the name nor the folder tells one. */
  environment: string;
  /** The solution a `<Solution>.<Env>.…` name gives. */
  solution?: string;
  /**
   * One name part that is either a solution's unique name or an environment
   * (`Contoso.deploymentsettings.json`, `prod.deploymentsettings.json`): decided once the solutions are known.
   */
  either?: string;
  /** The environment its folder would give (used when `either` turns out to be a solution). */
  folderEnvironment: string;
  /** `template`, `sample`, `example`: checked for shape only, never an environment. */
  template: boolean;
  /** The name alone says deployment settings (it has a `deploymentSettings` part): read whatever it holds. */
  byName: boolean;
}

const TEMPLATE_WORDS = new Set(['template', 'templates', 'tmpl', 'sample', 'samples', 'example', 'examples']);
/** Folders that hold settings files without naming an environment. */
const GENERIC_FOLDERS = new Set(['config', 'configs', 'configuration', 'configurations', 'settings', 'deploymentsettings',
  'deployment-settings', 'deployment', 'deployments', 'deploy', 'pipelines', 'pipeline', '.pipelines', 'environments',
  'environment', 'envs', 'env', 'cicd', 'ci', 'build', 'src', 'solutions', 'solution', '.']);
/** Folder names that are environments wherever they sit. */
const STAGE_FOLDERS = new Set(['dev', 'development', 'test', 'testing', 'tst', 'qa', 'uat', 'sit', 'staging', 'stage', 'preprod',
  'pre-prod', 'prod', 'production', 'prd', 'acc', 'acceptance', 'sandbox', 'int', 'integration']);
/**
 * `deploymentSettings`, `deployment-settings`, `deploySettings` (a Microsoft sample's
 * `<Solution>_deploySettings.json`), `settings`: a part that says "settings" without naming anything.
 */
const MARKER_ONLY = /^(deploy(?:ment)?[-_]?settings?|settings?)$/i;
const MARKER_THEN_REST = /^(deploy(?:ment)?[-_]?settings?|settings?)[-_](.+)$/i;
const REST_THEN_MARKER = /^(.+?)[-_](deploy(?:ment)?[-_]?settings?|settings?)$/i;
/** `<Solution>_deploymentSettings_<Env>`: the marker between two names, separated on both sides. */
const MARKER_BETWEEN = /[-_](deploy(?:ment)?[-_]?settings?)[-_]/i;

/** Reads a settings file's path (split into its parts) for what it says. */
export function settingsNaming(relPathParts: string[]): SettingsNaming {
  const name = relPathParts[relPathParts.length - 1] ?? '';
  const base = name.toLowerCase().endsWith('.json') ? name.slice(0, -5) : name;
  const folderEnvironment = environmentOfFolder(relPathParts);
  // `templates/deploymentSettings.json`: a folder of templates holds no environment either.
  const parent = relPathParts[relPathParts.length - 2];
  let template = parent !== undefined && TEMPLATE_WORDS.has(parent.toLowerCase());
  let byName = false;
  let sawMarker = false;
  const before: string[] = [];
  const after: string[] = [];
  for (const token of base.split('.')) {
    if (!token) continue;
    const lower = token.toLowerCase();
    if (TEMPLATE_WORDS.has(lower)) {
      template = true;
      continue;
    }
    const split = splitMarker(token);
    if (split) {
      // `deploySettings` alone is a common word of other tools' files: such a file must also look like settings.
      if (split.marker.startsWith('deployment')) byName = true;
      sawMarker = true;
      if (split.rest && TEMPLATE_WORDS.has(split.rest.toLowerCase())) template = true;
      else if (split.rest) (split.restFirst ? before : after).push(split.rest);
      if (split.restAfter) after.push(split.restAfter);
      continue;
    }
    (sawMarker ? after : before).push(token);
  }
  const parts = [...before, ...after];
  const naming: SettingsNaming = { environment: folderEnvironment, folderEnvironment, template, byName };
  if (parts.length === 1 && after.length === 0) {
    naming.either = parts[0];
    naming.environment = parts[0];
  } else if (parts.length >= 1) {
    naming.environment = parts[parts.length - 1];
    if (parts.length > 1) naming.solution = parts.slice(0, -1).join('.');
  }
  return naming;
}

/**
 * The folder names the environment when it sits in a folder of settings (`config/Prod/…`,
 * `environments/uat/…`) or is named like a stage (`Prod/…`); any other folder (the repository, a
 * solution's folder) names none.
 */
function environmentOfFolder(parts: string[]): string {
  const parent = parts[parts.length - 2];
  const grandparent = parts[parts.length - 3];
  if (!parent) return 'default';
  const lower = parent.toLowerCase();
  if (GENERIC_FOLDERS.has(lower) || TEMPLATE_WORDS.has(lower)) return 'default';
  if (STAGE_FOLDERS.has(lower) || (grandparent !== undefined && GENERIC_FOLDERS.has(grandparent.toLowerCase()))) return parent;
  return 'default';
}

/**
 * A name part holding a settings marker: `deploymentSettings`, `deploymentSettings-prod`, `prod_settings`.
 * `rest` is the other half (an environment), `restFirst` when it comes before the marker.
 */
function splitMarker(token: string): { marker: string; rest: string; restFirst: boolean; restAfter?: string } | undefined {
  const between = MARKER_BETWEEN.exec(token);
  if (between && between.index > 0 && between.index + between[0].length < token.length) {
    return { marker: between[1].toLowerCase(), rest: token.slice(0, between.index), restFirst: true, restAfter: token.slice(between.index + between[0].length) };
  }
  let m = MARKER_ONLY.exec(token);
  if (m) return { marker: m[1].toLowerCase(), rest: '', restFirst: false };
  m = MARKER_THEN_REST.exec(token);
  if (m) return { marker: m[1].toLowerCase(), rest: m[2], restFirst: false };
  m = REST_THEN_MARKER.exec(token);
  if (m) return { marker: m[2].toLowerCase(), rest: m[1], restFirst: true };
  return undefined;
}

/**
 * The environment and solution once the solutions are known: a lone name part that is a solution's
 * unique name names the solution (its environment then comes from the folder); otherwise it is the
 * environment.
 */
export function resolveSettingsNaming(naming: SettingsNaming, solutionNames: readonly string[]): { environment: string; solution?: string } {
  if (naming.either !== undefined) {
    const lower = naming.either.toLowerCase();
    const solution = solutionNames.find(n => n.toLowerCase() === lower);
    if (solution) return { environment: naming.folderEnvironment, solution };
    return { environment: naming.either };
  }
  // `solutions/Contoso/deploymentSettings.json`: the folder is the solution's, not an environment.
  if (!naming.solution && naming.environment === naming.folderEnvironment && solutionNames.some(n => sameEnvironment(n, naming.environment))) {
    return { environment: 'default', solution: naming.environment };
  }
  return naming.solution ? { environment: naming.environment, solution: naming.solution } : { environment: naming.environment };
}

/** Whether two environment names are the same environment (`--env prod` finds `Prod`). */
export function sameEnvironment(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
