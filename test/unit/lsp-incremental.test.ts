// Incremental re-lint (lsp/incremental.ts, lsp/reload-flow.ts): after each of a series of seeded random
// edits to a generated solution (cloud flows that call a child flow and run a desktop flow, two desktop
// flows, a data policy, deployment settings), the unit's findings equal a fresh analysis of the same files.
// The edits move what crosses flows: organisation evidence (a mailbox or a staged host in one flow makes
// another flow's host environment-specific), the child-flow call, a desktop flow's sensitive input, syntax
// errors, and files that are no flow file (the unit is then linted whole).
import assert from 'node:assert/strict';
import * as nodePath from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import type { Finding } from '../../server/src/findings/finding';
import { MemoryVfs, OverlayVfs } from '../../server/src/load/vfs';
import { Analyzer, Unit } from '../../server/src/lsp/analyzer';
import { caseTree, DATAVERSE, DESKTOP_ID, DONE_WHEN_POLICY, INVOKE_LINE, policyV2, POWERSHELL_LINE, UIFLOW } from '../support/dlp-fixture';
import type { SolutionSpec } from '../support/fixture';
import { rng } from '../support/rng';

const ROOT = nodePath.resolve('/ws-incremental');
const CHILD_ID = '5e0c1d2a-7b3f-4c8d-9e1f-2a3b4c5d6e7f';
const ARCHIVE_ID = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const HTTP = '/providers/Microsoft.PowerApps/apis/shared_http';

const NOTES = [
  'nothing to see', 'ask ops@fabrikam.com', 'https://erp-dev.fabrikam.com/api', 'https://fabrikam.com/portal', 'Server=db01;Password=Hunter2Hunter2;',
  '\\\\srv01.fabrikam.local\\share', 'https://contoso.sharepoint.com/sites/x', 'ask billing@contoso.com',
];
const LINES = [
  INVOKE_LINE, POWERSHELL_LINE, "SET Password TO $'''Hunter2Secret!x'''", "SET Url TO $'''https://fabrikam.com/x'''", "SET Mail TO $'''ops@fabrikam.com'''",
  "SET Folder TO $'''C:\\\\Users\\\\jdoe\\\\x'''", 'IF Counter > THEN', 'SET Counter TO 1', "SET Host TO $'''https://app-test.contoso.com/start'''",
];

interface State {
  notes: Record<'sync' | 'child' | 'report', string>;
  callsChild: boolean;
  /** A second caller of the child flow: the dlp/ rules report a flow run by several callers once. */
  reportCallsChild: boolean;
  sensitive: boolean;
  scripts: Record<'fetch' | 'archive', string[]>;
  devValue: string;
  defaultValue: string;
  broken?: 'sync' | 'child' | 'report';
}

function spec(s: State): SolutionSpec {
  const compose = (note: string) => ({ Note: { type: 'Compose', inputs: note } });
  return {
    uniqueName: 'Orders',
    prefix: 'ord',
    connectionReferences: [
      { logicalName: 'ord_dataverse', connectorId: DATAVERSE },
      { logicalName: 'ord_uiflow', connectorId: UIFLOW },
      { logicalName: 'ord_http', connectorId: HTTP },
    ],
    environmentVariables: [{ schemaName: 'ord_ApiBase', defaultValue: s.defaultValue }],
    settings: {
      Dev: { EnvironmentVariables: [{ SchemaName: 'ord_ApiBase', Value: s.devValue }], ConnectionReferences: [] },
      Prod: { EnvironmentVariables: [{ SchemaName: 'ord_ApiBase', Value: 'https://api.contoso.com' }], ConnectionReferences: [] },
    },
    desktopFlows: [
      { name: 'Fetch orders', id: DESKTOP_ID, script: s.scripts.fetch.join('\n'), inputs: [{ name: 'Input_Password', sensitive: s.sensitive }] },
      { name: 'Archive', id: ARCHIVE_ID, script: s.scripts.archive.join('\n') },
    ],
    cloudFlows: [
      {
        name: 'Sync orders',
        uses: [{ key: 'shared_commondataserviceforapps', logicalName: 'ord_dataverse' }, { key: 'shared_uiflow', logicalName: 'ord_uiflow' }],
        definition: {
          triggers: { manual: { type: 'Request', kind: 'Button', inputs: { schema: {} } } },
          actions: {
            Add_a_new_row: { type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_commondataserviceforapps', operationId: 'CreateRecord', apiId: DATAVERSE }, parameters: { entityName: 'accounts' } } },
            Run_desktop_flow: {
              type: 'OpenApiConnection',
              inputs: { host: { connectionName: 'shared_uiflow', operationId: 'RunUIFlow_V2', apiId: UIFLOW }, parameters: { uiFlowId: DESKTOP_ID, runMode: 'attended', 'item/Input_Password': 'Winter2024!pass' } },
            },
            ...(s.callsChild ? { Run_child: { type: 'Workflow', inputs: { host: { workflowReferenceName: CHILD_ID }, body: {} } } } : {}),
            ...compose(s.notes.sync),
          },
        },
      },
      {
        name: 'Child',
        id: CHILD_ID,
        uses: [{ key: 'shared_http', logicalName: 'ord_http' }],
        definition: {
          triggers: { manual: { type: 'Request', kind: 'Button', inputs: { schema: {} } } },
          actions: {
            Call_api: { type: 'Http', inputs: { method: 'GET', uri: 'https://api-dev.contoso.com/orders', headers: { 'x-api-key': 'k9Qz7XrT2pLw8VbN4mYc6HsJ' } } },
            ...compose(s.notes.child),
          },
        },
      },
      {
        name: 'Report',
        uses: [{ key: 'shared_commondataserviceforapps', logicalName: 'ord_dataverse' }],
        definition: {
          triggers: { manual: { type: 'Request', kind: 'Button', inputs: { schema: {} } } },
          actions: {
            // No HTTP of its own: the child's HTTP use is what its tree mixes, as Sync orders' does.
            Page: { type: 'Compose', inputs: 'https://portal.fabrikam.com/report' },
            List_rows: { type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_commondataserviceforapps', operationId: 'ListRecords', apiId: DATAVERSE }, parameters: { entityName: 'accounts' } } },
            ...(s.reportCallsChild ? { Run_child: { type: 'Workflow', inputs: { host: { workflowReferenceName: CHILD_ID }, body: {} } } } : {}),
            ...compose(s.notes.report),
          },
        },
      },
    ],
  };
}

function files(s: State): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rel, text] of Object.entries(caseTree(spec(s), policyV2(DONE_WHEN_POLICY)))) out[nodePath.join(ROOT, rel)] = text;
  if (s.broken) {
    const name = { sync: 'Syncorders', child: 'Child', report: 'Report' }[s.broken];
    const path = Object.keys(out).find(p => nodePath.basename(p).startsWith(`${name}-`) && p.endsWith('.json'))!;
    out[path] = out[path].slice(0, out[path].length / 2);
  }
  return out;
}

/** What a finding says and where, and what owns it: enough to tell any two findings apart. */
function shape(f: Finding): string {
  return JSON.stringify([f.ruleId, f.severity, f.message, f.loc.file.path, f.loc.span, f.scriptSpan, f.logical, f.data,
    f.owner.solution?.uniqueName, f.owner.cloudFlow?.name, f.owner.desktopFlow?.name, !!f.owner.script]);
}

/** A fresh analysis of the unit's paths, as a whole re-lint reads them. */
function fullFindings(u: Unit, vfs: OverlayVfs): string[] {
  const result = analyze(u.paths, { vfs });
  const solution = result.workspace.solutions.find(s => s.uniqueName === 'Orders');
  return result.findings.filter(f => !f.owner.standalone && (!f.owner.solution || f.owner.solution === solution)).map(shape);
}

async function setup() {
  const state: State = {
    notes: { sync: NOTES[0], child: NOTES[0], report: NOTES[0] },
    callsChild: true,
    reportCallsChild: false,
    sensitive: true,
    scripts: { fetch: [INVOKE_LINE, POWERSHELL_LINE, LINES[2]], archive: [LINES[5], LINES[7]] },
    devValue: 'https://api-dev.contoso.com',
    defaultValue: 'https://api.contoso.com',
  };
  const disk = new MemoryVfs(files(state));
  const vfs = new OverlayVfs(disk);
  const analyzer = new Analyzer(vfs, () => ({}));
  await analyzer.fullScan([ROOT]);
  const unit = [...analyzer.units.values()].find(u => u.kind === 'solution');
  assert.ok(unit?.solution, 'the scan found the solution');
  return { state, disk, vfs, analyzer, unit };
}

test('incremental re-lint equals a full analysis after each of 60 random edits', async () => {
  const { state, disk, vfs, analyzer, unit } = await setup();
  assert.deepEqual(unit.findings.map(shape), fullFindings(unit, vfs), 'the first scan equals a full analysis');
  const random = rng(1405).next;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const flows = ['sync', 'child', 'report'] as const;
  const ways = { incremental: 0, whole: 0, unchanged: 0 };
  for (let step = 0; step < 60; step++) {
    const before = files(state);
    const op = Math.floor(random() * 9);
    if (op <= 1) state.notes[pick(flows)] = pick(NOTES);
    else if (op === 2) { if (random() < 0.5) state.callsChild = !state.callsChild; else state.reportCallsChild = !state.reportCallsChild; }
    else if (op === 3) { const lines = state.scripts[pick(['fetch', 'archive'] as const)]; lines[Math.floor(random() * lines.length)] = pick(LINES); }
    else if (op === 4) state.sensitive = !state.sensitive;
    else if (op === 5) state.broken = state.broken ? undefined : pick(flows);
    else if (op === 6) state.devValue = pick(['https://api-dev.contoso.com', 'https://api.fabrikam.com', '']);
    else if (op === 7) state.defaultValue = pick(['https://api.contoso.com', 'https://api.fabrikam.com']);
    // op 8: a save that changes nothing (the file is touched as it was).
    const after = files(state);
    const changed = Object.keys(after).filter(p => after[p] !== before[p]);
    for (const p of changed) disk.write(p, after[p]);
    const touched = changed.length ? changed : [pick(Object.keys(after).filter(p => p.endsWith('.json') && p.includes('Workflows')))];
    for (const p of touched) analyzer.touch([unit.key], p);
    assert.ok(analyzer.relint(unit), `step ${step}: the unit is still there`);
    const how = unit.lastRelint ?? '';
    ways[how.startsWith('whole unit') ? 'whole' : how === 'no file changed' ? 'unchanged' : 'incremental']++;
    assert.deepEqual(unit.findings.map(shape), fullFindings(unit, vfs), `step ${step} (op ${op}, ${how}): incremental equals full`);
  }
  // The series exercised every path (a test that never re-linted incrementally would prove nothing).
  assert.ok(ways.incremental >= 20, `incremental re-lints: ${JSON.stringify(ways)}`);
  assert.ok(ways.whole >= 2 && ways.unchanged >= 2, `whole and unchanged re-lints: ${JSON.stringify(ways)}`);
});

test('a cloud-flow edit re-reads that flow only: the other flows keep their model objects', async () => {
  const { state, disk, analyzer, unit } = await setup();
  const byName = (name: string) => unit.solution!.cloudFlows.find(f => f.name === name)!;
  const [sync, child, report] = [byName('Sync orders'), byName('Child'), byName('Report')];
  const desktop = unit.solution!.desktopFlows;
  state.notes.report = NOTES[1];
  const path = report.file.path;
  disk.write(path, files(state)[path]);
  analyzer.touch([unit.key], path);
  analyzer.relint(unit);
  assert.match(unit.lastRelint ?? '', /^1 flow re-read/);
  assert.equal(byName('Sync orders'), sync);
  assert.equal(byName('Child'), child);
  assert.notEqual(byName('Report'), report, 'the edited flow is a new model');
  assert.deepEqual(unit.solution!.desktopFlows, desktop);
});

test('a file whose content hash is unchanged is not parsed again (a save, a watched-file event)', async () => {
  const { analyzer, unit } = await setup();
  const solution = unit.solution!;
  const findings = unit.findings;
  for (const f of [...solution.cloudFlows.map(c => c.file.path), ...solution.desktopFlows.map(d => d.metadataFile.path)]) analyzer.touch([unit.key], f);
  analyzer.relint(unit);
  assert.equal(unit.lastRelint, 'no file changed');
  assert.equal(unit.solution, solution, 'the same model');
  assert.equal(unit.findings, findings);
});

test('a settings edit re-runs the solution checks only, unless it moves the organisation evidence', async () => {
  const { state, disk, analyzer, unit } = await setup();
  const edit = (value: string) => {
    state.devValue = value;
    const after = files(state);
    const settings = Object.keys(after).find(p => p.includes('Dev') && p.endsWith('.json'))!;
    disk.write(settings, after[settings]);
    analyzer.touch([unit.key], settings);
    analyzer.relint(unit);
    return unit.lastRelint ?? '';
  };
  // Same domain, other host: contoso.com stays staged by an environment variable.
  assert.equal(edit('https://api-dev2.contoso.com'), '0 flows, 1 settings file re-read; 0 flows and the solution checks re-run');
  // No value at all: contoso.com is no longer staged, so every flow's checks run.
  assert.match(edit(''), /^0 flows, 1 settings file re-read; 5 flows and the solution checks re-run \(organisation evidence changed\)$/);
});

test('a flow edit re-runs every flow only when the lines it touched show organisation evidence that moved', async () => {
  const { state, disk, analyzer, unit } = await setup();
  const edit = (note: string) => {
    state.notes.sync = note;
    const after = files(state);
    const flow = Object.keys(after).find(p => nodePath.basename(p).startsWith('Syncorders-') && p.endsWith('.json'))!;
    disk.write(flow, after[flow]);
    analyzer.touch([unit.key], flow);
    analyzer.relint(unit);
    return unit.lastRelint ?? '';
  };
  const moved = / \(organisation evidence changed\)$/;
  assert.doesNotMatch(edit('nothing to see here'), moved);
  // A mailbox on the edited line: fabrikam.com joins the organisation.
  assert.match(edit('ask ops@fabrikam.com'), moved);
  // Another mailbox of the same domain: the lines show evidence, the whole flow shows the same as before.
  assert.doesNotMatch(edit('ask billing@fabrikam.com'), moved);
  // A staged host added next to it, then the line emptied of both.
  assert.match(edit('ask billing@fabrikam.com or https://erp-dev.fabrikam.com/api'), moved);
  assert.doesNotMatch(edit('ask billing@fabrikam.com or https://erp-dev.fabrikam.com/api/v2'), moved);
  assert.match(edit('nothing'), moved);
  assert.doesNotMatch(edit('nothing at all'), moved);
});

test('a file that is neither a flow nor a settings file re-lints the unit whole, and says why', async () => {
  const { state, disk, analyzer, unit } = await setup();
  state.defaultValue = 'https://api.fabrikam.com';
  const after = files(state);
  const definition = Object.keys(after).find(p => p.endsWith('environmentvariabledefinition.xml'))!;
  disk.write(definition, after[definition]);
  analyzer.touch([unit.key], definition);
  analyzer.relint(unit);
  assert.match(unit.lastRelint ?? '', /^whole unit: .* is not a flow file/);
});
