// UI test of FlowCop tied to the pac CLI: a fake authprofiles_v2.json in code-server's throwaway
// XDG_DATA_HOME (where pac keeps it on Linux) and url/id for the example's environments in its flowcop.json.
// The status bar shows pac's environment beside FlowCop's, a warning when they disagree, Switch Environment
// lists pac's environment first and offers `pac org select` in a terminal, and rewriting or removing the
// file updates the status bar.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const PROD_ID = '6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const DEV_ID = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

/** A profile as pac writes it (made-up identifiers; no token: those live in pac's caches, never here). */
const profile = (name, url, id, friendlyName) => ({
  Name: name, Kind: 'UNIVERSAL', User: 'maker@contoso.com', TenantId: '11111111-2222-4333-8444-555555555555',
  Resource: url, EnvironmentId: id, FriendlyName: friendlyName, CloudInstance: 'Public',
});
const DEV = profile('dev', 'https://contoso-dev.crm.dynamics.com/', DEV_ID, 'Contoso Dev');
const PROD = profile('prod', 'https://contoso.crm.dynamics.com/', PROD_ID, 'Contoso Prod');
const profilesFile = current => JSON.stringify({ Profiles: [DEV, PROD], Current: { UNIVERSAL: current } }, null, 2);

const pacFile = t => path.join(t.dataHome, 'Microsoft', 'PowerAppsCli', 'authprofiles_v2.json');
const configFile = t => path.join(t.folder, 'ContosoInvoiceProcessing', 'flowcop.json');
let originalConfig;

/** Before the window opens: pac points at Dev; flowcop.json says which Dataverse environment each stage is. */
export async function beforeOpen(t) {
  fs.mkdirSync(path.dirname(pacFile(t)), { recursive: true });
  // With a BOM, as some writers leave one.
  fs.writeFileSync(pacFile(t), '\uFEFF' + profilesFile(DEV));
  originalConfig = fs.readFileSync(configFile(t), 'utf8');
  const config = JSON.parse(originalConfig);
  config.environments = {
    Dev: { url: 'https://CONTOSO-DEV.crm.dynamics.com' },
    Test: { url: 'https://contoso-test.crm.dynamics.com/' },
    Prod: { url: 'https://contoso.crm.dynamics.com', id: PROD_ID },
  };
  fs.writeFileSync(configFile(t), JSON.stringify(config, null, 2));
}

export default async function pac(t) {
  const { page, wb } = t;
  const item = page.locator('.statusbar-item', { hasText: 'pac:' });
  const statusShot = async name => {
    const full = await t.screenshot(name);
    await page.locator('.part.statusbar').screenshot({ path: full.replace(/\.png$/, '-statusbar.png') });
  };

  /** Picks an environment in Switch Environment; returns the rows as listed, first row first. */
  const switchTo = async (label, check) => {
    await wb.command('FlowCop: Switch Environment');
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    // The command palette's list turns into the environments' in place: wait for the pick's own title and
    // rows, then read them in the order shown (the list reuses row elements: data-index, not DOM order).
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'FlowCop: Switch Environment' }).waitFor({ timeout: 20_000 });
    await rows.filter({ hasText: '(all environments)' }).first().waitFor({ timeout: 20_000 });
    await rows.filter({ hasText: 'Test' }).first().waitFor({ timeout: 20_000 });
    const listed = (await rows.evaluateAll(els => els.map(e => [Number(e.getAttribute('data-index')), e.textContent ?? ''])))
      .sort((a, b) => a[0] - b[0]).map(([, text]) => text.replace(/\s+/g, ' ').trim());
    await check?.(listed);
    if (label === undefined) {
      await page.keyboard.press('Escape');
    } else {
      await page.keyboard.type(label);
      await rows.filter({ hasText: label }).first().waitFor();
      await page.keyboard.press('Enter');
    }
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    return listed;
  };

  await t.step('workbench shows the example solution', () => wb.ready('ContosoInvoiceProcessing'));

  await t.step("the status bar shows pac's environment beside FlowCop's", async () => {
    // A previous UI test may have left another environment active: start from every environment.
    await item.waitFor({ timeout: 60_000 });
    await switchTo('(all environments)');
    await page.locator('.statusbar-item', { hasText: 'FlowCop: All environments · pac: Contoso Dev' }).waitFor({ timeout: 20_000 });
    assert.equal(await item.locator('.codicon-warning').count(), 0, 'no warning while FlowCop checks every environment');
  });

  await t.step("Switch Environment lists pac's environment first; picking another shows the warning and offers pac org select", async () => {
    const listed = await switchTo('Prod', rows => {
      assert.match(rows[0], /^Dev.*matches pac's active environment/, `first row: ${rows[0]}`);
      assert.ok(!rows.slice(1).some(r => /matches pac/.test(r)), JSON.stringify(rows));
    });
    t.log(`  rows: ${JSON.stringify(listed)}`);
    const warned = page.locator('.statusbar-item', { hasText: 'FlowCop: Prod · pac: Contoso Dev' });
    await warned.locator('.codicon-warning').waitFor({ timeout: 20_000 });
    assert.match(await warned.getAttribute('class'), /\bwarning-kind\b/, 'the warning background');
    // The reason is in the tooltip.
    await warned.hover();
    const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'the two disagree' }).first();
    await hover.waitFor({ timeout: 15_000 });
    assert.match(await hover.textContent(), /pac points at Dev while FlowCop checks Prod/);
    await statusShot('pac-warning');
    // The offer to point pac at Prod: a terminal the user sees, only when the button is picked.
    const toast = wb.notifications().locator('.notification-toast', { hasText: 'pac org select --environment https://contoso.crm.dynamics.com' });
    await toast.waitFor({ timeout: 15_000 });
    await toast.locator('.monaco-button', { hasText: 'Run pac org select in a Terminal' }).click();
    await page.locator('.terminal-tabs-entry, .single-terminal-tab, .panel .title', { hasText: 'pac org select' }).first().waitFor({ timeout: 20_000 });
    await page.mouse.move(700, 300);
  });

  await t.step('pac selecting Prod (the profile file rewritten) clears the warning', async () => {
    fs.writeFileSync(pacFile(t), profilesFile(PROD));
    const agreed = page.locator('.statusbar-item', { hasText: 'FlowCop: Prod · pac: Contoso Prod' });
    await agreed.waitFor({ timeout: 20_000 });
    assert.equal(await agreed.locator('.codicon-warning').count(), 0);
    await statusShot('pac-agree');
    await switchTo(undefined, rows => assert.match(rows[0], /^Prod.*matches pac's active environment/, `first row: ${rows[0]}`));
  });

  await t.step('a partly written file keeps the last reading; no profile file shows nothing about pac', async () => {
    fs.writeFileSync(pacFile(t), profilesFile(DEV).slice(0, 40));
    await page.waitForTimeout(1500);
    assert.equal(await page.locator('.statusbar-item', { hasText: 'pac: Contoso Prod' }).count(), 1, 'a broken rewrite does not blank the status bar');
    fs.rmSync(pacFile(t));
    await item.waitFor({ state: 'detached', timeout: 20_000 });
    await page.locator('.statusbar-item', { hasText: 'Prod' }).first().waitFor();
    await switchTo('(all environments)');
    fs.writeFileSync(configFile(t), originalConfig);
  });
}
