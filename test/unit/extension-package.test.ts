// The extension as the Marketplace and Open VSX take it: a 128×128 PNG icon, a preview flag, categories,
// keywords, the real repository, a changelog, README images that exist; `vsce package` warns about
// nothing and the .vsix stays small.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../support/corpus';

const ROOT = repoRoot();
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('the extension package', () => {
  test('manifest: icon, preview, categories, keywords, repository, changelog', () => {
    const icon = fs.readFileSync(path.join(ROOT, manifest.icon));
    assert.equal(icon.subarray(1, 4).toString('ascii'), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128], 'a 128×128 icon');
    assert.equal(manifest.preview, true);
    assert.ok(manifest.categories.includes('Linters'));
    assert.ok(manifest.keywords.length >= 5 && manifest.keywords.length <= 30, 'the Marketplace takes at most 30 keywords');
    assert.match(manifest.repository.url, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
    assert.equal(manifest.private, undefined);
    assert.match(fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}`, 'm'));
  });

  test('README images are PNG files of the repository', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map(m => m[1]);
    assert.ok(images.length >= 2, 'screenshots of the editor');
    for (const image of images) {
      assert.ok(!/^https?:|\.svg$/i.test(image), `${image}: a repository PNG (vsce turns it into an https link)`);
      assert.ok(fs.existsSync(path.join(ROOT, image)), `${image} exists`);
    }
  });

  test('vsce package warns about nothing and the .vsix is small', { skip: fs.existsSync(path.join(ROOT, 'dist', 'client.js')) ? false : 'not built' }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-vsix-'));
    try {
      const out = path.join(dir, 'flowcop.vsix');
      const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '-o', out], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(!/warn/i.test(r.stdout + r.stderr), r.stdout + r.stderr);
      assert.ok(fs.statSync(out).size < 2 * 1024 * 1024, `${fs.statSync(out).size} bytes`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
