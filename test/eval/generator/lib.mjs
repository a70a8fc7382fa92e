// Helpers for the evaluation-tree generator: marker extraction (labels live next to the content they
// describe), deterministic GUIDs, and writers for the shapes Power Platform exports.
//
// Markers, written at the end of (or anywhere in) a line of content and stripped from the output:
//   ⟦+cat rule: note⟧          a labelled problem on this line (cat: cred | mach | env | alm)
//   ⟦+@key cat rule: note⟧     the same, named so that other places can be added as alternatives
//   ⟦~key⟧                    an alternative place a reviewer would also accept for label `key`
//   ⟦-cat [rule]: note⟧        a deliberate trap (documented negative) on this line
//   ⟦+#G cat rule: note⟧       (after @key if any) the mark's label-id series, when it differs from its module's
import { createHash } from 'node:crypto';

export const CATEGORIES = { cred: 'credential', mach: 'machine', env: 'environment-specific', alm: 'alm' };

const MARKER = /⟦([+\-~])([^⟧]*)⟧/g;

/**
 * Strips the markers from `text` and returns the clean text plus one entry per marker with its
 * 1-based line in the clean text.
 */
export function extractMarks(text) {
  const marks = [];
  const lines = text.split('\n');
  const out = [];
  lines.forEach((line, i) => {
    let m;
    MARKER.lastIndex = 0;
    while ((m = MARKER.exec(line))) marks.push(parseMark(m[1], m[2].trim(), i + 1));
    const had = line.includes('⟦');
    const clean = line.replace(MARKER, '');
    out.push(had ? clean.replace(/[ \t]+$/, '') : clean);
  });
  return { text: out.join('\n'), marks };
}

function parseMark(kind, body, line) {
  if (kind === '~') return { kind, key: body.replace(/^@/, ''), line };
  let key;
  let rest = body;
  const named = /^@(\S+)\s+/.exec(rest);
  if (named) { key = named[1]; rest = rest.slice(named[0].length); }
  let series;
  const tagged = /^#(\w+)\s+/.exec(rest);
  if (tagged) { series = tagged[1]; rest = rest.slice(tagged[0].length); }
  const m = /^(cred|mach|env|alm)(?:\s+([a-z]+\/[a-z\-]+))?\s*:\s*([\s\S]*)$/.exec(rest);
  if (!m) throw new Error(`bad marker at line ${line}: ⟦${kind}${body}⟧`);
  if (kind === '+' && !m[2]) throw new Error(`positive marker without a rule at line ${line}: ${body}`);
  return { kind, key, ...(series ? { series } : {}), category: CATEGORIES[m[1]], rule: m[2], note: m[3].trim(), line };
}

/** Deterministic GUID from a seed (lower case, no braces). */
export function guid(seed) {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** 32 hex characters, the shape of a connection id. */
export function hex32(seed) {
  return createHash('sha256').update(seed).digest('hex').slice(0, 32);
}

export function escapeXml(s, attr = false) {
  let r = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  if (attr) r = r.replace(/"/g, '&quot;');
  return r;
}

/** A desktop-flow script as the <Definition> element stores it: JSON string literal, XML-escaped. */
export function definitionText(script) {
  return escapeXml(JSON.stringify(script));
}

export function fileBase(name, id) {
  return `${name.replace(/[^A-Za-z0-9]/g, '')}-${id.toUpperCase()}`;
}

export const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>';

// ---------------------------------------------------------------------------------------------
// Solution.xml, Customizations.xml, env var definitions

export function solutionXml({ uniqueName, displayName, version, managed = 0, publisher, description, rootComponents }) {
  return `<ImportExportXml version="9.2.24094.207" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" OrganizationVersion="9.2.24094.207" OrganizationSchemaType="Standard" CRMServerServiceabilityVersion="9.2.24094.00210">⟦-env: an XML namespace URI⟧
  <SolutionManifest>
    <UniqueName>${uniqueName}</UniqueName>
    <LocalizedNames>
      <LocalizedName description="${escapeXml(displayName, true)}" languagecode="1033" />
    </LocalizedNames>
    <Descriptions>
      <Description description="${escapeXml(description, true)}" languagecode="1033" />
    </Descriptions>
    <Version>${version}</Version>
    <Managed>${managed}</Managed>
    <Publisher>
      <UniqueName>${publisher.uniqueName}</UniqueName>
      <LocalizedNames>
        <LocalizedName description="${escapeXml(publisher.displayName, true)}" languagecode="1033" />
      </LocalizedNames>
      <Descriptions />
      <EMailAddress xsi:nil="true"></EMailAddress>
      <SupportingWebsiteUrl xsi:nil="true"></SupportingWebsiteUrl>
      <CustomizationPrefix>${publisher.prefix}</CustomizationPrefix>
      <CustomizationOptionValuePrefix>${publisher.optionPrefix}</CustomizationOptionValuePrefix>
      <Addresses>
        <Address>
          <AddressNumber>1</AddressNumber>
          <AddressTypeCode>1</AddressTypeCode>
        </Address>
      </Addresses>
    </Publisher>
    <RootComponents>
${rootComponents.map(rc => rc.id
    ? `      <RootComponent type="${rc.type}" id="{${rc.id}}" behavior="0" />`
    : `      <RootComponent type="${rc.type}" schemaName="${rc.schemaName}" behavior="0" />`).join('\n')}
    </RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
`;
}

export function connectionReferencesXml(refs) {
  return `  <connectionreferences>
${refs.map(r => `    <connectionreference connectionreferencelogicalname="${r.logicalName}">${r.mark ?? ''}
      <connectionreferencedisplayname>${escapeXml(r.displayName)}</connectionreferencedisplayname>
      <connectorid>/providers/Microsoft.PowerApps/apis/${r.connector}</connectorid>
      <description>${escapeXml(r.description ?? '')}</description>
      <iscustomizable>1</iscustomizable>
      <promptingbehavior>0</promptingbehavior>
      <statecode>0</statecode>
      <statuscode>1</statuscode>
    </connectionreference>`).join('\n')}
  </connectionreferences>
`;
}

export function customizationsXml({ workflows = [], connectionReferences }) {
  const wf = workflows.length
    ? `  <Workflows>\n${workflows.map(w => w.replace(/^/gm, '    ')).join('\n')}\n  </Workflows>\n`
    : '  <Workflows />\n';
  return `<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" OrganizationVersion="9.2.24094.207" OrganizationSchemaType="Standard" CRMServerServiceabilityVersion="9.2.24094.00210">
  <Entities />
  <Roles />
${wf}  <FieldSecurityProfiles />
  <Templates />
  <EntityMaps />
  <EntityRelationships />
  <OrganizationSettings />
  <optionsets />
  <CustomControls />
  <EntityDataProviders />
${connectionReferencesXml(connectionReferences)}  <Languages>
    <Language>1033</Language>
  </Languages>
</ImportExportXml>
`;
}

export const ENV_TYPES = { String: 100000000, Number: 100000001, Boolean: 100000002, JSON: 100000003, DataSource: 100000004, Secret: 100000005 };

/** environmentvariabledefinition.xml; `mark` is appended to the first line (for labels). */
export function envVarXml(v) {
  const type = ENV_TYPES[v.type];
  const mark = v.mark ?? (v.type === 'Secret' ? '⟦-cred solution/secret-env-var-as-text: a secret kept in a Secret (Key Vault) environment variable⟧' : '');
  const parts = [`<environmentvariabledefinition schemaname="${v.schemaName}">${mark}`];
  if (v.apiId) parts.push(`  <apiid>${v.apiId}</apiid>`);
  if (v.defaultValue !== undefined) parts.push(`  <defaultvalue>${escapeXml(v.defaultValue)}</defaultvalue>${v.defaultValue.includes('⟦') ? '' : '⟦-alm solution/committed-env-var-value: a default value in the definition, not a committed current value⟧'}`);
  parts.push(`  <description default="${escapeXml(v.description ?? '', true)}">
    <label description="${escapeXml(v.description ?? '', true)}" languagecode="1033" />
  </description>
  <displayname default="${escapeXml(v.displayName, true)}">
    <label description="${escapeXml(v.displayName, true)}" languagecode="1033" />
  </displayname>
  <introducedversion>${v.introducedVersion ?? '1.0.0.0'}</introducedversion>
  <iscustomizable>1</iscustomizable>
  <isrequired>${v.required ? 1 : 0}</isrequired>`);
  if (v.parameterKey) parts.push(`  <parameterkey>${v.parameterKey}</parameterkey>`);
  if (v.parentDefinition) parts.push(`  <parentdefinitionid>\n    <schemaname>${v.parentDefinition}</schemaname>\n  </parentdefinitionid>`);
  if (v.type === 'Secret') parts.push(`  <secretstore>${v.secretStore ?? 0}</secretstore>`);
  else if (v.secretStoreZero !== false) parts.push('  <secretstore>0</secretstore>');
  parts.push(`  <type>${type}</type>${v.typeMark ?? ''}`);
  parts.push('</environmentvariabledefinition>');
  return parts.join('\n') + '\n';
}

export function envVarValuesJson(v, seed) {
  return JSON.stringify({
    environmentvariablevalues: {
      environmentvariablevalue: {
        '@environmentvariablevalueid': guid(seed),
        iscustomizable: '1',
        value: v,
      },
    },
  }, null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------
// Workflows

const WF_COMMON = (id, name, jsonName, category) => `<Workflow WorkflowId="{${id}}" Name="${escapeXml(name, true)}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <JsonFileName>/Workflows/${jsonName}</JsonFileName>
  <Type>1</Type>
  <Subprocess>0</Subprocess>
  <Category>${category}</Category>
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
  <IntroducedVersion>1.0.0.0</IntroducedVersion>
  <IsCustomizable>1</IsCustomizable>`;

export function cloudWorkflowXml({ id, name, jsonName, description }) {
  return `${WF_COMMON(id, name, jsonName, 5)}
  <IsCustomProcessingStepAllowedForOtherPublishers>1</IsCustomProcessingStepAllowedForOtherPublishers>
  <ModernFlowType>0</ModernFlowType>
  <PrimaryEntity>none</PrimaryEntity>
  <LocalizedNames>
    <LocalizedName languagecode="1033" description="${escapeXml(name, true)}" />
  </LocalizedNames>${description ? `
  <Descriptions>
    <Description languagecode="1033" description="${escapeXml(description, true)}" />
  </Descriptions>` : ''}
</Workflow>`;
}

function schemaJson(vars) {
  if (!vars?.length) return JSON.stringify({ schema: null });
  return JSON.stringify({
    schema: {
      required: vars.filter(v => !v.optional).map(v => v.name),
      properties: Object.fromEntries(vars.map(v => [v.name, {
        ...(v.output ? {} : { isOptional: !!v.optional }),
        default: v.default ?? '',
        description: v.description ?? '',
        format: v.sensitive ? 'password' : null,
        title: v.friendlyName ?? v.name,
        type: v.type ?? 'string',
        value: v.value ?? (v.output ? null : ''),
      }])),
      type: 'object',
    },
  });
}

export function desktopWorkflowXml({ id, name, jsonName, script, inputs, outputs, connectionReferences = [], binaries = [], envVars = [], credentials = false, description, clientVersion = '2.52.62.25009' }) {
  const metadata = {
    clientversion: clientVersion,
    isvalid: true,
    $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
    schemaVersion: 'ROBIN_20211012',
    containsActiveConnections: connectionReferences.length > 0,
    containsGptPredictActions: false,
    containsActiveCopilotActions: false,
    containsActiveWorkQueuesActions: false,
    containsActiveLogMessageActions: /Logging\.LogMessage/.test(script),
    containsActiveCredentialsActions: credentials,
    multipleRequestsState: 0,
    scriptType: 0,
    disableScreenshotCaptureOnError: false,
    missingUiElementRepairType: null,
    flowTimeout: null,
  };
  const deps = { childFlows: [], workQueues: [], environmentVariables: envVars, requiredBinaries: binaries };
  return `${WF_COMMON(id, name, jsonName, 6)}
  <UIFlowType>2</UIFlowType>
  <IsCustomProcessingStepAllowedForOtherPublishers>1</IsCustomProcessingStepAllowedForOtherPublishers>
  <Metadata>${escapeXml(JSON.stringify(metadata))}</Metadata>⟦-env: the schema URL inside the desktop flow's metadata⟧
  <Inputs>${escapeXml(schemaJson(inputs))}</Inputs>
  <Outputs>${escapeXml(schemaJson(outputs?.map(o => ({ ...o, output: true }))))}</Outputs>
  <Dependencies>${escapeXml(JSON.stringify(deps))}</Dependencies>
  <ConnectionReferences>${escapeXml(JSON.stringify(connectionReferences))}</ConnectionReferences>
  <Definition>${definitionText(script)}</Definition>
  <SchemaVersion>2022.07</SchemaVersion>
  <PrimaryEntity>none</PrimaryEntity>
  <LocalizedNames>
    <LocalizedName languagecode="1033" description="${escapeXml(name, true)}" />
  </LocalizedNames>${description ? `
  <Descriptions>
    <Description languagecode="1033" description="${escapeXml(description, true)}" />
  </Descriptions>` : ''}
</Workflow>`;
}

export function desktopStubJson(inputs, outputs) {
  const schema = vars => ({ type: 'object', properties: Object.fromEntries((vars ?? []).map(v => [v.name, { type: v.type ?? 'string', title: v.friendlyName ?? v.name, ...(v.sensitive ? { format: 'password' } : {}) }])) });
  return JSON.stringify({ properties: { definition: { package: '' }, inputs: { schema: schema(inputs) }, outputs: { schema: schema(outputs) } }, schemaversion: 'ROBIN_202208_DVRS' });
}

/** desktopflowbinary.xml + a small data file (manifest / dependencies). */
export function desktopBinaries(flowId, seed, { envVars = [], credentials = [] } = {}) {
  const files = {};
  const ids = [];
  const manifestId = guid(`${seed}-manifest`);
  const depsId = guid(`${seed}-deps`);
  const manifestData = `ManifestFile_${guid(`${seed}-manifest-data`)}.json`;
  const depsData = `DependenciesFile_${guid(`${seed}-deps-data`)}.json`;
  const binaryXml = (id, data, name, reference, type) => `<desktopflowbinary desktopflowbinaryid="${id}">
  <data mimetype="application/json">${data}</data>
  <iscustomizable>1</iscustomizable>
  <name>${name}</name>
  <process>
    <workflowid>${flowId}</workflowid>
  </process>
  <reference>${reference}</reference>
  <statecode>0</statecode>
  <statuscode>1</statuscode>
  <type>${type}</type>
</desktopflowbinary>
`;
  files[`desktopflowbinaries/${manifestId}/desktopflowbinary.xml`] = binaryXml(manifestId, manifestData, 'Desktop flow manifest file', 'flow.manifest', 'ManifestFile');
  files[`desktopflowbinaries/${manifestId}/data/${manifestData}`] = JSON.stringify({ EngineVersion: '2.52.62.25009', PowerFxEnabled: false, Modules: [] }, null, 2) + '\n';
  files[`desktopflowbinaries/${depsId}/desktopflowbinary.xml`] = binaryXml(depsId, depsData, 'Desktop flow dependencies file', 'flow.dependencies', 'DependenciesFile');
  files[`desktopflowbinaries/${depsId}/data/${depsData}`] = JSON.stringify({ EnvironmentVariables: envVars, Credentials: credentials, saveId: guid(`${seed}-save`) }, null, 2) + '\n';
  ids.push(manifestId, depsId);
  return { files, ids };
}

// ---------------------------------------------------------------------------------------------
// Cloud flows

export const SCHEMA_URL = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

/** properties.connectionReferences entry that goes through a connection reference. */
export function viaReference(api, logicalName) {
  return { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: logicalName }, api: { name: api } };
}

export function cloudFlowJson({ connectionReferences, parameters = {}, triggers, actions, description }) {
  return JSON.stringify({
    properties: {
      connectionReferences,
      definition: {
        $schema: `${SCHEMA_URL}⟦-env cloud/environment-specific-value: the workflow-definition schema URL⟧`,
        contentVersion: '1.0.0.0',
        parameters: {
          $connections: { defaultValue: {}, type: 'Object' },
          $authentication: { defaultValue: {}, type: 'SecureObject' },
          ...parameters,
        },
        triggers,
        actions,
      },
      templateName: '',
      ...(description ? { description } : {}),
    },
    schemaVersion: '1.0.0.0',
  }, null, 2) + '\n';
}

/** A workflow parameter that reads an environment variable. */
export function envParam(displayName, schemaName, type, defaultValue, description) {
  if (typeof defaultValue === 'string' && !defaultValue.includes('⟦') && /:\/\/|\.local\b|\\\\|^[A-Z]:\\/.test(defaultValue)) {
    defaultValue += '⟦-env cloud/environment-specific-value: default of an environment-variable parameter (the exporting environment\'s value); the flow reads the environment variable⟧';
  }
  return [`${displayName} (${schemaName})`, { defaultValue, type, metadata: { schemaName, ...(description ? { description } : {}) } }];
}

export function p(displayName, schemaName) {
  return `@parameters('${displayName} (${schemaName})')`;
}

export function op(connectionName, apiName, operationId, parameters, extra = {}) {
  return {
    type: 'OpenApiConnection',
    inputs: {
      host: { connectionName, operationId, apiId: `/providers/Microsoft.PowerApps/apis/${apiName}` },
      parameters,
      authentication: "@parameters('$authentication')",
    },
    ...extra,
  };
}

/**
 * Deployment settings as pretty JSON. A labelled value (a ⟦+…⟧ marker inside an entry) is also
 * accepted on the entry's other lines a reviewer would point at: its opening brace and its
 * SchemaName / LogicalName line.
 */
let autoKey = 0;
export function settingsText(obj) {
  const lines = (JSON.stringify(obj, null, 2) + '\n').split('\n');
  const n = lines.length;
  for (let i = 0; i < n; i++) {
    let key;
    const plus = /⟦\+(?:@(\S+)\s+)?/.exec(lines[i]);
    if (plus) {
      key = plus[1];
      if (!key) {
        key = `settings-${++autoKey}`;
        lines[i] = lines[i].replace('⟦+', `⟦+@${key} `);
      }
    } else {
      const alt = /⟦~(\S+?)⟧/.exec(lines[i]);
      if (!alt) continue;
      key = alt[1];
    }
    let open = i;
    while (open > 0 && !/^\s*\{\s*(⟦.*)?$/.test(lines[open])) open--;
    if (open !== i) lines[open] += `⟦~${key}⟧`;
    for (let k = open + 1; k < n && !/^\s*\}/.test(lines[k]); k++) {
      if (k !== i && /"(SchemaName|LogicalName)"/.test(lines[k])) lines[k] += `⟦~${key}⟧`;
    }
  }
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes('⟦')) continue;
    if (/"Value": "\/subscriptions\/.*KeyVault/.test(lines[i])) lines[i] += '⟦-cred: a Key Vault reference for a Secret environment variable, not a secret⟧';
    else if (/"(Value|ConnectionId)": "#\{/.test(lines[i])) lines[i] += '⟦-alm settings/missing-value: a pipeline token is a value⟧';
    else if (/"Value": ".*(:\/\/|\.local|\\\\)/.test(lines[i])) lines[i] += '⟦-env: a per-environment host or URL in deployment settings is where it belongs⟧';
  }
  return lines.join('\n').replace(/\n$/, '');
}
