// Mutated YAML-layout files (truncated, YAML syntax characters sprinkled in) never make loading or
// linting throw: every problem is a finding with a span inside its file. Deterministic (seeded).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import { MemoryVfs } from '../../server/src/load/vfs';
import { yamlTree } from '../support/yaml-layout';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

const NOISE = ['[', ']', '{', '}', ':', "'", '"', '- ', '&a ', '*a', '!', '|', '>', '\t', '\n', '#', '%', '@', '? ', ',', '\\', '\u0000', '\r\n  '];

test('mutated .yml files: no exception, every problem a positioned finding', () => {
  const base = yamlTree();
  const ymlPaths = Object.keys(base).filter(p => p.endsWith('.yml'));
  const random = prng(20261204);
  for (let round = 0; round < 150; round++) {
    const files = { ...base };
    const target = ymlPaths[Math.floor(random() * ymlPaths.length)];
    let text = files[target];
    const edits = 1 + Math.floor(random() * 4);
    for (let k = 0; k < edits; k++) {
      const at = Math.floor(random() * (text.length + 1));
      if (random() < 0.2) text = text.slice(0, at);
      else text = text.slice(0, at) + NOISE[Math.floor(random() * NOISE.length)] + text.slice(at);
    }
    files[target] = text;
    let result: ReturnType<typeof analyze>;
    try {
      result = analyze(['/w'], { vfs: new MemoryVfs(files) });
    } catch (e) {
      assert.fail(`round ${round} (${target}): ${(e as Error).stack}`);
    }
    for (const f of result.findings) {
      assert.ok(f.loc.span.start >= 0 && f.loc.span.end <= f.loc.file.text.length && f.loc.span.start <= f.loc.span.end, `round ${round}: ${f.ruleId} span ${JSON.stringify(f.loc.span)} outside ${f.loc.file.path} (${f.loc.file.text.length}): ${f.message}`);
    }
  }
});
