// Findings as CI log commands: GitHub Actions workflow commands (annotations on the pull request's
// diff, no code scanning licence needed) and Azure Pipelines `task.logissue` (issues in the build
// summary). Text from the linted files is made printable first (util/terminal.ts: no control
// character, no second log command), then escaped as each runner unescapes it.
import type { Finding } from '../findings/finding';
import { escapeText, safeLine } from '../util/terminal';
import { displayFile, findingPosition } from './paths';

/** actions/toolkit command.ts escapeData: the message after `::`. */
function githubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** actions/toolkit command.ts escapeProperty: a `key=value` of the command. */
function githubProperty(s: string): string {
  return githubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * One `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::<message>` line per finding.
 * A finding inside a packed .zip is annotated on the archive, the entry named in the message.
 */
export function formatGithub(findings: readonly Finding[], base: string): string {
  return findings.map(f => {
    const pos = findingPosition(f);
    const entry = f.loc.file.entry;
    const props = [
      `file=${githubProperty(escapeText(displayFile({ path: f.loc.file.path }, base)))}`,
      ...(entry ? [] : [`line=${pos.line}`, `col=${pos.column}`, `endLine=${pos.endLine}`, `endColumn=${pos.endColumn}`]),
      `title=${githubProperty(f.ruleId)}`,
    ];
    const where = entry ? ` (in ${entry}, line ${pos.line})` : '';
    return `::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${githubData(escapeText(f.message + where))}\n`;
  }).join('');
}

/** azure-pipelines-task-lib taskcommand.ts: the message after `]`. */
function azureData(s: string): string {
  return s.replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** azure-pipelines-task-lib taskcommand.ts: a `key=value;` property. */
function azureProperty(s: string): string {
  return azureData(s).replace(/]/g, '%5D').replace(/;/g, '%3B');
}

/**
 * One `##vso[task.logissue type=…;sourcepath=…;linenumber=…;columnnumber=…;code=<rule>]<message>`
 * line per error and warning (Azure Pipelines has no lower issue level: info findings are plain lines).
 */
export function formatAzure(findings: readonly Finding[], base: string): string {
  return findings.map(f => {
    const pos = findingPosition(f);
    const file = escapeText(displayFile(f.loc.file, base));
    const message = escapeText(f.message);
    if (f.severity === 'info') return `${safeLine(`${file}:${pos.line}:${pos.column} info ${message} [${f.ruleId}]`)}\n`;
    const props = [
      `type=${f.severity}`,
      `sourcepath=${azureProperty(escapeText(displayFile({ path: f.loc.file.path }, base)))}`,
      `linenumber=${pos.line}`,
      `columnnumber=${pos.column}`,
      `code=${azureProperty(f.ruleId)}`,
    ];
    const where = f.loc.file.entry ? ` (in ${escapeText(f.loc.file.entry)}, line ${pos.line})` : '';
    return `##vso[task.logissue ${props.join(';')};]${azureData(message + where)}\n`;
  }).join('');
}
