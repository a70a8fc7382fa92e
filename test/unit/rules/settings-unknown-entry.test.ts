import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/settings/unknown-entry';
import { buildSolutionFiles, SolutionSpec } from '../../support/fixture';
import { runCase, ruleTester } from '../../support/rule-tester';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const defs: SolutionSpec = {
  connectionReferences: [{ logicalName: 'cr1a2_sharepoint', connectorId: SP }],
  environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite' }, { schemaName: 'cr1a2_BatchSize', type: 100000001 }],
};
const ev = (SchemaName: string, Value = 'x') => ({ SchemaName, Value });
const cr = (LogicalName: string, ConnectionId = 'c1') => ({ LogicalName, ConnectionId, ConnectorId: SP });
const settings = (e: unknown[], c: unknown[]) => ({ EnvironmentVariables: e, ConnectionReferences: c });

ruleTester(rule, {
  valid: [
    { name: 'every entry names a component of the solution', solution: { ...defs, settings: { Prod: settings([ev('cr1a2_InvoiceSite'), ev('cr1a2_BatchSize', '100')], [cr('cr1a2_sharepoint')]) } } },
    { name: 'names match case-insensitively', solution: { ...defs, settings: { Prod: settings([ev('CR1A2_INVOICESITE')], [cr('Cr1a2_SharePoint')]) } } },
    { name: 'empty settings', solution: { ...defs, settings: { Prod: settings([], []) } } },
    { name: 'no settings', solution: defs },
    { name: '--env Prod: an unknown entry of Test is not checked', environment: 'Prod', solution: { ...defs, settings: { Test: settings([ev('cr1a2_Old')], []), Prod: settings([ev('cr1a2_InvoiceSite')], []) } } },
    { name: 'a partial tree does not say what the solution has', solution: { files: Object.fromEntries(Object.entries(buildSolutionFiles({ environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite' }], settings: { Prod: settings([ev('cr1a2_FromTheRest')], [cr('cr1a2_fromtherest')]) } })).filter(([p]) => !p.startsWith('Other/')).map(([p, c]) => [`partial/${p}`, c])) } },
    { name: 'in a raw layout', layout: 'raw', solution: { ...defs, settings: { Prod: settings([ev('cr1a2_BatchSize', '5')], [cr('cr1a2_sharepoint')]) } } },
    { name: 'pipeline tokens for known names', solution: { ...defs, settings: { Test: settings([ev('cr1a2_InvoiceSite', '#{environmentvariable.cr1a2_InvoiceSite}#')], [cr('cr1a2_sharepoint', '#{connectionreference.cr1a2_sharepoint}#')]) } } },
  ],
  invalid: [
    {
      name: 'a misspelt environment variable, with a suggestion',
      solution: { ...defs, settings: { Prod: settings([ev('cr1a2_InvoiceSit')], []) } },
      errors: [{ text: 'cr1a2_InvoiceSit', message: /^The Prod deployment settings give a value to environment variable "cr1a2_InvoiceSit", which solution TestSolution does not define \(did you mean "cr1a2_InvoiceSite"\?\)/, severity: 'warning', element: 'cr1a2_InvoiceSit' }],
    },
    {
      name: 'a connection reference the solution does not have',
      solution: { ...defs, settings: { Prod: settings([], [cr('cr1a2_sharepoint'), cr('cr1a2_office365_old')]) } },
      errors: [{ text: 'cr1a2_office365_old', message: /bind connection reference "cr1a2_office365_old", which solution TestSolution does not define: the entry does nothing/ }],
    },
    {
      name: 'a different publisher prefix is suggested',
      solution: { ...defs, settings: { Test: settings([ev('new_BatchSize', '5')], []) } },
      errors: [{ text: 'new_BatchSize', message: /did you mean "cr1a2_BatchSize"/ }],
    },
    {
      name: '--env Test reports only Test',
      environment: 'TEST',
      solution: { ...defs, settings: { Test: settings([ev('cr1a2_Leftover')], []), Prod: settings([ev('cr1a2_Leftover')], []) } },
      errors: [{ text: 'cr1a2_Leftover', message: /^The Test/ }],
    },
    {
      name: 'every environment without --env',
      solution: { ...defs, settings: { Test: settings([ev('cr1a2_Leftover')], []), Prod: settings([], [cr('cr1a2_gone')]) } },
      errors: [{ text: 'cr1a2_gone', message: /^The Prod/ }, { text: 'cr1a2_Leftover', message: /^The Test/ }],
    },
    {
      name: 'a shared deploymentSettings.json is checked too',
      solution: { ...defs, files: { 'config/deploymentSettings.json': JSON.stringify(settings([ev('cr1a2_Retired')], [])) } },
      errors: [{ text: 'cr1a2_Retired', message: /^The default deployment settings/ }],
    },
  ],
});

test('settings/unknown-entry: data', () => {
  const { findings } = runCase(rule, { solution: { ...defs, settings: { Prod: settings([ev('cr1a2_InvoiceSit')], []) } } });
  assert.deepEqual(findings[0].data, { environment: 'Prod', kind: 'environmentVariable', name: 'cr1a2_InvoiceSit', suggestion: 'cr1a2_InvoiceSite' });
});
