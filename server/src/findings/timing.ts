// `flowcop lint --timing`: where a lint spends its time, per phase and per rule. Plain data, so a worker
// thread's figures travel back in its reply and add into the main thread's.
import { performance } from 'node:perf_hooks';

/** Phases of a lint; `rules` is the sum of the rule lines and is not recorded on its own. */
export const PHASES = ['discover', 'load + parse', 'facts', 'rules', 'findings', 'report'] as const;
export type Phase = (typeof PHASES)[number];

export interface Timings {
  /** Milliseconds per phase, summed over every unit and thread. */
  phases: Partial<Record<Phase, number>>;
  /** Milliseconds per rule id, summed over every unit and thread. */
  rules: Record<string, number>;
}

export function newTimings(): Timings {
  return { phases: {}, rules: {} };
}

export const clock = (): number => performance.now();

export function addPhase(timings: Timings, phase: Phase, ms: number): void {
  timings.phases[phase] = (timings.phases[phase] ?? 0) + ms;
}

export function addRule(timings: Timings, ruleId: string, ms: number): void {
  timings.rules[ruleId] = (timings.rules[ruleId] ?? 0) + ms;
}

/** Runs `work`, charging its time to `phase` when timings are kept. */
export function timed<T>(timings: Timings | undefined, phase: Phase, work: () => T): T {
  if (!timings) return work();
  const start = clock();
  try {
    return work();
  } finally {
    addPhase(timings, phase, clock() - start);
  }
}

export function mergeTimings(into: Timings, from: Timings): void {
  for (const [phase, ms] of Object.entries(from.phases)) addPhase(into, phase as Phase, ms ?? 0);
  for (const [id, ms] of Object.entries(from.rules)) addRule(into, id, ms);
}

/** The table for standard error: phases in pipeline order, then every rule that ran, slowest first. */
export function formatTimings(timings: Timings): string {
  const rulesTotal = Object.values(timings.rules).reduce((a, b) => a + b, 0);
  const phases: Array<[string, number]> = PHASES.map(p => [p, p === 'rules' ? rulesTotal : timings.phases[p] ?? 0]);
  const total = phases.reduce((a, [, ms]) => a + ms, 0);
  const rules = Object.entries(timings.rules).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const width = Math.max(24, ...rules.map(([id]) => id.length + 2));
  const row = (name: string, ms: number) =>
    `${name.padEnd(width)} ${ms.toFixed(1).padStart(10)} ${(total > 0 ? (100 * ms) / total : 0).toFixed(1).padStart(7)}%\n`;
  let out = `${'Phase'.padEnd(width)} ${'Time (ms)'.padStart(10)} ${'Share'.padStart(8)}\n`;
  for (const [name, ms] of phases) out += row(name, ms);
  out += row('total', total);
  out += `\n${'Rule'.padEnd(width)} ${'Time (ms)'.padStart(10)} ${'Share'.padStart(8)}\n`;
  for (const [id, ms] of rules) out += row(id, ms);
  return out;
}
