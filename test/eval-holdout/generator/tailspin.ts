// Tailspin Toys — freight booking: bookings from an Excel workbook entered in SAP GUI (VT01N),
// carrier booked on CarrierHub; a cloud flow answers rate requests. Layout: a packed solution .zip
// committed as is, with config/<Env>/deploymentSettings.json beside it (Test and Prod only).
import { cloudFile, connRef, envParam, guid, host, json, meta, robin, type Solution, writeSolution, writeText } from './lib';

const DIR = 'TailspinFreightBooking';

const bookingScript = robin(String.raw`
@@ConnectionString: ''
@@Type: 'Local'
@@DesktopType: 'local'
@@DisplayName: 'Local computer'
IMPORT 'controlRepo.appmask' AS appmask
IMPORT 'imageRepo.imgrepo' AS imgrepo
@SENSITIVE: [SapPassword]
@INPUT Input_BookingWorkbook : { 'Description': 'Workbook with the bookings of the week (downloaded from the Logistics library).', 'FriendlyName': 'Input_BookingWorkbook', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } 
@OUTPUT Output_BookedShipments : { 'Description': 'Number of shipments created.', 'FriendlyName': 'Output_BookedShipments', 'Type': 'Numeric' } 
# Reads the weekly freight bookings, creates the shipments in SAP GUI (VT01N) and books the carrier on CarrierHub.
SET BookedCount TO 0
**REGION Read bookings and rates
Excel.LaunchExcel.LaunchAndOpen Path: Input_BookingWorkbook Visible: False ReadOnly: True LoadAddInsAndMacros: False Instance=> BookingBook ⟦-environment-specific|lgx-trap-workbook-input|Path is a flow input⟧
Excel.ReadFromExcel.ReadAllCells Instance: BookingBook ReadAsText: True FirstLineIsHeader: True RangeValue=> Bookings
Excel.CloseExcel.Close Instance: BookingBook
Excel.LaunchExcel.LaunchAndOpen Path: $'''C:\\Users\\jdoe\\OneDrive - Tailspin Toys\\Freight\\CarrierRates.xlsx''' Visible: False ReadOnly: True LoadAddInsAndMacros: False Instance=> RatesBook ⟦+pad/environment-specific-path|lgx-book-onedrive-rates|workbook in the OneDrive folder of one user⟧
Excel.ReadFromExcel.ReadAllCells Instance: RatesBook ReadAsText: True FirstLineIsHeader: True RangeValue=> CarrierRates
Excel.CloseExcel.Close Instance: RatesBook
File.ReadTextFromFile.ReadText File: $'''config\\freight.json''' Encoding: File.TextFileEncoding.UTF8 Content=> ConfigJson ⟦-environment-specific|lgx-trap-relative-config|relative path⟧
Variables.ConvertJsonToCustomObject Json: ConfigJson CustomObject=> FreightConfig
**ENDREGION
**REGION Create shipments in SAP
SET SapPassword TO $'''Frgt!SAP-2025''' ⟦+pad/plaintext-secret|lgx-book-sap-password|SAP password written literally (the variable is sensitive, the literal is not protected)⟧
System.RunApplication.RunApplication ApplicationPath: $'''saplogon.exe''' WindowStyle: System.ProcessWindowStyle.Maximized TargetDesktop: $'''{\"DisplayName\":\"CTX-SAPGUI-02\",\"Route\":{\"ServerType\":\"Citrix\",\"ServerAddress\":\"ctx-sapgui-02.tailspin.local\"},\"DesktopType\":\"remote\"}''' ProcessId=> SapLogonProcess ⟦+pad/hardcoded-machine|lgx-book-remote-target-desktop|remote (Citrix) target desktop with a fixed server address⟧ ⟦-environment-specific|lgx-trap-saplogon-relative|application name without a path⟧
SAP.SapLogin.SapLogInOptionSingle Description: $'''Tailspin ERP''' Server: $'''SAPPRD-CI01''' Client: $'''100''' Username: $'''RPA_FREIGHT''' Password: SapPassword Language: $'''EN''' SapSession=> SapSession ⟦+pad/hardcoded-machine|lgx-book-sap-server|SAP application server named in the login⟧
UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['SAP Easy Access']['Edit okcd'] Text: $'''/nVT01N''' Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick Timeout: 10
MouseAndKeyboard.SendKeys.FocusAndSendKeys TextToSend: $'''{Enter}''' DelayBetweenKeystrokes: 10 SendTextAsHardwareKeys: False
LOOP FOREACH Booking IN Bookings
    UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Create Shipment']['Edit Shipment type'] Text: Booking['ShipmentType'] Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick Timeout: 10
    UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Create Shipment']['Edit Transportation planning point'] Text: Booking['PlanningPoint'] Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick Timeout: 10
    MouseAndKeyboard.SendKeys.FocusAndSendKeys TextToSend: $'''{Control}({S})''' DelayBetweenKeystrokes: 10 SendTextAsHardwareKeys: False
    Variables.IncreaseVariable Value: BookedCount IncrementValue: 1
END
**ENDREGION
**REGION Book the carrier
SET CarrierHubPassword TO FreightConfig['carrierHub']['password'] ⟦+pad/sensitive-not-marked|lgx-book-carrierhub-password|password read from the config file into CarrierHubPassword, which is not sensitive and is typed into the password box⟧
WebAutomation.LaunchChrome.LaunchChrome Url: $'''https://tailspin-freight.carrierhub.io/bookings/new''' WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> CarrierHub ⟦+pad/environment-specific-url|lgx-book-carrierhub-tenant-url|tenant subdomain of the carrier portal⟧
WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: CarrierHub Control: appmask['Web Page \'https://tailspin-freight.carrierhub.io/login\'']['Input password'] Text: CarrierHubPassword EmulateTyping: True UnfocusAfterPopulate: True Mode: WebAutomation.PopulateTextMode.Replace ⟦-environment-specific|lgx-trap-selector-url|URL inside a recorded UI element name⟧
WebAutomation.Click.Click BrowserInstance: CarrierHub Control: appmask['Web Page \'https://tailspin-freight.carrierhub.io/login\'']['Button Log in'] WaitForPageToLoadTimeout: 60
LOOP FOREACH Booking IN Bookings
    Web.InvokeWebService.InvokeWebService Url: $'''https://atlas.microsoft.com/search/address/json?api-version=1.0&query=%Booking['DeliveryAddress']%''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''subscription-key: 2mRk8XvQ7pL0tZ3wN6yB9cF1hJ4sD5gA''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: False EncodeRequestBody: False UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> AtlasHeaders Response=> AtlasResponse StatusCode=> AtlasStatus ⟦+pad/plaintext-secret|lgx-book-azure-maps-key|Azure Maps subscription key written in CustomHeaders⟧ ⟦-environment-specific|lgx-trap-azure-maps-global|atlas.microsoft.com is a global endpoint⟧
    WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: CarrierHub Control: appmask['Web Page \'New booking\'']['Input Reference'] Text: Booking['Reference'] EmulateTyping: False UnfocusAfterPopulate: True Mode: WebAutomation.PopulateTextMode.Replace
    WebAutomation.Click.Click BrowserInstance: CarrierHub Control: appmask['Web Page \'New booking\'']['Button Submit'] WaitForPageToLoadTimeout: 60
END
WebAutomation.CloseWebBrowser BrowserInstance: CarrierHub
**ENDREGION
SET Output_BookedShipments TO BookedCount
`);

const sol: Solution = {
  dir: DIR,
  layout: 'zip',
  uniqueName: 'TailspinFreightBooking',
  displayName: 'Tailspin Freight Booking',
  description: 'Freight bookings in SAP and CarrierHub, carrier rate requests.',
  version: '1.4.0.2',
  publisher: { uniqueName: 'tailspintoys', displayName: 'Tailspin Toys', prefix: 'lgx', optionValuePrefix: 48211 },
  envVars: [
    { schemaName: 'lgx_DefaultIncoterm', displayName: 'Default Incoterm', description: 'Incoterm used when a request names none.', type: 100000000, defaultValue: 'DAP' },
    { schemaName: 'lgx_CarrierHubBaseUrl', displayName: 'CarrierHub Base Url', description: 'Base URL of the CarrierHub API.', type: 100000000,
      mark: '⟦+solution/unused-reference|lgx-unused-carrierhub-url|environment variable created for the CarrierHub URL but never used (the flow hard-codes it)⟧' },
  ],
  connRefs: [
    { logicalName: 'lgx_sharedsharepointonline_1b3d5', displayName: 'SharePoint - Logistics', connectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' },
    { logicalName: 'lgx_sharedfilesystem_9e7c2', displayName: 'File System - Freight share', connectorId: '/providers/Microsoft.PowerApps/apis/shared_filesystem' },
  ],
  desktopFlows: [{ name: 'Freight - Book Shipment in SAP', id: guid('lgx-booking'), script: bookingScript, description: 'Creates shipments in SAP and books carriers.' }],
  cloudFlows: [],
};

sol.cloudFlows.push({
  name: 'Freight - Carrier Rate Request',
  id: guid('lgx-rates'),
  description: 'HTTP-triggered: returns CarrierHub rates for a lane and keeps the response.',
  json: cloudFile(
    {
      shared_sharepointonline: connRef('lgx_sharedsharepointonline_1b3d5', 'shared_sharepointonline'),
      shared_filesystem: connRef('lgx_sharedfilesystem_9e7c2', 'shared_filesystem'),
    },
    [envParam('Default Incoterm', 'lgx_DefaultIncoterm', 'String', 'DAP')],
    {
      manual: {
        metadata: meta('lgx-rates-trigger'),
        type: 'Request',
        kind: 'Http',
        inputs: {
          triggerAuthenticationType: 'All',
          schema: {
            $schema: 'http://json-schema.org/draft-04/schema#⟦-environment-specific|lgx-trap-json-schema-url|JSON schema URL⟧',
            type: 'object',
            properties: { origin: { type: 'string' }, destination: { type: 'string' }, weightKg: { type: 'number' }, incoterm: { type: 'string' } },
            required: ['origin', 'destination', 'weightKg'],
          },
        },
      },
    },
    {
      Get_carrier_matrix: {
        runAfter: {},
        metadata: meta('lgx-rates-a1'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_sharepointonline', 'shared_sharepointonline', 'GetFileContentByPath'),
          parameters: {
            dataset: 'https://tailspintoys.sharepoint.com/sites/Logistics⟦+cloud/environment-specific-value|lgx-rates-sp-site|SharePoint site hard-coded in GetFileContentByPath⟧',
            path: '/Shared Documents/Rates/CarrierMatrix.xlsx⟦-environment-specific|lgx-trap-library-path|site-relative file path⟧',
            inferContentType: true,
          },
          authentication: "@parameters('$authentication')",
        },
      },
      'Request_rates_from_CarrierHub⟦-credential|lgx-trap-rates-secured|HTTP with a credential, secure inputs and outputs set⟧': {
        runAfter: { Get_carrier_matrix: ['Succeeded'] },
        metadata: meta('lgx-rates-a2'),
        type: 'Http',
        inputs: {
          method: 'POST',
          uri: 'https://api.carrierhub.io/v3/rates⟦+cloud/environment-specific-value|lgx-rates-carrierhub-url|non-global API host hard-coded (an environment variable exists for it)⟧',
          headers: { 'Content-Type': 'application/json' },
          body: {
            origin: "@triggerBody()?['origin']",
            destination: "@triggerBody()?['destination']",
            weightKg: "@triggerBody()?['weightKg']",
            incoterm: "@{coalesce(triggerBody()?['incoterm'], parameters('Default Incoterm (lgx_DefaultIncoterm)'))}",
          },
          authentication: { type: 'Raw', value: 'Bearer ch_live_51NzQ8kLmR2vX7pT4yW9sB3dF6gH1jK0⟦+cloud/plaintext-secret|lgx-rates-raw-bearer|live API token written in Raw authentication⟧' },
        },
        runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } },
      },
      Save_rate_response: {
        runAfter: { Request_rates_from_CarrierHub: ['Succeeded'] },
        metadata: meta('lgx-rates-a3'),
        type: 'OpenApiConnection',
        inputs: {
          host: host('shared_filesystem', 'shared_filesystem', 'CreateFile'),
          parameters: {
            folderPath: 'D:\\Freight\\RateResponses⟦+cloud/environment-specific-value|lgx-rates-local-path|absolute D: path in the file-system action⟧',
            name: "@{triggerBody()?['origin']}-@{triggerBody()?['destination']}-@{utcNow('yyyyMMddHHmm')}.json",
            body: "@body('Request_rates_from_CarrierHub')",
          },
          authentication: "@parameters('$authentication')",
        },
      },
      Response: {
        runAfter: { Save_rate_response: ['Succeeded'] },
        metadata: meta('lgx-rates-a4'),
        type: 'Response',
        kind: 'Http',
        inputs: { statusCode: 200, body: "@body('Request_rates_from_CarrierHub')" },
      },
    },
  ),
});

export function build(): void {
  writeSolution(sol);
  const sp = { Test: 'shared-sharepointonl-9d5b1f7c-3e0a-4c6d-b2f8-5a7c9e1b3d46', Prod: 'shared-sharepointonl-9d5b1f7c-3e0a-4c6d-b2f8-5a7c9e1b3d46⟦+settings/shared-connection|lgx-prod-sharepoint-shared|Prod binds SharePoint to the Test connection⟧' };
  const fs = { Test: 'shared-filesystem-4c0e6a2d-8f5b-4d1c-9a7e-2b4d6f8a0c39', Prod: '⟦+settings/missing-value|lgx-prod-filesystem-empty|Prod settings leave the file-system connection unbound⟧' };
  for (const env of ['Test', 'Prod'] as const) {
    writeText(`${DIR}/config/${env}/deploymentSettings.json`, json({
      EnvironmentVariables: [
        { SchemaName: 'lgx_DefaultIncoterm', Value: 'DAP' + (env === 'Prod' ? '⟦-alm:settings/environment-bleed|lgx-trap-same-incoterm|the same business value in Test and Prod is normal⟧' : '') },
        { SchemaName: 'lgx_CarrierHubBaseUrl', Value: env === 'Prod' ? 'https://sandbox.carrierhub.io⟦+settings/environment-bleed|lgx-prod-carrierhub-sandbox|Prod settings point at the CarrierHub sandbox⟧' : 'https://sandbox.carrierhub.io' },
      ],
      ConnectionReferences: [
        { LogicalName: 'lgx_sharedsharepointonline_1b3d5', ConnectionId: sp[env] + (env === 'Test' ? '⟦^lgx-prod-sharepoint-shared⟧' : ''), ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' },
        { LogicalName: 'lgx_sharedfilesystem_9e7c2', ConnectionId: fs[env], ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_filesystem' },
      ],
    }));
  }
}
