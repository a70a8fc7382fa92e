// A seeded pseudo-random source for the benchmark trees: the same seed gives the same tree, byte for byte,
// on every machine (no Math.random, no clock, no locale).

/** mulberry32: small, fast and good enough to vary names, counts and shapes. */
export function createRng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    next,
    /** An integer in [min, max], both included. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: items => items[Math.floor(next() * items.length)],
    chance: p => next() < p,
    /** A GUID in the lower-case form Power Platform writes. */
    guid: () => {
      let hex = '';
      for (let i = 0; i < 4; i++) hex += Math.floor(next() * 4294967296).toString(16).padStart(8, '0');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    },
    /** An independent stream, so adding content in one place does not shift everything after it. */
    fork: label => {
      let h = 2166136261 ^ Math.floor(next() * 4294967296);
      for (const ch of String(label)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
      return createRng(h >>> 0);
    },
  };
  return rng;
}

export const escapeXml = (text, quotes = false) => {
  let out = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (quotes) out = out.replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  return out;
};

/** A script as a desktop flow's <Definition> stores it: a JSON string literal, XML-escaped. */
export const definitionJsonString = script => escapeXml(JSON.stringify(script));

export const crlf = text => text.replace(/\r?\n/g, '\r\n');
