// Deployment pipelines found by convention, and each import linked to the solutions it deploys.
// Convention: `.github/workflows/*.yml`, local actions `.github/**/action.yml`, `azure-pipelines*.yml`, any `*.yml` under a `pipelines/`,
// `.pipelines/` or `deploy/` folder, and `*.ps1` / `*.sh` / `*.cmd` scripts that call pac.
import * as nodePath from 'node:path';
import type { LoadProblem, Solution } from '../model/types';
import { linkImport, PipelineDialect, PipelineFile, PipelineImport, SettingsLookup } from '../model/pipeline';
import { loadPipeline, mentionsPowerPlatform } from '../load/pipeline';
import { settingsNaming } from '../load/settings-name';
import { decodeText, Vfs } from '../load/vfs';
import { isInsideDir } from '../util/paths';
import { compileGlob } from '../util/glob';
import type { SourceFile, Span } from '../util/text';

const YAML = /\.ya?ml$/i;
const PIPELINE_FOLDERS = new Set(['pipelines', '.pipelines', 'deploy']);

/** The dialect a file is read in when its path follows the convention; undefined otherwise. */
export function pipelineDialectOf(filePath: string): PipelineDialect | undefined {
  const parts = filePath.split(/[\\/]/);
  const name = parts[parts.length - 1].toLowerCase();
  const folders = parts.slice(0, -1).map(p => p.toLowerCase());
  if (/\.(ps1|sh|cmd|bat)$/.test(name)) return 'script';
  if (!YAML.test(name)) return undefined;
  const n = folders.length;
  if (n >= 2 && folders[n - 1] === 'workflows' && folders[n - 2] === '.github') return 'github';
  // A local composite action (`.github/actions/deploy/action.yml`), which workflows call with `uses: ./…`.
  if (/^action\.ya?ml$/.test(name) && folders.includes('.github')) return 'github';
  if (name.startsWith('azure-pipelines')) return 'azure-devops';
  if (folders.some(f => PIPELINE_FOLDERS.has(f))) return 'azure-devops';
  return undefined;
}

/**
 * Reads a file that the convention names. Any `.ps1`/`.sh`/`.yml` there may be unrelated to deployment,
 * so one that cannot be read or decoded is reported only when its bytes name a Power Platform step.
 */
export function readPipelineCandidate(vfs: Vfs, filePath: string, maxBytes: number): { file?: SourceFile; error?: string; offset?: number } {
  let bytes: Uint8Array | undefined;
  try {
    bytes = vfs.readFile(filePath);
  } catch (e) {
    return { error: `cannot read file: ${(e as Error).message}` };
  }
  if (!bytes) return {};
  const sniff = () => mentionsPowerPlatform(Buffer.from(bytes!.subarray(0, Math.min(bytes!.length, maxBytes))).toString('latin1').replace(/\0/g, ''));
  if (bytes.length > maxBytes) return sniff() ? { error: `file is larger than ${Math.round(maxBytes / 1048576)} MiB; not read` } : {};
  const decoded = decodeText(bytes, filePath);
  if ('error' in decoded) return sniff() ? { error: decoded.error, offset: decoded.offset } : {};
  return { file: decoded.file };
}

/** Reads the candidate files; files that name no Power Platform step are left out quietly. */
export function loadPipelines(files: Array<{ file: SourceFile; dialect: PipelineDialect }>, problems: LoadProblem[]): PipelineFile[] {
  const pipelines: PipelineFile[] = [];
  for (const { file, dialect } of files) {
    const result = loadPipeline(file, dialect);
    for (const p of result.problems) problems.push({ ruleId: 'flowcop/parse-error', loc: { file, span: p.span }, message: p.message });
    if (result.pipeline) pipelines.push(result.pipeline);
  }
  return pipelines.sort((a, b) => (a.loc.file.path < b.loc.file.path ? -1 : 1));
}

/**
 * Links every import to the solutions it deploys: the one whose unique name starts the solution
 * file's name (`ContosoInvoices_1_0_0_3_managed.zip`), or that `pac pipeline deploy` names; when the
 * files do not say, every solution of the repository (marked as assumed when there are several).
 * `solutions` may be some of the run's (the streaming lint links one unit at a time); `allNames` are
 * the unique names of all of them, which decide what an import names.
 */
export function linkPipelines(pipelines: PipelineFile[], solutions: Solution[], allNames: readonly string[] = solutions.map(s => s.uniqueName)): void {
  for (const pipeline of pipelines) {
    for (const step of pipeline.steps) {
      if (step.kind !== 'import') continue;
      const named = namesImported(step, allNames);
      const repository = pipeline.repository;
      const targets = named ? solutions.filter(s => named.has(s.uniqueName.toLowerCase()))
        : repository ? solutions.filter(s => isInsideDir(s.root, repository)) : solutions;
      const assumed = !named && allNames.length > 1;
      for (const s of targets) linkImport(s, { pipeline, step, assumed });
    }
  }
}

/** The unique names (lower case) the import names; undefined when it names none FlowCop can read (a variable, no path). */
function namesImported(step: PipelineImport, allNames: readonly string[]): Set<string> | undefined {
  const written = (step.solution?.resolved ?? step.solution?.text)?.trim();
  if (!written) return undefined;
  const base = written.split(/[\\/]/).pop() ?? '';
  // `$(Build.ArtifactStagingDirectory)/$(SolutionName).zip`: the name is not in the file.
  if (!base || /[$%{}]/.test(base)) return undefined;
  const lower = base.toLowerCase();
  const names = allNames.map(n => n.toLowerCase());
  if (step.mode === 'pipeline-deploy') return new Set(names.filter(n => n === lower));
  const matching = names.filter(n => lower === n || lower.startsWith(`${n}_`) || lower === `${n}.zip`);
  // `Contoso_Invoices.zip` starts with both `Contoso` and `Contoso_Invoices`: the longest name wins.
  const longest = Math.max(0, ...matching.map(n => n.length));
  return new Set(matching.filter(n => n.length === longest));
}

/**
 * Variables that name the checked-out repository: the path after them is relative to the repository.
 * Azure DevOps `$(Build.SourcesDirectory)`, `$(System.DefaultWorkingDirectory)`, `$(Build.Repository.LocalPath)`;
 * GitHub `${{ github.workspace }}`, `$GITHUB_WORKSPACE`, `$env:GITHUB_WORKSPACE`.
 */
const REPOSITORY_ROOT = /^(?:\$\((?:Build\.SourcesDirectory|System\.DefaultWorkingDirectory|Build\.Repository\.LocalPath)\)|\$\{\{\s*github\.workspace\s*\}\}|\$\{?(?:env:)?GITHUB_WORKSPACE\}?)[\\/]*/i;

/**
 * Looks up each import's settings file in the tree. A relative path is tried from the pipeline file's
 * folder and every folder above it, up to the linted folder that holds it (pipelines run from the
 * repository root, scripts often from their own folder).
 */
export function resolveSettingsFiles(pipelines: PipelineFile[], vfs: Vfs, roots: string[]): void {
  for (const pipeline of pipelines) {
    const file = pipeline.loc.file.path;
    // A pipeline file named on its own: the tree around it was not given, so nothing is looked up.
    const root = roots.find(r => r !== file && isInsideDir(file, r));
    if (root) pipeline.repository = repositoryOf(file, root, vfs);
    for (const step of pipeline.steps) {
      if (step.kind === 'import' && step.settingsFile) step.settingsLookup = root ? lookUp(step.settingsFile.text.trim(), file, root, vfs) : { state: 'unresolved' };
    }
  }
}

/**
 * The repository a pipeline file belongs to, inside the linted folder `root`: the folder holding `.github/`
 * for a workflow, else the nearest folder above the file with `.git`; undefined when neither is found
 * (then every solution of the run is the repository's).
 */
function repositoryOf(file: string, root: string, vfs: Vfs): string | undefined {
  const parts = file.split(/[\\/]/);
  const github = parts.lastIndexOf('.github');
  if (github > 0 && github === parts.length - 3) return parts.slice(0, github).join(nodePath.sep) || nodePath.sep;
  for (let dir = nodePath.dirname(file); isInsideDir(dir, root); dir = nodePath.dirname(dir)) {
    if (vfs.isDirectory(nodePath.join(dir, '.git')) || vfs.isFile(nodePath.join(dir, '.git'))) return dir;
    if (dir === root || nodePath.dirname(dir) === dir) break;
  }
  return undefined;
}

function lookUp(written: string, pipelinePath: string, root: string, vfs: Vfs): SettingsLookup {
  const relative = written.replace(REPOSITORY_ROOT, '').replace(/^["']|["']$/g, '');
  // Another variable (an artifact folder, a parameter): not in the tree, or not knowable from it.
  if (!relative || /\$|%[A-Za-z_]+%|\{\{/.test(relative) || nodePath.isAbsolute(relative) || /^[A-Za-z]:/.test(relative)) return { state: 'unresolved' };
  const parts = relative.split(/[\\/]/).filter(p => p && p !== '.');
  for (let dir = nodePath.dirname(pipelinePath); ; dir = nodePath.dirname(dir)) {
    const candidate = nodePath.join(dir, ...parts);
    if (isInsideDir(candidate, root) && vfs.isFile(candidate)) {
      const naming = settingsNaming(parts);
      const environment = naming.template || naming.environment === 'default' ? undefined : naming.environment;
      return { state: 'found', path: candidate, environment };
    }
    if (dir === root || !isInsideDir(dir, root) || nodePath.dirname(dir) === dir) break;
  }
  return { state: 'missing' };
}

// ---------------------------------------------------------------------------------------------
// Pipeline files named in flowcop.json (`pipelines`): paths or globs relative to the config's folder.

/** A `pipelines` entry of a flowcop.json. */
export interface ExplicitPipeline {
  /** Absolute path (a glob: the pattern resolved against dir). */
  path: string;
  glob: boolean;
  /** The config's folder; a glob is matched against paths relative to it. */
  dir: string;
  /** Where flowcop.json names it, and the path as written there. */
  source: { file: SourceFile; span: Span; written: string };
}

const PIPELINE_FILE = /\.(ya?ml|ps1|sh|cmd|bat)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'bin', 'obj']);
/** A glob walks at most this many files: a pattern such as `**\/*.yml` in a huge tree stays bounded. */
const MAX_GLOB_FILES = 20_000;

/**
 * Reads the pipeline files flowcop.json names. Each problem points at the entry: a path that leads
 * outside the linted tree (`allowed` says false), a file that does not exist or is not a pipeline file
 * (.yml/.yaml/.ps1/.sh/.cmd/.bat), a glob that matches none, a file that cannot be read. Files already
 * found by convention (`known`) are not read twice.
 */
export function explicitPipelineFiles(entries: readonly ExplicitPipeline[], vfs: Vfs, allowed: (file: string, configFile: string) => boolean,
  known: ReadonlySet<string>, maxBytes: number): { files: Array<{ file: SourceFile; dialect: PipelineDialect }>; problems: LoadProblem[] } {
  const files: Array<{ file: SourceFile; dialect: PipelineDialect }> = [];
  const problems: LoadProblem[] = [];
  const taken = new Set(known);
  for (const entry of entries) {
    const problem = (message: string) => problems.push({ ruleId: 'flowcop/parse-error', loc: { file: entry.source.file, span: entry.source.span }, message: `flowcop.json: pipelines "${printable(entry.source.written)}": ${message}` });
    const base = entry.glob ? literalBase(entry) : entry.path;
    if (!allowed(base, entry.source.file.path)) {
      problem('leads outside the linted folder; not read (FlowCop reads only inside the folders it was given: name that folder too to include it)');
      continue;
    }
    const paths = entry.glob ? globMatches(entry, base, vfs).filter(p => allowed(p, entry.source.file.path)) : [entry.path];
    if (!entry.glob && !vfs.isFile(entry.path)) { problem('no such file'); continue; }
    if (!entry.glob && !PIPELINE_FILE.test(entry.path)) { problem('not a pipeline file (expected .yml, .yaml, .ps1, .sh, .cmd or .bat)'); continue; }
    if (entry.glob && !paths.length) { problem('matches no pipeline file (.yml, .yaml, .ps1, .sh, .cmd or .bat)'); continue; }
    for (const p of paths) {
      if (taken.has(p)) continue;
      taken.add(p);
      const read = readNamedFile(vfs, p, maxBytes);
      if ('error' in read) { problem(`${nodePath.relative(entry.dir, p).replace(/\\/g, '/')}: ${read.error}`); continue; }
      files.push({ file: read.file, dialect: pipelineDialectOf(p) ?? yamlDialect(read.file.text) });
    }
  }
  return { files, problems };
}

/** The folder a glob's literal leading segments name (`ci/release/*.yml` → `<dir>/ci/release`). */
function literalBase(entry: ExplicitPipeline): string {
  const parts = entry.source.written.replace(/\\/g, '/').split('/');
  const literal = parts.slice(0, parts.findIndex(p => /[*?]/.test(p)));
  return nodePath.resolve(entry.dir, ...literal);
}

/** Pipeline files below `base` whose path relative to the config's folder the glob matches, in path order. */
function globMatches(entry: ExplicitPipeline, base: string, vfs: Vfs): string[] {
  const matcher = compileGlob(entry.source.written);
  const out: string[] = [];
  let seen = 0;
  const walk = (dir: string, depth: number) => {
    const list = depth > 40 ? undefined : vfs.readDir(dir);
    for (const e of list ?? []) {
      if (++seen > MAX_GLOB_FILES) return;
      const p = nodePath.join(dir, e.name);
      if (e.isDirectory) {
        if (!SKIP_DIRS.has(e.name.toLowerCase())) walk(p, depth + 1);
      } else if (PIPELINE_FILE.test(e.name) && matcher.test(nodePath.relative(entry.dir, p).replace(/\\/g, '/'))) {
        out.push(p);
      }
    }
  };
  walk(base, 0);
  return out.sort();
}

function readNamedFile(vfs: Vfs, filePath: string, maxBytes: number): { file: SourceFile } | { error: string } {
  let bytes: Uint8Array | undefined;
  try {
    bytes = vfs.readFile(filePath);
  } catch (e) {
    return { error: `cannot read file: ${(e as Error).message}` };
  }
  if (!bytes) return { error: 'no such file' };
  if (bytes.length > maxBytes) return { error: `file is larger than ${Math.round(maxBytes / 1048576)} MiB; not read` };
  const decoded = decodeText(bytes, filePath);
  return 'error' in decoded ? { error: decoded.offset ? `${decoded.error} (at byte ${decoded.offset})` : decoded.error } : decoded;
}

/** A YAML file outside the convention: a GitHub workflow has top-level `on:` and `jobs:`; anything else is read as Azure DevOps. */
function yamlDialect(text: string): PipelineDialect {
  return /^["']?on["']?\s*:/m.test(text) && /^jobs\s*:/m.test(text) ? 'github' : 'azure-devops';
}

function printable(text: string): string {
  const short = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return short.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
