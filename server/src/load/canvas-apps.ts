// What a solution's canvas apps show of the connectors they use, without opening their .msapp:
// an unpacked solution keeps each app's metadata in CanvasApps/<name>.meta.xml, an exported one in
// customizations.xml (<CanvasApps><CanvasApp>); both hold <ConnectionReferences>, a JSON object whose
// entries name their connector (`"id": "/providers/microsoft.powerapps/apis/shared_azureblob"`).
// Unreadable metadata leaves `connectors` undefined ("unknown"), never empty: a rule must not take
// "could not read" for "uses nothing". These files are not linted, so they raise no load problem.
import type { CanvasAppInfo } from '../model/types';
import type { SourceFile } from '../util/text';
import { FileTree, readSource } from './tree';
import { child, children, childText, parseXml, XmlDocument, XmlElement } from './xml';

/** The canvas apps described in customizations.xml and in CanvasApps/*.meta.xml (one entry per app name). */
export function canvasApps(tree: FileTree, customDoc: XmlDocument | undefined, customFile: SourceFile | undefined): CanvasAppInfo[] {
  const byName = new Map<string, CanvasAppInfo>();
  const add = (app: CanvasAppInfo | undefined) => {
    if (!app) return;
    const known = byName.get(app.name.toLowerCase());
    // The same app in both places: keep the description that could be read.
    if (!known || (!known.connectors && app.connectors)) byName.set(app.name.toLowerCase(), app);
  };
  if (customDoc && customFile) {
    for (const el of children(child(customDoc.root, 'CanvasApps'), 'CanvasApp')) add(fromElement(customDoc, el, customFile));
  }
  const dir = tree.resolve('CanvasApps');
  for (const entry of dir ? tree.list(dir) : []) {
    if (entry.isDirectory || !/\.meta\.xml$/i.test(entry.name)) continue;
    const file = readSource(tree, `${dir}/${entry.name}`, () => undefined);
    if (!file) continue;
    const doc = parseXml(file.text);
    const root = doc.problems.length ? undefined : doc.root?.name === 'CanvasApp' ? doc.root : child(doc.root, 'CanvasApp');
    add(root ? fromElement(doc, root, file) : { name: entry.name.replace(/\.meta\.xml$/i, ''), loc: { file, span: { start: 0, end: 0 } } });
  }
  return [...byName.values()];
}

function fromElement(doc: XmlDocument, el: XmlElement, file: SourceFile): CanvasAppInfo | undefined {
  const name = childText(doc, el, 'Name');
  if (!name) return undefined;
  return { name, connectors: connectorsOf(childText(doc, el, 'ConnectionReferences')), loc: { file, span: el.startTag } };
}

/** Connector names (`shared_azureblob`, lower case) of a <ConnectionReferences> JSON text; undefined when unreadable. */
export function connectorsOf(json: string | undefined): string[] | undefined {
  if (json === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const out = new Set<string>();
  for (const entry of Object.values(parsed as Record<string, unknown>)) {
    const id = entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
    // An entry whose connector cannot be told makes the whole list unknown.
    if (typeof id !== 'string' || !id.trim()) return undefined;
    out.add(id.split('/').pop()!.toLowerCase());
  }
  return [...out];
}
