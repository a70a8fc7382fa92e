// Deployment settings: every naming convention, association with the right solution, tolerance.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadWorkspace } from '../../server/src/findings/analyze';
import { settingsFileKind } from '../../server/src/load/settings';
import { MemoryVfs } from '../../server/src/load/vfs';
import { buildSolutionFiles, SolutionSpec } from '../support/fixture';

const settings = (value: string) => JSON.stringify({
  EnvironmentVariables: [{ SchemaName: 'cnt_Folder', Value: value, Extra: 'ignored' }],
  ConnectionReferences: [{ LogicalName: 'cnt_sp', ConnectionId: '#{connectionreference.cnt_sp}#', ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline', ConnectionOwner: '#{x}#' }],
});

function spec(name: string, envVar = 'cnt_Folder', connRef = 'cnt_sp'): SolutionSpec {
  return {
    uniqueName: name,
    environmentVariables: [{ schemaName: envVar }],
    connectionReferences: [{ logicalName: connRef, connectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' }],
  };
}

function tree(files: Record<string, string>) {
  return loadWorkspace(['/t'], { vfs: new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [`/t/${p}`, c]))) }).workspace;
}

function prefixed(prefix: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([p, c]) => [`${prefix}${p}`, c]));
}

describe('settings file names', () => {
  test('conventions give the environment (and solution) name', () => {
    assert.deepEqual(settingsFileKind(['repo', 'config', 'Prod', 'deploymentSettings.json']), { environment: 'Prod' });
    assert.deepEqual(settingsFileKind(['repo', 'config', 'deploymentSettings.json']), { environment: 'default' });
    assert.deepEqual(settingsFileKind(['deploymentSettings.test.json']), { environment: 'test' });
    assert.deepEqual(settingsFileKind(['deploymentSettings-uat.json']), { environment: 'uat' });
    assert.deepEqual(settingsFileKind(['config', 'Contoso.Prod.deploymentsettings.json']), { environment: 'Prod', solution: 'Contoso' });
    assert.equal(settingsFileKind(['config', 'Prod', 'customDeploymentSettings.json']), undefined);
    assert.equal(settingsFileKind(['package.json']), undefined);
  });
});

describe('settings discovery and association', () => {
  test('config/<Env>/deploymentSettings.json beside a clone layout', () => {
    const ws = tree({ ...buildSolutionFiles(spec('Sol'), 'cdsproj'), 'config/Test/deploymentSettings.json': settings('T'), 'config/Prod/deploymentSettings.json': settings('P') });
    assert.deepEqual(ws.solutions[0].environments.map(e => [e.environment, e.environmentVariables[0].value, e.association]), [['Prod', 'P', 'nearest'], ['Test', 'T', 'nearest']]);
    assert.equal(ws.problems.length, 0);
  });

  test('deploymentSettings.<env>.json and deploymentSettings-<env>.json', () => {
    const ws = tree({ ...buildSolutionFiles(spec('Sol')), 'deploy/deploymentSettings.dev.json': settings('D'), 'deploy/deploymentSettings-prod.json': settings('P') });
    assert.deepEqual(ws.solutions[0].environments.map(e => e.environment), ['dev', 'prod']);
  });

  test('<Solution>.<Env>.deploymentsettings.json names its solution in a monorepo', () => {
    const ws = tree({
      ...prefixed('solutions/A/', buildSolutionFiles(spec('Alpha'))),
      ...prefixed('solutions/B/', buildSolutionFiles(spec('Beta'))),
      'config/Alpha.Prod.deploymentsettings.json': settings('a'),
      'config/Beta.Prod.deploymentsettings.json': settings('b'),
    });
    const byName = Object.fromEntries(ws.solutions.map(s => [s.uniqueName, s.environments.map(e => [e.environment, e.environmentVariables[0].value, e.association])]));
    assert.deepEqual(byName, { Alpha: [['Prod', 'a', 'file-name']], Beta: [['Prod', 'b', 'file-name']] });
  });

  test('an ambiguous file goes to the solution whose names it shares', () => {
    const ws = tree({
      ...prefixed('solutions/A/', buildSolutionFiles(spec('Alpha', 'alp_Folder', 'alp_sp'))),
      ...prefixed('solutions/B/', buildSolutionFiles(spec('Beta'))),
      'config/Prod/deploymentSettings.json': settings('b'),
    });
    assert.deepEqual(ws.solutions.map(s => [s.uniqueName, s.environments.length]), [['Alpha', 0], ['Beta', 1]]);
  });

  test('flowcop.json lists settings files explicitly', () => {
    const ws = tree({
      ...buildSolutionFiles(spec('Sol')),
      'flowcop.json': JSON.stringify({ environments: { Production: { file: 'pipelines/prd.json', solution: 'Sol' }, Staging: 'pipelines/stg.json' } }),
      'pipelines/prd.json': settings('P'),
      'pipelines/stg.json': settings('S'),
    });
    assert.deepEqual(ws.solutions[0].environments.map(e => [e.environment, e.association]), [['Production', 'flowcop.json'], ['Staging', 'flowcop.json']]);
  });

  test('with one solution in the tree, a settings file anywhere belongs to it', () => {
    const ws = tree({ ...prefixed('src/', buildSolutionFiles(spec('Sol'))), 'pipelines/deploymentSettings-prod.json': settings('x') });
    assert.deepEqual(ws.solutions[0].environments.map(e => e.environment), ['prod']);
  });

  test('a settings file nobody owns is kept aside, and a bad one is reported with its position', () => {
    const ws = tree({
      'elsewhere/deploymentSettings-prod.json': settings('x'),
      'broken/config/Prod/deploymentSettings.json': '{ "EnvironmentVariables": [ { "SchemaName": "a", "Value": ',
      ...prefixed('broken/', buildSolutionFiles(spec('Broken', 'brk_Folder', 'brk_sp'))),
      ...prefixed('other/', buildSolutionFiles(spec('Other', 'oth_Folder', 'oth_sp'))),
    });
    assert.deepEqual(ws.orphanSettings.map(e => e.environment), ['prod']);
    const p = ws.problems.find(x => x.loc.file.path.endsWith('broken/config/Prod/deploymentSettings.json'));
    assert.ok(p, 'the truncated settings file is reported');
    assert.equal(p!.ruleId, 'flowcop/parse-error');
    assert.match(p!.message, /invalid JSON/);
    assert.ok(p!.loc.span.start > 40, 'at the place where the file breaks off');
  });

  test('keys are matched case-insensitively and values may be tokens, numbers or null', () => {
    const ws = tree({
      ...buildSolutionFiles(spec('Sol')),
      'config/Dev/deploymentSettings.json': JSON.stringify({ environmentvariables: [{ schemaname: 'cnt_Folder', value: 42 }], connectionReferences: [{ logicalName: 'cnt_sp', connectionId: null }] }),
    });
    const env = ws.solutions[0].environments[0];
    assert.equal(env.environmentVariables[0].value, '42');
    assert.equal(env.connectionReferences[0].connectionId, null);
  });
});
