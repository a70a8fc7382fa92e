// `flowcop` — the command-line twin of the language server: same engine, same findings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, Analysis } from './findings/analyze';
import { createBaseline, newSince, parseBaseline } from './findings/baseline';
import { Config, loadConfigFile } from './findings/config';
import { secretSpansOf, SEVERITY_RANK } from './findings/finding';
import type { Finding } from './findings/finding';
import type { Workspace } from './model/types';
import { loadWorkspace } from './findings/analyze';
import { DiskVfs, MemoryVfs, Vfs } from './load/vfs';
import { ChangeOverlayVfs, diskStore, memoryStore } from './fix/change';
import { displayPath, fixAll, renderOverlayDiff } from './fix/run';
import { positionAt } from './util/text';
import { formatInspectJson, formatInspectText, formatJson, inspectWorkspace } from './report/json';
import { automationDetails, formatSarif } from './report/sarif';
import { formatText } from './report/text';
import { RULES, ruleById } from './rules/registry';
import { DOCS_BASE_URL, packageVersion, ruleDocMarkdown } from './util/package';
import { escapeText } from './util/terminal';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  vfs: Vfs;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  writeFile: (p: string, content: string) => void;
}

const USAGE = `Usage:
  flowcop lint <path...> [options]     lint solutions, packed .zip solutions and desktop-flow scripts
  flowcop inspect <path...> [--format text|json]
                                       list what FlowCop found: solutions, flows, references, environments
  flowcop rules                        list the rules
  flowcop explain <rule-id>            print a rule's documentation

Lint options:
  --format text|json|sarif   output format (default text)
  --output FILE              write the report to FILE instead of standard output
  --env NAME                 check deployment settings of this environment only
  --config FILE              use this flowcop.json instead of searching upward
  --policy FILE              evaluate this data-policy (DLP) export for the whole run (dlp/ rules); repeatable
  --fail-on error|warning|info|none
                             exit 1 when a finding is at or above this level (default error)
  --baseline FILE            report only findings not recorded in FILE (created when missing)
  --fix                      apply the preferred fix of every finding (rounds until nothing is fixable,
                             at most 10), then report what remains; --env NAME receives moved values
  --fix-dry-run              compute the fixes in memory and print them as a unified diff; writes nothing
  --no-color                 plain text output
  --no-fold                  text output: list every place of a repeated value instead of folding them

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
            2 usage error, nothing lintable found, or a --fix write failed (that round is rolled back).
`;

class UsageError extends Error {}

interface Parsed {
  command: string;
  paths: string[];
  flags: Map<string, string | true>;
  /** Every value of each repeatable flag, in order. */
  repeated: Map<string, string[]>;
}

const VALUE_FLAGS = new Set(['--format', '--output', '--env', '--config', '--fail-on', '--baseline', '--policy']);
/** Value flags that may be given several times; each value counts. */
const REPEATABLE_FLAGS = new Set(['--policy']);
const BOOL_FLAGS = new Set(['--no-fold', '--no-color', '--help', '--version', '--fix', '--fix-dry-run']);

function parseArgs(argv: string[]): Parsed {
  const [command = '', ...rest] = argv;
  const flags = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (VALUE_FLAGS.has(name)) {
        const value = inline ?? rest[++i];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
        flags.set(name, value);
        if (REPEATABLE_FLAGS.has(name)) repeated.set(name, [...(repeated.get(name) ?? []), value]);
      } else if (BOOL_FLAGS.has(name)) {
        flags.set(name, true);
      } else {
        throw new UsageError(`unknown option ${name}`);
      }
    } else {
      paths.push(a);
    }
  }
  return { command, paths, flags, repeated };
}

function oneOf(flags: Parsed['flags'], name: string, allowed: string[], fallback: string): string {
  const v = flags.get(name);
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !allowed.includes(v)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}`);
  return v;
}

export function runCli(argv: string[], io: CliIO): number {
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      io.stdout(USAGE);
      return argv.length === 0 ? 2 : 0;
    }
    if (argv[0] === '--version' || argv[0] === '-v') {
      io.stdout(`${packageVersion()}\n`);
      return 0;
    }
    const args = parseArgs(argv);
    if (args.flags.has('--help')) {
      io.stdout(USAGE);
      return 0;
    }
    switch (args.command) {
      case 'lint': return lintCommand(args, io);
      case 'inspect': return inspectCommand(args, io);
      case 'rules': return rulesCommand(io);
      case 'explain': return explainCommand(args, io);
      default: throw new UsageError(`unknown command "${args.command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`flowcop: ${escapeText(e.message)}\n\n${USAGE}`);
      return 2;
    }
    // No stack trace by default: error messages can quote input text, and so a secret.
    const detail = io.env.FLOWCOP_DEBUG ? String((e as Error)?.stack ?? e) : `${e instanceof Error ? e.name : typeof e} (set FLOWCOP_DEBUG=1 to see the stack trace)`;
    io.stderr(`flowcop: internal error: ${detail}\n`);
    return 2;
  }
}

function explicitConfig(args: Parsed, io: CliIO): Config | undefined {
  const configPath = args.flags.get('--config');
  if (typeof configPath !== 'string') return undefined;
  const loaded = loadConfigFile(io.vfs, path.resolve(io.cwd, configPath));
  if ('error' in loaded) throw new UsageError(loaded.error);
  return loaded;
}

function requirePaths(args: Parsed): void {
  if (args.paths.length === 0) throw new UsageError(`${args.command} needs at least one path`);
}

function lintCommand(args: Parsed, io: CliIO): number {
  requirePaths(args);
  const format = oneOf(args.flags, '--format', ['text', 'json', 'sarif'], 'text');
  const failOn = oneOf(args.flags, '--fail-on', ['error', 'warning', 'info', 'none'], 'error');
  const environment = args.flags.get('--env') as string | undefined;
  const paths = args.paths.map(p => path.resolve(io.cwd, p));
  const dryRun = args.flags.has('--fix-dry-run');
  let vfs: Vfs = io.vfs;
  let writeFailed = false;
  if (dryRun || args.flags.has('--fix')) {
    // Fix first (on the disk, or in an overlay for a dry run), then report what remains as usual.
    const overlay = dryRun ? new ChangeOverlayVfs(io.vfs) : undefined;
    const store = overlay ?? (io.vfs instanceof MemoryVfs ? memoryStore(io.vfs) : diskStore());
    const result = fixAll({ paths, vfs: overlay ?? io.vfs, store, config: explicitConfig(args, io), environment });
    writeFailed = !!result.writeFailed;
    const verb = dryRun ? 'would fix' : 'fixed';
    for (const a of result.applied) {
      io.stderr(`flowcop: ${verb} ${a.ruleId} in ${escapeText(displayPath(a.file, io.cwd))}: ${escapeText(a.title)}\n`);
      if (a.description) io.stderr(`    ${escapeText(a.description)}\n`);
    }
    for (const f of result.failed) io.stderr(`flowcop: cannot fix ${f.ruleId} in ${escapeText(displayPath(f.file, io.cwd))}: ${escapeText(f.reason)}\n`);
    for (const r of result.refused) io.stderr(`flowcop: not written: ${escapeText(displayPath(r.path, io.cwd))}: ${escapeText(r.reason)} (lint again to fix it)\n`);
    io.stderr(`flowcop: ${result.applied.length} fix${result.applied.length === 1 ? '' : 'es'} ${dryRun ? 'would be applied' : 'applied'} in ${result.rounds} round${result.rounds === 1 ? '' : 's'}\n`);
    if (overlay) {
      // Masked: the secrets the fixes removed, and those the run still reports (unfixable ones show as context).
      const diff = renderOverlayDiff(overlay, { base: io.cwd, redact: result.redact, secretSpans: secretSpansOf(result.analysis.findings) });
      // The diff is the dry run's output; keep standard output parseable for json and sarif reports.
      if (format === 'text' || args.flags.has('--output')) io.stdout(diff);
      else io.stderr(diff);
      vfs = overlay;
    }
  }
  const policyFiles = args.repeated.get('--policy') ?? [];
  const analysis: Analysis = analyze(paths, { vfs, config: explicitConfig(args, io), environment, policies: policyFiles.length ? policyFiles.map(f => path.resolve(io.cwd, f)) : undefined });
  const { workspace } = analysis;
  printSkipped(workspace, io);
  let findings = analysis.findings;

  if (!workspace.solutions.length && !workspace.scripts.length && !workspace.orphanSettings.length && !findings.length) {
    io.stderr(`flowcop: nothing lintable found in ${escapeText(args.paths.join(', '))} (no solution, packed solution .zip or desktop-flow script)\n`);
    return 2;
  }
  if (environment && !workspace.solutions.some(s => s.environments.some(e => e.environment.toLowerCase() === environment.toLowerCase()))) {
    // One name per environment, whatever the case of its files (`Prod/…` and `prod.deploymentsettings.json`).
    const known = [...new Map(workspace.solutions.flatMap(s => s.environments.map(e => [e.environment.toLowerCase(), e.environment] as const))).values()];
    io.stderr(`flowcop: warning: no deployment settings for environment "${escapeText(environment)}"${known.length ? ` (found: ${escapeText(known.join(', '))})` : ''}\n`);
  }

  const baselinePath = args.flags.get('--baseline');
  if (typeof baselinePath === 'string') {
    const abs = path.resolve(io.cwd, baselinePath);
    const existing = io.vfs.readFile(abs);
    if (!existing && dryRun) {
      findings = [];
    } else if (!existing) {
      io.writeFile(abs, JSON.stringify(createBaseline(findings, io.cwd), null, 2) + '\n');
      io.stderr(`flowcop: baseline written to ${escapeText(baselinePath)} (${findings.length} finding${findings.length === 1 ? '' : 's'} recorded)\n`);
      findings = [];
    } else {
      const baseline = parseBaseline(Buffer.from(existing).toString('utf8'));
      if ('error' in baseline) throw new UsageError(`${baselinePath}: ${baseline.error}`);
      findings = newSince(findings, baseline, io.cwd);
    }
  }

  const color = format === 'text' && !args.flags.has('--no-color') && io.isTTY && !args.flags.has('--output') && !io.env.NO_COLOR;
  const report = format === 'json'
    ? formatJson(findings, workspace, io.cwd, packageVersion())
    : format === 'sarif'
      ? formatSarif(findings, { base: io.cwd, version: packageVersion(), rules: RULES, docsBaseUrl: DOCS_BASE_URL, ruleDocs: r => ruleDocMarkdown(r.meta.docs), automation: automationDetails(io.env) })
      : formatText(findings, workspace, { base: io.cwd, color, fold: !args.flags.has('--no-fold') });
  const output = args.flags.get('--output');
  if (typeof output === 'string') io.writeFile(path.resolve(io.cwd, output), report);
  else io.stdout(report);
  if (writeFailed) {
    // The round was rolled back file by file: the tree is as it was before that round.
    io.stderr('flowcop: error: a write failed during --fix; every file of that round was restored\n');
    return 2;
  }
  return exitCode(findings, failOn);
}

export function exitCode(findings: Finding[], failOn: string): number {
  if (failOn === 'none') return 0;
  const threshold = SEVERITY_RANK[failOn as keyof typeof SEVERITY_RANK];
  return findings.some(f => SEVERITY_RANK[f.severity] >= threshold) ? 1 : 0;
}

function inspectCommand(args: Parsed, io: CliIO): number {
  requirePaths(args);
  const format = oneOf(args.flags, '--format', ['text', 'json'], 'text');
  const paths = args.paths.map(p => path.resolve(io.cwd, p));
  const { workspace } = loadWorkspace(paths, { vfs: io.vfs, config: explicitConfig(args, io) });
  printSkipped(workspace, io);
  const report = inspectWorkspace(workspace, io.cwd);
  if (format === 'json') io.stdout(formatInspectJson(report));
  else io.stdout(formatInspectText(report) + inspectPipelinesText(workspace, io.cwd));
  if (!workspace.solutions.length && !workspace.scripts.length && !workspace.orphanSettings.length) {
    io.stderr(`flowcop: nothing lintable found in ${escapeText(args.paths.join(', '))}\n`);
    return 2;
  }
  return 0;
}

/** The deployment pipelines found, one line per import or apply step (text format of inspect). */
function inspectPipelinesText(workspace: Workspace, cwd: string): string {
  if (!workspace.pipelines?.length) return '';
  const lines = ['', 'Pipelines:'];
  for (const p of workspace.pipelines) {
    lines.push(`  ${escapeText(displayPath(p.loc.file.path, cwd))} (${p.dialect})`);
    for (const s of p.steps) {
      const line = positionAt(s.loc.file, s.loc.span.start).line + 1;
      const detail = s.kind === 'apply' ? `apply upgrade${s.solutionName ? ` of ${s.solutionName.text}` : ''}`
        : `import ${s.solution?.text ?? '(solution not named)'} as ${s.mode}${s.settingsFile ? ` with settings ${s.settingsFile.text}` : ''}${s.stage ? ` in stage ${s.stage}` : ''}`;
      lines.push(`    line ${line}: ${escapeText(detail)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Files named on the command line and left out (a .txt of prose): a note, not a finding. */
function printSkipped(workspace: Workspace, io: CliIO): void {
  for (const s of workspace.skipped ?? []) io.stderr(`flowcop: note: ${escapeText(displayPath(s.file, io.cwd))}: ${escapeText(s.reason)}\n`);
}

function rulesCommand(io: CliIO): number {
  const width = Math.max(...RULES.map(r => r.meta.id.length));
  for (const r of [...RULES].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    io.stdout(`${r.meta.id.padEnd(width)}  ${r.meta.defaultSeverity.padEnd(7)}  ${r.meta.category.padEnd(20)}  ${r.meta.fixable ? 'fix ' : '    '} ${r.meta.description}\n`);
  }
  return 0;
}

function explainCommand(args: Parsed, io: CliIO): number {
  const id = args.paths[0];
  if (!id) throw new UsageError('explain needs a rule id (see flowcop rules)');
  const rule = ruleById(id);
  if (!rule) throw new UsageError(`unknown rule "${id}" (see flowcop rules)`);
  io.stdout(ruleDocMarkdown(rule.meta.docs) ?? `${rule.meta.id}: ${rule.meta.description}\n`);
  return 0;
}

function main(): void {
  const code = runCli(process.argv.slice(2), {
    stdout: s => process.stdout.write(s),
    stderr: s => process.stderr.write(s),
    cwd: process.cwd(),
    vfs: new DiskVfs(),
    isTTY: !!process.stdout.isTTY,
    env: process.env,
    writeFile: (p, content) => {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
    },
  });
  process.exitCode = code;
}

if (require.main === module) main();
