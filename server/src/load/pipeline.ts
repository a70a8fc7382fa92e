// Reads a deployment pipeline: Azure DevOps YAML (PowerPlatformImportSolution@2,
// PowerPlatformApplySolutionUpgrade@2), GitHub workflows (microsoft/powerplatform-actions/import-solution,
// upgrade-solution) and `pac solution import` / `pac solution upgrade` / `pac pipeline deploy` command
// lines, in scripts and in YAML `run:` / `script:` steps. Inputs, keys and flags are compared ignoring
// case, as the platforms do. Inputs and flags: ../shared/reference/governance.md §3.2.
import type { Loc } from '../model/types';
import type { ImportMode, PipelineApply, PipelineDialect, PipelineFile, PipelineImport, PipelineStep, PipelineValue } from '../model/pipeline';
import type { SourceFile, Span } from '../util/text';
import { parseYaml, yamlValueSpan, YamlEntry, YamlNode } from './yaml';

export interface PipelineLoadResult {
  /** Absent when the file holds no Power Platform import, apply or pac line (or could not be read). */
  pipeline?: PipelineFile;
  problems: Array<{ span: Span; message: string }>;
}

/** Cheap test before parsing: a file worth reading names a Power Platform task, action or pac command. */
const MENTIONS = /PowerPlatform(?:ImportSolution|ApplySolutionUpgrade)|powerplatform-actions\/(?:import|upgrade)-solution|\bpac(?:\.exe)?\s+(?:solution|pipeline)\b/i;

export function mentionsPowerPlatform(text: string): boolean {
  return MENTIONS.test(text);
}

export function loadPipeline(file: SourceFile, dialect: PipelineDialect): PipelineLoadResult {
  if (!mentionsPowerPlatform(file.text)) return { problems: [] };
  const steps: PipelineStep[] = [];
  if (dialect === 'script') {
    steps.push(...pacSteps(file, { start: 0, end: file.text.length }));
  } else {
    const doc = parseYaml(file.text);
    if (!doc.root) return { problems: doc.problems.map(p => ({ span: p.span, message: `pipeline ${p.message}` })) };
    walkYaml(file, doc.root, undefined, steps, new Set());
  }
  if (!steps.length) return { problems: [] };
  return { pipeline: { dialect, loc: { file, span: { start: 0, end: 0 } }, steps }, problems: [] };
}

// ---------------------------------------------------------------------------------------------
// YAML: tasks, actions, and script steps, wherever they sit (stages, jobs, templates' steps).

// Tasks may be written fully qualified: `microsoft-IsvExpTools.PowerPlatform-BuildTools.import-solution.PowerPlatformImportSolution@2`.
const ADO_IMPORT = /(?:^|\.)PowerPlatformImportSolution@/i;
const ADO_APPLY = /(?:^|\.)PowerPlatformApplySolutionUpgrade@/i;
const GH_IMPORT = /^microsoft\/powerplatform-actions\/import-solution(?:@|$)/i;
const GH_APPLY = /^microsoft\/powerplatform-actions\/upgrade-solution(?:@|$)/i;
/** Keys whose value is a shell script: GitHub `run`, Azure DevOps `script`/`bash`/`powershell`/`pwsh`, and task inputs holding inline scripts. */
const SCRIPT_KEYS = new Set(['run', 'script', 'bash', 'powershell', 'pwsh', 'inlinescript', 'inline']);

function walkYaml(file: SourceFile, node: YamlNode, stage: string | undefined, steps: PipelineStep[], seen: Set<YamlNode>): void {
  if (seen.has(node)) return;
  seen.add(node);
  if (node.kind === 'seq') {
    for (const item of node.items) walkYaml(file, item, stage, steps, seen);
    return;
  }
  if (node.kind !== 'map') return;
  const here = stageOf(node) ?? stage;
  const task = entry(node, 'task');
  const uses = entry(node, 'uses');
  if (task?.value.kind === 'scalar' && ADO_IMPORT.test(task.value.text.trim())) steps.push(taskImport(file, task, here, ADO_INPUTS, entry(node, 'inputs')?.value));
  else if (task?.value.kind === 'scalar' && ADO_APPLY.test(task.value.text.trim())) steps.push(apply(file, task, input(file, entry(node, 'inputs')?.value, 'SolutionName')));
  else if (uses?.value.kind === 'scalar' && GH_IMPORT.test(uses.value.text.trim())) steps.push(taskImport(file, uses, here, GH_INPUTS, entry(node, 'with')?.value));
  else if (uses?.value.kind === 'scalar' && GH_APPLY.test(uses.value.text.trim())) steps.push(apply(file, uses, input(file, entry(node, 'with')?.value, 'solution-name')));
  for (const e of node.entries) {
    if (e.value.kind === 'scalar' && SCRIPT_KEYS.has(e.key.toLowerCase())) {
      for (const s of pacSteps(file, e.value.span)) steps.push(s.kind === 'import' ? { ...s, stage: here } : s);
    } else if (e.value.kind !== 'scalar') {
      walkYaml(file, e.value, here, steps, seen);
    }
  }
}

/** The stage a mapping opens: Azure DevOps `stage:`/`deployment:` names, or an `environment:` (name or mapping with `name:`). */
function stageOf(node: YamlNode): string | undefined {
  const env = entry(node, 'environment')?.value;
  const envName = env?.kind === 'scalar' ? env.text : env?.kind === 'map' ? scalar(entry(env, 'name')?.value) : undefined;
  return envName?.trim() || scalar(entry(node, 'stage')?.value)?.trim() || scalar(entry(node, 'deployment')?.value)?.trim() || undefined;
}

interface InputNames { file: string; settings: string; useSettings: string; stageAndUpgrade: string; holding: string; environment: string }
const ADO_INPUTS: InputNames = { file: 'SolutionInputFile', settings: 'DeploymentSettingsFile', useSettings: 'UseDeploymentSettingsFile', stageAndUpgrade: 'StageAndUpgrade', holding: 'HoldingSolution', environment: 'Environment' };
const GH_INPUTS: InputNames = { file: 'solution-file', settings: 'deployment-settings-file', useSettings: 'use-deployment-settings-file', stageAndUpgrade: 'stage-and-upgrade', holding: 'import-as-holding', environment: 'environment-url' };

function taskImport(file: SourceFile, head: YamlEntry, stage: string | undefined, names: InputNames, inputs: YamlNode | undefined): PipelineImport {
  const flag = (name: string) => {
    const v = input(file, inputs, name);
    return v && /^true$/i.test(v.text.trim()) ? v : undefined;
  };
  const upgrade = flag(names.stageAndUpgrade);
  const holding = flag(names.holding);
  // The settings file is passed only when its switch is true (cli-wrapper importSolution.ts).
  const settingsFile = flag(names.useSettings) ? input(file, inputs, names.settings) : undefined;
  const mode: ImportMode = upgrade ? 'stage-and-upgrade' : holding ? 'holding' : 'update';
  return {
    kind: 'import',
    mode,
    loc: { file, span: { start: head.keySpan.start, end: head.value.span.end } },
    modeLoc: (upgrade ?? holding)?.loc,
    solution: input(file, inputs, names.file),
    settingsFile: settingsFile?.text.trim() ? settingsFile : undefined,
    environment: input(file, inputs, names.environment),
    stage,
  };
}

function apply(file: SourceFile, head: YamlEntry, solutionName: PipelineValue | undefined): PipelineApply {
  return { kind: 'apply', loc: { file, span: { start: head.keySpan.start, end: head.value.span.end } }, solutionName };
}

/** A task input or action input as written: the whole `Key: value` line, so a finding points at it. */
function input(file: SourceFile, inputs: YamlNode | undefined, name: string): PipelineValue | undefined {
  const e = inputs && entry(inputs, name);
  if (!e || e.value.kind !== 'scalar') return undefined;
  return { text: e.value.text, loc: { file, span: { start: e.keySpan.start, end: yamlValueSpan(e.value).end } } };
}

function entry(node: YamlNode | undefined, key: string): YamlEntry | undefined {
  if (!node || node.kind !== 'map') return undefined;
  const lower = key.toLowerCase();
  return node.entries.find(e => e.key.toLowerCase() === lower);
}

function scalar(node: YamlNode | undefined): string | undefined {
  return node?.kind === 'scalar' ? node.text : undefined;
}

// ---------------------------------------------------------------------------------------------
// pac command lines, in a script file or in the source text of a YAML script value.

const PAC_COMMAND = /\bpac(?:\.exe)?[ \t]+(solution[ \t]+(?:import|upgrade)|pipeline[ \t]+deploy)\b/gi;

interface Token { text: string; span: Span }

/** The pac import/upgrade/deploy commands written in `span` of the file. Linear: each character is tokenized once. */
export function pacSteps(file: SourceFile, span: Span): PipelineStep[] {
  const text = file.text;
  const steps: PipelineStep[] = [];
  const comments = new CommentStarts(text, span.start);
  PAC_COMMAND.lastIndex = span.start;
  for (let m = PAC_COMMAND.exec(text); m && m.index < span.end; m = PAC_COMMAND.exec(text)) {
    if (comments.isCommentedOut(m.index)) continue;
    const argsStart = m.index + m[0].length;
    const tokens = tokenize(text, argsStart, span.end);
    const argsEnd = tokens.length ? tokens[tokens.length - 1].span.end : argsStart;
    PAC_COMMAND.lastIndex = Math.max(PAC_COMMAND.lastIndex, argsEnd);
    const loc: Loc = { file, span: { start: m.index, end: argsEnd } };
    const command = m[1].toLowerCase().replace(/\s+/g, ' ');
    const flags = readFlags(file, tokens);
    if (command === 'solution upgrade') {
      steps.push({ kind: 'apply', loc, solutionName: flags.get('--solution-name') ?? flags.get('-sn') });
    } else if (command === 'pipeline deploy') {
      steps.push({ kind: 'import', mode: 'pipeline-deploy', loc, modeLoc: { file, span: { start: m.index, end: argsStart } }, solution: flags.get('--solutionname') ?? flags.get('--solution-name'), environment: flags.get('--environment') ?? flags.get('-env') });
    } else {
      const upgrade = switchOn(flags, '--stage-and-upgrade', '-up');
      const holding = switchOn(flags, '--import-as-holding', '-h');
      const mode: ImportMode = upgrade ? 'stage-and-upgrade' : holding ? 'holding' : 'update';
      steps.push({ kind: 'import', mode, loc, modeLoc: (upgrade ?? holding)?.loc, solution: flags.get('--path') ?? flags.get('-p'), settingsFile: flags.get('--settings-file'), environment: flags.get('--environment') ?? flags.get('-env') });
    }
  }
  return steps;
}

/** Flags by lower-case name: the value after them (or `true` for a switch), at the flag (and value) text. */
function readFlags(file: SourceFile, tokens: Token[]): Map<string, PipelineValue> {
  const flags = new Map<string, PipelineValue>();
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!/^--?[A-Za-z]/.test(t.text)) continue;
    const next = tokens[k + 1];
    const takesValue = next && !/^--?[A-Za-z]/.test(next.text);
    const value = takesValue ? unquote(next.text) : 'true';
    const end = takesValue ? next.span.end : t.span.end;
    if (!flags.has(t.text.toLowerCase())) flags.set(t.text.toLowerCase(), { text: value, loc: { file, span: { start: t.span.start, end } } });
    if (takesValue) k++;
  }
  return flags;
}

/** A switch that is on: written alone or followed by `true` (`--stage-and-upgrade false` is off). */
function switchOn(flags: Map<string, PipelineValue>, long: string, short: string): PipelineValue | undefined {
  const v = flags.get(long) ?? flags.get(short);
  if (!v) return undefined;
  return /^(true|\$true|1)$/i.test(v.text.trim()) ? v : /^(false|\$false|0)$/i.test(v.text.trim()) ? undefined : v;
}

/**
 * The command's arguments: up to the end of its line, continued over a trailing `\\` (sh), `` ` ``
 * (PowerShell) or `^` (cmd), and stopping at a pipe, `;`, `&&`, `||` or a comment.
 */
function tokenize(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  const re = /"[^"\n]*"|'[^'\n]*'|\n|[^\s"']+/g;
  re.lastIndex = start;
  let continued = false;
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const t = m[0];
    if (t === '\n') {
      if (!continued) break;
      continued = false;
      continue;
    }
    continued = /^[\\`^]$/.test(t);
    if (continued) continue;
    if (/^(\||;|&&|\|\||#.*)$/.test(t)) break;
    const word = t.endsWith(';') ? t.slice(0, -1) : t;
    if (word) tokens.push({ text: word, span: { start: m.index, end: m.index + word.length } });
    if (t.endsWith(';')) break;
  }
  return tokens;
}

function unquote(s: string): string {
  return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}

/** Where each line's comment starts (`#` outside quotes, or a cmd `REM`/`::` line), found once per line. */
class CommentStarts {
  private lineStart: number;
  private scanned: number;
  private comment: number;

  /** Positions asked about never go back before `from`, and only forward. */
  constructor(private readonly text: string, from: number) {
    this.lineStart = text.lastIndexOf('\n', from - 1) + 1;
    this.scanned = from;
    this.comment = this.commentStart(this.lineStart);
  }

  isCommentedOut(at: number): boolean {
    let newLine = -1;
    for (let i = this.scanned; i < at; i++) if (this.text.charCodeAt(i) === 10) newLine = i;
    if (newLine >= 0) {
      this.lineStart = newLine + 1;
      this.comment = this.commentStart(this.lineStart);
    }
    this.scanned = Math.max(this.scanned, at);
    return this.comment <= at;
  }

  private commentStart(lineStart: number): number {
    const text = this.text;
    if (/^[ \t]*(?:rem\b|::)/i.test(text.slice(lineStart, lineStart + 64))) return lineStart;
    let quote = '';
    for (let i = lineStart; i < text.length && text[i] !== '\n'; i++) {
      const c = text[i];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '#') return i;
    }
    return Infinity;
  }
}
