// What an action is: its connector and operation, what kind of action its type makes it (sender,
// pass-through, securable or not), which desktop flow it runs and what it already secures.
import { boundedMemo } from '../../util/memo';
import { prop, stringValue } from '../../load/json';
import type { CloudFlow, DesktopFlow, FlowAction, Solution } from '../../model/types';

/** The connector of an action: `shared_sharepointonline`, `shared_sql`… (lower case), if any. */
export function connectorOf(action: FlowAction, flow: CloudFlow): string | undefined {
  // Asked by most cloud rules for every string value; an action belongs to one flow. One lookup per ask.
  const known = connectorOfAction.get(action);
  if (known !== undefined) return known ?? undefined;
  const connector = computeConnectorOf(action, flow);
  connectorOfAction.set(action, connector ?? null);
  return connector;
}

/** The connector of each action asked about; null: it has none. */
const connectorOfAction = new WeakMap<FlowAction, string | null>();

function computeConnectorOf(action: FlowAction, flow: CloudFlow): string | undefined {
  const apiId = action.host?.apiId;
  if (apiId) return apiId.slice(apiId.lastIndexOf('/') + 1).toLowerCase();
  const connectionName = action.host?.connectionName ?? legacyConnectionKey(stringValue(prop(prop(prop(action.inputs, 'host'), 'connection'), 'name')));
  if (!connectionName) return undefined;
  const ref = flow.connectionReferences.find(r => r.key === connectionName);
  const api = ref?.apiName ?? connectionName.replace(/_\d+$/, '');
  return api.split('/').pop()!.toLowerCase();
}

/**
 * The connection key a legacy ApiConnection action names in `host.connection.name`:
 * `@parameters('$connections')['shared_excelonlinebusiness']['connectionId']` (the designer's form) or `['$connections']['…']`.
 */
export function legacyConnectionKey(text: string | undefined): string | undefined {
  return text ? /\$connections'\s*[\])]\s*\??\[\s*'([^']+)'/.exec(text)?.[1] : undefined;
}

/** The connector operation (`getsecret`, `runuiflow_v2`…), lower case; empty for built-in actions. */
export function operationOf(action: FlowAction): string {
  return lowerCase(action.host?.operationId ?? '');
}

/** The action's type in lower case (`initializevariable`, `http`, `openapiconnection`…). */
export function typeOf(action: FlowAction): string {
  return lowerCase(action.type);
}

// Types and operation ids are a few hundred names asked for on every string value: each is lowered once.
const lowerCase = boundedMemo(name => name.toLowerCase(), 10_000);

/** Connectors that administer Power Platform environments: their environment parameters name one. */
export const ADMIN_CONNECTORS: ReadonlySet<string> = new Set([
  'shared_powerplatformforadmins', 'shared_powerappsforadmins', 'shared_powerappsforappmakers', 'shared_flowmanagement',
  'shared_microsoftflowforadmins', 'shared_powerplatformadminv2', 'shared_powerplatformadmin',
]);

/** Azure Storage connectors: their `dataset` parameter names the storage account. */
export const STORAGE_CONNECTORS: ReadonlySet<string> = new Set(['shared_azureblob', 'shared_azurefile', 'shared_azuretables', 'shared_azurequeues']);

const CONNECTOR_ACTION_TYPES = /^(OpenApiConnection|ApiConnection)/i;
const HTTP_TYPES = new Set(['http', 'httpwebhook', 'function', 'apimanagement', 'workflow']);
/** Actions the designer cannot mark secure (Logic Apps: variables, control actions). */
const UNSECURABLE_TYPES = new Set([
  'initializevariable', 'setvariable', 'appendtostringvariable', 'appendtoarrayvariable', 'incrementvariable', 'decrementvariable',
  'if', 'switch', 'foreach', 'until', 'scope', 'terminate',
]);
/** Actions with only a Secure Inputs setting, which hides their outputs too (Logic Apps). */
const INPUT_ONLY_TYPES = new Set(['compose', 'parsejson', 'response']);
/** Actions whose outputs are their inputs reshaped: a secret in goes out again. */
const PASS_THROUGH_TYPES = new Set(['compose', 'parsejson', 'select', 'query', 'join', 'table']);

/** A connector action: it authenticates through its connection, its inputs are `parameters`. */
export function isConnectorAction(action: FlowAction): boolean {
  // Asked for every string value: most types start with neither `o` nor `a` and need no regular expression.
  const first = action.type.charCodeAt(0) | 32;
  return (first === 111 || first === 97) && CONNECTOR_ACTION_TYPES.test(action.type);
}

/** An HTTP-like action (HTTP, webhook, Azure Function, API Management, child workflow). */
export function isHttpAction(action: FlowAction): boolean {
  return HTTP_TYPES.has(typeOf(action));
}

/** Whether the action has Secure Inputs/Outputs settings at all (variables and control actions do not). */
export function canBeSecured(action: FlowAction): boolean {
  return !UNSECURABLE_TYPES.has(typeOf(action));
}

/** Compose, Parse JSON and Response: only Secure Inputs, which hides their outputs too. */
export function hasOnlySecureInputs(action: FlowAction): boolean {
  return INPUT_ONLY_TYPES.has(typeOf(action));
}

/** Whether the action's outputs are its inputs reshaped (Compose, Parse JSON, Select, Filter, Join, Table). */
export function passesThrough(action: FlowAction): boolean {
  return PASS_THROUGH_TYPES.has(typeOf(action));
}

/** What `runtimeConfiguration.secureData.properties` already lists (`inputs`, `outputs`), lower case. */
export function securedProperties(action: FlowAction): Set<string> {
  const props = prop(prop(prop(action.node, 'runtimeConfiguration'), 'secureData'), 'properties');
  return new Set((props?.children ?? []).map(c => (typeof c.value === 'string' ? c.value.toLowerCase() : '')));
}

/** Whether the action runs a desktop flow (Desktop flows connector, RunUIFlow…). */
export function runsDesktopFlow(action: FlowAction, flow: CloudFlow): boolean {
  // The operation first: it is on the action, the connector is looked up.
  const operation = action.host?.operationId;
  return operation !== undefined && RUN_UI_FLOW.test(operation) && connectorOf(action, flow) === 'shared_uiflow';
}

/** `runuiflow…` as operationOf gives it (lower case). */
const RUN_UI_FLOW = /^runuiflow/i;

/** The solution's desktop flow a RunUIFlow action runs (by its `uiFlowId`), if the solution has it. */
export function desktopFlowOf(action: FlowAction, solution: Solution | undefined): DesktopFlow | undefined {
  const params = prop(action.inputs, 'parameters');
  const id = stringValue(prop(params, 'uiFlowId'))?.replace(/[{}]/g, '').toLowerCase();
  if (!id) return undefined;
  return solution?.desktopFlows.find(d => d.id === id);
}

/** `Action "X"` or `Trigger "X"`, as messages name the element. */
export function actionLabel(action: FlowAction): string {
  return `${action.trigger ? 'Trigger' : 'Action'} "${action.name}"`;
}
