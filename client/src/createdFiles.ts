// Files a FlowCop fix creates keep the line endings the server wrote. LSP can only say "create an empty
// file, then insert this text", and VS Code normalises the inserted text to the new, empty model's line
// ending (files.eol: LF on Linux and macOS), so a new environment-variable definition lost the CRLF of the
// solution it joins. Two measures, because VS Code drops both a createFile's `contents` and a TextEdit's
// end of line when an edit goes through vscode.executeCodeActionProvider (scripts, tests, other extensions):
// - each such insert gets an end-of-line edit (kept when the lightbulb applies the action directly);
// - the file's line ending is remembered, and its first save (the file on disk still empty) sets it.
import * as fs from 'node:fs';
import * as vscode from 'vscode';

/** Files a fix offered to create, with the line ending of their text; bounded, oldest forgotten first. */
const pending = new Map<string, vscode.EndOfLine>();
const MAX_PENDING = 200;

/** Handles, in place, every "insert the whole text into a file that does not exist yet" of `edit`. */
export function keepLineEndingsOfCreatedFiles(edit: vscode.WorkspaceEdit): void {
  for (const [uri, edits] of edit.entries()) {
    if (uri.scheme !== 'file' || edits.length !== 1) continue;
    const [only] = edits;
    if (!only.range.isEmpty || !only.range.start.isEqual(new vscode.Position(0, 0)) || !only.newText.includes('\n')) continue;
    if (fs.existsSync(uri.fsPath)) continue; // an edit of an existing file keeps that file's line ending
    const eol = only.newText.includes('\r\n') ? vscode.EndOfLine.CRLF : vscode.EndOfLine.LF;
    // A missing list removes the uri's text edits (set() with a list may add rather than replace).
    edit.set(uri, undefined as unknown as vscode.TextEdit[]);
    edit.set(uri, [only, vscode.TextEdit.setEndOfLine(eol)]);
    pending.delete(uri.toString());
    pending.set(uri.toString(), eol);
    if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
  }
}

/** Applies keepLineEndingsOfCreatedFiles to the edit of every code action in a provider's answer. */
export function keepLineEndingsIn<T>(actions: T[] | null | undefined): T[] | null | undefined {
  for (const a of actions ?? []) {
    const edit = (a as { edit?: unknown }).edit;
    if (edit instanceof vscode.WorkspaceEdit) keepLineEndingsOfCreatedFiles(edit);
  }
  return actions;
}

/** On the first save of a file a fix created (still empty on disk), gives it the line ending of the fix's text. */
export function fixLineEndingsOnFirstSave(): vscode.Disposable {
  return vscode.workspace.onWillSaveTextDocument(e => {
    const key = e.document.uri.toString();
    const eol = pending.get(key);
    if (eol === undefined) return;
    let empty = false;
    try { empty = fs.statSync(e.document.uri.fsPath).size === 0; } catch { /* not created yet */ }
    if (!empty) return;
    pending.delete(key);
    if (e.document.eol !== eol) e.waitUntil(Promise.resolve([vscode.TextEdit.setEndOfLine(eol)]));
  });
}
