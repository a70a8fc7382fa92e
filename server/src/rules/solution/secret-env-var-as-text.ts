// solution/secret-env-var-as-text: an environment variable that holds or feeds a secret but is not of the
// Secret type. Signals: its schema or display name (ClientSecret, Password, ApiKey, Token… but not
// SecretName, KeyVaultUrl, ClientId, TokenEndpoint), its description, a default/current/deployment-settings
// value shaped like a secret (connection string with a password, JWT, SAS signature, known key formats),
// or a flow passing `@parameters('… (schema)')` to a secret place (HTTP authentication, key header,
// sensitive desktop-flow input…). Only String, JSON and untyped variables are checked for that.
// A Secret variable is a secret as text when a deployment settings file gives it a plain value instead of
// an Azure Key Vault secret reference: reported at that value. Values never appear in messages.
import type { EnvironmentVariableDefinition, Solution } from '../../model/types';
import { defineRule, RuleContext } from '../rule';
import { analyzeFlow } from '../cloud/analysis';
import {
  CONNECTION_SECRET_KEYS, connectionKeyIs, findStructuredSecrets, findUrls, isPipelineToken, isPlaceholderSecret, parseConnectionString,
} from '../../analysis/shared/values';
import { isSecretName } from '../../analysis/shared/vocabulary';

const SECRET_PHRASE = /\b(client secret|password|passphrase|api key|apikey|access token|bearer token|personal access token|secret key|shared access key|access key|account key|private key|subscription key)\b/i;
const NOT_SECRET_PHRASE = /\b(name of|url|uri|endpoint|location|identifier|id of|key vault (name|url)|expir\w*|policy|reset|user ?name)\b/i;

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
      const usage = secretUsage(ctx, solution);
      for (const v of solution.environmentVariables) {
        if (v.kind !== 'String' && v.kind !== 'JSON' && v.kind !== 'Unknown') continue;
        const reasons: string[] = [];
        const why: string[] = [];
        const stripped = v.schemaName.replace(/^[A-Za-z0-9]+_/, '');
        if (isSecretName(stripped) || isSecretName(v.displayName)) {
          reasons.push('name');
          why.push('its name says it holds a secret');
        } else if (v.description && SECRET_PHRASE.test(v.description) && !NOT_SECRET_PHRASE.test(v.description)) {
          reasons.push('description');
          why.push('its description says it holds a secret');
        }
        const valueWhere = secretValueWhere(v, solution);
        if (valueWhere) {
          reasons.push('value');
          why.push(`${valueWhere} looks like a secret`);
        }
        const use = usage.get(v.schemaName.toLowerCase());
        if (use) {
          reasons.push('usage');
          why.push(`cloud flow "${use.flow}" passes it to ${use.where} of action "${use.action}"`);
        }
        if (!reasons.length) continue;
        ctx.report({
          message: `Environment variable "${v.schemaName}" is of type ${v.kind === 'Unknown' ? 'unknown (not Secret)' : v.kind} but holds a secret: ${why.join('; ')}. A ${v.kind === 'JSON' ? 'JSON' : 'text'} value is stored in plain text in the solution, in deployment settings and in every flow run that reads it. Make it a Secret environment variable (Azure Key Vault), read it with RetrieveEnvironmentVariableSecretValue and secure outputs.`,
          loc: v.loc,
          element: { kind: 'environmentVariable', name: v.schemaName },
          data: { schemaName: v.schemaName, kind: v.kind, reasons, ...(use ? { usedBy: use } : {}) },
        });
      }
    },
  },
});

/**
 * `/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>/secrets/<name>`:
 * what a deployment settings file gives a Secret environment variable. Each part stops at `/`: linear.
 */
const KEY_VAULT_REFERENCE = /^\s*\/subscriptions\/[^/\s]+\/resourcegroups\/[^/\s]+\/providers\/microsoft\.keyvault\/vaults\/[^/\s]+\/secrets\/[^/\s]+(?:\/[^/\s]+)?\/?\s*$/i;

/** Secret environment variables given a plain value (not a Key Vault reference) in deployment settings. */
function plainSecretValues(ctx: RuleContext, solution: Solution): void {
  const wanted = ctx.environment?.toLowerCase();
  for (const v of solution.environmentVariables) {
    if (v.kind !== 'Secret') continue;
    for (const env of solution.environments) {
      if (wanted && env.environment.toLowerCase() !== wanted) continue;
      const entry = env.environmentVariables.find(e => e.schemaName.toLowerCase() === v.schemaName.toLowerCase());
      const value = entry?.value?.trim();
      if (!entry || !value || KEY_VAULT_REFERENCE.test(value) || isPipelineToken(value) || isPlaceholderSecret(value)) continue;
      ctx.report({
        message: `The ${env.environment} deployment settings give Secret environment variable "${v.schemaName}" a plain value instead of an Azure Key Vault secret reference (/subscriptions/…/providers/Microsoft.KeyVault/vaults/…/secrets/…): the secret is written in plain text in the settings file and in source control. Store it in Key Vault and give its reference here (or a #{…}# pipeline token).`,
        loc: entry.valueLoc,
        element: { kind: 'setting', name: v.schemaName },
        data: { schemaName: v.schemaName, kind: v.kind, reasons: ['settings-value'], environment: env.environment, file: env.file.path },
      });
    }
  }
}

/** Env var schema name (lower case) → the first secret place a flow passes it to. */
function secretUsage(ctx: RuleContext, solution: Solution): Map<string, { flow: string; action: string; where: string }> {
  const out = new Map<string, { flow: string; action: string; where: string }>();
  for (const flow of solution.cloudFlows) {
    const analysis = analyzeFlow(flow, solution, ctx.settings);
    for (const [param, use] of analysis.secretParameters) {
      const schema = flow.parameters.find(p => p.name === param)?.schemaName;
      if (schema && !out.has(schema.toLowerCase())) out.set(schema.toLowerCase(), { flow: flow.name, action: use.action.name, where: use.where });
    }
  }
  return out;
}

/** Where a value of the variable looks like a secret, if anywhere: default, committed current value, a deployment settings file. */
function secretValueWhere(v: EnvironmentVariableDefinition, solution: Solution): string | undefined {
  if (v.defaultValue && holdsSecret(v.defaultValue.value)) return 'its default value';
  if (v.currentValue && holdsSecret(v.currentValue.value)) return 'its committed current value';
  for (const env of solution.environments) {
    const entry = env.environmentVariables.find(e => e.schemaName.toLowerCase() === v.schemaName.toLowerCase());
    if (entry?.value && holdsSecret(entry.value)) return `its value in the ${env.environment} deployment settings`;
  }
  return undefined;
}

/** Shaped like a secret: a connection string with a password or key, a URL with a key or password, a token format. */
function holdsSecret(value: string): boolean {
  if (!value || isPipelineToken(value)) return false;
  if (findStructuredSecrets(value).length) return true;
  if (parseConnectionString(value).some(p => connectionKeyIs(p.key, CONNECTION_SECRET_KEYS) && !isPlaceholderSecret(p.value) && !/^[#$]\{|^\$\(|^@/.test(p.value))) return true;
  for (const u of findUrls(value)) {
    const text = value.slice(u.start, u.end);
    if (/:\/\/[^/@\s:]+:[^/@\s]+@/.test(text)) return true;
    if (/[?&#](sig|code|apikey|api_key|api-key|access_token|client_secret)=[^&#\s]{8,}/i.test(text)) return true;
  }
  return false;
}
