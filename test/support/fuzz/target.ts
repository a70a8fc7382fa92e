// What a fuzz target is, and the two ways of running one: `runProperty` (fast-check, fixed seed, shrinks
// to a minimal counterexample; used by the unit tests) and `runCampaign` (many inputs, counts every
// failure, measures time per KB; used by scripts/fuzz.mjs).
import fc from 'fast-check';

export interface FuzzTarget<T> {
  name: string;
  /** The code under test, e.g. "server/src/load/xml.ts parseXml". */
  subject: string;
  arbitrary: fc.Arbitrary<T>;
  /** Runs the code under test on one input; throws (FuzzViolation or whatever escaped) on a violation. */
  check(input: T): void;
  /** Size of the input in bytes (UTF-16 units for text), for time per KB. */
  size(input: T): number;
  /** A short printable form of the input, for reports. */
  show(input: T): string;
  /** Known-hostile inputs (the shapes, earlier finds) checked before the random ones. */
  examples?: T[];
  /** Inputs of size proportional to n, for the linear-time check (npm run fuzz). */
  pumps?: Array<{ name: string; make(n: number): T }>;
  /** Only the code under test (the linear-time check times this, not the property checks); default: check. */
  measure?(input: T): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTarget = FuzzTarget<any>;

export interface PropertyOptions {
  seed: number;
  numRuns: number;
}

/** fast-check's assert: throws with the seed, the path and the shrunk counterexample on failure. */
export function runProperty<T>(target: FuzzTarget<T>, options: PropertyOptions): void {
  fc.assert(fc.property(target.arbitrary, input => { target.check(input); }), {
    seed: options.seed,
    numRuns: options.numRuns,
    examples: (target.examples ?? []).map(e => [e] as [T]),
    // Shrinking a whole-solution input can take long; a bounded budget still gives a small repro.
    maxSkipsPerRun: 100,
    interruptAfterTimeLimit: 60_000,
    reporter: details => {
      if (!details.failed) return;
      const input = details.counterexample?.[0] as T | undefined;
      const shown = input === undefined ? '(none)' : target.show(input);
      throw new Error(`${target.name} (${target.subject}) failed after ${details.numRuns} run(s), seed ${details.seed}, path "${details.counterexamplePath}":\n`
        + `  input: ${shown}\n  error: ${errorText(details.errorInstance)}`);
    },
  });
}

export interface CampaignFailure {
  input: string;
  error: string;
}

export interface CampaignResult {
  target: string;
  subject: string;
  runs: number;
  failures: number;
  /** Distinct error messages (first line), with the smallest input seen for each. */
  distinct: Map<string, CampaignFailure & { count: number; size: number }>;
  /** Shrunk counterexample of the first failing property run (fast-check). */
  minimal?: CampaignFailure;
  bytes: number;
  /** Worst and median milliseconds per KB over inputs of at least 1 KB. */
  maxMsPerKb: number;
  medianMsPerKb: number;
  maxInputBytes: number;
  totalMs: number;
}

export function runCampaign<T>(target: FuzzTarget<T>, options: PropertyOptions): CampaignResult {
  const result: CampaignResult = {
    target: target.name, subject: target.subject, runs: 0, failures: 0, distinct: new Map(), bytes: 0,
    maxMsPerKb: 0, medianMsPerKb: 0, maxInputBytes: 0, totalMs: 0,
  };
  const perKb: number[] = [];
  const inputs = [...target.examples ?? [], ...fc.sample(target.arbitrary, { seed: options.seed, numRuns: options.numRuns })];
  for (const input of inputs) {
    const size = target.size(input);
    const t0 = performance.now();
    let error: unknown;
    try {
      target.check(input);
    } catch (e) {
      error = e;
    }
    const ms = performance.now() - t0;
    result.runs++;
    result.totalMs += ms;
    result.bytes += size;
    result.maxInputBytes = Math.max(result.maxInputBytes, size);
    if (size >= 1024) perKb.push(ms / (size / 1024));
    if (error !== undefined) {
      result.failures++;
      const key = firstLine(errorText(error)).replace(/\d+/g, 'N');
      const known = result.distinct.get(key);
      if (!known) result.distinct.set(key, { input: target.show(input), error: errorText(error), count: 1, size });
      else {
        known.count++;
        if (size < known.size) Object.assign(known, { input: target.show(input), error: errorText(error), size });
      }
    }
  }
  perKb.sort((a, b) => a - b);
  result.maxMsPerKb = perKb.length ? perKb[perKb.length - 1] : 0;
  result.medianMsPerKb = perKb.length ? perKb[perKb.length >> 1] : 0;
  if (result.failures) {
    const details = fc.check(fc.property(target.arbitrary, input => { target.check(input); }), { seed: options.seed, numRuns: options.numRuns, interruptAfterTimeLimit: 120_000 });
    if (details.failed && details.counterexample) result.minimal = { input: target.show(details.counterexample[0] as T), error: errorText(details.errorInstance) };
  }
  return result;
}

export interface GrowthResult {
  pump: string;
  points: Array<{ n: number; bytes: number; bestMs: number }>;
  /** Largest ratio of best times between consecutive doublings (over points taking ≥ 2 ms). */
  worstRatio: number;
  /** Mean growth per doubling over the measured range, (t_last / t_first)^(1/doublings): 2 is linear, 4 quadratic. */
  meanRatio: number;
  error?: string;
}

/**
 * Times the code under test on pumped inputs of size n, 2n, 4n…; the best of `repeats` runs after a
 * warm-up run (other processes only ever add time). Single doublings stay noisy on a shared 2-core
 * machine (GC, neighbours), so the verdict uses the mean ratio over the whole range.
 */
export function measureGrowth<T>(target: FuzzTarget<T>, pump: { name: string; make(n: number): T }, start: number, steps: number, repeats: number): GrowthResult {
  const points: GrowthResult['points'] = [];
  const run = (input: T) => (target.measure ?? target.check)(input);
  let error: string | undefined;
  for (let k = 0, n = start; k < steps; k++, n *= 2) {
    const input = pump.make(n);
    const times: number[] = [];
    for (let r = 0; r <= repeats; r++) {
      const t0 = performance.now();
      try {
        run(input);
      } catch (e) {
        error ??= `n=${n}: ${firstLine(errorText(e))}`;
      }
      if (r > 0) times.push(performance.now() - t0);
    }
    points.push({ n, bytes: target.size(input), bestMs: Math.min(...times) });
  }
  let worstRatio = 0;
  let first: number | undefined;
  for (let k = 1; k < points.length; k++) {
    if (points[k - 1].bestMs < 2) continue;
    first ??= k - 1;
    worstRatio = Math.max(worstRatio, points[k].bestMs / points[k - 1].bestMs);
  }
  const last = points.length - 1;
  const meanRatio = first === undefined || first === last ? 0 : (points[last].bestMs / points[first].bestMs) ** (1 / (last - first));
  return { pump: pump.name, points, worstRatio, meanRatio, error };
}

export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const stack = (e.stack ?? `${e.name}: ${e.message}`).split('\n').slice(0, 8).join('\n');
    return stack;
  }
  return String(e);
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

/** Quotes a string for a report, shortened in the middle when long. */
export function quote(s: string, max = 600): string {
  const q = JSON.stringify(s);
  return q.length <= max ? q : `${q.slice(0, max / 2)}…(${s.length} chars)…${q.slice(-max / 2)}`;
}
