// An absolute URL literal whose host belongs to one tenant or environment (contoso.sharepoint.com,
// org.crm.dynamics.com, an organisation's or vendor's application, hosts and paths carrying -dev/uat/prod)
// in URL arguments, in values stored whole in a variable, or flowing into a URL argument. Messages show
// the scheme and host only: a URL may carry a token in its query. When a credential finding covers the
// URL (a secret in its query), the address without the query is reported instead (findings/precedence.ts).
import {
  classifyHost, environmentInPath, environmentMarkerOf, findUrls, HostKind, hostAllowed, isDocumentationHost, normalizeHost, wholeUrl,
} from '../../analysis/shared/values';
import { scriptFacts } from '../../analysis/pad/facts';
import { flatSpan, hasInterp } from '../../analysis/pad/flat';
import { dedupeHits, Hit, storedWhole } from '../../analysis/pad/hits';
import { sameUrl } from '../../analysis/pad/text-scans';
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
  /** The address without its query, reported instead when a stronger finding covers the query. */
  narrow?: Span;
}

/** The environment-specific URLs in the enabled literals of a script, one per span, in document order. */
function urlHits(facts: ScriptFacts): UrlHit[] {
  const hits: UrlHit[] = [];
  for (const use of facts.literals) if (!use.disabled) hits.push(...urlsOf(facts, use));
  return dedupeHits(hits);
}

function urlsOf(facts: ScriptFacts, use: LiteralUse): UrlHit[] {
  const hits: UrlHit[] = [];
  const f = use.flat;
  const text = f.text;
  const roles = facts.rolesOf(use);
  const stored = storedWhole(use);
  const whole = wholeUrl(text);
  const urlRole = roles.has('url');
  for (const u of findUrls(text)) {
    const inScope = urlRole || ((stored || roles.has('commandLine')) && sameUrl(whole, u));
    if (!inScope) continue;
    if (isDocumentationHost(u.host)) continue;
    const kind = classifyHost(u.host);
    if (kind === 'loopback' || kind === 'ip' || kind === 'internal') continue;
    // A global service's host never names an environment (login.live.com); its path may (/sites/Finance-UAT,
    // the environment segment of a Business Central URL, /environments/<id> of the Power Platform APIs).
    const path = u.path.replace(/[?#].*$/, '');
    const marker = kind === 'global' ? environmentInPath(u.host, u.path) : environmentMarkerOf(u.host) ?? environmentMarkerOf(path);
    if (kind === 'global' && !marker) continue;
    const isWhole = f.pure && use.entire && sameUrl(whole, u);
    const q = u.url.search(/[?#]/);
    const narrow = q > 0 && !hasInterp(f, u.start, u.start + q) ? flatSpan(f, u.start, u.start + q) : undefined;
    hits.push({ use, span: isWhole ? use.lit.span : flatSpan(f, u.start, u.end), literal: isWhole ? 'whole' : 'part', origin: `${u.scheme}://${u.host}`, host: normalizeHost(u.host), hostKind: kind, marker: marker?.word, witness: roles.get('url') ?? roles.get('commandLine'), ...(narrow ? { narrow } : {}) });
  }
  return hits;
}

function messageOf(h: UrlHit): string {
  const what = h.marker ? `names the '${h.marker}' environment`
    : h.hostKind === 'tenant' ? 'belongs to one tenant'
      : 'is the address of one organisation\'s or vendor\'s application';
  return `The URL ${h.origin} ${whereOf(h.use)}${usedAs(h.use, h.witness)} ${what}; keep it in an environment variable (or flow input) so each environment can point at its own address.`;
}

export default defineRule({
  meta: {
    id: 'pad/environment-specific-url',
    category: 'environment-specific',
    defaultSeverity: 'warning',
    description: 'An absolute URL literal in a desktop flow whose host belongs to one tenant or environment.',
    fixable: true,
    options: {
      publicHosts: {
        type: 'boolean',
        description: 'Also report public application hosts (an organisation\'s or vendor\'s site) that carry no environment marker; when false only tenant-scoped cloud hosts and hosts or paths naming an environment are reported.',
        default: true,
      },
    },
  },
  fixes: ['script-input'],
  check: {
    script(ctx, unit) {
      const publicHosts = ctx.options.publicHosts !== false;
      for (const h of urlHits(scriptFacts(unit))) {
        if (hostAllowed(h.host, ctx.settings.allowedHosts)) continue;
        if (!publicHosts && h.hostKind === 'public' && !h.marker) continue;
        const message = messageOf(h);
        const data = (literal: 'whole' | 'part') => ({
          ...locationData(h.use), valueKind: 'url' as const, origin: h.origin, host: h.host, hostKind: h.hostKind, ...(h.marker ? { marker: h.marker } : {}), literal,
        });
        ctx.report({
          message,
          scriptSpan: h.span,
          element: elementOf(h.use),
          data: data(h.literal),
          claim: h.narrow ? { fallback: { message, scriptSpan: h.narrow, data: data('part') } } : {},
        });
      }
    },
  },
});
