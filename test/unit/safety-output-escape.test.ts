// Names from the linted files (flow, action and file names) that carry line breaks, CI log commands
// (`##vso[…]` for Azure Pipelines, `::error …::` for GitHub Actions), ESC sequences and bidi overrides:
// the text report shows them escaped, on one line, and JSON and SARIF keep them as data only.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { MemoryVfs } from '../../server/src/load/vfs';
import { formatInspectText, inspectWorkspace } from '../../server/src/report/json';
import { loadWorkspace } from '../../server/src/findings/analyze';
import { buildSolutionFiles, SolutionSpec } from '../support/fixture';

const EVIL = '\n##vso[task.setvariable variable=leak]1\n::error file=x::pwned\r##[error]spoof\x1b[2J\x1b]8;;https://evil.example/\x07\u202egnp.exe\u2028::warning::x';

const SPEC: SolutionSpec = {
  uniqueName: 'Escapes',
  desktopFlows: [{ name: `Desk${EVIL}`, script: "SET Folder TO $'''C:\\\\RPA\\\\In'''" }],
  cloudFlows: [{ name: `Cloud${EVIL}`, definition: { actions: { [`Act${EVIL}`]: { type: 'Compose', inputs: 'C:\\RPA\\In' } } } }],
  files: {
    [`scripts/run${EVIL}.robin`]: "SET Folder TO $'''C:\\RPA\\In'''",
    '::error::top.robin': "SET Folder TO $'''C:\\RPA\\In'''",
    '##vso[task.complete result=Failed]x.robin': "SET Folder TO $'''C:\\RPA\\In'''",
  },
};

function io(files: Record<string, string>, isTTY: boolean, cwd = '/w') {
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [path.posix.join(cwd, p), c])));
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = { stdout: s => out.push(s), stderr: s => err.push(s), cwd, vfs, isTTY, env: {}, writeFile: (p, c) => vfs.write(p, c) };
  return { cli, vfs, out: () => out.join(''), err: () => err.join('') };
}

/** Lines a CI runner would act on, and raw characters a terminal would. */
function assertInert(text: string, what: string, colors = false): void {
  text.split('\n').forEach((line, i) => {
    // FlowCop's own colours (only in a terminal) are the one escape sequence allowed.
    const plain = colors ? line.replace(/\x1b\[(0|1|2|3[136])m/g, '') : line;
    assert.ok(!/^\s*(::|##)/.test(plain), `${what} line ${i + 1} starts a log command: ${JSON.stringify(line)}`);
    assert.ok(!/##(vso)?\[/i.test(plain), `${what} line ${i + 1} holds a ##vso[/##[ command: ${JSON.stringify(line)}`);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(plain), `${what} line ${i + 1} holds a raw control character: ${JSON.stringify(line)}`);
  });
}

describe('input-derived text in reports', () => {
  const files = buildSolutionFiles(SPEC);

  for (const [label, args, isTTY] of [['text', ['--no-color'], false], ['text in a terminal', [], true]] as const) {
    test(`the ${label} report escapes names: one line per finding, no log command, no control character`, () => {
      const t = io(files, isTTY);
      runCli(['lint', '.', ...args], t.cli);
      const report = t.out().replace(/\x1b\[[0-9;]*m/g, '');
      assert.match(report, /environment-specific/);
      assertInert(t.out(), label, isTTY);
      // Shown escaped, so a reader still sees what the name holds.
      assert.ok(report.includes('Desk\\n\\x23#vso[task.setvariable variable=leak]1\\n::error file=x::pwned\\r\\x23#[error]spoof\\x1b[2J'), report);
      assert.ok(report.includes('\\u202egnp.exe\\u2028::warning::x'), report);
      assert.match(report, /^\\x3a:error::top\.robin$/m, 'a file name starting with :: is defused');
      assert.match(report, /^\\x23#vso\[task\.complete result=Failed\]x\.robin$/m);
      // Every finding is on one line: rule ids close the lines that start with a position.
      for (const line of report.split('\n').filter(l => /^ {2}\d+:\d+/.test(l))) assert.match(line, /(pad|cloud|flowcop|solution|settings)\/[a-z-]+$/, line);
    });
  }

  for (const format of ['json', 'sarif']) {
    test(`--format ${format} keeps the names as data and nothing a log acts on`, () => {
      const t = io(files, false);
      runCli(['lint', '.', '--format', format], t.cli);
      const report = t.out();
      assertInert(report, format);
      const parsed = JSON.stringify(JSON.parse(report));
      assert.ok(parsed.includes(JSON.stringify(`Cloud${EVIL}`).slice(1, -1)) || parsed.includes(JSON.stringify(`Act${EVIL}`).slice(1, -1)), 'the names survive as data');
    });
  }

  test('inspect (text) escapes names and paths', () => {
    const t = io(files, false);
    runCli(['inspect', '.'], t.cli);
    assertInert(t.out(), 'inspect');
    assert.match(t.out(), /Cloud\\n\\x23#vso\[/);
    const { workspace } = loadWorkspace(['/w'], { vfs: t.vfs });
    assertInert(formatInspectText(inspectWorkspace(workspace, '/w')), 'formatInspectText');
  });

  test('the dry-run diff escapes file names and changed lines', () => {
    const t = io(files, false);
    runCli(['lint', '.', '--fix-dry-run', '--no-color'], t.cli);
    assert.match(t.out(), /^--- a\//m);
    assertInert(t.out(), 'the dry-run diff');
  });
});
