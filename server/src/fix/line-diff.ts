// A line diff in linear space: common prefix and suffix, then lines unique to both sides as anchors
// (patience diff), then Myers' O(ND) search by divide and conquer (middle snakes) on what is left, with a
// work budget past which a region is shown as one replacement. Lines become small integers first, so
// every comparison is O(1). Space O(n + m), no O(d·(n + m)) trace.

/** Old lines [a0, a1) become new lines [b0, b1). */
export interface Range { a0: number; a1: number; b0: number; b1: number }

/** Work (steps of the Myers search) spent on one file before a region is shown as one replacement. */
const WORK_BUDGET = 20_000_000;

/** The changed regions between two line lists, in order. Space O(n + m). */
export function diffLines(aLines: readonly string[], bLines: readonly string[]): Range[] {
  // Lines as small integers: comparisons are O(1) from here on.
  const ids = new Map<string, number>();
  const idOf = (l: string) => {
    let id = ids.get(l);
    if (id === undefined) ids.set(l, id = ids.size);
    return id;
  };
  const a = Int32Array.from(aLines, idOf);
  const b = Int32Array.from(bLines, idOf);
  const out = new ChangeCollector();
  const budget = { left: WORK_BUDGET };
  const counts = { na: new Int32Array(ids.size), nb: new Int32Array(ids.size), ib: new Int32Array(ids.size) };
  // Ranges to diff, last first; anchors split a range into smaller ones.
  const stack: Range[] = [{ a0: 0, a1: a.length, b0: 0, b1: b.length }];
  while (stack.length) {
    let { a0, a1, b0, b1 } = stack.pop()!;
    while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) { a0++; b0++; }
    while (a1 > a0 && b1 > b0 && a[a1 - 1] === b[b1 - 1]) { a1--; b1--; }
    if (a0 === a1 || b0 === b1) {
      out.replace(a0, a1, b0, b1);
      continue;
    }
    const anchors = uniqueAnchors(a, a0, a1, b, b0, b1, counts);
    if (anchors.length) {
      // Gaps between anchors, pushed last first so they pop in order.
      const gaps: Range[] = [];
      let pa = a0;
      let pb = b0;
      for (const [x, y] of anchors) {
        gaps.push({ a0: pa, a1: x, b0: pb, b1: y });
        pa = x + 1;
        pb = y + 1;
      }
      gaps.push({ a0: pa, a1: a1, b0: pb, b1: b1 });
      for (let k = gaps.length - 1; k >= 0; k--) stack.push(gaps[k]);
      continue;
    }
    myers(a, b, a0, b0, a1, b1, out, budget);
  }
  return out.done();
}

/** Collects deletions and insertions into changed regions. */
class ChangeCollector {
  private readonly list: Range[] = [];

  replace(a0: number, a1: number, b0: number, b1: number): void {
    if (a0 === a1 && b0 === b1) return;
    const last = this.list[this.list.length - 1];
    if (last && last.a1 === a0 && last.b1 === b0) {
      last.a1 = a1;
      last.b1 = b1;
    } else {
      this.list.push({ a0, a1, b0, b1 });
    }
  }

  done(): Range[] {
    return this.list;
  }
}

/** Per line id: occurrences in the a and b ranges, and the b position (reset per range, only where used). */
interface Counts { na: Int32Array; nb: Int32Array; ib: Int32Array }

/** Lines that occur once in each range, in the longest run that keeps their order (patience diff). */
function uniqueAnchors(a: Int32Array, a0: number, a1: number, b: Int32Array, b0: number, b1: number, counts: Counts): Array<[number, number]> {
  const { na, nb, ib } = counts;
  for (let i = a0; i < a1; i++) { na[a[i]] = 0; nb[a[i]] = 0; }
  for (let j = b0; j < b1; j++) { na[b[j]] = 0; nb[b[j]] = 0; }
  for (let i = a0; i < a1; i++) na[a[i]]++;
  for (let j = b0; j < b1; j++) { nb[b[j]]++; ib[b[j]] = j; }
  const pairs: Array<[number, number]> = [];
  for (let i = a0; i < a1; i++) if (na[a[i]] === 1 && nb[a[i]] === 1) pairs.push([i, ib[a[i]]]);
  if (!pairs.length) return [];
  // Longest increasing subsequence of the b positions (patience sorting), O(k log k).
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < pairs[k][1]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1];
    tails[lo] = k;
  }
  const out: Array<[number, number]> = [];
  for (let k = tails[tails.length - 1]; k >= 0; k = prev[k]) out.push(pairs[k]);
  return out.reverse();
}

type Snake = [number, number, number, number];

/**
 * Myers' O(ND) diff in linear space: find the middle snake, solve both halves. A region whose search
 * would exceed the work budget is shown as one replacement (still a correct diff, just not minimal).
 */
function myers(a: Int32Array, b: Int32Array, left: number, top: number, right: number, bottom: number, out: ChangeCollector, budget: { left: number }): void {
  // Explicit stack of boxes (depth stays logarithmic, but no recursion at all is simplest to bound).
  type Task = { box: [number, number, number, number] } | { snake: Snake };
  const tasks: Task[] = [{ box: [left, top, right, bottom] }];
  while (tasks.length) {
    const t = tasks.pop()!;
    if ('snake' in t) {
      walkSnake(a, b, t.snake, out);
      continue;
    }
    const [l, tp, r, bt] = t.box;
    if (l === r || tp === bt) { out.replace(l, r, tp, bt); continue; }
    const snake = budget.left > 0 ? middleSnake(a, b, l, tp, r, bt, budget) : undefined;
    if (!snake) { out.replace(l, r, tp, bt); continue; }
    const [sx, sy, fx, fy] = snake;
    tasks.push({ box: [fx, fy, r, bt] }, { snake }, { box: [l, tp, sx, sy] });
  }
}

/** One edit and a diagonal, in either order, from (x1, y1) to (x2, y2). */
function walkSnake(a: Int32Array, b: Int32Array, [x1, y1, x2, y2]: Snake, out: ChangeCollector): void {
  while (x1 < x2 && y1 < y2 && a[x1] === b[y1]) { x1++; y1++; }
  if (x2 - x1 < y2 - y1) { out.replace(x1, x1, y1, y1 + 1); y1++; }
  else if (x2 - x1 > y2 - y1) { out.replace(x1, x1 + 1, y1, y1); x1++; }
  while (x1 < x2 && y1 < y2 && a[x1] === b[y1]) { x1++; y1++; }
  out.replace(x1, x2, y1, y2);
}

/** The middle snake of a box, or undefined when the budget runs out. */
function middleSnake(a: Int32Array, b: Int32Array, left: number, top: number, right: number, bottom: number, budget: { left: number }): Snake | undefined {
  const width = right - left;
  const height = bottom - top;
  const max = Math.ceil((width + height) / 2);
  const off = max + 1;
  const vf = new Int32Array(2 * max + 3);
  const vb = new Int32Array(2 * max + 3);
  vf[off + 1] = left;
  vb[off + 1] = bottom;
  const delta = width - height;
  const odd = (delta & 1) !== 0;
  for (let d = 0; d <= max; d++) {
    budget.left -= 2 * d + 2;
    if (budget.left < 0) return undefined;
    for (let k = d; k >= -d; k -= 2) {
      const c = k - delta;
      let x: number;
      let px: number;
      if (k === -d || (k !== d && vf[off + k - 1] < vf[off + k + 1])) { px = x = vf[off + k + 1]; } else { px = vf[off + k - 1]; x = px + 1; }
      let y = top + (x - left) - k;
      const py = d === 0 || x !== px ? y : y - 1;
      const x0 = x;
      while (x < right && y < bottom && a[x] === b[y]) { x++; y++; }
      budget.left -= x - x0;
      vf[off + k] = x;
      if (odd && c >= -(d - 1) && c <= d - 1 && y >= vb[off + c]) return [px, py, x, y];
    }
    for (let c = d; c >= -d; c -= 2) {
      const k = c + delta;
      let y: number;
      let py: number;
      if (c === -d || (c !== d && vb[off + c - 1] > vb[off + c + 1])) { py = y = vb[off + c + 1]; } else { py = vb[off + c - 1]; y = py - 1; }
      let x = left + (y - top) + k;
      const px = d === 0 || y !== py ? x : x + 1;
      const y0 = y;
      while (x > left && y > top && a[x - 1] === b[y - 1]) { x--; y--; }
      budget.left -= y0 - y;
      vb[off + c] = y;
      if (!odd && k >= -d && k <= d && x <= vf[off + k]) return [x, y, px, py];
    }
  }
  return undefined;
}
