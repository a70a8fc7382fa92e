// Hostile JSON (issue 9): 5,000 levels of nesting in any JSON file, and string literals full of
// escapes, must cost that file only: a parse error at the file, every other finding still reported.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { analyze } from '../../server/src/findings/analyze';
import { parseJson } from '../../server/src/load/json';
import { MAX_JSON_DEPTH } from '../../server/src/load/jsonscan';
import { MemoryVfs } from '../../server/src/load/vfs';
import { buildSolutionFiles, SolutionSpec } from '../support/fixture';
import { retainedBytes } from './safety-parse-support';

// The 5,000 levels overflow only while jsonc-parser is not yet optimised; 20,000 always do.
const DEEP = '{"a":'.repeat(20000) + '1' + '}'.repeat(20000);
const DEEP_ARRAY = '['.repeat(20000) + ']'.repeat(20000);

const SPEC: SolutionSpec = {
  uniqueName: 'Deep',
  desktopFlows: [{ name: 'Desk', script: "SET Folder TO $'''C:\\\\RPA\\\\In'''" }],
  cloudFlows: [
    { name: 'Healthy', definition: { actions: { Compose: { type: 'Compose', inputs: 'x' } } } },
    { name: 'Nested', definition: { actions: {} } },
  ],
  environmentVariables: [{ schemaName: 'cr1a2_Folder', value: 'C:\\RPA' }, { schemaName: 'cr1a2_Other', value: 'x' }],
  settings: { Dev: { EnvironmentVariables: [{ SchemaName: 'cr1a2_Folder', Value: 'C:\\RPA' }] }, Test: {} },
  config: {},
};

/** The fixture with the deep JSON planted in the file whose path matches `target`. */
function plant(target: RegExp, deep = DEEP): Record<string, string> {
  const files = buildSolutionFiles(SPEC);
  const key = Object.keys(files).find(k => target.test(k));
  assert.ok(key, `fixture has a file matching ${target}`);
  files[key!] = deep;
  return files;
}

function io(files: Record<string, string>) {
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [path.posix.join('/w', p), c])));
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = { stdout: s => out.push(s), stderr: s => err.push(s), cwd: '/w', vfs, isTTY: false, env: {}, writeFile: () => undefined };
  return { cli, vfs, out: () => out.join(''), err: () => err.join('') };
}

const TARGETS: Array<[string, RegExp]> = [
  ['a cloud flow', /^Workflows\/Nested-.*\.json$/],
  ['a deployment settings file', /^config\/Test\/deploymentSettings\.json$/],
  ['flowcop.json', /^flowcop\.json$/],
  ['an environmentvariablevalues.json', /cr1a2_Other\/environmentvariablevalues\.json$/],
];

describe('deeply nested JSON', () => {
  for (const [what, target] of TARGETS) {
    test(`20,000 levels in ${what}: a parse error there, the rest of the run reported (CLI exit 0/1)`, () => {
      const healthy = io(buildSolutionFiles(SPEC));
      const healthyCode = runCli(['lint', '.', '--format', 'json'], healthy.cli);
      const t = io(plant(target));
      const code = runCli(['lint', '.', '--format', 'json'], t.cli);
      assert.ok(code === 0 || code === 1, `exit ${code}: ${t.err().slice(0, 300)}`);
      assert.doesNotMatch(t.err(), /internal error|RangeError|    at /);
      const report = JSON.parse(t.out()) as { findings: Array<{ ruleId: string; file: string; message: string }> };
      const deep = report.findings.filter(f => f.ruleId === 'flowcop/parse-error' && target.test(f.file.replace(/^\/w\//, '')));
      assert.equal(deep.length, 1, JSON.stringify(report.findings.map(f => [f.ruleId, f.file])));
      assert.match(deep[0].message, new RegExp(`nested more than ${MAX_JSON_DEPTH} levels`));
      // Every finding of the healthy tree in other files is still there.
      const before = (JSON.parse(healthy.out()) as typeof report).findings.filter(f => !target.test(f.file.replace(/^\/w\//, '')));
      for (const f of before.filter(f => f.ruleId.startsWith('pad/'))) {
        assert.ok(report.findings.some(g => g.ruleId === f.ruleId && g.file === f.file), `still reported: ${f.ruleId} in ${f.file}`);
      }
      assert.ok(before.some(f => f.ruleId.startsWith('pad/')), 'the healthy tree has script findings to compare');
      assert.ok(healthyCode === 0 || healthyCode === 1);
    });
  }

  test('20,000 levels of arrays too, and analyze() (the language server path) keeps the other flows', () => {
    const t = io(plant(TARGETS[0][1], DEEP_ARRAY));
    const { workspace, findings } = analyze(['/w'], { vfs: t.vfs });
    assert.ok(workspace.solutions[0].cloudFlows.some(f => f.name === 'Healthy'));
    assert.ok(workspace.solutions[0].desktopFlows.some(f => f.name === 'Desk'));
    assert.ok(findings.some(f => f.ruleId === 'flowcop/parse-error' && /Nested/.test(f.loc.file.path)));
  });

  test('the cap is reported where it is hit; nesting up to the cap still parses', () => {
    const over = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    const r = parseJson(over);
    assert.equal(r.root, undefined);
    assert.equal(r.problems[0].offset, MAX_JSON_DEPTH);
    const at = parseJson('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH));
    assert.equal(at.problems.length, 0);
    assert.equal(at.root?.type, 'array');
    // Brackets inside strings and comments do not count.
    assert.equal(parseJson(`{"a": "${'['.repeat(5000)}"}`).problems.length, 0);
  });
});

describe('JSON string literals', () => {
  test('a string of 1M escapes is kept in a few bytes per character (was ~34)', () => {
    const n = 1_000_000;
    const text = '{"a":"' + '\\n'.repeat(n) + '"}';
    let result: ReturnType<typeof parseJson> | undefined;
    const bytes = retainedBytes(() => { result = parseJson(text); });
    assert.equal((result!.root!.children![0].children![1].value as string).length, n);
    assert.ok(bytes / n < 12, `retained ${(bytes / n).toFixed(1)} bytes per character`);
    assertEscapesDecodeExactly();
  });
});

/** Values with escapes decode exactly as JSON.parse does (keys too), offsets unchanged; bad escapes reported. */
function assertEscapesDecodeExactly(): void {
  const value = 'a\\b"c/\r\n\t\b\f\u00e9\u20ac\ud83d\ude00 \\\\ end';
  const text = JSON.stringify({ [`k\n"${value}`]: value, plain: 'x', list: [value, 'y\\'] }, null, 2).replace(/\//g, '\\/').replace(/é/g, '\\u00e9');
  const r = parseJson(text);
  assert.deepEqual(r.problems, []);
  const props = r.root!.children!;
  assert.equal(props[0].children![0].value, `k\n"${value}`);
  assert.equal(props[0].children![1].value, value);
  assert.equal(props[2].children![1].children![0].value, value);
  assert.equal(props[2].children![1].children![1].value, 'y\\');
  const node = props[0].children![1];
  assert.equal(text[node.offset], '"');
  assert.equal(text[node.offset + node.length - 1], '"');
  assert.match(parseJson('{"a": "x\\qy"}').problems[0]?.message ?? '', /invalid escape/);
  assert.match(parseJson('{"a": "x\\u12"}').problems[0]?.message ?? '', /\\u escape/);
}
