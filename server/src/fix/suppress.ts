// Suppressions: `# flowcop-disable-next-line <id> -- <reason>` above a script statement, or an `ignore`
// entry `{rule, flow, action|variable|element, file, reason}` in the solution's flowcop.json (created
// beside the solution when there is none) for cloud, solution and settings findings and for script
// findings no comment line can precede (header lines, continuation lines of a statement).
import { ruleById } from '../rules/registry';
import { isLoaderRule } from '../rules/rule';
import * as nodePath from 'node:path';
import { CONFIG_FILE } from '../findings/config';
import type { Finding } from '../findings/finding';
import { parseJson, prop } from '../load/json';
import { dominantEol, SourceFile } from '../util/text';
import type { ChangeBuilder } from './change';
import { Fix, FixContext, lazyFix } from './fix';
import { indentAt, lineStart, lineStatementAt, ScriptEdits, statements } from './pad';

/** The reason placeholder written with a suppression; reviewers expect it replaced by a real one. */
export const SUPPRESSION_REASON = 'TODO: say why this is acceptable';

export function suppressFixes(finding: Finding, ctx: FixContext): Fix[] {
  const directive = directiveFix(finding);
  if (directive) return [directive];
  const ignore = ignoreEntryFix(finding, ctx);
  return ignore ? [ignore] : [];
}

function directiveFix(finding: Finding): Fix | undefined {
  const script = finding.owner.script;
  const span = finding.scriptSpan;
  if (!script || !span || script.file.entry) return undefined;
  const text = script.text;
  const all = statements(script.ast);
  const at = lineStatementAt(all, span.start);
  if (!at || at.stmt.annotations?.length) return undefined;
  const start = lineStart(text, at.stmt.span.start);
  // The directive covers the line right below it: the finding must be on the statement's first line.
  if (lineStart(text, span.start) !== start) return undefined;
  const eol = dominantEol(text);
  return lazyFix({
    title: `Suppress ${finding.ruleId} for this line`,
    kind: 'suppress',
    preferred: false,
    ruleId: finding.ruleId,
    description: `Adds "# flowcop-disable-next-line ${finding.ruleId} -- …" above the statement; replace the reason with why this is acceptable.`,
  }, b => {
    const se = new ScriptEdits(script);
    se.insert(start, `${indentAt(text, at.stmt.span.start)}# flowcop-disable-next-line ${finding.ruleId} -- ${SUPPRESSION_REASON}${eol}`);
    se.flush(b);
  });
}

/** The flowcop.json an ignore entry goes to: the one that applies, or a new one beside the solution. */
function configTarget(finding: Finding, ctx: FixContext): { path: string; existing?: SourceFile } | undefined {
  const solution = finding.owner.solution;
  if (solution?.layout === 'zip') return undefined;
  const anchor = solution ? solution.root : nodePath.dirname(finding.loc.file.path);
  const config = ctx.configs?.configFor(anchor);
  // A flowcop.json that does not parse is not edited (its problem is reported on its own).
  if (config?.file && config.problems.length) return undefined;
  if (config?.file && !config.file.entry && config.file.text !== undefined && config.file.hash) return { path: config.file.path, existing: config.file };
  const dir = solution?.layout === 'cdsproj' && solution.projectFile ? nodePath.dirname(solution.projectFile) : anchor;
  return { path: nodePath.join(dir, CONFIG_FILE) };
}

function ignoreEntryFix(finding: Finding, ctx: FixContext): Fix | undefined {
  const rule = ruleById(finding.ruleId);
  if (!rule || isLoaderRule(rule)) return undefined;
  const target = configTarget(finding, ctx);
  if (!target) return undefined;
  const entry: Record<string, string> = { rule: finding.ruleId };
  const { flow, element } = finding.logical;
  if (flow) entry.flow = flow;
  if (element) {
    const key = element.kind === 'action' || element.kind === 'trigger' ? (finding.logical.flowKind === 'cloud' ? 'action' : 'element')
      : element.kind === 'variable' || element.kind === 'input' || element.kind === 'output' ? 'variable' : 'element';
    entry[key] = element.name;
  }
  if (!flow && !element) {
    entry.file = nodePath.relative(nodePath.dirname(target.path), finding.loc.file.path).split(nodePath.sep).join('/');
  }
  entry.reason = SUPPRESSION_REASON;
  const what = element?.name ?? flow ?? entry.file;
  return lazyFix({
    title: `Ignore ${finding.ruleId} for ${what} in flowcop.json`,
    kind: 'suppress',
    preferred: false,
    ruleId: finding.ruleId,
    description: `Adds an ignore entry to ${target.existing ? '' : 'a new '}${nodePath.basename(target.path)}; replace the reason with why this is acceptable.`,
  }, b => addIgnoreEntry(b, target, entry));
}

function addIgnoreEntry(b: ChangeBuilder, target: { path: string; existing?: SourceFile }, entry: Record<string, string>): void {
  if (!target.existing) {
    b.create(target.path, `${JSON.stringify({ ignore: [entry] }, null, 2)}\n`);
    return;
  }
  const file = target.existing;
  const root = parseJson(file.text).root;
  const list = prop(root, 'ignore');
  if (list?.type === 'array') b.modifyJson(file, ['ignore', list.children?.length ?? 0], entry, { arrayInsert: true });
  else b.modifyJson(file, ['ignore'], [entry]);
}
