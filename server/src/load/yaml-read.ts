// Shared reading helpers of the YAML-layout loader: one root's tree and problems, a YAML file read
// with its parse problems reported at their positions, the root element a file must have, and the
// component folders of one type (`<type>/<name>/<file>.yml`).
import type { LoadProblem } from '../model/types';
import { createSourceFile, SourceFile, Span } from '../util/text';
import { guardLoad } from './guard';
import { FileTree, readSource } from './tree';
import { parseYaml, YamlNode, yamlGet } from './yaml';

/** A component read once per root, with the folder solutions list it by, and its load problems. */
export interface Component<T> {
  folder: string;
  value: T;
}

export interface YamlCtx {
  tree: FileTree;
  problems: LoadProblem[];
}

export function readYamlFile(ctx: YamlCtx, rel: string): { file: SourceFile; root?: YamlNode } | undefined {
  const file = readSource(ctx.tree, rel, (where, message, offset) => {
    const at = offset ? ` (at byte ${offset})` : '';
    problem(ctx, createSourceFile(where.path, '', { entry: where.entry }), { start: 0, end: 0 }, message + at);
  });
  if (!file) return undefined;
  const doc = guardLoad(() => parseYaml(file.text), message => ({ root: undefined, problems: [{ span: { start: 0, end: 0 }, message }] }));
  for (const p of doc.problems) problem(ctx, file, p.span, p.message);
  return { file, root: doc.root };
}

export function problem(ctx: YamlCtx, file: SourceFile, span: Span, message: string, flowName?: string): void {
  ctx.problems.push({ ruleId: 'flowcop/parse-error', loc: { file, span }, message, flowName });
}

/** The root element, or a problem naming what was expected. */
export function rootElement(ctx: YamlCtx, read: { file: SourceFile; root?: YamlNode } | undefined, name: string): YamlNode | undefined {
  if (!read?.root && read && !ctx.problems.some(p => p.loc.file === read.file)) problem(ctx, read.file, { start: 0, end: 0 }, `expected a ${name}: mapping, found an empty file`);
  if (!read?.root) return undefined;
  const el = yamlGet(read.root, name);
  if (!el || el.kind !== 'map') {
    problem(ctx, read.file, read.root.span, `expected a ${name}: mapping at the top of this file`);
    return undefined;
  }
  return el;
}

export function normalizeFolder(path: string): string {
  return path.replace(/\\/g, '/').split('/').filter(Boolean).join('/').toLowerCase();
}

/** Every `<type>/<name>/<fileName>` of the root, read with `load`. */
export function componentsIn<T>(ctx: YamlCtx, type: string, fileName: string, load: (ctx: YamlCtx, file: SourceFile, root: YamlNode | undefined) => T | undefined): Array<Component<T>> {
  const out: Array<Component<T>> = [];
  const typeDir = ctx.tree.resolve(type);
  if (!typeDir) return out;
  for (const dir of ctx.tree.list(typeDir)) {
    if (!dir.isDirectory) continue;
    const rel = ctx.tree.resolve(`${typeDir}/${dir.name}/${fileName}`);
    if (!rel) continue;
    const read = readYamlFile(ctx, rel);
    if (!read) continue;
    const value = guardLoad(() => load(ctx, read.file, read.root), message => {
      problem(ctx, read.file, { start: 0, end: 0 }, message);
      return undefined;
    });
    if (value !== undefined) out.push({ folder: normalizeFolder(`${typeDir}/${dir.name}`), value });
  }
  return out;
}
