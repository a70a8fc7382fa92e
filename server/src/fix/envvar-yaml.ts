// A new environment variable in the YAML source layout (Dataverse Git integration): the definition as
// `environmentvariabledefinitions/<schema>/environmentvariabledefinition.yml` (the XML layout's element
// rendered the way Git integration renders every element; `.xml` where the root's existing definitions
// are XML files), and its folder added to the solution's solutioncomponents.yml, which is what packs
// it (an unlisted folder is silently left out). Line endings follow the solution's files (CRLF).
import * as nodePath from 'node:path';
import type { Solution } from '../model/types';
import { parseYaml, YamlNode, yamlEntry, yamlGet } from '../load/yaml';
import { dominantEol, SourceFile } from '../util/text';
import type { ChangeBuilder } from './change';
import { FixError } from './change';
import { assertSchemaName } from './names';

export interface NewYamlDefinition {
  schemaName: string;
  displayName: string;
  description: string;
  kind: 'String' | 'Secret';
}

/** Creates the definition file and lists its folder; returns the new file's path. */
export function createYamlDefinition(b: ChangeBuilder, solution: Solution, d: NewYamlDefinition, xmlContent: (eol: string) => string): string {
  const schema = assertSchemaName(d.schemaName);
  const components = solution.customizations;
  if (!components || !/solutioncomponents\.yml$/i.test(components.path)) {
    throw new FixError(`solution ${solution.uniqueName} has no solutioncomponents.yml: a new environment variable would not be packed with it`);
  }
  const eol = dominantEol(components.text);
  const folder = nodePath.join(solution.root, 'environmentvariabledefinitions', schema);
  const asXml = solution.environmentVariables.length > 0 && solution.environmentVariables.every(v => /\.xml$/i.test(v.file.path));
  const path = nodePath.join(folder, asXml ? 'environmentvariabledefinition.xml' : 'environmentvariabledefinition.yml');
  b.create(path, asXml ? xmlContent(eol) : yamlDefinition(solution, d, schema, eol));
  listComponent(b, components, `/environmentvariabledefinitions/${schema}`, eol);
  return path;
}

/** A YAML double-quoted scalar (JSON's string syntax is valid YAML). */
const quoted = (text: string) => JSON.stringify(text);

function yamlDefinition(solution: Solution, d: NewYamlDefinition, schema: string, eol: string): string {
  const lang = '1033';
  const secret = d.kind === 'Secret';
  return [
    'environmentvariabledefinition:',
    `  '@schemaname': ${schema}`,
    '  description:',
    `    '@default': ${quoted(d.description)}`,
    '    label:',
    `      '@description': ${quoted(d.description)}`,
    `      '@languagecode': ${lang}`,
    '  displayname:',
    `    '@default': ${quoted(d.displayName)}`,
    '    label:',
    `      '@description': ${quoted(d.displayName)}`,
    `      '@languagecode': ${lang}`,
    `  introducedversion: ${quoted(solution.version || '1.0.0.0')}`,
    '  iscustomizable: 1',
    '  isrequired: 0',
    '  secretstore: 0',
    `  type: ${secret ? 100000005 : 100000000}`,
    '',
  ].join(eol);
}

/**
 * Adds `- '@path': <folder>` to SolutionComponents.Component (a mapping for one entry becomes a list).
 * An append (append.ts): the folders of every new variable of a round join one edit.
 */
function listComponent(b: ChangeBuilder, file: SourceFile, folder: string, eol: string): void {
  const text = file.text;
  const doc = parseYaml(text);
  const root = doc.root;
  const container = yamlEntry(root, 'SolutionComponents');
  if (doc.problems.length || !root || !container) throw new FixError('solutioncomponents.yml cannot be read; the new environment variable cannot be listed in it');
  const entry = (indent: string, path = folder) => `${indent}- '@path': ${path}`;
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const indentAt = (offset: number) => /^[ \t]*/.exec(text.slice(lineStart(offset)))![0];
  const id = 'yaml:SolutionComponents/Component';
  const item = (indent: string) => ({ key: folder.toLowerCase(), text: entry(indent) });
  const component = yamlEntry(container.value, 'Component');
  if (!component) {
    // `SolutionComponents: ` (null) or `{}`: the whole value is replaced.
    if (container.value.kind === 'map' && container.value.entries.length) throw new FixError('solutioncomponents.yml has no Component list');
    const keyIndent = indentAt(container.keySpan.start);
    const at = container.value.kind === 'scalar' && container.value.text === '' ? { start: container.keySpan.end + 1, end: lineEndOf(text, container.keySpan.end) } : container.value.span;
    b.append(file, at, { id, open: `${eol}${keyIndent}  Component:${eol}`, separator: eol, close: '' }, item(`${keyIndent}  `));
    return;
  }
  const paths = listed(component.value);
  if (paths.some(p => p.toLowerCase() === folder.toLowerCase())) return;
  const value = component.value;
  if (value.kind === 'seq' && value.items.length) {
    const last = value.items[value.items.length - 1];
    const dash = text.lastIndexOf('-', last.span.start);
    const at = lineEndOf(text, last.span.end - 1);
    b.append(file, { start: at, end: at }, { id, open: eol, separator: eol, close: '' }, item(indentAt(dash)));
    return;
  }
  if (value.kind === 'map') {
    // One entry written as a mapping: rewritten as a list at the key's indentation.
    const indent = indentAt(component.keySpan.start);
    const first = yamlGet(value, '@path');
    if (!first || value.entries.length !== 1) throw new FixError('solutioncomponents.yml has a Component entry FlowCop cannot extend');
    const at = { start: component.keySpan.end + 1, end: lineEndOf(text, value.span.end - 1) };
    b.append(file, at, { id, open: `${eol}${entry(indent, first.text)}${eol}`, separator: eol, close: '' }, item(indent));
    return;
  }
  throw new FixError('solutioncomponents.yml has a Component value FlowCop cannot extend');
}

function listed(node: YamlNode): string[] {
  const items = node.kind === 'seq' ? node.items : [node];
  return items.map(i => yamlGet(i, '@path')?.text ?? '').filter(Boolean).map(p => `/${p.replace(/^\/+/, '')}`);
}

/** Offset of the line break ending the line that holds `offset` (or the end of the text). */
function lineEndOf(text: string, offset: number): number {
  const n = text.indexOf('\n', offset);
  if (n < 0) return text.length;
  return n > 0 && text[n - 1] === '\r' ? n - 1 : n;
}
