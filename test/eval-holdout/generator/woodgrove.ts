// Woodgrove Bank IT — user provisioning: an approved new-hire request (Dataverse) creates the Active
// Directory account, home drive and remote mailbox on a bot, and the Entra account through Graph.
// Layout: `pac solution unpack`; settings in WoodgroveITProvisioning/settings/deploymentSettings.<Env>.json.
import { cloudFile, connRef, envParam, guid, host, json, meta, robin, type Solution, writeSolution, writeText } from './lib';

const DIR = 'WoodgroveITProvisioning';
const PROVISION_ID = guid('itp-provision');

const provisionScript = robin(String.raw`
@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [AdServiceCredential, InitialPassword]
@INPUT Input_EmployeeId : { 'Description': 'HR employee id.', 'FriendlyName': 'Input_EmployeeId', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT Input_GivenName : { 'Description': 'Given name.', 'FriendlyName': 'Input_GivenName', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT Input_Surname : { 'Description': 'Surname.', 'FriendlyName': 'Input_Surname', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT Input_Department : { 'Description': 'Department as in HR.', 'FriendlyName': 'Input_Department', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@INPUT Input_TargetOu : { 'Description': 'Distinguished name of the OU for new hires (environment variable itp_DefaultOu).', 'FriendlyName': 'Input_TargetOu', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@OUTPUT Output_SamAccountName : { 'Description': 'Account name created.', 'FriendlyName': 'Output_SamAccountName', 'Type': 'String' } 
@OUTPUT Output_TempPassword : { 'Description': 'Initial password, handed to the manager by the service desk.', 'FriendlyName': 'Output_TempPassword', 'Type': 'String' } 
# Creates the Active Directory account of a new hire, the home drive and the remote mailbox.
**REGION Connect to Active Directory
PowerAutomateSecretVariables.GetCredential Credential: $'''itp_AdProvisioningService''' Timeout: 0 Credential=> AdServiceCredential ⟦-credential|wgv-trap-get-credential|Get credential into a credential variable⟧
ActiveDirectory.ConnectToServer.ConnectToServerWithAuthentication LDAPPath: $'''LDAP://WGDC01.woodgrove.local/DC=woodgrove,DC=local''' Username: AdServiceCredential.Username Password: AdServiceCredential.Password AuthenticationType: ActiveDirectory.AuthenticationType.Secure Connection=> AdConnection ⟦+pad/hardcoded-machine|wgv-prov-dc-host|domain controller named in the LDAP path⟧ ⟦-environment-specific|wgv-trap-ldap-url-dup|internal host in a URL: labeled once, as a hardcoded machine⟧ ⟦-credential|wgv-trap-credential-password-arg|Password from a credential variable⟧
# Accounts of the acquired Litware business still live in the legacy forest.
IF Input_Department = $'''Litware Retail''' THEN
    ActiveDirectory.ConnectToServer.ConnectToServerWithAuthentication LDAPPath: $'''LDAP://10.8.0.12/DC=litware,DC=corp''' Username: $'''LITWARE\\svc-rpa-prov''' Password: $'''L3gacy-AD!Prov''' AuthenticationType: ActiveDirectory.AuthenticationType.Secure Connection=> AdConnection ⟦+pad/hardcoded-machine|wgv-prov-legacy-dc-ip|IP address of the legacy domain controller⟧ ⟦-environment-specific|wgv-trap-legacy-ldap-url-dup|internal host in a URL: labeled once, as a hardcoded machine⟧ ⟦+pad/plaintext-secret|wgv-prov-legacy-ad-password|legacy AD service password written literally⟧
END
**ENDREGION
**REGION Create the account
SET Output_SamAccountName TO $'''%Input_GivenName%.%Input_Surname%'''
Scripting.RunPowershellScript.RunPowershellScript Script: $'''Add-Type -AssemblyName System.Web; [System.Web.Security.Membership]::GeneratePassword(16, 3)''' ScriptOutput=> InitialPassword ScriptError=> PasswordGenerationError ⟦-credential|wgv-trap-generated-password|password generated at run time into a sensitive variable⟧
Text.Trim Text: InitialPassword TrimOption: Text.TrimOption.Both TrimmedText=> InitialPassword
SET PasswordMinimumLength TO 16 ⟦-credential|wgv-trap-password-length|a number in a variable named like a password⟧
ActiveDirectory.CreateUser Connection: AdConnection FirstName: Input_GivenName LastName: Input_Surname FullName: $'''%Input_GivenName% %Input_Surname%''' AccountName: Output_SamAccountName Password: InitialPassword ChangePasswordAtNextLogon: True Location: Input_TargetOu ⟦-credential|wgv-trap-create-user-password-var|Password fed by a sensitive variable⟧
ON ERROR
    # Rehire: the account exists already, reset it instead.
    ActiveDirectory.ModifyUser.ResetUserPassword Connection: AdConnection UserName: Output_SamAccountName NewPassword: $'''TempReset#2025''' ChangePasswordAtNextLogon: True ⟦+pad/plaintext-secret|wgv-prov-reset-password-literal|reset password written literally⟧
    SET InitialPassword TO $'''TempReset#2025''' ⟦^wgv-prov-reset-password-literal⟧
END
ActiveDirectory.ModifyGroup.AddUserToGroup Connection: AdConnection GroupName: $'''GG-%Input_Department%-Users''' UserName: Output_SamAccountName
SET Output_TempPassword TO InitialPassword ⟦+pad/sensitive-not-marked|wgv-prov-temp-password-output|initial password copied into the output Output_TempPassword, which is not sensitive⟧
**ENDREGION
**REGION Home drive and mailbox
Scripting.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''mkdir \\\\wgfs03\\home$\\%Output_SamAccountName% && icacls \\\\wgfs03\\home$\\%Output_SamAccountName% /grant WOODGROVE\\%Output_SamAccountName%:(OI)(CI)M''' WorkingFolder: $'''''' StandardOutput=> HomeOutput StandardError=> HomeError ExitCode=> HomeExit ⟦+pad/hardcoded-machine|wgv-prov-home-share|home-drive file server (UNC) in a DOS command⟧
Scripting.RunPowershellScript.RunPowershellScript Script: $'''$securePassword = ConvertTo-SecureString \'Exch0nl!ne#Prov\' -AsPlainText -Force ⟦+pad/plaintext-secret|wgv-prov-ps-password|Exchange service password written in a PowerShell script⟧ ⟦^wgv-prov-ps-exchange-host⟧
$cred = New-Object System.Management.Automation.PSCredential(\'WOODGROVE\\svc-exch\', $securePassword)
$session = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://WGEXCH02.woodgrove.local/PowerShell/ -Authentication Kerberos -Credential $cred ⟦+pad/hardcoded-machine|wgv-prov-ps-exchange-host|Exchange server named in the PowerShell script⟧ ⟦-environment-specific|wgv-trap-ps-url-dup|internal host in a URL: labeled once, as a hardcoded machine⟧
Import-PSSession $session -DisableNameChecking | Out-Null
Enable-RemoteMailbox -Identity %Output_SamAccountName% -RemoteRoutingAddress %Output_SamAccountName%@woodgrove.mail.onmicrosoft.com ⟦-machine|wgv-trap-routing-domain|a mail routing domain, not a machine⟧
Remove-PSSession $session''' ScriptOutput=> MailboxOutput ScriptError=> MailboxError
Scripting.RunPowershellScript.RunPowershellScript Script: $'''Get-ADUser -Identity %Output_SamAccountName% -Properties PasswordLastSet, PasswordNeverExpires | Select-Object PasswordLastSet, PasswordNeverExpires | ConvertTo-Json''' ScriptOutput=> PasswordPolicyJson ScriptError=> PasswordPolicyError ⟦-credential|wgv-trap-ps-password-property|PasswordLastSet property names, no secret⟧
**ENDREGION
`);

const sol: Solution = {
  dir: DIR,
  layout: 'unpacked',
  uniqueName: 'WoodgroveITProvisioning',
  displayName: 'Woodgrove IT Provisioning',
  description: 'New-hire account provisioning (Active Directory, home drive, mailbox, Entra).',
  version: '4.1.0.0',
  publisher: { uniqueName: 'woodgroveit', displayName: 'Woodgrove Bank IT', prefix: 'itp', optionValuePrefix: 90412 },
  envVars: [
    { schemaName: 'itp_DefaultOu', displayName: 'Default OU', description: 'OU where new hire accounts are created.', type: 100000000 },
    { schemaName: 'itp_ServiceDeskMailbox', displayName: 'Service Desk Mailbox', description: 'Mailbox notified about new accounts.', type: 100000000,
      value: 'servicedesk-dev@woodgrove.com', valueMark: '⟦+solution/committed-env-var-value|wgv-servicedesk-committed|current value of itp_ServiceDeskMailbox (the Dev mailbox) committed with the solution⟧' },
    { schemaName: 'itp_HrApiClientId', displayName: 'HR API Client Id', description: 'App registration used to read the HR API.', type: 100000000 },
  ],
  connRefs: [
    { logicalName: 'itp_sharedcommondataserviceforapps_5b8d2', displayName: 'Dataverse - IT requests', connectorId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' },
    { logicalName: 'itp_shareduiflow_1e4c7', displayName: 'Desktop flows - IT bots', connectorId: '/providers/Microsoft.PowerApps/apis/shared_uiflow' },
  ],
  desktopFlows: [{ name: 'IT - Provision New Hire Account', id: PROVISION_ID, script: provisionScript, credentials: true, description: 'Creates the AD account, home drive and remote mailbox.' }],
  cloudFlows: [],
};

sol.cloudFlows.push({
  name: 'IT - New Hire Request',
  id: guid('itp-request'),
  description: 'Approved new-hire requests: HR lookup, AD account on a bot, Entra account, service desk notice.',
  json: cloudFile(
    {
      shared_commondataserviceforapps: connRef('itp_sharedcommondataserviceforapps_5b8d2', 'shared_commondataserviceforapps'),
      shared_uiflow: connRef('itp_shareduiflow_1e4c7', 'shared_uiflow'),
      shared_office365: {
        runtimeSource: 'embedded',
        connection: { connectionReferenceLogicalName: 'itp_sharedoffice365_7f2a9⟦+solution/undefined-reference|wgv-request-undefined-office365|connection reference logical name not defined in the solution⟧' },
        api: { name: 'shared_office365' },
      },
      'shared_keyvault⟦+cloud/embedded-connection|wgv-request-embedded-keyvault|Key Vault connection embedded in the flow instead of a connection reference⟧': {
        connectionName: 'shared-keyvault-4a7e9c1b-2d3f-4e5a-8b6c-9d0e1f2a3b4c',
        source: 'Embedded',
        id: '/providers/Microsoft.PowerApps/apis/shared_keyvault',
        tier: 'NotSpecified',
      },
    },
    [
      envParam('Default OU', 'itp_DefaultOu', 'String', 'OU=NewHires,OU=DEV,DC=woodgrove-dev,DC=local⟦-environment-specific|wgv-trap-param-default-ou|parameter defaultValue snapshot of the env var⟧'),
      envParam('Service Desk Mailbox', 'itp_ServiceDeskMailbox', 'String', 'servicedesk-dev@woodgrove.com'),
      envParam('HR API Client Id', 'itp_HrApiClientId', 'String', '0d8c6a4e-2b1f-4e9d-8c7a-5f3e1d9b7a52'),
    ],
    {
      When_a_new_hire_request_is_approved: {
        metadata: meta('itp-req-trigger'),
        type: 'OpenApiConnectionWebhook',
        inputs: {
          host: host('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'SubscribeWebhookTrigger'),
          parameters: {
            'subscriptionRequest/message': 3,
            'subscriptionRequest/entityname': 'itp_newhirerequest',
            'subscriptionRequest/scope': 4,
            'subscriptionRequest/filteringattributes': 'statuscode',
            'subscriptionRequest/filterexpression': 'statuscode eq 717080002',
          },
          authentication: "@parameters('$authentication')",
        },
      },
    },
    {
      'Get_HR_API_secret⟦+cloud/unsecured-secret|wgv-request-keyvault-unsecured|Key Vault GetSecret without secure outputs⟧': {
        runAfter: {},
        metadata: meta('itp-req-a1'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_keyvault', 'shared_keyvault', 'GetSecret'),
          parameters: { secretName: 'hr-api-client-secret' },
          authentication: "@parameters('$authentication')",
        },
      },
      'Get_employee_from_HR⟦-credential|wgv-trap-hr-secured|HTTP with a client secret, secure inputs set⟧': {
        runAfter: { Get_HR_API_secret: ['Succeeded'] },
        metadata: meta('itp-req-a2'),
        type: 'Http',
        inputs: {
          method: 'GET',
          uri: "https://api.workday-hr.woodgrove.com/v1/workers/@{triggerOutputs()?['body/itp_employeeid']}⟦+cloud/environment-specific-value|wgv-request-hr-url|URL of a non-global host hard-coded⟧",
          authentication: {
            type: 'ActiveDirectoryOAuth',
            tenant: 'woodgrove.onmicrosoft.com',
            audience: 'api://woodgrove-hr',
            clientId: "@parameters('HR API Client Id (itp_HrApiClientId)')",
            secret: "@body('Get_HR_API_secret')?['value']⟦-credential|wgv-trap-secret-expression|secret passed as an expression⟧",
          },
        },
        runtimeConfiguration: { secureData: { properties: ['inputs'] } },
      },
      Check_bot_machine_group: {
        runAfter: { Get_employee_from_HR: ['Succeeded'] },
        metadata: meta('itp-req-a3'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'GetItem'),
          parameters: { entityName: 'flowmachinegroups', recordId: '3c9e1f27-8a4b-4d6e-b0c2-7f5a9d8e1b34⟦+cloud/hardcoded-machine|wgv-request-machine-group-id|machine group id hard-coded⟧', $select: 'name,statuscode' },
          authentication: "@parameters('$authentication')",
        },
      },
      'Run_provisioning_bot⟦-credential|wgv-trap-run-secured-outputs|desktop-flow run with secure outputs⟧': {
        runAfter: { Check_bot_machine_group: ['Succeeded'] },
        metadata: meta('itp-req-a4'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_uiflow', 'shared_uiflow', 'RunUIFlow_V2'),
          parameters: {
            uiFlowId: PROVISION_ID,
            runMode: 'unattended',
            runPriority: 'high',
            'item/Input_EmployeeId': "@triggerOutputs()?['body/itp_employeeid']",
            'item/Input_GivenName': "@body('Get_employee_from_HR')?['givenName']",
            'item/Input_Surname': "@body('Get_employee_from_HR')?['familyName']",
            'item/Input_Department': "@body('Get_employee_from_HR')?['department']",
            'item/Input_TargetOu': "@parameters('Default OU (itp_DefaultOu)')⟦-environment-specific|wgv-trap-ou-param|OU read from an environment variable⟧",
          },
          authentication: "@parameters('$authentication')",
        },
        runtimeConfiguration: { secureData: { properties: ['outputs'] } },
      },
      'Create_user_in_Entra⟦+cloud/unsecured-secret|wgv-request-entra-password-unsecured|sends the temporary password (passwordProfile) without secure inputs; POST-HOC: was wrongly documented as a trap before the first run⟧': {
        runAfter: { Run_provisioning_bot: ['Succeeded'] },
        metadata: meta('itp-req-a5'),
        type: 'Http',
        inputs: {
          method: 'POST',
          uri: 'https://graph.microsoft.com/v1.0/users⟦-environment-specific|wgv-trap-graph|global Microsoft Graph endpoint⟧⟦-machine|wgv-trap-graph-host|global Microsoft host, not a machine⟧',
          body: {
            accountEnabled: true,
            displayName: "@{body('Get_employee_from_HR')?['givenName']} @{body('Get_employee_from_HR')?['familyName']}",
            mailNickname: "@outputs('Run_provisioning_bot')?['body/Output_SamAccountName']",
            userPrincipalName: "@{outputs('Run_provisioning_bot')?['body/Output_SamAccountName']}@woodgrove.com",
            passwordProfile: { forceChangePasswordNextSignIn: true, password: "@{outputs('Run_provisioning_bot')?['body/Output_TempPassword']}⟦-credential|wgv-trap-password-profile-expression|password taken from an action output, not a literal⟧" },
          },
          authentication: { type: 'ManagedServiceIdentity', audience: 'https://graph.microsoft.com' },
        },
      },
      Notify_service_desk: {
        runAfter: { Create_user_in_Entra: ['Succeeded'] },
        metadata: meta('itp-req-a6'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_office365', 'shared_office365', 'SendEmailV2'),
          parameters: {
            'emailMessage/To': "@parameters('Service Desk Mailbox (itp_ServiceDeskMailbox)')",
            'emailMessage/Subject': "New account @{outputs('Run_provisioning_bot')?['body/Output_SamAccountName']}",
            'emailMessage/Body': '<p>The account is ready. Hand over the initial password in person; see https://learn.microsoft.com/entra/identity/authentication/concept-sspr-howitworks for self-service reset.</p>⟦-environment-specific|wgv-trap-learn-url-in-mail|global documentation URL in a message⟧',
          },
          authentication: "@parameters('$authentication')",
        },
      },
      Check_flow_health: {
        runAfter: { Notify_service_desk: ['Succeeded'] },
        metadata: meta('itp-req-a7'),
        type: 'Http',
        inputs: {
          method: 'GET',
          uri: 'https://api.flow.microsoft.com/providers/Microsoft.ProcessSimple/environments/8d2f6b1a-4c7e-4f3a-9b5d-0e1c2a3f4b6d/flows?api-version=2016-11-01⟦+cloud/environment-specific-value|wgv-request-environment-id|environment id in the URI⟧',
          authentication: { type: 'ManagedServiceIdentity', audience: 'https://service.flow.microsoft.com/⟦-environment-specific|wgv-trap-flow-audience|global audience⟧' },
        },
      },
    },
  ),
});

export function build(): void {
  writeSolution(sol);
  const ou = { Dev: 'OU=NewHires,OU=DEV,DC=woodgrove-dev,DC=local', Test: 'OU=NewHires,OU=TST,DC=woodgrove-tst,DC=local',
    Prod: 'OU=NewHires,OU=DEV,DC=woodgrove-dev,DC=local⟦+settings/environment-bleed|wgv-prod-ou-is-dev|Prod settings create accounts in the Dev domain OU⟧' };
  const mailbox = { Dev: 'servicedesk-dev@woodgrove.com', Test: 'servicedesk-test@woodgrove.com', Prod: 'servicedesk@woodgrove.com' };
  const dataverse = { Dev: 'shared-commondataser-7e3a9c5f-1b6d-4f2e-a8c0-4d6f8b0a2c71', Test: 'shared-commondataser-2c8f4a0e-6d1b-4e7c-9a3f-0b2d4f6a8c15', Prod: 'shared-commondataser-5a1d7f3c-9e4b-4c0a-b6d2-7f9b1d3e5a48' };
  const uiflow = { Dev: 'shared-uiflow-8b4e0c6a-2f7d-4a3b-9e1c-3c5e7a9d1b62', Test: 'shared-uiflow-1f7c3e9b-5a0d-4b6f-8c2e-6e8a0c2f4d93', Prod: '⟦+settings/missing-value|wgv-prod-uiflow-empty|Prod settings leave the desktop-flow connection (machine group) unbound⟧' };
  for (const env of ['Dev', 'Test', 'Prod'] as const) {
    const vars: Array<{ SchemaName: string; Value: string }> = [
      { SchemaName: 'itp_DefaultOu', Value: ou[env] },
      { SchemaName: 'itp_ServiceDeskMailbox', Value: mailbox[env] },
      { SchemaName: 'itp_HrApiClientId', Value: env === 'Prod' ? '6f2e8c4a-0d7b-4a1e-9c5f-3b1d9f7e5c24' : '0d8c6a4e-2b1f-4e9d-8c7a-5f3e1d9b7a52' + (env === 'Test' ? '⟦-alm:settings/environment-bleed|wgv-trap-same-client-id|Dev and Test share one app registration id: a value, not a bleed or a shared connection⟧' : '') },
    ];
    if (env === 'Test') vars.push({ SchemaName: 'itp_HrApiClientSecret⟦+settings/unknown-entry|wgv-test-unknown-client-secret|Test settings set an environment variable the solution does not define⟧', Value: '#{hr.clientsecret.test}#' });
    writeText(`${DIR}/settings/deploymentSettings.${env}.json`, json({
      EnvironmentVariables: vars,
      ConnectionReferences: [
        { LogicalName: 'itp_sharedcommondataserviceforapps_5b8d2', ConnectionId: dataverse[env], ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' },
        { LogicalName: 'itp_shareduiflow_1e4c7', ConnectionId: uiflow[env], ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_uiflow' },
      ],
    }));
  }
}
