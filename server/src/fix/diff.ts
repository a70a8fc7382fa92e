// Unified diffs of changes, as `--fix-dry-run` prints them. A change's hunks come straight from its edits
// (no diff algorithm); two texts are compared with the linear-space line diff of line-diff.ts. Every shown
// line is masked and escaped for terminals and CI logs (util/terminal.ts). Masked are: the secrets removed
// by fixes and those FlowCop reported (given as texts or spans), wherever they or pieces of them appear
// (util/redact.ts); by position in each text, private keys from BEGIN to END and every whole occurrence of
// a secret, so a secret over several lines is masked on each of them; and on each shown line, what the
// shared classifier sees as a secret part (rules/shared/secret-parts: passwords, tokens, user-info, keys).
import { partitionPoint } from '../util/search';
import * as nodePath from 'node:path';
import { privateKeyBlocks, secretSpansInValue } from '../analysis/shared/secret-parts';
import { SecretMasker } from '../util/redact';
import { escapeText } from '../util/terminal';
import type { Span } from '../util/text';
import type { FileChange, TextEdit, WorkspaceChange } from './change';
import { diffLines } from './line-diff';

export interface DiffOptions {
  /** Paths are shown relative to this folder. */
  base?: string;
  /** Lines of context around each change (default 3). */
  context?: number;
  /** Text to mask (secret literals). */
  redact?: readonly string[];
  /** Text at these spans of these texts is secret (the findings of a run): masked wherever it is shown. */
  secretSpans?: ReadonlyArray<{ text: string; spans: readonly Span[] }>;
}

/** Old lines [oldStart, oldEnd) (0-based) become `newLines`. */
interface LineChange {
  oldStart: number;
  oldEnd: number;
  newLines: string[];
}

/** A unified diff of a change (git-style a/ and b/ paths, `/dev/null` for new files). */
export function renderDiff(change: WorkspaceChange, options: DiffOptions = {}): string {
  const parts: string[] = [];
  const secrets = secretsOf(options, change.redact);
  const masker = new SecretMasker(secrets, secretSpansInValue);
  for (const f of change.files) {
    if (!f.edits.length) continue;
    const lines = splitLines(f.original);
    const after = applyEditsOf(f.original, f.edits);
    const sides = { old: new SecretLines(f.original, lines, options, secrets), new: new SecretLines(after, splitLines(after), options, secrets) };
    parts.push(render(f.path, lines, false, changesOfEdits(f, lines), options, masker, sides));
  }
  for (const c of change.creates) parts.push(fileDiff(c.path, undefined, c.content, options, masker, secrets));
  return parts.join('');
}

/** A unified diff of one file; `oldText` undefined for a new file. */
export function unifiedDiff(absPath: string, oldText: string | undefined, newText: string, options: DiffOptions = {}): string {
  const secrets = secretsOf(options);
  return fileDiff(absPath, oldText, newText, options, new SecretMasker(secrets, secretSpansInValue), secrets);
}

function fileDiff(absPath: string, oldText: string | undefined, newText: string, options: DiffOptions, masker: SecretMasker, secrets: readonly string[]): string {
  const a = splitLines(oldText ?? '');
  const b = splitLines(newText);
  const sides = { old: new SecretLines(oldText ?? '', a, options, secrets), new: new SecretLines(newText, b, options, secrets) };
  const changes = oldText === undefined ? newFileChanges(b) : diffLines(a, b).map(c => ({ oldStart: c.a0, oldEnd: c.a1, newLines: b.slice(c.b0, c.b1) }));
  return render(absPath, a, oldText === undefined, changes, options, masker, sides);
}

/** Every secret text the options and the change name. */
function secretsOf(options: DiffOptions, more: readonly string[] = []): string[] {
  const secrets = [...(options.redact ?? []), ...more];
  for (const s of options.secretSpans ?? []) for (const span of s.spans) secrets.push(s.text.slice(span.start, span.end));
  return [...new Set(secrets.filter(s => s.length >= 3))];
}

/**
 * The secret ranges of one text, by line: by position in the whole text, private keys (BEGIN to END),
 * the spans given for it and every occurrence of a secret; and on each shown line, what the shared
 * classifier finds (only shown lines are classified: the cost follows the size of the diff).
 */
class SecretLines {
  private readonly starts: number[] = [];
  private readonly ranges: Span[];

  constructor(text: string, private readonly lines: readonly string[], options: DiffOptions, secrets: readonly string[]) {
    let at = 0;
    for (const l of lines) { this.starts.push(at); at += l.length; }
    this.starts.push(at);
    const ranges = privateKeyBlocks(text);
    for (const s of options.secretSpans ?? []) if (s.text === text) ranges.push(...s.spans);
    for (const secret of secrets) {
      for (let i = text.indexOf(secret); i >= 0; i = text.indexOf(secret, i + secret.length)) ranges.push({ start: i, end: i + secret.length });
    }
    ranges.sort((x, y) => x.start - y.start);
    this.ranges = [];
    for (const r of ranges) {
      const last = this.ranges[this.ranges.length - 1];
      if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
      else this.ranges.push({ start: r.start, end: r.end });
    }
  }

  /** The secret ranges of line `index`, relative to the line. */
  of(index: number): Span[] {
    if (index >= this.lines.length) return [];
    const out = secretSpansInValue(this.lines[index]);
    if (!this.ranges.length) return out;
    const from = this.starts[index];
    const to = this.starts[index + 1];
    // The first range that ends after the line starts.
    for (let k = partitionPoint(this.ranges, r => r.end <= from); k < this.ranges.length && this.ranges[k].start < to; k++) out.push({ start: this.ranges[k].start - from, end: this.ranges[k].end - from });
    return out;
  }
}

/** The text after sorted, non-overlapping edits (change.ts has the same; kept here to stay free of cycles). */
function applyEditsOf(text: string, edits: readonly TextEdit[]): string {
  const parts: string[] = [];
  let p = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    parts.push(text.slice(p, e.span.start), e.newText);
    p = e.span.end;
  }
  parts.push(text.slice(p));
  return parts.join('');
}

/** Lines with their terminators; no empty last line. Linear. */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let p = 0;
  while (p < text.length) {
    const nl = text.indexOf('\n', p);
    const end = nl < 0 ? text.length : nl + 1;
    out.push(text.slice(p, end));
    p = end;
  }
  return out;
}

function newFileChanges(lines: string[]): LineChange[] {
  return lines.length ? [{ oldStart: 0, oldEnd: 0, newLines: lines }] : [];
}

// ---------------------------------------------------------------------------------------------
// Hunks from edits

/** The line changes of a file change, straight from its sorted edits. */
function changesOfEdits(f: FileChange, lines: string[]): LineChange[] {
  const text = f.original;
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) { starts.push(at); at += l.length; }
  starts.push(text.length);
  const n = lines.length;
  /** The line holding an offset; `n` for the end of a text that ends with a line break. */
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset && mid < n) lo = mid;
      else hi = mid - 1;
    }
    return offset >= text.length && (n === 0 || text.endsWith('\n')) ? n : lo;
  };
  const out: LineChange[] = [];
  let region: { first: number; end: number; pieces: string[]; from: number } | undefined;
  const flush = () => {
    if (!region) return;
    region.pieces.push(text.slice(region.from, starts[region.end]));
    out.push(...trimmed(lines, region.first, region.end, splitLines(region.pieces.join(''))));
    region = undefined;
  };
  for (const e of [...f.edits].sort((x, y) => x.span.start - y.span.start)) {
    const first = lineOf(e.span.start);
    const last = e.span.end > e.span.start && starts[lineOf(e.span.end)] === e.span.end ? lineOf(e.span.end) - 1 : lineOf(e.span.end);
    const end = Math.min(n, Math.max(first, last) + 1);
    if (region && first < region.end) {
      region.pieces.push(text.slice(region.from, e.span.start), e.newText);
      region.from = e.span.end;
      region.end = Math.max(region.end, end);
      continue;
    }
    flush();
    region = { first, end, pieces: [text.slice(starts[first], e.span.start), e.newText], from: e.span.end };
  }
  flush();
  return out;
}

/** Old lines [first, end) against their new lines, without the lines both start and end with. */
function trimmed(lines: string[], first: number, end: number, newLines: string[]): LineChange[] {
  let lo = 0;
  while (first + lo < end && lo < newLines.length && lines[first + lo] === newLines[lo]) lo++;
  let hi = 0;
  while (end - hi > first + lo && newLines.length - hi > lo && lines[end - 1 - hi] === newLines[newLines.length - 1 - hi]) hi++;
  if (first + lo === end - hi && lo === newLines.length - hi) return [];
  return [{ oldStart: first + lo, oldEnd: end - hi, newLines: newLines.slice(lo, newLines.length - hi) }];
}

// ---------------------------------------------------------------------------------------------
// Rendering

function render(absPath: string, oldLines: string[], created: boolean, changes: LineChange[], options: DiffOptions, masker: SecretMasker,
  sides: { old: SecretLines; new: SecretLines }): string {
  if (!changes.length) return '';
  const rel = escapeText(options.base ? nodePath.relative(options.base, absPath).split(nodePath.sep).join('/') : absPath.split(nodePath.sep).join('/'));
  const ctx = options.context ?? 3;
  const out: string[] = [`--- ${created ? '/dev/null' : `a/${rel}`}\n+++ b/${rel}\n`];
  const show = (sign: string, line: string, known: Span[]) => {
    // The line break stays as it is; everything before it is masked and escaped.
    const eol = line.endsWith('\r\n') ? '\r\n' : line.endsWith('\n') ? '\n' : '';
    const shown = sign + escapeText(masker.mask(line.slice(0, line.length - eol.length), known));
    out.push(eol ? shown + eol : `${shown}\n\\ No newline at end of file\n`);
  };
  let delta = 0;
  for (let i = 0; i < changes.length;) {
    // A hunk: changes closer than 2 × context lines, with context around them.
    let j = i;
    while (j + 1 < changes.length && changes[j + 1].oldStart - changes[j].oldEnd <= 2 * ctx) j++;
    const start = Math.max(0, changes[i].oldStart - ctx);
    const end = Math.min(oldLines.length, changes[j].oldEnd + ctx);
    let hunkDelta = 0;
    for (let k = i; k <= j; k++) hunkDelta += changes[k].newLines.length - (changes[k].oldEnd - changes[k].oldStart);
    const oldCount = end - start;
    const newCount = oldCount + hunkDelta;
    out.push(`@@ -${oldCount ? start + 1 : start},${oldCount} +${newCount ? start + delta + 1 : start + delta},${newCount} @@\n`);
    let p = start;
    // Index in the new text of the next context or added line.
    let q = start + delta;
    const context = (line: number) => {
      // A context line is in both texts: secret by either's ranges.
      show(' ', oldLines[line], [...sides.old.of(line), ...sides.new.of(q)]);
      q++;
    };
    for (let k = i; k <= j; k++) {
      const c = changes[k];
      for (; p < c.oldStart; p++) context(p);
      for (let d = c.oldStart; d < c.oldEnd; d++) show('-', oldLines[d], sides.old.of(d));
      for (const l of c.newLines) show('+', l, sides.new.of(q++));
      p = c.oldEnd;
    }
    for (; p < end; p++) context(p);
    delta += hunkDelta;
    i = j + 1;
  }
  return out.join('');
}
