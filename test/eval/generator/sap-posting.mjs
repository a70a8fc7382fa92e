// SapPosting — a raw extracted solution zip committed as is (solution.xml, customizations.xml with
// every workflow inline, [Content_Types].xml, Workflows/*.json), settings as deploymentSettings-<env>.json.
import {
  settingsText,
  cloudFlowJson, cloudWorkflowXml, customizationsXml, desktopBinaries, desktopStubJson, desktopWorkflowXml, envParam,
  envVarXml, fileBase, guid, hex32, op, p, solutionXml, viaReference,
} from './lib.mjs';

const ROOT = 'solutions/SapPosting';
const SOL = `${ROOT}/SapPosting_1_4_2_0`;
const PUBLISHER = { uniqueName: 'contosofinance', displayName: 'Contoso Finance Automation', prefix: 'sap', optionPrefix: 61250 };

const IDS = {
  nightly: guid('SapPosting/nightly'),
  lookupRequest: guid('SapPosting/lookup-request'),
  post: guid('SapPosting/post'),
  vendor: guid('SapPosting/vendor'),
};
const DATAVERSE_PAD_ID = guid('SapPosting/pad-dataverse');

const CONN = {
  sharepoint: 'sap_sharedsharepointonline_2b8e4',
  filesystem: 'sap_sharedfilesystem_9c3d7',
  dataverse: 'sap_sharedcommondataserviceforapps_6e2d1',
  uiflow: 'sap_shareduiflow_d41f8',
  outlook: 'sap_sharedoffice365_5f0a2',
};

const ENV = {
  site: ['Finance GL Site', 'sap_SharePointSite'],
  library: ['Journal Library', 'sap_JournalLibrary'],
  enabled: ['Posting Enabled', 'sap_PostingEnabled'],
  maxJournals: ['Max Journals Per Run', 'sap_MaxJournalsPerRun'],
  companyCodes: ['Company Codes', 'sap_CompanyCodes'],
  notify: ['GL Notification Address', 'sap_NotifyAddress'],
  server: ['SAP Server', 'sap_SapServer'],
  rfcPwd: ['SAP RFC User Password', 'sap_RfcUserPassword'],
};

// ---------------------------------------------------------------------------------------------

const POST_GL = String.raw`@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [In_SapPassword]
@INPUT In_JournalFile : { 'Description': 'Excel journal to post (path on the bot machine).', 'FriendlyName': 'JournalFile', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT In_SapUser : { 'Description': 'SAP dialog user.', 'FriendlyName': 'SapUser', 'Type': 'String', 'IsOptional': True, 'DefaultValue': $'''RPA_GL_POST''' } ⟦-cred pad/secret-input-variable: a user name with a default value⟧
@INPUT In_SapPassword : { 'Description': 'Password of the SAP dialog user.', 'FriendlyName': 'SapPassword', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ⟦+cred pad/secret-input-variable: the SAP password arrives as an input variable (use Get credential)⟧
@INPUT In_CompanyCode : { 'Description': 'SAP company code.', 'FriendlyName': 'CompanyCode', 'Type': 'String', 'IsOptional': True, 'DefaultValue': $'''1000''' } 
@OUTPUT Out_DocumentNumbers : { 'Description': 'FI document numbers posted.', 'FriendlyName': 'DocumentNumbers', 'Type': 'List' } 
@OUTPUT Out_PostedCount : { 'Description': 'Journals posted.', 'FriendlyName': 'PostedCount', 'Type': 'Numeric' } 
@@regionColor: '#57FFE1'
**REGION Start SAP GUI
SET SapLogonPath TO $'''C:\\Program Files (x86)\\SAP\\FrontEnd\\SAPgui\\saplogon.exe''' ⟦+env pad/environment-specific-path: absolute install path of SAP Logon; reaches RunApplication⟧
System.RunApplication.RunApplication ApplicationPath: SapLogonPath WindowStyle: System.ProcessWindowStyle.Minimized ProcessId=> SapLogonPid
WAIT 5
Web.InvokeWebService.InvokeWebService Url: $'''http://sapprd-ci:8000/sap/public/ping''' Method: Web.Method.Get Accept: $'''text/plain''' ContentType: $'''text/plain''' ConnectionTimeout: 10 FollowRedirection: True ClearCookies: False FailOnErrorStatus: False EncodeRequestBody: False UserAgent: $'''Mozilla/5.0 (Windows NT 10.0; Win64; x64)''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> PingHeaders Response=> PingResponse StatusCode=> PingStatus ⟦+mach pad/hardcoded-machine: SAP central instance sapprd-ci (single-label host) in the ping URL⟧
SAP.SapLogin.SapLogInOptionAdvanced Server: $'''10.12.0.45''' SystemNumber: $'''00''' Client: $'''100''' Username: In_SapUser Password: In_SapPassword Language: $'''EN''' SapInstance=> SapSession ⟦+mach pad/hardcoded-machine: SAP application server addressed by IP⟧
ON ERROR
    EXIT Code: 1 ErrorMessage: $'''SAP logon failed - check that the SAP password of %In_SapUser% has not expired.''' ⟦-cred: an error message about the password⟧
END
**ENDREGION
Excel.LaunchExcel.LaunchAndOpen Path: In_JournalFile Visible: False ReadOnly: True LoadAddInsAndMacros: False Instance=> JournalExcel
Excel.ReadFromExcel.ReadAllCells Instance: JournalExcel ReadAsText: True FirstLineIsHeader: True RangeValue=> JournalLines
Excel.CloseExcel.Close Instance: JournalExcel
Variables.CreateNewList List=> DocumentNumbers
LOOP FOREACH Line IN JournalLines
    Scripting.RunVBScript.RunVBScript VBScriptCode: $'''Set SapGuiAuto = GetObject(\"SAPGUI\") ⟦~sap-vbs-secret⟧
Set App = SapGuiAuto.GetScriptingEngine
Set Session = App.Children(0).Children(0)
If Session.Info.User = \"\" Then
  Session.findById(\"wnd[0]/usr/txtRSYST-BNAME\").Text = \"RPA_GL_POST\"
  Session.findById(\"wnd[0]/usr/pwdRSYST-BCODE\").Text = \"GLpost#2024\" ⟦+@sap-vbs-secret cred pad/plaintext-secret: the SAP password is typed by the embedded VBScript⟧
  Session.findById(\"wnd[0]\").sendVKey 0
End If
Session.findById(\"wnd[0]/tbar[0]/okcd\").Text = \"/nFB50\"
Session.findById(\"wnd[0]\").sendVKey 0
Session.findById(\"wnd[0]/usr/ctxtACGL_HEAD-BUKRS\").Text = \"%In_CompanyCode%\"
Session.findById(\"wnd[0]/usr/ctxtACGL_HEAD-BLDAT\").Text = \"%Line['DocDate']%\"
Session.findById(\"wnd[0]/usr/txtACGL_HEAD-BKTXT\").Text = \"%Line['Text']%\"
Session.findById(\"wnd[0]/tbar[0]/btn[11]\").press
WScript.Echo Session.findById(\"wnd[0]/sbar\").Text''' ScriptOutput=> SapStatus ScriptError=> SapError
    Text.ParseText.RegexParseForFirstOccurrence Text: SapStatus TextToFind: $'''\\d{10}''' StartingPosition: 0 IgnoreCase: False OccurrencePosition=> Position Match=> DocumentNumber
    Variables.AddItemToList Item: DocumentNumber List: DocumentNumbers
END
SET ResultFolder TO $'''\\\\sapfs01\\interfaces\\gl\\posted''' ⟦+mach pad/hardcoded-machine: UNC path on the SAP interface server sapfs01⟧
Text.JoinText.JoinWithDelimiter List: DocumentNumbers StandardDelimiter: Text.StandardDelimiter.NewLine DelimiterTimes: 1 Result=> DocumentText
File.GetPathPart File: In_JournalFile RootPath=> JournalRoot Directory=> JournalDirectory FileName=> JournalFileName FileNameWithoutExtension=> JournalName Extension=> JournalExtension
File.WriteText File: $'''%ResultFolder%\\%JournalName%.txt''' TextToWrite: DocumentText AppendNewLine: True IfFileExists: File.IfFileExists.Overwrite Encoding: File.FileEncoding.UTF8 ⟦-mach pad/hardcoded-machine: a file under the folder variable (the share is reported where it is set)⟧
Excel.LaunchExcel.Launch Visible: False LoadAddInsAndMacros: False Instance=> ReportExcel
Excel.WriteToExcel.WriteCell Instance: ReportExcel Value: DocumentNumbers Column: 1 Row: 1
Excel.CloseExcel.CloseAndSaveAs Instance: ReportExcel DocumentFormat: Excel.ExcelFormat.FromExtension DocumentPath: $'''D:\\SAPInterfaces\\GL\\Posted\\%JournalName%_result.xlsx''' ⟦+env pad/environment-specific-path: absolute local output folder⟧
WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://fiori.contoso.com/sap/bc/ui2/flp#JournalEntry-manage?CompanyCode=%In_CompanyCode%''' WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> FioriBrowser ⟦+env pad/environment-specific-url: the production Fiori launchpad⟧
WebAutomation.TakeScreenshot.TakeScreenshotSaveToFile BrowserInstance: FioriBrowser File: $'''%JournalDirectory%\\%JournalName%_proof.png''' ImageFormat: WebAutomation.ScreenshotImageFormat.Png ⟦-env pad/environment-specific-path: beside the input file (a variable)⟧
WebAutomation.CloseWebBrowser BrowserInstance: FioriBrowser
SET Out_DocumentNumbers TO DocumentNumbers
SET Out_PostedCount TO DocumentNumbers.Count
System.TerminateProcess.TerminateProcessByName ProcessName: $'''saplogon'''
`;

const VENDOR = String.raw`@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [CyberArkPassword]
@INPUT In_VendorIds : { 'Description': 'Vendor numbers to look up.', 'FriendlyName': 'VendorIds', 'Type': 'List', 'IsOptional': False, 'DefaultValue': [] } 
@INPUT In_SapServer : { 'Description': 'SAP application server (from the SAP Server environment variable).', 'FriendlyName': 'SapServer', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@OUTPUT Out_Vendors : { 'Description': 'Vendor records as JSON.', 'FriendlyName': 'Vendors', 'Type': 'String' } 
Cyberark.GetPassword.GetPassword ServerAddress: $'''https://cyberark-ccp.corp.contoso.local''' ApplicationId: $'''RPA-SAP''' Safe: $'''SAP-PRD''' Folder: $'''Root''' Object: $'''sap-vendor-read''' AuthApp: $'''AIMWebService''' Timeout: 30 Password=> CyberArkPassword PlainTextPassword=> SapPlainPassword ⟦+mach pad/hardcoded-machine: the CyberArk Central Credential Provider host (internal)⟧⟦+cred pad/sensitive-not-marked: PlainTextPassword lands in SapPlainPassword, which is not in @SENSITIVE⟧
SAP.SapLogin.SapLogInOptionAdvanced Server: In_SapServer SystemNumber: $'''00''' Client: $'''100''' Username: $'''RPA_VENDOR_RO''' Password: SapPlainPassword Language: $'''EN''' SapInstance=> SapSession ⟦-mach pad/hardcoded-machine: the server comes from an input (environment variable)⟧
SET ODataBase TO $'''http://sapgw01:8000/sap/opu/odata/sap/API_BUSINESS_PARTNER''' ⟦+mach pad/hardcoded-machine: SAP gateway sapgw01 (single-label host) in the service URL⟧
SET HanaConnection TO $'''Driver={HDBODBC};ServerNode=hanaprd01:30015;UID=RPA_READ;PWD=H4na!Read2024;''' ⟦+mach pad/hardcoded-machine: HANA server hanaprd01 in the connection string⟧⟦+cred pad/plaintext-secret: literal PWD= in a connection string held by a non-sensitive variable⟧
Variables.CreateNewList List=> Vendors
LOOP FOREACH VendorId IN In_VendorIds
    Web.InvokeWebService.InvokeWebService Url: $'''%ODataBase%/A_Supplier(\'%VendorId%\')?$format=json''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: True EncodeRequestBody: False UserAgent: $'''Mozilla/5.0 (Windows NT 10.0; Win64; x64)''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> ODataHeaders Response=> ODataResponse StatusCode=> ODataStatus ⟦-mach pad/hardcoded-machine: the address is built from a variable⟧
    Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: HanaConnection Statement: $'''SELECT LIFNR, NAME1, STCEG FROM SAPHANADB.LFA1 WHERE LIFNR = \'%VendorId%\'''' Timeout: 30 Result=> VendorRow
    Variables.AddItemToList Item: VendorRow List: Vendors
END
DateTime.GetCurrentDateTime.Local DateTimeFormat: DateTime.DateTimeFormat.DateAndTime CurrentDateTime=> CurrentDateTime
@@connectionDisplayName: 'SAP Posting - Dataverse'
External.InvokeCloudConnector Connection: '${DATAVERSE_PAD_ID}' ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' OperationId: 'CreateRecord' @entityName: $'''sap_vendorlookups''' @'item/sap_requestedon': CurrentDateTime @'item/sap_count': Vendors.Count @CreateRecordResponse=> AuditRow ⟦-env pad/environment-specific-url: the Dataverse connection is an opaque reference, no environment URL⟧
SET VendorCacheFile TO $'''C:\\RPA\\SAP\\vendor-cache.json''' ⟦+env pad/environment-specific-path: absolute local cache file; reaches File.WriteText⟧
Variables.ConvertCustomObjectToJson CustomObject: Vendors Json=> VendorsJson
File.WriteText File: VendorCacheFile TextToWrite: VendorsJson AppendNewLine: False IfFileExists: File.IfFileExists.Overwrite Encoding: File.FileEncoding.UTF8
SET Out_Vendors TO VendorsJson
`;

// ---------------------------------------------------------------------------------------------

function nightlyFlow() {
  return cloudFlowJson({
    connectionReferences: {
      shared_sharepointonline: viaReference('shared_sharepointonline', CONN.sharepoint),
      shared_filesystem: viaReference('shared_filesystem', CONN.filesystem),
      shared_commondataserviceforapps: viaReference('shared_commondataserviceforapps', CONN.dataverse),
      shared_uiflow: viaReference('shared_uiflow', CONN.uiflow),
      shared_office365: viaReference('shared_office365', CONN.outlook),
    },
    parameters: Object.fromEntries([
      envParam(...ENV.site, 'String', 'https://contoso.sharepoint.com/sites/Finance-GL-Dev'),
      envParam(...ENV.library, 'String', '1c6e9b3a-5d2f-4a8c-b0e7-4f2a9d6c1b85'),
      envParam(...ENV.enabled, 'Bool', false),
      envParam(...ENV.maxJournals, 'Int', 20),
      envParam(...ENV.companyCodes, 'Array', ['1000', '2000']),
      envParam(...ENV.notify, 'String', 'gl-team-dev@contoso.com'),
    ]),
    triggers: {
      Every_night_at_2am: {
        recurrence: { frequency: 'Day', interval: 1, timeZone: 'W. Europe Standard Time', schedule: { hours: ['2'], minutes: [0] } },
        type: 'Recurrence',
      },
    },
    actions: {
      Posting_enabled: {
        runAfter: {},
        type: 'If',
        expression: { equals: [p(...ENV.enabled), true] },
        actions: {
          Get_journals_ready_for_posting: op('shared_sharepointonline', 'shared_sharepointonline', 'GetFileItems', {
            dataset: p(...ENV.site),
            table: p(...ENV.library),
            $filter: "Status eq 'Ready'",
            $top: p(...ENV.maxJournals),
          }, { runAfter: {} }),
          'Get_SAP_password⟦+cred cloud/unsecured-secret: reads the SAP password (Secret environment variable) without secure outputs⟧': op('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'PerformUnboundAction', {
            actionName: 'RetrieveEnvironmentVariableSecretValue',
            'item/EnvironmentVariableName': 'sap_sappassword',
          }, { runAfter: { Get_journals_ready_for_posting: ['Succeeded'] } }),
          For_each_journal: {
            foreach: "@body('Get_journals_ready_for_posting')?['value']",
            actions: {
              Get_journal_content: op('shared_sharepointonline', 'shared_sharepointonline', 'GetFileContent', {
                dataset: p(...ENV.site),
                id: "@items('For_each_journal')?['{Identifier}']",
                inferContentType: true,
              }, { runAfter: {} }),
              Copy_to_bot_inbound_folder: op('shared_filesystem', 'shared_filesystem', 'CreateFile', {
                folderPath: '/GL/Inbound⟦-mach cloud/hardcoded-machine: a folder relative to the root of the gateway connection⟧',
                name: "@items('For_each_journal')?['{FilenameWithExtension}']",
                body: "@body('Get_journal_content')",
              }, { runAfter: { Get_journal_content: ['Succeeded'] } }),
              'Run_SAP_-_Post_GL_Journals': op('shared_uiflow', 'shared_uiflow', 'RunUIFlow_V2', {
                uiFlowId: IDS.post,
                runMode: 'unattended',
                runPriority: 'normal',
                'item/In_JournalFile': "D:\\SAPInterfaces\\GL\\Inbound\\@{items('For_each_journal')?['{FilenameWithExtension}']}⟦+env cloud/environment-specific-value: absolute local path on the bot machine⟧",
                'item/In_SapUser': 'RPA_GL_POST⟦-cred cloud/plaintext-secret: a user name⟧',
                'item/In_SapPassword': "@body('Get_SAP_password')?['EnvironmentVariableSecretValue']",
                'item/In_CompanyCode': "@{first(parameters('Company Codes (sap_CompanyCodes)'))}",
              }, { runAfter: { Copy_to_bot_inbound_folder: ['Succeeded'] }, runtimeConfiguration: { secureData: { properties: ['inputs'] } }, limit: { timeout: 'PT3H' } }),
              Mark_journal_posted: op('shared_sharepointonline', 'shared_sharepointonline', 'PatchFileItem', {
                dataset: p(...ENV.site),
                table: p(...ENV.library),
                id: "@items('For_each_journal')?['ID']",
                'item/Status/Value': 'Posted',
                'item/DocumentNumbers': "@{join(body('Run_SAP_-_Post_GL_Journals')?['Out_DocumentNumbers'], ', ')}",
              }, { runAfter: { 'Run_SAP_-_Post_GL_Journals': ['Succeeded'] } }),
            },
            runAfter: { Get_SAP_password: ['Succeeded'] },
            type: 'Foreach',
            runtimeConfiguration: { concurrency: { repetitions: 1 } },
          },
          Send_posting_summary: op('shared_office365', 'shared_office365', 'SendEmailV2', {
            'emailMessage/To': p(...ENV.notify),
            'emailMessage/Subject': 'Nightly GL posting finished',
            'emailMessage/Body': "<p>@{length(body('Get_journals_ready_for_posting')?['value'])} journals were handed to the SAP bot.</p>",
          }, { runAfter: { For_each_journal: ['Succeeded', 'Failed'] } }),
        },
        else: { actions: {} },
      },
    },
  });
}

function lookupRequestFlow() {
  return cloudFlowJson({
    connectionReferences: { shared_uiflow: viaReference('shared_uiflow', CONN.uiflow) },
    parameters: Object.fromEntries([
      envParam(...ENV.server, 'String', 'sapdev-app01.corp.contoso.local⟦-mach cloud/hardcoded-machine: default of an environment-variable parameter; the flow reads the variable⟧'),
      envParam(...ENV.rfcPwd, 'String', ''),
    ]),
    triggers: {
      manual: {
        type: 'Request',
        kind: 'PowerAppV2',
        inputs: {
          schema: {
            type: 'object',
            properties: { text: { title: 'VendorIds', type: 'string', 'x-ms-dynamically-added': true, description: 'Comma-separated vendor numbers', 'x-ms-content-hint': 'TEXT' } },
            required: ['text'],
          },
        },
      },
    },
    actions: {
      'Run_SAP_-_Vendor_Master_Lookup': op('shared_uiflow', 'shared_uiflow', 'RunUIFlow_V2', {
        uiFlowId: IDS.vendor,
        runMode: 'unattended',
        runPriority: 'high',
        'item/In_VendorIds': "@split(triggerBody()['text'], ',')",
        'item/In_SapServer': p(...ENV.server),
      }, { runAfter: {} }),
      'Check_vendor_blocks_in_SAP⟦+cred cloud/unsecured-secret: sends the RFC user password (Basic authentication) without secure inputs⟧': {
        runAfter: { 'Run_SAP_-_Vendor_Master_Lookup': ['Succeeded'] },
        type: 'Http',
        inputs: {
          method: 'GET',
          uri: "http://sapgw01.corp.contoso.local:8000/sap/opu/odata/sap/ZVENDOR_BLOCK_SRV/Blocks?$filter=Lifnr eq '@{triggerBody()['text']}'&$format=json⟦+mach cloud/hardcoded-machine: SAP gateway sapgw01 (internal host) in the URI⟧",
          authentication: { type: 'Basic', username: 'RFC_RPA', password: p(...ENV.rfcPwd) },
        },
      },
      Respond_to_the_app: {
        runAfter: { Check_vendor_blocks_in_SAP: ['Succeeded'] },
        type: 'Response',
        kind: 'PowerApp',
        inputs: {
          statusCode: 200,
          body: { vendors: "@{body('Run_SAP_-_Vendor_Master_Lookup')?['Out_Vendors']}", blocks: "@{body('Check_vendor_blocks_in_SAP')?['d']?['results']}" },
          schema: { type: 'object', properties: { vendors: { title: 'vendors', type: 'string' }, blocks: { title: 'blocks', type: 'string' } } },
        },
      },
    },
  });
}

// ---------------------------------------------------------------------------------------------

export default function build(ctx) {
  const wf = (name, id) => `Workflows/${fileBase(name, id)}.json`;
  const flows = {
    nightly: { name: 'SAP - Nightly GL Posting', id: IDS.nightly },
    lookup: { name: 'SAP - Vendor Lookup Request', id: IDS.lookupRequest },
    post: { name: 'SAP - Post GL Journals', id: IDS.post },
    vendor: { name: 'SAP - Vendor Master Lookup', id: IDS.vendor },
  };
  for (const f of Object.values(flows)) f.json = wf(f.name, f.id);
  const customizations = `${SOL}/customizations.xml`;

  ctx.file(`${SOL}/${flows.nightly.json}`, nightlyFlow());
  ctx.file(`${SOL}/${flows.lookup.json}`, lookupRequestFlow());
  const workflows = [
    cloudWorkflowXml({ ...flows.nightly, jsonName: flows.nightly.json.slice(10), description: 'Hands the journals marked Ready to the SAP posting bot every night.' }),
    cloudWorkflowXml({ ...flows.lookup, jsonName: flows.lookup.json.slice(10) }),
  ];
  const desktop = [
    {
      ...flows.post, script: POST_GL,
      inputs: [
        { name: 'In_JournalFile', friendlyName: 'JournalFile' },
        { name: 'In_SapUser', friendlyName: 'SapUser', optional: true, default: 'RPA_GL_POST' },
        { name: 'In_SapPassword', friendlyName: 'SapPassword', sensitive: true },
        { name: 'In_CompanyCode', friendlyName: 'CompanyCode', optional: true, default: '1000' },
      ],
      outputs: [{ name: 'Out_DocumentNumbers', friendlyName: 'DocumentNumbers', type: 'array' }, { name: 'Out_PostedCount', friendlyName: 'PostedCount', type: 'number' }],
      connectionReferences: [],
    },
    {
      ...flows.vendor, script: VENDOR,
      inputs: [{ name: 'In_VendorIds', friendlyName: 'VendorIds', type: 'array' }, { name: 'In_SapServer', friendlyName: 'SapServer' }],
      outputs: [{ name: 'Out_Vendors', friendlyName: 'Vendors' }],
      connectionReferences: [{
        api: { name: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' },
        displayName: 'SAP Posting - Dataverse', isDisabled: false, connectionReferenceLogicalName: CONN.dataverse,
        name: hex32('sap-pad-dataverse'), connectionDisplayName: 'svc-rpa-sap@contoso.com', ownerId: null, padInternalId: DATAVERSE_PAD_ID, isEmbedded: false,
      }],
    },
  ];
  for (const d of desktop) {
    const script = ctx.script(d.script, { flow: d.name, file: customizations });
    const bins = desktopBinaries(d.id, `SapPosting/${d.name}`);
    for (const [rel, content] of Object.entries(bins.files)) ctx.file(`${SOL}/${rel}`, content);
    ctx.file(`${SOL}/${d.json}`, desktopStubJson(d.inputs, d.outputs));
    workflows.push(desktopWorkflowXml({ ...d, jsonName: d.json.slice(10), script, binaries: bins.ids }));
  }
  ctx.file(customizations, customizationsXml({
    workflows,
    connectionReferences: [
      { logicalName: CONN.sharepoint, displayName: 'SAP Posting - SharePoint', connector: 'shared_sharepointonline' },
      { logicalName: CONN.filesystem, displayName: 'SAP Posting - File System (bot gateway)', connector: 'shared_filesystem' },
      { logicalName: CONN.dataverse, displayName: 'SAP Posting - Dataverse', connector: 'shared_commondataserviceforapps', mark: '⟦-alm solution/unused-reference: used by the nightly cloud flow and by the vendor-lookup desktop flow⟧' },
      { logicalName: CONN.uiflow, displayName: 'SAP Posting - Desktop flows', connector: 'shared_uiflow' },
      { logicalName: CONN.outlook, displayName: 'SAP Posting - Office 365 Outlook', connector: 'shared_office365' },
    ],
  }));

  const envVars = [
    { schemaName: 'sap_SharePointSite', displayName: ENV.site[0], type: 'String' },
    { schemaName: 'sap_JournalLibrary', displayName: ENV.library[0], type: 'DataSource', apiId: '/providers/microsoft.powerapps/apis/shared_sharepointonline', parameterKey: 'table', parentDefinition: 'sap_SharePointSite' },
    { schemaName: 'sap_SapPassword', displayName: 'SAP Password', type: 'Secret', description: 'Password of RPA_GL_POST (Azure Key Vault).', mark: '⟦-alm solution/unused-reference: read by RetrieveEnvironmentVariableSecretValue (lower-case name), so it is used⟧' },
    { schemaName: 'sap_PostingEnabled', displayName: ENV.enabled[0], type: 'Boolean', defaultValue: 'no' },
    { schemaName: 'sap_MaxJournalsPerRun', displayName: ENV.maxJournals[0], type: 'Number', defaultValue: '20' },
    { schemaName: 'sap_CompanyCodes', displayName: ENV.companyCodes[0], type: 'JSON', defaultValue: '["1000","2000"]' },
    { schemaName: 'sap_NotifyAddress', displayName: ENV.notify[0], type: 'String' },
    { schemaName: 'sap_SapServer', displayName: ENV.server[0], type: 'String', description: 'SAP application server for the vendor lookup.' },
    { schemaName: 'sap_RfcUserPassword', displayName: ENV.rfcPwd[0], type: 'String', description: 'Password of the RFC_RPA user for the SAP gateway.', mark: '⟦+@sap-rfc-pwd cred solution/secret-env-var-as-text: an SAP password kept in a Text environment variable⟧', typeMark: '⟦~sap-rfc-pwd⟧' },
  ];
  for (const v of envVars) ctx.file(`${SOL}/environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`, envVarXml(v));

  ctx.file(`${SOL}/solution.xml`, solutionXml({
    uniqueName: 'SapPosting', displayName: 'SAP Posting', version: '1.4.2.0', publisher: PUBLISHER,
    description: 'GL journal posting and vendor lookups in SAP ECC through SAP GUI.',
    rootComponents: [...Object.values(flows).map(f => ({ type: 29, id: f.id })), ...envVars.map(v => ({ type: 380, schemaName: v.schemaName }))],
  }));
  ctx.file(`${SOL}/[Content_Types].xml`, '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/octet-stream" /><Default Extension="json" ContentType="application/octet-stream" /><Default Extension="png" ContentType="application/octet-stream" /></Types>');

  const kv = (env, sub) => `/subscriptions/${sub}/resourceGroups/rg-sap-rpa-${env}/providers/Microsoft.KeyVault/vaults/kv-contoso-sap-${env}/secrets/sap-rpa-gl-post`;
  const conns = env => [
    { LogicalName: CONN.sharepoint, ConnectionId: hex32(`sap-sp-${env}`), ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' },
    { LogicalName: CONN.filesystem, ConnectionId: hex32(`sap-fs-${env}`), ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_filesystem' },
    { LogicalName: CONN.dataverse, ConnectionId: hex32(`sap-dv-${env}`), ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' },
    { LogicalName: CONN.uiflow, ConnectionId: hex32(`sap-ui-${env}`), ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_uiflow' },
    { LogicalName: CONN.outlook, ConnectionId: hex32(`sap-ol-${env}`), ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_office365' },
  ];
  const settings = {
    dev: {
      sap_SharePointSite: 'https://contoso.sharepoint.com/sites/Finance-GL-Dev',
      sap_JournalLibrary: '1c6e9b3a-5d2f-4a8c-b0e7-4f2a9d6c1b85',
      sap_SapPassword: kv('dev', '2f5c8a91-7d3e-4b6a-9c1f-0e8d7b6a5c43'),
      sap_PostingEnabled: 'yes',
      sap_MaxJournalsPerRun: '5',
      sap_CompanyCodes: '["1000"]',
      sap_NotifyAddress: 'gl-team-dev@contoso.com',
      sap_SapServer: 'sapdev-app01.corp.contoso.local',
      sap_RfcUserPassword: '#{SapRfcUserPassword}#',
    },
    test: {
      sap_SharePointSite: 'https://contoso.sharepoint.com/sites/Finance-GL-Test',
      sap_JournalLibrary: '7d2a0e5c-3b9f-4c1d-8e6a-2b5f8c1d4e97',
      sap_SapPassword: kv('test', '2f5c8a91-7d3e-4b6a-9c1f-0e8d7b6a5c43'),
      sap_PostingEnabled: 'yes',
      sap_MaxJournalsPerRun: '20',
      sap_CompanyCodes: '["1000","2000"]',
      sap_NotifyAddress: 'gl-team-test@contoso.com',
      sap_SapServer: 'sapqas-app01.corp.contoso.local',
      sap_RfcUserPassword: '#{SapRfcUserPassword}#',
    },
    prod: {
      sap_SharePointSite: 'https://contoso.sharepoint.com/sites/Finance-GL',
      sap_JournalLibrary: '4a8f1d6b-0c3e-4b7a-9d2f-5e8b1c4a7d30',
      sap_SapPassword: kv('prod', '7a1e3c5b-9d2f-4e8a-b6c0-1f3e5d7b9a2c'),
      sap_PostingEnabled: 'yes',
      sap_MaxJournalsPerRun: '40',
      sap_CompanyCodes: '["1000","2000","3100"]',
      sap_NotifyAddress: 'gl-team@contoso.com',
      sap_SapServer: 'sapprd-app01.corp.contoso.local⟦-mach pad/hardcoded-machine: deployment settings are where per-environment host names belong⟧',
      sap_RfcUserPassword: '#{SapRfcUserPassword}#⟦-cred: a pipeline token⟧',
      'sap_LegacyGatewayHost⟦+alm settings/unknown-entry: the solution has no environment variable sap_LegacyGatewayHost (removed in 1.3)⟧': 'sapgw-old.corp.contoso.local',
    },
  };
  for (const [env, values] of Object.entries(settings)) {
    ctx.file(`${ROOT}/deploymentSettings-${env}.json`, settingsText({
      EnvironmentVariables: Object.entries(values).map(([SchemaName, Value]) => ({ SchemaName, Value })),
      ConnectionReferences: conns(env),
    }) + '\n');
  }
}
