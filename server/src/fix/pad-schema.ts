// The desktop flow's side of the fixes outside its script: the <Inputs>/<Outputs> JSON schema in the
// solution XML, and the cloud flows that run the desktop flow (and pass its inputs).
import { pointerPath, prop, stringValue } from '../load/json';
import { attr, children, decodeEntities, escapeXml, parseXml, XmlElement } from '../load/xml';
import { normalizeGuid } from '../load/solution';
import type { CloudFlow, DesktopFlow, FlowAction, Solution } from '../model/types';
import { ChangeBuilder, FixError } from './change';

// ---------------------------------------------------------------------------------------------
// The desktop flow's <Inputs>/<Outputs> JSON schema in the XML

export interface SchemaProperty { [key: string]: unknown }
export interface FlowSchema { schema: { properties?: Record<string, SchemaProperty>; type?: string; [k: string]: unknown } | null; [k: string]: unknown }

export function workflowElement(df: DesktopFlow): XmlElement | undefined {
  const doc = parseXml(df.metadataFile.text);
  const stack: XmlElement[] = doc.root ? [doc.root] : [];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.name === 'Workflow' && normalizeGuid(attr(el, 'WorkflowId')?.value) === df.id) return el;
    stack.push(...children(el));
  }
  return undefined;
}

/** Rewrites the <Inputs>/<Outputs> JSON of a desktop flow (compact JSON, escaped like the original). */
export function editSchemas(b: ChangeBuilder, df: DesktopFlow, edit: Partial<Record<'Inputs' | 'Outputs', (s: FlowSchema) => void>>): void {
  const wf = workflowElement(df);
  if (!wf) return;
  const file = df.metadataFile;
  for (const which of ['Inputs', 'Outputs'] as const) {
    const mutate = edit[which];
    if (!mutate) continue;
    const el = children(wf, which)[0];
    if (!el) continue;
    const raw = file.text.slice(el.content.start, el.content.end);
    let parsed: FlowSchema;
    try {
      parsed = raw.trim() ? JSON.parse(decodeEntities(raw.replace(/^<!\[CDATA\[|\]\]>$/g, ''))) : { schema: null };
    } catch {
      throw new FixError(`the <${which}> of desktop flow "${df.name}" is not valid JSON`);
    }
    const before = JSON.stringify(parsed);
    mutate(parsed);
    const json = JSON.stringify(parsed);
    if (json === before) continue;
    let escaped = escapeXml(json);
    if (raw.includes('&quot;')) escaped = escaped.replace(/"/g, '&quot;');
    if (el.selfClosing) b.replace(file, el.span, `<${el.name}>${escaped}</${el.name}>`);
    else b.replace(file, el.content, escaped);
  }
}

/** The schema entry of a new text input (the shape Power Automate Desktop exports). */
function textProperty(name: string, description: string): SchemaProperty {
  return { default: '', description, format: null, title: name, type: 'string', value: '' };
}

const SLOT_MARK = '\u0000flowcop-slot\u0000';

/**
 * Adds a text input to the desktop flow's <Inputs> schema as an append (append.ts): the compact JSON
 * is rendered with a marker member where new members go, and the text around it is the slot, so the
 * inputs several moves of a round add to one flow join one edit.
 */
export function appendSchemaInput(b: ChangeBuilder, df: DesktopFlow, name: string, description: string): void {
  const wf = workflowElement(df);
  const el = wf && children(wf, 'Inputs')[0];
  if (!el) return;
  const file = df.metadataFile;
  const raw = file.text.slice(el.content.start, el.content.end);
  let parsed: FlowSchema;
  try {
    parsed = raw.trim() ? JSON.parse(decodeEntities(raw.replace(/^<!\[CDATA\[|\]\]>$/g, ''))) : { schema: null };
  } catch {
    throw new FixError(`the <Inputs> of desktop flow "${df.name}" is not valid JSON`);
  }
  if (!parsed || typeof parsed !== 'object') throw new FixError(`the <Inputs> of desktop flow "${df.name}" is not a schema`);
  if (schemaProperty(parsed, name)) return;
  if (!parsed.schema) parsed.schema = { properties: {}, type: 'object' };
  const props = parsed.schema.properties ?? {};
  if (typeof props !== 'object' || Array.isArray(props)) throw new FixError(`the <Inputs> of desktop flow "${df.name}" has properties FlowCop cannot extend`);
  parsed.schema.properties = { ...props, [SLOT_MARK]: {} };
  const json = JSON.stringify(parsed);
  const marker = `${JSON.stringify(SLOT_MARK)}:{}`;
  const at = json.indexOf(marker);
  const escape = (t: string) => (raw.includes('&quot;') ? escapeXml(t).replace(/"/g, '&quot;') : escapeXml(t));
  let open = escape(json.slice(0, at));
  let close = escape(json.slice(at + marker.length));
  if (el.selfClosing) {
    open = `<${el.name}>${open}`;
    close = `${close}</${el.name}>`;
  }
  const item = { key: name.toLowerCase(), text: escape(`${JSON.stringify(name)}:${JSON.stringify(textProperty(name, description))}`) };
  b.append(file, el.selfClosing ? el.span : el.content, { id: `xml-json:Inputs/${df.id}`, open, separator: escape(','), close }, item);
}

export function schemaProperty(s: FlowSchema, name: string): SchemaProperty | undefined {
  const props = s.schema?.properties ?? {};
  const key = Object.keys(props).find(k => k.toLowerCase() === name.toLowerCase());
  return key ? props[key] : undefined;
}

export function removeSchemaProperties(s: FlowSchema, names: string[]): void {
  const props = s.schema?.properties;
  if (!props) return;
  for (const k of Object.keys(props)) if (names.some(n => n.toLowerCase() === k.toLowerCase())) delete props[k];
  if (Object.keys(props).length === 0) s.schema = null;
}

export function addSchemaProperty(s: FlowSchema, name: string, description: string): void {
  if (schemaProperty(s, name)) return;
  if (!s.schema) s.schema = { properties: {}, type: 'object' };
  s.schema.properties ??= {};
  s.schema.properties[name] = textProperty(name, description);
}

// ---------------------------------------------------------------------------------------------
// Cloud flows that run a desktop flow (RunUIFlow_V2 with uiFlowId = its id)

export interface Caller { flow: CloudFlow; action: FlowAction }

export function callersOf(solution: Solution | undefined, df: DesktopFlow | undefined): Caller[] {
  if (!solution || !df) return [];
  const out: Caller[] = [];
  for (const flow of solution.cloudFlows) {
    for (const action of flow.actions) {
      if (!/^runuiflow/i.test(action.host?.operationId ?? '')) continue;
      const id = normalizeGuid(stringValue(prop(prop(action.inputs, 'parameters'), 'uiFlowId')));
      if (id === df.id) out.push({ flow, action });
    }
  }
  return out;
}

/** The JSON path of a caller's input parameter (`item/<Input>`, or `item` → `<Input>`), and whether it exists. */
export function callerInputPath(c: Caller, input: string): { path: string[]; exists: boolean } {
  const params = prop(c.action.inputs, 'parameters');
  const base = [...pointerPath(c.action.pointer), 'inputs', 'parameters'];
  const item = prop(params, 'item');
  const lower = input.toLowerCase();
  if (item?.type === 'object') {
    const key = item.children?.map(p => p.children?.[0]?.value as string).find(k => k?.toLowerCase() === lower);
    return { path: [...base, 'item', key ?? input], exists: !!key };
  }
  const key = params?.children?.map(p => p.children?.[0]?.value as string).find(k => k?.toLowerCase() === `item/${lower}`);
  return { path: [...base, key ?? `item/${input}`], exists: !!key };
}

/** What a caller passes to the desktop flow's inputs: `item/<Input>` parameters (or `item` → `<Input>`) with string values. */
export function callerInputs(c: Caller): Array<{ name: string; value: string }> {
  const params = prop(c.action.inputs, 'parameters');
  const item = prop(params, 'item');
  const pairs = item?.type === 'object'
    ? (item.children ?? []).map(p => [p.children?.[0]?.value, p.children?.[1]?.value])
    : (params?.children ?? []).map(p => [p.children?.[0]?.value, p.children?.[1]?.value]).filter(([k]) => typeof k === 'string' && /^item\//i.test(k))
      .map(([k, v]) => [(k as string).slice('item/'.length), v]);
  return pairs.filter((x): x is [string, string] => typeof x[0] === 'string' && typeof x[1] === 'string').map(([name, value]) => ({ name, value }));
}
