// The CLI as CI uses it: exit codes, formats, output files, SARIF that real services accept.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { analyze } from '../../server/src/findings/analyze';
import { MemoryVfs } from '../../server/src/load/vfs';
import { formatSarif } from '../../server/src/report/sarif';
import { RULES } from '../../server/src/rules/registry';
import { defineRule } from '../../server/src/rules/rule';
import { buildSolutionFiles, buildZip, SolutionSpec } from '../support/fixture';

const SPEC: SolutionSpec = {
  uniqueName: 'Cli',
  desktopFlows: [{ name: 'Desk', script: "SET Folder TO $'''C:\\\\RPA\\\\In'''\r\nSET Broken TO $'''no end" }],
  cloudFlows: [{ name: 'Cloud', definition: { actions: { Compose: { type: 'Compose', inputs: 'x' } } } }],
  environmentVariables: [{ schemaName: 'cr1a2_Folder' }],
  settings: { Dev: { EnvironmentVariables: [{ SchemaName: 'cr1a2_Folder', Value: 'C:\\RPA' }] } },
};

function io(files: Record<string, string | Uint8Array>, cwd = '/w') {
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [path.posix.join(cwd, p), c])));
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const cli: CliIO = {
    stdout: s => out.push(s), stderr: s => err.push(s), cwd, vfs, isTTY: false, env: {},
    writeFile: (p, c) => { written[p] = c; vfs.write(p, c); },
  };
  return { cli, out: () => out.join(''), err: () => err.join(''), written };
}

describe('flowcop CLI', () => {
  test('lint: exit 1 on an error finding, text names file, line and rule', () => {
    const t = io(buildSolutionFiles(SPEC));
    assert.equal(runCli(['lint', '.'], t.cli), 1);
    assert.match(t.out(), /Workflows\/Desk-[0-9A-F-]+\.json\.data\.xml/);
    assert.match(t.out(), /error\s+.*unterminated.*pad\/syntax/);
    assert.match(t.out(), /script line 2/);
    assert.match(t.out(), /\d+ problems? \(1 error, \d+ warnings?, \d+ info\) in 1 solution, 0 scripts/);
  });

  test('--fail-on decides the exit code', () => {
    const files = buildSolutionFiles(SPEC);
    assert.equal(runCli(['lint', '.', '--fail-on', 'none'], io(files).cli), 0);
    assert.equal(runCli(['lint', '.', '--fail-on', 'warning'], io(files).cli), 1);
    const clean = buildSolutionFiles({ uniqueName: 'Clean', desktopFlows: [{ name: 'D', script: 'SET A TO 1' }] });
    assert.equal(runCli(['lint', '.'], io(clean).cli), 0);
  });

  test('exit 2: usage errors and nothing lintable', () => {
    const empty = io({ 'README.md': '# hello' });
    assert.equal(runCli(['lint', '.'], empty.cli), 2);
    assert.match(empty.err(), /nothing lintable found/);
    for (const argv of [['lint'], ['lint', '.', '--format', 'xml'], ['lint', '.', '--bogus'], ['frobnicate'], ['lint', '.', '--output']]) {
      const t = io(buildSolutionFiles(SPEC));
      assert.equal(runCli(argv, t.cli), 2, argv.join(' '));
      assert.match(t.err(), /flowcop: /);
    }
  });

  test('--format json and --output', () => {
    const t = io(buildSolutionFiles(SPEC));
    assert.equal(runCli(['lint', '.', '--format', 'json', '--output', 'out/report.json'], t.cli), 1);
    assert.equal(t.out(), '');
    const report = JSON.parse(t.written['/w/out/report.json']);
    assert.equal(report.summary.error, 1);
    const f = report.findings.find((x: { ruleId: string }) => x.ruleId === 'pad/syntax');
    assert.ok(f, 'the syntax finding is in the report');
    assert.equal(f.scriptLine, 2);
    assert.equal(f.logicalLocation.flow, 'Desk');
    assert.ok(f.line >= 1 && f.column >= 1);
  });

  test('inspect --format json lists solutions, flows, references, variables, environments and scripts', () => {
    const files = { ...buildSolutionFiles(SPEC, 'cdsproj'), 'scripts/a.robin': "WAIT 1" };
    const t = io(files);
    assert.equal(runCli(['inspect', '.', '--format', 'json'], t.cli), 0);
    const r = JSON.parse(t.out());
    assert.equal(r.solutions.length, 1);
    const s = r.solutions[0];
    assert.deepEqual([s.name, s.layout, s.root], ['Cli', 'cdsproj', 'SolutionPackage/src']);
    assert.deepEqual(s.cloudFlows.map((f: { name: string }) => f.name), ['Cloud']);
    assert.match(s.cloudFlows[0].file, /^SolutionPackage\/src\/Workflows\/Cloud-.*\.json$/);
    assert.deepEqual(s.desktopFlows.map((f: { name: string }) => f.name), ['Desk']);
    assert.deepEqual(s.environmentVariables, [{ schemaName: 'cr1a2_Folder', displayName: 'cr1a2_Folder', type: 'String', typeCode: 100000000 }]);
    assert.deepEqual(s.environments, [{ name: 'Dev', file: 'config/Dev/deploymentSettings.json' }]);
    assert.deepEqual(r.scripts, [{ file: 'scripts/a.robin', clipboard: true }]);
  });

  test('--baseline records today and then reports only new findings', () => {
    const files = buildSolutionFiles(SPEC);
    const t = io(files);
    assert.equal(runCli(['lint', '.', '--baseline', 'flowcop-baseline.json'], t.cli), 0);
    assert.match(t.err(), /baseline written/);
    const baseline = t.written['/w/flowcop-baseline.json'];
    const again = io({ ...files, 'flowcop-baseline.json': baseline });
    assert.equal(runCli(['lint', '.', '--baseline', 'flowcop-baseline.json'], again.cli), 0, 'nothing new');
    const flow = Object.keys(files).find(p => p.startsWith('Workflows/Desk') && p.endsWith('.data.xml'))!;
    const changed = { ...files, 'flowcop-baseline.json': baseline, [flow]: files[flow].replace('SET Folder', "SET X TO $'''open\\r\\nSET Folder") };
    const third = io(changed);
    assert.equal(runCli(['lint', '.', '--baseline', 'flowcop-baseline.json'], third.cli), 1, 'a new finding fails again');
  });

  test('rules and explain', () => {
    const t = io({});
    assert.equal(runCli(['rules'], t.cli), 0);
    for (const r of RULES) assert.ok(t.out().includes(r.meta.id), r.meta.id);
    const e = io({});
    assert.equal(runCli(['explain', 'pad/plaintext-secret'], e.cli), 0);
    assert.match(e.out(), /pad\/plaintext-secret/);
  });
});

describe('SARIF', () => {
  // A test rule that reports one finding per unit kind, so every location form is exercised.
  const probe = defineRule({
    meta: { id: 'pad/plaintext-secret', category: 'credential', defaultSeverity: 'error', description: 'probe', fixable: false },
    check: {
      script(ctx, unit) {
        const set = unit.script.text.indexOf('SET');
        if (set >= 0) ctx.report({ message: `literal in ${unit.name}`, scriptSpan: { start: set, end: set + 3 }, element: { kind: 'variable', name: 'Folder' } });
      },
      cloudFlow(ctx, flow) {
        for (const a of flow.actions) ctx.report({ message: `action ${a.name}`, loc: a.loc, action: a });
      },
    },
  });

  function sarifFor(dir: string, env: Record<string, string> = {}): Record<string, any> {
    const { findings } = analyze([dir], { vfs: new (require('../../server/src/load/vfs').DiskVfs)(), rules: [probe, ...RULES.filter(r => r.meta.id === 'pad/syntax')] });
    return JSON.parse(formatSarif(findings, { base: dir, version: '1.2.3', rules: RULES, docsBaseUrl: 'https://example.com/docs/rules/', automation: require('../../server/src/report/sarif').automationDetails(env) }));
  }

  function tree(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-sarif-'));
    for (const [p, c] of Object.entries(buildSolutionFiles(SPEC))) {
      fs.mkdirSync(path.dirname(path.join(dir, 'solution', p)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'solution', p), c);
    }
    fs.writeFileSync(path.join(dir, 'Packed_1_0.zip'), buildZip({ ...SPEC, uniqueName: 'Packed' }).zip);
    fs.writeFileSync(path.join(dir, 'clip.robin'), "SET Folder TO 1\r\nWAIT 1\r\n");
    return dir;
  }

  test('regions point into the real file, also for scripts inside XML; ordering and fingerprints are stable', () => {
    const dir = tree();
    try {
      const a = sarifFor(dir);
      const b = sarifFor(dir);
      assert.deepEqual(a, b, 'deterministic');
      const run = a.runs[0];
      assert.equal(a.version, '2.1.0');
      assert.ok(run.originalUriBaseIds['%SRCROOT%'].uri.startsWith('file:///'));
      const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
      assert.deepEqual(ids, [...ids].sort());
      const inXml = run.results.find((r: any) => r.locations[0].physicalLocation.artifactLocation.uri.endsWith('.json.data.xml') && r.ruleId === 'pad/plaintext-secret');
      const loc = inXml.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      const text = fs.readFileSync(path.join(dir, decodeURIComponent(loc.artifactLocation.uri)), 'utf8').split(/\r?\n/)[loc.region.startLine - 1];
      assert.equal(text.slice(loc.region.startColumn - 1, loc.region.startColumn + 2), 'SET');
      assert.equal(inXml.locations[0].logicalLocations[0].fullyQualifiedName, 'Cli/Desk/Folder');
      assert.equal(inXml.properties.scriptLine, 1);
      const zipped = run.results.find((r: any) => r.locations[0].physicalLocation.artifactLocation.uri === 'Packed_1_0.zip');
      assert.ok(zipped, 'a finding inside the zip points at the archive');
      assert.match(zipped.message.text, /in (customizations\.xml|Workflows\/)/);
      const fps = run.results.map((r: any) => r.partialFingerprints['flowcop/v1']);
      assert.equal(new Set(fps).size, fps.length, 'fingerprints are unique');
      const rule = run.tool.driver.rules.find((r: any) => r.id === 'pad/plaintext-secret');
      assert.equal(rule.properties['security-severity'], '9.0');
      assert.deepEqual(rule.properties.tags, ['credential', 'security']);
      assert.equal(rule.defaultConfiguration.level, 'error');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("Microsoft's SARIF multitool accepts it for GitHub code scanning and Azure DevOps", t => {
    let tool: string;
    try {
      tool = require('@microsoft/sarif-multitool');
    } catch {
      return t.skip('@microsoft/sarif-multitool is not installed (npm install)');
    }
    const dir = tree();
    try {
      const azure = { TF_BUILD: 'True', SYSTEM_COLLECTIONURI: 'https://dev.azure.com/contoso/', SYSTEM_TEAMPROJECT: 'RPA', SYSTEM_DEFINITIONID: '12', SYSTEM_PHASEID: '3f1c2a7e-5b8d-4c6e-9a0f-1b2c3d4e5f60', BUILD_SOURCEBRANCH: 'refs/heads/main', BUILD_BUILDID: '345' };
      for (const [name, env, kinds] of [['github', {}, 'Sarif;Gh'], ['azure', azure, 'Sarif;Gh;Ado']] as const) {
        const file = path.join(dir, `${name}.sarif`);
        fs.writeFileSync(file, JSON.stringify(sarifFor(dir, env)));
        const r = spawnSync(tool, ['validate', file, '--rule-kind', kinds, '-o', path.join(dir, `${name}.validation.sarif`), '--log', 'ForceOverwrite'], { encoding: 'utf8' });
        const complaints = (r.stdout + r.stderr).split('\n').filter(l => /: (error|warning) /.test(l));
        assert.deepEqual(complaints, [], `${name}: the validator complains`);
        assert.match(r.stdout, /Analysis completed successfully/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
