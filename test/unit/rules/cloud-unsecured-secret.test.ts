import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/cloud/unsecured-secret';
import type { RuleCase } from '../../support/rule-tester';
import { runCase, ruleTester } from '../../support/rule-tester';

const DF_ID = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

function flow(actions: Record<string, unknown>, more: { definition?: Record<string, unknown>; solution?: Record<string, unknown> } = {}): RuleCase {
  return { solution: { cloudFlows: [{ name: 'Vault', definition: { actions, ...(more.definition ?? {}) } }], ...(more.solution ?? {}) } };
}

function http(inputs: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'Http', runAfter: {}, inputs: { method: 'GET', uri: 'https://api.contoso.com/v1/orders', ...inputs }, ...extra };
}

function connector(api: string, operationId: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'OpenApiConnection', runAfter: {}, inputs: { host: { apiId: `/providers/Microsoft.PowerApps/apis/${api}`, connectionName: api, operationId }, parameters, authentication: "@parameters('$authentication')" }, ...extra };
}

const secure = (...props: string[]) => ({ runtimeConfiguration: { secureData: { properties: props } } });
const getSecret = (extra: Record<string, unknown> = {}) => connector('shared_keyvault', 'GetSecret', { secretName: 'orders-api-key' }, extra);
const envSecret = (extra: Record<string, unknown> = {}) => connector('shared_commondataserviceforapps', 'PerformUnboundAction', { actionName: 'RetrieveEnvironmentVariableSecretValue', 'item/EnvironmentVariableName': 'cr1a2_ordersapikey' }, extra);

const PARAMS = {
  $connections: { defaultValue: {}, type: 'Object' },
  $authentication: { defaultValue: {}, type: 'SecureObject' },
  'Orders Password (cr1a2_OrdersPassword)': { defaultValue: '', type: 'String', metadata: { schemaName: 'cr1a2_OrdersPassword' } },
};

const desktopFlow = (outputs: Array<{ name: string; sensitive?: boolean }> = []) => ({
  name: 'Sign in to ERP',
  id: DF_ID,
  script: "@@ConnectionString: ''\r\nSET Done TO 1",
  inputs: [{ name: 'Input_Password', sensitive: true }, { name: 'Input_User' }],
  outputs,
});

/** A Power Apps (request) trigger whose body declares these properties. */
const requestTrigger = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  manual: { type: 'Request', kind: 'PowerApp', inputs: { schema: { type: 'object', properties, required: Object.keys(properties) } }, ...extra },
});
const RECEIVED = { TenantID_Value: { type: 'string' }, ClientSecret_Value: { type: 'string' } };
const keepSecret = { Init: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'Client Secret', type: 'string', value: "@{triggerBody()['ClientSecret_Value']}" }] } } };
const parseSecret = (extra: Record<string, unknown> = {}) => ({ type: 'ParseJson', runAfter: {}, inputs: { content: "@variables('Client Secret')", schema: { type: 'object' } }, ...extra });

ruleTester(rule, {
  valid: [
    { name: 'a trigger receiving no secret-named property, passed on', ...flow({ Compose: { type: 'Compose', runAfter: {}, inputs: "@triggerBody()?['TenantID_Value']" } }, { definition: { triggers: requestTrigger({ TenantID_Value: { type: 'string' } }) } }) },
    { name: 'a received secret with secure trigger outputs, read directly by a secured action and by an action reading only the headers', ...flow({
      Compose: { type: 'Compose', runAfter: {}, inputs: "@triggerBody()?['ClientSecret_Value']" },
      Headers: { type: 'Compose', runAfter: {}, inputs: "@triggerOutputs()?['headers']?['x-ms-user-name']" },
    }, { definition: { triggers: requestTrigger(RECEIVED, secure('inputs', 'outputs')) } }) },
    { name: 'Key Vault secret read with secure outputs and sent with secure inputs', ...flow({
      Get_secret: getSecret(secure('outputs')),
      HTTP: http({ headers: { 'x-api-key': "@body('Get_secret')?['value']" } }, secure('inputs')),
    }) },
    { name: 'Secret environment variable read with secure outputs (CoE pattern)', ...flow({ Get_Azure_Secret: envSecret(secure('outputs')) }) },
    { name: 'managed identity authentication carries no secret', ...flow({ HTTP: http({ authentication: { type: 'ManagedServiceIdentity', audience: 'https://management.azure.com' } }) }) },
    { name: 'an HTTP call with ordinary headers', ...flow({ HTTP: http({ headers: { 'Content-Type': 'application/json', Accept: 'application/json' } }) }) },
    { name: 'connector actions authenticate through their connection', ...flow({ List: connector('shared_commondataserviceforapps', 'ListRecords', { entityName: 'accounts' }) }) },
    { name: 'a desktop flow run without sensitive inputs or outputs', ...flow({ Run: connector('shared_uiflow', 'RunUIFlow_V2', { uiFlowId: DF_ID, runMode: 'attended', 'item/Input_User': 'svc-erp' }) }, { solution: { desktopFlows: [desktopFlow()] } }) },
    { name: 'listing Key Vault secrets returns names only', ...flow({ List_secrets: connector('shared_keyvault', 'ListSecrets', {}) }) },
    { name: 'secret through a variable: reader and sender both secured', ...flow({
      Get_secret: getSecret(secure('outputs')),
      Init: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'key', type: 'string', value: "@body('Get_secret')?['value']" }] } },
      HTTP: http({ queries: { code: "@variables('key')" } }, secure('inputs')),
    }) },
    { name: 'a token request secured both ways', ...flow({ Get_token: http({ method: 'POST', uri: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token', body: "grant_type=client_credentials&client_id=abc&client_secret=@{parameters('Orders Password (cr1a2_OrdersPassword)')}" }, secure('inputs', 'outputs')) }, { definition: { parameters: PARAMS } }) },
    { name: 'a Compose taking secured outputs directly is hidden by the engine; the sender has secure inputs', ...flow({
      Get_secret: getSecret(secure('outputs')),
      Compose: { type: 'Compose', runAfter: {}, inputs: "@body('Get_secret')?['value']" },
      HTTP_2: http({ headers: { 'x-api-key': "@outputs('Compose')" } }, secure('inputs')),
    }) },
    { name: 'OAuth with a secret from secured outputs, sent with secure inputs', ...flow({
      Get_client_secret: envSecret(secure('outputs')),
      Create_user: http({ method: 'POST', uri: 'https://graph.microsoft.com/v1.0/users', authentication: { type: 'ActiveDirectoryOAuth', tenant: 'contoso.onmicrosoft.com', audience: 'https://graph.microsoft.com', clientId: 'abc', secret: "@body('Get_client_secret')?['EnvironmentVariableSecretValue']" } }, secure('inputs')),
    }) },
    { name: 'an Authorization header sent with secure inputs', ...flow({ HTTP: http({ headers: { Authorization: "Bearer @{parameters('Orders Password (cr1a2_OrdersPassword)')}" } }, secure('inputs')) }, { definition: { parameters: PARAMS } }) },
    { name: 'an Authorization header with an empty or placeholder value carries no credential', ...flow({ HTTP: http({ headers: { Authorization: 'Bearer <token>', 'x-api-key': '' } }) }) },
    { name: 'a Compose with Secure Inputs hides its outputs too', ...flow({
      Get_secret: getSecret(secure('outputs')),
      Init: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'token', type: 'string', value: "@body('Get_secret')?['value']" }] } },
      Compose_key: { type: 'Compose', runAfter: {}, inputs: "@variables('token')", ...secure('inputs') },
      HTTP: http({ headers: { 'x-api-key': "@outputs('Compose_key')" } }, secure('inputs')),
    }) },
    { name: 'a user name read from Dataverse is not a secret', ...flow({
      Get_user: connector('shared_commondataserviceforapps', 'GetItem', { entityName: 'systemusers', recordId: '1' }),
      HTTP: http({ authentication: { type: 'Basic', username: "@body('Get_user')?['domainname']", password: "@parameters('Orders Password (cr1a2_OrdersPassword)')" } }, secure('inputs')),
    }, { definition: { parameters: PARAMS } }) },
  ],
  invalid: [
    {
      name: 'a request trigger receives a client secret without secure outputs; a Parse JSON takes it through a variable without secure inputs',
      ...flow({ ...keepSecret, Parse_JSON: parseSecret(), Parsed_securely: parseSecret(secure('inputs')) }, { definition: { triggers: requestTrigger(RECEIVED) } }),
      errors: [
        { text: 'manual', message: /^Trigger "manual" handles a secret \(it receives a client secret \("ClientSecret_Value"\) in its body\) but does not have secure outputs/ },
        { text: 'Parse_JSON', message: /^Action "Parse_JSON" handles a secret \(its inputs carry the client secret the trigger receives \("ClientSecret_Value"\)\) but does not have secure inputs/ },
      ],
    },
    {
      name: 'secured trigger outputs do not hide a secret read through a variable',
      ...flow({ ...keepSecret, Parse_JSON: parseSecret() }, { definition: { triggers: requestTrigger(RECEIVED, secure('inputs', 'outputs')) } }),
      errors: [{ text: 'Parse_JSON', message: /client secret the trigger receives/ }],
    },
    {
      name: 'an instant flow input titled Password (the designer keys it text_1)',
      ...flow({ Compose: { type: 'Compose', runAfter: {}, inputs: "@triggerOutputs()?['body/text_1']" } }, { definition: { triggers: requestTrigger({ text: { type: 'string', title: 'User' }, text_1: { type: 'string', title: 'Password' } }) } }),
      errors: [{ text: 'manual', message: /it receives a password \("text_1"\)/ }, { text: 'Compose', message: /carry the password the trigger receives \("text_1"\)/ }],
    },
    {
      name: 'the message names the password input, not a user name input the desktop flow also marks sensitive',
      ...flow({ Run_ERP: connector('shared_uiflow', 'RunUIFlow_V2', { uiFlowId: DF_ID, runMode: 'unattended', 'item/Input_User': 'svc-erp', 'item/Input_Password': "@parameters('Orders Password (cr1a2_OrdersPassword)')" }) }, { definition: { parameters: PARAMS }, solution: { desktopFlows: [{ ...desktopFlow(), inputs: [{ name: 'Input_User', sensitive: true }, { name: 'Input_Password', sensitive: true }] }] } }),
      errors: [{ text: 'Run_ERP', message: /it sends a sensitive desktop-flow input \(desktop-flow input "Input_Password"\)\)/ }],
    },
    {
      name: 'an Authorization header is no exemption: Basic and Bearer literals and references, a key header, authentication credentials (the engine\'s obfuscation has exceptions and a copy of the action loses it)',
      ...flow({
        Reorder: http({ method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Basic cnBhLXBoYXJtOlBoNHJtQCFudjIwMjU=' } }),
        Call_API: http({ headers: { Authorization: "Bearer @{parameters('Orders Password (cr1a2_OrdersPassword)')}" } }),
        Forward: http({ headers: { 'Proxy-Authorization': "@{body('Get_secret')?['value']}" } }),
        Maps: http({ headers: { 'subscription-key': 'Mp8sKq2LxV4nR7tZ9wB3cD5fG1hJ6kM0' } }),
        Raw: http({ authentication: { type: 'Raw', value: 'Bearer 5f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f' } }),
      }, { definition: { parameters: PARAMS } }),
      errors: [
        { text: 'Reorder', message: /it sends a credential \(header "Authorization"\)\) but does not have secure inputs/ },
        { text: 'Call_API', message: /it sends a credential \(header "Authorization"\)/ },
        { text: 'Forward', message: /it sends a credential \(header "Proxy-Authorization"\)/ },
        { text: 'Maps', message: /it sends a key \(header "subscription-key"\)/ },
        { text: 'Raw', message: /it sends a credential \(authentication value\)/ },
      ],
      secrets: ['cnBhLXBoYXJtOlBoNHJtQCFudjIwMjU=', 'Mp8sKq2LxV4nR7tZ9wB3cD5fG1hJ6kM0', '5f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f'],
    },
    {
      name: 'Key Vault GetSecret without secure outputs',
      ...flow({ Get_secret: getSecret() }),
      errors: [{ text: 'Get_secret', message: /^Action "Get_secret" handles a secret \(it reads a secret from Azure Key Vault\) but does not have secure outputs/, severity: 'error', element: 'Get_secret' }],
    },
    {
      name: 'RetrieveEnvironmentVariableSecretValue with only secure inputs',
      ...flow({ Get_env_secret: envSecret(secure('inputs')) }),
      errors: [{ text: 'Get_env_secret', message: /reads the value of a Secret environment variable.*secure outputs/ }],
    },
    {
      name: 'HTTP Basic authentication through an environment variable, without secure inputs',
      ...flow({ Call_ERP: http({ authentication: { type: 'Basic', username: 'svc-erp', password: "@parameters('Orders Password (cr1a2_OrdersPassword)')" } }) }, { definition: { parameters: PARAMS } }),
      errors: [{ text: 'Call_ERP', message: /it sends a password \(authentication password\).*secure inputs/ }],
    },
    {
      name: 'CoE pattern: a text environment variable read with List rows, set into a variable, sent as a client secret',
      ...flow({
        Init: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'theTextSecret', type: 'string' }] } },
        ListCurrents: connector('shared_commondataserviceforapps', 'ListRecords', { entityName: 'environmentvariablevalues', $select: 'value' }),
        Set_secret: { type: 'SetVariable', runAfter: {}, inputs: { name: 'theTextSecret', value: "@{first(body('ListCurrents')?['value'])?['value']}" } },
        Call_Graph: http({ uri: 'https://graph.microsoft.com/v1.0/admin/serviceAnnouncement/messages', authentication: { type: 'ActiveDirectoryOAuth', tenant: 'contoso.onmicrosoft.com', audience: 'https://graph.microsoft.com', clientId: 'abc', secret: "@variables('theTextSecret')" } }),
      }),
      errors: [
        { text: 'ListCurrents', message: /its outputs reach authentication secret of "Call_Graph".*secure outputs/ },
        { text: 'Call_Graph', message: /it sends a client secret/ },
      ],
    },
    {
      name: 'a desktop flow run with a sensitive input and sensitive outputs',
      ...flow({ Run_ERP: connector('shared_uiflow', 'RunUIFlow_V2', { uiFlowId: DF_ID, runMode: 'unattended', 'item/Input_User': 'svc-erp', 'item/Input_Password': "@parameters('Orders Password (cr1a2_OrdersPassword)')" }) }, { definition: { parameters: PARAMS }, solution: { desktopFlows: [desktopFlow([{ name: 'Output_Token', sensitive: true }])] } }),
      errors: [{ text: 'Run_ERP', message: /returns sensitive outputs.*sends a sensitive desktop-flow input.*secure inputs and secure outputs/ }],
    },
    {
      name: 'a token request with secure inputs only: the access token shows in its outputs',
      ...flow({ Get_token: http({ method: 'POST', uri: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token', body: "grant_type=client_credentials&client_id=abc&client_secret=@{parameters('Orders Password (cr1a2_OrdersPassword)')}" }, secure('inputs')) }, { definition: { parameters: PARAMS } }),
      errors: [{ text: 'Get_token', message: /it requests an access token.*secure outputs/ }],
    },
    {
      name: 'a Compose that builds the header from a variable shows the secret (Compose has only Secure Inputs)',
      ...flow({
        Get_secret: getSecret(secure('outputs')),
        Init: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'token', type: 'string', value: "@body('Get_secret')?['value']" }] } },
        Compose_header: { type: 'Compose', runAfter: {}, inputs: "Bearer @{variables('token')}" },
        HTTP: http({ headers: { Authorization: "@outputs('Compose_header')" } }),
      }),
      errors: [
        { text: 'Compose_header', message: /its inputs carry the secret that reaches header "Authorization" of "HTTP"\) but does not have secure inputs:/ },
        { text: 'HTTP', message: /it sends a credential \(header "Authorization"\)\) but does not have secure inputs/ },
      ],
    },
    {
      name: 'a key header fed from a variable, and a function key in the URI',
      ...flow({
        Init: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'apiKey', type: 'string', value: "@parameters('Orders Password (cr1a2_OrdersPassword)')" }] } },
        Call_API: http({ headers: { 'x-api-key': "@variables('apiKey')" } }),
        Run_function: http({ uri: "https://fn-orders.azurewebsites.net/api/run?code=@{variables('apiKey')}" }),
      }, { definition: { parameters: PARAMS } }),
      errors: [{ text: 'Call_API', message: /header "x-api-key"/ }, { text: 'Run_function', message: /"code" in the URI/ }],
    },
    {
      name: 'securing the outputs of the reader does not secure the sender: OAuth secret, function key and desktop-flow input from secured outputs',
      ...flow({
        Get_client_secret: envSecret(secure('outputs')),
        Get_key: getSecret(secure('inputs', 'outputs')),
        Add_to_group: http({ method: 'POST', uri: 'https://graph.microsoft.com/v1.0/groups/1/members/$ref', authentication: { type: 'ActiveDirectoryOAuth', tenant: 'contoso.onmicrosoft.com', audience: 'https://graph.microsoft.com', clientId: 'abc', secret: "@body('Get_client_secret')?['EnvironmentVariableSecretValue']" } }),
        Run_function: http({ queries: { code: "@body('Get_key')?['value']" } }),
        Run_ERP: connector('shared_uiflow', 'RunUIFlow_V2', { uiFlowId: DF_ID, runMode: 'unattended', 'item/Input_User': 'svc-erp', 'item/Input_Password': "@body('Get_key')?['value']" }),
      }, { solution: { desktopFlows: [desktopFlow()] } }),
      errors: [
        { text: 'Add_to_group', message: /it sends a client secret \(authentication secret\)\) but does not have secure inputs/ },
        { text: 'Run_function', message: /it sends a key \(query parameter "code"\)\) but does not have secure inputs/ },
        { text: 'Run_ERP', message: /it sends a sensitive desktop-flow input \(desktop-flow input "Input_Password"\)\) but does not have secure inputs/ },
      ],
    },
  ],
});

test('cloud/unsecured-secret: data names the action and what is missing', () => {
  const { findings } = runCase(rule, flow({ Run_ERP: connector('shared_uiflow', 'RunUIFlow_V2', { uiFlowId: DF_ID, 'item/Input_Password': "@parameters('Orders Password (cr1a2_OrdersPassword)')" }) }, { definition: { parameters: PARAMS }, solution: { desktopFlows: [desktopFlow([{ name: 'Output_Token', sensitive: true }])] } }));
  assert.equal(findings.length, 1);
  assert.equal(findings[0].data?.action, 'Run_ERP');
  assert.deepEqual(findings[0].data?.missing, ['inputs', 'outputs']);
});
