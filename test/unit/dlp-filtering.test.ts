// The fact behind the move fixes' endpoint-filtering warning (issue 13, item 1): which policy filters
// the endpoints of the connector or desktop group a moved literal is used by, and what its catch-all
// `*` rule does — under `Allow *` a value read from a variable dodges the allow-list, under `Deny *`
// it is blocked at run time.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { endpointFilteringFor, endpointFilteringWarning, ValuePlace } from '../../server/src/analysis/dlp/filtering';
import { parsePolicyFile } from '../../server/src/load/dlp';
import type { DataPolicy } from '../../server/src/model/dlp';
import type { Script } from '../../server/src/model/types';
import { createSourceFile } from '../../server/src/util/text';
import { builtInSolution, caseTree, DATAVERSE, desktopModule, endpointPolicy, loadCase, SQL } from '../support/dlp-fixture';

const policy = (text: string): DataPolicy => parsePolicyFile(createSourceFile('/p/dlp.json', text)).policies[0];
const HTTP_ID = '/providers/Microsoft.PowerApps/apis/Http';
const allowList = (id: string) => policy(endpointPolicy(id, [['https://*.contoso.com*', 'Allow'], ['*', 'Deny']]));
const denyList = (id: string) => policy(endpointPolicy(id, [['https://*.example.net*', 'Deny'], ['*', 'Allow']]));

/** The cloud flow "Notify" of builtInSolution with these actions, and a place in one of them. */
function cloudPlace(actions: Record<string, unknown>, actionName: string): ValuePlace {
  const flow = loadCase(caseTree(builtInSolution(actions), undefined, {})).solutions[0].cloudFlows[0];
  return { action: flow.actions.find(a => a.name === actionName)!, flow };
}

/** A standalone script and the place of the first occurrence of `literal` in it. */
function scriptPlace(text: string, literal: string): ValuePlace {
  const script: Script = loadCase({ 'test.robin': text, 'flowcop.json': '{}' }).scripts[0].script;
  const start = script.text.indexOf(literal);
  assert.ok(start >= 0, literal);
  return { script, span: { start, end: start + literal.length } };
}

const http = (uri: string) => ({ Call_api: { type: 'Http', inputs: { method: 'GET', uri } } });
const LAUNCH = "WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://portal.contoso.com/''' WindowState: WebAutomation.BrowserWindowState.Normal ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser\n";

describe('endpointFilteringFor', () => {
  test('cloud HTTP action under an allow-list (Deny *) and under a deny-list (Allow *)', () => {
    const place = cloudPlace(http('https://api.contoso.com/orders'), 'Call_api');
    const strict = endpointFilteringFor([allowList(HTTP_ID)], place);
    assert.equal(strict?.defaultAction, 'Deny');
    assert.equal(strict?.connector, 'HTTP (built-in)');
    assert.equal(endpointFilteringFor([denyList(HTTP_ID)], place)?.defaultAction, 'Allow');
  });

  test('no rules for the connector, or no policy: no filtering', () => {
    const place = cloudPlace(http('https://api.contoso.com/orders'), 'Call_api');
    assert.equal(endpointFilteringFor([allowList(SQL)], place), undefined);
    assert.equal(endpointFilteringFor([], place), undefined);
    assert.equal(endpointFilteringFor([allowList(HTTP_ID)], cloudPlace({}, 'Add_a_row')), undefined, 'Dataverse has no endpoint rules here');
    assert.equal(endpointFilteringFor([allowList(DATAVERSE)], cloudPlace({}, 'Add_a_row'))?.connector, 'shared_commondataserviceforapps');
  });

  test('rules without a catch-all: the platform allows the rest', () => {
    const onlyDeny = policy(endpointPolicy(HTTP_ID, [['https://*.example.net*', 'Deny']]));
    assert.equal(endpointFilteringFor([onlyDeny], cloudPlace(http('https://a.contoso.com'), 'Call_api'))?.defaultAction, 'Allow');
  });

  test('the first policy with rules for the place answers', () => {
    const place = cloudPlace(http('https://a.contoso.com'), 'Call_api');
    const found = endpointFilteringFor([allowList(SQL), denyList(HTTP_ID), allowList(HTTP_ID)], place);
    assert.equal(found?.defaultAction, 'Allow');
  });

  test('desktop: a literal argument of a browser action', () => {
    const place = scriptPlace(LAUNCH, 'https://portal.contoso.com/');
    const found = endpointFilteringFor([allowList(desktopModule('WebAutomation'))], place);
    assert.equal(found?.defaultAction, 'Deny');
    assert.equal(found?.connector, 'DesktopFlow.WebAutomation (Browser automation)');
  });

  test('desktop: a SET literal is governed by the actions that read its variable', () => {
    const text = `SET Site TO $'''https://orders.contoso.com/'''\nFile.ReadTextFromFile.ReadText File: $'''C:\\\\a.txt''' Encoding: File.TextFileEncoding.UTF8 Content=> Content\nWeb.InvokeWebService.InvokeWebService Url: Site Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> Headers Response=> Response StatusCode=> StatusCode\n`;
    const place = scriptPlace(text, 'https://orders.contoso.com/');
    assert.equal(endpointFilteringFor([denyList(desktopModule('Web'))], place)?.connector, 'DesktopFlow.Web (HTTP)');
    assert.equal(endpointFilteringFor([denyList(desktopModule('File'))], place), undefined, 'the File action does not read Site');
  });

  test('desktop: a literal of an action without endpoint rules', () => {
    const place = scriptPlace("File.ReadTextFromFile.ReadText File: $'''C:\\\\orders.txt''' Encoding: File.TextFileEncoding.UTF8 Content=> Content\n", 'orders.txt');
    assert.equal(endpointFilteringFor([allowList(desktopModule('WebAutomation'))], place), undefined);
  });
});

describe('endpointFilteringWarning', () => {
  const place = cloudPlace(http('https://api.contoso.com/orders'), 'Call_api');
  test('Deny *: a value read from a variable is blocked at run time', () => {
    const text = endpointFilteringWarning(endpointFilteringFor([allowList(HTTP_ID)], place)!);
    assert.match(text, /data policy "Prod guardrails" filters the endpoints of HTTP \(built-in\) and denies the rest \(Deny \*\)/);
    assert.match(text, /blocks it at run time/);
  });
  test('Allow *: a value read from a variable dodges the rules', () => {
    const text = endpointFilteringWarning(endpointFilteringFor([denyList(HTTP_ID)], place)!);
    assert.match(text, /allows the rest \(Allow \*\): a value read from a variable is not checked against its endpoint rules/);
  });
});
