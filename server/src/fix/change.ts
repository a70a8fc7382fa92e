// Edits across files, as the fix engine produces them: text edits per file (in offsets of the decoded
// text, against the exact bytes that were analysed) and new files. A change is built with a
// ChangeBuilder, merged with others (overlapping edits refused), applied to disk or to a Vfs (refusing
// every file that changed since it was read, all or nothing), and rendered as a unified diff.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { FormattingOptions, JSONPath, modify } from 'jsonc-parser';
import { parseJson, prop } from '../load/json';
import type { JsonNode } from '../load/json';
import { decodeText, DirEntry, DiskVfs, encodeText, MemoryVfs, Vfs } from '../load/vfs';
import { dominantEol, fileLabel, SourceFile, Span, TextEncoding } from '../util/text';
import { TextComposer } from './text-composer';
import { addItem, AppendItem, AppendSlot, renderSlot, sameSlot } from './append';
import { FixError } from './fix-error';
import { existingAncestor, gatedWrite, gatePath, nodeWriter, RawWriter, rootOf, WriteRefused } from './write-gate';

export interface TextEdit {
  /** Span in the decoded text (BOM excluded) of the file as analysed. */
  span: Span;
  newText: string;
  /**
   * Set when the edit appends to a list (append.ts): `newText` is the slot rendered with these items,
   * and another fix's append to the same slot merges with it instead of conflicting.
   */
  append?: { slot: AppendSlot; items: readonly AppendItem[] };
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

export { FixError } from './fix-error';

export function isEmptyChange(c: WorkspaceChange): boolean {
  return c.creates.length === 0 && c.files.every(f => f.edits.length === 0);
}

// ---------------------------------------------------------------------------------------------
// Composing several edits of one file (each computed on the text as changed by the previous ones)

// The composer lives in text-composer.ts (a treap of pieces: O(log k) per edit).
export { TextComposer } from './text-composer';

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
  /** Appends per file, by slot: kept apart from the composed edits, rendered at build(). */
  private readonly appends = new Map<string, Map<string, { span: Span; slot: AppendSlot; items: AppendItem[] }>>();

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
    // jsonc-parser's modify recurses per level and throws plain errors on shapes it cannot edit: only a
    // file that parses (within the depth cap) and whose path runs through objects and arrays is edited.
    const parsed = parseJson(text);
    if (parsed.problems.length || !parsed.root) throw new FixError(`${fileLabel(file)} is not valid JSON (${parsed.problems[0]?.message ?? 'empty'}); fix it first`);
    let node: JsonNode | undefined = parsed.root;
    for (const segment of path.slice(0, -1)) {
      if (!node) break;
      const wanted = typeof segment === 'number' ? 'array' : 'object';
      if (node.type !== wanted) throw new FixError(`${fileLabel(file)}: ${path.slice(0, path.indexOf(segment)).join('.') || 'the root'} is not an ${wanted}; FlowCop does not edit it`);
      node = typeof segment === 'number' ? node.children?.[segment] : prop(node, segment);
    }
    const formattingOptions = formattingOf(text);
    let edits: ReturnType<typeof modify>;
    try {
      edits = modify(text, path, value, {
        formattingOptions,
        isArrayInsertion: options.arrayInsert,
        getInsertionIndex: options.before !== undefined ? props => {
          const i = props.indexOf(options.before!);
          return i < 0 ? props.length : i;
        } : undefined,
      });
    } catch (err) {
      throw new FixError(`cannot edit ${fileLabel(file)}: ${(err as Error).message}`);
    }
    for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) e.composer.apply(edit.offset, edit.length, edit.content);
  }

  /**
   * Appends `item` to the list whose slot is `span` of the file as analysed (append.ts). Appends to
   * one slot from this fix, and later from other fixes of the round, gather in one edit.
   */
  append(file: SourceFile, span: Span, slot: AppendSlot, item: AppendItem): void {
    this.entry(file);
    const key = fileKey(file);
    let slots = this.appends.get(key);
    if (!slots) this.appends.set(key, slots = new Map());
    const id = `${span.start}:${span.end}:${slot.id}`;
    let pending = slots.get(id);
    if (!pending) slots.set(id, pending = { span, slot, items: [] });
    if (!sameSlot(pending.slot, slot)) throw new Error(`two shapes for one list in ${fileLabel(file)}`);
    if (!addItem(pending.items, item)) throw new FixError(`${fileLabel(file)}: two different entries named ${item.key}`);
  }

  /** Items this fix appends to a slot so far (to avoid listing an element twice). */
  appended(file: SourceFile, slotId: string): readonly AppendItem[] {
    return [...(this.appends.get(fileKey(file))?.values() ?? [])].filter(p => p.slot.id === slotId).flatMap(p => p.items);
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
    for (const [key, { file, composer }] of this.files) {
      const appends = [...(this.appends.get(key)?.values() ?? [])].filter(p => p.items.length)
        .map((p): TextEdit => ({ span: p.span, newText: renderSlot(p.slot, p.items), append: { slot: p.slot, items: p.items } }));
      const edits: TextEdit[] = coalesceInsertions([...composer.edits(), ...appends].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end));
      if (!edits.length) continue;
      // An append's slot is text of the file as analysed: another edit of this fix must not touch it.
      for (let i = 1; i < edits.length; i++) {
        if ((edits[i].append || edits[i - 1].append) && edits[i].span.start <= edits[i - 1].span.end) throw new Error(`overlapping edits in ${fileLabel(file)}`);
      }
      files.push({ path: file.path, entry: file.entry, hash: file.hash, bom: file.bom, encoding: file.encoding, edits, original: file.text });
    }
    files.sort((a, b) => (fileKey(a) < fileKey(b) ? -1 : 1));
    const creates = [...this.creates.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    return { files, creates, ...(this.redactions.size ? { redact: [...this.redactions] } : {}) };
  }
}

/**
 * Appends of one fix to two different lists at one insertion point (two arrays created at the end
 * of one object) become one plain edit, in the order built: correct text, though another fix's
 * append there then conflicts and waits a round.
 */
function coalesceInsertions(sorted: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    const bothInsert = last && last.span.start === last.span.end && e.span.start === e.span.end && last.span.start === e.span.start;
    if (bothInsert && (last.append || e.append)) out[out.length - 1] = { span: last.span, newText: last.newText + e.newText };
    else out.push(e);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Merging lives in merge.ts (appends to one slot compose; other overlapping edits conflict).

export { ChangeMerger, conflicts, mergeChanges, mergeInto } from './merge';

/** The text of a file after the change's edits: one pass, O(n + k log k). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const parts: string[] = [];
  let p = 0;
  for (const e of [...edits].sort((a, b) => a.span.start - b.span.start)) {
    if (e.span.start < p) throw new Error('overlapping edits');
    parts.push(text.slice(p, e.span.start), e.newText);
    p = e.span.end;
  }
  parts.push(text.slice(p));
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Applying

/** Where changes are read from and written to. */
export interface FileStore {
  readFile(absPath: string): Uint8Array | undefined;
  /** Writes a file; `root` is the tree root it must stay in (the disk store enforces it). */
  writeFile(absPath: string, bytes: Uint8Array, root?: string): void;
  /** Removes a file this store created (undoing a failed round). */
  removeFile?(absPath: string): void;
  /** Why `absPath` may not be written below `root` (links, non-files), or undefined. */
  checkWrite?(absPath: string, root: string | undefined): string | undefined;
}

/**
 * The disk, written only through the write gate (write-gate.ts): inside the root, never through a
 * symbolic link, through a temporary file renamed over the target. Reads never follow links.
 * `writer` is injectable so tests can make a write fail.
 */
export function diskStore(writer: RawWriter = nodeWriter): FileStore {
  const createdDirs = new Map<string, string[]>();
  return {
    readFile(p) {
      try {
        return fs.lstatSync(p).isFile() ? fs.readFileSync(p) : undefined;
      } catch {
        return undefined;
      }
    },
    writeFile(p, bytes, root) {
      const result = gatedWrite(root ?? existingAncestor(p), p, bytes, writer);
      if (!result.existed) createdDirs.set(nodePath.resolve(p), result.createdDirs);
    },
    removeFile(p) {
      fs.unlinkSync(p);
      for (const dir of [...(createdDirs.get(nodePath.resolve(p)) ?? [])].reverse()) {
        try { fs.rmdirSync(dir); } catch { /* not empty */ }
      }
      createdDirs.delete(nodePath.resolve(p));
    },
    checkWrite(p, root) {
      try {
        gatePath(root ?? existingAncestor(p), p);
        return undefined;
      } catch (e) {
        if (e instanceof WriteRefused) return e.message;
        return `cannot check it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
      }
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
  /** Why the change was refused (nothing of it was written, or everything written was undone). */
  refused: Array<{ path: string; reason: string }>;
  /** A write failed midway (an I/O error, not a refusal): the round was undone, the run should fail. */
  writeFailed?: boolean;
}

export interface ApplyOptions {
  /**
   * The tree roots (the linted folders): every path written must be inside one of them. Without
   * roots only the links and file types on the way are checked.
   */
  roots?: readonly string[];
}

function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * Writes a change: every edited file must still hash to what was analysed and every new file must
 * not exist yet (or hold exactly the new content); every path must pass the write gate. Anything
 * refused, nothing is written; a write that fails midway undoes every write before it (edited files
 * restored, new files removed). The BOM, the encoding and every byte outside the edits are kept.
 */
export function applyChange(change: WorkspaceChange, store: FileStore, options: ApplyOptions = {}): ApplyResult {
  const refused: ApplyResult['refused'] = [];
  const writes: Array<{ path: string; bytes: Uint8Array; created: boolean; previous?: Uint8Array; root?: string }> = [];
  const gate = (path: string): { root?: string } | undefined => {
    const root = options.roots ? rootOf(options.roots, path) : undefined;
    if (options.roots && !root) { refused.push({ path, reason: 'it is outside the tree being fixed' }); return undefined; }
    const why = store.checkWrite?.(path, root);
    if (why) { refused.push({ path, reason: why }); return undefined; }
    return { root };
  };
  for (const f of change.files) {
    if (!f.edits.length) continue;
    if (f.entry) { refused.push({ path: fileLabel(f), reason: 'inside a packed .zip; FlowCop never edits packed solutions' }); continue; }
    const gated = gate(f.path);
    if (!gated) continue;
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
    writes.push({ path: f.path, bytes: encodeText(text, { bom: f.bom, encoding: f.encoding }), created: false, previous: bytes, root: gated.root });
  }
  for (const c of change.creates) {
    const gated = gate(c.path);
    if (!gated) continue;
    const bytes = encodeText(c.content, { bom: !!c.bom, encoding: 'utf8' });
    const existing = store.readFile(c.path);
    if (existing) {
      if (Buffer.compare(Buffer.from(existing), bytes) === 0) continue;
      refused.push({ path: c.path, reason: 'it already exists' });
      continue;
    }
    writes.push({ path: c.path, bytes, created: true, root: gated.root });
  }
  if (refused.length) return { ok: false, written: [], created: [], refused };
  const done: typeof writes = [];
  for (const w of writes) {
    try {
      store.writeFile(w.path, w.bytes, w.root);
      done.push(w);
    } catch (e) {
      const notRestored = undoWrites(done, store);
      const why = e instanceof WriteRefused ? e.message : `cannot write it (${(e as Error).message})`;
      const undo = notRestored.length
        ? `; ${notRestored.length} file(s) written before could not be restored: ${notRestored.join(', ')}`
        : done.length ? `; the ${done.length} file(s) written before it in this round were restored, nothing of the round remains` : '';
      return { ok: false, written: [], created: [], refused: [{ path: w.path, reason: why + undo }], writeFailed: true };
    }
  }
  return { ok: true, written: writes.filter(w => !w.created).map(w => w.path), created: writes.filter(w => w.created).map(w => w.path), refused };
}

/** Puts back what a failed round wrote (last first); returns the paths that could not be restored. */
function undoWrites(done: ReadonlyArray<{ path: string; created: boolean; previous?: Uint8Array; root?: string }>, store: FileStore): string[] {
  const failed: string[] = [];
  for (const w of [...done].reverse()) {
    try {
      if (w.created) {
        if (!store.removeFile) throw new Error('the store cannot remove files');
        store.removeFile(w.path);
      } else {
        store.writeFile(w.path, w.previous!, w.root);
      }
    } catch {
      failed.push(w.path);
    }
  }
  return failed;
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

  /** Over the disk, a dry run refuses what `--fix` would refuse (links on the way), so its diff tells the truth. */
  checkWrite(absPath: string, root: string | undefined): string | undefined {
    return this.base instanceof DiskVfs ? diskStore().checkWrite!(absPath, root) : undefined;
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
// Unified diffs live in diff.ts (linear space, masking, escaping); re-exported for every importer.

export { renderDiff, unifiedDiff } from './diff';
export type { DiffOptions } from './diff';
