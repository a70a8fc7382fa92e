// "Unpack Solution Zip", step two: reads the archive's directory, and writes a plan (unpack-plan.ts)
// through the write gate as one transaction. Entries are inflated with a hard output cap (the
// declared size, within the archive's total budget), so a lying header cannot write more than was
// judged; any failure removes everything this extraction wrote. Plain Node (no vscode).
import AdmZip from 'adm-zip';
import * as zlib from 'node:zlib';
import type { ExtractionPlan, UnpackLimits, ZipEntryInfo } from './unpack-plan';
import { DEFAULT_UNPACK_LIMITS, shownEntry } from './unpack-plan';
import { nodeWriter, RawWriter, WriteTransaction } from './write-gate';

export function readZipEntries(zipPath: string): { zip: AdmZip; entries: ZipEntryInfo[] } {
  const zip = new AdmZip(zipPath);
  const entries = zip.getEntries().map(e => ({
    name: e.entryName,
    isDirectory: e.isDirectory,
    attr: e.header.attr >>> 0,
    size: e.header.size,
    compressedSize: e.header.compressedSize,
    method: e.header.method,
    flags: e.header.flags,
  }));
  return { zip, entries };
}

/** Whether the archive is a packed solution (solution.xml at its root, or the unpacked layout's Other/Solution.xml). */
export function isSolutionZip(entries: readonly ZipEntryInfo[]): boolean {
  return entries.some(e => /^(solution\.xml|Other\/Solution\.xml)$/i.test(e.name.replace(/\\/g, '/')));
}

/** The bytes of an entry, never more than `cap` (and exactly its declared size). */
export function inflateEntry(zip: AdmZip, name: string, declared: number, cap: number): Buffer {
  const entry = zip.getEntry(name);
  if (!entry) throw new Error(`${shownEntry(name)}: cannot read the entry`);
  const raw = entry.getCompressedData();
  const limit = Math.min(declared, cap);
  let data: Buffer;
  if (entry.header.method === 0) {
    data = raw;
  } else if (entry.header.method === 8) {
    try {
      // One byte over the limit is enough to know the header lied.
      data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, limit + 1) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw new Error(`${shownEntry(name)}: inflates to more than its declared ${declared} bytes`);
      throw new Error(`${shownEntry(name)}: cannot be inflated (${(e as Error).message})`);
    }
  } else {
    throw new Error(`${shownEntry(name)}: unsupported compression method ${entry.header.method}`);
  }
  if (data.length > limit) throw new Error(`${shownEntry(name)}: holds more than its declared ${declared} bytes`);
  if (data.length !== declared) throw new Error(`${shownEntry(name)}: holds ${data.length} bytes, not the declared ${declared}`);
  const crc = (zlib as unknown as { crc32?: (b: Uint8Array) => number }).crc32;
  if (crc && (crc(data) >>> 0) !== (entry.header.crc >>> 0)) throw new Error(`${shownEntry(name)}: checksum mismatch (a damaged archive)`);
  return data;
}

/**
 * Writes every planned file through the write gate, all or nothing: on any failure (a lying size, a
 * link planted meanwhile, a full disk) every file written is removed or restored and the error is
 * thrown. Returns the number of files written.
 */
export function extract(zip: AdmZip, plan: ExtractionPlan, limits: UnpackLimits = DEFAULT_UNPACK_LIMITS, writer: RawWriter = nodeWriter): number {
  const tx = new WriteTransaction(plan.root, writer);
  let budget = Math.min(limits.maxTotalBytes, plan.totalBytes);
  try {
    for (const f of plan.files) {
      const data = inflateEntry(zip, f.entry, f.size, budget);
      budget -= data.length;
      tx.write(f.dest, data);
    }
  } catch (e) {
    const notRestored = tx.rollback();
    const tail = notRestored.length ? ` (${notRestored.length} file(s) could not be removed again: ${notRestored.slice(0, 5).join(', ')})` : ' (nothing of it was kept)';
    throw new Error(`${(e as Error).message}${tail}`);
  }
  return plan.files.length;
}
