#!/usr/bin/env node
// UI test driver: installs the packaged extension (.vsix) into a fresh extensions folder of code-server,
// opens a folder in the workbench in headless Chromium and runs the UI tests, test/e2e/ui/*.ui.mjs.
//
// A UI test is an ES module:  export default async function (t) { await t.step('...', async () => { ... }); }
// where t = { page, wb (a Workbench, see lib.mjs), step(name, fn), screenshot(name), folder (the run's copy of
// the workspace), home and dataHome (code-server's HOME and XDG_DATA_HOME), log }. An optional
// `export async function beforeOpen(t)` runs before the test's window opens (its extension host starts then).
// Each test gets a fresh page; a failing test leaves test-results/<test>-failure.png and the code-server log.
//
// Usage: node scripts/e2e/ui.mjs [--vsix=flowcop.vsix] [--folder=test/e2e/workspace] [test files...]
// Environment: FLOWCOP_E2E_TIMEOUT_MS (default 180000) bounds each test; FLOWCOP_E2E_KEEP=1 keeps the run folder.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ROOT, WORKSPACE, Workbench, log, elapsed, requirePrerequisites, makeRunDir, removeRunDir, makeUserDataDir, copyWorkspace, installVsix,
  startCodeServer, launchBrowser, keepLog, resultPath, memoryReport, withTimeout, codeServerHomes,
} from './lib.mjs';

let vsix = path.join(ROOT, 'flowcop.vsix');
let folder = WORKSPACE;
let tests = [];
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith('--vsix=')) vsix = path.resolve(arg.slice(7));
  else if (arg.startsWith('--folder=')) folder = path.resolve(arg.slice(9));
  else if (!arg.startsWith('-')) tests.push(path.resolve(arg));
  else { console.error(`unknown option ${arg}`); process.exit(2); }
}
if (!tests.length) {
  const dir = path.join(ROOT, 'test/e2e/ui');
  tests = fs.readdirSync(dir).filter(f => f.endsWith('.ui.mjs')).sort().map(f => path.join(dir, f));
}
const TIMEOUT = Number(process.env.FLOWCOP_E2E_TIMEOUT_MS || 180_000);

requirePrerequisites('UI tests');
if (!fs.existsSync(vsix)) { console.error(`[e2e] ${path.relative(ROOT, vsix)} not found; build it with: npm run package`); process.exit(1); }

const runDir = makeRunDir('ui');
const userDataDir = makeUserDataDir(path.join(runDir, 'user-data'));
const extensionsDir = path.join(runDir, 'extensions');
const workspace = copyWorkspace(folder, runDir); // tests may edit and save: never in the checkout
// The default workspace also gets a copy of the bundled example solution (<workspace>/ContosoInvoiceProcessing).
const EXTRA_FOLDERS = [path.join(ROOT, 'examples/ContosoInvoiceProcessing')];
if (folder === WORKSPACE) for (const extra of EXTRA_FOLDERS) fs.cpSync(extra, path.join(workspace, path.basename(extra)), { recursive: true });
const t0 = Date.now();
let server, browser, failed = 0;
const timings = {};
try {
  installVsix(vsix, { runDir, userDataDir, extensionsDir });
  const installed = fs.readdirSync(extensionsDir).filter(d => !d.startsWith('.') && d !== 'extensions.json');
  log(`installed ${path.relative(ROOT, vsix)} -> ${installed.join(', ')} (${elapsed(t0)})`);
  timings.install = elapsed(t0);

  server = await startCodeServer({ runDir, userDataDir, extensionsDir, folder: workspace });
  log(`code-server ${server.url}`);
  browser = await launchBrowser(runDir);
  timings.started = elapsed(t0);

  for (const file of tests) {
    const name = path.basename(file).replace(/\.ui\.mjs$/, '');
    const page = await browser.newPage();
    page.on('pageerror', e => log(`[${name} page error]`, String(e).slice(0, 300)));
    const wb = new Workbench(page);
    const t1 = Date.now();
    const t = {
      page, wb, folder: workspace, ...codeServerHomes(runDir), log,
      async step(title, fn) {
        const s = Date.now();
        await fn();
        log(`  ✓ ${title} (${elapsed(s)})`);
      },
      async screenshot(shot) {
        const p = resultPath(`${shot}.png`);
        await page.screenshot({ path: p });
        log(`  screenshot ${path.relative(ROOT, p)}`);
        return p;
      },
    };
    log(`${name}:`);
    try {
      const { default: run, beforeOpen } = await import(pathToFileURL(file).href);
      if (beforeOpen) await beforeOpen(t);
      await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
      await withTimeout(run(t), TIMEOUT, `UI test ${name}`);
      timings[name] = elapsed(t1);
      log(`${name}: passed (${elapsed(t1)}); memory: ${memoryReport(server)}`);
    } catch (e) {
      failed++;
      console.error(`[e2e] ${name}: FAILED: ${e?.stack ?? e}`);
      await page.screenshot({ path: resultPath(`${name}-failure.png`) }).then(() => log(`  screenshot test-results/${name}-failure.png`), () => {});
    } finally {
      await page.close().catch(() => {});
    }
  }
} catch (e) {
  failed++;
  console.error('[e2e] harness error:', e);
} finally {
  if (failed) keepLog(server, 'ui', runDir);
  await browser?.close().catch(() => {});
  await server?.stop();
  if (!failed) removeRunDir(runDir); else log('run folder kept:', path.relative(ROOT, runDir));
}
console.log(failed
  ? `[e2e] FAILED: ${failed} of ${tests.length} UI test(s)`
  : `[e2e] PASSED: ${tests.length} UI test(s) (${elapsed(t0)}; ${Object.entries(timings).map(([k, v]) => `${k} ${v}`).join(', ')})`);
process.exitCode = failed ? 1 : 0;
