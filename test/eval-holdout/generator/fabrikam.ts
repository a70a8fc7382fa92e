// Fabrikam Insurance — claims intake: first notice of loss registered on a CICS (3270) mainframe,
// evidence archived and sent to loss adjusters. Layout: `pac solution unpack` (Other/, Workflows/
// with .data.xml sidecars), ALM Accelerator settings config/<Env>/deploymentSettings.json.
import { cloudFile, connRef, envParam, guid, host, json, meta, robin, type Solution, writeSolution, writeText } from './lib';

const DIR = 'FabrikamClaimsIntake';
const FNOL_ID = guid('fab-fnol');
const ARCHIVE_ID = guid('fab-archive');

const fnolScript = robin(String.raw`
@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [Input_TerminalPassword, RacfPassword, Output_PolicyHolderSsn]
@INPUT Input_ClaimNumber : { 'Description': 'Claim number from the intake form, e.g. CLM-2025-004512.', 'FriendlyName': 'Input_ClaimNumber', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT Input_PolicyNumber : { 'Description': 'Policy number as printed on the schedule.', 'FriendlyName': 'Input_PolicyNumber', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT Input_TerminalUser : { 'Description': 'RACF user id for the CICS claims region.', 'FriendlyName': 'Input_TerminalUser', 'Type': 'String', 'IsOptional': True, 'DefaultValue': 'RPACLM01' } ⟦-credential|fab-trap-racf-user-default|a user id as default value of a non-secret input is not a secret⟧
@INPUT Input_TerminalPassword : { 'Description': 'RACF password, only used when CyberArk is unavailable.', 'FriendlyName': 'Input_TerminalPassword', 'Type': 'String', 'IsOptional': True, 'DefaultValue': '' } ⟦+pad/secret-input-variable|fab-fnol-input-racf-password|the RACF password arrives as a flow input; it should come from Get credential⟧
@INPUT Input_ArchiveRoot : { 'Description': 'Root folder of the claims archive (from the environment variable).', 'FriendlyName': 'Input_ArchiveRoot', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@OUTPUT Output_Status : { 'Description': 'HTTP-style status of the run.', 'FriendlyName': 'Output_Status', 'Type': 'Numeric' } 
@OUTPUT Output_MainframeReference : { 'Description': 'FNOL reference returned by the CLMN transaction.', 'FriendlyName': 'Output_MainframeReference', 'Type': 'String' } 
@OUTPUT Output_PolicyHolderSsn : { 'Description': 'Policy holder SSN as held on the mainframe (masked downstream).', 'FriendlyName': 'Output_PolicyHolderSsn', 'Type': 'String' } 
/# Registers a First Notice Of Loss in the CICS claims region (IBM 3270)
and returns the mainframe reference to the intake cloud flow.
Owner: Claims Automation team. The RACF password comes from CyberArk (safe CLM-Mainframe); never type a password here. ⟦-credential|fab-trap-comment-password|the word password in a block comment⟧
#/
SET Output_Status TO 500
SET MaxRetries TO 3
# The audit copy used to go to \\\\fabfs01\\claims-audit$ directly; since 2.3 the share comes from Input_ArchiveRoot where possible. ⟦-machine|fab-trap-unc-in-comment|UNC path inside a comment⟧
SET TerminalHost TO $'''cicsclm.zos.fabrikam.local''' ⟦+pad/hardcoded-machine|fab-fnol-terminal-host|terminal host of the CICS region written in the flow (used as Host of OpenSessionUsingReflection)⟧
SET TerminalPort TO 23
SET ServiceDeskUrl TO $'''https://fabrikam.service-now.com/nav_to.do?uri=incident.do''' ⟦-environment-specific|fab-trap-url-in-log-message|URL only quoted in a log message, not used as a target⟧
**REGION Read claim details
Excel.LaunchExcel.LaunchAndOpen Path: $'''C:\\RPA\\Claims\\Intake\\%Input_ClaimNumber%.xlsx''' Visible: False ReadOnly: True LoadAddInsAndMacros: False Instance=> ExcelClaim ⟦+pad/environment-specific-path|fab-fnol-intake-workbook|absolute local folder of the intake workbooks⟧
Excel.ReadFromExcel.ReadAllCells Instance: ExcelClaim ReadAsText: True FirstLineIsHeader: True RangeValue=> ClaimRows
Excel.CloseExcel.Close Instance: ExcelClaim
**ENDREGION
**REGION Get the RACF password from CyberArk
Cyberark.GetPassword.GetPassword ServerAddress: $'''https://ccp.vault.fabrikam.local''' ApplicationId: $'''RPA-CLAIMS''' Safe: $'''CLM-Mainframe''' Folder: $'''Root''' Object: $'''RACF-RPACLM01''' Password=> RacfPassword PlainTextPassword=> RacfPlainPassword ⟦+pad/hardcoded-machine|fab-fnol-cyberark-host|CyberArk CCP server is an internal host name⟧ ⟦-environment-specific|fab-trap-cyberark-url-dup|internal host in a URL: labeled once, as a hardcoded machine⟧ ⟦+pad/sensitive-not-marked|fab-fnol-cyberark-plaintext|PlainTextPassword output variable RacfPlainPassword is not in @SENSITIVE⟧
IF IsEmpty(RacfPassword) THEN
    SET RacfPassword TO Input_TerminalPassword ⟦-credential|fab-trap-sensitive-to-sensitive|sensitive input copied into a sensitive variable⟧
END
Logging.LogMessage Message: $'''RACF password retrieved for %Input_TerminalUser% (length %RacfPlainPassword.Length%)''' LogLevel: Logging.LogLevel.InfoLevel
**ENDREGION
**REGION Log on to CICS
TerminalEmulation.OpenTerminalSession.OpenSessionUsingReflection Host: TerminalHost Port: TerminalPort HostType: TerminalEmulation.HostType.IBM3270 Session=> TerminalSession ⟦-machine|fab-trap-terminal-host-variable|Host is a variable (the literal is reported where it is assigned)⟧
TerminalEmulation.WaitForTextOnTerminalSession.WaitForTextOnScreen Session: TerminalSession Text: $'''SIGN ON TO CICS''' Timeout: 30
TerminalEmulation.SetTextOnTerminalSession.SetTextOnFieldWithLabel Session: TerminalSession Label: $'''Userid''' Text: Input_TerminalUser
TerminalEmulation.SetTextOnTerminalSession.SetTextOnFieldWithLabel Session: TerminalSession Label: $'''Password''' Text: RacfPassword ⟦-credential|fab-trap-terminal-password-label|field label Password and a sensitive variable, no literal secret⟧
TerminalEmulation.SendKey Session: TerminalSession Key: TerminalEmulation.ControlKey.Enter
ON ERROR REPEAT 2 TIMES WAIT 5
END
**ENDREGION
**REGION Register FNOL
TerminalEmulation.SetTextOnTerminalSession.SetTextOnCursorPosition Session: TerminalSession Text: $'''CLMN'''
TerminalEmulation.SendKey Session: TerminalSession Key: TerminalEmulation.ControlKey.Enter
TerminalEmulation.SetTextOnTerminalSession.SetTextOnFieldWithLabel Session: TerminalSession Label: $'''Policy''' Text: Input_PolicyNumber
LOOP FOREACH ClaimRow IN ClaimRows
    TerminalEmulation.SetTextOnTerminalSession.SetTextOnFieldWithLabel Session: TerminalSession Label: ClaimRow['Field'] Text: ClaimRow['Value']
END
TerminalEmulation.SendKey Session: TerminalSession Key: TerminalEmulation.ControlKey.PF5
TerminalEmulation.GetTextFromTerminalSession.GetTextFromFieldWithLabel Session: TerminalSession Label: $'''Ref''' Text=> Output_MainframeReference
TerminalEmulation.GetTextFromTerminalSession.GetTextFromFieldWithLabel Session: TerminalSession Label: $'''SSN''' Text=> Output_PolicyHolderSsn
TerminalEmulation.CloseSession Session: TerminalSession
**ENDREGION
**REGION Evidence and audit trail
System.Ping HostName: $'''FABCLMDOC02''' Timeout: 5000 PingReply=> DocServerReply ⟦+pad/hardcoded-machine|fab-fnol-ping-docserver|System.Ping of a named document server⟧
IF DocServerReply.Status <> $'''Success''' THEN
    Logging.LogMessage Message: $'''Document server unreachable, raise a ticket at %ServiceDeskUrl%''' LogLevel: Logging.LogLevel.Warning
END
Folder.GetSpecialFolder SpecialFolder: Folder.SpecialFolder.LocalApplicationData SpecialFolderPath=> LocalAppData
File.WriteText File: $'''%LocalAppData%\\FabrikamRPA\\logs\\fnol_%Input_ClaimNumber%.log''' TextToWrite: $'''%Input_ClaimNumber%;%Output_MainframeReference%''' AppendNewLine: True IfFileExists: File.IfFileExists.Append Encoding: File.FileEncoding.UTF8 ⟦-environment-specific|fab-trap-special-folder-log|path built on a special folder result⟧
File.WriteText File: $'''%Input_ArchiveRoot%\\fnol\\%Input_ClaimNumber%.txt''' TextToWrite: Output_MainframeReference AppendNewLine: False IfFileExists: File.IfFileExists.Overwrite Encoding: File.FileEncoding.UTF8 ⟦-machine|fab-trap-archive-root-input|archive root comes from a flow input (fed by an environment variable)⟧
File.WriteText File: $'''\\\\fabfs01.fabrikam.local\\claims-audit$\\fnol\\%Input_ClaimNumber%.txt''' TextToWrite: Output_MainframeReference AppendNewLine: False IfFileExists: File.IfFileExists.Overwrite Encoding: File.FileEncoding.UTF8 ⟦+pad/hardcoded-machine|fab-fnol-audit-unc|UNC path of the audit share written in the flow⟧
**ENDREGION
SET Output_Status TO 200
`);

const archiveScript = robin(String.raw`
@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [Input_ZipPassword, PdfOwnerPassword]
@INPUT Input_ClaimNumber : { 'Description': 'Claim number.', 'FriendlyName': 'Input_ClaimNumber', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT Input_ZipPassword : { 'Description': 'Password of the evidence archive sent to the loss adjuster.', 'FriendlyName': 'Input_ZipPassword', 'Type': 'String', 'IsOptional': True, 'DefaultValue': 'Adjuster#2025' } ⟦+pad/secret-input-variable|fab-archive-zip-password-default|secret input with a literal default value (Adjuster#2025)⟧
@OUTPUT Output_EvidencePack : { 'Description': 'Path of the evidence pack.', 'FriendlyName': 'Output_EvidencePack', 'Type': 'String' } 
# Collects the scanned documents of a claim, builds the evidence pack and mails it to the adjuster.
SET ArchiveWorkRoot TO $'''D:\\RPA\\ClaimsArchive\\Work''' ⟦+pad/environment-specific-path|fab-archive-work-root|absolute local work folder on the bot machine⟧
Folder.Create FolderPath: ArchiveWorkRoot FolderName: Input_ClaimNumber Folder=> ClaimFolder
Folder.GetFiles Folder: $'''\\\\FABSCAN01\\scans\\claims\\%Input_ClaimNumber%''' FileFilter: $'''*.pdf''' IncludeSubfolders: False FailOnAccessDenied: True SortBy1: Folder.SortBy.NoSort SortDescending1: False SortBy2: Folder.SortBy.NoSort SortDescending2: False SortBy3: Folder.SortBy.NoSort SortDescending3: False Files=> ScannedPdfs ⟦+pad/hardcoded-machine|fab-archive-scan-unc|UNC path of the scanner share⟧
# The scanner applies an owner password to every PDF it produces.
PowerAutomateSecretVariables.GetCredential Credential: $'''fab_ScannerPdfOwner''' Timeout: 0 Credential=> PdfOwnerCredential
SET PdfOwnerPassword TO PdfOwnerCredential.Password ⟦-credential|fab-trap-pdf-password-from-credential|credential password copied into a sensitive variable⟧
LOOP FOREACH ScannedPdf IN ScannedPdfs
    Pdf.ExtractTextFromPDF.ExtractText PDFFile: ScannedPdf Password: PdfOwnerPassword DetectLayout: False ExtractedText=> PdfText ⟦-credential|fab-trap-pdf-password-variable|Password argument fed by a sensitive variable⟧
    IF Contains(PdfText, $'''POLICE REPORT''', True) THEN
        File.Copy Files: ScannedPdf Destination: ClaimFolder IfFileExists: File.IfExists.Overwrite CopiedFiles=> CopiedFiles
    END
END
Pdf.MergeFiles PDFFiles: ScannedPdfs MergedPDFPath: $'''%ClaimFolder%\\%Input_ClaimNumber%_bundle.pdf''' IfFileExists: Pdf.IfFileExists.Overwrite Passwords: $'''''' MergedPDF=> BundlePdf ⟦-credential|fab-trap-empty-pdf-passwords|empty Passwords literal⟧ ⟦-environment-specific|fab-trap-merged-path-variable|path built from a variable⟧
Folder.GetSpecialFolder SpecialFolder: Folder.SpecialFolder.Templates SpecialFolderPath=> TemplatesFolder
Word.LaunchWord.LaunchAndOpen Path: $'''%TemplatesFolder%\\Fabrikam\\CoverLetter.dotx''' Visible: False ReadOnly: True LoadAddInsAndMacros: False Instance=> WordCover ⟦-environment-specific|fab-trap-templates-special-folder|template path built on a special folder⟧
Word.FindAndReplace Instance: WordCover TextToFind: $'''{{ClaimNumber}}''' ReplaceWith: Input_ClaimNumber ReplaceAll: True
Word.SaveDocument.SaveAs Instance: WordCover DocumentFormat: Word.WordFormat.FromExtension DocumentPath: $'''%ClaimFolder%\\CoverLetter.docx'''
Word.CloseWord Instance: WordCover
Compression.ZipFiles ArchivePath: $'''%ClaimFolder%.zip''' FilesOrFoldersToZip: ClaimFolder CompressionLevel: Compression.CompressionLevel.BestCompression ArchiveComment: $'''Claim %Input_ClaimNumber% evidence''' Password: Input_ZipPassword ZipFile=> EvidenceZip ⟦-credential|fab-trap-zip-password-input|zip Password fed by a sensitive input⟧
SET MailBody TO $'''Please find the evidence pack for claim %Input_ClaimNumber% attached. The archive password is shared by phone.''' ⟦-credential|fab-trap-password-in-mail-text|the word password in a mail body⟧
BLOCK SendToAdjuster
ON BLOCK ERROR
    SET Output_EvidencePack TO EvidenceZip
    EXIT Code: 1 ErrorMessage: $'''Could not mail the evidence pack'''
END
    Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtprelay01''' Port: 587 EnableSSL: True Username: $'''svc-rpa-claims@fabrikam.com''' Password: $'''R3lay!Claims2025''' AcceptUntrustedCertificates: False SendFrom: $'''claims-automation@fabrikam.com''' SenderDisplayName: $'''Fabrikam Claims''' SendTo: $'''adjusters@lossassist.co.uk''' Subject: $'''Evidence pack %Input_ClaimNumber%''' Body: MailBody IsBodyHtml: False Attachments: EvidenceZip ⟦+pad/hardcoded-machine|fab-archive-smtp-relay|single-label SMTP relay host⟧ ⟦+pad/plaintext-secret|fab-archive-smtp-password|SMTP password written literally⟧
END
SET Output_EvidencePack TO EvidenceZip
`);

const sol: Solution = {
  dir: DIR,
  layout: 'unpacked',
  uniqueName: 'FabrikamClaimsIntake',
  displayName: 'Fabrikam Claims Intake',
  description: 'First notice of loss intake: shared mailbox, SharePoint claim register, CICS registration and evidence packs.',
  version: '2.3.1.0',
  publisher: { uniqueName: 'fabrikaminsurance', displayName: 'Fabrikam Insurance', prefix: 'fab', optionValuePrefix: 61204 },
  envVars: [
    { schemaName: 'fab_ClaimsSiteUrl', displayName: 'Claims Site Url', description: 'SharePoint site of the claims register.', type: 100000000 },
    { schemaName: 'fab_ClaimsListId', displayName: 'Claims List Id', description: 'Id of the Claim Register list.', type: 100000000 },
    { schemaName: 'fab_MainframeGatewayUrl', displayName: 'Mainframe Gateway Url', description: 'Base URL of the CICS web gateway.', type: 100000000 },
    { schemaName: 'fab_GatewayApiKey', displayName: 'Gateway Api Key', description: 'API key of the CICS web gateway (Key Vault).', type: 100000005, secretStore: 0,
      mark: '⟦-alm:solution/unused-reference|fab-trap-secret-read-by-name|a Secret environment variable read by name with RetrieveEnvironmentVariableSecretValue is used⟧' },
    { schemaName: 'fab_MainframeServicePassword', displayName: 'Mainframe Service Password', description: 'Password of the svc-mfgw service account.', type: 100000000,
      mark: '⟦+solution/secret-env-var-as-text|fab-envvar-password-as-text|a password kept in a Text environment variable instead of a Secret one⟧', typeMark: '⟦^fab-envvar-password-as-text⟧' },
    { schemaName: 'fab_ArchiveRoot', displayName: 'Archive Root', description: 'Root of the claims archive share.', type: 100000000,
      value: '\\\\fabfs01.fabrikam.local\\claims-archive$', valueMark: '⟦+solution/committed-env-var-value|fab-archive-root-committed|current value of fab_ArchiveRoot committed with the solution⟧' },
    { schemaName: 'fab_IntakeBatchSize', displayName: 'Intake Batch Size', description: 'How many mails one run processes.', type: 100000001, defaultValue: '25',
      mark: '⟦-alm:solution/committed-env-var-value|fab-trap-batch-size-default|a default value in the definition is not a committed current value⟧' },
    { schemaName: 'fab_LegacyFaxQueue', displayName: 'Legacy Fax Queue', description: 'Fax queue of the retired fax intake.', type: 100000000,
      mark: '⟦+solution/unused-reference|fab-unused-fax-queue|environment variable no flow reads⟧' },
  ],
  connRefs: [
    { logicalName: 'fab_sharedoffice365_9c1d2', displayName: 'Office 365 Outlook - Claims intake', connectorId: '/providers/Microsoft.PowerApps/apis/shared_office365' },
    { logicalName: 'fab_sharedsharepointonline_4e7a1', displayName: 'SharePoint - Claims register', connectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' },
    { logicalName: 'fab_shareduiflow_b2f60', displayName: 'Desktop flows - Claims bots', connectorId: '/providers/Microsoft.PowerApps/apis/shared_uiflow' },
    { logicalName: 'fab_sharedkeyvault_8f2d1', displayName: 'Azure Key Vault - Claims', connectorId: '/providers/Microsoft.PowerApps/apis/shared_keyvault' },
    { logicalName: 'fab_sharedcommondataserviceforapps_7d3e9', displayName: 'Dataverse - Claims', connectorId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' },
    { logicalName: 'fab_sharedsql_1a8b4', displayName: 'SQL Server - Claims ODS', connectorId: '/providers/Microsoft.PowerApps/apis/shared_sql' },
    { logicalName: 'fab_sharedfilesystem_c4e2a', displayName: 'File System - Claims exports', connectorId: '/providers/Microsoft.PowerApps/apis/shared_filesystem' },
    { logicalName: 'fab_sharedteams_5c2f8', displayName: 'Microsoft Teams - Claims', connectorId: '/providers/Microsoft.PowerApps/apis/shared_teams',
      mark: '⟦+solution/unused-reference|fab-unused-teams-ref|connection reference no flow uses⟧' },
  ],
  desktopFlows: [
    { name: 'Claims - Register FNOL in Mainframe', id: FNOL_ID, script: fnolScript, description: 'Registers a first notice of loss in the CICS claims region.',
      metadataMarker: '⟦-environment-specific|fab-trap-metadata-schema-url|schema URL in the flow metadata⟧' },
    { name: 'Claims - Archive Claim Documents', id: ARCHIVE_ID, script: archiveScript, description: 'Builds and mails the evidence pack of a claim.' },
  ],
  cloudFlows: [],
};

// ----- Cloud flow: intake from the shared mailbox -----
sol.cloudFlows.push({
  name: 'Claims - Intake from Shared Mailbox',
  id: guid('fab-intake'),
  description: 'New claim mails: register in SharePoint, register on the mainframe, archive evidence.',
  json: cloudFile(
    {
      shared_office365: connRef('fab_sharedoffice365_9c1d2', 'shared_office365'),
      shared_sharepointonline: connRef('fab_sharedsharepointonline_4e7a1', 'shared_sharepointonline'),
      shared_uiflow: connRef('fab_shareduiflow_b2f60', 'shared_uiflow'),
      shared_keyvault: connRef('fab_sharedkeyvault_8f2d1', 'shared_keyvault'),
    },
    [
      envParam('Claims Site Url', 'fab_ClaimsSiteUrl', 'String', 'https://fabrikamins.sharepoint.com/sites/ClaimsOps-Dev⟦-environment-specific|fab-trap-param-default-site|parameter defaultValue is the exporting environment snapshot of the env var, not a literal in an action⟧'),
      envParam('Claims List Id', 'fab_ClaimsListId', 'String', '5d0b7c2e-8f14-4a6b-9c3d-2e1f0a9b8c7d⟦-environment-specific|fab-trap-param-default-list|parameter defaultValue snapshot of the env var⟧'),
      envParam('Archive Root', 'fab_ArchiveRoot', 'String', '\\\\fabfs01.fabrikam.local\\claims-archive$⟦-machine|fab-trap-param-default-archive|parameter defaultValue snapshot of the env var⟧'),
      envParam('Intake Batch Size', 'fab_IntakeBatchSize', 'Int', 25),
    ],
    {
      When_a_new_email_arrives_in_the_claims_mailbox: {
        metadata: meta('fab-intake-trigger'),
        type: 'OpenApiConnectionNotification',
        inputs: {
          host: host('shared_office365', 'shared_office365', 'OnNewEmailV3'),
          parameters: { folderPath: 'Inbox', importance: 'Any', fetchOnlyWithAttachment: false, includeAttachments: true, subjectFilter: 'FNOL' },
          authentication: "@parameters('$authentication')",
        },
        splitOn: "@triggerOutputs()?['body/value']",
      },
    },
    {
      Initialize_batch_size: {
        runAfter: {},
        metadata: meta('fab-intake-a1'),
        type: 'InitializeVariable',
        inputs: { variables: [{ name: 'BatchSize', type: 'integer', value: "@parameters('Intake Batch Size (fab_IntakeBatchSize)')" }] },
      },
      Get_open_claims_for_policy: {
        runAfter: { Initialize_batch_size: ['Succeeded'] },
        metadata: meta('fab-intake-a2'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_sharepointonline', 'shared_sharepointonline', 'GetItems'),
          parameters: {
            dataset: 'https://fabrikamins.sharepoint.com/sites/ClaimsOps-Dev⟦+cloud/environment-specific-value|fab-intake-sp-site-literal|SharePoint site of the Dev environment hard-coded in GetItems⟧',
            table: "@parameters('Claims List Id (fab_ClaimsListId)')⟦-environment-specific|fab-trap-list-param|list id read from an environment variable⟧",
            $filter: "PolicyNumber eq '@{triggerOutputs()?['body/subject']}'",
            $top: "@variables('BatchSize')",
          },
          authentication: "@parameters('$authentication')",
        },
      },
      Create_claim_register_item: {
        runAfter: { Get_open_claims_for_policy: ['Succeeded'] },
        metadata: meta('fab-intake-a3'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_sharepointonline', 'shared_sharepointonline', 'PostItem'),
          parameters: {
            dataset: "@parameters('Claims Site Url (fab_ClaimsSiteUrl)')⟦-environment-specific|fab-trap-site-param|site read from an environment variable⟧",
            table: '8a41c3d7-2b6e-4f90-a1c5-7e3d9b0f2468⟦+cloud/environment-specific-value|fab-intake-sp-list-literal|list GUID of one environment hard-coded in PostItem⟧',
            'item/Title': "@triggerOutputs()?['body/subject']",
            'item/Status/Value': 'Received',
            'item/ReportedBy': "@triggerOutputs()?['body/from']",
          },
          authentication: "@parameters('$authentication')",
        },
      },
      Save_attachments_to_claim_folder: {
        runAfter: { Create_claim_register_item: ['Succeeded'] },
        metadata: meta('fab-intake-a4'),
        type: 'Foreach',
        foreach: "@triggerOutputs()?['body/attachments']",
        actions: {
          Create_file: {
            runAfter: {},
            metadata: meta('fab-intake-a4a'),
            type: 'OpenApiConnection',
            inputs: {
              host: host('shared_sharepointonline', 'shared_sharepointonline', 'CreateFile'),
              parameters: {
                dataset: "@parameters('Claims Site Url (fab_ClaimsSiteUrl)')",
                folderPath: "/Shared Documents/Claims Intake/@{body('Create_claim_register_item')?['ID']}⟦-environment-specific|fab-trap-site-relative-folder|site-relative library path, not a machine path⟧",
                name: "@items('Save_attachments_to_claim_folder')?['name']",
                body: "@base64ToBinary(items('Save_attachments_to_claim_folder')?['contentBytes'])",
              },
              authentication: "@parameters('$authentication')",
            },
          },
        },
      },
      'Run_FNOL_registration⟦+cloud/unsecured-secret|fab-intake-run-fnol-unsecured|desktop flow with a sensitive input (Input_TerminalPassword) run without secure inputs⟧': {
        runAfter: { Save_attachments_to_claim_folder: ['Succeeded'] },
        metadata: meta('fab-intake-a5'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_uiflow', 'shared_uiflow', 'RunUIFlow_V2'),
          parameters: {
            uiFlowId: FNOL_ID,
            runMode: 'unattended',
            runPriority: 'normal',
            'item/Input_ClaimNumber': "@body('Create_claim_register_item')?['Title']",
            'item/Input_PolicyNumber': "@first(body('Get_open_claims_for_policy')?['value'])?['PolicyNumber']",
            'item/Input_TerminalUser': 'RPACLM01⟦-credential|fab-trap-terminal-user-literal|a user id is not a secret⟧',
            'item/Input_TerminalPassword': 'Racf#Clm2025⟦+cloud/plaintext-secret|fab-intake-racf-password-literal|literal password passed to the sensitive desktop-flow input Input_TerminalPassword⟧',
            'item/Input_ArchiveRoot': "@parameters('Archive Root (fab_ArchiveRoot)')",
          },
          authentication: "@parameters('$authentication')",
        },
        runtimeConfiguration: { timeout: 'PT1H' },
      },
      Get_zip_password: {
        runAfter: { Run_FNOL_registration: ['Succeeded'] },
        metadata: meta('fab-intake-a6'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_keyvault', 'shared_keyvault', 'GetSecret'),
          parameters: { secretName: 'claims-evidence-zip-password⟦-credential|fab-trap-secret-name|a secret NAME, not a secret⟧' },
          authentication: "@parameters('$authentication')",
        },
        runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } },
      },
      'Run_evidence_archive⟦-credential|fab-trap-run-archive-secured|desktop-flow run with sensitive input, secured inputs and outputs⟧': {
        runAfter: { Get_zip_password: ['Succeeded'] },
        metadata: meta('fab-intake-a7'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_uiflow', 'shared_uiflow', 'RunUIFlow_V2'),
          parameters: {
            uiFlowId: ARCHIVE_ID,
            runMode: 'unattended',
            runPriority: 'normal',
            'item/Input_ClaimNumber': "@body('Create_claim_register_item')?['Title']",
            'item/Input_ZipPassword': "@body('Get_zip_password')?['value']⟦-credential|fab-trap-zip-password-expression|secret passed as an expression from Key Vault⟧",
          },
          authentication: "@parameters('$authentication')",
        },
        runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] }, timeout: 'PT2H' },
      },
      'Notify_claims_gateway⟦+cloud/unsecured-secret|fab-intake-gateway-unsecured|HTTP action sending an API key header without secure inputs⟧': {
        runAfter: { Run_evidence_archive: ['Succeeded'] },
        metadata: meta('fab-intake-a8'),
        type: 'Http',
        inputs: {
          method: 'POST',
          uri: 'https://claims-gateway-dev.fabrikam-ins.com/api/v2/fnol⟦+cloud/environment-specific-value|fab-intake-gateway-url|Dev gateway URL hard-coded in the HTTP action⟧',
          headers: {
            'Content-Type': 'application/json',
            'Ocp-Apim-Subscription-Key': '9f3c1e7a2b4d4f6e8a0b1c2d3e4f5a6b⟦+cloud/plaintext-secret|fab-intake-apim-key|literal APIM subscription key header⟧',
          },
          body: { claimNumber: "@body('Create_claim_register_item')?['Title']", reference: "@outputs('Run_FNOL_registration')?['body/Output_MainframeReference']" },
        },
      },
      Send_acknowledgement: {
        runAfter: { Notify_claims_gateway: ['Succeeded'] },
        metadata: meta('fab-intake-a9'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_office365', 'shared_office365', 'SendEmailV2'),
          parameters: {
            'emailMessage/To': "@triggerOutputs()?['body/from']",
            'emailMessage/Subject': "Claim @{body('Create_claim_register_item')?['Title']} received",
            'emailMessage/Body': '<p>We received your claim. You can follow it at https://www.fabrikam.com/claims/track; we will never ask for your password by e-mail.</p>⟦-credential|fab-trap-ack-mail-password-word|the word password in mail text⟧ ⟦-environment-specific|fab-trap-ack-mail-url|public URL inside a message body⟧',
            'emailMessage/Importance': 'Normal',
          },
          authentication: "@parameters('$authentication')",
        },
      },
    },
  ),
});

// ----- Cloud flow: nightly status sync -----
sol.cloudFlows.push({
  name: 'Claims - Nightly Status Sync',
  id: guid('fab-nightly'),
  description: 'Reads open claims from the ODS, refreshes their status from the CICS gateway and exports the run.',
  json: cloudFile(
    {
      shared_commondataserviceforapps: connRef('fab_sharedcommondataserviceforapps_7d3e9', 'shared_commondataserviceforapps'),
      shared_sql: connRef('fab_sharedsql_1a8b4', 'shared_sql'),
      shared_filesystem: connRef('fab_sharedfilesystem_c4e2a', 'shared_filesystem'),
      shared_keyvault: {
        runtimeSource: 'embedded',
        connection: { connectionReferenceLogicalName: 'fab_sharedkeyvault_3e91c⟦+solution/undefined-reference|fab-nightly-undefined-keyvault-ref|connection reference logical name not defined in the solution⟧' },
        api: { name: 'shared_keyvault' },
      },
    },
    [
      envParam('Mainframe Gateway Url', 'fab_MainframeGatewayUrl', 'String', 'https://mfgw-dev.fabrikam.local/api⟦-environment-specific|fab-trap-param-default-gateway|parameter defaultValue snapshot⟧ ⟦-machine|fab-trap-param-default-gateway-host|parameter defaultValue snapshot, internal host⟧'),
      envParam('Mainframe Service Password', 'fab_MainframeServicePassword', 'String', ''),
      ['Reporting Environment Id (fab_ReportingEnvId)⟦+solution/undefined-reference|fab-nightly-undefined-env-var|parameter for an environment variable fab_ReportingEnvId that the solution does not define⟧', { defaultValue: '', type: 'String', metadata: { schemaName: 'fab_ReportingEnvId⟦^fab-nightly-undefined-env-var⟧' } }],
    ],
    {
      Recurrence: {
        recurrence: { frequency: 'Day', interval: 1, timeZone: 'W. Europe Standard Time', schedule: { hours: ['2'], minutes: [15] } },
        metadata: meta('fab-nightly-trigger'),
        type: 'Recurrence',
      },
    },
    {
      'Get_gateway_api_key⟦+cloud/unsecured-secret|fab-nightly-secret-env-unsecured|RetrieveEnvironmentVariableSecretValue without secure outputs⟧': {
        runAfter: {},
        metadata: meta('fab-nightly-a1'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'PerformUnboundAction'),
          parameters: { actionName: 'RetrieveEnvironmentVariableSecretValue', 'item/EnvironmentVariableName': 'fab_gatewayapikey' },
          authentication: "@parameters('$authentication')",
        },
      },
      Get_open_claims: {
        runAfter: { Get_gateway_api_key: ['Succeeded'] },
        metadata: meta('fab-nightly-a2'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_sql', 'shared_sql', 'GetItems_V2'),
          parameters: {
            server: 'SQLCLMPRD01.fabrikam.local⟦+cloud/hardcoded-machine|fab-nightly-sql-server|SQL server name hard-coded in GetItems_V2⟧',
            database: 'ClaimsOds',
            table: '[dbo].[OpenClaims]',
            $filter: "Status ne 'Closed'",
          },
          authentication: "@parameters('$authentication')",
        },
      },
      For_each_open_claim: {
        foreach: "@body('Get_open_claims')?['value']",
        runAfter: { Get_open_claims: ['Succeeded'] },
        metadata: meta('fab-nightly-a3'),
        type: 'Foreach',
        actions: {
          'Get_status_from_gateway⟦-credential|fab-trap-basic-auth-secured|HTTP Basic authentication with secure inputs and outputs⟧': {
            runAfter: {},
            metadata: meta('fab-nightly-a3a'),
            type: 'Http',
            inputs: {
              method: 'GET',
              uri: "@{parameters('Mainframe Gateway Url (fab_MainframeGatewayUrl)')}/claims/@{items('For_each_open_claim')?['ClaimNumber']}⟦-environment-specific|fab-trap-gateway-param-uri|URI built from an environment variable⟧",
              headers: { 'x-api-key': "@body('Get_gateway_api_key')?['EnvironmentVariableSecretValue']" },
              authentication: {
                type: 'Basic',
                username: 'svc-mfgw',
                password: "@parameters('Mainframe Service Password (fab_MainframeServicePassword)')⟦-credential|fab-trap-basic-password-param|password read from an environment variable parameter⟧",
              },
            },
            runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } },
          },
          Update_claim_status: {
            runAfter: { Get_status_from_gateway: ['Succeeded'] },
            metadata: meta('fab-nightly-a3b'),
            type: 'OpenApiConnection',
            inputs: {
              host: host('shared_sql', 'shared_sql', 'ExecutePassThroughNativeQuery_V2'),
              parameters: {
                server: 'default⟦-machine|fab-trap-sql-default-server|default means the server of the connection⟧',
                database: 'default',
                'query/query': "UPDATE dbo.OpenClaims SET Status = '@{body('Get_status_from_gateway')?['status']}' WHERE ClaimNumber = '@{items('For_each_open_claim')?['ClaimNumber']}'",
              },
              authentication: "@parameters('$authentication')",
            },
          },
          Push_status_to_MQ_bridge: {
            runAfter: { Update_claim_status: ['Succeeded'] },
            metadata: meta('fab-nightly-a3c'),
            type: 'Http',
            inputs: {
              method: 'POST',
              uri: 'http://10.32.8.41:8443/mq/claims-status⟦+cloud/hardcoded-machine|fab-nightly-mq-ip|IP address of the MQ bridge in the URI⟧⟦-environment-specific|fab-trap-mq-url-dup|internal host in a URL: labeled once, as a hardcoded machine⟧',
              body: "@body('Get_status_from_gateway')",
            },
          },
        },
      },
      Export_run_file: {
        runAfter: { For_each_open_claim: ['Succeeded'] },
        metadata: meta('fab-nightly-a4'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_filesystem', 'shared_filesystem', 'CreateFile'),
          parameters: {
            folderPath: '\\\\FABFS01\\claims-exports\\nightly⟦+cloud/hardcoded-machine|fab-nightly-export-unc|UNC path of the export share in the file-system action⟧',
            name: "claims_status_@{formatDateTime(utcNow(), 'yyyyMMdd')}.json",
            body: "@body('Get_open_claims')",
          },
          authentication: "@parameters('$authentication')",
        },
      },
      Log_run_in_reporting: {
        runAfter: { Export_run_file: ['Succeeded'] },
        metadata: meta('fab-nightly-a5'),
        type: 'Http',
        inputs: {
          method: 'POST',
          uri: 'https://orgfabclaimsdev.crm4.dynamics.com/api/data/v9.2/fab_runlogs⟦+cloud/environment-specific-value|fab-nightly-dataverse-org|Dataverse org URL of the Dev environment (URI and audience)⟧',
          body: { fab_name: 'Nightly status sync', fab_environment: "@parameters('Reporting Environment Id (fab_ReportingEnvId)')" },
          authentication: { type: 'ManagedServiceIdentity', audience: 'https://orgfabclaimsdev.crm4.dynamics.com⟦^fab-nightly-dataverse-org⟧' },
        },
      },
    },
  ),
});

export function build(): void {
  writeSolution(sol);

  // ----- Deployment settings (ALM Accelerator: config/<Env>/deploymentSettings.json) -----
  const siteValue = { Dev: 'https://fabrikamins.sharepoint.com/sites/ClaimsOps-Dev', Test: 'https://fabrikamins.sharepoint.com/sites/ClaimsOps-Test',
    Prod: 'https://fabrikamins.sharepoint.com/sites/ClaimsOps-Dev⟦+settings/environment-bleed|fab-prod-site-is-dev|Prod settings point the claims site at the Dev site⟧' };
  const listValue = { Dev: '5d0b7c2e-8f14-4a6b-9c3d-2e1f0a9b8c7d', Test: 'c19e2f4a-6b8d-4e0f-9a1c-3b5d7f9e1a2c', Prod: '⟦+settings/missing-value|fab-prod-list-empty|Prod settings leave the claims list id empty⟧' };
  const gatewayValue = { Dev: 'https://mfgw-dev.fabrikam.local/api', Test: 'https://mfgw-tst.fabrikam.local/api', Prod: '#{fab.MainframeGatewayUrl}#⟦-alm:settings/missing-value|fab-trap-prod-token|pipeline token, replaced at deployment⟧' };
  const kv = (rg: string, vault: string, secret: string) => `/subscriptions/3f2a9c1e-5b7d-4e8f-a0c2-d4e6f8a1b3c5/resourceGroups/${rg}/providers/Microsoft.KeyVault/vaults/${vault}/secrets/${secret}`;
  const apiKeyValue = {
    Dev: kv('rg-claims-dev', 'kv-claims-dev', 'GatewayApiKey') + '⟦-credential|fab-trap-keyvault-reference|a Key Vault reference, not a secret⟧',
    Test: kv('rg-claims-dev', 'kv-claims-dev', 'GatewayApiKey') + '⟦+settings/environment-bleed|fab-test-vault-is-dev|Test settings read the gateway key from the Dev key vault⟧',
    Prod: kv('rg-claims-prd', 'kv-claims-prd', 'GatewayApiKey'),
  };
  const passwordValue = { Dev: '#{fab.MainframeServicePassword.dev}#⟦-credential|fab-trap-password-token|pipeline token instead of a password⟧', Test: '#{fab.MainframeServicePassword.test}#', Prod: '#{fab.MainframeServicePassword.prod}#' };
  const archiveValue = { Dev: '\\\\fabfs01.fabrikam.local\\claims-archive-dev$', Test: '\\\\fabfs01.fabrikam.local\\claims-archive-tst$', Prod: '\\\\fabfs02.fabrikam.local\\claims-archive$' };
  const conn = {
    office365: { Dev: 'shared-office365-1f6c2b8e-5d3a-4c71-9e0b-7a2d4f6c8e10', Test: 'shared-office365-1f6c2b8e-5d3a-4c71-9e0b-7a2d4f6c8e10⟦+settings/shared-connection|fab-test-office365-shared|Test binds the Outlook reference to the same connection as Dev⟧', Prod: 'shared-office365-9b0d3e5f-7a1c-4e2b-8d6f-0c4a2e6b8d13' },
    sharepoint: { Dev: 'shared-sharepointonl-6e2a9c4d-1b7f-4d3e-a5c8-2f0e6b9d1c47', Test: 'shared-sharepointonl-0a7d5c3b-9e1f-4b6a-8c2d-4e6f8a0b2c59', Prod: 'shared-sharepointonl-3c8e1a5f-7b2d-4e9c-a0f6-8d1b3e5a7c02' },
    uiflow: { Dev: 'shared-uiflow-2d9f4b6a-8c1e-4a3d-b7f0-5e2c9a4d6b18', Test: 'shared-uiflow-7b3e5d1f-0a9c-4e6b-8d2a-1f4c7e9b3d56', Prod: '#{connectionreference.fab_shareduiflow_b2f60}#⟦-alm:settings/missing-value|fab-trap-prod-connection-token|pipeline token for the connection id⟧' },
    keyvault: { Dev: 'shared-keyvault-5a1c7e3b-9d2f-4b8a-a6e0-3c5d7f9a1b24', Test: 'shared-keyvault-8e4b0d6c-2a7f-4c1e-9b3d-6f8a0c2e4b71', Prod: 'shared-keyvault-1d7a3f9c-5e2b-4a8d-b0c6-9e1f3a5c7d38' },
    dataverse: { Dev: 'shared-commondataser-4f0b8d2e-6c9a-4e1b-a3d7-5b9e1c3f7a60', Test: 'shared-commondataser-9c5e1a7d-3b8f-4d2c-8e0a-2a6c4e8b0d95', Prod: 'shared-commondataser-6a2d8f4c-0e7b-4c3a-9d1f-7e3b5d9a1c84' },
    sql: { Dev: 'shared-sql-3b9d5f1a-7c2e-4a8b-b4d0-1e7a3c5f9b27', Test: 'shared-sql-0e6a2c8d-4f1b-4d9e-a7c3-8b0d2f4a6e13', Prod: 'shared-sql-7d3f9b5e-1a8c-4e2d-9f6b-4c0e8a2d6f51' },
    filesystem: { Dev: 'shared-filesystem-2c8e4a0f-6d3b-4f9a-b1e7-9a5c1e3d7b46', Test: 'shared-filesystem-5f1b7d3a-9e4c-4b0d-8a2f-6d8f0b4c2e79', Prod: 'shared-filesystem-8a4e0c6b-2f9d-4e3a-a5b1-3e7c9f1a5d02' },
    teams: { Dev: 'shared-teams-6d0c2e8a-4b7f-4a1d-9c3e-8f2a6c0e4b15', Test: 'shared-teams-1a5f9d3b-7e0c-4d6a-b8f2-0c4e6a8d2f37', Prod: 'shared-teams-4e8b2f6d-0a3c-4f7e-a1d9-5b7d9f3a1c60' },
  };
  for (const env of ['Dev', 'Test', 'Prod'] as const) {
    const settings = {
      EnvironmentVariables: [
        { SchemaName: 'fab_ClaimsSiteUrl', Value: siteValue[env] },
        { SchemaName: 'fab_ClaimsListId', Value: listValue[env] },
        { SchemaName: 'fab_MainframeGatewayUrl', Value: gatewayValue[env] },
        { SchemaName: 'fab_GatewayApiKey', Value: apiKeyValue[env] },
        { SchemaName: 'fab_MainframeServicePassword', Value: passwordValue[env] },
        { SchemaName: 'fab_ArchiveRoot', Value: archiveValue[env] + (env === 'Prod' ? '⟦-machine|fab-trap-settings-unc|a UNC path in deployment settings is where it belongs⟧' : '') },
        { SchemaName: 'fab_IntakeBatchSize', Value: env === 'Prod' ? '50' : '10' },
        { SchemaName: 'fab_LegacyFaxQueue', Value: 'FAXQ-CLAIMS' + (env === 'Prod' ? '⟦-alm:settings/unknown-entry|fab-trap-settings-for-unused-var|the variable exists in the solution (unused, but not unknown)⟧' : '') },
      ],
      ConnectionReferences: [
        { LogicalName: 'fab_sharedoffice365_9c1d2', ConnectionId: conn.office365[env] + (env === 'Dev' ? '⟦^fab-test-office365-shared⟧' : ''), ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_office365' },
        { LogicalName: 'fab_sharedsharepointonline_4e7a1', ConnectionId: conn.sharepoint[env], ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' },
        { LogicalName: 'fab_shareduiflow_b2f60', ConnectionId: conn.uiflow[env], ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_uiflow' },
        { LogicalName: 'fab_sharedkeyvault_8f2d1', ConnectionId: conn.keyvault[env], ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_keyvault' },
        { LogicalName: 'fab_sharedcommondataserviceforapps_7d3e9', ConnectionId: conn.dataverse[env], ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' },
        { LogicalName: 'fab_sharedsql_1a8b4', ConnectionId: conn.sql[env], ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_sql' },
        { LogicalName: 'fab_sharedfilesystem_c4e2a', ConnectionId: conn.filesystem[env], ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_filesystem' },
        { LogicalName: 'fab_sharedteams_5c2f8', ConnectionId: conn.teams[env], ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_teams' },
        ...(env === 'Prod' ? [{ LogicalName: 'fab_sharedexcelonlinebusiness_77aa0⟦+settings/unknown-entry|fab-prod-unknown-excel-ref|Prod settings bind a connection reference the solution does not have⟧', ConnectionId: 'shared-excelonlinebu-2e6a0c4d-8b1f-4d5a-9e3c-7a9b1d3f5e82', ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_excelonlinebusiness' }] : []),
      ],
    };
    writeText(`${DIR}/config/${env}/deploymentSettings.json`, json(settings));
  }
  writeText(`${DIR}/config/Prod/customDeploymentSettings.json`, '⟦-alm:settings/unknown-entry|fab-trap-custom-settings-file|ALM Accelerator customDeploymentSettings.json is not a deployment settings file⟧' + json({
    ActivateFlowConfiguration: [
      { solutionComponentName: 'Claims - Intake from Shared Mailbox', solutionComponentUniqueName: guid('fab-intake'), sortOrder: '1', activate: 'true' },
      { solutionComponentName: 'Claims - Nightly Status Sync', solutionComponentUniqueName: guid('fab-nightly'), sortOrder: '2', activate: 'true' },
    ],
  }));
}
