// The only place the engine touches the file system. Loaders read through a Vfs so that the
// language server can overlay unsaved editor buffers and tests can run on in-memory trees.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { createSourceFile, SourceFile, TextEncoding } from '../util/text';

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

export interface Vfs {
  /** Bytes of a file, or undefined when it does not exist or is not a file. Throws on I/O errors. */
  readFile(absPath: string): Uint8Array | undefined;
  /** Entries of a directory, or undefined when it is not one. */
  readDir(absPath: string): DirEntry[] | undefined;
  isDirectory(absPath: string): boolean;
  isFile(absPath: string): boolean;
  /** Size in bytes without reading the file (optional: lets readers refuse oversized files first). */
  fileSize?(absPath: string): number | undefined;
}

export class DiskVfs implements Vfs {
  readFile(absPath: string): Uint8Array | undefined {
    try {
      if (!fs.statSync(absPath).isFile()) return undefined;
    } catch {
      return undefined;
    }
    return fs.readFileSync(absPath);
  }
  fileSize(absPath: string): number | undefined {
    try { return fs.statSync(absPath).size; } catch { return undefined; }
  }
  readDir(absPath: string): DirEntry[] | undefined {
    try {
      return fs.readdirSync(absPath, { withFileTypes: true })
        .filter(d => d.isDirectory() || d.isFile())
        .map(d => ({ name: d.name, isDirectory: d.isDirectory() }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return undefined;
    }
  }
  isDirectory(absPath: string): boolean {
    try { return fs.statSync(absPath).isDirectory(); } catch { return false; }
  }
  isFile(absPath: string): boolean {
    try { return fs.statSync(absPath).isFile(); } catch { return false; }
  }
}

/** A Vfs whose files can be replaced by in-memory contents (open editor documents). */
export class OverlayVfs implements Vfs {
  /** Bytes, or the text they are made of on first read (an editor sets the text at every keystroke). */
  private readonly overlays = new Map<string, Uint8Array | { text: string; bom: boolean }>();
  constructor(private readonly base: Vfs) {}
  set(absPath: string, text: string, bom = false): void {
    this.overlays.set(path.resolve(absPath), { text, bom });
  }
  private overlayBytes(absPath: string): Uint8Array | undefined {
    const key = path.resolve(absPath);
    const held = this.overlays.get(key);
    if (!held || held instanceof Uint8Array) return held;
    const body = Buffer.from(held.text, 'utf8');
    const bytes = held.bom ? Buffer.concat([UTF8_BOM, body]) : body;
    this.overlays.set(key, bytes);
    return bytes;
  }
  delete(absPath: string): void {
    this.overlays.delete(path.resolve(absPath));
  }
  readFile(absPath: string): Uint8Array | undefined {
    return this.overlayBytes(absPath) ?? this.base.readFile(absPath);
  }
  readDir(absPath: string): DirEntry[] | undefined {
    return this.base.readDir(absPath);
  }
  isDirectory(absPath: string): boolean {
    return this.base.isDirectory(absPath);
  }
  isFile(absPath: string): boolean {
    return this.overlays.has(path.resolve(absPath)) || this.base.isFile(absPath);
  }
  fileSize(absPath: string): number | undefined {
    return this.overlayBytes(absPath)?.length ?? this.base.fileSize?.(absPath);
  }
}

/** An in-memory tree, for tests and for zip archives. Keys are absolute paths with '/' separators. */
export class MemoryVfs implements Vfs {
  private readonly files = new Map<string, Uint8Array>();
  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, content] of Object.entries(files)) this.write(p, content);
  }
  write(absPath: string, content: string | Uint8Array): void {
    this.files.set(norm(absPath), typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  }
  readFile(absPath: string): Uint8Array | undefined {
    return this.files.get(norm(absPath));
  }
  readDir(absPath: string): DirEntry[] | undefined {
    const dir = norm(absPath).replace(/\/$/, '') + '/';
    const seen = new Map<string, boolean>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(dir)) continue;
      const rest = p.slice(dir.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      if (name) seen.set(name, slash >= 0 || seen.get(name) === true);
    }
    if (seen.size === 0) return undefined;
    return [...seen].map(([name, isDirectory]) => ({ name, isDirectory })).sort((a, b) => (a.name < b.name ? -1 : 1));
  }
  isDirectory(absPath: string): boolean {
    return this.readDir(absPath) !== undefined;
  }
  isFile(absPath: string): boolean {
    return this.files.has(norm(absPath));
  }
}

function norm(p: string): string {
  return p.replace(/\\/g, '/');
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The nearest folder at or above `filePath`'s folder (at most `levels` of them) for which `isRoot` holds: how a
 * file named on its own finds the solution root or package that holds it.
 */
export function enclosingDir(vfs: Vfs, filePath: string, levels: number, isRoot: (dir: string, entries: DirEntry[]) => boolean): string | undefined {
  let dir = path.dirname(filePath);
  for (let k = 0; k < levels; k++) {
    const entries = vfs.readDir(dir);
    if (entries && isRoot(dir, entries)) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

export type DecodeResult = { file: SourceFile } | { error: string; offset?: number };

/**
 * Turns bytes into a SourceFile. Accepts UTF-8 (with or without BOM) and UTF-16 with a BOM;
 * rejects binary content and invalid UTF-8 with a plain message.
 */
export function decodeText(bytes: Uint8Array, filePath: string, entry?: string): DecodeResult {
  const hash = createHash('sha1').update(bytes).digest('hex');
  let bom = false;
  let text: string;
  // UTF-16 needs its BOM to be recognised; Power Platform tools write UTF-8.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    // An odd byte count cannot be UTF-16 (swap16 would throw): the file is cut off mid-character.
    if (bytes.length % 2 !== 0) return { error: 'UTF-16 file with an odd number of bytes (truncated?)', offset: 0 };
    const body = Buffer.from(bytes.subarray(2));
    if (!le) body.swap16();
    text = body.toString('utf16le');
    return { file: createSourceFile(filePath, text, { bom: true, hash, entry, encoding: le ? 'utf16le' : 'utf16be' }) };
  }
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bom = true;
    start = 3;
  }
  const probe = Math.min(bytes.length, 8192);
  for (let i = start; i < probe; i++) {
    if (bytes[i] === 0) return { error: 'binary file (contains NUL bytes), not text', offset: i - start };
  }
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    return { error: 'file is not valid UTF-8 text' };
  }
  return { file: createSourceFile(filePath, text, { bom, hash, entry }) };
}

/** Encodes text for writing in the file's own encoding, restoring the BOM it had. */
export function encodeText(text: string, like: { bom: boolean; encoding: TextEncoding }): Buffer {
  if (like.encoding === 'utf8') {
    const body = Buffer.from(text, 'utf8');
    return like.bom ? Buffer.concat([UTF8_BOM, body]) : body;
  }
  const body = Buffer.from(text, 'utf16le');
  if (like.encoding === 'utf16be') body.swap16();
  const bom = like.encoding === 'utf16le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return Buffer.concat([Buffer.from(bom), body]);
}
