// The Get credential fix puts each part of the credential where its role says (issue 12, item 3): the
// user name → `.Username`, the password → `.Password`. Roles come from meaning: a user-name box the
// recorder named after the `Password:` label beside it still gets the user name, never the password.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseScript } from '../../server/src/load/pad/parser';
import { applyPreferred, assertGoodFix, lint, tempDir } from './fix-support';

const HEADER = ["@@ConnectionString: ''", "@@Type: 'Local'", "@@DesktopType: 'local'", "@@DisplayName: 'Local computer'", "IMPORT 'controlRepo.appmask' AS appmask"];
/** Types `text` into the desktop field `field` of the window `Login`. */
const typeInto = (field: string, text: string) => `UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Login']['${field}'] Text: ${text} Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick`;
const PRESS_LOGIN = "UIAutomation.PressButton Button: appmask['Login']['Button \\'Sign in\\'']";

function flow(name: string, lines: string[]): { dir: string; file: string } {
  const dir = tempDir(name);
  const file = path.join(dir, 'Portal.robin');
  fs.writeFileSync(file, [...HEADER, ...lines].join('\r\n'));
  return { dir, file };
}
const read = (file: string) => fs.readFileSync(file, 'utf8');
const spanText = (s: string) => (f: { owner: { script?: { text: string } }; scriptSpan?: { start: number; end: number } }) => f.owner.script!.text.slice(f.scriptSpan!.start, f.scriptSpan!.end) === s;

/** The one credential variable the fix added. */
function credentialOf(text: string): string {
  const all = [...text.matchAll(/PowerAutomateSecretVariables\.GetCredential Credential: \$'''(\w+)''' Credential=> (\w+)/g)];
  assert.equal(all.length, 1, text);
  return all[0][2];
}

/** The line of the script that types into `field`. */
function lineTyping(text: string, field: string): string {
  const line = text.split(/\r?\n/).find(l => l.includes(`['${field}']`));
  assert.ok(line, `no line types into ${field}:\n${text}`);
  return line;
}

describe('Get credential fix: roles from meaning', () => {
  test('a user-name box the recorder named after the Password: label gets .Username; the password box gets .Password', () => {
    const { dir, file } = flow('roles-misnamed', [
      "SET Username TO $'''svc-portal-bot'''",
      "SET PortalPassword TO $'''Spring#2025'''",
      typeInto("Edit \\'Password:\\'", 'Username'),
      typeInto("Edit \\'Password:\\' 2", 'PortalPassword'),
      PRESS_LOGIN,
    ]);
    const before = lint(dir);
    assert.ok(!before.findings.some(f => f.ruleId === 'pad/plaintext-secret' && spanText("$'''svc-portal-bot'''")(f)), 'the user name is not reported as a secret');
    const a = applyPreferred(dir, 'pad/plaintext-secret', { pick: spanText("$'''Spring#2025'''") });
    const s = read(file);
    assert.deepEqual(parseScript(s).problems.map(p => p.message), []);
    const cred = credentialOf(s);
    assert.ok(lineTyping(s, "Edit \\'Password:\\'").includes(`Text: ${cred}.Username `), s);
    assert.ok(lineTyping(s, "Edit \\'Password:\\' 2").includes(`Text: ${cred}.Password `), s);
    assert.ok(!s.includes('Spring#2025') && !s.includes('svc-portal-bot'), 'both literals moved into the credential');
    assert.ok(s.indexOf('PowerAutomateSecretVariables.GetCredential') < s.indexOf(`${cred}.Username`), 'the credential is read before its first use');
    assertGoodFix(dir, a);
  });

  test('literals typed into a user-name field and a password field of one window: user name → .Username, password → .Password', () => {
    const { dir, file } = flow('roles-literals', [
      typeInto("Edit \\'User name\\'", "$'''svc-portal-bot'''"),
      typeInto("Edit \\'Password\\'", "$'''Spring#2025'''"),
      PRESS_LOGIN,
    ]);
    const a = applyPreferred(dir, 'pad/plaintext-secret', { pick: spanText("$'''Spring#2025'''") });
    const s = read(file);
    assert.deepEqual(parseScript(s).problems.map(p => p.message), []);
    const cred = credentialOf(s);
    assert.ok(lineTyping(s, "Edit \\'User name\\'").includes(`Text: ${cred}.Username `), s);
    assert.ok(lineTyping(s, "Edit \\'Password\\'").includes(`Text: ${cred}.Password `), s);
    assert.ok(s.indexOf('PowerAutomateSecretVariables.GetCredential') < s.indexOf(`${cred}.Username`), 'the credential is read before the user name is typed');
    assertGoodFix(dir, a);
  });

  test('a user name typed into another window is not taken for the user of this password', () => {
    const { dir, file } = flow('roles-other-window', [
      "UIAutomation.PopulateTextField.PopulateTextField TextField: appmask['Search']['Edit \\'User name\\''] Text: $'''jdoe''' Mode: UIAutomation.PopulateTextMode.Replace ClickType: UIAutomation.PopulateMouseClickType.SingleClick",
      typeInto("Edit \\'Password\\'", "$'''Spring#2025'''"),
    ]);
    const a = applyPreferred(dir, 'pad/plaintext-secret', { pick: spanText("$'''Spring#2025'''") });
    const s = read(file);
    const cred = credentialOf(s);
    assert.ok(s.includes("['Search']['Edit \\'User name\\''] Text: $'''jdoe'''"), s);
    assert.ok(lineTyping(s, "Edit \\'Password\\'").includes(`Text: ${cred}.Password `), s);
    assert.ok(!s.includes(`${cred}.Username`), s);
    assertGoodFix(dir, a);
  });
});
