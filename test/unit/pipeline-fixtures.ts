// Pipeline files for tests: an Azure DevOps import task, a GitHub import action and a pac script,
// each importing ContosoRpa_managed.zip, placed in a solution fixture's tree.
import type { SolutionSpec } from '../support/fixture';

export function withPipeline(spec: SolutionSpec, path: string, text: string): SolutionSpec {
  return { ...spec, files: { ...(spec.files ?? {}), [path]: text } };
}

export function adoImport(inputs: Record<string, string>, solutionFile = '$(Pipeline.Workspace)/drop/ContosoRpa_managed.zip'): string {
  return [
    'trigger: none',
    'stages:',
    '- stage: Prod',
    '  jobs:',
    '  - job: Deploy',
    '    steps:',
    '    - task: PowerPlatformToolInstaller@2',
    '    - task: PowerPlatformImportSolution@2',
    '      inputs:',
    '        authenticationType: PowerPlatformSPN',
    '        PowerPlatformSPN: contoso-prod',
    `        SolutionInputFile: ${solutionFile}`,
    ...Object.entries(inputs).map(([k, v]) => `        ${k}: ${v}`),
    '',
  ].join('\n');
}

export function ghImport(inputs: Record<string, string>, solutionFile = 'out/ContosoRpa_managed.zip'): string {
  return [
    'name: deploy',
    'on: workflow_dispatch',
    'jobs:',
    '  deploy:',
    '    runs-on: windows-latest',
    '    environment: Prod',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: microsoft/powerplatform-actions/import-solution@v1',
    '        with:',
    '          environment-url: https://contoso-prod.crm.dynamics.com',
    '          app-id: ${{ vars.APP_ID }}',
    '          client-secret: ${{ secrets.CLIENT_SECRET }}',
    '          tenant-id: ${{ vars.TENANT_ID }}',
    `          solution-file: ${solutionFile}`,
    ...Object.entries(inputs).map(([k, v]) => `          ${k}: ${v}`),
    '',
  ].join('\n');
}

/** A PowerShell deployment script; `extra` is appended to the import command line. */
export function pacScript(extra: string): string {
  return `pac auth create --environment $env:PROD_URL\npac solution import --path ./out/ContosoRpa_managed.zip${extra}\nWrite-Host done\n`;
}
