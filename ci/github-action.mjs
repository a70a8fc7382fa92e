// The GitHub Action's entry point (action.yml): turns the inputs into one `flowcop lint` run that
// prints annotations (`--format github`, which also writes the job summary) and, when asked, a SARIF
// file. FlowCop is the action's own build when it has one, else the npm package at `version`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const input = (name, env = process.env) => (env[`INPUT_${name}`] ?? '').trim();

export function lintArguments(env = process.env) {
  const get = name => input(name, env);
  const paths = get('PATHS').split(/\s+/).filter(Boolean);
  const args = ['lint', ...(paths.length ? paths : ['.']), '--format', 'github', '--fail-on', get('FAIL_ON') || 'error'];
  if (get('ENV')) args.push('--env', get('ENV'));
  if (get('CONFIG')) args.push('--config', get('CONFIG'));
  if (get('BASELINE')) args.push('--baseline', get('BASELINE'));
  if (get('SARIF')) args.push('--format', 'sarif', '--output', get('SARIF'));
  return args;
}

/** The command that runs FlowCop: FLOWCOP_CLI (tests), the action's own build, or npx. */
export function flowcopCommand(env = process.env) {
  if (env.FLOWCOP_CLI) return [process.execPath, env.FLOWCOP_CLI];
  const actionDir = env.GITHUB_ACTION_PATH ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const own = path.join(actionDir, 'dist', 'cli.js');
  if (fs.existsSync(own)) return [process.execPath, own];
  return ['npx', '--yes', `flowcop@${(env.INPUT_VERSION ?? '').trim() || 'latest'}`];
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [command, ...prefix] = flowcopCommand();
  const result = spawnSync(command, [...prefix, ...lintArguments()], { stdio: 'inherit' });
  // One line per output: a path with a line break would write a second output.
  if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, `sarif=${input('SARIF').replace(/[\r\n]/g, '')}\n`);
  process.exit(result.status ?? 2);
}
