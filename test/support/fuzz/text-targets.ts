// Fuzz targets for the text loaders: the desktop-flow script parser, the XML reader, JSON, settings.
import fc from 'fast-check';
import { parseJson, type JsonNode } from '../../../server/src/load/json';
import { parseScript } from '../../../server/src/load/pad/parser';
import { sniffScript } from '../../../server/src/load/pad/sniff';
import { loadSettings } from '../../../server/src/load/settings';
import { decodeEntities, escapeXml, parseXml, textOf, validateXml, type XmlElement } from '../../../server/src/load/xml';
import { decodeText } from '../../../server/src/load/vfs';
import { createSourceFile } from '../../../server/src/util/text';
import { checkOffset, checkSpan, checkTreeSpans, violation } from './spans';
import { quote, type FuzzTarget } from './target';
import { jsonText, noisyString, scriptText, xmlText } from './text-arbitraries';

const textSize = (s: string) => s.length;

export const scriptTarget: FuzzTarget<string> = {
  name: 'pad-script',
  subject: 'server/src/load/pad/parser.ts parseScript (+ lexer.ts, expressions.ts, sniff.ts)',
  arbitrary: fc.oneof({ weight: 4, arbitrary: scriptText }, { weight: 1, arbitrary: noisyString(200) }),
  check(text) {
    const ast = parseScript(text);
    const internal = ast.problems.find(p => p.message.startsWith('internal error'));
    if (internal) violation(`parseScript hit an internal error: ${internal.message}`);
    checkTreeSpans('ast', ast, text.length);
    sniffScript(text);
  },
  measure: text => { parseScript(text); },
  size: textSize,
  show: s => quote(s),
  pumps: [
    { name: 'many statements', make: n => 'SET A TO $\'\'\'x %B% y\'\'\'\r\nFolder.Get Path: 1 Result=> R\r\n'.repeat(n) },
    { name: 'deep IF nesting', make: n => 'IF 1 = 1 THEN\n'.repeat(n) + 'END\n'.repeat(n) },
    { name: 'unclosed blocks', make: n => 'LOOP FOREACH A IN %B%\n'.repeat(n) },
    { name: 'long string literal', make: n => `SET A TO '${'x'.repeat(64 * n)}'` },
    { name: 'unterminated strings', make: n => "SET A TO 'x\n".repeat(n) },
    { name: 'deep parentheses', make: n => `SET A TO %${'('.repeat(n)}1${')'.repeat(n)}%` },
    { name: 'deep list', make: n => `SET A TO ${'['.repeat(n)}${']'.repeat(n)}` },
    { name: 'percent runs', make: n => `SET A TO $'''${'%'.repeat(64 * n)}'''` },
  ],
};

function checkXmlStructure(el: XmlElement, length: number, path: string): void {
  const stack: Array<{ el: XmlElement; path: string }> = [{ el, path }];
  while (stack.length) {
    const { el: e, path: p } = stack.pop()!;
    if (e.startTag.start !== e.span.start || e.startTag.end > e.span.end) violation(`${p}: start tag {${e.startTag.start}, ${e.startTag.end}} not at the start of the element {${e.span.start}, ${e.span.end}}`);
    if (e.content.start < e.startTag.end || e.content.end > e.span.end || e.content.start > e.content.end) violation(`${p}: content {${e.content.start}, ${e.content.end}} outside the element {${e.span.start}, ${e.span.end}}`);
    for (const a of e.attrs) {
      if (a.nameSpan.start < e.startTag.start || a.valueSpan.end > e.startTag.end) violation(`${p}: attribute ${a.name} outside its start tag`);
    }
    e.children.forEach((c, i) => {
      if (c.span.start < e.content.start || c.span.end > e.content.end) violation(`${p}.children[${i}]: span {${c.span.start}, ${c.span.end}} outside the parent's content {${e.content.start}, ${e.content.end}}`);
      if (c.kind === 'element') stack.push({ el: c, path: `${p}/${c.name}` });
    });
    checkSpan(p, e.span, length);
  }
}

export const xmlTarget: FuzzTarget<string> = {
  name: 'xml',
  subject: 'server/src/load/xml.ts parseXml, validateXml, textOf',
  arbitrary: fc.oneof({ weight: 5, arbitrary: xmlText }, { weight: 1, arbitrary: noisyString(200) }),
  // Earlier finds: a start tag cut off after white space (at the end of the file, and nested).
  examples: ['<a ', '<Workflow><- ', '<a><b x="1" '],
  check(text) {
    const doc = parseXml(text);
    for (const p of doc.problems) checkOffset(`problem "${p.message}"`, p.offset, text.length);
    if (doc.root) {
      checkTreeSpans('root', doc.root, text.length);
      checkXmlStructure(doc.root, text.length, `/${doc.root.name}`);
      const stack = [doc.root];
      while (stack.length) {
        const el = stack.pop()!;
        textOf(doc, el);
        for (const c of el.children) if (c.kind === 'element') stack.push(c);
      }
    }
    const invalid = validateXml(text);
    if (invalid && (invalid.line < 0 || invalid.column < 0)) violation(`validateXml reported line ${invalid.line} column ${invalid.column}`);
  },
  measure: text => { parseXml(text); validateXml(text); },
  size: textSize,
  show: s => quote(s),
  pumps: [
    { name: 'deep nesting', make: n => '<a>'.repeat(n) + '</a>'.repeat(n) },
    { name: 'unmatched end tags', make: n => `<r>${'</x>'.repeat(n)}</r>` },
    { name: 'many attributes', make: n => `<r ${Array.from({ length: n }, (_, i) => `a${i}="v"`).join(' ')}/>` },
    { name: 'unclosed elements', make: n => '<a>x'.repeat(n) },
    { name: 'entities in text', make: n => `<r>${'&gt;&#x41;&amp;'.repeat(n)}</r>` },
    { name: 'bare ampersands', make: n => `<r>${'<b>&</b>'.repeat(n)}</r>` },
  ],
};

export const xmlEscapeTarget: FuzzTarget<string> = {
  name: 'xml-escape',
  subject: 'server/src/load/xml.ts escapeXml/decodeEntities round trip',
  arbitrary: noisyString(80),
  check(s) {
    for (const quotes of [false, true]) {
      const back = decodeEntities(escapeXml(s, quotes));
      if (back !== s) violation(`decodeEntities(escapeXml(s, ${quotes})) = ${quote(back)} ≠ s`);
      const doc = parseXml(`<a v="${escapeXml(s, true)}">${escapeXml(s)}</a>`);
      const got = doc.root?.attrs[0]?.value;
      if (got !== s) violation(`attribute value read back as ${quote(String(got))}`);
      if (textOf(doc, doc.root) !== s) violation(`element text read back as ${quote(String(textOf(doc, doc.root)))}`);
    }
  },
  size: textSize,
  show: s => quote(s),
};

function checkJsonTree(root: JsonNode, length: number): void {
  const stack: JsonNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    checkSpan(`json ${node.type} node`, { start: node.offset, end: node.offset + node.length }, length);
    for (const c of node.children ?? []) {
      if (c.offset < node.offset || c.offset + c.length > node.offset + node.length) violation(`json ${c.type} child {${c.offset}, +${c.length}} outside its ${node.type} parent {${node.offset}, +${node.length}}`);
      stack.push(c);
    }
  }
}

export const jsonTarget: FuzzTarget<string> = {
  name: 'json',
  subject: 'server/src/load/json.ts parseJson',
  arbitrary: fc.oneof({ weight: 5, arbitrary: jsonText }, { weight: 1, arbitrary: noisyString(200) },
    // Deep nesting: the issue's 10 KB of nested JSON (recursive parsers overflow the stack).
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6000 }), fc.constantFrom('[', '{"a":')).map(([n, open]) => open.repeat(n)) }),
  check(text) {
    const parsed = parseJson(text);
    for (const p of parsed.problems) checkSpan(`problem "${p.message}"`, { start: p.offset, end: p.offset + p.length }, text.length);
    if (parsed.root) checkJsonTree(parsed.root, text.length);
  },
  measure: text => { parseJson(text); },
  size: textSize,
  show: s => quote(s),
  pumps: [
    { name: 'long array', make: n => `[${Array.from({ length: 16 * n }, (_, i) => i).join(',')}]` },
    { name: 'string escapes', make: n => `"${'\\n\\u0041\\"'.repeat(16 * n)}"` },
    { name: 'deep nesting', make: n => '['.repeat(n) + ']'.repeat(n) },
    { name: 'deep unclosed', make: n => '{"a":'.repeat(n) },
  ],
};

const settingsValue = fc.oneof(noisyString(20), fc.integer(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
const settingsDoc = fc.record({
  EnvironmentVariables: fc.oneof(fc.array(fc.oneof(fc.record({ SchemaName: settingsValue, Value: settingsValue }, { requiredKeys: [] }), settingsValue), { maxLength: 4 }), settingsValue),
  ConnectionReferences: fc.oneof(fc.array(fc.oneof(fc.record({ LogicalName: settingsValue, ConnectionId: settingsValue, ConnectorId: settingsValue }, { requiredKeys: [] }), settingsValue), { maxLength: 4 }), settingsValue),
}, { requiredKeys: [] });

export const settingsTarget: FuzzTarget<string> = {
  name: 'settings',
  subject: 'server/src/load/settings.ts loadSettings',
  arbitrary: fc.oneof(
    { weight: 4, arbitrary: settingsDoc.map(d => JSON.stringify(d, null, 2)) },
    { weight: 2, arbitrary: fc.tuple(settingsDoc.map(d => JSON.stringify(d)), fc.double({ min: 0, max: 1, noNaN: true })).map(([s, cut]) => s.slice(0, Math.floor(cut * s.length))) },
    { weight: 1, arbitrary: jsonText },
  ),
  check(text) {
    const file = createSourceFile('/fuzz/config/Dev/deploymentSettings.json', text);
    const result = loadSettings(file, 'Dev', 'config-folder');
    for (const p of result.problems) checkSpan(`problem "${p.message}"`, p.span, text.length);
    for (const v of [...result.settings?.environmentVariables ?? [], ...result.settings?.connectionReferences ?? []]) {
      checkSpan('entry loc', v.loc.span, text.length);
      checkSpan('entry valueLoc', v.valueLoc.span, text.length);
    }
  },
  measure: text => { loadSettings(createSourceFile('/fuzz/config/Dev/deploymentSettings.json', text), 'Dev', 'config-folder'); },
  size: textSize,
  show: s => quote(s),
  pumps: [
    { name: 'many entries', make: n => JSON.stringify({ EnvironmentVariables: Array.from({ length: 8 * n }, (_, i) => ({ SchemaName: `cr_v${i}`, Value: `#{v${i}}#` })), ConnectionReferences: [] }) },
  ],
};

/** Bytes as files hold them: any BOM (or none), then random bytes, text or UTF-16 units. */
const fileBytes = fc.tuple(
  fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb]),
  fc.oneof(fc.uint8Array({ maxLength: 64 }), noisyString(60).map(s => new Uint8Array(Buffer.from(s, 'utf8')))),
).map(([bom, body]) => new Uint8Array([...bom, ...body]));

export const decodeTarget: FuzzTarget<Uint8Array> = {
  name: 'decode-text',
  subject: 'server/src/load/vfs.ts decodeText',
  arbitrary: fileBytes,
  // Earlier find: a UTF-16 BE byte-order mark followed by an odd number of bytes (Buffer.swap16 throws).
  examples: [new Uint8Array([0xfe, 0xff, 0x00])],
  check(bytes) {
    const decoded = decodeText(bytes, '/fuzz/file.json');
    if ('error' in decoded) checkOffset(`error "${decoded.error}" offset`, decoded.offset, bytes.length);
  },
  size: b => b.length,
  show: b => `bytes [${[...b.subarray(0, 200)].map(x => `0x${x.toString(16).padStart(2, '0')}`).join(', ')}${b.length > 200 ? ', …' : ''}] (${b.length} bytes)`,
};
