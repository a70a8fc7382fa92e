// A secret arriving as an @INPUT of a desktop flow. Microsoft's guidance: retrieve secrets inside the
// flow with the Get credential action (Azure Key Vault, CyberArk) instead of passing them as input
// variables; an input's default value is stored in plain text in the flow definition.
import { defineRule } from '../rule';
import { analyzeScript, describeWitness } from './analysis';

export default defineRule({
  meta: {
    id: 'pad/secret-input-variable',
    category: 'credential',
    defaultSeverity: 'error',
    description: 'A secret arriving as a desktop-flow input variable (use the Get credential action instead), or a secret input with a literal default value.',
    securitySeverity: 7.0,
    fixable: true,
  },
  fixes: ['get-credential'],
  check: {
    script(ctx, unit) {
      const a = analyzeScript(unit);
      for (const [, si] of a.secretInputs) {
        const d = si.decl;
        const why = si.why === 'name' ? 'its name says it is a credential'
          : si.why === 'sensitive-name' ? 'it is marked sensitive and named like a credential'
            : `it is used as ${describeWitness(si.witness!)}`;
        ctx.report({
          message: `Input ${d.name} brings a secret into the flow (${why}); retrieve the secret inside the flow with the Get credential action (Azure Key Vault, CyberArk) instead of passing it as an input variable.`,
          scriptSpan: d.nameSpan,
          element: { kind: 'input', name: d.name },
          data: { variable: d.name, why: si.why, ...(si.witness ? { argument: si.witness.argument, action: si.witness.action } : {}) },
        });
        const dv = d.defaultValue;
        if (dv && si.literalDefault) {
          ctx.report({
            message: `Input ${d.name} is a secret with a literal default value, which is stored in plain text in the flow definition; remove the default value.`,
            scriptSpan: dv.span,
            element: { kind: 'input', name: d.name },
            data: { variable: d.name, literal: 'whole', defaultValue: true },
          });
        }
      }
    },
  },
});
