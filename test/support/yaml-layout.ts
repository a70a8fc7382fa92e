// Builds YAML-layout trees (Dataverse Git integration) in memory, in the shape of the real files the
// reference quotes (CRLF, '@attr' keys, one child a mapping, several a sequence). Project-written.

export const FLOW_ID = 'ca27d5d6-2bc3-f111-a05c-70a8a507ac5b';
export const FLOW_JSON = `Orders-${FLOW_ID.toUpperCase()}.json`;
export const DESK_ID = '0d1dfeca-b59f-f111-aaac-002248255e83';
export const SECRET = 'Xq8~kP2vN9mR4tL7wZ1sB6yH3jF5gD0cE8aQ';
export const DEV_URL = 'https://contoso-dev.crm4.dynamics.com/api/data/v9.2/accounts';
export const USER_PATH = 'C:\\Users\\jdoe\\Invoices';

export const crlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');

/** A cloud flow with a hard-coded environment URL and a literal client secret. */
export function flowJson(): string {
  const flow = {
    properties: {
      connectionReferences: {
        shared_commondataserviceforapps: { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: 'dem_Dataverse' }, api: { name: 'shared_commondataserviceforapps' } },
      },
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters: {
          $connections: { defaultValue: {}, type: 'Object' },
          $authentication: { defaultValue: {}, type: 'SecureObject' },
          'Orders Site (dem_OrdersSite)': { defaultValue: '', type: 'String', metadata: { schemaName: 'dem_OrdersSite' } },
        },
        triggers: { manual: { type: 'Request', kind: 'Button', inputs: {} } },
        actions: {
          Call_API: {
            type: 'Http', runAfter: {},
            inputs: {
              method: 'POST', uri: DEV_URL,
              headers: { 'x-site': "@parameters('Orders Site (dem_OrdersSite)')" },
              authentication: { type: 'ActiveDirectoryOAuth', tenant: 'contoso.onmicrosoft.com', audience: 'https://service.flow.microsoft.com/', clientId: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b', secret: SECRET },
            },
          },
          List_rows: {
            type: 'OpenApiConnection', runAfter: { Call_API: ['Succeeded'] },
            inputs: { host: { apiId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps', connectionName: 'shared_commondataserviceforapps', operationId: 'ListRecords' }, parameters: { entityName: 'accounts' }, authentication: "@parameters('$authentication')" },
          },
        },
      },
    },
    schemaVersion: '1.0.0.0',
  };
  return crlf(JSON.stringify(flow, null, 2));
}

/** The desktop flow's script: a hard-coded path into one user's profile. */
export const DESK_SCRIPT = `@@ConnectionString: ''\r\nSET Folder TO $'''${USER_PATH.replace(/\\/g, '\\\\')}'''\r\nFolder.GetFiles Folder: Folder FileFilter: $'''*.pdf''' Files=> Files`;

/** `Definition:` as Git integration would most likely write it: the JSON string literal, single-quoted. */
export function definitionSingleQuoted(script = DESK_SCRIPT): string {
  return `'${JSON.stringify(script).replace(/'/g, "''")}'`;
}

export interface YamlTreeOptions {
  /** Root folder inside the tree (Git integration's "Git folder"). */
  root?: string;
  /** Definition: scalar as written in workflow.yml (default: single-quoted JSON string). */
  definition?: string;
  /** Extra or replaced files, root-relative. */
  files?: Record<string, string>;
}

export function solutionYml(unique: string, version = '1.10'): string {
  return crlf(`ImportExportXml:
  '@version': 9.2.26093.139
  '@SolutionPackageVersion': 9.2
  '@languagecode': 1033
  '@generatedBy': CrmLive
  '@xmlns:xsi': http://www.w3.org/2001/XMLSchema-instance
  SolutionManifest:
    UniqueName: ${unique}
    LocalizedNames:
      LocalizedName:
        '@description': Demo ${unique}
        '@languagecode': 1033
    Descriptions: 
    Version: ${version}
    Managed: 0
    Publisher:
      UniqueName: demo
`);
}

export function componentsYml(paths: string[]): string {
  if (paths.length === 1) return crlf(`SolutionComponents:\n  Component:\n    '@path': ${paths[0]}\n`);
  return crlf(`SolutionComponents:\n  Component:\n${paths.map(p => `  - '@path': ${p}`).join('\n')}\n`);
}

export const ALL_COMPONENTS = [
  '/connectionreferences/dem_Dataverse',
  '/environmentvariabledefinitions/dem_OrdersSite',
  '/environmentvariabledefinitions/dem_ApiKey',
  `/modernflows/${FLOW_ID}`,
  `/workflows/${DESK_ID}`,
  '/publishers/demo',
];

/** A one-solution root: a cloud flow, a desktop flow, a connection reference, two environment variables. */
export function yamlTree(options: YamlTreeOptions = {}): Record<string, string> {
  const root = options.root ?? 'src/solutions/demo_core';
  const files: Record<string, string> = {
    'solutions/demo_core/solution.yml': solutionYml('demo_core'),
    'solutions/demo_core/solutioncomponents.yml': componentsYml(ALL_COMPONENTS),
    'solutions/demo_core/rootcomponents.yml': crlf(`RootComponents:\n  RootComponent:\n  - '@type': 29\n    '@id': '{${FLOW_ID}}'\n    '@behavior': 0\n  - '@type': 29\n    '@id': '{${DESK_ID}}'\n    '@behavior': 0\n`),
    'solutions/demo_core/missingdependencies.yml': crlf('MissingDependencies: \n'),
    'publishers/demo/publisher.yml': crlf(`Publisher:\n  UniqueName: demo\n  LocalizedNames:\n    LocalizedName:\n      '@description': Demo\n      '@languagecode': 1033\n  Descriptions: \n  CustomizationPrefix: dem\n  CustomizationOptionValuePrefix: 42259\n  Addresses:\n    Address:\n    - AddressNumber: 1\n      City:\n        '@xsi:nil': true\n        '@xmlns:xsi': http://www.w3.org/2001/XMLSchema-instance\n`),
    'connectionreferences/dem_Dataverse/connectionreference.yml': crlf(`connectionreference:\n  '@connectionreferencelogicalname': dem_Dataverse\n  connectionreferencedisplayname: Demo Dataverse\n  connectorid: /providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps\n  iscustomizable: 1\n  promptingbehavior: 0\n  statecode: 0\n  statuscode: 1\n`),
    // The XML layout's definition file, as the doc says this layout keeps it.
    'environmentvariabledefinitions/dem_OrdersSite/environmentvariabledefinition.xml': crlf(`<environmentvariabledefinition schemaname="dem_OrdersSite">\n  <displayname default="Orders Site">\n    <label description="Orders Site" languagecode="1033" />\n  </displayname>\n  <introducedversion>1.0.0.0</introducedversion>\n  <iscustomizable>1</iscustomizable>\n  <isrequired>0</isrequired>\n  <secretstore>0</secretstore>\n  <type>100000000</type>\n</environmentvariabledefinition>\n`),
    // Its YAML rendering (inferred).
    'environmentvariabledefinitions/dem_ApiKey/environmentvariabledefinition.yml': crlf(`environmentvariabledefinition:\n  '@schemaname': dem_ApiKey\n  displayname:\n    '@default': Api Key\n    label:\n      '@description': Api Key\n      '@languagecode': 1033\n  introducedversion: 1.0.0.0\n  iscustomizable: 1\n  isrequired: 0\n  secretstore: 0\n  type: 100000000\n  defaultvalue: 0042\n`),
    'environment_variable_values.json': crlf(JSON.stringify({ EnvironmentVariableValues: [{ 'EnvironmentVariableDefinition.SchemaName': 'dem_OrdersSite', EnvironmentVariableValueId: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', Value: 'https://contoso.sharepoint.com/sites/Orders' }] }, null, 2)),
    [`modernflows/${FLOW_ID}/workflow.yml`]: crlf(`Workflow:\n  '@WorkflowId': '{${FLOW_ID}}'\n  '@Name': Orders\n  JsonFileName: /modernflows/${FLOW_ID}/${FLOW_JSON}\n  Type: 1\n  Subprocess: 0\n  Category: 5\n  StateCode: 1\n  StatusCode: 2\n  IntroducedVersion: 1.0\n  ModernFlowType: 0\n  PrimaryEntity: none\n  LocalizedNames:\n    LocalizedName:\n      '@languagecode': 1033\n      '@description': Orders\n`),
    [`modernflows/${FLOW_ID}/${FLOW_JSON}`]: flowJson(),
    [`workflows/${DESK_ID}/workflow.yml`]: crlf(`Workflow:\n  '@WorkflowId': '{${DESK_ID}}'\n  '@Name': Invoices Desk\n  Type: 1\n  Category: 6\n  StateCode: 1\n  StatusCode: 2\n  UIFlowType: 2\n  ConnectionReferences: '[]'\n  Inputs: '{"schema":{"type":"object","properties":{"Input_Pin":{"type":"string","format":"password"}}}}'\n`)
      + `  Definition: ${options.definition ?? definitionSingleQuoted()}\r\n`,
    ...(options.files ?? {}),
  };
  const out: Record<string, string> = {};
  for (const [rel, text] of Object.entries(files)) out[`/w/${root}/${rel}`] = text;
  return out;
}
