// Where things are inside a deployment settings file: the JSON node of an entry, the value of one of its keys;
// and which name of the solution an entry that names nothing was likely meant for.
import type { DeploymentSettings, Loc } from '../../model/types';
import { JsonNode, propIgnoreCase, span } from '../../load/json';
import { settingsIndex } from './lookup';

/** The entry object of `EnvironmentVariables` / `ConnectionReferences` that starts at `entry`'s offset. */
export function entryNode(env: DeploymentSettings, arrayKey: 'EnvironmentVariables' | 'ConnectionReferences', entry: Loc): JsonNode | undefined {
  const node = settingsIndex(env).nodes[arrayKey].get(entry.span.start);
  return node?.type === 'object' ? node : undefined;
}

/** The whole value token (quotes included) of `key` in an entry, or the entry when it has no such key. */
export function fieldLoc(env: DeploymentSettings, arrayKey: 'EnvironmentVariables' | 'ConnectionReferences', entry: Loc, key: string): Loc {
  const value = propIgnoreCase(entryNode(env, arrayKey, entry), key);
  return value ? { file: env.file, span: span(value) } : entry;
}

/**
 * The known name a settings entry's name was likely meant as (edit distance ≤ 3, or the same without the
 * publisher prefix): settings/unknown-entry suggests it, the environment matrix judges the entry by it.
 */
export function nearestName(name: string, known: string[]): string | undefined {
  const lower = name.toLowerCase();
  const bare = (s: string) => s.toLowerCase().replace(/^[a-z0-9]+_/, '');
  let best: { name: string; d: number } | undefined;
  for (const k of known) {
    const d = bare(k) === bare(name) ? 0 : distance(lower, k.toLowerCase());
    if (d <= 3 && (!best || d < best.d)) best = { name: k, d };
  }
  return best?.name;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
