// The real-world corpus (../shared/corpus): every file is read, every desktop flow parses, and
// inspect lists every solution, flow, reference, variable and environment in it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadWorkspace } from '../../server/src/findings/analyze';
import { DiskVfs } from '../../server/src/load/vfs';
import { inspectWorkspace } from '../../server/src/report/json';
import { corpusPath } from '../support/corpus';

describe('the real corpus', () => {
  const corpus = corpusPath();
  const load = () => loadWorkspace([corpus!], { vfs: new DiskVfs() }).workspace;

  test('loads with no parse error; the only pad/syntax findings are the 8 lines proven invalid', t => {
    if (!corpus) return t.skip('../shared/corpus is not beside the checkout');
    const ws = load();
    assert.deepEqual(ws.problems.filter(p => p.ruleId !== 'pad/syntax').map(p => `${p.loc.file.path}: ${p.message}`), []);
    // Investigated one by one (see test/unit/pad-corpus.test.ts): a hand-made fixture's `WRITE Text='Done'`,
    // which is no desktop-flow statement, and single backslashes before %Variable% in hand-written
    // samples, which Power Automate Desktop reads as an escaped percent sign and rejects.
    const syntax = ws.problems.filter(p => p.ruleId === 'pad/syntax').map(p => `${p.loc.file.path.split('/corpus/')[1]}: ${p.message.split(':')[0]}`);
    assert.equal(syntax.length, 8);
    assert.equal(syntax.filter(s => s.includes("unknown statement 'WRITE'")).length, 1);
    assert.equal(syntax.filter(s => s.includes("backslash before '%'")).length, 7);
    for (const s of ws.solutions) for (const d of s.desktopFlows) assert.ok(d.script, `${s.uniqueName} / ${d.name} has its script decoded`);
  });

  test('inspect lists every solution, flow, connection reference, environment variable and environment', t => {
    if (!corpus) return t.skip('../shared/corpus is not beside the checkout');
    const report = inspectWorkspace(load(), corpus!);
    const summary = report.solutions.map(s => [s.name, s.layout, s.cloudFlows.length, s.desktopFlows.length, s.connectionReferences.length, s.environmentVariables.length, s.environments.length]);
    assert.deepEqual(summary, [
      ['desktop-flowchart-solution', 'unpacked', 0, 1, 0, 0, 0],
      ['CenterofExcellenceCoreComponents', 'unpacked', 1, 0, 0, 3, 0],
      ['PADFramework_LocalConnectors', 'raw', 0, 10, 0, 0, 0],
      ['PADFramework', 'raw', 0, 13, 3, 0, 0],
      ['AutomationCoEMain', 'cdsproj', 3, 0, 12, 1, 3],
      ['AutomationCoESatellite', 'cdsproj', 18, 0, 22, 12, 3],
      ['AutomationKitControlCenter', 'cdsproj', 3, 0, 1, 1, 3],
      ['AutomationKitInstaller', 'cdsproj', 6, 0, 5, 0, 3],
      ['AutomationKitScheduler', 'cdsproj', 0, 0, 0, 0, 3],
      // The YAML layout of Dataverse Git integration: one cloud flow and its connection reference.
      ['ppat_core', 'yaml', 1, 0, 1, 0, 0],
      // Legacy flow packages (Export › Package (.zip)): one cloud flow each.
      ['PatternTry-Catch-Finally', 'zip', 1, 0, 0, 0, 0],
      ['SharePointCollectFeedback', 'zip', 1, 0, 0, 0, 0],
      ['CopyTemplate', 'zip', 1, 0, 0, 0, 0],
      ['PADFramework', 'zip', 0, 13, 3, 0, 0],
      ['PADFramework_LocalConnectors', 'zip', 0, 10, 0, 0, 0],
    ]);
    // Every workflow sidecar and flow JSON of the clone layouts is accounted for (30 cloud flows; the
    // remaining sidecars are classic workflows and business rules, which FlowCop does not lint).
    assert.equal(report.solutions.filter(s => s.layout === 'cdsproj').reduce((n, s) => n + s.cloudFlows.length, 0), 30);
    // The designer copies (.txt), saved scripts (.robin) and a lone exported <Workflow> element are all
    // found; prose is not.
    assert.equal(report.scripts.length, 134);
    assert.equal(report.scripts.filter(s => s.file.endsWith('.robin')).length, 13);
    assert.deepEqual(report.scripts.filter(s => s.file.endsWith('.xml')).map(s => [s.file.split('/').pop(), s.clipboard]), [
      ['AgniusBartninkas__power-automate-desktop-framework__src_solutions_main_customizations.xml__BrowserLauncher.workflow-element.xml', false],
    ]);
    assert.deepEqual(report.unassociatedSettings, []);
    const satellite = report.solutions.find(s => s.name === 'AutomationCoESatellite')!;
    assert.deepEqual(satellite.environments.map(e => e.name), ['Prod', 'Test', 'Validation']);
    assert.ok(satellite.environmentVariables.some(v => v.schemaName === 'autocoe_EnvironmentURL' && v.type === 'String'));
  });
});
