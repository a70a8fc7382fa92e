// Deployment pipelines found by convention, and each import linked to the solutions it deploys.
// Convention: `.github/workflows/*.yml`, `azure-pipelines*.yml`, any `*.yml` under a `pipelines/`,
// `.pipelines/` or `deploy/` folder, and `*.ps1` / `*.sh` / `*.cmd` scripts that call pac.
import * as nodePath from 'node:path';
import type { LoadProblem, Solution } from '../model/types';
import { linkImport, PipelineDialect, PipelineFile, PipelineImport, SettingsLookup } from '../model/pipeline';
import { loadPipeline, mentionsPowerPlatform } from '../load/pipeline';
import { settingsNaming } from '../load/settings-name';
import { decodeText, Vfs } from '../load/vfs';
import { isInsideDir } from '../util/paths';
import type { SourceFile } from '../util/text';

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
 */
export function linkPipelines(pipelines: PipelineFile[], solutions: Solution[]): void {
  for (const pipeline of pipelines) {
    for (const step of pipeline.steps) {
      if (step.kind !== 'import') continue;
      const named = solutionsNamed(step, solutions);
      const targets = named ?? solutions;
      const assumed = !named && solutions.length > 1;
      for (const s of targets) linkImport(s, { pipeline, step, assumed });
    }
  }
}

/** The solutions the import names; undefined when it names none FlowCop can read (a variable, no path). */
function solutionsNamed(step: PipelineImport, solutions: Solution[]): Solution[] | undefined {
  const written = step.solution?.text.trim();
  if (!written) return undefined;
  const base = written.split(/[\\/]/).pop() ?? '';
  // `$(Build.ArtifactStagingDirectory)/$(SolutionName).zip`: the name is not in the file.
  if (!base || /[$%{}]/.test(base)) return undefined;
  const lower = base.toLowerCase();
  if (step.mode === 'pipeline-deploy') {
    const exact = solutions.filter(s => s.uniqueName.toLowerCase() === lower);
    return exact.length ? exact : [];
  }
  const matching = solutions.filter(s => lower === s.uniqueName.toLowerCase() || lower.startsWith(`${s.uniqueName.toLowerCase()}_`) || lower === `${s.uniqueName.toLowerCase()}.zip`);
  if (!matching.length) return [];
  // `Contoso_Invoices.zip` starts with both `Contoso` and `Contoso_Invoices`: the longest name wins.
  const longest = Math.max(...matching.map(s => s.uniqueName.length));
  return matching.filter(s => s.uniqueName.length === longest);
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
    for (const step of pipeline.steps) {
      if (step.kind === 'import' && step.settingsFile) step.settingsLookup = root ? lookUp(step.settingsFile.text.trim(), file, root, vfs) : { state: 'unresolved' };
    }
  }
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
