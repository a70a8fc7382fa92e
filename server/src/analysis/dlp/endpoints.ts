// Literal endpoints that data-policy endpoint filtering checks (governance.md §2.4), with the endpoint
// value the reference gives for each connector:
// - desktop: the URL browser automation opens (`Url` of WebAutomation actions: Launch browser, Go to web
//   page) and the URL of the HTTP module (`Url` of Web.InvokeWebService / Web.DownloadFromWeb, `Endpoint`
//   of Web.InvokeSoapService);
// - cloud: the `uri` of the built-in HTTP action and of HTTP Webhook's subscribe call (virtual
//   connectors), the `server,database` of a SQL Server action, the storage account of an Azure Blob
//   Storage action.
// Only literals: filtering does not apply to values built at runtime, variables or environment
// variables, and neither does this fact. Not in the files, so not here: UI automation's process names
// (the selectors live in the control repository), the SMTP connector's `host,port` and HTTP with
// Microsoft Entra ID's base URL (both are connection parameters).
import { JsonNode, prop, span, stringValue } from '../../load/json';
import { walkStatements } from '../../load/pad/walk';
import type { CloudFlow, FlowAction, Loc, Script } from '../../model/types';
import type { Span } from '../../util/text';
import { cloudConnectorOf, CONNECTOR_PREFIX, DESKTOP_GROUP_PREFIX } from './groups';

export interface LiteralEndpoint {
  /** Normalised connector / group id whose endpoint rules apply. */
  connectorId: string;
  /** Other spellings of the id (virtual connectors). */
  aliases?: string[];
  /** The endpoint as the rules see it: a URL, `server,database`, an account name. */
  endpoint: string;
  /** `WebAutomation.GoToWebPage` / `Action "Get rows"`. */
  where: string;
  /** Desktop: span of the literal in the script. */
  scriptSpan?: Span;
  script?: Script;
  /** Cloud: the literal's location and its action. */
  loc?: Loc;
  action?: FlowAction;
}

/**
 * Desktop modules' endpoint rules are keyed under their `DesktopFlow.*` group here: how the export keys
 * endpoint rules for desktop modules is not documented (UNVERIFIED, governance.md §2.6).
 */
export const BROWSER_AUTOMATION_ID = `${DESKTOP_GROUP_PREFIX}webautomation`;
export const DESKTOP_HTTP_ID = `${DESKTOP_GROUP_PREFIX}web`;
export const SQL_ID = `${CONNECTOR_PREFIX}shared_sql`;
export const AZURE_BLOB_ID = `${CONNECTOR_PREFIX}shared_azureblob`;

/** Desktop module (lower case) → the policy id its endpoint rules sit under and the arguments holding the endpoint. */
const DESKTOP_ENDPOINT_ARGS: ReadonlyMap<string, { id: string; args: ReadonlySet<string> }> = new Map([
  ['webautomation', { id: BROWSER_AUTOMATION_ID, args: new Set(['url']) }],
  ['web', { id: DESKTOP_HTTP_ID, args: new Set(['url', 'endpoint']) }],
]);

export function desktopEndpoints(script: Script): LiteralEndpoint[] {
  const found: LiteralEndpoint[] = [];
  walkStatements(script.ast, (stmt, ctx) => {
    if (stmt.kind !== 'action' || ctx.disabled) return;
    const filtered = DESKTOP_ENDPOINT_ARGS.get(stmt.module.toLowerCase());
    if (!filtered) return;
    for (const arg of stmt.args) {
      if (!filtered.args.has(arg.name.toLowerCase()) || arg.value.kind !== 'string' || arg.value.value === undefined || !arg.value.value.trim()) continue;
      found.push({ connectorId: filtered.id, endpoint: arg.value.value.trim(), where: `${stmt.module}.${stmt.action}`, scriptSpan: arg.value.span, script });
    }
  });
  return found;
}

/** A string the flow carries as written: not an expression (`@…`) and no `@{…}` built into it. */
function literalString(node: JsonNode | undefined): string | undefined {
  const value = stringValue(node)?.trim();
  return value && !value.startsWith('@') && !value.includes('@{') ? value : undefined;
}

/** An Azure Blob `dataset`: the account name, or the account of a `https://<account>.blob…` endpoint. */
function blobAccount(dataset: string): string | undefined {
  // The connection's own account: not in the file.
  if (/^accountnamefromsettings$/i.test(dataset)) return undefined;
  const host = /^[a-z]+:\/\/([^/]+)/i.exec(dataset)?.[1] ?? dataset;
  return host.split('.')[0] || undefined;
}

/** The literal endpoint of one cloud action, if its connector has endpoint filtering and the value is in the file. */
function cloudEndpoint(action: FlowAction, flow: CloudFlow): { node: JsonNode; endpoint: string } | undefined {
  const connector = cloudConnectorOf(action, flow);
  if (!connector) return undefined;
  const params = prop(action.inputs, 'parameters');
  if (connector.id === SQL_ID) {
    const serverNode = prop(params, 'server');
    const server = literalString(serverNode);
    const database = literalString(prop(params, 'database'));
    // `default` is the connection's own server: not in the file.
    if (!serverNode || !server || !database || server === 'default' || database === 'default') return undefined;
    return { node: serverNode, endpoint: `${server},${database}` };
  }
  if (connector.id === AZURE_BLOB_ID) {
    const node = prop(params, 'dataset');
    const dataset = literalString(node);
    const account = dataset && blobAccount(dataset);
    return node && account ? { node, endpoint: account } : undefined;
  }
  const type = action.type.toLowerCase();
  const uriNode = type === 'http' ? prop(action.inputs, 'uri') : type === 'httpwebhook' ? prop(prop(action.inputs, 'subscribe'), 'uri') : undefined;
  const uri = literalString(uriNode);
  return uriNode && uri ? { node: uriNode, endpoint: uri } : undefined;
}

export function cloudEndpoints(flow: CloudFlow): LiteralEndpoint[] {
  const found: LiteralEndpoint[] = [];
  for (const action of [...flow.triggers, ...flow.actions]) {
    const literal = cloudEndpoint(action, flow);
    if (!literal) continue;
    const connector = cloudConnectorOf(action, flow)!;
    found.push({
      connectorId: connector.id, ...(connector.aliases ? { aliases: connector.aliases } : {}), endpoint: literal.endpoint,
      where: `${action.trigger ? 'Trigger' : 'Action'} "${action.name}"`, loc: { file: flow.file, span: span(literal.node) }, action,
    });
  }
  return found;
}
