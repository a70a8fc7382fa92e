// Offline evaluation of data policies (governance.md §2.7): which policies apply to a solution, how a
// policy classifies an id, whether it blocks an action, what the ordered endpoint rules say.
import * as nodePath from 'node:path';
import type { AppliedPolicies, DataPolicy, DlpClassification } from '../../model/dlp';
import type { Solution } from '../../model/types';
import type { DlpUse } from './uses';

/**
 * The policies that apply to a solution (or a standalone script's file) in this run. A file named in flowcop.json applies to the
 * solutions under that file's folder and, when it lists environments, to a run for one of them (`--env`)
 * or to a run over every environment (no `--env`). A `--policy` file applies to the whole run. The
 * policy's own environmentType/environments name environment GUIDs, which no settings file carries, so
 * they cannot be matched offline: such a policy is evaluated as if it applied (the stricter reading).
 */
export function policiesFor(applied: readonly AppliedPolicies[] | undefined, target: Solution | string, environment: string | undefined): DataPolicy[] {
  const root = nodePath.resolve(typeof target === 'string' ? target : target.root);
  return (applied ?? []).filter(a => {
    if (a.configDir !== undefined) {
      const rel = nodePath.relative(nodePath.resolve(a.configDir), root);
      if (rel.startsWith('..') || nodePath.isAbsolute(rel)) return false;
    }
    return !a.environments || !environment || a.environments.some(e => e.toLowerCase() === environment.toLowerCase());
  }).flatMap(a => a.policies);
}

/** A normalised id and the other spellings a policy may list it under (virtual connectors). */
export type PolicyIds = string | { id: string; aliases?: readonly string[] };

/** The entry of a policy map for an id: the id itself, else the first alias the map holds. */
export function lookupId<T>(map: ReadonlyMap<string, T>, ids: PolicyIds): T | undefined {
  if (typeof ids === 'string') return map.get(ids);
  const direct = map.get(ids.id);
  if (direct !== undefined) return direct;
  for (const alias of ids.aliases ?? []) {
    const hit = map.get(alias);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** How the policy classifies an id (or a use, with its aliases): its group, or the default for unlisted ids. */
export function classify(policy: DataPolicy, ids: PolicyIds): DlpClassification {
  return lookupId(policy.classifications, ids) ?? policy.defaultClassification;
}

/** Whether the policy lists the id (or an alias) in a group. */
export function isListed(policy: DataPolicy, ids: PolicyIds): boolean {
  return lookupId(policy.classifications, ids) !== undefined;
}

/** Whether the policy's action rules block this use's operation (a Block rule, or a Block default without an Allow rule). */
export function actionBlocked(policy: DataPolicy, use: DlpUse): boolean {
  const rules = lookupId(policy.actionRules, use);
  if (!rules || !use.operationId) return false;
  const behavior = rules.rules.get(use.operationId.toLowerCase()) ?? rules.defaultBehavior;
  return behavior === 'Block';
}

/** `Business` / `Non-business` / `Blocked`, as the admin center says it. */
export function classificationLabel(c: DlpClassification): string {
  return c === 'NonBusiness' ? 'Non-business' : c;
}

/**
 * The verdict of a connector's ordered endpoint rules on a literal endpoint: the first rule whose
 * pattern matches (`*` any run of characters, case-insensitive) decides; no rules or no match: Allow.
 */
export function endpointVerdict(policy: DataPolicy, ids: PolicyIds, endpoint: string): { behavior: 'Allow' | 'Deny'; pattern?: string } {
  for (const rule of lookupId(policy.endpointRules, ids) ?? []) {
    if (wildcardMatches(rule.endpoint, endpoint)) return { behavior: rule.behavior, pattern: rule.endpoint };
  }
  return { behavior: 'Allow' };
}

/** `*` matches any run of characters; everything else literally, ignoring case. Linear, no regular expression. */
export function wildcardMatches(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0, ti = 0, star = -1, mark = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] !== '*' && p[pi] === t[ti]) { pi++; ti++; }
    else if (pi < p.length && p[pi] === '*') { star = pi++; mark = ti; }
    else if (star >= 0) { pi = star + 1; ti = ++mark; }
    else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
