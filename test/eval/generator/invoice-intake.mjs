// InvoiceIntake — `pac solution unpack` layout (Other/Solution.xml, Workflows/*.json + .data.xml),
// per-environment settings in config/<Env>/deploymentSettings.json.
import {
  settingsText,
  cloudFlowJson, cloudWorkflowXml, customizationsXml, desktopBinaries, desktopStubJson, desktopWorkflowXml, envParam,
  envVarValuesJson, envVarXml, fileBase, guid, hex32, op, p, solutionXml, viaReference, XML_DECL,
} from './lib.mjs';

const ROOT = 'solutions/InvoiceIntake';
const PUBLISHER = { uniqueName: 'contosofinance', displayName: 'Contoso Finance Automation', prefix: 'inv', optionPrefix: 61250 };

const IDS = {
  capture: guid('InvoiceIntake/capture'),
  post: guid('InvoiceIntake/post'),
  keyIn: guid('InvoiceIntake/keyin'),
  statements: guid('InvoiceIntake/statements'),
};

const CONN = {
  outlook: 'inv_sharedoffice365_7c1e2',
  sharepoint: 'inv_sharedsharepointonline_5a9d0',
  uiflow: 'inv_shareduiflow_3f8b1',
  keyvault: 'inv_sharedkeyvault_e21c4',
  dataverse: 'inv_sharedcommondataserviceforapps_0b7e3',
};

const ENV = {
  site: ['Invoice Hub Site', 'inv_SharePointSite'],
  library: ['Invoice Library', 'inv_InvoiceLibrary'],
  erpBase: ['ERP Base URL', 'inv_ErpBaseUrl'],
  mailbox: ['Invoice Mailbox', 'inv_InvoiceMailbox'],
  batch: ['Max Invoices Per Batch', 'inv_MaxInvoicesPerBatch'],
  autoPost: ['Auto Post Enabled', 'inv_AutoPostEnabled'],
  routing: ['Vendor Routing', 'inv_VendorRouting'],
  archivePwd: ['ERP Archive Password', 'inv_ErpArchivePassword'],
  notify: ['AP Notification Address', 'inv_ApNotificationAddress'],
};

// ---------------------------------------------------------------------------------------------
// Desktop flow: key invoices into the ERP client

const KEY_IN = String.raw`@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [ErpCredential, In_OcrApiKey, OcrHeaders]
@INPUT In_BatchId : { 'Description': 'Batch id created by the cloud flow (yyyyMMdd-HHmm).', 'FriendlyName': 'BatchId', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT In_InvoiceFolder : { 'Description': 'Folder that holds the PDF invoices of this batch.', 'FriendlyName': 'InvoiceFolder', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT In_OcrApiKey : { 'Description': 'Subscription key of the OCR service.', 'FriendlyName': 'OcrApiKey', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ⟦+cred pad/secret-input-variable: the OCR subscription key arrives as an input variable; marked sensitive, but a secret input all the same (read it with Get credential)⟧
@INPUT In_PasswordExpiryWarningDays : { 'Description': 'Warn the AP team this many days before the ERP bot password expires.', 'FriendlyName': 'PasswordExpiryWarningDays', 'Type': 'Numeric', 'IsOptional': True, 'DefaultValue': 14 } ⟦-cred pad/secret-input-variable: a number of days named after the password policy, with a default; not a secret⟧
@OUTPUT Out_PostedCount : { 'Description': 'Number of invoices posted.', 'FriendlyName': 'PostedCount', 'Type': 'Numeric' } 
@OUTPUT Out_ErrorMessage : { 'Description': 'Error text when the batch failed.', 'FriendlyName': 'ErrorMessage', 'Type': 'String' } 
/# Invoice intake: keys the invoices of one batch into the Contoso ERP desktop client.
Started by the cloud flow "Invoice Intake - Capture from Mailbox".
The ERP bot password lives in the ERP-INVOICE-BOT credential (Key Vault); never type it here. #/ ⟦-cred: a comment that talks about the password, with no value in it⟧
SET PostedCount TO 0
SET ErrorCount TO 0
SET OcrEndpoint TO $'''http://localhost:5080/ocr/v1/analyze''' ⟦-mach pad/hardcoded-machine: the OCR container runs on the bot machine itself (localhost)⟧
SET ErpClientPath TO $'''C:\\Program Files\\Contoso\\ERP Client\\ErpClient.exe''' ⟦+env pad/environment-specific-path: absolute install path of the ERP client; reaches RunApplication⟧
SET ArchiveFolder TO $'''\\\\fs01.corp.contoso.com\\finance$\\AP\\Archive\\%In_BatchId%''' ⟦+mach pad/hardcoded-machine: UNC path on file server fs01; reaches File.Move⟧
Folder.GetSpecialFolder SpecialFolder: Folder.SpecialFolder.LocalApplicationData SpecialFolderPath=> LocalAppData
SET WorkFolder TO $'''%LocalAppData%\\InvoiceIntake\\%In_BatchId%''' ⟦-env pad/environment-specific-path: built on a Folder.GetSpecialFolder result, not an absolute literal⟧
Folder.Create FolderPath: LocalAppData FolderName: $'''InvoiceIntake\\%In_BatchId%''' Folder=> WorkFolderInfo ⟦-env pad/environment-specific-path: a relative folder name under a special folder⟧
PowerAutomateSecretVariables.GetCredential Credential: $'''ERP-INVOICE-BOT''' Timeout: 0 Credential=> ErpCredential ⟦-cred pad/plaintext-secret: the name of a credential is not a secret; the output variable is sensitive⟧
SET ErpPassword TO ErpCredential.Password ⟦+cred pad/sensitive-not-marked: the ERP password is copied into ErpPassword, which is not in @SENSITIVE (sensitivity is not inherited)⟧
Folder.GetFiles Folder: In_InvoiceFolder FileFilter: $'''*.pdf''' IncludeSubfolders: False FailOnAccessDenied: True SortBy1: Folder.SortBy.CreationTime SortDescending1: False SortBy2: Folder.SortBy.NoSort SortDescending2: False SortBy3: Folder.SortBy.NoSort SortDescending3: False Files=> InvoiceFiles
IF InvoiceFiles.Count = 0 THEN
    SET Out_PostedCount TO 0
    EXIT Code: 0
END
System.RunApplication.RunApplicationAndWaitToLoad ApplicationPath: ErpClientPath CommandLineArguments: $'''/server:erpapp01 /company:1000 /lang:EN''' WorkingDirectory: $'''C:\\Program Files\\Contoso\\ERP Client''' WindowStyle: System.ProcessWindowStyle.Maximized Timeout: 60 ProcessId=> ErpProcessId ⟦+mach pad/hardcoded-machine: ERP application server erpapp01 (a single-label host name) in the command line⟧⟦+env pad/environment-specific-path: absolute working directory⟧
UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Window \'Contoso ERP - Sign in\'']['Edit \'User name\''] Text: ErpCredential.Username Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick
UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Window \'Contoso ERP - Sign in\'']['Edit \'Password\''] Text: ErpPassword Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick ⟦-cred pad/plaintext-secret: a variable, not a literal, goes into the password box (the missing sensitivity is reported where ErpPassword is set)⟧
UIAutomation.Click.Click Element: appmask['Window \'Contoso ERP - Sign in\'']['Button \'Sign in\''] ClickType: UIAutomation.ClickType.LeftClick MousePositionRelativeToElement: UIAutomation.RectangleEdgePoint.MiddleCenter OffsetX: 0 OffsetY: 0
ON ERROR
    SET Out_ErrorMessage TO $'''ERP sign-in failed for batch %In_BatchId%. Check the ERP-INVOICE-BOT password in Key Vault.''' ⟦-cred: an error message that mentions the password⟧
    System.TerminateProcess.TerminateProcessById ProcessId: ErpProcessId
    EXIT Code: 1 ErrorMessage: Out_ErrorMessage
END
WAIT (UIAutomation.WaitForWindow.ToOpenByTitleClass Title: $'''Contoso ERP - Accounts Payable''' Class: $'''''' FocusWindow: True) FOR 60
LOOP FOREACH InvoiceFile IN InvoiceFiles
    BLOCK 'Key one invoice'
    ON BLOCK ERROR
        Variables.IncreaseVariable Value: ErrorCount IncrementValue: 1 IncreasedValue=> ErrorCount
        Logging.LogMessage Message: $'''Could not key %InvoiceFile.Name%; left in %In_InvoiceFolder% for manual entry.''' LogLevel: Logging.LogLevel.WarningLevel
    END
        File.ConvertToBase64 File: InvoiceFile Base64Text=> PdfBase64
        SET OcrHeaders TO $'''Ocp-Apim-Subscription-Key: %In_OcrApiKey%''' ⟦-cred pad/sensitive-not-marked: the key is interpolated into OcrHeaders, which is in @SENSITIVE⟧
        Web.InvokeWebService.InvokeWebService Url: OcrEndpoint Method: Web.Method.Post Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: OcrHeaders RequestBody: $'''{\"base64Source\": \"%PdfBase64%\"}''' ConnectionTimeout: 60 FollowRedirection: True ClearCookies: False FailOnErrorStatus: True EncodeRequestBody: False UserAgent: $'''Mozilla/5.0 (Windows NT 10.0; Win64; x64)''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> OcrResponseHeaders Response=> OcrResponse StatusCode=> OcrStatus
        Variables.ConvertJsonToCustomObject Json: OcrResponse CustomObject=> Invoice
        UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Window \'Contoso ERP - Accounts Payable\'']['Edit \'Vendor\''] Text: Invoice['vendorId'] Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick
        UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Window \'Contoso ERP - Accounts Payable\'']['Edit \'Invoice number\''] Text: Invoice['invoiceNumber'] Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick
        UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Window \'Contoso ERP - Accounts Payable\'']['Edit \'Gross amount\''] Text: Invoice['total'] Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick
        UIAutomation.Click.Click Element: appmask['Window \'Contoso ERP - Accounts Payable\'']['Button \'Post\''] ClickType: UIAutomation.ClickType.LeftClick MousePositionRelativeToElement: UIAutomation.RectangleEdgePoint.MiddleCenter OffsetX: 0 OffsetY: 0
        File.Move Files: InvoiceFile Destination: ArchiveFolder IfFileExists: File.IfExists.Overwrite MovedFiles=> MovedFiles
        Variables.IncreaseVariable Value: PostedCount IncrementValue: 1 IncreasedValue=> PostedCount
    END
END
CALL UpdateInvoiceRegister
CALL CloseErp
SET Out_PostedCount TO PostedCount
Logging.LogMessage Message: $'''Batch %In_BatchId%: %PostedCount% posted, %ErrorCount% left for manual entry. Review at https://erp.contoso.com/ap/batches/%In_BatchId%''' LogLevel: Logging.LogLevel.InfoLevel ⟦-env pad/environment-specific-url: a link inside a log message; nothing connects to it⟧
FUNCTION UpdateInvoiceRegister GLOBAL
Excel.LaunchExcel.LaunchAndOpen Path: $'''C:\\Users\\svc_invoicebot\\OneDrive - Contoso\\AP\\Invoice register 2025.xlsx''' Visible: False ReadOnly: False LoadAddInsAndMacros: False Instance=> RegisterExcel ⟦+env pad/environment-specific-path: workbook under the bot account's user profile⟧
Excel.GetFirstFreeColumnRow Instance: RegisterExcel FirstFreeColumn=> FirstFreeColumn FirstFreeRow=> FirstFreeRow
Excel.WriteToExcel.WriteCell Instance: RegisterExcel Value: In_BatchId Column: 1 Row: FirstFreeRow
Excel.WriteToExcel.WriteCell Instance: RegisterExcel Value: PostedCount Column: 2 Row: FirstFreeRow
Excel.WriteToExcel.WriteCell Instance: RegisterExcel Value: ErrorCount Column: 3 Row: FirstFreeRow
Excel.CloseExcel.CloseAndSave Instance: RegisterExcel
END FUNCTION
FUNCTION CloseErp GLOBAL
UIAutomation.CloseWindow.CloseByTitleClass Title: $'''Contoso ERP*''' Class: $''''''
System.TerminateProcess.TerminateProcessById ProcessId: ErpProcessId
END FUNCTION
`;

// ---------------------------------------------------------------------------------------------
// Desktop flow: download supplier statements from the supplier portal (older, attended)

const STATEMENTS = String.raw`@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [StatementToken]
@INPUT In_StatementMonth : { 'Description': 'Month to download, yyyy-MM.', 'FriendlyName': 'StatementMonth', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT In_PortalUser : { 'Description': 'Supplier portal user.', 'FriendlyName': 'PortalUser', 'Type': 'String', 'IsOptional': True, 'DefaultValue': $'''ap-automation@contoso.com''' } ⟦-cred pad/secret-input-variable: a user name with a default value; user names are not secrets⟧
@INPUT In_PortalPassword : { 'Description': 'Supplier portal password (legacy input, to be replaced by a credential).', 'FriendlyName': 'PortalPassword', 'Type': 'String', 'IsOptional': True, 'DefaultValue': $'''Fabr1kam-AP-2024''' } ⟦+cred pad/secret-input-variable: a password input with a literal default value, not marked sensitive either⟧
@OUTPUT Out_FileCount : { 'Description': 'Statements downloaded.', 'FriendlyName': 'FileCount', 'Type': 'Numeric' } 
# Downloads the monthly supplier statements and files them on the AP share.
SET PortalBaseUrl TO $'''https://supplierportal.fabrikam.com''' ⟦-env pad/environment-specific-url: the supplier's portal (issue 12: a third-party host with no environment or organisation evidence in the tree; a label before, see README "Corrections")⟧
SET DownloadFolder TO $'''C:\\RPA\\SupplierStatements\\%In_StatementMonth%''' ⟦+env pad/environment-specific-path: absolute local folder on the bot machine⟧
IF (Folder.IfFolderExists.DoesNotExist Path: DownloadFolder) THEN
    Folder.Create FolderPath: $'''C:\\RPA\\SupplierStatements''' FolderName: In_StatementMonth Folder=> NewFolder ⟦+env pad/environment-specific-path: absolute local folder again⟧
END
WebAutomation.LaunchChrome.LaunchChrome Url: $'''%PortalBaseUrl%/login''' WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: False ClearCookies: True WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser ⟦-env pad/environment-specific-url: the address is built from a variable⟧
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Web Page \'https://supplierportal.fabrikam.com/login\'']['Input text \'username\''] Text: In_PortalUser EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace ⟦-env pad/environment-specific-url: a URL inside a UI-element selector⟧
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Web Page \'https://supplierportal.fabrikam.com/login\'']['Input password \'password\''] Text: In_PortalPassword EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace ⟦-cred pad/plaintext-secret: a variable reference goes to the password box⟧
WebAutomation.Click.Click BrowserInstance: Browser Control: appmask['Web Page \'https://supplierportal.fabrikam.com/login\'']['Button \'Sign in\''] WaitForPageToLoadTimeout: 60 MouseButton: WebAutomation.MouseButton.Left ClickType: WebAutomation.ClickType.SingleClick HoverMouseOverElement: True ⟦-env pad/environment-specific-url: a URL inside a UI-element selector⟧
WebAutomation.GetDetailsOfWebPage BrowserInstance: Browser DetailsType: WebAutomation.DetailsType.Text Details=> LoginPageText
IF Contains(LoginPageText, $'''Your password has expired''', True) THEN ⟦-cred: page text compared with a phrase containing "password"⟧
    EXIT Code: 2 ErrorMessage: $'''Supplier portal password expired. Ask AP to reset it and update the flow input.'''
END
WebAutomation.GoToWebPage.GoToWebPage BrowserInstance: Browser Url: $'''%PortalBaseUrl%/ap/statements?month=%In_StatementMonth%''' WaitForPageToLoadTimeout: 60
WebAutomation.ExecuteJavascriptFunction BrowserInstance: Browser Javascript: $'''function ExecuteScript() { return document.querySelector(\'meta[name=download-token]\').content; }''' Result=> StatementToken
Web.DownloadFromWeb.DownloadToFolder Url: $'''https://downloads.fabrikam-docs.net/statements/%In_StatementMonth%/all.zip?token=%StatementToken%''' Method: Web.Method.Get Accept: $'''application/zip''' ContentType: $'''application/json''' ConnectionTimeout: 60 FollowRedirection: True ClearCookies: False UserAgent: $'''Mozilla/5.0 (Windows NT 10.0; Win64; x64)''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False DestinationFolder: DownloadFolder FileName: $'''all.zip''' DownloadedFile=> StatementZip ⟦-env pad/environment-specific-url: the supplier's download host (issue 12: a third-party host with no environment or organisation evidence in the tree; a label before, see README "Corrections")⟧
Compression.Unzip ArchivePath: StatementZip Password: $'''''' DestinationFolder: DownloadFolder OverwriteContent: True ⟦-cred pad/plaintext-secret: an empty password (the archive is not protected)⟧
Folder.GetFiles Folder: DownloadFolder FileFilter: $'''*.pdf''' IncludeSubfolders: False FailOnAccessDenied: True SortBy1: Folder.SortBy.NoSort SortDescending1: False SortBy2: Folder.SortBy.NoSort SortDescending2: False SortBy3: Folder.SortBy.NoSort SortDescending3: False Files=> StatementFiles
File.Copy Files: StatementFiles Destination: $'''\\\\fs01\\finance$\\AP\\Statements\\%In_StatementMonth%''' IfFileExists: File.IfExists.DoNothing CopiedFiles=> CopiedFiles ⟦+mach pad/hardcoded-machine: UNC path on file server fs01⟧
SET Out_FileCount TO StatementFiles.Count
WebAutomation.CloseWebBrowser BrowserInstance: Browser
`;

// ---------------------------------------------------------------------------------------------
// Cloud flow: capture invoices from the shared mailbox and hand them to the desktop flow

function captureFlow() {
  return cloudFlowJson({
    connectionReferences: {
      shared_office365: viaReference('shared_office365', CONN.outlook),
      shared_sharepointonline: viaReference('shared_sharepointonline', CONN.sharepoint),
      shared_uiflow: viaReference('shared_uiflow', CONN.uiflow),
      shared_keyvault: viaReference('shared_keyvault', CONN.keyvault),
    },
    parameters: Object.fromEntries([
      envParam(...ENV.site, 'String', 'https://contoso.sharepoint.com/sites/InvoiceHub-Dev⟦-env cloud/environment-specific-value: the default of an environment-variable parameter (the export snapshot); the flow reads the environment variable⟧'),
      envParam(...ENV.library, 'String', 'b3e1c6a0-52f4-4d8e-9a17-3c5d2e8f7a41'),
      envParam(...ENV.mailbox, 'String', 'invoices-dev@contoso.com'),
      envParam(...ENV.batch, 'Int', 25),
      envParam(...ENV.routing, 'Object', { default: 'AP-General', rules: [{ vendorPrefix: 'FAB', queue: 'AP-Fabrikam' }] }),
      envParam(...ENV.notify, 'String', 'ap-automation-dev@contoso.com'),
    ]),
    triggers: {
      When_a_new_email_arrives_in_a_shared_mailbox: {
        splitOn: "@triggerOutputs()?['body/value']",
        type: 'OpenApiConnectionNotification',
        inputs: {
          host: { connectionName: 'shared_office365', operationId: 'SharedMailboxOnNewEmailV2', apiId: '/providers/Microsoft.PowerApps/apis/shared_office365' },
          parameters: {
            mailboxAddress: p(...ENV.mailbox),
            folderId: 'Inbox',
            hasAttachments: true,
            includeAttachments: true,
            subjectFilter: 'Invoice',
            importance: 'Any',
          },
          authentication: "@parameters('$authentication')",
        },
      },
    },
    actions: {
      Initialize_BatchId: {
        runAfter: {},
        type: 'InitializeVariable',
        inputs: { variables: [{ name: 'BatchId', type: 'string', value: "@{formatDateTime(utcNow(), 'yyyyMMdd-HHmm')}" }] },
      },
      Parse_vendor_routing: {
        runAfter: { Initialize_BatchId: ['Succeeded'] },
        type: 'ParseJson',
        inputs: {
          content: p(...ENV.routing),
          schema: { type: 'object', properties: { default: { type: 'string' }, rules: { type: 'array' } } },
        },
      },
      Apply_to_each_attachment: {
        foreach: "@triggerOutputs()?['body/attachments']",
        actions: {
          Create_file_in_Incoming: op('shared_sharepointonline', 'shared_sharepointonline', 'CreateFile', {
            dataset: p(...ENV.site),
            folderPath: "/Shared Documents/Incoming/@{variables('BatchId')}⟦-env cloud/environment-specific-value: a folder path relative to the site that comes from the environment variable⟧",
            name: "@items('Apply_to_each_attachment')?['name']",
            body: "@base64ToBinary(items('Apply_to_each_attachment')?['contentBytes'])",
          }, { runAfter: {}, runtimeConfiguration: { contentTransfer: { transferMode: 'Chunked' } } }),
          Create_invoice_tracking_item: op('shared_sharepointonline', 'shared_sharepointonline', 'PostItem', {
            dataset: p(...ENV.site),
            table: p(...ENV.library),
            'item/Title': "@items('Apply_to_each_attachment')?['name']",
            'item/BatchId': "@variables('BatchId')",
            'item/Sender': "@triggerOutputs()?['body/from']",
            'item/Status/Value': 'Received',
          }, { runAfter: { Create_file_in_Incoming: ['Succeeded'] } }),
        },
        runAfter: { Parse_vendor_routing: ['Succeeded'] },
        type: 'Foreach',
        runtimeConfiguration: { concurrency: { repetitions: 1 } },
      },
      Get_OCR_subscription_key: op('shared_keyvault', 'shared_keyvault', 'GetSecret', {
        secretName: 'ocr-subscription-key⟦-cred cloud/plaintext-secret: the name of a Key Vault secret, not its value⟧',
      }, { runAfter: { Apply_to_each_attachment: ['Succeeded'] }, runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } } }),
      'Run_Invoice_Intake_-_Key_Invoices_into_ERP⟦+cred cloud/unsecured-secret: passes the OCR key (a sensitive desktop-flow input) without secure inputs, so the run history shows it⟧': op('shared_uiflow', 'shared_uiflow', 'RunUIFlow_V2', {
        uiFlowId: `${IDS.keyIn}⟦-env cloud/environment-specific-value: the desktop flow id survives solution import⟧`,
        runMode: 'unattended',
        runPriority: 'normal',
        'item/In_BatchId': "@variables('BatchId')",
        'item/In_InvoiceFolder': "\\\\fs01.corp.contoso.com\\rpa-inbox\\invoices\\@{variables('BatchId')}⟦+mach cloud/hardcoded-machine: UNC path on file server fs01 passed to the desktop flow⟧",
        'item/In_OcrApiKey': "@body('Get_OCR_subscription_key')?['value']",
        'item/In_PasswordExpiryWarningDays': 14,
      }, { runAfter: { Get_OCR_subscription_key: ['Succeeded'] }, limit: { timeout: 'PT2H' } }),
      Send_an_email_to_AP: op('shared_office365', 'shared_office365', 'SendEmailV2', {
        'emailMessage/To': p(...ENV.notify),
        'emailMessage/Subject': "Invoice batch @{variables('BatchId')} handed to the invoice bot",
        'emailMessage/Body': "<p>Batch @{variables('BatchId')} was handed to the invoice bot (@{body('Run_Invoice_Intake_-_Key_Invoices_into_ERP')?['Out_PostedCount']} posted).</p><p>Open the Invoice Hub: @{parameters('Invoice Hub Site (inv_SharePointSite)')}</p><p>Reminder: the bot never asks for your password.</p>⟦-env cloud/environment-specific-value: the link comes from the environment variable; the word password is only text⟧",
        'emailMessage/Importance': 'Normal',
      }, { runAfter: { 'Run_Invoice_Intake_-_Key_Invoices_into_ERP': ['Succeeded', 'Failed'] } }),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Cloud flow: post approved invoices to the ERP REST API

function postFlow() {
  return cloudFlowJson({
    connectionReferences: {
      shared_sharepointonline: viaReference('shared_sharepointonline', CONN.sharepoint),
      shared_commondataserviceforapps: viaReference('shared_commondataserviceforapps', CONN.dataverse),
    },
    parameters: Object.fromEntries([
      envParam(...ENV.site, 'String', 'https://contoso.sharepoint.com/sites/InvoiceHub-Dev'),
      envParam(...ENV.erpBase, 'String', 'https://erp-dev.contoso.com⟦-env cloud/environment-specific-value: environment-variable parameter default (export snapshot)⟧'),
      envParam(...ENV.autoPost, 'Bool', false),
      envParam(...ENV.archivePwd, 'String', ''),
    ]),
    triggers: {
      When_an_invoice_is_approved: {
        recurrence: { frequency: 'Minute', interval: 5 },
        splitOn: "@triggerOutputs()?['body/value']",
        type: 'OpenApiConnection',
        inputs: {
          host: { connectionName: 'shared_sharepointonline', operationId: 'GetOnUpdatedItems', apiId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' },
          parameters: {
            dataset: p(...ENV.site),
            table: '8f0c2b1e-3d4a-4c6b-9e7f-1a2b3c4d5e6f⟦+env cloud/environment-specific-value: list id of the Approved Invoices list in one site (the site itself comes from the environment variable)⟧',
          },
          authentication: "@parameters('$authentication')",
        },
      },
    },
    actions: {
      Is_approved_and_auto_post_enabled: {
        actions: {
          Get_ERP_API_key: op('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'PerformUnboundAction', {
            actionName: 'RetrieveEnvironmentVariableSecretValue',
            'item/EnvironmentVariableName': 'inv_ErpApiKey⟦-cred cloud/unsecured-secret: reads a Secret environment variable with secure outputs⟧',
          }, { runAfter: {}, runtimeConfiguration: { secureData: { properties: ['outputs'] } } }),
          Post_invoice_to_ERP: {
            runAfter: { Get_ERP_API_key: ['Succeeded'] },
            type: 'Http',
            inputs: {
              method: 'POST',
              uri: "@{parameters('ERP Base URL (inv_ErpBaseUrl)')}/api/v2/ap/invoices⟦-env cloud/environment-specific-value: host from the environment variable⟧",
              headers: {
                'Content-Type': 'application/json',
                'x-api-key': "@{body('Get_ERP_API_key')?['EnvironmentVariableSecretValue']}⟦-cred cloud/plaintext-secret: the key header is an expression, and the action has secure inputs⟧",
              },
              body: {
                vendorId: "@triggerOutputs()?['body/VendorId']",
                invoiceNumber: "@triggerOutputs()?['body/Title']",
                amount: "@triggerOutputs()?['body/GrossAmount']",
                currency: "@triggerOutputs()?['body/Currency/Value']",
              },
            },
            runtimeConfiguration: { secureData: { properties: ['inputs'] } },
          },
          'Upload_PDF_to_ERP_archive⟦+cred cloud/unsecured-secret: sends Basic credentials without secure inputs; the run history shows the password⟧': {
            runAfter: { Post_invoice_to_ERP: ['Succeeded'] },
            type: 'Http',
            inputs: {
              method: 'PUT',
              uri: "https://erp-archive.contoso.com/dms/v1/documents/@{body('Post_invoice_to_ERP')?['documentId']}⟦+env cloud/environment-specific-value: the ERP archive host of one environment⟧",
              headers: { 'Content-Type': 'application/pdf' },
              body: "@triggerOutputs()?['body/{Link}']",
              authentication: {
                type: 'Basic',
                username: 'svc_ap_archive⟦-cred cloud/plaintext-secret: a service account name, not a secret⟧',
                password: p(...ENV.archivePwd),
              },
            },
          },
          Send_status_to_AP_dashboard: {
            runAfter: { 'Upload_PDF_to_ERP_archive': ['Succeeded'] },
            type: 'Http',
            inputs: {
              method: 'POST',
              uri: "@{parameters('ERP Base URL (inv_ErpBaseUrl)')}/api/v2/ap/dashboard/events",
              headers: {
                'Content-Type': 'application/json',
                Authorization: 'Basic c3ZjX2FwX2Rhc2g6U3ByaW5nLURhc2gtMjAyNCE=⟦+cred cloud/plaintext-secret: Basic credentials written into the Authorization header (secure inputs hide the run history, not the source)⟧',
              },
              body: { invoice: "@triggerOutputs()?['body/Title']", status: 'Posted' },
            },
            runtimeConfiguration: { secureData: { properties: ['inputs'] } },
          },
          Mark_invoice_posted: op('shared_sharepointonline', 'shared_sharepointonline', 'PatchItem', {
            dataset: p(...ENV.site),
            table: '8f0c2b1e-3d4a-4c6b-9e7f-1a2b3c4d5e6f⟦+env cloud/environment-specific-value: the same list id again, in the update⟧',
            id: "@triggerOutputs()?['body/ID']",
            'item/Status/Value': 'Posted',
            'item/ErpDocumentId': "@body('Post_invoice_to_ERP')?['documentId']",
          }, { runAfter: { Send_status_to_AP_dashboard: ['Succeeded'] } }),
        },
        runAfter: {},
        expression: {
          and: [
            { equals: ["@triggerOutputs()?['body/Status/Value']", 'Approved'] },
            { equals: [p(...ENV.autoPost), true] },
          ],
        },
        type: 'If',
      },
    },
  });
}

// ---------------------------------------------------------------------------------------------

export default function build(ctx) {
  const wf = (name, id) => `Workflows/${fileBase(name, id)}.json`;
  const flows = {
    capture: { name: 'Invoice Intake - Capture from Mailbox', id: IDS.capture },
    post: { name: 'Invoice Intake - Post Approved Invoices to ERP', id: IDS.post },
    keyIn: { name: 'Invoice Intake - Key Invoices into ERP', id: IDS.keyIn },
    statements: { name: 'Invoice Intake - Download Supplier Statements', id: IDS.statements },
  };
  for (const f of Object.values(flows)) f.json = wf(f.name, f.id);

  ctx.file(`${ROOT}/${flows.capture.json}`, captureFlow());
  ctx.file(`${ROOT}/${flows.capture.json}.data.xml`, `${XML_DECL}\n${cloudWorkflowXml({ ...flows.capture, jsonName: flows.capture.json.slice(10), description: 'Saves invoice attachments from the AP mailbox to the Invoice Hub and starts the invoice bot.' })}\n`);
  ctx.file(`${ROOT}/${flows.post.json}`, postFlow());
  ctx.file(`${ROOT}/${flows.post.json}.data.xml`, `${XML_DECL}\n${cloudWorkflowXml({ ...flows.post, jsonName: flows.post.json.slice(10) })}\n`);

  const desktop = [
    {
      ...flows.keyIn,
      script: KEY_IN,
      inputs: [
        { name: 'In_BatchId', friendlyName: 'BatchId', description: 'Batch id created by the cloud flow (yyyyMMdd-HHmm).' },
        { name: 'In_InvoiceFolder', friendlyName: 'InvoiceFolder', description: 'Folder that holds the PDF invoices of this batch.' },
        { name: 'In_OcrApiKey', friendlyName: 'OcrApiKey', description: 'Subscription key of the OCR service.', sensitive: true },
        { name: 'In_PasswordExpiryWarningDays', friendlyName: 'PasswordExpiryWarningDays', type: 'number', optional: true, default: 14, description: 'Warn the AP team this many days before the ERP bot password expires.' },
      ],
      outputs: [{ name: 'Out_PostedCount', friendlyName: 'PostedCount', type: 'number' }, { name: 'Out_ErrorMessage', friendlyName: 'ErrorMessage' }],
      credentials: true,
    },
    {
      ...flows.statements,
      script: STATEMENTS,
      inputs: [
        { name: 'In_StatementMonth', friendlyName: 'StatementMonth', description: 'Month to download, yyyy-MM.' },
        { name: 'In_PortalUser', friendlyName: 'PortalUser', optional: true, default: 'ap-automation@contoso.com' },
        { name: 'In_PortalPassword', friendlyName: 'PortalPassword', optional: true, default: 'Fabr1kam-AP-2024' },
      ],
      outputs: [{ name: 'Out_FileCount', friendlyName: 'FileCount', type: 'number' }],
    },
  ];
  for (const d of desktop) {
    const sidecar = `${ROOT}/${d.json}.data.xml`;
    const script = ctx.script(d.script, { flow: d.name, file: sidecar });
    const bins = desktopBinaries(d.id, `InvoiceIntake/${d.name}`, { credentials: d.credentials ? ['ERP-INVOICE-BOT'] : [] });
    for (const [rel, content] of Object.entries(bins.files)) ctx.file(`${ROOT}/${rel}`, content);
    ctx.file(`${ROOT}/${d.json}`, desktopStubJson(d.inputs, d.outputs) + '\n');
    ctx.file(sidecar, `${XML_DECL}\n${desktopWorkflowXml({ ...d, jsonName: d.json.slice(10), script, binaries: bins.ids })}\n`);
  }

  const connectionReferences = [
    { logicalName: CONN.outlook, displayName: 'Invoice Intake - Office 365 Outlook', connector: 'shared_office365' },
    { logicalName: CONN.sharepoint, displayName: 'Invoice Intake - SharePoint', connector: 'shared_sharepointonline' },
    { logicalName: CONN.uiflow, displayName: 'Invoice Intake - Desktop flows (invoice bot machine group)', connector: 'shared_uiflow' },
    { logicalName: CONN.keyvault, displayName: 'Invoice Intake - Azure Key Vault', connector: 'shared_keyvault' },
    { logicalName: CONN.dataverse, displayName: 'Invoice Intake - Dataverse', connector: 'shared_commondataserviceforapps' },
  ];
  ctx.file(`${ROOT}/Other/Customizations.xml`, customizationsXml({ connectionReferences }));

  const envVars = [
    { schemaName: 'inv_SharePointSite', displayName: ENV.site[0], type: 'String', description: 'Invoice Hub SharePoint site.' },
    { schemaName: 'inv_InvoiceLibrary', displayName: ENV.library[0], type: 'DataSource', description: 'Invoice tracking list.', apiId: '/providers/microsoft.powerapps/apis/shared_sharepointonline', parameterKey: 'table', parentDefinition: 'inv_SharePointSite' },
    { schemaName: 'inv_ErpBaseUrl', displayName: ENV.erpBase[0], type: 'String', description: 'Base address of the ERP REST API.' },
    { schemaName: 'inv_ErpApiKey', displayName: 'ERP API Key', type: 'Secret', description: 'ERP API key (Azure Key Vault).', mark: '⟦-cred solution/secret-env-var-as-text: a secret kept as a Secret environment variable (Key Vault)⟧' },
    { schemaName: 'inv_InvoiceMailbox', displayName: ENV.mailbox[0], type: 'String', description: 'Shared mailbox that receives supplier invoices.' },
    { schemaName: 'inv_MaxInvoicesPerBatch', displayName: ENV.batch[0], type: 'Number', defaultValue: '25', description: 'Largest batch handed to one desktop-flow run.' },
    { schemaName: 'inv_AutoPostEnabled', displayName: ENV.autoPost[0], type: 'Boolean', defaultValue: 'no', description: 'Post approved invoices automatically.' },
    { schemaName: 'inv_VendorRouting', displayName: ENV.routing[0], type: 'JSON', description: 'Vendor prefix to AP queue routing.' },
    { schemaName: 'inv_ErpArchivePassword', displayName: ENV.archivePwd[0], type: 'String', description: 'Password of svc_ap_archive for the ERP document archive.', mark: '⟦+@inv-archive-pwd cred solution/secret-env-var-as-text: the archive password is a Text environment variable; make it a Secret (Key Vault) variable⟧', typeMark: '⟦~inv-archive-pwd⟧' },
    { schemaName: 'inv_ApNotificationAddress', displayName: ENV.notify[0], type: 'String', description: 'Who is told about new batches.' },
    { schemaName: 'inv_LegacyFtpFolder', displayName: 'Legacy FTP Folder', type: 'String', description: 'Outbound folder of the old FTP hand-off (replaced by the ERP API in 2024).', mark: '⟦+@inv-unused-ftp alm solution/unused-reference: no flow reads this environment variable any more⟧' },
  ];
  for (const v of envVars) ctx.file(`${ROOT}/environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`, envVarXml(v));
  ctx.file(`${ROOT}/environmentvariabledefinitions/inv_MaxInvoicesPerBatch/environmentvariablevalues.json`,
    envVarValuesJson('50⟦+alm solution/committed-env-var-value: current value exported with the solution; it overwrites the target environment on import⟧', 'inv_MaxInvoicesPerBatch/value'));

  ctx.file(`${ROOT}/Other/Solution.xml`, solutionXml({
    uniqueName: 'InvoiceIntake', displayName: 'Invoice Intake', version: '1.7.3.0', publisher: PUBLISHER,
    description: 'Accounts payable invoice intake: mailbox capture, OCR, ERP keying and posting.',
    rootComponents: [
      ...Object.values(flows).map(f => ({ type: 29, id: f.id })),
      ...envVars.map(v => ({ type: 380, schemaName: v.schemaName })),
    ],
  }));

  // Deployment settings, one folder per environment.
  const conn = (logical, connector, id, mark = '') => ({ LogicalName: logical, ConnectionId: `${id}${mark}`, ConnectorId: `/providers/Microsoft.PowerApps/apis/${connector}` });
  const sharedSharePointConnection = hex32('inv-sp-test-prod');
  const settings = {
    Dev: {
      values: {
        inv_SharePointSite: 'https://contoso.sharepoint.com/sites/InvoiceHub-Dev⟦-alm settings/environment-bleed: a Dev site in the Dev settings is right⟧',
        inv_InvoiceLibrary: 'b3e1c6a0-52f4-4d8e-9a17-3c5d2e8f7a41',
        inv_ErpBaseUrl: 'https://erp-dev.contoso.com',
        inv_ErpApiKey: '/subscriptions/2f5c8a91-7d3e-4b6a-9c1f-0e8d7b6a5c43/resourceGroups/rg-rpa-dev/providers/Microsoft.KeyVault/vaults/kv-contoso-rpa-dev/secrets/erp-api-key',
        inv_InvoiceMailbox: 'invoices-dev@contoso.com',
        inv_MaxInvoicesPerBatch: '10',
        inv_AutoPostEnabled: 'yes',
        inv_VendorRouting: '{"default":"AP-General","rules":[{"vendorPrefix":"FAB","queue":"AP-Fabrikam"}]}',
        inv_ErpArchivePassword: '#{inv.ErpArchivePassword}#⟦-cred: a pipeline token stands in for the password⟧',
        inv_ApNotificationAddress: 'ap-automation-dev@contoso.com',
        inv_LegacyFtpFolder: '/outbound/invoices',
      },
      connections: [
        conn(CONN.outlook, 'shared_office365', hex32('inv-outlook-dev')),
        conn(CONN.sharepoint, 'shared_sharepointonline', hex32('inv-sp-dev')),
        conn(CONN.uiflow, 'shared_uiflow', hex32('inv-uiflow-dev')),
        conn(CONN.keyvault, 'shared_keyvault', hex32('inv-kv-dev')),
        conn(CONN.dataverse, 'shared_commondataserviceforapps', hex32('inv-dv-dev')),
      ],
    },
    Test: {
      values: {
        inv_SharePointSite: 'https://contoso.sharepoint.com/sites/InvoiceHub-Test',
        inv_InvoiceLibrary: '0d7a4f2c-9b18-4e63-a5d0-6c2f1e9b8a37',
        inv_ErpBaseUrl: 'https://erp-test.contoso.com⟦-alm settings/environment-bleed: a test host in the Test settings is right⟧',
        inv_ErpApiKey: '/subscriptions/2f5c8a91-7d3e-4b6a-9c1f-0e8d7b6a5c43/resourceGroups/rg-rpa-test/providers/Microsoft.KeyVault/vaults/kv-contoso-rpa-test/secrets/erp-api-key',
        inv_InvoiceMailbox: 'invoices-test@contoso.com',
        inv_MaxInvoicesPerBatch: '25',
        inv_AutoPostEnabled: 'yes',
        inv_VendorRouting: '{"default":"AP-General","rules":[{"vendorPrefix":"FAB","queue":"AP-Fabrikam"}]}',
        inv_ErpArchivePassword: '#{inv.ErpArchivePassword}#',
        inv_ApNotificationAddress: 'ap-automation-test@contoso.com',
        inv_LegacyFtpFolder: '/outbound/invoices',
      },
      connections: [
        conn(CONN.outlook, 'shared_office365', hex32('inv-outlook-test')),
        conn(CONN.sharepoint, 'shared_sharepointonline', sharedSharePointConnection, '⟦~inv-shared-sp⟧'),
        conn(CONN.uiflow, 'shared_uiflow', hex32('inv-uiflow-test')),
        conn(CONN.keyvault, 'shared_keyvault', hex32('inv-kv-test')),
        conn(CONN.dataverse, 'shared_commondataserviceforapps', hex32('inv-dv-test')),
        { LogicalName: 'inv_sharedsftp_9d2e0⟦+alm settings/unknown-entry: the SFTP connection reference was removed from the solution in 1.6; its entry stayed in the Test settings⟧', ConnectionId: hex32('inv-sftp-test'), ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_sftpwithssh' },
      ],
    },
    Prod: {
      values: {
        inv_SharePointSite: 'https://contoso.sharepoint.com/sites/InvoiceHub-Dev⟦+alm settings/environment-bleed: Prod settings point at the Dev Invoice Hub site⟧',
        inv_InvoiceLibrary: '5e92b7d1-0c4a-4f38-b6e2-7a1d9c3f0b58',
        inv_ErpBaseUrl: '⟦+alm settings/missing-value: the ERP base address is empty in Prod⟧',
        inv_ErpApiKey: '/subscriptions/7a1e3c5b-9d2f-4e8a-b6c0-1f3e5d7b9a2c/resourceGroups/rg-rpa-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-rpa-prod/secrets/erp-api-key⟦-cred: a Key Vault reference for a Secret environment variable, not a secret⟧',
        inv_InvoiceMailbox: 'invoices@contoso.com',
        inv_MaxInvoicesPerBatch: '50',
        inv_AutoPostEnabled: 'no',
        inv_VendorRouting: '{"default":"AP-General","rules":[{"vendorPrefix":"FAB","queue":"AP-Fabrikam"},{"vendorPrefix":"NWT","queue":"AP-Northwind"}]}',
        inv_ErpArchivePassword: '#{inv.ErpArchivePassword}#',
        inv_ApNotificationAddress: 'ap-team@contoso.com',
        inv_LegacyFtpFolder: '/outbound/invoices',
      },
      connections: [
        conn(CONN.outlook, 'shared_office365', hex32('inv-outlook-prod')),
        conn(CONN.sharepoint, 'shared_sharepointonline', sharedSharePointConnection, '⟦+@inv-shared-sp alm settings/shared-connection: Prod is bound to the same SharePoint connection as Test⟧'),
        conn(CONN.uiflow, 'shared_uiflow', hex32('inv-uiflow-prod')),
        conn(CONN.keyvault, 'shared_keyvault', hex32('inv-kv-prod')),
        conn(CONN.dataverse, 'shared_commondataserviceforapps', hex32('inv-dv-prod')),
      ],
    },
  };
  for (const [env, s] of Object.entries(settings)) {
    ctx.file(`${ROOT}/config/${env}/deploymentSettings.json`, settingsText({
      EnvironmentVariables: Object.entries(s.values).map(([SchemaName, Value]) => ({ SchemaName, Value })),
      ConnectionReferences: s.connections,
    }) + '\n');
  }
}
