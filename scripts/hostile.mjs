// node scripts/hostile.mjs [--scale full|test] — lints the hostile tree of test/support/hostile.ts (every
// attack of the security review together) with the built CLI and prints wall time, peak RSS and exit
// code of `lint`, `lint --fix-dry-run` and `lint --fix`. A measurement, not a test: the combined safety
// test (test/unit/safety-hostile.test.ts) checks the same tree at small scale.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const scale = args.includes('--scale') ? args[args.indexOf('--scale') + 1] : 'full';
const cli = path.join(root, 'dist/cli.js');
if (!fs.existsSync(cli)) { console.error('dist/cli.js is missing: run `npm run build` first'); process.exit(2); }

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-hostile-'));
await esbuild.build({
  entryPoints: [path.join(root, 'test/support/hostile.ts')],
  bundle: true, platform: 'node', format: 'cjs', outfile: path.join(tmp, 'hostile.cjs'), logLevel: 'warning', mainFields: ['module', 'main'],
});
const { writeHostileTree, snapshot } = createRequire(import.meta.url)(path.join(tmp, 'hostile.cjs'));

const dir = path.join(tmp, 'tree');
const t0 = Date.now();
const tree = writeHostileTree(dir, scale);
const outsideBefore = JSON.stringify([...snapshot(tree.outside)]);
let bytes = 0;
let files = 0;
const count = d => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) count(p); else if (e.isFile()) { files++; bytes += fs.statSync(p).size; } } };
count(tree.root);
console.log(`hostile tree (${scale}): ${files} files, ${(bytes / 1048576).toFixed(1)} MiB, written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

/** Runs the CLI under /usr/bin/time -v for its peak RSS. */
function measure(label, cliArgs) {
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, ...cliArgs], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30, timeout: 600_000 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '')?.[1];
  const exit = /Exit status: (\d+)/.exec(r.stderr ?? '')?.[1] ?? String(r.status);
  const crashed = /internal error|\n\s+at .+:\d+:\d+/.test(r.stderr ?? '');
  const leaked = tree.secrets.filter(s => (r.stdout + r.stderr).includes(s)).length;
  console.log(`${label.padEnd(22)} ${seconds.toFixed(2).padStart(7)} s   peak RSS ${rss ? (Number(rss) / 1024).toFixed(0) : '?'} MiB   exit ${exit}${crashed ? '   CRASH' : ''}   secrets in output: ${leaked}`);
  return r;
}

const json = measure('lint --format json', ['lint', 'repo', '--format', 'json', '--fail-on', 'none']);
try {
  const report = JSON.parse(json.stdout);
  const byRule = {};
  for (const f of report.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  console.log(`  ${report.findings.length} findings:`, Object.entries(byRule).map(([k, v]) => `${k} ${v}`).join(', '));
} catch { console.log('  (the JSON report did not parse)'); }
measure('lint --fix-dry-run', ['lint', 'repo', '--fix-dry-run', '--fail-on', 'none']);
measure('lint --fix --env Dev', ['lint', 'repo', '--fix', '--env', 'Dev', '--fail-on', 'none']);
console.log(`outside the tree after --fix: ${JSON.stringify([...snapshot(tree.outside)]) === outsideBefore ? 'unchanged' : 'CHANGED'}`);
fs.rmSync(tmp, { recursive: true, force: true });
