// Desktop-flow fixes: Get credential for secrets (literal, variable, input), @SENSITIVE, and @INPUT
// variables fed from environment variables by the calling cloud flow. Every editable layout and both
// definition storages; standalone scripts; clipboard copies get no edit.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import { fixesFor } from '../../server/src/fix/fixes';
import { DEFAULT_GET_CREDENTIAL_TEMPLATE } from '../../server/src/fix/pad';
import { DiskVfs } from '../../server/src/load/vfs';
import { applyPreferred, assertGoodFix, EDITABLE_LAYOUTS, find, fixture, lint, read, tempDir } from './fix-support';
import { DESKTOP, SCRIPT } from './fix-specs';

const SIDE = /(Workflows\/EnterInvoice-[0-9A-F-]+\.json\.data\.xml|customizations\.xml)$/;
const CALLER = /Workflows\/RunInvoiceEntry-[0-9A-F-]+\.json$/;

/** The decoded script of the desktop flow after a fix. */
function script(dir: string): string {
  const r = analyze([dir], { vfs: new DiskVfs() });
  return r.workspace.solutions[0].desktopFlows[0].script!.text;
}
function flowSchema(dir: string, which: 'Inputs' | 'Outputs'): any {
  const r = analyze([dir], { vfs: new DiskVfs() });
  const df = r.workspace.solutions[0].desktopFlows[0];
  return which === 'Inputs' ? df.inputs : df.outputs;
}
function caller(dir: string): any {
  return JSON.parse(read(find(dir, CALLER))).properties.definition.actions.Run_desktop_flow.inputs.parameters;
}
function settings(dir: string, env: string): any {
  return JSON.parse(read(path.join(dir, 'config', env, 'deploymentSettings.json')));
}
const text = (s: string) => (f: { owner: { script?: { text: string } }; scriptSpan?: { start: number; end: number } }) => f.owner.script!.text.slice(f.scriptSpan!.start, f.scriptSpan!.end) === s;

for (const layout of EDITABLE_LAYOUTS) {
  for (const storage of ['json-string', 'xml-text'] as const) {
    if (storage === 'xml-text' && layout !== 'unpacked') continue;
    const spec = { ...DESKTOP, desktopFlows: DESKTOP.desktopFlows!.map(d => ({ ...d, storage })) };
    describe(`desktop-flow fixes (${layout}, ${storage})`, () => {
      test('a literal password and the user name beside it come from Get credential', () => {
        const dir = fixture(spec, layout, 'pad-cred');
        const a = applyPreferred(dir, 'pad/plaintext-secret');
        const s = script(dir);
        assert.ok(!s.includes('Winter2025!') && !fs.readFileSync(find(dir, SIDE), 'utf8').includes('Winter2025!'), 'the secret is gone');
        assert.ok(s.includes("\r\nPowerAutomateSecretVariables.GetCredential Credential: $'''ErpCredential''' Credential=> ErpCredential\r\n"));
        assert.ok(!/SET ErpUser|SET ErpPassword/.test(s));
        assert.ok(s.includes('Text: ErpCredential.Username'));
        assert.ok(s.includes('Text: ErpCredential.Password'));
        assert.ok(s.includes('@SENSITIVE: [Output_Message, ErpCredential]'));
        assert.ok(!a.fix.title.includes('Winter2025!') && !a.fix.description!.includes('Winter2025!'));
        assert.match(a.fix.description!, /Create a credential named "ErpCredential"/);
        assertGoodFix(dir, a);
      });

      test('a secret input is replaced by Get credential; schema and calling cloud flow follow', () => {
        const dir = fixture(spec, layout, 'pad-input');
        const a = applyPreferred(dir, 'pad/secret-input-variable');
        const s = script(dir);
        assert.ok(!/@INPUT Input_Smtp/.test(s));
        assert.ok(s.includes('Username: SmtpCredential.Username Password: SmtpCredential.Password'));
        assert.match(s, /# Enters one invoice in the legacy ERP\.\r\nPowerAutomateSecretVariables\.GetCredential Credential: \$'''SmtpCredential''' Credential=> SmtpCredential\r\nSET InputFolder/);
        assert.deepEqual(flowSchema(dir, 'Inputs').map((i: { name: string }) => i.name), ['Input_Invoice']);
        const params = caller(dir);
        assert.ok(!('item/Input_SmtpPassword' in params) && !('item/Input_SmtpUser' in params));
        assert.equal(params['item/Input_Invoice'], "@triggerBody()?['text']");
        assert.ok(s.includes('@SENSITIVE: [Output_Message, SmtpCredential]'));
        assertGoodFix(dir, a);
      });

      test('a variable that carries a secret is marked sensitive; an input also gets "format": "password"', () => {
        const dir = fixture(spec, layout, 'pad-sensitive');
        const a = applyPreferred(dir, 'pad/sensitive-not-marked', { pick: text('Input_SmtpPassword') });
        assert.ok(script(dir).includes('@SENSITIVE: [Output_Message, Input_SmtpPassword]'));
        assert.equal(flowSchema(dir, 'Inputs').find((i: { name: string }) => i.name === 'Input_SmtpPassword').sensitive, true);
        assertGoodFix(dir, a);
        const b = applyPreferred(dir, 'pad/sensitive-not-marked', { pick: text('ErpPassword') });
        assert.ok(script(dir).includes('@SENSITIVE: [Output_Message, Input_SmtpPassword, ErpPassword]'));
        assertGoodFix(dir, b);
      });

      test('a path becomes an @INPUT fed from an environment variable by the calling cloud flow', () => {
        const dir = fixture(spec, layout, 'pad-path');
        const a = applyPreferred(dir, 'pad/environment-specific-path', { environment: 'Dev' });
        const s = script(dir);
        assert.ok(s.includes('SET InputFolder TO Input_InputFolder\r\n'));
        assert.ok(s.includes("@INPUT Input_InputFolder : { 'Description': 'The path for variable InputFolder; it differs per environment.', 'FriendlyName': 'Input_InputFolder', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } \r\n@OUTPUT"));
        assert.ok(flowSchema(dir, 'Inputs').some((i: { name: string }) => i.name === 'Input_InputFolder'));
        assert.equal(caller(dir)['item/Input_InputFolder'], "@parameters('Input Folder (cnt_InputFolder)')");
        const flow = JSON.parse(read(find(dir, CALLER)));
        assert.deepEqual(flow.properties.definition.parameters['Input Folder (cnt_InputFolder)'], { defaultValue: 'C:\\RPA\\Invoices\\Input', type: 'String', metadata: { schemaName: 'cnt_InputFolder' } });
        assert.deepEqual(settings(dir, 'Dev').EnvironmentVariables, [{ SchemaName: 'cnt_InputFolder', Value: 'C:\\RPA\\Invoices\\Input' }]);
        assert.deepEqual(settings(dir, 'Prod').EnvironmentVariables, [{ SchemaName: 'cnt_InputFolder', Value: '' }]);
        find(dir, /environmentvariabledefinitions\/cnt_InputFolder\/environmentvariabledefinition\.xml$/);
        assertGoodFix(dir, a, { environment: 'Dev' });
      });

      test('a URL argument becomes an @INPUT', () => {
        const dir = fixture(spec, layout, 'pad-url');
        const a = applyPreferred(dir, 'pad/environment-specific-url');
        assert.ok(script(dir).includes('WebAutomation.LaunchEdge.LaunchEdge Url: Input_LaunchEdgeUrl WindowState'));
        // What the literal is comes from the finding's data (valueKind), not from its rule id.
        assert.equal(a.finding.data?.valueKind, 'url');
        assert.match(a.fix.description!, /^Declares @INPUT Input_LaunchEdgeUrl and uses it instead of the literal URL\./);
        assertGoodFix(dir, a);
      });

      test('a machine inside a connection string becomes %Input_…% in it', () => {
        const dir = fixture(spec, layout, 'pad-machine');
        const a = applyPreferred(dir, 'pad/hardcoded-machine', { environment: 'Prod' });
        assert.ok(script(dir).includes("ConnectionString: $'''Provider=MSOLEDBSQL;Server=%Input_DatabaseServer%;Database=Invoices;Integrated Security=SSPI'''"));
        assert.equal(settings(dir, 'Prod').EnvironmentVariables[0].Value, 'SQLERP01');
        assert.match(a.fix.description!, /instead of the literal machine\./);
        assertGoodFix(dir, a, { environment: 'Prod' });
      });
    });
  }
}

describe('desktop-flow fixes: templates, standalone scripts, clipboard copies', () => {
  test('the Get credential template comes from flowcop.json, and the editor setting wins over it', () => {
    const custom = "PowerAutomateSecretVariables.GetCredential Credential: $'''${credential}''' Timeout: 0 Credential=> ${variable}";
    const dir = fixture({ ...DESKTOP, config: { getCredentialTemplate: custom } }, 'unpacked', 'pad-template');
    const r = lint(dir);
    const f = r.findings.find(x => x.ruleId === 'pad/plaintext-secret')!;
    const fromConfig = fixesFor(f, { workspace: r.workspace, configs: r.configs })[0];
    assert.match(fromConfig.description!, /getCredentialTemplate in flowcop\.json/);
    const editor = "PowerAutomateSecretVariables.GetCredential Credential: $'''${credential}''' Timeout: 5 Credential=> ${variable}";
    const fromEditor = fixesFor(f, { workspace: r.workspace, configs: r.configs, getCredentialTemplate: editor })[0];
    assert.match(fromEditor.description!, /editor setting/);
    const a = applyPreferred(dir, 'pad/plaintext-secret');
    assert.ok(script(dir).includes("Timeout: 0 Credential=> ErpCredential"));
    assertGoodFix(dir, a);
    assert.ok(DEFAULT_GET_CREDENTIAL_TEMPLATE.includes('${variable}'));
  });

  test('a template without ${variable} or that does not parse offers no Get credential fix', () => {
    const dir = fixture(DESKTOP, 'unpacked', 'pad-bad-template');
    const r = lint(dir);
    const f = r.findings.find(x => x.ruleId === 'pad/plaintext-secret')!;
    for (const t of ['GetCredential', "Broken.Action Credential: $'''${credential} Credential=> ${variable}"]) {
      const fixes = fixesFor(f, { workspace: r.workspace, configs: r.configs, getCredentialTemplate: t });
      assert.ok(!fixes.some(x => x.kind === 'quickfix'), t);
    }
  });

  test('a saved-definition .robin file: the input and @SENSITIVE header are written in the file', () => {
    const dir = tempDir('pad-robin');
    const file = path.join(dir, 'Enter.robin');
    fs.writeFileSync(file, `\uFEFF${SCRIPT}\r\n`);
    const a = applyPreferred(dir, 'pad/environment-specific-url');
    const after = fs.readFileSync(file);
    assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is kept');
    const s = after.toString('utf8');
    assert.ok(s.includes('Url: Input_LaunchEdgeUrl'));
    assert.ok(s.includes("@INPUT Input_LaunchEdgeUrl : {"));
    assert.match(a.fix.description!, /No cloud flow in the solution runs this desktop flow/);
    assertGoodFix(dir, a);
    const b = applyPreferred(dir, 'pad/plaintext-secret');
    assert.ok(fs.readFileSync(file, 'utf8').includes('Text: ErpCredential.Password'));
    assertGoodFix(dir, b);
  });

  test('a literal password argument and the user name beside it; a password inside a connection string', () => {
    const dir = tempDir('pad-args');
    const file = path.join(dir, 'Mail.robin');
    fs.writeFileSync(file, [
      "@@ConnectionString: ''",
      "@@Type: 'Local'",
      "Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.office365.com''' Port: 587 EnableSSL: True Username: $'''ap@contoso.com''' Password: $'''Sm7p-Pa55word!x''' AcceptUntrustedCertificates: False From: $'''ap@contoso.com''' SendTo: $'''ap@contoso.com''' Subject: $'''Hi''' Body: $'''Hi''' IsBodyHtml: False",
      'IF 1 = 1 THEN',
      "    Database.ExecuteSqlStatement.ConnectAndExecute ConnectionString: $'''Provider=MSOLEDBSQL;Server=localhost;Database=Invoices;User Id=sa;Password=Db-Pa55word!x9''' Statement: $'''SELECT 1''' Timeout: 30 Result=> T",
      'END',
    ].join('\r\n'));
    const a = applyPreferred(dir, 'pad/plaintext-secret', { pick: text("$'''Sm7p-Pa55word!x'''") });
    let s = fs.readFileSync(file, 'utf8');
    assert.ok(s.includes("@SENSITIVE: [SendEmailCredential]\r\nPowerAutomateSecretVariables.GetCredential Credential: $'''SendEmailCredential''' Credential=> SendEmailCredential\r\nEmail.SendEmail"), s);
    assert.ok(s.includes('Username: SendEmailCredential.Username Password: SendEmailCredential.Password'));
    assertGoodFix(dir, a);
    const b = applyPreferred(dir, 'pad/plaintext-secret');
    s = fs.readFileSync(file, 'utf8');
    assert.ok(s.includes("    PowerAutomateSecretVariables.GetCredential Credential: $'''ExecuteSqlStatementCredential''' Credential=> ExecuteSqlStatementCredential\r\n    Database."), s);
    assert.ok(s.includes("User Id=sa;Password=%ExecuteSqlStatementCredential.Password%'''"));
    assert.ok(!s.includes('Pa55word'));
    assertGoodFix(dir, b);
  });

  test('a secret input whose name is used where the fix cannot follow is kept as a variable set from the credential', () => {
    const dir = tempDir('pad-input-fallback');
    const file = path.join(dir, 'Flow.robin');
    fs.writeFileSync(file, SCRIPT.replace('# Enters one invoice in the legacy ERP.', '# Input_SmtpPassword comes from the caller.'));
    const a = applyPreferred(dir, 'pad/secret-input-variable');
    const s = fs.readFileSync(file, 'utf8');
    assert.ok(s.includes("PowerAutomateSecretVariables.GetCredential Credential: $'''SmtpCredential''' Credential=> SmtpCredential\r\nSET Input_SmtpPassword TO SmtpCredential.Password\r\n"), s);
    assert.ok(s.includes('@SENSITIVE: [Output_Message, SmtpCredential, Input_SmtpPassword]'));
    assert.ok(s.includes('Username: SmtpCredential.Username Password: Input_SmtpPassword'));
    assertGoodFix(dir, a);
  });

  test('a script without @SENSITIVE gets the header line after the @@/IMPORT lines', () => {
    const dir = tempDir('pad-nosensitive');
    const file = path.join(dir, 'Flow.robin');
    fs.writeFileSync(file, SCRIPT.replace('@SENSITIVE: [Output_Message]\r\n', ''));
    const a = applyPreferred(dir, 'pad/sensitive-not-marked', { pick: text('ErpPassword') });
    assert.ok(fs.readFileSync(file, 'utf8').includes("IMPORT 'controlRepo.appmask' AS appmask\r\n@SENSITIVE: [ErpPassword]\r\n@INPUT Input_Invoice"));
    assertGoodFix(dir, a);
  });

  test('a clipboard copy: no @INPUT, no @SENSITIVE edit, but Get credential and suppression are offered', () => {
    const dir = tempDir('pad-clipboard');
    const body = SCRIPT.split('\r\n').filter(l => !/^(@@|IMPORT|@SENSITIVE|@INPUT|@OUTPUT)/.test(l)).join('\r\n');
    fs.writeFileSync(path.join(dir, 'copy.robin'), body);
    const r = lint(dir);
    const ctx = { workspace: r.workspace, configs: r.configs };
    for (const rule of ['pad/environment-specific-path', 'pad/environment-specific-url', 'pad/sensitive-not-marked']) {
      const f = r.findings.find(x => x.ruleId === rule);
      if (!f) continue;
      const fixes = fixesFor(f, ctx);
      assert.deepEqual(fixes.map(x => x.kind), ['suppress'], rule);
    }
    const a = applyPreferred(dir, 'pad/plaintext-secret');
    const s = fs.readFileSync(path.join(dir, 'copy.robin'), 'utf8');
    assert.ok(s.includes('PowerAutomateSecretVariables.GetCredential') && !s.includes('@SENSITIVE'));
    assertGoodFix(dir, a, { allowed: ['settings/missing-value', 'pad/environment-specific-url', 'pad/environment-specific-path', 'pad/hardcoded-machine'] });
  });

  test('zip layout: no fix for desktop-flow findings', () => {
    const dir = fixture(DESKTOP, 'zip', 'pad-zip');
    const r = lint(dir);
    const inZip = r.findings.filter(f => f.loc.file.entry && f.ruleId.startsWith('pad/'));
    assert.ok(inZip.length > 0);
    for (const f of inZip) assert.deepEqual(fixesFor(f, { workspace: r.workspace, configs: r.configs }), []);
  });
});
