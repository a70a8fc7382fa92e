// The text of a file under a sequence of edits, each expressed in offsets of the text as it is after
// the previous ones, turned back into minimal edits of the original text. The pieces (slices of the
// original, inserted strings) sit in an implicit treap keyed by their position in the current text,
// so an edit or an offset lookup costs O(log k) plus the size of the edit itself: k edits of an
// n-character file cost O(n + k log k) instead of rebuilding the whole text for every edit.
import type { Span } from '../util/text';

export interface ComposedEdit {
  span: Span;
  newText: string;
}

interface Piece {
  /** An inserted string, or undefined for the original slice [s, e). */
  t?: string;
  s: number;
  e: number;
  len: number;
  /** Total length of the subtree. */
  sum: number;
  /** Smallest original start among the original slices of the subtree (Infinity when none). */
  minS: number;
  prio: number;
  left?: Piece;
  right?: Piece;
}

let seed = 0x2545f491;
/** Deterministic priorities (xorshift): runs are reproducible. */
function nextPriority(): number {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed;
}

function piece(t: string | undefined, s: number, e: number): Piece {
  const len = t !== undefined ? t.length : e - s;
  return { t, s, e, len, sum: len, minS: t !== undefined ? Infinity : s, prio: nextPriority() };
}

function update(n: Piece): Piece {
  n.sum = n.len + (n.left?.sum ?? 0) + (n.right?.sum ?? 0);
  n.minS = Math.min(n.left?.minS ?? Infinity, n.t !== undefined ? Infinity : n.s, n.right?.minS ?? Infinity);
  return n;
}

function merge(a: Piece | undefined, b: Piece | undefined): Piece | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.prio > b.prio) {
    a.right = merge(a.right, b);
    return update(a);
  }
  b.left = merge(a, b.left);
  return update(b);
}

/** Splits at a position of the current text: [0, pos) and [pos, end); a piece across it is cut in two. */
function split(n: Piece | undefined, pos: number): [Piece | undefined, Piece | undefined] {
  if (!n) return [undefined, undefined];
  const leftSum = n.left?.sum ?? 0;
  if (pos <= leftSum) {
    const [a, b] = split(n.left, pos);
    n.left = b;
    return [a, update(n)];
  }
  if (pos >= leftSum + n.len) {
    const [a, b] = split(n.right, pos - leftSum - n.len);
    n.right = a;
    return [update(n), b];
  }
  // Cut this piece.
  const at = pos - leftSum;
  const head = n.t !== undefined ? piece(n.t.slice(0, at), 0, 0) : piece(undefined, n.s, n.s + at);
  const tail = n.t !== undefined ? piece(n.t.slice(at), 0, 0) : piece(undefined, n.s + at, n.e);
  return [merge(n.left, head), merge(tail, n.right)];
}

function walk(n: Piece | undefined, visit: (p: Piece) => void): void {
  // Iterative in-order traversal: no recursion limit on unlucky shapes.
  const stack: Piece[] = [];
  let cur = n;
  while (cur || stack.length) {
    while (cur) { stack.push(cur); cur = cur.left; }
    const p = stack.pop()!;
    visit(p);
    cur = p.right;
  }
}

export class TextComposer {
  private root: Piece | undefined;
  private cache: string | undefined;

  constructor(readonly original: string) {
    this.root = original.length ? piece(undefined, 0, original.length) : undefined;
    this.cache = original;
  }

  get length(): number {
    return this.root?.sum ?? 0;
  }

  get text(): string {
    if (this.cache === undefined) this.cache = this.slice(this.root);
    return this.cache;
  }

  private slice(n: Piece | undefined): string {
    const parts: string[] = [];
    walk(n, p => parts.push(p.t !== undefined ? p.t : this.original.slice(p.s, p.e)));
    return parts.join('');
  }

  /** Replaces [offset, offset + length) of the current text. The edit is trimmed to what changes. */
  apply(offset: number, length: number, content: string): void {
    const total = this.length;
    if (offset < 0 || length < 0 || offset + length > total) throw new Error(`edit out of range (${offset}+${length} of ${total})`);
    const [before, rest] = split(this.root, offset);
    const [middle, after] = split(rest, length);
    const old = this.cache !== undefined ? this.cache.slice(offset, offset + length) : this.slice(middle);
    // Minimal: drop the common prefix and suffix of the old and new text (they stay original slices).
    let p = 0;
    while (p < old.length && p < content.length && old[p] === content[p]) p++;
    let q = 0;
    while (q < old.length - p && q < content.length - p && old[old.length - 1 - q] === content[content.length - 1 - q]) q++;
    const inserted = content.slice(p, content.length - q);
    if (old.length - p - q === 0 && inserted === '') {
      this.root = merge(merge(before, middle), after);
      return;
    }
    const [keepHead, rest2] = split(middle, p);
    const [, keepTail] = split(rest2, old.length - p - q);
    const mid = inserted ? merge(keepHead, piece(inserted, 0, 0)) : keepHead;
    this.root = merge(merge(before, mid), merge(keepTail, after));
    // Rebuilt on demand only: joining the whole text on every edit is what made k edits O(n·k).
    this.cache = undefined;
  }

  /** Offset in the current text of an original offset that no edit has touched, else undefined. */
  mapOriginal(offset: number, side: 'start' | 'end' = 'start'): number | undefined {
    // The original slices appear in increasing original order: find the last one starting at or
    // before `offset` (strictly before, for an end offset), counting the current text before it.
    let n = this.root;
    let pos = 0;
    let found: { p: Piece; at: number } | undefined;
    const startsBefore = (s: number) => (side === 'start' ? s <= offset : s < offset);
    while (n) {
      const leftSum = n.left?.sum ?? 0;
      if (n.right && startsBefore(n.right.minS)) {
        if (n.t === undefined) found = { p: n, at: pos + leftSum };
        pos += leftSum + n.len;
        n = n.right;
      } else if (n.t === undefined && startsBefore(n.s)) {
        found = { p: n, at: pos + leftSum };
        break;
      } else {
        n = n.left;
      }
    }
    if (offset === this.original.length && side === 'start') return this.endsWithOriginalEnd() ? this.length : undefined;
    if (!found) return undefined;
    const { p, at } = found;
    const inside = side === 'start' ? offset >= p.s && offset < p.e : offset > p.s && offset <= p.e;
    return inside ? at + offset - p.s : undefined;
  }

  private endsWithOriginalEnd(): boolean {
    let n = this.root;
    while (n?.right) n = n.right;
    return !n || (n.t === undefined && n.e === this.original.length);
  }

  /** The edits of the original text. */
  edits(): ComposedEdit[] {
    const out: ComposedEdit[] = [];
    let p = 0;
    let pending: string[] = [];
    walk(this.root, g => {
      if (g.t !== undefined) { if (g.t) pending.push(g.t); return; }
      if (g.s > p || pending.length) out.push({ span: { start: p, end: g.s }, newText: pending.join('') });
      pending = [];
      p = g.e;
    });
    if (p < this.original.length || pending.length) out.push({ span: { start: p, end: this.original.length }, newText: pending.join('') });
    return out;
  }
}
