#!/usr/bin/env node
// A stand-in for the desktop `code` executable, so @vscode/test-electron's
//   runTests({ vscodeExecutablePath: 'scripts/e2e/code-shim.mjs', extensionDevelopmentPath, extensionTestsPath, launchArgs: [folder] })
// runs the same extension-host suite in code-server (scripts/e2e/ext-host.mjs) on machines without a
// desktop VS Code. It reads the desktop command line: --extensionDevelopmentPath=, --extensionTestsPath=
// and the folder to open; desktop/Electron-only flags (--no-sandbox, --disable-updates, --user-data-dir=,
// --extensions-dir=, ...) are ignored because the harness makes a throwaway profile for every run.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const harness = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ext-host.mjs');
const forwarded = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a.startsWith('--extensionDevelopmentPath=') || a.startsWith('--extensionTestsPath=')) forwarded.push(a);
  else if (a === '--extensionDevelopmentPath' || a === '--extensionTestsPath') forwarded.push(`${a}=${args[++i]}`);
  else if (!a.startsWith('-')) forwarded.push(path.resolve(a)); // the folder (or file) to open
  // everything else is a desktop/Electron flag
}
if (forwarded.filter(a => a.startsWith('--extensionDevelopmentPath=')).length > 1) {
  console.error('[code-shim] only one --extensionDevelopmentPath is supported');
  process.exit(2);
}
const child = spawn(process.execPath, [harness, ...forwarded], { stdio: 'inherit' });
// runTests stops VS Code with SIGINT on Ctrl+C: pass it on so the harness cleans up.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
