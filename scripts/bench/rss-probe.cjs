// Preloaded into a measured child (NODE_OPTIONS=--require …): appends the process's peak RSS in KiB and
// its CPU time in µs (user + system, every thread) to the file named by FLOWCOP_BENCH_RSS when it exits. Node does not expose a child's wait4 rusage, and
// /usr/bin/time may be missing; a child that spawns node children appends one line each (the bench takes the max RSS and the summed CPU).
const { isMainThread } = require('node:worker_threads');
const fs = require('node:fs');

const target = process.env.FLOWCOP_BENCH_RSS;
if (isMainThread && target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    try { fs.appendFileSync(target, `${usage.maxRSS} ${usage.userCPUTime + usage.systemCPUTime}\n`); } catch { /* the measurement is lost, not the run */ }
  });
}
