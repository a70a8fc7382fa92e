// A desktop flow's script inside the XML file that stores it (a .json.data.xml sidecar or customizations.xml),
// or, read-only, in a YAML workflow.yml or a v1 flow JSON's package (readOnlyScripts.ts):
// find it, decode it, and put an edited script back, re-encoded the way the <Definition> stores it, with every
// other byte of the file kept (BOM, encoding, line endings). Pure: the client (the decoded-script editor)
// and the server (overlays of unsaved script editors) both use it.
import { createHash } from 'node:crypto';
import { DecodedDefinition, decodeDefinition, encodeForDefinition, EncodingStyle } from '../load/definition';
import { attr, child, children, parseXml, XmlElement } from '../load/xml';
import { decodeText, encodeText } from '../load/vfs';
import type { Span, TextEncoding } from '../util/text';
import { normalizeGuid } from './guid';
import { isPackageScriptPath, isYamlScriptPath, locatePackageScript, locateYamlScript } from './readOnlyScripts';

export interface LocatedScript {
  /** The decoded script. */
  text: string;
  storage: 'json-string' | 'xml-text';
  style: EncodingStyle;
  /** The span of the file text (BOM excluded) that the script occupies. */
  region: Span;
  /** The decoded text of the whole file. */
  fileText: string;
  /** SHA-1 of the file's bytes. */
  hash: string;
  bom: boolean;
  encoding: TextEncoding;
  flowName: string;
  /** Set for a script shown read-only (YAML Definition, v1 package): why a save is refused. */
  readOnly?: string;
}

export function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** The <Workflow> element of a desktop flow in an XML text (a sidecar's root, or under <Workflows>). */
function workflowElement(text: string, flowId: string): XmlElement | undefined {
  const doc = parseXml(text);
  const wanted = normalizeGuid(flowId);
  const candidates = doc.root?.name === 'Workflow' ? [doc.root] : children(child(doc.root, 'Workflows'), 'Workflow');
  return candidates.find(el => normalizeGuid(attr(el, 'WorkflowId')?.value) === wanted)
    ?? (doc.root?.name === 'Workflow' && !wanted ? doc.root : undefined);
}

/** Locates and decodes the script of desktop flow `flowId` in a decoded XML text. */
export function locateScriptInText(fileText: string, flowId: string): Omit<LocatedScript, 'hash' | 'bom' | 'encoding' | 'fileText'> | { error: string } {
  const located = decodeScriptInText(fileText, flowId);
  if ('error' in located) return located;
  const { decoded, flowName } = located;
  return { text: decoded.text, storage: decoded.storage, style: decoded.style, region: decoded.map.fileSpan, flowName };
}

/** The decoded <Definition> of desktop flow `flowId` in a decoded XML text, with its source map and decoding problems. */
export function decodeScriptInText(fileText: string, flowId: string): { decoded: DecodedDefinition; flowName: string } | { error: string } {
  const el = workflowElement(fileText, flowId);
  if (!el) return { error: `the file holds no desktop flow with id ${flowId}` };
  const def = child(el, 'Definition');
  if (!def || def.selfClosing) return { error: 'the desktop flow has no <Definition> (its script is not in the solution)' };
  return { decoded: decodeDefinition(fileText, def.content), flowName: attr(el, 'Name')?.value ?? flowId };
}

/** Locates and decodes the script of desktop flow `flowId` in a file's bytes. */
export function locateScript(bytes: Uint8Array, path: string, flowId: string): LocatedScript | { error: string } {
  const decoded = decodeText(bytes, path);
  if ('error' in decoded) return { error: decoded.error };
  // Read-only kinds are told apart by the file holding them: workflow.yml (YAML layout), the flow JSON (v1 package).
  const located = isYamlScriptPath(path) ? locateYamlScript(decoded.file.text, flowId)
    : isPackageScriptPath(path) ? locatePackageScript(decoded.file.text, path, flowId)
    : locateScriptInText(decoded.file.text, flowId);
  if ('error' in located) return located;
  return { ...located, fileText: decoded.file.text, hash: decoded.file.hash || sha1(bytes), bom: decoded.file.bom, encoding: decoded.file.encoding };
}

/** The file text with the script replaced by `script`, encoded like the original definition. */
export function replaceScriptInText(located: Pick<LocatedScript, 'fileText' | 'region' | 'storage' | 'style'>, script: string): string {
  const { fileText, region } = located;
  return fileText.slice(0, region.start) + encodeForDefinition(script, located.storage, located.style) + fileText.slice(region.end);
}

/**
 * The new bytes of the XML file with `script` in place of the flow's script. Refuses when the bytes
 * changed since `expectedHash` was read, or when the result would not decode back to `script`.
 */
export function rewriteScript(bytes: Uint8Array, path: string, flowId: string, script: string, expectedHash: string | undefined):
  { bytes: Buffer; hash: string } | { error: string } {
  const located = locateScript(bytes, path, flowId);
  if ('error' in located) return located;
  if (located.readOnly) return { error: `${path}: ${located.readOnly} Nothing was written.` };
  if (expectedHash && located.hash !== expectedHash) {
    return { error: `${path} changed on disk since the desktop flow script was opened; nothing was written. Close the script and open it again (FlowCop: Open Desktop Flow Script) to edit the current version.` };
  }
  const text = replaceScriptInText(located, script);
  const check = locateScriptInText(text, flowId);
  if ('error' in check || check.text !== script) {
    return { error: `the edited script could not be stored in ${path} so that it reads back unchanged; nothing was written.` };
  }
  const out = encodeText(text, { bom: located.bom, encoding: located.encoding });
  return { bytes: out, hash: sha1(out) };
}

/** `flowcop-script:` URI path for a flow: the XML path, then the flow name as a .robin file. */
export function scriptUriPath(xmlPath: string, flowName: string): string {
  const safe = flowName.replace(/[\\/:*?"<>|#%]/g, '_').trim() || 'script';
  const p = xmlPath.replace(/\\/g, '/');
  return `${p.startsWith('/') ? '' : '/'}${p}/${safe}.robin`;
}

/** The XML path and flow id of a `flowcop-script:` URI's path and query. */
export function parseScriptUri(uriPath: string, query: string): { xmlPath: string; flowId: string } {
  let p = uriPath.slice(0, uriPath.lastIndexOf('/'));
  // Windows: /c:/x/y → c:/x/y
  if (/^\/[A-Za-z]:\//.test(p)) p = p.slice(1);
  const id = /(?:^|&)id=([^&]*)/.exec(query)?.[1];
  return { xmlPath: p, flowId: decodeURIComponent(id ?? query) };
}
