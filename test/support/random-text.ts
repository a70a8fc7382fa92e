// A small seeded generator for property tests that build text from pieces (tests must not depend on
// Math.random): `next(n)` is an integer in [0, n). The same seed gives the same texts on every run.

export function generator(seed: number): (n: number) => number {
  let s = seed;
  return n => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

/** Up to `maxParts` pieces of `alphabet`, joined. */
export function randomText(next: (n: number) => number, alphabet: readonly string[], maxParts: number): string {
  let out = '';
  for (let i = next(maxParts + 1); i > 0; i--) out += alphabet[next(alphabet.length)];
  return out;
}
