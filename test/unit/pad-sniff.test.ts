// looksLikeScript: desktop-flow scripts in .txt files versus prose and other text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeScript } from '../../server/src/load/pad/sniff';

describe('looksLikeScript accepts scripts', () => {
  const scripts: Record<string, string> = {
    'a designer copy': [
      'SET Output_Status TO 200',
      'BLOCK ',
      'ON BLOCK ERROR all',
      '',
      'END',
      "    IF (System.IfProcess.ProcessIsNotRunning ProcessName: $'''EXCEL''') THEN",
      "        SET Output_Message TO $'''Excel is not running.'''",
      "        GOTO 'Exit'",
      '    END',
      "    LABEL 'Exit'",
      'END',
      'ERROR => ErrorMessage',
    ].join('\r\n'),
    'a saved definition': [
      "@@ConnectionString: ''",
      "@@Type: 'Local'",
      "IMPORT 'controlRepo.appmask' AS appmask",
      '@SENSITIVE: [Output_Message]',
      "@OUTPUT Output_Message : { 'Description': 'The flow response.', 'FriendlyName': 'Output_Message', 'Type': 'String' } ",
      'CALL Init',
      'FUNCTION Init GLOBAL',
      "    SET ErrorMessage TO ''",
      'END FUNCTION',
    ].join('\r\n'),
    'one statement': 'SET X TO 1\n',
    'mostly comments with a few statements': '# Lab 1\n# Paste into an empty flow\n\nSET Root TO $\'\'\'C:\\\\Labs\'\'\'\nFolder.Create FolderPath: Root FolderName: $\'\'\'out\'\'\' Folder=> NewFolder\n',
    'lowercase keywords': 'set myvar to 1\nif myvar = 1 then\n    clipboard.settext text: myvar\nend\n',
    'a copy with a multi-line script argument': "Scripting.RunPowershellScript.RunPowershellScript Script: $'''Get-Process\n# not a comment\nWrite-Host \"done\"''' ScriptOutput=> Out\n",
    'a copy ending with the control-repository section': 'WebAutomation.CloseWebBrowser BrowserInstance: Browser\n# [ControlRepository][PowerAutomateDesktop]\n{\n  "ControlRepositorySymbols": []\n}\n',
  };
  for (const [name, text] of Object.entries(scripts)) {
    test(name, () => assert.equal(looksLikeScript(text), true));
  }
});

describe('looksLikeScript rejects other text', () => {
  const others: Record<string, string> = {
    'a README': '# FlowCop\n\nFlowCop lints Power Automate solutions.\n\n## Install\n\nRun npm install, then set the path to your solution.\nIf you want to know more, call me.\nWait for the build to finish.\nEnd of file.\n',
    'CSV': 'Name,Age,City\nAlice,30,Paris\nBob,25,Berlin\n',
    'a log': '2024-01-02 10:00:01 INFO Starting flow\n2024-01-02 10:00:02 ERROR File.Copy failed: access denied\n2024-01-02 10:00:03 INFO Done\n',
    'JSON': '{\n  "name": "flow",\n  "actions": [ { "type": "SET" } ]\n}\n',
    'a shopping list': 'Shopping list\n- milk\n- eggs\n- bread\nCall mom\n',
    'prose with one script line in it': 'Notes about the flow\nThe first step reads the file.\nThen it loops over the rows.\nFinally it sends a mail.\nHere is the first line:\n    SET X TO 1\nThat is all.\n',
    'prose whose lines start with keywords': 'IF you are reading this THEN stop\nSET the table for four\nLOOP around the block\nEND of story\nCALL me maybe\n',
    'prose with dotted words': 'e.g. this is prose. Mr.Smith went home.\nFile.txt is here\n',
    'an empty file': '',
    'only comments': '# just a comment\n# another\n',
    'a lone label-like line': 'Label this\n',
  };
  for (const [name, text] of Object.entries(others)) {
    test(name, () => assert.equal(looksLikeScript(text), false));
  }
});
