// npm run bench — how fast is FlowCop compared with just reading the files?
// For each data set: time to read every file's bytes (the floor), to discover + load + parse, and to
// lint with every rule. Median and range over several runs after a warm-up; nothing here is a test.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-bench-'));

await esbuild.build({
  stdin: {
    contents: [
      "export { analyze, loadWorkspace } from './server/src/findings/analyze';",
      "export { DiskVfs } from './server/src/load/vfs';",
      "export { parseScript } from './server/src/load/pad/parser';",
      "export { writeFixture } from './test/support/fixture';",
    ].join('\n'),
    resolveDir: root, loader: 'ts',
  },
  bundle: true, platform: 'node', format: 'cjs', outfile: path.join(tmp, 'engine.cjs'), logLevel: 'warning', mainFields: ['module', 'main'],
});
const engine = createRequire(import.meta.url)(path.join(tmp, 'engine.cjs'));

function time(fn) {
  const t0 = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

function readAll(dir) {
  let bytes = 0;
  let files = 0;
  const walk = d => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) { bytes += fs.readFileSync(p).length; files++; }
    }
  };
  walk(dir);
  return { bytes, files };
}

function syntheticTree() {
  const dir = path.join(tmp, 'synthetic');
  const line = i => [
    `SET Folder${i} TO $'''C:\\\\RPA\\\\Input\\\\%Project%'''`,
    `File.ReadTextFromFile.ReadText File: $'''%Folder${i}%\\\\data.txt''' Encoding: File.TextFileEncoding.UTF8 Content=> Text${i}`,
    `IF IsNotEmpty(Text${i}) THEN`,
    `    WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://erp.contoso.com/app/${i}''' BrowserInstance=> Browser${i}`,
    'END',
  ].join('\r\n');
  for (let s = 0; s < 4; s++) {
    const desktopFlows = Array.from({ length: 10 }, (_, d) => ({
      name: `Desktop ${s}-${d}`,
      script: Array.from({ length: 200 }, (_, i) => line(i)).join('\r\n'),
    }));
    const cloudFlows = Array.from({ length: 25 }, (_, c) => ({
      name: `Cloud ${s}-${c}`,
      definition: {
        actions: Object.fromEntries(Array.from({ length: 40 }, (_, a) => [`Step_${a}`, {
          type: 'Http', runAfter: {},
          inputs: { method: 'GET', uri: `https://api.contoso.com/v1/items/${a}?x=@{variables('x')}`, headers: { Accept: 'application/json' } },
        }])),
      },
    }));
    engine.writeFixture(path.join(dir, `Solution${s}`), { uniqueName: `Bench${s}`, desktopFlows, cloudFlows, environmentVariables: [{ schemaName: 'cr1a2_A' }] }, s % 2 ? 'cdsproj' : 'unpacked');
  }
  return dir;
}

const sets = [
  ['examples', path.join(root, 'examples')],
  ['corpus', path.resolve(root, '..', 'shared', 'corpus')],
  ['eval tree', path.join(root, 'test', 'eval', 'tree')],
  ['synthetic (4 solutions, 40 desktop flows x 1000 lines, 100 cloud flows x 40 actions)', syntheticTree()],
].filter(([, dir]) => fs.existsSync(dir));

const vfs = new engine.DiskVfs();
console.log(`FlowCop benchmark — ${os.cpus().length} cores, node ${process.version}, ${RUNS} runs after one warm-up; median [min–max] ms\n`);
for (const [name, dir] of sets) {
  const read = [];
  const load = [];
  const lint = [];
  let info;
  for (let run = 0; run <= RUNS; run++) {
    const r = time(() => readAll(dir));
    const l = time(() => engine.loadWorkspace([dir], { vfs }));
    const a = time(() => engine.analyze([dir], { vfs }));
    if (run === 0) continue;
    read.push(r.ms); load.push(l.ms); lint.push(a.ms);
    info = { ...r.result, solutions: a.result.workspace.solutions.length, scripts: a.result.workspace.scripts.length, findings: a.result.findings.length };
  }
  const fmt = s => { const x = stats(s); return `${x.median.toFixed(1)} [${x.min.toFixed(1)}–${x.max.toFixed(1)}]`; };
  console.log(`${name}: ${info.files} files, ${(info.bytes / 1048576).toFixed(2)} MiB, ${info.solutions} solutions, ${info.scripts} scripts, ${info.findings} findings`);
  console.log(`  read bytes only        ${fmt(read)}`);
  console.log(`  discover + load        ${fmt(load)}`);
  console.log(`  load + lint (all rules) ${fmt(lint)}   (${(info.bytes / 1048576 / (stats(lint).median / 1000)).toFixed(1)} MiB/s)`);
  console.log('');
}

// Parser scaling: linear in the script size.
const base = Array.from({ length: 1000 }, (_, i) => `SET V${i} TO $'''text %X${i}% more''' \r\nIF V${i} = 1 THEN\r\n    Display.ShowMessageDialog.ShowMessage Message: V${i} ButtonPressed=> B\r\nEND`).join('\r\n');
console.log('parser scaling (lines → median ms):');
for (const k of [1, 10, 50]) {
  const text = Array.from({ length: k }, () => base).join('\r\n');
  const samples = [];
  for (let run = 0; run <= RUNS; run++) { const t = time(() => engine.parseScript(text)); if (run) samples.push(t.ms); }
  console.log(`  ${(4000 * k).toLocaleString().padStart(8)} lines  ${stats(samples).median.toFixed(1)} ms`);
}
fs.rmSync(tmp, { recursive: true, force: true });
