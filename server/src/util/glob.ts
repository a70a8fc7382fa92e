// Glob matching for `flowcop.json` ignore patterns, without regular expressions: a compiled regex of
// `*a*a*…*b` backtracks exponentially. `*` and `?` are matched by the greedy two-pointer algorithm
// (linear per segment, O(pattern × text) at worst); `**` segments by remembering the last one.

/**
 * A pattern over `/`-separated paths: `**` any folders (also none), `*` any run within one segment,
 * `?` one character other than `/`; case-insensitive. A pattern without a slash matches a path
 * component at any depth (like .gitignore), and a match of a folder matches everything below it.
 */
export interface GlobMatcher {
  test(path: string): boolean;
}

export function compileGlob(glob: string): GlobMatcher {
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '').toLowerCase();
  // `**` inside a segment (`a**b`) is two stars: the same as one `*` within the segment.
  const pattern = g.split('/').map(s => (s === '**' ? s : s.replace(/\*\*+/g, '*')));
  // A trailing `**` needs something below it (`logs/**` is not the file `logs`): one segment, then anything.
  if (pattern.length > 1 && pattern[pattern.length - 1] === '**') pattern[pattern.length - 1] = '*';
  const anchored = g.includes('/');
  return {
    test(path: string): boolean {
      const parts = path.replace(/\\/g, '/').toLowerCase().split('/');
      // Anywhere below the root when unanchored, and anything below a matched folder.
      const full = anchored ? pattern : ['**', ...pattern];
      return matchSegments(full, parts);
    },
  };
}

/** Whether the pattern's segments match a prefix of the path's segments (the rest lies below a match). */
function matchSegments(pattern: string[], parts: string[]): boolean {
  // Greedy backtracking with one remembered `**`: each later `**` supersedes the earlier one, so this
  // is O(pattern × parts) segment comparisons.
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = -1;
  for (;;) {
    if (p === pattern.length) return true; // the rest of the path lies below the match
    if (pattern[p] === '**') {
      starP = p++;
      starS = s;
      continue;
    }
    if (s < parts.length && matchSegment(pattern[p], parts[s])) {
      p++;
      s++;
      continue;
    }
    if (starP >= 0 && starS < parts.length) {
      p = starP + 1;
      s = ++starS;
      continue;
    }
    return false;
  }
}

/** `*` and `?` within one segment: greedy two pointers, returning to the last `*` on a mismatch. */
export function matchSegment(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
