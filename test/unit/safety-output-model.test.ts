// Hover and the views (the flowcop/model the client receives) never carry the value of a variable that
// holds a secret: Secret-typed, reported by FlowCop as holding one (by name, value or use), or with a
// value the shared classifier sees a secret in. Other values are still shown.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import type { Finding } from '../../server/src/findings/finding';
import { MemoryVfs } from '../../server/src/load/vfs';
import { hoverMarkdown, modelOf } from '../../server/src/lsp/model';
import { buildSolutionFiles, SolutionSpec } from '../support/fixture';

const SECRETS = {
  connection: 'Vb7Nm2Qw9Er4Ty6U',
  fragment: 'Fr4gm3ntT0k3nXyZ12',
  named: 'Hq8Lz3Wx5Pv7Kd2J',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib3QifQ.c2lnbmF0dXJlMTIzNDU2',
  current: 'Cu7rR3ntS3cr3tV4l',
};

const SPEC: SolutionSpec = {
  uniqueName: 'Model',
  environmentVariables: [
    { schemaName: 'cr1a2_ErpConnection' },
    { schemaName: 'cr1a2_Callback' },
    { schemaName: 'cr1a2_ApiToken' },
    { schemaName: 'cr1a2_Service', defaultValue: SECRETS.jwt },
    { schemaName: 'cr1a2_Upload', value: `Server=files;User Id=svc;Password=${SECRETS.current}` },
    { schemaName: 'cr1a2_SiteUrl' },
  ],
  settings: {
    Test: {
      EnvironmentVariables: [
        { SchemaName: 'cr1a2_ErpConnection', Value: `Server=sql01.contoso.com;Database=erp;User Id=svc;Password=${SECRETS.connection}` },
        { SchemaName: 'cr1a2_Callback', Value: `https://app.contoso.com/cb#access_token=${SECRETS.fragment}` },
        { SchemaName: 'cr1a2_ApiToken', Value: SECRETS.named },
        { SchemaName: 'cr1a2_SiteUrl', Value: 'https://contoso.sharepoint.com/sites/Finance-Test' },
      ],
    },
  },
};

function load() {
  const files = buildSolutionFiles(SPEC);
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [path.posix.join('/w', p), c])));
  const result = analyze(['/w'], { vfs });
  return { solution: result.workspace.solutions[0], findings: result.findings as Finding[] };
}

function assertNoSecret(text: string, what: string): void {
  for (const [name, secret] of Object.entries(SECRETS)) {
    for (let i = 0; i + 8 <= secret.length; i++) assert.ok(!text.includes(secret.slice(i, i + 8)), `${what} shows the ${name} secret`);
  }
}

describe('hover and views show no secret value', () => {
  test('the model sent to the client holds no secret value, for every environment choice', () => {
    const { solution, findings } = load();
    for (const env of [null, 'Test', 'Prod']) {
      const model = modelOf(solution, env, findings);
      assertNoSecret(JSON.stringify(model), `the model (${env ?? 'no environment'})`);
      const bare = modelOf(solution, env);
      assertNoSecret(JSON.stringify(bare), `the model without findings (${env ?? 'no environment'})`);
      const byName = new Map(bare.environmentVariables.map(v => [v.schemaName, v]));
      for (const name of ['cr1a2_ErpConnection', 'cr1a2_Callback', 'cr1a2_ApiToken', 'cr1a2_Service', 'cr1a2_Upload']) {
        assert.equal(byName.get(name)!.secret, true, `${name} is shown as a secret`);
      }
      // A plain value is still shown.
      assert.equal(byName.get('cr1a2_SiteUrl')!.secret, false);
      if (env === 'Test') assert.equal(byName.get('cr1a2_SiteUrl')!.value.text, 'https://contoso.sharepoint.com/sites/Finance-Test');
    }
  });

  test('hovers hold no secret value', () => {
    const { solution, findings } = load();
    for (const v of solution.environmentVariables) {
      for (const env of [null, 'Test']) {
        const md = hoverMarkdown(solution, v, env);
        assertNoSecret(md, `the hover of ${v.schemaName}`);
        assertNoSecret(hoverMarkdown(solution, v, env, findings), `the hover of ${v.schemaName} (with findings)`);
        if (v.schemaName === 'cr1a2_SiteUrl' && env === 'Test') assert.match(md, /Finance-Test/);
        if (v.schemaName === 'cr1a2_ErpConnection') assert.match(md, /\(secret\)/);
      }
    }
  });
});
