import { describe } from 'node:test';
import rule from '../../../server/src/rules/dlp/blocked-connector';
import { builtInSolution, caseTree, DATAVERSE, desktopModule, dlpRuleTester, nestedDesktopSolution, policyLegacy, policyV2, POWERSHELL_LINE, runFlowLine, HELPER_ID, treeSolution } from '../../support/dlp-fixture';

const blockScripting = policyV2({ blocked: [desktopModule('Scripting')] });
const scriptOnly = (script: string, policy: string, config?: Record<string, unknown>) => caseTree(undefined, policy, config, script);
const POWERSHELL = POWERSHELL_LINE.split(' ')[0];

describe('dlp/blocked-connector', () => {
  dlpRuleTester(rule, {
    valid: [
      { name: 'nothing blocked', files: scriptOnly(`${POWERSHELL_LINE}\n`, policyV2({ nonBusiness: [desktopModule('Scripting')] })) },
      { name: 'a disabled action does not run', files: scriptOnly(`DISABLE ${POWERSHELL_LINE}\n`, blockScripting) },
      { name: 'ungoverned modules (Variables) under a Blocked default', files: scriptOnly('Variables.CreateNewList List=> List\n', policyV2({ defaultClassification: 'Blocked' })) },
      { name: 'a policy for Prod, run for Test', environment: 'Test', files: scriptOnly(`${POWERSHELL_LINE}\n`, blockScripting, { policies: [{ file: 'governance/dlp.json', environments: ['Prod'] }] }) },
      { name: 'no policy file in the run', files: caseTree(treeSolution(), undefined, {}) },
    ],
    invalid: [
      {
        name: 'a script using a Blocked desktop module',
        files: scriptOnly(`SET x TO 1\n${POWERSHELL_LINE}\n`, blockScripting),
        errors: [{ text: POWERSHELL, message: /DesktopFlow\.Scripting, which data policy "Prod guardrails" classifies as Blocked in its Blocked group/ }],
      },
      {
        name: 'the policy for Prod, run for Prod',
        environment: 'Prod',
        files: scriptOnly(`${POWERSHELL_LINE}\n`, blockScripting, { policies: [{ file: 'governance/dlp.json', environments: ['Prod'] }] }),
        errors: [{ text: POWERSHELL }],
      },
      {
        name: 'a cloud connector Blocked in the legacy shape, at the action',
        files: caseTree(treeSolution(''), policyLegacy({ blocked: [DATAVERSE], nonBusiness: ['/providers/Microsoft.PowerApps/apis/shared_uiflow'] })),
        errors: [{ text: '"Add_a_new_row"', message: /Action "Add_a_new_row" in cloud flow "Sync orders" uses shared_commondataserviceforapps/, file: /Syncorders-.*\.json$/ }],
      },
      {
        name: 'unlisted ids under a Blocked default: every governed use',
        files: caseTree(treeSolution(''), policyV2({ defaultClassification: 'Blocked', business: [DATAVERSE] })),
        errors: [{ text: '"Run_desktop_flow"', message: /shared_uiflow, which .* classifies as Blocked by its default classification/ }],
      },
    ],
  });
});

describe('dlp/blocked-connector: virtual connectors and desktop flows run by desktop flows', () => {
  const http = { Call_api: { type: 'Http', inputs: { method: 'GET', uri: 'https://api.contoso.com/orders' } } };
  const webhook = { Wait_for_callback: { type: 'HttpWebhook', inputs: { subscribe: { method: 'POST', uri: 'https://hooks.contoso.com/subscribe' }, unsubscribe: {} } } };
  dlpRuleTester(rule, {
    valid: [
      { name: 'HTTP not blocked', files: caseTree(builtInSolution(http), policyV2({ blocked: ['/providers/Microsoft.PowerApps/apis/shared_sql'] })) },
      { name: 'control actions (Compose) are no connector', files: caseTree(builtInSolution({ Compose: { type: 'Compose', inputs: 'x' } }), policyV2({ defaultClassification: 'Blocked', business: [DATAVERSE] })) },
    ],
    invalid: [
      {
        name: 'the built-in HTTP action under a Blocked virtual connector',
        files: caseTree(builtInSolution(http), policyV2({ blocked: ['/providers/Microsoft.PowerApps/apis/Http'] })),
        errors: [{ text: '"Call_api"', message: /Action "Call_api" in cloud flow "Notify" uses HTTP \(built-in\), which data policy "Prod guardrails" classifies as Blocked in its Blocked group/ }],
      },
      {
        name: 'HTTP Webhook and the HTTP request trigger, unlisted under a Blocked default',
        files: caseTree(builtInSolution(webhook, { When_a_request: { type: 'Request', kind: 'Http', inputs: { schema: {} } } }), policyV2({ defaultClassification: 'Blocked', business: [DATAVERSE] })),
        errors: [
          { text: '"When_a_request"', message: /When a HTTP request is received \(built-in\), which .* by its default classification/ },
          { text: '"Wait_for_callback"', message: /HTTP Webhook \(built-in\)/ },
        ],
      },
      {
        name: 'a Blocked module in a desktop flow run by another: reported once, in the flow that uses it',
        files: caseTree(nestedDesktopSolution(`${runFlowLine(HELPER_ID, 'Helper')}\n`, `${POWERSHELL_LINE}\n`), blockScripting),
        errors: [{ text: POWERSHELL, file: /Helper-6A1F3C2E-.*\.json\.data\.xml$/ }],
      },
    ],
  });
});
