/// <reference types="mocha" />
// The decoded-script editor's read-only kinds in a real VS Code: a YAML-layout desktop flow's script (the
// Definition of its workflow.yml, yaml-fixture.ts) and a v1 desktop flow's script (base64-zipped in the
// `package` of its flow JSON, an XML-layout solution written here) open as robin scripts, show FlowCop's
// diagnostic at the script line, report read-only permissions, and refuse a save (the file on disk stays unchanged).
// Runs after yaml-layout.test.ts (file order) and removes its own v1 solution when done.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateOnHarnessCopy, diagnosticWith, waitFor, workspaceFile, workspaceRoot } from './helpers';
import { V1_DIR, V1_NAME, V1_SCRIPT, v1Files } from './v1-fixture';
import { DESK_ID, DESK_NAME, FILES, writeExample } from './yaml-fixture';

interface ModelFlow { id: string; name: string; xmlPath: string; hasScript: boolean; readOnly?: boolean; scriptPath?: string }
interface Api { ready: Promise<void>; lastStatus(): unknown; views: Record<'desktopFlows', vscode.TreeDataProvider<unknown>> }

let api: Api;

/** A desktop flow of the views' model, by name (undefined while the view does not list it yet). */
async function flowNamed(name: string): Promise<ModelFlow | undefined> {
  const provider = api.views.desktopFlows;
  for (const solution of (await provider.getChildren(undefined)) ?? []) {
    for (const node of (await provider.getChildren(solution)) ?? []) {
      const flow = (node as { type?: string; flow?: ModelFlow }).flow;
      if ((node as { type?: string }).type === 'desktopFlow' && flow?.name === name) return flow;
    }
  }
  return undefined;
}

/** Opens a flow's script through the command and checks it is a read-only robin script. */
async function openReadOnly(flow: ModelFlow, expected: RegExp): Promise<vscode.TextDocument> {
  assert.equal(flow.hasScript, true, `${flow.name} is offered to the script editor`);
  assert.equal(flow.readOnly, true, `${flow.name} is read-only`);
  const editor = await vscode.commands.executeCommand<vscode.TextEditor>('flowcop.openDesktopFlowScript', flow);
  assert.ok(editor, 'an editor opened');
  const doc = editor.document;
  assert.equal(doc.uri.scheme, 'flowcop-script');
  assert.equal(doc.languageId, 'robin', 'highlighted as a robin script');
  assert.match(doc.getText(), expected);
  const stat = await vscode.workspace.fs.stat(doc.uri);
  assert.equal(stat.permissions, vscode.FilePermission.Readonly, 'the file system reports it read-only');
  return doc;
}

/** Even an edit applied by an extension cannot be saved: the save is refused and the file holding the script is unchanged. */
async function assertSaveRefused(doc: vscode.TextDocument, holder: string): Promise<void> {
  const before = fs.readFileSync(holder);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(0, 0), 'SET X TO 1\r\n');
  await vscode.workspace.applyEdit(edit);
  let saved: unknown;
  try { saved = await doc.save(); } catch (e) { saved = (e as Error).message; }
  assert.notEqual(saved, true, 'the save is refused');
  assert.deepEqual(fs.readFileSync(holder), before, 'the file holding the script is unchanged');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

suite('FlowCop in VS Code (extension host, read-only desktop-flow scripts)', function () {
  this.timeout(60_000);

  suiteSetup(async function () {
    this.timeout(120_000);
    api = await activateOnHarnessCopy<Api>(this, 'ContosoInvoiceProcessing');
    const root = workspaceRoot().fsPath;
    writeExample(root);
    // Other/Solution.xml last: the server scans when a solution appears.
    const files = Object.entries(v1Files()).sort(([a], [b]) => Number(a === 'Other/Solution.xml') - Number(b === 'Other/Solution.xml'));
    for (const [rel, text] of files) {
      const target = path.join(root, V1_DIR, ...rel.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    }
    await waitFor('both desktop flows in the view', async () => (await flowNamed(DESK_NAME)) && flowNamed(V1_NAME), 60_000);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (api) fs.rmSync(path.join(workspaceRoot().fsPath, V1_DIR), { recursive: true, force: true });
  });

  test('a YAML desktop flow\'s script opens read-only, with its diagnostic at the script line', async () => {
    const flow = (await flowNamed(DESK_NAME))!;
    assert.equal(flow.id.replace(/[{}]/g, '').toLowerCase(), DESK_ID);
    const doc = await openReadOnly(flow, /Folder\.GetFiles/);
    const finding = await diagnosticWith(doc.uri, 'pad/environment-specific-path');
    assert.match(doc.lineAt(finding.range.start.line).text, /^SET Folder TO /, 'on the script line that holds the path');
    assert.match(doc.getText(finding.range), /Users/);
    await assertSaveRefused(doc, workspaceFile(...FILES.deskYml.split('/')).fsPath);
  });

  test('a v1 desktop flow\'s package script opens read-only, with its diagnostic at the script line', async () => {
    const flow = (await flowNamed(V1_NAME))!;
    assert.match(flow.scriptPath ?? '', /ExportLedger-[0-9A-F-]+\.json$/, 'read from the flow JSON');
    const doc = await openReadOnly(flow, /Folder\.GetFiles Folder: Folder FileFilter: \$'''\*\.csv'''/);
    assert.equal(doc.getText(), V1_SCRIPT.replace(/\r\n/g, doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'));
    const finding = await diagnosticWith(doc.uri, 'pad/environment-specific-path');
    assert.equal(finding.range.start.line, 1, 'on script line 2');
    assert.match(doc.getText(finding.range), /Users/);
    await assertSaveRefused(doc, flow.scriptPath!);
  });
});
