// Shared pieces of FlowCop's end-to-end harness: a real VS Code workbench (code-server, i.e. VS Code for
// the browser, from the npm registry) driven by headless Chromium through playwright-core.
//
// Everything lives under the git-ignored .vscode-test/ (installed by scripts/e2e/install.sh): Node 24,
// code-server, and one throwaway folder per run (user data, extensions, HOME, browser profile) that is
// removed after a passing run. Artefacts worth keeping (screenshots, logs of failed runs, results) go to
// test-results/.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const E2E_DIR = path.resolve(process.env.FLOWCOP_E2E_DIR || path.join(ROOT, '.vscode-test'));
export const NODE24 = process.env.FLOWCOP_E2E_NODE || path.join(E2E_DIR, 'node24/node_modules/node/bin/node');
export const CODE_SERVER = process.env.FLOWCOP_E2E_CODE_SERVER || path.join(E2E_DIR, 'code-server/node_modules/code-server/out/node/entry.js');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
export const WORKSPACE = path.join(ROOT, 'test/e2e/workspace');

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--disable-features=Translate',
];

const started = Date.now();
export const elapsed = (from = started) => ((Date.now() - from) / 1000).toFixed(1) + 's';
export function log(...args) { console.log(`[e2e ${elapsed()}]`, ...args); }

// ---- prerequisites ---------------------------------------------------------------------------------

function findChromium() {
  if (process.env.CHROMIUM) return fs.existsSync(process.env.CHROMIUM) ? process.env.CHROMIUM : undefined;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']) {
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}
export const CHROMIUM = findChromium();

/** What the harness needs and cannot find, as readable lines (empty when everything is there). */
export function missingPrerequisites() {
  const missing = [];
  if (!CHROMIUM) missing.push('Chromium (Debian package "chromium", or set CHROMIUM=/path/to/chrome)');
  if (!fs.existsSync(NODE24)) missing.push(`Node 24 for code-server (${path.relative(ROOT, NODE24)})`);
  if (!fs.existsSync(CODE_SERVER)) missing.push(`code-server (${path.relative(ROOT, CODE_SERVER)})`);
  if (!fs.existsSync(path.join(ROOT, 'node_modules/playwright-core'))) missing.push('playwright-core (run npm ci)');
  return missing;
}

/**
 * Stops here when something is missing: a SKIPPED line and exit 0 on a developer machine, a failure
 * when the environment variable CI is set (CI must not pass by skipping).
 */
export function requirePrerequisites(what) {
  const missing = missingPrerequisites();
  if (!missing.length) return;
  for (const m of missing) console.log(`[e2e] missing: ${m}`);
  console.log('[e2e] install with:  bash scripts/e2e/install.sh   (as root it also installs the Debian packages)');
  if (process.env.CI) {
    console.log(`[e2e] FAILED: ${what} cannot run and CI is set`);
    process.exit(1);
  }
  console.log(`[e2e] SKIPPED: ${what} (the prerequisites above are missing)`);
  process.exit(0);
}

// ---- run folders, ports, profiles ---------------------------------------------------------------

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A fresh folder for one run under .vscode-test/runs/. */
export function makeRunDir(name) {
  const runs = path.join(E2E_DIR, 'runs');
  fs.mkdirSync(runs, { recursive: true });
  // Folders of failed runs are kept for a look; drop those older than a day.
  for (const old of fs.readdirSync(runs)) {
    const p = path.join(runs, old);
    try { if (Date.now() - fs.statSync(p).mtimeMs > 86_400_000) fs.rmSync(p, { recursive: true, force: true }); } catch { /* in use or gone */ }
  }
  return fs.mkdtempSync(path.join(runs, `${name}-`));
}

export function removeRunDir(dir) {
  if (process.env.FLOWCOP_E2E_KEEP) { log('keeping', dir); return; }
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.minimap.enabled': false,
  // VS Code for the web saves after a delay by default; tests must not write to their workspace by accident.
  'files.autoSave': 'off',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'files.watcherExclude': { '**/node_modules/**': true, '**/.vscode-test/**': true },
  // Flow definitions name a $schema on the web: the JSON language server must not wait on a network the tests lack.
  'json.schemaDownload.enable': false,
};

/**
 * Copies the test workspace into the run folder, so that nothing a test does (edits, saves, fixes)
 * reaches the checkout. Returns the copy's path.
 */
export function copyWorkspace(folder, runDir) {
  const copy = path.join(runDir, 'workspace', path.basename(folder));
  fs.cpSync(folder, copy, { recursive: true });
  return copy;
}

/** Writes a user-data-dir whose settings keep the workbench quiet (no welcome page, tips, trust prompts). */
export function makeUserDataDir(dir, settings = {}) {
  fs.mkdirSync(path.join(dir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  return dir;
}

/** The throwaway HOME and XDG_DATA_HOME code-server (and so the extension host) runs with: tests may put files there. */
export function codeServerHomes(runDir) {
  return { home: path.join(runDir, 'home'), dataHome: path.join(runDir, 'xdg/data') };
}

/** Environment for code-server: throwaway HOME and XDG folders, no marketplace, nothing inherited that changes it. */
function codeServerEnv(runDir) {
  const env = { ...process.env };
  for (const k of ['PASSWORD', 'HASHED_PASSWORD', 'PORT', 'VSCODE_IPC_HOOK_CLI', 'VSCODE_PROXY_URI', 'ELECTRON_RUN_AS_NODE']) delete env[k];
  const { home, dataHome } = codeServerHomes(runDir);
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg/config'),
    XDG_DATA_HOME: dataHome,
    XDG_CACHE_HOME: path.join(runDir, 'xdg/cache'),
    PATH: `${path.dirname(NODE24)}${path.delimiter}${env.PATH}`,
  });
  // An empty gallery turns the marketplace off instead of failing DNS lookups offline.
  env.EXTENSIONS_GALLERY ??= '{}';
  for (const k of ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME']) fs.mkdirSync(env[k], { recursive: true });
  return env;
}

/** Installs a .vsix into extensionsDir with code-server's CLI (no network needed). */
export function installVsix(vsix, { runDir, userDataDir, extensionsDir }) {
  execFileSync(NODE24, [CODE_SERVER, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    { env: codeServerEnv(runDir), stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

// ---- code-server ---------------------------------------------------------------------------------

/**
 * Starts code-server on a free loopback port, in its own process group (so stop() ends all of its
 * children too), logging to <runDir>/code-server.log. Resolves once /healthz answers.
 */
export async function startCodeServer({ runDir, userDataDir, extensionsDir, folder, extraArgs = [] }) {
  const port = await freePort();
  const config = path.join(runDir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = path.join(runDir, 'code-server.log');
  const out = fs.openSync(logFile, 'w');
  const args = [
    CODE_SERVER, '--config', config, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, ...extraArgs,
  ];
  if (folder) args.push(folder);
  const child = spawn(NODE24, args, { env: codeServerEnv(runDir), detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const server = { child, port, url: `http://127.0.0.1:${port}/`, logFile, stop: () => stopProcessGroup(child) };
  cleanupOnExit(() => stopProcessGroup(child, { wait: false }));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode) throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}); see ${logFile}`);
    try {
      const res = await fetch(server.url + 'healthz', { signal: AbortSignal.timeout(2000) });
      if (res.ok) return server;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { await server.stop(); throw new Error(`code-server did not answer on ${server.url} within 60 s; see ${logFile}`); }
    await sleep(150);
  }
}

/** SIGTERM to the whole process group, then SIGKILL if it is still there after a few seconds. */
export async function stopProcessGroup(child, { wait = true } = {}) {
  if (!child?.pid) return;
  const alive = () => { try { process.kill(-child.pid, 0); return true; } catch { return false; } };
  if (!alive()) return;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
  if (!wait) return;
  const deadline = Date.now() + 5000;
  while (alive() && Date.now() < deadline) await sleep(100);
  if (alive()) { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }
}

const exitHooks = new Set();
let hooked = false;
/** Runs fn when the harness is interrupted or exits, so nothing is left behind. */
export function cleanupOnExit(fn) {
  exitHooks.add(fn);
  if (hooked) return;
  hooked = true;
  const runAll = () => { for (const f of exitHooks) { try { f(); } catch { /* best effort */ } } exitHooks.clear(); };
  process.on('exit', runAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { runAll(); process.exit(130); });
}

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Resolves with promise's value, or rejects after ms; the timer never keeps the process alive. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---- Chromium ------------------------------------------------------------------------------------

/** Headless Chromium with a fresh profile in runDir. */
export async function launchBrowser(runDir, { viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(path.join(runDir, 'chromium-profile'), {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport,
  });
  cleanupOnExit(() => { for (const pid of descendants(process.pid)) if (pid !== process.pid && isChromium(pid)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } } });
  return context;
}

/** Keeps a copy of the run's code-server log in test-results/ and prints the tail of FlowCop's logs in `runDir` (for failed runs). */
export function keepLog(server, name, runDir) {
  if (runDir) printFlowCopLogs(runDir);
  if (!server?.logFile || !fs.existsSync(server.logFile)) return;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const dest = path.join(RESULTS_DIR, `${name}-code-server.log`);
  fs.copyFileSync(server.logFile, dest);
  log('code-server log kept:', path.relative(ROOT, dest));
}

/** The last lines of every FlowCop output channel log under a run folder, printed so that CI's output shows the server's side of a failure. */
function printFlowCopLogs(runDir, lines = 40) {
  const found = [];
  const walk = dir => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'FlowCop.log') found.push(p);
    }
  };
  try { walk(path.join(runDir, 'user-data', 'logs')); } catch { return; }
  for (const file of found.sort()) {
    const tail = fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines);
    log(`FlowCop log ${path.relative(runDir, file)} (last ${tail.length} lines):`);
    for (const line of tail) log(`  | ${line}`);
  }
}

export function resultPath(name) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  return path.join(RESULTS_DIR, name);
}

// ---- memory --------------------------------------------------------------------------------------

function processes() {
  const out = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      out.push({ pid: Number(d), ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) });
    } catch { /* exited */ }
  }
  return out;
}
export function descendants(rootPid) {
  const procs = processes();
  const found = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (found.has(p.ppid) && !found.has(p.pid)) { found.add(p.pid); grew = true; }
  }
  return [...found];
}
function isChromium(pid) {
  try { return /chrom/i.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]); } catch { return false; }
}
/** RSS and PSS (MiB) of a process tree; PSS does not count shared pages twice. Linux only. */
export function treeMemory(rootPid) {
  let rss = 0, pss = 0, count = 0;
  for (const pid of descendants(rootPid)) {
    try {
      const roll = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(roll)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(roll)?.[1] ?? 0);
      count++;
    } catch { /* exited or not ours */ }
  }
  return { rssMiB: Math.round(rss / 1024), pssMiB: Math.round(pss / 1024), processes: count };
}
/** Memory of code-server's tree and of the Chromium processes under this harness, as one line. */
export function memoryReport(server) {
  if (process.platform !== 'linux') return 'n/a';
  const cs = server?.child?.pid ? treeMemory(server.child.pid) : undefined;
  const chromeRoots = descendants(process.pid).filter(pid => isChromium(pid) && !isChromium(parentOf(pid)));
  const ch = chromeRoots.map(treeMemory).reduce((a, m) => ({ rssMiB: a.rssMiB + m.rssMiB, pssMiB: a.pssMiB + m.pssMiB, processes: a.processes + m.processes }), { rssMiB: 0, pssMiB: 0, processes: 0 });
  return `code-server ${cs ? `${cs.pssMiB} MiB PSS (${cs.rssMiB} MiB RSS, ${cs.processes} processes)` : 'n/a'}; ` +
    `chromium ${ch.pssMiB} MiB PSS (${ch.rssMiB} MiB RSS, ${ch.processes} processes)`;
}
function parentOf(pid) {
  try { const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]); } catch { return 0; }
}

// ---- the workbench (selectors checked on code-server 4.139 / VS Code 1.139) ------------------------

/** Helpers over a playwright page showing the VS Code workbench. */
export class Workbench {
  constructor(page) { this.page = page; }

  async ready(fileInExplorer, timeout = 60_000) {
    await this.page.locator('.monaco-workbench').waitFor({ timeout });
    if (fileInExplorer) await this.explorerItem(fileInExplorer).waitFor({ timeout });
  }

  explorerItem(name) { return this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }); }

  /** Ctrl+P, type, pick the row with `name`; waits for its editor tab. */
  async quickOpen(name) {
    await this.focus();
    await this.page.keyboard.press('Control+P');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'visible' });
    await this.page.keyboard.type(name);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab', { hasText: name }).waitFor();
  }

  /**
   * Ctrl+. in the focused editor; returns the code action menu once it is visible. The menu answers a request to
   * every code action provider of the document; a press the workbench drops (seen once in CI on a fresh machine,
   * never reproduced) is retried, each miss logged with what the editor showed instead, so a provider that answers
   * nothing still fails the test after the last attempt.
   */
  async quickFixMenu({ attempts = 3, timeout = 6_000, log = () => {} } = {}) {
    const menu = this.page.locator('.action-widget:not(.action-list-submenu-panel)');
    const misses = [];
    for (let i = 1; i <= attempts; i++) {
      await this.page.keyboard.press('Control+.');
      try {
        await menu.waitFor({ state: 'visible', timeout });
        if (misses.length) log(`  the code action menu opened at attempt ${i}; before: ${misses.join('; ')}`);
        return menu;
      } catch {
        const shown = (await this.page.locator('.monaco-editor-overlaymessage').allTextContents().catch(() => [])).join(' ').trim();
        misses.push(`attempt ${i}: no menu after ${timeout} ms${shown ? ` (the editor said "${shown}")` : ''}`);
        await this.page.keyboard.press('Escape');
      }
    }
    throw new Error(`Ctrl+. opened no code action menu: ${misses.join('; ')}`);
  }

  /** F1, type a command title, Enter. */
  async command(title) {
    await this.focus();
    await this.page.keyboard.press('F1');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'visible' });
    await this.page.keyboard.type(title);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  async focus() {
    // Clicking the editor area (or the empty workbench) gives keyboard focus to the workbench.
    const editor = this.page.locator('.editor-group-container').first();
    if (await editor.isVisible().catch(() => false)) await editor.click({ position: { x: 200, y: 120 } }).catch(() => {});
  }

  /** A status bar entry by its id, e.g. "status.problems" or "status.editor.mode". */
  statusItem(id) { return this.page.locator(`[id="${id}"]`); }

  /** The visible lines of the active editor, as text (non-breaking spaces turned into spaces). */
  async editorLines() {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().evaluate(el =>
      [...el.querySelectorAll('.view-line')]
        .map(l => ({ top: parseFloat(l.style.top) || 0, text: l.textContent.replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top).map(l => l.text));
  }

  /** The rendered tokens of the active editor: text and computed colour of every token span. */
  async editorTokens() {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().evaluate(el =>
      [...el.querySelectorAll('.view-line > span > span')].map(s => ({
        text: s.textContent.replace(/\u00a0/g, ' '), className: s.className, color: getComputedStyle(s).color,
      })));
  }

  problemsRows() { return this.page.locator('.markers-panel .monaco-list-row'); }
  notifications() { return this.page.locator('.notifications-toasts'); }
}
