// EmailTriage — `pac solution clone` layout with the project file beside src/ (EmailTriage.cdsproj),
// settings in config/<Env>/deploymentSettings.json.
import {
  settingsText,
  cloudFlowJson, cloudWorkflowXml, customizationsXml, desktopBinaries, desktopStubJson, desktopWorkflowXml, envParam,
  envVarXml, fileBase, guid, hex32, op, p, solutionXml, viaReference, XML_DECL,
} from './lib.mjs';

const ROOT = 'solutions/EmailTriage';
const SRC = `${ROOT}/src`;
const PUBLISHER = { uniqueName: 'contososharedservices', displayName: 'Contoso Shared Services', prefix: 'et', optionPrefix: 18530 };
const IDS = { classify: guid('EmailTriage/classify'), archive: guid('EmailTriage/archive') };

const CONN = {
  outlook: 'et_sharedoffice365_1d7b4',
  keyvault: 'et_sharedkeyvault_8a3f2',
  dataverse: 'et_sharedcommondataserviceforapps_5c9e0',
  sharepoint: 'et_sharedsharepointonline_7e2a6',
  uiflow: 'et_shareduiflow_4b8d1',
  teams: 'et_sharedteams_9f3c5',
};
const ENV = {
  mailbox: ['Shared Mailbox', 'et_SharedMailbox'],
  enabled: ['Triage Enabled', 'et_TriageEnabled'],
  categories: ['Category Map', 'et_CategoryMap'],
  maxMb: ['Max Attachment MB', 'et_MaxAttachmentMb'],
  team: ['Triage Team', 'et_TriageTeam'],
};

const ARCHIVE = String.raw`@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [MailboxCredential, SmtpPassword, ExchangeCredential]
@INPUT In_Mailbox : { 'Description': 'Shared mailbox being triaged.', 'FriendlyName': 'Mailbox', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT In_ArchiveKey : { 'Description': 'Key used to encrypt archived attachments.', 'FriendlyName': 'ArchiveKey', 'Type': 'String', 'IsOptional': True, 'DefaultValue': $'''a7F3k9Q2x8L1m4N6''' } ⟦+cred pad/secret-input-variable: an encryption key input with a literal default value (and not marked sensitive)⟧
@INPUT In_Category : { 'Description': 'Category decided by the classifier.', 'FriendlyName': 'Category', 'Type': 'String', 'IsOptional': False, 'DefaultValue': $'''General''' } 
@OUTPUT Out_ArchivedCount : { 'Description': 'Attachments archived.', 'FriendlyName': 'ArchivedCount', 'Type': 'Numeric' } 
CALL Init
SET ArchivedCount TO 0
PowerAutomateSecretVariables.GetCredential Credential: $'''TRIAGE-MAILBOX''' Timeout: 0 Credential=> MailboxCredential ⟦-cred pad/plaintext-secret: a credential name⟧
Email.RetrieveEmails.RetrieveEmails IMAPServer: $'''imap.corp.contoso.local''' Port: 993 EnableSSL: True Username: MailboxCredential.Username Password: MailboxCredential.Password AcceptUntrustedCertificates: False MailFolder: $'''Inbox''' EmailsToRetrieve: Email.RetrieveMessagesMode.Unread MarkAsRead: True SubjectFilter: $'''''' Emails=> Messages ⟦+mach pad/hardcoded-machine: internal IMAP server imap.corp.contoso.local⟧
LOOP FOREACH Message IN Messages
    IF Contains(Message.Subject, $'''password reset''', True) THEN ⟦-cred pad/plaintext-secret: a subject filter containing the word password⟧
        # Password-reset requests go to the service desk; they are never archived.
        CALL ForwardToServiceDesk
        NEXT LOOP
    END
    Email.SaveEmailAttachments Email: Message SaveAttachmentsInto: ArchiveRoot AttachmentsFiles=> Attachments
    LOOP FOREACH Attachment IN Attachments
        IF Attachment.Extension = $'''.pdf''' THEN
            Pdf.ExtractTextFromPDF.ExtractText PDFFile: Attachment DetectLayout: False Password: $'''Remit2024!''' ExtractedText=> PdfText ⟦+cred pad/plaintext-secret: the password of the remittance PDFs is written into the flow⟧
            Text.ParseText.RegexParseForFirstOccurrence Text: PdfText TextToFind: $'''Remittance No\\.\\s*(\\d+)''' StartingPosition: 0 IgnoreCase: True OccurrencePosition=> RemitPosition Match=> RemitNumber
        END
        Cryptography.EncryptFromFile.EncryptFromFileWithAES File: Attachment EncryptionKey: In_ArchiveKey Padding: Cryptography.Padding.PKCS7 KeySize: Cryptography.KeySize.Bits256 UseSalt: True EncryptedText=> EncryptedAttachment ⟦-cred pad/plaintext-secret: the key is a variable⟧
        File.WriteText File: $'''%Attachment.FullName%.enc''' TextToWrite: EncryptedAttachment AppendNewLine: False IfFileExists: File.IfFileExists.Overwrite Encoding: File.FileEncoding.UTF8
        File.Move Files: $'''%Attachment.FullName%.enc''' Destination: $'''\\\\fs03\\triage\\%In_Category%''' IfFileExists: File.IfExists.Overwrite MovedFiles=> MovedFiles ⟦+mach pad/hardcoded-machine: UNC path on file server fs03⟧
        Variables.IncreaseVariable Value: ArchivedCount IncrementValue: 1 IncreasedValue=> ArchivedCount
    END
    CALL MoveToArchiveFolder
END
System.RunApplication.RunApplicationAndWaitToComplete ApplicationPath: PdfToolPath CommandLineArguments: $'''--check %ArchiveRoot%\\*.pdf''' WorkingDirectory: ArchiveRoot WindowStyle: System.ProcessWindowStyle.Hidden Timeout: 120 ProcessId=> QpdfPid ExitCode=> QpdfExitCode ⟦-env pad/environment-specific-path: arguments built from variables⟧
CALL SendSummary
CALL CaptureDashboard
SET Out_ArchivedCount TO ArchivedCount
FUNCTION Init GLOBAL
SET ArchiveRoot TO $'''E:\\MailArchive\\Triage''' ⟦+env pad/environment-specific-path: absolute archive folder on the bot machine⟧
SET PdfToolPath TO $'''C:\\Tools\\qpdf\\bin\\qpdf.exe''' ⟦+env pad/environment-specific-path: absolute path of the qpdf tool; reaches RunApplication⟧
SET SmtpRelay TO $'''192.168.40.25''' ⟦+mach pad/hardcoded-machine: SMTP relay addressed by IP; reaches SMTPServer⟧
SET SmtpUser TO $'''svc_triage_relay''' ⟦-cred pad/plaintext-secret: an account name, not a secret⟧
SET SmtpPassword TO $'''Rel@y-Triage-88''' ⟦+cred pad/plaintext-secret: the relay password is set here in Init and used in SendSummary⟧
END FUNCTION
FUNCTION ForwardToServiceDesk GLOBAL
Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.office365.com''' Port: 587 EnableSSL: True Username: MailboxCredential.Username Password: MailboxCredential.Password AcceptUntrustedCertificates: False SendFrom: In_Mailbox SenderDisplayName: $'''Mail triage''' SendTo: $'''servicedesk@contoso.com''' CC: $'''''' Subject: $'''FW: %Message.Subject%''' Body: Message.BodyText IsBodyHtml: False ⟦-mach pad/hardcoded-machine: smtp.office365.com is a global Microsoft endpoint⟧
END FUNCTION
FUNCTION MoveToArchiveFolder GLOBAL
PowerAutomateSecretVariables.GetCredential Credential: $'''TRIAGE-EXCHANGE''' Timeout: 0 Credential=> ExchangeCredential
Exchange.ConnectToExchangeServer.ConnectToServerWithCredentials ServerVersion: Exchange.ServerVersion.Exchange2013_SP1 ServerAddress: $'''exch02.corp.contoso.local''' Domain: $'''CORP''' Username: ExchangeCredential.Username Password: ExchangeCredential.Password Timeout: 30 Connection=> ExchangeConnection ⟦+mach pad/hardcoded-machine: on-premises Exchange server exch02⟧
Exchange.MoveEmails Connection: ExchangeConnection Emails: Message DestinationFolder: $'''Archive/Triaged'''
END FUNCTION
FUNCTION SendSummary GLOBAL
Email.SendEmail.AuthenticateAndSend SMTPServer: SmtpRelay Port: 25 EnableSSL: False Username: SmtpUser Password: SmtpPassword AcceptUntrustedCertificates: True SendFrom: In_Mailbox SenderDisplayName: $'''Mail triage''' SendTo: $'''triage-owners@contoso.com''' CC: $'''''' Subject: $'''Mail triage: %ArchivedCount% attachments archived''' Body: $'''Archived %ArchivedCount% attachments for category %In_Category%. Reminder: never send passwords by e-mail.''' IsBodyHtml: False ⟦-cred pad/plaintext-secret: variables go to Password; the body only mentions passwords⟧
END FUNCTION
FUNCTION CaptureDashboard GLOBAL
WebAutomation.LaunchChrome.LaunchChrome Url: $'''https://contoso.crm4.dynamics.com/main.aspx?appid=2f1c9e4a-7b3d-4e8a-9c6f-0d5b1a3e7f29&pagetype=dashboard''' WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> DashboardBrowser ⟦+env pad/environment-specific-url: Dataverse organization URL of the production environment⟧
WebAutomation.TakeScreenshot.TakeScreenshotSaveToFile BrowserInstance: DashboardBrowser File: $'''%ArchiveRoot%\\dashboard.png''' ImageFormat: WebAutomation.ScreenshotImageFormat.Png
WebAutomation.CloseWebBrowser BrowserInstance: DashboardBrowser
END FUNCTION
`;

function classifyFlow() {
  return cloudFlowJson({
    connectionReferences: {
      shared_office365: viaReference('shared_office365', CONN.outlook),
      shared_keyvault: viaReference('shared_keyvault', CONN.keyvault),
      shared_commondataserviceforapps: viaReference('shared_commondataserviceforapps', CONN.dataverse),
      shared_sharepointonline: viaReference('shared_sharepointonline', CONN.sharepoint),
      shared_uiflow: viaReference('shared_uiflow', CONN.uiflow),
      'shared_teams⟦~et-embedded-teams⟧': {
        connectionName: 'shared-teams-5c1e9a7b-3d2f-4b8e-a6c0-9f1d3b5e7a24⟦+@et-embedded-teams alm cloud/embedded-connection: the Teams connection is embedded although the solution has a Teams connection reference⟧',
        source: 'Embedded',
        id: '/providers/Microsoft.PowerApps/apis/shared_teams',
        tier: 'NotSpecified',
      },
    },
    parameters: Object.fromEntries([
      envParam(...ENV.mailbox, 'String', 'triage-dev@contoso.com'),
      envParam(...ENV.enabled, 'Bool', true),
      envParam(...ENV.categories, 'Object', { invoice: 'AP', remittance: 'AR', complaint: 'CustomerCare' }),
      envParam(...ENV.maxMb, 'Int', 10),
      envParam(...ENV.team, 'Object', { groupId: '1e5a9c3d-7b2f-4d8e-b0a6-4c8e2f6a9d13', channelId: '19:7c2e5a9b1d4f@thread.tacv2' }),
    ]),
    triggers: {
      When_a_new_email_arrives_in_the_shared_mailbox: {
        splitOn: "@triggerOutputs()?['body/value']",
        type: 'OpenApiConnectionNotification',
        inputs: {
          host: { connectionName: 'shared_office365', operationId: 'SharedMailboxOnNewEmailV2', apiId: '/providers/Microsoft.PowerApps/apis/shared_office365' },
          parameters: { mailboxAddress: p(...ENV.mailbox), folderId: 'Inbox', includeAttachments: true, importance: 'Any' },
          authentication: "@parameters('$authentication')",
        },
      },
    },
    actions: {
      Triage_enabled: {
        runAfter: {},
        type: 'If',
        expression: { equals: [p(...ENV.enabled), true] },
        actions: {
          'Get_classifier_key⟦+cred cloud/unsecured-secret: reads a Key Vault secret without secure outputs⟧': op('shared_keyvault', 'shared_keyvault', 'GetSecret', {
            secretName: 'triage-classifier-key⟦-cred cloud/plaintext-secret: the name of the secret⟧',
          }, { runAfter: {} }),
          Classify_the_email: {
            runAfter: { Get_classifier_key: ['Succeeded'] },
            type: 'Http',
            inputs: {
              method: 'POST',
              uri: 'http://mlscore01:8080/api/classify⟦+mach cloud/hardcoded-machine: internal scoring server mlscore01 (single-label host)⟧',
              headers: { 'Content-Type': 'application/json', 'x-functions-key': "@body('Get_classifier_key')?['value']" },
              body: { subject: "@triggerOutputs()?['body/subject']", body: "@triggerOutputs()?['body/bodyPreview']" },
            },
            runtimeConfiguration: { secureData: { properties: ['inputs'] } },
          },
          Translate_to_English: {
            runAfter: { Classify_the_email: ['Succeeded'] },
            type: 'Http',
            inputs: {
              method: 'POST',
              uri: 'https://api.cognitive.microsofttranslator.com/translate?api-version=3.0&to=en⟦-env cloud/environment-specific-value: the global Translator endpoint⟧',
              headers: {
                'Content-Type': 'application/json',
                'Ocp-Apim-Subscription-Key': '4f1c9b2e7a6d4e8f9c0b1a2d3e4f5a6b⟦+cred cloud/plaintext-secret: Translator subscription key written into the header⟧',
                'Ocp-Apim-Subscription-Region': 'westeurope',
              },
              body: [{ Text: "@triggerOutputs()?['body/bodyPreview']" }],
            },
            runtimeConfiguration: { secureData: { properties: ['inputs'] } },
          },
          Get_archive_key: op('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'PerformUnboundAction', {
            actionName: 'RetrieveEnvironmentVariableSecretValue',
            'item/EnvironmentVariableName': 'et_ArchiveKey',
          }, { runAfter: { Translate_to_English: ['Succeeded'] }, runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } } }),
          Record_the_triage_result: op('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'CreateRecord', {
            entityName: 'et_triagedmessages',
            'item/et_subject': "@triggerOutputs()?['body/subject']",
            'item/et_category': "@body('Classify_the_email')?['category']",
            'item/et_queue': "@{parameters('Category Map (et_CategoryMap)')?[body('Classify_the_email')?['category']]}",
          }, { runAfter: { Get_archive_key: ['Succeeded'] } }),
          Large_attachments: {
            runAfter: { Record_the_triage_result: ['Succeeded'] },
            type: 'Foreach',
            foreach: "@triggerOutputs()?['body/attachments']",
            actions: {
              Too_large_for_the_bot: {
                runAfter: {},
                type: 'If',
                expression: { greater: ["@items('Large_attachments')?['size']", "@mul(parameters('Max Attachment MB (et_MaxAttachmentMb)'), 1048576)"] },
                actions: {
                  Save_to_the_triage_site: op('shared_sharepointonline', 'shared_sharepointonline', 'CreateFile', {
                    dataset: 'https://contoso.sharepoint.com/sites/MailTriage⟦+env cloud/environment-specific-value: SharePoint site written into the action⟧',
                    folderPath: '/Shared Documents/Large attachments',
                    name: "@items('Large_attachments')?['name']",
                    body: "@base64ToBinary(items('Large_attachments')?['contentBytes'])",
                  }, { runAfter: {} }),
                },
                else: { actions: {} },
              },
            },
          },
          'Run_Email_Triage_-_Archive_Attachments': op('shared_uiflow', 'shared_uiflow', 'RunUIFlow_V2', {
            uiFlowId: IDS.archive,
            runMode: 'unattended',
            runPriority: 'normal',
            'item/In_Mailbox': p(...ENV.mailbox),
            'item/In_ArchiveKey': "@body('Get_archive_key')?['EnvironmentVariableSecretValue']⟦-cred cloud/unsecured-secret: a secret input passed with secure inputs on⟧",
            'item/In_Category': "@{parameters('Category Map (et_CategoryMap)')?[body('Classify_the_email')?['category']]}",
          }, { runAfter: { Large_attachments: ['Succeeded'] }, runtimeConfiguration: { secureData: { properties: ['inputs'] } } }),
          Post_in_the_triage_channel: op('shared_teams', 'shared_teams', 'PostMessageToConversation', {
            poster: 'Flow bot',
            location: 'Channel',
            'body/recipient/groupId': "@parameters('Triage Team (et_TriageTeam)')?['groupId']",
            'body/recipient/channelId': "@parameters('Triage Team (et_TriageTeam)')?['channelId']",
            'body/messageBody': "<p>Triaged: @{triggerOutputs()?['body/subject']} → @{body('Classify_the_email')?['category']}</p>",
          }, { runAfter: { 'Run_Email_Triage_-_Archive_Attachments': ['Succeeded'] } }),
          Move_the_email: op('shared_office365', 'shared_office365', 'MoveV2', {
            messageId: "@triggerOutputs()?['body/id']",
            folderPath: 'Archive/Triaged',
            mailboxAddress: p(...ENV.mailbox),
          }, { runAfter: { Post_in_the_triage_channel: ['Succeeded'] } }),
        },
        else: { actions: {} },
      },
    },
  });
}

export default function build(ctx) {
  const wf = (name, id) => `Workflows/${fileBase(name, id)}.json`;
  const classify = { name: 'Email Triage - Classify Shared Mailbox', id: IDS.classify };
  const archive = { name: 'Email Triage - Archive Attachments', id: IDS.archive };
  classify.json = wf(classify.name, classify.id);
  archive.json = wf(archive.name, archive.id);

  ctx.file(`${SRC}/${classify.json}`, classifyFlow());
  ctx.file(`${SRC}/${classify.json}.data.xml`, `${XML_DECL}\n${cloudWorkflowXml({ ...classify, jsonName: classify.json.slice(10) })}\n`);
  const inputs = [
    { name: 'In_Mailbox', friendlyName: 'Mailbox' },
    { name: 'In_ArchiveKey', friendlyName: 'ArchiveKey', optional: true, default: 'a7F3k9Q2x8L1m4N6' },
    { name: 'In_Category', friendlyName: 'Category', default: 'General' },
  ];
  const outputs = [{ name: 'Out_ArchivedCount', friendlyName: 'ArchivedCount', type: 'number' }];
  const sidecar = `${SRC}/${archive.json}.data.xml`;
  const script = ctx.script(ARCHIVE, { flow: archive.name, file: sidecar });
  const bins = desktopBinaries(archive.id, 'EmailTriage/archive', { credentials: ['TRIAGE-MAILBOX', 'TRIAGE-EXCHANGE'] });
  for (const [rel, content] of Object.entries(bins.files)) ctx.file(`${SRC}/${rel}`, content);
  ctx.file(`${SRC}/${archive.json}`, desktopStubJson(inputs, outputs) + '\n');
  ctx.file(sidecar, `${XML_DECL}\n${desktopWorkflowXml({ ...archive, jsonName: archive.json.slice(10), script, inputs, outputs, binaries: bins.ids, credentials: true })}\n`);

  ctx.file(`${SRC}/Other/Customizations.xml`, customizationsXml({
    connectionReferences: [
      { logicalName: CONN.outlook, displayName: 'Email Triage - Office 365 Outlook', connector: 'shared_office365' },
      { logicalName: CONN.keyvault, displayName: 'Email Triage - Azure Key Vault', connector: 'shared_keyvault' },
      { logicalName: CONN.dataverse, displayName: 'Email Triage - Dataverse', connector: 'shared_commondataserviceforapps' },
      { logicalName: CONN.sharepoint, displayName: 'Email Triage - SharePoint', connector: 'shared_sharepointonline' },
      { logicalName: CONN.uiflow, displayName: 'Email Triage - Desktop flows', connector: 'shared_uiflow' },
      { logicalName: CONN.teams, displayName: 'Email Triage - Microsoft Teams', connector: 'shared_teams', mark: '⟦+alm solution/unused-reference: no flow uses the Teams connection reference (the flow embeds its own connection)⟧' },
    ],
  }));
  const envVars = [
    { schemaName: 'et_SharedMailbox', displayName: ENV.mailbox[0], type: 'String' },
    { schemaName: 'et_TriageEnabled', displayName: ENV.enabled[0], type: 'Boolean', defaultValue: 'yes' },
    { schemaName: 'et_CategoryMap', displayName: ENV.categories[0], type: 'JSON' },
    { schemaName: 'et_MaxAttachmentMb', displayName: ENV.maxMb[0], type: 'Number', defaultValue: '10' },
    { schemaName: 'et_TriageTeam', displayName: ENV.team[0], type: 'JSON' },
    { schemaName: 'et_ArchiveKey', displayName: 'Archive Key', type: 'Secret', description: 'AES key for archived attachments (Key Vault).' },
  ];
  for (const v of envVars) ctx.file(`${SRC}/environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`, envVarXml(v));
  ctx.file(`${SRC}/Other/Solution.xml`, solutionXml({
    uniqueName: 'EmailTriage', displayName: 'Email Triage', version: '1.2.5.0', managed: 2, publisher: PUBLISHER,
    description: 'Classifies the shared-services mailbox and archives attachments.',
    rootComponents: [{ type: 29, id: classify.id }, { type: 29, id: archive.id }],
  }));
  ctx.file(`${ROOT}/EmailTriage.cdsproj`, `<?xml version="1.0" encoding="utf-8"?>
<Project ToolsVersion="15.0" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <PropertyGroup>
    <PowerAppsTargetsPath>$(MSBuildExtensionsPath)\\Microsoft\\VisualStudio\\v$(VisualStudioVersion)\\PowerApps</PowerAppsTargetsPath>
  </PropertyGroup>
  <Import Project="$(MSBuildExtensionsPath)\\$(MSBuildToolsVersion)\\Microsoft.Common.props" />
  <Import Project="$(PowerAppsTargetsPath)\\Microsoft.PowerApps.VisualStudio.Solution.props" Condition="Exists('$(PowerAppsTargetsPath)\\Microsoft.PowerApps.VisualStudio.Solution.props')" />
  <PropertyGroup>
    <ProjectGuid>${guid('EmailTriage/project')}</ProjectGuid>
    <TargetFrameworkVersion>v4.6.2</TargetFrameworkVersion>
    <TargetFramework>net462</TargetFramework>
    <RestoreProjectStyle>PackageReference</RestoreProjectStyle>
    <SolutionRootPath>src</SolutionRootPath>
  </PropertyGroup>
  <PropertyGroup>
    <SolutionPackageType>Managed</SolutionPackageType>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.PowerApps.MSBuild.Solution" Version="1.*" />
  </ItemGroup>
  <Import Project="$(MSBuildToolsPath)\\Microsoft.Common.targets" />
  <Import Project="$(PowerAppsTargetsPath)\\Microsoft.PowerApps.VisualStudio.Solution.targets" Condition="Exists('$(PowerAppsTargetsPath)\\Microsoft.PowerApps.VisualStudio.Solution.targets')" />
</Project>
`);

  const sharedOutlook = hex32('et-outlook-dev-test');
  const kv = (vault, sub) => `/subscriptions/${sub}/resourceGroups/rg-shared-rpa/providers/Microsoft.KeyVault/vaults/${vault}/secrets/triage-archive-key`;
  const conn = (logical, connector, id) => ({ LogicalName: logical, ConnectionId: id, ConnectorId: `/providers/Microsoft.PowerApps/apis/${connector}` });
  const settings = {
    Dev: {
      values: {
        et_SharedMailbox: 'triage-dev@contoso.com', et_TriageEnabled: 'yes', et_CategoryMap: '{"invoice":"AP","remittance":"AR","complaint":"CustomerCare"}',
        et_MaxAttachmentMb: '10', et_TriageTeam: '{"groupId":"1e5a9c3d-7b2f-4d8e-b0a6-4c8e2f6a9d13","channelId":"19:7c2e5a9b1d4f@thread.tacv2"}',
        et_ArchiveKey: kv('kv-contoso-rpa-dev', '2f5c8a91-7d3e-4b6a-9c1f-0e8d7b6a5c43'),
      },
      outlook: `${sharedOutlook}⟦~et-shared-outlook⟧`,
    },
    Test: {
      values: {
        et_SharedMailbox: 'triage-test@contoso.com', et_TriageEnabled: 'yes', et_CategoryMap: '{"invoice":"AP","remittance":"AR","complaint":"CustomerCare"}',
        et_MaxAttachmentMb: '10', et_TriageTeam: '{"groupId":"6b0d4f8a-2c9e-4a1b-9d7f-3e5c1a8b0d62","channelId":"19:3f9b1d7e5a2c@thread.tacv2"}',
        et_ArchiveKey: kv('kv-contoso-rpa-test', '2f5c8a91-7d3e-4b6a-9c1f-0e8d7b6a5c43'),
      },
      outlook: `${sharedOutlook}⟦+@et-shared-outlook alm settings/shared-connection: Test is bound to the same Outlook connection as Dev⟧`,
    },
    Prod: {
      values: {
        et_SharedMailbox: 'shared-services@contoso.com', et_TriageEnabled: 'yes', et_CategoryMap: '{"invoice":"AP","remittance":"AR","complaint":"CustomerCare","claim":"Claims"}',
        et_MaxAttachmentMb: '25', et_TriageTeam: '{"groupId":"9a3c7e1f-5d8b-4f2a-b6e0-2d4a8c6f1b39","channelId":"19:8e4a2c6f0b1d@thread.tacv2"}',
        et_ArchiveKey: `${kv('kv-contoso-rpa-dev', '2f5c8a91-7d3e-4b6a-9c1f-0e8d7b6a5c43')}⟦+alm settings/environment-bleed: Prod reads the archive key from the Dev key vault⟧`,
      },
      outlook: hex32('et-outlook-prod'),
    },
  };
  for (const [env, s] of Object.entries(settings)) {
    ctx.file(`${ROOT}/config/${env}/deploymentSettings.json`, settingsText({
      EnvironmentVariables: Object.entries(s.values).map(([SchemaName, Value]) => ({ SchemaName, Value })),
      ConnectionReferences: [
        conn(CONN.outlook, 'shared_office365', s.outlook),
        conn(CONN.keyvault, 'shared_keyvault', hex32(`et-kv-${env}`)),
        conn(CONN.dataverse, 'shared_commondataserviceforapps', hex32(`et-dv-${env}`)),
        conn(CONN.sharepoint, 'shared_sharepointonline', hex32(`et-sp-${env}`)),
        conn(CONN.uiflow, 'shared_uiflow', hex32(`et-ui-${env}`)),
        conn(CONN.teams, 'shared_teams', hex32(`et-teams-${env}`)),
      ],
    }) + '\n');
  }
}
