// The FlowCop language server: lints the workspace on start (with cancellable progress) and every open
// document as it changes (debounced, re-linting only the unit it belongs to), pushes diagnostics for every
// file with findings, offers the fix engine's fixes as code actions, hovers on environment variables, and
// answers the client's views. No handler may take the server down: each is guarded and logs its error.
import * as nodePath from 'node:path';
import {
  CodeAction, CodeActionKind, CodeActionParams, Command, createConnection, Diagnostic, FileChangeType,
  Hover, HoverParams, InitializeParams, InitializeResult, ProposedFeatures, Range, TextDocuments, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../findings/finding';
import { analyze } from '../findings/analyze';
import { CONFIG_FILE } from '../findings/config';
import { ChangeBuilder, FixError, mergeChanges, WorkspaceChange } from '../fix/change';
import { fixesFor, preferredFix, unfixableReason } from '../fix/fixes';
import type { FixContext } from '../fix/fix';
import { parseJson, prop } from '../load/json';
import { looksLikeScript } from '../load/pad/sniff';
import { settingsFileKind } from '../load/settings';
import { sniffSettingsFile } from '../load/settings-sniff';
import { decodeText, DiskVfs, OverlayVfs } from '../load/vfs';
import type { Solution } from '../model/types';
import { ruleById } from '../rules/registry';
import { escapeText } from '../util/terminal';
import { computeLineStarts, Span } from '../util/text';
import { Analyzer, Unit } from './analyzer';
import { findingId, rangeInText, ruleDocUri, ScriptEditorTarget, toDiagnostic, toWorkspaceEdit } from './convert';
import { customizationOverride } from './customizations';
import { environmentsOf, hoverMarkdown, modelOf, variableAt } from './model';
import {
  CancelScanNotification, ClientSettings, Commands, DiagnosticData, EnvironmentsRequest, EnvironmentsResult, InitializationOptions, LintZipParams, LintZipRequest,
  LintZipResult, ModelRequest, ModelResult, RescanRequest, ScanStartedNotification, ScanStatus, ScanStatusNotification, SCRIPT_SCHEME, SetEnvironmentParams,
  SetEnvironmentRequest, WorkspaceTrustedNotification,
} from './protocol';
import { chooseCredentialTemplate } from './trust';
import { locateScriptInText, parseScriptUri, replaceScriptInText } from './scriptFile';
import { pathToUri, uriToPath } from './uri';

const DEBOUNCE_MS = 250;
const FIX_ALL_KIND = 'source.fixAll.flowcop';
const UNTITLED_ROOT = nodePath.resolve('/__flowcop_untitled__');

const DEFAULT_SETTINGS: ClientSettings = { enable: true, rulesCustomizations: [], getCredentialTemplate: '' };

interface ScriptDoc { xmlPath: string; flowId: string }
interface Located { finding: Finding; unit: Unit; id: string }

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const disk = new DiskVfs();
  const overlay = new OverlayVfs(disk);

  let folders: string[] = [];
  let environment: string | null = null;
  let settings: ClientSettings = DEFAULT_SETTINGS;
  /** Workspace trust as the client reports it; untrusted until it says otherwise. */
  let workspaceTrusted = false;
  let override = customizationOverride(settings.rulesCustomizations);
  let configurationPull = false;
  let progressSupported = false;
  let folderEvents = false;
  let resolveEdits = false;
  const analyzer = new Analyzer(overlay, () => ({ environment: environment ?? undefined, override }));

  // ---- logging and guards ---------------------------------------------------------------------

  // The client's output channel "FlowCop" adds the time stamps.
  // Paths and names in log lines come from the workspace: control characters shown escaped (util/terminal.ts).
  const log = (message: string) => connection.console.info(escapeText(message));
  const logError = (where: string, e: unknown) => connection.console.error(`${escapeText(where)} failed: ${String((e as Error)?.stack ?? e).split('\n').map(escapeText).join('\n')}`);
  function guard<T>(where: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      logError(where, e);
      return fallback;
    }
  }
  async function guardAsync<T>(where: string, fallback: T, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      logError(where, e);
      return fallback;
    }
  }
  process.on('uncaughtException', e => logError('(uncaught)', e));
  process.on('unhandledRejection', e => logError('(unhandled promise)', e));

  // ---- documents ------------------------------------------------------------------------------

  /** Paths of open documents → their URIs (diagnostics go to the URI the client knows). */
  const docUriByPath = new Map<string, string>();
  const scriptDocs = new Map<string, ScriptDoc>();

  const isScriptUri = (uri: string) => uri.startsWith(`${SCRIPT_SCHEME}:`);
  function scriptDocOf(uri: string): ScriptDoc | undefined {
    const known = scriptDocs.get(uri);
    if (known) return known;
    if (!isScriptUri(uri)) return undefined;
    const m = /^[^:]+:(?:\/\/[^/]*)?([^?#]*)(?:\?([^#]*))?/.exec(uri);
    if (!m) return undefined;
    const { xmlPath, flowId } = parseScriptUri(decodeURIComponent(m[1]), decodeURIComponent(m[2] ?? ''));
    return { xmlPath: nodePath.resolve(xmlPath), flowId };
  }
  /** The path a document is linted as: its file, or a made-up path for an untitled script. */
  function docPath(uri: string): string | undefined {
    if (uri.startsWith('file:')) return uriToPath(uri);
    if (uri.startsWith('untitled:')) return nodePath.join(UNTITLED_ROOT, `${encodeURIComponent(uri.slice(9))}.robin`);
    return undefined;
  }
  const uriOf = (path: string) => docUriByPath.get(path) ?? pathToUri(path);

  function readDisk(path: string): { text: string; bom: boolean; bytes: Uint8Array } | undefined {
    try {
      const bytes = disk.readFile(path);
      if (!bytes) return undefined;
      const d = decodeText(bytes, path);
      return 'error' in d ? undefined : { text: d.file.text, bom: d.file.bom, bytes };
    } catch {
      return undefined;
    }
  }

  const overlayText = new Map<string, string>();
  /** Whether the file on disk starts with a BOM (read once per path: an editor buffer never shows it). */
  const bomOf = new Map<string, boolean>();
  /** Recomputes what the engine reads for a path: the open document, with any open decoded-script editors merged in. */
  function refreshOverlay(path: string): boolean {
    const uri = docUriByPath.get(path);
    const doc = uri ? documents.get(uri) : undefined;
    const fromDisk = doc ? undefined : readDisk(path);
    const base = doc ? doc.getText() : fromDisk?.text;
    let text = base;
    for (const [scriptUri, sd] of scriptDocs) {
      if (sd.xmlPath !== path || text === undefined) continue;
      const scriptDoc = documents.get(scriptUri);
      if (!scriptDoc) continue;
      const located = locateScriptInText(text, sd.flowId);
      if ('error' in located || located.text === scriptDoc.getText()) continue;
      text = replaceScriptInText({ ...located, fileText: text }, scriptDoc.getText());
    }
    const before = overlayText.get(path);
    if (text === undefined || (!doc && text === base)) {
      overlay.delete(path);
      overlayText.delete(path);
    } else {
      if (!bomOf.has(path)) bomOf.set(path, fromDisk?.bom ?? readDisk(path)?.bom ?? false);
      overlay.set(path, text, bomOf.get(path));
      overlayText.set(path, text);
    }
    const after = overlayText.get(path);
    // Changed for the engine when the text it reads differs from before (the disk counts when no overlay).
    return (before ?? readDisk(path)?.text) !== (after ?? readDisk(path)?.text);
  }

  function isScriptLike(path: string, doc?: TextDocument): boolean {
    const lower = path.toLowerCase();
    if (lower.endsWith('.robin') || doc?.languageId === 'robin') return true;
    if (lower.endsWith('.txt')) {
      const text = doc?.getText() ?? readDisk(path)?.text;
      return !!text && looksLikeScript(text);
    }
    return false;
  }

  documents.onDidChangeContent(e => guard('document change', undefined, () => {
    const uri = e.document.uri;
    const sd = scriptDocOf(uri);
    if (sd) {
      scriptDocs.set(uri, sd);
      if (refreshOverlay(sd.xmlPath)) schedulePath(sd.xmlPath);
      else publishSoon();
      return;
    }
    const path = docPath(uri);
    if (!path) return;
    docUriByPath.set(path, uri);
    if (refreshOverlay(path)) schedulePath(path, e.document);
    else if (!analyzer.unitsFor(path).length && isScriptLike(path, e.document)) schedulePath(path, e.document);
    else publishSoon();
  }));

  documents.onDidClose(e => guard('document close', undefined, () => {
    const uri = e.document.uri;
    const sd = scriptDocs.get(uri);
    if (sd) {
      scriptDocs.delete(uri);
      if (refreshOverlay(sd.xmlPath)) schedulePath(sd.xmlPath);
      publishSoon();
      return;
    }
    const path = docPath(uri);
    if (!path) return;
    docUriByPath.delete(path);
    const changed = refreshOverlay(path);
    if (path.startsWith(UNTITLED_ROOT + nodePath.sep) || !folders.some(f => isInside(path, f))) {
      // A script linted only because it was open: it leaves with its editor.
      for (const u of analyzer.unitsFor(path)) if (u.kind === 'script') analyzer.remove(u);
      publishSoon();
    } else if (changed) {
      schedulePath(path);
    }
  }));

  // ---- scheduling -----------------------------------------------------------------------------

  const pending = new Set<string>();
  let fullPending = false;
  let fullReason = '';
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let fullRunning = false;
  let cancelRequested = false;
  connection.onNotification(CancelScanNotification, () => { if (fullRunning) { cancelRequested = true; log('scan cancellation requested'); } });

  function arm(ms = DEBOUNCE_MS): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = undefined; void runPending(); }, ms);
  }

  function schedulePath(path: string, doc?: TextDocument): void {
    let units = analyzer.unitsFor(path);
    if (!units.length && isScriptLike(path, doc)) units = [analyzer.addScript(path)];
    for (const u of units) pending.add(u.key);
    if (units.length) arm();
  }

  function scheduleFull(reason: string, ms = DEBOUNCE_MS): void {
    fullPending = true;
    fullReason = reason;
    arm(ms);
  }

  async function runPending(): Promise<void> {
    if (running) { arm(); return; }
    running = true;
    try {
      if (fullPending) {
        fullPending = false;
        pending.clear();
        await fullScan(fullReason || 'files changed');
      } else if (pending.size) {
        const keys = [...pending];
        pending.clear();
        relintKeys(keys, 'edit');
      }
    } catch (e) {
      logError('scan', e);
    } finally {
      running = false;
      if (fullPending || pending.size) arm();
    }
  }

  function relintKeys(keys: string[], reason: string): void {
    const t0 = Date.now();
    const names: string[] = [];
    for (const key of keys) {
      const u = analyzer.units.get(key);
      if (!u) continue;
      guard(`re-lint ${key}`, undefined, () => {
        const ok = analyzer.relint(u);
        names.push(`${u.solution?.uniqueName ?? nodePath.basename(u.root)} ${u.ms} ms`);
        if (!ok && u.kind !== 'script') scheduleFull('a solution changed shape');
      });
    }
    if (!names.length) return;
    publish();
    const ms = Date.now() - t0;
    log(`re-linted ${names.join(', ')} (${reason}; ${ms} ms)`);
    sendStatus('partial', reason, ms, false);
  }

  /** Before answering about a file: lint now what is still waiting for the debounce. */
  function flushFor(path: string): void {
    if (fullRunning) return;
    const keys = analyzer.unitsFor(path).map(u => u.key).filter(k => pending.has(k));
    if (!keys.length) return;
    for (const k of keys) pending.delete(k);
    relintKeys(keys, 'request');
  }

  async function fullScan(reason: string): Promise<ScanStatus> {
    const t0 = Date.now();
    fullRunning = true;
    cancelRequested = false;
    void connection.sendNotification(ScanStartedNotification, { reason });
    let reporter: Awaited<ReturnType<typeof connection.window.createWorkDoneProgress>> | undefined;
    try {
      if (progressSupported) {
        reporter = await connection.window.createWorkDoneProgress().catch(() => undefined);
        reporter?.begin('FlowCop', 0, 'Scanning the workspace…', true);
      }
      const outcome = await analyzer.fullScan(folders,
        (done, total, what) => reporter?.report(Math.round((done * 100) / Math.max(total, 1)), `${what} (${done + 1}/${total})`),
        () => cancelRequested || !!reporter?.token.isCancellationRequested);
      // Open scripts outside the folders (or untitled) are linted as long as they are open.
      for (const doc of documents.all()) {
        const path = docPath(doc.uri);
        if (path && !analyzer.unitsFor(path).length && isScriptLike(path, doc)) guard('open script', undefined, () => analyzer.relint(analyzer.addScript(path)));
      }
      publish();
      const ms = Date.now() - t0;
      const size = analyzer.size();
      log(`${outcome.cancelled ? 'scan CANCELLED' : 'scanned'} ${folders.length} folder(s): ${size.solutions} solution(s), ${size.scripts} script(s), ${size.files} files, ` +
        `${analyzer.allFindings().length} findings in ${ms} ms (${reason}${environment ? `; environment ${environment}` : ''})`);
      for (const u of outcome.units) if (u.kind !== 'rest') log(`  ${u.kind} ${u.solution?.uniqueName ?? nodePath.basename(u.root)}: ${u.findings.length} findings, ${u.ms} ms`);
      return sendStatus('full', reason, ms, outcome.cancelled);
    } finally {
      fullRunning = false;
      reporter?.done();
    }
  }

  function sendStatus(scope: ScanStatus['scope'], reason: string, ms: number, cancelled: boolean): ScanStatus {
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of analyzer.allFindings()) counts[f.severity]++;
    const status: ScanStatus = { reason, scope, ...analyzer.size(), findings: counts, ms, cancelled, environment };
    void connection.sendNotification(ScanStatusNotification, status);
    return status;
  }

  // ---- diagnostics ----------------------------------------------------------------------------

  const published = new Map<string, string>();
  let byId = new Map<string, Located>();
  let publishTimer: NodeJS.Timeout | undefined;
  const publishSoon = () => {
    if (publishTimer) return;
    publishTimer = setTimeout(() => { publishTimer = undefined; guard('publish', undefined, publish); }, 50);
  };

  function scriptEditorDiagnostics(sd: ScriptDoc): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const { finding, id } of byId.values()) {
      const df = finding.owner.desktopFlow;
      // The editor's file: the XML or workflow.yml holding the flow, or the flow JSON of a v1 package script.
      const holder = df?.script?.fromPackage ? df.script.file.path : df?.metadataFile.path;
      if (!df?.script || !finding.scriptSpan || nodePath.resolve(holder!) !== sd.xmlPath || !sameGuid(df.id, sd.flowId)) continue;
      const starts = lineStartsOf(df.script.text);
      out.push(toDiagnostic(finding, id, rangeInText(starts, df.script.text.length, finding.scriptSpan)));
    }
    return out;
  }

  const lineStartsOf = (text: string) => computeLineStarts(text);

  /**
   * Files the engine reads with unsaved decoded-script edits merged in, while their own editor shows the
   * text without them: findings there are placed against the editor's text (those inside the edited part
   * show in the script editor only).
   */
  function mergedViews(): Map<string, { place(span: Span): Range | undefined }> {
    const views = new Map<string, { place(span: Span): Range | undefined }>();
    for (const [path, merged] of overlayText) {
      const uri = docUriByPath.get(path);
      const shown = uri ? documents.get(uri)?.getText() : readDisk(path)?.text;
      if (shown === undefined || shown === merged) continue;
      // The part that differs: [head, merged.length - tail) in the merged text.
      let head = 0;
      while (head < merged.length && head < shown.length && merged.charCodeAt(head) === shown.charCodeAt(head)) head++;
      let tail = 0;
      while (tail < merged.length - head && tail < shown.length - head && merged.charCodeAt(merged.length - 1 - tail) === shown.charCodeAt(shown.length - 1 - tail)) tail++;
      const starts = computeLineStarts(shown);
      const delta = shown.length - merged.length;
      views.set(path, {
        place: span => {
          if (span.end <= head) return rangeInText(starts, shown.length, span);
          if (span.start >= merged.length - tail) return rangeInText(starts, shown.length, { start: span.start + delta, end: span.end + delta });
          return undefined;
        },
      });
    }
    return views;
  }

  function publish(): void {
    const map = new Map<string, Located>();
    const byUri = new Map<string, { diags: Diagnostic[]; seen: Set<string> }>();
    const views = mergedViews();
    for (const u of analyzer.units.values()) {
      for (const finding of u.findings) {
        const id = findingId(finding);
        if (map.has(id)) continue;
        map.set(id, { finding, unit: u, id });
        const uri = uriOf(finding.loc.file.path);
        const view = views.get(finding.loc.file.path);
        const range = view?.place(finding.loc.span);
        if (view && !range) continue;
        const d = toDiagnostic(finding, id, range);
        let entry = byUri.get(uri);
        if (!entry) byUri.set(uri, entry = { diags: [], seen: new Set() });
        const key = `${d.code}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.message}`;
        if (entry.seen.has(key)) continue;
        entry.seen.add(key);
        entry.diags.push(d);
      }
    }
    byId = map;
    const next = new Map<string, Diagnostic[]>([...byUri].map(([uri, e]) => [uri, e.diags]));
    for (const [uri, sd] of scriptDocs) if (documents.get(uri)) next.set(uri, scriptEditorDiagnostics(sd));
    for (const [uri, diagnostics] of next) {
      const signature = JSON.stringify(diagnostics);
      if (published.get(uri) === signature) continue;
      published.set(uri, signature);
      void connection.sendDiagnostics({ uri, diagnostics });
    }
    for (const uri of [...published.keys()]) {
      if (next.has(uri)) continue;
      published.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  // ---- watched files --------------------------------------------------------------------------

  connection.onDidChangeWatchedFiles(params => guard('watched files', undefined, () => {
    for (const change of params.changes) {
      const path = uriToPath(change.uri);
      if (!path) continue;
      const base = nodePath.basename(path).toLowerCase();
      if (base === CONFIG_FILE) { scheduleFull(`${CONFIG_FILE} changed`); continue; }
      // A decoded-script editor's XML changed: its overlay must follow the disk.
      if ([...scriptDocs.values()].some(sd => sd.xmlPath === path)) refreshOverlay(path);
      const units = analyzer.unitsFor(path);
      if (change.type === FileChangeType.Deleted) {
        if ([...analyzer.units.values()].some(u => u.kind !== 'rest' && u.root && isInside(u.root, path) && u.root !== path)) scheduleFull('a folder was deleted');
        for (const u of units) pending.add(u.key);
        if (units.length) arm();
        continue;
      }
      if (change.type === FileChangeType.Created && disk.isDirectory(path)) {
        // A new folder (its files' own events may be coalesced away): re-lint the solution holding it,
        // or scan again when it brings a solution of its own.
        if (units.length) { for (const u of units) pending.add(u.key); arm(); }
        else if (['Other/Solution.xml', 'solution.xml'].some(m => disk.isFile(nodePath.join(path, ...m.split('/'))))) scheduleFull(`${nodePath.basename(path)} created`);
        continue;
      }
      if (units.length) {
        for (const u of units) pending.add(u.key);
        arm();
      } else if (change.type === FileChangeType.Created && isStructural(path)) {
        scheduleFull(`${nodePath.basename(path)} created`);
      } else if (isScriptLike(path)) {
        schedulePath(path);
      }
    }
  }));

  /** Files that can make a new solution, settings file or script appear. */
  function isStructural(path: string): boolean {
    const base = nodePath.basename(path).toLowerCase();
    return base === 'solution.xml' || base === 'customizations.xml' || base.endsWith('.cdsproj') || base.endsWith('.zip')
      || base.endsWith('.json.data.xml') || base === 'environmentvariabledefinition.xml' || base === 'manifest.json' || base === 'solution.yml' || base === 'solutioncomponents.yml' || base === 'workflow.yml'
      || !!settingsFileKind(path.split(/[\\/]/))
      || (base.endsWith('.json') && sniffSettingsFile(disk, path));
  }

  // ---- initialize -----------------------------------------------------------------------------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = params.initializationOptions as Partial<InitializationOptions> | undefined;
    environment = init?.environment ?? null;
    workspaceTrusted = init?.workspaceTrusted === true;
    if (init?.settings) applySettings(init.settings);
    const wsFolders = params.workspaceFolders?.map(f => uriToPath(f.uri)).filter((p): p is string => !!p) ?? [];
    const root = params.rootUri ? uriToPath(params.rootUri) : undefined;
    folders = wsFolders.length ? wsFolders : root ? [root] : [];
    configurationPull = !!params.capabilities.workspace?.configuration;
    progressSupported = !!params.capabilities.window?.workDoneProgress;
    folderEvents = !!params.capabilities.workspace?.workspaceFolders;
    resolveEdits = !!params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: resolveEdits },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'flowcop' },
    };
  });

  connection.onInitialized(() => void guardAsync('initialized', undefined, async () => {
    if (configurationPull) await pullSettings();
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(e => guard('workspace folders', undefined, () => {
        const removed = new Set(e.removed.map(f => uriToPath(f.uri)));
        folders = [...folders.filter(f => !removed.has(f)), ...e.added.map(f => uriToPath(f.uri)).filter((p): p is string => !!p)];
        scheduleFull('workspace folders changed');
      }));
    }
    log(`FlowCop language server started (Node ${process.version}); folders: ${folders.join(', ') || '(none)'}`);
    scheduleFull('start', 0);
  }));

  function applySettings(s: Partial<ClientSettings>): void {
    settings = {
      enable: s.enable !== false,
      rulesCustomizations: Array.isArray(s.rulesCustomizations) ? s.rulesCustomizations : [],
      getCredentialTemplate: typeof s.getCredentialTemplate === 'string' ? s.getCredentialTemplate : '',
    };
    override = customizationOverride(settings.rulesCustomizations);
    const { settingProblem } = chooseCredentialTemplate({ setting: settings.getCredentialTemplate, configs: undefined, trusted: workspaceTrusted });
    // Logged only: the fix's description names the template it used (the built-in one).
    if (settingProblem) log(`the setting flowcop.getCredentialTemplate is not used: ${settingProblem}`);
  }

  async function pullSettings(): Promise<void> {
    const raw = await connection.workspace.getConfiguration('flowcop').catch(() => undefined) as Record<string, unknown> | undefined;
    if (!raw) return;
    const rules = raw.rules as { customizations?: ClientSettings['rulesCustomizations'] } | undefined;
    applySettings({ enable: raw.enable as boolean, rulesCustomizations: rules?.customizations ?? [], getCredentialTemplate: raw.getCredentialTemplate as string });
  }

  connection.onNotification(WorkspaceTrustedNotification, () => void guardAsync('workspace trust', undefined, async () => {
    workspaceTrusted = true;
    log('the workspace is trusted: flowcop.json getCredentialTemplate applies');
    // Restricted settings (the workspace's flowcop.* values) become readable too.
    const before = JSON.stringify(settings);
    if (configurationPull) await pullSettings();
    if (JSON.stringify(settings) !== before) scheduleFull('settings changed');
  }));

  connection.onDidChangeConfiguration(() => void guardAsync('configuration', undefined, async () => {
    const before = JSON.stringify(settings);
    if (configurationPull) await pullSettings();
    if (JSON.stringify(settings) !== before) scheduleFull('settings changed');
  }));

  // ---- custom requests ------------------------------------------------------------------------

  connection.onRequest(EnvironmentsRequest, (): EnvironmentsResult =>
    guard('environments', { environments: [], active: environment }, () => ({ environments: environmentsOf(analyzer.solutions()), active: environment })));

  connection.onRequest(SetEnvironmentRequest, (params: SetEnvironmentParams) => guardAsync('set environment', null as ScanStatus | null, async () => {
    environment = params?.environment || null;
    log(`active environment: ${environment ?? '(all environments)'}`);
    while (running) await new Promise(r => setTimeout(r, 20));
    running = true;
    try {
      pending.clear();
      fullPending = false;
      return await fullScan('environment switched');
    } finally {
      running = false;
    }
  }));

  connection.onRequest(RescanRequest, () => guardAsync('rescan', null as ScanStatus | null, async () => {
    while (running) await new Promise(r => setTimeout(r, 20));
    running = true;
    try {
      pending.clear();
      fullPending = false;
      return await fullScan('rescan requested');
    } finally {
      running = false;
    }
  }));

  connection.onRequest(ModelRequest, (): ModelResult => guard('model', { environment, solutions: [] }, () => {
    // Credential findings about a variable also keep its value out of the model (model.ts holdsSecret).
    const findings = analyzer.allFindings();
    return {
      environment,
      solutions: analyzer.solutions().map(s => modelOf(s, environment, findings.filter(f => f.owner.solution === s))).sort((a, b) => a.uniqueName.localeCompare(b.uniqueName)),
    };
  }));

  connection.onRequest(LintZipRequest, (params: LintZipParams): LintZipResult => guard('lint zip', { findings: 0, solutions: 0, error: 'internal error (see the FlowCop output)' }, () => {
    const path = nodePath.resolve(params.path);
    const t0 = Date.now();
    const result = analyze([path], { vfs: overlay, environment: environment ?? undefined, override });
    const u = analyzer.addZip(path, result);
    publish();
    log(`linted ${path} in memory: ${result.workspace.solutions.length} solution(s), ${u.findings.length} findings, ${Date.now() - t0} ms`);
    sendStatus('partial', 'zip', Date.now() - t0, false);
    if (!result.workspace.solutions.length && !u.findings.length) return { findings: 0, solutions: 0, error: 'the archive holds no solution.xml: not a packed solution' };
    return { findings: u.findings.length, solutions: result.workspace.solutions.length };
  }));

  // ---- code actions ---------------------------------------------------------------------------

  const kindWanted = (kind: string, only: string[] | undefined) => !only || only.some(o => kind === o || kind.startsWith(o + '.'));

  function editTarget() {
    return {
      openDocument: (path: string) => {
        const uri = docUriByPath.get(path);
        const doc = uri ? documents.get(uri) : undefined;
        return doc && uri ? { uri, version: doc.version, text: doc.getText() } : undefined;
      },
      diskText: (path: string) => readDisk(path)?.text,
      exists: (path: string) => disk.isFile(path) || disk.isDirectory(path),
      workspaceFolders: folders,
    };
  }

  function fixContext(unit: Unit): FixContext {
    // The template follows workspace trust and must be a Get credential action (see trust.ts).
    const template = chooseCredentialTemplate({ setting: settings.getCredentialTemplate, configs: unit.configs, trusted: workspaceTrusted });
    return { workspace: unit.workspace, configs: template.configs, environment: environment ?? undefined, getCredentialTemplate: template.getCredentialTemplate };
  }

  function scriptTarget(uri: string, sd: ScriptDoc, finding: Finding): ScriptEditorTarget | undefined {
    const df = finding.owner.desktopFlow;
    const doc = documents.get(uri);
    if (!df?.script || !df.definitionLoc || !doc) return undefined;
    const onDisk = readDisk(sd.xmlPath);
    const diskLocated = onDisk ? locateScriptInText(onDisk.text, sd.flowId) : undefined;
    return {
      uri, version: doc.version, text: doc.getText(), xmlPath: sd.xmlPath,
      region: df.script.map.fileSpan, definition: df.definitionLoc.span, analysedScript: df.script.text,
      diskScript: diskLocated && !('error' in diskLocated) ? diskLocated.text : undefined,
    };
  }

  /** `origin`: the file the fix started from; every path the change touches must be in its workspace folder. */
  function changeAction(title: string, kind: string, change: WorkspaceChange, diag: Diagnostic | undefined, script: ScriptEditorTarget | undefined, origin: string, preferred = false): CodeAction {
    const converted = toWorkspaceEdit(change, editTarget(), script, origin);
    const action: CodeAction = { title, kind, diagnostics: diag ? [diag] : undefined };
    if ('stale' in converted) action.disabled = { reason: converted.stale };
    else action.edit = converted.edit;
    if (preferred) action.isPreferred = true;
    return action;
  }

  function configureAction(found: Located, diag: Diagnostic | undefined, script: ScriptEditorTarget | undefined): CodeAction | undefined {
    const { finding, unit } = found;
    const rule = ruleById(finding.ruleId);
    if (!rule) return undefined;
    const solution = finding.owner.solution;
    const anchor = solution ? (solution.layout === 'zip' ? nodePath.dirname(solution.root) : solution.root) : nodePath.dirname(finding.loc.file.path);
    const config = unit.configs?.configFor(anchor);
    const level = config?.rules[finding.ruleId]?.level ?? rule.meta.defaultSeverity;
    const title = `Configure ${finding.ruleId} in ${CONFIG_FILE}`;
    const reveal = (path: string): Command => Command.create('Reveal the rule in flowcop.json', Commands.revealText, pathToUri(path), `"${finding.ruleId}"`);
    if (config?.file && !config.file.entry && config.file.hash) {
      const file = config.file;
      const existing = prop(prop(parseJson(file.text).root, 'rules'), finding.ruleId);
      if (existing) return { title, kind: CodeActionKind.QuickFix, diagnostics: diag ? [diag] : undefined, command: reveal(file.path) };
      const b = new ChangeBuilder();
      try {
        b.modifyJson(file, ['rules', finding.ruleId], level);
      } catch (e) {
        // flowcop.json that cannot be edited safely (broken, too deep, "rules" not an object): say why.
        if (e instanceof FixError) return { title, kind: CodeActionKind.QuickFix, diagnostics: diag ? [diag] : undefined, disabled: { reason: e.message } };
        throw e;
      }
      const action = changeAction(title, CodeActionKind.QuickFix, b.build(), diag, script, finding.loc.file.path);
      action.command = reveal(file.path);
      return action;
    }
    const dir = solution?.layout === 'cdsproj' && solution.projectFile ? nodePath.dirname(solution.projectFile) : anchor;
    const path = nodePath.join(dir, CONFIG_FILE);
    const b = new ChangeBuilder();
    b.create(path, `${JSON.stringify({ rules: { [finding.ruleId]: level } }, null, 2)}\n`);
    const action = changeAction(title, CodeActionKind.QuickFix, b.build(), diag, script, finding.loc.file.path);
    action.command = reveal(path);
    return action;
  }

  function findingsFor(params: CodeActionParams, sd: ScriptDoc | undefined, path: string): Array<Located & { diag?: Diagnostic }> {
    const ids = params.context.diagnostics.filter(d => d.source === 'flowcop').map(d => ({ d, id: (d.data as DiagnosticData | undefined)?.id }));
    const out: Array<Located & { diag?: Diagnostic }> = [];
    if (ids.some(x => x.id)) {
      for (const { d, id } of ids) {
        const found = id ? byId.get(id) : undefined;
        if (found) out.push({ ...found, diag: d });
      }
      return out;
    }
    // No diagnostics given: the findings whose range meets the requested range.
    const r = params.range;
    const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character < b.character);
    for (const found of byId.values()) {
      const f = found.finding;
      let diag: Diagnostic | undefined;
      if (sd) {
        const df = f.owner.desktopFlow;
        if (!df?.script || !f.scriptSpan || nodePath.resolve(df.metadataFile.path) !== sd.xmlPath || !sameGuid(df.id, sd.flowId)) continue;
        diag = toDiagnostic(f, found.id, rangeInText(computeLineStarts(df.script.text), df.script.text.length, f.scriptSpan));
      } else {
        if (f.loc.file.path !== path) continue;
        diag = toDiagnostic(f, found.id);
      }
      if (before(diag.range.end, r.start) || before(r.end, diag.range.start)) continue;
      out.push({ ...found, diag });
    }
    return out;
  }

  connection.onCodeAction((params: CodeActionParams): CodeAction[] => guard('code actions', [], () => {
    const actions = computeActions(params);
    if (!resolveEdits) return actions;
    // The edits are computed again when an action is picked (codeAction/resolve), against the files as they
    // are then: a file changed in between is caught by the engine's guard instead of being overwritten.
    for (const a of actions) {
      if (!a.edit) continue;
      delete a.edit;
      a.data = { uri: params.textDocument.uri, range: params.range, title: a.title, kind: a.kind };
    }
    return actions;
  }));

  connection.onCodeActionResolve((action: CodeAction): CodeAction => guard('resolve code action', action, () => {
    const data = action.data as { uri: string; range: CodeActionParams['range']; title: string; kind?: string } | undefined;
    if (!data) return action;
    const fresh = computeActions({ textDocument: { uri: data.uri }, range: data.range, context: { diagnostics: [], only: data.kind ? [data.kind] : undefined } })
      .find(a => a.title === data.title);
    if (fresh?.edit) return { ...action, edit: fresh.edit };
    const why = fresh?.disabled?.reason ?? 'the finding is gone (fixed or changed since)';
    void connection.window.showWarningMessage(`FlowCop: "${escapeText(data.title)}" was not applied: ${escapeText(why)}.`);
    return action;
  }));

  function computeActions(params: CodeActionParams): CodeAction[] {
    const uri = params.textDocument.uri;
    const sd = scriptDocOf(uri);
    const path = sd ? sd.xmlPath : docPath(uri);
    if (!path) return [];
    flushFor(path);
    const only = params.context.only;
    const actions: CodeAction[] = [];

    if (kindWanted(CodeActionKind.QuickFix, only)) {
      const docsShown = new Set<string>();
      for (const found of findingsFor(params, sd, path)) {
        const { finding, unit, diag } = found;
        const script = sd ? scriptTarget(uri, sd, finding) : undefined;
        if (sd && !script) continue;
        const why = unfixableReason(finding);
        if (why) actions.push({ title: `No quick fix: ${why}`, kind: CodeActionKind.QuickFix, diagnostics: diag ? [diag] : undefined, disabled: { reason: why } });
        for (const fix of why ? [] : fixesFor(finding, fixContext(unit))) {
          let change: WorkspaceChange;
          try {
            change = fix.change();
          } catch (e) {
            actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: diag ? [diag] : undefined, disabled: { reason: e instanceof FixError ? e.message : `cannot build the fix: ${(e as Error).message}` } });
            continue;
          }
          actions.push(changeAction(fix.title, CodeActionKind.QuickFix, change, diag, script, path, fix.preferred));
        }
        if (!why) {
          const configure = guard('configure action', undefined, () => configureAction(found, diag, script));
          if (configure) actions.push(configure);
        }
        if (!docsShown.has(finding.ruleId)) {
          docsShown.add(finding.ruleId);
          actions.push({
            title: `Show documentation for ${finding.ruleId}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: diag ? [diag] : undefined,
            command: Command.create(`Show documentation for ${finding.ruleId}`, Commands.showRuleDocumentation, finding.ruleId, ruleDocUri(finding.ruleId)),
          });
        }
      }
    }

    if (only && kindWanted(FIX_ALL_KIND, only) && only.some(o => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(o + '.'))) {
      const fixAll = guard('fix all', undefined, () => fixAllAction(uri, sd, path));
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  function fixAllAction(uri: string, sd: ScriptDoc | undefined, path: string): CodeAction | undefined {
    const changes: WorkspaceChange[] = [];
    let script: ScriptEditorTarget | undefined;
    for (const found of byId.values()) {
      const f = found.finding;
      if (sd) {
        const df = f.owner.desktopFlow;
        if (!df || !f.scriptSpan || nodePath.resolve(df.metadataFile.path) !== sd.xmlPath || !sameGuid(df.id, sd.flowId)) continue;
        script ??= scriptTarget(uri, sd, f);
      } else if (f.loc.file.path !== path) continue;
      const fix = unfixableReason(f) ? undefined : preferredFix(f, fixContext(found.unit));
      if (!fix) continue;
      try {
        changes.push(fix.change());
      } catch {
        // a fix that cannot be built is left out of "fix all"
      }
    }
    if (!changes.length) return undefined;
    const { change } = mergeChanges(changes);
    const action = changeAction('Fix all auto-fixable FlowCop problems', FIX_ALL_KIND, change, undefined, script, path);
    return action.disabled ? undefined : action;
  }

  // ---- hover ----------------------------------------------------------------------------------

  connection.onHover((params: HoverParams): Hover | null => guard('hover', null, () => {
    const path = docPath(params.textDocument.uri);
    if (!path) return null;
    flushFor(path);
    for (const u of analyzer.unitsFor(path)) {
      const solution: Solution | undefined = u.solution;
      if (!solution) continue;
      const v = variableAt(solution, path, params.position);
      if (v) return { contents: { kind: 'markdown', value: hoverMarkdown(solution, v, environment, u.findings) } };
    }
    return null;
  }));

  documents.listen(connection);
  connection.listen();
}

function isInside(p: string, dir: string): boolean {
  const rel = nodePath.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
}

function sameGuid(a: string, b: string): boolean {
  return a.replace(/[{}]/g, '').toLowerCase() === b.replace(/[{}]/g, '').toLowerCase();
}

