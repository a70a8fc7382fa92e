// A finding: what the engine reports, in real-file coordinates, with everything reporters,
// baselines, suppression and fixes need.
import type { CloudFlow, DesktopFlow, Loc, Script, Solution, StandaloneScript } from '../model/types';
import type { Category, LogicalElement, Severity } from '../rules/rule';
import { createHash } from 'node:crypto';
import { valueKey } from './fold';
import { computeLineStarts, createSourceFile, positionAt, SourceFile, Span } from '../util/text';

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  /** Where, in the real file. */
  loc: Loc;
  /** For script findings: the span in the decoded script (fixes edit in script space). */
  scriptSpan?: Span;
  /** The model objects the finding belongs to. */
  owner: {
    solution?: Solution;
    cloudFlow?: CloudFlow;
    desktopFlow?: DesktopFlow;
    standalone?: StandaloneScript;
    script?: Script;
  };
  /** Logical location: solution › flow › subflow › element. */
  logical: {
    solution?: string;
    flow?: string;
    flowKind?: 'cloud' | 'desktop' | 'script' | 'settings';
    subflow?: string;
    element?: LogicalElement;
  };
  data?: Record<string, unknown>;
  /**
   * Set on a finding detached from its model (the streaming lint drops each solution once its findings
   * are out): what reporters would otherwise compute from the file's text.
   */
  detached?: { position: FindingPosition; valueKey?: string };
}

export interface FindingPosition {
  line: number; column: number; endLine: number; endColumn: number;
  script?: { line: number; column: number };
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** `Solution/Flow/Subflow/Element` — stable across line drift, for SARIF and baselines. */
export function fullyQualifiedName(f: Finding): string {
  const l = f.logical;
  return [l.solution, l.flow, l.subflow, l.element?.name].filter(Boolean).join('/');
}

/**
 * Where the secrets a run reported are: the spans of credential findings that point at a secret value
 * (a literal secret, a literal default of a secret input), in the files (and decoded scripts) the run
 * read. Outputs that show file text (the dry-run diff) mask the text at these spans wherever it appears.
 * The secret itself is never copied into a finding; this only points at it.
 */
export function secretSpansOf(findings: readonly Finding[]): Array<{ text: string; spans: Span[] }> {
  const byText = new Map<string, Span[]>();
  const add = (text: string, span: Span) => {
    if (span.end <= span.start) return;
    let spans = byText.get(text);
    if (!spans) byText.set(text, spans = []);
    spans.push(span);
  };
  for (const f of findings) {
    if (f.category !== 'credential' || !f.data || (f.data.literal === undefined && f.data.secret === undefined)) continue;
    add(f.loc.file.text, f.loc.span);
    if (f.owner.script && f.scriptSpan) add(f.owner.script.text, f.scriptSpan);
  }
  return [...byText].map(([text, spans]) => ({ text, spans }));
}

/** 1-based line/column of a finding in its real file, and in its script when it has one. */
export function findingPosition(f: Finding): FindingPosition {
  if (f.detached) return f.detached.position;
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

/**
 * The finding without its model: positions computed, the file's text and the owner objects and the fix data
 * (which may quote a secret) let go.
 * The folding key (fold.ts valueKey) keeps grouping repeated values; it is hashed, so no secret stays in memory.
 */
export function detachFinding(f: Finding): Finding {
  const key = valueKey(f);
  const { path, entry } = f.loc.file;
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    message: f.message,
    loc: { file: createSourceFile(path, '', { entry }), span: f.loc.span },
    ...(f.scriptSpan ? { scriptSpan: f.scriptSpan } : {}),
    owner: {},
    logical: f.logical,
    detached: { position: findingPosition(f), ...(key !== undefined ? { valueKey: createHash('sha256').update(key).digest('base64') } : {}) },
  };
}
