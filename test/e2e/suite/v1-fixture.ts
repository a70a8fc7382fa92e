// A v1 desktop flow for the read-only script editor suite: an unpacked XML-layout solution whose desktop flow
// has no <Definition>; its script sits base64-zipped (UTF-16LE, CRLF) in `properties.definition.package` of the
// flow JSON, as older Power Automate exports write it. Project-written. Not a test file (index.ts loads *.test.js).
import AdmZip from 'adm-zip';

export const V1_DIR = 'v1-desktop-flows';
const V1_ID = '7a1c3e5f-2b4d-4c6e-8f0a-1b2c3d4e5f60';
export const V1_NAME = 'Export Ledger';
const V1_JSON = `Workflows/ExportLedger-${V1_ID.toUpperCase()}.json`;
export const V1_SCRIPT = ["@@ConnectionString: ''", "SET Folder TO $'''C:\\Users\\jdoe\\Ledger'''", 'Folder.GetFiles Folder: Folder FileFilter: $\'\'\'*.csv\'\'\' Files=> Files'].join('\r\n');

function packageOf(script: string): string {
  const zip = new AdmZip();
  const utf16 = (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
  zip.addFile('script.robin', utf16(script));
  zip.addFile('flow.manifest', utf16('{"Version":"2.0"}'));
  zip.addFile('controlRepo.appmask', Buffer.alloc(0));
  zip.addFile('imageRepo.imgrepo', Buffer.alloc(0));
  return zip.toBuffer().toString('base64');
}

/** An unpacked XML-layout solution whose desktop flow has no <Definition>: its script is the package (an older export). */
export function v1Files(): Record<string, string> {
  return {
    [`${V1_JSON}`]: JSON.stringify({ properties: { definition: { package: packageOf(V1_SCRIPT) } }, schemaversion: 'ROBIN_202208_DVRS' }, null, 2),
    [`${V1_JSON}.data.xml`]: `<?xml version="1.0" encoding="utf-8"?>
<Workflow WorkflowId="{${V1_ID}}" Name="${V1_NAME}">
  <JsonFileName>/${V1_JSON}</JsonFileName>
  <Type>1</Type>
  <Category>6</Category>
  <StateCode>1</StateCode>
  <StatusCode>2</StatusCode>
  <UIFlowType>2</UIFlowType>
  <PrimaryEntity>none</PrimaryEntity>
</Workflow>
`,
    'Other/Customizations.xml': '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n  <Workflows />\n  <connectionreferences />\n  <Languages>\n    <Language>1033</Language>\n  </Languages>\n</ImportExportXml>\n',
    'Other/Solution.xml': `<ImportExportXml version="9.2.24111.164" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SolutionManifest>
    <UniqueName>V1Ledger</UniqueName>
    <LocalizedNames>
      <LocalizedName description="V1 Ledger" languagecode="1033" />
    </LocalizedNames>
    <Version>1.0.0.0</Version>
    <Managed>0</Managed>
    <Publisher>
      <UniqueName>testpublisher</UniqueName>
      <CustomizationPrefix>tp</CustomizationPrefix>
    </Publisher>
    <RootComponents>
      <RootComponent type="29" id="{${V1_ID}}" behavior="0" />
    </RootComponents>
  </SolutionManifest>
</ImportExportXml>
`,
  };
}
