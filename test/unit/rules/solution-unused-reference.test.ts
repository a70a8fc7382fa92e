import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/solution/unused-reference';
import { buildSolutionFiles, SolutionSpec } from '../../support/fixture';
import { runCase, ruleTester } from '../../support/rule-tester';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const DV = '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps';

const invoices = {
  name: 'Invoices',
  uses: [{ key: 'shared_sharepointonline', logicalName: 'cr1a2_sharepoint' }],
  definition: {
    parameters: { 'Invoice Site (cr1a2_InvoiceSite)': { defaultValue: '', type: 'String', metadata: { schemaName: 'cr1a2_InvoiceSite' } } },
    actions: { Get_items: { type: 'OpenApiConnection', runAfter: {}, inputs: { host: { connectionName: 'shared_sharepointonline', operationId: 'GetItems', apiId: SP }, parameters: { dataset: "@parameters('Invoice Site (cr1a2_InvoiceSite)')", table: 'Invoices' } } } },
  },
};

const base: SolutionSpec = {
  connectionReferences: [{ logicalName: 'cr1a2_sharepoint', connectorId: SP }],
  environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite' }],
  cloudFlows: [invoices],
};

/** Adds root components FlowCop cannot look into (canvas apps 300, web resources 61, plug-ins 91…). */
function withRootComponents(s: SolutionSpec, types: number[]): SolutionSpec {
  const xml = buildSolutionFiles(s)['Other/Solution.xml'].replace('</RootComponents>', `${types.map((t, k) => `      <RootComponent type="${t}" schemaName="cr1a2_component${k}" behavior="0" />\n`).join('')}    </RootComponents>`);
  return { ...s, files: { ...(s.files ?? {}), 'Other/Solution.xml': xml } };
}

const TEAMS = '/providers/Microsoft.PowerApps/apis/shared_teams';
const BLOB = '/providers/Microsoft.PowerApps/apis/shared_azureblob';

/** A canvas app's <ConnectionReferences> as the maker portal writes it: entries keyed by a connection id, naming their connector. */
function appConnections(connectorIds: string[]): string {
  return JSON.stringify(Object.fromEntries(connectorIds.map((id, k) => [`0000000${k}-8bb8-4460-82cc-d3c12c065106`, { id: id.toLowerCase(), displayName: id.split('/').pop(), dataSources: [], dependencies: [], dependents: [] }])));
}

/** Adds canvas app cr1a2_app_1 (root component type 300) with its metadata in CanvasApps/<name>.meta.xml (unpacked) or customizations.xml (raw). */
function withCanvasApp(s: SolutionSpec, connections: string | undefined, layout: 'unpacked' | 'raw' = 'unpacked'): SolutionSpec {
  const files = buildSolutionFiles(s, layout);
  const manifest = layout === 'raw' ? 'solution.xml' : 'Other/Solution.xml';
  const app = `<CanvasApp>\n  <Name>cr1a2_app_1</Name>\n  <DisplayName>Invoice viewer</DisplayName>\n${connections === undefined ? '' : `  <ConnectionReferences>${connections.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</ConnectionReferences>\n`}</CanvasApp>`;
  const added: Record<string, string> = {
    [manifest]: files[manifest].replace('</RootComponents>', '      <RootComponent type="300" schemaName="cr1a2_app_1" behavior="0" />\n    </RootComponents>'),
  };
  if (layout === 'raw') added['customizations.xml'] = files['customizations.xml'].replace('<CustomControls />', `<CustomControls />\n  <CanvasApps>\n${app}\n  </CanvasApps>`);
  else added['CanvasApps/cr1a2_app_1.meta.xml'] = `<?xml version="1.0" encoding="utf-8"?>\n${app}\n`;
  return { ...s, files: { ...(s.files ?? {}), ...added } };
}

const withTeamsAndBlob: SolutionSpec = {
  ...base,
  connectionReferences: [...base.connectionReferences!, { logicalName: 'cr1a2_teams', connectorId: TEAMS }, { logicalName: 'cr1a2_blob', connectorId: BLOB }],
};

function partial(s: SolutionSpec): SolutionSpec {
  const files = buildSolutionFiles(s);
  return { files: Object.fromEntries(Object.entries(files).filter(([p]) => !p.startsWith('Other/')).map(([p, c]) => [`partial/${p}`, c])) };
}

const secretReader = {
  name: 'Read secret',
  uses: [{ key: 'shared_commondataserviceforapps', logicalName: 'cr1a2_dataverse' }],
  definition: { actions: { Get_secret: { type: 'OpenApiConnection', runAfter: {}, runtimeConfiguration: { secureData: { properties: ['outputs'] } }, inputs: { host: { connectionName: 'shared_commondataserviceforapps', operationId: 'PerformUnboundAction', apiId: DV }, parameters: { actionName: 'RetrieveEnvironmentVariableSecretValue', 'item/EnvironmentVariableName': 'cr1a2_apisecret' } } } } },
};

ruleTester(rule, {
  valid: [
    { name: 'a connection reference and an environment variable used by a flow', solution: base },
    { name: 'a Secret environment variable read by schema name', solution: { connectionReferences: [{ logicalName: 'cr1a2_dataverse', connectorId: DV }], environmentVariables: [{ schemaName: 'cr1a2_ApiSecret', type: 100000005 }], cloudFlows: [secretReader] } },
    { name: 'a connection reference used by a desktop flow', solution: { connectionReferences: [{ logicalName: 'cr1a2_dataverse', connectorId: DV }], desktopFlows: [{ name: 'Log', script: "@@ConnectionString: ''\r\nSET Done TO 1", connectionReferences: ['cr1a2_dataverse'] }] } },
    { name: 'a canvas app may use them: nothing reported', solution: withRootComponents({ ...base, connectionReferences: [...base.connectionReferences!, { logicalName: 'cr1a2_office', connectorId: '/providers/Microsoft.PowerApps/apis/shared_office365' }], environmentVariables: [...base.environmentVariables!, { schemaName: 'cr1a2_AppTitle' }] }, [300]) },
    { name: 'a partial tree may hold a few components only: nothing reported', solution: partial({ ...base, cloudFlows: [], environmentVariables: [{ schemaName: 'cr1a2_CommunityUrl' }] }) },
    { name: 'an environment variable a desktop flow reads by name', solution: { environmentVariables: [{ schemaName: 'cr1a2_ErpUrl' }], desktopFlows: [{ name: 'ERP', script: "@@ConnectionString: ''\r\n# reads cr1a2_ErpUrl through Retrieve environment variable\r\nSET Done TO 1" }] } },
    { name: 'a site variable that a list (data source) variable names as its parent', solution: { environmentVariables: [{ schemaName: 'cr1a2_Site', type: 100000004 }, { schemaName: 'cr1a2_List', type: 100000004 }], cloudFlows: [{ name: 'Lists', definition: { parameters: { 'List (cr1a2_List)': { defaultValue: '', type: 'String', metadata: { schemaName: 'cr1a2_List' } } }, actions: { Compose: { type: 'Compose', runAfter: {}, inputs: "@parameters('List (cr1a2_List)')" } } } }], files: { 'environmentvariabledefinitions/cr1a2_List/environmentvariabledefinition.xml': '<environmentvariabledefinition schemaname="cr1a2_List">\n  <apiid>/providers/microsoft.powerapps/apis/shared_sharepointonline</apiid>\n  <displayname default="List" />\n  <parameterkey>table</parameterkey>\n  <parentdefinitionid>\n    <schemaname>cr1a2_Site</schemaname>\n  </parentdefinitionid>\n  <type>100000004</type>\n</environmentvariabledefinition>\n' } } },
    { name: 'a plug-in may read environment variables: none reported', solution: withRootComponents({ ...base, environmentVariables: [...base.environmentVariables!, { schemaName: 'cr1a2_PluginSetting' }] }, [91]) },
    { name: 'a canvas app whose metadata lists the connectors of the references that no flow uses', solution: withCanvasApp(withTeamsAndBlob, appConnections([TEAMS, BLOB])) },
    { name: 'a canvas app without a readable connection list may use any reference: nothing reported', solution: withCanvasApp(withTeamsAndBlob, undefined) },
    { name: 'a canvas app whose connection list is not JSON: nothing reported', solution: withCanvasApp(withTeamsAndBlob, '{"broken":') },
    { name: 'a canvas app named in the manifest without metadata in the tree: nothing reported', solution: withRootComponents(withTeamsAndBlob, [300]) },
    { name: 'canvas app metadata lists no environment variables: unused variables stay unreported', solution: withCanvasApp({ ...base, environmentVariables: [...base.environmentVariables!, { schemaName: 'cr1a2_AppTitle' }] }, appConnections([])) },
    { name: 'a Copilot Studio bot (type 10000+) may use connection references', solution: withRootComponents({ ...base, connectionReferences: [...base.connectionReferences!, { logicalName: 'cr1a2_bot_dataverse', connectorId: DV }] }, [10185]) },
  ],
  invalid: [
    {
      name: 'an unused connection reference',
      solution: { ...base, connectionReferences: [...base.connectionReferences!, { logicalName: 'cr1a2_office', connectorId: '/providers/Microsoft.PowerApps/apis/shared_office365' }] },
      errors: [{ text: 'cr1a2_office', message: /^Connection reference "cr1a2_office" \(shared_office365\) is not used by any flow in the solution/, severity: 'info', element: 'cr1a2_office' }],
    },
    {
      name: 'an unused environment variable',
      solution: { ...base, environmentVariables: [...base.environmentVariables!, { schemaName: 'cr1a2_OldThreshold', type: 100000001, defaultValue: '5' }] },
      errors: [{ text: 'cr1a2_OldThreshold', message: /^Environment variable "cr1a2_OldThreshold" is not used by any flow in the solution/, severity: 'info' }],
    },
    {
      name: 'a solution with no flows at all',
      solution: { connectionReferences: [{ logicalName: 'cr1a2_sharepoint', connectorId: SP }], environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite' }] },
      errors: [{ text: 'cr1a2_sharepoint' }, { text: 'cr1a2_InvoiceSite' }],
    },
    {
      name: 'web resources read environment variables but never use connection references',
      solution: withRootComponents({ ...base, connectionReferences: [...base.connectionReferences!, { logicalName: 'cr1a2_office', connectorId: '/providers/Microsoft.PowerApps/apis/shared_office365' }], environmentVariables: [...base.environmentVariables!, { schemaName: 'cr1a2_ScriptSetting' }] }, [61]),
      errors: [{ text: 'cr1a2_office' }],
    },
    {
      name: 'a desktop flow with connection references uses only its own',
      solution: { connectionReferences: [{ logicalName: 'cr1a2_dataverse', connectorId: DV }, { logicalName: 'cr1a2_sharepoint', connectorId: SP }], desktopFlows: [{ name: 'Log', script: "@@ConnectionString: ''\r\nSET Done TO 1", connectionReferences: ['cr1a2_dataverse'] }] },
      errors: [{ text: 'cr1a2_sharepoint' }],
    },
    {
      name: 'a canvas app whose metadata shows it uses Azure Blob only: the Teams reference is unused',
      solution: withCanvasApp(withTeamsAndBlob, appConnections([BLOB, '/providers/microsoft.powerapps/apis/shared_logicflows'])),
      errors: [{ text: 'cr1a2_teams', message: /^Connection reference "cr1a2_teams" \(shared_teams\) is not used by any flow or canvas app in the solution/, severity: 'info', element: 'cr1a2_teams' }],
    },
    {
      name: 'a canvas app described in customizations.xml (raw layout) with no connections',
      layout: 'raw',
      solution: withCanvasApp(withTeamsAndBlob, appConnections([]), 'raw'),
      errors: [{ text: 'cr1a2_teams' }, { text: 'cr1a2_blob' }],
    },
    {
      name: 'in a raw (extracted zip) layout',
      layout: 'raw',
      solution: { ...base, environmentVariables: [...base.environmentVariables!, { schemaName: 'cr1a2_Unused' }] },
      errors: [{ text: 'cr1a2_Unused' }],
    },
  ],
});

test('solution/unused-reference: data', () => {
  const { findings } = runCase(rule, { solution: { connectionReferences: [{ logicalName: 'cr1a2_sharepoint', connectorId: SP }] } });
  assert.deepEqual(findings[0].data, { kind: 'connectionReference', name: 'cr1a2_sharepoint', connector: 'shared_sharepointonline' });
});
