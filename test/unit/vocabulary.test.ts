// One vocabulary for both families (issue 11): a header that carries a credential in a desktop flow's
// Web.InvokeWebService CustomHeaders carries one in a cloud flow's HTTP action too, and a header that
// does not (an anti-forgery token, content negotiation) is a secret in neither. Each header is linted
// in both families with the same literal value, and the two plaintext-secret rules must agree.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import cloudPlaintextSecret from '../../server/src/rules/cloud/plaintext-secret';
import padPlaintextSecret from '../../server/src/rules/pad/plaintext-secret';
import type { Finding } from '../../server/src/findings/finding';
import { findingText, runCase } from '../support/rule-tester';

/** Random-looking and of no known token format: only the header's name can make it a secret. */
const VALUE = 'Qm9vN2xLr8tZ4pW6yX1cR5';

const CREDENTIAL_HEADERS = ['Authorization', 'Cookie', 'x-api-key', 'Ocp-Apim-Subscription-Key', 'X-Functions-Key', 'acme-api-key'];
const OTHER_HEADERS = ['X-CSRF-Token', 'Accept', 'Content-Type'];

function desktopFindings(header: string): Finding[] {
  const script = `Web.InvokeWebService.InvokeWebService Url: $'''https://api.contoso.com/v1/orders''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''${header}: ${VALUE}''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: False EncodeRequestBody: True UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> Headers Response=> Body StatusCode=> Status`;
  return loaded(runCase(padPlaintextSecret, { script }));
}

function cloudFindings(header: string): Finding[] {
  const action = { type: 'Http', runAfter: {}, inputs: { method: 'GET', uri: 'https://api.contoso.com/v1/orders', headers: { [header]: VALUE } } };
  return loaded(runCase(cloudPlaintextSecret, { solution: { cloudFlows: [{ name: 'Orders', definition: { actions: { Get_orders: action } } }] } }));
}

/** The rule's findings, after checking that the case itself loads cleanly. */
function loaded(run: { findings: Finding[]; all: Finding[] }): Finding[] {
  const problems = run.all.filter(f => f.ruleId === 'pad/syntax' || f.ruleId === 'flowcop/parse-error');
  assert.deepEqual(problems.map(f => f.message), [], 'the case does not load cleanly');
  return run.findings;
}

describe('the same header names are credentials in desktop and cloud flows', () => {
  for (const header of CREDENTIAL_HEADERS) {
    test(`${header}: a literal value is a plain-text secret in both families`, () => {
      for (const [family, findings] of [['desktop', desktopFindings(header)], ['cloud', cloudFindings(header)]] as const) {
        assert.deepEqual(findings.map(findingText), [VALUE], `${family} flow: the ${header} header's value should be the one finding`);
        assert.ok(findings.every(f => !f.message.includes(VALUE)), `${family} flow: the message repeats the secret`);
      }
    });
  }
  for (const header of OTHER_HEADERS) {
    test(`${header}: a literal value is a secret in neither family`, () => {
      assert.deepEqual(desktopFindings(header).map(findingText), [], 'desktop flow');
      assert.deepEqual(cloudFindings(header).map(findingText), [], 'cloud flow');
    });
  }
});
