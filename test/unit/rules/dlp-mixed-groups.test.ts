import { describe } from 'node:test';
import rule from '../../../server/src/rules/dlp/mixed-groups';
import {
  builtInSolution, caseTree, childFlowSolution, DATAVERSE, DESKTOP_ID, desktopModule, dlpRuleTester, EXCEL_LINE, HELPER_ID, INVOKE_LINE, nestedDesktopSolution,
  policyV2, runFlowLine, TEAMS, treeSolution, UIFLOW,
} from '../../support/dlp-fixture';
const INVOKE = INVOKE_LINE.split(' ')[0];
const SPLIT = { business: [DATAVERSE, UIFLOW, desktopModule('Excel')], nonBusiness: [desktopModule('Web')] };

describe('dlp/mixed-groups', () => {
  dlpRuleTester(rule, {
    valid: [
      { name: 'one group in the whole tree', files: caseTree(treeSolution(`${EXCEL_LINE}\n`), policyV2(SPLIT)) },
      { name: 'everything Non-business (the default)', files: caseTree(treeSolution(`${INVOKE_LINE}\n`), policyV2({})) },
      { name: 'a desktop flow nobody runs, with one group', files: caseTree(undefined, policyV2(SPLIT), undefined, `${INVOKE_LINE}\n`) },
    ],
    invalid: [
      {
        name: 'a cloud flow (Business) running a desktop flow that uses HTTP (Non-business), at the desktop action',
        files: caseTree(treeSolution(`${INVOKE_LINE}\n`), policyV2(SPLIT)),
        errors: [{ text: INVOKE, message: /in the flow tree of cloud flow "Sync orders": data policy "Prod guardrails" forbids mixing/, file: /Fetchorders-.*\.json\.data\.xml$/ }],
      },
      {
        name: 'General is Non-business and Confidential Business: swapping them still mixes, on the other side',
        files: caseTree(treeSolution(`${INVOKE_LINE}\n`), policyV2({ business: [desktopModule('Web')], nonBusiness: [DATAVERSE, UIFLOW] })),
        errors: [
          { text: '"Add_a_new_row"', message: /shared_commondataserviceforapps \(Non-business\) while Web\.InvokeWebService .* \(Business\)/ },
          { text: '"Run_desktop_flow"', message: /shared_uiflow \(Non-business\)/ },
        ],
      },
      {
        name: 'one desktop flow mixing on its own: reported once, by its script',
        files: caseTree(treeSolution(`${EXCEL_LINE}\n${INVOKE_LINE}\n`), policyV2(SPLIT)),
        errors: [{ text: INVOKE, message: /in the same desktop flow/ }],
      },
    ],
  });
});

const TREE_POLICY = { business: [DATAVERSE, UIFLOW, desktopModule('Excel'), desktopModule('Runflow')], nonBusiness: [desktopModule('Web')] };

describe('dlp/mixed-groups: desktop flows run by desktop flows', () => {
  dlpRuleTester(rule, {
    valid: [
      { name: 'the run desktop flow stays in the group', files: caseTree(nestedDesktopSolution(runFlowLine(HELPER_ID, 'Helper'), `${EXCEL_LINE}\n`), policyV2(TREE_POLICY)) },
      { name: 'a desktop flow outside the solution is not known', files: caseTree(nestedDesktopSolution(runFlowLine('99999999-0000-4000-8000-000000000000', 'Elsewhere'), `${INVOKE_LINE}\n`), policyV2(TREE_POLICY)) },
      { name: 'a disabled RunFlow does not run', files: caseTree(nestedDesktopSolution(`DISABLE External.RunFlow FlowId: '${HELPER_ID}'\n${EXCEL_LINE}\n`, `${INVOKE_LINE}\n`), policyV2(TREE_POLICY)) },
      { name: 'a cycle of desktop flows in one group ends', files: caseTree(nestedDesktopSolution(runFlowLine(HELPER_ID, 'Helper'), `${runFlowLine(DESKTOP_ID, 'Fetch orders')}\n${EXCEL_LINE}\n`), policyV2(TREE_POLICY)) },
    ],
    invalid: [
      {
        name: 'by FlowId: reported once, by the desktop flow that runs it, at the action in the run flow',
        files: caseTree(nestedDesktopSolution(`${EXCEL_LINE}\n${runFlowLine(HELPER_ID, 'Helper')}\n`, `${INVOKE_LINE}\n`), policyV2(TREE_POLICY)),
        errors: [{ text: INVOKE, message: /Web\.InvokeWebService in desktop flow "Helper" uses DesktopFlow\.Web \(HTTP\) \(Non-business\) while Excel\.LaunchExcel in desktop flow "Fetch orders" uses DesktopFlow\.Excel \(Business\) in the flow tree of desktop flow "Fetch orders"/, file: /Helper-6A1F3C2E-.*\.json\.data\.xml$/ }],
      },
      {
        // Run flow (unlisted: Non-business) and HTTP mix with nothing inside the desktop flows: the cloud flow's tree reports both.
        name: 'by @@flowname when the FlowId is a template placeholder; the cloud flow mixes through it',
        files: caseTree(nestedDesktopSolution(`${runFlowLine('{ReplaceWithHelperFlowId}', 'helper')}\n`, `${INVOKE_LINE}\n`), policyV2({ business: [DATAVERSE, UIFLOW], nonBusiness: [desktopModule('Web')] })),
        errors: [
          { text: 'External.RunFlow', message: /External\.RunFlow in desktop flow "Fetch orders" uses DesktopFlow\.Runflow \(Non-business\) .* in the flow tree of cloud flow "Sync orders"/ },
          { text: INVOKE, message: /in desktop flow "Helper" .* while Action "Add_a_new_row" in cloud flow "Sync orders" .* in the flow tree of cloud flow "Sync orders"/ },
        ],
      },
      {
        name: 'a desktop flow run by two callers that each mix with it: once, by the smaller id, naming the other tree',
        files: caseTree(treeSolution(`${EXCEL_LINE}\n${runFlowLine(HELPER_ID, 'Helper')}\n`, {
          desktopFlows: [
            { name: 'Fetch orders', id: DESKTOP_ID, script: `${EXCEL_LINE}\n${runFlowLine(HELPER_ID, 'Helper')}\n` },
            { name: 'Fetch invoices', id: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b', script: `${EXCEL_LINE}\n${runFlowLine(HELPER_ID, 'Helper')}\n` },
            { name: 'Helper', id: HELPER_ID, script: `${INVOKE_LINE}\n` },
          ],
        }), policyV2(TREE_POLICY)),
        errors: [{ text: INVOKE, message: /in the flow tree of desktop flow "Fetch orders" \(and in the flow tree of "Fetch invoices"\): / }],
      },
      {
        name: 'a cycle that mixes is reported once',
        files: caseTree(nestedDesktopSolution(`${runFlowLine(HELPER_ID, 'Helper')}\n${EXCEL_LINE}\n`, `${runFlowLine(DESKTOP_ID, 'Fetch orders')}\n${INVOKE_LINE}\n`), policyV2(TREE_POLICY)),
        errors: [{ text: INVOKE }],
      },
    ],
  });
});

describe('dlp/mixed-groups: child cloud flows are reported once', () => {
  const policy = policyV2({ business: [DATAVERSE], nonBusiness: [TEAMS] });
  dlpRuleTester(rule, {
    valid: [{ name: 'parent and child in one group', files: caseTree(childFlowSolution(false), policyV2({ business: [DATAVERSE, TEAMS] })) }],
    invalid: [
      {
        name: 'a child that mixes on its own: by the child only, not again by the parent',
        files: caseTree(childFlowSolution(true), policy),
        errors: [{ text: '"Post_message"', message: /in the flow tree of cloud flow "Child"/ }],
      },
      {
        name: 'a child that mixes only with its parent: by the parent, at the child\'s action',
        files: caseTree(childFlowSolution(false), policy),
        errors: [{ text: '"Post_message"', message: /Action "Post_message" in cloud flow "Child" .* while Action "Add_a_row" in cloud flow "Parent" .* in the flow tree of cloud flow "Parent"/ }],
      },
    ],
  });
});

describe('dlp/mixed-groups: built-in actions as virtual connectors', () => {
  const http = { Call_api: { type: 'Http', runAfter: { Add_a_row: ['Succeeded'] }, inputs: { method: 'GET', uri: 'https://api.contoso.com/orders' } } };
  dlpRuleTester(rule, {
    valid: [
      { name: 'HTTP listed as Business with Dataverse', files: caseTree(builtInSolution(http), policyV2({ business: [DATAVERSE, '/providers/Microsoft.PowerApps/apis/Http'] })) },
      { name: 'the shared_ spelling of the virtual id is read too', files: caseTree(builtInSolution(http), policyV2({ business: [DATAVERSE, 'providers/Microsoft.PowerApps/apis/shared_http'] })) },
      { name: 'a manual trigger is not the HTTP request trigger', files: caseTree(builtInSolution({}), policyV2({ business: [DATAVERSE] })) },
    ],
    invalid: [
      {
        name: 'an HTTP action (unlisted: Non-business) with Dataverse (Business)',
        files: caseTree(builtInSolution(http), policyV2({ business: [DATAVERSE] })),
        errors: [{ text: '"Call_api"', message: /Action "Call_api" in cloud flow "Notify" uses HTTP \(built-in\) \(Non-business\) while Action "Add_a_row"/ }],
      },
      {
        name: 'a "When a HTTP request is received" trigger classified Non-business',
        files: caseTree(builtInSolution({}, { manual: { type: 'Request', kind: 'Http', inputs: { schema: {} } } }), policyV2({ business: [DATAVERSE], nonBusiness: ['/providers/Microsoft.PowerApps/apis/HttpRequestReceived'] })),
        errors: [{ text: '"manual"', message: /Trigger "manual" in cloud flow "Notify" uses When a HTTP request is received \(built-in\) \(Non-business\)/ }],
      },
    ],
  });
});
