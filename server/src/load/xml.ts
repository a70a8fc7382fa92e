// A small, lenient XML reader that keeps offsets for every element, attribute and text run.
// Solution files are plain XML (no DTDs, no namespaces that matter), and we need exact positions
// for diagnostics and for minimal edits, which general-purpose parsers do not give.
// Well-formedness is checked by fast-xml-parser's validator, whose messages name line and column.
import { XMLValidator } from 'fast-xml-parser';
import type { Span } from '../util/text';

export interface XmlAttr {
  name: string;
  /** Decoded value. */
  value: string;
  nameSpan: Span;
  /** Span of the raw value, between the quotes. */
  valueSpan: Span;
}

export interface XmlText {
  kind: 'text';
  /** Raw span (entities and CDATA markers included). */
  span: Span;
}

export interface XmlElement {
  kind: 'element';
  name: string;
  attrs: XmlAttr[];
  children: Array<XmlElement | XmlText>;
  /** From '<' of the start tag to '>' of the end tag. */
  span: Span;
  /** Span of the start tag. */
  startTag: Span;
  /** Between the start and end tags (empty at the end of a self-closing tag). */
  content: Span;
  selfClosing: boolean;
}

export interface XmlProblem {
  offset: number;
  message: string;
}

export interface XmlDocument {
  text: string;
  root?: XmlElement;
  problems: XmlProblem[];
}

/** One UTF-16 unit of a name: [A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF] (a test per character, not a regular expression call). */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 46 || c === 45 || c === 0xb7 || c >= 0xc0;
}

/** What /\s/ matches in one UTF-16 unit. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function parseXml(text: string): XmlDocument {
  const problems: XmlProblem[] = [];
  const stack: XmlElement[] = [];
  // How many elements of each name are open: an end tag with no open match is known in O(1)
  // (scanning the stack for each of many stray end tags was quadratic).
  const openByName = new Map<string, number>();
  // The children of the open elements, innermost last: an element's children are copied out at their exact
  // length when it closes (an array grown by push keeps room for 16); childStart[k] is where stack[k]'s begin.
  const childBuffer: Array<XmlElement | XmlText> = [];
  let childCount = 0;
  const childStart: number[] = [];
  const push = (el: XmlElement) => {
    stack.push(el);
    childStart.push(childCount);
    openByName.set(el.name, (openByName.get(el.name) ?? 0) + 1);
  };
  const pop = (): XmlElement => {
    const el = stack.pop()!;
    const first = childStart.pop()!;
    if (childCount > first) el.children = childBuffer.slice(first, childCount);
    childCount = first;
    openByName.set(el.name, openByName.get(el.name)! - 1);
    return el;
  };
  let root: XmlElement | undefined;
  let i = 0;
  const n = text.length;
  const ampersands = new AmpersandCheck(text, problems);
  // A start tag's attributes are read into this buffer and copied out at their exact length (an array grown
  // by push keeps room for 16).
  const attrBuffer: XmlAttr[] = [];

  const addChild = (node: XmlElement | XmlText) => {
    if (stack.length) childBuffer[childCount++] = node;
    else if (node.kind === 'element') {
      if (!root) root = node;
      else problems.push({ offset: node.span.start, message: `second root element <${node.name}>` });
    }
  };

  while (i < n) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      if (stack.length) {
        addChild({ kind: 'text', span: { start: i, end: textEnd } });
        ampersands.check(i, textEnd);
      } else if (text.slice(i, textEnd).trim()) problems.push({ offset: i, message: 'text outside the root element' });
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) { problems.push({ offset: i, message: 'unterminated comment' }); break; }
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) { problems.push({ offset: i, message: 'unterminated CDATA section' }); break; }
      if (stack.length) addChild({ kind: 'text', span: { start: i, end: end + 3 } });
      i = end + 3;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) { problems.push({ offset: i, message: 'unterminated processing instruction' }); break; }
      i = end + 2;
    } else if (text.startsWith('<!', i)) {
      const end = text.indexOf('>', i + 2);
      if (end < 0) { problems.push({ offset: i, message: 'unterminated declaration' }); break; }
      i = end + 1;
    } else if (text.startsWith('</', i)) {
      const start = i;
      let j = i + 2;
      while (j < n && isNameChar(text.charCodeAt(j))) j++;
      const name = text.slice(i + 2, j);
      const gt = text.indexOf('>', j);
      if (gt < 0) { problems.push({ offset: start, message: `unterminated end tag </${name}>` }); break; }
      i = gt + 1;
      // Close the nearest open element of that name; anything opened after it was never closed.
      if (!openByName.get(name)) {
        problems.push({ offset: start, message: `end tag </${name}> has no matching start tag` });
        continue;
      }
      while (stack[stack.length - 1].name !== name) {
        const open = pop();
        problems.push({ offset: open.span.start, message: `element <${open.name}> is not closed` });
        open.content.end = start;
        open.span.end = start;
      }
      const el = pop();
      el.content.end = start;
      el.span.end = i;
    } else {
      const start = i;
      let j = i + 1;
      while (j < n && isNameChar(text.charCodeAt(j))) j++;
      const name = text.slice(i + 1, j);
      if (!name) {
        problems.push({ offset: i, message: "'<' is not followed by an element name" });
        i++;
        continue;
      }
      let attrCount = 0;
      // Repeated attributes are found by a loop over the few a tag has; a Set only for a tag with many.
      let attrNames: Set<string> | undefined;
      let selfClosing = false;
      let closed = false;
      while (j < n) {
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        if (j >= n) break;
        if (text[j] === '>') { j++; closed = true; break; }
        if (text[j] === '/' && text[j + 1] === '>') { j += 2; selfClosing = true; closed = true; break; }
        if (text[j] === '<') break;
        const an = j;
        while (j < n && isNameChar(text.charCodeAt(j))) j++;
        if (j === an) { problems.push({ offset: j, message: `unexpected '${text[j]}' in start tag <${name}>` }); j++; continue; }
        const attrName = text.slice(an, j);
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        if (text[j] !== '=') { problems.push({ offset: an, message: `attribute ${attrName} has no value` }); continue; }
        j++;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        const quote = text[j];
        if (quote !== '"' && quote !== "'") { problems.push({ offset: j, message: `attribute ${attrName} value is not quoted` }); continue; }
        const vs = j + 1;
        const ve = text.indexOf(quote, vs);
        if (ve < 0) { problems.push({ offset: vs, message: `unterminated value of attribute ${attrName}` }); j = n; break; }
        if (!attrNames && attrCount >= MANY_ATTRIBUTES) attrNames = new Set(attrBuffer.slice(0, attrCount).map(a => a.name));
        if (attrNames ? attrNames.has(attrName) : hasAttribute(attrBuffer, attrCount, attrName)) problems.push({ offset: an, message: `attribute ${attrName} is repeated` });
        attrNames?.add(attrName);
        // Searched within the value only: a search to the next '<' of the file was quadratic.
        const raw = text.slice(vs, ve);
        const lt = raw.indexOf('<');
        if (lt >= 0) problems.push({ offset: vs + lt, message: `'<' in the value of attribute ${attrName}` });
        ampersands.check(vs, ve);
        attrBuffer[attrCount++] = { name: attrName, value: decodeEntities(raw), nameSpan: { start: an, end: an + attrName.length }, valueSpan: { start: vs, end: ve } };
        j = ve + 1;
      }
      if (!closed) problems.push({ offset: start, message: `unterminated start tag <${name}>` });
      const attrs = attrCount ? attrBuffer.slice(0, attrCount) : [];
      const el: XmlElement = {
        kind: 'element', name, attrs, children: [], selfClosing,
        span: { start, end: j }, startTag: { start, end: j }, content: { start: j, end: j },
      };
      addChild(el);
      if (!selfClosing && closed) push(el);
      i = j;
    }
  }
  while (stack.length) {
    const open = pop();
    problems.push({ offset: open.span.start, message: `element <${open.name}> is not closed (file truncated?)` });
    open.content.end = n;
    open.span.end = n;
  }
  if (!root && !problems.length) problems.push({ offset: 0, message: 'no XML element found' });
  return { text, root, problems };
}

/** From this many attributes on, a start tag's names go into a Set (fewer are compared in a loop). */
const MANY_ATTRIBUTES = 16;

/** Whether the first `count` attributes hold `name` (a loop beats a Set per tag for the handful most have). */
function hasAttribute(attrs: readonly XmlAttr[], count: number, name: string): boolean {
  for (let k = 0; k < count; k++) if (attrs[k].name === name) return true;
  return false;
}

/**
 * A bare '&' (not starting an entity) is not well-formed XML: reports the first one of each text run or
 * attribute value. The runs come in document order, so the next '&' of the document is found with indexOf
 * (no per-character loop) and remembered: each part of the text is searched once.
 */
class AmpersandCheck {
  /** Offset of the next '&' at or after the last search (text.length when there is none); -1 before the first. */
  private next = -1;

  constructor(
    private readonly text: string,
    private readonly problems: XmlProblem[],
  ) {}

  check(start: number, end: number): void {
    if (this.next < start) this.next = this.find(start);
    while (this.next < end) {
      if (!entityAt(this.text, this.next)) {
        this.problems.push({ offset: this.next, message: "'&' must be written &amp;" });
        return;
      }
      this.next = this.find(this.next + 1);
    }
  }

  private find(from: number): number {
    const k = this.text.indexOf('&', from);
    return k < 0 ? this.text.length : k;
  }
}

/**
 * Reports the first well-formedness error with fast-xml-parser's validator, which catches what the
 * lenient reader tolerates (bad entities, duplicate attributes…). Returns undefined when well-formed.
 */
export function validateXml(text: string): { line: number; column: number; message: string } | undefined {
  const result = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (result === true) return undefined;
  return { line: result.err.line, column: result.err.col, message: result.err.msg };
}

// ---------------------------------------------------------------------------------------------
// Navigation

export function children(el: XmlElement | undefined, name?: string): XmlElement[] {
  if (!el) return [];
  const lower = name?.toLowerCase();
  return el.children.filter((c): c is XmlElement => c.kind === 'element' && (!lower || c.name.toLowerCase() === lower));
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  const lower = name.toLowerCase();
  for (const c of el.children) if (c.kind === 'element' && (!lower || c.name === name || c.name.toLowerCase() === lower)) return c;
  return undefined;
}

/** Follows a path of element names (case-insensitive). */
export function path(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let cur = el;
  for (const name of names) cur = child(cur, name);
  return cur;
}

export function attr(el: XmlElement | undefined, name: string): XmlAttr | undefined {
  const lower = name.toLowerCase();
  return el?.attrs.find(a => a.name === name || a.name.toLowerCase() === lower);
}

/** Decoded text content of an element (its text and CDATA children). */
export function textOf(doc: XmlDocument, el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const out: string[] = [];
  for (const c of el.children) {
    if (c.kind !== 'text') continue;
    const raw = doc.text.slice(c.span.start, c.span.end);
    out.push(raw.startsWith('<![CDATA[') ? raw.slice(9, -3) : decodeEntities(raw));
  }
  return out.join('');
}

/** Text of a child element, trimmed; undefined when the child is absent. */
export function childText(doc: XmlDocument, el: XmlElement | undefined, name: string): string | undefined {
  return textOf(doc, child(el, name))?.trim();
}

/** The span of an element's text, trimmed of surrounding white space (for diagnostics). */
export function trimmedContent(doc: XmlDocument, el: XmlElement): Span {
  let { start, end } = el.content;
  while (start < end && isSpace(doc.text.charCodeAt(start))) start++;
  while (end > start && isSpace(doc.text.charCodeAt(end - 1))) end--;
  return { start, end };
}

// ---------------------------------------------------------------------------------------------
// Entities

const GT = { length: 4, value: '>' };
const LT = { length: 4, value: '<' };
const AMP = { length: 5, value: '&' };
const QUOT = { length: 6, value: '"' };
const APOS = { length: 6, value: "'" };

/**
 * Length of the entity at `i` (which must be '&') and its value, or undefined when it is not one.
 * Hot path: definitions hold thousands of `&gt;`, so the common entities are matched without slicing.
 */
export function entityAt(text: string, i: number): { length: number; value: string } | undefined {
  const c1 = text.charCodeAt(i + 1);
  if (c1 === 103 /* g */) return text.startsWith('gt;', i + 1) ? GT : undefined;
  if (c1 === 108 /* l */) return text.startsWith('lt;', i + 1) ? LT : undefined;
  if (c1 === 97 /* a */) return text.startsWith('amp;', i + 1) ? AMP : text.startsWith('apos;', i + 1) ? APOS : undefined;
  if (c1 === 113 /* q */) return text.startsWith('quot;', i + 1) ? QUOT : undefined;
  if (c1 !== 35 /* # */) return undefined;
  const hex = text.charCodeAt(i + 2) === 120 || text.charCodeAt(i + 2) === 88;
  let k = i + (hex ? 3 : 2);
  let cp = 0;
  const digitsStart = k;
  for (; k < text.length && k - i < 12; k++) {
    const c = text.charCodeAt(k);
    const d = c >= 48 && c <= 57 ? c - 48 : hex && c >= 97 && c <= 102 ? c - 87 : hex && c >= 65 && c <= 70 ? c - 55 : -1;
    if (d < 0) break;
    cp = cp * (hex ? 16 : 10) + d;
  }
  if (k === digitsStart || text.charCodeAt(k) !== 59 /* ; */ || cp > 0x10ffff) return undefined;
  return { length: k - i + 1, value: String.fromCodePoint(cp) };
}

export function decodeEntities(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  // Pieces joined once: one concatenation per entity cost ~30 bytes per entity in cons strings.
  const out: string[] = [];
  let i = 0;
  while (i < raw.length) {
    const amp = raw.indexOf('&', i);
    if (amp < 0) { out.push(raw.slice(i)); break; }
    if (amp > i) out.push(raw.slice(i, amp));
    const ent = entityAt(raw, amp);
    if (ent) { out.push(ent.value); i = amp + ent.length; }
    else { out.push('&'); i = amp + 1; }
  }
  return out.join('');
}

/** Escapes text for element content. `quotes` also escapes " and ' (for attribute values). */
export function escapeXml(text: string, quotes = false): string {
  let out = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (quotes) out = out.replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  return out;
}
