// The "move to an environment variable" fixes warn when a data policy filters the endpoints of the
// place they move (issue 13, item 1): under `Deny *` a value read from a variable is blocked at run
// time, under `Allow *` it dodges the endpoint rules. Without endpoint filtering, no warning.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadWorkspace } from '../../server/src/findings/analyze';
import { lintWorkspace } from '../../server/src/findings/lint';
import { fixesFor } from '../../server/src/fix/fixes';
import { MemoryVfs } from '../../server/src/load/vfs';
import { RULES } from '../../server/src/rules/registry';
import { caseTree, desktopModule, endpointPolicy, ROOT, treeSolution } from '../support/dlp-fixture';

const URL_LINE = "WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://erp-dev.contoso.com/invoices/new''' WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser\n";

/** The description of the preferred fix of the URL finding in the desktop flow, linted with `policy`. */
function moveDescription(policy: string | undefined): string {
  const files = caseTree(treeSolution(URL_LINE), policy, policy ? undefined : {});
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, v]) => [`${ROOT}/${p}`, v])));
  const { workspace, configs } = loadWorkspace([ROOT], { vfs });
  const findings = lintWorkspace(workspace, { rules: [...RULES], configs });
  const url = findings.find(f => f.ruleId === 'pad/environment-specific-url');
  assert.ok(url, findings.map(f => f.ruleId).join(', '));
  const fix = fixesFor(url, { workspace, findings }).find(f => f.preferred);
  assert.ok(fix?.description);
  return fix.description;
}

const browser = desktopModule('WebAutomation');

describe('move fixes warn about endpoint filtering', () => {
  test('Deny *: the value read from a variable is blocked at run time', () => {
    assert.match(moveDescription(endpointPolicy(browser, [['https://*.contoso.com*', 'Allow'], ['*', 'Deny']])), /Warning: data policy "Prod guardrails" filters the endpoints of DesktopFlow\.WebAutomation \(Browser automation\) and denies the rest \(Deny \*\).*blocks it at run time/);
  });
  test('Allow *: the value read from a variable dodges the rules', () => {
    assert.match(moveDescription(endpointPolicy(browser, [['https://*.example.net*', 'Deny'], ['*', 'Allow']])), /and allows the rest \(Allow \*\): a value read from a variable is not checked against its endpoint rules/);
  });
  test('no endpoint rules for the place, or no policy: no warning', () => {
    assert.doesNotMatch(moveDescription(endpointPolicy(desktopModule('Web'), [['*', 'Deny']])), /Warning: data policy/);
    assert.doesNotMatch(moveDescription(undefined), /Warning: data policy/);
  });
});
