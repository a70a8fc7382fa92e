// Where a cloud flow puts a secret: HTTP authentication, credential headers and query parameters,
// sensitive inputs of a desktop flow it runs, secret-named fields, and secrets embedded in text (URI
// credentials, keys in URL paths, key=value pairs, connection strings, JSON, command lines). Whatever reaches such a
// place, a literal or a reference, is a secret.
import { prop, stringValue } from '../../load/json';
import type { CloudFlow, FlowAction, Solution } from '../../model/types';
import { commandLinePasswords } from '../shared/command-secrets';
import { findUserInfo } from '../shared/scan';
import { keyShapedPathSegments } from '../shared/url-keys';
import { CONNECTION_SECRET_KEYS, connectionKeyIs, findUrls, isPipelineToken, isPlaceholderSecret, looksRandom, parseConnectionString } from '../shared/values';
import { isSecretHeader, isSecretName, isUserName, querySecrecy } from '../shared/vocabulary';
import { desktopFlowOf, isConnectorAction, runsDesktopFlow } from './actions';
import { lastSegment, normalizeName, StringLeaf, whereOf } from './leaves';
import { assignedVariable } from './variables';

/** A place in a string value that carries a secret. */
export interface SecretPlace {
  leaf: StringLeaf;
  /** Decoded span of the value (the whole string for whole-value places). */
  start: number;
  end: number;
  /** What the secret is, for messages: `password`, `API key`, `sensitive desktop-flow input`… */
  what: string;
  /** Where it is, for messages: `authentication password`, `header "x-api-key"`… */
  where: string;
  /** Kind of place, for finding data: `authentication`, `header`, `query`, `connection-string`… */
  kind: string;
  /** Strip an HTTP auth scheme (`Bearer `, `Basic `) before judging the literal. */
  scheme?: boolean;
  /** Literal parts must look random to count (weak names: `key`, `code`, `token`). */
  weak?: boolean;
}

const TRIVIAL = /^(true|false|yes|no|null|none|default|undefined|string|secret|password|token)$/i;

/** Whether literal text in a secret place is a secret value (not a placeholder, a flag or a pipeline token). */
export function secretText(value: string, weak = false): boolean {
  const v = value.trim();
  if (v.length < 3 || !/[A-Za-z0-9]/.test(v) || isPlaceholderSecret(v) || TRIVIAL.test(v) || isPipelineToken(v)) return false;
  return weak ? looksRandom(v) : true;
}

/** What a secret-named field holds, for messages: `client secret`, `password`, `API key`… */
export function describeSecretName(name: string): string {
  const n = normalizeName(name);
  if (/clientsecret/.test(n)) return 'client secret';
  if (/pass(word|wd|phrase)|pwd/.test(n)) return 'password';
  if (/apikey|subscriptionkey|functionskey/.test(n)) return 'API key';
  if (/accountkey|accesskey|sharedaccesskey/.test(n)) return 'access key';
  if (/privatekey|signingkey|encryptionkey|masterkey/.test(n)) return 'key';
  if (/token/.test(n)) return 'token';
  if (/credential/.test(n)) return 'credential';
  return 'secret';
}

/** The secret places of one string value. */
export function secretPlaces(leaf: StringLeaf, flow: CloudFlow, solution: Solution | undefined): SecretPlace[] {
  const out: SecretPlace[] = [];
  collectSecretPlaces(leaf, flow, solution, out);
  return out;
}

/** A place that is the whole value. */
function whole(leaf: StringLeaf, what: string, where: string, kind: string, scheme?: boolean, weak?: boolean): SecretPlace {
  const place: SecretPlace = { leaf, start: 0, end: leaf.text.length, what, where, kind };
  if (scheme !== undefined) place.scheme = scheme;
  if (weak !== undefined) place.weak = weak;
  return place;
}

/** The secret places of one string value, added to `out` (one list for a whole flow). */
export function collectSecretPlaces(leaf: StringLeaf, flow: CloudFlow, solution: Solution | undefined, out: SecretPlace[]): void {
  const { action, path } = leaf;
  const isConnector = isConnectorAction(action);

  // HTTP authentication (connector actions authenticate through their connection).
  if (path[0] === 'authentication' && path.length === 2 && !isConnector) {
    const authType = (stringValue(prop(prop(action.inputs, 'authentication'), 'type')) ?? '').toLowerCase();
    const k = path[1].toLowerCase();
    if (k === 'password') out.push(whole(leaf, 'password', 'authentication password', 'authentication'));
    else if (k === 'secret') out.push(whole(leaf, 'client secret', 'authentication secret', 'authentication'));
    else if (k === 'pfx') out.push(whole(leaf, 'certificate (PFX)', 'authentication pfx', 'authentication'));
    else if (k === 'value' && authType === 'raw') out.push(whole(leaf, 'credential', 'authentication value', 'authentication', true));
  }

  // Headers.
  const headerName = path[0] === 'headers' && path.length === 2 ? path[1]
    : isConnector && path[0] === 'parameters' && path.length === 2 && HEADER_PARAMETER.test(path[1]) ? lastSegment(path[1]) : undefined;
  if (headerName !== undefined && (isSecretHeader(headerName) || isSecretName(headerName))) {
    out.push(whole(leaf, normalizeName(headerName).includes('authorization') ? 'credential' : 'key', `header "${headerName}"`, 'header', true));
  }

  // Query parameters.
  if (path[0] === 'queries' && path.length === 2) {
    const q = path[1];
    if (querySecrecy(q, '') === 'weak') out.push(whole(leaf, 'key', `query parameter "${q}"`, 'query', undefined, true));
    else if (querySecrecy(q, '') === 'strong' || isSecretName(q)) out.push(whole(leaf, 'secret', `query parameter "${q}"`, 'query'));
  }

  // Sensitive inputs of a desktop flow run from this cloud flow.
  const uiFlow = path[0] === 'parameters' && runsDesktopFlow(action, flow);
  if (uiFlow) {
    const input = path.length === 2 && ITEM_PARAMETER.test(path[1]) ? path[1].slice(5) : path.length === 3 && path[1] === 'item' ? path[2] : undefined;
    if (input !== undefined && sensitiveInput(action, input, solution)) out.push(whole(leaf, 'sensitive desktop-flow input', `desktop-flow input "${input}"`, 'desktop-input'));
  }

  // Secret-named fields: connector parameters, HTTP body fields, any object key under inputs.
  const named = uiFlow ? undefined : namedField(leaf);
  if (named && headerName === undefined && path[0] !== 'authentication' && path[0] !== 'queries') {
    out.push(whole(leaf, describeSecretName(named), whereOf(leaf), isConnector && path[0] === 'parameters' ? 'connector-parameter' : path[0] === 'body' ? 'body' : 'field'));
  }

  // Embedded: URI credentials, query strings and form bodies, connection strings, JSON text.
  embeddedSecretPlaces(leaf, out);
}

const HEADER_PARAMETER = /^headers?\//i;
const ITEM_PARAMETER = /^item\//i;

/** The secret-looking field name a leaf is the value of, if any (not a variable's value: its name is judged apart). */
function namedField(leaf: StringLeaf): string | undefined {
  const { path } = leaf;
  for (let k = path.length - 1; k >= 0; k--) {
    if (isIndex(path[k])) continue;
    const name = lastSegment(path[k]);
    return isSecretName(name) && assignedVariable(leaf) === undefined ? name : undefined;
  }
  return undefined;
}

/** An array index in a path (`0`, `12`): all digits. */
function isIndex(part: string): boolean {
  if (part.length === 0) return false;
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function sensitiveInput(action: FlowAction, input: string, solution: Solution | undefined): boolean {
  // Roles from meaning (issue 12): a user name marked sensitive to keep it out of run logs is not the
  // secret; the password beside it is (a message naming `Input_Username` points at the wrong input).
  if (isUserName(input)) return false;
  const df = desktopFlowOf(action, solution);
  if (df) {
    const lower = input.toLowerCase();
    if (df.inputs.some(i => i.sensitive && i.name.toLowerCase() === lower)) return true;
    if (df.script?.ast.sensitive?.names.some(n => n.name.toLowerCase() === lower)) return true;
  }
  // A literal given to an input named like a credential is a secret whatever the desktop flow says.
  return isSecretName(input);
}

function embeddedSecretPlaces(leaf: StringLeaf, out: SecretPlace[]): void {
  const m = leaf.masked;
  // Passwords on command lines (a runbook's or a script's command text): net use, sqlcmd -P.
  for (const c of commandLinePasswords(m)) addPlace(out, leaf, c.start, c.end, 'password', `the command line in ${whereOf(leaf)}`, 'command-line');
  // Every shape below needs a `=`, a `:` or a `@`: most values have none.
  if (!EMBEDDED_MARK.test(m)) return;
  // API keys written into a URL's path (`/v6/<32 hex>/latest`): the same secret as `?apikey=…`.
  if (m.includes('://')) {
    for (const u of findUrls(m)) {
      for (const k of keyShapedPathSegments(u.url)) addPlace(out, leaf, u.start + k.start, u.start + k.end, 'API key', `the path of the URL in ${whereOf(leaf)}`, 'url-path');
    }
    // user:password@ in URLs.
    for (const u of findUserInfo(m, "/@:'\"<>\u0000", "/@'\"<>", false)) {
      const start = u.end - 1 - u.password.length;
      addPlace(out, leaf, start, start + u.password.length, 'password', 'the URI', 'uri-userinfo');
    }
  }
  if (!m.includes('=')) return jsonSecretPlaces(leaf, m, out);
  // key=value pairs of query strings, form bodies and URL fragments (`#access_token=…` of the OAuth implicit flow).
  for (const q of m.matchAll(QUERY_PAIR)) {
    const key = q[1];
    const start = q.index! + q[0].length - q[2].length;
    const where = `"${key}" in ${URI_START.test(m.trim()) ? 'the URI' : 'the text'}`;
    if (querySecrecy(key, '') === 'weak') addPlace(out, leaf, start, start + q[2].length, 'key', where, 'query', true);
    else if (querySecrecy(key, '') === 'strong' || isSecretName(key)) addPlace(out, leaf, start, start + q[2].length, key.toLowerCase() === 'sig' ? 'SAS signature' : 'secret', where, 'query');
  }
  // Connection strings.
  for (const part of parseConnectionString(m)) {
    if (connectionKeyIs(part.key, CONNECTION_SECRET_KEYS)) addPlace(out, leaf, part.start, part.end, describeSecretName(part.key), `"${part.key}" of a connection string`, 'connection-string');
  }
  jsonSecretPlaces(leaf, m, out);
}

function addPlace(out: SecretPlace[], leaf: StringLeaf, start: number, end: number, what: string, where: string, kind: string, weak = false): void {
  if (end > start) out.push({ leaf, start, end, what, where, kind, weak });
}

const EMBEDDED_MARK = /[=:@]/;
const QUERY_PAIR = /(?:^|[?&#])([A-Za-z0-9_.\-]+)=([^&#\s'"<>]*)/g;
const URI_START = /^[a-z][a-z0-9+.-]*:\/\//i;
const JSON_PAIR = /"([A-Za-z0-9_\-]+)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/** "key": "value" in JSON text. */
function jsonSecretPlaces(leaf: StringLeaf, m: string, out: SecretPlace[]): void {
  if (!m.includes('"')) return;
  for (const j of m.matchAll(JSON_PAIR)) {
    if (!isSecretName(j[1])) continue;
    const start = j.index! + j[0].length - 1 - j[2].length;
    addPlace(out, leaf, start, start + j[2].length, describeSecretName(j[1]), `"${j[1]}" in the text`, 'json-text');
  }
}
