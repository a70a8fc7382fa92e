// Typing in the editor, through the session: each diagnostics publication of an open document carries the
// version it was computed from (an edit that changes no finding is published again with its version), an
// edit of a cloud flow or a desktop flow's script re-reads that flow only, and the findings follow the text.
import assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import { afterEach, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { MemoryVfs } from '../../server/src/load/vfs';
import type { Unit } from '../../server/src/lsp/analyzer';
import { debounceFor } from '../../server/src/lsp/edit-timing';
import { connectSession } from '../../server/src/lsp/server';
import type { Session } from '../../server/src/lsp/session';
import { pathToUri } from '../../server/src/lsp/uri';
import { buildSolutionFiles } from '../support/fixture';
import { FakeConnection, waitFor } from '../support/lsp-fake';

const ROOT = nodePath.resolve('/typing');
const DESK_ID = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a99';
const PATH_LINE = "SET Folder TO $'''C:\\\\Users\\\\jdoe\\\\Exports'''";
const SAFE_LINE = "SET Note TO $'''hello'''";

const sessions: Session[] = [];
afterEach(() => { for (const s of sessions.splice(0)) s.dispose(); });

function tree(): Record<string, string> {
  const files = buildSolutionFiles({
    uniqueName: 'Typing',
    desktopFlows: [{ name: 'Export', id: DESK_ID, script: [SAFE_LINE, PATH_LINE].join('\n') }],
    cloudFlows: [
      { name: 'Sync', definition: { actions: { Call: { type: 'Http', inputs: { method: 'GET', uri: 'https://api-dev.contoso.com/x', headers: { Note: 'typed here' } } } } } },
      { name: 'Other', definition: { actions: { Note: { type: 'Compose', inputs: 'nothing' } } } },
    ],
  });
  return Object.fromEntries(Object.entries(files).map(([rel, text]) => [nodePath.join(ROOT, rel), text]));
}

async function start(files: Record<string, string>) {
  const client = new FakeConnection();
  const session = connectSession(client, { disk: new MemoryVfs(files), debounceMs: 30, publishDelayMs: 5 });
  sessions.push(session);
  await client.request('initialize', { processId: null, rootUri: null, workspaceFolders: [{ uri: pathToUri(ROOT), name: 'typing' }], capabilities: {} });
  client.notify('initialized', {});
  await waitFor('the first scan', () => client.statuses().find(s => s.scope === 'full'));
  return client;
}

const publishedFor = (client: FakeConnection, uri: string, version: number) => (): PublishDiagnosticsParams | undefined =>
  client.published.find(p => p.uri === uri && p.version === version);

test('a cloud-flow edit is published with its version, re-reads that flow only, and its findings follow the text', async () => {
  const files = tree();
  const path = Object.keys(files).find(p => nodePath.basename(p).startsWith('Sync-') && p.endsWith('.json'))!;
  const client = await start(files);
  const uri = pathToUri(path);
  let text = files[path];
  client.open(uri, text, 'json', 1);
  const opened = await waitFor('diagnostics of version 1', publishedFor(client, uri, 1));
  const hostFindings = opened.diagnostics.filter(d => /api-dev\.contoso\.com/.test(String(d.message)));
  assert.equal(hostFindings.length, 1, 'the Dev host is reported');

  // Typing inside a string that no rule reports: the same findings, published again for version 2.
  const at = text.indexOf('typed here') + 5;
  text = `${text.slice(0, at)}x${text.slice(at)}`;
  client.change(uri, 2, text);
  const typed = await waitFor('diagnostics of version 2', publishedFor(client, uri, 2));
  assert.deepEqual(typed.diagnostics.map(d => d.message), opened.diagnostics.map(d => d.message));
  assert.ok(client.logs.some(l => /re-linted Typing .*\(1 flow re-read; 1 flow and the solution checks re-run\)/.test(l)), client.logs.join('\n'));

  // Editing the host away: its finding goes, in the publication of that version.
  text = text.replace('https://api-dev.contoso.com/x', "@parameters('Base')");
  client.change(uri, 3, text);
  const fixed = await waitFor('diagnostics of version 3', publishedFor(client, uri, 3));
  assert.equal(fixed.diagnostics.filter(d => /api-dev\.contoso\.com/.test(String(d.message))).length, 0);
});

test('a desktop-flow script editor: each edit is published with its version, and the script is re-read alone', async () => {
  const files = tree();
  const xmlPath = Object.keys(files).find(p => nodePath.basename(p).startsWith('Export-') && p.endsWith('.data.xml'))!;
  const client = await start(files);
  const uri = `flowcop-script:${xmlPath}/Export.robin?id=${DESK_ID}`;
  client.open(uri, [SAFE_LINE, PATH_LINE].join('\n'), 'robin', 1);
  const opened = await waitFor('diagnostics of version 1', publishedFor(client, uri, 1));
  assert.equal(opened.diagnostics.length, 1, 'the user path is reported in the script editor');
  client.change(uri, 2, [SAFE_LINE.replace('hello', 'hellox'), PATH_LINE].join('\n'));
  const typed = await waitFor('diagnostics of version 2', publishedFor(client, uri, 2));
  assert.deepEqual(typed.diagnostics.map(d => d.range), opened.diagnostics.map(d => d.range));
  // The script taken from the editor as typed: the XML is neither re-encoded whole nor read and decoded again.
  assert.ok(client.logs.some(l => /re-linted Typing .*\(1 flow \(1 from its script editor\) re-read; 1 flow and the solution checks re-run\)/.test(l)), client.logs.join('\n'));
  client.change(uri, 3, SAFE_LINE);
  const fixed = await waitFor('diagnostics of version 3', publishedFor(client, uri, 3));
  assert.deepEqual(fixed.diagnostics, []);
});

test('debounce: a re-lint within the ceiling runs at once; a costlier one waits the ceiling while typing goes on', () => {
  const unit = (ms: number, lintedAt: number) => ({ ms, relintMs: ms, lintedAt }) as Unit;
  const now = 10_000;
  assert.equal(debounceFor([unit(20, now - 5)], 250, now), 0, 'cheap');
  assert.equal(debounceFor([unit(120, now - 5)], 250, now), 0, 'within the ceiling, just linted: at once');
  assert.equal(debounceFor([unit(900, now - 5)], 250, now), 250, 'costlier than the ceiling, just linted: wait the ceiling');
  assert.equal(debounceFor([unit(900, now - 1_000)], 250, now), 0, 'costly, idle for longer than it takes');
  assert.equal(debounceFor([unit(20, now - 5), unit(900, now - 5)], 250, now), 250, 'the costliest unit decides');
  const scanned = { ms: 900, lintedAt: now - 5 } as Unit;
  assert.equal(debounceFor([scanned], 250, now), 0, 'only linted by the scan, however long that took: at once');
});
