// dlp/mixed-groups: Business and Non-business both used in one flow tree (a cloud flow, its child
// flows and the desktop flows it runs) or in one desktop flow. A data policy forbids combining groups
// "in a desktop flow or between a cloud flow and the desktop flows it uses"; the platform suspends the
// parent. Blocked uses are dlp/blocked-connector's. Where it reports: once per Non-business group, at
// its first use in the tree, naming the first Business use (which side to move is the maker's choice).
// A desktop flow that mixes on its own is reported by its script check, not again by each cloud flow
// that runs it.
import { classify } from '../../analysis/dlp/evaluate';
import { desktopUses, DlpUse, flowTree } from '../../analysis/dlp/uses';
import type { DataPolicy } from '../../model/dlp';
import { defineRule, Report } from '../rule';
import { policiesForScript, policiesInContext, policyLabel, reportPlace, useLabel } from './policies';

/** The first Business use and the first use of each Non-business group, when both sides are present. */
function mixing(policy: DataPolicy, uses: DlpUse[]): { business: DlpUse; nonBusiness: DlpUse[] } | undefined {
  const business = uses.find(u => classify(policy, u.id) === 'Business');
  if (!business) return undefined;
  const firstOfGroup = new Map<string, DlpUse>();
  for (const u of uses) if (classify(policy, u.id) === 'NonBusiness' && !firstOfGroup.has(u.id)) firstOfGroup.set(u.id, u);
  return firstOfGroup.size ? { business, nonBusiness: [...firstOfGroup.values()] } : undefined;
}

function mixedReport(policy: DataPolicy, use: DlpUse, business: DlpUse, scope: string): Omit<Report, 'loc' | 'scriptSpan'> {
  return {
    message: `${useLabel(use)} uses ${use.label} (Non-business) while ${useLabel(business)} uses ${business.label} (Business) ${scope}: ${policyLabel(policy)} forbids mixing the groups, so the platform suspends the flow`,
    element: { kind: 'action', name: use.where },
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
      const uses = desktopUses(unit.script, unit.name);
      for (const policy of policies) {
        const mixed = mixing(policy, uses);
        for (const use of mixed?.nonBusiness ?? []) ctx.report({ ...mixedReport(policy, use, mixed!.business, 'in the same desktop flow'), ...reportPlace(use, unit.script) });
      }
    },
    cloudFlow(ctx, flow, solution) {
      const policies = policiesInContext(ctx, solution);
      if (!policies.length) return;
      const tree = flowTree(flow, solution);
      for (const policy of policies) {
        // Desktop flows that mix on their own are reported once, by the script check.
        const selfMixed = new Set(tree.desktopFlows.filter(d => d.script && mixing(policy, desktopUses(d.script, d.name))).map(d => d.script));
        const uses = tree.uses.filter(u => !u.script || !selfMixed.has(u.script));
        const mixed = mixing(policy, uses);
        for (const use of mixed?.nonBusiness ?? []) ctx.report({ ...mixedReport(policy, use, mixed!.business, `in the flow tree of cloud flow "${flow.name}"`), ...reportPlace(use) });
      }
    },
  },
});
