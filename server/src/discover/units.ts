// Loading what the walk found: each unit (a solution folder or a .zip) on its own, and the standalone
// scripts. A unit needs nothing from the others, so the streaming lint can load, lint and drop one at a time.
import * as nodePath from 'node:path';
import type { Layout, LoadProblem, Solution, StandaloneScript } from '../model/types';
import { createSourceFile, SourceFile } from '../util/text';
import type { ScriptAst } from '../model/pad-ast';
import { makeScript } from '../load/script';
import { loadSolution } from '../load/solution';
import { loadYamlRoot } from '../load/yaml-solution';
import { DirTree, FileTree, ZipTree } from '../load/tree';
import type { Vfs } from '../load/vfs';
import { decodeDefinition } from '../load/definition';
import { attr, child, childText, parseXml } from '../load/xml';
import { isPackageTree, loadPackage } from '../load/package';
import type { LoadUnit } from './plan';

export interface UnitLoad {
  solutions: Solution[];
  problems: LoadProblem[];
}

/**
 * Loads a unit. A .zip opened before (the streaming plan opens every archive under the run's budget)
 * is passed as `opened`: the archive is not read twice, and one refused then is refused the same way.
 */
export function loadUnit(unit: LoadUnit, vfs: Vfs, opened?: ZipTree | { error: string }): UnitLoad {
  const problems: LoadProblem[] = [];
  const solutions: Solution[] = [];
  const load = (tree: FileTree, layout: Layout, projectFile?: string, asPackage = layout === 'package') => {
    const result = asPackage ? loadPackage(tree, layout) : loadSolution(tree, layout, projectFile);
    problems.push(...result.problems);
    if (result.solution) solutions.push(result.solution);
  };
  if (unit.kind === 'folder') {
    const c = unit.candidate;
    if (c.layout !== 'yaml') load(new DirTree(vfs, c.root), c.layout, c.projectFile);
    else {
      // One YAML root may hold several solutions.
      const result = loadYamlRoot(new DirTree(vfs, c.root));
      problems.push(...result.problems);
      solutions.push(...result.solutions);
    }
    return { solutions, problems };
  }
  const fileProblem = (message: string) => problems.push({ ruleId: 'flowcop/parse-error', loc: { file: createSourceFile(unit.path, ''), span: { start: 0, end: 0 } }, message });
  const tree = opened ?? openZip(unit.path, vfs);
  if (!tree) return { solutions, problems };
  if ('error' in tree) {
    fileProblem(tree.error);
    return { solutions, problems };
  }
  if (tree.resolve('solution.xml') || tree.resolve('Other/Solution.xml')) load(tree, 'zip');
  else if (isPackageTree(tree)) load(tree, 'zip', undefined, true);
  return { solutions, problems };
}

/** The archive, or why it cannot be read; undefined when the file is gone. */
export function openZip(path: string, vfs: Vfs): ZipTree | { error: string } | undefined {
  let bytes: Uint8Array | undefined;
  try {
    bytes = vfs.readFile(path);
  } catch (e) {
    return { error: `cannot read file: ${(e as Error).message}` };
  }
  return bytes && ZipTree.open(path, bytes);
}

/** Standalone scripts (.robin, sniffed .txt) and lone <Workflow> files, sorted by path. */
export function loadStandaloneScripts(scriptFiles: ReadonlyArray<{ file: SourceFile; ast?: ScriptAst }>, workflowFiles: readonly SourceFile[]): { scripts: StandaloneScript[]; problems: LoadProblem[] } {
  const problems: LoadProblem[] = [];
  const scripts: StandaloneScript[] = scriptFiles.map(({ file, ast }) => {
    const script = makeScript({ text: file.text, file, storage: 'file', ast });
    for (const p of script.ast.problems) problems.push({ ruleId: 'pad/syntax', loc: { file, span: p.span }, message: p.message, script, scriptSpan: p.span, flowName: nodePath.basename(file.path) });
    return { name: nodePath.basename(file.path), script };
  });
  for (const file of workflowFiles) {
    const standalone = standaloneWorkflow(file, problems);
    if (standalone) scripts.push(standalone);
  }
  return { scripts: scripts.sort((a, b) => (a.script.file.path < b.script.file.path ? -1 : 1)), problems };
}

/** A lone <Workflow> element of a desktop flow: its script, positioned inside the XML. */
function standaloneWorkflow(file: SourceFile, problems: LoadProblem[]): StandaloneScript | undefined {
  const doc = parseXml(file.text);
  const definition = child(doc.root, 'Definition');
  if (!doc.root || childText(doc, doc.root, 'Category') !== '6' || !definition || definition.selfClosing) return undefined;
  const name = attr(doc.root, 'Name')?.value ?? nodePath.basename(file.path);
  const decoded = decodeDefinition(file.text, definition.content);
  const script = makeScript({ text: decoded.text, file, storage: decoded.storage, map: decoded.map, style: decoded.style });
  for (const p of decoded.problems) problems.push({ ruleId: 'flowcop/parse-error', loc: { file, span: { start: p.offset, end: p.offset } }, message: `desktop flow "${name}": ${p.message}` });
  for (const p of script.ast.problems) problems.push({ ruleId: 'pad/syntax', loc: { file, span: decoded.map.toFileSpan(p.span) }, message: p.message, script, scriptSpan: p.span, flowName: name });
  return { name, script };
}

