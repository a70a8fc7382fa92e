// The string values under an action's `inputs` ("leaves"), each with its path, its decoded-to-file
// offset map (JSON escapes) and its literal/reference segments; and the literal text inside them.
import type { CloudFlow, FlowAction } from '../../model/types';
import { JsonNode, StringOffsets, stringOffsets } from '../../load/json';
import { valueConstants } from './expression-literals';
import { quotedConstants, Range, Segment, segmentString } from './segments';

export interface StringLeaf {
  action: FlowAction;
  node: JsonNode;
  /** Path inside the action's `inputs` (property names, array indexes). */
  path: string[];
  text: string;
  offsets: StringOffsets;
  segments: Segment[];
  /** The text with every reference replaced by U+0000 (same length): literal detectors run on it. */
  masked: string;
  /** describeWhere(path), once asked for (whereOf). */
  where?: string;
}

/** The character that stands for reference text in `StringLeaf.masked`. */
export const MASK = '\u0000';

/** Property names whose values are query text, schemas or prose, never configuration. */
const SKIPPED_KEYS = new Set([
  '$filter', '$select', '$orderby', '$expand', '$apply', '$search', '$top', '$skip', '$skiptoken', 'fetchxml',
  'filterexpression', 'filteringattributes', 'description', 'schema', '$schema',
]);

/** The last part of a connector parameter key: `item/Input_Pin` → `Input_Pin`. */
export function lastSegment(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

/** Lower case, letters and digits only: `X-Api_Key` → `xapikey`. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Every string value under the action's inputs, in document order. */
export function collectLeaves(flow: CloudFlow, action: FlowAction): StringLeaf[] {
  const out: StringLeaf[] = [];
  if (action.inputs) visitLeaves(flow.file.text, action, action.inputs, EMPTY_PATH, out);
  return out;
}

const EMPTY_PATH: string[] = [];

/** Walks the tree's children in place (no entry tuples); only a leaf's own path is a new array. */
function visitLeaves(text: string, action: FlowAction, node: JsonNode, path: string[], out: StringLeaf[]): void {
  if (node.type === 'string') {
    const value = node.value as string;
    const segments = segmentString(value);
    const offsets = stringOffsets(text, node, value.length) ?? spreadOffsets(node, value.length);
    out.push({ action, node, path: path === EMPTY_PATH ? [] : path, text: value, offsets, segments, masked: maskReferences(value, segments), where: undefined });
    return;
  }
  const children = node.children;
  if (!children) return;
  if (node.type === 'object') {
    for (const property of children) {
      const keyNode = property.children?.[0];
      const child = property.children?.[1];
      const key = keyNode?.value;
      if (!child || typeof key !== 'string') continue;
      if (path.length === 0 && key === 'host') continue;
      if (SKIPPED_KEYS.has(lastSegment(key).toLowerCase())) continue;
      visitLeaves(text, action, child, [...path, key], out);
    }
    return;
  }
  if (node.type === 'array') for (let k = 0; k < children.length; k++) visitLeaves(text, action, children[k], [...path, String(k)], out);
}

function maskReferences(value: string, segments: Segment[]): string {
  if (segments.length === 0) return MASK.repeat(value.length);
  let masked = '';
  let at = 0;
  for (const s of segments) {
    if (s.kind === 'literal') continue;
    masked += value.slice(at, s.start) + MASK.repeat(s.end - s.start);
    at = s.end;
  }
  return masked + value.slice(at);
}

/** Should not happen for parsed JSON: offsets spread over the string, so spans stay inside it. */
function spreadOffsets(node: JsonNode, decodedLength: number): StringOffsets {
  const first = node.offset + 1;
  const end = node.offset + node.length - 1;
  return { length: decodedLength + 1, at: k => Math.min(first + k, end), indexOf: () => -1 };
}

/** The whole value is one literal segment with some text (no reference anywhere). */
export function isWholeLiteral(leaf: StringLeaf): boolean {
  return leaf.segments.length === 1 && leaf.segments[0].kind === 'literal' && leaf.text.trim() !== '';
}

/** Literal text of a leaf: its literal segments and the string constants its expressions build values from. */
export function literalSpans(leaf: StringLeaf): Range[] {
  let spans = literalSpansOf.get(leaf);
  if (!spans) literalSpansOf.set(leaf, (spans = computeLiteralSpans(leaf)));
  return spans;
}

// Several rules and facts ask for the same leaf's literal spans: read each leaf's expressions once.
const literalSpansOf = new WeakMap<StringLeaf, Range[]>();

function computeLiteralSpans(leaf: StringLeaf): Range[] {
  const out: Range[] = [];
  for (const s of leaf.segments) {
    if (s.kind === 'literal') out.push(s);
    else if (s.kind === 'expression') out.push(...valueConstants(leaf.text, s.start, s.end));
  }
  return out;
}

const AUTH_SCHEME = /^\s*(?:Bearer|Basic|Token|Digest|Negotiate|NTLM|SharedAccessSignature|SSWS|ApiKey|Api-Key|Key|OAuth|MAC|HMAC-SHA256|AWS4-HMAC-SHA256|GenieKey|Splunk)\s+/i;

/** Literal sub-spans of [start, end) of a leaf, after an optional HTTP auth scheme (`Bearer `), trimmed. */
export function literalParts(leaf: StringLeaf, start: number, end: number, scheme?: boolean): Range[] {
  const out: Range[] = [];
  for (const s of literalSpans(leaf)) {
    let a = Math.max(s.start, start);
    const b0 = Math.min(s.end, end);
    if (a >= b0) continue;
    if (scheme && a === start) {
      const m = AUTH_SCHEME.exec(leaf.text.slice(a, b0));
      if (m) a += m[0].length;
    }
    let b = b0;
    while (a < b && /\s/.test(leaf.text[a])) a++;
    while (b > a && /\s/.test(leaf.text[b - 1])) b--;
    if (b > a) out.push({ start: a, end: b });
  }
  return out;
}

/** The text of the expression segments overlapping [start, end) of a leaf. */
export function expressionsIn(leaf: StringLeaf, start: number, end: number): string[] {
  return leaf.segments.filter(s => s.kind === 'expression' && s.end > start && s.start < end).map(s => leaf.text.slice(s.start, s.end));
}

/** End of a match in masked text, cut before the first reference character and trailing punctuation. */
export function cutAtReference(masked: string, start: number, end: number): number {
  const k = masked.indexOf(MASK, start);
  let e = k >= 0 && k < end ? k : end;
  while (e > start && /[\s"'.,;:)\]}]/.test(masked[e - 1])) e--;
  return e;
}

/** describeWhere of a leaf's path, built once per leaf, when a finding or a secret place first needs it. */
export function whereOf(leaf: StringLeaf): string {
  return (leaf.where ??= describeWhere(leaf.path));
}

/** A readable name for a place inside an action's inputs. */
export function describeWhere(path: string[]): string {
  if (path.length === 0) return 'inputs';
  const [head, ...rest] = path;
  switch (head) {
    case 'authentication': return rest.length ? `authentication ${rest.join('/')}` : 'authentication';
    case 'headers': return rest.length ? `header "${rest.join('/')}"` : 'headers';
    case 'queries': return rest.length ? `query parameter "${rest.join('/')}"` : 'queries';
    case 'parameters': return rest.length ? `parameter "${rest.join('/')}"` : 'parameters';
    case 'body': return rest.length ? `body field "${rest.join('/')}"` : 'body';
    case 'uri': return 'URI';
    case 'variables': return rest[1] === 'value' ? 'initial value' : path.join('/');
    default: return path.join('/');
  }
}

/** The single-quoted string constants of a leaf's expressions (decoded offsets of their contents). */
export function quotedConstantsOf(leaf: StringLeaf): Range[] {
  let constants = quotedConstantsOfLeaf.get(leaf);
  if (!constants) quotedConstantsOfLeaf.set(leaf, (constants = computeQuotedConstants(leaf)));
  return constants;
}

const quotedConstantsOfLeaf = new WeakMap<StringLeaf, Range[]>();

/** Shared by every leaf without constants (most of them); never written to. */
const NO_RANGES: Range[] = [];

function computeQuotedConstants(leaf: StringLeaf): Range[] {
  let out: Range[] | undefined;
  for (const s of leaf.segments) {
    if (s.kind !== 'expression') continue;
    const constants = quotedConstants(leaf.text, s);
    if (constants.length) (out ??= []).push(...constants);
  }
  return out ?? NO_RANGES;
}

/** Names of fields that hold text for people: e-mail and post bodies, subjects, messages, comments. */
const MESSAGE_FIELDS = new Set(['body', 'messagebody', 'message', 'subject', 'text', 'html', 'htmlbody', 'bodyhtml', 'comment', 'comments', 'note', 'notes', 'summary', 'details']);

/**
 * A string value that is text for people (an e-mail's subject or body, a Teams post, a message): a link
 * inside it is shown to a reader, not an address the flow connects to. An HTTP action's whole `body` is a
 * request payload, not such a text.
 */
export function isMessageText(path: readonly string[]): boolean {
  if (path.length === 1 && path[0] === 'body') return false;
  const names = path.filter(p => !/^\d+$/.test(p)).map(lastSegment);
  const last = (names[names.length - 1] ?? '').toLowerCase().replace(/[^a-z]/g, '');
  return MESSAGE_FIELDS.has(last);
}
