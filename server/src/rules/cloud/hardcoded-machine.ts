// cloud/hardcoded-machine: a machine or host written literally in action inputs (UNC shares, internal
// and IP hosts, SQL/file/gateway server parameters, connection-string servers, machine and machine-group
// ids, ids of machine-group rows). Text a credential finding reports is left to it (findings/precedence.ts);
// a URL whose query is a secret keeps its address without the query.
import { prop, stringValue } from '../../load/json';
import type { CloudFlow, FlowAction } from '../../model/types';
import { actionLabel, connectorOf, isConnectorAction } from '../../analysis/cloud/actions';
import { flowFacts } from '../../analysis/cloud/facts';
import { cutAtReference, MASK, mayHoldPathOrUrl, parameterName, quotedConstantsOf, StringLeaf, whereOf } from '../../analysis/cloud/leaves';
import {
  classifyHost, CONNECTION_SERVER_KEYS, connectionKeyIs, findPaths, findUrls, GUID_RE, hostAllowed, isDocumentationHost, normalizeHost,
  parseConnectionString, pathAllowed, serverHost,
} from '../../analysis/shared/values';
import { defineRule, GlobalSettings } from '../rule';
import { hitAt, keepFirst, LiteralHit, literalData, narrowAt, shownValue } from './literal-hits';

export default defineRule({
  meta: {
    id: 'cloud/hardcoded-machine',
    category: 'machine',
    defaultSeverity: 'warning',
    description: 'A machine or host written literally in cloud-flow action inputs: UNC paths, internal or IP hosts in URIs, SQL and other server parameters, connection-string servers, machine and machine-group ids.',
    fixable: true,
  },
  fixes: ['environment-variable'],
  check: {
    cloudFlow(ctx, flow, solution) {
      const message = (h: LiteralHit, display: string) =>
        `${actionLabel(h.action)} hard-codes the ${h.what} "${shownValue(display)}" in ${h.where}${h.expression ? ' (inside an expression)' : ''}. Dev, Test and Prod use different machines: read it from an environment variable that each environment's deployment settings fill.`;
      for (const h of findMachines(flow, flowFacts(flow, solution).leaves, ctx.settings)) {
        const data = { ...literalData(h), host: h.host };
        const n = h.narrow;
        ctx.report({
          message: message(h, h.display ?? h.host ?? ''),
          loc: { file: flow.file, span: h.span },
          action: h.action,
          data,
          claim: n ? { fallback: { message: message(h, n.display), loc: { file: flow.file, span: n.span }, data: { ...data, literal: n.literal } } } : {},
        });
      }
    },
  },
});

const SERVER_PARAMS = new Set(['server', 'servername', 'sqlserver', 'sqlservername', 'host', 'hostname', 'hostaddress', 'serveraddress', 'datasource', 'computer', 'computername', 'machine']);
const MACHINE_PARAMS = new Set(['machineid', 'machinename', 'machinegroupid', 'machinegroup', 'machinegroupname', 'targetmachine', 'targetmachineid', 'targetmachinename', 'targetmachinegroup']);
const HOST_LIKE = /^(?:tcp:)?[A-Za-z0-9_.-]+(?:\\[A-Za-z0-9_$-]+)?(?:,\d+)?(?::\d+)?$/i;

/** Machines and hosts written literally in the flow's string values, allow-lists applied. */
function findMachines(flow: CloudFlow, leaves: readonly StringLeaf[], settings: GlobalSettings): LiteralHit[] {
  const allowed = (host: string) => isDocumentationHost(host) || hostAllowed(host, settings.allowedHosts) || settings.allowedMachines.some(x => normalizeHost(x) === normalizeHost(host));
  const hits: Array<LiteralHit | undefined> = [];
  for (let k = 0; k < leaves.length; k++) {
    const leaf = leaves[k];
    inText(leaf, allowed, settings, hits);
    const parameter = inConnectorParameter(flow, leaf, allowed, settings);
    if (parameter) hits.push(parameter);
    inExpressionConstants(leaf, allowed, settings, hits);
  }
  return keepFirst(hits);
}

/** UNC paths, internal and IP hosts of URLs, connection-string servers in the literal text. */
function inText(leaf: StringLeaf, allowed: (host: string) => boolean, settings: GlobalSettings, out: Array<LiteralHit | undefined>): void {
  const m = leaf.masked;
  // Paths and URLs need a `:` or a `\`; a connection string a `=`. Most values have none of these.
  if (mayHoldPathOrUrl(m)) pathsAndUrls(leaf, allowed, settings, out);
  if (m.includes('=')) connectionStringServers(leaf, allowed, out);
}

/** UNC paths and internal or IP hosts of URLs in the literal text. */
function pathsAndUrls(leaf: StringLeaf, allowed: (host: string) => boolean, settings: GlobalSettings, out: Array<LiteralHit | undefined>): void {
  const m = leaf.masked;
  for (const p of findPaths(m)) {
    if (p.kind !== 'unc' || !p.server) continue;
    const end = cutAtReference(m, p.start, p.end);
    if (allowed(p.server) || pathAllowed(p.path, settings.allowedPaths)) continue;
    out.push(hitAt(leaf, p.start, end, { kind: 'unc', what: 'UNC path', where: whereOf(leaf), host: p.server, display: leaf.text.slice(p.start, end) }));
  }
  for (const u of findUrls(m)) {
    const kind = classifyHost(u.host);
    if ((kind !== 'internal' && kind !== 'ip') || allowed(u.host)) continue;
    const end = cutAtReference(m, u.start, u.end);
    const q = leaf.text.slice(u.start, end).search(QUERY_OR_FRAGMENT);
    const narrow = q > 0 ? narrowAt(leaf, u.start, u.start + q, u.host) : undefined;
    out.push(hitAt(leaf, u.start, end, { kind: 'url', what: kind === 'ip' ? 'IP address' : 'internal host', where: whereOf(leaf), host: u.host, display: u.host, ...(narrow ? { narrow } : {}) }));
  }
}

/** Servers of connection strings in the literal text. */
function connectionStringServers(leaf: StringLeaf, allowed: (host: string) => boolean, out: Array<LiteralHit | undefined>): void {
  for (const part of parseConnectionString(leaf.masked)) {
    if (!connectionKeyIs(part.key, CONNECTION_SERVER_KEYS) || part.value.includes(MASK)) continue;
    const host = serverHost(part.value);
    if (URL_START.test(part.value)) continue; // an endpoint URL: judged as a URL
    if (!host || classifyHost(host) === 'loopback' || classifyHost(host) === 'global' || allowed(host)) continue;
    out.push(hitAt(leaf, part.start, part.end, { kind: 'connection-string', what: 'server', where: `"${part.key}" of a connection string`, host, display: part.value }));
  }
}

const QUERY_OR_FRAGMENT = /[?#]/;
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;
const DEFAULT = /^default$/i;

/** Server and machine parameters of connectors, and ids of machine and machine-group rows. */
function inConnectorParameter(flow: CloudFlow, leaf: StringLeaf, allowed: (host: string) => boolean, settings: GlobalSettings): LiteralHit | undefined {
  if (leaf.path[0] !== 'parameters' || leaf.path.length < 2 || !isConnectorAction(leaf.action)) return undefined;
  if (leaf.segments.length !== 1 || leaf.segments[0].kind !== 'literal') return undefined;
  const name = parameterName(leaf.path[leaf.path.length - 1]);
  // Only ids, machine, server and (SQL) dataset parameters can name a machine.
  if (name !== 'recordid' && name !== 'id' && name !== 'dataset' && !MACHINE_PARAMS.has(name) && !SERVER_PARAMS.has(name)) return undefined;
  const value = leaf.text.trim();
  if (!value || DEFAULT.test(value)) return undefined;
  const connector = connectorOf(leaf.action, flow);
  const start = leaf.text.indexOf(value);
  const machineAllowed = () => settings.allowedMachines.some(x => x.toLowerCase() === value.toLowerCase());
  // A Dataverse row of the machine or machine-group table, addressed by its id: the id differs per environment.
  const machineTable = machineTableOf(leaf.action, connector);
  if (machineTable && (name === 'recordid' || name === 'id') && GUID_RE.test(value)) {
    if (machineAllowed()) return undefined;
    return hitAt(leaf, start, start + value.length, { kind: 'machine', what: machineTable === 'group' ? 'machine group' : 'machine', where: whereOf(leaf), host: value, display: value });
  }
  if (MACHINE_PARAMS.has(name)) {
    if (machineAllowed()) return undefined;
    return hitAt(leaf, start, start + value.length, { kind: 'machine', what: /group/.test(name) ? 'machine group' : 'machine', where: whereOf(leaf), host: value, display: value });
  }
  const serverValue = SERVER_PARAMS.has(name) ? value : name === 'dataset' && connector === 'shared_sql' ? value.split(',')[0].trim() : undefined;
  if (!serverValue || !HOST_LIKE.test(serverValue) || DEFAULT.test(serverValue) || GUID_RE.test(serverValue)) return undefined;
  const host = serverHost(serverValue);
  const kind = classifyHost(host);
  if (kind === 'loopback' || kind === 'global' || allowed(host)) return undefined;
  const serverStart = leaf.text.indexOf(serverValue);
  return hitAt(leaf, serverStart, serverStart + serverValue.length, { kind: 'server', what: 'server', where: whereOf(leaf), host, display: serverValue });
}

/** `group` / `machine` when a Dataverse action works on a row of the machine-group or machine table. */
function machineTableOf(action: FlowAction, connector: string | undefined): 'group' | 'machine' | undefined {
  if (connector !== 'shared_commondataserviceforapps' && connector !== 'shared_commondataservice') return undefined;
  const params = prop(action.inputs, 'parameters');
  const entity = (stringValue(prop(params, 'entityName')) ?? stringValue(prop(params, 'table')) ?? '').toLowerCase();
  if (/^flowmachinegroups?$/.test(entity)) return 'group';
  if (/^flowmachines?$/.test(entity)) return 'machine';
  return undefined;
}

/** UNC paths and internal or IP hosts written as string constants inside expressions. */
function inExpressionConstants(leaf: StringLeaf, allowed: (host: string) => boolean, settings: GlobalSettings, out: Array<LiteralHit | undefined>): void {
  // Paths and URLs both need a `:` or a `\`: a value with neither has none in its constants.
  if (!mayHoldPathOrUrl(leaf.text)) return;
  for (const c of quotedConstantsOf(leaf)) {
    if (!mayHoldPathOrUrl(leaf.text, c.start, c.end)) continue;
    const content = leaf.text.slice(c.start, c.end);
    for (const p of findPaths(content)) {
      if (p.kind !== 'unc' || !p.server || allowed(p.server) || pathAllowed(p.path, settings.allowedPaths)) continue;
      out.push(hitAt(leaf, c.start + p.start, c.start + p.end, { kind: 'unc', what: 'UNC path', where: whereOf(leaf), host: p.server, display: p.path, expression: true }));
    }
    for (const u of findUrls(content)) {
      const kind = classifyHost(u.host);
      if ((kind !== 'internal' && kind !== 'ip') || allowed(u.host)) continue;
      out.push(hitAt(leaf, c.start + u.start, c.start + u.end, { kind: 'url', what: kind === 'ip' ? 'IP address' : 'internal host', where: whereOf(leaf), host: u.host, display: u.host, expression: true }));
    }
  }
}
