// Contoso Health — pharmacy stock: low stock read from the Oracle pharmacy system, reorders at the
// supplier portal, Zebra shelf labels; a Dataverse-triggered cloud alert. Layout: extracted solution
// zip (solution.xml, customizations.xml with inline workflows, desktopflowbinaries/), committed in
// ContosoPharmacyStock/solution; settings in ContosoPharmacyStock/deploymentSettings-<env>.json.
import { cloudFile, connRef, envParam, guid, host, json, meta, robin, type Solution, writeSolution, writeText } from './lib';

const DIR = 'ContosoPharmacyStock';
const REORDER_ID = guid('cph-reorder');
const LABELS_ID = guid('cph-labels');

const reorderScript = robin(String.raw`
@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [OracleCredential, SupplierCredential]
@INPUT Input_StoreCode : { 'Description': 'Pharmacy store code, e.g. PH-0412.', 'FriendlyName': 'Input_StoreCode', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@OUTPUT Output_ReorderCount : { 'Description': 'Number of items reordered.', 'FriendlyName': 'Output_ReorderCount', 'Type': 'Numeric' } 
# Reorders stock below par level from the Oracle pharmacy system, orders at the supplier portal and prints shelf labels.
**REGION Credentials
PowerAutomateSecretVariables.GetCredential Credential: $'''cph_OraclePharmacyReader''' Timeout: 0 Credential=> OracleCredential ⟦-credential|cph-trap-get-credential-oracle|Get credential into a credential variable⟧
PowerAutomateSecretVariables.GetCredential Credential: $'''cph_SupplierPortal''' Timeout: 0 Credential=> SupplierCredential
**ENDREGION
**REGION Read low stock from Oracle
SET OracleConnection TO $'''Provider=OraOLEDB.Oracle;Data Source=ORAPHM01:1521/PHARMPRD;User Id=%OracleCredential.Username%;Password=%OracleCredential.Password%;''' ⟦+pad/hardcoded-machine|cph-reorder-oracle-host|Data Source names the Oracle server⟧ ⟦+pad/sensitive-not-marked|cph-reorder-connection-not-sensitive|credential password interpolated into OracleConnection, which is not sensitive⟧
Database.Connect.Connect ConnectionString: OracleConnection Connection=> OraConnection
Database.ExecuteSqlStatement.Execute Connection: OraConnection Statement: $'''SELECT ITEM_CODE, ITEM_NAME, ON_HAND, PAR_LEVEL, SUPPLIER_SKU FROM PHARM.STOCK WHERE STORE_CODE = \'%Input_StoreCode%\' AND ON_HAND < PAR_LEVEL''' Timeout: 60 Result=> LowStock
Database.Close Connection: OraConnection
**ENDREGION
**REGION Controlled drugs register
Access.LaunchAccess.LaunchExistingDbInAutomationMode Path: $'''\\\\cphfs02\\pharmacy$\\CDRegister.accdb''' Visible: False Exclusive: False Password: $'''CDreg-2019''' Instance=> CdRegister ⟦+pad/hardcoded-machine|cph-reorder-access-unc|Access database on a UNC share⟧ ⟦+pad/plaintext-secret|cph-reorder-access-password|Access database password written literally⟧
Access.RunAccessQuery.RunAccessSelectQuery Instance: CdRegister QueryName: $'''qryControlledBelowPar''' QueryResult=> ControlledLow
Access.CloseAccess Instance: CdRegister
**ENDREGION
**REGION Order at the supplier portal
WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://contoso-pharm-uat.medsupply-partner.com/login''' WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: False ClearCookies: True WaitForPageToLoadTimeout: 60 Timeout: 60 PiPUserDataFolderMode: WebAutomation.PiPUserDataFolderModeEnum.AutomaticProfile TargetDesktop: $'''{\"DisplayName\":\"Local computer\",\"Route\":{\"ServerType\":\"Local\",\"ServerAddress\":\"\"},\"DesktopType\":\"local\"}''' BrowserInstance=> SupplierPortal ⟦+pad/environment-specific-url|cph-reorder-supplier-uat-url|tenant- and UAT-specific supplier portal URL⟧ ⟦-machine|cph-trap-local-target-desktop|TargetDesktop is the local computer⟧
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: SupplierPortal Control: appmask['Web Page \'https://contoso-pharm-uat.medsupply-partner.com/login\'']['Input email'] Text: SupplierCredential.Username EmulateTyping: False UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace ⟦-environment-specific|cph-trap-selector-url|URL inside a recorded UI element name⟧
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: SupplierPortal Control: appmask['Web Page \'https://contoso-pharm-uat.medsupply-partner.com/login\'']['Input password'] Text: SupplierCredential.Password EmulateTyping: False UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace ⟦-credential|cph-trap-credential-password-typed|the password of a credential variable typed into a password box⟧
WebAutomation.Click.Click BrowserInstance: SupplierPortal Control: appmask['Web Page \'https://contoso-pharm-uat.medsupply-partner.com/login\'']['Button Sign in'] WaitForPageToLoadTimeout: 60
LOOP FOREACH StockItem IN LowStock
    WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: SupplierPortal Control: appmask['Web Page \'Quick order\'']['Input SKU'] Text: StockItem['SUPPLIER_SKU'] EmulateTyping: False UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace
    WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: SupplierPortal Control: appmask['Web Page \'Quick order\'']['Input Quantity'] Text: StockItem['PAR_LEVEL'] - StockItem['ON_HAND'] EmulateTyping: False UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace
    WebAutomation.Click.Click BrowserInstance: SupplierPortal Control: appmask['Web Page \'Quick order\'']['Button Add'] WaitForPageToLoadTimeout: 60
END
WebAutomation.CloseWebBrowser BrowserInstance: SupplierPortal
**ENDREGION
**REGION Shelf labels
System.GetEnvironmentVariable.GetEnvironmentVariable Name: $'''LABEL_PRINTER_HOST''' Value=> LabelPrinterHost
System.Ping HostName: LabelPrinterHost Timeout: 3000 PingReply=> PrinterPing ⟦-machine|cph-trap-ping-variable|host read from a machine environment variable⟧
SET LabelFile TO $'''labels\\reorder_%Input_StoreCode%.csv''' ⟦-environment-specific|cph-trap-relative-label-file|relative path⟧
File.WriteToCSVFile.WriteCSV VariableToWrite: LowStock CSVFile: LabelFile CsvFileEncoding: File.CSVEncoding.UTF8 IncludeColumnNames: False IfFileExists: File.IfFileExists.Overwrite ColumnsSeparator: File.CSVColumnsSeparator.Semicolon
System.RunApplication.RunApplicationAndWaitToComplete ApplicationPath: $'''D:\\Apps\\BarTender\\bartend.exe''' CommandLineArguments: $'''/F=labels\\shelf_label.btw /P /X /D=%LabelFile%''' WorkingDirectory: $'''D:\\Apps\\BarTender''' WindowStyle: System.ProcessWindowStyle.Hidden Timeout: 120 ExitCode=> BarTenderExit ⟦+pad/environment-specific-path|cph-reorder-bartender-path|application path and working directory on the D: drive of one bot⟧
IF BarTenderExit <> 0 THEN
    System.GetEnvironmentVariable.GetEnvironmentVariable Name: $'''LABEL_PRINTER_SHARE''' Value=> LabelPrinterShare
    Scripting.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''copy /b "%LabelFile%" %LabelPrinterShare%''' WorkingFolder: $'''''' StandardOutput=> CopyOutput StandardError=> CopyError ExitCode=> CopyExit ⟦-machine|cph-trap-printer-share-variable|printer share read from a machine environment variable⟧
END
**ENDREGION
@@connectionDisplayName: 'svc-rpa-pharmacy@contoso-health.com'
External.InvokeCloudConnector Connection: '${guid(`${REORDER_ID}-pad-0`)}' ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_office365' OperationId: 'SendEmailV2' @'emailMessage/To': $'''pharmacy-leads@contoso-health.com''' @'emailMessage/Subject': $'''Reorder placed for %Input_StoreCode%''' @'emailMessage/Body': $'''%LowStock.RowsCount% items reordered.'''
SET Output_ReorderCount TO LowStock.RowsCount
`);

const labelsScript = robin(String.raw`
@@ConnectionString: '' ⟦-machine|cph-trap-empty-connection-string|empty target-desktop connection string (local computer)⟧
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: []
@INPUT Input_LabelBatch : { 'Description': 'Batch number printed on the labels.', 'FriendlyName': 'Input_LabelBatch', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT Input_TestMode : { 'Description': 'Send to the local printer emulator instead of the shelf printer.', 'FriendlyName': 'Input_TestMode', 'Type': 'Bool', 'IsOptional': True, 'DefaultValue': False } 
# Sends ZPL shelf labels straight to the web interface of the Zebra printer. Power Fx enabled.
SET LabelTemplate TO $fx'C:\Pharmacy\Labels\shelf.zpl' ⟦+pad/environment-specific-path|cph-labels-template-path|absolute local path of the ZPL template⟧
File.ReadTextFromFile.ReadText File: $fx'=LabelTemplate' Encoding: File.TextFileEncoding.UTF8 Content=> TemplateText
SET PrinterUrl TO $fx'http://zebra-shelf-03/pstprnt' ⟦+pad/hardcoded-machine|cph-labels-printer-host|single-label printer host in a URL⟧ ⟦-environment-specific|cph-trap-printer-url-dup|internal host in a URL: labeled once, as a hardcoded machine⟧
IF Input_TestMode = True THEN
    SET PrinterUrl TO $fx'http://localhost:9100/pstprnt' ⟦-machine|cph-trap-localhost|localhost printer emulator⟧
END
Web.InvokeWebService.InvokeWebService Url: $fx'=PrinterUrl' Method: Web.Method.Post Accept: $fx'text/plain' ContentType: $fx'text/plain' RequestBody: $fx'=Substitute(TemplateText, "{{BATCH}}", Input_LabelBatch)' ConnectionTimeout: $fx'=10' FollowRedirection: $fx'=false' ClearCookies: $fx'=false' FailOnErrorStatus: $fx'=true' EncodeRequestBody: $fx'=false' UserAgent: $fx'PAD' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: $fx'=false' ResponseHeaders=> PrinterHeaders Response=> PrinterResponse StatusCode=> PrinterStatus
`);

const controlRepo = json({
  Screens: [{
    Controls: [
      { AutomationProtocol: null, ScreenShot: null, ElementTypeName: 'Input', InstanceId: guid('cph-cr-email'), Name: 'Input email', SelectorCount: 1, Selectors: [{ CustomSelector: null, Elements: [{ Attributes: [{ Ignore: false, IsOrdinal: false, Name: 'Id', Operation: 'EqualTo', Value: 'email' }], CustomValue: null, Ignore: false, Name: 'Input', Tag: 'input' }], Ignore: false, IsCustom: false, IsWindowsInstance: false, Order: 0 }], Tag: 'input' },
      { AutomationProtocol: null, ScreenShot: null, ElementTypeName: 'Input', InstanceId: guid('cph-cr-password'), Name: 'Input password', SelectorCount: 1, Selectors: [{ CustomSelector: 'input[type="password"]', Elements: [], Ignore: false, IsCustom: true, IsWindowsInstance: false, Order: 0 }], Tag: 'input' },
      { AutomationProtocol: null, ScreenShot: null, ElementTypeName: 'Button', InstanceId: guid('cph-cr-signin'), Name: 'Button Sign in', SelectorCount: 1, Selectors: [{ CustomSelector: 'button[type="submit"]', Elements: [], Ignore: false, IsCustom: true, IsWindowsInstance: false, Order: 0 }], Tag: 'button' },
    ],
    Handle: { value: 0 },
    ProcessName: null,
    ScreenShot: null,
    ElementTypeName: 'Web Page',
    InstanceId: guid('cph-cr-login'),
    Name: "Web Page 'https://contoso-pharm-uat.medsupply-partner.com/login'⟦-environment-specific|cph-trap-control-repository-url|URL in a control repository screen name (a selector, not a target)⟧",
    SelectorCount: 1,
    Selectors: [{ CustomSelector: null, Elements: [{ Attributes: [], CustomValue: 'domcontainer', Ignore: false, Name: "Web Page 'https://contoso-pharm-uat.medsupply-partner.com/login'", Tag: 'domcontainer' }], Ignore: false, ImageSelector: null, IsCustom: false, IsImageBased: false, IsPlaceholderSelector: false, IsWindowsInstance: false, Name: 'Default Selector', Properties: [] }],
    Tag: 'domcontainer',
    ScreenshotPath: null,
  }],
  Version: 1,
});

const manifest = (powerFx: boolean, modules: string[]) => JSON.stringify({
  CreatedEngineVersion: { Major: 2, Minor: 52, Build: 62, Revision: 25009, MajorRevision: 0, MinorRevision: 25009 },
  ModuleReferences: modules.map(m => ({ AssemblyName: `Microsoft.Flow.RPA.Desktop.Modules.${m}.Actions`, Name: m, Id: '00000000-0000-0000-0000-000000000000', PublicKeyToken: '31bf3856ad364e35', Type: 1, Version: { Major: 1, Minor: 0, Build: 0, Revision: 0, MajorRevision: 0, MinorRevision: 0 } })),
  ConnectorReferences: [],
  PowerFxEnabled: powerFx,
  EngineVersion: { Major: 2, Minor: 52, Build: 62, Revision: 25009, MajorRevision: 0, MinorRevision: 25009 },
});

const bin = (flow: string, type: string, reference: string, ext: string, mimetype: string, name: string, content: string) => {
  const id = guid(`${flow}-${type}`);
  const fileId = guid(`${flow}-${type}-file`);
  return { id, type, reference, file: `${type}_${fileId}.${ext}`, mimetype, name, content };
};

const sol: Solution = {
  dir: `${DIR}/solution`,
  layout: 'raw',
  uniqueName: 'ContosoPharmacyStock',
  displayName: 'Contoso Pharmacy Stock',
  description: 'Pharmacy stock replenishment and shelf labels.',
  version: '3.0.2.11',
  publisher: { uniqueName: 'contosohealth', displayName: 'Contoso Health', prefix: 'cph', optionValuePrefix: 71530 },
  envVars: [
    { schemaName: 'cph_PharmacyTeamId', displayName: 'Pharmacy Team Id', description: 'Teams team of the pharmacy leads.', type: 100000000 },
    { schemaName: 'cph_PharmacyChannelId', displayName: 'Pharmacy Channel Id', description: 'Channel for stock alerts.', type: 100000000 },
    { schemaName: 'cph_ReorderThreshold', displayName: 'Reorder Threshold', description: 'Alert when on-hand falls below this many units.', type: 100000001, defaultValue: '10',
      mark: '⟦-alm:solution/committed-env-var-value|cph-trap-threshold-default|a default value is not a committed current value⟧' },
    { schemaName: 'cph_SupplierPortalUrl', displayName: 'Supplier Portal Url', description: 'Order portal of the medical supplier.', type: 100000000,
      value: 'https://contoso-pharm-uat.medsupply-partner.com', valueMark: '⟦+solution/committed-env-var-value|cph-supplier-url-committed|current value of cph_SupplierPortalUrl committed with the solution⟧' },
  ],
  connRefs: [
    { logicalName: 'cph_sharedcommondataserviceforapps_2d4f6', displayName: 'Dataverse - Pharmacy', connectorId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' },
    { logicalName: 'cph_sharedoffice365_4f1b2', displayName: 'Office 365 Outlook - Reorder bot', connectorId: '/providers/Microsoft.PowerApps/apis/shared_office365',
      mark: '⟦-alm:solution/unused-reference|cph-trap-ref-used-by-desktop-flow|used by the desktop flow (External.InvokeCloudConnector), not by a cloud flow⟧' },
    { logicalName: 'cph_sharedteams_0e8a1', displayName: 'Teams - Pharmacy alerts', connectorId: '/providers/Microsoft.PowerApps/apis/shared_teams',
      mark: '⟦+solution/unused-reference|cph-unused-teams-ref|the flow embeds its Teams connection, the reference is unused⟧' },
  ],
  desktopFlows: [
    { name: 'Pharmacy - Reorder from Oracle', id: REORDER_ID, script: reorderScript, credentials: true, description: 'Reorders items below par level and prints shelf labels.',
      connectionReferences: [{ logicalName: 'cph_sharedoffice365_4f1b2', api: 'shared_office365', displayName: 'Office 365 Outlook - Reorder bot' }],
      binaries: [
        bin('cph-reorder', 'ManifestFile', 'flow.manifest', 'json', 'application/json', 'Desktop flow manifest file', manifest(false, ['Database', 'Access', 'WebAutomation', 'System', 'File', 'Scripting', 'PowerAutomateSecretVariables'])),
        bin('cph-reorder', 'DependenciesFile', 'flow.dependencies', 'json', 'application/json', 'Desktop flow dependencies file', JSON.stringify({ EnvironmentVariables: [], Credentials: ['cph_OraclePharmacyReader', 'cph_SupplierPortal'] })),
        bin('cph-reorder', 'ControlRepository', 'controlRepo.appmask', 'json', 'application/json', 'Desktop flow control repository', controlRepo),
      ] },
    { name: 'Pharmacy - Print Shelf Labels', id: LABELS_ID, script: labelsScript, powerFx: true, description: 'Prints ZPL shelf labels.',
      binaries: [bin('cph-labels', 'ManifestFile', 'flow.manifest', 'json', 'application/json', 'Desktop flow manifest file', manifest(true, ['File', 'Web']))] },
  ],
  cloudFlows: [],
};

sol.cloudFlows.push({
  name: 'Pharmacy - Low Stock Alert',
  id: guid('cph-alert'),
  description: 'Alerts the pharmacy leads and the inventory service when a stock item falls below threshold.',
  json: cloudFile(
    {
      shared_commondataserviceforapps: connRef('cph_sharedcommondataserviceforapps_2d4f6', 'shared_commondataserviceforapps'),
      'shared_teams⟦+cloud/embedded-connection|cph-alert-embedded-teams|Teams connection embedded in the flow instead of the solution connection reference⟧': {
        connectionName: 'shared-teams-2b7c9d4e-6f1a-4c3b-8e5d-0a2c4e6f8b19',
        source: 'Embedded',
        id: '/providers/Microsoft.PowerApps/apis/shared_teams',
        tier: 'NotSpecified',
      },
    },
    [
      envParam('Pharmacy Team Id', 'cph_PharmacyTeamId', 'String', '7c1e3a5f-9b2d-4e6a-8c0f-2d4b6e8a0c13'),
      envParam('Pharmacy Channel Id', 'cph_PharmacyChannelId', 'String', '19:a7c2e9f04b1d4c3e@thread.tacv2'),
      envParam('Reorder Threshold', 'cph_ReorderThreshold', 'Int', 10),
      envParam('Supplier Portal Url', 'cph_SupplierPortalUrl', 'String', 'https://contoso-pharm-uat.medsupply-partner.com⟦-environment-specific|cph-trap-param-default-portal|parameter defaultValue snapshot of the env var⟧'),
    ],
    {
      When_stock_item_changes: {
        metadata: meta('cph-alert-trigger'),
        type: 'OpenApiConnectionWebhook',
        inputs: {
          host: host('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'SubscribeWebhookTrigger'),
          parameters: {
            'subscriptionRequest/message': 3,
            'subscriptionRequest/entityname': 'cph_stockitem',
            'subscriptionRequest/scope': 4,
            'subscriptionRequest/filteringattributes': 'cph_onhand',
            'subscriptionRequest/filterexpression': "cph_onhand lt @{parameters('Reorder Threshold (cph_ReorderThreshold)')}",
          },
          authentication: "@parameters('$authentication')",
        },
      },
    },
    {
      Get_store: {
        runAfter: {},
        metadata: meta('cph-alert-a1'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'GetItem'),
          parameters: { entityName: 'cph_stores', recordId: "@triggerOutputs()?['body/_cph_store_value']", $select: 'cph_name,cph_storecode' },
          authentication: "@parameters('$authentication')",
        },
      },
      Post_alert_to_pharmacy_leads: {
        runAfter: { Get_store: ['Succeeded'] },
        metadata: meta('cph-alert-a2'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_teams', 'shared_teams', 'PostMessageToConversation'),
          parameters: {
            poster: 'Flow bot',
            location: 'Channel',
            'body/recipient/groupId': "@parameters('Pharmacy Team Id (cph_PharmacyTeamId)')",
            'body/recipient/channelId': "@parameters('Pharmacy Channel Id (cph_PharmacyChannelId)')",
            'body/messageBody': "<p>@{triggerOutputs()?['body/cph_name']} is below threshold at @{body('Get_store')?['cph_name']}. Order in the portal: @{parameters('Supplier Portal Url (cph_SupplierPortalUrl)')}</p>⟦-environment-specific|cph-trap-portal-param-in-message|portal URL read from an environment variable⟧",
          },
          authentication: "@parameters('$authentication')",
        },
      },
      'Request_reorder_from_inventory_service⟦+cloud/unsecured-secret|cph-alert-inventory-unsecured|HTTP action sending a Basic Authorization header without secure inputs⟧': {
        runAfter: { Post_alert_to_pharmacy_leads: ['Succeeded'] },
        metadata: meta('cph-alert-a3'),
        type: 'Http',
        inputs: {
          method: 'POST',
          uri: 'http://10.12.1.25:8080/inventory/v1/reorder⟦+cloud/hardcoded-machine|cph-alert-inventory-ip|IP address of the inventory service⟧⟦-environment-specific|cph-trap-inventory-url-dup|internal host in a URL: labeled once, as a hardcoded machine⟧',
          headers: {
            'Content-Type': 'application/json',
            Authorization: 'Basic cnBhLXBoYXJtOlBoNHJtQCFudjIwMjU=⟦+cloud/plaintext-secret|cph-alert-basic-header|Basic credentials (base64 user:password) written in a header⟧',
          },
          body: { sku: "@triggerOutputs()?['body/cph_sku']", store: "@body('Get_store')?['cph_storecode']" },
        },
      },
      'Log_alert_to_blob⟦+cloud/unsecured-secret|cph-alert-sas-unsecured|HTTP action sending a SAS signature without secure inputs⟧': {
        runAfter: { Request_reorder_from_inventory_service: ['Succeeded'] },
        metadata: meta('cph-alert-a4'),
        type: 'Http',
        inputs: {
          method: 'PUT',
          uri: 'https://contosopharmlogs.blob.core.windows.net/stock-alerts/@{guid()}.json?sv=2022-11-02&ss=b&srt=o&sp=rwc&se=2026-12-31T23:59:59Z&st=2025-01-01T00:00:00Z&spr=https&sig=Zx9%2Fq3LmN8vB2kR5tY7uI0oP4aS6dF1gH3jK5lZ8xC0%3D⟦+cloud/plaintext-secret|cph-alert-sas-signature|SAS token signature in the URI⟧⟦+cloud/environment-specific-value|cph-alert-storage-account|storage account host of one environment in the URI⟧',
          headers: { 'x-ms-blob-type': 'BlockBlob', 'Content-Type': 'application/json' },
          body: "@triggerOutputs()?['body']",
        },
      },
      Validate_payload_schema: {
        runAfter: { Log_alert_to_blob: ['Succeeded'] },
        metadata: meta('cph-alert-a5'),
        type: 'ParseJson',
        inputs: {
          content: "@triggerOutputs()?['body']",
          schema: { $schema: 'http://json-schema.org/draft-04/schema#⟦-environment-specific|cph-trap-json-schema-url|JSON schema URL⟧', type: 'object', properties: { cph_sku: { type: 'string' }, cph_onhand: { type: 'integer' } } },
        },
      },
    },
  ),
});

export function build(): void {
  writeSolution(sol);
  const conn = {
    dataverse: { dev: 'shared-commondataser-1e7b3d9f-5a2c-4f8e-b0d6-3c5e7a9b1d24', test: '⟦+settings/missing-value|cph-test-dataverse-connection-empty|Test settings leave the Dataverse connection unbound⟧', prod: 'shared-commondataser-4a0d6f2b-8c5e-4b1a-9f3d-6e8a0c2f4b57' },
    office365: { dev: 'shared-office365-0d6b2f8c-4a9e-4c1d-b7f3-5e8a0c2d4f61', test: 'shared-office365-7a3e9c5b-1f0d-4e6a-8b2c-9d1f3a5c7e04', prod: 'shared-office365-3f9b5d1e-7c2a-4a8f-9e6b-2b4d6f8a0c95' },
    teams: { dev: 'shared-teams-8d4f0b6c-2e9a-4d5f-a1c7-9b1d3f5a7c60', test: 'shared-teams-3b9e5a1d-7f4c-4e0b-8d2a-4e6c8a0d2f93', prod: 'shared-teams-6f2c8e4a-0b7d-4a3f-b5e9-7d9f1b3e5a26' },
  };
  const team = { dev: '7c1e3a5f-9b2d-4e6a-8c0f-2d4b6e8a0c13', test: '7c1e3a5f-9b2d-4e6a-8c0f-2d4b6e8a0c13⟦-alm:settings/shared-connection|cph-trap-same-team-dev-test|the same Teams team in Dev and Test is a value, not a shared connection⟧', prod: 'e2a4c6e8-0a2c-4e6a-9c0e-2a4c6e8a0c2e' };
  const channel = { dev: '19:a7c2e9f04b1d4c3e@thread.tacv2', test: '19:b8d3f0a15c2e4d4f@thread.tacv2', prod: '19:c9e4a1b26d3f4e5a@thread.tacv2' };
  const portal = { dev: 'https://contoso-pharm-uat.medsupply-partner.com', test: 'https://contoso-pharm-uat.medsupply-partner.com',
    prod: 'https://contoso-pharm-uat.medsupply-partner.com⟦+settings/environment-bleed|cph-prod-portal-is-uat|Prod settings point at the UAT supplier portal⟧' };
  for (const env of ['dev', 'test', 'prod'] as const) {
    writeText(`${DIR}/deploymentSettings-${env}.json`, json({
      EnvironmentVariables: [
        { SchemaName: 'cph_PharmacyTeamId', Value: team[env] },
        { SchemaName: 'cph_PharmacyChannelId', Value: channel[env] },
        { SchemaName: 'cph_ReorderThreshold', Value: env === 'prod' ? '25' : '5' },
        { SchemaName: 'cph_SupplierPortalUrl', Value: portal[env] },
      ],
      ConnectionReferences: [
        { LogicalName: 'cph_sharedcommondataserviceforapps_2d4f6', ConnectionId: conn.dataverse[env], ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' },
        { LogicalName: 'cph_sharedoffice365_4f1b2', ConnectionId: conn.office365[env], ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_office365' },
        { LogicalName: 'cph_sharedteams_0e8a1', ConnectionId: conn.teams[env], ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_teams' },
      ],
    }));
  }
}
