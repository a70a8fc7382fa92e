// The real YAML-layout example (../shared/corpus/yaml-layout/, committed by Dataverse Git integration):
// found, read into the model, linted without a parse error. Skips when the corpus is absent.
import assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../server/src/cli';
import { analyze } from '../../server/src/findings/analyze';
import { DiskVfs } from '../../server/src/load/vfs';
import { corpusPath } from '../support/corpus';

const EXAMPLE = 'yaml-layout/Powerbouwer__power-platform-administration-tool';
const FLOW_ID = 'ca27d5d6-2bc3-f111-a05c-70a8a507ac5b';

describe('YAML layout corpus', () => {
  const dir = corpusPath(EXAMPLE);

  test('the solution, its cloud flow and connection reference; no parse error on any real file', t => {
    if (!dir) return t.skip('../shared/corpus/yaml-layout is not beside the checkout');
    const { workspace, findings } = analyze([dir], { vfs: new DiskVfs() });
    assert.equal(workspace.solutions.length, 1);
    const s = workspace.solutions[0];
    assert.equal(s.layout, 'yaml');
    assert.equal(s.root, nodePath.join(dir, 'solutions', 'ppat_core'));
    assert.deepEqual([s.uniqueName, s.displayName, s.version, s.managed], ['ppat_core', 'Power Platform Administration Tool', '1.0.0.0', false]);
    assert.deepEqual(s.publisher, { uniqueName: 'ppat', prefix: 'ppat' });
    assert.deepEqual(s.cloudFlows.map(f => [f.id, f.name]), [[FLOW_ID, 'PPAT - Search Inventory']]);
    assert.ok(s.cloudFlows[0].actions.length > 0);
    assert.deepEqual(s.cloudFlows[0].connectionReferences.map(r => r.logicalName), ['ppat_PowerPlatformAdminsV2']);
    assert.deepEqual(s.connectionReferences.map(r => [r.logicalName, r.connectorName]), [['ppat_PowerPlatformAdminsV2', 'shared_powerplatformadminv2']]);
    assert.deepEqual(s.rootComponents.map(r => r.type), [29, 62, 80, 300]);
    assert.deepEqual([s.desktopFlows.length, s.environmentVariables.length], [0, 0]);
    assert.deepEqual(workspace.problems.map(p => `${p.loc.file.path}: ${p.message}`), []);
    assert.deepEqual(findings.filter(f => f.ruleId === 'flowcop/parse-error' || f.ruleId === 'pad/syntax').map(f => f.message), []);
    // The connection reference is used by the flow: the solution rules see both sides.
    assert.deepEqual(findings.filter(f => f.ruleId.startsWith('solution/')).map(f => f.message), []);
  });

  test('`flowcop inspect` lists it; naming the flow JSON alone finds the same solution', t => {
    if (!dir) return t.skip('../shared/corpus/yaml-layout is not beside the checkout');
    const out: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: () => undefined, cwd: dir, vfs: new DiskVfs(), isTTY: false, env: {}, writeFile: () => { throw new Error('inspect writes nothing'); } };
    assert.equal(runCli(['inspect', '.'], io), 0);
    const text = out.join('');
    assert.match(text, /ppat_core 1\.0\.0\.0 \(yaml, prefix ppat\)/);
    assert.match(text, /PPAT - Search Inventory/);
    assert.match(text, /ppat_PowerPlatformAdminsV2 \(shared_powerplatformadminv2\)/);
    const flowJson = nodePath.join(dir, 'solutions/ppat_core/modernflows', FLOW_ID, `PPAT-SearchInventory-${FLOW_ID.toUpperCase()}.json`);
    const single = analyze([flowJson], { vfs: new DiskVfs() });
    assert.deepEqual(single.workspace.solutions.map(s => s.uniqueName), ['ppat_core']);
  });
});
