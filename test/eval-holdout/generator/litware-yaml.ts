// Litware — warranty claims from the dealer portal. Layout: the YAML source format that Dataverse Git
// integration commits (environment binding, Git folder `dataverse`): LitwareWarranty/dataverse/ is the
// root, with solutions/<Unique>/{solution.yml, solutioncomponents.yml, rootcomponents.yml},
// publishers/, modernflows/<guid>/{workflow.yml, <Name>-<GUID>.json}, connectionreferences/<logical>/,
// environmentvariabledefinitions/<schema>/ (definition XML and the committed value beside it).
// Every file CRLF, no BOM.
import { cloudFile, connRef, envParam, fileBase, guid, host, json, meta, take, writeTree } from './lib';

const ROOT = 'LitwareWarranty/dataverse';
const SOLUTION = 'LitwareWarrantyClaims';
const FLOW = { name: 'Warranty - Claim Intake from Dealer Portal', id: guid('ltw-intake') };
const CR = {
  dataverse: 'ltw_sharedcommondataserviceforapps_5e1a7',
  keyvault: 'ltw_sharedkeyvault_c93d0',
  teams: 'ltw_sharedteams_2b8f6',
};
const DEALER_API = ['Dealer API Base', 'ltw_DealerApiBase'] as const;

/** Writes a text file with CRLF line breaks after recording its markers. */
function writeCrlf(rel: string, text: string): void {
  writeTree(rel, take(text, { file: rel }).replace(/\r?\n/g, '\r\n'));
}

const yml = (lines: string[]) => lines.join('\n') + '\n';

function flowJson(): unknown {
  return cloudFile(
    {
      shared_commondataserviceforapps: connRef(CR.dataverse, 'shared_commondataserviceforapps'),
      shared_keyvault: connRef(CR.keyvault, 'shared_keyvault'),
      shared_teams: connRef(CR.teams, 'shared_teams'),
    },
    [envParam(DEALER_API[0], DEALER_API[1], 'String', 'https://dealers.litware-uat.com/api/v3⟦-environment-specific|ltw-trap-param-default|defaultValue snapshot of an environment-variable parameter⟧')],
    {
      When_a_claim_is_submitted: {
        metadata: meta('ltw-t'),
        type: 'OpenApiConnectionWebhook',
        inputs: {
          host: host('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'SubscribeWebhookTrigger'),
          parameters: { 'subscriptionRequest/message': 1, 'subscriptionRequest/entityname': 'ltw_warrantyclaim', 'subscriptionRequest/scope': 4 },
          authentication: "@parameters('$authentication')",
        },
      },
    },
    {
      Get_dealer_API_key: {
        runAfter: {},
        metadata: meta('ltw-a1'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_keyvault', 'shared_keyvault', 'GetSecret'),
          parameters: { secretName: 'dealer-portal-api-key⟦-credential|ltw-trap-secret-name|a Key Vault secret name⟧' },
          authentication: "@parameters('$authentication')",
        },
        runtimeConfiguration: { secureData: { properties: ['outputs'] } },
      },
      'Get_claim_from_dealer_portal⟦-credential|ltw-trap-dealer-secured|the key comes from Key Vault and inputs and outputs are secured⟧': {
        runAfter: { Get_dealer_API_key: ['Succeeded'] },
        metadata: meta('ltw-a2'),
        type: 'Http',
        inputs: {
          method: 'GET',
          uri: "@{parameters('Dealer API Base (ltw_DealerApiBase)')}/claims/@{triggerOutputs()?['body/ltw_dealerclaimno']}⟦-environment-specific|ltw-trap-param-uri|built on an environment variable⟧",
          headers: { 'x-api-key': "@body('Get_dealer_API_key')?['value']⟦-credential|ltw-trap-kv-header|a reference to a Key Vault output⟧" },
        },
        runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } },
      },
      'Get_parts_price_list⟦+cloud/unsecured-secret|ltw-intake-parts-unsecured|the parts API key is sent without secure inputs, so run history shows it⟧': {
        runAfter: { Get_claim_from_dealer_portal: ['Succeeded'] },
        metadata: meta('ltw-a3'),
        type: 'Http',
        inputs: {
          method: 'GET',
          uri: "https://parts-api.litware-uat.com/v2/prices?sku=@{body('Get_claim_from_dealer_portal')?['partSku']}⟦+cloud/environment-specific-value|ltw-intake-parts-uat-url|the vendor's UAT parts API hard-coded in a flow that goes to production⟧",
          headers: {
            Accept: 'application/json',
            'Ocp-Apim-Subscription-Key': '8f3b1c9e7d2a4f60b5e8c1d7a9f2e4b6⟦+cloud/plaintext-secret|ltw-intake-parts-key|API Management subscription key written into the header⟧',
          },
        },
      },
      Send_claim_to_warranty_engine: {
        runAfter: { Get_parts_price_list: ['Succeeded'] },
        metadata: meta('ltw-a4'),
        type: 'Http',
        inputs: {
          method: 'POST',
          uri: 'http://10.20.4.17:8080/warranty/ingest⟦+cloud/hardcoded-machine|ltw-intake-engine-ip|the on-premises warranty engine addressed by IP⟧⟦-environment-specific|ltw-trap-engine-url-dup|internal host in a URL: labeled once, as a hardcoded machine⟧',
          body: { claim: "@triggerOutputs()?['body/ltw_warrantyclaimid']", prices: "@body('Get_parts_price_list')" },
        },
      },
      Post_to_warranty_channel: {
        runAfter: { Send_claim_to_warranty_engine: ['Succeeded'] },
        metadata: meta('ltw-a5'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_teams', 'shared_teams', 'PostMessageToConversation'),
          parameters: {
            poster: 'Flow bot',
            location: 'Channel',
            'body/recipient/groupId': '3a9e2f41-7c6b-4d8a-9e05-b1f27c4d8e63⟦+cloud/environment-specific-value|ltw-intake-teams-group|the organisation’s own Teams team (a tenant resource) hard-coded in the flow (was trap ltw-trap-teams-group: see Corrections)⟧',
            'body/recipient/channelId': '19:4f1d2a8c9b7e46f3a1c5d9e2b8f7a6c4@thread.tacv2⟦+cloud/environment-specific-value|ltw-intake-teams-channel|the organisation’s own Teams channel (a tenant resource) hard-coded in the flow (was trap ltw-trap-teams-channel: see Corrections)⟧',
            'body/messageBody': "<p>Claim @{triggerOutputs()?['body/ltw_dealerclaimno']} sent. Open https://litware.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=ltw_warrantyclaim to review.</p>⟦-environment-specific|ltw-trap-teams-link|a link in a chat message⟧",
          },
          authentication: "@parameters('$authentication')",
        },
      },
    },
  );
}

export function build(): void {
  const folder = FLOW.id;
  const jsonName = `${fileBase(FLOW.name, FLOW.id)}.json`;
  const refs: Array<[string, string, string]> = [
    [CR.dataverse, 'Litware Warranty - Dataverse', 'shared_commondataserviceforapps'],
    [CR.keyvault, 'Litware Warranty - Azure Key Vault', 'shared_keyvault'],
    [CR.teams, 'Litware Warranty - Microsoft Teams', 'shared_teams'],
  ];
  const s = `${ROOT}/solutions/${SOLUTION}`;
  writeCrlf(`${s}/solution.yml`, yml([
    'ImportExportXml:',
    "  '@version': 9.2.26101.148",
    "  '@SolutionPackageVersion': 9.2",
    "  '@languagecode': 1033",
    "  '@generatedBy': CrmLive",
    "  '@xmlns:xsi': http://www.w3.org/2001/XMLSchema-instance⟦-environment-specific|ltw-trap-xsi|XML namespace URI⟧",
    '  SolutionManifest:',
    `    UniqueName: ${SOLUTION}`,
    '    LocalizedNames:',
    '      LocalizedName:',
    "        '@description': Litware Warranty Claims",
    "        '@languagecode': 1033",
    '    Descriptions: ',
    '    Version: 2.0.1.0',
    '    Managed: 0',
    '    Publisher:',
    '      UniqueName: litware',
  ]));
  const components = [...refs.map(([l]) => `/connectionreferences/${l}`), `/environmentvariabledefinitions/${DEALER_API[1]}`, `/modernflows/${folder}`, '/publishers/litware'];
  writeCrlf(`${s}/solutioncomponents.yml`, yml(['SolutionComponents:', '  Component:', ...components.map(c => `  - '@path': ${c}`)]));
  writeCrlf(`${s}/rootcomponents.yml`, yml(['RootComponents:', '  RootComponent:', "    '@type': 29", `    '@id': '{${FLOW.id}}'`, "    '@behavior': 0"]));
  writeCrlf(`${s}/missingdependencies.yml`, yml(['MissingDependencies: ']));
  writeCrlf(`${ROOT}/publishers/litware/publisher.yml`, yml([
    'Publisher:', '  UniqueName: litware', '  LocalizedNames:', '    LocalizedName:', "      '@description': Litware Inc.", "      '@languagecode': 1033",
    '  Descriptions: ', '  EMailAddress: crm-team@litware.com', '  SupportingWebsiteUrl: https://www.litware.com⟦-environment-specific|ltw-trap-publisher-site|public website in the publisher metadata⟧',
    '  CustomizationPrefix: ltw', '  CustomizationOptionValuePrefix: 61844',
  ]));
  for (const [logical, display, connector] of refs) {
    writeCrlf(`${ROOT}/connectionreferences/${logical}/connectionreference.yml`, yml([
      'connectionreference:', `  '@connectionreferencelogicalname': ${logical}`, `  connectionreferencedisplayname: ${display}`,
      `  connectorid: /providers/Microsoft.PowerApps/apis/${connector}`, '  iscustomizable: 1', '  promptingbehavior: 0', '  statecode: 0', '  statuscode: 1',
    ]));
  }
  const ev = `${ROOT}/environmentvariabledefinitions/${DEALER_API[1]}`;
  writeCrlf(`${ev}/environmentvariabledefinition.xml`, [
    `<environmentvariabledefinition schemaname="${DEALER_API[1]}">`,
    '  <description default="Base URL of the dealer portal API (UAT or production).">',
    '    <label description="Base URL of the dealer portal API (UAT or production)." languagecode="1033" />',
    '  </description>',
    `  <displayname default="${DEALER_API[0]}">`,
    `    <label description="${DEALER_API[0]}" languagecode="1033" />`,
    '  </displayname>',
    '  <introducedversion>1.0.0.0</introducedversion>',
    '  <iscustomizable>1</iscustomizable>',
    '  <isrequired>1</isrequired>',
    '  <secretstore>0</secretstore>',
    '  <type>100000000</type>',
    '</environmentvariabledefinition>',
    '',
  ].join('\n'));
  writeCrlf(`${ev}/environmentvariablevalues.json`, `{
  "environmentvariablevalues": {
    "environmentvariablevalue": {
      "@environmentvariablevalueid": "${guid('ltw-dealer-api-value')}",
      "iscustomizable": "1",
      "value": "https://dealers.litware-uat.com/api/v3"⟦+solution/committed-env-var-value|ltw-committed-dealer-api|the UAT value of the dealer API was committed with the source, so every import overwrites the target's value⟧
    }
  }
}
`);
  writeCrlf(`${ROOT}/modernflows/${folder}/workflow.yml`, yml([
    'Workflow:', `  '@WorkflowId': '{${FLOW.id}}'`, `  '@Name': ${FLOW.name}`, `  JsonFileName: /modernflows/${folder}/${jsonName}`,
    '  Type: 1', '  Subprocess: 0', '  Category: 5', '  Mode: 0', '  Scope: 4', '  OnDemand: 0', '  TriggerOnCreate: 0', '  TriggerOnDelete: 0',
    '  AsyncAutodelete: 0', '  SyncWorkflowLogOnFailure: 0', '  StateCode: 1', '  StatusCode: 2', '  RunAs: 1', '  IsTransacted: 1',
    '  IntroducedVersion: 1.0', '  IsCustomizable: 1', '  BusinessProcessType: 0', '  IsCustomProcessingStepAllowedForOtherPublishers: 1',
    '  ModernFlowType: 0', '  PrimaryEntity: none', '  LocalizedNames:', '    LocalizedName:', "      '@languagecode': 1033", `      '@description': ${FLOW.name}`,
  ]));
  writeCrlf(`${ROOT}/modernflows/${folder}/${jsonName}`, json(flowJson()) + '\n');
}
