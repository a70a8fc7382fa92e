// The views' model of a YAML-layout desktop flow: its script lives in workflow.yml's Definition, which the
// decoded-script editor opens read-only (writing into a YAML scalar is not supported); its location (Reveal
// Definition) is the Definition line.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import { MemoryVfs } from '../../server/src/load/vfs';
import { modelOf } from '../../server/src/lsp/model';
import { DESK_ID, yamlTree } from '../support/yaml-layout';

describe('views model: a desktop flow in the YAML layout', () => {
  test('is offered to the decoded-script editor read-only; its location is the Definition line of workflow.yml', () => {
    const files = yamlTree();
    const { workspace } = analyze(['/w'], { vfs: new MemoryVfs(files) });
    const model = modelOf(workspace.solutions[0], null);
    assert.equal(model.desktopFlows.length, 1);
    const [flow] = model.desktopFlows;
    assert.match(flow.xmlPath, new RegExp(`/workflows/${DESK_ID}/workflow\\.yml$`));
    assert.equal(flow.hasScript, true);
    assert.equal(flow.readOnly, true);
    assert.equal(flow.scriptPath, flow.xmlPath);
    const lines = files[flow.xmlPath].split('\r\n');
    assert.match(lines[flow.location.range.start.line], /^ {2}Definition: /);
  });
});
