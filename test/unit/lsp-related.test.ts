// Folding in the editor (issue 12, item 5): a diagnostic lists the other places of the same rule and
// value as relatedInformation (same file first, capped), never showing the value itself; the preferred
// quick fix of a repeated value moves every place at once and says how many.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver';
import { analyze } from '../../server/src/findings/analyze';
import { groupByValue } from '../../server/src/findings/fold';
import { relatedPlaces, toDiagnostic } from '../../server/src/lsp/convert';
import { connectSession } from '../../server/src/lsp/server';
import { FakeConnection } from '../support/lsp-fake';
import type { Session } from '../../server/src/lsp/session';
import { pathToUri } from '../../server/src/lsp/uri';
import { DiskVfs } from '../../server/src/load/vfs';
import type { CloudFlowSpec, SolutionSpec } from '../support/fixture';
import { writeFixture } from '../support/fixture';
import { tempDir } from './fix-support';

const SP = '/providers/Microsoft.PowerApps/apis/shared_sharepointonline';
const SITE = 'https://contoso.sharepoint.com/sites/Finance-Dev';
const SECRET = 'c0ntoso-3rp-4udit-k3y-7f9a2b';

function flow(name: string, actions: number): CloudFlowSpec {
  const list: Record<string, unknown> = {};
  let previous: string | undefined;
  for (let i = 1; i <= actions; i++) {
    const key = `Get_items_${i}`;
    list[key] = {
      runAfter: previous ? { [previous]: ['Succeeded'] } : {}, type: 'OpenApiConnection',
      inputs: { host: { connectionName: 'shared_sharepointonline', operationId: 'GetItems', apiId: SP }, parameters: { dataset: SITE, table: `List${i}` }, authentication: "@parameters('$authentication')" },
    };
    previous = key;
  }
  list.Post_audit = {
    runAfter: previous ? { [previous]: ['Succeeded'] } : {}, type: 'Http',
    inputs: { method: 'POST', uri: 'https://api.contoso.com/audit', headers: { 'x-api-key': SECRET } },
    runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } },
  };
  return {
    name,
    uses: [{ key: 'shared_sharepointonline', logicalName: 'cnt_sharedsharepointonline_5f2a1' }],
    definition: { parameters: { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' } }, actions: list },
  };
}

/** The site twice in Orders, once in Invoices; the same key in both flows. */
function spec(): SolutionSpec {
  return {
    uniqueName: 'Related', prefix: 'cnt', version: '1.0.0.0',
    connectionReferences: [{ logicalName: 'cnt_sharedsharepointonline_5f2a1', displayName: 'SharePoint', connectorId: SP }],
    cloudFlows: [flow('Orders', 2), flow('Invoices', 1)],
  };
}

const flowPath = (dir: string, name: string) => {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const n of fs.readdirSync(d)) {
      const p = path.join(d, n);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (new RegExp(`${name}-[0-9A-F-]+\\.json$`).test(n)) found.push(p);
    }
  };
  walk(dir);
  assert.equal(found.length, 1);
  return found[0];
};

const siteText = (d: Diagnostic) => d.code === 'cloud/environment-specific-value' && String(d.message).includes(SITE);

describe('relatedInformation of a repeated value', () => {
  test('the other places of the same rule and value, same file first', () => {
    const dir = tempDir('related-unit');
    writeFixture(dir, spec(), 'unpacked');
    const run = analyze([dir], { vfs: new DiskVfs() });
    const groups = groupByValue(run.findings);
    const orders = flowPath(dir, 'Orders');
    const first = run.findings.find(f => f.loc.file.path === orders && f.ruleId === 'cloud/environment-specific-value' && f.message.includes(SITE))!;
    const related = relatedPlaces(first, groups.get(first));
    assert.equal(related.length, 2);
    assert.equal(related[0].location.uri, pathToUri(orders), 'the other place in the same file comes first');
    assert.equal(related[1].location.uri, pathToUri(flowPath(dir, 'Invoices')));
    const text = fs.readFileSync(orders, 'utf8').split('\n')[related[0].location.range.start.line];
    assert.equal(text.slice(related[0].location.range.start.character, related[0].location.range.end.character), SITE);
    assert.match(related[1].message, /^Same value \(cloud\/environment-specific-value\) in cloud flow "Invoices", Get_items_1$/);
    assert.equal(toDiagnostic(first, 'x', undefined, related).relatedInformation?.length, 2);
    assert.equal(toDiagnostic(first, 'x').relatedInformation, undefined, 'nothing related, no field');
  });

  test('a secret repeated in two flows is related by place, its value never shown', () => {
    const dir = tempDir('related-secret');
    writeFixture(dir, spec(), 'unpacked');
    const run = analyze([dir], { vfs: new DiskVfs() });
    const groups = groupByValue(run.findings);
    const secret = run.findings.find(f => f.ruleId === 'cloud/plaintext-secret')!;
    const related = relatedPlaces(secret, groups.get(secret));
    assert.equal(related.length, 1);
    assert.ok(related.every(r => !r.message.includes(SECRET)));
  });

  test('at most the cap', () => {
    const dir = tempDir('related-cap');
    writeFixture(dir, { ...spec(), cloudFlows: [flow('Orders', 30)] }, 'unpacked');
    const run = analyze([dir], { vfs: new DiskVfs() });
    const groups = groupByValue(run.findings);
    const first = run.findings.find(f => f.message.includes(SITE))!;
    assert.equal(groups.get(first)!.findings.length, 30);
    assert.equal(relatedPlaces(first, groups.get(first)).length, 20);
    assert.equal(relatedPlaces(first, groups.get(first), 5).length, 5);
  });
});

// ---- in the language server (a fake connection, as in lsp-session.test.ts) ----

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

async function start(folder: string): Promise<FakeConnection> {
  const client = new FakeConnection();
  sessions.push(connectSession(client, { debounceMs: 30, publishDelayMs: 5 }));
  await client.request('initialize', {
    processId: null, rootUri: null, workspaceFolders: [{ uri: pathToUri(folder), name: path.basename(folder) }],
    capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true } } },
    initializationOptions: { environment: 'Dev', settings: { enable: true, rulesCustomizations: [], getCredentialTemplate: '' } },
  });
  client.notify('initialized', {});
  const t0 = Date.now();
  while (!client.notifications.some(n => n.method === 'flowcop/scanStatus' && n.params?.scope === 'full')) {
    if (Date.now() - t0 > 10_000) assert.fail('timed out waiting for the first scan');
    await new Promise(resolve => setTimeout(resolve, 5));
  }
  return client;
}

describe('language server: repeated values', () => {
  test('a published diagnostic carries the other places of its value as relatedInformation', async () => {
    const dir = tempDir('related-lsp');
    writeFixture(dir, spec(), 'unpacked');
    const client = await start(dir);
    const orders = pathToUri(flowPath(dir, 'Orders'));
    const diags = (client.diagnostics(orders) ?? []).filter(siteText);
    assert.equal(diags.length, 2, JSON.stringify(client.diagnostics(orders)?.map(d => d.message)));
    for (const d of diags) {
      const uris = (d.relatedInformation ?? []).map(r => r.location.uri);
      assert.deepEqual(uris, [orders, pathToUri(flowPath(dir, 'Invoices'))]);
    }
  });

  test('the preferred quick fix moves every place of the value and says how many', async () => {
    const dir = tempDir('related-fix');
    writeFixture(dir, spec(), 'unpacked');
    const client = await start(dir);
    const orders = pathToUri(flowPath(dir, 'Orders'));
    const diag = (client.diagnostics(orders) ?? []).find(siteText)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: orders }, range: diag.range, context: { diagnostics: [diag] } });
    const preferred = actions.find(a => a.isPreferred);
    assert.ok(preferred, actions.map(a => a.title).join(' | '));
    assert.match(preferred.title, /\(3 places in 2 flows\)$/);
    const edited = (preferred.edit?.documentChanges ?? []).filter((c): c is TextDocumentEdit => 'textDocument' in c && 'edits' in c).map(c => c.textDocument.uri);
    assert.ok(edited.includes(pathToUri(flowPath(dir, 'Invoices'))), 'the other flow is edited too');
  });

  test("another file's diagnostics are sent again when a related place in them moves, and only then", async () => {
    const dir = tempDir('related-resend');
    writeFixture(dir, spec(), 'unpacked');
    const client = await start(dir);
    const ordersPath = flowPath(dir, 'Orders');
    const orders = pathToUri(ordersPath);
    const invoices = pathToUri(flowPath(dir, 'Invoices'));
    const sentTo = (uri: string) => client.published.filter(p => p.uri === uri).length;
    const edit = async (version: number, text: string) => {
      client.change(orders, version, text);
      const t0 = Date.now();
      while (!client.published.some(p => p.uri === orders && p.version === version)) {
        if (Date.now() - t0 > 10_000) assert.fail(`timed out waiting for version ${version}`);
        await new Promise(resolve => setTimeout(resolve, 5));
      }
    };
    let text = fs.readFileSync(ordersPath, 'utf8');
    client.open(orders, text, 'json', 1);
    const relatedInvoices = () => (client.diagnostics(invoices) ?? []).filter(siteText).flatMap(d => d.relatedInformation ?? []).filter(r => r.location.uri === orders);
    assert.ok(relatedInvoices().length > 0, 'the site in Invoices lists its places in Orders');
    const sent = sentTo(invoices);

    // A space typed before a value no rule reports: no place moves, Invoices is not sent again.
    assert.ok(text.includes('"POST"'));
    text = text.replace('"POST"', ' "POST"');
    await edit(2, text);
    assert.equal(sentTo(invoices), sent, 'nothing Invoices shows changed');

    // A line added at the top of Orders: its places move a line down, so Invoices' related places change.
    const before = relatedInvoices().map(r => r.location.range.start.line);
    text = text.replace('{', '{\n');
    await edit(3, text);
    assert.equal(sentTo(invoices), sent + 1, 'the related places in Orders moved');
    assert.deepEqual(relatedInvoices().map(r => r.location.range.start.line), before.map(l => l + 1));
  });
});
