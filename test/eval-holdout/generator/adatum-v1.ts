// Adatum — weekly timesheet import into the legacy ERP. Layout: `pac solution unpack` of an old export
// whose desktop flow is v1: the script is only in Workflows/<Name>-<GUID>.json as
// properties.definition.package (base64 zip: script.robin UTF-16LE with BOM and CRLF, flow.manifest,
// controlRepo.appmask, imageRepo.imgrepo); the .json.data.xml has no <Definition>. Labels name the
// flow and the line of the decoded script.
import { guid, robin, type Solution, writeSolution } from './lib';

const script = robin(String.raw`
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [ErpPassword]
@INPUT In_WeekEnding : { 'Description': 'Last day of the week to import (yyyy-MM-dd).', 'FriendlyName': 'WeekEnding', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT In_ErpPassword : { 'Description': 'Password of the ERP import user.', 'FriendlyName': 'ErpPassword', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ⟦+pad/secret-input-variable|adt-v1-erp-password-input|the ERP password arrives as a flow input instead of Get credential⟧
@OUTPUT Out_Imported : { 'Description': 'Number of timesheet lines imported.', 'FriendlyName': 'Imported', 'Type': 'Numeric' } 
# Exports the week from the time clock, loads it into the ERP staging database and confirms on the HR site.
File.GetTempPath TempPath=> TempDir
SET ExportFile TO $'''%TempDir%\\timeclock_%In_WeekEnding%.csv''' ⟦-environment-specific|adt-v1-trap-temp-path|built on the temp folder⟧
System.RunApplication.RunApplication ApplicationPath: $'''C:\\Program Files (x86)\\Adatum\\TimeClock\\tcexport.exe''' CommandLineArguments: $'''/server:tclock-db01 /user:tcexport /pwd:Tc3xp0rt!2021 /week:%In_WeekEnding% /out:"%ExportFile%"''' WindowStyle: System.ProcessWindowStyle.Hidden ProcessId=> ExportProcess ⟦+pad/environment-specific-path|adt-v1-tcexport-path|absolute install path of the time-clock exporter⟧ ⟦+pad/hardcoded-machine|adt-v1-tclock-server|time-clock database server in the /server: switch⟧ ⟦+pad/plaintext-secret|adt-v1-tclock-password|time-clock password in the /pwd: switch⟧
WAIT 20
File.ReadTextFromFile.ReadText File: ExportFile Encoding: File.TextFileEncoding.UTF8 Content=> ExportCsv
Variables.ConvertCsvToDatatable Csv: ExportCsv FirstLineContainsColumnNames: True Separator: Variables.CSVSeparator.Comma DataTable=> Lines
SET ErpPassword TO In_ErpPassword
Database.Connect ConnectionString: $'''Provider=SQLOLEDB.1;Data Source=ERPSQL01;Initial Catalog=TimesheetStaging;Integrated Security=SSPI''' Connection=> StagingDb ⟦+pad/hardcoded-machine|adt-v1-staging-server|ERP staging SQL Server ERPSQL01 in the connection string⟧ ⟦-credential|adt-v1-trap-integrated-security|Windows authentication, no password in the string⟧
LOOP FOREACH Line IN Lines
    Database.ExecuteSqlStatement.Execute Connection: StagingDb Statement: $'''INSERT INTO dbo.Timesheet (EmployeeNo, WorkDate, Hours) VALUES (\'%Line['EmployeeNo']%\', \'%Line['Date']%\', %Line['Hours']%)''' Timeout: 30 Result=> InsertResult
END
Database.Close Connection: StagingDb
File.Copy Files: ExportFile Destination: $'''E:\\Archive\\Timeclock''' IfFileExists: File.IfExists.Overwrite CopiedFiles=> Archived ⟦+pad/environment-specific-path|adt-v1-archive-drive|archive folder on the E: drive of the bot machine⟧
Web.InvokeWebService.InvokeWebService Url: $'''http://localhost:8765/erp-bridge/import?user=erp_import&password=%ErpPassword%''' Method: Web.Method.Post Accept: $'''application/json''' ContentType: $'''application/json''' ConnectionTimeout: 60 FollowRedirection: True ClearCookies: False FailOnErrorStatus: True EncodeRequestBody: False UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> BridgeHeaders Response=> BridgeResponse StatusCode=> BridgeStatus ⟦-machine|adt-v1-trap-localhost|the ERP bridge on localhost⟧ ⟦-credential|adt-v1-trap-password-variable|the password is a sensitive variable reference⟧
WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://adatum.sharepoint.com/sites/HR/Lists/TimesheetImports''' WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> HrSite ⟦+pad/environment-specific-url|adt-v1-hr-site|the tenant SharePoint site of HR⟧
WebAutomation.Click.Click BrowserInstance: HrSite Control: appmask['Web Page \'https://adatum.sharepoint.com/sites/HR\'']['Button New'] WaitForPageToLoadTimeout: 60 ⟦-environment-specific|adt-v1-trap-selector-url|URL inside a recorded UI element name⟧
WebAutomation.CloseWebBrowser BrowserInstance: HrSite
Display.ShowMessageDialog.ShowMessage Title: $'''Timesheets''' Message: $'''Import done. Help: https://aka.ms/pad-docs. If the ERP password expired, ask the service desk.''' Icon: Display.Icon.Information Buttons: Display.Buttons.OK DefaultButton: Display.DefaultButton.Button1 IsTopMost: False ButtonPressed=> Pressed ⟦-environment-specific|adt-v1-trap-message-url|URLs in a displayed message⟧ ⟦-credential|adt-v1-trap-message-password|the word password in a message⟧
SET Out_Imported TO Lines.RowsCount
`);

const sol: Solution = {
  dir: 'AdatumTimesheets',
  layout: 'unpacked',
  uniqueName: 'AdatumTimesheets',
  displayName: 'Adatum Timesheets',
  description: 'Weekly import of time-clock data into the ERP (desktop flow exported with Power Automate Desktop 2.14).',
  version: '1.0.0.3',
  publisher: { uniqueName: 'adatum', displayName: 'Adatum Corporation', prefix: 'adt', optionValuePrefix: 27455 },
  envVars: [],
  connRefs: [],
  cloudFlows: [],
  desktopFlows: [{
    name: 'Timesheets - Weekly ERP Import',
    id: guid('adt-timesheets'),
    script,
    description: 'Exports the week from the time clock and loads it into the ERP.',
    v1Package: {
      engineVersion: '2.14.173.21294',
      appmask: JSON.stringify({ Version: 1, Screens: [{ Name: "Web Page 'https://adatum.sharepoint.com/sites/HR'", Controls: [{ Name: 'Button New', Selector: 'button[title="New"]' }] }] }),
    },
  }],
};

export function build(): void {
  writeSolution(sol);
}
