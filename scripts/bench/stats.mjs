// Medians, ranges and the table's number formats.

export function stats(samples) {
  const s = samples.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return { median: NaN, min: NaN, max: NaN, samples: samples.length };
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], samples: s.length };
}

/** "1.23 [1.20–1.31]" with `digits` decimals. */
export const range = (x, digits = 2) => (Number.isFinite(x.median)
  ? `${x.median.toFixed(digits)} [${x.min.toFixed(digits)}–${x.max.toFixed(digits)}]`
  : 'n/a');

export const mib = bytes => bytes / 1048576;

/** Scaling exponent: how time grows with bytes (1 = linear). */
export const exponent = (timeSmall, timeLarge, bytesSmall, bytesLarge) => Math.log(timeLarge / timeSmall) / Math.log(bytesLarge / bytesSmall);

export const mark = ok => (ok === undefined ? '' : ok ? '✓' : '✗');
