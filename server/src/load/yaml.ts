// YAML with positions, for the YAML source layout of Dataverse Git integration, where every file is
// an XML element rendered as YAML ('@attr' keys, '#text', one child a mapping and several a sequence,
// empty elements null). Read with the `yaml` package's Document API: every node keeps its range in
// the file, and the failsafe schema keeps scalars as their source text (`1.0`, `true`, timestamps are
// strings, as in the XML they came from).
import { Alias, isAlias, isMap, isScalar, isSeq, Node as YNode, parseDocument } from 'yaml';
import type { Span } from '../util/text';

export interface YamlEntry {
  key: string;
  keySpan: Span;
  value: YamlNode;
}

export interface YamlNode {
  kind: 'map' | 'seq' | 'scalar';
  /** Mapping entries, in file order. */
  entries: YamlEntry[];
  /** Sequence items. */
  items: YamlNode[];
  /** A scalar's value: the source text with quoting and escapes undone, never coerced ('' when empty). */
  text: string;
  /** Scalar style (PLAIN, QUOTE_SINGLE, QUOTE_DOUBLE, BLOCK_LITERAL, BLOCK_FOLDED). */
  style?: string;
  /** The node's range in the file (a scalar's quotes included). */
  span: Span;
}

export interface YamlProblem {
  span: Span;
  message: string;
}

export interface YamlDocument {
  root?: YamlNode;
  problems: YamlProblem[];
}

/** Aliases are never written by Git integration; a few are tolerated, a pile of them is refused. */
export const MAX_YAML_ALIASES = 100;
/** Solution files nest a handful of levels; deeper input is refused rather than walked. */
export const MAX_YAML_DEPTH = 64;

/**
 * Flow collections nested deeper than this are refused before the library sees them: at ~100,000
 * levels it aborts the whole process (out of memory compiling a regular expression), which no
 * try/catch can stop. The count ignores quoting, so it can only over-count; real files nest a few levels.
 */
export const MAX_FLOW_NESTING = 1000;

export function parseYaml(text: string): YamlDocument {
  const problems: YamlProblem[] = [];
  const tooDeep = flowNestingBeyond(text, MAX_FLOW_NESTING);
  if (tooDeep >= 0) return { problems: [{ span: { start: tooDeep, end: tooDeep + 1 }, message: `invalid YAML: brackets nested more than ${MAX_FLOW_NESTING} levels deep; not read` }] };
  // The library's own maxAliasCount bounds toJS(), which is not used: the walk below counts aliases itself.
  const doc = parseDocument(text, { schema: 'failsafe', prettyErrors: false, uniqueKeys: true, strict: true });
  // The library's messages may quote the input (which can hold a secret): only its error code is kept.
  // Positions are clamped: at the end of the file the library points one past it.
  const clamp = (o: number) => Math.max(0, Math.min(o, text.length));
  for (const e of doc.errors) problems.push({ span: { start: clamp(e.pos[0]), end: Math.max(clamp(e.pos[0]), clamp(e.pos[1])) }, message: `invalid YAML: ${describe(e.code)}` });
  if (problems.length) return { problems: problems.slice(0, 1).map(p => more(p, problems.length)) };
  const converted = new Map<YNode, YamlNode>();
  let aliases = 0;
  const convert = (node: unknown, depth: number): YamlNode | undefined => {
    if (node == null) return undefined;
    if (isAlias(node)) {
      if (++aliases > MAX_YAML_ALIASES) throw new YamlRefusal(spanOf(node), `more than ${MAX_YAML_ALIASES} aliases`);
      const target = (node as Alias).resolve(doc);
      if (!target) throw new YamlRefusal(spanOf(node), 'an alias names no anchor');
      // Converted once and shared: an alias never copies a subtree (no exponential growth).
      return convert(target, depth);
    }
    const seen = converted.get(node as YNode);
    if (seen) return seen;
    if (depth > MAX_YAML_DEPTH) throw new YamlRefusal(spanOf(node as YNode), `nested more than ${MAX_YAML_DEPTH} levels deep`);
    const out: YamlNode = { kind: 'scalar', entries: [], items: [], text: '', span: spanOf(node as YNode) };
    converted.set(node as YNode, out);
    if (isMap(node)) {
      out.kind = 'map';
      for (const pair of node.items) {
        const key = convert(pair.key, depth + 1);
        if (!key || key.kind !== 'scalar') throw new YamlRefusal(key?.span ?? out.span, 'a mapping key is not a plain value');
        const value = convert(pair.value, depth + 1) ?? emptyScalar(key.span.end);
        out.entries.push({ key: key.text, keySpan: key.span, value });
      }
    } else if (isSeq(node)) {
      out.kind = 'seq';
      for (const item of node.items) out.items.push(convert(item, depth + 1) ?? emptyScalar(out.span.start));
    } else if (isScalar(node)) {
      out.text = node.value == null ? '' : String(node.value);
      out.style = node.type;
    }
    return out;
  };
  try {
    return { root: convert(doc.contents, 0), problems };
  } catch (e) {
    if (e instanceof YamlRefusal) return { problems: [{ span: e.span, message: `invalid YAML: ${e.message}; not read` }] };
    throw e;
  }
}

/** Offset of the first '[' or '{' that opens level `max + 1`, or -1. One pass, no allocation. */
function flowNestingBeyond(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return i;
    } else if ((c === 93 /* ] */ || c === 125 /* } */) && depth > 0) {
      depth--;
    }
  }
  return -1;
}

class YamlRefusal extends Error {
  constructor(readonly span: Span, message: string) {
    super(message);
  }
}

function more(p: YamlProblem, count: number): YamlProblem {
  return count > 1 ? { span: p.span, message: `${p.message} (and ${count - 1} more problem${count > 2 ? 's' : ''} after it)` } : p;
}

function describe(code: string): string {
  return code.toLowerCase().replace(/_/g, ' ');
}

function spanOf(node: YNode): Span {
  const r = node.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

function emptyScalar(at: number): YamlNode {
  return { kind: 'scalar', entries: [], items: [], text: '', span: { start: at, end: at } };
}

// ---------------------------------------------------------------------------------------------
// Navigation, in the XML helpers' terms (element names match exactly first, then ignoring case).

export function yamlEntry(node: YamlNode | undefined, key: string): YamlEntry | undefined {
  if (!node || node.kind !== 'map') return undefined;
  const lower = key.toLowerCase();
  return node.entries.find(e => e.key === key) ?? node.entries.find(e => e.key.toLowerCase() === lower);
}

export function yamlGet(node: YamlNode | undefined, key: string): YamlNode | undefined {
  return yamlEntry(node, key)?.value;
}

export function yamlPath(node: YamlNode | undefined, ...keys: string[]): YamlNode | undefined {
  let cur = node;
  for (const k of keys) cur = yamlGet(cur, k);
  return cur;
}

/** One child is a mapping, several a sequence, none null: always a list. */
export function yamlList(node: YamlNode | undefined): YamlNode[] {
  if (!node) return [];
  if (node.kind === 'seq') return node.items;
  if (node.kind === 'scalar' && node.text === '') return [];
  return [node];
}

/** An element's text: a scalar's value, or the '#text' of a mapping; undefined when nil or absent. */
export function yamlText(node: YamlNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.text;
  if (node.kind === 'map') {
    if (yamlGet(node, '@xsi:nil')?.text === 'true') return undefined;
    const text = yamlGet(node, '#text');
    return text?.kind === 'scalar' ? text.text : undefined;
  }
  return undefined;
}

/** Text of a child element, trimmed. */
export function yamlChildText(node: YamlNode | undefined, key: string): string | undefined {
  return yamlText(yamlGet(node, key))?.trim();
}

/** The span of a scalar's content: inside the quotes of a quoted scalar. */
export function yamlValueSpan(node: YamlNode): Span {
  if (node.kind !== 'scalar') return node.span;
  if ((node.style === 'QUOTE_SINGLE' || node.style === 'QUOTE_DOUBLE') && node.span.end - node.span.start >= 2) {
    return { start: node.span.start + 1, end: node.span.end - 1 };
  }
  return node.span;
}
