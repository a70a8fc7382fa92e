// The fix engine is near O(n + k log k) for k edits of an n-character file: composing edits no longer
// rebuilds the whole text per edit, and merging a round's changes no longer compares every pair of
// edits. Checked by growth ratios (median of several runs, generous bounds), plus a randomized
// comparison of the composer with a plain string model.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, ChangeBuilder, ChangeMerger, TextComposer } from '../../server/src/fix/change';
import { createSourceFile } from '../../server/src/util/text';

function bigFile(lines: number) {
  let text = '';
  for (let i = 0; i < lines; i++) text += `    "key${i}": "C:\\\\RPA\\\\Input\\\\file${i}.txt",\n`;
  return createSourceFile('/bench/big.json', text, { hash: 'h' });
}

/** Milliseconds of `run`, the median of five runs. */
function median(run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[2];
}

/** k one-character replacements spread over the file, composed in one builder. */
function composeSpread(file: ReturnType<typeof bigFile>, k: number): void {
  const b = new ChangeBuilder();
  const step = Math.floor(file.text.length / k);
  for (let i = 0; i < k; i++) b.replace(file, { start: i * step, end: i * step + 1 }, '#');
  const change = b.build();
  assert.equal(change.files[0].edits.length, k);
}

describe('safety: fix engine complexity', () => {
  test('composing k edits does not cost the file size per edit', () => {
    const small = bigFile(4000);
    const large = bigFile(64000); // 16 times larger
    composeSpread(small, 400); // warm up
    const tSmall = median(() => composeSpread(small, 400));
    const tLarge = median(() => composeSpread(large, 400));
    // O(n·k) grows ~16x here; O(n + k log k) stays nearly flat.
    assert.ok(tLarge < Math.max(5 * tSmall, 20), `16x the text made 400 edits ${(tLarge / tSmall).toFixed(1)}x slower (${tSmall.toFixed(1)} → ${tLarge.toFixed(1)} ms)`);
  });

  test('merging a round of k one-edit changes grows near linearly in k', () => {
    const file = bigFile(64000);
    const changes = (k: number) => {
      const step = Math.floor(file.text.length / k);
      return Array.from({ length: k }, (_, i) => { const b = new ChangeBuilder(); b.replace(file, { start: i * step, end: i * step + 1 }, '#'); return b.build(); });
    };
    const merge = (cs: ReturnType<typeof changes>) => { const m = new ChangeMerger(); for (const c of cs) if (!m.conflict(c)) m.add(c); return m.build(); };
    const few = changes(500);
    const many = changes(4000); // 8 times more
    merge(few);
    const tFew = median(() => merge(few));
    const tMany = median(() => merge(many));
    // Pairwise checking grows ~64x here; binary search ~9x.
    assert.ok(tMany < Math.max(24 * tFew, 30), `8x the changes made merging ${(tMany / tFew).toFixed(1)}x slower (${tFew.toFixed(1)} → ${tMany.toFixed(1)} ms)`);
    assert.equal(merge(many).files[0].edits.length, 4000);
  });

  test('the composer agrees with a plain string model on random edits', () => {
    let seed = 42;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    for (let round = 0; round < 200; round++) {
      const original = Array.from({ length: rnd(60) }, () => 'abcxyz\n'[rnd(7)]).join('');
      const c = new TextComposer(original);
      let model = original;
      for (let i = 0; i < 1 + rnd(12); i++) {
        const offset = rnd(model.length + 1);
        const length = rnd(model.length - offset + 1);
        const content = Array.from({ length: rnd(4) }, () => 'abQ'[rnd(3)]).join('');
        c.apply(offset, length, content);
        model = model.slice(0, offset) + content + model.slice(offset + length);
        assert.equal(c.text, model);
        assert.equal(applyEdits(original, c.edits()), model);
      }
      // An untouched original offset maps to where that character now is.
      for (let o = 0; o < original.length; o++) {
        const at = c.mapOriginal(o);
        if (at !== undefined) assert.equal(model[at], original[o], `offset ${o} of ${JSON.stringify(original)}`);
      }
    }
  });
});
