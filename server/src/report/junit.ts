// JUnit XML for test-result tabs (Azure DevOps Tests, GitLab, Jenkins): a test suite per rule, a test
// case per rule and file with findings (failed, its findings listed), and one passing case for a rule
// that found nothing, so the tab shows what was checked.
import type { Finding } from '../findings/finding';
import type { Rule } from '../rules/rule';
import { escapeText } from '../util/terminal';
import { displayFile, findingPosition } from './paths';

/** XML 1.0 text or attribute value: printable (no control character can be written in XML 1.0) and escaped. */
function xml(s: string): string {
  return escapeText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function formatJunit(findings: readonly Finding[], rules: readonly Rule[], base: string): string {
  const byRule = new Map<string, Map<string, Finding[]>>();
  for (const r of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) byRule.set(r.meta.id, new Map());
  for (const f of findings) {
    const files = byRule.get(f.ruleId) ?? byRule.set(f.ruleId, new Map()).get(f.ruleId)!;
    const file = displayFile(f.loc.file, base);
    const list = files.get(file) ?? files.set(file, []).get(file)!;
    list.push(f);
  }
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const [ruleId, files] of byRule) {
    const cases: string[] = [];
    for (const [file, list] of files) {
      const worst = list.some(f => f.severity === 'error') ? 'error' : list.some(f => f.severity === 'warning') ? 'warning' : 'info';
      const lines = list.map(f => {
        const pos = findingPosition(f);
        return `${pos.line}:${pos.column} ${f.severity} ${f.message}`;
      });
      cases.push(`    <testcase classname="${xml(ruleId)}" name="${xml(file)}">\n`
        + `      <failure type="${worst}" message="${list.length} finding${list.length === 1 ? '' : 's'}">${lines.map(xml).join('\n')}</failure>\n`
        + '    </testcase>');
    }
    if (!cases.length) cases.push(`    <testcase classname="${xml(ruleId)}" name="no findings"/>`);
    const failed = files.size;
    tests += cases.length;
    failures += failed;
    suites.push(`  <testsuite name="${xml(ruleId)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="FlowCop" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
