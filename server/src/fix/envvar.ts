// Environment variables for fixes: reuse one that already holds a value, or create a definition in
// the shape real exports have; the workflow parameter a cloud flow reads it through; the entries of
// every environment's deployment settings; the Dataverse connection reference a Secret read needs.
import * as nodePath from 'node:path';
import type { CloudFlow, DeploymentSettings, EnvironmentVariableDefinition, Solution } from '../model/types';
import { JsonNode, prop, propIgnoreCase, stringValue } from '../load/json';
import { attr, child, children, escapeXml, parseXml } from '../load/xml';
import { dominantEol } from '../util/text';
import type { ChangeBuilder } from './change';
import { FixError } from './change';
import { assertLogicalName, assertPublisherPrefix, assertSchemaName, NameReservations, schemaBody, stableSuffix, titleCase, unique } from './names';
import { createYamlDefinition } from './envvar-yaml';
import { appendJson } from './append';

export const DATAVERSE_API = 'shared_commondataserviceforapps';
export const DATAVERSE_CONNECTOR_ID = `/providers/Microsoft.PowerApps/apis/${DATAVERSE_API}`;

/** The deployment settings of the active environment (`--env`, the editor's choice), if the solution has them. */
export function activeSettings(solution: Solution, environment: string | undefined): DeploymentSettings | undefined {
  if (!environment) return undefined;
  const lower = environment.toLowerCase();
  return solution.environments.find(e => e.environment.toLowerCase() === lower);
}

/** Workflow parameter key of an environment variable: `<Display name> (<schema>)`. */
export function parameterKey(displayName: string, schemaName: string): string {
  return `${displayName} (${schemaName})`;
}

/**
 * The values an environment variable holds, best evidence first: its own (definition default, committed
 * current value, the active environment's settings value), then other environments' settings values,
 * then the defaults of workflow parameters that read it.
 */
function heldValues(solution: Solution, def: EnvironmentVariableDefinition, active: DeploymentSettings | undefined): string[][] {
  const lower = def.schemaName.toLowerCase();
  const settingsValue = (env: DeploymentSettings) => env.environmentVariables.find(e => e.schemaName.toLowerCase() === lower)?.value;
  const own = [def.defaultValue?.value, def.currentValue?.value, active ? settingsValue(active) : undefined];
  const otherEnvironments = solution.environments.filter(e => e !== active).map(settingsValue);
  const parameterDefaults = solution.cloudFlows.flatMap(f => f.parameters.filter(p => p.schemaName?.toLowerCase() === lower).map(p => stringValue(p.defaultValue)));
  return [own, otherEnvironments, parameterDefaults].map(values => values.filter((v): v is string => !!v).map(sameValueKey));
}

/**
 * What "the same value" means for reuse: equal after trimming surrounding white space, and nothing
 * more. A trailing slash, letter case or an encoded character is a different value: the read replaces
 * the literal byte for byte, and `…/sites/HR` and `…/sites/HR/` concatenate differently.
 */
export function sameValueKey(value: string): string {
  return value.trim();
}

export interface ReusableVariable {
  schemaName: string;
  displayName: string;
  def?: EnvironmentVariableDefinition;
}

/**
 * A String environment variable of the solution that already holds `value` (its default, its committed
 * current value, a deployment-settings value of any environment, or a workflow parameter's default;
 * the variable's own values win over the others), else a workflow parameter of `flow` whose definition
 * is not in the tree. Both families' fixes reuse through this one function.
 */
export function findReusable(solution: Solution, value: string, active: DeploymentSettings | undefined, flow?: CloudFlow): ReusableVariable | undefined {
  const wanted = sameValueKey(value);
  if (!wanted) return undefined;
  const strings = solution.environmentVariables.filter(d => d.kind === 'String');
  const held = strings.map(def => heldValues(solution, def, active));
  for (let rank = 0; rank < 3; rank++) {
    const i = held.findIndex(h => h[rank].includes(wanted));
    if (i >= 0) return { schemaName: strings[i].schemaName, displayName: strings[i].displayName, def: strings[i] };
  }
  // A parameter of this very flow whose definition is not in the tree.
  for (const p of flow?.parameters ?? []) {
    if (!p.schemaName || p.type?.toLowerCase() !== 'string') continue;
    if (solution.environmentVariables.some(d => d.schemaName.toLowerCase() === p.schemaName!.toLowerCase())) continue;
    const d = stringValue(p.defaultValue);
    if (d !== undefined && sameValueKey(d) === wanted) {
      const m = /^(.*) \((?:[^()]*)\)$/.exec(p.name);
      return { schemaName: p.schemaName, displayName: m ? m[1] : p.name };
    }
  }
  return undefined;
}

function schemaTaken(solution: Solution, b: ChangeBuilder, schema: string, names?: NameReservations): boolean {
  const lower = schema.toLowerCase();
  if (solution.environmentVariables.some(v => v.schemaName.toLowerCase() === lower)) return true;
  if (solution.cloudFlows.some(f => f.parameters.some(p => p.schemaName?.toLowerCase() === lower))) return true;
  if (names?.has(schemaScope(solution), schema)) return true;
  return b.creating(definitionPath(solution, schema));
}

/** NameReservations scopes: a solution's schema names and display names. */
const schemaScope = (solution: Solution) => `schema:${solution.root}`;
const displayScope = (solution: Solution) => `display:${solution.root}`;

/**
 * Names for a new variable from words: `<prefix>_<Words>` and "Words", both free in the solution
 * and this round; when either is taken, both get the same number (`cnt_GetItemsSite2`, "Get Items Site 2").
 */
export function newVariableNames(solution: Solution, b: ChangeBuilder, words: string[], names?: NameReservations): { schemaName: string; displayName: string } {
  const schemaBase = `${publisherPrefix(solution)}_${schemaBody(words)}`;
  const displayBase = titleCase(words);
  const displays = new Set(solution.environmentVariables.map(v => v.displayName.toLowerCase()));
  const displayTaken = (d: string) => displays.has(d.toLowerCase()) || !!names?.has(displayScope(solution), d);
  let n = 1;
  const numbered = (base: string, sep: string) => (n === 1 ? base : `${base}${sep}${n}`);
  while (schemaTaken(solution, b, numbered(schemaBase, ''), names) || displayTaken(numbered(displayBase, ' '))) n++;
  return { schemaName: assertSchemaName(numbered(schemaBase, '')), displayName: numbered(displayBase, ' ') };
}

/** Claims a new variable's names for the rest of the round. */
export function claimVariableNames(names: NameReservations | undefined, solution: Solution, v: { schemaName: string; displayName: string }): void {
  names?.claim(schemaScope(solution), v.schemaName);
  names?.claim(displayScope(solution), v.displayName);
}

/**
 * The publisher's customization prefix (or the one existing variables use), checked against
 * Dataverse's rules: it becomes part of folder names and XML. Throws FixError when it is not valid.
 */
export function publisherPrefix(solution: Solution): string {
  if (solution.publisher.prefix) return assertPublisherPrefix(solution.publisher.prefix);
  const fromVars = solution.environmentVariables.map(v => /^([A-Za-z0-9]+)_/.exec(v.schemaName)?.[1]).find(Boolean);
  const fromRefs = solution.connectionReferences.map(r => /^([A-Za-z0-9]+)_/.exec(r.logicalName)?.[1]).find(Boolean);
  return assertPublisherPrefix(fromVars ?? fromRefs ?? 'new');
}

function definitionsFolder(solution: Solution): string {
  for (const v of solution.environmentVariables) {
    const dir = nodePath.dirname(nodePath.dirname(v.file.path));
    if (nodePath.basename(dir).toLowerCase() === 'environmentvariabledefinitions' && !v.file.entry) return dir;
  }
  return nodePath.join(solution.root, 'environmentvariabledefinitions');
}

/** Where a new definition goes; the schema name must be valid (it becomes a folder name). */
export function definitionPath(solution: Solution, schema: string): string {
  return nodePath.join(definitionsFolder(solution), assertSchemaName(schema), 'environmentvariabledefinition.xml');
}

/** Conventions of the solution's existing definition files (line ending, final newline, BOM, secretstore). */
function definitionStyle(solution: Solution): { eol: string; finalNewline: boolean; bom: boolean; secretStore: boolean; languageCode: string } {
  const sibling = solution.environmentVariables.find(v => nodePath.basename(v.file.path).toLowerCase() === 'environmentvariabledefinition.xml');
  const manifestLang = solution.manifest ? attr(parseXml(solution.manifest.text).root, 'languagecode')?.value : undefined;
  if (!sibling) return { eol: '\n', finalNewline: false, bom: false, secretStore: true, languageCode: manifestLang ?? '1033' };
  const text = sibling.file.text;
  const lang = /languagecode="(\d+)"/.exec(text)?.[1];
  return {
    eol: /\r\n/.test(text) ? '\r\n' : '\n',
    finalNewline: /\n$/.test(text),
    bom: sibling.file.bom,
    // Newer exports write <secretstore> for every type; older ones (CoE's admin_CommunityURL) omit it.
    secretStore: solution.environmentVariables.some(v => /<secretstore>/i.test(v.file.text)),
    languageCode: lang ?? manifestLang ?? '1033',
  };
}

export interface NewDefinition {
  schemaName: string;
  displayName: string;
  description: string;
  kind: 'String' | 'Secret';
}

/**
 * Creates `environmentvariabledefinitions/<schema>/environmentvariabledefinition.xml` (children in
 * alphabetical order, no default value, introducedversion = the solution's version) and, where the
 * manifest lists environment variables as root components (type 380), adds one.
 */
export function createDefinition(b: ChangeBuilder, solution: Solution, d: NewDefinition): string {
  assertSchemaName(d.schemaName);
  const style = definitionStyle(solution);
  const e = style.eol;
  const desc = escapeXml(d.description, true);
  const display = escapeXml(d.displayName, true);
  const secret = d.kind === 'Secret';
  const lines = [
    `<environmentvariabledefinition schemaname="${escapeXml(d.schemaName, true)}">`,
    `  <description default="${desc}">`,
    `    <label description="${desc}" languagecode="${escapeXml(style.languageCode, true)}" />`,
    '  </description>',
    `  <displayname default="${display}">`,
    `    <label description="${display}" languagecode="${escapeXml(style.languageCode, true)}" />`,
    '  </displayname>',
    `  <introducedversion>${escapeXml(solution.version || '1.0.0.0')}</introducedversion>`,
    '  <iscustomizable>1</iscustomizable>',
    '  <isrequired>0</isrequired>',
    ...(secret || style.secretStore ? ['  <secretstore>0</secretstore>'] : []),
    `  <type>${secret ? 100000005 : 100000000}</type>`,
    '</environmentvariabledefinition>',
  ];
  // The YAML layout: its own file shape, listed in solutioncomponents.yml (envvar-yaml.ts).
  if (solution.layout === 'yaml') return createYamlDefinition(b, solution, d, eol => lines.join(eol) + eol);
  const path = definitionPath(solution, d.schemaName);
  b.create(path, lines.join(e) + (style.finalNewline ? e : ''), style.bom);
  addRootComponent(b, solution, d.schemaName);
  return path;
}

/** A type-380 root component, only where Solution.xml already lists environment variables that way. */
function addRootComponent(b: ChangeBuilder, solution: Solution, schemaName: string): void {
  const manifest = solution.manifest;
  const existing = solution.rootComponents.filter(r => r.type === 380);
  if (!manifest || !existing.length) return;
  if (existing.some(r => r.schemaName?.toLowerCase() === schemaName.toLowerCase())) return;
  const last = existing[existing.length - 1];
  const text = manifest.text;
  const tag = text.slice(last.loc.span.start, last.loc.span.end);
  const lineStart = text.lastIndexOf('\n', last.loc.span.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const attribute = `schemaName="${escapeXml(assertSchemaName(schemaName), true)}"`;
  // A function replacer: `$&` in a name must not be expanded by String.replace.
  const newTag = /schemaName="[^"]*"/i.test(tag) ? tag.replace(/schemaName="[^"]*"/i, () => attribute).replace(/\s+id="[^"]*"/i, '')
    : `<RootComponent type="380" ${attribute} behavior="0" />`;
  const eol = dominantEol(text);
  b.append(manifest, { start: last.loc.span.end, end: last.loc.span.end }, { id: 'xml:RootComponents/380', open: eol + indent, separator: eol + indent, close: '' }, { key: schemaName.toLowerCase(), text: newTag });
}

/** The JSON path of `definition` in a flow file (`properties.definition`, or `definition` at the root). */
export function definitionPathOf(flow: CloudFlow): string[] {
  return prop(prop(flow.json, 'properties'), 'definition') ? ['properties', 'definition'] : ['definition'];
}

/**
 * The flow's workflow parameter for an environment variable: the existing one (by metadata.schemaName),
 * or a new `"<Display> (<schema>)": {"defaultValue", "type": "String", "metadata": {"schemaName"}}`.
 */
export function ensureFlowParameter(b: ChangeBuilder, flow: CloudFlow, v: { schemaName: string; displayName: string }, defaultValue: string): string {
  const lower = v.schemaName.toLowerCase();
  const existing = flow.parameters.find(p => p.schemaName?.toLowerCase() === lower);
  if (existing) return existing.name;
  const key = parameterKey(v.displayName, v.schemaName);
  const parameter = { defaultValue, type: 'String', metadata: { schemaName: v.schemaName } };
  // Every move into this flow in a round adds to `parameters`: one append (append.ts).
  if (!appendJson(b, flow.file, flow.json, [...definitionPathOf(flow), 'parameters'], 'object', parameter, { key })) {
    b.modifyJson(flow.file, [...definitionPathOf(flow), 'parameters', key], parameter);
  }
  return key;
}

/** The workflow parameter of one environment variable in each flow that reads it, added once per flow. */
export class FlowParameters {
  private readonly added = new Set<CloudFlow>();
  constructor(private readonly b: ChangeBuilder, readonly target: { schemaName: string; displayName: string }, private readonly defaultValue: string) {}

  /** The key the flow uses for the variable: its existing parameter's, or the one `ensure` adds. */
  keyFor(flow: CloudFlow): string {
    const lower = this.target.schemaName.toLowerCase();
    return flow.parameters.find(p => p.schemaName?.toLowerCase() === lower)?.name ?? parameterKey(this.target.displayName, this.target.schemaName);
  }

  /** Adds the parameter to the flow when it has none; returns its key. */
  ensure(flow: CloudFlow): string {
    if (this.added.has(flow)) return this.keyFor(flow);
    this.added.add(flow);
    return ensureFlowParameter(this.b, flow, this.target, this.defaultValue);
  }
}

/** An expression reading a workflow parameter, with `'` doubled. */
export function parametersCall(key: string): string {
  return `parameters('${key.replace(/'/g, "''")}')`;
}

/**
 * Makes every environment's deployment settings name the variable: the active environment gets
 * `activeValue` (when given), the others an empty Value, so settings/missing-value lists what is left.
 * Existing entries are kept (an empty one in the active environment is filled).
 */
export function ensureSettingsEntries(b: ChangeBuilder, solution: Solution, schemaName: string, active: DeploymentSettings | undefined, activeValue: string | undefined): void {
  const lower = schemaName.toLowerCase();
  for (const env of solution.environments) {
    if (env.file.entry) continue;
    const value = env === active && activeValue !== undefined ? activeValue : '';
    const existing = env.environmentVariables.find(e => e.schemaName.toLowerCase() === lower);
    if (existing) {
      if (env === active && activeValue !== undefined && !existing.value) {
        const entryNode = findEntryNode(env, existing.loc.span.start);
        const valueKey = keyOf(entryNode, 'Value') ?? 'Value';
        const arrayKey = keyOf(env.json, 'EnvironmentVariables')!;
        const index = propIgnoreCase(env.json, 'EnvironmentVariables')!.children!.indexOf(entryNode!);
        b.modifyJson(env.file, [arrayKey, index, valueKey], activeValue);
      }
      continue;
    }
    const sample = propIgnoreCase(env.json, 'EnvironmentVariables')?.children?.find(c => c.type === 'object');
    const entry = { [keyOf(sample, 'SchemaName') ?? 'SchemaName']: schemaName, [keyOf(sample, 'Value') ?? 'Value']: value };
    appendSettingsEntry(b, env, 'EnvironmentVariables', entry, lower, keyOf(env.json, 'ConnectionReferences'));
  }
}

/**
 * Appends an entry to an array of a settings file (created when absent): every fix of a round that
 * adds to the same array joins one append (append.ts). An array key holding something else is replaced.
 */
function appendSettingsEntry(b: ChangeBuilder, env: DeploymentSettings, arrayName: string, entry: object, itemKey: string, before?: string): void {
  const key = keyOf(env.json, arrayName) ?? arrayName;
  if (!appendJson(b, env.file, env.json, [key], 'array', entry, { itemKey, before })) b.modifyJson(env.file, [key], [entry], { before });
}

/** Entries for a connection reference in every environment's settings (ConnectionId left empty). */
export function ensureSettingsConnection(b: ChangeBuilder, solution: Solution, logicalName: string, connectorId: string): void {
  const lower = logicalName.toLowerCase();
  for (const env of solution.environments) {
    if (env.file.entry || env.connectionReferences.some(c => c.logicalName.toLowerCase() === lower)) continue;
    const sample = propIgnoreCase(env.json, 'ConnectionReferences')?.children?.find(c => c.type === 'object');
    const entry = {
      [keyOf(sample, 'LogicalName') ?? 'LogicalName']: logicalName,
      [keyOf(sample, 'ConnectionId') ?? 'ConnectionId']: '',
      [keyOf(sample, 'ConnectorId') ?? 'ConnectorId']: connectorId,
    };
    appendSettingsEntry(b, env, 'ConnectionReferences', entry, lower);
  }
}

function findEntryNode(env: DeploymentSettings, offset: number): JsonNode | undefined {
  return propIgnoreCase(env.json, 'EnvironmentVariables')?.children?.find(c => c.offset === offset);
}

/** The key of an object as written (case-insensitive lookup), e.g. `EnvironmentVariables`. */
function keyOf(node: JsonNode | undefined, key: string): string | undefined {
  const lower = key.toLowerCase();
  for (const p of node?.children ?? []) {
    const k = p.children?.[0]?.value;
    if (typeof k === 'string' && k.toLowerCase() === lower) return k;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The Dataverse connection a Secret environment variable is read through

/**
 * The key of the flow's Dataverse connection (`inputs.host.connectionName`): the flow's own, or a new
 * entry in properties.connectionReferences for the solution's Dataverse connection reference, created
 * in Customizations.xml (and every environment's settings) when the solution has none.
 */
export function dataverseConnection(b: ChangeBuilder, solution: Solution, flow: CloudFlow): { key: string; createdReference?: string } {
  const own = flow.connectionReferences.find(r => (r.apiName ?? '').split('/').pop()?.toLowerCase() === DATAVERSE_API && (r.logicalName || r.connectionName));
  if (own) return { key: own.key };
  let logicalName = solution.connectionReferences.find(r => r.connectorName.toLowerCase() === DATAVERSE_API)?.logicalName;
  let createdReference: string | undefined;
  if (!logicalName) {
    logicalName = assertLogicalName(`${publisherPrefix(solution).toLowerCase()}_${DATAVERSE_API.replace(/_/g, '')}_${stableSuffix(`${solution.uniqueName}/${DATAVERSE_API}`)}`);
    createConnectionReference(b, solution, logicalName, `${solution.displayName} - Dataverse`, DATAVERSE_CONNECTOR_ID);
    ensureSettingsConnection(b, solution, logicalName, DATAVERSE_CONNECTOR_ID);
    createdReference = logicalName;
  }
  const key = unique(DATAVERSE_API, k => flow.connectionReferences.some(r => r.key === k), '_');
  const props = prop(flow.json, 'properties') ? ['properties'] : [];
  const reference = { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: logicalName }, api: { name: DATAVERSE_API } };
  // Two secrets of one flow fixed in one round add the same member: the append keeps one.
  if (!appendJson(b, flow.file, flow.json, [...props, 'connectionReferences'], 'object', reference, { key })) b.modifyJson(flow.file, [...props, 'connectionReferences', key], reference);
  return { key, createdReference };
}

/** A `<connectionreference>` in Customizations.xml, in the shape of the solution's existing ones. */
function createConnectionReference(b: ChangeBuilder, solution: Solution, logicalName: string, displayName: string, connectorId: string): void {
  const file = solution.customizations;
  if (solution.layout === 'yaml') throw new FixError('FlowCop does not create connection references in the YAML layout yet: add a Dataverse connection reference to the solution, then fix again');
  if (!file) throw new FixError('the solution has no Customizations.xml to hold a Dataverse connection reference');
  const doc = parseXml(file.text);
  const root = doc.root;
  if (!root) throw new FixError('Customizations.xml cannot be read');
  const text = file.text;
  const eol = dominantEol(text);
  const indentOf = (offset: number) => /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', offset - 1) + 1))![0];
  const container = child(root, 'connectionreferences');
  const siblings = children(container, 'connectionreference');
  const withPrompting = siblings.length === 0 || siblings.some(s => child(s, 'promptingbehavior'));
  const element = (indent: string, unit: string) => [
    `${indent}<connectionreference connectionreferencelogicalname="${escapeXml(assertLogicalName(logicalName), true)}">`,
    `${indent}${unit}<connectionreferencedisplayname>${escapeXml(displayName)}</connectionreferencedisplayname>`,
    `${indent}${unit}<connectorid>${escapeXml(connectorId)}</connectorid>`,
    `${indent}${unit}<iscustomizable>1</iscustomizable>`,
    ...(withPrompting ? [`${indent}${unit}<promptingbehavior>0</promptingbehavior>`] : []),
    `${indent}${unit}<statecode>0</statecode>`,
    `${indent}${unit}<statuscode>1</statuscode>`,
    `${indent}</connectionreference>`,
  ].join(eol);
  // Appended (append.ts): the same reference added by several fixes of a round is written once.
  const id = 'xml:connectionreferences';
  const item = (indent: string, unit: string) => ({ key: logicalName.toLowerCase(), text: element(indent, unit) });
  if (siblings.length) {
    const last = siblings[siblings.length - 1];
    const indent = indentOf(last.span.start);
    const inner = children(last)[0];
    const unit = inner ? indentOf(inner.span.start).slice(indent.length) || '  ' : '  ';
    b.append(file, { start: last.span.end, end: last.span.end }, { id, open: eol, separator: eol, close: '' }, item(indent, unit));
    return;
  }
  const rootChild = children(root)[0];
  const indent = rootChild ? indentOf(rootChild.span.start) : '  ';
  const unit = indent || '  ';
  if (container) {
    // <connectionreferences /> or an empty element.
    b.append(file, container.span, { id, open: `<connectionreferences>${eol}`, separator: eol, close: `${eol}${indent}</connectionreferences>` }, item(indent + unit, unit));
    return;
  }
  const languages = child(root, 'Languages');
  const at = languages ? text.lastIndexOf('\n', languages.span.start - 1) + 1 : root.content.end;
  b.append(file, { start: at, end: at }, { id, open: `${indent}<connectionreferences>${eol}`, separator: eol, close: `${eol}${indent}</connectionreferences>${eol}` }, item(indent + unit, unit));
}
