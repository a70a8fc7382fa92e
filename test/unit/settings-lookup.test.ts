// The settings rules' indexes (analysis/settings/lookup.ts) answer what the linear searches they replaced
// answered: the first entry of a name (case-insensitively), whether any entry of a name has a value, an
// entry's JSON object by its offset, the first definition of a name; and an index follows a replaced list.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadSettings } from '../../server/src/load/settings';
import { decodeText } from '../../server/src/load/vfs';
import { referenceDefinitions, settingsIndex, variableDefinitions } from '../../server/src/analysis/settings/lookup';
import type { DeploymentSettings, EnvironmentVariableDefinition, Solution } from '../../server/src/model/types';

function settingsOf(json: unknown): DeploymentSettings {
  const decoded = decodeText(Buffer.from(JSON.stringify(json, null, 2)), '/t/config/Prod/deploymentSettings.json');
  assert.ok(!('error' in decoded));
  const { settings } = loadSettings(decoded.file, 'Prod', 'config-folder');
  assert.ok(settings);
  return settings;
}

const SETTINGS = {
  EnvironmentVariables: [
    { SchemaName: 'cr_Site', Value: '' },
    { SchemaName: 'CR_SITE', Value: 'https://contoso.sharepoint.com/sites/prod' },
    { SchemaName: 'cr_Folder', Value: '  ' },
    { SchemaName: 'cr_Count', Value: 3 },
  ],
  ConnectionReferences: [
    { LogicalName: 'cr_sp', ConnectionId: null },
    { LogicalName: 'cr_SQL', ConnectionId: '#{connectionreference.cr_sql}#' },
  ],
};

describe('settingsIndex', () => {
  test('gives the first entry of a name, ignoring case, as find() did', () => {
    const env = settingsOf(SETTINGS);
    const index = settingsIndex(env);
    for (const e of env.environmentVariables) {
      const name = e.schemaName.toLowerCase();
      assert.equal(index.variables.get(name), env.environmentVariables.find(x => x.schemaName.toLowerCase() === name));
    }
    assert.equal(index.variables.get('cr_site')?.value, '', 'the first cr_Site, not the later CR_SITE');
    assert.equal(index.references.get('cr_sql'), env.connectionReferences[1]);
    assert.equal(index.variables.get('cr_missing'), undefined);
  });

  test('knows which names any entry gives a value, as some() did', () => {
    const index = settingsIndex(settingsOf(SETTINGS));
    assert.deepEqual([...index.variablesWithValue].sort(), ['cr_count', 'cr_site'], 'blank values are no values; a later entry of a name counts');
    assert.deepEqual([...index.referencesWithConnection], ['cr_sql'], 'a pipeline token is a value');
  });

  test('finds an entry\'s object by the offset its loc starts at', () => {
    const env = settingsOf(SETTINGS);
    const index = settingsIndex(env);
    for (const e of env.environmentVariables) {
      const node = index.nodes.EnvironmentVariables.get(e.loc.span.start);
      assert.equal(node?.type, 'object');
      assert.equal(env.file.text.slice(node!.offset, node!.offset + node!.length), env.file.text.slice(e.loc.span.start, e.loc.span.end));
    }
    const first = env.connectionReferences[0];
    assert.equal(index.nodes.ConnectionReferences.get(first.loc.span.start)?.offset, first.loc.span.start);
    assert.equal(index.nodes.EnvironmentVariables.get(first.loc.span.start), undefined, 'each array answers for its own items');
  });

  test('is built again when an entry list is replaced or grows', () => {
    const env = settingsOf(SETTINGS);
    assert.ok(settingsIndex(env).variables.has('cr_site'));
    env.environmentVariables = env.environmentVariables.filter(e => e.schemaName !== 'cr_Site' && e.schemaName !== 'CR_SITE');
    assert.ok(!settingsIndex(env).variables.has('cr_site'));
    env.environmentVariables.push({ ...env.environmentVariables[0], schemaName: 'cr_New', value: 'x' });
    assert.ok(settingsIndex(env).variablesWithValue.has('cr_new'));
  });
});

describe('variableDefinitions and referenceDefinitions', () => {
  test('give the first definition of a name, ignoring case', () => {
    const definition = (schemaName: string) => ({ schemaName }) as EnvironmentVariableDefinition;
    const variables = [definition('cr_A'), definition('CR_A'), definition('cr_B')];
    const solution = { environmentVariables: variables, connectionReferences: [{ logicalName: 'cr_Ref' }, { logicalName: 'CR_REF' }] } as unknown as Solution;
    assert.equal(variableDefinitions(solution).get('cr_a'), variables[0]);
    assert.equal(variableDefinitions(solution).get('cr_b'), variables[2]);
    assert.equal(referenceDefinitions(solution).get('cr_ref'), solution.connectionReferences[0]);
    variables.push(definition('cr_C'));
    assert.equal(variableDefinitions(solution).get('cr_c'), variables[3], 'a grown list is indexed again');
  });
});
