// The VS Code client: starts the language server (dist/server.js, over IPC) and adds what only the editor
// can do — the FlowCop views, the decoded desktop-flow script editor, the environment switch (status bar),
// packed solutions, content detection of script .txt files, rule documentation. Analysis stays in the server.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { looksLikeScript } from '../../server/src/load/pad/sniff';
import {
  ClientSettings, Commands, EnvironmentInfo, EnvironmentsRequest, EnvironmentsResult, InitializationOptions, LintZipRequest, LintZipResult, ModelDesktopFlow,
  CancelScanNotification, ModelRequest, ModelResult, RescanRequest, ScanStarted, ScanStartedNotification, ScanStatus, ScanStatusNotification, WorkspaceTrustedNotification,
  SCRIPT_SCHEME, SetEnvironmentRequest,
} from '../../server/src/lsp/protocol';
import { fixLineEndingsOnFirstSave, keepLineEndingsIn } from './createdFiles';
import { pacFirst } from './pac/match';
import { offerPacSelect, pacMatchDescription, PacProfilesSource, showEnvironmentStatus } from './pac/ui';
import { ScriptFileSystem, scriptUri } from './scriptFs';
import { FlowCopTree, locationRange, locationUri, ModelStore, Node, ViewKind } from './views';
import { MatrixPanel } from './matrix/panel';
import { planExtraction } from '../../server/src/fix/unpack-plan';
import { extract, isSolutionZip, readZipEntries } from '../../server/src/fix/unpack';

const ENV_KEY = 'flowcop.environment';
const ALL = '(all environments)';

/** What the extension returns from activate(): used by the end-to-end tests, and by anyone scripting FlowCop. */
export interface FlowCopApi {
  /** Resolves once the language server runs (immediately when FlowCop is disabled). */
  ready: Promise<void>;
  /** The last scan's status, or the next one's when none arrived yet. */
  lastStatus(): ScanStatus | undefined;
  /** Resolves with the next scan status that satisfies `filter`. */
  nextStatus(filter?: (s: ScanStatus) => boolean): Promise<ScanStatus>;
  environment(): string | null;
  statusBarText(): string;
  views: Record<ViewKind, FlowCopTree>;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<FlowCopApi> {
  const output = vscode.window.createOutputChannel('FlowCop', { log: true });
  context.subscriptions.push(output);
  const log = (message: string) => output.info(`[client] ${message}`);

  let environment: string | null = context.workspaceState.get<string | null>(ENV_KEY) ?? null;
  let lastStatus: ScanStatus | undefined;
  const statusWaiters: Array<{ filter: (s: ScanStatus) => boolean; resolve: (s: ScanStatus) => void }> = [];

  // ---- content detection: a .txt file holding a desktop-flow script is one ------------------------------
  const detect = (doc: vscode.TextDocument) => {
    if (doc.languageId !== 'plaintext' || !/\.txt$/i.test(doc.uri.path) || doc.uri.scheme === SCRIPT_SCHEME) return;
    try {
      if (looksLikeScript(doc.getText())) void vscode.languages.setTextDocumentLanguage(doc, 'robin');
    } catch (e) {
      log(`content detection failed for ${doc.uri.toString(true)}: ${(e as Error).message}`);
    }
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(detect));
  context.subscriptions.push(fixLineEndingsOnFirstSave());
  vscode.workspace.textDocuments.forEach(detect);

  // ---- the decoded-script editor ------------------------------------------------------------------------
  const scriptFs = new ScriptFileSystem(log);
  context.subscriptions.push(scriptFs, vscode.workspace.registerFileSystemProvider(SCRIPT_SCHEME, scriptFs, { isCaseSensitive: true }));

  // ---- status bar: the active environment, and pac's beside it (pac/ui.ts) ------------------------------
  const envItem = vscode.window.createStatusBarItem('flowcop.environment', vscode.StatusBarAlignment.Left, 50);
  envItem.name = 'FlowCop Environment';
  envItem.command = 'flowcop.switchEnvironment';
  const pac = new PacProfilesSource(log);
  context.subscriptions.push(pac);
  /** The environments as the server last listed them (with flowcop.json's url/id), asked for only while pac has profiles. */
  let knownEnvironments: EnvironmentInfo[] = [];
  const showEnvironment = () => showEnvironmentStatus(envItem, environment, pac, knownEnvironments);
  const refreshEnvironments = async () => {
    if (!pac.profiles() || client?.state !== State.Running) return;
    try {
      knownEnvironments = (await client.sendRequest<EnvironmentsResult>(EnvironmentsRequest)).environments;
      showEnvironment();
    } catch (e) {
      log(`listing the environments failed: ${(e as Error)?.message ?? e}`);
    }
  };
  context.subscriptions.push(pac.onDidChange(() => { showEnvironment(); void refreshEnvironments(); }));
  showEnvironment();
  envItem.show();
  context.subscriptions.push(envItem);

  // ---- language status: the last scan --------------------------------------------------------------------
  const scanItem = vscode.languages.createLanguageStatusItem('flowcop.scan', [
    { language: 'robin' }, { language: 'json', pattern: '**/{Workflows,config}/**' }, { language: 'xml' }, { pattern: '**/*deploymentsettings*.json' }, { pattern: '**/flowcop.json' },
  ]);
  scanItem.name = 'FlowCop';
  scanItem.text = 'FlowCop: starting…';
  scanItem.command = { title: 'Show Output', command: 'flowcop.showOutput' };
  context.subscriptions.push(scanItem);
  const showScan = (s: ScanStatus) => {
    const total = s.findings.error + s.findings.warning + s.findings.info;
    scanItem.text = `FlowCop: ${total} finding${total === 1 ? '' : 's'}`;
    scanItem.detail = `${s.solutions} solution${s.solutions === 1 ? '' : 's'}, ${s.scripts} script${s.scripts === 1 ? '' : 's'}, ${s.files} files · last scan ${s.ms} ms${s.cancelled ? ' (cancelled)' : ''}`;
    scanItem.severity = s.findings.error ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    scanItem.busy = false;
    scanItem.command = { title: 'Show Output', command: 'flowcop.showOutput' };
  };

  // ---- views ---------------------------------------------------------------------------------------------
  const store = new ModelStore(async () => {
    await ready.catch(() => undefined);
    if (!client || client.state !== State.Running) return undefined;
    return client.sendRequest<ModelResult>(ModelRequest);
  });
  const views = {
    connectionReferences: new FlowCopTree(context, 'connectionReferences', store),
    environmentVariables: new FlowCopTree(context, 'environmentVariables', store),
    desktopFlows: new FlowCopTree(context, 'desktopFlows', store),
  };
  for (const [kind, tree] of Object.entries(views)) {
    context.subscriptions.push(vscode.window.createTreeView(`flowcop.${kind}`, { treeDataProvider: tree, showCollapseAll: kind === 'connectionReferences' }));
  }
  let refreshTimer: NodeJS.Timeout | undefined;
  const refreshViews = (ms = 300) => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => { refreshTimer = undefined; store.invalidate(); }, ms);
  };

  // ---- the language client -----------------------------------------------------------------------------
  const readSettings = (): ClientSettings => {
    const c = vscode.workspace.getConfiguration('flowcop');
    return {
      enable: c.get<boolean>('enable', true),
      rulesCustomizations: c.get<ClientSettings['rulesCustomizations']>('rules.customizations', []),
      getCredentialTemplate: c.get<string>('getCredentialTemplate', ''),
    };
  };

  const startClient = async () => {
    const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{xml,json,robin,txt,zip,cdsproj,yml}');
    // New folders too: a folder created with its files at once may be reported as the folder alone.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, true);
    context.subscriptions.push(watcher, folders);
    const relevant = /\.(xml|json|robin|txt|zip|cdsproj|yml)$/i;
    // The server applies flowcop.json's getCredentialTemplate only in a trusted workspace.
    const init: InitializationOptions = { environment, settings: readSettings(), workspaceTrusted: vscode.workspace.isTrusted };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', pattern: '**/*.{xml,json,robin,txt,yml}' },
        { scheme: 'file', language: 'robin' },
        { scheme: 'untitled', language: 'robin' },
        { scheme: SCRIPT_SCHEME },
      ],
      synchronize: { configurationSection: 'flowcop', fileEvents: [watcher, folders] },
      middleware: {
        // A file a fix creates keeps the line endings the server wrote: createdFiles.ts.
        provideCodeActions: async (document, range, ctx, token, next) => keepLineEndingsIn(await next(document, range, ctx, token)),
        resolveCodeAction: async (item, token, next) => keepLineEndingsIn([await next(item, token)])?.[0],
        workspace: {
          // The folder watcher reports every new path: pass on only folders (the other watcher has the files).
          didChangeWatchedFile: (event, next) => {
            const uri = vscode.Uri.parse(event.uri);
            if (relevant.test(uri.path)) return next(event);
            try {
              // LSP FileChangeType.Created = 1
              if (event.type === 1 && fs.statSync(uri.fsPath).isDirectory()) return next(event);
            } catch {
              // gone already
            }
            return Promise.resolve();
          },
        },
      },
      initializationOptions: init,
      outputChannel: output,
      diagnosticCollectionName: 'flowcop',
    };
    client = new LanguageClient('flowcop', 'FlowCop', serverOptions, clientOptions);
    client.onNotification(ScanStartedNotification, (s: ScanStarted) => {
      scanItem.busy = true;
      scanItem.text = 'FlowCop: scanning…';
      scanItem.detail = s.reason;
      scanItem.command = { title: 'Cancel', command: 'flowcop.cancelScan' };
    });
    client.onNotification(ScanStatusNotification, (s: ScanStatus) => {
      lastStatus = s;
      showScan(s);
      refreshViews();
      // Keystrokes change no settings file's environment nor flowcop.json's url/id: not asked again per edit.
      if (s.reason !== 'edit') void refreshEnvironments();
      for (const w of [...statusWaiters]) {
        if (w.filter(s)) { statusWaiters.splice(statusWaiters.indexOf(w), 1); w.resolve(s); }
      }
    });
    scanItem.busy = true;
    await client.start();
    if (!vscode.workspace.isTrusted) {
      const started = client;
      context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => {
        if (client === started && started.state === State.Running) void started.sendNotification(WorkspaceTrustedNotification);
      }));
    }
    log(`language server started (${serverModule})`);
  };

  const stopClient = async () => {
    const c = client;
    client = undefined;
    if (c) await c.stop().catch(e => log(`stopping the language server: ${(e as Error).message}`));
  };

  let ready: Promise<void> = readSettings().enable ? startClient() : Promise.resolve();
  ready.catch(e => {
    log(`the language server did not start: ${(e as Error)?.stack ?? e}`);
    void vscode.window.showErrorMessage(`FlowCop: the language server did not start (${(e as Error)?.message ?? e}). See the FlowCop output.`);
  });
  if (!readSettings().enable) scanItem.text = 'FlowCop: disabled';

  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(e => {
    if (!e.affectsConfiguration('flowcop.enable')) return;
    const enable = readSettings().enable;
    if (enable && !client) {
      ready = startClient();
      ready.catch(err => log(`the language server did not start: ${err}`));
    } else if (!enable && client) {
      scanItem.text = 'FlowCop: disabled';
      void stopClient().then(() => store.invalidate());
    }
  }));

  const running = async (): Promise<LanguageClient | undefined> => {
    await ready.catch(() => undefined);
    if (client?.state === State.Running) return client;
    void vscode.window.showWarningMessage('FlowCop is not running (flowcop.enable is off, or the server failed: see the FlowCop output).');
    return undefined;
  };

  // ---- commands -------------------------------------------------------------------------------------------
  const register = (id: string, fn: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await fn(...args);
    } catch (e) {
      log(`${id} failed: ${(e as Error)?.stack ?? e}`);
      void vscode.window.showErrorMessage(`FlowCop: ${(e as Error)?.message ?? e}`);
      return undefined;
    }
  }));

  register('flowcop.showOutput', () => output.show(true));

  register('flowcop.rescan', async () => {
    const c = await running();
    if (!c) return undefined;
    return c.sendRequest<ScanStatus | null>(RescanRequest);
  });

  register('flowcop.refreshViews', () => store.invalidate());

  // The matrix refreshes whenever the views do (after each scan, on an environment switch).
  const matrix = new MatrixPanel(context, async (method, params) => (await running())?.sendRequest(method, params), store.onDidChange, log);
  context.subscriptions.push(matrix, vscode.window.registerWebviewPanelSerializer(MatrixPanel.viewType, { deserializeWebviewPanel: async panel => matrix.restore(panel) }));
  register('flowcop.showEnvironmentMatrix', (arg?: Node | string) => matrix.show(typeof arg === 'string' ? arg : arg?.type === 'solution' ? arg.solution.uniqueName : undefined));

  register('flowcop.cancelScan', async () => {
    if (client?.state === State.Running) await client.sendNotification(CancelScanNotification);
  });

  register('flowcop.switchEnvironment', async (name?: string | null) => {
    const c = await running();
    if (!c) return undefined;
    let chosen: string | null;
    if (name !== undefined) {
      chosen = name === ALL || name === null || name === '' ? null : name;
    } else {
      const { environments } = await c.sendRequest<EnvironmentsResult>(EnvironmentsRequest);
      knownEnvironments = environments;
      const rel = (p: string) => vscode.workspace.asRelativePath(p, true);
      type Item = vscode.QuickPickItem & { value: string | null };
      const toItem = (e: EnvironmentInfo): Item => ({
        label: e.name,
        description: [environment?.toLowerCase() === e.name.toLowerCase() ? 'active' : '', pacMatchDescription(e, pac) ?? '', e.solutions.join(', ')].filter(Boolean).join(' · '),
        detail: [e.files.map(rel).join(', ') || 'no settings file', e.url ?? e.id ?? ''].filter(Boolean).join(' · '),
        value: e.name,
      });
      // pac's active environment comes first (pac/match.ts), when flowcop.json gives it a url or id.
      const ordered = pacFirst(environments, pac.profiles()?.active);
      const pacItem = ordered.length && pacMatchDescription(ordered[0], pac) ? [toItem(ordered.shift()!)] : [];
      const items: Item[] = [
        ...pacItem,
        { label: ALL, description: environment === null ? 'active' : undefined, detail: 'Check the settings of every environment', value: null },
        ...ordered.map(toItem),
      ];
      if (!environments.length) items.push({ label: 'No deployment settings found', description: 'config/<Env>/deploymentSettings.json, deploymentSettings.<env>.json, …', value: null, kind: vscode.QuickPickItemKind.Separator });
      const pick = await vscode.window.showQuickPick(items, { title: 'FlowCop: Switch Environment', placeHolder: 'The environment whose deployment settings FlowCop checks and shows', matchOnDetail: true });
      if (!pick) return undefined;
      chosen = pick.value;
      // Not awaited: the offer stays in the notifications while the switch goes on.
      void offerPacSelect(environments.find(e => e.name === chosen), pac);
    }
    environment = chosen;
    await context.workspaceState.update(ENV_KEY, environment);
    showEnvironment();
    const status = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `FlowCop: checking ${environment ?? 'all environments'}` },
      () => c.sendRequest<ScanStatus | null>(SetEnvironmentRequest, { environment }));
    store.invalidate();
    return status;
  });

  register('flowcop.openDesktopFlowScript', async (arg?: unknown) => {
    const c = await running();
    if (!c) return undefined;
    let flow: ModelDesktopFlow | undefined;
    const node = arg as Node | undefined;
    if (node && typeof node === 'object' && 'type' in node && node.type === 'desktopFlow') flow = node.flow;
    else if (arg && typeof arg === 'object' && 'xmlPath' in arg && 'id' in arg) flow = arg as ModelDesktopFlow;
    else {
      const model = await c.sendRequest<ModelResult>(ModelRequest);
      let flows = model.solutions.flatMap(s => s.desktopFlows.filter(f => f.hasScript).map(f => ({ f, s })));
      if (arg instanceof vscode.Uri) {
        flows = flows.filter(x => [x.f.xmlPath, x.f.scriptPath].some(p => p && path.resolve(p) === path.resolve(arg.fsPath)));
        if (!flows.length) { void vscode.window.showInformationMessage(`${path.basename(arg.fsPath)} holds no desktop flow script FlowCop knows of.`); return undefined; }
      }
      if (!flows.length) { void vscode.window.showInformationMessage('No desktop flow with a script was found in the workspace.'); return undefined; }
      if (flows.length === 1) flow = flows[0].f;
      else {
        const pick = await vscode.window.showQuickPick(flows.map(x => ({ label: x.f.name, description: x.s.displayName, detail: vscode.workspace.asRelativePath(x.f.xmlPath), flow: x.f })),
          { title: 'FlowCop: Open Desktop Flow Script', placeHolder: 'Desktop flow', matchOnDescription: true });
        flow = pick?.flow;
      }
    }
    if (!flow) return undefined;
    // Read-only kinds (YAML Definition, v1 package) are read from scriptPath; the file system provider refuses saves there.
    const uri = scriptUri(flow.scriptPath ?? flow.xmlPath, flow.id, flow.name);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'robin') doc = await vscode.languages.setTextDocumentLanguage(doc, 'robin');
    return vscode.window.showTextDocument(doc, { preview: false });
  });

  register('flowcop.revealDefinition', async (node?: Node) => {
    const loc = node?.type === 'connectionReference' ? node.ref.definition : node?.type === 'environmentVariable' ? node.variable.definition
      : node?.type === 'desktopFlow' ? node.flow.location : undefined;
    if (!loc) return;
    await vscode.window.showTextDocument(locationUri(loc), { selection: locationRange(loc), preview: false });
  });

  register('flowcop.revealUsage', async (node?: Node) => {
    let usage = node?.type === 'usage' ? node.usage : undefined;
    if (node?.type === 'connectionReference') {
      const usages = node.ref.usages;
      if (usages.length > 1) {
        const pick = await vscode.window.showQuickPick(usages.map(u => ({ label: u.flowName, description: u.kind === 'cloud' ? 'cloud flow' : 'desktop flow', u })), { title: `Flows using ${node.ref.displayName}` });
        usage = pick?.u;
      } else usage = usages[0];
      if (!usages.length) void vscode.window.showInformationMessage(`No flow uses ${node.ref.logicalName}.`);
    }
    if (!usage) return;
    await vscode.window.showTextDocument(locationUri(usage.location), { selection: locationRange(usage.location), preview: false });
  });

  register('flowcop.copyLogicalName', async (node?: Node) => {
    const name = node?.type === 'connectionReference' ? node.ref.logicalName : node?.type === 'environmentVariable' ? node.variable.schemaName : undefined;
    if (!name) return;
    await vscode.env.clipboard.writeText(name);
    vscode.window.setStatusBarMessage(`Copied ${name}`, 3000);
  });

  register(Commands.showRuleDocumentation, async (ruleId?: string, docUri?: string) => {
    const uri = docUri ? vscode.Uri.parse(docUri) : vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await vscode.window.showTextDocument(uri, { preview: true });
    }
  });

  register(Commands.revealText, async (uriText: string, text: string) => {
    const uri = vscode.Uri.parse(uriText);
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.getText().indexOf(text);
    const range = at >= 0 ? new vscode.Range(doc.positionAt(at), doc.positionAt(at + text.length)) : new vscode.Range(0, 0, 0, 0);
    await vscode.window.showTextDocument(doc, { selection: range, preview: false });
  });

  register('flowcop.lintSolutionZip', async (arg?: vscode.Uri) => {
    const c = await running();
    if (!c) return undefined;
    const zip = arg instanceof vscode.Uri ? arg : (await vscode.window.showOpenDialog({
      title: 'FlowCop: Lint Solution Zip', canSelectMany: false, filters: { 'Solution zip': ['zip'] }, openLabel: 'Lint',
    }))?.[0];
    if (!zip) return undefined;
    const result = await c.sendRequest<LintZipResult>(LintZipRequest, { path: zip.fsPath });
    if (result.error) { void vscode.window.showWarningMessage(`FlowCop: ${path.basename(zip.fsPath)}: ${result.error}`); return result; }
    void vscode.window.showInformationMessage(`FlowCop: ${result.findings} finding${result.findings === 1 ? '' : 's'} in ${path.basename(zip.fsPath)} (nothing was extracted); see the Problems panel.`);
    if (result.findings) void vscode.commands.executeCommand('workbench.actions.view.problems');
    return result;
  });

  register('flowcop.unpackSolutionZip', async (arg?: vscode.Uri, targetArg?: vscode.Uri, options?: { overwrite?: boolean; open?: boolean }) => {
    const zipUri = arg instanceof vscode.Uri ? arg : (await vscode.window.showOpenDialog({
      title: 'FlowCop: Unpack Solution Zip — the packed solution', canSelectMany: false, filters: { 'Solution zip': ['zip'] }, openLabel: 'Unpack',
    }))?.[0];
    if (!zipUri) return undefined;
    const { zip, entries } = readZipEntries(zipUri.fsPath);
    if (!isSolutionZip(entries)) throw new Error(`${path.basename(zipUri.fsPath)} is not a packed solution (it has no solution.xml)`);
    const parent = targetArg instanceof vscode.Uri ? targetArg : (await vscode.window.showOpenDialog({
      title: 'FlowCop: Unpack Solution Zip — the folder to extract into', canSelectFiles: false, canSelectFolders: true, canSelectMany: false,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(path.dirname(zipUri.fsPath)), openLabel: 'Extract Here',
    }))?.[0];
    if (!parent) return undefined;
    // The whole archive and the target are judged first: a refused archive creates nothing, not even the folder.
    const plan = planExtraction(entries, parent.fsPath, path.basename(zipUri.fsPath).replace(/\.zip$/i, ''));
    if ('unsafe' in plan) {
      const list = plan.unsafe.slice(0, 5).map(u => `${u.entry} (${u.reason})`).join(', ');
      throw new Error(`refusing to unpack ${path.basename(zipUri.fsPath)}: ${plan.unsafe.length} problem${plan.unsafe.length === 1 ? '' : 's'}: ${list}`);
    }
    const target = plan.target;
    if (plan.existing.length) {
      const overwrite = options?.overwrite ?? (await vscode.window.showWarningMessage(
        `${plan.existing.length} file${plan.existing.length === 1 ? '' : 's'} already exist${plan.existing.length === 1 ? 's' : ''} in ${target}. Overwrite ${plan.existing.length === 1 ? 'it' : 'them'}?`,
        { modal: true, detail: plan.existing.slice(0, 10).map(p => path.relative(target, p)).join('\n') }, 'Overwrite')) === 'Overwrite';
      if (!overwrite) return { extracted: 0, target, refused: true };
    }
    // Through the write gate, all or nothing (the target folder is created by the first write).
    const count = extract(zip, plan);
    log(`unpacked ${zipUri.fsPath} into ${target} (${count} files)`);
    const targetUri = vscode.Uri.file(target);
    const inWorkspace = vscode.workspace.getWorkspaceFolder(targetUri);
    if (inWorkspace) {
      const manifest = plan.files.find(f => /(^|[\\/])solution\.xml$/i.test(f.entry));
      if (options?.open !== false) {
        if (manifest) await vscode.window.showTextDocument(vscode.Uri.file(manifest.dest), { preview: true });
        await vscode.commands.executeCommand('revealInExplorer', manifest ? vscode.Uri.file(manifest.dest) : targetUri);
      }
    } else if (options?.open !== false) {
      const choice = await vscode.window.showInformationMessage(`Unpacked ${count} files into ${target}.`, 'Open Folder', 'Add to Workspace');
      if (choice === 'Open Folder') await vscode.commands.executeCommand('vscode.openFolder', targetUri, { forceNewWindow: true });
      else if (choice === 'Add to Workspace') vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri: targetUri });
    }
    return { extracted: count, target, refused: false };
  });

  const api: FlowCopApi = {
    ready: ready.then(() => undefined, () => undefined),
    lastStatus: () => lastStatus,
    nextStatus: (filter = () => true) => new Promise(resolve => statusWaiters.push({ filter, resolve })),
    environment: () => environment,
    statusBarText: () => envItem.text,
    views,
  };
  return api;
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
