#!/usr/bin/env node
// Rebuilds an evaluation set's tree of public-repository files from local git mirrors, offline.
// Third-party files are not committed: test/eval-<set>/sources.json lists, per folder, the repository,
// commit, licence and every file taken with its git blob SHA-1, and this script writes those bytes back.
//
//   node scripts/eval-tree.mjs --set realworld|pipelines [--mirror DIR] [--out DIR]
//   node scripts/eval-tree.mjs --manifest FILE --out DIR [--mirror DIR]
//
// --mirror: where mirrors live, one per repository as <owner>+<name>/ holding a git directory
// (repo/.git, repo/ or the folder itself); default /work/.mirror. --out: the tree to write, default
// test/eval-<set>/tree. Each listed folder is replaced as a whole, so the tree holds exactly the listed
// files. A file is written only when the mirror's bytes at the recorded commit hash to the listed blob
// (bytes as stored, no line-ending conversion). A path that is absolute or leaves its folder is refused.
// Whatever is missing or refused is named and the rest is still written.
// Exit code: 0 every file written, 1 some file missing or refused, 2 usage error or unreadable manifest.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SETS = ['realworld', 'pipelines'];
const DEFAULT_MIRROR = '/work/.mirror';
const SHA1 = /^[0-9a-f]{40}$/;
const GITHUB_REPO = /^https:\/\/github\.com\/([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)$/;

const USAGE = 'usage: node scripts/eval-tree.mjs --set realworld|pipelines [--mirror DIR] [--out DIR]\n'
  + '       node scripts/eval-tree.mjs --manifest FILE --out DIR [--mirror DIR]\n';

class UsageError extends Error {}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (!['--set', '--manifest', '--mirror', '--out'].includes(name)) throw new UsageError(`unknown option ${name}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
    options[name.slice(2)] = value;
  }
  if (!options.set === !options.manifest) throw new UsageError('give either --set realworld|pipelines or --manifest FILE');
  if (options.set && !SETS.includes(options.set)) throw new UsageError(`--set ${options.set}: not one of ${SETS.join(', ')}`);
  if (options.manifest && !options.out) throw new UsageError('--manifest needs --out DIR');
  const setDir = options.set && path.join(ROOT, 'test', `eval-${options.set}`);
  return {
    manifest: options.manifest ? path.resolve(options.manifest) : path.join(setDir, 'sources.json'),
    out: options.out ? path.resolve(options.out) : path.join(setDir, 'tree'),
    mirror: path.resolve(options.mirror ?? DEFAULT_MIRROR),
  };
}

/** Why a path inside a folder is unsafe to write, or undefined when it stays inside. */
function unsafePath(p) {
  if (typeof p !== 'string' || p === '') return 'empty';
  if (/[\0-\x1f\\]/.test(p)) return 'holds a control character or a backslash';
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return 'absolute';
  if (p.split('/').some(s => s === '..' || s === '.' || s === '')) return 'leaves its folder or has an empty or "." segment';
  return undefined;
}

/** Checks the manifest's shape; a repository entry that cannot be used at all is a usage error. */
function readManifest(file) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read the manifest ${file}: ${e.message}`);
  }
  if (!Array.isArray(manifest?.repositories)) throw new UsageError(`${file}: no "repositories" list`);
  const folders = new Set();
  for (const [i, r] of manifest.repositories.entries()) {
    const where = `${file}: repositories[${i}]`;
    if (typeof r.folder !== 'string' || unsafePath(r.folder) || r.folder.includes('/')) throw new UsageError(`${where}: folder must be one plain name`);
    if (folders.has(r.folder)) throw new UsageError(`${where}: folder ${r.folder} listed twice`);
    folders.add(r.folder);
    if (!GITHUB_REPO.test(r.repository ?? '')) throw new UsageError(`${where}: repository must be https://github.com/<owner>/<name>`);
    if (!SHA1.test(r.commit ?? '')) throw new UsageError(`${where}: commit must be 40 hex digits`);
    if (!Array.isArray(r.files)) throw new UsageError(`${where}: no "files" list`);
  }
  return manifest;
}

/** The git directory of a repository's mirror, or undefined. */
function mirrorGitDir(mirror, repository) {
  const [, owner, name] = repository.match(GITHUB_REPO);
  const base = path.join(mirror, `${owner}+${name}`);
  const candidates = [path.join(base, 'repo', '.git'), path.join(base, 'repo'), base];
  return candidates.find(d => fs.existsSync(path.join(d, 'HEAD')) && fs.existsSync(path.join(d, 'objects')));
}

function git(gitDir, args, input) {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 1024 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
}

function hasCommit(gitDir, commit) {
  try {
    git(gitDir, ['cat-file', '-e', `${commit}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** `<commit>:<path>` of each file through one `git cat-file --batch`: a Buffer, or why it is missing. */
function readAtCommit(gitDir, commit, paths) {
  const output = git(gitDir, ['cat-file', '--batch'], paths.map(p => `${commit}:${p}\n`).join(''));
  const results = [];
  let at = 0;
  while (results.length < paths.length) {
    const eol = output.indexOf(0x0a, at);
    const header = output.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const match = header.match(/^([0-9a-f]{40}) (\w+) (\d+)$/);
    if (!match) {
      results.push(`not at ${commit} in the mirror`);
      continue;
    }
    const size = Number(match[3]);
    results.push(match[2] === 'blob' ? output.subarray(at, at + size) : `a ${match[2]}, not a file, at ${commit}`);
    at += size + 1;
  }
  return results;
}

/** The git blob SHA-1 of these bytes, computed here rather than trusted from the mirror. */
const blobId = bytes => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

/** Writes one folder; returns the problems (each names repository, commit, path and blob). */
function rebuildFolder(entry, mirror, out) {
  const folderDir = path.join(out, entry.folder);
  const problems = [];
  const valid = [];
  for (const f of entry.files) {
    const why = unsafePath(f?.path) ?? (SHA1.test(f?.blob ?? '') ? undefined : 'blob is not 40 hex digits');
    if (why) problems.push(`${entry.folder}: refused ${JSON.stringify(f?.path)} (${why})`);
    else valid.push(f);
  }
  // Without the mirror or the commit nothing can replace the folder, so it is left as it was.
  const gitDir = mirrorGitDir(mirror, entry.repository);
  if (!gitDir) {
    problems.push(`${entry.folder}: no mirror of ${entry.repository} under ${mirror}: ${valid.length} files not written`);
    return { written: 0, problems };
  }
  if (!hasCommit(gitDir, entry.commit)) {
    problems.push(`${entry.folder}: commit ${entry.commit} of ${entry.repository} is not in the mirror ${gitDir}: ${valid.length} files not written`);
    return { written: 0, problems };
  }
  fs.rmSync(folderDir, { recursive: true, force: true });
  const contents = readAtCommit(gitDir, entry.commit, valid.map(f => f.path));
  let written = 0;
  for (const [i, f] of valid.entries()) {
    const bytes = contents[i];
    if (typeof bytes === 'string') {
      problems.push(`${entry.folder}: ${f.path} (blob ${f.blob}) of ${entry.repository}: ${bytes}`);
      continue;
    }
    const actual = blobId(bytes);
    if (actual !== f.blob) {
      problems.push(`${entry.folder}: ${f.path} of ${entry.repository} at ${entry.commit} is blob ${actual}, the manifest says ${f.blob}: not written`);
      continue;
    }
    const target = path.join(folderDir, ...f.path.split('/'));
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, bytes);
      written++;
    } catch (e) {
      problems.push(`${entry.folder}: ${f.path}: cannot be written (${e.code ?? e.message})`);
    }
  }
  return { written, problems };
}

function main() {
  let options;
  let manifest;
  try {
    options = parseArgs(process.argv.slice(2));
    manifest = readManifest(options.manifest);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`eval-tree: ${e.message}\n${USAGE}`);
    return 2;
  }
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
  } catch {
    process.stderr.write('eval-tree: git is not installed or not on PATH; it reads the mirrors\n');
    return 2;
  }
  fs.mkdirSync(options.out, { recursive: true });
  let failed = 0;
  for (const entry of manifest.repositories) {
    const { written, problems } = rebuildFolder(entry, options.mirror, options.out);
    process.stdout.write(`${entry.folder}: ${written} of ${entry.files.length} files (${entry.repository} at ${entry.commit.slice(0, 12)})\n`);
    for (const p of problems) process.stderr.write(`eval-tree: ${p}\n`);
    failed += problems.length;
  }
  if (failed) process.stderr.write(`eval-tree: ${failed} problem(s); the tree in ${options.out} is incomplete\n`);
  return failed ? 1 : 0;
}

process.exitCode = main();
