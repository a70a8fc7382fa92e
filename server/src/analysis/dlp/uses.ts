// What a flow tree uses, as data policies see it: every governed desktop-flow action and every
// connector action, with its real position. A flow tree is a cloud flow, the child flows it calls
// (`Workflow` actions, by `host.workflowReferenceName`) and the desktop flows it runs (RunUIFlow by
// `uiFlowId`), transitively, each once. Memoised per flow / script.
import { walkStatements } from '../../load/pad/walk';
import { prop, stringValue } from '../../load/json';
import type { CloudFlow, DesktopFlow, FlowAction, Loc, Script, Solution } from '../../model/types';
import { desktopFlowOf, runsDesktopFlow } from '../cloud/actions';
import { cloudConnectorOf, desktopGroupOf } from './groups';
import type { ActionStmt } from '../../model/pad-ast';

export interface DlpUse {
  /** Normalised policy id (connector or desktop module group). */
  id: string;
  /** How messages name it: `shared_sql`, `DesktopFlow.Web (HTTP)`. */
  label: string;
  /** Connector operation or desktop action id (`InvokeWebService`), for action rules. */
  operationId: string;
  /** `Action "Create row"` or `Web.InvokeWebService`. */
  where: string;
  /** The flow the use is in. */
  flowName: string;
  loc: Loc;
  /** Set for cloud actions. */
  action?: FlowAction;
  /** Set for desktop-flow actions: the statement and its script. */
  statement?: ActionStmt;
  script?: Script;
}

const scriptUses = new WeakMap<Script, DlpUse[]>();
const cloudUsesCache = new WeakMap<CloudFlow, DlpUse[]>();

/** Governed actions of a desktop-flow script, in document order (disabled ones left out: they do not run). */
export function desktopUses(script: Script, flowName: string): DlpUse[] {
  let uses = scriptUses.get(script);
  if (uses) return uses;
  const found: DlpUse[] = [];
  walkStatements(script.ast, (stmt, ctx) => {
    if (stmt.kind !== 'action' || ctx.disabled) return;
    const group = desktopGroupOf(stmt.module);
    if (!group) return;
    const span = script.map.toFileSpan(stmt.idSpan);
    found.push({ id: group.id, label: group.label, operationId: stmt.action, where: `${stmt.module}.${stmt.action}`, flowName, loc: { file: script.file, span }, statement: stmt, script });
  });
  scriptUses.set(script, uses = found);
  return uses;
}

/** Connector actions and triggers of one cloud flow. */
export function cloudUses(flow: CloudFlow): DlpUse[] {
  let uses = cloudUsesCache.get(flow);
  if (uses) return uses;
  const found: DlpUse[] = [];
  for (const action of [...flow.triggers, ...flow.actions]) {
    const connector = cloudConnectorOf(action, flow);
    if (!connector) continue;
    found.push({ id: connector.id, label: connector.connector, operationId: connector.operationId, where: `${action.trigger ? 'Trigger' : 'Action'} "${action.name}"`, flowName: flow.name, loc: action.loc, action });
  }
  cloudUsesCache.set(flow, uses = found);
  return uses;
}

/** The child cloud flow a `Workflow` action calls, if the solution has it. */
export function childFlowOf(action: FlowAction, solution: Solution): CloudFlow | undefined {
  if (action.type.toLowerCase() !== 'workflow') return undefined;
  const id = stringValue(prop(prop(action.inputs, 'host'), 'workflowReferenceName'))?.replace(/[{}]/g, '').toLowerCase();
  return id ? solution.cloudFlows.find(f => f.id === id) : undefined;
}

export interface FlowTree {
  cloudFlows: CloudFlow[];
  desktopFlows: DesktopFlow[];
  uses: DlpUse[];
}

/** The flow tree rooted at a cloud flow, and everything it uses. */
export function flowTree(root: CloudFlow, solution: Solution): FlowTree {
  const cloudFlows: CloudFlow[] = [];
  const desktopFlows: DesktopFlow[] = [];
  const pending = [root];
  while (pending.length) {
    const flow = pending.pop()!;
    if (cloudFlows.includes(flow)) continue;
    cloudFlows.push(flow);
    for (const action of flow.actions) {
      const child = childFlowOf(action, solution);
      if (child) pending.push(child);
      const desktop = runsDesktopFlow(action, flow) ? desktopFlowOf(action, solution) : undefined;
      if (desktop && !desktopFlows.includes(desktop)) desktopFlows.push(desktop);
    }
  }
  const uses = [
    ...cloudFlows.flatMap(cloudUses),
    ...desktopFlows.flatMap(d => (d.script ? desktopUses(d.script, d.name) : [])),
  ];
  return { cloudFlows, desktopFlows, uses };
}
