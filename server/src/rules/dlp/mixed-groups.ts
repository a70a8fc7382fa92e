// dlp/mixed-groups: Business and Non-business both used in one flow tree: a cloud flow, its child flows
// and the desktop flows it runs (and those run), or a desktop flow and the desktop flows it runs. A data
// policy forbids combining groups "in a desktop flow or between a cloud flow and the desktop flows it
// uses"; the platform suspends the parent. Blocked uses are dlp/blocked-connector's. Where it reports:
// once per Non-business group, at its first use in the tree, naming the first Business use (which side
// to move is the maker's choice).
// One report per mixing: a tree leaves a group to the smallest tree that already mixes it — a child
// cloud flow or desktop flow that mixes on its own is reported by its own check, not again by each
// caller (the maker fixes it there, and that fixes every caller). A use that mixes only with its
// callers, in several callers' trees, is reported once, for the caller with the smallest id, naming
// the other trees. In a cycle of flows the flow with the smallest id reports. The finding belongs to
// the flow that holds the use (a desktop flow's script line, whichever tree mixes), so it shows, and
// is suppressed, where the action is.
import { classify } from '../../analysis/dlp/evaluate';
import { desktopFlowTree, desktopUses, DlpUse, flowsRunning, flowTree, FlowTree, subTrees, treeHolds, treeOf, unitOf } from '../../analysis/dlp/uses';
import type { DataPolicy } from '../../model/dlp';
import type { CloudFlow, DesktopFlow, Solution } from '../../model/types';
import { defineRule, Report } from '../rule';
import { policiesForScript, policiesInContext, policyLabel, reportPlace, useLabel } from './policies';

interface Mixing { business: DlpUse; nonBusiness: DlpUse[] }

/** The first Business use and the first use of each Non-business group, when both sides are present. */
function mixing(policy: DataPolicy, uses: DlpUse[]): Mixing | undefined {
  const business = uses.find(u => classify(policy, u) === 'Business');
  if (!business) return undefined;
  const firstOfGroup = new Map<string, DlpUse>();
  for (const u of uses) if (classify(policy, u) === 'NonBusiness' && !firstOfGroup.has(u.id)) firstOfGroup.set(u.id, u);
  return firstOfGroup.size ? { business, nonBusiness: [...firstOfGroup.values()] } : undefined;
}

const rootKey = (tree: FlowTree) => tree.root?.id ?? '';
const holdsRoot = (tree: FlowTree, root: FlowTree['root']) => !!root && ((tree.cloudFlows as object[]).includes(root) || (tree.desktopFlows as object[]).includes(root));

/** Whether a smaller tree inside `tree` (a child flow's or a desktop flow's own) already reports `use`'s group. */
function reportedInside(inside: ReadonlyArray<{ sub: FlowTree; mixed: Mixing | undefined }>, tree: FlowTree, use: DlpUse): boolean {
  return inside.some(({ sub, mixed }) => {
    if (!mixed || !treeHolds(sub, use)) return false;
    // A cycle: both trees hold each other, so they are the same tree; the smaller id reports it.
    if (holdsRoot(sub, tree.root) && rootKey(sub) > rootKey(tree)) return false;
    return mixed.nonBusiness.some(u => u.id === use.id);
  });
}

/** The Non-business uses a tree reports for a policy: its own mixing, less the groups a smaller tree inside it reports. */
function ownReports(policy: DataPolicy, tree: FlowTree, solution: Solution | undefined): { business: DlpUse; uses: DlpUse[] } | undefined {
  const mixed = mixing(policy, tree.uses);
  if (!mixed) return undefined;
  const inside = solution ? subTrees(tree, solution).map(sub => ({ sub, mixed: mixing(policy, sub.uses) })) : [];
  return { business: mixed.business, uses: mixed.nonBusiness.filter(use => !reportedInside(inside, tree, use)) };
}

/** `in the flow tree of cloud flow "Sync"` / `in the same desktop flow`. */
function scopeOf(tree: FlowTree, solution: Solution | undefined): string {
  const root = tree.root;
  if (!root) return 'in the same desktop flow';
  if (solution?.cloudFlows.includes(root as CloudFlow)) return `in the flow tree of cloud flow "${root.name}"`;
  return tree.desktopFlows.length > 1 ? `in the flow tree of desktop flow "${root.name}"` : 'in the same desktop flow';
}

interface Mixed { use: DlpUse; business: DlpUse; tree: FlowTree; others: FlowTree[] }

/**
 * The mixings to report at the uses of one flow: each tree that holds the flow (its own and those of the
 * flows that run it) reports the Non-business groups it mixes and no smaller tree inside it already
 * mixes; a use several callers' trees report is reported once, for the tree with the smallest id,
 * naming the others. The finding always sits in the flow that holds the use (its script line, its action).
 */
function mixedAt(policy: DataPolicy, unit: CloudFlow | DesktopFlow | undefined, ownTree: FlowTree, solution: Solution | undefined): Mixed[] {
  const trees = unit && solution ? flowsRunning(unit, solution).map(flow => (flow === unit ? ownTree : treeOf(flow, solution))) : [ownTree];
  const byUse = new Map<DlpUse, Mixed>();
  for (const tree of trees.sort((a, b) => (rootKey(a) < rootKey(b) ? -1 : rootKey(a) > rootKey(b) ? 1 : 0))) {
    const own = ownReports(policy, tree, solution);
    for (const use of own?.uses ?? []) {
      if (unit && solution && unitOf(use, solution) !== unit) continue;
      const seen = byUse.get(use);
      if (seen) seen.others.push(tree);
      else byUse.set(use, { use, business: own!.business, tree, others: [] });
    }
  }
  return [...byUse.values()];
}

function mixedReport(policy: DataPolicy, m: Mixed, solution: Solution | undefined): Omit<Report, 'loc' | 'scriptSpan'> {
  const also = m.others.length ? ` (and in the flow tree${m.others.length > 1 ? 's' : ''} of ${m.others.map(t => `"${t.root!.name}"`).join(', ')})` : '';
  return {
    message: `${useLabel(m.use)} uses ${m.use.label} (Non-business) while ${useLabel(m.business)} uses ${m.business.label} (Business) ${scopeOf(m.tree, solution)}${also}: ${policyLabel(policy)} forbids mixing the groups, so the platform suspends the flow`,
    element: { kind: 'action', name: m.use.where },
  };
}

export default defineRule({
  meta: {
    id: 'dlp/mixed-groups',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'Business and Non-business connectors or desktop-flow modules of an applicable data policy (DLP) used together in one flow tree or desktop flow.',
    fixable: false,
  },
  check: {
    script(ctx, unit) {
      const policies = policiesForScript(ctx, unit);
      if (!policies.length) return;
      const { desktopFlow, solution } = unit;
      const tree: FlowTree = desktopFlow && solution ? desktopFlowTree(desktopFlow, solution) : { cloudFlows: [], desktopFlows: [], uses: desktopUses(unit.script, unit.name) };
      for (const policy of policies) {
        for (const m of mixedAt(policy, solution ? desktopFlow : undefined, tree, solution)) ctx.report({ ...mixedReport(policy, m, solution), ...reportPlace(m.use, unit.script) });
      }
    },
    cloudFlow(ctx, flow, solution) {
      const policies = policiesInContext(ctx, solution);
      if (!policies.length) return;
      const tree = flowTree(flow, solution);
      for (const policy of policies) {
        for (const m of mixedAt(policy, flow, tree, solution)) ctx.report({ ...mixedReport(policy, m, solution), ...reportPlace(m.use) });
      }
    },
  },
});
