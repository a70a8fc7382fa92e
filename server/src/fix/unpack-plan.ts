// "Unpack Solution Zip", step one: the WHOLE archive is judged before anything is written — every
// entry name (no `..`, absolute path, drive letter, symbolic link, duplicate under case folding),
// the entry count, the declared total size and each entry's compression ratio — and the target must
// not be or pass through a symbolic link. A refused archive creates nothing. Plain Node (no vscode).
import * as nodePath from 'node:path';
import { gatePath, WriteRefused } from './write-gate';

export interface ZipEntryInfo {
  /** The entry name as stored. */
  name: string;
  isDirectory: boolean;
  /** The entry's external attributes (Unix mode in the high 16 bits for archives made on Unix). */
  attr: number;
  /** Declared uncompressed size (bytes). */
  size?: number;
  /** Declared compressed size (bytes). */
  compressedSize?: number;
  /** Compression method (0 stored, 8 deflate). */
  method?: number;
  /** General purpose flags (bit 0: encrypted). */
  flags?: number;
}

export interface UnpackLimits {
  maxEntries: number;
  /** Sum of the declared uncompressed sizes, and of the bytes actually inflated. */
  maxTotalBytes: number;
  /** Uncompressed / compressed, per entry, for entries larger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

/**
 * A real solution export holds a few hundred files, XML compresses 10–30×: these leave a wide margin
 * and stop a 3 MB archive from writing gigabytes.
 */
export const DEFAULT_UNPACK_LIMITS: UnpackLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

export interface PlannedFile {
  entry: string;
  dest: string;
  size: number;
}

export interface ExtractionPlan {
  /** The folder the user chose: the write gate's root. */
  root: string;
  target: string;
  files: PlannedFile[];
  /** Destinations that already exist. */
  existing: string[];
  totalBytes: number;
}

export interface Refusal {
  entry: string;
  reason: string;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** The entry name for messages: control characters escaped, cut short. */
export function shownEntry(name: string): string {
  const cut = name.length > 120 ? `${name.slice(0, 120)}…` : name;
  return JSON.stringify(cut).slice(1, -1);
}

/** Why an entry's name may not be extracted into `target`, or undefined when it is safe. */
export function unsafeEntry(entry: ZipEntryInfo, target: string): string | undefined {
  const name = entry.name;
  if (!name) return 'empty name';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control character in the name';
  const normalized = name.replace(/\\/g, '/');
  if (normalized.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(normalized) || normalized.includes(':')) return 'drive letter or stream name';
  const segments = normalized.split('/');
  if (segments.some(seg => seg === '..')) return "'..' in the path";
  if (segments.some(seg => seg === '.')) return "'.' in the path";
  if (((entry.attr >>> 16) & S_IFMT) === S_IFLNK) return 'symbolic link';
  if (((entry.flags ?? 0) & 1) === 1) return 'encrypted entry';
  if (!entry.isDirectory && entry.method !== undefined && entry.method !== 0 && entry.method !== 8) return `unsupported compression method ${entry.method}`;
  const dest = nodePath.resolve(target, ...segments.filter(Boolean));
  const rel = nodePath.relative(nodePath.resolve(target), dest);
  if (!rel || rel.startsWith('..') || nodePath.isAbsolute(rel)) return 'leaves the target folder';
  return undefined;
}

function segmentsOf(name: string): string[] {
  return name.replace(/\\/g, '/').split('/').filter(Boolean);
}

/**
 * Judges the whole archive for extraction into `root`/`folderName`: the files to write, or every
 * reason to refuse it (then nothing at all is written, not even the target folder).
 */
export function planExtraction(entries: readonly ZipEntryInfo[], root: string, folderName: string, limits: UnpackLimits = DEFAULT_UNPACK_LIMITS): ExtractionPlan | { unsafe: Refusal[] } {
  const unsafe: Refusal[] = [];
  const target = nodePath.join(root, folderName);
  if (!folderName || segmentsOf(folderName).length !== 1 || folderName === '..' || folderName === '.') {
    return { unsafe: [{ entry: folderName, reason: 'not a valid folder name' }] };
  }
  if (entries.length > limits.maxEntries) {
    return { unsafe: [{ entry: '(archive)', reason: `${entries.length} entries, more than the limit of ${limits.maxEntries}` }] };
  }
  const files: PlannedFile[] = [];
  const seen = new Map<string, string>();
  const dirsNeeded = new Set<string>();
  let totalBytes = 0;
  for (const e of entries) {
    const why = unsafeEntry(e, target);
    if (why) { unsafe.push({ entry: shownEntry(e.name), reason: why }); continue; }
    const segments = segmentsOf(e.name);
    const folded = segments.join('/').toLowerCase();
    // Two names one file on Windows and macOS: which one wins would depend on the order.
    const earlier = seen.get(folded);
    if (earlier !== undefined && !(e.isDirectory && earlier.endsWith('/'))) {
      unsafe.push({ entry: shownEntry(e.name), reason: `duplicate of ${shownEntry(earlier)} (names are compared ignoring case)` });
      continue;
    }
    seen.set(folded, e.isDirectory ? `${e.name.replace(/\/?$/, '/')}` : e.name);
    for (let i = 1; i < segments.length; i++) dirsNeeded.add(segments.slice(0, i).join('/').toLowerCase());
    if (e.isDirectory) continue;
    const size = e.size ?? 0;
    const compressed = e.compressedSize ?? 0;
    if (size > limits.ratioFloorBytes && size > compressed * limits.maxRatio) {
      unsafe.push({ entry: shownEntry(e.name), reason: `compression ratio over ${limits.maxRatio}:1 (${size} bytes from ${compressed})` });
      continue;
    }
    totalBytes += size;
    files.push({ entry: e.name, dest: nodePath.join(target, ...segments), size });
  }
  // A file that is also a folder of another entry.
  for (const f of files) {
    const folded = segmentsOf(f.entry).join('/').toLowerCase();
    if (dirsNeeded.has(folded)) unsafe.push({ entry: shownEntry(f.entry), reason: 'both a file and a folder in the archive' });
  }
  if (totalBytes > limits.maxTotalBytes) {
    unsafe.push({ entry: '(archive)', reason: `${totalBytes} bytes uncompressed, more than the limit of ${limits.maxTotalBytes}` });
  }
  if (unsafe.length) return { unsafe };
  // The target and everything below it must not be or pass through a symbolic link.
  const existing: string[] = [];
  try {
    gatePath(root, nodePath.join(target, '.flowcop-probe'));
  } catch (e) {
    if (e instanceof WriteRefused) return { unsafe: [{ entry: folderName, reason: `the target folder: ${e.message}` }] };
    throw e;
  }
  for (const f of files) {
    try {
      if (gatePath(root, f.dest).exists) existing.push(f.dest);
    } catch (e) {
      if (!(e instanceof WriteRefused)) throw e;
      unsafe.push({ entry: shownEntry(f.entry), reason: e.message });
    }
  }
  if (unsafe.length) return { unsafe };
  return { root, target, files, existing, totalBytes };
}
