import rule from '../../../server/src/rules/pad/environment-specific-path';
import { ruleTester } from '../../support/rule-tester';

const DEF = `@@ConnectionString: ''\n@@Type: 'Local'\n@@DesktopType: 'local'\n@@DisplayName: 'Local computer'\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'Power Fx: a formula and a path built on a variable',
      script: `File.WriteText File: $fx'=Concatenate(OutFolder, "\\\\run.log")' TextToWrite: $fx'=Line' AppendNewLine: $fx'=true' IfFileExists: File.IfFileExists.Append Encoding: File.FileEncoding.UTF8
File.WriteText File: $fx'\${OutFolder}\\\\run.log' TextToWrite: $fx'=Line' AppendNewLine: $fx'=true' IfFileExists: File.IfFileExists.Append Encoding: File.FileEncoding.UTF8`,
    },
    {
      name: 'relative paths and file names',
      script: `File.WriteText File: $'''logs\\\\run.log''' TextToWrite: Line AppendNewLine: True IfFileExists: File.IfFileExists.Append Encoding: File.FileEncoding.UTF8
Folder.Create FolderPath: OutputRoot FolderName: $'''2025-01''' Folder=> NewFolder`,
    },
    {
      name: 'paths built from variables',
      script: `Folder.GetFiles Folder: $'''%ProjectDirectory%\\\\Input''' FileFilter: $'''*.csv''' Files=> Files
File.WriteText File: $'''%USERPROFILE%\\\\Desktop\\\\out.txt''' TextToWrite: Line AppendNewLine: True IfFileExists: File.IfFileExists.Overwrite Encoding: File.FileEncoding.UTF8`,
    },
    {
      name: 'Folder.GetSpecialFolder results',
      script: `Folder.GetSpecialFolder SpecialFolder: Folder.SpecialFolder.DesktopDirectory SpecialFolderPath=> Desktop
File.Delete Files: $'''%Desktop%\\\\SanitizedTitleOutput_UTF8.txt'''`,
    },
    {
      name: 'OS paths that are the same on every machine: the Windows folder and the known folders themselves',
      script: `System.RunApplication.RunApplication ApplicationPath: $'''C:\\\\Windows\\\\System32\\\\notepad.exe''' WindowStyle: System.ProcessWindowStyle.Normal ProcessId=> Pid
SET PublicDocs TO $'''C:\\\\Users\\\\Public\\\\Documents'''
Folder.GetFiles Folder: $'''C:\\\\ProgramData''' FileFilter: $'''*.log''' Files=> Files`,
    },
    {
      name: 'paths in log messages and email bodies',
      script: `Logging.LogMessage Message: $'''Saved the report to C:\\\\Reports\\\\Sales\\\\out.xlsx''' LogLevel: Logging.LogLevel.InfoLevel
Email.SendEmail.Send SMTPServer: SmtpServer Port: 25 EnableSSL: False SendFrom: $'''robot@contoso.com''' SendTo: $'''ops@contoso.com''' Subject: $'''Report''' Body: $'''The report is in D:\\\\Shared\\\\Reports today.''' IsBodyHtml: False`,
    },
    {
      name: 'a message variable that mentions a path and never reaches a path argument',
      script: `SET Msg TO $'''Report saved to C:\\\\Reports\\\\out.xlsx'''
Display.ShowMessageDialog.ShowMessage Title: $'''Done''' Message: Msg Icon: Display.Icon.Information Buttons: Display.Buttons.OK DefaultButton: Display.DefaultButton.Button1 IsTopMost: False ButtonPressed=> Pressed`,
    },
    {
      name: 'UNC paths belong to pad/hardcoded-machine',
      script: `Folder.GetFiles Folder: $'''\\\\\\\\fs01\\\\scans''' FileFilter: $'''*.pdf''' Files=> Files`,
    },
    {
      name: 'allowed path prefixes (flowcop.json allow.paths)',
      script: `Folder.GetFiles Folder: $'''C:\\\\RPA\\\\Shared\\\\Templates''' FileFilter: $'''*.xlsx''' Files=> Files`,
      allow: { paths: ['C:\\RPA\\Shared\\'] },
    },
    {
      name: 'application names resolved by the OS',
      script: `System.RunApplication.RunApplication ApplicationPath: $'''chrome''' CommandLineArguments: $'''--incognito''' WindowStyle: System.ProcessWindowStyle.Maximized ProcessId=> Pid`,
    },
    {
      name: 'disabled actions do not run',
      script: `DISABLE Folder.GetFiles Folder: $'''C:\\\\Old\\\\Input''' FileFilter: $'''*''' Files=> Files`,
    },
    {
      name: 'a path given to a secret argument is reported as a credential only',
      script: `Access.LaunchAccess.LaunchExistingDbInAutomationMode Path: DbPath Password: $'''C:\\\\Keys\\\\pw.txt''' Visible: False Instance=> Db`,
    },
  ],
  invalid: [
    {
      name: 'Power Fx texts: the literal prefix before a ${…} interpolation, and a folder stored whole',
      script: `File.WriteText File: $fx'D:\\GLOut\\\${GlFile.NameWithoutExtension}.enc' TextToWrite: $fx'=GlEncrypted' AppendNewLine: $fx'=false' IfFileExists: File.IfFileExists.Overwrite Encoding: File.FileEncoding.UTF8
SET InputFolder TO $fx'D:\\Automation\\Input'`,
      errors: [
        { text: `D:\\GLOut\\`, message: /^The absolute path 'D:\\GLOut\\' in File of File\.WriteText/ },
        { text: `$fx'D:\\Automation\\Input'`, element: 'InputFolder', message: /^The absolute path 'D:\\Automation\\Input' assigned to InputFolder/ },
      ],
    },
    {
      name: 'absolute folder in a folder argument',
      script: `Folder.GetFiles Folder: $'''C:\\\\RPA\\\\Input''' FileFilter: $'''*.csv''' Files=> Files`,
      errors: [{ text: `$'''C:\\\\RPA\\\\Input'''`, element: 'Folder.GetFiles', message: /^The absolute path 'C:\\RPA\\Input' in Folder of Folder\.GetFiles is specific to one machine or environment; read it from an environment variable/ }],
    },
    {
      name: 'the literal prefix before an interpolation',
      script: `File.WriteText File: $'''C:\\\\RPA\\\\%Project%\\\\run.log''' TextToWrite: Line AppendNewLine: True IfFileExists: File.IfFileExists.Append Encoding: File.FileEncoding.UTF8`,
      errors: [{ text: `C:\\\\RPA\\\\`, message: /^The absolute path 'C:\\RPA\\' in File of File\.WriteText/ }],
    },
    {
      name: 'configuration value stored whole in a variable',
      script: `SET InputFolder TO $'''D:\\\\Automation\\\\Input'''`,
      errors: [{ text: `$'''D:\\\\Automation\\\\Input'''`, element: 'InputFolder', message: /^The absolute path 'D:\\Automation\\Input' assigned to InputFolder is specific/ }],
    },
    {
      name: 'a user-profile path in an Excel argument',
      script: `Excel.LaunchExcel.LaunchAndOpen Path: $'''C:\\\\Users\\\\jdoe\\\\Documents\\\\Budget.xlsx''' Visible: True ReadOnly: False Instance=> Excel`,
      errors: [{ text: `$'''C:\\\\Users\\\\jdoe\\\\Documents\\\\Budget.xlsx'''`, message: /points into one user's profile/ }],
    },
    {
      name: 'a path flowing into a file argument through a variable',
      script: `SET Target TO $'''Output D:\\\\Out\\\\result.csv'''
SET TargetFile TO Target
File.WriteText File: TargetFile TextToWrite: Line AppendNewLine: True IfFileExists: File.IfFileExists.Overwrite Encoding: File.FileEncoding.UTF8`,
      errors: [{ text: `D:\\\\Out\\\\result.csv`, message: /assigned to Target \(used as File of File\.WriteText\)/ }],
    },
    {
      name: 'paths in command-line arguments and a working directory',
      script: `System.RunApplication.RunApplication ApplicationPath: $'''notepad.exe''' CommandLineArguments: $'''"E:\\\\Data\\\\notes.txt"''' WorkingDirectory: $'''E:\\\\Data''' WindowStyle: System.ProcessWindowStyle.Normal ProcessId=> Pid`,
      errors: [
        { text: `E:\\\\Data\\\\notes.txt`, message: /in CommandLineArguments of System\.RunApplication\.RunApplication/ },
        { text: `$'''E:\\\\Data'''`, message: /in WorkingDirectory of System\.RunApplication\.RunApplication/ },
      ],
    },
    {
      name: 'file database in a connection string',
      script: `Database.Connect.Connect ConnectionString: $'''Data Source=C:\\\\RPA\\\\queue.sqlite;Version=3;''' Connection=> Conn`,
      errors: [{ text: `C:\\\\RPA\\\\queue.sqlite`, message: /^The absolute path 'C:\\RPA\\queue\.sqlite' in ConnectionString of Database\.Connect\.Connect/ }],
    },
    {
      name: 'custom-object configuration and a list of folders',
      script: `SET Config TO {'InputFolder': $'''C:\\\\RPA\\\\In''', 'Retries': 3}
SET Watch TO [$'''D:\\\\Drop\\\\A''', $'''D:\\\\Drop\\\\B''']`,
      errors: [
        { text: `$'''C:\\\\RPA\\\\In'''`, message: /assigned to Config\['InputFolder'\]/ },
        { text: `$'''D:\\\\Drop\\\\A'''`, message: /assigned to Watch/ },
        { text: `$'''D:\\\\Drop\\\\B'''`, message: /assigned to Watch/ },
      ],
    },
    {
      name: 'input default value in a stored definition and a PDF argument',
      solution: {
        desktopFlows: [{
          name: 'Statements',
          script: `${DEF}@INPUT Input_Folder : { 'Description': '', 'FriendlyName': 'Input_Folder', 'Type': 'String', 'IsOptional': True, 'DefaultValue': $'''C:\\\\RPA\\\\Statements''' }
Pdf.ExtractTextFromPDF.ExtractText PDFFile: $'''C:\\\\RPA\\\\Statements\\\\march.pdf''' PageSelection: Pdf.PageSelection.All ExtractedText=> Text`,
        }],
      },
      errors: [
        { text: `$'''C:\\\\RPA\\\\Statements'''`, element: 'Input_Folder', message: /as the default value of input Input_Folder/ },
        { text: `$'''C:\\\\RPA\\\\Statements\\\\march.pdf'''`, message: /in PDFFile of Pdf\.ExtractTextFromPDF\.ExtractText/ },
      ],
    },
    {
      name: 'screenshot and archive paths',
      script: `WebAutomation.TakeScreenshot.TakeScreenshotSaveToFile BrowserInstance: Browser File: $'''C:\\\\PAD-Labs\\\\output\\\\proof.png''' FileFormat: WebAutomation.FileFormat.Png
Compression.ZipFiles ArchivePath: $'''F:\\\\Archive\\\\%Month%.zip''' FilesOrFoldersToZip: Files CompressionLevel: Compression.CompressionLevel.BestBalanceOfSpeedAndCompression ArchiveComment: $'''''' ZipFile=> Zip`,
      errors: [
        { text: `$'''C:\\\\PAD-Labs\\\\output\\\\proof.png'''`, message: /in File of WebAutomation\.TakeScreenshot\.TakeScreenshotSaveToFile/ },
        { text: `F:\\\\Archive\\\\`, message: /in ArchivePath of Compression\.ZipFiles/ },
      ],
    },
    {
      name: 'installation paths under Program Files and files under C:\\Users\\Public (pad-script.md: D:\\Program Files\\Contoso, Inc\\…)',
      script: `System.RunApplication.RunApplication ApplicationPath: $'''C:\\\\Program Files\\\\Microsoft Office\\\\root\\\\Office16\\\\EXCEL.EXE''' WindowStyle: System.ProcessWindowStyle.Normal ProcessId=> Pid
SET ErpClientPath TO $'''C:\\\\Program Files (x86)\\\\Contoso\\\\ERP Client\\\\ErpClient.exe'''
System.RunApplication.RunApplicationAndWaitToLoad ApplicationPath: ErpClientPath CommandLineArguments: $'''/company:1000''' WorkingDirectory: $'''C:\\\\Program Files (x86)\\\\Contoso\\\\ERP Client''' WindowStyle: System.ProcessWindowStyle.Maximized Timeout: 60 ProcessId=> ErpPid
File.WriteText File: $'''C:\\\\Users\\\\Public\\\\Documents\\\\CreditCheck\\\\audit.log''' TextToWrite: Line AppendNewLine: True IfFileExists: File.IfFileExists.Append Encoding: File.FileEncoding.UTF8`,
      errors: [
        { text: `$'''C:\\\\Program Files\\\\Microsoft Office\\\\root\\\\Office16\\\\EXCEL.EXE'''`, message: /in ApplicationPath of System\.RunApplication\.RunApplication is specific to one machine/ },
        { text: `$'''C:\\\\Program Files (x86)\\\\Contoso\\\\ERP Client\\\\ErpClient.exe'''`, message: /assigned to ErpClientPath \(used as ApplicationPath of System\.RunApplication\.RunApplicationAndWaitToLoad\)/ },
        { text: `$'''C:\\\\Program Files (x86)\\\\Contoso\\\\ERP Client'''`, message: /in WorkingDirectory of/ },
        { text: `$'''C:\\\\Users\\\\Public\\\\Documents\\\\CreditCheck\\\\audit.log'''`, message: /in File of File\.WriteText is specific to one machine or environment/ },
      ],
    },
    {
      name: 'the file of a connection string that also holds a literal password (the password is pad/plaintext-secret)',
      script: `Database.Connect.Connect ConnectionString: $'''Data Source=C:\\\\RPA\\\\queue.db;Password=Hunter2Hunter2''' Connection=> Conn`,
      errors: [{ text: `C:\\\\RPA\\\\queue.db`, message: /^The absolute path 'C:\\RPA\\queue\.db' in ConnectionString of Database\.Connect\.Connect/ }],
      secrets: ['Hunter2Hunter2'],
    },
    {
      name: 'a drive path in a DOS command line stops before the next switch',
      script: `Scripting.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''robocopy D:\\\\Exports\\\\Out E:\\\\Backup /MIR''' WorkingDirectory: $'''''' StandardOutput=> Out StandardError=> Err ExitCode=> Code`,
      errors: [
        { text: `D:\\\\Exports\\\\Out`, message: /in DOSCommandOrApplication of Scripting\.RunDOSCommand\.RunDOSCommand/ },
        { text: `E:\\\\Backup`, message: /in DOSCommandOrApplication of Scripting\.RunDOSCommand\.RunDOSCommand/ },
      ],
    },
  ],
});
