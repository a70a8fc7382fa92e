// npm run bench — does FlowCop lint at the speed of reading the files? (issue 14)
// Generates deterministic trees (scripts/bench/generate-tree.mjs), then measures in one run, as child
// processes and interleaved: the floor (read + parse every file), `flowcop lint` (also with a warm
// --cache), secretlint on the same tree, the scaling exponent S→L, peak RSS, `lint --fix` on 200 fixable
// findings, as-you-type latency.
// Medians of --runs (BENCH_RUNS, default 5) after one warm-up; nothing here is a test.
//   node scripts/bench.mjs [--sizes S,M,L] [--runs N] [--json] [--cli dist/cli.js] [--server dist/server.js] [--secretlint-runs N] [--no-fix] [--keep]
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { generateTree } from './bench/generate-tree.mjs';
import { cliHasCache, cliHasJobs, measureFix, measureTree, measureTypingIfAvailable, secretlintConfig } from './bench/measure.mjs';
import { formatTable, targets } from './bench/report.mjs';
import { stats } from './bench/stats.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = name => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const sizes = (option('--sizes') ?? 'S,M,L').split(',').map(s => s.trim().toUpperCase()).filter(Boolean);
const runs = Math.max(1, Number(option('--runs') ?? process.env.BENCH_RUNS ?? 5));
const json = args.includes('--json');
const cli = path.resolve(option('--cli') ?? path.join(root, 'dist', 'cli.js'));
const serverJs = path.resolve(option('--server') ?? path.join(root, 'dist', 'server.js'));
const skipFix = args.includes('--no-fix');
// secretlint slows down quadratically with the number of files (see measure.mjs): --secretlint-runs 1 keeps L short.
const secretlintRuns = Math.min(runs, Number(option('--secretlint-runs') ?? runs));
// Progress goes to stderr, so --json keeps standard output one object.
const log = line => process.stderr.write(`${line}\n`);

if (!fs.existsSync(cli)) { log(`bench: ${cli} is missing; build it (npm run build) or pass --cli PATH`); process.exit(2); }
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-bench-'));

/** The desktop-flow parser alone, in process: time per script size (should be linear). */
async function parserScaling() {
  const outfile = path.join(tmp, 'parser.cjs');
  await esbuild.build({
    stdin: { contents: "export { parseScript } from './server/src/load/pad/parser';", resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning', mainFields: ['module', 'main'],
  });
  const { parseScript } = createRequire(import.meta.url)(outfile);
  const base = Array.from({ length: 1000 }, (_, i) => `SET V${i} TO $'''text %X${i}% more''' \r\nIF V${i} = 1 THEN\r\n    Display.ShowMessageDialog.ShowMessage Message: V${i} ButtonPressed=> B\r\nEND`).join('\r\n');
  const rows = [];
  for (const k of [1, 10, 50]) {
    const text = Array.from({ length: k }, () => base).join('\r\n');
    const samples = [];
    for (let run = 0; run <= runs; run++) {
      const t0 = process.hrtime.bigint();
      parseScript(text);
      if (run) samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    rows.push({ lines: 4000 * k, ms: stats(samples) });
  }
  return rows;
}

try {
  const jobs = await cliHasJobs(cli);
  const cache = await cliHasCache(cli);
  const secretlintrc = secretlintConfig(tmp);
  const result = { machine: { cores: os.availableParallelism?.() ?? os.cpus().length, node: process.version, runs }, cli, sizes: {} };
  for (const size of sizes) {
    log(`bench: generating ${size}…`);
    const tree = generateTree(size, path.join(tmp, size));
    log(`bench: ${size}: ${tree.files} files, ${(tree.bytes / 1048576).toFixed(1)} MiB`);
    const measured = await measureTree(tree.dir, { cli, runs, jobs, cacheFile: cache ? path.join(tmp, `${size}.cache`) : undefined, secretlintrc, secretlintRuns, log });
    result.sizes[size] = { files: tree.files, bytes: tree.bytes, ...tree.plan.totals, ...measured };
    if (!args.includes('--keep')) fs.rmSync(tree.dir, { recursive: true, force: true });
  }
  if (!skipFix) {
    log('bench: lint --fix on the tree with 200 fixable findings…');
    const fixTree = generateTree('FIX', path.join(tmp, 'FIX'));
    result.fix = { fixable: fixTree.plan.totals.plantedFindings, ...await measureFix(fixTree.dir, { cli, runs, work: path.join(tmp, 'FIX-work'), log }) };
  }
  log('bench: as-you-type latency…');
  result.typing = await measureTypingIfAvailable(serverJs, log);
  result.parser = await parserScaling();
  result.targets = targets(result);
  if (json) console.log(JSON.stringify(result, null, 2));
  else console.log(formatTable(result));
  if (args.includes('--keep')) log(`bench: trees kept in ${tmp}`);
} finally {
  if (!args.includes('--keep')) fs.rmSync(tmp, { recursive: true, force: true });
}
