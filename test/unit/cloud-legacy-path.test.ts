// Facts for values a cloud flow keeps outside the usual places: the parameters a legacy ApiConnection
// action encodes in its `path`, and where a variable is read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flowFacts } from '../../server/src/analysis/cloud/facts';
import { connectorOf, legacyConnectionKey } from '../../server/src/analysis/cloud/actions';
import { legacyPathParameters } from '../../server/src/analysis/cloud/legacy-path';
import { readsOfVariable } from '../../server/src/analysis/cloud/variables';
import { loadCloudFlow } from '../../server/src/load/cloudflow';
import { createSourceFile } from '../../server/src/util/text';

function flowOf(actions: Record<string, unknown>) {
  return loadCloudFlow(createSourceFile('/f.json', JSON.stringify({ properties: { definition: { actions } } }, null, 2)), { id: 'x', name: 'F' }).flow!;
}

function leavesOf(actions: Record<string, unknown>) {
  const flow = loadCloudFlow(createSourceFile('/f.json', JSON.stringify({ properties: { definition: { actions } } }, null, 2)), { id: 'x', name: 'F' }).flow!;
  return flowFacts(flow, undefined).leaves;
}

const EXCEL_HOST = { connection: { name: "@parameters('$connections')['shared_excelonlinebusiness']['connectionId']" } };

test('a legacy Excel path names its drive and file; the table and other segments are left alone', () => {
  const path = "/codeless/v1.2/drives/@{encodeURIComponent('b!_BWPkncw''rEG')}/items/@{encodeURIComponent('01FTBGVDXZ')}/workbook/tables/@{encodeURIComponent('{11DED8B0}')}/rows";
  const leaves = leavesOf({ Add_a_row: { type: 'ApiConnection', runAfter: {}, inputs: { host: EXCEL_HOST, method: 'post', path, queries: { source: 'me' } } } });
  const leaf = leaves.find(l => l.path[0] === 'path')!;
  const found = legacyPathParameters(leaf);
  assert.deepEqual(found.map(p => [p.name, p.value]), [['drive', "b!_BWPkncw'rEG"], ['file', '01FTBGVDXZ'], ['table', '{11DED8B0}']]);
  for (const p of found) assert.equal(leaf.text.slice(p.start, p.end).replace(/''/g, "'"), p.value);
});

test('a SharePoint dataset encoded twice, and nothing for OpenApiConnection actions or other fields', () => {
  const legacy = leavesOf({ Get_items: { type: 'ApiConnection', runAfter: {}, inputs: { host: EXCEL_HOST, method: 'get', path: "/datasets/@{encodeURIComponent(encodeURIComponent('https://contoso.sharepoint.com/sites/hr'))}/tables/@{encodeURIComponent(encodeURIComponent('8c2f4e1a'))}/items" } } });
  assert.deepEqual(legacyPathParameters(legacy.find(l => l.path[0] === 'path')!).map(p => [p.name, p.value]), [['dataset', 'https://contoso.sharepoint.com/sites/hr'], ['table', '8c2f4e1a']]);
  const modern = leavesOf({ Get_items: { type: 'OpenApiConnection', runAfter: {}, inputs: { host: { connectionName: 'shared_sharepointonline', operationId: 'GetItems' }, parameters: { path: "/drives/@{encodeURIComponent('b!x')}" } } } });
  assert.deepEqual(modern.flatMap(legacyPathParameters), []);
});

test('readsOfVariable finds the values that read a variable, whatever its case', () => {
  const leaves = leavesOf({
    Init: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'streamingStorageAccountName', type: 'string', value: 'prefinalsasbox' }] } },
    Create_output: { type: 'Http', runAfter: {}, inputs: { method: 'PUT', uri: 'https://management.azure.com/x', body: { properties: { storageAccountName: "@{variables('StreamingStorageAccountName')}", other: "@variables('other')" } } } },
  });
  assert.deepEqual(readsOfVariable(leaves, 'streamingStorageAccountName').map(l => l.path.join('/')), ['body/properties/storageAccountName']);
  assert.deepEqual(readsOfVariable(leaves, 'missing'), []);
});

test('a legacy ApiConnection action names its connector through $connections, in either form', () => {
  assert.equal(legacyConnectionKey("@parameters('$connections')['shared_excelonlinebusiness']['connectionId']"), 'shared_excelonlinebusiness');
  assert.equal(legacyConnectionKey("@parameters('$connections')?['shared_rss_1']?['connectionId']"), 'shared_rss_1');
  assert.equal(legacyConnectionKey("@json(string(parameters('x')))['$connections']['shared_sql']['connectionId']"), 'shared_sql');
  assert.equal(legacyConnectionKey("@parameters('other')['shared_sql']"), undefined);
  const flow = flowOf({ Add_a_row: { type: 'ApiConnection', runAfter: {}, inputs: { host: EXCEL_HOST, method: 'post', path: '/x' } } });
  assert.equal(connectorOf(flow.actions[0], flow), 'shared_excelonlinebusiness');
});
