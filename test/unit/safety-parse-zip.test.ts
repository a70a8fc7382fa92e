// Archive caps across a run (issue 9): many archives each under the per-archive cap must not add up
// without bound. The archive that goes over is a parse error at that file; the others are read.
import assert from 'node:assert/strict';
import AdmZip from 'adm-zip';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import { LoadBudget, MAX_FILE_BYTES, RUN_MAX_ZIP_BYTES, withLoadBudget } from '../../server/src/load/budget';
import { ZipTree } from '../../server/src/load/tree';
import { MemoryVfs } from '../../server/src/load/vfs';
import { buildSolutionFiles, buildZip } from '../support/fixture';

/** A solution zip whose extra entry declares `bytes` of zeros (compresses to almost nothing). */
function paddedZip(name: string, bytes: number): Buffer {
  const { zip } = buildZip({ uniqueName: name, desktopFlows: [{ name: `${name}Flow`, script: "SET P TO 'p@ss'" }] });
  const z = new AdmZip(zip);
  z.addFile('padding.bin', Buffer.alloc(bytes));
  return z.toBuffer();
}

describe('per-run archive caps', () => {
  test('archives that add up past the run cap: the extra one is refused with a finding, the rest linted', () => {
    // A run's budget, scaled down so the archives stay small: 4 archives of 400 KB against 1 MB.
    const budget = new LoadBudget();
    budget.zipBytes = 1024 * 1024;
    const files: Record<string, Uint8Array> = {};
    for (const k of [1, 2, 3, 4]) files[`/w/S${k}.zip`] = paddedZip(`S${k}`, 400 * 1024);
    const { workspace, findings } = withLoadBudget(() => analyze(['/w'], { vfs: new MemoryVfs(files) }), budget);
    assert.equal(workspace.solutions.length, 2, 'two archives fit in the run budget');
    const refused = findings.filter(f => f.ruleId === 'flowcop/parse-error' && /in total/.test(f.message));
    assert.deepEqual(refused.map(f => f.loc.file.path), ['/w/S3.zip', '/w/S4.zip']);
    assert.ok(workspace.solutions.every(s => s.desktopFlows[0]?.script), 'the archives read are loaded in full');
    assert.ok(RUN_MAX_ZIP_BYTES >= 256 * 1024 * 1024, 'the real cap leaves room for large solutions');
    // Each run has its own budget: runs of their own read all four, again and again.
    for (let k = 0; k < 2; k++) assert.equal(analyze(['/w'], { vfs: new MemoryVfs(files) }).workspace.solutions.length, 4);
  });

  test('the entry budget counts every archive of the run', () => {
    const budget = new LoadBudget();
    budget.zipEntries = 5;
    const zip = paddedZip('E', 10);
    const first = withLoadBudget(() => ZipTree.open('/w/E.zip', zip), budget);
    assert.ok(!('error' in first) || /entries/.test(first.error) === false);
    const count = new AdmZip(zip).getEntries().length;
    const second = withLoadBudget(() => ZipTree.open('/w/E2.zip', zip), budget);
    if (count <= 5) assert.ok('error' in second && /entries in total/.test(second.error));
    else assert.ok('error' in first && /entries in total/.test(first.error));
  });
});

describe('one file over the size cap', () => {
  const oversized = () => Buffer.alloc(MAX_FILE_BYTES + 1, 0x20);

  test('in a folder: refused with a finding at that file, the rest of the solution read', () => {
    const files = buildSolutionFiles({
      uniqueName: 'Big',
      cloudFlows: [{ name: 'Huge', definition: { actions: {} } }, { name: 'Small', definition: { actions: {} } }],
    });
    const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [`/w/${p}`, c])));
    const huge = Object.keys(files).find(p => /Huge-.*\.json$/.test(p))!;
    vfs.write(`/w/${huge}`, oversized());
    const { workspace, findings } = analyze(['/w'], { vfs });
    const refused = findings.filter(f => f.ruleId === 'flowcop/parse-error' && /larger than the 64 MiB cap/.test(f.message));
    assert.deepEqual(refused.map(f => f.loc.file.path), [`/w/${huge}`]);
    assert.deepEqual(workspace.solutions[0].cloudFlows.map(f => f.name), ['Small']);
  });

  test('in an archive: refused with a finding naming the entry, the rest of the archive read', () => {
    const { zip } = buildZip({ uniqueName: 'Z', desktopFlows: [{ name: 'D', script: 'SET A TO 1' }], cloudFlows: [{ name: 'Huge', definition: { actions: {} } }] });
    const z = new AdmZip(zip);
    const huge = z.getEntries().find(e => /Huge-.*\.json$/.test(e.entryName))!;
    z.updateFile(huge, oversized());
    const { workspace, findings } = analyze(['/w'], { vfs: new MemoryVfs({ '/w/Z.zip': z.toBuffer() }) });
    const refused = findings.filter(f => f.ruleId === 'flowcop/parse-error' && /larger than the 64 MiB cap/.test(f.message));
    assert.equal(refused.length, 1);
    assert.equal(refused[0].loc.file.entry, huge.entryName);
    assert.equal(workspace.solutions[0].desktopFlows.length, 1);
  });
});
