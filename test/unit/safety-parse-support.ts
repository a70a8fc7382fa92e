// Helpers for the safety-parse tests: retained heap of a computation, and a linear-growth check.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap bytes still held after `run` (its results kept alive by the caller's closure). */
export function retainedBytes(run: () => void): number {
  // Typed arrays and buffers live outside the V8 heap: count them too.
  const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
  gc();
  const before = used();
  run();
  // Buffers of collected typed arrays are released over more than one collection.
  for (let k = 0; k < 3; k++) gc();
  return used() - before;
}

/** Median wall time of `run` over `times` runs, in milliseconds. */
export function medianMs(run: () => void, times = 5): number {
  const ms: number[] = [];
  for (let k = 0; k < times; k++) {
    const t0 = process.hrtime.bigint();
    run();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return ms.sort((a, b) => a - b)[Math.floor(times / 2)];
}
