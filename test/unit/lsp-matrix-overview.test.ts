// The findings overview of the matrix: counts by category and by rule, with their findings, and the values
// to move (the same environment-specific or machine value in many places, most first, as the flow uses it),
// never a credential's value. On the evaluation tree the overview holds exactly what the CLI reports about
// each solution's own files.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { DiskVfs } from '../../server/src/load/vfs';
import { writeFixture } from '../support/fixture';
import { tempDir } from './fix-support';
import { solutionNamed, startSession } from './lsp-matrix-support';

const ROOT = path.resolve(__dirname, '../../..');
const PASSWORD = 'Hunter2Secret!9x';
const URL_LINE = (v: string) => `SET ${v} TO $'''https://erp-dev.contoso.com/api/orders'''`;

function cliFindings(dir: string): Array<{ ruleId: string; file: string; line: number; column: number; message: string }> {
  const out: string[] = [];
  const io: CliIO = { stdout: s => out.push(s), stderr: () => undefined, cwd: dir, vfs: new DiskVfs(), isTTY: false, env: {}, writeFile: () => assert.fail('lint writes nothing') };
  runCli(['lint', dir, '--format', 'json', '--fail-on', 'none'], io);
  return (JSON.parse(out.join('')) as { findings: Array<{ ruleId: string; file: string; line: number; column: number; message: string }> }).findings.map(f => ({ ...f, file: path.resolve(dir, f.file) }));
}

describe('findings overview', () => {
  test('values to move: one value in three places first, decoded; the password nowhere', async () => {
    const dir = writeFixture(tempDir('matrix-overview'), {
      uniqueName: 'Orders', prefix: 'cr',
      desktopFlows: [{ name: 'Export', script: [URL_LINE('A'), URL_LINE('B'), URL_LINE('C'), "SET Share TO $'''\\\\\\\\fs01.corp.contoso.com\\\\exports'''", `SET DbPassword TO $'''${PASSWORD}'''`].join('\n') }],
    });
    const s = solutionNamed(await (await startSession([dir])).matrix(), 'Orders');
    const o = s.overview;
    assert.ok(o.total > 0);
    assert.equal(o.byCategory.reduce((n, c) => n + c.count, 0), o.total);
    assert.equal(o.byRule.reduce((n, r) => n + r.count, 0), o.total);
    for (const r of o.byRule) assert.equal(r.findings.length, r.count, r.ruleId);
    assert.ok(o.byRule.some(r => r.category === 'credential'), 'the password is reported');
    const [first] = o.valuesToMove;
    assert.deepEqual([first.text, first.count], ['https://erp-dev.contoso.com/api/orders', 3]);
    assert.ok(o.valuesToMove.some(v => v.text === '\\\\fs01.corp.contoso.com\\exports'), `a UNC path as the flow uses it (${o.valuesToMove.map(v => v.text).join(', ')})`);
    for (const v of o.valuesToMove) for (const f of v.findings) assert.ok(!f.ruleId.includes('secret'), `no credential finding among the values (${f.ruleId})`);
    assert.ok(!JSON.stringify(o.valuesToMove).includes(PASSWORD), 'the password is not a value to move');
    assert.ok(!JSON.stringify(o).includes(PASSWORD), 'nor anywhere in the overview');
  });

  test('on the evaluation tree: each solution\'s overview is what the CLI reports in its folder', async () => {
    const dir = path.join(ROOT, 'test/eval/tree');
    const result = await (await startSession([dir])).matrix();
    const cli = cliFindings(dir);
    const key = (f: { ruleId: string; file: string; line: number; column: number; message: string }) => `${f.ruleId}|${f.file}|${f.line}:${f.column}|${f.message}`;
    const cliKeys = new Set(cli.map(key));
    let compared = 0;
    for (const s of result.solutions) {
      const shown = new Set(s.overview.byRule.flatMap(r => r.findings.map(f => key({ ruleId: f.ruleId, file: f.location.entry ? `${f.location.path}!/${f.location.entry}` : f.location.path, line: f.location.range.start.line + 1, column: f.location.range.start.character + 1, message: f.message }))));
      assert.equal(shown.size, s.overview.total, `${s.uniqueName}: each finding once`);
      for (const k of shown) assert.ok(cliKeys.has(k), `${s.uniqueName}: the CLI reports ${k}`);
      // The CLI's findings in the solution's folder (its own files), but for those of another solution nested there.
      const nested = result.solutions.filter(o => o !== s && o.root.startsWith(s.root + path.sep)).map(o => o.root + path.sep);
      for (const f of cli) {
        if (!f.file.startsWith(s.root + path.sep) || nested.some(n => f.file.startsWith(n)) || f.file.includes(`${path.sep}pipelines${path.sep}`)) continue;
        assert.ok(shown.has(key(f)), `${s.uniqueName}: the overview has ${key(f)}`);
        compared++;
      }
    }
    assert.ok(compared > 50, `compared ${compared} findings`);
  });
});
