// cloud/hardcoded-machine: a machine or host written literally in action inputs (UNC shares, internal
// and IP hosts, SQL/file/gateway server parameters, connection-string servers, machine and machine-group
// ids, ids of machine-group rows). Detection lives in analysis.ts; text that is a secret is left to
// cloud/plaintext-secret (the server of a connection string whose password is a secret is still reported).
import { defineRule } from '../rule';
import { actionLabel, analyzeFlow, shortened, valueData } from './analysis';

export default defineRule({
  meta: {
    id: 'cloud/hardcoded-machine',
    category: 'machine',
    defaultSeverity: 'warning',
    description: 'A machine or host written literally in cloud-flow action inputs: UNC paths, internal or IP hosts in URIs, SQL and other server parameters, connection-string servers, machine and machine-group ids.',
    fixable: true,
  },
  fixes: ['environment-variable'],
  check: {
    cloudFlow(ctx, flow, solution) {
      const analysis = analyzeFlow(flow, solution, ctx.settings);
      for (const v of analysis.values) {
        if (v.rule !== 'machine') continue;
        ctx.report({
          message: `${actionLabel(v)} hard-codes the ${v.what} "${shortened(v.display ?? v.host ?? '')}" in ${v.where}${v.expression ? ' (inside an expression)' : ''}. Dev, Test and Prod use different machines: read it from an environment variable that each environment's deployment settings fill.`,
          loc: { file: flow.file, span: v.span },
          action: v.action,
          data: { ...valueData(v), host: v.host },
        });
      }
    },
  },
});
