import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/settings/missing-value';
import type { SolutionSpec } from '../../support/fixture';
import { runCase, ruleTester } from '../../support/rule-tester';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';

const defs: SolutionSpec = {
  connectionReferences: [{ logicalName: 'cr1a2_sharepoint', connectorId: SP }],
  environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite' }],
};

const ev = (SchemaName: string, Value: unknown) => ({ SchemaName, Value });
const cr = (LogicalName: string, ConnectionId: unknown) => ({ LogicalName, ConnectionId, ConnectorId: SP });
const settings = (EnvironmentVariables: unknown[], ConnectionReferences: unknown[]) => ({ EnvironmentVariables, ConnectionReferences });
const complete = (site: string, conn: string) => settings([ev('cr1a2_InvoiceSite', site)], [cr('cr1a2_sharepoint', conn)]);

/** The text of an entry object as the fixture writes it (JSON.stringify(…, null, 2), inside an array). */
function entryText(entry: unknown): string {
  return JSON.stringify(entry, null, 2).split('\n').map((l, k) => (k === 0 ? l : `    ${l}`)).join('\n');
}

ruleTester(rule, {
  valid: [
    { name: 'every environment gives every value', solution: { ...defs, settings: { Test: complete('https://contoso.sharepoint.com/sites/Invoices-Test', 'shared-sharepointonl-1'), Prod: complete('https://contoso.sharepoint.com/sites/Invoices', 'shared-sharepointonl-2') } } },
    { name: '#{…}# pipeline tokens are values', solution: { ...defs, settings: { Prod: complete('#{environmentvariable.cr1a2_InvoiceSite}#', '#{connectionreference.cr1a2_sharepoint}#') } } },
    { name: 'a default value applies where the settings give none', solution: { ...defs, environmentVariables: [{ schemaName: 'cr1a2_BatchSize', type: 100000001, defaultValue: '100' }], settings: { Prod: settings([], [cr('cr1a2_sharepoint', 'x1')]) } } },
    { name: '--env Prod checks only Prod', environment: 'Prod', solution: { ...defs, settings: { Test: settings([], []), Prod: complete('https://contoso.sharepoint.com/sites/Invoices', 'x2') } } },
    { name: 'a shared deploymentSettings.json gives a value for every environment', solution: { ...defs, settings: { Prod: settings([], [cr('cr1a2_sharepoint', 'x3')]) }, files: { 'config/deploymentSettings.json': JSON.stringify(settings([ev('cr1a2_InvoiceSite', 'https://contoso.sharepoint.com/sites/Invoices')], [])) } } },
    { name: 'no deployment settings at all', solution: defs },
    { name: 'a solution with nothing to configure', solution: { settings: { Prod: settings([], []) } } },
    { name: 'a default that names the same environment', solution: { connectionReferences: [], environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite', defaultValue: 'https://contoso.sharepoint.com/sites/Invoices-Prod' }], settings: { Prod: settings([], []) } } },
    { name: 'names match case-insensitively', solution: { ...defs, settings: { Prod: settings([ev('CR1A2_INVOICESITE', 'x')], [cr('CR1A2_SharePoint', 'y')]) } } },
  ],
  invalid: [
    {
      name: 'an environment variable without an entry: reported at the EnvironmentVariables key',
      solution: { ...defs, settings: { Prod: settings([], [cr('cr1a2_sharepoint', 'x1')]) } },
      errors: [{ text: 'EnvironmentVariables', message: /^The Prod deployment settings have no entry for environment variable "cr1a2_InvoiceSite": after import it has no value there/, severity: 'warning', element: 'cr1a2_InvoiceSite' }],
    },
    {
      name: 'an empty ConnectionId: reported at the empty value, the "" that has to be filled in',
      solution: { ...defs, settings: { Prod: settings([ev('cr1a2_InvoiceSite', 'https://contoso.sharepoint.com/sites/Invoices')], [cr('cr1a2_sharepoint', '')]) } },
      errors: [{ text: '""', message: /^The Prod deployment settings leave the ConnectionId of connection reference "cr1a2_sharepoint" \(shared_sharepointonline\) empty/ }],
    },
    {
      name: 'a null value (reported at the null) and a missing connection reference entry (at the array\'s key)',
      solution: { ...defs, settings: { Test: settings([ev('cr1a2_InvoiceSite', null)], []) } },
      errors: [{ text: 'null', message: /leave the value of environment variable "cr1a2_InvoiceSite" empty/ }, { text: 'ConnectionReferences', message: /no entry for connection reference "cr1a2_sharepoint"/ }],
    },
    {
      name: 'every environment is checked without --env; a blank value is reported at the value',
      solution: { ...defs, settings: { Test: settings([ev('cr1a2_InvoiceSite', 'x')], []), Prod: settings([ev('cr1a2_InvoiceSite', '  ')], [cr('cr1a2_sharepoint', 'y')]) } },
      errors: [{ text: '"  "', message: /The Prod deployment settings leave the value/ }, { message: /The Test deployment settings have no entry for connection reference/, text: 'ConnectionReferences' }],
    },
    {
      name: 'exactly "": the import refuses it, so reported even with a default value or a value in the shared file',
      solution: { ...defs, environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite' }, { schemaName: 'cr1a2_BatchSize', type: 100000001, defaultValue: '100' }], settings: { Prod: settings([ev('cr1a2_InvoiceSite', ''), ev('cr1a2_BatchSize', '')], [cr('cr1a2_sharepoint', 'y')]) }, files: { 'config/deploymentSettings.json': JSON.stringify(settings([ev('cr1a2_InvoiceSite', 'https://contoso.sharepoint.com/sites/Invoices')], [])) } },
      errors: [
        { text: '""', message: /^The Prod deployment settings give environment variable "cr1a2_InvoiceSite" the empty string: the import refuses it \("Environment variable value can't be an empty string"\) and the whole solution import fails\. Remove the entry, or give it the Prod value/, element: 'cr1a2_InvoiceSite' },
        { text: '""', message: /"cr1a2_BatchSize" the empty string: .* Remove the entry to keep its default value/, element: 'cr1a2_BatchSize' },
      ],
    },
    {
      name: 'an entry without a Value key: reported at the entry',
      solution: { ...defs, settings: { Prod: settings([{ SchemaName: 'cr1a2_InvoiceSite' }], [cr('cr1a2_sharepoint', 'y')]) } },
      errors: [{ text: entryText({ SchemaName: 'cr1a2_InvoiceSite' }), message: /leave the value of environment variable "cr1a2_InvoiceSite" empty/ }],
    },
    {
      name: 'the value token in a hand-written file (the line a reviewer edits)',
      solution: { ...defs, settings: { Prod: '{\n  "EnvironmentVariables": [\n    {\n      "SchemaName": "cr1a2_InvoiceSite",\n      "Value": " "\n    }\n  ],\n  "ConnectionReferences": [\n    { "LogicalName": "cr1a2_sharepoint", "ConnectionId": null, "ConnectorId": "/providers/Microsoft.PowerApps/apis/shared_sharepointonline" }\n  ]\n}\n' } },
      errors: [{ text: '" "', message: /environment variable "cr1a2_InvoiceSite" empty/ }, { text: 'null', message: /ConnectionId of connection reference "cr1a2_sharepoint"/ }],
    },
    {
      name: '--env picks one environment, case-insensitively',
      environment: 'test',
      solution: { ...defs, settings: { Test: settings([], [cr('cr1a2_sharepoint', 'x')]), Prod: settings([], []) } },
      errors: [{ text: 'EnvironmentVariables', message: /^The Test deployment settings/ }],
    },
    {
      name: 'a default value that names another environment does not count',
      solution: { connectionReferences: [], environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite', defaultValue: 'https://contoso.sharepoint.com/sites/Invoices-Dev' }], settings: { Prod: settings([], []) } },
      errors: [{ text: 'EnvironmentVariables', message: /its default value names another environment \("dev"\), and that is what Prod would get/ }],
    },
    {
      name: 'requireExplicitValues: defaults do not count',
      options: { requireExplicitValues: true },
      solution: { connectionReferences: [], environmentVariables: [{ schemaName: 'cr1a2_BatchSize', type: 100000001, defaultValue: '100' }], settings: { Prod: settings([], []) } },
      errors: [{ text: 'EnvironmentVariables', message: /requireExplicitValues/ }],
    },
    {
      name: 'a settings file without the section: reported at its first character',
      solution: { ...defs, settings: { Prod: '{\n  "EnvironmentVariables": [{ "SchemaName": "cr1a2_InvoiceSite", "Value": "x" }]\n}\n' } },
      errors: [{ text: '{', message: /no entry for connection reference "cr1a2_sharepoint"/ }],
    },
  ],
});

test('settings/missing-value: data', () => {
  const { findings } = runCase(rule, { solution: { ...defs, settings: { Prod: settings([], [cr('cr1a2_sharepoint', '')]) } } });
  assert.deepEqual(findings.map(f => [f.data?.environment, f.data?.kind, f.data?.name, f.data?.reason]), [
    ['Prod', 'environmentVariable', 'cr1a2_InvoiceSite', 'missing'],
    ['Prod', 'connectionReference', 'cr1a2_sharepoint', 'empty'],
  ]);
});
