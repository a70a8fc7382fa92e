// The YAML source layout of Dataverse Git integration: discovered, loaded into the same model as the
// XML layouts, linted at real positions in the real files (fixtures: test/support/yaml-layout.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import type { Finding } from '../../server/src/findings/finding';
import { MemoryVfs } from '../../server/src/load/vfs';
import { formatSarif } from '../../server/src/report/sarif';
import { RULES } from '../../server/src/rules/registry';
import { positionAt } from '../../server/src/util/text';
import {
  ALL_COMPONENTS, componentsYml, crlf, DESK_ID, DEV_URL, FLOW_ID, FLOW_JSON, SECRET, solutionYml, USER_PATH, yamlTree,
} from '../support/yaml-layout';

const ROOT = '/w/src/solutions/demo_core';

function run(files: Record<string, string>, paths = ['/w'], environment?: string) {
  return analyze(paths, { vfs: new MemoryVfs(files), environment });
}

function at(f: Finding): string {
  return f.loc.file.text.slice(f.loc.span.start, f.loc.span.end);
}

function named(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter(f => f.ruleId === ruleId);
}

describe('YAML layout: discovery and the model', () => {
  test('a root under the repository (solutions/<X>/solution.yml) becomes one solution with every component', () => {
    const { workspace } = run(yamlTree());
    assert.deepEqual(workspace.problems.map(p => p.message), []);
    assert.equal(workspace.solutions.length, 1);
    const s = workspace.solutions[0];
    assert.equal(s.layout, 'yaml');
    assert.equal(s.root, ROOT);
    assert.equal(s.uniqueName, 'demo_core');
    assert.equal(s.displayName, 'Demo demo_core');
    assert.equal(s.version, '1.10', 'scalars keep their source text (no number coercion)');
    assert.equal(s.managed, false);
    assert.deepEqual(s.publisher, { uniqueName: 'demo', prefix: 'dem' });
    assert.equal(s.manifest!.text.slice(s.nameLoc!.span.start, s.nameLoc!.span.end), 'demo_core');
    assert.deepEqual(s.rootComponents.map(r => [r.type, r.id]), [[29, FLOW_ID], [29, DESK_ID]]);

    assert.deepEqual(s.cloudFlows.map(f => [f.id, f.name, f.file.path]), [[FLOW_ID, 'Orders', `${ROOT}/modernflows/${FLOW_ID}/${FLOW_JSON}`]]);
    assert.equal(s.cloudFlows[0].metadataFile!.path, `${ROOT}/modernflows/${FLOW_ID}/workflow.yml`);
    assert.deepEqual(s.cloudFlows[0].actions.map(a => a.name), ['Call_API', 'List_rows']);

    const ref = s.connectionReferences[0];
    assert.deepEqual([ref.logicalName, ref.displayName, ref.connectorName], ['dem_Dataverse', 'Demo Dataverse', 'shared_commondataserviceforapps']);
    assert.equal(ref.loc.file.text.slice(ref.loc.span.start, ref.loc.span.end), 'dem_Dataverse');

    const vars = new Map(s.environmentVariables.map(v => [v.schemaName, v]));
    assert.deepEqual([...vars.keys()].sort(), ['dem_ApiKey', 'dem_OrdersSite']);
    assert.equal(vars.get('dem_OrdersSite')!.kind, 'String');
    assert.equal(vars.get('dem_OrdersSite')!.currentValue!.value, 'https://contoso.sharepoint.com/sites/Orders');
    assert.match(vars.get('dem_OrdersSite')!.currentValue!.file.path, /environment_variable_values\.json$/);
    const key = vars.get('dem_ApiKey')!;
    assert.equal(key.displayName, 'Api Key');
    assert.equal(key.defaultValue!.value, '0042', 'the YAML rendering keeps leading zeros');
    assert.equal(key.file.text.slice(key.loc.span.start, key.loc.span.end), 'dem_ApiKey');

    const desk = s.desktopFlows[0];
    assert.deepEqual([desk.id, desk.name], [DESK_ID, 'Invoices Desk']);
    assert.equal(desk.metadataFile.text.slice(desk.loc.span.start, desk.loc.span.end), 'Invoices Desk');
    assert.deepEqual(desk.inputs.map(i => [i.name, i.sensitive]), [['Input_Pin', true]]);
    assert.equal(desk.script!.storage, 'json-string');
    assert.match(desk.script!.text, /^@@ConnectionString: ''\r\nSET Folder TO/);
  });

  test('deployment settings beside the root are associated with its solution', () => {
    const files = { ...yamlTree(), '/w/src/solutions/demo_core/deploymentSettings/Prod/deploymentSettings.json': JSON.stringify({ EnvironmentVariables: [{ SchemaName: 'dem_OrdersSite', Value: 'https://contoso.sharepoint.com/sites/Orders' }], ConnectionReferences: [] }) };
    const { workspace } = run(files);
    assert.deepEqual(workspace.solutions[0].environments.map(e => e.environment), ['Prod']);
  });

  test('one file named on the command line (a flow JSON) finds its YAML root', () => {
    const { workspace } = run(yamlTree(), [`${ROOT}/modernflows/${FLOW_ID}/${FLOW_JSON}`]);
    assert.deepEqual(workspace.solutions.map(s => [s.uniqueName, s.layout]), [['demo_core', 'yaml']]);
    // A script named alone stays a script, even inside the root.
    const script = run({ ...yamlTree(), [`${ROOT}/notes/copy.robin`]: 'SET x TO 1' }, [`${ROOT}/notes/copy.robin`]).workspace;
    assert.deepEqual([script.solutions.length, script.scripts.length], [0, 1]);
  });

  test('two solutions share a root: each holds what its solutioncomponents.yml lists; an unlisted folder is reported', () => {
    const files = yamlTree({
      files: {
        'solutions/demo_core/solutioncomponents.yml': componentsYml([`/modernflows/${FLOW_ID}`, '/connectionreferences/dem_Dataverse']),
        'solutions/demo_extra/solution.yml': solutionYml('demo_extra', '2.0'),
        'solutions/demo_extra/solutioncomponents.yml': componentsYml(ALL_COMPONENTS.filter(p => !p.startsWith('/workflows/'))),
      },
    });
    const { workspace } = run(files);
    const byName = new Map(workspace.solutions.map(s => [s.uniqueName, s]));
    assert.deepEqual([...byName.keys()].sort(), ['demo_core', 'demo_extra']);
    assert.equal(byName.get('demo_core')!.cloudFlows.length, 1);
    assert.equal(byName.get('demo_core')!.environmentVariables.length, 0);
    assert.equal(byName.get('demo_extra')!.cloudFlows.length, 1);
    assert.equal(byName.get('demo_extra')!.environmentVariables.length, 2);
    assert.equal(byName.get('demo_extra')!.version, '2.0');
    assert.ok(byName.get('demo_core')!.cloudFlows[0] === byName.get('demo_extra')!.cloudFlows[0], 'a shared component is read once');
    const orphan = workspace.problems.filter(p => /not listed/.test(p.message));
    assert.equal(orphan.length, 1);
    assert.match(orphan[0].message, new RegExp(`^/workflows/${DESK_ID} is not listed`));
  });

  test('a single Component is a mapping, not a sequence, and an empty RootComponents is null', () => {
    const files = yamlTree({
      files: {
        'solutions/demo_core/solutioncomponents.yml': componentsYml([`/modernflows/${FLOW_ID}`]),
        'solutions/demo_core/rootcomponents.yml': crlf('RootComponents: \n'),
      },
    });
    const { workspace } = run(files);
    const s = workspace.solutions[0];
    assert.equal(s.cloudFlows.length, 1);
    assert.equal(s.connectionReferences.length, 0);
    assert.deepEqual(s.rootComponents, []);
  });
});

describe('YAML layout: lint at real positions', () => {
  test('the cloud flow\'s hard-coded URL and secret, the desktop flow\'s hard-coded path', () => {
    const { findings } = run(yamlTree());
    const url = named(findings, 'cloud/environment-specific-value').find(f => at(f) === DEV_URL);
    assert.ok(url, findings.map(f => `${f.ruleId} ${at(f)}`).join('\n'));
    assert.match(url.loc.file.path, new RegExp(`${FLOW_JSON}$`));
    const secret = named(findings, 'cloud/plaintext-secret');
    assert.equal(secret.length, 1);
    assert.equal(at(secret[0]), SECRET);
    for (const f of findings) assert.ok(!f.message.includes(SECRET), `${f.ruleId} quotes the secret`);

    const path = named(findings, 'pad/environment-specific-path');
    assert.equal(path.length, 1, findings.map(f => `${f.ruleId} ${at(f)}`).join('\n'));
    assert.equal(path[0].loc.file.path, `${ROOT}/workflows/${DESK_ID}/workflow.yml`);
    // In the file: the JSON string literal's escapes inside a single-quoted YAML scalar.
    assert.equal(at(path[0]), `$''''''${USER_PATH.replace(/\\/g, '\\\\\\\\')}''''''`);
    assert.equal(positionAt(path[0].loc.file, path[0].loc.span.start).line, 10, 'the Definition: line (0-based)');
    assert.deepEqual(named(findings, 'flowcop/parse-error'), []);
    assert.deepEqual(named(findings, 'pad/syntax'), []);
  });

  test('the script as a double-quoted scalar, as a literal block, and raw: the same finding at the path', () => {
    const script = ["@@ConnectionString: ''", `SET Folder TO $'''${USER_PATH}'''`];
    const literal = `|-\r\n    ${script.join('\r\n    ')}`;
    const double = JSON.stringify(JSON.stringify(script.join('\r\n')));
    for (const [definition, expected] of [[literal, `$'''${USER_PATH}'''`], [double, `$'''${USER_PATH.replace(/\\/g, '\\\\\\\\')}'''`]]) {
      const { findings } = run(yamlTree({ definition }));
      const path = named(findings, 'pad/environment-specific-path');
      assert.equal(path.length, 1, `${definition}: ${findings.map(f => `${f.ruleId} ${f.message}`).join('\n')}`);
      assert.equal(at(path[0]), expected, definition);
      assert.deepEqual(named(findings, 'pad/syntax'), []);
    }
  });

  test('a flow parameter the solution does not define, and a connection reference it lacks, are reported', () => {
    const files = yamlTree({ files: { 'solutions/demo_core/solutioncomponents.yml': componentsYml([`/modernflows/${FLOW_ID}`]) } });
    const { findings, workspace } = run(files);
    const undefinedRefs = named(findings, 'solution/undefined-reference').map(f => f.data?.name);
    assert.deepEqual(undefinedRefs.sort(), ['dem_Dataverse', 'dem_OrdersSite']);
    assert.equal(workspace.problems.filter(p => /not listed/.test(p.message)).length, 4);
  });

  test('a connection reference another solution provides (missingdependencies.yml) is not reported as undefined', () => {
    const missing = crlf(`MissingDependencies:\n  MissingDependency:\n  - Required:\n      '@type': connectionreference\n      '@schemaName': dem_Dataverse\n      '@solution': demo_base (1.0.0.0)\n    Dependent:\n      '@type': 29\n      '@schemaName': Orders\n`);
    const files = yamlTree({ files: {
      'solutions/demo_core/solutioncomponents.yml': componentsYml([`/modernflows/${FLOW_ID}`]),
      'solutions/demo_core/missingdependencies.yml': missing,
    } });
    const { findings, workspace } = run(files);
    assert.deepEqual(workspace.solutions[0].missingDependencies, ['dem_Dataverse', 'Orders']);
    assert.deepEqual(named(findings, 'solution/undefined-reference').map(f => f.data?.name), ['dem_OrdersSite']);
  });

  test('SARIF names the real YAML and JSON files with their lines', () => {
    const { findings } = run(yamlTree());
    const sarif = JSON.parse(formatSarif(findings, { base: '/w', version: '0.0.0', rules: RULES, docsBaseUrl: 'https://example.com/docs/rules/' })) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    const results = sarif.runs[0].results;
    const path = results.find(r => r.ruleId === 'pad/environment-specific-path')!;
    assert.match(path.locations[0].physicalLocation.artifactLocation.uri, /workflows\/0d1dfeca-b59f-f111-aaac-002248255e83\/workflow\.yml$/);
    assert.equal(path.locations[0].physicalLocation.region.startLine, 11, 'the Definition: line (1-based)');
    assert.ok(results.some(r => r.ruleId === 'cloud/plaintext-secret' && /\.json$/.test(r.locations[0].physicalLocation.artifactLocation.uri)));
    assert.ok(!JSON.stringify(sarif).includes(SECRET));
  });
});

describe('YAML layout: bad input is a parse error at its position, never a crash', () => {
  test('malformed YAML: a flowcop/parse-error at the place, the message quotes nothing of the file', () => {
    const broken = crlf(`connectionreference:\n  '@connectionreferencelogicalname': dem_Dataverse\n  connectorid: [${SECRET}\n  statecode: 0\n`);
    const { findings, workspace } = run(yamlTree({ files: { 'connectionreferences/dem_Dataverse/connectionreference.yml': broken } }));
    const errors = named(findings, 'flowcop/parse-error');
    assert.equal(errors.length, 1, errors.map(e => e.message).join('\n'));
    assert.match(errors[0].loc.file.path, /connectionreference\.yml$/);
    assert.ok(errors[0].loc.span.start > 0, 'positioned in the file');
    assert.match(errors[0].message, /^invalid YAML: /);
    assert.ok(!errors[0].message.includes(SECRET));
    assert.equal(workspace.solutions[0].cloudFlows.length, 1, 'the rest of the root is read');
  });

  test('an alias bomb is refused quickly with a parse error; deep nesting too', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let k = 1; k < 14; k++) bomb.push(`${String.fromCharCode(97 + k)}: &${String.fromCharCode(97 + k)} [${Array(9).fill(`*${String.fromCharCode(96 + k)}`).join(',')}]`);
    // 100,000 levels made the YAML library abort the process (not an exception): refused before it.
    const deep = `Workflow:\n  Definition: ${'['.repeat(100000)}${']'.repeat(100000)}\n`;
    for (const text of [`connectionreference:\n  x:\n    ${bomb.join('\n    ')}\n`, deep]) {
      const file = text === deep ? `workflows/${DESK_ID}/workflow.yml` : 'connectionreferences/dem_Dataverse/connectionreference.yml';
      const { findings } = run(yamlTree({ files: { [file]: text } }));
      const errors = named(findings, 'flowcop/parse-error').filter(f => f.loc.file.path.endsWith(file));
      assert.equal(errors.length, 1, `${file}: ${named(findings, 'flowcop/parse-error').map(e => e.message).join('\n')}`);
    }
  });

  test('a broken solution.yml: a parse error at its place; the solution keeps its folder name and its components', () => {
    const { workspace } = run(yamlTree({ files: { 'solutions/demo_core/solution.yml': crlf("ImportExportXml:\n  SolutionManifest:\n    UniqueName: 'demo_core\n    Version: 1.0\n") } }));
    const errors = workspace.problems.filter(p => p.ruleId === 'flowcop/parse-error');
    assert.equal(errors.length, 1, errors.map(e => e.message).join('\n'));
    assert.match(errors[0].loc.file.path, /solution\.yml$/);
    assert.ok(errors[0].loc.span.start >= 'ImportExportXml:\r\n  SolutionManifest:\r\n'.length);
    assert.deepEqual(workspace.solutions.map(s => [s.uniqueName, s.cloudFlows.length, s.desktopFlows.length]), [['demo_core', 1, 1]]);
  });

  test('a missing flow definition, a wrong root element, an unreadable values file: each reported, none silent', () => {
    const files = yamlTree({
      files: {
        [`modernflows/${FLOW_ID}/${FLOW_JSON}`]: '',
        'publishers/demo/publisher.yml': 'NotAPublisher: 1\n',
        'environment_variable_values.json': '{"values": 3}',
      },
    });
    delete files[`${ROOT}/modernflows/${FLOW_ID}/${FLOW_JSON}`];
    const messages = named(run(files).findings, 'flowcop/parse-error').map(f => `${f.loc.file.path.split('/').pop()}: ${f.message}`);
    assert.ok(messages.some(m => /^workflow\.yml: cloud flow "Orders": its definition .* is missing/.test(m)), messages.join('\n'));
    assert.ok(messages.some(m => /^publisher\.yml: expected a Publisher: mapping/.test(m)), messages.join('\n'));
    assert.ok(messages.some(m => /^environment_variable_values\.json: expected \{"EnvironmentVariableValues"/.test(m)), messages.join('\n'));
  });
});
