// The machines named in a desktop flow's literals, for pad/hardcoded-machine: the server of a UNC path,
// Server=/Data Source= of a connection string, server switches and assignments in command lines and
// embedded scripts, a value used as a URL's host or given to a host argument, an internal or IP host in
// a URL, a remote TargetDesktop, and the @@ConnectionString / @@Type headers.
import {
  classifyHost, connectionKeyIs, CONNECTION_SERVER_KEYS, findUrls, HostKind, hostAllowed, isDocumentationHost, parseConnectionString, serverHost,
} from '../../../analysis/shared/values';
import { flatSpan, hasInterp } from '../../../analysis/pad/flat';
import { dedupeHits, Hit, storedWhole } from '../../../analysis/pad/hits';
import { connectionRegions, looksLikeConnectionString, pathsIn, sameUrl, urlsIn, wholeUrlIn } from '../../../analysis/pad/text-scans';
import type { ArgRole } from '../../../analysis/pad/catalog';
import type { LiteralUse, ScriptFacts, Witness } from '../../../analysis/pad/types';
import type { Span } from '../../../util/text';

export interface MachineHit extends Hit {
  host: string;
  /** For UNC paths: the path. */
  path?: string;
  how: 'unc' | 'connection-string' | 'url' | 'host-argument' | 'remote-desktop';
  hostKind?: HostKind;
  witness?: Witness;
}

/** A header line (`@@ConnectionString: '…'`, `@@Type: '…'`) naming a remote machine. */
export interface HeaderHit {
  span: Span;
  key: string;
  value: string;
}

/**
 * Command-line and script switches that name a server: `/server:erpapp01`, `-ComputerName fs02`,
 * `--host=db01.corp.local`, `-SqlInstance sql01\INST`. Groups: switch name, quote, value.
 */
const SERVER_SWITCH = /(?<=^|[\s(,;])(?:--?|\/)(server|servername|serverinstance|sqlserver|sqlinstance|dbserver|dataserver|srv|host|hostname|computername|computer|machine|machinename|ashost|mshost)(?:[:=]|[ \t]+)(["']?)([A-Za-z0-9][A-Za-z0-9._-]*(?:\\[A-Za-z0-9_$-]+)?)(?:[:,]\d+)?\2(?=$|[\s;,)"'])/gim;

/** `$server = "sql01"`, `host="db01:5432"`, `objConn.ServerName = "ERP01"`. Groups: name, quote, value. */
const SERVER_ASSIGNMENT = /(?<=^|[\s;(,{.$])(server|servername|serverinstance|sqlserver|sqlinstance|dbserver|dbhost|host|hostname|computername|smtpserver|smtphost|ftphost|sftphost|ashost|mshost)\s*(?::=|(?<![=!<>])=(?!=))\s*(["'])([A-Za-z0-9][A-Za-z0-9._-]*(?:\\[A-Za-z0-9_$-]+)?)(?:[:,]\d+)?\2/gim;

const NO_HITS: readonly MachineHit[] = [];

/** The machines named in the enabled literals of a script, one per span, in document order. */
export function machineHits(facts: ScriptFacts): MachineHit[] {
  const hits: MachineHit[] = [];
  for (const use of facts.literals) if (!use.disabled) hits.push(...machinesOf(use, facts.rolesOf(use)));
  return dedupeHits(hits);
}

/** The @@ConnectionString and non-local @@Type headers of a script. */
export function headerHits(facts: ScriptFacts): HeaderHit[] {
  const out: HeaderHit[] = [];
  for (const h of facts.script.ast.headers) {
    const key = h.key.toLowerCase();
    const value = h.value.kind === 'string' ? h.value.value ?? '' : '';
    if (key === 'connectionstring' && value.trim() !== '') out.push({ span: h.value.span, key: h.key, value });
    else if (key === 'type' && value.trim() !== '' && value.trim().toLowerCase() !== 'local') out.push({ span: h.value.span, key: h.key, value });
  }
  return out;
}

function machinesOf(use: LiteralUse, roles: Map<ArgRole, Witness | undefined>): readonly MachineHit[] {
  const f = use.flat;
  const text = f.text;
  const code = roles.has('script') || roles.has('commandLine');
  // Most literals name no machine in any of the ways below: no UNC path, no `=` of a connection string,
  // no URL, and no role that reads the text as a host, a command line or a remote desktop.
  if (!code && !roles.has('urlHost') && !roles.has('host') && !(use.ctx.kind === 'arg' && use.ctx.role === 'targetDesktop')
    && !text.includes('=') && !pathsIn(f).length && !urlsIn(f).length) return NO_HITS;
  const hits: MachineHit[] = [];
  const stored = storedWhole(use);
  const leading = text.length - text.trimStart().length;
  const add = (start: number, end: number, host: string, how: MachineHit['how'], witness?: Witness, hostKind?: HostKind, path?: string) => {
    const whole = f.pure && use.entire && start <= leading && end >= text.trimEnd().length;
    hits.push({ use, span: whole ? use.lit.span : flatSpan(f, start, end), literal: whole ? 'whole' : 'part', host, how, witness, hostKind, ...(path ? { path } : {}) });
  };
  // UNC paths in path arguments, command lines and scripts, in values stored whole, in what flows into a path argument.
  const pathRole = roles.has('path') || code;
  for (const p of pathsIn(f)) {
    if (p.kind !== 'unc' || !p.server) continue;
    if (!(pathRole || (stored && p.start === leading) || roles.has('connection'))) continue;
    if (hasInterp(f, p.start, p.start + 2 + p.server.length)) continue;
    const kind = classifyHost(p.server);
    if (kind === 'loopback') continue;
    add(p.start, p.end, p.server, 'unc', roles.get('path') ?? roles.get('commandLine') ?? roles.get('script'), kind, p.path);
  }
  // Connection strings: Server= / Data Source= / Host= / ServerNode= (the whole value, or a quoted string of a script).
  for (const region of connectionRegions(text, roles.has('connection') || (stored && looksLikeConnectionString(text)), code)) {
    for (const part0 of parseConnectionString(region.text)) {
      const part = { ...part0, start: region.offset + part0.start, end: region.offset + part0.end };
      if (!connectionKeyIs(part.key, CONNECTION_SERVER_KEYS) || hasInterp(f, part.start, part.end)) continue;
      const value = part.value.trim();
      if (!value || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\') || /^(dsn)$/i.test(part.key)) continue;
      const url = findUrls(value)[0];
      const host = url ? url.host : serverHost(value);
      if (!host || isLocalServer(host)) continue;
      const kind = classifyHost(host);
      if (kind === 'loopback' || kind === 'global' || (url && (kind === 'tenant' || kind === 'public'))) continue;
      const hs = part.start + (url ? url.start + url.url.indexOf(url.host) : part.value.indexOf(host));
      add(hs, hs + host.length, host, 'connection-string', roles.get('connection') ?? roles.get('script') ?? roles.get('commandLine'), kind);
    }
  }
  // Server switches of command lines and scripts (`/server:erpapp01`, `-ComputerName fs02`, `--host=db01`)
  // and script variables or keyword arguments named like a server (`$server = "sql01"`, `host="db01"`).
  if (code) {
    for (const m of [...text.matchAll(SERVER_SWITCH), ...text.matchAll(SERVER_ASSIGNMENT)]) {
      const value = m[3];
      const start = m.index! + m[0].indexOf(value, m[0].toLowerCase().indexOf(m[1].toLowerCase()) + m[1].length);
      if (hasInterp(f, start, start + value.length)) continue;
      const host = serverHost(value);
      if (!host || isLocalServer(host) || isDocumentationHost(host) || /^\d+$/.test(host)) continue;
      const kind = classifyHost(host);
      if (kind === 'loopback' || kind === 'global') continue;
      add(start, start + host.length, host, 'host-argument', roles.get('commandLine') ?? roles.get('script'), kind);
    }
  }
  // A value used as the host of a URL (`http://%Host%/status`): an IP address or an internal name.
  if (roles.has('urlHost')) {
    const value = text.trim();
    if (value && !hasInterp(f, leading, text.trimEnd().length) && /^[A-Za-z0-9._-]+(:\d+)?$/.test(value)) {
      const host = value.replace(/:\d+$/, '');
      const kind = classifyHost(host);
      if ((kind === 'ip' || kind === 'internal') && !isDocumentationHost(host)) add(leading, leading + host.length, host, 'host-argument', roles.get('urlHost'), kind);
    }
  }
  // Host arguments: the whole value names a machine.
  if (roles.has('host')) {
    const value = text.trim();
    if (value && !hasInterp(f, leading, text.trimEnd().length)) {
      const url = findUrls(value)[0];
      const host = url ? url.host : value.replace(/^\\\\/, '').replace(/[:,]\d+$/, '').replace(/[\\/].*$/, '');
      const kind = classifyHost(host);
      if (host && /^[A-Za-z0-9._\-[\]:]+$/.test(host) && kind !== 'loopback' && kind !== 'global' && !isDocumentationHost(host)) {
        const hs = leading + (url ? url.start + url.url.indexOf(url.host) : value.indexOf(host));
        add(hs, hs + host.length, host, 'host-argument', roles.get('host'), kind);
      }
    }
  }
  // URLs with an internal, single-label or IP host (also inside command lines and scripts).
  if (roles.has('url') || code || roles.has('host') || stored) {
    const whole = wholeUrlIn(f);
    for (const u of urlsIn(f)) {
      if (!(roles.has('url') || code || (stored && sameUrl(whole, u)))) continue;
      if (hits.some(h => h.host === u.host)) continue;
      const kind = classifyHost(u.host);
      if (kind !== 'internal' && kind !== 'ip') continue;
      const hs = u.start + u.url.indexOf(u.host, u.scheme.length + 3);
      add(hs, hs + u.host.length, u.host, 'url', roles.get('url') ?? roles.get('commandLine') ?? roles.get('script'), kind);
    }
  }
  // TargetDesktop of launch actions: a remote or virtual desktop.
  if (use.ctx.kind === 'arg' && use.ctx.role === 'targetDesktop') {
    const remote = remoteDesktopOf(text);
    if (remote) {
      const idx = remote.address ? text.indexOf(remote.address) : -1;
      if (idx >= 0) add(idx, idx + remote.address.length, remote.address, 'remote-desktop');
      else hits.push({ use, span: use.lit.span, literal: 'whole', host: remote.address || remote.serverType, how: 'remote-desktop' });
    }
  }
  return hits;
}

function isLocalServer(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h === '.' || h === '(local)' || h === 'localhost' || h.startsWith('(localdb)') || h === '127.0.0.1' || h === '::1';
}

/** A TargetDesktop JSON naming a remote or virtual desktop. */
function remoteDesktopOf(text: string): { serverType: string; address: string } | undefined {
  try {
    const j = JSON.parse(text) as { Route?: { ServerType?: unknown; ServerAddress?: unknown } };
    const serverType = typeof j.Route?.ServerType === 'string' ? j.Route.ServerType : '';
    const address = typeof j.Route?.ServerAddress === 'string' ? j.Route.ServerAddress.trim() : '';
    if ((serverType && serverType.toLowerCase() !== 'local') || address) {
      if (address && classifyHost(address) === 'loopback') return undefined;
      return { serverType: serverType || 'remote', address };
    }
  } catch {
    // Not JSON: nothing to say.
  }
  return undefined;
}

/** Machine and host allow lists of flowcop.json. */
export function machineAllowed(host: string, settings: { allowedMachines: readonly string[]; allowedHosts: readonly string[] }): boolean {
  const h = host.toLowerCase();
  const short = h.split('.')[0];
  return settings.allowedMachines.some(m => {
    const a = m.trim().toLowerCase();
    if (a.startsWith('*.') || a.startsWith('.')) return h.endsWith(a.replace(/^\*/, '')) || h === a.replace(/^\*?\./, '');
    return a === h || a === short;
  }) || hostAllowed(h, settings.allowedHosts);
}
