// Reading data-policy exports (load/dlp.ts) in each shape, the flowcop.json `policies` key, and the
// offline evaluation helpers (analysis/dlp/).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionBlocked, classify, policiesFor, wildcardMatches, endpointVerdict } from '../../server/src/analysis/dlp/evaluate';
import { desktopGroupOf } from '../../server/src/analysis/dlp/groups';
import { parseConfig } from '../../server/src/findings/config';
import { classificationOf, normalizePolicyId, parsePolicyFile } from '../../server/src/load/dlp';
import type { DataPolicy } from '../../server/src/model/dlp';
import type { Solution } from '../../server/src/model/types';
import { createSourceFile } from '../../server/src/util/text';
import { DATAVERSE, desktopModule, DONE_WHEN_POLICY, lintTree, caseTree, policyLegacy, policyV1, policyV2, SQL } from '../support/dlp-fixture';

const read = (text: string) => parsePolicyFile(createSourceFile('/p/dlp.json', text));
const one = (text: string): DataPolicy => {
  const r = read(text);
  assert.deepEqual(r.problems, []);
  assert.equal(r.policies.length, 1);
  return r.policies[0];
};
const id = (raw: string) => normalizePolicyId(raw);

describe('data policy shapes', () => {
  for (const [shape, write] of [['v2', policyV2], ['v1 list', policyV1], ['legacy apiGroups', policyLegacy]] as const) {
    test(`${shape}: groups, default and ids with or without the leading slash`, () => {
      const p = one(write(DONE_WHEN_POLICY));
      assert.equal(p.displayName, 'Prod guardrails');
      assert.equal(classify(p, id(DATAVERSE)), 'Business');
      assert.equal(classify(p, id(`/${desktopModule('Web')}`)), 'NonBusiness');
      assert.equal(classify(p, id(desktopModule('Scripting').toUpperCase())), 'Blocked');
      assert.equal(classify(p, id(SQL)), 'NonBusiness', 'unlisted: the default (General)');
    });
    test(`${shape}: a Confidential default makes unlisted ids Business`, () => {
      assert.equal(classify(one(write({ ...DONE_WHEN_POLICY, defaultClassification: 'Confidential' })), id(SQL)), 'Business');
    });
  }

  test('Confidential is Business and General is Non-business (the module help text; a public script has it backwards)', () => {
    assert.equal(classificationOf('Confidential'), 'Business');
    assert.equal(classificationOf('General'), 'NonBusiness');
    assert.equal(classificationOf('blocked'), 'Blocked');
    const p = one(JSON.stringify({ defaultConnectorsClassification: 'Confidential', connectorGroups: [{ classification: 'General', connectors: [{ id: SQL }] }] }));
    assert.equal(classify(p, id(SQL)), 'NonBusiness');
    assert.equal(classify(p, id(DATAVERSE)), 'Business');
  });

  test('v2 action and endpoint rules, keys in any casing (`endPoint`)', () => {
    const p = one(JSON.stringify({
      policyDefinition: { displayName: 'P', defaultConnectorsClassification: 'General', connectorGroups: [] },
      connectorConfigurationsDefinition: {
        connectorActionConfigurations: [{ connectorId: SQL, defaultConnectorActionRuleBehavior: 'Allow', actionRules: [{ actionId: 'ExecutePassThroughNativeQuery_V2', behavior: 'Block' }] }],
        endpointConfigurations: [{ connectorId: SQL.slice(1), endpointRules: [{ order: 2, behavior: 'Deny', endPoint: '*' }, { order: 1, behavior: 'Allow', endPoint: '*.database.windows.net*' }] }],
      },
    }));
    const use = (operationId: string) => ({ id: id(SQL), label: 'shared_sql', operationId, where: 'x', flowName: 'f', loc: { file: p.file, span: { start: 0, end: 0 } } });
    assert.equal(actionBlocked(p, use('executepassthroughnativequery_v2')), true);
    assert.equal(actionBlocked(p, use('GetItems_V2')), false);
    assert.deepEqual(endpointVerdict(p, id(SQL), 'contoso.database.windows.net,orders'), { behavior: 'Allow', pattern: '*.database.windows.net*' });
    assert.equal(endpointVerdict(p, id(SQL), 'onprem-sql,orders').behavior, 'Deny');
  });

  test('a Block default without an Allow rule blocks the action', () => {
    const p = one(JSON.stringify({ policyDefinition: { connectorGroups: [] }, connectorConfigurationsDefinition: { connectorActionConfigurations: [{ connectorId: SQL, defaultConnectorActionRuleBehavior: 'Block', actionRules: [{ actionId: 'GetItems_V2', behavior: 'Allow' }] }] } }));
    const use = (operationId: string) => ({ id: id(SQL), label: 'shared_sql', operationId, where: 'x', flowName: 'f', loc: { file: p.file, span: { start: 0, end: 0 } } });
    assert.equal(actionBlocked(p, use('DeleteItem_V2')), true);
    assert.equal(actionBlocked(p, use('GetItems_V2')), false);
  });

  test('legacy environment filter: include → OnlyEnvironments, exclude → ExceptEnvironments', () => {
    const legacy = (filterType: string) => JSON.stringify({ properties: { definition: { defaultApiGroup: 'lbi', apiGroups: { hbi: { apis: [] }, lbi: { apis: [] } }, constraints: { environmentFilter1: { parameters: { filterType, environments: [{ name: 'ABC-1' }] } } } } } });
    assert.equal(one(legacy('include')).environmentType, 'OnlyEnvironments');
    assert.deepEqual(one(legacy('exclude')).environments, ['abc-1']);
  });

  test('broken JSON and unknown shapes are problems at their position, never a crash', () => {
    const broken = read('{ "policyDefinition": { "connectorGroups": [ }');
    assert.equal(broken.policies.length, 0);
    assert.match(broken.problems[0].message, /^data policy: invalid JSON/);
    assert.ok(broken.problems[0].span.start > 0);
    const unknown = read('{ "value": [ { "connectorGroups": [] }, { "hello": 1 } ] }');
    assert.equal(unknown.policies.length, 1);
    assert.match(unknown.problems[0].message, /not a policy in a known export shape/);
    assert.equal(unknown.problems[0].span.start, '{ "value": [ { "connectorGroups": [] }, '.length);
    assert.match(read('').problems[0].message, /data policy/);
  });
});

describe('desktop module groups', () => {
  test('an explicit table: casing, External.RunFlow, ungoverned modules', () => {
    assert.equal(desktopGroupOf('Web')!.label, 'DesktopFlow.Web (HTTP)');
    assert.equal(desktopGroupOf('scripting')!.id, id(desktopModule('Scripting')));
    assert.equal(desktopGroupOf('External')!.id, id(desktopModule('Runflow')));
    assert.equal(desktopGroupOf('Cyberark')!.id, id(desktopModule('CyberArk')));
    for (const m of ['Variables', 'Text', 'DateTime', 'Loops', 'Conditionals', 'FlowControl', 'Logging']) assert.equal(desktopGroupOf(m), undefined, m);
  });
  test('wildcards are linear and anchored', () => {
    assert.ok(wildcardMatches('*.contoso.com*', 'https://api.contoso.com/x'));
    assert.ok(!wildcardMatches('*.contoso.com', 'https://api.contoso.com/x'));
    assert.ok(wildcardMatches('*', ''));
    assert.ok(!wildcardMatches('a*a*a*a*b', 'a'.repeat(2000)));
  });
});

describe('which policies apply', () => {
  const policy = one(policyV2(DONE_WHEN_POLICY));
  const solution = { root: '/repo/solutions/Orders' } as Solution;
  test('a flowcop.json policy covers the solutions under its folder, for its environments', () => {
    assert.equal(policiesFor([{ policies: [policy], configDir: '/repo' }], solution, undefined).length, 1);
    assert.equal(policiesFor([{ policies: [policy], configDir: '/other' }], solution, undefined).length, 0);
    assert.equal(policiesFor([{ policies: [policy], configDir: '/repo', environments: ['Prod'] }], solution, 'prod').length, 1);
    assert.equal(policiesFor([{ policies: [policy], configDir: '/repo', environments: ['Prod'] }], solution, 'Test').length, 0);
    assert.equal(policiesFor([{ policies: [policy], configDir: '/repo', environments: ['Prod'] }], solution, undefined).length, 1, 'no --env: every environment is checked');
    assert.equal(policiesFor([{ policies: [policy] }], solution, 'Test').length, 1, '--policy applies to the run');
  });

  test('flowcop.json `policies`: strings and objects; bad entries are problems', () => {
    const config = parseConfig(createSourceFile('/repo/flowcop.json', JSON.stringify({ policies: ['governance/dlp.json', { file: 'prod.json', environments: ['Prod'] }, { environments: ['Prod'] }, { file: 'x.json', environments: 'Prod' }] })));
    assert.deepEqual(config.policies!.map(p => [p.file, p.environments]), [['/repo/governance/dlp.json', undefined], ['/repo/prod.json', ['Prod']]]);
    assert.equal(config.problems.length, 2);
    assert.match(parseConfig(createSourceFile('/repo/flowcop.json', '{"policies": "dlp.json"}')).problems[0].message, /policies must be a list/);
  });

  test('a missing or broken policy file is a flowcop/parse-error with its position', () => {
    const missing = lintTree(caseTree(undefined, undefined), []).filter(f => f.ruleId === 'flowcop/parse-error');
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /data policy file not found/);
    assert.equal(missing[0].loc.file.path, '/dlp-case/flowcop.json');
    assert.equal(missing[0].loc.file.text.slice(missing[0].loc.span.start, missing[0].loc.span.end), '"governance/dlp.json"');
    const broken = lintTree(caseTree(undefined, '{"policyDefinition": [1,'), []).filter(f => f.ruleId === 'flowcop/parse-error');
    assert.equal(broken.length, 1);
    assert.equal(broken[0].loc.file.path, '/dlp-case/governance/dlp.json');
    const cli = lintTree({ 'flowcop.json': '{}' }, [], { policyArgs: ['nope.json'] }).filter(f => f.ruleId === 'flowcop/parse-error');
    assert.equal(cli.length, 1);
    assert.match(cli[0].message, /data policy file not found: \/dlp-case\/nope\.json/);
  });
});
