// Each kind of fix a rule can offer (rules/fix-kinds.ts), implemented once. The engine asks a finding's
// rule which kinds it offers; nothing here dispatches on rule ids or messages.
import type { Finding } from '../findings/finding';
import type { FixData, FixKind } from '../rules/rule';
import { secretVariableFix, secureDataFix } from './cloud';
import type { Fix, FixContext } from './fix';
import { markSensitiveFix } from './pad';
import { getCredentialFix } from './pad-credential';
import { moveValueFix } from './value-move';

/** A finding whose data is what fix kind K reads (its rule declares K, and defineRule types its reports). */
export type FindingFor<K extends FixKind> = Finding & { data: FixData[K] };

type Provider<K extends FixKind> = (finding: FindingFor<K>, ctx: FixContext) => Fix | undefined;

export const FIX_PROVIDERS: { [K in FixKind]: Provider<K> } = {
  'get-credential': getCredentialFix,
  'mark-sensitive': markSensitiveFix,
  // One move of a value, whichever family the finding is in: every place of it changes (value-move.ts).
  'script-input': moveValueFix,
  'environment-variable': moveValueFix,
  'secret-environment-variable': secretVariableFix,
  'secure-data': secureDataFix,
};

/**
 * The order in which `--fix` applies kinds in one round: removing a secret first makes marking the
 * variable that held it sensitive moot (and both would edit the same @SENSITIVE line).
 */
export const FIX_ORDER: { [K in FixKind]: number } = {
  'get-credential': 0,
  'secret-environment-variable': 0,
  'script-input': 1,
  'environment-variable': 1,
  'mark-sensitive': 2,
  'secure-data': 2,
};

/** The quick fixes a finding's rule offers, in the order the rule lists them. */
export function quickFixes(finding: Finding, kinds: readonly FixKind[], ctx: FixContext): Fix[] {
  const out: Fix[] = [];
  for (const kind of kinds) {
    const fix = (FIX_PROVIDERS[kind] as Provider<FixKind>)(finding as FindingFor<FixKind>, ctx);
    if (fix) out.push(fix);
  }
  return out;
}
