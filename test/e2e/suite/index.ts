// Mocha entry point that VS Code's extension host calls (--extensionTestsPath, or the payload
// extensionTestsPath under code-server): it runs every *.test.js beside it, transpiled from
// test/e2e/suite/*.test.ts by `node scripts/build.mjs --no-bundles --e2e` (into out/e2e/suite/).
// Environment (passed through to the extension host): FLOWCOP_E2E_GREP runs only matching tests,
// FLOWCOP_E2E_RESULTS writes a JSON summary to that path.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  if (process.env.FLOWCOP_E2E_GREP) mocha.grep(process.env.FLOWCOP_E2E_GREP);
  for (const file of fs.readdirSync(__dirname).filter(f => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, file));
  // mocha 12 is ESM-only; loadFilesAsync loads CommonJS and ES module test files alike.
  await mocha.loadFilesAsync();

  const results: { title: string; state: string; ms?: number; error?: string }[] = [];
  const failures = await new Promise<number>(resolve => {
    const runner = mocha.run(resolve);
    runner.on('pass', t => results.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }));
    runner.on('fail', (t, err) => results.push({ title: t.fullTitle(), state: 'failed', error: String(err?.stack ?? err) }));
    runner.on('pending', t => results.push({ title: t.fullTitle(), state: 'pending' }));
  });
  const out = process.env.FLOWCOP_E2E_RESULTS;
  if (out) {
    try { fs.mkdirSync(path.dirname(out), { recursive: true }); fs.writeFileSync(out, JSON.stringify({ failures, results }, null, 2)); }
    catch (e) { console.error('cannot write', out, e); }
  }
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
