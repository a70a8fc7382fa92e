// Reads a deployment pipeline: Azure DevOps YAML (PowerPlatformImportSolution@2,
// PowerPlatformApplySolutionUpgrade@2), GitHub workflows (microsoft/powerplatform-actions/import-solution,
// upgrade-solution) and `pac solution import` / `pac solution upgrade` / `pac pipeline deploy` command
// lines, in scripts and in YAML `run:` / `script:` steps. Inputs, keys and flags are compared ignoring
// case, as the platforms do. Inputs and flags: ../shared/reference/governance.md §3.2.
import type { Loc } from '../model/types';
import type { DeploymentIdentity, ImportMode, PipelineApply, PipelineDialect, PipelineFile, PipelineImport, PipelineStep, PipelineValue } from '../model/pipeline';
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

/** What a walk over one file collects: its steps, environment creations, and the pac auth profile in use. */
interface Scan {
  steps: PipelineStep[];
  creations: Loc[];
  /** The identity of the last `pac auth create`/`select` above, which later pac commands run as. */
  pacIdentity?: DeploymentIdentity;
}

export function loadPipeline(file: SourceFile, dialect: PipelineDialect): PipelineLoadResult {
  if (!mentionsPowerPlatform(file.text)) return { problems: [] };
  const scan: Scan = { steps: [], creations: [] };
  if (dialect === 'script') {
    scanPac(file, { start: 0, end: file.text.length }, scan, undefined);
  } else {
    const doc = parseYaml(file.text);
    if (!doc.root) return { problems: doc.problems.map(p => ({ span: p.span, message: `pipeline ${p.message}` })) };
    walkYaml(file, doc.root, undefined, scan, new Set(), new Map());
  }
  if (!scan.steps.length) return { problems: [] };
  const pipeline: PipelineFile = { dialect, loc: { file, span: { start: 0, end: 0 } }, steps: scan.steps };
  if (scan.creations.length) pipeline.environmentCreations = scan.creations;
  return { pipeline, problems: [] };
}

// ---------------------------------------------------------------------------------------------
// YAML: tasks, actions, and script steps, wherever they sit (stages, jobs, templates' steps).

// Tasks may be written fully qualified: `microsoft-IsvExpTools.PowerPlatform-BuildTools.import-solution.PowerPlatformImportSolution@2`.
const ADO_IMPORT = /(?:^|\.)PowerPlatformImportSolution@/i;
const ADO_APPLY = /(?:^|\.)PowerPlatformApplySolutionUpgrade@/i;
const GH_IMPORT = /^microsoft\/powerplatform-actions\/import-solution(?:@|$)/i;
const GH_APPLY = /^microsoft\/powerplatform-actions\/upgrade-solution(?:@|$)/i;
/** Steps that make an environment new (create) or empty it again (reset). */
const ADO_CREATE = /(?:^|\.)PowerPlatform(?:Create|Reset)Environment@/i;
const GH_CREATE = /^microsoft\/powerplatform-actions\/(?:create|reset)-environment(?:@|$)/i;
/** Keys whose value is a shell script: GitHub `run`, Azure DevOps `script`/`bash`/`powershell`/`pwsh`, and task inputs holding inline scripts. */
const SCRIPT_KEYS = new Set(['run', 'script', 'bash', 'powershell', 'pwsh', 'inlinescript', 'inline']);

function walkYaml(file: SourceFile, node: YamlNode, stage: string | undefined, scan: Scan, seen: Set<YamlNode>, env: ReadonlyMap<string, string>): void {
  if (seen.has(node)) return;
  seen.add(node);
  const steps = scan.steps;
  if (node.kind === 'seq') {
    for (const item of node.items) walkYaml(file, item, stage, scan, seen, env);
    return;
  }
  if (node.kind !== 'map') return;
  const here = stageOf(node) ?? stage;
  const scope = envScope(node, env);
  const task = entry(node, 'task');
  const uses = entry(node, 'uses');
  const taskName = task?.value.kind === 'scalar' ? task.value.text.trim() : undefined;
  const action = uses?.value.kind === 'scalar' ? uses.value.text.trim() : undefined;
  if (taskName && ADO_IMPORT.test(taskName)) steps.push(taskImport(file, task!, here, ADO_INPUTS, entry(node, 'inputs')?.value));
  else if (taskName && ADO_APPLY.test(taskName)) steps.push(apply(file, task!, here, input(file, entry(node, 'inputs')?.value, 'SolutionName'), input(file, entry(node, 'inputs')?.value, ADO_INPUTS.environment)));
  else if (action && GH_IMPORT.test(action)) steps.push(taskImport(file, uses!, here, GH_INPUTS, entry(node, 'with')?.value, scope));
  else if (action && GH_APPLY.test(action)) steps.push(apply(file, uses!, here, input(file, entry(node, 'with')?.value, 'solution-name'), input(file, entry(node, 'with')?.value, GH_INPUTS.environment)));
  else if ((taskName && ADO_CREATE.test(taskName)) || (action && GH_CREATE.test(action))) {
    const head = (taskName ? task : uses)!;
    scan.creations.push({ file, span: { start: head.keySpan.start, end: head.value.span.end } });
  }
  for (const e of node.entries) {
    if (e.value.kind === 'scalar' && SCRIPT_KEYS.has(e.key.toLowerCase())) {
      scanPac(file, e.value.span, scan, here);
    } else if (e.value.kind !== 'scalar') {
      walkYaml(file, e.value, here, scan, seen, scope);
    }
  }
}

/** The stage a mapping opens: Azure DevOps `stage:`/`deployment:` names, or an `environment:` (name or mapping with `name:`). */
function stageOf(node: YamlNode): string | undefined {
  const env = entry(node, 'environment')?.value;
  const envName = env?.kind === 'scalar' ? env.text : env?.kind === 'map' ? scalar(entry(env, 'name')?.value) : undefined;
  return envName?.trim() || scalar(entry(node, 'stage')?.value)?.trim() || scalar(entry(node, 'deployment')?.value)?.trim() || undefined;
}

interface InputNames {
  file: string; settings: string; useSettings: string; stageAndUpgrade: string; holding: string; environment: string;
  identity: (file: SourceFile, inputs: YamlNode | undefined) => DeploymentIdentity | undefined;
}
const ADO_INPUTS: InputNames = { file: 'SolutionInputFile', settings: 'DeploymentSettingsFile', useSettings: 'UseDeploymentSettingsFile', stageAndUpgrade: 'StageAndUpgrade', holding: 'HoldingSolution', environment: 'Environment', identity: adoIdentity };
const GH_INPUTS: InputNames = { file: 'solution-file', settings: 'deployment-settings-file', useSettings: 'use-deployment-settings-file', stageAndUpgrade: 'stage-and-upgrade', holding: 'import-as-holding', environment: 'environment-url', identity: githubIdentity };

/**
 * The service connection an Azure DevOps task signs in with: the input that `authenticationType` names
 * (`PowerPlatformSPN`, the default `PowerPlatformEnvironment` for user name and password), else whichever is written.
 */
function adoIdentity(file: SourceFile, inputs: YamlNode | undefined): DeploymentIdentity | undefined {
  const type = input(file, inputs, 'authenticationType')?.text.trim();
  const chosen = type && /^PowerPlatform(SPN|Environment)$/i.test(type) ? input(file, inputs, type) : undefined;
  const value = chosen ?? input(file, inputs, 'PowerPlatformSPN') ?? input(file, inputs, 'PowerPlatformEnvironment');
  return value?.text.trim() ? { kind: 'service-connection', value } : undefined;
}

/** A GitHub action's app registration (`app-id`, or `client-id` in newer releases), else its `user-name`. */
function githubIdentity(file: SourceFile, inputs: YamlNode | undefined): DeploymentIdentity | undefined {
  const app = input(file, inputs, 'app-id') ?? input(file, inputs, 'client-id');
  if (app?.text.trim()) return { kind: 'application', value: app };
  const user = input(file, inputs, 'user-name');
  return user?.text.trim() ? { kind: 'user', value: user } : undefined;
}

/** A value the pipeline computes when it runs: `$(var)`, `${{ … }}`, `$[ … ]`. */
function isExpression(text: string): boolean {
  return /^\$[({[]/.test(text);
}

/** `${{ env.NAME }}` replaced by the literal `env:` values in scope (step over job over workflow); others kept. */
function withEnv(value: PipelineValue | undefined, env: ReadonlyMap<string, string>): PipelineValue | undefined {
  if (!value || !env.size || !value.text.includes('${{')) return value;
  const resolved = value.text.replace(/\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (whole, name: string) => env.get(name.toLowerCase()) ?? whole);
  return resolved === value.text ? value : { ...value, resolved };
}

/** The scope's `env:` values, with this mapping's own literal ones added (GitHub compares names ignoring case on Windows runners only; exact names are the rule, lower case here is a tolerance). */
function envScope(node: YamlNode, outer: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const own = entry(node, 'env')?.value;
  if (own?.kind !== 'map') return outer;
  const scope = new Map(outer);
  for (const e of own.entries) {
    if (e.value.kind === 'scalar' && !/\$\{\{|\$\(/.test(e.value.text)) scope.set(e.key.toLowerCase(), e.value.text.trim());
  }
  return scope;
}

function taskImport(file: SourceFile, head: YamlEntry, stage: string | undefined, names: InputNames, inputs: YamlNode | undefined, env: ReadonlyMap<string, string> = new Map()): PipelineImport {
  const flag = (name: string) => {
    const v = input(file, inputs, name);
    return v && /^true$/i.test(v.text.trim()) ? v : undefined;
  };
  const upgrade = flag(names.stageAndUpgrade);
  const holding = flag(names.holding);
  // The settings file is passed only when its switch is true (cli-wrapper importSolution.ts). A switch set
  // from a variable (`$(UseDeploymentSettings)`) may be on: the file is kept, and a path built from
  // variables is left unresolved as any other.
  const settingsSwitch = input(file, inputs, names.useSettings)?.text.trim() ?? '';
  const settingsFile = /^true$/i.test(settingsSwitch) || isExpression(settingsSwitch) ? input(file, inputs, names.settings) : undefined;
  const mode: ImportMode = upgrade ? 'stage-and-upgrade' : holding ? 'holding' : 'update';
  return {
    kind: 'import',
    mode,
    loc: { file, span: { start: head.keySpan.start, end: head.value.span.end } },
    modeLoc: (upgrade ?? holding)?.loc,
    solution: withEnv(input(file, inputs, names.file), env),
    settingsFile: settingsFile?.text.trim() ? settingsFile : undefined,
    environment: input(file, inputs, names.environment),
    stage,
    identity: names.identity(file, inputs),
  };
}

function apply(file: SourceFile, head: YamlEntry, stage: string | undefined, solutionName: PipelineValue | undefined, environment: PipelineValue | undefined): PipelineApply {
  return { kind: 'apply', loc: { file, span: { start: head.keySpan.start, end: head.value.span.end } }, solutionName, ...(environment ? { environment } : {}), ...(stage ? { stage } : {}) };
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

const PAC_COMMAND = /\bpac(?:\.exe)?[ \t]+(solution[ \t]+(?:import|upgrade)|pipeline[ \t]+deploy|auth[ \t]+(?:create|select)|admin[ \t]+(?:create|reset))\b/gi;

interface Token { text: string; span: Span }

/** The pac import/upgrade/deploy commands written in `span` of the file. Linear: each character is tokenized once. */
export function pacSteps(file: SourceFile, span: Span): PipelineStep[] {
  const scan: Scan = { steps: [], creations: [] };
  scanPac(file, span, scan, undefined);
  return scan.steps;
}

/**
 * Adds the pac commands in `span` to the scan: imports (with the auth profile in use and the stage),
 * upgrades, pipeline deploys; `pac auth create`/`select` change the profile later commands use, and
 * `pac admin create`/`reset` make an environment new.
 */
function scanPac(file: SourceFile, span: Span, scan: Scan, stage: string | undefined): void {
  const text = file.text;
  const steps = scan.steps;
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
    const identity = scan.pacIdentity;
    const staged = stage ? { stage } : {};
    if (command === 'solution upgrade') {
      const environment = flags.get('--environment') ?? flags.get('-env');
      steps.push({ kind: 'apply', loc, solutionName: flags.get('--solution-name') ?? flags.get('-sn'), ...(environment ? { environment } : {}), ...staged });
    } else if (command === 'pipeline deploy') {
      steps.push({ kind: 'import', mode: 'pipeline-deploy', loc, modeLoc: { file, span: { start: m.index, end: argsStart } }, solution: flags.get('--solutionname') ?? flags.get('--solution-name'), environment: flags.get('--environment') ?? flags.get('-env'), ...staged, ...(identity ? { identity } : {}) });
    } else if (command === 'solution import') {
      const upgrade = switchOn(flags, '--stage-and-upgrade', '-up');
      const holding = switchOn(flags, '--import-as-holding', '-h');
      const mode: ImportMode = upgrade ? 'stage-and-upgrade' : holding ? 'holding' : 'update';
      steps.push({ kind: 'import', mode, loc, modeLoc: (upgrade ?? holding)?.loc, solution: flags.get('--path') ?? flags.get('-p'), settingsFile: flags.get('--settings-file'), environment: flags.get('--environment') ?? flags.get('-env'), ...staged, ...(identity ? { identity } : {}) });
    } else if (command === 'auth create' || command === 'auth select') {
      scan.pacIdentity = pacAuthIdentity(flags);
    } else {
      scan.creations.push(loc);
    }
  }
}

/**
 * Who a `pac auth create`/`select` signs in as: the application id, else the user name, else the
 * profile's name (`--name`); undefined for an interactive or managed-identity sign-in that names none.
 */
function pacAuthIdentity(flags: Map<string, PipelineValue>): DeploymentIdentity | undefined {
  const value = (v: PipelineValue | undefined) => (v && v.text !== 'true' && v.text.trim() ? v : undefined);
  const app = value(flags.get('--applicationid') ?? flags.get('-id'));
  if (app) return { kind: 'application', value: app };
  const user = value(flags.get('--username') ?? flags.get('-un'));
  if (user) return { kind: 'user', value: user };
  const name = value(flags.get('--name') ?? flags.get('-n'));
  return name ? { kind: 'profile', value: name } : undefined;
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
  // A GitHub expression (`${{ secrets.APP_ID }}`) is one word though it holds blanks; bounded, so a line
  // of unclosed `${{` stays linear.
  const re = /"[^"\n]*"|'[^'\n]*'|\n|(?:\$\{\{[^\n}]{0,200}\}\}|[^\s"'])+/g;
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
