// The lint run: every enabled rule over every unit of a workspace, then suppression.
// Shared by the CLI and the language server, so the editor and CI never disagree.
import { partitionPoint } from '../util/search';
import * as nodePath from 'node:path';
import type { DesktopFlow, FlowAction, LoadProblem, Loc, Script, Solution, StandaloneScript, Workspace } from '../model/types';
import type { GlobalSettings, Report, Rule, RuleContext, ScriptUnit, Severity } from '../rules/rule';
import type { FunctionDef } from '../model/pad-ast';
import { createSourceFile, Span } from '../util/text';
import { Config, ConfigResolver, globToRegExp, IgnoreEntry, Level } from './config';
import type { Finding } from './finding';
import { dropRepeatedPackageFindings } from './package-duplicates';
import { Candidate, resolveClaims } from './precedence';
import { flowFacts } from '../analysis/cloud/facts';
import { scriptFacts } from '../analysis/pad/facts';
import { addPhase, addRule, clock, Timings } from './timing';

export interface LintOptions {
  rules: Rule[];
  configs: ConfigResolver;
  /** Active environment: settings rules check only that one. */
  environment?: string;
  /** Editor-only severity override, applied after flowcop.json. */
  override?: (ruleId: string, level: Level) => Level;
  /** `--timing`: where the time goes, per rule and phase (left undefined, no clock is read). */
  timings?: Timings;
}

export function lintWorkspace(workspace: Workspace, options: LintOptions): Finding[] {
  const { timings } = options;
  const started = timings ? clock() : 0;
  // Time charged to facts and rules inside this call; the rest of it is the `findings` phase.
  let charged = 0;
  const timeRule = (rule: Rule, collect: () => void) => {
    const start = clock();
    try {
      collect();
    } finally {
      const ms = clock() - start;
      addRule(timings!, rule.meta.id, ms);
      charged += ms;
    }
  };
  const findings: Finding[] = [];
  // Findings that claim text compete after configuration and suppression (precedence.ts).
  const candidates: Candidate[] = [];
  const accept = (rule: Rule, level: Exclude<Level, 'off'>, report: Report, owner: Finding['owner'], config: Config, unit?: ScriptUnit) => {
    const f = toFinding(rule, level, report, owner, unit);
    if (isSuppressed(f, report, config)) return;
    if (!report.claim) {
      findings.push(f);
      return;
    }
    const fb = report.claim.fallback && toFinding(rule, level, { ...report, ...report.claim.fallback, claim: undefined }, owner, unit);
    candidates.push({ finding: f, claim: report.claim, fallback: fb && !isSuppressed(fb, report, config) ? fb : undefined });
  };
  const byId = new Map(options.rules.map(r => [r.meta.id, r]));
  const levelOf = (rule: Rule, config: Config): Level => {
    const level = config.rules[rule.meta.id]?.level ?? rule.meta.defaultSeverity;
    return options.override ? options.override(rule.meta.id, level) : level;
  };

  // The desktop flow of each script, found once (a search per problem was O(problems × flows)).
  const flowOfScript = new Map<Script, { solution: Solution; flow: DesktopFlow }>();
  for (const s of workspace.solutions) for (const d of s.desktopFlows) if (d.script) flowOfScript.set(d.script, { solution: s, flow: d });
  for (const p of workspace.problems) {
    const rule = byId.get(p.ruleId);
    if (!rule) continue;
    const config = options.configs.configFor(p.loc.file.path);
    const level = levelOf(rule, config);
    if (level === 'off') continue;
    const owner = p.script ? flowOfScript.get(p.script) : undefined;
    findings.push(problemFinding(p, rule, level, owner && owner.solution === p.solution ? owner.flow : undefined));
  }

  for (const solution of workspace.solutions) {
    const config = options.configs.configFor(solution.layout === 'zip' ? nodePath.dirname(solution.root) : solution.root);
    if (timings) charged += computeSharedFacts(solution, options.rules.filter(r => levelOf(r, config) !== 'off'), timings);
    for (const rule of options.rules) {
      const level = levelOf(rule, config);
      if (level === 'off') continue;
      const run = (owner: Finding['owner'], collect: (ctx: RuleContext) => void, unit?: ScriptUnit) => {
        const ctx = context(rule, config, options.environment, workspace, report => accept(rule, level, report, owner, config, unit));
        try {
          if (timings) timeRule(rule, () => collect(ctx));
          else collect(ctx);
        } catch (e) {
          findings.push(crashFinding(rule, solution, e));
        }
      };
      const { check } = rule;
      if (check.solution) run({ solution }, ctx => check.solution!(ctx, solution));
      if (check.cloudFlow) for (const flow of solution.cloudFlows) run({ solution, cloudFlow: flow }, ctx => check.cloudFlow!(ctx, flow, solution));
      if (check.script) {
        for (const df of solution.desktopFlows) {
          if (!df.script) continue;
          const unit: ScriptUnit = { script: df.script, desktopFlow: df, solution, name: df.name };
          run({ solution, desktopFlow: df, script: df.script }, ctx => check.script!(ctx, unit), unit);
        }
      }
    }
  }

  for (const standalone of workspace.scripts) {
    const config = options.configs.configFor(standalone.script.file.path);
    const unit: ScriptUnit = { script: standalone.script, standalone, name: standalone.name };
    if (timings && options.rules.some(r => r.check.script && levelOf(r, config) !== 'off')) charged += timedFacts(timings, () => scriptFacts(unit));
    for (const rule of options.rules) {
      const script = rule.check.script;
      if (!script) continue;
      const level = levelOf(rule, config);
      if (level === 'off') continue;
      const ctx = context(rule, config, options.environment, workspace, report => accept(rule, level, report, { standalone, script: standalone.script }, config, unit));
      try {
        if (timings) timeRule(rule, () => script(ctx, unit));
        else script(ctx, unit);
      } catch (e) {
        findings.push(crashFinding(rule, undefined, e, standalone));
      }
    }
  }
  findings.push(...resolveClaims(candidates));
  const sorted = sortFindings(dropRepeatedPackageFindings(findings));
  if (timings) addPhase(timings, 'findings', Math.max(0, clock() - started - charged));
  return sorted;
}

/**
 * With --timing, the facts several rules share (each flow's and each script's, memoised) are computed
 * before the rules run, so their time is the `facts` line rather than the first asking rule's. Returns the ms spent.
 */
function computeSharedFacts(solution: Solution, enabled: readonly Rule[], timings: Timings): number {
  let ms = 0;
  if (enabled.some(r => r.check.cloudFlow)) for (const flow of solution.cloudFlows) ms += timedFacts(timings, () => flowFacts(flow, solution));
  if (enabled.some(r => r.check.script)) {
    for (const df of solution.desktopFlows) {
      if (df.script) ms += timedFacts(timings, () => scriptFacts({ script: df.script!, desktopFlow: df, solution }));
    }
  }
  return ms;
}

function timedFacts(timings: Timings, compute: () => unknown): number {
  const start = clock();
  try {
    compute();
  } catch {
    // The rule that asks for these facts meets the same error and reports it as its crash finding.
  }
  const ms = clock() - start;
  addPhase(timings, 'facts', ms);
  return ms;
}

function context(rule: Rule, config: Config, environment: string | undefined, workspace: Workspace, report: (r: Report) => void): RuleContext {
  const defaults = Object.fromEntries(Object.entries(rule.meta.options ?? {}).map(([k, o]) => [k, o.default]));
  const settings: GlobalSettings = { allowedHosts: config.allow.hosts, allowedPaths: config.allow.paths, allowedMachines: config.allow.machines, organizationDomains: config.organizationDomains, dataPolicies: workspace.policies, identityRoles: config.identities?.roles };
  return { options: { ...defaults, ...(config.rules[rule.meta.id]?.options ?? {}) }, settings, environment, report };
}

function toFinding(rule: Rule, level: Exclude<Level, 'off'>, r: Report, owner: Finding['owner'], unit?: ScriptUnit): Finding {
  const script = owner.script;
  const loc = r.loc ?? (script && r.scriptSpan ? { file: script.file, span: script.map.toFileSpan(r.scriptSpan) } : undefined);
  const flow = owner.cloudFlow ?? owner.desktopFlow;
  const severity = r.severity && rank(r.severity) < rank(level) ? r.severity : level;
  return {
    ruleId: rule.meta.id,
    category: rule.meta.category,
    severity,
    message: r.message,
    loc: loc ?? solutionLoc(owner.solution) ?? { file: script!.file, span: { start: 0, end: 0 } },
    scriptSpan: r.scriptSpan,
    owner,
    logical: {
      solution: owner.solution?.uniqueName,
      flow: flow?.name ?? unit?.name,
      flowKind: owner.cloudFlow ? 'cloud' : owner.desktopFlow ? 'desktop' : owner.standalone ? 'script' : undefined,
      subflow: r.subflow ?? (script && r.scriptSpan ? subflowAt(script.ast.functions, r.scriptSpan.start) : undefined),
      element: r.element ?? (r.action ? { kind: r.action.trigger ? 'trigger' : 'action', name: r.action.name } : undefined),
    },
    data: r.data,
  };
}

/** Where a solution-wide finding points: its unique name in Solution.xml, or its folder. */
export function solutionLoc(solution: Solution | undefined): Loc | undefined {
  if (!solution) return undefined;
  return solution.nameLoc ?? { file: solution.manifest ?? createSourceFile(solution.root, ''), span: { start: 0, end: 0 } };
}

function rank(s: Severity): number {
  return s === 'error' ? 2 : s === 'warning' ? 1 : 0;
}

/** Functions of a script sorted by start, built once: a scan per finding was O(findings × functions). */
const sortedFunctions = new WeakMap<FunctionDef[], FunctionDef[] | 'overlapping'>();

function subflowAt(functions: FunctionDef[], offset: number): string {
  let sorted = sortedFunctions.get(functions);
  if (!sorted) {
    const byStart = [...functions].sort((a, b) => a.span.start - b.span.start);
    sorted = byStart.some((f, k) => k > 0 && f.span.start < byStart[k - 1].span.end) ? 'overlapping' : byStart;
    sortedFunctions.set(functions, sorted);
  }
  if (sorted === 'overlapping') {
    for (const f of functions) if (offset >= f.span.start && offset < f.span.end) return f.name;
    return 'main';
  }
  // Functions do not overlap: the last one starting at or before the offset is the only candidate.
  const f = sorted[partitionPoint(sorted, fn => fn.span.start <= offset) - 1];
  return f && offset < f.span.end ? f.name : 'main';
}

function problemFinding(p: LoadProblem, rule: Rule, level: Exclude<Level, 'off'>, desktopFlow: DesktopFlow | undefined): Finding {
  return {
    ruleId: p.ruleId,
    category: rule.meta.category,
    severity: level,
    message: p.message,
    loc: p.loc,
    scriptSpan: p.scriptSpan,
    owner: { solution: p.solution, script: p.script, desktopFlow },
    logical: { solution: p.solution?.uniqueName, flow: p.flowName, subflow: p.script && p.scriptSpan ? subflowAt(p.script.ast.functions, p.scriptSpan.start) : undefined },
  };
}

/** A rule that throws must not take the run down: report it as a finding and go on. */
function crashFinding(rule: Rule, solution: Solution | undefined, e: unknown, standalone?: StandaloneScript): Finding {
  return {
    ruleId: 'flowcop/parse-error',
    category: 'syntax',
    severity: 'error',
    message: `internal error in rule ${rule.meta.id}: ${(e as Error)?.message ?? String(e)} (please report this)`,
    loc: solutionLoc(solution) ?? { file: standalone!.script.file, span: { start: 0, end: 0 } },
    owner: { solution, standalone },
    logical: { solution: solution?.uniqueName, flow: standalone?.name },
  };
}

// ---------------------------------------------------------------------------------------------
// Suppression

const DISABLE_NEXT_LINE = /^#\s*flowcop-disable-next-line\b(.*)$/i;
const DISABLE_IN_DESCRIPTION = /flowcop-disable\b([^\n]*)/gi;

function isSuppressed(f: Finding, r: Report, config: Config): boolean {
  if (config.ignoreEntries.some(e => ignoreEntryMatches(e, f, config))) return true;
  const script = f.owner.script;
  if (script && f.scriptSpan) return scriptDirectiveCovers(script.text, f.scriptSpan, f.ruleId);
  for (let a: FlowAction | undefined = r.action; a; a = a.parent) {
    if (a.description && descriptionDisables(a.description, f.ruleId)) return true;
  }
  return false;
}

function idsMatch(list: string, ruleId: string): boolean {
  // The lookbehind reads each run of spaces once (`\s+--` alone retries the run from every space).
  const ids = list.split(/(?<!\s)\s+--\s/)[0].split(/[\s,]+/).filter(Boolean);
  return ids.length === 0 || ids.some(id => id === ruleId || (id.endsWith('/*') && ruleId.startsWith(id.slice(0, -1))));
}

/** `# flowcop-disable-next-line id[, id] -- reason` in the comment lines right above the finding. */
export function scriptDirectiveCovers(text: string, span: Span, ruleId: string): boolean {
  let lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  while (lineStart > 0) {
    const prevEnd = lineStart - 1;
    const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
    const line = text.slice(prevStart, prevEnd).replace(/\r$/, '').trim();
    if (!line.startsWith('#')) return false;
    const m = DISABLE_NEXT_LINE.exec(line);
    if (m && idsMatch(m[1], ruleId)) return true;
    lineStart = prevStart;
  }
  return false;
}

export function descriptionDisables(description: string, ruleId: string): boolean {
  for (const m of description.matchAll(DISABLE_IN_DESCRIPTION)) if (idsMatch(m[1], ruleId)) return true;
  return false;
}

function ignoreEntryMatches(e: IgnoreEntry, f: Finding, config: Config): boolean {
  if (e.rule && !(e.rule === f.ruleId || (e.rule.endsWith('/*') && f.ruleId.startsWith(e.rule.slice(0, -1))))) return false;
  if (e.flow && e.flow.toLowerCase() !== (f.logical.flow ?? '').toLowerCase()) return false;
  if (e.element && e.element.toLowerCase() !== (f.logical.element?.name ?? '').toLowerCase()) return false;
  if (e.file) {
    const rel = nodePath.relative(config.dir, f.loc.file.path).replace(/\\/g, '/');
    if (!globToRegExp(e.file).test(rel)) return false;
  }
  return !!(e.rule || e.flow || e.element || e.file);
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) =>
    cmp(a.loc.file.path, b.loc.file.path) || cmp(a.loc.file.entry ?? '', b.loc.file.entry ?? '') ||
    a.loc.span.start - b.loc.span.start || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

