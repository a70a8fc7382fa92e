import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/findings/analyze';
import { MemoryVfs } from '../../../server/src/load/vfs';
import rule from '../../../server/src/rules/pad/environment-specific-url';
import { findingText, ruleTester } from '../../support/rule-tester';

const DEF = `@@ConnectionString: ''\n@@Type: 'Local'\n@@DesktopType: 'local'\n@@DisplayName: 'Local computer'\n`;
const WEB = `Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' ResponseHeaders=> Headers Response=> Body StatusCode=> Status`;
/** Issue 11's example: a URL in a variable named like a secret, used as the address of a browser. */
const SERVICE_TOKEN = `SET ServiceToken TO $'''https://contoso-prod.sharepoint.com/sites/Ops'''
WebAutomation.LaunchEdge.LaunchEdge Url: ServiceToken WindowState: WebAutomation.BrowserWindowState.Normal ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser`;
const launch = (url: string) => `WebAutomation.LaunchChrome.LaunchChrome Url: ${url} WindowState: WebAutomation.BrowserWindowState.Normal ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser`;

ruleTester(rule, {
  valid: [
    {
      name: 'Power Platform APIs without an environment id, and a Power Fx formula',
      script: `Web.InvokeWebService.InvokeWebService Url: $'''https://api.flow.microsoft.com/providers/Microsoft.ProcessSimple/environments/%EnvId%/flows?api-version=2016-11-01''' ${WEB}
Web.InvokeWebService.InvokeWebService Url: $'''https://api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2021-04-01''' ${WEB}
Web.InvokeWebService.InvokeWebService Url: $fx'=Concatenate("https://contoso.sharepoint.com/sites/", Site)' ${WEB}`,
    },
    {
      name: 'global endpoints',
      script: `Web.InvokeWebService.InvokeWebService Url: $'''https://graph.microsoft.com/v1.0/me/messages''' ${WEB}
Web.InvokeWebService.InvokeWebService Url: $'''https://login.microsoftonline.com/common/oauth2/v2.0/token''' ${WEB}
SET ArmUrl TO $'''https://management.azure.com/subscriptions?api-version=2020-01-01'''
SET SchemaUrl TO $'''http://schemas.xmlsoap.org/soap/envelope/'''`,
    },
    {
      name: 'hosts held in variables',
      script: `${launch(`$'''%BaseUrl%/sites/Finance'''`)}
Web.InvokeWebService.InvokeWebService Url: $'''https://%ApiHost%/v1/orders''' ${WEB}`,
    },
    {
      name: 'URLs inside appmask selectors',
      script: `${DEF}IMPORT 'controlRepo.appmask' AS appmask
WebAutomation.Click.Click BrowserInstance: Browser Control: appmask['Web Page \\'https://contoso.sharepoint.com/sites/Finance\\'']['Button \\'Save\\''] WaitForPageToLoadTimeout: 60`,
    },
    {
      name: 'URLs in log messages, dialog texts and email bodies',
      script: `Logging.LogMessage Message: $'''Opened https://contoso.sharepoint.com/sites/Finance''' LogLevel: Logging.LogLevel.InfoLevel
Email.SendEmail.Send SMTPServer: SmtpServer Port: 25 EnableSSL: False SendFrom: $'''robot@contoso.com''' SendTo: $'''ops@contoso.com''' Subject: $'''Report''' Body: $'''See https://contoso.sharepoint.com/sites/Finance/Reports''' IsBodyHtml: False
SET Note TO $'''Upload the file to https://contoso.sharepoint.com/sites/Finance before noon.'''`,
    },
    {
      name: 'internal hosts and IP addresses belong to pad/hardcoded-machine',
      script: `${launch(`$'''http://erpserver/login'''`)}
Web.InvokeWebService.InvokeWebService Url: $'''http://10.1.2.3/api''' ${WEB}
Web.InvokeWebService.InvokeWebService Url: $'''https://erp.contoso.local/api''' ${WEB}`,
    },
    {
      name: 'about:blank, loopback and documentation hosts',
      script: `${launch(`$'''about:blank'''`)}
Web.InvokeWebService.InvokeWebService Url: $'''http://localhost:5000/api''' ${WEB}
Web.InvokeWebService.InvokeWebService Url: $'''https://api.example.com/orders?date=%ReportDate%''' ${WEB}`,
    },
    {
      name: 'allowed hosts (flowcop.json allow.hosts)',
      script: launch(`$'''https://portal.contoso.com/invoices'''`),
      allow: { hosts: ['*.contoso.com'] },
    },
    {
      name: 'URLs in comments',
      script: `# Lab: https://ontoiq.tech/pad/01-forms.html
/# Prod site: https://contoso.sharepoint.com/sites/Finance #/
SET A TO 1`,
    },
    {
      name: 'publicHosts: false reports only tenant hosts and environment markers',
      script: launch(`$'''https://www.browardclerk.org/Web2'''`),
      options: { publicHosts: false },
    },
    {
      name: 'a browser search term without a scheme',
      script: `SET CommandLineArguments TO $'''www.google.com'''
System.RunApplication.RunApplication ApplicationPath: $'''chrome''' CommandLineArguments: CommandLineArguments WindowStyle: System.ProcessWindowStyle.Maximized ProcessId=> Pid`,
    },
    {
      name: 'global Microsoft endpoints in variables named like secrets, and a Business Central API audience',
      script: `SET PasswordResetUrl TO $'''https://passwordreset.microsoftonline.com'''
SET TokenAudience TO $'''https://api.businesscentral.dynamics.com'''
Web.InvokeWebService.InvokeWebService Url: $'''https://api.cognitive.microsofttranslator.com/translate?api-version=3.0&to=en''' ${WEB}`,
    },
    {
      name: 'a URL that is all secret (a password argument) is reported as a credential only',
      script: `Email.SendEmail.AuthenticateAndSend SMTPServer: SmtpServer Port: 587 EnableSSL: True Username: Sender Password: $'''https://contoso.sharepoint.com/x''' SendFrom: Sender SendTo: $'''ops@contoso.com''' Subject: $'''S''' Body: $'''B''' IsBodyHtml: False`,
    },
  ],
  invalid: [
    {
      name: 'the id of one environment in the path or query of a global Power Platform host',
      script: `Web.InvokeWebService.InvokeWebService Url: $'''https://api.flow.microsoft.com/providers/Microsoft.ProcessSimple/environments/8d2f6b1a-4c7e-4f3a-9b5d-0e1c2a3f4b6d/flows?api-version=2016-11-01''' ${WEB}
SET MakerLink TO $'''https://make.powerautomate.com/environments/Default-72f988bf-86f1-41af-91ab-2d7cd011db47/flows'''
Web.InvokeWebService.InvokeWebService Url: $fx'https://api.powerapps.com/providers/Microsoft.PowerApps/apps?api-version=2016-11-01&environmentName=Default-72f988bf-86f1-41af-91ab-2d7cd011db47' ${WEB}`,
      errors: [
        { text: `$'''https://api.flow.microsoft.com/providers/Microsoft.ProcessSimple/environments/8d2f6b1a-4c7e-4f3a-9b5d-0e1c2a3f4b6d/flows?api-version=2016-11-01'''`, message: /^The URL https:\/\/api\.flow\.microsoft\.com in Url of Web\.InvokeWebService\.InvokeWebService names the '8d2f6b1a-4c7e-4f3a-9b5d-0e1c2a3f4b6d' environment/ },
        { text: `$'''https://make.powerautomate.com/environments/Default-72f988bf-86f1-41af-91ab-2d7cd011db47/flows'''`, element: 'MakerLink', message: /names the 'Default-72f988bf-86f1-41af-91ab-2d7cd011db47' environment/ },
        { text: `$fx'https://api.powerapps.com/providers/Microsoft.PowerApps/apps?api-version=2016-11-01&environmentName=Default-72f988bf-86f1-41af-91ab-2d7cd011db47'`, message: /^The URL https:\/\/api\.powerapps\.com/ },
      ],
    },
    {
      name: 'SharePoint tenant in a URL argument',
      script: launch(`$'''https://contoso.sharepoint.com/sites/Finance'''`),
      errors: [{ text: `$'''https://contoso.sharepoint.com/sites/Finance'''`, element: 'WebAutomation.LaunchChrome.LaunchChrome', message: 'The URL https://contoso.sharepoint.com in Url of WebAutomation.LaunchChrome.LaunchChrome belongs to one tenant; keep it in an environment variable (or flow input) so each environment can point at its own address.' }],
    },
    {
      name: 'Dynamics environment with a -dev marker',
      script: `WebAutomation.LaunchEdge.AttachToEdgeByUrl TabUrl: $'''https://contoso-dev.crm4.dynamics.com/main.aspx''' AttachTimeout: 5 BrowserInstance=> Browser`,
      errors: [{ text: `$'''https://contoso-dev.crm4.dynamics.com/main.aspx'''`, message: /^The URL https:\/\/contoso-dev\.crm4\.dynamics\.com in TabUrl of WebAutomation\.LaunchEdge\.AttachToEdgeByUrl names the 'dev' environment/ }],
    },
    {
      name: 'a vendor application host with publicHosts on: info; the message shows scheme and host only',
      options: { publicHosts: true },
      script: `Web.InvokeWebService.InvokeWebService Url: $'''https://portal.acme-logistics.com/api/v2/shipments?customer=4711&page=2''' ${WEB}`,
      errors: [{ text: `$'''https://portal.acme-logistics.com/api/v2/shipments?customer=4711&page=2'''`, severity: 'info', message: /^The URL https:\/\/portal\.acme-logistics\.com in Url of Web\.InvokeWebService\.InvokeWebService is an external address \(reported because publicHosts is on\)/ }],
      secrets: ['customer=4711', '/api/v2'],
    },
    {
      name: 'configuration value stored whole in a variable, and an input default',
      script: `${DEF}@INPUT Input_SiteUrl : { 'Description': '', 'FriendlyName': 'Input_SiteUrl', 'Type': 'String', 'IsOptional': True, 'DefaultValue': $'''https://contoso.sharepoint.com/sites/RPA-UAT''' }
SET SiteUrl TO $'''https://contoso.sharepoint.com/sites/RPA'''`,
      errors: [
        { text: `$'''https://contoso.sharepoint.com/sites/RPA-UAT'''`, element: 'Input_SiteUrl', message: /as the default value of input Input_SiteUrl names the 'uat' environment/ },
        { text: `$'''https://contoso.sharepoint.com/sites/RPA'''`, element: 'SiteUrl', message: /assigned to SiteUrl belongs to one tenant/ },
      ],
    },
    {
      name: 'an interpolated URL in a URL argument',
      script: launch(`$'''https://contoso.sharepoint.com/sites/%Site%/Shared%%20Documents'''`),
      errors: [{ text: `https://contoso.sharepoint.com/sites/%Site%/Shared%%20Documents`, message: /belongs to one tenant/ }],
    },
    {
      name: 'a global service with an environment in its path',
      script: `Web.InvokeWebService.InvokeWebService Url: $'''https://graph.microsoft.com/v1.0/sites/contoso.sharepoint.com:/sites/Finance-UAT''' ${WEB}`,
      errors: [{ text: `$'''https://graph.microsoft.com/v1.0/sites/contoso.sharepoint.com:/sites/Finance-UAT'''`, message: /names the 'uat' environment/ }],
    },
    {
      name: 'a cloud connector parameter that is a site URL',
      script: `External.InvokeCloudConnector Connection: '62447747-909c-4913-9a8c-cc110a84f4ea' ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' OperationId: 'GetItems' @dataset: $'''https://contoso.sharepoint.com/sites/Finance''' @table: $'''Invoices''' @GetItemsResponse=> Items`,
      errors: [{ text: `$'''https://contoso.sharepoint.com/sites/Finance'''`, message: /in dataset of External\.InvokeCloudConnector belongs to one tenant/ }],
    },
    {
      name: 'an environment glued into a path segment (/DALLASPROD/)',
      script: `WebAutomation.CreateNewTab.CreateNewTab BrowserInstance: Browser Url: $fx'https://courtsportal.dallascounty.org/DALLASPROD/Home/Dashboard' WaitForPageToLoadTimeout: 60 NewBrowserInstance=> Tab`,
      options: { publicHosts: false },
      errors: [{ text: `$fx'https://courtsportal.dallascounty.org/DALLASPROD/Home/Dashboard'`, message: /names the 'dallasprod' environment/ }],
    },
    {
      name: 'a URL flowing into a URL argument through a variable',
      script: `SET Start TO $'''Start page: https://contoso.crm.dynamics.com/main.aspx'''
SET Address TO Start
${launch('Address')}`,
      errors: [{ text: 'https://contoso.crm.dynamics.com/main.aspx', message: /assigned to Start \(used as Url of WebAutomation\.LaunchChrome\.LaunchChrome\) belongs to one tenant/ }],
    },
    {
      name: 'a tenant URL whose query carries a SAS signature: the address is reported here, the signature by pad/plaintext-secret',
      script: `SET BlobUrl TO $'''https://rpastore.blob.core.windows.net/in/orders.csv?sv=2022-11-02&sig=AbC123xyzSIG'''`,
      errors: [{ text: 'https://rpastore.blob.core.windows.net/in/orders.csv', message: /^The URL https:\/\/rpastore\.blob\.core\.windows\.net assigned to BlobUrl belongs to one tenant/ }],
      secrets: ['AbC123xyzSIG'],
    },
    {
      name: 'the environment segment of a Business Central API URL',
      script: `Web.InvokeWebService.InvokeWebService Url: $'''https://api.businesscentral.dynamics.com/v2.0/a1f3c5e7-2b4d-4f6a-8c0e-9d1b3f5a7c2e/Production/api/v2.0/companies''' ${WEB}`,
      errors: [{ message: /^The URL https:\/\/api\.businesscentral\.dynamics\.com in Url of Web\.InvokeWebService\.InvokeWebService names the 'Production' environment/ }],
    },
    {
      name: 'issue 11: a URL kept in a variable named like a token is an environment-specific URL',
      script: SERVICE_TOKEN,
      errors: [{ text: `$'''https://contoso-prod.sharepoint.com/sites/Ops'''`, element: 'ServiceToken', message: /^The URL https:\/\/contoso-prod\.sharepoint\.com assigned to ServiceToken \(used as Url of WebAutomation\.LaunchEdge\.LaunchEdge\) names the 'prod' environment/ }],
    },
  ],
});

/** Lints one script with a flowcop.json of our own (RuleTester writes options for the tested rule only). */
function lintWith(script: string, config: unknown) {
  const vfs = new MemoryVfs({ '/fixture/test.robin': script, '/fixture/flowcop.json': JSON.stringify(config) });
  return analyze(['/fixture'], { vfs }).findings;
}

test('issue 11: the ServiceToken URL is reported by pad/environment-specific-url with pad/plaintext-secret off, and no credential finding with everything on', () => {
  const off = lintWith(SERVICE_TOKEN, { rules: { 'pad/plaintext-secret': 'off' } });
  assert.deepEqual(off.map(f => [f.ruleId, findingText(f)]), [['pad/environment-specific-url', `$'''https://contoso-prod.sharepoint.com/sites/Ops'''`]]);
  const on = lintWith(SERVICE_TOKEN, {});
  assert.deepEqual(on.filter(f => f.category === 'credential').map(f => f.ruleId), []);
  assert.deepEqual(on.map(f => f.ruleId), ['pad/environment-specific-url']);
});

test('a URL whose query carries a secret: the address without the query with pad/plaintext-secret on, the whole URL with it off', () => {
  const script = `SET BlobUrl TO $'''https://rpastore.blob.core.windows.net/in/orders.csv?sv=2022-11-02&sig=AbC123xyzSIG'''`;
  const on = lintWith(script, {});
  assert.deepEqual(on.map(f => [f.ruleId, findingText(f)]).sort(), [
    ['pad/environment-specific-url', 'https://rpastore.blob.core.windows.net/in/orders.csv'],
    ['pad/plaintext-secret', 'AbC123xyzSIG'],
  ]);
  const off = lintWith(script, { rules: { 'pad/plaintext-secret': 'off' } });
  assert.deepEqual(off.map(f => [f.ruleId, findingText(f)]), [['pad/environment-specific-url', `$'''https://rpastore.blob.core.windows.net/in/orders.csv?sv=2022-11-02&sig=AbC123xyzSIG'''`]]);
  assert.ok(!off[0].message.includes('AbC123xyzSIG'), off[0].message);
});
