// Writes one benchmark solution in the layout its plan names: 'unpacked' (pac solution unpack),
// 'cdsproj' (SolutionPackage/src beside a .cdsproj), 'yaml' (Dataverse Git integration) or 'zip'
// (a packed export). Shapes follow test/support/fixture.ts and test/support/yaml-layout.ts.
import AdmZip from 'adm-zip';
import { crlf, definitionJsonString, escapeXml } from './prng.mjs';

/** A fixed DOS date-time (2025-01-01 00:00) for zip entries: adm-zip would stamp the current time. */
const ZIP_TIME = ((2025 - 1980) << 25) | (1 << 21) | (1 << 16);

const fileBase = (name, id) => `${name.replace(/[^A-Za-z0-9]/g, '')}-${id.toUpperCase()}`;

function solutionXml(s) {
  return `<ImportExportXml version="9.2.24111.164" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SolutionManifest>
    <UniqueName>${s.uniqueName}</UniqueName>
    <LocalizedNames>
      <LocalizedName description="${escapeXml(s.displayName, true)}" languagecode="1033" />
    </LocalizedNames>
    <Descriptions />
    <Version>1.0.0.0</Version>
    <Managed>0</Managed>
    <Publisher>
      <UniqueName>contoso</UniqueName>
      <LocalizedNames>
        <LocalizedName description="Contoso" languagecode="1033" />
      </LocalizedNames>
      <Descriptions />
      <CustomizationPrefix>${s.prefix}</CustomizationPrefix>
      <CustomizationOptionValuePrefix>10000</CustomizationOptionValuePrefix>
    </Publisher>
    <RootComponents>
${[...s.cloudFlows, ...s.desktopFlows].map(f => `      <RootComponent type="29" id="{${f.id}}" behavior="0" />`).join('\n')}
    </RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
`;
}

const DESKTOP_IO = {
  uiFlowType: 2,
  inputs: { schema: { properties: Object.fromEntries(['Input_WorkFolder', 'Input_PortalUrl', 'Input_Reference', 'Input_Mode'].map(n => [n, { default: '', description: '', format: null, title: n, type: 'string', value: '' }])), type: 'object' } },
  outputs: { schema: { properties: { Output_Message: { default: '', description: '', format: 'password', title: 'Output_Message', type: 'string', value: '' } }, type: 'object' } },
};

/** A flow's `<Workflow>` element as exports write it (a desktop flow's script in `<Definition>`); `io` its inputs and outputs. */
export function workflowXml(flow, kind, jsonName, io = DESKTOP_IO) {
  const desktop = kind === 'desktop' ? `
  <UIFlowType>${io.uiFlowType}</UIFlowType>
  <Inputs>${escapeXml(JSON.stringify(io.inputs))}</Inputs>
  <Outputs>${escapeXml(JSON.stringify(io.outputs))}</Outputs>
  <ConnectionReferences>[]</ConnectionReferences>
  <Definition>${definitionJsonString(flow.script)}</Definition>
  <SchemaVersion>2022.07</SchemaVersion>` : '';
  return `<Workflow WorkflowId="{${flow.id}}" Name="${escapeXml(flow.name, true)}">
  <JsonFileName>/Workflows/${jsonName}</JsonFileName>
  <Type>1</Type>
  <Subprocess>0</Subprocess>
  <Category>${kind === 'cloud' ? 5 : 6}</Category>
  <Mode>0</Mode>
  <Scope>4</Scope>
  <StateCode>1</StateCode>
  <StatusCode>2</StatusCode>
  <RunAs>1</RunAs>
  <IsTransacted>1</IsTransacted>
  <IntroducedVersion>1.0.0.0</IntroducedVersion>
  <IsCustomizable>1</IsCustomizable>${desktop}
  <PrimaryEntity>none</PrimaryEntity>
  <LocalizedNames>
    <LocalizedName languagecode="1033" description="${escapeXml(flow.name, true)}" />
  </LocalizedNames>
</Workflow>`;
}

function connectionReferencesXml(refs) {
  return `  <connectionreferences>
${refs.map(r => `    <connectionreference connectionreferencelogicalname="${r.logicalName}">
      <connectionreferencedisplayname>${escapeXml(r.displayName)}</connectionreferencedisplayname>
      <connectorid>${r.connectorId}</connectorid>
      <iscustomizable>1</iscustomizable>
      <promptingbehavior>0</promptingbehavior>
      <statecode>0</statecode>
      <statuscode>1</statuscode>
    </connectionreference>`).join('\n')}
  </connectionreferences>
`;
}

function envVarXml(v) {
  const display = escapeXml(v.displayName, true);
  return `<environmentvariabledefinition schemaname="${v.schemaName}">
${v.defaultValue !== undefined ? `  <defaultvalue>${escapeXml(v.defaultValue)}</defaultvalue>\n` : ''}  <description default="">
    <label description="" languagecode="1033" />
  </description>
  <displayname default="${display}">
    <label description="${display}" languagecode="1033" />
  </displayname>
  <introducedversion>1.0.0.0</introducedversion>
  <iscustomizable>1</iscustomizable>
  <isrequired>0</isrequired>
  <secretstore>0</secretstore>
  <type>${v.type}</type>
</environmentvariabledefinition>
`;
}

const envVarValueJson = v => JSON.stringify({
  environmentvariablevalues: { environmentvariablevalue: { '@environmentvariablevalueid': v.valueId, iscustomizable: '1', value: v.committedValue } },
}, null, 2);

/** The XML layouts' files (raw = the inside of a packed .zip). */
function xmlLayoutFiles(s, rootDir, raw) {
  const files = [];
  const inline = [];
  for (const [kind, flows] of [['cloud', s.cloudFlows], ['desktop', s.desktopFlows]]) {
    for (const f of flows) {
      const json = `${fileBase(f.name, f.id)}.json`;
      files.push([`${rootDir}Workflows/${json}`, kind === 'cloud' ? f.json : JSON.stringify({ properties: { definition: { package: '' } }, schemaversion: 'ROBIN_202208_DVRS' })]);
      const element = workflowXml(f, kind, json);
      if (raw) inline.push(element);
      else files.push([`${rootDir}Workflows/${json}.data.xml`, `<?xml version="1.0" encoding="utf-8"?>\n${element}\n`]);
    }
  }
  for (const v of s.envVars) {
    files.push([`${rootDir}environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`, envVarXml(v)]);
    if (v.committedValue !== undefined) files.push([`${rootDir}environmentvariabledefinitions/${v.schemaName}/environmentvariablevalues.json`, envVarValueJson(v)]);
  }
  const workflows = inline.length ? `>\n${inline.map(e => e.replace(/^/gm, '    ')).join('\n')}\n  </Workflows>` : ' />';
  const customizations = `<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Entities />
  <Roles />
  <Workflows${workflows}
  <FieldSecurityProfiles />
  <Templates />
  <EntityMaps />
  <EntityRelationships />
  <OrganizationSettings />
  <optionsets />
  <CustomControls />
  <EntityDataProviders />
${connectionReferencesXml(s.connectionReferences)}  <Languages>
    <Language>1033</Language>
  </Languages>
</ImportExportXml>
`;
  files.push([raw ? 'solution.xml' : `${rootDir}Other/Solution.xml`, solutionXml(s)]);
  files.push([raw ? 'customizations.xml' : `${rootDir}Other/Customizations.xml`, customizations]);
  if (raw) files.push(['[Content_Types].xml', '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/octet-stream" /><Default Extension="json" ContentType="application/octet-stream" /></Types>']);
  return files;
}

/** Dataverse Git integration: YAML metadata, flow JSON under modernflows/, scripts in workflow.yml. */
function yamlLayoutFiles(s) {
  const u = s.uniqueName;
  const components = [
    ...s.connectionReferences.map(r => `/connectionreferences/${r.logicalName}`),
    ...s.envVars.map(v => `/environmentvariabledefinitions/${v.schemaName}`),
    ...s.cloudFlows.map(f => `/modernflows/${f.id}`),
    ...s.desktopFlows.map(f => `/workflows/${f.id}`),
    '/publishers/contoso',
  ];
  const roots = [...s.cloudFlows, ...s.desktopFlows];
  const files = [
    [`solutions/${u}/solution.yml`, crlf(`ImportExportXml:\n  '@version': 9.2.26093.139\n  '@SolutionPackageVersion': 9.2\n  '@languagecode': 1033\n  '@generatedBy': CrmLive\n  '@xmlns:xsi': http://www.w3.org/2001/XMLSchema-instance\n  SolutionManifest:\n    UniqueName: ${u}\n    LocalizedNames:\n      LocalizedName:\n        '@description': ${s.displayName}\n        '@languagecode': 1033\n    Descriptions: \n    Version: 1.0.0.0\n    Managed: 0\n    Publisher:\n      UniqueName: contoso\n`)],
    [`solutions/${u}/solutioncomponents.yml`, crlf(`SolutionComponents:\n  Component:\n${components.map(p => `  - '@path': ${p}`).join('\n')}\n`)],
    [`solutions/${u}/rootcomponents.yml`, crlf(`RootComponents:\n  RootComponent:\n${roots.map(f => `  - '@type': 29\n    '@id': '{${f.id}}'\n    '@behavior': 0`).join('\n')}\n`)],
    [`solutions/${u}/missingdependencies.yml`, crlf('MissingDependencies: \n')],
    ['publishers/contoso/publisher.yml', crlf(`Publisher:\n  UniqueName: contoso\n  LocalizedNames:\n    LocalizedName:\n      '@description': Contoso\n      '@languagecode': 1033\n  Descriptions: \n  CustomizationPrefix: ${s.prefix}\n  CustomizationOptionValuePrefix: 10000\n`)],
  ];
  for (const r of s.connectionReferences) {
    files.push([`connectionreferences/${r.logicalName}/connectionreference.yml`, crlf(`connectionreference:\n  '@connectionreferencelogicalname': ${r.logicalName}\n  connectionreferencedisplayname: ${r.displayName}\n  connectorid: ${r.connectorId}\n  iscustomizable: 1\n  promptingbehavior: 0\n  statecode: 0\n  statuscode: 1\n`)]);
  }
  for (const v of s.envVars) files.push([`environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`, crlf(envVarXml(v))]);
  const committed = s.envVars.filter(v => v.committedValue !== undefined);
  if (committed.length) {
    files.push(['environment_variable_values.json', crlf(JSON.stringify({ EnvironmentVariableValues: committed.map(v => ({ 'EnvironmentVariableDefinition.SchemaName': v.schemaName, EnvironmentVariableValueId: v.valueId, Value: v.committedValue })) }, null, 2))]);
  }
  for (const f of s.cloudFlows) {
    const json = `${fileBase(f.name, f.id)}.json`;
    files.push([`modernflows/${f.id}/workflow.yml`, crlf(`Workflow:\n  '@WorkflowId': '{${f.id}}'\n  '@Name': ${f.name}\n  JsonFileName: /modernflows/${f.id}/${json}\n  Type: 1\n  Subprocess: 0\n  Category: 5\n  StateCode: 1\n  StatusCode: 2\n  IntroducedVersion: 1.0\n  ModernFlowType: 0\n  PrimaryEntity: none\n  LocalizedNames:\n    LocalizedName:\n      '@languagecode': 1033\n      '@description': ${f.name}\n`)]);
    files.push([`modernflows/${f.id}/${json}`, crlf(f.json)]);
  }
  for (const f of s.desktopFlows) {
    // Definition: the JSON string literal, single-quoted, as Git integration writes it.
    const definition = `'${JSON.stringify(f.script).replace(/'/g, "''")}'`;
    files.push([`workflows/${f.id}/workflow.yml`, crlf(`Workflow:\n  '@WorkflowId': '{${f.id}}'\n  '@Name': ${f.name}\n  Type: 1\n  Category: 6\n  StateCode: 1\n  StatusCode: 2\n  UIFlowType: 2\n  ConnectionReferences: '[]'\n  Inputs: '{"schema":{"type":"object","properties":{"Input_WorkFolder":{"type":"string"},"Input_PortalUrl":{"type":"string"}}}}'\n`) + `  Definition: ${definition}\r\n`]);
  }
  return files;
}

/** Every file of one solution folder: [relative path, string | Buffer][]. */
export function solutionFiles(s) {
  const settings = Object.entries(s.settings).map(([env, content]) => [
    s.layout === 'yaml' ? `src/deploymentSettings/${env}/deploymentSettings.json` : `config/${env}/deploymentSettings.json`,
    JSON.stringify(content, null, 2),
  ]);
  if (s.layout === 'yaml') return [...yamlLayoutFiles(s).map(([p, c]) => [`src/${p}`, c]), ...settings];
  if (s.layout === 'zip') {
    const zip = new AdmZip();
    for (const [p, content] of xmlLayoutFiles(s, '', true)) {
      zip.addFile(p, Buffer.from(content, 'utf8'));
      zip.getEntry(p).header.timeval = ZIP_TIME;
    }
    return [[`${s.uniqueName}_1_0_0_0.zip`, zip.toBuffer()], ...settings];
  }
  if (s.layout === 'cdsproj') {
    const project = `<?xml version="1.0" encoding="utf-8"?>\n<Project ToolsVersion="15.0" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">\n  <PropertyGroup>\n    <SolutionRootPath>src</SolutionRootPath>\n  </PropertyGroup>\n</Project>\n`;
    return [...xmlLayoutFiles(s, 'SolutionPackage/src/', false), [`SolutionPackage/${s.uniqueName}.cdsproj`, project], ...settings];
  }
  return [...xmlLayoutFiles(s, '', false), ...settings];
}
