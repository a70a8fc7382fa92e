// The identity-role facts (analysis/settings/accounts.ts), flowcop.json's `identities` key, and the
// settings rules honouring configured roles when the rule settings carry them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountsIn, DEFAULT_IDENTITY_ROLES, identityRolesOf, namesOtherEnvironment, roleOfAccount, rolePatternProblem } from '../../../server/src/analysis/settings/accounts';
import { analyze } from '../../../server/src/findings/analyze';
import { parseConfig } from '../../../server/src/findings/config';
import { MemoryVfs } from '../../../server/src/load/vfs';
import bleed from '../../../server/src/rules/settings/environment-bleed';
import singleIdentity from '../../../server/src/rules/settings/single-identity';
import type { Rule } from '../../../server/src/rules/rule';
import { buildSolutionFiles } from '../../support/fixture';

const file = (text: string) => ({ path: '/w/flowcop.json', text, bom: false, encoding: 'utf8' as const, hash: '' });

test('roleOfAccount: the default roles and their environment part', () => {
  assert.deepEqual(roleOfAccount('dev-rpa-bot@contoso.com', DEFAULT_IDENTITY_ROLES), { role: 'bot', environmentPart: 'dev' });
  assert.deepEqual(roleOfAccount('PROD-RPA-MachineOwner@contoso.onmicrosoft.com', DEFAULT_IDENTITY_ROLES), { role: 'machineOwner', environmentPart: 'PROD' });
  assert.deepEqual(roleOfAccount('uat-rpa-cloud@contoso.com', DEFAULT_IDENTITY_ROLES), { role: 'cloud', environmentPart: 'uat' });
  assert.equal(roleOfAccount('jane.maker@contoso.com', DEFAULT_IDENTITY_ROLES), undefined);
  assert.equal(roleOfAccount('dev-rpa-bot', DEFAULT_IDENTITY_ROLES), undefined, 'a whole account, with its domain');
  assert.equal(roleOfAccount('x-dev-rpa-bot@contoso.com', DEFAULT_IDENTITY_ROLES), undefined, 'the pattern is anchored');
  const custom = [{ role: 'robot', pattern: 'svc_rpa_<env>@*.contoso.com' }];
  assert.deepEqual(roleOfAccount('svc_rpa_tst@emea.contoso.com', custom), { role: 'robot', environmentPart: 'tst' });
  assert.equal(roleOfAccount('svc_rpa_tst@contoso.org', custom), undefined);
});

test('namesOtherEnvironment: another environment of the solution, or another stage; unknown parts say nothing', () => {
  const envs = ['Dev', 'Test', 'UAT', 'Production'];
  assert.equal(namesOtherEnvironment('prod', 'Production', envs), false, 'same stage');
  assert.equal(namesOtherEnvironment('dev', 'Dev', envs), false);
  assert.equal(namesOtherEnvironment('test', 'UAT', envs), true, 'Test is another environment, though of the same stage');
  assert.equal(namesOtherEnvironment('dev', 'Production', envs), true);
  assert.equal(namesOtherEnvironment('test', 'Dev', envs), true, 'identities are per environment in every direction');
  assert.equal(namesOtherEnvironment('emea', 'Production', envs), false);
});

test('accountsIn: accounts inside values, with offsets', () => {
  const text = 'Server=sql;User ID=dev-rpa-bot@contoso.com;Password=x';
  assert.deepEqual(accountsIn(text).map(a => [a.account, text.slice(a.start, a.end)]), [['dev-rpa-bot@contoso.com', 'dev-rpa-bot@contoso.com']]);
  assert.deepEqual(accountsIn('https://x.sharepoint.com/sites/a@b'), []);
  assert.deepEqual(accountsIn('no account here'), []);
});

test('rolePatternProblem', () => {
  assert.equal(rolePatternProblem('<env>-rpa-bot@*'), undefined);
  assert.match(rolePatternProblem('rpa-bot@*') ?? '', /<env> exactly once/);
  assert.match(rolePatternProblem('<env>-<env>@*') ?? '', /<env> exactly once/);
  assert.match(rolePatternProblem('<env>-rpa-bot') ?? '', /@/);
});

test('flowcop.json identities: roles replace the defaults; bad patterns are problems at their value', () => {
  const config = parseConfig(file('{ "identities": { "roles": { "robot": "svc_rpa_<env>@*", "broken": "svc-rpa@*", "notText": 3 } } }'));
  assert.deepEqual(config.identities, { roles: [{ role: 'robot', pattern: 'svc_rpa_<env>@*' }] });
  assert.deepEqual(config.problems.map(p => p.message), [
    'identities.roles.broken: the pattern must contain <env> exactly once',
    'identities.roles.notText: expected an account pattern such as "<env>-rpa-bot@*"',
  ]);
  const text = config.file!.text;
  assert.equal(text.slice(config.problems[0].span.start, config.problems[0].span.end), '"svc-rpa@*"');
  assert.equal(parseConfig(file('{}')).identities, undefined, 'no key: the built-in roles');
  assert.deepEqual(parseConfig(file('{ "identities": { "roles": {} } }')).identities, { roles: [] }, 'an empty object turns the convention off');
  assert.match(parseConfig(file('{ "identities": [] }')).problems[0].message, /identities must be an object/);
});

test('identityRolesOf: configured roles when the rule settings carry them, else the defaults', () => {
  assert.equal(identityRolesOf({}), DEFAULT_IDENTITY_ROLES);
  const roles = [{ role: 'robot', pattern: 'svc_rpa_<env>@*' }];
  assert.equal(identityRolesOf({ identityRoles: roles }), roles);
  assert.deepEqual(identityRolesOf({ identityRoles: [] }), []);
});

/** The rule with `identityRoles` in its settings, as the lint run passes flowcop.json's roles. */
function withRoles(rule: Rule, identityRoles: unknown): Rule {
  return { ...rule, check: { solution: (ctx, s) => rule.check.solution!({ ...ctx, report: ctx.report, settings: { ...ctx.settings, identityRoles } as typeof ctx.settings }, s) } };
}

test('settings/environment-bleed follows configured roles', () => {
  const files = buildSolutionFiles({
    connectionReferences: [{ logicalName: 'cr1a2_sharepoint', connectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' }],
    settings: {
      Dev: { EnvironmentVariables: [], ConnectionReferences: [{ LogicalName: 'cr1a2_sharepoint', ConnectionId: 'c1', ConnectionOwner: 'svc_rpa_test@contoso.com' }] },
      Test: { EnvironmentVariables: [], ConnectionReferences: [{ LogicalName: 'cr1a2_sharepoint', ConnectionId: 'c2', ConnectionOwner: 'dev-rpa-bot@contoso.com' }] },
    },
  }, 'unpacked');
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, v]) => [`/fixture/${p}`, v])));
  const run = (rule: Rule) => analyze(['/fixture'], { vfs, rules: [rule] }).findings.filter(f => f.ruleId === rule.meta.id).map(f => f.message.replace(/:.*/, ''));
  assert.deepEqual(run(withRoles(bleed, [{ role: 'robot', pattern: 'svc_rpa_<env>@*' }])), [
    'The Dev deployment settings give connection reference "cr1a2_sharepoint" a ConnectionOwner that is the test robot account ("svc_rpa_test@…")',
    'The Test deployment settings give connection reference "cr1a2_sharepoint" a ConnectionOwner that names the development environment ("dev")',
  ], 'the configured role judges svc_rpa_test in every direction; the default roles no longer apply, so dev-rpa-bot is a word match');
  assert.deepEqual(run(bleed), [
    'The Test deployment settings give connection reference "cr1a2_sharepoint" a ConnectionOwner that is the dev bot account ("dev-rpa-bot@…")',
  ], 'by default svc_rpa_test is no role, and a test word in Dev is not a bleed');
});

test('settings/single-identity reads a pac auth user by the configured roles', () => {
  const files = buildSolutionFiles({ uniqueName: 'ContosoRpa' }, 'unpacked');
  files['deploy/release.sh'] = 'pac auth create --username prodrpa@contoso.com --password "$PW"\npac solution import --path ContosoRpa_managed.zip --environment https://contoso-dev.crm.dynamics.com\n';
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, v]) => [`/fixture/${p}`, v])));
  const run = (rule: Rule) => analyze(['/fixture'], { vfs, rules: [rule] }).findings.filter(f => f.ruleId === rule.meta.id).map(f => f.message.replace(/:.*/, ''));
  assert.deepEqual(run(withRoles(singleIdentity, [{ role: 'deployer', pattern: '<env>rpa@*' }])), [
    'The account "prodrpa@…" is named for prod, but this step deploys "ContosoRpa" in "https',
  ], 'the role pattern finds the environment part "prod" in "prodrpa"');
  assert.deepEqual(run(singleIdentity), [], 'by default "prodrpa" names no environment word');
});
