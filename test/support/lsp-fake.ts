// A fake language-server connection for in-process session tests: records what the session sends;
// `request`/`notify` call the handlers the session registered, by LSP method name.
import assert from 'node:assert/strict';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import type { ScanStatus } from '../../server/src/lsp/protocol';
import type { ServerConnection } from '../../server/src/lsp/server';

type Handler = (...params: any[]) => unknown;

/** Records what the session sends; `request`/`notify` call the handlers the session registered, by LSP method name. */
export class FakeConnection implements ServerConnection {
  private readonly handlers = new Map<string, Handler>();
  readonly notifications: Array<{ method: string; params: any }> = [];
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  /** What workspace/configuration answers for `flowcop`. */
  configuration: Record<string, unknown> = {};

  private on(method: string) {
    return (handler: Handler) => { this.handlers.set(method, handler); };
  }
  onInitialize = this.on('initialize');
  onInitialized = this.on('initialized');
  onDidOpenTextDocument = this.on('textDocument/didOpen');
  onDidChangeTextDocument = this.on('textDocument/didChange');
  onDidCloseTextDocument = this.on('textDocument/didClose');
  onDidChangeWatchedFiles = this.on('workspace/didChangeWatchedFiles');
  onDidChangeConfiguration = this.on('workspace/didChangeConfiguration');
  onCodeAction = this.on('textDocument/codeAction');
  onCodeActionResolve = this.on('codeAction/resolve');
  onHover = this.on('textDocument/hover');
  onRequest(method: string, handler: Handler) { this.handlers.set(method, handler); }
  onNotification(method: string, handler: Handler) { this.handlers.set(method, handler); }
  sendDiagnostics(params: PublishDiagnosticsParams) { this.published.push(params); }
  sendNotification(method: string, params: unknown) { this.notifications.push({ method, params }); }
  console = { info: (m: string) => { this.logs.push(m); }, error: (m: string) => { this.errors.push(m); } };
  window = {
    createWorkDoneProgress: () => Promise.reject(new Error('no progress in the fake')),
    showWarningMessage: (m: string) => { this.warnings.push(m); },
  };
  workspace = {
    getConfiguration: async () => this.configuration,
    onDidChangeWorkspaceFolders: this.on('workspace/didChangeWorkspaceFolders'),
  };

  async request<T>(method: string, params?: unknown): Promise<T> {
    const handler = this.handlers.get(method);
    assert.ok(handler, `the session handles ${method}`);
    return await handler(params) as T;
  }

  notify(method: string, params?: unknown): void {
    const handler = this.handlers.get(method);
    assert.ok(handler, `the session handles ${method}`);
    handler(params);
  }

  /** The last diagnostics published for a URI. */
  diagnostics(uri: string): Diagnostic[] | undefined {
    return [...this.published].reverse().find(p => p.uri === uri)?.diagnostics;
  }

  statuses(): ScanStatus[] {
    return this.notifications.filter(n => n.method === 'flowcop/scanStatus').map(n => n.params as ScanStatus);
  }

  open(uri: string, text: string, languageId = 'robin', version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }
}

/** Polls `probe` every 5 ms until it gives a value; fails the test after `timeoutMs`, naming `what` it waited for. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - t0 > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}
