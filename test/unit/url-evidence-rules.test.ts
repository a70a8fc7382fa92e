// Issue 12, items 1 and 2, in both families: a URL is environment-specific only with evidence of an
// environment or of the organisation (a public API is not; `publicHosts` brings it back at info), links in
// message texts are not places, and an API key written into a URL's path is a credential whose finding
// spans the key alone and whose messages (the URL rules' too) never show it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import type { Finding } from '../../server/src/findings/finding';
import { MemoryVfs } from '../../server/src/load/vfs';
import { caseFiles, findingText, runCase } from '../support/rule-tester';
import type { RuleCase } from '../support/rule-tester';
import padUrl from '../../server/src/rules/pad/environment-specific-url';
import cloudValue from '../../server/src/rules/cloud/environment-specific-value';
import { RULES } from '../../server/src/rules/registry';
import type { Rule } from '../../server/src/rules/rule';

const WEB = `Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' ResponseHeaders=> Headers Response=> Body StatusCode=> Status`;
const invoke = (url: string) => `Web.InvokeWebService.InvokeWebService Url: $'''${url}''' ${WEB}`;
const KEY = '3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e';

function cloud(actions: Record<string, unknown>, more: Partial<RuleCase> = {}): RuleCase {
  return { solution: { cloudFlows: [{ name: 'Rates', definition: { actions } }] }, ...more };
}
const http = (uri: string) => ({ type: 'Http', runAfter: {}, inputs: { method: 'GET', uri } });
const mail = (to: string, body: string) => ({
  type: 'OpenApiConnection', runAfter: {},
  inputs: { host: { apiId: '/providers/Microsoft.PowerApps/apis/shared_office365', connectionName: 'shared_office365', operationId: 'SendEmailV2' }, parameters: { 'emailMessage/To': to, 'emailMessage/Subject': 'Rates', 'emailMessage/Body': body } },
});

/** Runs a case with extra top-level flowcop.json settings (organizationDomains). */
function runWithConfig(rule: Rule, c: RuleCase, config: Record<string, unknown>): Finding[] {
  const files = caseFiles(rule, c);
  const existing = typeof files['flowcop.json'] === 'string' ? JSON.parse(files['flowcop.json'] as string) : {};
  files['flowcop.json'] = JSON.stringify({ ...existing, ...config });
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, v]) => [`/fixture/${p}`, v])));
  return analyze(['/fixture'], { vfs, rules: [rule, ...RULES.filter(r => r.meta.id !== rule.meta.id)] }).findings;
}

const of = (findings: readonly Finding[], id: string) => findings.filter(f => f.ruleId === id);

describe('desktop flows: environment-specific means evidence', () => {
  test('a public API with no marker and no organisation evidence: no finding', () => {
    const { findings } = runCase(padUrl, { script: `${invoke('https://date.nager.at/api/v3/PublicHolidays/2025/GB')}\n${invoke('https://openlibrary.org/search.json?q=rpa')}` });
    assert.deepEqual(findings.map(findingText), []);
  });

  test('with publicHosts on, the same address is an info finding', () => {
    const { findings } = runCase(padUrl, { options: { publicHosts: true }, script: invoke('https://date.nager.at/api/v3/PublicHolidays/2025/GB') });
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'info');
    assert.match(findings[0].message, /external address/);
  });

  test('the organisation\'s domain, shown by a mailbox in the script: a warning that says so', () => {
    const script = `${invoke('https://erp.contoso.com/api/orders')}\nEmail.SendEmail.Send SmtpServer: $'''smtp.office365.com''' Port: 587 EnableSSL: True SendFrom: $'''rpa@contoso.com''' SendTo: $'''ap@contoso.com''' Subject: $'''Done''' Body: $'''Done''' IsBodyHtml: False`;
    const { findings } = runCase(padUrl, { script });
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'warning');
    assert.match(findings[0].message, /organisation's own domain contoso\.com, as its mailboxes show/);
  });

  test('a configured organizationDomains entry makes its hosts environment-specific', () => {
    const c: RuleCase = { script: invoke('https://erp.adatum.com/api/orders') };
    assert.equal(runCase(padUrl, c).findings.length, 0, 'no evidence without the setting');
    const findings = of(runWithConfig(padUrl, c, { organizationDomains: ['adatum.com'] }), padUrl.meta.id);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /organizationDomains in flowcop\.json/);
  });

  test('a URL only quoted in a log message or a dialog is text, not a place', () => {
    const script = `SET ServiceDeskUrl TO $'''https://fabrikam.service-now.com/nav_to.do?uri=incident.do'''
Logging.LogMessage Message: $'''Raise a ticket at %ServiceDeskUrl%''' LogLevel: Logging.LogLevel.Warning
Display.ShowMessageDialog.ShowMessage Title: $'''Help''' Message: ServiceDeskUrl Icon: Display.Icon.None Buttons: Display.Buttons.OK DefaultButton: Display.DefaultButton.Button1 IsTopMost: False ButtonPressed=> Pressed`;
    assert.deepEqual(runCase(padUrl, { script }).findings.map(findingText), []);
    // The same variable opened by the flow is a place again.
    const opened = `${script}\nWebAutomation.LaunchEdge.LaunchEdge Url: ServiceDeskUrl WindowState: WebAutomation.BrowserWindowState.Normal ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser`;
    assert.equal(runCase(padUrl, { script: opened }).findings.length, 1);
  });

  test('a key in the URL path is a credential spanning the key only; no message shows it', () => {
    const { all } = runCase(padUrl, { options: { publicHosts: true }, script: invoke(`https://v6.exchangerate-api.com/v6/${KEY}/latest/USD`) });
    const secrets = of(all, 'pad/plaintext-secret');
    assert.equal(secrets.length, 1);
    assert.equal(findingText(secrets[0]), KEY);
    const urls = of(all, padUrl.meta.id);
    assert.equal(urls.length, 1, 'the address before the key is still reported (publicHosts on)');
    assert.equal(findingText(urls[0]), 'https://v6.exchangerate-api.com/v6');
    for (const f of all) assert.ok(!f.message.includes(KEY), `${f.ruleId} shows the key`);
  });
});

describe('cloud flows: environment-specific means evidence', () => {
  test('a public API with no evidence: no finding; with publicHosts an info finding', () => {
    const c = cloud({ Get_holidays: http('https://date.nager.at/api/v3/PublicHolidays/2025/GB') });
    assert.equal(runCase(cloudValue, c).findings.length, 0);
    const on = runCase(cloudValue, { ...c, options: { publicHosts: true } }).findings;
    assert.equal(on.length, 1);
    assert.equal(on[0].severity, 'info');
  });

  test('the organisation\'s domain, shown by a mailbox in the solution: a warning', () => {
    const { findings } = runCase(cloudValue, cloud({ Get_orders: http('https://erp.contoso.com/api/orders'), Notify: mail('ap@contoso.com', 'Orders read') }));
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'warning');
    assert.match(findings[0].message, /organisation's own domain contoso\.com, as its mailboxes show/);
  });

  test('a configured organizationDomains entry: a warning', () => {
    const findings = of(runWithConfig(cloudValue, cloud({ Get_orders: http('https://erp.adatum.com/api/orders') }), { organizationDomains: ['adatum.com'] }), cloudValue.meta.id);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /organizationDomains in flowcop\.json/);
  });

  test('a tenant link inside an e-mail body: no finding', () => {
    const { findings } = runCase(cloudValue, cloud({ Notify: mail('ap@contoso.com', '<p>See https://contoso.sharepoint.com/sites/Finance/Lists/ExpenseClaims</p>') }));
    assert.deepEqual(findings.map(findingText), []);
  });

  test('a key in the URI path is a credential spanning the key only; no message shows it', () => {
    const { all } = runCase(cloudValue, cloud({ Get_rates: http(`https://v6.exchangerate-api.com/v6/${KEY}/latest/USD`) }, { options: { publicHosts: true } }));
    const secrets = of(all, 'cloud/plaintext-secret');
    assert.equal(secrets.length, 1);
    assert.equal(findingText(secrets[0]), KEY);
    for (const f of all) assert.ok(!f.message.includes(KEY), `${f.ruleId} shows the key`);
    const urls = of(all, cloudValue.meta.id);
    assert.equal(urls.length, 1);
    assert.equal(findingText(urls[0]), 'https://v6.exchangerate-api.com/v6');
  });
});
