// What the evaluation-set tests share: the repository root, the label shape, the scorer
// (scripts/eval.mjs) and an in-process `flowcop lint --format json` of a tree.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../server/src/cli';
import { DiskVfs } from '../../server/src/load/vfs';

/** Repository root: the tests run from <out>/test/unit/. */
export const ROOT = [path.resolve(__dirname, '../../..'), path.resolve(__dirname, '../..')].find(d => fs.existsSync(path.join(d, 'scripts', 'eval.mjs')))!;

export interface Label {
  id: string;
  category: string;
  rule?: string;
  file: string;
  line?: number;
  lines?: number[];
  flow?: string;
  scriptLine?: number;
  note: string;
}

// scripts/eval.mjs is an ES module; the tests are CommonJS.
export const loadEvaluator = (): Promise<any> => import(pathToFileURL(path.join(ROOT, 'scripts', 'eval.mjs')).href);

/** `flowcop lint <tree> --format json`, in-process (the same code as the CLI); it must not write. */
export function lintReport(tree: string): unknown {
  let out = '';
  let err = '';
  const code = runCli(['lint', path.relative(ROOT, tree), '--format', 'json', '--fail-on', 'none'], {
    stdout: s => { out += s; },
    stderr: s => { err += s; },
    cwd: ROOT,
    vfs: new DiskVfs(),
    isTTY: false,
    env: {},
    writeFile: () => { throw new Error('the evaluation must not write files'); },
  });
  assert.equal(code, 0, `flowcop lint failed (${code}): ${err}`);
  return JSON.parse(out);
}

// ---------------------------------------------------------------------------------------------
// Documented place exceptions. Where the product deliberately reports a labelled problem at another
// place than the label, the exception names the label and the finding that reports it, with the reason.
// It never lowers a threshold or drops a finding: a finding the labels do not list still counts
// against precision. Each exception must still apply, so a stale one fails the test that uses it.

export interface PlaceException {
  /** The label FlowCop reports at another place. */
  id: string;
  /** The rule of the finding that reports it. */
  rule: string;
  /** For a desktop-flow script: the flow (display name) and logical element (variable, input, output). */
  flow?: string;
  element?: string;
  /** For any other file: the file relative to the tree and the line FlowCop reports. */
  file?: string;
  line?: number;
  reason: string;
}

export interface ReportFinding {
  ruleId: string;
  file?: string;
  line?: number;
  scriptLine?: number;
  logicalLocation?: { flow?: string; element?: { name?: string } };
}

type LabelWithAlso = Label & { also?: unknown[] };

/** The findings an exception names; `treePrefix` is the tree as the report names files (with a trailing slash). */
function findingsOf(x: PlaceException, findings: ReportFinding[], treePrefix: string): ReportFinding[] {
  return findings.filter(f => f.ruleId === x.rule
    && (x.flow === undefined || (f.logicalLocation?.flow === x.flow && f.scriptLine !== undefined))
    && (x.element === undefined || f.logicalLocation?.element?.name === x.element)
    && (x.file === undefined || (f.file ?? '').replace(/\\/g, '/') === treePrefix + x.file)
    && (x.line === undefined || f.line === x.line));
}

/** The labels with FlowCop's place added to each relocated label (`also`); throws on a stale exception. */
export function withExceptions(
  report: { findings: ReportFinding[] },
  labelSet: { labels: LabelWithAlso[]; negatives: Label[] },
  exceptions: PlaceException[],
  treePrefix: string,
): { labels: LabelWithAlso[]; negatives: Label[] } {
  const labels = labelSet.labels.map(l => ({ ...l }));
  for (const x of exceptions) {
    const label = labels.find(l => l.id === x.id);
    assert.ok(label, `exception ${x.id}: no such label`);
    assert.ok(x.flow !== undefined || x.file !== undefined, `exception ${x.id}: names neither a flow nor a file`);
    const found = findingsOf(x, report.findings, treePrefix);
    assert.ok(found.length > 0, `exception ${x.id} is stale: no ${x.rule} finding at ${x.flow ?? x.file} ${x.element ?? x.line ?? ''} (remove it)`);
    const places = found.map(f => (x.flow !== undefined ? { file: label.file, flow: x.flow, scriptLine: f.scriptLine } : { file: x.file, line: f.line }));
    label.also = [...(label.also ?? []), ...places];
  }
  return { labels, negatives: labelSet.negatives };
}

export const describeExceptions = (exceptions: PlaceException[]): string =>
  exceptions.map(x => `  - ${x.id} (${x.rule}, ${x.element ?? `${x.file}:${x.line}`}): ${x.reason}`).join('\n');
