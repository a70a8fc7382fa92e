// UI test of FlowCop in the workbench (headless Chromium, the installed .vsix), on the example solution the
// harness copies into the workspace (ContosoInvoiceProcessing/): the Problems panel lists FlowCop's findings,
// a quick fix is applied from the lightbulb menu (Ctrl+. on the diagnostic's line), the FlowCop view shows the
// connection references, and switching the environment from the command palette changes the status bar.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const FLOW = 'ProcessIncomingInvoices-2B7E9C41-8D3A-4F5E-A6B7-C8D9E0F1A2B3.json';

export default async function flowcop(t) {
  const { page, wb } = t;
  const flowPath = path.join(t.folder, 'ContosoInvoiceProcessing', 'Workflows', FLOW);

  await t.step('workbench shows the example solution', () => wb.ready('ContosoInvoiceProcessing'));

  await t.step('the Problems panel lists FlowCop findings', async () => {
    // The extension activates on the solution (workspaceContains) and scans the workspace.
    const problems = wb.statusItem('status.problems');
    await page.waitForFunction(() => /Errors?: [1-9]/.test(document.querySelector('[id="status.problems"]')?.getAttribute('aria-label') ?? ''), null, { timeout: 60_000 });
    t.log(`  status bar: ${await problems.getAttribute('aria-label')}`);
    await problems.click();
    await page.locator('.markers-panel').waitFor({ timeout: 15_000 });
    await wb.problemsRows().filter({ hasText: 'pad/plaintext-secret' }).first().waitFor({ timeout: 15_000 });
    await wb.problemsRows().filter({ hasText: 'cloud/unsecured-secret' }).first().waitFor({ timeout: 15_000 });
    const rows = await wb.problemsRows().allTextContents();
    t.log(`  ${rows.length} rows visible, e.g. ${JSON.stringify(rows.find(r => r.includes('flowcop')))?.slice(0, 160)}`);
    await t.screenshot('ui-flowcop-problems');
  });

  await t.step('a quick fix from the lightbulb (Ctrl+.) turns on Secure Outputs', async () => {
    await wb.quickOpen(FLOW);
    const text = fs.readFileSync(flowPath, 'utf8');
    // The line of the action "Enter_invoice_in_ERP" (cloud/unsecured-secret sits on its name).
    const line = text.split(/\r?\n/).findIndex(l => l.includes('"Enter_invoice_in_ERP": {')) + 1;
    assert.ok(line > 0);
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
    await page.keyboard.type(`${line}:12`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: `line ${line}` }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col 12` }).waitFor();
    await page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first().waitFor({ timeout: 15_000 });
    const menu = await wb.quickFixMenu({ log: t.log });
    const fix = menu.locator('.monaco-list-row', { hasText: 'Turn on Secure Outputs' }).first();
    await fix.waitFor({ timeout: 15_000 });
    t.log(`  menu: ${JSON.stringify((await menu.locator('.monaco-list-row').allTextContents()).map(s => s.trim()))}`);
    await t.screenshot('ui-flowcop-quickfix');
    await fix.click();
    await menu.waitFor({ state: 'hidden' });
    // The fix edits the editor's buffer once its edit is resolved (a round trip to the server): wait for
    // the buffer to change before saving, or a loaded machine saves the text from before the fix.
    await page.locator('.tabs-container .tab.active.dirty').waitFor({ timeout: 15_000 });
    await page.keyboard.press('Control+S');
    const deadline = Date.now() + 15_000;
    while (!fs.readFileSync(flowPath, 'utf8').includes('"secureData"')) {
      if (Date.now() > deadline) assert.fail('the flow JSON on disk gained secureData');
      await page.waitForTimeout(200);
    }
    await wb.problemsRows().filter({ hasText: 'Enter_invoice_in_ERP' }).first().waitFor({ state: 'detached', timeout: 15_000 });
  });

  await t.step('the FlowCop view shows the connection references', async () => {
    await wb.command('FlowCop: Focus on Connection References View');
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Connection References' }) });
    await view.locator('.monaco-list-row', { hasText: 'Contoso Invoice Processing' }).waitFor({ timeout: 20_000 });
    await view.locator('.monaco-list-row', { hasText: 'Contoso Invoices - SharePoint' }).waitFor({ timeout: 20_000 });
    await view.locator('.monaco-list-row', { hasText: 'shared_office365' }).waitFor();
    t.log(`  rows: ${JSON.stringify((await view.locator('.monaco-list-row').allTextContents()).map(s => s.trim()))}`);
    await t.screenshot('ui-flowcop-view');
  });

  await t.step('the decoded desktop-flow script opens from the command palette, highlighted, with its problems', async () => {
    await wb.command('FlowCop: Open Desktop Flow Script');
    await page.locator('.tabs-container .tab', { hasText: 'Enter Invoice in Legacy ERP.robin' }).waitFor({ timeout: 15_000 });
    await page.locator('.editor-group-container.active .view-lines', { hasText: 'SET ErpPassword TO' }).waitFor({ timeout: 15_000 });
    await page.locator('[id="status.editor.mode"]', { hasText: 'Desktop flow script' }).waitFor({ timeout: 15_000 });
    await page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first().waitFor({ timeout: 15_000 });
    await t.screenshot('ui-flowcop-script');
  });

  await t.step('switching the environment from the command palette changes the status bar', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'All environments' });
    await item.waitFor({ timeout: 15_000 });
    await wb.command('FlowCop: Switch Environment');
    const input = page.locator('.quick-input-widget');
    await input.locator('.quick-input-list .monaco-list-row', { hasText: 'Prod' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.type('Prod');
    await input.locator('.quick-input-list .monaco-list-row', { hasText: 'Prod' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item', { hasText: 'Prod' }).waitFor({ timeout: 15_000 });
    // The environment variables now show their Prod values.
    await wb.command('FlowCop: Focus on Environment Variables View');
    const vars = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Environment Variables' }) });
    await vars.locator('.monaco-list-row', { hasText: 'Invoice Site URL' }).waitFor({ timeout: 20_000 });
    await vars.locator('.monaco-list-row', { hasText: 'Finance-Dev' }).waitFor({ timeout: 20_000 });
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await page.waitForTimeout(300);
    await t.screenshot('ui-flowcop');
  });
}
