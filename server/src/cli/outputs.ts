// Which reports a lint writes where: `--format` may be given several times, each `--output` belongs
// to the `--format` before it; at most one report goes to standard output.
import * as path from 'node:path';
import type { Finding } from '../findings/finding';
import { formatAzure, formatGithub } from '../report/ci-logs';
import { formatJson } from '../report/json';
import { formatJunit } from '../report/junit';
import { formatMarkdown } from '../report/markdown';
import type { ScanCounts } from '../report/paths';
import { automationDetails, formatSarif } from '../report/sarif';
import { formatText } from '../report/text';
import { RULES } from '../rules/registry';
import { DOCS_BASE_URL, packageVersion, ruleDocMarkdown } from '../util/package';
import { Parsed, UsageError } from './args';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'azure', 'junit', 'markdown'] as const;
export type Format = typeof FORMATS[number];

export interface Output { format: Format; file?: string }

export function outputsOf(args: Parsed): Output[] {
  const formats = args.ordered.filter(([name]) => name === '--format').length;
  const outputs: Output[] = [];
  if (formats <= 1) {
    // One format: --output may come before or after it.
    const format = (args.flags.get('--format') as string | undefined) ?? 'text';
    const file = args.flags.get('--output') as string | undefined;
    if ((args.repeated.get('--output') ?? []).length > 1) throw new UsageError('--output is given twice for one --format');
    outputs.push({ format: checkFormat(format), file });
  } else {
    for (const [name, value] of args.ordered) {
      if (name === '--format') outputs.push({ format: checkFormat(value as string) });
      else if (name === '--output') {
        const last = outputs[outputs.length - 1];
        if (!last || last.file !== undefined) throw new UsageError('with several --format options, each --output must follow the --format it is for');
        last.file = value as string;
      }
    }
  }
  if (outputs.filter(o => o.file === undefined).length > 1) throw new UsageError('only one --format can go to standard output: give the others an --output FILE');
  const files = outputs.flatMap(o => (o.file ? [path.resolve(o.file)] : []));
  if (new Set(files).size !== files.length) throw new UsageError('two --format options write the same --output file');
  return outputs;
}

function checkFormat(format: string): Format {
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  return format as Format;
}

export interface RenderOptions {
  base: string;
  color: boolean;
  fold: boolean;
  env: Record<string, string | undefined>;
}

export function renderReport(format: Format, findings: Finding[], scanned: ScanCounts, options: RenderOptions): string {
  switch (format) {
    case 'json': return formatJson(findings, scanned, options.base, packageVersion());
    case 'sarif': return formatSarif(findings, { base: options.base, version: packageVersion(), rules: RULES, docsBaseUrl: DOCS_BASE_URL, ruleDocs: r => ruleDocMarkdown(r.meta.docs), automation: automationDetails(options.env) });
    case 'github': return formatGithub(findings, options.base);
    case 'azure': return formatAzure(findings, options.base);
    case 'junit': return formatJunit(findings, RULES, options.base);
    case 'markdown': return formatMarkdown(findings, scanned, options.base);
    case 'text': return formatText(findings, scanned, { base: options.base, color: options.color, fold: options.fold });
  }
}
