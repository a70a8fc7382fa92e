// A solution's files, whether they lie in a folder or inside a packed .zip (read in memory).
// Paths inside a tree are relative, with '/' separators, and looked up case-insensitively:
// Power Platform tools are Windows-born and repositories mix `Workflows/` and `workflows/`.
import AdmZip from 'adm-zip';
import * as nodePath from 'node:path';
import type { SourceFile } from '../util/text';
import { decodeText, DirEntry, Vfs } from './vfs';

export interface FileTree {
  kind: 'dir' | 'zip';
  /** The folder, or the .zip file. */
  root: string;
  readFile(rel: string): Uint8Array | undefined;
  list(relDir: string): DirEntry[];
  /** The real-cased relative path of a file or folder, or undefined when absent. */
  resolve(rel: string): string | undefined;
  /** Where a file of the tree lives, for SourceFile.path/entry. */
  location(rel: string): { path: string; entry?: string };
}

export class DirTree implements FileTree {
  readonly kind = 'dir';
  private readonly listings = new Map<string, DirEntry[]>();
  constructor(private readonly vfs: Vfs, readonly root: string) {}

  list(relDir: string): DirEntry[] {
    const real = relDir === '' ? '' : this.resolve(relDir);
    if (real === undefined) return [];
    let entries = this.listings.get(real);
    if (!entries) {
      entries = this.vfs.readDir(nodePath.join(this.root, real)) ?? [];
      this.listings.set(real, entries);
    }
    return entries;
  }

  resolve(rel: string): string | undefined {
    const parts = rel.split('/').filter(Boolean);
    let cur = '';
    for (const part of parts) {
      const lower = part.toLowerCase();
      const entries = this.list(cur);
      const hit = entries.find(e => e.name === part) ?? entries.find(e => e.name.toLowerCase() === lower);
      if (!hit) return undefined;
      cur = cur ? `${cur}/${hit.name}` : hit.name;
    }
    return cur;
  }

  readFile(rel: string): Uint8Array | undefined {
    const real = this.resolve(rel);
    return real === undefined ? undefined : this.vfs.readFile(nodePath.join(this.root, real));
  }

  location(rel: string): { path: string } {
    return { path: nodePath.join(this.root, this.resolve(rel) ?? rel) };
  }
}

/** Limits that keep a hostile or corrupt archive from exhausting memory. */
const MAX_ENTRIES = 20000;
const MAX_TOTAL_BYTES = 512 * 1024 * 1024;

export class ZipTree implements FileTree {
  readonly kind = 'zip';
  private readonly files = new Map<string, { name: string; entry: AdmZip.IZipEntry }>();
  private readonly dirs = new Map<string, Map<string, DirEntry>>();

  private constructor(readonly root: string) {}

  /** Opens an archive held in memory; returns an error message instead of throwing. */
  static open(zipPath: string, bytes: Uint8Array): ZipTree | { error: string } {
    let zip: AdmZip;
    try {
      zip = new AdmZip(Buffer.from(bytes));
    } catch (e) {
      return { error: `not a readable zip archive (${(e as Error).message})` };
    }
    const tree = new ZipTree(zipPath);
    let entries: AdmZip.IZipEntry[];
    try {
      entries = zip.getEntries();
    } catch (e) {
      return { error: `corrupt zip archive (${(e as Error).message})` };
    }
    if (entries.length > MAX_ENTRIES) return { error: `zip archive has ${entries.length} entries (more than ${MAX_ENTRIES})` };
    let total = 0;
    for (const entry of entries) {
      total += entry.header.size;
      if (total > MAX_TOTAL_BYTES) return { error: 'zip archive expands to more than 512 MiB' };
      const name = entry.entryName.replace(/\\/g, '/').replace(/^\/+/, '');
      // An entry that climbs out of the archive root is never a solution file.
      if (name.split('/').includes('..')) continue;
      const parts = name.split('/').filter(Boolean);
      for (let k = 0; k < parts.length; k++) {
        const dir = parts.slice(0, k).join('/').toLowerCase();
        const isDir = k < parts.length - 1 || entry.isDirectory;
        let listing = tree.dirs.get(dir);
        if (!listing) tree.dirs.set(dir, (listing = new Map()));
        if (!listing.has(parts[k].toLowerCase())) listing.set(parts[k].toLowerCase(), { name: parts[k], isDirectory: isDir });
      }
      if (!entry.isDirectory) tree.files.set(parts.join('/').toLowerCase(), { name: parts.join('/'), entry });
    }
    return tree;
  }

  list(relDir: string): DirEntry[] {
    const listing = this.dirs.get(relDir.replace(/\/+$/, '').toLowerCase());
    return listing ? [...listing.values()].sort((a, b) => (a.name < b.name ? -1 : 1)) : [];
  }

  resolve(rel: string): string | undefined {
    const key = rel.replace(/\/+$/, '').toLowerCase();
    const file = this.files.get(key);
    if (file) return file.name;
    if (!this.dirs.has(key)) return undefined;
    // A folder: rebuild its real-cased path from the listings.
    const parts = key.split('/');
    return parts.map((p, k) => this.dirs.get(parts.slice(0, k).join('/'))?.get(p)?.name ?? p).join('/');
  }

  readFile(rel: string): Uint8Array | undefined {
    const hit = this.files.get(rel.toLowerCase());
    if (!hit) return undefined;
    try {
      return hit.entry.getData();
    } catch {
      throw new Error(`cannot decompress ${hit.name}`);
    }
  }

  location(rel: string): { path: string; entry: string } {
    return { path: this.root, entry: this.resolve(rel) ?? rel };
  }
}

/** Reads and decodes a file of a tree; reports unreadable files through `problem`. */
export function readSource(
  tree: FileTree,
  rel: string,
  problem: (where: { path: string; entry?: string }, message: string, offset?: number) => void,
): SourceFile | undefined {
  const where = tree.location(rel);
  let bytes: Uint8Array | undefined;
  try {
    bytes = tree.readFile(rel);
  } catch (e) {
    problem(where, `cannot read file: ${(e as Error).message}`);
    return undefined;
  }
  if (!bytes) return undefined;
  const decoded = decodeText(bytes, where.path, where.entry);
  if ('error' in decoded) {
    problem(where, decoded.error, decoded.offset);
    return undefined;
  }
  return decoded.file;
}
