import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/settings/single-identity';
import type { SolutionSpec } from '../../support/fixture';
import { runCase, ruleTester } from '../../support/rule-tester';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const O365 = '/providers/Microsoft.PowerApps/apis/shared_office365';
const UIFLOW = '/providers/Microsoft.PowerApps/apis/shared_uiflow';
const refs: SolutionSpec['connectionReferences'] = [
  { logicalName: 'cr1a2_sharepoint', connectorId: SP },
  { logicalName: 'cr1a2_office365', connectorId: O365 },
  { logicalName: 'cr1a2_desktop', connectorId: UIFLOW },
];
const cr = (LogicalName: string, ConnectorId: string, ConnectionId: string, ConnectionOwner?: string) => ({ LogicalName, ConnectionId, ConnectorId, ...(ConnectionOwner ? { ConnectionOwner } : {}) });
const all = (owner: (n: number) => string | undefined) => ({ EnvironmentVariables: [], ConnectionReferences: [cr('cr1a2_sharepoint', SP, 'c1', owner(1)), cr('cr1a2_office365', O365, 'c2', owner(2)), cr('cr1a2_desktop', UIFLOW, 'c3', owner(3))] });
const sol = (settings: Record<string, unknown>, connectionReferences = refs): SolutionSpec => ({ connectionReferences, settings });

ruleTester(rule, {
  valid: [
    { name: 'connections split by role', solution: sol({ Prod: all(n => (n === 3 ? 'prod-rpa-bot@contoso.com' : 'prod-rpa-cloud@contoso.com')) }) },
    { name: 'one owner unknown: cannot tell', solution: sol({ Prod: all(n => (n === 2 ? undefined : 'svc-rpa@contoso.com')) }) },
    { name: 'owner tokens', solution: sol({ Prod: all(() => '#{connectionreference.user}#') }) },
    { name: 'a reference without an entry: cannot tell', solution: sol({ Prod: { EnvironmentVariables: [], ConnectionReferences: [cr('cr1a2_sharepoint', SP, 'c1', 'svc@contoso.com'), cr('cr1a2_office365', O365, 'c2', 'svc@contoso.com')] } }) },
    { name: 'two references of one connector are one job', solution: sol({ Prod: { EnvironmentVariables: [], ConnectionReferences: [cr('cr1a2_sharepoint', SP, 'c1', 'svc@contoso.com'), cr('cr1a2_sharepoint_2', SP, 'c2', 'svc@contoso.com')] } }, [{ logicalName: 'cr1a2_sharepoint', connectorId: SP }, { logicalName: 'cr1a2_sharepoint_2', connectorId: SP }]) },
    { name: 'a single connection reference', solution: sol({ Prod: { EnvironmentVariables: [], ConnectionReferences: [cr('cr1a2_sharepoint', SP, 'c1', 'svc@contoso.com')] } }, [{ logicalName: 'cr1a2_sharepoint', connectorId: SP }]) },
    { name: '--env Test: Prod is not checked', environment: 'Test', solution: sol({ Test: all(n => `test-rpa-${n === 3 ? 'bot' : 'cloud'}@contoso.com`), Prod: all(() => 'svc@contoso.com') }) },
  ],
  invalid: [
    {
      name: 'one account owns the SharePoint, Outlook and desktop-flow connections: reported once, at the first owner',
      solution: sol({ Prod: all(() => 'prod-rpa-bot@contoso.com') }),
      errors: [{ text: 'prod-rpa-bot@contoso.com', message: /^In the Prod deployment settings one account, "prod-rpa-bot@…" \(the bot account\), owns every connection of solution \w+ \(3 connection references, 3 connectors\)/, severity: 'warning', element: 'cr1a2_sharepoint' }],
      secrets: ['contoso.com'],
    },
    {
      name: 'owners inside ConnectionIds, each environment on its own',
      solution: sol({
        Test: { EnvironmentVariables: [], ConnectionReferences: [cr('cr1a2_sharepoint', SP, 'shared_sharepointonline:svc@contoso.com'), cr('cr1a2_office365', O365, 'shared_office365:svc@contoso.com'), cr('cr1a2_desktop', UIFLOW, 'shared_uiflow:svc@contoso.com')] },
        Prod: all(n => (n === 3 ? 'prod-rpa-bot@contoso.com' : 'prod-rpa-cloud@contoso.com')),
      }),
      errors: [{ message: /^In the Test deployment settings one account, "svc@…", owns every connection/ }],
    },
  ],
});

test('settings/single-identity: data', () => {
  const { findings } = runCase(rule, { solution: sol({ Prod: all(() => 'svc@contoso.com') }) });
  assert.deepEqual(findings[0].data, { environment: 'Prod', account: 'svc@…', references: ['cr1a2_sharepoint', 'cr1a2_office365', 'cr1a2_desktop'], connectors: ['shared_sharepointonline', 'shared_office365', 'shared_uiflow'] });
});

// Pipeline identities: service connections, app ids and pac auth users per stage.
const rpa: SolutionSpec = { uniqueName: 'ContosoRpa', desktopFlows: [{ name: 'Post invoices', script: "@@ConnectionString: ''\r\nSET Done TO 1" }] };
const withFile = (path: string, text: string): SolutionSpec => ({ ...rpa, files: { [path]: text } });

/** An Azure DevOps pipeline with one import per stage, each with its service connection. */
function adoStages(stages: Array<[stage: string, connection: string]>): string {
  const lines = ['stages:'];
  for (const [stage, connection] of stages) {
    lines.push(`- stage: ${stage}`, '  jobs:', '  - job: Deploy', '    steps:', '    - task: PowerPlatformImportSolution@2', '      inputs:',
      '        authenticationType: PowerPlatformSPN', `        PowerPlatformSPN: ${connection}`, '        SolutionInputFile: drop/ContosoRpa_managed.zip');
  }
  return `${lines.join('\n')}\n`;
}

/** A GitHub workflow with one job per entry: its GitHub environment (or none) and its inputs. */
function ghJobs(jobs: Array<{ environment?: string; inputs: Record<string, string> }>): string {
  const lines = ['on: workflow_dispatch', 'jobs:'];
  jobs.forEach((job, i) => {
    lines.push(`  deploy${i}:`, '    runs-on: windows-latest', ...(job.environment ? [`    environment: ${job.environment}`] : []), '    steps:',
      '      - uses: microsoft/powerplatform-actions/import-solution@v1', '        with:', '          solution-file: out/ContosoRpa_managed.zip',
      ...Object.entries(job.inputs).map(([k, v]) => `          ${k}: ${v}`));
  });
  return `${lines.join('\n')}\n`;
}

const APP = '3f2c1b0a-1111-4222-8333-944445555666';
const pacTwoTargets = `pac auth create --applicationId ${APP} --clientSecret $env:CLIENT_SECRET --tenant $env:TENANT\n`
  + 'pac solution import --path ContosoRpa_managed.zip --environment https://contoso-dev.crm.dynamics.com\n'
  + 'pac solution import --path ContosoRpa_managed.zip --environment https://contoso-prod.crm.dynamics.com\n';

ruleTester(rule, {
  valid: [
    { name: 'Azure DevOps: one service connection per stage, named for it', solution: withFile('azure-pipelines.yml', adoStages([['Dev', 'contoso-dev-spn'], ['Prod', 'contoso-prod-spn']])) },
    { name: 'Azure DevOps: the connection is a variable (may be set per stage)', solution: withFile('azure-pipelines.yml', adoStages([['Dev', '$(ServiceConnection)'], ['Prod', '$(ServiceConnection)']])) },
    { name: 'Azure DevOps: stages that name no environment', solution: withFile('azure-pipelines.yml', adoStages([['Build', 'contoso-spn'], ['Release', 'contoso-spn']])) },
    { name: 'GitHub: one secret name in jobs with GitHub environments (environment secrets differ)', solution: withFile('.github/workflows/deploy.yml', ghJobs([{ environment: 'Dev', inputs: { 'app-id': '${{ secrets.APP_ID }}' } }, { environment: 'Prod', inputs: { 'app-id': '${{ secrets.APP_ID }}' } }])) },
    { name: 'GitHub: a secret named for the job\'s environment', solution: withFile('.github/workflows/deploy.yml', ghJobs([{ environment: 'Production', inputs: { 'app-id': '${{ secrets.PROD_APP_ID }}' } }])) },
    { name: 'pac: one app id, one target environment', solution: withFile('deploy/release.ps1', pacTwoTargets.split('\n').slice(0, 2).join('\n')) },
    { name: '--env Test: the Dev and Prod stages are not reported', environment: 'Test', solution: withFile('azure-pipelines.yml', adoStages([['Dev', 'contoso-spn'], ['Prod', 'contoso-spn']])) },
  ],
  invalid: [
    {
      name: 'Azure DevOps: one service connection deploys Dev and Prod, reported at each stage\'s input',
      solution: withFile('azure-pipelines.yml', adoStages([['Dev', 'contoso-spn'], ['Prod', 'contoso-spn']])),
      errors: [
        { text: 'PowerPlatformSPN: contoso-spn', element: 'ContosoRpa', message: /^The service connection "contoso-spn" deploys "ContosoRpa" in "Dev" here and in "Prod" \(line 18\): one identity can change all of these environments/ },
        { text: 'PowerPlatformSPN: contoso-spn', message: /in "Prod" here and in "Dev" \(line 9\)/ },
      ],
    },
    {
      name: 'Azure DevOps: the Dev service connection used in the Prod stage',
      solution: withFile('azure-pipelines.yml', adoStages([['Dev', 'dev-spn'], ['Prod', 'dev-spn']])),
      errors: [
        { text: 'PowerPlatformSPN: dev-spn', message: /in "Dev" here and in "Prod"/ },
        { text: 'PowerPlatformSPN: dev-spn', message: /in "Prod" here and in "Dev"/ },
        { text: 'PowerPlatformSPN: dev-spn', message: /^The service connection "dev-spn" is named for dev, but this step deploys "ContosoRpa" in "Prod"/ },
      ],
    },
    {
      name: 'GitHub: a Dev secret in the Prod environment',
      solution: withFile('.github/workflows/deploy.yml', ghJobs([{ environment: 'Prod', inputs: { 'app-id': '${{ secrets.DEV_APP_ID }}' } }])),
      errors: [{ text: 'app-id: ${{ secrets.DEV_APP_ID }}', message: /^The app registration "\$\{\{ secrets.DEV_APP_ID \}\}" is named for dev, but this step deploys "ContosoRpa" in "Prod"/ }],
    },
    {
      name: 'GitHub: one repository secret for jobs that target Dev and Prod',
      solution: withFile('.github/workflows/deploy.yml', ghJobs([
        { inputs: { 'environment-url': '${{ secrets.DEV_URL }}', 'app-id': '${{ secrets.APP_ID }}' } },
        { inputs: { 'environment-url': '${{ secrets.PROD_URL }}', 'app-id': '${{ secrets.APP_ID }}' } },
      ])),
      errors: [{ text: 'app-id: ${{ secrets.APP_ID }}' }, { text: 'app-id: ${{ secrets.APP_ID }}' }],
    },
    {
      name: 'pac: one app id imports into Dev and Prod: one finding at the pac auth line (the id is shortened in the message)',
      solution: withFile('deploy/release.ps1', pacTwoTargets),
      errors: [
        { text: `--applicationId ${APP}`, message: /^The app registration "3f2c1b0a…" deploys "ContosoRpa" in "https:\/\/contoso-dev.crm.dynamics.com" and "https:\/\/contoso-prod.crm.dynamics.com" here: / },
      ],
      secrets: [APP],
    },
    {
      name: 'pac: a Dev bot account signs in for a Prod import',
      solution: withFile('scripts/deploy.sh', 'pac auth create --username dev-rpa-bot@contoso.com --password "$PW"\npac solution import --path ContosoRpa_managed.zip --environment https://contoso-prod.crm.dynamics.com\n'),
      errors: [{ text: '--username dev-rpa-bot@contoso.com', message: /^The account "dev-rpa-bot@…" is named for dev/ }],
      secrets: ['contoso.com'],
    },
  ],
});

test('settings/single-identity: one identity across files names the other file; data lists the environments', () => {
  const spec: SolutionSpec = { ...rpa, files: {
    'deploy/dev.ps1': 'pac auth create --applicationId 3f2c1b0a-1111-4222-8333-944445555666\npac solution import --path ContosoRpa.zip --environment https://contoso-dev.crm.dynamics.com\n',
    '.github/workflows/deploy.yml': ghJobs([{ environment: 'Production', inputs: { 'app-id': '3f2c1b0a-1111-4222-8333-944445555666' } }]),
  } };
  const { findings } = runCase(rule, { solution: spec });
  assert.deepEqual(findings.map(f => f.data), [
    { identity: '3f2c1b0a…', kind: 'application', environments: ['Production', 'https://contoso-dev.crm.dynamics.com'] },
    { identity: '3f2c1b0a…', kind: 'application', environments: ['Production', 'https://contoso-dev.crm.dynamics.com'] },
  ]);
  assert.deepEqual(findings.map(f => f.message.replace(/: one identity.*/, '')).sort(), [
    'The app registration "3f2c1b0a…" deploys "ContosoRpa" in "https://contoso-dev.crm.dynamics.com" here and in "Production" (../.github/workflows/deploy.yml line 10)',
    'The app registration "3f2c1b0a…" deploys "ContosoRpa" in "Production" here and in "https://contoso-dev.crm.dynamics.com" (../../deploy/dev.ps1 line 1)',
  ].sort());
});
