// CI-native outputs and the command-line conventions of issue 15: GitHub workflow commands (and the
// job summary), Azure Pipelines issues, JUnit, Markdown, several formats in one run, exit 2 for what
// is not lintable at all, --max-warnings, --quiet, --print-config, --help per command.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { MemoryVfs } from '../../server/src/load/vfs';
import { progressReporter } from '../../server/src/cli/lint';
import { buildSolutionFiles } from '../support/fixture';

const ROOT = '/repo';

function tree(): MemoryVfs {
  const files = buildSolutionFiles({
    uniqueName: 'Invoices',
    prefix: 'cr1a2',
    desktopFlows: [{ name: 'Post, invoices: 50%', script: "SET Password TO 'Sup3rS3cret!x'\r\nSET Folder TO $'''C:\\\\RPA\\\\Input'''\r\nWebAutomation.LaunchEdge.LaunchEdge Url: $'''https://erp.contoso.com/app''' BrowserInstance=> Browser" }],
    environmentVariables: [{ schemaName: 'cr1a2_Folder' }],
    settings: { Prod: { EnvironmentVariables: [{ SchemaName: 'cr1a2_Folder', Value: '' }], ConnectionReferences: [] } },
  });
  return new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [path.posix.join(ROOT, 'sol', p), c])));
}

function cli(args: string[], env: Record<string, string> = {}, vfs = tree()) {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, string>();
  const io: CliIO = {
    stdout: s => out.push(s), stderr: s => err.push(s), cwd: ROOT, vfs, isTTY: false, env,
    writeFile: (p, c) => written.set(p, c), appendFile: (p, c) => written.set(p, (written.get(p) ?? '') + c),
  };
  const code = runCli(args, io);
  return { code, stdout: out.join(''), stderr: err.join(''), written };
}

describe('--format github', () => {
  test('one workflow command per finding, properties escaped, and a job summary', () => {
    const json = JSON.parse(cli(['lint', 'sol', '--format', 'json']).stdout);
    const r = cli(['lint', 'sol', '--format', 'github'], { GITHUB_STEP_SUMMARY: '/summary.md' });
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, json.findings.length);
    for (const [k, line] of lines.entries()) {
      const f = json.findings[k];
      const level = { error: 'error', warning: 'warning', info: 'notice' }[f.severity as string];
      assert.ok(line.startsWith(`::${level} file=${f.file.replace(/:/g, '%3A').replace(/,/g, '%2C')},line=${f.line},col=${f.column},endLine=${f.endLine},endColumn=${f.endColumn},title=${f.ruleId.replace(/:/g, '%3A')}::`), line);
      assert.ok(!/[\r\n]/.test(line));
    }
    assert.ok(lines.some(l => l.startsWith('::error ')), 'the secret is an error annotation');
    assert.ok(!r.stdout.includes('Sup3rS3cret'), 'no secret in an annotation');
    const summary = r.written.get('/summary.md') ?? '';
    assert.match(summary, /^\*\*FlowCop\*\*: \d+ errors?, \d+ warnings?, \d+ info in 1 solution, 0 scripts$/m);
    assert.equal(summary.split('\n').filter(l => l.startsWith('| ') && !l.startsWith('| Severity')).length, json.findings.length);
  });

  test('text from the files cannot end a property or start a command', () => {
    const r = cli(['lint', 'sol', '--format', 'github']);
    // The flow name carries ", : %" — in messages only as escaped data.
    for (const line of r.stdout.trimEnd().split('\n')) {
      const message = line.slice(line.indexOf('::', 2) + 2);
      assert.ok(!/%(?!25|0D|0A)/.test(message.replace(/%25/g, '')), `unescaped % in ${message}`);
    }
  });
});

describe('--format azure', () => {
  test('task.logissue per error and warning; info as a plain line', () => {
    const json = JSON.parse(cli(['lint', 'sol', '--format', 'json']).stdout);
    const r = cli(['lint', 'sol', '--format', 'azure']);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, json.findings.length);
    for (const [k, line] of lines.entries()) {
      const f = json.findings[k];
      if (f.severity === 'info') assert.ok(!line.includes('##vso['), line);
      else assert.ok(line.startsWith(`##vso[task.logissue type=${f.severity};sourcepath=${f.file};linenumber=${f.line};columnnumber=${f.column};code=${f.ruleId};]`), line);
    }
  });
});

describe('--format junit and markdown', () => {
  test('JUnit: a suite per rule, a failed case per rule and file', () => {
    const json = JSON.parse(cli(['lint', 'sol', '--format', 'json']).stdout);
    const r = cli(['lint', 'sol', '--format', 'junit']);
    assert.match(r.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="FlowCop" tests="\d+" failures="(\d+)"/);
    const pairs = new Set(json.findings.map((f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`));
    assert.equal(Number(/failures="(\d+)"/.exec(r.stdout)![1]), pairs.size);
    assert.equal((r.stdout.match(/<failure /g) ?? []).length, pairs.size);
    assert.match(r.stdout, /<testcase classname="pad\/hardcoded-machine" name="no findings"\/>/);
    assert.ok(!r.stdout.includes('Sup3rS3cret'));
  });

  test('Markdown: table cells cannot be broken by file text', () => {
    const r = cli(['lint', 'sol', '--format', 'markdown']);
    const rows = r.stdout.split('\n').filter(l => l.startsWith('| ') && !l.startsWith('| Severity'));
    for (const row of rows) assert.equal(row.replace(/\\\|/g, '').split('|').length, 7, row);
  });
});

describe('several formats in one run', () => {
  test('each --output follows its --format; one format on standard output', () => {
    const r = cli(['lint', 'sol', '--format', 'sarif', '--output', 'out/flowcop.sarif', '--format', 'junit', '--output', 'out/junit.xml', '--format', 'github']);
    assert.ok(JSON.parse(r.written.get('/repo/out/flowcop.sarif')!).runs[0].results.length > 0);
    assert.match(r.written.get('/repo/out/junit.xml')!, /<testsuites/);
    assert.match(r.stdout, /^::error /m);
  });

  test('two formats on standard output is a usage error', () => {
    const r = cli(['lint', 'sol', '--format', 'json', '--format', 'github']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /only one --format can go to standard output/);
  });

  test('--output before its --format still works with one format', () => {
    const r = cli(['lint', 'sol', '--output', 'r.json', '--format', 'json']);
    assert.ok(JSON.parse(r.written.get('/repo/r.json')!).findings.length > 0);
  });
});

describe('command-line conventions', () => {
  test('a missing path exits 2 with one line', () => {
    const r = cli(['lint', '/no/such/path']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'flowcop: no such file or folder: /no/such/path\n');
    assert.equal(r.stdout, '');
  });

  test('an unknown option and an unreadable config exit 2', () => {
    assert.equal(cli(['lint', 'sol', '--frobnicate']).code, 2);
    const r = cli(['lint', 'sol', '--config', 'missing.json']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^flowcop: /);
  });

  test('--max-warnings and --quiet', () => {
    const all = JSON.parse(cli(['lint', 'sol', '--format', 'json']).stdout);
    const warnings = all.findings.filter((f: { severity: string }) => f.severity === 'warning').length;
    assert.ok(warnings > 0);
    assert.equal(cli(['lint', 'sol', '--fail-on', 'none', '--max-warnings', String(warnings)]).code, 0);
    const over = cli(['lint', 'sol', '--fail-on', 'none', '--max-warnings', String(warnings - 1)]);
    assert.equal(over.code, 1);
    assert.match(over.stderr, new RegExp(`${warnings} warnings?, more than --max-warnings ${warnings - 1}`));
    const quiet = JSON.parse(cli(['lint', 'sol', '--format', 'json', '--quiet']).stdout);
    assert.ok(quiet.findings.length > 0 && quiet.findings.every((f: { severity: string }) => f.severity === 'error'));
    assert.equal(cli(['lint', 'sol', '--quiet', '--fail-on', 'warning']).code, 1, 'errors still fail');
    assert.equal(cli(['lint', 'sol', '--quiet', '--max-warnings', '0', '--fail-on', 'none']).code, 0, 'warnings are not counted');
  });

  test('--print-config shows what applies to a file', () => {
    const vfs = tree();
    vfs.write('/repo/flowcop.json', JSON.stringify({ rules: { 'pad/hardcoded-machine': 'off' }, allow: { hosts: ['erp.contoso.com'] } }));
    const r = cli(['lint', '--print-config', 'sol/Other/Solution.xml'], {}, vfs);
    assert.equal(r.code, 0);
    const printed = JSON.parse(r.stdout);
    assert.equal(printed.config, 'flowcop.json');
    assert.equal(printed.rules['pad/hardcoded-machine'].level, 'off');
    assert.deepEqual(printed.allow.hosts, ['erp.contoso.com']);
  });

  test('--help per command', () => {
    const lint = cli(['lint', '--help']);
    assert.equal(lint.code, 0);
    assert.match(lint.stdout, /^Usage: flowcop lint/);
    assert.match(cli(['inspect', '-h']).stdout, /^Usage: flowcop inspect/);
    assert.match(cli(['explain', '--help']).stdout, /^Usage: flowcop explain/);
  });
});

describe('progress on standard error', () => {
  test('only on a terminal, only after a second, cleared at the end', () => {
    const err: string[] = [];
    const io = (tty: boolean): CliIO => ({ stdout: () => undefined, stderr: s => err.push(s), cwd: ROOT, vfs: new MemoryVfs(), isTTY: false, stderrIsTTY: tty, env: {}, writeFile: () => undefined });
    assert.equal(progressReporter(io(false)), undefined);
    let now = 0;
    const report = progressReporter(io(true), () => now)!;
    report(1, 4);
    assert.deepEqual(err, [], 'a quick run shows nothing');
    now = 1500;
    report(2, 4);
    now = 1600;
    report(3, 4);
    assert.deepEqual(err, ['\rflowcop: 2/4 units linted'], 'at most five updates a second');
    report(4, 4);
    assert.equal(err.at(-1), '\r\x1b[K');
  });
});
