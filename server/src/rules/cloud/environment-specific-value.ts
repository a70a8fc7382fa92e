// cloud/environment-specific-value: a literal that differs per environment (SharePoint site and list,
// Dataverse org, environment id, Teams team and channel, absolute path, a URL that names an environment,
// belongs to one tenant or is on the organisation's own domain) and is not read from an environment
// variable. A public third-party address with none of this evidence is the same in every environment
// (reported only with `publicHosts`, at info); a link inside a message or e-mail body is text, not a place.
// Text a credential or machine finding reports is left to it (findings/precedence.ts); a URL whose query or
// path carries a secret keeps its address before that part, and its message never shows the secret.
import type { CloudFlow } from '../../model/types';
import { actionLabel, ADMIN_CONNECTORS, connectorOf, STORAGE_CONNECTORS } from '../../analysis/cloud/actions';
import { flowFacts } from '../../analysis/cloud/facts';
import { legacyPathParameters } from '../../analysis/cloud/legacy-path';
import { assignedVariable, readsOfVariable } from '../../analysis/cloud/variables';
import { cutAtReference, isMessageText, isWholeLiteral, lastSegment, mayHoldPathOrUrl, parameterName, quotedConstantsOf, StringLeaf, whereOf } from '../../analysis/cloud/leaves';
import { describeOrganizationEvidence, Organization, organizationEvidence } from '../../analysis/shared/organization';
import { keyShapedPathSegments } from '../../analysis/shared/url-keys';
import { classifyHost, environmentInPath, environmentOfValue, findPaths, findUrls, hostAllowed, isDocumentationHost, pathAllowed } from '../../analysis/shared/values';
import { organizationOfUnit } from '../../analysis/solution/organization';
import { defineRule, GlobalSettings } from '../rule';
import { hitAt, keepFirst, LiteralHit, literalData, narrowAt, shownValue } from './literal-hits';

/** A hit with why it is environment-specific (URLs), for messages. */
type EnvHit = LiteralHit & { why?: string };

/** What the URL rule needs besides the leaf: allow-lists and the organisation. */
interface UrlScope {
  settings: GlobalSettings;
  /** The organisation, read from the whole solution the first time a public address asks (most flows have none). */
  org(): Organization;
}

export default defineRule({
  meta: {
    id: 'cloud/environment-specific-value',
    category: 'environment-specific',
    defaultSeverity: 'warning',
    description: 'A literal in a cloud flow that differs per environment (SharePoint site or list, Dataverse org, environment id, Teams team or channel, absolute path, a URL naming an environment, a tenant or the organisation\'s own domain) instead of an environment variable.',
    fixable: true,
    options: {
      publicHosts: {
        type: 'boolean',
        description: 'Also report, at info, every other external address: a URI or endpoint value on a public third-party host with no environment marker, no tenant and no sign of being the organisation\'s own domain (a public API). Global services (Microsoft Graph, sign-in, Translator, GitHub) and links inside message texts are never reported. Off by default: such a site is the same in Dev, Test and Prod.',
        default: false,
      },
    },
  },
  fixes: ['environment-variable'],
  check: {
    cloudFlow(ctx, flow, solution) {
      const publicHosts = ctx.options.publicHosts === true;
      const message = (h: EnvHit, display: string) =>
        `${actionLabel(h.action)} hard-codes the ${h.what} "${shownValue(withoutPathKeys(display))}" in ${h.where}${h.expression ? ' (inside an expression)' : ''}${h.why ? `; it ${h.why}` : ''}. ${h.publicHost ? 'If it differs' : 'It differs'} between Dev, Test and Prod: read it from an environment variable (@parameters('…')) that each environment's deployment settings fill.`;
      let org: Organization | undefined;
      const scope: UrlScope = { settings: ctx.settings, org: () => (org ??= organizationOfUnit({ solution }, ctx.settings.organizationDomains)) };
      for (const h of findEnvironmentValues(flow, flowFacts(flow, solution).leaves, scope, publicHosts)) {
        const data = { ...literalData(h), ...(h.host ? { host: h.host } : {}) };
        const n = h.narrow;
        ctx.report({
          message: message(h, h.display ?? ''),
          loc: { file: flow.file, span: h.span },
          action: h.action,
          ...(h.publicHost ? { severity: 'info' as const } : {}),
          data,
          claim: n ? { fallback: { message: message(h, n.display), loc: { file: flow.file, span: n.span }, data: { ...data, literal: n.literal } } } : {},
        });
      }
    },
  },
});

/** Environment-specific literals of the flow's string values, allow-lists and the public-host option applied. */
function findEnvironmentValues(flow: CloudFlow, leaves: readonly StringLeaf[], scope: UrlScope, publicHosts: boolean): EnvHit[] {
  const hits: Array<EnvHit | undefined> = [];
  for (let k = 0; k < leaves.length; k++) {
    const leaf = leaves[k];
    inLeaf(flow, leaf, scope, hits);
    inExpressionConstants(leaf, scope, hits);
    legacyPathValues(flow, leaf, hits);
    hits.push(storageAccountVariable(leaf, leaves));
  }
  return keepFirst(hits.filter(h => h && (publicHosts || !h.publicHost))) as EnvHit[];
}

/** A URL with its key-shaped path segments elided: a message never shows a key (analysis/shared/url-keys.ts). */
function withoutPathKeys(text: string): string {
  let out = '';
  let at = 0;
  for (const u of findUrls(text)) {
    for (const k of keyShapedPathSegments(u.url)) {
      out += `${text.slice(at, u.start + k.start)}…`;
      at = u.start + k.end;
    }
  }
  return out + text.slice(at);
}

const ENV_ID = /\bDefault-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
/** Rows every environment creates for itself (users, teams, business units, queues) have other ids elsewhere. */
const OWN_ROW_BIND = /^\/?(systemusers|teams|businessunits|queues)\(\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?\)$/i;

function inLeaf(flow: CloudFlow, leaf: StringLeaf, scope: UrlScope, out: Array<EnvHit | undefined>): void {
  const { settings } = scope;
  const m = leaf.masked;
  const wholeLiteral = isWholeLiteral(leaf);
  if (wholeLiteral && leaf.path[0] === 'parameters' && leaf.path.length >= 2) {
    const named = connectorParameter(flow, leaf, settings);
    if (named) {
      for (const h of named) out.push(h);
      return;
    }
  }
  const bind = wholeLiteral && ODATA_BIND.test(leaf.path[leaf.path.length - 1] ?? '') ? OWN_ROW_BIND.exec(leaf.text.trim()) : null;
  if (bind) {
    const value = leaf.text.trim();
    const start = leaf.text.indexOf(value);
    out.push(hitAt(leaf, start, start + value.length, { kind: 'record-id', what: `${bind[1].toLowerCase().replace(/s$/, '')} id`, where: whereOf(leaf), display: value }));
    return;
  }
  if (m.includes('Default-')) {
    for (const e of m.matchAll(ENV_ID)) out.push(hitAt(leaf, e.index!, e.index! + e[0].length, { kind: 'environment-id', what: 'environment id', where: whereOf(leaf), display: e[0] }));
  }
  // Paths and URLs need a `:` or a `\`.
  if (!mayHoldPathOrUrl(m)) return;
  for (const p of findPaths(m)) {
    if (p.kind === 'unc') continue;
    const end = cutAtReference(m, p.start, p.end);
    const path = leaf.text.slice(p.start, end);
    if (end - p.start < 4 || pathAllowed(path, settings.allowedPaths)) continue;
    out.push(hitAt(leaf, p.start, end, { kind: 'path', what: 'absolute path', where: whereOf(leaf), display: path }));
  }
  for (const u of findUrls(m)) out.push(urlHit(leaf, u.start, cutAtReference(m, u.start, u.end), u.host, whereOf(leaf), scope, false));
}

const ODATA_BIND = /@odata\.bind$/i;

/**
 * Connector parameters that name a site, list, org, environment, team, channel or storage account.
 * Undefined when the parameter is none of these (the value is then searched like any other); an empty
 * list when it is one but its host is allowed.
 */
function connectorParameter(flow: CloudFlow, leaf: StringLeaf, settings: GlobalSettings): Array<LiteralHit | undefined> | undefined {
  const connector = connectorOf(leaf.action, flow);
  if (!connector || !NAMING_CONNECTORS.has(connector) && !ADMIN_CONNECTORS.has(connector) && !STORAGE_CONNECTORS.has(connector)) return undefined;
  const name = parameterName(leaf.path[leaf.path.length - 1]);
  const value = leaf.text.trim();
  const start = leaf.text.indexOf(value);
  const report = (kind: string, what: string): Array<LiteralHit | undefined> => {
    const host = findUrls(value)[0]?.host;
    if (host && hostAllowed(host, settings.allowedHosts)) return [];
    return [hitAt(leaf, start, start + value.length, { kind, what, where: whereOf(leaf), host, display: value })];
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
  return undefined;
}

/** Connectors (besides the admin and storage ones) one of whose parameters names a site, list, org, team or channel. */
const NAMING_CONNECTORS = new Set(['shared_sharepointonline', 'shared_excelonlinebusiness', 'shared_commondataservice', 'shared_commondataserviceforapps', 'shared_teams']);

/** Excel Online drive and file ids inside a legacy ApiConnection path: the values the `drive` and `file` parameters name. */
function legacyPathValues(flow: CloudFlow, leaf: StringLeaf, out: Array<EnvHit | undefined>): void {
  if (leaf.path.length !== 1 || leaf.path[0] !== 'path' || connectorOf(leaf.action, flow) !== 'shared_excelonlinebusiness') return;
  for (const p of legacyPathParameters(leaf)) {
    if (p.name === 'drive' || p.name === 'file') out.push(hitAt(leaf, p.start, p.end, { kind: 'excel-location', what: p.name === 'drive' ? 'document library (drive)' : 'file id', where: whereOf(leaf), display: p.value, expression: true }));
  }
}

/** Names of a storage account: a variable or field called `…StorageAccount(Name)`. */
const STORAGE_ACCOUNT_NAME = /storageaccount(name)?$/;
const STORAGE_ACCOUNT_VALUE = /^[a-z0-9]{3,24}$/;

/**
 * A storage account name (3-24 lower-case letters and digits) written into a variable that is named for
 * one or read as one (an HTTP body's `storageAccountName`): the organisation's Azure resource, like the
 * `dataset` of a storage connector.
 */
function storageAccountVariable(leaf: StringLeaf, leaves: readonly StringLeaf[]): EnvHit | undefined {
  const variable = isWholeLiteral(leaf) ? assignedVariable(leaf) : undefined;
  if (variable === undefined) return undefined;
  const value = leaf.text.trim();
  if (!STORAGE_ACCOUNT_VALUE.test(value)) return undefined;
  const named = (name: string) => STORAGE_ACCOUNT_NAME.test(parameterName(name));
  if (!named(variable) && !readsOfVariable(leaves, variable).some(r => named(r.path[r.path.length - 1] ?? ''))) return undefined;
  const start = leaf.text.indexOf(value);
  return hitAt(leaf, start, start + value.length, { kind: 'storage-account', what: 'storage account', where: whereOf(leaf), display: value });
}

/**
 * A URL literal at [start, end) of a leaf (or of a string constant starting at `constantStart`) that is
 * evidence of an environment or of the organisation: tenant hosts, hosts naming an environment, global
 * services whose path names an environment (`/v2.0/<tenant>/Production/api`), and addresses (the value
 * starts with the URL) on the organisation's own domain or whose path names an environment. Other public
 * addresses are `publicHost` (reported only with the option). Links inside message texts are never reported.
 */
function urlHit(leaf: StringLeaf, start: number, end: number, host: string, where: string, scope: UrlScope, expression: boolean, constantStart?: number): EnvHit | undefined {
  if (hostAllowed(host, scope.settings.allowedHosts) || isDocumentationHost(host)) return undefined;
  // A link in an e-mail body, a Teams post or a message is shown to a reader, not an address the flow uses.
  if (isMessageText(leaf.path)) return undefined;
  const kind = classifyHost(host);
  const display = leaf.text.slice(start, end);
  const url = findUrls(display)[0];
  const path = url ? url.path : '';
  // The address before its query and any key in its path: reported instead when a credential finding takes those.
  const q = display.search(/[?#]/);
  const key = url ? (keyShapedPathSegments(url.url)[0]?.start ?? -1) : -1;
  let cut = [q, key].filter(k => k > 0).reduce((a, b) => Math.min(a, b), Infinity);
  while (cut !== Infinity && cut > 0 && display[cut - 1] === '/') cut--;
  const narrow = cut !== Infinity && cut > 0 && url ? narrowAt(leaf, start, start + cut, `${url.scheme}://${url.host}`) : undefined;
  const fields = { kind: 'url', what: 'URL', where, host, display, expression, ...(narrow ? { narrow } : {}) };
  const at = (why: string, publicHost = false): EnvHit | undefined => {
    const h = hitAt(leaf, start, end, { ...fields, ...(publicHost ? { publicHost } : {}) });
    return h && { ...h, why };
  };
  if (kind === 'tenant') {
    const marker = environmentOfValue(host);
    return at(marker ? `names the '${marker.word}' environment` : 'belongs to one tenant');
  }
  // An address is the value itself (a URI, an endpoint parameter), not a link inside a text.
  const address = leaf.text.slice(constantStart ?? 0, start).trim() === '' && isAddressPlace(leaf.path);
  if (kind === 'global') {
    // A global service addressed in one environment's part of it (`/v2.0/<tenant>/Production/api`, `/sites/Finance-UAT`).
    const inPath = address ? environmentInPath(host, path) : undefined;
    return inPath ? at(`names the '${inPath.word}' environment`) : undefined;
  }
  if (kind === 'public') {
    // A host naming an environment is reported anywhere; an environment word in the path only in an address.
    const marker = environmentOfValue(host) ?? (address ? environmentInPath(host, path) : undefined);
    if (marker) return at(`names the '${marker.word}' environment`);
    if (!address) return undefined;
    const own = organizationEvidence(host, scope.org());
    return own ? at(describeOrganizationEvidence(own)) : at('is an external address (reported because publicHosts is on)', true);
  }
  return undefined;
}

/** Absolute paths and URLs written as string constants inside expressions (UNC paths are machines). */
function inExpressionConstants(leaf: StringLeaf, scope: UrlScope, out: Array<EnvHit | undefined>): void {
  const { settings } = scope;
  // Paths and URLs both need a `:` or a `\`: a value with neither has none in its constants.
  if (!mayHoldPathOrUrl(leaf.text)) return;
  for (const c of quotedConstantsOf(leaf)) {
    if (!mayHoldPathOrUrl(leaf.text, c.start, c.end)) continue;
    const content = leaf.text.slice(c.start, c.end);
    for (const p of findPaths(content)) {
      if ((p.kind === 'unc' && p.server) || pathAllowed(p.path, settings.allowedPaths) || p.path.length < 4) continue;
      out.push(hitAt(leaf, c.start + p.start, c.start + p.end, { kind: 'path', what: 'absolute path', where: whereOf(leaf), display: p.path, expression: true }));
    }
    for (const u of findUrls(content)) {
      const kind = classifyHost(u.host);
      if (kind === 'internal' || kind === 'ip') continue;
      out.push(urlHit(leaf, c.start + u.start, c.start + u.end, u.host, whereOf(leaf), scope, true, c.start));
    }
  }
}

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
