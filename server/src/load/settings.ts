// Deployment settings files (`pac solution create-settings` format), one per environment.
// Hand-edited and pipeline-templated: keys are matched case-insensitively, extra fields and
// `#{token}#` placeholders are fine.
import type { DeploymentSettings, SettingsConnectionReference, SettingsEnvironmentVariable } from '../model/types';
import type { SourceFile, Span } from '../util/text';
import { guardLoad } from './guard';
import { innerSpan, JsonNode, parseJson, propIgnoreCase, span } from './json';
import { resolveSettingsNaming, settingsNaming } from './settings-name';

export interface SettingsLoadResult {
  settings?: DeploymentSettings;
  problems: Array<{ span: Span; message: string }>;
}

export function loadSettings(file: SourceFile, environment: string, association: DeploymentSettings['association']): SettingsLoadResult {
  return guardLoad(() => loadSettingsUnguarded(file, environment, association), message => ({ problems: [{ span: { start: 0, end: 0 }, message }] }));
}

function loadSettingsUnguarded(file: SourceFile, environment: string, association: DeploymentSettings['association']): SettingsLoadResult {
  const parsed = parseJson(file.text);
  const problems = parsed.problems.map(p => ({ span: { start: p.offset, end: p.offset + p.length }, message: p.message }));
  const root = parsed.root;
  if (!root || root.type !== 'object') {
    if (!problems.length) problems.push({ span: { start: 0, end: 0 }, message: 'a deployment settings file must be a JSON object' });
    return { problems };
  }
  const envVars = propIgnoreCase(root, 'EnvironmentVariables');
  const connRefs = propIgnoreCase(root, 'ConnectionReferences');
  if (!envVars && !connRefs) {
    problems.push({ span: { start: root.offset, end: root.offset + 1 }, message: 'not a deployment settings file: it has neither EnvironmentVariables nor ConnectionReferences' });
    return { problems };
  }
  const settings: DeploymentSettings = {
    environment,
    file,
    json: root,
    environmentVariables: [],
    connectionReferences: [],
    association,
  };
  for (const entry of arrayItems(envVars, 'EnvironmentVariables', problems)) {
    const name = propIgnoreCase(entry, 'SchemaName');
    const value = propIgnoreCase(entry, 'Value');
    if (typeof name?.value !== 'string') {
      problems.push({ span: span(entry), message: 'environment variable entry has no SchemaName' });
      continue;
    }
    const item: SettingsEnvironmentVariable = {
      schemaName: name.value,
      value: scalarText(value),
      loc: { file, span: span(entry) },
      valueLoc: { file, span: value ? innerSpan(value) : span(entry) },
    };
    settings.environmentVariables.push(item);
  }
  for (const entry of arrayItems(connRefs, 'ConnectionReferences', problems)) {
    const name = propIgnoreCase(entry, 'LogicalName');
    const id = propIgnoreCase(entry, 'ConnectionId');
    if (typeof name?.value !== 'string') {
      problems.push({ span: span(entry), message: 'connection reference entry has no LogicalName' });
      continue;
    }
    const item: SettingsConnectionReference = {
      logicalName: name.value,
      connectionId: scalarText(id),
      connectorId: typeof propIgnoreCase(entry, 'ConnectorId')?.value === 'string' ? propIgnoreCase(entry, 'ConnectorId')!.value : undefined,
      loc: { file, span: span(entry) },
      valueLoc: { file, span: id ? innerSpan(id) : span(entry) },
    };
    settings.connectionReferences.push(item);
  }
  return { settings, problems };
}

function arrayItems(node: JsonNode | undefined, what: string, problems: SettingsLoadResult['problems']): JsonNode[] {
  if (!node || node.type === 'null') return [];
  if (node.type !== 'array') {
    problems.push({ span: span(node), message: `${what} must be an array` });
    return [];
  }
  return (node.children ?? []).filter(c => {
    if (c.type === 'object') return true;
    problems.push({ span: span(c), message: `${what} entries must be objects` });
    return false;
  });
}

/** The value as text: strings as they are, numbers and booleans as written, null/absent as null. */
function scalarText(node: JsonNode | undefined): string | null {
  if (!node || node.type === 'null') return null;
  if (node.type === 'string') return node.value as string;
  if (node.type === 'number' || node.type === 'boolean') return String(node.value);
  return JSON.stringify(node.value ?? null);
}

/**
 * Recognises a deployment settings file by its name alone (a `deploymentSettings` part: read whatever
 * it holds) and tells its environment (and solution, when the name carries one), before the solutions
 * are known. Files named otherwise are recognised by content (load/settings-sniff.ts); the whole naming
 * is in load/settings-name.ts.
 */
export function settingsFileKind(relPathParts: string[]): { environment: string; solution?: string } | undefined {
  const naming = settingsNaming(relPathParts);
  return naming.byName && !naming.template ? resolveSettingsNaming(naming, []) : undefined;
}
