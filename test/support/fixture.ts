// Builds solution trees in every layout from a compact description, in memory or on disk.
// Tests describe what matters (flows, scripts, variables, settings); the builder writes files
// in the shape Power Platform exports them.
import AdmZip from 'adm-zip';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeForDefinition } from '../../server/src/load/definition';
import { escapeXml } from '../../server/src/load/xml';

export interface CloudFlowSpec {
  name: string;
  id?: string;
  /** The `properties.definition` object, or the whole file when it has `properties`. */
  definition?: unknown;
  /** properties.connectionReferences; defaults to one entry per logical name in `uses`. */
  connectionReferences?: Record<string, unknown>;
  /** Shorthand: connection reference logical names the flow uses (key = shared_<connector>). */
  uses?: Array<{ key: string; logicalName: string; api?: string }>;
  /** Raw file content, overriding everything else. */
  raw?: string;
}

export interface DesktopFlowSpec {
  name: string;
  id?: string;
  script: string;
  /** 'json-string' (default, what exports hold) or 'xml-text'. */
  storage?: 'json-string' | 'xml-text';
  inputs?: Array<{ name: string; type?: string; sensitive?: boolean }>;
  outputs?: Array<{ name: string; type?: string; sensitive?: boolean }>;
  connectionReferences?: string[];
}

export interface EnvVarSpec {
  schemaName: string;
  displayName?: string;
  type?: number;
  defaultValue?: string;
  /** Committed current value (environmentvariablevalues.json). */
  value?: string;
  secretStore?: number;
}

export interface ConnRefSpec {
  logicalName: string;
  displayName?: string;
  connectorId: string;
}

export interface SolutionSpec {
  uniqueName?: string;
  prefix?: string;
  version?: string;
  cloudFlows?: CloudFlowSpec[];
  desktopFlows?: DesktopFlowSpec[];
  environmentVariables?: EnvVarSpec[];
  connectionReferences?: ConnRefSpec[];
  /** Environment name → deployment settings object (or raw text). */
  settings?: Record<string, unknown>;
  /** flowcop.json content at the tree root. */
  config?: unknown;
  /** Extra files (path relative to the tree root → content). */
  files?: Record<string, string>;
}

export type FixtureLayout = 'unpacked' | 'cdsproj' | 'raw' | 'zip';

let counter = 0;
export function guid(seed?: string): string {
  const base = seed ?? String(++counter);
  let h = 0;
  for (const ch of base) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const hex = (h.toString(16).padStart(8, '0') + '0000000000000000000000000').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function fileBase(name: string, id: string): string {
  return `${name.replace(/[^A-Za-z0-9]/g, '')}-${id.toUpperCase()}`;
}

function solutionXml(spec: SolutionSpec, flowIds: string[]): string {
  const name = spec.uniqueName ?? 'TestSolution';
  const prefix = spec.prefix ?? 'cr1a2';
  return `<ImportExportXml version="9.2.24111.164" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SolutionManifest>
    <UniqueName>${name}</UniqueName>
    <LocalizedNames>
      <LocalizedName description="${name}" languagecode="1033" />
    </LocalizedNames>
    <Descriptions />
    <Version>${spec.version ?? '1.0.0.0'}</Version>
    <Managed>0</Managed>
    <Publisher>
      <UniqueName>testpublisher</UniqueName>
      <LocalizedNames>
        <LocalizedName description="Test Publisher" languagecode="1033" />
      </LocalizedNames>
      <Descriptions />
      <CustomizationPrefix>${prefix}</CustomizationPrefix>
      <CustomizationOptionValuePrefix>10000</CustomizationOptionValuePrefix>
    </Publisher>
    <RootComponents>
${flowIds.map(id => `      <RootComponent type="29" id="{${id}}" behavior="0" />`).join('\n')}
    </RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
`;
}

function connectionReferencesXml(refs: ConnRefSpec[]): string {
  if (!refs.length) return '  <connectionreferences />\n';
  return `  <connectionreferences>
${refs.map(r => `    <connectionreference connectionreferencelogicalname="${r.logicalName}">
      <connectionreferencedisplayname>${escapeXml(r.displayName ?? r.logicalName)}</connectionreferencedisplayname>
      <connectorid>${r.connectorId}</connectorid>
      <iscustomizable>1</iscustomizable>
      <promptingbehavior>0</promptingbehavior>
      <statecode>0</statecode>
      <statuscode>1</statuscode>
    </connectionreference>`).join('\n')}
  </connectionreferences>
`;
}

function workflowElement(kind: 'cloud' | 'desktop', name: string, id: string, jsonName: string, desktop?: DesktopFlowSpec): string {
  const schema = (vars: DesktopFlowSpec['inputs']) => JSON.stringify({
    schema: vars?.length ? {
      properties: Object.fromEntries(vars.map(v => [v.name, { default: '', description: '', format: v.sensitive ? 'password' : null, title: v.name, type: v.type ?? 'string', value: '' }])),
      type: 'object',
    } : null,
  });
  const desktopParts = desktop ? `
  <UIFlowType>2</UIFlowType>
  <Inputs>${escapeXml(schema(desktop.inputs))}</Inputs>
  <Outputs>${escapeXml(schema(desktop.outputs))}</Outputs>
  <ConnectionReferences>${escapeXml(JSON.stringify((desktop.connectionReferences ?? []).map(l => ({ connectionReferenceLogicalName: l }))))}</ConnectionReferences>
  <Definition>${desktop.storage === 'xml-text' ? encodeForDefinition(desktop.script, 'xml-text') : `"${encodeForDefinition(desktop.script, 'json-string')}"`}</Definition>
  <SchemaVersion>2022.07</SchemaVersion>` : '';
  return `<Workflow WorkflowId="{${id}}" Name="${escapeXml(name, true)}">
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
  <IsCustomizable>1</IsCustomizable>${desktopParts}
  <PrimaryEntity>none</PrimaryEntity>
  <LocalizedNames>
    <LocalizedName languagecode="1033" description="${escapeXml(name, true)}" />
  </LocalizedNames>
</Workflow>`;
}

function cloudFlowJson(flow: CloudFlowSpec): string {
  if (flow.raw !== undefined) return flow.raw;
  const def = flow.definition as Record<string, unknown> | undefined;
  if (def && 'properties' in def) return JSON.stringify(def, null, 2);
  const connectionReferences = flow.connectionReferences ?? Object.fromEntries((flow.uses ?? []).map(u => [u.key, {
    runtimeSource: 'embedded',
    connection: { connectionReferenceLogicalName: u.logicalName },
    api: { name: u.api ?? u.key },
  }]));
  return JSON.stringify({
    properties: {
      connectionReferences,
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters: { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' } },
        triggers: { manual: { type: 'Request', kind: 'Button', inputs: { schema: { type: 'object', properties: {} } } } },
        actions: {},
        ...(def ?? {}),
      },
      templateName: '',
    },
    schemaVersion: '1.0.0.0',
  }, null, 2);
}

function envVarXml(v: EnvVarSpec): string {
  const display = escapeXml(v.displayName ?? v.schemaName, true);
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
  <secretstore>${v.secretStore ?? 0}</secretstore>
  <type>${v.type ?? 100000000}</type>
</environmentvariabledefinition>
`;
}

/** The files of a solution tree (relative paths → content). Zip layout: see buildZip. */
export function buildSolutionFiles(spec: SolutionSpec, layout: Exclude<FixtureLayout, 'zip'> = 'unpacked'): Record<string, string> {
  const files: Record<string, string> = {};
  const rootDir = layout === 'cdsproj' ? 'SolutionPackage/src/' : '';
  const cloud = (spec.cloudFlows ?? []).map(f => ({ ...f, id: f.id ?? guid(f.name) }));
  const desktop = (spec.desktopFlows ?? []).map(f => ({ ...f, id: f.id ?? guid(f.name) }));
  const ids = [...cloud, ...desktop].map(f => f.id);
  const inline: string[] = [];
  for (const f of cloud) {
    const json = `${fileBase(f.name, f.id)}.json`;
    files[`${rootDir}Workflows/${json}`] = cloudFlowJson(f);
    const el = workflowElement('cloud', f.name, f.id, json);
    if (layout === 'raw') inline.push(el);
    else files[`${rootDir}Workflows/${json}.data.xml`] = `<?xml version="1.0" encoding="utf-8"?>\n${el}\n`;
  }
  for (const f of desktop) {
    const json = `${fileBase(f.name, f.id)}.json`;
    files[`${rootDir}Workflows/${json}`] = JSON.stringify({ properties: { definition: { package: '' } }, schemaversion: 'ROBIN_202208_DVRS' });
    const el = workflowElement('desktop', f.name, f.id, json, f);
    if (layout === 'raw') inline.push(el);
    else files[`${rootDir}Workflows/${json}.data.xml`] = `<?xml version="1.0" encoding="utf-8"?>\n${el}\n`;
  }
  for (const v of spec.environmentVariables ?? []) {
    files[`${rootDir}environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`] = envVarXml(v);
    if (v.value !== undefined) {
      files[`${rootDir}environmentvariabledefinitions/${v.schemaName}/environmentvariablevalues.json`] = JSON.stringify({
        environmentvariablevalues: { environmentvariablevalue: { '@environmentvariablevalueid': guid(v.schemaName + 'value'), iscustomizable: '1', value: v.value } },
      }, null, 2);
    }
  }
  const customizations = `<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Entities />
  <Roles />
  <Workflows${inline.length ? `>\n${inline.map(e => e.replace(/^/gm, '    ')).join('\n')}\n  </Workflows>` : ' />'}
  <FieldSecurityProfiles />
  <Templates />
  <EntityMaps />
  <EntityRelationships />
  <OrganizationSettings />
  <optionsets />
  <CustomControls />
  <EntityDataProviders />
${connectionReferencesXml(spec.connectionReferences ?? [])}  <Languages>
    <Language>1033</Language>
  </Languages>
</ImportExportXml>
`;
  if (layout === 'raw') {
    files['solution.xml'] = solutionXml(spec, ids);
    files['customizations.xml'] = customizations;
    files['[Content_Types].xml'] = '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/octet-stream" /><Default Extension="json" ContentType="application/octet-stream" /></Types>';
  } else {
    files[`${rootDir}Other/Solution.xml`] = solutionXml(spec, ids);
    files[`${rootDir}Other/Customizations.xml`] = customizations;
  }
  if (layout === 'cdsproj') {
    files[`SolutionPackage/${spec.uniqueName ?? 'TestSolution'}.cdsproj`] = `<?xml version="1.0" encoding="utf-8"?>
<Project ToolsVersion="15.0" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <PropertyGroup>
    <SolutionRootPath>src</SolutionRootPath>
  </PropertyGroup>
</Project>
`;
  }
  for (const [env, content] of Object.entries(spec.settings ?? {})) {
    files[`config/${env}/deploymentSettings.json`] = typeof content === 'string' ? content : JSON.stringify(content, null, 2);
  }
  if (spec.config !== undefined) files['flowcop.json'] = typeof spec.config === 'string' ? spec.config : JSON.stringify(spec.config, null, 2);
  Object.assign(files, spec.files ?? {});
  return files;
}

/** A packed solution .zip (raw layout inside) plus the files outside it (settings, config). */
export function buildZip(spec: SolutionSpec): { zip: Buffer; outside: Record<string, string> } {
  const files = buildSolutionFiles(spec, 'raw');
  const zip = new AdmZip();
  const outside: Record<string, string> = {};
  for (const [p, content] of Object.entries(files)) {
    if (p.startsWith('config/') || p === 'flowcop.json' || spec.files?.[p] !== undefined) outside[p] = content;
    else zip.addFile(p, Buffer.from(content, 'utf8'));
  }
  return { zip: zip.toBuffer(), outside };
}

/** Writes a fixture tree to disk and returns its folder. */
export function writeFixture(dir: string, spec: SolutionSpec, layout: FixtureLayout = 'unpacked'): string {
  fs.mkdirSync(dir, { recursive: true });
  const write = (rel: string, content: string | Buffer) => {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  };
  if (layout === 'zip') {
    const { zip, outside } = buildZip(spec);
    write(`${spec.uniqueName ?? 'TestSolution'}_1_0_0_0.zip`, zip);
    for (const [p, c] of Object.entries(outside)) write(p, c);
  } else {
    for (const [p, c] of Object.entries(buildSolutionFiles(spec, layout))) write(p, c);
  }
  return dir;
}
