#!/usr/bin/env node
// Runs a mocha suite INSIDE the extension host of a real VS Code (code-server in headless Chromium),
// the way @vscode/test-electron does with desktop VS Code: the workbench page is opened with the payload
// [extensionDevelopmentPath, extensionTestsPath]; the suite's `run()` is called in the extension host;
// its output arrives through window.codeAutomationLog and the exit code through window.codeAutomationExit.
//
// Usage: node scripts/e2e/ext-host.mjs [--extensionDevelopmentPath=DIR] [--extensionTestsPath=FILE] [FOLDER]
//   defaults: the repository, out/e2e/suite/index.js (node scripts/build.mjs --no-bundles --e2e), test/e2e/workspace
// Environment: FLOWCOP_E2E_TIMEOUT_MS (default 180000) bounds the whole run; VERBOSE=1 shows all workbench
//   output; FLOWCOP_E2E_KEEP=1 keeps the run folder; FLOWCOP_E2E_GREP filters tests (read by the suite);
//   FLOWCOP_E2E_RESULTS (default test-results/ext-host-results.json) receives the suite's JSON summary.
// The folder is copied into the run folder first, so tests may edit and save files freely.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import {
  ROOT, WORKSPACE, log, elapsed, requirePrerequisites, makeRunDir, removeRunDir, makeUserDataDir, copyWorkspace, startCodeServer,
  launchBrowser, keepLog, resultPath, memoryReport, withTimeout,
} from './lib.mjs';

let devPath = ROOT;
let testsPath = path.join(ROOT, 'out/e2e/suite/index.js');
let folder = WORKSPACE;
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith('--extensionDevelopmentPath=')) devPath = path.resolve(arg.slice(arg.indexOf('=') + 1));
  else if (arg.startsWith('--extensionTestsPath=')) testsPath = path.resolve(arg.slice(arg.indexOf('=') + 1));
  else if (!arg.startsWith('-')) folder = path.resolve(arg);
  else { console.error(`unknown option ${arg}`); process.exit(2); }
}
const TIMEOUT = Number(process.env.FLOWCOP_E2E_TIMEOUT_MS || 180_000);

requirePrerequisites('extension-host tests');
for (const [what, p] of [['extension tests', testsPath], ['extension manifest', path.join(devPath, 'package.json')], ['folder', folder]]) {
  if (!fs.existsSync(p)) {
    console.error(`[e2e] ${what} not found: ${p}${what === 'extension tests' ? '  (build it: node scripts/build.mjs --no-bundles --e2e)' : ''}`);
    process.exit(1);
  }
}
const main = JSON.parse(fs.readFileSync(path.join(devPath, 'package.json'), 'utf8')).main;
if (main && !fs.existsSync(path.join(devPath, main))) {
  console.error(`[e2e] the extension's main ${main} does not exist (build it: node scripts/build.mjs)`);
  process.exit(1);
}

// Lines the workbench logs on every start that say nothing about the tests.
const NOISE = /^(Ignoring fetching additional builtin|Updating additional builtin|Resolv|Creating a socket|\[reconnection-grace|\[Service Worker|\[AgentHost|\[AccountPolicyGate|Started initializing|Started local extension host|Extension host|\[Extension Host\] (Loading development extension|Skipping)|Failed to load resource: the server responded with a status of 404 \(Not Found\)|.*vsda|Timed out waiting for authentication provider|No search provider registered|Creation of workbench contribution)/;

const runDir = makeRunDir('ext-host');
const userDataDir = makeUserDataDir(path.join(runDir, 'user-data'));
const workspace = fs.statSync(folder).isDirectory() ? copyWorkspace(folder, runDir) : folder;
// The default workspace also gets a copy of the bundled example solution (<workspace>/ContosoInvoiceProcessing).
const EXTRA_FOLDERS = [path.join(ROOT, 'examples/ContosoInvoiceProcessing')];
if (folder === WORKSPACE) for (const extra of EXTRA_FOLDERS) fs.cpSync(extra, path.join(workspace, path.basename(extra)), { recursive: true });
const extensionsDir = path.join(runDir, 'extensions'); // empty: only the extension under development is loaded
fs.mkdirSync(extensionsDir, { recursive: true });

// The suite writes a JSON summary here (the variable reaches the extension host through code-server).
process.env.FLOWCOP_E2E_RESULTS ??= resultPath('ext-host-results.json');

let server, browser, page, exitCode = 1;
const t0 = Date.now();
try {
  // A built workbench ignores the test payload unless the smoke-test driver is enabled.
  server = await startCodeServer({ runDir, userDataDir, extensionsDir, folder: workspace, extraArgs: ['--vscode-option', 'enable-smoke-test-driver'] });
  log(`code-server ${server.url} (${elapsed(t0)})`);
  browser = await launchBrowser(runDir);
  page = browser.pages()[0] ?? await browser.newPage();

  let resolveExit;
  const exited = new Promise(resolve => { resolveExit = resolve; });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const line = util.format(...(Array.isArray(args) ? args : [args]));
    if (process.env.VERBOSE || !NOISE.test(line)) console.log(type === 'error' ? `[ext-host:error] ${line}` : line);
  });
  await page.exposeFunction('codeAutomationExit', code => resolveExit(code));
  if (process.env.VERBOSE) page.on('console', m => console.log('[page]', m.text().slice(0, 400)));
  page.on('pageerror', e => log('[page error]', String(e).slice(0, 300)));

  const remote = p => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(devPath)], ['extensionTestsPath', remote(testsPath)], ['skipWelcome', 'true']];
  await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  log(`workbench opened on a copy of ${path.relative(ROOT, folder) || folder}; running ${path.relative(ROOT, testsPath) || testsPath}`);

  try {
    exitCode = await withTimeout(exited, TIMEOUT, 'the extension-host test run');
    log(`extension host reported exit code ${exitCode} after ${elapsed(t0)}`);
  } catch (e) {
    log(`${e.message ?? e}: the suite reported no exit code (did run() hang? VERBOSE=1 shows the workbench log)`);
    exitCode = 1;
  }
  log(`memory: ${memoryReport(server)}`);
} catch (e) {
  console.error('[e2e] harness error:', e);
  exitCode = 1;
} finally {
  if (exitCode !== 0) {
    if (page) {
      const shot = resultPath('ext-host-failure.png');
      await page.screenshot({ path: shot }).then(() => log('screenshot kept:', path.relative(ROOT, shot)), () => {});
    }
    keepLog(server, 'ext-host', runDir);
  }
  await browser?.close().catch(() => {});
  await server?.stop();
  if (exitCode === 0) removeRunDir(runDir); else log('run folder kept:', path.relative(ROOT, runDir));
}
console.log(exitCode === 0 ? `[e2e] PASSED: extension-host tests (${elapsed(t0)})` : `[e2e] FAILED: extension-host tests (exit code ${exitCode})`);
process.exitCode = exitCode === 0 ? 0 : 1;
