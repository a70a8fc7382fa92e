// Language-server soak (short): the real server over stdio on a temp copy of examples/, 300 seeded random
// steps of open/change (garbage included)/save/close, code actions, hovers and the custom requests.
// `npm run fuzz -- --soak 1000` runs the full 1,000 steps and prints the figures.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { rangeProblem, runSoak } from '../support/fuzz/lsp-soak';

const root = path.join(__dirname, '../../..');
const serverModule = path.join(__dirname, '../../server/src/server.js');

test('language server soak: 300 random steps, no crash, no internal error, diagnostics inside their documents, flat memory', { timeout: 120_000 }, async () => {
  assert.ok(fs.existsSync(serverModule), `the transpiled server entry is missing: ${serverModule}`);
  const report = await runSoak({ root, serverModule, steps: 300, seed: 20261204, checkpoints: [100, 300] });
  assert.deepEqual(report.violations, []);
  assert.equal(report.steps, 300);
  assert.ok(report.diagnostics > 0, 'the server published diagnostics for the example');
  const [early, late] = report.rss;
  if (early && late) {
    // Generous: V8 grows its heap lazily; a leak per step shows as far more than this.
    assert.ok(late.kb <= early.kb * 1.5 + 40 * 1024, `RSS grew from ${early.kb} KB (step ${early.step}) to ${late.kb} KB (step ${late.step})`);
  }
});

test('the soak\'s range check: inside passes, past a line end or the last line fails (CRLF, CR and LF lines)', () => {
  const text = 'ab\r\ncd\ref\ng';
  const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
  assert.equal(rangeProblem(text, r(0, 0, 3, 1)), undefined);
  assert.equal(rangeProblem(text, r(1, 2, 2, 2)), undefined);
  assert.match(rangeProblem(text, r(0, 3, 0, 3)) ?? '', /past the end of line 0/);
  assert.match(rangeProblem(text, r(0, 0, 4, 0)) ?? '', /past the last line/);
  assert.match(rangeProblem(text, r(1, 1, 1, 0)) ?? '', /start is after end/);
  assert.match(rangeProblem(text, r(-1, 0, 0, 0)) ?? '', /negative/);
});

test('soak repro: an open desktop-flow XML and its decoded script with unsaved edits get diagnostics inside the XML editor\'s text', { timeout: 60_000 }, async () => {
  // Found by `npm run fuzz -- --soak 1000 --seed 11`: the server lints the XML with the script editor's text
  // merged in and publishes those ranges on the XML editor, whose text does not have the edit.
  const report = await runSoak({ root, serverModule, steps: 0, seed: 1, scenario: 'xml-and-script-open' });
  assert.deepEqual(report.violations, []);
});

test('soak repro: code actions while flowcop.json is nested 6,000 levels deep do not crash a handler', { timeout: 60_000 }, async () => {
  // Found by `npm run fuzz -- --soak 1000 --seed 424242`: "configure action failed: RangeError: Maximum call
  // stack size exceeded" in jsonc-parser (fix/change.ts modifyJson → jsonc-parser modify, which parses recursively).
  const report = await runSoak({ root, serverModule, steps: 0, seed: 1, scenario: 'deep-config' });
  assert.deepEqual(report.violations, []);
});

test('soak repro: code actions while flowcop.json has "rules": 5 do not crash a handler', { timeout: 60_000 }, async () => {
  // Found by `npm run fuzz -- --soak 1000 --seed 20261204`: "configure action failed: Error: Can not add index to
  // parent of type number" (jsonc-parser modify, via fix/change.ts modifyJson, from lsp/configure-action.ts configureAction).
  const report = await runSoak({ root, serverModule, steps: 0, seed: 1, scenario: 'rules-not-object' });
  assert.deepEqual(report.violations, []);
});
