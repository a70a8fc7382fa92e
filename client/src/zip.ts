// Packed solutions: "Unpack Solution Zip..." extracts a solution .zip safely (no entry may leave the chosen
// folder: `..`, absolute paths, drive letters and symlinks are refused; existing files are only overwritten
// after confirmation) into the raw layout; "Lint Solution Zip..." asks the server to lint it in memory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import AdmZip from 'adm-zip';

export interface ZipEntryInfo {
  /** The entry name as stored. */
  name: string;
  isDirectory: boolean;
  /** The entry's external attributes (Unix mode in the high 16 bits for archives made on Unix). */
  attr: number;
}

export interface ExtractionPlan {
  files: Array<{ entry: string; dest: string }>;
  /** Destinations that already exist. */
  existing: string[];
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Why an entry may not be extracted into `target`, or undefined when it is safe. */
export function unsafeEntry(entry: ZipEntryInfo, target: string): string | undefined {
  const name = entry.name;
  if (!name) return 'empty name';
  if (name.includes('\0')) return 'NUL character in the name';
  const normalized = name.replace(/\\/g, '/');
  if (normalized.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(normalized)) return 'drive letter';
  if (normalized.split('/').some(seg => seg === '..')) return "'..' in the path";
  if (((entry.attr >>> 16) & S_IFMT) === S_IFLNK) return 'symbolic link';
  const dest = path.resolve(target, ...normalized.split('/').filter(Boolean));
  const rel = path.relative(path.resolve(target), dest);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return 'leaves the target folder';
  return undefined;
}

/** The files to write, or the entries that make the archive unsafe (then nothing is extracted). */
export function planExtraction(entries: ZipEntryInfo[], target: string): ExtractionPlan | { unsafe: Array<{ entry: string; reason: string }> } {
  const unsafe: Array<{ entry: string; reason: string }> = [];
  const files: ExtractionPlan['files'] = [];
  for (const e of entries) {
    const why = unsafeEntry(e, target);
    if (why) { unsafe.push({ entry: e.name, reason: why }); continue; }
    if (e.isDirectory) continue;
    files.push({ entry: e.name, dest: path.resolve(target, ...e.name.replace(/\\/g, '/').split('/').filter(Boolean)) });
  }
  if (unsafe.length) return { unsafe };
  const existing = files.filter(f => {
    try { return fs.lstatSync(f.dest) !== undefined; } catch { return false; }
  }).map(f => f.dest);
  return { files, existing };
}

export function readZipEntries(zipPath: string): { zip: AdmZip; entries: ZipEntryInfo[] } {
  const zip = new AdmZip(zipPath);
  const entries = zip.getEntries().map(e => ({ name: e.entryName, isDirectory: e.isDirectory, attr: e.header.attr >>> 0 }));
  return { zip, entries };
}

/** Whether the archive is a packed solution (solution.xml at its root, or the unpacked layout's Other/Solution.xml). */
export function isSolutionZip(entries: ZipEntryInfo[]): boolean {
  return entries.some(e => /^(solution\.xml|Other\/Solution\.xml)$/i.test(e.name.replace(/\\/g, '/')));
}

/** Writes the planned files; refuses to follow a symlink already present at a destination or on its way. */
export function extract(zip: AdmZip, plan: ExtractionPlan, target: string): number {
  const root = fs.realpathSync(target);
  let count = 0;
  for (const f of plan.files) {
    const dir = path.dirname(f.dest);
    fs.mkdirSync(dir, { recursive: true });
    // A folder on the way that is a symlink pointing elsewhere would carry the write out of the target.
    const real = fs.realpathSync(dir);
    const rel = path.relative(root, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`${f.entry}: its folder leads outside ${target} (symbolic link)`);
    try {
      if (fs.lstatSync(f.dest).isSymbolicLink()) fs.unlinkSync(f.dest);
    } catch {
      // does not exist
    }
    const data = zip.getEntry(f.entry)?.getData();
    if (!data) throw new Error(`${f.entry}: cannot read the entry`);
    fs.writeFileSync(f.dest, data);
    count++;
  }
  return count;
}
