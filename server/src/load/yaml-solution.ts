// Reads a root of the YAML source layout (Dataverse Git integration, pac 2.4.1+) into the same model
// as the XML layouts: R/solutions/<Unique>/solution.yml, one folder per component (modernflows/<guid>/,
// connectionreferences/<logical>/, environmentvariabledefinitions/<schema>/, …). Several solutions
// may share a root; a component belongs to every solution whose solutioncomponents.yml lists its folder.
// Shapes not seen in a real repository yet (environment variables, desktop flows) are read tolerantly
// and anything unreadable is a flowcop/parse-error (yaml-envvars.ts, yaml-workflows.ts).
import * as nodePath from 'node:path';
import type { ConnectionReference, LoadProblem, RootComponent, Solution } from '../model/types';
import { createSourceFile, SourceFile } from '../util/text';
import { guardLoad } from './guard';
import type { FileTree } from './tree';
import { DirEntry, enclosingDir, Vfs } from './vfs';
import { YamlNode, yamlChildText, yamlEntry, yamlGet, yamlList, yamlPath, yamlText, yamlValueSpan } from './yaml';
import { componentKindsFromPaths, ListedComponent } from './yaml-component-types';
import { loadYamlEnvironmentVariables } from './yaml-envvars';
import { Component, componentsIn, normalizeFolder, problem, readYamlFile, rootElement, YamlCtx } from './yaml-read';
import { loadYamlWorkflows } from './yaml-workflows';

export interface YamlRootLoadResult {
  solutions: Solution[];
  problems: LoadProblem[];
}

/** Whether `dir` (with these entries) is a YAML root: it has solutions/<X>/solution.yml. */
export function isYamlRoot(vfs: Vfs, dir: string, entries: DirEntry[]): boolean {
  const solutions = entries.find(e => e.isDirectory && e.name.toLowerCase() === 'solutions');
  if (!solutions) return false;
  const base = nodePath.join(dir, solutions.name);
  return !!vfs.readDir(base)?.some(s => s.isDirectory && !!vfs.readDir(nodePath.join(base, s.name))?.some(f => !f.isDirectory && f.name.toLowerCase() === 'solution.yml'));
}

/** For a single file of a YAML root (a flow's JSON, a workflow.yml), the root above it. */
export function yamlRootAbove(vfs: Vfs, filePath: string): string | undefined {
  // Scripts and archives named on their own are linted as themselves, wherever they sit.
  if (!/\.(ya?ml|json|xml)$/i.test(filePath)) return undefined;
  return enclosingDir(vfs, filePath, 5, (dir, entries) => isYamlRoot(vfs, dir, entries));
}

export function loadYamlRoot(tree: FileTree): YamlRootLoadResult {
  const ctx: YamlCtx = { tree, problems: [] };
  const solutions: Solution[] = [];
  const memberships: Array<{ solution: Solution; folders?: Set<string>; listed?: ListedComponent[] }> = [];
  for (const dir of tree.list('solutions')) {
    if (!dir.isDirectory) continue;
    const loaded = guardLoad(() => loadManifest(ctx, `solutions/${dir.name}`), message => {
      problem(ctx, createSourceFile(nodePath.join(tree.root, 'solutions', dir.name), ''), { start: 0, end: 0 }, message);
      return undefined;
    });
    if (!loaded) continue;
    solutions.push(loaded.solution);
    memberships.push(loaded);
  }

  const refs = componentsIn(ctx, 'connectionreferences', 'connectionreference.yml', connectionReference);
  const vars = loadYamlEnvironmentVariables(ctx);
  const flows = loadYamlWorkflows(ctx);

  const owners = (folder: string) => memberships.filter(m => !m.folders || m.folders.has(folder)).map(m => m.solution);
  const attribute = <T>(list: Array<Component<T>>, add: (s: Solution, v: T) => void, file: (v: T) => SourceFile) => {
    for (const c of list) {
      const of = owners(c.folder);
      for (const s of of) add(s, c.value);
      if (!of.length && solutions.length) {
        const at = file(c.value);
        const folder = `/${nodePath.relative(tree.root, nodePath.dirname(at.path)).split(nodePath.sep).join('/')}`;
        problem(ctx, at, { start: 0, end: 0 }, `${folder} is not listed in any solutions/*/solutioncomponents.yml of this root: no solution holds it, so it is not linted`);
      }
    }
  };
  attribute(refs, (s, r) => s.connectionReferences.push(r), r => r.loc.file);
  attribute(vars, (s, v) => s.environmentVariables.push(v), v => v.file);
  attribute(flows.cloud, (s, f) => s.cloudFlows.push(f), f => f.metadataFile ?? f.file);
  attribute(flows.desktop, (s, f) => s.desktopFlows.push(f), f => f.metadataFile);
  // Kinds of the other listed components (bots, canvas apps, …): rootcomponents.yml may omit them.
  const modelled = new Set([...refs, ...vars, ...flows.cloud, ...flows.desktop].map(c => c.folder));
  for (const m of memberships) {
    if (m.listed && m.solution.customizations) m.solution.rootComponents.push(...componentKindsFromPaths(m.listed, m.solution.customizations, m.solution.rootComponents, modelled));
  }
  // Problems of a file belong to the first solution holding it (the editor groups them by solution).
  if (solutions.length === 1) for (const p of ctx.problems) p.solution ??= solutions[0];
  return { solutions, problems: ctx.problems };
}

function loadManifest(ctx: YamlCtx, base: string): { solution: Solution; folders?: Set<string>; listed?: ListedComponent[] } | undefined {
  const manifestRel = ctx.tree.resolve(`${base}/solution.yml`);
  if (!manifestRel) return undefined;
  const read = readYamlFile(ctx, manifestRel);
  const manifest = yamlGet(rootElement(ctx, read, 'ImportExportXml'), 'SolutionManifest');
  if (!read) return undefined;
  const uniqueEntry = yamlEntry(manifest, 'UniqueName');
  const folderName = base.split('/').pop()!;
  const uniqueName = yamlText(uniqueEntry?.value)?.trim() || folderName;
  const publisherName = yamlChildText(yamlGet(manifest, 'Publisher'), 'UniqueName') ?? '';
  const solution: Solution = {
    uniqueName,
    displayName: yamlText(yamlPath(manifest, 'LocalizedNames', 'LocalizedName', '@description'))?.trim() || uniqueName,
    version: yamlChildText(manifest, 'Version') ?? '',
    managed: yamlChildText(manifest, 'Managed') === '1',
    publisher: { uniqueName: publisherName, prefix: yamlChildText(yamlGet(manifest, 'Publisher'), 'CustomizationPrefix') || publisherPrefix(ctx, publisherName) },
    layout: 'yaml',
    root: ctx.tree.root,
    manifest: read.file,
    nameLoc: uniqueEntry ? { file: read.file, span: yamlValueSpan(uniqueEntry.value) } : undefined,
    rootComponents: rootComponents(ctx, base),
    missingDependencies: missingDependencies(ctx, base),
    connectionReferences: [],
    environmentVariables: [],
    cloudFlows: [],
    desktopFlows: [],
    environments: [],
  };
  const componentsRel = ctx.tree.resolve(`${base}/solutioncomponents.yml`);
  if (!componentsRel) return { solution };
  const components = readYamlFile(ctx, componentsRel);
  if (!components) return { solution };
  // The file that says which connection references the solution has (Customizations.xml's role).
  solution.customizations = components.file;
  const folders = new Set<string>();
  const listed: ListedComponent[] = [];
  for (const c of yamlList(yamlGet(rootElement(ctx, components, 'SolutionComponents'), 'Component'))) {
    const path = yamlChildText(c, '@path') ?? yamlChildText(c, 'Path');
    if (path) {
      folders.add(normalizeFolder(path));
      listed.push({ path, span: c.span });
    }
  }
  return { solution, folders, listed };
}

function publisherPrefix(ctx: YamlCtx, publisherName: string): string {
  const dirs = ctx.tree.list('publishers').filter(d => d.isDirectory);
  const dir = dirs.find(d => d.name.toLowerCase() === publisherName.toLowerCase()) ?? (dirs.length === 1 ? dirs[0] : undefined);
  const rel = dir && ctx.tree.resolve(`publishers/${dir.name}/publisher.yml`);
  if (!rel) return '';
  return yamlChildText(rootElement(ctx, readYamlFile(ctx, rel), 'Publisher'), 'CustomizationPrefix') ?? '';
}

function rootComponents(ctx: YamlCtx, base: string): RootComponent[] {
  const rel = ctx.tree.resolve(`${base}/rootcomponents.yml`);
  if (!rel) return [];
  const read = readYamlFile(ctx, rel);
  if (!read?.root) return [];
  const list = yamlList(yamlGet(yamlGet(read.root, 'RootComponents'), 'RootComponent'));
  return list.map(c => ({
    type: Number(yamlChildText(c, '@type')),
    id: yamlChildText(c, '@id')?.replace(/[{}]/g, '').toLowerCase() || undefined,
    schemaName: yamlChildText(c, '@schemaName'),
    loc: { file: read.file, span: c.span },
  }));
}

/** `@schemaName` of every required and dependent component in missingdependencies.yml. */
function missingDependencies(ctx: YamlCtx, base: string): string[] {
  const rel = ctx.tree.resolve(`${base}/missingdependencies.yml`);
  const read = rel ? readYamlFile(ctx, rel) : undefined;
  if (!read?.root) return [];
  const names: string[] = [];
  for (const m of yamlList(yamlGet(yamlGet(read.root, 'MissingDependencies'), 'MissingDependency'))) {
    for (const side of ['Required', 'Dependent']) {
      const name = yamlChildText(yamlGet(m, side), '@schemaName');
      if (name) names.push(name);
    }
  }
  return names;
}

function connectionReference(ctx: YamlCtx, file: SourceFile, root: YamlNode | undefined): ConnectionReference | undefined {
  const el = rootElement(ctx, { file, root }, 'connectionreference');
  if (!el) return undefined;
  const logical = yamlEntry(el, '@connectionreferencelogicalname');
  const logicalName = yamlText(logical?.value)?.trim() ?? '';
  const connectorId = yamlChildText(el, 'connectorid') ?? yamlChildText(yamlGet(el, 'customconnectorid'), 'connectorid') ?? '';
  return {
    logicalName,
    displayName: yamlChildText(el, 'connectionreferencedisplayname') || logicalName,
    connectorId,
    connectorName: connectorId.split('/').pop() ?? connectorId,
    loc: { file, span: logical ? yamlValueSpan(logical.value) : el.span },
  };
}
