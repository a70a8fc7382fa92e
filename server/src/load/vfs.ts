// The only place the engine touches the file system. Loaders read through a Vfs so that the
// language server can overlay unsaved editor buffers and tests can run on in-memory trees.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { isAscii, isUtf8 } from 'node:buffer';
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
  /**
   * readFile and fileSize in one (optional): the bytes, or the size alone when it is above `maxBytes`
   * (the file is then not read). One open and one fstat instead of a stat for each question.
   */
  readFileWithin?(absPath: string, maxBytes: number): Uint8Array | number | undefined;
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
  readFileWithin(absPath: string, maxBytes: number): Uint8Array | number | undefined {
    let fd: number;
    try {
      fd = fs.openSync(absPath, 'r');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      // Anything else (a file that cannot be opened) is told apart, and reported, as readFile does.
      const size = this.fileSize(absPath);
      return size !== undefined && size > maxBytes ? size : this.readFile(absPath);
    }
    try {
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) return undefined;
      if (stat.size > maxBytes) return stat.size;
      return readAll(fd, stat.size);
    } finally {
      fs.closeSync(fd);
    }
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

/** The whole of an open file whose size was `size` (it may have changed since: read to its end). */
function readAll(fd: number, size: number): Buffer {
  let buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  for (;;) {
    if (filled === buffer.length) {
      // Grown since the fstat: keep reading, as readFileSync would.
      const more = Buffer.allocUnsafe(Math.max(8192, buffer.length));
      const n = fs.readSync(fd, more, 0, more.length, null);
      if (n === 0) return buffer;
      buffer = Buffer.concat([buffer, more.subarray(0, n)]);
      filled = buffer.length;
      continue;
    }
    const n = fs.readSync(fd, buffer, filled, buffer.length - filled, null);
    if (n === 0) return buffer.subarray(0, filled);
    filled += n;
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
  readFileWithin(absPath: string, maxBytes: number): Uint8Array | number | undefined {
    const held = this.overlayBytes(absPath);
    if (held) return held.length > maxBytes ? held.length : held;
    if (this.base.readFileWithin) return this.base.readFileWithin(absPath, maxBytes);
    const size = this.base.fileSize?.(absPath);
    return size !== undefined && size > maxBytes ? size : this.base.readFile(absPath);
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
  // UTF-16 needs its BOM to be recognised; Power Platform tools write UTF-8.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    // An odd byte count cannot be UTF-16 (swap16 would throw): the file is cut off mid-character.
    if (bytes.length % 2 !== 0) return { error: 'UTF-16 file with an odd number of bytes (truncated?)', offset: 0 };
    const body = Buffer.from(bytes.subarray(2));
    if (!le) body.swap16();
    return { file: decodedFile(filePath, body.toString('utf16le'), { bom: true, entry, encoding: le ? 'utf16le' : 'utf16be' }) };
  }
  const bom = startsWithUtf8Bom(bytes, 0);
  const start = bom ? 3 : 0;
  const probe = Math.min(bytes.length, 8192);
  for (let i = start; i < probe; i++) {
    if (bytes[i] === 0) return { error: 'binary file (contains NUL bytes), not text', offset: i - start };
  }
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start);
  // A second BOM: TextDecoder drops it, as this reader always has; the text then no longer re-encodes
  // to the bytes read, so their hash is taken now.
  if (startsWithUtf8Bom(body, 0)) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return { error: 'file is not valid UTF-8 text' };
    }
    return { file: createSourceFile(filePath, text, { bom, hash: sha1(bytes), entry }) };
  }
  // Checked natively, then decoded without a validating decoder: the same text TextDecoder gives.
  if (isAscii(body)) return { file: decodedFile(filePath, body.toString('latin1'), { bom, entry, encoding: 'utf8' }) };
  if (!isUtf8(body)) return { error: 'file is not valid UTF-8 text' };
  return { file: decodedFile(filePath, body.toString('utf8'), { bom, entry, encoding: 'utf8' }) };
}

function startsWithUtf8Bom(bytes: Uint8Array, at: number): boolean {
  return bytes.length >= at + 3 && bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf;
}

function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * A SourceFile whose `hash` (SHA-1 of the bytes read) is computed on first use, from the text encoded
 * back: decoding was lossless, so that gives the same bytes. Only fixes and the cache ask for it, and
 * hashing every file read cost ~4% of a lint. An own accessor: spreads and worker messages copy it.
 */
function decodedFile(path: string, text: string, how: { bom: boolean; entry?: string; encoding: TextEncoding }): SourceFile {
  let hash: string | undefined;
  return {
    path,
    text,
    bom: how.bom,
    encoding: how.encoding,
    get hash(): string {
      return (hash ??= sha1(encodeText(text, how)));
    },
    set hash(value: string) {
      hash = value;
    },
    entry: how.entry,
  };
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
