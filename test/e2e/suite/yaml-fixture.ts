// A YAML-layout repository (Dataverse Git integration), written into the test workspace by the YAML
// suite: the "Git folder" src/ holds one solution with a cloud flow (a hard-coded Dataverse URL and a
// SharePoint site read from an environment variable), a desktop flow (a path into one user's profile),
// a connection reference and an environment variable; deployment/ holds Dev, Test and Prod settings
// named the way makers name them (<env>.deploymentsettings.json). CRLF throughout, as Git integration
// writes. Project-written, modelled on the shapes in the YAML-layout reference (not a copy of the corpus).
// Not a test file: index.ts loads only *.test.js.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = 'northwind-yaml';
export const ROOT = `${REPO}/src`;
export const UNIQUE = 'nw_orders';
export const DISPLAY = 'Northwind Orders';
export const FLOW_ID = '5b2e8f14-7c3a-4d9e-b1f6-0a9c8d7e6f51';
export const FLOW_NAME = 'Sync Orders';
export const FLOW_JSON = `SyncOrders-${FLOW_ID.toUpperCase()}.json`;
export const DESK_ID = '9e4d2c1b-3a5f-4e6d-8c7b-1f2e3d4c5b6a';
export const DESK_NAME = 'Export Orders Desk';
export const REFERENCE = 'nw_SharePoint';
export const VARIABLE = 'nw_OrdersSite';
export const VARIABLE_NAME = 'Orders Site';
/** The hard-coded, environment-specific URL the quick fix moves into a new environment variable. */
export const ORG_URL = 'https://northwind-dev.crm4.dynamics.com/api/data/v9.2/salesorders';
export const SITE = { Dev: 'https://northwind.sharepoint.com/sites/Orders-Dev', Test: 'https://northwind.sharepoint.com/sites/Orders-Test', Prod: 'https://northwind.sharepoint.com/sites/Orders' };
export const CONNECTION = { Dev: 'shared-sharepointonl-dev-7f3a', Test: '', Prod: 'shared-sharepointonl-prod-91c2' };
export const USER_PATH = 'C:\\Users\\jdoe\\Orders';

/** Root-relative paths of the files the suite looks at. */
export const FILES = {
  solution: `${ROOT}/solutions/${UNIQUE}/solution.yml`,
  components: `${ROOT}/solutions/${UNIQUE}/solutioncomponents.yml`,
  reference: `${ROOT}/connectionreferences/${REFERENCE}/connectionreference.yml`,
  variable: `${ROOT}/environmentvariabledefinitions/${VARIABLE}/environmentvariabledefinition.yml`,
  flowYml: `${ROOT}/modernflows/${FLOW_ID}/workflow.yml`,
  flowJson: `${ROOT}/modernflows/${FLOW_ID}/${FLOW_JSON}`,
  deskYml: `${ROOT}/workflows/${DESK_ID}/workflow.yml`,
  settings: (env: 'Dev' | 'Test' | 'Prod') => `${REPO}/deployment/${env.toLowerCase()}.deploymentsettings.json`,
};

const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

function flowJson(): string {
  const flow = {
    properties: {
      connectionReferences: {
        shared_sharepointonline: { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: REFERENCE }, api: { name: 'shared_sharepointonline' } },
      },
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters: {
          $connections: { defaultValue: {}, type: 'Object' },
          $authentication: { defaultValue: {}, type: 'SecureObject' },
          [`${VARIABLE_NAME} (${VARIABLE})`]: { defaultValue: '', type: 'String', metadata: { schemaName: VARIABLE } },
        },
        triggers: { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Hour', interval: 1 } } },
        actions: {
          Get_new_orders: {
            type: 'OpenApiConnection', runAfter: {},
            inputs: {
              host: { apiId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline', connectionName: 'shared_sharepointonline', operationId: 'GetItems' },
              parameters: { dataset: `@parameters('${VARIABLE_NAME} (${VARIABLE})')`, table: 'Orders' },
              authentication: "@parameters('$authentication')",
            },
          },
          Post_orders_to_Dataverse: {
            type: 'Http', runAfter: { Get_new_orders: ['Succeeded'] },
            inputs: { method: 'POST', uri: ORG_URL, body: "@body('Get_new_orders')?['value']" },
          },
        },
      },
    },
    schemaVersion: '1.0.0.0',
  };
  return crlf(JSON.stringify(flow, null, 2)) + '\r\n';
}

const SCRIPT = `SET Folder TO $'''${USER_PATH}'''\r\nFolder.GetFiles Folder: Folder FileFilter: $'''*.csv''' Files=> Files`;
/** `Definition:` as Git integration writes an XML element's text: the JSON string literal, single-quoted. */
const definition = `'${JSON.stringify(SCRIPT).replace(/'/g, "''")}'`;

function settings(env: 'Dev' | 'Test' | 'Prod'): string {
  return crlf(JSON.stringify({
    EnvironmentVariables: [{ SchemaName: VARIABLE, Value: SITE[env] }],
    ConnectionReferences: [{ LogicalName: REFERENCE, ConnectionId: CONNECTION[env], ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' }],
  }, null, 2)) + '\r\n';
}

export function exampleFiles(): Record<string, string> {
  const components = [`/connectionreferences/${REFERENCE}`, `/environmentvariabledefinitions/${VARIABLE}`, `/modernflows/${FLOW_ID}`, `/workflows/${DESK_ID}`, '/publishers/nw'];
  return {
    [FILES.solution]: crlf(`ImportExportXml:
  '@version': 9.2.26093.139
  '@SolutionPackageVersion': 9.2
  '@languagecode': 1033
  '@generatedBy': CrmLive
  '@xmlns:xsi': http://www.w3.org/2001/XMLSchema-instance
  SolutionManifest:
    UniqueName: ${UNIQUE}
    LocalizedNames:
      LocalizedName:
        '@description': ${DISPLAY}
        '@languagecode': 1033
    Descriptions: 
    Version: 1.0.0.3
    Managed: 0
    Publisher:
      UniqueName: nw
`),
    [FILES.components]: crlf(`SolutionComponents:\n  Component:\n${components.map(p => `  - '@path': ${p}`).join('\n')}\n`),
    [`${ROOT}/solutions/${UNIQUE}/rootcomponents.yml`]: crlf(`RootComponents:\n  RootComponent:\n  - '@type': 29\n    '@id': '{${FLOW_ID}}'\n    '@behavior': 0\n  - '@type': 29\n    '@id': '{${DESK_ID}}'\n    '@behavior': 0\n`),
    [`${ROOT}/solutions/${UNIQUE}/missingdependencies.yml`]: crlf('MissingDependencies: \n'),
    [`${ROOT}/publishers/nw/publisher.yml`]: crlf(`Publisher:\n  UniqueName: nw\n  LocalizedNames:\n    LocalizedName:\n      '@description': Northwind\n      '@languagecode': 1033\n  Descriptions: \n  CustomizationPrefix: nw\n  CustomizationOptionValuePrefix: 61270\n`),
    [FILES.reference]: crlf(`connectionreference:\n  '@connectionreferencelogicalname': ${REFERENCE}\n  connectionreferencedisplayname: Northwind SharePoint\n  connectorid: /providers/Microsoft.PowerApps/apis/shared_sharepointonline\n  iscustomizable: 1\n  promptingbehavior: 0\n  statecode: 0\n  statuscode: 1\n`),
    [FILES.variable]: crlf(`environmentvariabledefinition:\n  '@schemaname': ${VARIABLE}\n  displayname:\n    '@default': ${VARIABLE_NAME}\n    label:\n      '@description': ${VARIABLE_NAME}\n      '@languagecode': 1033\n  introducedversion: 1.0.0.0\n  iscustomizable: 1\n  isrequired: 0\n  secretstore: 0\n  type: 100000000\n`),
    [FILES.flowYml]: crlf(`Workflow:\n  '@WorkflowId': '{${FLOW_ID}}'\n  '@Name': ${FLOW_NAME}\n  JsonFileName: /modernflows/${FLOW_ID}/${FLOW_JSON}\n  Type: 1\n  Subprocess: 0\n  Category: 5\n  Mode: 0\n  Scope: 4\n  OnDemand: 0\n  TriggerOnCreate: 0\n  TriggerOnDelete: 0\n  AsyncAutodelete: 0\n  SyncWorkflowLogOnFailure: 0\n  StateCode: 1\n  StatusCode: 2\n  RunAs: 1\n  IsTransacted: 1\n  IntroducedVersion: 1.0\n  IsCustomizable: 1\n  BusinessProcessType: 0\n  IsCustomProcessingStepAllowedForOtherPublishers: 1\n  ModernFlowType: 0\n  PrimaryEntity: none\n  LocalizedNames:\n    LocalizedName:\n      '@languagecode': 1033\n      '@description': ${FLOW_NAME}\n`),
    [FILES.flowJson]: flowJson(),
    [FILES.deskYml]: crlf(`Workflow:\n  '@WorkflowId': '{${DESK_ID}}'\n  '@Name': ${DESK_NAME}\n  Type: 1\n  Category: 6\n  StateCode: 1\n  StatusCode: 2\n  UIFlowType: 2\n  ConnectionReferences: '[]'\n  Definition: ${definition}\n  IntroducedVersion: 1.0\n`),
    [FILES.settings('Dev')]: settings('Dev'),
    [FILES.settings('Test')]: settings('Test'),
    [FILES.settings('Prod')]: settings('Prod'),
  };
}

/** Writes the example under `workspace` (solution.yml last: the server re-scans when it appears). */
export function writeExample(workspace: string): void {
  const files = Object.entries(exampleFiles()).sort(([a], [b]) => Number(a === FILES.solution) - Number(b === FILES.solution));
  for (const [rel, text] of files) {
    const target = path.join(workspace, ...rel.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
}
