#!/usr/bin/env node
// Measures FlowCop against the labelled evaluation tree (test/eval/): precision and recall per
// category (credential, machine, environment-specific) and, for the ALM rules, matched / missed /
// unexpected findings per rule.
//
//   node scripts/eval.mjs [--json] [--cli dist/cli.js] [--report findings.json] [--verbose]
//                         [--tree DIR] [--labels FILE]
//
// --tree scores another labelled tree (default test/eval/tree); --labels names its labels file
// (default test/eval/labels.json), whose documented traps are read from negatives.json beside it
// when that file exists.
//
// A finding matches a label when it names the same place — the same file and line, or for a
// desktop-flow script stored inside XML the same flow and script line — and the same category
// (for the alm category: the same rule). A label may accept several lines (`lines`, `scriptLines`)
// or other places (`also`). Findings of pad/syntax and flowcop/parse-error are false positives:
// the tree must load cleanly. Exit code: 0 all gates pass, 1 a gate fails, 2 FlowCop could not run.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EVAL_DIR = path.join(ROOT, 'test', 'eval');
export const TREE = path.join(EVAL_DIR, 'tree');
export const SCORED = ['credential', 'machine', 'environment-specific'];
export const ALM_RULES = [
  'cloud/embedded-connection', 'solution/committed-env-var-value', 'solution/undefined-reference', 'solution/unused-reference',
  'settings/missing-value', 'settings/shared-connection', 'settings/unknown-entry', 'settings/environment-bleed',
  // Issue 13: settings that fail at import, identities, data policies, deployment pipelines.
  'settings/import-failure', 'settings/single-identity',
  'dlp/blocked-connector', 'dlp/blocked-action', 'dlp/mixed-groups', 'dlp/blocked-endpoint',
  'pipeline/upgrade-drops-desktop-flow-sharing', 'pipeline/holding-without-apply', 'pipeline/missing-settings-file',
  'pipeline/upgrade-on-first-install',
];
export const LOAD_RULES = ['pad/syntax', 'flowcop/parse-error'];
export const THRESHOLD = { precision: 0.95, recall: 0.95 };

export function loadLabels(dir = EVAL_DIR) {
  return {
    labels: JSON.parse(fs.readFileSync(path.join(dir, 'labels.json'), 'utf8')),
    negatives: JSON.parse(fs.readFileSync(path.join(dir, 'negatives.json'), 'utf8')),
  };
}

/** Labels from FILE, traps from negatives.json beside it (none when it is absent). */
export function loadLabelFile(file) {
  const negativesFile = path.join(path.dirname(file), 'negatives.json');
  return {
    labels: JSON.parse(fs.readFileSync(file, 'utf8')),
    negatives: fs.existsSync(negativesFile) ? JSON.parse(fs.readFileSync(negativesFile, 'utf8')) : [],
  };
}

/** Runs the built CLI on the tree and returns its JSON report. */
export function runFlowCop({ cli = path.join(ROOT, 'dist', 'cli.js'), tree = TREE, cwd = ROOT } = {}) {
  const result = spawnSync(process.execPath, [cli, 'lint', path.relative(cwd, tree) || '.', '--format', 'json', '--fail-on', 'none'], {
    cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw new Error(`cannot run ${cli}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${path.relative(cwd, cli)} exited with ${result.status}:\n${(result.stderr || result.stdout).slice(0, 4000)}`);
  try {
    return JSON.parse(result.stdout);
  } catch (e) {
    throw new Error(`${path.relative(cwd, cli)} did not print a JSON report (${e.message}):\n${result.stdout.slice(0, 2000)}`);
  }
}

// ---------------------------------------------------------------------------------------------

const posix = p => p.replace(/\\/g, '/');

/** Where a finding points, relative to the tree: `flow#scriptLine` or `file:line`. */
function findingPlace(f, treePrefix) {
  let file = posix(f.file ?? '');
  if (treePrefix && file.startsWith(treePrefix)) file = file.slice(treePrefix.length);
  const flow = f.logicalLocation?.flow;
  if (f.scriptLine !== undefined && flow) return { key: `${flow}#${f.scriptLine}`, file, flow, scriptLine: f.scriptLine, line: f.line };
  return { key: `${file}:${f.line}`, file, line: f.line };
}

/** Every place a label accepts, as keys. */
function labelPlaces(l) {
  const keys = [];
  const add = w => {
    if (w.flow) for (const s of w.scriptLines ?? [w.scriptLine]) keys.push(`${w.flow}#${s}`);
    else for (const n of w.lines ?? [w.line]) keys.push(`${w.file}:${n}`);
  };
  add(l);
  for (const a of l.also ?? []) add(a);
  return keys;
}

export function labelPlace(l) {
  return l.flow ? `${l.file} › ${l.flow} › script line ${l.scriptLines?.join('|') ?? l.scriptLine}` : `${l.file}:${l.lines?.join('|') ?? l.line}`;
}

function findingText(p, f) {
  const where = p.flow ? `${p.file}:${p.line} › ${p.flow} › script line ${p.scriptLine}` : `${p.file}:${p.line}`;
  return `${where}  ${f.ruleId}  ${f.message}`;
}

/**
 * Scores a FlowCop JSON report against the labels. `treePrefix` is the tree's path as the report
 * names files (relative to the directory FlowCop ran in), with a trailing slash.
 */
export function evaluate(report, { labels, negatives }, { treePrefix = 'test/eval/tree/' } = {}) {
  const findings = report.findings ?? [];
  const buckets = new Map(); // bucket name → { labels, findings: Map<key, {place, findings[]}> }
  const bucketOf = (category, rule) => (category === 'alm' ? rule : category);
  const bucket = name => {
    if (!buckets.has(name)) buckets.set(name, { labels: [], found: new Map() });
    return buckets.get(name);
  };
  for (const c of SCORED) bucket(c);
  for (const r of ALM_RULES) bucket(r);
  for (const l of labels) bucket(bucketOf(l.category, l.rule)).labels.push(l);

  const loadProblems = [];
  const unscored = [];
  for (const f of findings) {
    const place = findingPlace(f, treePrefix);
    if (LOAD_RULES.includes(f.ruleId)) { loadProblems.push({ place, finding: f }); continue; }
    const isAlm = f.category === 'alm';
    if (!isAlm && !SCORED.includes(f.category)) { unscored.push({ place, finding: f }); continue; }
    const b = bucket(bucketOf(f.category, f.ruleId));
    const entry = b.found.get(place.key) ?? { place, findings: [] };
    entry.findings.push(f);
    b.found.set(place.key, entry);
  }

  // Documented traps, by place and category, to say which trap a false positive fell into.
  const traps = new Map();
  for (const n of negatives ?? []) {
    for (const k of labelPlaces(n)) {
      const key = `${k}|${n.category}`;
      if (!traps.has(key)) traps.set(key, []);
      traps.get(key).push(n);
    }
  }

  const results = {};
  for (const [name, b] of buckets) {
    const matchedKeys = new Set();
    const matched = [];
    const missed = [];
    for (const l of b.labels) {
      const hits = labelPlaces(l).filter(k => b.found.has(k));
      hits.forEach(k => matchedKeys.add(k));
      if (hits.length) matched.push({ label: l, by: hits.flatMap(k => b.found.get(k).findings.map(f => f.ruleId)) });
      else missed.push(l);
    }
    const falsePositives = [...b.found.entries()].filter(([k]) => !matchedKeys.has(k)).map(([, e]) => {
      const category = ALM_RULES.includes(name) || !SCORED.includes(name) ? 'alm' : name;
      const trap = traps.get(`${e.place.key}|${category}`);
      return { place: e.place, findings: e.findings, traps: trap?.map(t => t.id) ?? [] };
    });
    const tp = matchedKeys.size;
    const found = b.found.size;
    results[name] = {
      kind: SCORED.includes(name) ? 'category' : 'alm-rule',
      labels: b.labels.length,
      matched: matched.length,
      missed,
      findings: found,
      truePositives: tp,
      falsePositives,
      precision: found ? tp / found : (b.labels.length ? 0 : 1),
      recall: b.labels.length ? matched.length / b.labels.length : 1,
      rulesThatMatched: countBy(matched.flatMap(m => [...new Set(m.by)])),
    };
  }

  const failures = [];
  for (const c of SCORED) {
    const r = results[c];
    if (r.precision < THRESHOLD.precision) failures.push(`${c}: precision ${pct(r.precision)} < ${pct(THRESHOLD.precision)}`);
    if (r.recall < THRESHOLD.recall) failures.push(`${c}: recall ${pct(r.recall)} < ${pct(THRESHOLD.recall)}`);
  }
  for (const [name, r] of Object.entries(results)) {
    if (r.kind !== 'alm-rule') continue;
    if (r.missed.length) failures.push(`${name}: ${r.missed.length} missed`);
    if (r.falsePositives.length) failures.push(`${name}: ${r.falsePositives.length} unexpected`);
  }
  if (loadProblems.length) failures.push(`${loadProblems.length} load problem(s) (pad/syntax, flowcop/parse-error): the tree must load cleanly`);

  return {
    summary: { findings: findings.length, labels: labels.length, negatives: negatives?.length ?? 0, passed: failures.length === 0 },
    results,
    loadProblems,
    unscored,
    failures,
  };
}

function countBy(list) {
  const out = {};
  for (const x of list) out[x] = (out[x] ?? 0) + 1;
  return out;
}

const pct = x => `${(x * 100).toFixed(1)}%`;

export function formatReport(ev, { verbose = false } = {}) {
  const out = [];
  const { results } = ev;
  out.push(`FlowCop evaluation: ${ev.summary.findings} findings, ${ev.summary.labels} labels, ${ev.summary.negatives} documented traps`);
  out.push('');
  out.push('category               labels  matched  recall   findings  TP   FP   precision');
  for (const c of SCORED) {
    const r = results[c];
    // A category without labels has no recall to measure ('—'); its precision still counts false positives.
    const recall = r.labels ? pct(r.recall) : '—';
    out.push(`${c.padEnd(22)} ${String(r.labels).padStart(6)}  ${String(r.matched).padStart(7)}  ${recall.padStart(6)}   ${String(r.findings).padStart(8)}  ${String(r.truePositives).padStart(3)}  ${String(r.falsePositives.length).padStart(3)}  ${pct(r.precision).padStart(9)}`);
  }
  out.push('');
  out.push('alm rule                           labels  matched  missed  unexpected');
  for (const [name, r] of Object.entries(results)) {
    if (r.kind !== 'alm-rule') continue;
    out.push(`${name.padEnd(34)} ${String(r.labels).padStart(6)}  ${String(r.matched).padStart(7)}  ${String(r.missed.length).padStart(6)}  ${String(r.falsePositives.length).padStart(10)}`);
  }
  const section = (title, items) => {
    if (!items.length) return;
    out.push('');
    out.push(`${title} (${items.length}):`);
    for (const i of items) out.push(`  ${i}`);
  };
  for (const [name, r] of Object.entries(results)) {
    section(`${name} — false negatives`, r.missed.map(l => `${l.id}  ${labelPlace(l)}  [${l.rule}]  ${l.note}`));
    section(`${name} — false positives`, r.falsePositives.flatMap(fp => fp.findings.map(f => `${findingText(fp.place, f)}${fp.traps.length ? `  (trap ${fp.traps.join(', ')})` : ''}`)));
  }
  section('load problems (false positives: the tree must load cleanly)', ev.loadProblems.map(p => findingText(p.place, p.finding)));
  if (verbose) section('findings in other categories (not scored)', ev.unscored.map(p => findingText(p.place, p.finding)));
  out.push('');
  out.push(ev.failures.length ? `FAILED (${ev.failures.length}):\n${ev.failures.map(f => `  - ${f}`).join('\n')}` : 'PASSED: every category ≥95% precision and recall, every alm rule exact, the tree loads cleanly');
  return out.join('\n') + '\n';
}

function main() {
  const args = process.argv.slice(2);
  const opt = name => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const json = args.includes('--json');
  const tree = opt('--tree') ? path.resolve(opt('--tree')) : TREE;
  let report;
  let labelSet;
  try {
    labelSet = opt('--labels') ? loadLabelFile(path.resolve(opt('--labels'))) : loadLabels();
    const reportFile = opt('--report');
    report = reportFile
      ? JSON.parse(fs.readFileSync(path.resolve(reportFile), 'utf8'))
      : runFlowCop({ cli: path.resolve(ROOT, opt('--cli') ?? 'dist/cli.js'), tree });
  } catch (e) {
    process.stderr.write(`eval: ${e.message}\n`);
    process.exitCode = 2;
    return;
  }
  const ev = evaluate(report, labelSet, { treePrefix: `${posix(path.relative(ROOT, tree))}/` });
  if (json) process.stdout.write(JSON.stringify(ev, null, 2) + '\n');
  else process.stdout.write(formatReport(ev, { verbose: args.includes('--verbose') }));
  process.exitCode = ev.failures.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
