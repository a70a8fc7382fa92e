// The environment matrix's cells on a small solution made to have every state once at least: ok, empty,
// missing, default (and a value from the shared "default" settings file), shared, bleed, unknown, invalid,
// none; the columns in stage order with the template first; the actions each state offers; and no secret
// anywhere in the answer (a password planted in a Secret variable's settings value and in a text variable's).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { EnvironmentsResult, MatrixCellState } from '../../server/src/lsp/protocol';
import { writeFixture } from '../support/fixture';
import { tempDir } from './fix-support';
import { cellIn, rowNamed, solutionNamed, startSession } from './lsp-matrix-support';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const O365 = '/providers/Microsoft.PowerApps/apis/shared_office365';
const KV_REF = '/subscriptions/6f1c2d3e-0000-4000-8000-000000000001/resourceGroups/rg-rpa/providers/Microsoft.KeyVault/vaults/kv-orders-dev/secrets/erp-secret';
const SECRET_PASSWORD = 'Sup3rS3cret!Passw0rd';
const CONNECTION_PASSWORD = 'Pl4nted#Pwd2024';

function ordersTree(): string {
  return writeFixture(tempDir('matrix-cells'), {
    uniqueName: 'Orders',
    prefix: 'cr',
    environmentVariables: [
      { schemaName: 'cr_Url' },
      { schemaName: 'cr_Folder' },
      { schemaName: 'cr_Retries', type: 100000001, defaultValue: '3' },
      { schemaName: 'cr_Region' },
      { schemaName: 'cr_ErpSecret', type: 100000005, secretStore: 0 },
      { schemaName: 'cr_DbConnection' },
    ],
    connectionReferences: [
      { logicalName: 'cr_sp', connectorId: SP },
      { logicalName: 'cr_mail', connectorId: O365 },
    ],
    files: {
      // The shared template beside the per-environment files.
      'config/deploymentSettings.json': JSON.stringify({ EnvironmentVariables: [{ SchemaName: 'cr_Region', Value: 'westeurope' }], ConnectionReferences: [] }, null, 2),
    },
    settings: {
      Prod: {
        EnvironmentVariables: [
          { SchemaName: 'cr_Url', Value: 'https://erp-dev.contoso.com' },
          { SchemaName: 'cr_Folder', Value: 'Archive' },
          { SchemaName: 'cr_ErpSecret', Value: SECRET_PASSWORD },
          { SchemaName: 'cr_DbConnection', Value: '#{DbConnection}#' },
        ],
        ConnectionReferences: [{ LogicalName: 'cr_sp', ConnectionId: 'conn-sp-prod', ConnectorId: SP }],
      },
      Dev: {
        EnvironmentVariables: [
          { SchemaName: 'cr_Url', Value: 'https://erp-dev.contoso.com' },
          { SchemaName: 'cr_Folder', Value: '' },
          { SchemaName: 'cr_ErpSecret', Value: KV_REF },
          { SchemaName: 'cr_DbConnection', Value: `Server=sql01.contoso.com;Database=orders;User Id=svc;Password=${CONNECTION_PASSWORD};` },
        ],
        ConnectionReferences: [{ LogicalName: 'cr_sp', ConnectionId: 'conn-sp-shared', ConnectorId: SP }, { LogicalName: 'cr_mail', ConnectionId: 'conn-mail-dev', ConnectorId: O365 }],
      },
      Test: {
        EnvironmentVariables: [
          { SchemaName: 'cr_Url', Value: 'https://erp-test.contoso.com' },
          { SchemaName: 'cr_Foldr', Value: 'Archive' },
          { SchemaName: 'cr_ErpSecret', Value: '@KeyVault(vaultName=kv-orders-test;secretName=erp-secret)' },
          { SchemaName: 'cr_DbConnection', Value: '#{DbConnection}#' },
        ],
        ConnectionReferences: [{ LogicalName: 'cr_sp', ConnectionId: 'conn-sp-shared', ConnectorId: SP }, { LogicalName: 'cr_mail', ConnectionId: 'conn-mail-test', ConnectorId: SP }],
      },
    },
  });
}

/** [row, environment, state, text, rules of the cell's findings] */
const EXPECTED: Array<[string, string, MatrixCellState, string, string[]]> = [
  ['cr_Url', 'Dev', 'ok', 'https://erp-dev.contoso.com', []],
  ['cr_Url', 'Test', 'ok', 'https://erp-test.contoso.com', []],
  ['cr_Url', 'Prod', 'bleed', 'https://erp-dev.contoso.com', ['settings/environment-bleed']],
  ['cr_Url', 'default', 'none', '', []],
  ['cr_Folder', 'Dev', 'empty', '', ['settings/missing-value']],
  ['cr_Folder', 'Test', 'missing', '', ['settings/missing-value']],
  ['cr_Folder', 'Prod', 'ok', 'Archive', []],
  ['cr_Retries', 'Dev', 'default', '3', []],
  ['cr_Retries', 'Prod', 'default', '3', []],
  ['cr_Region', 'default', 'ok', 'westeurope', []],
  ['cr_Region', 'Test', 'ok', 'westeurope', []],
  ['cr_ErpSecret', 'Dev', 'ok', 'Key Vault reference', []],
  ['cr_ErpSecret', 'Test', 'invalid', 'Key Vault placeholder', ['settings/import-failure']],
  ['cr_ErpSecret', 'Prod', 'invalid', '(secret)', ['solution/secret-env-var-as-text']],
  ['cr_DbConnection', 'Dev', 'ok', '(secret)', []],
  ['cr_DbConnection', 'Prod', 'ok', '#{DbConnection}#', []],
  ['cr_sp', 'Dev', 'shared', 'conn-sp-shared', ['settings/shared-connection']],
  ['cr_sp', 'Test', 'shared', 'conn-sp-shared', ['settings/shared-connection']],
  ['cr_sp', 'Prod', 'ok', 'conn-sp-prod', []],
  ['cr_mail', 'Dev', 'ok', 'conn-mail-dev', []],
  ['cr_mail', 'Test', 'invalid', 'conn-mail-test', ['settings/import-failure']],
  ['cr_mail', 'Prod', 'missing', '', ['settings/missing-value']],
  ['cr_Foldr', 'Test', 'unknown', 'Archive', ['settings/unknown-entry']],
  ['cr_Foldr', 'Dev', 'none', '', []],
];

describe('matrix cells', () => {
  test('columns: the shared template first, then Dev, Test, Prod; the active one marked', async () => {
    const s = solutionNamed(await (await startSession([ordersTree()], 'Prod')).matrix(), 'Orders');
    assert.deepEqual(s.columns.map(c => [c.environment, !!c.template, c.active, c.stage ?? null]), [
      ['default', true, false, null], ['Dev', false, false, 'dev'], ['Test', false, false, 'test'], ['Prod', false, true, 'prod'],
    ]);
    assert.deepEqual(rowNamed(s, 'cr_Retries').defaultValue && { state: rowNamed(s, 'cr_Retries').defaultValue!.state, text: rowNamed(s, 'cr_Retries').defaultValue!.text }, { state: 'ok', text: '3' });
    assert.equal(rowNamed(s, 'cr_sp').type, 'shared_sharepointonline');
    assert.equal(rowNamed(s, 'cr_ErpSecret').type, 'Secret');
    assert.equal(rowNamed(s, 'cr_Foldr').definition, undefined, 'an unknown entry has no definition');
  });

  test('columns carry the Dataverse url/id flowcop.json gives their environment, as flowcop/environments reports them', async () => {
    const dir = ordersTree();
    const url = 'https://contoso-orders.crm.dynamics.com';
    const id = '4f2b8c1d-0e3a-4b5c-9d6e-7f8a9b0c1d2e';
    fs.writeFileSync(path.join(dir, 'flowcop.json'), JSON.stringify({ environments: { Prod: { file: 'config/Prod/deploymentSettings.json', url, id } } }));
    const session = await startSession([dir]);
    const s = solutionNamed(await session.matrix(), 'Orders');
    const environments = await session.client.request<EnvironmentsResult>('flowcop/environments');
    for (const column of s.columns) {
      const info = environments.environments.find(e => e.name.toLowerCase() === column.environment.toLowerCase());
      assert.deepEqual([column.url, column.id], [info?.url, info?.id], column.environment);
    }
    // Once flowcop.json's environments carry url/id (issue 16 item 3), Prod's column shows them.
    const prod = s.columns.find(c => c.environment === 'Prod')!;
    if (prod.url !== undefined) assert.deepEqual([prod.url, prod.id], [url, id]);
  });

  test('every state, with the findings of its cell (Prod active: the other columns still have theirs)', async () => {
    const s = solutionNamed(await (await startSession([ordersTree()], 'Prod')).matrix(), 'Orders');
    const seen = new Set<MatrixCellState>();
    for (const [row, env, state, text, rules] of EXPECTED) {
      const cell = cellIn(s, row, env);
      assert.deepEqual({ state: cell.state, text: cell.text, rules: [...new Set(cell.findings.map(f => f.ruleId))].sort() }, { state, text, rules: [...rules].sort() }, `${row} in ${env}`);
      seen.add(state);
    }
    assert.deepEqual([...seen].sort(), ['bleed', 'default', 'empty', 'invalid', 'missing', 'none', 'ok', 'shared', 'unknown']);
    assert.equal(cellIn(s, 'cr_Region', 'Dev').source, 'shared');
    assert.equal(cellIn(s, 'cr_Retries', 'Dev').source, 'default');
  });

  test('cells point into their settings file: the value, else where an entry would go', async () => {
    const s = solutionNamed(await (await startSession([ordersTree()])).matrix(), 'Orders');
    const prod = s.columns.findIndex(c => c.environment === 'Prod');
    const url = rowNamed(s, 'cr_Url').cells[prod];
    assert.equal(url.location?.path, s.columns[prod].file);
    const missing = cellIn(s, 'cr_mail', 'Prod');
    assert.equal(missing.location?.path, s.columns[prod].file);
    assert.deepEqual(missing.location?.range.start, missing.location?.range.end, 'an insertion point');
    assert.ok(url.location!.range.start.line > 0);
  });

  test('actions: set on problem cells (a default that names no other stage suggested; a Secret: the Key Vault reference template), rename and remove on unknown ones', async () => {
    const s = solutionNamed(await (await startSession([ordersTree()])).matrix(), 'Orders');
    const actions = (row: string, env: string) => cellIn(s, row, env).actions.map(a => [a.edit.action, a.edit.value ?? a.edit.newName ?? null, !!a.promptForValue]);
    assert.deepEqual(actions('cr_Folder', 'Test'), [['set', '', true]]);
    assert.deepEqual(actions('cr_Folder', 'Dev'), [['set', '', true]]);
    assert.deepEqual(actions('cr_mail', 'Prod'), [['set', '', true]]);
    assert.match(String(actions('cr_ErpSecret', 'Prod')[0][1]), /^\/subscriptions\/<subscription-id>\/resourceGroups\/.*\/providers\/Microsoft\.KeyVault\/vaults\/<vault-name>\/secrets\/<secret-name>$/);
    assert.deepEqual(actions('cr_Foldr', 'Test'), [['rename', 'cr_Folder', false], ['remove', null, false]]);
    assert.deepEqual(actions('cr_Url', 'Dev'), [], 'an ok cell offers nothing');
    assert.deepEqual(actions('cr_Retries', 'Dev'), [], 'a default that applies offers nothing');
  });

  test('no secret in the answer: not a Secret\'s plain value, not a password inside a text variable\'s value', async () => {
    const session = await startSession([ordersTree()]);
    const json = JSON.stringify(await session.matrix());
    for (const secret of [SECRET_PASSWORD, CONNECTION_PASSWORD, 'kv-orders-dev', 'kv-orders-test']) assert.ok(!json.includes(secret), `the answer does not hold ${secret}`);
    const s = solutionNamed(await session.matrix(), 'Orders');
    assert.equal(rowNamed(s, 'cr_DbConnection').secret, true, 'a text variable holding a password is secret');
    assert.ok(rowNamed(s, 'cr_DbConnection').findings?.some(f => f.ruleId === 'solution/secret-env-var-as-text'), 'the finding about its definition is on the row');
  });
});
