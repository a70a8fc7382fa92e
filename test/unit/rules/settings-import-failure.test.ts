import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/settings/import-failure';
import { secretValueShape } from '../../../server/src/analysis/settings/secret-reference';
import type { SolutionSpec } from '../../support/fixture';
import { runCase, ruleTester } from '../../support/rule-tester';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const O365 = '/providers/Microsoft.PowerApps/apis/shared_office365';
const KV = '/subscriptions/6f1c2d3e-0000-4000-8000-000000000001/resourceGroups/rg-rpa-prod/providers/Microsoft.KeyVault/vaults/kv-rpa-prod/secrets/InvoiceApiKey';

const defs: SolutionSpec = {
  connectionReferences: [{ logicalName: 'cr1a2_sharepoint', connectorId: SP }],
  environmentVariables: [
    { schemaName: 'cr1a2_InvoiceSite' },
    { schemaName: 'cr1a2_ApiKey', type: 100000005, secretStore: 0 },
    { schemaName: 'cr1a2_BatchSize', type: 100000001, defaultValue: '100' },
  ],
};
const ev = (SchemaName: string, Value: unknown) => ({ SchemaName, Value });
const cr = (LogicalName: string, ConnectionId: string, ConnectorId: string = SP) => ({ LogicalName, ConnectionId, ConnectorId });
const settings = (EnvironmentVariables: unknown[], ConnectionReferences: unknown[] = [cr('cr1a2_sharepoint', 'shared-sharepointonl-1')]) => ({ EnvironmentVariables, ConnectionReferences });
const prod = (...vars: unknown[]): SolutionSpec => ({ ...defs, settings: { Prod: settings(vars) } });

ruleTester(rule, {
  valid: [
    { name: 'values, a Key Vault resource id and a pipeline token', solution: prod(ev('cr1a2_InvoiceSite', 'https://contoso.sharepoint.com/sites/Invoices'), ev('cr1a2_ApiKey', KV), ev('cr1a2_BatchSize', '50')) },
    { name: 'a Key Vault secret identifier URI', solution: prod(ev('cr1a2_ApiKey', 'https://kv-rpa-prod.vault.azure.net/secrets/InvoiceApiKey')) },
    { name: 'Secret values from the pipeline, whole or in part', solution: prod(ev('cr1a2_ApiKey', '#{environmentvariable.cr1a2_ApiKey}#'), ev('cr1a2_InvoiceSite', '$(InvoiceSite)')) },
    { name: 'a resource id with a token in it', solution: prod(ev('cr1a2_ApiKey', '/subscriptions/#{SubscriptionId}#/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-rpa/secrets/InvoiceApiKey')) },
    { name: 'a left-out entry keeps the default (missing-value\'s business, not a failure)', solution: prod() },
    { name: 'null and blanks leave a value unset: settings/missing-value reports them', solution: prod(ev('cr1a2_InvoiceSite', null), ev('cr1a2_BatchSize', '  ')) },
    { name: 'a plain secret in a Secret variable is solution/secret-env-var-as-text\'s', solution: prod(ev('cr1a2_ApiKey', 'q8Xr2vLm9TzW4pKd7Nf3Hs6Jb1Yc5Ga0')) },
    { name: 'a placeholder in a String variable is not a secret reference', solution: prod(ev('cr1a2_InvoiceSite', '@KeyVault(vaultName=kv;secretName=x)')) },
    { name: 'the same connector written differently', solution: { ...defs, settings: { Prod: settings([], [cr('cr1a2_sharepoint', 'c1', 'providers/microsoft.powerapps/apis/SHARED_SHAREPOINTONLINE')]) } } },
    { name: 'a bare connector name', solution: { ...defs, settings: { Prod: settings([], [cr('cr1a2_sharepoint', 'c1', 'shared_sharepointonline')]) } } },
    { name: 'a ConnectorId token', solution: { ...defs, settings: { Prod: settings([], [cr('cr1a2_sharepoint', 'c1', '#{connector}#')]) } } },
    { name: 'an entry for a reference the solution lacks is settings/unknown-entry\'s', solution: { ...defs, settings: { Prod: settings([], [cr('cr1a2_sharepoint', 'c1'), cr('cr1a2_outlook', 'c2', O365)]) } } },
    { name: '--env Prod: Test is not checked', environment: 'Prod', solution: { ...defs, settings: { Test: settings([ev('cr1a2_ApiKey', 'TODO')]), Prod: settings([]) } } },
    { name: 'the empty string (a Secret one too) is settings/missing-value\'s', solution: prod(ev('cr1a2_InvoiceSite', ''), ev('cr1a2_ApiKey', '')) },
  ],
  invalid: [
    {
      name: 'the @KeyVault(…) placeholder: reported at the value, never quoted',
      solution: prod(ev('cr1a2_ApiKey', '@KeyVault(vaultName=kv-rpa-prod;secretName=InvoiceApiKey)')),
      errors: [{ text: '@KeyVault(vaultName=kv-rpa-prod;secretName=InvoiceApiKey)', severity: 'warning', element: 'cr1a2_ApiKey', message: /^The Prod deployment settings give Secret environment variable "cr1a2_ApiKey" a placeholder instead of a Key Vault secret reference/ }],
      secrets: ['kv-rpa-prod', 'InvoiceApiKey'],
    },
    {
      name: 'other placeholders',
      solution: { ...defs, settings: { Test: settings([ev('cr1a2_ApiKey', '<secret>')]), Prod: settings([ev('cr1a2_ApiKey', 'TODO')]) } },
      errors: [{ text: 'TODO', message: /^The Prod .* a placeholder/ }, { text: '<secret>', message: /^The Test .* a placeholder/ }],
    },
    {
      name: 'a resource id without its resource group, a vault URL without /secrets/',
      solution: { ...defs, settings: { Test: settings([ev('cr1a2_ApiKey', '/subscriptions/6f1c/providers/Microsoft.KeyVault/vaults/kv/secrets/InvoiceApiKey')]), Prod: settings([ev('cr1a2_ApiKey', 'https://kv-rpa-prod.vault.azure.net/InvoiceApiKey')]) } },
      errors: [{ message: /^The Prod .* an incomplete Azure Key Vault reference/ }, { message: /^The Test .* an incomplete Azure Key Vault reference/ }],
    },
    {
      name: 'a ConnectorId of another connector: reported at the ConnectorId',
      solution: { ...defs, settings: { Prod: settings([], [cr('cr1a2_sharepoint', 'shared-office365-1', O365)]) } },
      errors: [{ text: `"${O365}"`, message: /^The Prod deployment settings give connection reference "cr1a2_sharepoint" the ConnectorId shared_office365, but the solution's reference is for shared_sharepointonline/, element: 'cr1a2_sharepoint' }],
    },
  ],
});

test('settings/import-failure: data', () => {
  const { findings } = runCase(rule, { solution: { ...defs, settings: { Prod: settings([ev('cr1a2_InvoiceSite', 'x'), ev('cr1a2_ApiKey', '@KeyVault(vaultName=v;secretName=s)')], [cr('cr1a2_sharepoint', 'c', O365)]) } } });
  assert.deepEqual(findings.map(f => [f.data?.name, f.data?.reason]).sort(), [
    ['cr1a2_ApiKey', 'placeholder'], ['cr1a2_sharepoint', 'connector-mismatch'],
  ]);
});

test('secretValueShape: each shape', () => {
  assert.equal(secretValueShape(KV), 'key-vault-resource-id');
  assert.equal(secretValueShape(KV.replace('resourceGroups', 'resourcegroups')), 'key-vault-resource-id');
  assert.equal(secretValueShape('https://kv-rpa-prod.vault.azure.net/secrets/InvoiceApiKey/0123456789abcdef0123456789abcdef'), 'key-vault-uri');
  assert.equal(secretValueShape('https://kv.vault.azure.net/secrets/x'), 'malformed-reference', 'a two-letter vault name is not a vault');
  assert.equal(secretValueShape('https://kv-rpa-prod.vault.azure.com/secrets/x'), 'malformed-reference');
  assert.equal(secretValueShape('@KeyVault(vaultName=foo;secretName=bar)'), 'placeholder');
  assert.equal(secretValueShape('${SECRET_VALUE}'), 'placeholder');
  assert.equal(secretValueShape('#{kv.secret}#'), 'pipeline-token');
  assert.equal(secretValueShape(' '), 'empty');
  assert.equal(secretValueShape('q8Xr2vLm9TzW4pKd7Nf3Hs6Jb1Yc5Ga0'), 'plain');
});
