// The organisation a solution (or a standalone script) shows itself to be: the domains of its mailboxes
// and the names of its tenant resources, read from every flow and script it holds, its environment
// variables' values and its deployment settings, plus the domains configured in flowcop.json. Computed
// once per solution or script (and configured list), whichever rule asks.
import type { Script, Solution } from '../../model/types';
import { Organization, organizationOf } from '../shared/organization';

const memo = new WeakMap<Solution | Script, Map<string, Organization>>();

/** The texts a solution shows its organisation in: its flows and scripts. */
function solutionTexts(solution: Solution): string[] {
  const texts: string[] = [];
  for (const flow of solution.cloudFlows) texts.push(flow.file.text);
  for (const flow of solution.desktopFlows) if (flow.script) texts.push(flow.script.text);
  return [...texts, ...settingTexts(solution)];
}

/** Its environment variables' values and deployment settings: configuration that differs per environment. */
function settingTexts(solution: Solution): string[] {
  const texts: string[] = [];
  for (const v of solution.environmentVariables) {
    if (v.defaultValue) texts.push(v.defaultValue.value);
    if (v.currentValue) texts.push(v.currentValue.value);
  }
  for (const settings of solution.environments) for (const v of settings.environmentVariables) if (v.value) texts.push(v.value);
  return texts;
}

/**
 * The organisation of the unit a rule looks at: its solution when it has one, else its own script.
 * `configured` is flowcop.json's `organizationDomains`.
 */
export function organizationOfUnit(unit: { solution?: Solution; script?: Script }, configured: readonly string[]): Organization {
  const owner = unit.solution ?? unit.script;
  if (!owner) return organizationOf([], configured);
  const key = configured.join('\n');
  let byConfig = memo.get(owner);
  if (!byConfig) memo.set(owner, byConfig = new Map());
  let org = byConfig.get(key);
  if (!org) {
    org = unit.solution
      ? organizationOf(solutionTexts(unit.solution), configured, settingTexts(unit.solution))
      : organizationOf([unit.script!.text], configured);
    byConfig.set(key, org);
  }
  return org;
}
