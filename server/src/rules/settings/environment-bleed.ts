// settings/environment-bleed: a value in one environment's deployment settings points at another
// environment in a direction that hurts: a `-dev` host in Prod, a `dev-rpa-bot` account in Test, a Test
// SharePoint site or key vault in Prod, a production system in Dev or Test. The environment a value names
// comes from environmentOfValue (whole words split on non-letters; GUIDs, hex ids and global hosts ignored);
// the environment's own stage from its name. Stages are ordered dev < test < prod, and reported are:
//  - a value of a LOWER stage than the environment (dev in Test or Prod, test/uat/staging in Prod): the
//    environment would run against less controlled data, systems or identities;
//  - a production value in a non-production environment (prod in Dev or Test): Dev and Test would touch
//    production.
// Not reported: a test-stage value (test, uat, staging…) in Dev — partners often offer only a test and a
// production endpoint, and Dev using the partner's test endpoint is right; a sandbox (a vendor's
// non-production tier) anywhere but production. Pipeline tokens name nothing. Checked: environment
// variable values, ConnectionIds, and other text fields of connection reference entries (such as
// the ALM Accelerator's ConnectionOwner). Messages never quote the value (it may be a secret); they quote
// the environment word only when it sits outside every secret position (a password, a token parameter,
// user-info, a fragment such as `#access_token=`, the whole value of a Secret or secret-named variable).
// Accounts named by an identity role (flowcop.json `identities.roles`, by default `<env>-rpa-bot@…`,
// `<env>-rpa-machineowner@…`, `<env>-rpa-cloud@…`) are judged by their environment part, in every
// direction: an identity belongs to one environment, so a `test-rpa-bot` in Dev is reported too (the
// environment part names another environment of the solution, or another stage). Such an account is
// left out of the word check of its value; the message quotes its local part, unless it sits in a secret part.
import type { DeploymentSettings, Loc, Solution } from '../../model/types';
import { innerSpan } from '../../load/json';
import { defineRule } from '../rule';
import { secretSpansInValue, withoutSecretParts } from '../../analysis/shared/secret-parts';
import { isSecretParameter } from '../../analysis/shared/vocabulary';
import { environmentOfValue, isPipelineToken, stageOfEnvironment } from '../../analysis/shared/values';
import { settingsIndex, variableDefinitions } from '../../analysis/settings/lookup';
import { accountsIn, IdentityRole, identityRolesOf, namesOtherEnvironment, roleOfAccount, shownAccount } from '../../analysis/settings/accounts';

const STAGE_NAMES: Record<string, string> = { dev: 'development', test: 'test', prod: 'production' };
const STAGE_ORDER: Record<string, number> = { dev: 0, test: 1, prod: 2 };

/**
 * Whether a value of stage `found` in the settings of a `stage` environment bleeds: a lower stage than the
 * environment's, or production in a non-production environment. `null` when it does not.
 */
export function bleedDirection(found: 'dev' | 'test' | 'prod', stage: 'dev' | 'test' | 'prod'): 'lower' | 'production' | null {
  if (found === stage) return null;
  if (found === 'prod') return 'production';
  return STAGE_ORDER[found] < STAGE_ORDER[stage] ? 'lower' : null;
}
/** Words that name "not production" rather than one stage: a vendor's sandbox serves Dev and Test alike. */
const NON_PRODUCTION_WORDS = new Set(['sandbox', 'sbx']);

export default defineRule({
  meta: {
    id: 'settings/environment-bleed',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'A value in one environment\'s deployment settings points at another environment (a -dev host, a dev-rpa-bot account, a Test site in Prod).',
    fixable: false,
  },
  check: {
    solution(ctx, solution) {
      const wanted = ctx.environment?.toLowerCase();
      const roles = identityRolesOf(ctx.settings);
      const names = solution.environments.map(e => e.environment).filter(n => n.toLowerCase() !== 'default');
      // The same entry names recur in every environment: each is judged once.
      const wholeSecret = new Map<string, boolean>();
      const isWholeSecret = (what: string, name: string, field: string) => {
        const key = `${what}\0${name}\0${field}`;
        let secret = wholeSecret.get(key);
        if (secret === undefined) wholeSecret.set(key, secret = wholeValueIsSecret(solution, what, name, field));
        return secret;
      };
      for (const env of solution.environments) {
        if (wanted && env.environment.toLowerCase() !== wanted) continue;
        if (env.environment.toLowerCase() === 'default') continue;
        const stage = stageOfEnvironment(env.environment);
        const check = (value: string | null | undefined, loc: Loc, what: string, name: string, field: string) => {
          if (!value || isPipelineToken(value) || value.includes('#{')) return;
          // Role accounts: judged by their environment part, then blanked out for the word check.
          const secret = isWholeSecret(what, name, field);
          const rest = checkRoleAccounts(value, roles, account => {
            if (!namesOtherEnvironment(account.environmentPart, env.environment, names)) return;
            const inSecret = secret || secretSpansInValue(value).some(s => s.start < account.end && account.start < s.end);
            // The account itself when the file holds the value as written (no escapes), else the whole value.
            const exact = loc.file.text.slice(loc.span.start, loc.span.end) === value;
            const at = exact ? { file: loc.file, span: { start: loc.span.start + account.start, end: loc.span.start + account.end } } : loc;
            reportIdentity(env, account, inSecret ? undefined : shownAccount(account.account), at, what, name, field);
          });
          if (!stage) return;
          const found = environmentOfValue(rest);
          if (!found) return;
          // A vendor's sandbox is its non-production tier: every non-production environment may use it.
          if (NON_PRODUCTION_WORDS.has(found.word) && stage !== 'prod') return;
          // A higher stage that is not production (a partner's test endpoint used from Dev) is not a bleed.
          const direction = bleedDirection(found.stage, stage);
          if (!direction) return;
          // The word as found outside the secret parts of the value, if it is there; else it is not quoted.
          // (Only for a value reported: most name their own environment.)
          const secretSpans = secret ? [] : secretSpansInValue(rest);
          const shown = secret ? undefined : secretSpans.length ? environmentOfValue(withoutSecretParts(rest, secretSpans)) : found;
          const quoted = shown && shown.stage === found.stage ? shown.word : undefined;
          ctx.report({
            message: `The ${env.environment} deployment settings give ${what} "${name}"${field ? ` a ${field}` : ' a value'} that names the ${STAGE_NAMES[found.stage]} environment (${quoted ? `"${quoted}"` : 'in a secret part of the value, not quoted'}): ${env.environment} (${STAGE_NAMES[stage]}) would ${direction === 'production' ? 'work against production through this' : `use a ${STAGE_NAMES[found.stage]}`} ${what === 'environment variable' ? 'resource' : 'connection or account'}${direction === 'production' ? '' : `, outside the controls of ${STAGE_NAMES[stage]}`}. Give it the ${env.environment} value.`,
            loc,
            element: { kind: 'setting', name },
            data: { environment: env.environment, stage, kind: what === 'environment variable' ? 'environmentVariable' : 'connectionReference', name, field: field || 'Value', names: found.stage, ...(quoted ? { word: quoted } : {}), direction },
          });
        };
        const reportIdentity = (e: DeploymentSettings, account: RoleAccount, quoted: string | undefined, loc: Loc, what: string, name: string, field: string) => {
          const mine = stageOfEnvironment(e.environment);
          ctx.report({
            message: `The ${e.environment} deployment settings give ${what} "${name}"${field ? ` a ${field}` : ' a value'} that is the ${account.environmentPart} ${account.role} account (${quoted ? `"${quoted}"` : 'in a secret part of the value, not quoted'}): its name says it belongs to another environment, so ${e.environment} would run under that environment's identity, with its permissions and licence, and one account failing stops both. Use ${e.environment}'s own ${account.role} account.`,
            loc,
            element: { kind: 'setting', name },
            data: { environment: e.environment, ...(mine ? { stage: mine } : {}), kind: what === 'environment variable' ? 'environmentVariable' : 'connectionReference', name, field: field || 'Value', names: account.environmentPart.toLowerCase(), role: account.role, ...(quoted ? { account: quoted } : {}), direction: 'identity' },
          });
        };
        for (const e of env.environmentVariables) check(e.value, e.valueLoc, 'environment variable', e.schemaName, '');
        const entries = settingsIndex(env).nodes.ConnectionReferences;
        for (const c of env.connectionReferences) {
          check(c.connectionId, c.valueLoc, 'connection reference', c.logicalName, 'ConnectionId');
          const node = entries.get(c.loc.span.start);
          for (const p of node?.children ?? []) {
            const [k, v] = p.children ?? [];
            if (typeof k?.value !== 'string' || v?.type !== 'string' || /^(logicalname|connectionid|connectorid)$/i.test(k.value)) continue;
            check(v.value as string, { file: env.file, span: innerSpan(v) }, 'connection reference', c.logicalName, k.value);
          }
        }
      }
    },
  },
});

/** A Secret environment variable, or a variable or field whose name says it holds a secret: all of its value is secret. */
function wholeValueIsSecret(solution: Solution, what: string, name: string, field: string): boolean {
  if (field) return isSecretParameter(field);
  if (what !== 'environment variable') return false;
  const v = variableDefinitions(solution).get(name.toLowerCase());
  return v?.kind === 'Secret' || isSecretParameter(name.replace(/^[A-Za-z0-9]+_/, ''));
}

interface RoleAccount { account: string; role: string; environmentPart: string; start: number; end: number }

/** Calls `found` for each account in the value that an identity role names; returns the value with those accounts blanked out. */
function checkRoleAccounts(value: string, roles: readonly IdentityRole[], found: (account: RoleAccount) => void): string {
  let rest = value;
  for (const a of accountsIn(value)) {
    const role = roleOfAccount(a.account, roles);
    if (!role) continue;
    found({ ...a, ...role });
    rest = rest.slice(0, a.start) + ' '.repeat(a.end - a.start) + rest.slice(a.end);
  }
  return rest;
}
