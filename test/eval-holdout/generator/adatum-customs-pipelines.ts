// The release pipelines of AdatumCustomsClearance (adatum-customs.ts): Azure DevOps YAML under .pipelines/,
// a GitHub workflow at the tree root and a deploy script calling pac, with the pipeline/ rules' labels.
import { writeText } from './lib';

const ADO = `# Release: UAT, then Production. The managed zip comes from the build pipeline's artifact.
trigger: none
stages:
- stage: UAT
  jobs:
  - deployment: customs_uat
    environment: adatum-uat
    strategy:
      runOnce:
        deploy:
          steps:
          - task: PowerPlatformToolInstaller@2
          - task: PowerPlatformImportSolution@2
            inputs:
              authenticationType: PowerPlatformSPN
              PowerPlatformSPN: adatum-uat
              SolutionInputFile: $(Pipeline.Workspace)/drop/AdatumCustomsClearance_managed.zip
              HoldingSolution: true⟦+pipeline/upgrade-drops-desktop-flow-sharing|acc-ado-uat-holding-upgrade|holding import applied by the next step: an Upgrade of a solution with a desktop flow⟧⟦-alm:pipeline/holding-without-apply|acc-trap-holding-applied|PowerPlatformApplySolutionUpgrade@2 follows for the same solution⟧
              UseDeploymentSettingsFile: true
              DeploymentSettingsFile: AdatumCustomsClearance/config/UAT/deploymentSettings.json⟦-alm:pipeline/missing-settings-file|acc-trap-uat-settings-in-uat|the UAT file in the UAT stage⟧
          - task: PowerPlatformApplySolutionUpgrade@2
            inputs:
              authenticationType: PowerPlatformSPN
              PowerPlatformSPN: adatum-uat
              SolutionName: AdatumCustomsClearance
- stage: Production
  dependsOn: UAT
  jobs:
  - deployment: customs_prod
    environment: adatum-production
    strategy:
      runOnce:
        deploy:
          steps:
          - task: PowerPlatformToolInstaller@2
          - task: PowerPlatformImportSolution@2
            inputs:
              authenticationType: PowerPlatformSPN
              PowerPlatformSPN: adatum-prod
              SolutionInputFile: $(Pipeline.Workspace)/drop/AdatumCustomsClearance_managed.zip
              StageAndUpgrade: 'True'⟦+pipeline/upgrade-drops-desktop-flow-sharing|acc-ado-prod-stage-and-upgrade|StageAndUpgrade (a quoted True) upgrades a solution with a desktop flow⟧
              UseDeploymentSettingsFile: true
              DeploymentSettingsFile: AdatumCustomsClearance/config/UAT/deploymentSettings.json⟦+pipeline/missing-settings-file|acc-ado-prod-uat-settings|the UAT settings file imported in the Production stage⟧
- stage: Training
  dependsOn: Production
  jobs:
  - job: customs_training
    pool:
      vmImage: windows-latest
    steps:
    - task: PowerPlatformToolInstaller@2
    - powershell: |
        pac auth create --name training --applicationId $(PpAppId) --clientSecret $(PpClientSecret) --tenant $(PpTenantId) --environment https://adatum-training.crm4.dynamics.com⟦-credential|acc-trap-ado-secret-variable|a pipeline secret variable, not a value⟧
        pac solution import --path $(Pipeline.Workspace)/drop/AdatumCustomsClearance_managed.zip \`
          --settings-file AdatumCustomsClearance/config/Prod/deploymentSettings.json \`
          --stage-and-upgrade⟦+pipeline/upgrade-drops-desktop-flow-sharing|acc-ado-training-pac-upgrade|pac --stage-and-upgrade inside an inline PowerShell step, continued over three lines⟧
      displayName: Import into the training environment
`;

const GITHUB = `name: customs-hotfix
on:
  workflow_dispatch:
    inputs:
      target:
        description: Environment
        required: true
jobs:
  uat:
    runs-on: windows-latest
    environment: uat
    steps:
      - uses: actions/checkout@v4
      - name: Import as holding
        uses: microsoft/powerplatform-actions/import-solution@v1
        with:
          environment-url: https://adatum-uat.crm4.dynamics.com
          app-id: \${{ secrets.PP_APP_ID }}
          client-secret: \${{ secrets.PP_CLIENT_SECRET }}⟦-credential|acc-trap-gh-secret-ref|a reference to a repository secret⟧
          tenant-id: \${{ secrets.PP_TENANT_ID }}
          solution-file: out/AdatumCustomsClearance_managed.zip
          import-as-holding: true⟦+pipeline/holding-without-apply|acc-gh-uat-holding-no-upgrade|holding import and no upgrade-solution step in the workflow⟧⟦+pipeline/upgrade-drops-desktop-flow-sharing|acc-gh-uat-holding-upgrade|a holding import is the first half of an Upgrade of a solution with a desktop flow⟧
          use-deployment-settings-file: true
          deployment-settings-file: AdatumCustomsClearance/config/UAT/deploymentSettings.json
  production:
    needs: uat
    runs-on: windows-latest
    environment: production
    steps:
      - uses: actions/checkout@v4
      - name: Import (update)
        uses: microsoft/powerplatform-actions/import-solution@v1
        with:
          environment-url: https://adatum.crm4.dynamics.com
          app-id: \${{ secrets.PP_APP_ID }}
          client-secret: \${{ secrets.PP_CLIENT_SECRET }}
          tenant-id: \${{ secrets.PP_TENANT_ID }}
          solution-file: out/AdatumCustomsClearance_managed.zip⟦-alm:pipeline/upgrade-drops-desktop-flow-sharing|acc-trap-gh-prod-update|the default import is an Update⟧
          use-deployment-settings-file: true
          deployment-settings-file: AdatumCustomsClearance/config/Prod/deploymentSettings.json⟦-alm:pipeline/missing-settings-file|acc-trap-gh-prod-settings|Prod settings in the production environment⟧
  hotfix:
    if: \${{ github.event.inputs.target == 'prod' }}
    runs-on: windows-latest
    environment: PowerPlatform-PROD
    steps:
      - uses: actions/checkout@v4
      - uses: microsoft/powerplatform-actions/import-solution@v1
        with:
          environment-url: https://adatum.crm4.dynamics.com
          app-id: \${{ secrets.PP_APP_ID }}
          client-secret: \${{ secrets.PP_CLIENT_SECRET }}
          tenant-id: \${{ secrets.PP_TENANT_ID }}
          solution-file: out/AdatumCustomsClearance_managed.zip
          import-as-holding: true⟦+pipeline/upgrade-drops-desktop-flow-sharing|acc-gh-hotfix-holding-upgrade|holding import applied by upgrade-solution below⟧⟦-alm:pipeline/holding-without-apply|acc-trap-gh-hotfix-applied|upgrade-solution applies it⟧
          use-deployment-settings-file: true
          deployment-settings-file: AdatumCustomsClearance/config/UAT/deploymentSettings.json⟦+pipeline/missing-settings-file|acc-gh-hotfix-uat-settings|the UAT settings in the PowerPlatform-PROD environment⟧
      - uses: microsoft/powerplatform-actions/upgrade-solution@v1
        with:
          environment-url: https://adatum.crm4.dynamics.com
          app-id: \${{ secrets.PP_APP_ID }}
          client-secret: \${{ secrets.PP_CLIENT_SECRET }}
          tenant-id: \${{ secrets.PP_TENANT_ID }}
          solution-name: AdatumCustomsClearance
`;

const DEPLOY_PS1 = `# Manual deployment from the release workstation: pac auth profiles adatum-uat and adatum-prod exist.
pac auth select --name adatum-uat
pac solution import -p ./out/AdatumCustomsClearance_managed.zip --settings-file ../config/UAT/deploymentSettings.json⟦-alm:pipeline/upgrade-drops-desktop-flow-sharing|acc-trap-ps1-update|no switch: an Update⟧
pac auth select --name adatum-prod
pac solution import -p ./out/AdatumCustomsClearance_managed.zip --settings-file ../config/Prod/deploymentSettings.json -up⟦+pipeline/upgrade-drops-desktop-flow-sharing|acc-ps1-prod-up|-up (--stage-and-upgrade) upgrades a solution with a desktop flow⟧
`;

export function buildPipelines(dir: string): void {
  writeText(`${dir}/.pipelines/customs-release.yml`, ADO);
  writeText('.github/workflows/customs-hotfix.yml', GITHUB);
  writeText(`${dir}/deploy/Deploy-Customs.ps1`, DEPLOY_PS1);
}
