// UI smoke test (run by scripts/e2e/ui.mjs against the installed .vsix): the workbench shows the test
// workspace, hello.robin opens through Quick Open as a "Desktop flow script" and is syntax highlighted.
import assert from 'node:assert/strict';

export default async function smoke(t) {
  const { page, wb } = t;

  await t.step('workbench shows the test workspace', () => wb.ready('hello.robin'));

  await t.step('hello.robin opens through Quick Open', async () => {
    await wb.quickOpen('hello.robin');
    await page.locator('.monaco-editor .view-lines', { hasText: 'SET Greeting TO' }).waitFor();
  });

  await t.step('the language mode is the extension\'s "Desktop flow script"', async () => {
    await page.locator('[id="status.editor.mode"]', { hasText: 'Desktop flow script' }).waitFor({ timeout: 30_000 });
  });

  await t.step('the editor shows highlighted tokens', async () => {
    // Tokenization is asynchronous: wait until the keyword and the string have their own colours.
    let tokens = [];
    const deadline = Date.now() + 30_000;
    // Monaco merges neighbouring tokens of the same style into one span: match on how spans start.
    const colorOf = start => tokens.find(x => x.text.startsWith(start))?.color;
    for (;;) {
      tokens = await wb.editorTokens();
      const keyword = colorOf('SET'), string = colorOf("$'''"), comment = colorOf('# A small');
      if (keyword && string && comment && new Set([keyword, string, comment]).size === 3) break;
      if (Date.now() > deadline) {
        assert.fail(`expected distinct colours for SET, $''' and the comment; tokens:\n${tokens.map(x => `${JSON.stringify(x.text)} ${x.color}`).join('\n')}`);
      }
      await page.waitForTimeout(200);
    }
    const colors = new Set(tokens.map(x => x.color));
    t.log(`  ${tokens.length} tokens in ${colors.size} colours`);
    assert.ok(colors.size >= 2, 'at least two distinct token colours');
    // The apostrophe escape \' does not end the string: the rest of line 2 keeps the string colour.
    const afterEscape = tokens.find(x => x.text.startsWith('s 100'));
    assert.equal(afterEscape?.color, colorOf("$'''"), `text after \\' is still string-coloured: ${JSON.stringify(afterEscape)}`);
    await t.screenshot('ui-smoke');
  });

  await t.step("typing $''' inserts the closing '''", async () => {
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type("SET Z TO $'''", { delay: 30 });
    await page.keyboard.type('x', { delay: 30 });
    const lines = await wb.editorLines();
    assert.ok(lines.some(l => l.trim() === "SET Z TO $'''x'''"), `last lines: ${JSON.stringify(lines.slice(-3))}`);
    await wb.command('File: Revert File');
  });
}
