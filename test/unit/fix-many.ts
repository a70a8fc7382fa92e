// A solution with many fixable values of every kind, for the `--fix` round tests and the figures:
// environment-specific sites, URLs, shares and servers in several cloud flows (some repeated across
// flows, so one move covers several places), plaintext secrets in cloud flows and desktop flows,
// and paths, URLs and machines in desktop flows run by a cloud flow.
import type { CloudFlowSpec, DesktopFlowSpec, SolutionSpec } from '../support/fixture';
import { guid } from '../support/fixture';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const UIFLOW = '/providers/Microsoft.PowerApps/apis/shared_uiflow';

const host = (api: string, operationId: string) => ({ connectionName: api.split('/').pop(), operationId, apiId: api });

/** One cloud flow: `sites` SharePoint reads, a share, an API call with a key, and a repeated site. */
function cloudFlow(solution: string, n: number, sites: number): CloudFlowSpec {
  const actions: Record<string, unknown> = {};
  let previous: string | undefined;
  const add = (name: string, action: Record<string, unknown>) => {
    actions[name] = { runAfter: previous ? { [previous]: ['Succeeded'] } : {}, ...action };
    previous = name;
  };
  for (let i = 0; i < sites; i++) {
    add(`Get_items_${i}`, {
      type: 'OpenApiConnection',
      inputs: { host: host(SP, 'GetItems'), parameters: { dataset: `https://contoso.sharepoint.com/sites/${solution}-F${n}-S${i}-Dev`, table: 'Invoices' }, authentication: "@parameters('$authentication')" },
    });
  }
  // The same site in every flow of the solution: one move, several places.
  add('Get_shared_items', {
    type: 'OpenApiConnection',
    inputs: { host: host(SP, 'GetItems'), parameters: { dataset: `https://contoso.sharepoint.com/sites/${solution}-Shared-Dev`, table: 'Shared' }, authentication: "@parameters('$authentication')" },
  });
  add('Compose_share', { type: 'Compose', inputs: `\\\\fs0${n}.contoso.local\\${solution}\\Archive` });
  add('Post_audit', {
    type: 'Http',
    inputs: { method: 'POST', uri: `https://api.contoso.com/${solution.toLowerCase()}/audit${n}`, headers: { 'x-api-key': `c0ntoso-${solution.toLowerCase()}-${n}-k3y-7f9a2b` }, body: { status: 'entered' } },
  });
  return {
    name: `${solution} Flow ${n}`,
    uses: [{ key: 'shared_sharepointonline', logicalName: `${solution.toLowerCase()}_sharedsharepointonline_5f2a1` }],
    definition: { actions },
  };
}

/** A desktop flow with `paths` folders, a URL, a database server and a password. */
function desktopScript(solution: string, n: number, paths: number): string {
  const lines = [
    "@@ConnectionString: ''",
    "@INPUT Input_Invoice : { 'Description': 'The invoice number.', 'FriendlyName': 'Input_Invoice', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ",
  ];
  for (let i = 0; i < paths; i++) lines.push(`SET Folder${i} TO $'''C:\\\\RPA\\\\${solution}\\\\D${n}\\\\In${i}'''`);
  lines.push(
    `SET ErpPassword TO $'''W1nter-${solution}-${n}!'''`,
    `WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://erp-dev.contoso.com/${solution.toLowerCase()}/d${n}''' WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser`,
    "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Input password'] Text: ErpPassword EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace",
    `Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: $'''Provider=MSOLEDBSQL;Server=SQL${solution.toUpperCase()}0${n};Database=Invoices;Integrated Security=SSPI''' Statement: $'''SELECT 1''' Timeout: 30 Result=> VendorTable`,
  );
  for (let i = 0; i < paths; i++) lines.push(`File.ReadTextFromFile.ReadText File: $'''%Folder${i}%\\\\%Input_Invoice%.txt''' Encoding: File.TextFileEncoding.UTF8 Content=> Text${i}`);
  return lines.join('\r\n');
}

export interface ManyOptions {
  cloudFlows?: number;
  sitesPerFlow?: number;
  desktopFlows?: number;
  pathsPerDesktopFlow?: number;
}

/** A solution with many fixable values (about 2 + sitesPerFlow + 1 per cloud flow, 3 + paths per desktop flow). */
export function manyValuesSolution(name: string, options: ManyOptions = {}): SolutionSpec {
  const prefix = name.slice(0, 3).toLowerCase();
  const cloud = Array.from({ length: options.cloudFlows ?? 3 }, (_, n) => cloudFlow(name, n, options.sitesPerFlow ?? 4));
  const desktop: Array<DesktopFlowSpec & { id: string }> = Array.from({ length: options.desktopFlows ?? 2 }, (_, n) => ({
    name: `${name} Desk ${n}`,
    id: guid(`${name}-desk-${n}`),
    script: desktopScript(name, n, options.pathsPerDesktopFlow ?? 3),
    inputs: [{ name: 'Input_Invoice' }],
  }));
  // One cloud flow runs every desktop flow (so moved desktop values are fed from environment variables).
  const runner: CloudFlowSpec = {
    name: `${name} Runner`,
    uses: [{ key: 'shared_uiflow', logicalName: `${prefix}_shareduiflow_8b3c4` }],
    definition: {
      actions: Object.fromEntries(desktop.map((d, n) => [`Run_desk_${n}`, {
        runAfter: {},
        type: 'OpenApiConnection',
        inputs: {
          host: host(UIFLOW, 'RunUIFlow_V2'),
          parameters: { uiFlowId: d.id, runMode: 'unattended', runPriority: 'normal', 'item/Input_Invoice': "@triggerBody()?['text']" },
          authentication: "@parameters('$authentication')",
        },
        runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } },
      }])),
    },
  };
  const references = [
    { logicalName: `${name.toLowerCase()}_sharedsharepointonline_5f2a1`, displayName: 'SharePoint', connectorId: SP },
    { logicalName: `${prefix}_shareduiflow_8b3c4`, displayName: 'Desktop flows', connectorId: UIFLOW },
  ];
  const settings = (env: string) => ({
    EnvironmentVariables: [{ SchemaName: `${prefix}_Existing`, Value: `https://contoso.sharepoint.com/sites/${name}-${env}` }],
    ConnectionReferences: references.map(r => ({ LogicalName: r.logicalName, ConnectionId: `${env.toLowerCase()}-conn`, ConnectorId: r.connectorId })),
  });
  return {
    uniqueName: name,
    prefix,
    version: '1.0.0.0',
    connectionReferences: references,
    environmentVariables: [{ schemaName: `${prefix}_Existing`, displayName: 'Existing' }],
    cloudFlows: [...cloud, runner],
    desktopFlows: desktop,
    settings: { Dev: settings('Dev'), Test: settings('Test'), Prod: settings('Prod') },
  };
}
