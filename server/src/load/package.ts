// Reads a legacy flow package ("Export › Package (.zip)"), zipped or extracted, into the model:
//   manifest.json                                  details + `resources` keyed by id (flows, apis, connections)
//   Microsoft.Flow/flows/manifest.json             flowAssets.assetPaths
//   Microsoft.Flow/flows/<id>/definition.json      the flow ({name, id, type, properties: {definition, …}})
//   Microsoft.Flow/flows/<id>/apisMap.json, connectionsMap.json   connector → resource id
// A package is modelled as a Solution (every cloud rule, report and view reads it unchanged) with
// `package` set and no connection references or environment variables: a package has none.
import * as nodePath from 'node:path';
import type { CloudFlow, Layout, LoadProblem, Solution } from '../model/types';
import { createSourceFile, SourceFile, Span } from '../util/text';
import { CloudFlowLoadResult, loadCloudFlow } from './cloudflow';
import { guardLoad } from './guard';
import { entries, JsonNode, parseJson, prop, span, stringValue } from './json';
import { FileTree, readSource } from './tree';

export const PACKAGE_FLOWS_DIR = 'Microsoft.Flow/flows';
const FLOW_RESOURCE_TYPE = 'microsoft.flow/flows';

/** A package tree: a root manifest.json beside Microsoft.Flow/flows/ (the manifest's shape is checked when read). */
export function isPackageTree(tree: FileTree): boolean {
  const manifest = tree.list('').find(e => e.name.toLowerCase() === 'manifest.json');
  const flowsDir = tree.list('Microsoft.Flow').find(e => e.name.toLowerCase() === 'flows');
  return !!manifest && !manifest.isDirectory && !!flowsDir?.isDirectory;
}

interface Ctx {
  tree: FileTree;
  problems: LoadProblem[];
  solution: Solution;
}

/** Loads a package; never throws: anything unreadable becomes a flowcop/parse-error at its file. */
export function loadPackage(tree: FileTree, layout: Layout): { solution?: Solution; problems: LoadProblem[] } {
  const name = packageName(tree.root);
  const placeholder = createSourceFile(tree.location('manifest.json').path, '', { entry: tree.location('manifest.json').entry });
  const solution: Solution = {
    uniqueName: name,
    displayName: name,
    version: '',
    managed: false,
    publisher: { uniqueName: '', prefix: '' },
    layout,
    root: tree.root,
    rootComponents: [],
    connectionReferences: [],
    environmentVariables: [],
    cloudFlows: [],
    desktopFlows: [],
    environments: [],
    package: { manifest: placeholder },
  };
  const ctx: Ctx = { tree, problems: [], solution };
  guardLoad(() => loadPackageUnguarded(ctx), message => {
    ctx.problems.push({ ruleId: 'flowcop/parse-error', loc: { file: createSourceFile(tree.root, ''), span: { start: 0, end: 0 } }, message, solution });
  });
  return { solution, problems: ctx.problems };
}

function loadPackageUnguarded(ctx: Ctx): void {
  const { tree, solution } = ctx;
  const manifestRel = tree.resolve('manifest.json');
  const manifest = manifestRel ? read(ctx, manifestRel) : undefined;
  const flowResources = new Map<string, { displayName?: string; keySpan: Span }>();
  if (manifest) {
    solution.package = { manifest };
    const root = parseChecked(ctx, manifest);
    if (root) {
      const details = prop(root, 'details');
      const displayName = stringValue(prop(details, 'displayName'));
      if (displayName) solution.displayName = displayName;
      solution.package.description = stringValue(prop(details, 'description')) || undefined;
      const resources = prop(root, 'resources');
      if (resources?.type !== 'object') {
        problem(ctx, manifest, { start: 0, end: 0 }, 'the package manifest.json has no "resources" object: the flows are read from Microsoft.Flow/flows/ alone');
      }
      for (const [id, keyNode, value] of entries(resources)) {
        if (stringValue(prop(value, 'type'))?.toLowerCase() !== FLOW_RESOURCE_TYPE) continue;
        flowResources.set(id.toLowerCase(), { displayName: stringValue(prop(prop(value, 'details'), 'displayName')), keySpan: span(keyNode) });
      }
    }
  }
  const flowsManifestRel = tree.resolve(`${PACKAGE_FLOWS_DIR}/manifest.json`);
  const flowsManifest = flowsManifestRel ? read(ctx, flowsManifestRel) : undefined;
  if (flowsManifest) parseChecked(ctx, flowsManifest);

  const flowsDir = tree.resolve(PACKAGE_FLOWS_DIR) ?? PACKAGE_FLOWS_DIR;
  const folders = tree.list(flowsDir).filter(e => e.isDirectory).sort((a, b) => (a.name < b.name ? -1 : 1));
  const seen = new Set<string>();
  for (const folder of folders) {
    const id = folder.name.toLowerCase();
    seen.add(id);
    const flow = loadPackageFlow(ctx, `${flowsDir}/${folder.name}`, id, flowResources.get(id)?.displayName);
    if (flow) solution.cloudFlows.push(flow);
  }
  // A flow the manifest lists but the package does not hold: the import would fail on it.
  if (manifest) {
    for (const [id, resource] of flowResources) {
      if (!seen.has(id)) problem(ctx, manifest, resource.keySpan, `the package lists flow "${resource.displayName ?? id}" but has no folder ${PACKAGE_FLOWS_DIR}/${id}/`);
    }
  }
}

/** One Microsoft.Flow/flows/<id>/ folder: its definition.json as a cloud flow, its maps checked as JSON. */
function loadPackageFlow(ctx: Ctx, dir: string, id: string, resourceName: string | undefined): CloudFlow | undefined {
  for (const map of ['apisMap.json', 'connectionsMap.json']) {
    const rel = ctx.tree.resolve(`${dir}/${map}`);
    const file = rel ? read(ctx, rel) : undefined;
    if (file) parseChecked(ctx, file);
  }
  const rel = ctx.tree.resolve(`${dir}/definition.json`);
  if (!rel) {
    const where = ctx.tree.location(dir);
    problem(ctx, createSourceFile(where.path, '', { entry: where.entry }), { start: 0, end: 0 }, `package flow folder ${dir}/ has no definition.json`);
    return undefined;
  }
  const file = read(ctx, rel);
  if (!file) return undefined;
  const name = resourceName ?? id;
  const result = guardLoad<CloudFlowLoadResult>(() => loadCloudFlow(file, { id, name }),
    message => ({ isFlow: true, problems: [{ span: { start: 0, end: 0 }, message }] }));
  for (const p of result.problems) problem(ctx, file, p.span, p.message, name);
  if (!result.flow) {
    if (!result.problems.length) problem(ctx, file, { start: 0, end: 0 }, 'definition.json holds no flow definition (properties.definition)', name);
    return undefined;
  }
  // Without a display name in the manifest, the flow's own one (properties.displayName).
  if (!resourceName) result.flow.name = stringValue(prop(prop(result.flow.json, 'properties'), 'displayName')) || id;
  return result.flow;
}

function read(ctx: Ctx, rel: string): SourceFile | undefined {
  return readSource(ctx.tree, rel, (where, message, offset) => {
    const at = offset ? ` (at byte ${offset})` : '';
    problem(ctx, createSourceFile(where.path, '', { entry: where.entry }), { start: 0, end: 0 }, message + at);
  });
}

/** Parses a JSON file of the package; its first problem becomes a parse error. */
function parseChecked(ctx: Ctx, file: SourceFile): JsonNode | undefined {
  const parsed = parseJson(file.text);
  const first = parsed.problems[0];
  if (first) {
    problem(ctx, file, { start: first.offset, end: first.offset + first.length }, first.message);
    return undefined;
  }
  if (parsed.root?.type !== 'object') {
    problem(ctx, file, { start: 0, end: 0 }, `${nodePath.posix.basename(file.entry ?? file.path.replace(/\\/g, '/'))} must be a JSON object`);
    return undefined;
  }
  return parsed.root;
}

function problem(ctx: Ctx, file: SourceFile, at: Span, message: string, flowName?: string): void {
  ctx.problems.push({ ruleId: 'flowcop/parse-error', loc: { file, span: at }, message, solution: ctx.solution, flowName });
}

/** The package's name: the .zip's file name without extension, or the folder's name. */
function packageName(root: string): string {
  return nodePath.basename(root).replace(/\.zip$/i, '') || root;
}

/** Why the fix engine offers nothing for a finding in a package (fix/fixes.ts asks). */
export function packageUnfixableReason(solution: Solution | undefined): string | undefined {
  if (!solution?.package) return undefined;
  return 'The finding is inside a legacy flow package: a package is re-imported as a whole, so FlowCop does not edit it. '
    + 'Edit the flow in the maker portal (then export it again), or move it into a solution and lint that to get fixes.';
}
