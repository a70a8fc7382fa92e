// What the other units need to know about a unit before it is linted: the unique names of its
// solutions (settings files name them, pipelines deploy them) and, only where a settings file sits
// above several solutions, the names it defines (the one sharing the most names gets the file).
// Read cheaply from the manifest where one is plain to see; anything else is loaded in full, so a
// header always says what the loaded solution will say.
import * as nodePath from 'node:path';
import type { Layout, Solution } from '../model/types';
import { DirTree, FileTree, readSource, ZipTree } from '../load/tree';
import type { Vfs } from '../load/vfs';
import { childText, parseXml, path as xmlPath } from '../load/xml';
import { yamlEntry, yamlGet, yamlText } from '../load/yaml';
import { readYamlFile, rootElement, YamlCtx } from '../load/yaml-read';
import type { LoadUnit } from './plan';
import { loadUnit, openZip } from './units';

export interface SolutionHeader {
  uniqueName: string;
  /** The folder the solution's files are under (a .zip's folder for a packed solution). */
  dir: string;
  /** Index of its unit in the plan. */
  unit: number;
  /** Environment-variable schema names and connection-reference logical names, lower case (computed on demand). */
  names(): ReadonlySet<string>;
}

/** The names a settings file can share with a solution. */
export function definedNames(solution: Pick<Solution, 'connectionReferences' | 'environmentVariables'>): Set<string> {
  return new Set([
    ...solution.connectionReferences.map(r => r.logicalName.toLowerCase()),
    ...solution.environmentVariables.map(v => v.schemaName.toLowerCase()),
  ]);
}

export function solutionDir(solution: { root: string; layout: Layout }): string {
  return solution.layout === 'zip' ? nodePath.dirname(solution.root) : solution.root;
}

/** Headers of loaded solutions (the whole-workspace path has them at hand). */
export function headersOfLoaded(solutions: ReadonlyArray<{ solution: Solution; unit: number }>): SolutionHeader[] {
  return solutions.map(({ solution, unit }) => {
    let names: Set<string> | undefined;
    return { uniqueName: solution.uniqueName, dir: solutionDir(solution), unit, names: () => (names ??= definedNames(solution)) };
  });
}

/**
 * Headers of units not loaded yet: the manifest's unique name, or a full load where that is not enough.
 * Every archive is opened here, once, under the run's budget: `refusedArchives` says which could not be
 * (unit index → the reason), and the lint reports them without opening them again.
 */
export function headersOfUnits(units: readonly LoadUnit[], vfs: Vfs, refusedArchives = new Map<number, string>()): SolutionHeader[] {
  const headers: SolutionHeader[] = [];
  units.forEach((unit, index) => {
    const zip = unit.kind === 'zip' ? openZip(unit.path, vfs) : undefined;
    if (zip && 'error' in zip) {
      refusedArchives.set(index, zip.error);
      return;
    }
    const quick = unit.kind === 'folder' && unit.candidate.layout === 'yaml' ? yamlManifestNames(unit.candidate.root, vfs) : manifestName(unit, vfs, zip);
    if (quick) {
      // The names only where a settings file needs them: then the unit is loaded once more, for them.
      let loaded: Solution[] | undefined;
      for (const [k, uniqueName] of quick.uniqueNames.entries()) {
        let names: Set<string> | undefined;
        const loadNames = () => definedNames((loaded ??= loadUnit(unit, vfs, zip).solutions)[k] ?? NO_NAMES);
        headers.push({ uniqueName, dir: quick.dir, unit: index, names: () => (names ??= loadNames()) });
      }
      return;
    }
    // Only the names are kept: the unit is loaded again when its turn comes.
    for (const s of loadUnit(unit, vfs, zip).solutions) {
      const names = definedNames(s);
      headers.push({ uniqueName: s.uniqueName, dir: solutionDir(s), unit: index, names: () => names });
    }
  });
  return headers;
}

const NO_NAMES: Pick<Solution, 'connectionReferences' | 'environmentVariables'> = { connectionReferences: [], environmentVariables: [] };

/**
 * The unique name in a well-formed Solution.xml of the XML layouts (as load/solution.ts reads it);
 * undefined when the unit is of another kind or its manifest is missing or broken (a full load decides).
 */
function manifestName(unit: LoadUnit, vfs: Vfs, zip: ZipTree | undefined): { uniqueNames: string[]; dir: string } | undefined {
  let tree: FileTree;
  let unpacked: boolean;
  if (unit.kind === 'folder') {
    const { layout, root } = unit.candidate;
    if (layout !== 'unpacked' && layout !== 'cdsproj' && layout !== 'raw') return undefined;
    tree = new DirTree(vfs, root);
    unpacked = layout !== 'raw';
  } else {
    if (!zip) return undefined;
    tree = zip;
    unpacked = false;
  }
  const rel = tree.resolve(unpacked ? 'Other/Solution.xml' : 'solution.xml') ?? tree.resolve('Other/Solution.xml');
  if (!rel) return undefined;
  let failed = false;
  const file = readSource(tree, rel, () => { failed = true; });
  if (!file || failed) return undefined;
  const doc = parseXml(file.text);
  const manifest = xmlPath(doc.root, 'SolutionManifest');
  const uniqueName = manifest && !doc.problems.length ? childText(doc, manifest, 'UniqueName') : undefined;
  if (!uniqueName) return undefined;
  return { uniqueNames: [uniqueName], dir: unit.kind === 'zip' ? nodePath.dirname(unit.path) : unit.candidate.root };
}

/**
 * The unique names of a YAML root's solutions, read as load/yaml-solution.ts reads them
 * (`solutions/<folder>/solution.yml`); undefined when any manifest has a problem (a full load decides).
 */
function yamlManifestNames(root: string, vfs: Vfs): { uniqueNames: string[]; dir: string } | undefined {
  const ctx: YamlCtx = { tree: new DirTree(vfs, root), problems: [] };
  const uniqueNames: string[] = [];
  for (const dir of ctx.tree.list('solutions')) {
    if (!dir.isDirectory) continue;
    const rel = ctx.tree.resolve(`solutions/${dir.name}/solution.yml`);
    if (!rel) continue;
    const read = readYamlFile(ctx, rel);
    const manifest = yamlGet(rootElement(ctx, read, 'ImportExportXml'), 'SolutionManifest');
    if (!read || ctx.problems.length) return undefined;
    uniqueNames.push(yamlText(yamlEntry(manifest, 'UniqueName')?.value)?.trim() || dir.name);
  }
  return { uniqueNames, dir: root };
}
