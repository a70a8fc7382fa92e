// As-you-type linting equals linting from scratch: a seeded series of random edits is typed into a desktop
// flow's script editor and a cloud flow's JSON through the session (incremental LSP changes, the incremental
// re-read and re-parse, the incremental publisher), and after each edit every diagnostic the session shows
// equals what a new session shows for the same texts. The edits insert and delete lines, type inside strings,
// open and close blocks, break and mend the JSON; the sidecar XML starts with a BOM and the script has CRLF
// line ends in one run.
import assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import { afterEach, test } from 'node:test';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { MemoryVfs } from '../../server/src/load/vfs';
import { connectSession } from '../../server/src/lsp/server';
import type { Session } from '../../server/src/lsp/session';
import { pathToUri } from '../../server/src/lsp/uri';
import { buildSolutionFiles } from '../support/fixture';
import { FakeConnection, waitFor as waitUntil } from '../support/lsp-fake';
import { rng, type Rng } from '../support/rng';

const ROOT = nodePath.resolve('/equivalence');
const DESK_ID = '6d5c4b3a-2f1e-4d0c-8b9a-7e6d5c4b3a21';

const SCRIPT_LINES = [
  "SET Counter TO Counter + 1",
  "Variables.AddItemToList Item: $'''step 12''' List: Items",
  "File.WriteText File: $'''%Folder%\\\\log.txt''' TextToWrite: $'''%Counter% done''' AppendNewLine: True",
  "SET Folder TO $'''C:\\\\Users\\\\jdoe\\\\Exports'''",
  "SET Api TO $'''https://api-dev.contoso.com/v2'''",
  "Web.InvokeWebService.InvokeWebServiceRequest Url: Api Method: Web.Method.Get Response=> Reply",
  "SET Password TO $'''Hunter2Secret!x'''",
  "# a note",
];
const SCRIPT_INSERTS = ['IF Counter > 3 THEN', 'END', 'ELSE', 'LOOP FOREACH Row IN Rows', "SET Note TO $'''open", "SET Mail TO $'''ops@fabrikam.com'''", ...SCRIPT_LINES];
const TYPED = ['x', 'a', ' ', '1', "'", '%', '\\\\', '.', 'dev', '@fabrikam.com'];
const FLOW_TYPED = ['x', 'a', '-dev', '"', '}', 'Password=Hunter2Hunter2;', '\\\\\\\\srv01\\\\share', '@contoso.com'];

const sessions: Session[] = [];
afterEach(() => { for (const s of sessions.splice(0)) s.dispose(); });

/** The random edit sequences re-lint many times: a longer wait than the other session tests. */
const waitFor = <T>(what: string, probe: () => T | undefined | false) => waitUntil(what, probe, 20_000);

function tree(script: string, bom: boolean): Record<string, string> {
  const files = buildSolutionFiles({
    uniqueName: 'Equivalence',
    desktopFlows: [{ name: 'Export', id: DESK_ID, script, inputs: [{ name: 'Input_Password', sensitive: false }] }],
    cloudFlows: [{
      name: 'Sync',
      definition: {
        actions: {
          Call: { type: 'Http', inputs: { method: 'GET', uri: 'https://api.contoso.com/x', headers: { Note: 'typed here' } } },
          Note: { type: 'Compose', inputs: 'ask billing for the report' },
          Share: { type: 'Compose', inputs: 'nothing yet' },
        },
      },
    }],
  });
  const out = Object.fromEntries(Object.entries(files).map(([rel, text]) => [nodePath.join(ROOT, rel), text]));
  if (bom) for (const p of Object.keys(out)) if (p.endsWith('.data.xml')) out[p] = `\uFEFF${out[p]}`;
  return out;
}

/** A session on `files`; `open` documents are opened before its first scan, which then reads them as they are. */
async function start(files: Record<string, string>, open: Array<{ uri: string; text: string; languageId: string }> = []) {
  const client = new FakeConnection();
  const session = connectSession(client, { disk: new MemoryVfs(files), debounceMs: 5, publishDelayMs: 1 });
  sessions.push(session);
  await client.request('initialize', { processId: null, rootUri: null, workspaceFolders: [{ uri: pathToUri(ROOT), name: 'eq' }], capabilities: {} });
  for (const doc of open) client.open(doc.uri, doc.text, doc.languageId, 1);
  client.notify('initialized', {});
  await waitFor('the first scan', () => client.statuses().find(s => s.scope === 'full'));
  return { client, session };
}

/** The last diagnostics published for each URI that has any, without the finding ids (a from-scratch run has the same ones). */
function shown(client: FakeConnection): Map<string, Diagnostic[]> {
  const last = new Map<string, PublishDiagnosticsParams>();
  for (const p of client.published) last.set(p.uri, p);
  return new Map([...last].filter(([, p]) => p.diagnostics.length).map(([uri, p]) => [uri, p.diagnostics]));
}

function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** A random edit of the script: [start, end) replaced by `insert`. */
function scriptEdit(r: Rng, text: string, eol: string): { start: number; end: number; insert: string } {
  const kind = r.int(0, 9);
  if (kind <= 5) {
    const quote = text.indexOf("'''", r.int(0, text.length));
    const at = quote >= 0 && r.next() < 0.7 ? quote + 3 + r.int(0, 2) : r.int(0, text.length);
    if (kind === 5 && at < text.length) return { start: at, end: at + 1, insert: '' };
    return { start: at, end: at, insert: r.pick(TYPED) };
  }
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map(m => m.index! + 1)];
  const line = r.int(0, lineStarts.length - 1);
  const start = lineStarts[line];
  if (kind === 6 && lineStarts.length > 2) {
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
    return { start, end, insert: '' };
  }
  return { start, end: start, insert: `${r.pick(SCRIPT_INSERTS)}${eol}` };
}

/** A random edit of the flow JSON: typing inside its string values (at times breaking the JSON). */
function flowEdit(r: Rng, text: string): { start: number; end: number; insert: string } {
  const anchors = ['typed here', 'ask billing', 'nothing yet', 'api.contoso.com'].map(a => text.indexOf(a)).filter(i => i >= 0);
  const at = (anchors.length ? r.pick(anchors) : r.int(0, text.length)) + r.int(0, 4);
  if (r.next() < 0.2) return { start: at, end: Math.min(text.length, at + 1), insert: '' };
  return { start: at, end: at, insert: r.pick(FLOW_TYPED) };
}

for (const variant of [{ seed: 1, crlf: false, bom: false }, { seed: 2, crlf: true, bom: true }]) {
  test(`30 random edits of a script editor and a flow: the diagnostics equal a from-scratch session's after each (${variant.crlf ? 'CRLF, BOM' : 'LF'})`, async () => {
    const r = rng(1400 + variant.seed);
    const eol = variant.crlf ? '\r\n' : '\n';
    let script = Array.from({ length: 40 }, () => r.pick(SCRIPT_LINES)).join(eol);
    const files = tree(script, variant.bom);
    const xmlPath = Object.keys(files).find(p => nodePath.basename(p).startsWith('Export-') && p.endsWith('.data.xml'))!;
    const flowPath = Object.keys(files).find(p => nodePath.basename(p).startsWith('Sync-') && p.endsWith('.json'))!;
    const scriptUri = `flowcop-script:${xmlPath}/Export.robin?id=${DESK_ID}`;
    const flowUri = pathToUri(flowPath);
    let flow = files[flowPath];

    const { client, session } = await start(files);
    client.open(scriptUri, script, 'robin', 1);
    client.open(flowUri, flow, 'json', 1);
    await waitFor('the opened documents', () => client.published.some(p => p.uri === scriptUri && p.version === 1) && client.published.some(p => p.uri === flowUri && p.version === 1));

    for (let step = 0; step < 30; step++) {
      const version = step + 2;
      const onScript = r.next() < 0.6;
      const uri = onScript ? scriptUri : flowUri;
      const before = onScript ? script : flow;
      const e = onScript ? scriptEdit(r, before, eol) : flowEdit(r, before);
      const after = before.slice(0, e.start) + e.insert + before.slice(e.end);
      client.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: positionOf(before, e.start), end: positionOf(before, e.end) }, text: e.insert }],
      });
      if (onScript) script = after;
      else flow = after;
      await waitFor(`diagnostics of version ${version}`, () => client.published.some(p => p.uri === uri && p.version === version));
      assert.equal(session.documents.get(uri)?.getText(), after, 'the incremental change applied as the test applied it');

      // From scratch: the same disk, the same unsaved texts open before a first scan (which lints them whole).
      const fresh = await start(files, [{ uri: scriptUri, text: script, languageId: 'robin' }, { uri: flowUri, text: flow, languageId: 'json' }]);
      await waitFor('the fresh session', () => fresh.client.published.some(p => p.uri === scriptUri && p.version === 1) && fresh.client.published.some(p => p.uri === flowUri && p.version === 1));
      assert.ok(!fresh.client.logs.some(l => /re-linted/.test(l)), 'the fresh session lints from scratch');
      assert.deepEqual(shown(client), shown(fresh.client), `edit ${step} of the ${onScript ? 'script' : 'flow'}: ${JSON.stringify(e)}`);
      fresh.session.dispose();
    }
    assert.ok(client.logs.some(l => /re-linted Equivalence .*1 flow re-read/.test(l)), 'edits were re-linted incrementally');
    assert.ok(client.logs.some(l => /re-linted Equivalence .*1 flow \(1 from its script editor\) re-read/.test(l)), 'script edits were taken from the script editor, the XML not read again');
  });
}
