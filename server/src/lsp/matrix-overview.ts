// The findings overview of a solution (flowcop/matrix): counts by category and by rule, and the values to
// move — the environment-specific and machine values, grouped by the literal text the finding points at
// (what the fixes would move into one environment variable), most places first. Credential findings are
// never among them, and every text shown goes through the secret masker (util/redact.ts): the texts of
// the solution's credential findings, and any secret part the shared classifier finds in the value.
import { secretSpansInValue } from '../analysis/shared/secret-parts';
import type { Finding } from '../findings/finding';
import { SecretMasker } from '../util/redact';
import { toMatrixFinding } from './matrix-findings';
import type { FindingsOverview } from './protocol';

/** Categories whose findings are about a value that differs per environment. */
const TO_MOVE = new Set(['environment-specific', 'machine']);
const SEVERITY_RANK = { info: 0, warning: 1, error: 2 } as const;
/** Shown values are cut: the list is read at a glance. */
const MAX_TEXT = 200;

/**
 * The value a finding points at, as the flow uses it: in a desktop-flow script without the `$'''…'''`
 * quotes and the backslash escapes; in a JSON file without the JSON string escapes.
 */
function literalValue(f: Finding): string {
  if (f.owner.script && f.scriptSpan) {
    const raw = f.owner.script.text.slice(f.scriptSpan.start, f.scriptSpan.end).trim();
    const quoted = /^\$'''([\s\S]*)'''$/.exec(raw) ?? /^'([\s\S]*)'$/.exec(raw);
    return (quoted ? quoted[1] : raw).replace(/\\([\s\S])/g, '$1').trim();
  }
  const raw = f.loc.file.text.slice(f.loc.span.start, f.loc.span.end).trim();
  for (const candidate of [raw, `"${raw}"`]) {
    try {
      const value: unknown = JSON.parse(candidate);
      if (typeof value === 'string') return value.trim();
    } catch {
      // Not a JSON string (or string content): the next reading, else the text as written.
    }
  }
  return raw;
}

export function overviewOf(findings: readonly Finding[]): FindingsOverview {
  const byCategory = new Map<string, number>();
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    byCategory.set(f.category, (byCategory.get(f.category) ?? 0) + 1);
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const masker = new SecretMasker(findings.filter(f => f.category === 'credential').map(literalValue).filter(Boolean), secretSpansInValue);
  const byValue = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!TO_MOVE.has(f.category) || f.detached) continue;
    const text = literalValue(f);
    if (!text) continue;
    const list = byValue.get(text);
    if (list) list.push(f);
    else byValue.set(text, [f]);
  }
  const shown = (text: string) => {
    const masked = masker.mask(text, secretSpansInValue(text));
    return masked.length > MAX_TEXT ? `${masked.slice(0, MAX_TEXT - 1)}…` : masked;
  };
  return {
    total: findings.length,
    byCategory: [...byCategory].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    byRule: [...byRule].map(([ruleId, list]) => ({
      ruleId,
      category: list[0].category,
      severity: list.reduce((worst, f) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst] ? f.severity : worst), list[0].severity),
      count: list.length,
      findings: list.map(toMatrixFinding),
    })).sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId)),
    valuesToMove: [...byValue].map(([text, list]) => ({
      text: shown(text),
      count: list.length,
      ruleIds: [...new Set(list.map(f => f.ruleId))].sort(),
      findings: list.map(toMatrixFinding),
    })).sort((a, b) => b.count - a.count || a.text.localeCompare(b.text)),
  };
}
