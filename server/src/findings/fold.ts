// Repeated values: the same rule reporting the same value in many places is one decision for a maker
// (move it to one environment variable, or accept it). Reporters fold them; JSON and SARIF keep one
// result per place, SARIF and the editor list the other places as related locations.
import type { Finding } from './finding';
import type { Category } from '../rules/rule';

/** Categories whose findings are about a value written in a flow. */
const VALUE_CATEGORIES: ReadonlySet<Category> = new Set(['credential', 'machine', 'environment-specific']);

/**
 * The value a finding reports, as an internal key (rule + the reported text, which for a credential is
 * the secret itself: the key is compared, never printed). Undefined for findings that are not about a value.
 */
export function valueKey(f: Finding): string | undefined {
  if (f.detached) return f.detached.valueKey;
  if (!VALUE_CATEGORIES.has(f.category)) return undefined;
  const text = f.owner.script && f.scriptSpan
    ? f.owner.script.text.slice(f.scriptSpan.start, f.scriptSpan.end)
    : f.loc.file.text.slice(f.loc.span.start, f.loc.span.end);
  return text.trim() ? `${f.ruleId}\u0000${text.trim()}` : undefined;
}

export interface ValueGroup {
  /** The places, in report order; the first stands for the group. */
  findings: Finding[];
  /** Distinct files the value is in. */
  files: number;
}

/** Findings of one rule and one value, across the run, in the order the findings come (groups of one included). */
export function groupByValue(findings: readonly Finding[]): Map<Finding, ValueGroup> {
  const byKey = new Map<string, ValueGroup>();
  const groupOf = new Map<Finding, ValueGroup>();
  for (const f of findings) {
    const key = valueKey(f);
    if (key === undefined) continue;
    let group = byKey.get(key);
    if (!group) byKey.set(key, group = { findings: [], files: 0 });
    group.findings.push(f);
    groupOf.set(f, group);
  }
  for (const group of byKey.values()) group.files = new Set(group.findings.map(fileKey)).size;
  return groupOf;
}

/** The other places of a finding's value in the same file, for `… and N more places` and related locations. */
export function samePlacesInFile(f: Finding, group: ValueGroup | undefined): Finding[] {
  if (!group) return [];
  const file = fileKey(f);
  return group.findings.filter(o => o !== f && fileKey(o) === file);
}

export function fileKey(f: Finding): string {
  return `${f.loc.file.path}\u0000${f.loc.file.entry ?? ''}`;
}
