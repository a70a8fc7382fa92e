// Whose address is this? A public host is environment-specific only when it is the organisation's own:
// a domain its mailboxes use, the domain of a name its tenant resources carry (contoso.sharepoint.com →
// contoso.com), or a domain configured in flowcop.json (`organizationDomains`). A third-party site
// (a book catalogue, a currency-rate API, a public practice site) is the same in Dev, Test and Prod.
import { getDomain, getDomainWithoutSuffix } from 'tldts';
import { classifyHost, environmentMarkerOf, findUrls, isDocumentationHost, normalizeHost } from './values';

export interface Organization {
  /** Registrable domains the organisation uses: `contoso.com`, `contoso.co.uk`. */
  readonly domains: ReadonlySet<string>;
  /** Names its tenant resources carry: `contoso` of contoso.sharepoint.com, org.crm.dynamics.com. */
  readonly tenantNames: ReadonlySet<string>;
  /** Domains configured in flowcop.json (`organizationDomains`), a subset of `domains`. */
  readonly configured?: ReadonlySet<string>;
  /**
   * Domains the texts show to differ per environment, with the evidence: one of their hosts names a stage
   * (`sandbox.partner.com` → `sandbox`), or an environment variable or deployment setting holds an address on them.
   */
  readonly staged?: ReadonlyMap<string, string>;
}

/** Why a host is the organisation's: a configured domain, a domain its mailboxes use, a name its tenant carries. */
export interface OrganizationEvidence {
  /** The registrable domain (`contoso.com`) or the tenant name (`contoso`). */
  name: string;
  why: 'configured' | 'mailbox' | 'tenant' | 'staged';
  /** For `staged`: the stage word or `an environment variable`. */
  detail?: string;
}

/** Mail providers anyone can use: an address there says nothing about whose domain it is. */
const PUBLIC_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'icloud.com', 'me.com',
  'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.net', 'gmx.de', 'web.de', 'mail.com', 'yandex.com', 'zoho.com',
  'example.com', 'example.org', 'example.net',
]);

// An e-mail address, what `/[A-Za-z0-9._%+-]@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g` found: a local-part
// character, `@`, then the domain (mailDomainEnd, read from the `@`; the rest of the local part is not needed).

/** [A-Za-z0-9-] */
function isLabelChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45;
}

/** End of the longest `label(.label)+` at `from` (what the greedy pattern took), or -1 without one. */
function mailDomainEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isLabelChar(text.charCodeAt(i))) i++;
  if (i === from) return -1;
  let labels = 1;
  while (text.charCodeAt(i) === 46 && isLabelChar(text.charCodeAt(i + 1))) {
    i += 2;
    while (i < text.length && isLabelChar(text.charCodeAt(i))) i++;
    labels++;
  }
  return labels >= 2 ? i : -1;
}

/** [A-Za-z0-9._%+-] */
function isMailLocalChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
}
/** Second-level labels of tenant hosts that are not a tenant name (`x.blob.core.windows.net` → x is). */
const NOT_TENANT = new Set(['www', 'api', 'login', 'portal', 'admin', 'app', 'apps']);

/**
 * What the texts of a solution or script show about the organisation, plus the configured domains.
 * `settingTexts` are the values of its environment variables and deployment settings: an address there is
 * configuration that differs per environment.
 */
export function organizationOf(texts: Iterable<string>, configured: readonly string[] = [], settingTexts: Iterable<string> = []): Organization {
  const staged = new Map<string, string>();
  for (const text of settingTexts) {
    if (!text.includes('://')) continue;
    for (const u of findUrls(text)) {
      const domain = classifyHost(u.host) === 'public' && !isDocumentationHost(u.host) ? getDomain(normalizeHost(u.host)) : null;
      if (domain && !staged.has(domain)) staged.set(domain, 'an environment variable');
    }
  }
  const domains = new Set<string>();
  const tenantNames = new Set<string>();
  const configuredDomains = new Set<string>();
  for (const d of configured) {
    const domain = getDomain(normalizeHost(d.replace(/^\*?\./, ''))) ?? normalizeHost(d);
    if (domain) {
      domains.add(domain);
      configuredDomains.add(domain);
    }
  }
  for (const text of texts) {
    // From each `@` (a flow's expressions hold many, mailboxes few), not a pattern tried at every position.
    let from = 0;
    for (let at = text.indexOf('@', 1); at >= 0; at = text.indexOf('@', at + 1)) {
      if (at - 1 < from || !isMailLocalChar(text.charCodeAt(at - 1))) continue;
      const end = mailDomainEnd(text, at + 1);
      if (end < 0) continue;
      const host = text.slice(at + 1, end).toLowerCase();
      from = end;
      at = end - 1;
      const domain = getDomain(host);
      // contoso.onmicrosoft.com is the tenant's own default domain: `contoso` is its name.
      if (domain === 'onmicrosoft.com') tenantNames.add(host.split('.')[0]);
      else if (domain && !PUBLIC_MAIL.has(domain)) domains.add(domain);
    }
    if (text.includes('://')) {
      for (const u of findUrls(text)) {
        const kind = classifyHost(u.host);
        if (kind === 'public' && !isDocumentationHost(u.host)) {
          // A host naming a stage (`sandbox.partner.com`, `erp-dev.contoso.com`): its domain has one host per environment.
          // Only the labels before the registrable domain count (`live.com` itself names no stage).
          const host = normalizeHost(u.host);
          const domain = getDomain(host);
          const marker = domain && host.length > domain.length ? environmentMarkerOf(host.slice(0, host.length - domain.length)) : undefined;
          if (domain && marker && !staged.has(domain)) staged.set(domain, `'${marker.word}'`);
        }
        if (kind !== 'tenant') continue;
        const first = normalizeHost(u.host).split('.')[0].replace(/-my$/, '');
        if (first && !NOT_TENANT.has(first)) tenantNames.add(first);
      }
    }
  }
  return { domains, tenantNames, configured: configuredDomains, staged };
}

/** Whether a public host belongs to the organisation (its registrable domain is one of the organisation's). */
export function isOrganizationHost(rawHost: string, org: Organization): boolean {
  return organizationEvidence(rawHost, org) !== undefined;
}

/** Why a public host belongs to the organisation, if it does. */
export function organizationEvidence(rawHost: string, org: Organization): OrganizationEvidence | undefined {
  const host = normalizeHost(rawHost);
  const domain = getDomain(host);
  if (!domain) return undefined;
  if (org.domains.has(domain)) return { name: domain, why: org.configured?.has(domain) ? 'configured' : 'mailbox' };
  const name = getDomainWithoutSuffix(host);
  if (name && org.tenantNames.has(name)) return { name, why: 'tenant' };
  // The organisation's tenant of a hosted application: `contoso.bamboohr.com`, `contoso-hr.vendor.io` (one
  // label before the vendor's domain: `contoso.com.evil.net` is not Contoso's).
  const sub = host.slice(0, host.length - domain.length).split('.').filter(Boolean);
  const orgNames = new Set([...org.tenantNames, ...[...org.domains].map(d => getDomainWithoutSuffix(d) ?? '')].filter(Boolean));
  if (sub.length === 1 && (orgNames.has(sub[0]) || orgNames.has(sub[0].split('-')[0]))) return { name: sub[0], why: 'tenant' };
  const stage = org.staged?.get(domain);
  return stage ? { name: domain, why: 'staged', detail: stage } : undefined;
}

/** The reason in words, for messages: `is the organisation's own domain contoso.com, as its mailboxes show`. */
export function describeOrganizationEvidence(e: OrganizationEvidence): string {
  switch (e.why) {
    case 'configured': return `is the organisation's own domain ${e.name} (organizationDomains in flowcop.json)`;
    case 'mailbox': return `is the organisation's own domain ${e.name}, as its mailboxes show`;
    case 'staged': return `is on ${e.name}, which this solution shows to differ per environment (${e.detail === 'an environment variable' ? 'an environment variable holds an address on it' : `another of its hosts names the ${e.detail} environment`})`;
    default: return `is the organisation's own, named after its tenant '${e.name}'`;
  }
}
