import { describe } from 'node:test';
import rule from '../../../server/src/rules/dlp/blocked-action';
import { caseTree, DATAVERSE, desktopModule, dlpRuleTester, policyV2, POWERSHELL_LINE, treeSolution } from '../../support/dlp-fixture';

const blockCreate = (behavior: 'Allow' | 'Block', defaultBehavior: 'Allow' | 'Block' = 'Allow') =>
  policyV2({ business: [DATAVERSE], actionRules: [{ connectorId: DATAVERSE, defaultBehavior, rules: [{ actionId: 'CreateRecord', behavior }] }] });

describe('dlp/blocked-action', () => {
  dlpRuleTester(rule, {
    valid: [
      { name: 'the operation is allowed', files: caseTree(treeSolution(''), blockCreate('Allow')) },
      { name: 'an Allow rule under a Block default', files: caseTree(treeSolution(''), blockCreate('Allow', 'Block')) },
      {
        name: 'a Blocked connector is dlp/blocked-connector\'s finding',
        files: caseTree(treeSolution(''), policyV2({ blocked: [DATAVERSE], actionRules: [{ connectorId: DATAVERSE, rules: [{ actionId: 'CreateRecord', behavior: 'Block' }] }] })),
      },
    ],
    invalid: [
      {
        name: 'a Block rule for the operation id, matched case-insensitively',
        files: caseTree(treeSolution(''), policyV2({ actionRules: [{ connectorId: DATAVERSE.slice(1), rules: [{ actionId: 'createrecord', behavior: 'Block' }] }] })),
        errors: [{ text: '"Add_a_new_row"', message: /runs operation "CreateRecord" of shared_commondataserviceforapps, which the action rules of data policy "Prod guardrails" block/ }],
      },
      {
        name: 'a Block default without an Allow rule',
        files: caseTree(treeSolution(''), policyV2({ actionRules: [{ connectorId: DATAVERSE, defaultBehavior: 'Block', rules: [{ actionId: 'DeleteRecord', behavior: 'Allow' }] }] })),
        errors: [{ text: '"Add_a_new_row"' }],
      },
      {
        name: 'a desktop action, with the caveat about unverified ids',
        files: caseTree(undefined, policyV2({ actionRules: [{ connectorId: desktopModule('Scripting'), rules: [{ actionId: 'RunPowershellScript', behavior: 'Block' }] }] }), undefined, `${POWERSHELL_LINE}\n`),
        errors: [{ text: POWERSHELL_LINE.split(' ')[0], message: /verify with your export/ }],
      },
    ],
  });
});
