// The parts of a workflow-definition string: literal text, expressions (`@…`, `@{…}`) and pipeline
// tokens (`#{…}#`), and the references an expression makes (variables, actions, workflow parameters).

export interface Segment {
  kind: 'literal' | 'expression' | 'token';
  /** Decoded offsets. */
  start: number;
  end: number;
}

/** A decoded range of a string value. */
export interface Range {
  start: number;
  end: number;
}

/**
 * Splits a workflow-definition string into literal text and references. A string starting with `@`
 * (not `@@` or `@{`) is one expression; inside other strings `@{…}` is an interpolation and `#{…}#`
 * a pipeline token; everything else is literal.
 */
export function segmentString(text: string): Segment[] {
  if (text.startsWith('@@')) return text.length > 1 ? [{ kind: 'literal', start: 1, end: text.length }] : [];
  // `@expr` is one expression; `@{…}…` is an interpolated string like any other.
  if (text.startsWith('@') && text[1] !== '{') return [{ kind: 'expression', start: 0, end: text.length }];
  const out: Segment[] = [];
  let literalStart = 0;
  let i = 0;
  const pushLiteral = (end: number) => {
    if (end > literalStart) out.push({ kind: 'literal', start: literalStart, end });
  };
  while (i < text.length) {
    if (text[i] === '@' && text[i + 1] === '{') {
      pushLiteral(i);
      const end = closingBrace(text, i + 2);
      out.push({ kind: 'expression', start: i, end });
      i = literalStart = end;
      continue;
    }
    if (text[i] === '#' && text[i + 1] === '{') {
      const close = text.indexOf('}#', i + 2);
      if (close > 0 && !/[{\r\n]/.test(text.slice(i + 2, close))) {
        pushLiteral(i);
        out.push({ kind: 'token', start: i, end: close + 2 });
        i = literalStart = close + 2;
        continue;
      }
    }
    i++;
  }
  pushLiteral(text.length);
  return out;
}

/** Offset just after the `}` closing an interpolation whose body starts at `from` (quotes respected). */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  let quoted = false;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (quoted) {
      if (c === "'") {
        if (text[j + 1] === "'") j++;
        else quoted = false;
      }
    } else if (c === "'") quoted = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j + 1;
  }
  return text.length;
}

/** References an expression makes: variables, actions (body/outputs/actions), workflow parameters. */
export interface Refs {
  variables: string[];
  actions: string[];
  parameters: string[];
}

const VAR_REF = /\bvariables\(\s*'((?:[^']|'')*)'\s*\)/gi;
const ACTION_REF = /\b(?:body|outputs|actions|actionBody|actionOutputs)\(\s*'((?:[^']|'')*)'\s*\)/gi;
const PARAM_REF = /\bparameters\(\s*'((?:[^']|'')*)'\s*\)/gi;

export function refsOf(expression: string): Refs {
  const grab = (re: RegExp) => [...expression.matchAll(re)].map(m => m[1].replace(/''/g, "'"));
  return { variables: grab(VAR_REF), actions: grab(ACTION_REF), parameters: grab(PARAM_REF) };
}

/** How many references an expression makes: one means the value is the referenced value itself. */
export function refCount(expression: string): number {
  const r = refsOf(expression);
  return r.variables.length + r.actions.length + r.parameters.length;
}

/** Contents of the single-quoted string constants inside an expression segment (decoded offsets). */
export function quotedConstants(text: string, seg: Range): Range[] {
  const out: Range[] = [];
  let start = -1;
  // Jump from quote to quote (native search) instead of testing every character.
  for (let j = text.indexOf("'", seg.start); j >= 0 && j < seg.end; j = text.indexOf("'", j + 1)) {
    if (start < 0) start = j + 1;
    else if (text.charCodeAt(j + 1) === 39) j++;
    else {
      out.push({ start, end: j });
      start = -1;
    }
  }
  return out;
}

/** The single-quoted constant of an expression segment that contains [start, end), if any. */
export function quotedConstantAround(text: string, seg: Range, start: number, end: number): Range | undefined {
  return quotedConstants(text, seg).find(c => start >= c.start && end <= c.end);
}
