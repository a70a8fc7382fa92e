import rule from '../../../server/src/rules/pipeline/missing-settings-file';
import type { SolutionSpec } from '../../support/fixture';
import { ruleTester } from '../../support/rule-tester';
import { adoImport, ghImport, withPipeline } from '../pipeline-fixtures';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const configured: SolutionSpec = {
  uniqueName: 'ContosoRpa',
  connectionReferences: [{ logicalName: 'cr1a2_sharepoint', connectorId: SP }],
  environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite' }],
  cloudFlows: [{ name: 'Invoices', uses: [{ key: 'shared_sharepointonline', logicalName: 'cr1a2_sharepoint' }], definition: { parameters: { 'Invoice Site (cr1a2_InvoiceSite)': { defaultValue: '', type: 'String', metadata: { schemaName: 'cr1a2_InvoiceSite' } } }, actions: { Compose: { type: 'Compose', runAfter: {}, inputs: "@parameters('Invoice Site (cr1a2_InvoiceSite)')" } } } }],
};
const SETTINGS = JSON.stringify({ EnvironmentVariables: [{ SchemaName: 'cr1a2_InvoiceSite', Value: 'https://contoso.sharepoint.com/sites/invoices' }], ConnectionReferences: [{ LogicalName: 'cr1a2_sharepoint', ConnectionId: '4b7e2c1d9f0a4e3b8c6d5a4f3e2d1c0b', ConnectorId: SP }] }, null, 2);
/** The solution with its settings files committed, and a pipeline file. */
const deployed = (path: string, text: string, settings = ['config/Prod/deploymentSettings.json']): SolutionSpec =>
  withPipeline({ ...configured, files: Object.fromEntries(settings.map(p => [p, SETTINGS])) }, path, text);
const bare: SolutionSpec = { uniqueName: 'ContosoRpa', desktopFlows: [{ name: 'Post invoices', script: "@@ConnectionString: ''\r\nSET Done TO 1" }] };

ruleTester(rule, {
  valid: [
    { name: 'Azure DevOps with a settings file', solution: deployed('azure-pipelines.yml', adoImport({ UseDeploymentSettingsFile: 'true', DeploymentSettingsFile: 'config/Prod/deploymentSettings.json' })) },
    { name: 'Azure DevOps with a settings file under $(Build.SourcesDirectory), from a pipelines/ folder', solution: deployed('pipelines/release.yml', adoImport({ UseDeploymentSettingsFile: 'true', DeploymentSettingsFile: '$(Build.SourcesDirectory)/config/Prod/deploymentSettings.json' })) },
    { name: 'a settings file in a build artifact cannot be looked up: nothing reported', solution: withPipeline(configured, 'azure-pipelines.yml', adoImport({ UseDeploymentSettingsFile: 'true', DeploymentSettingsFile: '$(Pipeline.Workspace)/drop/settings.json' })) },
    { name: 'GitHub with a settings file', solution: deployed('.github/workflows/deploy.yml', ghImport({ 'use-deployment-settings-file': 'true', 'deployment-settings-file': 'config/Prod/deploymentSettings.json' })) },
    { name: 'pac with --settings-file, relative to the script', solution: deployed('deploy/import.sh', 'pac solution import --path ContosoRpa.zip --settings-file ../settings/prod.json\n', ['settings/prod.json']) },
    { name: 'a stage name that names no known environment never mismatches', solution: deployed('azure-pipelines.yml', adoImport({ UseDeploymentSettingsFile: 'true', DeploymentSettingsFile: 'config/Test/deploymentSettings.json' }).replace('stage: Prod', 'stage: Release'), ['config/Test/deploymentSettings.json']) },
    { name: 'a solution with nothing to configure', solution: withPipeline(bare, 'azure-pipelines.yml', adoImport({})) },
  ],
  invalid: [
    { name: 'Azure DevOps without a settings file', solution: withPipeline(configured, 'azure-pipelines.yml', adoImport({})), errors: [{ text: 'task: PowerPlatformImportSolution@2', severity: 'warning', message: /1 environment variable and 1 connection reference/ }] },
    { name: 'Azure DevOps naming a settings file with UseDeploymentSettingsFile off', solution: withPipeline(configured, 'azure-pipelines.yml', adoImport({ DeploymentSettingsFile: 'config/Prod/deploymentSettings.json' })), errors: [{ text: 'task: PowerPlatformImportSolution@2' }] },
    { name: 'GitHub without a settings file', solution: withPipeline(configured, '.github/workflows/deploy.yml', ghImport({})), errors: [{ text: 'uses: microsoft/powerplatform-actions/import-solution@v1' }] },
    { name: 'pac without --settings-file', solution: withPipeline(configured, 'deploy.ps1', 'pac solution import --path ContosoRpa.zip\n'), errors: [{ text: 'pac solution import --path ContosoRpa.zip' }] },
    { name: 'a settings path that names no file', solution: deployed('azure-pipelines.yml', adoImport({ UseDeploymentSettingsFile: 'true', DeploymentSettingsFile: 'config/Production/deploymentSettings.json' })), errors: [{ text: 'DeploymentSettingsFile: config/Production/deploymentSettings.json', message: /is not in the repository/ }] },
    { name: 'the Test settings file in the Prod stage (Azure DevOps)', solution: deployed('azure-pipelines.yml', adoImport({ UseDeploymentSettingsFile: 'true', DeploymentSettingsFile: 'config/Test/deploymentSettings.json' }), ['config/Test/deploymentSettings.json']), errors: [{ text: 'DeploymentSettingsFile: config/Test/deploymentSettings.json', message: /for the Test environment, but this import runs in "Prod"/ }] },
    { name: 'the Test settings file in the Prod GitHub environment', solution: deployed('.github/workflows/deploy.yml', ghImport({ 'use-deployment-settings-file': 'true', 'deployment-settings-file': 'settings/test.deploymentSettings.json' }), ['settings/test.deploymentSettings.json']), errors: [{ text: 'deployment-settings-file: settings/test.deploymentSettings.json' }] },
  ],
});
