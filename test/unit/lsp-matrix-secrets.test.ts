// The matrix (flowcop/matrix) carries no secret value, wherever the secret sits: a settings value of a
// variable holding a secret by its shape (a connection string's password, a token in a URL fragment), by its
// name, a default value, a committed current value, a Secret's plain value, an unknown entry's value; nor
// in the findings overview. No 8-character piece of any of them appears in the answer's JSON.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import type { Finding } from '../../server/src/findings/finding';
import { MemoryVfs } from '../../server/src/load/vfs';
import { matrixOf } from '../../server/src/lsp/matrix';
import { buildSolutionFiles, SolutionSpec } from '../support/fixture';

const SECRETS = {
  connection: 'Vb7Nm2Qw9Er4Ty6U',
  fragment: 'Fr4gm3ntT0k3nXyZ12',
  named: 'Hq8Lz3Wx5Pv7Kd2J',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib3QifQ.c2lnbmF0dXJlMTIzNDU2',
  current: 'Cu7rR3ntS3cr3tV4l',
  plain: 'Pl41nS3cr3tV4lu3Qz',
  unknown: 'Unkn0wnS3cr3tXy9W',
  script: 'Scr1ptP4ssw0rdKq7',
};

const SPEC: SolutionSpec = {
  uniqueName: 'Secrets',
  prefix: 'cr1a2',
  environmentVariables: [
    { schemaName: 'cr1a2_ErpConnection' },
    { schemaName: 'cr1a2_Callback' },
    { schemaName: 'cr1a2_ApiToken' },
    { schemaName: 'cr1a2_Service', defaultValue: SECRETS.jwt },
    { schemaName: 'cr1a2_Upload', value: `Server=files;User Id=svc;Password=${SECRETS.current}` },
    { schemaName: 'cr1a2_ClientSecret', type: 100000005, secretStore: 0 },
    { schemaName: 'cr1a2_SiteUrl' },
  ],
  desktopFlows: [{ name: 'Login', script: `SET DbPassword TO $'''${SECRETS.script}'''\nSET Site TO $'''https://erp-dev.contoso.com/login'''` }],
  settings: {
    Test: {
      EnvironmentVariables: [
        { SchemaName: 'cr1a2_ErpConnection', Value: `Server=sql01.contoso.com;Database=erp;User Id=svc;Password=${SECRETS.connection}` },
        { SchemaName: 'cr1a2_Callback', Value: `https://app.contoso.com/cb#access_token=${SECRETS.fragment}` },
        { SchemaName: 'cr1a2_ApiToken', Value: SECRETS.named },
        { SchemaName: 'cr1a2_ClientSecret', Value: SECRETS.plain },
        { SchemaName: 'cr1a2_ClientSecrt', Value: SECRETS.unknown },
        { SchemaName: 'cr1a2_SiteUrl', Value: 'https://contoso.sharepoint.com/sites/Finance-Test' },
      ],
    },
    Prod: { EnvironmentVariables: [{ SchemaName: 'cr1a2_ApiTokn', Value: SECRETS.named }] },
  },
};

function load(): { solution: ReturnType<typeof analyze>['workspace']['solutions'][number]; findings: Finding[] } {
  const files = buildSolutionFiles(SPEC);
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [path.posix.join('/w', p), c])));
  const result = analyze(['/w'], { vfs });
  return { solution: result.workspace.solutions[0], findings: result.findings };
}

function assertNoSecret(text: string, what: string): void {
  for (const [name, secret] of Object.entries(SECRETS)) {
    for (let i = 0; i + 8 <= secret.length; i++) assert.ok(!text.includes(secret.slice(i, i + 8)), `${what} shows the ${name} secret`);
  }
}

describe('the matrix shows no secret value', () => {
  test('for every active environment, with and without the findings', () => {
    const { solution, findings } = load();
    assert.ok(findings.some(f => f.ruleId === 'pad/plaintext-secret'), 'the script\'s password is reported');
    for (const environment of [null, 'Test', 'Prod']) {
      for (const given of [findings, []]) {
        const m = matrixOf({ solution, findings: given, environment });
        assertNoSecret(JSON.stringify(m), `the matrix (${environment ?? 'no environment'}, ${given.length} findings)`);
        const rows = new Map(m.rows.map(r => [r.name, r]));
        for (const name of ['cr1a2_ErpConnection', 'cr1a2_Callback', 'cr1a2_ApiToken', 'cr1a2_Service', 'cr1a2_Upload', 'cr1a2_ClientSecret', 'cr1a2_ClientSecrt', 'cr1a2_ApiTokn']) {
          assert.equal(rows.get(name)?.secret, true, `${name} is shown as a secret`);
        }
        assert.equal(rows.get('cr1a2_SiteUrl')?.secret, false, 'a plain value is not secret');
        const test = m.columns.findIndex(c => c.environment === 'Test');
        assert.equal(rows.get('cr1a2_SiteUrl')?.cells[test].text, 'https://contoso.sharepoint.com/sites/Finance-Test', 'and is shown');
        assert.equal(rows.get('cr1a2_ClientSecret')?.cells[test].text, '(secret)');
      }
    }
  });
});
