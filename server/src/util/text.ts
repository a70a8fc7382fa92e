// Source files as the engine sees them: decoded text (BOM removed) plus what is needed to write
// them back byte-for-byte (BOM, dominant line ending) and to turn offsets into line/column.

export interface Span {
  /** Offset of the first UTF-16 code unit, in the file's decoded text. */
  start: number;
  /** Offset just past the last code unit. */
  end: number;
}

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units (LSP and SARIF's default). */
  character: number;
}

export interface SourceFile {
  /** Absolute path of the file on disk, or of the zip archive holding it. */
  path: string;
  /** Entry path inside a zip archive (forward slashes); undefined for plain files. */
  entry?: string;
  /** Decoded text without the BOM. */
  text: string;
  bom: boolean;
  encoding: TextEncoding;
  /** SHA-1 of the bytes as read; fixes refuse to write when the file changed since. */
  hash: string;
  /** Line start offsets, computed on first use. */
  lineStarts?: number[];
}

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

export function createSourceFile(
  path: string,
  text: string,
  options: { bom?: boolean; hash?: string; entry?: string; encoding?: TextEncoding } = {},
): SourceFile {
  return { path, text, bom: options.bom ?? false, encoding: options.encoding ?? 'utf8', hash: options.hash ?? '', entry: options.entry };
}

export function lineStarts(file: SourceFile): number[] {
  if (!file.lineStarts) file.lineStarts = computeLineStarts(file.text);
  return file.lineStarts;
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  // Native searches for the next \r and \n rather than a loop per character; `\r\n` is one break.
  let cr = text.indexOf('\r');
  let lf = text.indexOf('\n');
  while (cr >= 0 || lf >= 0) {
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      const next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      starts.push(next);
      cr = text.indexOf('\r', next);
      if (lf >= 0 && lf < next) lf = text.indexOf('\n', next);
    } else {
      starts.push(lf + 1);
      lf = text.indexOf('\n', lf + 1);
    }
  }
  return starts;
}

export function positionAt(file: SourceFile, offset: number): Position {
  return positionInText(lineStarts(file), file.text.length, offset);
}

/** 0-based line and character of an offset (clamped to the text), given the text's line starts. */
export function positionInText(starts: readonly number[], textLength: number, offset: number): Position {
  const o = Math.max(0, Math.min(offset, textLength));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: o - starts[lo] };
}

export function offsetAt(file: SourceFile, position: Position): number {
  const starts = lineStarts(file);
  if (position.line < 0) return 0;
  if (position.line >= starts.length) return file.text.length;
  const lineEnd = position.line + 1 < starts.length ? starts[position.line + 1] : file.text.length;
  return Math.min(starts[position.line] + Math.max(0, position.character), lineEnd);
}

/** The line ending most used in the text ('\r\n' when tied or absent: Power Platform writes CRLF). */
export function dominantEol(text: string): '\r\n' | '\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
      else lf++;
    }
  }
  return lf > crlf ? '\n' : '\r\n';
}

/** Human-readable location of a file: the path, plus `!/entry` for a file inside a zip. */
export function fileLabel(file: { path: string; entry?: string }): string {
  return file.entry ? `${file.path}!/${file.entry}` : file.path;
}

/** Sorted, disjoint union of spans; touching spans join. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  return merged;
}
