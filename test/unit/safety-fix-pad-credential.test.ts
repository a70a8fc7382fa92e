// Fix semantics of the desktop-flow Get credential fix (issue 9): a secret carried by a custom-object
// property, several different secrets in one flow, and a multi-line secret (a PEM private key). Every
// produced script must parse, keep its meaning and stay put on a second run; when the fix cannot keep
// the meaning it is refused with a reason that names no secret.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { diskStore } from '../../server/src/fix/change';
import { fixesFor } from '../../server/src/fix/fixes';
import { fixAll } from '../../server/src/fix/run';
import { DiskVfs } from '../../server/src/load/vfs';
import { parseScript } from '../../server/src/load/pad/parser';
import { applyPreferred, assertGoodFix, find, fixture, lint, tempDir } from './fix-support';
import { DESKTOP, DESKTOP_ID, SCRIPT } from './fix-specs';

const HEADER = ["@@ConnectionString: ''", "@@Type: 'Local'", '@SENSITIVE: [Output_Message]'];
const OUTPUT = "@OUTPUT Output_Message : { 'Description': 'What happened.', 'FriendlyName': 'Output_Message', 'Type': 'String' } ";
const MAIL_TAIL = "AcceptUntrustedCertificates: False From: $'''ap@contoso.com''' SendTo: $'''ap@contoso.com''' Subject: $'''Hi''' Body: $'''Hi''' IsBodyHtml: False";

function flow(name: string, lines: string[]): { dir: string; file: string } {
  const dir = tempDir(name);
  const file = path.join(dir, 'Flow.robin');
  fs.writeFileSync(file, lines.join('\r\n'));
  return { dir, file };
}
const read = (file: string) => fs.readFileSync(file, 'utf8');
const spanText = (s: string) => (f: { owner: { script?: { text: string } }; scriptSpan?: { start: number; end: number } }) => f.owner.script!.text.slice(f.scriptSpan!.start, f.scriptSpan!.end) === s;

function assertScriptParses(text: string): void {
  assert.deepEqual(parseScript(text).problems.map(p => p.message), [], 'the fixed script parses');
}

/** The credential variable each Get credential action produces, in order. */
function credentialVariables(text: string): string[] {
  return [...text.matchAll(/PowerAutomateSecretVariables\.GetCredential Credential: \$'''(\w+)''' Credential=> (\w+)/g)].map(m => {
    assert.equal(m[1], m[2], 'the credential and its variable share one name');
    return m[2];
  });
}

describe('Get credential fix: a secret carried by a custom-object property', () => {
  const OBJECT_INPUT = [
    ...HEADER.slice(0, 2),
    '@SENSITIVE: [Input_SMTPObject, Output_Message]',
    "@INPUT Input_SMTPObject : { 'Description': 'SMTP settings.', 'FriendlyName': 'Input_SMTPObject', 'Type': 'CustomObject', 'IsOptional': False, 'DefaultValue': {{ }} } ",
    OUTPUT,
    `Email.SendEmail.AuthenticateAndSend SMTPServer: Input_SMTPObject['Server'] Port: 587 EnableSSL: True Username: Input_SMTPObject['Username'] Password: Input_SMTPObject['Password'] ${MAIL_TAIL}`,
    "SET Output_Message TO $'''Sent through %Input_SMTPObject['Server']%'''",
  ];

  test('an object input: only the property access that carries the secret becomes Credential.Password', () => {
    const { dir, file } = flow('obj-input', OBJECT_INPUT);
    const a = applyPreferred(dir, 'pad/secret-input-variable');
    const s = read(file);
    assertScriptParses(s);
    assert.ok(!/Credential\.Password\[/.test(s) && !/Credential\.Username\[/.test(s), s);
    const [cred] = credentialVariables(s);
    assert.ok(cred, s);
    assert.ok(s.includes(`SMTPServer: Input_SMTPObject['Server'] Port: 587 EnableSSL: True Username: Input_SMTPObject['Username'] Password: ${cred}.Password `), s);
    assert.ok(s.includes("SET Output_Message TO $'''Sent through %Input_SMTPObject['Server']%'''"), 'other properties are untouched');
    assert.ok(s.includes('@INPUT Input_SMTPObject :'), 'the input still brings the server and the user name');
    assert.ok(new RegExp(`@SENSITIVE: \\[.*\\b${cred}\\b`).test(s));
    assert.match(a.fix.description!, /Password/);
    assertGoodFix(dir, a);

    // The literal form: `SET Conn TO {…, 'Password': '…'}` keeps its other properties too.
    const lit = flow('obj-literal', [
      ...HEADER, OUTPUT,
      "SET Conn TO {'Server': 'smtp.contoso.com', 'User': 'ap@contoso.com', 'Password': 'Sm7p-Pa55word!x'}",
      `Email.SendEmail.AuthenticateAndSend SMTPServer: Conn['Server'] Port: 587 EnableSSL: True Username: Conn['User'] Password: Conn['Password'] ${MAIL_TAIL}`,
      "SET Output_Message TO $'''done'''",
    ]);
    const b = applyPreferred(lit.dir, 'pad/plaintext-secret');
    const t = read(lit.file);
    assertScriptParses(t);
    const [litCred] = credentialVariables(t);
    assert.ok(t.includes(`SET Conn TO {'Server': 'smtp.contoso.com', 'User': 'ap@contoso.com', 'Password': ${litCred}.Password}`), t);
    assert.ok(t.includes("Username: Conn['User'] Password: Conn['Password']"));
    assert.ok(!t.includes('Pa55word'));
    assertGoodFix(lit.dir, b, { allowed: ['settings/missing-value', 'pad/sensitive-not-marked'] });
  });

  test('an object input of a desktop flow in a solution: its schema entry and what the cloud flow passes stay', () => {
    const script = SCRIPT
      .replace(/@INPUT Input_SmtpPassword [^\r\n]*\r\n@INPUT Input_SmtpUser [^\r\n]*\r\n/, "@INPUT Input_SMTPObject : { 'Description': 'SMTP settings.', 'FriendlyName': 'Input_SMTPObject', 'Type': 'CustomObject', 'IsOptional': False, 'DefaultValue': {{ }} } \r\n")
      .replace('Username: Input_SmtpUser Password: Input_SmtpPassword', "Username: Input_SMTPObject['User'] Password: Input_SMTPObject['Password']");
    assert.ok(script.includes("Input_SMTPObject['Password']"));
    const run = (DESKTOP.cloudFlows![0].definition as { actions: any }).actions;
    const params = { ...run.Run_desktop_flow.inputs.parameters };
    delete params['item/Input_SmtpPassword'];
    delete params['item/Input_SmtpUser'];
    params['item/Input_SMTPObject'] = "@json(triggerBody()?['text_1'])";
    const spec = {
      ...DESKTOP,
      desktopFlows: [{ ...DESKTOP.desktopFlows![0], script, inputs: [{ name: 'Input_Invoice' }, { name: 'Input_SMTPObject', type: 'object' }] }],
      cloudFlows: [{ ...DESKTOP.cloudFlows![0], definition: { actions: { Run_desktop_flow: { ...run.Run_desktop_flow, inputs: { ...run.Run_desktop_flow.inputs, parameters: params } } } } }],
    };
    const dir = fixture(spec, 'unpacked', 'obj-input-solution');
    const a = applyPreferred(dir, 'pad/secret-input-variable');
    const r = lint(dir);
    const df = r.workspace.solutions[0].desktopFlows[0];
    const s = df.script!.text;
    assertScriptParses(s);
    const [cred] = credentialVariables(s);
    assert.ok(s.includes(`Username: Input_SMTPObject['User'] Password: ${cred}.Password `), s);
    assert.deepEqual(df.inputs.map((i: { name: string }) => i.name), ['Input_Invoice', 'Input_SMTPObject'], 'the input stays in the flow schema');
    const caller = JSON.parse(fs.readFileSync(find(dir, /Workflows\/RunInvoiceEntry-[0-9A-F-]+\.json$/), 'utf8'));
    assert.equal(caller.properties.definition.actions.Run_desktop_flow.inputs.parameters['item/Input_SMTPObject'], "@json(triggerBody()?['text_1'])", 'the cloud flow still passes the object');
    assert.match(a.fix.description!, /Run Invoice Entry/);
    assert.equal(DESKTOP_ID, df.id);
    assertGoodFix(dir, a);
  });

  test('an object input read inside a text: the property becomes %Credential.Password%', () => {
    const lines = [...OBJECT_INPUT];
    lines[5] = `Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: $'''Server=db01;User Id=%Input_SMTPObject['Username']%;Password=%Input_SMTPObject['Password']%''' Statement: $'''SELECT 1''' Timeout: 30 Result=> T`;
    const { dir, file } = flow('obj-input-text', lines);
    const a = applyPreferred(dir, 'pad/secret-input-variable');
    const s = read(file);
    assertScriptParses(s);
    const [cred] = credentialVariables(s);
    assert.ok(s.includes(`User Id=%Input_SMTPObject['Username']%;Password=%${cred}.Password%'''`), s);
    assertGoodFix(dir, a);
  });

  test('an object input with a literal default: the secret property\'s default is emptied, the others stay', () => {
    const lines = [...OBJECT_INPUT];
    lines[3] = lines[3].replace("'DefaultValue': {{ }}", "'DefaultValue': {'Server': 'smtp.contoso.com', 'Username': 'ap', 'Password': 'Sm7p-Pa55word!x'}");
    const { dir, file } = flow('obj-input-default', lines);
    const a = applyPreferred(dir, 'pad/secret-input-variable');
    const s = read(file);
    assertScriptParses(s);
    assert.ok(!s.includes('Sm7p-Pa55word!x'), 'the plain-text default is gone');
    assert.ok(s.includes("'DefaultValue': {'Server': 'smtp.contoso.com', 'Username': 'ap', 'Password': ''}"), s);
    const [cred] = credentialVariables(s);
    assert.ok(s.includes(`Username: Input_SMTPObject['Username'] Password: ${cred}.Password `), s);
    assert.ok(!a.after.findings.some(f => f.ruleId === 'pad/secret-input-variable'), 'no secret input is left');
    assertGoodFix(dir, a);
  });

  test('an object input used whole: no automatic fix, and the reason says why', () => {
    const lines = [...OBJECT_INPUT, 'SET SmtpSettingsCopy TO Input_SMTPObject'];
    const { dir, file } = flow('obj-input-whole', lines);
    const r = lint(dir);
    const f = r.findings.find(x => x.ruleId === 'pad/secret-input-variable')!;
    assert.ok(f);
    const fix = fixesFor(f, { workspace: r.workspace, configs: r.configs }).find(x => x.kind === 'quickfix');
    assert.ok(fix, 'the fix is listed so that its reason can be shown');
    assert.throws(() => fix.change(), /custom object/i);
    const run = fixAll({ paths: [dir], vfs: new DiskVfs(), store: diskStore() });
    assert.ok(run.failed.some(x => x.ruleId === 'pad/secret-input-variable' && /custom object/i.test(x.reason)), JSON.stringify(run.failed));
    assert.ok(!/Credential\.Password\[/.test(read(file)));
  });

});

describe('Get credential fix: several secrets in one flow', () => {
  const THREE = [
    `Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.office365.com''' Port: 587 EnableSSL: True Username: $'''ap@contoso.com''' Password: $'''Sm7p-Pa55word!x''' ${MAIL_TAIL}`,
    "Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: $'''Provider=MSOLEDBSQL;Server=localhost;Database=Invoices;User Id=sa;Password=Db-Pa55word!x9''' Statement: $'''SELECT 1''' Timeout: 30 Result=> T",
    `Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.office365.com''' Port: 587 EnableSSL: True Username: $'''ar@contoso.com''' Password: $'''Ot4er-Pa55word!y''' ${MAIL_TAIL}`,
    `Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.office365.com''' Port: 587 EnableSSL: True Username: $'''ap@contoso.com''' Password: $'''Sm7p-Pa55word!x''' ${MAIL_TAIL.split("SendTo: $'''ap@").join("SendTo: $'''bp@")}`,
  ];
  /** The credential variable each statement's Password reads, by the statement's position. */
  function passwordsRead(text: string): string[] {
    return text.split(/\r?\n/).filter(l => /^\s*(Email|Database)\./.test(l)).map(l => /(\w+)\.Password/.exec(l)?.[1] ?? '(literal)');
  }

  for (const header of [true, false]) {
    test(`--fix gives each different secret its own credential; the same secret shares one (${header ? 'stored definition' : 'clipboard copy'})`, () => {
      const { dir, file } = flow('three', header ? [...HEADER, OUTPUT, ...THREE] : THREE);
      const run = fixAll({ paths: [dir], vfs: new DiskVfs(), store: diskStore() });
      assert.deepEqual(run.failed, []);
      const s = read(file);
      assertScriptParses(s);
      for (const secret of ['Sm7p-Pa55word!x', 'Db-Pa55word!x9', 'Ot4er-Pa55word!y']) assert.ok(!s.includes(secret), 'every secret is gone');
      const used = passwordsRead(s);
      assert.equal(used.length, 4);
      assert.equal(new Set(used.slice(0, 3)).size, 3, `three different secrets, three credentials: ${used.join(', ')}`);
      assert.equal(used[3], used[0], 'the same secret used twice reads one credential');
      assert.deepEqual(new Set(credentialVariables(s)), new Set(used.slice(0, 3)), 'one Get credential action per credential');
      assert.equal(credentialVariables(s).length, 3);
      const again = fixAll({ paths: [dir], vfs: new DiskVfs(), store: diskStore() });
      assert.equal(again.applied.filter(x => x.ruleId === 'pad/plaintext-secret').length, 0, 'a second run changes nothing');
    });
  }

  test('one fix replaces every use of the same secret, before the first of them', () => {
    const { dir, file } = flow('same-twice', [...HEADER, OUTPUT, THREE[0], 'IF 1 = 1 THEN', `    ${THREE[3]}`, 'END']);
    const a = applyPreferred(dir, 'pad/plaintext-secret');
    const s = read(file);
    assertScriptParses(s);
    assert.ok(!s.includes('Sm7p-Pa55word!x'));
    const creds = credentialVariables(s);
    assert.equal(creds.length, 1, s);
    assert.deepEqual(passwordsRead(s), [creds[0], creds[0]]);
    assert.ok(s.indexOf('GetCredential') < s.indexOf('Email.SendEmail'), 'the credential is read before its first use');
    assertGoodFix(dir, a);
  });

  test('the same secret in two variables: one credential, both variables (and the user name beside them) go', () => {
    const populate = (control: string, v: string) => `WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['${control}'] Text: ${v} EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace`;
    const { dir, file } = flow('same-two-vars', [
      ...HEADER, OUTPUT,
      "SET SapUser TO $'''svc-sap'''",
      "SET SapPassword TO $'''S4p-Pa55word!x'''",
      "SET ErpPassword TO $'''S4p-Pa55word!x'''",
      populate('Input user', 'SapUser'), populate('Input password', 'SapPassword'), populate('Input password', 'ErpPassword'),
      "SET Output_Message TO $'''done'''",
    ]);
    const run = fixAll({ paths: [dir], vfs: new DiskVfs(), store: diskStore() });
    assert.deepEqual(run.failed, []);
    const s = read(file);
    assertScriptParses(s);
    const creds = credentialVariables(s);
    assert.equal(creds.length, 1, s);
    assert.ok(!/SET (SapUser|SapPassword|ErpPassword)/.test(s) && !s.includes('Pa55word'), s);
    assert.equal(s.split(`Text: ${creds[0]}.Password`).length - 1, 2, s);
    assert.ok(s.includes(`Text: ${creds[0]}.Username`), s);
    assert.ok(s.indexOf('GetCredential') < s.indexOf('PopulateTextField'));
  });

  test('two secret variables named alike get two credentials in one --fix round', () => {
    const { dir, file } = flow('two-vars', [
      "SET SapPassword TO $'''S4p-Pa55word!x'''",
      "SET SapPwd TO $'''3rp-Pa55word!y'''",
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Input password'] Text: SapPassword EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace",
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Input password'] Text: SapPwd EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace",
    ]);
    const run = fixAll({ paths: [dir], vfs: new DiskVfs(), store: diskStore() });
    assert.deepEqual(run.failed, []);
    const s = read(file);
    assertScriptParses(s);
    const creds = credentialVariables(s);
    assert.equal(new Set(creds).size, 2, s);
    assert.ok(s.includes(`Text: ${creds[0]}.Password`) && s.includes(`Text: ${creds[1]}.Password`), s);
  });
});

describe('Get credential fix: a multi-line secret', () => {
  const KEY_LINES = [
    '-----BEGIN RSA PRIVATE KEY-----',
    'MIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
    'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
    '-----END RSA PRIVATE KEY-----',
  ];
  const cases: Array<[string, string[]]> = [
    ['a private key in a variable', [
      ...HEADER, OUTPUT,
      `SET PrivateKey TO $'''${KEY_LINES.join('\r\n')}'''`,
      "FTP.OpenSecureConnection.ConnectWithSftpPrivateKey Host: $'''localhost''' Port: 22 Username: $'''svc''' PrivateKey: PrivateKey Timeout: 30 FtpConnection=> Sftp",
    ]],
    ['a private key inside a script', [
      ...HEADER, OUTPUT,
      `Scripting.RunPowershellScript.RunPowershellScript Script: $'''$k = @\\"\r\n${KEY_LINES.join('\r\n')}\r\n\\"@\r\nWrite-Output $k''' ScriptOutput=> Out`,
    ]],
  ];
  for (const [name, lines] of cases) {
    test(`${name}: no Get credential fix, with the reason; the key is never split`, () => {
      const { dir, file } = flow('pem', lines);
      const before = read(file);
      const r = lint(dir);
      const f = r.findings.find(x => x.ruleId === 'pad/plaintext-secret' && spanText(KEY_LINES[0])(x));
      assert.ok(f, 'the key is reported');
      const fix = fixesFor(f, { workspace: r.workspace, configs: r.configs }).find(x => x.kind === 'quickfix');
      assert.ok(fix);
      assert.throws(() => fix.change(), (e: Error) => /private key/i.test(e.message) && /Key Vault|certificate/i.test(e.message) && !KEY_LINES.some(k => e.message.includes(k)));
      for (const text of [fix.title, fix.description ?? '']) assert.ok(!KEY_LINES.some(k => text.includes(k)));
      const run = fixAll({ paths: [dir], vfs: new DiskVfs(), store: diskStore() });
      assert.ok(run.failed.some(x => /private key/i.test(x.reason)), JSON.stringify(run.failed));
      const after = read(file);
      for (const k of KEY_LINES) assert.ok(after.includes(k), 'the key is left whole for the user to move');
      assert.equal(credentialVariables(after).length, 0, 'no credential holds half a key');
      assert.ok(before.includes(KEY_LINES.join('\r\n')) && after.includes(KEY_LINES.join('\r\n')));
    });
  }

  test('a multi-line secret value that is not a key is refused too', () => {
    const { dir, file } = flow('multiline', [
      ...HEADER, OUTPUT,
      "SET ApiToken TO $'''first-half-0f-th3-t0ken\r\nsecond-half-0f-th3-t0ken'''",
      "Web.InvokeWebService.InvokeWebService Url: $'''https://api.contoso.com/x''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''Authorization: Bearer %ApiToken%''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False FailOnErrorStatus: False EncodeRequestBody: False UserAgent: $'''x''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> H Response=> R StatusCode=> C",
    ]);
    const r = lint(dir);
    const f = r.findings.find(x => x.ruleId === 'pad/plaintext-secret');
    if (!f) return; // nothing reported for this shape: nothing to fix
    const fix = fixesFor(f, { workspace: r.workspace, configs: r.configs }).find(x => x.kind === 'quickfix');
    assert.ok(fix);
    assert.throws(() => fix.change(), /several lines|multi-line/i);
    void file;
  });
});
