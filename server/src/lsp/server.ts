// The language server's wiring: the `vscode-languageserver` connection's events go to a Session (session.ts),
// which does the work; nothing else happens here.
import {
  CodeAction, CodeActionParams, createConnection, DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
  DidOpenTextDocumentParams, Hover, HoverParams, InitializeParams, InitializeResult, ProposedFeatures, PublishDiagnosticsParams,
  WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import {
  CancelScanNotification, EnvironmentsRequest, LintZipParams, LintZipRequest, MatrixEditParams, MatrixEditRequest, MatrixParams, MatrixRequest,
  ModelRequest, RescanRequest, SetEnvironmentParams, SetEnvironmentRequest, WorkspaceTrustedNotification,
} from './protocol';
import { Guards } from './log';
import { ProgressReporter, Session, SessionOptions } from './session';

/** The part of the `vscode-languageserver` connection the server uses (a test passes a fake one). */
export interface ServerConnection {
  onInitialize(handler: (params: InitializeParams) => InitializeResult): unknown;
  onInitialized(handler: () => void): unknown;
  onDidOpenTextDocument(handler: (params: DidOpenTextDocumentParams) => void): unknown;
  onDidChangeTextDocument(handler: (params: DidChangeTextDocumentParams) => void): unknown;
  onDidCloseTextDocument(handler: (params: DidCloseTextDocumentParams) => void): unknown;
  onDidChangeWatchedFiles(handler: (params: DidChangeWatchedFilesParams) => void): unknown;
  onDidChangeConfiguration(handler: () => void): unknown;
  onCodeAction(handler: (params: CodeActionParams) => CodeAction[]): unknown;
  onCodeActionResolve(handler: (action: CodeAction) => CodeAction): unknown;
  onHover(handler: (params: HoverParams) => Hover | null): unknown;
  // `any` parameters: the shape of the library's handlers for custom methods.
  onRequest(method: string, handler: (...params: any[]) => unknown): unknown;
  onNotification(method: string, handler: (...params: any[]) => void): unknown;
  sendDiagnostics(params: PublishDiagnosticsParams): unknown;
  sendNotification(method: string, params: unknown): unknown;
  console: { info(message: string): void; error(message: string): void };
  window: { createWorkDoneProgress(): Promise<ProgressReporter>; showWarningMessage(message: string): unknown };
  workspace: { getConfiguration(section: string): Promise<unknown>; onDidChangeWorkspaceFolders(handler: (e: WorkspaceFoldersChangeEvent) => void): unknown };
}

/** A session serving the connection's events. */
export function connectSession(connection: ServerConnection, options?: SessionOptions): Session {
  const session = new Session({
    sendDiagnostics: params => void connection.sendDiagnostics(params),
    sendNotification: (method, params) => void connection.sendNotification(method, params),
    log: connection.console,
    showWarning: message => void connection.window.showWarningMessage(message),
    getConfiguration: section => connection.workspace.getConfiguration(section),
    createProgress: () => connection.window.createWorkDoneProgress(),
  }, options);

  connection.onInitialize(params => session.initialize(params));
  connection.onInitialized(() => {
    if (session.wantsFolderEvents) connection.workspace.onDidChangeWorkspaceFolders(e => session.workspaceFoldersChanged(e));
    void session.initialized();
  });

  connection.onDidOpenTextDocument(p => session.didOpen(p.textDocument));
  connection.onDidChangeTextDocument(p => session.didChange(p.textDocument.uri, p.textDocument.version, p.contentChanges));
  connection.onDidCloseTextDocument(p => session.didClose(p.textDocument.uri));
  connection.onDidChangeWatchedFiles(p => session.watchedFilesChanged(p.changes));
  connection.onDidChangeConfiguration(() => void session.configurationChanged());
  connection.onNotification(WorkspaceTrustedNotification, () => void session.trustGranted());
  connection.onNotification(CancelScanNotification, () => session.cancelScan());

  connection.onCodeAction(params => session.codeActions(params));
  connection.onCodeActionResolve(action => session.resolveCodeAction(action));
  connection.onHover(params => session.hover(params));

  connection.onRequest(EnvironmentsRequest, () => session.environments());
  connection.onRequest(SetEnvironmentRequest, (params: SetEnvironmentParams) => session.setEnvironment(params));
  connection.onRequest(RescanRequest, () => session.rescan());
  connection.onRequest(ModelRequest, () => session.model());
  connection.onRequest(LintZipRequest, (params: LintZipParams) => session.lintZip(params));
  connection.onRequest(MatrixRequest, (params: MatrixParams | undefined) => session.matrix(params));
  connection.onRequest(MatrixEditRequest, (params: MatrixEditParams | undefined) => session.matrixEdit(params));
  return session;
}

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const session = connectSession(connection);
  const guards = new Guards(connection.console);
  process.on('uncaughtException', e => guards.logError('(uncaught)', e));
  process.on('unhandledRejection', e => guards.logError('(unhandled promise)', e));
  connection.onShutdown(() => session.dispose());
  connection.listen();
}
