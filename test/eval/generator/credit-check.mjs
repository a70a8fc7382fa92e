// CreditCheck — `pac solution unpack` layout with settings named <Solution>.<Env>.deploymentsettings.json
// under config/.
import {
  cloudFlowJson, cloudWorkflowXml, customizationsXml, desktopBinaries, desktopStubJson, desktopWorkflowXml, envParam,
  envVarXml, fileBase, guid, hex32, op, p, settingsText, solutionXml, viaReference, XML_DECL,
} from './lib.mjs';

const ROOT = 'solutions/CreditCheck';
const PUBLISHER = { uniqueName: 'contosofinance', displayName: 'Contoso Finance Automation', prefix: 'cc', optionPrefix: 61250 };
const IDS = { evaluate: guid('CreditCheck/evaluate'), bureau: guid('CreditCheck/bureau') };
const MACHINE_GROUP = '3f8a2c6e-9b1d-4e7a-a5c0-8d2f6b4e1c97';

const CONN = {
  dataverse: 'cc_sharedcommondataserviceforapps_2f7a9',
  uiflow: 'cc_shareduiflow_6d3e1',
  keyvault: 'cc_sharedkeyvault_9b4c8',
  teams: 'cc_sharedteams_1a8e5',
  outlook: 'cc_sharedoffice365_4c2d7',
};
const ENV = {
  bureau: ['Bureau Base URL', 'cc_BureauBaseUrl'],
  scoringKey: ['Scoring API Key', 'cc_ScoringApiKey'],
  secretName: ['Key Vault Secret Name', 'cc_KeyVaultSecretName'],
  expiry: ['Password Expiry Days', 'cc_PasswordExpiryDays'],
  tokenEndpoint: ['Token Endpoint', 'cc_TokenEndpoint'],
  reportSite: ['Credit Report Site', 'cc_ReportSite'],
  limit: ['Approval Limit', 'cc_ApprovalLimit'],
  team: ['Risk Team Id', 'cc_RiskTeamId'],
};

const BUREAU = String.raw`@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [In_BureauApiToken, BureauPassword]
@INPUT In_ApplicationId : { 'Description': 'Credit application id.', 'FriendlyName': 'ApplicationId', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT In_CompanyRegNo : { 'Description': 'Company registration number.', 'FriendlyName': 'CompanyRegNo', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT In_BureauApiToken : { 'Description': 'API token of the credit bureau.', 'FriendlyName': 'BureauApiToken', 'Type': 'String', 'IsOptional': True, 'DefaultValue': $'''cb_live_7Hq2Lr9Xw4Ns8Kd3''' } ⟦+cred pad/secret-input-variable: a sensitive input whose default value is a literal token⟧
@INPUT In_CredentialName : { 'Description': 'Get credential entry for the bureau portal.', 'FriendlyName': 'CredentialName', 'Type': 'String', 'IsOptional': True, 'DefaultValue': $'''CREDIT-BUREAU-PORTAL''' } ⟦-cred pad/secret-input-variable: the default is the name of a credential, not a secret⟧
@OUTPUT Out_Score : { 'Description': 'Internal credit score.', 'FriendlyName': 'Score', 'Type': 'Numeric' } 
@OUTPUT Out_ReportFile : { 'Description': 'Bureau report (PDF).', 'FriendlyName': 'ReportFile', 'Type': 'String' } 
# Credit check: bureau report, open exposure from Oracle, internal score.
System.GetEnvironmentVariable.GetEnvironmentVariable Name: $'''COMPUTERNAME''' Value=> ComputerName ⟦-mach pad/hardcoded-machine: reads the machine name at run time⟧
File.GetTempPath TempPath=> TempFolder
Folder.GetSpecialFolder SpecialFolder: Folder.SpecialFolder.UserProfile SpecialFolderPath=> USERPROFILE
SET ScoreCacheDir TO $'''%USERPROFILE%\\Documents\\CreditScores''' ⟦-env pad/environment-specific-path: USERPROFILE is a flow variable from Get special folder, not a literal user-profile path⟧
SET BureauPortal TO $'''https://portal.creditbureau-partner.com/business''' ⟦+env pad/environment-specific-url: the bureau's production portal (the sandbox is sandbox.creditbureau-partner.com)⟧
SET PasswordResetUrl TO $'''https://passwordreset.microsoftonline.com''' ⟦-env pad/environment-specific-url: a global Microsoft endpoint in a variable named like a password⟧
SET XmlSchemaNamespace TO $'''http://www.w3.org/2001/XMLSchema-instance''' ⟦-env pad/environment-specific-url: a namespace URI⟧
SET TokenType TO $'''Bearer''' ⟦-cred pad/sensitive-not-marked: a token type, not a token⟧
SET CertificatePath TO $'''C:\\ProgramData\\RPA\\certs\\rpa-credit.pfx''' ⟦+env pad/environment-specific-path: absolute path of the client certificate; reaches CertificateFilePath⟧
Cyberark.GetPassword.GetPasswordWithFileCertificate ServerAddress: $'''https://pvwa01.corp.contoso.local''' ApplicationId: $'''RPA-CREDIT''' Safe: $'''CREDIT''' Folder: $'''Root''' Object: $'''bureau-portal''' CertificateFilePath: CertificatePath CertificateFilePassword: $'''Cert#File2024''' Timeout: 30 Password=> BureauPassword ⟦+mach pad/hardcoded-machine: CyberArk server pvwa01 (internal host)⟧⟦+cred pad/plaintext-secret: the certificate-file password is written into the action⟧
WebAutomation.LaunchChrome.LaunchChrome Url: BureauPortal WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: True ClearCookies: True WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Web Page \'https://portal.creditbureau-partner.com/business/login\'']['Input text \'user\''] Text: $'''contoso-credit-rpa''' EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace ⟦-cred pad/plaintext-secret: a user name typed into the user box⟧⟦-env pad/environment-specific-url: a URL inside a UI-element selector⟧
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Web Page \'https://portal.creditbureau-partner.com/business/login\'']['Input password \'password\''] Text: BureauPassword EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace ⟦-cred pad/plaintext-secret: a sensitive variable goes to the password box⟧
WebAutomation.Click.Click BrowserInstance: Browser Control: appmask['Web Page \'https://portal.creditbureau-partner.com/business/login\'']['Button \'Log in\''] WaitForPageToLoadTimeout: 60 MouseButton: WebAutomation.MouseButton.Left ClickType: WebAutomation.ClickType.SingleClick HoverMouseOverElement: True ⟦-env pad/environment-specific-url: a URL inside a UI-element selector⟧
IF (WebAutomation.IfWebPageContains.WebPageContainsText BrowserInstance: Browser Text: $'''Password expired''') THEN ⟦-cred pad/plaintext-secret: page text containing the word password⟧
    SET PasswordExpired TO True ⟦-cred pad/sensitive-not-marked: a flag named after the password⟧
    EXIT Code: 3 ErrorMessage: $'''Bureau portal password expired; rotate it in CyberArk safe CREDIT.'''
END
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Web Page \'Business search\'']['Input text \'regno\''] Text: In_CompanyRegNo EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace
WebAutomation.Click.Click BrowserInstance: Browser Control: appmask['Web Page \'Business search\'']['Button \'Search\''] WaitForPageToLoadTimeout: 60 MouseButton: WebAutomation.MouseButton.Left ClickType: WebAutomation.ClickType.SingleClick HoverMouseOverElement: True
WebAutomation.GetDetailsOfElement BrowserInstance: Browser Control: appmask['Web Page \'Business report\'']['Span \'score\''] AttributeName: $'''Own Text''' AttributeValue=> BureauScoreText
Text.ToNumber Text: BureauScoreText Number=> BureauScore
SET ReportFile TO $'''%TempFolder%\\%In_ApplicationId%.pdf''' ⟦-env pad/environment-specific-path: under the temp folder returned at run time⟧
WebAutomation.Click.Click BrowserInstance: Browser Control: appmask['Web Page \'Business report\'']['Link \'Download PDF\''] WaitForPageToLoadTimeout: 60 MouseButton: WebAutomation.MouseButton.Left ClickType: WebAutomation.ClickType.SingleClick HoverMouseOverElement: True
Database.Connect.ConnectOracle ConnectionString: $'''Data Source=ORAPRD;User Id=CREDIT_RO;Password=Or@cle-Cr3dit;''' Connection=> OracleDb ⟦+mach pad/hardcoded-machine: Data Source=ORAPRD names the production Oracle database⟧⟦+cred pad/plaintext-secret: Password= in a literal connection string⟧
Database.ExecuteSqlStatement.Execute Connection: OracleDb Statement: $'''SELECT NVL(SUM(OPEN_AMOUNT), 0) FROM AR.EXPOSURE WHERE REG_NO = \'%In_CompanyRegNo%\'''' Timeout: 30 Result=> Exposure
Database.Close Connection: OracleDb
Scripting.RunPythonScript.RunPythonScript PythonCode: $'''import base64, json, urllib.request ⟦~cc-py-secret⟧⟦~cc-py-host⟧
auth = base64.b64encode(b\"svc_score:Sc0re!Py2024\").decode() ⟦+@cc-py-secret cred pad/plaintext-secret: a service password inside the embedded Python script⟧
req = urllib.request.Request(\"http://scoring.contoso.internal:8443/api/v2/score\", method=\"POST\") ⟦+@cc-py-host mach pad/hardcoded-machine: internal scoring host (.internal) in the embedded Python script⟧
req.add_header(\"Authorization\", \"Basic \" + auth)
req.data = json.dumps({\"bureau\": %BureauScore%, \"exposure\": %Exposure[0][0]%}).encode()
print(json.loads(urllib.request.urlopen(req).read())[\"score\"])''' PythonVersion: Scripting.PythonVersion.Python3 ScriptOutput=> ScoreOutput ScriptError=> ScoreError
DISABLE Web.InvokeWebService.InvokeWebService Url: $'''https://api.creditbureau-partner.com/v1/reports/%In_CompanyRegNo%''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmNfY3JlZGl0IiwiaWF0IjoxNzA0MDY3MjAwfQ.q3X9vB2nL7kR4mT8wZ1yC6hF0jD5sA2gE9uN3pK7rVo''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: True EncodeRequestBody: False UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> ApiHeaders Response=> ApiResponse StatusCode=> ApiStatus ⟦+cred pad/plaintext-secret: a bearer token left in a disabled action is still stored in the definition⟧⟦-env pad/environment-specific-url: a disabled action never runs, so its address does not matter per environment⟧
Web.InvokeWebService.InvokeWebService Url: $'''https://api.contoso-test.com/credit/v1/limits/%In_CompanyRegNo%''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: True EncodeRequestBody: False UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> LimitHeaders Response=> LimitResponse StatusCode=> LimitStatus ⟦+env pad/environment-specific-url: the test limits API hard-coded (left over from testing)⟧
WebAutomation.LaunchChrome.LaunchChrome Url: $'''http://intranet.lan/policies/credit-policy.pdf''' WindowState: WebAutomation.BrowserWindowState.Normal ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> PolicyBrowser ⟦+mach pad/hardcoded-machine: intranet host on the .lan internal domain⟧
File.WriteText File: $'''C:\\Users\\Public\\Documents\\CreditCheck\\audit.log''' TextToWrite: $'''%In_ApplicationId% scored %ScoreOutput% on %ComputerName%''' AppendNewLine: True IfFileExists: File.IfFileExists.Append Encoding: File.FileEncoding.UTF8 ⟦+env pad/environment-specific-path: absolute path under C:\Users\Public⟧
Logging.LogMessage Message: $'''Credit check %In_ApplicationId% done on %ComputerName%; cache in %ScoreCacheDir%''' LogLevel: Logging.LogLevel.InfoLevel
SET Out_Score TO ScoreOutput
SET Out_ReportFile TO ReportFile
WebAutomation.CloseWebBrowser BrowserInstance: PolicyBrowser
WebAutomation.CloseWebBrowser BrowserInstance: Browser
`;

function evaluateFlow() {
  return cloudFlowJson({
    connectionReferences: {
      shared_commondataserviceforapps: viaReference('shared_commondataserviceforapps', CONN.dataverse),
      shared_uiflow: viaReference('shared_uiflow', CONN.uiflow),
      shared_keyvault: viaReference('shared_keyvault', CONN.keyvault),
      shared_teams: viaReference('shared_teams', CONN.teams),
      shared_office365: viaReference('shared_office365', CONN.outlook),
    },
    parameters: Object.fromEntries([
      envParam(...ENV.bureau, 'String', 'https://sandbox.creditbureau-partner.com/api'),
      envParam(...ENV.scoringKey, 'String', ''),
      envParam(...ENV.secretName, 'String', 'bureau-api-token'),
      envParam(...ENV.expiry, 'Int', 14),
      envParam(...ENV.tokenEndpoint, 'String', 'https://login.microsoftonline.com/a1f3c5e7-2b4d-4f6a-8c0e-9d1b3f5a7c2e/oauth2/v2.0/token'),
      envParam(...ENV.reportSite, 'String', 'https://contoso.sharepoint.com/sites/Credit-Dev'),
      envParam(...ENV.limit, 'Int', 50000),
      envParam(...ENV.team, 'String', '2c7e9a1f-4b3d-4f8e-9a6c-0e2d4b8f6a13'),
    ]),
    triggers: {
      When_a_credit_application_is_created: {
        type: 'OpenApiConnectionWebhook',
        inputs: {
          host: { connectionName: 'shared_commondataserviceforapps', operationId: 'SubscribeWebhookTrigger', apiId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' },
          parameters: { 'subscriptionRequest/message': 1, 'subscriptionRequest/entityname': 'cc_creditapplication', 'subscriptionRequest/scope': 4 },
          authentication: "@parameters('$authentication')",
        },
      },
    },
    actions: {
      Initialize_ApiPassword: {
        runAfter: {},
        type: 'InitializeVariable',
        inputs: { variables: [{ name: 'ApiPassword', type: 'string', value: 'Cr3dit-Api#2025⟦+cred cloud/plaintext-secret: a password written into Initialize variable⟧' }] },
      },
      Get_bureau_token: op('shared_keyvault', 'shared_keyvault', 'GetSecret', {
        secretName: `${p(...ENV.secretName)}⟦-cred cloud/unsecured-secret: Key Vault read with secure outputs; the secret name comes from an environment variable⟧`,
      }, { runAfter: { Initialize_ApiPassword: ['Succeeded'] }, runtimeConfiguration: { secureData: { properties: ['outputs'] } } }),
      'Get_bureau_client_secret⟦+cred cloud/unsecured-secret: secure inputs only; the secret value is in the outputs, which stay visible⟧': op('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'PerformUnboundAction', {
        actionName: 'RetrieveEnvironmentVariableSecretValue',
        'item/EnvironmentVariableName': 'cc_bureauclientsecret',
      }, { runAfter: { Get_bureau_token: ['Succeeded'] }, runtimeConfiguration: { secureData: { properties: ['inputs'] } } }),
      'Get_bureau_access_token⟦+cred cloud/unsecured-secret: the client secret is sent in the body but only the outputs are secured⟧': {
        runAfter: { Get_bureau_client_secret: ['Succeeded'] },
        type: 'Http',
        inputs: {
          method: 'POST',
          uri: p(...ENV.tokenEndpoint),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: "client_id=contoso-credit&client_secret=@{body('Get_bureau_client_secret')?['EnvironmentVariableSecretValue']}&grant_type=client_credentials",
        },
        runtimeConfiguration: { secureData: { properties: ['outputs'] } },
      },
      Check_the_bot_machine_group: op('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'GetItem', {
        entityName: 'flowmachinegroups',
        recordId: `${MACHINE_GROUP}⟦+mach cloud/hardcoded-machine: the id of one machine group written into the flow⟧`,
        $select: 'name,flowmachinegroupid',
      }, { runAfter: { Get_bureau_access_token: ['Succeeded'] } }),
      'Run_Credit_Check_-_Query_Credit_Bureau': op('shared_uiflow', 'shared_uiflow', 'RunUIFlow_V2', {
        uiFlowId: IDS.bureau,
        runMode: 'unattended',
        runPriority: 'normal',
        'item/In_ApplicationId': "@triggerOutputs()?['body/cc_creditapplicationid']",
        'item/In_CompanyRegNo': "@triggerOutputs()?['body/cc_regno']",
        'item/In_BureauApiToken': "@body('Get_bureau_token')?['value']⟦-cred cloud/unsecured-secret: the sensitive input is passed with secure inputs on⟧",
        'item/In_CredentialName': 'CREDIT-BUREAU-PORTAL⟦-cred cloud/plaintext-secret: the name of a credential⟧',
      }, { runAfter: { Check_the_bot_machine_group: ['Succeeded'] }, runtimeConfiguration: { secureData: { properties: ['inputs'] } } }),
      Parse_bureau_result: {
        runAfter: { 'Run_Credit_Check_-_Query_Credit_Bureau': ['Succeeded'] },
        type: 'ParseJson',
        inputs: {
          content: "@body('Run_Credit_Check_-_Query_Credit_Bureau')",
          schema: { type: 'object', properties: { Out_Score: { type: 'number' }, Out_ReportFile: { type: 'string' }, lastPasswordChange: { type: 'string' } } },
        },
      },
      Score_with_Azure_Function: {
        runAfter: { Parse_bureau_result: ['Succeeded'] },
        type: 'Http',
        inputs: {
          method: 'POST',
          uri: 'https://func-credit-scoring-prd.azurewebsites.net/api/score?code=Xk3v9Lq2Rm8Tn4Wp7Ys1Zb6Cd0Fg5Hj3Kl9Mn2Pq8Rs4Tu7Vw1Xy==⟦+cred cloud/plaintext-secret: the function key (code=) is in the URI⟧⟦+env cloud/environment-specific-value: the production Function App host⟧',
          body: { score: "@body('Parse_bureau_result')?['Out_Score']", password: "@{variables('ApiPassword')}" },
        },
        runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } },
      },
      Score_with_the_fallback_model: {
        runAfter: { Score_with_Azure_Function: ['Failed'] },
        type: 'Http',
        inputs: {
          method: 'POST',
          uri: `@{parameters('Bureau Base URL (cc_BureauBaseUrl)')}/score⟦-env cloud/environment-specific-value: the host comes from an environment variable⟧`,
          headers: { 'x-api-key': p(...ENV.scoringKey) },
          body: { score: "@body('Parse_bureau_result')?['Out_Score']" },
        },
        runtimeConfiguration: { secureData: { properties: ['inputs'] } },
      },
      Notify_the_risk_flow: {
        runAfter: { Score_with_the_fallback_model: ['Succeeded', 'Skipped'] },
        type: 'Http',
        inputs: {
          method: 'POST',
          uri: 'https://prod-23.westeurope.logic.azure.com:443/workflows/8e1c4a7f2d9b4e6a/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=AbC9dEf2GhI5jKl8MnO1pQr4StU7vWx0YzA3bCd6EfG⟦+cred cloud/plaintext-secret: the sig= of another flow\'s HTTP trigger is a shared-access key⟧⟦+env cloud/environment-specific-value: the trigger URL of a flow in one environment⟧',
          body: { application: "@triggerOutputs()?['body/cc_creditapplicationid']" },
        },
        runtimeConfiguration: { secureData: { properties: ['inputs'] } },
      },
      List_risk_approvers: {
        runAfter: { Notify_the_risk_flow: ['Succeeded'] },
        type: 'Http',
        inputs: {
          method: 'GET',
          uri: "https://graph.microsoft.com/v1.0/groups/@{parameters('Risk Team Id (cc_RiskTeamId)')}/members⟦-env cloud/environment-specific-value: Microsoft Graph is global; the group comes from an environment variable⟧",
          authentication: { type: 'ManagedServiceIdentity', audience: 'https://graph.microsoft.com⟦-cred cloud/unsecured-secret: managed identity, no secret to protect⟧' },
        },
      },
      Update_the_application: op('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'UpdateRecord', {
        entityName: 'cc_creditapplications',
        recordId: "@triggerOutputs()?['body/cc_creditapplicationid']",
        'item/cc_score': "@body('Parse_bureau_result')?['Out_Score']",
        'item/cc_reporturl': "https://contoso.sharepoint.com/sites/Credit/Reports/@{triggerOutputs()?['body/cc_creditapplicationid']}.pdf⟦+env cloud/environment-specific-value: SharePoint site of one environment written into the report link⟧",
      }, { runAfter: { List_risk_approvers: ['Succeeded'] } }),
      Bureau_password_expired: {
        runAfter: { Update_the_application: ['Succeeded'] },
        type: 'If',
        expression: { equals: ["@body('Parse_bureau_result')?['Out_Status']", 'PasswordExpired⟦-cred cloud/plaintext-secret: a status value⟧'] },
        actions: {
          Tell_the_bot_owners: op('shared_office365', 'shared_office365', 'SendEmailV2', {
            'emailMessage/To': 'credit-rpa-owners@contoso.com',
            'emailMessage/Subject': 'Credit bureau password expired',
            'emailMessage/Body': "<p>The bureau portal password expires every @{parameters('Password Expiry Days (cc_PasswordExpiryDays)')} days. Reset your own password at https://aka.ms/sspr; reports are in @{parameters('Credit Report Site (cc_ReportSite)')}.</p>⟦-env cloud/environment-specific-value: a global short link and a site from an environment variable in an e-mail⟧",
          }, { runAfter: {} }),
        },
        else: { actions: {} },
      },
      Post_card_to_the_risk_team: op('shared_teams', 'shared_teams', 'PostCardToConversation', {
        poster: 'Flow bot',
        location: 'Chat with Flow bot',
        'body/recipient': "@{parameters('Risk Team Id (cc_RiskTeamId)')}",
        'body/messageBody': JSON.stringify({
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [{ type: 'TextBlock', text: "Application @{triggerOutputs()?['body/cc_name']} scored @{body('Parse_bureau_result')?['Out_Score']} (limit @{parameters('Approval Limit (cc_ApprovalLimit)')})" }],
        }) + '⟦-env cloud/environment-specific-value: the adaptive-card schema URL⟧',
      }, { runAfter: { Bureau_password_expired: ['Succeeded'] } }),
    },
  });
}

export default function build(ctx) {
  const wf = (name, id) => `Workflows/${fileBase(name, id)}.json`;
  const evaluate = { name: 'Credit Check - Evaluate Application', id: IDS.evaluate };
  const bureau = { name: 'Credit Check - Query Credit Bureau', id: IDS.bureau };
  evaluate.json = wf(evaluate.name, evaluate.id);
  bureau.json = wf(bureau.name, bureau.id);

  ctx.file(`${ROOT}/${evaluate.json}`, evaluateFlow());
  ctx.file(`${ROOT}/${evaluate.json}.data.xml`, `${XML_DECL}\n${cloudWorkflowXml({ ...evaluate, jsonName: evaluate.json.slice(10) })}\n`);
  const inputs = [
    { name: 'In_ApplicationId', friendlyName: 'ApplicationId' },
    { name: 'In_CompanyRegNo', friendlyName: 'CompanyRegNo' },
    { name: 'In_BureauApiToken', friendlyName: 'BureauApiToken', sensitive: true, optional: true, default: 'cb_live_7Hq2Lr9Xw4Ns8Kd3' },
    { name: 'In_CredentialName', friendlyName: 'CredentialName', optional: true, default: 'CREDIT-BUREAU-PORTAL' },
  ];
  const outputs = [{ name: 'Out_Score', friendlyName: 'Score', type: 'number' }, { name: 'Out_ReportFile', friendlyName: 'ReportFile' }];
  const sidecar = `${ROOT}/${bureau.json}.data.xml`;
  const script = ctx.script(BUREAU, { flow: bureau.name, file: sidecar });
  const bins = desktopBinaries(bureau.id, 'CreditCheck/bureau');
  for (const [rel, content] of Object.entries(bins.files)) ctx.file(`${ROOT}/${rel}`, content);
  ctx.file(`${ROOT}/${bureau.json}`, desktopStubJson(inputs, outputs) + '\n');
  ctx.file(sidecar, `${XML_DECL}\n${desktopWorkflowXml({ ...bureau, jsonName: bureau.json.slice(10), script, inputs, outputs, binaries: bins.ids })}\n`);

  ctx.file(`${ROOT}/Other/Customizations.xml`, customizationsXml({
    connectionReferences: [
      { logicalName: CONN.dataverse, displayName: 'Credit Check - Dataverse', connector: 'shared_commondataserviceforapps' },
      { logicalName: CONN.uiflow, displayName: 'Credit Check - Desktop flows', connector: 'shared_uiflow' },
      { logicalName: CONN.keyvault, displayName: 'Credit Check - Azure Key Vault', connector: 'shared_keyvault' },
      { logicalName: CONN.teams, displayName: 'Credit Check - Microsoft Teams', connector: 'shared_teams' },
      { logicalName: CONN.outlook, displayName: 'Credit Check - Office 365 Outlook', connector: 'shared_office365' },
    ],
  }));
  const envVars = [
    { schemaName: 'cc_BureauBaseUrl', displayName: ENV.bureau[0], type: 'String' },
    { schemaName: 'cc_ScoringApiKey', displayName: ENV.scoringKey[0], type: 'String', description: 'API key of the fallback scoring model.', mark: '⟦+@cc-scoring-key cred solution/secret-env-var-as-text: an API key kept in a Text environment variable⟧', typeMark: '⟦~cc-scoring-key⟧' },
    { schemaName: 'cc_KeyVaultSecretName', displayName: ENV.secretName[0], type: 'String', description: 'Name of the Key Vault secret that holds the bureau token.', mark: '⟦-cred solution/secret-env-var-as-text: holds the name of a secret, not the secret⟧' },
    { schemaName: 'cc_PasswordExpiryDays', displayName: ENV.expiry[0], type: 'Number', defaultValue: '90', mark: '⟦-cred solution/secret-env-var-as-text: a number of days named after the password policy⟧' },
    { schemaName: 'cc_TokenEndpoint', displayName: ENV.tokenEndpoint[0], type: 'String', description: 'OAuth token endpoint.', mark: '⟦-cred solution/secret-env-var-as-text: an endpoint address named like a token⟧' },
    { schemaName: 'cc_ReportSite', displayName: ENV.reportSite[0], type: 'String' },
    { schemaName: 'cc_ApprovalLimit', displayName: ENV.limit[0], type: 'Number', defaultValue: '50000' },
    { schemaName: 'cc_RiskTeamId', displayName: ENV.team[0], type: 'String' },
    { schemaName: 'cc_BureauClientSecret', displayName: 'Bureau Client Secret', type: 'Secret', description: 'OAuth client secret of the bureau API (Key Vault).' },
  ];
  for (const v of envVars) ctx.file(`${ROOT}/environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`, envVarXml(v));
  ctx.file(`${ROOT}/Other/Solution.xml`, solutionXml({
    uniqueName: 'CreditCheck', displayName: 'Credit Check', version: '1.0.9.2', publisher: PUBLISHER,
    description: 'Credit checks for new business customers: bureau report, exposure and score.',
    rootComponents: [{ type: 29, id: evaluate.id }, { type: 29, id: bureau.id }, ...envVars.map(v => ({ type: 380, schemaName: v.schemaName }))],
  }));

  const kv = (env, sub) => `/subscriptions/${sub}/resourceGroups/rg-credit-${env}/providers/Microsoft.KeyVault/vaults/kv-contoso-credit-${env}/secrets/bureau-client-secret`;
  const values = {
    Dev: {
      cc_BureauBaseUrl: 'https://sandbox.creditbureau-partner.com/api', cc_ScoringApiKey: '#{cc.ScoringApiKey}#', cc_KeyVaultSecretName: 'bureau-api-token',
      cc_PasswordExpiryDays: '90', cc_TokenEndpoint: 'https://login.microsoftonline.com/a1f3c5e7-2b4d-4f6a-8c0e-9d1b3f5a7c2e/oauth2/v2.0/token',
      cc_ReportSite: 'https://contoso.sharepoint.com/sites/Credit-Dev', cc_ApprovalLimit: '10000', cc_RiskTeamId: '2c7e9a1f-4b3d-4f8e-9a6c-0e2d4b8f6a13',
      cc_BureauClientSecret: kv('dev', '2f5c8a91-7d3e-4b6a-9c1f-0e8d7b6a5c43'),
    },
    Test: {
      cc_BureauBaseUrl: 'https://sandbox.creditbureau-partner.com/api⟦-alm settings/environment-bleed: the bureau offers only a sandbox and production; non-production environments must use its sandbox⟧', cc_ScoringApiKey: '#{cc.ScoringApiKey}#', cc_KeyVaultSecretName: 'bureau-api-token',
      cc_PasswordExpiryDays: '90', cc_TokenEndpoint: 'https://login.microsoftonline.com/a1f3c5e7-2b4d-4f6a-8c0e-9d1b3f5a7c2e/oauth2/v2.0/token',
      cc_ReportSite: 'https://contoso.sharepoint.com/sites/Credit-Test', cc_ApprovalLimit: '50000', cc_RiskTeamId: '7a4c1e9d-3f2b-4d6a-8e0c-5b9f1d3a7e26',
      cc_BureauClientSecret: '@KeyVault(vaultName=kv-contoso-credit-test;secretName=bureau-client-secret)⟦+#G alm settings/import-failure: a Key Vault placeholder nobody replaced; the import refuses a Secret value that is not a secret reference⟧⟦-cred: a placeholder naming a vault and a secret, not a secret⟧',
    },
    Prod: {
      cc_BureauBaseUrl: 'https://api.creditbureau-partner.com', cc_ScoringApiKey: '#{cc.ScoringApiKey}#', cc_KeyVaultSecretName: 'bureau-api-token',
      cc_PasswordExpiryDays: '90', cc_TokenEndpoint: 'https://login.microsoftonline.com/a1f3c5e7-2b4d-4f6a-8c0e-9d1b3f5a7c2e/oauth2/v2.0/token',
      cc_ReportSite: 'https://contoso.sharepoint.com/sites/Credit-UAT⟦+alm settings/environment-bleed: Prod links reports to the UAT site⟧', cc_ApprovalLimit: '50000', cc_RiskTeamId: '9e1b5d3a-7c2f-4a8e-b4d6-1f3a5c7e9b02',
      cc_BureauClientSecret: kv('prod', '7a1e3c5b-9d2f-4e8a-b6c0-1f3e5d7b9a2c'),
    },
  };
  for (const [env, v] of Object.entries(values)) {
    ctx.file(`${ROOT}/config/CreditCheck.${env}.deploymentsettings.json`, settingsText({
      EnvironmentVariables: Object.entries(v).map(([SchemaName, Value]) => ({ SchemaName, Value })),
      ConnectionReferences: Object.entries(CONN).map(([k, LogicalName]) => ({
        LogicalName, ConnectionId: hex32(`cc-${k}-${env}`),
        ConnectorId: `/providers/Microsoft.PowerApps/apis/shared_${{ dataverse: 'commondataserviceforapps', uiflow: 'uiflow', keyvault: 'keyvault', teams: 'teams', outlook: 'office365' }[k]}`,
      })),
    }) + '\n');
  }
}
