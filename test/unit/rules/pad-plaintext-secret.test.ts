import rule from '../../../server/src/rules/pad/plaintext-secret';
import { ruleTester } from '../../support/rule-tester';

/** The header every saved definition starts with: makes a standalone script a stored definition. */
const DEF = `@@ConnectionString: ''\n@@Type: 'Local'\n@@DesktopType: 'local'\n@@DisplayName: 'Local computer'\n`;
const SEND = `SendFrom: $'''robot@contoso.com''' SendTo: $'''ops@contoso.com''' Subject: $'''Report''' Body: $'''Done''' IsBodyHtml: False`;
/** Types `text` into the desktop field `field` of the window `Login` (a recorded UI element name). */
const TYPE_UI = (field: string, text: string) => `UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Login']['${field}'] Text: ${text} Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick`;
/** Sets a terminal field found by its label (action id and arguments from the PAD action KB). */
const TERMINAL_LABEL = (label: string, text: string) => `TerminalEmulation.SetTextOnTerminalSession.SetTextOnFieldWithLabel Session: TerminalSession Text: ${text} FieldLabel: $'''${label}''' TreatAtCharacterAsLiteral: False`;

ruleTester(rule, {
  valid: [
    {
      name: 'CustomHeaders: key headers from variables, and headers that only mention a key or a token',
      script: `Web.InvokeWebService.InvokeWebService Url: ApiUrl Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''subscription-key: %MapsKey%
Ocp-Apim-Subscription-Key: %Env_ApimKey%
x-api-key-id: 4711
x-correlation-token-type: opaque
x-request-id: 42''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: False EncodeRequestBody: True UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> Headers Response=> Body StatusCode=> Status`,
    },
    {
      name: 'Power Fx: a formula is computed at run time, and a Power Fx text with a reference',
      script: `Web.InvokeWebService.InvokeWebService Url: $fx'=ApiUrl' Method: Web.Method.Get Accept: $fx'application/json' ContentType: $fx'application/json' CustomHeaders: $fx'x-api-key: \${Cred.Password}' ConnectionTimeout: $fx'=30' FollowRedirection: $fx'=true' ClearCookies: $fx'=false' FailOnErrorStatus: $fx'=false' EncodeRequestBody: $fx'=false' UserAgent: $fx'PAD' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: $fx'=false' ResponseHeaders=> Headers Response=> Body StatusCode=> Status
Database.Connect.Connect ConnectionString: $fx'=Concatenate("Server=", DbServer)' Connection=> Conn`,
    },
    {
      name: 'embedded scripts: a user name typed by UI scripting, passwords from variables, prompts and policy switches',
      script: `Scripting.RunVBScript.RunVBScript VBScriptCode: $'''Set Session = GetObject("SAPGUI").GetScriptingEngine.Children(0).Children(0)
Session.findById("wnd[0]/usr/txtRSYST-BNAME").Text = "RPA_GL_POST"
Session.findById("wnd[0]/usr/pwdRSYST-BCODE").Text = "%SapPassword%"
If strPassword = "" Then WScript.Quit 1''' ScriptOutput=> VbOut ScriptError=> VbErr
Scripting.RunPowershellScript.RunPowershellScript Script: $'''$password = Read-Host -AsSecureString
New-ADUser -Name "bot" -AccountPassword $password -PasswordNeverExpires $true -Credential "CORP\\\\svc_ad"
$passwordLength = "16"
docker login --password-stdin -u rpa-bot''' ScriptOutput=> PsOut ScriptError=> PsErr
Scripting.RunPythonScript.RunPythonScript PythonCode: $'''import base64
auth = base64.b64encode(f"{user}:{pwd}".encode())''' PythonVersion: Scripting.PythonVersion.Python3 ScriptOutput=> PyOut ScriptError=> PyErr`,
    },
    {
      name: 'password read with Get credential and passed as Cred.Password',
      script: `PowerAutomateSecretVariables.GetCredential Credential: 'SMTP relay' Timeout: 0 Credential=> SmtpCred
Email.SendEmail.AuthenticateAndSend SMTPServer: SmtpServer Port: 587 EnableSSL: True Username: SmtpCred.Username Password: SmtpCred.Password ${SEND}`,
    },
    {
      name: '%Cred.Password% reference inside a connection string',
      script: `Database.Connect.Connect ConnectionString: $'''Server=%DbServer%;Database=Orders;User Id=%Cred.Username%;Password=%Cred.Password%''' Connection=> Conn`,
    },
    {
      name: 'variables about passwords rather than holding one',
      script: `SET PasswordLength TO 12
SET PasswordPrompt TO $'''Please enter your password'''
SET PasswordField TO $'''#password-input'''
SET PasswordPolicy TO $'''min-length-12-upper-lower-digit'''
SET TokenUrl TO $'''https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token'''
SET SecretName TO $'''smtp-relay-password'''
SET KeyVaultUrl TO $'''https://kv-rpa.vault.azure.net'''
SET ClientId TO $'''8c4f0d2e-1b7a-4c39-9e56-2f1d7a0b3c44'''
SET IsPasswordExpired TO $'''false'''`,
    },
    {
      name: 'the word password in messages and dialog texts',
      script: `Display.ShowMessageDialog.ShowMessage Title: $'''Password expiry''' Message: $'''Your password expires in 3 days. Change it before Friday.''' Icon: Display.Icon.Information Buttons: Display.Buttons.OK DefaultButton: Display.DefaultButton.Button1 IsTopMost: False ButtonPressed=> Pressed
Logging.LogMessage Message: $'''Password=reset requested for %UserName%''' LogLevel: Logging.LogLevel.InfoLevel
SET Password TO $'''Enter the password for the vault.'''`,
    },
    {
      name: 'empty values and obvious placeholders',
      script: `Compression.ZipFiles ArchivePath: ZipPath FilesOrFoldersToZip: Files CompressionLevel: Compression.CompressionLevel.BestBalanceOfSpeedAndCompression ArchiveComment: $'''''' Password: $'''''' ZipFile=> ZipFile
SET ApiKey TO $'''<your-api-key>'''
SET ClientSecret TO $'''{ReplaceMe}'''
SET DbPassword TO ''
SET SmtpPassword TO $'''********'''
SET Token TO $'''#{ApiToken}#'''`,
    },
    {
      name: '@parameters(...) and @{...} expressions are references, not values',
      script: `SET ApiKey TO $'''@parameters(\\'Api Key (cr1a2_ApiKey)\\')'''
SET ClientSecret TO $'''@{body(\\'Get_secret\\')?[\\'value\\']}'''`,
    },
    {
      name: 'password from a custom-object input (the framework pattern)',
      script: `Email.SendEmail.AuthenticateAndSend SMTPServer: Input_SMTPObject['Server'] Port: Input_SMTPObject['Port'] EnableSSL: True Username: Input_SMTPObject['Username'] Password: Input_SMTPObject['Password'] ${SEND}`,
    },
    {
      name: 'CyberArk password output passed on',
      script: `${DEF}@SENSITIVE: [VaultPassword]
Cyberark.GetPassword.GetPassword ServerAddress: CyberArkHost ApplicationId: $'''RPA''' Safe: $'''Robots''' Folder: $'''Root''' Object: $'''sap-bot''' PlainTextPassword=> VaultPassword
Database.Connect.Connect ConnectionString: $'''Server=%DbServer%;Database=Sales;User Id=svc_rpa;Password=%VaultPassword%''' Connection=> Conn`,
    },
    {
      name: 'connection string without a password (integrated security)',
      script: `Database.Connect.Connect ConnectionString: $'''Server=%DbServer%;Database=Orders;Integrated Security=True;Encrypt=True''' Connection=> Conn`,
    },
    {
      name: 'literal typed into a user-name field; password typed from a variable',
      script: `UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Login']['Edit \\'User name\\''] Text: $'''robot01''' Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick
UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Login']['Edit \\'Password\\''] Text: LoginCred.Password Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick`,
    },
    {
      name: 'URL query without secrets; SharePoint site with a page parameter',
      script: `WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://contoso.sharepoint.com/sites/Finance/Lists/Invoices?viewid=1234&page=2''' WindowState: WebAutomation.BrowserWindowState.Normal ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser`,
    },
    {
      name: 'a Token variable used for text parsing',
      script: `SET Token TO $''';'''
Text.SplitText.SplitWithDelimiter Text: Line CustomDelimiter: Token IsRegEx: False Result=> Parts`,
    },
    {
      name: 'secret arguments fed by expressions and inputs, never literals',
      script: `${DEF}@SENSITIVE: [Input_ArchivePassword]
@INPUT Input_ArchivePassword : { 'Description': 'Zip password', 'FriendlyName': 'Input_ArchivePassword', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' }
Compression.ZipFiles ArchivePath: ZipPath FilesOrFoldersToZip: Files CompressionLevel: Compression.CompressionLevel.BestBalanceOfSpeedAndCompression ArchiveComment: $'''''' Password: Input_ArchivePassword ZipFile=> ZipFile`,
    },
    {
      name: 'issue 11: a whole URL is an address, not a secret, whatever the variable holding it is called',
      script: `SET ServiceToken TO $'''https://contoso-prod.sharepoint.com/sites/Ops'''
WebAutomation.LaunchEdge.LaunchEdge Url: ServiceToken WindowState: WebAutomation.BrowserWindowState.Normal ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser
SET ApiKey TO $'''https://portal.acme-logistics.com/api/v2/shipments?customer=4711'''`,
    },
    {
      name: 'roles from meaning: a user name typed into a box the recorder named after the Password: label is not a password',
      script: `SET Username TO $'''svc-portal-bot'''
${TYPE_UI("Edit \\'Password:\\'", 'Username')}
${TYPE_UI("Edit \\'Password:\\' 2", 'LoginCred.Password')}`,
    },
    {
      name: 'roles from meaning: a value given as the user name of a sign-in is not a password because a field label says so',
      script: `SET PortalAccount TO $'''svc-portal-bot'''
${TYPE_UI("Edit \\'Password:\\'", 'PortalAccount')}
Email.SendEmail.AuthenticateAndSend SMTPServer: SmtpServer Port: 587 EnableSSL: True Username: PortalAccount Password: MailCred.Password ${SEND}`,
    },
    {
      name: 'roles from meaning: a credential user name typed into a terminal field labelled Password is not a password',
      script: `${TERMINAL_LABEL('Password', 'MainframeCred.Username')}
${TERMINAL_LABEL('Userid', "$'''TSO0042'''")}`,
    },
    {
      name: 'roles from meaning: a web text input (Input text) is not a password box whatever its label',
      script: `WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Portal']['Input text \\'password-hint\\''] Text: $'''first pet''' EmulateTyping: True UnfocusAfterPopulate: True Mode: WebAutomation.PopulateTextMode.Replace`,
    },
  ],
  invalid: [
    {
      name: 'roles from meaning: text sent to a terminal field labelled Password is a password',
      script: `${TERMINAL_LABEL('Password', "$'''Mvs!2024q3'''")}`,
      errors: [{ text: `$'''Mvs!2024q3'''`, message: /^The text typed into a password field in Text of TerminalEmulation\.SetTextOnTerminalSession\.SetTextOnFieldWithLabel is a literal secret/ }],
      secrets: ['Mvs!2024q3'],
    },
    {
      name: 'roles from meaning: a label adds the password role to plain text when nothing says it is the user name',
      script: `SET PortalLogin TO $'''Spring#2025'''
${TYPE_UI("Edit \\'Password:\\'", 'PortalLogin')}
${TYPE_UI("Edit \\'Password:\\' 2", "$'''Autumn#2025'''")}`,
      errors: [
        { text: `$'''Spring#2025'''`, message: /^The literal assigned to PortalLogin is a secret: it reaches Text \(typed into a password field\) of UIAutomation\.PopulateTextField/ },
        { text: `$'''Autumn#2025'''`, message: /^The text typed into a password field in Text of UIAutomation\.PopulateTextField/ },
      ],
      secrets: ['Spring#2025', 'Autumn#2025'],
    },
    {
      name: 'roles from meaning: a password box by its element type (Input password) stays one whatever the value is called',
      script: `SET PortalUser TO $'''Winter#2025'''
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Portal']['Input password'] Text: PortalUser EmulateTyping: True UnfocusAfterPopulate: True Mode: WebAutomation.PopulateTextMode.Replace`,
      errors: [{ text: `$'''Winter#2025'''`, message: /reaches Text \(typed into a password field\) of WebAutomation\.PopulateTextField/ }],
      secrets: ['Winter#2025'],
    },
    {
      name: 'issue 9: sqlcmd -P in System.RunDOSCommand and in the arguments of Run application (sqlcmd.exe, or cmd /c sqlcmd)',
      script: `System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''sqlcmd -S sql-prod01 -U sa -P Pr0d-Sql-Pass! -Q "EXEC dbo.Export"''' StandardOutput=> Out StandardError=> Err ExitCode=> Code
System.RunApplication.RunApplication ApplicationPath: $'''C:\\Program Files\\Microsoft SQL Server\\Client SDK\\ODBC\\170\\Tools\\Binn\\SQLCMD.EXE''' CommandLineArguments: $'''-S sql-prod01 -U sa -P Sql-Arg-Pass7''' WindowStyle: System.ProcessWindowStyle.Normal ProcessId=> Pid
System.RunApplication.RunApplication ApplicationPath: $'''cmd.exe''' CommandLineArguments: $'''/c sqlcmd -S sql-prod01 -U sa -P"Cmd-Quoted-Pass9"''' WindowStyle: System.ProcessWindowStyle.Normal ProcessId=> Pid2`,
      errors: [
        { text: 'Pr0d-Sql-Pass!', message: /^The command line in DOSCommandOrApplication of System\.RunDOSCommand\.RunDOSCommand contains a literal secret \(the -P password\)/ },
        { text: 'Sql-Arg-Pass7', message: /^The command line in CommandLineArguments of System\.RunApplication\.RunApplication contains a literal secret \(the -P password\)/ },
        { text: 'Cmd-Quoted-Pass9', message: /the -P password/ },
      ],
      secrets: ['Pr0d-Sql-Pass!', 'Sql-Arg-Pass7', 'Cmd-Quoted-Pass9'],
    },
    {
      name: 'issue 9: an access token in a URL fragment (#access_token=…)',
      script: `Web.InvokeWebService.InvokeWebService Url: $'''https://portal.contoso.com/auth/callback#access_token=Zx8vQ2mN4pL7rT1yU3wE5sD9&token_type=bearer''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: False EncodeRequestBody: True UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> Headers Response=> Body StatusCode=> Status`,
      errors: [{ text: 'Zx8vQ2mN4pL7rT1yU3wE5sD9', message: /carries a literal secret in the 'access_token' parameter after the #/ }],
      secrets: ['Zx8vQ2mN4pL7rT1yU3wE5sD9'],
    },
    {
      name: 'API-key headers in CustomHeaders: known names and any *-api-key / *-subscription-key / *-auth-token / *-secret header',
      script: `Web.InvokeWebService.InvokeWebService Url: ApiUrl Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''subscription-key: Mp8sKq2LxV4nR7tZ9wB3cD5fG1hJ6kM0
Ocp-Apim-Subscription-Key: 0f1e2d3c4b5a69788796a5b4c3d2e1f0
X-Carrier-Api-Key: ck_live_51HqLk2eZvKYlo2C
x_partner_auth_token: tok-9f8e7d6c5b4a
X-Webhook-Secret: whsec-3a4b5c6d7e
x-request-id: 42''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: False EncodeRequestBody: True UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> Headers Response=> Body StatusCode=> Status`,
      errors: [
        { text: 'Mp8sKq2LxV4nR7tZ9wB3cD5fG1hJ6kM0', message: /^The subscription-key header in CustomHeaders of Web\.InvokeWebService\.InvokeWebService holds a literal/ },
        { text: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', message: /^The Ocp-Apim-Subscription-Key header/ },
        { text: 'ck_live_51HqLk2eZvKYlo2C', message: /^The X-Carrier-Api-Key header/ },
        { text: 'tok-9f8e7d6c5b4a', message: /^The x_partner_auth_token header/ },
        { text: 'whsec-3a4b5c6d7e', message: /^The X-Webhook-Secret header/ },
      ],
      secrets: ['Mp8sKq2LxV4nR7tZ9wB3cD5fG1hJ6kM0', '0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'ck_live_51HqLk2eZvKYlo2C', 'tok-9f8e7d6c5b4a', 'whsec-3a4b5c6d7e'],
    },
    {
      name: 'Power Fx texts are analysed like $\'\'\'…\'\'\' strings: a key header, a connection-string password, an encryption key',
      script: `Web.InvokeWebService.InvokeWebService Url: $fx'https://atlas.microsoft.com/route/directions/json?api-version=1.0' Method: Web.Method.Get Accept: $fx'application/json' ContentType: $fx'application/json' CustomHeaders: $fx'subscription-key: Fx9kLm2Np4Qr6St8Uv0Wx' ConnectionTimeout: $fx'=30' FollowRedirection: $fx'=true' ClearCookies: $fx'=false' FailOnErrorStatus: $fx'=false' EncodeRequestBody: $fx'=false' UserAgent: $fx'PAD' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: $fx'=false' ResponseHeaders=> Headers Response=> Body StatusCode=> Status
SET Conn TO $fx'Server=\${DbServer};Database=Ledger;User Id=gl_batch;Password=Gl-Batch-2025!'
Cryptography.EncryptText.EncryptTextWithAES Encoding: Cryptography.EncryptionEncoding.UTF8 TextToEncrypt: $fx'=GlCsv' EncryptionKey: $fx'Gl-AES-Key-2025-Q3!' Padding: Cryptography.PaddingMode.PKCS7 KeySize: Cryptography.AESKeySize.Bits256 EncryptedText=> GlEncrypted`,
      errors: [
        { text: 'Fx9kLm2Np4Qr6St8Uv0Wx', message: /^The subscription-key header in CustomHeaders/ },
        { text: 'Gl-Batch-2025!', message: /Password= value/ },
        { text: `$fx'Gl-AES-Key-2025-Q3!'`, message: /^EncryptionKey of Cryptography\.EncryptText\.EncryptTextWithAES is given a literal secret/ },
      ],
      secrets: ['Fx9kLm2Np4Qr6St8Uv0Wx', 'Gl-Batch-2025!', 'Gl-AES-Key-2025-Q3!'],
    },
    {
      name: 'literal password given to Email.SendEmail.AuthenticateAndSend',
      script: `Email.SendEmail.AuthenticateAndSend SMTPServer: SmtpServer Port: 587 EnableSSL: True Username: $'''robot@contoso.com''' Password: $'''hunter22!''' ${SEND}`,
      errors: [{ text: `$'''hunter22!'''`, message: /^Password of Email\.SendEmail\.AuthenticateAndSend is given a literal secret; .*Get credential/, element: 'Email.SendEmail.AuthenticateAndSend' }],
      secrets: ['hunter22!'],
    },
    {
      name: 'Password= in a connection string argument',
      script: `Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: $'''Server=%DbServer%;Database=Orders;User Id=svc_rpa;Password=Sup3rS3cret;''' Statement: $'''SELECT 1''' Timeout: 30 Result=> Rows`,
      errors: [{ text: 'Sup3rS3cret', message: /connection string in ConnectionString of Database\.ExecuteSqlStatement\.ConnectAndExecute contains a literal Password= value/ }],
      secrets: ['Sup3rS3cret'],
    },
    {
      name: 'literal that reaches Password through a SET chain',
      script: `SET Pwd TO $'''Winter2024!'''
SET SmtpPwd TO Pwd
Email.SendEmail.AuthenticateAndSend SMTPServer: SmtpServer Port: 587 EnableSSL: True Username: SmtpUser Password: SmtpPwd ${SEND}`,
      errors: [{ text: `$'''Winter2024!'''`, message: /^The literal assigned to Pwd is a secret: it reaches Password of Email\.SendEmail\.AuthenticateAndSend \(through SmtpPwd\); /, element: 'Pwd' }],
      secrets: ['Winter2024!'],
    },
    {
      name: 'custom-object property read back as Obj[\'Password\']',
      script: `SET SmtpConfig TO {'Server': $'''smtp.office365.com''', 'Port': 587, 'Password': $'''Spring2025#'''}
Email.SendEmail.AuthenticateAndSend SMTPServer: SmtpConfig['Server'] Port: SmtpConfig['Port'] EnableSSL: True Username: SmtpUser Password: SmtpConfig['Password'] ${SEND}`,
      errors: [{ text: `$'''Spring2025#'''`, message: /^The literal assigned to SmtpConfig\['Password'\] is a secret: it reaches Password of Email\.SendEmail\.AuthenticateAndSend/ }],
      secrets: ['Spring2025#'],
    },
    {
      name: 'literal in a variable whose name denotes a secret, no sink in sight',
      script: `SET ApiKey TO $'''sk_live_51HxYzAbCdEf9'''
SET DbPassword TO $'''Tr0ub4dor&3'''`,
      errors: [
        { text: `$'''sk_live_51HxYzAbCdEf9'''`, message: /^The literal assigned to ApiKey is a secret \(ApiKey names a credential\)/ },
        { text: `$'''Tr0ub4dor&3'''`, message: /assigned to DbPassword/ },
      ],
      secrets: ['sk_live_51HxYzAbCdEf9', 'Tr0ub4dor&3'],
    },
    {
      name: 'credentials in a URL: user info and a SAS signature',
      script: `Web.DownloadFromWeb.DownloadToFile Url: $'''https://svc_export:Pa55word@files.contoso.com/export/orders.csv''' Method: Web.Method.Get DestinationFolder: DownloadFolder FileName=> Downloaded
SET BlobUrl TO $'''https://rpastore.blob.core.windows.net/in/orders.csv?sv=2022-11-02&sp=r&sig=AbC123xyzSIG'''`,
      errors: [
        { text: 'Pa55word', message: /^The URL https:\/\/files\.contoso\.com in Url of Web\.DownloadFromWeb\.DownloadToFile carries a literal secret in the password in the URL/ },
        { text: 'AbC123xyzSIG', message: /^The URL https:\/\/rpastore\.blob\.core\.windows\.net assigned to BlobUrl carries a literal secret in the 'sig' query parameter/ },
      ],
      secrets: ['Pa55word', 'AbC123xyzSIG'],
    },
    {
      name: 'Authorization header with a literal bearer token',
      script: `Web.InvokeWebService.InvokeWebService Url: ApiUrl Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.Zm9v
x-request-id: 42''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: False EncodeRequestBody: True UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> Headers Response=> Body StatusCode=> Status`,
      errors: [{ text: 'eyJhbGciOiJIUzI1NiJ9.e30.Zm9v', message: /^The Authorization header in CustomHeaders of Web\.InvokeWebService\.InvokeWebService holds a literal credential/ }],
      secrets: ['eyJhbGciOiJIUzI1NiJ9.e30.Zm9v'],
    },
    {
      name: 'literal typed into a password box',
      script: `WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Portal login']['Input password'] Text: $'''P@ssw0rd1''' EmulateTyping: False UnfocusAfterPopulate: True Mode: WebAutomation.PopulateTextMode.Replace`,
      errors: [{ text: `$'''P@ssw0rd1'''`, message: /^The text typed into a password field in Text of WebAutomation\.PopulateTextField\.PopulateTextField is a literal secret/ }],
      secrets: ['P@ssw0rd1'],
    },
    {
      name: 'literal typed into a password field through a variable',
      script: `SET ErpUser TO $'''svc-erp-bot'''
SET ErpLogin TO $'''Winter2025!'''
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Input user'] Text: ErpUser EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Input password'] Text: ErpLogin EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace`,
      errors: [{ text: `$'''Winter2025!'''`, message: /^The literal assigned to ErpLogin is a secret: it reaches Text \(typed into a password field\) of WebAutomation\.PopulateTextField\.PopulateTextField; / }],
      secrets: ['Winter2025!'],
    },
    {
      name: 'literal passed to a subflow input and to a child flow input named like secrets',
      script: `CALL Login in_Password: $'''Autumn#2025'''
External.RunFlow FlowId: 'c74ad727-5617-4d54-89a9-9d7b35187d34' @Input_ApiKey: $'''AKIAxyz1234567890''' @Output_Status=> Status`,
      errors: [
        { text: `$'''Autumn#2025'''`, message: /^The literal passed to in_Password of CALL Login is a secret/ },
        { text: `$'''AKIAxyz1234567890'''`, message: /^The literal in Input_ApiKey of External\.RunFlow is a secret/ },
      ],
      secrets: ['Autumn#2025', 'AKIAxyz1234567890'],
    },
    {
      name: 'literal part of an interpolated password',
      script: `Exchange.ConnectToExchangeServer.ConnectToServerWithCredentials ServerVersion: Exchange.ServerVersion.Exchange2013_SP1 ServerAddress: ExchangeServer Domain: $'''CONTOSO''' Username: $'''svc_mail''' Password: $'''Summer%Year%!''' Timeout: 30 Connection=> ExchangeConnection`,
      errors: [{ text: 'Summer', message: /^Password of Exchange\.ConnectToExchangeServer\.ConnectToServerWithCredentials is given a literal secret/ }],
      secrets: ['Summer'],
    },
    {
      name: 'a literal operand of a concatenation: the text is reported, not the quotes',
      script: `PDF.ExtractTextFromPDF.ExtractText PDFFile: Statement PageSelection: Pdf.PageSelection.All Password: 'Base#' + Year ExtractedText=> Text`,
      errors: [{ text: 'Base#', message: /^Password of PDF\.ExtractTextFromPDF\.ExtractText is given a literal secret/ }],
      secrets: ['Base#'],
    },
    {
      name: 'JSON request body with a literal password',
      script: `Web.InvokeWebService.InvokeWebService Url: ApiUrl Method: Web.Method.Post Accept: $'''application/json''' ContentType: $'''application/json''' RequestBody: $'''{"username":"robot","password":"Xy7!pq9Z"}''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: False EncodeRequestBody: True UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> Headers Response=> Body StatusCode=> Status`,
      errors: [{ text: 'Xy7!pq9Z', message: /^The JSON in RequestBody of Web\.InvokeWebService\.InvokeWebService has a literal "password" value/ }],
      secrets: ['Xy7!pq9Z'],
    },
    {
      name: 'a sensitive variable does not protect a hardcoded value (stored definition)',
      script: `${DEF}@SENSITIVE: [Password]
SET Password TO $'''Tr0ub4dor&3'''
SAP.SapLogin.SapLogInOptionSingle Server: SapServer Client: $'''100''' Username: $'''RPA_BOT''' Password: Password Language: $'''EN''' SapInstance=> Sap`,
      errors: [{ text: `$'''Tr0ub4dor&3'''`, message: /assigned to Password is a secret: it reaches Password of SAP\.SapLogin\.SapLogInOptionSingle/ }],
      secrets: ['Tr0ub4dor&3'],
    },
    {
      name: 'a token recognisable by its shape, even in a log message',
      script: `Logging.LogMessage Message: $'''Calling the API with eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpM''' LogLevel: Logging.LogLevel.InfoLevel`,
      errors: [{ text: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpM', message: /^The literal in Message of Logging\.LogMessage contains a JSON web token; / }],
      secrets: ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpM'],
    },
    {
      name: 'PowerShell ConvertTo-SecureString with a literal',
      script: `Scripting.RunPowershellScript.RunPowershellScript Script: $'''$pw = ConvertTo-SecureString \\'N0tS0Secret!\\' -AsPlainText -Force
Connect-Service -Credential (New-Object PSCredential(\\'svc\\', $pw))''' ScriptOutput=> Out`,
      errors: [{ text: 'N0tS0Secret!', message: /ConvertTo-SecureString/ }],
      secrets: ['N0tS0Secret!'],
    },
    {
      name: 'a connection string literal assigned to a variable',
      solution: {
        desktopFlows: [{
          name: 'Nightly sync',
          script: `${DEF}SET ConnStr TO $'''Data Source=%DbServer%;Initial Catalog=Sales;User ID=svc_rpa;Pwd=Qwerty!2345'''
Database.Connect.Connect ConnectionString: ConnStr Connection=> Conn`,
        }],
      },
      errors: [{ text: 'Qwerty!2345', message: /^The connection string assigned to ConnStr contains a literal Pwd= value/ }],
      secrets: ['Qwerty!2345'],
    },
    {
      name: 'embedded scripts: a Basic credential, a password field set by SAP GUI scripting, a -Password switch, a secret-named assignment',
      script: `Scripting.RunPythonScript.RunPythonScript PythonCode: $'''import base64
auth = base64.b64encode(b"svc_score:Sc0re!Py2024").decode()''' PythonVersion: Scripting.PythonVersion.Python3 ScriptOutput=> PyOut ScriptError=> PyErr
Scripting.RunVBScript.RunVBScript VBScriptCode: $'''Session.findById("wnd[0]/usr/txtRSYST-BNAME").Text = "RPA_GL_POST"
Session.findById("wnd[0]/usr/pwdRSYST-BCODE").Text = "GLpost#2024"''' ScriptOutput=> VbOut ScriptError=> VbErr
Scripting.RunPowershellScript.RunPowershellScript Script: $'''Connect-Erp -Server erp01 -User rpa -Password "P@ss-w0rd9"
$apiKey = "k3yV4lue-77xQ"''' ScriptOutput=> PsOut ScriptError=> PsErr`,
      errors: [
        { text: 'Sc0re!Py2024', message: /^The script in PythonCode of Scripting\.RunPythonScript\.RunPythonScript contains a literal secret \(the password of a Basic credential\); read it at run time with the Get credential action/ },
        { text: 'GLpost#2024', message: /contains a literal secret \(the text typed into a password field\)/ },
        { text: 'P@ss-w0rd9', message: /contains a literal secret \(the Password switch\)/ },
        { text: 'k3yV4lue-77xQ', message: /contains a literal secret \(the value assigned to apiKey\)/ },
      ],
      secrets: ['Sc0re!Py2024', 'GLpost#2024', 'P@ss-w0rd9', 'k3yV4lue-77xQ'],
    },
    {
      name: 'a net use password in a DOS command and a connection string inside a script',
      script: `Scripting.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''net use Q: \\\\\\\\fs01\\\\secure S3cure!Map /user:CORP\\\\svc_map''' WorkingDirectory: $'''''' StandardOutput=> Out StandardError=> Err ExitCode=> Code
Scripting.RunPowershellScript.RunPowershellScript Script: $'''$conn = New-Object System.Data.SqlClient.SqlConnection("Server=sql01;Database=HR;User Id=hr;Password=Hr!2024x")''' ScriptOutput=> PsOut ScriptError=> PsErr`,
      errors: [
        { text: 'S3cure!Map', message: /^The command line in DOSCommandOrApplication of Scripting\.RunDOSCommand\.RunDOSCommand contains a literal secret \(the net use password\)/ },
        { text: 'Hr!2024x', message: /^The connection string in Script of Scripting\.RunPowershellScript\.RunPowershellScript contains a literal Password= value/ },
      ],
      secrets: ['S3cure!Map', 'Hr!2024x'],
    },
    {
      name: 'the password of a user name and password pair in a script (requests auth=, smtplib login, NetworkCredential)',
      script: `Scripting.RunPythonScript.RunPythonScript PythonCode: $'''import requests, smtplib
r = requests.get(url, auth=("svc_api", "Api#Pass2024"))
s = smtplib.SMTP(host, 587); s.login("robot", "M4il!Robot")''' PythonVersion: Scripting.PythonVersion.Python3 ScriptOutput=> PyOut ScriptError=> PyErr
Scripting.RunPowershellScript.RunPowershellScript Script: $'''$cred = New-Object System.Net.NetworkCredential("svc", "N3t!Cred2024")
$cred2 = New-Object System.Net.NetworkCredential("svc", $SecurePwd)''' ScriptOutput=> Out ScriptError=> Err`,
      errors: [
        { text: 'Api#Pass2024', message: /\(the password of a user name and password pair\)/ },
        { text: 'M4il!Robot', message: /\(the password of a user name and password pair\)/ },
        { text: 'N3t!Cred2024', message: /\(the password of a user name and password pair\)/ },
      ],
      secrets: ['Api#Pass2024', 'M4il!Robot', 'N3t!Cred2024'],
    },
    {
      name: 'issue 11: a URL named like a secret that carries a key-shaped path token or a secret query parameter is still a secret',
      script: `SET WebhookToken TO $'''https://hooks.slack.com/services/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'''
SET ReportKey TO $'''https://reports.contoso.com/daily?code=Zx81kPq0aLm2Nf7Rb6Tc'''`,
      errors: [
        // Issue 12 (keys in URL paths): the key-shaped path segment is the secret, reported as a part of the URL.
        { text: 'a1B2c3D4e5F6g7H8i9J0k1L2', message: /^The URL https:\/\/hooks\.slack\.com assigned to WebhookToken carries a literal secret in the key in the URL path/ },
        { text: 'Zx81kPq0aLm2Nf7Rb6Tc', message: /carries a literal secret in the 'code' query parameter/ },
      ],
      secrets: ['a1B2c3D4e5F6g7H8i9J0k1L2', 'Zx81kPq0aLm2Nf7Rb6Tc'],
    },
  ],
});
