// PayrollExport — the YAML source layout that Dataverse Git integration commits (solution binding, Git
// folder `solutions`): solutions/PayrollExport/ is the root, with solutions/PayrollExport/solution.yml,
// publishers/, modernflows/<guid>/{workflow.yml, <Name>-<GUID>.json}, connectionreferences/<logical>/,
// environmentvariabledefinitions/<schema>/environmentvariabledefinition.xml. CRLF, no BOM, as committed.
import { cloudFlowJson, envParam, envVarXml, fileBase, guid, op, p, viaReference } from './lib.mjs';

const ROOT = 'solutions/PayrollExport';
const SOLUTION = 'PayrollExport';
const FLOW = { name: 'Payroll - Monthly Bank Export', id: guid('PayrollExport/bank-export') };
const CONN = {
  sql: 'pay_sharedsql_3c7e1',
  sharepoint: 'pay_sharedsharepointonline_8a2f4',
  outlook: 'pay_sharedoffice365_51d9c',
  files: 'pay_sharedfilesystem_e06b2',
  keyvault: 'pay_sharedkeyvault_a4c13',
};
const GATEWAY = ['Bank Gateway URL', 'pay_BankGatewayUrl'];

function flowJson() {
  return cloudFlowJson({
    connectionReferences: {
      shared_sql: viaReference('shared_sql', CONN.sql),
      shared_sharepointonline: viaReference('shared_sharepointonline', CONN.sharepoint),
      shared_office365: viaReference('shared_office365', CONN.outlook),
      shared_filesystem: viaReference('shared_filesystem', CONN.files),
      shared_keyvault: viaReference('shared_keyvault', CONN.keyvault),
    },
    parameters: Object.fromEntries([envParam(...GATEWAY, 'String', 'https://bankgw-test.contoso-payments.com')]),
    triggers: {
      Recurrence: { recurrence: { frequency: 'Month', interval: 1, startTime: '2025-01-25T06:00:00Z', timeZone: 'W. Europe Standard Time' }, type: 'Recurrence' },
    },
    actions: {
      Get_approved_payroll_lines: op('shared_sql', 'shared_sql', 'GetItems_V2', {
        server: 'sqlpay01.corp.contoso.com⟦+mach cloud/hardcoded-machine: payroll SQL Server sqlpay01 named in the action instead of the connection⟧',
        database: 'Payroll',
        table: '[dbo].[ApprovedPayLines]',
        $filter: "PayPeriod eq '@{formatDateTime(utcNow(), 'yyyy-MM')}'",
      }, { runAfter: {} }),
      Get_SFTP_private_key: op('shared_keyvault', 'shared_keyvault', 'GetSecret', {
        secretName: 'bank-sftp-private-key⟦-cred cloud/plaintext-secret: the name of a Key Vault secret⟧',
      }, { runAfter: { Get_approved_payroll_lines: ['Succeeded'] }, runtimeConfiguration: { secureData: { properties: ['outputs'] } } }),
      'Create_payment_batch⟦+cred cloud/unsecured-secret: sends a client secret without secure inputs (run history shows it)⟧': {
        runAfter: { Get_SFTP_private_key: ['Succeeded'] },
        type: 'Http',
        inputs: {
          method: 'POST',
          uri: `@{${p(...GATEWAY).slice(1)}}/v2/payment-batches⟦-env cloud/environment-specific-value: built on an environment variable⟧`,
          headers: { 'Content-Type': 'application/json' },
          body: "@body('Get_approved_payroll_lines')?['value']",
          authentication: {
            type: 'ActiveDirectoryOAuth',
            authority: 'https://login.microsoftonline.com⟦-env cloud/environment-specific-value: the global Entra authority⟧',
            tenant: 'contoso.onmicrosoft.com',
            audience: 'api://contoso-bank-gateway',
            clientId: '7d3f9b21-5c84-4e6a-b0d2-91e8a4f6c305⟦-cred cloud/plaintext-secret: an application (client) id is not a secret⟧',
            secret: 'Qw8~xT2.mVp7_Lk4Rz9-Yc1NbH6sGd3FjE0aUo5i⟦+cred cloud/plaintext-secret: the Entra client secret of the bank gateway app written into the flow⟧',
          },
        },
      },
      Save_payment_file: op('shared_sharepointonline', 'shared_sharepointonline', 'CreateFile', {
        dataset: 'https://contoso.sharepoint.com/sites/Payroll⟦+env cloud/environment-specific-value: the tenant SharePoint site of payroll written into the action⟧',
        folderPath: '/Shared Documents/BankFiles⟦-env cloud/environment-specific-value: a site-relative folder⟧',
        name: "pain001_@{formatDateTime(utcNow(), 'yyyyMM')}.xml",
        body: "@body('Create_payment_batch')",
      }, { runAfter: { Create_payment_batch: ['Succeeded'] } }),
      Archive_on_the_file_share: op('shared_filesystem', 'shared_filesystem', 'CreateFile', {
        folderPath: '\\\\fs-pay01\\archive\\bankfiles⟦+mach cloud/hardcoded-machine: UNC path of the file server fs-pay01 in the action⟧',
        name: "pain001_@{formatDateTime(utcNow(), 'yyyyMM')}.xml",
        body: "@body('Create_payment_batch')",
      }, { runAfter: { Save_payment_file: ['Succeeded'] } }),
      Notify_payroll_team: op('shared_office365', 'shared_office365', 'SendEmailV2', {
        'emailMessage/To': 'payroll-team@contoso.com',
        'emailMessage/Subject': 'Bank export ready',
        'emailMessage/Body': '<p>The payment file is in https://contoso.sharepoint.com/sites/Payroll/Shared Documents/BankFiles. The bank portal password was not changed.</p>⟦-env cloud/environment-specific-value: a link in an e-mail text⟧⟦-cred cloud/plaintext-secret: the word password in an e-mail text⟧',
      }, { runAfter: { Archive_on_the_file_share: ['Succeeded'] } }),
    },
  });
}

const yml = lines => lines.join('\n') + '\n';

export default function build(ctx) {
  const folder = FLOW.id;
  const jsonName = `${fileBase(FLOW.name, FLOW.id)}.json`;
  const refs = [
    [CONN.sql, 'Payroll Export - SQL Server', 'shared_sql'],
    [CONN.sharepoint, 'Payroll Export - SharePoint', 'shared_sharepointonline'],
    [CONN.outlook, 'Payroll Export - Office 365 Outlook', 'shared_office365'],
    [CONN.files, 'Payroll Export - File System (gateway)', 'shared_filesystem'],
    [CONN.keyvault, 'Payroll Export - Azure Key Vault', 'shared_keyvault'],
  ];
  ctx.fileCrlf(`${ROOT}/solutions/${SOLUTION}/solution.yml`, yml([
    'ImportExportXml:',
    "  '@version': 9.2.26093.139",
    "  '@SolutionPackageVersion': 9.2",
    "  '@languagecode': 1033",
    "  '@generatedBy': CrmLive",
    "  '@xmlns:xsi': http://www.w3.org/2001/XMLSchema-instance⟦-env: an XML namespace URI⟧",
    '  SolutionManifest:',
    `    UniqueName: ${SOLUTION}`,
    '    LocalizedNames:',
    '      LocalizedName:',
    "        '@description': Payroll Export",
    "        '@languagecode': 1033",
    '    Descriptions: ',
    '    Version: 1.3.0.0',
    '    Managed: 0',
    '    Publisher:',
    '      UniqueName: contosopayroll',
  ]));
  const components = [
    ...refs.map(([l]) => `/connectionreferences/${l}`),
    `/environmentvariabledefinitions/${GATEWAY[1]}`,
    `/modernflows/${folder}`,
    '/publishers/contosopayroll',
  ];
  ctx.fileCrlf(`${ROOT}/solutions/${SOLUTION}/solutioncomponents.yml`, yml(['SolutionComponents:', '  Component:', ...components.map(c => `  - '@path': ${c}`)]));
  ctx.fileCrlf(`${ROOT}/solutions/${SOLUTION}/rootcomponents.yml`, yml([
    'RootComponents:', '  RootComponent:',
    "  - '@type': 29", `    '@id': '{${FLOW.id}}'`, "    '@behavior': 0",
    "  - '@type': 380", `    '@schemaName': ${GATEWAY[1]}`, "    '@behavior': 0",
  ]));
  ctx.fileCrlf(`${ROOT}/solutions/${SOLUTION}/missingdependencies.yml`, yml(['MissingDependencies: ']));
  ctx.fileCrlf(`${ROOT}/publishers/contosopayroll/publisher.yml`, yml([
    'Publisher:',
    '  UniqueName: contosopayroll',
    '  LocalizedNames:',
    '    LocalizedName:',
    "      '@description': Contoso Payroll Automation",
    "      '@languagecode': 1033",
    '  Descriptions: ',
    '  EMailAddress: payroll-automation@contoso.com',
    '  SupportingWebsiteUrl: https://www.contoso.com/payroll⟦-env: the publisher\'s public website in its metadata⟧',
    '  CustomizationPrefix: pay',
    '  CustomizationOptionValuePrefix: 57310',
  ]));
  for (const [logical, display, connector] of refs) {
    ctx.fileCrlf(`${ROOT}/connectionreferences/${logical}/connectionreference.yml`, yml([
      'connectionreference:',
      `  '@connectionreferencelogicalname': ${logical}`,
      `  connectionreferencedisplayname: ${display}`,
      `  connectorid: /providers/Microsoft.PowerApps/apis/${connector}`,
      '  iscustomizable: 1',
      '  promptingbehavior: 0',
      '  statecode: 0',
      '  statuscode: 1',
    ]));
  }
  ctx.fileCrlf(`${ROOT}/environmentvariabledefinitions/${GATEWAY[1]}/environmentvariabledefinition.xml`,
    envVarXml({ schemaName: GATEWAY[1], displayName: GATEWAY[0], type: 'String', description: 'Base URL of the bank payment gateway (test or production).' }));
  ctx.fileCrlf(`${ROOT}/modernflows/${folder}/workflow.yml`, yml([
    'Workflow:',
    `  '@WorkflowId': '{${FLOW.id}}'`,
    `  '@Name': ${FLOW.name}`,
    `  JsonFileName: /modernflows/${folder}/${jsonName}`,
    '  Type: 1', '  Subprocess: 0', '  Category: 5', '  Mode: 0', '  Scope: 4', '  OnDemand: 0',
    '  TriggerOnCreate: 0', '  TriggerOnDelete: 0', '  AsyncAutodelete: 0', '  SyncWorkflowLogOnFailure: 0',
    '  StateCode: 1', '  StatusCode: 2', '  RunAs: 1', '  IsTransacted: 1', '  IntroducedVersion: 1.0',
    '  IsCustomizable: 1', '  BusinessProcessType: 0', '  IsCustomProcessingStepAllowedForOtherPublishers: 1',
    '  ModernFlowType: 0', '  PrimaryEntity: none',
    '  LocalizedNames:', '    LocalizedName:', "      '@languagecode': 1033", `      '@description': ${FLOW.name}`,
  ]));
  ctx.fileCrlf(`${ROOT}/modernflows/${folder}/${jsonName}`, flowJson());
}
