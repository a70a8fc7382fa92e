// What a flow tree uses, as data policies see it: every governed desktop-flow action and every
// connector action (virtual connectors included), with its real position. A flow tree is a cloud flow,
// the child flows it calls (`Workflow` actions, by `host.workflowReferenceName`), the desktop flows it
// runs (RunUIFlow by `uiFlowId`) and the desktop flows those run (`External.RunFlow`, by `FlowId`, else
// by the `@@flowname` annotation), transitively, each once (cycles end). Uses are memoised per flow /
// script; trees are not (a session may replace one flow of a solution and keep the others).
import { walkStatements } from '../../load/pad/walk';
import { prop, stringValue } from '../../load/json';
import type { CloudFlow, DesktopFlow, FlowAction, Loc, Script, Solution } from '../../model/types';
import { desktopFlowOf, runsDesktopFlow } from '../cloud/actions';
import { cloudConnectorOf, desktopGroupOf } from './groups';
import type { ActionStmt } from '../../model/pad-ast';

export interface DlpUse {
  /** Normalised policy id (connector or desktop module group). */
  id: string;
  /** Other spellings a policy may list the id under (virtual connectors). */
  aliases?: string[];
  /** How messages name it: `shared_sql`, `DesktopFlow.Web (HTTP)`. */
  label: string;
  /** Connector operation or desktop action id (`InvokeWebService`), for action rules. */
  operationId: string;
  /** `Action "Create row"` or `Web.InvokeWebService`. */
  where: string;
  /** The flow the use is in. */
  flowName: string;
  loc: Loc;
  /** Set for cloud actions: the action and its flow. */
  action?: FlowAction;
  flow?: CloudFlow;
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
    found.push({
      id: connector.id, ...(connector.aliases ? { aliases: connector.aliases } : {}), label: connector.connector, operationId: connector.operationId,
      where: `${action.trigger ? 'Trigger' : 'Action'} "${action.name}"`, flowName: flow.name, loc: action.loc, action, flow,
    });
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

/** What an `External.RunFlow` statement names: the `FlowId` literal (braces and case dropped) and the `@@flowname` annotation. */
interface RunFlowTarget { id?: string; name?: string }

function runFlowTarget(stmt: ActionStmt): RunFlowTarget | undefined {
  if (stmt.module.toLowerCase() !== 'external' || stmt.action.toLowerCase() !== 'runflow') return undefined;
  const flowId = stmt.args.find(a => a.name.toLowerCase() === 'flowid')?.value;
  const annotation = stmt.annotations?.find(a => a.key.toLowerCase() === 'flowname')?.value;
  return {
    id: flowId?.kind === 'string' ? flowId.value?.replace(/[{}]/g, '').trim().toLowerCase() : undefined,
    name: annotation?.kind === 'string' ? annotation.value?.trim().toLowerCase() : undefined,
  };
}

/**
 * The desktop flow an `External.RunFlow` statement runs, if the solution has it: by the `FlowId`
 * literal (the workflow id), else by the `@@flowname` annotation before it (the designer writes both;
 * a template's placeholder id such as `{ReplaceWithFlowId}` matches no id).
 */
function resolveRunFlow(target: RunFlowTarget, solution: Solution): DesktopFlow | undefined {
  const byId = target.id ? solution.desktopFlows.find(d => d.id === target.id) : undefined;
  return byId ?? (target.name ? solution.desktopFlows.find(d => d.name.trim().toLowerCase() === target.name) : undefined);
}

// Per script (a Script never changes); resolved against the solution on each call, which may have changed.
const runFlowTargets = new WeakMap<Script, RunFlowTarget[]>();

/** The desktop flows a desktop flow runs directly (enabled `External.RunFlow` statements), in order, each once. */
export function desktopCallees(desktop: DesktopFlow, solution: Solution): DesktopFlow[] {
  const script = desktop.script;
  if (!script) return [];
  let targets = runFlowTargets.get(script);
  if (!targets) {
    const found: RunFlowTarget[] = [];
    walkStatements(script.ast, (stmt, ctx) => {
      const target = stmt.kind === 'action' && !ctx.disabled ? runFlowTarget(stmt) : undefined;
      if (target) found.push(target);
    });
    runFlowTargets.set(script, targets = found);
  }
  const callees: DesktopFlow[] = [];
  for (const target of targets) {
    const callee = resolveRunFlow(target, solution);
    if (callee && !callees.includes(callee)) callees.push(callee);
  }
  return callees;
}

export interface FlowTree {
  /** The flow the tree is rooted at (unset for a standalone script). */
  root?: CloudFlow | DesktopFlow;
  cloudFlows: CloudFlow[];
  desktopFlows: DesktopFlow[];
  uses: DlpUse[];
}

/** Adds the desktop flows that `start` runs, transitively, to `into` (each once: a cycle ends). */
function addDesktopTree(start: DesktopFlow, solution: Solution, into: DesktopFlow[]): void {
  const pending = [start];
  while (pending.length) {
    const desktop = pending.shift()!;
    if (into.includes(desktop)) continue;
    into.push(desktop);
    pending.push(...desktopCallees(desktop, solution));
  }
}

function treeUses(cloudFlows: CloudFlow[], desktopFlows: DesktopFlow[]): DlpUse[] {
  return [...cloudFlows.flatMap(cloudUses), ...desktopFlows.flatMap(d => (d.script ? desktopUses(d.script, d.name) : []))];
}

/** The flow tree rooted at a cloud flow, and everything it uses. */
export function flowTree(root: CloudFlow, solution: Solution): FlowTree {
  const cloudFlows: CloudFlow[] = [];
  const desktopFlows: DesktopFlow[] = [];
  const pending = [root];
  while (pending.length) {
    const flow = pending.shift()!;
    if (cloudFlows.includes(flow)) continue;
    cloudFlows.push(flow);
    for (const action of flow.actions) {
      const child = childFlowOf(action, solution);
      if (child) pending.push(child);
      const desktop = runsDesktopFlow(action, flow) ? desktopFlowOf(action, solution) : undefined;
      if (desktop) addDesktopTree(desktop, solution, desktopFlows);
    }
  }
  return { root, cloudFlows, desktopFlows, uses: treeUses(cloudFlows, desktopFlows) };
}

/** The flow tree rooted at a desktop flow: it and the desktop flows it runs, transitively. */
export function desktopFlowTree(root: DesktopFlow, solution: Solution): FlowTree {
  const desktopFlows: DesktopFlow[] = [];
  addDesktopTree(root, solution, desktopFlows);
  return { root, cloudFlows: [], desktopFlows, uses: treeUses([], desktopFlows) };
}

/** Whether a use belongs to one of the tree's flows. */
export function treeHolds(tree: FlowTree, use: DlpUse): boolean {
  return use.flow ? tree.cloudFlows.includes(use.flow) : tree.desktopFlows.some(d => !!d.script && d.script === use.script);
}

/** The trees rooted at the tree's other members (child cloud flows, desktop flows): each reports its own mixing. */
export function subTrees(tree: FlowTree, solution: Solution): FlowTree[] {
  return [
    ...tree.cloudFlows.filter(f => f !== tree.root).map(f => flowTree(f, solution)),
    ...tree.desktopFlows.filter(d => d !== tree.root).map(d => desktopFlowTree(d, solution)),
  ];
}

/** The flow a use belongs to. */
export function unitOf(use: DlpUse, solution: Solution): CloudFlow | DesktopFlow | undefined {
  return use.flow ?? solution.desktopFlows.find(d => !!d.script && d.script === use.script);
}

/** The flow tree rooted at a cloud or desktop flow of the solution. */
export function treeOf(root: CloudFlow | DesktopFlow, solution: Solution): FlowTree {
  return solution.cloudFlows.includes(root as CloudFlow) ? flowTree(root as CloudFlow, solution) : desktopFlowTree(root as DesktopFlow, solution);
}

/** Every flow of the solution whose tree holds `unit`: the flows that run it, directly or not, and itself. */
export function flowsRunning(unit: CloudFlow | DesktopFlow, solution: Solution): Array<CloudFlow | DesktopFlow> {
  const callers = new Map<object, Array<CloudFlow | DesktopFlow>>();
  const link = (callee: object, caller: CloudFlow | DesktopFlow) => {
    const list = callers.get(callee) ?? [];
    if (!list.includes(caller)) list.push(caller);
    callers.set(callee, list);
  };
  for (const flow of solution.cloudFlows) {
    for (const action of flow.actions) {
      const child = childFlowOf(action, solution);
      if (child) link(child, flow);
      const desktop = runsDesktopFlow(action, flow) ? desktopFlowOf(action, solution) : undefined;
      if (desktop) link(desktop, flow);
    }
  }
  for (const desktop of solution.desktopFlows) for (const callee of desktopCallees(desktop, solution)) link(callee, desktop);
  const found: Array<CloudFlow | DesktopFlow> = [];
  const pending = [unit];
  while (pending.length) {
    const flow = pending.shift()!;
    if (found.includes(flow)) continue;
    found.push(flow);
    pending.push(...(callers.get(flow) ?? []));
  }
  return found;
}
