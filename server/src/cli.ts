// `flowcop` — the command-line twin of the language server: same engine, same findings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWorkspace } from './findings/analyze';
import { isLintWorker, lintParallel, runLintWorker } from './findings/parallel';
import type { StreamResult } from './findings/stream';
import { newTimings, Timings } from './findings/timing';
import type { Workspace } from './model/types';
import { DiskVfs } from './load/vfs';
import { displayPath } from './fix/run';
import { formatInspectJson, formatInspectText, inspectWorkspace } from './report/json';
import { RULES, ruleById } from './rules/registry';
import { packageVersion, ruleDocMarkdown } from './util/package';
import { escapeText } from './util/terminal';
import { COMMAND_USAGE, InputError, oneOf, Parsed, parseArgs, UsageError, USAGE } from './cli/args';
import type { CliIO } from './cli/io';
import { initCommand } from './cli/init';
import { cacheOf, explicitConfig, jobsOf, lintCommand, policyPaths, progressReporter, requirePaths, timingWanted } from './cli/lint';

export type { CliIO } from './cli/io';
export { exitCode } from './cli/lint';

export function runCli(argv: string[], io: CliIO, streamed?: StreamResult, timings?: Timings): number {
  let command = '';
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      io.stdout(USAGE);
      return argv.length === 0 ? 2 : 0;
    }
    if (argv[0] === '--version' || argv[0] === '-v') {
      io.stdout(`${packageVersion()}\n`);
      return 0;
    }
    command = argv[0];
    const args = parseArgs(argv);
    if (args.flags.has('--help')) {
      io.stdout(COMMAND_USAGE[args.command] ?? USAGE);
      return 0;
    }
    if (args.flags.has('--version')) {
      io.stdout(`${packageVersion()}\n`);
      return 0;
    }
    switch (args.command) {
      case 'lint': return lintCommand(args, io, streamed, timings);
      case 'inspect': return inspectCommand(args, io);
      case 'rules': return rulesCommand(io);
      case 'explain': return explainCommand(args, io);
      case 'init': return initCommand(args, io);
      default: throw new UsageError(`unknown command "${args.command}"`);
    }
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`flowcop: ${escapeText(e.message)}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr(`flowcop: ${escapeText(e.message)}\n\n${COMMAND_USAGE[command] ?? USAGE}`);
      return 2;
    }
    // No stack trace by default: error messages can quote input text, and so a secret.
    const detail = io.env.FLOWCOP_DEBUG ? String((e as Error)?.stack ?? e) : `${e instanceof Error ? e.name : typeof e} (set FLOWCOP_DEBUG=1 to see the stack trace)`;
    io.stderr(`flowcop: internal error: ${detail}\n`);
    return 2;
  }
}

/**
 * `runCli` with worker threads for `lint` (they need the event loop); every other command, `--fix`
 * and in-memory file systems run as runCli does. The report is the same either way.
 */
export async function runCliAsync(argv: string[], io: CliIO, workerFile = __filename): Promise<number> {
  let args: Parsed;
  try {
    args = parseArgs(argv);
    const parallel = args.command === 'lint' && !args.flags.has('--help') && !args.flags.has('--version') && !args.flags.has('--print-config')
      && !args.flags.has('--fix') && !args.flags.has('--fix-dry-run') && io.vfs instanceof DiskVfs;
    if (!parallel) return runCli(argv, io);
    requirePaths(args, io);
    const jobs = jobsOf(args);
    if (jobs <= 1) return runCli(argv, io);
    const configFile = args.flags.get('--config');
    const timings = timingWanted(args, io) ? newTimings() : undefined;
    const streamed = await lintParallel(args.paths.map(p => path.resolve(io.cwd, p)), {
      vfs: io.vfs, jobs, workerFile, config: explicitConfig(args, io), configFile: typeof configFile === 'string' ? path.resolve(io.cwd, configFile) : undefined,
      environment: args.flags.get('--env') as string | undefined, policies: policyPaths(args, io), onProgress: progressReporter(io), cache: cacheOf(args, io), timings,
    });
    return runCli(argv, io, streamed, timings);
  } catch {
    // A usage error: runCli reports it the same way.
    return runCli(argv, io);
  }
}

function inspectCommand(args: Parsed, io: CliIO): number {
  requirePaths(args, io);
  const format = oneOf(args.flags, '--format', ['text', 'json'], 'text');
  const paths = args.paths.map(p => path.resolve(io.cwd, p));
  const { workspace } = loadWorkspace(paths, { vfs: io.vfs, config: explicitConfig(args, io) });
  printSkipped(workspace, io);
  const report = inspectWorkspace(workspace, io.cwd);
  if (format === 'json') io.stdout(formatInspectJson(report));
  else io.stdout(formatInspectText(report));
  if (!workspace.solutions.length && !workspace.scripts.length && !workspace.orphanSettings.length && !workspace.pipelines?.length) {
    io.stderr(`flowcop: nothing lintable found in ${escapeText(args.paths.join(', '))}\n`);
    return 2;
  }
  return 0;
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

async function main(): Promise<void> {
  // `flowcop lint . | head`: the reader went away; stop quietly, as other command-line tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  process.exitCode = await runCliAsync(process.argv.slice(2), {
    stdout: s => process.stdout.write(s),
    stderr: s => process.stderr.write(s),
    cwd: process.cwd(),
    vfs: new DiskVfs(),
    isTTY: !!process.stdout.isTTY,
    stderrIsTTY: !!process.stderr.isTTY,
    env: process.env,
    writeFile: (p, content) => {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
    },
    appendFile: (p, content) => fs.appendFileSync(p, content),
    prompt: process.stdin.isTTY ? promptLine : undefined,
  });
}

/** One line typed on the terminal (blocking: the CLI asks only in `init`). */
function promptLine(question: string): string | undefined {
  process.stderr.write(question);
  const buffer = Buffer.alloc(256);
  let line = '';
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(0, buffer, 0, buffer.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      return undefined;
    }
    if (n === 0) return line || undefined;
    line += buffer.toString('utf8', 0, n);
    if (line.includes('\n')) return line.slice(0, line.indexOf('\n')).replace(/\r$/, '');
  }
}

if (isLintWorker()) runLintWorker();
else if (require.main === module) void main();
