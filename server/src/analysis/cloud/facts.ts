// The facts of one cloud flow, computed once per flow: its string values, its secret places, the data
// flow from those places back to literals, parameters and actions, and which actions need secure
// inputs/outputs. Rule-agnostic and independent of configuration: the rules judge these facts
// (allow-lists, options); the fix engine reads them too.
import type { JsonNode } from '../../load/json';
import type { CloudFlow, DesktopFlow, FlowAction, Solution } from '../../model/types';
import { desktopFlowOf, runsDesktopFlow } from './actions';
import { SecretFlow, SecretSinkUse, SecureNeed, traceSecrets } from './data-flow';
import { collectLeaves, LeafPaths, StringLeaf } from './leaves';
import { collectSecretPlaces, SecretPlace } from './secret-places';
import { indexAssignments } from './variables';

export interface FlowFacts {
  /** Every string value under the triggers' and actions' inputs, in document order. */
  leaves: StringLeaf[];
  leavesByAction: ReadonlyMap<FlowAction, StringLeaf[]>;
  /** Every place that carries a secret, whatever fills it (literal or reference). */
  secretPlaces: SecretPlace[];
  /** Literals that reach a secret place through a variable or a Compose action. */
  secretFlows: SecretFlow[];
  /** Actions that read or send a secret without secure inputs/outputs covering it. */
  secure: SecureNeed[];
  /** Workflow parameters (`parameters('…')`) whose value reaches a secret place, with the first place. */
  secretParameters: ReadonlyMap<string, SecretSinkUse>;
}

/**
 * Keyed by the desktop flows they were computed against: a flow's facts read the solution only for those
 * (desktopFlowOf). A new list of desktop flows (one was edited) keeps the facts of a flow that runs the same ones.
 */
const memo = new WeakMap<CloudFlow, { desktopFlows: readonly DesktopFlow[] | undefined; count: number; runs: Array<DesktopFlow | undefined>; facts: FlowFacts }>();

/** The facts of a flow; the solution tells which desktop flows a RunUIFlow action runs. */
export function flowFacts(flow: CloudFlow, solution: Solution | undefined): FlowFacts {
  const desktopFlows = solution?.desktopFlows;
  const count = desktopFlows?.length ?? 0;
  const cached = memo.get(flow);
  if (cached && cached.desktopFlows === desktopFlows && cached.count === count) return cached.facts;
  // Only the desktop flows that RunUIFlow actions run enter the facts (sensitive inputs and outputs): other
  // actions are not looked up (their inputs would be searched for a uiFlowId that nothing reads).
  const runs = [...flow.triggers, ...flow.actions].map(a => (runsDesktopFlow(a, flow) ? desktopFlowOf(a, solution) : undefined));
  if (cached && cached.runs.length === runs.length && cached.runs.every((d, i) => d === runs[i])) {
    memo.set(flow, { ...cached, desktopFlows, count });
    return cached.facts;
  }
  const facts = computeFacts(flow, solution);
  memo.set(flow, { desktopFlows, count, runs, facts });
  return facts;
}

function computeFacts(flow: CloudFlow, solution: Solution | undefined): FlowFacts {
  const leaves: StringLeaf[] = [];
  const leavesByAction = new Map<FlowAction, StringLeaf[]>();
  const actionsByName = new Map<string, FlowAction>();
  const paths = new LeafPaths();
  const collect = (a: FlowAction) => {
    actionsByName.set(a.name, a);
    const own = collectLeaves(a, paths);
    leavesByAction.set(a, own);
    for (let k = 0; k < own.length; k++) leaves.push(own[k]);
  };
  for (let k = 0; k < flow.triggers.length; k++) collect(flow.triggers[k]);
  for (let k = 0; k < flow.actions.length; k++) collect(flow.actions[k]);
  const actionByRef = (name: string) => actionsByName.get(name) ?? actionsByName.get(name.replace(/ /g, '_'));
  const places: SecretPlace[] = [];
  for (let k = 0; k < leaves.length; k++) collectSecretPlaces(leaves[k], flow, solution, places);
  const assignments = indexAssignments(flow, leavesByAction);
  const traced = traceSecrets({ flow, solution, leavesByAction, assignments, actionByRef }, places);
  return { leaves, leavesByAction, secretPlaces: places, ...traced };
}

/** The string value a node is, with its facts, if it is one under an action's inputs. */
export function leafOf(facts: FlowFacts, action: FlowAction, node: JsonNode): StringLeaf | undefined {
  return facts.leavesByAction.get(action)?.find(l => l.node === node);
}
