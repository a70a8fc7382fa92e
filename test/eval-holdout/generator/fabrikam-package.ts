// Fabrikam accounts payable — a legacy flow package (Export › Package (.zip)) committed to the repo
// as downloaded from the maker portal, to be imported by hand in the other environments:
// manifest.json (one line), Microsoft.Flow/flows/manifest.json and
// Microsoft.Flow/flows/<id>/{definition.json, apisMap.json, connectionsMap.json}. definition.json is
// pretty-printed (the team formats flow JSON before committing, as for the packed solution).
import AdmZip from 'adm-zip';
import { guid, json, meta, SCHEMA, take, writeTree } from './lib';

const ZIP = 'shared-flows/FabrikamInvoiceOcrToTeams.zip';
const FLOW_ID = guid('fab-pkg-flow');
const FLOW_NAME = guid('fab-pkg-flow-name');
const RES = { od: guid('fab-pkg-api-od'), odConn: guid('fab-pkg-conn-od'), sql: guid('fab-pkg-api-sql'), sqlConn: guid('fab-pkg-conn-sql'), sp: guid('fab-pkg-api-sp'), spConn: guid('fab-pkg-conn-sp'), teams: guid('fab-pkg-api-teams'), teamsConn: guid('fab-pkg-conn-teams') };
const APIS: Array<[keyof typeof RES, keyof typeof RES, string, string]> = [
  ['od', 'odConn', 'shared_onedriveforbusiness', 'OneDrive for Business'],
  ['sql', 'sqlConn', 'shared_sql', 'SQL Server'],
  ['sp', 'spConn', 'shared_sharepointonline', 'SharePoint'],
  ['teams', 'teamsConn', 'shared_teams', 'Microsoft Teams'],
];

function manifest(): string {
  const resources: Record<string, unknown> = {
    [FLOW_ID]: { type: 'Microsoft.Flow/flows', suggestedCreationType: 'New', creationType: 'Existing, New, Update', details: { displayName: 'AP - Invoice OCR to Teams' }, configurableBy: 'User', hierarchy: 'Root', dependsOn: APIS.flatMap(([a, c]) => [RES[a], RES[c]]) },
  };
  for (const [a, c, name, display] of APIS) {
    resources[RES[a]] = { id: `/providers/Microsoft.PowerApps/apis/${name}`, name, type: 'Microsoft.PowerApps/apis', suggestedCreationType: 'Existing', details: { displayName: display, iconUri: `https://connectoricons-prod.azureedge.net/releases/v1.0.1705/1.0.1705.3870/${name.slice(7)}/icon.png` }, configurableBy: 'System', hierarchy: 'Child', dependsOn: [] };
    resources[RES[c]] = { type: 'Microsoft.PowerApps/apis/connections', suggestedCreationType: 'Existing', creationType: 'Existing', details: { displayName: name === 'shared_sql' ? 'FABSQL03\\FINANCE AP' : 'ap-automation@fabrikam.com', iconUri: `https://connectoricons-prod.azureedge.net/${name.slice(7)}/icon_1.0.1300.1860.png` }, configurableBy: 'User', hierarchy: 'Child', dependsOn: [RES[a]] };
  }
  return JSON.stringify({
    schema: '1.0',
    details: { displayName: 'AP - Invoice OCR to Teams', description: 'Reads supplier invoices dropped in OneDrive with Document Intelligence, books them in the AP staging database and tells the AP channel.', createdTime: '2025-02-03T13:20:51.0671139Z', packageTelemetryId: guid('fab-pkg-telemetry'), creator: 'N/A', sourceEnvironment: '' },
    resources,
  }) + '⟦-environment-specific|fab-pkg-trap-icons|connector icon URLs on the public Microsoft CDN⟧⟦-machine|fab-pkg-trap-conn-display|the display name of the exporting connection (a server name in metadata, replaced at import)⟧';
}

function definition(): string {
  const op = (api: string, operationId: string, parameters: Record<string, unknown>, extra: Record<string, unknown>) => ({
    ...extra,
    type: 'OpenApiConnection',
    inputs: { host: { apiId: `/providers/Microsoft.PowerApps/apis/${api}`, connectionName: api, operationId }, parameters, authentication: "@parameters('$authentication')" },
  });
  return json({
    name: FLOW_NAME,
    id: `/providers/Microsoft.Flow/flows/${FLOW_NAME}`,
    type: 'Microsoft.Flow/flows',
    properties: {
      apiId: '/providers/Microsoft.PowerApps/apis/shared_logicflows',
      displayName: 'AP - Invoice OCR to Teams',
      definition: {
        metadata: { workflowEntityId: null, processAdvisorMetadata: null, flowclientsuspensionreason: 'None', flowclientsuspensiontime: null, creator: { id: guid('fab-pkg-creator'), type: 'User', tenantId: guid('fab-tenant') }, provisioningMethod: 'FromDefinition', failureAlertSubscription: true, clientLastModifiedTime: '2025-02-03T12:58:09.4410327Z' },
        $schema: `${SCHEMA}⟦-environment-specific|fab-pkg-trap-schema|workflow-definition schema URL⟧`,
        contentVersion: '1.0.0.0',
        parameters: { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' } },
        triggers: {
          When_a_file_is_created: {
            metadata: { [guid('fab-pkg-folder')]: '/Invoices/Inbox⟦-environment-specific|fab-pkg-trap-onedrive-folder|a folder relative to the OneDrive root⟧' },
            type: 'OpenApiConnection',
            inputs: { host: { apiId: '/providers/Microsoft.PowerApps/apis/shared_onedriveforbusiness', connectionName: 'shared_onedriveforbusiness', operationId: 'OnNewFileV2' }, parameters: { folderId: guid('fab-pkg-folder'), includeSubfolders: false, inferContentType: true }, authentication: "@parameters('$authentication')" },
            recurrence: { interval: 5, frequency: 'Minute' },
          },
        },
        actions: {
          Get_public_holidays: {
            runAfter: {},
            metadata: meta('fab-pkg-a0'),
            type: 'Http',
            inputs: { method: 'GET', uri: "https://date.nager.at/api/v3/PublicHolidays/@{utcNow('yyyy')}/DE⟦-environment-specific|fab-pkg-trap-public-api|a public third-party API, the same for every environment⟧" },
          },
          'Analyze_invoice⟦+cloud/unsecured-secret|fab-pkg-docai-unsecured|the Document Intelligence key is sent without secure inputs, so run history shows it⟧': {
            runAfter: { Get_public_holidays: ['Succeeded'] },
            metadata: meta('fab-pkg-a1'),
            type: 'Http',
            inputs: {
              method: 'POST',
              uri: 'https://fabrikam-ap-docai.cognitiveservices.azure.com/formrecognizer/documentModels/prebuilt-invoice:analyze?api-version=2023-07-31⟦+cloud/environment-specific-value|fab-pkg-docai-endpoint|Fabrikam\'s own Document Intelligence resource hard-coded⟧',
              headers: {
                'Content-Type': 'application/pdf',
                'Ocp-Apim-Subscription-Key': 'c4e7a19f03b2d86e5f1a7c9b2d4e6f80⟦+cloud/plaintext-secret|fab-pkg-docai-key|Cognitive Services key written into the header⟧',
              },
              body: "@triggerBody()",
            },
          },
          Stage_invoice_in_AP_database: op('shared_sql', 'PostItem_V2', {
            server: 'FABSQL03\\FINANCE⟦+cloud/hardcoded-machine|fab-pkg-sql-server|named SQL Server instance FABSQL03 written into the action⟧',
            database: 'APStaging',
            table: '[dbo].[InboundInvoices]',
            'item/SupplierName': "@body('Analyze_invoice')?['analyzeResult']?['documents'][0]?['fields']?['VendorName']?['content']",
            'item/FileName': "@triggerOutputs()?['headers']?['x-ms-file-name']",
          }, { runAfter: { Analyze_invoice: ['Succeeded'] }, metadata: meta('fab-pkg-a2') }),
          Copy_to_AP_library: op('shared_sharepointonline', 'CreateFile', {
            dataset: 'https://fabrikam.sharepoint.com/sites/AccountsPayable⟦+cloud/environment-specific-value|fab-pkg-sp-site|the AP SharePoint site of the tenant hard-coded⟧',
            folderPath: '/Invoices/Received⟦-environment-specific|fab-pkg-trap-library-folder|site-relative folder⟧',
            name: "@triggerOutputs()?['headers']?['x-ms-file-name']",
            body: '@triggerBody()',
          }, { runAfter: { Stage_invoice_in_AP_database: ['Succeeded'] }, metadata: meta('fab-pkg-a3') }),
          Post_in_AP_channel: op('shared_teams', 'PostMessageToConversation', {
            poster: 'Flow bot',
            location: 'Channel',
            'body/recipient/groupId': '6d2e8b14-9f3a-4c57-8e21-a4b9c7d0e356⟦+cloud/environment-specific-value|fab-pkg-teams-group|Fabrikam’s own Teams team (a tenant resource) hard-coded in the flow (was trap fab-pkg-trap-teams-group: see Corrections)⟧',
            'body/recipient/channelId': '19:b7c2e9f1a4d84c6e9b3f5a1d7e2c8b40@thread.tacv2⟦+cloud/environment-specific-value|fab-pkg-teams-channel|Fabrikam’s own Teams channel (a tenant resource) hard-coded in the flow (was trap fab-pkg-trap-teams-channel: see Corrections)⟧',
            'body/messageBody': "<p>Invoice @{triggerOutputs()?['headers']?['x-ms-file-name']} staged. See https://fabrikam.sharepoint.com/sites/AccountsPayable/Invoices/Received. Do not post passwords here.</p>⟦-environment-specific|fab-pkg-trap-message-link|a link in a chat message⟧⟦-credential|fab-pkg-trap-message-password|the word password in a chat message⟧",
          }, { runAfter: { Copy_to_AP_library: ['Succeeded'] }, metadata: meta('fab-pkg-a4') }),
        },
      },
      connectionReferences: Object.fromEntries(APIS.map(([, , name], i) => [name, {
        connectionName: `${guid(`fab-pkg-cn-${i}`).replace(/-/g, '')}${i === 0 ? '⟦-alm:cloud/embedded-connection|fab-pkg-trap-package-connections|a legacy package has no connection references: connections are chosen again at import⟧' : ''}`,
        source: 'Invoker', id: `/providers/Microsoft.PowerApps/apis/${name}`, tier: 'NotSpecified',
      }])),
      flowFailureAlertSubscribed: false,
    },
  }) + '\n';
}

export function build(): void {
  const dir = `Microsoft.Flow/flows/${FLOW_ID}`;
  const entries: Record<string, string> = {
    [`${dir}/apisMap.json`]: JSON.stringify(Object.fromEntries(APIS.map(([a, , name]) => [name, RES[a]]))),
    [`${dir}/connectionsMap.json`]: JSON.stringify(Object.fromEntries(APIS.map(([, c, name]) => [name, RES[c]]))),
    [`${dir}/definition.json`]: definition(),
    'Microsoft.Flow/flows/manifest.json': JSON.stringify({ packageSchemaVersion: '1.0', flowAssets: { assetPaths: [FLOW_ID] } }),
    'manifest.json': manifest(),
  };
  const zip = new AdmZip();
  const stamp = new Date(2025, 1, 3, 13, 20, 0);
  for (const [entry, text] of Object.entries(entries)) {
    zip.addFile(entry, Buffer.from(take(text, { file: `${ZIP}!/${entry}` }), 'utf8'));
    zip.getEntry(entry)!.header.time = stamp;
  }
  writeTree(ZIP, zip.toBuffer());
}
