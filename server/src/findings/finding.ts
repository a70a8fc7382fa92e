// A finding: what the engine reports, in real-file coordinates, with everything reporters,
// baselines, suppression and fixes need.
import type { CloudFlow, DesktopFlow, Loc, Script, Solution, StandaloneScript } from '../model/types';
import type { Category, LogicalElement, Severity } from '../rules/rule';
import type { Span } from '../util/text';

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
