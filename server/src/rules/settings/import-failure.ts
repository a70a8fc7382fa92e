// settings/import-failure: a deployment settings value the solution import refuses, so the whole import
// (and the pipeline run) fails, often after a long wait in the import queue:
//  - (an environment variable given the empty string `""` fails the import too: settings/missing-value
//    reports it, as the slot FlowCop's own fixes leave to fill in);
//  - a Secret environment variable whose value is not an Azure Key Vault reference but a template nobody
//    filled in (`@KeyVault(vaultName=…;secretName=…)`, `<secret>`, `TODO`) or a reference with a part
//    missing ("The value provided as a secret reference does not match a valid secret reference format",
//    power-platform-skills PR #163). A plain value (the secret itself) also fails, but it is first a
//    secret in source control: solution/secret-env-var-as-text reports it, not this rule;
//  - a connection reference entry whose ConnectorId differs from the connector of the solution's
//    connection reference of that name: the entry was written for another connector, and the connection
//    it binds cannot serve this reference.
// Pipeline tokens are values the pipeline fills in. With --env only that environment.
import type { DeploymentSettings, Solution } from '../../model/types';
import { defineRule, RuleContext } from '../rule';
import { secretValueShape } from '../../analysis/settings/secret-reference';
import { fieldLoc } from '../../analysis/settings/entries';
import { referenceDefinitions, variableDefinitions } from '../../analysis/settings/lookup';
import { isPipelineToken } from '../../analysis/shared/values';

const KEY_VAULT_FORMAT = '/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>/secrets/<name>';

export default defineRule({
  meta: {
    id: 'settings/import-failure',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'A deployment settings value the solution import refuses: a Secret environment variable without a Key Vault reference, a ConnectorId that is not the reference\'s connector.',
    fixable: false,
  },
  check: {
    solution(ctx, solution) {
      const wanted = ctx.environment?.toLowerCase();
      for (const env of solution.environments) {
        if (wanted && env.environment.toLowerCase() !== wanted) continue;
        environmentVariables(ctx, solution, env);
        connectors(ctx, solution, env);
      }
    },
  },
});

function environmentVariables(ctx: RuleContext, solution: Solution, env: DeploymentSettings): void {
  const definitions = variableDefinitions(solution);
  for (const e of env.environmentVariables) {
    const definition = definitions.get(e.schemaName.toLowerCase());
    const secret = definition?.kind === 'Secret';
    if (!secret || typeof e.value !== 'string') continue;
    const shape = secretValueShape(e.value);
    if (shape !== 'placeholder' && shape !== 'malformed-reference') continue;
    ctx.report({
      message: `The ${env.environment} deployment settings give Secret environment variable "${e.schemaName}" ${shape === 'placeholder' ? 'a placeholder' : 'an incomplete Azure Key Vault reference'} instead of a Key Vault secret reference (${KEY_VAULT_FORMAT}): the import refuses it ("does not match a valid secret reference format") and the whole solution import fails, often after waiting in the queue. Give the secret's Key Vault reference (or a #{…}# pipeline token that the pipeline replaces with one).`,
      loc: e.valueLoc,
      element: { kind: 'setting', name: e.schemaName },
      data: { environment: env.environment, kind: 'environmentVariable', name: e.schemaName, reason: shape, file: env.file.path },
    });
  }
}

function connectors(ctx: RuleContext, solution: Solution, env: DeploymentSettings): void {
  const references = referenceDefinitions(solution);
  for (const c of env.connectionReferences) {
    const given = c.connectorId?.trim();
    if (!given || isPipelineToken(given) || given.includes('#{') || given.includes('$(')) continue;
    const reference = references.get(c.logicalName.toLowerCase());
    if (!reference?.connectorId || sameConnector(given, reference.connectorId)) continue;
    ctx.report({
      message: `The ${env.environment} deployment settings give connection reference "${c.logicalName}" the ConnectorId ${lastSegment(given)}, but the solution's reference is for ${reference.connectorName || lastSegment(reference.connectorId)}: the entry was written for another connector, and the connection it binds cannot serve this reference, so the import fails to bind it. Give the reference's connector (${reference.connectorId}) and a connection of that connector.`,
      loc: fieldLoc(env, 'ConnectionReferences', c.loc, 'ConnectorId'),
      element: { kind: 'setting', name: c.logicalName },
      data: { environment: env.environment, kind: 'connectionReference', name: c.logicalName, reason: 'connector-mismatch', connectorId: given, expected: reference.connectorId, file: env.file.path },
    });
  }
}

/** Connector ids compared case-insensitively, with or without the leading `/`; a bare `shared_x` by its last segment. */
function sameConnector(a: string, b: string): boolean {
  const norm = (s: string) => trimSlashes(s.trim().toLowerCase());
  const x = norm(a);
  const y = norm(b);
  if (x === y) return true;
  return (!x.includes('/') || !y.includes('/')) && lastSegment(x) === lastSegment(y);
}

function lastSegment(id: string): string {
  return trimSlashes(id).split('/').pop() ?? id;
}

/** Without leading and trailing `/` (by hand: `/\/+$/` re-reads a run of slashes from each of them). */
function trimSlashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '/') start++;
  while (end > start && text[end - 1] === '/') end--;
  return text.slice(start, end);
}
