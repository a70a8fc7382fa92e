// solution.ts skips fast-xml-parser's validator when plainlyWellFormed vouches for a document the
// reader accepted: the validator must then accept it too, or a problem it reports would be lost.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseXml, validateXml } from '../../server/src/load/xml';
import { plainlyWellFormed } from '../../server/src/load/xml-wellformed';

const vouched = (text: string) => plainlyWellFormed(parseXml(text));

describe('plainlyWellFormed', () => {
  test('vouches for the plain forms solution files have', () => {
    for (const text of [
      '<?xml version="1.0" encoding="utf-8"?>\r\n<ImportExportXml version="9.2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Workflows /></ImportExportXml>\r\n',
      '<Workflow WorkflowId="{1}" Name="a &amp; b"><Definition>"x &gt; y &#x41; &#65;"</Definition><a/><b\tc="1"\n/></Workflow>',
      '<r><![CDATA[ <not> & a tag ]]><!-- a comment & more --></r>',
    ]) {
      assert.equal(validateXml(text), undefined, text);
      assert.equal(vouched(text), true, text);
    }
  });

  test('leaves to the validator what it rejects though the reader takes it', () => {
    for (const text of [
      '<a>&#X41;</a>', // upper-case X
      '<a b="1"c="2"/>', // no space before an attribute
      '<1a/>', // a name starting with a digit
      '<a\u00A0b="1"/>', // white space the validator does not know
      '<a/>\u00A0', // the same after the root
      '<a></a >', // white space in an end tag
      '<a b = "1"/>', // spaces around '=' (accepted by both: left to the validator all the same)
      '<a><?pi x?></a>',
      '<!DOCTYPE a><a/>',
      '<!-- before --><a/>',
      'x<?xml version="1.0"?><a/>',
    ]) {
      assert.equal(vouched(text), false, text);
    }
  });

  test('never vouches for a document the validator rejects (4,000 generated documents)', () => {
    const names = ['a', 'b', 'x:y', 'A.b-c', '1a', '_', '\u00E9', 'a\u00B7'];
    const spaces = [' ', '\t', '\n', '\r\n', '', '\u00A0', '  '];
    const texts = ['t', '&amp;', '&#65;', '&#x41;', '&#X41;', '&bogus;', '&', '>', ']]>', '<![CDATA[<&]]>', '<!--c-->', '<?p?>', '"', "'", '\u00A0', '<!X>'];
    let seed = 14;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const element = (depth: number): string => {
      const name = pick(names);
      let tag = `<${name}`;
      const attrs = Math.floor(random() * 3);
      for (let k = 0; k < attrs; k++) {
        const quote = random() < 0.8 ? '"' : "'";
        tag += `${pick(spaces)}${pick(names)}${random() < 0.9 ? '=' : ' = '}${quote}${pick(texts).replace(/["']/g, '')}${quote}`;
      }
      tag += pick(spaces);
      if (random() < 0.3) return `${tag}/>`;
      let body = '';
      const parts = depth > 3 ? 1 : Math.floor(random() * 4);
      for (let k = 0; k < parts; k++) body += random() < 0.5 ? pick(texts) : element(depth + 1);
      return `${tag}>${body}</${random() < 0.95 ? name : pick(names)}${random() < 0.9 ? '' : pick(spaces)}>`;
    };
    let vouchedCount = 0;
    for (let k = 0; k < 4000; k++) {
      const text = (random() < 0.3 ? '<?xml version="1.0"?>' : '') + pick(spaces) + element(0) + pick(spaces) + (random() < 0.1 ? pick(texts) : '');
      if (!vouched(text)) continue;
      vouchedCount++;
      assert.equal(validateXml(text), undefined, `vouched for, but the validator rejects: ${JSON.stringify(text)}`);
    }
    // The generator must reach the vouched-for side often enough for this to mean something.
    assert.ok(vouchedCount > 200, `only ${vouchedCount} documents vouched for`);
  });
});
