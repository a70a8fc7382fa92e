// cloud/environment-specific-value: a literal that differs per environment (SharePoint site and list,
// Dataverse org, environment id, Teams team and channel, absolute path, tenant URL) and is not read from
// an environment variable. Detection lives in analysis.ts; secrets and machines win over this rule.
import { defineRule } from '../rule';
import { actionLabel, analyzeFlow, shortened, valueData } from './analysis';

export default defineRule({
  meta: {
    id: 'cloud/environment-specific-value',
    category: 'environment-specific',
    defaultSeverity: 'warning',
    description: 'A literal in a cloud flow that differs per environment (SharePoint site or list, Dataverse org, environment id, Teams team or channel, absolute path, tenant or environment-named URL) instead of an environment variable.',
    fixable: true,
    options: {
      reportPublicHosts: {
        type: 'boolean',
        description: 'Also report addresses on ordinary public hosts (a vendor API, your own application) that name no tenant and no environment: a URI or endpoint value that starts with the URL, not a link inside a text. Global services (Microsoft Graph, sign-in, Translator, GitHub) are never reported. On by default: a vendor\'s production endpoint or your own application\'s host differs between Dev, Test and Prod; set false when such hosts are shared by every environment.',
        default: true,
      },
    },
  },
  fixes: ['environment-variable'],
  check: {
    cloudFlow(ctx, flow, solution) {
      const analysis = analyzeFlow(flow, solution, ctx.settings);
      const publicHosts = ctx.options.reportPublicHosts !== false;
      for (const v of analysis.values) {
        if (v.rule !== 'env' || (v.publicHost && !publicHosts)) continue;
        ctx.report({
          message: `${actionLabel(v)} hard-codes the ${v.what} "${shortened(v.display ?? '')}" in ${v.where}${v.expression ? ' (inside an expression)' : ''}. It differs between Dev, Test and Prod: read it from an environment variable (@parameters('…')) that each environment's deployment settings fill.`,
          loc: { file: flow.file, span: v.span },
          action: v.action,
          data: { ...valueData(v), ...(v.host ? { host: v.host } : {}) },
        });
      }
    },
  },
});

