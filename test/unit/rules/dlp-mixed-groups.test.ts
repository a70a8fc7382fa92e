import { describe } from 'node:test';
import rule from '../../../server/src/rules/dlp/mixed-groups';
import { caseTree, DATAVERSE, desktopModule, dlpRuleTester, INVOKE_LINE, policyV2, treeSolution, UIFLOW } from '../../support/dlp-fixture';

const EXCEL_LINE = 'Excel.LaunchExcel.LaunchUnderExistingProcess Visible: True Instance=> ExcelInstance';
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
