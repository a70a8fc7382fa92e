// Which of a solution's component names its texts mention, ignoring case, in one pass over each text
// (util/substrings.ts's algorithm). Lower-casing every flow file first, as the rules did, copied each of
// them (93 MB on the bench L tree); a case-insensitive search of the text as it is finds the same names
// wherever the text is ASCII, where JavaScript's case-insensitive matching and toLowerCase agree exactly.
// A text with any other character is lower-cased and searched as before: some letters (the Kelvin sign,
// a dotted capital I, letters beyond the BMP) lower-case differently than they match.

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;

/**
 * The needles (lower case) that occur in at least one of the texts once it is lower-cased: what
 * `substringsPresent(needles, texts.map(t => t.toLowerCase()))` gives, without those copies.
 */
export function mentionedIgnoringCase(needles: Iterable<string>, texts: readonly string[]): Set<string> {
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
  const folded = new RegExp(source, 'gi');
  const all = distinct.length + found.size;
  for (const text of texts) {
    // One UTF-8 byte per UTF-16 unit: ASCII only.
    const ascii = Buffer.byteLength(text, 'utf8') === text.length;
    const pattern = ascii ? folded : exact;
    const subject = ascii ? text : text.toLowerCase();
    pattern.lastIndex = 0;
    // Resuming one character after each match start also finds needles that overlap a match.
    for (let m = pattern.exec(subject); m; m = pattern.exec(subject)) {
      const needle = ascii ? m[0].toLowerCase() : m[0];
      if (!found.has(needle)) for (const p of prefixesOf.get(needle)!) found.add(p);
      pattern.lastIndex = m.index + 1;
    }
    if (found.size === all) break;
  }
  return found;
}
