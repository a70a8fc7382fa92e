// Answers per name that repeat across a whole tree (parameter names, action types, variable names): each is
// computed once. Bounded, as the language server lives long and hostile input can invent any name: the
// table is emptied when full rather than tracking recency, which costs nothing per hit.

export const NAME_MEMO_LIMIT = 50_000;

/** `compute`, remembered per key (at most `limit` keys); `compute` must not return undefined. */
export function boundedMemo<T>(compute: (key: string) => T, limit = NAME_MEMO_LIMIT): (key: string) => T {
  const table = new Map<string, T>();
  return key => {
    let value = table.get(key);
    if (value === undefined) {
      if (table.size >= limit) table.clear();
      table.set(key, (value = compute(key)));
    }
    return value;
  };
}
