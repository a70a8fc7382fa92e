// Recognises a deployment settings file by its content, cheaply: every JSON file of a repository that
// nothing else claims is asked, so only a bounded prefix is looked at, once, before any parse. A file is
// a settings file when its top-level object has an `EnvironmentVariables` or `ConnectionReferences`
// key whose value is an array; the same keys deeper down (a flow's `connectionReferences`) do not count.
// A lone empty array is not enough: a desktop flow's dependencies file is `{"EnvironmentVariables":[]}`,
// while `pac solution create-settings` always writes both keys.
import * as fs from 'node:fs';
import { MAX_FILE_BYTES } from './budget';
import { DiskVfs, Vfs } from './vfs';

/** How much of a file is looked at: settings files name their arrays first, within a few bytes. */
export const SETTINGS_SNIFF_BYTES = 64 * 1024;

const SETTINGS_KEYS = new Set(['environmentvariables', 'connectionreferences']);

/** Whether the file at `absPath` starts like a deployment settings file (false when it cannot be read). */
export function sniffSettingsFile(vfs: Vfs, absPath: string): boolean {
  // A desktop flow's binaries (desktopflowbinaries/…/data/DependenciesFile_….json, ManifestFile_….json).
  const name = absPath.slice(Math.max(absPath.lastIndexOf('/'), absPath.lastIndexOf('\\')) + 1).toLowerCase();
  if (name.includes('dependenciesfile') || name.includes('manifestfile')) return false;
  const size = vfs.fileSize?.(absPath);
  if (size !== undefined && size > MAX_FILE_BYTES) return false;
  let bytes: Uint8Array | undefined;
  try {
    bytes = readHead(vfs, absPath);
  } catch {
    return false;
  }
  return !!bytes && looksLikeSettings(bytes);
}

/** The file's first SETTINGS_SNIFF_BYTES: read from the disk alone, sliced from a virtual file. */
function readHead(vfs: Vfs, absPath: string): Uint8Array | undefined {
  if (vfs.constructor !== DiskVfs) return vfs.readFile(absPath)?.subarray(0, SETTINGS_SNIFF_BYTES);
  if (!fs.statSync(absPath).isFile()) return undefined;
  const fd = fs.openSync(absPath, 'r');
  try {
    const head = Buffer.alloc(SETTINGS_SNIFF_BYTES);
    return head.subarray(0, fs.readSync(fd, head, 0, SETTINGS_SNIFF_BYTES, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Scans the prefix once, tracking nesting and strings, for a top-level settings key holding a non-empty
 * array, or both keys holding arrays.
 */
export function looksLikeSettings(bytes: Uint8Array): boolean {
  const text = prefixText(bytes);
  let i = skipBlank(text, 0);
  if (text.charCodeAt(i) !== 123 /* { */) return false;
  let depth = 0;
  const emptyKeys = new Set<string>();
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const close = stringEnd(text, i);
      if (close < 0) return false;
      if (depth === 1) {
        const after = skipBlank(text, close + 1);
        if (text.charCodeAt(after) === 58 /* : */) {
          const key = text.slice(i + 1, close);
          const open = skipBlank(text, after + 1);
          if (SETTINGS_KEYS.has(key.toLowerCase()) && text.charCodeAt(open) === 91 /* [ */) {
            if (text.charCodeAt(skipBlank(text, open + 1)) !== 93 /* ] */) return true;
            emptyKeys.add(key.toLowerCase());
            if (emptyKeys.size === SETTINGS_KEYS.size) return true;
          }
        }
      }
      i = close + 1;
      continue;
    }
    if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth <= 0) return false;
    }
    i++;
  }
  return false;
}

/** The index of the quote closing the string opening at `open`, or -1 when the prefix ends first. */
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 34) return i;
  }
  return -1;
}

function skipBlank(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/** The first SETTINGS_SNIFF_BYTES decoded leniently (UTF-8, or UTF-16 with its BOM, as decodeText reads). */
function prefixText(bytes: Uint8Array): string {
  const head = bytes.subarray(0, SETTINGS_SNIFF_BYTES);
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    const body = Buffer.from(head.subarray(2, head.length - (head.length % 2)));
    if (head[0] === 0xfe) body.swap16();
    return body.toString('utf16le');
  }
  const start = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  return new TextDecoder('utf-8').decode(head.subarray(start));
}
