import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/solution/committed-env-var-value';
import { runCase, ruleTester } from '../../support/rule-tester';

const valuesFile = (value: unknown) => JSON.stringify({ environmentvariablevalues: { environmentvariablevalue: { '@environmentvariablevalueid': 'f2b6ff9e-ccb1-eb11-8236-000d3a15f781', iscustomizable: '1', ...(value === undefined ? {} : { value }) } } }, null, 2);

ruleTester(rule, {
  valid: [
    { name: 'a definition with a default value only', solution: { environmentVariables: [{ schemaName: 'cr1a2_BatchSize', type: 100000001, defaultValue: '100' }] } },
    { name: 'a definition with no value at all', solution: { environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite' }] } },
    { name: 'a Secret environment variable without a committed value', solution: { environmentVariables: [{ schemaName: 'cr1a2_ApiSecret', type: 100000005, secretStore: 0 }] } },
    { name: 'values given per environment in deployment settings', solution: { environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite' }], settings: { Prod: { EnvironmentVariables: [{ SchemaName: 'cr1a2_InvoiceSite', Value: 'https://contoso.sharepoint.com/sites/Invoices' }], ConnectionReferences: [] } } } },
    { name: 'a values file without a value (only iscustomizable)', solution: { environmentVariables: [{ schemaName: 'cr1a2_ValidRoles', defaultValue: 'System Administrator' }], files: { 'environmentvariabledefinitions/cr1a2_ValidRoles/environmentvariablevalues.json': valuesFile(undefined) } } },
    { name: 'a values file with an empty value', solution: { environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite' }], files: { 'environmentvariabledefinitions/cr1a2_InvoiceSite/environmentvariablevalues.json': valuesFile('') } } },
    { name: 'several definitions, none committed', solution: { environmentVariables: [{ schemaName: 'cr1a2_A' }, { schemaName: 'cr1a2_B', defaultValue: 'x' }, { schemaName: 'cr1a2_C', type: 100000002, defaultValue: 'yes' }] } },
    { name: 'a clone (.cdsproj) layout without values', layout: 'cdsproj', solution: { environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite', defaultValue: 'https://contoso.sharepoint.com/sites/Invoices' }] } },
  ],
  invalid: [
    {
      name: 'a committed current value',
      solution: { environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite', value: 'https://contoso.sharepoint.com/sites/Finance-Dev' }] },
      errors: [{ text: 'https://contoso.sharepoint.com/sites/Finance-Dev', message: /^Environment variable "cr1a2_InvoiceSite" has a current value committed in environmentvariablevalues.json: import brings it into every environment/, severity: 'warning', element: 'cr1a2_InvoiceSite' }],
      secrets: ['https://contoso.sharepoint.com/sites/Finance-Dev'],
    },
    {
      name: 'a Secret environment variable with a committed value: reported, value never shown',
      solution: { environmentVariables: [{ schemaName: 'cr1a2_ApiSecret', type: 100000005, value: '/subscriptions/1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-dev/secrets/api' }] },
      errors: [{ text: '/subscriptions/1/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-dev/secrets/api', severity: 'warning' }],
      secrets: ['kv-dev', '/subscriptions/1'],
    },
    {
      name: 'a committed value equal to the default value is info',
      solution: { environmentVariables: [{ schemaName: 'cr1a2_Frequencies', type: 100000003, defaultValue: '{"daily":251}', value: '{"daily":251}' }] },
      errors: [{ text: String.raw`{\"daily\":251}`, severity: 'info', message: /repeats its default value/ }],
    },
    {
      name: 'a user id committed (automation kit pattern) and a placeholder',
      solution: { environmentVariables: [{ schemaName: 'cr1a2_ReadUserId', value: 'e4fcf585-9fa7-ed11-aad1-00224805c3e1' }, { schemaName: 'cr1a2_CommunityUrl', value: 'abc' }] },
      errors: [{ text: 'abc', element: 'cr1a2_CommunityUrl' }, { text: 'e4fcf585-9fa7-ed11-aad1-00224805c3e1', element: 'cr1a2_ReadUserId' }],
    },
    {
      name: 'in a clone (.cdsproj) layout',
      layout: 'cdsproj',
      solution: { environmentVariables: [{ schemaName: 'cr1a2_Recipient', value: 'dev-team@contoso.com' }] },
      errors: [{ text: 'dev-team@contoso.com' }],
      secrets: ['dev-team@contoso.com'],
    },
    {
      name: 'a String variable holding a password: the value stays out of the message',
      solution: { environmentVariables: [{ schemaName: 'cr1a2_ErpPassword', value: 'Winter2024!x' }] },
      errors: [{ text: 'Winter2024!x' }],
      secrets: ['Winter2024!x'],
    },
  ],
});

test('solution/committed-env-var-value: data', () => {
  const { findings } = runCase(rule, { solution: { environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite', value: 'x1' }] } });
  assert.equal(findings[0].data?.schemaName, 'cr1a2_InvoiceSite');
  assert.equal(findings[0].data?.sameAsDefault, false);
  assert.match(String(findings[0].data?.file), /cr1a2_InvoiceSite\/environmentvariablevalues\.json$/);
});
