// Writes a deterministic unpacked solution for the environment matrix at scale: N environment variables,
// a few connection references, and one deployment settings file per environment (config/<Env>/), with some
// entries left out, some empty and some naming another stage, so every row of the matrix is not all green.
//
//   node test/e2e/support/matrix-solution.mjs <folder> [--variables=300] [--environments=Dev,Test,UAT,PreProd,Prod]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { solutionFiles } from '../../../scripts/bench/tree-layouts.mjs';

export const DEFAULT_ENVIRONMENTS = ['Dev', 'Test', 'UAT', 'PreProd', 'Prod'];

/** Writes the solution into `folder` (created); returns what it wrote, for the tests to check against. */
export function writeMatrixSolution(folder, { variables = 300, environments = DEFAULT_ENVIRONMENTS, uniqueName = 'GeneratedMatrix', prefix = 'gen' } = {}) {
  const names = Array.from({ length: variables }, (_, i) => `${prefix}_Setting${String(i).padStart(3, '0')}`);
  const references = ['sharepointonline', 'office365', 'sql', 'uiflow'].map((c, i) => ({ name: `${prefix}_shared${c}_${i}`, connector: `shared_${c}` }));
  const expected = { missing: 0, defaulted: 0, empty: 0, bleed: 0 };
  const settings = {};
  environments.forEach((env, e) => {
    const entries = [];
    names.forEach((name, i) => {
      // Deterministic gaps: one variable in 23 has no entry in one environment, one in 31 an empty value,
      // one in 37 in Prod a Dev URL.
      // (A variable with a default value and no entry shows the default, not a missing entry.)
      if ((i + e) % 23 === 0) { if (i % 5 === 0) expected.defaulted++; else expected.missing++; return; }
      let value = `https://contoso.sharepoint.com/sites/${env}-${i}`;
      if ((i + e) % 31 === 0) { value = ''; expected.empty++; }
      else if (env === 'Prod' && i % 37 === 0) { value = `https://contoso.sharepoint.com/sites/Dev-${i}`; expected.bleed++; }
      entries.push({ SchemaName: name, Value: value });
    });
    const connections = references.map(r => ({ LogicalName: r.name, ConnectionId: `${r.connector}-${env.toLowerCase()}-0000`, ConnectorId: `/providers/Microsoft.PowerApps/apis/${r.connector}` }));
    settings[env] = { EnvironmentVariables: entries, ConnectionReferences: connections };
  });
  // The benchmark's writer (scripts/bench/tree-layouts.mjs): an unpacked solution with config/<Env>/ settings.
  const solution = {
    layout: 'unpacked', uniqueName, displayName: `Generated Matrix (${variables} variables)`, prefix, cloudFlows: [], desktopFlows: [],
    connectionReferences: references.map(r => ({ logicalName: r.name, displayName: `Generated - ${r.connector}`, connectorId: `/providers/Microsoft.PowerApps/apis/${r.connector}` })),
    envVars: names.map((name, i) => ({ schemaName: name, displayName: `Setting ${i}`, type: 100000000, ...(i % 5 === 0 ? { defaultValue: `default-${i}` } : {}) })),
    settings,
  };
  for (const [file, content] of solutionFiles(solution)) {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    fs.writeFileSync(path.join(folder, file), content);
  }
  return { uniqueName, names, references, environments, expected };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = process.argv[2];
  if (!folder) { console.error('usage: node test/e2e/support/matrix-solution.mjs <folder> [--variables=N] [--environments=A,B]'); process.exit(2); }
  const opt = name => process.argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1];
  const result = writeMatrixSolution(path.resolve(folder), {
    variables: Number(opt('variables') ?? 300), environments: opt('environments')?.split(',') ?? DEFAULT_ENVIRONMENTS,
  });
  console.log(`wrote ${result.uniqueName}: ${result.names.length} variables, ${result.references.length} connection references, ${result.environments.length} environments into ${folder}`);
}
