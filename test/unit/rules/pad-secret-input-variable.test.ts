import rule from '../../../server/src/rules/pad/secret-input-variable';
import { ruleTester } from '../../support/rule-tester';

const DEF = `@@ConnectionString: ''\n@@Type: 'Local'\n@@DesktopType: 'local'\n@@DisplayName: 'Local computer'\n`;
const SEND = `SendFrom: $'''robot@contoso.com''' SendTo: $'''ops@contoso.com''' Subject: $'''Report''' Body: $'''Done''' IsBodyHtml: False`;
const input = (name: string, type = 'String', dflt = `''`) => `@INPUT ${name} : { 'Description': '', 'FriendlyName': '${name}', 'Type': '${type}', 'IsOptional': False, 'DefaultValue': ${dflt} }`;

ruleTester(rule, {
  valid: [
    {
      name: 'a sensitive recipient list is data, not a credential',
      script: `${DEF}@SENSITIVE: [Input_EmailRecipient]
${input('Input_EmailRecipient')}
Email.SendEmail.Send SMTPServer: SmtpServer Port: 25 EnableSSL: False SendFrom: $'''robot@contoso.com''' SendTo: Input_EmailRecipient Subject: $'''Report''' Body: $'''Done''' IsBodyHtml: False`,
    },
    {
      name: 'a sensitive work-item payload is data',
      script: `${DEF}@SENSITIVE: [Input_WorkItemData]
${input('Input_WorkItemData', 'CustomObject', '{{ }}')}
SET OrderId TO Input_WorkItemData['OrderId']`,
    },
    {
      name: 'a sensitive connection string input is not by itself a credential',
      script: `${DEF}@SENSITIVE: [Input_ConnectionString]
${input('Input_ConnectionString')}
Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: Input_ConnectionString Statement: $'''EXEC usp_GetWorkItem''' Timeout: 180 Result=> Rows`,
    },
    {
      name: 'the name of the credential to fetch with Get credential',
      script: `${DEF}${input('Input_CredentialName', 'String', `'SMTP relay'`)}
PowerAutomateSecretVariables.GetCredential Credential: Input_CredentialName Timeout: 0 Credential=> SmtpCred
Email.SendEmail.AuthenticateAndSend SMTPServer: SmtpServer Port: 587 EnableSSL: True Username: SmtpCred.Username Password: SmtpCred.Password ${SEND}`,
    },
    {
      name: 'roles from meaning: a user-name input typed into a box the recorder named after the Password: label',
      script: `${DEF}@SENSITIVE: [In_strAppUserName]
${input('In_strAppUserName')}
UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Login']['Edit \\'Password:\\''] Text: In_strAppUserName Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick`,
    },
    {
      name: 'inputs about passwords, not holding one',
      script: `${DEF}${input('Input_PasswordLength', 'Numeric', '12')}
${input('Input_SecretName')}
${input('Input_PasswordPolicyUrl')}`,
    },
    {
      name: 'a token-like name that is not marked sensitive is not assumed to be a secret',
      script: `${DEF}${input('Input_Token')}
Text.SplitText.SplitWithDelimiter Text: Input_Line CustomDelimiter: Input_Token IsRegEx: False Result=> Parts`,
    },
    {
      name: 'copied script: inputs come from outside and carry no declaration',
      script: `Email.SendEmail.AuthenticateAndSend SMTPServer: Input_SMTPObject['Server'] Port: 587 EnableSSL: True Username: Input_SMTPObject['Username'] Password: Input_SMTPObject['Password'] ${SEND}`,
    },
    {
      name: 'an input used only for URLs and paths',
      script: `${DEF}${input('Input_URL')}
${input('Input_Folder')}
WebAutomation.LaunchEdge.LaunchEdge Url: Input_URL WindowState: WebAutomation.BrowserWindowState.Normal ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser
Folder.GetFiles Folder: Input_Folder FileFilter: $'''*.pdf''' Files=> Files`,
    },
    {
      name: 'a sensitive input from the flow schema with a data name',
      solution: {
        desktopFlows: [{
          name: 'Invoices',
          inputs: [{ name: 'Input_InvoiceTable', sensitive: true }],
          script: `${DEF}${input('Input_InvoiceTable', 'CustomObject', '{{ }}')}
LOOP FOREACH Row IN Input_InvoiceTable
    SET Total TO Row['Amount']
END`,
        }],
      },
    },
    {
      name: 'sensitive inputs with key and signature in their names are not credentials',
      script: `${DEF}@SENSITIVE: [Input_WorkItemKey, Input_EmailSignature]
${input('Input_WorkItemKey')}
${input('Input_EmailSignature')}`,
    },
    {
      name: 'an input whose property is a user name',
      script: `${DEF}${input('Input_Login', 'CustomObject', '{{ }}')}
PowerAutomateSecretVariables.GetCredential Credential: Input_Login['CredentialName'] Timeout: 0 Credential=> Cred
SAP.SapLogin.SapLogInOptionSingle Server: SapServer Client: $'''100''' Username: Input_Login['User'] Password: Cred.Password Language: $'''EN''' SapInstance=> Sap`,
    },
  ],
  invalid: [
    {
      name: 'roles from meaning: an input sent to a terminal field labelled Password is a secret input',
      script: `${DEF}${input('Input_Tso')}
TerminalEmulation.SetTextOnTerminalSession.SetTextOnFieldWithLabel Session: TerminalSession Text: Input_Tso FieldLabel: $'''Password''' TreatAtCharacterAsLiteral: False`,
      errors: [{ text: 'Input_Tso', message: /it is used as Text \(typed into a password field\) of TerminalEmulation\.SetTextOnTerminalSession\.SetTextOnFieldWithLabel/ }],
    },
    {
      name: 'an input named like a password',
      script: `${DEF}@SENSITIVE: [Input_SapPassword]
${input('Input_SapPassword')}`,
      errors: [{ text: 'Input_SapPassword', element: 'Input_SapPassword', message: /^Input Input_SapPassword brings a secret into the flow \(its name says it is a credential\); retrieve the secret inside the flow with the Get credential action/ }],
    },
    {
      name: 'a custom-object input whose property reaches Password (SMTP settings)',
      script: `${DEF}@SENSITIVE: [Input_SMTPObject]
${input('Input_SMTPObject', 'CustomObject', '{{ }}')}
Email.SendEmail.AuthenticateAndSend SMTPServer: Input_SMTPObject['Server'] Port: Input_SMTPObject['Port'] EnableSSL: True Username: Input_SMTPObject['Username'] Password: Input_SMTPObject['Password'] ${SEND}`,
      errors: [{ text: 'Input_SMTPObject', message: /\(it is used as Password of Email\.SendEmail\.AuthenticateAndSend\)/ }],
    },
    {
      name: 'sensitive and named like a credential',
      script: `${DEF}@SENSITIVE: [Input_Token]
${input('Input_Token')}`,
      errors: [{ text: 'Input_Token', message: /it is marked sensitive and named like a credential/ }],
    },
    {
      name: 'a sensitive input called just Key',
      script: `${DEF}@SENSITIVE: [In_strKey]
${input('In_strKey')}`,
      errors: [{ text: 'In_strKey', message: /marked sensitive and named like a credential/ }],
    },
    {
      name: 'format: password in the solution schema and a credential-like name',
      solution: {
        desktopFlows: [{
          name: 'Card payments',
          inputs: [{ name: 'Input_CardPin', sensitive: true }],
          script: `${DEF}${input('Input_CardPin')}`,
        }],
      },
      errors: [{ text: 'Input_CardPin', message: /marked sensitive and named like a credential/ }],
    },
    {
      name: 'a secret input with a literal default value',
      script: `${DEF}@SENSITIVE: [Input_DbPassword]
${input('Input_DbPassword', 'String', `$'''Passw0rd!'''`)}`,
      errors: [
        { text: 'Input_DbPassword', message: /its name says it is a credential/ },
        { text: `$'''Passw0rd!'''`, message: /^Input Input_DbPassword is a secret with a literal default value, which is stored in plain text in the flow definition/ },
      ],
      secrets: ['Passw0rd!'],
    },
    {
      name: 'an input that reaches Password through SET and a property',
      script: `${DEF}${input('Input_Login', 'CustomObject', '{{ }}')}
SET FtpPwd TO Input_Login['Pwd']
FTP.OpenSecureConnection.ConnectWithSftpUsernameAndPassword Host: SftpHost Port: 22 Username: Input_Login['User'] Password: FtpPwd FtpConnection=> Sftp`,
      errors: [{ text: 'Input_Login', message: /it is used as Password of FTP\.OpenSecureConnection\.ConnectWithSftpUsernameAndPassword/ }],
    },
    {
      name: 'an input interpolated at the Password= of a connection string',
      script: `${DEF}${input('Input_DbPass')}
Database.Connect.Connect ConnectionString: $'''Server=%DbServer%;Database=Sales;User Id=svc_rpa;Password=%Input_DbPass%''' Connection=> Conn`,
      errors: [{ text: 'Input_DbPass', message: /it is used as Password= of the connection string in ConnectionString of Database\.Connect\.Connect/ }],
    },
    {
      name: 'an API key input used in a header, with a default custom object',
      script: `${DEF}${input('Input_Api', 'CustomObject', `{'Key': $'''k-123456789abc'''}`)}
Web.InvokeWebService.InvokeWebService Url: ApiUrl Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''Ocp-Apim-Subscription-Key: %Input_Api['Key']%''' ResponseHeaders=> Headers Response=> Body StatusCode=> Status`,
      errors: [
        { text: 'Input_Api', message: /it is used as the Ocp-Apim-Subscription-Key header in CustomHeaders of Web\.InvokeWebService\.InvokeWebService/ },
        { text: `{'Key': $'''k-123456789abc'''}`, message: /literal default value/ },
      ],
      secrets: ['k-123456789abc'],
    },
  ],
});
