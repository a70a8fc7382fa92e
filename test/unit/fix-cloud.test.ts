// Cloud-flow fixes: literal → environment variable (new or reused), secret → Secret environment
// variable read at run time, secure inputs/outputs. Every editable layout; the zip layout gets none.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { fixesFor, unfixableReason } from '../../server/src/fix/fixes';
import { parseJson, prop, propPath } from '../../server/src/load/json';
import { applyPreferred, assertGoodFix, EDITABLE_LAYOUTS, find, fixture, lint, read } from './fix-support';
import { CLOUD, CLOUD_WITH_DATAVERSE } from './fix-specs';

const FLOW = /Workflows\/ProcessInvoices-[0-9A-F-]+\.json$/;
const SECRET = 'c0ntoso-3rp-4udit-k3y-7f9a2b';

function flowJson(dir: string): any {
  return JSON.parse(read(find(dir, FLOW)));
}
function settings(dir: string, env: string): any {
  return JSON.parse(read(path.join(dir, 'config', env, 'deploymentSettings.json')));
}
function allText(dir: string): string {
  let out = '';
  const walk = (d: string) => {
    for (const n of fs.readdirSync(d)) {
      const p = path.join(d, n);
      if (fs.statSync(p).isDirectory()) walk(p);
      else out += fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}
const literal = (text: string) => (f: { loc: { file: { text: string }; span: { start: number; end: number } } }) => f.loc.file.text.slice(f.loc.span.start, f.loc.span.end) === text;

for (const layout of EDITABLE_LAYOUTS) {
  describe(`cloud fixes (${layout})`, () => {
    test('a SharePoint list becomes a new environment variable; the active environment gets the value', () => {
      const dir = fixture(CLOUD, layout, 'cloud-new');
      const a = applyPreferred(dir, 'cloud/environment-specific-value', { environment: 'Dev', pick: literal('8c2f4e1a-3b5d-4c7e-9f0a-1b2c3d4e5f6a') });
      assert.match(a.fix.title, /new environment variable cnt_GetInvoicePropertiesList$/);
      const def = read(find(dir, /environmentvariabledefinitions\/cnt_GetInvoicePropertiesList\/environmentvariabledefinition\.xml$/));
      assert.match(def, /<displayname default="Get Invoice Properties List">/);
      assert.match(def, /<introducedversion>1\.2\.0\.0<\/introducedversion>/);
      assert.match(def, /<type>100000000<\/type>/);
      assert.doesNotMatch(def, /defaultvalue/);
      const json = flowJson(dir);
      const p = json.properties.definition.parameters['Get Invoice Properties List (cnt_GetInvoicePropertiesList)'];
      assert.deepEqual(p, { defaultValue: '8c2f4e1a-3b5d-4c7e-9f0a-1b2c3d4e5f6a', type: 'String', metadata: { schemaName: 'cnt_GetInvoicePropertiesList' } });
      assert.equal(json.properties.definition.actions.Get_invoice_properties.inputs.parameters.table, "@parameters('Get Invoice Properties List (cnt_GetInvoicePropertiesList)')");
      assert.deepEqual(settings(dir, 'Dev').EnvironmentVariables.at(-1), { SchemaName: 'cnt_GetInvoicePropertiesList', Value: '8c2f4e1a-3b5d-4c7e-9f0a-1b2c3d4e5f6a' });
      assert.deepEqual(settings(dir, 'Prod').EnvironmentVariables.at(-1), { SchemaName: 'cnt_GetInvoicePropertiesList', Value: '' });
      // Solution.xml lists no environment variables as root components: none is added.
      assert.doesNotMatch(read(find(dir, /(Other\/Solution|solution)\.xml$/)), /type="380"/);
      assertGoodFix(dir, a, { environment: 'Dev' });
    });

    test('without an active environment the value stays only in the flow parameter default', () => {
      const dir = fixture(CLOUD, layout, 'cloud-noenv');
      const a = applyPreferred(dir, 'cloud/environment-specific-value', { pick: literal('8c2f4e1a-3b5d-4c7e-9f0a-1b2c3d4e5f6a') });
      assert.match(a.fix.title, /no active environment/);
      assert.match(a.fix.description!, /No active environment/);
      assert.equal(settings(dir, 'Dev').EnvironmentVariables.at(-1).Value, '');
      assert.equal(settings(dir, 'Prod').EnvironmentVariables.at(-1).Value, '');
      assert.equal(flowJson(dir).properties.definition.parameters['Get Invoice Properties List (cnt_GetInvoicePropertiesList)'].defaultValue, '8c2f4e1a-3b5d-4c7e-9f0a-1b2c3d4e5f6a');
      assertGoodFix(dir, a);
    });

    test('an environment variable that already holds the value is reused', () => {
      const dir = fixture(CLOUD, layout, 'cloud-reuse');
      const a = applyPreferred(dir, 'cloud/environment-specific-value', { environment: 'Dev', pick: literal('https://contoso.sharepoint.com/sites/Finance-Dev') });
      assert.match(a.fix.title, /cnt_SiteUrl, which already holds this value/);
      assert.equal(a.change.creates.length, 0);
      assert.equal(flowJson(dir).properties.definition.actions.Get_invoice_properties.inputs.parameters.dataset, "@parameters('Site URL (cnt_SiteUrl)')");
      assert.equal(settings(dir, 'Dev').EnvironmentVariables.length, 1);
      assertGoodFix(dir, a, { environment: 'Dev' });
    });

    test('a literal inside a longer string becomes @{parameters(…)}', () => {
      // A link in an e-mail body is message text, not reported (issue 12): the longer string is a Compose input.
      const spec = JSON.parse(JSON.stringify(CLOUD)) as typeof CLOUD;
      const actions = (spec.cloudFlows![0].definition as { actions: Record<string, unknown> }).actions;
      actions.Compose_location = { runAfter: { Compose_share: ['Succeeded'] }, type: 'Compose', inputs: 'Archive at https://contoso.sharepoint.com/sites/Finance-Dev/Invoices then notify' };
      const dir = fixture(spec, layout, 'cloud-part');
      const a = applyPreferred(dir, 'cloud/environment-specific-value', { environment: 'Dev', pick: literal('https://contoso.sharepoint.com/sites/Finance-Dev/Invoices') });
      const inputs = flowJson(dir).properties.definition.actions.Compose_location.inputs;
      assert.equal(inputs, "Archive at @{parameters('Compose Location URL (cnt_ComposeLocationURL)')} then notify");
      assertGoodFix(dir, a, { environment: 'Dev' });
    });

    test('a string constant inside an expression becomes parameters(…)', () => {
      const dir = fixture(CLOUD, layout, 'cloud-expr');
      const a = applyPreferred(dir, 'cloud/environment-specific-value', { environment: 'Dev', pick: literal('https://contoso.sharepoint.com/sites/Archive-Dev') });
      assert.equal(flowJson(dir).properties.definition.actions.Compose_archive_link.inputs, "@concat(parameters('Compose Archive Link URL (cnt_ComposeArchiveLinkURL)'), '/', triggerOutputs()?['body/ID'])");
      assertGoodFix(dir, a, { environment: 'Dev' });
    });

    test('a hard-coded machine becomes an environment variable', () => {
      const dir = fixture(CLOUD, layout, 'cloud-machine');
      const a = applyPreferred(dir, 'cloud/hardcoded-machine', { environment: 'Prod' });
      assert.equal(flowJson(dir).properties.definition.actions.Compose_share.inputs, "@parameters('Compose Share (cnt_ComposeShare)')");
      assert.equal(settings(dir, 'Prod').EnvironmentVariables.at(-1).Value, '\\\\fs01.contoso.local\\Archive\\Invoices');
      assertGoodFix(dir, a, { environment: 'Prod' });
    });

    test('a plain-text secret becomes a Secret environment variable read like the CoE Get_Azure_Secret', () => {
      const dir = fixture(CLOUD, layout, 'cloud-secret');
      const a = applyPreferred(dir, 'cloud/plaintext-secret', { environment: 'Dev' });
      assert.ok(!a.fix.title.includes(SECRET) && !a.fix.description!.includes(SECRET));
      assert.match(a.fix.description!, /Key Vault/);
      const def = read(find(dir, /environmentvariabledefinitions\/cnt_PostAuditKey\/environmentvariabledefinition\.xml$/));
      assert.match(def, /<secretstore>0<\/secretstore>\s*<type>100000005<\/type>/);
      const json = flowJson(dir);
      const actions = json.properties.definition.actions;
      const read_ = actions.Get_Post_Audit_Key;
      assert.deepEqual(read_.runAfter, { Compose_share: ['Succeeded'] });
      assert.equal(read_.inputs.host.operationId, 'PerformUnboundAction');
      assert.deepEqual(read_.inputs.parameters, { actionName: 'RetrieveEnvironmentVariableSecretValue', 'item/EnvironmentVariableName': 'cnt_postauditkey' });
      assert.deepEqual(read_.runtimeConfiguration, { secureData: { properties: ['outputs'] } });
      const keys = Object.keys(actions);
      assert.equal(keys.indexOf('Get_Post_Audit_Key'), keys.indexOf('Post_audit') - 1, 'the read action sits right before its consumer');
      assert.deepEqual(actions.Post_audit.runAfter, { Get_Post_Audit_Key: ['Succeeded'] });
      assert.equal(actions.Post_audit.inputs.headers['x-api-key'], "@body('Get_Post_Audit_Key')?['EnvironmentVariableSecretValue']");
      assert.deepEqual(actions.Post_audit.runtimeConfiguration, { secureData: { properties: ['inputs'] } });
      // The solution had no Dataverse connection reference: one is created and used.
      const conn = json.properties.connectionReferences[read_.inputs.host.connectionName];
      assert.equal(conn.api.name, 'shared_commondataserviceforapps');
      const custom = read(find(dir, /(Other\/Customizations|customizations)\.xml$/));
      assert.ok(custom.includes(`connectionreferencelogicalname="${conn.connection.connectionReferenceLogicalName}"`));
      for (const env of ['Dev', 'Prod']) {
        assert.deepEqual(settings(dir, env).EnvironmentVariables.at(-1), { SchemaName: 'cnt_PostAuditKey', Value: '' });
        assert.equal(settings(dir, env).ConnectionReferences.at(-1).LogicalName, conn.connection.connectionReferenceLogicalName);
      }
      assert.ok(!allText(dir).includes(SECRET), 'the secret is written nowhere');
      assertGoodFix(dir, a, { environment: 'Dev' });
    });

    test('the secret read reuses the solution\'s Dataverse connection reference', () => {
      const dir = fixture(CLOUD_WITH_DATAVERSE, layout, 'cloud-secret-dv');
      const customBefore = read(find(dir, /(Other\/Customizations|customizations)\.xml$/));
      const a = applyPreferred(dir, 'cloud/plaintext-secret');
      const json = flowJson(dir);
      assert.deepEqual(json.properties.connectionReferences.shared_commondataserviceforapps.connection, { connectionReferenceLogicalName: 'cnt_sharedcommondataserviceforapps_98ee0' });
      if (layout !== 'raw') assert.equal(read(find(dir, /Other\/Customizations\.xml$/)), customBefore);
      assertGoodFix(dir, a);
    });

    test('secure inputs are turned on for an action that sends a secret', () => {
      const dir = fixture(CLOUD, layout, 'cloud-secure');
      const a = applyPreferred(dir, 'cloud/unsecured-secret');
      assert.deepEqual(flowJson(dir).properties.definition.actions.Post_audit.runtimeConfiguration, { secureData: { properties: ['inputs'] } });
      assertGoodFix(dir, a);
    });
  });
}

describe('cloud fixes: more', () => {
  test('secureData properties already present are kept and extended', () => {
    const spec = JSON.parse(JSON.stringify(CLOUD));
    spec.cloudFlows[0].definition.actions.Post_audit.runtimeConfiguration = { secureData: { properties: ['outputs'] } };
    const dir = fixture(spec, 'unpacked', 'cloud-secure-extend');
    const a = applyPreferred(dir, 'cloud/unsecured-secret');
    assert.deepEqual(flowJson(dir).properties.definition.actions.Post_audit.runtimeConfiguration.secureData.properties, ['outputs', 'inputs']);
    assertGoodFix(dir, a);
  });

  test('a Solution.xml that lists environment variables (type 380) gets the new one', () => {
    const dir = fixture(CLOUD, 'unpacked', 'cloud-380');
    const manifest = find(dir, /Other\/Solution\.xml$/);
    fs.writeFileSync(manifest, read(manifest).replace('    </RootComponents>', '      <RootComponent type="380" schemaName="cnt_SiteUrl" behavior="0" />\n    </RootComponents>'));
    const a = applyPreferred(dir, 'cloud/environment-specific-value', { pick: literal('8c2f4e1a-3b5d-4c7e-9f0a-1b2c3d4e5f6a') });
    assert.match(read(manifest), /<RootComponent type="380" schemaName="cnt_SiteUrl" behavior="0" \/>\n      <RootComponent type="380" schemaName="cnt_GetInvoicePropertiesList" behavior="0" \/>/);
    assertGoodFix(dir, a);
  });

  test('zip layout: no fix is offered, and the reason says why', () => {
    const dir = fixture(CLOUD, 'zip', 'cloud-zip');
    const r = lint(dir, 'Dev');
    const inZip = r.findings.filter(f => f.loc.file.entry);
    assert.ok(inZip.length > 0);
    for (const f of inZip) {
      assert.deepEqual(fixesFor(f, { workspace: r.workspace, configs: r.configs, environment: 'Dev' }), []);
      assert.match(unfixableReason(f)!, /packed solution \.zip/);
    }
  });

  test('the parameters block is created when the flow has none', () => {
    const spec = JSON.parse(JSON.stringify(CLOUD));
    const def = spec.cloudFlows[0].definition;
    spec.cloudFlows[0].definition = { ...def, parameters: undefined };
    const dir = fixture(spec, 'unpacked', 'cloud-noparams');
    // The fixture's default parameters are replaced: strip them from the file.
    const file = find(dir, FLOW);
    const json = JSON.parse(read(file));
    delete json.properties.definition.parameters;
    fs.writeFileSync(file, JSON.stringify(json, null, 2));
    const a = applyPreferred(dir, 'cloud/environment-specific-value', { pick: literal('8c2f4e1a-3b5d-4c7e-9f0a-1b2c3d4e5f6a') });
    const after = parseJson(read(file)).root;
    assert.ok(prop(propPath(after, 'properties', 'definition', 'parameters'), 'Get Invoice Properties List (cnt_GetInvoicePropertiesList)'));
    assertGoodFix(dir, a, { allowed: ['settings/missing-value', 'cloud/environment-specific-value'] });
  });
});
