// The one-pass <Definition> decoder against the two-pass decoder it replaced (kept here only, as the
// oracle): same text, storage, problems and escape style, and the same source map answers at every offset.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeDefinition, decodeJsonString } from '../../server/src/load/definition';
import { SegmentMap } from '../../server/src/load/sourcemap';
import { entityAt } from '../../server/src/load/xml';
import type { Span } from '../../server/src/util/text';
import { rng } from '../support/rng';

interface OracleResult {
  text: string; storage: 'json-string' | 'xml-text'; map: SegmentMap;
  problems: Array<{ offset: number; message: string }>; jsonAsciiOnly: boolean; jsonSlash: boolean;
}

/** The previous decoder: an XML pass and a JSON pass, each into per-character typed arrays. */
function oracleDecode(fileText: string, content: Span): OracleResult {
  const problems: OracleResult['problems'] = [];
  const raw = fileText.slice(content.start, content.end);
  const xml = new Uint16Array(raw.length);
  const xmlStart = new Int32Array(raw.length + 1);
  let m = 0;
  let i = content.start;
  const end = content.end;
  while (i < end) {
    const c = fileText.charCodeAt(i);
    if (c === 38) {
      const ent = entityAt(fileText, i);
      if (ent && i + ent.length <= end) {
        for (let u = 0; u < ent.value.length; u++) { xml[m] = ent.value.charCodeAt(u); xmlStart[m++] = i; }
        i += ent.length;
        continue;
      }
      problems.push({ offset: i, message: "'&' does not start a valid XML entity" });
    } else if (c === 60 && fileText.startsWith('<![CDATA[', i)) {
      const close = fileText.indexOf(']]>', i + 9);
      const stop = close < 0 || close > end ? end : close;
      for (let k = i + 9; k < stop; k++) { xml[m] = fileText.charCodeAt(k); xmlStart[m++] = k; }
      i = stop + 3;
      continue;
    }
    xml[m] = c;
    xmlStart[m++] = i;
    i++;
  }
  xmlStart[m] = end;
  const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
  let first = 0;
  while (first < m && isSpace(xml[first])) first++;
  let last = m - 1;
  while (last >= first && isSpace(xml[last])) last--;
  if (first <= last && xml[first] === 34) {
    const decoded = decodeJsonString(xml, xmlStart, first, last, problems);
    if (decoded) {
      return {
        text: decoded.text, storage: 'json-string', map: new SegmentMap(decoded.starts), problems,
        jsonAsciiOnly: decoded.sawUnicodeEscape && !decoded.sawRawNonAscii, jsonSlash: decoded.sawEscapedSlash,
      };
    }
  }
  let text = '';
  for (let k = 0; k < m; k++) text += String.fromCharCode(xml[k]);
  return { text, storage: 'xml-text', map: new SegmentMap(xmlStart.subarray(0, m + 1)), problems, jsonAsciiOnly: false, jsonSlash: false };
}

// Pieces of stored definitions: plain text, XML entities (valid, invalid, outside the BMP), JSON
// escapes (simple, \uXXXX, surrogate pairs, invalid), CDATA sections, CRLF and other white space.
const PIECES = [
  'SET x TO 1', 'Display.ShowMessage', 'abc', ' ', '  ', '\r\n', '\t', '\n', 'é', 'Déjà', '😀', '\ud83d', '\ude00',
  '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#10;', '&#13;', '&#x20;', '&#x1F600;', '&#92;', '&#34;', '&#x5C;n',
  '&', '&bogus;', '&#xZZ;', '<', '>', ']]>', '<![CDATA[a<b&c]]>', '<![CDATA[]]>', '<![CDATA[ "q" \\n ]]>', '<![CDATA[x',
  '\\r\\n', '\\n', '\\r', '\\t', '\\"', '\\&quot;', '\\\\', '\\/', '\\b', '\\f', '\\u00e9', '\\u00E9', '\\uD83D\\uDE00',
  '\\ud83d', '\\x', '\\u12', '\\u12g4', '\\', '\\&#117;0041', '"', '&#x22;',
];

function randomContent(next: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  let body = '';
  const count = Math.floor(next() * 14);
  for (let k = 0; k < count; k++) {
    const piece = pick(PIECES);
    // Quotes end a JSON literal early: keep them rare so most literals run to the end.
    if ((piece === '"' || piece === '&#x22;') && next() < 0.7) continue;
    body += piece;
  }
  const lead = pick(['', '', ' ', '\r\n  ', '&#32;', '<![CDATA[ ]]>']);
  const trail = pick(['', '', ' ', '\r\n', '&#10;', ' x', '<![CDATA[ ]]>']);
  const open = pick(['"', '"', '"', '&quot;', '<![CDATA["]]>', '']);
  const close = pick(['"', '"', '&quot;', '', '"tail']);
  return lead + open + body + close + trail;
}

function assertSameDecoding(content: string, label: string): void {
  const prefix = '<Workflow>\r\n  <Definition>';
  const file = `${prefix}${content}</Definition>\r\n</Workflow>`;
  const span = { start: prefix.length, end: prefix.length + content.length };
  const expected = oracleDecode(file, span);
  const actual = decodeDefinition(file, span);
  const where = `${label}: ${JSON.stringify(content)}`;
  assert.equal(actual.text, expected.text, `text, ${where}`);
  assert.equal(actual.storage, expected.storage, `storage, ${where}`);
  assert.deepEqual(actual.problems, expected.problems, `problems, ${where}`);
  assert.equal(actual.style.jsonAsciiOnly, expected.jsonAsciiOnly, `jsonAsciiOnly, ${where}`);
  assert.equal(actual.style.jsonSlash, expected.jsonSlash, `jsonSlash, ${where}`);
  const map = actual.map as SegmentMap;
  assert.deepEqual(map.fileSpan, expected.map.fileSpan, `fileSpan, ${where}`);
  assert.equal(map.scriptLength, expected.map.scriptLength, `scriptLength, ${where}`);
  for (let o = -1; o <= expected.text.length + 1; o++) {
    assert.equal(map.toFile(o), expected.map.toFile(o), `toFile(${o}), ${where}`);
    assert.deepEqual(map.toFileSpan({ start: o, end: o + 1 }), expected.map.toFileSpan({ start: o, end: o + 1 }), `toFileSpan(${o}), ${where}`);
  }
  for (let f = span.start - 1; f <= span.end + 1; f++) {
    assert.equal(map.toScript(f), expected.map.toScript(f), `toScript(${f}), ${where}`);
    assert.deepEqual(map.toScriptSpan({ start: f, end: f + 2 }), expected.map.toScriptSpan({ start: f, end: f + 2 }), `toScriptSpan(${f}), ${where}`);
  }
  // The segments themselves, so a later splice of either map starts from the same place.
  assert.deepEqual([...map.scriptStart], [...expected.map.scriptStart], `scriptStart, ${where}`);
  assert.deepEqual([...map.fileStart], [...expected.map.fileStart], `fileStart, ${where}`);
  assert.deepEqual([...map.width], [...expected.map.width], `width, ${where}`);
}

describe('one-pass definition decoding', () => {
  test('matches the two-pass decoder on hand-picked edge cases', () => {
    const cases = [
      '', ' ', '"', '" ', '""', '"abc"', '"abc', '"abc  \r\n', '"abc\\', '"abc\\ ', '"a\\u00e9', '"a\\u00', '"a\\u00"',
      '"x" y', '"x"  ', '"x"&bad', '&quot;a\\&quot;b&quot;', 'plain text', 'a&amp;b&lt;c&gt;', '&#x1F600;x',
      '"&#x1F600;\\uD83D\\uDE00"', '<![CDATA["a"]]>', '"<![CDATA[a\\nb]]>"', '"a<![CDATA[', '  "\\r\\n"  ', '"\\&#117;0041"',
      '"a&#10;&#10;', '"a\\n&#10; ', '&', '"&', '"a" <![CDATA[x]]>',
      // An escape split by a CDATA boundary or written partly as an entity (the copy loop decodes only whole ones).
      '"a<![CDATA[b\\]]>n"', '"a\\<![CDATA[n]]>"', '"a\\&#110;b"', '"\\r\\n\\"\\\\"', '"a\\', '"é\\n"',
    ];
    for (const content of cases) assertSameDecoding(content, 'case');
  });

  test('matches the two-pass decoder on random definitions', () => {
    for (let seed = 1; seed <= 3000; seed++) assertSameDecoding(randomContent(rng(seed).next), `seed ${seed}`);
  });

  test('a long script in one literal maps every line break escape', () => {
    const lines = Array.from({ length: 2000 }, (_, k) => `SET v${k} TO $'''a&quot;b\\\\c'''`);
    assertSameDecoding(`"${lines.join('\\r\\n')}"`, 'long');
  });
});
