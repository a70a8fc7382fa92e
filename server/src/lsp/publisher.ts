// Diagnostics: every finding of every unit, pushed to the URI the client knows for its file (an open
// document's own URI), plus each open decoded-script editor's findings in the editor's text. Only what
// changed is sent again; a file whose findings are gone is sent an empty list once.
import type { Diagnostic, DiagnosticRelatedInformation, PublishDiagnosticsParams, Range } from 'vscode-languageserver';
import type { Finding } from '../findings/finding';
import type { Unit } from './analyzer';
import { groupByValue } from '../findings/fold';
import { findingId, RelatedPlaceMemo, relatedPlaces, toDiagnostic } from './convert';
import type { OpenDocuments } from './documents';
import { belongsToScriptEditor, rangeInScript, ScriptEditor } from './script-editor';

/** A finding of the last publication, with its unit and the id its diagnostic carries. */
export interface Located { finding: Finding; unit: Unit; id: string }

export class DiagnosticsPublisher {
  /** The findings of the last publication by id: what code actions look up. */
  byId = new Map<string, Located>();
  /** What each URI was last sent: its version and diagnostics. */
  private readonly published = new Map<string, { version: number | undefined; diagnostics: Diagnostic[] }>();

  constructor(private readonly documents: OpenDocuments, private readonly send: (params: PublishDiagnosticsParams) => void) {}

  publish(units: Iterable<Unit>): void {
    const all = [...units];
    // The other places of each rule and value, listed as relatedInformation.
    const groups = groupByValue(all.flatMap(u => u.findings));
    const located = new Map<string, Located>();
    const byUri = new Map<string, { diags: Diagnostic[]; seen: Set<string> }>();
    const views = this.documents.mergedViews();
    const places: RelatedPlaceMemo = new Map();
    for (const unit of all) {
      for (const finding of unit.findings) {
        const id = findingId(finding);
        if (located.has(id)) continue;
        located.set(id, { finding, unit, id });
        const uri = this.documents.uriOf(finding.loc.file.path);
        const view = views.get(finding.loc.file.path);
        const range = view?.place(finding.loc.span);
        if (view && !range) continue;
        const d = toDiagnostic(finding, id, range, relatedPlaces(finding, groups.get(finding), undefined, places));
        let entry = byUri.get(uri);
        if (!entry) byUri.set(uri, entry = { diags: [], seen: new Set() });
        // Units can share a file (a settings file two solutions read): the same diagnostic once.
        const key = `${d.code}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.message}`;
        if (entry.seen.has(key)) continue;
        entry.seen.add(key);
        entry.diags.push(d);
      }
    }
    this.byId = located;
    const next = new Map<string, Diagnostic[]>([...byUri].map(([uri, e]) => [uri, e.diags]));
    for (const [uri, editor] of this.documents.scriptEditors) {
      if (this.documents.get(uri)) next.set(uri, this.scriptEditorDiagnostics(editor));
    }
    for (const [uri, diagnostics] of next) {
      // An open document's diagnostics carry the version they were computed for: a client (and the latency
      // benchmark) can tell that an edit has been linted even when its findings did not change.
      const version = this.documents.lintedVersion(uri);
      const last = this.published.get(uri);
      // Another version is always sent (each keystroke's, in the edited document): only the same version's diagnostics
      // are compared, so the edited document's are not compared on every keystroke.
      if (last && last.version === version && sameDiagnostics(last.diagnostics, diagnostics)) continue;
      this.published.set(uri, { version, diagnostics });
      this.send(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    }
    for (const uri of [...this.published.keys()]) {
      if (next.has(uri)) continue;
      this.published.delete(uri);
      this.send({ uri, diagnostics: [] });
    }
  }

  /** The last publication's findings that show in a script editor, with their diagnostics there. */
  inScriptEditor(editor: ScriptEditor): Array<Located & { diag: Diagnostic }> {
    const out: Array<Located & { diag: Diagnostic }> = [];
    for (const found of this.byId.values()) {
      if (!belongsToScriptEditor(found.finding, editor)) continue;
      out.push({ ...found, diag: toDiagnostic(found.finding, found.id, rangeInScript(found.finding)) });
    }
    return out;
  }

  /** The last publication's findings in a file, with their diagnostics there. */
  inFile(path: string): Array<Located & { diag: Diagnostic }> {
    const out: Array<Located & { diag: Diagnostic }> = [];
    for (const found of this.byId.values()) {
      if (found.finding.loc.file.path === path) out.push({ ...found, diag: toDiagnostic(found.finding, found.id) });
    }
    return out;
  }

  private scriptEditorDiagnostics(editor: ScriptEditor): Diagnostic[] {
    return this.inScriptEditor(editor).map(x => x.diag);
  }
}

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/**
 * Whether a client would see the same diagnostics: every field a diagnostic carries is compared (code, link and data
 * follow from the rule id and the finding id), field by field: strings made of every diagnostic and related place
 * (JSON, or joined by hand) allocated more on each keystroke than the comparison costs.
 */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if ((x.data as { id?: string } | undefined)?.id !== (y.data as { id?: string } | undefined)?.id || x.code !== y.code || x.severity !== y.severity
      || x.message !== y.message || !sameRange(x.range, y.range) || !samePlaces(x.relatedInformation, y.relatedInformation)) return false;
  }
  return true;
}

function samePlaces(a: readonly DiagnosticRelatedInformation[] = [], b: readonly DiagnosticRelatedInformation[] = []): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x !== y && (x.location.uri !== y.location.uri || x.message !== y.message || !sameRange(x.location.range, y.location.range))) return false;
  }
  return true;
}
