// String constants of a workflow expression that become part of the value it produces:
// `@concat('Bearer ', 'eyJ…')`, `@coalesce(null, 'k3y…')`, `@if(cond, 'a', 'b')`. These are literals
// written in the flow as surely as a plain string. Not: the names a reference function takes
// (`variables('x')`, `body('Get_secret')`), property names (`?['access_token']`), operands of
// comparisons (`equals(x, 'prod')`), format strings.

/** Functions whose string arguments are copied into their result. */
const VALUE_FUNCTIONS = new Set([
  'concat', 'coalesce', 'if', 'string', 'json', 'trim', 'tolower', 'toupper', 'base64', 'encodeuricomponent', 'uricomponent',
  'createarray', 'array', 'replace', 'setproperty', 'addproperty', 'union', 'first', 'last',
]);

export interface ExpressionLiteral {
  /** Decoded offsets of the constant's content (inside the quotes). */
  start: number;
  end: number;
}

/**
 * Constants of the expression text in [from, to) that are whole arguments of a value-building function.
 * One pass: a stack of the open calls and brackets, quotes (with `''` escapes) skipped.
 */
export function valueConstants(text: string, from: number, to: number): ExpressionLiteral[] {
  const out: ExpressionLiteral[] = [];
  const open: string[] = [];
  // The function name before a `(` is the run of word characters since the last other character; white
  // space inside the run is skipped, not a break. Kept as offsets and sliced once at the `(`.
  let nameStart = -1;
  let nameSpaced = false;
  const nameBefore = (j: number) => {
    if (nameStart < 0) return '';
    const raw = text.slice(nameStart, j);
    return (nameSpaced ? raw.replace(/\s/g, '') : raw).toLowerCase();
  };
  const prevSignificant = (k: number) => { while (k >= from && /\s/.test(text[k])) k--; return k >= from ? text[k] : ''; };
  for (let j = from; j < to; j++) {
    const c = text[j];
    if (c === "'") {
      const start = j + 1;
      let k = start;
      while (k < to && !(text[k] === "'" && text[k + 1] !== "'")) k += text[k] === "'" ? 2 : 1;
      const end = Math.min(k, to);
      const before = prevSignificant(j - 1);
      let n = end + 1;
      while (n < to && /\s/.test(text[n])) n++;
      const after = n < to ? text[n] : '';
      const inValueCall = open.length > 0 && VALUE_FUNCTIONS.has(open[open.length - 1]);
      if (inValueCall && (before === '(' || before === ',') && (after === ',' || after === ')')) out.push({ start, end });
      j = end;
      nameStart = -1;
      nameSpaced = false;
      continue;
    }
    if (isWordChar(text.charCodeAt(j))) { if (nameStart < 0) nameStart = j; continue; }
    if (c === '(') open.push(nameBefore(j));
    else if (c === '[') open.push('[');
    else if ((c === ')' || c === ']') && open.length) open.pop();
    if (!/\s/.test(c)) { nameStart = -1; nameSpaced = false; } else if (nameStart >= 0) nameSpaced = true;
  }
  return out;
}

/** [A-Za-z0-9_] */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}
