// `flowcop.rules.customizations`: editor-only severity overrides per rule, like eslint.rules.customizations.
// Each entry's `rule` is a rule id, a glob (`pad/*`, `*`) or a negation (`!pad/syntax`: every rule but that
// one); the last entry that matches a rule decides. Passed to the engine's `override` hook, which applies
// it after flowcop.json; a rule flowcop.json turns off stays off.
import type { Level } from '../findings/config';
import type { RuleCustomization } from './protocol';

function matcher(pattern: string): (ruleId: string) => boolean {
  const negate = pattern.startsWith('!');
  const body = negate ? pattern.slice(1) : pattern;
  const re = new RegExp('^' + body.split('*').map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 'i');
  return id => re.test(id) !== negate;
}

const DOWN: Record<string, Level> = { error: 'warning', warning: 'info', info: 'info' };
const UP: Record<string, Level> = { info: 'warning', warning: 'error', error: 'error' };

export function customizationOverride(customizations: readonly RuleCustomization[] | undefined): ((ruleId: string, level: Level) => Level) | undefined {
  const list = (customizations ?? []).filter(c => c && typeof c.rule === 'string' && typeof c.severity === 'string');
  if (!list.length) return undefined;
  const compiled = list.map(c => ({ matches: matcher(c.rule.trim()), severity: c.severity }));
  return (ruleId, level) => {
    if (level === 'off') return level;
    let result: Level = level;
    for (const c of compiled) {
      if (!c.matches(ruleId)) continue;
      switch (c.severity) {
        case 'downgrade': result = DOWN[level]; break;
        case 'upgrade': result = UP[level]; break;
        case 'warn': result = 'warning'; break;
        case 'default': result = level; break;
        case 'error': case 'warning': case 'info': case 'off': result = c.severity; break;
      }
    }
    return result;
  };
}
