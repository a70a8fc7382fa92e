// Repeated values fold (issue 12, item 5): the text report shows one line per rule and value in a file
// with the other places counted and a summary per value at the end; JSON and SARIF keep one result per
// place, SARIF lists the other places as related locations. A repeated secret is never printed.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { MemoryVfs } from '../../server/src/load/vfs';

const SITE = 'https://contoso.sharepoint.com/sites/Finance';
const SECRET = 'Zr8qLw2vN4tX9pKc';
const launch = (url: string) => `WebAutomation.LaunchEdge.LaunchEdge Url: ${url} WindowState: WebAutomation.BrowserWindowState.Normal ClearCache: False ClearCookies: False WaitForPageToLoadTimeout: 60 Timeout: 60 BrowserInstance=> Browser`;
const login = `Email.RetrieveEmails.RetrieveEmails IMAPServer: $'''imap.contoso.com''' Port: 993 EnableSSL: True Username: $'''bot@contoso.com''' Password: $'''${SECRET}''' MailFolder: $'''Inbox''' EmailsToRetrieve: Email.RetrieveMessagesMode.All MarkAsRead: True ReadBodyAsHtml: False Retrieved=> Mails`;
const SCRIPT = [launch(`$'''${SITE}'''`), login, launch(`$'''${SITE}'''`), login, launch(`$'''${SITE}'''`), launch(`$'''https://fabrikam.sharepoint.com/sites/Ops'''`)].join('\n');

function run(args: string[]) {
  const cwd = '/w';
  const vfs = new MemoryVfs({ [path.posix.join(cwd, 'flow.robin')]: SCRIPT, [path.posix.join(cwd, 'other.robin')]: launch(`$'''${SITE}'''`) });
  const out: string[] = [];
  const cli: CliIO = { stdout: s => out.push(s), stderr: () => undefined, cwd, vfs, isTTY: false, env: {}, writeFile: () => undefined };
  runCli(['lint', '.', ...args], cli);
  return out.join('');
}

describe('folding repeated values', () => {
  test('text: one line per rule and value in a file, the other places counted, a summary per value', () => {
    const text = run([]);
    const urlLines = text.split('\n').filter(l => l.includes('pad/environment-specific-url') && l.includes('contoso.sharepoint.com') && /^\s+\d+:\d+/.test(l));
    assert.equal(urlLines.length, 2, `one line in flow.robin and one in other.robin:\n${text}`);
    assert.match(text, /and 2 more places in this file: lines 3, 5\)/);
    assert.match(text, /Repeated values \(one decision each\):/);
    assert.match(text, /4×\s+.*contoso\.sharepoint\.com.*\(4 places in 2 files\)/);
    assert.match(text, /2×\s+.*\(2 places\).*pad\/plaintext-secret/);
    assert.ok(!text.includes(SECRET), 'the repeated secret is never printed');
    assert.match(text, /\b9 problems\b/, 'the count is of places, not of folded lines');
  });

  test('text --no-fold lists every place', () => {
    const text = run(['--no-fold']);
    const urlLines = text.split('\n').filter(l => l.includes('pad/environment-specific-url') && /^\s+\d+:\d+/.test(l));
    assert.equal(urlLines.length, 5);
    assert.doesNotMatch(text, /more places/);
  });

  test('JSON and SARIF keep one result per place; SARIF relates the places of one value', () => {
    const json = JSON.parse(run(['--format', 'json']));
    assert.equal(json.findings.filter((f: { ruleId: string }) => f.ruleId === 'pad/environment-specific-url').length, 5);
    const sarif = JSON.parse(run(['--format', 'sarif']));
    const results = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'pad/environment-specific-url');
    assert.equal(results.length, 5);
    const contoso = results.filter((r: { relatedLocations?: unknown[] }) => r.relatedLocations?.length === 3);
    assert.equal(contoso.length, 4, 'each contoso place points at the 3 others');
    const fabrikam = results.filter((r: { relatedLocations?: unknown[] }) => !r.relatedLocations);
    assert.equal(fabrikam.length, 1);
    assert.ok(!JSON.stringify(sarif).includes(SECRET));
  });
});
