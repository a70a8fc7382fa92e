// The language server's side of the YAML layout: a scan makes the solution one unit with its
// diagnostics in the real files, the views' model points into the .yml files, and an unsaved edit
// is re-linted.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OverlayVfs, MemoryVfs } from '../../server/src/load/vfs';
import { Analyzer } from '../../server/src/lsp/analyzer';
import { modelOf } from '../../server/src/lsp/model';
import { DESK_ID, FLOW_ID, FLOW_JSON, SECRET, yamlTree } from '../support/yaml-layout';

const ROOT = '/w/src/solutions/demo_core';

describe('YAML layout in the editor', () => {
  test('one unit, diagnostics in workflow.yml and the flow JSON, views pointing into the .yml files, an edit re-linted', async () => {
    const vfs = new OverlayVfs(new MemoryVfs(yamlTree()));
    const analyzer = new Analyzer(vfs, () => ({}));
    const outcome = await analyzer.fullScan(['/w']);
    assert.equal(outcome.cancelled, false);
    const units = [...analyzer.units.values()].filter(u => u.kind === 'solution');
    assert.deepEqual(units.map(u => [u.root, u.solution?.uniqueName]), [[ROOT, 'demo_core']]);
    const unit = units[0];
    const flowFile = `${ROOT}/modernflows/${FLOW_ID}/${FLOW_JSON}`;
    const deskFile = `${ROOT}/workflows/${DESK_ID}/workflow.yml`;
    assert.ok(unit.findings.some(f => f.ruleId === 'cloud/plaintext-secret' && f.loc.file.path === flowFile));
    assert.ok(unit.findings.some(f => f.ruleId === 'pad/environment-specific-path' && f.loc.file.path === deskFile));
    assert.deepEqual(analyzer.unitsFor(deskFile).map(u => u.key), [unit.key]);
    assert.deepEqual(analyzer.unitsFor(`${ROOT}/connectionreferences/dem_Dataverse/connectionreference.yml`).map(u => u.key), [unit.key]);

    const model = modelOf(unit.solution!, null, unit.findings);
    assert.equal(model.layout, 'yaml');
    assert.match(model.connectionReferences[0].definition.path, /connectionreferences\/dem_Dataverse\/connectionreference\.yml$/);
    assert.deepEqual(model.connectionReferences[0].usages.map(u => u.flowName), ['Orders']);
    assert.deepEqual(model.environmentVariables.map(v => v.schemaName).sort(), ['dem_ApiKey', 'dem_OrdersSite']);
    assert.deepEqual(model.desktopFlows.map(d => [d.name, d.xmlPath]), [['Invoices Desk', deskFile]]);

    // An unsaved edit: the secret is replaced by an expression.
    const text = unit.solution!.cloudFlows[0].file.text;
    vfs.set(flowFile, text.replace(SECRET, "@parameters('Orders Site (dem_OrdersSite)')"));
    assert.equal(analyzer.relint(unit), true);
    assert.ok(!unit.findings.some(f => f.ruleId === 'cloud/plaintext-secret'));
    assert.ok(unit.findings.some(f => f.ruleId === 'pad/environment-specific-path'), 'the rest of the unit keeps its diagnostics');
  });
});
