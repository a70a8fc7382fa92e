// Findings that claim the same text compete once configuration has had its say: a rule that is off, an
// option, an allow-list or a suppression removes only its own findings, and whatever remains decides who
// reports the text (credential > machine > environment-specific). One implementation for both families.
import { partitionPoint } from '../util/search';
import type { Category, Claim } from '../rules/rule';
import { mergeSpans, Span } from '../util/text';
import type { Finding } from './finding';

const RANK: Partial<Record<Category, number>> = { credential: 0, machine: 1, 'environment-specific': 2 };

export interface Candidate {
  finding: Finding;
  claim: Claim;
  /** The finding the claim falls back to (already configured and not suppressed), if any. */
  fallback?: Finding;
}

/**
 * The candidates that keep their text: a finding whose span overlaps one kept by a stronger
 * category loses it, and is replaced by its fallback when that overlaps no stronger finding. Findings
 * of one rank never compete with each other (a rule deduplicates its own findings).
 */
export function resolveClaims(candidates: readonly Candidate[]): Finding[] {
  // Script findings compete in their script's offsets: a script zipped in a v1 package has one file span
  // (the package value) for every finding in it.
  const byText = new Map<unknown, Candidate[]>();
  for (const c of candidates) {
    const key = c.finding.owner.script && c.finding.scriptSpan ? c.finding.owner.script : `${c.finding.loc.file.path}\u0000${c.finding.loc.file.entry ?? ''}`;
    const list = byText.get(key);
    if (list) list.push(c);
    else byText.set(key, [c]);
  }
  const out: Finding[] = [];
  for (const list of byText.values()) {
    const ranks = [...new Set(list.map(rankOf))].sort((a, b) => a - b);
    let taken: Span[] = [];
    for (const rank of ranks) {
      const kept: Span[] = [];
      for (const c of list) {
        if (rankOf(c) !== rank) continue;
        const winner = !overlapsAny(taken, spanOf(c.finding)) ? c.finding
          : c.fallback && !overlapsAny(taken, spanOf(c.fallback)) ? c.fallback
            : undefined;
        if (!winner) continue;
        out.push(winner);
        kept.push(spanOf(winner));
      }
      // Empty spans overlap nothing: they take no text.
      taken = mergeSpans([...taken, ...kept].filter(s => s.end > s.start));
    }
  }
  return out;
}

/** The span a finding claims: in its script when it has one, else in its file. */
function spanOf(f: Finding): Span {
  return f.owner.script && f.scriptSpan ? f.scriptSpan : f.loc.span;
}

function rankOf(c: Candidate): number {
  return RANK[c.finding.category] ?? 3;
}

/** Whether a span overlaps any of the sorted, disjoint spans (binary search: linear runs stay linear). */
function overlapsAny(sorted: readonly Span[], span: Span): boolean {
  // The last taken span starting before the span ends is the only one that can overlap it.
  const candidate = sorted[partitionPoint(sorted, s => s.start < span.end) - 1];
  return !!candidate && candidate.end > span.start && span.end > span.start;
}
