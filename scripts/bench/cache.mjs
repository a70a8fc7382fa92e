// `lint --cache` on one tree: cold (no cache file), warm (nothing changed) and warm after one file changed,
// beside a plain `lint`, as child processes interleaved run by run (a busy neighbour hits each alike),
// the first round a warm-up that is not counted. Each cached report must equal the plain one.
//   node scripts/bench/cache.mjs [--size S|M|L] [--tree DIR] [--runs N] [--jobs N] [--cli dist/cli.js] [--json]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree } from './generate-tree.mjs';
import { runNode } from './run-child.mjs';
import { range, stats } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = name => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const runs = Math.max(1, Number(option('--runs') ?? 5));
const cli = path.resolve(option('--cli') ?? path.join(root, 'dist', 'cli.js'));
const jobs = option('--jobs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-bench-cache-'));
const log = line => process.stderr.write(`${line}\n`);
let restore = () => undefined;

try {
  const tree = option('--tree') ? path.resolve(option('--tree')) : generateTree(option('--size') ?? 'L', path.join(tmp, 'tree')).dir;
  const cacheFile = path.join(tmp, 'lint.cache');
  // The file changed between runs: one flow file, one byte more before the last cached run (its unit is linted again).
  const changed = findFlow(tree);
  const original = fs.readFileSync(changed);
  restore = () => fs.writeFileSync(changed, original);
  const lint = extra => [cli, 'lint', tree, '--format', 'json', '--fail-on', 'none', ...(jobs ? ['--jobs', jobs] : []), ...extra];
  const cached = lint(['--cache', '--cache-location', cacheFile]);
  const rows = { plain: [], cold: [], warm: [], changed: [] };
  for (let run = 0; run <= runs; run++) {
    fs.writeFileSync(changed, original);
    const plain = await runNode(lint([]), { cwd: tmp });
    fs.rmSync(cacheFile, { force: true });
    const cold = await runNode(cached, { cwd: tmp });
    const warm = await runNode(cached, { cwd: tmp });
    fs.writeFileSync(changed, Buffer.concat([original, Buffer.from('\n')]));
    const afterChange = await runNode(cached, { cwd: tmp });
    const expectedAfterChange = await runNode(lint([]), { cwd: tmp });
    for (const [name, r, expected] of [['cold', cold, plain], ['warm', warm, plain], ['changed', afterChange, expectedAfterChange]]) {
      if (r.code !== 0 || r.stdout !== expected.stdout) throw new Error(`lint --cache (${name}) differs from lint (exit ${r.code}): ${r.stderr.slice(0, 500)}`);
    }
    log(`  ${run ? `run ${run}` : 'warm-up'}: plain ${sec(plain)}, cold ${sec(cold)}, warm ${sec(warm)}, one file changed ${sec(afterChange)}`);
    if (run) for (const [name, r] of [['plain', plain], ['cold', cold], ['warm', warm], ['changed', afterChange]]) rows[name].push(r);
  }
  restore();
  const summary = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, {
    time: stats(v.map(r => r.ms / 1000)), cpu: stats(v.map(r => r.cpuMs / 1000)), rssMiB: stats(v.map(r => r.rssMiB)),
  }]));
  const cacheBytes = fs.statSync(cacheFile).size;
  if (args.includes('--json')) console.log(JSON.stringify({ tree, runs, jobs: jobs ?? 'default', cacheBytes, ...summary }, null, 2));
  else {
    console.log(`lint --cache on ${tree} (${runs} runs after a warm-up; median [min–max]; cache file ${(cacheBytes / 1048576).toFixed(1)} MiB)`);
    console.log(`  ${'run'.padEnd(28)}${'wall s'.padEnd(24)}${'CPU s'.padEnd(24)}peak RSS MiB`);
    const label = { plain: 'lint (no cache)', cold: 'lint --cache, cold', warm: 'lint --cache, warm', changed: 'warm, one file changed' };
    for (const [k, m] of Object.entries(summary)) console.log(`  ${label[k].padEnd(28)}${range(m.time).padEnd(24)}${range(m.cpu).padEnd(24)}${range(m.rssMiB, 0)}`);
  }
} finally {
  restore();
  fs.rmSync(tmp, { recursive: true, force: true });
}

function sec(r) { return `${(r.ms / 1000).toFixed(2)} s (CPU ${(r.cpuMs / 1000).toFixed(2)} s)`; }

/** The first cloud flow of the first unpacked solution, in path order. */
function findFlow(dir) {
  const walk = d => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { const hit = walk(p); if (hit) return hit; }
      else if (/[\\/]Workflows[\\/][^\\/]+\.json$/.test(p) && !p.endsWith('.data.xml')) return p;
    }
    return undefined;
  };
  const flow = walk(dir);
  if (!flow) throw new Error(`no cloud flow under ${dir}`);
  return flow;
}
