// The fix engine's entry point: `fixesFor(finding, context)` lists what can be done about a finding,
// each fix with a title, whether it is the preferred one, its kind, and its edits computed on demand.
// Used by `flowcop lint --fix` (every preferred fix) and by the language server's code actions.
import type { Finding } from '../findings/finding';
import type { Fix, FixContext } from './fix';
import { unfixableReason } from './fix';
import { FixError } from './change';
import { quickFixes } from './providers';
import { ruleById } from '../rules/registry';
import { isLoaderRule } from '../rules/rule';
import { suppressFixes } from './suppress';

export type { Fix, FixContext } from './fix';
export { lazyFix, unfixableReason } from './fix';

/** Every fix for a finding: the quick fixes of its rule (preferred first), then the suppressions. */
export function fixesFor(finding: Finding, context: FixContext): Fix[] {
  if (unfixableReason(finding)) return [];
  const rule = ruleById(finding.ruleId);
  if (!rule || isLoaderRule(rule)) return [];
  let quick: Fix[];
  try {
    quick = quickFixes(finding, rule.fixes, context);
  } catch (e) {
    // A name the fix would need is not valid (a hostile or broken publisher prefix): the fix is not
    // offered, its reason is (`--fix` lists it as not fixable, the editor shows it disabled).
    if (!(e instanceof FixError)) throw e;
    quick = [unavailableFix(finding, e)];
  }
  return [...quick, ...suppressFixes(finding, context)];
}

/** A fix that cannot be built: its change() throws the reason. */
function unavailableFix(finding: Finding, reason: FixError): Fix {
  return { title: `Fix ${finding.ruleId}`, kind: 'quickfix', preferred: true, ruleId: finding.ruleId, change: () => { throw reason; } };
}

/** The preferred fix of a finding, if any. */
export function preferredFix(finding: Finding, context: FixContext): Fix | undefined {
  return fixesFor(finding, context).find(f => f.preferred);
}
