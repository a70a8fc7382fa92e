// Northwind Financial — daily bank reconciliation: MT940 statements from Northbank over SFTP, PGP
// decryption, staging in SQL Server, matches posted to the ERP, exceptions reported weekly.
// Layout: `pac solution clone` (.cdsproj + src/), settings config/<Solution>.<Env>.deploymentsettings.json.
import { cloudFile, connRef, envParam, guid, host, json, meta, robin, type Solution, writeSolution, writeText } from './lib';

const DIR = 'NorthbankReconciliation';
const FETCH_ID = guid('nbr-fetch');
const POST_ID = guid('nbr-post');

const fetchScript = robin(String.raw`
@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [Input_SftpPassword, Input_PgpPassphrase, AccountKey]
@INPUT Input_SftpHost : { 'Description': 'SFTP host of the bank (environment variable nbr_SftpHost).', 'FriendlyName': 'Input_SftpHost', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT Input_SftpUser : { 'Description': 'SFTP account.', 'FriendlyName': 'Input_SftpUser', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT Input_SftpPassword : { 'Description': 'SFTP password (from the Secret environment variable).', 'FriendlyName': 'Input_SftpPassword', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ⟦+pad/secret-input-variable|nbr-fetch-input-sftp-password|SFTP password arrives as an input instead of Get credential⟧
@INPUT Input_PgpPassphrase : { 'Description': 'Passphrase of the Northbank PGP key.', 'FriendlyName': 'Input_PgpPassphrase', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ⟦+pad/secret-input-variable|nbr-fetch-input-pgp-passphrase|PGP passphrase arrives as an input instead of Get credential⟧
@OUTPUT Output_StatementCount : { 'Description': 'Number of statements loaded.', 'FriendlyName': 'Output_StatementCount', 'Type': 'Numeric' } 
# Downloads the MT940 statements from Northbank, decrypts them (PGP) and loads them into the recon staging database.
**REGION Folders
SET LocalInbox TO $'''C:\\Users\\svc_recon\\AppData\\Local\\Recon\\Inbox''' ⟦+pad/environment-specific-path|nbr-fetch-user-profile-inbox|user-profile path of one service account⟧
Folder.GetSpecialFolder SpecialFolder: Folder.SpecialFolder.ApplicationData SpecialFolderPath=> AppDataFolder
SET KeyFolder TO $'''%AppDataFolder%\\Recon\\keys''' ⟦-environment-specific|nbr-trap-keyfolder-special|built on a special folder⟧
SET ReportFolder TO $'''Reports\\Recon''' ⟦-environment-specific|nbr-trap-relative-report-folder|relative path⟧
Variables.CreateNewList List=> StatementFiles
**ENDREGION
**REGION Download from Northbank
FTP.OpenSecureConnection.ConnectWithSftpUsernameAndPassword Host: Input_SftpHost Port: 22 Username: Input_SftpUser Password: Input_SftpPassword AcceptHostKey: True Timeout: 30 FtpConnection=> SftpConnection ⟦-credential|nbr-trap-sftp-password-input|Password fed by a sensitive input⟧ ⟦-machine|nbr-trap-sftp-host-input|Host fed by an input⟧
FTP.ChangeWorkingDirectory FtpConnection: SftpConnection DirectoryName: $'''/outbound/mt940''' ⟦-environment-specific|nbr-trap-remote-dir|directory on the remote server, not a local path⟧
FTP.DownloadFiles FtpConnection: SftpConnection RemoteFiles: $'''*.pgp''' LocalDirectory: LocalInbox TransferType: FTP.TransferType.Binary DownloadedFiles=> DownloadedFiles
ON ERROR
    Variables.CreateNewList List=> DownloadedFiles
END
FTP.CloseConnection FtpConnection: SftpConnection
# Fallback: the DR site still runs the old SFTP box with key authentication.
IF DownloadedFiles.Count = 0 THEN
    FTP.OpenSecureConnection.ConnectWithSftpPrivateKeyAndPassPhrase Host: $'''192.168.40.17''' Port: 2222 Username: $'''recon''' PathToPrivateKey: $'''%KeyFolder%\\recon_dr.ppk''' PrivateKeyPassPhrase: $'''dr-K3y-Phrase!''' AcceptHostKey: True Timeout: 30 FtpConnection=> DrConnection ⟦+pad/hardcoded-machine|nbr-fetch-dr-sftp-ip|IP address of the DR SFTP server⟧ ⟦-environment-specific|nbr-trap-key-path-variable|key path built on a special-folder variable⟧ ⟦+pad/plaintext-secret|nbr-fetch-dr-passphrase|private key passphrase written literally⟧
    FTP.DownloadFiles FtpConnection: DrConnection RemoteFiles: $'''/dr/outbound/*.pgp''' LocalDirectory: LocalInbox TransferType: FTP.TransferType.Binary DownloadedFiles=> DownloadedFiles
    FTP.CloseConnection FtpConnection: DrConnection
END
**ENDREGION
**REGION Decrypt
Folder.GetFiles Folder: LocalInbox FileFilter: $'''*.pgp''' IncludeSubfolders: False FailOnAccessDenied: True SortBy1: Folder.SortBy.NoSort SortDescending1: False SortBy2: Folder.SortBy.NoSort SortDescending2: False SortBy3: Folder.SortBy.NoSort SortDescending3: False Files=> EncryptedStatements
File.ReadTextFromFile.ReadText File: $'''%KeyFolder%\\legacy_private.asc''' Encoding: File.TextFileEncoding.UTF8 Content=> LegacyPrivateKey ⟦+pad/sensitive-not-marked|nbr-fetch-legacy-key-not-sensitive|private key text read into LegacyPrivateKey (used as PrivateKeyText) is not in @SENSITIVE⟧
LOOP FOREACH EncryptedStatement IN EncryptedStatements
    IF StartsWith(EncryptedStatement.Name, $'''LEG_''', True) THEN
        PGP.PgpDecryptFile.PgpDecryptFilePrivateKeyAsText FileToDecrypt: EncryptedStatement DecryptedFilePath: $'''%LocalInbox%\\%EncryptedStatement.NameWithoutExtension%.sta''' PrivateKeyText: LegacyPrivateKey Passphrase: $'''''' DecryptedFile=> StatementFile ⟦-credential|nbr-trap-empty-passphrase|empty passphrase literal (the legacy key has none)⟧
    ELSE
        PGP.PgpDecryptFile.PgpDecryptFile FileToDecrypt: EncryptedStatement DecryptedFilePath: $'''%LocalInbox%\\%EncryptedStatement.NameWithoutExtension%.sta''' PrivateKeyFilePath: $'''%KeyFolder%\\northbank_private.asc''' Passphrase: Input_PgpPassphrase DecryptedFile=> StatementFile ⟦-credential|nbr-trap-passphrase-input|Passphrase fed by a sensitive input⟧
    END
    Variables.AddItemToList Item: StatementFile List: StatementFiles
END
**ENDREGION
**REGION Load into staging
PowerAutomateSecretVariables.GetCredential Credential: $'''nbr_StatementAesKey''' Timeout: 0 Credential=> AesKeyCredential ⟦-credential|nbr-trap-get-credential-aes|Get credential⟧
SET AccountKey TO AesKeyCredential.Password ⟦-credential|nbr-trap-credential-into-sensitive|credential password copied into a sensitive variable⟧
SET StagingConnection TO $'''Provider=MSOLEDBSQL;Server=NBRSQL02\\RECON;Database=ReconStaging;Integrated Security=SSPI;''' ⟦+pad/hardcoded-machine|nbr-fetch-staging-server|Server= names the staging SQL instance⟧ ⟦-credential|nbr-trap-integrated-security|connection string without a password (Integrated Security)⟧
Database.Connect.Connect ConnectionString: StagingConnection Connection=> SqlConnection
LOOP FOREACH StatementFile IN StatementFiles
    File.ReadTextFromFile.ReadTextAsList File: StatementFile Encoding: File.TextFileEncoding.UTF8 Contents=> StatementLines
    Text.ParseText.RegexParseForFirstOccurrence Text: StatementLines[1] TextToFind: $''':25:(.+)''' StartingPosition: 0 IgnoreCase: False OccurrencePosition=> AccountPosition Match=> AccountNumber
    Cryptography.EncryptText.EncryptTextWithAES Encoding: Cryptography.EncryptionEncoding.UTF8 TextToEncrypt: AccountNumber EncryptionKey: AccountKey Padding: Cryptography.PaddingMode.PKCS7 KeySize: Cryptography.AESKeySize.Bits256 EncryptedText=> EncryptedAccount ⟦-credential|nbr-trap-encryption-key-variable|EncryptionKey fed by a sensitive variable⟧
    Database.ExecuteSqlStatement.Execute Connection: SqlConnection Statement: $'''INSERT INTO dbo.Statement (FileName, AccountHash, LineCount) VALUES (\'%StatementFile.Name%\', \'%EncryptedAccount%\', %StatementLines.Count%)''' Timeout: 30 Result=> InsertResult
END
Database.Close Connection: SqlConnection
**ENDREGION
**REGION Summary workbook
Excel.LaunchExcel.Launch Visible: False LoadAddInsAndMacros: False Instance=> ExcelSummary
Excel.WriteToExcel.WriteCell Instance: ExcelSummary Value: StatementFiles.Count Column: $'''A''' Row: 1
Excel.CloseExcel.CloseAndSaveAs Instance: ExcelSummary DocumentFormat: Excel.ExcelFormat.FromExtension DocumentPath: $'''%ReportFolder%\\recon_summary.xlsx'''
**ENDREGION
SET Output_StatementCount TO StatementFiles.Count
`);

const postScript = robin(String.raw`
@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [Input_ErpApiKey]
@INPUT Input_ErpApiKey : { 'Description': 'API key of the ERP recon endpoint.', 'FriendlyName': 'Input_ErpApiKey', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ⟦+pad/secret-input-variable|nbr-post-input-erp-key|ERP API key arrives as an input instead of Get credential⟧
@INPUT Input_ErpBaseUrl : { 'Description': 'Base URL of the ERP API (environment variable nbr_ErpApiBaseUrl).', 'FriendlyName': 'Input_ErpBaseUrl', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT Input_MatchFile : { 'Description': 'JSON file with the matched lines.', 'FriendlyName': 'Input_MatchFile', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@OUTPUT Output_Posted : { 'Description': 'HTTP status of the ERP post.', 'FriendlyName': 'Output_Posted', 'Type': 'Numeric' } 
# Posts the matched statement lines to the ERP and mails the treasury team. Power Fx enabled.
File.ReadTextFromFile.ReadText File: $fx'=Input_MatchFile' Encoding: File.TextFileEncoding.UTF8 Content=> MatchJson
SET ErpHeaders TO $fx'x-api-key: ¤{Input_ErpApiKey}' ⟦+pad/sensitive-not-marked|nbr-post-headers-not-sensitive|sensitive API key interpolated into ErpHeaders, which is not sensitive⟧
Web.InvokeWebService.InvokeWebService Url: $fx'¤{Input_ErpBaseUrl}/recon/matches' Method: Web.Method.Post Accept: $fx'application/json' ContentType: $fx'application/json' CustomHeaders: $fx'=ErpHeaders' RequestBody: $fx'=MatchJson' ConnectionTimeout: $fx'=30' FollowRedirection: $fx'=true' ClearCookies: $fx'=false' FailOnErrorStatus: $fx'=true' EncodeRequestBody: $fx'=false' UserAgent: $fx'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: $fx'=false' ResponseHeaders=> ErpResponseHeaders Response=> ErpResponse StatusCode=> ErpStatus ⟦-environment-specific|nbr-trap-url-from-input|URL built from an input⟧
SET FxRateUrl TO $fx'https://fxrates.northwind-fin.com/api/v1/rates?base=EUR' ⟦+pad/environment-specific-url|nbr-post-fxrates-url|URL of the company FX rate service written in the flow⟧
Web.InvokeWebService.InvokeWebService Url: $fx'=FxRateUrl' Method: Web.Method.Get Accept: $fx'application/json' ContentType: $fx'application/json' CustomHeaders: $fx'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyZWNvbi1ib3QiLCJzY29wZSI6InJhdGVzLnJlYWQifQ.4f8kP0wq9nZr2Lx7Vb1cT3mY6sQ8dH5jK0aE2uI9oWg' ConnectionTimeout: $fx'=30' FollowRedirection: $fx'=true' ClearCookies: $fx'=false' FailOnErrorStatus: $fx'=true' EncodeRequestBody: $fx'=false' UserAgent: $fx'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: $fx'=false' ResponseHeaders=> FxHeaders Response=> FxResponse StatusCode=> FxStatus ⟦+pad/plaintext-secret|nbr-post-bearer-literal|bearer token written in CustomHeaders⟧
Variables.ConvertJsonToCustomObject Json: $fx'=FxResponse' CustomObject=> FxRates
Exchange.ConnectToExchangeServer.ConnectToServerWithCredentials ServerAddress: $fx'https://mail.northwind-fin.local/EWS/Exchange.asmx' ServerVersion: Exchange.ExchangeServerVersion.Exchange2013_SP1 Domain: $fx'NWFIN' Username: $fx'svc-recon' Password: $fx'Exch@nge-Recon-24' ExchangeConnection=> ExchangeConn ⟦+pad/hardcoded-machine|nbr-post-exchange-host|internal Exchange server in ServerAddress⟧ ⟦-environment-specific|nbr-trap-exchange-url-dup|internal host in a URL: labeled once, as a hardcoded machine⟧ ⟦+pad/plaintext-secret|nbr-post-exchange-password|Exchange password written literally⟧
Exchange.SendMessage ExchangeConnection: $fx'=ExchangeConn' From: $fx'recon-bot@northwind-fin.com' SendTo: $fx'treasury-ops@northwind-fin.com' Subject: $fx'Recon posted: ¤{ErpStatus}' Body: $fx'Matches posted with rate ¤{FxRates.rates.USD}. Log: https://northwindfin.sharepoint.com/sites/Treasury/Lists/ReconLog' IsBodyHtml: $fx'=false' ⟦-environment-specific|nbr-trap-url-in-mail-body|URL inside a message body⟧
SET Output_Posted TO $fx'=ErpStatus'
`);

const sol: Solution = {
  dir: `${DIR}/SolutionPackage`,
  layout: 'cdsproj',
  uniqueName: 'NorthbankReconciliation',
  displayName: 'Northbank Reconciliation',
  description: 'Daily reconciliation of Northbank statements against the ERP.',
  version: '1.8.0.3',
  publisher: { uniqueName: 'northwindfinance', displayName: 'Northwind Financial', prefix: 'nbr', optionValuePrefix: 33870 },
  envVars: [
    { schemaName: 'nbr_SftpHost', displayName: 'SFTP Host', description: 'SFTP host of Northbank.', type: 100000000 },
    { schemaName: 'nbr_SftpPassword', displayName: 'SFTP Password', description: 'Password of the Northbank SFTP account.', type: 100000005, secretStore: 0,
      mark: '⟦-alm:solution/unused-reference|nbr-trap-secret-read-by-name|a Secret environment variable is read by name (RetrieveEnvironmentVariableSecretValue), not through a parameter⟧' },
    { schemaName: 'nbr_PgpPassphrase', displayName: 'PGP Passphrase', description: 'Passphrase of the PGP private key for Northbank statements.', type: 100000000,
      mark: '⟦+solution/secret-env-var-as-text|nbr-envvar-passphrase-as-text|PGP passphrase kept in a Text environment variable⟧', typeMark: '⟦^nbr-envvar-passphrase-as-text⟧' },
    { schemaName: 'nbr_ErpApiBaseUrl', displayName: 'ERP API Base Url', description: 'Base URL of the ERP recon API.', type: 100000000 },
    { schemaName: 'nbr_ReconTeamsChannel', displayName: 'Recon Teams Channel', description: 'Team id and channel id of the recon channel, separated by a bar.', type: 100000000 },
    { schemaName: 'nbr_ExceptionsSiteUrl', displayName: 'Exceptions Site Url', description: 'SharePoint site of the recon exceptions library.', type: 100000000 },
    { schemaName: 'nbr_StatementRetentionDays', displayName: 'Statement Retention Days', description: 'Days to keep archived statements.', type: 100000001, defaultValue: '400' },
  ],
  connRefs: [
    { logicalName: 'nbr_shareduiflow_3f7a2', displayName: 'Desktop flows - Recon bots', connectorId: '/providers/Microsoft.PowerApps/apis/shared_uiflow' },
    { logicalName: 'nbr_sharedcommondataserviceforapps_9b1e4', displayName: 'Dataverse - Recon', connectorId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' },
    { logicalName: 'nbr_sharedteams_2a6c8', displayName: 'Teams - Recon', connectorId: '/providers/Microsoft.PowerApps/apis/shared_teams' },
    { logicalName: 'nbr_sharedazureblob_7e3d0', displayName: 'Azure Blob - Statement archive', connectorId: '/providers/Microsoft.PowerApps/apis/shared_azureblob' },
    { logicalName: 'nbr_sharedsql_4c9f1', displayName: 'SQL - Recon', connectorId: '/providers/Microsoft.PowerApps/apis/shared_sql' },
    { logicalName: 'nbr_sharedsharepointonline_8d2b5', displayName: 'SharePoint - Recon exceptions', connectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' },
    { logicalName: 'nbr_sharedoffice365_6a1f3', displayName: 'Outlook - Recon', connectorId: '/providers/Microsoft.PowerApps/apis/shared_office365' },
  ],
  desktopFlows: [
    { name: 'Recon - Fetch Statements via SFTP', id: FETCH_ID, script: fetchScript, description: 'Downloads, decrypts and stages the Northbank statements.' },
    { name: 'Recon - Post Matches to ERP', id: POST_ID, script: postScript, powerFx: true, description: 'Posts matched lines to the ERP.' },
  ],
  cloudFlows: [],
};

const pfx = 'MIIKWQIBAzCCCh8GCSqGSIb3DQEHAaCCChAEggoMMIIKCDCCBL8GCSqGSIb3DQEHBqCCBLAwggSsAgEAMIIEpQYJKoZIhvcNAQcBMBwGCiqGSIb3DQEMAQYwDgQIq7Xx1cFz9VECAggAgIIEeFq0Zb3QxL4mR8vT2nP6sW1yK9dH3jF7gA5cE0bN2uM4iO8pL6kY1tS3rV9wX2zQ7aD5fG0hJ4lC8nB6mE1oP3qR9sT2uV5xW7yZ0aB4cD6eF8gH1iJ3kL5mN7oP9qR2sT4uV6wX8yZ0aC2dE4fG6hI8jK0lM2nO4pQ6rS8tU0vW2xY4zA6bC8dE0fG2hI4jK6lM8nO0pQ2rS4tU6vW8xY0zA2bC4dE6fG8hI0jK2lM4nO6pQ8rS0tU2vW4xY6zA8bC0dE2fG4hI6jK8lM0nO2pQ4rS6tU8vW0xY2zA4bC6dE8fG0hI2jK4lM6nO8pQ0rS2tU4vW6xY8zA0bC2dE4fG6hI8jK0lM2nO4pQ6rS8tU0vW2xY4zA6bC8dE0fG2hI4jK6lM8nO0pQ2rS4tU6vW8xY0zA2bC4dE6fG8hI0jK2lM4nO6pQ8rS0tU2vW4xY6zA8bC0dE2fG4hI6jK8lM0nO2pQ4rS6tU8vW0xY2zA4bC6dE8fG0hI2jK4lM6nO8pQ0rS2tU4vW6xY8zA==';

sol.cloudFlows.push({
  name: 'Recon - Daily Orchestrator',
  id: guid('nbr-orchestrator'),
  description: 'Runs the statement download, posts the matches and reports to Teams.',
  json: cloudFile(
    {
      shared_uiflow: connRef('nbr_shareduiflow_3f7a2', 'shared_uiflow'),
      shared_commondataserviceforapps: connRef('nbr_sharedcommondataserviceforapps_9b1e4', 'shared_commondataserviceforapps'),
      shared_teams: connRef('nbr_sharedteams_2a6c8', 'shared_teams'),
      shared_azureblob: connRef('nbr_sharedazureblob_7e3d0', 'shared_azureblob'),
    },
    [
      envParam('SFTP Host', 'nbr_SftpHost', 'String', 'sftp-uat.northbank-partners.com⟦-machine|nbr-trap-param-default-sftp|parameter defaultValue snapshot of the env var⟧'),
      envParam('PGP Passphrase', 'nbr_PgpPassphrase', 'String', ''),
      envParam('ERP API Base Url', 'nbr_ErpApiBaseUrl', 'String', 'https://erp-api-dev.northwind-fin.com⟦-environment-specific|nbr-trap-param-default-erp|parameter defaultValue snapshot of the env var⟧'),
      envParam('Recon Teams Channel', 'nbr_ReconTeamsChannel', 'String', '19a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b|19:3f9c0a1b2c3d4e5f@thread.tacv2'),
      envParam('Statement Retention Days', 'nbr_StatementRetentionDays', 'Int', 400),
    ],
    {
      Recurrence: {
        recurrence: { frequency: 'Week', interval: 1, timeZone: 'W. Europe Standard Time', schedule: { weekDays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], hours: ['5'], minutes: [30] } },
        metadata: meta('nbr-orch-trigger'),
        type: 'Recurrence',
      },
    },
    {
      'Get_SFTP_password⟦-credential|nbr-trap-secret-read-secured|secret environment variable read with secure outputs⟧': {
        runAfter: {},
        metadata: meta('nbr-orch-a1'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'PerformUnboundAction'),
          parameters: { actionName: 'RetrieveEnvironmentVariableSecretValue', 'item/EnvironmentVariableName': 'nbr_sftppassword' },
          authentication: "@parameters('$authentication')",
        },
        runtimeConfiguration: { secureData: { properties: ['outputs'] } },
      },
      'Run_statement_download⟦-credential|nbr-trap-run-download-secured|desktop-flow run with sensitive inputs and secure inputs⟧': {
        runAfter: { Get_SFTP_password: ['Succeeded'] },
        metadata: meta('nbr-orch-a2'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_uiflow', 'shared_uiflow', 'RunUIFlow_V2'),
          parameters: {
            uiFlowId: FETCH_ID,
            runMode: 'unattended',
            runPriority: 'high',
            'item/Input_SftpHost': "@parameters('SFTP Host (nbr_SftpHost)')",
            'item/Input_SftpUser': 'nbr-recon⟦-credential|nbr-trap-sftp-user|a user name is not a secret⟧',
            'item/Input_SftpPassword': "@body('Get_SFTP_password')?['EnvironmentVariableSecretValue']",
            'item/Input_PgpPassphrase': "@parameters('PGP Passphrase (nbr_PgpPassphrase)')",
          },
          authentication: "@parameters('$authentication')",
        },
        runtimeConfiguration: { secureData: { properties: ['inputs'] }, timeout: 'PT3H' },
      },
      'Run_post_matches⟦+cloud/unsecured-secret|nbr-orch-run-post-unsecured|desktop flow with a sensitive input run without secure inputs⟧': {
        runAfter: { Run_statement_download: ['Succeeded'] },
        metadata: meta('nbr-orch-a3'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_uiflow', 'shared_uiflow', 'RunUIFlow_V2'),
          parameters: {
            uiFlowId: POST_ID,
            runMode: 'unattended',
            runPriority: 'normal',
            'item/Input_ErpApiKey': 'nb-erp-7Hq2Lm9Xv4Rt8Kp3Wz6Y⟦+cloud/plaintext-secret|nbr-orch-erp-key-literal|literal API key passed to the sensitive input Input_ErpApiKey⟧',
            'item/Input_ErpBaseUrl': "@parameters('ERP API Base Url (nbr_ErpApiBaseUrl)')",
            'item/Input_MatchFile': 'Reports\\Recon\\matches.json⟦-environment-specific|nbr-trap-relative-match-file|relative path passed to the desktop flow⟧',
          },
          authentication: "@parameters('$authentication')",
        },
      },
      'Get_account_balance⟦+cloud/unsecured-secret|nbr-orch-cert-auth-unsecured|HTTP with client-certificate credentials without secure inputs⟧': {
        runAfter: { Run_post_matches: ['Succeeded'] },
        metadata: meta('nbr-orch-a4'),
        type: 'Http',
        inputs: {
          method: 'GET',
          uri: 'https://api.northbank-partners.com/v2/accounts/NL91NBNK0417164300/balance⟦-environment-specific|nbr-orch-bank-api-url|the partner bank API (issue 12: a third-party host with no environment or organisation evidence in the tree; a label before, see README "Corrections")⟧',
          authentication: {
            type: 'ClientCertificate',
            pfx: `${pfx}⟦+cloud/plaintext-secret|nbr-orch-pfx-literal|client certificate (with private key) pasted into the flow⟧`,
            password: 'Nbk-Cert-2025!⟦+cloud/plaintext-secret|nbr-orch-pfx-password|pfx password written in the flow⟧',
          },
        },
      },
      Archive_statements: {
        runAfter: { Get_account_balance: ['Succeeded'] },
        metadata: meta('nbr-orch-a5'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_azureblob', 'shared_azureblob', 'CreateFile_V2'),
          parameters: {
            dataset: 'AccountNameFromSettings⟦-environment-specific|nbr-trap-blob-account-from-settings|AccountNameFromSettings means the account of the connection⟧',
            folderPath: "/statements/@{formatDateTime(utcNow(), 'yyyy/MM')}⟦-environment-specific|nbr-trap-blob-folder|container path, not a machine path⟧",
            name: "@{formatDateTime(utcNow(), 'yyyyMMdd')}_balance.json",
            body: "@body('Get_account_balance')",
          },
          authentication: "@parameters('$authentication')",
        },
      },
      Post_summary_to_Teams: {
        runAfter: { Archive_statements: ['Succeeded'] },
        metadata: meta('nbr-orch-a6'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_teams', 'shared_teams', 'PostMessageToConversation'),
          parameters: {
            poster: 'Flow bot',
            location: 'Channel',
            'body/recipient/groupId': "@{first(split(parameters('Recon Teams Channel (nbr_ReconTeamsChannel)'), '|'))}",
            'body/recipient/channelId': "@{last(split(parameters('Recon Teams Channel (nbr_ReconTeamsChannel)'), '|'))}⟦-environment-specific|nbr-trap-channel-param|channel read from an environment variable⟧",
            'body/messageBody': "<p>Reconciliation done: @{outputs('Run_statement_download')?['body/Output_StatementCount']} statements, ERP status @{outputs('Run_post_matches')?['body/Output_Posted']}. Statements are kept @{parameters('Statement Retention Days (nbr_StatementRetentionDays)')} days.</p>",
          },
          authentication: "@parameters('$authentication')",
        },
      },
    },
  ),
});

sol.cloudFlows.push({
  name: 'Recon - Exceptions Report',
  id: guid('nbr-exceptions'),
  description: 'Weekly list of unmatched statement lines for treasury.',
  indent: 4,
  json: cloudFile(
    {
      shared_sql: connRef('nbr_sharedsql_4c9f1', 'shared_sql'),
      shared_sharepointonline: connRef('nbr_sharedsharepointonline_8d2b5', 'shared_sharepointonline'),
      shared_office365: connRef('nbr_sharedoffice365_6a1f3', 'shared_office365'),
      'shared_flowmanagement⟦+cloud/embedded-connection|nbr-exceptions-embedded-flowmanagement|connection embedded in the flow instead of a connection reference⟧': {
        connectionName: 'shared-flowmanagem-5f1a9c2e-3b7d-4e8f-a6c0-1d2e3f4a5b6c',
        source: 'Embedded',
        id: '/providers/Microsoft.PowerApps/apis/shared_flowmanagement',
        tier: 'NotSpecified',
      },
    },
    [envParam('Exceptions Site Url', 'nbr_ExceptionsSiteUrl', 'String', 'https://northwindfin.sharepoint.com/sites/Treasury-Dev⟦-environment-specific|nbr-trap-param-default-site|parameter defaultValue snapshot of the env var⟧')],
    {
      Recurrence: {
        recurrence: { frequency: 'Week', interval: 1, timeZone: 'W. Europe Standard Time', schedule: { weekDays: ['Friday'], hours: ['16'] } },
        metadata: meta('nbr-exc-trigger'),
        type: 'Recurrence',
      },
    },
    {
      Get_exceptions: {
        runAfter: {},
        metadata: meta('nbr-exc-a1'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_sql', 'shared_sql', 'ExecutePassThroughNativeQuery_V2'),
          parameters: {
            server: 'nbr-sql-recon.database.windows.net⟦+cloud/hardcoded-machine|nbr-exc-sql-server|SQL server name hard-coded in the query action⟧',
            database: 'Recon',
            'query/query': "SELECT StatementDate, AccountHash, Amount, Reason FROM dbo.Exceptions WHERE Status = 'OPEN'",
          },
          authentication: "@parameters('$authentication')",
        },
      },
      'Get_ERP_open_items⟦+cloud/unsecured-secret|nbr-exc-aad-unsecured|HTTP with a client secret without secure inputs⟧': {
        runAfter: { Get_exceptions: ['Succeeded'] },
        metadata: meta('nbr-exc-a2'),
        type: 'Http',
        inputs: {
          method: 'GET',
          uri: 'https://erp-api-dev.northwind-fin.com/recon/exceptions?status=open⟦+cloud/environment-specific-value|nbr-exc-erp-dev-url|Dev ERP API URL hard-coded⟧',
          authentication: {
            type: 'ActiveDirectoryOAuth',
            tenant: '4b7c2d9e-1f3a-4e5b-8c6d-0a9b8c7d6e5f',
            audience: 'api://northwind-erp-recon',
            clientId: '5e1a7c3d-9b2f-4a6e-b8c0-2d4f6a8b0c1e',
            secret: 'Xq38Q~hT0pV.2mL9wE4sR7uY1iO6pA3sD5fG8hJ⟦+cloud/plaintext-secret|nbr-exc-client-secret|client secret written in the HTTP authentication⟧',
          },
        },
      },
      List_flows_in_environment: {
        runAfter: { 'Get_ERP_open_items': ['Succeeded'] },
        metadata: meta('nbr-exc-a3'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_flowmanagement', 'shared_flowmanagement', 'ListFlowsInEnvironment_V2'),
          parameters: { environmentName: 'Default-4b7c2d9e-1f3a-4e5b-8c6d-0a9b8c7d6e5f⟦+cloud/environment-specific-value|nbr-exc-environment-id|environment id hard-coded⟧' },
          authentication: "@parameters('$authentication')",
        },
      },
      Create_exceptions_file: {
        runAfter: { List_flows_in_environment: ['Succeeded'] },
        metadata: meta('nbr-exc-a4'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_sharepointonline', 'shared_sharepointonline', 'CreateFile'),
          parameters: {
            dataset: "@parameters('Exceptions Site Url (nbr_ExceptionsSiteUrl)')",
            folderPath: '/Shared Documents/Exceptions⟦-environment-specific|nbr-trap-library-folder|site-relative library folder⟧',
            name: "exceptions_@{formatDateTime(utcNow(), 'yyyyMMdd')}.csv",
            body: "@body('Get_exceptions')?['ResultSets']?['Table1']",
          },
          authentication: "@parameters('$authentication')",
        },
      },
      Send_exceptions_mail: {
        runAfter: { Create_exceptions_file: ['Succeeded'] },
        metadata: meta('nbr-exc-a5'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_office365', 'shared_office365', 'SendEmailV2'),
          parameters: {
            'emailMessage/To': 'treasury-ops@northwind-fin.com',
            'emailMessage/Subject': 'Weekly reconciliation exceptions',
            'emailMessage/Body': '<p>The exceptions file is in the Exceptions library. It is not password protected: do not forward it outside Treasury.</p>⟦-credential|nbr-trap-mail-password-word|the word password in mail text⟧',
          },
          authentication: "@parameters('$authentication')",
        },
      },
    },
  ),
});

export function build(): void {
  writeSolution(sol);
  const conn = {
    uiflow: { Dev: 'shared-uiflow-0c4e8a2d-6f1b-4d9c-a3e7-5b9d1f3a7c20', Test: 'shared-uiflow-6a2c8e4b-0d7f-4b3a-9e1c-3f5b7d9a1e46', Prod: 'shared-uiflow-9e5b1d7c-3a0f-4e6b-b2d8-7c9e1a3f5b82' },
    dataverse: { Dev: 'shared-commondataser-2b8d4f0a-6c3e-4a9b-8d1f-0e2c4a6b8d31', Test: 'shared-commondataser-5e1a7c3f-9b4d-4f2e-a6c8-4d6f8b0a2c57', Prod: 'shared-commondataser-8c4f0b6e-2d9a-4c5b-9f3e-1b3d5f7a9c04' },
    teams: { Dev: 'shared-teams-3d9f5b1c-7e2a-4d8f-b4c6-6a8c0e2d4f73', Test: 'shared-teams-7f3b9d5e-1c6a-4b0d-a8e2-9c1e3a5b7d19', Prod: 'shared-teams-0a6e2c8f-4d1b-4e7a-8c3f-2d4f6b8c0e65' },
    blob: { Dev: 'shared-azureblob-4e0a6c2d-8f3b-4a1e-9d5c-7b9d1f3e5a28', Test: 'shared-azureblob-1b7d3f9e-5c0a-4e6d-b2f8-0e2a4c6d8f94', Prod: 'shared-azureblob-6c2e8a4f-0b5d-4f9c-a7e1-3a5c7e9b1d40' },
    sql: { Dev: 'shared-sql-9a5c1e7b-3d8f-4b2a-8e6c-5f7b9d1c3e86', Test: 'shared-sql-2f8b4d0c-6a1e-4c7f-9b3d-8e0a2c4f6b12', Prod: 'shared-sql-2f8b4d0c-6a1e-4c7f-9b3d-8e0a2c4f6b12⟦+settings/shared-connection|nbr-prod-sql-shared-with-test|Prod binds the SQL reference to the Test connection⟧' },
    sharepoint: { Dev: 'shared-sharepointonl-5b1d7f3a-9c4e-4d0b-a6f2-1c3e5a7b9d58', Test: 'shared-sharepointonl-8e4a0c6f-2b7d-4a3e-9c1f-4f6b8d0a2c73', Prod: 'shared-sharepointonl-1c7f3b9d-5e0a-4f6c-b8d2-7a9c1e3f5b09' },
    office365: { Dev: 'shared-office365-7d3b9f5c-1a6e-4c2d-8f0b-0d2f4b6c8e35', Test: 'shared-office365-0f6d2b8e-4c9a-4e5f-a3d1-3b5d7f9a1c62', Prod: 'shared-office365-4b0f6d2a-8e3c-4a9b-b5f7-6e8a0c2e4f17' },
  };
  const kv = (env: string) => `/subscriptions/8e1d4c7b-2a5f-4e8d-b1c4-7f0a3d6e9b2c/resourceGroups/rg-recon-${env}/providers/Microsoft.KeyVault/vaults/kv-nwf-recon-${env}/secrets/NorthbankSftpPassword`;
  for (const env of ['Dev', 'Test', 'Prod'] as const) {
    const vars: Array<Record<string, string>> = [
      { SchemaName: 'nbr_SftpHost', Value: env === 'Prod' ? 'sftp.northbank-partners.com⟦-machine|nbr-trap-settings-host|a host name in deployment settings is where it belongs⟧' : 'sftp-uat.northbank-partners.com' },
      { SchemaName: 'nbr_SftpPassword', Value: kv(env.toLowerCase()) },
      { SchemaName: 'nbr_PgpPassphrase', Value: env === 'Test' ? '#{nbr_PgpPassphrase}#' : `#{recon.pgp.${env.toLowerCase()}}#` },
      { SchemaName: 'nbr_ErpApiBaseUrl', Value: { Dev: 'https://erp-api-dev.northwind-fin.com', Test: '#{nbr_ErpApiBaseUrl}#⟦-alm:settings/missing-value|nbr-trap-test-token|pipeline token, replaced at deployment⟧', Prod: 'https://erp-api-uat.northwind-fin.com⟦+settings/environment-bleed|nbr-prod-erp-is-uat|Prod settings point the ERP API at the UAT host⟧' }[env] },
      { SchemaName: 'nbr_ReconTeamsChannel', Value: { Dev: '19a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b|19:3f9c0a1b2c3d4e5f@thread.tacv2', Test: '2b3c4d5e-6f70-4a8b-9c0d-1e2f3a4b5c6d|19:7a8b9c0d1e2f3a4b@thread.tacv2', Prod: '⟦+settings/missing-value|nbr-prod-teams-channel-empty|Prod settings leave the Teams channel empty⟧' }[env] },
      { SchemaName: 'nbr_StatementRetentionDays', Value: env === 'Prod' ? '2555' : '30' },
    ];
    if (env !== 'Test') vars.splice(5, 0, { SchemaName: 'nbr_ExceptionsSiteUrl', Value: env === 'Prod' ? 'https://northwindfin.sharepoint.com/sites/Treasury' : 'https://northwindfin.sharepoint.com/sites/Treasury-Dev' });
    if (env === 'Dev') vars.push({ SchemaName: 'nbr_SftpUsername⟦+settings/unknown-entry|nbr-dev-unknown-sftp-username|Dev settings set an environment variable the solution no longer has⟧', Value: 'nbr-recon' });
    const refs = [
      ['nbr_shareduiflow_3f7a2', conn.uiflow[env], 'shared_uiflow'],
      ['nbr_sharedcommondataserviceforapps_9b1e4', conn.dataverse[env], 'shared_commondataserviceforapps'],
      ['nbr_sharedteams_2a6c8', conn.teams[env], 'shared_teams'],
      ['nbr_sharedazureblob_7e3d0', conn.blob[env], 'shared_azureblob'],
      ['nbr_sharedsql_4c9f1', conn.sql[env] + (env === 'Test' ? '⟦^nbr-prod-sql-shared-with-test⟧' : ''), 'shared_sql'],
      ['nbr_sharedsharepointonline_8d2b5', conn.sharepoint[env], 'shared_sharepointonline'],
      ['nbr_sharedoffice365_6a1f3', conn.office365[env], 'shared_office365'],
    ].map(([LogicalName, ConnectionId, api]) => ({ LogicalName, ConnectionId, ConnectorId: `/providers/Microsoft.PowerApps/apis/${api}`, ...(env === 'Test' ? { ConnectionOwner: `#{connectionreference.user.${LogicalName}}#` } : {}) }));
    const text = json({ EnvironmentVariables: vars, ConnectionReferences: refs }, 4)
      .replace('"EnvironmentVariables": [', env === 'Test' ? '"EnvironmentVariables": [⟦+settings/missing-value|nbr-test-exceptions-site-missing|Test settings have no entry for nbr_ExceptionsSiteUrl⟧' : '"EnvironmentVariables": [')
      .replace('"ConnectionOwner": "#{connectionreference.user.nbr_shareduiflow_3f7a2}#"', '"ConnectionOwner": "#{connectionreference.user.nbr_shareduiflow_3f7a2}#"⟦-alm:settings/unknown-entry|nbr-trap-connection-owner|ConnectionOwner is an ALM Accelerator key, not an unknown entry⟧');
    writeText(`${DIR}/config/NorthbankReconciliation.${env}.deploymentsettings.json`, env === 'Test' ? text.replace(/^\{/, '{⟦^nbr-test-exceptions-site-missing⟧') : text);
  }
}
