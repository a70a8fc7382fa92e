/// <reference types="mocha" />
// Smoke tests that run inside VS Code's extension host with the real `vscode` API
// (scripts/e2e/ext-host.mjs here, or @vscode/test-electron with a desktop VS Code).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'flowcop.flowcop';

/** Polls until fn returns a truthy value (VS Code reports most things asynchronously). */
async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace (test/e2e/workspace) is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

suite('FlowCop smoke (extension host)', () => {
  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('the extension is present', () => {
    console.log(`VS Code ${vscode.version} (${vscode.env.appName}, host ${vscode.env.appHost}, remote ${vscode.env.remoteName ?? 'none'}), Node ${process.version}`);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
    assert.equal(ext.packageJSON.name, 'flowcop');
    assert.equal(ext.packageJSON.publisher, 'flowcop');
  });

  test('the robin language is registered', async () => {
    assert.ok((await vscode.languages.getLanguages()).includes('robin'), 'language id robin is known');
  });

  test('a .robin file gets language id robin and activates the extension (onLanguage:robin)', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('hello.robin'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'robin');
    assert.match(doc.getText(), /SET Greeting TO/);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor('activation by onLanguage:robin', () => ext.isActive);
  });

  test('the extension activates on demand', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  test('line comments toggle with # (language configuration)', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'robin', content: 'SET X TO 1\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('editor.action.commentLine');
    await waitFor('the line to be commented', () => doc.lineAt(0).text.startsWith('# '));
    assert.equal(doc.lineAt(0).text, '# SET X TO 1');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
