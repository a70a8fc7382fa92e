// Runs the warm-up steps (warm-up.ts) once per session, one step per turn of the event loop so that incoming
// messages are handled between steps. A step is one re-lint and cannot be interrupted, so one starts only when the
// client has been quiet for a while (a message that just came is often followed by a keystroke) and no lint or
// publication waits or runs; the first edit stops the warm-up for good. An editor that opens on a flow gets that
// flow's steps at once (warmOpened): typing often starts as soon as the opening's diagnostics show, with no quiet
// turn left for the idle steps.
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
  /** The flows warmed as their editor opened: their idle steps are skipped. */
  private readonly warmedAtOpen = new Set<string>();
  /** Steps that re-linted an edit so far, by the path they warm: the code is the same whatever flow it runs on. */
  private readonly warmed = { script: 0, cloud: 0 };

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
      if (!this.warmedAtOpen.has(step.flowPath) && this.runStep(step)) relinted++;
      ms += this.now() - t0;
      ran++;
      if (ran < list.length) this.timer = this.timers.set(next, 0);
      else done(relinted, ms);
    };
    this.timer = this.timers.set(next, 0);
  }

  /**
   * An editor opened on the flow stored in `flowPath`: its steps run now, one after another, until they end or
   * `budgetMs` has passed (the caller publishes the opening's diagnostics after, and asks only while no lint waits);
   * the steps left over are dropped. The steps of its kind that already ran (idle, or for another flow) count: only
   * the last of its steps make up the rest, none once the idle steps are all done. Once per flow and session, also
   * after an edit stopped the idle steps. Returns what ran, or undefined when nothing did.
   */
  warmOpened(flowPath: string, steps: () => WarmUpStep[], budgetMs: number): { relinted: number; ms: number } | undefined {
    if (!this.enabled || this.warmedAtOpen.has(flowPath)) return undefined;
    const t0 = this.now();
    const list = this.guards.guard('warm-up', [], steps);
    // A flow the engine does not hold yet (opened before the scan) is warmed at a later opening.
    if (!list.length) return undefined;
    this.warmedAtOpen.add(flowPath);
    let relinted = 0;
    for (const step of list.slice(Math.min(list.length, this.warmed[list[0].kind]))) {
      if (this.now() - t0 >= budgetMs) break;
      if (this.runStep(step)) relinted++;
    }
    return relinted ? { relinted, ms: this.now() - t0 } : undefined;
  }

  private runStep(step: WarmUpStep): boolean {
    const relinted = this.guards.guard('warm-up', false, step);
    if (relinted) this.warmed[step.kind]++;
    return relinted;
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
