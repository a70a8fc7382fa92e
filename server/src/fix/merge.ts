// Merging the changes of several fixes into one (a round of `--fix`, "fix all" in the editor).
// Edits that overlap or touch conflict — except appends to the same slot (append.ts), which compose:
// the merged edit holds every item, rendered once when the merge is built.
import * as nodePath from 'node:path';
import { partitionPoint } from '../util/search';
import { addItem, AppendItem, renderSlot, sameSlot } from './append';
import { FixError } from './fix-error';
import type { FileChange, NewFile, TextEdit, WorkspaceChange } from './change';

function fileKey(f: { path: string; entry?: string }): string {
  return f.entry ? `${f.path}!/${f.entry}` : f.path;
}

/** Two edits conflict when they overlap or touch (two insertions at one place have no order). */
function editsConflict(a: TextEdit, b: TextEdit): boolean {
  return Math.max(a.span.start, b.span.start) <= Math.min(a.span.end, b.span.end);
}

/** Index of the first edit of `sorted` (non-overlapping, by start) whose end is at or after `offset`. */
function firstEndingAtOrAfter(sorted: readonly TextEdit[], offset: number): number {
  return partitionPoint(sorted, e => e.span.end < offset);
}

/** Appends to one slot compose: same span, same slot, and no key holding two different texts. */
function composes(a: TextEdit, b: TextEdit): boolean {
  if (!a.append || !b.append || a.span.start !== b.span.start || a.span.end !== b.span.end || !sameSlot(a.append.slot, b.append.slot)) return false;
  const items = [...a.append.items];
  return b.append.items.every(i => addItem(items, i));
}

/**
 * Why `e` cannot join sorted, non-overlapping edits: O(log k) to find its neighbours. Returns the
 * existing append edit it composes with, 'free' when it touches nothing, or 'conflict'.
 */
function placeIn(sorted: readonly TextEdit[], e: TextEdit): TextEdit | 'free' | 'conflict' {
  let partner: TextEdit | undefined;
  for (let i = firstEndingAtOrAfter(sorted, e.span.start); i < sorted.length && editsConflict(sorted[i], e); i++) {
    if (partner || !composes(sorted[i], e)) return 'conflict';
    partner = sorted[i];
  }
  return partner ?? 'free';
}

/**
 * Changes merged one after another, each checked against what was merged so far by binary search
 * (not against every edit): merging k changes costs O(k log k), not O(k²). Appends to a slot collect
 * their items; the slot's text is rendered once, in build().
 */
export class ChangeMerger {
  private readonly files = new Map<string, FileChange>();
  private readonly creates = new Map<string, NewFile>();
  private readonly redactions = new Set<string>();

  constructor(base?: WorkspaceChange) {
    if (base) this.add(base);
  }

  /** Why `next` cannot be merged (overlapping edits, clashing new files), or undefined. */
  conflict(next: WorkspaceChange): string | undefined {
    for (const c of next.creates) {
      const key = nodePath.resolve(c.path);
      const same = this.creates.get(key);
      if (same && same.content !== c.content) return `both create ${c.path}`;
      if (this.files.has(key)) return `${c.path} is both created and edited`;
    }
    for (const f of next.files) {
      const key = fileKey(f);
      if (this.creates.has(key)) return `${key} is both created and edited`;
      const other = this.files.get(key);
      if (!other) continue;
      if (other.hash !== f.hash) return `${key} was read twice with different contents`;
      if (f.edits.some(e => placeIn(other.edits, e) === 'conflict')) return `overlapping edits in ${key}`;
    }
    return undefined;
  }

  /** Merges `next`; throws FixError when it conflicts. */
  add(next: WorkspaceChange): void {
    const why = this.conflict(next);
    if (why) throw new FixError(why);
    for (const f of next.files) {
      const key = fileKey(f);
      let existing = this.files.get(key);
      if (!existing) this.files.set(key, existing = { ...f, edits: [] });
      for (const e of f.edits) {
        const at = placeIn(existing.edits, e);
        // The merger owns its append edits (their item lists grow): never the caller's objects.
        const own: TextEdit = e.append ? { span: e.span, newText: e.newText, append: { slot: e.append.slot, items: [...e.append.items] } } : e;
        if (at === 'free') existing.edits.splice(firstEndingAtOrAfter(existing.edits, e.span.start), 0, own);
        else if (at !== 'conflict') for (const item of e.append!.items) addItem(at.append!.items as AppendItem[], item);
      }
    }
    for (const c of next.creates) {
      const key = nodePath.resolve(c.path);
      if (!this.creates.has(key)) this.creates.set(key, c);
    }
    for (const r of next.redact ?? []) this.redactions.add(r);
  }

  build(): WorkspaceChange {
    const redact = [...this.redactions];
    const render = (e: TextEdit): TextEdit => (e.append ? { span: e.span, newText: renderSlot(e.append.slot, e.append.items), append: { slot: e.append.slot, items: [...e.append.items] } } : e);
    return {
      files: [...this.files.values()].map(f => ({ ...f, edits: f.edits.map(render) })),
      creates: [...this.creates.values()],
      ...(redact.length ? { redact } : {}),
    };
  }
}

/** Whether `next` can be merged into `base` (no overlapping edit, no clash of new files). */
export function conflicts(base: WorkspaceChange, next: WorkspaceChange): string | undefined {
  return new ChangeMerger(base).conflict(next);
}

/** Merges `next` into `base` (returns a new change); throws when they conflict. */
export function mergeInto(base: WorkspaceChange, next: WorkspaceChange): WorkspaceChange {
  const merger = new ChangeMerger(base);
  merger.add(next);
  return merger.build();
}

/**
 * Merges changes in order, skipping each one that overlaps an earlier accepted one.
 * Returns the merged change and the indexes accepted and skipped.
 */
export function mergeChanges(changes: WorkspaceChange[]): { change: WorkspaceChange; accepted: number[]; skipped: number[] } {
  const merger = new ChangeMerger();
  const accepted: number[] = [];
  const skipped: number[] = [];
  changes.forEach((c, i) => {
    if (merger.conflict(c)) { skipped.push(i); return; }
    merger.add(c);
    accepted.push(i);
  });
  return { change: merger.build(), accepted, skipped };
}
