// PayslipDistribution — an older `pac solution unpack` whose desktop flow is a v1 export: the script is
// not in the .json.data.xml (no <Definition>) but in Workflows/<Name>-<GUID>.json as
// properties.definition.package, the base64 of a zip holding script.robin (UTF-16LE with BOM, CRLF),
// flow.manifest (UTF-16LE JSON), controlRepo.appmask and imageRepo.imgrepo. Labels name the flow and
// the line of the decoded script.
import { createRequire } from 'node:module';
import { customizationsXml, desktopWorkflowXml, fileBase, guid, solutionXml, XML_DECL } from './lib.mjs';

const require = createRequire(import.meta.url);
const ROOT = 'solutions/PayslipDistribution';
const PUBLISHER = { uniqueName: 'contosohr', displayName: 'Contoso HR Automation', prefix: 'hrp', optionPrefix: 38120 };
const FLOW = { name: 'Payslips - Send to Employees', id: guid('PayslipDistribution/send') };

const SCRIPT = String.raw`IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [PdfOwnerPassword]
@INPUT In_PayPeriod : { 'Description': 'Pay period (yyyy-MM).', 'FriendlyName': 'PayPeriod', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@OUTPUT Out_Sent : { 'Description': 'Number of payslips sent.', 'FriendlyName': 'Sent', 'Type': 'Numeric' } 
# Splits the payroll run's payslip PDF per employee, protects each file and mails it to the employee.
Folder.GetSpecialFolder SpecialFolder: Folder.SpecialFolder.MyDocuments SpecialFolderPath=> DocumentsFolder
SET WorkFolder TO $'''%DocumentsFolder%\\Payslips\\%In_PayPeriod%''' ⟦-env pad/environment-specific-path: built on the Documents special folder⟧
Folder.Create FolderPath: WorkFolder FolderName: $'''split''' Folder=> SplitFolder
File.Copy Files: $'''\\\\fs-hr02\\payroll\\out\\payslips_%In_PayPeriod%.pdf''' Destination: WorkFolder IfFileExists: File.IfExists.Overwrite CopiedFiles=> PayslipRun ⟦+mach pad/hardcoded-machine: UNC path on the HR file server fs-hr02⟧
Excel.LaunchExcel.LaunchAndOpen Path: $'''C:\\Payroll\\Master\\employees.xlsx''' Visible: False ReadOnly: True LoadAddInsAndMacros: False Instance=> EmployeeBook ⟦+env pad/environment-specific-path: the employee master workbook at a fixed local path⟧
Excel.ReadFromExcel.ReadAllCells Instance: EmployeeBook ReadAsText: True FirstLineIsHeader: True RangeValue=> Employees
Excel.CloseExcel.Close Instance: EmployeeBook
SET PdfOwnerPassword TO $'''Hr!Payslip-2022''' ⟦+cred pad/plaintext-secret: the owner password of every payslip PDF written into the flow⟧
SET SmtpPassword TO $'''Relay#4471smtp''' ⟦+cred pad/plaintext-secret: the SMTP relay password written into the flow (and kept in a variable that is not sensitive)⟧
SET PortalPassword TO $'''''' ⟦-cred pad/plaintext-secret: an empty placeholder⟧
SET SentCount TO 0
LOOP FOREACH Employee IN Employees
    Pdf.ExtractPdfPages.ExtractPdfPages PDFFile: PayslipRun[0] PageSelection: Employee['Pages'] ExtractedPDFPath: $'''%SplitFolder%\\%Employee['PersonnelNo']%.pdf''' IfFileExists: Pdf.IfFileExists.Overwrite ExtractedPDF=> EmployeePdf ⟦-env pad/environment-specific-path: under a folder variable⟧
    Pdf.EncryptPdf.EncryptPdf PDFFile: EmployeePdf UserPassword: Employee['BirthDate'] OwnerPassword: PdfOwnerPassword EncryptedPDFPath: EmployeePdf.FullName IfFileExists: Pdf.IfFileExists.Overwrite EncryptedPDF=> ProtectedPdf ⟦-cred pad/plaintext-secret: the passwords come from variables⟧
    Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp-relay.corp.contoso.local''' Port: 587 EnableSSL: True Username: $'''svc-payslips''' Password: SmtpPassword AcceptUntrustedCertificates: False SendFrom: $'''payroll@contoso.com''' SenderDisplayName: $'''Contoso Payroll''' SendTo: Employee['Email'] CC: $'''''' Subject: $'''Your payslip %In_PayPeriod%''' Body: $'''Your payslip is attached. Open it with your date of birth (DDMMYYYY) as password.''' IsBodyHtml: False Attachments: ProtectedPdf ⟦+mach pad/hardcoded-machine: the internal SMTP relay smtp-relay.corp.contoso.local⟧
    Variables.IncreaseVariable Value: SentCount IncrementValue: 1
END
WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://contoso.bamboohr.com/reports/payslip-distribution''' WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> HrPortal ⟦+env pad/environment-specific-url: Contoso's own BambooHR tenant⟧
WebAutomation.Click.Click BrowserInstance: HrPortal Control: appmask['Web Page \'https://contoso.bamboohr.com/reports\'']['Button Mark as sent'] WaitForPageToLoadTimeout: 60 ⟦-env pad/environment-specific-url: a URL inside a UI-element selector⟧
WebAutomation.CloseWebBrowser BrowserInstance: HrPortal
Web.DownloadFromWeb.DownloadToFile Url: $'''https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml''' Method: Web.Method.Get Accept: $'''application/xml''' ContentType: $'''application/xml''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False DestinationFolder: WorkFolder FileName: $'''rates.xml''' DownloadedFile=> RatesFile ⟦-env pad/environment-specific-url: a public third-party feed, the same for everyone⟧
Folder.Delete Folder: SplitFolder
SET Out_Sent TO SentCount
`;

function utf16(text) {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** The v1 flow JSON: the package zip, base64, plus the input/output schemas. */
function packageJson(script) {
  const AdmZip = require('adm-zip');
  const zip = new AdmZip();
  const stamp = new Date(2022, 9, 4, 14, 12, 0);
  const entries = {
    'script.robin': utf16(script),
    'flow.manifest': utf16(JSON.stringify({ EngineVersion: '2.27.176.22329', PowerFxEnabled: false, Modules: [] })),
    'controlRepo.appmask': Buffer.from(JSON.stringify({ Version: 1, Screens: [{ Name: "Web Page 'https://contoso.bamboohr.com/reports'", Controls: [{ Name: 'Button Mark as sent', Selector: "button[id=\"markSent\"]" }] }] })),
    'imageRepo.imgrepo': Buffer.from(JSON.stringify({ Version: 1, Images: [] })),
  };
  for (const [name, bytes] of Object.entries(entries)) {
    zip.addFile(name, bytes);
    zip.getEntry(name).header.time = stamp;
  }
  const schema = vars => ({ schema: { type: 'object', properties: Object.fromEntries(vars.map(([n, t]) => [n, { type: t, title: n }])) } });
  return JSON.stringify({
    properties: {
      definition: { package: zip.toBuffer().toString('base64') },
      inputs: schema([['In_PayPeriod', 'string']]),
      outputs: schema([['Out_Sent', 'number']]),
    },
    schemaversion: 'ROBIN_20210813',
  });
}

export default function build(ctx) {
  const jsonRel = `Workflows/${fileBase(FLOW.name, FLOW.id)}.json`;
  const file = `${ROOT}/${jsonRel}`;
  const script = ctx.script(SCRIPT, { flow: FLOW.name, file });
  ctx.file(file, packageJson(script) + '\n');
  const xml = desktopWorkflowXml({
    ...FLOW, jsonName: jsonRel.slice(10), script: '', clientVersion: '2.27.176.22329',
    inputs: [{ name: 'In_PayPeriod', friendlyName: 'PayPeriod' }], outputs: [{ name: 'Out_Sent', friendlyName: 'Sent', type: 'number' }],
    description: 'Splits, protects and mails the monthly payslips (exported with Power Automate Desktop 2.27).',
  }).replace(/\n {2}<Definition>[^\n]*<\/Definition>/, '');
  if (xml.includes('<Definition>')) throw new Error('v1 flow must have no <Definition>');
  ctx.file(`${file}.data.xml`, `${XML_DECL}\n${xml}\n`);
  ctx.file(`${ROOT}/Other/Customizations.xml`, customizationsXml({ connectionReferences: [] }));
  ctx.file(`${ROOT}/Other/Solution.xml`, `${XML_DECL}\n${solutionXml({
    uniqueName: 'PayslipDistribution', displayName: 'Payslip Distribution', version: '1.0.2.0', publisher: PUBLISHER,
    description: 'Monthly payslip distribution (desktop flow exported before scripts moved into the solution XML).',
    rootComponents: [{ type: 29, id: FLOW.id }],
  })}`);
}
