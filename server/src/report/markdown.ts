// A Markdown summary for pull-request comments and the GitHub job summary: counts, then one table
// row per finding (the first 100). Text from the linted files is printable and escaped, so it can
// neither break the table nor become a link, an image or HTML.
import type { Finding } from '../findings/finding';
import { escapeText } from '../util/terminal';
import { displayFile, findingPosition, ScanCounts } from './paths';

const MAX_ROWS = 100;

/**
 * Text in a table cell: the characters that end a cell, open a code span, emphasis, strike-through or
 * a link are backslash-escaped, `<` and `>` are entities (GitHub renders some HTML).
 */
export function markdownText(s: string): string {
  return escapeText(s).replace(/[\\`*_[\]|~]/g, c => `\\${c}`).replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function formatMarkdown(findings: readonly Finding[], scanned: ScanCounts, base: string): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const what = `${plural(scanned.solutions, 'solution')}, ${plural(scanned.scripts, 'script')}`;
  // Bold, not a heading: a line starting with `##` could pass for a log command where the report is printed.
  const lines = [`**FlowCop**: ${findings.length ? `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info` : 'no problems'} in ${what}`, ''];
  if (!findings.length) return `${lines.join('\n')}\n`;
  lines.push('| Severity | Rule | File | Line | Message |', '|---|---|---|---:|---|');
  for (const f of findings.slice(0, MAX_ROWS)) {
    const pos = findingPosition(f);
    lines.push(`| ${f.severity} | ${markdownText(f.ruleId)} | ${markdownText(displayFile(f.loc.file, base))} | ${pos.line} | ${markdownText(f.message)} |`);
  }
  if (findings.length > MAX_ROWS) lines.push('', `… and ${findings.length - MAX_ROWS} more (see the full report).`);
  return `${lines.join('\n')}\n`;
}
