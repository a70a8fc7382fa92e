import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/settings/shared-connection';
import type { SolutionSpec } from '../../support/fixture';
import { runCase, ruleTester } from '../../support/rule-tester';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const refs: SolutionSpec['connectionReferences'] = [{ logicalName: 'cr1a2_sharepoint', connectorId: SP }, { logicalName: 'cr1a2_sharepoint_2', connectorId: SP }];
const cr = (LogicalName: string, ConnectionId: string) => ({ LogicalName, ConnectionId, ConnectorId: SP });
const env = (...c: unknown[]) => ({ EnvironmentVariables: [], ConnectionReferences: c });
const sol = (settings: Record<string, unknown>, files?: Record<string, string>): SolutionSpec => ({ connectionReferences: refs, settings, ...(files ? { files } : {}) });

ruleTester(rule, {
  valid: [
    { name: 'one connection per environment', solution: sol({ Dev: env(cr('cr1a2_sharepoint', 'shared-sharepointonl-dev1')), Prod: env(cr('cr1a2_sharepoint', 'shared-sharepointonl-prd1')) }) },
    { name: 'the same pipeline token in every environment', solution: sol({ Test: env(cr('cr1a2_sharepoint', '#{connectionreference.cr1a2_sharepoint}#')), Prod: env(cr('cr1a2_sharepoint', '#{connectionreference.cr1a2_sharepoint}#')) }) },
    { name: 'one connection for two references inside one environment', solution: sol({ Prod: env(cr('cr1a2_sharepoint', 'shared-sharepointonl-prd1'), cr('cr1a2_sharepoint_2', 'shared-sharepointonl-prd1')) }) },
    { name: 'empty connection ids are another rule\'s business', solution: sol({ Test: env(cr('cr1a2_sharepoint', '')), Prod: env(cr('cr1a2_sharepoint', '')) }) },
    { name: 'a shared deploymentSettings.json template is not an environment', solution: sol({ Prod: env(cr('cr1a2_sharepoint', 'shared-sharepointonl-prd1')) }, { 'config/deploymentSettings.json': JSON.stringify(env(cr('cr1a2_sharepoint', 'shared-sharepointonl-prd1'))) }) },
    { name: 'a single environment', solution: sol({ Prod: env(cr('cr1a2_sharepoint', 'shared-sharepointonl-prd1')) }) },
    { name: '--env Prod: Dev and Test sharing is not reported there', environment: 'Prod', solution: sol({ Dev: env(cr('cr1a2_sharepoint', 'c1')), Test: env(cr('cr1a2_sharepoint', 'c1')), Prod: env(cr('cr1a2_sharepoint', 'c2')) }) },
    { name: 'Azure DevOps $(variables)', solution: sol({ Test: env(cr('cr1a2_sharepoint', '$(SharePointConnection)')), Prod: env(cr('cr1a2_sharepoint', '$(SharePointConnection)')) }) },
  ],
  invalid: [
    {
      name: 'Dev and Prod bound to the same connection: reported in both files',
      solution: sol({ Dev: env(cr('cr1a2_sharepoint', 'shared-sharepointonl-6f1b2c3d')), Prod: env(cr('cr1a2_sharepoint', 'shared-sharepointonl-6f1b2c3d')) }),
      errors: [
        { text: 'shared-sharepointonl-6f1b2c3d', message: /^The Dev deployment settings bind connection reference "cr1a2_sharepoint" to the same connection as Prod/, severity: 'warning', element: 'cr1a2_sharepoint' },
        { text: 'shared-sharepointonl-6f1b2c3d', message: /^The Prod deployment settings bind connection reference "cr1a2_sharepoint" to the same connection as Dev/ },
      ],
    },
    {
      name: '--env Prod reports only the Prod entry',
      environment: 'prod',
      solution: sol({ Dev: env(cr('cr1a2_sharepoint', 'c1')), Prod: env(cr('cr1a2_sharepoint', 'c1')) }),
      errors: [{ text: 'c1', message: /^The Prod deployment settings/ }],
    },
    {
      name: 'three environments share one connection',
      solution: sol({ Dev: env(cr('cr1a2_sharepoint', 'c1')), Test: env(cr('cr1a2_sharepoint', 'c1')), Prod: env(cr('cr1a2_sharepoint', 'c1')) }),
      errors: [{ message: /^The Dev .* same connection as Prod and Test: one connection \(one account\) serves Dev, Prod and Test\./ }, { message: /^The Prod .* same connection as Dev and Test/ }, { message: /^The Test .* same connection as Dev and Prod/ }],
    },
    {
      name: 'ids compared case-insensitively, whatever reference binds them',
      solution: sol({ Test: env(cr('cr1a2_sharepoint', '8C4E2F51-3A9B-4C7D-9E21-5F6A7B8C9D0E')), Prod: env(cr('cr1a2_sharepoint_2', '8c4e2f51-3a9b-4c7d-9e21-5f6a7b8c9d0e')) }),
      errors: [{ text: '8c4e2f51-3a9b-4c7d-9e21-5f6a7b8c9d0e', element: 'cr1a2_sharepoint_2' }, { text: '8C4E2F51-3A9B-4C7D-9E21-5F6A7B8C9D0E', element: 'cr1a2_sharepoint' }],
    },
    {
      name: 'only the shared one of two references',
      solution: sol({ Test: env(cr('cr1a2_sharepoint', 'c1'), cr('cr1a2_sharepoint_2', 't2')), Prod: env(cr('cr1a2_sharepoint', 'c1'), cr('cr1a2_sharepoint_2', 'p2')) }),
      errors: [{ text: 'c1' }, { text: 'c1' }],
    },
    {
      name: 'Test and Validation (both test stages) are still two environments',
      solution: sol({ Test: env(cr('cr1a2_sharepoint', 'c9')), Validation: env(cr('cr1a2_sharepoint', 'c9')) }),
      errors: [{ message: /^The Test/ }, { message: /^The Validation/ }],
    },
  ],
});

test('settings/shared-connection: data', () => {
  const { findings } = runCase(rule, { environment: 'Prod', solution: sol({ Dev: env(cr('cr1a2_sharepoint', 'c1')), Prod: env(cr('cr1a2_sharepoint', 'c1')) }) });
  assert.deepEqual(findings[0].data, { environment: 'Prod', name: 'cr1a2_sharepoint', otherEnvironments: ['Dev'], connectionId: 'c1' });
});
