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
  // Every reference starts at a `@{` or a `#{`: jump between those instead of reading each character.
  let i = nextReferenceStart(text, 0);
  while (i < text.length) {
    if (text.charCodeAt(i) === 64 /* @ */) {
      if (i > literalStart) out.push({ kind: 'literal', start: literalStart, end: i });
      const end = closingBrace(text, i + 2);
      out.push({ kind: 'expression', start: i, end });
      i = literalStart = end;
    } else {
      const close = text.indexOf('}#', i + 2);
      if (close > 0 && !PIPELINE_TOKEN_BREAK.test(text.slice(i + 2, close))) {
        if (i > literalStart) out.push({ kind: 'literal', start: literalStart, end: i });
        out.push({ kind: 'token', start: i, end: close + 2 });
        i = literalStart = close + 2;
      } else i++;
    }
    i = nextReferenceStart(text, i);
  }
  if (text.length > literalStart) out.push({ kind: 'literal', start: literalStart, end: text.length });
  return out;
}

const PIPELINE_TOKEN_BREAK = /[{\r\n]/;

/** The first `@{` or `#{` at or after `from`, or the text's length. */
function nextReferenceStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 64 || c === 35) && text.charCodeAt(i + 1) === 123) return i;
  }
  return text.length;
}

// The segments of the two commonest values, a plain literal and one whole expression, depend on the length
// alone: one frozen list per length is shared by every such value (nobody writes to a leaf's segments).
const SHARED_LENGTH_LIMIT = 4096;
const wholeLiteralByLength: Segment[][] = [];
const wholeExpressionByLength: Segment[][] = [];
const NO_SEGMENTS: Segment[] = Object.freeze([]) as unknown as Segment[];

/** segmentString, with the same frozen list for every value of one shape and length (read-only callers). */
export function sharedSegments(text: string): Segment[] {
  const n = text.length;
  if (n === 0) return NO_SEGMENTS;
  if (n >= SHARED_LENGTH_LIMIT) return segmentString(text);
  const first = text.charCodeAt(0);
  if (first === 64 /* @ */ && n > 1 && text.charCodeAt(1) !== 123 && text.charCodeAt(1) !== 64) return (wholeExpressionByLength[n] ??= frozen('expression', n));
  if (first !== 64 && nextReferenceStart(text, 0) === n) return (wholeLiteralByLength[n] ??= frozen('literal', n));
  return segmentString(text);
}

function frozen(kind: Segment['kind'], n: number): Segment[] {
  return Object.freeze([Object.freeze({ kind, start: 0, end: n })]) as unknown as Segment[];
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
