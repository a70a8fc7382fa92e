// The measurements of `npm run bench`: each tool on the same tree as a child process, interleaved run
// by run (so a noisy neighbour hits every tool alike), the first run a warm-up that is not counted.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNode } from './run-child.mjs';
import { stats } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const floorScript = path.join(here, 'floor.mjs');
const secretlintBin = path.join(root, 'node_modules', 'secretlint', 'bin', 'secretlint.js');

/** Does the CLI offer --jobs? (Worker threads are being added; measure --jobs 1 only once they exist.) */
export async function cliHasJobs(cli) {
  const help = await runNode([cli, '--help']);
  return /--jobs\b/.test(help.stdout + help.stderr);
}

/** Does the CLI offer --cache? (Builds from before it are measured without the row.) */
export async function cliHasCache(cli) {
  const help = await runNode([cli, 'lint', '--help']);
  return /--cache\b/.test(help.stdout + help.stderr);
}

/** A .secretlintrc.json with the recommended preset, outside the tree. */
export function secretlintConfig(tmp) {
  const file = path.join(tmp, '.secretlintrc.json');
  fs.writeFileSync(file, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  return file;
}

const summarize = runs => ({ time: stats(runs.map(r => r.ms / 1000)), cpu: stats(runs.map(r => r.cpuMs / 1000)), rssMiB: stats(runs.map(r => r.rssMiB)) });

/**
 * Floor, flowcop (default and --jobs 1 when offered; with a warm --cache when `cacheFile` is given) and
 * secretlint on one tree. The cache file lies outside the tree (the other tools read every file in it);
 * the warm-up run fills it, so every counted run of that row is warm.
 * Returns per tool { time, cpu (s), rssMiB } as median/min/max, plus the last flowcop report's counts.
 */
export async function measureTree(dir, { cli, runs, jobs, cacheFile, secretlintrc, secretlintRuns = runs, log }) {
  if (cacheFile) fs.rmSync(cacheFile, { force: true });
  const tools = {
    floor: [floorScript, dir],
    flowcop: [cli, 'lint', dir, '--format', 'json', '--fail-on', 'none'],
    ...(jobs ? { flowcopJobs1: [cli, 'lint', dir, '--format', 'json', '--fail-on', 'none', '--jobs', '1'] } : {}),
    ...(cacheFile ? { flowcopCacheWarm: [cli, 'lint', dir, '--format', 'json', '--fail-on', 'none', '--cache', '--cache-location', cacheFile] } : {}),
    ...(fs.existsSync(secretlintBin) ? { secretlint: [secretlintBin, '**/*', '--secretlintrc', secretlintrc, '--format', 'json'] } : {}),
  };
  const samples = Object.fromEntries(Object.keys(tools).map(k => [k, []]));
  let report;
  for (let run = 0; run <= runs; run++) {
    for (const [name, args] of Object.entries(tools)) {
      // secretlint 12's built-in profiler is quadratic in the files of a run (minutes at L): it may run
      // fewer times, and skips the warm-up (the floor's warm-up already brought the tree into the page cache).
      if (name === 'secretlint' && (run === 0 || run > secretlintRuns)) continue;
      const r = await runNode(args, { cwd: dir });
      // secretlint exits 1 when it finds something; flowcop runs with --fail-on none.
      if (r.code !== 0 && !(name === 'secretlint' && r.code === 1)) throw new Error(`${name} failed (exit ${r.code}): ${r.stderr.slice(0, 2000)}`);
      if (name === 'flowcop') report = JSON.parse(r.stdout).summary;
      // The cached run must report what the plain run reports, or its time means nothing.
      if (name === 'flowcopCacheWarm' && JSON.stringify(JSON.parse(r.stdout).summary) !== JSON.stringify(report)) throw new Error('lint --cache reports other findings than lint');
      if (run > 0) samples[name].push(r);
      log(`  ${run ? `run ${run}` : 'warm-up'} ${name} ${(r.ms / 1000).toFixed(2)} s (CPU ${(r.cpuMs / 1000).toFixed(2)} s), ${r.rssMiB.toFixed(0)} MiB`);
    }
  }
  return { ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)])), findings: report?.total, solutions: report?.solutions };
}

function treeHash(dir) {
  const hash = createHash('sha256');
  const walk = d => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else { hash.update(path.relative(dir, p)); hash.update('\0'); hash.update(fs.readFileSync(p)); }
    }
  };
  walk(dir);
  return hash.digest('hex');
}

/** "flowcop: 20 fixes applied in 10 rounds" → { applied, rounds }. */
export function parseFixSummary(stderr) {
  const m = /(\d+) fix(?:es)? applied in (\d+) rounds?/.exec(stderr);
  return m ? { applied: Number(m[1]), rounds: Number(m[2]) } : { applied: NaN, rounds: NaN };
}

/**
 * `lint --fix` on fresh copies of the fixable tree: time, rounds, fixes, findings left; then a second
 * `--fix` on the last copy must apply nothing and leave every byte as it was.
 */
export async function measureFix(pristine, { cli, runs, work, log }) {
  const results = [];
  for (let run = 0; run <= runs; run++) {
    fs.rmSync(work, { recursive: true, force: true });
    fs.cpSync(pristine, work, { recursive: true });
    const r = await runNode([cli, 'lint', work, '--fix', '--format', 'json', '--fail-on', 'none'], { cwd: work });
    if (r.code !== 0) throw new Error(`lint --fix failed (exit ${r.code}): ${r.stderr.slice(-2000)}`);
    const report = JSON.parse(r.stdout);
    const leftByRule = {};
    for (const f of report.findings) leftByRule[f.ruleId] = (leftByRule[f.ruleId] ?? 0) + 1;
    const summary = { ...parseFixSummary(r.stderr), left: report.summary.total, leftByRule, ms: r.ms, cpuMs: r.cpuMs, rssMiB: r.rssMiB };
    log(`  ${run ? `run ${run}` : 'warm-up'} --fix ${(r.ms / 1000).toFixed(2)} s: ${summary.applied} fixes in ${summary.rounds} rounds, ${summary.left} findings left`);
    if (run > 0) results.push(summary);
  }
  const before = treeHash(work);
  const again = await runNode([cli, 'lint', work, '--fix', '--format', 'json', '--fail-on', 'none'], { cwd: work });
  const second = { ...parseFixSummary(again.stderr), changed: treeHash(work) !== before };
  log(`  second --fix: ${second.applied} fixes, tree ${second.changed ? 'changed' : 'unchanged'}`);
  const last = results.at(-1);
  return {
    time: stats(results.map(r => r.ms / 1000)), cpu: stats(results.map(r => r.cpuMs / 1000)), rssMiB: stats(results.map(r => r.rssMiB)),
    rounds: stats(results.map(r => r.rounds)), applied: last.applied, left: last.left, leftByRule: last.leftByRule, second,
  };
}

/** As-you-type latency through the LSP engineer's client, when scripts/bench/lsp-latency.mjs exists. */
export async function measureTypingIfAvailable(serverJs, log) {
  const file = path.join(here, 'lsp-latency.mjs');
  if (!fs.existsSync(file)) return { script: 'not measured', flow: 'not measured', reason: 'scripts/bench/lsp-latency.mjs is missing' };
  if (!fs.existsSync(serverJs)) return { script: 'not measured', flow: 'not measured', reason: `${serverJs} is missing (build it or pass --server)` };
  const { measureTyping } = await import(file);
  const out = {};
  for (const documentKind of ['script', 'flow']) {
    try {
      out[documentKind] = await measureTyping({ serverJs, documentKind, edits: 50 });
      log(`  typing in a ${documentKind}: p50 ${out[documentKind].p50} ms, p95 ${out[documentKind].p95} ms`);
    } catch (e) {
      out[documentKind] = `not measured (${e.message})`;
    }
  }
  return out;
}
