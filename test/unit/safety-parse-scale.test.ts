// Linear time on hostile shapes (issue 9): stray XML end tags, many attributes, huge folders.
// Each check compares the median time at n and 10n (bound ×30, generous against noise) and stays fast.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCloudFlow } from '../../server/src/load/cloudflow';
import { DirTree } from '../../server/src/load/tree';
import { createSourceFile } from '../../server/src/util/text';
import { DirEntry, Vfs } from '../../server/src/load/vfs';
import { parseXml } from '../../server/src/load/xml';
import { medianMs } from './safety-parse-support';

/** Median time at 10n over median time at n, timing tiny runs no lower than 1 ms. */
function growth(run: (n: number) => void, n: number): number {
  run(n); // warm up
  const small = Math.max(1, medianMs(() => run(n)));
  const large = medianMs(() => run(10 * n), 3);
  return large / small;
}

describe('XML reader: linear time', () => {
  test('many unmatched end tags under many open elements', () => {
    const doc = (n: number) => '<a>' + '<b>'.repeat(n) + '</c>'.repeat(n);
    const r = parseXml(doc(100));
    assert.equal(r.problems.filter(p => /no matching start tag/.test(p.message)).length, 100);
    const ratio = growth(n => { parseXml(doc(n)); }, 2000);
    assert.ok(ratio < 30, `x10 input took x${ratio.toFixed(1)} time`);
  });

  test('one start tag with many attributes (a repeated one is still reported)', () => {
    const doc = (n: number) => '<a ' + Array.from({ length: n }, (_, k) => `a${k}="v"`).join(' ') + ' a0="w"/>';
    const r = parseXml(doc(50));
    assert.equal(r.root?.attrs.length, 51);
    assert.ok(r.problems.some(p => /a0 is repeated/.test(p.message)));
    const ratio = growth(n => { parseXml(doc(n)); }, 2000);
    assert.ok(ratio < 30, `x10 input took x${ratio.toFixed(1)} time`);
    // A '<' inside an attribute value is still reported, at its offset.
    assert.deepEqual(parseXml('<a x="1<2" y="ok"/>').problems.map(p => p.offset), [7]);
  });
});

/** A folder of `n` files, listed without touching any disk. */
class WideVfs implements Vfs {
  readonly entries: DirEntry[];
  constructor(n: number) {
    this.entries = Array.from({ length: n }, (_, k) => ({ name: `Flow${String(k).padStart(7, '0')}.json`, isDirectory: false }));
  }
  readDir(p: string): DirEntry[] | undefined {
    if (p === '/r') return [{ name: 'Workflows', isDirectory: true }];
    return p === '/r/Workflows' ? this.entries : undefined;
  }
  readFile(): Uint8Array | undefined { return Buffer.from('{}'); }
  isDirectory(p: string): boolean { return p === '/r' || p === '/r/Workflows'; }
  isFile(): boolean { return false; }
}

describe('folder lookups: linear in the number of entries', () => {
  const resolveAll = (n: number) => {
    const tree = new DirTree(new WideVfs(n), '/r');
    const names = tree.list('Workflows').map(e => e.name);
    for (const name of names) assert.ok(tree.resolve(`workflows/${name.toLowerCase()}`));
  };

  test('resolving every file of a 2,000 then 20,000-entry folder grows linearly; real names are found', () => {
    const ratio = growth(resolveAll, 2000);
    assert.ok(ratio < 30, `x10 entries took x${ratio.toFixed(1)} time`);
    const tree = new DirTree(new WideVfs(3), '/r');
    assert.equal(tree.resolve('WORKFLOWS/flow0000001.JSON'), 'Workflows/Flow0000001.json');
    assert.equal(tree.resolve('Workflows/Flow0000002.json'), 'Workflows/Flow0000002.json');
    assert.equal(tree.resolve('Workflows/missing.json'), undefined);
  });
});

describe('cloud flow loading: linear in actions and parameter uses (10 per action)', () => {
  const flow = (n: number) => {
    const actions: Record<string, unknown> = {};
    for (let k = 0; k < n; k++) actions[`A${k}`] = { type: 'Compose', inputs: `@{parameters('p${k % 7} (cr1a2_P)')}`.repeat(k < 3 ? 1 : 10) };
    return createSourceFile('/f.json', JSON.stringify({ properties: { definition: { actions } } }));
  };

  test('each parameters() use is attributed to its action, in linear time', () => {
    const small = loadCloudFlow(flow(3), { id: 'x', name: 'F' }).flow!;
    assert.deepEqual(small.parameterUses.map(u => u.action?.name), ['A0', 'A1', 'A2']);
    const files = new Map([500, 5000].map(n => [n, flow(n)]));
    const ratio = growth(n => { loadCloudFlow(files.get(n) ?? flow(n), { id: 'x', name: 'F' }); }, 500);
    assert.ok(ratio < 30, `x10 actions took x${ratio.toFixed(1)} time`);
  });
});
