// SupplierSync — cloud flows only, `pac solution unpack` layout, with two environment-variable
// values committed by mistake (environmentvariablevalues.json) and settings in config/<Env>/.
import {
  settingsText,
  cloudFlowJson, cloudWorkflowXml, customizationsXml, envParam, envVarValuesJson, envVarXml, fileBase, guid, hex32, op, p,
  solutionXml, viaReference, XML_DECL,
} from './lib.mjs';

const ROOT = 'solutions/SupplierSync';
const PUBLISHER = { uniqueName: 'contosoprocurement', displayName: 'Contoso Procurement', prefix: 'sup', optionPrefix: 52810 };
const IDS = { sync: guid('SupplierSync/sync'), export: guid('SupplierSync/export'), archive: guid('SupplierSync/archive') };

const CONN = {
  sharepoint: 'sup_sharedsharepointonline_3a7c9',
  dataverse: 'sup_sharedcommondataserviceforapps_8e2b5',
  sql: 'sup_sharedsql_4f6d1',
  filesystem: 'sup_sharedfilesystem_2d8a3',
  outlook: 'sup_sharedoffice365_6b1e9',
  flowmgmt: 'sup_sharedflowmanagement_0c5f7',
};

const ENV = {
  site: ['Supplier Site', 'sup_SupplierSite'],
  list: ['Supplier List', 'sup_SupplierList'],
  batch: ['Sync Batch Size', 'sup_SyncBatchSize'],
  mapping: ['Field Mapping', 'sup_FieldMapping'],
  exportEnabled: ['Export Enabled', 'sup_ExportEnabled'],
  notify: ['Notification Address', 'sup_NotificationAddress'],
  tenant: ['Tenant Id', 'sup_TenantId'],
  bcClient: ['Business Central Client Id', 'sup_BcClientId'],
  docs: ['Supplier Documents Library', 'sup_DocumentLibrary'],
};

function syncFlow() {
  const bcSecret = "@body('Get_Business_Central_client_secret')?['EnvironmentVariableSecretValue']";
  return cloudFlowJson({
    connectionReferences: {
      shared_sharepointonline: viaReference('shared_sharepointonline', CONN.sharepoint),
      shared_commondataserviceforapps: viaReference('shared_commondataserviceforapps', CONN.dataverse),
    },
    parameters: Object.fromEntries([
      envParam(...ENV.list, 'String', '9b4e2c7a-1f5d-4a3b-8e6c-0d2f4a6b8c19'),
      envParam(...ENV.batch, 'Int', 200),
      envParam(...ENV.mapping, 'Object', { TaxId: 'vat_number', PaymentTerms: 'paymenttermscode' }),
      envParam(...ENV.tenant, 'String', 'a1f3c5e7-2b4d-4f6a-8c0e-9d1b3f5a7c2e'),
      envParam(...ENV.bcClient, 'String', '5d8b2e4f-7a1c-4e9d-b3f6-2c8a0e4d6b71'),
      [`Supplier Approval Threshold (sup_ApprovalThreshold)⟦+@sup-undefined-threshold alm solution/undefined-reference: the flow reads environment variable sup_ApprovalThreshold, which the solution does not define⟧`, {
        defaultValue: 10000,
        type: 'Int',
        metadata: { schemaName: 'sup_ApprovalThreshold⟦~sup-undefined-threshold⟧', description: 'Yearly spend above which a new supplier needs approval.' },
      }],
    ]),
    triggers: {
      Every_hour: { recurrence: { frequency: 'Hour', interval: 1 }, type: 'Recurrence' },
    },
    actions: {
      Get_supplier_items: op('shared_sharepointonline', 'shared_sharepointonline', 'GetItems', {
        dataset: 'https://contoso.sharepoint.com/sites/Procurement⟦+env cloud/environment-specific-value: SharePoint site written into the action instead of the Supplier Site environment variable⟧',
        table: p(...ENV.list),
        $filter: "Modified ge '@{addHours(utcNow(), -1)}'",
        $top: p(...ENV.batch),
      }, { runAfter: {} }),
      Parse_field_mapping: {
        runAfter: { Get_supplier_items: ['Succeeded'] },
        type: 'ParseJson',
        inputs: { content: p(...ENV.mapping), schema: { type: 'object' } },
      },
      Get_Business_Central_client_secret: op('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'PerformUnboundAction', {
        actionName: 'RetrieveEnvironmentVariableSecretValue',
        'item/EnvironmentVariableName': 'sup_bcclientsecret',
      }, { runAfter: { Parse_field_mapping: ['Succeeded'] }, runtimeConfiguration: { secureData: { properties: ['outputs'] } } }),
      'Get_Business_Central_vendors⟦+cred cloud/unsecured-secret: sends the Business Central client secret (OAuth) without secure inputs⟧': {
        runAfter: { Get_Business_Central_client_secret: ['Succeeded'] },
        type: 'Http',
        inputs: {
          method: 'GET',
          uri: 'https://api.businesscentral.dynamics.com/v2.0/a1f3c5e7-2b4d-4f6a-8c0e-9d1b3f5a7c2e/Production/api/v2.0/companies(5e2d1c0b-7f3a-4a9d-8b6e-0c1d2e3f4a5b)/vendors⟦+env cloud/environment-specific-value: the Business Central environment (Production) and company id are written into the URI⟧',
          authentication: {
            type: 'ActiveDirectoryOAuth',
            tenant: p(...ENV.tenant),
            audience: 'https://api.businesscentral.dynamics.com⟦-env cloud/environment-specific-value: the global Business Central API audience⟧',
            clientId: p(...ENV.bcClient),
            secret: bcSecret,
          },
        },
      },
      Apply_to_each_supplier: {
        foreach: "@body('Get_supplier_items')?['value']",
        actions: {
          Upsert_supplier_account: op('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'UpdateRecord', {
            entityName: 'accounts',
            recordId: "@items('Apply_to_each_supplier')?['AccountId']",
            'item/name': "@items('Apply_to_each_supplier')?['Title']",
            'item/accountnumber': "@items('Apply_to_each_supplier')?['SupplierNumber']",
          }, { runAfter: {} }),
          Needs_approval: {
            runAfter: { Upsert_supplier_account: ['Succeeded'] },
            type: 'If',
            expression: { greaterOrEquals: ["@items('Apply_to_each_supplier')?['SpendLastYear']", "@parameters('Supplier Approval Threshold (sup_ApprovalThreshold)')"] },
            actions: {
              Create_approval_task: op('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'CreateRecord', {
                entityName: 'tasks',
                'item/subject': "Approve supplier @{items('Apply_to_each_supplier')?['Title']}",
                'item/regardingobjectid_account@odata.bind': "accounts(@{items('Apply_to_each_supplier')?['AccountId']})",
              }, { runAfter: {} }),
            },
            else: { actions: {} },
          },
          Find_account_in_the_sales_environment: op('shared_commondataserviceforapps', 'shared_commondataserviceforapps', 'ListRecordsWithOrganization', {
            organization: 'https://contoso-sales.crm4.dynamics.com⟦+env cloud/environment-specific-value: Dataverse organization URL of the production sales environment⟧',
            entityName: 'accounts',
            $filter: "accountnumber eq '@{items('Apply_to_each_supplier')?['SupplierNumber']}'",
            $select: 'accountid,name',
          }, { runAfter: { Needs_approval: ['Succeeded'] } }),
        },
        runAfter: { 'Get_Business_Central_vendors': ['Succeeded'] },
        type: 'Foreach',
      },
    },
  });
}

function exportFlow() {
  return cloudFlowJson({
    connectionReferences: {
      shared_sql: viaReference('shared_sql', CONN.sql),
      shared_filesystem: viaReference('shared_filesystem', CONN.filesystem),
      shared_office365: viaReference('shared_office365', CONN.outlook),
      shared_flowmanagement: viaReference('shared_flowmanagement', CONN.flowmgmt),
      shared_sharepointonline: viaReference('shared_sharepointonline', CONN.sharepoint),
    },
    parameters: Object.fromEntries([
      envParam(...ENV.exportEnabled, 'Bool', true),
      envParam(...ENV.notify, 'String', 'procurement-dev@contoso.com'),
      envParam(...ENV.site, 'String', 'https://contoso.sharepoint.com/sites/Procurement-Dev'),
    ]),
    triggers: {
      Every_night: { recurrence: { frequency: 'Day', interval: 1, timeZone: 'W. Europe Standard Time', schedule: { hours: ['1'] } }, type: 'Recurrence' },
    },
    actions: {
      Export_enabled: {
        runAfter: {},
        type: 'If',
        expression: { equals: [p(...ENV.exportEnabled), true] },
        actions: {
          Check_for_overlapping_runs: op('shared_flowmanagement', 'shared_flowmanagement', 'ListFlowsInEnvironment_V2', {
            environmentName: 'Default-a1f3c5e7-2b4d-4f6a-8c0e-9d1b3f5a7c2e⟦+env cloud/environment-specific-value: the id of one Power Platform environment⟧',
          }, { runAfter: {} }),
          Get_suppliers_from_the_finance_database: op('shared_sql', 'shared_sql', 'GetItems_V2', {
            server: 'sqlfin-prd01.corp.contoso.com⟦+mach cloud/hardcoded-machine: production SQL Server named in the action⟧',
            database: 'Procurement',
            table: '[dbo].[Suppliers]',
            $top: 5000,
          }, { runAfter: { Check_for_overlapping_runs: ['Succeeded'] } }),
          Get_open_purchase_orders: op('shared_sql', 'shared_sql', 'ExecutePassThroughNativeQuery_V2', {
            server: 'default⟦-mach cloud/hardcoded-machine: "default" uses the server of the connection⟧',
            database: 'default',
            'query/query': "SELECT SupplierNumber, COUNT(*) AS OpenOrders FROM dbo.PurchaseOrders WHERE Status = 'Open' GROUP BY SupplierNumber",
          }, { runAfter: { Get_suppliers_from_the_finance_database: ['Succeeded'] } }),
          Create_CSV_table: {
            runAfter: { Get_open_purchase_orders: ['Succeeded'] },
            type: 'Table',
            inputs: { from: "@body('Get_suppliers_from_the_finance_database')?['value']", format: 'CSV' },
          },
          Create_export_file: op('shared_filesystem', 'shared_filesystem', 'CreateFile', {
            folderPath: '\\\\fs02.corp.contoso.com\\exports\\suppliers⟦+mach cloud/hardcoded-machine: UNC path on file server fs02⟧',
            name: "suppliers-@{formatDateTime(utcNow(), 'yyyyMMdd')}.csv",
            body: "@body('Create_CSV_table')",
          }, { runAfter: { Create_CSV_table: ['Succeeded'] } }),
          Copy_export_to_SharePoint: op('shared_sharepointonline', 'shared_sharepointonline', 'CreateFile', {
            dataset: p(...ENV.site),
            folderPath: '/Shared Documents/Exports⟦-env cloud/environment-specific-value: a folder inside the site from the environment variable⟧',
            name: "suppliers-@{formatDateTime(utcNow(), 'yyyyMMdd')}.csv",
            body: "@body('Create_CSV_table')",
          }, { runAfter: { Create_export_file: ['Succeeded'] } }),
          Push_to_the_search_index: {
            runAfter: { Copy_export_to_SharePoint: ['Succeeded'] },
            type: 'Http',
            inputs: {
              method: 'POST',
              uri: 'http://10.30.8.21:9200/suppliers/_bulk⟦+mach cloud/hardcoded-machine: Elasticsearch node addressed by IP⟧',
              headers: {
                'Content-Type': 'application/x-ndjson',
                Authorization: 'ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==⟦+cred cloud/plaintext-secret: an Elasticsearch API key in the Authorization header⟧',
              },
              body: "@body('Create_CSV_table')",
            },
            runtimeConfiguration: { secureData: { properties: ['inputs'] } },
          },
          Send_export_summary: op('shared_office365', 'shared_office365', 'SendEmailV2', {
            'emailMessage/To': p(...ENV.notify),
            'emailMessage/Subject': 'Supplier export finished',
            'emailMessage/Body': "<p>@{length(body('Get_suppliers_from_the_finance_database')?['value'])} suppliers exported.</p>",
          }, { runAfter: { Push_to_the_search_index: ['Succeeded'] } }),
        },
        else: { actions: {} },
      },
    },
  });
}

function archiveFlow() {
  return cloudFlowJson({
    connectionReferences: {
      shared_sharepointonline: viaReference('shared_sharepointonline', CONN.sharepoint),
      'shared_azureblob⟦~sup-embedded-blob⟧': {
        connectionName: 'shared-azureblob-8b1f6c3e-5d2a-4e7b-9c0f-1a3d5e7f9b2c⟦+@sup-embedded-blob alm cloud/embedded-connection: the Azure Blob connection is embedded in the flow instead of going through a connection reference⟧',
        source: 'Invoker',
        id: '/providers/Microsoft.PowerApps/apis/shared_azureblob',
        tier: 'NotSpecified',
      },
    },
    parameters: Object.fromEntries([
      envParam(...ENV.site, 'String', 'https://contoso.sharepoint.com/sites/Procurement-Dev'),
      envParam(...ENV.docs, 'String', 'f0c3a6e9-8d2b-4f7a-b1e4-6c9d3a0f2b75'),
    ]),
    triggers: {
      When_a_supplier_document_is_added: {
        recurrence: { frequency: 'Minute', interval: 15 },
        splitOn: "@triggerOutputs()?['body/value']",
        type: 'OpenApiConnection',
        inputs: {
          host: { connectionName: 'shared_sharepointonline', operationId: 'GetOnNewFileItems', apiId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' },
          parameters: { dataset: p(...ENV.site), table: p(...ENV.docs) },
          authentication: "@parameters('$authentication')",
        },
      },
    },
    actions: {
      Get_file_content: op('shared_sharepointonline', 'shared_sharepointonline', 'GetFileContent', {
        dataset: p(...ENV.site),
        id: "@triggerOutputs()?['body/{Identifier}']",
      }, { runAfter: {} }),
      Convert_to_PDF_A: {
        runAfter: { Get_file_content: ['Succeeded'] },
        type: 'Http',
        inputs: {
          method: 'POST',
          uri: 'http://docconv01.corp.contoso.local/api/convert?format=pdfa⟦+mach cloud/hardcoded-machine: internal conversion server docconv01⟧',
          body: "@body('Get_file_content')",
        },
      },
      Create_blob: op('shared_azureblob', 'shared_azureblob', 'CreateFile_V2', {
        dataset: 'stcontosoprocprod⟦+env cloud/environment-specific-value: the production storage account⟧',
        folderPath: "/supplier-docs/@{triggerOutputs()?['body/SupplierNumber']}",
        name: "@triggerOutputs()?['body/{FilenameWithExtension}']",
        body: "@body('Convert_to_PDF_A')",
      }, { runAfter: { Convert_to_PDF_A: ['Succeeded'] } }),
      'List_archive_container⟦+cred cloud/unsecured-secret: sends a SAS signature without secure inputs, so the run history shows it⟧': {
        runAfter: { Create_blob: ['Succeeded'] },
        type: 'Http',
        inputs: {
          method: 'GET',
          uri: 'https://stcontosoprocprod.blob.core.windows.net/supplier-docs?restype=container&comp=list&sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-06-30T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https&sig=k3Jf9%2FqLr2mZ8xWvT1yB5nC7dE0aH4sG6uI9oP2lQ%3D⟦+cred cloud/plaintext-secret: a SAS signature in the URI⟧⟦+env cloud/environment-specific-value: the production storage account host⟧',
        },
      },
    },
  });
}

export default function build(ctx) {
  const wf = (name, id) => `Workflows/${fileBase(name, id)}.json`;
  const flows = [
    { name: 'Supplier Sync - SharePoint Suppliers to Dataverse', id: IDS.sync, body: syncFlow },
    { name: 'Supplier Sync - Nightly SQL Export', id: IDS.export, body: exportFlow },
    { name: 'Supplier Sync - Archive Supplier Documents', id: IDS.archive, body: archiveFlow },
  ];
  for (const f of flows) {
    const json = wf(f.name, f.id);
    ctx.file(`${ROOT}/${json}`, f.body());
    ctx.file(`${ROOT}/${json}.data.xml`, `${XML_DECL}\n${cloudWorkflowXml({ ...f, jsonName: json.slice(10) })}\n`);
  }
  ctx.file(`${ROOT}/Other/Customizations.xml`, customizationsXml({
    connectionReferences: [
      { logicalName: CONN.sharepoint, displayName: 'Supplier Sync - SharePoint', connector: 'shared_sharepointonline' },
      { logicalName: CONN.dataverse, displayName: 'Supplier Sync - Dataverse', connector: 'shared_commondataserviceforapps' },
      { logicalName: CONN.sql, displayName: 'Supplier Sync - SQL Server (gateway)', connector: 'shared_sql' },
      { logicalName: CONN.filesystem, displayName: 'Supplier Sync - File System (gateway)', connector: 'shared_filesystem' },
      { logicalName: CONN.outlook, displayName: 'Supplier Sync - Office 365 Outlook', connector: 'shared_office365' },
      { logicalName: CONN.flowmgmt, displayName: 'Supplier Sync - Power Automate Management', connector: 'shared_flowmanagement' },
    ],
  }));
  const envVars = [
    { schemaName: 'sup_SupplierSite', displayName: ENV.site[0], type: 'String' },
    { schemaName: 'sup_SupplierList', displayName: ENV.list[0], type: 'DataSource', apiId: '/providers/microsoft.powerapps/apis/shared_sharepointonline', parameterKey: 'table', parentDefinition: 'sup_SupplierSite' },
    { schemaName: 'sup_DocumentLibrary', displayName: ENV.docs[0], type: 'DataSource', apiId: '/providers/microsoft.powerapps/apis/shared_sharepointonline', parameterKey: 'table', parentDefinition: 'sup_SupplierSite' },
    { schemaName: 'sup_SyncBatchSize', displayName: ENV.batch[0], type: 'Number', defaultValue: '100' },
    { schemaName: 'sup_FieldMapping', displayName: ENV.mapping[0], type: 'JSON' },
    { schemaName: 'sup_ExportEnabled', displayName: ENV.exportEnabled[0], type: 'Boolean', defaultValue: 'yes' },
    { schemaName: 'sup_NotificationAddress', displayName: ENV.notify[0], type: 'String' },
    { schemaName: 'sup_TenantId', displayName: ENV.tenant[0], type: 'String' },
    { schemaName: 'sup_BcClientId', displayName: ENV.bcClient[0], type: 'String' },
    { schemaName: 'sup_BcClientSecret', displayName: 'Business Central Client Secret', type: 'Secret', secretStore: 0, description: 'Client secret of the Business Central app registration.' },
  ];
  for (const v of envVars) ctx.file(`${ROOT}/environmentvariabledefinitions/${v.schemaName}/environmentvariabledefinition.xml`, envVarXml(v));
  ctx.file(`${ROOT}/environmentvariabledefinitions/sup_SupplierSite/environmentvariablevalues.json`,
    envVarValuesJson('https://contoso.sharepoint.com/sites/Procurement-Dev⟦+alm solution/committed-env-var-value: the Dev site was exported as the current value and would be imported into Test and Prod⟧', 'sup_SupplierSite/value'));
  ctx.file(`${ROOT}/environmentvariabledefinitions/sup_SyncBatchSize/environmentvariablevalues.json`,
    envVarValuesJson('200⟦+alm solution/committed-env-var-value: current value committed with the definition⟧', 'sup_SyncBatchSize/value'));

  ctx.file(`${ROOT}/Other/Solution.xml`, solutionXml({
    uniqueName: 'SupplierSync', displayName: 'Supplier Sync', version: '3.0.1.7', publisher: PUBLISHER,
    description: 'Keeps suppliers in SharePoint, Dataverse, Business Central and the finance database in step.',
    rootComponents: [...flows.map(f => ({ type: 29, id: f.id })), ...envVars.map(v => ({ type: 380, schemaName: v.schemaName }))],
  }));

  const conns = env => [
    [CONN.sharepoint, 'shared_sharepointonline'], [CONN.dataverse, 'shared_commondataserviceforapps'], [CONN.sql, 'shared_sql'],
    [CONN.filesystem, 'shared_filesystem'], [CONN.outlook, 'shared_office365'], [CONN.flowmgmt, 'shared_flowmanagement'],
  ].map(([LogicalName, c]) => ({ LogicalName, ConnectionId: hex32(`sup-${c}-${env}`), ConnectorId: `/providers/Microsoft.PowerApps/apis/${c}` }));
  const kv = (env, sub) => `/subscriptions/${sub}/resourceGroups/rg-procurement-${env}/providers/Microsoft.KeyVault/vaults/kv-contoso-proc-${env}/secrets/bc-client-secret`;
  const settings = {
    Dev: {
      sup_SupplierSite: 'https://contoso.sharepoint.com/sites/Procurement-Dev',
      sup_SupplierList: '9b4e2c7a-1f5d-4a3b-8e6c-0d2f4a6b8c19',
      sup_DocumentLibrary: 'f0c3a6e9-8d2b-4f7a-b1e4-6c9d3a0f2b75',
      sup_SyncBatchSize: '50',
      sup_FieldMapping: '{"TaxId":"vat_number","PaymentTerms":"paymenttermscode"}',
      sup_ExportEnabled: 'no',
      sup_NotificationAddress: 'procurement-dev@contoso.com',
      sup_TenantId: 'a1f3c5e7-2b4d-4f6a-8c0e-9d1b3f5a7c2e',
      sup_BcClientId: '5d8b2e4f-7a1c-4e9d-b3f6-2c8a0e4d6b71',
      sup_BcClientSecret: kv('dev', '2f5c8a91-7d3e-4b6a-9c1f-0e8d7b6a5c43'),
    },
    Test: {
      sup_SupplierSite: 'https://contoso.sharepoint.com/sites/Procurement-Test',
      sup_SupplierList: '2e7c5a9d-4b1f-4d6e-a8c3-7f0b2d4e6a81',
      sup_DocumentLibrary: '4b8e1d5a-2c7f-4a9e-8d3b-0f6c2a9e5d17',
      sup_SyncBatchSize: '200',
      sup_FieldMapping: '{"TaxId":"vat_number","PaymentTerms":"paymenttermscode"}',
      sup_ExportEnabled: 'yes',
      sup_NotificationAddress: 'procurement-test@contoso.com',
      sup_TenantId: 'a1f3c5e7-2b4d-4f6a-8c0e-9d1b3f5a7c2e',
      sup_BcClientId: '8a2f6c4e-1d9b-4b3a-9e7c-5f0d2b8a4c63',
      sup_BcClientSecret: kv('test', '2f5c8a91-7d3e-4b6a-9c1f-0e8d7b6a5c43'),
    },
    Prod: {
      sup_SupplierSite: 'https://contoso.sharepoint.com/sites/Procurement',
      sup_SupplierList: '6d1a8f3c-9e2b-4c5d-b7a0-3e6f9c2d5b14',
      sup_DocumentLibrary: 'c5a2e8f1-6b3d-4e0a-9f7c-1d4b8e2a6c39',
      sup_SyncBatchSize: '500',
      sup_FieldMapping: '{"TaxId":"vat_number","PaymentTerms":"paymenttermscode","IsTestSupplier":"sup_istestsupplier"}⟦-alm settings/environment-bleed: "Test" is part of a column name, not another environment⟧',
      sup_ExportEnabled: 'yes',
      sup_NotificationAddress: 'devon.miller@contoso.com⟦-alm settings/environment-bleed: a person called Devon, not a dev mailbox⟧',
      sup_TenantId: 'a1f3c5e7-2b4d-4f6a-8c0e-9d1b3f5a7c2e',
      sup_BcClientId: '3c9e1b7d-5a2f-4e8c-a6d0-9b4f2e7c1a58',
      sup_BcClientSecret: kv('prod', '7a1e3c5b-9d2f-4e8a-b6c0-1f3e5d7b9a2c'),
    },
  };
  for (const [env, values] of Object.entries(settings)) {
    ctx.file(`${ROOT}/config/${env}/deploymentSettings.json`, settingsText({
      EnvironmentVariables: Object.entries(values).map(([SchemaName, Value]) => ({ SchemaName, Value })),
      ConnectionReferences: conns(env),
    }) + '\n');
  }
}
