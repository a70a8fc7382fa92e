// Writes a deterministic unpacked solution for the environment matrix at scale: N environment variables,
// a few connection references, and one deployment settings file per environment (config/<Env>/), with some
// entries left out, some empty and some naming another stage, so every row of the matrix is not all green.
//
//   node test/e2e/support/matrix-solution.mjs <folder> [--variables=300] [--environments=Dev,Test,UAT,PreProd,Prod]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_ENVIRONMENTS = ['Dev', 'Test', 'UAT', 'PreProd', 'Prod'];

/** Writes the solution into `folder` (created); returns what it wrote, for the tests to check against. */
export function writeMatrixSolution(folder, { variables = 300, environments = DEFAULT_ENVIRONMENTS, uniqueName = 'GeneratedMatrix', prefix = 'gen' } = {}) {
  const names = Array.from({ length: variables }, (_, i) => `${prefix}_Setting${String(i).padStart(3, '0')}`);
  const references = ['sharepointonline', 'office365', 'sql', 'uiflow'].map((c, i) => ({ name: `${prefix}_shared${c}_${i}`, connector: `shared_${c}` }));
  write(path.join(folder, 'Other/Solution.xml'), `<ImportExportXml version="9.2.24111.164" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SolutionManifest>
    <UniqueName>${uniqueName}</UniqueName>
    <LocalizedNames>
      <LocalizedName description="Generated Matrix (${variables} variables)" languagecode="1033" />
    </LocalizedNames>
    <Descriptions />
    <Version>1.0.0.0</Version>
    <Managed>0</Managed>
    <Publisher>
      <UniqueName>generated</UniqueName>
      <LocalizedNames>
        <LocalizedName description="Generated" languagecode="1033" />
      </LocalizedNames>
      <Descriptions />
      <CustomizationPrefix>${prefix}</CustomizationPrefix>
      <CustomizationOptionValuePrefix>10001</CustomizationOptionValuePrefix>
    </Publisher>
    <RootComponents />
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
`);
  write(path.join(folder, 'Other/Customizations.xml'), `<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Entities />
  <Roles />
  <Workflows />
  <connectionreferences>
${references.map(r => `    <connectionreference connectionreferencelogicalname="${r.name}">
      <connectionreferencedisplayname>Generated - ${r.connector}</connectionreferencedisplayname>
      <connectorid>/providers/Microsoft.PowerApps/apis/${r.connector}</connectorid>
      <iscustomizable>1</iscustomizable>
      <promptingbehavior>0</promptingbehavior>
      <statecode>0</statecode>
      <statuscode>1</statuscode>
    </connectionreference>`).join('\n')}
  </connectionreferences>
  <Languages>
    <Language>1033</Language>
  </Languages>
</ImportExportXml>
`);
  names.forEach((name, i) => {
    const withDefault = i % 5 === 0 ? `\n  <defaultvalue>default-${i}</defaultvalue>` : '';
    write(path.join(folder, 'environmentvariabledefinitions', name, 'environmentvariabledefinition.xml'), `<environmentvariabledefinition schemaname="${name}">${withDefault}
  <description default="">
    <label description="" languagecode="1033" />
  </description>
  <displayname default="Setting ${i}">
    <label description="Setting ${i}" languagecode="1033" />
  </displayname>
  <introducedversion>1.0.0.0</introducedversion>
  <iscustomizable>1</iscustomizable>
  <isrequired>0</isrequired>
  <secretstore>0</secretstore>
  <type>100000000</type>
</environmentvariabledefinition>
`);
  });
  const expected = { missing: 0, defaulted: 0, empty: 0, bleed: 0 };
  environments.forEach((env, e) => {
    const entries = [];
    names.forEach((name, i) => {
      // Deterministic gaps: one variable in 23 has no entry in one environment, one in 31 an empty value,
      // one in 37 in Prod a Dev URL.
      // (A variable with a default value and no entry shows the default, not a missing entry.)
      if ((i + e) % 23 === 0) { if (i % 5 === 0) expected.defaulted++; else expected.missing++; return; }
      let value = `https://contoso.sharepoint.com/sites/${env}-${i}`;
      if ((i + e) % 31 === 0) { value = ''; expected.empty++; }
      else if (env === 'Prod' && i % 37 === 0) { value = `https://contoso.sharepoint.com/sites/Dev-${i}`; expected.bleed++; }
      entries.push({ SchemaName: name, Value: value });
    });
    const connections = references.map(r => ({ LogicalName: r.name, ConnectionId: `${r.connector}-${env.toLowerCase()}-0000`, ConnectorId: `/providers/Microsoft.PowerApps/apis/${r.connector}` }));
    write(path.join(folder, 'config', env, 'deploymentSettings.json'), JSON.stringify({ EnvironmentVariables: entries, ConnectionReferences: connections }, null, 2) + '\n');
  });
  return { uniqueName, names, references, environments, expected };
}

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = process.argv[2];
  if (!folder) { console.error('usage: node test/e2e/support/matrix-solution.mjs <folder> [--variables=N] [--environments=A,B]'); process.exit(2); }
  const opt = name => process.argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1];
  const result = writeMatrixSolution(path.resolve(folder), {
    variables: Number(opt('variables') ?? 300), environments: opt('environments')?.split(',') ?? DEFAULT_ENVIRONMENTS,
  });
  console.log(`wrote ${result.uniqueName}: ${result.names.length} variables, ${result.references.length} connection references, ${result.environments.length} environments into ${folder}`);
}
