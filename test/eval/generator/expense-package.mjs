// A legacy flow package ("Export › Package (.zip)") a finance key user shared with the team and that
// was committed as downloaded: manifest.json (one line, as exported), Microsoft.Flow/flows/manifest.json,
// and Microsoft.Flow/flows/<id>/{definition.json, apisMap.json, connectionsMap.json}. The team
// pretty-printed definition.json before committing, as it does for every flow JSON in this repository.
import { guid, hex32, SCHEMA_URL } from './lib.mjs';

const ZIP = 'flow-packages/ExpenseApprovalReminder_20250311.zip';
const FLOW_ID = guid('ExpensePackage/flow');
const FLOW_NAME = guid('ExpensePackage/flow-name');
const RES = {
  sharepoint: guid('ExpensePackage/api-sp'), spConn: guid('ExpensePackage/conn-sp'),
  outlook: guid('ExpensePackage/api-o365'), outlookConn: guid('ExpensePackage/conn-o365'),
};

function manifest() {
  const api = (id, name, display) => ({ id: `/providers/Microsoft.PowerApps/apis/${name}`, name, type: 'Microsoft.PowerApps/apis', suggestedCreationType: 'Existing', details: { displayName: display, iconUri: `https://connectoricons-prod.azureedge.net/releases/v1.0.1712/1.0.1712.3896/${name.slice(7)}/icon.png` }, configurableBy: 'System', hierarchy: 'Child', dependsOn: [] });
  const conn = (apiId, display) => ({ type: 'Microsoft.PowerApps/apis/connections', suggestedCreationType: 'Existing', creationType: 'Existing', details: { displayName: display, iconUri: 'https://connectoricons-prod.azureedge.net/sharepointonline/icon_1.0.1278.1753.png' }, configurableBy: 'User', hierarchy: 'Child', dependsOn: [apiId] });
  return JSON.stringify({
    schema: '1.0',
    details: { displayName: 'Expense Approval Reminder', description: 'Reminds approvers every Monday of expense claims pending for more than five days.', createdTime: '2025-03-11T08:42:17.3310412Z', packageTelemetryId: guid('ExpensePackage/telemetry'), creator: 'N/A', sourceEnvironment: '' },
    resources: {
      [FLOW_ID]: { type: 'Microsoft.Flow/flows', suggestedCreationType: 'New', creationType: 'Existing, New, Update', details: { displayName: 'Expense - Weekly Approval Reminder' }, configurableBy: 'User', hierarchy: 'Root', dependsOn: [RES.sharepoint, RES.spConn, RES.outlook, RES.outlookConn] },
      [RES.sharepoint]: api(RES.sharepoint, 'shared_sharepointonline', 'SharePoint'),
      [RES.spConn]: conn(RES.sharepoint, 'svc-expenses@contoso.com'),
      [RES.outlook]: api(RES.outlook, 'shared_office365', 'Office 365 Outlook'),
      [RES.outlookConn]: conn(RES.outlook, 'svc-expenses@contoso.com'),
    },
  }) + '⟦-env: connector icon URLs on Microsoft\'s public CDN in the package manifest⟧';
}

function definition() {
  const sp = (operationId, parameters, extra) => ({
    ...extra,
    type: 'OpenApiConnection',
    inputs: { host: { apiId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline', connectionName: 'shared_sharepointonline', operationId }, parameters, authentication: "@parameters('$authentication')" },
  });
  return JSON.stringify({
    name: FLOW_NAME,
    id: `/providers/Microsoft.Flow/flows/${FLOW_NAME}`,
    type: 'Microsoft.Flow/flows',
    properties: {
      apiId: '/providers/Microsoft.PowerApps/apis/shared_logicflows',
      displayName: 'Expense - Weekly Approval Reminder',
      definition: {
        metadata: {
          workflowEntityId: null,
          processAdvisorMetadata: null,
          flowclientsuspensionreason: 'None',
          flowclientsuspensiontime: null,
          creator: { id: guid('ExpensePackage/creator'), type: 'User', tenantId: guid('contoso-tenant') },
          provisioningMethod: 'FromDefinition',
          failureAlertSubscription: true,
          clientLastModifiedTime: '2025-03-10T16:05:44.1029913Z',
        },
        $schema: `${SCHEMA_URL}⟦-env cloud/environment-specific-value: the workflow-definition schema URL⟧`,
        contentVersion: '1.0.0.0',
        parameters: { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' } },
        triggers: { Recurrence: { recurrence: { frequency: 'Week', interval: 1, schedule: { weekDays: ['Monday'], hours: ['7'] }, timeZone: 'W. Europe Standard Time' }, type: 'Recurrence' } },
        actions: {
          Get_UK_bank_holidays: {
            runAfter: {},
            type: 'Http',
            inputs: { method: 'GET', uri: 'https://www.gov.uk/bank-holidays.json⟦-env cloud/environment-specific-value: a public third-party endpoint, the same for everyone⟧' },
          },
          Get_pending_claims: sp('GetItems', {
            dataset: 'https://contoso.sharepoint.com/sites/Finance⟦+env cloud/environment-specific-value: the tenant SharePoint site of Finance⟧',
            table: '6f1c2d8e-4b7a-4e19-9a3d-2c5b8e7f0a41⟦+env cloud/environment-specific-value: the id of the Expense Claims list in that site⟧',
            $filter: "Status eq 'Pending' and Submitted lt '@{addDays(utcNow(), -5)}'",
          }, { runAfter: { Get_UK_bank_holidays: ['Succeeded'] } }),
          Apply_to_each_claim: {
            foreach: "@outputs('Get_pending_claims')?['body/value']",
            actions: {
              'Get_approver_from_HR_API⟦+cred cloud/unsecured-secret: sends a Basic credential without secure inputs (run history shows it)⟧': {
                runAfter: {},
                type: 'Http',
                inputs: {
                  method: 'GET',
                  uri: "https://hrapi.contoso.internal/v1/employees/@{items('Apply_to_each_claim')?['EmployeeId']}/manager⟦+mach cloud/hardcoded-machine: the HR API on an internal host (hrapi.contoso.internal)⟧",
                  headers: {
                    Accept: 'application/json',
                    Authorization: 'Basic c3ZjLWV4cGVuc2VzOldpbnRlcjIwMjQh⟦+cred cloud/plaintext-secret: a Basic credential (user and password in base64) written into the header⟧',
                  },
                },
              },
              'Log_reminder_in_expense_function⟦+cred cloud/unsecured-secret: the function key travels in the URI without secure inputs⟧': {
                runAfter: { Get_approver_from_HR_API: ['Succeeded'] },
                type: 'Http',
                inputs: {
                  method: 'POST',
                  uri: 'https://contoso-expense-fn.azurewebsites.net/api/reminders?code=pQ7xK2mN9vB4cR8tL1wZ6yH3jF0sD5gA-eU2iO7kP4qX==⟦+env cloud/environment-specific-value: the team\'s own Function App⟧⟦+cred cloud/plaintext-secret: the function key (code=) written into the URI⟧',
                  body: { claim: "@items('Apply_to_each_claim')?['ID']", approver: "@body('Get_approver_from_HR_API')?['mail']" },
                },
              },
              Send_reminder: {
                runAfter: { Log_reminder_in_expense_function: ['Succeeded'] },
                type: 'OpenApiConnection',
                inputs: {
                  host: { apiId: '/providers/Microsoft.PowerApps/apis/shared_office365', connectionName: 'shared_office365', operationId: 'SendEmailV2' },
                  parameters: {
                    'emailMessage/To': "@body('Get_approver_from_HR_API')?['mail']",
                    'emailMessage/Subject': "Expense claim @{items('Apply_to_each_claim')?['Title']} waits for your approval",
                    'emailMessage/Body': "<p>Please approve it in https://contoso.sharepoint.com/sites/Finance/Lists/ExpenseClaims. Never send your password by mail.</p>⟦-env cloud/environment-specific-value: a link in an e-mail text⟧⟦-cred cloud/plaintext-secret: the word password in an e-mail text⟧",
                  },
                  authentication: "@parameters('$authentication')",
                },
              },
            },
            runAfter: { Get_pending_claims: ['Succeeded'] },
            type: 'Foreach',
          },
        },
      },
      connectionReferences: {
        shared_sharepointonline: { connectionName: `${hex32('ExpensePackage/sp')}⟦-alm cloud/embedded-connection: a legacy package has no connection references; its connections are chosen again at import⟧`, source: 'Invoker', id: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline', tier: 'NotSpecified' },
        shared_office365: { connectionName: `${hex32('ExpensePackage/o365')}⟦-alm cloud/embedded-connection: a legacy package has no connection references; its connections are chosen again at import⟧`, source: 'Invoker', id: '/providers/Microsoft.PowerApps/apis/shared_office365', tier: 'NotSpecified' },
      },
      flowFailureAlertSubscribed: false,
    },
  }, null, 2) + '\n';
}

export default function build(ctx) {
  const dir = `Microsoft.Flow/flows/${FLOW_ID}`;
  ctx.zip(ZIP, {
    [`${dir}/apisMap.json`]: JSON.stringify({ shared_sharepointonline: RES.sharepoint, shared_office365: RES.outlook }),
    [`${dir}/connectionsMap.json`]: JSON.stringify({ shared_sharepointonline: RES.spConn, shared_office365: RES.outlookConn }),
    [`${dir}/definition.json`]: definition(),
    'Microsoft.Flow/flows/manifest.json': JSON.stringify({ packageSchemaVersion: '1.0', flowAssets: { assetPaths: [FLOW_ID] } }),
    'manifest.json': manifest(),
  });
}
