// Reads one solution, in any layout, into the model.
import type {
  CloudFlow, ConnectionReference, DesktopFlow, EnvironmentVariableDefinition, Layout, LoadProblem, Loc, RootComponent, Solution,
} from '../model/types';
import { ENV_VAR_TYPES } from '../model/types';
import { createSourceFile, SourceFile, Span } from '../util/text';
import { canvasApps } from './canvas-apps';
import { CloudFlowLoadResult, loadCloudFlow } from './cloudflow';
import { decodeDefinition } from './definition';
import { innerSpan, parseJson, propPath, stringValue } from './json';
import { makeScript } from './script';
import { loadPackageScript } from './pad-package-flow';
import { guardLoad } from './guard';
import { FileTree, readSource } from './tree';
import { plainlyWellFormed } from './xml-wellformed';
import { attr, child, children, childText, parseXml, path, textOf, trimmedContent, validateXml, XmlDocument, XmlElement } from './xml';

export interface SolutionLoadResult {
  solution?: Solution;
  problems: LoadProblem[];
}

/** Component folders of an unpacked solution (relative to its root). */
export const COMPONENT_FOLDERS = ['Other', 'Workflows', 'environmentvariabledefinitions', 'desktopflowbinaries'];

interface Ctx {
  tree: FileTree;
  problems: LoadProblem[];
  solution?: Solution;
}

export function loadSolution(tree: FileTree, layout: Layout, projectFile?: string): SolutionLoadResult {
  const ctx: Ctx = { tree, problems: [] };
  // Each file is guarded below; this catches what is left (a folder listing, the manifest's shape).
  return guardLoad(() => loadSolutionUnguarded(ctx, layout, projectFile), message => {
    const at = createSourceFile(tree.root, '');
    ctx.problems.push({ ruleId: 'flowcop/parse-error', loc: { file: at, span: { start: 0, end: 0 } }, message, solution: ctx.solution });
    return { solution: ctx.solution, problems: ctx.problems };
  });
}

function loadSolutionUnguarded(ctx: Ctx, layout: Layout, projectFile?: string): SolutionLoadResult {
  const tree = ctx.tree;
  const unpacked = layout === 'unpacked' || layout === 'cdsproj';
  const manifestRel = tree.resolve(unpacked ? 'Other/Solution.xml' : 'solution.xml') ?? tree.resolve('Other/Solution.xml');
  const manifestFile = manifestRel ? read(ctx, manifestRel) : undefined;
  if (manifestRel && !manifestFile) return { problems: ctx.problems };
  const manifestDoc = manifestFile ? parseXmlFile(ctx, manifestFile) : undefined;
  const manifest = path(manifestDoc?.root, 'SolutionManifest');
  if (manifestFile && !manifest) {
    problem(ctx, manifestFile, { start: 0, end: 0 }, 'Solution.xml has no <SolutionManifest> element');
    return { problems: ctx.problems };
  }
  const uniqueEl = child(manifest, 'UniqueName');
  // A partial tree (components kept without Solution.xml) is named after its folder.
  const uniqueName = (manifestDoc && childText(manifestDoc, manifest, 'UniqueName')) || folderName(tree.root);
  const localized = attr(child(child(manifest, 'LocalizedNames'), 'LocalizedName'), 'description')?.value;
  const publisher = child(manifest, 'Publisher');
  const text = (el: XmlElement | undefined, name: string) => (manifestDoc ? childText(manifestDoc, el, name) : undefined);
  const solution: Solution = {
    uniqueName,
    displayName: localized || uniqueName,
    version: text(manifest, 'Version') ?? '',
    managed: text(manifest, 'Managed') === '1',
    publisher: { uniqueName: text(publisher, 'UniqueName') ?? '', prefix: text(publisher, 'CustomizationPrefix') ?? '' },
    layout,
    root: tree.root,
    projectFile,
    manifest: manifestFile,
    nameLoc: manifestFile && uniqueEl && manifestDoc ? { file: manifestFile, span: trimmedContent(manifestDoc, uniqueEl) } : undefined,
    rootComponents: manifest && manifestFile ? rootComponents(manifest, manifestFile) : [],
    connectionReferences: [],
    environmentVariables: [],
    cloudFlows: [],
    desktopFlows: [],
    environments: [],
  };
  ctx.solution = solution;

  const customRel = tree.resolve(unpacked ? 'Other/Customizations.xml' : 'customizations.xml') ?? tree.resolve('Other/Customizations.xml');
  const customFile = customRel ? read(ctx, customRel) : undefined;
  let customDoc: XmlDocument | undefined;
  if (customFile) {
    solution.customizations = customFile;
    customDoc = guarded(ctx, customFile, () => {
      const doc = parseXmlFile(ctx, customFile);
      solution.connectionReferences = connectionReferences(doc, customFile);
      solution.environmentVariables.push(...inlineEnvironmentVariables(doc, customFile));
      return doc;
    });
  }
  solution.canvasApps = canvasApps(tree, customDoc, customFile);
  solution.environmentVariables.push(...folderEnvironmentVariables(ctx));
  loadWorkflows(ctx, customDoc, customFile);
  return { solution, problems: ctx.problems };
}

// ---------------------------------------------------------------------------------------------

function read(ctx: Ctx, rel: string): SourceFile | undefined {
  return readSource(ctx.tree, rel, (where, message, offset) => {
    // The file has no text to point into: the offset (in bytes) goes into the message.
    const file = createSourceFile(where.path, '', { entry: where.entry });
    const at = offset ? ` (at byte ${offset})` : '';
    ctx.problems.push({ ruleId: 'flowcop/parse-error', loc: { file, span: { start: 0, end: 0 } }, message: message + at, solution: ctx.solution });
  });
}

function problem(ctx: Ctx, file: SourceFile, span: Span, message: string, flowName?: string): void {
  ctx.problems.push({ ruleId: 'flowcop/parse-error', loc: { file, span }, message, solution: ctx.solution, flowName });
}

/** Runs the loading of one file; an exception becomes a parse error at that file and the rest goes on. */
function guarded<T>(ctx: Ctx, file: SourceFile, load: () => T): T | undefined {
  return guardLoad<T | undefined>(load, message => {
    problem(ctx, file, { start: 0, end: 0 }, message);
    return undefined;
  });
}

/**
 * fast-xml-parser's validator double-checks what the lenient reader accepts. It costs about as much
 * as reading the file again, so very large files (customizations.xml of big solutions) rely on the
 * reader's own checks (unclosed and mismatched tags, bare '&', repeated attributes).
 */
const VALIDATE_LIMIT = 256 * 1024;

function parseXmlFile(ctx: Ctx, file: SourceFile): XmlDocument {
  const doc = parseXml(file.text);
  // The validator runs only on what the reader accepted in a form it does not vouch for (xml-wellformed.ts).
  const invalid = doc.problems.length || file.text.length > VALIDATE_LIMIT || plainlyWellFormed(doc) ? undefined : validateXml(file.text);
  if (doc.problems.length) {
    const first = doc.problems[0];
    const more = doc.problems.length > 1 ? ` (and ${doc.problems.length - 1} more problem${doc.problems.length > 2 ? 's' : ''})` : '';
    problem(ctx, file, { start: first.offset, end: first.offset }, `malformed XML: ${first.message}${more}`);
  } else if (invalid) {
    const lines = file.text.split(/\r\n|\r|\n/);
    let offset = 0;
    for (let k = 0; k < invalid.line - 1 && k < lines.length; k++) offset += lines[k].length + 1;
    problem(ctx, file, { start: offset + Math.max(0, invalid.column - 1), end: offset + Math.max(0, invalid.column - 1) }, `malformed XML: ${invalid.message}`);
  }
  return doc;
}

function loc(file: SourceFile, span: Span): Loc {
  return { file, span };
}

function rootComponents(manifest: XmlElement, file: SourceFile): RootComponent[] {
  return children(child(manifest, 'RootComponents'), 'RootComponent').map(el => ({
    type: Number(attr(el, 'type')?.value),
    id: normalizeGuid(attr(el, 'id')?.value),
    schemaName: attr(el, 'schemaName')?.value,
    loc: loc(file, el.span),
  }));
}

const GENERIC_FOLDERS = new Set(['src', 'solutionpackage', 'solution', 'managed', 'unmanaged', 'package', 'unpacked']);

function folderName(root: string): string {
  const parts = root.split(/[\\/]/).filter(Boolean);
  let k = parts.length - 1;
  while (k > 0 && GENERIC_FOLDERS.has(parts[k].toLowerCase())) k--;
  return parts[k] ?? root;
}

export function normalizeGuid(id: string | undefined): string | undefined {
  return id?.replace(/[{}]/g, '').toLowerCase() || undefined;
}

function connectionReferences(doc: XmlDocument, file: SourceFile): ConnectionReference[] {
  return children(child(doc.root, 'connectionreferences'), 'connectionreference').map(el => {
    const logical = attr(el, 'connectionreferencelogicalname');
    const connectorId = childText(doc, el, 'connectorid') ?? childText(doc, child(el, 'customconnectorid'), 'connectorid') ?? '';
    return {
      logicalName: logical?.value ?? '',
      displayName: childText(doc, el, 'connectionreferencedisplayname') ?? logical?.value ?? '',
      connectorId,
      connectorName: connectorId.split('/').pop() ?? connectorId,
      loc: loc(file, logical?.valueSpan ?? el.startTag),
    };
  });
}

/** An <environmentvariabledefinition> element (also read by the YAML layout, which keeps definitions as XML). */
export function environmentVariable(doc: XmlDocument, el: XmlElement, file: SourceFile, schemaFallback?: string): EnvironmentVariableDefinition {
  const schemaAttr = attr(el, 'schemaname');
  const schemaName = schemaAttr?.value ?? schemaFallback ?? '';
  const display = child(el, 'displayname');
  const typeText = childText(doc, el, 'type');
  const typeCode = typeText ? Number(typeText) : NaN;
  const defaultEl = child(el, 'defaultvalue');
  const secretStore = childText(doc, el, 'secretstore');
  return {
    schemaName,
    displayName: attr(display, 'default')?.value ?? attr(child(display, 'label'), 'description')?.value ?? schemaName,
    description: attr(child(el, 'description'), 'default')?.value,
    typeCode,
    kind: ENV_VAR_TYPES[typeCode] ?? 'Unknown',
    secretStore: secretStore !== undefined && secretStore !== '' ? Number(secretStore) : undefined,
    defaultValue: defaultEl ? { value: textOf(doc, defaultEl) ?? '', loc: loc(file, defaultEl.content) } : undefined,
    file,
    loc: loc(file, schemaAttr?.valueSpan ?? el.startTag),
  };
}

/** Older exports keep definitions inside customizations.xml. */
function inlineEnvironmentVariables(doc: XmlDocument, file: SourceFile): EnvironmentVariableDefinition[] {
  return children(child(doc.root, 'environmentvariabledefinitions'), 'environmentvariabledefinition').map(el => environmentVariable(doc, el, file));
}

function folderEnvironmentVariables(ctx: Ctx): EnvironmentVariableDefinition[] {
  const out: EnvironmentVariableDefinition[] = [];
  for (const dir of ctx.tree.list('environmentvariabledefinitions')) {
    if (!dir.isDirectory) continue;
    const base = `environmentvariabledefinitions/${dir.name}`;
    const defRel = ctx.tree.resolve(`${base}/environmentvariabledefinition.xml`);
    if (!defRel) continue;
    const file = read(ctx, defRel);
    if (!file) continue;
    const def = guarded(ctx, file, () => folderEnvironmentVariable(ctx, file, base, dir.name));
    if (def) out.push(def);
  }
  return out;
}

/** One environmentvariabledefinitions/<schema>/ folder: its definition and committed value. */
function folderEnvironmentVariable(ctx: Ctx, file: SourceFile, base: string, dirName: string): EnvironmentVariableDefinition | undefined {
  const doc = parseXmlFile(ctx, file);
  if (!doc.root || doc.root.name.toLowerCase() !== 'environmentvariabledefinition') {
    problem(ctx, file, { start: 0, end: 0 }, 'expected an <environmentvariabledefinition> element');
    return undefined;
  }
  const def = environmentVariable(doc, doc.root, file, dirName);
  const valuesRel = ctx.tree.resolve(`${base}/environmentvariablevalues.json`);
  const valuesFile = valuesRel ? read(ctx, valuesRel) : undefined;
  if (valuesFile) guarded(ctx, valuesFile, () => {
    const parsed = parseJson(valuesFile.text);
    if (parsed.problems.length) {
      const p = parsed.problems[0];
      problem(ctx, valuesFile, { start: p.offset, end: p.offset + p.length }, p.message);
    }
    const valueNode = propPath(parsed.root, 'environmentvariablevalues', 'environmentvariablevalue', 'value');
    const value = stringValue(valueNode);
    const at = valueNode ? innerSpan(valueNode) : { start: 0, end: 0 };
    def.currentValue = { value: value ?? '', loc: loc(valuesFile, at), file: valuesFile };
  });
  return def;
}

// ---------------------------------------------------------------------------------------------
// Workflows

function loadWorkflows(ctx: Ctx, customDoc: XmlDocument | undefined, customFile: SourceFile | undefined): void {
  const solution = ctx.solution!;
  const seen = new Set<string>();
  const handle = (doc: XmlDocument, el: XmlElement, file: SourceFile) => {
    const id = normalizeGuid(attr(el, 'WorkflowId')?.value) ?? '';
    const name = attr(el, 'Name')?.value ?? childText(doc, child(child(el, 'LocalizedNames'), 'LocalizedName'), 'description') ?? id;
    const category = childText(doc, el, 'Category');
    const jsonRel = (childText(doc, el, 'JsonFileName') ?? '').replace(/^\/+/, '');
    if (jsonRel) seen.add(jsonRel.toLowerCase());
    if (category === '6') {
      const flow = desktopFlow(ctx, doc, el, file, id, name, jsonRel);
      solution.desktopFlows.push(flow, ...packageFlows(ctx, flow));
    } else if (category === '5' || (category === undefined && jsonRel.endsWith('.json'))) {
      const flow = cloudFlowFromJson(ctx, jsonRel, id, name, file);
      if (flow) solution.cloudFlows.push(flow);
    }
  };

  for (const wf of children(child(customDoc?.root, 'Workflows'), 'Workflow')) guarded(ctx, customFile!, () => handle(customDoc!, wf, customFile!));

  const workflowFiles = ctx.tree.list('Workflows').filter(e => !e.isDirectory).map(e => `${ctx.tree.resolve('Workflows')}/${e.name}`);
  for (const rel of workflowFiles) {
    if (!rel.toLowerCase().endsWith('.data.xml')) continue;
    const file = read(ctx, rel);
    if (!file) continue;
    guarded(ctx, file, () => {
      const doc = parseXmlFile(ctx, file);
      if (doc.root?.name === 'Workflow') handle(doc, doc.root, file);
      else if (doc.root) problem(ctx, file, doc.root.startTag, `expected a <Workflow> element, found <${doc.root.name}>`);
    });
  }
  // A flow JSON without metadata (hand-copied, or a sidecar lost): still a cloud flow if it has a definition.
  for (const rel of workflowFiles) {
    if (!rel.toLowerCase().endsWith('.json') || seen.has(rel.toLowerCase())) continue;
    const id = guidFromFileName(rel) ?? '';
    const flow = cloudFlowFromJson(ctx, rel, id, flowNameFromFileName(rel), undefined, true);
    if (flow) solution.cloudFlows.push(flow);
  }
}

function cloudFlowFromJson(ctx: Ctx, jsonRel: string, id: string, name: string, metadataFile: SourceFile | undefined, onlyIfFlow = false): CloudFlow | undefined {
  const real = jsonRel ? ctx.tree.resolve(jsonRel) : undefined;
  if (!real) {
    if (!onlyIfFlow && metadataFile) problem(ctx, metadataFile, { start: 0, end: 0 }, `cloud flow "${name}": its definition ${jsonRel || '(no JsonFileName)'} is missing`, name);
    return undefined;
  }
  const file = read(ctx, real);
  if (!file) return undefined;
  const result = guardLoad<CloudFlowLoadResult>(() => loadCloudFlow(file, { id: id || (guidFromFileName(real) ?? ''), name, metadataFile }),
    message => ({ isFlow: true, problems: [{ span: { start: 0, end: 0 }, message }] }));
  for (const p of result.problems) problem(ctx, file, p.span, p.message, name);
  if (onlyIfFlow && !result.isFlow) return undefined;
  return result.flow;
}

function desktopFlow(ctx: Ctx, doc: XmlDocument, el: XmlElement, file: SourceFile, id: string, name: string, jsonRel: string): DesktopFlow {
  const nameAttr = attr(el, 'Name');
  const flow: DesktopFlow = {
    id,
    name,
    metadataFile: file,
    loc: loc(file, nameAttr?.valueSpan ?? el.startTag),
    inputs: variableSchema(ctx, doc, child(el, 'Inputs'), file, name),
    outputs: variableSchema(ctx, doc, child(el, 'Outputs'), file, name),
    connectionReferences: desktopConnectionReferences(doc, child(el, 'ConnectionReferences')),
    stubFile: jsonRel ? ctx.tree.resolve(jsonRel) : undefined,
  };
  const def = child(el, 'Definition');
  if (def && !def.selfClosing) {
    flow.definitionLoc = loc(file, def.content);
    const decoded = decodeDefinition(file.text, def.content);
    for (const p of decoded.problems) problem(ctx, file, { start: p.offset, end: p.offset }, `desktop flow "${name}": ${p.message}`, name);
    flow.script = makeScript({ text: decoded.text, file, storage: decoded.storage, map: decoded.map, style: decoded.style });
    for (const p of flow.script.ast.problems) {
      ctx.problems.push({ ruleId: 'pad/syntax', loc: { file, span: decoded.map.toFileSpan(p.span) }, message: p.message, solution: ctx.solution, flowName: name, script: flow.script, scriptSpan: p.span });
    }
  }
  return flow;
}

/** A v1 desktop flow keeps its script base64-zipped in its JSON file (load/pad-package-flow.ts). */
function packageFlows(ctx: Ctx, flow: DesktopFlow): DesktopFlow[] {
  const file = flow.stubFile ? read(ctx, flow.stubFile) : undefined;
  return file ? guarded(ctx, file, () => loadPackageScript(flow, file, ctx.problems, ctx.solution)) ?? [] : [];
}

function variableSchema(ctx: Ctx, doc: XmlDocument, el: XmlElement | undefined, file: SourceFile, flowName: string): DesktopFlow['inputs'] {
  const text = textOf(doc, el)?.trim();
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    problem(ctx, file, el!.content, `desktop flow "${flowName}": <${el!.name}> is not valid JSON`, flowName);
    return [];
  }
  return schemaVariables(parsed);
}

/** The variables of a desktop flow's `<Inputs>`/`<Outputs>` JSON schema (`format: password` = sensitive). */
export function schemaVariables(parsed: unknown): DesktopFlow['inputs'] {
  const props = (parsed as { schema?: { properties?: Record<string, Record<string, unknown>> } })?.schema?.properties ?? {};
  return Object.entries(props).map(([key, p]) => ({
    name: key,
    type: typeof p?.type === 'string' ? p.type : undefined,
    sensitive: p?.format === 'password',
    defaultValue: p?.default,
  }));
}

/** The logical names in a desktop flow's `<ConnectionReferences>` JSON list. */
export function desktopConnectionReferences(doc: XmlDocument, el: XmlElement | undefined): string[] {
  const text = textOf(doc, el)?.trim();
  if (!text) return [];
  try {
    const list = JSON.parse(text) as Array<{ connectionReferenceLogicalName?: string }>;
    return Array.isArray(list) ? list.map(r => r?.connectionReferenceLogicalName).filter((x): x is string => !!x) : [];
  } catch {
    return [];
  }
}

const GUID_IN_NAME = /([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\.json$/;

function guidFromFileName(rel: string): string | undefined {
  return GUID_IN_NAME.exec(rel)?.[1].toLowerCase();
}

function flowNameFromFileName(rel: string): string {
  const base = rel.split('/').pop() ?? rel;
  return base.replace(GUID_IN_NAME, '').replace(/-$/, '').replace(/\.json$/i, '') || base;
}
