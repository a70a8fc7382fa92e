// Which of many short needles occur in long texts, in one pass over each text instead of one pass per
// needle: a rule asking "is this name mentioned anywhere in the solution?" for every name of a solution
// would otherwise read the solution's text once per name.

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;

/** The needles that occur (as exact substrings) in at least one of the texts. */
export function substringsPresent(needles: Iterable<string>, texts: readonly string[]): Set<string> {
  const found = new Set<string>();
  // Longest first: an alternation takes the first alternative that matches, so the longest needle starting
  // at a position wins, and every shorter needle starting there is one of its prefixes.
  const distinct = [...new Set(needles)].sort((a, b) => b.length - a.length);
  if (texts.length === 0 || distinct.length === 0) return found;
  if (distinct[distinct.length - 1] === '') found.add(distinct.pop()!);
  if (distinct.length === 0) return found;
  const prefixesOf = new Map(distinct.map(n => [n, distinct.filter(m => n.startsWith(m))]));
  const any = new RegExp(distinct.map(n => n.replace(REGEX_SPECIALS, '\\$&')).join('|'), 'g');
  for (const text of texts) {
    any.lastIndex = 0;
    // Resuming one character after each match start also finds needles that overlap a match.
    for (let m = any.exec(text); m; m = any.exec(text)) {
      if (!found.has(m[0])) for (const p of prefixesOf.get(m[0])!) found.add(p);
      any.lastIndex = m.index + 1;
    }
    if (found.size === distinct.length + (found.has('') ? 1 : 0)) break;
  }
  return found;
}
