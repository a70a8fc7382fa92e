import rule from '../../../server/src/rules/pad/hardcoded-machine';
import { ruleTester } from '../../support/rule-tester';

const DEF = `@@ConnectionString: ''\n@@Type: 'Local'\n@@DesktopType: 'local'\n@@DisplayName: 'Local computer'\n`;
const WEB = `Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' ResponseHeaders=> Headers Response=> Body StatusCode=> Status`;
const LOCAL_DESKTOP = `$'''{\\"DisplayName\\":\\"Local computer\\",\\"Route\\":{\\"ServerType\\":\\"Local\\",\\"ServerAddress\\":\\"\\"},\\"DesktopType\\":\\"local\\"}'''`;
const REMOTE_DESKTOP = `$'''{\\"DisplayName\\":\\"Citrix finance\\",\\"Route\\":{\\"ServerType\\":\\"Remote\\",\\"ServerAddress\\":\\"ctx-fin-07.contoso.local\\"},\\"DesktopType\\":\\"remote\\"}'''`;

ruleTester(rule, {
  valid: [
    {
      name: 'Power Fx texts escape like $\'\'\'…\'\'\' strings (\\\\ is one backslash): not a UNC path; a formula is computed at run time',
      script: `Folder.GetFiles Folder: $fx'\\\\server\\\\share' FileFilter: $fx'*' Files=> Files
SET ShareRoot TO $fx'=Concatenate(ShareHost, "\\\\in")'`,
    },
    {
      name: 'loopback URLs and local SQL Server instances',
      script: `Web.InvokeWebService.InvokeWebService Url: $'''http://localhost:8080/api/health''' ${WEB}
Web.InvokeWebService.InvokeWebService Url: $'''http://127.0.0.1/status''' ${WEB}
Database.Connect.Connect ConnectionString: $'''Server=.;Database=Queue;Integrated Security=True''' Connection=> C1
Database.Connect.Connect ConnectionString: $'''Data Source=(local)\\\\SQLEXPRESS;Initial Catalog=Queue;Integrated Security=SSPI''' Connection=> C2
Database.Connect.Connect ConnectionString: $'''Server=(localdb)\\\\MSSQLLocalDB;Database=Queue;Trusted_Connection=True''' Connection=> C3`,
    },
    {
      name: 'drive paths are environment-specific paths, not machines',
      script: `Folder.GetFiles Folder: $'''C:\\\\RPA\\\\Input''' FileFilter: $'''*.csv''' Files=> Files`,
    },
    {
      name: 'two backslashes in source are one in the value: not a UNC path',
      script: `Folder.GetFiles Folder: $'''\\\\server\\\\share''' FileFilter: $'''*''' Files=> Files`,
    },
    {
      name: 'allowed machine (flowcop.json allow.machines)',
      script: `File.Copy Files: Report Destination: $'''\\\\\\\\BUILD01\\\\drop\\\\reports''' IfFileExists: File.IfExists.Overwrite CopiedFiles=> Copied`,
      allow: { machines: ['BUILD01'] },
    },
    {
      name: 'allowed host (flowcop.json allow.hosts) and a global mail service',
      script: `Email.SendEmail.Send SMTPServer: $'''smtp.contoso.com''' Port: 25 EnableSSL: False SendFrom: $'''robot@contoso.com''' SendTo: $'''ops@contoso.com''' Subject: $'''Report''' Body: $'''Done''' IsBodyHtml: False
Email.SendEmail.Send SMTPServer: $'''smtp.office365.com''' Port: 587 EnableSSL: True SendFrom: $'''robot@contoso.com''' SendTo: $'''ops@contoso.com''' Subject: $'''Report''' Body: $'''Done''' IsBodyHtml: False`,
      allow: { hosts: ['*.contoso.com'] },
    },
    {
      name: 'TargetDesktop of the local computer and a local stored-definition header',
      script: `${DEF}UIAutomation.Windows.FocusWindow.FocusWindowByTitleClass Title: $'''Invoices''' Class: $'''''' TargetDesktop: ${LOCAL_DESKTOP}`,
    },
    {
      name: 'tenant and public URLs belong to pad/environment-specific-url',
      script: `WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://contoso.sharepoint.com/sites/Finance''' WindowState: WebAutomation.BrowserWindowState.Normal ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser`,
    },
    {
      name: 'UNC path in a log message and an email body',
      script: `Logging.LogMessage Message: $'''Copied the report to \\\\\\\\fs01\\\\reports''' LogLevel: Logging.LogLevel.InfoLevel
Email.SendEmail.Send SMTPServer: SmtpServer Port: 25 EnableSSL: False SendFrom: $'''robot@contoso.com''' SendTo: $'''ops@contoso.com''' Subject: $'''Report''' Body: $'''Find it on \\\\\\\\fs01\\\\reports today.''' IsBodyHtml: False`,
    },
    {
      name: 'server names that are variables',
      script: `File.Copy Files: Report Destination: $'''\\\\\\\\%FileServer%\\\\drop''' IfFileExists: File.IfExists.Overwrite CopiedFiles=> Copied
Database.Connect.Connect ConnectionString: $'''Server=%DbServer%;Database=Sales;Integrated Security=True''' Connection=> Conn
System.Ping HostName: TargetHost Timeout: 5000 PingReply=> Reply`,
    },
    {
      name: 'a connection string whose only literal is the password: nothing for this rule (the password is pad/plaintext-secret)',
      script: `Database.Connect.Connect ConnectionString: $'''Server=%DbServer%;Database=Sales;User Id=sa;Password=Secr3t!x''' Connection=> Conn`,
    },
    {
      name: 'scripts and command lines: hosts from variables, the machine itself, loopback, Write-Host',
      script: `Scripting.RunPowershellScript.RunPowershellScript Script: $'''Invoke-Command -ComputerName $env:COMPUTERNAME -ScriptBlock { Get-Service }
Write-Host "done"
Invoke-RestMethod -Uri "http://localhost:5080/health"
Copy-Item -Path "x.csv" -Destination "\\\\\\\\%FileServer%\\\\drop"''' ScriptOutput=> PsOut ScriptError=> PsErr
System.RunApplication.RunApplication ApplicationPath: ErpClient CommandLineArguments: $'''/server:%ErpServer% /company:1000''' WindowStyle: System.ProcessWindowStyle.Normal ProcessId=> Pid`,
    },
    {
      name: 'a public host used as the host of a URL is a URL matter, not a machine',
      script: `SET ApiHost TO $'''api.contoso.com'''
Web.InvokeWebService.InvokeWebService Url: $'''https://%ApiHost%/v1/orders''' ${WEB}`,
    },
    {
      name: 'URLs inside appmask selectors',
      script: `WebAutomation.Click.Click BrowserInstance: Browser Control: appmask['Web Page \\'http://10.0.0.12/login\\'']['Button \\'Sign in\\''] WaitForPageToLoadTimeout: 60`,
    },
    {
      name: 'disabled actions do not run',
      script: `DISABLE System.Ping HostName: $'''legacy-erp01''' Timeout: 5000 PingReply=> Reply`,
    },
  ],
  invalid: [
    {
      name: 'Power Fx texts: a UNC path stored in a variable, and the IP address of an SFTP host',
      script: `SET GlExportFolder TO $fx'\\\\\\\\fingl02\\\\exports\\\\gl'
FTP.OpenSecureConnection.ConnectWithSftpUsernameAndPassword Host: $fx'172.16.20.5' Port: $fx'=22' Username: $fx'=Cred.Username' Password: $fx'=Cred.Password' AcceptHostKey: $fx'=true' Timeout: $fx'=30' FtpConnection=> Sftp`,
      errors: [
        { text: `$fx'\\\\\\\\fingl02\\\\exports\\\\gl'`, element: 'GlExportFolder', message: /^The UNC path assigned to GlExportFolder names the file server 'fingl02'/ },
        { text: `$fx'172.16.20.5'`, message: /names the machine '172\.16\.20\.5'/ },
      ],
    },
    {
      name: 'UNC path in a file argument',
      script: `File.Copy Files: Report Destination: $'''\\\\\\\\fs01.contoso.local\\\\finance\\\\out''' IfFileExists: File.IfExists.Overwrite CopiedFiles=> Copied`,
      errors: [{ text: `$'''\\\\\\\\fs01.contoso.local\\\\finance\\\\out'''`, element: 'File.Copy', message: /^The UNC path in Destination of File\.Copy names the file server 'fs01\.contoso\.local'; keep it in an environment variable/ }],
    },
    {
      name: 'Server= of a connection string',
      script: `Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: $'''Server=sqlprod01;Database=Orders;Integrated Security=True''' Statement: $'''SELECT 1''' Timeout: 30 Result=> Rows`,
      errors: [{ text: 'sqlprod01', message: /^The connection string in ConnectionString of Database\.ExecuteSqlStatement\.ConnectAndExecute names the database server 'sqlprod01'/ }],
    },
    {
      name: 'Data Source=tcp:IP,port',
      script: `SET QueueDb TO $'''Data Source=tcp:10.20.30.40,1433;Initial Catalog=Queue;Integrated Security=True'''
Database.Connect.Connect ConnectionString: QueueDb Connection=> Conn`,
      errors: [{ text: '10.20.30.40', message: /^The connection string assigned to QueueDb \(used as ConnectionString of Database\.Connect\.Connect\) names the database server '10\.20\.30\.40'/ }],
    },
    {
      name: 'terminal host and ping host',
      script: `TerminalEmulation.OpenTerminalSession.OpenSessionUsingReflection Host: $'''mainframe01''' Port: 23 HostType: TerminalEmulation.HostType.IBM3270 Session=> Session
System.Ping HostName: $'''192.168.10.20''' Timeout: 5000 PingReply=> Reply`,
      errors: [
        { text: `$'''mainframe01'''`, message: /^Host of TerminalEmulation\.OpenTerminalSession\.OpenSessionUsingReflection names the machine 'mainframe01'/ },
        { text: `$'''192.168.10.20'''`, message: /^HostName of System\.Ping names the machine '192\.168\.10\.20'/ },
      ],
    },
    {
      name: 'IP address and single-label host in URLs',
      script: `Web.InvokeWebService.InvokeWebService Url: $'''http://10.1.2.3:8080/api/orders''' ${WEB}
SET ErpUrl TO $'''http://erpserver/api/v2'''`,
      errors: [
        { text: '10.1.2.3', message: /^The URL in Url of Web\.InvokeWebService\.InvokeWebService points at the IP address '10\.1\.2\.3'/ },
        { text: 'erpserver', message: /^The URL assigned to ErpUrl points at the internal host 'erpserver'/ },
      ],
    },
    {
      name: 'remote TargetDesktop',
      script: `UIAutomation.Windows.FocusWindow.FocusWindowByTitleClass Title: $'''Ledger''' Class: $'''''' TargetDesktop: ${REMOTE_DESKTOP}`,
      errors: [{ text: 'ctx-fin-07.contoso.local', message: /runs the action on the remote desktop 'ctx-fin-07\.contoso\.local'; run desktop flows on machine groups/ }],
    },
    {
      name: 'remote @@ConnectionString header of a stored definition',
      script: `@@ConnectionString: 'rdp-host01'\n@@Type: 'Remote'\n@@DesktopType: 'remote'\n@@DisplayName: 'Citrix'\nSET A TO 1`,
      errors: [
        { text: `'rdp-host01'`, message: /^The @@ConnectionString header binds the flow to a remote desktop/ },
        { text: `'Remote'`, message: /^The @@Type header 'Remote' binds the flow to a remote desktop/ },
      ],
    },
    {
      name: 'a UNC share prefix flowing into file actions',
      script: `SET Share TO $'''\\\\\\\\fs01\\\\drop\\\\%RunDate%'''
Folder.Create FolderPath: Share FolderName: $'''in''' Folder=> InFolder`,
      errors: [{ text: `\\\\\\\\fs01\\\\drop\\\\`, message: /^The UNC path assigned to Share \(used as FolderPath of Folder\.Create\) names the file server 'fs01'/ }],
    },
    {
      name: 'mail, Exchange, FTP and CyberArk servers',
      script: `Email.SendEmail.Send SMTPServer: $'''smtp.contoso.com''' Port: 25 EnableSSL: False SendFrom: $'''robot@contoso.com''' SendTo: $'''ops@contoso.com''' Subject: $'''Report''' Body: $'''Done''' IsBodyHtml: False
Exchange.ConnectToExchangeServer.ConnectToServer ServerVersion: Exchange.ServerVersion.Exchange2013_SP1 ServerAddress: $'''https://mail.contoso.com/EWS/Exchange.asmx''' Timeout: 30 Connection=> Exchange
FTP.OpenConnection Host: $'''ftp-dev.contoso.com''' Port: 21 ActiveMode: False FtpConnection=> Ftp
Cyberark.GetPassword.GetPassword ServerAddress: $'''cyberark.corp.local''' ApplicationId: $'''RPA''' Safe: $'''Robots''' Folder: $'''Root''' Object: $'''bot''' PlainTextPassword=> Pwd`,
      errors: [
        { text: `$'''smtp.contoso.com'''`, message: /SMTPServer of Email\.SendEmail\.Send names the machine 'smtp\.contoso\.com'/ },
        { text: 'mail.contoso.com', message: /ServerAddress of Exchange\.ConnectToExchangeServer\.ConnectToServer names the machine 'mail\.contoso\.com'/ },
        { text: `$'''ftp-dev.contoso.com'''`, message: /Host of FTP\.OpenConnection names the machine/ },
        { text: `$'''cyberark.corp.local'''`, message: /ServerAddress of Cyberark\.GetPassword\.GetPassword/ },
      ],
    },
    {
      name: 'the server of a connection string that also holds a literal password (the password is pad/plaintext-secret)',
      script: `Database.Connect.Connect ConnectionString: $'''Server=sqlprod01;Database=Sales;User Id=sa;Password=Secr3t!x''' Connection=> Conn`,
      errors: [{ text: 'sqlprod01', message: /names the database server 'sqlprod01'/ }],
      secrets: ['Secr3t!x'],
    },
    {
      name: 'HANA ServerNode= and Oracle Data Source=<TNS alias>',
      script: `SET HanaConnection TO $'''Driver={HDBODBC};ServerNode=hanadb01:30015;UID=RPA_READ;PWD=H4na!Read;'''
Database.Connect.ConnectOracle ConnectionString: $'''Data Source=ORAPRD;User Id=CREDIT_RO;Password=Or@cle-1;''' Connection=> OracleDb`,
      errors: [
        { text: 'hanadb01', message: /^The connection string assigned to HanaConnection names the database server 'hanadb01'/ },
        { text: 'ORAPRD', message: /names the database server 'ORAPRD'/ },
      ],
      secrets: ['H4na!Read', 'Or@cle-1'],
    },
    {
      name: 'a /server: switch in command-line arguments',
      script: `System.RunApplication.RunApplicationAndWaitToLoad ApplicationPath: ErpClient CommandLineArguments: $'''/server:erpapp01 /company:1000 /lang:EN''' WindowStyle: System.ProcessWindowStyle.Maximized Timeout: 60 ProcessId=> Pid`,
      errors: [{ text: 'erpapp01', message: /^CommandLineArguments of System\.RunApplication\.RunApplicationAndWaitToLoad names the machine 'erpapp01'/ }],
    },
    {
      name: 'a UNC share mapped by a DOS command, and a host in an embedded script',
      script: `Scripting.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''net use P: \\\\\\\\printsrv01\\\\labels /persistent:no''' WorkingDirectory: $'''''' StandardOutput=> Out StandardError=> Err ExitCode=> Code
Scripting.RunPythonScript.RunPythonScript PythonCode: $'''import urllib.request
print(urllib.request.urlopen("http://scoring.contoso.internal:8443/api/v2/ping").read())''' PythonVersion: Scripting.PythonVersion.Python3 ScriptOutput=> PyOut ScriptError=> PyErr
Scripting.RunPowershellScript.RunPowershellScript Script: $'''Get-Service -ComputerName fs02 -Name Spooler''' ScriptOutput=> PsOut ScriptError=> PsErr`,
      errors: [
        { text: `\\\\\\\\printsrv01\\\\labels`, message: /^The UNC path in DOSCommandOrApplication of Scripting\.RunDOSCommand\.RunDOSCommand names the file server 'printsrv01'/ },
        { text: 'scoring.contoso.internal', message: /^The URL in PythonCode of Scripting\.RunPythonScript\.RunPythonScript points at the internal host 'scoring\.contoso\.internal'/ },
        { text: 'fs02', message: /^Script of Scripting\.RunPowershellScript\.RunPowershellScript names the machine 'fs02'/ },
      ],
    },
    {
      name: 'an IP address kept in a variable and used as the host of a URL',
      script: `SET StatusHost TO $'''10.9.8.7'''
Web.InvokeWebService.InvokeWebService Url: $'''http://%StatusHost%/status''' ${WEB}`,
      errors: [{ text: `$'''10.9.8.7'''`, element: 'StatusHost', message: /^The host assigned to StatusHost \(used as the host of the URL in Url of Web\.InvokeWebService\.InvokeWebService\) names the machine '10\.9\.8\.7'/ }],
    },
    {
      name: 'a machine in a solution flow input default',
      solution: {
        desktopFlows: [{
          name: 'Archive',
          script: `${DEF}@INPUT Input_ArchiveShare : { 'Description': '', 'FriendlyName': 'Input_ArchiveShare', 'Type': 'String', 'IsOptional': True, 'DefaultValue': $'''\\\\\\\\archive01\\\\scans''' }
Folder.GetFiles Folder: Input_ArchiveShare FileFilter: $'''*.pdf''' Files=> Files`,
        }],
      },
      errors: [{ text: `$'''\\\\\\\\archive01\\\\scans'''`, element: 'Input_ArchiveShare', message: /^The UNC path as the default value of input Input_ArchiveShare \(used as Folder of Folder\.GetFiles\) names the file server 'archive01'/ }],
    },
    {
      name: 'script variables and keyword arguments named like a server (not localhost, not PowerShell $Host)',
      script: `Scripting.RunPowershellScript.RunPowershellScript Script: $'''$server = "sqlprd05"
$fallback = "localhost"
$Host.UI.RawUI.WindowTitle = "Export"''' ScriptOutput=> Out ScriptError=> Err
Scripting.RunPythonScript.RunPythonScript PythonCode: $'''import psycopg2
conn = psycopg2.connect(host="pgdb01", dbname="rpa")
local = psycopg2.connect(host="localhost")''' PythonVersion: Scripting.PythonVersion.Python3 ScriptOutput=> PyOut ScriptError=> PyErr`,
      errors: [
        { text: 'sqlprd05', message: /^Script of Scripting\.RunPowershellScript\.RunPowershellScript names the machine 'sqlprd05'/ },
        { text: 'pgdb01', message: /^PythonCode of Scripting\.RunPythonScript\.RunPythonScript names the machine 'pgdb01'/ },
      ],
    },
  ],
});
