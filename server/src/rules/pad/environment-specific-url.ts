// An absolute URL literal that is evidence of one environment or of the organisation: a host or path naming
// a stage (-dev, uat, prod), a tenant-scoped host (contoso.sharepoint.com, org.crm.dynamics.com), or a
// public host on the organisation's own domain (its mailboxes' domain, its tenant's name, or
// `organizationDomains` in flowcop.json), in URL arguments, in values stored whole in a variable, or
// flowing into a URL argument. A third-party site with none of this (a public API, a catalogue) is the same
// in every environment: reported only with `publicHosts`, at info. Internal hosts and IPs are machines
// (pad/hardcoded-machine). A URL only quoted in messages (log, dialog, e-mail) is text, not a place.
// Messages show the scheme and host only: a URL may carry a token in its query or a key in its path. When
// a credential finding covers part of the URL, the address before that part is reported instead.
import {
  classifyHost, environmentInPath, environmentMarkerOf, HostKind, hostAllowed, isDocumentationHost, normalizeHost, UrlMatch,
} from '../../analysis/shared/values';
import { describeOrganizationEvidence, Organization, organizationEvidence } from '../../analysis/shared/organization';
import { keyShapedPathSegments } from '../../analysis/shared/url-keys';
import { organizationOfUnit } from '../../analysis/solution/organization';
import { scriptFacts } from '../../analysis/pad/facts';
import { flatSpan, FlatString, hasInterp } from '../../analysis/pad/flat';
import { dedupeHits, Hit, storedWhole } from '../../analysis/pad/hits';
import { messageOnlyVariables } from '../../analysis/pad/message-uses';
import { sameUrl, urlsIn, wholeUrlIn } from '../../analysis/pad/text-scans';
import type { LiteralUse, ScriptFacts, Witness } from '../../analysis/pad/types';
import { elementOf, locationData, usedAs, whereOf } from '../../analysis/pad/wording';
import type { Span } from '../../util/text';
import { defineRule } from '../rule';

interface UrlHit extends Hit {
  origin: string;
  host: string;
  hostKind: HostKind;
  marker?: string;
  witness?: Witness;
  /** The address before its query and any key in its path, reported instead when a stronger finding covers those. */
  narrow?: Span;
  /** What makes the URL environment-specific (`external`: nothing, reported only with publicHosts). */
  evidence: 'environment' | 'tenant' | 'organization' | 'external';
  /** Why the host is the organisation's, in words (evidence `organization`). */
  organization?: string;
}

/** The environment-specific URLs in the enabled literals of a script, one per span, in document order. */
function urlHits(facts: ScriptFacts, org: Organization): UrlHit[] {
  const hits: UrlHit[] = [];
  const messageOnly = messageOnlyVariables(facts.script);
  for (const use of facts.literals) if (!use.disabled) hits.push(...urlsOf(facts, use, org, messageOnly));
  return dedupeHits(hits);
}


function urlsOf(facts: ScriptFacts, use: LiteralUse, org: Organization, messageOnly: ReadonlySet<string>): UrlHit[] {
  const hits: UrlHit[] = [];
  const f = use.flat;
  const urls = urlsIn(f);
  if (!urls.length) return hits;
  const roles = facts.rolesOf(use);
  const stored = storedWhole(use);
  const whole = wholeUrlIn(f);
  const urlRole = roles.has('url');
  // Kept in a variable the flow only quotes in messages: shown to a reader, never opened.
  const quotedOnly = stored && !urlRole && use.target?.p === undefined && !!use.target && messageOnly.has(use.target.v);
  for (const u of urls) {
    const inScope = urlRole || ((stored || roles.has('commandLine')) && sameUrl(whole, u));
    if (!inScope || quotedOnly) continue;
    if (isDocumentationHost(u.host)) continue;
    const kind = classifyHost(u.host);
    if (kind === 'loopback' || kind === 'ip' || kind === 'internal') continue;
    // A global service's host never names an environment (login.live.com); its path may (/sites/Finance-UAT,
    // the environment segment of a Business Central URL, /environments/<id> of the Power Platform APIs).
    const path = u.path.replace(/[?#].*$/, '');
    const marker = kind === 'global' ? environmentInPath(u.host, u.path) : environmentMarkerOf(u.host) ?? environmentMarkerOf(path);
    if (kind === 'global' && !marker) continue;
    const own = kind === 'public' && !marker ? organizationEvidence(u.host, org) : undefined;
    const evidence = marker ? 'environment' : kind === 'tenant' ? 'tenant' : own ? 'organization' : 'external';
    const isWhole = f.pure && use.entire && sameUrl(whole, u);
    const narrow = addressBeforeSecrets(f, u);
    hits.push({
      use, span: isWhole ? use.lit.span : flatSpan(f, u.start, u.end), literal: isWhole ? 'whole' : 'part', origin: `${u.scheme}://${u.host}`,
      host: normalizeHost(u.host), hostKind: kind, marker: marker?.word, witness: roles.get('url') ?? roles.get('commandLine'), evidence,
      ...(own ? { organization: describeOrganizationEvidence(own) } : {}), ...(narrow ? { narrow } : {}),
    });
  }
  return hits;
}

/** The URL up to its query and to the first key-shaped path segment (whichever comes first), when it has either. */
function addressBeforeSecrets(f: FlatString, u: UrlMatch): Span | undefined {
  const query = u.url.search(/[?#]/);
  const key = keyShapedPathSegments(u.url)[0]?.start ?? -1;
  let cut = [query, key].filter(k => k > 0).reduce((a, b) => Math.min(a, b), Infinity);
  if (cut === Infinity) return undefined;
  while (cut > 0 && u.url[cut - 1] === '/') cut--;
  return cut > 0 && !hasInterp(f, u.start, u.start + cut) ? flatSpan(f, u.start, u.start + cut) : undefined;
}

function messageOf(h: UrlHit): string {
  const what = h.evidence === 'environment' ? `names the '${h.marker}' environment`
    : h.evidence === 'tenant' ? 'belongs to one tenant'
      : h.evidence === 'organization' ? h.organization!
        : 'is an external address (reported because publicHosts is on)';
  return `The URL ${h.origin} ${whereOf(h.use)}${usedAs(h.use, h.witness)} ${what}; keep it in an environment variable (or flow input) so each environment can point at its own address.`;
}

export default defineRule({
  meta: {
    id: 'pad/environment-specific-url',
    category: 'environment-specific',
    defaultSeverity: 'warning',
    description: 'An absolute URL literal in a desktop flow that names an environment, belongs to one tenant, or is on the organisation\'s own domain.',
    fixable: true,
    options: {
      publicHosts: {
        type: 'boolean',
        description: 'Also report, at info, every other external URL: public third-party hosts with no environment marker, no tenant and no sign of being the organisation\'s own domain (a public API, a catalogue, a practice site). Off by default: such a site is the same in Dev, Test and Prod.',
        default: false,
      },
    },
  },
  fixes: ['script-input'],
  check: {
    script(ctx, unit) {
      const publicHosts = ctx.options.publicHosts === true;
      const org = organizationOfUnit(unit, ctx.settings.organizationDomains);
      for (const h of urlHits(scriptFacts(unit), org)) {
        if (hostAllowed(h.host, ctx.settings.allowedHosts)) continue;
        if (h.evidence === 'external' && !publicHosts) continue;
        const message = messageOf(h);
        const data = (literal: 'whole' | 'part') => ({
          ...locationData(h.use), valueKind: 'url' as const, origin: h.origin, host: h.host, hostKind: h.hostKind, ...(h.marker ? { marker: h.marker } : {}), literal, evidence: h.evidence,
        });
        ctx.report({
          message,
          scriptSpan: h.span,
          element: elementOf(h.use),
          ...(h.evidence === 'external' ? { severity: 'info' as const } : {}),
          data: data(h.literal),
          claim: h.narrow ? { fallback: { message, scriptSpan: h.narrow, data: data('part') } } : {},
        });
      }
    },
  },
});
