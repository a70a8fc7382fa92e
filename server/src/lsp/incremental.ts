// Re-lints a solution unit after some of its flow or settings files changed, doing only what the change can
// touch: the changed files are read again (reload-flow.ts), the changed flows' checks run, plus the solution
// checks and the checks of the cloud flows whose flow tree holds a changed flow (a desktop flow's sensitive
// inputs decide the secret places of the cloud flows that run it). The dlp/ rules judge flow trees across
// the solution (a flow run by several callers is reported by one of them), so their checks run on every flow.
// When a change moves the organisation evidence every flow shares (mailbox domains, tenant names, staged
// hosts: analysis/solution/organization.ts), every flow's checks run. The unit's other findings are kept.
// The result equals a whole re-lint (test/unit/lsp-incremental.test.ts).
import * as nodePath from 'node:path';
import type { ConfigResolver, Level } from '../findings/config';
import type { Finding } from '../findings/finding';
import { lintWorkspace, sortFindings } from '../findings/lint';
import { organizationOf } from '../analysis/shared/organization';
import { desktopFlowOf } from '../analysis/cloud/actions';
import { childFlowOf } from '../analysis/dlp/uses';
import { importsOf, linkImport } from '../model/pipeline';
import type { CloudFlow, DeploymentSettings, DesktopFlow, Solution, Workspace } from '../model/types';
import type { Rule, RuleChecks } from '../rules/rule';
import type { Vfs } from '../load/vfs';
import { FlowReload, reloadFlows, SplicedScripts } from './reload-flow';

export interface IncrementalInput {
  solution: Solution;
  workspace: Workspace;
  findings: Finding[];
  configs: ConfigResolver;
  rules: readonly Rule[];
  environment?: string;
  override?: (ruleId: string, level: Level) => Level;
  /** Whether the solution is the only one the folders above a settings file hold (reload-flow.ts). */
  ownsSettings?: (path: string) => boolean;
  /** Scripts spliced into overlays by a decoded-script editor (reload-flow.ts). */
  splicedScripts?: SplicedScripts;
}

export interface IncrementalResult {
  solution: Solution;
  workspace: Workspace;
  findings: Finding[];
  /** What was done, for the log: `2 flows re-read, 3 flows and the solution checks re-run`. */
  summary: string;
}

/** Rules whose flow checks read other flows of the solution beyond the flow trees callersOf follows. */
const SOLUTION_WIDE_RULES = /^dlp\//;

/** The engine's finding for a rule that threw: its owner does not say which check threw, so such a unit is linted whole. */
const CRASH_PREFIX = 'internal error in rule ';

/**
 * The unit re-linted for the changed files; 'unchanged' when every changed file hashes as it was read;
 * `{ declined }` when only a whole re-lint can answer (the caller runs one).
 */
export function relintChangedFlows(input: IncrementalInput, changed: ReadonlySet<string>, vfs: Vfs):
  IncrementalResult | 'unchanged' | { declined: string } {
  if (input.findings.some(f => f.message.startsWith(CRASH_PREFIX))) return { declined: 'a rule failed in the last lint' };
  // A spliced script is taken as decoded only in a file whose every load problem came from the script's syntax.
  const otherProblems = new Set(input.workspace.problems.filter(p => p.ruleId !== 'pad/syntax').map(p => nodePath.resolve(p.loc.file.path)));
  const spliced: SplicedScripts | undefined = input.splicedScripts && (path => (otherProblems.has(path) ? { scripts: [], bom: false } : input.splicedScripts!(path)));
  const reload = reloadFlows(input.solution, changed, vfs, input.ownsSettings, spliced);
  if (!reload) return 'unchanged';
  if ('declined' in reload) return reload;
  const old = input.solution;
  const solution = reload.solution;
  for (const linked of importsOf(old)) linkImport(solution, linked);

  const wholeSolution = organizationMoved(reload);
  const cloud = new Set<CloudFlow>(wholeSolution ? solution.cloudFlows : [...reload.cloudFlows, ...callersOf(solution, [...reload.cloudFlows, ...reload.desktopFlows])]);
  const desktop = new Set<DesktopFlow>(wholeSolution ? solution.desktopFlows : reload.desktopFlows);

  let crashed = false;
  const rules = scopedRules(input.rules, cloud, desktop, () => { crashed = true; });
  const problems = [
    ...input.workspace.problems.filter(p => !reload.files.has(p.loc.file.path)).map(p => (p.solution === old ? { ...p, solution } : p)),
    ...reload.problems,
  ];
  const workspace: Workspace = { ...input.workspace, solutions: [solution], problems };
  const fresh = lintWorkspace({ ...workspace, problems: reload.problems }, { rules, configs: input.configs, environment: input.environment, override: input.override });
  if (crashed) return { declined: 'a rule failed' };

  // Kept: load problems of files not read again, and the findings of flows whose checks did not run.
  const problemLocs = new Set(input.workspace.problems.map(p => p.loc));
  const kept = input.findings.filter(f => {
    if (problemLocs.has(f.loc)) return !reload.files.has(f.loc.file.path);
    const flow = f.owner.cloudFlow ?? f.owner.desktopFlow;
    if (!flow || SOLUTION_WIDE_RULES.test(f.ruleId)) return false;
    return !reload.replaced.has(flow) && !cloud.has(flow as CloudFlow) && !desktop.has(flow as DesktopFlow);
  }).map(f => (f.owner.solution === old ? { ...f, owner: { ...f.owner, solution } } : f));

  const reread = reload.cloudFlows.length + reload.desktopFlows.length;
  const settingsRead = reload.settings.length ? `, ${reload.settings.length} settings file${reload.settings.length === 1 ? '' : 's'}` : '';
  const fromEditor = reload.fromEditor ? ` (${reload.fromEditor} from ${reload.fromEditor === 1 ? 'its script editor' : 'their script editors'})` : '';
  const summary = `${reread} flow${reread === 1 ? '' : 's'}${fromEditor}${settingsRead} re-read; ${cloud.size + desktop.size} flow${cloud.size + desktop.size === 1 ? '' : 's'} and the solution checks re-run${wholeSolution ? ' (organisation evidence changed)' : ''}`;
  return { solution, workspace, findings: sortFindings([...kept, ...fresh]), summary };
}

/** The rules with their flow checks limited to these flows (the solution checks all run); `crashed` hears of a check that threw. */
function scopedRules(rules: readonly Rule[], cloud: ReadonlySet<CloudFlow>, desktop: ReadonlySet<DesktopFlow>, crashed: () => void): Rule[] {
  const watch = (run: () => void) => {
    try {
      run();
    } catch (e) {
      crashed();
      throw e;
    }
  };
  return rules.map(rule => {
    if (SOLUTION_WIDE_RULES.test(rule.meta.id)) return { ...rule, check: watchedChecks(rule.check, watch) };
    const { solution, cloudFlow, script } = rule.check;
    const check: RuleChecks = {};
    if (solution) check.solution = (ctx, s) => watch(() => solution(ctx, s));
    if (cloudFlow) check.cloudFlow = (ctx, flow, s) => { if (cloud.has(flow)) watch(() => cloudFlow(ctx, flow, s)); };
    if (script) check.script = (ctx, unit) => { if (unit.desktopFlow && desktop.has(unit.desktopFlow)) watch(() => script(ctx, unit)); };
    return { ...rule, check };
  });
}

/** Every check of a rule, each watched for a throw. */
function watchedChecks(checks: RuleChecks, watch: (run: () => void) => void): RuleChecks {
  const { solution, cloudFlow, script } = checks;
  return {
    ...(solution ? { solution: (ctx, s) => watch(() => solution(ctx, s)) } : {}),
    ...(cloudFlow ? { cloudFlow: (ctx, flow, s) => watch(() => cloudFlow(ctx, flow, s)) } : {}),
    ...(script ? { script: (ctx, unit) => watch(() => script(ctx, unit)) } : {}),
  } as RuleChecks;
}

/** Cloud flows whose flow tree holds one of `changed`: callers through child-flow and Run desktop flow actions, transitively. */
function callersOf(solution: Solution, changed: ReadonlyArray<CloudFlow | DesktopFlow>): CloudFlow[] {
  const callers = new Map<CloudFlow | DesktopFlow, CloudFlow[]>();
  const edge = (callee: CloudFlow | DesktopFlow, caller: CloudFlow) => {
    const list = callers.get(callee);
    if (list) list.push(caller);
    else callers.set(callee, [caller]);
  };
  for (const flow of solution.cloudFlows) {
    for (const action of flow.actions) {
      const child = childFlowOf(action, solution);
      if (child) edge(child, flow);
      const desktop = desktopFlowOf(action, solution);
      if (desktop) edge(desktop, flow);
    }
  }
  const out = new Set<CloudFlow>();
  const pending = [...changed];
  while (pending.length) {
    for (const caller of callers.get(pending.pop()!) ?? []) {
      if (out.has(caller)) continue;
      out.add(caller);
      pending.push(caller);
    }
  }
  return [...out];
}

/** Per text: what it shows of the organisation (the solution's evidence is the union over its flows' texts). */
const evidenceMemo = new WeakMap<object, string>();

function evidenceOf(owner: CloudFlow | DesktopFlow): string {
  let sig = evidenceMemo.get(owner);
  if (sig === undefined) {
    const text = 'file' in owner ? owner.file.text : owner.script?.text ?? '';
    const org = organizationOf([text]);
    sig = JSON.stringify([[...org.domains].sort(), [...org.tenantNames].sort(), [...(org.staged ?? [])].sort()]);
    evidenceMemo.set(owner, sig);
  }
  return sig;
}

/** What a deployment settings file shows: the domains its environment-variable values stage. */
function settingsEvidenceOf(settings: DeploymentSettings): string {
  let sig = evidenceMemo.get(settings);
  if (sig === undefined) {
    // Its values are read twice: as configuration (a host there is staged) and as text like a flow's.
    const values = settings.environmentVariables.flatMap(v => (v.value ? [v.value] : []));
    const asConfiguration = organizationOf([], [], values);
    const asText = organizationOf(values);
    sig = JSON.stringify([[...(asConfiguration.staged ?? [])].sort(), [...asText.domains].sort(), [...asText.tenantNames].sort(), [...(asText.staged ?? [])].sort()]);
    evidenceMemo.set(settings, sig);
  }
  return sig;
}

/**
 * Whether the organisation evidence the solution shows may have moved: the evidence is a union over the
 * flows' texts and the settings' values (the first text staging a domain names the stage), so it stands
 * when each changed flow and settings file shows the same as before.
 */
function organizationMoved(reload: FlowReload): boolean {
  // The cloud flows come first in both lists, in the same order (reload-flow.ts).
  const replaced = [...reload.replaced];
  reload.cloudFlows.forEach((now, k) => inheritEvidence(replaced[k], now));
  // In order: the first text that stages a domain names its stage.
  const before = [...replaced.map(evidenceOf), ...reload.settings.map(([was]) => settingsEvidenceOf(was))];
  const after = [...[...reload.cloudFlows, ...reload.desktopFlows].map(evidenceOf), ...reload.settings.map(([, now]) => settingsEvidenceOf(now))];
  return before.length !== after.length || before.some((s, i) => s !== after[i]);
}

/**
 * Gives a flow read again its last version's evidence when the edit cannot have moved it, so a keystroke
 * scans the lines it touched rather than the whole flow. Neither scan of organizationOf (mailboxes, URLs)
 * matches across a line break, so a text's evidence is the union of its lines' (first stage first): when
 * the lines that differ show none, before and after, the rest of the text shows the same as before.
 */
function inheritEvidence(was: CloudFlow | DesktopFlow | undefined, now: CloudFlow): void {
  if (!was || !('file' in was) || was.file.path !== now.file.path || evidenceMemo.has(now)) return;
  const before = was.file.text;
  const after = now.file.text;
  const prefix = commonPrefixLength(before, after);
  const suffix = commonSuffixLength(before, after, Math.min(before.length, after.length) - prefix);
  // The differing text, widened to whole lines (the same line starts and ends in both texts).
  const start = prefix === 0 ? 0 : before.lastIndexOf('\n', prefix - 1) + 1;
  const lineEnd = (text: string) => {
    const end = text.indexOf('\n', text.length - suffix);
    return end < 0 ? text.length : end;
  };
  if (showsOrganization(before.slice(start, lineEnd(before))) || showsOrganization(after.slice(start, lineEnd(after)))) return;
  evidenceMemo.set(now, evidenceOf(was));
}

function showsOrganization(text: string): boolean {
  const org = organizationOf([text]);
  return org.domains.size > 0 || org.tenantNames.size > 0 || (org.staged?.size ?? 0) > 0;
}

/** Compared a block at a time first: block equality is a native comparison, a character loop is not. */
const BLOCK = 1024;

function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let k = 0;
  while (k + BLOCK <= n && a.slice(k, k + BLOCK) === b.slice(k, k + BLOCK)) k += BLOCK;
  while (k < n && a.charCodeAt(k) === b.charCodeAt(k)) k++;
  return k;
}

/** The length of the common end of a and b, at most `limit`. */
function commonSuffixLength(a: string, b: string, limit: number): number {
  let k = 0;
  while (k + BLOCK <= limit && a.slice(a.length - k - BLOCK, a.length - k) === b.slice(b.length - k - BLOCK, b.length - k)) k += BLOCK;
  while (k < limit && a.charCodeAt(a.length - 1 - k) === b.charCodeAt(b.length - 1 - k)) k++;
  return k;
}
