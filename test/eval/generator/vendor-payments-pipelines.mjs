// The release pipelines of VendorPayments (vendor-payments.mjs): Azure DevOps YAML, a GitHub workflow and
// pac scripts, as the team commits them, with the labels of the pipeline/ rules on the lines they decide.

const ZIP = '$(Pipeline.Workspace)/drop/VendorPayments_1_2_0_0_managed.zip';
const ADO_PIPELINE = `# Release of Vendor Payments: Dev, Test, Prod. The build stage publishes the managed zip as "drop".
trigger: none
resources:
  pipelines:
    - pipeline: build
      source: vendor-payments-build
stages:
  - stage: Dev
    jobs:
      - deployment: import_dev
        environment: rpa-dev
        strategy:
          runOnce:
            deploy:
              steps:
                - task: PowerPlatformToolInstaller@2
                - task: PowerPlatformImportSolution@2
                  inputs:
                    authenticationType: PowerPlatformSPN
                    PowerPlatformSPN: rpa-dev
                    SolutionInputFile: ${ZIP}⟦-alm pipeline/upgrade-drops-desktop-flow-sharing: the default import is an Update, which keeps the desktop flows' sharing⟧
                    AsyncOperation: true
                    MaxAsyncWaitTime: 60
                    UseDeploymentSettingsFile: true
                    DeploymentSettingsFile: solutions/VendorPayments/config/Dev/deploymentSettings.json⟦-alm pipeline/missing-settings-file: the Dev settings in the Dev stage⟧
  - stage: Test
    dependsOn: Dev
    jobs:
      - deployment: import_test
        environment: rpa-test
        strategy:
          runOnce:
            deploy:
              steps:
                - task: PowerPlatformToolInstaller@2
                - task: PowerPlatformImportSolution@2
                  inputs:
                    authenticationType: PowerPlatformSPN
                    PowerPlatformSPN: rpa-test
                    SolutionInputFile: ${ZIP}
                    StageAndUpgrade: true⟦+alm pipeline/upgrade-drops-desktop-flow-sharing: StageAndUpgrade upgrades VendorPayments, which holds the desktop flow Bank Upload⟧
                    UseDeploymentSettingsFile: true
                    DeploymentSettingsFile: solutions/VendorPayments/config/Test/deploymentSettings.json
  - stage: Prod
    dependsOn: Test
    jobs:
      - deployment: import_prod
        environment: rpa-prod
        strategy:
          runOnce:
            deploy:
              steps:
                - task: PowerPlatformToolInstaller@2
                - task: PowerPlatformImportSolution@2
                  inputs:
                    authenticationType: PowerPlatformSPN
                    PowerPlatformSPN: rpa-prod
                    SolutionInputFile: ${ZIP}
                    HoldingSolution: true⟦+alm pipeline/holding-without-apply: imported as a holding solution and no PowerPlatformApplySolutionUpgrade@2 follows⟧⟦+alm pipeline/upgrade-drops-desktop-flow-sharing: a holding import is the first half of an Upgrade (applying it is the only way forward) of a solution with a desktop flow; corrected after the first run, see the README⟧
                    UseDeploymentSettingsFile: true
                    DeploymentSettingsFile: solutions/VendorPayments/config/Test/deploymentSettings.json⟦+alm pipeline/missing-settings-file: the Test settings file in the Prod stage⟧
`;

const GITHUB_WORKFLOW = `name: vendor-payments-release
on:
  workflow_dispatch:
jobs:
  deploy-test:
    runs-on: windows-latest
    environment: Test
    steps:
      - uses: actions/checkout@v4
      - uses: actions/download-artifact@v4
        with:
          name: managed-solutions
          path: out
      - uses: microsoft/powerplatform-actions/import-solution@v1
        with:
          environment-url: \${{ vars.DATAVERSE_URL }}
          app-id: \${{ vars.RPA_APP_ID }}
          client-secret: \${{ secrets.RPA_CLIENT_SECRET }}
          tenant-id: \${{ vars.TENANT_ID }}
          solution-file: out/VendorPayments_1_2_0_0_managed.zip
          stage-and-upgrade: true⟦+alm pipeline/upgrade-drops-desktop-flow-sharing: stage-and-upgrade upgrades a solution with a desktop flow⟧
          use-deployment-settings-file: true
          deployment-settings-file: solutions/VendorPayments/config/Test/deploymentSettings.json
  deploy-prod:
    needs: deploy-test
    runs-on: windows-latest
    environment: Prod
    steps:
      - uses: actions/checkout@v4
      - uses: actions/download-artifact@v4
        with:
          name: managed-solutions
          path: out
      - uses: microsoft/powerplatform-actions/import-solution@v1
        with:
          environment-url: \${{ vars.DATAVERSE_URL }}
          app-id: \${{ vars.RPA_APP_ID }}
          client-secret: \${{ secrets.RPA_CLIENT_SECRET }}⟦-cred: a reference to a GitHub secret⟧
          tenant-id: \${{ vars.TENANT_ID }}
          solution-file: out/VendorPayments_1_2_0_0_managed.zip⟦-alm pipeline/upgrade-drops-desktop-flow-sharing: the default import updates and keeps the sharing⟧
          use-deployment-settings-file: true
          deployment-settings-file: \${{ github.workspace }}/solutions/VendorPayments/config/Prod/deploymentSettings.json⟦-alm pipeline/missing-settings-file: the Prod settings in the Prod environment, from the workspace root⟧
`;

const PS_SCRIPT = `# Hotfix import of Vendor Payments into Prod from an admin workstation (pac CLI 1.38).
$ErrorActionPreference = "Stop"
pac auth select --name rpa-prod
pac solution import --path ./out/VendorPayments_1_2_0_0_managed.zip --settings-file ./solutions/VendorPayments/config/Prod/deploymentSettings.json --stage-and-upgrade --async⟦+alm pipeline/upgrade-drops-desktop-flow-sharing: --stage-and-upgrade upgrades a solution with a desktop flow⟧
Write-Host "Vendor Payments imported. Re-share the desktop flows with the treasury group."
`;

const HOTFIX_PIPELINE = `# Hotfixes and refreshes of Vendor Payments, run by hand.
trigger: none
variables:
  UpgradeMode: false
stages:
  - stage: Hotfix_Prod
    jobs:
      - job: pac_hotfix
        pool:
          vmImage: windows-latest
        steps:
          - task: PowerPlatformToolInstaller@2
          - script: pac auth create --name prod --applicationId $(AppId) --clientSecret $(ClientSecret) --tenant $(TenantId) --environment https://contoso-fin.crm4.dynamics.com⟦-cred: pipeline variables, not secrets⟧
          - script: pac solution import --path $(Pipeline.Workspace)/drop/VendorPayments_1_2_0_0_managed.zip --import-as-holding --settings-file solutions/VendorPayments/config/Prod/deploymentSettings.json⟦+alm pipeline/upgrade-drops-desktop-flow-sharing: holding import applied by pac solution upgrade two lines below: an Upgrade of a solution with desktop flows⟧⟦-alm pipeline/holding-without-apply: pac solution upgrade applies it in the next step⟧
          - script: pac solution upgrade --solution-name VendorPayments --async
      - job: task_hotfix
        pool:
          vmImage: windows-latest
        steps:
          - task: PowerPlatformToolInstaller@2
          - task: PowerPlatformImportSolution@2
            inputs:
              authenticationType: PowerPlatformSPN
              PowerPlatformSPN: rpa-prod
              SolutionInputFile: $(Pipeline.Workspace)/drop/VendorPayments_1_2_0_0_managed.zip
              stageAndUpgrade: true⟦+alm pipeline/upgrade-drops-desktop-flow-sharing: input names are case-insensitive in Azure DevOps: stageAndUpgrade is StageAndUpgrade⟧
              UseDeploymentSettingsFile: true
              DeploymentSettingsFile: solutions/VendorPayments/config/Prod/deploymentSettings.prod.json⟦+alm pipeline/missing-settings-file: no such file (the Prod file is config/Prod/deploymentSettings.json)⟧
      - job: task_hotfix_variable
        pool:
          vmImage: windows-latest
        steps:
          - task: PowerPlatformToolInstaller@2
          - task: PowerPlatformImportSolution@2
            inputs:
              authenticationType: PowerPlatformSPN
              PowerPlatformSPN: rpa-prod
              SolutionInputFile: $(Pipeline.Workspace)/drop/VendorPayments_1_2_0_0_managed.zip
              StageAndUpgrade: $(UpgradeMode)⟦-alm pipeline/upgrade-drops-desktop-flow-sharing: a variable (false here) decides; only a literal true is an Upgrade for certain⟧
              UseDeploymentSettingsFile: true
              DeploymentSettingsFile: $(Build.SourcesDirectory)/solutions/VendorPayments/config/Prod/deploymentSettings.json⟦-alm pipeline/missing-settings-file: the sources directory is the repository root, where this file exists⟧
  - stage: Refresh_Dev
    jobs:
      - job: refresh
        pool:
          vmImage: windows-latest
        steps:
          - task: PowerPlatformToolInstaller@2
          - task: PowerPlatformImportSolution@2⟦+@vp-refresh-no-settings alm pipeline/missing-settings-file: DeploymentSettingsFile without UseDeploymentSettingsFile: true is never passed; the connection references stay unbound⟧
            inputs:
              authenticationType: PowerPlatformSPN
              PowerPlatformSPN: rpa-dev
              SolutionInputFile: $(Pipeline.Workspace)/drop/VendorPayments_1_2_0_0_managed.zip
              DeploymentSettingsFile: solutions/VendorPayments/config/Dev/deploymentSettings.json⟦~vp-refresh-no-settings⟧
`;

const PROMOTE_SH = `#!/usr/bin/env bash
# Promotes Vendor Payments through the in-product pipeline "Finance release" (stage: Prod).
set -euo pipefail
pac auth select --name rpa-host
pac pipeline deploy --solutionName VendorPayments --stageId 7c0e5b1a-3d2f-4e8a-9b6c-1f4d2a7e9c30 --currentVersion 1.2.0.0 --newVersion 1.2.0.1 --wait⟦+alm pipeline/upgrade-drops-desktop-flow-sharing: in-product pipelines always upgrade⟧⟦-alm pipeline/missing-settings-file: an in-product pipeline asks for its values in its own deployment step⟧
`;

export default function build(ctx) {
  ctx.file('pipelines/release-vendor-payments.yml', ADO_PIPELINE);
  ctx.file('.github/workflows/vendor-payments-release.yml', GITHUB_WORKFLOW);
  ctx.file('deploy/Import-VendorPayments.ps1', PS_SCRIPT);
  ctx.file('pipelines/vendor-payments-hotfix.yml', HOTFIX_PIPELINE);
  ctx.file('deploy/promote-vendor-payments.sh', PROMOTE_SH);
}
