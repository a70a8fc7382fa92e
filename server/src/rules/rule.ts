// What a rule is: metadata plus pure checks over the model, called per unit (script, cloud flow,
// solution). Rules never do I/O and never put a secret value into a message.
import type { CloudFlow, DesktopFlow, FlowAction, Loc, Script, Solution, StandaloneScript } from '../model/types';
import type { Span } from '../util/text';

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

export interface Report {
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
  /** Rule-specific facts the fix engine needs (never the secret value itself). */
  data?: Record<string, unknown>;
}

export interface GlobalSettings {
  /** Hosts (exact or `*.suffix`) never reported as environment-specific or hardcoded. */
  allowedHosts: string[];
  /** Path prefixes never reported. */
  allowedPaths: string[];
  /** Machine names never reported. */
  allowedMachines: string[];
}

export interface RuleContext {
  /** Options for this rule, defaults merged with flowcop.json. */
  readonly options: Record<string, unknown>;
  readonly settings: GlobalSettings;
  /** `--env NAME` / the editor's active environment: settings rules check only that one. */
  readonly environment?: string;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  script?(ctx: RuleContext, unit: ScriptUnit): void;
  cloudFlow?(ctx: RuleContext, flow: CloudFlow, solution: Solution): void;
  /** Solution-wide checks: definitions, references, deployment settings. */
  solution?(ctx: RuleContext, solution: Solution): void;
}

/** Declares a rule; keeps each rule file to metadata + checks. */
export function defineRule(rule: Omit<Rule, 'meta'> & { meta: Omit<RuleMeta, 'docs'> }): Rule {
  return { ...rule, meta: { ...rule.meta, docs: `docs/rules/${rule.meta.id}.md` } };
}
