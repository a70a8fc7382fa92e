// A small seeded generator for property tests that build text from pieces (tests must not depend on
// Math.random): `next(n)` is an integer in [0, n). The same seed gives the same texts on every run.

export function generator(seed: number): (n: number) => number {
  // mulberry32: every output bit mixes the whole state. (A linear congruential step taken `% n` repeats its low
  // bits with a short period, so some pieces never came up.)
  let s = seed >>> 0;
  return n => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Up to `maxParts` pieces of `alphabet`, joined. */
export function randomText(next: (n: number) => number, alphabet: readonly string[], maxParts: number): string {
  let out = '';
  for (let i = next(maxParts + 1); i > 0; i--) out += alphabet[next(alphabet.length)];
  return out;
}
