// The security review's attacks, all in one tree, against the built CLI as CI runs it: every run ends
// with exit 0/1 and no stack trace, the healthy solution's findings survive, `--fix` writes nothing
// outside the tree and nothing the hostile config asks for, and no planted secret reaches any output.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { HostileTree, snapshot, writeHostileTree } from '../support/hostile';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
// A guard against hangs only (the run takes seconds); the figures live in scripts/hostile.mjs.
const HANG_GUARD_MS = 240_000;

interface Run { status: number | null; stdout: string; stderr: string }

function flowcop(cwd: string, args: string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: HANG_GUARD_MS, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' } });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function assertCleanRun(r: Run, what: string): void {
  assert.ok(r.status === 0 || r.status === 1, `${what}: exit ${r.status}\n${r.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(r.stderr, /internal error|RangeError|\n\s+at .+:\d+:\d+/, `${what}: a crash reached stderr`);
}

/** The secret, and every 8-character piece of it, must be absent. */
function assertNoSecret(text: string, secrets: string[], what: string): void {
  for (const secret of secrets) {
    for (let i = 0; i + 8 <= secret.length; i++) {
      const piece = secret.slice(i, i + 8);
      assert.ok(!text.includes(piece), `${what} contains part of a planted secret ("${secret.slice(0, 3)}…", piece at ${i})`);
    }
  }
}

function assertNoLogCommands(text: string, what: string): void {
  for (const line of text.split('\n')) {
    assert.doesNotMatch(line.trimStart(), /^(##vso\[|##\[|::)/, `${what}: a line starts a CI log command: ${JSON.stringify(line.slice(0, 80))}`);
  }
  assert.doesNotMatch(text, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/, `${what}: a control character reached the output`);
}

function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p, ext));
    else if (e.isFile() && e.name.toLowerCase().endsWith(ext)) out.push(p);
  }
  return out;
}

describe('a hostile repository (all attacks of the security review together)', { skip: !fs.existsSync(CLI) && 'dist/cli.js is not built (npm test builds it)' }, () => {
  let dir: string;
  let tree: HostileTree;
  let outsideBefore: Map<string, string>;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-hostile-'));
    tree = writeHostileTree(dir, 'test');
    outsideBefore = snapshot(tree.outside);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('every report format: clean exit, healthy findings kept, no secret, no CI command, nothing from outside', () => {
    const json = flowcop(dir, ['lint', 'repo', '--format', 'json', '--fail-on', 'none']);
    assertCleanRun(json, 'json');
    const report = JSON.parse(json.stdout) as { findings: Array<{ ruleId: string; file: string }> };
    for (const h of tree.healthy) {
      assert.ok(report.findings.some(f => f.ruleId === h.rule && f.file.includes(h.file)), `healthy finding ${h.rule} in ${h.file} is missing`);
    }
    assert.ok(!report.findings.some(f => f.file.includes('OUTSIDE')), 'a file outside the tree was linted');
    assert.ok(report.findings.some(f => f.ruleId === 'flowcop/parse-error'), 'the broken files are reported');

    const text = flowcop(dir, ['lint', 'repo', '--no-color']);
    const sarif = flowcop(dir, ['lint', 'repo', '--format', 'sarif']);
    const baselineFile = path.join(dir, 'baseline.json');
    const baseline = flowcop(dir, ['lint', 'repo', '--baseline', baselineFile]);
    const dryRun = flowcop(dir, ['lint', 'repo', '--fix-dry-run']);
    for (const [what, r] of [['text', text], ['sarif', sarif], ['baseline', baseline], ['dry run', dryRun]] as const) assertCleanRun(r, what);
    for (const [what, out] of [['json', json.stdout], ['text', text.stdout + text.stderr], ['sarif', sarif.stdout], ['baseline file', fs.readFileSync(baselineFile, 'utf8')], ['dry run', dryRun.stdout + dryRun.stderr]] as const) {
      assertNoSecret(out, tree.secrets, what);
    }
    assertNoLogCommands(text.stdout + text.stderr, 'text report');
    assertNoLogCommands(dryRun.stdout + dryRun.stderr, 'dry run');
  });

  test('--fix writes nothing outside the tree, breaks no XML and inserts no hostile template', () => {
    const fix = flowcop(dir, ['lint', 'repo', '--fix', '--env', 'Dev', '--fail-on', 'none']);
    assertCleanRun(fix, 'fix');
    assertNoSecret(fix.stdout + fix.stderr, tree.secrets, 'fix output');
    assert.deepEqual([...snapshot(tree.outside)], [...outsideBefore], 'a file outside the tree changed');
    for (const file of filesUnder(tree.root, '.xml')) {
      const text = fs.readFileSync(file, 'utf8');
      if (text.length > 1_000_000 || file.includes(`${path.sep}xmlpump${path.sep}`)) continue;
      assert.equal(XMLValidator.validate(text), true, `${path.relative(dir, file)} no longer parses`);
      for (const bad of tree.forbiddenInFixes) assert.ok(!text.includes(bad), `${path.relative(dir, file)} received the hostile template`);
    }
  });
});
