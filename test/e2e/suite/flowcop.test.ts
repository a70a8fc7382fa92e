/// <reference types="mocha" />
// FlowCop's language features inside VS Code's extension host, on a copy of examples/ContosoInvoiceProcessing
// (the harness puts it in <workspace>/ContosoInvoiceProcessing): diagnostics, code actions and fixes, hover,
// the views, the environment switch, the decoded desktop-flow script editor, packed solutions, content detection.
// The tests run in order and share the workspace (a fix applied by one is seen by the next).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateOnHarnessCopy, codeActionsAt, codeOf, diagnosticWith, flowcopDiagnostics, waitFor, workspaceFile } from './helpers';

const SOLUTION = 'ContosoInvoiceProcessing';
const XML = `${SOLUTION}/Workflows/EnterInvoiceinLegacyERP-6F1C2D3E-4A5B-4C6D-8E7F-9A0B1C2D3E4F.json.data.xml`;
const FLOW = `${SOLUTION}/Workflows/ProcessIncomingInvoices-2B7E9C41-8D3A-4F5E-A6B7-C8D9E0F1A2B3.json`;
const file = (rel: string) => workspaceFile(...rel.split('/'));

interface Api {
  ready: Promise<void>;
  lastStatus(): { findings: { error: number; warning: number; info: number }; environment: string | null; scope: string } | undefined;
  environment(): string | null;
  statusBarText(): string;
  views: Record<'connectionReferences' | 'environmentVariables' | 'desktopFlows', vscode.TreeDataProvider<unknown>>;
}

let api: Api;

async function treeItems(view: keyof Api['views'], parent?: unknown): Promise<Array<{ node: unknown; item: vscode.TreeItem }>> {
  const provider = api.views[view];
  const children = (await provider.getChildren(parent)) ?? [];
  return Promise.all(children.map(async node => ({ node, item: await provider.getTreeItem(node) })));
}
const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');
const text = (s: string | vscode.MarkdownString | undefined) => (typeof s === 'string' ? s : s?.value ?? '');

async function applyAndSave(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `the action "${action.title}" carries an edit${action.disabled ? ` (disabled: ${action.disabled.reason})` : ''}`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `VS Code applied "${action.title}"`);
  // workspace.saveAll saves only files shown in editors: save every document the edit touched.
  for (const [uri] of action.edit.entries()) {
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
    if (doc?.isDirty) assert.equal(await doc.save(), true, `${uri.path.split('/').pop()} was saved`);
  }
}

suite('FlowCop in VS Code (extension host, example solution)', function () {
  this.timeout(60_000);

  suiteSetup(async function () {
    this.timeout(90_000);
    api = await activateOnHarnessCopy<Api>(this, SOLUTION);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('flowcop.switchEnvironment', null);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('diagnostics appear with codes, source, documentation link and severities, script findings at their place in the XML', async () => {
    const xml = file(XML);
    const secret = await diagnosticWith(xml, 'pad/plaintext-secret');
    assert.equal(secret.source, 'flowcop');
    assert.equal(secret.severity, vscode.DiagnosticSeverity.Error);
    const target = typeof secret.code === 'object' ? secret.code.target : undefined;
    assert.ok(target, 'the code links to the rule documentation (codeDescription)');
    assert.equal(target.scheme, 'file');
    assert.match(target.path, /docs\/rules\/pad\/plaintext-secret\.md$/);
    assert.ok(fs.existsSync(target.fsPath), `the linked documentation is bundled: ${target.fsPath}`);
    // The finding sits on the literal inside the JSON-encoded <Definition>: the range's text is in the XML's <Definition> line.
    const doc = await vscode.workspace.openTextDocument(xml);
    assert.match(doc.lineAt(secret.range.start.line).text, /<Definition>/);
    assert.ok(secret.range.start.character > 100, 'placed at its real column in the definition, not at the start of the line');

    await diagnosticWith(file(FLOW), 'cloud/environment-specific-value');
    const prod = await waitFor('settings findings in config/Prod', () => {
      const d = flowcopDiagnostics(file(`${SOLUTION}/config/Prod/deploymentSettings.json`));
      return d.some(x => codeOf(x).startsWith('settings/')) && d;
    });
    assert.ok(prod.every(d => typeof d.code === 'object' && d.code.target), 'every diagnostic links its documentation');
    const info = await diagnosticWith(file(`${SOLUTION}/environmentvariabledefinitions/cnt_InvoiceLibrary/environmentvariabledefinition.xml`), 'solution/unused-reference');
    assert.equal(info.severity, vscode.DiagnosticSeverity.Information, 'info findings are Information diagnostics');
  });

  test('hover on @parameters(...) shows the environment variable and its values (all environments)', async () => {
    const doc = await vscode.workspace.openTextDocument(file(FLOW));
    const at = doc.getText().indexOf("@parameters('Invoice Site URL (cnt_InvoiceSiteUrl)')");
    assert.ok(at > 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + 5));
    const md = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(md, /cnt_InvoiceSiteUrl/);
    assert.match(md, /Invoice Site URL/);
    assert.match(md, /Test: `https:\/\/contoso\.sharepoint\.com\/sites\/Finance-Test`/);

    // The schema name in a deployment settings file hovers the same way.
    const settings = await vscode.workspace.openTextDocument(file(`${SOLUTION}/config/Test/deploymentSettings.json`));
    const name = settings.getText().indexOf('"cnt_InvoiceSiteUrl"');
    const onSettings = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', settings.uri, settings.positionAt(name + 3));
    assert.match(onSettings.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n'), /Invoice Site URL/);
  });

  test('the views: solution → connection references → flows using them; environment variables with values', async () => {
    const [solution] = await treeItems('connectionReferences');
    assert.equal(labelOf(solution.item), 'Contoso Invoice Processing');
    const refs = await treeItems('connectionReferences', solution.node);
    const sharepoint = refs.find(r => r.item.description?.toString().startsWith('shared_sharepointonline'));
    assert.ok(sharepoint, `a SharePoint reference among ${refs.map(r => `${labelOf(r.item)} (${r.item.description})`).join(', ')}`);
    assert.equal(labelOf(sharepoint.item), 'Contoso Invoices - SharePoint');
    assert.equal(sharepoint.item.contextValue, 'connectionReference');
    assert.ok(sharepoint.item.command, 'clicking a reference reveals its definition');
    assert.match(String((sharepoint.item.command.arguments?.[0] as vscode.Uri).path), /Other\/Customizations\.xml$/);
    const users = await treeItems('connectionReferences', sharepoint.node);
    assert.deepEqual(users.map(u => labelOf(u.item)), ['Process Incoming Invoices']);
    assert.equal(users[0].item.description, 'cloud flow');
    const uiflow = refs.find(r => r.item.description?.toString().startsWith('shared_uiflow'));
    assert.ok(uiflow, 'the desktop-flow connection reference');

    const [evSolution] = await treeItems('environmentVariables');
    const vars = await treeItems('environmentVariables', evSolution.node);
    const site = vars.find(v => labelOf(v.item) === 'Invoice Site URL');
    assert.ok(site, `Invoice Site URL among ${vars.map(v => labelOf(v.item)).join(', ')}`);
    assert.match(String(site.item.description), /^String · Dev: https:\/\/contoso\.sharepoint\.com\/sites\/Finance-Dev, Prod: .*, Test: https:\/\/contoso\.sharepoint\.com\/sites\/Finance-Test$/,
      'with no active environment, every environment\'s value');
    assert.match(text(site.item.tooltip as vscode.MarkdownString), /Finance-Test/);
  });

  test('switching the environment changes the status bar, the settings findings, the values in the view and the hover', async () => {
    const prodSettings = file(`${SOLUTION}/config/Prod/deploymentSettings.json`);
    const testSettings = file(`${SOLUTION}/config/Test/deploymentSettings.json`);
    await diagnosticWith(testSettings, 'settings/environment-bleed');

    await vscode.commands.executeCommand('flowcop.switchEnvironment', 'Prod');
    assert.equal(api.environment(), 'Prod');
    assert.match(api.statusBarText(), /Prod/);
    await waitFor('Test settings findings to go (only Prod is checked)', () => flowcopDiagnostics(testSettings).length === 0);
    await diagnosticWith(prodSettings, 'settings/missing-value');
    const [evSolution] = await treeItems('environmentVariables');
    const site = (await treeItems('environmentVariables', evSolution.node)).find(v => labelOf(v.item) === 'Invoice Site URL');
    assert.equal(site?.item.description, 'String = https://contoso.sharepoint.com/sites/Finance-Dev', 'the Prod settings value (bled from Dev)');

    const doc = await vscode.workspace.openTextDocument(file(FLOW));
    const at = doc.getText().indexOf("@parameters('Invoice Site URL (cnt_InvoiceSiteUrl)')");
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + 5));
    const md = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(md, /In \*\*Prod\*\*: `https:\/\/contoso\.sharepoint\.com\/sites\/Finance-Dev`/);

    await vscode.commands.executeCommand('flowcop.switchEnvironment', 'Test');
    assert.match(api.statusBarText(), /Test/);
    await waitFor('Prod settings findings to go', () => flowcopDiagnostics(prodSettings).length === 0);
    await diagnosticWith(testSettings, 'settings/environment-bleed');

    // A settings file losing a binding re-checks the solution: the reference shows it is not bound in Test.
    const settingsText = fs.readFileSync(testSettings.fsPath, 'utf8');
    fs.writeFileSync(testSettings.fsPath, settingsText.replace(/"ConnectionId": "shared-office365[^"]*"/, '"ConnectionId": ""'));
    const unbound = await waitFor('the Office 365 reference to show it has no Test binding', async () => {
      const [solution] = await treeItems('connectionReferences');
      const refs = await treeItems('connectionReferences', solution.node);
      return refs.find(r => r.item.contextValue === 'connectionReference.unbound');
    });
    assert.match(String(unbound.item.description), /not bound in Test/);
    assert.ok(unbound.item.iconPath instanceof vscode.ThemeIcon && unbound.item.iconPath.id === 'warning');
    fs.writeFileSync(testSettings.fsPath, settingsText);

    await vscode.commands.executeCommand('flowcop.switchEnvironment', null);
    assert.equal(api.environment(), null);
    assert.match(api.statusBarText(), /All environments/);
    await diagnosticWith(prodSettings, 'settings/missing-value');
  });

  test('code actions: the preferred fix first, then suppression, configuration and documentation; secure outputs applied to the flow JSON', async () => {
    const uri = file(FLOW);
    const diag = await waitFor('cloud/unsecured-secret on Enter_invoice_in_ERP', () =>
      flowcopDiagnostics(uri).find(d => codeOf(d) === 'cloud/unsecured-secret' && /Enter_invoice_in_ERP/.test(d.message)));
    // (vscode.executeCodeActionProvider does not return an action's diagnostics: the range holds only this finding.)
    const actions = await codeActionsAt(uri, diag.range);
    const titles = actions.map(a => a.title);
    assert.ok(actions[0]?.isPreferred, `the first action is the preferred fix: ${titles.join(' | ')}`);
    assert.match(actions[0].title, /Secure Outputs/);
    assert.ok(titles.some(t => /^Ignore cloud\/unsecured-secret for .* in flowcop\.json$/.test(t)), titles.join(' | '));
    assert.ok(titles.includes('Configure cloud/unsecured-secret in flowcop.json'), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for cloud/unsecured-secret'), titles.join(' | '));

    const fixAll = await codeActionsAt(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.flowcop');
    assert.ok(fixAll.some(a => a.kind?.value === 'source.fixAll.flowcop' && a.edit), 'source.fixAll.flowcop is offered (for editor.codeActionsOnSave)');

    await applyAndSave(actions[0]);
    const json = JSON.parse(fs.readFileSync(uri.fsPath, 'utf8').replace(/^\uFEFF/, ''));
    const action = json.properties.definition.actions.Enter_invoice_in_ERP;
    assert.ok(action?.runtimeConfiguration?.secureData?.properties?.includes('outputs'), `secureData: ${JSON.stringify(action?.runtimeConfiguration)}`);
    await waitFor('the fixed diagnostic to disappear', () => !flowcopDiagnostics(uri).some(d => d.message === diag.message));
  });

  test('the mark-sensitive fix edits the script inside the XML (@SENSITIVE gains the variable) and the finding goes', async () => {
    const uri = file(XML);
    const diag = await diagnosticWith(uri, 'pad/sensitive-not-marked');
    const actions = (await codeActionsAt(uri, diag.range)).filter(a => /sensitive|ErpPassword/.test(a.title));
    assert.ok(actions[0]?.isPreferred, actions.map(a => a.title).join(' | '));
    assert.match(actions[0].title, /Mark ErpPassword sensitive/);
    assert.ok(actions.some(a => a.title === 'Suppress pad/sensitive-not-marked for this line'));
    const before = fs.readFileSync(uri.fsPath);
    await applyAndSave(actions[0]);
    const after = fs.readFileSync(uri.fsPath);
    assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
    assert.match(after.toString('utf8'), /@SENSITIVE: \[Output_Message, ErpPassword\]/);
    assert.equal(after.length, before.length + ', ErpPassword'.length, 'nothing else changed');
    await waitFor('pad/sensitive-not-marked to disappear', () => !flowcopDiagnostics(uri).some(d => codeOf(d) === 'pad/sensitive-not-marked'));
  });

  test('the decoded desktop-flow script opens in an editor with diagnostics and code actions; saving writes it back into the XML', async () => {
    const [solution] = await treeItems('desktopFlows');
    const [flow] = await treeItems('desktopFlows', solution.node);
    assert.equal(labelOf(flow.item), 'Enter Invoice in Legacy ERP');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('flowcop.openDesktopFlowScript', flow.node);
    assert.ok(editor, 'an editor opened');
    const doc = editor.document;
    assert.equal(doc.uri.scheme, 'flowcop-script');
    assert.equal(doc.languageId, 'robin');
    assert.match(doc.getText(), /^@@ConnectionString/);
    assert.match(doc.getText(), /@SENSITIVE: \[Output_Message, ErpPassword\]/, 'the script as saved by the previous test');

    const secret = await diagnosticWith(doc.uri, 'pad/plaintext-secret');
    assert.match(doc.lineAt(secret.range.start.line).text, /SET ErpPassword TO/, 'script diagnostics sit on script lines');
    const actions = (await codeActionsAt(doc.uri, secret.range)).filter(a => /plaintext-secret|Get credential/.test(a.title));
    assert.ok(actions[0]?.isPreferred && /Get credential/.test(actions[0].title), actions.map(a => a.title).join(' | '));
    const suppress = actions.find(a => a.title === 'Suppress pad/plaintext-secret for this line');
    assert.ok(suppress?.edit?.entries().some(([u]) => u.toString() === doc.uri.toString()), 'script fixes edit the script editor');

    const xmlPath = file(XML).fsPath;
    const original = fs.readFileSync(xmlPath, 'utf8');
    // Apply a script fix in the script editor, then type a line, then save.
    assert.equal(await vscode.workspace.applyEdit(suppress!.edit!), true);
    assert.match(doc.getText(), /# flowcop-disable-next-line pad\/plaintext-secret -- .*\r\nSET ErpPassword TO/);
    await waitFor('the suppressed finding to leave the script editor', () => !flowcopDiagnostics(doc.uri).some(d => codeOf(d) === 'pad/plaintext-secret'));
    const importLine = doc.getText().split(/\r?\n/).findIndex(l => l.startsWith('IMPORT'));
    await editor.edit(b => b.insert(new vscode.Position(importLine, 0), '# edited in VS Code\r\n'));
    assert.equal(await doc.save(), true, 'the script saves');
    const saved = fs.readFileSync(xmlPath, 'utf8');
    assert.ok(saved.includes('# edited in VS Code\\r\\nIMPORT'), 'the line is stored JSON-encoded in <Definition>');
    assert.ok(saved.includes('# flowcop-disable-next-line pad/plaintext-secret -- '), 'the fix is stored too');
    const head = (s: string) => s.slice(0, s.indexOf('<Definition>'));
    const tail = (s: string) => s.slice(s.indexOf('</Definition>'));
    assert.equal(head(saved), head(original), 'everything before <Definition> is unchanged');
    assert.equal(tail(saved), tail(original), 'everything after </Definition> is unchanged');
    assert.ok(saved.startsWith('\uFEFF'), 'the BOM is kept');
    await waitFor('the XML to carry no plaintext-secret finding either', () => !flowcopDiagnostics(file(XML)).some(d => codeOf(d) === 'pad/plaintext-secret'));

    // The XML changes on disk while the script has unsaved edits: saving is refused, nothing is written.
    await editor.edit(b => b.insert(new vscode.Position(importLine, 0), '# second edit\r\n'));
    const touched = saved + '<!-- touched -->';
    fs.writeFileSync(xmlPath, touched);
    await new Promise(r => setTimeout(r, 500));
    assert.equal(await doc.save(), false, 'saving over a changed XML is refused');
    assert.equal(fs.readFileSync(xmlPath, 'utf8'), touched, 'the XML keeps its on-disk content');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    fs.writeFileSync(xmlPath, saved);
  });

  test('view context commands: Reveal Definition opens Customizations.xml at the reference, Reveal Usage opens the flow', async () => {
    const [solution] = await treeItems('connectionReferences');
    const refs = await treeItems('connectionReferences', solution.node);
    const sharepoint = refs.find(r => r.item.description?.toString().startsWith('shared_sharepointonline'))!;
    await vscode.commands.executeCommand('flowcop.revealDefinition', sharepoint.node);
    const editor = vscode.window.activeTextEditor;
    assert.match(editor?.document.uri.path ?? '', /Other\/Customizations\.xml$/);
    assert.equal(editor!.document.getText(editor!.selection), 'cnt_sharedsharepointonline_5f2a1', 'the logical name is selected');
    const [usage] = await treeItems('connectionReferences', sharepoint.node);
    await vscode.commands.executeCommand('flowcop.revealUsage', usage.node);
    assert.match(vscode.window.activeTextEditor?.document.uri.path ?? '', /ProcessIncomingInvoices-[^/]+\.json$/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a Secret environment variable never shows its value; a new definition file is picked up', async () => {
    const dir = file(`${SOLUTION}/environmentvariabledefinitions/cnt_ErpApiKey`);
    fs.mkdirSync(dir.fsPath, { recursive: true });
    fs.writeFileSync(path.join(dir.fsPath, 'environmentvariabledefinition.xml'), [
      '<environmentvariabledefinition schemaname="cnt_ErpApiKey">',
      '  <defaultvalue>hunter2-not-a-real-key</defaultvalue>',
      '  <displayname default="ERP API key"><label description="ERP API key" languagecode="1033" /></displayname>',
      '  <secretstore>0</secretstore>',
      '  <type>100000005</type>',
      '</environmentvariabledefinition>', ''].join('\r\n'));
    const key = await waitFor('the new variable in the view', async () => {
      const [solution] = await treeItems('environmentVariables');
      return (await treeItems('environmentVariables', solution.node)).find(v => labelOf(v.item) === 'ERP API key');
    }, 20_000);
    assert.equal(key.item.description, 'Secret = (secret)');
    assert.ok(!text(key.item.tooltip as vscode.MarkdownString).includes('hunter2'), 'the tooltip does not show the value');
  });

  test('flowcop.rules.customizations downgrades severities in the editor only', async () => {
    // (pad/plaintext-secret was suppressed by the script test: pad/hardcoded-machine is a warning by default.)
    const uri = file(XML);
    const rule = 'pad/hardcoded-machine';
    assert.equal((await diagnosticWith(uri, rule)).severity, vscode.DiagnosticSeverity.Warning);
    const config = vscode.workspace.getConfiguration('flowcop');
    await config.update('rules.customizations', [{ rule: 'pad/*', severity: 'downgrade' }, { rule: '!pad/*', severity: 'off' }], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(`${rule} as information`, () => flowcopDiagnostics(uri).find(d => codeOf(d) === rule && d.severity === vscode.DiagnosticSeverity.Information));
      await waitFor('every non-pad rule off', () => flowcopDiagnostics(file(FLOW)).length === 0);
    } finally {
      await config.update('rules.customizations', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(`${rule} as a warning again`, () => flowcopDiagnostics(uri).find(d => codeOf(d) === rule && d.severity === vscode.DiagnosticSeverity.Warning));
    await diagnosticWith(file(FLOW), 'cloud/plaintext-secret');
  });

  test('packed solutions: lint a .zip in memory (Problems on the .zip naming the entry), unpack safely, refuse an unsafe archive', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AdmZip = require('adm-zip') as typeof import('adm-zip');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-zip-'));
    const packed = new AdmZip();
    packed.addLocalFolder(file(SOLUTION).fsPath, '', p => !/config|flowcop\.json/.test(p));
    const zipPath = path.join(tmp, 'Contoso_1_0_0_0.zip');
    packed.writeZip(zipPath);
    const zipUri = vscode.Uri.file(zipPath);

    const result = await vscode.commands.executeCommand<{ findings: number }>('flowcop.lintSolutionZip', zipUri);
    assert.ok(result && result.findings > 0, `findings in the zip: ${JSON.stringify(result)}`);
    const onZip = await waitFor('diagnostics on the .zip', () => flowcopDiagnostics(zipUri).length > 0 && flowcopDiagnostics(zipUri));
    const inXml = onZip.find(d => codeOf(d) === 'pad/hardcoded-machine');
    assert.ok(inXml, onZip.map(d => d.message).join('\n'));
    assert.match(inXml.message, /^Workflows\/EnterInvoiceinLegacyERP-[^:]+\.json\.data\.xml:19:\d+: /, 'the message names the entry and its line');

    const target = path.join(tmp, 'out');
    fs.mkdirSync(target);
    const unpacked = await vscode.commands.executeCommand<{ extracted: number; target: string }>('flowcop.unpackSolutionZip', zipUri, vscode.Uri.file(target), { open: false });
    assert.ok(unpacked && unpacked.extracted > 5, JSON.stringify(unpacked));
    assert.ok(fs.existsSync(path.join(unpacked.target, 'Other', 'Solution.xml')));
    // Again: the files exist; without confirmation nothing is overwritten.
    const again = await vscode.commands.executeCommand<{ refused: boolean }>('flowcop.unpackSolutionZip', zipUri, vscode.Uri.file(target), { overwrite: false, open: false });
    assert.equal(again?.refused, true);

    const evil = new AdmZip();
    evil.addFile('solution.xml', Buffer.from('<ImportExportXml/>'));
    evil.addFile('customizations.xml', Buffer.from('<ImportExportXml/>'));
    evil.addFile('x/../../escaped.txt', Buffer.from('gotcha'));
    const evilPath = path.join(tmp, 'evil.zip');
    // adm-zip normalises names on add; write the raw name into the archive's directory.
    evil.getEntries()[2].entryName = '../../escaped.txt';
    evil.writeZip(evilPath);
    const refused = await vscode.commands.executeCommand('flowcop.unpackSolutionZip', vscode.Uri.file(evilPath), vscode.Uri.file(target), { open: false });
    assert.equal(refused, undefined, 'the command refuses the archive');
    assert.ok(!fs.existsSync(path.join(tmp, 'escaped.txt')) && !fs.existsSync(path.join(target, 'escaped.txt')), 'nothing left the target folder');
    assert.ok(!fs.existsSync(path.join(target, 'evil')), 'nothing was extracted');
  });

  test('a .txt file holding a desktop-flow script opens as robin and is linted', async () => {
    const uri = workspaceFile('copied-from-designer.txt');
    fs.writeFileSync(uri.fsPath, "SET Password TO $'''P@ssw0rd!2024'''\r\nWebAutomation.PopulateTextField.PopulateTextField TextField: appmask['Login']['Password'] Text: Password\r\n");
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await waitFor('language robin', () => vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString())?.languageId === 'robin');
    await waitFor('a finding in the script', () => flowcopDiagnostics(uri).length > 0);
  });
});
