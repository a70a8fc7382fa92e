// Code actions: the fix engine's fixes for the findings at a range (quick fixes, then suppressions), "configure
// the rule in flowcop.json", the rule's documentation, and "fix all" for a file. An action whose edit cannot
// be applied safely (a file changed since the analysis, a path outside the workspace folder, a fix that
// cannot be built, a script FlowCop shows read-only) is offered disabled, with the reason.
import { CodeAction, CodeActionKind, CodeActionParams, Command, Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../findings/finding';
import { FixError, mergeChanges, WorkspaceChange } from '../fix/change';
import type { FixContext } from '../fix/fix';
import { fixesFor, preferredFix, unfixableReason } from '../fix/fixes';
import { NameReservations } from '../fix/names';
import type { Unit } from './analyzer';
import { configureAction } from './configure-action';
import { EditTarget, ruleDocUri, ScriptEditorTarget, toWorkspaceEdit } from './convert';
import type { OpenDocuments } from './documents';
import type { Guards } from './log';
import { Commands } from './protocol';
import type { DiagnosticsPublisher, Located } from './publisher';
import type { ScriptEditor } from './script-editor';
import { locateScriptInText } from './scriptFile';

export const FIX_ALL_KIND = 'source.fixAll.flowcop';
export const FIX_ALL_TITLE = 'Fix all auto-fixable FlowCop problems';

/** What the code actions read: plain state the session owns. */
export interface CodeActionState {
  documents: OpenDocuments;
  findings: DiagnosticsPublisher;
  folders: readonly string[];
  fixContext(unit: Unit): FixContext;
  guards: Guards;
}

/** Where a code action was asked: a file, or a decoded-script editor (then `path` is the file holding the script). */
export interface ActionScope {
  uri: string;
  path: string;
  editor?: ScriptEditor;
}

type Found = Located & { diag?: Diagnostic };

const kindWanted = (kind: string, only: string[] | undefined) => !only || only.some(o => kind === o || kind.startsWith(o + '.'));

export function editTarget(state: CodeActionState): EditTarget {
  const { documents } = state;
  return {
    openDocument: path => {
      const doc = documents.documentAt(path);
      return doc ? { uri: documents.uriOf(path), version: doc.version, text: doc.getText() } : undefined;
    },
    diskText: path => documents.readDisk(path)?.text,
    exists: path => documents.disk.isFile(path) || documents.disk.isDirectory(path),
    workspaceFolders: state.folders,
  };
}

/** The script editor's text and where its script sits in the file as analysed; undefined when the finding has no <Definition> to map through. */
function scriptTarget(state: CodeActionState, uri: string, editor: ScriptEditor, finding: Finding): ScriptEditorTarget | undefined {
  const df = finding.owner.desktopFlow;
  const doc = state.documents.get(uri);
  if (!df?.script || !df.definitionLoc || !doc) return undefined;
  const onDisk = state.documents.readDisk(editor.xmlPath);
  const diskLocated = onDisk ? locateScriptInText(onDisk.text, editor.flowId) : undefined;
  return {
    uri, version: doc.version, text: doc.getText(), xmlPath: editor.xmlPath,
    region: df.script.map.fileSpan, definition: df.definitionLoc.span, analysedScript: df.script.text,
    diskScript: diskLocated && !('error' in diskLocated) ? diskLocated.text : undefined,
  };
}

/** `origin`: the file the fix started from; every path the change touches must be in its workspace folder. */
export function changeAction(state: CodeActionState, title: string, kind: string, change: WorkspaceChange, diag: Diagnostic | undefined,
  script: ScriptEditorTarget | undefined, origin: string, preferred = false): CodeAction {
  const converted = toWorkspaceEdit(change, editTarget(state), script, origin);
  const action: CodeAction = { title, kind, diagnostics: diag ? [diag] : undefined };
  if ('stale' in converted) action.disabled = { reason: converted.stale };
  else action.edit = converted.edit;
  if (preferred) action.isPreferred = true;
  return action;
}

const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** The findings the request is about: those of the diagnostics it names, else those whose range meets its range. */
function findingsFor(state: CodeActionState, params: CodeActionParams, scope: ActionScope): Found[] {
  const named = params.context.diagnostics.filter(d => d.source === 'flowcop').map(d => ({ d, id: (d.data as { id?: string } | undefined)?.id }));
  if (named.some(x => x.id)) {
    const out: Found[] = [];
    for (const { d, id } of named) {
      const found = id ? state.findings.byId.get(id) : undefined;
      if (found) out.push({ ...found, diag: d });
    }
    return out;
  }
  const r = params.range;
  const candidates = scope.editor ? state.findings.inScriptEditor(scope.editor) : state.findings.inFile(scope.path);
  return candidates.filter(({ diag }) => !before(diag.range.end, r.start) && !before(r.end, diag.range.start));
}

export function computeCodeActions(state: CodeActionState, params: CodeActionParams, scope: ActionScope): CodeAction[] {
  const { guards } = state;
  const only = params.context.only;
  const actions: CodeAction[] = [];

  if (kindWanted(CodeActionKind.QuickFix, only)) {
    const docsShown = new Set<string>();
    for (const found of findingsFor(state, params, scope)) {
      const { finding, unit, diag } = found;
      const diagnostics = diag ? [diag] : undefined;
      const why = unfixableReason(finding);
      const script = scope.editor && !why ? scriptTarget(state, scope.uri, scope.editor, finding) : undefined;
      // A script editor's fix edits the editor's text through the <Definition>: without one, nothing to offer.
      if (scope.editor && !why && !script) continue;
      if (why) {
        actions.push({ title: `No quick fix: ${why}`, kind: CodeActionKind.QuickFix, diagnostics, disabled: { reason: why } });
      } else {
        for (const fix of fixesFor(finding, state.fixContext(unit))) {
          let change: WorkspaceChange;
          try {
            change = fix.change();
          } catch (e) {
            actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, disabled: { reason: e instanceof FixError ? e.message : `cannot build the fix: ${(e as Error).message}` } });
            continue;
          }
          actions.push(changeAction(state, fix.title, CodeActionKind.QuickFix, change, diag, script, scope.path, fix.preferred));
        }
        const asAction = (title: string, change: WorkspaceChange) => changeAction(state, title, CodeActionKind.QuickFix, change, diag, script, finding.loc.file.path);
        const configure = guards.guard('configure action', undefined, () => configureAction(found, diag, asAction));
        if (configure) actions.push(configure);
      }
      if (!docsShown.has(finding.ruleId)) {
        docsShown.add(finding.ruleId);
        actions.push({
          title: `Show documentation for ${finding.ruleId}`,
          kind: CodeActionKind.QuickFix,
          diagnostics,
          command: Command.create(`Show documentation for ${finding.ruleId}`, Commands.showRuleDocumentation, finding.ruleId, ruleDocUri(finding.ruleId)),
        });
      }
    }
  }

  if (only && only.some(o => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(o + '.'))) {
    const fixAll = guards.guard('fix all', undefined, () => fixAllAction(state, scope));
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** Every preferred fix of the file (or script editor) in one edit; undefined when there is none or it cannot apply. */
function fixAllAction(state: CodeActionState, scope: ActionScope): CodeAction | undefined {
  const changes: WorkspaceChange[] = [];
  let script: ScriptEditorTarget | undefined;
  // One set of names for every fix merged here: two new variables or inputs never get the same name.
  const names = new NameReservations();
  const candidates = scope.editor ? state.findings.inScriptEditor(scope.editor) : state.findings.inFile(scope.path);
  for (const { finding, unit } of candidates) {
    if (scope.editor) script ??= scriptTarget(state, scope.uri, scope.editor, finding);
    const fix = unfixableReason(finding) ? undefined : preferredFix(finding, { ...state.fixContext(unit), names });
    if (!fix) continue;
    try {
      changes.push(fix.change());
    } catch {
      // a fix that cannot be built is left out of "fix all"
    }
  }
  if (!changes.length) return undefined;
  const { change } = mergeChanges(changes);
  const action = changeAction(state, FIX_ALL_TITLE, FIX_ALL_KIND, change, undefined, script, scope.path);
  return action.disabled ? undefined : action;
}
