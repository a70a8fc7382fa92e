// The real legacy flow packages of ../shared/corpus/legacy-packages (PnP Power Automate samples, each a
// zip exported with "Export › Package (.zip)"): read with no parse error, listed by inspect as packages
// with their flows, and linted at real entries.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import { DiskVfs } from '../../server/src/load/vfs';
import { inspectWorkspace } from '../../server/src/report/json';
import { corpusPath } from '../support/corpus';

describe('the real legacy flow packages', () => {
  const corpus = corpusPath('legacy-packages');
  const run = () => analyze([corpus!], { vfs: new DiskVfs() });

  test('inspect lists the three packages and their flows; nothing fails to parse', t => {
    if (!corpus) return t.skip('../shared/corpus/legacy-packages is not beside the checkout');
    const analysis = run();
    assert.deepEqual(analysis.findings.filter(f => f.ruleId === 'flowcop/parse-error' || f.ruleId === 'pad/syntax').map(f => f.message), []);
    const report = inspectWorkspace(analysis.workspace, corpus!);
    const summary = report.solutions.map(s => [s.kind, s.layout, s.name, s.displayName, s.cloudFlows.map(f => [f.name, f.id, f.file.split('!/')[1], f.actions])]);
    assert.deepEqual(summary.sort((a, b) => String(a[2]).localeCompare(String(b[2]))), [
      ['package', 'zip', 'CopyTemplate', 'Site Design - Copy Template',
        [['Site Design - Copy Template', 'bc6864e4-cd2d-43ef-96fd-4c205763f449', 'Microsoft.Flow/flows/bc6864e4-cd2d-43ef-96fd-4c205763f449/definition.json', 1]]],
      ['package', 'zip', 'PatternTry-Catch-Finally', 'Pattern: Try-Catch-Finally',
        [['Pattern: Try-Catch-Finally', '6420a0b5-c254-42f1-9808-3370c281ca9d', 'Microsoft.Flow/flows/6420a0b5-c254-42f1-9808-3370c281ca9d/definition.json', 3]]],
      ['package', 'zip', 'SharePointCollectFeedback', 'SharePoint Collect Feedback',
        [['Collect Feedback', 'db9fb40c-0860-43b2-b6de-25ac08a28393', 'Microsoft.Flow/flows/db9fb40c-0860-43b2-b6de-25ac08a28393/definition.json', 5]]],
    ]);
    assert.equal(report.problems, 0);
  });

  test('the tenant-specific SharePoint sites of the samples are reported inside the zips', t => {
    if (!corpus) return t.skip('../shared/corpus/legacy-packages is not beside the checkout');
    const sites = run().findings.filter(f => f.ruleId === 'cloud/environment-specific-value' && f.message.includes('.sharepoint.com/sites/'));
    assert.ok(sites.length >= 4, `${sites.length} hard-coded sites`);
    for (const f of sites) assert.match(`${f.loc.file.path}!/${f.loc.file.entry}`, /\.zip!\/Microsoft\.Flow\/flows\/[0-9a-f-]+\/definition\.json$/);
  });
});
