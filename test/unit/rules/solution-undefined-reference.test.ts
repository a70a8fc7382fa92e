import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from '../../../server/src/rules/solution/undefined-reference';
import { buildSolutionFiles, SolutionSpec } from '../../support/fixture';
import { runCase, ruleTester } from '../../support/rule-tester';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';

function getItems(params: Record<string, unknown> = { dataset: "@parameters('Invoice Site (cr1a2_InvoiceSite)')", table: 'Invoices' }) {
  return { type: 'OpenApiConnection', runAfter: {}, inputs: { host: { connectionName: 'shared_sharepointonline', operationId: 'GetItems', apiId: SP }, parameters: params, authentication: "@parameters('$authentication')" } };
}

const siteParam = (schema = 'cr1a2_InvoiceSite') => ({ [`Invoice Site (${schema})`]: { defaultValue: '', type: 'String', metadata: { schemaName: schema } } });

function spec(over: Partial<SolutionSpec> & { logicalName?: string; schema?: string } = {}): SolutionSpec {
  const { logicalName = 'cr1a2_sharedsharepointonline_1', schema = 'cr1a2_InvoiceSite', ...rest } = over;
  return {
    connectionReferences: [{ logicalName: 'cr1a2_sharedsharepointonline_1', connectorId: SP }],
    environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite' }],
    cloudFlows: [{
      name: 'Invoices',
      uses: [{ key: 'shared_sharepointonline', logicalName }],
      definition: { parameters: { $connections: { defaultValue: {}, type: 'Object' }, ...siteParam(schema) }, actions: { Get_items: getItems({ dataset: `@parameters('Invoice Site (${schema})')`, table: 'Invoices' }) } },
    }],
    ...rest,
  };
}

/** The same solution as a partial tree (no Other/ folder) in a sub-folder of an otherwise empty solution. */
function partial(s: SolutionSpec): SolutionSpec {
  const files = buildSolutionFiles(s);
  return { files: Object.fromEntries(Object.entries(files).filter(([p]) => !p.startsWith('Other/')).map(([p, c]) => [`partial/${p}`, c])) };
}

/** Solution.xml declaring components that another solution provides. */
function withMissingDependencies(s: SolutionSpec, names: string[]): SolutionSpec {
  const xml = buildSolutionFiles(s)['Other/Solution.xml'].replace('<MissingDependencies />', `<MissingDependencies>
${names.map(n => `      <MissingDependency>
        <Required type="380" schemaName="${n}" displayName="${n}" solution="ContosoCore (1.0.0.0)" />
        <Dependent type="29" id="{00000000-0000-0000-0000-000000000001}" />
      </MissingDependency>`).join('\n')}
    </MissingDependencies>`);
  return { ...s, files: { ...(s.files ?? {}), 'Other/Solution.xml': xml } };
}

const desktop = (refs: string[]) => ({ name: 'Post invoices', script: "@@ConnectionString: ''\r\nSET Done TO 1", connectionReferences: refs });

ruleTester(rule, {
  valid: [
    { name: 'everything the flow uses is defined', solution: spec() },
    { name: 'names differ only in case', solution: spec({ logicalName: 'CR1A2_SharedSharePointOnline_1', schema: 'CR1A2_InvoiceSite' }) },
    { name: 'a partial tree (no Customizations.xml, no Solution.xml) says nothing about what is defined', solution: partial(spec({ logicalName: 'cr1a2_elsewhere', schema: 'cr1a2_ElsewhereSite', connectionReferences: [], environmentVariables: [] })) },
    { name: 'components another solution provides (<MissingDependencies>)', solution: withMissingDependencies(spec({ logicalName: 'core_sharedsharepointonline', schema: 'core_InvoiceSite', connectionReferences: [], environmentVariables: [] }), ['core_sharedsharepointonline', 'core_InvoiceSite']) },
    { name: 'a plain workflow parameter without an environment variable', solution: { cloudFlows: [{ name: 'Calc', definition: { parameters: { Threshold: { defaultValue: 5, type: 'Int' } }, actions: { Compose: { type: 'Compose', runAfter: {}, inputs: "@parameters('Threshold')" } } } }] } },
    { name: 'a desktop flow whose connection reference is defined', solution: { connectionReferences: [{ logicalName: 'cr1a2_shareddataverse', connectorId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' }], desktopFlows: [desktop(['cr1a2_shareddataverse'])] } },
    { name: '$connections and $authentication are built in', solution: { cloudFlows: [{ name: 'Calc', definition: { actions: { Compose: { type: 'Compose', runAfter: {}, inputs: "@parameters('$connections')" } } } }] } },
    { name: 'a legacy ApiConnection step names its $connections entry', solution: { cloudFlows: [{ name: 'Legacy', uses: [{ key: 'shared_office365', logicalName: 'cr1a2_office' }], definition: { actions: { Send: { type: 'ApiConnection', runAfter: {}, inputs: { host: { connection: { name: "@parameters('$connections')['office365']['connectionId']" } }, method: 'post', path: '/v2/Mail' } } } } }], connectionReferences: [{ logicalName: 'cr1a2_office', connectorId: '/providers/Microsoft.PowerApps/apis/shared_office365' }] } },
  ],
  invalid: [
    {
      name: 'a connection reference the solution does not define',
      solution: spec({ logicalName: 'cr1a2_sharedsharepointonline_old' }),
      errors: [{ text: 'cr1a2_sharedsharepointonline_old', message: /^Cloud flow "Invoices" uses connection reference "cr1a2_sharedsharepointonline_old" \(key "shared_sharepointonline"\), which the solution does not define/, severity: 'warning', element: 'cr1a2_sharedsharepointonline_old' }],
    },
    {
      name: 'an environment variable the solution does not define',
      solution: spec({ schema: 'cr1a2_OldSite' }),
      errors: [{ text: 'Invoice Site (cr1a2_OldSite)', message: /reads environment variable "cr1a2_OldSite" \(parameter "Invoice Site \(cr1a2_OldSite\)"\)/ }],
    },
    {
      name: 'parameters() naming no declared parameter',
      solution: { cloudFlows: [{ name: 'Calc', definition: { actions: { Compose: { type: 'Compose', runAfter: {}, inputs: "@parameters('Batch Size (cr1a2_BatchSize)')" } } } }] },
      errors: [{ text: "parameters('Batch Size (cr1a2_BatchSize)')", message: /reads parameters\('Batch Size \(cr1a2_BatchSize\)'\), but the flow declares no such parameter/, element: 'Compose' }],
    },
    {
      name: 'a desktop flow using an undefined connection reference',
      solution: { desktopFlows: [desktop(['cr1a2_shareddataverse'])] },
      errors: [{ text: 'Post invoices', message: /^Desktop flow "Post invoices" uses connection reference "cr1a2_shareddataverse"/ }],
    },
    {
      name: 'an action whose connection is not among the flow\'s connection references',
      solution: { ...spec(), cloudFlows: [{ name: 'Invoices', uses: [{ key: 'shared_sharepointonline', logicalName: 'cr1a2_sharedsharepointonline_1' }], definition: { parameters: siteParam(), actions: { Get_items: getItems(), Send: { type: 'OpenApiConnection', runAfter: {}, inputs: { host: { connectionName: 'shared_office365', operationId: 'SendEmailV2', apiId: '/providers/Microsoft.PowerApps/apis/shared_office365' }, parameters: {} } } } } }] },
      errors: [{ text: 'shared_office365', message: /^Action "Send" of cloud flow "Invoices" uses connection "shared_office365", which is not in the flow's connection references/ }],
    },
    {
      name: 'in a partial tree, an undeclared parameters() is still a defect of the flow',
      solution: partial({ cloudFlows: [{ name: 'Calc', definition: { actions: { Compose: { type: 'Compose', runAfter: {}, inputs: "@{parameters('Missing')}" } } } }] }),
      errors: [{ text: "parameters('Missing')" }],
    },
    {
      name: 'in a raw (extracted zip) layout',
      layout: 'raw',
      solution: spec({ logicalName: 'cr1a2_gone', schema: 'cr1a2_Gone' }),
      errors: [{ text: 'cr1a2_gone' }, { text: 'Invoice Site (cr1a2_Gone)' }],
    },
  ],
});

test('solution/undefined-reference: data', () => {
  const { findings } = runCase(rule, { solution: spec({ logicalName: 'cr1a2_x' }) });
  assert.deepEqual(findings[0].data, { flow: 'Invoices', kind: 'connectionReference', name: 'cr1a2_x', key: 'shared_sharepointonline' });
});
