// Shared helpers of the extension-host suites (not a test file: index.ts loads only *.test.js).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'flowcop.flowcop';

/** Polls until fn returns a truthy value (VS Code reports most things asynchronously). */
export async function waitFor<T>(what: string, fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message ?? last})` : ''}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri;
}

export function workspaceFile(...parts: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...parts);
}

export function flowcopDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(d => d.source === 'flowcop');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code);
}

export async function diagnosticWith(uri: vscode.Uri, ruleId: string, ms = 20_000): Promise<vscode.Diagnostic> {
  return waitFor(`a ${ruleId} diagnostic on ${uri.path.split('/').pop()}`, () => flowcopDiagnostics(uri).find(d => codeOf(d) === ruleId), ms);
}

export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  // The provider runs on a text model: the document must be open.
  await vscode.workspace.openTextDocument(uri);
  // Resolve every action: FlowCop computes an action's edit when it is picked (codeAction/resolve).
  const all = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', uri, range, kind, 100);
  // A plain Command has a string `command`; a CodeAction's `command` (if any) is an object.
  return (all ?? []).filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

/**
 * The extension, activated and done with its first workspace scan — or the suite skipped when the
 * workspace is not the harness's copy (holding the example solution): these suites write files, never
 * into the checkout.
 */
export async function activateOnHarnessCopy<A extends { ready: Promise<void>; lastStatus(): unknown }>(ctx: Mocha.Context, example: string): Promise<A> {
  if (!fs.existsSync(workspaceFile(example).fsPath)) {
    console.log(`skipping: ${example}/ is not in the workspace (run through scripts/e2e/ext-host.mjs, which adds a copy)`);
    ctx.skip();
  }
  const ext = vscode.extensions.getExtension<A>(EXTENSION_ID);
  assert.ok(ext, 'the extension is installed');
  const api = await ext.activate();
  await api.ready;
  await waitFor('the first workspace scan', () => api.lastStatus(), 60_000);
  return api;
}
