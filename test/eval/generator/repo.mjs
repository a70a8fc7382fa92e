// Files at the root of the evaluation repository: its README and the deployment pipeline.
const README = `# Contoso RPA — Power Automate solutions

Source of the Contoso automation team's Power Platform solutions and loose desktop-flow scripts.

| Folder | Solution | How it is kept |
|---|---|---|
| \`solutions/InvoiceIntake\` | Invoice Intake | \`pac solution unpack\` |
| \`solutions/HROnboarding\` | HR Onboarding | \`pac solution clone\` (SolutionPackage/*.cdsproj) |
| \`solutions/SapPosting\` | SAP Posting | extracted export zip (SapPosting_1_4_2_0/) |
| \`solutions/MainframeLookup\` | Mainframe Lookup | managed zip from the release pipeline |
| \`solutions/SupplierSync\` | Supplier Sync | \`pac solution unpack\` |
| \`solutions/EmailTriage\` | Email Triage | \`pac solution clone\` (EmailTriage.cdsproj) |
| \`solutions/VendorPayments\` | Vendor Payments | \`pac solution unpack\`; its flowcop.json names the data policies in \`governance/\` |
| \`desktop-scripts/\` | — | desktop flows exported or copied from the designer for review |

Data-policy exports from the Power Platform admin center and PowerShell are kept in \`governance/\`.
Release pipelines: \`pipelines/\` (Azure DevOps), \`.github/workflows/\` (GitHub), \`deploy/\` (pac scripts).

Deployment settings live next to each solution (\`config/<Env>/deploymentSettings.json\`, or
\`deploymentSettings-<env>.json\` for SAP Posting). Values in \`#{…}#\` are replaced by the pipeline.
`;

const PIPELINE = `# Imports every solution into the target environment with its deployment settings.
trigger: none
parameters:
  - name: environment
    type: string
    values: [Dev, Test, Prod]
stages:
  - stage: deploy
    jobs:
      - deployment: import
        environment: rpa-\${{ parameters.environment }}
        strategy:
          runOnce:
            deploy:
              steps:
                - task: qetza.replacetokens.replacetokens-task.replacetokens@5
                  inputs:
                    targetFiles: 'solutions/**/*eploymentSettings*.json'
                    tokenPattern: 'azpipelines'
                - task: PowerPlatformToolInstaller@2
                - task: PowerPlatformPackSolution@2
                  inputs:
                    SolutionSourceFolder: 'solutions/HROnboarding/SolutionPackage/src'
                    SolutionOutputFile: '$(Build.ArtifactStagingDirectory)/HROnboarding.zip'
                - task: PowerPlatformImportSolution@2
                  inputs:
                    authenticationType: PowerPlatformSPN
                    PowerPlatformSPN: 'rpa-\${{ parameters.environment }}'
                    SolutionInputFile: '$(Build.ArtifactStagingDirectory)/HROnboarding.zip'
                    UseDeploymentSettingsFile: true
                    DeploymentSettingsFile: 'solutions/HROnboarding/config/\${{ parameters.environment }}/deploymentSettings.json'
`;

export default function build(ctx) {
  ctx.file('README.md', README);
  ctx.file('pipelines/deploy-solutions.yml', PIPELINE);
}
