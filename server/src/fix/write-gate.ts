// The one write gate of the fix engine and of "Unpack Solution Zip": a path is written only when it
// stays inside its tree root (compared on real paths, parents included), when no component below the
// root is — or was planted as — a symbolic link (lstat on every component, so a dangling link counts),
// and always through a temporary file in the same folder that is then renamed over the target.
// Plain Node (no vscode): the language server, the CLI and the VS Code client share it.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';

/** A write the gate refuses; the message says why (never the content). */
export class WriteRefused extends Error {}

export interface GatedPath {
  /** The tree root as a real path. */
  root: string;
  /** The target below the real root. */
  target: string;
  /** Folders that do not exist yet, outermost first (the writer creates them). */
  missingDirs: string[];
  /** The target exists (a regular file). */
  exists: boolean;
}

function lstat(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** `target` relative to `root` when it is inside it (never the root itself), else undefined. */
export function relativeInside(root: string, target: string): string | undefined {
  const rel = nodePath.relative(root, target);
  if (!rel || rel === '..' || rel.startsWith(`..${nodePath.sep}`) || nodePath.isAbsolute(rel)) return undefined;
  return rel;
}

/** The deepest existing folder above a path: the gate's root when the caller names none. */
export function existingAncestor(p: string): string {
  let dir = nodePath.dirname(nodePath.resolve(p));
  for (;;) {
    let st: fs.Stats | undefined;
    try { st = fs.lstatSync(dir); } catch { st = undefined; }
    if (st?.isDirectory()) return dir;
    const up = nodePath.dirname(dir);
    if (up === dir) return dir;
    dir = up;
  }
}

/** The root among `roots` that holds `target` (lexically, or through the roots' real paths). */
export function rootOf(roots: readonly string[], target: string): string | undefined {
  const abs = nodePath.resolve(target);
  for (const r of roots) if (relativeInside(nodePath.resolve(r), abs) !== undefined) return r;
  for (const r of roots) {
    let real: string;
    try { real = fs.realpathSync(r); } catch { continue; }
    if (relativeInside(real, abs) !== undefined) return r;
  }
  return undefined;
}

/**
 * Checks a path to be written below `root`: inside it, no component a symbolic link (dangling ones
 * included), every existing parent a folder, the target itself absent or a regular file.
 * Throws WriteRefused with the reason.
 */
export function gatePath(root: string, target: string): GatedPath {
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    throw new WriteRefused(`the tree root ${root} does not exist`);
  }
  if (!fs.statSync(realRoot).isDirectory()) throw new WriteRefused(`the tree root ${root} is not a folder`);
  const abs = nodePath.resolve(target);
  const rel = relativeInside(nodePath.resolve(root), abs) ?? relativeInside(realRoot, abs);
  if (rel === undefined) throw new WriteRefused('it is outside the tree being fixed');
  const parts = rel.split(nodePath.sep).filter(Boolean);
  if (parts.some(p => p === '..' || p === '.')) throw new WriteRefused('it is outside the tree being fixed');
  const missingDirs: string[] = [];
  let current = realRoot;
  let exists = false;
  for (let i = 0; i < parts.length; i++) {
    current = nodePath.join(current, parts[i]);
    const last = i === parts.length - 1;
    if (missingDirs.length) { if (!last) missingDirs.push(current); continue; }
    const st = lstat(current);
    if (!st) { if (!last) missingDirs.push(current); continue; }
    if (st.isSymbolicLink()) throw new WriteRefused(`${nodePath.relative(realRoot, current) || '.'} is a symbolic link`);
    if (!last && !st.isDirectory()) throw new WriteRefused(`${nodePath.relative(realRoot, current)} is not a folder`);
    if (last) {
      if (!st.isFile()) throw new WriteRefused('it is not a regular file');
      exists = true;
    }
  }
  // The real path of the deepest existing folder must still be below the real root (a rename race).
  const deepest = missingDirs.length ? nodePath.dirname(missingDirs[0]) : nodePath.dirname(current);
  if (deepest !== realRoot && relativeInside(realRoot, fs.realpathSync(deepest)) === undefined) throw new WriteRefused('its folder leads outside the tree');
  return { root: realRoot, target: current, missingDirs, exists };
}

/** How bytes reach the disk: injectable so tests can make a write fail midway. */
export interface RawWriter {
  mkdir(path: string): void;
  writeNew(path: string, bytes: Uint8Array, mode?: number): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
  removeDir(path: string): void;
}

export const nodeWriter: RawWriter = {
  mkdir: p => fs.mkdirSync(p),
  // 'wx' (O_CREAT|O_EXCL) never follows or reuses anything already at the path, a link included.
  writeNew: (p, bytes, mode) => fs.writeFileSync(p, bytes, { flag: 'wx', mode: mode ?? 0o666 }),
  rename: (from, to) => fs.renameSync(from, to),
  remove: p => fs.unlinkSync(p),
  removeDir: p => fs.rmdirSync(p),
};

let tempCounter = 0;

/**
 * Writes one file through the gate: missing folders created one by one (each checked to be a real
 * folder), the bytes written to a fresh temporary file beside the target, then renamed over it.
 * Returns the folders it created (for a rollback).
 */
export function gatedWrite(root: string, target: string, bytes: Uint8Array, writer: RawWriter = nodeWriter): { createdDirs: string[]; existed: boolean } {
  const gated = gatePath(root, target);
  const createdDirs: string[] = [];
  try {
    for (const dir of gated.missingDirs) {
      writer.mkdir(dir);
      createdDirs.push(dir);
      const st = lstat(dir);
      if (!st || st.isSymbolicLink() || !st.isDirectory()) throw new WriteRefused(`${nodePath.relative(gated.root, dir)} is not a folder`);
    }
    const mode = gated.exists ? fs.lstatSync(gated.target).mode & 0o7777 : undefined;
    const temp = nodePath.join(nodePath.dirname(gated.target), `.${nodePath.basename(gated.target)}.flowcop-${process.pid}-${++tempCounter}.tmp`);
    writer.writeNew(temp, bytes, mode);
    try {
      // The target may have been swapped for a link since the check: rename replaces the link itself.
      writer.rename(temp, gated.target);
    } catch (e) {
      try { writer.remove(temp); } catch { /* already gone */ }
      throw e;
    }
  } catch (e) {
    for (const dir of [...createdDirs].reverse()) {
      try { writer.removeDir(dir); } catch { /* not empty or gone */ }
    }
    throw e;
  }
  return { createdDirs, existed: gated.exists };
}

/**
 * A set of writes that happen all together or not at all: each write remembers what it replaced,
 * and rollback() puts every file back as it was (new files and the folders made for them removed).
 */
export class WriteTransaction {
  private readonly done: Array<{ target: string; previous?: Uint8Array; createdDirs: string[] }> = [];

  constructor(private readonly root: string, private readonly writer: RawWriter = nodeWriter) {}

  write(target: string, bytes: Uint8Array): void {
    const gated = gatePath(this.root, target);
    const previous = gated.exists ? fs.readFileSync(gated.target) : undefined;
    const { createdDirs } = gatedWrite(this.root, target, bytes, this.writer);
    this.done.push({ target: gated.target, previous, createdDirs });
  }

  /** Restores every file written so far; returns the paths it could not restore. */
  rollback(): string[] {
    const failed: string[] = [];
    for (const w of this.done.reverse()) {
      try {
        if (w.previous) gatedWrite(this.root, w.target, w.previous, nodeWriter);
        else fs.unlinkSync(w.target);
        for (const dir of [...w.createdDirs].reverse()) {
          try { fs.rmdirSync(dir); } catch { /* not empty */ }
        }
      } catch {
        failed.push(w.target);
      }
    }
    this.done.length = 0;
    return failed;
  }
}
