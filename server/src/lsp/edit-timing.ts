// When an edit is linted and which version of a document a publication stands for: the two questions of
// as-you-type linting that the session (session.ts) asks on each keystroke.
import type { Unit } from './analyzer';
import type { OpenDocuments } from './documents';

/**
 * How long an edit waits for more keystrokes before its units are re-linted. None for a unit that re-lints
 * within `ceilingMs` (a solution or a 5,000-line script): its problems follow the keystroke as soon as the
 * re-lint is done, and keystrokes that arrive while a re-lint runs are linted together after it, so the
 * server never queues more than one. Only a unit whose last re-lint took longer than the ceiling, and was
 * linted less than that ago (typing goes on), waits `ceilingMs`: one costly re-lint per burst instead of one
 * per key. A unit not re-linted since the scan lints at once: the scan's whole, cold lint is no measure of
 * a re-lint. (Waiting as long as every re-lint ≥ 50 ms took doubled what the maker waits for its problems.)
 */
export function debounceFor(units: readonly Unit[], ceilingMs: number, now = Date.now()): number {
  const cost = Math.max(0, ...units.map(u => u.relintMs ?? 0));
  const idle = now - Math.max(0, ...units.map(u => u.lintedAt ?? 0));
  return cost <= ceilingMs || idle >= cost ? 0 : ceilingMs;
}

/** The versions of the open documents whose text these units read: what a re-lint of them is computed from. */
export function versionsReadBy(documents: OpenDocuments, units: readonly Unit[]): Map<string, number> {
  const docs = documents.documentsReadIn(path => units.some(u => u.files.has(path) || (u.kind === 'script' && u.root === path)));
  return new Map(docs.map(d => [d.uri, d.version]));
}
