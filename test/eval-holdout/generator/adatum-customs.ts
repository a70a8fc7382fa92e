// Adatum customs clearance (issue 13): a governed solution. `pac solution unpack` layout under a
// flowcop.json that names the data-policy exports (policies/dlp/, all three shapes) and the identity
// roles Adatum uses (svc-robot-<env>, svc-flows-<env>); per-environment settings with owners; the
// release pipelines (Azure DevOps under .pipelines/, a GitHub workflow, a deploy script calling pac).
//
// The policies:
//   v2 "Customs production": default General; Confidential Dataverse, SharePoint, Desktop flows,
//     Office 365 Users, Teams, DesktopFlow.WebAutomation/File/Excel; Blocked DesktopFlow.Cmd;
//     SharePoint DeleteFile blocked; browser automation endpoints: Adatum only.
//   v1 list "Adatum default": default Confidential; Office 365 Users Blocked; RSS General.
//   legacy apiGroups "EMEA 2020": default hbi; Teams lbi.
import { buildPipelines } from './adatum-customs-pipelines';
import { cloudFile, connRef, envParam, guid, host, json, meta, robin, type Solution, writeSolution, writeText } from './lib';

const DIR = 'AdatumCustomsClearance';
const DECLARE_ID = guid('acc-declare');
const API = (id: string) => `/providers/Microsoft.PowerApps/apis/${id}`;
const MODULE = (m: string) => `providers/Microsoft.ProcessSimple/operationGroups/DesktopFlow.${m}`;
const CONN = {
  dataverse: ['acc_sharedcommondataserviceforapps_4d1e7', 'shared_commondataserviceforapps'],
  uiflow: ['acc_shareduiflow_9c3a2', 'shared_uiflow'],
  sharepoint: ['acc_sharedsharepointonline_2b8f5', 'shared_sharepointonline'],
  users: ['acc_sharedoffice365users_6e0d4', 'shared_office365users'],
  teams: ['acc_sharedteams_1f7c9', 'shared_teams'],
} as const;
type ConnKey = keyof typeof CONN;

const declareScript = robin(String.raw`
@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@INPUT Input_ShipmentRef : { 'Description': 'Shipment reference.', 'FriendlyName': 'Input_ShipmentRef', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT Input_LinesFile : { 'Description': 'Declaration lines exported by the cloud flow.', 'FriendlyName': 'Input_LinesFile', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@OUTPUT Output_DeclarationNo : { 'Description': 'Declaration number issued by the customs gateway.', 'FriendlyName': 'Output_DeclarationNo', 'Type': 'String' } 
# Files an import declaration on the customs gateway for one shipment.
Variables.CreateNewList List=> DeclarationLines ⟦-alm:dlp/mixed-groups|acc-trap-variables-module|Variables is not governed by data policies; the v2 default (General) does not make it Non-business⟧
DateTime.GetCurrentDateTime.Local DateTimeFormat: DateTime.DateTimeFormat.DateAndTime CurrentDateTime=> FiledAt ⟦-alm:dlp/mixed-groups|acc-trap-datetime-module|Date time is not governed by data policies⟧
File.ReadTextFromFile.ReadTextAsList File: Input_LinesFile Encoding: File.TextFileEncoding.UTF8 Contents=> DeclarationLines
Cmd.Open.Open Directory: $'''%TEMP%''' Session=> CmdSession ⟦+dlp/blocked-connector|acc-declare-cmd-blocked|DesktopFlow.Cmd is Blocked in the v2 export (Customs production)⟧
Cmd.Write Session: CmdSession Command: $'''certutil -hashfile %Input_LinesFile% SHA256''' SendEnter: True ⟦^acc-declare-cmd-blocked⟧
Cmd.ReadFromCmdSession.Read Session: CmdSession CmdOutput=> LinesHash ⟦^acc-declare-cmd-blocked⟧
Cmd.Close Session: CmdSession ⟦^acc-declare-cmd-blocked⟧
WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://portal.customs-gateway.eu/declarations/new''' WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser ⟦+dlp/blocked-endpoint|acc-declare-gateway-endpoint|browser automation may reach https://*.adatum.com* only (then Deny *) in the v2 export⟧⟦-alm:dlp/mixed-groups|acc-trap-webautomation-confidential|WebAutomation is Confidential, which is Business⟧⟦-environment-specific|acc-trap-gateway-url|the public customs gateway, the same for every environment⟧
WebAutomation.PopulateTextField.PopulateTextFieldUsePhysicalKeyboard BrowserInstance: Browser Control: appmask['Web Page']['Shipment reference'] Text: Input_ShipmentRef EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace
WebAutomation.GetDetailsOfElementOnWebPage BrowserInstance: Browser Control: appmask['Web Page']['Declaration number'] AttributeName: $'''Own Text''' Value=> Output_DeclarationNo
WebAutomation.CloseWebBrowser BrowserInstance: Browser
Outlook.Launch Instance=> OutlookInstance ⟦+dlp/mixed-groups|acc-declare-outlook-mix|DesktopFlow.Outlook is listed by no group of the v2 export, whose default is General (Non-business), while WebAutomation and File in the same desktop flow are Confidential⟧
Outlook.SendEmailThroughOutlook.SendEmail Instance: OutlookInstance Account: $'''customs@adatum.com''' SendTo: $'''broker-desk@adatum.com''' Subject: $'''Declaration %Output_DeclarationNo% filed''' Body: $'''Shipment %Input_ShipmentRef%, lines hash %LinesHash%''' IsBodyHtml: False IsDraft: False
Outlook.CloseOutlook Instance: OutlookInstance
`);

const sol: Solution = {
  dir: DIR,
  layout: 'unpacked',
  uniqueName: 'AdatumCustomsClearance',
  displayName: 'Adatum Customs Clearance',
  description: 'Import declarations for inbound shipments: broker lookup, customs gateway filing, document archive.',
  version: '2.3.0.0',
  publisher: { uniqueName: 'adatumtrade', displayName: 'Adatum Trade Operations', prefix: 'acc', optionValuePrefix: 70215 },
  envVars: [
    { schemaName: 'acc_MaxLinesPerDeclaration', displayName: 'Max Lines Per Declaration', description: 'The gateway refuses larger declarations.', type: 100000001, defaultValue: '99' },
    { schemaName: 'acc_GatewayApiKey', displayName: 'Gateway Api Key', description: 'API key of the customs gateway notifications (Key Vault).', type: 100000005, secretStore: 0,
      mark: '⟦-alm:solution/unused-reference|acc-trap-secret-read-by-name|read by its lower-case name with RetrieveEnvironmentVariableSecretValue⟧' },
  ],
  connRefs: Object.values(CONN).map(([logicalName, api]) => ({ logicalName, displayName: `Customs - ${api}`, connectorId: API(api) })),
  desktopFlows: [{ name: 'Customs - File Declaration', id: DECLARE_ID, script: declareScript, description: 'Files the import declaration on the customs gateway.' }],
  cloudFlows: [],
};

sol.cloudFlows.push({
  name: 'Customs - Shipment Arrived',
  id: guid('acc-arrived'),
  description: 'A shipment marked arrived: broker lookup, declaration on a bot, archive, channel post.',
  json: cloudFile(
    Object.fromEntries(Object.values(CONN).map(([logical, api]) => [api, connRef(logical, api)])),
    [envParam('Max Lines Per Declaration', 'acc_MaxLinesPerDeclaration', 'Int', 99)],
    {
      'When_a_shipment_arrives⟦-alm:dlp/blocked-action|acc-trap-trigger-allowed|SubscribeWebhookTrigger has an Allow rule under the Block default⟧': {
        metadata: meta('acc-arr-trigger'),
        type: 'OpenApiConnectionWebhook',
        inputs: {
          host: host('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'SubscribeWebhookTrigger'),
          parameters: { 'subscriptionRequest/message': 3, 'subscriptionRequest/entityname': 'acc_shipment', 'subscriptionRequest/scope': 4, 'subscriptionRequest/filterexpression': 'acc_status eq 4' },
          authentication: "@parameters('$authentication')",
        },
      },
    },
    {
      'Get_broker_profile⟦+dlp/blocked-connector|acc-arrived-users-blocked|Office 365 Users is Blocked in the v1 export (Adatum default)⟧': {
        runAfter: {},
        metadata: meta('acc-arr-a1'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_office365users', 'shared_office365users', 'UserProfile_V2'),
          parameters: { id: "@triggerOutputs()?['body/acc_brokerupn']" },
          authentication: "@parameters('$authentication')",
        },
      },
      'Run_Customs_-_File_Declaration': {
        runAfter: { Get_broker_profile: ['Succeeded'] },
        metadata: meta('acc-arr-a2'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_uiflow', 'shared_uiflow', 'RunUIFlow_V2'),
          parameters: {
            uiFlowId: DECLARE_ID,
            runMode: 'unattended',
            runPriority: 'normal',
            'item/Input_ShipmentRef': "@triggerOutputs()?['body/acc_name']",
            'item/Input_LinesFile': "@triggerOutputs()?['body/acc_linesfile']",
          },
          authentication: "@parameters('$authentication')",
        },
      },
      'Archive_declaration⟦-alm:dlp/mixed-groups|acc-trap-sharepoint-listed|SharePoint is Confidential in v2 and unlisted under Business defaults in v1 and the legacy export⟧⟦-alm:dlp/blocked-action|acc-trap-createfile-allowed|only DeleteFile is blocked; CreateFile falls to the Allow default⟧': {
        runAfter: { 'Run_Customs_-_File_Declaration': ['Succeeded'] },
        metadata: meta('acc-arr-a3'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_sharepointonline', 'shared_sharepointonline', 'CreateFile'),
          parameters: {
            dataset: "@triggerOutputs()?['body/acc_archivesite']",
            folderPath: '/Declarations',
            name: "@{outputs('Run_Customs_-_File_Declaration')?['body/Output_DeclarationNo']}.json",
            body: "@{outputs('Run_Customs_-_File_Declaration')?['body']}",
          },
          authentication: "@parameters('$authentication')",
        },
      },
      'Get_gateway_key⟦-credential:cloud/unsecured-secret|acc-trap-key-secure-outputs|the secret value is read with secure outputs⟧⟦+dlp/blocked-action|acc-arrived-unbound-action-blocked|PerformUnboundAction has no Allow rule and the v2 export blocks Dataverse operations by default⟧': {
        runAfter: { Archive_declaration: ['Succeeded'] },
        metadata: meta('acc-arr-a5'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'PerformUnboundAction'),
          parameters: { actionName: 'RetrieveEnvironmentVariableSecretValue', 'item/EnvironmentVariableName': 'acc_gatewayapikey' },
          authentication: "@parameters('$authentication')",
        },
        runtimeConfiguration: { secureData: { properties: ['outputs'] } },
      },
      'Notify_gateway⟦+dlp/mixed-groups|acc-arrived-http-mix|the HTTP action (virtual connector Http) is listed by no group of the v2 export, whose default is General (Non-business), beside Confidential Dataverse⟧⟦-credential:cloud/unsecured-secret|acc-trap-http-secure-inputs|the key header is sent with secure inputs⟧': {
        runAfter: { Get_gateway_key: ['Succeeded'] },
        metadata: meta('acc-arr-a6'),
        type: 'Http',
        inputs: {
          method: 'POST',
          uri: 'https://hooks.customs-gateway.eu/v1/declarations/notify⟦+dlp/blocked-endpoint|acc-arrived-http-endpoint|the v2 export lets the HTTP action reach https://*.adatum.com/* only, then Deny *⟧⟦-environment-specific|acc-trap-hooks-url|a public third-party endpoint, the same for every environment⟧',
          headers: { 'x-api-key': "@{outputs('Get_gateway_key')?['body/EnvironmentVariableSecretValue']}", 'Content-Type': 'application/json' },
          body: { declaration: "@{outputs('Run_Customs_-_File_Declaration')?['body/Output_DeclarationNo']}" },
        },
        runtimeConfiguration: { secureData: { properties: ['inputs'] } },
      },
      'Post_to_brokers_channel⟦+dlp/mixed-groups|acc-arrived-teams-mix|Teams is lbi (Non-business) in the legacy export while Dataverse is hbi (Business)⟧': {
        runAfter: { Notify_gateway: ['Succeeded'] },
        metadata: meta('acc-arr-a4'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_teams', 'shared_teams', 'PostMessageToConversation'),
          parameters: {
            poster: 'Flow bot',
            location: 'Chat with Flow bot',
            'body/recipient': "@body('Get_broker_profile')?['mail']",
            'body/messageBody': "<p>Declaration @{outputs('Run_Customs_-_File_Declaration')?['body/Output_DeclarationNo']} filed.</p>",
          },
          authentication: "@parameters('$authentication')",
        },
      },
    },
  ),
});

const group = (classification: string, ids: Array<[string, string]>) => ({
  classification,
  connectors: ids.map(([id, name]) => ({ id, name, type: id.includes('operationGroups') ? 'Microsoft.ProcessSimple/operationGroups' : 'providers/Microsoft.PowerApps/apis' })),
});

// v2 as the governance API returns one policy; keys as the terraform fixture spells them (endPoint).
const V2 = {
  policyDefinition: {
    name: guid('acc-policy-v2'),
    displayName: 'Customs production',
    defaultConnectorsClassification: 'General',
    environmentType: 'AllEnvironments',
    environments: [],
    connectorGroups: [
      group('Confidential', [
        [API('shared_commondataserviceforapps'), 'Microsoft Dataverse'], [API('shared_sharepointonline'), 'SharePoint'], [API('shared_uiflow'), 'Desktop flows'],
        [API('shared_office365users'), 'Office 365 Users'], [API('shared_teams'), 'Microsoft Teams'],
        [MODULE('WebAutomation'), 'Browser automation'], [MODULE('File'), 'File'], [MODULE('Excel'), 'Excel'],
      ]),
      group('General', [[API('shared_rss'), 'RSS']]),
      group('Blocked', [[MODULE('Cmd'), 'CMD session']]),
    ],
    createdBy: { displayName: 'Adatum Platform Team' },
    createdTime: '2025-04-02T07:45:00Z',
    isLegacySchemaVersion: false,
  },
  connectorConfigurationsDefinition: {
    connectorActionConfigurations: [
      { connectorId: API('shared_sharepointonline'), defaultConnectorActionRuleBehavior: 'Allow', actionRules: [{ actionId: 'DeleteFile', behavior: 'Block' }] },
      // Dataverse: only the listed operations; unbound actions (and anything new) are blocked.
      { connectorId: API('shared_commondataserviceforapps'), defaultConnectorActionRuleBehavior: 'Block', actionRules: [
        { actionId: 'SubscribeWebhookTrigger', behavior: 'Allow' }, { actionId: 'ListRecords', behavior: 'Allow' }, { actionId: 'GetItem', behavior: 'Allow' },
        { actionId: 'CreateRecord', behavior: 'Allow' }, { actionId: 'UpdateRecord', behavior: 'Allow' },
      ] },
    ],
    endpointConfigurations: [
      { connectorId: MODULE('WebAutomation'), endpointRules: [{ order: 1, behavior: 'Allow', endPoint: 'https://*.adatum.com*' }, { order: 2, behavior: 'Deny', endPoint: '*' }] },
      { connectorId: API('Http'), endpointRules: [{ order: 1, behavior: 'Allow', endPoint: 'https://*.adatum.com/*' }, { order: 2, behavior: 'Deny', endPoint: '*' }] },
    ],
  },
};

const V1 = {
  value: [{
    name: guid('acc-policy-v1'),
    displayName: 'Adatum default',
    defaultConnectorsClassification: 'Confidential',
    connectorGroups: [
      group('Confidential', [[API('shared_commondataserviceforapps'), 'Microsoft Dataverse']]),
      group('General', [[API('shared_rss'), 'RSS']]),
      group('Blocked', [[API('shared_office365users'), 'Office 365 Users']]),
    ],
    environmentType: 'ExceptEnvironments',
    environments: [{ id: `/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/${guid('acc-env-sandbox')}`, name: guid('acc-env-sandbox'), type: 'Microsoft.BusinessAppPlatform/scopes/environments' }],
  }],
};

const LEGACY = {
  name: guid('acc-policy-legacy'),
  type: 'Microsoft.BusinessAppPlatform/scopes/apiPolicies',
  properties: {
    displayName: 'EMEA 2020',
    definition: {
      defaultApiGroup: 'hbi',
      apiGroups: {
        hbi: { description: 'Business data only', apis: [{ id: API('shared_commondataserviceforapps'), name: 'Microsoft Dataverse', type: 'Microsoft.PowerApps/apis' }] },
        lbi: { description: 'No business data allowed', apis: [{ id: 'providers/Microsoft.PowerApps/apis/shared_teams', name: 'Microsoft Teams', type: 'Microsoft.PowerApps/apis' }] },
      },
      constraints: {},
    },
  },
};

export function build(): void {
  writeSolution(sol);
  writeText(`${DIR}/flowcop.json`, json({
    policies: ['policies/dlp/customs-production.v2.json', 'policies/dlp/adatum-default.v1.json', { file: 'policies/dlp/emea-2020.legacy.json' }],
    identities: { roles: { robot: 'svc-robot-<env>@*', flows: 'svc-flows-<env>@*' } },
  }) + '\n');
  writeText(`${DIR}/policies/dlp/customs-production.v2.json`, json(V2) + '\n');
  writeText(`${DIR}/policies/dlp/adatum-default.v1.json`, json(V1) + '\n');
  writeText(`${DIR}/policies/dlp/emea-2020.legacy.json`, json(LEGACY) + '\n');

  const owner: Record<'Dev' | 'UAT' | 'Prod', Record<ConnKey, string>> = {
    Dev: { dataverse: 'svc-flows-dev@adatum.com⟦-alm:settings/environment-bleed|acc-trap-dev-flows-in-dev|the Dev flows account in Dev follows the role pattern⟧', uiflow: 'svc-robot-dev@adatum.com', sharepoint: 'svc-flows-dev@adatum.com', users: 'svc-flows-dev@adatum.com', teams: 'k.okafor@adatum.com⟦^acc-prod-teams-shared-owner⟧' },
    UAT: { dataverse: 'svc-flows-uat@adatum.com⟦+settings/single-identity|acc-uat-single-identity|svc-flows-uat owns every connection of the solution in UAT, the desktop-flow one included⟧', uiflow: 'svc-flows-uat@adatum.com', sharepoint: 'svc-flows-uat@adatum.com', users: 'svc-flows-uat@adatum.com', teams: 'svc-flows-uat@adatum.com' },
    Prod: { dataverse: 'svc-flows-prod@adatum.com⟦-alm:settings/environment-bleed|acc-trap-prod-flows-in-prod|the Prod flows account in Prod follows the role pattern⟧⟦-alm:settings/shared-connection|acc-trap-prod-flows-once|bound in Prod only⟧', uiflow: 'svc-robot-dev@adatum.com⟦+settings/environment-bleed|acc-prod-dev-robot|the Dev robot account runs the desktop flow in Prod⟧', sharepoint: 'svc-flows-prod@adatum.com', users: 'svc-flows-prod@adatum.com', teams: 'k.okafor@adatum.com⟦+settings/shared-connection|acc-prod-teams-shared-owner|a maker owns the Teams connection in Dev and in Prod⟧' },
  };
  const connectionId = (env: 'Dev' | 'UAT' | 'Prod', k: ConnKey): string => {
    if (k === 'sharepoint' && env === 'Prod') return `shared-sharepointonl-${guid('acc-sp-UAT')}⟦+settings/shared-connection|acc-prod-sharepoint-shared-id|Prod binds the SharePoint connection of UAT⟧`;
    if (k === 'sharepoint' && env === 'UAT') return `shared-sharepointonl-${guid('acc-sp-UAT')}⟦^acc-prod-sharepoint-shared-id⟧`;
    return `${CONN[k][1].replace('_', '-')}-${guid(`acc-${k}-${env}`)}`;
  };
  const gatewayKey = {
    Dev: '/subscriptions/3b6f1d2e-8a4c-4e7b-9d0f-2c5a7e9b1d43/resourceGroups/rg-customs-dev/providers/Microsoft.KeyVault/vaults/kv-adatum-customs-dev/secrets/gateway-api-key⟦-credential|acc-trap-kv-reference|a Key Vault reference, not a secret⟧',
    UAT: 'https://kv-adatum-customs-uat.vault.azure.net/secrets/gateway-api-key⟦-alm:settings/import-failure|acc-trap-kv-identifier|the secret identifier URI form of a Key Vault reference⟧',
    Prod: '/subscriptions/3b6f1d2e-8a4c-4e7b-9d0f-2c5a7e9b1d43/providers/Microsoft.KeyVault/vaults/kv-adatum-customs-prod/secrets/gateway-api-key⟦+settings/import-failure|acc-prod-kv-reference-malformed|a Key Vault resource id without its resource group: not a valid secret reference, the import fails⟧',
  };
  for (const env of ['Dev', 'UAT', 'Prod'] as const) {
    writeText(`${DIR}/config/${env}/deploymentSettings.json`, json({
      EnvironmentVariables: [{ SchemaName: 'acc_MaxLinesPerDeclaration', Value: '99' }, { SchemaName: 'acc_GatewayApiKey', Value: gatewayKey[env] }],
      ConnectionReferences: (Object.keys(CONN) as ConnKey[]).map(k => ({
        LogicalName: CONN[k][0],
        ConnectionId: connectionId(env, k),
        ConnectorId: API(CONN[k][1]),
        ConnectionOwner: owner[env][k],
      })),
    }) + '\n');
  }
  buildPipelines(DIR);
}
