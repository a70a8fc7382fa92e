// dlp/blocked-endpoint: a literal endpoint that a data policy's ordered endpoint-filtering rules deny:
// the URL a desktop flow's browser automation or HTTP action calls, the URL of a cloud HTTP or HTTP
// Webhook action, the `server,database` of a SQL Server action, the account of an Azure Blob action
// (analysis/dlp/endpoints.ts).
// The first rule (by `order`) whose pattern matches decides; no rules or no match: allowed.
import { cloudEndpoints, desktopEndpoints, LiteralEndpoint } from '../../analysis/dlp/endpoints';
import { endpointVerdict } from '../../analysis/dlp/evaluate';
import type { DataPolicy } from '../../model/dlp';
import { defineRule, Report } from '../rule';
import { policiesForScript, policiesInContext, policyLabel } from './policies';

function deniedReports(endpoints: LiteralEndpoint[], policies: DataPolicy[]): Report[] {
  const reports: Report[] = [];
  for (const policy of policies) {
    for (const e of endpoints) {
      const verdict = endpointVerdict(policy, { id: e.connectorId, aliases: e.aliases }, e.endpoint);
      if (verdict.behavior !== 'Deny') continue;
      reports.push({
        message: `${e.where} connects to an endpoint that the endpoint filtering of ${policyLabel(policy)} denies (rule "${verdict.pattern}"): the call is refused at run time`,
        element: { kind: 'action', name: e.where },
        ...(e.scriptSpan ? { scriptSpan: e.scriptSpan } : { loc: e.loc, action: e.action }),
      });
    }
  }
  return reports;
}

export default defineRule({
  meta: {
    id: 'dlp/blocked-endpoint',
    category: 'alm',
    defaultSeverity: 'error',
    description: 'A literal URL or SQL server that the ordered endpoint-filtering rules of an applicable data policy (DLP) deny.',
    fixable: false,
  },
  check: {
    script(ctx, unit) {
      const policies = policiesForScript(ctx, unit);
      if (!policies.length) return;
      for (const r of deniedReports(desktopEndpoints(unit.script), policies)) ctx.report(r);
    },
    cloudFlow(ctx, flow, solution) {
      const policies = policiesInContext(ctx, solution);
      if (!policies.length) return;
      for (const r of deniedReports(cloudEndpoints(flow), policies)) ctx.report(r);
    },
  },
});
