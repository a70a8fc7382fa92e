// Per-file isolation (issue 9): an exception while loading one file becomes a flowcop/parse-error at
// that file; every other file is still read, in the CLI and in the language server's analyzer.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { Analyzer } from '../../server/src/lsp/analyzer';
import { MemoryVfs, OverlayVfs } from '../../server/src/load/vfs';
import { buildSolutionFiles, SolutionSpec } from '../support/fixture';

const SPEC: SolutionSpec = {
  uniqueName: 'Iso',
  desktopFlows: [{ name: 'Desk', script: "SET Folder TO $'''C:\\\\RPA\\\\In'''" }],
  cloudFlows: [{ name: 'Broken', definition: { actions: {} } }, { name: 'Fine', definition: { actions: {} } }],
};

function tree(): { files: Record<string, string>; broken: string } {
  const files = Object.fromEntries(Object.entries(buildSolutionFiles(SPEC)).map(([p, c]) => [path.posix.join('/w', p), c]));
  const broken = Object.keys(files).find(k => /Workflows\/Broken-.*\.json$/.test(k))!;
  return { files, broken };
}

/** A Vfs whose bytes for one file make any decoder throw (a stand-in for a loader bug). */
class PoisonVfs extends MemoryVfs {
  constructor(files: Record<string, string>, private readonly poisoned: string) { super(files); }
  override readFile(p: string): Uint8Array | undefined {
    return p === this.poisoned ? ({ length: 10 } as unknown as Uint8Array) : super.readFile(p);
  }
}

describe('per-file isolation', () => {
  test('a loader exception on one file: a parse error there, the CLI still reports the rest (exit 0/1, no stack)', () => {
    const { files, broken } = tree();
    const out: string[] = [];
    const err: string[] = [];
    const cli: CliIO = { stdout: s => out.push(s), stderr: s => err.push(s), cwd: '/w', vfs: new PoisonVfs(files, broken), isTTY: false, env: {}, writeFile: () => undefined };
    const code = runCli(['lint', '.', '--format', 'json'], cli);
    assert.ok(code === 0 || code === 1, `exit ${code}: ${err.join('').slice(0, 300)}`);
    assert.doesNotMatch(err.join(''), /internal error|    at /);
    const report = JSON.parse(out.join('')) as { findings: Array<{ ruleId: string; file: string; message: string }> };
    assert.ok(report.findings.some(f => f.ruleId === 'flowcop/parse-error' && f.file.includes('Broken')), 'reported at the file');
    assert.ok(report.findings.some(f => f.ruleId.startsWith('pad/')), 'the desktop flow is still linted');
  });

  test('language server: one deeply nested flow does not blank the workspace', async () => {
    const { files, broken } = tree();
    files[broken] = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const analyzer = new Analyzer(new OverlayVfs(new MemoryVfs(files)), () => ({}));
    const outcome = await analyzer.fullScan(['/w']);
    assert.equal(outcome.cancelled, false);
    const findings = analyzer.allFindings();
    assert.ok(findings.some(f => f.ruleId === 'flowcop/parse-error' && f.loc.file.path === broken));
    assert.ok(findings.some(f => f.ruleId.startsWith('pad/')), 'the desktop flow keeps its diagnostics');
    assert.ok(analyzer.solutions()[0].cloudFlows.some(f => f.name === 'Fine'));
    // A re-lint of the unit (an edit) keeps working too.
    const unit = [...analyzer.units.values()].find(u => u.kind === 'solution')!;
    assert.equal(analyzer.relint(unit), true);
    assert.ok(unit.findings.some(f => f.ruleId.startsWith('pad/')));
  });
});
