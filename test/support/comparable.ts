// What a report can show of a finding, as one comparable string per finding.
import type { Finding } from '../../server/src/findings/finding';

export function comparable(findings: readonly Finding[]): string[] {
  return findings.map(f => JSON.stringify([f.ruleId, f.severity, f.category, f.message, f.loc.file.path, f.loc.file.entry ?? '', f.loc.span, f.scriptSpan ?? null, f.logical, f.detached]));
}
