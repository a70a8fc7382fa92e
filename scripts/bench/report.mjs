// The bench's verdicts against issue 14's targets, and its table.
import { exponent, mark, mib, range } from './stats.mjs';

const MB = 1e6 / 1048576; // the issue states memory in MB; RSS is measured in MiB

/** Smallest and largest measured sizes (the exponent spans them; the targets apply to the largest). */
function span(result) {
  const names = Object.keys(result.sizes).sort((a, b) => result.sizes[a].bytes - result.sizes[b].bytes);
  return { small: names[0], large: names.at(-1) };
}

/** Peak RSS growth between two trees: M→L when both were measured (same solution size), else smallest→largest. */
function rssGrowth(result, small, large) {
  const [from, to] = result.sizes.M && result.sizes.L ? ['M', 'L'] : [small, large];
  if (from === to) return undefined;
  const rss = name => result.sizes[name].flowcop.rssMiB.median;
  return { value: rss(to) / rss(from), limit: 1.2, from, to, ...(from !== small ? { smallest: { from: small, value: rss(to) / rss(small) } } : {}) };
}

/** Each target of the issue: the measured value and whether it is met (undefined: not measured). */
export function targets(result) {
  const { small, large } = span(result);
  const L = result.sizes[large];
  const S = result.sizes[small];
  const exponents = key => ({
    flowcop: exponent(S.flowcop[key].median, L.flowcop[key].median, S.bytes, L.bytes),
    floor: exponent(S.floor[key].median, L.floor[key].median, S.bytes, L.bytes),
    ...(L.secretlint ? { secretlint: exponent(S.secretlint[key].median, L.secretlint[key].median, S.bytes, L.bytes) } : {}),
  });
  const scaling = small !== large ? { ...exponents('time'), cpu: exponents('cpu') } : undefined;
  const p95 = kind => (typeof result.typing?.[kind] === 'object' ? result.typing[kind].p95 : undefined);
  const t = {
    size: large,
    lintWithin15xFloor: { value: L.flowcop.time.median / L.floor.time.median, limit: 1.5 },
    fasterThanSecretlint: L.secretlint ? { value: L.flowcop.time.median / L.secretlint.time.median, limit: 1 } : undefined,
    scalingExponent: scaling ? { value: scaling.flowcop, limit: 1.05, from: small, to: large, ...scaling } : undefined,
    peakRssUnder300MB: { value: L.flowcop.rssMiB.median / MB, limit: 300 },
    // "Independent of the number of solutions": at most 20% more on a tree with more solutions of the same size.
    // M and L hold solutions of one size (5 and 20 of them); S's are smaller, so S→L also grows with the unit.
    peakRssFlat: rssGrowth(result, small, large),
    typingScriptP95: p95('script') !== undefined ? { value: p95('script'), limit: 50 } : undefined,
    typingFlowP95: p95('flow') !== undefined ? { value: p95('flow'), limit: 50 } : undefined,
    fixOneRun: result.fix ? { value: result.fix.rounds.median, limit: 1 } : undefined,
    fixIdempotent: result.fix ? { value: result.fix.second.applied, limit: 0, changed: result.fix.second.changed } : undefined,
  };
  for (const v of Object.values(t)) if (v && typeof v === 'object') v.met = v.value <= v.limit && !v.changed;
  // "Faster than" is strict.
  if (t.fasterThanSecretlint) t.fasterThanSecretlint.met = t.fasterThanSecretlint.value < 1;
  return t;
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

export function formatTable(result) {
  const t = result.targets;
  const out = [];
  out.push(`FlowCop benchmark — ${result.machine.cores} cores, node ${result.machine.node}, ${result.machine.runs} runs after a warm-up; median [min–max]`);
  out.push(`CLI: ${result.cli}`);
  for (const [name, s] of Object.entries(result.sizes)) {
    out.push('');
    out.push(`${name}: ${s.files.toLocaleString('en-US')} files, ${mib(s.bytes).toFixed(1)} MiB — ${s.solutions} solutions (${Object.entries(s.layouts).filter(([, n]) => n).map(([l, n]) => `${n} ${l}`).join(', ')}), ${s.cloudFlows} cloud flows, ${s.desktopFlows} desktop flows, ${s.envVars} environment variables, ${s.environments} environments; flowcop reports ${s.findings} findings`);
    out.push(`  ${pad('', 26)}${pad('wall s', 24)}${lpad('× floor', 8)}${lpad('MiB/s', 7)}   ${pad('CPU s', 24)}${lpad('× floor', 8)}   ${pad('peak RSS MiB', 18)}target`);
    const floor = s.floor;
    const row = (label, m, target = '') => out.push(`  ${pad(label, 26)}${pad(range(m.time), 24)}${lpad((m.time.median / floor.time.median).toFixed(2), 8)}${lpad((mib(s.bytes) / m.time.median).toFixed(1), 7)}   ${pad(range(m.cpu), 24)}${lpad((m.cpu.median / floor.cpu.median).toFixed(2), 8)}   ${pad(range(m.rssMiB, 0), 18)}${target}`);
    const isTarget = name === t.size;
    row('floor (read + parse)', s.floor);
    row('flowcop lint', s.flowcop, isTarget ? `≤ 1.5× floor ${mark(t.lintWithin15xFloor.met)}; RSS < 300 MB ${mark(t.peakRssUnder300MB.met)}${t.fasterThanSecretlint ? `; faster than secretlint ${mark(t.fasterThanSecretlint.met)}` : ''}` : '');
    if (s.flowcopJobs1) row('flowcop lint --jobs 1', s.flowcopJobs1);
    if (s.flowcopCacheWarm) row('lint --cache (warm)', s.flowcopCacheWarm);
    if (s.secretlint) row(s.secretlint.time.samples < result.machine.runs ? `secretlint (${s.secretlint.time.samples} run${s.secretlint.time.samples > 1 ? 's' : ''})` : 'secretlint (recommended)', s.secretlint);
  }
  out.push('');
  if (t.scalingExponent) {
    const e = t.scalingExponent;
    out.push(`scaling exponent ${e.from}→${e.to} (wall time ∝ bytes^k): flowcop ${e.flowcop.toFixed(3)} (≤ 1.05 ${mark(e.met)}), floor ${e.floor.toFixed(3)}${e.secretlint !== undefined ? `, secretlint ${e.secretlint.toFixed(3)}` : ''}`);
    out.push(`  by CPU time: flowcop ${e.cpu.flowcop.toFixed(3)}, floor ${e.cpu.floor.toFixed(3)}${e.cpu.secretlint !== undefined ? `, secretlint ${e.cpu.secretlint.toFixed(3)}` : ''}`);
    const r = t.peakRssFlat;
    const unitGrowth = r.smallest ? ` (${r.smallest.from}→${r.to}, whose solutions are also smaller: ×${r.smallest.value.toFixed(2)})` : '';
    out.push(`peak RSS of flowcop ${r.from}→${r.to}: ×${r.value.toFixed(2)} (flat, ≤ ×1.2 ${mark(r.met)})${unitGrowth}`);
  } else {
    out.push('scaling exponent: needs two sizes (--sizes S,L)');
  }
  if (result.fix) {
    const f = result.fix;
    out.push(`lint --fix on ${f.fixable} fixable findings: ${range(f.time)} s, peak RSS ${range(f.rssMiB, 0)} MiB, rounds ${range(f.rounds, 0)} (one run ${mark(t.fixOneRun.met)}); last run: ${f.applied} fixes applied, ${f.left} findings left${f.left ? ` (${Object.entries(f.leftByRule).map(([r, n]) => `${n} ${r}`).join(', ')})` : ''}`);
    out.push(`  second --fix: ${f.second.applied} fixes, tree ${f.second.changed ? 'changed' : 'unchanged'} (idempotent ${mark(t.fixIdempotent.met)})`);
  }
  for (const kind of ['script', 'flow']) {
    const m = result.typing[kind];
    const label = kind === 'script' ? 'as-you-type, 5,000-line script' : 'as-you-type, 500-action flow';
    if (typeof m === 'object') out.push(`${label}: p50 ${m.p50.toFixed(1)} ms, p95 ${m.p95.toFixed(1)} ms, max ${m.max.toFixed(1)} ms over ${m.samples?.length ?? m.samples} edits (p95 < 50 ms ${mark(m.p95 < 50)})`);
    else out.push(`${label}: ${m}${result.typing.reason ? ` (${result.typing.reason})` : ''}`);
  }
  out.push('parser scaling (desktop-flow script, in process): ' + result.parser.map(r => `${r.lines.toLocaleString('en-US')} lines ${r.ms.median.toFixed(1)} ms`).join(', '));
  return out.join('\n');
}
