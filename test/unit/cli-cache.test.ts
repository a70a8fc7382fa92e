// `flowcop lint --cache` as a user meets it: the report is byte for byte the report without the cache
// (text, JSON, SARIF; one thread or two workers; cold and warm); a cache file that cannot be used is
// noted in one line and never stops the run; writes are atomic; entries of units that are gone are
// dropped; no secret reaches the file; flowcop.json problems are reported on warm runs too; --fix
// ignores the cache.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CliIO, runCli, runCliAsync } from '../../server/src/cli';
import { DiskVfs } from '../../server/src/load/vfs';
import { repoRoot } from '../support/corpus';
import { writeFixture } from '../support/fixture';

const ROOT = repoRoot();
const WORKER = path.join(__dirname, '..', '..', 'server', 'src', 'cli.js');
let work = '';
let copies = 0;

/** A working folder holding a fresh copy of the labelled tree at `tree/`. */
function workspace(): string {
  const dir = path.join(work, `w${++copies}`);
  fs.cpSync(path.join(ROOT, 'test/eval/tree'), path.join(dir, 'tree'), { recursive: true });
  return dir;
}

interface Outcome { code: number; out: string; err: string }

function io(cwd: string, out: string[], err: string[]): CliIO {
  return {
    stdout: s => out.push(s), stderr: s => err.push(s), cwd, vfs: new DiskVfs(), isTTY: false, env: {},
    writeFile: (p, c) => { fs.mkdirSync(path.dirname(p), { recursive: true }); fs.writeFileSync(p, c); },
  };
}

async function lint(cwd: string, args: string[]): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCliAsync(['lint', ...args], io(cwd, out, err), WORKER);
  return { code, out: out.join(''), err: err.join('') };
}

/** The one cache file in the default folder. */
function cacheFileIn(cwd: string): string {
  const files = fs.readdirSync(path.join(cwd, '.flowcop-cache'));
  assert.equal(files.length, 1, `one file in .flowcop-cache: ${files.join(', ')}`);
  return path.join(cwd, '.flowcop-cache', files[0]);
}

describe('lint --cache', () => {
  before(() => { work = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-cache-cli-')); });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  test('the report is byte for byte the one without the cache: text, JSON, SARIF; --jobs 1 and 2; cold and warm', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      const cwd = workspace();
      const plain = await lint(cwd, ['tree', '--format', format, '--jobs', '1']);
      assert.ok(plain.out.length > 1000);
      for (const jobs of ['1', '2']) {
        fs.rmSync(path.join(cwd, '.flowcop-cache'), { recursive: true, force: true });
        for (const run of ['cold', 'warm']) {
          const cached = await lint(cwd, ['tree', '--format', format, '--jobs', jobs, '--cache']);
          assert.equal(cached.out, plain.out, `${format}, --jobs ${jobs}, ${run}`);
          assert.equal(cached.err, plain.err);
          assert.equal(cached.code, plain.code);
        }
      }
      // A warm run after a change: the changed unit fresh, the others cached, the same report as without.
      const flowDir = path.join(cwd, 'tree/solutions/SupplierSync/Workflows');
      const flow = path.join(flowDir, fs.readdirSync(flowDir).find(n => n.endsWith('.json'))!);
      fs.writeFileSync(flow, fs.readFileSync(flow, 'utf8').replace(/https:\/\/[a-z.]+/, 'https://other.example.org'));
      fs.appendFileSync(path.join(cwd, 'tree/desktop-scripts/warehouse/printer-queue-cleanup.robin'),
        "\r\nSET ReportFolder TO $'''C:\\Reports\\Out'''\r\nFolder.Create FolderPath: ReportFolder FolderName: $'''x''' Folder=> NewFolder\r\n");
      const changed = await lint(cwd, ['tree', '--format', format, '--jobs', '1']);
      assert.notEqual(changed.out, plain.out);
      assert.equal((await lint(cwd, ['tree', '--format', format, '--jobs', '2', '--cache'])).out, changed.out);
    }
  });

  test('a corrupt, truncated or other-version cache file: one note, the same report, then a good file', async () => {
    const cwd = workspace();
    const plain = await lint(cwd, ['tree', '--format', 'json', '--jobs', '1']);
    await lint(cwd, ['tree', '--format', 'json', '--jobs', '1', '--cache']);
    const file = cacheFileIn(cwd);
    const good = fs.readFileSync(file, 'utf8');
    const damaged: Array<[string, RegExp]> = [
      [good.slice(0, good.length >> 1), /is corrupt \(not valid JSON\)/],
      [good.replace(/"engine":"[^"]*"/, '"engine":"1/0.0.1/x"'), /written by another FlowCop version or build/],
      [good.replace(/"p":\{"line":\d+/, '"p":{"line":"one"'), /is corrupt \(unexpected content\)/],
      ['flowcop-lint-cache\nnull', /is corrupt \(unexpected content\)/],
    ];
    for (const [content, reason] of damaged) {
      fs.writeFileSync(file, content);
      for (const jobs of ['1', '2']) {
        fs.writeFileSync(file, content);
        const r = await lint(cwd, ['tree', '--format', 'json', '--jobs', jobs, '--cache']);
        assert.equal(r.out, plain.out);
        assert.equal(r.code, plain.code);
        const lines = r.err.split('\n').filter(Boolean);
        assert.equal(lines.length, 1, r.err);
        assert.match(lines[0], /^flowcop: note: the cache file \.flowcop-cache\/lint-[0-9a-f]+\.cache /);
        assert.match(lines[0], reason);
        assert.match(lines[0], /it is ignored and every unit is linted$/);
        // Rewritten whole: the next run reads it without a note.
        const again = await lint(cwd, ['tree', '--format', 'json', '--jobs', jobs, '--cache']);
        assert.equal(again.err, '');
        assert.equal(again.out, plain.out);
      }
    }
  });

  test('a path that is not a cache file is never written over; an unreadable one and a failed write are notes', async () => {
    const cwd = workspace();
    const plain = await lint(cwd, ['tree', '--format', 'json', '--jobs', '1']);
    const notes = path.join(cwd, 'notes.md');
    fs.writeFileSync(notes, '# my notes\n');
    const foreign = await lint(cwd, ['tree', '--format', 'json', '--cache', '--cache-location', 'notes.md']);
    assert.equal(foreign.out, plain.out);
    assert.match(foreign.err, /^flowcop: note: the cache file notes\.md is not a FlowCop cache file; it is left as it is and the cache is not used\n$/);
    assert.equal(fs.readFileSync(notes, 'utf8'), '# my notes\n');
    // The cache file's place (in the folder given) holds a folder: it cannot be read, nor replaced.
    const name = `lint-${createHash('sha256').update(cwd).digest('hex').slice(0, 16)}.cache`;
    fs.mkdirSync(path.join(cwd, 'c', name), { recursive: true });
    const unreadable = await lint(cwd, ['tree', '--format', 'json', '--cache', '--cache-location', 'c/']);
    assert.equal(unreadable.out, plain.out);
    assert.match(unreadable.err, /^flowcop: note: the cache file c\/lint-[0-9a-f]+\.cache cannot be read \(EISDIR\); it is left as it is and the cache is not used\n$/);
    assert.deepEqual(fs.readdirSync(path.join(cwd, 'c', name)), []);
    // A folder that is a symbolic link (a repository could commit one pointing anywhere) is not used.
    fs.mkdirSync(path.join(cwd, 'elsewhere'));
    fs.symlinkSync(path.join(cwd, 'elsewhere'), path.join(cwd, 'linked'));
    const linked = await lint(cwd, ['tree', '--format', 'json', '--cache', '--cache-location', 'linked/']);
    assert.equal(linked.out, plain.out);
    assert.match(linked.err, /^flowcop: note: the cache file linked\/lint-[0-9a-f]+\.cache is a symbolic link or in a linked folder; it is left as it is and the cache is not used\n$/);
    assert.deepEqual(fs.readdirSync(path.join(cwd, 'elsewhere')), []);
    // Its folder cannot be made (a file is in the way): the run goes on, the write is noted.
    const unwritable = await lint(cwd, ['tree', '--format', 'json', '--cache', '--cache-location', 'notes.md/lint.cache']);
    assert.equal(unwritable.out, plain.out);
    assert.match(unwritable.err, /^flowcop: note: the cache file notes\.md\/lint\.cache cannot be written \((ENOTDIR|EEXIST)\); this run's findings are not kept\n$/);
    assert.equal(unwritable.code, plain.code);
  });

  test('--cache-location: a file, or a folder (existing, or ending in a slash); writes leave no temporary file', async () => {
    const cwd = workspace();
    await lint(cwd, ['tree', '--jobs', '1', '--cache', '--cache-location', 'my.cache']);
    assert.ok(fs.readFileSync(path.join(cwd, 'my.cache'), 'utf8').startsWith('flowcop-lint-cache\n{'));
    await lint(cwd, ['tree', '--jobs', '1', '--cache', '--cache-location', 'caches/']);
    const inFolder = fs.readdirSync(path.join(cwd, 'caches'));
    assert.deepEqual(inFolder, [`lint-${createHash('sha256').update(cwd).digest('hex').slice(0, 16)}.cache`]);
    fs.mkdirSync(path.join(cwd, 'existing'));
    await lint(cwd, ['tree', '--jobs', '2', '--cache', '--cache-location', 'existing']);
    assert.deepEqual(fs.readdirSync(path.join(cwd, 'existing')), inFolder);
    // A change rewrites the file through a temporary one renamed over it: nothing else stays beside it.
    fs.appendFileSync(path.join(cwd, 'tree/desktop-scripts/warehouse/printer-queue-cleanup.robin'), '\r\nSET Extra TO 1');
    await lint(cwd, ['tree', '--jobs', '1', '--cache', '--cache-location', 'existing']);
    assert.deepEqual(fs.readdirSync(path.join(cwd, 'existing')), inFolder);
    assert.deepEqual(fs.readdirSync(cwd).sort(), ['caches', 'existing', 'my.cache', 'tree']);
  });

  test('entries of units no longer linted are dropped', async () => {
    const cwd = workspace();
    await lint(cwd, ['tree', '--jobs', '1', '--cache']);
    const gone = path.join(cwd, 'tree/solutions/PayslipDistribution');
    assert.ok(fs.readFileSync(cacheFileIn(cwd), 'utf8').includes(JSON.stringify(gone).slice(1, -1)));
    fs.rmSync(gone, { recursive: true });
    await lint(cwd, ['tree', '--jobs', '1', '--cache']);
    const stored = fs.readFileSync(cacheFileIn(cwd), 'utf8');
    assert.ok(!stored.includes('PayslipDistribution'));
    assert.ok(stored.includes('SupplierSync'));
  });

  test('no secret value reaches the cache file, nor a plain hash of it', async () => {
    const cwd = path.join(work, 'secret');
    const secret = 'Xq7#vLp2!mZ9wRt4';
    writeFixture(path.join(cwd, 'tree'), {
      uniqueName: 'Secrets',
      desktopFlows: [{ name: 'Login', script: `SET Password TO $'''${secret}'''\r\nWebAutomation.LaunchChrome.LaunchChrome Url: $'''https://erp.contoso.com/login?pwd=${secret}''' BrowserInstance=> Browser` }],
      cloudFlows: [{ name: 'Call', definition: { actions: { Http: { type: 'Http', inputs: { method: 'GET', uri: 'https://api.contoso.com/v1', headers: { Authorization: `Basic ${secret}` } } } } } }],
      environmentVariables: [{ schemaName: 'cr1_ApiKey', defaultValue: secret }],
      settings: { Dev: { EnvironmentVariables: [{ SchemaName: 'cr1_ApiKey', Value: secret }], ConnectionReferences: [] } },
    });
    const plain = await lint(cwd, ['tree', '--format', 'json', '--jobs', '1']);
    const credentials = (JSON.parse(plain.out).findings as Array<{ category: string }>).filter(f => f.category === 'credential');
    assert.ok(credentials.length >= 2, 'the planted secret is reported');
    const cached = await lint(cwd, ['tree', '--format', 'json', '--jobs', '1', '--cache']);
    assert.equal(cached.out, plain.out);
    assert.equal((await lint(cwd, ['tree', '--format', 'json', '--jobs', '1', '--cache'])).out, plain.out);
    const stored = fs.readFileSync(cacheFileIn(cwd), 'utf8');
    assert.ok(stored.includes('"k":'), 'folding keys are stored');
    assert.ok(!stored.includes(secret));
    assert.ok(!stored.includes(JSON.stringify(secret).slice(1, -1)));
    for (const rule of new Set((JSON.parse(plain.out).findings as Array<{ ruleId: string }>).map(f => f.ruleId))) {
      for (const text of [secret, `'''${secret}'''`, `$'''${secret}'''`]) {
        assert.ok(!stored.includes(createHash('sha256').update(`${rule}\u0000${text}`).digest('base64')), `plain hash of the secret for ${rule}`);
      }
    }
  });

  test('flowcop.json problems are reported on warm runs too', async () => {
    const cwd = workspace();
    fs.writeFileSync(path.join(cwd, 'tree/solutions/VendorPayments/flowcop.json'), '{ "rules": { "pad/plaintext-secret": "loud" } }');
    const plain = await lint(cwd, ['tree', '--format', 'json', '--jobs', '1']);
    const parseErrors = (out: string) => (JSON.parse(out).findings as Array<{ ruleId: string; file: string; message: string }>)
      .filter(f => f.ruleId === 'flowcop/parse-error' && /flowcop\.json/.test(JSON.stringify(f)));
    assert.equal(parseErrors(plain.out).length, 1);
    for (const run of ['cold', 'warm']) {
      const r = await lint(cwd, ['tree', '--format', 'json', '--jobs', '1', '--cache']);
      assert.equal(r.out, plain.out, run);
      assert.equal(parseErrors(r.out).length, 1, run);
    }
  });

  test('--fix and --fix-dry-run ignore the cache, and say so', () => {
    const cwd = workspace();
    for (const fix of ['--fix-dry-run', '--fix']) {
      const out: string[] = [];
      const err: string[] = [];
      runCli(['lint', 'tree', fix, '--cache', '--format', 'json'], io(cwd, out, err));
      assert.match(err.join(''), new RegExp(`flowcop: note: --cache is ignored with ${fix} \\(fixes read every file anew\\)\\n`));
      assert.ok(!fs.existsSync(path.join(cwd, '.flowcop-cache')));
    }
  });

  test('--cache-strategy takes content only', async () => {
    const cwd = workspace();
    const r = await lint(cwd, ['tree', '--cache', '--cache-strategy', 'metadata']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--cache-strategy must be one of content/);
    assert.equal((await lint(cwd, ['tree', '--cache', '--cache-strategy', 'content', '--jobs', '1'])).err, '');
  });
});
