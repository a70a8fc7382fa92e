// The XML reader reports the first bare '&' (one that starts no entity) of each text run and attribute value,
// and none inside comments or CDATA. It finds them with a cursor over the document's '&' signs; this holds it
// to the plain reading (every character of every run) on fixed and generated documents. It also collects the
// children and attributes of open elements in shared buffers: each element gets its own, also when closed
// by an outer end tag or by the end of the file.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { entityAt, parseXml, type XmlElement, type XmlText } from '../../server/src/load/xml';
import { rng } from '../support/rng';

const BARE = "'&' must be written &amp;";

const bareOffsets = (text: string) => parseXml(text).problems.filter(p => p.message === BARE).map(p => p.offset);

/** The first bare '&' of each text child and attribute value of the tree, read character by character. */
function expectedOffsets(text: string): number[] {
  const out: number[] = [];
  const firstBare = (start: number, end: number) => {
    for (let k = start; k < end; k++) {
      if (text.charCodeAt(k) === 38 && !entityAt(text, k)) return out.push(k);
    }
    return undefined;
  };
  const visit = (el: XmlElement) => {
    for (const a of el.attrs) firstBare(a.valueSpan.start, a.valueSpan.end);
    for (const c of el.children) {
      if (c.kind === 'element') visit(c);
      else if (!text.startsWith('<![CDATA[', c.span.start)) firstBare(c.span.start, c.span.end);
    }
  };
  const root = parseXml(text).root;
  if (root) visit(root);
  return out.sort((a, b) => a - b);
}

describe("XML reader: bare '&'", () => {
  test('the first bare & of each run and value, none in comments or CDATA', () => {
    const text = '<r a="x & y & z" b="&amp;">t &amp; & u & <!-- & --><![CDATA[ & ]]>v &lt; &#65; &bogus; &</r>';
    assert.deepEqual(bareOffsets(text), [8, 35, 79]);
    assert.deepEqual(bareOffsets(text), expectedOffsets(text));
    assert.deepEqual(bareOffsets('<r>&amp;&gt;&quot;&apos;&#x41;</r>'), []);
    assert.deepEqual(bareOffsets('<r>a</r>&'), []);
  });

  test('matches a character-by-character reading on 3,000 generated documents', () => {
    const random = rng(1414);
    const pieces = ['&', '&amp;', '&gt;', '&#65;', '&#x;', '&am', 'a', ' ', '<!-- & -->', '<![CDATA[&]]>', '<e/>', '<e k="&"/>', '<e k="&amp; &"/>', '</x>', '<'];
    let found = 0;
    for (let n = 0; n < 3000; n++) {
      let body = '';
      for (let k = random.int(0, 12); k > 0; k--) body += random.pick(pieces);
      const text = `<r${random.next() < 0.5 ? ' v="' + random.pick(pieces).replace(/[<"]/g, '') + '"' : ''}>${body}</r>`;
      const actual = bareOffsets(text);
      found += actual.length;
      assert.deepEqual(actual, expectedOffsets(text), JSON.stringify(text));
    }
    assert.ok(found > 500, `only ${found} bare '&' found: the generator must produce them`);
  });
});

describe('XML reader: children and attributes of each element', () => {
  /** Element names and text contents, nested as the tree has them. */
  const outline = (text: string, node: XmlElement | XmlText): unknown =>
    node.kind === 'text' ? text.slice(node.span.start, node.span.end) : { [node.name]: node.children.map(c => outline(text, c)) };

  test('elements closed by their end tag, by an outer end tag and by the end of the file', () => {
    const text = '<r><a>1<b>2</a>3<c/><d x="1" y="2">4<e z="3">5';
    const doc = parseXml(text);
    assert.deepEqual(outline(text, doc.root!), { r: [{ a: ['1', { b: ['2'] }] }, '3', { c: [] }, { d: ['4', { e: ['5'] }] }] });
    const d = doc.root!.children[3] as XmlElement;
    assert.deepEqual(d.attrs.map(a => [a.name, a.value]), [['x', '1'], ['y', '2']]);
    assert.deepEqual((d.children[1] as XmlElement).attrs.map(a => [a.name, a.value]), [['z', '3']]);
    assert.deepEqual(doc.problems.map(p => p.message), [
      'element <b> is not closed', 'element <e> is not closed (file truncated?)', 'element <d> is not closed (file truncated?)', 'element <r> is not closed (file truncated?)',
    ]);
  });

  test('siblings after a nested element, and a repeated attribute among many', () => {
    const text = '<r><a><b/><c>t</c></a><a k="v"/></r>';
    assert.deepEqual(outline(text, parseXml(text).root!), { r: [{ a: [{ b: [] }, { c: ['t'] }] }, { a: [] }] });
    const many = '<a ' + Array.from({ length: 20 }, (_, k) => `n${k}="${k}"`).join(' ') + ' n3="x" n19="y"/>';
    const doc = parseXml(many);
    assert.equal(doc.root!.attrs.length, 22);
    assert.deepEqual(doc.problems.map(p => p.message), ['attribute n3 is repeated', 'attribute n19 is repeated']);
  });
});
