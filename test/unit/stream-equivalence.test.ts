// The streaming lint (unit by unit, models dropped) reports exactly what the whole-workspace lint does,
// in the same order: on the example, both labelled evaluation trees, the real-world set and the corpus.
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

const ROOT = repoRoot();

function assertSameAsWhole(dir: string): number {
  const vfs = new DiskVfs();
  const whole = analyze([dir], { vfs });
  const streamed = lintStream([dir], { vfs });
  assert.deepEqual(comparable(streamed.findings), comparable(whole.findings.map(f => detachFinding(f))));
  assert.equal(streamed.solutions, whole.workspace.solutions.length);
  assert.equal(streamed.scripts, whole.workspace.scripts.length);
  assert.equal(streamed.orphanSettings, whole.workspace.orphanSettings.length);
  return streamed.findings.length;
}

describe('streaming lint equals the whole-workspace lint', () => {
  const sets: Array<[string, string | undefined]> = [
    ['examples', path.join(ROOT, 'examples')],
    ['evaluation tree', path.join(ROOT, 'test/eval/tree')],
    ['held-out tree', path.join(ROOT, 'test/eval-holdout/tree')],
    ['real-world set', fs.existsSync(path.join(ROOT, 'test/eval-realworld/tree')) ? path.join(ROOT, 'test/eval-realworld/tree') : undefined],
    ['corpus', corpusPath()],
  ];
  for (const [name, dir] of sets) {
    test(name, { skip: dir ? false : 'not present' }, () => {
      const count = assertSameAsWhole(dir!);
      assert.ok(count > 0, `${name}: the comparison needs findings`);
    });
  }
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
