// The change engine: composing edits, merging (overlaps refused), applying (bytes, BOM, encoding and
// line endings kept; files changed since analysis refused, all or nothing), overlays and diffs.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  applyChange, applyEdits, ChangeBuilder, ChangeOverlayVfs, conflicts, diskStore, mergeChanges, memoryStore, renderDiff, TextComposer, unifiedDiff,
} from '../../server/src/fix/change';
import { fixesFor } from '../../server/src/fix/fixes';
import { fixAll } from '../../server/src/fix/run';
import { DecodeResult, DiskVfs, MemoryVfs, decodeText } from '../../server/src/load/vfs';
import type { SourceFile } from '../../server/src/util/text';

function decoded(r: DecodeResult): SourceFile {
  if ('error' in r) throw new Error(r.error);
  return r.file;
}
import { createSourceFile } from '../../server/src/util/text';
import { applyPreferred, assertGoodFix, find, fixture, lint, read, treeHash } from './fix-support';
import { CLOUD, DESKTOP } from './fix-specs';

const literal = (text: string) => (f: { loc: { file: { text: string }; span: { start: number; end: number } } }) => f.loc.file.text.slice(f.loc.span.start, f.loc.span.end) === text;

describe('TextComposer', () => {
  test('edits on the changed text become minimal edits of the original', () => {
    const c = new TextComposer('abcdefghij');
    c.apply(2, 2, 'XY'); // abXYefghij
    c.apply(0, 0, '>'); // >abXYefghij
    c.apply(8, 1, ''); // >abXYefgij (drops h)
    assert.equal(c.text, '>abXYefgij');
    assert.deepEqual(c.edits(), [
      { span: { start: 0, end: 0 }, newText: '>' },
      { span: { start: 2, end: 4 }, newText: 'XY' },
      { span: { start: 7, end: 8 }, newText: '' },
    ]);
    assert.equal(applyEdits('abcdefghij', c.edits()), c.text);
  });

  test('a replacement that keeps most of the text is trimmed to what changes', () => {
    const c = new TextComposer('{\n  "a": 1\n}');
    c.apply(2, 8, '  "a": 1,\n  "b": 2');
    assert.deepEqual(c.edits(), [{ span: { start: 10, end: 10 }, newText: ',\n  "b": 2' }]);
  });

  test('an insertion inside inserted text stays one edit', () => {
    const c = new TextComposer('0123');
    c.apply(2, 0, 'abc');
    c.apply(3, 0, 'Z');
    assert.deepEqual(c.edits(), [{ span: { start: 2, end: 2 }, newText: 'aZbc' }]);
  });
});

describe('ChangeBuilder, merge, apply', () => {
  test('edits of the analysed text; overlapping edits of one builder are refused', () => {
    const file = createSourceFile('/x/a.txt', 'hello world', { hash: 'h' });
    const b = new ChangeBuilder();
    b.replace(file, { start: 0, end: 5 }, 'HELLO');
    assert.throws(() => b.replace(file, { start: 3, end: 7 }, 'x'), /overlapping/);
    b.insert(file, 11, '!');
    const c = b.build();
    assert.equal(applyEdits(file.text, c.files[0].edits), 'HELLO world!');
  });

  test('files inside a packed .zip are never edited', () => {
    const file = createSourceFile('/x/s.zip', 'text', { hash: 'h', entry: 'customizations.xml' });
    assert.throws(() => new ChangeBuilder().replace(file, { start: 0, end: 1 }, 'T'), /packed \.zip/);
  });

  test('merging refuses overlapping changes and keeps the others', () => {
    const file = createSourceFile('/x/a.txt', 'abcdef', { hash: 'h' });
    const one = new ChangeBuilder(); one.replace(file, { start: 0, end: 2 }, 'AB');
    const two = new ChangeBuilder(); two.replace(file, { start: 1, end: 3 }, 'Q');
    const three = new ChangeBuilder(); three.replace(file, { start: 4, end: 5 }, 'E');
    const touching = new ChangeBuilder(); touching.insert(file, 2, '+');
    const r = mergeChanges([one.build(), two.build(), three.build(), touching.build()]);
    assert.deepEqual(r.accepted, [0, 2]);
    assert.deepEqual(r.skipped, [1, 3]);
    assert.equal(applyEdits(file.text, r.change.files[0].edits), 'ABcdEf');
    const created = new ChangeBuilder(); created.create('/x/new.txt', 'a');
    const other = new ChangeBuilder(); other.create('/x/new.txt', 'b');
    assert.match(conflicts(created.build(), other.build())!, /both create/);
  });

  test('two environment-variable fixes in one flow compose: their parameters and settings entries join one append each', () => {
    const dir = fixture(CLOUD, 'unpacked', 'chg-compose');
    const r = lint(dir, 'Dev');
    const ctx = { workspace: r.workspace, configs: r.configs, environment: 'Dev' };
    const a = fixesFor(r.findings.find(literal('8c2f4e1a-3b5d-4c7e-9f0a-1b2c3d4e5f6a'))!, ctx)[0].change();
    const b = fixesFor(r.findings.find(literal('https://contoso.sharepoint.com/sites/Archive-Dev'))!, ctx)[0].change();
    assert.equal(conflicts(a, b), undefined);
    const merged = mergeChanges([a, b]);
    assert.deepEqual(merged.accepted, [0, 1]);
    assert.ok(applyChange(merged.change, diskStore()).ok);
    const after = lint(dir, 'Dev');
    assert.ok(!after.findings.some(literal('8c2f4e1a-3b5d-4c7e-9f0a-1b2c3d4e5f6a')) && !after.findings.some(literal('https://contoso.sharepoint.com/sites/Archive-Dev')));
    assert.deepEqual(after.findings.filter(f => f.ruleId === 'flowcop/parse-error'), []);
    const dev = JSON.parse(read(path.join(dir, 'config', 'Dev', 'deploymentSettings.json')));
    assert.deepEqual(dev.EnvironmentVariables.map((e: { SchemaName: string }) => e.SchemaName), ['cnt_SiteUrl', 'cnt_GetInvoicePropertiesList', 'cnt_ComposeArchiveLinkURL']);
    // Overlapping edits that are not appends still conflict: the same fix twice replaces the same literal.
    assert.match(conflicts(a, a)!, /overlapping edits/);
  });

  test('a file changed on disk after analysis is refused, and nothing of the change is written', () => {
    const dir = fixture(CLOUD, 'unpacked', 'chg-stale');
    const r = lint(dir, 'Dev');
    const f = r.findings.find(literal('8c2f4e1a-3b5d-4c7e-9f0a-1b2c3d4e5f6a'))!;
    const change = fixesFor(f, { workspace: r.workspace, configs: r.configs, environment: 'Dev' })[0].change();
    assert.ok(change.files.length >= 3 && change.creates.length === 1);
    const settingsFile = path.join(dir, 'config', 'Prod', 'deploymentSettings.json');
    fs.appendFileSync(settingsFile, '\n');
    const hash = treeHash(dir);
    const result = applyChange(change, diskStore());
    assert.equal(result.ok, false);
    assert.deepEqual(result.refused.map(x => [x.path, x.reason]), [[settingsFile, 'it changed since it was analysed']]);
    assert.equal(treeHash(dir), hash, 'nothing written');
  });

  test('BOM, CRLF and UTF-16 are kept; inserted lines use the file\'s own line ending and indentation', () => {
    const dir = fixture(CLOUD, 'unpacked', 'chg-bytes');
    const flow = find(dir, /Workflows\/ProcessInvoices-[0-9A-F-]+\.json$/);
    // The flow: BOM + CRLF + 4-space indentation. Prod settings: UTF-16LE with a BOM.
    const json = JSON.stringify(JSON.parse(read(flow)), null, 4).replace(/\n/g, '\r\n');
    fs.writeFileSync(flow, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json, 'utf8')]));
    const prod = path.join(dir, 'config', 'Prod', 'deploymentSettings.json');
    fs.writeFileSync(prod, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(read(prod), 'utf16le')]));
    const a = applyPreferred(dir, 'cloud/environment-specific-value', { environment: 'Dev', pick: literal('8c2f4e1a-3b5d-4c7e-9f0a-1b2c3d4e5f6a') });
    const bytes = fs.readFileSync(flow);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    assert.ok(!/[^\r]\n/.test(text), 'only CRLF line endings');
    assert.ok(text.includes('\r\n                "Get Invoice Properties List (cnt_GetInvoicePropertiesList)": {\r\n                    "defaultValue"'), 'indented like the file');
    // Everything outside the edits is byte-identical.
    const edits = a.change.files.find(f => f.path === flow)!.edits;
    assert.equal(applyEdits(decoded(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json, 'utf8')]), flow)).text, edits), text);
    const prodBytes = fs.readFileSync(prod);
    assert.deepEqual([...prodBytes.subarray(0, 2)], [0xff, 0xfe]);
    assert.ok(prodBytes.subarray(2).toString('utf16le').includes('"SchemaName": "cnt_GetInvoicePropertiesList"'));
    assertGoodFix(dir, a, { environment: 'Dev' });
  });

  test('a MemoryVfs store and the dry-run overlay (new folders visible to the next analysis)', () => {
    const vfs = new MemoryVfs({ '/m/a.txt': 'one' });
    const file = decoded(decodeText(vfs.readFile('/m/a.txt')!, '/m/a.txt'));
    const b = new ChangeBuilder();
    b.replace(file, { start: 0, end: 3 }, 'two');
    b.create('/m/sub/dir/b.txt', 'new');
    const overlay = new ChangeOverlayVfs(vfs);
    assert.ok(applyChange(b.build(), overlay).ok);
    assert.equal(Buffer.from(vfs.readFile('/m/a.txt')!).toString(), 'one', 'the base is untouched');
    assert.equal(Buffer.from(overlay.readFile('/m/a.txt')!).toString(), 'two');
    assert.deepEqual(overlay.readDir('/m')!.map(e => [e.name, e.isDirectory]), [['a.txt', false], ['sub', true]]);
    assert.ok(overlay.isDirectory('/m/sub/dir') && overlay.isFile('/m/sub/dir/b.txt'));
    assert.ok(applyChange(b.build(), memoryStore(vfs)).ok);
    assert.equal(Buffer.from(vfs.readFile('/m/sub/dir/b.txt')!).toString(), 'new');
  });
});

describe('diffs', () => {
  test('a unified diff with context, new files from /dev/null, and a missing final newline marked', () => {
    const d = unifiedDiff('/r/f.txt', 'a\nb\nc\nd\ne\nf\ng\nh\n', 'a\nb\nc\nD\ne\nf\ng\nh\n', { base: '/r' });
    assert.equal(d, '--- a/f.txt\n+++ b/f.txt\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n');
    assert.equal(unifiedDiff('/r/n.txt', undefined, 'x\ny', { base: '/r' }), '--- /dev/null\n+++ b/n.txt\n@@ -0,0 +1,2 @@\n+x\n+y\n\\ No newline at end of file\n');
    assert.equal(unifiedDiff('/r/f.txt', 'same\n', 'same\n'), '');
  });

  test('secrets being removed are masked in diffs', () => {
    const dir = fixture(DESKTOP, 'unpacked', 'chg-mask');
    const r = lint(dir);
    const change = fixesFor(r.findings.find(f => f.ruleId === 'pad/plaintext-secret')!, { workspace: r.workspace, configs: r.configs })[0].change();
    const diff = renderDiff(change, { base: dir });
    assert.ok(!diff.includes('Winter2025!'));
    assert.match(diff, /^-.*SET ErpPassword TO ••••••/m);
    assert.match(diff, /^\+.*PowerAutomateSecretVariables\.GetCredential/m);
  });
});

describe('fix rounds', () => {
  test('fixAll applies every preferred fix, in rounds, and a second run changes nothing', () => {
    const dir = fixture(DESKTOP, 'unpacked', 'chg-all');
    const first = fixAll({ paths: [dir], vfs: new DiskVfs(), store: diskStore(), environment: 'Dev' });
    assert.ok(first.applied.length >= 5, `applied ${first.applied.length}`);
    assert.ok(first.rounds > 1 && first.rounds <= 10);
    assert.deepEqual(first.refused, []);
    const remaining = first.analysis.findings.filter(f => f.severity === 'error');
    assert.deepEqual(remaining.map(f => f.ruleId), []);
    for (const a of first.applied) assert.ok(!a.title.includes('Winter2025!') && !(a.description ?? '').includes('Winter2025!'));
    const hash = treeHash(dir);
    const second = fixAll({ paths: [dir], vfs: new DiskVfs(), store: diskStore(), environment: 'Dev' });
    assert.equal(second.applied.length, 0);
    assert.equal(treeHash(dir), hash);
  });
});
