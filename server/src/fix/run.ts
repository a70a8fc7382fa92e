// `flowcop lint --fix`: analyse, take the preferred fix of each finding (skipping any whose edits
// overlap one already taken this round; appends to one list compose, see append.ts; new names are
// reserved across the round), apply them, analyse again — until nothing is fixable. One round
// normally does it all; the cap of ten rounds only guards against a fix that loops, and the result
// says how many fixable findings remain when it is hit. `--fix-dry-run` does the same in memory.
import { ruleById } from '../rules/registry';
import { FIX_ORDER } from './providers';
import * as nodePath from 'node:path';
import { analyze, Analysis } from '../findings/analyze';
import type { Config } from '../findings/config';
import type { Finding } from '../findings/finding';
import { decodeText, Vfs } from '../load/vfs';
import { fileLabel } from '../util/text';
import { applyChange, ApplyResult, ChangeMerger, ChangeOverlayVfs, DiffOptions, FileStore, isEmptyChange, unifiedDiff, WorkspaceChange } from './change';
import { FixContext, preferredFix } from './fixes';
import { NameReservations } from './names';
import { relativeInside } from './write-gate';

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
  /**
   * The trees fixes may write in (default: each linted folder, or the folder of each linted file):
   * every path written must stay inside one of them.
   */
  roots?: string[];
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
  /**
   * Files a round refused to write (changed on disk meanwhile, outside the tree, a symbolic link on
   * the way, a failed write); nothing of that round remains on disk and the run stops there.
   */
  refused: ApplyResult['refused'];
  /** A write failed midway (I/O error): that round was undone; the CLI should exit 2. */
  writeFailed?: boolean;
  /** Every change written, in order. */
  changes: WorkspaceChange[];
  /** Text never to print (secret literals removed by the fixes). */
  redact: string[];
  /** The analysis after the last round. */
  analysis: Analysis;
  /**
   * Set only when the round cap stopped the run with fixes still to apply: how many findings a
   * further run would fix (the cap guards against a fix that loops; reaching it is a bug to report).
   */
  remainingFixable?: number;
}

/**
 * Fixes that remove a secret go first: marking the variable that held it sensitive is then moot,
 * and both would edit the same @SENSITIVE line.
 */
function priority(f: Finding): number {
  const kinds = ruleById(f.ruleId)?.fixes ?? [];
  return kinds.length ? Math.min(...kinds.map(k => FIX_ORDER[k])) : 1;
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
  let writeFailed = false;
  const changes: WorkspaceChange[] = [];
  const redact = new Set<string>();
  const stuck = new Set<string>();
  const counts = (a: Analysis) => {
    const m = new Map<string, number>();
    for (const f of a.findings) m.set(findingKey(f), (m.get(findingKey(f)) ?? 0) + 1);
    return m;
  };
  let rounds = 0;
  let capped = false;
  const contextOf = (a: Analysis): FixContext => ({
    workspace: a.workspace, configs: a.configs, environment: options.environment, getCredentialTemplate: options.getCredentialTemplate, findings: a.findings,
    // New names are unique across the round's fixes, not only against the files.
    names: new NameReservations(),
  });
  for (let round = 1; round <= maxRounds; round++) {
    const context = contextOf(analysis);
    const names = context.names!;
    const merger = new ChangeMerger();
    const picked: AppliedFix[] = [];
    const pickedKeys: string[] = [];
    // Findings whose value's move was taken (or conflicted) this round: their places are that same move.
    const covered = new Set<Finding>();
    for (const finding of [...analysis.findings].sort((a, b) => priority(a) - priority(b))) {
      if (covered.has(finding)) continue;
      const key = findingKey(finding);
      // A finding its own fix did not remove is not fixed again.
      if (stuck.has(key) || failedKeys.has(key)) continue;
      const mark = names.mark();
      const fix = preferredFix(finding, context);
      if (!fix) continue;
      let change: WorkspaceChange;
      try {
        change = fix.change();
      } catch (e) {
        names.rollback(mark);
        failedKeys.add(key);
        // The other places of a moved value would build the same failing move: reported once.
        for (const f of fix.covers ?? []) failedKeys.add(findingKey(f));
        failed.push({ ruleId: finding.ruleId, file: fileLabel(finding.loc.file), reason: (e as Error).message });
        continue;
      }
      if (isEmptyChange(change)) { names.rollback(mark); continue; }
      if (merger.conflict(change)) {
        // Its names are free for the others; every other place of this value has the same move,
        // which conflicts the same way: next round.
        names.rollback(mark);
        for (const f of fix.covers ?? []) covered.add(f);
        continue;
      }
      merger.add(change);
      for (const f of fix.covers ?? []) covered.add(f);
      picked.push({ ruleId: finding.ruleId, file: finding.loc.file.path, title: fix.title, description: fix.description, round });
      pickedKeys.push(key);
    }
    if (!picked.length) break;
    rounds = round;
    const merged = merger.build();
    const result = applyChange(merged, options.store, { roots: options.roots ?? treeRoots(options.paths, options.vfs, analysis.workspace.solutions) });
    if (!result.ok) {
      refused.push(...result.refused);
      writeFailed = !!result.writeFailed;
      break;
    }
    for (const r of merged.redact ?? []) redact.add(r);
    applied.push(...picked);
    changes.push(merged);
    const before = counts(analysis);
    analysis = run();
    const after = counts(analysis);
    for (const k of pickedKeys) if ((after.get(k) ?? 0) >= (before.get(k) ?? 0)) stuck.add(k);
    capped = round === maxRounds;
  }
  const remainingFixable = capped ? countFixable(analysis, contextOf(analysis), k => stuck.has(k) || failedKeys.has(k)) : 0;
  return {
    rounds, applied, failed, refused, ...(writeFailed ? { writeFailed } : {}), changes, redact: [...redact], analysis,
    ...(remainingFixable ? { remainingFixable } : {}),
  };
}

/** Findings of `analysis` that a further round would fix (those whose fix did not work are not counted). */
function countFixable(analysis: Analysis, context: FixContext, skip: (key: string) => boolean): number {
  let n = 0;
  for (const f of analysis.findings) {
    if (skip(findingKey(f))) continue;
    const fix = preferredFix(f, context);
    try {
      if (fix && !isEmptyChange(fix.change())) n++;
    } catch {
      // A fix that cannot be built is not fixable.
    }
  }
  return n;
}

/**
 * The folders fixes may write in: each linted folder; for a linted file, the root of the solution
 * holding it (a fix of one flow may create a definition elsewhere in its solution), else its folder.
 */
export function treeRoots(paths: readonly string[], vfs: Vfs, solutions: ReadonlyArray<{ root: string }> = []): string[] {
  return paths.map(p => nodePath.resolve(p)).map(p => {
    if (vfs.isDirectory(p)) return p;
    const holder = solutions.map(s => nodePath.resolve(s.root)).filter(r => relativeInside(r, p) !== undefined).sort((a, b) => a.length - b.length)[0];
    return holder ?? nodePath.dirname(p);
  });
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
