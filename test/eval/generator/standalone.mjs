// Desktop-flow scripts kept outside solutions: saved definitions (.robin with the @@ header and
// @SENSITIVE), designer clipboard copies (.txt / .robin without a header) and one prose .txt.
const DIR = 'desktop-scripts';

const BANK = String.raw`@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [BankCredential, GraphCredential, OtpSeed, OtpCode, TokenResponse, AccessToken]
@INPUT In_StatementDate : { 'Description': 'Statement date, yyyy-MM-dd.', 'FriendlyName': 'StatementDate', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT In_BankPin : { 'Description': 'Treasury PIN for the bank portal.', 'FriendlyName': 'BankPin', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ⟦+cred pad/secret-input-variable: the bank PIN arrives as an input variable, and it is not even marked sensitive⟧
@INPUT In_TenantId : { 'Description': 'Entra ID tenant for the upload.', 'FriendlyName': 'TenantId', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT In_DriveId : { 'Description': 'Treasury document library (Graph drive id).', 'FriendlyName': 'DriveId', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@OUTPUT Out_StatementFile : { 'Description': 'Path of the filed statement.', 'FriendlyName': 'StatementFile', 'Type': 'String' } 
# Daily MT940 statement download from Northwind Bank. Exported from the designer for review in git.
SET BankPortal TO $'''https://corporate.northwindbank.com/login''' ⟦-env pad/environment-specific-url: the bank's corporate portal (issue 12: a third-party host with no environment or organisation evidence in the tree; a label before, see README "Corrections")⟧
SET TokenUrl TO $'''https://login.microsoftonline.com/%In_TenantId%/oauth2/v2.0/token''' ⟦-env pad/environment-specific-url: a global sign-in endpoint, in a variable named like a token⟧
PowerAutomateSecretVariables.GetCredential Credential: $'''BANK-PORTAL-TREASURY''' Timeout: 0 Credential=> BankCredential ⟦-cred pad/plaintext-secret: a credential name⟧
PowerAutomateSecretVariables.GetCredential Credential: $'''GRAPH-TREASURY-UPLOAD''' Timeout: 0 Credential=> GraphCredential
SET OtpSeed TO $'''JBSWY3DPEHPK3PXP''' ⟦+cred pad/plaintext-secret: the TOTP seed of the bank token is written into the flow (marking it sensitive does not hide a literal)⟧
Scripting.RunPowershellScript.RunPowershellScript Script: $'''$seed = \'%OtpSeed%\'
$key = [Convert]::FromBase64String((ConvertFrom-Base32 $seed))
Get-Totp -Key $key -Digits 6''' ScriptOutput=> OtpCode ScriptError=> OtpError
WebAutomation.LaunchEdge.LaunchEdge Url: BankPortal WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: True ClearCookies: True WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Web Page \'https://corporate.northwindbank.com/login\'']['Input text \'userid\''] Text: BankCredential.Username EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace ⟦-env pad/environment-specific-url: a URL inside a UI-element selector⟧
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Web Page \'https://corporate.northwindbank.com/login\'']['Input password \'password\''] Text: BankCredential.Password EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace ⟦-env pad/environment-specific-url: a URL inside a UI-element selector⟧
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Web Page \'https://corporate.northwindbank.com/login\'']['Input password \'pin\''] Text: In_BankPin EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace ⟦-env pad/environment-specific-url: a URL inside a UI-element selector⟧
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Web Page \'https://corporate.northwindbank.com/login\'']['Input text \'otp\''] Text: OtpCode EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace ⟦-env pad/environment-specific-url: a URL inside a UI-element selector⟧
WebAutomation.Click.Click BrowserInstance: Browser Control: appmask['Web Page \'https://corporate.northwindbank.com/login\'']['Button \'Sign in\''] WaitForPageToLoadTimeout: 60 MouseButton: WebAutomation.MouseButton.Left ClickType: WebAutomation.ClickType.SingleClick HoverMouseOverElement: True ⟦-env pad/environment-specific-url: a URL inside a UI-element selector⟧
# The signing password is not in the vault yet (ticket TRS-1182).
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Web Page \'https://corporate.northwindbank.com/home\'']['Input password \'signing-password\''] Text: $'''Tr3asury!Q4-2024''' EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace ⟦+cred pad/plaintext-secret: a literal typed into the signing-password box⟧
WebAutomation.GoToWebPage.GoToWebPage BrowserInstance: Browser Url: $'''https://corporate.northwindbank.com/statements/mt940?date=%In_StatementDate%''' WaitForPageToLoadTimeout: 60 ⟦-env pad/environment-specific-url: the bank's statements page (issue 12: a third-party host with no environment or organisation evidence in the tree; a label before, see README "Corrections")⟧
Folder.GetSpecialFolder SpecialFolder: Folder.SpecialFolder.UserProfile SpecialFolderPath=> UserProfile
WAIT (File.WaitForFile.Created File: $'''%UserProfile%\\Downloads\\statement_%In_StatementDate%.sta''') FOR 120 ⟦-env pad/environment-specific-path: built on a Folder.GetSpecialFolder result⟧
File.Move Files: $'''%UserProfile%\\Downloads\\statement_%In_StatementDate%.sta''' Destination: $'''C:\\Treasury\\Statements\\Inbound''' IfFileExists: File.IfExists.Overwrite MovedFiles=> MovedStatement ⟦+env pad/environment-specific-path: absolute local treasury folder⟧
System.Ping HostName: $'''swiftgw01''' Timeout: 3000 PingReply=> SwiftPing ⟦+mach pad/hardcoded-machine: ping of the SWIFT gateway swiftgw01⟧
File.Copy Files: MovedStatement Destination: $'''\\\\swiftgw01\\import$\\mt940''' IfFileExists: File.IfExists.DoNothing CopiedFiles=> ImportedStatement ⟦+mach pad/hardcoded-machine: UNC path on the SWIFT gateway⟧
Web.InvokeWebService.InvokeWebService Url: TokenUrl Method: Web.Method.Post Accept: $'''application/json''' ContentType: $'''application/x-www-form-urlencoded''' RequestBody: $'''client_id=%GraphCredential.Username%&client_secret=%GraphCredential.Password%&scope=https://graph.microsoft.com/.default&grant_type=client_credentials''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: True EncodeRequestBody: False UserAgent: $'''Mozilla/5.0 (Windows NT 10.0; Win64; x64)''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> TokenHeaders Response=> TokenResponse StatusCode=> TokenStatus ⟦-cred pad/plaintext-secret: the client secret is a credential reference; the response goes into a sensitive variable⟧
Variables.ConvertJsonToCustomObject Json: TokenResponse CustomObject=> TokenObject ⟦+cred pad/sensitive-not-marked: TokenObject is built from the sensitive token response (it holds the access token) but is not in @SENSITIVE⟧
SET AccessToken TO TokenObject['access_token']
File.ReadTextFromFile.ReadText File: MovedStatement Encoding: File.TextFileEncoding.UTF8 Content=> StatementText
Web.InvokeWebService.InvokeWebService Url: $'''https://graph.microsoft.com/v1.0/drives/%In_DriveId%/root:/Statements/%In_StatementDate%.sta:/content''' Method: Web.Method.Put Accept: $'''application/json''' ContentType: $'''text/plain''' CustomHeaders: $'''Authorization: Bearer %AccessToken%''' RequestBody: StatementText ConnectionTimeout: 60 FollowRedirection: True ClearCookies: False FailOnErrorStatus: True EncodeRequestBody: False UserAgent: $'''Mozilla/5.0 (Windows NT 10.0; Win64; x64)''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> UploadHeaders Response=> UploadResponse StatusCode=> UploadStatus ⟦-env pad/environment-specific-url: Microsoft Graph is global; the drive comes from an input⟧⟦-cred pad/plaintext-secret: the bearer token is a sensitive variable⟧
SET Out_StatementFile TO MovedStatement
WebAutomation.CloseWebBrowser BrowserInstance: Browser
`;

const CLAIMS = String.raw`@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [ClaimsCredential]
@INPUT In_ClaimId : { 'Description': 'Claim to key in.', 'FriendlyName': 'ClaimId', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT In_ClaimAmount : { 'Description': 'Approved amount.', 'FriendlyName': 'ClaimAmount', 'Type': 'Numeric', 'IsOptional': False, 'DefaultValue': 0 } 
@OUTPUT Out_Reference : { 'Description': 'ClaimsPro reference.', 'FriendlyName': 'Reference', 'Type': 'String' } 
# ClaimsPro only runs on the claims VDI, so its actions target the Citrix desktop.
PowerAutomateSecretVariables.GetCredential Credential: $'''CLAIMSPRO-RPA''' Timeout: 0 Credential=> ClaimsCredential ⟦-cred pad/plaintext-secret: a credential name⟧
System.RunApplication.RunApplication ApplicationPath: $'''C:\\Program Files\\ClaimsPro\\ClaimsPro.exe''' CommandLineArguments: $'''''' WindowStyle: System.ProcessWindowStyle.Maximized ProcessId=> ClaimsPid TargetDesktop: $'''{\"DisplayName\":\"Claims VDI\",\"Route\":{\"ServerType\":\"Citrix\",\"ServerAddress\":\"ctx-claims-vda07.corp.contoso.local\"},\"DesktopType\":\"remote\"}''' ⟦+mach pad/hardcoded-machine: remote target desktop ctx-claims-vda07 (Citrix)⟧⟦+env pad/environment-specific-path: absolute install path of ClaimsPro⟧
UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Window \'ClaimsPro - Logon\'']['Edit \'User\''] Text: ClaimsCredential.Username Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick
UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Window \'ClaimsPro - Logon\'']['Edit \'Password\''] Text: ClaimsCredential.Password Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick ⟦-cred pad/plaintext-secret: the password comes from Get credential⟧
UIAutomation.Click.Click Element: appmask['Window \'ClaimsPro - Logon\'']['Button \'Log on\''] ClickType: UIAutomation.ClickType.LeftClick MousePositionRelativeToElement: UIAutomation.RectangleEdgePoint.MiddleCenter OffsetX: 0 OffsetY: 0
Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: $'''Data Source=(localdb)\\MSSQLLocalDB;Initial Catalog=ClaimsCache;Integrated Security=True''' Statement: $'''SELECT PolicyNumber, Holder FROM dbo.Claims WHERE ClaimId = \'%In_ClaimId%\'''' Timeout: 30 Result=> CachedClaim ⟦-mach pad/hardcoded-machine: LocalDB on the bot machine itself⟧⟦-cred pad/plaintext-secret: integrated security, no password⟧
Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: $'''Server=claimsdb-prd.database.windows.net;Database=Claims;Authentication=Active Directory Managed Identity;Encrypt=True''' Statement: $'''SELECT ApprovedBy FROM dbo.Approvals WHERE ClaimId = \'%In_ClaimId%\'''' Timeout: 30 Result=> Approval ⟦+mach pad/hardcoded-machine: Server= names the production claims database server⟧
Access.LaunchAccess.LaunchExistingDbInAutomationMode Path: $'''D:\\Claims\\ClaimsLookup.accdb''' Password: $'''acc3ss!Claims''' Visible: False Instance=> LookupDb ⟦+env pad/environment-specific-path: absolute path of the Access lookup database⟧⟦+cred pad/plaintext-secret: the Access database password is written into the flow⟧
UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Window \'ClaimsPro\'']['Edit \'Claim\''] Text: In_ClaimId Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick
UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Window \'ClaimsPro\'']['Edit \'Amount\''] Text: In_ClaimAmount Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick
UIAutomation.Click.Click Element: appmask['Window \'ClaimsPro\'']['Button \'Approve\''] ClickType: UIAutomation.ClickType.LeftClick MousePositionRelativeToElement: UIAutomation.RectangleEdgePoint.MiddleCenter OffsetX: 0 OffsetY: 0
UIAutomation.GetDetailsOfElement Element: appmask['Window \'ClaimsPro\'']['Text \'Reference\''] AttributeName: $'''Own Text''' AttributeValue=> Out_Reference
System.RunApplication.RunApplication ApplicationPath: $'''notepad.exe''' CommandLineArguments: $'''claims-%In_ClaimId%.log''' WindowStyle: System.ProcessWindowStyle.Normal ProcessId=> NotepadPid TargetDesktop: $'''{\"DisplayName\":\"Local computer\",\"Route\":{\"ServerType\":\"Local\",\"ServerAddress\":\"\"},\"DesktopType\":\"local\"}''' ⟦-mach pad/hardcoded-machine: the local computer as target desktop⟧⟦-env pad/environment-specific-path: a bare program name and a relative file⟧
`;

const EXCEL_REFRESH = String.raw`# Weekly sales dashboard refresh - copied from the designer for the review of ticket BI-217
DateTime.GetCurrentDateTime.Local DateTimeFormat: DateTime.DateTimeFormat.DateAndTime CurrentDateTime=> CurrentDateTime
Text.ConvertDateTimeToText.FromCustomDateTime DateTime: CurrentDateTime CustomFormat: $'''yyyyMMdd''' Result=> WeekNo
Excel.LaunchExcel.LaunchAndOpen Path: $'''C:\\Reports\\Weekly\\Sales dashboard.xlsx''' Visible: True ReadOnly: False Password: $'''Sales#Dash24''' LoadAddInsAndMacros: True Instance=> ExcelInstance ⟦+env pad/environment-specific-path: absolute path of the dashboard workbook⟧⟦+cred pad/plaintext-secret: the workbook password is written into the action⟧
Excel.RunMacro Instance: ExcelInstance Macro: $'''RefreshAll'''
WAIT 30
Excel.CloseExcel.CloseAndSaveAs Instance: ExcelInstance DocumentFormat: Excel.ExcelFormat.FromExtension DocumentPath: $'''\\\\reportsrv\\published\\Sales dashboard %WeekNo%.xlsx''' ⟦+mach pad/hardcoded-machine: UNC path on report server reportsrv⟧
File.Copy Files: $'''Output\\dashboard.pdf''' Destination: $'''Archive''' IfFileExists: File.IfExists.Overwrite CopiedFiles=> CopiedFiles ⟦-env pad/environment-specific-path: relative paths⟧
Outlook.Launch Instance=> OutlookInstance
Outlook.SendEmailThroughOutlook.SendEmail Instance: OutlookInstance Account: $'''sales-ops@contoso.com''' SendTo: $'''sales-leads@contoso.com''' Subject: $'''Weekly dashboard %WeekNo%''' Body: $'''The dashboard is refreshed. The workbook password is unchanged; ask Sales Ops if you need it.''' IsBodyHtml: False IsDraft: False ⟦-cred pad/plaintext-secret: the word password in an e-mail body⟧
Outlook.Close Instance: OutlookInstance
`;

const SFTP = String.raw`SET SftpHost TO $'''sftp01''' ⟦+mach pad/hardcoded-machine: SFTP server sftp01 (single-label host); reaches Host⟧
SET SftpPassword TO $'''Upl0ad#Bank2024''' ⟦+cred pad/plaintext-secret: the SFTP password is written into the flow; reaches Password⟧
FTP.OpenSecureConnection.ConnectWithSftpUsernameAndPassword Host: SftpHost Port: 22 Username: $'''svc_bankupload''' Password: SftpPassword AcceptAnySshHostKey: False SshHostKey: $'''ssh-ed25519 255 4f:1c:9b:2e:7a:6d:4e:8f:9c:0b:1a:2d:3e:4f:5a:6b''' Timeout: 30 FtpConnection=> SftpConnection ⟦-cred pad/plaintext-secret: a host-key fingerprint is public; the user name is not a secret⟧
FTP.UploadFiles FtpConnection: SftpConnection LocalFiles: $'''C:\\Treasury\\Payments\\Outbound\\*.xml''' RemoteFolder: $'''/incoming/payments''' IfFileExists: FTP.IfFileExists.Overwrite ⟦+env pad/environment-specific-path: absolute local outbound folder⟧
FTP.CloseConnection FtpConnection: SftpConnection
`;

const TEMPLATE = String.raw`# Wiki template: replace the placeholders before use. Never commit real values.
Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.office365.com''' Port: 587 EnableSSL: True Username: $'''<user>''' Password: $'''<password>''' AcceptUntrustedCertificates: False SendFrom: $'''<user>''' SenderDisplayName: $'''RPA''' SendTo: $'''<recipient>''' CC: $'''''' Subject: $'''Test''' Body: $'''Hello''' IsBodyHtml: False ⟦-cred pad/plaintext-secret: <password> is a placeholder⟧⟦-mach pad/hardcoded-machine: a global SMTP endpoint⟧
Database.Connect.Connect ConnectionString: $'''Server=localhost;Database=RpaLog;User Id=rpa;Password=***;''' Connection=> LogDb ⟦-mach pad/hardcoded-machine: localhost⟧⟦-cred pad/plaintext-secret: *** is a mask⟧
SET ApiKeyHeaderName TO $'''x-api-key''' ⟦-cred pad/sensitive-not-marked: a header name⟧
SET SecretName TO $'''erp-api-key''' ⟦-cred pad/sensitive-not-marked: the name of a Key Vault secret⟧
SET PasswordLength TO 16 ⟦-cred pad/sensitive-not-marked: a length⟧
SET DbPassword TO $'''''' ⟦-cred pad/plaintext-secret: empty until the operator fills it in⟧
Web.InvokeWebService.InvokeWebService Url: $'''http://localhost:5080/health''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' ConnectionTimeout: 10 FollowRedirection: True ClearCookies: False FailOnErrorStatus: False EncodeRequestBody: False UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> HealthHeaders Response=> HealthResponse StatusCode=> HealthStatus ⟦-mach pad/hardcoded-machine: localhost⟧
Web.InvokeWebService.InvokeWebService Url: $'''https://management.azure.com/subscriptions?api-version=2022-12-01''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''Authorization: Bearer %AccessToken%''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: True EncodeRequestBody: False UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> ArmHeaders Response=> ArmResponse StatusCode=> ArmStatus ⟦-env pad/environment-specific-url: Azure Resource Manager is a global endpoint⟧⟦-cred pad/plaintext-secret: the token is a variable reference⟧
Display.ShowMessageDialog.ShowMessage Title: $'''Template''' Message: $'''Schema: https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#''' Icon: Display.Icon.Information Buttons: Display.Buttons.OK DefaultButton: Display.DefaultButton.Button1 IsTopMost: False ButtonPressed=> Pressed ⟦-env pad/environment-specific-url: a schema URL in a message⟧
`;

const PRINTERS = String.raw`# Nightly label-printer queue cleanup on the warehouse print server (runs on WH-RPA-02).
System.Ping HostName: $'''192.168.10.50''' Timeout: 2000 PingReply=> PrinterPing ⟦+mach pad/hardcoded-machine: ping of a printer by IP⟧
Scripting.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''net use P: \\\\printsrv01\\labels /persistent:no''' WorkingDirectory: $'''''' StandardOutput=> NetUseOutput StandardError=> NetUseError ExitCode=> NetUseExitCode ⟦+mach pad/hardcoded-machine: UNC share on print server printsrv01 mapped in a command⟧
File.Delete Files: $'''\\\\printsrv01\\spool$\\*.spl''' ⟦+mach pad/hardcoded-machine: UNC path on print server printsrv01⟧
File.Copy Files: $'''P:\\templates\\*.lbl''' Destination: $'''C:\\ProgramData\\LabelPrinter\\archive''' IfFileExists: File.IfExists.Overwrite CopiedFiles=> CopiedTemplates ⟦+env pad/environment-specific-path: drive-letter paths (mapped P: drive and local archive folder)⟧
Logging.LogMessage Message: $'''Spool cleaned on printsrv01; %CopiedTemplates.Count% templates archived.''' LogLevel: Logging.LogLevel.InfoLevel ⟦-mach pad/hardcoded-machine: a server name in a log message⟧
Scripting.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''net use P: /delete''' WorkingDirectory: $'''''' StandardOutput=> NetUseOutput StandardError=> NetUseError ExitCode=> NetUseExitCode
`;

const NOTES = `Handover notes - warehouse and treasury bots (January 2025)
==========================================================

Who to call: rpa-support@contoso.com, or the RPA on-call phone in Teams.

1. The treasury bot runs on RPA-VM-07. If the bank login fails, the password has probably
   expired: reset it in the bank portal, then update the BANK-PORTAL-TREASURY credential in⟦-cred pad/plaintext-secret: prose about passwords⟧
   Key Vault. Do not paste the password into the flow or into this file.
2. Statements land in C:\\Treasury\\Statements\\Inbound and are copied to \\\\swiftgw01\\import$.⟦-env pad/environment-specific-path: prose in a notes file, not a desktop-flow script⟧⟦-mach pad/hardcoded-machine: prose, not a script⟧
   If the SWIFT gateway is down the copy fails and the flow stops; rerun it after the gateway
   team confirms the service is back.
3. The label printers are cleaned every night from WH-RPA-02. When the spool on printsrv01 is
   stuck, restart the Print Spooler service there first.
4. The SFTP upload still uses a hard-coded password (see snippets/sftp-upload.txt). It is on
   the backlog to move it to a credential before the audit in March.

Known issues
- The bank changes the login page every few months; the UI elements then need recapturing.
- If Excel shows a password prompt for the sales dashboard, the workbook was saved without
  the macro; ask Sales Ops for a fresh copy.
`;


// A Power Fx-enabled flow copied from the designer ($fx'…' literals, ${…} interpolation).
const FX_HEALTHCHECK = String.raw`# Claims portal health check (Power Fx enabled flow), pasted for review
SET PortalBaseUrl TO $fx'https://claims.contoso.com/portal' ⟦+env pad/environment-specific-url: the production claims portal; reaches LaunchEdge⟧
SET StatusHost TO $fx'10.9.8.7' ⟦+mach pad/hardcoded-machine: status endpoint addressed by IP; reaches Url⟧
SET RetryCount TO $fx'=3'
WebAutomation.LaunchEdge.LaunchEdge Url: $fx'@@{PortalBaseUrl}/login' WindowState: WebAutomation.BrowserWindowState.Normal ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser ⟦-env pad/environment-specific-url: built from a variable⟧
SET PortalPassword TO $fx'Cl@imsP0rtal!' ⟦+cred pad/plaintext-secret: the portal password is written into the flow⟧
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Web Page \'Claims portal\'']['Input password \'pwd\''] Text: PortalPassword EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace
Web.InvokeWebService.InvokeWebService Url: $fx'http://@@{StatusHost}/status' Method: Web.Method.Get Accept: $fx'application/json' ContentType: $fx'application/json' ConnectionTimeout: 10 FollowRedirection: True ClearCookies: False FailOnErrorStatus: False EncodeRequestBody: False UserAgent: $fx'Mozilla/5.0' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> StatusHeaders Response=> StatusBody StatusCode=> StatusCode ⟦-mach pad/hardcoded-machine: built from a variable⟧
IF StatusCode <> 200 THEN
    Display.ShowMessageDialog.ShowMessage Title: $fx'Claims portal' Message: $fx'Portal is down - see https://status.contoso.com for the incident' Icon: Display.Icon.ErrorIcon Buttons: Display.Buttons.OK DefaultButton: Display.DefaultButton.Button1 IsTopMost: False ButtonPressed=> Pressed ⟦-env pad/environment-specific-url: a link inside a message⟧
END
WebAutomation.CloseWebBrowser BrowserInstance: Browser
`.replace(/@@\{/g, '${');

export default function build(ctx) {
  ctx.file(`${DIR}/treasury/bank-statement-download.robin`, BANK);
  ctx.file(`${DIR}/claims/citrix-claims-entry.robin`, CLAIMS);
  ctx.file(`${DIR}/snippets/excel-report-refresh.txt`, EXCEL_REFRESH);
  ctx.file(`${DIR}/snippets/sftp-upload.txt`, SFTP);
  ctx.file(`${DIR}/snippets/smtp-and-database-template.txt`, TEMPLATE);
  ctx.file(`${DIR}/warehouse/printer-queue-cleanup.robin`, PRINTERS);
  ctx.file(`${DIR}/snippets/claims-portal-healthcheck.txt`, FX_HEALTHCHECK);
  ctx.file(`${DIR}/HANDOVER-NOTES.txt`, NOTES);
}
