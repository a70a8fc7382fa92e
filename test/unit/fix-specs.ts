// Fixture solutions for the fix tests (written in the shape Power Platform exports).
import type { SolutionSpec } from '../support/fixture';

export const DESKTOP_ID = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const O365 = '/providers/Microsoft.PowerApps/apis/shared_office365';
const UIFLOW = '/providers/Microsoft.PowerApps/apis/shared_uiflow';
const DATAVERSE = '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps';

const host = (api: string, operationId: string) => ({ connectionName: api.split('/').pop(), operationId, apiId: api });

/** A cloud flow with environment-specific values, a machine and a plain-text secret. */
export const CLOUD: SolutionSpec = {
  uniqueName: 'FixCloud',
  prefix: 'cnt',
  version: '1.2.0.0',
  connectionReferences: [
    { logicalName: 'cnt_sharedsharepointonline_5f2a1', displayName: 'SharePoint', connectorId: SP },
    { logicalName: 'cnt_sharedoffice365_2d7f0', displayName: 'Office 365', connectorId: O365 },
  ],
  environmentVariables: [{ schemaName: 'cnt_SiteUrl', displayName: 'Site URL' }],
  cloudFlows: [{
    name: 'Process Invoices',
    uses: [
      { key: 'shared_sharepointonline', logicalName: 'cnt_sharedsharepointonline_5f2a1' },
      { key: 'shared_office365', logicalName: 'cnt_sharedoffice365_2d7f0' },
    ],
    definition: {
      parameters: {
        $connections: { defaultValue: {}, type: 'Object' },
        $authentication: { defaultValue: {}, type: 'SecureObject' },
        'Site URL (cnt_SiteUrl)': { defaultValue: 'https://contoso.sharepoint.com/sites/Finance-Dev', type: 'String', metadata: { schemaName: 'cnt_SiteUrl' } },
      },
      actions: {
        Get_invoice_properties: {
          runAfter: {},
          type: 'OpenApiConnection',
          inputs: {
            host: host(SP, 'GetFileItem'),
            parameters: { dataset: 'https://contoso.sharepoint.com/sites/Finance-Dev', table: '8c2f4e1a-3b5d-4c7e-9f0a-1b2c3d4e5f6a', id: "@triggerOutputs()?['body/ID']" },
            authentication: "@parameters('$authentication')",
          },
        },
        Notify_team: {
          runAfter: { Get_invoice_properties: ['Succeeded'] },
          type: 'OpenApiConnection',
          inputs: {
            host: host(O365, 'SendEmailV2'),
            parameters: {
              'emailMessage/To': 'ap@contoso.com',
              'emailMessage/Subject': 'New invoice',
              'emailMessage/Body': '<p>See https://contoso.sharepoint.com/sites/Finance-Dev/Invoices for the file.</p>',
            },
            authentication: "@parameters('$authentication')",
          },
        },
        Compose_archive_link: {
          runAfter: { Notify_team: ['Succeeded'] },
          type: 'Compose',
          inputs: "@concat('https://contoso.sharepoint.com/sites/Archive-Dev', '/', triggerOutputs()?['body/ID'])",
        },
        Compose_share: {
          runAfter: { Compose_archive_link: ['Succeeded'] },
          type: 'Compose',
          inputs: '\\\\fs01.contoso.local\\Archive\\Invoices',
        },
        Post_audit: {
          runAfter: { Compose_share: ['Succeeded'] },
          type: 'Http',
          inputs: {
            method: 'POST',
            uri: 'https://api.contoso.com/audit',
            headers: { 'Content-Type': 'application/json', 'x-api-key': 'c0ntoso-3rp-4udit-k3y-7f9a2b' },
            body: { status: 'entered' },
          },
        },
      },
    },
  }],
  settings: {
    Dev: {
      EnvironmentVariables: [{ SchemaName: 'cnt_SiteUrl', Value: 'https://contoso.sharepoint.com/sites/Finance-Dev' }],
      ConnectionReferences: [
        { LogicalName: 'cnt_sharedsharepointonline_5f2a1', ConnectionId: 'sp-dev', ConnectorId: SP },
        { LogicalName: 'cnt_sharedoffice365_2d7f0', ConnectionId: 'o365-dev', ConnectorId: O365 },
      ],
    },
    Prod: {
      EnvironmentVariables: [{ SchemaName: 'cnt_SiteUrl', Value: 'https://contoso.sharepoint.com/sites/Finance' }],
      ConnectionReferences: [
        { LogicalName: 'cnt_sharedsharepointonline_5f2a1', ConnectionId: 'sp-prod', ConnectorId: SP },
        { LogicalName: 'cnt_sharedoffice365_2d7f0', ConnectionId: 'o365-prod', ConnectorId: O365 },
      ],
    },
  },
};

/** The same flow in a solution that already has a Dataverse connection reference. */
export const CLOUD_WITH_DATAVERSE: SolutionSpec = {
  ...CLOUD,
  uniqueName: 'FixCloudDv',
  connectionReferences: [...CLOUD.connectionReferences!, { logicalName: 'cnt_sharedcommondataserviceforapps_98ee0', displayName: 'Dataverse', connectorId: DATAVERSE }],
};

export const SCRIPT = [
  "@@ConnectionString: ''",
  "@@Type: 'Local'",
  "@@DesktopType: 'local'",
  "@@DisplayName: 'Local computer'",
  "IMPORT 'controlRepo.appmask' AS appmask",
  '@SENSITIVE: [Output_Message]',
  "@INPUT Input_Invoice : { 'Description': 'The invoice number.', 'FriendlyName': 'Input_Invoice', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ",
  "@INPUT Input_SmtpPassword : { 'Description': 'SMTP password.', 'FriendlyName': 'Input_SmtpPassword', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ",
  "@INPUT Input_SmtpUser : { 'Description': 'SMTP user.', 'FriendlyName': 'Input_SmtpUser', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ",
  "@OUTPUT Output_Message : { 'Description': 'What happened.', 'FriendlyName': 'Output_Message', 'Type': 'String' } ",
  '# Enters one invoice in the legacy ERP.',
  "SET InputFolder TO $'''C:\\\\RPA\\\\Invoices\\\\Input'''",
  "SET ErpUser TO $'''svc-erp-bot'''",
  "SET ErpPassword TO $'''Winter2025!'''",
  "WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://erp-dev.contoso.com/invoices/new''' WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser",
  "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Input user'] Text: ErpUser EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace",
  "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Input password'] Text: ErpPassword EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace",
  "File.ReadTextFromFile.ReadText File: $'''%InputFolder%\\\\%Input_Invoice%.txt''' Encoding: File.TextFileEncoding.UTF8 Content=> InvoiceText",
  "IF IsNotEmpty(InvoiceText) THEN",
  "    Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: $'''Provider=MSOLEDBSQL;Server=SQLERP01;Database=Invoices;Integrated Security=SSPI''' Statement: $'''SELECT 1''' Timeout: 30 Result=> VendorTable",
  'END',
  "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.office365.com''' Port: 587 EnableSSL: True Username: Input_SmtpUser Password: Input_SmtpPassword AcceptUntrustedCertificates: False From: $'''ap@contoso.com''' SendTo: $'''ap@contoso.com''' Subject: $'''Invoice %Input_Invoice%''' Body: InvoiceText IsBodyHtml: False",
  "SET Output_Message TO $'''Invoice %Input_Invoice% entered'''",
].join('\r\n');

/** A desktop flow run by a cloud flow (RunUIFlow_V2), with a credential, a secret input, a path, a URL and machines. */
export const DESKTOP: SolutionSpec = {
  uniqueName: 'FixDesktop',
  prefix: 'cnt',
  version: '2.0.0.0',
  connectionReferences: [{ logicalName: 'cnt_shareduiflow_8b3c4', displayName: 'Desktop flows', connectorId: UIFLOW }],
  desktopFlows: [{
    name: 'Enter Invoice',
    id: DESKTOP_ID,
    script: SCRIPT,
    inputs: [{ name: 'Input_Invoice' }, { name: 'Input_SmtpPassword', sensitive: false }, { name: 'Input_SmtpUser' }],
    outputs: [{ name: 'Output_Message', sensitive: true }],
  }],
  cloudFlows: [{
    name: 'Run Invoice Entry',
    uses: [{ key: 'shared_uiflow', logicalName: 'cnt_shareduiflow_8b3c4' }],
    definition: {
      actions: {
        Run_desktop_flow: {
          runAfter: {},
          type: 'OpenApiConnection',
          inputs: {
            host: host(UIFLOW, 'RunUIFlow_V2'),
            parameters: {
              uiFlowId: DESKTOP_ID,
              runMode: 'unattended',
              runPriority: 'normal',
              'item/Input_Invoice': "@triggerBody()?['text']",
              'item/Input_SmtpPassword': "@triggerBody()?['text_1']",
              'item/Input_SmtpUser': "@triggerBody()?['text_2']",
            },
            authentication: "@parameters('$authentication')",
          },
          runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } },
        },
      },
    },
  }],
  settings: {
    Dev: { EnvironmentVariables: [], ConnectionReferences: [{ LogicalName: 'cnt_shareduiflow_8b3c4', ConnectionId: 'ui-dev', ConnectorId: UIFLOW }] },
    Prod: { EnvironmentVariables: [], ConnectionReferences: [{ LogicalName: 'cnt_shareduiflow_8b3c4', ConnectionId: 'ui-prod', ConnectorId: UIFLOW }] },
  },
};
