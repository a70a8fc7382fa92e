// VendorPayments — a governed solution (issue 13): `pac solution unpack` layout under a flowcop.json
// that names the tenant's data-policy exports in all three shapes (governance/), per-environment
// settings with connection owners (identities), and the release pipelines that import it
// (Azure DevOps YAML, a GitHub workflow, a PowerShell script calling pac).
//
// The policies, as an administrator exported them:
//   v2 (policyDefinition + connectorConfigurationsDefinition) "Finance guardrails": default Confidential;
//     Dataverse and DesktopFlow.Excel Confidential, DesktopFlow.Web General, DesktopFlow.Scripting Blocked;
//     SQL Server's ExecutePassThroughNativeQuery_V2 blocked; DesktopFlow.Web endpoints: Contoso only.
//   v1 list (Get-DlpPolicy) "Tenant baseline": default General; everything the solution uses listed as
//     Confidential except DesktopFlow.Compression, which is Blocked.
//   legacy apiGroups "Legacy finance (2021)": default hbi; Dataverse and Desktop flows hbi, Office 365 Outlook lbi.
import {
  cloudFlowJson, cloudWorkflowXml, customizationsXml, desktopBinaries, desktopStubJson, desktopWorkflowXml, envParam,
  envVarXml, fileBase, guid, hex32, op, p, settingsText, solutionXml, viaReference, XML_DECL,
} from './lib.mjs';
import buildPipelines from './vendor-payments-pipelines.mjs';

const ROOT = 'solutions/VendorPayments';
const PUBLISHER = { uniqueName: 'contosofinance', displayName: 'Contoso Finance Automation', prefix: 'vp', optionPrefix: 61250 };
const IDS = { release: guid('VendorPayments/release'), upload: guid('VendorPayments/upload'), remittance: guid('VendorPayments/remittance') };
const CONN = {
  dataverse: 'vp_sharedcommondataserviceforapps_8e21c',
  uiflow: 'vp_shareduiflow_3b7d0',
  sql: 'vp_sharedsql_5a9f2',
  teams: 'vp_sharedteams_0c4e8',
  outlook: 'vp_sharedoffice365_7d1b3',
};
const CONNECTOR = { dataverse: 'commondataserviceforapps', uiflow: 'uiflow', sql: 'sql', teams: 'teams', outlook: 'office365' };
const ENV = { threshold: ['Approval Threshold', 'vp_ApprovalThreshold'], team: ['Treasury Team Id', 'vp_TreasuryTeamId'] };
const API = id => `/providers/Microsoft.PowerApps/apis/${id}`;
const MODULE = m => `providers/Microsoft.ProcessSimple/operationGroups/DesktopFlow.${m}`;

const UPLOAD = String.raw`@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
@INPUT In_BatchId : { 'Description': 'Payment batch number.', 'FriendlyName': 'BatchId', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT In_WorkbookPath : { 'Description': 'Approved batch workbook.', 'FriendlyName': 'WorkbookPath', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT In_RemittancePdf : { 'Description': 'Remittance PDF saved by the bank portal.', 'FriendlyName': 'RemittancePdf', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@OUTPUT Out_Status : { 'Description': 'UPLOADED or FAILED.', 'FriendlyName': 'Status', 'Type': 'String' } 
# Builds the bank payment file from the approved batch workbook, converts the amounts and packs it for the bank.
SET Attempt TO 0 ⟦-alm dlp/blocked-connector: Variables is a module data policies cannot govern (the v1 default is General)⟧⟦-alm dlp/mixed-groups: Variables is not governed, so it is in no group⟧
DateTime.GetCurrentDateTime.Local DateTimeFormat: DateTime.DateTimeFormat.DateAndTime CurrentDateTime=> RunStarted ⟦-alm dlp/mixed-groups: Date time is not governed by data policies⟧
Text.ConvertDateTimeToText.FromCustomDateTime DateTime: RunStarted CustomFormat: $'''yyyyMMdd''' Result=> RunDate ⟦-alm dlp/mixed-groups: Text is not governed by data policies⟧
Excel.LaunchExcel.LaunchAndOpen Path: In_WorkbookPath Visible: False ReadOnly: True LoadAddInsAndMacros: False Instance=> BatchBook ⟦-alm dlp/mixed-groups: Excel is Confidential (Business) in the v2 export; the mix is reported on the General side⟧
Excel.ReadFromExcel.ReadAllCells Instance: BatchBook ReadAsText: True FirstLineIsHeader: True RangeValue=> PaymentLines
Excel.CloseExcel.Close Instance: BatchBook
Web.InvokeWebService.InvokeWebService Url: $'''https://api.fxrates-partner.com/v2/latest?base=EUR''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: True EncodeRequestBody: False UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> RateHeaders Response=> RatesJson StatusCode=> RateStatus ⟦+alm dlp/mixed-groups: DesktopFlow.Web is General (Non-business) in the v2 policy while Excel in the same desktop flow (and Dataverse in the cloud flow running it) is Confidential⟧⟦+alm dlp/blocked-endpoint: the v2 policy lets the desktop HTTP module reach https://*.contoso.com* only, then Deny *⟧⟦-env pad/environment-specific-url: a public third-party rates API, no environment or organisation evidence⟧
File.GetTempPath TempPath=> TempFolder
SET PaymentFile TO $'''%TempFolder%\\payments-%In_BatchId%-%RunDate%.csv'''
File.WriteText File: PaymentFile TextToWrite: PaymentLines AppendNewLine: False IfFileExists: File.IfFileExists.Overwrite Encoding: File.FileEncoding.UTF8
Scripting.RunPowershellScript.RunPowershellScript Script: $'''(Get-FileHash -Algorithm SHA256 -Path %PaymentFile%).Hash''' ScriptOutput=> PaymentFileHash ScriptError=> HashError ⟦+alm dlp/blocked-connector: DesktopFlow.Scripting is Blocked in the v2 policy (Finance guardrails)⟧
Compression.ZipFiles ArchivePath: $'''%TempFolder%\\payments-%In_BatchId%.zip''' FilesOrFoldersToZip: PaymentFile CompressionLevel: Compression.CompressionLevel.BestBalanceOfSpeedAndCompression ArchiveComment: PaymentFileHash ZipFile=> PaymentZip ⟦+alm dlp/blocked-connector: DesktopFlow.Compression is Blocked in the v1 policy (Tenant baseline)⟧
External.RunFlow FlowId: '${IDS.remittance}' @In_PdfPath: In_RemittancePdf @Out_Reference=> RemittanceReference ⟦-alm dlp/mixed-groups: Run flow is listed Confidential in v1 and Business by default elsewhere⟧
SET Out_Status TO $'''UPLOADED'''
`;

const REMITTANCE = String.raw`@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
@INPUT In_PdfPath : { 'Description': 'Remittance PDF from the bank.', 'FriendlyName': 'PdfPath', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@OUTPUT Out_Reference : { 'Description': 'Bank reference of the remittance.', 'FriendlyName': 'Reference', 'Type': 'String' } 
# Reads the bank reference from the remittance PDF (run by Bank Upload).
Pdf.ExtractTextFromPDF.ExtractText PDFFile: In_PdfPath DetectLayout: False ExtractedText=> PdfText ⟦+alm dlp/mixed-groups: the v1 export (default General) lists no group for DesktopFlow.Pdf: Non-business, in the tree of Bank Upload, whose other modules are Confidential⟧
Text.ParseText.RegexParseForFirstOccurrence Text: PdfText TextToFind: $'''Bank reference:\\s*(\\w+)''' StartingPosition: 0 IgnoreCase: True OccurrencePosition=> ReferencePosition Match=> Out_Reference
`;

function releaseFlow() {
  return cloudFlowJson({
    connectionReferences: Object.fromEntries(Object.entries(CONN).map(([k, logical]) => [`shared_${CONNECTOR[k]}`, viaReference(`shared_${CONNECTOR[k]}`, logical)])),
    parameters: Object.fromEntries([
      envParam(...ENV.threshold, 'Int', 25000),
      envParam(...ENV.team, 'String', ''),
    ]),
    triggers: {
      When_a_payment_batch_is_approved: {
        type: 'OpenApiConnectionWebhook',
        inputs: {
          host: { connectionName: 'shared_commondataserviceforapps', operationId: 'SubscribeWebhookTrigger', apiId: API('shared_commondataserviceforapps') },
          parameters: { 'subscriptionRequest/message': 3, 'subscriptionRequest/entityname': 'vp_paymentbatch', 'subscriptionRequest/scope': 4, 'subscriptionRequest/filterexpression': 'vp_status eq 2' },
          authentication: "@parameters('$authentication')",
        },
      },
    },
    actions: {
      'List_payment_lines⟦-alm dlp/mixed-groups: Dataverse is Confidential (Business) in every export; a mix is reported on the Non-business side⟧': op('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'ListRecords', {
        entityName: 'vp_paymentlines',
        $filter: "_vp_batch_value eq @{triggerOutputs()?['body/vp_paymentbatchid']}",
      }, { runAfter: {} }),
      'Run_Vendor_Payments_-_Bank_Upload': op('shared_uiflow', 'shared_uiflow', 'RunUIFlow_V2', {
        uiFlowId: IDS.upload,
        runMode: 'unattended',
        runPriority: 'normal',
        'item/In_BatchId': "@triggerOutputs()?['body/vp_name']",
        'item/In_WorkbookPath': "@triggerOutputs()?['body/vp_workbookpath']",
        'item/In_RemittancePdf': "@triggerOutputs()?['body/vp_remittancepdf']",
      }, { runAfter: { List_payment_lines: ['Succeeded'] }, limit: { timeout: 'PT30M' } }),
      'Mark_batch_released⟦+alm dlp/blocked-action: SQL Server ExecutePassThroughNativeQuery_V2 is blocked by the v2 policy\'s action rules⟧': op('shared_sql', 'shared_sql', 'ExecutePassThroughNativeQuery_V2', {
        server: 'default',
        database: 'default',
        'query/query': "UPDATE dbo.PaymentBatch SET Status = 'Released' WHERE BatchId = '@{triggerOutputs()?['body/vp_name']}'",
      }, { runAfter: { 'Run_Vendor_Payments_-_Bank_Upload': ['Succeeded'] } }),
      'Notify_treasury⟦-alm dlp/mixed-groups: Teams is listed by no export, and every default puts it with the flow\'s other connectors (Confidential in v2, hbi in the legacy export, listed Confidential in v1)⟧': op('shared_teams', 'shared_teams', 'PostMessageToConversation', {
        poster: 'Flow bot',
        location: 'Channel',
        'body/recipient/groupId': p(...ENV.team),
        'body/messageBody': "<p>Payment batch @{triggerOutputs()?['body/vp_name']} released to the bank.</p>",
      }, { runAfter: { Mark_batch_released: ['Succeeded'] } }),
      'Send_remittance_advice⟦+alm dlp/mixed-groups: Office 365 Outlook is lbi (Non-business) in the legacy export while Dataverse and Desktop flows are hbi (Business)⟧': op('shared_office365', 'shared_office365', 'SendEmailV2', {
        'emailMessage/To': "@triggerOutputs()?['body/vp_vendoremail']",
        'emailMessage/Subject': "Remittance advice @{triggerOutputs()?['body/vp_name']}",
        'emailMessage/Body': '<p>Please find the remittance advice for your invoices attached.</p>',
      }, { runAfter: { Notify_treasury: ['Succeeded'] } }),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Data-policy exports (tree root governance/), in the shapes the admin tools write.

const group = (classification, ids) => ({ classification, connectors: ids.map(([id, name]) => ({ id, name, type: id.includes('operationGroups') ? 'Microsoft.ProcessSimple/operationGroups' : 'Microsoft.PowerApps/apis' })) });

const V2 = {
  policyDefinition: {
    name: guid('policy/finance-guardrails'),
    displayName: 'Finance guardrails',
    defaultConnectorsClassification: 'Confidential',
    environmentType: 'AllEnvironments',
    environments: [],
    connectorGroups: [
      group('Confidential', [[API('shared_commondataserviceforapps'), 'Microsoft Dataverse'], [MODULE('Excel'), 'Excel']]),
      group('General', [[MODULE('Web'), 'HTTP']]),
      group('Blocked', [[MODULE('Scripting'), 'Scripting']]),
    ],
    etag: '"0c01a2b3-0000-0100-0000-6710f3a40000"',
    createdBy: { displayName: 'Power Platform Admin' },
    createdTime: '2024-10-17T09:12:36.0000000Z',
    lastModifiedTime: '2025-02-03T14:40:11.0000000Z',
    isLegacySchemaVersion: false,
  },
  connectorConfigurationsDefinition: {
    connectorActionConfigurations: [{
      connectorId: API('shared_sql'),
      defaultConnectorActionRuleBehavior: 'Allow',
      actionRules: [{ actionId: 'ExecutePassThroughNativeQuery_V2', behavior: 'Block' }, { actionId: 'DeleteItem_V2', behavior: 'Block' }],
    }],
    endpointConfigurations: [{
      connectorId: MODULE('Web'),
      endpointRules: [{ order: 1, behavior: 'Allow', endpoint: 'https://*.contoso.com*' }, { order: 2, behavior: 'Deny', endpoint: '*' }],
    }],
  },
  customConnectorUrlPatternsDefinition: { rules: [{ order: 1, customConnectorRuleClassification: 'Ignore', pattern: '*' }] },
};

const V1 = {
  value: [{
    name: guid('policy/tenant-baseline'),
    displayName: 'Tenant baseline',
    defaultConnectorsClassification: 'General',
    connectorGroups: [
      group('Confidential', [
        [API('shared_commondataserviceforapps'), 'Microsoft Dataverse'], [API('shared_uiflow'), 'Desktop flows'], [API('shared_sql'), 'SQL Server'],
        [API('shared_teams'), 'Microsoft Teams'], [API('shared_office365'), 'Office 365 Outlook'],
        [MODULE('Excel'), 'Excel'], [MODULE('Web'), 'HTTP'], [MODULE('Scripting'), 'Scripting'], [MODULE('File'), 'File'], [MODULE('Runflow'), 'Run flow'],
      ]),
      group('General', [[API('shared_rss'), 'RSS'], [API('shared_twitter'), 'X']]),
      group('Blocked', [[MODULE('Compression'), 'Compression'], [API('shared_ftp'), 'FTP']]),
    ],
    environmentType: 'AllEnvironments',
    environments: [],
    createdBy: { displayName: 'Power Platform Admin' },
    createdTime: '2023-03-01T08:00:00.0000000Z',
    lastModifiedTime: '2025-01-20T10:05:44.0000000Z',
    etag: '"a4d1e2f3-0000-0100-0000-678e20080000"',
  }],
};

const LEGACY = {
  name: guid('policy/legacy-finance'),
  id: `/providers/Microsoft.BusinessAppPlatform/scopes/admin/apiPolicies/${guid('policy/legacy-finance')}`,
  type: 'Microsoft.BusinessAppPlatform/scopes/apiPolicies',
  properties: {
    displayName: 'Legacy finance (2021)',
    createdTime: '2021-06-14T12:30:00.0000000Z',
    definition: {
      $schema: 'https://schema.management.azure.com/providers/Microsoft.BusinessAppPlatform/schemas/2016-10-01-preview/apiPolicyDefinition.json#',
      constraints: {},
      apiGroups: {
        hbi: { description: 'Business data only', apis: [
          { id: API('shared_commondataserviceforapps'), name: 'Microsoft Dataverse', type: 'Microsoft.PowerApps/apis' },
          { id: API('shared_uiflow'), name: 'Desktop flows', type: 'Microsoft.PowerApps/apis' },
        ] },
        lbi: { description: 'No business data allowed', apis: [
          { id: API('shared_office365'), name: 'Office 365 Outlook', type: 'Microsoft.PowerApps/apis' },
        ] },
      },
      defaultApiGroup: 'hbi',
      rules: [],
    },
  },
};

// ---------------------------------------------------------------------------------------------

export default function build(ctx) {
  const wf = (name, id) => `Workflows/${fileBase(name, id)}.json`;
  const release = { name: 'Vendor Payments - Release Batch', id: IDS.release };
  const upload = { name: 'Vendor Payments - Bank Upload', id: IDS.upload };
  release.json = wf(release.name, release.id);
  upload.json = wf(upload.name, upload.id);

  ctx.file(`${ROOT}/${release.json}`, releaseFlow());
  ctx.file(`${ROOT}/${release.json}.data.xml`, `${XML_DECL}\n${cloudWorkflowXml({ ...release, jsonName: release.json.slice(10) })}\n`);
  const inputs = [{ name: 'In_BatchId', friendlyName: 'BatchId' }, { name: 'In_WorkbookPath', friendlyName: 'WorkbookPath' }, { name: 'In_RemittancePdf', friendlyName: 'RemittancePdf' }];
  const outputs = [{ name: 'Out_Status', friendlyName: 'Status' }];
  const sidecar = `${ROOT}/${upload.json}.data.xml`;
  const script = ctx.script(UPLOAD, { flow: upload.name, file: sidecar });
  const bins = desktopBinaries(upload.id, 'VendorPayments/upload');
  for (const [rel, content] of Object.entries(bins.files)) ctx.file(`${ROOT}/${rel}`, content);
  ctx.file(`${ROOT}/${upload.json}`, desktopStubJson(inputs, outputs) + '\n');
  ctx.file(sidecar, `${XML_DECL}\n${desktopWorkflowXml({ ...upload, jsonName: upload.json.slice(10), script, inputs, outputs, binaries: bins.ids })}\n`);

  const remittance = { name: 'Vendor Payments - Read Remittance', id: IDS.remittance };
  remittance.json = wf(remittance.name, remittance.id);
  const remInputs = [{ name: 'In_PdfPath', friendlyName: 'PdfPath' }];
  const remOutputs = [{ name: 'Out_Reference', friendlyName: 'Reference' }];
  const remSidecar = `${ROOT}/${remittance.json}.data.xml`;
  const remScript = ctx.script(REMITTANCE, { flow: remittance.name, file: remSidecar });
  const remBins = desktopBinaries(remittance.id, 'VendorPayments/remittance');
  for (const [rel, content] of Object.entries(remBins.files)) ctx.file(`${ROOT}/${rel}`, content);
  ctx.file(`${ROOT}/${remittance.json}`, desktopStubJson(remInputs, remOutputs) + '\n');
  ctx.file(remSidecar, `${XML_DECL}\n${desktopWorkflowXml({ ...remittance, jsonName: remittance.json.slice(10), script: remScript, inputs: remInputs, outputs: remOutputs, binaries: remBins.ids })}\n`);

  ctx.file(`${ROOT}/Other/Customizations.xml`, customizationsXml({
    connectionReferences: Object.entries(CONN).map(([k, logicalName]) => ({ logicalName, displayName: `Vendor Payments - ${k}`, connector: `shared_${CONNECTOR[k]}` })),
  }));
  const envVars = [
    { schemaName: ENV.threshold[1], displayName: ENV.threshold[0], type: 'Number', defaultValue: '25000' },
    { schemaName: ENV.team[1], displayName: ENV.team[0], type: 'String' },
  ];
  for (const v of envVars) ctx.file(`${ROOT}/environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`, envVarXml(v));
  ctx.file(`${ROOT}/Other/Solution.xml`, solutionXml({
    uniqueName: 'VendorPayments', displayName: 'Vendor Payments', version: '1.2.0.0', publisher: PUBLISHER,
    description: 'Releases approved vendor payment batches to the bank.',
    rootComponents: [{ type: 29, id: release.id }, { type: 29, id: upload.id }, { type: 29, id: IDS.remittance }, ...envVars.map(v => ({ type: 380, schemaName: v.schemaName }))],
  }));

  ctx.file(`${ROOT}/flowcop.json`, JSON.stringify({
    policies: ['../../governance/dlp-finance-guardrails.v2.json', '../../governance/dlp-tenant-policies.json', { file: '../../governance/legacy/finance-2021.json' }],
  }, null, 2) + '\n');
  ctx.file('governance/dlp-finance-guardrails.v2.json', JSON.stringify(V2, null, 2) + '\n');
  ctx.file('governance/dlp-tenant-policies.json', JSON.stringify(V1, null, 2) + '\n');
  ctx.file('governance/legacy/finance-2021.json', JSON.stringify(LEGACY, null, 2) + '\n');

  // Identities. Dev and Test follow the role convention; Prod still carries two of Dev's bindings.
  const owners = {
    Dev: { dataverse: 'dev-rpa-cloud@contoso.com', uiflow: 'dev-rpa-bot@contoso.com', sql: 'dev-rpa-cloud@contoso.com', teams: 'dev-rpa-cloud@contoso.com', outlook: 'maria.santos@contoso.com' },
    Test: { dataverse: 'svc-rpa-test@contoso.com', uiflow: 'svc-rpa-test@contoso.com', sql: 'svc-rpa-test@contoso.com', teams: 'svc-rpa-test@contoso.com', outlook: 'svc-rpa-test@contoso.com' },
    Prod: { dataverse: 'prod-rpa-cloud@contoso.com', uiflow: 'dev-rpa-bot@contoso.com', sql: 'prod-rpa-cloud@contoso.com', teams: 'prod-rpa-cloud@contoso.com', outlook: 'maria.santos@contoso.com' },
  };
  const connectionId = (env, k) => (k === 'sql' && env === 'Prod' ? hex32('vp-sql-Dev') : hex32(`vp-${k}-${env}`));
  const mark = (env, k, field) => {
    if (field === 'owner') {
      if (env === 'Test' && k === 'dataverse') return '⟦+alm settings/single-identity: one account owns every connection of the solution in Test⟧';
      if (env === 'Prod' && k === 'uiflow') return '⟦+alm settings/environment-bleed: the Dev bot account runs the desktop flows in Prod⟧⟦-alm settings/shared-connection: a role account of Dev, reported as bleed where it does not belong⟧';
      if (env === 'Prod' && k === 'outlook') return '⟦+@vp-shared-owner alm settings/shared-connection: the maker\'s account owns the Outlook connection in Dev and in Prod⟧';
      if (env === 'Dev' && k === 'outlook') return '⟦~vp-shared-owner⟧';
      if (env === 'Dev' && k === 'uiflow') return '⟦-alm settings/environment-bleed: the Dev bot in Dev follows the role convention⟧';
      if (env === 'Prod' && k === 'dataverse') return '⟦-alm settings/environment-bleed: the Prod cloud account in Prod follows the role convention⟧⟦-alm settings/single-identity: Prod splits its connections over three accounts⟧';
      if (env === 'Dev' && k === 'dataverse') return '⟦-alm settings/shared-connection: dev-rpa-cloud is bound in Dev only⟧';
      return '';
    }
    if (k === 'sql' && env === 'Prod') return '⟦+@vp-shared-sql alm settings/shared-connection: Prod is bound to the Dev SQL connection (same ConnectionId)⟧';
    if (k === 'sql' && env === 'Dev') return '⟦~vp-shared-sql⟧';
    return '';
  };
  const team = { Dev: guid('vp-team-dev'), Test: guid('vp-team-test'), Prod: guid('vp-team-prod') };
  for (const env of ['Dev', 'Test', 'Prod']) {
    ctx.file(`${ROOT}/config/${env}/deploymentSettings.json`, settingsText({
      EnvironmentVariables: [
        { SchemaName: ENV.threshold[1], Value: env === 'Prod' ? '25000' : '1000' },
        { SchemaName: ENV.team[1], Value: team[env] },
      ],
      ConnectionReferences: Object.entries(CONN).map(([k, LogicalName]) => ({
        LogicalName,
        ConnectionId: connectionId(env, k) + mark(env, k, 'id'),
        ConnectorId: env === 'Test' && k === 'teams'
          ? `${API('shared_office365')}⟦+alm settings/import-failure: the Teams reference's entry names the Outlook connector (copied from the entry below); the import cannot bind it⟧`
          : API(`shared_${CONNECTOR[k]}`),
        ConnectionOwner: owners[env][k] + mark(env, k, 'owner'),
      })),
    }) + '\n');
  }

  buildPipelines(ctx);
}
