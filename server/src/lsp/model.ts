// What the FlowCop views and hovers show: connection references with their bindings and uses, environment
// variables with their values in the active environment, desktop flows, environments. The value of a
// variable that holds a secret is never sent to the client nor shown: a Secret variable, one FlowCop reports
// as holding a secret (the facts solution/secret-env-var-as-text reports, whatever the configuration, or any
// credential finding passed in), or one with a value whose secret parts the shared classifier finds.
import type { EnvironmentIdentity } from '../findings/config';
import type { Finding } from '../findings/finding';
import type { DeploymentSettings, EnvironmentVariableDefinition, Loc, Solution } from '../model/types';
import { secretSpansInValue } from '../analysis/shared/secret-parts';
import { secretTextVariables } from '../analysis/solution/secret-variables';
import { offsetAt, positionAt } from '../util/text';
import type {
  EnvironmentInfo, FileLocation, ModelBinding, ModelConnectionReference, ModelEnvironmentVariable, ModelSolution, ModelValue,
} from './protocol';

export const SECRET_TEXT = '(secret)';

export function locationOf(loc: Loc): FileLocation {
  return { path: loc.file.path, entry: loc.file.entry, range: { start: positionAt(loc.file, loc.span.start), end: positionAt(loc.file, loc.span.end) } };
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function settingsFor(solution: Solution, environment: string | null): DeploymentSettings[] {
  return environment ? solution.environments.filter(e => same(e.environment, environment)) : solution.environments;
}

/**
 * Every environment named by a settings file, across solutions (case-insensitive, first spelling kept), with
 * the Dataverse URL and id flowcop.json gives it; one flowcop.json names only by url/id is listed too.
 */
export function environmentsOf(solutions: Solution[], identities: readonly EnvironmentIdentity[] = []): EnvironmentInfo[] {
  const byName = new Map<string, EnvironmentInfo>();
  for (const s of solutions) {
    for (const e of s.environments) {
      const key = e.environment.toLowerCase();
      let info = byName.get(key);
      if (!info) byName.set(key, info = { name: e.environment, files: [], solutions: [] });
      if (!info.files.includes(e.file.path)) info.files.push(e.file.path);
      if (!info.solutions.includes(s.uniqueName)) info.solutions.push(s.uniqueName);
    }
  }
  // The first config to give a url or id wins (configs come nearest-first per unit).
  for (const identity of identities) {
    const key = identity.environment.toLowerCase();
    let info = byName.get(key);
    if (!info) byName.set(key, info = { name: identity.environment, files: [], solutions: [] });
    if (identity.url && !info.url) info.url = identity.url;
    if (identity.id && !info.id) info.id = identity.id;
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------------
// Which variables hold a secret

/** Whether the facts solution/secret-env-var-as-text reports say the variable holds a secret. */
function reportedAsSecret(solution: Solution, name: string): boolean {
  try {
    return secretTextVariables(solution).has(name);
  } catch {
    // The lint run reports the same failure as an internal error; the other signals still hold.
    return false;
  }
}

/** Every value a variable has: default, committed current value, each environment's settings. */
function valuesOf(solution: Solution, v: EnvironmentVariableDefinition): string[] {
  const out = [v.defaultValue?.value, v.currentValue?.value];
  for (const s of solution.environments) out.push(s.environmentVariables.find(e => same(e.schemaName, v.schemaName))?.value ?? undefined);
  return out.filter((x): x is string => !!x);
}

/**
 * Whether the variable's value must never be shown: a Secret, a variable FlowCop reports as holding a
 * secret (by the rule, or by a credential finding about it among `findings`), or one with a value in which
 * the shared classifier finds a secret part (a password in a connection string, a token in a fragment…).
 * `values`: every value the variable has (valuesOf), when the caller has them indexed.
 */
export function holdsSecret(solution: Solution, v: EnvironmentVariableDefinition, findings: readonly Finding[] = [],
  values: () => readonly string[] = () => valuesOf(solution, v)): boolean {
  if (v.kind === 'Secret') return true;
  const name = v.schemaName.toLowerCase();
  if (reportedAsSecret(solution, name)) return true;
  if (findings.some(f => f.category === 'credential' && (
    (f.logical.element?.kind === 'environmentVariable' && f.logical.element.name.toLowerCase() === name)
    || (typeof f.data?.schemaName === 'string' && f.data.schemaName.toLowerCase() === name)))) return true;
  return values().some(value => secretSpansInValue(value).length > 0);
}

/** The value of a variable in one environment's settings, else its committed current value, else its default. */
export function valueIn(v: EnvironmentVariableDefinition, settings: DeploymentSettings | undefined, secret = v.kind === 'Secret'): ModelValue {
  const show = (text: string) => (secret ? SECRET_TEXT : text);
  const entry = settings?.environmentVariables.find(e => same(e.schemaName, v.schemaName));
  if (entry && entry.value !== null && entry.value !== '') {
    return { text: show(entry.value), source: 'settings', environment: settings!.environment, file: settings!.file.path };
  }
  if (v.currentValue && v.currentValue.value !== '') return { text: show(v.currentValue.value), source: 'current', environment: settings?.environment, file: v.currentValue.file.path };
  if (v.defaultValue && v.defaultValue.value !== '') return { text: show(v.defaultValue.value), source: 'default', environment: settings?.environment, file: v.file.path };
  return { text: secret ? SECRET_TEXT : '', source: 'none', environment: settings?.environment };
}

/** The value in the active environment (or, with none active, the committed/default value). */
export function activeValue(solution: Solution, v: EnvironmentVariableDefinition, environment: string | null, secret = v.kind === 'Secret'): ModelValue {
  const settings = environment ? solution.environments.find(e => same(e.environment, environment)) : undefined;
  const value = valueIn(v, settings, secret);
  return environment && !settings ? { ...value, environment } : value;
}

/** What the views show of a solution; `findings` (the solution's, when known) mark more variables as secret. */
export function modelOf(solution: Solution, environment: string | null, findings: readonly Finding[] = []): ModelSolution {
  const shown = settingsFor(solution, environment);
  const envNames = environment ? [environment] : [...new Set(solution.environments.map(e => e.environment))];
  const connectionReferences: ModelConnectionReference[] = solution.connectionReferences.map(cr => {
    const bindings: ModelBinding[] = [];
    for (const s of shown) {
      const entry = s.connectionReferences.find(e => same(e.logicalName, cr.logicalName));
      if (entry) bindings.push({ environment: s.environment, connectionId: entry.connectionId || null, file: s.file.path });
    }
    const unbound = envNames.filter(name => !bindings.some(b => same(b.environment, name) && b.connectionId));
    const usages: ModelConnectionReference['usages'] = [];
    for (const flow of solution.cloudFlows) {
      for (const ref of flow.connectionReferences) {
        if (ref.logicalName && same(ref.logicalName, cr.logicalName)) usages.push({ kind: 'cloud', flowName: flow.name, location: locationOf(ref.loc) });
      }
    }
    for (const df of solution.desktopFlows) {
      if (df.connectionReferences.some(n => same(n, cr.logicalName))) usages.push({ kind: 'desktop', flowName: df.name, location: locationOf(df.loc) });
    }
    return {
      logicalName: cr.logicalName, displayName: cr.displayName || cr.logicalName, connectorName: cr.connectorName, connectorId: cr.connectorId,
      definition: locationOf(cr.loc), bindings, unbound, usages,
    };
  });
  const environmentVariables: ModelEnvironmentVariable[] = solution.environmentVariables.map(v => {
    const secret = holdsSecret(solution, v, findings);
    return {
      schemaName: v.schemaName,
      displayName: v.displayName || v.schemaName,
      kind: v.kind,
      description: v.description,
      secret,
      definition: locationOf(v.loc),
      value: activeValue(solution, v, environment, secret),
      perEnvironment: solution.environments.map(s => valueIn(v, s, secret)),
      defaultValue: v.defaultValue ? (secret ? SECRET_TEXT : v.defaultValue.value) : undefined,
      currentValue: v.currentValue ? (secret ? SECRET_TEXT : v.currentValue.value) : undefined,
    };
  });
  return {
    uniqueName: solution.uniqueName,
    displayName: solution.displayName || solution.uniqueName,
    root: solution.root,
    layout: solution.layout,
    connectionReferences,
    environmentVariables,
    desktopFlows: solution.desktopFlows.map(d => {
      // The decoded-script editor (lsp/scriptFile.ts) reads and writes a <Definition> in XML; it shows read-only a
      // script kept in a YAML workflow.yml's Definition or in a v1 flow JSON's package (the file it is read from).
      const inYaml = /\.ya?ml$/i.test(d.metadataFile.path);
      const location = locationOf(inYaml && d.definitionLoc ? d.definitionLoc : d.loc);
      const fromPackage = !!d.script?.fromPackage;
      const readOnly = fromPackage || inYaml;
      return {
        id: d.id, name: d.name, xmlPath: d.metadataFile.path, hasScript: !!d.script && !(readOnly && d.script.file.entry), location,
        ...(readOnly && d.script ? { readOnly: true, scriptPath: d.script.file.path } : {}),
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Hover

const inSpan = (offset: number, span: { start: number; end: number }) => offset >= span.start && offset <= span.end;

/** The environment variable referenced at a position of a file of the solution, if any. */
export function variableAt(solution: Solution, path: string, position: { line: number; character: number }): EnvironmentVariableDefinition | undefined {
  const bySchema = (schema: string | undefined) => (schema ? solution.environmentVariables.find(v => same(v.schemaName, schema)) : undefined);
  for (const flow of solution.cloudFlows) {
    if (flow.file.path !== path) continue;
    const offset = offsetAt(flow.file, position);
    const use = flow.parameterUses.find(u => inSpan(offset, u.loc.span));
    const param = flow.parameters.find(p => inSpan(offset, p.loc.span));
    const name = use?.name ?? param?.name;
    if (!name) return undefined;
    const declared = flow.parameters.find(p => p.name === name);
    return bySchema(declared?.schemaName) ?? bySchema(/\(([^()]+)\)\s*$/.exec(name)?.[1]);
  }
  for (const settings of solution.environments) {
    if (settings.file.path !== path) continue;
    const offset = offsetAt(settings.file, position);
    return bySchema(settings.environmentVariables.find(e => inSpan(offset, e.loc.span))?.schemaName);
  }
  for (const v of solution.environmentVariables) {
    if (v.file.path === path && inSpan(offsetAt(v.file, position), v.loc.span)) return v;
    if (v.currentValue?.file.path === path && inSpan(offsetAt(v.currentValue.file, position), v.currentValue.loc.span)) return v;
  }
  return undefined;
}

export function hoverMarkdown(solution: Solution, v: EnvironmentVariableDefinition, environment: string | null, findings: readonly Finding[] = []): string {
  const secret = holdsSecret(solution, v, findings);
  // Names and values from the files are shown as text, never as markdown (links, images, headings).
  const code = (s: string) => '`' + s.replace(/`/g, "'").replace(/[\r\n]+/g, ' ') + '`';
  const text = (s: string) => s.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#!<>|~&]/g, '\\$&').replace(/^(\s*)([-+]|\d+\.)/, '$1\\$2');
  const lines = [`**${text(v.displayName || v.schemaName)}** — environment variable ${code(v.schemaName)}`, ''];
  lines.push(`Type: ${v.kind}${v.kind === 'Secret' && v.secretStore !== undefined ? ` (${v.secretStore === 0 ? 'Azure Key Vault' : 'Dataverse'})` : secret && v.kind !== 'Secret' ? ' (holds a secret: its value is not shown)' : ''}`);
  if (v.description) lines.push('', text(v.description));
  if (v.defaultValue) lines.push('', `Default: ${secret ? SECRET_TEXT : code(v.defaultValue.value)}`);
  const value = activeValue(solution, v, environment, secret);
  const where = value.source === 'settings' ? 'from the deployment settings'
    : value.source === 'current' ? 'the committed current value'
      : value.source === 'default' ? 'the default value' : 'no value';
  lines.push('');
  if (environment) {
    lines.push(value.source === 'none' ? `In **${text(environment)}**: no value` : `In **${text(environment)}**: ${secret ? SECRET_TEXT : code(value.text)} (${where})`);
  } else {
    for (const s of solution.environments) {
      const vi = valueIn(v, s, secret);
      lines.push(`- ${text(s.environment)}: ${vi.source === 'none' ? 'no value' : secret ? SECRET_TEXT : code(vi.text)}${vi.source === 'settings' ? '' : vi.source === 'none' ? '' : ` (${vi.source} value)`}`);
    }
    if (!solution.environments.length) lines.push(value.source === 'none' ? 'No value' : `Value: ${secret ? SECRET_TEXT : code(value.text)} (${where})`);
  }
  return lines.join('\n');
}
