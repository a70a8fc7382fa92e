// A legacy flow package ("Export › Package (.zip)") built in code, in the shape Power Automate exports
// it: manifest.json (resources keyed by id), Microsoft.Flow/flows/manifest.json and, per flow,
// Microsoft.Flow/flows/<id>/{definition.json, apisMap.json, connectionsMap.json}.
import AdmZip from 'adm-zip';

export const FLOW_ID = '0b6a4c1e-5d2f-4e7a-9c3b-8f1e2d3c4b5a';
export const FLOW_NAME = 'Sync invoices';
/** A made-up client secret: it must be reported and never appear in any output. */
export const CLIENT_SECRET = 'Qx7~p2R.kZ9vLm3_Tw8yHn4sJd6fGb1cVa5eXu0i';
export const ENV_URL = 'https://contoso-dev.crm4.dynamics.com/api/data/v9.2/invoices';

const definition = {
  name: '5f0e2b6c-1111-4222-8333-944445555666',
  id: '/providers/Microsoft.Flow/flows/5f0e2b6c-1111-4222-8333-944445555666',
  type: 'Microsoft.Flow/flows',
  properties: {
    apiId: '/providers/Microsoft.PowerApps/apis/shared_logicflows',
    displayName: FLOW_NAME,
    definition: {
      $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
      contentVersion: '1.0.0.0',
      parameters: { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' } },
      triggers: { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Day', interval: 1 } } },
      actions: {
        Get_invoices: {
          runAfter: {},
          type: 'Http',
          inputs: {
            method: 'GET',
            uri: ENV_URL,
            authentication: {
              type: 'ActiveDirectoryOAuth',
              tenant: 'contoso.onmicrosoft.com',
              audience: 'https://contoso-dev.crm4.dynamics.com',
              clientId: '3f2a1b4c-5d6e-4f70-8192-a3b4c5d6e7f8',
              secret: CLIENT_SECRET,
            },
          },
        },
      },
    },
    connectionReferences: {},
    flowFailureAlertSubscribed: false,
  },
};

/** The definition.json text, pretty-printed so that findings have distinct lines. */
export const DEFINITION_TEXT = JSON.stringify(definition, null, 2);

/** 1-based line of the first occurrence of `needle` in the definition. */
export function lineOf(needle: string): number {
  return DEFINITION_TEXT.slice(0, DEFINITION_TEXT.indexOf(needle)).split('\n').length;
}

export function packageFiles(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const flows = 'Microsoft.Flow/flows';
  const files: Record<string, string | undefined> = {
    'manifest.json': JSON.stringify({
      schema: '1.0',
      details: { displayName: 'Invoice sync', description: 'Pulls invoices', createdTime: '2024-01-01T00:00:00Z', creator: 'N/A', sourceEnvironment: '' },
      resources: {
        [FLOW_ID]: {
          type: 'Microsoft.Flow/flows', suggestedCreationType: 'New', creationType: 'Existing, New, Update',
          details: { displayName: FLOW_NAME }, configurableBy: 'User', hierarchy: 'Root', dependsOn: [],
        },
      },
    }),
    [`${flows}/manifest.json`]: JSON.stringify({ packageSchemaVersion: '1.0', flowAssets: { assetPaths: [FLOW_ID] } }),
    [`${flows}/${FLOW_ID}/definition.json`]: DEFINITION_TEXT,
    [`${flows}/${FLOW_ID}/apisMap.json`]: '{}',
    [`${flows}/${FLOW_ID}/connectionsMap.json`]: '{}',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined));
}

/** The package zipped, as Power Automate downloads it. */
export function packageZip(files: Record<string, string> = packageFiles()): Uint8Array {
  const zip = new AdmZip();
  for (const [name, text] of Object.entries(files)) zip.addFile(name, Buffer.from(text, 'utf8'));
  return new Uint8Array(zip.toBuffer());
}

/** Files placed under a folder (an extracted package). */
export function under(folder: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([p, c]) => [`${folder}/${p}`, c]));
}
