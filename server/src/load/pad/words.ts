// Case-insensitive keyword tests on the script text itself: a statement keyword, operator or module name is
// recognised without slicing or upper-casing the identifier (that was a string per token).

/**
 * `text[start, end)` upper-cased equals `word` (upper case). ASCII is compared on char codes; with a
 * non-ASCII character it falls back to toUpperCase, which maps a few of them to ASCII (`ſ` → `S`, `ﬆ` → `ST`).
 */
export function upperEquals(text: string, start: number, end: number, word: string): boolean {
  const n = end - start;
  if (n !== word.length) {
    // Upper-casing never shortens a text; it lengthens only non-ASCII (`ß` → `SS`).
    return n < word.length && hasNonAscii(text, start, end) && text.slice(start, end).toUpperCase() === word;
  }
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return text.slice(start, end).toUpperCase() === word;
    const w = word.charCodeAt(i - start);
    if (c !== w && !(c >= 97 && c <= 122 && c - 32 === w)) return false;
  }
  return true;
}

export function hasNonAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) >= 128) return true;
  return false;
}

/** Upper-case ASCII words, looked up by length and first letter. */
export class WordSet {
  /** The words by bucketKey: an array index, not a Map lookup (this runs for most identifiers of a script). */
  private readonly buckets: Array<string[] | undefined>;
  private readonly longest: number;

  constructor(readonly words: readonly string[]) {
    this.longest = Math.max(...words.map(w => w.length));
    this.buckets = Array.from({ length: bucketKey(this.longest + 1, 0) }, () => undefined);
    for (const w of words) {
      const key = bucketKey(w.length, w.charCodeAt(0));
      (this.buckets[key] ??= []).push(w);
    }
  }

  /** find() for a text known to be ASCII: no non-ASCII fallback to consider. */
  findAscii(text: string, start: number, end: number): string | undefined {
    const n = end - start;
    if (n > this.longest) return undefined;
    const bucket = this.buckets[bucketKey(n, text.charCodeAt(start))];
    if (bucket) {
      for (let k = 0; k < bucket.length; k++) if (upperEquals(text, start, end, bucket[k])) return bucket[k];
    }
    return undefined;
  }

  /** The word that `text[start, end)` spells in any case (as toUpperCase sees it); undefined if none. */
  find(text: string, start: number, end: number): string | undefined {
    const n = end - start;
    if (n > this.longest) return undefined;
    const bucket = this.buckets[bucketKey(n, text.charCodeAt(start))];
    if (bucket) {
      for (let k = 0; k < bucket.length; k++) if (upperEquals(text, start, end, bucket[k])) return bucket[k];
    }
    // A non-ASCII character may upper-case to ASCII (`ſET` is SET), even at another length.
    if (!hasNonAscii(text, start, end)) return undefined;
    const upper = text.slice(start, end).toUpperCase();
    return this.words.includes(upper) ? upper : undefined;
  }
}

/** Length and upper-cased ASCII first character (a non-ASCII first character gets a key no word has). */
function bucketKey(length: number, first: number): number {
  const upper = first >= 97 && first <= 122 ? first - 32 : first < 128 ? first : 0;
  return length * 128 + upper;
}
