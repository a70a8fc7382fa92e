// The streaming lint collects garbage between units once the heap holds more than a threshold, so the
// peak follows one unit, not V8's growth heuristics (figures in `npm run bench`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { releaseHeapAbove } from '../../server/src/findings/heap';

test('garbage above the threshold is collected; below it nothing happens', () => {
  let garbage: unknown[] | undefined = Array.from({ length: 200_000 }, (_, i) => ({ i, text: `value ${i}` }));
  assert.equal(garbage.length, 200_000);
  garbage = undefined;
  const before = process.memoryUsage().heapUsed;
  assert.equal(releaseHeapAbove(Number.MAX_SAFE_INTEGER), false, 'under the threshold: no collection');
  assert.equal(releaseHeapAbove(1), true, 'over it: a collection');
  assert.ok(process.memoryUsage().heapUsed < before, 'the garbage is gone');
});
