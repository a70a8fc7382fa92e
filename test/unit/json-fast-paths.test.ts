// The fast paths of JSON loading (issue 14) give the answers of the plain forms they replaced: the strict
// parser (load/json-strict.ts) builds exactly the tree jsonc-parser builds and gives up on every text
// jsonc-parser finds a problem in (so problems keep coming from the tolerant path); pointerOf and
// stringOffsets agree with straightforward oracles.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Node as JsonNode, ParseError, parseTree } from 'jsonc-parser';
import { parseJson, pointerOf, stringOffsets } from '../../server/src/load/json';
import { parseStrictJson } from '../../server/src/load/json-strict';
import { corpusPath } from '../support/corpus';
import { loadCloudFlow } from '../../server/src/load/cloudflow';
import { createSourceFile } from '../../server/src/util/text';
import { generator } from '../support/random-text';

/** jsonc-parser's tree and errors, with the options parseJson uses. */
function oracle(text: string): { root?: JsonNode; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  return { root, errors };
}

/** A plain copy of a tree (no parent cycles), checking on the way that each child points at its parent. */
function plain(node: JsonNode | undefined, parent?: JsonNode): unknown {
  if (!node) return node;
  assert.equal(node.parent, parent, `parent link of the ${node.type} at ${node.offset}`);
  return {
    type: node.type, offset: node.offset, length: node.length, colonOffset: node.colonOffset,
    value: Object.is(node.value, -0) ? '-0' : node.value,
    children: node.children?.map(c => plain(c, node)),
  };
}

function assertSameAsOracle(text: string, label = JSON.stringify(text).slice(0, 80)): void {
  const expected = oracle(text);
  const strict = parseStrictJson(text);
  if (expected.errors.length) {
    assert.equal(strict, undefined, `strict path accepts invalid ${label}`);
    return;
  }
  assert.ok(strict, `strict path gives up on valid ${label}`);
  assert.deepEqual(plain(strict), plain(expected.root), label);
}


const PIECES = ['{', '}', '[', ']', ',', ':', ' ', '\n', '\r\n', '\t', '"a"', '"k\\"q"', '"\\u00e9\\n"', '"\\x"', '"\\u12"', '"tab\there"', '1', '-0', '0.5',
  '1e5', '-2.5E-3', '01', '1.', '.5', '-', 'true', 'false', 'null', 'nul', 'truex', '/*c*/', '//c\n', '\u00a0', '"@{x}"', '"é😀"', '"\ud800"'];

describe('strict JSON fast path', () => {
  test('hand-picked values: the same tree as jsonc-parser, or a give-up where it reports a problem', () => {
    const cases = [
      '{}', '[]', ' { } ', '{"a":1}', '{"a" : [1, 2.5, -0, 1e3, true, false, null, "s"]}', '{"":{"":""}}',
      '"just a string"', '42', 'null', '{"esc":"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0041\\ud83d\\ude00"}', '{"lone":"\\ud800x"}',
      '{"a":1,}', '[1,]', '{"a":1 "b":2}', '{a:1}', "{'a':1}", '{"a":01}', '{"a":1.}', '{"a":.5}', '{"a":-}', '{"a":+1}',
      '{"a":tru}', '{"a":truex}', '{"a":1x}', '{"a":"line\nbreak"}', '{"a":"ctl\u0001"}', '{"a":"\\q"}', '{"a":"\\u12G4"}',
      '{"a":1}/*c*/', '{"a":1}//c', '// c\n{}', '{"a":1} x', '', '   ', '{"a":', '{"a":"open', '[1,2', '\u00a0{}', '{}\u2028',
      '{"a":1e}', '{"a":1e+}', '{"a":-01}', '{"a":NaN}', '[[[[[]]]]]', '{"a":{"b":{"c":[{"d":"e"}]}}}',
    ];
    for (const text of cases) assertSameAsOracle(text);
  });

  test('generated texts: the same tree as jsonc-parser, or a give-up where it reports a problem', () => {
    const next = generator(14);
    let valid = 0;
    for (let n = 0; n < 4000; n++) {
      let text = '';
      for (let k = next(24); k >= 0; k--) text += PIECES[next(PIECES.length)];
      assertSameAsOracle(text);
      // Mostly invalid by construction: also a valid variant built with JSON.stringify.
      const value = JSON.parse(JSON.stringify({ t: text, n: [next(1000) / 7, -next(5)], o: { [text]: [text, null, true] } }));
      const valid1 = JSON.stringify(value, null, next(3) === 0 ? undefined : next(4));
      assertSameAsOracle(valid1);
      valid++;
    }
    assert.equal(valid, 4000);
  });

  test('short strings (shared within a file) are never confused with look-alikes', () => {
    // Same length, same first, middle and last characters: look-alikes for a table keyed on those.
    const keys = ['aXbYa', 'aYbXa', 'aZbZa', 'aXbYa', 'a\\u0058bYa', 'aYbXa', ''];
    const values = ['Succeeded', 'Succeeded', 'Failed', 'x'.repeat(40), 'x'.repeat(41), 'y'.repeat(40), 'Succeeded'];
    const text = JSON.stringify(keys.map((k, i) => ({ [k]: values[i], v: values[i] }))).replace(/a\\\\u0058/g, 'a\\u0058');
    assert.ok(text.includes('"a\\u0058bYa"'), 'one key is written with an escape');
    assertSameAsOracle(text);
    const root = parseStrictJson(text)!;
    const pairs = root.children!.map(o => o.children![0].children!.map(n => n.value));
    assert.deepEqual(pairs.map(p => p[0]), ['aXbYa', 'aYbXa', 'aZbZa', 'aXbYa', 'aXbYa', 'aYbXa', '']);
    assert.deepEqual(pairs.map(p => p[1]), values);
    // Another file right after: its own values (the table holds nothing from the previous file).
    assertSameAsOracle(JSON.stringify({ aXbYa: 'Succeedex', aYbXa: 'aZbZa' }));
  });

  test('nesting past the cap is left to the tolerant path, which refuses it with a problem', () => {
    const deep = '['.repeat(600) + ']'.repeat(600);
    assert.equal(parseStrictJson(deep), undefined);
    const parsed = parseJson(deep);
    assert.equal(parsed.root, undefined);
    assert.match(parsed.problems[0].message, /nested more than/);
  });

  test('every JSON file of the real corpus: the same tree as jsonc-parser', t => {
    const corpus = corpusPath();
    if (!corpus) return t.skip('../shared/corpus is not beside the checkout');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.json')) files.push(p);
      }
    };
    walk(corpus);
    assert.ok(files.length > 50, `found ${files.length} JSON files`);
    for (const file of files) assertSameAsOracle(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), file);
  });
});

describe('pointerOf and stringOffsets', () => {
  /** RFC 6901 pointers of every node, built top-down as the RFC describes them. */
  function pointersTopDown(node: JsonNode, pointer: string, out: Map<JsonNode, string>): void {
    out.set(node, pointer);
    if (node.type === 'object') for (const p of node.children ?? []) pointersTopDown(p.children![1], `${pointer}/${String(p.children![0].value).replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
    if (node.type === 'array') (node.children ?? []).forEach((c, k) => pointersTopDown(c, `${pointer}/${k}`, out));
  }

  test('pointerOf gives every node its RFC 6901 pointer, escaped names included', () => {
    const root = parseJson(JSON.stringify({ a: [1, { 'b/c': { 'x~y': [true, 'z'] } }], '': { '~/': null }, plain: { deeper: ['v'] } })).root!;
    const expected = new Map<JsonNode, string>();
    pointersTopDown(root, '', expected);
    assert.equal(expected.size, 13);
    for (const [node, pointer] of expected) assert.equal(pointerOf(node), pointer);
    assert.ok([...expected.values()].includes('/a/1/b~1c/x~0y/1'));
  });

  test('stringOffsets maps each decoded unit of a string value to its place in the file', () => {
    const text = JSON.stringify({ plain: 'abc', escaped: 'a"b\\c\n\u00e9😀', empty: '' }).replace('é', '\\u00e9');
    const root = parseJson(text).root!;
    for (const property of root.children!) {
      const node = property.children![1];
      const value = node.value as string;
      const offsets = stringOffsets(text, node, value.length)!;
      assert.equal(offsets.length, value.length + 1);
      // Oracle: decoding the file text from each unit's offset to the next gives exactly that unit.
      for (let k = 0; k < value.length; k++) {
        const raw = text.slice(offsets.at(k), offsets.at(k + 1));
        assert.equal(JSON.parse(`"${raw}"`), value[k], `${property.children![0].value}[${k}]`);
        assert.equal(offsets.indexOf(offsets.at(k)), k);
      }
      assert.equal(offsets.at(value.length), node.offset + node.length - 1);
      assert.equal(offsets.indexOf(node.offset + node.length + 5), -1);
    }
  });
});

describe('parameter uses of a cloud flow', () => {
  /** The plain form: every string node of the definition but its `parameters`, in document order, matched in full. */
  function usesByWalk(text: string): Array<{ name: string; start: number; end: number }> {
    const root = parseJson(text).root!;
    const definition = root.children!.find(p => p.children![0].value === 'properties')!.children![1].children!.find(p => p.children![0].value === 'definition')!.children![1];
    const skip = definition.children!.find(p => p.children![0].value === 'parameters')?.children![1];
    const out: Array<{ name: string; start: number; end: number }> = [];
    const visit = (node: JsonNode) => {
      if (node === skip) return;
      if (node.type === 'string') {
        for (const m of text.slice(node.offset, node.offset + node.length).matchAll(/parameters\(\s*'((?:[^']|'')*)'\s*\)/g)) {
          const name = m[1].replace(/''/g, "'");
          if (!name.startsWith('$')) out.push({ name, start: node.offset + m.index!, end: node.offset + m.index! + m[0].length });
        }
      }
      for (const c of node.children ?? []) visit(c);
    };
    visit(definition);
    return out;
  }

  test('found from each occurrence in the text: the same uses, in the same order, as a walk over every string', () => {
    const next = generator(7);
    const pieces = ["@parameters('Env (cr1_env)')", "parameters('a''b')", "parameters('$connections')", 'parameters(', "x parameters( 'sp' ) y", 'plain', "@{parameters('p')}/@{parameters('q')}", "parameters(parameters('r''s'))"];
    const value = (depth: number): unknown => {
      const r = next(6);
      if (depth > 3 || r === 0) return pieces[next(pieces.length)];
      if (r === 1) return [value(depth + 1), value(depth + 1)];
      if (r === 2) return next(10);
      return { [pieces[next(pieces.length)]]: value(depth + 1), inputs: value(depth + 1) };
    };
    let total = 0;
    for (let n = 0; n < 300; n++) {
      const definition = {
        parameters: { [pieces[next(pieces.length)]]: { defaultValue: pieces[next(pieces.length)] } },
        triggers: { manual: { type: 'Request', inputs: value(0) } },
        actions: { A: { type: 'Compose', inputs: value(0), actions: { B: { type: 'Compose', inputs: value(0) } } }, C: { type: 'Compose', inputs: value(0) } },
      };
      const text = JSON.stringify({ properties: { definition } }, null, next(2) ? 2 : undefined);
      const flow = loadCloudFlow(createSourceFile('/f.json', text), { id: 'x', name: 'x' }).flow!;
      const expected = usesByWalk(text);
      assert.deepEqual(flow.parameterUses.map(u => ({ name: u.name, start: u.loc.span.start, end: u.loc.span.end })), expected);
      for (const u of flow.parameterUses) {
        const holder = flow.actions.concat(flow.triggers).filter(a => u.loc.span.start >= a.node.offset && u.loc.span.start < a.node.offset + a.node.length).pop();
        assert.equal(u.action?.name, holder?.name);
      }
      total += expected.length;
    }
    assert.ok(total > 300, `${total} uses generated`);
  });

  test('several uses in one string, a bare `parameters(` before a use, quotes doubled: each use once, in order', () => {
    const pick = generator(11);
    const pieces = ["parameters('a')", 'parameters(', "parameters('b''c')", ' x ', "@{parameters('$connections')}", "parameters( 'd' )", 'parameters(parameters('];
    const text = (n: number) => Array.from({ length: n }, () => pieces[pick(pieces.length)]).join('');
    let several = 0;
    for (let n = 0; n < 200; n++) {
      const definition = {
        parameters: { p: { defaultValue: text(3) } },
        actions: { A: { type: 'Compose', inputs: { [text(2)]: text(1 + pick(6)), list: [text(4), text(1)] } }, B: { type: 'Compose', inputs: text(5) } },
      };
      const source = JSON.stringify({ properties: { definition } });
      const flow = loadCloudFlow(createSourceFile('/f.json', source), { id: 'x', name: 'x' }).flow!;
      const expected = usesByWalk(source);
      assert.deepEqual(flow.parameterUses.map(u => ({ name: u.name, start: u.loc.span.start, end: u.loc.span.end })), expected);
      several += expected.length - new Set(expected.map(u => stringHolding(source, u.start))).size;
    }
    assert.ok(several > 100, `${several} uses after another in the same string`);
  });

  /** Offset of the opening quote of the JSON string holding `offset` (strings here hold no escaped quote). */
  function stringHolding(text: string, offset: number): number {
    return text.lastIndexOf('"', offset);
  }
});

describe('actions of a cloud flow', () => {
  /** The plain form: every action object under actions, else, cases and default, depth first, in document order. */
  function actionsByWalk(container: JsonNode | undefined, parent: string | null, out: Array<[string, string | null, string]>): void {
    for (const property of container?.type === 'object' ? container.children ?? [] : []) {
      const [key, value] = property.children!;
      if (value.type !== 'object') continue;
      const name = String(key.value);
      out.push([name, parent, pointerOf(value)]);
      const child = (node: JsonNode | undefined, k: string) => node?.children?.find(p => p.children![0].value === k)?.children![1];
      actionsByWalk(child(value, 'actions'), name, out);
      actionsByWalk(child(child(value, 'else'), 'actions'), name, out);
      for (const c of child(value, 'cases')?.children ?? []) actionsByWalk(child(c.children![1], 'actions'), name, out);
      actionsByWalk(child(child(value, 'default'), 'actions'), name, out);
    }
  }

  test('every action with its parent and its JSON pointer (names with ~ and / escaped), as a walk finds them', () => {
    const definition = {
      triggers: { 'When a/b ~ arrives': { type: 'Request' }, odd: 'not an object' },
      actions: {
        Scope: { type: 'Scope', actions: { 'Inner/1': { type: 'Compose' }, skipped: 42 } },
        Condition: { type: 'If', actions: { Yes: { type: 'Compose' } }, else: { actions: { 'No~': { type: 'Compose' } } } },
        Switch: {
          type: 'Switch',
          cases: { 'Case 1': { actions: { One: { type: 'Compose', actions: { Deep: { type: 'Compose' } } } } }, Empty: {} },
          default: { actions: { Other: { type: 'Compose' } } },
        },
      },
    };
    const text = JSON.stringify({ properties: { definition } }, null, 2);
    const flow = loadCloudFlow(createSourceFile('/f.json', text), { id: 'x', name: 'x' }).flow!;
    const root = parseJson(text).root!;
    const def = root.children![0].children![1].children![0].children![1];
    const expected: Array<[string, string | null, string]> = [];
    actionsByWalk(def.children!.find(p => p.children![0].value === 'actions')!.children![1], null, expected);
    assert.deepEqual(flow.actions.map(a => [a.name, a.parent?.name ?? null, a.pointer]), expected);
    assert.ok(expected.some(([, , pointer]) => pointer === '/properties/definition/actions/Scope/actions/Inner~11'));
    assert.equal(expected.length, 9);
    // Triggers: every property, object or not, with its pointer.
    assert.deepEqual(flow.triggers.map(t => [t.name, t.pointer, t.trigger]), [
      ['When a/b ~ arrives', '/properties/definition/triggers/When a~1b ~0 arrives', true],
      ['odd', '/properties/definition/triggers/odd', true],
    ]);
  });
});
