// A solution's files, whether they lie in a folder or inside a packed .zip (read in memory).
// Paths inside a tree are relative, with '/' separators, and looked up case-insensitively:
// Power Platform tools are Windows-born and repositories mix `Workflows/` and `workflows/`.
import AdmZip from 'adm-zip';
import * as nodePath from 'node:path';
import type { SourceFile } from '../util/text';
import { activeBudget, MAX_FILE_BYTES } from './budget';
import { loadErrorMessage } from './guard';
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

/** A folder's entries, indexed by exact and by lower-case name (lookups stay O(1) in huge folders). */
interface Listing {
  entries: DirEntry[];
  exact: Map<string, DirEntry>;
  lower: Map<string, DirEntry>;
}

export class DirTree implements FileTree {
  readonly kind = 'dir';
  private readonly listings = new Map<string, Listing>();
  /** Real-cased paths by the relative paths asked for (the listings they come from are kept too). */
  private readonly resolved = new Map<string, string | undefined>();
  constructor(private readonly vfs: Vfs, readonly root: string) {}

  list(relDir: string): DirEntry[] {
    const real = relDir === '' ? '' : this.resolve(relDir);
    return real === undefined ? [] : this.listing(real).entries;
  }

  private listing(real: string): Listing {
    let listing = this.listings.get(real);
    if (!listing) {
      const entries = this.vfs.readDir(nodePath.join(this.root, real)) ?? [];
      listing = { entries, exact: new Map(), lower: new Map() };
      for (const e of entries) {
        listing.exact.set(e.name, e);
        // The first entry in listing order wins, as a linear search would pick it.
        const key = e.name.toLowerCase();
        if (!listing.lower.has(key)) listing.lower.set(key, e);
      }
      this.listings.set(real, listing);
    }
    return listing;
  }

  resolve(rel: string): string | undefined {
    // Each file is resolved several times (its location, its read, its loader's checks).
    if (this.resolved.has(rel)) return this.resolved.get(rel);
    const real = this.resolveUncached(rel);
    this.resolved.set(rel, real);
    return real;
  }

  private resolveUncached(rel: string): string | undefined {
    const parts = rel.split('/').filter(Boolean);
    let cur = '';
    for (const part of parts) {
      const listing = this.listing(cur);
      const hit = listing.exact.get(part) ?? listing.lower.get(part.toLowerCase());
      if (!hit) return undefined;
      cur = cur ? `${cur}/${hit.name}` : hit.name;
    }
    return cur;
  }

  readFile(rel: string): Uint8Array | undefined {
    const real = this.resolve(rel);
    if (real === undefined) return undefined;
    const abs = nodePath.join(this.root, real);
    if (this.vfs.readFileWithin) {
      const read = this.vfs.readFileWithin(abs, MAX_FILE_BYTES);
      if (typeof read === 'number') throw new Error(tooLarge(read));
      return read;
    }
    const size = this.vfs.fileSize?.(abs);
    if (size !== undefined && size > MAX_FILE_BYTES) throw new Error(tooLarge(size));
    const bytes = this.vfs.readFile(abs);
    if (bytes && bytes.length > MAX_FILE_BYTES) throw new Error(tooLarge(bytes.length));
    return bytes;
  }

  location(rel: string): { path: string } {
    return { path: nodePath.join(this.root, this.resolve(rel) ?? rel) };
  }
}

/** Limits that keep a hostile or corrupt archive from exhausting memory (see also budget.ts, per run). */
const MAX_ENTRIES = 20000;
const MAX_TOTAL_BYTES = 512 * 1024 * 1024;

/** `s` without trailing slashes (`/\/+$/` re-reads a run of slashes from each of them: quadratic). */
function trimTrailingSlashes(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 47) e--;
  return s.slice(0, e);
}

function tooLarge(bytes: number): string {
  return `file is ${Math.round(bytes / 1048576)} MiB, larger than the ${MAX_FILE_BYTES / 1048576} MiB cap for one file`;
}

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
    for (const entry of entries) total += entry.header.size;
    if (total > MAX_TOTAL_BYTES) return { error: 'zip archive expands to more than 512 MiB' };
    const overBudget = activeBudget().takeArchive(total, entries.length);
    if (overBudget) return { error: overBudget };
    for (const entry of entries) {
      const name = entry.entryName.replace(/\\/g, '/').replace(/^\/+/, '');
      // An entry that climbs out of the archive root is never a solution file.
      if (name.split('/').includes('..')) continue;
      // '.' segments name the folder itself: dropped, so that what is listed also resolves.
      const parts = name.split('/').filter(p => p && p !== '.');
      if (!parts.length) continue;
      for (let k = 0; k < parts.length; k++) {
        const dir = parts.slice(0, k).join('/').toLowerCase();
        const isDir = k < parts.length - 1 || entry.isDirectory;
        let listing = tree.dirs.get(dir);
        if (!listing) tree.dirs.set(dir, (listing = new Map()));
        if (!listing.has(parts[k].toLowerCase())) listing.set(parts[k].toLowerCase(), { name: parts[k], isDirectory: isDir });
      }
      if (!entry.isDirectory) tree.files.set(parts.join('/').toLowerCase(), { name: parts.join('/'), entry });
      // An empty folder has a listing of its own (empty), so that it resolves like any other.
      else if (!tree.dirs.has(parts.join('/').toLowerCase())) tree.dirs.set(parts.join('/').toLowerCase(), new Map());
    }
    return tree;
  }

  list(relDir: string): DirEntry[] {
    const listing = this.dirs.get(trimTrailingSlashes(relDir).toLowerCase());
    return listing ? [...listing.values()].sort((a, b) => (a.name < b.name ? -1 : 1)) : [];
  }

  resolve(rel: string): string | undefined {
    const key = trimTrailingSlashes(rel).toLowerCase();
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
    if (hit.entry.header.size > MAX_FILE_BYTES) throw new Error(tooLarge(hit.entry.header.size));
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
  let decoded: ReturnType<typeof decodeText>;
  try {
    decoded = decodeText(bytes, where.path, where.entry);
  } catch (e) {
    problem(where, loadErrorMessage(e));
    return undefined;
  }
  if ('error' in decoded) {
    problem(where, decoded.error, decoded.offset);
    return undefined;
  }
  return decoded.file;
}
