// Environment variables of a YAML-layout root. No real sample exists (the reference, §7): the doc says
// definitions are XML files under environmentvariabledefinitions/ and values sit in
// environment_variable_values.json. Accepted: the XML layout's files (environmentvariabledefinition.xml,
// environmentvariablevalues.json beside it), their YAML rendering (environmentvariabledefinition.yml,
// environmentvariablevalue.yml), and environment_variable_values.json in the root, the definitions
// folder or a solution folder. Anything unreadable is a flowcop/parse-error, never skipped silently.
import type { EnvironmentVariableDefinition, LocatedValue } from '../model/types';
import { ENV_VAR_TYPES } from '../model/types';
import { createSourceFile, SourceFile } from '../util/text';
import { guardLoad } from './guard';
import { entries, innerSpan, JsonNode, parseJson, propIgnoreCase, propPath, span, stringValue } from './json';
import { environmentVariable } from './solution';
import { readSource } from './tree';
import { parseXml } from './xml';
import { YamlNode, yamlChildText, yamlEntry, yamlGet, yamlPath, yamlText, yamlValueSpan } from './yaml';
import { Component, normalizeFolder, problem, readYamlFile, rootElement, YamlCtx } from './yaml-read';

const DEFINITIONS = 'environmentvariabledefinitions';

export function loadYamlEnvironmentVariables(ctx: YamlCtx): Array<Component<EnvironmentVariableDefinition>> {
  const out: Array<Component<EnvironmentVariableDefinition>> = [];
  const typeDir = ctx.tree.resolve(DEFINITIONS);
  if (typeDir) {
    for (const dir of ctx.tree.list(typeDir)) {
      if (!dir.isDirectory) continue;
      const base = `${typeDir}/${dir.name}`;
      const def = definitionIn(ctx, base, dir.name);
      if (def) out.push({ folder: normalizeFolder(base), value: def });
    }
  }
  for (const rel of valueFiles(ctx)) valuesFile(ctx, rel, out.map(c => c.value));
  return out;
}

function read(ctx: YamlCtx, rel: string): SourceFile | undefined {
  return readSource(ctx.tree, rel, (where, message) => problem(ctx, createSourceFile(where.path, '', { entry: where.entry }), { start: 0, end: 0 }, message));
}

function definitionIn(ctx: YamlCtx, base: string, dirName: string): EnvironmentVariableDefinition | undefined {
  const xmlRel = ctx.tree.resolve(`${base}/environmentvariabledefinition.xml`);
  const ymlRel = ctx.tree.resolve(`${base}/environmentvariabledefinition.yml`);
  let def: EnvironmentVariableDefinition | undefined;
  if (xmlRel) {
    const file = read(ctx, xmlRel);
    if (file) def = guardLoad(() => xmlDefinition(ctx, file, dirName), m => void problem(ctx, file, { start: 0, end: 0 }, m));
  } else if (ymlRel) {
    const r = readYamlFile(ctx, ymlRel);
    if (r) def = guardLoad(() => yamlDefinition(ctx, r.file, r.root, dirName), m => void problem(ctx, r.file, { start: 0, end: 0 }, m));
  } else {
    const listed = ctx.tree.list(base).filter(e => !e.isDirectory);
    if (listed.length) problem(ctx, createSourceFile(`${ctx.tree.root}/${base}/${listed[0].name}`, ''), { start: 0, end: 0 },
      `${base}: no environmentvariabledefinition.xml or .yml in this folder; the environment variable is not read`);
    return undefined;
  }
  if (!def) return undefined;
  const jsonRel = ctx.tree.resolve(`${base}/environmentvariablevalues.json`);
  const valueYml = ctx.tree.resolve(`${base}/environmentvariablevalue.yml`);
  if (jsonRel) {
    const file = read(ctx, jsonRel);
    if (file) guardLoad(() => {
      const json = parsedJson(ctx, file);
      const node = propPath(json, 'environmentvariablevalues', 'environmentvariablevalue', 'value');
      if (json && !node) problem(ctx, file, { start: 0, end: 0 }, 'expected {"environmentvariablevalues":{"environmentvariablevalue":{"value":…}}}; the committed value is not read');
      if (node) def!.currentValue = located(file, node);
    }, m => problem(ctx, file, { start: 0, end: 0 }, m));
  } else if (valueYml) {
    const r = readYamlFile(ctx, valueYml);
    const el = rootElement(ctx, r, 'environmentvariablevalue');
    const value = yamlEntry(el, 'value');
    if (r && value) def.currentValue = { value: yamlText(value.value) ?? '', loc: { file: r.file, span: yamlValueSpan(value.value) }, file: r.file };
  }
  return def;
}

function xmlDefinition(ctx: YamlCtx, file: SourceFile, dirName: string): EnvironmentVariableDefinition | undefined {
  const doc = parseXml(file.text);
  if (doc.problems.length) problem(ctx, file, { start: doc.problems[0].offset, end: doc.problems[0].offset }, `malformed XML: ${doc.problems[0].message}`);
  const el = doc.root;
  if (!el || el.name.toLowerCase() !== 'environmentvariabledefinition') {
    problem(ctx, file, { start: 0, end: 0 }, 'expected an <environmentvariabledefinition> element');
    return undefined;
  }
  return environmentVariable(doc, el, file, dirName);
}

function yamlDefinition(ctx: YamlCtx, file: SourceFile, root: YamlNode | undefined, dirName: string): EnvironmentVariableDefinition | undefined {
  const el = rootElement(ctx, { file, root }, 'environmentvariabledefinition');
  if (!el) return undefined;
  const schema = yamlEntry(el, '@schemaname');
  const schemaName = yamlText(schema?.value)?.trim() || dirName;
  const display = yamlGet(el, 'displayname');
  const typeCode = numberOr(yamlChildText(el, 'type'));
  const defaultValue = yamlGet(el, 'defaultvalue');
  const secretStore = yamlChildText(el, 'secretstore');
  return {
    schemaName,
    displayName: yamlChildText(display, '@default') || yamlText(yamlPath(display, 'label', '@description'))?.trim() || (display?.kind === 'scalar' ? display.text : '') || schemaName,
    description: yamlChildText(yamlGet(el, 'description'), '@default') ?? (yamlGet(el, 'description')?.kind === 'scalar' ? yamlText(yamlGet(el, 'description')) : undefined),
    typeCode,
    kind: ENV_VAR_TYPES[typeCode] ?? 'Unknown',
    secretStore: secretStore ? Number(secretStore) : undefined,
    defaultValue: defaultValue && yamlText(defaultValue) !== undefined ? { value: yamlText(defaultValue)!, loc: { file, span: yamlValueSpan(defaultValue) } } : undefined,
    file,
    loc: { file, span: schema ? yamlValueSpan(schema.value) : el.span },
  };
}

function numberOr(text: string | undefined): number {
  return text ? Number(text) : NaN;
}

// ---------------------------------------------------------------------------------------------
// environment_variable_values.json

function valueFiles(ctx: YamlCtx): string[] {
  const out: string[] = [];
  const add = (rel: string | undefined) => {
    if (rel && !out.includes(rel)) out.push(rel);
  };
  add(ctx.tree.resolve('environment_variable_values.json'));
  add(ctx.tree.resolve(`${DEFINITIONS}/environment_variable_values.json`));
  for (const s of ctx.tree.list('solutions')) if (s.isDirectory) add(ctx.tree.resolve(`solutions/${s.name}/environment_variable_values.json`));
  return out;
}

function parsedJson(ctx: YamlCtx, file: SourceFile): JsonNode | undefined {
  const parsed = parseJson(file.text);
  if (parsed.problems.length) {
    const p = parsed.problems[0];
    problem(ctx, file, { start: p.offset, end: p.offset + p.length }, p.message);
  }
  return parsed.root;
}

function located(file: SourceFile, node: JsonNode): LocatedValue & { file: SourceFile } {
  return { value: stringValue(node) ?? (node.type === 'null' ? '' : String(node.value ?? '')), loc: { file, span: innerSpan(node) }, file };
}

/**
 * `{"EnvironmentVariableValues":[{"EnvironmentVariableDefinition.SchemaName": …, "Value": …}]}` (the
 * raw export's shape), or a bare array of such entries; each value goes to its definition.
 */
function valuesFile(ctx: YamlCtx, rel: string, defs: EnvironmentVariableDefinition[]): void {
  const file = read(ctx, rel);
  if (!file) return;
  guardLoad(() => {
    const json = parsedJson(ctx, file);
    if (!json) return;
    const list = json.type === 'array' ? json : propIgnoreCase(json, 'EnvironmentVariableValues');
    const items = list?.type === 'array' ? list.children ?? [] : list?.type === 'object' ? [list] : undefined;
    if (!items) {
      problem(ctx, file, span(json), 'expected {"EnvironmentVariableValues": [{"EnvironmentVariableDefinition.SchemaName": …, "Value": …}]}; the values are not read');
      return;
    }
    for (const item of items) {
      const schema = stringValue(propIgnoreCase(item, 'EnvironmentVariableDefinition.SchemaName') ?? propIgnoreCase(item, 'SchemaName') ?? schemaFromNested(item));
      const value = propIgnoreCase(item, 'Value');
      if (!schema || !value) {
        problem(ctx, file, span(item), 'an entry without "EnvironmentVariableDefinition.SchemaName" and "Value"; it is not read');
        continue;
      }
      const def = defs.find(d => d.schemaName.toLowerCase() === schema.toLowerCase());
      if (def) def.currentValue = located(file, value);
    }
  }, m => problem(ctx, file, { start: 0, end: 0 }, m));
}

function schemaFromNested(item: JsonNode): JsonNode | undefined {
  for (const [key, , value] of entries(item)) if (key.toLowerCase() === 'environmentvariabledefinitionid' || key.toLowerCase() === 'environmentvariabledefinition') return propIgnoreCase(value, 'schemaname');
  return undefined;
}
