// cloud/unsecured-secret: an action that reads or sends a secret without secure inputs/outputs, so the
// secret shows in plain text in the run history. Readers: Key Vault GetSecret(Version), Dataverse
// RetrieveEnvironmentVariableSecretValue, token requests, desktop flows with sensitive outputs, and any
// action whose outputs reach a secret place (directly, or through variables and Compose). Senders: HTTP
// actions with credentials, key headers or keys in the URI, connector actions with secret parameters,
// RunUIFlow_V2 with sensitive inputs. Receivers: request triggers whose schema declares a secret-named
// property, and the actions that take that secret as input. Which actions need what is a fact of the flow (analysis/cloud/data-flow.ts).
import { actionLabel } from '../../analysis/cloud/actions';
import { flowFacts } from '../../analysis/cloud/facts';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'cloud/unsecured-secret',
    category: 'credential',
    defaultSeverity: 'error',
    description: 'A cloud-flow action that reads or sends a secret without secure inputs/outputs, so the run history shows it in plain text.',
    securitySeverity: 6.5,
    fixable: true,
  },
  fixes: ['secure-data'],
  check: {
    cloudFlow(ctx, flow, solution) {
      for (const need of flowFacts(flow, solution).secure) {
        const a = need.action;
        const reasons = [need.outputsReason, need.inputsReason].filter(Boolean).join(', and ');
        const what = need.missing.map(m => `secure ${m}`).join(' and ');
        ctx.report({
          message: `${actionLabel(a)} handles a secret (${reasons}) but does not have ${what}: anyone who can open the flow's run history reads the secret in plain text. Turn on ${need.missing.map(m => `Secure ${m === 'inputs' ? 'Inputs' : 'Outputs'}`).join(' and ')} in the action's settings (runtimeConfiguration.secureData).`,
          loc: { file: a.loc.file, span: withoutQuotes(a.loc.file.text, a.loc.span) },
          action: a,
          data: {
            action: a.name,
            missing: need.missing,
            ...(need.inputsReason ? { inputsReason: need.inputsReason } : {}),
            ...(need.outputsReason ? { outputsReason: need.outputsReason } : {}),
          },
        });
      }
    },
  },
});

/** The action's key without its quotes. */
function withoutQuotes(text: string, span: { start: number; end: number }): { start: number; end: number } {
  return text[span.start] === '"' && text[span.end - 1] === '"' && span.end - span.start >= 2 ? { start: span.start + 1, end: span.end - 1 } : span;
}
