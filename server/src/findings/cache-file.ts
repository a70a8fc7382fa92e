// The cache file on disk: a header line, then one JSON object. Read whole; written whole to a temporary
// file beside it and renamed over it, so a reader (or a run that is killed) never sees half a file.
// The header keeps it from ever reading as JSON: a cache file inside the linted tree is never taken for
// a deployment settings file.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { randomBytes } from 'node:crypto';

const HEADER = 'flowcop-lint-cache\n';

/** Where the cache lives: a file, or a folder (an existing one, or a path ending in a separator) holding one per working folder. */
export function cacheFilePath(location: string, cwd: string, nameOf: (cwd: string) => string): string {
  const abs = nodePath.resolve(cwd, location);
  const isFolder = /[\\/]$/.test(location) || isDirectory(abs);
  return isFolder ? nodePath.join(abs, nameOf(cwd)) : abs;
}

function isLink(p: string): boolean {
  try { return fs.lstatSync(p).isSymbolicLink(); } catch { return false; }
}

function isDirectory(p: string): boolean {
  try { return fs.statSync(p).isDirectory(); } catch { return false; }
}

/**
 * The stored object; undefined when there is no file yet; why it cannot be used otherwise, and whether it
 * may be replaced (a file that is not a cache file, named by mistake, is never written over).
 */
export function readCacheFile(file: string): { data: unknown } | { error: string; foreign?: boolean } | undefined {
  // A link (the file, or the folder holding it, committed to a repository as one) could send the write elsewhere.
  if (isLink(file) || isLink(nodePath.dirname(file))) return { error: 'is a symbolic link or in a linked folder', foreign: true };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return { error: `cannot be read (${code ?? (e as Error).message})`, foreign: code === 'EISDIR' };
  }
  if (!text.startsWith(HEADER)) return { error: 'is not a FlowCop cache file', foreign: true };
  try {
    return { data: JSON.parse(text.slice(HEADER.length)) };
  } catch {
    return { error: 'is corrupt (not valid JSON)' };
  }
}

/** Writes atomically: a temporary file in the same folder, then a rename over the old one. */
export function writeCacheFile(file: string, data: unknown): void {
  fs.mkdirSync(nodePath.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(temp, HEADER + JSON.stringify(data), { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch (e) {
    try { fs.rmSync(temp, { force: true }); } catch { /* nothing more to do */ }
    throw e;
  }
}
