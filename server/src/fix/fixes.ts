// The fix engine's entry point: `fixesFor(finding, context)` lists what can be done about a finding,
// each fix with a title, whether it is the preferred one, its kind, and its edits computed on demand.
// Used by `flowcop lint --fix` (every preferred fix) and by the language server's code actions.
import type { Finding } from '../findings/finding';
import type { Fix, FixContext } from './fix';
import { FixError } from './change';
import { quickFixes } from './providers';
import { ruleById } from '../rules/registry';
import { isLoaderRule } from '../rules/rule';
import { suppressFixes } from './suppress';
import { packageUnfixableReason } from '../load/package';

export type { Fix, FixContext } from './fix';
export { lazyFix } from './fix';

/** Why no fix is offered for a finding at all (a packed .zip, a v1 flow's package), or undefined. */
export function unfixableReason(finding: Finding): string | undefined {
  const inPackage = packageUnfixableReason(finding.owner.solution);
  if (inPackage) return inPackage;
  if (finding.owner.script && /\.ya?ml$/i.test(finding.loc.file.path)) {
    return 'The desktop flow is kept in a YAML file (Dataverse Git integration): FlowCop does not edit scripts stored there yet. Edit the flow in Power Automate Desktop.';
  }
  if (finding.owner.script?.fromPackage) {
    return "The script is stored zipped in the flow's package; edit it in Power Automate Desktop.";
  }
  if (finding.loc.file.entry || finding.owner.solution?.layout === 'zip') {
    return 'The finding is inside a packed solution .zip: FlowCop never edits packed solutions. Unpack it (pac solution unpack) and lint the unpacked folder to get fixes.';
  }
  return undefined;
}

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
