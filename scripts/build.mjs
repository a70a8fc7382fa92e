// Builds the three bundles (client, server, CLI) and, with --tests, transpiles the tests to out/.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = name => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const withTests = args.includes('--tests');
const minify = args.includes('--minify');
// --out DIR and --only a,b (path prefixes) let parallel work transpile just its part of the tree.
const outDir = option('--out') ?? 'out';
const only = option('--only')?.split(',');
const bundles = !args.includes('--no-bundles');
// --dist DIR writes the bundles elsewhere than dist/ (parallel work that runs the CLI or the server).
const distDir = option('--dist') ?? 'dist';
// --e2e transpiles the extension-host suite test/e2e/**/*.ts to <out>/e2e/ (out/e2e/suite/index.js by default).
const withE2e = args.includes('--e2e');

function tsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'fixtures') out.push(...tsFiles(p)); }
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

// mainFields: jsonc-parser's UMD build hides its modules from the bundler; its ESM build does not.
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, minify, logLevel: 'warning', absWorkingDir: root, mainFields: ['module', 'main'] };
if (bundles) await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: `${distDir}/client.js`, external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: `${distDir}/server.js` }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: `${distDir}/cli.js`, banner: { js: '#!/usr/bin/env node' } }),
]);

if (withTests) {
  rmSync(join(root, outDir), { recursive: true, force: true });
  // The client's files too: unit tests load its vscode-free parts (client/src/pac, client/src/matrix).
  const entryPoints = [...tsFiles(join(root, 'server/src')), ...tsFiles(join(root, 'client/src')), ...tsFiles(join(root, 'test'))]
    .map(p => relative(root, p))
    .filter(p => !only || only.some(prefix => p.startsWith(prefix)));
  await esbuild.build({ entryPoints, outdir: outDir, outbase: '.', bundle: false, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning', absWorkingDir: root });
}

if (withE2e) {
  const e2eOut = join(outDir, 'e2e');
  rmSync(join(root, e2eOut), { recursive: true, force: true });
  const entryPoints = tsFiles(join(root, 'test/e2e')).map(p => relative(root, p));
  await esbuild.build({ entryPoints, outdir: e2eOut, outbase: 'test/e2e', bundle: false, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', logLevel: 'warning', absWorkingDir: root });
}
