// The documents open in the editor and what the engine reads because of them: an open file's unsaved text,
// with the unsaved text of its open decoded-script editors merged in (an overlay over the disk). Plain
// state over a Vfs: the session (session.ts) feeds it the editor's open/change/close events.
import * as nodePath from 'node:path';
import type { Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { looksLikeScript } from '../load/pad/sniff';
import { decodeText, OverlayVfs, Vfs } from '../load/vfs';
import { computeLineStarts, Span } from '../util/text';
import { rangeInText } from './convert';
import { ScriptEditor, scriptEditorOf } from './script-editor';
import { commonEnds, DecodedScript, decodedScriptIn, spliceScript } from './script-splice';
import { locateScriptInText, replaceScriptInText } from './scriptFile';
import { pathToUri, uriToPath } from './uri';

/** Where untitled scripts are linted: a made-up folder no workspace holds. */
export const UNTITLED_ROOT = nodePath.resolve('/__flowcop_untitled__');

export interface DiskText { text: string; bom: boolean }

/** Places a finding's span of the text the engine read into the text an editor shows (undefined: not shown there). */
export interface MergedView { place(span: Span): Range | undefined }

export class OpenDocuments {
  readonly overlay: OverlayVfs;
  private readonly docs = new Map<string, TextDocument>();
  /** Paths of open documents → their URIs (diagnostics go to the URI the client knows). */
  private readonly uriByPath = new Map<string, string>();
  readonly scriptEditors = new Map<string, ScriptEditor>();
  private readonly overlayText = new Map<string, string>();
  /** Whether the file on disk starts with a BOM (read once per path: an editor buffer never shows it). */
  private readonly bomOf = new Map<string, boolean>();
  /** The last place found of each script editor's script (see locate). */
  private readonly located = new Map<string, { fileText: string; located: ReturnType<typeof locateScriptInText> }>();
  /** The disk text of each overlaid file as refreshOverlay last read it, and the merged view last made of it. */
  private readonly diskSnapshot = new Map<string, DiskText | undefined>();
  private readonly viewOf = new Map<string, { merged: string; shown: string; starts: number[]; view: MergedView }>();
  /** Per file and flow: the script last spliced into the file's overlay (see spliceScriptEdit). */
  private readonly spliced = new Map<string, DecodedScript>();
  /** Open document URI → the version of its text that the findings now held were computed from. */
  private readonly linted = new Map<string, number>();

  /**
   * @param engineScript the script of a flow as the engine decoded it from exactly `fileText`, when it was
   * (engine-script.ts): the first edit of a script editor splices into it instead of decoding the file again.
   */
  constructor(readonly disk: Vfs, private readonly engineScript?: (path: string, flowId: string, fileText: string) => DecodedScript | undefined) {
    this.overlay = new OverlayVfs(disk);
  }

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }

  open(uri: string, languageId: string, version: number, text: string): TextDocument {
    const doc = TextDocument.create(uri, languageId, version, text);
    // Its line offsets now, not in the first keystroke's update (a 5,000-line script's take milliseconds).
    void doc.lineCount;
    this.docs.set(uri, doc);
    return doc;
  }

  /** Applies an edit; undefined for a document that is not open. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): TextDocument | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    TextDocument.update(doc, changes, version);
    return doc;
  }

  close(uri: string): TextDocument | undefined {
    const doc = this.docs.get(uri);
    this.docs.delete(uri);
    this.linted.delete(uri);
    const editor = this.scriptEditors.get(uri);
    if (editor) {
      this.located.delete(`${editor.xmlPath}\u0000${editor.flowId}`);
      this.spliced.delete(`${editor.xmlPath}\u0000${editor.flowId}`);
    }
    return doc;
  }

  /** The version of an open document that the findings published for it were computed from. */
  lintedVersion(uri: string): number | undefined {
    return this.docs.has(uri) ? this.linted.get(uri) : undefined;
  }

  /** The open documents whose text the engine reads in these files (their own file, or the file a script editor shows). */
  documentsReadIn(files: (path: string) => boolean): TextDocument[] {
    const out: TextDocument[] = [];
    for (const doc of this.docs.values()) {
      const editor = this.scriptEditors.get(doc.uri);
      const path = editor ? editor.xmlPath : this.pathOf(doc.uri);
      if (path && files(path)) out.push(doc);
    }
    return out;
  }

  /** Records that the findings now held were computed from these versions. */
  markLinted(versions: ReadonlyMap<string, number>): void {
    for (const [uri, version] of versions) if (this.docs.has(uri)) this.linted.set(uri, version);
  }

  /** The decoded-script editor a URI is (remembered from its first change), or undefined. */
  scriptEditorOf(uri: string): ScriptEditor | undefined {
    return this.scriptEditors.get(uri) ?? scriptEditorOf(uri);
  }

  /** The path a document is linted as: its file, or a made-up path for an untitled script. */
  pathOf(uri: string): string | undefined {
    if (uri.startsWith('file:')) return uriToPath(uri);
    if (uri.startsWith('untitled:')) return nodePath.join(UNTITLED_ROOT, `${encodeURIComponent(uri.slice(9))}.robin`);
    return undefined;
  }

  isUntitledPath(path: string): boolean {
    return path.startsWith(UNTITLED_ROOT + nodePath.sep);
  }

  rememberPath(path: string, uri: string): void {
    this.uriByPath.set(path, uri);
  }

  forgetPath(path: string): void {
    this.uriByPath.delete(path);
  }

  uriOf(path: string): string {
    return this.uriByPath.get(path) ?? pathToUri(path);
  }

  /** The open document of a path (a file: editor, not a script editor). */
  documentAt(path: string): TextDocument | undefined {
    const uri = this.uriByPath.get(path);
    return uri ? this.docs.get(uri) : undefined;
  }

  readDisk(path: string): DiskText | undefined {
    try {
      const bytes = this.disk.readFile(path);
      if (!bytes) return undefined;
      const d = decodeText(bytes, path);
      return 'error' in d ? undefined : { text: d.file.text, bom: d.file.bom };
    } catch {
      return undefined;
    }
  }

  /** A robin script: by extension or language, or a .txt file whose text looks like one. */
  isScriptLike(path: string, doc?: TextDocument): boolean {
    const lower = path.toLowerCase();
    if (lower.endsWith('.robin') || doc?.languageId === 'robin') return true;
    if (lower.endsWith('.txt')) {
      const text = doc?.getText() ?? this.readDisk(path)?.text;
      return !!text && looksLikeScript(text);
    }
    return false;
  }

  /**
   * Recomputes what the engine reads for a path: the open document, with any open decoded-script editors
   * merged in. Returns whether that text changed (the disk counts when there is no overlay).
   */
  refreshOverlay(path: string): boolean {
    const doc = this.documentAt(path);
    // The disk is read at most once per call (a desktop flow's XML can be megabytes).
    let disk: DiskText | undefined | null = null;
    const fromDisk = () => {
      if (disk === null) this.diskSnapshot.set(path, disk = this.readDisk(path));
      return disk;
    };
    const base = doc ? doc.getText() : fromDisk()?.text;
    let text = base;
    for (const [scriptUri, editor] of this.scriptEditors) {
      if (editor.xmlPath !== path || text === undefined) continue;
      const scriptDoc = this.docs.get(scriptUri);
      if (!scriptDoc) continue;
      const located = this.locate(text, path, editor.flowId);
      if ('error' in located || located.text === scriptDoc.getText()) continue;
      text = replaceScriptInText({ ...located, fileText: text }, scriptDoc.getText());
    }
    const before = this.overlayText.get(path);
    if (text === undefined || (!doc && text === base)) {
      this.overlay.delete(path);
      this.overlayText.delete(path);
      this.diskSnapshot.delete(path);
    } else {
      if (!this.bomOf.has(path)) this.bomOf.set(path, fromDisk()?.bom ?? false);
      this.overlay.set(path, text, this.bomOf.get(path));
      this.overlayText.set(path, text);
    }
    const after = this.overlayText.get(path);
    return (before ?? fromDisk()?.text) !== (after ?? fromDisk()?.text);
  }

  /**
   * A change in a decoded-script editor: the typed characters are encoded into the file's overlay text (the disk's
   * text at the first edit) (script-splice.ts) instead of encoding the whole script again, reading the disk and parsing
   * the XML; the overlay's bytes are made only when something reads them. Returns whether the text changed, or
   * undefined when the edit cannot be spliced (refreshOverlay then merges it).
   */
  spliceScriptEdit(uri: string, editor: ScriptEditor): boolean | undefined {
    const path = editor.xmlPath;
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    let current = this.overlayText.get(path);
    const fromDisk = current === undefined && !this.documentAt(path);
    if (fromDisk) {
      // The first edit (or the editor's opening): the engine read the disk, as refreshOverlay would merge into it.
      const disk = this.readDisk(path);
      this.diskSnapshot.set(path, disk);
      if (!disk) return undefined;
      if (!this.bomOf.has(path)) this.bomOf.set(path, disk.bom);
      current = disk.text;
    }
    if (current === undefined) return undefined;
    const key = `${path}\u0000${editor.flowId}`;
    let last = this.spliced.get(key);
    // Once per overlay text refreshOverlay made: its script decoded and checked to be stored as a whole re-encoding.
    if (last?.fileText !== current) {
      if (fromDisk) {
        // The disk is the file's own text: the style refreshOverlay would encode with is the one decoded here, and the
        // engine decoded this very text in its last lint (unless the disk changed since).
        last = this.engineScript?.(path, editor.flowId, current) ?? decodedScriptIn(current, editor.flowId);
      } else {
        last = decodedScriptIn(current, editor.flowId);
        // refreshOverlay encodes with the style of the script in the file's own text: splicing must encode alike.
        const base = this.located.get(key)?.located;
        if (!last || !base || 'error' in base || base.storage !== last.storage || JSON.stringify(base.style) !== JSON.stringify(last.style)) last = undefined;
      }
    }
    if (!last) {
      this.spliced.delete(key);
      return undefined;
    }
    const script = doc.getText();
    const next = script === last.text ? last : spliceScript(last, script);
    if (!next) {
      this.spliced.delete(key);
      return undefined;
    }
    this.spliced.set(key, next);
    if (next === last) return false;
    this.overlay.set(path, next.fileText, this.bomOf.get(path));
    this.overlayText.set(path, next.fileText);
    return true;
  }

  /**
   * The scripts spliced into a file's current overlay (the engine may take them as decoded instead of decoding the
   * file again), with the BOM the overlay's bytes carry.
   */
  splicedScripts(path: string): { scripts: DecodedScript[]; bom: boolean } {
    const current = this.overlayText.get(path);
    const scripts: DecodedScript[] = [];
    if (current !== undefined) {
      for (const [key, d] of this.spliced) if (d.fileText === current && key.startsWith(`${path}\u0000`)) scripts.push(d);
    }
    return { scripts, bom: this.bomOf.get(path) ?? false };
  }

  /**
   * Where a desktop flow's script sits in a file text: remembered per file and flow for the text it was found
   * in, since each keystroke in a script editor merges into the same file text (no XML parse per keystroke).
   */
  private locate(fileText: string, path: string, flowId: string): ReturnType<typeof locateScriptInText> {
    const key = `${path}\u0000${flowId}`;
    const cached = this.located.get(key);
    if (cached?.fileText === fileText) return cached.located;
    const located = locateScriptInText(fileText, flowId);
    this.located.set(key, { fileText, located });
    return located;
  }

  hasScriptEditorOn(path: string): boolean {
    return [...this.scriptEditors.values()].some(e => e.xmlPath === path);
  }

  /**
   * Files the engine reads with unsaved decoded-script edits merged in, while their own editor shows the
   * text without them: findings there are placed against the editor's text (those inside the edited part
   * show in the script editor only).
   */
  mergedViews(): Map<string, MergedView> {
    const views = new Map<string, MergedView>();
    for (const [path, merged] of this.overlayText) {
      const uri = this.uriByPath.get(path);
      // The disk as the overlay last read it (refreshOverlay runs on every change of the file or its editors).
      const shown = uri ? this.docs.get(uri)?.getText() : (this.diskSnapshot.get(path) ?? this.readDisk(path))?.text;
      if (shown === undefined || shown === merged) continue;
      // Each keystroke publishes again: the view of the same pair of texts is kept (comparing megabytes of XML costs).
      const last = this.viewOf.get(path);
      if (last && last.merged === merged && last.shown === shown) {
        views.set(path, last.view);
        continue;
      }
      // The part that differs: [head, merged.length - tail) in the merged text.
      const { head, tail } = commonEnds(merged, shown);
      // The shown text (the disk) stays while the merged one changes with every keystroke: its line starts are kept.
      const starts = last?.shown === shown ? last.starts : computeLineStarts(shown);
      const delta = shown.length - merged.length;
      const view: MergedView = {
        place: span => {
          if (span.end <= head) return rangeInText(starts, shown.length, span);
          if (span.start >= merged.length - tail) return rangeInText(starts, shown.length, { start: span.start + delta, end: span.end + delta });
          return undefined;
        },
      };
      views.set(path, view);
      this.viewOf.set(path, { merged, shown, starts, view });
    }
    for (const path of this.viewOf.keys()) if (!views.has(path)) this.viewOf.delete(path);
    return views;
  }
}
