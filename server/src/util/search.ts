// Binary search, written once: sorted spans, functions, actions and edits are looked up by offset.

/**
 * The first index whose item is not `before` (items are partitioned: every `before` item comes first).
 * `items.length` when all are. O(log n).
 */
export function partitionPoint<T>(items: ArrayLike<T>, before: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(items[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
