// The streaming lint (unit by unit, models dropped) reports exactly what the whole-workspace lint does,
// in the same order: on the example, both labelled evaluation trees, all committed trees in one run with
// legacy flow packages beside them (what the real-world set adds: many independent sources side by side,
// layouts the generated trees lack), and, when present, the real-world set (its files are not committed)
// and the corpus.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import { detachFinding } from '../../server/src/findings/finding';
import { lintStream } from '../../server/src/findings/stream';
import { LoadBudget, withLoadBudget } from '../../server/src/load/budget';
import { DiskVfs, MemoryVfs } from '../../server/src/load/vfs';
import AdmZip from 'adm-zip';
import { comparable } from '../support/comparable';
import { buildZip, writeFixture } from '../support/fixture';
import { corpusPath, repoRoot } from '../support/corpus';
import { packageFiles, packageZip, under } from './legacy-package-fixture';

const ROOT = repoRoot();
const REALWORLD_TREE = path.join(ROOT, 'test/eval-realworld/tree');

function assertSameAsWhole(dir: string | string[]): number {
  const roots = Array.isArray(dir) ? dir : [dir];
  const vfs = new DiskVfs();
  const whole = analyze(roots, { vfs });
  const streamed = lintStream(roots, { vfs });
  assert.deepEqual(comparable(streamed.findings), comparable(whole.findings.map(f => detachFinding(f))));
  assert.equal(streamed.solutions, whole.workspace.solutions.length);
  assert.equal(streamed.scripts, whole.workspace.scripts.length);
  assert.equal(streamed.orphanSettings, whole.workspace.orphanSettings.length);
  return streamed.findings.length;
}

describe('streaming lint equals the whole-workspace lint', () => {
  const committed = ['examples', 'test/eval/tree', 'test/eval-holdout/tree'].map(rel => path.join(ROOT, rel));
  const sets: Array<[string, string | undefined, string]> = [
    ['examples', committed[0], ''],
    ['evaluation tree', committed[1], ''],
    ['held-out tree', committed[2], ''],
    ['real-world set', fs.existsSync(REALWORLD_TREE) ? REALWORLD_TREE : undefined,
      'test/eval-realworld/tree is absent (third-party files are not committed; node scripts/eval-tree.mjs --set realworld rebuilds it from local mirrors)'],
    ['corpus', corpusPath(), 'the real-world corpus (../shared/corpus) is absent'],
  ];
  for (const [name, dir, absent] of sets) {
    test(name, { skip: dir ? false : absent }, () => {
      const count = assertSameAsWhole(dir!);
      assert.ok(count > 0, `${name}: the comparison needs findings`);
    });
  }

  test('committed trees in one run, with legacy flow packages (unpacked and zipped) beside them', () => {
    const packages = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-stream-legacy-'));
    try {
      for (const [rel, text] of Object.entries(under('InvoiceSync', packageFiles()))) {
        fs.mkdirSync(path.dirname(path.join(packages, rel)), { recursive: true });
        fs.writeFileSync(path.join(packages, rel), text);
      }
      fs.writeFileSync(path.join(packages, 'InvoiceSyncExport.zip'), packageZip());
      assert.ok(assertSameAsWhole(packages) >= 2, 'both legacy packages are read and have findings');
      assert.ok(assertSameAsWhole([...committed, packages]) > 0, 'the comparison needs findings');
    } finally {
      fs.rmSync(packages, { recursive: true, force: true });
    }
  });
});

describe('streaming lint: settings association decided before any solution is loaded', () => {
  test('settings above several solutions, named by file, next to a .zip and a partial tree', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-stream-'));
    try {
      const envVar = (schemaName: string) => ({ schemaName, type: 100000000, defaultValue: 'C:\\RPA\\Input' });
      const settings = (schemaName: string) => ({ EnvironmentVariables: [{ SchemaName: schemaName, Value: '' }], ConnectionReferences: [] });
      writeFixture(path.join(dir, 'solutions/Alpha'), { uniqueName: 'Alpha', environmentVariables: [envVar('cr1_AlphaFolder')] });
      writeFixture(path.join(dir, 'solutions/Beta'), { uniqueName: 'Beta', environmentVariables: [envVar('cr1_BetaFolder')] }, 'cdsproj');
      writeFixture(path.join(dir, 'packed'), { uniqueName: 'Gamma', environmentVariables: [envVar('cr1_GammaFolder')] }, 'zip');
      const files: Record<string, unknown> = {
        // Above every solution: the one sharing the most names (Beta) gets it.
        'settings/Prod/deploymentSettings.json': settings('cr1_BetaFolder'),
        // Named by file: Alpha's, wherever it sits.
        'settings/Alpha.deploymentsettings.Test.json': settings('cr1_AlphaFolder'),
        // Shares nothing with anyone: nobody's.
        'settings/Dev/deploymentSettings.json': settings('cr1_Nobody'),
        // Beside the .zip: Gamma's.
        'packed/config/Prod/deploymentSettings.json': settings('cr1_GammaFolder'),
      };
      for (const [rel, content] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), JSON.stringify(content, null, 2));
      }
      // A partial tree (no Solution.xml): named after its folder, which needs a full load to know.
      fs.mkdirSync(path.join(dir, 'partial/Delta/environmentvariabledefinitions/cr1_DeltaFolder'), { recursive: true });
      fs.copyFileSync(path.join(dir, 'solutions/Alpha/environmentvariabledefinitions/cr1_AlphaFolder/environmentvariabledefinition.xml'),
        path.join(dir, 'partial/Delta/environmentvariabledefinitions/cr1_DeltaFolder/environmentvariabledefinition.xml'));
      const vfs = new DiskVfs();
      const whole = analyze([dir], { vfs });
      const owners = Object.fromEntries(whole.workspace.solutions.map(s => [s.uniqueName, s.environments.map(e => e.environment).sort().join(',')]));
      assert.deepEqual(owners, { Alpha: 'Test', Beta: 'Prod', Delta: '', Gamma: 'Prod' }, 'the whole-workspace association this test is about');
      assert.equal(whole.workspace.orphanSettings.length, 1);
      assertSameAsWhole(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('streaming lint: the run budget for archives', () => {
  test('archives past the run budget are refused as the whole-workspace lint refuses them', () => {
    const padded = (name: string) => {
      const z = new AdmZip(buildZip({ uniqueName: name, desktopFlows: [{ name: `${name}Flow`, script: "SET P TO 'p@ss'" }] }).zip);
      z.addFile('padding.bin', Buffer.alloc(400 * 1024));
      return z.toBuffer();
    };
    const files: Record<string, Uint8Array> = {};
    for (const k of [1, 2, 3, 4]) files[`/w/S${k}.zip`] = padded(`S${k}`);
    const budget = () => Object.assign(new LoadBudget(), { zipBytes: 1024 * 1024 });
    const whole = withLoadBudget(() => analyze(['/w'], { vfs: new MemoryVfs(files) }), budget());
    const streamed = withLoadBudget(() => lintStream(['/w'], { vfs: new MemoryVfs(files) }), budget());
    const refused = (fs: readonly { ruleId: string; message: string; loc: { file: { path: string } } }[]) => fs.filter(f => f.ruleId === 'flowcop/parse-error' && /in total/.test(f.message)).map(f => f.loc.file.path);
    assert.deepEqual(refused(whole.findings), ['/w/S3.zip', '/w/S4.zip']);
    assert.deepEqual(refused(streamed.findings), refused(whole.findings));
    assert.equal(streamed.solutions, 2);
    assert.deepEqual(comparable(streamed.findings), comparable(whole.findings.map(f => detachFinding(f))));
  });
});
