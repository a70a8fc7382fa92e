// Human-readable report for terminals and CI logs. Every piece of text that comes from the linted files
// (file names, flow and subflow names, messages quoting element names) is escaped: no control character
// reaches the terminal and no line can start a CI log command (see util/terminal.ts).
import type { Finding } from '../findings/finding';
import type { ScanCounts } from './paths';
import { groupByValue, samePlacesInFile, ValueGroup } from '../findings/fold';
import { escapeText, safeLine } from '../util/terminal';
import { displayFile, findingPosition } from './paths';

export interface TextOptions {
  base: string;
  color: boolean;
  /** Fold repeated findings of one rule and value in a file into one line (default true). */
  fold?: boolean;
}

/** Lines listed after `… and N more places`; the rest are counted. */
const MAX_LISTED_LINES = 8;
/** Repeated values listed in the summary at the end. */
const MAX_SUMMARY_VALUES = 10;

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

export function formatText(findings: Finding[], scanned: ScanCounts, options: TextOptions): string {
  const c = (code: keyof typeof COLORS, s: string) => (options.color ? COLORS[code] + s + COLORS.reset : s);
  const lines: string[] = [];
  const groups = options.fold === false ? new Map<Finding, ValueGroup>() : groupByValue(findings);
  const folded = new Set<Finding>();
  let lastFile = '';
  for (const f of findings) {
    if (folded.has(f)) continue;
    const file = escapeText(displayFile(f.loc.file, options.base));
    if (file !== lastFile) {
      if (lastFile) lines.push('');
      lines.push(c('bold', safeLine(file)));
      lastFile = file;
    }
    const pos = findingPosition(f);
    const flow = [f.logical.flow, f.logical.subflow && f.logical.subflow !== 'main' ? f.logical.subflow : undefined].filter(Boolean).map(n => escapeText(n!)).join(' › ');
    const where = f.logical.flow ? ` ${c('dim', `[${flow}${pos.script ? `, script line ${pos.script.line}` : ''}]`)}` : '';
    const others = samePlacesInFile(f, groups.get(f));
    for (const o of others) folded.add(o);
    const more = others.length ? ` ${c('dim', morePlaces(others))}` : '';
    lines.push(`  ${`${pos.line}:${pos.column}`.padEnd(10)} ${c(f.severity, f.severity.padEnd(7))} ${escapeText(f.message)}${where}${more}  ${c('dim', escapeText(f.ruleId))}`);
  }
  const repeated = [...new Set(groups.values())].filter(g => g.findings.length > 1)
    .sort((a, b) => b.findings.length - a.findings.length);
  if (repeated.length) {
    lines.push('', c('bold', 'Repeated values (one decision each):'));
    for (const g of repeated.slice(0, MAX_SUMMARY_VALUES)) {
      const first = g.findings[0];
      const where = g.files > 1 ? ` in ${g.files} files` : '';
      lines.push(`  ${`${g.findings.length}×`.padEnd(5)} ${escapeText(first.message)} ${c('dim', `(${g.findings.length} places${where})`)}  ${c('dim', escapeText(first.ruleId))}`);
    }
    if (repeated.length > MAX_SUMMARY_VALUES) lines.push(`  … and ${repeated.length - MAX_SUMMARY_VALUES} more repeated values`);
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const scannedText = `${scanned.solutions} solution${scanned.solutions === 1 ? '' : 's'}, ${scanned.scripts} script${scanned.scripts === 1 ? '' : 's'}`;
  if (lines.length) lines.push('');
  if (findings.length === 0) {
    lines.push(`No problems found (${scannedText}).`);
  } else {
    const summary = `${findings.length} problem${findings.length === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info) in ${scannedText}`;
    lines.push(c(counts.error ? 'error' : counts.warning ? 'warning' : 'info', summary));
  }
  return lines.join('\n') + '\n';
}

/** `(… and 3 more places in this file: lines 12, 40, 88)`. */
function morePlaces(others: readonly Finding[]): string {
  const lineNumbers = [...new Set(others.map(o => findingPosition(o).line))];
  const listed = lineNumbers.slice(0, MAX_LISTED_LINES).join(', ') + (lineNumbers.length > MAX_LISTED_LINES ? ', …' : '');
  return `(… and ${others.length} more place${others.length === 1 ? '' : 's'} in this file: line${lineNumbers.length === 1 ? '' : 's'} ${listed})`;
}
