// dlp/blocked-action: a connector operation that a data policy's action rules block (connector action
// control: a Block rule for the operation id, or a Block default and no Allow rule for it). Cloud
// actions are matched on `inputs.host.operationId`. Desktop-flow actions are matched on the Robin action
// name (`RunPowershellScript`) under their `DesktopFlow.*` group: that desktop action ids equal these
// names is not publicly documented (governance.md §2.2), so those findings say so.
import { actionBlocked, classify } from '../../analysis/dlp/evaluate';
import type { DlpUse } from '../../analysis/dlp/uses';
import type { DataPolicy } from '../../model/dlp';
import { defineRule, Report } from '../rule';
import { policyLabel, useChecks, useLabel } from './policies';

function blockedActionReports(uses: DlpUse[], policies: DataPolicy[], place: (u: DlpUse) => Partial<Report>): Report[] {
  const reports: Report[] = [];
  for (const policy of policies) {
    for (const use of uses) {
      // A Blocked group is dlp/blocked-connector's finding: the whole connector is refused.
      if (classify(policy, use) === 'Blocked' || !actionBlocked(policy, use)) continue;
      const caveat = use.statement ? ' (desktop action ids in policies are matched on the action name: verify with your export)' : '';
      reports.push({
        message: `${useLabel(use)} runs operation "${use.operationId}" of ${use.label}, which the action rules of ${policyLabel(policy)} block: the platform suspends the flow${caveat}`,
        element: { kind: 'action', name: use.where },
        ...place(use),
      });
    }
  }
  return reports;
}

export default defineRule({
  meta: {
    id: 'dlp/blocked-action',
    category: 'alm',
    defaultSeverity: 'error',
    description: 'A connector or desktop-module action that the action rules of an applicable data policy (DLP) block.',
    fixable: false,
  },
  check: useChecks(blockedActionReports),
});
