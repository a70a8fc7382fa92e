// solution/secret-env-var-as-text: an environment variable that holds or feeds a secret but is not of the
// Secret type. Signals: its schema or display name (ClientSecret, Password, ApiKey, Token… but not
// SecretName, KeyVaultUrl, ClientId, TokenEndpoint), its description, a default/current/deployment-settings
// value shaped like a secret (connection string with a password, JWT, SAS signature, known key formats),
// or a flow passing `@parameters('… (schema)')` to a secret place (HTTP authentication, key header,
// sensitive desktop-flow input…). Only String, JSON and untyped variables are checked for that.
// A Secret variable is a secret as text when a deployment settings file gives it a plain value instead of
// an Azure Key Vault secret reference: reported at that value (analysis/settings/secret-reference.ts says
// what is plain; placeholders and malformed references are settings/import-failure's). Values never appear in messages.
import type { Solution } from '../../model/types';
import { defineRule, RuleContext } from '../rule';
import { secretTextVariables } from '../../analysis/solution/secret-variables';
import { secretValueShape } from '../../analysis/settings/secret-reference';
import { settingsIndex } from '../../analysis/settings/lookup';

export default defineRule({
  meta: {
    id: 'solution/secret-env-var-as-text',
    category: 'credential',
    defaultSeverity: 'error',
    description: 'An environment variable that holds or feeds a secret (by its name, description, value or use in a flow) but is not of the Secret type.',
    securitySeverity: 7.0,
    fixable: false,
  },
  check: {
    solution(ctx, solution) {
      plainSecretValues(ctx, solution);
      for (const { variable: v, reasons, why, usedBy } of secretTextVariables(solution).values()) {
        ctx.report({
          message: `Environment variable "${v.schemaName}" is of type ${v.kind === 'Unknown' ? 'unknown (not Secret)' : v.kind} but holds a secret: ${why.join('; ')}. A ${v.kind === 'JSON' ? 'JSON' : 'text'} value is stored in plain text in the solution, in deployment settings and in every flow run that reads it. Make it a Secret environment variable (Azure Key Vault), read it with RetrieveEnvironmentVariableSecretValue and secure outputs.`,
          loc: v.loc,
          element: { kind: 'environmentVariable', name: v.schemaName },
          data: { schemaName: v.schemaName, kind: v.kind, reasons, ...(usedBy ? { usedBy } : {}) },
        });
      }
    },
  },
});

/** Secret environment variables given a plain value (not a Key Vault reference) in deployment settings. */
function plainSecretValues(ctx: RuleContext, solution: Solution): void {
  const wanted = ctx.environment?.toLowerCase();
  for (const v of solution.environmentVariables) {
    if (v.kind !== 'Secret') continue;
    for (const env of solution.environments) {
      if (wanted && env.environment.toLowerCase() !== wanted) continue;
      const entry = settingsIndex(env).variables.get(v.schemaName.toLowerCase());
      // Only the secret itself: placeholders, malformed references and "" are settings/import-failure's;
      // a Key Vault resource id or secret identifier URI and pipeline tokens are right.
      if (!entry?.value || secretValueShape(entry.value) !== 'plain') continue;
      ctx.report({
        message: `The ${env.environment} deployment settings give Secret environment variable "${v.schemaName}" a plain value instead of an Azure Key Vault secret reference (/subscriptions/…/providers/Microsoft.KeyVault/vaults/…/secrets/…): the secret is written in plain text in the settings file and in source control, and the import refuses it (a Secret variable takes only a Key Vault reference). Store it in Key Vault and give its reference here (or a #{…}# pipeline token).`,
        loc: entry.valueLoc,
        element: { kind: 'setting', name: v.schemaName },
        data: { schemaName: v.schemaName, kind: v.kind, reasons: ['settings-value'], environment: env.environment, file: env.file.path },
      });
    }
  }
}
