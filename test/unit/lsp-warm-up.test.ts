// What the server does between its first scan and the first keystroke: the engine's decoding of a script is the one
// its editor's first edit splices into (engine-script.ts), and the warm-up (warm-up.ts, warm-up-runner.ts) re-lints
// edits of the workspace's flows without changing a unit or publishing anything, a step per turn, until an edit comes.
import assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import { afterEach, test } from 'node:test';
import { MemoryVfs, OverlayVfs } from '../../server/src/load/vfs';
import { Analyzer } from '../../server/src/lsp/analyzer';
import { engineDecodedScript } from '../../server/src/lsp/engine-script';
import { Guards } from '../../server/src/lsp/log';
import type { Timers } from '../../server/src/lsp/scheduler';
import { decodedScriptIn } from '../../server/src/lsp/script-splice';
import { connectSession } from '../../server/src/lsp/server';
import type { Session } from '../../server/src/lsp/session';
import { pathToUri } from '../../server/src/lsp/uri';
import { CLOUD_WARM_UP_EDITS, SCRIPT_WARM_UP_EDITS, warmUpStep, warmUpSteps } from '../../server/src/lsp/warm-up';
import { QUIET_MS, WarmUp } from '../../server/src/lsp/warm-up-runner';
import { buildSolutionFiles } from '../support/fixture';
import { FakeConnection, waitFor } from '../support/lsp-fake';

const ROOT = nodePath.resolve('/warm');
const DESK_ID = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99';
const SCRIPT = ["SET Note TO $'''hello'''", "SET Folder TO $'''C:\\\\Users\\\\jdoe\\\\Exports'''", "SET Api TO $'''https://api-dev.contoso.com/v2'''"].join('\n');

const sessions: Session[] = [];
afterEach(() => { for (const s of sessions.splice(0)) s.dispose(); });

function tree(): Record<string, string> {
  const files = buildSolutionFiles({
    uniqueName: 'Warm',
    desktopFlows: [{ name: 'Export', id: DESK_ID, script: SCRIPT }],
    cloudFlows: [{ name: 'Sync', definition: { actions: { Call: { type: 'Http', inputs: { method: 'GET', uri: 'https://api-dev.contoso.com/x', headers: { Note: 'typed here' } } } } } }],
  });
  return Object.fromEntries(Object.entries(files).map(([rel, text]) => [nodePath.join(ROOT, rel), text]));
}

const sidecarOf = (files: Record<string, string>) => Object.keys(files).find(p => nodePath.basename(p).startsWith('Export-') && p.endsWith('.data.xml'))!;

async function scanned(files: Record<string, string>) {
  const analyzer = new Analyzer(new OverlayVfs(new MemoryVfs(files)), () => ({}));
  await analyzer.fullScan([ROOT]);
  return analyzer;
}

test("the engine's decoding of a script equals a fresh decoding of the same text, and is not used for another text", async () => {
  const files = tree();
  const path = sidecarOf(files);
  const analyzer = await scanned(files);
  const text = files[path].replace(/^\uFEFF/, '');
  const fromEngine = engineDecodedScript(analyzer.units.values(), path, DESK_ID, text);
  const fresh = decodedScriptIn(text, DESK_ID);
  assert.ok(fromEngine && fresh);
  assert.equal(fromEngine.text, fresh.text);
  assert.equal(fromEngine.storage, fresh.storage);
  assert.deepEqual(fromEngine.style, fresh.style);
  assert.deepEqual(fromEngine.map.fileSpan, fresh.map.fileSpan);
  assert.equal(engineDecodedScript(analyzer.units.values(), path, DESK_ID, text.replace('hello', 'hellx')), undefined, 'the disk changed since the scan');
  assert.equal(engineDecodedScript(analyzer.units.values(), path, '00000000-0000-4000-8000-000000000000', text), undefined, 'another flow');
});

test('the warm-up steps re-lint edits of a desktop flow and a cloud flow and leave every unit as the scan left it', async () => {
  const files = tree();
  const analyzer = await scanned(files);
  const before = [...analyzer.units.values()].map(u => ({ u, solution: u.solution, workspace: u.workspace, findings: u.findings, ids: u.findings.map(f => `${f.ruleId}@${f.loc.file.path}:${f.loc.span.start}`) }));
  const steps = warmUpSteps(analyzer.units.values(), () => ({}), new MemoryVfs(files));
  assert.equal(steps.length, SCRIPT_WARM_UP_EDITS + CLOUD_WARM_UP_EDITS, 'edits of both flows');
  for (const step of steps) assert.equal(step(), true, 'each edit is re-linted incrementally');
  for (const b of before) {
    assert.equal(b.u.solution, b.solution);
    assert.equal(b.u.workspace, b.workspace);
    assert.equal(b.u.findings, b.findings);
    assert.deepEqual(b.u.findings.map(f => `${f.ruleId}@${f.loc.file.path}:${f.loc.span.start}`), b.ids);
  }
});

/** Timers run by hand: `turn` runs the timers due now (those they set wait for the next turn). */
function manualTimers() {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set: (fn, ms) => { due.set(next, { at: now + ms, fn }); return next++; },
    clear: handle => { due.delete(handle as number); },
  };
  const turn = (ms = 0) => {
    now += ms;
    for (const [id, t] of [...due].filter(([, t]) => t.at <= now)) {
      due.delete(id);
      t.fn();
    }
  };
  return { timers, turn, now: () => now };
}

test('the warm-up runs one step per turn, waits while a lint runs or the client just spoke, stops for good at an edit, and runs once', () => {
  const { timers, turn, now } = manualTimers();
  const ran: number[] = [];
  let busy = false;
  const finished: number[] = [];
  const warmUp = new WarmUp(true, timers, new Guards({ info: () => {}, error: () => {} }), now);
  const steps = [0, 1, 2, 3].map(i => warmUpStep('/flow', 'script', () => { ran.push(i); return true; }));
  warmUp.startOnce(() => steps, () => !busy, count => { finished.push(count); });
  turn();
  assert.deepEqual(ran, [0], 'one step per turn: messages that came meanwhile are handled before the next');
  busy = true;
  turn(1_000);
  turn(1_000);
  assert.deepEqual(ran, [0], 'no step while a lint waits or runs');
  busy = false;
  turn(1_000);
  assert.deepEqual(ran, [0, 1]);
  warmUp.noteMessage();
  turn();
  turn(QUIET_MS - 1);
  assert.deepEqual(ran, [0, 1], 'no step while the client has just sent something');
  turn(1);
  assert.deepEqual(ran, [0, 1, 2]);
  warmUp.stop();
  turn(1_000);
  assert.deepEqual(ran, [0, 1, 2], 'stopped by an edit');
  assert.equal(finished.length, 0, 'not finished');
  warmUp.startOnce(() => steps, () => true, count => { finished.push(count); });
  turn(1_000);
  assert.deepEqual(ran, [0, 1, 2], 'once per session');

  const complete = new WarmUp(true, timers, new Guards({ info: () => {}, error: () => {} }), now);
  const all: number[] = [];
  complete.startOnce(() => [warmUpStep('/flow', 'script', () => all.push(0) > 0), warmUpStep('/flow', 'script', () => all.push(1) < 0)], () => true, count => { finished.push(count); });
  turn();
  turn();
  assert.deepEqual(all, [0, 1]);
  assert.deepEqual(finished, [1], 'the steps that re-linted an edit');
});

test("an opened flow's steps run at once within the budget, less those of its kind already run, once per flow, also after an edit", () => {
  const { timers, turn } = manualTimers();
  let clock = 0;
  const ran: string[] = [];
  const warmUp = new WarmUp(true, timers, new Guards({ info: () => {}, error: () => {} }), () => clock);
  // Each step takes 100 ms of the clock.
  const stepsOf = (flow: string, kind: 'script' | 'cloud', n: number) =>
    Array.from({ length: n }, (_, i) => warmUpStep(flow, kind, () => { ran.push(`${flow}${i}`); clock += 100; return true; }));
  warmUp.startOnce(() => [...stepsOf('/a', 'script', 2), ...stepsOf('/b', 'cloud', 2)], () => true, () => {});
  assert.deepEqual(warmUp.warmOpened('/a', () => stepsOf('/a', 'script', 5), 250), { relinted: 3, ms: 300 }, 'steps start while the budget lasts');
  assert.deepEqual(ran, ['/a0', '/a1', '/a2']);
  assert.equal(warmUp.warmOpened('/a', () => stepsOf('/a', 'script', 5), 250), undefined, 'once per flow');
  assert.equal(warmUp.warmOpened('/e', () => [], 250), undefined, 'a flow the engine does not hold yet');
  clock += 1_000;
  for (let i = 0; i < 6; i++) turn();
  assert.deepEqual(ran, ['/a0', '/a1', '/a2', '/b0', '/b1'], 'the idle steps of the flow warmed as it opened are skipped');
  assert.deepEqual(warmUp.warmOpened('/e', () => stepsOf('/e', 'script', 5), 1_000), { relinted: 2, ms: 200 }, 'the last steps, less the 3 script steps run');
  assert.deepEqual(ran.slice(5), ['/e3', '/e4']);
  assert.deepEqual(warmUp.warmOpened('/f', () => stepsOf('/f', 'cloud', 3), 1_000), { relinted: 1, ms: 100 }, 'less the 2 cloud steps run');
  assert.equal(warmUp.warmOpened('/g', () => stepsOf('/g', 'cloud', 3), 1_000), undefined, 'the cloud steps are all done');
  warmUp.stop();
  assert.deepEqual(warmUp.warmOpened('/c', () => stepsOf('/c', 'script', 6), 1_000), { relinted: 1, ms: 100 }, 'an editor opened after an edit');
  const off = new WarmUp(false, timers, new Guards({ info: () => {}, error: () => {} }), () => clock);
  assert.equal(off.warmOpened('/d', () => stepsOf('/d', 'script', 1), 250), undefined, 'no warm-up when it is off');
  assert.deepEqual(ran, ['/a0', '/a1', '/a2', '/b0', '/b1', '/e3', '/e4', '/f2', '/c5']);
});

/** A session on `files` (the warm-up on or off), once its first scan is done. */
async function scannedSession(files: Record<string, string>, warmUp: boolean): Promise<FakeConnection> {
  const client = new FakeConnection();
  sessions.push(connectSession(client, { disk: new MemoryVfs(files), debounceMs: 30, publishDelayMs: 5, warmUp }));
  await client.request('initialize', { processId: null, rootUri: null, workspaceFolders: [{ uri: pathToUri(ROOT), name: 'warm' }], capabilities: {} });
  client.notify('initialized', {});
  await waitFor('the first scan', () => client.statuses().find(s => s.scope === 'full'));
  return client;
}

test("a script editor opening warms its flow before the opening's diagnostics, publishes nothing of its own, and changes no finding", async () => {
  const files = tree();
  const xmlPath = sidecarOf(files);
  const uri = `flowcop-script:${xmlPath}/Export.robin?id=${DESK_ID}`;
  const run = async (warmUp: boolean) => {
    const client = await scannedSession(files, warmUp);
    const before = client.published.length;
    client.open(uri, SCRIPT, 'robin', 1);
    const warmed = client.logs.filter(l => /warmed up Export-.*\.data\.xml as its editor opened: \d+ edits/.test(l));
    // The idle steps that ran since the scan count: only when they had all run does the opening warm nothing.
    const idleDone = client.logs.some(l => l.startsWith('warmed up the as-you-type paths'));
    assert.equal(warmed.length, warmUp && !idleDone ? 1 : 0, client.logs.join('\n'));
    const opened = await waitFor('diagnostics of version 1', () => client.published.find(p => p.uri === uri && p.version === 1));
    assert.deepEqual(client.published.slice(before).map(p => p.uri), [uri], "the opening's publication only");
    client.change(uri, 2, SCRIPT.replace('hello', 'hellox'));
    const typed = await waitFor('diagnostics of version 2', () => client.published.find(p => p.uri === uri && p.version === 2));
    client.notify('textDocument/didClose', { textDocument: { uri } });
    client.open(uri, SCRIPT.replace('hello', 'hellox'), 'robin', 3);
    assert.equal(client.logs.filter(l => l.includes('as its editor opened')).length, warmUp ? 1 : 0, 'once per flow');
    assert.deepEqual(client.errors, []);
    return { opened: opened.diagnostics, typed: typed.diagnostics };
  };
  const warm = await run(true);
  assert.ok(warm.opened.length >= 2, 'the path and the Dev host are reported in the script editor');
  assert.deepEqual(warm, await run(false));
});

test('a session warms up after its first scan without publishing, and its edits show what a session without the warm-up shows', async () => {
  const files = tree();
  const path = Object.keys(files).find(p => nodePath.basename(p).startsWith('Sync-') && p.endsWith('.json'))!;
  const run = async (warmUp: boolean) => {
    const client = await scannedSession(files, warmUp);
    const published = client.published.length;
    if (warmUp) {
      await waitFor('the warm-up', () => client.logs.find(l => l.includes(`warmed up the as-you-type paths: ${SCRIPT_WARM_UP_EDITS + CLOUD_WARM_UP_EDITS} edits`)));
      assert.equal(client.published.length, published, 'the warm-up publishes nothing');
    }
    const uri = pathToUri(path);
    client.open(uri, files[path], 'json', 1);
    await waitFor('diagnostics of version 1', () => client.published.find(p => p.uri === uri && p.version === 1));
    client.change(uri, 2, files[path].replace('typed here', 'typed xhere'));
    const typed = await waitFor('diagnostics of version 2', () => client.published.find(p => p.uri === uri && p.version === 2));
    assert.deepEqual(client.errors, []);
    return typed.diagnostics;
  };
  const warm = await run(true);
  assert.ok(warm.length > 0, 'the Dev host is reported');
  assert.deepEqual(warm, await run(false));
});
