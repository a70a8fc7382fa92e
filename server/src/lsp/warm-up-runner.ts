// Runs the warm-up steps (warm-up.ts) once per session, one step per turn of the event loop so that incoming
// messages are handled between steps. A step is one re-lint and cannot be interrupted, so one starts only when the
// client has been quiet for a while (a message that just came is often followed by a keystroke) and no lint or
// publication waits or runs; the first edit stops the warm-up for good.
import type { Guards } from './log';
import type { Timers } from './scheduler';
import type { WarmUpStep } from './warm-up';

/** How long the client must have sent nothing before a step starts; also how long to wait before asking again. */
export const QUIET_MS = 150;

export class WarmUp {
  private started = false;
  private stopped = false;
  private timer: unknown;
  private lastMessage = -Infinity;

  constructor(private readonly enabled: boolean, private readonly timers: Timers, private readonly guards: Guards, private readonly now: () => number = Date.now) {}

  /**
   * Starts the steps the first time it is called (later calls do nothing); `mayRun` is asked before each step (none
   * runs while a lint or publication waits or runs), `done` hears how many steps re-linted an edit and how long they took in all.
   */
  startOnce(steps: () => WarmUpStep[], mayRun: () => boolean, done: (relinted: number, ms: number) => void): void {
    if (!this.enabled || this.started || this.stopped) return;
    this.started = true;
    let list: WarmUpStep[] | undefined;
    let ran = 0, relinted = 0, ms = 0;
    const next = () => {
      this.timer = undefined;
      if (this.stopped) return;
      const quietFor = this.now() - this.lastMessage;
      if (quietFor < QUIET_MS) { this.timer = this.timers.set(next, QUIET_MS - Math.max(0, quietFor)); return; }
      if (!mayRun()) { this.timer = this.timers.set(next, QUIET_MS); return; }
      const t0 = this.now();
      list ??= this.guards.guard('warm-up', [], steps);
      const step = list[ran];
      if (!step) return;
      if (this.guards.guard('warm-up', false, step)) relinted++;
      ms += this.now() - t0;
      ran++;
      if (ran < list.length) this.timer = this.timers.set(next, 0);
      else done(relinted, ms);
    };
    this.timer = this.timers.set(next, 0);
  }

  /** The client sent something (an open, a close, a request): the next step waits until it has been quiet again. */
  noteMessage(): void {
    this.lastMessage = this.now();
  }

  /** No more steps (an edit came). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }
}
