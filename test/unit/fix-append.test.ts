// Appends that compose (fix/append.ts, fix/merge.ts): fixes built separately against the same text,
// each appending to one list, merge into one edit whose text is right for any number of items — the
// first element of an empty or absent container, commas, indentation, line endings — while every
// other byte stays, and overlapping edits that are not appends still conflict.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { appendJson } from '../../server/src/fix/append';
import { applyEdits, ChangeBuilder, conflicts, mergeChanges, WorkspaceChange } from '../../server/src/fix/change';
import { parseJson } from '../../server/src/load/json';
import { parseYaml } from '../../server/src/load/yaml';
import { createSourceFile, SourceFile } from '../../server/src/util/text';
import { analyze } from '../../server/src/findings/analyze';
import { appendSchemaInput } from '../../server/src/fix/pad-schema';
import { decodeEntities } from '../../server/src/load/xml';
import { MemoryVfs } from '../../server/src/load/vfs';
import { buildSolutionFiles } from '../support/fixture';
import { DESKTOP } from './fix-specs';

function file(text: string, name = '/t/settings.json'): SourceFile {
  return createSourceFile(name, text);
}

/** One change per value, each built alone against `text`, appended to the array or object at `path`. */
function jsonAppends(f: SourceFile, path: string[], kind: 'array' | 'object', values: Array<{ key?: string; value: unknown }>, before?: string): WorkspaceChange[] {
  const root = parseJson(f.text).root;
  return values.map(v => {
    const b = new ChangeBuilder();
    assert.ok(appendJson(b, f, root, path, kind, v.value, { key: v.key, before }));
    return b.build();
  });
}

/** Merges the changes (all must be accepted) and returns the file's new text. */
function mergedText(f: SourceFile, changes: WorkspaceChange[]): string {
  const merged = mergeChanges(changes);
  assert.deepEqual(merged.skipped, [], 'every append composes');
  const edits = merged.change.files.find(x => x.path === f.path)?.edits ?? [];
  assert.ok(edits.length <= 1 || new Set(edits.map(e => e.span.start)).size === edits.length);
  return applyEdits(f.text, edits);
}

const entry = (n: number) => ({ value: { SchemaName: `cnt_V${n}`, Value: '' } });

describe('appends compose', () => {
  for (const existing of [0, 1, 3]) {
    for (const count of [1, 2, 5]) {
      test(`${count} appends to an array with ${existing} element(s)`, () => {
        const start = { EnvironmentVariables: Array.from({ length: existing }, (_, i) => ({ SchemaName: `cnt_Old${i}`, Value: 'x' })), ConnectionReferences: [] };
        const f = file(JSON.stringify(start, null, 2));
        const text = mergedText(f, jsonAppends(f, ['EnvironmentVariables'], 'array', Array.from({ length: count }, (_, i) => entry(i))));
        const expected = { ...start, EnvironmentVariables: [...start.EnvironmentVariables, ...Array.from({ length: count }, (_, i) => entry(i).value)] };
        // Exactly what a pretty printer writes: separators and indentation right, nothing else moved.
        assert.equal(text, JSON.stringify(expected, null, 2));
      });
    }
  }

  test('an absent array is created once, before the member it must precede, holding every item', () => {
    const f = file('{\n    "ConnectionReferences": [\n        {"LogicalName": "a"}\n    ]\n}\n');
    const text = mergedText(f, jsonAppends(f, ['EnvironmentVariables'], 'array', [entry(1), entry(2)], 'ConnectionReferences'));
    assert.equal(text, '{\n    "EnvironmentVariables": [\n        {\n            "SchemaName": "cnt_V1",\n            "Value": ""\n        },\n        {\n            "SchemaName": "cnt_V2",\n            "Value": ""\n        }\n    ],\n    "ConnectionReferences": [\n        {"LogicalName": "a"}\n    ]\n}\n');
  });

  test('an absent array as the last member, and in an empty object', () => {
    for (const start of ['{\n  "A": 1\n}', '{}', '{\n}']) {
      const f = file(start);
      const text = mergedText(f, jsonAppends(f, ['EnvironmentVariables'], 'array', [entry(1), entry(2)]));
      assert.deepEqual(JSON.parse(text), { ...JSON.parse(start), EnvironmentVariables: [entry(1).value, entry(2).value] }, text);
      assert.deepEqual(parseJson(text).problems, []);
    }
  });

  test('CRLF, tabs and a minified file keep their style', () => {
    const crlf = file('{\r\n\t"EnvironmentVariables": [\r\n\t\t{ "SchemaName": "cnt_A", "Value": "" }\r\n\t]\r\n}\r\n');
    const t1 = mergedText(crlf, jsonAppends(crlf, ['EnvironmentVariables'], 'array', [entry(1), entry(2)]));
    assert.ok(!/[^\r]\n/.test(t1), 'only CRLF');
    assert.ok(t1.includes('},\r\n\t\t{\r\n\t\t\t"SchemaName": "cnt_V1",'), t1);
    assert.equal(t1.slice(0, crlf.text.indexOf('}') + 1), crlf.text.slice(0, crlf.text.indexOf('}') + 1), 'the bytes before the append are untouched');
    const min = file('{"EnvironmentVariables":[],"ConnectionReferences":[]}');
    assert.equal(mergedText(min, jsonAppends(min, ['EnvironmentVariables'], 'array', [entry(1), entry(2)])), '{"EnvironmentVariables":[{"SchemaName":"cnt_V1","Value":""},{"SchemaName":"cnt_V2","Value":""}],"ConnectionReferences":[]}');
  });

  test('object members compose; the same member twice is kept once; one key with two values conflicts', () => {
    const f = file('{\n  "parameters": {\n    "$connections": {}\n  }\n}', '/t/flow.json');
    const [a, b, same, clash] = jsonAppends(f, ['parameters'], 'object', [
      { key: 'A (cnt_A)', value: { type: 'String' } },
      { key: 'B (cnt_B)', value: { type: 'String' } },
      { key: 'A (cnt_A)', value: { type: 'String' } },
      { key: 'A (cnt_A)', value: { type: 'Int' } },
    ]);
    const text = mergedText(f, [a, b, same]);
    assert.deepEqual(Object.keys(JSON.parse(text).parameters), ['$connections', 'A (cnt_A)', 'B (cnt_B)']);
    assert.match(conflicts(mergeChanges([a, b]).change, clash)!, /overlapping edits/);
  });

  test('an append and a plain edit at the same place conflict; a plain edit elsewhere does not', () => {
    const f = file('{\n  "EnvironmentVariables": [\n    {"SchemaName": "cnt_A", "Value": ""}\n  ]\n}');
    const [append] = jsonAppends(f, ['EnvironmentVariables'], 'array', [entry(1)]);
    const end = f.text.indexOf('}') + 1;
    const touching = new ChangeBuilder();
    touching.insert(f, end, ' ');
    assert.ok(conflicts(append, touching.build()));
    const elsewhere = new ChangeBuilder();
    elsewhere.replace(f, { start: f.text.indexOf('""') + 1, end: f.text.indexOf('""') + 1 }, 'x');
    assert.equal(conflicts(append, elsewhere.build()), undefined);
  });

  test('one fix creating two absent arrays at one place gets one valid edit', () => {
    const f = file('{\n  "Other": 1\n}');
    const root = parseJson(f.text).root;
    const b = new ChangeBuilder();
    assert.ok(appendJson(b, f, root, ['ConnectionReferences'], 'array', { LogicalName: 'cnt_dv' }));
    assert.ok(appendJson(b, f, root, ['EnvironmentVariables'], 'array', entry(1).value, { before: 'ConnectionReferences' }));
    const edits = b.build().files[0].edits;
    assert.equal(edits.length, 1);
    assert.deepEqual(JSON.parse(applyEdits(f.text, edits)), { Other: 1, ConnectionReferences: [{ LogicalName: 'cnt_dv' }], EnvironmentVariables: [entry(1).value] });
  });

  test('an item may forbid a key: a fix that removes a variable blocks another marking it sensitive', () => {
    const script = file('@SENSITIVE: [A]', '/t/script.txt');
    const at = script.text.indexOf(']');
    const slot = { id: '@SENSITIVE', open: ', ', separator: ', ', close: '' };
    const change = (item: { key: string; text: string; forbids?: string[] }) => {
      const b = new ChangeBuilder();
      b.append(script, { start: at, end: at }, slot, item);
      return b.build();
    };
    const credential = change({ key: 'erpcredential', text: 'ErpCredential', forbids: ['erppassword'] });
    assert.ok(conflicts(credential, change({ key: 'erppassword', text: 'ErpPassword' })));
    assert.equal(mergedText(script, [credential, change({ key: 'other', text: 'Other' })]), '@SENSITIVE: [A, ErpCredential, Other]');
  });

  for (const inputs of [DESKTOP.desktopFlows![0].inputs, []]) {
    test(`a desktop flow's <Inputs> schema (${inputs!.length ? 'with inputs' : 'null'}): two new inputs join one edit`, () => {
      const files = buildSolutionFiles({ ...DESKTOP, desktopFlows: [{ ...DESKTOP.desktopFlows![0], inputs }] });
      const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [`/s/${p}`, c])));
      const df = analyze(['/s'], { vfs }).workspace.solutions[0].desktopFlows[0];
      const changes = ['Input_A', 'Input_B'].map(name => {
        const b = new ChangeBuilder();
        appendSchemaInput(b, df, name, `The "${name}" value`);
        return b.build();
      });
      const text = mergedText(df.metadataFile, changes);
      const schema = JSON.parse(decodeEntities(/<Inputs>(.*)<\/Inputs>/s.exec(text)![1]));
      assert.deepEqual(Object.keys(schema.schema.properties), [...inputs!.map(i => i.name), 'Input_A', 'Input_B']);
      assert.equal(schema.schema.properties.Input_B.description, 'The "Input_B" value');
    });
  }

  test('the order is the order of merging, and merging is deterministic', () => {
    const f = file('{"L": [1]}');
    const changes = jsonAppends(f, ['L'], 'array', [{ value: 3 }, { value: 2 }, { value: 4 }]);
    assert.equal(mergedText(f, changes), '{"L": [1,3,2,4]}');
    assert.equal(mergedText(f, [...changes].reverse()), '{"L": [1,4,2,3]}');
  });

  test('XML: root components after the last one, with its indentation and line ending', () => {
    const xml = '<RootComponents>\r\n      <RootComponent type="380" schemaName="cnt_A" behavior="0" />\r\n    </RootComponents>';
    const f = file(xml, '/t/Solution.xml');
    const at = xml.indexOf('/>') + 2;
    const slot = { id: 'xml:RootComponents/380', open: '\r\n      ', separator: '\r\n      ', close: '' };
    const changes = ['cnt_B', 'cnt_C'].map(n => {
      const b = new ChangeBuilder();
      b.append(f, { start: at, end: at }, slot, { key: n.toLowerCase(), text: `<RootComponent type="380" schemaName="${n}" behavior="0" />` });
      return b.build();
    });
    assert.equal(mergedText(f, changes), '<RootComponents>\r\n      <RootComponent type="380" schemaName="cnt_A" behavior="0" />\r\n      <RootComponent type="380" schemaName="cnt_B" behavior="0" />\r\n      <RootComponent type="380" schemaName="cnt_C" behavior="0" />\r\n    </RootComponents>');
  });

  test('YAML: a one-entry mapping becomes a list holding every appended folder', () => {
    const yml = "SolutionComponents:\r\n  Component:\r\n    '@path': /modernflows/x\r\n";
    const f = file(yml, '/t/solutioncomponents.yml');
    const span = { start: yml.indexOf('Component:') + 'Component:'.length, end: yml.lastIndexOf('\r\n') };
    const slot = { id: 'yaml:SolutionComponents/Component', open: "\r\n  - '@path': /modernflows/x\r\n", separator: '\r\n', close: '' };
    const changes = ['/a', '/b'].map(p => {
      const b = new ChangeBuilder();
      b.append(f, span, slot, { key: p, text: `  - '@path': ${p}` });
      return b.build();
    });
    const text = mergedText(f, changes);
    assert.equal(text, "SolutionComponents:\r\n  Component:\r\n  - '@path': /modernflows/x\r\n  - '@path': /a\r\n  - '@path': /b\r\n");
    assert.deepEqual(parseYaml(text).problems, []);
  });
});
