import { describe } from 'node:test';
import rule from '../../../server/src/rules/dlp/blocked-endpoint';
import { builtInSolution, caseTree, DATAVERSE, desktopModule, dlpRuleTester, endpointPolicy, SQL } from '../../support/dlp-fixture';
import type { SolutionSpec } from '../../support/fixture';

const endpoints = (connectorId: string, rules: Array<[string, 'Allow' | 'Deny']>) => JSON.stringify({
  policyDefinition: { displayName: 'Prod guardrails', defaultConnectorsClassification: 'General', connectorGroups: [] },
  connectorConfigurationsDefinition: { endpointConfigurations: [{ connectorId, endpointRules: rules.map(([endpoint, behavior], k) => ({ order: k + 1, behavior, endpoint })) }] },
});
const browserOnly = endpoints(desktopModule('WebAutomation'), [['https://*.contoso.com*', 'Allow'], ['*', 'Deny']]);
const launch = (url: string) => `WebAutomation.LaunchEdge.LaunchEdge Url: ${url} WindowState: WebAutomation.BrowserWindowState.Normal ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser\n`;
const sqlFlow = (server: string, database: string): SolutionSpec => ({
  uniqueName: 'Orders', prefix: 'ord',
  connectionReferences: [{ logicalName: 'ord_sql', connectorId: SQL }],
  cloudFlows: [{
    name: 'Read orders', uses: [{ key: 'shared_sql', logicalName: 'ord_sql' }],
    definition: { triggers: {}, actions: { Get_rows: { type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_sql', operationId: 'GetItems_V2', apiId: SQL }, parameters: { server, database, table: '[dbo].[Orders]' } } } } },
  }],
});
const sqlPolicy = endpoints(SQL, [['*.database.windows.net*', 'Allow'], ['*', 'Deny']]);

describe('dlp/blocked-endpoint', () => {
  dlpRuleTester(rule, {
    valid: [
      { name: 'an allowed URL (first matching rule wins)', files: caseTree(undefined, browserOnly, undefined, launch("$'''https://portal.contoso.com/invoices'''")) },
      { name: 'a URL built at run time is not filtered', files: caseTree(undefined, browserOnly, undefined, `SET Site TO $'''https://other.example'''\n${launch("Site")}`) },
      { name: 'no endpoint rules for the connector', files: caseTree(undefined, endpoints(SQL, [['*', 'Deny']]), undefined, launch("$'''https://other.example/'''")) },
      { name: 'an allowed Azure SQL server', files: caseTree(sqlFlow('orders.database.windows.net', 'orders'), sqlPolicy) },
      { name: 'the connection\'s default server is not in the file', files: caseTree(sqlFlow('default', 'default'), sqlPolicy) },
    ],
    invalid: [
      {
        name: 'a denied URL, at the literal',
        files: caseTree(undefined, browserOnly, undefined, launch("$'''https://other.example/'''")),
        errors: [{ text: "$'''https://other.example/'''", message: /WebAutomation\.LaunchEdge connects to an endpoint that the endpoint filtering of data policy "Prod guardrails" denies \(rule "\*"\)/ }],
      },
      {
        name: 'a denied SQL server, at the server parameter',
        files: caseTree(sqlFlow('onprem-sql01', 'orders'), sqlPolicy),
        errors: [{ text: '"onprem-sql01"', message: /Action "Get_rows" connects/ }],
      },
    ],
  });
});

const HTTP_ID = '/providers/Microsoft.PowerApps/apis/Http';
const BLOB = '/providers/Microsoft.PowerApps/apis/shared_azureblob';
const contosoOnly = (id: string, allow = 'https://*.contoso.com*') => endpointPolicy(id, [[allow, 'Allow'], ['*', 'Deny']]);
const invoke = (url: string) => `Web.InvokeWebService.InvokeWebService Url: ${url} Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> Headers Response=> Response StatusCode=> StatusCode\n`;
const soap = (endpoint: string) => `Web.InvokeSoapService.InvokeSoapService Endpoint: ${endpoint} SoapAction: $'''urn:get''' Body: $'''<x/>''' Response=> Response\n`;
const httpAction = (uri: string) => ({ Call_api: { type: 'Http', inputs: { method: 'GET', uri } } });
const blobAction = (dataset: string) => ({
  Create_blob: { type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_azureblob', operationId: 'CreateFile_V2', apiId: BLOB }, parameters: { dataset, folderPath: '/orders', name: 'a.json', body: 'x' } } },
});
const blobSolution = (dataset: string) => {
  const s = builtInSolution(blobAction(dataset));
  s.connectionReferences!.push({ logicalName: 'ord_blob', connectorId: BLOB });
  s.cloudFlows![0].uses!.push({ key: 'shared_azureblob', logicalName: 'ord_blob' });
  return s;
};

describe('dlp/blocked-endpoint: HTTP, HTTP Webhook, Azure Blob and the desktop HTTP module', () => {
  dlpRuleTester(rule, {
    valid: [
      { name: 'desktop HTTP: an allowed URL', files: caseTree(undefined, contosoOnly(desktopModule('Web')), undefined, invoke("$'''https://api.contoso.com/orders'''")) },
      { name: 'desktop HTTP: a URL with a variable in it is built at run time', files: caseTree(undefined, contosoOnly(desktopModule('Web')), undefined, `SET Host TO $'''x'''\n${invoke("$'''https://%Host%/orders'''")}`) },
      { name: 'cloud HTTP: an allowed URI', files: caseTree(builtInSolution(httpAction('https://api.contoso.com/orders')), contosoOnly(HTTP_ID)) },
      { name: 'cloud HTTP: an expression is built at run time', files: caseTree(builtInSolution(httpAction("@parameters('Orders API (ord_OrdersApi)')")), contosoOnly(HTTP_ID)) },
      { name: 'cloud HTTP: rules for another connector', files: caseTree(builtInSolution(httpAction('https://other.example/')), contosoOnly(DATAVERSE)) },
      { name: 'Azure Blob: an allowed account', files: caseTree(blobSolution('contosoorders'), contosoOnly(BLOB, 'contoso*')) },
      { name: 'Azure Blob: the connection\'s own account is not in the file', files: caseTree(blobSolution('AccountNameFromSettings'), contosoOnly(BLOB, 'contoso*')) },
    ],
    invalid: [
      {
        name: 'desktop HTTP: a denied URL, at the literal',
        files: caseTree(undefined, contosoOnly(desktopModule('Web')), undefined, invoke("$'''https://api.example.net/orders'''")),
        errors: [{ text: "$'''https://api.example.net/orders'''", message: /Web\.InvokeWebService connects to an endpoint that the endpoint filtering of data policy "Prod guardrails" denies \(rule "\*"\)/ }],
      },
      {
        name: 'desktop HTTP: a SOAP service\'s Endpoint',
        files: caseTree(undefined, contosoOnly(desktopModule('Web')), undefined, soap("$'''https://soap.example.net/svc'''")),
        errors: [{ text: "$'''https://soap.example.net/svc'''" }],
      },
      {
        name: 'cloud HTTP: a denied URI, under the shared_ spelling of the virtual id',
        files: caseTree(builtInSolution(httpAction('https://api.example.net/orders')), contosoOnly('providers/Microsoft.PowerApps/apis/shared_http')),
        errors: [{ text: '"https://api.example.net/orders"', message: /Action "Call_api" connects/ }],
      },
      {
        name: 'HTTP Webhook: a denied subscribe URI',
        files: caseTree(builtInSolution({ Wait: { type: 'HttpWebhook', inputs: { subscribe: { method: 'POST', uri: 'https://hooks.example.net/s' }, unsubscribe: {} } } }), contosoOnly('/providers/Microsoft.PowerApps/apis/HttpWebhook')),
        errors: [{ text: '"https://hooks.example.net/s"' }],
      },
      {
        name: 'Azure Blob: a denied account, also when written as its endpoint URL',
        files: caseTree(blobSolution('https://fabrikamdata.blob.core.windows.net'), contosoOnly(BLOB, 'contoso*')),
        errors: [{ text: '"https://fabrikamdata.blob.core.windows.net"', message: /Action "Create_blob" connects/ }],
      },
    ],
  });
});
