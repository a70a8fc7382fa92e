// Whose address is this? A public host is environment-specific only when it is the organisation's own:
// a domain its mailboxes use, the domain of a name its tenant resources carry (contoso.sharepoint.com →
// contoso.com), or a domain configured in flowcop.json (`organizationDomains`). A third-party site
// (a book catalogue, a currency-rate API, a public practice site) is the same in Dev, Test and Prod.
import { getDomain, getDomainWithoutSuffix } from 'tldts';
import { classifyHost, findUrls, normalizeHost } from './values';

export interface Organization {
  /** Registrable domains the organisation uses: `contoso.com`, `contoso.co.uk`. */
  readonly domains: ReadonlySet<string>;
  /** Names its tenant resources carry: `contoso` of contoso.sharepoint.com, org.crm.dynamics.com. */
  readonly tenantNames: ReadonlySet<string>;
}

/** Mail providers anyone can use: an address there says nothing about whose domain it is. */
const PUBLIC_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'icloud.com', 'me.com',
  'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.net', 'gmx.de', 'web.de', 'mail.com', 'yandex.com', 'zoho.com',
  'example.com', 'example.org', 'example.net',
]);

// An e-mail address: the domain after `@` (one pass; the local part is not needed).
const MAIL = /[A-Za-z0-9._%+-]@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;
/** Second-level labels of tenant hosts that are not a tenant name (`x.blob.core.windows.net` → x is). */
const NOT_TENANT = new Set(['www', 'api', 'login', 'portal', 'admin', 'app', 'apps']);

/** What the texts of a solution or script show about the organisation, plus the configured domains. */
export function organizationOf(texts: Iterable<string>, configured: readonly string[] = []): Organization {
  const domains = new Set<string>();
  const tenantNames = new Set<string>();
  for (const d of configured) {
    const domain = getDomain(normalizeHost(d.replace(/^\*?\./, ''))) ?? normalizeHost(d);
    if (domain) domains.add(domain);
  }
  for (const text of texts) {
    if (text.includes('@')) {
      for (const m of text.matchAll(MAIL)) {
        const host = m[1].toLowerCase();
        const domain = getDomain(host);
        // contoso.onmicrosoft.com is the tenant's own default domain: `contoso` is its name.
        if (domain === 'onmicrosoft.com') tenantNames.add(host.split('.')[0]);
        else if (domain && !PUBLIC_MAIL.has(domain)) domains.add(domain);
      }
    }
    if (text.includes('://')) {
      for (const u of findUrls(text)) {
        if (classifyHost(u.host) !== 'tenant') continue;
        const first = normalizeHost(u.host).split('.')[0].replace(/-my$/, '');
        if (first && !NOT_TENANT.has(first)) tenantNames.add(first);
      }
    }
  }
  return { domains, tenantNames };
}

/** Whether a public host belongs to the organisation (its registrable domain is one of the organisation's). */
export function isOrganizationHost(rawHost: string, org: Organization): boolean {
  const host = normalizeHost(rawHost);
  const domain = getDomain(host);
  if (!domain) return false;
  if (org.domains.has(domain)) return true;
  const name = getDomainWithoutSuffix(host);
  return !!name && org.tenantNames.has(name);
}
