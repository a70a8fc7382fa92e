// Facts issue 12 judges URLs by: whose domain a host is (the organisation's or a third party's), and
// API keys written into a URL's path, and placeholders written where a secret goes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isOrganizationHost, organizationEvidence, organizationOf } from '../../server/src/analysis/shared/organization';
import { keyShapedPathSegments } from '../../server/src/analysis/shared/url-keys';
import { isPlaceholderSecret } from '../../server/src/analysis/shared/values';

describe('organization evidence', () => {
  const texts = [
    "Email.SendEmail.Send SendFrom: $'''robot@contoso.co.uk''' SendTo: $'''someone@gmail.com'''",
    '"siteAddress": "https://fabrikam.sharepoint.com/sites/Ops"',
    'bot@litware.onmicrosoft.com',
  ];
  const org = organizationOf(texts, ['adatum.com']);

  test('mailbox domains, tenant names and configured domains make a host the organisation\'s', () => {
    assert.ok(isOrganizationHost('erp.contoso.co.uk', org), 'the domain of its mailboxes');
    assert.ok(isOrganizationHost('contoso.co.uk', org));
    assert.ok(isOrganizationHost('portal.fabrikam.com', org), 'the name its SharePoint tenant carries');
    assert.ok(isOrganizationHost('apps.litware.net', org), 'the name of its onmicrosoft.com domain');
    assert.ok(isOrganizationHost('intranet.adatum.com', org), 'a configured domain');
  });

  test('public mail providers and third-party sites are not the organisation\'s', () => {
    assert.ok(!isOrganizationHost('mail.gmail.com', org));
    assert.ok(!isOrganizationHost('api.exchangerate-api.com', org));
    assert.ok(!isOrganizationHost('openlibrary.org', org));
    assert.ok(!isOrganizationHost('contoso.com.evil.net', org), 'the registrable domain decides, not a substring');
    assert.ok(!isOrganizationHost('localhost', org));
  });

  test('why a host is the organisation\'s: configured, its mailboxes, its tenant at a hosted application', () => {
    assert.deepEqual(organizationEvidence('intranet.adatum.com', org), { name: 'adatum.com', why: 'configured' });
    assert.deepEqual(organizationEvidence('erp.contoso.co.uk', org), { name: 'contoso.co.uk', why: 'mailbox' });
    assert.deepEqual(organizationEvidence('contoso.bamboohr.com', org), { name: 'contoso', why: 'tenant' }, 'its tenant of a hosted application');
    assert.deepEqual(organizationEvidence('fabrikam-hr.vendor.io', org), { name: 'fabrikam-hr', why: 'tenant' });
    assert.equal(organizationEvidence('api.bamboohr.com', org), undefined);
  });

  test('a domain the solution shows to differ per environment: a staged host, an address in an environment variable', () => {
    const staged = organizationOf(['SET A TO $\'\'\'https://sandbox.partner-bureau.com/api\'\'\'', 'https://www.live.com/'], [], ['https://rates.fx-partner.net/v2']);
    assert.deepEqual(organizationEvidence('portal.partner-bureau.com', staged), { name: 'partner-bureau.com', why: 'staged', detail: "'sandbox'" });
    assert.deepEqual(organizationEvidence('api.fx-partner.net', staged), { name: 'fx-partner.net', why: 'staged', detail: 'an environment variable' });
    assert.equal(organizationEvidence('outlook.live.com', staged), undefined, 'a stage word in the domain\'s own name is not a staged host');
  });

  test('no evidence, no organisation', () => {
    const none = organizationOf(['SET A TO 1', 'https://www.gov.uk/bank-holidays.json']);
    assert.equal(none.domains.size, 0);
    assert.equal(none.tenantNames.size, 0);
    assert.ok(!isOrganizationHost('www.gov.uk', none));
  });
});

describe('API keys in URL paths', () => {
  const keyOf = (url: string) => keyShapedPathSegments(url).map(s => url.slice(s.start, s.end));

  test('a 32-hex key, a random token and a prefixed key are found', () => {
    assert.deepEqual(keyOf('https://v6.exchangerate-api.com/v6/3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e/latest/USD'), ['3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e']);
    assert.deepEqual(keyOf('https://hooks.example.net/services/T00000000/B00000000/XkZq9Wm2Lp7Rt4Vn8Ys3Hc6J?x=1'), ['XkZq9Wm2Lp7Rt4Vn8Ys3Hc6J']);
  });

  test('ids, words, hashes on code hosts and query values are not path keys', () => {
    assert.deepEqual(keyOf('https://contoso.sharepoint.com/sites/Finance/_api/web/lists(guid\'x\')/items'), []);
    assert.deepEqual(keyOf('https://graph.microsoft.com/v1.0/sites/8e1b5c3a-2f4d-4e6b-9a7c-1d3f5b7e9a2c/drive'), []);
    assert.deepEqual(keyOf('https://raw.githubusercontent.com/owner/repo/4b825dc642cb6eb9a060e54bf8d69288fbee4904/file.json'), []);
    assert.deepEqual(keyOf('https://api.example.org/reports/QuarterlyFinancialStatements/2024'), []);
    assert.deepEqual(keyOf('https://api.example.org/v1/items?key=3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e'), []);
    assert.deepEqual(keyOf('not a url'), []);
    assert.deepEqual(keyOf('https://prod-12.westeurope.logic.azure.com:443/workflows/0a1b2c3d4e5f60718293a4b5c6d7e8f9/triggers/manual/paths/invoke?sig=x'), [], 'a workflow id');
    assert.deepEqual(keyOf('https://make.powerautomate.com/environments/Default-72f988bf-86f1-41af-91ab-2d7cd011db47/flows'), [], 'an environment name built on a GUID');
  });
});

describe('placeholders written where a secret goes', () => {
  test('instructions are placeholders; secrets and passphrases are not', () => {
    for (const v of ['FILL ME OUT', '***REPLACE THIS WITH YOUR SECRET***', 'REPLACE_WITH_PROD_VALUE', '<your client secret>', 'Enter your API key here', 'your-api-key', 'TODO add key']) {
      assert.ok(isPlaceholderSecret(v), v);
    }
    for (const v of ['Zr8qLw2vN4tX9pKc', 'correct horse battery staple', 'Summer2024!', 'P@ssw0rd', 'Welcome123']) {
      assert.ok(!isPlaceholderSecret(v), v);
    }
  });
});
