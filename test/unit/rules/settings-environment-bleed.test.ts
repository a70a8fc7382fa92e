import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule, { bleedDirection } from '../../../server/src/rules/settings/environment-bleed';
import { environmentOfValue, isPipelineToken } from '../../../server/src/analysis/shared/values';
import type { SolutionSpec } from '../../support/fixture';
import { runCase, ruleTester } from '../../support/rule-tester';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const defs: SolutionSpec = {
  connectionReferences: [{ logicalName: 'cr1a2_sharepoint', connectorId: SP }],
  environmentVariables: [{ schemaName: 'cr1a2_InvoiceSite' }, { schemaName: 'cr1a2_ApiSecret', type: 100000005 }],
};
const ev = (SchemaName: string, Value: string) => ({ SchemaName, Value });
const cr = (LogicalName: string, ConnectionId: string, more: Record<string, string> = {}) => ({ LogicalName, ConnectionId, ConnectorId: SP, ...more });
const settings = (e: unknown[], c: unknown[] = []) => ({ EnvironmentVariables: e, ConnectionReferences: c });
const sol = (s: Record<string, unknown>, files?: Record<string, string>): SolutionSpec => ({ ...defs, settings: s, ...(files ? { files } : {}) });

ruleTester(rule, {
  valid: [
    { name: 'a vendor sandbox serves every non-production environment (Dev and Test)', solution: sol({ Dev: settings([ev('cr1a2_InvoiceSite', 'https://sandbox.creditbureau-partner.com/api')]), Test: settings([ev('cr1a2_InvoiceSite', 'https://sandbox.creditbureau-partner.com/api')]) }) },
    { name: 'Prod values name Prod or nothing', solution: sol({ Prod: settings([ev('cr1a2_InvoiceSite', 'https://contoso.sharepoint.com/sites/Invoices')], [cr('cr1a2_sharepoint', 'shared-sharepointonl-1', { ConnectionOwner: 'prod-rpa-bot@contoso.com' })]) }) },
    { name: 'pipeline tokens name no environment', solution: sol({ Prod: settings([ev('cr1a2_InvoiceSite', '#{environmentvariable.dev.cr1a2_InvoiceSite}#')], [cr('cr1a2_sharepoint', '#{connectionreference.cr1a2_sharepoint}#', { ConnectionOwner: '#{connectionreference.user.cr1a2_sharepoint}#' })]) }) },
    { name: 'hex letters in GUIDs are not words ("acc", "dec")', solution: sol({ Prod: settings([ev('cr1a2_InvoiceSite', '3f2acc10-1d2e-4f5a-8b9c-0d1e2f3a4b5c')], [cr('cr1a2_sharepoint', '4deca0ff-acc1-4b2c-9d3e-0f1a2b3c4d5e')]) }) },
    { name: 'a shared default file has no stage', solution: sol({}, { 'config/deploymentSettings.json': JSON.stringify(settings([ev('cr1a2_InvoiceSite', 'https://contoso.sharepoint.com/sites/Invoices-Dev')])) }) },
    { name: 'an environment whose name has no stage', solution: sol({ Contoso: settings([ev('cr1a2_InvoiceSite', 'https://contoso.sharepoint.com/sites/Invoices-Dev')]) }) },
    { name: 'global hosts are not environment words (login.live.com in Dev)', solution: sol({ Dev: settings([ev('cr1a2_InvoiceSite', 'https://login.live.com/oauth20_authorize.srf')]) }) },
    { name: '--env Prod: a Test value naming Dev is not checked', environment: 'Prod', solution: sol({ Test: settings([ev('cr1a2_InvoiceSite', 'https://erp-dev.contoso.com')]), Prod: settings([ev('cr1a2_InvoiceSite', 'https://erp.contoso.com')]) }) },
    { name: 'Validation is a test stage: a UAT host is its own', solution: sol({ Validation: settings([ev('cr1a2_InvoiceSite', 'https://erp-uat.contoso.com/api')]) }) },
    { name: 'environment words inside other words do not count (DevicesAndTesting)', solution: sol({ Prod: settings([ev('cr1a2_InvoiceSite', 'https://contoso.sharepoint.com/sites/DevicesAndTesting')]) }) },
    { name: 'a partner\'s test endpoint used from Dev: a higher stage that is not production is right (partners often have only test and production)', solution: sol({ Dev: settings([ev('cr1a2_InvoiceSite', 'https://uat.supplier-portal.net/api'), ev('cr1a2_ApiSecret', 'https://kv-rpa.vault.azure.net/secrets/partner-staging-key')], [cr('cr1a2_sharepoint', 'shared-sharepointonl-1', { ConnectionOwner: 'dev-rpa-bot@contoso.com' })]) }) },
    { name: 'role accounts of their own environment, whatever the casing; an environment part that names nothing (a region)', solution: sol({ Production: settings([ev('cr1a2_InvoiceSite', 'PROD-RPA-Cloud@contoso.com')], [cr('cr1a2_sharepoint', 'shared-sharepointonl-1', { ConnectionOwner: 'emea-rpa-bot@contoso.com' })]), UAT: settings([], [cr('cr1a2_sharepoint', 'shared-sharepointonl-2', { ConnectionOwner: 'uat-rpa-machineowner@contoso.com' })]) }) },
    { name: 'an account of another environment that follows no role pattern is judged by its words (test in Dev is fine)', solution: sol({ Dev: settings([], [cr('cr1a2_sharepoint', 'shared-sharepointonl-1', { ConnectionOwner: 'svc-test@contoso.com' })]) }) },
    { name: 'Test using a QA host of a partner and its own values', solution: sol({ Test: settings([ev('cr1a2_InvoiceSite', 'https://qa.partner.example.org/api')]) }) },
  ],
  invalid: [
    {
      name: 'a vendor sandbox in Prod',
      solution: sol({ Prod: settings([ev('cr1a2_InvoiceSite', 'https://sandbox.creditbureau-partner.com/api')]) }),
      errors: [{ text: 'https://sandbox.creditbureau-partner.com/api', message: /^The Prod deployment settings give environment variable "cr1a2_InvoiceSite" a value that names the development environment \("sandbox"\)/ }],
    },
    {
      name: 'a -dev host in Prod',
      solution: sol({ Prod: settings([ev('cr1a2_InvoiceSite', 'https://erp-dev.contoso.com/api')]) }),
      errors: [{ text: 'https://erp-dev.contoso.com/api', message: /^The Prod deployment settings give environment variable "cr1a2_InvoiceSite" a value that names the development environment \("dev"\)/, severity: 'warning', element: 'cr1a2_InvoiceSite' }],
    },
    {
      name: 'a dev-rpa-bot account owning the Prod connection',
      solution: sol({ Prod: settings([], [cr('cr1a2_sharepoint', 'shared-sharepointonl-1', { ConnectionOwner: 'dev-rpa-bot@contoso.com' })]) }),
      errors: [{ text: 'dev-rpa-bot@contoso.com', message: /^The Prod deployment settings give connection reference "cr1a2_sharepoint" a ConnectionOwner that is the dev bot account \("dev-rpa-bot@…"\): its name says it belongs to another environment.* Use Prod's own bot account\.$/ }],
    },
    {
      name: 'identities are per environment in every direction: the Test bot in Dev, the UAT cloud account in Test (another environment of the solution)',
      solution: sol({ Dev: settings([], [cr('cr1a2_sharepoint', 'shared-sharepointonl-1', { ConnectionOwner: 'test-rpa-bot@contoso.com' })]), Test: settings([], [cr('cr1a2_sharepoint', 'shared-sharepointonl-2', { ConnectionOwner: 'uat-rpa-cloud@contoso.com' })]), UAT: settings([], [cr('cr1a2_sharepoint', 'shared-sharepointonl-3')]) }),
      errors: [
        { text: 'test-rpa-bot@contoso.com', message: /^The Dev .* the test bot account/ },
        { text: 'uat-rpa-cloud@contoso.com', message: /^The Test .* the uat cloud account/ },
      ],
    },
    {
      name: 'a role account inside a value: reported at the account; the rest of the value still checked by its words',
      solution: sol({ Prod: settings([ev('cr1a2_InvoiceSite', 'Server=sql-dev.contoso.com;User ID=dev-rpa-machineowner@contoso.com')]) }),
      errors: [
        { text: 'Server=sql-dev.contoso.com;User ID=dev-rpa-machineowner@contoso.com', message: /names the development environment/ },
        { text: 'dev-rpa-machineowner@contoso.com', message: /the dev machineOwner account \("dev-rpa-machineowner@…"\)/ },
      ],
    },
    {
      name: 'a role account in a Secret variable is not quoted',
      solution: sol({ Prod: settings([ev('cr1a2_ApiSecret', 'dev-rpa-bot@contoso.com')]) }),
      errors: [{ message: /the dev bot account \(in a secret part of the value, not quoted\)/ }],
      secrets: ['dev-rpa-bot'],
    },
    {
      name: 'a Test SharePoint site in Prod',
      solution: sol({ Prod: settings([ev('cr1a2_InvoiceSite', 'https://contoso.sharepoint.com/sites/Invoices-Test')]) }),
      errors: [{ text: 'https://contoso.sharepoint.com/sites/Invoices-Test', message: /names the test environment \("test"\)/ }],
    },
    {
      name: 'the Dev key vault behind a Prod secret (the value is never quoted)',
      solution: sol({ Prod: settings([ev('cr1a2_ApiSecret', '/subscriptions/1a2b/resourceGroups/rg-rpa/providers/Microsoft.KeyVault/vaults/kv-rpa-dev/secrets/erp-password')]) }),
      errors: [{ text: '/subscriptions/1a2b/resourceGroups/rg-rpa/providers/Microsoft.KeyVault/vaults/kv-rpa-dev/secrets/erp-password' }],
      secrets: ['kv-rpa-dev', 'erp-password'],
    },
    {
      name: 'a Prod value in Dev works against Prod from Dev',
      solution: sol({ Dev: settings([ev('cr1a2_InvoiceSite', 'https://erp-prod.contoso.com')]) }),
      errors: [{ message: /^The Dev deployment settings .* names the production environment \("prod"\)/ }],
    },
    {
      name: '--env picks one environment',
      environment: 'Validation',
      solution: sol({ Validation: settings([ev('cr1a2_InvoiceSite', 'https://erp.contoso.com/prod')]), Prod: settings([ev('cr1a2_InvoiceSite', 'https://erp-dev.contoso.com')]) }),
      errors: [{ text: 'https://erp.contoso.com/prod', message: /^The Validation deployment settings/ }],
    },
    {
      name: 'a lower stage: a Dev host in Test, a UAT host in Prod',
      solution: sol({ Test: settings([ev('cr1a2_InvoiceSite', 'https://erp-dev.contoso.com/api')]), Prod: settings([ev('cr1a2_InvoiceSite', 'https://uat.supplier-portal.net/api')]) }),
      errors: [
        { text: 'https://uat.supplier-portal.net/api', message: /^The Prod deployment settings .* names the test environment \("uat"\): Prod \(production\) would use a test resource/ },
        { text: 'https://erp-dev.contoso.com/api', message: /^The Test deployment settings give environment variable "cr1a2_InvoiceSite" a value that names the development environment \("dev"\): Test \(test\) would use a development resource, outside the controls of test/ },
      ],
    },
    {
      name: 'production touched from Test: a production system and a production account',
      solution: sol({ Test: settings([ev('cr1a2_InvoiceSite', 'https://erp.contoso.com/live/api')], [cr('cr1a2_sharepoint', 'shared-sharepointonl-1', { ConnectionOwner: 'prod-rpa-bot@contoso.com' })]) }),
      errors: [
        { text: 'https://erp.contoso.com/live/api', message: /names the production environment \("live"\): Test \(test\) would work against production/ },
        { text: 'prod-rpa-bot@contoso.com', message: /a ConnectionOwner that is the prod bot account/ },
      ],
    },
    {
      name: 'a connection id that names another environment',
      solution: sol({ Test: settings([], [cr('cr1a2_sharepoint', 'prod-sharepoint-connection')]) }),
      errors: [{ text: 'prod-sharepoint-connection', message: /a ConnectionId that names the production environment/ }],
    },
  ],
});

test('settings/environment-bleed: data', () => {
  const { findings } = runCase(rule, { solution: sol({ Prod: settings([ev('cr1a2_InvoiceSite', 'https://erp-dev.contoso.com')]) }) });
  assert.deepEqual(findings[0].data, { environment: 'Prod', stage: 'prod', kind: 'environmentVariable', name: 'cr1a2_InvoiceSite', field: 'Value', names: 'dev', word: 'dev', direction: 'lower' });
});

test('settings/environment-bleed: the direction of a bleed', () => {
  assert.equal(bleedDirection('dev', 'test'), 'lower');
  assert.equal(bleedDirection('dev', 'prod'), 'lower');
  assert.equal(bleedDirection('test', 'prod'), 'lower');
  assert.equal(bleedDirection('prod', 'dev'), 'production');
  assert.equal(bleedDirection('prod', 'test'), 'production');
  assert.equal(bleedDirection('test', 'dev'), null);
  assert.equal(bleedDirection('prod', 'prod'), null);
});

test('values: environmentOfValue and isPipelineToken', () => {
  assert.equal(environmentOfValue('https://erp-dev.contoso.com')?.stage, 'dev');
  assert.equal(environmentOfValue('dev-rpa-bot@contoso.com')?.stage, 'dev');
  assert.equal(environmentOfValue('https://contosodev.crm4.dynamics.com')?.stage, 'dev');
  assert.equal(environmentOfValue('/sites/Finance-UAT')?.stage, 'test');
  assert.equal(environmentOfValue('3f2acc10-1d2e-4f5a-8b9c-0d1e2f3a4b5c'), undefined);
  assert.equal(environmentOfValue('4deca0ff12ab'), undefined);
  assert.equal(environmentOfValue('https://login.live.com/oauth20'), undefined);
  assert.equal(environmentOfValue('#{environmentvariable.dev_site}#'), undefined);
  for (const t of ['#{connectionreference.x}#', '$(SqlPassword)', '${{ variables.site }}', '__SiteUrl__']) assert.ok(isPipelineToken(t), t);
  for (const t of ['abc', 'https://x.com/#{a}#/b', '$100']) assert.ok(!isPipelineToken(t), t);
});
