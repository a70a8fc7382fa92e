// Between two units the streaming lint holds only detached findings (tens of MB at most), but V8 lets
// garbage pile up to hundreds of MB before it collects: on a 20-solution tree peak RSS went from
// ~275 MB to 0.5–1.2 GB depending on timing. A full collection when the heap is above a threshold
// keeps the peak at what one unit needs, at no measurable cost (7 collections on that tree).
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Above this much live heap after a unit, collect before the next one. */
export const HEAP_THRESHOLD_BYTES = 128 * 1024 * 1024;

/**
 * With `--jobs N` every worker thread has a heap of its own, and on the L bench tree each grew to
 * 150–200 MB: two workers peaked at ~480 MB. A worker keeps to less: it collects after any unit that
 * left more than this, and its young generation (V8 sizes it per thread, up to 48 MB) is capped at
 * 8 MB: on that tree 16 MB left the peak at 280–390 MB, 8 MB at 260–320 MB, for a similar CPU time.
 */
export const WORKER_HEAP_THRESHOLD_BYTES = 64 * 1024 * 1024;
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 8 } as const;

let collect: (() => void) | undefined | null;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    // V8's own `gc`, exposed for this context only when the process was not started with --expose-gc.
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  } catch {
    collect = null;
  }
  return collect;
}

/** Collects garbage when the heap holds more than `threshold` bytes; says whether it did. */
export function releaseHeapAbove(threshold = HEAP_THRESHOLD_BYTES): boolean {
  if (process.memoryUsage().heapUsed <= threshold) return false;
  const gc = collector();
  if (!gc) return false;
  gc();
  return true;
}
