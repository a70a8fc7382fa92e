// First contact of the pipeline rules with public repositories (test/eval-pipelines/FIRST-CONTACT.md):
// two false alarms of pipeline/missing-settings-file, reproduced on fixtures (both failed before the fix).
import rule from '../../../server/src/rules/pipeline/missing-settings-file';
import type { SolutionSpec } from '../../support/fixture';
import { ruleTester } from '../../support/rule-tester';
import { adoImport, ghImport, withPipeline } from '../pipeline-fixtures';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const configured: SolutionSpec = {
  uniqueName: 'ContosoRpa',
  connectionReferences: [{ logicalName: 'cr1a2_sharepoint', connectorId: SP }],
  cloudFlows: [{ name: 'Invoices', uses: [{ key: 'shared_sharepointonline', logicalName: 'cr1a2_sharepoint' }] }],
};

ruleTester(rule, {
  valid: [
    {
      // microsoft/coe-alm-accelerator-templates Pipelines/Templates/deploy-Solution.yml:127-224: the switch is a
      // pipeline variable set from the presence of the settings file; "UseDeploymentSettingsFile: $(UseDeploymentSettings)"
      // is not "without the switch" and must not be reported as an import without a settings file.
      name: 'UseDeploymentSettingsFile from a pipeline variable, with a settings path: not known to be off',
      solution: withPipeline(configured, 'azure-pipelines.yml', adoImport({ UseDeploymentSettingsFile: '$(UseDeploymentSettings)', DeploymentSettingsFile: '$(DeploymentSettingsPath)' })),
    },
    {
      // CSE-Neutrino/dataverse-serviceendpoint-sample .github/workflows/deploy.yml:51: the workflow's own `env:` names
      // the solution ("solution_name: RegisterServiceEndpointsSolution"); the import is not one of ContosoRpa.
      name: 'GitHub solution-file built from a workflow-level env value that names another solution',
      solution: withPipeline(configured, '.github/workflows/deploy.yml',
        ghImport({}, 'out/${{ env.solution_name }}.zip').replace('on: workflow_dispatch\n', 'on: workflow_dispatch\nenv:\n  solution_name: RegisterServiceEndpointsSolution\n')),
    },
  ],
  invalid: [
    {
      name: 'control: the same workflow-level env value naming this solution still reports the import without settings',
      solution: withPipeline(configured, '.github/workflows/deploy.yml',
        ghImport({}, 'out/${{ env.solution_name }}_managed.zip').replace('on: workflow_dispatch\n', 'on: workflow_dispatch\nenv:\n  solution_name: ContosoRpa\n')),
      errors: [{ text: 'uses: microsoft/powerplatform-actions/import-solution@v1' }],
    },
  ],
});
