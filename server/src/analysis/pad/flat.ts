// Flattened strings: the decoded text of a string literal with one placeholder character per
// interpolation, and the script offsets of every character, so that a scan over plain text can be
// reported at the exact script span and can tell literal text from interpolated values.
import type { Expr, ObjectLit, StringLit } from '../../model/pad-ast';
import type { Span } from '../../util/text';

/** The text of a string literal with every `%expr%` / `${expr}` replaced by one `%`, and script offsets per character. */
export interface FlatString {
  readonly lit: StringLit;
  readonly text: string;
  /** Script offsets where character i starts and ends (raw, escapes included). */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Character i stands for an interpolation (1). */
  readonly interp: Uint8Array;
  /** Interpolated expressions by their placeholder index. */
  readonly interpolations: Array<{ index: number; expr: Expr }>;
  /** No interpolation at all. */
  readonly pure: boolean;
}

// A literal with interpolations is flattened by several facts (values, URLs, connection strings) and
// fixes: once is enough. Keyed by the literal node, which the parser never changes after building it.
const flattened = new WeakMap<StringLit, FlatString>();

export function flatten(lit: StringLit): FlatString {
  // A text without interpolation is its own flat text, made for nothing: cheaper than a weak-map entry.
  const parts = lit.parts;
  if (parts.length === 1 && parts[0].kind === 'text') return new Flat(lit, parts[0].value, NO_INTERPOLATIONS);
  let flat = flattened.get(lit);
  if (!flat) flattened.set(lit, (flat = flattenOnce(lit)));
  return flat;
}

const NO_INTERPOLATIONS: FlatString['interpolations'] = [];

function flattenOnce(lit: StringLit): FlatString {
  const parts = lit.parts;
  let pure = true;
  for (const part of parts) if (part.kind === 'interpolation') pure = false;
  if (pure) return new Flat(lit, parts.map(p => (p.kind === 'text' ? p.value : '')).join(''), NO_INTERPOLATIONS);
  const chunks: string[] = [];
  const interpolations: FlatString['interpolations'] = [];
  let k = 0;
  for (const part of parts) {
    if (part.kind === 'interpolation') {
      interpolations.push({ index: k++, expr: part.expr });
      chunks.push('%');
    } else {
      chunks.push(part.value);
      k += part.value.length;
    }
  }
  return new Flat(lit, chunks.join(''), interpolations);
}

/**
 * A flattened literal whose per-character offsets are filled in only when asked for: most literals are
 * scanned and found to hold nothing to report, and three typed arrays per literal were a tenth of the
 * allocation of the fact pass.
 */
class Flat implements FlatString {
  readonly pure: boolean;
  private offsets: { starts: Int32Array; ends: Int32Array; interp: Uint8Array } | undefined;

  constructor(readonly lit: StringLit, readonly text: string, readonly interpolations: FlatString['interpolations']) {
    this.pure = interpolations.length === 0;
  }

  get starts(): Int32Array { return (this.offsets ??= characterOffsets(this.lit, this.text.length)).starts; }
  get ends(): Int32Array { return (this.offsets ??= characterOffsets(this.lit, this.text.length)).ends; }
  get interp(): Uint8Array { return (this.offsets ??= characterOffsets(this.lit, this.text.length)).interp; }
}

function characterOffsets(lit: StringLit, length: number): { starts: Int32Array; ends: Int32Array; interp: Uint8Array } {
  // Sized once and filled in place: per-character `text +=` and push() cost ~135 bytes per character.
  const starts = new Int32Array(length);
  const ends = new Int32Array(length);
  const interp = new Uint8Array(length);
  let k = 0;
  for (const part of lit.parts) {
    if (part.kind === 'interpolation') {
      starts[k] = part.span.start;
      ends[k] = part.span.end;
      interp[k++] = 1;
      continue;
    }
    for (let i = 0; i < part.value.length; i++, k++) {
      const s = part.offsets ? part.offsets[i] : part.span.start + i;
      starts[k] = s;
      ends[k] = part.offsets ? (i + 1 < part.offsets.length ? part.offsets[i + 1] : part.span.end) : s + 1;
    }
  }
  return { starts, ends, interp };
}

/** Script span of characters [a, b) of a flat string. */
export function flatSpan(f: FlatString, a: number, b: number): Span {
  if (b <= a) return { start: f.starts[a] ?? f.lit.span.start, end: f.starts[a] ?? f.lit.span.start };
  return { start: f.starts[a], end: f.ends[b - 1] };
}

/** Some character in [a, b) stands for an interpolation. */
export function hasInterp(f: FlatString, a: number, b: number): boolean {
  if (f.pure) return false;
  for (let i = a; i < b; i++) if (f.interp[i]) return true;
  return false;
}

/** Interpolated expressions placed within [a, b). */
export function interpsIn(f: FlatString, a: number, b: number): Expr[] {
  return f.interpolations.filter(x => x.index >= a && x.index < b).map(x => x.expr);
}

/** Operators that join texts: their operands are parts of one value. */
export const CONCAT_OPS = new Set(['+', '&']);

/** The string literals of a value expression (not inside index keys, calls or selectors). */
export function valueStrings(expr: Expr): StringLit[] {
  const out: StringLit[] = [];
  const stack: Expr[] = [expr];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.kind === 'string') out.push(e);
    else if (e.kind === 'paren') stack.push(e.expr);
    else if (e.kind === 'binary' && CONCAT_OPS.has(e.op)) stack.push(e.right, e.left);
    else if (e.kind === 'list') stack.push(...[...e.items].reverse());
    else if (e.kind === 'object') stack.push(...(e as ObjectLit).entries.map(x => x.value).reverse());
    else if (e.kind === 'datatable') stack.push(...[...e.header, ...e.rows.flat()].reverse());
  }
  return out;
}
