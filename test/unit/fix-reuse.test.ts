// Fixes reuse what the solution has, one move per value (issue 12, item 4): a value an environment
// variable already holds (default, committed value, any environment's settings) is read from that
// variable, in both families, and an input its callers already feed from it is reused; one move
// replaces every place of the value in the solution (cloud and desktop flows) and says how many.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import type { Finding } from '../../server/src/findings/finding';
import { diskStore } from '../../server/src/fix/change';
import { fixesFor } from '../../server/src/fix/fixes';
import { fixAll } from '../../server/src/fix/run';
import { DiskVfs } from '../../server/src/load/vfs';
import type { CloudFlowSpec, SolutionSpec } from '../support/fixture';
import { DEV_URL, yamlTree } from '../support/yaml-layout';
import { applyPreferred, assertGoodFix, find, fixture, read, tempDir, treeHash } from './fix-support';
import { DESKTOP, DESKTOP_ID } from './fix-specs';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const UIFLOW = '/providers/Microsoft.PowerApps/apis/shared_uiflow';
const SITE = 'https://contoso.sharepoint.com/sites/Finance-Dev';
const ERP_URL = 'https://erp-dev.contoso.com/invoices/new';
const host = (api: string, operationId: string) => ({ connectionName: api.split('/').pop(), operationId, apiId: api });

/** A cloud flow reading items of the site, optionally holding a workflow parameter. */
function siteFlow(name: string, parameters: Record<string, unknown> = {}): CloudFlowSpec {
  return {
    name,
    uses: [{ key: 'shared_sharepointonline', logicalName: 'cnt_sharedsharepointonline_5f2a1' }],
    definition: {
      parameters: { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' }, ...parameters },
      actions: {
        Get_items: {
          runAfter: {}, type: 'OpenApiConnection',
          inputs: { host: host(SP, 'GetItems'), parameters: { dataset: SITE, table: 'Invoices' }, authentication: "@parameters('$authentication')" },
        },
      },
    },
  };
}

/** The cloud flow that runs the desktop flow, passing what `item` holds. */
function runnerFlow(item: Record<string, string>, parameters: Record<string, unknown> = {}): CloudFlowSpec {
  return {
    name: 'Run Invoice Entry',
    uses: [{ key: 'shared_uiflow', logicalName: 'cnt_shareduiflow_8b3c4' }],
    definition: {
      parameters: { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' }, ...parameters },
      actions: {
        Run_desktop_flow: {
          runAfter: {}, type: 'OpenApiConnection',
          inputs: {
            host: host(UIFLOW, 'RunUIFlow_V2'),
            parameters: { uiFlowId: DESKTOP_ID, runMode: 'unattended', runPriority: 'normal', ...Object.fromEntries(Object.entries(item).map(([k, v]) => [`item/${k}`, v])) },
            authentication: "@parameters('$authentication')",
          },
        },
      },
    },
  };
}

const SCRIPT_HEAD = ["@@ConnectionString: ''", "@@Type: 'Local'"];
const launch = (url: string) => `WebAutomation.LaunchEdge.LaunchEdge Url: ${url} WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser`;
const settingsOf = (dir: string, env: string) => JSON.parse(read(path.join(dir, 'config', env, 'deploymentSettings.json')));
const flowFile = (dir: string, name: RegExp) => JSON.parse(read(find(dir, name)));
const scriptOf = (dir: string) => analyze([dir], { vfs: new DiskVfs() }).workspace.solutions[0].desktopFlows[0].script!.text;
const valueIs = (v: string) => (f: Finding) => (f.owner.script && f.scriptSpan ? f.owner.script.text.slice(f.scriptSpan.start, f.scriptSpan.end) : f.loc.file.text.slice(f.loc.span.start, f.loc.span.end)).includes(v);

function desktopSpec(script: string[], overrides: Partial<SolutionSpec>): SolutionSpec {
  return {
    ...DESKTOP,
    connectionReferences: [...DESKTOP.connectionReferences!, { logicalName: 'cnt_sharedsharepointonline_5f2a1', displayName: 'SharePoint', connectorId: SP }],
    desktopFlows: [{ ...DESKTOP.desktopFlows![0], script: [...SCRIPT_HEAD, ...script].join('\r\n'), inputs: [], outputs: [] }],
    settings: {
      Dev: { EnvironmentVariables: [], ConnectionReferences: [] },
      Prod: { EnvironmentVariables: [], ConnectionReferences: [] },
    },
    ...overrides,
  };
}

describe('fixes reuse an environment variable that holds the value', () => {
  test('desktop flow: the URL is read from the variable whose default holds it; no new definition', () => {
    const spec = desktopSpec([launch(`$'''${ERP_URL}'''`)], {
      environmentVariables: [{ schemaName: 'cnt_ErpUrl', displayName: 'ERP URL', defaultValue: ERP_URL }],
      cloudFlows: [runnerFlow({})],
    });
    const dir = fixture(spec, 'unpacked', 'reuse-default');
    const a = applyPreferred(dir, 'pad/environment-specific-url', { environment: 'Dev' });
    assert.equal(a.change.creates.length, 0, 'no new definition');
    assert.match(a.fix.title, /fed from environment variable cnt_ErpUrl/);
    assert.match(a.fix.description!, /cnt_ErpUrl \(which already holds this value\)/);
    assert.ok(scriptOf(dir).includes('LaunchEdge Url: Input_LaunchEdgeUrl WindowState'));
    const runner = flowFile(dir, /RunInvoiceEntry-[0-9A-F-]+\.json$/).properties.definition;
    assert.equal(runner.actions.Run_desktop_flow.inputs.parameters['item/Input_LaunchEdgeUrl'], "@parameters('ERP URL (cnt_ErpUrl)')");
    assert.deepEqual(runner.parameters['ERP URL (cnt_ErpUrl)'], { defaultValue: ERP_URL, type: 'String', metadata: { schemaName: 'cnt_ErpUrl' } });
    // Settings extended: the active environment gets the value, the other an empty entry to fill.
    assert.deepEqual(settingsOf(dir, 'Dev').EnvironmentVariables, [{ SchemaName: 'cnt_ErpUrl', Value: ERP_URL }]);
    assert.deepEqual(settingsOf(dir, 'Prod').EnvironmentVariables, [{ SchemaName: 'cnt_ErpUrl', Value: '' }]);
    assertGoodFix(dir, a, { environment: 'Dev' });
  });

  test('desktop flow: an input the caller already feeds from that variable is reused, nothing is declared or wired', () => {
    const declared = "@INPUT Input_ErpUrl : { 'Description': 'ERP address.', 'FriendlyName': 'Input_ErpUrl', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ";
    const spec = desktopSpec([declared, "SET Start TO Input_ErpUrl", launch(`$'''${ERP_URL}'''`)], {
      environmentVariables: [{ schemaName: 'cnt_ErpUrl', displayName: 'ERP URL', value: ERP_URL }],
      cloudFlows: [runnerFlow({ Input_ErpUrl: "@parameters('ERP URL (cnt_ErpUrl)')" }, { 'ERP URL (cnt_ErpUrl)': { defaultValue: '', type: 'String', metadata: { schemaName: 'cnt_ErpUrl' } } })],
      settings: { Dev: { EnvironmentVariables: [{ SchemaName: 'cnt_ErpUrl', Value: ERP_URL }] }, Prod: { EnvironmentVariables: [{ SchemaName: 'cnt_ErpUrl', Value: 'https://erp.contoso.com/invoices/new' }] } },
    });
    spec.desktopFlows![0].inputs = [{ name: 'Input_ErpUrl' }];
    const dir = fixture(spec, 'unpacked', 'reuse-input');
    const runnerBefore = read(find(dir, /RunInvoiceEntry-[0-9A-F-]+\.json$/));
    const settingsBefore = [read(path.join(dir, 'config', 'Dev', 'deploymentSettings.json')), read(path.join(dir, 'config', 'Prod', 'deploymentSettings.json'))];
    const a = applyPreferred(dir, 'pad/environment-specific-url', { environment: 'Dev', pick: valueIs(ERP_URL) });
    assert.match(a.fix.title, /^Read it from the input variable Input_ErpUrl \(fed from environment variable cnt_ErpUrl\)$/);
    const s = scriptOf(dir);
    assert.ok(s.includes('LaunchEdge Url: Input_ErpUrl WindowState'));
    assert.equal(s.match(/@INPUT /g)!.length, 1, 'no second input');
    // Only the script changed: the caller, the schema's owner flow and the settings are untouched.
    assert.deepEqual(a.change.files.map(f => path.basename(f.path)).filter(n => !/EnterInvoice/.test(n)), []);
    assert.equal(read(find(dir, /RunInvoiceEntry-[0-9A-F-]+\.json$/)), runnerBefore);
    assert.deepEqual([read(path.join(dir, 'config', 'Dev', 'deploymentSettings.json')), read(path.join(dir, 'config', 'Prod', 'deploymentSettings.json'))], settingsBefore);
    assertGoodFix(dir, a, { environment: 'Dev' });
  });

  test('cloud flow: a value only another environment\'s settings hold is reused; the settings keep their values', () => {
    const spec: SolutionSpec = {
      uniqueName: 'ReuseSettings', prefix: 'cnt', version: '1.0.0.0',
      connectionReferences: [{ logicalName: 'cnt_sharedsharepointonline_5f2a1', displayName: 'SharePoint', connectorId: SP }],
      environmentVariables: [{ schemaName: 'cnt_FinanceSite', displayName: 'Finance Site' }],
      cloudFlows: [siteFlow('Process Invoices')],
      settings: {
        Dev: { EnvironmentVariables: [{ SchemaName: 'cnt_FinanceSite', Value: 'https://contoso.sharepoint.com/sites/Finance-Dev2' }] },
        Test: { EnvironmentVariables: [{ SchemaName: 'cnt_FinanceSite', Value: SITE }] },
      },
    };
    const dir = fixture(spec, 'unpacked', 'reuse-settings');
    const a = applyPreferred(dir, 'cloud/environment-specific-value', { environment: 'Dev', pick: valueIs(SITE) });
    assert.match(a.fix.title, /environment variable cnt_FinanceSite, which already holds this value/);
    assert.equal(a.change.creates.length, 0);
    assert.equal(flowFile(dir, /ProcessInvoices-[0-9A-F-]+\.json$/).properties.definition.actions.Get_items.inputs.parameters.dataset, "@parameters('Finance Site (cnt_FinanceSite)')");
    assert.deepEqual(settingsOf(dir, 'Dev').EnvironmentVariables, [{ SchemaName: 'cnt_FinanceSite', Value: 'https://contoso.sharepoint.com/sites/Finance-Dev2' }]);
    assert.deepEqual(settingsOf(dir, 'Test').EnvironmentVariables, [{ SchemaName: 'cnt_FinanceSite', Value: SITE }]);
    assertGoodFix(dir, a, { environment: 'Dev' });
  });

  test('a value that differs by a trailing slash is not the same value: a new variable is created', () => {
    const spec: SolutionSpec = {
      uniqueName: 'ReuseSlash', prefix: 'cnt', version: '1.0.0.0',
      connectionReferences: [{ logicalName: 'cnt_sharedsharepointonline_5f2a1', displayName: 'SharePoint', connectorId: SP }],
      environmentVariables: [{ schemaName: 'cnt_FinanceSite', displayName: 'Finance Site', defaultValue: `${SITE}/` }],
      cloudFlows: [siteFlow('Process Invoices')],
    };
    const dir = fixture(spec, 'unpacked', 'reuse-slash');
    const a = applyPreferred(dir, 'cloud/environment-specific-value', { pick: valueIs(SITE) });
    assert.match(a.fix.title, /^Move it to a new environment variable cnt_GetItemsSite$/);
    assert.equal(a.change.creates.length, 1);
  });

  test('YAML layout: the committed value of an existing variable is reused; solutioncomponents.yml is untouched', () => {
    const files = yamlTree();
    const root = 'src/solutions/demo_core';
    for (const k of Object.keys(files)) if (k.includes('/workflows/')) delete files[k];
    const list = `/w/${root}/solutions/demo_core/solutioncomponents.yml`;
    files[list] = files[list].replace(/ {2}- '@path': \/workflows\/[^\r]+\r\n/, '');
    const values = `/w/${root}/environment_variable_values.json`;
    files[values] = files[values].replace('https://contoso.sharepoint.com/sites/Orders', DEV_URL);
    const dir = tempDir('reuse-yaml');
    for (const [p, text] of Object.entries(files)) {
      const target = path.join(dir, p.replace(/^\/w\//, ''));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    }
    const components = fs.readFileSync(path.join(dir, root, 'solutions/demo_core/solutioncomponents.yml'), 'utf8');
    const a = applyPreferred(dir, 'cloud/environment-specific-value', { pick: valueIs(DEV_URL) });
    assert.match(a.fix.title, /dem_OrdersSite, which already holds this value/);
    assert.equal(a.change.creates.length, 0);
    const flowPath = a.change.files.find(f => f.path.endsWith('.json'))!.path;
    const flow = JSON.parse(fs.readFileSync(flowPath, 'utf8'));
    assert.equal(flow.properties.definition.actions.Call_API.inputs.uri, "@parameters('Orders Site (dem_OrdersSite)')");
    assert.ok(fs.readFileSync(flowPath, 'utf8').includes('\r\n'), 'CRLF kept');
    assert.equal(fs.readFileSync(path.join(dir, root, 'solutions/demo_core/solutioncomponents.yml'), 'utf8'), components);
  });
});

describe('one move per value', () => {
  /** The site in two cloud flows and in a desktop flow run by a third cloud flow. */
  const spread = (): SolutionSpec => desktopSpec([launch(`$'''${SITE}'''`)], {
    cloudFlows: [siteFlow('Process Invoices'), siteFlow('Archive Invoices'), runnerFlow({})],
  });

  test('one fix changes the value in two cloud flows and a desktop flow, with one new variable, and says so', () => {
    const dir = fixture(spread(), 'unpacked', 'move-all');
    const before = analyze([dir], { vfs: new DiskVfs() }).findings.filter(valueIs(SITE));
    assert.equal(before.length, 3, 'the value is reported in three places');
    const a = applyPreferred(dir, 'cloud/environment-specific-value', { environment: 'Dev', pick: valueIs(SITE) });
    assert.match(a.fix.title, /^Move it to a new environment variable cnt_GetItemsSite \(3 places in 3 flows\)$/);
    assert.match(a.fix.description!, /The same value is replaced everywhere in the solution \(3 places\): cloud flow "(Process|Archive) Invoices" \(1 place\), cloud flow "(Process|Archive) Invoices" \(1 place\), desktop flow "Enter Invoice" \(1 place, input Input_LaunchEdgeUrl\)\./);
    assert.equal(a.change.creates.filter(c => c.path.endsWith('environmentvariabledefinition.xml')).length, 1, 'one new definition');
    const read2 = (re: RegExp) => flowFile(dir, re).properties.definition;
    for (const re of [/ProcessInvoices-[0-9A-F-]+\.json$/, /ArchiveInvoices-[0-9A-F-]+\.json$/]) {
      assert.equal(read2(re).actions.Get_items.inputs.parameters.dataset, "@parameters('Get Items Site (cnt_GetItemsSite)')");
    }
    assert.ok(scriptOf(dir).includes('LaunchEdge Url: Input_LaunchEdgeUrl WindowState'));
    assert.equal(read2(/RunInvoiceEntry-[0-9A-F-]+\.json$/).actions.Run_desktop_flow.inputs.parameters['item/Input_LaunchEdgeUrl'], "@parameters('Get Items Site (cnt_GetItemsSite)')");
    assert.deepEqual(settingsOf(dir, 'Dev').EnvironmentVariables, [{ SchemaName: 'cnt_GetItemsSite', Value: SITE }]);
    assert.equal(a.after.findings.filter(valueIs(SITE)).length, 0, 'every place is fixed');
    assert.deepEqual(new Set(a.fix.covers), new Set(before.map(f => a.before.findings.find(g => g.loc.file.path === f.loc.file.path && g.loc.span.start === f.loc.span.start))));
    assertGoodFix(dir, a, { environment: 'Dev' });
  });

  test('the same move starts from the desktop flow too', () => {
    const dir = fixture(spread(), 'unpacked', 'move-from-desktop');
    const a = applyPreferred(dir, 'pad/environment-specific-url', { pick: valueIs(SITE) });
    assert.match(a.fix.title, /^Make it the input variable Input_LaunchEdgeUrl \(fed from environment variable cnt_LaunchEdgeUrl\) \(3 places in 3 flows\)$/);
    assert.equal(a.after.findings.filter(valueIs(SITE)).length, 0);
    assertGoodFix(dir, a);
  });

  test('two places in one desktop flow share one input', () => {
    const spec = desktopSpec([launch(`$'''${ERP_URL}'''`), `SET Back TO $'''${ERP_URL}'''`], { cloudFlows: [runnerFlow({})] });
    const dir = fixture(spec, 'unpacked', 'move-one-input');
    const a = applyPreferred(dir, 'pad/environment-specific-url', { environment: 'Dev', pick: valueIs(ERP_URL) });
    assert.match(a.fix.title, /\(2 places in 1 flow\)$/);
    const s = scriptOf(dir);
    assert.equal(s.match(/@INPUT /g)!.length, 1);
    assert.ok(s.includes('LaunchEdge Url: Input_LaunchEdgeUrl WindowState') && s.includes('SET Back TO Input_LaunchEdgeUrl'), s);
    assertGoodFix(dir, a, { environment: 'Dev' });
  });

  test('without the run\'s findings a fix changes its own place only', () => {
    const dir = fixture(spread(), 'unpacked', 'move-alone');
    const before = analyze([dir], { vfs: new DiskVfs() });
    const finding = before.findings.find(f => f.ruleId === 'cloud/environment-specific-value' && valueIs(SITE)(f))!;
    const fix = fixesFor(finding, { workspace: before.workspace })[0];
    assert.doesNotMatch(fix.title, /places/);
    assert.equal(fix.covers, undefined);
  });

  test('--fix applies one move per value: fewer rounds, every place fixed', () => {
    const dir = fixture(spread(), 'unpacked', 'move-cli');
    const hash = treeHash(dir);
    const run = fixAll({ paths: [dir], vfs: new DiskVfs(), store: diskStore(), environment: 'Dev' });
    assert.notEqual(treeHash(dir), hash);
    const moves = run.applied.filter(x => /3 places in 3 flows/.test(x.title));
    assert.equal(moves.length, 1, run.applied.map(x => x.title).join('\n'));
    assert.equal(run.analysis.findings.filter(valueIs(SITE)).length, 0);
    assert.equal(run.failed.length, 0, JSON.stringify(run.failed));
  });
});
