import rule from '../../../server/src/rules/pad/sensitive-not-marked';
import { ruleTester } from '../../support/rule-tester';

const DEF = `@@ConnectionString: ''\n@@Type: 'Local'\n@@DesktopType: 'local'\n@@DisplayName: 'Local computer'\n`;
const SEND = `SendFrom: $'''robot@contoso.com''' SendTo: $'''ops@contoso.com''' Subject: $'''Report''' Body: $'''Done''' IsBodyHtml: False`;
const CYBERARK = (out: string) => `Cyberark.GetPassword.GetPassword ServerAddress: CyberArkHost ApplicationId: $'''RPA''' Safe: $'''Robots''' Folder: $'''Root''' Object: $'''sql-bot''' PlainTextPassword=> ${out}`;
const READ_CONFIG = `File.ReadTextFromFile.ReadText File: $'''config\\\\freight.json''' Encoding: File.TextFileEncoding.UTF8 Content=> ConfigJson
Variables.ConvertJsonToCustomObject Json: ConfigJson CustomObject=> FreightConfig`;
const TYPE_PASSWORD = (text: string) => `WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Input password'] Text: ${text} EmulateTyping: True UnfocusAfterPopulate: True Mode: WebAutomation.PopulateTextMode.Replace`;
const SAP_LOGIN = (password: string) => `SAP.SapLogin.SapLogInOptionSingle Server: SapServer Client: $'''100''' Username: $'''RPA''' Password: ${password} Language: $'''EN''' SapInstance=> Sap`;
const input = (name: string, type = 'String') => `@INPUT ${name} : { 'Description': '', 'FriendlyName': '${name}', 'Type': '${type}', 'IsOptional': False, 'DefaultValue': '' }`;

ruleTester(rule, {
  valid: [
    {
      name: 'a redacted copy (Text.Replace with a mask) no longer carries the secret',
      script: `${DEF}@SENSITIVE: [DbPwd, ConnStr]
${CYBERARK('DbPwd')}
SET ConnStr TO $'''Server=%DbServer%;Database=Sales;User Id=svc_rpa;Password=%DbPwd%'''
Text.Replace Text: ConnStr TextToFind: $'''Password=[^;]*''' IsRegEx: True IgnoreCase: True ReplaceWith: $'''Password=***''' ActivateEscapeSequences: False Result=> MaskedConnection
Logging.LogMessage Message: $'''Connecting with %MaskedConnection%''' LogLevel: Logging.LogLevel.InfoLevel`,
    },
    {
      name: 'CyberArk output into a sensitive variable',
      script: `${DEF}@SENSITIVE: [DbPassword]
${CYBERARK('DbPassword')}
Database.Connect.Connect ConnectionString: $'''Server=%DbServer%;Database=Sales;User Id=svc_rpa;Password=%DbPassword%''' Connection=> Conn`,
    },
    {
      name: 'Get credential output is sensitive by type, also when copied',
      script: `${DEF}PowerAutomateSecretVariables.GetCredential Credential: 'SMTP relay' Timeout: 0 Credential=> SmtpCred
SET MailCred TO SmtpCred
Email.SendEmail.AuthenticateAndSend SMTPServer: SmtpServer Port: 587 EnableSSL: True Username: MailCred.Username Password: MailCred.Password ${SEND}`,
    },
    {
      name: 'connection string built from a sensitive password into a sensitive variable',
      script: `${DEF}@SENSITIVE: [DbPassword, ConnStr]
${CYBERARK('DbPassword')}
SET ConnStr TO $'''Server=%DbServer%;Database=Sales;User Id=svc_rpa;Password=%DbPassword%'''
Database.Connect.Connect ConnectionString: ConnStr Connection=> Conn`,
    },
    {
      name: 'input marked sensitive in the flow schema (format: password)',
      solution: {
        desktopFlows: [{
          name: 'Mailer',
          inputs: [{ name: 'Input_SmtpPassword', sensitive: true }],
          script: `${DEF}${input('Input_SmtpPassword')}
Email.SendEmail.AuthenticateAndSend SMTPServer: SmtpServer Port: 587 EnableSSL: True Username: SmtpUser Password: Input_SmtpPassword ${SEND}`,
        }],
      },
    },
    {
      name: 'copied script: a password from outside the copy is not judged',
      script: `Email.SendEmail.AuthenticateAndSend SMTPServer: Input_SMTPObject['Server'] Port: Input_SMTPObject['Port'] EnableSSL: True Username: Input_SMTPObject['Username'] Password: Input_SMTPObject['Password'] ${SEND}`,
    },
    {
      name: 'copied script: a variable read before it is assigned came from outside',
      script: `Email.SendEmail.AuthenticateAndSend SMTPServer: SmtpServer Port: 587 EnableSSL: True Username: SmtpUser Password: SmtpPwd ${SEND}
SET SmtpPwd TO ''`,
    },
    {
      name: 'sensitive data that is not a secret does not make derived variables secret',
      script: `${DEF}@SENSITIVE: [Input_EmailRecipient, Input_WorkItemData]
${input('Input_EmailRecipient')}
${input('Input_WorkItemData', 'CustomObject')}
SET Recipients TO $'''%Input_EmailRecipient%;ops@contoso.com'''
SET OrderId TO Input_WorkItemData['OrderId']`,
    },
    {
      name: 'names about passwords are not secrets',
      script: `${DEF}SET PasswordLength TO 12
SET PasswordField TO $'''#pwd'''
SET PasswordExpiryDays TO Input_Policy['Days']`,
    },
    {
      name: 'a secret-named variable only ever emptied',
      script: `${DEF}SET Password TO ''
SET ApiKey TO $''''''`,
    },
    {
      name: 'copied script: flow outputs and subflow parameters come from outside',
      script: `${CYBERARK('Output_VaultPassword')}
SET out_Password TO Output_VaultPassword`,
    },
    {
      name: 'Secret environment variable read in the flow is sensitive by type',
      solution: {
        environmentVariables: [{ schemaName: 'cr1a2_SftpPassword', displayName: 'SFTP password', type: 100000005, secretStore: 0 }],
        desktopFlows: [{
          name: 'Uploader',
          script: `${DEF}PowerAutomateEnvironment.GetEnvironmentVariable Name: 'cr1a2_SftpPassword' Value=> SftpPassword
FTP.OpenSecureConnection.ConnectWithSftpUsernameAndPassword Host: SftpHost Port: 22 Username: $'''rpa''' Password: SftpPassword FtpConnection=> Sftp`,
        }],
      },
    },
    {
      name: 'a single-line input dialog is not a password',
      script: `${DEF}Display.InputDialog Title: $'''Invoice''' Message: $'''Enter the invoice number''' InputType: Display.InputType.SingleLine IsTopMost: True UserInput=> UserInput ButtonPressed=> Pressed`,
    },
    {
      name: 'a config file whose password is read into a sensitive variable: the file and its object are containers',
      script: `${DEF}@SENSITIVE: [CarrierHubPassword]
${READ_CONFIG}
SET CarrierHubUrl TO FreightConfig['carrierHub']['url']
SET CarrierHubPassword TO FreightConfig['carrierHub']['password']
${TYPE_PASSWORD('CarrierHubPassword')}`,
    },
    {
      name: 'rows of a table whose password column is read into a sensitive variable: the table and the row are containers',
      script: `${DEF}@SENSITIVE: [SftpPassword]
Excel.ReadFromExcel.ReadAllCells Instance: Workbook ReadAsText: True FirstLineIsHeader: True RangeValue=> Accounts
LOOP FOREACH Account IN Accounts
    SET SftpPassword TO Account['Password']
    FTP.OpenSecureConnection.ConnectWithSftpUsernameAndPassword Host: Account['Host'] Port: 22 Username: Account['User'] Password: SftpPassword FtpConnection=> Sftp
END`,
    },
    {
      name: 'an element of a list read into a sensitive variable: the list is a container',
      script: `${DEF}@SENSITIVE: [ApiKey]
Text.SplitText.Split Text: KeyFileText StandardDelimiter: Text.StandardDelimiter.NewLine DelimiterTimes: 1 Result=> KeyLines
SET ApiKey TO KeyLines[0]
Web.InvokeWebService.InvokeWebService Url: ApiUrl Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''x-api-key: %ApiKey%''' ResponseHeaders=> Headers Response=> Body StatusCode=> Status`,
    },
    {
      name: 'a column of a data row used as a PDF password (a birth date) is a datum of the record: the row is a container, not a holder',
      script: `${DEF}@SENSITIVE: [PdfOwnerPassword]
${CYBERARK('PdfOwnerPassword')}
Excel.ReadFromExcel.ReadAllCells Instance: EmployeeBook ReadAsText: True FirstLineIsHeader: True RangeValue=> Employees
LOOP FOREACH Employee IN Employees
    Pdf.EncryptPdf.EncryptPdf PDFFile: EmployeePdf UserPassword: Employee['BirthDate'] OwnerPassword: PdfOwnerPassword EncryptedPDFPath: EmployeePdf.FullName IfFileExists: Pdf.IfFileExists.Overwrite EncryptedPDF=> ProtectedPdf
END`,
    },
    {
      name: 'roles from meaning: a user name typed into a box the recorder named after the Password: label is not a secret',
      script: `${DEF}SET Username TO $'''svc-portal-bot'''
UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Login']['Edit \\'Password:\\''] Text: Username Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick`,
    },
    {
      name: 'the length of a password is not the password',
      script: `${DEF}@SENSITIVE: [Pwd]
${CYBERARK('Pwd')}
Text.GetTextLength Text: Pwd Length=> PwdChars`,
    },
  ],
  invalid: [
    {
      name: 'CyberArk password output into a variable that is not sensitive',
      script: `${DEF}${CYBERARK('DbPassword')}
Database.Connect.Connect ConnectionString: $'''Server=%DbServer%;Database=Sales;User Id=svc_rpa;Password=%DbPassword%''' Connection=> Conn`,
      errors: [{ text: 'DbPassword', element: 'DbPassword', severity: 'error', message: /^Variable DbPassword carries a secret \(it receives the CyberArk password from Cyberark\.GetPassword\.GetPassword\) but is not marked sensitive; add it to @SENSITIVE/ }],
    },
    {
      name: 'sensitivity does not inherit: a sensitive password built into a connection string',
      script: `${DEF}@SENSITIVE: [DbPwd]
${CYBERARK('DbPwd')}
SET ConnStr TO $'''Server=%DbServer%;Database=Sales;User Id=svc_rpa;Password=%DbPwd%'''
Database.Connect.Connect ConnectionString: ConnStr Connection=> Conn`,
      errors: [{ text: 'ConnStr', message: /^Variable ConnStr carries a secret \(it is built from the secret DbPwd\)/ }],
    },
    {
      name: 'Cred.Password copied into a text variable',
      script: `${DEF}PowerAutomateSecretVariables.GetCredential Credential: 'SAP' Timeout: 0 Credential=> SapCred
SET SapPassword TO SapCred.Password
SAP.SapLogin.SapLogInOptionSingle Server: SapServer Client: $'''100''' Username: SapCred.Username Password: SapPassword Language: $'''EN''' SapInstance=> Sap`,
      errors: [{ text: 'SapPassword', message: /^Variable SapPassword carries a secret \(it is built from the secret SapCred\.Password\)/ }],
    },
    {
      name: 'secret input that is not sensitive, reported at its declaration',
      script: `${DEF}${input('Input_ApiKey')}
Web.InvokeWebService.InvokeWebService Url: ApiUrl Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''x-api-key: %Input_ApiKey%''' ResponseHeaders=> Headers Response=> Body StatusCode=> Status`,
      errors: [{ text: 'Input_ApiKey', element: 'Input_ApiKey', message: /^Input Input_ApiKey carries a secret/ }],
    },
    {
      name: 'copied script: a password variable born in the copy is a warning',
      script: `SET Pwd TO Input_SMTPObject['Password']
Email.SendEmail.AuthenticateAndSend SMTPServer: Input_SMTPObject['Server'] Port: 587 EnableSSL: True Username: Input_SMTPObject['Username'] Password: Pwd ${SEND}`,
      errors: [{ text: 'Pwd', severity: 'warning', message: /^Variable Pwd carries a secret \(it is used as Password of Email\.SendEmail\.AuthenticateAndSend\); a copied script cannot show whether it is sensitive: mark it sensitive in the designer/ }],
    },
    {
      name: 'decrypted text',
      script: `${DEF}Cryptography.DecryptText.DecryptTextWithAES EncryptedText: CipherText Encoding: Cryptography.EncryptionEncoding.UTF8 EncryptionKey: AesKey Padding: Cryptography.EncryptionPadding.PKCS7 KeySize: Cryptography.EncryptionKeySize.Bits256 UseSalt: True Salt: Salt UseInitializationVector: False DecryptedText=> PlainText
SET LoginSecret TO PlainText`,
      errors: [
        { text: 'PlainText', message: /receives decrypted text from Cryptography\.DecryptText\.DecryptTextWithAES/ },
        { text: 'LoginSecret', message: /built from the secret PlainText/ },
      ],
    },
    {
      name: 'password read from Excel and passed to a secret argument',
      script: `${DEF}Excel.ReadFromExcel.ReadCell Instance: ExcelInstance StartColumn: 2 StartRow: 5 ReadAsText: True CellValue=> FtpSecretValue
FTP.OpenSecureConnection.ConnectWithFtpsExplicit Host: FtpHost Port: 21 Username: $'''rpa''' Password: FtpSecretValue FtpConnection=> Ftp`,
      errors: [{ text: 'FtpSecretValue', message: /it is used as Password of FTP\.OpenSecureConnection\.ConnectWithFtpsExplicit/ }],
    },
    {
      name: 'output declared without sensitivity',
      script: `${DEF}@OUTPUT Output_Token : { 'Description': 'Access token', 'FriendlyName': 'Output_Token', 'Type': 'String' }
Web.InvokeWebService.InvokeWebService Url: TokenEndpoint Method: Web.Method.Post Accept: $'''application/json''' ContentType: $'''application/x-www-form-urlencoded''' RequestBody: Form ResponseHeaders=> Headers Response=> TokenResponse StatusCode=> Status
Variables.ConvertJsonToCustomObject Json: TokenResponse CustomObject=> TokenObject
SET Output_Token TO TokenObject['access_token']`,
      // TokenObject is only the container the token is read out of: Output_Token holds it.
      errors: [{ text: 'Output_Token', element: 'Output_Token', message: /^Output Output_Token carries a secret \(it is built from the secret TokenObject\.access_token\)/ }],
    },
    {
      name: 'secret interpolated into a log line',
      script: `${DEF}@SENSITIVE: [VaultPwd]
${CYBERARK('VaultPwd')}
SET LogLine TO $'''Connecting as svc_rpa with %VaultPwd%'''
File.WriteText File: LogFile TextToWrite: LogLine AppendNewLine: True IfFileExists: File.IfFileExists.Append Encoding: File.FileEncoding.UTF8`,
      errors: [{ text: 'LogLine', message: /built from the secret VaultPwd/ }],
    },
    {
      name: 'solution flow: input reaching Password, schema without format: password',
      solution: {
        desktopFlows: [{
          name: 'Mailer',
          inputs: [{ name: 'Input_MailLogin', type: 'object' }],
          script: `${DEF}${input('Input_MailLogin', 'CustomObject')}
Email.SendEmail.AuthenticateAndSend SMTPServer: SmtpServer Port: 587 EnableSSL: True Username: Input_MailLogin['User'] Password: Input_MailLogin['Secret'] ${SEND}`,
        }],
      },
      errors: [{ text: 'Input_MailLogin', message: /it is used as Password of Email\.SendEmail\.AuthenticateAndSend/ }],
    },
    {
      name: 'a password typed by the user in an input dialog',
      script: `${DEF}Display.InputDialog Title: $'''Sign in''' Message: $'''Enter the ERP password''' InputType: Display.InputType.Password IsTopMost: True UserInput=> UserInput ButtonPressed=> Pressed`,
      errors: [{ text: 'UserInput', message: /^Variable UserInput carries a secret \(it receives a password typed in an input dialog from Display\.InputDialog\)/ }],
    },
    {
      name: 'secret passed through a subflow parameter into a variable',
      script: `${DEF}@SENSITIVE: [Pwd]
${CYBERARK('Pwd')}
CALL Connect in_loc_Pwd: Pwd out_loc_Conn=> Conn
SET Copy TO in_loc_Pwd`,
      errors: [{ text: 'Copy', message: /built from the secret in_loc_Pwd/ }],
    },
    {
      name: 'Text.Replace that does not mask still carries the secret',
      script: `${DEF}@SENSITIVE: [DbPwd, ConnStr]
${CYBERARK('DbPwd')}
SET ConnStr TO $'''Server=%DbServer%;Database=Sales;User Id=svc_rpa;Password=%DbPwd%'''
Text.Replace Text: ConnStr TextToFind: $'''Sales''' IsRegEx: False IgnoreCase: True ReplaceWith: $'''SalesArchive''' ActivateEscapeSequences: False Result=> ArchiveConnection`,
      errors: [{ text: 'ArchiveConnection', message: /^Variable ArchiveConnection carries a secret \(it is built from the secret ConnStr\)/ }],
    },
    {
      name: 'a password read out of a config file: reported at the variable that holds it, not at the file or its object',
      script: `${DEF}${READ_CONFIG}
SET CarrierHubUrl TO FreightConfig['carrierHub']['url']
SET CarrierHubPassword TO FreightConfig['carrierHub']['password']
${TYPE_PASSWORD('CarrierHubPassword')}`,
      errors: [{ text: 'CarrierHubPassword', element: 'CarrierHubPassword', message: /^Variable CarrierHubPassword carries a secret \(it is used as Text \(typed into a password field\) of WebAutomation\.PopulateTextField\.PopulateTextField\)/ }],
    },
    {
      name: 'a property of a config object going straight into the secret argument: the object holds it (not the file)',
      script: `${DEF}${READ_CONFIG}
${TYPE_PASSWORD("FreightConfig['carrierHub']['password']")}`,
      errors: [{ text: 'FreightConfig', element: 'FreightConfig', message: /^Variable FreightConfig carries a secret \(it is used as Text \(typed into a password field\)/ }],
    },
    {
      name: 'a column of a data row copied into a variable before it becomes a PDF password: the variable holds it',
      script: `${DEF}Excel.ReadFromExcel.ReadAllCells Instance: EmployeeBook ReadAsText: True FirstLineIsHeader: True RangeValue=> Employees
LOOP FOREACH Employee IN Employees
    SET PdfOpenPassword TO Employee['BirthDate']
    Pdf.EncryptPdf.EncryptPdf PDFFile: EmployeePdf UserPassword: PdfOpenPassword OwnerPassword: PdfOpenPassword EncryptedPDFPath: EmployeePdf.FullName IfFileExists: Pdf.IfFileExists.Overwrite EncryptedPDF=> ProtectedPdf
END`,
      errors: [{ text: 'PdfOpenPassword', element: 'PdfOpenPassword', message: /^Variable PdfOpenPassword carries a secret/ }],
    },
    {
      name: 'a config password built into a connection string: the connection string holds it, not the config',
      script: `${DEF}${READ_CONFIG}
SET ConnStr TO $'''Server=%FreightConfig['db']['server']%;Database=Freight;User Id=svc_rpa;Password=%FreightConfig['db']['password']%'''
Database.Connect.Connect ConnectionString: ConnStr Connection=> Conn`,
      errors: [{ text: 'ConnStr', element: 'ConnStr', message: /^Variable ConnStr carries a secret \(it is built from the secret FreightConfig\.db\)/ }],
    },
    {
      name: 'a column of a table row going straight into Password: the row holds it (not the table)',
      script: `${DEF}Excel.ReadFromExcel.ReadAllCells Instance: Workbook ReadAsText: True FirstLineIsHeader: True RangeValue=> Accounts
LOOP FOREACH Account IN Accounts
    FTP.OpenSecureConnection.ConnectWithSftpUsernameAndPassword Host: Account['Host'] Port: 22 Username: Account['User'] Password: Account['Password'] FtpConnection=> Sftp
END`,
      errors: [{ text: 'Account', element: 'Account', message: /^Variable Account carries a secret \(it is used as Password of FTP\.OpenSecureConnection/ }],
    },
    {
      name: 'a container that came from CyberArk is still reported, as is what is read out of it',
      script: `${DEF}${CYBERARK('VaultJson')}
Variables.ConvertJsonToCustomObject Json: VaultJson CustomObject=> VaultObject
SET SapSecret TO VaultObject['sap']
${SAP_LOGIN('SapSecret')}`,
      errors: [
        { text: 'VaultJson', message: /receives the CyberArk password from Cyberark\.GetPassword\.GetPassword/ },
        { text: 'VaultObject', message: /built from the secret VaultJson/ },
        { text: 'SapSecret', message: /built from the secret VaultObject/ },
      ],
    },
    {
      name: 'a custom object built from a credential password is still reported, as is what is read out of it',
      script: `${DEF}PowerAutomateSecretVariables.GetCredential Credential: 'SAP' Timeout: 0 Credential=> SapCred
SET SapLogin TO { 'User': SapCred.Username, 'Secret': SapCred.Password }
SET SapSecret TO SapLogin['Secret']
${SAP_LOGIN('SapSecret')}`,
      errors: [
        { text: 'SapLogin', message: /^Variable SapLogin carries a secret \(it is built from the secret SapCred\.Password\)/ },
        { text: 'SapSecret', message: /built from the secret SapLogin\.Secret/ },
      ],
    },
    {
      name: 'a secret input object whose password property is copied out is still a secret input',
      script: `${DEF}@SENSITIVE: [SmtpPwd]
${input('Input_SMTPObject', 'CustomObject')}
SET SmtpPwd TO Input_SMTPObject['Password']
Email.SendEmail.AuthenticateAndSend SMTPServer: Input_SMTPObject['Server'] Port: 587 EnableSSL: True Username: Input_SMTPObject['Username'] Password: SmtpPwd ${SEND}`,
      errors: [{ text: 'Input_SMTPObject', element: 'Input_SMTPObject', message: /^Input Input_SMTPObject carries a secret/ }],
    },
    {
      name: 'a conversion of a sensitive container is a secret too (not the other values read out of it)',
      script: `${DEF}@SENSITIVE: [TokenResponse, AccessToken]
Web.InvokeWebService.InvokeWebService Url: TokenUrl Method: Web.Method.Post Accept: $'''application/json''' ContentType: $'''application/x-www-form-urlencoded''' RequestBody: Form ResponseHeaders=> TokenHeaders Response=> TokenResponse StatusCode=> TokenStatus
Variables.ConvertJsonToCustomObject Json: TokenResponse CustomObject=> TokenObject
SET AccessToken TO TokenObject['access_token']
SET ExpiresIn TO TokenObject['expires_in']
Web.InvokeWebService.InvokeWebService Url: ApiUrl Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''Authorization: Bearer %AccessToken%''' ResponseHeaders=> Headers Response=> Body StatusCode=> Status`,
      errors: [{ text: 'TokenObject', element: 'TokenObject', message: /^Variable TokenObject carries a secret \(it is built from the secret TokenResponse\)/ }],
    },
  ],
});
