import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/cloud/hardcoded-machine';
import type { RuleCase } from '../../support/rule-tester';
import { runCase, ruleTester } from '../../support/rule-tester';

function flow(actions: Record<string, unknown>, more: Partial<RuleCase> & { definition?: Record<string, unknown> } = {}): RuleCase {
  const { definition, ...rest } = more;
  return { solution: { cloudFlows: [{ name: 'Machines', definition: { actions, ...(definition ?? {}) } }] }, ...rest };
}

function http(inputs: Record<string, unknown>): Record<string, unknown> {
  return { type: 'Http', runAfter: {}, inputs: { method: 'GET', uri: 'https://api.contoso.com/v1/orders', ...inputs } };
}

function connector(api: string, operationId: string, parameters: Record<string, unknown>): Record<string, unknown> {
  return { type: 'OpenApiConnection', runAfter: {}, inputs: { host: { apiId: `/providers/Microsoft.PowerApps/apis/${api}`, connectionName: api, operationId }, parameters, authentication: "@parameters('$authentication')" } };
}

const PARAMS = {
  $connections: { defaultValue: {}, type: 'Object' },
  'ERP Base URL (cr1a2_ErpBaseUrl)': { defaultValue: 'http://erpserver:8080', type: 'String', metadata: { schemaName: 'cr1a2_ErpBaseUrl' } },
  'SQL Server (cr1a2_SqlServer)': { defaultValue: 'SQLPROD01', type: 'String', metadata: { schemaName: 'cr1a2_SqlServer' } },
  'File Server (cr1a2_FileServer)': { defaultValue: 'fs01', type: 'String', metadata: { schemaName: 'cr1a2_FileServer' } },
};

ruleTester(rule, {
  valid: [
    { name: 'the id of an ordinary Dataverse row is not a machine', ...flow({ Get_account: connector('shared_commondataserviceforapps', 'GetItem', { entityName: 'accounts', recordId: '3f8a2c6e-9b1d-4e7a-a5c0-8d2f6b4e1c97' }) }) },
    { name: 'loopback hosts are the machine the flow runs against, never another one', ...flow({ HTTP: http({ uri: 'http://localhost:5000/api/health' }), HTTP_2: http({ uri: 'http://127.0.0.1:8080/ping' }) }) },
    { name: 'the host comes from an environment variable', ...flow({ HTTP: http({ uri: "@{parameters('ERP Base URL (cr1a2_ErpBaseUrl)')}/api/orders" }) }, { definition: { parameters: PARAMS } }) },
    { name: 'the SQL connector using the connection\'s server ("default")', ...flow({ Get_rows: connector('shared_sql', 'GetItems_V2', { server: 'default', database: 'default', table: '[dbo].[Orders]' }) }) },
    { name: 'the SQL dataset from environment variables', ...flow({ Get_rows: connector('shared_sql', 'GetItems_V2', { dataset: "@{parameters('SQL Server (cr1a2_SqlServer)')},Orders", table: '[dbo].[Orders]' }) }, { definition: { parameters: PARAMS } }) },
    { name: 'public, tenant and global hosts are not machines', ...flow({ HTTP: http({ uri: 'https://api.contoso.com/v1/orders' }), HTTP_2: http({ uri: 'https://contoso.sharepoint.com/sites/finance/_api/web' }), HTTP_3: http({ uri: 'https://graph.microsoft.com/v1.0/me' }) }) },
    { name: 'allowed machines and hosts', allow: { machines: ['BUILD01'], hosts: ['10.0.0.5'] }, ...flow({ Copy: connector('shared_filesystem', 'CreateFile', { folderPath: '\\\\BUILD01\\drop', name: 'x.txt', body: 'x' }), HTTP: http({ uri: 'http://10.0.0.5/status' }) }) },
    { name: 'a relative folder of the file system connection', ...flow({ Create_file: connector('shared_filesystem', 'CreateFile', { folderPath: '/Invoices/In', name: 'invoice.pdf', body: "@body('Get_attachment')" }) }) },
    { name: 'a UNC path whose server comes from an environment variable', ...flow({ Create_file: connector('shared_filesystem', 'CreateFile', { folderPath: "\\\\@{parameters('File Server (cr1a2_FileServer)')}\\invoices", name: 'a.pdf', body: 'x' }) }, { definition: { parameters: PARAMS } }) },
    { name: 'a credential wins: user:password@internal-host is reported by cloud/plaintext-secret only', ...flow({ HTTP: http({ uri: 'http://svc:Winter2024x@erpserver/api' }) }) },
    { name: 'a pipeline token as the server', ...flow({ Get_rows: connector('shared_sql', 'GetItems_V2', { server: '#{SqlServer}#', database: 'Orders', table: '[dbo].[Orders]' }) }) },
    { name: 'a machine name in an OData filter is query text', ...flow({ List: connector('shared_commondataserviceforapps', 'ListRecords', { entityName: 'flowmachines', $filter: "name eq 'RPA-VM-01'" }) }) },
  ],
  invalid: [
    {
      name: 'precedence after configuration: with cloud/plaintext-secret off, the URL holding user:password@ is this rule\'s again',
      solution: { cloudFlows: [{ name: 'Machines', definition: { actions: { HTTP: http({ uri: 'http://svc:Winter2024x@erpserver/api' }) } } }], config: { rules: { 'cloud/plaintext-secret': 'off' } } },
      errors: [{ text: 'http://svc:Winter2024x@erpserver/api', message: /^Action "HTTP" hard-codes the internal host "erpserver" in URI/ }],
      secrets: ['Winter2024x'],
    },
    {
      name: 'precedence after suppression: a credential finding disabled in the action\'s description claims nothing',
      ...flow({ HTTP: { ...http({ uri: 'http://svc:Winter2024x@erpserver/api' }), description: 'flowcop-disable cloud/plaintext-secret -- a test account' } }),
      errors: [{ text: 'http://svc:Winter2024x@erpserver/api', message: /internal host "erpserver"/ }],
      secrets: ['Winter2024x'],
    },
    {
      name: 'a UNC path in a file system action',
      ...flow({ Create_file: connector('shared_filesystem', 'CreateFile', { folderPath: '\\\\fs01\\invoices\\in', name: 'invoice.pdf', body: 'x' }) }),
      errors: [{ text: String.raw`\\\\fs01\\invoices\\in`, message: /^Action "Create_file" hard-codes the UNC path "\\\\fs01\\invoices\\in" in parameter "folderPath"/, severity: 'warning', element: 'Create_file' }],
    },
    {
      name: 'a SQL server parameter',
      ...flow({ Get_rows: connector('shared_sql', 'GetItems_V2', { server: 'sql01.contoso.local', database: 'Orders', table: '[dbo].[Orders]' }) }),
      errors: [{ text: 'sql01.contoso.local', message: /server "sql01.contoso.local" in parameter "server"/ }],
    },
    {
      name: 'the server part of a SQL dataset "server,database"',
      ...flow({ Get_rows: connector('shared_sql', 'GetItems_V2', { dataset: 'SQLPROD01,Orders', table: '[dbo].[Orders]' }) }),
      errors: [{ text: 'SQLPROD01', message: /server "SQLPROD01" in parameter "dataset"/ }],
    },
    {
      name: 'an internal host in an HTTP URI',
      ...flow({ Call_ERP: http({ uri: 'http://erpserver:8080/api/orders?top=10' }) }),
      errors: [{ text: 'http://erpserver:8080/api/orders?top=10', message: /internal host "erpserver" in URI/ }],
    },
    {
      name: 'an IP address in an HTTP URI, and an internal host inside a mixed string',
      ...flow({
        Ping: http({ uri: 'http://10.20.30.40/api/ping' }),
        Post: http({ uri: "https://intranet.corp/orders/@{triggerBody()?['id']}" }),
      }),
      errors: [{ text: 'http://10.20.30.40/api/ping', message: /IP address "10.20.30.40"/ }, { text: 'https://intranet.corp/orders/', message: /internal host "intranet.corp"/ }],
    },
    {
      name: 'the server of a connection string',
      ...flow({ Compose_cs: { type: 'Compose', runAfter: {}, inputs: 'Server=tcp:sqlprod01,1433;Database=Orders;Integrated Security=SSPI' } }),
      errors: [{ text: 'tcp:sqlprod01,1433', message: /server "tcp:sqlprod01,1433" in "Server" of a connection string/ }],
    },
    {
      name: 'a machine group id given to a desktop-flow run',
      ...flow({ Run: connector('shared_commondataserviceforapps', 'PerformUnboundAction', { actionName: 'RunDesktopFlow', 'item/machineGroupId': '3f2acc10-1d2e-4f5a-8b9c-0d1e2f3a4b5c' }) }),
      errors: [{ text: '3f2acc10-1d2e-4f5a-8b9c-0d1e2f3a4b5c', message: /machine group "3f2acc10-1d2e-4f5a-8b9c-0d1e2f3a4b5c" in parameter "item\/machineGroupId"/ }],
    },
    {
      name: 'a UNC path written as a string constant inside an expression',
      ...flow({ Compose_path: { type: 'Compose', runAfter: {}, inputs: "@concat('\\\\fs01\\exports\\', utcNow('yyyy'), '.csv')" } }),
      errors: [{ text: String.raw`\\\\fs01\\exports\\`, message: /UNC path .* \(inside an expression\)/ }],
    },
    {
      name: 'an internal host in a trigger',
      ...flow({}, { definition: { triggers: { When_posted: { type: 'HttpWebhook', inputs: { subscribe: { method: 'POST', uri: 'http://hooks.internal/subscribe', body: { callback: '@{listCallbackUrl()}' } }, unsubscribe: {} } } } } }),
      errors: [{ text: 'http://hooks.internal/subscribe', message: /^Trigger "When_posted" hard-codes the internal host "hooks.internal"/ }],
    },
    {
      name: 'the id of one machine group read from the Dataverse machine-group table',
      ...flow({ Check_group: connector('shared_commondataserviceforapps', 'GetItem', { entityName: 'flowmachinegroups', recordId: '3f8a2c6e-9b1d-4e7a-a5c0-8d2f6b4e1c97', $select: 'name' }) }),
      errors: [{ text: '3f8a2c6e-9b1d-4e7a-a5c0-8d2f6b4e1c97', message: /^Action "Check_group" hard-codes the machine group "3f8a2c6e-9b1d-4e7a-a5c0-8d2f6b4e1c97" in parameter "recordId"/ }],
    },
    {
      name: 'the server of a connection string that also holds a password (the password is cloud/plaintext-secret)',
      ...flow({ Compose_connection: { type: 'Compose', runAfter: {}, inputs: 'Server=tcp:sqlprod01,1433;Database=Orders;User ID=rpa;Password=Str0ng!Pass' } }),
      errors: [{ text: 'tcp:sqlprod01,1433', message: /server "tcp:sqlprod01,1433" in "Server" of a connection string/ }],
      secrets: ['Str0ng!Pass'],
    },
  ],
});

test('cloud/hardcoded-machine: data for the fix engine', () => {
  const { findings } = runCase(rule, flow({ Get_rows: connector('shared_sql', 'GetItems_V2', { dataset: 'SQLPROD01,Orders', table: '[dbo].[Orders]' }) }));
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0].data, { action: 'Get_rows', parameter: '/properties/definition/actions/Get_rows/inputs/parameters/dataset', literal: 'part', kind: 'server', host: 'SQLPROD01' });
});
