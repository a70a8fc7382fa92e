// As-you-type latency through a real LSP client: starts the built server (`node <server.js> --stdio`),
// opens a generated solution, types into a desktop-flow script (the `flowcop-script:` editor the extension
// opens) or a cloud flow's Workflows/*.json, and times each didChange → publishDiagnostics of that version.
//
//   node scripts/bench/lsp-latency.mjs --server dist/server.js [--edits 50] [--kind script|flow|both] [--runs 3]
//     [--node-args "--cpu-prof --cpu-prof-dir=prof"] [--json] [--verbose] [--settle-ms 0]
//
// Diagnostics: --settle-ms N waits N ms after the document's first diagnostics before typing. The server warms the
// as-you-type paths while idle and stops at the first edit; without a pause only the steps that fit between the
// scan and the first keystroke run (about 5 of them).
//
// measureTyping({ serverJs, documentKind, edits, workDir, nodeArgs }) → { p50, p95, max, min, mean, samples, cpuPerEdit } (ms).
// cpuPerEdit is the server's CPU time (user + system, from /proc on Linux) over the typing divided by the edits: unlike
// the latencies it hardly moves when other processes load the machine. With --runs N each document is typed N times
// (a new server each time) and the table shows the median of each figure with its min–max over the runs.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { createRng } from './prng.mjs';
import { desktopScript } from './tree-desktop.mjs';
import { workflowXml } from './tree-layouts.mjs';
import { flowJson } from './tree-cloud.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const { InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification,
  PublishDiagnosticsNotification, ShutdownRequest, ExitNotification } = require('vscode-languageserver-protocol');

const SCRIPT_LINES = 5000;
const CLOUD_ACTIONS = 500;
/** The longest a single edit may wait for its diagnostics before the run gives up. */
const EDIT_TIMEOUT_MS = 30_000;
const SCAN_TIMEOUT_MS = 120_000;

// ---- the generated solution -------------------------------------------------------------------

const PREFIX = 'cr5b1';
const CONNECTORS = [
  { key: 'shared_sharepointonline', ref: `${PREFIX}_sharedsharepointonline_1a2b3`, op: 'GetItems', params: { dataset: 'https://contoso.sharepoint.com/sites/Finance', table: 'Invoices' } },
  { key: 'shared_office365', ref: `${PREFIX}_sharedoffice365_4c5d6`, op: 'SendEmailV2', params: { 'emailMessage/To': 'ap-team@contoso.com', 'emailMessage/Subject': 'Invoice batch', 'emailMessage/Body': '<p>Done</p>' } },
  { key: 'shared_commondataserviceforapps', ref: `${PREFIX}_sharedcommondataserviceforapps_7e8f9`, op: 'ListRecords', params: { entityName: 'accounts', $top: 50 } },
];

/** One action of a cloud flow; `n` keeps names unique. Nested scopes hold a few actions each. */
function cloudAction(rng, n, after) {
  const runAfter = after ? { [after]: ['Succeeded'] } : {};
  const kind = rng.int(0, 5);
  if (kind === 0) return { type: 'Compose', inputs: `Step ${n}: @{variables('Counter')} processed`, runAfter };
  if (kind === 1) return { type: 'SetVariable', inputs: { name: 'Counter', value: `@add(variables('Counter'), ${n % 7})` }, runAfter };
  if (kind === 2) {
    const c = rng.pick(CONNECTORS);
    return {
      type: 'OpenApiConnection', runAfter,
      inputs: { host: { connectionName: c.key, operationId: c.op, apiId: `/providers/Microsoft.PowerApps/apis/${c.key}` }, parameters: c.params, authentication: "@parameters('$authentication')" },
    };
  }
  if (kind === 3) return { type: 'Http', inputs: { method: 'GET', uri: `@{parameters('Api Base (${PREFIX}_ApiBase)')}/orders/${n}`, headers: { Accept: 'application/json' } }, runAfter };
  if (kind === 4) return { type: 'ParseJson', inputs: { content: `@body('Compose_${n}')`, schema: { type: 'object', properties: { id: { type: 'string' } } } }, runAfter };
  return { type: 'AppendToStringVariable', inputs: { name: 'Log', value: `line ${n}; ` }, runAfter };
}

/** A cloud flow definition with exactly `count` actions (containers count as actions), a few findings planted. */
export function cloudFlowJson(rng, count) {
  const actions = {};
  let made = 0;
  let previous;
  const add = (container, name, action) => { container[name] = action; made++; return name; };
  add(actions, 'Initialize_Counter', { type: 'InitializeVariable', inputs: { variables: [{ name: 'Counter', type: 'integer', value: 0 }] }, runAfter: {} });
  previous = add(actions, 'Initialize_Log', { type: 'InitializeVariable', inputs: { variables: [{ name: 'Log', type: 'string', value: '' }] }, runAfter: { Initialize_Counter: ['Succeeded'] } });
  // Planted: a key in a header, a Dev host, a machine share (what a reviewer would flag).
  previous = add(actions, 'Call_Partner_API', { type: 'Http', runAfter: { [previous]: ['Succeeded'] }, inputs: { method: 'POST', uri: 'https://api-dev.contoso.com/v2/invoices', headers: { 'x-api-key': 'k9Qz7XrT2pLw8VbN4mYc6HsJ3dFg5' }, body: { note: 'typed here' } } });
  previous = add(actions, 'Copy_To_Share', { type: 'Compose', runAfter: { [previous]: ['Succeeded'] }, inputs: '\\\\fs01.contoso.local\\finance\\out' });
  while (made < count) {
    const left = count - made;
    if (left > 6 && rng.chance(0.15)) {
      // A container with 2-4 actions inside.
      const inner = {};
      const size = Math.min(rng.int(2, 4), left - 1);
      let prevInner;
      for (let i = 0; i < size; i++) prevInner = add(inner, `Inner_${made}`, cloudAction(rng, made, prevInner));
      const kind = rng.pick(['Scope', 'If', 'Foreach']);
      const body = kind === 'If'
        ? { type: 'If', expression: { and: [{ greater: ["@variables('Counter')", made % 9] }] }, actions: inner, else: { actions: {} } }
        : kind === 'Foreach' ? { type: 'Foreach', foreach: "@body('List_records')?['value']", actions: inner } : { type: 'Scope', actions: inner };
      previous = add(actions, `${kind}_${made}`, { ...body, runAfter: { [previous]: ['Succeeded'] } });
    } else {
      previous = add(actions, `Compose_${made}`, cloudAction(rng, made, previous));
    }
  }
  const connectionReferences = Object.fromEntries(CONNECTORS.map(c => [c.key, { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: c.ref }, api: { name: c.key } }]));
  return flowJson({
    connectionReferences,
    parameters: {
      $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' },
      [`Api Base (${PREFIX}_ApiBase)`]: { defaultValue: 'https://api.contoso.com', type: 'String', metadata: { schemaName: `${PREFIX}_ApiBase` } },
    },
    triggers: { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Hour', interval: 1 } } },
    actions,
  });
}

/** The latency document's flows: a desktop flow with one input and no outputs. */
const LATENCY_IO = { uiFlowType: 0, inputs: { schema: { type: 'object', properties: { Input_WorkFolder: { type: 'string', format: null } } } }, outputs: { schema: null } };
const xmlDeclared = element => `<?xml version="1.0" encoding="utf-8"?>\n${element}\n`;

/**
 * Writes an unpacked solution (Other/Solution.xml, Workflows/…) holding a 5,000-line desktop flow and a
 * 500-action cloud flow, plus an environment variable and Dev/Prod deployment settings.
 */
export function writeLatencySolution(dir, { seed = 14, scriptLines = SCRIPT_LINES, cloudActions = CLOUD_ACTIONS } = {}) {
  const rng = createRng(seed);
  const desktop = { name: 'Reconcile Invoices', id: rng.guid() };
  const cloud = { name: 'Sync Invoices', id: rng.guid() };
  const script = desktopScript(rng.fork('script'), { lines: scriptLines, plants: ['secret', 'machine', 'path', 'url'].map(kind => ({ kind, seq: 1 })) });
  const base = f => `${f.name.replace(/[^A-Za-z0-9]/g, '')}-${f.id.toUpperCase()}.json`;
  const files = {
    'Other/Solution.xml': `<ImportExportXml version="9.2.24111.164" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive">
  <SolutionManifest>
    <UniqueName>InvoiceAutomation</UniqueName>
    <LocalizedNames><LocalizedName description="Invoice Automation" languagecode="1033" /></LocalizedNames>
    <Version>1.0.0.0</Version>
    <Managed>0</Managed>
    <Publisher>
      <UniqueName>contoso</UniqueName>
      <LocalizedNames><LocalizedName description="Contoso" languagecode="1033" /></LocalizedNames>
      <CustomizationPrefix>${PREFIX}</CustomizationPrefix>
      <CustomizationOptionValuePrefix>10000</CustomizationOptionValuePrefix>
    </Publisher>
    <RootComponents>
      <RootComponent type="29" id="{${cloud.id}}" behavior="0" />
      <RootComponent type="29" id="{${desktop.id}}" behavior="0" />
      <RootComponent type="380" schemaName="${PREFIX}_ApiBase" behavior="0" />
    </RootComponents>
    <MissingDependencies />
  </SolutionManifest>
</ImportExportXml>
`,
    'Other/Customizations.xml': `<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Entities />
  <Workflows />
  <connectionreferences>
${CONNECTORS.map(c => `    <connectionreference connectionreferencelogicalname="${c.ref}">
      <connectionreferencedisplayname>${c.key}</connectionreferencedisplayname>
      <connectorid>/providers/Microsoft.PowerApps/apis/${c.key}</connectorid>
      <iscustomizable>1</iscustomizable>
      <statecode>0</statecode>
      <statuscode>1</statuscode>
    </connectionreference>`).join('\n')}
  </connectionreferences>
  <Languages><Language>1033</Language></Languages>
</ImportExportXml>
`,
    [`environmentvariabledefinitions/${PREFIX}_ApiBase/environmentvariabledefinition.xml`]: `<environmentvariabledefinition schemaname="${PREFIX}_ApiBase">
  <defaultvalue>https://api.contoso.com</defaultvalue>
  <displayname default="Api Base"><label description="Api Base" languagecode="1033" /></displayname>
  <introducedversion>1.0.0.0</introducedversion>
  <iscustomizable>1</iscustomizable>
  <isrequired>0</isrequired>
  <secretstore>0</secretstore>
  <type>100000000</type>
</environmentvariabledefinition>
`,
    [`Workflows/${base(cloud)}`]: cloudFlowJson(rng.fork('cloud'), cloudActions),
    [`Workflows/${base(cloud)}.data.xml`]: xmlDeclared(workflowXml(cloud, 'cloud', base(cloud), LATENCY_IO)),
    [`Workflows/${base(desktop)}`]: JSON.stringify({ properties: { definition: { package: '' } }, schemaversion: 'ROBIN_202208_DVRS' }),
    [`Workflows/${base(desktop)}.data.xml`]: xmlDeclared(workflowXml({ ...desktop, script }, 'desktop', base(desktop), LATENCY_IO)),
  };
  for (const env of ['Dev', 'Prod']) {
    files[`deploymentSettings/${env}/deploymentSettings.json`] = JSON.stringify({
      EnvironmentVariables: [{ SchemaName: `${PREFIX}_ApiBase`, Value: `https://api${env === 'Dev' ? '-dev' : ''}.contoso.com` }],
      ConnectionReferences: CONNECTORS.map(c => ({ LogicalName: c.ref, ConnectionId: '', ConnectorId: `/providers/Microsoft.PowerApps/apis/${c.key}` })),
    }, null, 2);
  }
  for (const [rel, text] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, text);
  }
  return {
    script: { text: script, xmlPath: join(dir, `Workflows/${base(desktop)}.data.xml`), flowId: desktop.id, flowName: desktop.name },
    cloud: { text: files[`Workflows/${base(cloud)}`], path: join(dir, `Workflows/${base(cloud)}`) },
  };
}

// ---- the client -------------------------------------------------------------------------------

/** The URI the extension gives a desktop flow's decoded script (client/src/scriptFs.ts scriptUri). */
function scriptUri(xmlPath, flowId, flowName) {
  const path = `${xmlPath.replace(/\\/g, '/')}/${flowName.replace(/[\\/:*?"<>|#%]/g, '_')}.robin`;
  return `flowcop-script:${encodeURI(path.startsWith('/') ? path : `/${path}`)}?id=${encodeURIComponent(flowId)}`;
}

/** Offset → LSP position in `text`. */
function positionAt(text, offset) {
  let line = 0, start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) { line++; start = i + 1; }
  return { line, character: offset - start };
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = ms => Math.round(ms * 10) / 10;

/** CPU time (user + system) a process has used so far, in ms; undefined where /proc is not there. */
function serverCpuMs(pid) {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
/** Linux's USER_HZ: 100 on every architecture Node runs on. */
const CLOCK_TICKS = 100;

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted[sorted.length - 1]), min: round(sorted[0]),
    mean: round(samples.reduce((a, b) => a + b, 0) / samples.length), samples: samples.map(round),
  };
}

/**
 * Types `edits` characters into a string literal of the chosen document and returns the latency of each
 * didChange → publishDiagnostics of that document version (ms).
 */
export async function measureTyping({ serverJs, documentKind, edits = 50, workDir, nodeArgs = [], verbose = false, settleMs = 0 }) {
  if (documentKind !== 'script' && documentKind !== 'flow') throw new Error(`documentKind must be 'script' or 'flow', not ${documentKind}`);
  const ownDir = !workDir;
  const dir = workDir ?? mkdtempSync(join(tmpdir(), 'flowcop-lsp-latency-'));
  const generated = writeLatencySolution(dir);
  const child = spawn(process.execPath, [...nodeArgs, resolve(serverJs), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', d => { stderr = (stderr + d).slice(-4000); });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiters = [];
  const waitFor = (match, ms, what) => new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms${stderr ? `; server stderr: ${stderr}` : ''}`)), ms);
    waiters.push({ match, done: value => { clearTimeout(timer); resolvePromise(value); } });
  });
  const deliver = (method, params) => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].match(method, params)) { const [w] = waiters.splice(i, 1); w.done({ at: performance.now(), params }); }
    }
  };
  connection.onNotification((method, params) => {
    if (verbose && method === 'window/logMessage') process.stderr.write(`[server] ${params.message}\n`);
    deliver(method, params);
  });
  // Requests the server may send (progress, configuration): answered so that it never waits on us.
  connection.onRequest(() => null);
  connection.listen();
  try {
    const rootUri = pathToFileURL(dir).href;
    const scanned = waitFor((m, p) => m === 'flowcop/scanStatus' && p.scope === 'full', SCAN_TIMEOUT_MS, 'first scan');
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'latency' }],
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    await scanned;

    // The document and where typing happens: inside a string literal that no rule reports.
    let uri, languageId, text, at;
    if (documentKind === 'script') {
      uri = scriptUri(generated.script.xmlPath, generated.script.flowId, generated.script.flowName);
      languageId = 'robin';
      text = generated.script.text;
      const anchor = text.indexOf("$'''step ", Math.floor(text.length / 2));
      at = anchor + "$'''step ".length;
    } else {
      uri = pathToFileURL(generated.cloud.path).href;
      languageId = 'json';
      text = generated.cloud.text;
      at = text.indexOf('typed here') + 'typed'.length;
    }
    if (at < 0) throw new Error('no string literal to type into');
    const published = version => (m, p) => m === PublishDiagnosticsNotification.type.method && p.uri === uri && (p.version === undefined ? version !== 0 : p.version >= version);

    const opened = waitFor(published(1), SCAN_TIMEOUT_MS, 'diagnostics after opening');
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    await opened;
    if (settleMs > 0) await new Promise(r => setTimeout(r, settleMs));

    const samples = [];
    const cpuBefore = serverCpuMs(child.pid);
    const letters = 'invoicebatch';
    for (let i = 0; i < edits; i++) {
      const version = i + 2;
      const ch = letters[i % letters.length];
      const pos = positionAt(text, at);
      text = text.slice(0, at) + ch + text.slice(at);
      at += 1;
      const answered = waitFor(published(version), EDIT_TIMEOUT_MS, `diagnostics for version ${version}`);
      const sent = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version }, contentChanges: [{ range: { start: pos, end: pos }, text: ch }],
      });
      const { at: arrived } = await answered;
      samples.push(arrived - sent);
    }
    const cpuAfter = serverCpuMs(child.pid);
    const cpuPerEdit = cpuBefore === undefined || cpuAfter === undefined ? undefined : round((cpuAfter - cpuBefore) / edits);
    return { ...summarize(samples), ...(cpuPerEdit === undefined ? {} : { cpuPerEdit }) };
  } finally {
    await Promise.race([connection.sendRequest(ShutdownRequest.type).catch(() => undefined), new Promise(r => setTimeout(r, 2000))]);
    connection.sendNotification(ExitNotification.type).catch(() => undefined);
    connection.dispose();
    setTimeout(() => child.kill(), 500).unref();
    await new Promise(r => { if (child.exitCode !== null) r(); else { child.once('exit', r); setTimeout(r, 3000).unref(); } });
    if (ownDir) rmSync(dir, { recursive: true, force: true });
  }
}

// ---- command line -----------------------------------------------------------------------------

async function main() {
  const args = process.argv.slice(2);
  const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
  const serverJs = option('--server', 'dist/server.js');
  const edits = Number(option('--edits', '50'));
  const runs = Math.max(1, Number(option('--runs', '1')));
  const nodeArgs = option('--node-args', '').split(' ').filter(Boolean);
  const settleMs = Number(option('--settle-ms', '0'));
  const kinds = option('--kind', 'both') === 'both' ? ['script', 'flow'] : [option('--kind')];
  const results = {};
  for (let run = 0; run < runs; run++) {
    // The documents alternate within a run, so that a change in the machine's load touches both alike.
    for (const kind of kinds) (results[kind] ??= []).push(await measureTyping({ serverJs, documentKind: kind, edits, nodeArgs, settleMs, verbose: args.includes('--verbose') }));
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify(runs === 1 ? Object.fromEntries(kinds.map(k => [k, results[k][0]])) : results));
    return;
  }
  const figures = ['p50', 'p95', 'max', 'min', 'cpuPerEdit'];
  console.log(`as-you-type latency (${serverJs}, ${edits} edits each, didChange → publishDiagnostics, ms${runs > 1 ? `; median [min–max] of ${runs} runs` : ''})`);
  console.log(`document                        ${figures.map(f => (f === 'cpuPerEdit' ? 'cpu/edit' : f).padStart(runs > 1 ? 24 : 9)).join('')}`);
  const label = { script: `desktop-flow script (${SCRIPT_LINES} lines)`, flow: `cloud flow (${CLOUD_ACTIONS} actions)` };
  const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
  for (const kind of kinds) {
    const cells = figures.map(f => {
      const xs = results[kind].map(r => r[f]).filter(x => x !== undefined);
      if (!xs.length) return '—'.padStart(runs > 1 ? 24 : 9);
      return (runs > 1 ? `${median(xs)} [${Math.min(...xs)}–${Math.max(...xs)}]` : String(xs[0])).padStart(runs > 1 ? 24 : 9);
    });
    console.log(`${label[kind].padEnd(32)}${cells.join('')}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch(e => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
}
