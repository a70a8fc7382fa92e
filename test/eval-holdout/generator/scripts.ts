// Standalone desktop-flow scripts: clipboard copies (.txt, no header, optional control-repository
// trailer), saved definitions (.robin, with header), and a prose runbook that is not a script.
import { guid, robin, writeText } from './lib';

const trailer = (screens: string) => `# [ControlRepository][PowerAutomateDesktop]

{
  "ControlRepositorySymbols": [
    {
      "IgnoreImagesOnSerialization": false,
      "Repository": "{\\r\\n  \\"Screens\\": [${screens}],\\r\\n  \\"Version\\": 1\\r\\n}",
      "ImportMetadata": {
        "DisplayName": "Local computer",
        "ConnectionString": "",
        "Type": "Local",
        "DesktopType": "local"
      },
      "Name": "appmask"
    }
  ],
  "ImageRepositorySymbol": {
    "Repository": "{\\r\\n  \\"Folders\\": [],\\r\\n  \\"Images\\": [],\\r\\n  \\"Version\\": 1\\r\\n}",
    "ImportMetadata": {},
    "Name": "imgrepo"
  },
  "ConnectionReferences": []
}`;

export function build(): void {
  // 1. Clipboard copy: EDI advance shipping notices picked up from the partner FTP drop.
  writeText('scripts/clipboard/edi-asn-pickup.txt', robin(String.raw`
# EDI ASN pickup - copied from the designer by M. Jansen, 2025-03-14 (DC Rotterdam)
FTP.OpenConnection Host: $'''edigw01.fabrikam.local''' Port: 21 ActiveMode: False Username: $'''fabrikam_asn''' Password: $'''asn!Pick-7731''' FtpConnection=> FtpConnection ⟦+pad/hardcoded-machine|edi-ftp-host|internal FTP host written in the flow⟧ ⟦+pad/plaintext-secret|edi-ftp-password|FTP password written literally⟧
FTP.DownloadFiles FtpConnection: FtpConnection RemoteFiles: $'''/asn/out/*.xml''' LocalDirectory: $'''C:\\EDI\\Inbound\\ASN''' TransferType: FTP.TransferType.Binary DownloadedFiles=> AsnFiles ⟦+pad/environment-specific-path|edi-local-inbound|absolute local inbound folder⟧
FTP.CloseConnection FtpConnection: FtpConnection
LOOP FOREACH AsnFile IN AsnFiles
    File.ReadTextFromFile.ReadText File: AsnFile Encoding: File.TextFileEncoding.UTF8 Content=> AsnXml
    Web.InvokeWebService.InvokeWebService Url: $'''http://edigw/api/asn''' Method: Web.Method.Post Accept: $'''application/json''' ContentType: $'''application/xml''' RequestBody: AsnXml ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: True EncodeRequestBody: False UserAgent: $'''PAD''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> GatewayHeaders Response=> GatewayResponse StatusCode=> GatewayStatus ⟦+pad/hardcoded-machine|edi-gateway-single-label|single-label host in the URL⟧ ⟦-environment-specific|edi-trap-gateway-url-dup|internal host in a URL: labeled once, as a hardcoded machine⟧
    ON ERROR REPEAT 3 TIMES WAIT 10
    END
    Web.InvokeWebService.InvokeWebService Url: $'''https://orgfabedidev.crm4.dynamics.com/api/data/v9.2/fab_asnlogs''' Method: Web.Method.Post Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''Authorization: Bearer %DataverseToken%''' RequestBody: $'''{\"fab_name\": \"%AsnFile.Name%\", \"fab_status\": %GatewayStatus%}''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: False EncodeRequestBody: False UserAgent: $'''PAD''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> LogHeaders Response=> LogResponse StatusCode=> LogStatus ⟦+pad/environment-specific-url|edi-dataverse-dev-org|Dataverse org URL of the Dev environment⟧ ⟦-credential|edi-trap-bearer-reference|Authorization header built from a variable⟧
    File.Move Files: AsnFile Destination: $'''\\\\fabedi01\\asn$\\archive''' IfFileExists: File.IfExists.Overwrite MovedFiles=> MovedAsn ⟦+pad/hardcoded-machine|edi-archive-unc|UNC archive path⟧
END
Folder.GetSpecialFolder SpecialFolder: Folder.SpecialFolder.Personal SpecialFolderPath=> DocumentsFolder
File.WriteText File: $'''%DocumentsFolder%\\asn_pickup.log''' TextToWrite: $'''%AsnFiles.Count% ASN files processed''' AppendNewLine: True IfFileExists: File.IfFileExists.Append Encoding: File.FileEncoding.UTF8 ⟦-environment-specific|edi-trap-special-folder|path built on a special folder⟧
Display.ShowMessageDialog.ShowMessage Title: $'''ASN pickup''' Message: $'''Done. Questions: see https://fabrikam.sharepoint.com/sites/EDI/SitePages/ASN.aspx''' Icon: Display.Icon.Information Buttons: Display.Buttons.OK DefaultButton: Display.DefaultButton.Button1 IsTopMost: False ButtonPressed=> ButtonPressed ⟦-environment-specific|edi-trap-url-in-message|URL inside a message dialog text⟧
`) + '\r\n\r\n' + trailer('').replace(/\n/g, '\r\n') + '\r\n');

  // 2. Saved definition: cycle count of a warehouse zone (Tailspin logistics).
  writeText('scripts/saved/warehouse-cycle-count.robin', robin(String.raw`
@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [WmsApiKey, Input_ScannerPin]
@INPUT Input_ZoneCode : { 'Description': 'Warehouse zone, e.g. B-07.', 'FriendlyName': 'Input_ZoneCode', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT Input_ScannerPin : { 'Description': 'PIN of the handheld scanner service account.', 'FriendlyName': 'Input_ScannerPin', 'Type': 'String', 'IsOptional': True, 'DefaultValue': '4417' } ⟦+pad/secret-input-variable|wcc-scanner-pin-default|secret input with a literal default value (PIN 4417)⟧
@OUTPUT Output_Variances : { 'Description': 'Number of locations with a variance.', 'FriendlyName': 'Output_Variances', 'Type': 'Numeric' } 
# Cycle count of one warehouse zone: expected quantities from the WMS API, count sheet for the team leader.
SET VarianceCount TO 0
SET ApiKeySecretName TO $'''wms-api-key-cyclecount''' ⟦-credential|wcc-trap-secret-name|the NAME of a vault object, not a secret⟧
System.GetEnvironmentVariable.GetEnvironmentVariable Name: $'''CYBERARK_CCP_URL''' Value=> CyberArkUrl
Cyberark.GetPassword.GetPassword ServerAddress: CyberArkUrl ApplicationId: $'''RPA-WMS''' Safe: $'''WMS-Integration''' Folder: $'''Root''' Object: ApiKeySecretName Password=> WmsApiKey ⟦-machine|wcc-trap-cyberark-url-variable|CyberArk address read from a machine environment variable⟧ ⟦-credential|wcc-trap-cyberark-sensitive|CyberArk password into a sensitive variable⟧
SET WmsBaseUrl TO $'''https://wms-cc.tailspin-logistics.com/api/v2''' ⟦-environment-specific|wcc-wms-url|the logistics partner's WMS API (issue 12: a third-party host with no environment or organisation evidence in the tree; a label before, see README "Corrections")⟧
Web.InvokeWebService.InvokeWebService Url: $'''%WmsBaseUrl%/zones/%Input_ZoneCode%/expected''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''api-key: %WmsApiKey% ⟦^wcc-trap-header-references⟧
X-Scanner-Pin: %Input_ScannerPin%''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: True EncodeRequestBody: False UserAgent: $'''PAD''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> WmsHeaders Response=> WmsResponse StatusCode=> WmsStatus ⟦-credential|wcc-trap-header-references|headers built from sensitive variables, no literal secret⟧
Variables.ConvertJsonToCustomObject Json: WmsResponse CustomObject=> Expected
Folder.GetSpecialFolder SpecialFolder: Folder.SpecialFolder.Personal SpecialFolderPath=> DocumentsFolder
Excel.LaunchExcel.LaunchAndOpen Path: $'''%DocumentsFolder%\\CycleCount\\CountSheet_template.xlsx''' Visible: False ReadOnly: False LoadAddInsAndMacros: False Instance=> CountSheet ⟦-environment-specific|wcc-trap-documents-folder|path built on a special folder⟧
SET Row TO 2
LOOP FOREACH Location IN Expected['locations']
    Excel.WriteToExcel.WriteCell Instance: CountSheet Value: Location['bin'] Column: $'''A''' Row: Row
    Excel.WriteToExcel.WriteCell Instance: CountSheet Value: Location['expectedQty'] Column: $'''B''' Row: Row
    IF Location['lastCountQty'] <> Location['expectedQty'] THEN
        Variables.IncreaseVariable Value: VarianceCount IncrementValue: 1
    END
    Variables.IncreaseVariable Value: Row IncrementValue: 1
END
DateTime.GetCurrentDateTime.Local DateTimeFormat: DateTime.DateTimeFormat.DateOnly CurrentDateTime=> Today
Text.ConvertDateTimeToText.FromCustomDateTime DateTime: Today CustomFormat: $'''yyyyMMdd''' Result=> TodayText
Excel.CloseExcel.CloseAndSaveAs Instance: CountSheet DocumentFormat: Excel.ExcelFormat.FromExtension DocumentPath: $'''CycleCount\\%Input_ZoneCode%_%TodayText%.xlsx''' ⟦-environment-specific|wcc-trap-relative-output|relative path⟧
SET Output_Variances TO VarianceCount
`).replace(/\r\n/g, '\n') + '\n');

  // 3. Clipboard copy from a Power Fx flow: GL export encrypted and uploaded to the bank.
  writeText('scripts/clipboard/gl-export-encrypt.txt', robin(String.raw`
SET GlExportFolder TO $fx'\\fingl02\exports\gl' ⟦+pad/hardcoded-machine|gl-export-unc|UNC path of the GL export share⟧
PowerAutomateSecretVariables.GetCredential Credential: $fx'nwf_GlSftp' Timeout: $fx'=0' Credential=> GlSftpCredential ⟦-credential|gl-trap-get-credential|Get credential⟧
Folder.GetFiles Folder: $fx'=GlExportFolder' FileFilter: $fx'*.csv' IncludeSubfolders: $fx'=false' FailOnAccessDenied: $fx'=true' SortBy1: Folder.SortBy.NoSort SortDescending1: $fx'=false' SortBy2: Folder.SortBy.NoSort SortDescending2: $fx'=false' SortBy3: Folder.SortBy.NoSort SortDescending3: $fx'=false' Files=> GlFiles
LOOP FOREACH GlFile IN GlFiles
    File.ReadTextFromFile.ReadText File: $fx'=GlFile' Encoding: File.TextFileEncoding.UTF8 Content=> GlCsv
    Cryptography.EncryptText.EncryptTextWithAES Encoding: Cryptography.EncryptionEncoding.UTF8 TextToEncrypt: $fx'=GlCsv' EncryptionKey: $fx'Gl-AES-Key-2025-Q3!' Padding: Cryptography.PaddingMode.PKCS7 KeySize: Cryptography.AESKeySize.Bits256 EncryptedText=> GlEncrypted ⟦+pad/plaintext-secret|gl-aes-key-literal|AES encryption key written literally⟧
    File.WriteText File: $fx'D:\GLOut\¤{GlFile.NameWithoutExtension}.enc' TextToWrite: $fx'=GlEncrypted' AppendNewLine: $fx'=false' IfFileExists: File.IfFileExists.Overwrite Encoding: File.FileEncoding.UTF8 ⟦+pad/environment-specific-path|gl-output-path|absolute D: output folder⟧
END
FTP.OpenSecureConnection.ConnectWithSftpUsernameAndPassword Host: $fx'172.16.20.5' Port: $fx'=22' Username: $fx'=GlSftpCredential.Username' Password: $fx'=GlSftpCredential.Password' AcceptHostKey: $fx'=true' Timeout: $fx'=30' FtpConnection=> GlSftp ⟦+pad/hardcoded-machine|gl-sftp-ip|IP address of the SFTP server⟧ ⟦-credential|gl-trap-credential-password|Password from a credential variable⟧
FTP.UploadFiles FtpConnection: $fx'=GlSftp' LocalFiles: $fx'D:\GLOut\*.enc' RemoteDirectory: $fx'/inbound/gl' IfFileExists: FTP.IfFileExists.Overwrite TransferType: FTP.TransferType.Binary ⟦^gl-output-path⟧
FTP.CloseConnection FtpConnection: $fx'=GlSftp'
Web.InvokeWebService.InvokeWebService Url: $fx'https://management.azure.com/subscriptions?api-version=2022-12-01' Method: Web.Method.Get Accept: $fx'application/json' ContentType: $fx'application/json' ConnectionTimeout: $fx'=30' FollowRedirection: $fx'=true' ClearCookies: $fx'=false' FailOnErrorStatus: $fx'=false' EncodeRequestBody: $fx'=false' UserAgent: $fx'PAD' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: $fx'=false' ResponseHeaders=> ArmHeaders Response=> ArmResponse StatusCode=> ArmStatus ⟦-environment-specific|gl-trap-arm-global|management.azure.com is a global endpoint⟧
`) + '\r\n');

  // 4. Saved definition: shared subflows of the Tailspin logistics bots.
  writeText('scripts/saved/logistics-common-subflows.robin', robin(String.raw`
@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [SmtpCredential, NotifyPassword]
# Shared subflows copied into every bot of the Tailspin logistics team. Needs PAD 2.52.62.25009 or later.
SET MinimumPadVersion TO $'''2.52.62.25009''' ⟦-machine|sub-trap-version-looks-like-ip|a version number shaped like an IPv4 address⟧
CALL InitFolders
CALL DownloadCarrierList
CALL Notify
FUNCTION InitFolders GLOBAL
    Folder.GetSpecialFolder SpecialFolder: Folder.SpecialFolder.DesktopDirectory SpecialFolderPath=> DesktopFolder
    SET WorkFolder TO $'''%DesktopFolder%\\BotWork''' ⟦-environment-specific|sub-trap-desktop-special|path built on a special folder⟧
    SET TempFolder TO $'''%TEMP%\\bot''' ⟦-environment-specific|sub-trap-percent-temp|%TEMP% is a variable reference, not a literal path⟧
    System.GetEnvironmentVariable.GetEnvironmentVariable Name: $'''COMPUTERNAME''' Value=> ComputerName ⟦-machine|sub-trap-computername|reads the machine name at run time⟧
    IF (Folder.IfFolderExists.DoesNotExist Path: WorkFolder) THEN
        Folder.Create FolderPath: DesktopFolder FolderName: $'''BotWork''' Folder=> WorkFolderCreated
    END
END FUNCTION
FUNCTION DownloadCarrierList GLOBAL
    Web.DownloadFromWeb.DownloadToFile Url: $'''https://tailspintoys.sharepoint.com/sites/Logistics/Shared%%20Documents/carriers.csv''' Method: Web.Method.Get Accept: $'''text/csv''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False UserAgent: $'''PAD''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False DestinationFilePath: $'''%WorkFolder%\\carriers.csv''' IfFileExists: Web.IfFileExists.Overwrite DownloadedFile=> CarrierFile ⟦+pad/environment-specific-url|sub-sharepoint-download|SharePoint site of the tenant written in the download URL⟧
    File.Copy Files: CarrierFile Destination: $'''E:\\BotShare\\reference''' IfFileExists: File.IfExists.Overwrite CopiedFiles=> CopiedCarrierFile ⟦+pad/environment-specific-path|sub-e-drive-share|absolute E: path on the bot⟧
END FUNCTION
FUNCTION Notify GLOBAL
    PowerAutomateSecretVariables.GetCredential Credential: $'''tsp_SmtpRelay''' Timeout: 0 Credential=> SmtpCredential
    SET NotifyPassword TO $'''********''' ⟦-credential|sub-trap-masked|masked placeholder, not a secret⟧
    IF IsNotEmpty(SmtpCredential.Password) THEN
        SET NotifyPassword TO SmtpCredential.Password
    END
    Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.office365.com''' Port: 587 EnableSSL: True Username: SmtpCredential.Username Password: NotifyPassword AcceptUntrustedCertificates: False SendFrom: $'''logistics-bots@tailspintoys.com''' SenderDisplayName: $'''Logistics bots''' SendTo: $'''logistics-ops@tailspintoys.com''' Subject: $'''Bot %ComputerName% finished''' Body: $'''See the run log.''' IsBodyHtml: False ⟦-machine|sub-trap-global-smtp|smtp.office365.com is a global service host⟧
    Web.InvokeWebService.InvokeWebService Url: $'''http://127.0.0.1:8765/health''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' ConnectionTimeout: 5 FollowRedirection: False ClearCookies: False FailOnErrorStatus: False EncodeRequestBody: False UserAgent: $'''PAD''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> HealthHeaders Response=> HealthResponse StatusCode=> HealthStatus ⟦-machine|sub-trap-loopback|loopback address⟧
END FUNCTION
`).replace(/\r\n/g, '\n') + '\n');

  // 5. Not a script: the operators' runbook kept next to the scripts.
  writeText('scripts/notes/RUNBOOK.txt', `Runbook - desktop flow bots (claims, recon, freight)
====================================================

Owner: RPA platform team. Last reviewed ${'2025-04-02'}.

1. Bots read their input folders from environment variables; for example the claims
   archive root is \\\\fabfs01.fabrikam.local\\claims-archive$ in Prod.⟦-machine|notes-trap-unc|UNC path in prose notes⟧
2. If a run fails with "password expired", rotate the service account password in
   CyberArk (safe CLM-Mainframe). Never type a password into a flow.⟦-credential|notes-trap-password|the word password in prose⟧
3. Test data lives under C:\\RPA\\TestData on the developer laptops only.⟦-environment-specific|notes-trap-path|local path in prose⟧
4. Status page: https://status.fabrikam-ins.com (ask the service desk for access).⟦-environment-specific|notes-trap-url|URL in prose⟧
5. The staging SQL instance NBRSQL02\\RECON is patched on the first Sunday of the month.⟦-machine|notes-trap-sql-instance|server name in prose⟧
6. No API key is ever committed: the gateway key lives in kv-claims-prd (secret GatewayApiKey).⟦-credential|notes-trap-secret-name|a secret name in prose⟧
7. Escalation: rpa-platform@fabrikam.com, ticket queue RPA-OPS (id ${guid('notes-queue').slice(0, 8)}).
`);
}
