// Appends that compose: many fixes add an element to the same list — a deployment-settings array, a
// flow's `parameters`, Solution.xml's RootComponents, solutioncomponents.yml, a script's @INPUT lines.
// Each such edit names its *slot*: a span of the original text that becomes
// `open + items.join(separator) + close`. Every fix computes the same slot from the same text, so
// fixes of one round that append to one list merge into one edit holding all their items, with the
// separators right whatever the count (the first element of an empty array, commas between, the
// closing bracket's line), instead of conflicting. Geometry for JSON lives here; XML, YAML and
// script slots are built where those files are edited.
import { JsonNode, prop } from '../load/json';
import { dominantEol, SourceFile, Span } from '../util/text';
import type { ChangeBuilder } from './change';

/** The fixed parts of a slot; two appends compose when their span and slot are equal. */
export interface AppendSlot {
  /** What the list is (for messages and identity): `json:/EnvironmentVariables`, `yaml:Component`. */
  id: string;
  open: string;
  separator: string;
  close: string;
}

export interface AppendItem {
  /**
   * What the element is (a schema name, a property key): two items with one key must be the same
   * text (then one is kept), else the appends conflict — two different `"Foo"` members never merge.
   */
  key?: string;
  text: string;
  /**
   * Keys that must not join the slot in the same merge: a fix that removes variable X from a script
   * lists `x`, so another fix marking X sensitive waits for the next analysis (where X is gone).
   */
  forbids?: readonly string[];
}

/** The text a slot's span becomes. */
export function renderSlot(slot: AppendSlot, items: readonly AppendItem[]): string {
  return slot.open + items.map(i => i.text).join(slot.separator) + slot.close;
}

export function sameSlot(a: AppendSlot, b: AppendSlot): boolean {
  return a.id === b.id && a.open === b.open && a.separator === b.separator && a.close === b.close;
}

/**
 * Adds `item` to `items` unless an equal one is there. Returns false when an item with the same key
 * but a different text is there (the appends conflict).
 */
export function addItem(items: AppendItem[], item: AppendItem): boolean {
  for (const i of items) {
    if ((item.key !== undefined && i.forbids?.includes(item.key)) || (i.key !== undefined && item.forbids?.includes(i.key))) return false;
    if (i.text === item.text && i.key === item.key) return true;
    if (item.key !== undefined && i.key === item.key) return false;
  }
  items.push(item);
  return true;
}

// ---------------------------------------------------------------------------------------------
// JSON

/** A slot plus how to render an element for it (indented for its depth, or compact). */
export interface JsonSlot {
  span: Span;
  slot: AppendSlot;
  /** An array element, or (with `key`) an object member. */
  item(value: unknown, key?: string): AppendItem;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The white space before `offset` when it is the first thing on its line, else undefined. */
function leadingIndent(text: string, offset: number): string | undefined {
  const before = text.slice(lineStartOf(text, offset), offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/** The indentation of the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStartOf(text, offset)))![0];
}

/** The file's indentation unit: a tab, or the smallest step of spaces among the first lines. */
export function indentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  if (m && m[1].startsWith('\t')) return '\t';
  let step = 0;
  for (const line of text.split('\n').slice(0, 200)) {
    const n = /^( +)\S/.exec(line)?.[1].length ?? 0;
    if (n > 0 && (step === 0 || n < step)) step = n;
  }
  return ' '.repeat(step || 2);
}

function pretty(value: unknown, unit: string, indent: string, eol: string): string {
  return JSON.stringify(value, null, unit).split('\n').join(eol + indent);
}

/**
 * The slot for appending to the array or object `container` of a JSON file. When it is absent
 * (undefined), it is created as member `key` of `parent` — before member `before` when that exists,
 * else as the last member — and the items go inside it. `text` is the file as analysed.
 */
export function jsonSlot(text: string, id: string, kind: 'array' | 'object', container: JsonNode | undefined, create?: { parent: JsonNode; key: string; before?: string }): JsonSlot {
  const eol = dominantEol(text);
  const unit = indentUnit(text);
  const [lb, rb] = kind === 'array' ? ['[', ']'] : ['{', '}'];
  // A file on one line (minified) stays on one line.
  const compact = !text.includes('\n');
  const render = (indent: string) => (value: unknown, key?: string): AppendItem => {
    const body = compact ? JSON.stringify(value) : pretty(value, unit, indent, eol);
    return key === undefined ? { text: body } : { key, text: `${JSON.stringify(key)}:${compact ? '' : ' '}${body}` };
  };
  if (container) {
    const children = container.children ?? [];
    if (children.length) {
      const last = children[children.length - 1];
      const end = last.offset + last.length;
      const indent = leadingIndent(text, last.offset);
      // Elements on the opening bracket's line (`[1, 2]`) are continued on that line.
      const sep = compact || indent === undefined ? (compact ? ',' : ', ') : `,${eol}${indent}`;
      return { span: { start: end, end }, slot: { id, open: sep, separator: sep, close: '' }, item: render(indent ?? lineIndent(text, last.offset)) };
    }
    const inner = { start: container.offset + 1, end: container.offset + container.length - 1 };
    if (compact) return { span: inner, slot: { id, open: '', separator: ',', close: '' }, item: render('') };
    const outer = lineIndent(text, container.offset);
    const indent = outer + unit;
    return { span: inner, slot: { id, open: eol + indent, separator: `,${eol}${indent}`, close: eol + outer }, item: render(indent) };
  }
  if (!create || create.parent.type !== 'object') throw new Error(`no ${kind} to append to (${id})`);
  const members = create.parent.children ?? [];
  const name = JSON.stringify(create.key);
  const beforeMember = create.before === undefined ? undefined : members.find(m => m.children?.[0]?.value === create.before);
  if (compact) {
    const head = `${name}:${lb}`;
    if (beforeMember) return { span: { start: beforeMember.offset, end: beforeMember.offset }, slot: { id, open: head, separator: ',', close: `${rb},` }, item: render('') };
    if (members.length) {
      const end = members[members.length - 1].offset + members[members.length - 1].length;
      return { span: { start: end, end }, slot: { id, open: `,${head}`, separator: ',', close: rb }, item: render('') };
    }
    return { span: { start: create.parent.offset + 1, end: create.parent.offset + create.parent.length - 1 }, slot: { id, open: head, separator: ',', close: rb }, item: render('') };
  }
  const parentIndent = lineIndent(text, create.parent.offset);
  const memberIndent = members.length ? leadingIndent(text, members[members.length - 1].offset) ?? parentIndent + unit : parentIndent + unit;
  const indent = memberIndent + unit;
  const head = `${name}: ${lb}${eol}${indent}`;
  const separator = `,${eol}${indent}`;
  if (beforeMember) {
    const at = leadingIndent(text, beforeMember.offset) ?? memberIndent;
    const inner = at + unit;
    return {
      span: { start: beforeMember.offset, end: beforeMember.offset },
      slot: { id, open: `${name}: ${lb}${eol}${inner}`, separator: `,${eol}${inner}`, close: `${eol}${at}${rb},${eol}${at}` },
      item: render(inner),
    };
  }
  if (members.length) {
    const end = members[members.length - 1].offset + members[members.length - 1].length;
    return { span: { start: end, end }, slot: { id, open: `,${eol}${memberIndent}${head}`, separator, close: `${eol}${memberIndent}${rb}` }, item: render(indent) };
  }
  return {
    span: { start: create.parent.offset + 1, end: create.parent.offset + create.parent.length - 1 },
    slot: { id, open: `${eol}${memberIndent}${head}`, separator, close: `${eol}${memberIndent}${rb}${eol}${parentIndent}` },
    item: render(indent),
  };
}

/**
 * Appends `value` to the array or object at `path` of a parsed JSON file (as member `options.key` of
 * an object), creating the container when it is absent (before member `options.before`, else last).
 * Returns false when the path runs through something else: the caller then edits another way.
 */
export function appendJson(
  b: ChangeBuilder, file: SourceFile, root: JsonNode | undefined, path: readonly string[], kind: 'array' | 'object', value: unknown,
  options: { key?: string; itemKey?: string; before?: string } = {},
): boolean {
  let parent = root;
  for (const segment of path.slice(0, -1)) parent = prop(parent, segment);
  if (!parent || parent.type !== 'object' || !path.length) return false;
  const name = path[path.length - 1];
  const container = prop(parent, name);
  if (container && container.type !== kind) return false;
  const slot = jsonSlot(file.text, `json:/${path.join('/')}`, kind, container, { parent, key: name, before: options.before });
  const item = slot.item(value, options.key);
  b.append(file, slot.span, slot.slot, options.itemKey !== undefined ? { ...item, key: options.itemKey } : item);
  return true;
}
