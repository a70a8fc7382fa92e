// First contact with real repositories: deployment settings named `<Solution>_deploySettings.json`
// (a Microsoft sample keeps its settings so, beside the solution zips it imports) and
// `<Solution>_deploymentSettings_<Env>.json` were read as one environment called by the whole name
// ("DocArchiveRequest_deploySettings"), and the first was left without a solution. Project-written
// fixtures in the shape of such a repository.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import { MemoryVfs } from '../../server/src/load/vfs';
import { settingsNaming } from '../../server/src/load/settings-name';

const SOLUTION_XML = `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml version="9.2.24012.196" SolutionPackageVersion="9.2" languagecode="1033" generatedBy="CrmLive">
  <SolutionManifest>
    <UniqueName>InvoiceIntake</UniqueName>
    <LocalizedNames><LocalizedName description="Invoice intake" languagecode="1033" /></LocalizedNames>
    <Version>1.0.0.1</Version>
    <Managed>0</Managed>
    <Publisher><UniqueName>contoso</UniqueName><CustomizationPrefix>ctso</CustomizationPrefix></Publisher>
    <RootComponents />
  </SolutionManifest>
</ImportExportXml>
`;

const CUSTOMIZATIONS_XML = `<?xml version="1.0" encoding="utf-8"?>
<ImportExportXml>
  <connectionreferences>
    <connectionreference connectionreferencelogicalname="ctso_sharedazureblob_1a2b3">
      <connectionreferencedisplayname>Azure Blob Storage</connectionreferencedisplayname>
      <connectorid>/providers/Microsoft.PowerApps/apis/shared_azureblob</connectorid>
      <iscustomizable>1</iscustomizable>
      <statecode>0</statecode>
      <statuscode>1</statuscode>
    </connectionreference>
  </connectionreferences>
</ImportExportXml>
`;

const SETTINGS = JSON.stringify({
  EnvironmentVariables: [],
  ConnectionReferences: [{ LogicalName: 'ctso_sharedazureblob_1a2b3', ConnectionId: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', ConnectorId: '/providers/Microsoft.PowerApps/apis/shared_azureblob' }],
}, null, 4);

function tree(settingsPath: string): Record<string, string> {
  return {
    '/w/powerplat/source/Other/Solution.xml': SOLUTION_XML,
    '/w/powerplat/source/Other/Customizations.xml': CUSTOMIZATIONS_XML,
    [settingsPath]: SETTINGS,
  };
}

describe('deployment settings named after the solution, as real repositories name them', () => {
  test('<Solution>_deploySettings.json beside the solution files belongs to that solution (no environment in the name)', () => {
    const { workspace } = analyze(['/w'], { vfs: new MemoryVfs(tree('/w/powerplat/solutions/InvoiceIntake_deploySettings.json')) });
    assert.deepEqual(workspace.problems.map(p => p.message), []);
    assert.equal(workspace.orphanSettings.length, 0, 'the settings are not left without a solution');
    assert.deepEqual(workspace.solutions[0].environments.map(e => e.environment), ['default']);
    // A deploy-settings name is not enough on its own: a JSON without settings arrays is not read as settings.
    const files = tree('/w/powerplat/source/InvoiceIntake_deploySettings.json');
    files['/w/powerplat/source/InvoiceIntake_deploySettings.json'] = JSON.stringify({ targetEnvURL: '', solutionName: 'InvoiceIntake' });
    const other = analyze(['/w'], { vfs: new MemoryVfs(files) }).workspace;
    assert.deepEqual(other.problems.map(p => p.message), []);
    assert.deepEqual(other.solutions[0].environments, []);
    assert.equal(other.orphanSettings.length, 0);
  });

  test('<Solution>_deploymentSettings_<Env>.json names both the solution and the environment', () => {
    const { workspace } = analyze(['/w'], { vfs: new MemoryVfs(tree('/w/powerplat/settings/InvoiceIntake_deploymentSettings_Prod.json')) });
    assert.deepEqual(workspace.problems.map(p => p.message), []);
    assert.deepEqual(workspace.solutions[0].environments.map(e => e.environment), ['Prod']);
  });

  test('the naming reads each form part by part', () => {
    const read = (p: string) => {
      const n = settingsNaming(p.split('/'));
      return { environment: n.environment, solution: n.solution, either: n.either };
    };
    assert.deepEqual(read('solutions/InvoiceIntake_deploySettings.json'), { environment: 'InvoiceIntake', solution: undefined, either: 'InvoiceIntake' });
    assert.deepEqual(read('deploy-settings.uat.json'), { environment: 'uat', solution: undefined, either: undefined });
    assert.deepEqual(read('InvoiceIntake_deploymentSettings_Prod.json'), { environment: 'Prod', solution: 'InvoiceIntake', either: undefined });
    assert.deepEqual(read('config/temp_deploymentSettings_dev.json'), { environment: 'dev', solution: 'temp', either: undefined });
    // Unchanged forms.
    assert.deepEqual(read('deploymentSettings_Prod.json'), { environment: 'Prod', solution: undefined, either: undefined });
    assert.deepEqual(read('Contoso.Prod.json'), { environment: 'Prod', solution: 'Contoso', either: undefined });
  });
});
