// cloud/plaintext-secret: a secret written literally in a cloud flow. The places that carry a secret,
// the literal/reference split and the variable data flow live in analysis.ts (shared with the other
// cloud value rules, so a literal is reported once: credential before machine before environment).
import { defineRule } from '../rule';
import { actionLabel, analyzeFlow, valueData } from './analysis';

export default defineRule({
  meta: {
    id: 'cloud/plaintext-secret',
    category: 'credential',
    defaultSeverity: 'error',
    description: 'A secret written literally in a cloud flow: HTTP credentials, authorization or key headers, keys in URIs, connection-string passwords, secret connector parameters, sensitive desktop-flow inputs, and literals that reach them through variables.',
    securitySeverity: 9.0,
    fixable: true,
  },
  fixes: ['secret-environment-variable'],
  check: {
    cloudFlow(ctx, flow, solution) {
      const analysis = analyzeFlow(flow, solution, ctx.settings);
      for (const v of analysis.values) {
        if (v.rule !== 'secret') continue;
        const advice = 'Anyone who can open the flow, export the solution or read source control can read it. Keep it in a Secret environment variable (Azure Key Vault) or read it from Key Vault at run time, with secure inputs and outputs.';
        const message = v.via
          ? v.via.kind === 'variable'
            ? `Variable "${v.via.name}" is given a literal ${v.what} in ${v.action.trigger ? 'trigger' : 'action'} "${v.action.name}", and it reaches ${v.via.sinkWhere} of action "${v.via.sinkAction}". ${advice}`
            : `Compose action "${v.via.name}" holds a literal ${v.what} that reaches ${v.via.sinkWhere} of action "${v.via.sinkAction}". ${advice}`
          : `${actionLabel(v)} has a literal ${v.what} in ${v.where}${v.expression ? ' (inside an expression)' : ''}. ${advice}`;
        ctx.report({
          message,
          loc: { file: flow.file, span: v.span },
          action: v.action,
          data: { ...valueData(v), secret: v.what, ...(v.via ? { via: v.via } : {}) },
        });
      }
    },
  },
});
