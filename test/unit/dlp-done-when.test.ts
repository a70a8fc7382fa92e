// Issue 13's DLP done-when: a v2 policy that blocks DesktopFlow.Scripting, classifies Dataverse as
// Business and DesktopFlow.Web as Non-business; a cloud flow that writes to Dataverse and runs a
// desktop flow using Web.InvokeWebService and Scripting.RunPowershellScript gets both findings at the
// actions' real positions; the same policy in the v1 and legacy shapes gives the same findings.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../../server/src/findings/finding';
import blockedConnector from '../../server/src/rules/dlp/blocked-connector';
import blockedAction from '../../server/src/rules/dlp/blocked-action';
import mixedGroups from '../../server/src/rules/dlp/mixed-groups';
import { caseTree, DONE_WHEN_POLICY, INVOKE_LINE, lintTree, policyLegacy, policyV1, policyV2, POWERSHELL_LINE, treeSolution } from '../support/dlp-fixture';

const DLP = [blockedConnector, blockedAction, mixedGroups];
const dlpFindings = (policy: string) => lintTree(caseTree(treeSolution(), policy), DLP).filter(f => f.ruleId.startsWith('dlp/'));

/** Rule, file, 1-based line and the text the finding covers, read from the real file. */
function where(f: Finding): string {
  const before = f.loc.file.text.slice(0, f.loc.span.start);
  return `${f.ruleId} ${f.severity} ${f.loc.file.path.replace(/^.*\/dlp-case\//, '')}:${before.split('\n').length} ${f.loc.file.text.slice(f.loc.span.start, f.loc.span.end)}`;
}

describe('done when: DLP over a flow tree', () => {
  const v2 = dlpFindings(policyV2(DONE_WHEN_POLICY));

  test('v2: Scripting is Blocked and Web (Non-business) mixes with Dataverse (Business), at the actions in the desktop flow file', () => {
    // The third finding is the Desktop flows connector itself (shared_uiflow): the policy does not list
    // it, so it takes the default (General = Non-business) and mixes with Dataverse too.
    assert.deepEqual(v2.map(f => f.ruleId), ['dlp/mixed-groups', 'dlp/blocked-connector', 'dlp/mixed-groups'], v2.map(where).join('\n'));
    const [mixed, blocked, connector] = v2;
    assert.match(where(connector), /^dlp\/mixed-groups warning Workflows\/Syncorders-.*\.json:\d+ "Run_desktop_flow"$/);
    assert.match(connector.message, /Action "Run_desktop_flow" in cloud flow "Sync orders" uses shared_uiflow \(Non-business\)/);
    assert.equal(blocked.severity, 'error');
    assert.equal(mixed.severity, 'warning');
    for (const f of [mixed, blocked]) assert.match(f.loc.file.path, /\/Workflows\/Fetchorders-0B5C7E1A-[-0-9A-F]+\.json\.data\.xml$/, 'in the desktop flow file');
    assert.equal(blocked.loc.file.text.slice(blocked.loc.span.start, blocked.loc.span.end), POWERSHELL_LINE.split(' ')[0]);
    assert.equal(mixed.loc.file.text.slice(mixed.loc.span.start, mixed.loc.span.end), INVOKE_LINE.split(' ')[0]);
    assert.match(blocked.message, /Scripting\.RunPowershellScript in desktop flow "Fetch orders" uses DesktopFlow\.Scripting, which data policy "Prod guardrails" classifies as Blocked/);
    assert.match(mixed.message, /Web\.InvokeWebService in desktop flow "Fetch orders" uses DesktopFlow\.Web \(HTTP\) \(Non-business\) while Action "Add_a_new_row" in cloud flow "Sync orders" uses shared_commondataserviceforapps \(Business\)/);
    // The mixing is the cloud flow's tree's (the message says so); the finding belongs to the desktop flow that
    // holds the action, so it shows, and is suppressed, at that script line.
    assert.match(mixed.message, /in the flow tree of cloud flow "Sync orders"/);
    assert.equal(mixed.logical.flow, 'Fetch orders');
  });

  for (const [shape, write] of [['v1 list', policyV1], ['legacy apiGroups', policyLegacy]] as const) {
    test(`${shape}: the same findings`, () => {
      assert.deepEqual(dlpFindings(write(DONE_WHEN_POLICY)).map(where), v2.map(where));
    });
  }

  test('without the desktop flow run, the cloud flow alone mixes nothing', () => {
    const solution = treeSolution();
    const flow = solution.cloudFlows![0].definition as { actions: Record<string, unknown> };
    delete flow.actions.Run_desktop_flow;
    const found = lintTree(caseTree(solution, policyV2(DONE_WHEN_POLICY)), DLP).filter(f => f.ruleId.startsWith('dlp/'));
    assert.deepEqual(found.map(f => f.ruleId), ['dlp/blocked-connector'], 'the desktop flow is still Blocked on its own');
  });

  test('no policy: no dlp finding', () => {
    assert.deepEqual(lintTree(caseTree(treeSolution(), undefined, {}), DLP).filter(f => f.ruleId.startsWith('dlp/')), []);
  });

  test('--policy applies to the run without flowcop.json naming it', () => {
    const files = caseTree(treeSolution(), policyV2(DONE_WHEN_POLICY), {});
    assert.deepEqual(lintTree(files, DLP, { policyArgs: ['governance/dlp.json'] }).filter(f => f.ruleId.startsWith('dlp/')).map(where), v2.map(where));
  });
});
