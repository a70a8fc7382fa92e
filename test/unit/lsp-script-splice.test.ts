// An edit typed into a decoded-script editor, spliced into the XML (lsp/script-splice.ts), gives the file text a
// whole re-encoding gives and the script, style and source map a fresh decoding of that text gives, for both ways
// a <Definition> stores a script; edits that could change the inferred escaping style are left to a whole merge.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodedScriptIn, DecodedScript, spliceScript } from '../../server/src/lsp/script-splice';
import { decodeScriptInText, replaceScriptInText } from '../../server/src/lsp/scriptFile';

const ID = '6d5c4b3a-2f1e-4d0c-8b9a-7e6d5c4b3a21';
const sidecar = (definition: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\r\n<Workflow WorkflowId="{${ID}}" Name="Export">\r\n  <Definition>${definition}</Definition>\r\n  <Inputs>{}</Inputs>\r\n</Workflow>\r\n`;

const SCRIPT = [
  "SET Folder TO $'''C:\\Users\\jdoe\\Exports'''",
  'IF Counter > 3 THEN',
  "    File.WriteText File: $'''%Folder%\\log.txt''' TextToWrite: $'''a & b < c''' AppendNewLine: True",
  'END',
  "SET Quote TO $'''say \"hi\"'''",
].join('\r\n');

/** The XML of the script stored as XML text, and as a JSON string literal (escaped slashes: a style to keep). */
const STORED = {
  'xml-text': sidecar(SCRIPT.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')),
  'json-string': sidecar(JSON.stringify(SCRIPT).replace(/\//g, '\\/').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')),
};

function rng(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state % n;
  };
}

/** What the whole merge and a fresh decoding give for the same script. */
function fresh(base: DecodedScript, script: string) {
  const region = base.map.fileSpan;
  const fileText = replaceScriptInText({ fileText: base.fileText, region, storage: base.storage, style: base.style! }, script);
  const found = decodeScriptInText(fileText, ID);
  assert.ok(!('error' in found));
  return { fileText, decoded: found.decoded };
}

for (const [storage, xml] of Object.entries(STORED)) {
  test(`random edits spliced into a ${storage} <Definition> equal a whole re-encoding and a fresh decoding`, () => {
    let current = decodedScriptIn(xml, ID);
    assert.ok(current, 'the stored script is spliceable');
    assert.equal(current.storage, storage);
    const pick = rng(storage.length);
    const typed = ['x', ' ', '\\', '&', '<', '>', '%', "'''", '"', '/', '\r\n', 'SET A TO 1\r\n', ''];
    let spliced = 0;
    for (let step = 0; step < 200; step++) {
      const text = current.text;
      const start = pick(text.length + 1);
      const end = Math.min(text.length, start + (pick(3) === 0 ? pick(12) : 0));
      const script = text.slice(0, start) + typed[pick(typed.length)] + text.slice(end);
      const next = spliceScript(current, script);
      const expected = fresh(current, script);
      if (!next) {
        // Left to a whole merge: the next edit starts from what that merge wrote.
        current = decodedScriptIn(expected.fileText, ID) ?? assert.fail('a whole merge is spliceable again');
        continue;
      }
      spliced++;
      assert.equal(next.fileText, expected.fileText, `file text after step ${step}`);
      assert.equal(next.text, expected.decoded.text);
      assert.equal(next.storage, expected.decoded.storage);
      assert.deepEqual(next.style, expected.decoded.style, `style after step ${step}`);
      assert.deepEqual(next.map.fileSpan, expected.decoded.map.fileSpan);
      for (let o = 0; o <= script.length; o++) assert.equal(next.map.toFile(o), expected.decoded.map.toFile(o), `toFile(${o}) after step ${step}`);
      for (let f = next.map.fileSpan.start - 1; f <= next.map.fileSpan.end + 1; f++) assert.equal(next.map.toScript(f), expected.decoded.map.toScript(f), `toScript(${f}) after step ${step}`);
      current = next;
    }
    assert.ok(spliced > 100, `most edits were spliced (${spliced} of 200)`);
  });
}

test('an edit that removes the last escaped quote is left to a whole merge (the inferred style could change)', () => {
  const xml = sidecar("SET A TO $'''&quot;'''");
  const from = decodedScriptIn(xml, ID);
  assert.ok(from);
  assert.equal(from.style?.xmlQuot, true);
  assert.equal(spliceScript(from, "SET A TO $''''''"), undefined);
  assert.ok(spliceScript(from, "SET A TO $'''&quot;x'''".replace('&quot;', '"')));
});

test('a script not stored as a whole re-encoding stores it is not spliced', () => {
  // &#62; is a `>` a re-encoding writes as &gt;: splicing would keep a text no merge writes.
  assert.equal(decodedScriptIn(sidecar('IF A &#62; 1 THEN'), ID), undefined);
  assert.ok(decodedScriptIn(sidecar('IF A &gt; 1 THEN'), ID));
});
