// Writes schemas/flowcop.schema.json from the rules' metadata (a test checks it is current).
import * as esbuild from 'esbuild';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'flowcop-schema-'));
try {
  await esbuild.build({
    stdin: { contents: "export { configSchema } from './server/src/findings/schema'; export { RULES } from './server/src/rules/registry';", resolveDir: root, loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'schema.cjs'), logLevel: 'warning', mainFields: ['module', 'main'],
  });
  const { configSchema, RULES } = createRequire(import.meta.url)(join(dir, 'schema.cjs'));
  writeFileSync(join(root, 'schemas/flowcop.schema.json'), JSON.stringify(configSchema(RULES), null, 2) + '\n');
  console.log(`schemas/flowcop.schema.json: ${RULES.length} rules`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
