// Decoded-script editors (`flowcop-script:` documents, see scriptFile.ts and readOnlyScripts.ts): which
// desktop flow an editor shows, and — written once, for diagnostics, code actions and "fix all" — whether a
// finding belongs to that editor and where it sits in the editor's text.
import * as nodePath from 'node:path';
import type { Range } from 'vscode-languageserver';
import type { Finding } from '../findings/finding';
import type { Script } from '../model/types';
import { computeLineStarts } from '../util/text';
import { rangeInText } from './convert';
import { sameGuid } from './guid';
import { SCRIPT_SCHEME } from './protocol';
import { parseScriptUri } from './scriptFile';

/** The flow a decoded-script editor shows: the file holding its script and the flow's id. */
export interface ScriptEditor {
  /** The XML, workflow.yml or (a v1 package script) flow JSON the script is read from; absolute. */
  xmlPath: string;
  flowId: string;
}

export const isScriptUri = (uri: string): boolean => uri.startsWith(`${SCRIPT_SCHEME}:`);

/** The flow of a `flowcop-script:/<file path>/<flow name>.robin?id=<flow id>` URI, or undefined for other URIs. */
export function scriptEditorOf(uri: string): ScriptEditor | undefined {
  if (!isScriptUri(uri)) return undefined;
  const m = /^[^:]+:(?:\/\/[^/]*)?([^?#]*)(?:\?([^#]*))?/.exec(uri);
  if (!m) return undefined;
  const { xmlPath, flowId } = parseScriptUri(decodeURIComponent(m[1]), decodeURIComponent(m[2] ?? ''));
  return { xmlPath: nodePath.resolve(xmlPath), flowId };
}

/**
 * Whether a finding shows in a decoded-script editor: it has a position in a desktop flow's script, and
 * that flow is the editor's — same id, script read from the editor's file (the XML or workflow.yml holding
 * the flow, or for a v1 package script the flow JSON).
 */
export function belongsToScriptEditor(finding: Finding, editor: ScriptEditor): boolean {
  const df = finding.owner.desktopFlow;
  if (!df?.script || !finding.scriptSpan) return false;
  const holder = df.script.fromPackage ? df.script.file.path : df.metadataFile.path;
  return nodePath.resolve(holder) === editor.xmlPath && sameGuid(df.id, editor.flowId);
}

/** Line starts of each script, computed once (a publication places every finding of a 5,000-line script). */
const scriptLineStarts = new WeakMap<Script, number[]>();

/** The finding's range in the decoded script (the editor's text); only for a finding that belongs to a script editor. */
export function rangeInScript(finding: Finding): Range | undefined {
  const script = finding.owner.desktopFlow?.script;
  if (!script || !finding.scriptSpan) return undefined;
  let starts = scriptLineStarts.get(script);
  if (!starts) scriptLineStarts.set(script, starts = computeLineStarts(script.text));
  return rangeInText(starts, script.text.length, finding.scriptSpan);
}
