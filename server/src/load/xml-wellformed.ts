// When the XML reader found no problem, fast-xml-parser's validator (the double check of solution.ts)
// almost never finds one either, yet it cost as much as reading the file again: it builds every tag
// and attribute string one character at a time. This check says, from the reader's tree and a few
// scans, that the document is in a plain form the validator is known to accept; anything outside
// that form (comments between elements, doctype, processing instructions after the declaration,
// white space around '=', `&#X` references, unusual names or white space) still goes to the validator.
// test/unit/load-xml-wellformed.test.ts holds this to the validator on generated documents.
import type { XmlDocument, XmlElement } from './xml';

/** True only when fast-xml-parser's validator would accept `doc.text` (the reader must have found no problem). */
export function plainlyWellFormed(doc: XmlDocument): boolean {
  const text = doc.text;
  const root = doc.root;
  if (!root || doc.problems.length) return false;
  let at = 0;
  if (text.startsWith('<?xml ')) {
    const end = text.indexOf('?>');
    if (end < 0) return false;
    at = end + 2;
  }
  // Only XML white space around the root; markup the reader skips ('<?', '<!') only as CDATA or comments.
  if (!onlyXmlSpace(text, at, root.span.start) || !onlyXmlSpace(text, root.span.end, text.length)) return false;
  if (text.indexOf('<?', at) >= 0 || text.indexOf('&#X', at) >= 0) return false;
  for (let bang = text.indexOf('<!', at); bang >= 0; bang = text.indexOf('<!', bang + 2)) {
    if (!text.startsWith('<![CDATA[', bang) && !text.startsWith('<!--', bang)) return false;
  }
  // Elements, iteratively (documents nest deeply at times).
  const stack: XmlElement[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (!plainElement(text, el)) return false;
    for (const c of el.children) if (c.kind === 'element') stack.push(c);
  }
  return true;
}

/** A start tag of name="value" attributes, XML white space only and plain names, closed by `/>` or by `</name>`. */
function plainElement(text: string, el: XmlElement): boolean {
  if (!plainName(el.name)) return false;
  let at = el.startTag.start + 1 + el.name.length;
  for (const a of el.attrs) {
    if (!plainName(a.name) || a.nameSpan.start <= at || !onlyXmlSpace(text, at, a.nameSpan.start)) return false;
    // name="value": the value's quotes sit right after '=', which sits right after the name.
    if (a.valueSpan.start !== a.nameSpan.end + 2 || text.charCodeAt(a.nameSpan.end) !== 61 /* = */) return false;
    at = a.valueSpan.end + 1;
  }
  const close = el.selfClosing ? el.startTag.end - 2 : el.startTag.end - 1;
  if (close < at || !onlyXmlSpace(text, at, close)) return false;
  if (el.selfClosing) return true;
  const endTag = el.content.end;
  return el.span.end === endTag + el.name.length + 3 && text.startsWith('</', endTag) && text.startsWith(el.name, endTag + 2) && text.charCodeAt(el.span.end - 1) === 62 /* > */;
}

/** A name both readers take: ASCII letters, digits, '_', ':', '.', '-', not starting with a digit, '.' or '-'. */
function plainName(name: string): boolean {
  if (!name) return false;
  const first = name.charCodeAt(0);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first === 95 || first === 58)) return false;
  for (let k = 1; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 58) || c === 95 || c === 46 || c === 45)) return false;
  }
  return true;
}

/** Only ' ', tab, LF and CR in [start, end): the validator's white space. */
function onlyXmlSpace(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}
