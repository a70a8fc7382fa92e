// The string values under an action's `inputs` ("leaves"), each with its path, its decoded-to-file
// offset map (JSON escapes) and its literal/reference segments; and the literal text inside them.
import { boundedMemo } from '../../util/memo';
import type { FlowAction } from '../../model/types';
import { JsonNode, StringOffsets, stringOffsets } from '../../load/json';
import { isSpaceCode } from '../shared/scan';
import { valueConstants } from './expression-literals';
import { quotedConstants, Range, Segment, sharedSegments } from './segments';

export interface StringLeaf {
  action: FlowAction;
  node: JsonNode;
  /** Path inside the action's `inputs` (property names, array indexes); one array for the leaves of a flow with the same path: read only. */
  path: string[];
  text: string;
  offsets: StringOffsets;
  segments: Segment[];
  /** The text with every reference replaced by U+0000 (same length): literal detectors run on it. */
  masked: string;
  /** What rules and facts derived from the leaf, made on the first ask (few leaves are asked: see LeafCache). */
  cache?: LeafCache;
}

/**
 * A leaf's derived values, each built once when first asked for; several rules and facts ask for a leaf's.
 * One object for them all, made on first use: on the benchmark L tree about one leaf in 35 had any of
 * them (of 245,000), and a field each made every leaf 8 bytes larger.
 */
export class LeafCache {
  /** describeWhere(path) (whereOf). */
  where: string | undefined = undefined;
  literalSpans: Range[] | undefined = undefined;
  valueConstants: Range[] | undefined = undefined;
  quotedConstants: Range[] | undefined = undefined;
  offsets: StringOffsets | undefined = undefined;
}

function cacheOf(leaf: StringLeaf): LeafCache {
  return (leaf.cache ??= new LeafCache());
}

/** Shared by every leaf without constants (most of them); frozen, never written to. */
const NO_RANGES: Range[] = Object.freeze([]) as unknown as Range[];

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

// Parameter and field names repeat across every flow of a tree: each is normalised once.
/** Lower case, letters and digits only: `X-Api_Key` → `xapikey`. */
export const normalizeName = boundedMemo(name => name.toLowerCase().replace(/[^a-z0-9]/g, ''));

/** normalizeName of a key's last part: `item/Input_Pin` → `inputpin`. */
export const parameterName = boundedMemo(key => normalizeName(lastSegment(key)));

/** Every string value under the action's inputs, in document order. `paths`: one per flow, shared by its actions. */
export function collectLeaves(action: FlowAction, paths = new LeafPaths()): StringLeaf[] {
  const out: StringLeaf[] = [];
  if (action.inputs) visitLeaves(action, action.inputs, [], paths, out);
  return out;
}

/**
 * The paths of a flow's leaves, one array per distinct path: actions of one kind repeat the same inputs
 * (on the benchmark L tree four leaves in five had a path another leaf of their flow has).
 */
export class LeafPaths {
  private next: Map<string, LeafPaths> | undefined = undefined;
  private shared: string[] | undefined = undefined;

  child(key: string): LeafPaths {
    const next = (this.next ??= new Map());
    let child = next.get(key);
    if (!child) next.set(key, (child = new LeafPaths()));
    return child;
  }

  /** This node's path (`path` holds it while walking; copied once). */
  pathOf(path: string[]): string[] {
    return (this.shared ??= path.slice());
  }
}

/**
 * Walks the tree's children in place (no entry tuples); `path` is one stack for the whole walk, and `at`
 * its node in the flow's paths. Index loops: before V8 optimises a walk, for-of allocates per element.
 */
function visitLeaves(action: FlowAction, node: JsonNode, path: string[], at: LeafPaths, out: StringLeaf[]): void {
  if (node.type === 'string') {
    const value = node.value as string;
    const segments = sharedSegments(value);
    out.push(new Leaf(action, node, at.pathOf(path), value, segments, maskReferences(value, segments)));
    return;
  }
  const children = node.children;
  if (!children) return;
  if (node.type === 'object') {
    for (let p = 0; p < children.length; p++) {
      const property = children[p];
      const keyNode = property.children?.[0];
      const child = property.children?.[1];
      const key = keyNode?.value;
      if (!child || typeof key !== 'string') continue;
      if (path.length === 0 && key === 'host') continue;
      if (isSkippedKey(key)) continue;
      path.push(key);
      visitLeaves(action, child, path, at.child(key), out);
      path.pop();
    }
    return;
  }
  if (node.type === 'array') {
    for (let k = 0; k < children.length; k++) {
      const index = String(k);
      path.push(index);
      visitLeaves(action, children[k], path, at.child(index), out);
      path.pop();
    }
  }
}

/**
 * A leaf whose offset map is built when first asked for: only values that give a finding need one, and a
 * map object per value (48 bytes) was about a fifth of a leaf's memory. The file's text is the action's.
 */
class Leaf implements StringLeaf {
  cache: LeafCache | undefined = undefined;
  constructor(
    readonly action: FlowAction, readonly node: JsonNode, readonly path: string[], readonly text: string,
    readonly segments: Segment[], readonly masked: string,
  ) {}

  get offsets(): StringOffsets {
    const cache = cacheOf(this);
    return (cache.offsets ??= stringOffsets(this.action.loc.file.text, this.node, this.text.length) ?? spreadOffsets(this.node, this.text.length));
  }
}

// Property names repeat across every action of a tree: each is judged once.
const skippedKey = boundedMemo(key => SKIPPED_KEYS.has(lastSegment(key).toLowerCase()));

function isSkippedKey(key: string): boolean {
  // Every skipped name starts with `$`, `d`, `f` or `s` (any case): most keys are told apart without the table.
  const first = key.charCodeAt(key.lastIndexOf('/') + 1) | 32;
  if (first !== 36 && first !== 100 && first !== 102 && first !== 115) return false;
  return skippedKey(key);
}

// Masks of values that are one whole expression, by length (shared: strings are immutable).
const MASK_CACHE_LIMIT = 4096;
const masksByLength: string[] = [];

function maskReferences(value: string, segments: Segment[]): string {
  if (segments.length === 0) return value.length < MASK_CACHE_LIMIT ? (masksByLength[value.length] ??= MASK.repeat(value.length)) : MASK.repeat(value.length);
  // A plain literal is its own mask; one whole expression is all mask.
  if (segments.length === 1 && segments[0].start === 0 && segments[0].end === value.length) {
    if (segments[0].kind === 'literal') return value;
    if (value.length < MASK_CACHE_LIMIT) return (masksByLength[value.length] ??= MASK.repeat(value.length));
  }
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
  return leaf.segments.length === 1 && leaf.segments[0].kind === 'literal' && hasNonSpace(leaf.text);
}

/** `text.trim() !== ''`, without the trimmed copy: most values start with their first character. */
function hasNonSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return true;
  return false;
}

/** Literal text of a leaf: its literal segments and the string constants its expressions build values from. */
export function literalSpans(leaf: StringLeaf): Range[] {
  const cache = cacheOf(leaf);
  return (cache.literalSpans ??= computeLiteralSpans(leaf));
}

function computeLiteralSpans(leaf: StringLeaf): Range[] {
  const { segments } = leaf;
  // Most values are one plain literal or one whole expression.
  if (segments.length === 1) return segments[0].kind === 'literal' ? segments : valueConstantsOf(leaf);
  const constants = valueConstantsOf(leaf);
  const out: Range[] = [];
  let c = 0;
  for (const s of segments) {
    if (s.kind === 'literal') out.push(s);
    // Constants are in segment order: those inside this expression come next.
    else if (s.kind === 'expression') while (c < constants.length && constants[c].start < s.end) out.push(constants[c++]);
  }
  return out;
}

/** The string constants a leaf's expressions build values from (valueConstants of each expression segment), in order. */
export function valueConstantsOf(leaf: StringLeaf): Range[] {
  const cache = cacheOf(leaf);
  return (cache.valueConstants ??= computeValueConstants(leaf));
}

function computeValueConstants(leaf: StringLeaf): Range[] {
  let out: Range[] | undefined;
  for (const s of leaf.segments) {
    if (s.kind !== 'expression') continue;
    const constants = valueConstants(leaf.text, s.start, s.end);
    if (constants.length === 0) continue;
    if (!out) out = constants; // a new list when not empty: ours to extend
    else for (const c of constants) out.push(c);
  }
  return out ?? NO_RANGES;
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
    while (a < b && isSpaceCode(leaf.text.charCodeAt(a))) a++;
    while (b > a && isSpaceCode(leaf.text.charCodeAt(b - 1))) b--;
    if (b > a) out.push({ start: a, end: b });
  }
  return out;
}

/** The text of the expression segments overlapping [start, end) of a leaf. */
export function expressionsIn(leaf: StringLeaf, start: number, end: number): string[] {
  return leaf.segments.filter(s => s.kind === 'expression' && s.end > start && s.start < end).map(s => leaf.text.slice(s.start, s.end));
}

const TRAILING_PUNCTUATION = /[\s"'.,;:)\]}]/;

/** End of a match in masked text, cut before the first reference character and trailing punctuation. */
export function cutAtReference(masked: string, start: number, end: number): number {
  const k = masked.indexOf(MASK, start);
  let e = k >= 0 && k < end ? k : end;
  while (e > start && TRAILING_PUNCTUATION.test(masked[e - 1])) e--;
  return e;
}

/** describeWhere of a leaf's path, built once per leaf, when a finding or a secret place first needs it. */
export function whereOf(leaf: StringLeaf): string {
  const cache = cacheOf(leaf);
  return (cache.where ??= describeWhere(leaf.path));
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
  const cache = cacheOf(leaf);
  return (cache.quotedConstants ??= computeQuotedConstants(leaf));
}

function computeQuotedConstants(leaf: StringLeaf): Range[] {
  let out: Range[] | undefined;
  for (const s of leaf.segments) {
    if (s.kind !== 'expression') continue;
    const constants = quotedConstants(leaf.text, s);
    if (constants.length) (out ??= []).push(...constants);
  }
  return out ?? NO_RANGES;
}

const DIGITS = /^\d+$/;

/**
 * Whether text[start, end) can hold an absolute path or a URL (findPaths, findUrls): each needs a `:` or a
 * `\`. Read in place, so a rule need not cut out every constant of every expression to ask.
 */
export function mayHoldPathOrUrl(text: string, start = 0, end = text.length): boolean {
  // A whole text is searched natively; a constant's few characters one by one.
  if (start === 0 && end === text.length) return text.includes(':') || text.includes('\\');
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 || c === 92) return true;
  }
  return false;
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
  const names = path.filter(p => !DIGITS.test(p)).map(lastSegment);
  const last = (names[names.length - 1] ?? '').toLowerCase().replace(/[^a-z]/g, '');
  return MESSAGE_FIELDS.has(last);
}
