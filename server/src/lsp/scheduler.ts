// When the session lints: edits are debounced (a burst of keystrokes makes one re-lint of the units they
// touch), a whole-workspace scan replaces any pending unit re-lints, and only one run happens at a time
// (a run that comes due while another is running waits for the next turn). Timers are injectable so that
// tests can use short delays.
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const NODE_TIMERS: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: handle => clearTimeout(handle as NodeJS.Timeout),
};

export interface ScheduledWork {
  /** Scans the whole workspace. */
  full(reason: string): Promise<unknown>;
  /** Re-lints these units (by key). */
  units(keys: string[]): void;
  /** A run threw: log it (the next run still happens). */
  failed(e: unknown): void;
}

export class Scheduler {
  private readonly pending = new Set<string>();
  private fullPending = false;
  private fullReason = '';
  private timer: unknown;
  private running = false;

  constructor(private readonly work: ScheduledWork, private readonly debounceMs: number, private readonly timers: Timers = NODE_TIMERS) {}

  /** (Re)starts the debounce: the pending work runs `ms` after the last call. */
  arm(ms = this.debounceMs): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => { this.timer = undefined; void this.runPending(); }, ms);
  }

  /** Re-lint these units after the debounce (`ms`, by default the scheduler's). */
  addUnits(keys: readonly string[], ms = this.debounceMs): void {
    for (const k of keys) this.pending.add(k);
    if (keys.length) this.arm(ms);
  }

  /** Whether nothing runs and nothing waits: no unit re-lint, no scan. */
  get idle(): boolean {
    return !this.running && !this.fullPending && this.pending.size === 0;
  }

  /** Whether any of these units waits for a re-lint (or a whole scan is due). */
  isPending(keys: readonly string[]): boolean {
    return this.fullPending || keys.some(k => this.pending.has(k));
  }

  /** Scan the whole workspace after `ms` (the pending unit re-lints are part of it). */
  scheduleFull(reason: string, ms = this.debounceMs): void {
    this.fullPending = true;
    this.fullReason = reason;
    this.arm(ms);
  }

  /** Takes the given units out of the waiting list (the caller lints them now); returns those that were waiting. */
  takePending(keys: readonly string[]): string[] {
    const taken = keys.filter(k => this.pending.has(k));
    for (const k of taken) this.pending.delete(k);
    return taken;
  }

  /** Runs `fn` as the only run (waiting for the current one to end), in place of whatever was waiting. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.running) await new Promise(resolve => this.timers.set(() => resolve(undefined), 20));
    this.running = true;
    try {
      this.pending.clear();
      this.fullPending = false;
      return await fn();
    } finally {
      this.running = false;
    }
  }

  /** Stops the timer (the session is shutting down). */
  dispose(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  private async runPending(): Promise<void> {
    if (this.running) { this.arm(); return; }
    this.running = true;
    try {
      if (this.fullPending) {
        this.fullPending = false;
        this.pending.clear();
        await this.work.full(this.fullReason || 'files changed');
      } else if (this.pending.size) {
        const keys = [...this.pending];
        this.pending.clear();
        this.work.units(keys);
      }
    } catch (e) {
      this.work.failed(e);
    } finally {
      this.running = false;
      if (this.fullPending || this.pending.size) this.arm();
    }
  }
}
