// A minimal LSP client over a child process's stdio (vscode-jsonrpc): starts the real server, answers
// the requests the server sends to clients, records what it publishes and logs, and watches the process.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface PublishedDiagnostics {
  uri: string;
  diagnostics: Array<{ range: LspRange; message: string; source?: string; data?: unknown }>;
}

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, PublishedDiagnostics['diagnostics']>();
  /** Every diagnostics publication, in order (for checks that do not depend on the text). */
  publications = 0;
  /** window/logMessage errors: a guarded handler threw (the server logs "<where> failed: <stack>"). */
  readonly errorLogs: string[] = [];
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  stderr = '';
  private readonly child: ChildProcess;

  /** `nodeArgs`: extra Node.js options for the server process (e.g. --prof to find where it stalls). */
  constructor(serverModule: string, cwd: string, nodeArgs: string[] = []) {
    this.child = spawn(process.execPath, [...nodeArgs, serverModule, '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.on('exit', (code, signal) => { this.exit = { code, signal }; });
    this.child.stderr!.on('data', (d: Buffer) => { this.stderr = (this.stderr + d.toString()).slice(-20_000); });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.publications++;
      this.diagnostics.set(p.uri, p.diagnostics);
    });
    this.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) this.errorLogs.push(p.message);
    });
    // Requests a client must answer: configuration, progress tokens, registrations, message boxes.
    this.connection.onRequest((method: string) => {
      if (method === 'workspace/configuration') return [{ enable: true, rules: { customizations: [] }, getCredentialTemplate: '' }];
      return null;
    });
    this.connection.onError(() => undefined);
    this.connection.onClose(() => undefined);
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Resident set size of the server process, in KB (Linux /proc). */
  rssKb(): number | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
      return m ? Number(m[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Sends a request; resolves to its result, or to the ResponseError it failed with. Rejects on timeout. */
  async request(method: string, params: unknown, timeoutMs = 20_000): Promise<{ result?: unknown; error?: ResponseError<unknown> }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${method}: no answer within ${timeoutMs} ms`)), timeoutMs); });
    try {
      const result = await Promise.race([this.connection.sendRequest(method, params), timeout]);
      return { result };
    } catch (e) {
      if (e instanceof ResponseError) return { error: e };
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  async stop(): Promise<void> {
    if (!this.exit) {
      await this.request('shutdown', null, 5000).catch(() => undefined);
      this.notify('exit', null);
      await new Promise<void>(resolve => {
        const t = setTimeout(() => { if (!this.exit) this.child.kill('SIGKILL'); resolve(); }, 3000);
        this.child.once('exit', () => { clearTimeout(t); resolve(); });
      });
    }
    this.connection.dispose();
  }
}
