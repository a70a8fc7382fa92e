// settings/shared-connection: one connection or one account bound in the deployment settings of two
// environments, so one identity serves both (a Dev maker's connection running Prod):
//  - the same connection: a non-empty ConnectionId that is not a pipeline token, in two environments;
//  - the same account: an account that owns a connection (an owner field such as the ALM Accelerator's
//    ConnectionOwner, or an account inside the ConnectionId) or the value of an environment variable whose
//    name says it holds an account (User, Account, Login, Owner, RunAs…), in two environments. An account
//    whose name carries an environment part of an identity role (`dev-rpa-bot@…`) is left to
//    settings/environment-bleed, which reports it where it does not belong; an account inside a
//    ConnectionId that is already reported as a shared connection is not reported twice. Mailboxes
//    mentioned in other values (whom to notify) are not bindings.
// Each environment should bind its own connection, owned by its own identity (a `<env>-rpa-bot` account).
// The same connection or account inside one environment is fine. A shared `default` settings file is not
// compared. With --env only that environment's entries are reported (compared with every other environment).
import type { SettingsConnectionReference, Solution } from '../../model/types';
import { defineRule, RuleContext } from '../rule';
import { isPipelineToken, stageOfEnvironment } from '../../analysis/shared/values';
import { BoundAccount, boundAccounts, identityRolesOf, roleOfAccount, shownAccount } from '../../analysis/settings/accounts';

export default defineRule({
  meta: {
    id: 'settings/shared-connection',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'The same connection or the same account is bound in the deployment settings of two environments: one identity serves both.',
    fixable: false,
  },
  check: {
    solution(ctx, solution) {
      const shared = sharedConnections(ctx, solution);
      sharedAccounts(ctx, solution, shared);
    },
  },
});

/** Reports connections bound in two environments; returns their ids (lower case). */
function sharedConnections(ctx: RuleContext, solution: Solution): Set<string> {
  const byId = new Map<string, Array<{ environment: string; entry: SettingsConnectionReference }>>();
  for (const env of solution.environments) {
    if (env.environment.toLowerCase() === 'default') continue;
    for (const entry of env.connectionReferences) {
      const id = entry.connectionId?.trim();
      if (!id || isPipelineToken(id) || id.includes('#{') || id.includes('$(')) continue;
      const key = id.toLowerCase();
      const list = byId.get(key);
      if (list) list.push({ environment: env.environment, entry });
      else byId.set(key, [{ environment: env.environment, entry }]);
    }
  }
  const wanted = ctx.environment?.toLowerCase();
  const shared = new Set<string>();
  for (const [key, list] of byId) {
    const envs = [...new Set(list.map(x => x.environment))];
    if (envs.length < 2) continue;
    shared.add(key);
    for (const { environment, entry } of list) {
      if (wanted && environment.toLowerCase() !== wanted) continue;
      const others = envs.filter(e => e !== environment);
      ctx.report({
        message: `The ${environment} deployment settings bind connection reference "${entry.logicalName}" to the same connection as ${joinNames(others)}: one connection (one account) serves ${joinNames([environment, ...others])}. Create a connection per environment, owned by that environment's own identity, and bind it here.`,
        loc: entry.valueLoc,
        element: { kind: 'setting', name: entry.logicalName },
        data: { environment, name: entry.logicalName, otherEnvironments: others, connectionId: entry.connectionId },
      });
    }
  }
  return shared;
}

function sharedAccounts(ctx: RuleContext, solution: Solution, sharedConnectionIds: Set<string>): void {
  const roles = identityRolesOf(ctx.settings);
  const byAccount = new Map<string, BoundAccount[]>();
  for (const a of boundAccounts(solution)) {
    if (a.binding === 'mentioned' || a.environment.environment.toLowerCase() === 'default') continue;
    if (a.field === 'ConnectionId' && sharedConnectionIds.has(a.inValue.value.trim().toLowerCase())) continue;
    const role = roleOfAccount(a.account, roles);
    if (role && (stageOfEnvironment(role.environmentPart) || solution.environments.some(e => e.environment.toLowerCase() === role.environmentPart.toLowerCase()))) continue;
    const list = byAccount.get(a.key);
    if (list) list.push(a);
    else byAccount.set(a.key, [a]);
  }
  const wanted = ctx.environment?.toLowerCase();
  for (const list of byAccount.values()) {
    const envs = [...new Set(list.map(a => a.environment.environment))];
    if (envs.length < 2) continue;
    for (const a of list) {
      const environment = a.environment.environment;
      if (wanted && environment.toLowerCase() !== wanted) continue;
      const others = envs.filter(e => e !== environment);
      const what = a.kind === 'environmentVariable' ? `environment variable "${a.name}"` : `the ${a.field} of connection reference "${a.name}"`;
      ctx.report({
        message: `The ${environment} deployment settings bind account "${shownAccount(a.account)}" (${what}) as ${joinNames(others)} do${others.length === 1 ? 'es' : ''}: one account serves ${joinNames([environment, ...others])}, so a password change, a sign-in prompt, a licence or a departure stops them all, and ${environment} runs with permissions granted for the others. Give each environment its own account (such as <env>-rpa-bot@…) and bind it here.`,
        loc: a.loc,
        element: { kind: 'setting', name: a.name },
        data: { environment, name: a.name, otherEnvironments: others, account: shownAccount(a.account), field: a.field },
      });
    }
  }
}

/** `A`, `A and B`, `A, B and C`. */
function joinNames(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
