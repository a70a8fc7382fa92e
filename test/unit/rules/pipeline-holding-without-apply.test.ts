import rule from '../../../server/src/rules/pipeline/holding-without-apply';
import type { SolutionSpec } from '../../support/fixture';
import { ruleTester } from '../../support/rule-tester';
import { adoImport, ghImport, withPipeline } from '../pipeline-fixtures';

const rpa: SolutionSpec = { uniqueName: 'ContosoRpa', desktopFlows: [{ name: 'Post invoices', script: "@@ConnectionString: ''\r\nSET Done TO 1" }] };
const adoApply = (name: string) => `    - task: PowerPlatformApplySolutionUpgrade@2\n      inputs:\n        SolutionName: ${name}\n`;
const ghApply = '      - uses: microsoft/powerplatform-actions/upgrade-solution@v1\n        with:\n          solution-name: ContosoRpa\n';

ruleTester(rule, {
  valid: [
    { name: 'Azure DevOps holding then apply', solution: withPipeline(rpa, 'azure-pipelines.yml', adoImport({ HoldingSolution: 'true' }) + adoApply('ContosoRpa')) },
    { name: 'GitHub holding then upgrade-solution', solution: withPipeline(rpa, '.github/workflows/deploy.yml', ghImport({ 'import-as-holding': 'true' }) + ghApply) },
    { name: 'pac holding then pac solution upgrade', solution: withPipeline(rpa, 'deploy.sh', 'pac solution import --path ContosoRpa.zip --import-as-holding\npac solution upgrade --solution-name ContosoRpa --async\n') },
    { name: 'apply naming the solution through a variable', solution: withPipeline(rpa, 'azure-pipelines.yml', adoImport({ HoldingSolution: 'true' }) + adoApply('$(SolutionName)')) },
    { name: 'pac apply in the same environment', solution: withPipeline(rpa, 'deploy.sh', 'pac solution import --path ContosoRpa.zip --import-as-holding --environment https://contoso-uat.crm.dynamics.com\npac solution upgrade --solution-name ContosoRpa --environment https://contoso-uat.crm.dynamics.com/\n') },
    { name: 'no holding at all', solution: withPipeline(rpa, 'azure-pipelines.yml', adoImport({ StageAndUpgrade: 'true' })) },
  ],
  invalid: [
    { name: 'Azure DevOps holding, no apply', solution: withPipeline(rpa, 'azure-pipelines.yml', adoImport({ HoldingSolution: 'true' })), errors: [{ text: 'HoldingSolution: true', severity: 'warning', message: /"ContosoRpa_Upgrade"/ }] },
    { name: 'Azure DevOps holding, the apply names another solution', solution: withPipeline(rpa, 'azure-pipelines.yml', adoImport({ HoldingSolution: 'true' }) + adoApply('OtherSolution')), errors: [{ text: 'HoldingSolution: true' }] },
    { name: 'GitHub import-as-holding, no upgrade-solution', solution: withPipeline(rpa, '.github/workflows/deploy.yml', ghImport({ 'import-as-holding': 'true' })), errors: [{ text: 'import-as-holding: true' }] },
    { name: 'the only apply runs in another environment', solution: withPipeline(rpa, 'deploy.sh', 'pac solution import --path ContosoRpa.zip --import-as-holding --environment https://contoso-uat.crm.dynamics.com\npac solution upgrade --solution-name ContosoRpa --environment https://contoso.crm.dynamics.com\n'), errors: [{ text: '--import-as-holding' }] },
    {
      name: 'the only apply runs in another GitHub job environment',
      solution: withPipeline(rpa, '.github/workflows/deploy.yml', ghImport({ 'import-as-holding': 'true' }) + '  hotfix:\n    runs-on: windows-latest\n    environment: Hotfix\n    steps:\n' + ghApply),
      errors: [{ text: 'import-as-holding: true' }],
    },
    { name: 'pac -h with no pac solution upgrade', solution: withPipeline(rpa, 'deploy/import.ps1', 'pac solution import -p ContosoRpa_managed.zip -h\n'), errors: [{ text: '-h' }] },
  ],
});
