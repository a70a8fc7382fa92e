// settings/single-identity: in one environment's deployment settings, one account owns every connection
// of the solution: the single point of failure of an automation (a password change, a sign-in prompt, a
// licence or a departure stops every flow at once), and the account holds every permission the solution
// needs. Owners come from connection reference entries: an owner field (the ALM Accelerator's
// ConnectionOwner) or an account inside the ConnectionId. Reported only when every connection reference
// of the solution is bound there with a known owner, there are at least two of them, and they are of at
// least two connectors (two SharePoint references owned by one account are one job). Reported once per
// environment, at the first owner. Pipeline tokens name no one. With --env only that environment.
// Pipelines too: the same identity (service connection, app id, user) deploying the solution in stages
// of different environments, and an identity whose name names another environment than its stage
// (`dev-spn` in the Prod stage). Reported at the identity's line in the pipeline.
import * as nodePath from 'node:path';
import type { DeploymentSettings, Solution } from '../../model/types';
import type { DeploymentIdentity } from '../../model/pipeline';
import { defineRule, RuleContext } from '../rule';
import { BoundAccount, boundAccounts, DeployingIdentity, deployingIdentities, identityRolesOf, roleOfAccount, shownAccount, shownIdentity } from '../../analysis/settings/accounts';
import { environmentsNamed } from '../../analysis/pipeline/environments';
import { referenceDefinitions, settingsIndex } from '../../analysis/settings/lookup';
import { positionAt } from '../../util/text';

export default defineRule({
  meta: {
    id: 'settings/single-identity',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'One account owns every connection of the solution in an environment\'s deployment settings, or one pipeline identity deploys it to several environments (or one named for another environment): a single point of failure holding every permission.',
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
      pipelineIdentities(ctx, solution);
    },
  },
});

const KIND_NAME: Record<DeploymentIdentity['kind'], string> = {
  'service-connection': 'service connection',
  application: 'app registration',
  user: 'account',
  profile: 'pac auth profile',
};

/**
 * The pipeline identities of the solution: one deploying to environments that share no name, and one named
 * for another environment than its step's. Reported once per place the identity is written (one
 * `pac auth create` may serve several imports), listing the environments of its steps there and elsewhere.
 */
function pipelineIdentities(ctx: RuleContext, solution: Solution): void {
  const wanted = ctx.environment ? environmentsNamed(ctx.environment) : undefined;
  const roles = identityRolesOf(ctx.settings);
  const inWanted = (d: DeployingIdentity) => !wanted || [...d.environments].some(e => wanted.has(e));
  const withEnvironment = deployingIdentities(solution).filter(d => d.environments.size);
  const byPlace = groupBy(withEnvironment, d => `${d.identity.value.loc.file.path}\0${d.identity.value.loc.span.start}`);
  const byKey = groupBy(withEnvironment.filter(d => d.key), d => d.key!);
  for (const here of byPlace.values()) {
    const first = here[0];
    if (!here.some(inWanted)) continue;
    const what = `${KIND_NAME[first.identity.kind]} "${shownIdentity(first.identity)}"`;
    const loc = first.identity.value.loc;
    const group = first.key ? byKey.get(first.key)! : here;
    if (spansEnvironments(group)) {
      const elsewhere = group.filter(o => !here.includes(o));
      const others = unique(elsewhere.map(o => `"${o.where}" (${placeOf(o, first)})`));
      ctx.report({
        message: `The ${what} deploys "${solution.uniqueName}" in ${joinNames(unique(here.map(d => `"${d.where}"`)))} here${others.length ? ` and in ${joinNames(others)}` : ''}: `
          + 'one identity can change all of these environments, so its secret, its permissions and its failures are shared by them. '
          + `Give each environment its own ${KIND_NAME[first.identity.kind]}${first.identity.kind === 'application' ? '' : ' (with its own app registration or account)'}, named for it, and grant it rights only there.`,
        loc,
        element: { kind: 'solution', name: solution.uniqueName },
        data: { identity: shownIdentity(first.identity), kind: first.identity.kind, environments: unique(group.map(d => d.where)) },
      });
    }
    const named = namedEnvironments(first, roles);
    const mismatched = named.size ? here.filter(d => inWanted(d) && ![...named].some(e => d.environments.has(e))) : [];
    if (mismatched.length) {
      ctx.report({
        message: `The ${what} is named for ${[...named].join('/')}, but ${mismatched.length > 1 ? 'these steps deploy' : 'this step deploys'} "${solution.uniqueName}" in ${joinNames(unique(mismatched.map(d => `"${d.where}"`)))}: another environment's identity deploying here, or the wrong one chosen. `
          + `Use the ${KIND_NAME[first.identity.kind]} of this environment (one per environment, named for it).`,
        loc,
        element: { kind: 'solution', name: solution.uniqueName },
        data: { identity: shownIdentity(first.identity), kind: first.identity.kind, environments: unique(mismatched.map(d => d.where)), namedEnvironments: [...named] },
      });
    }
  }
}

/** True when two of the steps deploy to environments that share no name (Dev and Prod; not Prod and Production). */
function spansEnvironments(steps: DeployingIdentity[]): boolean {
  return steps.some(a => steps.some(b => ![...a.environments].some(e => b.environments.has(e))));
}

/** Where another step's identity is written, from the reported one: `line 9`, or `deploy/release.ps1 line 2`. */
function placeOf(other: DeployingIdentity, from: DeployingIdentity): string {
  const loc = other.identity.value.loc;
  const line = positionAt(loc.file, loc.span.start).line + 1;
  const fromFile = from.identity.value.loc.file.path;
  return loc.file.path === fromFile ? `line ${line}` : `${nodePath.relative(nodePath.dirname(fromFile), loc.file.path).replace(/\\/g, '/')} line ${line}`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** `A`, `A and B`, `A, B and C`. */
function joinNames(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The owner of each connection reference of the solution bound in `env`, or undefined when one of them
 * is unbound there or its owner is unknown. Without Customizations.xml, the entries of the file.
 */
function ownersOfEveryConnection(solution: Solution, env: DeploymentSettings): Array<{ owner: BoundAccount; connector: string }> | undefined {
  // The owner accounts of each lower-case reference name, in file order.
  const accounts = new Map<string, BoundAccount[]>();
  for (const a of boundAccounts(solution)) {
    if (a.environment !== env || a.kind !== 'connectionReference' || a.binding !== 'owner') continue;
    const key = a.name.toLowerCase();
    const list = accounts.get(key);
    if (list) list.push(a);
    else accounts.set(key, [a]);
  }
  const entries = settingsIndex(env).references;
  const references = referenceDefinitions(solution);
  const names = solution.customizations ? solution.connectionReferences.map(r => r.logicalName) : env.connectionReferences.map(c => c.logicalName);
  const out: Array<{ owner: BoundAccount; connector: string }> = [];
  for (const name of names) {
    const key = name.toLowerCase();
    const entry = entries.get(key);
    if (!entry) return undefined;
    // An owner field first; else an account inside the ConnectionId.
    const mine = accounts.get(key) ?? [];
    const owner = mine.find(a => a.field !== 'ConnectionId') ?? mine[0];
    if (!owner) return undefined;
    const connector = (references.get(key)?.connectorName || entry.connectorId?.split('/').pop() || name).toLowerCase();
    out.push({ owner, connector });
  }
  return out;
}

/** The environments an identity's name names: for an account that follows an identity role, its environment part. */
function namedEnvironments(d: DeployingIdentity, roles: ReturnType<typeof identityRolesOf>): Set<string> {
  if (d.identity.kind !== 'user') return d.named;
  const role = roleOfAccount(d.identity.value.text.trim(), roles);
  const byRole = role ? environmentsNamed(role.environmentPart) : undefined;
  return byRole?.size ? byRole : d.named;
}
