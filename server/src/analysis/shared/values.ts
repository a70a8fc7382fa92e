// Classifies literal values the way a reviewer would: is this host global, tenant-scoped,
// internal, an IP? Is this text a local path, a UNC share, a connection string with a password?
// Shared by the desktop-flow and cloud-flow rules so they never disagree.
// Every pattern here runs on input text: each is linear (no two quantifiers that can claim the same
// characters, no run re-read from every start); the shapes regexes cannot do linearly are in scan.ts.

import { findJwts, isSpace, pathBodyEnd, trimTrailing } from './scan';

// ---------------------------------------------------------------------------------------------
// Hosts

/** Endpoints that are the same in every tenant and environment. */
const GLOBAL_HOSTS = [
  'graph.microsoft.com', 'graph.windows.net', 'login.microsoftonline.com', 'login.windows.net', 'login.live.com',
  'management.azure.com', 'management.core.windows.net', 'schema.management.azure.com', 'vault.azure.net',
  'api.powerbi.com', 'app.powerbi.com', 'analysis.windows.net', 'api.bap.microsoft.com', 'api.flow.microsoft.com',
  'api.powerapps.com', 'make.powerapps.com', 'apps.powerapps.com', 'make.powerautomate.com', 'flow.microsoft.com',
  'admin.powerplatform.microsoft.com', 'api.powerplatform.com', 'outlook.office.com', 'outlook.office365.com',
  'substrate.office.com', 'manage.office.com', 'api.securitycenter.microsoft.com', 'aka.ms', 'go.microsoft.com',
  'learn.microsoft.com', 'docs.microsoft.com', 'www.microsoft.com', 'microsoft.com', 'portal.azure.com',
  'schemas.microsoft.com', 'schemas.xmlsoap.org', 'schemas.openxmlformats.org', 'www.w3.org', 'w3.org', 'json-schema.org',
  'schema.org', 'adaptivecards.io', 'purl.org', 'xmlns.com', 'ns.adobe.com',
  // Public mail endpoints and search sites: the same service for every tenant and environment.
  'smtp.office365.com', 'smtp-mail.outlook.com', 'imap-mail.outlook.com', 'pop-mail.outlook.com',
  'smtp.gmail.com', 'imap.gmail.com', 'pop.gmail.com', 'www.google.com', 'google.com', 'www.bing.com', 'bing.com',
  // Microsoft services shared by every tenant: the tenant or environment is in the path, the token or the key.
  'login.microsoft.com', 'account.microsoft.com', 'myaccount.microsoft.com', 'mysignins.microsoft.com', 'myapps.microsoft.com',
  'admin.microsoft.com', 'teams.microsoft.com', 'portal.office.com', 'www.office.com', 'office.com',
  'api.businesscentral.dynamics.com', 'businesscentral.dynamics.com', 'globaldisco.crm.dynamics.com',
  'api.cognitive.microsofttranslator.com', 'api.applicationinsights.io', 'api.loganalytics.io',
  // Public code hosting APIs: the same for every environment.
  'api.github.com', 'github.com', 'raw.githubusercontent.com', 'objects.githubusercontent.com',
];
/**
 * Suffixes of global service hosts: Microsoft Online sign-in and self-service (`passwordreset.microsoftonline.com`),
 * Microsoft's own sites and services (`*.microsoft.com`: tenants get hosts on other domains), regional shared
 * Cognitive Services endpoints.
 */
const GLOBAL_SUFFIXES = ['.schema.org', '.w3.org', '.xmlsoap.org', '.openxmlformats.org', '.microsoftonline.com', '.microsoft.com', '.api.cognitive.microsoft.com'];

/** Suffixes whose first label names one tenant, org or environment. */
const TENANT_SUFFIXES = [
  '.sharepoint.com', '.sharepoint.us', '.sharepoint.de', '.sharepoint.cn', '-my.sharepoint.com',
  '.dynamics.com', '.crm.dynamics.com', '.crm4.dynamics.com', '.api.crm.dynamics.com', '.operations.dynamics.com',
  '.azurewebsites.net', '.azure-api.net', '.azurefd.net', '.cloudapp.net', '.cloudapp.azure.com', '.azurecr.io',
  '.vault.azure.net', '.database.windows.net', '.blob.core.windows.net', '.file.core.windows.net', '.queue.core.windows.net',
  '.table.core.windows.net', '.dfs.core.windows.net', '.servicebus.windows.net', '.documents.azure.com',
  '.logic.azure.com', '.environment.api.powerplatform.com', '.powerappsportals.com', '.powerapps.com', '.crm.microsoftdynamics.us',
  '.my.salesforce.com', '.lightning.force.com', '.service-now.com', '.atlassian.net', '.okta.com', '.zendesk.com',
  '.workday.com', '.ariba.com', '.successfactors.com', '.s4hana.ondemand.com', '.hana.ondemand.com', '.box.com',
  '.cognitiveservices.azure.com', '.openai.azure.com', '.search.windows.net', '.azurestaticapps.net', '.azure-devices.net',
  '.redis.cache.windows.net', '.postgres.database.azure.com', '.mysql.database.azure.com', '.azconfig.io', '.webhook.office.com',
  '.azureedge.net', '.kusto.windows.net', '.azuresynapse.net',
];

/** Suffixes of names that only resolve inside one network. */
const INTERNAL_SUFFIXES = ['.local', '.lan', '.corp', '.internal', '.intranet', '.intra', '.localdomain', '.home.arpa', '.ad', '.private'];

export type HostKind =
  /** Same in every tenant: graph.microsoft.com, schema URLs… */
  | 'global'
  /** The machine itself: localhost, 127.x, ::1. */
  | 'loopback'
  /** An IPv4/IPv6 address. */
  | 'ip'
  /** A name without dots (`erpserver`) or under an internal suffix (`.local`, `.corp`…). */
  | 'internal'
  /** A tenant- or org-scoped cloud name: contoso.sharepoint.com, org.crm.dynamics.com… */
  | 'tenant'
  /** Any other public name: an organisation's or a vendor's site. */
  | 'public';

export function normalizeHost(host: string): string {
  return host.trim().replace(/\.$/, '').replace(/^\[|\]$/g, '').toLowerCase();
}

export function classifyHost(rawHost: string): HostKind {
  const host = normalizeHost(rawHost);
  if (host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === '0.0.0.0') return 'loopback';
  // IPv6: hex digits and colons with a colon after the first character (one pass, no backtracking).
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || (/^[0-9a-f:]+$/.test(host) && host.indexOf(':', 1) > 0)) return 'ip';
  if (GLOBAL_HOSTS.includes(host) || GLOBAL_SUFFIXES.some(s => host.endsWith(s))) return 'global';
  if (!host.includes('.')) return 'internal';
  if (INTERNAL_SUFFIXES.some(s => host.endsWith(s))) return 'internal';
  if (TENANT_SUFFIXES.some(s => host.endsWith(s))) return 'tenant';
  return 'public';
}

/** `host` matches an allow-list entry: exact, `*.suffix`, or `.suffix`. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = normalizeHost(host);
  return allowed.some(a => {
    const p = a.trim().toLowerCase();
    if (p.startsWith('*.')) return h.endsWith(p.slice(1)) || h === p.slice(2);
    if (p.startsWith('.')) return h.endsWith(p) || h === p.slice(1);
    return h === p;
  });
}

/**
 * Names reserved for documentation and tests (RFC 2606 / 6761): `example.com`, `api.example.org`,
 * `host.test`, `x.invalid`. A value using them is a placeholder, never a real environment.
 */
export function isDocumentationHost(rawHost: string): boolean {
  const host = normalizeHost(rawHost);
  return /(^|\.)example\.(com|net|org)$/.test(host) || /\.(example|test|invalid)$/.test(host) || host === 'example';
}

/** Environment names as they appear in host labels, path segments, account and connection names. */
const ENV_WORDS: Record<string, string> = {
  dev: 'dev', develop: 'dev', development: 'dev', sandbox: 'dev', sbx: 'dev',
  test: 'test', tst: 'test', qa: 'test', sit: 'test', uat: 'test', validation: 'test', val: 'test', stage: 'test', staging: 'test', stg: 'test', preprod: 'test', acc: 'test', acceptance: 'test',
  prod: 'prod', prd: 'prod', production: 'prod', live: 'prod',
};

/**
 * The environment a value names, if any: `erp-dev.contoso.com` → dev, `dev-rpa-bot` → dev,
 * `D:\Automation\UAT\in` → test. Words are matched as whole tokens split on non-letters.
 */
export function environmentOf(value: string): { word: string; stage: 'dev' | 'test' | 'prod' } | undefined {
  const tokens = value.toLowerCase().split(/[^a-z]+/).filter(Boolean);
  for (const t of tokens) {
    const stage = ENV_WORDS[t];
    if (stage) return { word: t, stage: stage as 'dev' | 'test' | 'prod' };
  }
  return undefined;
}

/** Compound tokens that end in an environment word: `contosodev`, `DALLASPROD`, `erpuat`. */
const ENV_SUFFIX_RE = /^[a-z]{3,}(dev|prod|prd|uat|stg)$/;

/**
 * Like environmentOf, and also finds an environment word glued to the end of a longer token
 * (`contosodev.crm.dynamics.com`, `/DALLASPROD/`). Only suffixes no common word ends with are used
 * (not `test`: latest, greatest…).
 */
export function environmentMarkerOf(value: string): { word: string; stage: 'dev' | 'test' | 'prod' } | undefined {
  const whole = environmentOf(value);
  if (whole) return whole;
  for (const t of value.toLowerCase().split(/[^a-z]+/)) {
    const m = ENV_SUFFIX_RE.exec(t);
    if (m) return { word: t, stage: m[1] === 'uat' || m[1] === 'stg' ? 'test' : m[1] === 'dev' ? 'dev' : 'prod' };
  }
  return undefined;
}

/** The stage an environment name (from deployment settings) stands for. */
export function stageOfEnvironment(name: string): 'dev' | 'test' | 'prod' | undefined {
  return environmentOf(name)?.stage;
}

// ---------------------------------------------------------------------------------------------
// URLs

export interface UrlMatch {
  start: number;
  end: number;
  url: string;
  scheme: string;
  host: string;
  port?: string;
  path: string;
}

const URL_RE = /\b(https?|ftps?|sftp|wss?|ldaps?|tcp|opc\.tcp):\/\/(?:[^\s/@'"<>]*@)?(\[[0-9a-fA-F:]+\]|[A-Za-z0-9%._~-]+)(?::(\d+))?([^\s'"<>]*)/g;

/** Absolute URLs inside a text, with offsets. A host containing `%` or `{` is a reference, not a literal. */
export function findUrls(text: string): UrlMatch[] {
  const out: UrlMatch[] = [];
  // Most texts hold no URL: skip the regex (and its per-position scheme attempts) for them.
  if (!text.includes('://')) return out;
  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(text); m; m = URL_RE.exec(text)) {
    const url = trimTrailing(m[0], c => '.,;:)]}'.includes(c));
    const host = m[2];
    if (/[%{}$@]/.test(host)) continue;
    const start = m.index!;
    const pathStart = m[0].length - (m[4] ?? '').length;
    out.push({ start, end: start + url.length, url, scheme: m[1].toLowerCase(), host, port: m[3], path: url.slice(pathStart) });
  }
  return out;
}

/** The URL when the whole text, white space aside, is one; offsets are in `text`. */
export function wholeUrl(text: string): UrlMatch | undefined {
  const lead = text.length - text.trimStart().length;
  const urls = findUrls(text);
  return urls.length === 1 && urls[0].start === lead && urls[0].end === lead + text.trim().length ? urls[0] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Paths

export interface PathMatch {
  kind: 'drive' | 'unc' | 'user-profile';
  start: number;
  end: number;
  path: string;
  /** For UNC paths: the server name. */
  server?: string;
}

// Where a path starts: a drive letter or a UNC server. The body (spaces allowed, up to a line end, `;`,
// `%variable%`, the next path or a command-line switch) is read by pathBodyEnd in linear time.
const DRIVE_START_RE = /(?<![A-Za-z0-9])[A-Za-z]:[\\/]/g;
const UNC_START_RE = /(?<![\\A-Za-z0-9])\\\\([A-Za-z0-9_.$-]+)\\/g;
const PATH_TAIL = (c: string) => c === '.' || c === ',' || c === ';' || c === ':' || c === ')' || isSpace(c);

/** Each start match of `re` with the end of its path body (a match resumes after the previous path). */
function pathMatches(text: string, re: RegExp): Array<{ index: number; raw: string; server?: string }> {
  const out: Array<{ index: number; raw: string; server?: string }> = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = pathBodyEnd(text, m.index + m[0].length);
    out.push({ index: m.index, raw: text.slice(m.index, end), server: m[1] });
    re.lastIndex = Math.max(end, m.index + 1);
  }
  return out;
}

/** Absolute Windows paths (drive-letter and UNC) inside a text, with offsets. */
export function findPaths(text: string): PathMatch[] {
  const out: PathMatch[] = [];
  // Every path starts with `X:\`, `X:/` or `\\`: most texts (URLs too: `https:/` has a letter before
  // the `s`) hold no such start, and are not run through the regular expressions at all.
  const unc = text.includes('\\\\');
  if (!unc && !hasDriveStart(text)) return out;
  const uncs: PathMatch[] = [];
  if (unc) for (const m of pathMatches(text, UNC_START_RE)) {
    const path = trimTrailing(m.raw, PATH_TAIL);
    if (/[%{]/.test(m.server!)) continue;
    uncs.push({ kind: 'unc', start: m.index, end: m.index + path.length, path, server: m.server });
  }
  out.push(...uncs);
  // Both lists are in text order: one pointer finds the UNC path a drive match may sit in.
  let u = 0;
  for (const m of pathMatches(text, DRIVE_START_RE)) {
    const path = trimTrailing(m.raw, PATH_TAIL);
    while (u < uncs.length && uncs[u].end <= m.index) u++;
    if (u < uncs.length && m.index >= uncs[u].start && m.index < uncs[u].end) continue;
    // One user's profile; the shared profiles (Public, Default, All Users) are not one user's.
    const kind = /^[A-Za-z]:[\\/](users|documents and settings)[\\/](?!(public|default|default user|all users)([\\/]|$))[^\\/]+/i.test(path) ? 'user-profile' : 'drive';
    out.push({ kind, start: m.index, end: m.index + path.length, path });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Whether DRIVE_START_RE can match: a letter, not after a letter or digit, then `:` and `\` or `/`. */
export function hasDriveStart(text: string): boolean {
  for (let colon = text.indexOf(':', 1); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    const next = text.charCodeAt(colon + 1);
    if ((next === 92 || next === 47) && isAsciiLetterCode(text.charCodeAt(colon - 1)) && !isAsciiAlnumCode(text.charCodeAt(colon - 2))) return true;
  }
  return false;
}

function isAsciiLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAsciiAlnumCode(c: number): boolean {
  return isAsciiLetterCode(c) || (c >= 48 && c <= 57);
}

export function pathAllowed(path: string, allowed: readonly string[]): boolean {
  const p = path.replace(/\//g, '\\').toLowerCase();
  return allowed.some(a => p.startsWith(a.replace(/\//g, '\\').toLowerCase()));
}

// ---------------------------------------------------------------------------------------------
// Connection strings

export interface ConnectionStringPart {
  key: string;
  value: string;
  /** Offsets of the value inside the text. */
  start: number;
  end: number;
}

/**
 * `Key=Value;` pairs. Returns [] when the text does not look like a connection string.
 * A pair starts at the text's start or at a `;`: white space, a key (a letter, then letters, digits,
 * spaces, `_`, `.`, `-`), white space, `=`, white space, then a value: `"…"`, `'…'`, or up to the next `;`.
 * Read by hand: a key's trailing spaces and the white space before `=` are one run, read once.
 */
export function parseConnectionString(text: string): ConnectionStringPart[] {
  const parts: ConnectionStringPart[] = [];
  // Two pairs need two `=`: most texts are turned away here without a scan per character.
  const firstEq = text.indexOf('=');
  if (firstEq < 0 || text.indexOf('=', firstEq + 1) < 0) return parts;
  const isKeyChar = (c: string) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === ' ' || c === '_' || c === '.' || c === '-';
  const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
  /** The pair whose key scan starts at `i` (after `^` or a `;`), if any. */
  const pairAt = (i: number): { end: number; part: ConnectionStringPart } | undefined => {
    while (i < text.length && isSpace(text[i])) i++;
    if (!isLetter(text[i])) return undefined;
    const keyStart = i;
    let keyEnd = i + 1;
    while (keyEnd < text.length && isKeyChar(text[keyEnd])) keyEnd++;
    let eq = keyEnd;
    while (eq < text.length && isSpace(text[eq])) eq++;
    if (text[eq] !== '=') return undefined;
    let v = eq + 1;
    while (v < text.length && isSpace(text[v])) v++;
    const found = readValue(text, v);
    found.part.key = text.slice(keyStart, keyEnd).trim();
    return found;
  };
  let pos = 0;
  const first = pairAt(0);
  if (first) {
    parts.push(first.part);
    pos = first.end;
  }
  for (let semi = text.indexOf(';', pos); semi >= 0; semi = text.indexOf(';', pos)) {
    const found = pairAt(semi + 1);
    if (found) parts.push(found.part);
    pos = found ? found.end : semi + 1;
  }
  // One key=value alone is not a connection string (a query parameter, an assignment in prose).
  return parts.length >= 2 ? parts : [];
}

/** The value at `v`: a quoted string when it closes, else the text up to the next `;` (trailing white space dropped). */
function readValue(text: string, v: number): { end: number; part: ConnectionStringPart } {
  const q = text[v];
  if (q === '"' || q === "'") {
    const close = text.indexOf(q, v + 1);
    if (close >= 0) return { end: close + 1, part: { key: '', value: text.slice(v + 1, close), start: v + 1, end: close } };
  }
  const semi = text.indexOf(';', v);
  const rawEnd = semi < 0 ? text.length : semi;
  const value = text.slice(v, rawEnd).trimEnd();
  return { end: rawEnd, part: { key: '', value, start: v, end: v + value.length } };
}

export const CONNECTION_SECRET_KEYS = ['password', 'pwd', 'accountkey', 'sharedaccesskey', 'sharedaccesssignature', 'clientsecret', 'client secret', 'secret', 'apikey', 'api key', 'token', 'accesskey', 'access key'];
export const CONNECTION_SERVER_KEYS = ['server', 'data source', 'datasource', 'host', 'hostname', 'address', 'addr', 'network address', 'endpoint', 'accountendpoint', 'dsn', 'url', 'servernode', 'server node', 'ashost', 'mshost'];

export function connectionKeyIs(key: string, keys: readonly string[]): boolean {
  const k = key.toLowerCase().replace(/\s+/g, ' ');
  return keys.includes(k);
}

/** A server value of a connection string: `tcp:host,1433`, `host\INSTANCE`, `host:5432`. */
export function serverHost(value: string): string {
  return value.trim().replace(/^tcp:/i, '').replace(/,\d+$/, '').replace(/\\.*$/, '').replace(/:\d+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Secrets

/** Values that stand for "no secret here": empty, masked, templated, or an obvious placeholder. */
export function isPlaceholderSecret(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (/^[*x•.#-]+$/i.test(v)) return true;
  if (/^(<[^>]*>|\{\{[^}]*\}\}|\$\{[^}]*\}|#\{[^}]*\}#|%[^%]*%|\[[^\]]*\])$/.test(v)) return true;
  if (/^(null|none|n\/a|todo|tbd|changeme|change_me|your[-_ ]?password|password|secret|placeholder|dummy)$/i.test(v)) return true;
  // `{ReplaceMe}` template tokens, `replace-me`, `enter-your-key-here`.
  if (/^\{[A-Za-z][\w .-]*\}$/.test(v)) return true;
  if (/^(replace[-_ ]?me|(enter|insert|put|add)[-_ ]?(your|the)?[-_ ]?[a-z_ -]*[-_ ]here|your[-_ ][a-z_ -]+)$/i.test(v)) return true;
  // Cloud-flow expressions and pipeline tokens are references, not values: @parameters('…'), @{…}, @variables('…').
  if (/^@\{[\s\S]*\}$/.test(v) || /^@[A-Za-z]+\([\s\S]*\)$/.test(v)) return true;
  return isInstruction(v);
}

/** First words of an instruction left where a value goes: `FILL ME OUT`, `REPLACE_WITH_PROD_KEY`. */
const INSTRUCTION_START = new Set(['replace', 'fill', 'insert', 'enter', 'put', 'add', 'paste', 'provide', 'type', 'your', 'todo', 'tbd', 'set', 'update', 'change']);

/**
 * Plain words (letters only, two or more, set off by spaces, `_` or `-`, possibly framed by `*`, `<>`, `[]`)
 * that start with an instruction or address the reader: `***REPLACE THIS WITH YOUR SECRET***`,
 * `FILL ME OUT`, `REPLACE_WITH_PROD_VALUE`, `your client secret`. A secret has digits or symbols, or is one word.
 */
function isInstruction(value: string): boolean {
  // The frame is cut by hand at the end: `[…]+$` would re-read a long run from each of its characters.
  const core = trimTrailing(value.replace(/^[\s*<[({]+/, ''), c => isSpace(c) || '*>])}.!'.includes(c));
  if (!/^[A-Za-z]+(?:[ _-]+[A-Za-z]+)+$/.test(core)) return false;
  const words = core.toLowerCase().split(/[ _-]+/);
  return INSTRUCTION_START.has(words[0]) || (words.includes('your') && words.length <= 6);
}

export const GUID_RE = /^[{(]?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}[)}]?$/;

// ---------------------------------------------------------------------------------------------
// Pipeline tokens, secret names, structured secrets (for the cloud-flow, solution and settings
// rules; usable by any rule)

/**
 * A value a release pipeline fills in: `#{name}#` (ALM Accelerator, Replace Tokens),
 * `$(name)` (Azure DevOps macro), `${{ expr }}` (template expression), `__name__` (token replacement).
 */
export function isPipelineToken(value: string): boolean {
  return /^\s*(#\{[^{}]*\}#|\$\([A-Za-z0-9_.\-\[\]' ]+\)|\$\{\{[^}]*\}\}|__[A-Za-z0-9_.-]+__)\s*$/.test(value);
}

export interface StructuredSecret {
  start: number;
  end: number;
  kind: 'jwt' | 'github-token' | 'slack-token' | 'aws-access-key' | 'private-key' | 'storage-key';
}

// Each shape with the fixed texts one of which every match holds: most texts hold none, and are not run
// through the regular expression at all.
const STRUCTURED_SECRETS: Array<[StructuredSecret['kind'], RegExp, string[]]> = [
  ['github-token', /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\b/g, ['gh']],
  ['slack-token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, ['xox']],
  ['aws-access-key', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, ['AKIA', 'ASIA']],
  ['private-key', /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/g, ['-----BEGIN ']],
  ['storage-key', /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/g, ['==']],
];

/** A necessary condition of every STRUCTURED_SECRETS shape and of a JWT. */
const ANY_STRUCTURED_SECRET = /eyJ|gh[pousr]_|github_pat_|xox[abprs]-|AKIA|ASIA|-----BEGIN |==/;

/** Whether findStructuredSecrets can find anything in the text (every shape's fixed part is in it). */
export function mayHoldStructuredSecret(text: string): boolean {
  return ANY_STRUCTURED_SECRET.test(text);
}

/** Secrets recognisable by their shape alone (no name needed): JWTs, GitHub/Slack/AWS keys, private keys, storage account keys. */
export function findStructuredSecrets(text: string): StructuredSecret[] {
  // One test for the fixed texts of every shape turns away nearly every text.
  if (!mayHoldStructuredSecret(text)) return [];
  // JSON web tokens are read by hand (findJwts): a regex re-reads a long `-` separated run from every start.
  const out: StructuredSecret[] = findJwts(text).map(j => ({ kind: 'jwt' as const, ...j }));
  for (const [kind, re, needles] of STRUCTURED_SECRETS) {
    if (!needles.some(n => text.includes(n))) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) out.push({ kind, start: m.index, end: m.index + m[0].length });
  }
  return out.length > 1 ? out.sort((a, b) => a.start - b.start) : out;
}

/** A value that looks machine-generated: long, no spaces, letters and digits (API keys, function keys, SAS signatures). */
export function looksRandom(value: string): boolean {
  const v = value.trim();
  if (v.length < 16 || /\s/.test(v) || !/^[A-Za-z0-9+/=_\-.%~]+$/.test(v)) return false;
  if (GUID_RE.test(v)) return false;
  return /[A-Za-z]/.test(v) && /[0-9]/.test(v);
}

/**
 * `environmentMarkerOf` for a whole value that may also hold GUIDs, hex ids and global host names,
 * whose letters are not environment words (`…-acc1-…` in a GUID, `login.live.com`). Pipeline tokens
 * name none.
 */
export function environmentOfValue(value: string): ReturnType<typeof environmentOf> {
  if (isPipelineToken(value)) return undefined;
  let text = value.replace(/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g, ' ');
  text = text.replace(/\b(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{8,}\b/g, ' ');
  for (const u of findUrls(text).reverse()) {
    if (classifyHost(u.host) !== 'global') continue;
    const at = text.indexOf(u.host, u.start);
    if (at >= 0) text = text.slice(0, at) + ' '.repeat(u.host.length) + text.slice(at + u.host.length);
  }
  return environmentMarkerOf(text);
}

const ENV_GUID = String.raw`(?:Default-)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`;
/** `/environments/<guid>` or `/environments/Default-<guid>` as a whole path segment. */
const ENV_ID_SEGMENT = new RegExp(String.raw`/environments/(${ENV_GUID})(?=[/?#]|$)`, 'i');
/** `?environmentName=<guid>`, `&environment=Default-<guid>`, `environmentId=` as a whole query value. */
const ENV_ID_QUERY = new RegExp(String.raw`[?&](?:environmentName|environment|environmentId)=(?:%7B|\{)?(${ENV_GUID})(?:%7D|\})?(?=[&#]|$)`, 'i');

/**
 * The id of one Power Platform environment addressed in a URL's path or query: the Power Platform, Power
 * Automate, Power Apps and BAP admin APIs (and their make/admin portals, and ARM's Microsoft.BusinessAppPlatform
 * and Microsoft.ProcessSimple providers) are global hosts that name the environment in
 * `/environments/<id>` or `?environmentName=<id>` (`<id>` a GUID or `Default-<tenant GUID>`).
 */
export function environmentIdInPath(pathAndQuery: string): string | undefined {
  const p = pathAndQuery.replace(/#.*$/, '');
  const q = p.indexOf('?');
  const seg = ENV_ID_SEGMENT.exec(q >= 0 ? p.slice(0, q) : p);
  if (seg) return seg[1];
  const query = q >= 0 ? ENV_ID_QUERY.exec(p.slice(q)) : null;
  return query ? query[1] : undefined;
}

/** Path segments after which a Business Central URL names its environment: `/v2.0/<tenant>/<environment>/api/…`. */
const BC_SERVICE_SEGMENTS = /^(api|odatav4|ws|runtime|powerbi)$/i;

/**
 * The environment a URL on a global service names in its path, which makes the URL environment-specific
 * although its host is shared: an environment word (`/sites/Finance-UAT`, GUIDs and hex ids ignored), or
 * the environment segment of a Business Central API or web-client URL (`/v2.0/<tenant>/Production/api/…`,
 * `businesscentral.dynamics.com/<tenant>/Sandbox-2/`), whatever it is called, or the id of one Power Platform
 * environment (`/environments/<guid>`, `/environments/Default-<guid>`, `?environmentName=<guid>`). `path` may
 * carry the query (only the environment id is looked for there).
 */
export function environmentInPath(rawHost: string, path: string): { word: string } | undefined {
  const p = path.replace(/[?#].*$/, '');
  const host = normalizeHost(rawHost);
  const id = environmentIdInPath(path);
  if (id) return { word: id };
  if (host === 'api.businesscentral.dynamics.com' || host === 'businesscentral.dynamics.com') {
    const segs = p.split('/').filter(Boolean).map(s => { try { return decodeURIComponent(s); } catch { return s; } });
    if (host.startsWith('api.')) {
      const v = segs.findIndex(s => /^v\d+\.\d+$/i.test(s));
      const rest = v >= 0 ? segs.slice(v + 1) : [];
      if (rest.length >= 2 && BC_SERVICE_SEGMENTS.test(rest[1]) && !BC_SERVICE_SEGMENTS.test(rest[0])) return { word: rest[0] };
      if (rest.length >= 3 && BC_SERVICE_SEGMENTS.test(rest[2]) && !BC_SERVICE_SEGMENTS.test(rest[1])) return { word: rest[1] };
    } else if (segs.length >= 2 && !/\.(aspx|js|css|html?)$/i.test(segs[1])) {
      return { word: segs[1] };
    }
  }
  const marker = environmentOfValue(p);
  return marker ? { word: marker.word } : undefined;
}
