// Supervisor of the pump: runs a group's jobs in a worker; a job that sends nothing for STALL_MS is
// reported as stalled (a pattern that does not end), the worker is stopped and the rest go on.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PumpGroup } from './safety-regex-pump-jobs';
import type { PumpVerdict } from './safety-regex-pump-worker';

const STALL_MS = 8_000;

export interface PumpRun {
  count: number;
  verdicts: PumpVerdict[];
  stalled: Array<{ id: number; name: string }>;
}

export async function runPump(group: PumpGroup): Promise<PumpRun> {
  const run: PumpRun = { count: 0, verdicts: [], stalled: [] };
  let from = 0;
  for (;;) {
    const next = await new Promise<number | 'done'>((resolve, reject) => {
      const worker = new Worker(path.join(__dirname, 'safety-regex-pump-worker.js'), { workerData: { pumpGroup: group, from } });
      let current: { id: number; name: string } | undefined;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (current) run.stalled.push(current);
          void worker.terminate();
          resolve(current ? current.id + 1 : 'done');
        }, STALL_MS);
      };
      arm();
      worker.on('message', (m: any) => {
        arm();
        if (m.type === 'start') current = { id: m.id, name: m.name };
        else if (m.type === 'result') run.verdicts.push(m.verdict);
        else if (m.type === 'done') {
          run.count = m.count;
          clearTimeout(timer);
          void worker.terminate();
          resolve('done');
        }
      });
      worker.on('error', e => { clearTimeout(timer); reject(e); });
    });
    if (next === 'done') return run;
    from = next;
  }
}
