/// <reference types="mocha" />
// The YAML source layout (Dataverse Git integration) in a real VS Code: a repository in this layout is
// written into the open workspace (yaml-fixture.ts) and picked up by the file watcher; its flow JSON and
// workflow.yml files get diagnostics at their lines, the three views list its items, the environment
// switch changes what they show, and the quick fix for a hard-coded URL leaves a solution that still
// reads cleanly (the new definition listed in solutioncomponents.yml, CRLF kept, no parse error, the
// finding gone).
// The tests run in order and share the workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateOnHarnessCopy, codeActionsAt, codeOf, diagnosticWith, flowcopDiagnostics, waitFor, workspaceFile, workspaceRoot } from './helpers';
import {
  CONNECTION, DESK_NAME, DISPLAY, FILES, FLOW_NAME, ORG_URL, REFERENCE, REPO, SITE, UNIQUE, USER_PATH, VARIABLE, VARIABLE_NAME, writeExample,
} from './yaml-fixture';

type ViewKind = 'connectionReferences' | 'environmentVariables' | 'desktopFlows';
interface Api {
  ready: Promise<void>;
  lastStatus(): { findings: { error: number; warning: number; info: number } } | undefined;
  environment(): string | null;
  statusBarText(): string;
  views: Record<ViewKind, vscode.TreeDataProvider<unknown>>;
}
interface SolutionNode { type: 'solution'; solution: { uniqueName: string; layout: string; root: string } }

let api: Api;
const file = (rel: string) => workspaceFile(...rel.split('/'));
const labelOf = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

async function treeItems(view: ViewKind, parent?: unknown): Promise<Array<{ node: unknown; item: vscode.TreeItem }>> {
  const provider = api.views[view];
  const children = (await provider.getChildren(parent)) ?? [];
  return Promise.all(children.map(async node => ({ node, item: await provider.getTreeItem(node) })));
}

/** The YAML solution's items in a view (undefined while the view does not show the solution yet). */
async function itemsOf(view: ViewKind): Promise<Array<{ node: unknown; item: vscode.TreeItem }> | undefined> {
  const solution = (await treeItems(view)).find(s => (s.node as SolutionNode).solution?.uniqueName === UNIQUE);
  return solution && treeItems(view, solution.node);
}

/** Every flowcop/parse-error published for a file of the example. */
function parseErrors(): string[] {
  const root = file(REPO).toString();
  return vscode.languages.getDiagnostics()
    .filter(([uri]) => uri.toString().startsWith(root))
    .flatMap(([uri, ds]) => ds.filter(d => d.source === 'flowcop' && codeOf(d) === 'flowcop/parse-error').map(d => `${uri.path}:${d.range.start.line + 1}: ${d.message}`));
}

suite('FlowCop in VS Code (extension host, YAML layout)', function () {
  this.timeout(60_000);

  suiteSetup(async function () {
    this.timeout(120_000);
    api = await activateOnHarnessCopy<Api>(this, 'ContosoInvoiceProcessing');
    writeExample(workspaceRoot().fsPath);
    await vscode.commands.executeCommand('flowcop.switchEnvironment', null);
    // No re-scan command: like a pull bringing the solution, the new solution.yml alone makes the server scan.
    await waitFor('the YAML solution in the views', () => itemsOf('connectionReferences'), 60_000);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('flowcop.switchEnvironment', null);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the flow JSON and the workflow.yml files show diagnostics at their lines; no file is unreadable', async () => {
    const flowDoc = await vscode.workspace.openTextDocument(file(FILES.flowJson));
    await vscode.window.showTextDocument(flowDoc);
    const url = await waitFor('the hard-coded URL finding in the flow JSON', () =>
      flowcopDiagnostics(flowDoc.uri).find(d => codeOf(d) === 'cloud/environment-specific-value' && d.message.includes(ORG_URL)), 30_000);
    const urlLine = flowDoc.getText().split(/\r?\n/).findIndex(l => l.includes(ORG_URL));
    assert.equal(url.range.start.line, urlLine, 'on the line of the "uri" property');
    assert.equal(flowDoc.getText(url.range).replace(/^"|"$/g, ''), ORG_URL, 'the range covers the literal');
    assert.equal(url.severity, vscode.DiagnosticSeverity.Warning);

    const deskDoc = await vscode.workspace.openTextDocument(file(FILES.deskYml));
    await vscode.window.showTextDocument(deskDoc);
    assert.equal(deskDoc.getText().includes('\r\n'), true, 'the fixture is CRLF, as Git integration writes');
    const pathFinding = await diagnosticWith(deskDoc.uri, 'pad/environment-specific-path');
    const definitionLine = deskDoc.getText().split('\r\n').findIndex(l => l.startsWith('  Definition: '));
    assert.equal(pathFinding.range.start.line, definitionLine, 'on the Definition: line of the desktop flow\'s workflow.yml');
    assert.ok(pathFinding.range.start.character > '  Definition: '.length, 'at its column inside the script, not at the start of the line');
    assert.match(deskDoc.getText(pathFinding.range), /Users/, `the range points at the path: ${deskDoc.getText(pathFinding.range)}`);
    assert.ok(pathFinding.message.includes(USER_PATH), pathFinding.message);

    // The cloud flow's own workflow.yml is metadata only: it opens and reads cleanly.
    const flowYml = await vscode.workspace.openTextDocument(file(FILES.flowYml));
    await vscode.window.showTextDocument(flowYml);
    await diagnosticWith(file(FILES.settings('Test')), 'settings/missing-value');
    assert.deepEqual(flowcopDiagnostics(flowYml.uri).map(d => d.message), []);
    assert.deepEqual(parseErrors(), []);
  });

  test('the three views list the YAML solution\'s connection reference (with its flow), environment variable and desktop flow', async () => {
    const [solution] = (await treeItems('connectionReferences')).filter(s => (s.node as SolutionNode).solution?.uniqueName === UNIQUE);
    assert.equal(labelOf(solution.item), DISPLAY);
    assert.equal((solution.node as SolutionNode).solution.layout, 'yaml');

    const refs = (await itemsOf('connectionReferences'))!;
    assert.deepEqual(refs.map(r => labelOf(r.item)), ['Northwind SharePoint']);
    const ref = refs[0];
    assert.match(String(ref.item.description), /^shared_sharepointonline · not bound in test$/i, 'with every environment: Test has no ConnectionId');
    assert.match(String((ref.item.command?.arguments?.[0] as vscode.Uri).path), new RegExp(`connectionreferences/${REFERENCE}/connectionreference\\.yml$`), 'clicking it reveals connectionreference.yml');
    const users = await treeItems('connectionReferences', ref.node);
    assert.deepEqual(users.map(u => [labelOf(u.item), u.item.description]), [[FLOW_NAME, 'cloud flow']]);

    const vars = (await itemsOf('environmentVariables'))!;
    const site = vars.find(v => labelOf(v.item) === VARIABLE_NAME);
    assert.ok(site, `${VARIABLE_NAME} among ${vars.map(v => labelOf(v.item)).join(', ')}`);
    const description = String(site.item.description);
    for (const env of ['Dev', 'Test', 'Prod'] as const) assert.ok(description.toLowerCase().includes(`${env.toLowerCase()}: ${SITE[env].toLowerCase()}`), `${env}'s value in "${description}"`);
    assert.match(String((site.item.command?.arguments?.[0] as vscode.Uri).path), new RegExp(`environmentvariabledefinitions/${VARIABLE}/environmentvariabledefinition\\.yml$`));

    const desk = (await itemsOf('desktopFlows'))!;
    assert.deepEqual(desk.map(d => labelOf(d.item)), [DESK_NAME]);
    assert.equal(desk[0].item.description, 'workflow.yml');
    // Clicking it shows the script's place: the decoded script, or the Definition in workflow.yml.
    const click = desk[0].item.command;
    assert.ok(click, 'clicking the desktop flow does something');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand(click.command, ...(click.arguments ?? []));
    const editor = await waitFor('an editor for the desktop flow', () => vscode.window.activeTextEditor);
    const shown = editor.document;
    if (shown.languageId === 'robin') assert.match(shown.getText(), /Folder\.GetFiles/);
    else {
      assert.equal(shown.uri.fsPath, file(FILES.deskYml).fsPath);
      assert.match(shown.lineAt(editor.selection.start.line).text, /^ {2}Definition: /, 'at the script (the Definition)');
    }
  });

  test('switching the environment: Prod\'s value and binding in the views, only Prod\'s settings checked', async () => {
    const testSettings = file(FILES.settings('Test'));
    await diagnosticWith(testSettings, 'settings/missing-value');

    await vscode.commands.executeCommand('flowcop.switchEnvironment', 'Prod');
    assert.equal(api.environment(), 'Prod');
    assert.match(api.statusBarText(), /Prod/);
    await waitFor('Test settings findings to go (only Prod is checked)', () => flowcopDiagnostics(testSettings).length === 0);
    const site = await waitFor('the Prod value in the Environment Variables view', async () =>
      (await itemsOf('environmentVariables'))?.find(v => labelOf(v.item) === VARIABLE_NAME && v.item.description === `String = ${SITE.Prod}`));
    assert.ok(site);
    const [ref] = (await itemsOf('connectionReferences'))!;
    assert.equal(ref.item.description, `shared_sharepointonline · ${CONNECTION.Prod}`, 'bound in Prod: the Prod connection');
    assert.equal(ref.item.contextValue, 'connectionReference');

    await vscode.commands.executeCommand('flowcop.switchEnvironment', 'Test');
    await diagnosticWith(testSettings, 'settings/missing-value');
    const unbound = await waitFor('the reference to show it is not bound in Test', async () =>
      (await itemsOf('connectionReferences'))?.find(r => r.item.contextValue === 'connectionReference.unbound'));
    assert.match(String(unbound.item.description), /not bound in test/i);

    await vscode.commands.executeCommand('flowcop.switchEnvironment', null);
    assert.equal(api.environment(), null);
    assert.match(api.statusBarText(), /All environments/);
  });

  test('the quick fix moves the hard-coded URL to a new environment variable; the solution still reads cleanly', async () => {
    const uri = file(FILES.flowJson);
    const componentsPath = file(FILES.components).fsPath;
    const componentsBefore = fs.readFileSync(componentsPath, 'utf8');
    const diag = await waitFor('the URL finding', () => flowcopDiagnostics(uri).find(d => codeOf(d) === 'cloud/environment-specific-value' && d.message.includes(ORG_URL)));
    const actions = await codeActionsAt(uri, diag.range);
    const titles = actions.map(a => a.title).join(' | ');
    const fix = actions.find(a => /^Move it to a new environment variable /.test(a.title));
    assert.ok(fix, titles);
    assert.ok(actions[0] === fix && fix.isPreferred, `the fix is the preferred, first action: ${titles}`);
    const schema = /new environment variable (\w+)/.exec(fix.title)![1];
    assert.ok(fix.edit, `the action carries an edit${fix.disabled ? ` (disabled: ${fix.disabled.reason})` : ''}`);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'VS Code applied the fix');
    // Save what the edit touched (the flow JSON, the settings, solutioncomponents.yml, the created definition).
    for (const doc of vscode.workspace.textDocuments.filter(d => d.isDirty && d.uri.scheme === 'file')) {
      assert.equal(await doc.save(), true, `${doc.uri.path.split('/').pop()} was saved`);
    }

    // solutioncomponents.yml lists the new definition's folder, in its own shape and line endings.
    const components = fs.readFileSync(componentsPath, 'utf8');
    assert.ok(components.startsWith(componentsBefore.replace(/\r\n$/, '')), `the existing entries are kept:\n${components}`);
    assert.ok(components.includes(`  - '@path': /environmentvariabledefinitions/${schema}\r\n`), components);
    assert.ok(!/(^|[^\r])\n/.test(components), 'CRLF kept in solutioncomponents.yml');
    const definition = file(`${FILES.variable.replace(`/${VARIABLE}/`, `/${schema}/`)}`).fsPath;
    assert.ok(fs.existsSync(definition), `the definition was created: ${definition}`);
    assert.match(fs.readFileSync(definition, 'utf8'), new RegExp(`^environmentvariabledefinition:\\r\\n {2}'@schemaname': ${schema}\\r\\n`));
    const flow = JSON.parse(fs.readFileSync(uri.fsPath, 'utf8'));
    const uriValue = String(flow.properties.definition.actions.Post_orders_to_Dataverse.inputs.uri);
    assert.match(uriValue, new RegExp(`@parameters\\('[^']*\\(${schema}\\)'\\)`), 'the action reads the new variable');
    assert.ok(flow.properties.definition.parameters[Object.keys(flow.properties.definition.parameters).find(k => k.endsWith(`(${schema})`))!], 'the flow declares the parameter');

    // The server reads the fixed solution again: the new variable in the view, the finding gone, nothing unreadable.
    await waitFor(`${schema} in the Environment Variables view`, async () =>
      (await itemsOf('environmentVariables'))?.find(v => (v.node as { variable?: { schemaName: string } }).variable?.schemaName === schema), 30_000);
    await waitFor('the URL finding to go', () => !flowcopDiagnostics(uri).some(d => d.message.includes(ORG_URL)), 30_000);
    assert.deepEqual(parseErrors(), []);
    const all = vscode.languages.getDiagnostics().flatMap(([, ds]) => ds).filter(d => d.source === 'flowcop');
    assert.ok(!all.some(d => codeOf(d) === 'solution/undefined-reference' && d.message.includes(schema)), 'the new variable is part of the solution');
    assert.ok(!all.some(d => codeOf(d) === 'flowcop/parse-error' && /solutioncomponents|environmentvariabledefinition/.test(d.message)));
  });
});
