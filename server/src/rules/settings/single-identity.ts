// settings/single-identity: in one environment's deployment settings, one account owns every connection
// of the solution: the single point of failure of an automation (a password change, a sign-in prompt, a
// licence or a departure stops every flow at once), and the account holds every permission the solution
// needs. Owners come from connection reference entries: an owner field (the ALM Accelerator's
// ConnectionOwner) or an account inside the ConnectionId. Reported only when every connection reference
// of the solution is bound there with a known owner, there are at least two of them, and they are of at
// least two connectors (two SharePoint references owned by one account are one job). Reported once per
// environment, at the first owner. Pipeline tokens name no one. With --env only that environment.
import type { DeploymentSettings, Solution } from '../../model/types';
import { defineRule } from '../rule';
import { BoundAccount, boundAccounts, identityRolesOf, roleOfAccount, shownAccount } from '../../analysis/settings/accounts';

export default defineRule({
  meta: {
    id: 'settings/single-identity',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'One account owns every connection of the solution in an environment\'s deployment settings: a single point of failure holding every permission.',
    fixable: false,
  },
  check: {
    solution(ctx, solution) {
      const wanted = ctx.environment?.toLowerCase();
      const roles = identityRolesOf(ctx.settings);
      for (const env of solution.environments) {
        if (env.environment.toLowerCase() === 'default' || (wanted && env.environment.toLowerCase() !== wanted)) continue;
        const owners = ownersOfEveryConnection(solution, env);
        if (!owners || owners.length < 2) continue;
        const connectors = new Set(owners.map(o => o.connector));
        const accounts = new Set(owners.map(o => o.owner.key));
        if (connectors.size < 2 || accounts.size !== 1) continue;
        const first = owners[0].owner;
        const role = roleOfAccount(first.account, roles);
        ctx.report({
          message: `In the ${env.environment} deployment settings one account, "${shownAccount(first.account)}"${role ? ` (the ${role.role} account)` : ''}, owns every connection of solution ${solution.uniqueName} (${owners.length} connection references, ${connectors.size} connectors): a password change, a sign-in prompt, a licence or a departure stops every flow at once, and the account holds every permission the solution needs. Split the connections by role: desktop-flow connections under the bot account (<env>-rpa-bot@…), cloud connectors under a cloud account (<env>-rpa-cloud@…).`,
          loc: first.loc,
          element: { kind: 'setting', name: first.name },
          data: { environment: env.environment, account: shownAccount(first.account), references: owners.map(o => o.owner.name), connectors: [...connectors], ...(role ? { role: role.role } : {}) },
        });
      }
    },
  },
});

/**
 * The owner of each connection reference of the solution bound in `env`, or undefined when one of them
 * is unbound there or its owner is unknown. Without Customizations.xml, the entries of the file.
 */
function ownersOfEveryConnection(solution: Solution, env: DeploymentSettings): Array<{ owner: BoundAccount; connector: string }> | undefined {
  const accounts = boundAccounts(solution).filter(a => a.environment === env && a.kind === 'connectionReference' && a.binding === 'owner');
  const names = solution.customizations ? solution.connectionReferences.map(r => r.logicalName) : env.connectionReferences.map(c => c.logicalName);
  const out: Array<{ owner: BoundAccount; connector: string }> = [];
  for (const name of names) {
    const same = (n: string) => n.toLowerCase() === name.toLowerCase();
    const entry = env.connectionReferences.find(c => same(c.logicalName));
    if (!entry) return undefined;
    // An owner field first; else an account inside the ConnectionId.
    const mine = accounts.filter(a => same(a.name));
    const owner = mine.find(a => a.field !== 'ConnectionId') ?? mine[0];
    if (!owner) return undefined;
    const connector = (solution.connectionReferences.find(r => same(r.logicalName))?.connectorName || entry.connectorId?.split('/').pop() || name).toLowerCase();
    out.push({ owner, connector });
  }
  return out;
}
