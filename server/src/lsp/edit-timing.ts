// When an edit is linted and which version of a document a publication stands for: the two questions of
// as-you-type linting that the session (session.ts) asks on each keystroke.
import type { Unit } from './analyzer';
import type { OpenDocuments } from './documents';

/** A re-lint that takes less than this runs right after each edit. */
export const CHEAP_RELINT_MS = 50;

/**
 * How long an edit waits for more keystrokes. None when its units re-lint cheaply (edits that arrive while one
 * runs are linted together after it) or have been idle for longer than a re-lint takes (the first keystroke
 * after a pause is linted at once); else as long as their last re-lint took, within `ceilingMs`. So a costly
 * re-lint is made once per burst of typing, and the server lints at most about half the time.
 */
export function debounceFor(units: readonly Unit[], ceilingMs: number, now = Date.now()): number {
  const cost = Math.max(0, ...units.map(u => u.ms));
  const idle = now - Math.max(0, ...units.map(u => u.lintedAt ?? 0));
  return cost < CHEAP_RELINT_MS || idle >= cost ? 0 : Math.min(ceilingMs, cost);
}

/** The versions of the open documents whose text these units read: what a re-lint of them is computed from. */
export function versionsReadBy(documents: OpenDocuments, units: readonly Unit[]): Map<string, number> {
  const docs = documents.documentsReadIn(path => units.some(u => u.files.has(path) || (u.kind === 'script' && u.root === path)));
  return new Map(docs.map(d => [d.uri, d.version]));
}
