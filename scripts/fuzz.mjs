// Long fuzz campaigns and the language-server soak (npm run fuzz). The unit tests run the same targets
// with a fixed seed and few runs; this runs many, with a random seed unless one is given, and prints per
// target: runs, failures (distinct, with the smallest input and a shrunk counterexample), time per KB,
// and the linear-growth check (input doubled → best-of-7 time at most ~3× on average over the range).
//
//   npm run fuzz -- [--seed N] [--runs N] [--only name,name] [--no-growth] [--soak STEPS] [--soak-only] [--trace]
//                   [--server-node-args "--prof --logfile=/tmp/x.log"]
//                   [--out DIR] [--no-build]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = name => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const flag = name => args.includes(name);

const outDir = option('--out') ?? 'out-fuzz';
const seed = option('--seed') !== undefined ? Number(option('--seed')) : Math.floor(Math.random() * 2 ** 31);
const runs = Number(option('--runs') ?? 500);
const only = option('--only')?.split(',');
const soakSteps = option('--soak') !== undefined ? Number(option('--soak')) : 0;

if (!flag('--no-build')) {
  // Transpile into a folder of our own: dist/ and out/ are left alone.
  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--no-bundles', '--tests', '--out', outDir, '--only', 'server/src,test/support'], { stdio: 'inherit', cwd: root });
  if (built.status !== 0) process.exit(built.status ?? 2);
}

const require = createRequire(import.meta.url);
const registry = require(join(root, outDir, 'test/support/fuzz/registry.js'));
const { quote } = require(join(root, outDir, 'test/support/fuzz/target.js'));

let failed = false;
const line = s => process.stdout.write(`${s}\n`);

if (!flag('--soak-only')) {
  line(`fuzz: seed ${seed}, ${runs} runs per target${only ? `, only ${only.join(', ')}` : ''}`);
  for (const target of registry.fuzzTargets(true)) {
    if (only && !only.includes(target.name)) continue;
    const targetRuns = target.name === 'pipeline' ? Math.max(1, Math.round(runs / 5)) : runs;
    const r = registry.runCampaign(target, { seed, numRuns: targetRuns });
    line('');
    line(`== ${r.target}  (${r.subject})`);
    line(`   runs ${r.runs}, failures ${r.failures}, inputs ${(r.bytes / 1024).toFixed(0)} KB (largest ${(r.maxInputBytes / 1024).toFixed(1)} KB), ${(r.totalMs / 1000).toFixed(1)} s`);
    line(`   time per KB (inputs ≥ 1 KB): median ${r.medianMsPerKb.toFixed(3)} ms, max ${r.maxMsPerKb.toFixed(3)} ms`);
    for (const [key, f] of r.distinct) {
      failed = true;
      line(`   FAILURE ×${f.count}: ${key}`);
      line(`     smallest input (${f.size} B): ${f.input.slice(0, 1500)}`);
      line(`     ${f.error.split('\n').join('\n     ')}`);
    }
    if (r.minimal) {
      line(`   shrunk counterexample: ${r.minimal.input.slice(0, 1500)}`);
      line(`     ${r.minimal.error.split('\n').join('\n     ')}`);
    }
    if (!flag('--no-growth')) {
      for (const pump of target.pumps ?? []) {
        const g = registry.measureGrowth(target, pump, 256, 6, 7);
        // Input doubled → time at most ~3× (mean over the doublings; single steps are noisy on a shared machine).
        const ok = !g.error && g.meanRatio <= 3;
        if (!ok) failed = true;
        line(`   growth "${g.pump}": ${g.points.map(p => `${(p.bytes / 1024).toFixed(0)} KB ${p.bestMs.toFixed(1)} ms`).join(' → ')}; per doubling: mean ×${g.meanRatio.toFixed(2)}, worst ×${g.worstRatio.toFixed(2)}${ok ? '' : '  ← NOT LINEAR'}${g.error ? `; error: ${g.error}` : ''}`);
      }
    }
  }
}

if (soakSteps > 0) {
  const { runSoak } = require(join(root, outDir, 'test/support/fuzz/lsp-soak.js'));
  line('');
  line(`== lsp soak: ${soakSteps} steps, seed ${seed}`);
  const checkpoints = Array.from({ length: Math.floor(soakSteps / 100) }, (_, k) => (k + 1) * 100);
  const report = await runSoak({ root, serverModule: join(root, outDir, 'server/src/server.js'), steps: soakSteps, seed, checkpoints, log: line, trace: flag('--trace'), nodeArgs: option('--server-node-args')?.split(' ') });
  line(`   requests ${report.requests}, notifications ${report.notifications}, diagnostics published ${report.diagnostics}`);
  line(`   RSS: ${report.rss.map(p => `step ${p.step}: ${(p.kb / 1024).toFixed(1)} MB`).join(', ')}`);
  for (const [what, count] of report.otherErrors) line(`   answered with a (non-internal) error: ${what} ×${count}`);
  const at = step => report.rss.find(p => p.step === step);
  const [early, late] = [at(200) ?? report.rss[0], report.rss[report.rss.length - 1]];
  if (early && late && late.kb > early.kb * 1.5 + 40 * 1024) { failed = true; line(`   MEMORY: RSS grew from ${early.kb} KB (step ${early.step}) to ${late.kb} KB (step ${late.step})`); }
  // The same fault repeats at many steps: one line per distinct message (steps stripped), with a count.
  const distinct = new Map();
  for (const v of report.violations) {
    const key = v.replace(/^step \d+: /, '').replace(/\d+/g, 'N').slice(0, 160);
    const seen = distinct.get(key);
    if (seen) seen.count++; else distinct.set(key, { first: v, count: 1 });
  }
  for (const { first, count } of distinct.values()) { failed = true; line(`   VIOLATION ×${count}: ${quote(first, 1200)}`); }
  if (!report.violations.length) line('   no violation');
}

process.exitCode = failed ? 1 : 0;
