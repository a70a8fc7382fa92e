// Desktop-flow scripts for the benchmark trees: the statements real exports hold (files, Excel, browser,
// loops, conditions, error blocks, subflows), with exactly the planned number of lines. Values that
// differ per environment arrive as flow inputs; the planted findings (a password, a machine, a user's
// folder, a Dev URL) are the only literals a rule should report.

const BS = '\\\\'; // one backslash as the script text writes it inside $'''…'''

const VERBS = ['Load', 'Check', 'Archive', 'Enter', 'Export', 'Merge', 'Notify', 'Reconcile', 'Scan', 'Submit'];
const NOUNS = ['Invoice', 'Order', 'Vendor', 'Payment', 'Report', 'Shipment', 'Claim', 'Ticket', 'Receipt', 'Contract'];

/** Single-line statements; `n` makes names unique, `indent` is the block depth. */
const STATEMENTS = [
  (n, v) => [`SET ${v.counter} TO ${v.counter} + 1`],
  (n, v) => [`Text.Replace Text: ${v.text} TextToFind: $'''#${n}''' IsRegEx: False IgnoreCase: False ReplaceWith: $'''${n}''' ActivateEscapeSequences: False Result=> ${v.text}`],
  (n) => [`DateTime.GetCurrentDateTime.Local DateTimeFormat: DateTime.DateTimeFormat.DateAndTime CurrentDateTime=> Now${n}`],
  (n, v) => [`Variables.AddItemToList Item: $'''step ${n}''' List: ${v.list}`],
  (n, v) => [`File.WriteText File: $'''%Input_WorkFolder%${BS}log${n % 7}.txt''' TextToWrite: $'''%Now% step ${n}: %${v.counter}%''' AppendNewLine: True IfFileExists: File.IfFileExists.Append Encoding: File.FileEncoding.UTF8`],
  (n) => [`# Step ${n}: keep the work folder tidy before the next document`],
  (n, v) => [`Text.SplitText.Split Text: ${v.text} StandardDelimiter: Text.StandardDelimiter.NewLine DelimiterTimes: 1 Result=> Parts${n}`],
  (n) => [`WAIT ${1 + (n % 3)}`],
];

/** Multi-line blocks; each returns its lines (indentation added by the caller). */
const BLOCKS = [
  (n, v) => [
    `IF ${v.counter} > ${n % 9} THEN`,
    `    SET Status${n} TO $'''processed'''`,
    `    Variables.AddItemToList Item: Status${n} List: ${v.list}`,
    'ELSE',
    `    SET Status${n} TO $'''skipped'''`,
    'END',
  ],
  (n) => [
    `Folder.GetFiles Folder: $'''%Input_WorkFolder%${BS}in''' FileFilter: $'''*.pdf''' IncludeSubfolders: False FailOnAccessDenied: True SortBy1: Folder.SortBy.NoSort SortDescending1: False SortBy2: Folder.SortBy.NoSort SortDescending2: False SortBy3: Folder.SortBy.NoSort SortDescending3: False Files=> Files${n}`,
    `LOOP FOREACH CurrentFile${n} IN Files${n}`,
    `    File.Move Files: CurrentFile${n} Destination: $'''%Input_WorkFolder%${BS}done''' IfFileExists: File.IfExists.Overwrite MovedFiles=> Moved${n}`,
    'END',
  ],
  (n, v) => [
    `Excel.LaunchExcel.LaunchAndOpenUnderExistingProcess Path: $'''%Input_WorkFolder%${BS}book${n % 5}.xlsx''' Visible: False ReadOnly: True Instance=> Excel${n}`,
    `Excel.ReadFromExcel.ReadAllCells Instance: Excel${n} ReadAsText: False FirstLineIsHeader: True RangeValue=> Rows${n}`,
    `LOOP FOREACH Row${n} IN Rows${n}`,
    `    SET ${v.text} TO Row${n}['Number']`,
    'END',
    `Excel.CloseExcel.Close Instance: Excel${n}`,
  ],
  (n) => [
    `WebAutomation.LaunchEdge.LaunchEdge Url: Input_PortalUrl WindowState: WebAutomation.BrowserWindowState.Maximized ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser${n}`,
    `WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser${n} Control: appmask['Portal']['Search'] Text: Input_Reference EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace`,
    `WebAutomation.Click.Click BrowserInstance: Browser${n} Control: appmask['Portal']['Go'] ClickType: WebAutomation.ClickType.LeftClick MouseButton: MouseButton.Left`,
    `WebAutomation.CloseWebBrowser BrowserInstance: Browser${n}`,
  ],
  (n, v) => [
    'BLOCK ',
    'ON BLOCK ERROR all',
    `    SET ${v.counter} TO 0`,
    'END',
    `    File.ReadTextFromFile.ReadText File: $'''%Input_WorkFolder%${BS}queue${n % 4}.txt''' Encoding: File.TextFileEncoding.UTF8 Content=> ${v.text}`,
    'END',
  ],
  (n, v) => [
    `LOOP Index${n} FROM 1 TO ${2 + (n % 6)} STEP 1`,
    `    IF Index${n} = ${1 + (n % 3)} THEN`,
    '        NEXT LOOP',
    '    END',
    `    SET ${v.counter} TO ${v.counter} + Index${n}`,
    'END',
  ],
  (n) => [
    `SWITCH Input_Mode`,
    `    CASE = $'''full'''`,
    `        SET Batch${n} TO 100`,
    `    DEFAULT`,
    `        SET Batch${n} TO 10`,
    'END',
  ],
];

/** The planted findings, one line each. */
const PLANTS = {
  secret: n => `SET ErpPassword${n} TO $'''Autumn${2020 + (n % 6)}!x${n}'''`,
  machine: n => `File.Copy Files: $'''%Input_WorkFolder%${BS}out${BS}report.csv''' Destination: $'''${BS}${BS}fs${String(n % 90).padStart(2, '0')}.contoso.local${BS}finance${BS}out${n}''' IfFileExists: File.IfExists.Overwrite CopiedFiles=> Copied${n}`,
  path: n => `SET ArchiveFolder${n} TO $'''C:${BS}Users${BS}jdoe${n % 13}${BS}Documents${BS}Archive${n}'''`,
  url: n => `WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://erp-dev.contoso.com/app/${n}/start''' WindowState: WebAutomation.BrowserWindowState.Normal ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> DevBrowser${n}`,
};

export function desktopFlowName(rng) {
  return `${rng.pick(VERBS)} ${rng.pick(NOUNS)}s`;
}

/**
 * A script of exactly `lines` lines. `plants` lists the findings to plant ({ kind, seq }); `seq`
 * numbers each so every planted value differs from the others in the tree.
 */
export function desktopScript(rng, { lines, plants = [] }) {
  const header = [
    "@@ConnectionString: ''",
    "@@Type: 'Local'",
    "@@DesktopType: 'local'",
    "@@DisplayName: 'Local computer'",
    "IMPORT 'controlRepo.appmask' AS appmask",
    "IMPORT 'imageRepo.imgrepo' AS imgrepo",
    '@SENSITIVE: [Output_Message]',
    "@INPUT Input_WorkFolder : { 'Description': 'Work folder of this machine.', 'FriendlyName': 'Input_WorkFolder', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ",
    "@INPUT Input_PortalUrl : { 'Description': 'Portal of this environment.', 'FriendlyName': 'Input_PortalUrl', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ",
    "@INPUT Input_Reference : { 'Description': 'Document to process.', 'FriendlyName': 'Input_Reference', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ",
    "@INPUT Input_Mode : { 'Description': 'full or quick.', 'FriendlyName': 'Input_Mode', 'Type': 'String', 'IsOptional': True, 'DefaultValue': 'quick' } ",
    "@OUTPUT Output_Message : { 'Description': 'What happened.', 'FriendlyName': 'Output_Message', 'Type': 'String' } ",
    '# Generated for the FlowCop benchmark.',
    'SET Counter TO 0',
    "SET Summary TO $''''''",
    'Variables.CreateNewList List=> Results',
    "SET Output_Message TO $'''started'''",
  ];
  const subflowCount = rng.int(2, 4);
  const subflows = Array.from({ length: subflowCount }, (_, i) => `${rng.pick(VERBS)}${rng.pick(NOUNS)}${i}`);
  const calls = subflows.map(s => `CALL ${s}`);
  // Sections: main, then each subflow wrapped in FUNCTION … END FUNCTION (2 lines each).
  const available = lines - header.length - calls.length - plants.length - 2 * subflowCount;
  if (available < subflowCount + 1) throw new Error(`a script needs more than ${lines} lines`);
  const share = Math.floor(available / (subflowCount + 1));
  const sections = Array.from({ length: subflowCount + 1 }, (_, i) => (i === 0 ? available - share * subflowCount : share));
  const vars = { counter: 'Counter', text: 'Summary', list: 'Results' };
  let n = 0;
  const fill = budget => {
    const out = [];
    while (out.length < budget) {
      const left = budget - out.length;
      const block = left > 8 && rng.chance(0.45) ? rng.pick(BLOCKS)(n++, vars) : rng.pick(STATEMENTS)(n++, vars);
      if (block.length <= left) out.push(...block);
    }
    return out;
  };
  const main = fill(sections[0]);
  // Plants and calls go between statements of the main section, never inside a block.
  main.push(...plants.map(p => PLANTS[p.kind](p.seq)), ...calls);
  const body = [...header, ...main];
  subflows.forEach((name, i) => body.push(`FUNCTION ${name} GLOBAL`, ...fill(sections[i + 1]).map(l => `    ${l}`), 'END FUNCTION'));
  return body.join('\r\n');
}
