// Literal endpoints that data-policy endpoint filtering checks (governance.md §2.4): the URL a desktop
// flow's browser automation opens (`Url` of WebAutomation actions: Launch browser, Go to web page) and
// the `server,database` of a SQL Server cloud action. Only literals: filtering does not apply to
// values built at runtime, variables or environment variables, and neither does this fact.
import { prop, stringValue, span } from '../../load/json';
import type { CloudFlow, Loc, Script } from '../../model/types';
import { walkStatements } from '../../load/pad/walk';
import { cloudConnectorOf, CONNECTOR_PREFIX, DESKTOP_GROUP_PREFIX } from './groups';
import type { FlowAction } from '../../model/types';
import type { Span } from '../../util/text';

export interface LiteralEndpoint {
  /** Normalised connector / group id whose endpoint rules apply. */
  connectorId: string;
  /** The endpoint as the rules see it: a URL, or `server,database`. */
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
 * Browser automation's endpoint rules are keyed under `DesktopFlow.WebAutomation` here: how the export keys
 * endpoint rules for desktop modules is not documented (UNVERIFIED, governance.md §2.6).
 */
export const BROWSER_AUTOMATION_ID = `${DESKTOP_GROUP_PREFIX}webautomation`;
export const SQL_ID = `${CONNECTOR_PREFIX}shared_sql`;

export function desktopEndpoints(script: Script): LiteralEndpoint[] {
  const found: LiteralEndpoint[] = [];
  walkStatements(script.ast, (stmt, ctx) => {
    if (stmt.kind !== 'action' || ctx.disabled || stmt.module.toLowerCase() !== 'webautomation') return;
    for (const arg of stmt.args) {
      if (arg.name.toLowerCase() !== 'url' || arg.value.kind !== 'string' || arg.value.value === undefined || !arg.value.value.trim()) continue;
      found.push({ connectorId: BROWSER_AUTOMATION_ID, endpoint: arg.value.value.trim(), where: `${stmt.module}.${stmt.action}`, scriptSpan: arg.value.span, script });
    }
  });
  return found;
}

export function cloudEndpoints(flow: CloudFlow): LiteralEndpoint[] {
  const found: LiteralEndpoint[] = [];
  for (const action of flow.actions) {
    if (cloudConnectorOf(action, flow)?.id !== SQL_ID) continue;
    const params = prop(action.inputs, 'parameters');
    const serverNode = prop(params, 'server');
    const server = stringValue(serverNode);
    const database = stringValue(prop(params, 'database'));
    // `default` is the connection's own server: not in the file. An expression is built at runtime.
    if (!serverNode || !server || !database || [server, database].some(v => v === 'default' || v.includes('@'))) continue;
    found.push({ connectorId: SQL_ID, endpoint: `${server},${database}`, where: `Action "${action.name}"`, loc: { file: flow.file, span: span(serverNode) }, action });
  }
  return found;
}
