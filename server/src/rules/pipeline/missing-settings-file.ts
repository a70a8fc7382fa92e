// An import of a solution with environment variables or connection references and no deployment
// settings file: the variables keep their default (or no) value and the references stay unbound, so
// flows that use them are turned off or fail in the target environment. The settings file is passed
// only when UseDeploymentSettingsFile / use-deployment-settings-file is true (governance.md §3.2).
// Also: a settings path that names no file in the tree, and a file whose path names another
// environment than the stage it is used in (settings files hold no environment id, §3.3).
import { namesDifferentEnvironment } from '../../analysis/pipeline/environments';
import { assumedNote } from '../../analysis/pipeline/assumed';
import { importsOf } from '../../model/pipeline';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'pipeline/missing-settings-file',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'An import of a solution with environment variables or connection references that passes no deployment settings file, a settings file that does not exist, or one for another environment than the stage.',
    fixable: false,
  },
  check: {
    solution(ctx, solution) {
      const vars = solution.environmentVariables.length;
      const refs = solution.connectionReferences.length;
      if (!vars && !refs) return;
      for (const linked of importsOf(solution)) {
        const { step } = linked;
        // An in-product pipeline asks for the values in its own deployment dialog.
        if (step.mode === 'pipeline-deploy') continue;
        const lookup = step.settingsLookup;
        if (step.settingsFile && lookup?.state === 'missing') {
          ctx.report({
            message: `The deployment settings file "${step.settingsFile.text.trim()}" for "${solution.uniqueName}" is not in the repository (looked up from this pipeline's folder and every folder above it): the import fails. Fix the path or commit the file.`,
            loc: step.settingsFile.loc,
            element: { kind: 'solution', name: solution.uniqueName },
          });
          continue;
        }
        if (step.settingsFile && lookup?.state === 'found' && lookup.environment && step.stage && namesDifferentEnvironment(lookup.environment, step.stage)) {
          ctx.report({
            message: `The deployment settings file "${step.settingsFile.text.trim()}" is for the ${lookup.environment} environment, but this import runs in "${step.stage}": `
              + `"${solution.uniqueName}" would get the other environment's values and connections. Settings files carry no environment id, so only the path tells; use the ${step.stage} file.`,
            loc: step.settingsFile.loc,
            element: { kind: 'solution', name: solution.uniqueName },
          });
          continue;
        }
        if (step.settingsFile) continue;
        const what = [vars ? `${vars} environment variable${vars > 1 ? 's' : ''}` : '', refs ? `${refs} connection reference${refs > 1 ? 's' : ''}` : ''].filter(Boolean).join(' and ');
        ctx.report({
          message: `This step imports "${solution.uniqueName}"${assumedNote(linked, solution.uniqueName)}, which has ${what}, without a deployment settings file: `
            + 'the variables keep their default values and the references stay unbound, so flows that use them are turned off or fail after the import. '
            + 'Pass one (UseDeploymentSettingsFile: true with DeploymentSettingsFile, use-deployment-settings-file with deployment-settings-file, or --settings-file).',
          loc: step.loc,
          element: { kind: 'solution', name: solution.uniqueName },
        });
      }
    },
  },
});
