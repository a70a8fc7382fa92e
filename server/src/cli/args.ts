// The command line: usage per command, argument parsing, and the errors that exit 2.
export const COMMANDS_USAGE = `Usage:
  flowcop lint <path...> [options]     lint solutions, packed .zip solutions and desktop-flow scripts
  flowcop inspect <path...> [--format text|json]
                                       list what FlowCop found: solutions, flows, references, environments
  flowcop rules                        list the rules
  flowcop explain <rule-id>            print a rule's documentation
  flowcop init [folder] [--yes] [--ci github|azure|none] [--force]
                                       write flowcop.json for the solutions found, a CI pipeline, the
                                       VS Code recommendation
  flowcop <command> --help             the options of one command
  flowcop --version                    the version
`;

export const LINT_USAGE = `Usage: flowcop lint <path...> [options]

Options:
  --format FORMAT            text (default), json, sarif, github (workflow-command annotations, plus a job
                             summary when GITHUB_STEP_SUMMARY is set), azure (task.logissue), junit, markdown;
                             repeatable: each --output after a --format writes that format to a file
  --output FILE              write the report of the --format before it to FILE instead of standard output
  --env NAME                 check deployment settings of this environment only
  --config FILE              use this flowcop.json instead of searching upward
  --policy FILE              evaluate this data-policy (DLP) export for the whole run (dlp/ rules); repeatable
  --jobs N                   lint on N worker threads (default: one per core but one; 1 lints on the main thread)
  --cache                    reuse the findings of units whose files, settings, pipelines, policies and
                             flowcop.json did not change (compared by content); ignored with --fix
  --cache-location PATH      the cache file, or a folder for it (default .flowcop-cache/)
  --cache-strategy content   how changes are detected: content (the only one; file hashes, not times)
  --fail-on error|warning|info|none
                             exit 1 when a reported finding is at or above this level (default error)
  --max-warnings N           exit 1 when more than N warnings are reported
  --quiet                    report errors only (warnings and info are neither printed nor counted)
  --baseline FILE            report only findings not recorded in FILE (created when missing)
  --fix                      apply the preferred fix of every finding, then report what remains;
                             --env NAME receives moved values
  --fix-dry-run              compute the fixes in memory and print them as a unified diff; writes nothing
  --print-config FILE        print the configuration that applies to FILE (JSON) and exit
  --no-color                 plain text output
  --no-fold                  text output: list every place of a repeated value instead of folding them
  --timing                   after the report, print to standard error the time of each phase and of every
                             rule that ran, slowest first (also FLOWCOP_TIMING=1); the report is unchanged

Exit codes: 0 no reported finding at or above --fail-on (and no more warnings than --max-warnings),
            1 otherwise, 2 usage error (unknown option, missing path, unreadable config), nothing
            lintable found, or a --fix write failed (that round is rolled back).
`;

export const INSPECT_USAGE = `Usage: flowcop inspect <path...> [--format text|json] [--config FILE]

Lists what FlowCop found: solutions (layout, flows, connection references, environment variables,
environments), standalone scripts, settings files no solution claims, and deployment pipelines.
`;

export const INIT_USAGE = `Usage: flowcop init [folder] [options]

Finds the solutions, their layouts and the environments their deployment settings name, and writes
flowcop.json (with $schema and every settings file by environment and solution), .vscode/extensions.json
(recommends the FlowCop extension) and, with --ci, a pipeline that runs FlowCop.

Options:
  --yes                      ask nothing (also when CI is set or standard input is not a terminal)
  --ci github|azure|none     also write .github/workflows/flowcop.yml or azure-pipelines.flowcop.yml
  --force                    replace files that exist (by default they are left as they are)
`;

export const RULES_USAGE = 'Usage: flowcop rules\n\nLists every rule: id, default level, category, whether it has a fix, description.\n';
export const EXPLAIN_USAGE = 'Usage: flowcop explain <rule-id>\n\nPrints the rule\'s documentation (Markdown).\n';

export const USAGE = `${COMMANDS_USAGE}\n${LINT_USAGE.slice(LINT_USAGE.indexOf('Options:'))}`;

export const COMMAND_USAGE: Record<string, string> = { lint: LINT_USAGE, inspect: INSPECT_USAGE, rules: RULES_USAGE, explain: EXPLAIN_USAGE, init: INIT_USAGE };

/** Wrong use of the command line: the message and the usage, exit 2. */
export class UsageError extends Error {}

/** Input that cannot be linted at all (a path that does not exist): one line, exit 2. */
export class InputError extends Error {}

export interface Parsed {
  command: string;
  paths: string[];
  /** The last value of each flag. */
  flags: Map<string, string | true>;
  /** Every value of each repeatable flag, in order. */
  repeated: Map<string, string[]>;
  /** Every flag in command-line order (--format/--output pairs depend on it). */
  ordered: Array<[string, string | true]>;
}

const VALUE_FLAGS = new Set(['--format', '--output', '--env', '--config', '--fail-on', '--baseline', '--policy', '--jobs', '--max-warnings', '--print-config', '--ci',
  '--cache-location', '--cache-strategy']);
/** Value flags that may be given several times; each value counts. */
const REPEATABLE_FLAGS = new Set(['--policy', '--format', '--output']);
const BOOL_FLAGS = new Set(['--no-fold', '--no-color', '--help', '--version', '--fix', '--fix-dry-run', '--quiet', '--yes', '--force', '--cache', '--timing']);

export function parseArgs(argv: string[]): Parsed {
  const [command = '', ...rest] = argv;
  const flags = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  const ordered: Parsed['ordered'] = [];
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '-h') {
      flags.set('--help', true);
    } else if (a.startsWith('--')) {
      const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (VALUE_FLAGS.has(name)) {
        const value = inline ?? rest[++i];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
        flags.set(name, value);
        ordered.push([name, value]);
        if (REPEATABLE_FLAGS.has(name)) repeated.set(name, [...(repeated.get(name) ?? []), value]);
      } else if (BOOL_FLAGS.has(name)) {
        flags.set(name, true);
        ordered.push([name, true]);
      } else {
        throw new UsageError(`unknown option ${name}`);
      }
    } else {
      paths.push(a);
    }
  }
  return { command, paths, flags, repeated, ordered };
}

export function oneOf(flags: Parsed['flags'], name: string, allowed: string[], fallback: string): string {
  const v = flags.get(name);
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !allowed.includes(v)) throw new UsageError(`${name} must be one of ${allowed.join(', ')}`);
  return v;
}

/** A whole number flag within bounds, or the fallback when absent. */
export function wholeNumber(flags: Parsed['flags'], name: string, min: number, max: number, fallback: number): number {
  const value = flags.get(name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}
