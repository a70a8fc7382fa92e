// <Definition> decoding in both storages, the position map, and exact re-encoding.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { decodeDefinition, encodeForDefinition } from '../../server/src/load/definition';
import { parseScript } from '../../server/src/load/pad/parser';
import { child, parseXml } from '../../server/src/load/xml';
import type { Span } from '../../server/src/util/text';
import { corpusPath } from '../support/corpus';

const SCRIPT = [
  "@@ConnectionString: ''",
  "@SENSITIVE: [DbPassword]",
  "@INPUT Input_Folder : { 'Description': '''Folder \"in\" <quotes> & more''', 'FriendlyName': 'Input_Folder', 'Type': 'String', 'DefaultValue': '' }",
  "SET Path TO $'''C:\\\\RPA\\\\%Input_Folder%\\\\it\\'s.xlsx'''",
  'IF Count > 3 AND Name <> $\'\'\'a&b\'\'\' THEN',
  "    Display.ShowMessageDialog.ShowMessage Title: $'''Déjà vu 😀''' Message: $'''Tab\there''' ButtonPressed=> Pressed",
  'END',
].join('\r\n');

/** Every span in a syntax tree (span, nameSpan, idSpan…), found generically. */
function allSpans(node: unknown, out: Span[] = [], seen = new Set<unknown>()): Span[] {
  if (!node || typeof node !== 'object' || seen.has(node)) return out;
  seen.add(node);
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'span' || key.endsWith('Span')) && value && typeof (value as Span).start === 'number') out.push(value as Span);
    else if (typeof value === 'object') allSpans(value, out, seen);
  }
  return out;
}

function wrap(content: string): { file: string; span: Span } {
  const prefix = '<Workflow Name="x">\r\n  <Category>6</Category>\r\n  <Definition>';
  return { file: `${prefix}${content}</Definition>\r\n</Workflow>`, span: { start: prefix.length, end: prefix.length + content.length } };
}

/** Decodes a file slice the way the storage would (the inverse of encodeForDefinition). */
function decodeSlice(raw: string, storage: 'json-string' | 'xml-text'): string {
  const xml = raw.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return storage === 'json-string' ? JSON.parse(`"${xml}"`) : xml;
}

function checkMap(fileText: string, span: Span, expectedStorage: 'json-string' | 'xml-text', expectedText?: string, expectedProblems = 0) {
  const decoded = decodeDefinition(fileText, span);
  assert.equal(decoded.storage, expectedStorage);
  assert.deepEqual(decoded.problems, []);
  if (expectedText !== undefined) assert.equal(decoded.text, expectedText);
  const ast = parseScript(decoded.text);
  assert.equal(ast.problems.length, expectedProblems, `script problems: ${JSON.stringify(ast.problems)}`);
  const spans = allSpans(ast);
  assert.ok(spans.length > 20, 'the tree has tokens');
  for (const s of spans) {
    for (const o of [s.start, s.end]) assert.equal(decoded.map.toScript(decoded.map.toFile(o)), o, `script → file → script at ${o}`);
    const fileSpan = decoded.map.toFileSpan(s);
    assert.equal(decodeSlice(fileText.slice(fileSpan.start, fileSpan.end), expectedStorage), decoded.text.slice(s.start, s.end), 'the file text of a token decodes to the token');
    assert.deepEqual(decoded.map.toScriptSpan(fileSpan), s, 'file span → script span');
  }
  return decoded;
}

describe('Definition storages', () => {
  test('JSON string literal (what exports hold) decodes with a position map both ways', () => {
    const { file, span } = wrap(`"${encodeForDefinition(SCRIPT, 'json-string')}"`);
    assert.ok(file.includes('\\r\\n') && file.includes('&lt;') && file.includes('&amp;') && file.includes('\\"'), 'the encoding is the escaped one');
    checkMap(file, span, 'json-string', SCRIPT);
  });

  test('raw XML-escaped script decodes with a position map both ways', () => {
    const { file, span } = wrap(encodeForDefinition(SCRIPT, 'xml-text'));
    checkMap(file, span, 'xml-text', SCRIPT);
  });

  test('offsets inside an escape map to the escaped character', () => {
    const { file, span } = wrap(`"A\\r\\nB&amp;C"`);
    const d = decodeDefinition(file, span);
    assert.equal(d.text, 'A\r\nB&C');
    const amp = file.indexOf('&amp;');
    for (let k = 0; k < 5; k++) assert.equal(d.map.toScript(amp + k), 4, 'every character of &amp; belongs to "&"');
    assert.equal(d.map.toScript(file.indexOf('\\n') + 1), 2);
  });

  test('encoding is exact: encode then decode is the identity, also for one slice of the script', () => {
    const samples = ['plain', 'quote " backslash \\ apostrophe \' ', 'a\r\nb\nc\td', '<tag> & &amp; ]]>', 'ünïcødé 😀 \u0001', "$'''\\\\server\\share'''"];
    for (const s of samples) {
      for (const storage of ['json-string', 'xml-text'] as const) {
        if (storage === 'xml-text' && /\u0001/.test(s)) continue;
        const body = storage === 'json-string' ? `"${encodeForDefinition(s, storage)}"` : encodeForDefinition(s, storage);
        const { file, span } = wrap(body);
        assert.equal(decodeDefinition(file, span).text, s, `${storage}: ${JSON.stringify(s)}`);
      }
    }
  });

  test('the encoding style of the file is kept (&quot;, \\u escapes)', () => {
    const { file, span } = wrap('&quot;caf\\u00e9 &quot;x&quot;&quot;');
    const d = decodeDefinition(file, span);
    assert.equal(d.storage, 'json-string');
    assert.ok(d.style.xmlQuot && d.style.jsonAsciiOnly);
    const encoded = encodeForDefinition('é"', 'json-string', d.style);
    assert.equal(encoded, '\\u00e9\\&quot;');
  });

  test('a truncated JSON definition is reported, and what was read is kept', () => {
    const { file, span } = wrap('"SET A TO 1\\r\\nSET B TO');
    const d = decodeDefinition(file, span);
    assert.equal(d.text, 'SET A TO 1\r\nSET B TO');
    assert.match(d.problems[0].message, /no closing quote/);
  });
});

describe('Definitions of the real corpus', () => {
  const customizations = corpusPath('solutions/AgniusBartninkas__power-automate-desktop-framework/src/solutions/main/customizations.xml');
  const sidecar = corpusPath('autosysops__PowerShell_PowerPlatformChecker/tests/fixtures/desktop-flowchart-solution/Managed/Workflows/DesktopFlow-PdfwRegression-ffffffff-ffff-ffff-ffff-ffffffffffff.json.data.xml');

  test('every desktop flow in a raw-layout customizations.xml (JSON strings)', t => {
    if (!customizations) return t.skip('../shared/corpus is not beside the checkout');
    const text = fs.readFileSync(customizations, 'utf8');
    const doc = parseXml(text);
    const flows = (child(doc.root, 'Workflows')?.children ?? []).filter(c => c.kind === 'element');
    assert.equal(flows.length, 13);
    for (const wf of flows) {
      const def = child(wf, 'Definition')!;
      checkMap(text, def.content, 'json-string');
    }
  });

  test('a sidecar holding the raw XML-escaped script', t => {
    if (!sidecar) return t.skip('../shared/corpus is not beside the checkout');
    const text = fs.readFileSync(sidecar, 'utf8');
    const def = child(parseXml(text).root, 'Definition')!;
    // Its last line, `WRITE Text='Done'`, is no desktop-flow statement (a hand-made fixture).
    const d = checkMap(text, def.content, 'xml-text', undefined, 1);
    assert.ok(d.text.startsWith("BLOCK 'Scope: Try executing the flow'"), path.basename(sidecar));
  });
});
