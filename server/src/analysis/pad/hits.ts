// What the desktop-flow detectors share about a piece of a literal they report: the hit shape, the
// reportable ranges of a literal, whether a literal is a value stored whole, and de-duplication.
import type { Span } from '../../util/text';
import { isPlaceholderSecret } from '../shared/values';
import { flatSpan } from './flat';
import type { LiteralUse } from './types';

/** A piece of a literal a detector reports. */
export interface Hit {
  use: LiteralUse;
  span: Span;
  /** The reported range is the whole literal (a pure literal that is the entire value). */
  literal: 'whole' | 'part';
}

/** Whole (the entire pure literal) or the non-placeholder text parts of a literal. */
export function literalRanges(use: LiteralUse): Array<{ span: Span; literal: 'whole' | 'part'; text: string }> {
  const f = use.flat;
  if (f.pure) {
    if (isPlaceholderSecret(f.text)) return [];
    // An operand of `+` is part of the value: report its text, not its quotes.
    return [{ span: use.entire ? use.lit.span : flatSpan(f, 0, f.text.length), literal: use.entire ? 'whole' : 'part', text: f.text }];
  }
  const out: Array<{ span: Span; literal: 'whole' | 'part'; text: string }> = [];
  let i = 0;
  while (i < f.text.length) {
    if (f.interp[i]) { i++; continue; }
    let j = i;
    while (j < f.text.length && !f.interp[j]) j++;
    const text = f.text.slice(i, j);
    const lead = text.length - text.trimStart().length;
    const trail = text.length - text.trimEnd().length;
    if (text.trim() !== '' && !isPlaceholderSecret(text) && /[A-Za-z0-9]/.test(text)) out.push({ span: flatSpan(f, i + lead, j - trail), literal: 'part', text: text.trim() });
    i = j;
  }
  return out;
}

/** A value stored as a whole (SET, CALL argument, default, custom-object property): a configuration value. */
export function storedWhole(use: LiteralUse): boolean {
  return use.entire && (use.ctx.kind === 'set' || use.ctx.kind === 'call' || use.ctx.kind === 'default');
}

/** One hit per span, in document order. */
export function dedupeHits<T extends Hit>(hits: T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const h of hits) {
    const k = `${h.span.start}:${h.span.end}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(h);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
