// Settings entries and the solution's definitions by name, indexed once: the settings rules and the
// environment matrix ask "which entry of this environment names this variable?" for every variable ×
// environment, and a linear search each time made them quadratic (300 variables × 5 environments:
// 450,000 name comparisons, each lower-casing both names). Names compare lower-cased, as the rules always
// compared them (the import ignores case); the first entry of a name wins, as `.find` gave it.
import type {
  ConnectionReference, DeploymentSettings, EnvironmentVariableDefinition, SettingsConnectionReference, SettingsEnvironmentVariable, Solution,
} from '../../model/types';
import { JsonNode, propIgnoreCase } from '../../load/json';

/** One deployment settings file's entries. */
export interface SettingsIndex {
  /** The first environment variable entry of each lower-case schema name. */
  variables: ReadonlyMap<string, SettingsEnvironmentVariable>;
  /** The first connection reference entry of each lower-case logical name. */
  references: ReadonlyMap<string, SettingsConnectionReference>;
  /** Lower-case schema names that some entry (not only the first) gives a non-blank value. */
  variablesWithValue: ReadonlySet<string>;
  /** Lower-case logical names that some entry gives a non-blank ConnectionId. */
  referencesWithConnection: ReadonlySet<string>;
  /** The items of the file's EnvironmentVariables / ConnectionReferences array by offset (an entry's `loc` starts at its object). */
  nodes: Readonly<Record<ArrayKey, ReadonlyMap<number, JsonNode>>>;
}

export type ArrayKey = 'EnvironmentVariables' | 'ConnectionReferences';

interface Indexed<T> { of: readonly unknown[]; length: number; index: T }

interface HeldSettings { variables: Indexed<undefined>; references: Indexed<undefined>; json: JsonNode; index: SettingsIndex }

const settingsMemo = new WeakMap<DeploymentSettings, HeldSettings>();

/** The entries of one settings file by name (built on first use; again if its entry lists were replaced). */
export function settingsIndex(env: DeploymentSettings): SettingsIndex {
  const held = settingsMemo.get(env);
  if (held && current(held.variables, env.environmentVariables) && current(held.references, env.connectionReferences) && held.json === env.json) return held.index;
  const index: SettingsIndex = {
    variables: firstByName(env.environmentVariables, e => e.schemaName),
    references: firstByName(env.connectionReferences, e => e.logicalName),
    variablesWithValue: new Set(env.environmentVariables.filter(e => hasText(e.value)).map(e => e.schemaName.toLowerCase())),
    referencesWithConnection: new Set(env.connectionReferences.filter(e => hasText(e.connectionId)).map(e => e.logicalName.toLowerCase())),
    nodes: { EnvironmentVariables: itemsByOffset(env.json, 'EnvironmentVariables'), ConnectionReferences: itemsByOffset(env.json, 'ConnectionReferences') },
  };
  settingsMemo.set(env, {
    variables: { of: env.environmentVariables, length: env.environmentVariables.length, index: undefined },
    references: { of: env.connectionReferences, length: env.connectionReferences.length, index: undefined },
    json: env.json, index,
  });
  return index;
}

const variableMemo = new WeakMap<readonly EnvironmentVariableDefinition[], Indexed<ReadonlyMap<string, EnvironmentVariableDefinition>>>();
const referenceMemo = new WeakMap<readonly ConnectionReference[], Indexed<ReadonlyMap<string, ConnectionReference>>>();

/** The solution's environment variable definitions by lower-case schema name (the first of a name). */
export function variableDefinitions(solution: Solution): ReadonlyMap<string, EnvironmentVariableDefinition> {
  return memoByList(variableMemo, solution.environmentVariables, v => v.schemaName);
}

/** The solution's connection references by lower-case logical name (the first of a name). */
export function referenceDefinitions(solution: Solution): ReadonlyMap<string, ConnectionReference> {
  return memoByList(referenceMemo, solution.connectionReferences, r => r.logicalName);
}

function memoByList<T>(memo: WeakMap<readonly T[], Indexed<ReadonlyMap<string, T>>>, list: readonly T[], name: (item: T) => string): ReadonlyMap<string, T> {
  const held = memo.get(list);
  if (held && held.length === list.length) return held.index;
  const index = firstByName(list, name);
  memo.set(list, { of: list, length: list.length, index });
  return index;
}

/** The same list, not grown or shrunk since it was indexed. */
function current(held: Indexed<unknown>, list: readonly unknown[]): boolean {
  return held.of === list && held.length === list.length;
}

function firstByName<T>(items: readonly T[], name: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    const key = name(item).toLowerCase();
    if (!map.has(key)) map.set(key, item);
  }
  return map;
}

function itemsByOffset(json: JsonNode, key: ArrayKey): Map<number, JsonNode> {
  const out = new Map<number, JsonNode>();
  for (const n of propIgnoreCase(json, key)?.children ?? []) if (!out.has(n.offset)) out.set(n.offset, n);
  return out;
}

/** A non-blank value (a pipeline token is one: the pipeline fills it in). */
function hasText(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
