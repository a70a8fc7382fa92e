// Reads an exported data policy (DLP) in each shape the reference lists (governance.md §2.5):
// A. v1 governance API / Get-DlpPolicy: `{value:[{displayName, defaultConnectorsClassification, connectorGroups…}]}`;
// B. v2: `{policyDefinition:{…}, connectorConfigurationsDefinition:{connectorActionConfigurations, endpointConfigurations}}`
//    (alone or in a `value` list);
// C. legacy apiPolicies / Get-AdminDlpPolicy: `properties.definition.apiGroups.{hbi,lbi}.apis[]`, `defaultApiGroup`.
// Keys are compared case-insensitively (the exports disagree: `endPoint` / `endpoint`); ids are keyed
// without the leading `/` and in lower case. Nothing here decides what applies where (analysis/dlp/).
import type { DataPolicy, DlpActionRules, DlpClassification, DlpEndpointRule } from '../model/dlp';
import type { SourceFile, Span } from '../util/text';
import { JsonNode, parseJson, propIgnoreCase, span, stringValue } from './json';
import { decodeText, Vfs } from './vfs';

export interface PolicyFileResult {
  policies: DataPolicy[];
  problems: Array<{ span: Span; message: string }>;
}

/** `/providers/X` and `providers/x` are the same id. */
export function normalizePolicyId(id: string): string {
  return id.trim().replace(/^\/+/, '').toLowerCase();
}

/** `Confidential` → Business, `General` → Non-business (module help text; one public script has it backwards). */
export function classificationOf(value: string | undefined): DlpClassification | undefined {
  switch (value?.trim().toLowerCase()) {
    case 'confidential': case 'business': case 'hbi': return 'Business';
    case 'general': case 'nonbusiness': case 'non-business': case 'lbi': return 'NonBusiness';
    case 'blocked': return 'Blocked';
    default: return undefined;
  }
}

const get = (node: JsonNode | undefined, ...keys: string[]): JsonNode | undefined => {
  let cur = node;
  for (const k of keys) cur = propIgnoreCase(cur, k);
  return cur;
};
const str = (node: JsonNode | undefined, ...keys: string[]) => stringValue(get(node, ...keys));
const items = (node: JsonNode | undefined): JsonNode[] => (node?.type === 'array' ? node.children ?? [] : []);

export function parsePolicyFile(file: SourceFile): PolicyFileResult {
  const parsed = parseJson(file.text);
  const problems = parsed.problems.map(p => ({ span: { start: p.offset, end: p.offset + p.length }, message: `data policy: ${p.message}` }));
  // A half-read policy could miss its Blocked group: a file with a JSON error is not evaluated at all.
  if (!parsed.root || problems.length) return { policies: [], problems: problems.length ? problems : [{ span: { start: 0, end: 0 }, message: 'data policy: the file is empty' }] };
  const policies: DataPolicy[] = [];
  const candidates = parsed.root.type === 'array' ? items(parsed.root) : get(parsed.root, 'value')?.type === 'array' ? items(get(parsed.root, 'value')) : [parsed.root];
  for (const node of candidates) {
    const policy = readPolicy(node, file);
    if (policy) policies.push(policy);
    else problems.push({ span: span(node), message: 'data policy: not a policy in a known export shape (connectorGroups, policyDefinition or properties.definition.apiGroups)' });
  }
  return { policies, problems };
}

function readPolicy(node: JsonNode, file: SourceFile): DataPolicy | undefined {
  if (node.type !== 'object') return undefined;
  const v2 = get(node, 'policyDefinition');
  if (v2) return readClassic(v2, node, file);
  const legacy = get(node, 'properties', 'definition');
  if (get(legacy, 'apiGroups')) return readLegacy(node, legacy!, file);
  if (get(node, 'connectorGroups') || get(node, 'defaultConnectorsClassification')) return readClassic(node, node, file);
  return undefined;
}

function emptyPolicy(file: SourceFile, node: JsonNode, displayName: string | undefined, name: string | undefined): DataPolicy {
  return {
    displayName: displayName ?? name ?? file.path.split(/[\\/]/).pop()!, name,
    defaultClassification: 'NonBusiness', classifications: new Map(), actionRules: new Map(), endpointRules: new Map(),
    environmentType: 'AllEnvironments', environments: [], file, span: span(node),
  };
}

/** Shapes A and B: `definition` holds the groups, `outer` (the v2 wrapper, or the policy itself) the configurations. */
function readClassic(definition: JsonNode, outer: JsonNode, file: SourceFile): DataPolicy {
  const policy = emptyPolicy(file, outer, str(definition, 'displayName'), str(definition, 'name'));
  policy.defaultClassification = classificationOf(str(definition, 'defaultConnectorsClassification')) ?? 'NonBusiness';
  for (const group of items(get(definition, 'connectorGroups'))) {
    const classification = classificationOf(str(group, 'classification'));
    if (!classification) continue;
    for (const connector of items(get(group, 'connectors'))) {
      const id = str(connector, 'id');
      if (id) policy.classifications.set(normalizePolicyId(id), classification);
    }
  }
  const type = str(definition, 'environmentType')?.toLowerCase();
  policy.environmentType = type === 'onlyenvironments' ? 'OnlyEnvironments' : type === 'exceptenvironments' ? 'ExceptEnvironments' : 'AllEnvironments';
  policy.environments = environmentIds(get(definition, 'environments'));
  for (const holder of [get(outer, 'connectorConfigurationsDefinition'), outer, definition]) readConfigurations(holder, policy);
  return policy;
}

function readLegacy(outer: JsonNode, definition: JsonNode, file: SourceFile): DataPolicy {
  const policy = emptyPolicy(file, outer, str(outer, 'properties', 'displayName'), str(outer, 'name'));
  policy.defaultClassification = classificationOf(str(definition, 'defaultApiGroup')) ?? 'NonBusiness';
  for (const [key, classification] of [['hbi', 'Business'], ['lbi', 'NonBusiness'], ['blocked', 'Blocked']] as const) {
    for (const api of items(get(definition, 'apiGroups', key, 'apis'))) {
      const id = str(api, 'id');
      if (id) policy.classifications.set(normalizePolicyId(id), classification);
    }
  }
  const filter = get(definition, 'constraints', 'environmentFilter1', 'parameters');
  const filterType = str(filter, 'filterType')?.toLowerCase();
  if (filterType === 'include' || filterType === 'exclude') {
    policy.environmentType = filterType === 'include' ? 'OnlyEnvironments' : 'ExceptEnvironments';
    policy.environments = environmentIds(get(filter, 'environments'));
  }
  return policy;
}

/** Environment GUIDs from `[{id, name, type}]` or plain strings: the last id segment, lower case. */
function environmentIds(list: JsonNode | undefined): string[] {
  return items(list).map(e => stringValue(e) ?? str(e, 'name') ?? str(e, 'id')).filter((x): x is string => !!x).map(x => x.split('/').pop()!.toLowerCase());
}

function readConfigurations(holder: JsonNode | undefined, policy: DataPolicy): void {
  for (const config of items(get(holder, 'connectorActionConfigurations'))) {
    const id = str(config, 'connectorId');
    if (!id) continue;
    const rules: DlpActionRules = { defaultBehavior: /^block/i.test(str(config, 'defaultConnectorActionRuleBehavior') ?? '') ? 'Block' : 'Allow', rules: new Map() };
    for (const rule of items(get(config, 'actionRules'))) {
      const actionId = str(rule, 'actionId');
      if (actionId) rules.rules.set(actionId.toLowerCase(), /^block/i.test(str(rule, 'behavior') ?? '') ? 'Block' : 'Allow');
    }
    policy.actionRules.set(normalizePolicyId(id), rules);
  }
  for (const config of items(get(holder, 'endpointConfigurations'))) {
    const id = str(config, 'connectorId');
    if (!id) continue;
    const rules: DlpEndpointRule[] = [];
    for (const rule of items(get(config, 'endpointRules'))) {
      const endpoint = str(rule, 'endpoint');
      const order = get(rule, 'order')?.value;
      if (endpoint === undefined) continue;
      rules.push({ order: typeof order === 'number' ? order : rules.length + 1, behavior: /^deny/i.test(str(rule, 'behavior') ?? '') ? 'Deny' : 'Allow', endpoint });
    }
    policy.endpointRules.set(normalizePolicyId(id), rules.sort((a, b) => a.order - b.order));
  }
}

/** Reads and parses a policy file through the Vfs; an unreadable file is an error message. */
export function loadPolicyFile(vfs: Vfs, filePath: string): ({ file: SourceFile } & PolicyFileResult) | { error: string } {
  let bytes: Uint8Array | undefined;
  try {
    bytes = vfs.isFile(filePath) ? vfs.readFile(filePath) : undefined;
  } catch (e) {
    return { error: `cannot read data policy ${filePath}: ${(e as Error).message}` };
  }
  if (!bytes) return { error: `data policy file not found: ${filePath}` };
  const decoded = decodeText(bytes, filePath);
  if ('error' in decoded) return { error: `data policy ${filePath}: ${decoded.error}` };
  return { file: decoded.file, ...parsePolicyFile(decoded.file) };
}
