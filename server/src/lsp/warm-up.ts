// Warming the as-you-type paths while the server is idle after its first scan. A scan lints every flow whole; the
// first keystrokes then run code it never ran (the splice, the reload of one flow, the reparse of one line, the
// scoped checks), meet new object shapes in the facts, and fill the memos of the flow they edit, so the first edits
// cost several times a later one. Here a desktop flow's script and a cloud flow (those of open editors, else the
// largest) are edited a few times and re-linted through the same code (incremental.ts relintChangedFlows), as their
// editors would, and every result is dropped: no unit, document or overlay changes, nothing is published. Each
// step is one such re-lint; the session runs a step per turn of the event loop and stops at the first edit.
import * as nodePath from 'node:path';
import type { Finding } from '../findings/finding';
import { groupByValue } from '../findings/fold';
import { OverlayVfs, Vfs } from '../load/vfs';
import type { CloudFlow, DesktopFlow, Solution, Workspace } from '../model/types';
import { RULES } from '../rules/registry';
import type { AnalyzerOptions, Unit } from './analyzer';
import { findingId, relatedPlaces, toDiagnostic } from './convert';
import { relintChangedFlows } from './incremental';
import { DecodedScript, spliceable, spliceScript } from './script-splice';

/**
 * Edits typed into the script: its first real edits cost 2-3x a later one until V8 has optimised the reparse's
 * offset moves and the script facts on the shapes an edit makes, which takes about ten edits (3 left them cold).
 */
export const SCRIPT_WARM_UP_EDITS = 12;
/** Edits typed into the cloud flow. */
export const CLOUD_WARM_UP_EDITS = 3;

/** The layouts an edit is re-linted incrementally in (reload-flow.ts). */
const INCREMENTAL_LAYOUTS = new Set<Solution['layout']>(['unpacked', 'cdsproj', 'raw']);

/**
 * One edit re-linted and dropped; false when there was nothing to re-lint incrementally (the edit could not be made,
 * or was declined). `flowPath`: the file of the flow it edits; `kind`: which path it warms.
 */
export type WarmUpStep = (() => boolean) & { readonly flowPath: string; readonly kind: 'script' | 'cloud' };

/** The unit's state as the edits so far left it (the unit itself is never changed). */
interface Chain {
  unit: Unit;
  solution: Solution;
  workspace: Workspace;
  findings: Finding[];
}

/** The flows the warm-up may edit: those of solutions re-linted incrementally (desktop flows whose script its editor edits). */
function editableFlows(units: Iterable<Unit>) {
  const candidates = [...units].filter(u => u.kind === 'solution' && u.solution && u.configs && INCREMENTAL_LAYOUTS.has(u.solution.layout));
  return {
    desktop: candidates.flatMap(u => u.solution!.desktopFlows.filter(editableScript).map(flow => ({ u, flow, path: nodePath.resolve(flow.metadataFile.path) }))),
    cloud: candidates.flatMap(u => u.solution!.cloudFlows.map(flow => ({ u, flow, path: nodePath.resolve(flow.file.path) }))),
  };
}

/**
 * The warm-up steps for these units: edits of a desktop flow's script and of a cloud flow (the flows in `preferred`
 * files first, else the largest), interleaved. `vfs` is read only (a desktop flow's v1 stub, as a re-lint reads it).
 */
export function warmUpSteps(units: Iterable<Unit>, options: () => AnalyzerOptions, vfs: Vfs, preferred: ReadonlySet<string> = new Set()): WarmUpStep[] {
  const flows = editableFlows(units);
  const desktop = pick(flows.desktop, x => preferred.has(x.path), x => x.flow.script!.text.length);
  const cloud = pick(flows.cloud, x => preferred.has(x.path), x => x.flow.file.text.length);
  const scriptEdits = desktop ? scriptSteps(desktop.u, desktop.flow, options, vfs) : [];
  const cloudEdits = cloud ? cloudSteps(cloud.u, cloud.flow, options, vfs) : [];
  const out: WarmUpStep[] = [];
  for (let i = 0; i < Math.max(SCRIPT_WARM_UP_EDITS, CLOUD_WARM_UP_EDITS); i++) {
    if (scriptEdits[i]) out.push(scriptEdits[i]);
    if (cloudEdits[i]) out.push(cloudEdits[i]);
  }
  return out;
}

/**
 * The warm-up steps for the flow stored in `path` (a desktop flow's metadata file, or a cloud flow's file) as its
 * editor opens: the edits `warmUpSteps` types into that flow; none when the flow is not edited incrementally.
 */
export function openedFlowSteps(units: Iterable<Unit>, options: () => AnalyzerOptions, vfs: Vfs, path: string): WarmUpStep[] {
  const flows = editableFlows(units);
  const desktop = flows.desktop.find(x => x.path === path);
  if (desktop) return scriptSteps(desktop.u, desktop.flow, options, vfs);
  const cloud = flows.cloud.find(x => x.path === path);
  return cloud ? cloudSteps(cloud.u, cloud.flow, options, vfs) : [];
}

/** A step that runs `run`, an edit of the flow stored in `flowPath` (a desktop flow's script, or a cloud flow). */
export const warmUpStep = (flowPath: string, kind: WarmUpStep['kind'], run: () => boolean): WarmUpStep => Object.assign(run, { flowPath, kind });

function pick<T>(items: T[], preferred: (x: T) => boolean, size: (x: T) => number): T | undefined {
  return items.find(preferred) ?? items.sort((a, b) => size(b) - size(a))[0];
}

/** A script its decoded-script editor edits: stored in its sidecar's <Definition>. */
function editableScript(flow: DesktopFlow): boolean {
  const s = flow.script;
  return !!s && !s.fromPackage && !!flow.definitionLoc && (s.storage === 'xml-text' || s.storage === 'json-string');
}

/**
 * One edit re-linted as the session re-lints it (analyzer.ts relint), its findings made into diagnostics as a
 * publication makes them; the chain moves on to the result.
 */
function relintEdit(chain: Chain, path: string, options: () => AnalyzerOptions, vfs: Vfs, spliced?: { script: DecodedScript; bom: boolean }): boolean {
  const { environment, override } = options();
  let result: ReturnType<typeof relintChangedFlows>;
  try {
    result = relintChangedFlows({
      solution: chain.solution, workspace: chain.workspace, findings: chain.findings, configs: chain.unit.configs!, rules: RULES, environment, override,
      splicedScripts: spliced ? () => ({ scripts: [spliced.script], bom: spliced.bom }) : undefined,
    }, new Set([path]), vfs);
  } catch {
    // A real edit that meets the same failure says so (analyzer.ts relint lints the unit whole); this one is dropped.
    return false;
  }
  if (result === 'unchanged' || 'declined' in result) return false;
  chain.solution = result.solution;
  chain.workspace = result.workspace;
  chain.findings = result.findings;
  const groups = groupByValue(result.findings);
  for (const f of result.findings) toDiagnostic(f, findingId(f), undefined, relatedPlaces(f, groups.get(f)));
  return true;
}

/**
 * Where the warm-up types into a script: inside its first string literal past the middle, else its last, else at its
 * end. An edit there re-parses one line and moves the offsets of the half after it, as a typical edit does: typing
 * into the last literal moved almost nothing, and the first real edits stayed as slow as without a warm-up.
 */
function scriptTypingPlace(text: string): number {
  let at = text.length;
  for (const m of text.matchAll(/\$?'''[^']*'''|'[^'\n]*'/g)) {
    at = m.index! + m[0].length - (m[0].endsWith("'''") ? 3 : 1);
    if (at >= text.length / 2) break;
  }
  return at;
}

/** Edits typed into the flow's script, spliced into its file's text as its editor splices them. */
function scriptSteps(u: Unit, flow: DesktopFlow, options: () => AnalyzerOptions, vfs: Vfs): WarmUpStep[] {
  const path = nodePath.resolve(flow.metadataFile.path);
  let state: { chain: Chain; decoded: DecodedScript; at: number } | null | undefined;
  return Array.from({ length: SCRIPT_WARM_UP_EDITS }, (_, i) => warmUpStep(path, 'script', () => {
    if (state === undefined) {
      const decoded = spliceable(flow.metadataFile.text, flow.id, flow.script!);
      state = decoded ? { chain: { unit: u, solution: u.solution!, workspace: u.workspace, findings: u.findings }, decoded, at: scriptTypingPlace(decoded.text) } : null;
    }
    if (!state) return false;
    const text = state.decoded.text;
    const next = spliceScript(state.decoded, text.slice(0, state.at) + 'abc'[i % 3] + text.slice(state.at));
    if (!next) { state = null; return false; }
    state.decoded = next;
    state.at++;
    return relintEdit(state.chain, path, options, vfs, { script: next, bom: flow.metadataFile.bom });
  }));
}

/** Edits typed into the cloud flow's file (inside its last string value), read through an overlay as an open editor's text is. */
function cloudSteps(u: Unit, flow: CloudFlow, options: () => AnalyzerOptions, vfs: Vfs): WarmUpStep[] {
  const path = nodePath.resolve(flow.file.path);
  let state: { chain: Chain; text: string; at: number; overlay: OverlayVfs } | null | undefined;
  return Array.from({ length: CLOUD_WARM_UP_EDITS }, (_, i) => warmUpStep(path, 'cloud', () => {
    if (state === undefined) {
      const value = flow.file.text.lastIndexOf('": "');
      state = value < 0 ? null : { chain: { unit: u, solution: u.solution!, workspace: u.workspace, findings: u.findings }, text: flow.file.text, at: value + 4, overlay: new OverlayVfs(vfs) };
    }
    if (!state) return false;
    state.text = state.text.slice(0, state.at) + 'abc'[i % 3] + state.text.slice(state.at);
    state.at++;
    state.overlay.set(path, state.text, flow.file.bom);
    return relintEdit(state.chain, path, options, state.overlay);
  }));
}
