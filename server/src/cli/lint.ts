// `flowcop lint`: fix first when asked, lint (streaming, on worker threads when runCliAsync gave the
// result), apply the baseline and --quiet, write each report, and decide the exit code.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { createBaseline, newSince, parseBaseline } from '../findings/baseline';
import { LintCache } from '../findings/cache';
import { cacheFilePath } from '../findings/cache-file';
import { Config, ConfigResolver, loadConfigFile } from '../findings/config';
import { defaultJobs } from '../findings/parallel';
import { secretSpansOf, SEVERITY_RANK } from '../findings/finding';
import type { Finding } from '../findings/finding';
import { lintStream, StreamResult } from '../findings/stream';
import { formatTimings, newTimings, timed, Timings } from '../findings/timing';
import { ChangeOverlayVfs, diskStore, memoryStore } from '../fix/change';
import { displayPath, fixAll, renderOverlayDiff } from '../fix/run';
import { MemoryVfs, Vfs } from '../load/vfs';
import { packageVersion } from '../util/package';
import { escapeText } from '../util/terminal';
import { InputError, oneOf, Parsed, UsageError, wholeNumber } from './args';
import type { CliIO } from './io';
import { outputsOf, renderReport } from './outputs';

/**
 * `timings`: the figures of a run already made on worker threads (runCliAsync), or undefined to start
 * them here when --timing or FLOWCOP_TIMING asks.
 */
export function lintCommand(args: Parsed, io: CliIO, streamed?: StreamResult, timings?: Timings): number {
  const printConfig = args.flags.get('--print-config');
  if (typeof printConfig === 'string') return printConfigCommand(printConfig, args, io);
  requirePaths(args, io);
  jobsOf(args);
  cacheStrategyOf(args);
  const outputs = outputsOf(args);
  const failOn = oneOf(args.flags, '--fail-on', ['error', 'warning', 'info', 'none'], 'error');
  const maxWarnings = wholeNumber(args.flags, '--max-warnings', 0, Number.MAX_SAFE_INTEGER, Infinity);
  const environment = args.flags.get('--env') as string | undefined;
  const paths = args.paths.map(p => path.resolve(io.cwd, p));
  const config = explicitConfig(args, io);
  const dryRun = args.flags.has('--fix-dry-run');
  if (!streamed && timingWanted(args, io)) timings = newTimings();
  let vfs: Vfs = io.vfs;
  let writeFailed = false;
  const fixing = dryRun || args.flags.has('--fix');
  if (fixing) {
    // Fix first (on the disk, or in an overlay for a dry run), then report what remains as usual.
    const overlay = dryRun ? new ChangeOverlayVfs(io.vfs) : undefined;
    const store = overlay ?? (io.vfs instanceof MemoryVfs ? memoryStore(io.vfs) : diskStore());
    const result = fixAll({ paths, vfs: overlay ?? io.vfs, store, config, environment });
    writeFailed = !!result.writeFailed;
    const verb = dryRun ? 'would fix' : 'fixed';
    for (const a of result.applied) {
      io.stderr(`flowcop: ${verb} ${a.ruleId} in ${escapeText(displayPath(a.file, io.cwd))}: ${escapeText(a.title)}\n`);
      if (a.description) io.stderr(`    ${escapeText(a.description)}\n`);
    }
    for (const f of result.failed) io.stderr(`flowcop: cannot fix ${f.ruleId} in ${escapeText(displayPath(f.file, io.cwd))}: ${escapeText(f.reason)}\n`);
    for (const r of result.refused) io.stderr(`flowcop: not written: ${escapeText(displayPath(r.path, io.cwd))}: ${escapeText(r.reason)} (lint again to fix it)\n`);
    io.stderr(`flowcop: ${result.applied.length} fix${result.applied.length === 1 ? '' : 'es'} ${dryRun ? 'would be applied' : 'applied'} in ${result.rounds} round${result.rounds === 1 ? '' : 's'}\n`);
    if (result.remainingFixable) {
      // The cap guards against a fix that does not converge: say what is left rather than stop silently.
      const n = result.remainingFixable;
      io.stderr(`flowcop: stopped after ${result.rounds} rounds with ${n} fixable finding${n === 1 ? '' : 's'} left; run --fix again to apply ${n === 1 ? 'it' : 'them'} (a fix that does not converge: please report it)\n`);
    }
    if (overlay) {
      // Masked: the secrets the fixes removed, and those the run still reports (unfixable ones show as context).
      const diff = renderOverlayDiff(overlay, { base: io.cwd, redact: result.redact, secretSpans: secretSpansOf(result.analysis.findings) });
      // The diff is the dry run's output; keep standard output parseable for the machine formats.
      if (outputs.some(o => o.format === 'text' && !o.file) || outputs.every(o => o.file)) io.stdout(diff);
      else io.stderr(diff);
      vfs = overlay;
    }
  }
  const run = streamed ?? lintStream(paths, { vfs, config, environment, policies: policyPaths(args, io), onProgress: progressReporter(io), cache: fixing ? undefined : cacheOf(args, io), timings });
  if (fixing && args.flags.has('--cache')) io.stderr(`flowcop: note: --cache is ignored with ${dryRun ? '--fix-dry-run' : '--fix'} (fixes read every file anew)\n`);
  for (const s of run.skipped) io.stderr(`flowcop: note: ${escapeText(displayPath(s.file, io.cwd))}: ${escapeText(s.reason)}\n`);
  let findings = run.findings;

  if (!run.solutions && !run.scripts && !run.orphanSettings && !run.pipelines && !findings.length) {
    io.stderr(`flowcop: nothing lintable found in ${escapeText(args.paths.join(', '))} (no solution, packed solution .zip, desktop-flow script or deployment pipeline)\n`);
    return 2;
  }
  if (run.pipelines && !run.solutions) {
    // The pipeline rules check what an import does to a solution's variables, references and flows.
    io.stderr(`flowcop: note: ${run.pipelines} deployment pipeline file${run.pipelines > 1 ? 's' : ''} found but no solution they deploy: the pipeline rules need the solution's files in the linted folders\n`);
  }
  if (environment && !run.environments.some(e => e.toLowerCase() === environment.toLowerCase())) {
    // One name per environment, whatever the case of its files (`Prod/…` and `prod.deploymentsettings.json`).
    const known = [...new Map(run.environments.map(e => [e.toLowerCase(), e] as const)).values()];
    io.stderr(`flowcop: warning: no deployment settings for environment "${escapeText(environment)}"${known.length ? ` (found: ${escapeText(known.join(', '))})` : ''}\n`);
  }
  findings = applyBaseline(findings, args, io, dryRun);
  if (args.flags.has('--quiet')) findings = findings.filter(f => f.severity === 'error');

  const color = !args.flags.has('--no-color') && io.isTTY && !io.env.NO_COLOR;
  timed(timings, 'report', () => {
    for (const output of outputs) {
      const report = renderReport(output.format, findings, run, { base: io.cwd, color: color && !output.file, fold: !args.flags.has('--no-fold'), env: io.env });
      if (output.file) io.writeFile(path.resolve(io.cwd, output.file), report);
      else io.stdout(report);
      const summary = io.env.GITHUB_STEP_SUMMARY;
      if (output.format === 'github' && summary) appendSummary(io, summary, renderReport('markdown', findings, run, { base: io.cwd, color: false, fold: false, env: io.env }));
    }
  });
  // Standard error only: the report on standard output stays machine-readable.
  if (timings) io.stderr(formatTimings(timings));
  if (writeFailed) {
    // The round was rolled back file by file: the tree is as it was before that round.
    io.stderr('flowcop: error: a write failed during --fix; every file of that round was restored\n');
    return 2;
  }
  const warnings = findings.filter(f => f.severity === 'warning').length;
  if (warnings > maxWarnings) {
    io.stderr(`flowcop: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return exitCode(findings, failOn);
}

/** `--timing`, or FLOWCOP_TIMING set to anything but empty, 0 or false (for CI where the command line is fixed). */
export function timingWanted(args: Parsed, io: CliIO): boolean {
  const env = io.env.FLOWCOP_TIMING;
  return args.flags.has('--timing') || (env !== undefined && env !== '' && env !== '0' && env.toLowerCase() !== 'false');
}

export function exitCode(findings: Finding[], failOn: string): number {
  if (failOn === 'none') return 0;
  const threshold = SEVERITY_RANK[failOn as keyof typeof SEVERITY_RANK];
  return findings.some(f => SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

function applyBaseline(findings: Finding[], args: Parsed, io: CliIO, dryRun: boolean): Finding[] {
  const baselinePath = args.flags.get('--baseline');
  if (typeof baselinePath !== 'string') return findings;
  const abs = path.resolve(io.cwd, baselinePath);
  const existing = io.vfs.readFile(abs);
  if (!existing && dryRun) return [];
  if (!existing) {
    io.writeFile(abs, JSON.stringify(createBaseline(findings, io.cwd), null, 2) + '\n');
    io.stderr(`flowcop: baseline written to ${escapeText(baselinePath)} (${findings.length} finding${findings.length === 1 ? '' : 's'} recorded)\n`);
    return [];
  }
  const baseline = parseBaseline(Buffer.from(existing).toString('utf8'));
  if ('error' in baseline) throw new UsageError(`${baselinePath}: ${baseline.error}`);
  return newSince(findings, baseline, io.cwd);
}

function appendSummary(io: CliIO, file: string, markdown: string): void {
  if (io.appendFile) io.appendFile(file, markdown);
  else {
    const before = io.vfs.readFile(file);
    io.writeFile(file, (before ? Buffer.from(before).toString('utf8') : '') + markdown);
  }
}

/** Solutions done / total on standard error, for runs longer than a second, when it is a terminal. */
export function progressReporter(io: CliIO, clock: () => number = Date.now): ((done: number, total: number) => void) | undefined {
  if (!io.stderrIsTTY) return undefined;
  const start = clock();
  let shown = false;
  let last = 0;
  return (done, total) => {
    const now = clock();
    if (done < total && (now - start < 1000 || now - last < 200)) return;
    if (done === total) {
      if (shown) io.stderr('\r\x1b[K');
      return;
    }
    last = now;
    shown = true;
    io.stderr(`\rflowcop: ${done}/${total} units linted`);
  };
}

export function explicitConfig(args: Parsed, io: CliIO): Config | undefined {
  const configPath = args.flags.get('--config');
  if (typeof configPath !== 'string') return undefined;
  const loaded = loadConfigFile(io.vfs, path.resolve(io.cwd, configPath));
  if ('error' in loaded) throw new UsageError(loaded.error);
  return loaded;
}

/** At least one path, and every path there: a typo is a usage error (exit 2), not a finding. */
export function requirePaths(args: Parsed, io: CliIO): void {
  if (args.paths.length === 0) throw new UsageError(`${args.command} needs at least one path`);
  for (const p of args.paths) {
    const abs = path.resolve(io.cwd, p);
    if (!io.vfs.isFile(abs) && !io.vfs.isDirectory(abs)) throw new InputError(`no such file or folder: ${p}`);
  }
}

export function policyPaths(args: Parsed, io: CliIO): string[] | undefined {
  const files = args.repeated.get('--policy') ?? [];
  return files.length ? files.map(f => path.resolve(io.cwd, f)) : undefined;
}

/** `--cache`: the cache to lint with (its file per --cache-location), or undefined without the flag. */
export function cacheOf(args: Parsed, io: CliIO): LintCache | undefined {
  cacheStrategyOf(args);
  if (!args.flags.has('--cache')) return undefined;
  const location = args.flags.get('--cache-location');
  // A folder holds one file per working folder (as ESLint names its cache), so runs from elsewhere keep theirs.
  const file = cacheFilePath(typeof location === 'string' ? location : DEFAULT_CACHE_LOCATION, io.cwd,
    cwd => `lint-${createHash('sha256').update(cwd).digest('hex').slice(0, 16)}.cache`);
  const shown = escapeText(displayPath(file, io.cwd));
  return LintCache.open({ file, version: packageVersion(), note: reason => io.stderr(`flowcop: note: the cache file ${shown} ${escapeText(reason)}\n`) });
}

const DEFAULT_CACHE_LOCATION = '.flowcop-cache/';

/**
 * Only `content`: a file's hash, never its modification time — a checkout, a copy or a CI cache restore
 * sets every time anew (a time would miss nothing but reuse nothing), and a file rewritten within the
 * clock's resolution keeps its time (a time would reuse stale findings).
 */
function cacheStrategyOf(args: Parsed): string {
  return oneOf(args.flags, '--cache-strategy', ['content'], 'content');
}

export function jobsOf(args: Parsed): number {
  return wholeNumber(args.flags, '--jobs', 1, 256, defaultJobs());
}

/** `--print-config FILE`: the configuration FlowCop applies to that file, as JSON. */
function printConfigCommand(file: string, args: Parsed, io: CliIO): number {
  const abs = path.resolve(io.cwd, file);
  const config = new ConfigResolver(io.vfs, explicitConfig(args, io)).configFor(abs);
  const rel = (p: string) => displayPath(p, io.cwd);
  io.stdout(`${JSON.stringify({
    file: rel(abs),
    config: config.file ? rel(config.file.path) : null,
    rules: config.rules,
    environments: config.environments.map(e => ({ name: e.environment, settings: rel(e.file), ...(e.solution ? { solution: e.solution } : {}) })),
    ...(config.environmentIdentities.length ? { environmentIdentities: config.environmentIdentities.map(i => ({ name: i.environment, ...(i.url ? { url: i.url } : {}), ...(i.id ? { id: i.id } : {}) })) } : {}),
    ignore: config.ignoreGlobs,
    ignoreEntries: config.ignoreEntries,
    allow: config.allow,
    organizationDomains: config.organizationDomains,
    ...(config.identities ? { identities: config.identities } : {}),
    ...(config.policies ? { policies: config.policies.map(p => ({ file: rel(p.file), ...(p.environments ? { environments: p.environments } : {}) })) } : {}),
    ...(config.getCredentialTemplate !== undefined ? { getCredentialTemplate: config.getCredentialTemplate } : {}),
    problems: config.problems.map(p => p.message),
  }, null, 2)}\n`);
  return 0;
}
