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
  activeSettings, createDefinition, dataverseConnection, DATAVERSE_CONNECTOR_ID, ensureFlowParameter, ensureSettingsEntries,
  findReusable, newSchemaName, parametersCall,
} from './envvar';
import { Fix, FixContext, lazyFix } from './fix';
import type { FindingFor } from './providers';
import { cloudKindNoun, schemaBody, secretNoun, stableGuid, titleCase, unique, wordsOf } from './names';

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

function activeNote(active: boolean, hasSettings: boolean): string {
  if (!hasSettings) return '';
  return active ? '' : ' (no active environment: the value stays only in the flow parameter\'s default)';
}

// ---------------------------------------------------------------------------------------------
// 1. Literal → environment variable

export function environmentVariableFix(finding: FindingFor<'environment-variable'>, ctx: FixContext): Fix | undefined {
  const lit = locateLiteral(finding);
  if (!lit || !lit.literal.trim()) return undefined;
  const { solution, flow, action } = lit;
  const active = activeSettings(solution, ctx.environment);
  const reuse = findReusable(solution, lit.literal, active, flow);
  const { kind, parameter } = finding.data;
  const actionWords = wordsOf(action.name);
  const noun = cloudKindNoun(kind, parameter);
  // `Compose_share` + `Share` reads "Compose Share", not "Compose Share Share".
  const words = actionWords.length && actionWords[actionWords.length - 1].toLowerCase() === noun[0].toLowerCase() && noun.length === 1 ? actionWords : [...actionWords, ...noun];
  const displayName = titleCase(words);
  const probe = new ChangeBuilder();
  const schemaName = reuse?.schemaName ?? newSchemaName(solution, probe, schemaBody(words));
  const hasSettings = solution.environments.length > 0;
  const title = reuse
    ? `Read it from environment variable ${schemaName}, which already holds this value`
    : `Move it to a new environment variable ${schemaName}${activeNote(!!active, hasSettings)}`;
  const settingsNote = !hasSettings
    ? ' The solution has no deployment settings files: give the variable its value in each target environment.'
    : active
      ? ` The value went into ${active.environment}'s deployment settings; the other environments' settings have an empty Value for ${schemaName} to fill in.`
      : ` No active environment was chosen (--env), so the value is kept only as the flow parameter's default: fill the Value of ${schemaName} in every environment's deployment settings.`;
  const description = (reuse
    ? `Replaces the literal in "${action.name}" with @parameters('…') of the existing environment variable ${schemaName}.`
    : `Creates the String environment variable ${schemaName} ("${displayName}"), adds the workflow parameter to flow "${flow.name}" and reads it in "${action.name}" instead of the literal.`)
    + settingsNote;
  return lazyFix({ title, kind: 'quickfix', preferred: true, ruleId: finding.ruleId, description }, b => {
    const target = reuse ?? { schemaName: newSchemaName(solution, b, schemaBody(words)), displayName };
    replaceLiteral(b, lit, parametersCall(parameterKeyFor(flow, target)));
    if (!reuse) {
      createDefinition(b, solution, {
        schemaName: target.schemaName,
        displayName: target.displayName,
        description: `${titleCase(cloudKindNoun(kind, parameter))} used by "${action.name}" in cloud flow "${flow.name}".`,
        kind: 'String',
      });
    }
    ensureFlowParameter(b, flow, target, lit.literal);
    ensureSettingsEntries(b, solution, target.schemaName, active, active ? lit.literal : undefined);
  });
}

/** The parameter key the flow uses (or will use) for an environment variable. */
function parameterKeyFor(flow: CloudFlow, v: { schemaName: string; displayName: string }): string {
  const existing = flow.parameters.find(p => p.schemaName?.toLowerCase() === v.schemaName.toLowerCase());
  return existing?.name ?? `${v.displayName} (${v.schemaName})`;
}

// ---------------------------------------------------------------------------------------------
// 2. Secret → Secret environment variable read at run time

export function secretVariableFix(finding: FindingFor<'secret-environment-variable'>): Fix | undefined {
  const lit = locateLiteral(finding);
  if (!lit || lit.action.trigger) return undefined;
  const { solution, flow, action } = lit;
  const secretWhat = finding.data.secret;
  // A secret given to a variable is named after the variable.
  const leaf = leafOf(flowFacts(flow, solution), action, lit.node);
  const variable = leaf && assignedVariable(leaf);
  const words = variable ? wordsOf(variable) : [...wordsOf(action.name), ...secretNoun(secretWhat)];
  if (!words.length) return undefined;
  const displayName = titleCase(words);
  const schemaName = newSchemaName(solution, new ChangeBuilder(), schemaBody(words));
  const allNames = new Set([...flow.actions, ...flow.triggers].map(a => a.name.toLowerCase()));
  const readName = unique(`Get_${displayName.replace(/ /g, '_')}`, n => allNames.has(n.toLowerCase()));
  const description = `Creates the Secret environment variable ${schemaName} (Azure Key Vault), reads it in a new action "${readName}" `
    + `(Dataverse RetrieveEnvironmentVariableSecretValue, secure outputs) before "${action.name}", and uses its value instead of the literal. `
    + 'The secret itself is written nowhere: store it in Azure Key Vault, then put its Key Vault reference '
    + '(/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>/secrets/<name>) '
    + `as the Value of ${schemaName} in each environment's deployment settings. The old value is still in source control history: rotate it.`;
  return lazyFix({ title: `Move the secret to a new Secret environment variable ${schemaName} (Azure Key Vault)`, kind: 'quickfix', preferred: true, ruleId: finding.ruleId, description }, b => {
    b.redact(lit.literal, flow.file.text.slice(lit.offsets.at(lit.start), lit.offsets.at(lit.end)));
    const schema = newSchemaName(solution, b, schemaBody(words));
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
