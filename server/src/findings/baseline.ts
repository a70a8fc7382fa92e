// Baselines: record today's findings by rule, file and logical location (not line, not message),
// then report only what is new. Duplicates are counted, so a third identical finding is new.
// A baseline is committed to the repository: it holds no message text (a finding without a logical element
// is told apart by a hash of its message), so nothing quoted from the files can reach it.
import { createHash } from 'node:crypto';
import type { Finding } from './finding';
import { fullyQualifiedName } from './finding';
import { relativePath } from '../util/paths';

export interface BaselineFile {
  version: 1;
  findings: Array<{ ruleId: string; file: string; location: string; count: number }>;
}

/** The identity of a message in a baseline: a hash, never the text. */
export function messageDigest(message: string): string {
  return `sha256:${createHash('sha256').update(message).digest('hex').slice(0, 24)}`;
}

function key(f: Finding, base: string, legacy = false): { ruleId: string; file: string; location: string } {
  const file = relativePath(f.loc.file.path, base) + (f.loc.file.entry ? `!/${f.loc.file.entry}` : '');
  // Without a logical element (parse errors, some solution findings) the message identifies it: by its
  // hash (baselines written before kept the text itself; they still match).
  const location = fullyQualifiedName(f) + (f.logical.element ? '' : `#${legacy ? f.message : messageDigest(f.message)}`);
  return { ruleId: f.ruleId, file, location };
}

export function createBaseline(findings: Finding[], base: string): BaselineFile {
  const counts = new Map<string, { ruleId: string; file: string; location: string; count: number }>();
  for (const f of findings) {
    const k = key(f, base);
    const id = JSON.stringify(k);
    const entry = counts.get(id);
    if (entry) entry.count++;
    else counts.set(id, { ...k, count: 1 });
  }
  const list = [...counts.values()].sort((a, b) => JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
  return { version: 1, findings: list };
}

export function parseBaseline(text: string): BaselineFile | { error: string } {
  try {
    const data = JSON.parse(text) as BaselineFile;
    if (data?.version !== 1 || !Array.isArray(data.findings)) return { error: 'not a FlowCop baseline file (expected {"version": 1, "findings": [...]})' };
    return data;
  } catch (e) {
    return { error: `baseline file is not valid JSON: ${(e as Error).message}` };
  }
}

/** Findings not covered by the baseline. */
export function newSince(findings: Finding[], baseline: BaselineFile, base: string): Finding[] {
  const remaining = new Map<string, number>();
  for (const b of baseline.findings) {
    const id = JSON.stringify({ ruleId: b.ruleId, file: b.file, location: b.location });
    remaining.set(id, (remaining.get(id) ?? 0) + b.count);
  }
  const take = (id: string) => {
    const left = remaining.get(id) ?? 0;
    if (left <= 0) return false;
    remaining.set(id, left - 1);
    return true;
  };
  return findings.filter(f => !take(JSON.stringify(key(f, base))) && (!!f.logical.element || !take(JSON.stringify(key(f, base, true)))));
}
