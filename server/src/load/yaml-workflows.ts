// Workflows of a YAML-layout root: every `<type>/<name>/workflow.yml` (modernflows/, workflows/ or any
// other folder), by its Category: 5 a cloud flow (its definition JSON named by JsonFileName), 6 a
// desktop flow (its script in Definition: a JSON string literal as in the XML layout, or the raw
// script). Desktop flows in this layout are unverified (no public sample): read when they come.
import type { CloudFlow, DesktopFlow } from '../model/types';
import { createSourceFile, SourceFile } from '../util/text';
import { CloudFlowLoadResult, loadCloudFlow } from './cloudflow';
import { guardLoad } from './guard';
import { makeScript } from './script';
import { schemaVariables } from './solution';
import { readSource } from './tree';
import { YamlNode, yamlChildText, yamlEntry, yamlGet, yamlPath, yamlText, yamlValueSpan } from './yaml';
import { Component, componentsIn, problem, rootElement, YamlCtx } from './yaml-read';
import { decodeYamlScript } from './yaml-script';

/** Folders of a YAML root that hold no workflows (solutions and publishers are read separately). */
const NOT_COMPONENT_TYPES = new Set(['solutions', 'publishers', 'node_modules', 'bin', 'obj']);

export function loadYamlWorkflows(ctx: YamlCtx): { cloud: Array<Component<CloudFlow>>; desktop: Array<Component<DesktopFlow>> } {
  const cloud: Array<Component<CloudFlow>> = [];
  const desktop: Array<Component<DesktopFlow>> = [];
  for (const type of ctx.tree.list('')) {
    if (!type.isDirectory || type.name.startsWith('.') || NOT_COMPONENT_TYPES.has(type.name.toLowerCase())) continue;
    for (const c of componentsIn(ctx, type.name, 'workflow.yml', (_, file, root) => workflow(ctx, file, root))) {
      if ('inputs' in c.value) desktop.push(c as Component<DesktopFlow>);
      else cloud.push(c as Component<CloudFlow>);
    }
  }
  return { cloud, desktop };
}

function workflow(ctx: YamlCtx, file: SourceFile, root: YamlNode | undefined): CloudFlow | DesktopFlow | undefined {
  const el = rootElement(ctx, { file, root }, 'Workflow');
  if (!el) return undefined;
  const id = yamlChildText(el, '@WorkflowId')?.replace(/[{}]/g, '').toLowerCase() ?? '';
  const nameEntry = yamlEntry(el, '@Name');
  const name = yamlText(nameEntry?.value)?.trim() || yamlText(yamlPath(el, 'LocalizedNames', 'LocalizedName', '@description'))?.trim() || id;
  const category = yamlChildText(el, 'Category');
  const jsonRel = (yamlChildText(el, 'JsonFileName') ?? '').replace(/\\/g, '/').replace(/^\/+/, '');
  if (category === '6') return desktopFlow(ctx, file, el, id, name, nameEntry?.value, jsonRel);
  if (category !== '5' && !(category === undefined && jsonRel.toLowerCase().endsWith('.json'))) return undefined;
  const real = jsonRel ? ctx.tree.resolve(jsonRel) : undefined;
  if (!real) {
    const at = yamlEntry(el, 'JsonFileName');
    problem(ctx, file, at ? yamlValueSpan(at.value) : el.span, `cloud flow "${name}": its definition ${jsonRel || '(no JsonFileName)'} is missing`, name);
    return undefined;
  }
  const jsonFile = readSource(ctx.tree, real, (where, message, offset) => {
    problem(ctx, createSourceFile(where.path, '', { entry: where.entry }), { start: 0, end: 0 }, message + (offset ? ` (at byte ${offset})` : ''), name);
  });
  if (!jsonFile) return undefined;
  const result = guardLoad<CloudFlowLoadResult>(() => loadCloudFlow(jsonFile, { id, name, metadataFile: file }),
    message => ({ isFlow: true, problems: [{ span: { start: 0, end: 0 }, message }] }));
  for (const p of result.problems) problem(ctx, jsonFile, p.span, p.message, name);
  if (!result.flow && !result.problems.length) problem(ctx, jsonFile, { start: 0, end: 0 }, `cloud flow "${name}": this file has no flow definition (properties.definition)`, name);
  return result.flow;
}

function desktopFlow(ctx: YamlCtx, file: SourceFile, el: YamlNode, id: string, name: string, nameNode: YamlNode | undefined, jsonRel: string): DesktopFlow {
  const flow: DesktopFlow = {
    id,
    name,
    metadataFile: file,
    loc: { file, span: nameNode ? yamlValueSpan(nameNode) : el.span },
    inputs: variableSchema(ctx, file, yamlEntry(el, 'Inputs')?.value, 'Inputs', name),
    outputs: variableSchema(ctx, file, yamlEntry(el, 'Outputs')?.value, 'Outputs', name),
    connectionReferences: desktopConnectionReferences(yamlText(yamlGet(el, 'ConnectionReferences'))),
    stubFile: jsonRel ? ctx.tree.resolve(jsonRel) : undefined,
  };
  const def = yamlGet(el, 'Definition');
  if (def?.kind === 'scalar' && def.text.trim()) {
    const decoded = decodeYamlScript(file.text, def);
    flow.definitionLoc = { file, span: decoded.map.fileSpan };
    for (const p of decoded.problems) problem(ctx, file, { start: p.offset, end: p.offset }, `desktop flow "${name}": ${p.message}`, name);
    flow.script = makeScript({ text: decoded.text, file, storage: decoded.storage, map: decoded.map, style: decoded.style });
    for (const p of flow.script.ast.problems) {
      ctx.problems.push({ ruleId: 'pad/syntax', loc: { file, span: decoded.map.toFileSpan(p.span) }, message: p.message, flowName: name, script: flow.script, scriptSpan: p.span });
    }
  } else if (def) {
    problem(ctx, file, def.span, `desktop flow "${name}": Definition is not a text value; its script is not read`, name);
  }
  return flow;
}

function variableSchema(ctx: YamlCtx, file: SourceFile, node: YamlNode | undefined, what: string, flowName: string): DesktopFlow['inputs'] {
  const text = yamlText(node)?.trim();
  if (!node || !text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    problem(ctx, file, node.span, `desktop flow "${flowName}": ${what} is not valid JSON`, flowName);
    return [];
  }
  return schemaVariables(parsed);
}

function desktopConnectionReferences(text: string | undefined): string[] {
  if (!text?.trim()) return [];
  try {
    const list = JSON.parse(text) as Array<{ connectionReferenceLogicalName?: string }>;
    return Array.isArray(list) ? list.map(r => r?.connectionReferenceLogicalName).filter((x): x is string => !!x) : [];
  } catch {
    return [];
  }
}
