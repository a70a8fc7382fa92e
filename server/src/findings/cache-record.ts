// What a task read, recorded while it runs and replayed to tell whether its cached findings still hold:
// every file system call it made through the Vfs (file bytes by digest, folder listings, stats), the
// flowcop.json behind every configuration it asked for, and its solutions' unique names (pipeline links
// are decided on them). Whatever a task reads goes through these two doors, so nothing is missed by
// listing inputs by hand; a new loader that reads another file is covered too.
import type { Workspace } from '../model/types';
import type { DirEntry, Vfs } from '../load/vfs';
import type { ConfigResolver } from './config';
import { configIdentity, digestBytes, digestValue } from './cache-key';
import type { TaskEnv } from './stream';

/** One Vfs call and its outcome: a digest of the bytes or listing, a boolean, a size; null for none. */
export type ReadOp = ['file' | 'dir' | 'isFile' | 'isDir' | 'size', string, string | boolean | number | null];
/** One configuration asked for: the path, whether the caller said it was a folder, where it came from. */
export type ConfigUse = [string, boolean | null, string];

export interface Recording {
  reads: ReadOp[];
  configs: ConfigUse[];
  /** Unique names of the unit's solutions, in order. */
  names: string[];
  /** A read failed (an I/O error): the outcome is not worth keeping. */
  failed: boolean;
}

class RecordingVfs implements Vfs {
  readonly ops = new Map<string, ReadOp>();
  failed = false;
  constructor(private readonly base: Vfs) {}

  private note(kind: ReadOp[0], path: string, outcome: ReadOp[2]): void {
    this.ops.set(`${kind}\u0000${path}`, [kind, path, outcome]);
  }
  readFile(absPath: string): Uint8Array | undefined {
    let bytes: Uint8Array | undefined;
    try {
      bytes = this.base.readFile(absPath);
    } catch (e) {
      this.failed = true;
      throw e;
    }
    this.note('file', absPath, bytes ? digestBytes(bytes) : null);
    return bytes;
  }
  readDir(absPath: string): DirEntry[] | undefined {
    const entries = this.base.readDir(absPath);
    this.note('dir', absPath, entries ? listingDigest(entries) : null);
    return entries;
  }
  isDirectory(absPath: string): boolean {
    const is = this.base.isDirectory(absPath);
    this.note('isDir', absPath, is);
    return is;
  }
  isFile(absPath: string): boolean {
    const is = this.base.isFile(absPath);
    this.note('isFile', absPath, is);
    return is;
  }
  fileSize(absPath: string): number | undefined {
    const size = this.base.fileSize?.(absPath);
    this.note('size', absPath, size ?? null);
    return size;
  }
}

function listingDigest(entries: DirEntry[]): string {
  return digestValue(entries.map(e => (e.isDirectory ? `${e.name}/` : e.name)));
}

/** A TaskEnv that records what the task reads; `finish()` after the task gives the recording. */
export function recordingEnv(env: TaskEnv): { env: TaskEnv; finish: () => Recording } {
  const vfs = new RecordingVfs(env.vfs);
  const configs = new Map<string, ConfigUse>();
  const names: string[] = [];
  const base = env.configs;
  // The same resolver (its cache of flowcop.json files) with configFor noted.
  const recording = Object.create(base) as ConfigResolver;
  recording.configFor = (p: string, isDirectory?: boolean) => {
    const config = base.configFor(p, isDirectory);
    configs.set(`${p}\u0000${isDirectory}`, [p, isDirectory ?? null, configIdentity(config)]);
    return config;
  };
  const observe = (workspace: Workspace) => { names.push(...workspace.solutions.map(s => s.uniqueName)); };
  return {
    env: { ...env, vfs, configs: recording, observe },
    finish: () => ({ reads: [...vfs.ops.values()], configs: [...configs.values()], names, failed: vfs.failed }),
  };
}

/** Whether every configuration the task asked for still comes from the same flowcop.json, unchanged. */
export function configsUnchanged(uses: readonly ConfigUse[], configs: ConfigResolver): boolean {
  return uses.every(([p, isDirectory, identity]) => configIdentity(configs.configFor(p, isDirectory ?? undefined)) === identity);
}

/**
 * Whether every recorded read gives the same outcome now: each file read once more and digested (the
 * `content` strategy), each listing and stat asked again. A stat of a file whose bytes were read and
 * still match says nothing new, so it is skipped.
 */
export function readsUnchanged(reads: readonly ReadOp[], vfs: Vfs): boolean {
  const readFiles = new Set(reads.filter(r => r[0] === 'file' && r[2] !== null).map(r => r[1]));
  try {
    for (const [kind, path, outcome] of reads) {
      switch (kind) {
        case 'file': {
          const bytes = vfs.readFile(path);
          if ((bytes ? digestBytes(bytes) : null) !== outcome) return false;
          break;
        }
        case 'dir': {
          const entries = vfs.readDir(path);
          if ((entries ? listingDigest(entries) : null) !== outcome) return false;
          break;
        }
        case 'isFile': if (!readFiles.has(path) && vfs.isFile(path) !== outcome) return false; break;
        case 'isDir': if (!readFiles.has(path) && vfs.isDirectory(path) !== outcome) return false; break;
        case 'size': if (!readFiles.has(path) && (vfs.fileSize?.(path) ?? null) !== outcome) return false; break;
        default: return false;
      }
    }
  } catch {
    // Unreadable now: lint it again, which reports the problem as usual.
    return false;
  }
  return true;
}
