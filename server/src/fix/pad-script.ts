// The script side of the desktop-flow fixes: edits in script offsets (re-encoded for the <Definition>
// they live in), lines and statements, reads of a variable, the @SENSITIVE line, and string literals
// rewritten to hold an expression.
import { encodeForDefinition } from '../load/definition';
import type { Expr, ScriptAst, Statement, StringLit } from '../model/pad-ast';
import { statementExpressions, StatementContext, walkExpressions, walkStatements } from '../load/pad/walk';
import type { DesktopFlow, Script, Solution, StandaloneScript } from '../model/types';
import type { Finding } from '../findings/finding';
import { flatten } from '../analysis/pad/flat';
import type { ScriptUnit } from '../rules/rule';
import { dominantEol, Span } from '../util/text';
import { ChangeBuilder, FixError } from './change';
import type { AppendItem, AppendSlot } from './append';

export interface ScriptTarget {
  script: Script;
  desktopFlow?: DesktopFlow;
  solution?: Solution;
  standalone?: StandaloneScript;
  unit: ScriptUnit;
  span: Span;
  eol: string;
}

const eols = new WeakMap<Script, string>();

export function targetOf(finding: Finding): ScriptTarget | undefined {
  const script = finding.owner.script;
  if (!script || !finding.scriptSpan) return undefined;
  if (script.file.entry) return undefined;
  const desktopFlow = finding.owner.desktopFlow;
  const standalone = finding.owner.standalone;
  const solution = finding.owner.solution;
  const unit: ScriptUnit = { script, desktopFlow, solution, standalone, name: desktopFlow?.name ?? standalone?.name ?? '' };
  let eol = eols.get(script);
  if (!eol) eols.set(script, eol = dominantEol(script.text));
  return { script, desktopFlow, solution, standalone, unit, span: finding.scriptSpan, eol };
}

/** Edits of one script, in script offsets, written through the source map and the definition's encoding. */
export class ScriptEdits {
  private readonly edits: Array<{ span: Span; text: string; order: number; seq: number }> = [];
  private readonly appends: Array<{ span: Span; slot: AppendSlot; item: AppendItem }> = [];
  constructor(readonly script: Script) {}

  /**
   * Appends to a list of the script (its @INPUT lines, the @SENSITIVE names): other fixes of the
   * round appending to the same list join the same edit (append.ts). Parts are script text.
   */
  append(span: Span, slot: AppendSlot, item: AppendItem): void {
    this.appends.push({ span, slot, item });
  }

  /** Appends a whole line (ending with `eol`) at a line start, like insertLine. */
  appendLine(offset: number, id: string, line: string, eol: string, key: string): void {
    const t = this.script.text;
    const span = { start: offset, end: offset };
    // At the end of a last line without a break, a break goes first, then one between the lines.
    if (offset === t.length && t.length > 0 && !t.endsWith('\n')) this.append(span, { id, open: eol, separator: eol, close: '' }, { key, text: line.replace(/(\r?\n)$/, '') });
    else this.append(span, { id, open: '', separator: '', close: '' }, { key, text: line });
  }

  /** `order` ranks insertions at one offset (lower first: header lines before statements). */
  replace(span: Span, text: string, order = 0): void {
    const insertion = span.start === span.end;
    for (const e of this.edits) {
      const bothInsert = insertion && e.span.start === e.span.end;
      if (bothInsert) continue;
      if (Math.max(e.span.start, span.start) < Math.min(e.span.end, span.end) || (e.span.start === span.start && e.span.end === span.end)) {
        throw new FixError('the fix would edit the same part of the script twice');
      }
    }
    this.edits.push({ span, text, order, seq: this.edits.length });
  }

  insert(offset: number, text: string, order = 0): void {
    this.replace({ start: offset, end: offset }, text, order);
  }

  /** Inserts a whole line (ending with `eol`) at a line start; at the end of a last line without a break, one is added first. */
  insertLine(offset: number, line: string, eol: string, order = 0): void {
    const t = this.script.text;
    const needsBreak = offset === t.length && t.length > 0 && !t.endsWith('\n');
    this.insert(offset, needsBreak ? `${eol}${line.replace(/(\r?\n)$/, '')}` : line, order);
  }

  flush(b: ChangeBuilder): void {
    const s = this.script;
    const sorted = [...this.edits].sort((x, y) => x.span.start - y.span.start || (x.span.end - x.span.start) - (y.span.end - y.span.start) || x.order - y.order || x.seq - y.seq);
    // Insertions at one offset become one edit, in order.
    const merged: Array<{ span: Span; text: string }> = [];
    for (const e of sorted) {
      const last = merged[merged.length - 1];
      if (last && last.span.start === last.span.end && e.span.start === e.span.end && last.span.start === e.span.start) last.text += e.text;
      else merged.push({ span: e.span, text: e.text });
    }
    const encode = (text: string) => encodeForDefinition(text, s.storage, s.style);
    for (const e of merged) b.replace(s.file, s.map.toFileSpan(e.span), encode(e.text));
    // Encoding is per character, so an encoded slot renders like the encoded script text would.
    for (const { span, slot, item } of this.appends) {
      b.append(s.file, s.map.toFileSpan(span), { id: `script:${slot.id}`, open: encode(slot.open), separator: encode(slot.separator), close: encode(slot.close) }, { ...item, text: encode(item.text) });
    }
  }
}

// Lines of the script text.
export function lineStart(text: string, o: number): number {
  return text.lastIndexOf('\n', o - 1) + 1;
}
export function nextLineStart(text: string, o: number): number {
  const k = text.indexOf('\n', o);
  return k < 0 ? text.length : k + 1;
}
export function indentAt(text: string, o: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, o)))![0];
}

/** The span covering whole lines from the line of `start` through the line of `end` (its line break included). */
export function wholeLines(text: string, start: number, end: number): Span {
  const a = lineStart(text, start);
  let z = nextLineStart(text, Math.max(start, end - 1));
  if (z === text.length && a > 0 && !/\n$/.test(text)) {
    // The last line has no line break: take the one before it instead.
    const before = text[a - 2] === '\r' ? a - 2 : a - 1;
    return { start: before, end: z };
  }
  return { start: a, end: z };
}

export interface Located { stmt: Statement; ctx: StatementContext }

/** Every statement with its context, in document order. */
// Both lists are read-only and computed once per parsed script: every finding of a script asks for them.
const statementLists = new WeakMap<ScriptAst, readonly Located[]>();
const expressionLists = new WeakMap<ScriptAst, ReadonlyArray<{ expr: Expr; stmt?: Statement; root: Expr }>>();

export function statements(ast: ScriptAst): Located[] {
  let out = statementLists.get(ast);
  if (!out) {
    const list: Located[] = [];
    walkStatements(ast, (stmt, ctx) => { list.push({ stmt, ctx }); });
    statementLists.set(ast, out = list);
  }
  return out as Located[];
}

/** The statement that starts the line holding `offset` (a condition action counts as its IF/LOOP/WAIT). */
export function lineStatementAt(all: Located[], offset: number): Located | undefined {
  let best: Located | undefined;
  for (const l of all) {
    if (offset >= l.stmt.span.start && offset < Math.max(l.stmt.span.end, l.stmt.span.start + 1) && (!best || l.stmt.span.start >= best.stmt.span.start)) best = l;
  }
  while (best && best.ctx.role === 'condition' && best.ctx.parent) {
    const parent = best.ctx.parent;
    best = all.find(l => l.stmt === parent);
  }
  return best;
}

/** Every expression of the script (statements and input defaults) with the statement it belongs to. */
export function allExpressions(ast: ScriptAst, all: Located[]): ReadonlyArray<{ expr: Expr; stmt?: Statement; root: Expr }> {
  const cached = expressionLists.get(ast);
  if (cached && all === statementLists.get(ast)) return cached;
  const out: Array<{ expr: Expr; stmt?: Statement; root: Expr }> = [];
  for (const { stmt } of all) {
    for (const root of statementExpressions(stmt)) walkExpressions(root, e => { out.push({ expr: e, stmt, root }); });
  }
  for (const d of ast.declarations) if (d.defaultValue) walkExpressions(d.defaultValue, e => { out.push({ expr: e, root: d.defaultValue! }); });
  if (all === statementLists.get(ast)) expressionLists.set(ast, out);
  return out;
}

/** The innermost string literal covering a span. */
export function stringAt(ast: ScriptAst, all: Located[], span: Span): { lit: StringLit; stmt?: Statement } | undefined {
  let best: { lit: StringLit; stmt?: Statement } | undefined;
  for (const { expr, stmt } of allExpressions(ast, all)) {
    if (expr.kind !== 'string' || span.start < expr.span.start || span.end > expr.span.end) continue;
    if (!best || expr.span.end - expr.span.start < best.lit.span.end - best.lit.span.start) best = { lit: expr, stmt };
  }
  return best;
}

/** Reads of a variable (VarRef nodes), the assignment target of SET excluded. */
export function readsOf(ast: ScriptAst, all: Located[], name: string): Span[] {
  const lower = name.toLowerCase();
  const out: Span[] = [];
  for (const { expr, stmt, root } of allExpressions(ast, all)) {
    if (expr.kind !== 'var' || expr.name.toLowerCase() !== lower) continue;
    if (stmt?.kind === 'set' && root === stmt.target && expr === stmt.target) continue;
    out.push(expr.span);
  }
  return out;
}

export const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Occurrences of a name as a word in the script text (to tell whether every use is understood). */
export function wordCount(text: string, name: string): number {
  const re = new RegExp(`(?<![A-Za-z0-9_.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`, 'gi');
  return (text.match(re) ?? []).length;
}

/** Where header lines end (@@ lines and IMPORTs): new @SENSITIVE lines go there. */
export function afterHeader(script: Script): number {
  const ast = script.ast;
  let end = -1;
  for (const h of ast.headers) end = Math.max(end, h.span.end);
  for (const i of ast.imports) end = Math.max(end, i.span.end);
  return end < 0 ? 0 : nextLineStart(script.text, end);
}

/** Edits of the @SENSITIVE line: names added and removed. */
export function editSensitive(se: ScriptEdits, t: ScriptTarget, add: string[], remove: string[]): void {
  const s = t.script.ast.sensitive;
  const removeLower = new Set(remove.map(r => r.toLowerCase()));
  if (s && !s.names.some(n => removeLower.has(n.name.toLowerCase()))) {
    // Nothing listed goes: the names are appended after the last one (append.ts), so several fixes of
    // a round compose. A variable this fix removes may not be added by another fix of the round.
    const missing = add.filter((a, i) => !s.names.some(n => n.name.toLowerCase() === a.toLowerCase()) && add.findIndex(x => x.toLowerCase() === a.toLowerCase()) === i);
    const last = s.names[s.names.length - 1];
    const span = last ? { start: last.span.end, end: last.span.end } : s.listSpan;
    const slot = { id: '@SENSITIVE', open: last ? ', ' : '', separator: ', ', close: '' };
    for (const name of missing) se.append(span, slot, { key: name.toLowerCase(), text: name, ...(removeLower.size ? { forbids: [...removeLower] } : {}) });
    return;
  }
  if (s) {
    const names = s.names.map(n => n.name).filter(n => !removeLower.has(n.toLowerCase()));
    for (const a of add) if (!names.some(n => n.toLowerCase() === a.toLowerCase())) names.push(a);
    const before = s.names.map(n => n.name);
    if (names.join('\u0000') !== before.join('\u0000')) se.replace(s.listSpan, names.join(', '));
    return;
  }
  if (!add.length || t.script.clipboard) return;
  se.insertLine(afterHeader(t.script), `@SENSITIVE: [${add.join(', ')}]${t.eol}`, t.eol, -2);
}


// ---------------------------------------------------------------------------------------------
// String literals: replacing a literal (or a part of one) with a variable

/** Escapes text for a $'''…''' string. */
export function interpolatedText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/%/g, '%%');
}

/**
 * Replaces `span` of a string literal with an expression: the whole literal becomes the bare
 * expression; a part becomes `%expr%` ($'''…'''), `${expr}` ($fx'…'), and a plain '…' literal is
 * rewritten as $'''…''' to hold it.
 */
export function replaceInString(se: ScriptEdits, lit: StringLit, span: Span, expression: string): void {
  if (span.start <= lit.span.start && span.end >= lit.span.end) {
    se.replace(lit.span, expression);
    return;
  }
  if (lit.form === 'interpolated') {
    se.replace(span, `%${expression}%`);
    return;
  }
  if (lit.form === 'fx') {
    if (lit.formula !== undefined) throw new FixError('the literal is inside a Power Fx formula; edit it in the designer');
    se.replace(span, `\${${expression}}`);
    return;
  }
  const flat = flatten(lit);
  const a = flat.starts.indexOf(span.start);
  let z = -1;
  for (let k = a; k >= 0 && k < flat.ends.length; k++) if (flat.ends[k] === span.end) { z = k + 1; break; }
  if (a < 0 || z < 0) throw new FixError('cannot find the literal in its string');
  se.replace(lit.span, `$'''${interpolatedText(flat.text.slice(0, a))}%${expression}%${interpolatedText(flat.text.slice(z))}'''`);
}

/** The decoded text a span of a string literal stands for (undefined when it holds an interpolation). */
export function literalText(lit: StringLit, span: Span): string | undefined {
  if (span.start <= lit.span.start && span.end >= lit.span.end) return lit.value;
  const flat = flatten(lit);
  const a = flat.starts.indexOf(span.start);
  let z = -1;
  for (let k = Math.max(a, 0); k < flat.ends.length; k++) if (flat.ends[k] === span.end) { z = k + 1; break; }
  if (a < 0 || z < 0 || flat.interp.slice(a, z).some(Boolean)) return undefined;
  return flat.text.slice(a, z);
}

