// settings/unknown-entry: deployment settings name an environment variable or connection reference the
// solution does not have: a typo or a leftover, and the intended component gets no value. Environment
// variable entries are checked only for a complete tree (with Solution.xml), connection reference
// entries only when Customizations.xml was read: a partial tree does not say what the solution has.
// Names match case-insensitively; a near name is suggested. With --env only that environment.
import type { DeploymentSettings, Loc } from '../../model/types';
import { innerSpan, propIgnoreCase } from '../../load/json';
import { defineRule } from '../rule';
import { entryNode, nearestName } from '../../analysis/settings/entries';
import { ArrayKey, referenceDefinitions, variableDefinitions } from '../../analysis/settings/lookup';

export default defineRule({
  meta: {
    id: 'settings/unknown-entry',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'Deployment settings name an environment variable or connection reference the solution does not have.',
    fixable: false,
  },
  check: {
    solution(ctx, solution) {
      const wanted = ctx.environment?.toLowerCase();
      const envVars = solution.environmentVariables.map(v => v.schemaName);
      const connRefs = solution.connectionReferences.map(c => c.logicalName);
      const definedVariables = variableDefinitions(solution);
      const definedReferences = referenceDefinitions(solution);
      for (const env of solution.environments) {
        if (wanted && env.environment.toLowerCase() !== wanted) continue;
        if (solution.manifest) {
          for (const e of env.environmentVariables) {
            if (definedVariables.has(e.schemaName.toLowerCase())) continue;
            const near = nearestName(e.schemaName, envVars);
            ctx.report({
              message: `The ${env.environment} deployment settings give a value to environment variable "${e.schemaName}", which solution ${solution.uniqueName} does not define${near ? ` (did you mean "${near}"?)` : ''}: the entry does nothing, and the variable it was meant for gets no value.`,
              loc: nameLoc(env, 'EnvironmentVariables', 'SchemaName', e.loc),
              element: { kind: 'setting', name: e.schemaName },
              data: { environment: env.environment, kind: 'environmentVariable', name: e.schemaName, ...(near ? { suggestion: near } : {}) },
            });
          }
        }
        if (solution.customizations) {
          for (const c of env.connectionReferences) {
            if (definedReferences.has(c.logicalName.toLowerCase())) continue;
            const near = nearestName(c.logicalName, connRefs);
            ctx.report({
              message: `The ${env.environment} deployment settings bind connection reference "${c.logicalName}", which solution ${solution.uniqueName} does not define${near ? ` (did you mean "${near}"?)` : ''}: the entry does nothing, and the reference it was meant for gets no connection.`,
              loc: nameLoc(env, 'ConnectionReferences', 'LogicalName', c.loc),
              element: { kind: 'setting', name: c.logicalName },
              data: { environment: env.environment, kind: 'connectionReference', name: c.logicalName, ...(near ? { suggestion: near } : {}) },
            });
          }
        }
      }
    },
  },
});

/** The name value of the entry at `entry` (SchemaName / LogicalName), or the entry itself. */
function nameLoc(env: DeploymentSettings, arrayKey: ArrayKey, nameKey: string, entry: Loc): Loc {
  const name = propIgnoreCase(entryNode(env, arrayKey, entry), nameKey);
  return name ? { file: env.file, span: innerSpan(name) } : entry;
}
