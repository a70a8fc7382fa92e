// cloud/environment-specific-value: a literal that differs per environment (SharePoint site and list,
// Dataverse org, environment id, Teams team and channel, absolute path, tenant URL) and is not read from
// an environment variable. Text a credential or machine finding reports is left to it
// (findings/precedence.ts); a URL whose query is a secret keeps its address without the query.
import type { CloudFlow } from '../../model/types';
import { actionLabel, ADMIN_CONNECTORS, connectorOf, STORAGE_CONNECTORS } from '../../analysis/cloud/actions';
import { flowFacts } from '../../analysis/cloud/facts';
import { cutAtReference, describeWhere, isWholeLiteral, lastSegment, normalizeName, quotedConstantsOf, StringLeaf } from '../../analysis/cloud/leaves';
import { classifyHost, environmentInPath, environmentOfValue, findPaths, findUrls, hostAllowed, isDocumentationHost, pathAllowed } from '../../analysis/shared/values';
import { defineRule, GlobalSettings } from '../rule';
import { hitAt, keepFirst, LiteralHit, literalData, narrowAt, shownValue } from './literal-hits';

export default defineRule({
  meta: {
    id: 'cloud/environment-specific-value',
    category: 'environment-specific',
    defaultSeverity: 'warning',
    description: 'A literal in a cloud flow that differs per environment (SharePoint site or list, Dataverse org, environment id, Teams team or channel, absolute path, tenant or environment-named URL) instead of an environment variable.',
    fixable: true,
    options: {
      reportPublicHosts: {
        type: 'boolean',
        description: 'Also report addresses on ordinary public hosts (a vendor API, your own application) that name no tenant and no environment: a URI or endpoint value that starts with the URL, not a link inside a text. Global services (Microsoft Graph, sign-in, Translator, GitHub) are never reported. On by default: a vendor\'s production endpoint or your own application\'s host differs between Dev, Test and Prod; set false when such hosts are shared by every environment.',
        default: true,
      },
    },
  },
  fixes: ['environment-variable'],
  check: {
    cloudFlow(ctx, flow, solution) {
      const publicHosts = ctx.options.reportPublicHosts !== false;
      const message = (h: LiteralHit, display: string) =>
        `${actionLabel(h.action)} hard-codes the ${h.what} "${shownValue(display)}" in ${h.where}${h.expression ? ' (inside an expression)' : ''}. It differs between Dev, Test and Prod: read it from an environment variable (@parameters('…')) that each environment's deployment settings fill.`;
      for (const h of findEnvironmentValues(flow, flowFacts(flow, solution).leaves, ctx.settings, publicHosts)) {
        const data = { ...literalData(h), ...(h.host ? { host: h.host } : {}) };
        const n = h.narrow;
        ctx.report({
          message: message(h, h.display ?? ''),
          loc: { file: flow.file, span: h.span },
          action: h.action,
          data,
          claim: n ? { fallback: { message: message(h, n.display), loc: { file: flow.file, span: n.span }, data: { ...data, literal: n.literal } } } : {},
        });
      }
    },
  },
});

/** Environment-specific literals of the flow's string values, allow-lists and the public-host option applied. */
function findEnvironmentValues(flow: CloudFlow, leaves: readonly StringLeaf[], settings: GlobalSettings, publicHosts: boolean): LiteralHit[] {
  const hits: Array<LiteralHit | undefined> = [];
  for (const leaf of leaves) hits.push(...inLeaf(flow, leaf, settings), ...inExpressionConstants(leaf, settings));
  return keepFirst(hits.filter(h => h && (publicHosts || !h.publicHost)));
}

const ENV_ID = /\bDefault-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
/** Rows every environment creates for itself (users, teams, business units, queues) have other ids elsewhere. */
const OWN_ROW_BIND = /^\/?(systemusers|teams|businessunits|queues)\(\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?\)$/i;

function inLeaf(flow: CloudFlow, leaf: StringLeaf, settings: GlobalSettings): Array<LiteralHit | undefined> {
  const m = leaf.masked;
  const where = describeWhere(leaf.path);
  const wholeLiteral = isWholeLiteral(leaf);
  if (wholeLiteral && leaf.path[0] === 'parameters' && leaf.path.length >= 2) {
    const named = connectorParameter(flow, leaf, settings);
    if (named) return named;
  }
  const bind = wholeLiteral && /@odata\.bind$/i.test(leaf.path[leaf.path.length - 1] ?? '') ? OWN_ROW_BIND.exec(leaf.text.trim()) : null;
  if (bind) {
    const value = leaf.text.trim();
    const start = leaf.text.indexOf(value);
    return [hitAt(leaf, start, start + value.length, { kind: 'record-id', what: `${bind[1].toLowerCase().replace(/s$/, '')} id`, where, display: value })];
  }
  const out: Array<LiteralHit | undefined> = [];
  for (const e of m.matchAll(ENV_ID)) {
    out.push(hitAt(leaf, e.index!, e.index! + e[0].length, { kind: 'environment-id', what: 'environment id', where, display: e[0] }));
  }
  for (const p of findPaths(m)) {
    if (p.kind === 'unc') continue;
    const end = cutAtReference(m, p.start, p.end);
    const path = leaf.text.slice(p.start, end);
    if (end - p.start < 4 || pathAllowed(path, settings.allowedPaths)) continue;
    out.push(hitAt(leaf, p.start, end, { kind: 'path', what: 'absolute path', where, display: path }));
  }
  for (const u of findUrls(m)) out.push(urlHit(leaf, u.start, cutAtReference(m, u.start, u.end), u.host, where, settings, false));
  return out;
}

/**
 * Connector parameters that name a site, list, org, environment, team, channel or storage account.
 * Undefined when the parameter is none of these (the value is then searched like any other); an empty
 * list when it is one but its host is allowed.
 */
function connectorParameter(flow: CloudFlow, leaf: StringLeaf, settings: GlobalSettings): Array<LiteralHit | undefined> | undefined {
  const connector = connectorOf(leaf.action, flow);
  const name = normalizeName(lastSegment(leaf.path[leaf.path.length - 1]));
  const value = leaf.text.trim();
  const start = leaf.text.indexOf(value);
  const report = (kind: string, what: string): Array<LiteralHit | undefined> => {
    const host = findUrls(value)[0]?.host;
    if (host && hostAllowed(host, settings.allowedHosts)) return [];
    return [hitAt(leaf, start, start + value.length, { kind, what, where: describeWhere(leaf.path), host, display: value })];
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

/**
 * A URL literal at [start, end) of a leaf (or of a string constant starting at `constantStart`):
 * tenant hosts, hosts naming an environment, global services whose path names an environment
 * (`/v2.0/<tenant>/Production/api`), and other public hosts when the URL is an address (the value
 * starts with it), not a link inside a text.
 */
function urlHit(leaf: StringLeaf, start: number, end: number, host: string, where: string, settings: GlobalSettings, expression: boolean, constantStart?: number): LiteralHit | undefined {
  if (hostAllowed(host, settings.allowedHosts) || isDocumentationHost(host)) return undefined;
  const kind = classifyHost(host);
  const display = leaf.text.slice(start, end);
  const url = findUrls(display)[0];
  const path = url ? url.path : '';
  // The address without its query: reported instead when a credential finding takes the query.
  const q = display.search(/[?#]/);
  const narrow = q > 0 && url ? narrowAt(leaf, start, start + q, `${url.scheme}://${url.host}`) : undefined;
  const fields = { kind: 'url', what: 'URL', where, host, display, expression, ...(narrow ? { narrow } : {}) };
  if (kind === 'tenant') return hitAt(leaf, start, end, fields);
  // An address is the value itself (a URI, an endpoint parameter); a link inside a message or an e-mail body is text.
  const address = leaf.text.slice(constantStart ?? 0, start).trim() === '' && isAddressPlace(leaf.path);
  if (kind === 'global') {
    // A global service addressed in one environment's part of it (`/v2.0/<tenant>/Production/api`, `/sites/Finance-UAT`).
    return address && environmentInPath(host, path) ? hitAt(leaf, start, end, fields) : undefined;
  }
  if (kind === 'public') {
    // A host naming an environment is reported anywhere; an environment word in the path only in an address.
    const marked = environmentOfValue(host) !== undefined || (address && environmentInPath(host, path) !== undefined);
    if (!marked && !address) return undefined;
    return hitAt(leaf, start, end, { ...fields, publicHost: !marked });
  }
  return undefined;
}

/** Absolute paths and URLs written as string constants inside expressions (UNC paths are machines). */
function inExpressionConstants(leaf: StringLeaf, settings: GlobalSettings): Array<LiteralHit | undefined> {
  const out: Array<LiteralHit | undefined> = [];
  const where = describeWhere(leaf.path);
  for (const c of quotedConstantsOf(leaf)) {
    const content = leaf.text.slice(c.start, c.end);
    for (const p of findPaths(content)) {
      if ((p.kind === 'unc' && p.server) || pathAllowed(p.path, settings.allowedPaths) || p.path.length < 4) continue;
      out.push(hitAt(leaf, c.start + p.start, c.start + p.end, { kind: 'path', what: 'absolute path', where, display: p.path, expression: true }));
    }
    for (const u of findUrls(content)) {
      const kind = classifyHost(u.host);
      if (kind === 'internal' || kind === 'ip') continue;
      out.push(urlHit(leaf, c.start + u.start, c.start + u.end, u.host, where, settings, true, c.start));
    }
  }
  return out;
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
