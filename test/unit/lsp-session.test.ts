// The language-server session in process, through a fake connection: the test sends LSP requests and
// notifications by method name and reads what the session sent back (diagnostics, notifications, log lines).
// Short delays (debounce 30 ms) keep it to a few seconds; fixtures live in temporary folders or a MemoryVfs.
import AdmZip from 'adm-zip';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver';
import { MemoryVfs, Vfs } from '../../server/src/load/vfs';
import type { ScanStatus } from '../../server/src/lsp/protocol';
import { connectSession } from '../../server/src/lsp/server';
import { FakeConnection, waitFor } from '../support/lsp-fake';
import { locateScript } from '../../server/src/lsp/scriptFile';
import type { Session, SessionOptions } from '../../server/src/lsp/session';
import { pathToUri } from '../../server/src/lsp/uri';
import { buildSolutionFiles, writeFixture } from '../support/fixture';
import { DESK_ID, DESK_SCRIPT, yamlTree } from '../support/yaml-layout';
import { tempDir } from './fix-support';

const DEBOUNCE_MS = 30;
const USER_PATH_LITERAL = "$'''C:\\\\Users\\\\jdoe\\\\Exports'''";
const USER_PATH_LINE = `SET Folder TO ${USER_PATH_LITERAL}`;
const EXPORT_ID = '9d3e1f20-6a4b-4c5d-8e7f-0a1b2c3d4e5f';
const SAFE_LINE = "SET Folder TO $'''%Base%'''";

const nonEmpty = <T>(list: T[] | undefined): T[] | undefined => (list?.length ? list : undefined);

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

interface Started { client: FakeConnection; session: Session }

/** A session on `folders`, initialized, after its first scan. */
async function start(folders: string[], options: SessionOptions = {}, init: { environment?: string | null; configurationPull?: boolean } = {}): Promise<Started> {
  const client = new FakeConnection();
  const session = connectSession(client, { debounceMs: DEBOUNCE_MS, publishDelayMs: 5, ...options });
  sessions.push(session);
  await client.request('initialize', {
    processId: null, rootUri: null, workspaceFolders: folders.map(f => ({ uri: pathToUri(f), name: path.basename(f) })),
    capabilities: { workspace: { configuration: init.configurationPull ?? false } },
    initializationOptions: { environment: init.environment ?? null, settings: { enable: true, rulesCustomizations: [], getCredentialTemplate: '' } },
  });
  client.notify('initialized', {});
  await waitFor('the first scan', () => client.statuses().find(s => s.scope === 'full'));
  return { client, session };
}

/** A solution with a desktop flow whose script hard-codes a user path, an environment variable with settings for Dev and Prod (Prod's empty), and a loose script. */
function solutionFolder(): string {
  const dir = tempDir('lsp-session');
  writeFixture(dir, {
    uniqueName: 'Orders',
    desktopFlows: [{ name: 'Export', id: EXPORT_ID, script: USER_PATH_LINE }],
    environmentVariables: [{ schemaName: 'cr_Site', type: 100000000 }],
    settings: {
      Dev: { EnvironmentVariables: [{ SchemaName: 'cr_Site', Value: 'https://dev.example.com' }], ConnectionReferences: [] },
      Prod: { EnvironmentVariables: [{ SchemaName: 'cr_Site', Value: '' }], ConnectionReferences: [] },
    },
  });
  fs.writeFileSync(path.join(dir, 'loose.robin'), `${USER_PATH_LINE}\n`);
  return dir;
}

const PACKAGE_SCRIPT = ["@@ConnectionString: ''", USER_PATH_LINE, "SET Done TO $'''yes'''"].join('\r\n');

/** A solution whose desktop flow has no <Definition>: its script is the base64 zip package in the flow JSON (a v1 export). */
function v1Tree(): { files: Record<string, string>; jsonPath: string; flowId: string } {
  const flowId = '5b0c6a1e-0d2f-4c1a-9e3b-7a6d5c4b3a21';
  const zip = new AdmZip();
  const utf16 = (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]);
  zip.addFile('script.robin', utf16(PACKAGE_SCRIPT));
  zip.addFile('flow.manifest', utf16('{"Version":"2.0"}'));
  const files: Record<string, string> = {};
  let jsonPath = '';
  for (const [p, c] of Object.entries(buildSolutionFiles({ uniqueName: 'V1Flows', desktopFlows: [{ name: 'Export Orders', id: flowId, script: 'REMOVED' }] }))) {
    const abs = path.posix.join('/repo', p);
    if (/Workflows\/[^/]+\.json$/.test(p)) {
      jsonPath = abs;
      files[abs] = JSON.stringify({ properties: { definition: { package: zip.toBuffer().toString('base64') } } }, null, 2);
    } else files[abs] = c.replace(/\s*<Definition>[^<]*<\/Definition>/, '');
  }
  return { files, jsonPath, flowId };
}

const textAt = (text: string, d: Diagnostic) => {
  const lines = text.split('\n');
  assert.equal(d.range.start.line, d.range.end.line, 'a one-line range');
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
};

describe('language-server session (fake connection)', () => {
  test('the first scan publishes diagnostics with range, code, severity and the rule\'s documentation link', async () => {
    const dir = solutionFolder();
    const { client } = await start([dir]);
    const loose = pathToUri(path.join(dir, 'loose.robin'));
    const diags = client.diagnostics(loose);
    assert.ok(diags?.length === 1, JSON.stringify(diags));
    const [d] = diags;
    assert.equal(d.code, 'pad/environment-specific-path');
    assert.equal(d.source, 'flowcop');
    assert.equal(d.severity, 2, 'a warning');
    assert.equal(textAt(fs.readFileSync(path.join(dir, 'loose.robin'), 'utf8'), d), USER_PATH_LITERAL);
    assert.match(d.codeDescription?.href ?? '', /^file:.*\/docs\/rules\/pad\/environment-specific-path\.md$/);
    assert.equal((d.data as { ruleId: string }).ruleId, 'pad/environment-specific-path');
    const prod = pathToUri(path.join(dir, 'config', 'Prod', 'deploymentSettings.json'));
    assert.deepEqual(client.diagnostics(prod)?.map(x => x.code), ['settings/missing-value']);
  });

  test('an opened script outside the folders is linted; closing it clears its diagnostics', async () => {
    const { client } = await start([solutionFolder()]);
    const outside = path.join(tempDir('lsp-outside'), 'scratch.robin');
    fs.writeFileSync(outside, SAFE_LINE);
    const uri = pathToUri(outside);
    client.open(uri, USER_PATH_LINE);
    const diags = await waitFor('diagnostics of the opened script', () => nonEmpty(client.diagnostics(uri)));
    assert.deepEqual(diags.map(d => [d.code, textAt(USER_PATH_LINE, d)]), [['pad/environment-specific-path', USER_PATH_LITERAL]]);
    client.notify('textDocument/didClose', { textDocument: { uri } });
    await waitFor('the diagnostics cleared', () => client.diagnostics(uri)?.length === 0);
  });

  test('edits are debounced: a burst makes one re-lint, published after the delay', async () => {
    const dir = solutionFolder();
    const { client } = await start([dir]);
    const uri = pathToUri(path.join(dir, 'loose.robin'));
    client.open(uri, `${USER_PATH_LINE}\n`);
    const before = client.statuses().length;
    client.change(uri, 2, `${SAFE_LINE}\n`);
    client.change(uri, 3, `${USER_PATH_LINE}\n`);
    client.change(uri, 4, `${SAFE_LINE}\n`);
    assert.equal(client.diagnostics(uri)?.length, 1, 'nothing re-linted before the debounce');
    await waitFor('the re-lint', () => client.diagnostics(uri)?.length === 0);
    await new Promise(resolve => setTimeout(resolve, DEBOUNCE_MS * 3));
    const relints = client.statuses().slice(before);
    assert.deepEqual(relints.map(s => [s.scope, s.reason]), [['partial', 'edit']], 'one re-lint for three edits');
  });

  test('code actions: the quick fix and the suppression carry edits; the rule can be configured and its documentation shown', async () => {
    const dir = solutionFolder();
    const { client } = await start([dir]);
    const xml = fs.readdirSync(path.join(dir, 'Workflows')).find(n => n.endsWith('.data.xml'))!;
    const uri = pathToUri(path.join(dir, 'Workflows', xml));
    const [diag] = client.diagnostics(uri)!;
    assert.equal(diag.code, 'pad/environment-specific-path');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
    const byTitle = new Map(actions.map(a => [a.title, a]));
    const quick = byTitle.get('Make it the input variable Input_Folder');
    assert.ok(quick?.edit && quick.isPreferred, JSON.stringify(actions.map(a => a.title)));
    assert.ok(byTitle.get('Suppress pad/environment-specific-path for this line')?.edit);
    const configure = byTitle.get('Configure pad/environment-specific-path in flowcop.json');
    assert.ok(configure?.edit, 'creates flowcop.json');
    assert.equal(configure.command?.command, 'flowcop.revealText');
    assert.equal(byTitle.get('Show documentation for pad/environment-specific-path')?.command?.command, 'flowcop.showRuleDocumentation');
    assert.ok(actions.every(a => !a.disabled), JSON.stringify(actions.filter(a => a.disabled)));
  });

  test('a decoded-script editor of an XML <Definition>: diagnostics in the script, fixes that edit the editor', async () => {
    const dir = solutionFolder();
    const { client } = await start([dir]);
    const xmlPath = path.join(dir, 'Workflows', fs.readdirSync(path.join(dir, 'Workflows')).find(n => n.endsWith('.data.xml'))!);
    const located = locateScript(fs.readFileSync(xmlPath), xmlPath, EXPORT_ID);
    assert.ok(!('error' in located), JSON.stringify(located));
    const uri = `flowcop-script:${xmlPath}/Export.robin?id=${EXPORT_ID}`;
    client.open(uri, located.text);
    const [d] = await waitFor('the script editor\'s diagnostics', () => nonEmpty(client.diagnostics(uri)));
    assert.equal(textAt(located.text, d), USER_PATH_LITERAL);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [] } });
    const suppress = actions.find(a => a.title === 'Suppress pad/environment-specific-path for this line');
    const edited = (suppress?.edit?.documentChanges ?? []).map(c => ('textDocument' in c ? c.textDocument.uri : c.kind));
    assert.deepEqual(edited, [uri], 'the suppression edits the script editor, not the XML behind it');
  });

  test('hover on an environment variable in a settings file shows its value in the active environment', async () => {
    const dir = solutionFolder();
    const { client } = await start([dir], {}, { environment: 'Dev' });
    const file = path.join(dir, 'config', 'Dev', 'deploymentSettings.json');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex(l => l.includes('cr_Site'));
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: pathToUri(file) }, position: { line, character: lines[line].indexOf('cr_Site') } });
    const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(value, /environment variable `cr_Site`/);
    assert.match(value, /In \*\*Dev\*\*: `https:\/\/dev\.example\.com`/);
    const nothing = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: pathToUri(file) }, position: { line: 0, character: 0 } });
    assert.equal(nothing, null);
  });

  test('switching the environment scans again and re-publishes: another environment\'s settings findings go', async () => {
    const dir = solutionFolder();
    const { client } = await start([dir]);
    const prod = pathToUri(path.join(dir, 'config', 'Prod', 'deploymentSettings.json'));
    assert.equal(client.diagnostics(prod)?.length, 1);
    const status = await client.request<ScanStatus | null>('flowcop/setEnvironment', { environment: 'Dev' });
    assert.deepEqual([status?.scope, status?.reason, status?.environment], ['full', 'environment switched', 'Dev']);
    assert.deepEqual(client.diagnostics(prod), []);
    assert.equal((await client.request<{ active: string | null }>('flowcop/environments')).active, 'Dev');
    await client.request('flowcop/setEnvironment', { environment: null });
    assert.equal(client.diagnostics(prod)?.length, 1, 'back with all environments');
  });

  test('a configuration change (a severity override) is pulled and applied by a new scan', async () => {
    const dir = solutionFolder();
    const { client } = await start([dir], {}, { configurationPull: true });
    const uri = pathToUri(path.join(dir, 'loose.robin'));
    assert.equal(client.diagnostics(uri)?.[0].severity, 2);
    client.configuration = { enable: true, rules: { customizations: [{ rule: 'pad/*', severity: 'error' }] }, getCredentialTemplate: '' };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await waitFor('the scan after the settings change', () => client.statuses().some(s => s.reason === 'settings changed'));
    assert.equal(client.diagnostics(uri)?.[0].severity, 1, 'now an error');
  });

  test('a file change on disk re-lints its unit', async () => {
    const dir = solutionFolder();
    const { client } = await start([dir]);
    const file = path.join(dir, 'loose.robin');
    fs.writeFileSync(file, `${SAFE_LINE}\n`);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(file), type: 2 }] });
    await waitFor('the re-lint', () => client.diagnostics(pathToUri(file))?.length === 0);
  });
});

describe('language-server session: decoded-script editors and failures', () => {
  const YAML_ROOT = '/w/src/solutions/demo_core';
  const deskFile = `${YAML_ROOT}/workflows/${DESK_ID}/workflow.yml`;
  const scriptUri = `flowcop-script:${deskFile}/Invoices%20Desk.robin?id=${DESK_ID}`;

  test('a read-only script editor gets its findings in the script\'s text, and a disabled quick fix saying why', async () => {
    const { client } = await start(['/w'], { disk: new MemoryVfs(yamlTree()) });
    client.open(scriptUri, DESK_SCRIPT);
    const diags = await waitFor('the script editor\'s diagnostics', () => nonEmpty(client.diagnostics(scriptUri)));
    const d = diags.find(x => x.code === 'pad/environment-specific-path');
    assert.ok(d, JSON.stringify(diags));
    assert.equal(d.range.start.line, 1, 'the SET line of the script, not of workflow.yml');
    assert.match(DESK_SCRIPT.split('\r\n')[1].slice(d.range.start.character, d.range.end.character), /Users/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: scriptUri }, range: d.range, context: { diagnostics: [] } });
    const disabled = actions.filter(a => a.disabled);
    assert.ok(disabled.length >= 1, JSON.stringify(actions));
    assert.match(disabled[0].disabled!.reason, /YAML/);
    assert.ok(actions.every(a => !a.edit), 'nothing editable is offered');
  });

  test('a v1 package script editor (no <Definition>) gets its findings and the disabled quick fix with the reason', async () => {
    const { files, jsonPath, flowId } = v1Tree();
    const { client } = await start(['/repo'], { disk: new MemoryVfs(files) });
    const uri = `flowcop-script:${jsonPath}/Export%20Orders.robin?id=${flowId}`;
    client.open(uri, PACKAGE_SCRIPT);
    const diags = await waitFor('the script editor\'s diagnostics', () => nonEmpty(client.diagnostics(uri)));
    const d = diags.find(x => x.code === 'pad/environment-specific-path');
    assert.ok(d, JSON.stringify(diags));
    assert.equal(d.range.start.line, 1);
    // Without the diagnostics (as VS Code asks for a range), the findings there are found through the same predicate.
    for (const named of [[d], []]) {
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: named } });
      const disabled = actions.find(a => a.disabled);
      assert.match(disabled?.disabled?.reason ?? '', /package/, JSON.stringify(actions));
      assert.ok(actions.every(a => !a.edit));
    }
  });

  test('a scan that throws is logged; the session keeps serving and scans again on request', async () => {
    // The engine turns its own failures into findings (next test); what is left to throw is the way out:
    // here the connection refuses diagnostics during the first scan.
    class BrokenPipe extends FakeConnection {
      broken = true;
      override sendDiagnostics(params: PublishDiagnosticsParams) {
        if (this.broken) throw new Error('pipe closed');
        super.sendDiagnostics(params);
      }
    }
    const client = new BrokenPipe();
    const session = connectSession(client, { disk: new MemoryVfs(yamlTree()), debounceMs: DEBOUNCE_MS, publishDelayMs: 5 });
    sessions.push(session);
    await client.request('initialize', { processId: null, rootUri: pathToUri('/w'), capabilities: {} });
    client.notify('initialized', {});
    await waitFor('the error logged', () => client.errors.some(e => /^scan failed: Error: pipe closed/.test(e)));
    assert.equal(client.published.length, 0);
    const model = await client.request<{ solutions: Array<{ uniqueName: string }> }>('flowcop/model');
    assert.deepEqual(model.solutions.map(x => x.uniqueName), ['demo_core'], 'answers from what the scan loaded');
    client.broken = false;
    const status = await client.request<ScanStatus | null>('flowcop/rescan');
    assert.deepEqual([status?.reason, status?.solutions], ['rescan requested', 1]);
    assert.ok(client.diagnostics(pathToUri(deskFile))?.some(d => d.code === 'pad/environment-specific-path'));
  });

  test('a file whose reading throws becomes a parse-error finding; the rest is linted', async () => {
    const files = new MemoryVfs(yamlTree());
    const failing: Vfs = {
      readFile: p => { if (p === deskFile) throw new Error('bad sector'); return files.readFile(p); },
      readDir: p => files.readDir(p),
      isDirectory: p => files.isDirectory(p),
      isFile: p => files.isFile(p),
    };
    const { client } = await start(['/w'], { disk: failing });
    const diags = client.diagnostics(pathToUri(deskFile)) ?? [];
    assert.ok(diags.some(d => d.code === 'flowcop/parse-error'), JSON.stringify(diags));
    assert.ok(client.published.some(p => p.uri.endsWith('.json') && p.diagnostics.some(d => d.code === 'cloud/plaintext-secret')), 'the cloud flow is still linted');
  });
});
