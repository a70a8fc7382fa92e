// Property-based fuzzing of the whole analyze() pipeline on mutated copies of a real-shaped solution
// (every layout, zip included): bytes flipped, files truncated, deep nesting, entities, invalid UTF-8,
// huge strings. No exception escapes; every finding's and load problem's span lies inside its file, and
// script spans map back inside the file. Fixed seed here; `npm run fuzz` runs many more with random seeds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runProperty } from '../support/fuzz/target';
import { checkFinding, checkLoadProblem } from '../support/fuzz/spans';
import { pipelineFiles, pipelineTarget, runPipeline } from '../support/fuzz/tree-targets';

const SEED = 20261204;

describe('fuzz: analyze() on mutated solutions', () => {
  test('the unmutated fixture lints with findings and no load problem (the mutations start from a healthy tree)', () => {
    for (const layout of ['unpacked', 'raw', 'cdsproj', 'zip'] as const) {
      const { workspace, findings } = runPipeline(pipelineFiles({ layout, mutations: [] }));
      assert.equal(workspace.solutions.length, 1, layout);
      assert.equal(workspace.problems.length, 0, `${layout}: ${workspace.problems.map(p => p.message).join('; ')}`);
      assert.ok(findings.some(f => f.owner.desktopFlow?.script && f.scriptSpan), `${layout}: a script finding`);
      assert.ok(findings.some(f => f.owner.cloudFlow), `${layout}: a cloud-flow finding`);
    }
  });

  test('no exception escapes and every span stays inside its file', () => {
    runProperty(pipelineTarget({ maxHuge: 50_000, maxDepth: 8_000, maxMutations: 4 }), { seed: SEED, numRuns: 40 });
  });
});

describe('fuzz: minimal repros the pipeline fuzzer found', () => {
  const withFile = (pick: (path: string) => boolean, bytes: number[]) => {
    const files = pipelineFiles({ layout: 'unpacked', mutations: [] });
    const key = Object.keys(files).find(pick)!;
    files[key] = new Uint8Array(bytes);
    return files;
  };

  test('a flowcop.json with a UTF-16 BE byte-order mark and an odd number of bytes is a finding, not a crash', () => {
    // Seed 5: RangeError [ERR_INVALID_BUFFER_SIZE] from Buffer.swap16 in load/vfs.ts decodeText, via findings/config.ts.
    const files = withFile(p => p === 'flowcop.json', [0xfe, 0xff, 0x00]);
    const { findings } = runPipeline(files);
    assert.ok(findings.some(f => f.ruleId === 'flowcop/parse-error' && f.loc.file.path.endsWith('flowcop.json')), 'a parse error on flowcop.json');
  });

  test('a binary (NUL) file reports a span inside the file it names', () => {
    // Seed 5: "binary file (contains NUL bytes), not text" at span {2, 2} on a placeholder file of length 0.
    const files = withFile(p => p.endsWith('fz_ApiKey/environmentvariabledefinition.xml'), [0x3c, 0x61, 0x00]);
    const { workspace, findings } = runPipeline(files);
    assert.ok(workspace.problems.some(p => /binary/.test(p.message)), 'the binary file is reported');
    for (const p of workspace.problems) assert.doesNotThrow(() => checkLoadProblem(p));
    for (const f of findings) assert.doesNotThrow(() => checkFinding(f));
  });
});
