// String constants of a workflow expression that become part of the value it produces:
// `@concat('Bearer ', 'eyJ…')`, `@coalesce(null, 'k3y…')`, `@if(cond, 'a', 'b')`. These are literals
// written in the flow as surely as a plain string. Not: the names a reference function takes
// (`variables('x')`, `body('Get_secret')`), property names (`?['access_token']`), operands of
// comparisons (`equals(x, 'prod')`), format strings.
import { isSpaceCode } from '../shared/scan';

/** Functions whose string arguments are copied into their result. */
const VALUE_FUNCTIONS = new Set([
  'concat', 'coalesce', 'if', 'string', 'json', 'trim', 'tolower', 'toupper', 'base64', 'encodeuricomponent', 'uricomponent',
  'createarray', 'array', 'replace', 'setproperty', 'addproperty', 'union', 'first', 'last',
]);
/** VALUE_FUNCTIONS by length: a name is compared in place, without a lower-case copy. */
const VALUE_FUNCTIONS_BY_LENGTH: string[][] = [];
for (const f of VALUE_FUNCTIONS) (VALUE_FUNCTIONS_BY_LENGTH[f.length] ??= []).push(f);

export interface ExpressionLiteral {
  /** Decoded offsets of the constant's content (inside the quotes). */
  start: number;
  end: number;
}

/** Shared by every expression without such constants (most of them); frozen, so nobody can fill it. */
const NONE: ExpressionLiteral[] = Object.freeze([]) as unknown as ExpressionLiteral[];

/**
 * Whether each open call or bracket is a value-building call, one entry per nesting level. Reused by every
 * scan (they never run inside one another), so a scan allocates nothing but what it returns.
 */
const openIsValueCall: boolean[] = [];

/**
 * Constants of the expression text in [from, to) that are whole arguments of a value-building function.
 * One pass: a stack of the open calls and brackets, quotes (with `''` escapes) skipped.
 */
export function valueConstants(text: string, from: number, to: number): ExpressionLiteral[] {
  // A constant needs a quote: most segments of references alone still have one, but not all.
  const firstQuote = text.indexOf("'", from);
  if (firstQuote < 0 || firstQuote >= to) return NONE;
  let out: ExpressionLiteral[] | undefined;
  let depth = 0;
  // The function name before a `(` is the run of word characters since the last other character; white
  // space inside the run is skipped, not a break. Kept as offsets and compared in place at the `(`.
  let nameStart = -1;
  let nameSpaced = false;
  for (let j = from; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c === 39) {
      const start = j + 1;
      let k = start;
      while (k < to && !(text.charCodeAt(k) === 39 && text.charCodeAt(k + 1) !== 39)) k += text.charCodeAt(k) === 39 ? 2 : 1;
      const end = Math.min(k, to);
      if (depth > 0 && openIsValueCall[depth - 1]) {
        let b = j - 1;
        while (b >= from && isSpaceCode(text.charCodeAt(b))) b--;
        const before = b >= from ? text.charCodeAt(b) : -1;
        let n = end + 1;
        while (n < to && isSpaceCode(text.charCodeAt(n))) n++;
        const after = n < to ? text.charCodeAt(n) : -1;
        if ((before === 40 || before === 44) && (after === 44 || after === 41)) (out ??= []).push({ start, end });
      }
      j = end;
      nameStart = -1;
      nameSpaced = false;
      continue;
    }
    if (isWordChar(c)) { if (nameStart < 0) nameStart = j; continue; }
    if (c === 40) openIsValueCall[depth++] = nameStart >= 0 && isValueFunction(text, nameStart, j, nameSpaced);
    else if (c === 91) openIsValueCall[depth++] = false;
    else if ((c === 41 || c === 93) && depth > 0) depth--;
    if (!isSpaceCode(c)) { nameStart = -1; nameSpaced = false; } else if (nameStart >= 0) nameSpaced = true;
  }
  return out ?? NONE;
}

/** Whether text[start, end) names a value-building function (case-insensitive; white space inside skipped when `spaced`). */
function isValueFunction(text: string, start: number, end: number, spaced: boolean): boolean {
  if (spaced) return VALUE_FUNCTIONS.has(text.slice(start, end).replace(/\s/g, '').toLowerCase());
  const candidates = VALUE_FUNCTIONS_BY_LENGTH[end - start];
  if (!candidates) return false;
  for (const name of candidates) {
    let k = 0;
    // Word characters only here: ASCII letters lower-case with `| 32`; digits and `_` compare as they are.
    while (k < name.length && (text.charCodeAt(start + k) | 32) === name.charCodeAt(k)) k++;
    if (k === name.length) return true;
  }
  return false;
}

/** [A-Za-z0-9_] */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}
