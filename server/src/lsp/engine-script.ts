// The script a decoded-script editor shows, as the engine decoded it in its last lint: the first edit of the editor
// splices into it instead of parsing the XML and decoding the <Definition> again (documents.ts spliceScriptEdit).
import * as nodePath from 'node:path';
import type { Unit } from './analyzer';
import { sameGuid } from './guid';
import { DecodedScript, spliceable } from './script-splice';

/**
 * The engine's decoding of flow `flowId`'s script in `path`, when it was decoded from exactly `fileText` without
 * problems (a decoding problem, or any other load problem of the file, leaves it to a fresh decoding).
 */
export function engineDecodedScript(units: Iterable<Unit>, path: string, flowId: string, fileText: string): DecodedScript | undefined {
  for (const u of units) {
    if (!u.solution || !u.files.has(path)) continue;
    const flow = u.solution.desktopFlows.find(d => d.script && !d.script.fromPackage && d.definitionLoc && sameGuid(d.id, flowId) && nodePath.resolve(d.metadataFile.path) === path);
    if (!flow) continue;
    const script = flow.script!;
    // The text it was decoded from is the one the editor's edits go into; the script lies in the flow's <Definition>.
    if (flow.metadataFile.text !== fileText || script.file !== flow.metadataFile) return undefined;
    const region = script.map.fileSpan;
    const definition = flow.definitionLoc!.span;
    if (region.start < definition.start || region.end > definition.end) return undefined;
    const fileProblem = u.workspace.problems.some(p => p.ruleId !== 'pad/syntax' && nodePath.resolve(p.loc.file.path) === path);
    if (fileProblem) return undefined;
    return spliceable(fileText, flowId, script);
  }
  return undefined;
}
