// Reading the Environment Matrix webview from a UI test: the page lives in two nested iframes of the
// workbench (the webview host frame, then its active frame); cells carry data attributes for this.

/** The matrix page's frame. */
export function matrixFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** What the grid shows: the solution, its settings columns, and every row's cells (state, text, rules). */
export async function readMatrix(frame) {
  return frame.locator('#grid').evaluate(table => {
    const heads = [...table.querySelectorAll('thead th[data-env]')];
    const rows = [...table.querySelectorAll('tbody tr[data-name]')].map(tr => ({
      name: tr.dataset.name,
      kind: tr.dataset.kind,
      cells: heads.map(th => {
        const td = tr.querySelector(`[data-c="${th.dataset.col}"]`);
        return {
          environment: th.dataset.env,
          state: td?.dataset.state,
          text: td?.querySelector('.text')?.textContent ?? '',
          rules: td?.dataset.rules ? td.dataset.rules.split(' ') : [],
        };
      }),
    }));
    return {
      solution: document.getElementById('solution')?.value,
      environments: heads.map(th => th.dataset.env),
      files: heads.map(th => th.dataset.file),
      columns: heads.map(th => th.dataset.col),
      active: heads.filter(th => th.classList.contains('active')).map(th => th.dataset.env),
      rows,
    };
  });
}

/** The cell of a row (by name) in an environment's column. */
export function cellLocator(frame, snapshot, name, environment) {
  const column = snapshot.columns[snapshot.environments.indexOf(environment)];
  if (column === undefined) throw new Error(`no column ${environment} in ${snapshot.environments.join(', ')}`);
  return frame.locator(`#grid tbody tr[data-name="${name}"] [data-c="${column}"]`);
}

/** Polls the grid until the cell satisfies `predicate` (a re-scan refreshes the page after a while). */
export async function waitForCell(frame, name, environment, predicate, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    const snapshot = await readMatrix(frame).catch(() => undefined);
    const row = snapshot?.rows.find(r => r.name === name);
    last = row?.cells.find(c => c.environment === environment);
    if (last && predicate(last)) return last;
    if (Date.now() > deadline) throw new Error(`the cell ${name} / ${environment} did not turn as expected; last seen ${JSON.stringify(last)}`);
    await new Promise(resolve => setTimeout(resolve, 300));
  }
}

/** The focused cell inside the page: its row's name and its column key. */
export async function activeCellKey(frame) {
  return frame.locator('body').evaluate(() => {
    const el = document.activeElement;
    return { name: el?.closest('tr')?.dataset.name, c: el?.dataset.c };
  });
}

/**
 * F1, the command's title, Enter — without Workbench.command's click into the editor area, which would land
 * on a matrix cell (and open it). Keys pressed inside a webview reach the workbench's keybindings.
 */
export async function runCommand(page, title) {
  const widget = page.locator('.quick-input-widget');
  await page.keyboard.press('F1');
  if (!await widget.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) {
    await page.locator('.part.sidebar .title').first().click();
    await page.keyboard.press('F1');
    await widget.waitFor({ state: 'visible' });
  }
  await page.keyboard.type(title);
  // The row whose label starts with the title (the first row may be a longer, fuzzier match).
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^\\s*${escaped}`) }).first();
  await row.click();
}

/** Picks a colour theme by its label through "Preferences: Color Theme". */
export async function pickColorTheme(page, label) {
  await runCommand(page, 'Preferences: Color Theme');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 15_000 });
  await page.keyboard.type(label);
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^\\s*${label}`) }).first().click();
  await widget.waitFor({ state: 'hidden' });
}

/** Ctrl+P, a file name, Enter (keyboard only, like runCommand). */
export async function quickOpenFile(page, name) {
  const widget = page.locator('.quick-input-widget');
  await page.keyboard.press('Control+P');
  await widget.waitFor({ state: 'visible' });
  await page.keyboard.type(name);
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden' });
}
