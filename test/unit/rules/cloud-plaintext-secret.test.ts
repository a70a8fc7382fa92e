import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/cloud/plaintext-secret';
import { looksRandom } from '../../../server/src/analysis/shared/values';
import { isSecretName } from '../../../server/src/analysis/shared/vocabulary';
import type { RuleCase } from '../../support/rule-tester';
import { runCase, ruleTester } from '../../support/rule-tester';

const DF_ID = '0d1dfeca-b59f-f111-aaac-002248255e83';

/** A solution with one cloud flow holding `actions` (and optionally more definition parts). */
function flow(actions: Record<string, unknown>, more: Partial<RuleCase> & { definition?: Record<string, unknown>; solution?: Record<string, unknown> } = {}): RuleCase {
  const { definition, solution, ...rest } = more;
  return {
    solution: { cloudFlows: [{ name: 'Secrets', definition: { actions, ...(definition ?? {}) } }], ...(solution ?? {}) },
    ...rest,
  };
}

function http(inputs: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'Http', runAfter: {}, inputs: { method: 'POST', uri: 'https://api.contoso.com/v1/orders', ...inputs }, ...extra };
}

function connector(api: string, operationId: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'OpenApiConnection', runAfter: {}, inputs: { host: { apiId: `/providers/Microsoft.PowerApps/apis/${api}`, connectionName: api, operationId }, parameters, authentication: "@parameters('$authentication')" }, ...extra };
}

const secure = (...props: string[]) => ({ runtimeConfiguration: { secureData: { properties: props } } });

const PARAMS = {
  $connections: { defaultValue: {}, type: 'Object' },
  $authentication: { defaultValue: {}, type: 'SecureObject' },
  'Api Password (cr1a2_ApiPassword)': { defaultValue: '', type: 'String', metadata: { schemaName: 'cr1a2_ApiPassword' } },
  'Function Key (cr1a2_FunctionKey)': { defaultValue: '', type: 'String', metadata: { schemaName: 'cr1a2_FunctionKey' } },
};

const desktopFlow = {
  name: 'Post invoices',
  id: DF_ID,
  script: "@@ConnectionString: ''\r\n@SENSITIVE: [Input_Pin]\r\nSET Done TO 1",
  inputs: [{ name: 'Input_Pin', sensitive: true }, { name: 'Input_Folder' }],
};

function runDesktop(parameters: Record<string, unknown>): Record<string, unknown> {
  return connector('shared_uiflow', 'RunUIFlow_V2', { uiFlowId: DF_ID, runMode: 'unattended', ...parameters });
}

ruleTester(rule, {
  valid: [
    {
      name: 'issue 9: expression constants that name things are not literals (references, property names, comparisons)',
      ...flow({
        Get_token: http({ uri: 'https://login.contoso.com/token' }),
        Call_Orders: http({ headers: { Authorization: "@concat('Bearer ', body('Get_token')?['access_token'])", 'x-api-key': "@if(equals(variables('Stage'), 'production-west'), parameters('ProdKey'), parameters('TestKey'))" } }),
      }),
    },
    { name: 'headers that only mention a key or a token, and key headers from references', ...flow({ HTTP: http({ headers: { 'x-api-key-id': 'key-2025-07', 'x-token-type': 'opaque', 'X-Carrier-Api-Key': "@parameters('Api Password (cr1a2_ApiPassword)')", 'subscription-key': '#{MapsKey}#' } }) }, { definition: { parameters: PARAMS } }) },
    { name: 'Basic authentication reads the password from an environment variable', ...flow({ HTTP: http({ authentication: { type: 'Basic', username: 'svc-orders', password: "@parameters('Api Password (cr1a2_ApiPassword)')" } }, secure('inputs')) }, { definition: { parameters: PARAMS } }) },
    { name: 'bearer token from a previous action, interpolated', ...flow({ HTTP: http({ headers: { Authorization: "Bearer @{body('Get_token')?['access_token']}" } }) }) },
    { name: 'function key from an environment variable inside the URI', ...flow({ HTTP: http({ uri: "https://fn-orders.azurewebsites.net/api/run?code=@{parameters('Function Key (cr1a2_FunctionKey)')}" }) }, { definition: { parameters: PARAMS } }) },
    { name: 'a #{…}# pipeline token in a key header', ...flow({ HTTP: http({ headers: { 'x-api-key': '#{OrdersApiKey}#' } }) }) },
    { name: 'the word "password" in an email body', ...flow({ Send: connector('shared_office365', 'SendEmailV2', { 'emailMessage/To': 'helpdesk@contoso.com', 'emailMessage/Subject': 'Password reset', 'emailMessage/Body': '<p>Your password was reset. Choose a new password at first sign-in.</p>' }) }) },
    { name: 'Key Vault secret read with secure outputs, sent with secure inputs', ...flow({
      Get_secret: connector('shared_keyvault', 'GetSecret', { secretName: 'orders-api-password' }, secure('outputs')),
      HTTP: http({ authentication: { type: 'Basic', username: 'svc-orders', password: "@body('Get_secret')?['value']" } }, secure('inputs')),
    }) },
    { name: 'masked and placeholder values', ...flow({ HTTP: http({ authentication: { type: 'Basic', username: 'svc', password: '********' }, headers: { 'x-api-key': '<your-api-key>' } }) }) },
    { name: 'names that mention a secret but hold something else: secretName, TokenEndpoint, SecretName variable', ...flow({
      Init: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'SecretName', type: 'string', value: 'orders-api-password' }, { name: 'TokenEndpoint', type: 'string', value: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token' }] } },
      Get_secret: connector('shared_keyvault', 'GetSecret', { secretName: "@variables('SecretName')" }, secure('outputs')),
    }) },
    { name: 'managed identity: no secret at all', ...flow({ HTTP: http({ uri: 'https://graph.microsoft.com/v1.0/users', method: 'GET', authentication: { type: 'ManagedServiceIdentity', audience: 'https://graph.microsoft.com' } }) }) },
    { name: 'a user name is not a secret, even next to a password reference', ...flow({
      Init_user: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'ServiceUser', type: 'string', value: 'svc-orders@contoso.com' }] } },
      HTTP: http({ headers: { Authorization: "Basic @{base64(concat(variables('ServiceUser'), ':', parameters('Api Password (cr1a2_ApiPassword)')))}" } }, secure('inputs')),
    }, { definition: { parameters: PARAMS } }) },
    { name: 'a connection string with integrated security', ...flow({ Compose: { type: 'Compose', runAfter: {}, inputs: 'Server=sql-prod.contoso.com;Database=Orders;Integrated Security=true' } }) },
    { name: 'OAuth client credentials body with the secret from an environment variable', ...flow({ Token: http({ uri: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: "grant_type=client_credentials&client_id=8c4e2f51-3a9b-4c7d-9e21-5f6a7b8c9d0e&client_secret=@{encodeUriComponent(parameters('Api Password (cr1a2_ApiPassword)'))}&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default" }, secure('inputs', 'outputs')) }, { definition: { parameters: PARAMS } }) },
    { name: 'desktop flow: the sensitive input from an environment variable, a plain input literal', ...flow({ Run: runDesktop({ 'item/Input_Pin': "@parameters('Api Password (cr1a2_ApiPassword)')", 'item/Input_Folder': 'Invoices' }) }, { definition: { parameters: PARAMS }, solution: { desktopFlows: [desktopFlow] } }) },
    { name: 'OData filters and Dataverse table names are not secrets', ...flow({ List: connector('shared_commondataserviceforapps', 'ListRecords', { entityName: 'accounts', $filter: "password eq 'abc123' and token eq 'x'" }) }) },
    { name: 'pagination tokens and boolean flags named like secrets', ...flow({ Call: connector('shared_contosoorders', 'ListOrders', { nextPageToken: 'c2tpcDoxMDA=', passwordRequired: 'false', isSecret: 'true' }) }) },
    { name: 'a report about expiring credentials (real shape: an HTML table built in a variable) holds markup, not a secret', ...flow({
      Init: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'varExpiringApplicationCredentialsHtml', type: 'string', value: '<table><tr><th>Application</th><th>Type</th></tr>' }] } },
      Append: { type: 'AppendToStringVariable', runAfter: { Init: ['Succeeded'] }, inputs: { name: 'varExpiringApplicationCredentialsHtml', value: "<tr><td >@{items('Apply')?['displayName']}</td><td >Secret</td><td >@{items('Apply')?['endDateTime']}</td></tr>" } },
    }) },
  ],
  invalid: [
    {
      name: 'issue 9: sqlcmd -P in the command text a runbook receives',
      ...flow({ Run_Export: connector('shared_azureautomation', 'CreateJob', { 'runbookParameters/Command': 'sqlcmd -S sql-prod01 -U sa -P Pr0d-Sql-Pass! -Q "EXEC dbo.Export"' }) }),
      errors: [{ text: 'Pr0d-Sql-Pass!', message: /^Action "Run_Export" has a literal password in the command line in parameter "runbookParameters\/Command"\./ }],
      secrets: ['Pr0d-Sql-Pass!'],
    },
    {
      name: 'issue 9: a token and a key written as string arguments of concat() in an expression',
      ...flow({
        Call_Orders: http({ headers: { Authorization: "@concat('Bearer ', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcmRlcnMtYm90In0.Qm9ndXNTaWduYXR1cmVGb3JUZXN0c19YeVo')", 'x-api-key': "@concat('', 'k3y-L1t3ral-S3cr3t-V4lu3')" } }),
        Notify: http({ body: { note: "@concat('token: ', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcmRlcnMtYm90In0.Qm9ndXNTaWduYXR1cmVGb3JUZXN0c19YeVo')" } }),
      }),
      errors: [
        { text: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcmRlcnMtYm90In0.Qm9ndXNTaWduYXR1cmVGb3JUZXN0c19YeVo', message: /^Action "Call_Orders" has a literal credential in header "Authorization"\./ },
        { text: 'k3y-L1t3ral-S3cr3t-V4lu3', message: /^Action "Call_Orders" has a literal key in header "x-api-key"\./ },
        { text: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcmRlcnMtYm90In0.Qm9ndXNTaWduYXR1cmVGb3JUZXN0c19YeVo', message: /^Action "Notify" has a literal JSON web token in .*\(inside an expression\)|^Action "Notify" has a literal JSON web token/ },
      ],
      secrets: ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcmRlcnMtYm90In0.Qm9ndXNTaWduYXR1cmVGb3JUZXN0c19YeVo', 'k3y-L1t3ral-S3cr3t-V4lu3'],
    },
    {
      name: 'issue 9: an access token in a URL fragment (#access_token=…)',
      ...flow({ Callback: http({ method: 'GET', uri: 'https://portal.contoso.com/auth/callback#access_token=Zx8vQ2mN4pL7rT1yU3wE5sD9&token_type=bearer' }) }),
      errors: [{ text: 'Zx8vQ2mN4pL7rT1yU3wE5sD9', message: /^Action "Callback" has a literal secret in "access_token" in the URI\./ }],
      secrets: ['Zx8vQ2mN4pL7rT1yU3wE5sD9'],
    },
    {
      name: 'API-key headers: known names and any *-api-key / *-subscription-key / *-access-token / *-secret header',
      ...flow({ HTTP: http({ headers: { 'subscription-key': 'Mp8sKq2LxV4nR7tZ9wB3cD5fG1hJ6kM0', 'X-Subscription-Key': 'c0ffee00c0ffee00c0ffee00c0ffee00', 'X-Carrier-Api-Key': 'ck_live_51HqLk2eZvKYlo2C', 'x_partner_access_token': 'tok-9f8e7d6c5b4a', 'X-Webhook-Secret': 'whsec-3a4b5c6d7e' } }, secure('inputs')) }),
      errors: [
        { text: 'Mp8sKq2LxV4nR7tZ9wB3cD5fG1hJ6kM0', message: /header "subscription-key"/ },
        { text: 'c0ffee00c0ffee00c0ffee00c0ffee00', message: /header "X-Subscription-Key"/ },
        { text: 'ck_live_51HqLk2eZvKYlo2C', message: /header "X-Carrier-Api-Key"/ },
        { text: 'tok-9f8e7d6c5b4a', message: /header "x_partner_access_token"/ },
        { text: 'whsec-3a4b5c6d7e', message: /header "X-Webhook-Secret"/ },
      ],
      secrets: ['Mp8sKq2LxV4nR7tZ9wB3cD5fG1hJ6kM0', 'c0ffee00c0ffee00c0ffee00c0ffee00', 'ck_live_51HqLk2eZvKYlo2C', 'tok-9f8e7d6c5b4a', 'whsec-3a4b5c6d7e'],
    },
    {
      name: 'Basic authentication with a literal password',
      ...flow({ HTTP: http({ authentication: { type: 'Basic', username: 'svc-orders', password: 'S3cr3t!Pass' } }) }),
      errors: [{ text: 'S3cr3t!Pass', message: /^Action "HTTP" has a literal password in authentication password\./, severity: 'error', element: 'HTTP' }],
      secrets: ['S3cr3t!Pass'],
    },
    {
      name: 'Active Directory OAuth with a literal client secret',
      ...flow({ Call_Graph: http({ uri: 'https://graph.microsoft.com/v1.0/users', authentication: { type: 'ActiveDirectoryOAuth', tenant: 'contoso.onmicrosoft.com', audience: 'https://graph.microsoft.com', clientId: '8c4e2f51-3a9b-4c7d-9e21-5f6a7b8c9d0e', secret: 'Zq8~Q2x.f9Lk3mN0pR7sT1uV4wX6yZ8aB' } }) }),
      errors: [{ text: 'Zq8~Q2x.f9Lk3mN0pR7sT1uV4wX6yZ8aB', message: /client secret in authentication secret/ }],
      secrets: ['Zq8~Q2x.f9Lk3mN0pR7sT1uV4wX6yZ8aB'],
    },
    {
      name: 'Authorization header with a literal bearer token: the token part is reported',
      ...flow({ HTTP: http({ headers: { Authorization: 'Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0', 'Content-Type': 'application/json' } }) }),
      errors: [{ text: '9f8e7d6c5b4a39281706f5e4d3c2b1a0', message: /credential in header "Authorization"/ }],
      secrets: ['9f8e7d6c5b4a39281706f5e4d3c2b1a0'],
    },
    {
      name: 'x-api-key and Ocp-Apim-Subscription-Key headers',
      ...flow({ HTTP: http({ headers: { 'x-api-key': 'ak_live_4f3e2d1c0b9a8776', 'Ocp-Apim-Subscription-Key': '0123456789abcdef0123456789abcdef' } }) }),
      errors: [{ text: 'ak_live_4f3e2d1c0b9a8776', message: /key in header "x-api-key"/ }, { text: '0123456789abcdef0123456789abcdef', message: /header "Ocp-Apim-Subscription-Key"/ }],
      secrets: ['ak_live_4f3e2d1c0b9a8776', '0123456789abcdef0123456789abcdef'],
    },
    {
      name: 'a SAS signature in a Logic Apps trigger URL; the api-version next to it is fine',
      ...flow({ Call_flow: http({ uri: 'https://prod-27.westeurope.logic.azure.com:443/workflows/4f2a/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=Qx7pL2mN9vB4cD1eF6gH3jK8sT5uW0yZaBcDeFgHiJk' }) }),
      errors: [{ text: 'Qx7pL2mN9vB4cD1eF6gH3jK8sT5uW0yZaBcDeFgHiJk', message: /SAS signature in "sig" in the URI/ }],
      secrets: ['Qx7pL2mN9vB4cD1eF6gH3jK8sT5uW0yZaBcDeFgHiJk'],
    },
    {
      name: 'an Azure Functions key in the URI query and a code query parameter',
      ...flow({
        Run_function: http({ uri: 'https://fn-orders.azurewebsites.net/api/run?code=aBcD1234eFgH5678iJkL9012mNoP3456qRsT==' }),
        Run_function_2: http({ uri: 'https://fn-orders.azurewebsites.net/api/run', queries: { code: 'zYxW9876vUtS5432rQpO1098nMlK7654jIhG==' } }),
      }),
      errors: [{ text: 'aBcD1234eFgH5678iJkL9012mNoP3456qRsT==', message: /key in "code" in the URI/ }, { text: 'zYxW9876vUtS5432rQpO1098nMlK7654jIhG==', message: /query parameter "code"/ }],
      secrets: ['aBcD1234eFgH5678iJkL9012mNoP3456qRsT==', 'zYxW9876vUtS5432rQpO1098nMlK7654jIhG=='],
    },
    {
      name: 'credentials in the URI (user:password@host)',
      ...flow({ Download: http({ method: 'GET', uri: 'https://svc-orders:Winter2024x@files.contoso.com/export/orders.csv' }) }),
      errors: [{ text: 'Winter2024x', message: /password in the URI/ }],
      secrets: ['Winter2024x'],
    },
    {
      name: 'a connection string with Password= in a connector parameter (only the password is reported)',
      ...flow({ Run_query: connector('shared_contosodb', 'RunQuery', { connectionString: 'Server=tcp:sql-orders.contoso.com,1433;Database=Orders;User ID=svc_orders;Password=Pa55w0rd!2024;Encrypt=true', query: 'select 1' }) }),
      errors: [{ text: 'Pa55w0rd!2024', message: /password in "Password" of a connection string/ }],
      secrets: ['Pa55w0rd!2024'],
    },
    {
      name: 'storage account key in a connection string',
      ...flow({ Compose_storage: { type: 'Compose', runAfter: {}, inputs: 'DefaultEndpointsProtocol=https;AccountName=stcontosoorders;AccountKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6QUJDREVGR0hJSktMTU5PUA==;EndpointSuffix=core.windows.net' } }),
      errors: [{ text: 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6QUJDREVGR0hJSktMTU5PUA==', message: /access key in "AccountKey" of a connection string/ }],
      secrets: ['Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6QUJDREVGR0hJSktMTU5PUA=='],
    },
    {
      name: 'a secret-named connector parameter and an HTTP body field',
      ...flow({
        Create_order: connector('shared_contosoorders', 'CreateOrder', { apiKey: 'k3y-7f6e5d4c3b2a1908', 'item/Customer': 'Fabrikam' }),
        HTTP: http({ body: { client_id: '8c4e2f51-3a9b-4c7d-9e21-5f6a7b8c9d0e', client_secret: 'uV4~wX6yZ8aBcD1eF3gH', grant_type: 'client_credentials' } }),
      }),
      errors: [{ text: 'k3y-7f6e5d4c3b2a1908', message: /API key in parameter "apiKey"/ }, { text: 'uV4~wX6yZ8aBcD1eF3gH', message: /client secret in body field "client_secret"/ }],
      secrets: ['k3y-7f6e5d4c3b2a1908', 'uV4~wX6yZ8aBcD1eF3gH'],
    },
    {
      name: 'a form-encoded token request with a literal client secret',
      ...flow({ Token: http({ uri: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token', body: 'grant_type=client_credentials&client_id=8c4e2f51&client_secret=Zq8~Q2x.f9Lk3mN0&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default' }) }),
      errors: [{ text: 'Zq8~Q2x.f9Lk3mN0', message: /"client_secret" in the text/ }],
      secrets: ['Zq8~Q2x.f9Lk3mN0'],
    },
    {
      name: 'a literal in a variable that reaches a key header through variables()',
      ...flow({
        Init_header: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'varHeader', type: 'string', value: 'sk-9a8b7c6d5e4f3a2b1c0d' }] } },
        Call_API: http({ headers: { 'x-api-key': "@variables('varHeader')" } }),
      }),
      errors: [{ text: 'sk-9a8b7c6d5e4f3a2b1c0d', message: /^Variable "varHeader" is given a literal key in action "Init_header", and it reaches header "x-api-key" of action "Call_API"\./, element: 'Init_header' }],
      secrets: ['sk-9a8b7c6d5e4f3a2b1c0d'],
    },
    {
      name: 'Set variable of a variable named like a secret, and one reaching a password through Compose',
      ...flow({
        Init: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'ApiToken', type: 'string' }] } },
        Set_token: { type: 'SetVariable', runAfter: {}, inputs: { name: 'ApiToken', value: 'tok_51HqLx2eZvKYlo2C9aBcDeF' } },
        Compose_password: { type: 'Compose', runAfter: {}, inputs: 'Autumn!2024pw' },
        HTTP: http({ authentication: { type: 'Basic', username: 'svc', password: "@outputs('Compose_password')" } }),
      }),
      errors: [{ text: 'tok_51HqLx2eZvKYlo2C9aBcDeF', message: /token in variable "ApiToken"/ }, { text: 'Autumn!2024pw', message: /^Compose action "Compose_password" holds a literal password/ }],
      secrets: ['tok_51HqLx2eZvKYlo2C9aBcDeF', 'Autumn!2024pw'],
    },
    {
      name: 'a sensitive desktop-flow input given a literal (sensitive by the desktop flow, not by its name)',
      ...flow({ Run: runDesktop({ 'item/Input_Pin': '4711-2024', 'item/Input_Folder': 'Invoices' }) }, { solution: { desktopFlows: [desktopFlow] } }),
      errors: [{ text: '4711-2024', message: /sensitive desktop-flow input in desktop-flow input "Input_Pin"/ }],
      secrets: ['4711-2024'],
    },
    {
      name: 'roles from meaning: a sensitive user-name input is not the secret; the password beside it is',
      ...flow({ Run: runDesktop({ 'item/Input_Username': 'svc-erp', 'item/Input_Password': 'Autumn!2024pw' }) }, { solution: { desktopFlows: [{ ...desktopFlow, script: "@@ConnectionString: ''\r\n@SENSITIVE: [Input_Username, Input_Password]\r\nSET Done TO 1" }] } }),
      errors: [{ text: 'Autumn!2024pw', message: /sensitive desktop-flow input in desktop-flow input "Input_Password"/ }],
      secrets: ['Autumn!2024pw'],
    },
    {
      name: 'a JSON web token pasted into a Compose, and a Raw authentication value',
      ...flow({
        Compose: { type: 'Compose', runAfter: {}, inputs: { note: 'cached', jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U' } },
        HTTP: http({ authentication: { type: 'Raw', value: 'SharedAccessSignature sr=orders&sig=Xy12Ab34Cd56Ef78&se=1700000000' } }),
      }),
      errors: [
        { text: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', message: /JSON web token in body|JSON web token in jwt/ },
        { text: 'sr=orders&sig=Xy12Ab34Cd56Ef78&se=1700000000', message: /credential in authentication value/ },
      ],
      secrets: ['eyJhbGciOiJIUzI1NiJ9', 'Xy12Ab34Cd56Ef78'],
    },
    {
      name: 'JSON escapes inside the secret: the span covers the escaped text',
      ...flow({ HTTP: http({ authentication: { type: 'Basic', username: 'svc', password: 'P@ss\\w"rd!' } }) }),
      errors: [{ text: String.raw`P@ss\\w\"rd!` }],
      secrets: ['P@ss\\w"rd!'],
    },
    {
      name: 'a literal part next to an interpolation',
      ...flow({ HTTP: http({ headers: { 'x-api-key': "@{variables('prefix')}9f8e7d6c5b4a3928" } }) }),
      errors: [{ text: '9f8e7d6c5b4a3928', message: /key in header "x-api-key"/ }],
      secrets: ['9f8e7d6c5b4a3928'],
    },
  ],
});

test('cloud/plaintext-secret: data for the fix engine', () => {
  const { findings } = runCase(rule, flow({ HTTP: http({ headers: { Authorization: 'Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0' } }) }));
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0].data, { action: 'HTTP', parameter: '/properties/definition/actions/HTTP/inputs/headers/Authorization', literal: 'part', kind: 'header', secret: 'credential' });
  const viaVariable = runCase(rule, flow({
    Init: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'k', type: 'string', value: 'sk-9a8b7c6d5e4f3a2b1c0d' }] } },
    HTTP: http({ headers: { 'x-api-key': "@variables('k')" } }),
  })).findings;
  assert.deepEqual(viaVariable[0].data, {
    action: 'Init', parameter: '/properties/definition/actions/Init/inputs/variables/0/value', literal: 'whole', kind: 'variable', secret: 'key',
    via: { kind: 'variable', name: 'k', sinkAction: 'HTTP', sinkWhere: 'header "x-api-key"' },
  });
});

test('values: isSecretName and looksRandom (shared with the desktop-flow rules)', () => {
  for (const n of ['password', 'Password', 'client_secret', 'x-api-key', 'ApiKey', 'cr1a2_ApiKey', 'item/Input_Password', 'AccessToken', 'SecretAccessKey', 'Ocp-Apim-Subscription-Key', 'pwd', 'Credentials']) assert.ok(isSecretName(n), n);
  for (const n of ['SecretName', 'KeyVaultUrl', 'ClientId', 'TokenEndpoint', 'passwordExpiry', 'nextPageToken', '$skiptoken', 'isSecret', 'usePassword', 'accessKeyId', 'credentialType', 'Secret_AzureType', 'username', 'keyVaultName', 'environmentvariablename', 'tokenLifetime', 'varExpiringApplicationCredentialsHtml', 'SecretRotationEmailBody', 'TokenReportTable']) assert.ok(!isSecretName(n), n);
  assert.ok(isSecretName('Pin', ['PIN']));
  assert.ok(looksRandom('aBcD1234eFgH5678iJkL'));
  assert.ok(!looksRandom('3f2acc10-1d2e-4f5a-8b9c-0d1e2f3a4b5c'));
  assert.ok(!looksRandom('customer-number'));
});
