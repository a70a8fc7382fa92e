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
import type { Loc, Solution } from '../../model/types';
import { innerSpan, propIgnoreCase } from '../../load/json';
import { defineRule } from '../rule';
import { secretSpansInValue, withoutSecretParts } from '../../analysis/shared/secret-parts';
import { isSecretParameter } from '../../analysis/shared/vocabulary';
import { environmentOfValue, isPipelineToken, stageOfEnvironment } from '../../analysis/shared/values';

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
      for (const env of solution.environments) {
        if (wanted && env.environment.toLowerCase() !== wanted) continue;
        const stage = stageOfEnvironment(env.environment);
        if (!stage) continue;
        const check = (value: string | null | undefined, loc: Loc, what: string, name: string, field: string) => {
          if (!value || isPipelineToken(value) || value.includes('#{')) return;
          const found = environmentOfValue(value);
          if (!found) return;
          // The word as found outside the secret parts of the value, if it is there; else it is not quoted.
          const shown = wholeValueIsSecret(solution, what, name, field) ? undefined : environmentOfValue(withoutSecretParts(value, secretSpansInValue(value)));
          const quoted = shown && shown.stage === found.stage ? shown.word : undefined;
          // A vendor's sandbox is its non-production tier: every non-production environment may use it.
          if (NON_PRODUCTION_WORDS.has(found.word) && stage !== 'prod') return;
          // A higher stage that is not production (a partner's test endpoint used from Dev) is not a bleed.
          const direction = bleedDirection(found.stage, stage);
          if (!direction) return;
          ctx.report({
            message: `The ${env.environment} deployment settings give ${what} "${name}"${field ? ` a ${field}` : ' a value'} that names the ${STAGE_NAMES[found.stage]} environment (${quoted ? `"${quoted}"` : 'in a secret part of the value, not quoted'}): ${env.environment} (${STAGE_NAMES[stage]}) would ${direction === 'production' ? 'work against production through this' : `use a ${STAGE_NAMES[found.stage]}`} ${what === 'environment variable' ? 'resource' : 'connection or account'}${direction === 'production' ? '' : `, outside the controls of ${STAGE_NAMES[stage]}`}. Give it the ${env.environment} value.`,
            loc,
            element: { kind: 'setting', name },
            data: { environment: env.environment, stage, kind: what === 'environment variable' ? 'environmentVariable' : 'connectionReference', name, field: field || 'Value', names: found.stage, ...(quoted ? { word: quoted } : {}), direction },
          });
        };
        for (const e of env.environmentVariables) check(e.value, e.valueLoc, 'environment variable', e.schemaName, '');
        const entries = propIgnoreCase(env.json, 'ConnectionReferences')?.children ?? [];
        for (const c of env.connectionReferences) {
          check(c.connectionId, c.valueLoc, 'connection reference', c.logicalName, 'ConnectionId');
          const node = entries.find(n => n.offset === c.loc.span.start);
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
  const v = solution.environmentVariables.find(d => d.schemaName.toLowerCase() === name.toLowerCase());
  return v?.kind === 'Secret' || isSecretParameter(name.replace(/^[A-Za-z0-9]+_/, ''));
}
