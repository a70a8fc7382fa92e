// What a rule is: metadata plus pure checks over the model, called per unit (script, cloud flow,
// solution). Rules never do I/O and never put a secret value into a message.
import type { AppliedPolicies } from '../model/dlp';
import type { CloudFlow, DesktopFlow, FlowAction, Loc, Script, Solution, StandaloneScript } from '../model/types';
import type { Span } from '../util/text';
import type { FixData, FixKind } from './fix-kinds';
import type { IdentityRole } from '../analysis/settings/accounts';

export type { FixData, FixKind } from './fix-kinds';

export type Severity = 'error' | 'warning' | 'info';
export type Category = 'credential' | 'machine' | 'environment-specific' | 'alm' | 'syntax';

export interface OptionSchema {
  type: 'string' | 'boolean' | 'number' | 'string[]';
  description: string;
  default: unknown;
}

export interface RuleMeta {
  /** Stable id, e.g. `pad/plaintext-secret`. */
  id: string;
  category: Category;
  defaultSeverity: Severity;
  /** One sentence: what the rule finds. */
  description: string;
  /** Path of the rule's documentation, relative to the package root: `docs/rules/<id>.md`. */
  docs: string;
  /** Whether the fix engine offers a fix (beyond suppression) for its findings. */
  fixable: boolean;
  /** Options the rule reads from flowcop.json (`rules.<id>: [level, {options}]`). */
  options?: Record<string, OptionSchema>;
  /** SARIF `security-severity` (0.0–10.0) for credential rules, as GitHub code scanning ranks it. */
  securitySeverity?: number;
}

/** A desktop-flow script with what owns it. */
export interface ScriptUnit {
  script: Script;
  /** Set when the script is a desktop flow of a solution. */
  desktopFlow?: DesktopFlow;
  solution?: Solution;
  /** Set for a .robin/.txt script file. */
  standalone?: StandaloneScript;
  /** Flow name (desktop flow) or file name (standalone). */
  name: string;
}

export interface LogicalElement {
  kind: 'action' | 'trigger' | 'variable' | 'input' | 'output' | 'subflow' | 'parameter' | 'connectionReference' | 'environmentVariable' | 'setting' | 'solution';
  name: string;
}

/**
 * A finding's claim on the text it reports. After configuration, levels, options, allow-lists and
 * suppressions have been applied, claims on overlapping text compete by category: credential >
 * machine > environment-specific (findings/precedence.ts). A finding that loses keeps its fallback, if
 * it has one whose text no stronger finding covers (a URL without the query that carries a secret).
 */
export interface Claim<D = FindingData> {
  fallback?: Pick<Report<D>, 'message' | 'scriptSpan' | 'loc' | 'data'>;
}

export type FindingData = Record<string, unknown>;

export interface Report<D = FindingData> {
  /** Plain sentence naming the variable, argument, action or component. Never the secret. */
  message: string;
  /** Span in the script text (script units). The engine maps it into the real file. */
  scriptSpan?: Span;
  /** Location in a real file (cloud flows, solutions, settings). */
  loc?: Loc;
  /** The element the finding is about, for logical locations, baselines and suppression. */
  element?: LogicalElement;
  /** The subflow (FUNCTION) a script finding is in; the engine fills it in when omitted. */
  subflow?: string;
  /** The cloud-flow action (for `flowcop-disable` in its description and ignore entries). */
  action?: FlowAction;
  /** Override the configured severity (e.g. a check that cannot be verified in a clipboard copy). */
  severity?: Severity;
  /** Rule-specific facts the fix engine needs (never the secret value itself); typed by the rule's fixes. */
  data?: D;
  /** Set by value rules (credentials, machines, environment-specific values): see Claim. */
  claim?: Claim<D>;
}

export interface GlobalSettings {
  /** Hosts (exact or `*.suffix`) never reported as environment-specific or hardcoded. */
  allowedHosts: string[];
  /** Path prefixes never reported. */
  allowedPaths: string[];
  /** Machine names never reported. */
  allowedMachines: string[];
  /** Registrable domains that are the organisation's own (`contoso.com`): their hosts are environment-specific. */
  organizationDomains: string[];
  /** Data-policy files of the run (flowcop.json `policies`, `--policy`), for the dlp/ rules (rules/dlp/policies.ts). */
  dataPolicies?: readonly AppliedPolicies[];
  /** flowcop.json `identities.roles`: account patterns per role; absent → the built-in roles (analysis/settings/accounts.ts). */
  identityRoles?: readonly IdentityRole[];
}

export interface RuleContext<D = FindingData> {
  /** Options for this rule, defaults merged with flowcop.json. */
  readonly options: Record<string, unknown>;
  readonly settings: GlobalSettings;
  /** `--env NAME` / the editor's active environment: settings rules check only that one. */
  readonly environment?: string;
  report(report: Report<D>): void;
}

/** The checks of a rule, one per kind of unit it looks at. */
export interface RuleChecks<D = FindingData> {
  script?(ctx: RuleContext<D>, unit: ScriptUnit): void;
  cloudFlow?(ctx: RuleContext<D>, flow: CloudFlow, solution: Solution): void;
  /** Solution-wide checks: definitions, references, deployment settings. */
  solution?(ctx: RuleContext<D>, solution: Solution): void;
}

export interface Rule {
  meta: RuleMeta;
  check: RuleChecks;
  /** The fixes the fix engine offers for the rule's findings (fix/providers.ts implements each kind). */
  fixes: readonly FixKind[];
}

/** Rules whose findings come from the loaders (pad/syntax, flowcop/parse-error): never fixed nor suppressed. */
export function isLoaderRule(rule: Rule): boolean {
  return !rule.check.script && !rule.check.cloudFlow && !rule.check.solution;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The data a rule's findings must carry: what every fix it offers reads. */
export type DataOf<K extends FixKind> = [K] extends [never] ? FindingData : UnionToIntersection<FixData[K]> & FindingData;

/**
 * Declares a rule; keeps each rule file to metadata, checks and the fixes it offers. The findings'
 * `data` is typed by those fixes, so a fix never reads a field its rule does not write.
 */
export function defineRule<K extends FixKind = never>(rule: {
  meta: Omit<RuleMeta, 'docs'>;
  /** Loader rules (pad/syntax, flowcop/parse-error) have none: their findings come from the loaders. */
  check?: RuleChecks<DataOf<K>>;
  fixes?: readonly K[];
}): Rule {
  return { meta: { ...rule.meta, docs: `docs/rules/${rule.meta.id}.md` }, check: (rule.check ?? {}) as RuleChecks, fixes: rule.fixes ?? [] };
}
