// Desktop-flow scripts the decoded-script editor shows but never writes back (lsp/scriptFile.ts dispatches here):
// - a YAML-layout workflow.yml's `Definition:` scalar (writing into a YAML scalar is not supported yet);
// - a v1 desktop flow's base64-zipped `properties.definition.package` in its JSON (FlowCop never rewrites the package).
// Pure: decodes the same way the loaders do (load/yaml-script.ts, load/pad-package.ts), so the editor shows
// exactly the text the findings' script positions refer to.
import { readPackage } from '../load/pad-package';
import { parseYaml, yamlChildText, yamlGet } from '../load/yaml';
import { decodeYamlScript } from '../load/yaml-script';
import type { EncodingStyle } from '../load/definition';
import { createSourceFile, Span } from '../util/text';
import { normalizeGuid } from './guid';

export interface ReadOnlyScript {
  text: string;
  storage: 'json-string' | 'xml-text';
  style: EncodingStyle;
  region: Span;
  flowName: string;
  /** Why a save is refused (shown to the user). */
  readOnly: string;
}

export const YAML_READ_ONLY = 'this desktop flow script is kept in a YAML workflow.yml (Definition:); FlowCop shows it read-only: writing back into a YAML scalar is not supported. Edit the flow in Power Automate for desktop, or edit the Definition in workflow.yml.';
export const PACKAGE_READ_ONLY = 'this desktop flow script is decoded from the base64 zip `properties.definition.package` of a v1 desktop flow; FlowCop shows it read-only and never rewrites the package. Edit the flow in Power Automate for desktop and export it again.';

const PLAIN_STYLE: EncodingStyle = { xmlQuot: false, xmlApos: false, xmlGt: false, jsonAsciiOnly: false, jsonSlash: false };

export function isYamlScriptPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

export function isPackageScriptPath(path: string): boolean {
  return /\.json$/i.test(path);
}

/** The script in `Definition:` of the Category 6 workflow.yml text whose @WorkflowId is `flowId`. */
export function locateYamlScript(fileText: string, flowId: string): ReadOnlyScript | { error: string } {
  const doc = parseYaml(fileText);
  const el = yamlGet(doc.root, 'Workflow');
  if (!el || el.kind !== 'map') return { error: doc.problems.length ? 'the file is not readable YAML' : 'the file holds no Workflow: mapping' };
  const id = normalizeGuid(yamlChildText(el, '@WorkflowId'));
  if (normalizeGuid(flowId) && id !== normalizeGuid(flowId)) return { error: `the file holds no desktop flow with id ${flowId}` };
  const def = yamlGet(el, 'Definition');
  if (!def || def.kind !== 'scalar' || !def.text.trim()) return { error: 'the desktop flow has no Definition (its script is not in the solution)' };
  const decoded = decodeYamlScript(fileText, def);
  return {
    text: decoded.text, storage: decoded.storage, style: decoded.style, region: decoded.map.fileSpan,
    flowName: yamlChildText(el, '@Name')?.trim() || flowId, readOnly: YAML_READ_ONLY,
  };
}

/** The script.robin of the base64 zip `properties.definition.package` in a v1 desktop flow's JSON text. */
export function locatePackageScript(fileText: string, path: string, flowId: string): ReadOnlyScript | { error: string } {
  const read = readPackage(createSourceFile(path, fileText));
  if (read.kind === 'none') return { error: 'the file holds no desktop flow package (properties.definition.package)' };
  if (read.kind === 'error') return { error: `the desktop flow package cannot be read: ${read.message}` };
  return { text: read.text, storage: 'json-string', style: { ...PLAIN_STYLE }, region: read.valueSpan, flowName: flowId, readOnly: PACKAGE_READ_ONLY };
}
