// "Unpack Solution Zip" (server/src/fix/unpack-plan.ts and unpack.ts, called by the client): the whole archive is judged before
// anything is written, the target may not be or pass through a symbolic link, the size of what is
// written is capped (declared and actual bytes), and a failure midway leaves nothing behind.
import AdmZip from 'adm-zip';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { extract, readZipEntries } from '../../server/src/fix/unpack';
import { DEFAULT_UNPACK_LIMITS, ExtractionPlan, planExtraction, UnpackLimits } from '../../server/src/fix/unpack-plan';
import { nodeWriter, RawWriter } from '../../server/src/fix/write-gate';
import { tempDir } from './fix-support';

function makeZip(dir: string, name: string, files: Record<string, Buffer | string>): string {
  const zip = new AdmZip();
  for (const [entry, content] of Object.entries(files)) zip.addFile(entry, Buffer.isBuffer(content) ? content : Buffer.from(content));
  const p = path.join(dir, name);
  zip.writeZip(p);
  return p;
}

/** Plans and extracts like the command does; returns the plan or the refusals. */
function unpack(zipPath: string, parent: string, limits: UnpackLimits = DEFAULT_UNPACK_LIMITS, writer?: RawWriter) {
  const { zip, entries } = readZipEntries(zipPath);
  const plan = planExtraction(entries, parent, path.basename(zipPath).replace(/\.zip$/i, ''), limits);
  if ('unsafe' in plan) return plan;
  return { plan, count: extract(zip, plan as ExtractionPlan, limits, writer) };
}

function tree(dir: string): string[] {
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort() : [];
}

const SOLUTION = { 'solution.xml': '<ImportExportXml/>', 'customizations.xml': '<ImportExportXml/>', 'Workflows/flow.json': '{}' };

describe('safety: unpacking a solution zip', () => {
  test('a healthy archive is extracted, through temporary files, with nothing extra left', () => {
    const dir = tempDir('unpack-ok');
    const parent = path.join(dir, 'out');
    fs.mkdirSync(parent);
    const result = unpack(makeZip(dir, 'Contoso.zip', SOLUTION), parent);
    assert.ok(!('unsafe' in result), JSON.stringify(result));
    assert.equal(result.count, 3);
    assert.deepEqual(tree(parent), ['Contoso', 'Contoso/Workflows', 'Contoso/Workflows/flow.json', 'Contoso/customizations.xml', 'Contoso/solution.xml'].map(p => p.split('/').join(path.sep)));
  });

  test('a symlink planted at the target folder name is refused, nothing written through it', () => {
    const dir = tempDir('unpack-link');
    const ssh = path.join(dir, 'home', '.ssh');
    fs.mkdirSync(ssh, { recursive: true });
    const parent = path.join(dir, 'downloads');
    fs.mkdirSync(parent);
    fs.symlinkSync(ssh, path.join(parent, 'Contoso'));
    const result = unpack(makeZip(dir, 'Contoso.zip', { ...SOLUTION, authorized_keys: 'ssh-rsa ATTACKER' }), parent);
    assert.ok('unsafe' in result);
    assert.match(result.unsafe[0].reason, /symbolic link/);
    assert.deepEqual(tree(ssh), []);
  });

  test('a symlinked folder inside an existing target is refused before anything is written', () => {
    const dir = tempDir('unpack-half');
    const outside = path.join(dir, 'outside');
    fs.mkdirSync(outside);
    const parent = path.join(dir, 'out');
    fs.mkdirSync(path.join(parent, 'half'), { recursive: true });
    fs.symlinkSync(outside, path.join(parent, 'half', 'link'));
    const result = unpack(makeZip(dir, 'half.zip', { ...SOLUTION, 'a/one.xml': '1', 'link/two.xml': '2' }), parent);
    assert.ok('unsafe' in result);
    assert.deepEqual(tree(path.join(parent, 'half')), ['link'], 'no half-extracted tree');
    assert.deepEqual(tree(outside), []);
  });

  test('bad names anywhere in the archive refuse all of it, and create nothing', () => {
    const dir = tempDir('unpack-names');
    const parent = path.join(dir, 'out');
    fs.mkdirSync(parent);
    const cases: Array<[string, RegExp]> = [['../../escaped.txt', /'\.\.'/], ['/abs.txt', /absolute/], ['C:/x.txt', /drive letter/], ['Solution.XML', /duplicate/], ['workflows/FLOW.json', /duplicate/], ['a\u001b[2Jb.txt', /control character/]];
    for (const [name, why] of cases) {
      const zip = new AdmZip();
      for (const [entry, content] of Object.entries(SOLUTION)) zip.addFile(entry, Buffer.from(content));
      zip.addFile('placeholder.txt', Buffer.from('x'));
      // adm-zip normalises names on add; write the raw name into the archive's directory.
      zip.getEntries()[3].entryName = name;
      const p = path.join(dir, 'bad.zip');
      zip.writeZip(p);
      const result = unpack(p, parent);
      assert.ok('unsafe' in result, name);
      assert.ok(result.unsafe.some(u => why.test(u.reason)), `${JSON.stringify(name)}: ${JSON.stringify(result.unsafe)}`);
      assert.deepEqual(tree(parent), [], 'nothing created, not even the target folder');
    }
  });

  test('symbolic-link entries are refused', () => {
    const dir = tempDir('unpack-symentry');
    const zip = new AdmZip();
    zip.addFile('solution.xml', Buffer.from('<x/>'));
    zip.addFile('evil', Buffer.from('/etc/passwd'));
    zip.getEntries()[1].header.attr = (0o120777 << 16) >>> 0; // a Unix symbolic link
    const p = path.join(dir, 'evil.zip');
    zip.writeZip(p);
    fs.mkdirSync(path.join(dir, 'out'));
    const result = unpack(p, path.join(dir, 'out'));
    assert.ok('unsafe' in result && result.unsafe.some(u => /symbolic link/.test(u.reason)));
  });

  test('caps: entry count, declared total size, compression ratio (a 64 MiB bomb in 65 KB)', () => {
    const dir = tempDir('unpack-caps');
    const parent = path.join(dir, 'out');
    fs.mkdirSync(parent);
    const bomb = unpack(makeZip(dir, 'bomb.zip', { 'solution.xml': '<x/>', 'big.bin': Buffer.alloc(64 * 1024 * 1024) }), parent);
    assert.ok('unsafe' in bomb && bomb.unsafe.some(u => /compression ratio/.test(u.reason)), JSON.stringify(bomb));
    const many = unpack(makeZip(dir, 'many.zip', Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}.xml`, 'x']).concat([['solution.xml', '<x/>']]))), parent, { ...DEFAULT_UNPACK_LIMITS, maxEntries: 20 });
    assert.ok('unsafe' in many && /more than the limit of 20/.test(many.unsafe[0].reason));
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251));
    const big = unpack(makeZip(dir, 'big.zip', { 'solution.xml': '<x/>', 'a.bin': random, 'b.bin': random }), parent, { ...DEFAULT_UNPACK_LIMITS, maxTotalBytes: 6000 });
    assert.ok('unsafe' in big && big.unsafe.some(u => /bytes uncompressed, more than the limit/.test(u.reason)), JSON.stringify(big));
    assert.deepEqual(tree(parent), []);
  });

  test('an entry that inflates to more than it declares is stopped at its declared size, and the extraction is undone', () => {
    const dir = tempDir('unpack-liar');
    const parent = path.join(dir, 'out');
    fs.mkdirSync(parent);
    const p = makeZip(dir, 'liar.zip', { 'solution.xml': '<x/>', 'big.xml': Buffer.alloc(200_000, 0x61) });
    // Declare 1,000 bytes for big.xml in the central directory (offset 24: uncompressed size).
    const bytes = fs.readFileSync(p);
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (bytes.readUInt32LE(i) !== 0x02014b50) continue;
      const nameLength = bytes.readUInt16LE(i + 28);
      if (bytes.subarray(i + 46, i + 46 + nameLength).toString() === 'big.xml') bytes.writeUInt32LE(1000, i + 24);
    }
    fs.writeFileSync(p, bytes);
    assert.throws(() => unpack(p, parent), /more than its declared 1000 bytes/);
    assert.deepEqual(tree(parent), [], 'the files written before were removed');
  });

  test('a write failing midway removes everything the extraction wrote', () => {
    const dir = tempDir('unpack-fail');
    const parent = path.join(dir, 'out');
    fs.mkdirSync(parent);
    let n = 0;
    const failing: RawWriter = { ...nodeWriter, writeNew: (p, b, m) => { if (++n === 3) throw new Error('no space left on device (simulated)'); nodeWriter.writeNew(p, b, m); } };
    assert.throws(() => unpack(makeZip(dir, 'Contoso.zip', SOLUTION), parent, DEFAULT_UNPACK_LIMITS, failing), /no space left on device.*nothing of it was kept/);
    assert.deepEqual(tree(parent), []);
  });
});
