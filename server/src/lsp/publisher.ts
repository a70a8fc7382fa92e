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
  /** What each URI was last sent: its version, diagnostics, and their signature once a comparison needed it. */
  private readonly published = new Map<string, { version: number | undefined; diagnostics: Diagnostic[]; signature?: string }>();

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
    const placeKeys = new Map<DiagnosticRelatedInformation, string>();
    for (const [uri, diagnostics] of next) {
      // An open document's diagnostics carry the version they were computed for: a client (and the latency
      // benchmark) can tell that an edit has been linted even when its findings did not change.
      const version = this.documents.lintedVersion(uri);
      const last = this.published.get(uri);
      // Another version is always sent (each keystroke's, in the edited document): only the same version's diagnostics
      // are compared, so the edited document's are not made into a signature on every keystroke.
      if (last && last.version === version) {
        last.signature ??= signatureOf(last.diagnostics, placeKeys);
        const signature = signatureOf(diagnostics, placeKeys);
        if (signature === last.signature) continue;
        this.published.set(uri, { version, diagnostics, signature });
      } else {
        this.published.set(uri, { version, diagnostics });
      }
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

const rangeKey = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/**
 * What a client sees of a file's diagnostics, as one string: every field a diagnostic carries (code, link
 * and data follow from the rule id and the finding id). Built by hand: JSON of every related place of
 * every diagnostic on each keystroke cost more than the lint of a small flow. A related place is shared by
 * the findings of its group (RelatedPlaceMemo), so its part is made once.
 */
function signatureOf(diagnostics: readonly Diagnostic[], placeKeys: Map<DiagnosticRelatedInformation, string>): string {
  const parts: string[] = [];
  for (const d of diagnostics) {
    const data = d.data as { id?: string } | undefined;
    let related = '';
    for (const r of d.relatedInformation ?? []) {
      let key = placeKeys.get(r);
      if (key === undefined) placeKeys.set(r, key = `${r.location.uri}\u0001${rangeKey(r.location.range)}\u0001${r.message}`);
      related += `\u0002${key}`;
    }
    parts.push(`${data?.id ?? ''}\u0001${String(d.code)}\u0001${d.severity}\u0001${rangeKey(d.range)}\u0001${d.message}${related}`);
  }
  return parts.join('\u0003');
}
