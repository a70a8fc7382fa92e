#!/usr/bin/env node
// Runs the extension-host suite through @vscode/test-electron's runTests, the usual way for VS Code
// extensions:
//   - by default through scripts/e2e/code-shim.mjs, i.e. in code-server (works offline, here and in CI);
//   - with FLOWCOP_E2E_DESKTOP=1 in a desktop VS Code that runTests downloads (a developer machine with
//     network access), or in the one at FLOWCOP_E2E_VSCODE=/path/to/code.
// Build first: node scripts/build.mjs && node scripts/build.mjs --no-bundles --e2e
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
// The suites edit and save files: they get a throwaway copy of the test workspace with the example
// solution in it, the same tree ext-host.mjs gives them, so the checkout is never written to.
const workspace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-e2e-')), 'workspace');
fs.cpSync(path.join(root, 'test/e2e/workspace'), workspace, { recursive: true });
fs.cpSync(path.join(root, 'examples/ContosoInvoiceProcessing'), path.join(workspace, 'ContosoInvoiceProcessing'), { recursive: true });
const options = {
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(root, 'out/e2e/suite/index.js'),
  launchArgs: [workspace, '--disable-extensions'],
};
if (process.env.FLOWCOP_E2E_VSCODE) options.vscodeExecutablePath = process.env.FLOWCOP_E2E_VSCODE;
else if (!process.env.FLOWCOP_E2E_DESKTOP) options.vscodeExecutablePath = path.join(here, 'code-shim.mjs');
try {
  process.exitCode = await runTests(options);
} catch (e) {
  console.error(`[e2e] ${e.message ?? e}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
}
