// Engine → LSP: findings become diagnostics, the fix engine's WorkspaceChange becomes a WorkspaceEdit with
// documentChanges (CreateFile + versioned TextDocumentEdits, so that one undo reverts a multi-file fix).
import * as nodePath from 'node:path';
import {
  CreateFile, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, OptionalVersionedTextDocumentIdentifier, Range, TextDocumentEdit, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver';
import type { Finding } from '../findings/finding';
import { fileKey, ValueGroup } from '../findings/fold';
import { decodeDefinition } from '../load/definition';
import { applyEdits, WorkspaceChange } from '../fix/change';
import { existingAncestor, gatePath, relativeInside, WriteRefused } from '../fix/write-gate';
import { ruleById } from '../rules/registry';
import { packageRoot } from '../util/package';
import { computeLineStarts, positionAt, positionInText, SourceFile, Span } from '../util/text';
import { sha1 } from './scriptFile';
import type { DiagnosticData } from './protocol';
import { pathToUri } from './uri';
import { findingPosition } from '../report/paths';

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The rule's bundled documentation (docs/rules/<id>.md of the installed extension) as a file URI: works offline. */
export function ruleDocUri(ruleId: string): string {
  let uri = docUris.get(ruleId);
  if (uri === undefined) {
    const docs = ruleById(ruleId)?.meta.docs ?? `docs/rules/${ruleId}.md`;
    docUris.set(ruleId, uri = pathToUri(nodePath.join(packageRoot(), docs)));
  }
  return uri;
}

/** Per rule id: each publication asks once per diagnostic. */
const docUris = new Map<string, string>();

/** The ids of the findings published lately, by what they hash: a publication after a keystroke hashes the same findings again. */
const idsByKey = new Map<string, string>();
const ID_MEMO_LIMIT = 100_000;

/** A stable id for a finding within one analysis. */
export function findingId(f: Finding): string {
  const key = `${f.ruleId}\u0000${f.loc.file.path}\u0000${f.loc.file.entry ?? ''}\u0000${f.loc.span.start}:${f.loc.span.end}\u0000${f.message}`;
  let id = idsByKey.get(key);
  if (id === undefined) {
    if (idsByKey.size >= ID_MEMO_LIMIT) idsByKey.clear();
    idsByKey.set(key, id = sha1(Buffer.from(key)).slice(0, 20));
  }
  return id;
}

export function rangeOf(file: SourceFile, span: Span): Range {
  return { start: positionAt(file, span.start), end: positionAt(file, span.end) };
}

/** Range of a span in a text (a decoded script), with its line starts. */
export function rangeInText(lineStarts: number[], textLength: number, span: Span): Range {
  return { start: positionInText(lineStarts, textLength, span.start), end: positionInText(lineStarts, textLength, span.end) };
}

/** At most this many related places per diagnostic: enough to decide, short enough to read. */
export const RELATED_PLACES_CAP = 20;

/**
 * The other places of a finding's rule and value (findings/fold.ts groupByValue), for the diagnostic's
 * relatedInformation: places in the same file first, then the others, in report order; none in a
 * packed .zip (no editor can open them). The messages name where, never the value (it may be a secret).
 */
export function relatedPlaces(f: Finding, group: ValueGroup | undefined, cap = RELATED_PLACES_CAP, places?: RelatedPlaceMemo): DiagnosticRelatedInformation[] {
  if (!group || group.findings.length < 2) return [];
  const file = fileKey(f);
  const place = (o: Finding): DiagnosticRelatedInformation => {
    let p = places?.get(o);
    if (!p) {
      p = { location: { uri: pathToUri(o.loc.file.path), range: rangeOf(o.loc.file, o.loc.span) }, message: `Same value (${o.ruleId})${placeName(o)}` };
      places?.set(o, p);
    }
    return p;
  };
  // Places in the same file first, then the others, each in report order; a group can have hundreds of places.
  const out: DiagnosticRelatedInformation[] = [];
  for (const sameFile of [true, false]) {
    for (const o of group.findings) {
      if (out.length >= cap) return out;
      if (o === f || o.loc.file.entry || (fileKey(o) === file) !== sameFile) continue;
      out.push(place(o));
    }
  }
  return out;
}

/** The related place of each finding, computed once per publication (a place is listed by every other finding of its group). */
export type RelatedPlaceMemo = Map<Finding, DiagnosticRelatedInformation>;

function placeName(f: Finding): string {
  const l = f.logical;
  const kind = l.flowKind === 'desktop' ? 'desktop flow ' : l.flowKind === 'cloud' ? 'cloud flow ' : '';
  const flow = l.flow ? ` in ${kind}"${l.flow}"` : '';
  return `${flow}${l.element?.name ? `, ${l.element.name}` : ''}`;
}

/**
 * The diagnostic of a finding. `related`: the other places of its value (relatedPlaces); clients that
 * do not show relatedInformation ignore it, so it is sent whatever the client's capabilities.
 */
export function toDiagnostic(f: Finding, id: string, range?: Range, related?: DiagnosticRelatedInformation[]): Diagnostic {
  const inZip = !!f.loc.file.entry;
  let message = f.message;
  // A v1 desktop flow's script sits zipped in one JSON value: the message names its line.
  const inPackage = f.owner.script?.fromPackage && f.scriptSpan ? findingPosition(f).script : undefined;
  if (inPackage) {
    message = `${f.owner.script!.fromPackage!.entry}:${inPackage.line}:${inPackage.column}: ${f.message}`;
  } else if (inZip) {
    const p = positionAt(f.loc.file, f.loc.span.start);
    message = `${f.loc.file.entry}:${p.line + 1}:${p.character + 1}: ${f.message}`;
  }
  const data: DiagnosticData = { id, ruleId: f.ruleId };
  return {
    range: range ?? (inZip ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } : rangeOf(f.loc.file, f.loc.span)),
    severity: SEVERITY[f.severity],
    source: 'flowcop',
    code: f.ruleId,
    codeDescription: { href: ruleDocUri(f.ruleId) },
    message,
    ...(related?.length ? { relatedInformation: related } : {}),
    data,
  };
}

// ---------------------------------------------------------------------------------------------
// WorkspaceChange → WorkspaceEdit

export interface EditTarget {
  /** An open document of the path: its URI, version and current text. */
  openDocument(path: string): { uri: string; version: number; text: string } | undefined;
  /** The decoded text of the file on disk, or undefined when it does not exist. */
  diskText(path: string): string | undefined;
  exists(path: string): boolean;
  /**
   * The workspace folders: every path a fix edits or creates must be inside the folder of the file
   * the fix started from (or, without an origin, inside one of them).
   */
  workspaceFolders?: readonly string[];
}

/** The decoded-script editor a code action was asked from, and where its script sits in the XML as analysed. */
export interface ScriptEditorTarget {
  uri: string;
  version: number;
  text: string;
  xmlPath: string;
  /** The script's span in the analysed XML text. */
  region: Span;
  /** The <Definition> element's content span in the analysed XML text. */
  definition: Span;
  /** The script as analysed (equals `text` unless the editor changed meanwhile). */
  analysedScript: string;
  /** The script as it is on disk (the editor is clean when it equals `text`). */
  diskScript: string | undefined;
}

function fullRangeEdit(lineStarts: number[], length: number, span: Span, newText: string): TextEdit {
  return { range: rangeInText(lineStarts, length, span), newText };
}

/** The smallest single edit turning `before` into `after`. */
export function minimalEdit(before: string, after: string): { span: Span; newText: string } | undefined {
  if (before === after) return undefined;
  let p = 0;
  while (p < before.length && p < after.length && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let q = 0;
  while (q < before.length - p && q < after.length - p && before.charCodeAt(before.length - 1 - q) === after.charCodeAt(after.length - 1 - q)) q++;
  return { span: { start: p, end: before.length - q }, newText: after.slice(p, after.length - q) };
}

/**
 * Why the editor may not write `path` for a fix that started from `origin`, or undefined: it must be
 * inside the workspace folder of the origin (the deepest folder holding it), and — like `--fix` —
 * must not be or pass through a symbolic link (a dangling one planted at a new file's path included).
 */
export function outsideWorkspace(path: string, folders: readonly string[] | undefined, origin: string | undefined): string | undefined {
  const name = nodePath.basename(path);
  let root: string | undefined;
  if (folders?.length) {
    const holding = (p: string) => folders.filter(f => relativeInside(nodePath.resolve(f), nodePath.resolve(p)) !== undefined).sort((a, b) => b.length - a.length)[0];
    root = origin ? holding(origin) ?? nodePath.dirname(origin) : holding(path);
    if (!root || relativeInside(nodePath.resolve(root), nodePath.resolve(path)) === undefined) return `${name} is outside the workspace folder of the file being fixed`;
  }
  try {
    gatePath(root ?? existingAncestor(path), path);
  } catch (e) {
    if (e instanceof WriteRefused) return `${name} cannot be written: ${e.message}`;
    return `${name} cannot be checked (${(e as Error).message})`;
  }
  return undefined;
}

/**
 * The LSP WorkspaceEdit of a change, or why it cannot be applied: a file changed since it was analysed
 * (the engine's guard: edits are only valid against the exact text they were computed on), or a path
 * outside the workspace folder of `origin` (the file the fix started from) or behind a symbolic link.
 */
export function toWorkspaceEdit(change: WorkspaceChange, target: EditTarget, script?: ScriptEditorTarget, origin?: string): { edit: WorkspaceEdit } | { stale: string } {
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  for (const p of [...change.creates.map(c => c.path), ...change.files.filter(f => f.edits.length && !f.entry).map(f => f.path)]) {
    const why = outsideWorkspace(p, target.workspaceFolders, origin);
    if (why) return { stale: why };
  }
  for (const c of change.creates) {
    if (target.exists(c.path)) return { stale: `${nodePath.basename(c.path)} already exists (created since the analysis)` };
    const uri = pathToUri(c.path);
    documentChanges.push(CreateFile.create(uri, { overwrite: false, ignoreIfExists: false }));
    documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, null), [TextEdit.insert({ line: 0, character: 0 }, c.content)]));
  }
  for (const f of change.files) {
    if (!f.edits.length) continue;
    if (f.entry) return { stale: 'FlowCop never edits packed solutions (.zip)' };
    const name = nodePath.basename(f.path);
    if (script && nodePath.resolve(f.path) === nodePath.resolve(script.xmlPath)) {
      const { region, definition } = script;
      const inside = f.edits.filter(e => e.span.start >= region.start && e.span.end <= region.end);
      const outside = f.edits.filter(e => !inside.includes(e));
      if (script.text !== script.analysedScript) return { stale: 'the script changed since it was analysed' };
      if (inside.length) {
        const newXml = applyEdits(f.original, inside);
        const delta = inside.reduce((d, e) => d + e.newText.length - (e.span.end - e.span.start), 0);
        const newScript = decodeDefinition(newXml, { start: definition.start, end: definition.end + delta }).text;
        const edit = minimalEdit(script.text, newScript);
        if (edit) {
          const starts = computeLineStarts(script.text);
          documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(script.uri, script.version),
            [fullRangeEdit(starts, script.text.length, edit.span, edit.newText)]));
        }
      }
      if (outside.length) {
        // These edits go to the XML on disk (its <Inputs>/<Outputs>…): only valid while the script editor matches the disk.
        if (script.diskScript !== script.text) return { stale: `save the desktop flow script first: this fix also changes ${name} outside the script` };
        const open = target.openDocument(f.path);
        const current = open?.text ?? target.diskText(f.path);
        if (current === undefined) return { stale: `${name} no longer exists` };
        // The analysed XML carried the editor's script; on disk it is the same script (checked above).
        if (current !== f.original) return { stale: `${name} changed since it was analysed` };
        const starts = computeLineStarts(f.original);
        documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(open?.uri ?? pathToUri(f.path), open ? open.version : null),
          outside.map(e => fullRangeEdit(starts, f.original.length, e.span, e.newText))));
      }
      continue;
    }
    const open = target.openDocument(f.path);
    const current = open ? open.text : target.diskText(f.path);
    if (current === undefined) return { stale: `${name} no longer exists` };
    if (current !== f.original) return { stale: `${name} changed since FlowCop analysed it; wait for the re-check and try again` };
    const starts = computeLineStarts(f.original);
    documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(open?.uri ?? pathToUri(f.path), open ? open.version : null),
      f.edits.map(e => fullRangeEdit(starts, f.original.length, e.span, e.newText))));
  }
  return { edit: { documentChanges } };
}
