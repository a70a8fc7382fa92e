import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/cloud/embedded-connection';
import type { RuleCase } from '../../support/rule-tester';
import { runCase, ruleTester } from '../../support/rule-tester';

const SEND = { Send: { type: 'OpenApiConnection', runAfter: {}, inputs: { host: { connectionName: 'shared_office365', operationId: 'SendEmailV2', apiId: '/providers/Microsoft.PowerApps/apis/shared_office365' }, parameters: { 'emailMessage/To': 'ap@contoso.com' }, authentication: "@parameters('$authentication')" } } };

function withRefs(connectionReferences: Record<string, unknown>, definition: Record<string, unknown> = {}): RuleCase {
  return { solution: { cloudFlows: [{ name: 'Notify', connectionReferences, definition: { actions: SEND, ...definition } }] } };
}

const viaReference = { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: 'cr1a2_sharedoffice365_1' }, api: { name: 'shared_office365' } };

ruleTester(rule, {
  valid: [
    { name: 'a connection reference (the fixture shorthand)', solution: { cloudFlows: [{ name: 'Notify', uses: [{ key: 'shared_office365', logicalName: 'cr1a2_sharedoffice365_1' }], definition: { actions: SEND } }] } },
    { name: 'runtimeSource "embedded" with a logical name is an ordinary connection reference', ...withRefs({ shared_office365: viaReference }) },
    { name: 'no connections at all', solution: { cloudFlows: [{ name: 'Compute', definition: { actions: { Compose: { type: 'Compose', runAfter: {}, inputs: 1 } } } }] } },
    { name: 'an empty legacy $connections parameter', ...withRefs({ shared_office365: viaReference }, { parameters: { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' } } }) },
    { name: 'a logical name next to a connection name (the logical name wins at import)', ...withRefs({ shared_office365: { ...viaReference, connection: { connectionReferenceLogicalName: 'cr1a2_sharedoffice365_1', name: 'shared-office365-8b4c' } } }) },
    { name: 'run-only users provide the connection (invoker) through a reference', ...withRefs({ shared_office365: { ...viaReference, runtimeSource: 'invoker' } }) },
    { name: 'a $connections entry naming only its API', ...withRefs({ shared_office365: viaReference }, { parameters: { $connections: { defaultValue: { office365: { id: '/providers/Microsoft.PowerApps/apis/shared_office365' } }, type: 'Object' } } }) },
    { name: 'an entry naming only its API', ...withRefs({ shared_office365: { api: { name: 'shared_office365' } } }) },
  ],
  invalid: [
    {
      name: 'connection.name without a connection reference',
      ...withRefs({ shared_office365: { runtimeSource: 'embedded', connection: { name: 'shared-office365-8b4c2e1f-5d6a-4b3c-9e8f-7a6b5c4d3e2f' }, api: { name: 'shared_office365' } } }),
      errors: [{ text: 'shared_office365', message: /^Cloud flow "Notify" uses connection "shared-office365-8b4c2e1f-5d6a-4b3c-9e8f-7a6b5c4d3e2f" \(shared_office365\) directly instead of through a connection reference/, severity: 'warning', element: 'shared_office365' }],
    },
    {
      name: 'a top-level connectionName (package export format)',
      ...withRefs({ shared_office365: { connectionName: 'shared-office365-1f2e', source: 'Embedded', id: '/providers/Microsoft.PowerApps/apis/shared_office365', tier: 'NotSpecified' } }),
      errors: [{ text: 'shared_office365', message: /connection "shared-office365-1f2e" \(shared_office365\)/ }],
    },
    {
      name: 'connection.id',
      ...withRefs({ shared_sql: { connection: { id: '/providers/Microsoft.PowerApps/apis/shared_sql/connections/5d1c' }, api: { name: 'shared_sql' } }, shared_office365: viaReference }),
      errors: [{ text: 'shared_sql', message: /\(shared_sql\)/ }],
    },
    {
      name: 'a connectionId field',
      ...withRefs({ shared_teams: { connectionId: '/providers/Microsoft.PowerApps/apis/shared_teams/connections/9a8b', api: { name: 'shared_teams' } }, shared_office365: viaReference }),
      errors: [{ text: 'shared_teams' }],
    },
    {
      name: 'a legacy $connections parameter holding a connection id',
      ...withRefs({ shared_office365: viaReference }, { parameters: { $connections: { defaultValue: { office365: { connectionId: '/providers/Microsoft.PowerApps/apis/shared_office365/connections/shared-office365-8b4c', connectionName: 'shared-office365-8b4c', id: '/providers/Microsoft.PowerApps/apis/shared_office365' } }, type: 'Object' } } }),
      errors: [{ text: 'office365', message: /keeps connection "office365" in the \$connections parameter/ }],
    },
    {
      name: 'two embedded connections, one reference',
      ...withRefs({
        shared_office365: viaReference,
        shared_sharepointonline: { connection: { name: 'shared-sharepointonl-1a2b' }, api: { name: 'shared_sharepointonline' } },
        shared_sql: { connection: { name: 'shared-sql-3c4d' }, api: { name: 'shared_sql' } },
      }),
      errors: [{ text: 'shared_sharepointonline' }, { text: 'shared_sql' }],
    },
  ],
});

test('cloud/embedded-connection: data names the key, the connection and the API', () => {
  const { findings } = runCase(rule, withRefs({ shared_sql: { connection: { name: 'shared-sql-3c4d' }, api: { name: 'shared_sql' } } }));
  assert.deepEqual(findings[0].data, { key: 'shared_sql', connection: 'shared-sql-3c4d', api: 'shared_sql', source: 'connectionReferences' });
});
