// How reports name files and positions: `file` or `archive.zip!/entry`, 1-based line and column (and the script's).
import type { Finding } from '../findings/finding';
import { relativePath } from '../util/paths';
import { computeLineStarts, positionAt, SourceFile } from '../util/text';

/** `path` or `archive.zip!/entry`. */
export function displayFile(file: { path: string; entry?: string }, base: string): string {
  const p = relativePath(file.path, base);
  return file.entry ? `${p}!/${file.entry}` : p;
}

/** 1-based line/column of a finding in its real file, and in its script when it has one. */
export function findingPosition(f: Finding): {
  line: number; column: number; endLine: number; endColumn: number;
  script?: { line: number; column: number };
} {
  const start = positionAt(f.loc.file, f.loc.span.start);
  const end = positionAt(f.loc.file, f.loc.span.end);
  const result = { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  const script = f.owner.script;
  if (script && f.scriptSpan && script.storage !== 'file') {
    const s = positionInScript(script, f.scriptSpan.start);
    return { ...result, script: { line: s.line + 1, column: s.character + 1 } };
  }
  return result;
}

/** Line starts of each script's text, computed once: a report asks for a position per finding. */
const scriptLineStarts = new WeakMap<object, number[]>();

function positionInScript(script: { text: string }, offset: number): { line: number; character: number } {
  let starts = scriptLineStarts.get(script);
  if (!starts) scriptLineStarts.set(script, starts = computeLineStarts(script.text));
  return positionAt({ path: '', text: script.text, lineStarts: starts } as SourceFile, offset);
}
