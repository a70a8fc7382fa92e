// Decides whether a .txt file holds a desktop-flow script (a designer copy or a saved definition) rather
// than prose, CSV, a log, JSON… The script is parsed and the share of its non-comment lines that read as
// clean statements decides, so a single keyword in a README is not enough.
import type { Span } from '../../util/text';
import type { ScriptAst, Statement } from '../../model/pad-ast';
import { parseScript } from './parser';
import { walkStatements } from './walk';

/** Only the start of a big file is looked at; a script shows itself in its first lines. */
const SNIFF_LIMIT = 256 * 1024;
/** At least this share of the statement lines must parse cleanly. */
const MIN_CLEAN_SHARE = 0.8;

export function looksLikeScript(text: string): boolean {
  return sniffScript(text).script;
}

/**
 * Like looksLikeScript, and hands back the parse tree when the whole text was parsed, so a caller
 * that goes on to use the script does not parse it twice.
 */
export function sniffScript(text: string): { script: boolean; ast?: ScriptAst } {
  const sample = sampleOf(text);
  const ast = parseScript(sample);
  const script = isScriptTree(ast);
  return { script, ast: script && sample.length === text.length ? ast : undefined };
}

function isScriptTree(ast: ScriptAst): boolean {
  const lines = statementLines(ast);
  if (!lines.length) return false;
  // A line is clean when no problem starts on it; a problem outside every line (a stray END, say)
  // counts as one more faulty line.
  const problemStarts = ast.problems.map(p => p.span.start).sort((a, b) => a - b);
  const faulty = new Set<number>();
  let orphans = 0;
  for (const start of problemStarts) {
    const index = lineContaining(lines, start);
    if (index < 0) orphans++;
    else faulty.add(index);
  }
  let substantive = 0;
  lines.forEach((line, index) => {
    if (line.substantive && !faulty.has(index)) substantive++;
  });
  const clean = lines.length - faulty.size;
  // A lone LABEL or a bare word that happens to read as a statement is not a script.
  return substantive > 0 && clean / (lines.length + orphans) >= MIN_CLEAN_SHARE;
}

/** Index of the line whose span holds the offset (lines are sorted and do not overlap), or -1. */
function lineContaining(lines: StatementLine[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const span = lines[mid].span;
    if (offset < span.start) hi = mid - 1;
    else if (offset >= span.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function sampleOf(text: string): string {
  if (text.length <= SNIFF_LIMIT) return text;
  const cut = text.lastIndexOf('\n', SNIFF_LIMIT);
  return text.slice(0, cut > 0 ? cut : SNIFF_LIMIT);
}

interface StatementLine {
  /** The statement's own text: up to its first nested statement, if any. */
  span: Span;
  /** Actions, SET, control flow, subflow calls: the lines only a script has. */
  substantive: boolean;
}

/** Every header line, declaration and statement (comments excluded) with its own extent, sorted. */
function statementLines(ast: ScriptAst): StatementLine[] {
  const lines: StatementLine[] = [];
  for (const h of ast.headers) lines.push({ span: h.span, substantive: true });
  for (const i of ast.imports) lines.push({ span: i.span, substantive: true });
  if (ast.sensitive) lines.push({ span: ast.sensitive.span, substantive: true });
  for (const d of ast.declarations) lines.push({ span: d.span, substantive: true });
  for (const f of ast.functions) lines.push({ span: { start: f.span.start, end: f.nameSpan.end }, substantive: true });
  // Statements in document order; a statement's own extent stops where its first nested statement
  // starts, so a fault inside a body counts against that body's line only.
  const visited: Statement[] = [];
  walkStatements(ast, stmt => {
    visited.push(stmt);
  });
  for (let i = 0; i < visited.length; i++) {
    const stmt = visited[i];
    if (stmt.kind === 'comment') continue;
    const next = visited[i + 1];
    const end = next && next.span.start < stmt.span.end && next.span.start > stmt.span.start ? next.span.start : stmt.span.end;
    // A lone LABEL or region marker is too weak a sign on its own.
    const substantive = stmt.kind !== 'unknown' && stmt.kind !== 'label' && stmt.kind !== 'region';
    lines.push({ span: { start: stmt.span.start, end: Math.max(end, stmt.span.start + 1) }, substantive });
  }
  lines.sort((a, b) => a.span.start - b.span.start);
  return lines;
}
