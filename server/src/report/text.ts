// Human-readable report for terminals and CI logs. Every piece of text that comes from the linted files
// (file names, flow and subflow names, messages quoting element names) is escaped: no control character
// reaches the terminal and no line can start a CI log command (see util/terminal.ts).
import type { Finding } from '../findings/finding';
import type { Workspace } from '../model/types';
import { escapeText, safeLine } from '../util/terminal';
import { displayFile, findingPosition } from './paths';

export interface TextOptions {
  base: string;
  color: boolean;
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

export function formatText(findings: Finding[], workspace: Workspace, options: TextOptions): string {
  const c = (code: keyof typeof COLORS, s: string) => (options.color ? COLORS[code] + s + COLORS.reset : s);
  const lines: string[] = [];
  let lastFile = '';
  for (const f of findings) {
    const file = escapeText(displayFile(f.loc.file, options.base));
    if (file !== lastFile) {
      if (lastFile) lines.push('');
      lines.push(c('bold', safeLine(file)));
      lastFile = file;
    }
    const pos = findingPosition(f);
    const flow = [f.logical.flow, f.logical.subflow && f.logical.subflow !== 'main' ? f.logical.subflow : undefined].filter(Boolean).map(n => escapeText(n!)).join(' › ');
    const where = f.logical.flow ? ` ${c('dim', `[${flow}${pos.script ? `, script line ${pos.script.line}` : ''}]`)}` : '';
    lines.push(`  ${`${pos.line}:${pos.column}`.padEnd(10)} ${c(f.severity, f.severity.padEnd(7))} ${escapeText(f.message)}${where}  ${c('dim', escapeText(f.ruleId))}`);
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const scanned = `${workspace.solutions.length} solution${workspace.solutions.length === 1 ? '' : 's'}, ${workspace.scripts.length} script${workspace.scripts.length === 1 ? '' : 's'}`;
  if (lines.length) lines.push('');
  if (findings.length === 0) {
    lines.push(`No problems found (${scanned}).`);
  } else {
    const summary = `${findings.length} problem${findings.length === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} info) in ${scanned}`;
    lines.push(c(counts.error ? 'error' : counts.warning ? 'warning' : 'info', summary));
  }
  return lines.join('\n') + '\n';
}
