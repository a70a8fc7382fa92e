// Issue 16's done-when: the environment matrix shows exactly the settings findings the CLI reports, cell by
// cell — on the example solution and on the labelled evaluation tree, with no active environment and with
// one (the editor then lints the settings of that one only, but the matrix still shows every column's).
// The CLI's JSON report is read as a user would (file, line, column, rule, message, logical element);
// a settings finding belongs in the cell of its file's column and of the entry its element names.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { DiskVfs } from '../../server/src/load/vfs';
import type { MatrixResult } from '../../server/src/lsp/protocol';
import { startSession } from './lsp-matrix-support';

const ROOT = path.resolve(__dirname, '../../..');

interface JsonFinding {
  ruleId: string; message: string; file: string; line: number; column: number;
  logicalLocation?: { element?: { kind: string; name: string } };
}

function cliFindings(dir: string): JsonFinding[] {
  const out: string[] = [];
  const io: CliIO = {
    stdout: s => out.push(s), stderr: () => undefined, cwd: dir, vfs: new DiskVfs(), isTTY: false, env: {},
    writeFile: () => assert.fail('lint writes nothing'),
  };
  runCli(['lint', dir, '--format', 'json', '--fail-on', 'none'], io);
  return (JSON.parse(out.join('')) as { findings: JsonFinding[] }).findings.map(f => ({ ...f, file: path.resolve(dir, f.file) }));
}

const placeKey = (f: { ruleId: string; file: string; line: number; column: number; message: string }) => `${f.ruleId}|${f.file}|${f.line}:${f.column}|${f.message}`;

interface Placed { key: string; file: string; column: string; row: string; kind: string }

/** Every finding of every cell, with the column's file and the row it is in. */
function cellFindings(result: MatrixResult): Placed[] {
  const out: Placed[] = [];
  for (const s of result.solutions) {
    for (const r of s.rows) {
      r.cells.forEach((c, i) => {
        for (const f of c.findings) {
          const file = f.location.path;
          out.push({ key: placeKey({ ruleId: f.ruleId, file, line: f.location.range.start.line + 1, column: f.location.range.start.character + 1, message: f.message }), file, column: s.columns[i].file, row: r.name.toLowerCase(), kind: r.kind });
        }
      });
    }
  }
  return out;
}

const CASES: Array<{ name: string; dir: string; environment: string | null; minimum: number }> = [
  { name: 'the example, no active environment', dir: 'examples/ContosoInvoiceProcessing', environment: null, minimum: 4 },
  { name: 'the example, Test active', dir: 'examples/ContosoInvoiceProcessing', environment: 'Test', minimum: 4 },
  { name: 'the evaluation tree, no active environment', dir: 'test/eval/tree', environment: null, minimum: 15 },
  { name: 'the evaluation tree, Prod active', dir: 'test/eval/tree', environment: 'Prod', minimum: 15 },
];

describe('the matrix shows the settings findings the CLI reports, cell by cell', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const dir = path.join(ROOT, c.dir);
      const session = await startSession([dir], c.environment);
      const result = await session.matrix();
      const columnFiles = new Set(result.solutions.flatMap(s => s.columns.map(col => col.file)));
      const cli = cliFindings(dir).filter(f => f.ruleId.startsWith('settings/') || f.ruleId === 'solution/secret-env-var-as-text');
      // Settings findings about something else than a settings file: the pipeline variant of single-identity.
      const inSettings = cli.filter(f => columnFiles.has(f.file));
      for (const f of cli) if (!columnFiles.has(f.file)) assert.ok(f.ruleId === 'settings/single-identity' || f.ruleId === 'solution/secret-env-var-as-text', `${placeKey(f)} is about a settings file`);
      assert.ok(inSettings.length >= c.minimum, `the CLI reports settings findings here (${inSettings.length})`);

      const placed = cellFindings(result);
      const byKey = new Map<string, Placed[]>();
      for (const p of placed) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
      // CLI → matrix: each finding in its file's column, in the row of the entry it names.
      for (const f of inSettings) {
        const cells = byKey.get(placeKey(f)) ?? [];
        assert.ok(cells.length, `the matrix shows ${placeKey(f)}`);
        for (const cell of cells) assert.equal(cell.column, f.file, `${placeKey(f)} is in its file's column`);
        const element = f.logicalLocation?.element?.name.toLowerCase();
        assert.ok(element && cells.some(cell => cell.row === element), `${placeKey(f)} is in the row of ${element}`);
      }
      // Matrix → CLI: nothing else, and each cell's finding is about its column's file.
      const cliKeys = new Set(inSettings.map(placeKey));
      for (const p of placed) {
        assert.ok(cliKeys.has(p.key), `the CLI reports ${p.key}`);
        assert.equal(p.file, p.column, `${p.key} is in its file's column`);
      }
      assert.deepEqual(new Set(placed.map(p => p.key)), cliKeys);
    });
  }
});
