// A v1 desktop flow keeps its script in the flow JSON (`Workflows/<Name>-<GUID>.json`) as
// `properties.definition.package`: the base64 of a zip holding `script.robin` (UTF-16LE, CRLF),
// `flow.manifest`, `controlRepo.appmask` and `imageRepo.imgrepo`. This module finds that value and
// decodes the script in memory, within the same caps as packed solutions (ZipTree + budget.ts).
// It never throws: what cannot be read is returned as a problem at the package value.
import type { SourceFile, Span } from '../util/text';
import { innerSpan, parseJson, propPath } from './json';
import type { SourceMap } from './sourcemap';
import { ZipTree } from './tree';
import { decodeText } from './vfs';

/** The zip entry holding the script. */
export const PACKAGE_SCRIPT_ENTRY = 'script.robin';

export type PackageRead =
  /** No package (a stub with `"package": ""`, or no such property): nothing to read. */
  | { kind: 'none' }
  | { kind: 'script'; text: string; valueSpan: Span }
  | { kind: 'error'; message: string; span: Span };

/** Reads the package of a desktop flow's JSON file. */
export function readPackage(jsonFile: SourceFile): PackageRead {
  const parsed = parseJson(jsonFile.text);
  const node = propPath(parsed.root, 'properties', 'definition', 'package');
  if (!node || node.type !== 'string' || typeof node.value !== 'string' || node.value === '') {
    if (parsed.problems.length && !parsed.root) {
      const p = parsed.problems[0];
      return { kind: 'error', message: p.message, span: { start: p.offset, end: p.offset + p.length } };
    }
    return { kind: 'none' };
  }
  const valueSpan = innerSpan(node);
  const fail = (message: string): PackageRead => ({ kind: 'error', message: `its package ${message}`, span: valueSpan });
  const bytes = decodeBase64(node.value);
  if (typeof bytes === 'string') return fail(bytes);
  const tree = ZipTree.open(`${jsonFile.path}#package`, bytes);
  if ('error' in tree) return fail(`is not a readable zip archive: ${tree.error}`);
  const rel = tree.resolve(PACKAGE_SCRIPT_ENTRY);
  if (!rel) return fail(`holds no ${PACKAGE_SCRIPT_ENTRY}`);
  let script: Uint8Array | undefined;
  try {
    script = tree.readFile(rel);
  } catch (e) {
    return fail(`cannot be read: ${PACKAGE_SCRIPT_ENTRY}: ${(e as Error).message}`);
  }
  const text = decodeScriptBytes(script ?? new Uint8Array(0));
  if (typeof text !== 'string') return fail(`cannot be read: ${PACKAGE_SCRIPT_ENTRY}: ${text.error}`);
  return { kind: 'script', text, valueSpan };
}

/** Strict base64 (Buffer.from skips bad characters silently): the bytes, or why not. */
function decodeBase64(value: string): Uint8Array | string {
  let count = 0;
  let padding = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    const digit = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
    if (c === 61 /* = */) padding++;
    else if (!digit || padding > 0) return `is not valid base64 (unexpected character at position ${i + 1})`;
    count++;
  }
  if (count % 4 !== 0 || padding > 2) return 'is not valid base64 (truncated?)';
  return Buffer.from(value, 'base64');
}

/** script.robin is UTF-16LE; a BOM is usual but not required, UTF-8 is accepted too. */
function decodeScriptBytes(bytes: Uint8Array): string | { error: string } {
  // Without a BOM, ASCII-led UTF-16LE text starts with a character and a NUL.
  const bom = bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe;
  if (bom || (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0)) {
    if (bytes.length % 2 !== 0) return { error: 'UTF-16 text with an odd number of bytes (truncated?)' };
    return Buffer.from(bytes.buffer, bytes.byteOffset + (bom ? 2 : 0), bytes.length - (bom ? 2 : 0)).toString('utf16le');
  }
  const decoded = decodeText(bytes, PACKAGE_SCRIPT_ENTRY);
  return 'error' in decoded ? { error: decoded.error } : decoded.file.text;
}

/**
 * The script of a package has no place of its own in the file: every script offset maps to the
 * whole `package` value, and the finding names the script line (report/paths.ts).
 */
export class PackageMap implements SourceMap {
  constructor(readonly fileSpan: Span, readonly scriptLength: number) {}
  toFile(): number { return this.fileSpan.start; }
  toFileSpan(): Span { return { start: this.fileSpan.start, end: this.fileSpan.end }; }
  toScript(): number { return 0; }
  toScriptSpan(): Span { return { start: 0, end: this.scriptLength }; }
}

/** Whether two decoded scripts are the same flow (line endings aside). */
export function sameScript(a: string, b: string): boolean {
  if (a === b) return true;
  return normalizeBreaks(a) === normalizeBreaks(b);
}

function normalizeBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
