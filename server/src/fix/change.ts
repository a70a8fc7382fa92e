// Edits across files, as the fix engine produces them: text edits per file (in offsets of the decoded
// text, against the exact bytes that were analysed) and new files. A change is built with a
// ChangeBuilder, merged with others (overlapping edits refused), applied to disk or to a Vfs (refusing
// every file that changed since it was read, all or nothing), and rendered as a unified diff.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { FormattingOptions, JSONPath, modify } from 'jsonc-parser';
import { decodeText, DirEntry, encodeText, MemoryVfs, Vfs } from '../load/vfs';
import { dominantEol, fileLabel, SourceFile, Span, TextEncoding } from '../util/text';

export interface TextEdit {
  /** Span in the decoded text (BOM excluded) of the file as analysed. */
  span: Span;
  newText: string;
}

export interface FileChange {
  /** Absolute path of the file. */
  path: string;
  /** Set for a file inside a packed .zip: such changes are never applied. */
  entry?: string;
  /** SHA-1 of the bytes the edits were computed against (SourceFile.hash). */
  hash: string;
  bom: boolean;
  encoding: TextEncoding;
  /** Sorted, non-overlapping edits. */
  edits: TextEdit[];
  /** The decoded text the edits apply to (for diffs and merges). */
  original: string;
}

export interface NewFile {
  /** Absolute path; the file must not exist yet (or hold exactly this content). */
  path: string;
  content: string;
  bom?: boolean;
}

export interface WorkspaceChange {
  files: FileChange[];
  creates: NewFile[];
  /**
   * Text that must never be printed (secret literals being removed, in decoded and encoded form):
   * diffs show it masked. Never written anywhere.
   */
  redact?: string[];
}

/** A fix that cannot be built for this finding (the reason is shown to the user). */
export class FixError extends Error {}

export function isEmptyChange(c: WorkspaceChange): boolean {
  return c.creates.length === 0 && c.files.every(f => f.edits.length === 0);
}

// ---------------------------------------------------------------------------------------------
// Composing several edits of one file (each computed on the text as changed by the previous ones)

type Segment = { s: number; e: number; t?: undefined } | { t: string; s?: undefined; e?: undefined };

/**
 * The text of a file under a sequence of edits, each expressed in offsets of the text as it is
 * after the previous ones; turns them back into minimal edits of the original text.
 */
export class TextComposer {
  private segs: Segment[];
  private cache: string | undefined;

  constructor(readonly original: string) {
    this.segs = original.length ? [{ s: 0, e: original.length }] : [];
    this.cache = original;
  }

  get text(): string {
    if (this.cache === undefined) this.cache = this.segs.map(g => (g.t !== undefined ? g.t : this.original.slice(g.s, g.e))).join('');
    return this.cache;
  }

  /** Replaces [offset, offset + length) of the current text. The edit is trimmed to what changes. */
  apply(offset: number, length: number, content: string): void {
    const current = this.text;
    if (offset < 0 || length < 0 || offset + length > current.length) throw new Error(`edit out of range (${offset}+${length} of ${current.length})`);
    // Minimal: drop the common prefix and suffix of the old and new text.
    const old = current.slice(offset, offset + length);
    let p = 0;
    while (p < old.length && p < content.length && old[p] === content[p]) p++;
    let q = 0;
    while (q < old.length - p && q < content.length - p && old[old.length - 1 - q] === content[content.length - 1 - q]) q++;
    offset += p;
    length = old.length - p - q;
    content = content.slice(p, content.length - q);
    if (length === 0 && content === '') return;

    const out: Segment[] = [];
    let pos = 0;
    let inserted = false;
    const end = offset + length;
    const insert = () => {
      if (!inserted) {
        if (content) out.push({ t: content });
        inserted = true;
      }
    };
    for (const g of this.segs) {
      const len = g.t !== undefined ? g.t.length : g.e - g.s;
      const a = pos;
      const b = pos + len;
      pos = b;
      if (b <= offset) { out.push(g); continue; }
      if (a >= end && a >= offset) { insert(); out.push(g); continue; }
      // Keep the part before the edit, drop the overlap, keep the part after.
      const keepBefore = Math.max(0, offset - a);
      const keepAfterFrom = Math.max(0, end - a);
      if (keepBefore > 0) out.push(slice(g, 0, keepBefore));
      insert();
      if (keepAfterFrom < len) out.push(slice(g, keepAfterFrom, len));
    }
    insert();
    this.segs = out.filter(g => (g.t !== undefined ? g.t.length > 0 : g.e > g.s));
    this.cache = undefined;
  }

  /** Offset in the current text of an original offset that no edit has touched, else undefined. */
  mapOriginal(offset: number, side: 'start' | 'end' = 'start'): number | undefined {
    let pos = 0;
    for (const g of this.segs) {
      if (g.t !== undefined) { pos += g.t.length; continue; }
      if (side === 'start' ? offset >= g.s && offset < g.e : offset > g.s && offset <= g.e) return pos + offset - g.s;
      pos += g.e - g.s;
    }
    if (offset === this.original.length && side === 'start') return this.segsEndsWithOriginalEnd() ? pos : undefined;
    return undefined;
  }

  private segsEndsWithOriginalEnd(): boolean {
    const last = this.segs[this.segs.length - 1];
    return !last || (last.t === undefined && last.e === this.original.length);
  }

  /** The edits of the original text. */
  edits(): TextEdit[] {
    const out: TextEdit[] = [];
    let p = 0;
    let pending = '';
    for (const g of this.segs) {
      if (g.t !== undefined) { pending += g.t; continue; }
      if (g.s > p || pending) out.push({ span: { start: p, end: g.s }, newText: pending });
      pending = '';
      p = g.e;
    }
    if (p < this.original.length || pending) out.push({ span: { start: p, end: this.original.length }, newText: pending });
    return out;
  }
}

function slice(g: Segment, from: number, to: number): Segment {
  return g.t !== undefined ? { t: g.t.slice(from, to) } : { s: g.s + from, e: g.s + to };
}

// ---------------------------------------------------------------------------------------------
// Building a change

/** Indentation and line ending of a JSON or XML file, for text we insert. */
export function formattingOf(text: string): FormattingOptions & { eol: string } {
  const eol = dominantEol(text);
  const m = /\n([ \t]+)\S/.exec(text);
  if (m && m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  // The smallest indent step seen among the first lines.
  let step = 0;
  for (const line of text.split('\n').slice(0, 200)) {
    const n = /^( +)\S/.exec(line)?.[1].length ?? 0;
    if (n > 0 && (step === 0 || n < step)) step = n;
  }
  return { insertSpaces: true, tabSize: step || 2, eol };
}

export interface JsonModifyOptions {
  /** Insert a new object property before this existing property (default: at the end). */
  before?: string;
  /** The last path segment is an array index at which to insert (use the array length to append). */
  arrayInsert?: boolean;
}

function fileKey(f: { path: string; entry?: string }): string {
  return f.entry ? `${f.path}!/${f.entry}` : f.path;
}

/** Collects the edits of one fix; several edits of the same file compose. */
export class ChangeBuilder {
  private readonly files = new Map<string, { file: SourceFile; composer: TextComposer }>();
  private readonly creates = new Map<string, NewFile>();
  private readonly redactions = new Set<string>();

  private entry(file: SourceFile) {
    if (file.entry) throw new FixError(`${fileLabel(file)} is inside a packed .zip: FlowCop never edits packed solutions; unpack it (pac solution unpack) and fix the unpacked files.`);
    const key = fileKey(file);
    let e = this.files.get(key);
    if (!e) {
      e = { file, composer: new TextComposer(file.text) };
      this.files.set(key, e);
    }
    return e;
  }

  /** The file's text with this builder's edits so far. */
  text(file: SourceFile): string {
    return this.files.get(fileKey(file))?.composer.text ?? file.text;
  }

  /** Replaces a span of the file as analysed (it must not overlap an earlier edit of this builder). */
  replace(file: SourceFile, span: Span, newText: string): void {
    const e = this.entry(file);
    const start = e.composer.mapOriginal(span.start, 'start');
    const end = span.end === span.start ? start : e.composer.mapOriginal(span.end, 'end');
    if (start === undefined || end === undefined || end - start !== span.end - span.start) throw new Error(`overlapping edits in ${fileLabel(file)}`);
    e.composer.apply(start, end - start, newText);
  }

  insert(file: SourceFile, offset: number, text: string): void {
    this.replace(file, { start: offset, end: offset }, text);
  }

  /** Replaces a span of the file's current text (as changed by this builder). */
  replaceCurrent(file: SourceFile, span: Span, newText: string): void {
    this.entry(file).composer.apply(span.start, span.end - span.start, newText);
  }

  /**
   * Sets (or removes, with `undefined`) a JSON value, keeping the file's formatting: jsonc-parser's
   * `modify` on the current text, with the file's own indentation and line ending.
   */
  modifyJson(file: SourceFile, path: JSONPath, value: unknown, options: JsonModifyOptions = {}): void {
    const e = this.entry(file);
    const text = e.composer.text;
    const formattingOptions = formattingOf(text);
    const edits = modify(text, path, value, {
      formattingOptions,
      isArrayInsertion: options.arrayInsert,
      getInsertionIndex: options.before !== undefined ? props => {
        const i = props.indexOf(options.before!);
        return i < 0 ? props.length : i;
      } : undefined,
    });
    for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) e.composer.apply(edit.offset, edit.length, edit.content);
  }

  create(path: string, content: string, bom = false): void {
    const key = nodePath.resolve(path);
    if (this.creates.has(key) && this.creates.get(key)!.content !== content) throw new Error(`two different contents for new file ${path}`);
    this.creates.set(key, { path: key, content, bom });
  }

  /** Is this path created by this builder? */
  creating(path: string): boolean {
    return this.creates.has(nodePath.resolve(path));
  }

  /** Text never to print (secret literals); diffs mask it. */
  redact(...texts: string[]): void {
    for (const t of texts) if (t && t.length >= 3) this.redactions.add(t);
  }

  build(): WorkspaceChange {
    const files: FileChange[] = [];
    for (const { file, composer } of this.files.values()) {
      const edits = composer.edits();
      if (!edits.length) continue;
      files.push({ path: file.path, entry: file.entry, hash: file.hash, bom: file.bom, encoding: file.encoding, edits, original: file.text });
    }
    files.sort((a, b) => (fileKey(a) < fileKey(b) ? -1 : 1));
    const creates = [...this.creates.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    return { files, creates, ...(this.redactions.size ? { redact: [...this.redactions] } : {}) };
  }
}

// ---------------------------------------------------------------------------------------------
// Merging

/** Two edits conflict when they overlap or touch (two insertions at one place have no order). */
function editsConflict(a: TextEdit, b: TextEdit): boolean {
  return Math.max(a.span.start, b.span.start) <= Math.min(a.span.end, b.span.end);
}

/** Whether `next` can be merged into `base` (no overlapping edit, no clash of new files). */
export function conflicts(base: WorkspaceChange, next: WorkspaceChange): string | undefined {
  const created = new Set(base.creates.map(c => nodePath.resolve(c.path)));
  const edited = new Map(base.files.map(f => [fileKey(f), f]));
  for (const c of next.creates) {
    const key = nodePath.resolve(c.path);
    const same = base.creates.find(x => nodePath.resolve(x.path) === key);
    if (same && same.content !== c.content) return `both create ${c.path}`;
    if (edited.has(key)) return `${c.path} is both created and edited`;
  }
  for (const f of next.files) {
    const key = fileKey(f);
    if (created.has(key)) return `${key} is both created and edited`;
    const other = edited.get(key);
    if (!other) continue;
    if (other.hash !== f.hash) return `${key} was read twice with different contents`;
    for (const a of f.edits) for (const b of other.edits) if (editsConflict(a, b)) return `overlapping edits in ${key}`;
  }
  return undefined;
}

/** Merges `next` into `base` (returns a new change); throws when they conflict. */
export function mergeInto(base: WorkspaceChange, next: WorkspaceChange): WorkspaceChange {
  const why = conflicts(base, next);
  if (why) throw new FixError(why);
  const files = new Map(base.files.map(f => [fileKey(f), { ...f, edits: [...f.edits] }]));
  for (const f of next.files) {
    const existing = files.get(fileKey(f));
    if (existing) existing.edits = [...existing.edits, ...f.edits].sort((a, b) => a.span.start - b.span.start);
    else files.set(fileKey(f), { ...f, edits: [...f.edits] });
  }
  const creates = [...base.creates];
  for (const c of next.creates) if (!creates.some(x => nodePath.resolve(x.path) === nodePath.resolve(c.path))) creates.push(c);
  const redact = [...new Set([...(base.redact ?? []), ...(next.redact ?? [])])];
  return { files: [...files.values()], creates, ...(redact.length ? { redact } : {}) };
}

/**
 * Merges changes in order, skipping each one that overlaps an earlier accepted one.
 * Returns the merged change and the indexes accepted and skipped.
 */
export function mergeChanges(changes: WorkspaceChange[]): { change: WorkspaceChange; accepted: number[]; skipped: number[] } {
  let merged: WorkspaceChange = { files: [], creates: [] };
  const accepted: number[] = [];
  const skipped: number[] = [];
  changes.forEach((c, i) => {
    if (conflicts(merged, c)) { skipped.push(i); return; }
    merged = mergeInto(merged, c);
    accepted.push(i);
  });
  return { change: merged, accepted, skipped };
}

/** The text of a file after the change's edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let p = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    if (e.span.start < p) throw new Error('overlapping edits');
    out += text.slice(p, e.span.start) + e.newText;
    p = e.span.end;
  }
  return out + text.slice(p);
}

// ---------------------------------------------------------------------------------------------
// Applying

/** Where changes are read from and written to. */
export interface FileStore {
  readFile(absPath: string): Uint8Array | undefined;
  writeFile(absPath: string, bytes: Uint8Array): void;
}

export function diskStore(): FileStore {
  return {
    readFile(p) {
      try {
        return fs.statSync(p).isFile() ? fs.readFileSync(p) : undefined;
      } catch {
        return undefined;
      }
    },
    writeFile(p, bytes) {
      fs.mkdirSync(nodePath.dirname(p), { recursive: true });
      fs.writeFileSync(p, bytes);
    },
  };
}

export function memoryStore(vfs: MemoryVfs): FileStore {
  return { readFile: p => vfs.readFile(p), writeFile: (p, bytes) => vfs.write(p, bytes) };
}

export interface ApplyResult {
  ok: boolean;
  /** Files edited and created (absolute paths). */
  written: string[];
  created: string[];
  /** Why the change was refused (nothing of it was written). */
  refused: Array<{ path: string; reason: string }>;
}

function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * Writes a change: every edited file must still hash to what was analysed and every new file must
 * not exist yet (or hold exactly the new content). Anything refused, nothing is written.
 * The BOM, the encoding and every byte outside the edits are kept.
 */
export function applyChange(change: WorkspaceChange, store: FileStore): ApplyResult {
  const refused: ApplyResult['refused'] = [];
  const writes: Array<{ path: string; bytes: Uint8Array; created: boolean }> = [];
  for (const f of change.files) {
    if (!f.edits.length) continue;
    if (f.entry) { refused.push({ path: fileLabel(f), reason: 'inside a packed .zip; FlowCop never edits packed solutions' }); continue; }
    let bytes: Uint8Array | undefined;
    try {
      bytes = store.readFile(f.path);
    } catch (e) {
      refused.push({ path: f.path, reason: `cannot read it (${(e as Error).message})` });
      continue;
    }
    if (!bytes) { refused.push({ path: f.path, reason: 'it no longer exists' }); continue; }
    if (sha1(bytes) !== f.hash) { refused.push({ path: f.path, reason: 'it changed since it was analysed' }); continue; }
    const decoded = decodeText(bytes, f.path);
    if ('error' in decoded || decoded.file.text !== f.original) { refused.push({ path: f.path, reason: 'it changed since it was analysed' }); continue; }
    const text = applyEdits(f.original, f.edits);
    writes.push({ path: f.path, bytes: encodeText(text, { bom: f.bom, encoding: f.encoding }), created: false });
  }
  for (const c of change.creates) {
    const bytes = encodeText(c.content, { bom: !!c.bom, encoding: 'utf8' });
    const existing = store.readFile(c.path);
    if (existing) {
      if (Buffer.compare(Buffer.from(existing), bytes) === 0) continue;
      refused.push({ path: c.path, reason: 'it already exists' });
      continue;
    }
    writes.push({ path: c.path, bytes, created: true });
  }
  if (refused.length) return { ok: false, written: [], created: [], refused };
  for (const w of writes) store.writeFile(w.path, w.bytes);
  return { ok: true, written: writes.filter(w => !w.created).map(w => w.path), created: writes.filter(w => w.created).map(w => w.path), refused };
}

// ---------------------------------------------------------------------------------------------
// An overlay for dry runs: changes are written in memory over a base Vfs (the disk) and the
// analysis reads the result, new folders included.

export class ChangeOverlayVfs implements Vfs, FileStore {
  private readonly files = new Map<string, Uint8Array>();
  constructor(readonly base: Vfs) {}

  private key(p: string): string {
    return nodePath.resolve(p);
  }

  writeFile(absPath: string, bytes: Uint8Array): void {
    this.files.set(this.key(absPath), bytes);
  }

  /** Paths written so far. */
  touched(): string[] {
    return [...this.files.keys()].sort();
  }

  /** The bytes of the base, ignoring the overlay. */
  baseFile(absPath: string): Uint8Array | undefined {
    return this.base.readFile(absPath);
  }

  readFile(absPath: string): Uint8Array | undefined {
    return this.files.get(this.key(absPath)) ?? this.base.readFile(absPath);
  }

  readDir(absPath: string): DirEntry[] | undefined {
    const dir = this.key(absPath);
    const base = this.base.readDir(absPath);
    const extra = new Map<string, boolean>();
    const prefix = dir.endsWith(nodePath.sep) ? dir : dir + nodePath.sep;
    for (const p of this.files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const i = rest.indexOf(nodePath.sep);
      const name = i < 0 ? rest : rest.slice(0, i);
      if (name) extra.set(name, i >= 0 || extra.get(name) === true);
    }
    if (!base && !extra.size) return undefined;
    const out = new Map((base ?? []).map(e => [e.name, e]));
    for (const [name, isDirectory] of extra) if (!out.has(name)) out.set(name, { name, isDirectory });
    return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  isDirectory(absPath: string): boolean {
    if (this.base.isDirectory(absPath)) return true;
    const prefix = this.key(absPath) + nodePath.sep;
    for (const p of this.files.keys()) if (p.startsWith(prefix)) return true;
    return false;
  }

  isFile(absPath: string): boolean {
    return this.files.has(this.key(absPath)) || this.base.isFile(absPath);
  }
}

// ---------------------------------------------------------------------------------------------
// Unified diff

export interface DiffOptions {
  /** Paths are shown relative to this folder. */
  base?: string;
  /** Lines of context around each change (default 3). */
  context?: number;
  /** Text to mask (secret literals). */
  redact?: readonly string[];
}

/** A unified diff of a change (git-style a/ and b/ paths, `/dev/null` for new files). */
export function renderDiff(change: WorkspaceChange, options: DiffOptions = {}): string {
  const parts: string[] = [];
  const redact = [...(options.redact ?? []), ...(change.redact ?? [])];
  for (const f of change.files) {
    if (!f.edits.length) continue;
    parts.push(unifiedDiff(f.path, f.original, applyEdits(f.original, f.edits), { ...options, redact }));
  }
  for (const c of change.creates) parts.push(unifiedDiff(c.path, undefined, c.content, { ...options, redact }));
  return parts.join('');
}

function splitLines(text: string): string[] {
  if (!text) return [];
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return lines;
}

function mask(text: string, redact: readonly string[]): string {
  let out = text;
  for (const r of [...redact].sort((a, b) => b.length - a.length)) if (r) out = out.split(r).join('••••••');
  return out;
}

/** A unified diff of one file; `oldText` undefined for a new file. */
export function unifiedDiff(absPath: string, oldText: string | undefined, newText: string, options: DiffOptions = {}): string {
  const rel = options.base ? nodePath.relative(options.base, absPath).split(nodePath.sep).join('/') : absPath.split(nodePath.sep).join('/');
  const ctx = options.context ?? 3;
  const a = splitLines(oldText ?? '');
  const b = splitLines(newText);
  const ops = diffLines(a, b);
  if (!ops.some(o => o.kind !== 'same')) return '';
  const head = `--- ${oldText === undefined ? '/dev/null' : `a/${rel}`}\n+++ b/${rel}\n`;
  // Group the changed operations into hunks with `ctx` lines of context.
  const changed: number[] = [];
  ops.forEach((o, k) => { if (o.kind !== 'same') changed.push(k); });
  const groups: Array<[number, number]> = [];
  for (const k of changed) {
    const last = groups[groups.length - 1];
    if (last && k - last[1] - 1 <= 2 * ctx) last[1] = k;
    else groups.push([k, k]);
  }
  // Line numbers (0-based) in a and b before each operation.
  const aBefore: number[] = [];
  const bBefore: number[] = [];
  let na = 0;
  let nb = 0;
  for (const o of ops) {
    aBefore.push(na);
    bBefore.push(nb);
    if (o.kind !== 'add') na++;
    if (o.kind !== 'del') nb++;
  }
  const hunks: string[] = [];
  for (const [first, last] of groups) {
    const start = Math.max(0, first - ctx);
    const end = Math.min(ops.length, last + 1 + ctx);
    const slice = ops.slice(start, end);
    const oldCount = slice.filter(o => o.kind !== 'add').length;
    const newCount = slice.filter(o => o.kind !== 'del').length;
    const oldStart = aBefore[start] + (oldCount ? 1 : 0);
    const newStart = bBefore[start] + (newCount ? 1 : 0);
    let body = `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n`;
    for (const o of slice) {
      const line = o.kind === 'add' ? b[o.b!] : a[o.a!];
      const sign = o.kind === 'add' ? '+' : o.kind === 'del' ? '-' : ' ';
      const shown = mask(line, options.redact ?? []);
      body += sign + shown + (shown.endsWith('\n') ? '' : '\n\\ No newline at end of file\n');
    }
    hunks.push(body);
  }
  return head + hunks.join('');
}

interface DiffOp { kind: 'same' | 'add' | 'del'; a?: number; b?: number }

/** Line diff: common prefix and suffix, then Myers' O(ND) algorithm on the rest. */
function diffLines(a: string[], b: string[]): DiffOp[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const ops: DiffOp[] = [];
  for (let k = 0; k < pre; k++) ops.push({ kind: 'same', a: k, b: k });
  ops.push(...myers(a.slice(pre, a.length - suf), b.slice(pre, b.length - suf)).map(o => ({ kind: o.kind, a: o.a !== undefined ? o.a + pre : undefined, b: o.b !== undefined ? o.b + pre : undefined })));
  for (let k = 0; k < suf; k++) ops.push({ kind: 'same', a: a.length - suf + k, b: b.length - suf + k });
  return ops;
}

function myers(a: string[], b: string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((_, k) => ({ kind: 'add' as const, b: k }));
  if (m === 0) return a.map((_, k) => ({ kind: 'del' as const, a: k }));
  const max = n + m;
  const offset = max;
  let v: Int32Array = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) { found = true; break; }
    }
    if (d > 4000) {
      // Too different: show it as one replacement.
      return [...a.map((_, k) => ({ kind: 'del' as const, a: k })), ...b.map((_, k) => ({ kind: 'add' as const, b: k }))];
    }
  }
  trace.push(v.slice());
  // Backtrack.
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; ops.push({ kind: 'same', a: x, b: y }); }
    if (d === 0) break;
    if (x === prevX) { y--; ops.push({ kind: 'add', b: y }); } else { x--; ops.push({ kind: 'del', a: x }); }
  }
  while (x > 0 && y > 0) { x--; y--; ops.push({ kind: 'same', a: x, b: y }); }
  return ops.reverse();
}
