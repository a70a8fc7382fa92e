// The reading layer's cheaper paths (issue 14) give what the plain ones gave: decodeText's text and
// hash (now taken on first use), DiskVfs.readFileWithin against stat + readFile, DirTree's cached
// resolution, the XML reader's name and space tests, and the definition's bare-'>' check.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { decodeDefinition } from '../../server/src/load/definition';
import { DirTree, readSource } from '../../server/src/load/tree';
import { decodeText, DiskVfs, MemoryVfs, OverlayVfs } from '../../server/src/load/vfs';
import { attr, child, parseXml, trimmedContent } from '../../server/src/load/xml';

const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');
const BOM = [0xef, 0xbb, 0xbf];

function decoded(bytes: Uint8Array) {
  const result = decodeText(bytes, '/x/file.xml');
  if (!('file' in result)) throw new Error(`not decoded: ${result.error}`);
  return result.file;
}

describe('decodeText', () => {
  const cases: Array<[string, number[], string]> = [
    ['ASCII', [...Buffer.from('{"a": 1}\r\n')], '{"a": 1}\r\n'],
    ['ASCII after a BOM', [...BOM, ...Buffer.from('<a/>')], '<a/>'],
    ['UTF-8 beyond ASCII', [...Buffer.from('café – 𝄞 ok', 'utf8')], 'café – 𝄞 ok'],
    ['UTF-8 beyond ASCII after a BOM', [...BOM, ...Buffer.from('ü', 'utf8')], 'ü'],
    ['a second BOM (dropped, as TextDecoder drops it)', [...BOM, ...BOM, ...Buffer.from('x')], 'x'],
    ['UTF-16 LE', [0xff, 0xfe, ...Buffer.from('hé', 'utf16le')], 'hé'],
    ['UTF-16 BE', [0xfe, 0xff, ...Buffer.from('hé', 'utf16le').swap16()], 'hé'],
    ['empty', [], ''],
  ];
  for (const [name, bytes, text] of cases) {
    test(`${name}: the text, and the SHA-1 of the bytes read`, () => {
      const file = decoded(Uint8Array.from(bytes));
      assert.equal(file.text, text);
      assert.equal(file.hash, sha1(Uint8Array.from(bytes)));
      // Copies keep the hash (fixes and worker messages copy files).
      assert.equal({ ...file }.hash, file.hash);
      assert.equal(structuredClone(file).hash, file.hash);
    });
  }

  test('the same text as a validating TextDecoder on every byte sequence of a sample', () => {
    const samples = ['plain', 'naïve', '日本語', '\u{1F600}', '\uFEFFmid-text BOM', 'tab\there'];
    for (const s of samples) assert.equal(decoded(Buffer.from(s, 'utf8')).text, new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(s, 'utf8')));
  });

  test('invalid UTF-8 and binary content are refused as before', () => {
    assert.deepEqual(decodeText(Uint8Array.from([0x61, 0xc3, 0x28]), '/x/a.txt'), { error: 'file is not valid UTF-8 text' });
    assert.deepEqual(decodeText(Uint8Array.from([...BOM, ...BOM, 0xc3, 0x28]), '/x/a.txt'), { error: 'file is not valid UTF-8 text' });
    assert.deepEqual(decodeText(Uint8Array.from([0x61, 0x00]), '/x/a.txt'), { error: 'binary file (contains NUL bytes), not text', offset: 1 });
  });
});

describe('DiskVfs.readFileWithin', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-read-'));
  fs.writeFileSync(path.join(dir, 'a.json'), '{"k": "v"}');
  fs.mkdirSync(path.join(dir, 'sub'));
  const vfs = new DiskVfs();

  test('the bytes of a file, as readFile gives them', () => {
    assert.deepEqual(vfs.readFileWithin(path.join(dir, 'a.json'), 1024), vfs.readFile(path.join(dir, 'a.json')));
  });
  test('the size alone above the cap', () => {
    assert.equal(vfs.readFileWithin(path.join(dir, 'a.json'), 4), 10);
  });
  test('undefined for a folder, a missing file and a path through a file', () => {
    assert.equal(vfs.readFileWithin(path.join(dir, 'sub'), 1024), undefined);
    assert.equal(vfs.readFileWithin(path.join(dir, 'missing.json'), 1024), undefined);
    assert.equal(vfs.readFileWithin(path.join(dir, 'a.json', 'x'), 1024), undefined);
  });
  test('an overlay answers for its own documents and asks the disk for the rest', () => {
    const overlay = new OverlayVfs(vfs);
    overlay.set(path.join(dir, 'open.json'), '{"edited": true}');
    assert.equal(Buffer.from(overlay.readFileWithin(path.join(dir, 'open.json'), 1024) as Uint8Array).toString(), '{"edited": true}');
    assert.equal(overlay.readFileWithin(path.join(dir, 'open.json'), 3), 16);
    assert.equal(Buffer.from(overlay.readFileWithin(path.join(dir, 'a.json'), 1024) as Uint8Array).toString(), '{"k": "v"}');
  });
});

describe('DirTree', () => {
  test('resolution is case-insensitive, exact names first, and the same when asked again', () => {
    const vfs = new MemoryVfs({ '/r/Workflows/Flow.json': '{}', '/r/workflows/flow.json': '{"lower": 1}', '/r/Other/Solution.xml': '<a/>' });
    const tree = new DirTree(vfs, '/r');
    for (let k = 0; k < 2; k++) {
      assert.equal(tree.resolve('workflows/flow.json'), 'workflows/flow.json');
      assert.equal(tree.resolve('WORKFLOWS/FLOW.JSON'), 'Workflows/Flow.json');
      assert.equal(tree.resolve('other/solution.xml'), 'Other/Solution.xml');
      assert.equal(tree.resolve('other/missing.xml'), undefined);
    }
    const problems: string[] = [];
    const file = readSource(tree, 'OTHER/SOLUTION.XML', (_, message) => problems.push(message));
    assert.equal(file?.path, path.join('/r', 'Other/Solution.xml'));
    assert.equal(file?.text, '<a/>');
    assert.deepEqual(problems, []);
  });
});

describe('XML reader', () => {
  test('names take every name character, white space is what /\\s/ matches', () => {
    const text = '<r:o-o.t_1\u00B7\u00E9\u00A0a="1"\u2003b="2"\u3000>\u2028 x \u2029<c/></r:o-o.t_1\u00B7\u00E9>';
    const doc = parseXml(text);
    assert.deepEqual(doc.problems, []);
    assert.equal(doc.root?.name, 'r:o-o.t_1\u00B7\u00E9');
    assert.deepEqual(doc.root?.attrs.map(a => a.name), ['a', 'b']);
    const span = trimmedContent(doc, doc.root!);
    assert.equal(text.slice(span.start, span.end), 'x \u2029<c/>');
  });
  test('child and attr find the first match ignoring case', () => {
    const doc = parseXml('<r A="1" a="2"><X n="1"/><x n="2"/></r>');
    assert.equal(attr(doc.root, 'a')?.value, '1');
    assert.equal(attr(child(doc.root, 'x'), 'N')?.value, '1');
    assert.equal(child(doc.root, '')?.name, 'X');
    assert.equal(child(doc.root, 'y'), undefined);
  });
});

describe("a definition's bare '>'", () => {
  const style = (raw: string) => decodeDefinition(`<D>${raw}</D>`, { start: 3, end: 3 + raw.length }).style.xmlGt;
  const cases: Array<[string, boolean]> = [
    ['a &gt; b', true],
    ['a > b', false],
    ['>', true],
    [']]>', true],
    ['x]>', true],
    ['x<![CDATA[ > ]]>y', true],
    ['a<![CDATA[x]]>>', false],
    [']<![CDATA[x]]>>', true],
    ['<![CDATA[x]]>>', true],
    ['<![CDATA[x', true],
    ['<![CDATA[ > ', false],
  ];
  for (const [raw, expected] of cases) test(JSON.stringify(raw), () => assert.equal(style(raw), expected, 'xmlGt'));
});

describe("a definition's bare '>' against the regular expression it replaced", () => {
  // The former check, kept as the reference: strip the CDATA sections, then /[^\]]>/.
  function reference(raw: string): boolean {
    let i = 0;
    let carry = '';
    for (;;) {
      const open = raw.indexOf('<![CDATA[', i);
      const close = open < 0 ? -1 : raw.indexOf(']]>', open + 9);
      const textEnd = close < 0 ? raw.length : open;
      const text = carry + raw.slice(i, textEnd);
      if (/[^\]]>/.test(text)) return true;
      if (close < 0) return false;
      if (text) carry = text[text.length - 1];
      i = close + 3;
    }
  }
  test('2,000 random mixes of >, ], text and CDATA markers', () => {
    const pieces = ['>', ']', 'a', '<![CDATA[', ']]>', ' '];
    let seed = 14;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let k = 0; k < 2000; k++) {
      let raw = '';
      const n = Math.floor(random() * 8);
      for (let p = 0; p < n; p++) raw += pieces[Math.floor(random() * pieces.length)];
      const xmlGt = decodeDefinition(`<D>${raw}</D>`, { start: 3, end: 3 + raw.length }).style.xmlGt;
      assert.equal(xmlGt, !reference(raw), JSON.stringify(raw));
    }
  });
});

describe("a definition's decoded script text", () => {
  const decode = (raw: string) => decodeDefinition(`<D>${raw}</D>`, { start: 3, end: 3 + raw.length }).text;
  test('the same characters whether they fit one byte each or not (lone surrogates kept)', () => {
    assert.equal(decode('"a\\tb &amp; \u00e9"'), 'a\tb & \u00e9');
    assert.equal(decode('"\u20ac \\u00ff"'), '\u20ac \u00ff');
    assert.equal(decode('&#xD800;x'), '\uD800x');
    assert.equal(decode('plain &gt; text'), 'plain > text');
  });
});
