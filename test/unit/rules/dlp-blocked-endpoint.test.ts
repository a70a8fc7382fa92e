import { describe } from 'node:test';
import rule from '../../../server/src/rules/dlp/blocked-endpoint';
import { caseTree, desktopModule, dlpRuleTester, SQL } from '../../support/dlp-fixture';
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
