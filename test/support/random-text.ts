// A small seeded generator for property tests that build text from pieces (tests must not depend on
// Math.random): `next(n)` is an integer in [0, n). The same seed gives the same texts on every run.

import { rng } from './rng';

export function generator(seed: number): (n: number) => number {
  // On rng.ts's mulberry32: a linear congruential step taken `% n` repeated its low bits with a short period, so
  // some pieces never came up.
  const { next } = rng(seed);
  return n => Math.floor(next() * n);
}

/** Up to `maxParts` pieces of `alphabet`, joined. */
export function randomText(next: (n: number) => number, alphabet: readonly string[], maxParts: number): string {
  let out = '';
  for (let i = next(maxParts + 1); i > 0; i--) out += alphabet[next(alphabet.length)];
  return out;
}
