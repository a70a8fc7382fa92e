// Reading pac's profile file from disk and watching its folder: only authprofiles*.json is read (the newest
// version in a folder, the most recently written across folders), a missing folder or file is no error, a
// broken one is a one-line reason, and a change — even the folder's first creation — is reported.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { PacFolderWatcher, readPacProfiles } from '../../client/src/pac/watch';

const dirs: string[] = [];
after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });
function temp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-pac-'));
  dirs.push(dir);
  return dir;
}

const profileFile = (name: string, url: string) => JSON.stringify({ Profiles: [{ Name: name, Kind: 'UNIVERSAL', Resource: url }], Current: { UNIVERSAL: { Name: name, Kind: 'UNIVERSAL', Resource: url } } });

describe('reading pac\'s profile file', () => {
  test('no folder, or a folder without a profile file: nothing, and no reason to log', () => {
    const base = temp();
    assert.deepEqual(readPacProfiles([path.join(base, 'Microsoft', 'PowerAppsCli')]), {});
    fs.mkdirSync(path.join(base, 'Microsoft', 'PowerAppsCli'), { recursive: true });
    // Token caches sit beside the profiles: they are never a profile file.
    fs.writeFileSync(path.join(base, 'Microsoft', 'PowerAppsCli', 'tokencache_msalv3.dat'), 'not for FlowCop');
    assert.deepEqual(readPacProfiles([path.join(base, 'Microsoft', 'PowerAppsCli')]), {});
  });

  test('the v2 file with a BOM, in a folder spelled in another case', () => {
    const base = temp();
    const folder = path.join(base, 'Microsoft', 'PowerAppsCLI');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'authprofiles_v2.json'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(profileFile('prod', 'https://contoso.crm.dynamics.com/'))]));
    const reading = readPacProfiles([path.join(base, 'Microsoft', 'PowerAppsCli')]);
    assert.equal(reading.file, path.join(folder, 'authprofiles_v2.json'));
    assert.equal(reading.profiles?.active?.url, 'https://contoso.crm.dynamics.com/');
    assert.equal(reading.reason, undefined);
  });

  test('the highest version in a folder; the most recently written across folders', () => {
    const a = path.join(temp(), 'PowerAppsCli');
    const b = path.join(temp(), 'PowerAppsCli');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    fs.writeFileSync(path.join(a, 'authprofiles.json'), profileFile('old', 'https://old.crm.dynamics.com'));
    fs.writeFileSync(path.join(a, 'authprofiles_v2.json'), profileFile('a', 'https://a.crm.dynamics.com'));
    fs.writeFileSync(path.join(b, 'authprofiles_v2.json'), profileFile('b', 'https://b.crm.dynamics.com'));
    const older = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(b, 'authprofiles_v2.json'), older, older);
    assert.equal(readPacProfiles([b, a]).profiles?.active?.name, 'a');
    fs.utimesSync(path.join(a, 'authprofiles_v2.json'), new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    assert.equal(readPacProfiles([a, b]).profiles?.active?.name, 'b');
  });

  test('a partly written, empty or unknown-version file gives a one-line reason naming the file', () => {
    const folder = path.join(temp(), 'PowerAppsCli');
    fs.mkdirSync(folder);
    const file = path.join(folder, 'authprofiles_v2.json');
    fs.writeFileSync(file, profileFile('prod', 'https://contoso.crm.dynamics.com').slice(0, 30));
    const partial = readPacProfiles([folder]);
    assert.equal(partial.profiles, undefined);
    assert.equal(partial.file, file);
    assert.match(partial.reason!, /authprofiles_v2\.json: the file is not valid JSON \(pac may be writing it\)/);
    assert.doesNotMatch(partial.reason!, /\n/);
    fs.writeFileSync(file, '');
    assert.match(readPacProfiles([folder]).reason!, /empty/);
    fs.writeFileSync(path.join(folder, 'authprofiles_v7.json'), profileFile('next', 'https://next.crm.dynamics.com'));
    const newer = readPacProfiles([folder]);
    assert.equal(newer.profiles?.active?.name, 'next');
    assert.match(newer.reason!, /authprofiles_v7\.json is newer than the v2 format/);
  });
});

describe('watching pac\'s folder', () => {
  /**
   * Resolves at the first report after which `seen()` holds (each report re-reads, as the extension does);
   * rejects if none comes within a generous bound, so a watcher that never reports fails instead of hanging.
   */
  function watchUntil(folders: string[], seen: () => boolean): { watcher: PacFolderWatcher; reported: Promise<void> } {
    let settle!: (error?: Error) => void;
    const reported = new Promise<void>((resolve, reject) => { settle = e => (e ? reject(e) : resolve()); });
    const watcher = new PacFolderWatcher(folders, () => { if (seen()) settle(); }, () => {}, 20);
    const bound = setTimeout(() => settle(new Error('the watcher reported no change that shows the new profile')), 20_000);
    return { watcher, reported: reported.finally(() => clearTimeout(bound)) };
  }
  const activeName = (folder: string) => readPacProfiles([folder]).profiles?.active?.name;

  test('a rewrite of the profile file is reported, and the re-read sees the new active profile', async () => {
    const folder = path.join(temp(), 'PowerAppsCli');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'authprofiles_v2.json'), profileFile('dev', 'https://contoso-dev.crm.dynamics.com'));
    const { watcher, reported } = watchUntil([folder], () => activeName(folder) === 'prod');
    try {
      assert.equal(activeName(folder), 'dev');
      fs.writeFileSync(path.join(folder, 'authprofiles_v2.json'), profileFile('prod', 'https://contoso.crm.dynamics.com'));
      await reported;
    } finally {
      watcher.dispose();
    }
  });

  test('pac\'s folder created after the watch began (first pac auth create) is seen through its parent', async () => {
    const base = temp();
    const folder = path.join(base, 'Microsoft', 'PowerAppsCli');
    const { watcher, reported } = watchUntil([folder], () => activeName(folder) === 'prod');
    try {
      // The watch moves from the base folder to Microsoft, then to PowerAppsCli, as each appears.
      fs.mkdirSync(path.dirname(folder));
      await new Promise(resolve => setTimeout(resolve, 100));
      fs.mkdirSync(folder);
      await new Promise(resolve => setTimeout(resolve, 100));
      fs.writeFileSync(path.join(folder, 'authprofiles_v2.json'), profileFile('prod', 'https://contoso.crm.dynamics.com'));
      await reported;
    } finally {
      watcher.dispose();
    }
  });
});
