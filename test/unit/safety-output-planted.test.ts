// Output hygiene end to end: a solution with ~20 planted secrets (passwords in connection strings, API
// keys, private keys, JWTs, tokens in fragments and query strings, user-info) and names carrying CI log
// commands. No secret, nor any 8-character piece of one, may appear in the text, JSON or SARIF report,
// the baseline, or the dry-run diff; no output line may start a CI log command or carry a raw control
// character.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { MemoryVfs } from '../../server/src/load/vfs';
import { buildSolutionFiles, SolutionSpec } from '../support/fixture';

const PRIVATE_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw',
  '7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFc',
  'zGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE',
  '-----END RSA PRIVATE KEY-----',
].join('\r\n');
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJycGEtYm90IiwiYXVkIjoiZXJwIn0.Qm9ndXNTaWduYXR1cmVGb3JUZXN0czEyMzQ1';
const STORAGE_KEY = 'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4==';

/** The secrets planted below: none of them (nor any 8-character piece) may reach an output. */
export const PLANTED = {
  dbPassword: 'Tr0ub4dor&3xyzQ',
  apiKey: 'Zx9rpaQ7mN2vB8kL4jH6gF3dS1aP0o',
  githubToken: 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
  jwt: JWT,
  privateKey: PRIVATE_KEY,
  keyBody: 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw',
  fragmentToken: 'AQAAfragmentTokenValue77',
  userInfoPassword: 'Pa55w0rdUserInfo',
  cloudPassword: 'Cl0udP@ssw0rd!2024',
  headerKey: '7Hq2Lx9Wv4Mz8Rt3Ks6Pd1Nf5Bg0Jy',
  functionCode: 'aGVsbG9GdW5jdGlvbktleTEyMzQ1Njc4OTA=',
  awsKey: 'AKIAIOSFODNN7EXAMPLQ',
  prodPassword: 'contosoprod',
  prodFragment: 'QWxhZGRpbjpvcGVusesameprod',
  sasSignature: 'sv2024sigXyZabc123def456ghi789',
  slackToken: 'xoxb-123456789012-abcdefghijklmnop',
  storageKey: STORAGE_KEY,
  defaultJwtPart: 'Qm9ndXNTaWduYXR1cmVGb3JUZXN0czEyMzQ1',
  settingsPassword: 'S3ttingsPassw0rd!',
  secretVarPlain: 'Pl41nV4lu3-9qXw',
};

/** Names that would start CI log commands if printed as they are. */
const EVIL = '\n##vso[task.setvariable variable=leak]1\n::error file=x::pwned\x1b[31m\u202e';

export const PLANTED_SPEC: SolutionSpec = {
  uniqueName: 'Planted',
  prefix: 'cr1a2',
  environmentVariables: [
    { schemaName: 'cr1a2_ErpConnection' },
    { schemaName: 'cr1a2_Callback' },
    { schemaName: 'cr1a2_ServiceToken', defaultValue: JWT },
    { schemaName: 'cr1a2_Upload', value: `https://contosoblob.blob.core.windows.net/in?sv=2024-01-01&sig=${'sv2024sigXyZabc123def456ghi789'}` },
    { schemaName: 'cr1a2_VaultPassword', type: 100000005 },
    { schemaName: 'cr1a2_Storage' },
  ],
  settings: {
    Test: {
      EnvironmentVariables: [
        { SchemaName: 'cr1a2_ErpConnection', Value: `Server=sql01.contoso.com;Database=erp;User Id=svc;Password=contosoprod` },
        { SchemaName: 'cr1a2_Callback', Value: `https://app.contoso.com/cb#access_token=QWxhZGRpbjpvcGVusesameprod` },
        { SchemaName: 'cr1a2_VaultPassword', Value: 'Pl41nV4lu3-9qXw' },
        { SchemaName: 'cr1a2_Storage', Value: `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey=${STORAGE_KEY};EndpointSuffix=core.windows.net` },
      ],
    },
    Dev: {
      EnvironmentVariables: [
        { SchemaName: 'cr1a2_ErpConnection', Value: 'Server=sql01-dev.contoso.com;Database=erp;User Id=svc;Password=S3ttingsPassw0rd!' },
      ],
    },
  },
  desktopFlows: [
    {
      name: `Enter Invoices${EVIL}`,
      script: [
        "SET DbConn TO $'''Server=sql01.contoso.local;Database=erp;User Id=svc_rpa;Password=Tr0ub4dor&3xyzQ;'''",
        "SET ApiKey TO $'''Zx9rpaQ7mN2vB8kL4jH6gF3dS1aP0o'''",
        "SET GitToken TO $'''ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'''",
        `Web.InvokeWebService.InvokeWebService Url: $'''https://erp.contoso.com/api/invoices''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' CustomHeaders: $'''Authorization: Bearer ${JWT}''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False Cookies: $'''''' UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> WebServiceResponseHeaders Response=> WebServiceResponse StatusCode=> StatusCode`,
        `SET SlackBot TO $'''xoxb-123456789012-abcdefghijklmnop'''`,
        `SET AwsKey TO $'''AKIAIOSFODNN7EXAMPLQ'''`,
        `SET Callback TO $'''https://admin:Pa55w0rdUserInfo@erp.contoso.com/login'''`,
      ].join('\r\n'),
    },
    {
      name: 'Sign Documents',
      storage: 'xml-text',
      script: [
        `SET SigningKey TO $'''${PRIVATE_KEY}'''`,
        "SET Folder TO $'''C:\\RPA\\Signed'''",
      ].join('\r\n'),
    },
  ],
  cloudFlows: [{
    name: `Post Invoices${EVIL}`,
    definition: {
      actions: {
        [`Call_ERP${EVIL}`]: {
          type: 'Http',
          inputs: {
            method: 'POST',
            uri: `https://func-erp.azurewebsites.net/api/post?code=aGVsbG9GdW5jdGlvbktleTEyMzQ1Njc4OTA=`,
            headers: { 'x-api-key': '7Hq2Lx9Wv4Mz8Rt3Ks6Pd1Nf5Bg0Jy' },
            authentication: { type: 'Basic', username: 'svc_erp', password: 'Cl0udP@ssw0rd!2024' },
          },
        },
      },
    },
  }],
};

/** Every 8-character piece of a secret (the whole secret when shorter). */
function pieces(secret: string): string[] {
  const out: string[] = [];
  for (const line of secret.split(/\r\n|\n/)) {
    if (line.length <= 8) out.push(line);
    else for (let i = 0; i + 8 <= line.length; i++) out.push(line.slice(i, i + 8));
  }
  return out;
}

/** Pieces that are not secret text at all (the armour lines of a PEM key). */
const NOT_SECRET = new Set(pieces('-----BEGIN RSA PRIVATE KEY-----').concat(pieces('-----END RSA PRIVATE KEY-----')));

export function assertNoSecret(output: string, what: string): void {
  for (const [name, secret] of Object.entries(PLANTED)) {
    const forms = [secret, JSON.stringify(secret).slice(1, -1)];
    for (const form of forms) {
      for (const piece of pieces(form)) {
        if (NOT_SECRET.has(piece)) continue;
        assert.ok(!output.includes(piece), `${what} shows ${JSON.stringify(piece)} of the planted ${name}`);
      }
    }
  }
}

export function assertSafeForLogs(output: string, what: string): void {
  output.split('\n').forEach((line, i) => {
    assert.ok(!/^\s*(::|##)/.test(line), `${what} line ${i + 1} could start a CI log command: ${JSON.stringify(line)}`);
    assert.ok(!/##(vso)?\[/i.test(line), `${what} line ${i + 1} carries a ##vso[ or ##[ command: ${JSON.stringify(line)}`);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/.test(line.replace(/\r$/, '')), `${what} line ${i + 1} carries a raw control character: ${JSON.stringify(line)}`);
  });
}

function io(files: Record<string, string>, cwd = '/w') {
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [path.posix.join(cwd, p), c])));
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const cli: CliIO = {
    stdout: s => out.push(s), stderr: s => err.push(s), cwd, vfs, isTTY: true, env: {},
    writeFile: (p, c) => { written[p] = c; vfs.write(p, c); },
  };
  return { cli, out: () => out.join(''), err: () => err.join(''), written };
}

describe('planted secrets and CI log commands never reach an output', () => {
  const files = buildSolutionFiles(PLANTED_SPEC);

  for (const args of [['--format', 'text'], ['--format', 'text', '--no-color'], ['--format', 'json'], ['--format', 'sarif']]) {
    test(`lint ${args.join(' ')}`, () => {
      const t = io(files);
      runCli(['lint', '.', ...args], t.cli);
      const report = t.out();
      assert.ok(report.length > 500, 'a report');
      if (args[1] !== 'text') assert.doesNotThrow(() => JSON.parse(report));
      // Enough of the planted secrets were found for the check to mean something.
      assert.ok((report.match(/plaintext-secret/g) ?? []).length >= 6, report);
      assertNoSecret(report + t.err(), `lint ${args.join(' ')}`);
      assertSafeForLogs(report.replace(/\x1b\[[0-9;]*m/g, ''), `lint ${args.join(' ')}`);
      assertSafeForLogs(t.err(), `lint ${args.join(' ')} (stderr)`);
    });
  }

  // The CI formats write log commands on purpose: exactly one per line, of FlowCop's own shape, and
  // whatever came from the files (in the properties and the message) can start none.
  const OWN_COMMAND: Record<string, RegExp> = {
    github: /^::(?:error|warning|notice) file=[^,:\s]*(?:,line=\d+,col=\d+,endLine=\d+,endColumn=\d+)?,title=[a-z/-]+::(.*)$/,
    azure: /^##vso\[task\.logissue type=(?:error|warning);sourcepath=[^;\]\s]*;linenumber=\d+;columnnumber=\d+;code=[a-z/-]+;\](.*)$/,
  };
  for (const format of ['github', 'azure', 'junit', 'markdown']) {
    test(`lint --format ${format}`, () => {
      const t = io(files);
      runCli(['lint', '.', '--format', format], t.cli);
      const report = t.out();
      // JUnit lists a rule once per file.
      assert.ok((report.match(/plaintext-secret/g) ?? []).length >= (format === 'junit' ? 2 : 6), report);
      assertNoSecret(report + t.err(), `lint --format ${format}`);
      const own = OWN_COMMAND[format];
      const rest = own ? report.split('\n').map(line => own.exec(line)?.[1] ?? line).join('\n') : report;
      if (own) assert.ok(report.split('\n').filter(line => own.test(line)).length >= 6, `${format}: FlowCop's own commands`);
      assertSafeForLogs(rest, `lint --format ${format}`);
    });
  }

  test('the baseline holds no secret', () => {
    const t = io(files);
    runCli(['lint', '.', '--baseline', 'flowcop-baseline.json'], t.cli);
    const baseline = t.written['/w/flowcop-baseline.json'];
    assert.ok(baseline && JSON.parse(baseline).findings.length >= 10);
    assertNoSecret(baseline, 'the baseline');
  });

  test('the dry-run diff masks every secret it shows, removed or kept', () => {
    const t = io(files);
    runCli(['lint', '.', '--fix-dry-run', '--no-color'], t.cli);
    const diff = t.out();
    assert.match(diff, /^--- a\//m, 'a diff');
    assertNoSecret(diff + t.err(), 'the dry-run output');
    assertSafeForLogs(diff, 'the dry-run diff');
  });

  // The fix titles and descriptions quote names; cli.ts prints them to standard error as they are.
  test('the dry-run messages are safe for CI logs', () => {
    const t = io(files);
    runCli(['lint', '.', '--fix-dry-run', '--no-color'], t.cli);
    assertSafeForLogs(t.err(), 'the dry-run messages');
  });
});
