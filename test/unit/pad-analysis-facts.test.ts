// The desktop-flow fact layer (server/src/analysis/pad) on its own, without any rule: data flow with
// its witnesses, secret inputs and their defaults, holders of a secret value, the literal secrets of a
// script, and what a plain URL is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldRole } from '../../server/src/analysis/pad/catalog';
import { isUserName } from '../../server/src/analysis/shared/vocabulary';
import { scriptFacts, typedFields } from '../../server/src/analysis/pad/facts';
import { secretLiterals } from '../../server/src/analysis/pad/secret-literals';
import { isPlainUrl } from '../../server/src/analysis/pad/text-scans';
import type { ScriptFacts } from '../../server/src/analysis/pad/types';
import { analyze } from '../../server/src/findings/analyze';
import { MemoryVfs } from '../../server/src/load/vfs';

const LAUNCH = (url: string) => `WebAutomation.LaunchEdge.LaunchEdge Url: ${url} WindowState: WebAutomation.BrowserWindowState.Normal ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser`;
const SEND = `Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp.contoso.com''' Port: 587 EnableSSL: True Username: $'''robot''' AcceptUntrustedCertificates: False From: $'''a@contoso.com''' SendTo: $'''b@contoso.com''' Subject: $'''Hi''' Body: $'''Hi''' IsBodyHtml: False`;

function factsOf(script: string): ScriptFacts {
  const { workspace } = analyze(['/fixture'], { vfs: new MemoryVfs({ '/fixture/test.robin': script }) });
  assert.equal(workspace.scripts.length, 1);
  return scriptFacts({ script: workspace.scripts[0].script });
}

const text = (f: ScriptFacts, span: { start: number; end: number }) => f.script.text.slice(span.start, span.end);

test('a literal stored in a variable gets the role of the argument the variable reaches, with the witness', () => {
  const f = factsOf(`SET Start TO $'''https://contoso.sharepoint.com/sites/Ops'''\nSET Address TO Start\n${LAUNCH('Address')}`);
  const use = f.literals.find(u => u.flat.text.startsWith('https://'))!;
  const roles = f.rolesOf(use);
  assert.deepEqual([...roles.keys()], ['url']);
  assert.deepEqual(roles.get('url'), { role: 'url', argument: 'Url', action: 'WebAutomation.LaunchEdge.LaunchEdge', via: 'Address' });
  assert.equal(f.reachOf('secret', use.target), undefined);
});

test('a secret input with a literal default: the default is the input\'s, not a literal secret of the script', () => {
  const f = factsOf(`@INPUT SmtpPassword : { 'Description': '', 'FriendlyName': 'SmtpPassword', 'Type': 'String', 'IsOptional': False, 'DefaultValue': $'''Sm7p-Pa55word!x''' }\n${SEND} Password: SmtpPassword`);
  const si = f.secretInputs.get('smtppassword');
  assert.ok(si);
  assert.equal(si.why, 'name');
  assert.equal(si.literalDefault, true);
  assert.deepEqual(secretLiterals(f).map(h => text(f, h.span)), []);
});

test('a value read out of a container into a variable: the variable holds the secret, the container does not', () => {
  const f = factsOf(`SET Config TO {'password': 'x'}\nSET Pwd TO Config['password']\n${SEND} Password: Pwd`);
  assert.equal(f.secretKeysOf('pwd')?.kind, 'sink');
  // Config's property carries the secret, but the value a reviewer points at is in Pwd.
  assert.deepEqual([...f.secrets.keys()].sort(), ['config\u0000password', 'pwd']);
  assert.deepEqual([...f.holders.keys()], ['pwd']);
  assert.equal(f.secretKeysOf('config'), undefined);
});

test('literal secrets: named and data-flow secrets are, a whole URL in a variable named like a token is not', () => {
  const f = factsOf([
    `SET ServiceToken TO $'''https://contoso-prod.sharepoint.com/sites/Ops'''`,
    LAUNCH('ServiceToken'),
    `SET DbPassword TO $'''Db-Pa55word!2024'''`,
    `SET MailSecret TO $'''M41l-S3cret-Value'''`,
    `${SEND} Password: MailSecret`,
  ].join('\n'));
  assert.deepEqual(secretLiterals(f).map(h => [text(f, h.span), h.how]), [
    [`$'''Db-Pa55word!2024'''`, 'name'],
    [`$'''M41l-S3cret-Value'''`, 'data-flow'],
  ]);
});

test('a plain URL has no secret part: user-info, secret query parameter, shaped secret or key-shaped path segment', () => {
  assert.equal(isPlainUrl('https://contoso-prod.sharepoint.com/sites/Ops'), true);
  assert.equal(isPlainUrl('  https://portal.acme-logistics.com/api/v2/orders/5f0c2d8e-1b7a-4c9e-9d3f-2a6b8c1e4f70?page=2 '), true);
  assert.equal(isPlainUrl('https://robot:S3cret-Pass@ftp.contoso.com/in'), false);
  assert.equal(isPlainUrl('https://rpastore.blob.core.windows.net/in/a.csv?sv=2022-11-02&sig=AbC123xyzSIG'), false);
  assert.equal(isPlainUrl('https://hooks.slack.com/services/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'), false);
  assert.equal(isPlainUrl('see https://contoso.com/a'), false);
});

test('roles from meaning: the role of typed text comes from the action and the value before the field label', () => {
  const type = (field: string, text: string) => `UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Login']['${field}'] Text: ${text} Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick`;
  const f = factsOf([
    type("Edit \\'Password:\\'", 'Username'),
    type("Edit \\'Password:\\' 2", 'PortalSecret'),
    type("Edit \\'PIN\\'", 'ErpAccount'),
    `${SEND} Password: MailCred.Password`.replace("Username: $'''robot'''", 'Username: ErpAccount'),
    "TerminalEmulation.SetTextOnTerminalSession.SetTextOnFieldWithLabel Session: Mainframe Text: TsoPhrase FieldLabel: $'''Password''' TreatAtCharacterAsLiteral: False",
  ].join('\n'));
  const fields = typedFields(f).map(t => ({ value: f.script.text.slice(t.arg.value.span.start, t.arg.value.span.end), role: t.role, form: t.form }));
  assert.deepEqual(fields, [
    { value: 'Username', role: 'user', form: 'Login' },
    { value: 'PortalSecret', role: 'secret', form: 'Login' },
    { value: 'ErpAccount', role: 'secret', form: 'Login' },
    { value: 'TsoPhrase', role: 'secret', form: 'Mainframe' },
  ]);
  // A label's password role does not reach a value that is a user name elsewhere (the Username of the e-mail sign-in).
  assert.equal(f.reachOf('secret', { v: 'erpaccount' }), undefined);
  assert.equal(f.reachOf('user', { v: 'erpaccount' })?.argument, 'Username');
  assert.equal(f.reachOf('secret', { v: 'portalsecret' })?.argument, 'Text (typed into a password field)');
  assert.equal(f.reachOf('secret', { v: 'tsophrase' })?.action, 'TerminalEmulation.SetTextOnTerminalSession.SetTextOnFieldWithLabel');
  assert.equal(f.reachOf('secret', { v: 'username' }), undefined);
});

test('roles from meaning: user-name names, and what the type, label or selector of a field says', () => {
  for (const n of ['Username', 'UserName', 'In_strAppUserName', 'ErpUser', 'LoginId', 'Account name', 'Usr']) assert.equal(isUserName(n), true, n);
  for (const n of ['Login', 'ErpLogin', 'UserPassword', 'PortalAccount', 'UserCount', 'Password']) assert.equal(isUserName(n), false, n);
  assert.deepEqual(fieldRole('Input password'), { role: 'secret', explicit: true });
  assert.deepEqual(fieldRole('input[type="password"]'), { role: 'secret', explicit: true });
  assert.deepEqual(fieldRole("Edit 'Password:'"), { role: 'secret', explicit: false });
  assert.deepEqual(fieldRole("Input text 'username'"), { role: 'user', explicit: false });
  assert.deepEqual(fieldRole("Edit 'User name'"), { role: 'user', explicit: false });
  assert.equal(fieldRole("Input text 'Password'"), undefined, 'a text input is not a password box whatever its label');
  assert.equal(fieldRole("Edit 'Invoice number'"), undefined);
});
