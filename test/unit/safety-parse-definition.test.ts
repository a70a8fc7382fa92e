// <Definition> decoding on hostile input (issue 9): linear time on unterminated CDATA sections and a
// position map whose size stays a few bytes per escaped character.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeDefinition, encodeForDefinition } from '../../server/src/load/definition';
import { medianMs, retainedBytes } from './safety-parse-support';

function decodeWhole(raw: string) {
  const text = `<Definition>${raw}</Definition>`;
  return decodeDefinition(text, { start: 12, end: 12 + raw.length });
}

describe('<Definition> decoding', () => {
  test('thousands of unterminated <![CDATA[ decode in linear time (the encoding style is unchanged)', () => {
    const raw = (n: number) => '<![CDATA['.repeat(n) + 'x > y';
    decodeWhole(raw(100));
    const small = Math.max(1, medianMs(() => decodeWhole(raw(4000))));
    const large = medianMs(() => decodeWhole(raw(40000)), 3);
    assert.ok(large / small < 30, `x10 input took x${(large / small).toFixed(1)} time`);
    assert.equal(decodeWhole(raw(3)).style.xmlGt, false, "a bare '>' outside CDATA is seen");
    assert.equal(decodeWhole('"a &gt; b"<![CDATA[>]]>').style.xmlGt, true, "'>' inside a CDATA section does not count");
  });

  test('a script of 1M escaped characters: the decoded text and its map cost a few bytes per character', () => {
    const n = 1_000_000;
    const script = '\\"'.repeat(n / 2);
    const raw = encodeForDefinition(script, 'json-string', { xmlQuot: true, xmlApos: false, xmlGt: true, jsonAsciiOnly: false, jsonSlash: false });
    const wrapped = `"${raw.replace(/"/g, '&quot;')}"`.replace(/^"/, '&quot;').replace(/"$/, '&quot;');
    let decoded: ReturnType<typeof decodeWhole> | undefined;
    const bytes = retainedBytes(() => { decoded = decodeWhole(wrapped); });
    assert.equal(decoded!.storage, 'json-string');
    assert.equal(decoded!.text, script);
    assert.equal(decoded!.map.toScript(decoded!.map.toFile(n - 1)), n - 1);
    assert.ok(bytes / n < 20, `retained ${(bytes / n).toFixed(1)} bytes per script character`);
  });
});
