// Which environment variables hold or feed a secret, and why: their name, description, a value shaped like
// a secret, or a cloud flow passing them to a secret place. A fact about the solution, whatever the
// configuration: solution/secret-env-var-as-text reports it, and the editor's views never show such a value.
import type { EnvironmentVariableDefinition, Solution } from '../../model/types';
import { flowFacts } from '../cloud/facts';
import {
  CONNECTION_SECRET_KEYS, connectionKeyIs, findStructuredSecrets, findUrls, isPipelineToken, isPlaceholderSecret, parseConnectionString,
} from '../shared/values';
import { isSecretName } from '../shared/vocabulary';
import { settingsIndex } from '../settings/lookup';

const SECRET_PHRASE = /\b(client secret|password|passphrase|api key|apikey|access token|bearer token|personal access token|secret key|shared access key|access key|account key|private key|subscription key)\b/i;
const NOT_SECRET_PHRASE = /\b(name of|url|uri|endpoint|location|identifier|id of|key vault (name|url)|expir\w*|policy|reset|user ?name)\b/i;

export type SecretVariableReason = 'name' | 'description' | 'value' | 'usage';

export interface SecretVariable {
  variable: EnvironmentVariableDefinition;
  reasons: SecretVariableReason[];
  /** One clause per reason, for messages (never a value). */
  why: string[];
  /** The first secret place a cloud flow passes it to. */
  usedBy?: { flow: string; action: string; where: string };
}

const memo = new WeakMap<Solution, Map<string, SecretVariable>>();

/** Text-typed (String, JSON, untyped) variables that hold or feed a secret, by lower-case schema name. */
export function secretTextVariables(solution: Solution): Map<string, SecretVariable> {
  let out = memo.get(solution);
  if (out) return out;
  out = new Map();
  const usage = secretUsage(solution);
  for (const v of solution.environmentVariables) {
    if (v.kind !== 'String' && v.kind !== 'JSON' && v.kind !== 'Unknown') continue;
    const reasons: SecretVariableReason[] = [];
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
    if (reasons.length) out.set(v.schemaName.toLowerCase(), { variable: v, reasons, why, usedBy: use });
  }
  memo.set(solution, out);
  return out;
}

/** Env var schema name (lower case) → the first secret place a flow passes it to. */
function secretUsage(solution: Solution): Map<string, { flow: string; action: string; where: string }> {
  const out = new Map<string, { flow: string; action: string; where: string }>();
  for (const flow of solution.cloudFlows) {
    for (const [param, use] of flowFacts(flow, solution).secretParameters) {
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
    const entry = settingsIndex(env).variables.get(v.schemaName.toLowerCase());
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
