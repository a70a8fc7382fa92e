import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/settings/shared-connection';
import type { SolutionSpec } from '../../support/fixture';
import { runCase, ruleTester } from '../../support/rule-tester';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const refs: SolutionSpec['connectionReferences'] = [{ logicalName: 'cr1a2_sharepoint', connectorId: SP }, { logicalName: 'cr1a2_sharepoint_2', connectorId: SP }];
const cr = (LogicalName: string, ConnectionId: string, more: Record<string, string> = {}) => ({ LogicalName, ConnectionId, ConnectorId: SP, ...more });
const owned = (LogicalName: string, ConnectionId: string, ConnectionOwner: string) => cr(LogicalName, ConnectionId, { ConnectionOwner });
const ev = (SchemaName: string, Value: string) => ({ SchemaName, Value });
const envWith = (vars: unknown[], ...c: unknown[]) => ({ EnvironmentVariables: vars, ConnectionReferences: c });
const env = (...c: unknown[]) => ({ EnvironmentVariables: [], ConnectionReferences: c });
const sol = (settings: Record<string, unknown>, files?: Record<string, string>): SolutionSpec => ({ connectionReferences: refs, environmentVariables: [{ schemaName: 'cr1a2_RunAsUser' }, { schemaName: 'cr1a2_NotifyTo' }], settings, ...(files ? { files } : {}) });

ruleTester(rule, {
  valid: [
    { name: 'one connection per environment', solution: sol({ Dev: env(cr('cr1a2_sharepoint', 'shared-sharepointonl-dev1')), Prod: env(cr('cr1a2_sharepoint', 'shared-sharepointonl-prd1')) }) },
    { name: 'the same pipeline token in every environment', solution: sol({ Test: env(cr('cr1a2_sharepoint', '#{connectionreference.cr1a2_sharepoint}#')), Prod: env(cr('cr1a2_sharepoint', '#{connectionreference.cr1a2_sharepoint}#')) }) },
    { name: 'one connection for two references inside one environment', solution: sol({ Prod: env(cr('cr1a2_sharepoint', 'shared-sharepointonl-prd1'), cr('cr1a2_sharepoint_2', 'shared-sharepointonl-prd1')) }) },
    { name: 'empty connection ids are another rule\'s business', solution: sol({ Test: env(cr('cr1a2_sharepoint', '')), Prod: env(cr('cr1a2_sharepoint', '')) }) },
    { name: 'a shared deploymentSettings.json template is not an environment', solution: sol({ Prod: env(cr('cr1a2_sharepoint', 'shared-sharepointonl-prd1')) }, { 'config/deploymentSettings.json': JSON.stringify(env(cr('cr1a2_sharepoint', 'shared-sharepointonl-prd1'))) }) },
    { name: 'a single environment', solution: sol({ Prod: env(cr('cr1a2_sharepoint', 'shared-sharepointonl-prd1')) }) },
    { name: '--env Prod: Dev and Test sharing is not reported there', environment: 'Prod', solution: sol({ Dev: env(cr('cr1a2_sharepoint', 'c1')), Test: env(cr('cr1a2_sharepoint', 'c1')), Prod: env(cr('cr1a2_sharepoint', 'c2')) }) },
    { name: 'each environment its own connection owner', solution: sol({ Dev: env(owned('cr1a2_sharepoint', 'c1', 'svc-rpa-d@contoso.com')), Prod: env(owned('cr1a2_sharepoint', 'c2', 'svc-rpa-p@contoso.com')) }) },
    { name: 'one owner for two connections inside one environment', solution: sol({ Prod: env(owned('cr1a2_sharepoint', 'c1', 'svc-rpa@contoso.com'), owned('cr1a2_sharepoint_2', 'c2', 'svc-rpa@contoso.com')) }) },
    { name: 'a mailbox to notify is not a binding (the same team mailbox everywhere)', solution: sol({ Dev: envWith([ev('cr1a2_NotifyTo', 'rpa-team@contoso.com')]), Prod: envWith([ev('cr1a2_NotifyTo', 'rpa-team@contoso.com')]) }) },
    { name: 'a role account with an environment part is settings/environment-bleed\'s', solution: sol({ Dev: env(owned('cr1a2_sharepoint', 'c1', 'dev-rpa-bot@contoso.com')), Prod: env(owned('cr1a2_sharepoint', 'c2', 'dev-rpa-bot@contoso.com')) }) },
    { name: 'owner tokens', solution: sol({ Dev: env(owned('cr1a2_sharepoint', 'c1', '#{connectionreference.user.cr1a2_sharepoint}#')), Prod: env(owned('cr1a2_sharepoint', 'c2', '#{connectionreference.user.cr1a2_sharepoint}#')) }) },
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
      name: 'the same connection owner in Dev and Prod: reported at the account, quoting its local part only',
      solution: sol({ Dev: env(owned('cr1a2_sharepoint', 'c1', 'jane.maker@contoso.com')), Prod: env(owned('cr1a2_sharepoint', 'c2', 'Jane.Maker@contoso.com')) }),
      errors: [
        { text: 'jane.maker@contoso.com', message: /^The Dev deployment settings bind account "jane\.maker@…" \(the ConnectionOwner of connection reference "cr1a2_sharepoint"\) as Prod does: one account serves Dev and Prod/, element: 'cr1a2_sharepoint' },
        { text: 'Jane.Maker@contoso.com', message: /^The Prod deployment settings bind account "Jane\.Maker@…"/ },
      ],
      secrets: ['contoso.com'],
    },
    {
      name: 'an account variable and a connection owned by that account in another environment',
      solution: sol({ Test: envWith([ev('cr1a2_RunAsUser', 'svc-rpa@contoso.com')]), Prod: env(owned('cr1a2_sharepoint', 'c2', 'svc-rpa@contoso.com')) }),
      errors: [{ message: /^The Prod .* as Test does/ }, { text: 'svc-rpa@contoso.com', message: /^The Test .* \(environment variable "cr1a2_RunAsUser"\) as Prod does/ }],
    },
    {
      name: 'an account inside a shared ConnectionId is reported once, as the shared connection',
      solution: sol({ Dev: env(cr('cr1a2_sharepoint', 'conn-svc-rpa@contoso.com')), Prod: env(cr('cr1a2_sharepoint', 'conn-svc-rpa@contoso.com')) }),
      errors: [{ message: /same connection as Prod/ }, { message: /same connection as Dev/ }],
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
