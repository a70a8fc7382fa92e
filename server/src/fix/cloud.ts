// The cloud-flow fix kinds (rules/cloud/fix-data.ts says what each reads from a finding):
//   environment-variable → the literal becomes an environment variable read through a workflow
//     parameter (an existing variable holding the same value is reused);
//   secret-environment-variable → a Secret environment variable (Azure Key Vault), read before the
//     consumer by a Dataverse RetrieveEnvironmentVariableSecretValue action with secure outputs;
//   secure-data → runtimeConfiguration.secureData.properties gets what is missing.
// The literal is found from the finding's span; facts about the flow come from analysis/cloud.
import type { Finding } from '../findings/finding';
import { entries, JsonNode, pointerPath, prop, StringOffsets, stringOffsets } from '../load/json';
import type { CloudFlow, FlowAction, Solution } from '../model/types';
import { canBeSecured } from '../analysis/cloud/actions';
import { flowFacts, leafOf } from '../analysis/cloud/facts';
import { quotedConstantAround, segmentString } from '../analysis/cloud/segments';
import { assignedVariable } from '../analysis/cloud/variables';
import { ChangeBuilder } from './change';
import {
  claimVariableNames, createDefinition, dataverseConnection, DATAVERSE_CONNECTOR_ID, ensureSettingsEntries, FlowParameters, newVariableNames, parametersCall,
} from './envvar';
import { Fix, FixContext, lazyFix } from './fix';
import type { FindingFor } from './providers';
import { cloudKindNoun, secretNoun, stableGuid, titleCase, unique, wordsOf } from './names';

// ---------------------------------------------------------------------------------------------
// Locating the literal of a finding in the flow JSON

interface CloudLiteral {
  solution: Solution;
  flow: CloudFlow;
  action: FlowAction;
  node: JsonNode;
  /** Decoded string value. */
  value: string;
  /** File offset of each decoded character, plus one for the end. */
  offsets: StringOffsets;
  /** Decoded span of the literal. */
  start: number;
  end: number;
  literal: string;
  /** The whole string value, a part of its literal text, or (inside) a string constant of an expression. */
  where: 'whole' | 'part' | 'constant';
  /** Decoded span of the constant's content (between its quotes). */
  constant?: { start: number; end: number };
}

function actionAt(flow: CloudFlow, offset: number): FlowAction | undefined {
  let best: FlowAction | undefined;
  for (const a of [...flow.triggers, ...flow.actions]) {
    if (offset >= a.node.offset && offset < a.node.offset + a.node.length && (!best || a.node.offset >= best.node.offset)) best = a;
  }
  return best;
}

function stringNodeAt(node: JsonNode, start: number, end: number): JsonNode | undefined {
  if (node.type === 'string') return start > node.offset && end < node.offset + node.length ? node : undefined;
  for (const c of node.children ?? []) {
    if (start >= c.offset && end <= c.offset + c.length) return stringNodeAt(c, start, end);
  }
  return undefined;
}

function locateLiteral(finding: Finding): CloudLiteral | undefined {
  const flow = finding.owner.cloudFlow;
  const solution = finding.owner.solution;
  if (!flow || !solution || finding.loc.file !== flow.file) return undefined;
  const { start: fs, end: fe } = finding.loc.span;
  const action = actionAt(flow, fs);
  if (!action) return undefined;
  const node = stringNodeAt(action.node, fs, fe);
  if (!node) return undefined;
  const value = node.value as string;
  const offsets = stringOffsets(flow.file.text, node, value.length);
  if (!offsets) return undefined;
  const start = offsets.indexOf(fs);
  const end = offsets.indexOf(fe, start);
  if (start < 0 || end <= start) return undefined;
  const literal = value.slice(start, end);
  if (value.startsWith('@@')) return undefined;
  const seg = segmentString(value).find(s => start >= s.start && end <= s.end);
  if (!seg || seg.kind === 'token') return undefined;
  if (seg.kind === 'literal') {
    return { solution, flow, action, node, value, offsets, start, end, literal, where: start === 0 && end === value.length ? 'whole' : 'part' };
  }
  const constant = quotedConstantAround(value, seg, start, end);
  if (!constant) return undefined;
  return { solution, flow, action, node, value, offsets, start, end, literal, where: 'constant', constant };
}

function jsonInner(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** Replaces the literal with an expression (`parameters('…')`, `body('…')?['…']`). */
function replaceLiteral(b: ChangeBuilder, lit: CloudLiteral, expression: string): void {
  const file = lit.flow.file;
  const raw = (a: number, z: number) => ({ start: lit.offsets.at(a), end: lit.offsets.at(z) });
  if (lit.where === 'whole') {
    b.replace(file, raw(lit.start, lit.end), jsonInner(`@${expression}`));
  } else if (lit.where === 'part') {
    b.replace(file, raw(lit.start, lit.end), jsonInner(`@{${expression}}`));
  } else {
    const c = lit.constant!;
    // The constant with its quotes becomes the expression, or concat('before', expression, 'after').
    const before = lit.value.slice(c.start, lit.start);
    const after = lit.value.slice(lit.end, c.end);
    const parts = [...(before ? [`'${before}'`] : []), expression, ...(after ? [`'${after}'`] : [])];
    b.replace(file, raw(c.start - 1, c.end + 1), jsonInner(parts.length === 1 ? expression : `concat(${parts.join(', ')})`));
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Literal → environment variable: the cloud places of a value move (value-move.ts plans the move)

/** A place of a value in a cloud flow, as a move to an environment variable sees it. */
export interface CloudPlace {
  family: 'cloud';
  finding: Finding;
  lit: CloudLiteral;
  /** The decoded value moved. */
  value: string;
  /** The span the move rewrites, in the flow file (the constant with its quotes inside an expression). */
  region: { in: CloudFlow['file']; start: number; end: number };
}

const cloudPlaces = new WeakMap<Finding, CloudPlace | null>();

/** The place of an environment-variable finding (memoised: a move looks at every finding of a value). */
export function cloudPlace(finding: Finding): CloudPlace | undefined {
  let place = cloudPlaces.get(finding);
  if (place === undefined) {
    const lit = locateLiteral(finding);
    place = lit && lit.literal.trim() ? { family: 'cloud', finding, lit, value: lit.literal, region: regionOf(lit) } : null;
    cloudPlaces.set(finding, place);
  }
  return place ?? undefined;
}

function regionOf(lit: CloudLiteral): CloudPlace['region'] {
  const [a, z] = lit.where === 'constant' ? [lit.constant!.start - 1, lit.constant!.end + 1] : [lit.start, lit.end];
  return { in: lit.flow.file, start: lit.offsets.at(a), end: lit.offsets.at(z) };
}

/** Words naming a new variable for a cloud place: its action, then what the literal is. */
export function cloudVariableWords(place: CloudPlace): string[] {
  const data = place.finding.data as { kind?: string; parameter?: string } | undefined;
  const actionWords = wordsOf(place.lit.action.name);
  const noun = cloudKindNoun(data?.kind, data?.parameter);
  // `Compose_share` + `Share` reads "Compose Share", not "Compose Share Share".
  return actionWords.length && actionWords[actionWords.length - 1].toLowerCase() === noun[0].toLowerCase() && noun.length === 1 ? actionWords : [...actionWords, ...noun];
}

/** The description a new definition gets when a cloud place names it. */
export function cloudVariableDescription(place: CloudPlace): string {
  const data = place.finding.data as { kind?: string; parameter?: string } | undefined;
  return `${titleCase(cloudKindNoun(data?.kind, data?.parameter))} used by "${place.lit.action.name}" in cloud flow "${place.lit.flow.name}".`;
}

/** Replaces each place's literal with a read of the variable's workflow parameter. */
export function moveCloudPlaces(b: ChangeBuilder, places: readonly CloudPlace[], parameters: FlowParameters): void {
  // Literals first, parameters after: the parameter edits are made on the text the replacements left.
  for (const p of places) replaceLiteral(b, p.lit, parametersCall(parameters.keyFor(p.lit.flow)));
  for (const flow of new Set(places.map(p => p.lit.flow))) parameters.ensure(flow);
}


// ---------------------------------------------------------------------------------------------
// 2. Secret → Secret environment variable read at run time

export function secretVariableFix(finding: FindingFor<'secret-environment-variable'>, ctx: FixContext): Fix | undefined {
  const lit = locateLiteral(finding);
  if (!lit || lit.action.trigger) return undefined;
  const { solution, flow, action } = lit;
  const secretWhat = finding.data.secret;
  // A secret given to a variable is named after the variable.
  const leaf = leafOf(flowFacts(flow, solution), action, lit.node);
  const variable = leaf && assignedVariable(leaf);
  const words = variable ? wordsOf(variable) : [...wordsOf(action.name), ...secretNoun(secretWhat)];
  if (!words.length) return undefined;
  const names = ctx.names;
  // Free in the files and among the names other fixes of this round claimed; claimed when built.
  const { schemaName, displayName } = newVariableNames(solution, new ChangeBuilder(), words, names);
  const allNames = new Set([...flow.actions, ...flow.triggers].map(a => a.name.toLowerCase()));
  const actionScope = `action:${flow.file.path}`;
  const readName = unique(`Get_${displayName.replace(/ /g, '_')}`, n => allNames.has(n.toLowerCase()) || !!names?.has(actionScope, n));
  const description = `Creates the Secret environment variable ${schemaName} (Azure Key Vault), reads it in a new action "${readName}" `
    + `(Dataverse RetrieveEnvironmentVariableSecretValue, secure outputs) before "${action.name}", and uses its value instead of the literal. `
    + 'The secret itself is written nowhere: store it in Azure Key Vault, then put its Key Vault reference '
    + '(/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>/secrets/<name>) '
    + `as the Value of ${schemaName} in each environment's deployment settings. The old value is still in source control history: rotate it.`;
  return lazyFix({ title: `Move the secret to a new Secret environment variable ${schemaName} (Azure Key Vault)`, kind: 'quickfix', preferred: true, ruleId: finding.ruleId, description }, b => {
    b.redact(lit.literal, flow.file.text.slice(lit.offsets.at(lit.start), lit.offsets.at(lit.end)));
    const schema = schemaName;
    claimVariableNames(names, solution, { schemaName, displayName });
    names?.claim(actionScope, readName);
    replaceLiteral(b, lit, `body('${readName.replace(/'/g, "''")}')?['EnvironmentVariableSecretValue']`);
    createDefinition(b, solution, {
      schemaName: schema,
      displayName,
      description: `${titleCase(secretNoun(secretWhat))} used by "${action.name}" in cloud flow "${flow.name}" (kept in Azure Key Vault).`,
      kind: 'Secret',
    });
    const connection = dataverseConnection(b, solution, flow);
    insertReadAction(b, flow, action, readName, schema, connection.key);
    if (canBeSecured(action)) ensureSecure(b, flow, action, ['inputs']);
    ensureSettingsEntries(b, solution, schema, undefined, undefined);
  });
}

/** Inserts the read action before the consumer (same container), taking over its runAfter. */
function insertReadAction(b: ChangeBuilder, flow: CloudFlow, consumer: FlowAction, readName: string, schemaName: string, connectionName: string): void {
  const path = pointerPath(consumer.pointer);
  const container = path.slice(0, -1);
  const runAfterNode = prop(consumer.node, 'runAfter');
  const runAfter = runAfterNode ? JSON.parse(flow.file.text.slice(runAfterNode.offset, runAfterNode.offset + runAfterNode.length)) : {};
  const keys = entries(consumer.node).map(([k]) => k);
  const sorted = keys.length > 1 && keys.every((k, i) => i === 0 || keys[i - 1].localeCompare(k) <= 0);
  const host = { connectionName, operationId: 'PerformUnboundAction', apiId: DATAVERSE_CONNECTOR_ID };
  const inputs = {
    host,
    parameters: { actionName: 'RetrieveEnvironmentVariableSecretValue', 'item/EnvironmentVariableName': schemaName.toLowerCase() },
    authentication: "@parameters('$authentication')",
  };
  const action = {
    runAfter,
    type: 'OpenApiConnection',
    inputs,
    runtimeConfiguration: { secureData: { properties: ['outputs'] } },
    metadata: { operationMetadataId: stableGuid(`${flow.id}/${readName}`) },
  };
  b.modifyJson(flow.file, [...container, readName], sorted ? sortDeep(action) : action, { before: consumer.name });
  b.modifyJson(flow.file, [...path, 'runAfter'], { [readName]: ['Succeeded'] });
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map(k => [k, sortDeep((v as Record<string, unknown>)[k])]));
  return v;
}

/** Adds what is missing to runtimeConfiguration.secureData.properties, keeping what is there. */
function ensureSecure(b: ChangeBuilder, flow: CloudFlow, action: FlowAction, wanted: Array<'inputs' | 'outputs'>): void {
  const propsNode = prop(prop(prop(action.node, 'runtimeConfiguration'), 'secureData'), 'properties');
  const existing = (propsNode?.children ?? []).map(c => c.value).filter((x): x is string => typeof x === 'string');
  const missing = wanted.filter(w => !existing.some(e => e.toLowerCase() === w));
  if (!missing.length) return;
  const list = [...existing, ...missing];
  const path = [...pointerPath(action.pointer), 'runtimeConfiguration', 'secureData', 'properties'];
  b.modifyJson(flow.file, path, list);
}

// ---------------------------------------------------------------------------------------------
// 3. Secure inputs/outputs

export function secureDataFix(finding: FindingFor<'secure-data'>): Fix | undefined {
  const flow = finding.owner.cloudFlow;
  const solution = finding.owner.solution;
  if (!flow || !solution) return undefined;
  const span = finding.loc.span;
  const candidates = [...flow.actions, ...flow.triggers];
  const action = candidates.find(a => a.loc.file === finding.loc.file && span.start >= a.loc.span.start && span.start < Math.max(a.loc.span.end, a.loc.span.start + 1))
    ?? candidates.find(a => a.name === finding.data.action)
    ?? actionAt(flow, span.start);
  const missing = finding.data.missing;
  if (!action || !canBeSecured(action) || !missing.length) return undefined;
  const what = missing.map(m => (m === 'inputs' ? 'Secure Inputs' : 'Secure Outputs')).join(' and ');
  return lazyFix({
    title: `Turn on ${what} for "${action.name}"`,
    kind: 'quickfix',
    preferred: true,
    ruleId: finding.ruleId,
    description: `Adds ${missing.map(m => `"${m}"`).join(' and ')} to runtimeConfiguration.secureData.properties of "${action.name}", so run history hides them.`,
  }, b => ensureSecure(b, flow, action, missing));
}
