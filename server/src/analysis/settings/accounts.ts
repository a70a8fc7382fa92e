// Accounts bound in deployment settings, and what their names say: each environment should run under its
// own identities, named by role (flowcop.json `identities.roles`; by default `<env>-rpa-bot@…`,
// `<env>-rpa-machineowner@…`, `<env>-rpa-cloud@…`). Accounts come from connection reference entries (an
// owner field such as the ALM Accelerator's ConnectionOwner, or an account inside the ConnectionId) and
// from environment variable values. Pipeline tokens name no one. The identities pipelines deploy with
// (service connections, app ids, pac auth users) are read from the pipeline imports linked to the solution.
import type { DeploymentSettings, Loc, Solution } from '../../model/types';
import { DeploymentIdentity, importsOf, PipelineFile, PipelineImport } from '../../model/pipeline';
import { environmentsNamed } from '../pipeline/environments';
import { innerSpan, JsonNode } from '../../load/json';
import { settingsIndex } from './lookup';
import { isPipelineToken, stageOfEnvironment } from '../shared/values';

export interface IdentityRole {
  /** The role's name, for messages: `bot`, `machineOwner`, `cloud`. */
  role: string;
  /** The account pattern: `<env>` is the environment part, `*` any run of characters other than `@` and blanks. */
  pattern: string;
}

export const DEFAULT_IDENTITY_ROLES: readonly IdentityRole[] = [
  { role: 'bot', pattern: '<env>-rpa-bot@*' },
  { role: 'machineOwner', pattern: '<env>-rpa-machineowner@*' },
  { role: 'cloud', pattern: '<env>-rpa-cloud@*' },
];

/**
 * The roles a run uses: flowcop.json's `identities.roles` when the rule settings carry them (an empty
 * object turns the convention off), else the defaults.
 */
export function identityRolesOf(settings: object): readonly IdentityRole[] {
  return (settings as { identityRoles?: readonly IdentityRole[] }).identityRoles ?? DEFAULT_IDENTITY_ROLES;
}

/** Why a role pattern cannot be used, or undefined when it can. */
export function rolePatternProblem(pattern: string): string | undefined {
  const count = pattern.split('<env>').length - 1;
  if (count !== 1) return 'must contain <env> exactly once';
  if (!pattern.includes('@')) return 'must describe a whole account (user@domain), with an @';
  if (/\s/.test(pattern)) return 'must not contain blanks';
  return undefined;
}

const compiled = new Map<string, RegExp>();
/** `<env>` → one run of letters and digits; `*` → characters other than `@` and blanks; the rest literal. */
function roleRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const body = pattern.split('<env>').map(part => part.split('*').map(escape).join('[^@\\s]*')).join('([A-Za-z0-9]+)');
    compiled.set(pattern, re = new RegExp(`^${body}$`, 'i'));
  }
  return re;
}
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The role an account matches, with the environment part its name carries. */
export function roleOfAccount(account: string, roles: readonly IdentityRole[]): { role: string; environmentPart: string } | undefined {
  if (account.length > 320) return undefined;
  for (const r of roles) {
    if (rolePatternProblem(r.pattern)) continue;
    const m = roleRegExp(r.pattern).exec(account);
    if (m) return { role: r.role, environmentPart: m[1] };
  }
  return undefined;
}

/**
 * Whether the environment part of an account names another environment than `environment`: the name of
 * another environment of the solution, or a different stage (dev, test, prod) than this one's. A part
 * that is neither (a region, a team code) says nothing.
 */
export function namesOtherEnvironment(part: string, environment: string, environments: readonly string[]): boolean {
  const p = part.toLowerCase();
  if (p === environment.toLowerCase()) return false;
  if (environments.some(e => e.toLowerCase() === p)) return true;
  const mine = stageOfEnvironment(environment);
  const theirs = stageOfEnvironment(part);
  return !!mine && !!theirs && mine !== theirs;
}

const ACCOUNT = /[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;

/** Accounts (user@domain) written in a text, with offsets. */
export function accountsIn(text: string): Array<{ account: string; start: number; end: number }> {
  // No `@`, no account (the pattern would otherwise try up to 64 characters from every position).
  if (text.length > 100_000 || !text.includes('@')) return [];
  const out: Array<{ account: string; start: number; end: number }> = [];
  for (const m of text.matchAll(ACCOUNT)) {
    const account = m[0].replace(/^[.'-]+/, '');
    const start = m.index! + (m[0].length - account.length);
    if (!/\.[A-Za-z]{2,}$/.test(account)) continue;
    out.push({ account, start, end: start + account.length });
  }
  return out;
}

export interface BoundAccount {
  /** The account as written. */
  account: string;
  /** Lower case, for comparing. */
  key: string;
  environment: DeploymentSettings;
  kind: 'environmentVariable' | 'connectionReference';
  /** Schema name or logical name of the entry. */
  name: string;
  /** The field that holds it: Value, ConnectionId, ConnectionOwner… */
  field: string;
  /**
   * `owner`: it owns the connection (an owner field, or inside the ConnectionId); `value`: an environment
   * variable value whose name says it holds an account (User, Account, Login, Owner, RunAs…); `mentioned`:
   * any other account written in a value (a mailbox to notify: not a binding).
   */
  binding: 'owner' | 'value' | 'mentioned';
  /** The span of the account in the file (the whole value when escapes make the text differ). */
  loc: Loc;
  /** The span of the whole value. */
  valueLoc: Loc;
  /** Where the account starts and ends inside the value. */
  inValue: { start: number; end: number; value: string };
}

const OWNER_FIELD = /owner|user|account|identity|runas|principal/i;
const ACCOUNT_NAME = /user|account|login|upn|owner|runas|identity|principal|serviceaccount|bot|robot/i;

const memo = new WeakMap<Solution, BoundAccount[]>();

/** Every account written in the solution's deployment settings (a shared `default` file included). */
export function boundAccounts(solution: Solution): BoundAccount[] {
  let out = memo.get(solution);
  if (out) return out;
  out = [];
  for (const env of solution.environments) {
    for (const e of env.environmentVariables) {
      if (!e.value) continue;
      const bare = e.schemaName.replace(/^[A-Za-z0-9]+_/, '');
      collect(out, env, 'environmentVariable', e.schemaName, 'Value', e.value, e.valueLoc, ACCOUNT_NAME.test(bare) ? 'value' : 'mentioned');
    }
    const entries = settingsIndex(env).nodes.ConnectionReferences;
    for (const c of env.connectionReferences) {
      if (c.connectionId) collect(out, env, 'connectionReference', c.logicalName, 'ConnectionId', c.connectionId, c.valueLoc, 'owner');
      const node = entries.get(c.loc.span.start);
      for (const p of node?.children ?? []) {
        const [k, v] = p.children ?? [];
        if (typeof k?.value !== 'string' || v?.type !== 'string' || /^(logicalname|connectionid|connectorid)$/i.test(k.value)) continue;
        collect(out, env, 'connectionReference', c.logicalName, k.value, v.value as string, { file: env.file, span: innerSpan(v as JsonNode) }, OWNER_FIELD.test(k.value) ? 'owner' : 'mentioned');
      }
    }
  }
  memo.set(solution, out);
  return out;
}

function collect(out: BoundAccount[], env: DeploymentSettings, kind: BoundAccount['kind'], name: string, field: string, value: string, valueLoc: Loc, binding: BoundAccount['binding']): void {
  if (isPipelineToken(value)) return;
  const raw = env.file.text.slice(valueLoc.span.start, valueLoc.span.end);
  for (const a of accountsIn(value)) {
    // Inside a JSON string the account sits at the same offsets when the value has no escapes.
    const loc = raw === value ? { file: env.file, span: { start: valueLoc.span.start + a.start, end: valueLoc.span.start + a.end } } : valueLoc;
    out.push({ account: a.account, key: a.account.toLowerCase(), environment: env, kind, name, field, binding, loc, valueLoc, inValue: { start: a.start, end: a.end, value } });
  }
}

/** An account as messages show it: the local part and `@…` (the domain adds nothing and may identify a tenant). */
export function shownAccount(account: string): string {
  const at = account.indexOf('@');
  return at < 0 ? account : `${account.slice(0, at)}@…`;
}

/** An identity a pipeline step deploys the solution with, and the environments around it. */
export interface DeployingIdentity {
  identity: DeploymentIdentity;
  /**
   * For comparing steps (lower case): set when the text names the same identity wherever it is written —
   * a literal, or a GitHub secret/variable of a job without a GitHub environment (environment secrets
   * differ per environment). Azure DevOps and shell variables may be set per stage: not comparable.
   */
  key?: string;
  /** The environments the step deploys to, by its stage (else its target environment): `prod`, `dev`… */
  environments: Set<string>;
  /** The environments the identity's own name carries (`dev-spn`, `secrets.DEV_APP_ID`, `dev-rpa-bot@…`). */
  named: Set<string>;
  /** The stage as written, else the target environment, for messages. */
  where: string;
  pipeline: PipelineFile;
  step: PipelineImport;
}

const deployMemo = new WeakMap<Solution, DeployingIdentity[]>();

/** The identities the pipeline imports of this solution deploy with, in file order. */
export function deployingIdentities(solution: Solution): DeployingIdentity[] {
  let out = deployMemo.get(solution);
  if (out) return out;
  out = [];
  for (const { pipeline, step } of importsOf(solution)) {
    const identity = step.identity;
    if (!identity) continue;
    const text = identity.value.text.trim();
    const byStage = step.stage ? environmentsNamed(step.stage) : new Set<string>();
    const environments = byStage.size ? byStage : environmentsNamed(step.environment?.text ?? '');
    const where = (byStage.size ? step.stage : step.environment?.text.trim()) ?? '';
    out.push({ identity, key: identityKey(identity, text, pipeline, step), environments, named: environmentsNamed(text), where, pipeline, step });
  }
  deployMemo.set(solution, out);
  return out;
}

const GITHUB_EXPRESSION = /^\$\{\{\s*(?:secrets|vars)\.([A-Za-z0-9_]+)\s*\}\}$/i;

function identityKey(identity: DeploymentIdentity, text: string, pipeline: PipelineFile, step: PipelineImport): string | undefined {
  // A pac profile name is local to the machine that created it: it says nothing across files.
  if (identity.kind === 'profile' || !text) return undefined;
  const expression = GITHUB_EXPRESSION.exec(text);
  if (expression) return pipeline.dialect === 'github' && !step.stage ? `${identity.kind}:github:${expression[1].toLowerCase()}` : undefined;
  if (/[$%]|\{\{|#\{/.test(text)) return undefined;
  return `${identity.kind}:${text.toLowerCase()}`;
}

/** An identity as messages show it: names as written, an app id shortened, an account without its domain. */
export function shownIdentity(identity: DeploymentIdentity): string {
  const text = identity.value.text.trim();
  if (identity.kind === 'user') return shownAccount(text);
  if (identity.kind === 'application' && /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(text)) return `${text.slice(0, 8)}…`;
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
