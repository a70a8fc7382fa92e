// settings/missing-value: an environment's deployment settings lack (or leave empty) a value for an
// environment variable or a connection reference of the solution.
//  - `#{…}#` (and other pipeline) tokens are values: the pipeline fills them in.
//  - With --env (ctx.environment) only that environment is checked (case-insensitively); otherwise
//    every environment found for the solution.
//  - A shared `deploymentSettings.json` (environment "default") beside per-environment files is a
//    template: it is not checked itself, but a value it gives counts for every environment.
//  - Defaults: an environment variable with a non-empty default value is satisfied by it (the default
//    applies where no value is set), unless the default names another environment than the one being
//    checked (`…-dev…` for Prod), or the option `requireExplicitValues` is on.
//  - Connection references have no default: each needs a ConnectionId.
//  - An environment variable given exactly `""` is reported even with a default or a shared value: the
//    import refuses the empty string ("Environment variable value can't be an empty string", coe-starter-kit
//    #4242/#6465/#8029, build-tools #905) and fails; leaving the entry out keeps the default.
//  - Where: an empty (or null) Value / ConnectionId is reported at that empty value; a missing entry at the
//    file's EnvironmentVariables / ConnectionReferences key (its first character when the key is absent).
import type { DeploymentSettings, Loc } from '../../model/types';
import { innerSpan, propIgnoreCase, span } from '../../load/json';
import { defineRule } from '../rule';
import { environmentOfValue, stageOfEnvironment } from '../../analysis/shared/values';
import { ArrayKey, settingsIndex } from '../../analysis/settings/lookup';

export default defineRule({
  meta: {
    id: 'settings/missing-value',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'An environment\'s deployment settings lack (or leave empty) a value for an environment variable or a connection for a connection reference of the solution.',
    fixable: false,
    options: {
      requireExplicitValues: {
        type: 'boolean',
        description: 'Require a value in every environment even for environment variables that have a default value.',
        default: false,
      },
    },
  },
  check: {
    solution(ctx, solution) {
      const named = solution.environments.filter(e => e.environment.toLowerCase() !== 'default');
      const shared = named.length ? solution.environments.filter(e => e.environment.toLowerCase() === 'default') : [];
      const wanted = ctx.environment?.toLowerCase();
      const targets = (named.length ? named : solution.environments).filter(e => !wanted || e.environment.toLowerCase() === wanted);
      const requireExplicit = ctx.options.requireExplicitValues === true;
      const sharedIndexes = shared.map(settingsIndex);

      for (const env of targets) {
        const stage = stageOfEnvironment(env.environment);
        const index = settingsIndex(env);
        for (const v of solution.environmentVariables) {
          const name = v.schemaName.toLowerCase();
          const entry = index.variables.get(name);
          if (entry && hasValue(entry.value)) continue;
          // `"Value": ""` fails the whole import, whatever the default or a shared file gives.
          const emptyString = entry?.value === '';
          if (!emptyString && sharedIndexes.some(s => s.variablesWithValue.has(name))) continue;
          const def = v.defaultValue?.value.trim();
          let defaultElsewhere: string | undefined;
          if (def && !requireExplicit && !emptyString) {
            const names = environmentOfValue(def);
            if (!names || !stage || names.stage === stage) continue;
            defaultElsewhere = names.word;
          }
          if (emptyString) {
            ctx.report({
              message: `The ${env.environment} deployment settings give environment variable "${v.schemaName}" the empty string: the import refuses it ("Environment variable value can't be an empty string") and the whole solution import fails. Remove the entry${def ? ' to keep its default value' : ''}, or give it the ${env.environment} value (or a #{…}# pipeline token).`,
              loc: emptyValueLoc(env, 'EnvironmentVariables', entry!.loc, 'Value'),
              element: { kind: 'setting', name: v.schemaName },
              data: { environment: env.environment, kind: 'environmentVariable', name: v.schemaName, reason: 'empty-string', file: env.file.path },
            });
            continue;
          }
          const reason = defaultElsewhere ? 'default-names-other-environment' : entry ? 'empty' : 'missing';
          const tail = defaultElsewhere
            ? `; its default value names another environment ("${defaultElsewhere}"), and that is what ${env.environment} would get`
            : def ? ' (the option requireExplicitValues asks for one even though it has a default value)' : ': after import it has no value there, and the flows reading it fail or use an empty string';
          ctx.report({
            message: `The ${env.environment} deployment settings ${entry ? 'leave the value of' : 'have no entry for'} environment variable "${v.schemaName}"${entry ? ' empty' : ''}${tail}. Give it the ${env.environment} value (or a #{…}# pipeline token).`,
            loc: entry ? emptyValueLoc(env, 'EnvironmentVariables', entry.loc, 'Value') : keyLoc(env, 'EnvironmentVariables'),
            element: { kind: 'setting', name: v.schemaName },
            data: { environment: env.environment, kind: 'environmentVariable', name: v.schemaName, reason, file: env.file.path },
          });
        }
        for (const c of solution.connectionReferences) {
          const name = c.logicalName.toLowerCase();
          const entry = index.references.get(name);
          if (entry && hasValue(entry.connectionId)) continue;
          if (sharedIndexes.some(s => s.referencesWithConnection.has(name))) continue;
          ctx.report({
            message: `The ${env.environment} deployment settings ${entry ? 'leave the ConnectionId of' : 'have no entry for'} connection reference "${c.logicalName}" (${c.connectorName})${entry ? ' empty' : ''}: after import it is bound to no connection and the flows using it stay off. Bind the ${env.environment} connection (or a #{…}# pipeline token).`,
            loc: entry ? emptyValueLoc(env, 'ConnectionReferences', entry.loc, 'ConnectionId') : keyLoc(env, 'ConnectionReferences'),
            element: { kind: 'setting', name: c.logicalName },
            data: { environment: env.environment, kind: 'connectionReference', name: c.logicalName, reason: entry ? 'empty' : 'missing', file: env.file.path },
          });
        }
      }
    },
  },
});

function hasValue(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Where an entry with an empty value is reported: the empty value itself (the whole `""`, `"  "` or `null`
 * token of `Value` / `ConnectionId`), which is what has to be filled in; the entry when it has no such key.
 */
function emptyValueLoc(env: DeploymentSettings, arrayKey: ArrayKey, entryLoc: Loc, key: string): Loc {
  const entry = settingsIndex(env).nodes[arrayKey].get(entryLoc.span.start);
  const value = entry?.type === 'object' ? propIgnoreCase(entry, key) : undefined;
  return value ? { file: env.file, span: span(value) } : entryLoc;
}

/** The `EnvironmentVariables` / `ConnectionReferences` key of a settings file, or its first character. */
function keyLoc(env: DeploymentSettings, key: string): Loc {
  for (const p of env.json.children ?? []) {
    const k = p.children?.[0];
    if (typeof k?.value === 'string' && k.value.toLowerCase() === key.toLowerCase()) return { file: env.file, span: innerSpan(k) };
  }
  return { file: env.file, span: { start: env.json.offset, end: env.json.offset + 1 } };
}
