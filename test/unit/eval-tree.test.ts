// scripts/eval-tree.mjs rebuilds an evaluation set's tree of public-repository files from local git
// mirrors (the files are not committed; test/eval-<set>/sources.json lists them with their blob ids).
// Here it runs on tiny repositories made in a temp dir: bytes kept as stored, a wrong blob refused, paths
// that leave their folder refused, a missing repository or commit named while the rest is still written.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../support/corpus';

const ROOT = repoRoot();
const SCRIPT = path.join(ROOT, 'scripts', 'eval-tree.mjs');
const DEFAULT_MIRROR = '/work/.mirror';

interface FileEntry { path: string; blob: string }
interface RepoEntry { folder: string; repository: string; commit: string; license: string; files: FileEntry[] }

const blobId = (bytes: Buffer) => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

/** The files of the tiny repository: CRLF text, bytes that are not UTF-8, a path with a space. */
const REPO_FILES: Record<string, Buffer> = {
  'LICENSE': Buffer.from('MIT License\n\nCopyright (c) test\n'),
  'flows/definition.json': Buffer.from('{\r\n  "actions": {}\r\n}\r\n'),
  'Per Tenant/pipeline.yml': Buffer.from('steps:\n  - run: pac solution import\n'),
  'data/blob.bin': Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x80, 0x0d]),
  'not-taken.md': Buffer.from('left out of the manifest\n'),
};
const TAKEN = Object.keys(REPO_FILES).filter(p => p !== 'not-taken.md');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=FlowCop test', '-c', 'user.email=test@example.invalid', '-c', 'core.autocrlf=false',
    '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

describe('eval-tree: rebuilding a tree from local mirrors', () => {
  let tmp = '';
  let mirror = '';
  let commit = '';

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-eval-tree-'));
    mirror = path.join(tmp, 'mirror');
    // A clone with a work tree (<owner>+<name>/repo/.git) and a bare one (<owner>+<name>/repo): both layouts occur.
    const work = path.join(mirror, 'acme+flows', 'repo');
    fs.mkdirSync(work, { recursive: true });
    git(work, 'init', '-q');
    for (const [rel, bytes] of Object.entries(REPO_FILES)) {
      fs.mkdirSync(path.dirname(path.join(work, rel)), { recursive: true });
      fs.writeFileSync(path.join(work, rel), bytes);
    }
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'files');
    commit = git(work, 'rev-parse', 'HEAD');
    git(tmp, 'clone', '-q', '--bare', work, path.join(mirror, 'acme+bare', 'repo'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function entry(folder: string, repository: string, files: FileEntry[] = TAKEN.map(p => ({ path: p, blob: blobId(REPO_FILES[p]) })), at = commit): RepoEntry {
    return { folder, repository, commit: at, license: 'MIT', files };
  }

  function rebuild(name: string, repositories: RepoEntry[]): { status: number | null; stderr: string; stdout: string; out: string } {
    const manifest = path.join(tmp, `${name}.json`);
    fs.writeFileSync(manifest, JSON.stringify({ repositories }));
    const out = path.join(tmp, name, 'tree');
    const r = spawnSync(process.execPath, [SCRIPT, '--manifest', manifest, '--mirror', mirror, '--out', out], { encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr, stdout: r.stdout, out };
  }

  const listFiles = (dir: string, rel = ''): string[] => fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap(d =>
    d.isDirectory() ? listFiles(dir, path.posix.join(rel, d.name)) : [path.posix.join(rel, d.name)]);

  test('writes every listed file with the stored bytes, from both mirror layouts, and only those', () => {
    const stale = path.join(tmp, 'ok', 'tree', 'acme__flows', 'stale.txt');
    fs.mkdirSync(path.dirname(stale), { recursive: true });
    fs.writeFileSync(stale, 'from an older manifest');
    const r = rebuild('ok', [entry('acme__flows', 'https://github.com/acme/flows'), entry('acme__bare', 'https://github.com/acme/bare')]);
    assert.equal(r.status, 0, r.stderr);
    for (const folder of ['acme__flows', 'acme__bare']) {
      assert.deepEqual(listFiles(path.join(r.out, folder)).sort(), [...TAKEN].sort(), `${folder}: exactly the listed files`);
      for (const p of TAKEN) assert.deepEqual(fs.readFileSync(path.join(r.out, folder, p)), REPO_FILES[p], `${folder}/${p}: same bytes`);
    }
  });

  test('a file whose bytes do not hash to the listed blob is refused; the others are written', () => {
    const files = TAKEN.map(p => ({ path: p, blob: blobId(REPO_FILES[p]) }));
    const wrong = blobId(Buffer.from('something else'));
    files.find(f => f.path === 'flows/definition.json')!.blob = wrong;
    const r = rebuild('wrong-blob', [entry('acme__flows', 'https://github.com/acme/flows', files)]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`flows/definition\\.json .*is blob ${blobId(REPO_FILES['flows/definition.json'])}, the manifest says ${wrong}`));
    assert.ok(!fs.existsSync(path.join(r.out, 'acme__flows', 'flows', 'definition.json')), 'the refused file is not written');
    assert.deepEqual(fs.readFileSync(path.join(r.out, 'acme__flows', 'LICENSE')), REPO_FILES.LICENSE);
  });

  test('a path that is absolute or leaves its folder is refused, and nothing is written outside the tree', () => {
    const outside = path.join(tmp, 'absolute-target.txt');
    const blob = blobId(REPO_FILES.LICENSE);
    const files = [
      { path: '../escape.txt', blob }, { path: 'flows/../../escape.txt', blob }, { path: outside, blob },
      { path: 'C:/Windows/escape.txt', blob }, { path: 'flows\\..\\..\\escape.txt', blob }, { path: 'LICENSE', blob },
    ];
    const r = rebuild('escape', [entry('acme__flows', 'https://github.com/acme/flows', files)]);
    assert.equal(r.status, 1);
    for (const p of files.slice(0, 5)) assert.ok(r.stderr.includes(`refused ${JSON.stringify(p.path)}`), `${p.path} refused:\n${r.stderr}`);
    assert.deepEqual(listFiles(path.join(tmp, 'escape')), ['tree/acme__flows/LICENSE'], 'only the safe file, inside its folder');
    assert.ok(!fs.existsSync(outside) && !fs.existsSync(path.join(tmp, 'escape.txt')));
  });

  test('a missing repository or commit is named, and the other folders are still written', () => {
    const absentCommit = 'f'.repeat(40);
    const r = rebuild('missing', [
      entry('acme__gone', 'https://github.com/acme/gone'),
      entry('acme__old', 'https://github.com/acme/flows', undefined, absentCommit),
      entry('acme__flows', 'https://github.com/acme/flows'),
    ]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /acme__gone: no mirror of https:\/\/github\.com\/acme\/gone under .*: 4 files not written/);
    assert.match(r.stderr, new RegExp(`acme__old: commit ${absentCommit} of https://github\\.com/acme/flows is not in the mirror`));
    assert.deepEqual(listFiles(path.join(r.out, 'acme__flows')).sort(), [...TAKEN].sort());
    assert.ok(!fs.existsSync(path.join(r.out, 'acme__gone')) && !fs.existsSync(path.join(r.out, 'acme__old')));
  });

  test('a file missing at the recorded commit is named with its blob', () => {
    const files = [{ path: 'LICENSE', blob: blobId(REPO_FILES.LICENSE) }, { path: 'flows/removed.json', blob: 'a'.repeat(40) }];
    const r = rebuild('missing-file', [entry('acme__flows', 'https://github.com/acme/flows', files)]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`acme__flows: flows/removed\\.json \\(blob ${'a'.repeat(40)}\\) of https://github\\.com/acme/flows: not at ${commit}`));
    assert.ok(fs.existsSync(path.join(r.out, 'acme__flows', 'LICENSE')));
  });

  test('a manifest that cannot be used is a usage error (exit 2), not a partial tree', () => {
    for (const repositories of [[{ ...entry('../up', 'https://github.com/acme/flows') }], [entry('acme__flows', 'https://example.com/acme/flows')]]) {
      const r = rebuild('unusable', repositories);
      assert.equal(r.status, 2, r.stderr);
      assert.ok(!fs.existsSync(r.out));
    }
  });
});

describe('the committed manifests', () => {
  const sets = ['realworld', 'pipelines'].map(set => {
    const dir = path.join(ROOT, 'test', `eval-${set}`);
    return { set, dir, repositories: JSON.parse(fs.readFileSync(path.join(dir, 'sources.json'), 'utf8')).repositories as RepoEntry[] };
  });

  for (const { set, dir, repositories } of sets) {
    test(`${set}: each folder has its note in sources/, its licence, safe unique paths and blob ids`, () => {
      assert.ok(repositories.length > 0);
      for (const r of repositories) {
        const note = fs.readFileSync(path.join(dir, 'sources', `${r.folder}.md`), 'utf8');
        assert.ok(note.includes(`Repository: ${r.repository}`) && note.includes(`Commit: ${r.commit}`), `${r.folder}: the note names the same repository and commit`);
        assert.equal(r.license, 'MIT');
        assert.ok(r.files.some(f => f.path === 'LICENSE'), `${r.folder}: LICENSE is taken`);
        assert.equal(new Set(r.files.map(f => f.path)).size, r.files.length, `${r.folder}: a path listed twice`);
        for (const f of r.files) {
          assert.match(f.blob, /^[0-9a-f]{40}$/);
          assert.ok(!f.path.startsWith('/') && !f.path.split('/').includes('..'), `${r.folder}: ${f.path}`);
        }
      }
    });
  }

  const mirrored = sets.every(({ repositories }) => repositories.every(r => fs.existsSync(path.join(DEFAULT_MIRROR, r.repository.replace('https://github.com/', '').replace('/', '+')))));
  test('both sets rebuild cleanly from the local mirrors', { skip: mirrored ? false : `the mirrors (${DEFAULT_MIRROR}) are absent` }, () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-eval-tree-sets-'));
    try {
      for (const { set } of sets) {
        const r = spawnSync(process.execPath, [SCRIPT, '--set', set, '--out', path.join(out, set)], { encoding: 'utf8' });
        assert.equal(r.status, 0, `${set}: ${r.stderr}`);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
