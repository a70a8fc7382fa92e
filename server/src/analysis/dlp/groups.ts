// Which data-policy id governs an action: a desktop-flow action's module group
// (`providers/Microsoft.ProcessSimple/operationGroups/DesktopFlow.<Group>`) and a cloud action's
// connector (`providers/Microsoft.PowerApps/apis/shared_*`) with its operation id. Ids are normalised
// as load/dlp.ts keys them: lower case, no leading `/`.
import { connectorOf, operationOf } from '../cloud/actions';
import { prop, stringValue } from '../../load/json';
import type { CloudFlow, FlowAction } from '../../model/types';

export const DESKTOP_GROUP_PREFIX = 'providers/microsoft.processsimple/operationgroups/desktopflow.';
export const CONNECTOR_PREFIX = 'providers/microsoft.powerapps/apis/';

/**
 * Robin module (lower case) → DLP group suffix, as the policy spells it (governance.md §2.2). Explicit,
 * because casing differs (`Runflow`, `CyberArk`), Run desktop flow is `External.RunFlow`, and modules
 * not listed (Variables, Text, DateTime, Conditionals, Loops, FlowControl, Logging…) are not governed.
 */
const DESKTOP_GROUPS: ReadonlyMap<string, string> = new Map([
  ['activedirectory', 'ActiveDirectory'], ['aws', 'AWS'], ['azure', 'Azure'], ['webautomation', 'WebAutomation'],
  ['cmd', 'Cmd'], ['clipboard', 'Clipboard'], ['compression', 'Compression'], ['cryptography', 'Cryptography'],
  ['cyberark', 'CyberArk'], ['database', 'Database'], ['email', 'Email'], ['excel', 'Excel'], ['exchange', 'Exchange'],
  ['ftp', 'FTP'], ['file', 'File'], ['folder', 'Folder'], ['googlecognitive', 'GoogleCognitive'], ['web', 'Web'],
  ['ibmcognitive', 'IBMCognitive'], ['display', 'Display'], ['microsoftcognitive', 'MicrosoftCognitive'],
  ['mouseandkeyboard', 'MouseAndKeyboard'], ['ocr', 'OCR'], ['outlook', 'Outlook'], ['pdf', 'Pdf'],
  ['powerautomatesecretvariables', 'PowerAutomateSecretVariables'], ['external', 'Runflow'], ['runflow', 'Runflow'],
  ['scripting', 'Scripting'], ['system', 'System'], ['terminalemulation', 'TerminalEmulation'],
  ['uiautomation', 'UIAutomation'], ['services', 'Services'], ['workstation', 'Workstation'], ['xml', 'XML'],
]);

/** Friendly names the designer shows for groups whose id differs from it. */
const GROUP_LABELS: Readonly<Record<string, string>> = { Web: 'HTTP', WebAutomation: 'Browser automation', Display: 'Message boxes', Services: 'Windows services' };

export interface DesktopGroup {
  /** Normalised policy id. */
  id: string;
  /** `DesktopFlow.Scripting`. */
  label: string;
}

/** The DLP group of a desktop-flow action (`Scripting.RunPowershellScript` → DesktopFlow.Scripting), or undefined when not governed. */
export function desktopGroupOf(module: string): DesktopGroup | undefined {
  const suffix = DESKTOP_GROUPS.get(module.toLowerCase());
  if (!suffix) return undefined;
  const friendly = GROUP_LABELS[suffix];
  return { id: DESKTOP_GROUP_PREFIX + suffix.toLowerCase(), label: `DesktopFlow.${suffix}${friendly ? ` (${friendly})` : ''}` };
}

export interface CloudConnectorUse {
  /** Normalised policy id: `providers/microsoft.powerapps/apis/shared_sql`. */
  id: string;
  /** `shared_sql`. */
  connector: string;
  /** The connector operation (`inputs.host.operationId`) as written; empty when unknown. */
  operationId: string;
  /** Other spellings a policy may list the same id under (virtual connectors), normalised. */
  aliases?: string[];
}

/** The connector and operation of a cloud action, from its host apiId or connection reference; a virtual connector for governed built-ins. */
export function cloudConnectorOf(action: FlowAction, flow: CloudFlow): CloudConnectorUse | undefined {
  const connector = connectorOf(action, flow);
  if (!connector) return virtualConnectorOf(action);
  return { id: CONNECTOR_PREFIX + connector, connector, operationId: action.host?.operationId ?? operationOf(action) };
}

/**
 * Built-in actions that data policies classify like connectors ("virtual connectors", governance.md §2.3):
 * ids `Http` and `HttpRequestReceived` come from the governance API's virtual-connector list; `HttpWebhook`
 * is the designer's HTTP Webhook (its id there is UNVERIFIED). How a policy spells them inside
 * `connectorGroups` is UNVERIFIED too, so each is looked up under the connector prefix, with `shared_`,
 * and bare; the first spelling the policy lists wins.
 */
export const VIRTUAL_CONNECTORS = {
  http: { name: 'Http', label: 'HTTP' },
  httpWebhook: { name: 'HttpWebhook', label: 'HTTP Webhook' },
  httpRequestReceived: { name: 'HttpRequestReceived', label: 'When a HTTP request is received' },
} as const;

export type VirtualConnectorKey = keyof typeof VIRTUAL_CONNECTORS;

/** The normalised ids (first) and aliases a virtual connector may be listed under. */
export function virtualConnectorIds(key: VirtualConnectorKey): { id: string; aliases: string[] } {
  const name = VIRTUAL_CONNECTORS[key].name.toLowerCase();
  return { id: CONNECTOR_PREFIX + name, aliases: [`${CONNECTOR_PREFIX}shared_${name}`, name] };
}

/** Which virtual connector governs a built-in action: `Http`, `HttpWebhook`, a `Request` trigger of kind `Http`. */
export function virtualConnectorKeyOf(action: FlowAction): VirtualConnectorKey | undefined {
  const type = action.type.toLowerCase();
  if (type === 'http') return 'http';
  if (type === 'httpwebhook') return 'httpWebhook';
  // Manual (`Button`), Power Apps and Copilot request triggers are not the HTTP request trigger.
  if (type === 'request' && action.trigger && stringValue(prop(action.node, 'kind'))?.toLowerCase() === 'http') return 'httpRequestReceived';
  return undefined;
}

function virtualConnectorOf(action: FlowAction): CloudConnectorUse | undefined {
  const key = virtualConnectorKeyOf(action);
  if (!key) return undefined;
  const { id, aliases } = virtualConnectorIds(key);
  return { id, connector: `${VIRTUAL_CONNECTORS[key].label} (built-in)`, operationId: '', aliases };
}
