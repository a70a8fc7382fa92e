// How reports name files and positions: `file` or `archive.zip!/entry`, 1-based line and column (and the script's).
import { relativePath } from '../util/paths';

/** `path` or `archive.zip!/entry`. */
export function displayFile(file: { path: string; entry?: string }, base: string): string {
  const p = relativePath(file.path, base);
  return file.entry ? `${p}!/${file.entry}` : p;
}

export { findingPosition } from '../findings/finding';

/** How much a run linted, for report summaries. */
export interface ScanCounts { solutions: number; scripts: number }
