// flowcop/matrixEdit: the minimal text edits of a matrix action on a settings file — add an entry, replace
// a value, remove an entry with its comma, rename one — on files written every way (CRLF with a BOM and
// 4 spaces, tabs, one line, empty lists, no list at all, lower-case keys): every other byte stays, the
// result parses, and (in a session) the cell the action came from becomes ok. Bad input: a file with a
// syntax error, a plain value for a Secret (never echoed), a file that is no settings file.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { matrixEdits } from '../../server/src/lsp/matrix-edit';
import type { MatrixEditParams } from '../../server/src/lsp/protocol';
import { pathToUri } from '../../server/src/lsp/uri';
import { writeFixture } from '../support/fixture';
import { tempDir } from './fix-support';
import { applyTextEdits, cellIn, solutionNamed, startSession } from './lsp-matrix-support';

const CRLF_4 = [
  '{',
  '    "EnvironmentVariables": [',
  '        {',
  '            "SchemaName": "cr_Url",',
  '            "Value": "https://erp.contoso.com"',
  '        },',
  '        {',
  '            "SchemaName": "cr_Folder",',
  '            "Value": ""',
  '        }',
  '    ],',
  '    "ConnectionReferences": []',
  '}',
].join('\r\n');
const TABS = CRLF_4.replace(/\r\n/g, '\n').replace(/ {4}/g, '\t');
const ONE_LINE = '{"EnvironmentVariables":[{"SchemaName":"cr_Url","Value":"https://erp.contoso.com"},{"SchemaName":"cr_Folder","Value":""}],"ConnectionReferences":[]}';
const LOWER = CRLF_4.replace(/\r\n/g, '\n').replace('"EnvironmentVariables"', '"environmentVariables"').replace(/"SchemaName"/g, '"schemaName"').replace(/"Value"/g, '"value"');
const EMPTY = '{\n  "EnvironmentVariables": [],\n  "ConnectionReferences": []\n}\n';
const NO_LIST = '{\n  "ConnectionReferences": []\n}\n';

const FILES: Record<string, string> = { 'CRLF, 4 spaces': CRLF_4, tabs: TABS, 'one line': ONE_LINE, 'lower-case keys': LOWER, 'empty lists': EMPTY, 'no list': NO_LIST };

const ev = (action: MatrixEditParams['action'], name: string, more: Partial<MatrixEditParams> = {}): MatrixEditParams => ({ file: '/x/deploymentSettings.json', kind: 'environmentVariable', name, action, ...more });

/** The file's variables after the edit, as { name: value }, whatever the keys' case. */
function variables(text: string): Record<string, unknown> {
  const json = JSON.parse(text) as Record<string, unknown>;
  const list = Object.entries(json).find(([k]) => k.toLowerCase() === 'environmentvariables')?.[1] as Array<Record<string, unknown>> | undefined;
  const field = (o: Record<string, unknown>, k: string) => Object.entries(o).find(([key]) => key.toLowerCase() === k)?.[1];
  return Object.fromEntries((list ?? []).map(o => [field(o, 'schemaname'), field(o, 'value')]));
}

function edited(text: string, params: MatrixEditParams): string {
  const result = matrixEdits(text, params, {}, 'deploymentSettings.json');
  assert.ok('edits' in result, 'error' in result ? result.error : '');
  assert.equal(result.edits.length, 1, 'one edit');
  return applyTextEdits(text, result.edits);
}

/** The file's own way: its line ending everywhere, its indentation unit on the lines the edit added. */
function assertStyle(name: string, before: string, after: string): void {
  if (before.includes('\r\n')) assert.ok(!/[^\r]\n/.test(after), `${name}: CRLF kept`);
  else assert.ok(!after.includes('\r'), `${name}: LF kept`);
  if (before.includes('\t')) assert.ok(!/\n +\S/.test(after), `${name}: tabs kept`);
  if (!before.includes('\n')) assert.ok(!after.includes('\n'), `${name}: one line kept`);
  if (before.includes('"schemaName"')) assert.ok(!after.includes('"SchemaName"') && !after.includes('"Value"'), `${name}: key spelling kept`);
}

describe('matrixEdit on text', () => {
  for (const [name, text] of Object.entries(FILES)) {
    const has = (n: string) => n in variables(text);
    test(`${name}: add, replace, remove, rename`, () => {
      const added = edited(text, ev('set', 'cr_Region', { value: 'west"europe\\' }));
      assert.deepEqual(variables(added), { ...variables(text), cr_Region: 'west"europe\\' });
      assertStyle(name, text, added);
      assert.ok(added.startsWith(text.slice(0, text.indexOf('[') + 1)), 'the text before the list stays');
      if (!has('cr_Folder')) return;
      const replaced = edited(text, ev('set', 'cr_Folder', { value: 'Archive' }));
      assert.equal(replaced, text.replace(/("[Vv]alue":\s*)""/, '$1"Archive"'), 'only the value changes');
      const removed = edited(text, ev('remove', 'cr_Folder'));
      const { cr_Folder: _gone, ...rest } = variables(text);
      assert.deepEqual(variables(removed), rest);
      assertStyle(name, text, removed);
      const removedFirst = edited(text, ev('remove', 'cr_Url'));
      assert.deepEqual(Object.keys(variables(removedFirst)), ['cr_Folder']);
      const removedBoth = edited(removedFirst, ev('remove', 'cr_Folder'));
      assert.deepEqual(variables(removedBoth), {});
      assert.match(removedBoth, /"[Ee]nvironmentVariables":\s*\[\]/, 'the last entry leaves an empty list');
      const renamed = edited(text, ev('rename', 'cr_folder', { newName: 'cr_Folder2' }));
      assert.equal(renamed, text.replace('"cr_Folder"', '"cr_Folder2"'));
    });
  }

  test('golden: a new entry in a CRLF 4-space file and in a tab file', () => {
    assert.equal(edited(CRLF_4, ev('set', 'cr_Region', { value: 'westeurope' })), CRLF_4.replace(
      '        }\r\n    ],',
      '        },\r\n        {\r\n            "SchemaName": "cr_Region",\r\n            "Value": "westeurope"\r\n        }\r\n    ],'));
    assert.equal(edited(TABS, ev('set', 'cr_Region', { value: 'westeurope' })), TABS.replace(
      '\t\t}\n\t],',
      '\t\t},\n\t\t{\n\t\t\t"SchemaName": "cr_Region",\n\t\t\t"Value": "westeurope"\n\t\t}\n\t],'));
    assert.equal(edited(EMPTY, ev('set', 'cr_Region', { value: 'westeurope' })),
      '{\n  "EnvironmentVariables": [\n    {\n      "SchemaName": "cr_Region",\n      "Value": "westeurope"\n    }\n  ],\n  "ConnectionReferences": []\n}\n');
  });

  test('a connection reference entry gets the reference\'s ConnectorId', () => {
    const params: MatrixEditParams = { file: '/x/d.json', kind: 'connectionReference', name: 'cr_sp', action: 'set', value: 'conn-1' };
    const result = matrixEdits(EMPTY, params, { connectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' }, 'd.json');
    assert.ok('edits' in result);
    const json = JSON.parse(applyTextEdits(EMPTY, result.edits)) as { ConnectionReferences: unknown[] };
    assert.deepEqual(json.ConnectionReferences, [{ LogicalName: 'cr_sp', ConnectionId: 'conn-1', ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' }]);
  });

  const refused: Array<[string, string, MatrixEditParams, Parameters<typeof matrixEdits>[2], RegExp]> = [
    ['a syntax error', '{\n  "EnvironmentVariables": [\n    { "SchemaName": "cr_Url", "Value": "x" }\n  \n}', ev('set', 'cr_Url', { value: 'y' }), {}, /^deploymentSettings\.json:5:1: invalid JSON/],
    ['an empty value', CRLF_4, ev('set', 'cr_Url', { value: '  ' }), {}, /a value is needed/],
    ['a plain value for a Secret', CRLF_4, ev('set', 'cr_Url', { value: 'Hunter2!Secret' }), { variable: { kind: 'Secret', holdsSecret: true } }, /Key Vault secret reference/],
    ['an unfilled template for a Secret', CRLF_4, ev('set', 'cr_Url', { value: '/subscriptions/<subscription-id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<v>/secrets/<s>' }), { variable: { kind: 'Secret', holdsSecret: true } }, /fill in/],
    ['a password in a text value', CRLF_4, ev('set', 'cr_Url', { value: 'Server=db;User Id=sa;Password=Hunter2!Secret;' }), {}, /holds a secret/],
    ['a rename onto another entry', CRLF_4, ev('rename', 'cr_Url', { newName: 'CR_FOLDER' }), {}, /already has an entry/],
    ['removing what is not there', CRLF_4, ev('remove', 'cr_Nothing'), {}, /has no entry/],
    ['a list that is not one', '{ "EnvironmentVariables": {} }', ev('set', 'cr_Url', { value: 'y' }), {}, /is not a list/],
  ];
  for (const [what, text, params, target, message] of refused) {
    test(`refused: ${what} (an error, no edit, no value quoted)`, () => {
      const result = matrixEdits(text, params, target, 'deploymentSettings.json');
      assert.ok('error' in result, 'an error');
      assert.match(result.error, message);
      // Values long enough not to appear in any message by chance.
      if ((params.value?.trim().length ?? 0) >= 6) assert.ok(!result.error.includes(params.value!), 'the value is not quoted');
    });
  }
  test('a Secret takes a Key Vault reference or a pipeline token', () => {
    for (const value of ['/subscriptions/6f1c2d3e-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/secrets/s', '#{ErpSecret}#', 'https://kv-orders.vault.azure.net/secrets/erp']) {
      assert.ok('edits' in matrixEdits(CRLF_4, ev('set', 'cr_Url', { value }), { variable: { kind: 'Secret', holdsSecret: true } }, 'd.json'), value);
    }
  });
});

describe('matrixEdit in a session', () => {
  function tree(): { dir: string; prod: string } {
    const dir = writeFixture(tempDir('matrix-edit'), {
      uniqueName: 'Orders', prefix: 'cr',
      environmentVariables: [{ schemaName: 'cr_Url' }, { schemaName: 'cr_Folder' }, { schemaName: 'cr_Secret', type: 100000005, secretStore: 0 }],
      settings: { Dev: { EnvironmentVariables: [{ SchemaName: 'cr_Url', Value: 'https://erp-dev.contoso.com' }, { SchemaName: 'cr_Folder', Value: 'In' }], ConnectionReferences: [] } },
    });
    const prod = path.join(dir, 'config/Prod/deploymentSettings.json');
    fs.mkdirSync(path.dirname(prod), { recursive: true });
    // A BOM, CRLF, 4 spaces, an unknown entry.
    fs.writeFileSync(prod, '\uFEFF' + CRLF_4.replace('"cr_Url"', '"cr_Urls"'));
    return { dir, prod };
  }

  /** Applies a matrix action's edit to the file as an editor saves it (its BOM kept). */
  function save(file: string, edits: Parameters<typeof applyTextEdits>[1]): void {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    fs.writeFileSync(file, '\uFEFF' + applyTextEdits(text, edits));
  }

  test('add the missing entry, rename the unknown one: the file keeps its BOM and CRLF, the cells become ok', async () => {
    const { dir, prod } = tree();
    const session = await startSession([dir]);
    let s = solutionNamed(await session.matrix(), 'Orders');
    assert.equal(cellIn(s, 'cr_Url', 'Prod').state, 'missing');
    assert.equal(cellIn(s, 'cr_Urls', 'Prod').state, 'unknown');
    const rename = cellIn(s, 'cr_Urls', 'Prod').actions.find(a => a.edit.action === 'rename');
    assert.ok(rename, 'a rename is offered');
    const renamed = await session.edit(rename.edit);
    assert.ok(renamed.edits, renamed.error);
    const text = fs.readFileSync(prod, 'utf8').replace(/^\uFEFF/, '');
    assert.deepEqual(renamed.basedOn, { hash: createHash('sha256').update(text, 'utf8').digest('hex') }, 'computed from the disk\'s text');
    save(prod, renamed.edits);
    await session.rescan();
    s = solutionNamed(await session.matrix(), 'Orders');
    assert.equal(cellIn(s, 'cr_Url', 'Prod').state, 'ok');
    assert.equal(cellIn(s, 'cr_Url', 'Prod').text, 'https://erp.contoso.com');

    const set = cellIn(s, 'cr_Folder', 'Prod').actions[0];
    assert.equal(set.edit.action, 'set');
    const added = await session.edit({ ...set.edit, value: 'Archive' });
    assert.ok(added.edits, added.error);
    save(prod, added.edits);
    const bytes = fs.readFileSync(prod);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM stays');
    assert.ok(!/[^\r]\n/.test(bytes.toString('utf8')), 'CRLF stays');
    await session.rescan();
    s = solutionNamed(await session.matrix(), 'Orders');
    assert.deepEqual([cellIn(s, 'cr_Folder', 'Prod').state, cellIn(s, 'cr_Folder', 'Prod').text], ['ok', 'Archive']);
  });

  test('an open document: the edit is computed from its text and based on its version', async () => {
    const { dir, prod } = tree();
    const session = await startSession([dir]);
    const unsaved = fs.readFileSync(prod, 'utf8').replace(/^\uFEFF/, '').replace('"Value": ""', '"Value": "Unsaved"');
    session.client.open(pathToUri(prod), unsaved, 'json', 7);
    const result = await session.edit({ file: prod, kind: 'environmentVariable', name: 'cr_Folder', action: 'set', value: 'Archive' });
    assert.deepEqual(result.basedOn, { version: 7 });
    assert.equal(applyTextEdits(unsaved, result.edits!), unsaved.replace('"Unsaved"', '"Archive"'));
  });

  test('refused: a settings file broken since the scan (where, no edit), a plain Secret value (never logged), a file that is no settings file', async () => {
    const { dir, prod } = tree();
    const session = await startSession([dir]);
    const secret = 'Tr0ub4dor&3-horse';
    const plain = await session.edit({ file: prod, kind: 'environmentVariable', name: 'cr_Secret', action: 'set', value: secret });
    assert.equal(plain.edits, undefined);
    assert.match(plain.error ?? '', /Key Vault secret reference/);
    assert.ok(![plain.error, ...session.client.logs, ...session.client.errors].join('\n').includes(secret), 'the value appears nowhere');
    const other = await session.edit({ file: path.join(dir, 'flowcop.json'), kind: 'environmentVariable', name: 'cr_Url', action: 'set', value: 'x' });
    assert.match(other.error ?? '', /not a deployment settings file/);
    fs.writeFileSync(prod, '{\r\n    "EnvironmentVariables": [\r\n        { "SchemaName": "cr_Url" \r\n');
    const broken = await session.edit({ file: prod, kind: 'environmentVariable', name: 'cr_Folder', action: 'set', value: 'Archive' });
    assert.equal(broken.edits, undefined);
    assert.match(broken.error ?? '', /^deploymentSettings\.json:\d+:\d+: invalid JSON/);
  });
});
