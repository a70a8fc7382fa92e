// Reads pac's profile file from its data folder and watches that folder (debounced), so the status bar follows
// `pac auth select` / `pac org select`. Only authprofiles*.json is read — never the token caches beside it.
// No vscode here: unit tests load it.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { PAC_FOLDER, PacProfiles, parseAuthProfiles, profileFileVersion } from './profiles';

/** pac's profile file is small; anything far larger is not it. */
const MAX_BYTES = 4 * 1024 * 1024;

export interface PacReading {
  /** The profiles, when a file was read; undefined when pac has none (no file) or it could not be read. */
  profiles?: PacProfiles;
  file?: string;
  /** One line for the output channel: why nothing was read, or a note on what was. */
  reason?: string;
}

/** The folder itself, or the one that differs only in case (Linux and macOS may be case-sensitive). */
function existingFolder(folder: string): string | undefined {
  try {
    if (fs.statSync(folder).isDirectory()) return folder;
  } catch { /* look for another spelling */ }
  const parent = nodePath.dirname(folder);
  try {
    const name = fs.readdirSync(parent).find(n => n.toLowerCase() === PAC_FOLDER.toLowerCase());
    return name ? nodePath.join(parent, name) : undefined;
  } catch {
    return undefined;
  }
}

/** The newest profile file across the candidate folders (highest version within a folder). */
function findProfileFile(folders: readonly string[]): { file: string; version: number } | undefined {
  let best: { file: string; version: number; mtime: number } | undefined;
  for (const candidate of folders) {
    const folder = existingFolder(candidate);
    if (!folder) continue;
    let names: string[];
    try { names = fs.readdirSync(folder); } catch { continue; }
    const files = names.map(n => ({ n, v: profileFileVersion(n) })).filter((x): x is { n: string; v: number } => x.v !== undefined).sort((a, b) => b.v - a.v);
    if (!files.length) continue;
    const file = nodePath.join(folder, files[0].n);
    let mtime = 0;
    try { mtime = fs.statSync(file).mtimeMs; } catch { continue; }
    if (!best || mtime > best.mtime) best = { file, version: files[0].v, mtime };
  }
  return best && { file: best.file, version: best.version };
}

/** Reads pac's profiles from the first folder that has them; never throws. */
export function readPacProfiles(folders: readonly string[]): PacReading {
  const found = findProfileFile(folders);
  if (!found) return {};
  const { file, version } = found;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_BYTES) return { file, reason: `${file}: ${size} bytes, too large for pac's profile list; not read` };
    // TextDecoder drops a UTF-8 BOM; invalid bytes become U+FFFD and then fail JSON.parse with a reason.
    const parsed = parseAuthProfiles(new TextDecoder('utf-8').decode(fs.readFileSync(file)), version);
    if ('error' in parsed) return { file, reason: `${file}: ${parsed.error}` };
    return { profiles: parsed, file, reason: parsed.note && `${file}: ${parsed.note}` };
  } catch (e) {
    return { file, reason: `${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
}

/**
 * Watches the candidate folders — or, while one does not exist yet, its parent or grandparent, so a first
 * `pac auth create` is seen — and calls `changed` once things settle (debounced). `rearm()` re-points the
 * watchers after the folders appeared or went away.
 */
export class PacFolderWatcher {
  private watchers = new Map<string, fs.FSWatcher>();
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly folders: readonly string[], private readonly changed: () => void,
    private readonly log: (message: string) => void, private readonly debounceMs = 300) {
    this.rearm();
  }

  rearm(): void {
    if (this.disposed) return;
    const wanted = new Set(this.folders.map(f => existingFolder(f) ?? nearestExistingParent(f)).filter((f): f is string => !!f));
    for (const [folder, watcher] of this.watchers) {
      if (!wanted.has(folder)) { watcher.close(); this.watchers.delete(folder); }
    }
    for (const folder of wanted) {
      if (this.watchers.has(folder)) continue;
      try {
        const watcher = fs.watch(folder, { persistent: false }, () => this.schedule());
        watcher.on('error', () => {
          // The folder went away (pac auth clear may remove it): watch its parent from now on.
          watcher.close();
          this.watchers.delete(folder);
          this.schedule();
        });
        this.watchers.set(folder, watcher);
      } catch (e) {
        this.log(`cannot watch ${folder} for pac's profiles: ${(e as Error).message}`);
      }
    }
  }

  private schedule(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.rearm();
      this.changed();
    }, this.debounceMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}

/**
 * The nearest existing ancestor of a folder, at most two levels up (`Microsoft`, then the data folder): far
 * enough to see pac create its folder, never a busy one like the home folder.
 */
function nearestExistingParent(folder: string): string | undefined {
  let dir = folder;
  for (let up = 0; up < 2; up++) {
    dir = nodePath.dirname(dir);
    try {
      if (fs.statSync(dir).isDirectory()) return dir;
    } catch { /* go up */ }
  }
  return undefined;
}
