// Configuration removes only its own rule's findings (issue 11, item 7). Over the labelled evaluation
// trees, a few real corpus trees and every RuleTester case, for every rule R:
//   A = all rules at their defaults, B = R turned off in a flowcop.json at the root;
//   (1) B has no finding of R;
//   (2) every finding of A that is not R's is in B — nothing of another rule is hidden;
//   (3) every finding of B that is not in A overlaps, in the same file, a finding of R in A — turning R
//       off can only reveal text R had claimed (findings/precedence.ts).
// The same holds for each boolean rule option flipped from its default (only that rule's findings may
// go; it may also report more of its own) and for each allow-list given a value from a finding of A
// (only the rules that read allow-lists, machine and environment-specific ones, lose findings).
// A claim that lost to R in A and fell back to part of its text (a URL without the query that holds
// a secret) gets its whole text back in B: that finding of A is then replaced, not hidden.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import type { Finding } from '../../server/src/findings/finding';
import { DiskVfs, MemoryVfs, OverlayVfs, Vfs } from '../../server/src/load/vfs';
import { RULES } from '../../server/src/rules/registry';
import type { Rule } from '../../server/src/rules/rule';
import { corpusPath, repoRoot } from '../support/corpus';
import { caseFiles, collectRuleCases, findingText } from '../support/rule-tester';

interface InputSet {
  name: string;
  vfs: Vfs;
  /** Where the flowcop.json goes. */
  dir: string;
  paths: string[];
  environment?: string;
  /** The input's own flowcop.json, which every variation keeps. */
  config: Record<string, unknown>;
  /** flowcop.json files below `dir` (absolute path → content), which every variation is added to. */
  nested?: Array<[string, Record<string, unknown>]>;
}

/** What a run is changed by, and which rules' findings it may remove. */
interface Variation {
  label: string;
  config: Record<string, unknown>;
  /** Rules whose findings may disappear. */
  mayLose: (ruleId: string) => boolean;
  /** Rules that may report more of their own (an option can widen its rule). */
  mayGain: (ruleId: string) => boolean;
  /** Rule that must report nothing in B (a rule turned off). */
  silenced?: string;
}

const ALLOW_READERS = new Set(RULES.filter(r => r.meta.category === 'machine' || r.meta.category === 'environment-specific').map(r => r.meta.id));

function run(input: InputSet, config: Record<string, unknown>): Finding[] {
  let vfs = input.vfs;
  if (Object.keys(config).length) {
    const overlay = new OverlayVfs(input.vfs);
    overlay.set(path.join(input.dir, 'flowcop.json'), JSON.stringify(config));
    // The nearest flowcop.json wins, so a folder with its own (a governed solution naming its data
    // policies) gets the variation too, on top of what it says itself.
    for (const [file, own] of input.nested ?? []) overlay.set(file, JSON.stringify({ ...own, ...config }));
    vfs = overlay;
  }
  return analyze(input.paths, { vfs, environment: input.environment }).findings;
}

const key = (f: Finding) => JSON.stringify([f.ruleId, f.loc.file.path, f.loc.file.entry ?? '', f.loc.span.start, f.loc.span.end, f.message]);
const sameFile = (a: Finding, b: Finding) => a.loc.file.path === b.loc.file.path && (a.loc.file.entry ?? '') === (b.loc.file.entry ?? '');
// As in findings/precedence.ts: half-open spans, and an empty span overlaps nothing.
const overlaps = (a: Finding, b: Finding) => sameFile(a, b) && a.loc.span.start < b.loc.span.end && b.loc.span.start < a.loc.span.end;
const contains = (outer: Finding, inner: Finding) => sameFile(outer, inner) && outer.loc.span.start <= inner.loc.span.start && inner.loc.span.end <= outer.loc.span.end;

/** The finding's text for a failure message; a credential's text is a secret and is never shown. */
function shownText(f: Finding): string {
  return f.category === 'credential' ? '(secret not shown)' : JSON.stringify(findingText(f).slice(0, 80));
}

/** The ways in which B breaks the property, described for the failure message. */
function breaches(a: Finding[], b: Finding[], v: Variation): string[] {
  const inA = new Set(a.map(key));
  const inB = new Set(b.map(key));
  const lost = a.filter(f => !inB.has(key(f)));
  const gained = b.filter(f => !inA.has(key(f)));
  const lostToChange = lost.filter(f => v.mayLose(f.ruleId));
  const show = (f: Finding) => `${f.ruleId} at ${f.loc.file.path}${f.loc.file.entry ? `!/${f.loc.file.entry}` : ''}:${f.loc.span.start}-${f.loc.span.end} ${shownText(f)}: ${f.message.slice(0, 120)}`;
  const out: string[] = [];
  if (v.silenced) for (const f of b.filter(x => x.ruleId === v.silenced)) out.push(`still reported: ${show(f)}`);
  for (const f of lost) {
    if (v.mayLose(f.ruleId)) continue;
    if (gained.some(g => g.ruleId === f.ruleId && contains(g, f))) continue;
    out.push(`hidden: ${show(f)}`);
  }
  for (const f of gained) {
    if (v.mayGain(f.ruleId)) continue;
    if (lostToChange.some(l => overlaps(l, f))) continue;
    out.push(`appeared without covering what the change removed: ${show(f)}`);
  }
  return out;
}

function withRule(config: Record<string, unknown>, id: string, entry: unknown): Record<string, unknown> {
  return { ...config, rules: { ...(config.rules as object ?? {}), [id]: entry } };
}

/** The configured level and options of a rule in a config (flowcop.json's `rules.<id>`). */
function ruleEntry(config: Record<string, unknown>, rule: Rule): { level: string; options: Record<string, unknown> } {
  const entry = (config.rules as Record<string, unknown> | undefined)?.[rule.meta.id];
  if (typeof entry === 'string') return { level: entry, options: {} };
  if (Array.isArray(entry)) return { level: entry[0], options: entry[1] ?? {} };
  return { level: rule.meta.defaultSeverity, options: {} };
}

/** A value for each allow-list, taken from the findings of A (a host, a path prefix, a machine). */
function allowValues(a: Finding[]): Array<{ list: 'hosts' | 'paths' | 'machines'; value: string }> {
  const texts = a.filter(f => ALLOW_READERS.has(f.ruleId)).map(f => ({ text: findingText(f).replace(/\\\\/g, '\\'), message: f.message }));
  const host = texts.map(t => /https?:\/\/([A-Za-z0-9.-]+\.[A-Za-z]{2,})/.exec(t.text)?.[1]).find(Boolean);
  const drivePath = texts.map(t => /[A-Za-z]:\\[^\\'"%<>|]+\\/.exec(t.text)?.[0]).find(Boolean);
  const machine = texts.map(t => /\b(?:server|machine|host) ['"]([A-Za-z][\w.-]*)['"]/.exec(t.message)?.[1]).find(Boolean);
  return [
    ...(host ? [{ list: 'hosts' as const, value: host }] : []),
    ...(drivePath ? [{ list: 'paths' as const, value: drivePath }] : []),
    ...(machine ? [{ list: 'machines' as const, value: machine }] : []),
  ];
}

function variations(input: InputSet, a: Finding[]): Variation[] {
  const out: Variation[] = [];
  const reported = new Set(a.map(f => f.ruleId));
  for (const rule of RULES) {
    const id = rule.meta.id;
    const { level, options } = ruleEntry(input.config, rule);
    if (level === 'off') continue;
    // A rule that reports nothing has nothing to give up; turning it off is checked where it reports.
    if (reported.has(id)) {
      out.push({ label: `${id} off`, config: withRule(input.config, id, 'off'), silenced: id, mayLose: r => r === id, mayGain: () => false });
    }
    for (const [name, schema] of Object.entries(rule.meta.options ?? {})) {
      if (schema.type !== 'boolean') continue;
      const flipped = !(options[name] ?? schema.default);
      out.push({ label: `${id} ${name}: ${flipped}`, config: withRule(input.config, id, [level, { ...options, [name]: flipped }]), mayLose: r => r === id, mayGain: r => r === id });
    }
  }
  for (const { list, value } of allowValues(a)) {
    const allow = (input.config.allow ?? {}) as Record<string, string[]>;
    out.push({
      label: `allow.${list} += ${value}`,
      config: { ...input.config, allow: { ...allow, [list]: [...(allow[list] ?? []), value] } },
      mayLose: r => ALLOW_READERS.has(r),
      mayGain: () => false,
    });
  }
  return out;
}

/** Runs every variation of an input and returns what broke, by variation. */
function check(input: InputSet): string[] {
  const a = run(input, input.config);
  return variations(input, a).flatMap(v => breaches(a, run(input, v.config), v).map(b => `${input.name} [${v.label}] ${b}`));
}

function assertIndependent(inputs: InputSet[]): void {
  const problems = inputs.flatMap(check);
  assert.equal(problems.length, 0, `${problems.length} finding(s) changed by configuration that is not theirs:\n${problems.slice(0, 40).join('\n')}`);
}

function diskInput(name: string, dir: string, paths = [dir]): InputSet {
  const nested = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(rel => path.basename(rel) === 'flowcop.json' && path.dirname(rel) !== '.')
    .map((rel): [string, Record<string, unknown>] => [path.join(dir, rel), JSON.parse(fs.readFileSync(path.join(dir, rel), 'utf8'))]);
  return { name, vfs: new DiskVfs(), dir, paths, config: {}, nested };
}

const ROOT = repoRoot();

describe('configuration removes only its own rule\'s findings', () => {
  test('evaluation tree (test/eval/tree)', () => {
    assertIndependent([diskInput('eval', path.join(ROOT, 'test/eval/tree'))]);
  });

  test('held-out tree (test/eval-holdout/tree)', () => {
    assertIndependent([diskInput('holdout', path.join(ROOT, 'test/eval-holdout/tree'))]);
  });

  // A handful of real trees: one solution with desktop flows, one with cloud flows, loose scripts.
  const solutions = ['solutions/AgniusBartninkas__power-automate-desktop-framework', 'yaml-layout'];
  const scripts = [
    'pad-scripts/JoeG592__pad-robin-action-kb__marketing_video_flows_04-sales-api-report.robin',
    'pad-scripts/Onto-IQ__power-automate-desktop__07-contoso-invoice-ops.robin',
    'pad-scripts/AgniusBartninkas__power-automate-desktop-framework__src_flows_email-sender_source_send-email-via-smtp.txt',
  ];
  test('real corpus (../shared/corpus)', t => {
    if (!corpusPath()) {
      t.skip('no ../shared/corpus beside the checkout');
      return;
    }
    const inputs = solutions.flatMap(s => {
      const dir = corpusPath(s);
      return dir ? [diskInput(s, dir)] : [];
    });
    const files = scripts.flatMap(s => corpusPath(s) ?? []);
    if (files.length) inputs.push(diskInput('pad-scripts', path.dirname(files[0]), files));
    assert.ok(inputs.length > 0, 'none of the chosen corpus trees exists');
    assertIndependent(inputs);
  });

  test('every RuleTester case (test/unit/rules)', () => {
    const dir = path.join(__dirname, 'rules');
    const modules = fs.readdirSync(dir).filter(f => f.endsWith('.test.js'));
    const cases = collectRuleCases(() => { for (const m of modules) require(path.join(dir, m)); });
    assert.ok(cases.length > 100, `only ${cases.length} cases collected from ${modules.length} rule test files`);
    const inputs = cases.map((c, i): InputSet => {
      const files = caseFiles(c.rule, c.case);
      const root = '/fixture';
      const config = typeof files['flowcop.json'] === 'string' ? JSON.parse(files['flowcop.json'] as string) : {};
      const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, v]) => [`${root}/${p}`, v])));
      return { name: `${c.rule.meta.id} ${c.kind} ${c.case.name ?? `#${i + 1}`}`, vfs, dir: root, paths: [root], environment: c.case.environment, config };
    });
    assertIndependent(inputs);
  });
});
