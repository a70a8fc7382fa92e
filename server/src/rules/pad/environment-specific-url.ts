// An absolute URL literal whose host belongs to one tenant or environment (contoso.sharepoint.com,
// org.crm.dynamics.com, an organisation's or vendor's application, hosts and paths carrying -dev/uat/prod)
// in URL arguments, in values stored whole in a variable, or flowing into a URL argument. Messages show
// the scheme and host only: a URL may carry a token in its query.
import { hostAllowed } from '../../analysis/shared/values';
import { defineRule } from '../rule';
import { analyzeScript, describeWitness, elementOf, locationData, UrlHit, whereOf } from './analysis';

function message(h: UrlHit): string {
  const where = whereOf(h.use);
  const via = h.witness && h.use.ctx.kind !== 'arg' ? ` (used as ${describeWitness(h.witness)})` : '';
  const what = h.marker ? `names the '${h.marker}' environment`
    : h.hostKind === 'tenant' ? 'belongs to one tenant'
      : 'is the address of one organisation\'s or vendor\'s application';
  return `The URL ${h.origin} ${where}${via} ${what}; keep it in an environment variable (or flow input) so each environment can point at its own address.`;
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
      const a = analyzeScript(unit);
      const publicHosts = ctx.options.publicHosts !== false;
      for (const h of a.urlHits) {
        if (hostAllowed(h.host, ctx.settings.allowedHosts)) continue;
        if (!publicHosts && h.hostKind === 'public' && !h.marker) continue;
        ctx.report({
          message: message(h),
          scriptSpan: h.span,
          element: elementOf(h.use),
          data: { ...locationData(h.use), origin: h.origin, host: h.host, hostKind: h.hostKind, ...(h.marker ? { marker: h.marker } : {}), literal: h.literal },
        });
      }
    },
  },
});
