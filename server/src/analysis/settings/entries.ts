// Where things are inside a deployment settings file: the JSON node of an entry, the value of one of its keys.
import type { DeploymentSettings, Loc } from '../../model/types';
import { JsonNode, propIgnoreCase, span } from '../../load/json';

/** The entry object of `EnvironmentVariables` / `ConnectionReferences` that starts at `entry`'s offset. */
export function entryNode(env: DeploymentSettings, arrayKey: 'EnvironmentVariables' | 'ConnectionReferences', entry: Loc): JsonNode | undefined {
  return (propIgnoreCase(env.json, arrayKey)?.children ?? []).find(n => n.offset === entry.span.start && n.type === 'object');
}

/** The whole value token (quotes included) of `key` in an entry, or the entry when it has no such key. */
export function fieldLoc(env: DeploymentSettings, arrayKey: 'EnvironmentVariables' | 'ConnectionReferences', entry: Loc, key: string): Loc {
  const value = propIgnoreCase(entryNode(env, arrayKey, entry), key);
  return value ? { file: env.file, span: span(value) } : entry;
}
