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
