// Every solution layout reads into the same model, with positions.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { discover } from '../../server/src/discover/discover';
import { DiskVfs, MemoryVfs } from '../../server/src/load/vfs';
import type { Solution, Workspace } from '../../server/src/model/types';
import { positionAt } from '../../server/src/util/text';
import { buildSolutionFiles, buildZip, FixtureLayout, SolutionSpec, writeFixture } from '../support/fixture';

const SCRIPT = [
  "@@ConnectionString: ''",
  "@@Type: 'Local'",
  "@SENSITIVE: [Input_Password]",
  "@INPUT Input_Password : { 'Description': 'Password', 'FriendlyName': 'Input_Password', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' }",
  "SET Folder TO $'''C:\\\\RPA\\\\Input'''",
  "Excel.LaunchExcel.LaunchAndOpenUnderExistingProcess Path: $'''%Folder%\\\\invoices.xlsx''' Visible: False ReadOnly: False Instance=> ExcelInstance",
  'FUNCTION Cleanup GLOBAL',
  "    Folder.Empty Folder: Folder",
  'END FUNCTION',
].join('\r\n');

const SPEC: SolutionSpec = {
  uniqueName: 'ContosoInvoices',
  prefix: 'cnt',
  version: '1.2.3.4',
  connectionReferences: [
    { logicalName: 'cnt_sharedsharepointonline_1', displayName: 'SharePoint', connectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' },
    { logicalName: 'cnt_shareduiflow_1', displayName: 'Desktop flows', connectorId: '/providers/Microsoft.PowerApps/apis/shared_uiflow' },
  ],
  environmentVariables: [
    { schemaName: 'cnt_InputFolder', displayName: 'Input Folder' },
    { schemaName: 'cnt_ApiSecret', displayName: 'API Secret', type: 100000005 },
    { schemaName: 'cnt_SiteUrl', displayName: 'Site URL', defaultValue: 'https://contoso.sharepoint.com/sites/dev', value: 'https://contoso.sharepoint.com/sites/dev' },
  ],
  cloudFlows: [{
    name: 'Process Invoices',
    uses: [{ key: 'shared_sharepointonline', logicalName: 'cnt_sharedsharepointonline_1' }, { key: 'shared_uiflow', logicalName: 'cnt_shareduiflow_1' }],
    definition: {
      parameters: {
        $connections: { defaultValue: {}, type: 'Object' },
        'Input Folder (cnt_InputFolder)': { defaultValue: 'C:\\RPA\\Input', type: 'String', metadata: { schemaName: 'cnt_InputFolder' } },
      },
      actions: {
        Scope: {
          type: 'Scope',
          actions: {
            Condition: {
              type: 'If',
              expression: { equals: [1, 1] },
              actions: { Run_desktop_flow: { type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_uiflow', operationId: 'RunUIFlow_V2', apiId: '/providers/Microsoft.PowerApps/apis/shared_uiflow' }, parameters: { uiFlowId: 'x', 'item/Input_Folder': "@parameters('Input Folder (cnt_InputFolder)')" } } } },
              else: { actions: { Get_items: { type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_sharepointonline', operationId: 'GetItems' }, parameters: { dataset: 'https://contoso.sharepoint.com/sites/dev' } } } } },
            },
          },
        },
      },
    },
  }],
  desktopFlows: [{ name: 'Invoice Entry', script: SCRIPT, inputs: [{ name: 'Input_Password', sensitive: true }] }],
  settings: {
    Test: { EnvironmentVariables: [{ SchemaName: 'cnt_InputFolder', Value: 'D:\\Automation\\Input' }], ConnectionReferences: [{ LogicalName: 'cnt_shareduiflow_1', ConnectionId: '#{connectionreference.cnt_shareduiflow_1}#', ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_uiflow', ConnectionOwner: 'x' }] },
    Prod: { EnvironmentVariables: [], ConnectionReferences: [] },
  },
};

function load(layout: FixtureLayout): Workspace {
  const files: Record<string, string | Uint8Array> = {};
  if (layout === 'zip') {
    const { zip, outside } = buildZip(SPEC);
    files['ContosoInvoices_1_2_3_4.zip'] = zip;
    Object.assign(files, outside);
  } else {
    Object.assign(files, buildSolutionFiles(SPEC, layout));
  }
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [`/repo/${p}`, c])));
  return discover(['/repo'], { vfs });
}

function checkModel(s: Solution, layout: FixtureLayout) {
  assert.equal(s.layout, layout);
  assert.equal(s.uniqueName, 'ContosoInvoices');
  assert.equal(s.version, '1.2.3.4');
  assert.equal(s.publisher.prefix, 'cnt');
  assert.deepEqual(s.connectionReferences.map(r => [r.logicalName, r.displayName, r.connectorName]), [
    ['cnt_sharedsharepointonline_1', 'SharePoint', 'shared_sharepointonline'],
    ['cnt_shareduiflow_1', 'Desktop flows', 'shared_uiflow'],
  ]);
  const ev = new Map(s.environmentVariables.map(v => [v.schemaName, v]));
  assert.deepEqual([...ev.keys()].sort(), ['cnt_ApiSecret', 'cnt_InputFolder', 'cnt_SiteUrl']);
  assert.equal(ev.get('cnt_ApiSecret')!.kind, 'Secret');
  assert.equal(ev.get('cnt_InputFolder')!.kind, 'String');
  assert.equal(ev.get('cnt_InputFolder')!.displayName, 'Input Folder');
  assert.equal(ev.get('cnt_SiteUrl')!.defaultValue!.value, 'https://contoso.sharepoint.com/sites/dev');
  assert.equal(ev.get('cnt_SiteUrl')!.currentValue!.value, 'https://contoso.sharepoint.com/sites/dev');
  // Every element points at its text in a real file.
  for (const v of s.environmentVariables) assert.equal(v.loc.file.text.slice(v.loc.span.start, v.loc.span.end), v.schemaName);
  for (const r of s.connectionReferences) assert.equal(r.loc.file.text.slice(r.loc.span.start, r.loc.span.end), r.logicalName);

  assert.equal(s.cloudFlows.length, 1);
  const flow = s.cloudFlows[0];
  assert.equal(flow.name, 'Process Invoices');
  assert.deepEqual(flow.actions.map(a => [a.name, a.parent?.name ?? null]), [
    ['Scope', null], ['Condition', 'Scope'], ['Run_desktop_flow', 'Condition'], ['Get_items', 'Condition'],
  ]);
  assert.equal(flow.actions[3].pointer, '/properties/definition/actions/Scope/actions/Condition/else/actions/Get_items');
  assert.deepEqual(flow.connectionReferences.map(r => r.logicalName), ['cnt_sharedsharepointonline_1', 'cnt_shareduiflow_1']);
  assert.deepEqual(flow.parameters.map(p => [p.name, p.schemaName]), [['Input Folder (cnt_InputFolder)', 'cnt_InputFolder']]);
  assert.equal(flow.parameterUses.length, 1);
  assert.equal(flow.parameterUses[0].action?.name, 'Run_desktop_flow');
  const use = flow.parameterUses[0].loc;
  assert.equal(use.file.text.slice(use.span.start, use.span.end), "parameters('Input Folder (cnt_InputFolder)')");
  for (const a of flow.actions) assert.equal(a.loc.file.text.slice(a.loc.span.start, a.loc.span.end), `"${a.name}"`);

  assert.equal(s.desktopFlows.length, 1);
  const df = s.desktopFlows[0];
  assert.equal(df.name, 'Invoice Entry');
  assert.equal(df.script!.text, SCRIPT);
  assert.equal(df.script!.storage, 'json-string');
  assert.equal(df.script!.ast.problems.length, 0);
  assert.deepEqual(df.script!.ast.sensitive?.names.map(n => n.name), ['Input_Password']);
  assert.deepEqual(df.inputs.map(i => [i.name, i.sensitive]), [['Input_Password', true]]);
  assert.equal(df.script!.ast.functions[0].name, 'Cleanup');
  // The script's SET line, found through the map, is on the sidecar/customizations line of <Definition>.
  const set = SCRIPT.indexOf('SET Folder');
  const fileOffset = df.script!.map.toFile(set);
  assert.equal(df.metadataFile.text.slice(fileOffset, fileOffset + 10), 'SET Folder');
  assert.equal(df.script!.map.toScript(fileOffset), set);
  const defLine = positionAt(df.metadataFile, df.definitionLoc!.span.start).line;
  assert.equal(positionAt(df.metadataFile, fileOffset).line, defLine, 'a JSON-string definition is one line of the file');

  assert.deepEqual(s.environments.map(e => e.environment), ['Prod', 'Test']);
  const test = s.environments.find(e => e.environment === 'Test')!;
  assert.deepEqual(test.environmentVariables.map(v => [v.schemaName, v.value]), [['cnt_InputFolder', 'D:\\Automation\\Input']]);
  assert.deepEqual(test.connectionReferences.map(r => [r.logicalName, r.connectionId]), [['cnt_shareduiflow_1', '#{connectionreference.cnt_shareduiflow_1}#']]);
}

describe('solution layouts', () => {
  for (const layout of ['unpacked', 'cdsproj', 'raw', 'zip'] as const) {
    test(`${layout} layout`, () => {
      const ws = load(layout);
      assert.deepEqual(ws.problems.map(p => p.message), []);
      assert.equal(ws.solutions.length, 1);
      checkModel(ws.solutions[0], layout);
    });
  }

  test('the clone layout records its project file and is not found twice', () => {
    const ws = load('cdsproj');
    assert.equal(ws.solutions.length, 1);
    assert.match(ws.solutions[0].projectFile!, /SolutionPackage\/ContosoInvoices\.cdsproj$/);
    assert.match(ws.solutions[0].root, /SolutionPackage\/src$/);
  });

  test('a packed zip is read in memory: nothing is extracted to disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-zip-'));
    try {
      writeFixture(dir, SPEC, 'zip');
      const before = fs.readdirSync(dir, { recursive: true }).sort();
      const ws = discover([dir], { vfs: new DiskVfs() });
      assert.equal(ws.solutions.length, 1);
      checkModel(ws.solutions[0], 'zip');
      assert.equal(ws.solutions[0].desktopFlows[0].metadataFile.entry, 'customizations.xml');
      assert.deepEqual(fs.readdirSync(dir, { recursive: true }).sort(), before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('many solutions in one tree, scripts beside them, prose .txt ignored', () => {
    const files: Record<string, string> = {};
    for (const [dir, layout] of [['a', 'unpacked'], ['b', 'cdsproj'], ['c', 'raw']] as const) {
      for (const [p, c] of Object.entries(buildSolutionFiles({ ...SPEC, uniqueName: `Sol_${dir}` }, layout))) files[`/mono/${dir}/${p}`] = c;
    }
    files['/mono/scripts/login.robin'] = "WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://erp.contoso.com''' BrowserInstance=> Browser\r\nWAIT 5";
    files['/mono/scripts/copy.txt'] = "SET A TO 1\nFile.Copy Files: $'''C:\\\\a.txt''' Destination: $'''C:\\\\b''' IfFileExists: File.IfExists.DoNothing CopiedFiles=> Copied\n";
    files['/mono/notes.txt'] = 'Remember to ask Jane about the invoice process.\nShe said the file goes to the shared folder on Mondays.\n';
    const ws = discover(['/mono'], { vfs: new MemoryVfs(files) });
    assert.deepEqual(ws.solutions.map(s => [s.uniqueName, s.layout]), [['Sol_a', 'unpacked'], ['Sol_b', 'cdsproj'], ['Sol_c', 'raw']]);
    assert.deepEqual(ws.scripts.map(s => s.name), ['copy.txt', 'login.robin']);
    assert.ok(ws.scripts.every(s => s.script.clipboard));
    // Each solution gets its own settings, not its neighbours'.
    assert.deepEqual(ws.solutions.map(s => s.environments.map(e => e.file.path)), [
      ['/mono/a/config/Prod/deploymentSettings.json', '/mono/a/config/Test/deploymentSettings.json'],
      ['/mono/b/config/Prod/deploymentSettings.json', '/mono/b/config/Test/deploymentSettings.json'],
      ['/mono/c/config/Prod/deploymentSettings.json', '/mono/c/config/Test/deploymentSettings.json'],
    ]);
  });

  test('a solution tree without Solution.xml (components only) is still read, named after its folder', () => {
    const files = buildSolutionFiles(SPEC, 'unpacked');
    const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).filter(([p]) => !p.startsWith('Other/')).map(([p, c]) => [`/r/CoreComponents/SolutionPackage/${p}`, c])));
    const ws = discover(['/r'], { vfs });
    assert.equal(ws.solutions.length, 1);
    assert.equal(ws.solutions[0].uniqueName, 'CoreComponents');
    assert.equal(ws.solutions[0].manifest, undefined);
    assert.equal(ws.solutions[0].cloudFlows.length, 1);
    assert.equal(ws.solutions[0].desktopFlows.length, 1);
    assert.equal(ws.solutions[0].environmentVariables.length, 3);
  });

  test('a desktop flow\'s <Workflow> element kept on its own is read as a script inside the XML', () => {
    const files = buildSolutionFiles(SPEC, 'unpacked');
    const sidecar = Object.keys(files).find(p => p.startsWith('Workflows/InvoiceEntry') && p.endsWith('.data.xml'))!;
    const ws = discover(['/x'], { vfs: new MemoryVfs({ '/x/exports/invoice-entry.xml': files[sidecar], '/x/exports/other.xml': '<Root><Category>6</Category></Root>' }) });
    assert.equal(ws.solutions.length, 0);
    assert.deepEqual(ws.scripts.map(s => [s.name, s.script.storage, s.script.clipboard]), [['Invoice Entry', 'json-string', false]]);
    assert.equal(ws.scripts[0].script.text, SCRIPT);
    const set = SCRIPT.indexOf('SET Folder');
    assert.equal(ws.scripts[0].script.file.text.slice(ws.scripts[0].script.map.toFile(set), ws.scripts[0].script.map.toFile(set) + 10), 'SET Folder');
  });

  test('a single file inside a solution loads its solution', () => {
    const files = buildSolutionFiles(SPEC, 'unpacked');
    const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [`/s/${p}`, c])));
    const flowFile = Object.keys(files).find(p => p.endsWith('.json') && p.startsWith('Workflows/Process'))!;
    const ws = discover([`/s/${flowFile}`], { vfs });
    assert.equal(ws.solutions.length, 1);
    assert.equal(ws.solutions[0].root, '/s');
  });
});
