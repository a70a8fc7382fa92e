import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/solution/secret-env-var-as-text';
import type { EnvVarSpec } from '../../support/fixture';
import { runCase, ruleTester } from '../../support/rule-tester';

/** An environment variable definition with a description (the fixture writes an empty one). */
function describedVariable(schemaName: string, description: string, type = 100000000): Record<string, string> {
  return {
    [`environmentvariabledefinitions/${schemaName}/environmentvariabledefinition.xml`]: `<environmentvariabledefinition schemaname="${schemaName}">
  <description default="${description}">
    <label description="${description}" languagecode="1033" />
  </description>
  <displayname default="${schemaName}">
    <label description="${schemaName}" languagecode="1033" />
  </displayname>
  <introducedversion>1.0.0.0</introducedversion>
  <iscustomizable>1</iscustomizable>
  <isrequired>0</isrequired>
  <secretstore>0</secretstore>
  <type>${type}</type>
</environmentvariabledefinition>
`,
  };
}

const vars = (...v: EnvVarSpec[]) => ({ environmentVariables: v });

function flowUsing(param: string, schema: string, inputs: Record<string, unknown>) {
  return {
    name: 'Call ERP',
    definition: {
      parameters: { $connections: { defaultValue: {}, type: 'Object' }, [param]: { defaultValue: '', type: 'String', metadata: { schemaName: schema } } },
      actions: { Call_ERP: { type: 'Http', runAfter: {}, inputs: { method: 'GET', uri: 'https://erp.contoso.com/api/orders', ...inputs } } },
    },
  };
}

ruleTester(rule, {
  valid: [
    {
      name: 'issue 9: Secret variables given Key Vault references and pipeline tokens in deployment settings',
      solution: {
        ...vars({ schemaName: 'cnt_ErpClientSecret', type: 100000005, secretStore: 0 }, { schemaName: 'cnt_SmtpPassword', type: 100000005, secretStore: 0 }),
        settings: {
          Prod: { EnvironmentVariables: [{ SchemaName: 'cnt_ErpClientSecret', Value: '/subscriptions/8c4e2f51-3a9b-4c7d-9e21-5f6a7b8c9d0e/resourceGroups/rg-rpa/providers/Microsoft.KeyVault/vaults/kv-contoso-prod/secrets/erp-client-secret' }, { SchemaName: 'cnt_SmtpPassword', Value: '#{environmentvariable.cnt_SmtpPassword}#' }], ConnectionReferences: [] },
        },
      },
    },
    { name: 'a Secret environment variable named ClientSecret', solution: vars({ schemaName: 'admin_CommandCenterClientAzureSecret', displayName: 'Command Center - Client Azure Secret', type: 100000005, secretStore: 0 }) },
    { name: 'SecretName, KeyVaultUrl, ClientId, TokenEndpoint are not secrets', solution: vars({ schemaName: 'cr1a2_SecretName', defaultValue: 'erp-password' }, { schemaName: 'cr1a2_KeyVaultUrl', defaultValue: 'https://kv-contoso.vault.azure.net/' }, { schemaName: 'cr1a2_ClientId', defaultValue: '8c4e2f51-3a9b-4c7d-9e21-5f6a7b8c9d0e' }, { schemaName: 'cr1a2_TokenEndpoint', defaultValue: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token' }) },
    { name: 'a Number named like a token setting', solution: vars({ schemaName: 'cr1a2_TokenLifetime', type: 100000001, defaultValue: '3600' }) },
    { name: 'a description that names the secret, not holds it', solution: { environmentVariables: [{ schemaName: 'cr1a2_ErpVaultEntry' }], files: describedVariable('cr1a2_ErpVaultEntry', 'Name of the Key Vault secret that holds the ERP password') } },
    { name: 'a flow uses the variable as a host, not a secret', solution: { ...vars({ schemaName: 'cr1a2_ErpHost' }), cloudFlows: [flowUsing('ERP Host (cr1a2_ErpHost)', 'cr1a2_ErpHost', { uri: "https://@{parameters('ERP Host (cr1a2_ErpHost)')}/api/orders" })] } },
    { name: 'a connection string without a password', solution: vars({ schemaName: 'cr1a2_OrdersDb', defaultValue: 'Server=sql-orders.contoso.com;Database=Orders;Integrated Security=true' }) },
    { name: 'pipeline tokens in deployment settings', solution: { ...vars({ schemaName: 'cr1a2_OrdersDb' }), settings: { Prod: { EnvironmentVariables: [{ SchemaName: 'cr1a2_OrdersDb', Value: '#{environmentvariable.cr1a2_OrdersDb}#' }], ConnectionReferences: [] } } } },
    { name: 'a Boolean named UsePassword', solution: vars({ schemaName: 'cr1a2_UsePasswordLogin', type: 100000002, defaultValue: 'no' }) },
    { name: 'a user name passed as the Basic user', solution: { ...vars({ schemaName: 'cr1a2_ErpUser' }), cloudFlows: [flowUsing('ERP User (cr1a2_ErpUser)', 'cr1a2_ErpUser', { authentication: { type: 'Basic', username: "@parameters('ERP User (cr1a2_ErpUser)')", password: '#{ErpPassword}#' } })] } },
  ],
  invalid: [
    {
      name: 'issue 9: a Secret variable given a plain value (not a Key Vault reference) in deployment settings',
      solution: {
        ...vars({ schemaName: 'cnt_ErpClientSecret', type: 100000005, secretStore: 0 }, { schemaName: 'cnt_SmtpPassword', type: 100000005, secretStore: 0 }),
        settings: {
          Prod: { EnvironmentVariables: [{ SchemaName: 'cnt_ErpClientSecret', Value: 'Pr0d-S3cret!Erp' }, { SchemaName: 'cnt_SmtpPassword', Value: '/subscriptions/8c4e2f51-3a9b-4c7d-9e21-5f6a7b8c9d0e/resourceGroups/rg-rpa/providers/Microsoft.KeyVault/vaults/kv-contoso-prod/secrets/smtp-password' }], ConnectionReferences: [] },
        },
      },
      errors: [{ text: 'Pr0d-S3cret!Erp', message: /^The Prod deployment settings give Secret environment variable "cnt_ErpClientSecret" a plain value instead of an Azure Key Vault secret reference/, severity: 'error', element: 'cnt_ErpClientSecret' }],
      secrets: ['Pr0d-S3cret!Erp'],
    },
    {
      name: 'CoE: a client secret kept as a String environment variable',
      solution: vars({ schemaName: 'admin_CommandCenterClientSecret', displayName: 'Command Center - Client Secret' }),
      errors: [{ text: 'admin_CommandCenterClientSecret', message: /^Environment variable "admin_CommandCenterClientSecret" is of type String but holds a secret: its name says it holds a secret\./, severity: 'error', element: 'admin_CommandCenterClientSecret' }],
    },
    {
      name: 'a description that says it holds a password',
      solution: { environmentVariables: [{ schemaName: 'cr1a2_ErpLogin' }], files: describedVariable('cr1a2_ErpLogin', 'The password of the ERP service account') },
      errors: [{ text: 'cr1a2_ErpLogin', message: /its description says it holds a secret/ }],
    },
    {
      name: 'a default value that is a connection string with a password',
      solution: vars({ schemaName: 'cr1a2_OrdersDb', defaultValue: 'Server=sql-orders.contoso.com;Database=Orders;User ID=svc;Password=Pa55w0rd!' }),
      errors: [{ text: 'cr1a2_OrdersDb', message: /its default value looks like a secret/ }],
      secrets: ['Pa55w0rd!'],
    },
    {
      name: 'a deployment settings value that is a token',
      solution: { ...vars({ schemaName: 'cr1a2_ErpAccess' }), settings: { Prod: { EnvironmentVariables: [{ SchemaName: 'cr1a2_ErpAccess', Value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U' }], ConnectionReferences: [] } } },
      errors: [{ text: 'cr1a2_ErpAccess', message: /its value in the Prod deployment settings looks like a secret/ }],
      secrets: ['eyJhbGciOiJIUzI1NiJ9'],
    },
    {
      name: 'a flow sends it as an API key header',
      solution: { ...vars({ schemaName: 'cr1a2_ErpAccess' }), cloudFlows: [flowUsing('ERP Access (cr1a2_ErpAccess)', 'cr1a2_ErpAccess', { headers: { 'x-api-key': "@parameters('ERP Access (cr1a2_ErpAccess)')" } })] },
      errors: [{ text: 'cr1a2_ErpAccess', message: /cloud flow "Call ERP" passes it to header "x-api-key" of action "Call_ERP"/ }],
    },
    {
      name: 'a flow passes it through a variable to Basic authentication',
      solution: {
        ...vars({ schemaName: 'cr1a2_ErpLogin' }),
        cloudFlows: [{
          name: 'Call ERP',
          definition: {
            parameters: { 'ERP Login (cr1a2_ErpLogin)': { defaultValue: '', type: 'String', metadata: { schemaName: 'cr1a2_ErpLogin' } } },
            actions: {
              Init: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'pw', type: 'string', value: "@parameters('ERP Login (cr1a2_ErpLogin)')" }] } },
              Call_ERP: { type: 'Http', runAfter: {}, inputs: { method: 'GET', uri: 'https://erp.contoso.com/api', authentication: { type: 'Basic', username: 'svc', password: "@variables('pw')" } } },
            },
          },
        }],
      },
      errors: [{ text: 'cr1a2_ErpLogin', message: /passes it to authentication password of action "Call_ERP"/ }],
    },
    {
      name: 'a JSON environment variable holding credentials',
      solution: vars({ schemaName: 'cr1a2_ApiCredentials', type: 100000003, defaultValue: '{"user":"svc","password":""}' }),
      errors: [{ text: 'cr1a2_ApiCredentials', message: /is of type JSON but holds a secret/ }],
    },
  ],
});

test('solution/secret-env-var-as-text: data lists every reason', () => {
  const { findings } = runCase(rule, { solution: { ...vars({ schemaName: 'cr1a2_ApiKey', defaultValue: 'Server=x;Password=abcdef12' }), cloudFlows: [flowUsing('API Key (cr1a2_ApiKey)', 'cr1a2_ApiKey', { headers: { 'x-api-key': "@parameters('API Key (cr1a2_ApiKey)')" } })] } });
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0].data?.reasons, ['name', 'value', 'usage']);
  assert.ok(!findings[0].message.includes('abcdef12'));
});
