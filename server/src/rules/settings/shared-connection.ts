// settings/shared-connection: the same connection (a non-empty ConnectionId that is not a pipeline
// token) bound in the deployment settings of two environments: one connection, so one account, serves
// both (a Dev maker's connection running Prod). Each environment should bind its own connection,
// owned by its own identity (a `<env>-rpa-bot` account). The same connection bound to several
// references inside one environment is fine. A shared `default` settings file is not compared.
// With --env only that environment's entries are reported (compared with every other environment).
import type { SettingsConnectionReference } from '../../model/types';
import { defineRule } from '../rule';
import { isPipelineToken } from '../../analysis/shared/values';

export default defineRule({
  meta: {
    id: 'settings/shared-connection',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'The same connection is bound in the deployment settings of two environments: one account serves both.',
    fixable: false,
  },
  check: {
    solution(ctx, solution) {
      const byId = new Map<string, Array<{ environment: string; entry: SettingsConnectionReference }>>();
      for (const env of solution.environments) {
        if (env.environment.toLowerCase() === 'default') continue;
        for (const entry of env.connectionReferences) {
          const id = entry.connectionId?.trim();
          if (!id || isPipelineToken(id) || id.includes('#{') || id.includes('$(')) continue;
          const key = id.toLowerCase();
          byId.set(key, [...(byId.get(key) ?? []), { environment: env.environment, entry }]);
        }
      }
      const wanted = ctx.environment?.toLowerCase();
      for (const list of byId.values()) {
        const envs = [...new Set(list.map(x => x.environment))];
        if (envs.length < 2) continue;
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
    },
  },
});

/** `A`, `A and B`, `A, B and C`. */
function joinNames(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
