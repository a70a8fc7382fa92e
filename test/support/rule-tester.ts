// RuleTester in the style of ESLint's: per rule, `valid` cases that must produce no finding of
// that rule and `invalid` cases with the findings they must produce (count, text, message). Every
// rule runs, as in a default run: which rule reports a piece of text is decided among all of them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
// The module object itself (not a namespace copy), so that collectRuleCases can pause registration.
import nodeTest = require('node:test');
import { analyze } from '../../server/src/findings/analyze';
import type { Finding } from '../../server/src/findings/finding';
import { MemoryVfs } from '../../server/src/load/vfs';
import { RULES } from '../../server/src/rules/registry';
import type { Rule, Severity } from '../../server/src/rules/rule';
import { buildSolutionFiles, buildZip, FixtureLayout, SolutionSpec } from './fixture';

export interface ExpectedFinding {
  /** Exact source text the finding's span covers (script text for scripts, file text otherwise). */
  text?: string;
  message?: string | RegExp;
  severity?: Severity;
  /** Logical element name (variable, action, input…). */
  element?: string;
}

export interface RuleCase {
  name?: string;
  /** A desktop-flow script kept as a file (test.robin): clipboard copy or saved definition. */
  script?: string;
  /** A whole solution. */
  solution?: SolutionSpec;
  layout?: FixtureLayout;
  /** --env */
  environment?: string;
  /** Rule options (written to flowcop.json). */
  options?: Record<string, unknown>;
  /** Global allow lists (flowcop.json "allow"). */
  allow?: { hosts?: string[]; paths?: string[]; machines?: string[] };
  /** Expected findings (invalid cases). */
  errors?: ExpectedFinding[];
  /** Strings that must not appear in any message (the secrets of the case). */
  secrets?: string[];
}

const ROOT = '/fixture';

/** The files of a case's tree, relative to its root (test.robin, the solution, flowcop.json). */
export function caseFiles(rule: Rule, c: RuleCase): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = {};
  if (c.script !== undefined) files['test.robin'] = c.script;
  if (c.solution) {
    if (c.layout === 'zip') {
      const { zip, outside } = buildZip(c.solution);
      files['Solution_1_0.zip'] = zip;
      Object.assign(files, outside);
    } else {
      Object.assign(files, buildSolutionFiles(c.solution, c.layout ?? 'unpacked'));
    }
  }
  if (c.options || c.allow) {
    const existing = typeof files['flowcop.json'] === 'string' ? JSON.parse(files['flowcop.json'] as string) : {};
    files['flowcop.json'] = JSON.stringify({
      ...existing,
      ...(c.options ? { rules: { ...(existing.rules ?? {}), [rule.meta.id]: [rule.meta.defaultSeverity, c.options] } } : {}),
      ...(c.allow ? { allow: c.allow } : {}),
    });
  }
  return files;
}

export function runCase(rule: Rule, c: RuleCase): { findings: Finding[]; all: Finding[] } {
  const files = caseFiles(rule, c);
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, v]) => [`${ROOT}/${p}`, v])));
  const rules = [rule, ...RULES.filter(r => r.meta.id !== rule.meta.id)];
  const { findings } = analyze([ROOT], { vfs, environment: c.environment, rules });
  return { findings: findings.filter(f => f.ruleId === rule.meta.id), all: findings };
}

export function findingText(f: Finding): string {
  if (f.owner.script && f.scriptSpan) return f.owner.script.text.slice(f.scriptSpan.start, f.scriptSpan.end);
  return f.loc.file.text.slice(f.loc.span.start, f.loc.span.end);
}

function describeFindings(findings: Finding[]): string {
  return findings.map(f => `  ${f.ruleId} "${findingText(f)}": ${f.message}`).join('\n') || '  (none)';
}

/** A case of a rule's tests, as collected by collectRuleCases. */
export interface CollectedCase {
  rule: Rule;
  kind: 'valid' | 'invalid';
  case: RuleCase;
}

let collected: CollectedCase[] | undefined;

/**
 * The RuleTester cases that `load` declares (it requires rule test modules), without running them:
 * other checks (tests/unit/rules-independence.test.ts) reuse the cases as inputs. While `load` runs,
 * node:test registers nothing, so the modules' own tests do not run a second time in the caller's file.
 */
export function collectRuleCases(load: () => void): CollectedCase[] {
  const api = nodeTest as unknown as Record<string, unknown>;
  const names = ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'];
  const saved = names.map(n => api[n]);
  collected = [];
  try {
    for (const n of names) api[n] = () => undefined;
    load();
    return collected;
  } finally {
    names.forEach((n, i) => { api[n] = saved[i]; });
    collected = undefined;
  }
}

export function ruleTester(rule: Rule, cases: { valid: RuleCase[]; invalid: RuleCase[] }): void {
  if (collected) {
    collected.push(...cases.valid.map(c => ({ rule, kind: 'valid' as const, case: c })), ...cases.invalid.map(c => ({ rule, kind: 'invalid' as const, case: c })));
    return;
  }
  describe(rule.meta.id, () => {
    cases.valid.forEach((c, i) => {
      test(`valid: ${c.name ?? `#${i + 1}`}`, () => {
        const { findings, all } = runCase(rule, c);
        const loadErrors = all.filter(f => f.ruleId === 'pad/syntax' || f.ruleId === 'flowcop/parse-error');
        assert.equal(loadErrors.length, 0, `the case itself does not load cleanly:\n${describeFindings(loadErrors)}`);
        assert.equal(findings.length, 0, `expected no ${rule.meta.id} finding, got:\n${describeFindings(findings)}`);
      });
    });
    cases.invalid.forEach((c, i) => {
      test(`invalid: ${c.name ?? `#${i + 1}`}`, () => {
        assert.ok(c.errors?.length, 'an invalid case must list its expected findings');
        const { findings, all } = runCase(rule, c);
        const loadErrors = all.filter(f => f.ruleId === 'pad/syntax' || f.ruleId === 'flowcop/parse-error');
        assert.equal(loadErrors.length, 0, `the case itself does not load cleanly:\n${describeFindings(loadErrors)}`);
        assert.equal(findings.length, c.errors!.length, `expected ${c.errors!.length} finding(s), got:\n${describeFindings(findings)}`);
        c.errors!.forEach((e, k) => {
          const f = findings[k];
          if (e.text !== undefined) assert.equal(findingText(f), e.text, `finding ${k + 1}: wrong span`);
          if (typeof e.message === 'string') assert.equal(f.message, e.message, `finding ${k + 1}: wrong message`);
          else if (e.message) assert.match(f.message, e.message, `finding ${k + 1}: wrong message`);
          if (e.severity) assert.equal(f.severity, e.severity, `finding ${k + 1}: wrong severity`);
          if (e.element) assert.equal(f.logical.element?.name, e.element, `finding ${k + 1}: wrong element`);
        });
        for (const secret of c.secrets ?? []) {
          for (const f of findings) assert.ok(!f.message.includes(secret), `message leaks the secret: ${f.message}`);
        }
      });
    });
  });
}
