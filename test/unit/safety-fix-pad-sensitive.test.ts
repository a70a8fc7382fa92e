// Fix semantics of "Mark sensitive" for a custom-object input (issue 9): the flow's <Inputs> schema must
// not gain a text-typed entry for an object input it does not list; @SENSITIVE is still edited.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyPreferred, assertGoodFix, fixture, lint } from './fix-support';
import { DESKTOP, SCRIPT } from './fix-specs';

const text = (s: string) => (f: { owner: { script?: { text: string } }; scriptSpan?: { start: number; end: number } }) => f.owner.script!.text.slice(f.scriptSpan!.start, f.scriptSpan!.end) === s;

describe('Mark sensitive: a custom-object input', () => {
  test('an object input missing from the <Inputs> schema joins @SENSITIVE without a string-typed schema entry', () => {
    const script = SCRIPT
      .replace("@INPUT Input_SmtpUser :", "@INPUT Input_MailSettings : { 'Description': 'Mail settings.', 'FriendlyName': 'Input_MailSettings', 'Type': 'CustomObject', 'IsOptional': False, 'DefaultValue': {{ }} } \r\n@INPUT Input_SmtpUser :")
      .replace('Username: Input_SmtpUser Password: Input_SmtpPassword', "Username: Input_SmtpUser Password: Input_MailSettings['Password']");
    const spec = { ...DESKTOP, desktopFlows: [{ ...DESKTOP.desktopFlows![0], script }] };
    const dir = fixture(spec, 'unpacked', 'obj-sensitive');
    const before = lint(dir);
    assert.ok(before.findings.some(f => f.ruleId === 'pad/sensitive-not-marked' && text('Input_MailSettings')(f)), before.findings.map(f => `${f.ruleId}: ${f.message}`).join('\n'));
    const a = applyPreferred(dir, 'pad/sensitive-not-marked', { pick: text('Input_MailSettings') });
    const df = a.after.workspace.solutions[0].desktopFlows[0];
    assert.ok(df.script!.text.includes('@SENSITIVE: [Output_Message, Input_MailSettings]'));
    const entry = df.inputs.find((i: { name: string }) => i.name === 'Input_MailSettings') as { type?: string } | undefined;
    assert.ok(!entry || entry.type !== 'string', `no text-typed schema entry for an object input: ${JSON.stringify(entry)}`);
    assertGoodFix(dir, a);
  });
});
