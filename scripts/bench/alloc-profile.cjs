// Where a lint allocates: V8's sampling heap profiler over one `flowcop lint` run, counting objects the
// collector has already freed too (a whole lint is bound by allocation volume, not by live memory).
//   node scripts/bench/alloc-profile.cjs [--top N] [--inclusive] [--out profile.json] -- dist/cli.js lint <tree> --format json
// Prints the total sampled megabytes and the top functions by bytes allocated in them (or under them).
const inspector = require('node:inspector');
const fs = require('node:fs');
const Module = require('node:module');

const dashes = process.argv.indexOf('--');
if (dashes < 0 || !process.argv[dashes + 1]) {
  console.error('usage: node scripts/bench/alloc-profile.cjs [--top N] [--inclusive] [--out FILE] -- <cli.js> lint <tree> [options]');
  process.exit(2);
}
const own = process.argv.slice(2, dashes);
const option = name => (own.includes(name) ? own[own.indexOf(name) + 1] : undefined);
const top = Number(option('--top') ?? 30);
const inclusive = own.includes('--inclusive');
const outFile = option('--out');

const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.enable');
session.post('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });

let reported = false;
function report() {
  if (reported) return;
  reported = true;
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (error) { console.error(error.message); return; }
    if (outFile) fs.writeFileSync(outFile, JSON.stringify(result.profile));
    summarize(result.profile);
  });
}

function summarize(profile) {
  const byFunction = new Map();
  let total = 0;
  const walk = (node, above) => {
    const frame = node.callFrame;
    const name = frame.functionName || '(anonymous)';
    const key = `${name} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
    total += node.selfSize;
    const keys = inclusive ? new Set([...above, name]) : new Set([key]);
    for (const k of keys) byFunction.set(k, (byFunction.get(k) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, inclusive ? keys : above);
  };
  walk(profile.head, new Set());
  const mb = bytes => (bytes / 1e6).toFixed(0).padStart(7);
  process.stderr.write(`allocated (sampled): ${mb(total).trim()} MB; by function ${inclusive ? 'and what it calls' : '(self)'}:\n`);
  for (const [key, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stderr.write(`${mb(bytes)} MB ${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${key}\n`);
  }
}

// The CLI ends with process.exit or by running out of work: report either way.
const exit = process.exit;
process.exit = code => { report(); exit(code); };
process.on('beforeExit', report);
process.argv = [process.argv[0], ...process.argv.slice(dashes + 1)];
Module.runMain();
