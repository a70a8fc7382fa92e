// Helpers for the fix tests: fixture solutions on disk, applying the preferred fix of one rule,
// and the checks every fix must pass (files parse, the finding is gone, nothing new but settings
// reminders, the solution is still discovered, a second application changes nothing).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliIO } from '../../server/src/cli';
import { analyze, Analysis } from '../../server/src/findings/analyze';
import type { Finding } from '../../server/src/findings/finding';
import { applyChange, diskStore, WorkspaceChange } from '../../server/src/fix/change';
import { Fix, fixesFor } from '../../server/src/fix/fixes';
import { parseJson } from '../../server/src/load/json';
import { decodeText, DiskVfs } from '../../server/src/load/vfs';
import { parseXml, validateXml } from '../../server/src/load/xml';
import { FixtureLayout, SolutionSpec, writeFixture } from '../support/fixture';

/** The CLI on the real disk, run in-process from `cwd`, with what it printed. */
export function diskCli(cwd: string): { io: CliIO; out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: s => out.push(s), stderr: s => err.push(s), cwd, vfs: new DiskVfs(), isTTY: false, env: {},
    writeFile: (p, c) => fs.writeFileSync(p, c),
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

export const EDITABLE_LAYOUTS: Array<Exclude<FixtureLayout, 'zip'>> = ['unpacked', 'cdsproj', 'raw'];

const created: string[] = [];
process.on('exit', () => {
  for (const d of created) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test process exits. */
export function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `flowcop-fix-${name}-`));
  created.push(dir);
  return dir;
}

export function fixture(spec: SolutionSpec, layout: FixtureLayout, name = 'case'): string {
  return writeFixture(tempDir(name), spec, layout);
}

export function lint(dir: string, environment?: string): Analysis {
  return analyze([dir], { vfs: new DiskVfs(), environment });
}

/** SHA-1 of every file below a folder (path + bytes), to tell whether anything changed. */
export function treeHash(dir: string): string {
  const h = createHash('sha1');
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else h.update(path.relative(dir, p)).update('\0').update(fs.readFileSync(p)).update('\0');
    }
  };
  walk(dir);
  return h.digest('hex');
}

export function describeFindings(findings: Finding[]): string {
  return findings.map(f => `  ${f.ruleId}: ${f.message}`).join('\n') || '  (none)';
}

export interface Applied {
  finding: Finding;
  fix: Fix;
  change: WorkspaceChange;
  before: Analysis;
  after: Analysis;
  written: string[];
}

/** Applies the preferred fix of the first finding of `ruleId` (matching `pick`) and lints again. */
export function applyPreferred(dir: string, ruleId: string, options: { environment?: string; pick?: (f: Finding) => boolean; getCredentialTemplate?: string } = {}): Applied {
  const before = lint(dir, options.environment);
  const finding = before.findings.find(f => f.ruleId === ruleId && (!options.pick || options.pick(f)));
  assert.ok(finding, `no ${ruleId} finding to fix; findings:\n${describeFindings(before.findings)}`);
  // The run's findings, as `--fix` and the editor pass them: a move changes every place of its value.
  const fixes = fixesFor(finding, { workspace: before.workspace, configs: before.configs, environment: options.environment, getCredentialTemplate: options.getCredentialTemplate, findings: before.findings });
  const fix = fixes.find(f => f.preferred);
  assert.ok(fix, `no preferred fix for ${ruleId}: ${fixes.map(f => f.title).join(', ') || '(none)'}`);
  const change = fix.change();
  const result = applyChange(change, diskStore());
  assert.ok(result.ok, `the change was refused: ${JSON.stringify(result.refused)}`);
  const after = lint(dir, options.environment);
  return { finding, fix, change, before, after, written: [...result.written, ...result.created] };
}

/** Every touched file still parses: XML well-formed, JSON valid; scripts have no syntax problem. */
export function assertParses(a: Applied): void {
  for (const p of a.written) {
    const decoded = decodeText(fs.readFileSync(p), p);
    assert.ok(!('error' in decoded), `${p} cannot be decoded`);
    const text = decoded.file.text;
    if (p.endsWith('.xml')) {
      assert.equal(validateXml(text), undefined, `${p} is not well-formed XML: ${JSON.stringify(validateXml(text))}`);
      assert.deepEqual(parseXml(text).problems, [], `${p}: XML problems`);
    } else if (p.endsWith('.json')) {
      assert.deepEqual(parseJson(text).problems, [], `${p}: JSON problems`);
    }
  }
  const broken = a.after.findings.filter(f => f.ruleId === 'pad/syntax' || f.ruleId === 'flowcop/parse-error');
  assert.equal(broken.length, 0, `the fix broke a file:\n${describeFindings(broken)}`);
  assert.equal(a.after.workspace.problems.length, 0, `load problems after the fix: ${a.after.workspace.problems.map(p => p.message).join('; ')}`);
}

/** The fixed finding is gone and nothing new appeared but the allowed rules (settings reminders). */
export function assertOnlyExpected(a: Applied, allowed: string[] = ['settings/missing-value']): void {
  const key = (f: Finding) => `${f.ruleId}\u0000${f.message}`;
  assert.ok(!a.after.findings.some(f => key(f) === key(a.finding)), `the finding is still there: ${a.finding.message}`);
  const old = new Set(a.before.findings.map(key));
  const fresh = a.after.findings.filter(f => !old.has(key(f)) && !allowed.includes(f.ruleId));
  assert.equal(fresh.length, 0, `new findings after the fix:\n${describeFindings(fresh)}`);
}

/** The solution is still discovered, with the same name and layout. */
export function assertStillDiscovered(a: Applied): void {
  assert.equal(a.after.workspace.solutions.length, a.before.workspace.solutions.length);
  a.before.workspace.solutions.forEach((s, i) => {
    assert.equal(a.after.workspace.solutions[i].uniqueName, s.uniqueName);
    assert.equal(a.after.workspace.solutions[i].layout, s.layout);
  });
}

/**
 * A second application changes nothing: after linting again there is no finding the same fix would
 * address (same rule and message, or a fix with the same title), so nothing is written.
 */
export function assertIdempotent(dir: string, a: Applied, environment?: string): void {
  const hash = treeHash(dir);
  const again = lint(dir, environment);
  for (const f of again.findings.filter(x => x.ruleId === a.finding.ruleId)) {
    assert.notEqual(f.message, a.finding.message, 'the fixed finding came back');
    const fix = fixesFor(f, { workspace: again.workspace, configs: again.configs, environment, findings: again.findings }).find(x => x.preferred);
    assert.notEqual(fix?.title, a.fix.title, 'the same fix is offered again');
  }
  assert.equal(treeHash(dir), hash);
}

/** All the checks of one fix application. */
export function assertGoodFix(dir: string, a: Applied, options: { allowed?: string[]; environment?: string } = {}): void {
  assertParses(a);
  assertOnlyExpected(a, options.allowed);
  assertStillDiscovered(a);
  assertIdempotent(dir, a, options.environment);
  const again = applyChange(a.change, diskStore());
  assert.equal(again.ok, a.change.files.length === 0, 'applying the same change twice must be refused');
}

export function read(p: string): string {
  return fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, '');
}

/** The file of a fixture tree whose relative path matches. */
export function find(dir: string, re: RegExp): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d)) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (re.test(path.relative(dir, p).split(path.sep).join('/'))) out.push(p);
    }
  };
  walk(dir);
  assert.equal(out.length, 1, `expected one file matching ${re}, found ${out.length}`);
  return out[0];
}
