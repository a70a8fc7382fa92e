// A secret arriving as an @INPUT of a desktop flow. Microsoft's guidance: retrieve secrets inside the
// flow with the Get credential action (Azure Key Vault, CyberArk) instead of passing them as input
// variables; an input's default value is stored in plain text in the flow definition.
import { scriptFacts } from '../../analysis/pad/facts';
import { describeWitness } from '../../analysis/pad/wording';
import { defineRule } from '../rule';

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
      for (const [, si] of scriptFacts(unit).secretInputs) {
        const d = si.decl;
        const why = si.why === 'name' ? 'its name says it is a credential'
          : si.why === 'sensitive-name' ? 'it is marked sensitive and named like a credential'
            : `it is used as ${describeWitness(si.witness!)}`;
        ctx.report({
          message: `Input ${d.name} brings a secret into the flow (${why}); retrieve the secret inside the flow with the Get credential action (Azure Key Vault, CyberArk) instead of passing it as an input variable.`,
          scriptSpan: d.nameSpan,
          element: { kind: 'input', name: d.name },
          data: { variable: d.name, secretInput: true, why: si.why, ...(si.witness ? { argument: si.witness.argument, action: si.witness.action } : {}) },
        });
        const dv = d.defaultValue;
        if (dv && si.literalDefault) {
          // A text default is the secret whole and claims its text; in an object, list or table default
          // the secret is one part, and the other parts (a server, a folder) are still reported by their rules.
          ctx.report({
            message: `Input ${d.name} is a secret with a literal default value, which is stored in plain text in the flow definition; remove the default value.`,
            scriptSpan: dv.span,
            element: { kind: 'input', name: d.name },
            data: { variable: d.name, secretInput: true, literal: 'whole', defaultValue: true },
            ...(dv.kind === 'string' ? { claim: {} } : {}),
          });
        }
      }
    },
  },
});
