// UI test of the Environment Matrix (a webview) in the workbench, on the example solution the harness copies
// into the workspace: its cells hold exactly the settings findings the CLI reports (cell by cell), a click
// opens the settings file at the entry, the keyboard moves cell to cell and Enter opens, a missing entry is
// added from its cell (the file on disk gains it, the cell turns ok), the filters, the active environment's
// column follows the environment switch, screenshots in dark, light and high contrast themes; then a generated
// solution of 300 variables × 5 environments opens from the solution's context menu and scrolls.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../../scripts/e2e/lib.mjs';
import { matrixFrame, readMatrix, cellLocator, pickColorTheme, activeCellKey, waitForCell, runCommand, quickOpenFile } from '../support/matrix-page.mjs';
import { writeMatrixSolution } from '../support/matrix-solution.mjs';

const EXAMPLE = 'ContosoInvoiceProcessing';
/** The active editor group's active tab (the matrix's group has one too). */
const activeTab = (page, hasText) => page.locator('.editor-group-container.active .tabs-container .tab.active', hasText ? { hasText } : {});

export default async function matrix(t) {
  const { page, wb } = t;
  const solutionDir = path.join(t.folder, EXAMPLE);
  const testSettings = path.join(solutionDir, 'config/Test/deploymentSettings.json');
  // A missing entry for the matrix to offer: cnt_InvoiceLibrary leaves Test's settings.
  const original = fs.readFileSync(testSettings, 'utf8');
  const without = original.replace(/\s*\{\s*"SchemaName": "cnt_InvoiceLibrary",\s*"Value": "Invoices"\s*\},/, '');
  assert.notEqual(without, original, 'the Test settings hold cnt_InvoiceLibrary');
  fs.writeFileSync(testSettings, without);
  const frame = matrixFrame(page);

  await t.step('workbench shows the example solution and FlowCop has scanned it', async () => {
    await wb.ready(EXAMPLE);
    await page.waitForFunction(() => /Errors?: [1-9]/.test(document.querySelector('[id="status.problems"]')?.getAttribute('aria-label') ?? ''), null, { timeout: 60_000 });
  });

  let snapshot;
  await t.step('the command palette opens the matrix of the example', async () => {
    // The whole editor area for the matrix (earlier UI tests leave editors and the Problems panel open).
    await wb.focus();
    await runCommand(page, 'View: Close All Editor Groups');
    if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
    await runCommand(page, 'FlowCop: Show Environment Matrix');
    const started = Date.now();
    await frame.locator('#grid tbody tr[data-name]').first().waitFor({ timeout: 30_000 });
    t.log(`  first render ${Date.now() - started} ms after the command (not asserted)`);
    await frame.locator('#solution').selectOption(EXAMPLE);
    // The Test settings lost an entry after the first scan may have started: wait for the re-scan to show it.
    await waitForCell(frame, 'cnt_InvoiceLibrary', 'Test', cell => cell.state === 'missing');
    snapshot = await readMatrix(frame);
    t.log(`  columns ${JSON.stringify(snapshot.environments)}, active ${JSON.stringify(snapshot.active)}, ${snapshot.rows.length} rows`);
  });

  await t.step('the cells hold exactly the settings findings the CLI reports, cell by cell', async () => {
    const cli = JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'lint', '.', '--format', 'json', '--fail-on', 'none'], { cwd: solutionDir, encoding: 'utf8' }));
    const columnOf = new Map(snapshot.files.map((file, i) => [path.resolve(file), snapshot.environments[i]]));
    const expected = cli.findings
      .filter(f => f.ruleId.startsWith('settings/') || (f.ruleId === 'solution/secret-env-var-as-text' && columnOf.has(path.resolve(solutionDir, f.file))))
      .map(f => `${columnOf.get(path.resolve(solutionDir, f.file)) ?? `? ${f.file}`} | ${f.logicalLocation?.element?.name} | ${f.ruleId}`);
    const shown = snapshot.rows.flatMap(r => r.cells.flatMap(c => c.rules.map(rule => `${c.environment} | ${r.name} | ${rule}`)));
    assert.ok(expected.length >= 5, `the CLI reports settings findings on the example: ${expected.join('; ')}`);
    assert.deepEqual([...new Set(shown)].sort(), [...new Set(expected)].sort());
    // And what the states say about them.
    const cell = (name, env) => snapshot.rows.find(r => r.name === name)?.cells.find(c => c.environment === env);
    assert.equal(cell('cnt_InvoiceSiteUrl', 'Prod').state, 'bleed');
    assert.match(cell('cnt_InvoiceSiteUrl', 'Prod').text, /Finance-Dev/);
    assert.ok(['empty', 'invalid'].includes(cell('cnt_InvoiceLibrary', 'Prod').state), cell('cnt_InvoiceLibrary', 'Prod').state);
    assert.equal(cell('cnt_InvoiceLibrary', 'Test').state, 'missing');
    assert.deepEqual([cell('cnt_InvoiceLibrary', 'Dev').state, cell('cnt_InvoiceLibrary', 'Dev').text], ['ok', 'Invoices']);
    assert.ok(['shared', 'bleed'].includes(cell('cnt_sharedoffice365_2d7f0', 'Test').state));
    assert.equal(cell('cnt_sharedoffice365_2d7f0', 'Dev').state, 'shared');
    assert.equal(cell('cnt_sharedsharepointonline_5f2a1', 'Prod').state, 'ok');
  });

  await t.step('the active environment\'s column is marked and follows the environment switch', async () => {
    const statusTexts = (await page.locator('.statusbar-item').allInnerTexts()).join(' | ');
    const active = snapshot.active[0];
    if (active) assert.ok(statusTexts.includes(active), `status bar ${statusTexts} names ${active}`);
    else assert.ok(statusTexts.includes('All environments'), statusTexts);
    let mark = Date.now();
    const lap = what => { t.log(`  ${what} ${Date.now() - mark} ms`); mark = Date.now(); };
    await runCommand(page, 'FlowCop: Switch Environment');
    lap('command');
    const input = page.locator('.quick-input-widget');
    await input.locator('.quick-input-list .monaco-list-row', { hasText: 'Test' }).first().waitFor({ timeout: 15_000 });
    lap('pick shown');
    await page.keyboard.type('Test');
    await page.keyboard.press('Enter');
    lap('picked');
    await frame.locator('#grid thead th.env.active[data-env="Test"]').waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('#grid thead th.env.active').count(), 1);
  });

  await t.step('screenshots in the dark, light and high contrast themes', async () => {
    for (const [theme, label, bodyClass] of [['Dark Modern', 'dark', 'vscode-dark'], ['Light Modern', 'light', 'vscode-light'], ['Dark High Contrast', 'high-contrast', 'vscode-high-contrast']]) {
      await pickColorTheme(page, theme);
      await frame.locator(`body.${bodyClass}`).waitFor({ timeout: 15_000 });
      await frame.locator('#grid').waitFor();
      const missing = cellLocator(frame, snapshot, 'cnt_InvoiceLibrary', 'Test');
      const look = await missing.evaluate(td => ({ glyph: getComputedStyle(td.querySelector('.glyph')).color, label: td.querySelector('.label')?.textContent, outline: getComputedStyle(td).outlineStyle }));
      t.log(`  ${label}: missing cell ${JSON.stringify(look)}`);
      assert.equal(look.label, 'missing', 'the state is written, not only coloured');
      if (bodyClass === 'vscode-high-contrast') assert.equal(look.outline, 'solid', 'high contrast marks problem cells with an outline');
      await page.mouse.move(1300, 700);
      await page.waitForTimeout(300);
      await t.screenshot(`matrix-${label}`);
    }
    await pickColorTheme(page, 'Dark Modern');
  });

  await t.step('clicking a cell opens its settings file at the entry', async () => {
    await cellLocator(frame, snapshot, 'cnt_InvoiceSiteUrl', 'Prod').locator('.text').click();
    await activeTab(page, 'deploymentSettings.json').waitFor({ timeout: 15_000 });
    // The CLI reports the bleed at line 5 of Prod's settings: the cell opens there.
    await page.locator('.statusbar-item', { hasText: /Ln 5, Col/ }).waitFor({ timeout: 15_000 });
    // Prod's settings are the only ones with an empty value.
    assert.ok((await wb.editorLines()).some(l => l.includes('"Value": ""')), 'the editor shows the Prod settings');
  });

  await t.step('the keyboard moves from cell to cell and Enter opens', async () => {
    const start = cellLocator(frame, snapshot, 'cnt_InvoiceSiteUrl', 'Dev');
    await start.focus();
    const devIndex = snapshot.environments.indexOf('Dev');
    const firstRow = snapshot.rows.findIndex(r => r.name === 'cnt_InvoiceSiteUrl');
    const nextRow = snapshot.rows[firstRow + 1].name;
    assert.deepEqual(await activeCellKey(frame), { name: 'cnt_InvoiceSiteUrl', c: String(devIndex) });
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await activeCellKey(frame), { name: 'cnt_InvoiceSiteUrl', c: String(devIndex + 1) });
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(await activeCellKey(frame), { name: nextRow, c: String(devIndex + 1) });
    await page.keyboard.press('Home');
    assert.deepEqual(await activeCellKey(frame), { name: nextRow, c: 'name' });
    await page.keyboard.press('End');
    assert.deepEqual(await activeCellKey(frame), { name: nextRow, c: String(snapshot.environments.length - 1) });
    await page.keyboard.press('ArrowUp');
    assert.deepEqual(await activeCellKey(frame), { name: 'cnt_InvoiceSiteUrl', c: String(snapshot.environments.length - 1) });
    // One tab stop: only the focused cell is in the tab order; the focus ring is visible.
    assert.equal(await frame.locator('#grid [data-c][tabindex="0"]').count(), 1);
    const ring = await frame.locator('#grid [data-c]:focus').evaluate(el => getComputedStyle(el).outlineStyle);
    assert.equal(ring, 'solid');
    assert.match(await frame.locator('#details').innerText(), /cnt_InvoiceSiteUrl/);
    const prodIndex = snapshot.environments.indexOf('Prod');
    for (let c = snapshot.environments.length - 1; c > prodIndex; c--) await page.keyboard.press('ArrowLeft');
    for (let c = snapshot.environments.length - 1; c < prodIndex; c++) await page.keyboard.press('ArrowRight');
    assert.deepEqual(await activeCellKey(frame), { name: 'cnt_InvoiceSiteUrl', c: String(prodIndex) });
    // Up to cnt_ApprovalMailbox (the click before left the editor on line 5): its Prod value is on line 13.
    const mailbox = snapshot.rows.findIndex(r => r.name === 'cnt_ApprovalMailbox');
    for (let r = firstRow; r > mailbox; r--) await page.keyboard.press('ArrowUp');
    for (let r = firstRow; r < mailbox; r++) await page.keyboard.press('ArrowDown');
    assert.deepEqual(await activeCellKey(frame), { name: 'cnt_ApprovalMailbox', c: String(prodIndex) });
    await page.keyboard.press('Enter');
    await page.locator('.statusbar-item', { hasText: /Ln 13, Col/ }).waitFor({ timeout: 15_000 });
    await activeTab(page, 'deploymentSettings.json').waitFor({ timeout: 15_000 });
  });

  await t.step('a missing entry is added from its cell: the file on disk gains it, the cell turns ok', async () => {
    const missing = cellLocator(frame, snapshot, 'cnt_InvoiceLibrary', 'Test');
    await missing.locator('[data-act]').click();
    const pick = page.locator('.quick-input-widget');
    await pick.waitFor({ state: 'visible', timeout: 15_000 });
    const items = (await pick.locator('.quick-input-list .monaco-list-row').allInnerTexts()).map(s => s.replace(/\s+/g, ' ').trim());
    t.log(`  actions: ${JSON.stringify(items)}`);
    assert.ok(items.length >= 2 && /open in the settings file/i.test(items.at(-1)), 'the action, then opening the entry');
    await page.keyboard.press('Enter');
    // promptForValue: an input box of the workbench (not of the page), pre-filled with the suggestion.
    const box = page.locator('.quick-input-widget input.input');
    await box.waitFor({ state: 'visible', timeout: 15_000 });
    t.log(`  suggested value: ${JSON.stringify(await box.inputValue())}`);
    // fill(), not typing: keys typed while the box is still opening can be lost.
    await box.fill('Invoices');
    await box.press('Enter');
    const deadline = Date.now() + 20_000;
    for (;;) {
      const text = fs.readFileSync(testSettings, 'utf8');
      if (text.includes('cnt_InvoiceLibrary')) {
        const entry = JSON.parse(text).EnvironmentVariables.find(e => e.SchemaName === 'cnt_InvoiceLibrary');
        assert.equal(entry?.Value, 'Invoices');
        break;
      }
      if (Date.now() > deadline) assert.fail('the Test settings on disk gained cnt_InvoiceLibrary');
      await page.waitForTimeout(200);
    }
    await waitForCell(frame, 'cnt_InvoiceLibrary', 'Test', cell => cell.state === 'ok' && cell.text === 'Invoices');
  });

  await t.step('filters: only problems, one environment', async () => {
    const before = await frame.locator('#grid tbody tr[data-name]').count();
    await frame.locator('#onlyProblems').check();
    await frame.locator('#grid tbody tr.clean').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
    const problems = await frame.locator('#grid tbody tr[data-name]').count();
    assert.ok(problems > 0 && problems < before, `${problems} of ${before} rows have problems`);
    assert.equal(await frame.locator('#grid tbody tr.clean').count(), 0);
    await frame.locator('#environment').selectOption('Prod');
    await frame.locator('#grid thead th.env').nth(1).waitFor({ state: 'detached', timeout: 10_000 });
    assert.deepEqual(await frame.locator('#grid thead th.env').evaluateAll(ths => ths.map(th => th.dataset.env)), ['Prod']);
    await t.screenshot('matrix-filtered');
    // Hidden behind another editor the page is dropped (retainContextWhenHidden: false); shown again, its
    // filters come back from the webview state.
    let mark = Date.now();
    const lap = what => { t.log(`  ${what} ${Date.now() - mark} ms`); mark = Date.now(); };
    await frame.locator('#grid [data-c]').first().focus();
    await quickOpenFile(page, 'flowcop.json');
    await activeTab(page, 'flowcop.json').waitFor();
    await page.locator('iframe.webview.ready').waitFor({ state: 'detached', timeout: 10_000 });
    lap('another editor over the matrix (its page dropped)');
    await page.locator('.tabs-container .tab', { hasText: 'Environment Matrix' }).first().click();
    lap('the matrix tab again');
    await frame.locator('#grid thead th.env').first().waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator('#onlyProblems').isChecked(), true, 'only problems is still on');
    assert.equal(await frame.locator('#environment').inputValue(), 'Prod', 'the environment filter is still Prod');
    await frame.locator('#environment').selectOption('');
    await frame.locator('#onlyProblems').uncheck();
    await frame.locator('#grid thead th.env').nth(1).waitFor({ timeout: 10_000 });
  });

  await t.step('the findings overview lists the rules and opens a finding', async () => {
    const overview = frame.locator('.overview');
    await overview.waitFor();
    const first = overview.locator('details').first();
    await first.locator('summary').click();
    const link = first.locator('a[data-finding]').first();
    await link.waitFor();
    t.log(`  overview: ${(await overview.locator('summary').allInnerTexts()).slice(0, 4).map(s => s.replace(/\s+/g, ' ')).join(' / ')}`);
    await link.click();
    await activeTab(page).waitFor();
    await page.waitForTimeout(300);
  });

  await t.step('a generated solution of 300 variables × 5 environments opens from its context menu and scrolls', async () => {
    const generated = writeMatrixSolution(path.join(t.folder, 'GeneratedMatrix'));
    // A fresh panel, the whole editor area: the time to first render includes creating the page.
    await runCommand(page, 'View: Close All Editor Groups');
    await runCommand(page, 'FlowCop: Focus on Connection References View');
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Connection References' }) });
    const node = view.locator('.monaco-list-row', { hasText: 'Generated Matrix' }).first();
    await node.waitFor({ timeout: 60_000 });
    // The tree refreshes while the new solution is still being linted, and a refresh can swallow the menu's
    // click: try again (the menu closed) until the matrix opens.
    const lastRow = frame.locator(`#grid tbody tr[data-name="${generated.names.at(-1)}"]`);
    let started;
    for (let attempt = 1; ; attempt++) {
      await node.click({ button: 'right' });
      const item = page.locator('.context-view .monaco-menu .action-label', { hasText: 'Show Environment Matrix' });
      // Hovering focuses the menu item; Enter runs it (a click right after the menu opens can be ignored).
      await item.hover();
      await page.waitForTimeout(200);
      started = Date.now();
      await page.keyboard.press('Enter');
      if (await lastRow.waitFor({ timeout: 20_000 }).then(() => true, () => false)) break;
      if (attempt === 3) assert.fail('the matrix opened from the solution\'s context menu');
      t.log(`  the context menu's click did not open the matrix (attempt ${attempt}); again`);
      await page.keyboard.press('Escape');
    }
    t.log(`  300 × 5: first render ${Date.now() - started} ms after the menu click (not asserted)`);
    const big = await readMatrix(frame);
    assert.equal(big.solution, generated.uniqueName);
    assert.deepEqual(big.environments.filter(e => generated.environments.includes(e)), generated.environments);
    assert.equal(big.rows.filter(r => r.kind === 'environmentVariable').length, 300);
    const count = state => big.rows.flatMap(r => r.cells).filter(c => c.state === state).length;
    t.log(`  cells ${big.rows.reduce((n, r) => n + r.cells.length, 0)}: missing ${count('missing')}, default ${count('default')}, empty ${count('empty')}, bleed ${count('bleed')}; generated ${JSON.stringify(generated.expected)}`);
    assert.equal(count('missing'), generated.expected.missing);
    assert.equal(count('default'), generated.expected.defaulted);
    const last = frame.locator(`#grid tbody tr[data-name="${generated.names.at(-1)}"]`);
    const scrolled = Date.now();
    await last.scrollIntoViewIfNeeded();
    await frame.locator('#grid tbody tr[data-name]').nth(150).scrollIntoViewIfNeeded();
    t.log(`  scrolled in ${Date.now() - scrolled} ms`);
    await page.mouse.move(1300, 700);
    await page.waitForTimeout(300);
    await t.screenshot('matrix-large');
    // The next UI test opens the same workspace folder: leave it as the example was.
    fs.rmSync(path.join(t.folder, 'GeneratedMatrix'), { recursive: true, force: true });
  });
}
