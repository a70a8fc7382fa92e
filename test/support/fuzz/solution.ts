// The real-shaped solution the pipeline and zip fuzzers mutate: cloud and desktop flows, connection
// references, environment variables, settings for two environments and a flowcop.json.
import { buildSolutionFiles, buildZip, type FixtureLayout, type SolutionSpec } from '../fixture';

export const FUZZ_SOLUTION: SolutionSpec = {
  uniqueName: 'FuzzSolution',
  prefix: 'fz',
  cloudFlows: [
    {
      name: 'Process Invoices',
      uses: [{ key: 'shared_sharepointonline', logicalName: 'fz_sharepoint' }, { key: 'shared_office365', logicalName: 'fz_outlook' }],
      definition: {
        actions: {
          Get_items: { type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_sharepointonline', operationId: 'GetItems' }, parameters: { dataset: 'https://contoso.sharepoint.com/sites/finance', table: "@parameters('fz_InvoiceLibrary (fz_InvoiceLibrary)')" } } },
          HTTP: { type: 'Http', inputs: { method: 'GET', uri: 'https://api.contoso.com/v1?api_key=sk_live_51HxY2abcdefghijkLMNOP', headers: { Authorization: 'Basic dXNlcjpwYXNz' } }, runAfter: { Get_items: ['Succeeded'] } },
          Compose: { type: 'Compose', inputs: '@{concat(\'Server=sql-prod-01;Password=\', \'hunter2\')}' },
        },
      },
    },
    { name: 'Notify', uses: [{ key: 'shared_teams', logicalName: 'fz_missing' }] },
  ],
  desktopFlows: [
    {
      name: 'Enter Invoice',
      inputs: [{ name: 'Input_User' }, { name: 'Input_Password', sensitive: false }],
      outputs: [{ name: 'Output_Status', type: 'number' }],
      connectionReferences: ['fz_desktop'],
      script: [
        "@@ConnectionString: ''", "@@Type: 'Local'", "@@DisplayName: 'Local computer'",
        "IMPORT 'controlRepo.appmask' AS appmask",
        "@INPUT Input_Password : { 'Description': '', 'FriendlyName': 'Input_Password', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' }",
        'SET ErpUser TO $\'\'\'svc-erp-bot\'\'\'',
        'SET ErpPassword TO $\'\'\'Winter2025!\'\'\'',
        "SET Folder TO $'''C:\\\\Users\\\\jdoe\\\\Invoices'''",
        'BLOCK',
        'ON BLOCK ERROR all',
        "    SET Msg TO $'''failed %ErpUser%'''",
        'END',
        "    Display.ShowMessageDialog.ShowMessage Message: $'''in block'''",
        'END',
        "WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://erp-dev.contoso.com/invoices''' Browser=> Browser",
        "Database.Connect ConnectionString: $'''Server=SQLPROD01;Database=erp;User Id=sa;Password=P@ssw0rd;''' Connection=> Db",
        "IF ErpUser = $'''x''' THEN",
        '    LOOP FOREACH Item IN ErpUser',
        '        CALL Sub',
        '    END',
        'END',
        'FUNCTION Sub GLOBAL',
        "    System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''net use \\\\\\\\fileserver01\\\\share /user:admin Secret123''' StandardOutput=> Out",
        'END FUNCTION',
      ].join('\r\n'),
    },
    { name: 'Clipboard Copy', storage: 'xml-text', script: "SET A TO 1\r\nIF A > 0 THEN\r\n  Display.ShowMessageDialog.ShowMessage Message: 'a & b <c>'\r\nEND" },
  ],
  environmentVariables: [
    { schemaName: 'fz_InvoiceLibrary', defaultValue: 'Invoices', value: 'Invoices-Dev' },
    { schemaName: 'fz_ApiKey', type: 100000000, defaultValue: 'sk_live_51HxY2abcdefghijkLMNOP' },
    { schemaName: 'fz_Secret', type: 100000005, secretStore: 1 },
  ],
  connectionReferences: [
    { logicalName: 'fz_sharepoint', connectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' },
    { logicalName: 'fz_outlook', connectorId: '/providers/Microsoft.PowerApps/apis/shared_office365' },
    { logicalName: 'fz_desktop', connectorId: '/providers/Microsoft.PowerApps/apis/shared_uiflow' },
    { logicalName: 'fz_unused', connectorId: '/providers/Microsoft.PowerApps/apis/shared_sql' },
  ],
  settings: {
    Dev: { EnvironmentVariables: [{ SchemaName: 'fz_InvoiceLibrary', Value: 'Invoices-Dev' }, { SchemaName: 'fz_ApiKey', Value: '' }], ConnectionReferences: [{ LogicalName: 'fz_sharepoint', ConnectionId: 'shared-sharepointonl-1111', ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' }] },
    Prod: { EnvironmentVariables: [{ SchemaName: 'fz_InvoiceLibrary', Value: 'https://contoso-dev.sharepoint.com/sites/x' }], ConnectionReferences: [{ LogicalName: 'fz_sharepoint', ConnectionId: 'shared-sharepointonl-1111' }, { LogicalName: 'fz_outlook', ConnectionId: 'Password=contosoprod' }] },
  },
  config: { rules: { 'pad/plaintext-secret': 'error' }, ignore: ['**/ignored/**'] },
  files: { 'scripts/standalone.robin': "SET Password TO 'abc123!'\r\nWAIT 5\r\n", 'notes.txt': 'SET A TO 1\n' },
};

const cache = new Map<string, Record<string, string>>();

/** The fixture's files in a layout (relative paths → content); 'zip' gives the raw layout to pack. */
export function solutionFiles(layout: FixtureLayout): Record<string, string> {
  const key = layout;
  let files = cache.get(key);
  if (!files) {
    files = layout === 'zip' ? buildZip(FUZZ_SOLUTION).outside : buildSolutionFiles(FUZZ_SOLUTION, layout);
    cache.set(key, files);
  }
  return files;
}

let zipCache: Buffer | undefined;
export function solutionZip(): Buffer {
  zipCache ??= buildZip(FUZZ_SOLUTION).zip;
  return zipCache;
}
