import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/cloud/environment-specific-value';
import type { RuleCase } from '../../support/rule-tester';
import { runCase, ruleTester } from '../../support/rule-tester';
import { classifyHost, environmentInPath } from '../../../server/src/analysis/shared/values';

function flow(actions: Record<string, unknown>, more: Partial<RuleCase> & { definition?: Record<string, unknown> } = {}): RuleCase {
  const { definition, ...rest } = more;
  return { solution: { cloudFlows: [{ name: 'Invoices', definition: { actions, ...(definition ?? {}) } }] }, ...rest };
}

function http(inputs: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'Http', runAfter: {}, inputs: { method: 'GET', uri: 'https://graph.microsoft.com/v1.0/me', ...inputs }, ...extra };
}

function connector(api: string, operationId: string, parameters: Record<string, unknown>, type = 'OpenApiConnection'): Record<string, unknown> {
  return { type, runAfter: {}, inputs: { host: { apiId: `/providers/Microsoft.PowerApps/apis/${api}`, connectionName: api, operationId }, parameters, authentication: "@parameters('$authentication')" } };
}

const PARAMS = {
  $connections: { defaultValue: {}, type: 'Object' },
  'Invoice Site (cr1a2_InvoiceSite)': { defaultValue: 'https://contoso.sharepoint.com/sites/Finance-Dev', type: 'String', metadata: { schemaName: 'cr1a2_InvoiceSite' } },
  'Invoice List (cr1a2_InvoiceList)': { defaultValue: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', type: 'String', metadata: { schemaName: 'cr1a2_InvoiceList' } },
};

/** A legacy ApiConnection action on Excel Online (Business), naming its connection through $connections. */
const legacyExcel = (path: string) => ({ type: 'ApiConnection', runAfter: {}, inputs: { host: { connection: { name: "@parameters('$connections')['shared_excelonlinebusiness']['connectionId']" } }, method: 'get', path, queries: { source: 'me' }, authentication: "@parameters('$authentication')" } });
const storageVariable = (name: string, value: string) => ({ type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name, type: 'string', value }] } });
const createAsset = (field: string, variable: string) => http({ method: 'PUT', uri: 'https://management.azure.com/subscriptions/x/assets/a?api-version=2022-08-01', body: { properties: { [field]: `@{variables('${variable}')}` } } });

ruleTester(rule, {
  valid: [
    { name: 'a legacy Excel path built from environment variables, and the table id alone', ...flow({ List_rows: legacyExcel("/drives/@{encodeURIComponent(parameters('Drive (cr1a2_Drive)'))}/files/@{encodeURIComponent(parameters('Workbook (cr1a2_Workbook)'))}/tables/@{encodeURIComponent('{11DED8B0-A6F1-4BFC-9DC7-251B8F80C2CC}')}/items") }) },
    { name: 'a short word in a variable used as another field, and a storage account variable with a non-name value', ...flow({ Init: storageVariable('assetContainer', 'videos'), Init_2: storageVariable('storageAccountName', 'Not a storage account'), Create: createAsset('container', 'assetContainer') }) },
    { name: 'Power Platform APIs: the environment from an environment variable, the admin list of environments, the token audience', ...flow({
      Check_flows: http({ uri: "https://api.flow.microsoft.com/providers/Microsoft.ProcessSimple/environments/@{parameters('Environment Id (cr1a2_EnvironmentId)')}/flows?api-version=2016-11-01", authentication: { type: 'ManagedServiceIdentity', audience: 'https://service.flow.microsoft.com/' } }),
      List_environments: http({ uri: 'https://api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2021-04-01' }),
    }) },
    { name: 'a link to a flow in an environment inside an e-mail body is text', ...flow({ Send: connector('shared_office365', 'SendEmailV2', { 'emailMessage/To': 'ops@contoso.com', 'emailMessage/Subject': 'Failed', 'emailMessage/Body': '<p>See https://make.powerautomate.com/environments/8d2f6b1a-4c7e-4f3a-9b5d-0e1c2a3f4b6d/flows</p>' }) }) },
    { name: 'site and list from environment variables', ...flow({ Get_items: connector('shared_sharepointonline', 'GetItems', { dataset: "@parameters('Invoice Site (cr1a2_InvoiceSite)')", table: "@parameters('Invoice List (cr1a2_InvoiceList)')" }) }, { definition: { parameters: PARAMS } }) },
    { name: 'Dataverse table names are the same everywhere', ...flow({ List: connector('shared_commondataserviceforapps', 'ListRecords', { entityName: 'accounts', $top: 10 }) }) },
    { name: 'global endpoints: Graph, login, management', ...flow({ HTTP: http({ uri: 'https://graph.microsoft.com/v1.0/sites/root/lists', authentication: { type: 'ManagedServiceIdentity', audience: 'https://graph.microsoft.com' } }), HTTP_2: http({ uri: 'https://management.azure.com/subscriptions?api-version=2020-01-01' }) }) },
    { name: 'schema URLs in an adaptive card and in text', ...flow({ Post_card: connector('shared_teams', 'PostCardToConversation', { poster: 'Flow bot', location: 'Chat with Flow bot', 'body/messageBody': '{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4"}' }), Compose: { type: 'Compose', runAfter: {}, inputs: { '$schema': 'https://json-schema.org/draft-07/schema', ns: 'http://www.w3.org/2001/XMLSchema-instance' } } }) },
    { name: 'the environment variable default values in definition.parameters', ...flow({ Get_items: connector('shared_sharepointonline', 'GetItems', { dataset: "@parameters('Invoice Site (cr1a2_InvoiceSite)')", table: "@parameters('Invoice List (cr1a2_InvoiceList)')" }) }, { definition: { parameters: PARAMS } }) },
    { name: 'OData filters and descriptions', ...flow({ List: connector('shared_commondataserviceforapps', 'ListRecords', { entityName: 'cr1a2_sites', $filter: "cr1a2_url eq 'https://contoso.sharepoint.com/sites/Finance-Dev'" }), Compose: { type: 'Compose', runAfter: {}, description: 'copies https://contoso.sharepoint.com/sites/Finance-Dev', inputs: "@triggerBody()?['text']" } }) },
    { name: 'global public services: GitHub, Translator, the Business Central API audience', ...flow({ HTTP_Fetch_Releases: http({ uri: 'https://api.github.com/repos/microsoft/powercat-automation-kit/releases?page=1&per_page=5' }), Translate: http({ method: 'POST', uri: 'https://api.cognitive.microsofttranslator.com/translate?api-version=3.0&to=en' }), Get_vendors: http({ uri: "@{parameters('BC Base (cr1a2_BcBase)')}/vendors", authentication: { type: 'ActiveDirectoryOAuth', tenant: 'contoso.onmicrosoft.com', audience: 'https://api.businesscentral.dynamics.com', clientId: 'x', secret: "@parameters('BC Secret (cr1a2_BcSecret)')" } }) }) },
    { name: 'links to public and global hosts inside an e-mail body are text, not addresses (also with "test" or "live" in the path)', ...flow({ Send: connector('shared_office365', 'SendEmailV2', { 'emailMessage/To': 'ap@contoso.com', 'emailMessage/Subject': 'Approved', 'emailMessage/Body': '<p>Approved. <img src="http://pngimg.com/uploads/microsoft/microsoft_PNG16.png"> See https://support.microsoft.com/help/test-your-connection and https://www.youtube.com/live/abc</p>' }) }) },
    { name: 'a public third-party address with no environment or organisation evidence is not reported by default', ...flow({ Holidays: http({ uri: 'https://date.nager.at/api/v3/PublicHolidays/2025/GB' }), Bank_holidays: http({ uri: 'https://www.gov.uk/bank-holidays.json' }) }) },
    // Issue 12: a link inside a message or e-mail body is text for a reader, whatever its host (it used to be reported for tenant hosts).
    { name: 'a tenant URL inside an email body or a Teams post is text, not a place', ...flow({
      Send: connector('shared_office365', 'SendEmailV2', { 'emailMessage/To': 'ap@contoso.com', 'emailMessage/Subject': 'Invoice https://contoso-dev.crm4.dynamics.com', 'emailMessage/Body': '<p>Open <a href="https://contoso-dev.crm4.dynamics.com/main.aspx?appid=1">the app</a> to approve.</p>' }),
      Post: connector('shared_teams', 'PostMessageToConversation', { poster: 'Flow bot', location: 'Channel', 'body/messageBody': '<p>Filed in https://fabrikam.sharepoint.com/sites/AccountsPayable/Invoices</p>' }),
    }) },
    { name: 'a Blob Storage action on the connection\'s own account', ...flow({ Create_blob: connector('shared_azureblob', 'CreateFile_V2', { dataset: 'AccountNameFromSettings', folderPath: '/invoices', name: 'a.pdf', body: "@triggerBody()?['file']" }) }) },
    { name: 'allowed hosts and paths', allow: { hosts: ['contoso.sharepoint.com'], paths: ['C:\\Program Files\\'] }, ...flow({ HTTP: http({ uri: 'https://contoso.sharepoint.com/sites/intranet/_api/web' }), Compose: { type: 'Compose', runAfter: {}, inputs: 'C:\\Program Files\\Contoso\\tool.exe' } }) },
    { name: 'rows bound from expressions, and solution-aware rows (workflows) bound by id', ...flow({ Create_row: connector('shared_commondataserviceforapps', 'CreateRecord', { entityName: 'cr1a2_runs', 'item/ownerid@odata.bind': "/systemusers(@{variables('Service Account')})", 'item/cr1a2_Flow@odata.bind': '/workflows(33a0af05-b43b-ec11-b6e5-00224809b791)' }) }) },
    { name: 'the legacy Common Data Service "current environment" dataset', ...flow({ List: connector('shared_commondataservice', 'GetItems', { dataset: 'default.cds', table: 'accounts' }) }) },
    { name: 'pipeline tokens and interpolated hosts', ...flow({ HTTP: http({ uri: 'https://#{TenantName}#.sharepoint.com/sites/finance/_api/web' }), HTTP_2: http({ uri: "https://@{parameters('Tenant (cr1a2_Tenant)')}.sharepoint.com/sites/finance" }) }) },
    { name: 'site and list interpolated from environment variables', ...flow({ Get_items: connector('shared_sharepointonline', 'GetItems', { dataset: "@{parameters('Invoice Site (cr1a2_InvoiceSite)')}", table: "@{parameters('Invoice List (cr1a2_InvoiceList)')}" }) }, { definition: { parameters: PARAMS } }) },
  ],
  invalid: [
    {
      name: 'Excel Online drive and file ids inside a legacy ApiConnection path',
      ...flow({ List_rows: legacyExcel("/drives/@{encodeURIComponent('b!_BWPkncwrEGPPWJoCky5Ipnk')}/files/@{encodeURIComponent('01FTBGVDXZQJT6CLMBIFBIH7GIZOD2ALC7')}/tables/@{encodeURIComponent('{11DED8B0-A6F1-4BFC-9DC7-251B8F80C2CC}')}/items") }),
      errors: [
        { text: 'b!_BWPkncwrEGPPWJoCky5Ipnk', message: /hard-codes the document library \(drive\) "b!_BWPkncwrEGPPWJoCky5Ipnk" in path \(inside an expression\)/ },
        { text: '01FTBGVDXZQJT6CLMBIFBIH7GIZOD2ALC7', message: /hard-codes the file id/ },
      ],
    },
    {
      name: 'a storage account name written into a variable named for it, or read as a storageAccountName field',
      ...flow({ Init: storageVariable('streamingStorageAccountName', 'prefinalsasbox'), Init_2: storageVariable('target', 'contosomedia01'), Create: createAsset('storageAccountName', 'target') }),
      errors: [{ text: 'prefinalsasbox', message: /hard-codes the storage account "prefinalsasbox"/ }, { text: 'contosomedia01', message: /storage account "contosomedia01"/ }],
    },
    {
      name: 'the id of one environment in the path or query of a global Power Platform / Flow API host',
      ...flow({
        Check_flow_health: http({ uri: 'https://api.flow.microsoft.com/providers/Microsoft.ProcessSimple/environments/8d2f6b1a-4c7e-4f3a-9b5d-0e1c2a3f4b6d/flows?api-version=2016-11-01', authentication: { type: 'ManagedServiceIdentity', audience: 'https://service.flow.microsoft.com/' } }),
        List_apps: http({ uri: 'https://api.powerapps.com/providers/Microsoft.PowerApps/apps?api-version=2016-11-01&$filter=environment%20eq%20x&environmentName=4b7c1d2e-3f4a-4b5c-8d6e-7f8a9b0c1d2e' }),
        Get_environment: http({ uri: 'https://management.azure.com/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/Default-72f988bf-86f1-41af-91ab-2d7cd011db47?api-version=2020-10-01' }),
      }),
      errors: [
        { text: 'https://api.flow.microsoft.com/providers/Microsoft.ProcessSimple/environments/8d2f6b1a-4c7e-4f3a-9b5d-0e1c2a3f4b6d/flows?api-version=2016-11-01', message: /^Action "Check_flow_health" hard-codes the URL .* in URI/, element: 'Check_flow_health' },
        { text: 'https://api.powerapps.com/providers/Microsoft.PowerApps/apps?api-version=2016-11-01&$filter=environment%20eq%20x&environmentName=4b7c1d2e-3f4a-4b5c-8d6e-7f8a9b0c1d2e', message: /^Action "List_apps" hard-codes the URL/ },
        { text: 'Default-72f988bf-86f1-41af-91ab-2d7cd011db47', message: /^Action "Get_environment" hard-codes the environment id/ },
      ],
    },
    {
      name: 'SharePoint site and list written in Get items',
      ...flow({ Get_items: connector('shared_sharepointonline', 'GetItems', { dataset: 'https://contoso.sharepoint.com/sites/Finance-Dev', table: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' }) }),
      errors: [
        { text: 'https://contoso.sharepoint.com/sites/Finance-Dev', message: /^Action "Get_items" hard-codes the SharePoint site "https:\/\/contoso.sharepoint.com\/sites\/Finance-Dev" in parameter "dataset"/, severity: 'warning', element: 'Get_items' },
        { text: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', message: /SharePoint list .* in parameter "table"/ },
      ],
    },
    {
      name: 'a SharePoint trigger on a hard-coded site and list name',
      ...flow({}, { definition: { triggers: { When_an_item_is_created: { type: 'OpenApiConnectionWebhook', inputs: { host: { apiId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline', connectionName: 'shared_sharepointonline', operationId: 'GetOnNewItems' }, parameters: { dataset: 'https://contoso.sharepoint.com/sites/Invoices', table: 'Incoming' } } } } } }),
      errors: [{ text: 'https://contoso.sharepoint.com/sites/Invoices', message: /^Trigger "When_an_item_is_created"/ }, { text: 'Incoming', message: /SharePoint list "Incoming"/ }],
    },
    {
      name: 'a Dataverse org URL (… in selected environment) and an environment id of an admin connector',
      ...flow({
        List_rows: connector('shared_commondataserviceforapps', 'ListRecordsWithOrganization', { organization: 'https://contoso-dev.crm4.dynamics.com/', entityName: 'accounts' }),
        Get_env: connector('shared_powerplatformforadmins', 'Get-AdminEnvironment', { environment: 'Default-8a235459-3d2c-415d-8c1e-e2fe133509ad' }),
      }),
      errors: [{ text: 'https://contoso-dev.crm4.dynamics.com/', message: /Dataverse environment/ }, { text: 'Default-8a235459-3d2c-415d-8c1e-e2fe133509ad', message: /environment id/ }],
    },
    {
      name: 'a Teams team and channel',
      ...flow({ Post: connector('shared_teams', 'PostMessageToConversation', { poster: 'Flow bot', location: 'Channel', 'body/recipient/groupId': '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', 'body/recipient/channelId': '19:a1b2c3d4e5f6@thread.tacv2', 'body/messageBody': 'Invoices processed' }) }),
      errors: [{ text: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', message: /Teams team/ }, { text: '19:a1b2c3d4e5f6@thread.tacv2', message: /Teams channel/ }],
    },
    {
      name: 'an absolute path in a desktop-flow input',
      ...flow({ Run: connector('shared_uiflow', 'RunUIFlow_V2', { uiFlowId: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', runMode: 'unattended', 'item/Input_Folder': 'D:\\Exports\\Orders' }) }),
      errors: [{ text: String.raw`D:\\Exports\\Orders`, message: /absolute path "D:\\Exports\\Orders" in parameter "item\/Input_Folder"/ }],
    },
    {
      name: 'a public host that names an environment',
      ...flow({ HTTP: http({ uri: 'https://api-test.contoso.com/v1/orders' }) }),
      errors: [{ text: 'https://api-test.contoso.com/v1/orders', message: /URL .* in URI/ }],
    },
    {
      name: 'a public host used as an address on the organisation\'s own domain (its mailboxes show it) is reported',
      ...flow({
        Upload_PDF: http({ method: 'PUT', uri: "https://erp-archive.contoso.com/dms/v1/documents/@{body('Post')?['documentId']}" }),
        Notify: connector('shared_office365', 'SendEmailV2', { 'emailMessage/To': 'ap@contoso.com', 'emailMessage/Subject': 'Archived', 'emailMessage/Body': 'Done' }),
      }),
      errors: [{ text: 'https://erp-archive.contoso.com/dms/v1/documents/', severity: 'warning', message: /^Action "Upload_PDF" hard-codes the URL "https:\/\/erp-archive\.contoso\.com\/dms\/v1\/documents\/" in URI; it is the organisation's own domain contoso\.com, as its mailboxes show/ }],
    },
    {
      name: 'the address of a tenant URL whose query holds a key or a signature (the key is cloud/plaintext-secret)',
      ...flow({
        Score: http({ method: 'POST', uri: 'https://func-credit-scoring-prd.azurewebsites.net/api/score?code=Xk3v9Lq2Rm8Tn4Wp7Ys1Zb6Cd0Fg5Hj3Kl9Mn2Pq8Rs4Tu7Vw1Xy==' }),
        Upload: http({ method: 'PUT', uri: 'https://stcontoso.blob.core.windows.net/invoices/a.pdf?sv=2022-11-02&sp=cw&sig=Qx7pL2mN9vB4cD1eF6gH3jK8sT5uW0yZ' }),
      }),
      errors: [
        { text: 'https://func-credit-scoring-prd.azurewebsites.net/api/score', message: /^Action "Score" hard-codes the URL "https:\/\/func-credit-scoring-prd\.azurewebsites\.net" in URI/ },
        { text: 'https://stcontoso.blob.core.windows.net/invoices/a.pdf', message: /URL "https:\/\/stcontoso\.blob\.core\.windows\.net" in URI/ },
      ],
      secrets: ['Xk3v9Lq2Rm8Tn4Wp7Ys1Zb6Cd0Fg5Hj3Kl9Mn2Pq8Rs4Tu7Vw1Xy==', 'Qx7pL2mN9vB4cD1eF6gH3jK8sT5uW0yZ'],
    },
    {
      name: 'precedence after configuration: with cloud/plaintext-secret off, the whole URL (its query included) is this rule\'s',
      solution: {
        cloudFlows: [{ name: 'Sites', definition: { actions: { Score: http({ method: 'POST', uri: 'https://func-credit-scoring-prd.azurewebsites.net/api/score?code=Xk3v9Lq2Rm8Tn4Wp7Ys1Zb6Cd0Fg5Hj3Kl9Mn2Pq8Rs4Tu7Vw1Xy==' }) } } }],
        config: { rules: { 'cloud/plaintext-secret': 'off' } },
      },
      errors: [{ text: 'https://func-credit-scoring-prd.azurewebsites.net/api/score?code=Xk3v9Lq2Rm8Tn4Wp7Ys1Zb6Cd0Fg5Hj3Kl9Mn2Pq8Rs4Tu7Vw1Xy==', message: /^Action "Score" hard-codes the URL "https:\/\/func-credit-scoring-prd\.azurewebsites\.net\/api\/score\?code=…" in URI/ }],
      secrets: ['Xk3v9Lq2Rm8Tn4Wp7Ys1Zb6Cd0Fg5Hj3Kl9Mn2Pq8Rs4Tu7Vw1Xy=='],
    },
    {
      name: 'the storage account of an Azure Blob Storage action',
      ...flow({ Create_blob: connector('shared_azureblob', 'CreateFile_V2', { dataset: 'stcontosoprocprod', folderPath: '/supplier-docs', name: 'a.pdf', body: "@triggerBody()?['file']" }) }),
      errors: [{ text: 'stcontosoprocprod', message: /storage account "stcontosoprocprod" in parameter "dataset"/ }],
    },
    {
      name: 'the environment of a Business Central API URL (a global host)',
      ...flow({ Get_vendors: http({ uri: 'https://api.businesscentral.dynamics.com/v2.0/a1f3c5e7-2b4d-4f6a-8c0e-9d1b3f5a7c2e/Production/api/v2.0/companies(5e2d1c0b-7f3a-4a9d-8b6e-0c1d2e3f4a5b)/vendors' }) }),
      errors: [{ text: 'https://api.businesscentral.dynamics.com/v2.0/a1f3c5e7-2b4d-4f6a-8c0e-9d1b3f5a7c2e/Production/api/v2.0/companies(5e2d1c0b-7f3a-4a9d-8b6e-0c1d2e3f4a5b)/vendors' }],
    },
    {
      name: 'a site URL as a string constant in an expression, and one in a variable',
      ...flow({
        Compose_url: { type: 'Compose', runAfter: {}, inputs: "@concat('https://contoso.sharepoint.com/sites/Finance', '/Shared Documents')" },
        Init: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'varSiteUrl', type: 'string', value: 'https://contoso.sharepoint.com/sites/Finance-Test' }] } },
      }),
      errors: [{ text: 'https://contoso.sharepoint.com/sites/Finance', message: /\(inside an expression\)/ }, { text: 'https://contoso.sharepoint.com/sites/Finance-Test', message: /in initial value/ }],
    },
    {
      name: 'a user and a team bound by id: those rows have other ids in every environment',
      ...flow({ Create_row: connector('shared_commondataserviceforapps', 'CreateRecord', { entityName: 'cr1a2_invoices', 'item/ownerid@odata.bind': '/systemusers(e4fcf585-9fa7-ed11-aad1-00224805c3e1)', 'item/cr1a2_Team@odata.bind': 'teams(1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e)' }) }),
      errors: [{ text: '/systemusers(e4fcf585-9fa7-ed11-aad1-00224805c3e1)', message: /systemuser id/ }, { text: 'teams(1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e)', message: /team id/ }],
    },
    {
      name: 'the site and document library of an Excel Online (Business) action',
      ...flow({ List_rows: connector('shared_excelonlinebusiness', 'GetItems', { source: 'sites/contoso.sharepoint.com,1a2b3c4d,5e6f7a8b', drive: 'b!AbCdEfGh12345', file: '01ABCDEFGHIJKLMNOPQRSTUV', table: '{00000000-0001-0000-0000-000000000000}' }) }),
      errors: [{ text: 'sites/contoso.sharepoint.com,1a2b3c4d,5e6f7a8b', message: /SharePoint site/ }, { text: 'b!AbCdEfGh12345', message: /document library/ }, { text: '01ABCDEFGHIJKLMNOPQRSTUV', message: /file id/ }],
    },
  ],
});

test('cloud/environment-specific-value: data for the fix engine', () => {
  const { findings } = runCase(rule, flow({ Get_items: connector('shared_sharepointonline', 'GetItems', { dataset: 'https://contoso.sharepoint.com/sites/Finance-Dev', table: "@parameters('Invoice List (cr1a2_InvoiceList)')" }) }, { definition: { parameters: PARAMS } }));
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0].data, { action: 'Get_items', parameter: '/properties/definition/actions/Get_items/inputs/parameters/dataset', literal: 'whole', kind: 'sharepoint-site', host: 'contoso.sharepoint.com' });
});

test('values: global, tenant and loopback hosts; environments in the path of a global service', () => {
  assert.equal(classifyHost('passwordreset.microsoftonline.com'), 'global');
  assert.equal(classifyHost('api.businesscentral.dynamics.com'), 'global');
  assert.equal(classifyHost('api.cognitive.microsofttranslator.com'), 'global');
  assert.equal(classifyHost('contoso.crm4.dynamics.com'), 'tenant');
  assert.equal(classifyHost('docintel-prod.cognitiveservices.azure.com'), 'tenant');
  assert.equal(classifyHost('prod-23.westeurope.logic.azure.com'), 'tenant');
  assert.equal(classifyHost('0.0.0.0'), 'loopback');
  assert.deepEqual(environmentInPath('api.businesscentral.dynamics.com', '/v2.0/a1f3c5e7-2b4d-4f6a-8c0e-9d1b3f5a7c2e/Sandbox-2/api/v2.0/companies'), { word: 'Sandbox-2' });
  assert.deepEqual(environmentInPath('api.businesscentral.dynamics.com', '/v2.0/Production/ODataV4/Company'), { word: 'Production' });
  assert.equal(environmentInPath('api.businesscentral.dynamics.com', ''), undefined);
  assert.equal(environmentInPath('graph.microsoft.com', '/v1.0/groups/3f2acc10-1d2e-4f5a-8b9c-0d1e2f3a4b5c/members'), undefined);
  assert.deepEqual(environmentInPath('graph.microsoft.com', '/v1.0/sites/contoso.sharepoint.com:/sites/Finance-UAT'), { word: 'uat' });
  // The id of one Power Platform environment: `/environments/<id>` (a GUID or Default-<tenant GUID>) or `environmentName=<id>`.
  assert.deepEqual(environmentInPath('api.flow.microsoft.com', '/providers/Microsoft.ProcessSimple/environments/8d2f6b1a-4c7e-4f3a-9b5d-0e1c2a3f4b6d/flows?api-version=2016-11-01'), { word: '8d2f6b1a-4c7e-4f3a-9b5d-0e1c2a3f4b6d' });
  assert.deepEqual(environmentInPath('make.powerautomate.com', '/environments/Default-72f988bf-86f1-41af-91ab-2d7cd011db47'), { word: 'Default-72f988bf-86f1-41af-91ab-2d7cd011db47' });
  assert.deepEqual(environmentInPath('api.powerapps.com', '/providers/Microsoft.PowerApps/apps?environment=8d2f6b1a-4c7e-4f3a-9b5d-0e1c2a3f4b6d&api-version=1'), { word: '8d2f6b1a-4c7e-4f3a-9b5d-0e1c2a3f4b6d' });
  assert.equal(environmentInPath('api.bap.microsoft.com', '/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2021-04-01'), undefined);
  assert.equal(environmentInPath('api.flow.microsoft.com', '/environments/8d2f6b1a-4c7e-4f3a-9b5d-0e1c2a3f4b6d0/flows'), undefined);
  assert.equal(environmentInPath('api.powerapps.com', '/apps?environmentName=Contoso'), undefined);
});
