// Which of many short needles occur in long texts, in one pass over each text instead of one pass per
// needle: a rule asking "is this name mentioned anywhere in the solution?" for every name of a solution
// would otherwise read the solution's text once per name.

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;

export interface SubstringOptions {
  /**
   * Needles are lower case and count where a lower-cased copy of a text holds them, without making that copy
   * where the text is ASCII (lower-casing every flow file cost 93 MB on the bench L tree): there JavaScript's
   * case-insensitive matching and toLowerCase agree exactly. Other texts are lower-cased first, since some
   * letters (the Kelvin sign, a dotted capital I, letters beyond the BMP) lower-case differently than they match.
   */
  ignoreCase?: boolean;
}

/** The needles that occur (as exact substrings, or as the options say) in at least one of the texts. */
export function substringsPresent(needles: Iterable<string>, texts: readonly string[], options: SubstringOptions = {}): Set<string> {
  const found = new Set<string>();
  // Longest first: an alternation takes the first alternative that matches, so the longest needle starting
  // at a position wins, and every shorter needle starting there is one of its prefixes.
  const distinct = [...new Set(needles)].sort((a, b) => b.length - a.length);
  if (texts.length === 0 || distinct.length === 0) return found;
  if (distinct[distinct.length - 1] === '') found.add(distinct.pop()!);
  if (distinct.length === 0) return found;
  const prefixesOf = new Map(distinct.map(n => [n, distinct.filter(m => n.startsWith(m))]));
  const source = distinct.map(n => n.replace(REGEX_SPECIALS, '\\$&')).join('|');
  const exact = new RegExp(source, 'g');
  const folded = options.ignoreCase ? new RegExp(source, 'gi') : exact;
  const all = distinct.length + found.size;
  for (const text of texts) {
    // One UTF-8 byte per UTF-16 unit: ASCII only.
    const fold = !!options.ignoreCase && Buffer.byteLength(text, 'utf8') === text.length;
    const pattern = fold ? folded : exact;
    const subject = options.ignoreCase && !fold ? text.toLowerCase() : text;
    pattern.lastIndex = 0;
    // Resuming one character after each match start also finds needles that overlap a match.
    for (let m = pattern.exec(subject); m; m = pattern.exec(subject)) {
      const needle = fold ? m[0].toLowerCase() : m[0];
      if (!found.has(needle)) for (const p of prefixesOf.get(needle)!) found.add(p);
      pattern.lastIndex = m.index + 1;
    }
    if (found.size === all) break;
  }
  return found;
}
