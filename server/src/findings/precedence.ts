// Findings that claim the same text compete once configuration has had its say: a rule that is off, an
// option, an allow-list or a suppression removes only its own findings, and whatever remains decides who
// reports the text (credential > machine > environment-specific). One implementation for both families.
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
 * The candidates that keep their text: a finding whose file span overlaps one kept by a stronger
 * category loses it, and is replaced by its fallback when that overlaps no stronger finding. Findings
 * of one rank never compete with each other (a rule deduplicates its own findings).
 */
export function resolveClaims(candidates: readonly Candidate[]): Finding[] {
  const byFile = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.finding.loc.file.path}\u0000${c.finding.loc.file.entry ?? ''}`;
    const list = byFile.get(key);
    if (list) list.push(c);
    else byFile.set(key, [c]);
  }
  const out: Finding[] = [];
  for (const list of byFile.values()) {
    const ranks = [...new Set(list.map(rankOf))].sort((a, b) => a - b);
    let taken: Span[] = [];
    for (const rank of ranks) {
      const kept: Span[] = [];
      for (const c of list) {
        if (rankOf(c) !== rank) continue;
        const winner = !overlapsAny(taken, c.finding.loc.span) ? c.finding
          : c.fallback && !overlapsAny(taken, c.fallback.loc.span) ? c.fallback
            : undefined;
        if (!winner) continue;
        out.push(winner);
        kept.push(winner.loc.span);
      }
      // Empty spans overlap nothing: they take no text.
      taken = mergeSpans([...taken, ...kept].filter(s => s.end > s.start));
    }
  }
  return out;
}

function rankOf(c: Candidate): number {
  return RANK[c.finding.category] ?? 3;
}

/** Whether a span overlaps any of the sorted, disjoint spans (binary search: linear runs stay linear). */
function overlapsAny(sorted: readonly Span[], span: Span): boolean {
  let lo = 0;
  let hi = sorted.length;
  // The last taken span starting before the span ends is the only one that can overlap it.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < span.end) lo = mid + 1;
    else hi = mid;
  }
  const candidate = sorted[lo - 1];
  return !!candidate && candidate.end > span.start && span.end > span.start;
}
