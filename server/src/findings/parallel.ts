// The streaming lint on worker threads: the main thread plans the run (stream.ts), hands one task at a
// time to each idle worker and merges what comes back. Results are sorted as a one-thread run sorts
// them, so the report is the same whatever the number of workers. A worker that fails leaves its task
// to the main thread: the run never loses a unit.
import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DiskVfs } from '../load/vfs';
import { releaseHeapAbove, WORKER_HEAP_THRESHOLD_BYTES, WORKER_RESOURCE_LIMITS } from './heap';
import { ConfigResolver, loadConfigFile } from './config';
import { Recording, recordingEnv } from './cache-record';
import { mergeTimings, newTimings, timed, Timings } from './timing';
import { collect, finishResult, LintTask, planRun, RunShared, runTask, startResult, StreamOptions, StreamResult, TaskEnv, taskEnv, TaskResult } from './stream';

export interface ParallelOptions extends StreamOptions {
  /** Worker threads; 1 lints on this thread. */
  jobs: number;
  /** The script a worker runs: one that calls `runLintWorker()` when `isLintWorker()`. */
  workerFile: string;
  /** The `--config` file, which each worker reads again. */
  configFile?: string;
}

/** `timing`: each reply carries the task's timings, which the main thread adds to the run's. */
interface WorkerInput { flowcopLintWorker: true; shared: RunShared; configFile?: string; record: boolean; timing: boolean }
type WorkerResult = { result: TaskResult; recording?: Recording; timings?: Timings };
type WorkerReply = ({ index: number } & WorkerResult) | { index: number; error: string };
/** A task for a worker; `record`: note what it reads, for the cache. */
interface WorkerTask { index: number; task: LintTask; record: boolean }

/**
 * One worker per core but one (as Jest does): the main thread and V8's garbage-collection threads need
 * a core too. On 2 cores two workers were 5% faster than one thread for 20% more CPU and 80% more memory.
 */
export function defaultJobs(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, cores - 1);
}

export async function lintParallel(paths: string[], options: ParallelOptions): Promise<StreamResult> {
  const { timings } = options;
  const plan = timed(timings, 'discover', () => planRun(paths, options));
  const result = startResult(plan);
  const { cache } = options;
  cache?.rekey(result.findings);
  const results: Array<TaskResult | undefined> = new Array(plan.tasks.length);
  let localEnv: TaskEnv | undefined;
  const env = () => (localEnv ??= { ...taskEnv(plan.shared, options.vfs, plan.configs, plan.pipelines), timings });
  let done = 0;
  const runHere = (index: number) => {
    results[index] = cache ? cache.run(plan.tasks[index], env(), runTask) : runTask(plan.tasks[index], env());
    releaseHeapAbove();
  };
  const progress = () => options.onProgress?.(++done, plan.tasks.length);
  // Units the cache answers (checked here, reading each file once) are not handed to a worker.
  const pending: number[] = [];
  plan.tasks.forEach((task, index) => {
    const cached = cache?.lookup(task, env());
    if (cached) { results[index] = cached; progress(); } else pending.push(index);
  });
  const jobs = Math.min(options.jobs, pending.length);
  if (jobs <= 1) pending.forEach(index => { runHere(index); progress(); });
  else {
    const received = (index: number, reply: WorkerResult) => {
      if (timings && reply.timings) mergeTimings(timings, reply.timings);
      results[index] = cache && reply.recording ? cache.store(plan.tasks[index], env(), reply.result, reply.recording) : reply.result;
    };
    await runOnWorkers(plan.tasks, pending, jobs, { flowcopLintWorker: true, shared: plan.shared, configFile: options.configFile, record: !!cache, timing: !!timings },
      options.workerFile, results, received, runHere, progress);
  }
  cache?.save();
  for (const r of results) collect(result, r!);
  return finishResult(result);
}

/** Runs the tasks whose indices are `pending` on `jobs` workers; results land at the same indices. */
function runOnWorkers(tasks: LintTask[], pending: number[], jobs: number, input: WorkerInput, workerFile: string, results: Array<TaskResult | undefined>,
  received: (index: number, reply: WorkerResult) => void, runHere: (index: number) => void, progress: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let settled = 0;
    const workers: Worker[] = [];
    const finishOne = () => {
      progress();
      if (++settled < pending.length) return;
      for (const w of workers) void w.terminate();
      resolve();
    };
    const start = () => {
      const worker = new Worker(workerFile, { workerData: input, resourceLimits: WORKER_RESOURCE_LIMITS });
      workers.push(worker);
      let current: number | undefined;
      const give = () => {
        if (next >= pending.length) { current = undefined; void worker.terminate(); return; }
        current = pending[next++];
        worker.postMessage({ index: current, task: tasks[current], record: input.record } satisfies WorkerTask);
      };
      // A worker that dies or fails a task: the main thread runs that task, and the worker gets no more.
      // If the main thread fails it too, the run fails as a one-thread run would (the caller reports it).
      const fallBack = () => {
        const lost = current;
        current = undefined;
        worker.removeAllListeners();
        void worker.terminate();
        try {
          if (lost !== undefined && results[lost] === undefined) { runHere(lost); finishOne(); }
          // Tasks nobody else will take.
          if (workers.every(w => w === worker || w.listenerCount('message') === 0)) {
            while (next < pending.length) { runHere(pending[next++]); finishOne(); }
          }
        } catch (e) {
          for (const w of workers) void w.terminate();
          reject(e);
        }
      };
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) { fallBack(); return; }
        received(reply.index, reply);
        give();
        finishOne();
      });
      worker.on('error', fallBack);
      worker.on('exit', () => { if (current !== undefined) fallBack(); });
      give();
    };
    for (let k = 0; k < jobs; k++) start();
  });
}

/** Whether this thread was started by lintParallel. */
export function isLintWorker(): boolean {
  return !isMainThread && !!(workerData as WorkerInput | undefined)?.flowcopLintWorker;
}

/** A worker's loop: rebuild the run's shared state once, then lint each task it is given. */
export function runLintWorker(): void {
  const input = workerData as WorkerInput;
  const vfs = new DiskVfs();
  const config = input.configFile ? loadConfigFile(vfs, input.configFile) : undefined;
  const configs = new ConfigResolver(vfs, config && !('error' in config) ? config : undefined);
  const env = taskEnv(input.shared, vfs, configs);
  parentPort!.on('message', ({ index, task, record }: WorkerTask) => {
    let reply: WorkerReply;
    // Fresh per task: the main thread adds each reply's timings once.
    const timings = input.timing ? newTimings() : undefined;
    const envOfTask = timings ? { ...env, timings } : env;
    try {
      if (record) {
        const recording = recordingEnv(envOfTask);
        const result = runTask(task, recording.env);
        reply = { index, result, recording: recording.finish(), timings };
      } else {
        reply = { index, result: runTask(task, envOfTask), timings };
      }
    } catch (e) {
      reply = { index, error: (e as Error)?.message ?? String(e) };
    }
    parentPort!.postMessage(reply);
    releaseHeapAbove(WORKER_HEAP_THRESHOLD_BYTES);
  });
}
