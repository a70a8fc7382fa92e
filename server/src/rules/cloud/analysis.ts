// Shared analysis of a cloud flow's action inputs, for the cloud value rules (plaintext-secret,
// hardcoded-machine, environment-specific-value), unsecured-secret and the solution rules that
// ask "does this environment variable feed a secret?".
//
// What it does, once per flow (memoised):
//  - walks every trigger's and action's `inputs`, keeping each string value with its JSON pointer,
//    its path inside `inputs`, and a map from decoded characters to file offsets (JSON escapes);
//  - splits each string into literal text and references: a value starting with `@` is one
//    expression, `@{…}` interpolations and `#{…}#` pipeline tokens are references, the rest is literal;
//  - knows which places carry a secret (HTTP authentication, key headers, URI credentials, connection
//    strings, secret-named connector parameters and body fields, sensitive desktop-flow inputs of
//    RunUIFlow_V2), a machine (UNC paths, internal/IP hosts, server and machine parameters) or an
//    environment-specific value (SharePoint sites and lists, Dataverse orgs, environment ids, Teams
//    teams and channels, absolute paths, tenant URLs);
//  - follows `variables('x')` and `outputs('Compose')` back from secret places to the literals that
//    feed them, and to the actions whose outputs carry a secret (for secure inputs/outputs);
//  - reports each piece of text once: credential before machine before environment-specific (distinct
//    parts of one string, such as the host and the signature of a URL, each by its own rule).
import type { CloudFlow, DesktopFlow, FlowAction, Solution } from '../../model/types';
import type { GlobalSettings } from '../rule';
import { entries, JsonNode, pointerOf, prop, StringOffsets, stringOffsets, stringValue } from '../../load/json';
import type { Span } from '../../util/text';
import {
  classifyHost, CONNECTION_SECRET_KEYS, CONNECTION_SERVER_KEYS, connectionKeyIs, environmentOfValue, findPaths, findStructuredSecrets,
  environmentInPath, findUrls, GUID_RE, hostAllowed, isDocumentationHost, isPipelineToken, isPlaceholderSecret, looksRandom, normalizeHost, parseConnectionString,
  pathAllowed, serverHost,
} from '../../analysis/shared/values';
import { findUserInfo } from '../../analysis/shared/scan';
import { isSecretHeader, isSecretName, querySecrecy } from '../../analysis/shared/vocabulary';
import { commandLinePasswords } from '../../analysis/shared/command-secrets';
import { valueConstants } from './expression-literals';

// ---------------------------------------------------------------------------------------------
// Strings: decoding map and literal/reference segments

export interface Segment {
  kind: 'literal' | 'expression' | 'token';
  /** Decoded offsets. */
  start: number;
  end: number;
}

/**
 * Splits a workflow-definition string into literal text and references. A string starting with `@`
 * (not `@@` or `@{`) is one expression; inside other strings `@{…}` is an interpolation and `#{…}#`
 * a pipeline token; everything else is literal.
 */
export function segmentString(text: string): Segment[] {
  if (text.startsWith('@@')) return text.length > 1 ? [{ kind: 'literal', start: 1, end: text.length }] : [];
  // `@expr` is one expression; `@{…}…` is an interpolated string like any other.
  if (text.startsWith('@') && text[1] !== '{') return [{ kind: 'expression', start: 0, end: text.length }];
  const out: Segment[] = [];
  let literalStart = 0;
  let i = 0;
  const pushLiteral = (end: number) => {
    if (end > literalStart) out.push({ kind: 'literal', start: literalStart, end });
  };
  while (i < text.length) {
    if (text[i] === '@' && text[i + 1] === '{') {
      pushLiteral(i);
      const end = closingBrace(text, i + 2);
      out.push({ kind: 'expression', start: i, end });
      i = literalStart = end;
      continue;
    }
    if (text[i] === '#' && text[i + 1] === '{') {
      const close = text.indexOf('}#', i + 2);
      if (close > 0 && !/[{\r\n]/.test(text.slice(i + 2, close))) {
        pushLiteral(i);
        out.push({ kind: 'token', start: i, end: close + 2 });
        i = literalStart = close + 2;
        continue;
      }
    }
    i++;
  }
  pushLiteral(text.length);
  return out;
}

/** Offset just after the `}` closing an interpolation whose body starts at `from` (quotes respected). */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  let quoted = false;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (quoted) {
      if (c === "'") {
        if (text[j + 1] === "'") j++;
        else quoted = false;
      }
    } else if (c === "'") quoted = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j + 1;
  }
  return text.length;
}


/** References an expression makes: variables, actions (body/outputs/actions), workflow parameters. */
export interface Refs {
  variables: string[];
  actions: string[];
  parameters: string[];
}

const VAR_REF = /\bvariables\(\s*'((?:[^']|'')*)'\s*\)/gi;
const ACTION_REF = /\b(?:body|outputs|actions|actionBody|actionOutputs)\(\s*'((?:[^']|'')*)'\s*\)/gi;
const PARAM_REF = /\bparameters\(\s*'((?:[^']|'')*)'\s*\)/gi;

export function refsOf(expression: string): Refs {
  const grab = (re: RegExp) => [...expression.matchAll(re)].map(m => m[1].replace(/''/g, "'"));
  return { variables: grab(VAR_REF), actions: grab(ACTION_REF), parameters: grab(PARAM_REF) };
}

/** Should not happen for parsed JSON: offsets spread over the string, so spans stay inside it. */
function spreadOffsets(node: JsonNode, decodedLength: number): StringOffsets {
  const first = node.offset + 1;
  const end = node.offset + node.length - 1;
  return { length: decodedLength + 1, at: k => Math.min(first + k, end), indexOf: () => -1 };
}

/** Contents of the single-quoted string constants inside an expression segment (decoded offsets). */
function expressionConstants(text: string, seg: Segment): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = -1;
  for (let j = seg.start; j < seg.end; j++) {
    if (text[j] !== "'") continue;
    if (start < 0) start = j + 1;
    else if (text[j + 1] === "'") j++;
    else {
      out.push({ start, end: j });
      start = -1;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Leaves: every string value under an action's inputs

export interface StringLeaf {
  action: FlowAction;
  node: JsonNode;
  /** Path inside the action's `inputs` (property names, array indexes). */
  path: string[];
  text: string;
  offsets: StringOffsets;
  segments: Segment[];
  /** The text with every reference replaced by U+0000 (same length): literal detectors run on it. */
  masked: string;
}

/** Property names whose values are query text, schemas or prose, never configuration. */
const SKIPPED_KEYS = new Set([
  '$filter', '$select', '$orderby', '$expand', '$apply', '$search', '$top', '$skip', '$skiptoken', 'fetchxml',
  'filterexpression', 'filteringattributes', 'description', 'schema', '$schema',
]);

function lastSegment(key: string): string {
  const parts = key.split('/');
  return parts[parts.length - 1];
}

function collectLeaves(flow: CloudFlow, action: FlowAction, out: StringLeaf[]): void {
  const text = flow.file.text;
  const visit = (node: JsonNode, path: string[]) => {
    if (node.type === 'string') {
      const value = node.value as string;
      const segments = segmentString(value);
      let masked = '';
      let at = 0;
      for (const s of segments) {
        if (s.kind === 'literal') continue;
        masked += value.slice(at, s.start) + '\u0000'.repeat(s.end - s.start);
        at = s.end;
      }
      masked += value.slice(at);
      if (segments.length === 0) masked = '\u0000'.repeat(value.length);
      out.push({ action, node, path, text: value, offsets: stringOffsets(text, node, value.length) ?? spreadOffsets(node, value.length), segments, masked });
      return;
    }
    if (node.type === 'object') {
      for (const [key, , child] of entries(node)) {
        if (path.length === 0 && key === 'host') continue;
        if (SKIPPED_KEYS.has(lastSegment(key).toLowerCase())) continue;
        visit(child, [...path, key]);
      }
      return;
    }
    if (node.type === 'array') (node.children ?? []).forEach((c, k) => visit(c, [...path, String(k)]));
  };
  if (action.inputs) visit(action.inputs, []);
}

// ---------------------------------------------------------------------------------------------
// Connectors

/** The connector of an action: `shared_sharepointonline`, `shared_sql`… (lower case), if any. */
export function connectorOf(action: FlowAction, flow: CloudFlow): string | undefined {
  const apiId = action.host?.apiId;
  if (apiId) return apiId.split('/').pop()!.toLowerCase();
  const connectionName = action.host?.connectionName;
  if (!connectionName) return undefined;
  const ref = flow.connectionReferences.find(r => r.key === connectionName);
  const api = ref?.apiName ?? connectionName.replace(/_\d+$/, '');
  return api.split('/').pop()!.toLowerCase();
}

function operationOf(action: FlowAction): string {
  return (action.host?.operationId ?? '').toLowerCase();
}

const ADMIN_CONNECTORS = new Set([
  'shared_powerplatformforadmins', 'shared_powerappsforadmins', 'shared_powerappsforappmakers', 'shared_flowmanagement',
  'shared_microsoftflowforadmins', 'shared_powerplatformadminv2', 'shared_powerplatformadmin',
]);

const CONNECTOR_ACTION_TYPES = /^(OpenApiConnection|ApiConnection)/i;
/** Azure Storage connectors: their `dataset` parameter names the storage account. */
const STORAGE_CONNECTORS = new Set(['shared_azureblob', 'shared_azurefile', 'shared_azuretables', 'shared_azurequeues']);
const HTTP_TYPES = new Set(['http', 'httpwebhook', 'function', 'apimanagement', 'workflow']);
/** Actions the designer cannot mark secure (Logic Apps: variables, control actions). */
const UNSECURABLE_TYPES = new Set([
  'initializevariable', 'setvariable', 'appendtostringvariable', 'appendtoarrayvariable', 'incrementvariable', 'decrementvariable',
  'if', 'switch', 'foreach', 'until', 'scope', 'terminate',
]);
/** Actions with only a Secure Inputs setting, which hides their outputs too (Logic Apps). */
const INPUT_ONLY_TYPES = new Set(['compose', 'parsejson', 'response']);
/** Actions whose outputs are their inputs reshaped: a secret in goes out again. */
const PASS_THROUGH_TYPES = new Set(['compose', 'parsejson', 'select', 'query', 'join', 'table']);

// ---------------------------------------------------------------------------------------------
// Findings

export type ValueRule = 'secret' | 'machine' | 'env';

export interface ValueFinding {
  rule: ValueRule;
  action: FlowAction;
  /** The string node holding the literal. */
  node: JsonNode;
  /** File span of the literal (or of its secret/host/path part). */
  span: Span;
  literal: 'whole' | 'part';
  /** What the literal is, for data.kind: `authentication`, `header`, `sharepoint-site`, `unc`, `url`… */
  kind: string;
  /** JSON pointer of the string value. */
  parameter: string;
  /** Where in the action, for messages: `authentication password`, `header "x-api-key"`, `parameter "dataset"`. */
  where: string;
  /** What it is, for messages: `password`, `API key`, `SharePoint site`, `UNC path`… */
  what: string;
  /** Host or machine, for machine and URL findings. */
  host?: string;
  /** The literal is a string constant inside an expression (`concat('https://…', …)`). */
  expression?: boolean;
  /** Variable or Compose action the literal flows through to the secret place. */
  via?: { kind: 'variable' | 'compose'; name: string; sinkAction: string; sinkWhere: string };
  /** Shown in messages for machine and environment findings (never for secrets). */
  display?: string;
  /** The host is an ordinary public host (reported only when the rule asks for it). */
  publicHost?: boolean;
  /**
   * A narrower report for a URL whose query holds a secret reported by another rule: the address
   * without its query (the secret is not repeated in this finding's span or message).
   */
  narrow?: { span: Span; display: string; literal: 'whole' | 'part' };
}

export interface SecureNeed {
  action: FlowAction;
  missing: Array<'inputs' | 'outputs'>;
  /** Why inputs / outputs carry a secret, for messages. */
  inputsReason?: string;
  outputsReason?: string;
}

export interface SecretSinkUse {
  action: FlowAction;
  where: string;
}

export interface FlowAnalysis {
  leaves: StringLeaf[];
  /**
   * Literal findings of the three value rules. A piece of text is reported by one rule only (credential >
   * machine > environment); distinct parts of one string (the server and the password of a connection
   * string, the host and the signature of a URL) are reported each by its own rule.
   */
  values: ValueFinding[];
  /** Actions that read or send a secret without secure inputs/outputs covering it. */
  secure: SecureNeed[];
  /** Workflow parameters (`parameters('…')`) whose value reaches a secret place, with the first place. */
  secretParameters: Map<string, SecretSinkUse>;
}

const memo = new WeakMap<CloudFlow, { key: string; result: FlowAnalysis }>();

/** The analysis of a flow, computed once per flow and allow-list configuration. */
export function analyzeFlow(flow: CloudFlow, solution: Solution | undefined, settings: GlobalSettings): FlowAnalysis {
  const key = JSON.stringify([settings.allowedHosts, settings.allowedPaths, settings.allowedMachines, solution?.desktopFlows.length ?? 0]);
  const cached = memo.get(flow);
  if (cached && cached.key === key) return cached.result;
  const result = new Analyzer(flow, solution, settings).run();
  memo.set(flow, { key, result });
  return result;
}

// ---------------------------------------------------------------------------------------------

interface SinkHit {
  leaf: StringLeaf;
  /** Decoded span of the value (whole string for whole-value places). */
  start: number;
  end: number;
  what: string;
  where: string;
  kind: string;
  /** Strip an HTTP auth scheme (`Bearer `, `Basic `) before judging the literal. */
  scheme?: boolean;
  /** Literal parts must look random to count (weak names: `key`, `code`, `token`). */
  weak?: boolean;
}

const AUTH_SCHEME = /^\s*(?:Bearer|Basic|Token|Digest|Negotiate|NTLM|SharedAccessSignature|SSWS|ApiKey|Api-Key|Key|OAuth|MAC|HMAC-SHA256|AWS4-HMAC-SHA256|GenieKey|Splunk)\s+/i;
const TRIVIAL = /^(true|false|yes|no|null|none|default|undefined|string|secret|password|token)$/i;

function secretText(value: string, weak = false): boolean {
  const v = value.trim();
  if (v.length < 3 || !/[A-Za-z0-9]/.test(v) || isPlaceholderSecret(v) || TRIVIAL.test(v) || isPipelineToken(v)) return false;
  return weak ? looksRandom(v) : true;
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const ENV_ID = /\bDefault-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
const SERVER_PARAMS = new Set(['server', 'servername', 'sqlserver', 'sqlservername', 'host', 'hostname', 'hostaddress', 'serveraddress', 'datasource', 'computer', 'computername', 'machine']);
const MACHINE_PARAMS = new Set(['machineid', 'machinename', 'machinegroupid', 'machinegroup', 'machinegroupname', 'targetmachine', 'targetmachineid', 'targetmachinename', 'targetmachinegroup']);
const HOST_LIKE = /^(?:tcp:)?[A-Za-z0-9_.-]+(?:\\[A-Za-z0-9_$-]+)?(?:,\d+)?(?::\d+)?$/i;

class Analyzer {
  private readonly leaves: StringLeaf[] = [];
  private readonly values: ValueFinding[] = [];
  private readonly actionsByName = new Map<string, FlowAction>();
  private readonly leavesByAction = new Map<FlowAction, StringLeaf[]>();
  private readonly assignments = new Map<string, StringLeaf[]>();
  private readonly needs = new Map<FlowAction, { inputs?: string; outputs?: string }>();
  private readonly secretParameters = new Map<string, SecretSinkUse>();

  constructor(private readonly flow: CloudFlow, private readonly solution: Solution | undefined, private readonly settings: GlobalSettings) {}

  run(): FlowAnalysis {
    for (const a of [...this.flow.triggers, ...this.flow.actions]) {
      this.actionsByName.set(a.name, a);
      const own: StringLeaf[] = [];
      collectLeaves(this.flow, a, own);
      this.leavesByAction.set(a, own);
      this.leaves.push(...own);
    }
    this.indexAssignments();

    const hits: SinkHit[] = [];
    for (const leaf of this.leaves) hits.push(...this.secretPlaces(leaf));
    for (const hit of hits) this.secretLiterals(hit);
    for (const leaf of this.leaves) {
      this.structuredSecrets(leaf);
      this.namedSecretVariable(leaf);
      this.machines(leaf);
      this.environmentSpecific(leaf);
      this.expressionConstants(leaf);
    }
    this.dataFlow(hits);
    this.knownReaders();
    return { leaves: this.leaves, values: dedupe(this.values), secure: this.secureNeeds(), secretParameters: this.secretParameters };
  }

  // -------------------------------------------------------------------------------------------
  // Variables

  private indexAssignments(): void {
    for (const a of this.flow.actions) {
      const type = a.type.toLowerCase();
      const leaves = this.leavesByAction.get(a) ?? [];
      if (type === 'initializevariable') {
        const vars = prop(a.inputs, 'variables');
        (vars?.children ?? []).forEach((v, k) => {
          const name = stringValue(prop(v, 'name'));
          if (!name) return;
          this.addAssignment(name, leaves.filter(l => l.path[0] === 'variables' && l.path[1] === String(k) && l.path[2] === 'value'));
        });
      } else if (type === 'setvariable' || type === 'appendtostringvariable' || type === 'appendtoarrayvariable') {
        const name = stringValue(prop(a.inputs, 'name'));
        if (name) this.addAssignment(name, leaves.filter(l => l.path[0] === 'value'));
      }
    }
  }

  private addAssignment(name: string, leaves: StringLeaf[]): void {
    const key = name.toLowerCase();
    this.assignments.set(key, [...(this.assignments.get(key) ?? []), ...leaves]);
  }

  /** The variable a leaf assigns, when it is the value of an Initialize/Set/Append variable action. */
  private assignedVariable(leaf: StringLeaf): string | undefined {
    const type = leaf.action.type.toLowerCase();
    if (type === 'initializevariable' && leaf.path[0] === 'variables' && leaf.path[2] === 'value') {
      const v = prop(leaf.action.inputs, 'variables')?.children?.[Number(leaf.path[1])];
      return stringValue(prop(v, 'name'));
    }
    if ((type === 'setvariable' || type === 'appendtostringvariable') && leaf.path[0] === 'value') return stringValue(prop(leaf.action.inputs, 'name'));
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Secret places

  private secretPlaces(leaf: StringLeaf): SinkHit[] {
    const out: SinkHit[] = [];
    const { action, path, text } = leaf;
    const whole = (what: string, where: string, kind: string, extra: Partial<SinkHit> = {}) =>
      out.push({ leaf, start: 0, end: text.length, what, where, kind, ...extra });
    const connector = connectorOf(action, this.flow);
    const isConnector = CONNECTOR_ACTION_TYPES.test(action.type);

    // HTTP authentication (connector actions authenticate through their connection).
    if (path[0] === 'authentication' && path.length === 2 && !isConnector) {
      const authType = (stringValue(prop(prop(action.inputs, 'authentication'), 'type')) ?? '').toLowerCase();
      const k = path[1].toLowerCase();
      if (k === 'password') whole('password', 'authentication password', 'authentication');
      else if (k === 'secret') whole('client secret', 'authentication secret', 'authentication');
      else if (k === 'pfx') whole('certificate (PFX)', 'authentication pfx', 'authentication');
      else if (k === 'value' && authType === 'raw') whole('credential', 'authentication value', 'authentication', { scheme: true });
    }

    // Headers.
    const headerName = path[0] === 'headers' && path.length === 2 ? path[1]
      : isConnector && path[0] === 'parameters' && path.length === 2 && /^headers?\//i.test(path[1]) ? lastSegment(path[1]) : undefined;
    if (headerName !== undefined && (isSecretHeader(headerName) || isSecretName(headerName))) {
      whole(normalizeName(headerName).includes('authorization') ? 'credential' : 'key', `header "${headerName}"`, 'header', { scheme: true });
    }

    // Query parameters.
    if (path[0] === 'queries' && path.length === 2) {
      const q = path[1];
      if (querySecrecy(q, '') === 'weak') whole('key', `query parameter "${q}"`, 'query', { weak: true });
      else if (querySecrecy(q, '') === 'strong' || isSecretName(q)) whole('secret', `query parameter "${q}"`, 'query');
    }

    // Sensitive inputs of a desktop flow run from this cloud flow.
    const uiFlow = connector === 'shared_uiflow' && /^runuiflow/.test(operationOf(action)) && path[0] === 'parameters';
    if (uiFlow) {
      const input = path.length === 2 && /^item\//i.test(path[1]) ? path[1].slice(5) : path.length === 3 && path[1] === 'item' ? path[2] : undefined;
      if (input !== undefined && this.sensitiveInput(action, input)) whole('sensitive desktop-flow input', `desktop-flow input "${input}"`, 'desktop-input');
    }

    // Secret-named fields: connector parameters, HTTP body fields, any object key under inputs.
    const named = uiFlow ? undefined : this.namedField(leaf);
    if (named && headerName === undefined && path[0] !== 'authentication' && path[0] !== 'queries') {
      whole(describeSecretName(named), describeWhere(path), isConnector && path[0] === 'parameters' ? 'connector-parameter' : path[0] === 'body' ? 'body' : 'field');
    }

    // Embedded: URI credentials, query strings and form bodies, connection strings, JSON text.
    out.push(...this.embeddedSecretPlaces(leaf));
    return out;
  }

  /** The secret-looking field name a leaf is the value of, if any. */
  private namedField(leaf: StringLeaf): string | undefined {
    const { path } = leaf;
    if (this.assignedVariable(leaf) !== undefined) return undefined;
    for (let k = path.length - 1; k >= 0; k--) {
      if (/^\d+$/.test(path[k])) continue;
      const name = lastSegment(path[k]);
      return isSecretName(name) ? name : undefined;
    }
    return undefined;
  }

  private sensitiveInput(action: FlowAction, input: string): boolean {
    const df = this.desktopFlowOf(action);
    if (df) {
      const lower = input.toLowerCase();
      if (df.inputs.some(i => i.sensitive && i.name.toLowerCase() === lower)) return true;
      if (df.script?.ast.sensitive?.names.some(n => n.name.toLowerCase() === lower)) return true;
    }
    // A literal given to an input named like a credential is a secret whatever the desktop flow says.
    return isSecretName(input);
  }

  private desktopFlowOf(action: FlowAction): DesktopFlow | undefined {
    const params = prop(action.inputs, 'parameters');
    const id = stringValue(prop(params, 'uiFlowId'))?.replace(/[{}]/g, '').toLowerCase();
    if (!id) return undefined;
    return this.solution?.desktopFlows.find(d => d.id === id);
  }

  private embeddedSecretPlaces(leaf: StringLeaf): SinkHit[] {
    const out: SinkHit[] = [];
    const m = leaf.masked;
    const add = (start: number, end: number, what: string, where: string, kind: string, weak = false) => {
      if (end > start) out.push({ leaf, start, end, what, where, kind, weak });
    };
    // Passwords on command lines (a runbook's or a script's command text): net use, sqlcmd -P.
    for (const c of commandLinePasswords(m)) add(c.start, c.end, 'password', `the command line in ${describeWhere(leaf.path)}`, 'command-line');
    if (!/[=:@]/.test(m)) return out;
    // user:password@ in URLs.
    for (const u of findUserInfo(m, "/@:'\"<>\u0000", "/@'\"<>", false)) {
      const start = u.end - 1 - u.password.length;
      add(start, start + u.password.length, 'password', 'the URI', 'uri-userinfo');
    }
    // key=value pairs of query strings, form bodies and URL fragments (`#access_token=…` of the OAuth implicit flow).
    for (const q of m.matchAll(/(?:^|[?&#])([A-Za-z0-9_.\-]+)=([^&#\s'"<>]*)/g)) {
      const key = q[1];
      const lower = key.toLowerCase();
      const start = q.index! + q[0].length - q[2].length;
      const where = `"${key}" in ${/^[a-z][a-z0-9+.-]*:\/\//i.test(m.trim()) ? 'the URI' : 'the text'}`;
      if (querySecrecy(key, '') === 'weak') add(start, start + q[2].length, 'key', where, 'query', true);
      else if (querySecrecy(key, '') === 'strong' || isSecretName(key)) add(start, start + q[2].length, lower === 'sig' ? 'SAS signature' : 'secret', where, 'query');
    }
    // Connection strings.
    for (const part of parseConnectionString(m)) {
      if (connectionKeyIs(part.key, CONNECTION_SECRET_KEYS)) add(part.start, part.end, describeSecretName(part.key), `"${part.key}" of a connection string`, 'connection-string');
    }
    // "key": "value" in JSON text.
    for (const j of m.matchAll(/"([A-Za-z0-9_\-]+)"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
      if (!isSecretName(j[1])) continue;
      const start = j.index! + j[0].length - 1 - j[2].length;
      add(start, start + j[2].length, describeSecretName(j[1]), `"${j[1]}" in the text`, 'json-text');
    }
    return out;
  }

  /** Literal parts of a secret place are plain-text secrets. */
  private secretLiterals(hit: SinkHit): void {
    const { leaf } = hit;
    for (const part of this.literalParts(leaf, hit.start, hit.end, hit.scheme)) {
      if (!secretText(leaf.text.slice(part.start, part.end), hit.weak)) continue;
      // Inside a mixed value, a short literal next to references is glue (`sk-`, `:`), not a secret.
      const isWholeHit = part.start === hit.start && part.end === hit.end;
      if (!isWholeHit && hit.start === 0 && hit.end === leaf.text.length && (part.end - part.start < 8 || /\s/.test(leaf.text.slice(part.start, part.end).trim()))) continue;
      this.push('secret', leaf, part.start, part.end, { kind: hit.kind, what: hit.what, where: hit.where });
    }
  }

  /** Literal sub-spans of [start, end) of a leaf, after an optional auth scheme, trimmed. */
  private literalParts(leaf: StringLeaf, start: number, end: number, scheme?: boolean): Array<{ start: number; end: number }> {
    const out: Array<{ start: number; end: number }> = [];
    for (const s of this.literalSpans(leaf)) {
      let a = Math.max(s.start, start);
      const b0 = Math.min(s.end, end);
      if (a >= b0) continue;
      if (scheme && a === start) {
        const m = AUTH_SCHEME.exec(leaf.text.slice(a, b0));
        if (m) a += m[0].length;
      }
      let b = b0;
      while (a < b && /\s/.test(leaf.text[a])) a++;
      while (b > a && /\s/.test(leaf.text[b - 1])) b--;
      if (b > a) out.push({ start: a, end: b });
    }
    return out;
  }

  /** Literal text of a leaf: its literal segments and the string constants its expressions build values from. */
  private literalSpans(leaf: StringLeaf): Array<{ start: number; end: number }> {
    const out: Array<{ start: number; end: number }> = [];
    for (const s of leaf.segments) {
      if (s.kind === 'literal') out.push(s);
      else if (s.kind === 'expression') out.push(...valueConstants(leaf.text, s.start, s.end));
    }
    return out;
  }

  private structuredSecrets(leaf: StringLeaf): void {
    const where = describeWhere(leaf.path);
    for (const s of findStructuredSecrets(leaf.masked)) {
      if (leaf.masked.slice(s.start, s.end).includes('\u0000')) continue;
      this.push('secret', leaf, s.start, s.end, { kind: 'token', what: STRUCTURED_NAMES[s.kind], where });
    }
    // Inside expressions: `concat('Bearer ', 'eyJ…')` holds the token as literally as a plain string.
    for (const seg of leaf.segments) {
      if (seg.kind !== 'expression') continue;
      for (const c of valueConstants(leaf.text, seg.start, seg.end)) {
        for (const s of findStructuredSecrets(leaf.text.slice(c.start, c.end))) {
          this.push('secret', leaf, c.start + s.start, c.start + s.end, { kind: 'token', what: STRUCTURED_NAMES[s.kind], where, expression: true });
        }
      }
    }
  }

  /** `Initialize variable` / `Set variable` of a variable named like a secret, with a literal value. */
  private namedSecretVariable(leaf: StringLeaf): void {
    const name = this.assignedVariable(leaf);
    if (!name || !isSecretName(name)) return;
    const declaredType = this.variableType(name);
    if (declaredType && declaredType !== 'string') return;
    for (const part of this.literalParts(leaf, 0, leaf.text.length, true)) {
      if (!secretText(leaf.text.slice(part.start, part.end))) continue;
      this.push('secret', leaf, part.start, part.end, { kind: 'variable', what: describeSecretName(name), where: `variable "${name}"` });
    }
  }

  private variableType(name: string): string | undefined {
    const lower = name.toLowerCase();
    for (const a of this.flow.actions) {
      if (a.type.toLowerCase() !== 'initializevariable') continue;
      for (const v of prop(a.inputs, 'variables')?.children ?? []) {
        if (stringValue(prop(v, 'name'))?.toLowerCase() === lower) return stringValue(prop(v, 'type'))?.toLowerCase();
      }
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Data flow: from secret places back to literals (plaintext) and to actions (secure outputs)

  private dataFlow(hits: SinkHit[]): void {
    const taintedVars = new Map<string, { direct: boolean; sink: SinkHit }>();
    const taintedActions = new Map<string, SinkHit>();
    const work: Array<{ refs: Refs; sink: SinkHit; direct: boolean }> = [];

    for (const hit of hits) {
      const exprs = this.expressionsIn(hit.leaf, hit.start, hit.end);
      const hasValue = exprs.length > 0 || this.literalParts(hit.leaf, hit.start, hit.end, hit.scheme).some(p => secretText(hit.leaf.text.slice(p.start, p.end), hit.weak));
      const sends = HTTP_TYPES.has(hit.leaf.action.type.toLowerCase()) || CONNECTOR_ACTION_TYPES.test(hit.leaf.action.type);
      // Every credential a request carries counts, the Authorization header too: the engine's obfuscation of
      // that header has known exceptions (Azure/LogicAppsUX#9085) and is not part of the action, so a copy of
      // the action (or a change of its type) loses it; only the sender's own Secure Inputs setting is explicit.
      // Secured outputs of the action the secret comes from do not count either: the sender's own Secure Inputs
      // setting is what keeps the value out of its run history (and out of every later copy of the action).
      if (sends && hasValue && !onlyConnectionAuth(exprs)) {
        this.need(hit.leaf.action, 'inputs', `it sends a ${hit.what} (${hit.where})`);
      }
      for (const e of exprs) {
        const refs = refsOf(e);
        const count = refs.variables.length + refs.actions.length + refs.parameters.length;
        work.push({ refs, sink: hit, direct: count === 1 });
      }
    }

    while (work.length) {
      const { refs, sink, direct } = work.pop()!;
      for (const p of refs.parameters) {
        if (p.startsWith('$')) continue;
        if (!this.secretParameters.has(p)) this.secretParameters.set(p, { action: sink.leaf.action, where: sink.where });
      }
      for (const v of refs.variables) {
        const key = v.toLowerCase();
        const seen = taintedVars.get(key);
        if (seen && (seen.direct || !direct)) continue;
        taintedVars.set(key, { direct, sink });
        for (const leaf of this.assignments.get(key) ?? []) {
          this.literalFlowsToSecret(leaf, { kind: 'variable', name: v }, sink, direct);
          for (const e of this.expressionsIn(leaf, 0, leaf.text.length)) work.push({ refs: refsOf(e), sink, direct: direct && refCount(e) === 1 });
        }
      }
      for (const name of refs.actions) {
        const target = this.actionByRef(name);
        if (!target || taintedActions.has(target.name)) continue;
        taintedActions.set(target.name, sink);
        if (target.trigger) continue;
        const type = target.type.toLowerCase();
        if (UNSECURABLE_TYPES.has(type)) continue;
        const reason = `its outputs reach ${sink.where} of "${sink.leaf.action.name}"`;
        this.need(target, 'outputs', reason);
        if (PASS_THROUGH_TYPES.has(type)) {
          const leaves = this.leavesByAction.get(target) ?? [];
          let carries = false;
          const all: string[] = [];
          for (const leaf of leaves) {
            const exprs = this.expressionsIn(leaf, 0, leaf.text.length);
            all.push(...exprs);
            if (exprs.length) carries = true;
            if (type === 'compose') carries = this.literalFlowsToSecret(leaf, { kind: 'compose', name: target.name }, sink, direct) || carries;
            for (const e of exprs) work.push({ refs: refsOf(e), sink, direct: direct && refCount(e) === 1 });
          }
          if (carries) this.need(target, 'inputs', `its inputs carry the secret that reaches ${sink.where} of "${sink.leaf.action.name}"`);
          // Compose, Parse JSON and Response that take secured outputs directly are hidden by the engine.
          if (carries && INPUT_ONLY_TYPES.has(type) && this.fromSecuredOutputs(all)) this.needs.delete(target);
        }
      }
    }
  }

  /** Literals assigned to a variable (or given to a Compose) that reaches a secret place. */
  private literalFlowsToSecret(leaf: StringLeaf, via: { kind: 'variable' | 'compose'; name: string }, sink: SinkHit, direct: boolean): boolean {
    let found = false;
    for (const part of this.literalParts(leaf, 0, leaf.text.length, true)) {
      const value = leaf.text.slice(part.start, part.end);
      // Through a shared expression (`concat(variables('user'), ':', variables('pwd'))`) only
      // secret-named variables or random-looking values count: the user name travels along.
      if (!secretText(value, sink.weak) || (!direct && !isSecretName(via.name) && !looksRandom(value))) continue;
      found = true;
      this.push('secret', leaf, part.start, part.end, {
        kind: via.kind,
        what: sink.what,
        where: via.kind === 'variable' ? `variable "${via.name}"` : `inputs of "${via.name}"`,
        via: { ...via, sinkAction: sink.leaf.action.name, sinkWhere: sink.where },
      });
    }
    return found;
  }

  /**
   * Every value comes straight from actions with secured outputs (`@body('Get_secret')…`): the engine then
   * hides the inputs that use them (Logic Apps: "If a downstream action explicitly uses these secured
   * outputs as inputs, … hides this action's inputs"). Not through variables, parameters, or Compose/Parse JSON/Response.
   */
  private fromSecuredOutputs(expressions: string[]): boolean {
    if (!expressions.length) return false;
    for (const e of expressions) {
      const refs = refsOf(e);
      if (refs.variables.length || refs.parameters.some(p => !p.startsWith('$')) || !refs.actions.length || /\b(trigger\w*|items|item|iterationIndexes)\(/i.test(e)) return false;
      for (const name of refs.actions) {
        const target = this.actionByRef(name);
        if (!target || INPUT_ONLY_TYPES.has(target.type.toLowerCase()) || !securedProperties(target).has('outputs')) return false;
      }
    }
    return true;
  }

  private expressionsIn(leaf: StringLeaf, start: number, end: number): string[] {
    return leaf.segments.filter(s => s.kind === 'expression' && s.end > start && s.start < end).map(s => leaf.text.slice(s.start, s.end));
  }

  private actionByRef(name: string): FlowAction | undefined {
    return this.actionsByName.get(name) ?? this.actionsByName.get(name.replace(/ /g, '_'));
  }

  private need(action: FlowAction, what: 'inputs' | 'outputs', reason: string): void {
    const n = this.needs.get(action) ?? {};
    if (!n[what]) n[what] = reason;
    this.needs.set(action, n);
  }

  /** Actions that read a secret by what they are: Key Vault, secret environment variables, token endpoints, desktop flows with sensitive outputs. */
  private knownReaders(): void {
    for (const a of this.flow.actions) {
      const connector = connectorOf(a, this.flow);
      const op = operationOf(a);
      const params = prop(a.inputs, 'parameters');
      if (connector === 'shared_keyvault' && (op === 'getsecret' || op === 'getsecretversion')) {
        this.need(a, 'outputs', 'it reads a secret from Azure Key Vault');
      } else if (connector === 'shared_commondataserviceforapps' && /^performunboundaction/.test(op) && stringValue(prop(params, 'actionName')) === 'RetrieveEnvironmentVariableSecretValue') {
        this.need(a, 'outputs', 'it reads the value of a Secret environment variable');
      } else if (connector === 'shared_uiflow' && /^runuiflow/.test(op)) {
        const df = this.desktopFlowOf(a);
        if (df && (df.outputs.some(o => o.sensitive) || df.outputs.some(o => df.script?.ast.sensitive?.names.some(n => n.name.toLowerCase() === o.name.toLowerCase())))) {
          this.need(a, 'outputs', `desktop flow "${df.name}" returns sensitive outputs`);
        }
      } else if (HTTP_TYPES.has(a.type.toLowerCase())) {
        const uri = stringValue(prop(a.inputs, 'uri')) ?? '';
        const body = prop(a.inputs, 'body');
        const bodyText = body ? this.flow.file.text.slice(body.offset, body.offset + body.length) : '';
        if (/\/oauth2(?:\/v2\.0)?\/token\b|\/connect\/token\b|\/oauth\/token\b/i.test(uri) || /grant_type/.test(bodyText)) {
          this.need(a, 'outputs', 'it requests an access token');
        }
      }
    }
  }

  private secureNeeds(): SecureNeed[] {
    const out: SecureNeed[] = [];
    for (const [action, n] of this.needs) {
      const secured = securedProperties(action);
      const missing: Array<'inputs' | 'outputs'> = [];
      if (INPUT_ONLY_TYPES.has(action.type.toLowerCase())) {
        // Compose, Parse JSON and Response have only Secure Inputs, which hides their outputs too.
        if (!secured.has('inputs')) out.push({ action, missing: ['inputs'], inputsReason: n.inputs ?? n.outputs });
        continue;
      }
      if (n.inputs && !secured.has('inputs')) missing.push('inputs');
      if (n.outputs && !secured.has('outputs')) missing.push('outputs');
      if (missing.length) out.push({ action, missing, inputsReason: missing.includes('inputs') ? n.inputs : undefined, outputsReason: missing.includes('outputs') ? n.outputs : undefined });
    }
    return out.sort((a, b) => a.action.node.offset - b.action.node.offset);
  }

  // -------------------------------------------------------------------------------------------
  // Machines

  private machines(leaf: StringLeaf): void {
    const m = leaf.masked;
    const { allowedHosts, allowedMachines, allowedPaths } = this.settings;
    const machineAllowed = (host: string) => isDocumentationHost(host) || hostAllowed(host, allowedHosts) || allowedMachines.some(x => normalizeHost(x) === normalizeHost(host));
    for (const p of findPaths(m)) {
      if (p.kind !== 'unc' || !p.server) continue;
      const end = cut(m, p.start, p.end);
      if (machineAllowed(p.server) || pathAllowed(p.path, allowedPaths)) continue;
      this.push('machine', leaf, p.start, end, { kind: 'unc', what: 'UNC path', where: describeWhere(leaf.path), host: p.server, display: leaf.text.slice(p.start, end) });
    }
    for (const u of findUrls(m)) {
      const kind = classifyHost(u.host);
      if (kind !== 'internal' && kind !== 'ip') continue;
      if (machineAllowed(u.host)) continue;
      const end = cut(m, u.start, u.end);
      const q = leaf.text.slice(u.start, end).search(/[?#]/);
      const narrow = q > 0 ? this.narrowOf(leaf, u.start, u.start + q, u.host) : undefined;
      this.push('machine', leaf, u.start, end, { kind: 'url', what: kind === 'ip' ? 'IP address' : 'internal host', where: describeWhere(leaf.path), host: u.host, display: u.host, ...(narrow ? { narrow } : {}) });
    }
    for (const part of parseConnectionString(m)) {
      if (!connectionKeyIs(part.key, CONNECTION_SERVER_KEYS) || part.value.includes('\u0000')) continue;
      const host = serverHost(part.value);
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(part.value)) continue; // an endpoint URL: judged as a URL
      if (!host || classifyHost(host) === 'loopback' || classifyHost(host) === 'global' || machineAllowed(host)) continue;
      this.push('machine', leaf, part.start, part.end, { kind: 'connection-string', what: 'server', where: `"${part.key}" of a connection string`, host, display: part.value });
    }
    // Server and machine parameters of connectors.
    if (leaf.path[0] !== 'parameters' || leaf.path.length < 2 || !CONNECTOR_ACTION_TYPES.test(leaf.action.type)) return;
    if (leaf.segments.length !== 1 || leaf.segments[0].kind !== 'literal') return;
    const value = leaf.text.trim();
    if (!value || /^default$/i.test(value)) return;
    const name = normalizeName(lastSegment(leaf.path[leaf.path.length - 1]));
    const connector = connectorOf(leaf.action, this.flow);
    const start = leaf.text.indexOf(value);
    // A Dataverse row of the machine or machine-group table, addressed by its id: the id differs per environment.
    const machineTable = this.machineTableOf(leaf.action, connector);
    if (machineTable && (name === 'recordid' || name === 'id') && GUID_RE.test(value)) {
      if (allowedMachines.some(x => x.toLowerCase() === value.toLowerCase())) return;
      this.push('machine', leaf, start, start + value.length, { kind: 'machine', what: machineTable === 'group' ? 'machine group' : 'machine', where: describeWhere(leaf.path), host: value, display: value });
      return;
    }
    if (MACHINE_PARAMS.has(name)) {
      if (allowedMachines.some(x => x.toLowerCase() === value.toLowerCase())) return;
      this.push('machine', leaf, start, start + value.length, { kind: 'machine', what: /group/.test(name) ? 'machine group' : 'machine', where: describeWhere(leaf.path), host: value, display: value });
      return;
    }
    let serverValue: string | undefined;
    let serverStart = start;
    if (SERVER_PARAMS.has(name)) serverValue = value;
    else if (name === 'dataset' && connector === 'shared_sql') {
      serverValue = value.split(',')[0].trim();
    }
    if (!serverValue || !HOST_LIKE.test(serverValue) || /^default$/i.test(serverValue) || GUID_RE.test(serverValue)) return;
    const host = serverHost(serverValue);
    const kind = classifyHost(host);
    if (kind === 'loopback' || kind === 'global' || machineAllowed(host)) return;
    serverStart = leaf.text.indexOf(serverValue);
    this.push('machine', leaf, serverStart, serverStart + serverValue.length, { kind: 'server', what: 'server', where: describeWhere(leaf.path), host, display: serverValue });
  }

  /** `group` / `machine` when a Dataverse action works on a row of the machine-group or machine table. */
  private machineTableOf(action: FlowAction, connector: string | undefined): 'group' | 'machine' | undefined {
    if (connector !== 'shared_commondataserviceforapps' && connector !== 'shared_commondataservice') return undefined;
    const params = prop(action.inputs, 'parameters');
    const entity = (stringValue(prop(params, 'entityName')) ?? stringValue(prop(params, 'table')) ?? '').toLowerCase();
    if (/^flowmachinegroups?$/.test(entity)) return 'group';
    if (/^flowmachines?$/.test(entity)) return 'machine';
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Environment-specific values

  private environmentSpecific(leaf: StringLeaf): void {
    const m = leaf.masked;
    const { allowedHosts, allowedPaths } = this.settings;
    const connector = connectorOf(leaf.action, this.flow);
    const where = describeWhere(leaf.path);

    // Connector parameters that name a site, list, org, environment, team or channel.
    const wholeLiteral = leaf.segments.length === 1 && leaf.segments[0].kind === 'literal' && leaf.text.trim() !== '';
    if (wholeLiteral && leaf.path[0] === 'parameters' && leaf.path.length >= 2) {
      const name = normalizeName(lastSegment(leaf.path[leaf.path.length - 1]));
      const value = leaf.text.trim();
      const start = leaf.text.indexOf(value);
      const report = (kind: string, what: string) => {
        const host = findUrls(value)[0]?.host;
        if (host && hostAllowed(host, allowedHosts)) return;
        this.push('env', leaf, start, start + value.length, { kind, what, where, host, display: value });
      };
      if (connector === 'shared_sharepointonline') {
        if (name === 'dataset') return report('sharepoint-site', 'SharePoint site');
        if (name === 'table') return report('sharepoint-list', 'SharePoint list');
      } else if (connector === 'shared_excelonlinebusiness') {
        if ((name === 'source' && /^sites\/|sharepoint|^groups\//i.test(value)) || name === 'drive') return report('excel-location', name === 'drive' ? 'document library (drive)' : 'SharePoint site');
        if (name === 'file' && !value.startsWith('/')) return report('excel-location', 'file id');
      } else if (connector === 'shared_commondataservice') {
        if (name === 'dataset' && !/^default(\.cds)?$/i.test(value)) return report('dataverse-org', 'Dataverse environment');
      } else if (connector === 'shared_commondataserviceforapps') {
        if (name === 'organization') return report('dataverse-org', 'Dataverse environment');
      } else if (connector && ADMIN_CONNECTORS.has(connector)) {
        if (['environment', 'environmentname', 'environmentid', 'env', 'environmentguid'].includes(name)) return report('environment-id', 'environment id');
      } else if (connector === 'shared_teams') {
        if (['groupid', 'teamid', 'team'].includes(name)) return report('teams-team', 'Teams team');
        if (['channelid', 'channel'].includes(name)) return report('teams-channel', 'Teams channel');
      } else if (connector && STORAGE_CONNECTORS.has(connector)) {
        // The storage account (name or endpoint); `AccountNameFromSettings` means the connection's own account.
        if (['dataset', 'storageaccountname', 'accountname', 'storageaccount'].includes(name) && !/^accountnamefromsettings$/i.test(value) && !value.startsWith('/')) {
          return report('storage-account', 'storage account');
        }
      }
    }

    // Rows that every environment creates for itself (users, teams, business units, queues) have other ids elsewhere.
    const bind = wholeLiteral && /@odata\.bind$/i.test(leaf.path[leaf.path.length - 1] ?? '')
      ? /^\/?(systemusers|teams|businessunits|queues)\(\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?\)$/i.exec(leaf.text.trim())
      : null;
    if (bind) {
      const start = leaf.text.indexOf(leaf.text.trim());
      this.push('env', leaf, start, start + leaf.text.trim().length, { kind: 'record-id', what: `${bind[1].toLowerCase().replace(/s$/, '')} id`, where, display: leaf.text.trim() });
      return;
    }

    for (const e of m.matchAll(ENV_ID)) {
      this.push('env', leaf, e.index!, e.index! + e[0].length, { kind: 'environment-id', what: 'environment id', where, display: e[0] });
    }
    for (const p of findPaths(m)) {
      if (p.kind === 'unc') continue;
      const end = cut(m, p.start, p.end);
      const path = leaf.text.slice(p.start, end);
      if (end - p.start < 4 || pathAllowed(path, allowedPaths)) continue;
      this.push('env', leaf, p.start, end, { kind: 'path', what: 'absolute path', where, display: path });
    }
    for (const u of findUrls(m)) this.urlFinding(leaf, u.start, cut(m, u.start, u.end), u.host, where, false);
  }

  /**
   * A URL literal at [start, end) of a leaf (or of a string constant starting at `constantStart`):
   * tenant hosts, hosts naming an environment, global services whose path names an environment
   * (`/v2.0/<tenant>/Production/api`), and other public hosts when the URL is an address (the value
   * starts with it), not a link inside a text.
   */
  private urlFinding(leaf: StringLeaf, start: number, end: number, host: string, where: string, expression: boolean, constantStart?: number): void {
    if (hostAllowed(host, this.settings.allowedHosts) || isDocumentationHost(host)) return;
    const kind = classifyHost(host);
    const display = leaf.text.slice(start, end);
    const url = findUrls(display)[0];
    const path = url ? url.path : '';
    // The address without its query: reported instead when the query holds a secret another rule reports.
    const q = display.search(/[?#]/);
    const narrow = q > 0 && url ? { start, end: start + q, display: `${url.scheme}://${url.host}` } : undefined;
    const extra = { expression, ...(narrow ? { narrow: this.narrowOf(leaf, narrow.start, narrow.end, narrow.display) } : {}) };
    if (kind === 'tenant') {
      this.push('env', leaf, start, end, { kind: 'url', what: 'URL', where, host, display, ...extra });
      return;
    }
    // An address is the value itself (a URI, an endpoint parameter); a link inside a message or an e-mail body is text.
    const address = leaf.text.slice(constantStart ?? 0, start).trim() === '' && isAddressPlace(leaf.path);
    if (kind === 'global') {
      // A global service addressed in one environment's part of it (`/v2.0/<tenant>/Production/api`, `/sites/Finance-UAT`).
      if (address && environmentInPath(host, path)) this.push('env', leaf, start, end, { kind: 'url', what: 'URL', where, host, display, ...extra });
    } else if (kind === 'public') {
      // A host naming an environment is reported anywhere; an environment word in the path only in an address.
      const marked = environmentOfValue(host) !== undefined || (address && environmentInPath(host, path) !== undefined);
      if (!marked && !address) return;
      this.push('env', leaf, start, end, { kind: 'url', what: 'URL', where, host, display, publicHost: !marked, ...extra });
    }
  }

  private narrowOf(leaf: StringLeaf, start: number, end: number, display: string): ValueFinding['narrow'] {
    return { span: { start: leaf.offsets.at(start), end: leaf.offsets.at(end) }, display, literal: start === 0 && end === leaf.text.length ? 'whole' : 'part' };
  }

  /** URLs, UNC paths and absolute paths written as string constants inside expressions. */
  private expressionConstants(leaf: StringLeaf): void {
    const where = describeWhere(leaf.path);
    for (const seg of leaf.segments) {
      if (seg.kind !== 'expression') continue;
      for (const c of expressionConstants(leaf.text, seg)) {
        const content = leaf.text.slice(c.start, c.end);
        for (const p of findPaths(content)) {
          const start = c.start + p.start;
          const end = c.start + p.end;
          if (p.kind === 'unc' && p.server) {
            if (hostAllowed(p.server, this.settings.allowedHosts) || this.settings.allowedMachines.some(x => normalizeHost(x) === normalizeHost(p.server!)) || pathAllowed(p.path, this.settings.allowedPaths)) continue;
            this.push('machine', leaf, start, end, { kind: 'unc', what: 'UNC path', where, host: p.server, display: p.path, expression: true });
          } else if (!pathAllowed(p.path, this.settings.allowedPaths) && p.path.length >= 4) {
            this.push('env', leaf, start, end, { kind: 'path', what: 'absolute path', where, display: p.path, expression: true });
          }
        }
        for (const u of findUrls(content)) {
          const kind = classifyHost(u.host);
          if (kind === 'internal' || kind === 'ip') {
            if (isDocumentationHost(u.host) || hostAllowed(u.host, this.settings.allowedHosts) || this.settings.allowedMachines.some(x => normalizeHost(x) === normalizeHost(u.host))) continue;
            this.push('machine', leaf, c.start + u.start, c.start + u.end, { kind: 'url', what: kind === 'ip' ? 'IP address' : 'internal host', where, host: u.host, display: u.host, expression: true });
          } else {
            this.urlFinding(leaf, c.start + u.start, c.start + u.end, u.host, where, true, c.start);
          }
        }
      }
    }
  }

  // -------------------------------------------------------------------------------------------

  private push(rule: ValueRule, leaf: StringLeaf, start: number, end: number, f: Omit<ValueFinding, 'rule' | 'action' | 'node' | 'span' | 'literal' | 'parameter'>): void {
    if (end <= start) return;
    this.values.push({
      rule,
      action: leaf.action,
      node: leaf.node,
      span: { start: leaf.offsets.at(start), end: leaf.offsets.at(end) },
      literal: start === 0 && end === leaf.text.length ? 'whole' : 'part',
      parameter: pointerOf(leaf.node),
      ...f,
    });
  }
}

// ---------------------------------------------------------------------------------------------

const STRUCTURED_NAMES: Record<string, string> = {
  'jwt': 'JSON web token', 'github-token': 'GitHub token', 'slack-token': 'Slack token', 'aws-access-key': 'AWS access key',
  'private-key': 'private key', 'storage-key': 'storage account key',
};

/** Parameter and field names of text meant for people (messages, cards, e-mail), not addresses. */
const TEXT_FIELD = /(body|message|messagebody|text|subject|comment|comments|content|html|card|note|notes|title|summary|details|description)$/i;
const ADDRESS_FIELD = /(url|uri|endpoint|address|host|hostname|server|site|baseurl|link)$/i;

/**
 * Where a URL is an address the flow connects to: the `uri` of an HTTP action, a connector or trigger
 * parameter that is not a text for people, a field named like an address. Not: e-mail bodies, card
 * texts, messages.
 */
function isAddressPlace(path: string[]): boolean {
  if (path[0] === 'uri') return true;
  const names = path.filter(p => !/^\d+$/.test(p)).map(lastSegment);
  const last = names[names.length - 1] ?? '';
  if (ADDRESS_FIELD.test(last.replace(/[^A-Za-z]/g, ''))) return true;
  return path[0] === 'parameters' && !TEXT_FIELD.test(last.replace(/[^A-Za-z]/g, ''));
}

function refCount(expression: string): number {
  const r = refsOf(expression);
  return r.variables.length + r.actions.length + r.parameters.length;
}

/** `@parameters('$authentication')` and friends: the connection's own credentials, never shown. */
function onlyConnectionAuth(expressions: string[]): boolean {
  return expressions.length > 0 && expressions.every(e => /^@?\{?\s*parameters\('\$(authentication|connections)'\)/.test(e) || /X-MS-APIM-Tokens/.test(e));
}

function securedProperties(action: FlowAction): Set<string> {
  const props = prop(prop(prop(action.node, 'runtimeConfiguration'), 'secureData'), 'properties');
  return new Set((props?.children ?? []).map(c => (typeof c.value === 'string' ? c.value.toLowerCase() : '')));
}

/** End of a match cut before the first reference character. */
function cut(masked: string, start: number, end: number): number {
  const k = masked.indexOf('\u0000', start);
  let e = k >= 0 && k < end ? k : end;
  while (e > start && /[\s"'.,;:)\]}]/.test(masked[e - 1])) e--;
  return e;
}

function describeSecretName(name: string): string {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (/clientsecret/.test(n)) return 'client secret';
  if (/pass(word|wd|phrase)|pwd/.test(n)) return 'password';
  if (/apikey|subscriptionkey|functionskey/.test(n)) return 'API key';
  if (/accountkey|accesskey|sharedaccesskey/.test(n)) return 'access key';
  if (/privatekey|signingkey|encryptionkey|masterkey/.test(n)) return 'key';
  if (/token/.test(n)) return 'token';
  if (/credential/.test(n)) return 'credential';
  return 'secret';
}

/** A readable name for a place inside an action's inputs. */
export function describeWhere(path: string[]): string {
  if (path.length === 0) return 'inputs';
  const [head, ...rest] = path;
  switch (head) {
    case 'authentication': return rest.length ? `authentication ${rest.join('/')}` : 'authentication';
    case 'headers': return rest.length ? `header "${rest.join('/')}"` : 'headers';
    case 'queries': return rest.length ? `query parameter "${rest.join('/')}"` : 'queries';
    case 'parameters': return rest.length ? `parameter "${rest.join('/')}"` : 'parameters';
    case 'body': return rest.length ? `body field "${rest.join('/')}"` : 'body';
    case 'uri': return 'URI';
    case 'variables': return rest[1] === 'value' ? 'initial value' : path.join('/');
    default: return path.join('/');
  }
}

/**
 * Keeps each piece of text with one rule (credential > machine > environment) and drops overlaps within
 * a rule. A finding that overlaps a stronger one is dropped, or narrowed when it has a narrower form that
 * does not overlap (a URL's address without the query whose signature is the credential).
 */
function dedupe(values: ValueFinding[]): ValueFinding[] {
  const rank: Record<ValueRule, number> = { secret: 0, machine: 1, env: 2 };
  const byNode = new Map<JsonNode, ValueFinding[]>();
  for (const v of values) byNode.set(v.node, [...(byNode.get(v.node) ?? []), v]);
  const out: ValueFinding[] = [];
  const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
  for (const list of byNode.values()) {
    const kept: ValueFinding[] = [];
    for (const v of [...list].sort((a, b) => rank[a.rule] - rank[b.rule])) {
      if (!kept.some(k => overlaps(k.span, v.span))) {
        kept.push(v);
        continue;
      }
      // Within one rule the first finding wins; a weaker rule may keep a part the stronger ones do not cover.
      if (!v.narrow || kept.some(k => k.rule === v.rule && overlaps(k.span, v.span))) continue;
      const n = v.narrow;
      if (kept.some(k => overlaps(k.span, n.span))) continue;
      kept.push({ ...v, span: n.span, display: n.display, literal: n.literal, narrow: undefined });
    }
    out.push(...kept);
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

// ---------------------------------------------------------------------------------------------
// Reporting helpers shared by the value rules (plaintext-secret, hardcoded-machine, environment-specific-value)

/** `Action "X"` or `Trigger "X"`, as the messages name the element. */
export function actionLabel(v: ValueFinding): string {
  return `${v.action.trigger ? 'Trigger' : 'Action'} "${v.action.name}"`;
}

/** A value shown in a message, cut to a readable length. Never used for secrets. */
export function shortened(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The `data` every value finding carries for the fix engine. */
export function valueData(v: ValueFinding): Record<string, unknown> {
  return {
    action: v.action.name,
    parameter: v.parameter,
    literal: v.literal,
    kind: v.kind,
    ...(v.expression ? { expression: true } : {}),
  };
}
