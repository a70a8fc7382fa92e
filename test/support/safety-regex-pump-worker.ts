// Worker side of the pump: times each job's attacks and reports one message per job, so the
// supervisor (safety-regex-pump-runner.ts) can stop a pattern that never ends.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { Attack, attackText } from './safety-regex-pump';
import { jobsOf, PumpGroup, PumpJob } from './safety-regex-pump-jobs';

export interface PumpVerdict {
  id: number;
  name: string;
  ok: boolean;
  attack?: string;
  t1k?: number;
  t10k: number;
  t100k?: number;
  ratio?: number;
}

/** Below this, one run over 10k characters cannot hide super-linear growth worth measuring. */
const SCREEN_MS = 1.5;
/** Linear growth gives about 10 from 10k to 100k characters; quadratic about 100. */
export const RATIO_LIMIT = 30;

function timeOnce(run: (s: string) => unknown, text: string): number {
  const t0 = performance.now();
  run(text);
  return performance.now() - t0;
}

/** Median and minimum of k runs: the median is the figure reported, the minimum the one least disturbed by neighbours. */
function timings(run: (s: string) => unknown, text: string, k: number): { median: number; min: number } {
  const times = Array.from({ length: k }, () => timeOnce(run, text)).sort((x, y) => x - y);
  return { median: times[Math.floor(k / 2)], min: times[0] };
}

const show = (a: Attack) => JSON.stringify(a.prefix) + ' + ' + JSON.stringify(a.unit) + '×n + ' + JSON.stringify(a.suffix);

export function measureJob(job: PumpJob, id: number): PumpVerdict {
  const screened: Array<{ attack: Attack; t: number }> = [];
  for (const attack of job.attacks) {
    const t = timeOnce(job.run, attackText(attack, 10_000));
    screened.push({ attack, t });
    // Far slower than any linear scan of 10k characters: measure this one, skip the rest.
    if (t > 50) break;
  }
  screened.sort((x, y) => y.t - x.t);
  const suspicious = screened.filter(s => s.t >= SCREEN_MS).slice(0, job.escalate ?? 2);
  if (!suspicious.length) return { id, name: job.name, ok: true, attack: screened[0] && show(screened[0].attack), t10k: screened[0]?.t ?? 0 };
  let worst: PumpVerdict | undefined;
  for (const { attack } of suspicious) {
    const t1k = timings(job.run, attackText(attack, 1_000), 5);
    const first = timeOnce(job.run, attackText(attack, 10_000));
    if (first > 50 && first / Math.max(t1k.median, 0.02) > 60) {
      const again = timings(job.run, attackText(attack, 10_000), 2);
      if (again.min > 50) return { id, name: job.name, ok: false, attack: show(attack), t1k: t1k.median, t10k: again.min, ratio: again.min / Math.max(t1k.median, 0.02) };
    }
    let t10k = timings(job.run, attackText(attack, 10_000), 5);
    // Clearly quadratic already (a linear pattern is far below 50 ms at 10k): no need to wait for 100k.
    if (t10k.min > 50 && t10k.min / Math.max(t1k.min, 0.02) > 60) {
      return { id, name: job.name, ok: false, attack: show(attack), t1k: t1k.median, t10k: t10k.median, ratio: t10k.median / Math.max(t1k.median, 0.02) };
    }
    let t100k = timings(job.run, attackText(attack, 100_000), 3);
    // Under a millisecond at 10k, timer and collector noise dominate: compare with that floor. The
    // machine is shared, so growth counts as super-linear only when the medians and the minimums agree.
    const ratios = () => [t100k.median / Math.max(t10k.median, 1), t100k.min / Math.max(t10k.min, 1)];
    let [ratio, minRatio] = ratios();
    if (ratio >= RATIO_LIMIT && minRatio >= RATIO_LIMIT) {
      // One more measurement before calling it super-linear.
      t10k = timings(job.run, attackText(attack, 10_000), 5);
      t100k = timings(job.run, attackText(attack, 100_000), 3);
      [ratio, minRatio] = ratios();
    }
    const v: PumpVerdict = { id, name: job.name, ok: ratio < RATIO_LIMIT || minRatio < RATIO_LIMIT, attack: show(attack), t1k: t1k.median, t10k: t10k.median, t100k: t100k.median, ratio };
    if (!v.ok) return v;
    if (!worst || t100k.median > (worst.t100k ?? 0)) worst = v;
  }
  return worst!;
}

if (parentPort && workerData?.pumpGroup) {
  const group = workerData.pumpGroup as PumpGroup;
  const jobs = jobsOf(group);
  for (let id = workerData.from as number; id < jobs.length; id++) {
    parentPort.postMessage({ type: 'start', id, name: jobs[id].name });
    parentPort.postMessage({ type: 'result', verdict: measureJob(jobs[id], id) });
  }
  parentPort.postMessage({ type: 'done', count: jobs.length });
}
