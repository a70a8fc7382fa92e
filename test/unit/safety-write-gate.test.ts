// The fix engine's write gate: every path is resolved against the tree root, must stay inside it,
// must not be or pass through a symbolic link (dangling ones included), and a round of fixes is
// all or nothing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../server/src/cli';
import { applyChange, ChangeBuilder, diskStore, FileStore } from '../../server/src/fix/change';
import { fixAll } from '../../server/src/fix/run';
import { gatedWrite, gatePath, RawWriter, nodeWriter, WriteRefused, WriteTransaction } from '../../server/src/fix/write-gate';
import { DiskVfs } from '../../server/src/load/vfs';
import { repoRoot } from '../support/corpus';
import { diskCli, tempDir, treeHash } from './fix-support';

const cli = diskCli;

/** <tmp>/work/repo holding the example, and an empty <tmp>/work/outside. */
function workTree(): { work: string; repo: string; outside: string; definitions: string } {
  const work = path.join(tempDir('gate'), 'work');
  const repo = path.join(work, 'repo');
  const outside = path.join(work, 'outside');
  fs.mkdirSync(repo, { recursive: true });
  fs.mkdirSync(outside);
  fs.cpSync(path.join(repoRoot(), 'examples'), repo, { recursive: true });
  return { work, repo, outside, definitions: path.join(repo, 'ContosoInvoiceProcessing', 'environmentvariabledefinitions') };
}

/** The definition the example's cloud/plaintext-secret fix creates (see fix-cli.test.ts). */
const NEW_SCHEMA = 'cnt_PostToERPAuditLogKey';

function listing(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort();
}

describe('safety: the write gate of --fix', () => {
  test('a dangling symlink planted at the path of a new definition is not written through', () => {
    const { repo, outside, definitions } = workTree();
    fs.mkdirSync(path.join(definitions, NEW_SCHEMA));
    fs.symlinkSync(path.join(outside, 'planted.xml'), path.join(definitions, NEW_SCHEMA, 'environmentvariabledefinition.xml'));
    const run = cli(repo);
    runCli(['lint', '.', '--fix', '--env', 'Dev'], run.io);
    assert.deepEqual(listing(outside), [], 'nothing written through the link');
    assert.match(run.err(), /not written: .*symbolic link/, run.err());
  });

  test('a symlinked folder on the way to a new definition is not written through', () => {
    const { repo, outside, definitions } = workTree();
    fs.symlinkSync(outside, path.join(definitions, NEW_SCHEMA), 'dir');
    const run = cli(repo);
    runCli(['lint', '.', '--fix', '--env', 'Dev'], run.io);
    assert.deepEqual(listing(outside), []);
    assert.match(run.err(), /not written: .*symbolic link/, run.err());
  });

  test('the dry run refuses what --fix would refuse, and still writes nothing', () => {
    const { repo, outside, definitions } = workTree();
    fs.symlinkSync(outside, path.join(definitions, NEW_SCHEMA), 'dir');
    const hash = treeHash(repo);
    const run = cli(repo);
    runCli(['lint', '.', '--fix-dry-run', '--env', 'Dev'], run.io);
    assert.deepEqual(listing(outside), []);
    assert.equal(treeHash(repo), hash);
    assert.match(run.err(), /not written: .*symbolic link/, run.err());
  });

  test('a refused round writes nothing at all (the flow is not left reading a variable that was never created)', () => {
    const { repo, definitions } = workTree();
    fs.mkdirSync(path.join(definitions, NEW_SCHEMA));
    fs.symlinkSync('/nonexistent/planted.xml', path.join(definitions, NEW_SCHEMA, 'environmentvariabledefinition.xml'));
    const hash = treeHash(path.join(repo, 'ContosoInvoiceProcessing', 'Workflows'));
    const result = fixAll({ paths: [repo], vfs: new DiskVfs(), store: diskStore(), environment: 'Dev', maxRounds: 1 });
    assert.ok(result.refused.length > 0);
    assert.equal(treeHash(path.join(repo, 'ContosoInvoiceProcessing', 'Workflows')), hash, 'no flow was edited');
  });

  test('applyChange refuses a path outside the roots, and writes nothing of the change', () => {
    const { repo, outside } = workTree();
    const b = new ChangeBuilder();
    b.create(path.join(repo, 'inside.txt'), 'in');
    b.create(path.join(repo, '..', 'outside', 'escaped.txt'), 'out');
    const result = applyChange(b.build(), diskStore(), { roots: [repo] });
    assert.equal(result.ok, false);
    assert.match(result.refused[0].reason, /outside the tree/);
    assert.ok(!fs.existsSync(path.join(repo, 'inside.txt')));
    assert.deepEqual(listing(outside), []);
  });

  test('a write failing midway undoes the whole round: edited files restored, new files and folders removed, the run reports it', () => {
    const { repo } = workTree();
    const hash = treeHash(repo);
    const disk = diskStore();
    let writes = 0;
    const failing: FileStore = {
      ...disk,
      readFile: p => disk.readFile(p),
      writeFile: (p, bytes, root) => {
        // Fail on the new definition, after the flow and the settings were written.
        if (p.endsWith('environmentvariabledefinition.xml')) throw new Error('no space left on device (simulated)');
        writes++;
        disk.writeFile(p, bytes, root);
      },
      removeFile: p => disk.removeFile!(p),
      checkWrite: (p, root) => disk.checkWrite!(p, root),
    };
    const result = fixAll({ paths: [repo], vfs: new DiskVfs(), store: failing, environment: 'Dev' });
    assert.ok(writes > 0, 'some files were written before the failure');
    assert.equal(treeHash(repo), hash, 'every file is as it was');
    assert.ok(result.refused.some(r => /no space left on device/.test(r.reason) && /restored|undone/.test(r.reason)), JSON.stringify(result.refused));
    assert.equal(result.applied.length, 0);
    assert.equal(result.writeFailed, true);
  });
});

describe('safety: write-gate primitives', () => {
  test('gatePath refuses escapes, links and non-files; reports folders to create', () => {
    const root = tempDir('gate-prim');
    fs.mkdirSync(path.join(root, 'a'));
    fs.writeFileSync(path.join(root, 'a', 'f.txt'), 'x');
    fs.symlinkSync('/etc', path.join(root, 'link'));
    fs.symlinkSync('/nonexistent', path.join(root, 'dangling'));
    assert.throws(() => gatePath(root, path.join(root, '..', 'x')), WriteRefused);
    assert.throws(() => gatePath(root, root), WriteRefused);
    assert.throws(() => gatePath(root, path.join(root, 'link', 'passwd')), /symbolic link/);
    assert.throws(() => gatePath(root, path.join(root, 'dangling')), /symbolic link/);
    assert.throws(() => gatePath(root, path.join(root, 'a')), /not a regular file/);
    assert.throws(() => gatePath(root, path.join(root, 'a', 'f.txt', 'g')), /not a folder/);
    const ok = gatePath(root, path.join(root, 'b', 'c', 'new.txt'));
    assert.deepEqual(ok.missingDirs.map(d => path.relative(ok.root, d)), ['b', path.join('b', 'c')]);
    assert.equal(gatePath(root, path.join(root, 'a', 'f.txt')).exists, true);
  });

  test('gatedWrite goes through a temporary file and a rename, and keeps the mode', () => {
    const root = tempDir('gate-write');
    const target = path.join(root, 'x', 'f.txt');
    const seen: string[] = [];
    const spy: RawWriter = { ...nodeWriter, writeNew: (p, b, m) => { seen.push(`new ${path.basename(p)}`); nodeWriter.writeNew(p, b, m); }, rename: (a, b) => { seen.push(`rename ${path.basename(a)} ${path.basename(b)}`); nodeWriter.rename(a, b); } };
    gatedWrite(root, target, Buffer.from('one'), spy);
    fs.chmodSync(target, 0o640);
    gatedWrite(root, target, Buffer.from('two'), spy);
    assert.equal(fs.readFileSync(target, 'utf8'), 'two');
    assert.equal(fs.statSync(target).mode & 0o777, 0o640);
    assert.match(seen[0], /^new \.f\.txt\.flowcop-\d+-\d+\.tmp$/);
    assert.match(seen[1], /^rename \.f\.txt\.flowcop-\d+-\d+\.tmp f\.txt$/);
    assert.deepEqual(fs.readdirSync(path.join(root, 'x')), ['f.txt'], 'no temporary file left');
  });

  test('WriteTransaction.rollback restores edited files and removes new files and folders', () => {
    const root = tempDir('gate-tx');
    fs.writeFileSync(path.join(root, 'kept.txt'), 'before');
    const tx = new WriteTransaction(root);
    tx.write(path.join(root, 'kept.txt'), Buffer.from('after'));
    tx.write(path.join(root, 'new', 'deep', 'n.txt'), Buffer.from('n'));
    assert.deepEqual(tx.rollback(), []);
    assert.equal(fs.readFileSync(path.join(root, 'kept.txt'), 'utf8'), 'before');
    assert.deepEqual(fs.readdirSync(root), ['kept.txt']);
  });
});
