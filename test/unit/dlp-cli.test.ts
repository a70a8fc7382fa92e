// `flowcop lint --policy FILE`: the policy file is read for the run (relative to the working folder);
// one that cannot be read or parsed is a flowcop/parse-error finding, never a crash.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { MemoryVfs } from '../../server/src/load/vfs';
import { buildSolutionFiles } from '../support/fixture';
import { DONE_WHEN_POLICY, policyV2, treeSolution } from '../support/dlp-fixture';

function io(files: Record<string, string>, cwd = '/w') {
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [path.posix.join(cwd, p), c])));
  const out: string[] = [];
  const cli: CliIO = { stdout: s => out.push(s), stderr: () => undefined, cwd, vfs, isTTY: false, env: {}, writeFile: (p, c) => vfs.write(p, c) };
  return { cli, out: () => out.join('') };
}

const parseErrors = (json: string) => (JSON.parse(json) as { findings: Array<{ ruleId: string; message: string; location?: { file?: string } }> }).findings.filter(f => f.ruleId === 'flowcop/parse-error');

describe('flowcop lint --policy', () => {
  test('a readable policy loads without a parse error', () => {
    const t = io({ ...buildSolutionFiles(treeSolution()), 'dlp.json': policyV2(DONE_WHEN_POLICY) });
    runCli(['lint', '.', '--policy', 'dlp.json', '--format', 'json', '--fail-on', 'none'], t.cli);
    assert.deepEqual(parseErrors(t.out()), []);
  });
  test('a missing or broken policy is a flowcop/parse-error finding', () => {
    const missing = io(buildSolutionFiles(treeSolution()));
    assert.equal(runCli(['lint', '.', '--policy', 'nope.json', '--format', 'json'], missing.cli), 1);
    assert.match(parseErrors(missing.out())[0].message, /data policy file not found: \/w\/nope\.json/);
    const broken = io({ ...buildSolutionFiles(treeSolution()), 'dlp.json': '{"value": [' });
    assert.equal(runCli(['lint', '.', '--policy=dlp.json', '--format', 'json'], broken.cli), 1);
    assert.match(parseErrors(broken.out())[0].message, /^data policy: invalid JSON/);
  });
  test('--policy may be given several times: every file is read', () => {
    const t = io({ ...buildSolutionFiles(treeSolution()), 'dlp.json': policyV2(DONE_WHEN_POLICY) });
    runCli(['lint', '.', '--policy', 'dlp.json', '--policy', 'second.json', '--format', 'json', '--fail-on', 'none'], t.cli);
    const report = JSON.parse(t.out()) as { findings: Array<{ ruleId: string; message: string }> };
    assert.match(parseErrors(t.out())[0].message, /data policy file not found: \/w\/second\.json/, 'the second file is read');
    assert.ok(report.findings.some(f => f.ruleId === 'dlp/blocked-connector'), 'the first still applies');
  });
  test('--policy needs a value', () => {
    assert.equal(runCli(['lint', '.', '--policy'], io({}).cli), 2);
  });
});
