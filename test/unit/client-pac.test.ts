// pac's auth profiles on the client side: where pac keeps them on each platform, what authprofiles_v2.json
// holds (and what older, newer, partial or broken files give), and how pac's active environment is matched
// with flowcop.json's environments for the status bar and Switch Environment.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EnvironmentInfo } from '../../server/src/lsp/protocol';
import { environmentStatus, isPacEnvironment, matchPacEnvironment, normalizeEnvironmentUrl, pacEnvironmentLabel, pacFirst, pacSelectCommand } from '../../client/src/pac/match';
import { pacDataFolders, parseAuthProfiles, PacProfiles, profileFileVersion } from '../../client/src/pac/profiles';

const PROD_ID = '6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const DEV_ID = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';

/** A profile as pac 1.3x writes it in authprofiles_v2.json (identifiers made up). */
function pacProfile(name: string, resource: string, extra: Record<string, unknown> = {}) {
  return {
    Name: name, Kind: 'UNIVERSAL', User: `maker@contoso.com`, TenantId: '11111111-2222-4333-8444-555555555555',
    Authority: 'https://login.microsoftonline.com/organizations/', Resource: resource, ExpiresOn: '2026-12-05T08:00:00+00:00',
    CloudInstance: 'Public', ...extra,
  };
}
const dev = pacProfile('dev', 'https://contoso-dev.crm.dynamics.com/', { EnvironmentId: DEV_ID, FriendlyName: 'Contoso Dev' });
const prod = pacProfile('prod', 'https://contoso.crm.dynamics.com/', { EnvironmentId: PROD_ID, FriendlyName: 'Contoso', OrganizationUniqueName: 'unq123' });
const v2 = (current: unknown, profiles: unknown[] = [dev, prod]) => JSON.stringify({ Profiles: profiles, Current: current }, null, 2);

const parsed = (text: string, version?: number): PacProfiles => {
  const result = parseAuthProfiles(text, version);
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  return result;
};

describe('where pac keeps its profiles', () => {
  test('Windows: %LOCALAPPDATA%\\Microsoft\\PowerAppsCli, else under the user profile', () => {
    assert.deepEqual(pacDataFolders({ platform: 'win32', env: { LOCALAPPDATA: 'C:\\Users\\maker\\AppData\\Local' }, home: 'C:\\Users\\maker' }),
      ['C:\\Users\\maker\\AppData\\Local\\Microsoft\\PowerAppsCli']);
    assert.deepEqual(pacDataFolders({ platform: 'win32', env: { USERPROFILE: 'D:\\profiles\\maker' }, home: 'C:\\Users\\maker' }),
      ['D:\\profiles\\maker\\AppData\\Local\\Microsoft\\PowerAppsCli']);
  });

  test('Linux: $XDG_DATA_HOME (when absolute), then ~/.local/share', () => {
    assert.deepEqual(pacDataFolders({ platform: 'linux', env: {}, home: '/home/maker' }), ['/home/maker/.local/share/Microsoft/PowerAppsCli']);
    assert.deepEqual(pacDataFolders({ platform: 'linux', env: { XDG_DATA_HOME: '/data/maker' }, home: '/home/maker' }),
      ['/data/maker/Microsoft/PowerAppsCli', '/home/maker/.local/share/Microsoft/PowerAppsCli']);
    assert.deepEqual(pacDataFolders({ platform: 'linux', env: { XDG_DATA_HOME: 'relative/data' }, home: '/home/maker' }), ['/home/maker/.local/share/Microsoft/PowerAppsCli']);
    assert.deepEqual(pacDataFolders({ platform: 'linux', env: { XDG_DATA_HOME: '/home/maker/.local/share' }, home: '/home/maker' }), ['/home/maker/.local/share/Microsoft/PowerAppsCli']);
  });

  test('macOS: ~/.local/share (.NET before 8) and ~/Library/Application Support (.NET 8 and later)', () => {
    assert.deepEqual(pacDataFolders({ platform: 'darwin', env: {}, home: '/Users/maker' }),
      ['/Users/maker/.local/share/Microsoft/PowerAppsCli', '/Users/maker/Library/Application Support/Microsoft/PowerAppsCli']);
  });

  test('only authprofiles*.json is a profile file: v2, the unversioned older one, newer ones', () => {
    assert.equal(profileFileVersion('authprofiles_v2.json'), 2);
    assert.equal(profileFileVersion('AuthProfiles_V3.json'), 3);
    assert.equal(profileFileVersion('authprofiles.json'), 1);
    for (const other of ['tokencache_msalv3.dat', 'pac.spn.cache.dat', 'authprofiles_v2.json.bak', 'usersettings.json']) assert.equal(profileFileVersion(other), undefined, other);
  });
});

describe('authprofiles_v2.json', () => {
  test('Current.UNIVERSAL (a copy of the profile) is the active one; each profile keeps its name, kind, URL, id and display name', () => {
    const p = parsed(v2({ UNIVERSAL: prod }));
    assert.equal(p.version, 2);
    assert.deepEqual(p.profiles, [
      { index: 1, name: 'dev', kind: 'UNIVERSAL', url: 'https://contoso-dev.crm.dynamics.com/', environmentId: DEV_ID, friendlyName: 'Contoso Dev' },
      { index: 2, name: 'prod', kind: 'UNIVERSAL', url: 'https://contoso.crm.dynamics.com/', environmentId: PROD_ID, friendlyName: 'Contoso' },
    ]);
    assert.equal(p.active, p.profiles[1]);
    assert.equal(p.note, undefined);
  });

  test('a BOM, other key casing, an index or a name in Current are taken', () => {
    assert.equal(parsed('\uFEFF' + v2({ UNIVERSAL: prod })).active?.name, 'prod');
    assert.equal(parsed(JSON.stringify({ profiles: [{ name: 'x', resource: 'https://x.crm.dynamics.com' }], current: { universal: 0 } })).active?.url, 'https://x.crm.dynamics.com');
    assert.equal(parsed(v2({ UNIVERSAL: 'dev' })).active?.index, 1);
  });

  test('UNIVERSAL wins over DATAVERSE; a DATAVERSE profile alone is active', () => {
    const dataverse = { ...prod, Kind: 'DATAVERSE' };
    assert.equal(parsed(v2({ DATAVERSE: dataverse, UNIVERSAL: dev }, [dev, dataverse])).active?.name, 'dev');
    assert.equal(parsed(v2({ DATAVERSE: dataverse }, [dev, dataverse])).active?.kind, 'DATAVERSE');
  });

  test('a profile with no environment selected (pac\'s service.powerapps.com stand-in, or none) has no URL', () => {
    const p = parsed(v2({ UNIVERSAL: pacProfile('', 'https://service.powerapps.com/') }, [pacProfile('', 'https://service.powerapps.com/'), { Kind: 'ADMIN' }]));
    assert.deepEqual(p.profiles, [{ index: 1, kind: 'UNIVERSAL' }, { index: 2, kind: 'ADMIN' }], 'an empty name counts as none');
    assert.equal(p.active?.index, 1);
  });

  test('older shapes: Name as {Value}, ActiveEnvironmentUrl, LegacyResource, pac auth list\'s ActiveOrganization', () => {
    const p = parsed(JSON.stringify({ Profiles: [
      { Name: { Value: 'old' }, ActiveEnvironmentUrl: 'https://old.crm.dynamics.com' },
      { LegacyResource: { Resource: 'https://legacy.crm4.dynamics.com/' } },
      { Name: 'listed', ActiveOrganization: { Item1: 'Listed Org', Item2: 'https://listed.crm.dynamics.com/', Item3: PROD_ID } },
    ] }), 1);
    assert.deepEqual(p.profiles.map(x => [x.name, x.url, x.environmentId, x.friendlyName]), [
      ['old', 'https://old.crm.dynamics.com', undefined, undefined],
      [undefined, 'https://legacy.crm4.dynamics.com/', undefined, undefined],
      ['listed', 'https://listed.crm.dynamics.com/', PROD_ID, 'Listed Org'],
    ]);
    assert.equal(p.active, undefined);
    assert.match(p.note!, /none of its 3 profiles is marked active/);
  });

  test('one profile and no Current: that one is active; no profiles at all: none, with a note', () => {
    assert.equal(parsed(JSON.stringify({ Profiles: [prod] })).active?.name, 'prod');
    const empty = parsed('{}');
    assert.deepEqual(empty.profiles, []);
    assert.equal(empty.active, undefined);
    assert.match(empty.note!, /lists no "Profiles"/);
  });

  test('a newer version is read as v2, with a note', () => {
    const p = parsed(v2({ UNIVERSAL: dev }), 3);
    assert.equal(p.active?.name, 'dev');
    assert.match(p.note!, /authprofiles_v3\.json is newer than the v2 format FlowCop knows/);
  });

  test('empty, partial (pac rewriting it), non-object and malformed files give a reason, never a throw', () => {
    const full = v2({ UNIVERSAL: prod });
    const cases: Array<[string, RegExp]> = [
      ['', /empty/], ['  \n', /empty/], ['\uFEFF', /empty/],
      [full.slice(0, full.length / 2), /not valid JSON \(pac may be writing it\)/],
      ['[1,2]', /not hold a JSON object/], ['null', /not hold a JSON object/], ['"text"', /not hold a JSON object/],
      ['{"Profiles": {"a": 1}}', /"Profiles" is not a list/],
      ['\u0000\u0001garbage', /not valid JSON/],
    ];
    for (const [text, reason] of cases) {
      const result = parseAuthProfiles(text);
      assert.ok('error' in result, JSON.stringify(text));
      assert.match(result.error, reason);
    }
    // Items that are not objects are skipped; odd values are ignored rather than trusted.
    const odd = parsed(JSON.stringify({ Profiles: [1, 'x', null, { Name: 7, Resource: 'ftp://x', EnvironmentId: {} }], Current: { UNIVERSAL: 99 } }));
    assert.deepEqual(odd.profiles, [{ index: 1 }]);
    assert.equal(odd.active, odd.profiles[0], 'the only profile');
  });
});

describe('matching pac\'s environment with flowcop.json\'s', () => {
  const envs: EnvironmentInfo[] = [
    { name: 'Dev', files: ['/w/config/Dev/deploymentSettings.json'], solutions: ['Invoices'], id: DEV_ID.toUpperCase() },
    { name: 'Prod', files: ['/w/config/Prod/deploymentSettings.json'], solutions: ['Invoices'], url: 'HTTPS://Contoso.CRM.dynamics.com' },
    { name: 'Test', files: ['/w/config/Test/deploymentSettings.json'], solutions: ['Invoices'], url: 'https://contoso-test.crm.dynamics.com/' },
  ];
  const profiles = (current: unknown) => parsed(v2({ UNIVERSAL: current }, [dev, prod, pacProfile('test', 'https://contoso-test.crm.dynamics.com', { EnvironmentId: 'aaaaaaaa-0000-4000-8000-000000000000' })]));

  test('URLs compare ignoring case, a trailing slash and the default port', () => {
    assert.equal(normalizeEnvironmentUrl('HTTPS://Contoso.CRM.dynamics.com/'), 'https://contoso.crm.dynamics.com');
    assert.equal(normalizeEnvironmentUrl('https://contoso.crm.dynamics.com:443'), 'https://contoso.crm.dynamics.com');
    assert.equal(normalizeEnvironmentUrl('http://contoso.crm.dynamics.com'), undefined);
    assert.equal(normalizeEnvironmentUrl('not a url'), undefined);
  });

  test('by URL or by id; a profile with neither matches nothing', () => {
    assert.equal(matchPacEnvironment(envs, profiles(prod).active)?.name, 'Prod', 'by URL');
    assert.equal(matchPacEnvironment(envs, profiles(dev).active)?.name, 'Dev', 'by id, ignoring case');
    assert.equal(matchPacEnvironment(envs, { index: 1, url: 'https://contoso-test.crm.dynamics.com' })?.name, 'Test');
    assert.equal(matchPacEnvironment(envs, { index: 1, url: 'https://contoso-uat.crm.dynamics.com' }), undefined);
    assert.equal(matchPacEnvironment(envs, { index: 1 }), undefined);
    assert.equal(isPacEnvironment({ url: 'https://contoso.crm.dynamics.com' }, undefined), false);
  });

  test('the status bar shows nothing about pac without profiles', () => {
    for (const pac of [undefined, parsed('{"Profiles": []}')]) {
      const s = environmentStatus('Prod', pac, envs);
      assert.equal(s.text, '$(server-environment) Prod');
      assert.doesNotMatch(s.tooltip, /pac/);
      assert.equal(s.mismatch, false);
    }
    assert.equal(environmentStatus(null, undefined, envs).text, '$(server-environment) All environments');
  });

  test('agreeing: pac\'s environment beside FlowCop\'s, its profile and URL in the tooltip, no warning', () => {
    const s = environmentStatus('Prod', profiles(prod), envs, '/home/maker/.local/share/Microsoft/PowerAppsCli/authprofiles_v2.json');
    assert.equal(s.text, '$(server-environment) FlowCop: Prod · pac: Contoso');
    assert.equal(s.mismatch, false);
    assert.equal(s.pacEnvironment, 'Prod');
    assert.match(s.tooltip, /profile `prod` \(UNIVERSAL\), environment \*\*Contoso\*\* — `https:\/\/contoso\.crm\.dynamics\.com\/`, `6a1f2b3c/);
    assert.match(s.tooltip, /the environment FlowCop checks/);
  });

  test('disagreeing: a warning icon, and the reason in the tooltip', () => {
    const s = environmentStatus('prod', profiles(dev), envs);
    assert.equal(s.text, '$(warning) FlowCop: prod · pac: Contoso Dev');
    assert.equal(s.mismatch, true);
    assert.match(s.tooltip, /pac points at \*\*Dev\*\* while FlowCop checks \*\*prod\*\*: the two disagree/);
  });

  test('FlowCop checking every environment, or pac pointing outside flowcop.json, is no disagreement', () => {
    const all = environmentStatus(null, profiles(dev), envs);
    assert.equal(all.text, '$(server-environment) FlowCop: All environments · pac: Contoso Dev');
    assert.equal(all.mismatch, false);
    const elsewhere = environmentStatus('Prod', parsed(v2({ UNIVERSAL: pacProfile('uat', 'https://contoso-uat.crm.dynamics.com/') })), envs);
    assert.equal(elsewhere.text, '$(server-environment) FlowCop: Prod · pac: contoso-uat', 'the first host label without a display name');
    assert.equal(elsewhere.mismatch, false);
    assert.match(elsewhere.tooltip, /none of the environments flowcop\.json gives a `url` or `id`/);
    const iconLike = environmentStatus('Prod', parsed(v2({ UNIVERSAL: pacProfile('x', 'https://x.crm.dynamics.com', { FriendlyName: '$(bug) Lab' }) })), envs);
    assert.equal(iconLike.text, '$(server-environment) FlowCop: Prod · pac: $ (bug) Lab', 'a display name never becomes an icon');
  });

  test('no active profile, or one with no environment selected, is said so', () => {
    const none = environmentStatus('Prod', parsed(JSON.stringify({ Profiles: [dev, prod] })), envs);
    assert.equal(none.text, '$(server-environment) FlowCop: Prod · pac: no active profile');
    const noEnv = environmentStatus('Prod', parsed(v2({ UNIVERSAL: pacProfile('', 'https://service.powerapps.com/') }, [pacProfile('', 'https://service.powerapps.com/')])), envs);
    assert.equal(noEnv.text, '$(server-environment) FlowCop: Prod · pac: no environment');
    assert.match(noEnv.tooltip, /profile 1 \(UNIVERSAL\) has no environment selected/);
  });

  test('Switch Environment lists pac\'s environment first, the others in their order', () => {
    assert.deepEqual(pacFirst(envs, profiles(prod).active).map(e => e.name), ['Prod', 'Dev', 'Test']);
    assert.deepEqual(pacFirst(envs, profiles(dev).active).map(e => e.name), ['Dev', 'Prod', 'Test']);
    assert.deepEqual(pacFirst(envs, undefined).map(e => e.name), ['Dev', 'Prod', 'Test']);
  });

  test('pac org select names the URL\'s origin, else the id; nothing without either', () => {
    assert.equal(pacSelectCommand({ url: 'https://contoso-test.crm.dynamics.com/main.aspx?appid=1&x=$(rm)' }), 'pac org select --environment https://contoso-test.crm.dynamics.com');
    assert.equal(pacSelectCommand({ id: DEV_ID }), `pac org select --environment ${DEV_ID}`);
    assert.equal(pacSelectCommand({ id: 'x; rm -rf /' }), undefined);
    assert.equal(pacSelectCommand({}), undefined);
    assert.equal(pacEnvironmentLabel({ index: 1, environmentId: DEV_ID }), DEV_ID);
  });
});
