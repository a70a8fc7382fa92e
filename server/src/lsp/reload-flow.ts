// Re-reads the flow files of a solution that changed (a cloud flow's Workflows/*.json, a desktop flow's
// .json.data.xml sidecar or v1 stub) and its deployment settings files into a new Solution that shares every other model object with the
// old one, as the solution loader (load/solution.ts) would have built them. A file whose content hash is
// unchanged is not parsed again. Anything the loader would treat differently from "the same flow with new
// content" (a flow renamed or re-numbered, malformed XML, a file that is no flow file) is declined with a
// reason: the caller then loads the whole unit again.
import * as nodePath from 'node:path';
import { createHash } from 'node:crypto';
import type { CloudFlow, DeploymentSettings, DesktopFlow, LoadProblem, Solution } from '../model/types';
import type { SourceFile, Span } from '../util/text';
import { MAX_FILE_BYTES } from '../load/budget';
import { loadCloudFlow } from '../load/cloudflow';
import { decodeDefinition } from '../load/definition';
import { loadErrorMessage } from '../load/guard';
import { loadPackageScript } from '../load/pad-package-flow';
import { reparseScript } from '../load/pad/incremental';
import { makeScript } from '../load/script';
import { loadSettings } from '../load/settings';
import { desktopConnectionReferences, normalizeGuid, schemaVariables } from '../load/solution';
import { decodeText, Vfs } from '../load/vfs';
import { attr, child, childText, parseXml, textOf, validateXml, XmlDocument, XmlElement } from '../load/xml';
import { sameGuid } from './guid';
import { DecodedScript, overlaySourceFile } from './script-splice';

/** The loader validates XML files up to this size (load/solution.ts VALIDATE_LIMIT). */
const VALIDATE_LIMIT = 256 * 1024;

export interface FlowReload {
  /** The new solution: the old one with the changed flows replaced (every other object shared). */
  solution: Solution;
  /** New cloud flows and desktop flows (a desktop flow with its v1 package twin), in the solution's order. */
  cloudFlows: CloudFlow[];
  desktopFlows: DesktopFlow[];
  /** The flow objects they replace. */
  replaced: Set<CloudFlow | DesktopFlow>;
  /** Deployment settings read again: [before, after]. */
  settings: Array<[DeploymentSettings, DeploymentSettings]>;
  /** Files read again: their load problems are `problems` now. */
  files: Set<string>;
  problems: LoadProblem[];
  /** How many desktop flows were taken from the script their editor spliced into the overlay (not read again). */
  fromEditor: number;
}

export type ReloadOutcome = FlowReload | { declined: string };

/** The scripts a decoded-script editor spliced into a file's current overlay, and whether the overlay's bytes start with a BOM (documents.ts). */
export type SplicedScripts = (path: string) => { scripts: DecodedScript[]; bom: boolean };

const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');

/** The file's current decoded text, or why it cannot be had. */
function readCurrent(vfs: Vfs, path: string): { file: SourceFile; bytes: Uint8Array } | { declined: string } {
  let bytes: Uint8Array | undefined;
  try {
    bytes = vfs.readFile(path);
  } catch (e) {
    return { declined: `${path} cannot be read: ${loadErrorMessage(e)}` };
  }
  if (!bytes) return { declined: `${path} is gone` };
  if (bytes.length > MAX_FILE_BYTES) return { declined: `${path} is larger than the cap for one file` };
  const decoded = decodeText(bytes, path);
  return 'error' in decoded ? { declined: `${path}: ${decoded.error}` } : { file: decoded.file, bytes };
}

/** Every file of a solution that is not a flow file, with the hash it was read with. */
function otherFiles(s: Solution): SourceFile[] {
  const out: Array<SourceFile | undefined> = [s.manifest, s.customizations, s.package?.manifest];
  for (const v of s.environmentVariables) out.push(v.file, v.currentValue?.file);
  return out.filter((f): f is SourceFile => !!f);
}

/**
 * Reloads the flows and settings files among `changed` (absolute paths). Files whose bytes hash as before
 * are skipped; undefined when nothing changed at all. `ownsSettings` tells whether the solution is the only one
 * the folders above a settings file hold (then no edit of the file can give it to another solution).
 */
export function reloadFlows(old: Solution, changed: Iterable<string>, vfs: Vfs, ownsSettings: (path: string) => boolean = () => false, spliced?: SplicedScripts): ReloadOutcome | undefined {
  if (old.layout !== 'unpacked' && old.layout !== 'cdsproj' && old.layout !== 'raw') return { declined: `the ${old.layout} layout is loaded whole` };
  const cloudByPath = new Map<string, CloudFlow>();
  for (const f of old.cloudFlows) cloudByPath.set(nodePath.resolve(f.file.path), f);
  const desktopByFile = new Map<string, DesktopFlow>();
  const groups = desktopGroups(old.desktopFlows);
  for (const d of groups.keys()) {
    desktopByFile.set(nodePath.resolve(d.metadataFile.path), d);
    if (d.stubFile) desktopByFile.set(nodePath.resolve(old.root, d.stubFile), d);
  }
  const others = new Map(otherFiles(old).map(f => [nodePath.resolve(f.path), f]));
  const settingsByPath = new Map(old.environments.map(e => [nodePath.resolve(e.file.path), e]));

  const cloudTodo = new Map<CloudFlow, SourceFile>();
  const desktopTodo = new Set<DesktopFlow>();
  const desktopSpliced = new Map<DesktopFlow, { script: DecodedScript; bom: boolean }>();
  const settingsTodo = new Map<DeploymentSettings, SourceFile>();
  for (const raw of changed) {
    const path = nodePath.resolve(raw);
    const cloud = cloudByPath.get(path);
    const desktop = desktopByFile.get(path);
    const settings = settingsByPath.get(path);
    const other = others.get(path);
    const known = cloud?.file ?? settings?.file ?? other ?? (desktop && nodePath.resolve(desktop.metadataFile.path) === path ? desktop.metadataFile : undefined);
    if (!cloud && !desktop && !settings && !other) return { declined: `${path} is not a flow or settings file of the solution` };
    // An edit typed into the flow's decoded-script editor: its script as spliced, the file neither read nor decoded.
    const typed = desktop && spliced ? splicedScriptOf(desktop, path, spliced) : undefined;
    if (typed) {
      if (typed.script.fileText !== desktop!.metadataFile.text) {
        desktopSpliced.set(desktop!, typed);
        desktopTodo.add(desktop!);
      }
      continue;
    }
    const current = readCurrent(vfs, path);
    if ('declined' in current) return current;
    // Unchanged content: nothing to parse (a save, a watched-file event for a file already read).
    if (known && known.hash === sha1(current.bytes)) continue;
    if (other || (desktop && old.customizations && nodePath.resolve(old.customizations.path) === path)) return { declined: `${path} is not a flow file` };
    if (cloud) cloudTodo.set(cloud, current.file);
    if (desktop) desktopTodo.add(desktop);
    if (settings) settingsTodo.set(settings, current.file);
  }
  if (!cloudTodo.size && !desktopTodo.size && !settingsTodo.size) return undefined;

  // The new solution object first: problems and package twins point at it. A list nothing of changed stays
  // the same array (facts keyed by it stay valid: a cloud flow's facts read the desktop flows it runs).
  const solution: Solution = {
    ...old,
    cloudFlows: cloudTodo.size ? [...old.cloudFlows] : old.cloudFlows,
    desktopFlows: desktopTodo.size ? [...old.desktopFlows] : old.desktopFlows,
    environments: settingsTodo.size ? [...old.environments] : old.environments,
  };
  const out: FlowReload = { solution, cloudFlows: [], desktopFlows: [], replaced: new Set(), settings: [], files: new Set(), problems: [], fromEditor: 0 };

  for (const [settings, file] of settingsTodo) {
    const reloaded = reloadSettings(settings, file, ownsSettings(file.path), out.problems);
    if ('declined' in reloaded) return reloaded;
    solution.environments[solution.environments.indexOf(settings)] = reloaded;
    out.settings.push([settings, reloaded]);
    out.files.add(file.path);
  }

  for (const [flow, file] of cloudTodo) {
    const reloaded = reloadCloudFlow(flow, file, solution, out.problems);
    if ('declined' in reloaded) return reloaded;
    solution.cloudFlows[solution.cloudFlows.indexOf(flow)] = reloaded;
    out.cloudFlows.push(reloaded);
    out.replaced.add(flow);
    out.files.add(file.path);
  }
  for (const flow of desktopTodo) {
    const typed = desktopSpliced.get(flow);
    if (typed) out.fromEditor++;
    const reloaded = typed ? withPackageTwin(splicedDesktopFlow(flow, typed.script, typed.bom, solution, out), old, solution, vfs, out) : reloadDesktopFlow(flow, old, solution, vfs, out);
    if ('declined' in reloaded) return reloaded;
    // The flow and its package twin, where the loader put them.
    const group = groups.get(flow)!;
    const at = solution.desktopFlows.indexOf(flow);
    solution.desktopFlows.splice(at, group.length, ...reloaded);
    out.desktopFlows.push(...reloaded);
    for (const d of group) out.replaced.add(d);
  }
  return out;
}

/**
 * The script spliced into the flow's sidecar, when the flow can be rebuilt from it (and its stub, read again): a
 * script stored in its sidecar's <Definition>, whose file differs from the one it was loaded from only inside that
 * <Definition> (so the id, name, inputs, outputs and connection references read from the rest stand).
 */
function splicedScriptOf(flow: DesktopFlow, path: string, spliced: SplicedScripts): { script: DecodedScript; bom: boolean } | undefined {
  const was = flow.script;
  if (!was || was.fromPackage || !flow.definitionLoc || nodePath.resolve(flow.metadataFile.path) !== path) return undefined;
  const { scripts, bom } = spliced(path);
  const script = scripts.find(d => sameGuid(d.flowId, flow.id));
  if (!script || script.storage !== was.storage || JSON.stringify(script.style) !== JSON.stringify(was.style)) return undefined;
  const before = flow.metadataFile.text;
  const now = script.fileText;
  const region = was.map.fileSpan;
  const spliceRegion = script.map.fileSpan;
  // The flow's other spans (its name) must sit before the script; the text around it unchanged.
  if (flow.loc.span.end > region.start || region.start !== spliceRegion.start) return undefined;
  if (before.slice(0, region.start) !== now.slice(0, spliceRegion.start) || before.slice(region.end) !== now.slice(spliceRegion.end)) return undefined;
  return { script, bom };
}

/** The desktop flow with the spliced script: as reloadDesktopFlow would build it from the overlay, without reading it. */
function splicedDesktopFlow(old: DesktopFlow, typed: DecodedScript, bom: boolean, solution: Solution, out: FlowReload): DesktopFlow {
  const file = overlaySourceFile(old.metadataFile.path, typed.fileText, bom);
  const shift = typed.map.fileSpan.end - old.script!.map.fileSpan.end;
  const flow: DesktopFlow = {
    id: old.id,
    name: old.name,
    metadataFile: file,
    loc: { file, span: old.loc.span },
    inputs: old.inputs,
    outputs: old.outputs,
    connectionReferences: old.connectionReferences,
    stubFile: old.stubFile,
  };
  flow.definitionLoc = { file, span: { start: old.definitionLoc!.span.start, end: old.definitionLoc!.span.end + shift } };
  const ast = reparseScript(old.script!.text, old.script!.ast, typed.text);
  flow.script = makeScript({ text: typed.text, file, storage: typed.storage, map: typed.map, style: typed.style, ast });
  for (const p of flow.script.ast.problems) {
    out.problems.push({ ruleId: 'pad/syntax', loc: { file, span: typed.map.toFileSpan(p.span) }, message: p.message, solution, flowName: flow.name, script: flow.script, scriptSpan: p.span });
  }
  out.files.add(file.path);
  return flow;
}

/**
 * Each desktop flow as the loader made it, with the entries it made from the same <Workflow>: a v1 package
 * twin "<Name> (package)" follows its flow (same id and metadata file).
 */
function desktopGroups(flows: readonly DesktopFlow[]): Map<DesktopFlow, DesktopFlow[]> {
  const groups = new Map<DesktopFlow, DesktopFlow[]>();
  let last: DesktopFlow | undefined;
  for (const d of flows) {
    if (last && d.script?.fromPackage && d.id === last.id && d.metadataFile === last.metadataFile) groups.get(last)!.push(d);
    else groups.set(last = d, [d]);
  }
  return groups;
}

/** A deployment settings file, loaded as discovery loads it (discover/associate.ts), for the same environment and solution. */
function reloadSettings(old: DeploymentSettings, file: SourceFile, soleSolution: boolean, problems: LoadProblem[]): DeploymentSettings | { declined: string } {
  // 'nearest' among several solutions: the one was chosen by the names the file shares with it, which an edit can change.
  if (old.association === 'nearest' && !soleSolution) return { declined: `${file.path} belongs to its solution by the names it holds` };
  const result = loadSettings(file, old.environment, old.association);
  if (!result.settings) return { declined: `${file.path} is no longer a deployment settings file` };
  for (const p of result.problems) problems.push({ ruleId: 'flowcop/parse-error', loc: { file, span: p.span }, message: p.message });
  return result.settings;
}

function reloadCloudFlow(old: CloudFlow, file: SourceFile, solution: Solution, problems: LoadProblem[]): CloudFlow | { declined: string } {
  let result: ReturnType<typeof loadCloudFlow>;
  try {
    result = loadCloudFlow(file, { id: old.id, name: old.name, metadataFile: old.metadataFile });
  } catch (e) {
    return { declined: `${file.path}: ${loadErrorMessage(e)}` };
  }
  if (!result.flow) return { declined: `${file.path} no longer holds a flow definition` };
  for (const p of result.problems) problems.push({ ruleId: 'flowcop/parse-error', loc: { file, span: p.span }, message: p.message, solution, flowName: old.name });
  return result.flow;
}

/** The desktop flow of a sidecar, built as load/solution.ts desktopFlow() and packageFlows() build it. */
function reloadDesktopFlow(old: DesktopFlow, oldSolution: Solution, solution: Solution, vfs: Vfs, out: FlowReload): DesktopFlow[] | { declined: string } {
  const current = readCurrent(vfs, old.metadataFile.path);
  if ('declined' in current) return current;
  const file = current.file;
  const doc = parseXml(file.text);
  // Malformed XML: the loader's own messages say where (a whole reload).
  if (doc.problems.length || (file.text.length <= VALIDATE_LIMIT && validateXml(file.text))) return { declined: `${file.path} is not well-formed XML` };
  const el = doc.root;
  if (el?.name !== 'Workflow') return { declined: `${file.path} holds no <Workflow>` };
  const id = normalizeGuid(attr(el, 'WorkflowId')?.value) ?? '';
  const name = attr(el, 'Name')?.value ?? childText(doc, child(child(el, 'LocalizedNames'), 'LocalizedName'), 'description') ?? id;
  const jsonRel = (childText(doc, el, 'JsonFileName') ?? '').replace(/^\/+/, '');
  const sameStub = old.stubFile ? jsonRel.toLowerCase() === old.stubFile.toLowerCase() : !jsonRel;
  if (id !== old.id || name !== old.name || childText(doc, el, 'Category') !== '6' || !sameStub) {
    return { declined: `${file.path}: the desktop flow's id, name, kind or JSON file changed` };
  }
  const problem = (span: Span, message: string, flowName?: string, at: SourceFile = file) =>
    out.problems.push({ ruleId: 'flowcop/parse-error', loc: { file: at, span }, message, solution, flowName });
  const flow: DesktopFlow = {
    id,
    name,
    metadataFile: file,
    loc: { file, span: attr(el, 'Name')?.valueSpan ?? el.startTag },
    inputs: variableSchema(doc, child(el, 'Inputs'), name, problem),
    outputs: variableSchema(doc, child(el, 'Outputs'), name, problem),
    connectionReferences: desktopConnectionReferences(doc, child(el, 'ConnectionReferences')),
    stubFile: old.stubFile,
  };
  const def = child(el, 'Definition');
  if (def && !def.selfClosing) {
    flow.definitionLoc = { file, span: def.content };
    const decoded = decodeDefinition(file.text, def.content);
    for (const p of decoded.problems) problem({ start: p.offset, end: p.offset }, `desktop flow "${name}": ${p.message}`, name);
    // Typing changes one line of the script: its tree is the old one with that line parsed again.
    const ast = old.script && !old.script.fromPackage ? reparseScript(old.script.text, old.script.ast, decoded.text) : undefined;
    flow.script = makeScript({ text: decoded.text, file, storage: decoded.storage, map: decoded.map, style: decoded.style, ast });
    for (const p of flow.script.ast.problems) {
      out.problems.push({ ruleId: 'pad/syntax', loc: { file, span: decoded.map.toFileSpan(p.span) }, message: p.message, solution, flowName: name, script: flow.script, scriptSpan: p.span });
    }
  }
  out.files.add(file.path);
  return withPackageTwin(flow, oldSolution, solution, vfs, out);
}

/** The flow, and when it has a Workflows/*.json stub, the v1 package twin the stub holds (read again, as the loader reads it). */
function withPackageTwin(flow: DesktopFlow, oldSolution: Solution, solution: Solution, vfs: Vfs, out: FlowReload): DesktopFlow[] | { declined: string } {
  const flows = [flow];
  if (flow.stubFile) {
    const stubPath = nodePath.join(oldSolution.root, flow.stubFile);
    const stub = readCurrent(vfs, stubPath);
    if ('declined' in stub) return stub;
    out.files.add(stub.file.path);
    try {
      flows.push(...loadPackageScript(flow, stub.file, out.problems, solution));
    } catch (e) {
      out.problems.push({ ruleId: 'flowcop/parse-error', loc: { file: stub.file, span: { start: 0, end: 0 } }, message: loadErrorMessage(e), solution, flowName: undefined });
    }
  }
  return flows;
}

function variableSchema(doc: XmlDocument, el: XmlElement | undefined, flowName: string, problem: (span: Span, message: string, flowName: string) => void): DesktopFlow['inputs'] {
  const text = textOf(doc, el)?.trim();
  if (!text) return [];
  try {
    return schemaVariables(JSON.parse(text));
  } catch {
    problem(el!.content, `desktop flow "${flowName}": <${el!.name}> is not valid JSON`, flowName);
    return [];
  }
}

