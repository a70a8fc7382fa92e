// String literals are decoded with one text-part builder and one stack of parts for the whole script; a string
// inside an interpolation is decoded while the string around it is between two parts. These hold the parts of
// both (values, spans, escape offsets) to what the text says, and strings after them to a fresh start.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Expr, StringLit } from '../../server/src/model/pad-ast';
import { parseScript } from '../../server/src/load/pad/parser';

function setValue(text: string, line = 0): Expr {
  const ast = parseScript(text);
  assert.deepEqual(ast.problems, []);
  const stmt = ast.body[line];
  assert.equal(stmt.kind, 'set');
  return (stmt as Extract<typeof stmt, { kind: 'set' }>).value;
}

test('a $\'\'\' string inside ${…} of a $fx string: both keep their own parts', () => {
  //           0         1         2         3
  //           0123456789012345678901234567890123456
  const text = "SET x TO $fx'p\\'${ $'''q\\\\%y%r''' }s'";
  const outer = setValue(text) as StringLit;
  assert.equal(outer.kind, 'string');
  assert.deepEqual(outer.parts.map(p => p.kind), ['text', 'interpolation', 'text']);
  assert.deepEqual(outer.parts[0], { kind: 'text', value: "p'", span: { start: 13, end: 16 }, offsets: [13, 14] });
  assert.deepEqual(outer.parts[2], { kind: 'text', value: 's', span: { start: 35, end: 36 } });
  const interpolation = outer.parts[1];
  assert.equal(interpolation.kind, 'interpolation');
  assert.deepEqual(interpolation.span, { start: 16, end: 35 });
  const inner = interpolation.kind === 'interpolation' ? (interpolation.expr as StringLit) : undefined;
  assert.equal(inner?.form, 'interpolated');
  assert.deepEqual(inner?.parts, [
    { kind: 'text', value: 'q\\', span: { start: 23, end: 26 }, offsets: [23, 24] },
    { kind: 'interpolation', expr: { kind: 'var', span: { start: 27, end: 28 }, name: 'y' }, span: { start: 26, end: 29 } },
    { kind: 'text', value: 'r', span: { start: 29, end: 30 } },
  ]);
  assert.equal(inner?.value, undefined);
  assert.equal(outer.value, undefined);
});

test('strings after an escaped or interpolated one start afresh', () => {
  const text = ["SET a TO 'x\\'y'", "SET b TO 'plain'", "SET c TO $'''%a%\\\\b'''", "SET d TO $'''text'''", "SET e TO ''"].join('\n');
  const values = [0, 1, 2, 3, 4].map(k => setValue(text, k) as StringLit);
  assert.equal(values[0].value, "x'y");
  // x at 10, \' at 11–12, y at 13
  assert.deepEqual(values[0].parts[0].kind === 'text' ? values[0].parts[0].offsets : undefined, [10, 11, 13]);
  const plain = text.indexOf('plain');
  assert.deepEqual(values[1].parts, [{ kind: 'text', value: 'plain', span: { start: plain, end: plain + 5 } }]);
  assert.equal(values[1].value, 'plain');
  assert.deepEqual(values[2].parts.map(p => p.kind), ['interpolation', 'text']);
  const escaped = text.indexOf('\\\\b');
  assert.deepEqual(values[2].parts[1], { kind: 'text', value: '\\b', span: { start: escaped, end: escaped + 3 }, offsets: [escaped, escaped + 2] });
  const plainText = text.indexOf("text'''");
  assert.deepEqual(values[3].parts, [{ kind: 'text', value: 'text', span: { start: plainText, end: plainText + 4 } }]);
  assert.equal(values[3].value, 'text');
  assert.deepEqual(values[4].parts, []);
  assert.equal(values[4].value, '');
});
