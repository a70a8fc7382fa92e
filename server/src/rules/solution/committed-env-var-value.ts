// solution/committed-env-var-value: an environment variable's current value kept in source
// (environmentvariablevalues.json beside its definition). Import brings the value into every target
// environment, so the value of the environment the solution was exported from travels to Test and Prod.
// A committed value equal to the default value is redundant rather than harmful: reported as info.
// Messages never contain the value.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'solution/committed-env-var-value',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'An environment variable value committed in source (environmentvariablevalues.json): import brings it into every target environment.',
    fixable: false,
  },
  check: {
    solution(ctx, solution) {
      for (const v of solution.environmentVariables) {
        const current = v.currentValue;
        if (!current || current.value.trim() === '') continue;
        const sameAsDefault = v.defaultValue !== undefined && v.defaultValue.value === current.value;
        const message = sameAsDefault
          ? `Environment variable "${v.schemaName}" has a current value committed in environmentvariablevalues.json that repeats its default value: the file is redundant, and the next export will carry whatever value the source environment then has. Delete the file and give environments their values through deployment settings.`
          : `Environment variable "${v.schemaName}" has a current value committed in environmentvariablevalues.json: import brings it into every environment the solution goes to, so the source environment's value reaches Test and Prod. Delete the file (remove the value before exporting) and give each environment its value through deployment settings.`;
        ctx.report({
          message,
          loc: current.loc,
          element: { kind: 'environmentVariable', name: v.schemaName },
          severity: sameAsDefault ? 'info' : undefined,
          data: { schemaName: v.schemaName, kind: v.kind, file: current.file.path, sameAsDefault },
        });
      }
    },
  },
});
