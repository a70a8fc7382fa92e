// Runs one measured child process: wall time from spawn to exit, and its peak RSS and CPU time through
// rss-probe.cjs (CPU time is the steadier figure while other work shares the cores).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const probe = fileURLToPath(new URL('./rss-probe.cjs', import.meta.url));

/** Runs `node ...args`; resolves { ms, cpuMs, rssMiB, code, stdout, stderr }. */
export function runNode(args, { cwd } = {}) {
  const rssFile = path.join(os.tmpdir(), `flowcop-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const env = { ...process.env, FLOWCOP_BENCH_RSS: rssFile, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(probe)}`.trim(), NO_COLOR: '1' };
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', d => out.push(d));
    child.stderr.on('data', d => err.push(d));
    child.on('error', reject);
    child.on('close', code => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      let rssKiB = NaN;
      let cpuMicros = NaN;
      try {
        const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n').map(l => l.split(' ').map(Number));
        rssKiB = Math.max(...lines.map(l => l[0]));
        cpuMicros = lines.reduce((sum, l) => sum + l[1], 0);
        fs.rmSync(rssFile);
      } catch { /* no probe output: the figures stay NaN */ }
      resolve({ ms, cpuMs: cpuMicros / 1000, rssMiB: rssKiB / 1024, code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
