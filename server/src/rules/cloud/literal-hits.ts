// What the cloud value rules (plaintext-secret, hardcoded-machine, environment-specific-value) find: a
// literal in a string value, with what it is and where. Each rule finds its own, keeps the first of
// its overlapping ones, and claims the text; which rule reports text two of them claim is decided
// after configuration (findings/precedence.ts: credential > machine > environment-specific).
import { JsonNode, pointerOf } from '../../load/json';
import type { FlowAction } from '../../model/types';
import type { Span } from '../../util/text';
import type { StringLeaf } from '../../analysis/cloud/leaves';
import { secretSpansInValue } from '../../analysis/shared/secret-parts';

export interface LiteralHit {
  action: FlowAction;
  /** The string node holding the literal. */
  node: JsonNode;
  /** File span of the literal (or of its secret/host/path part). */
  span: Span;
  literal: 'whole' | 'part';
  /** What the literal is, for data.kind: `authentication`, `header`, `sharepoint-site`, `unc`, `url`… */
  kind: string;
  /** JSON pointer of the string value. */
  parameter: string;
  /** Where in the action, for messages: `authentication password`, `header "x-api-key"`, `parameter "dataset"`. */
  where: string;
  /** What it is, for messages: `password`, `API key`, `SharePoint site`, `UNC path`… */
  what: string;
  /** Host or machine, for machine and URL findings. */
  host?: string;
  /** The literal is a string constant inside an expression (`concat('https://…', …)`). */
  expression?: boolean;
  /** Variable or Compose action the literal flows through to the secret place. */
  via?: { kind: 'variable' | 'compose'; name: string; sinkAction: string; sinkWhere: string };
  /** Shown in messages for machine and environment findings (never for secrets). */
  display?: string;
  /** The host is an ordinary public host (reported only when the rule's option asks for it). */
  publicHost?: boolean;
  /**
   * The address without its query, for a URL whose query may hold a secret: reported instead when a
   * credential finding takes the query (the secret is not repeated in this finding's span or message).
   */
  narrow?: NarrowHit;
}

export interface NarrowHit {
  span: Span;
  display: string;
  literal: 'whole' | 'part';
}

export type HitFields = Omit<LiteralHit, 'action' | 'node' | 'span' | 'literal' | 'parameter'>;

/** The hit for decoded [start, end) of a string value; none for an empty range. */
export function hitAt(leaf: StringLeaf, start: number, end: number, fields: HitFields): LiteralHit | undefined {
  if (end <= start) return undefined;
  return {
    action: leaf.action,
    node: leaf.node,
    span: { start: leaf.offsets.at(start), end: leaf.offsets.at(end) },
    literal: wholeOrPart(leaf, start, end),
    parameter: pointerOf(leaf.node),
    ...fields,
  };
}

/** The narrower form of a URL hit: decoded [start, end) of the value, shown as `display`. */
export function narrowAt(leaf: StringLeaf, start: number, end: number, display: string): NarrowHit {
  return { span: { start: leaf.offsets.at(start), end: leaf.offsets.at(end) }, display, literal: wholeOrPart(leaf, start, end) };
}

function wholeOrPart(leaf: StringLeaf, start: number, end: number): 'whole' | 'part' {
  return start === 0 && end === leaf.text.length ? 'whole' : 'part';
}

/** One rule's hits with each piece of text once: of overlapping hits in one value, the first found wins. */
export function keepFirst(hits: ReadonlyArray<LiteralHit | undefined>): LiteralHit[] {
  const byNode = new Map<JsonNode, LiteralHit[]>();
  const out: LiteralHit[] = [];
  for (const h of hits) {
    if (!h) continue;
    const kept = byNode.get(h.node) ?? [];
    if (kept.some(k => k.span.start < h.span.end && h.span.start < k.span.end)) continue;
    kept.push(h);
    byNode.set(h.node, kept);
    out.push(h);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/**
 * A value shown in a message: its secret parts (a key in the query, user:password@) elided, cut to a
 * readable length. Whether another rule reports those parts depends on configuration; the message
 * must not.
 */
export function shownValue(text: string): string {
  let shown = '';
  let at = 0;
  for (const s of secretSpansInValue(text)) {
    shown += `${text.slice(at, s.start)}…`;
    at = s.end;
  }
  shown += text.slice(at);
  return shown.length > 80 ? `${shown.slice(0, 77)}…` : shown;
}

/** What every cloud value finding's data says about its literal. */
export interface LiteralData {
  action: string;
  parameter: string;
  literal: 'whole' | 'part';
  kind: string;
  expression?: true;
}

/** Where the literal is, for the fix engine (the fix kinds read `kind` and `parameter`). */
export function literalData(h: Pick<LiteralHit, 'action' | 'parameter' | 'literal' | 'kind' | 'expression'>): LiteralData {
  return {
    action: h.action.name,
    parameter: h.parameter,
    literal: h.literal,
    kind: h.kind,
    ...(h.expression ? { expression: true as const } : {}),
  };
}
