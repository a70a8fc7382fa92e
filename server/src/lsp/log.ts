// Logging and guards of the language server. No handler may take the server down: each runs under a guard
// that logs its error and answers a fallback. The client's output channel "FlowCop" adds the time stamps;
// paths and names in log lines come from the workspace, so control characters are shown escaped (util/terminal.ts).
import { escapeText } from '../util/terminal';

export interface LogSink {
  info(message: string): void;
  error(message: string): void;
}

export class Guards {
  constructor(private readonly sink: LogSink) {}

  log(message: string): void {
    this.sink.info(escapeText(message));
  }

  logError(where: string, e: unknown): void {
    this.sink.error(`${escapeText(where)} failed: ${String((e as Error)?.stack ?? e).split('\n').map(escapeText).join('\n')}`);
  }

  guard<T>(where: string, fallback: T, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      this.logError(where, e);
      return fallback;
    }
  }

  async guardAsync<T>(where: string, fallback: T, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      this.logError(where, e);
      return fallback;
    }
  }
}
