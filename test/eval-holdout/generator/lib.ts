// Building blocks for the held-out evaluation tree: solution files in every layout, and the labels.
//
// Labels are written next to the content they describe, as markers that are stripped before a file
// is written:  ⟦+rule|id|note⟧  a labeled problem on this line,
//              ⟦^id⟧            another line (or file, or flow) where the same problem may be reported,
//              ⟦-category|id|note⟧  a documented trap on this line (category credential, machine,
//                               environment-specific, or alm[:rule]).
// Notes must not contain double quotes or backslashes (markers also sit inside JSON strings).
import AdmZip from 'adm-zip';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeForDefinition } from '../../../server/src/load/definition';
import { escapeXml } from '../../../server/src/load/xml';

export { escapeXml };

// ------------------------------------------------------------------------------------------------
// Labels

export type Category = 'credential' | 'machine' | 'environment-specific' | 'alm';

interface Place { file: string; flow?: string; line: number }
interface Mark { kind: '+' | '^' | '-'; id: string; rule?: string; category?: Category; note?: string; place: Place }

const marks: Mark[] = [];

const RULE_CATEGORY: Record<string, Category> = {
  'pad/plaintext-secret': 'credential', 'pad/sensitive-not-marked': 'credential', 'pad/secret-input-variable': 'credential',
  'cloud/plaintext-secret': 'credential', 'cloud/unsecured-secret': 'credential', 'solution/secret-env-var-as-text': 'credential',
  'pad/hardcoded-machine': 'machine', 'cloud/hardcoded-machine': 'machine',
  'pad/environment-specific-path': 'environment-specific', 'pad/environment-specific-url': 'environment-specific',
  'cloud/environment-specific-value': 'environment-specific',
  'cloud/embedded-connection': 'alm', 'solution/committed-env-var-value': 'alm', 'solution/undefined-reference': 'alm',
  'solution/unused-reference': 'alm', 'settings/missing-value': 'alm', 'settings/shared-connection': 'alm',
  'settings/unknown-entry': 'alm', 'settings/environment-bleed': 'alm',
  // Issue 13: settings that fail at import, identities, data policies, deployment pipelines.
  'settings/import-failure': 'alm', 'settings/single-identity': 'alm',
  'dlp/blocked-connector': 'alm', 'dlp/blocked-action': 'alm', 'dlp/mixed-groups': 'alm', 'dlp/blocked-endpoint': 'alm',
  'pipeline/upgrade-drops-desktop-flow-sharing': 'alm', 'pipeline/holding-without-apply': 'alm', 'pipeline/missing-settings-file': 'alm',
  'pipeline/upgrade-on-first-install': 'alm',
};

const MARK = /⟦([^⟧]*)⟧/g;
/** A marker and the blanks before it. */
const MARK_WS = /[ \t]*⟦([^⟧]*)⟧/g;

/**
 * Strips the markers from `text` and records them. `where.flow` set: the text is a desktop-flow
 * script stored inside `where.file`, and lines are script lines.
 */
export function take(text: string, where: { file: string; flow?: string }): string {
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((lineText, i) => {
    out.push(lineText.replace(MARK_WS, (_m, body: string) => {
      const place: Place = { file: where.file, line: i + 1, ...(where.flow ? { flow: where.flow } : {}) };
      const kind = body[0];
      if (kind === '^') { marks.push({ kind: '^', id: body.slice(1), place }); return ''; }
      const [head, id, ...rest] = body.slice(1).split('|');
      const note = rest.join('|');
      if (!id) throw new Error(`marker without id: ${body}`);
      if (kind === '+') {
        const category = RULE_CATEGORY[head];
        if (!category) throw new Error(`unknown rule ${head} in ${id}`);
        marks.push({ kind: '+', id, rule: head, category, note, place });
      } else if (kind === '-') {
        const [category, rule] = head.split(':');
        if (!['credential', 'machine', 'environment-specific', 'alm'].includes(category)) throw new Error(`unknown category ${category} in ${id}`);
        marks.push({ kind: '-', id, category: category as Category, ...(rule ? { rule } : {}), note, place });
      } else throw new Error(`bad marker ${body}`);
      return '';
    }));
  });
  return out.join('\n');
}

/** Removes markers without recording them (for copies of already-recorded content). */
export function strip(text: string): string {
  return text.replace(MARK, '');
}

export interface LabelOut {
  id: string; category: Category; rule?: string; file: string;
  line?: number; lines?: number[]; flow?: string; scriptLine?: number; scriptLines?: number[];
  also?: Array<{ file: string; line?: number; lines?: number[]; flow?: string; scriptLine?: number }>;
  note: string;
}

export function collectLabels(): { labels: LabelOut[]; negatives: LabelOut[] } {
  const build = (m: Mark): LabelOut => {
    const alts = marks.filter(a => a.kind === '^' && a.id === m.id).map(a => a.place);
    const same = alts.filter(a => a.file === m.place.file && a.flow === m.place.flow);
    const other = alts.filter(a => !(a.file === m.place.file && a.flow === m.place.flow));
    const label: LabelOut = { id: m.id, category: m.category!, ...(m.rule ? { rule: m.rule } : {}), file: m.place.file, note: m.note ?? '' };
    if (m.place.flow) {
      label.flow = m.place.flow;
      label.scriptLine = m.place.line;
      if (same.length) label.scriptLines = [m.place.line, ...same.map(a => a.line)];
    } else {
      label.line = m.place.line;
      if (same.length) label.lines = [m.place.line, ...same.map(a => a.line)];
    }
    if (other.length) {
      label.also = other.map(a => (a.flow ? { file: a.file, flow: a.flow, scriptLine: a.line } : { file: a.file, line: a.line }));
    }
    // key order as documented: id, category, rule, file, place, note
    const { note, ...rest } = label;
    return { ...rest, note };
  };
  const ids = new Set<string>();
  for (const m of marks) {
    if (m.kind === '^') continue;
    if (ids.has(m.id)) throw new Error(`duplicate label id ${m.id}`);
    ids.add(m.id);
  }
  for (const m of marks) if (m.kind === '^' && !ids.has(m.id)) throw new Error(`alternative for unknown id ${m.id}`);
  const order = (a: LabelOut, b: LabelOut) => a.file.localeCompare(b.file) || (a.flow ?? '').localeCompare(b.flow ?? '') || ((a.line ?? a.scriptLine ?? 0) - (b.line ?? b.scriptLine ?? 0));
  return {
    labels: marks.filter(m => m.kind === '+').map(build).sort(order),
    negatives: marks.filter(m => m.kind === '-').map(build).sort(order),
  };
}

// ------------------------------------------------------------------------------------------------
// Output

let treeRoot = '';
export function setTreeRoot(dir: string): void { treeRoot = dir; }

/** Writes a file of the tree (path relative to the tree root). */
export function writeTree(rel: string, content: string | Buffer, { bom = false } = {}): void {
  const p = path.join(treeRoot, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, typeof content === 'string' && bom ? '\ufeff' + content : content);
}

export function guid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Robin text written with String.raw: `¤{` stands for the Power Fx `${` and CRLF line ends are applied. */
export function robin(text: string): string {
  return text.replace(/^\n/, '').replace(/\n\s*$/, '').replace(/¤\{/g, '${').replace(/\r?\n/g, '\r\n');
}

// ------------------------------------------------------------------------------------------------
// Solutions

export interface DesktopFlow {
  name: string;
  id: string;
  /** Robin script (markers allowed), CRLF. */
  script: string;
  powerFx?: boolean;
  description?: string;
  connectionReferences?: Array<{ logicalName: string; api: string; displayName: string }>;
  /** Extra <Metadata> flags. */
  credentials?: boolean;
  /** Marker text appended to the <Metadata> line. */
  metadataMarker?: string;
  binaries?: Array<{ id: string; type: string; reference: string; file: string; mimetype: string; content: string; name: string }>;
  /** A v1 export: the script is only in Workflows/<Name>-<GUID>.json as the base64 zip `properties.definition.package`; no <Definition>. */
  v1Package?: { engineVersion: string; appmask: string };
}

export interface CloudFlow {
  name: string;
  id: string;
  description?: string;
  /** The whole file object ({ properties: { connectionReferences, definition }, schemaVersion }). Markers allowed in strings. */
  json: unknown;
  indent?: number;
}

export interface EnvVar {
  schemaName: string;
  displayName: string;
  description: string;
  type: number;
  defaultValue?: string;
  secretStore?: number;
  /** Committed current value (environmentvariablevalues.json). */
  value?: string;
  /** Marker text placed on the definition's first line / on its <type> line / on the value line. */
  mark?: string; typeMark?: string; valueMark?: string;
}

export interface ConnRef {
  logicalName: string;
  displayName: string;
  connectorId: string;
  mark?: string;
}

export interface Solution {
  /** Folder of the solution relative to the tree root (for zip: folder holding the .zip). */
  dir: string;
  layout: 'unpacked' | 'cdsproj' | 'raw' | 'zip';
  uniqueName: string;
  displayName: string;
  description: string;
  version: string;
  publisher: { uniqueName: string; displayName: string; prefix: string; optionValuePrefix: number };
  cloudFlows: CloudFlow[];
  desktopFlows: DesktopFlow[];
  envVars: EnvVar[];
  connRefs: ConnRef[];
}

export function fileBase(name: string, id: string): string {
  return `${name.replace(/[^A-Za-z0-9_-]/g, '')}-${id.toUpperCase()}`;
}

interface HeaderVar { name: string; type: string; description: string; defaultValue?: string; sensitive: boolean }

function parseHeader(script: string): { inputs: HeaderVar[]; outputs: HeaderVar[] } {
  const sens = /^@SENSITIVE:\s*\[([^\]]*)\]/m.exec(script)?.[1].split(',').map(s => s.trim()).filter(Boolean) ?? [];
  const vars = (kw: string) => [...script.matchAll(new RegExp(`^@${kw} (\\w+) : \\{(.*)\\}\\s*$`, 'gm'))].map(m => {
    const body = m[2];
    const type = /'Type': '(\w+)'/.exec(body)?.[1] ?? 'String';
    const description = /'Description': '((?:[^'\\]|\\.)*)'/.exec(body)?.[1] ?? '';
    const dv = /'DefaultValue': (\$?'(?:[^'\\]|\\.)*'|\w+)/.exec(body)?.[1];
    return { name: m[1], type, description, defaultValue: dv, sensitive: sens.includes(m[1]) };
  });
  return { inputs: vars('INPUT'), outputs: vars('OUTPUT') };
}

const JSON_TYPE: Record<string, string> = { String: 'string', Numeric: 'number', Bool: 'boolean', CustomObject: 'object', List: 'array', Datatable: 'object' };

function schemaJson(vars: HeaderVar[], inputs: boolean): string {
  if (!vars.length) return JSON.stringify({ schema: null });
  const props: Record<string, unknown> = {};
  for (const v of vars) {
    const dv = v.defaultValue === undefined ? '' : v.defaultValue.replace(/^\$?'|'$/g, '');
    props[v.name] = {
      ...(inputs ? { isOptional: false } : {}),
      default: '',
      description: v.description,
      format: v.sensitive ? 'password' : null,
      title: v.name,
      type: JSON_TYPE[v.type] ?? 'string',
      value: inputs ? (v.sensitive ? '' : dv) : null,
    };
  }
  return JSON.stringify({ schema: { ...(inputs ? { required: vars.map(v => v.name) } : {}), properties: props, type: 'object' } });
}

function desktopWorkflowXml(sol: Solution, f: DesktopFlow, cleanScript: string): string {
  const { inputs, outputs } = parseHeader(cleanScript);
  const metadata = JSON.stringify({
    clientversion: f.powerFx ? '2.53.00160.25064' : '2.52.00062.25009',
    isvalid: true,
    $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    schemaVersion: 'ROBIN_20211012',
    containsActiveConnections: (f.connectionReferences?.length ?? 0) > 0,
    containsGptPredictActions: false,
    containsActiveCopilotActions: false,
    containsActiveWorkQueuesActions: false,
    containsActiveLogMessageActions: /Logging\.LogMessage/.test(cleanScript),
    containsActiveCredentialsActions: !!f.credentials,
    multipleRequestsState: 0,
    scriptType: f.powerFx ? 1 : 0,
    ...(f.powerFx ? { isPowerFxEnabled: true, powerFxVersion: '1.2' } : {}),
    disableScreenshotCaptureOnError: false,
    missingUiElementRepairType: null,
    flowTimeout: null,
  });
  const deps = JSON.stringify({ childFlows: [], workQueues: [], environmentVariables: [], requiredBinaries: (f.binaries ?? []).map(b => b.id), canvasApps: [] });
  const refs = JSON.stringify((f.connectionReferences ?? []).map((r, i) => ({
    api: { name: `/providers/Microsoft.PowerApps/apis/${r.api}` }, displayName: r.displayName, isDisabled: false,
    connectionReferenceLogicalName: r.logicalName, name: guid(`${f.id}-cr-${i}`).replace(/-/g, ''), connectionDisplayName: 'svc-rpa',
    ownerId: null, padInternalId: guid(`${f.id}-pad-${i}`), isEmbedded: false,
  })));
  const jsonName = `${fileBase(f.name, f.id)}.json`;
  return `<Workflow WorkflowId="{${f.id}}" Name="${escapeXml(f.name, true)}"${f.description ? ` Description="${escapeXml(f.description, true)}"` : ''}>
  <JsonFileName>/Workflows/${jsonName}</JsonFileName>
  <Type>1</Type>
  <Subprocess>0</Subprocess>
  <Category>6</Category>
  <Mode>0</Mode>
  <Scope>4</Scope>
  <OnDemand>0</OnDemand>
  <TriggerOnCreate>0</TriggerOnCreate>
  <TriggerOnDelete>0</TriggerOnDelete>
  <AsyncAutodelete>0</AsyncAutodelete>
  <SyncWorkflowLogOnFailure>0</SyncWorkflowLogOnFailure>
  <StateCode>1</StateCode>
  <StatusCode>2</StatusCode>
  <RunAs>1</RunAs>
  <IsTransacted>1</IsTransacted>
  <IntroducedVersion>${sol.version}</IntroducedVersion>
  <IsCustomizable>1</IsCustomizable>
  <UIFlowType>2</UIFlowType>
  <IsCustomProcessingStepAllowedForOtherPublishers>1</IsCustomProcessingStepAllowedForOtherPublishers>
  <Metadata>${escapeXml(metadata)}</Metadata>${f.metadataMarker ?? ''}
  <Inputs>${escapeXml(schemaJson(inputs, true))}</Inputs>
  <Outputs>${escapeXml(schemaJson(outputs, false))}</Outputs>
  <Dependencies>${escapeXml(deps)}</Dependencies>
  <ConnectionReferences>${escapeXml(refs)}</ConnectionReferences>
  <Definition>"${encodeForDefinition(cleanScript, 'json-string')}"</Definition>
  <SchemaVersion>2022.07</SchemaVersion>
  <PrimaryEntity>none</PrimaryEntity>
  <LocalizedNames>
    <LocalizedName languagecode="1033" description="${escapeXml(f.name, true)}" />
  </LocalizedNames>${f.description ? `
  <Descriptions>
    <Description languagecode="1033" description="${escapeXml(f.description, true)}" />
  </Descriptions>` : ''}
</Workflow>`;
}

/** The base64 zip of a v1 export: script.robin and flow.manifest in UTF-16LE with BOM, the control and image repositories. */
function v1PackageBase64(script: string, v1: { engineVersion: string; appmask: string }): string {
  const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const zip = new AdmZip();
  const stamp = new Date(2021, 10, 18, 10, 24, 0);
  const entries: Record<string, Buffer> = {
    'script.robin': utf16(script),
    'flow.manifest': utf16(JSON.stringify({ EngineVersion: v1.engineVersion, PowerFxEnabled: false, Modules: [] })),
    'controlRepo.appmask': Buffer.from(v1.appmask, 'utf8'),
    'imageRepo.imgrepo': Buffer.from(JSON.stringify({ Version: 1, Images: [] }), 'utf8'),
  };
  for (const [name, bytes] of Object.entries(entries)) {
    zip.addFile(name, bytes);
    zip.getEntry(name)!.header.time = stamp;
  }
  return zip.toBuffer().toString('base64');
}

function cloudWorkflowXml(sol: Solution, f: CloudFlow): string {
  const jsonName = `${fileBase(f.name, f.id)}.json`;
  return `<Workflow WorkflowId="{${f.id}}" Name="${escapeXml(f.name, true)}"${f.description ? ` Description="${escapeXml(f.description, true)}"` : ''} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <JsonFileName>/Workflows/${jsonName}</JsonFileName>
  <Type>1</Type>
  <Subprocess>0</Subprocess>
  <Category>5</Category>
  <Mode>0</Mode>
  <Scope>4</Scope>
  <OnDemand>0</OnDemand>
  <TriggerOnCreate>0</TriggerOnCreate>
  <TriggerOnDelete>0</TriggerOnDelete>
  <AsyncAutodelete>0</AsyncAutodelete>
  <SyncWorkflowLogOnFailure>0</SyncWorkflowLogOnFailure>
  <StateCode>1</StateCode>
  <StatusCode>2</StatusCode>
  <RunAs>1</RunAs>
  <IsTransacted>1</IsTransacted>
  <IntroducedVersion>${sol.version}</IntroducedVersion>
  <IsCustomizable>1</IsCustomizable>
  <BusinessProcessType>0</BusinessProcessType>
  <IsCustomProcessingStepAllowedForOtherPublishers>1</IsCustomProcessingStepAllowedForOtherPublishers>
  <ModernFlowType>0</ModernFlowType>
  <PrimaryEntity>none</PrimaryEntity>
  <LocalizedNames>
    <LocalizedName languagecode="1033" description="${escapeXml(f.name, true)}" />
  </LocalizedNames>${f.description ? `
  <Descriptions>
    <Description languagecode="1033" description="${escapeXml(f.description, true)}" />
  </Descriptions>` : ''}
</Workflow>`;
}

function solutionXml(sol: Solution): string {
  const ids = [...sol.cloudFlows, ...sol.desktopFlows].map(f => f.id);
  return `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml version="9.2.25021.193" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <SolutionManifest>
    <UniqueName>${sol.uniqueName}</UniqueName>
    <LocalizedNames>
      <LocalizedName description="${escapeXml(sol.displayName, true)}" languagecode="1033" />
    </LocalizedNames>
    <Descriptions>
      <Description description="${escapeXml(sol.description, true)}" languagecode="1033" />
    </Descriptions>
    <Version>${sol.version}</Version>
    <Managed>${sol.layout === 'cdsproj' ? 2 : 0}</Managed>
    <Publisher>
      <UniqueName>${sol.publisher.uniqueName}</UniqueName>
      <LocalizedNames>
        <LocalizedName description="${escapeXml(sol.publisher.displayName, true)}" languagecode="1033" />
      </LocalizedNames>
      <Descriptions />
      <EMailAddress xsi:nil="true"></EMailAddress>
      <SupportingWebsiteUrl xsi:nil="true"></SupportingWebsiteUrl>
      <CustomizationPrefix>${sol.publisher.prefix}</CustomizationPrefix>
      <CustomizationOptionValuePrefix>${sol.publisher.optionValuePrefix}</CustomizationOptionValuePrefix>
      <Addresses />
    </Publisher>
    <RootComponents>
${ids.map(id => `      <RootComponent type="29" id="{${id}}" behavior="0" />`).join('\n')}
    </RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
`;
}

function customizationsXml(sol: Solution, inlineWorkflows: string[]): string {
  const refs = sol.connRefs.map(r => `    <connectionreference connectionreferencelogicalname="${r.logicalName}">${r.mark ?? ''}
      <connectionreferencedisplayname>${escapeXml(r.displayName)}</connectionreferencedisplayname>
      <connectorid>${r.connectorId}</connectorid>
      <description>${escapeXml(r.displayName)}</description>
      <iscustomizable>1</iscustomizable>
      <promptingbehavior>0</promptingbehavior>
      <statecode>0</statecode>
      <statuscode>1</statuscode>
    </connectionreference>`).join('\n');
  const workflows = inlineWorkflows.length
    ? `  <Workflows>\n${inlineWorkflows.map(w => w.replace(/^/gm, '    ')).join('\n')}\n  </Workflows>`
    : '  <Workflows />';
  return `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" OrganizationVersion="9.2.25021.193" OrganizationSchemaType="Standard" CRMServerServiceabilityVersion="9.2.25021.00193">
  <Entities />
  <Roles />
${workflows}
  <FieldSecurityProfiles />
  <Templates />
  <EntityMaps />
  <EntityRelationships />
  <OrganizationSettings />
  <optionsets />
  <CustomControls />
  <EntityDataProviders />
${refs ? `  <connectionreferences>\n${refs}\n  </connectionreferences>` : '  <connectionreferences />'}
  <Languages>
    <Language>1033</Language>
  </Languages>
</ImportExportXml>
`;
}

function envVarXml(v: EnvVar): string {
  const lines = [`<environmentvariabledefinition schemaname="${v.schemaName}">${v.mark ?? ''}`];
  if (v.defaultValue !== undefined) lines.push(`  <defaultvalue>${escapeXml(v.defaultValue)}</defaultvalue>`);
  lines.push(
    `  <description default="${escapeXml(v.description, true)}">`,
    `    <label description="${escapeXml(v.description, true)}" languagecode="1033" />`,
    '  </description>',
    `  <displayname default="${escapeXml(v.displayName, true)}">`,
    `    <label description="${escapeXml(v.displayName, true)}" languagecode="1033" />`,
    '  </displayname>',
    '  <introducedversion>1.0.0.0</introducedversion>',
    '  <iscustomizable>1</iscustomizable>',
    '  <isrequired>0</isrequired>',
  );
  if (v.secretStore !== undefined) lines.push(`  <secretstore>${v.secretStore}</secretstore>`);
  lines.push(`  <type>${v.type}</type>${v.typeMark ?? ''}`, '</environmentvariabledefinition>', '');
  return lines.join('\n');
}

function envVarValueJson(v: EnvVar): string {
  return `{
  "environmentvariablevalues": {
    "environmentvariablevalue": {
      "@environmentvariablevalueid": "${guid(v.schemaName + '-value')}",
      "iscustomizable": "1",
      "value": ${JSON.stringify(v.value)}${v.valueMark ?? ''}
    }
  }
}`;
}

/** Writes a solution in its layout and records its markers. Returns the files' paths (tree-relative). */
export function writeSolution(sol: Solution): void {
  const files: Array<{ rel: string; text: string; bom?: boolean }> = [];
  const root = sol.layout === 'cdsproj' ? `${sol.dir}/src` : sol.dir;
  const inZip = sol.layout === 'zip';
  const zipName = `${sol.uniqueName}_${sol.version.replace(/\./g, '_')}.zip`;
  // Where a file's findings are reported: inside a zip, `<zip>!/<path>`.
  const where = (rel: string) => (inZip ? `${sol.dir}/${zipName}!/${rel}` : `${root}/${rel}`);
  const raw = sol.layout === 'raw' || inZip;
  const inline: string[] = [];
  const customizationsRel = raw ? 'customizations.xml' : 'Other/Customizations.xml';

  for (const f of sol.desktopFlows) {
    const jsonName = `${fileBase(f.name, f.id)}.json`;
    const xmlRel = raw ? customizationsRel : `Workflows/${jsonName}.data.xml`;
    // A v1 flow's script lives in the flow JSON: its labels point there.
    const clean = take(f.script, { file: where(f.v1Package ? `Workflows/${jsonName}` : xmlRel), flow: f.name });
    let el = desktopWorkflowXml(sol, f, clean);
    if (f.v1Package) el = el.replace(/\n {2}<Definition>[^\n]*<\/Definition>/, '');
    const { inputs, outputs } = parseHeader(clean);
    const stubSchema = (vars: HeaderVar[]) => ({ schema: { type: 'object', properties: Object.fromEntries(vars.map(v => [v.name, { type: JSON_TYPE[v.type] ?? 'string', format: v.sensitive ? 'password' : null }])) } });
    const pkg = f.v1Package ? v1PackageBase64(clean, f.v1Package) : '';
    files.push({ rel: `Workflows/${jsonName}`, text: JSON.stringify({ properties: { definition: { package: pkg }, inputs: stubSchema(inputs), outputs: stubSchema(outputs) }, schemaversion: f.v1Package ? 'ROBIN_20210813' : 'ROBIN_202208_DVRS' }) });
    if (raw) inline.push(el);
    else files.push({ rel: xmlRel, text: `<?xml version="1.0" encoding="utf-8"?>\n${el}\n`, bom: true });
    for (const b of f.binaries ?? []) {
      files.push({ rel: `desktopflowbinaries/${b.id}/desktopflowbinary.xml`, text: `<desktopflowbinary desktopflowbinaryid="${b.id}">
  <data mimetype="${b.mimetype}">${b.file}</data>
  <iscustomizable>1</iscustomizable>
  <name>${escapeXml(b.name)}</name>
  <process>
    <workflowid>${f.id}</workflowid>
  </process>
  <reference>${b.reference}</reference>
  <statecode>0</statecode>
  <statuscode>1</statuscode>
  <type>${b.type}</type>
</desktopflowbinary>
` });
      files.push({ rel: `desktopflowbinaries/${b.id}/data/${b.file}`, text: b.content });
    }
  }
  for (const f of sol.cloudFlows) {
    const jsonName = `${fileBase(f.name, f.id)}.json`;
    files.push({ rel: `Workflows/${jsonName}`, text: JSON.stringify(f.json, null, f.indent ?? 2) });
    const el = cloudWorkflowXml(sol, f);
    if (raw) inline.push(el);
    else files.push({ rel: `Workflows/${jsonName}.data.xml`, text: `<?xml version="1.0" encoding="utf-8"?>\n${el}\n`, bom: true });
  }
  for (const v of sol.envVars) {
    files.push({ rel: `environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`, text: envVarXml(v) });
    if (v.value !== undefined) files.push({ rel: `environmentvariabledefinitions/${v.schemaName}/environmentvariablevalues.json`, text: envVarValueJson(v) });
  }
  files.push({ rel: raw ? 'solution.xml' : 'Other/Solution.xml', text: solutionXml(sol), bom: !raw });
  files.push({ rel: customizationsRel, text: customizationsXml(sol, inline), bom: !raw });
  if (raw) files.push({ rel: '[Content_Types].xml', text: '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/octet-stream" /><Default Extension="json" ContentType="application/octet-stream" /><Default Extension="png" ContentType="application/octet-stream" /></Types>' });

  // Record the remaining (file-level) markers and write.
  const cleanFiles = files.map(f => ({ ...f, text: take(f.text, { file: where(f.rel) }) }));
  if (inZip) {
    const zip = new AdmZip();
    // A fixed entry time (the committed zip's) keeps the output reproducible: regenerating must not change it.
    for (const f of cleanFiles) {
      zip.addFile(f.rel, Buffer.from(f.text, 'utf8'));
      zip.getEntry(f.rel)!.header.time = new Date(2026, 10, 23, 21, 51, 42);
    }
    writeTree(`${sol.dir}/${zipName}`, zip.toBuffer());
  } else {
    for (const f of cleanFiles) writeTree(`${root}/${f.rel}`, f.text, { bom: f.bom });
  }
  if (sol.layout === 'cdsproj') {
    writeTree(`${sol.dir}/${sol.uniqueName}.cdsproj`, `<?xml version="1.0" encoding="utf-8"?>
<Project ToolsVersion="15.0" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <PropertyGroup>
    <PowerAppsTargetsPath>$(MSBuildExtensionsPath)\\Microsoft\\VisualStudio\\v$(VisualStudioVersion)\\PowerApps</PowerAppsTargetsPath>
  </PropertyGroup>
  <Import Project="$(MSBuildExtensionsPath)\\$(MSBuildToolsVersion)\\Microsoft.Common.props" />
  <Import Project="$(PowerAppsTargetsPath)\\Microsoft.PowerApps.VisualStudio.Solution.props" Condition="Exists('$(PowerAppsTargetsPath)\\Microsoft.PowerApps.VisualStudio.Solution.props')" />
  <PropertyGroup>
    <ProjectGuid>${guid(sol.uniqueName + '-cdsproj')}</ProjectGuid>
    <TargetFrameworkVersion>v4.6.2</TargetFrameworkVersion>
    <TargetFramework>net462</TargetFramework>
    <RestoreProjectStyle>PackageReference</RestoreProjectStyle>
    <SolutionRootPath>src</SolutionRootPath>
  </PropertyGroup>
  <PropertyGroup>
    <SolutionPackageType>Both</SolutionPackageType>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.PowerApps.MSBuild.Solution" Version="1.*" />
    <PackageReference Include="Microsoft.NETFramework.ReferenceAssemblies" Version="1.0.0" PrivateAssets="All" />
  </ItemGroup>
  <ItemGroup>
    <ExcludeDirectories Include="$(MSBuildThisFileDirectory)\\.gitignore" />
    <ExcludeDirectories Include="$(MSBuildThisFileDirectory)\\bin\\**" />
    <ExcludeDirectories Include="$(MSBuildThisFileDirectory)\\obj\\**" />
  </ItemGroup>
  <Import Project="$(MSBuildToolsPath)\\Microsoft.Common.targets" />
  <Import Project="$(PowerAppsTargetsPath)\\Microsoft.PowerApps.VisualStudio.Solution.targets" Condition="Exists('$(PowerAppsTargetsPath)\\Microsoft.PowerApps.VisualStudio.Solution.targets')" />
</Project>
`, { bom: true });
  }
}

/** Writes a text file of the tree (settings, scripts, notes) after recording its markers. */
export function writeText(rel: string, text: string, opts: { bom?: boolean } = {}): void {
  writeTree(rel, take(text, { file: rel }), opts);
}

/** JSON text with markers kept (they live inside strings). */
export function json(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent);
}

// ------------------------------------------------------------------------------------------------
// Cloud-flow helpers

export const SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

export function connRef(logicalName: string, api: string): unknown {
  return { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: logicalName }, api: { name: api } };
}

export function host(connectionName: string, api: string, operationId: string): unknown {
  return { connectionName, operationId, apiId: `/providers/Microsoft.PowerApps/apis/${api}` };
}

export function meta(seed: string): { operationMetadataId: string } {
  return { operationMetadataId: guid(seed) };
}

export function envParam(display: string, schemaName: string, type: string, defaultValue: unknown, description = ''): [string, unknown] {
  return [`${display} (${schemaName})`, { defaultValue, type, metadata: { schemaName, ...(description ? { description } : {}) } }];
}

export function cloudFile(connectionReferences: Record<string, unknown>, params: Array<[string, unknown]>, triggers: Record<string, unknown>, actions: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  return {
    properties: {
      connectionReferences,
      definition: {
        $schema: SCHEMA,
        contentVersion: '1.0.0.0',
        parameters: {
          $connections: { defaultValue: {}, type: 'Object' },
          $authentication: { defaultValue: {}, type: 'SecureObject' },
          ...Object.fromEntries(params),
        },
        triggers,
        actions,
        ...extra,
      },
      templateName: null,
    },
    schemaVersion: '1.0.0.0',
  };
}
