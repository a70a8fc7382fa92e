// A linear pre-pass over JSON text, run before jsonc-parser builds its tree. It keeps that parser
// within bounds on hostile input:
// - depth: parseTree recurses once per nesting level and overflows the stack at a few thousand
//   levels, so nesting beyond MAX_JSON_DEPTH is refused here, where the cap is hit;
// - memory: jsonc-parser decodes string literals by concatenating once per escape sequence (a cons
//   string of ~34 bytes per escape, retained in the tree). The escapes are masked here (same length,
//   so every offset holds), and the values of those strings are decoded afterwards in one pass each.
// Token boundaries follow jsonc-parser's scanner exactly: strings end at '"', a line break or the end;
// `//` and `/* */` comments are skipped.

/** Deepest nesting of objects and arrays accepted (real flows stay well under 100). */
export const MAX_JSON_DEPTH = 512;

export interface JsonScan {
  /** Offset of the '{' or '[' that goes past MAX_JSON_DEPTH, or -1. */
  tooDeepAt: number;
  /** The text with every escape sequence inside strings replaced by 'x's (undefined when there is none). */
  masked?: string;
  /** Start offsets (the opening quote) of strings that hold escape sequences. */
  escapedStrings: Set<number>;
  /** Escape sequences jsonc-parser would reject (it no longer sees them once masked). */
  badEscapes: Array<{ offset: number; length: number; message: string }>;
}

const QUOTE = 34, BACKSLASH = 92, SLASH = 47, STAR = 42, LF = 10, CR = 13;

export function scanJson(text: string): JsonScan {
  const n = text.length;
  const escapedStrings = new Set<number>();
  const badEscapes: JsonScan['badEscapes'] = [];
  let units: Buffer | undefined;
  let depth = 0;
  let i = 0;
  while (i < n) {
    // Jump to the next character that matters (a native scan, not a loop per character).
    OUTSIDE.lastIndex = i;
    if (!OUTSIDE.test(text)) break;
    i = OUTSIDE.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > MAX_JSON_DEPTH) return { tooDeepAt: i, escapedStrings, badEscapes };
      i++;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      if (depth > 0) depth--;
      i++;
    } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      i += 2;
      while (i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR) i++;
    } else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === QUOTE) {
      const open = i++;
      while (i < n) {
        INSIDE.lastIndex = i;
        if (!INSIDE.test(text)) { i = n; break; }
        i = INSIDE.lastIndex - 1;
        const d = text.charCodeAt(i);
        if (d === QUOTE) { i++; break; }
        if (d === LF || d === CR) break;
        if (d !== BACKSLASH) { i++; continue; }
        const escStart = i;
        let len = 2;
        const e = text.charCodeAt(i + 1);
        if (i + 1 >= n) len = 1;
        else if (e === 117 /* u */) {
          let digits = 0;
          while (digits < 4 && isHex(text.charCodeAt(i + 2 + digits))) digits++;
          len = 2 + digits;
          if (digits < 4) badEscapes.push({ offset: escStart, length: len, message: 'invalid JSON: invalid \\u escape' });
        } else if (!SIMPLE.has(e)) {
          badEscapes.push({ offset: escStart, length: len, message: 'invalid JSON: invalid escape character' });
        }
        if (!units) units = Buffer.from(text, 'utf16le');
        for (let k = 0; k < len; k++) units.writeUInt16LE(0x78 /* x */, 2 * (escStart + k));
        escapedStrings.add(open);
        i += len;
      }
    } else {
      i++;
    }
  }
  return { tooDeepAt: -1, masked: units?.toString('utf16le'), escapedStrings, badEscapes };
}

/** Characters that start or end a token of interest, outside and inside strings. */
const OUTSIDE = /[{}[\]"/]/g;
const INSIDE = /["\\\r\n]/g;
const SIMPLE = new Set([QUOTE, BACKSLASH, SLASH, 98, 102, 110, 114, 116]);
const SIMPLE_VALUES: Record<number, number> = { 34: 34, 92: 92, 47: 47, 98: 8, 102: 12, 110: 10, 114: 13, 116: 9 };

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * The value of the string token starting at `open` (its quote) and `length` long, decoded in one pass
 * into a typed array (jsonc-parser's rules: bad escapes are dropped, a short \u escape keeps nothing).
 */
export function decodeJsonStringToken(text: string, open: number, length: number): string {
  const end = Math.min(text.length, open + length);
  const stop = end > open + 1 && text.charCodeAt(end - 1) === QUOTE && !endsInsideEscape(text, open + 1, end - 1) ? end - 1 : end;
  const out = new Uint16Array(Math.max(0, stop - open - 1));
  let m = 0;
  let i = open + 1;
  while (i < stop) {
    const c = text.charCodeAt(i);
    if (c !== BACKSLASH) { out[m++] = c; i++; continue; }
    const e = text.charCodeAt(i + 1);
    if (i + 1 >= stop) break;
    if (e === 117) {
      let digits = 0;
      let cp = 0;
      while (digits < 4 && i + 2 + digits < stop && isHex(text.charCodeAt(i + 2 + digits))) {
        cp = cp * 16 + parseInt(text[i + 2 + digits], 16);
        digits++;
      }
      if (digits === 4) out[m++] = cp;
      i += 2 + digits;
      continue;
    }
    const simple = SIMPLE_VALUES[e];
    if (simple !== undefined) out[m++] = simple;
    i += 2;
  }
  return unitsToString(out, m);
}

/** Whether the quote at `quote` is escaped (preceded by an odd run of backslashes since `from`). */
function endsInsideEscape(text: string, from: number, quote: number): boolean {
  let k = quote - 1;
  while (k >= from && text.charCodeAt(k) === BACKSLASH) k--;
  return (quote - 1 - k) % 2 === 1;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Builds a string from UTF-16 units exactly, in bounded chunks (no per-character concatenation).
 * `ascii`: the caller saw every unit and none is above 127 (saves a pass over a script's units).
 */
export function unitsToString(units: Uint16Array, length: number, ascii = false): string {
  // Units that all fit a byte (nearly every script) make a one-byte string: half the memory of the
  // two-byte one utf16le gives, for this text and every slice the script parser takes of it.
  if (ascii || fitsLatin1(units, length)) return Buffer.from(units.subarray(0, length)).toString('latin1');
  // Node decodes the units natively (lone surrogates kept) when the array's bytes are little-endian.
  if (LITTLE_ENDIAN) return Buffer.from(units.buffer, units.byteOffset, length * 2).toString('utf16le');
  const chunks: string[] = [];
  for (let k = 0; k < length; k += 8192) chunks.push(String.fromCharCode.apply(null, units.subarray(k, Math.min(length, k + 8192)) as unknown as number[]));
  return chunks.join('');
}

function fitsLatin1(units: Uint16Array, length: number): boolean {
  for (let k = 0; k < length; k++) if (units[k] > 0xff) return false;
  return true;
}
