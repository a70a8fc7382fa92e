// The language-server session: lints the workspace on start (with cancellable progress) and every open
// document as it changes (debounced, re-linting only the unit it belongs to), pushes diagnostics for every
// file with findings, offers the fix engine's fixes as code actions, hovers on environment variables, and
// answers the client's views. It talks to the client only through a ClientPort (server.ts wires the real
// connection; the unit tests a fake one). No handler may take the session down: each is guarded and logs its error.
import * as nodePath from 'node:path';
import {
  CodeAction, CodeActionKind, CodeActionParams, FileChangeType, FileEvent, Hover, HoverParams, InitializeParams, InitializeResult,
  PublishDiagnosticsParams, TextDocumentContentChangeEvent, TextDocumentSyncKind, WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../findings/analyze';
import type { Level } from '../findings/config';
import type { FixContext } from '../fix/fix';
import { DiskVfs, Vfs } from '../load/vfs';
import { isInsideDir } from '../util/paths';
import { escapeText } from '../util/terminal';
import { Analyzer, Unit } from './analyzer';
import { ActionScope, CodeActionState, computeCodeActions, FIX_ALL_KIND } from './code-actions';
import { customizationOverride } from './customizations';
import { engineDecodedScript } from './engine-script';
import { OpenDocuments } from './documents';
import { Guards, LogSink } from './log';
import { environmentsOf, hoverMarkdown, modelOf, variableAt } from './model';
import type {
  ClientSettings, EnvironmentsResult, InitializationOptions, LintZipParams, LintZipResult, MatrixEditParams, MatrixEditResult, MatrixParams,
  MatrixResult, ModelResult, ScanStatus, SetEnvironmentParams,
} from './protocol';
import { buildMatrix, matrixEditFor } from './matrix-build';
import { ScanStartedNotification, ScanStatusNotification } from './protocol';
import { debounceFor, versionsReadBy } from './edit-timing';
import { DiagnosticsPublisher } from './publisher';
import { NODE_TIMERS, Scheduler, Timers } from './scheduler';
import { DEFAULT_SETTINGS, normalizeSettings, settingsFromSection } from './settings';
import { chooseCredentialTemplate } from './trust';
import { WarmUp } from './warm-up-runner';
import { openedFlowSteps, warmUpSteps } from './warm-up';
import { uriToPath } from './uri';
import { planWatchedFile } from './watched-files';

/** A work-done progress the client shows (window/workDoneProgress). */
export interface ProgressReporter {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message?: string): void;
  done(): void;
  readonly token: { readonly isCancellationRequested: boolean };
}

/** What the session sends to the client. */
export interface ClientPort {
  sendDiagnostics(params: PublishDiagnosticsParams): void;
  sendNotification(method: string, params: unknown): void;
  log: LogSink;
  showWarning(message: string): void;
  /** The client's settings section (workspace/configuration). */
  getConfiguration(section: string): Promise<unknown>;
  createProgress(): Promise<ProgressReporter | undefined>;
}

export interface SessionOptions {
  /** The files as the engine reads them when no editor has them open (default: the disk). */
  disk?: Vfs;
  /** Delay between an edit and its re-lint (ms). */
  debounceMs?: number;
  /** Delay before diagnostics are published again after an edit that needs no re-lint (ms). */
  publishDelayMs?: number;
  timers?: Timers;
  /** Whether the as-you-type paths are warmed up after the first scan (warm-up.ts; default true). */
  warmUp?: boolean;
}

/** The longest an edit waits for more keystrokes before its re-lint (see edit-timing.ts debounceFor). */
export const DEBOUNCE_MS = 250;
const PUBLISH_DELAY_MS = 50;
/**
 * How long an opened flow's warm-up may start steps (warmUpOpened): its diagnostics wait that long and one step more.
 * A 5,000-line script's 12 steps take about 0.5 s on an idle machine; half of them left the first keystrokes slow.
 */
const OPEN_WARM_UP_BUDGET_MS = 750;

export class Session {
  private folders: string[] = [];
  private environment: string | null = null;
  private settings: ClientSettings = DEFAULT_SETTINGS;
  /** Workspace trust as the client reports it; untrusted until it says otherwise. */
  private workspaceTrusted = false;
  private override: ((ruleId: string, level: Level) => Level) | undefined;
  private readonly client = { configurationPull: false, progress: false, folderEvents: false, resolveEdits: false };
  readonly documents: OpenDocuments;
  readonly analyzer: Analyzer;
  private readonly scheduler: Scheduler;
  private readonly publisher: DiagnosticsPublisher;
  private readonly guards: Guards;
  private readonly timers: Timers;
  private readonly publishDelayMs: number;
  private readonly debounceMs: number;
  private publishTimer: unknown;
  private fullRunning = false;
  private cancelRequested = false;
  private readonly warmUp: WarmUp;

  constructor(private readonly port: ClientPort, options: SessionOptions = {}) {
    this.guards = new Guards(port.log);
    this.timers = options.timers ?? NODE_TIMERS;
    this.publishDelayMs = options.publishDelayMs ?? PUBLISH_DELAY_MS;
    this.debounceMs = options.debounceMs ?? DEBOUNCE_MS;
    this.documents = new OpenDocuments(options.disk ?? new DiskVfs(), (path, flowId, fileText) => engineDecodedScript(this.analyzer.unitsFor(path), path, flowId, fileText));
    this.analyzer = new Analyzer(this.documents.overlay, () => ({ environment: this.environment ?? undefined, override: this.override }), path => this.documents.splicedScripts(path));
    this.publisher = new DiagnosticsPublisher(this.documents, params => port.sendDiagnostics(params));
    this.warmUp = new WarmUp(options.warmUp ?? true, this.timers, this.guards);
    this.scheduler = new Scheduler({
      full: reason => this.fullScan(reason),
      units: keys => this.relintKeys(keys, 'edit'),
      failed: e => this.guards.logError('scan', e),
    }, this.debounceMs, this.timers);
  }

  private log(message: string): void {
    this.guards.log(message);
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  initialize(params: InitializeParams): InitializeResult {
    const init = params.initializationOptions as Partial<InitializationOptions> | undefined;
    this.environment = init?.environment ?? null;
    this.workspaceTrusted = init?.workspaceTrusted === true;
    if (init?.settings) this.applySettings(init.settings);
    const wsFolders = params.workspaceFolders?.map(f => uriToPath(f.uri)).filter((p): p is string => !!p) ?? [];
    const root = params.rootUri ? uriToPath(params.rootUri) : undefined;
    this.folders = wsFolders.length ? wsFolders : root ? [root] : [];
    const caps = params.capabilities;
    this.client.configurationPull = !!caps.workspace?.configuration;
    this.client.progress = !!caps.window?.workDoneProgress;
    this.client.folderEvents = !!caps.workspace?.workspaceFolders;
    this.client.resolveEdits = !!caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: this.client.resolveEdits },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'flowcop' },
    };
  }

  /** Whether the client sends workspace-folder changes (server.ts then subscribes to them). */
  get wantsFolderEvents(): boolean {
    return this.client.folderEvents;
  }

  /** After `initialized`: pull the settings, then scan the workspace at once. */
  initialized(): Promise<void> {
    return this.guards.guardAsync('initialized', undefined, async () => {
      if (this.client.configurationPull) await this.pullSettings();
      this.log(`FlowCop language server started (Node ${process.version}); folders: ${this.folders.join(', ') || '(none)'}`);
      this.scheduler.scheduleFull('start', 0);
    });
  }

  workspaceFoldersChanged(e: WorkspaceFoldersChangeEvent): void {
    this.guards.guard('workspace folders', undefined, () => {
      const removed = new Set(e.removed.map(f => uriToPath(f.uri)));
      this.folders = [...this.folders.filter(f => !removed.has(f)), ...e.added.map(f => uriToPath(f.uri)).filter((p): p is string => !!p)];
      this.scheduler.scheduleFull('workspace folders changed');
    });
  }

  /** Stops the timers (the connection closed; tests end their sessions). */
  dispose(): void {
    this.warmUp.stop();
    this.scheduler.dispose();
    if (this.publishTimer !== undefined) this.timers.clear(this.publishTimer);
    this.publishTimer = undefined;
  }

  // ---- documents ------------------------------------------------------------------------------

  didOpen(doc: { uri: string; languageId: string; version: number; text: string }): void {
    this.warmUp.noteMessage();
    const opened = this.documents.open(doc.uri, doc.languageId, doc.version, doc.text);
    this.contentChanged(opened);
    this.warmUpOpened(doc.uri);
  }

  didChange(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    this.warmUp.stop();
    const doc = this.guards.guard('document change', undefined, () => this.documents.change(uri, version, changes));
    if (doc) this.contentChanged(doc);
  }

  private contentChanged(doc: TextDocument): void {
    this.guards.guard('document change', undefined, () => {
      const uri = doc.uri;
      const editor = this.documents.scriptEditorOf(uri);
      if (editor) {
        this.documents.scriptEditors.set(uri, editor);
        if (this.documents.spliceScriptEdit(uri, editor) ?? this.documents.refreshOverlay(editor.xmlPath)) this.schedulePath(editor.xmlPath);
        else this.unchangedForEngine(doc, editor.xmlPath);
        return;
      }
      const path = this.documents.pathOf(uri);
      if (!path) return;
      this.documents.rememberPath(path, uri);
      if (this.documents.refreshOverlay(path)) this.schedulePath(path, doc);
      else if (!this.analyzer.unitsFor(path).length && this.documents.isScriptLike(path, doc)) this.schedulePath(path, doc);
      else this.unchangedForEngine(doc, path);
    });
  }

  /** An edit that leaves what the engine reads as it was: the findings held stand for this version too. */
  private unchangedForEngine(doc: TextDocument, path: string): void {
    const waiting = this.scheduler.isPending(this.analyzer.unitsFor(path).map(u => u.key));
    if (!waiting && !this.fullRunning) this.documents.markLinted(new Map([[doc.uri, doc.version]]));
    this.publishSoon();
  }

  didClose(uri: string): void {
    this.warmUp.noteMessage();
    this.guards.guard('document close', undefined, () => {
      if (!this.documents.close(uri)) return;
      const editor = this.documents.scriptEditors.get(uri);
      if (editor) {
        this.documents.scriptEditors.delete(uri);
        if (this.documents.refreshOverlay(editor.xmlPath)) this.schedulePath(editor.xmlPath);
        this.publishSoon();
        return;
      }
      const path = this.documents.pathOf(uri);
      if (!path) return;
      this.documents.forgetPath(path);
      const changed = this.documents.refreshOverlay(path);
      if (this.documents.isUntitledPath(path) || !this.folders.some(f => isInsideDir(path, f))) {
        // A script linted only because it was open: it leaves with its editor.
        for (const u of this.analyzer.unitsFor(path)) if (u.kind === 'script') this.analyzer.remove(u);
        this.publishSoon();
      } else if (changed) {
        this.schedulePath(path);
      }
    });
  }

  // ---- scheduling and scans -------------------------------------------------------------------

  private schedulePath(path: string, doc?: TextDocument): void {
    let units = this.analyzer.unitsFor(path);
    if (!units.length && this.documents.isScriptLike(path, doc)) units = [this.analyzer.addScript(path)];
    const keys = units.map(u => u.key);
    this.analyzer.touch(keys, path);
    this.scheduler.addUnits(keys, debounceFor(units, this.debounceMs));
  }

  private relintKeys(keys: string[], reason: string): void {
    const t0 = Date.now();
    const names: string[] = [];
    const units = keys.map(k => this.analyzer.units.get(k)).filter((u): u is Unit => !!u);
    const versions = versionsReadBy(this.documents, units);
    for (const u of units) {
      this.guards.guard(`re-lint ${u.key}`, undefined, () => {
        const ok = this.analyzer.relint(u);
        names.push(`${u.solution?.uniqueName ?? nodePath.basename(u.root)} ${u.ms} ms${u.lastRelint ? ` (${u.lastRelint})` : ''}`);
        if (!ok && u.kind !== 'script') this.scheduler.scheduleFull('a solution changed shape');
      });
    }
    if (!names.length) return;
    this.documents.markLinted(versions);
    this.publish();
    const ms = Date.now() - t0;
    this.log(`re-linted ${names.join(', ')} (${reason}; ${ms} ms)`);
    this.sendStatus('partial', reason, ms, false);
  }

  /** Before answering about a file: lint now what is still waiting for the debounce. */
  private flushFor(path: string): void {
    if (this.fullRunning) return;
    const keys = this.scheduler.takePending(this.analyzer.unitsFor(path).map(u => u.key));
    if (keys.length) this.relintKeys(keys, 'request');
  }

  private async fullScan(reason: string): Promise<ScanStatus> {
    const t0 = Date.now();
    const versions = new Map(this.documents.all().map(d => [d.uri, d.version]));
    this.fullRunning = true;
    this.cancelRequested = false;
    this.port.sendNotification(ScanStartedNotification, { reason });
    let reporter: ProgressReporter | undefined;
    try {
      if (this.client.progress) {
        reporter = await this.port.createProgress().catch(() => undefined);
        reporter?.begin('FlowCop', 0, 'Scanning the workspace…', true);
      }
      const outcome = await this.analyzer.fullScan(this.folders,
        (done, total, what) => reporter?.report(Math.round((done * 100) / Math.max(total, 1)), `${what} (${done + 1}/${total})`),
        () => this.cancelRequested || !!reporter?.token.isCancellationRequested);
      // Open scripts outside the folders (or untitled) are linted as long as they are open.
      for (const doc of this.documents.all()) {
        const path = this.documents.pathOf(doc.uri);
        if (path && !this.analyzer.unitsFor(path).length && this.documents.isScriptLike(path, doc)) {
          this.guards.guard('open script', undefined, () => this.analyzer.relint(this.analyzer.addScript(path)));
        }
      }
      if (!outcome.cancelled) this.documents.markLinted(versions);
      this.publish();
      const ms = Date.now() - t0;
      const size = this.analyzer.size();
      this.log(`${outcome.cancelled ? 'scan CANCELLED' : 'scanned'} ${this.folders.length} folder(s): ${size.solutions} solution(s), ${size.scripts} script(s), ${size.files} files, ` +
        `${this.analyzer.allFindings().length} findings in ${ms} ms (${reason}${this.environment ? `; environment ${this.environment}` : ''})`);
      for (const u of outcome.units) if (u.kind !== 'rest') this.log(`  ${u.kind} ${u.solution?.uniqueName ?? nodePath.basename(u.root)}: ${u.findings.length} findings, ${u.ms} ms`);
      const status = this.sendStatus('full', reason, ms, outcome.cancelled);
      if (!outcome.cancelled) this.warmUpOnce();
      return status;
    } finally {
      this.fullRunning = false;
      reporter?.done();
    }
  }

  /** After the first scan, while nothing else runs: edits of the open flows (else the largest) re-linted and dropped (warm-up.ts). */
  private warmUpOnce(): void {
    const options = () => ({ environment: this.environment ?? undefined, override: this.override });
    const steps = () => {
      const open = new Set(this.documents.all().map(d => nodePath.resolve(this.documents.scriptEditorOf(d.uri)?.xmlPath ?? this.documents.pathOf(d.uri) ?? '')));
      return warmUpSteps(this.analyzer.units.values(), options, this.documents.overlay, open);
    };
    this.warmUp.startOnce(steps, () => this.scheduler.idle && !this.fullRunning && this.publishTimer === undefined,
      (edits, ms) => this.log(`warmed up the as-you-type paths: ${edits} edits re-linted and dropped in ${ms} ms`));
  }

  /**
   * An editor opened on a flow: that flow's edits are warmed up before the opening's diagnostics go out (they wait
   * for the publish timer), as typing may start right after them. Not while a lint waits or runs.
   */
  private warmUpOpened(uri: string): void {
    if (this.fullRunning || !this.scheduler.idle) return;
    const file = this.documents.scriptEditorOf(uri)?.xmlPath ?? this.documents.pathOf(uri);
    if (!file) return;
    const path = nodePath.resolve(file);
    const options = () => ({ environment: this.environment ?? undefined, override: this.override });
    const warmed = this.warmUp.warmOpened(path, () => openedFlowSteps(this.analyzer.units.values(), options, this.documents.overlay, path), OPEN_WARM_UP_BUDGET_MS);
    if (warmed?.relinted) this.log(`warmed up ${nodePath.basename(path)} as its editor opened: ${warmed.relinted} edits re-linted and dropped in ${warmed.ms} ms`);
  }

  /** `flowcop/cancelScan`: stop the running scan after the unit being linted. */
  cancelScan(): void {
    if (!this.fullRunning) return;
    this.cancelRequested = true;
    this.log('scan cancellation requested');
  }

  private sendStatus(scope: ScanStatus['scope'], reason: string, ms: number, cancelled: boolean): ScanStatus {
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of this.analyzer.allFindings()) counts[f.severity]++;
    const status: ScanStatus = { reason, scope, ...this.analyzer.size(), findings: counts, ms, cancelled, environment: this.environment };
    this.port.sendNotification(ScanStatusNotification, status);
    return status;
  }

  private publish(): void {
    this.publisher.publish(this.analyzer.units.values());
  }

  private publishSoon(): void {
    if (this.publishTimer !== undefined) return;
    this.publishTimer = this.timers.set(() => {
      this.publishTimer = undefined;
      this.guards.guard('publish', undefined, () => this.publish());
    }, this.publishDelayMs);
  }

  // ---- watched files --------------------------------------------------------------------------

  watchedFilesChanged(changes: FileEvent[]): void {
    this.guards.guard('watched files', undefined, () => {
      for (const change of changes) this.watchedFileChanged(change);
    });
  }

  private watchedFileChanged(change: FileEvent): void {
    const path = uriToPath(change.uri);
    if (!path) return;
    // A decoded-script editor's file changed: its overlay must follow the disk.
    if (this.documents.hasScriptEditorOn(path)) this.documents.refreshOverlay(path);
    const plan = planWatchedFile(path, change.type, {
      disk: this.documents.disk, units: this.analyzer.units.values(), unitsFor: p => this.analyzer.unitsFor(p), isScriptLike: p => this.documents.isScriptLike(p),
    });
    if (plan.full) this.scheduler.scheduleFull(plan.full);
    // A file created or deleted can change what a unit is made of: only a change in place is known file by file.
    this.analyzer.touch(plan.units, change.type === FileChangeType.Changed ? path : undefined);
    this.scheduler.addUnits(plan.units);
    if (plan.script) this.schedulePath(plan.script);
  }

  // ---- settings and trust ---------------------------------------------------------------------

  private applySettings(s: Partial<ClientSettings>): void {
    this.settings = normalizeSettings(s);
    this.override = customizationOverride(this.settings.rulesCustomizations);
    const { settingProblem } = chooseCredentialTemplate({ setting: this.settings.getCredentialTemplate, configs: undefined, trusted: this.workspaceTrusted });
    // Logged only: the fix's description names the template it used (the built-in one).
    if (settingProblem) this.log(`the setting flowcop.getCredentialTemplate is not used: ${settingProblem}`);
  }

  private async pullSettings(): Promise<void> {
    const raw = await this.port.getConfiguration('flowcop').catch(() => undefined) as Record<string, unknown> | undefined;
    if (raw) this.applySettings(settingsFromSection(raw));
  }

  /** Pulls the settings again and scans when they changed. */
  private async refreshSettings(): Promise<void> {
    const before = JSON.stringify(this.settings);
    if (this.client.configurationPull) await this.pullSettings();
    if (JSON.stringify(this.settings) !== before) this.scheduler.scheduleFull('settings changed');
  }

  configurationChanged(): Promise<void> {
    return this.guards.guardAsync('configuration', undefined, () => this.refreshSettings());
  }

  /** `flowcop/workspaceTrusted`: flowcop.json's getCredentialTemplate applies, and the workspace's flowcop.* settings become readable. */
  trustGranted(): Promise<void> {
    return this.guards.guardAsync('workspace trust', undefined, async () => {
      this.workspaceTrusted = true;
      this.log('the workspace is trusted: flowcop.json getCredentialTemplate applies');
      await this.refreshSettings();
    });
  }

  private fixContext(unit: Unit): FixContext {
    // The template follows workspace trust and must be a Get credential action (see trust.ts).
    const template = chooseCredentialTemplate({ setting: this.settings.getCredentialTemplate, configs: unit.configs, trusted: this.workspaceTrusted });
    // The unit's findings: a move to an environment variable changes every place of its value.
    return { workspace: unit.workspace, configs: template.configs, environment: this.environment ?? undefined, getCredentialTemplate: template.getCredentialTemplate, findings: unit.findings };
  }

  // ---- custom requests ------------------------------------------------------------------------

  environments(): EnvironmentsResult {
    return this.guards.guard('environments', { environments: [], active: this.environment },
      () => ({ environments: environmentsOf(this.analyzer.solutions(), this.analyzer.environmentIdentities()), active: this.environment }));
  }

  /** `flowcop/setEnvironment`: answers with the status of the scan it runs. */
  setEnvironment(params: SetEnvironmentParams | undefined): Promise<ScanStatus | null> {
    return this.guards.guardAsync('set environment', null as ScanStatus | null, () => {
      this.environment = params?.environment || null;
      this.log(`active environment: ${this.environment ?? '(all environments)'}`);
      return this.scheduler.exclusive(() => this.fullScan('environment switched'));
    });
  }

  rescan(): Promise<ScanStatus | null> {
    return this.guards.guardAsync('rescan', null as ScanStatus | null, () => this.scheduler.exclusive(() => this.fullScan('rescan requested')));
  }

  model(): ModelResult {
    return this.guards.guard('model', { environment: this.environment, solutions: [] }, () => {
      // Credential findings about a variable also keep its value out of the model (model.ts holdsSecret).
      const findings = this.analyzer.allFindings();
      const solutions = this.analyzer.solutions().map(s => modelOf(s, this.environment, findings.filter(f => f.owner.solution === s)));
      return { environment: this.environment, solutions: solutions.sort((a, b) => a.uniqueName.localeCompare(b.uniqueName)) };
    });
  }

  /** `flowcop/matrix`: each solution's environment matrix and findings overview (matrix-build.ts). */
  matrix(params: MatrixParams | undefined): MatrixResult {
    return this.guards.guard('matrix', { environment: this.environment, solutions: [] },
      () => buildMatrix(this.analyzer, { environment: this.environment, override: this.override }, params));
  }

  /** `flowcop/matrixEdit`: the edits of a matrix action, from the text held now (pending re-lints first). */
  matrixEdit(params: MatrixEditParams | undefined): MatrixEditResult {
    return this.guards.guard('matrix edit', { error: 'internal error (see the FlowCop output)' }, () => {
      if (typeof params?.file === 'string') this.flushFor(nodePath.resolve(params.file));
      return matrixEditFor(params, this.documents, this.analyzer.solutions());
    });
  }

  lintZip(params: LintZipParams): LintZipResult {
    return this.guards.guard('lint zip', { findings: 0, solutions: 0, error: 'internal error (see the FlowCop output)' }, () => {
      const path = nodePath.resolve(params.path);
      const t0 = Date.now();
      const result = analyze([path], { vfs: this.documents.overlay, environment: this.environment ?? undefined, override: this.override });
      const u = this.analyzer.addZip(path, result);
      this.publish();
      this.log(`linted ${path} in memory: ${result.workspace.solutions.length} solution(s), ${u.findings.length} findings, ${Date.now() - t0} ms`);
      this.sendStatus('partial', 'zip', Date.now() - t0, false);
      if (!result.workspace.solutions.length && !u.findings.length) return { findings: 0, solutions: 0, error: 'the archive holds no solution.xml: not a packed solution' };
      return { findings: u.findings.length, solutions: result.workspace.solutions.length };
    });
  }

  // ---- code actions and hover -----------------------------------------------------------------

  private get actionState(): CodeActionState {
    return { documents: this.documents, findings: this.publisher, folders: this.folders, fixContext: unit => this.fixContext(unit), guards: this.guards };
  }

  private actionsAt(params: CodeActionParams): CodeAction[] {
    this.warmUp.noteMessage();
    const uri = params.textDocument.uri;
    const editor = this.documents.scriptEditorOf(uri);
    const path = editor ? editor.xmlPath : this.documents.pathOf(uri);
    if (!path) return [];
    this.flushFor(path);
    const scope: ActionScope = { uri, path, editor };
    return computeCodeActions(this.actionState, params, scope);
  }

  codeActions(params: CodeActionParams): CodeAction[] {
    return this.guards.guard('code actions', [], () => {
      const actions = this.actionsAt(params);
      if (!this.client.resolveEdits) return actions;
      // The edits are computed again when an action is picked (codeAction/resolve), against the files as they
      // are then: a file changed in between is caught by the engine's guard instead of being overwritten.
      for (const a of actions) {
        if (!a.edit) continue;
        delete a.edit;
        a.data = { uri: params.textDocument.uri, range: params.range, title: a.title, kind: a.kind };
      }
      return actions;
    });
  }

  resolveCodeAction(action: CodeAction): CodeAction {
    return this.guards.guard('resolve code action', action, () => {
      const data = action.data as { uri: string; range: CodeActionParams['range']; title: string; kind?: string } | undefined;
      if (!data) return action;
      const fresh = this.actionsAt({ textDocument: { uri: data.uri }, range: data.range, context: { diagnostics: [], only: data.kind ? [data.kind] : undefined } })
        .find(a => a.title === data.title);
      if (fresh?.edit) return { ...action, edit: fresh.edit };
      const why = fresh?.disabled?.reason ?? 'the finding is gone (fixed or changed since)';
      this.port.showWarning(`FlowCop: "${escapeText(data.title)}" was not applied: ${escapeText(why)}.`);
      return action;
    });
  }

  hover(params: HoverParams): Hover | null {
    this.warmUp.noteMessage();
    return this.guards.guard('hover', null, () => {
      const path = this.documents.pathOf(params.textDocument.uri);
      if (!path) return null;
      this.flushFor(path);
      for (const u of this.analyzer.unitsFor(path)) {
        if (!u.solution) continue;
        const v = variableAt(u.solution, path, params.position);
        if (v) return { contents: { kind: 'markdown', value: hoverMarkdown(u.solution, v, this.environment, u.findings) } };
      }
      return null;
    });
  }
}
