// The walk: finds everything lintable under the given paths without loading solutions — solution
// roots (every layout), packed .zip files, standalone scripts and <Workflow> files, settings files,
// deployment pipelines. Loading (units.ts), settings association (associate.ts) and the two ways of
// putting it together (discover.ts: one Workspace; the streaming lint: unit by unit) come after.
import * as nodePath from 'node:path';
import type { DeploymentSettings, Layout, LoadProblem } from '../model/types';
import { createSourceFile, SourceFile, Span } from '../util/text';
import { TreeBoundary } from './boundary';
import type { ScriptAst } from '../model/pad-ast';
import { sniffScript } from '../load/pad/sniff';
import { SettingsNaming, settingsNaming } from '../load/settings-name';
import { sniffSettingsFile } from '../load/settings-sniff';
import { COMPONENT_FOLDERS } from '../load/solution';
import { isYamlRoot, yamlRootAbove } from '../load/yaml-solution';
import { decodeText, DirEntry, Vfs } from '../load/vfs';
import { MAX_FILE_BYTES } from '../load/budget';
import { child, children, parseXml, textOf, trimmedContent } from '../load/xml';
import { enclosingPackageRoot, isPackageFolder } from './package';
import { ExplicitPipeline, explicitPipelineFiles, pipelineDialectOf, readPipelineCandidate } from './pipelines';
import type { PipelineDialect } from '../model/pipeline';

export interface ExplicitSettings {
  /** Absolute path of the settings file. */
  file: string;
  environment: string;
  solution?: string;
  /** Where flowcop.json names the file (the JSON string value) and the path as written there. */
  source?: { file: SourceFile; span: Span; written: string };
}

export interface DiscoverOptions {
  vfs: Vfs;
  /** True for files and folders to leave out (flowcop.json `ignore` globs). */
  ignored?: (absPath: string, isDirectory: boolean) => boolean;
  /** Settings files listed in flowcop.json; asked after the walk, once every config is known. */
  explicitSettings?: () => ExplicitSettings[];
  /** Pipeline files listed in flowcop.json (`pipelines`), asked after the walk like explicitSettings. */
  explicitPipelines?: () => ExplicitPipeline[];
}

/** Folders never worth walking into. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode-test', 'bin', 'obj']);
/** Solution component folders: no solutions or scripts inside them. */
const SOLUTION_PARTS = new Set([...COMPONENT_FOLDERS, 'CanvasApps', 'Entities', 'AppModules', 'AppModuleSiteMaps', 'WebResources',
  'PluginAssemblies', 'OptionSets', 'Roles', 'Dashboards', 'Reports', 'Templates', 'botcomponents', 'bots', 'dataflows',
  'connectors', 'aiplugins', 'Controls', 'SdkMessageProcessingSteps', 'Microsoft.Flow'].map(s => s.toLowerCase()));
const MAX_SCRIPT_BYTES = 16 * 1024 * 1024;


export interface SolutionCandidate { root: string; layout: Layout; projectFile?: string }
export interface SettingsCandidate { file: SourceFile; environment: string; solution?: string; association: DeploymentSettings['association']; naming?: SettingsNaming }

/** What loads on its own: a solution folder (any layout; a YAML root may hold several) or a .zip file. */
export type LoadUnit = { kind: 'folder'; candidate: SolutionCandidate } | { kind: 'zip'; path: string };

export interface DiscoveryPlan {
  roots: string[];
  /** Solution folders in path order, then .zip files in walk order. */
  units: LoadUnit[];
  scriptFiles: Array<{ file: SourceFile; ast?: ScriptAst }>;
  /** Lone <Workflow> elements of desktop flows. */
  workflowFiles: SourceFile[];
  settings: SettingsCandidate[];
  pipelineFiles: Array<{ file: SourceFile; dialect: PipelineDialect }>;
  problems: LoadProblem[];
  skipped: Array<{ file: string; reason: string }>;
}

export function planDiscovery(paths: string[], options: DiscoverOptions): DiscoveryPlan {
  const { vfs } = options;
  const roots = paths.map(p => nodePath.resolve(p));
  const problems: LoadProblem[] = [];
  const candidates = new Map<string, SolutionCandidate>();
  const zips: string[] = [];
  const scriptFiles: Array<{ file: SourceFile; ast?: ScriptAst }> = [];
  const workflowFiles: SourceFile[] = [];
  const settingsCandidates: SettingsCandidate[] = [];
  const pipelineFiles: Array<{ file: SourceFile; dialect: PipelineDialect }> = [];
  const skipped: DiscoveryPlan['skipped'] = [];
  const visitedFiles = new Set<string>();
  const boundary = new TreeBoundary();
  for (const root of roots) {
    if (vfs.isDirectory(root)) boundary.addFolder(root);
    else if (/\.cdsproj$/i.test(root)) boundary.addFolder(nodePath.dirname(root));
    else boundary.addFile(root);
  }

  // The file's text is not kept (it could not be read or decoded), so the finding sits at its start
  // and the byte where reading stopped is named in the message.
  const fileProblem = (filePath: string, message: string, byteOffset = 0, entry?: string) => {
    const where = byteOffset > 0 ? ` (at byte ${byteOffset})` : '';
    problems.push({ ruleId: 'flowcop/parse-error', loc: { file: createSourceFile(filePath, '', { entry }), span: { start: 0, end: 0 } }, message: `${message}${where}` });
  };

  const readText = (filePath: string, maxBytes = Infinity): SourceFile | undefined => {
    let bytes: Uint8Array | undefined;
    try {
      bytes = vfs.readFile(filePath);
    } catch (e) {
      fileProblem(filePath, `cannot read file: ${(e as Error).message}`);
      return undefined;
    }
    if (!bytes) return undefined;
    if (bytes.length > maxBytes) {
      fileProblem(filePath, `file is larger than ${Math.round(maxBytes / 1048576)} MiB; not read`);
      return undefined;
    }
    const decoded = decodeText(bytes, filePath);
    if ('error' in decoded) {
      fileProblem(filePath, decoded.error, decoded.offset);
      return undefined;
    }
    return decoded.file;
  };

  const addCandidate = (c: SolutionCandidate) => {
    const existing = candidates.get(c.root);
    // The clone layout (with its project file) wins over seeing the same src/ folder as unpacked.
    if (!existing || (c.layout === 'cdsproj' && existing.layout === 'unpacked')) candidates.set(c.root, c);
  };

  const considerFile = (filePath: string, explicit: boolean) => {
    if (visitedFiles.has(filePath) || options.ignored?.(filePath, false)) return;
    visitedFiles.add(filePath);
    const name = nodePath.basename(filePath);
    const lower = name.toLowerCase();
    const pipelineDialect = pipelineDialectOf(filePath);
    if (pipelineDialect) {
      const read = readPipelineCandidate(vfs, filePath, MAX_FILE_BYTES);
      if (read.file) pipelineFiles.push({ file: read.file, dialect: pipelineDialect });
      else if (read.error) fileProblem(filePath, read.error, read.offset);
    } else if (lower.endsWith('.zip')) {
      zips.push(filePath);
    } else if (lower.endsWith('.robin')) {
      const file = readText(filePath, MAX_SCRIPT_BYTES);
      if (file) scriptFiles.push({ file });
    } else if (lower.endsWith('.txt')) {
      const file = readText(filePath, MAX_SCRIPT_BYTES);
      if (file) {
        // Named on the command line or found in a folder alike: prose is skipped, never parsed as a script.
        const sniffed = sniffScript(file.text);
        if (sniffed.script) scriptFiles.push({ file, ast: sniffed.ast });
        else if (explicit) skipped.push({ file: filePath, reason: 'not a desktop-flow script (it reads as prose or other text); skipped' });
      }
    } else if (lower.endsWith('.json')) {
      // Settings by name (`*deploymentSettings*`), or any other JSON whose top level holds their arrays.
      const naming = settingsNaming(filePath.split(/[\\/]/));
      if (naming.byName || (lower !== 'flowcop.json' && sniffSettingsFile(vfs, filePath))) {
        const file = readText(filePath, MAX_FILE_BYTES);
        if (file) settingsCandidates.push({ file, environment: naming.environment, association: 'nearest', naming });
      }
    } else if (lower.endsWith('.xml')) {
      // A desktop flow's <Workflow> element kept on its own (a sidecar copied out of a solution).
      const file = readText(filePath, MAX_SCRIPT_BYTES);
      if (file && WORKFLOW_START.test(file.text.slice(0, 512))) workflowFiles.push(file);
    } else if (lower.endsWith('.cdsproj')) {
      const file = readText(filePath, MAX_FILE_BYTES);
      const doc = file ? parseXml(file.text) : undefined;
      const rootElement = children(doc?.root, 'PropertyGroup').map(g => child(g, 'SolutionRootPath')).find(e => textOf(doc!, e)?.trim());
      const rootPath = (rootElement && textOf(doc!, rootElement)?.trim()) || 'src';
      const root = nodePath.resolve(nodePath.dirname(filePath), rootPath.replace(/\\/g, '/'));
      if (!boundary.contains(root)) {
        // The project file comes with the tree: it must not send the lint (and --fix) elsewhere.
        const span = rootElement && doc ? trimmedContent(doc, rootElement) : { start: 0, end: 0 };
        problems.push({ ruleId: 'flowcop/parse-error', loc: { file: file ?? createSourceFile(filePath, ''), span }, message: outsideMessage('SolutionRootPath', rootPath, 'the solution there is not read') });
      } else if (hasFile(vfs, root, ['Other', 'Solution.xml'])) addCandidate({ root, layout: 'cdsproj', projectFile: filePath });
    }
  };

  const walk = (dir: string, depth: number) => {
    if (depth > 40 || options.ignored?.(dir, true)) return;
    const entries = vfs.readDir(dir);
    if (!entries) return;
    // Project files first, so their src/ folder is known as a clone before it is walked.
    for (const e of entries) if (!e.isDirectory && e.name.toLowerCase().endsWith('.cdsproj')) considerFile(nodePath.join(dir, e.name), false);
    let isSolutionRoot = candidates.has(dir);
    // Checked first: a YAML root may also hold XML environment variable definitions (a partial tree's mark).
    if (!isSolutionRoot && isYamlRoot(vfs, dir, entries)) {
      addCandidate({ root: dir, layout: 'yaml' });
      isSolutionRoot = true;
    }
    const other = entryNamed(entries, 'Other');
    if (!isSolutionRoot && other?.isDirectory && hasFile(vfs, nodePath.join(dir, other.name), ['Solution.xml'])) {
      addCandidate({ root: dir, layout: 'unpacked' });
      isSolutionRoot = true;
    } else if (!isSolutionRoot && entryNamed(entries, 'solution.xml')?.isDirectory === false && entryNamed(entries, 'customizations.xml')?.isDirectory === false) {
      addCandidate({ root: dir, layout: 'raw' });
      isSolutionRoot = true;
    } else if (!isSolutionRoot && isPackageFolder(vfs, dir, entries)) {
      addCandidate({ root: dir, layout: 'package' });
      isSolutionRoot = true;
    } else if (!isSolutionRoot && isPartialSolution(vfs, dir, entries)) {
      addCandidate({ root: dir, layout: 'unpacked' });
      isSolutionRoot = true;
    }
    for (const e of entries) {
      const p = nodePath.join(dir, e.name);
      if (e.isDirectory) {
        const lower = e.name.toLowerCase();
        if (SKIP_DIRS.has(lower) || (isSolutionRoot && SOLUTION_PARTS.has(lower))) continue;
        walk(p, depth + 1);
      } else if (!e.name.toLowerCase().endsWith('.cdsproj')) {
        considerFile(p, false);
      }
    }
  };

  for (const root of roots) {
    if (vfs.isDirectory(root)) {
      walk(root, 0);
    } else if (vfs.isFile(root)) {
      const solutionRoot = enclosingSolutionRoot(vfs, root);
      const packageRoot = solutionRoot || /\.zip$/i.test(root) ? undefined : enclosingPackageRoot(vfs, root);
      if (solutionRoot) addCandidate(solutionRoot);
      else if (packageRoot) addCandidate({ root: packageRoot, layout: 'package' });
      else considerFile(root, true);
    } else {
      fileProblem(root, 'no such file or folder');
    }
  }
  for (const s of options.explicitSettings?.() ?? []) {
    if (s.source ? !boundary.allowsConfigPath(s.file, s.source.file.path) : !boundary.contains(s.file)) {
      const message = outsideMessage(`environments.${s.environment}`, s.source?.written ?? s.file, 'the settings file is not read');
      problems.push({ ruleId: 'flowcop/parse-error', loc: s.source ? { file: s.source.file, span: s.source.span } : { file: createSourceFile(s.file, ''), span: { start: 0, end: 0 } }, message });
      continue;
    }
    const file = readText(s.file);
    if (file) {
      const i = settingsCandidates.findIndex(c => c.file.path === file.path);
      if (i >= 0) settingsCandidates.splice(i, 1);
      settingsCandidates.push({ file, environment: s.environment, solution: s.solution, association: 'flowcop.json' });
    } else if (!problems.some(p => p.loc.file.path === s.file)) {
      fileProblem(s.file, 'deployment settings file listed in flowcop.json was not found');
    }
  }

  const named = explicitPipelineFiles(options.explicitPipelines?.() ?? [], vfs, (p, configFile) => boundary.allowsConfigPath(p, configFile),
    new Set(pipelineFiles.map(f => f.file.path)), MAX_FILE_BYTES);
  pipelineFiles.push(...named.files);
  problems.push(...named.problems);

  const units: LoadUnit[] = [...candidates.values()].sort((a, b) => (a.root < b.root ? -1 : 1)).map(candidate => ({ kind: 'folder' as const, candidate }));
  for (const path of zips) units.push({ kind: 'zip', path });
  return { roots, units, scriptFiles, workflowFiles, settings: settingsCandidates, pipelineFiles, problems, skipped };
}

/** Why a path named inside the tree is refused, as a finding message. */
function outsideMessage(what: string, written: string, consequence: string): string {
  return `${printable(what)} "${printable(written)}" leads outside the linted folder; ${consequence} (FlowCop reads and fixes only inside the folders it was given: `
    + 'name that folder too to include it)';
}

/** The repository's text, shortened and with control characters escaped, for a message. */
function printable(text: string): string {
  const short = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return short.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const WORKFLOW_START = /^\s*(<\?xml[^>]*>\s*)?<Workflow[\s>]/;

/** The entry with this name, matched exactly first, then ignoring case (Windows-born trees mix cases). */
function entryNamed(entries: DirEntry[] | undefined, name: string): DirEntry | undefined {
  const lower = name.toLowerCase();
  return entries?.find(e => e.name === name) ?? entries?.find(e => e.name.toLowerCase() === lower);
}

/** Whether `dir/parts…` is a file, reading each folder on the way once. */
function hasFile(vfs: Vfs, dir: string, parts: string[]): boolean {
  let cur = dir;
  for (let k = 0; k < parts.length; k++) {
    const hit = entryNamed(vfs.readDir(cur), parts[k]);
    if (!hit || hit.isDirectory !== (k < parts.length - 1)) return false;
    cur = nodePath.join(cur, hit.name);
  }
  return true;
}

/**
 * Solution components kept without Other/Solution.xml (a repository that tracks only flows and
 * environment variables): flow sidecars under Workflows/ or definitions under
 * environmentvariabledefinitions/.
 */
function isPartialSolution(vfs: Vfs, dir: string, entries: DirEntry[]): boolean {
  const workflows = entryNamed(entries, 'Workflows');
  if (workflows?.isDirectory && vfs.readDir(nodePath.join(dir, workflows.name))?.some(e => /\.json\.data\.xml$/i.test(e.name))) return true;
  const envVars = entryNamed(entries, 'environmentvariabledefinitions');
  if (!envVars?.isDirectory) return false;
  const envDir = nodePath.join(dir, envVars.name);
  return !!vfs.readDir(envDir)?.some(e => e.isDirectory && hasFile(vfs, nodePath.join(envDir, e.name), ['environmentvariabledefinition.xml']));
}

/** For a single file inside a solution folder, the solution it belongs to. */
function enclosingSolutionRoot(vfs: Vfs, filePath: string): SolutionCandidate | undefined {
  const yamlRoot = yamlRootAbove(vfs, filePath);
  if (yamlRoot) return { root: yamlRoot, layout: 'yaml' };
  let dir = nodePath.dirname(filePath);
  for (let k = 0; k < 4; k++) {
    if (hasFile(vfs, dir, ['Other', 'Solution.xml'])) {
      const parent = nodePath.dirname(dir);
      const project = vfs.readDir(parent)?.find(e => !e.isDirectory && e.name.toLowerCase().endsWith('.cdsproj'));
      return project ? { root: dir, layout: 'cdsproj', projectFile: nodePath.join(parent, project.name) } : { root: dir, layout: 'unpacked' };
    }
    if (hasFile(vfs, dir, ['solution.xml']) && hasFile(vfs, dir, ['customizations.xml'])) return { root: dir, layout: 'raw' };
    const up = nodePath.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}
