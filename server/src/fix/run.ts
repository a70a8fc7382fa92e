// `flowcop lint --fix`: analyse, take the preferred fix of each finding (skipping any whose edits
// overlap one already taken this round), apply them, analyse again — until nothing is fixable or
// ten rounds have run. `--fix-dry-run` does the same over an in-memory overlay of the disk.
import * as nodePath from 'node:path';
import { analyze, Analysis } from '../findings/analyze';
import type { Config } from '../findings/config';
import type { Finding } from '../findings/finding';
import { decodeText, Vfs } from '../load/vfs';
import { fileLabel } from '../util/text';
import { applyChange, ApplyResult, ChangeOverlayVfs, conflicts, DiffOptions, FileStore, isEmptyChange, mergeInto, unifiedDiff, WorkspaceChange } from './change';
import { FixContext, preferredFix } from './fixes';

export interface FixRunOptions {
  paths: string[];
  /** What the analysis reads: the disk, or a ChangeOverlayVfs for a dry run. */
  vfs: Vfs;
  /** Where changes are written: the same files as `vfs`. */
  store: FileStore;
  config?: Config;
  environment?: string;
  /** The editor setting flowcop.getCredentialTemplate (the CLI has none). */
  getCredentialTemplate?: string;
  /** At most this many analyse-fix rounds (default 10). */
  maxRounds?: number;
}

export interface AppliedFix {
  ruleId: string;
  /** The file the finding was in. */
  file: string;
  title: string;
  description?: string;
  round: number;
}

export interface FixRunResult {
  rounds: number;
  applied: AppliedFix[];
  /** Fixes that could not be built, with why. */
  failed: Array<{ ruleId: string; file: string; reason: string }>;
  /** Files a round refused to write (changed on disk meanwhile); the run stops there. */
  refused: ApplyResult['refused'];
  /** Every change written, in order. */
  changes: WorkspaceChange[];
  /** Text never to print (secret literals removed by the fixes). */
  redact: string[];
  /** The analysis after the last round. */
  analysis: Analysis;
}

/**
 * Fixes that remove a secret go first: marking the variable that held it sensitive is then moot,
 * and both would edit the same @SENSITIVE line.
 */
function priority(f: Finding): number {
  if (f.ruleId === 'pad/plaintext-secret' || f.ruleId === 'pad/secret-input-variable' || f.ruleId === 'cloud/plaintext-secret') return 0;
  if (f.ruleId === 'pad/sensitive-not-marked' || f.ruleId === 'cloud/unsecured-secret') return 2;
  return 1;
}

function findingKey(f: Finding): string {
  return `${f.ruleId}\u0000${fileLabel(f.loc.file)}\u0000${f.message}`;
}

export function fixAll(options: FixRunOptions): FixRunResult {
  const maxRounds = options.maxRounds ?? 10;
  const run = () => analyze(options.paths, { vfs: options.vfs, config: options.config, environment: options.environment });
  let analysis = run();
  const applied: AppliedFix[] = [];
  const failed: FixRunResult['failed'] = [];
  const failedKeys = new Set<string>();
  const refused: FixRunResult['refused'] = [];
  const changes: WorkspaceChange[] = [];
  const redact = new Set<string>();
  const stuck = new Set<string>();
  const counts = (a: Analysis) => {
    const m = new Map<string, number>();
    for (const f of a.findings) m.set(findingKey(f), (m.get(findingKey(f)) ?? 0) + 1);
    return m;
  };
  let rounds = 0;
  for (let round = 1; round <= maxRounds; round++) {
    const context: FixContext = { workspace: analysis.workspace, configs: analysis.configs, environment: options.environment, getCredentialTemplate: options.getCredentialTemplate };
    let merged: WorkspaceChange = { files: [], creates: [] };
    const picked: AppliedFix[] = [];
    const pickedKeys: string[] = [];
    for (const finding of [...analysis.findings].sort((a, b) => priority(a) - priority(b))) {
      const key = findingKey(finding);
      // A finding its own fix did not remove is not fixed again.
      if (stuck.has(key) || failedKeys.has(key)) continue;
      const fix = preferredFix(finding, context);
      if (!fix) continue;
      let change: WorkspaceChange;
      try {
        change = fix.change();
      } catch (e) {
        failedKeys.add(key);
        failed.push({ ruleId: finding.ruleId, file: fileLabel(finding.loc.file), reason: (e as Error).message });
        continue;
      }
      if (isEmptyChange(change) || conflicts(merged, change)) continue;
      merged = mergeInto(merged, change);
      picked.push({ ruleId: finding.ruleId, file: finding.loc.file.path, title: fix.title, description: fix.description, round });
      pickedKeys.push(key);
    }
    if (!picked.length) break;
    rounds = round;
    const result = applyChange(merged, options.store);
    if (!result.ok) {
      refused.push(...result.refused);
      break;
    }
    for (const r of merged.redact ?? []) redact.add(r);
    applied.push(...picked);
    changes.push(merged);
    const before = counts(analysis);
    analysis = run();
    const after = counts(analysis);
    for (const k of pickedKeys) if ((after.get(k) ?? 0) >= (before.get(k) ?? 0)) stuck.add(k);
  }
  return { rounds, applied, failed, refused, changes, redact: [...redact], analysis };
}

/** The unified diff of everything written into a dry-run overlay, against its base. */
export function renderOverlayDiff(overlay: ChangeOverlayVfs, options: DiffOptions = {}): string {
  let out = '';
  for (const p of overlay.touched()) {
    const before = overlay.baseFile(p);
    const after = overlay.readFile(p)!;
    const decode = (bytes: Uint8Array) => {
      const d = decodeText(bytes, p);
      return 'error' in d ? Buffer.from(bytes).toString('utf8') : d.file.text;
    };
    out += unifiedDiff(p, before ? decode(before) : undefined, decode(after), options);
  }
  return out;
}

/** A path for messages: relative to `base` when below it. */
export function displayPath(p: string, base: string): string {
  const rel = nodePath.relative(base, p);
  return !rel.startsWith('..') && !nodePath.isAbsolute(rel) ? rel.split(nodePath.sep).join('/') : p;
}
