// Reads a cloud flow definition (Workflows/<Name>-<GUID>.json) into the model.
import { partitionPoint } from '../util/search';
import type { CloudFlow, FlowAction, FlowConnectionReference, FlowParameter, ParameterUse } from '../model/types';
import type { SourceFile, Span } from '../util/text';
import { entries, escapePointerPart, JsonNode, parseJson, pointerOf, prop, span, stringValue } from './json';

export interface CloudFlowLoadResult {
  flow?: CloudFlow;
  /** The JSON has a flow definition (properties.definition or definition). */
  isFlow: boolean;
  problems: Array<{ span: Span; message: string }>;
}

export function loadCloudFlow(file: SourceFile, meta: { id: string; name: string; metadataFile?: SourceFile }): CloudFlowLoadResult {
  const parsed = parseJson(file.text);
  const problems = parsed.problems.map(p => ({ span: { start: p.offset, end: p.offset + p.length }, message: p.message }));
  const root = parsed.root;
  if (!root || root.type !== 'object') {
    if (!problems.length) problems.push({ span: { start: 0, end: 0 }, message: 'a cloud flow definition must be a JSON object' });
    return { isFlow: false, problems };
  }
  const properties = prop(root, 'properties');
  const definition = prop(properties, 'definition') ?? prop(root, 'definition');
  if (!definition || definition.type !== 'object') return { isFlow: false, problems };
  // A desktop flow's stub also has properties.definition ({"package": ""}): not a cloud flow.
  if (prop(definition, 'package') && !prop(definition, 'actions') && !prop(definition, 'triggers')) return { isFlow: false, problems };

  const flow: CloudFlow = {
    id: meta.id,
    name: meta.name,
    file,
    json: root,
    metadataFile: meta.metadataFile,
    connectionReferences: connectionReferences(file, prop(properties, 'connectionReferences')),
    parameters: parameters(file, prop(definition, 'parameters')),
    triggers: [],
    actions: [],
    parameterUses: [],
  };
  collectActions(file, prop(definition, 'triggers'), undefined, flow.triggers, true);
  collectActions(file, prop(definition, 'actions'), undefined, flow.actions);
  flow.parameterUses = parameterUses(file, definition, [...flow.triggers, ...flow.actions]);
  return { flow, isFlow: true, problems };
}

function connectionReferences(file: SourceFile, node: JsonNode | undefined): FlowConnectionReference[] {
  return entries(node).map(([key, keyNode, value]) => {
    const connection = prop(value, 'connection');
    return {
      key,
      logicalName: stringValue(prop(connection, 'connectionReferenceLogicalName')),
      connectionName: stringValue(prop(connection, 'name')),
      apiName: stringValue(prop(prop(value, 'api'), 'name')),
      runtimeSource: stringValue(prop(value, 'runtimeSource')),
      node: value,
      loc: { file, span: span(keyNode) },
    };
  });
}

function parameters(file: SourceFile, node: JsonNode | undefined): FlowParameter[] {
  return entries(node)
    .filter(([name]) => name !== '$connections' && name !== '$authentication')
    .map(([name, keyNode, value]) => ({
      name,
      schemaName: stringValue(prop(prop(value, 'metadata'), 'schemaName')),
      type: stringValue(prop(value, 'type')),
      defaultValue: prop(value, 'defaultValue'),
      node: value,
      loc: { file, span: span(keyNode) },
    }));
}

function action(file: SourceFile, name: string, key: JsonNode, value: JsonNode, trigger: boolean, pointer: string, parent?: FlowAction): FlowAction {
  const inputs = prop(value, 'inputs');
  const host = prop(inputs, 'host');
  let connectionName = stringValue(prop(host, 'connectionName'));
  // Older "ApiConnection" actions name the connection through $connections.
  const legacy = stringValue(prop(prop(host, 'connection'), 'name'));
  if (!connectionName && legacy) connectionName = /\['\$connections'\]\['([^']+)'\]/.exec(legacy)?.[1];
  return {
    name,
    type: stringValue(prop(value, 'type')) ?? '',
    trigger,
    node: value,
    inputs,
    host: host ? { connectionName, operationId: stringValue(prop(host, 'operationId')), apiId: stringValue(prop(host, 'apiId')) } : undefined,
    description: stringValue(prop(value, 'description')),
    parent,
    pointer,
    loc: { file, span: span(key) },
  };
}

/**
 * The actions (or triggers) of one container object, nested ones after each, in document order. Reads
 * the tree in place: no entry tuples, and the container's pointer once, not a walk to the root per action.
 */
function collectActions(file: SourceFile, container: JsonNode | undefined, parent: FlowAction | undefined, out: FlowAction[], trigger = false): void {
  if (container?.type !== 'object' || !container.children) return;
  const properties = container.children;
  let base: string | undefined;
  for (let i = 0; i < properties.length; i++) {
    const pair = properties[i].children;
    const key = pair?.[0];
    const value = pair?.[1];
    const name = key?.value;
    if (!key || !value || typeof name !== 'string' || (!trigger && value.type !== 'object')) continue;
    base ??= pointerOf(container);
    const a = action(file, name, key, value, trigger, base + '/' + escapePointerPart(name), parent);
    out.push(a);
    if (trigger) continue;
    collectActions(file, prop(value, 'actions'), a, out);
    collectActions(file, prop(prop(value, 'else'), 'actions'), a, out);
    const cases = prop(value, 'cases');
    const caseProperties = cases?.type === 'object' ? cases.children : undefined;
    if (caseProperties) for (let c = 0; c < caseProperties.length; c++) collectActions(file, prop(caseProperties[c].children?.[1], 'actions'), a, out);
    collectActions(file, prop(prop(value, 'default'), 'actions'), a, out);
  }
}

const PARAMETERS_CALL = /parameters\(\s*'((?:[^']|'')*)'\s*\)/g;

function parameterUses(file: SourceFile, definition: JsonNode, actions: FlowAction[]): ParameterUse[] {
  const uses: ParameterUse[] = [];
  const skip = prop(definition, 'parameters');
  const text = file.text;
  const definitionEnd = definition.offset + definition.length;
  let innermostAction: ((offset: number) => FlowAction | undefined) | undefined;
  // From each `parameters(` in the text down to the string holding it (a few per flow), instead of a
  // walk over every node; strings come in document order, each read once.
  for (let at = text.indexOf('parameters(', definition.offset); at >= 0 && at < definitionEnd; at = text.indexOf('parameters(', at + 1)) {
    const node = stringAt(definition, at, skip);
    const end = node ? node.offset + node.length : 0;
    if (!node || at + 'parameters('.length > end) continue;
    const raw = text.slice(node.offset, end);
    // `at` is the string's first `parameters(`: the match starts there, and the next search after the string.
    PARAMETERS_CALL.lastIndex = at - node.offset;
    at = end - 1;
    for (let m = PARAMETERS_CALL.exec(raw); m; m = PARAMETERS_CALL.exec(raw)) {
      const name = m[1].includes("''") ? m[1].replace(/''/g, "'") : m[1];
      if (name.startsWith('$')) continue;
      const start = node.offset + m.index!;
      innermostAction ??= actionLocator(actions);
      uses.push({ name, action: innermostAction(start), loc: { file, span: { start, end: start + m[0].length } } });
    }
  }
  return uses;
}

/** The string node (a value or a property name) whose text holds `offset`, outside `skip`; a loop, not recursion. */
function stringAt(root: JsonNode, offset: number, skip: JsonNode | undefined): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  while (node && node !== skip) {
    if (node.type === 'string') return node;
    const kids: JsonNode[] | undefined = node.children;
    if (!kids) return undefined;
    // Children are disjoint and in document order.
    const k: number = partitionPoint(kids, (c: JsonNode) => c.offset <= offset) - 1;
    node = k >= 0 && offset < kids[k].offset + kids[k].length ? kids[k] : undefined;
  }
  return undefined;
}

/**
 * Finds the innermost action holding an offset in O(log n + depth): a scan of every action for every
 * parameters() use was O(uses × actions). Action nodes nest or are disjoint, so the action starting
 * last at or before the offset holds it, or one of its parents does.
 */
function actionLocator(actions: FlowAction[]): (offset: number) => FlowAction | undefined {
  const sorted = [...actions].sort((a, b) => a.node.offset - b.node.offset);
  return offset => {
    for (let a: FlowAction | undefined = sorted[partitionPoint(sorted, s => s.node.offset <= offset) - 1]; a; a = a.parent) {
      if (offset < a.node.offset + a.node.length) return a;
    }
    return undefined;
  };
}
