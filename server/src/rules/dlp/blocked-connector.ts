// dlp/blocked-connector: a desktop-flow action whose module group, or a cloud action whose connector, a
// data policy classifies as Blocked (listed in the Blocked group, or unlisted under a Blocked default).
// The platform suspends such a flow (FlowSuspensionReason=CompanyDlpViolation) within 24 hours of the
// policy change, and the parent of any flow tree it is in. Reported per unit (each desktop flow's
// script, each cloud flow's own actions), so a flow run by several parents is reported once.
import { classify, isListed } from '../../analysis/dlp/evaluate';
import type { DlpUse } from '../../analysis/dlp/uses';
import type { DataPolicy } from '../../model/dlp';
import { defineRule, Report } from '../rule';
import { policyLabel, useChecks, useLabel } from './policies';

function blockedReports(uses: DlpUse[], policies: DataPolicy[], place: (u: DlpUse) => Partial<Report>): Report[] {
  const reports: Report[] = [];
  for (const policy of policies) {
    for (const use of uses) {
      if (classify(policy, use) !== 'Blocked') continue;
      const listed = isListed(policy, use) ? 'in its Blocked group' : 'by its default classification (not listed in any group)';
      reports.push({
        message: `${useLabel(use)} uses ${use.label}, which ${policyLabel(policy)} classifies as Blocked ${listed}: the platform suspends the flow and every flow that runs it`,
        element: { kind: 'action', name: use.where },
        ...place(use),
      });
    }
  }
  return reports;
}

export default defineRule({
  meta: {
    id: 'dlp/blocked-connector',
    category: 'alm',
    defaultSeverity: 'error',
    description: 'A desktop-flow module group or a cloud connector that an applicable data policy (DLP) classifies as Blocked.',
    fixable: false,
  },
  check: useChecks(blockedReports),
});
