// flowcop.json `environments` with identity: each environment's settings file (`settings`, or the older
// `file`) and the Dataverse environment it stands for (`url`, `id`); an entry may give only url/id. Bad values
// are problems at the value; the schema agrees; the server's flowcop/environments answer carries url/id.
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { parseConfig } from '../../server/src/findings/config';
import { MemoryVfs } from '../../server/src/load/vfs';
import { configSchema } from '../../server/src/findings/schema';
import { environmentsOf } from '../../server/src/lsp/model';
import type { EnvironmentsResult } from '../../server/src/lsp/protocol';
import { EnvironmentsRequest } from '../../server/src/lsp/protocol';
import { connectSession } from '../../server/src/lsp/server';
import { pathToUri } from '../../server/src/lsp/uri';
import { RULES } from '../../server/src/rules/registry';
import { repoRoot } from '../support/corpus';
import { FakeConnection } from '../support/lsp-fake';

const PROD_ID = '6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const configFile = (text: string) => ({ path: '/repo/flowcop.json', text, bom: false, encoding: 'utf8' as const, hash: '' });
const parse = (environments: unknown) => {
  const text = JSON.stringify({ environments }, null, 2);
  const config = parseConfig(configFile(text));
  return { config, problems: config.problems.map(p => ({ message: p.message, at: text.slice(p.span.start, p.span.end) })) };
};

describe('flowcop.json environments: settings, url, id', () => {
  test('a path, {settings}, the older {file} and url/id are all read', () => {
    const { config, problems } = parse({
      Dev: 'config/dev.json',
      Test: { file: 'config/test.json', solution: 'Invoices' },
      Prod: { settings: 'config/prod.json', url: 'https://contoso.crm.dynamics.com/', id: PROD_ID },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(config.environments.map(e => [e.environment, e.file, e.solution, e.source?.written]), [
      ['Dev', '/repo/config/dev.json', undefined, 'config/dev.json'],
      ['Test', '/repo/config/test.json', 'Invoices', 'config/test.json'],
      ['Prod', '/repo/config/prod.json', undefined, 'config/prod.json'],
    ]);
    assert.deepEqual(config.environmentIdentities.map(i => [i.environment, i.url, i.id]), [['Prod', 'https://contoso.crm.dynamics.com/', PROD_ID]]);
  });

  test('an entry with only a url or an id names no settings file', () => {
    const { config, problems } = parse({ UAT: { url: 'https://contoso-uat.crm4.dynamics.com' }, Default: { id: `Default-${PROD_ID}` } });
    assert.deepEqual(problems, []);
    assert.equal(config.environments.length, 0);
    assert.deepEqual(config.environmentIdentities.map(i => [i.environment, i.url, i.id]), [
      ['UAT', 'https://contoso-uat.crm4.dynamics.com', undefined],
      ['Default', undefined, `Default-${PROD_ID}`],
    ]);
  });

  test('the array form takes the same keys', () => {
    const { config, problems } = parse([{ name: 'Prod', settings: 'p.json', url: 'https://contoso.crm.dynamics.com' }, { name: 'Dev', id: PROD_ID }]);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.environments.map(e => e.environment), ['Prod']);
    assert.deepEqual(config.environmentIdentities.map(i => i.environment), ['Prod', 'Dev']);
  });

  test('a url that is not https, or carries a user name, is a problem at the url; the settings file still counts', () => {
    const { config, problems } = parse({
      Prod: { settings: 'p.json', url: 'http://contoso.crm.dynamics.com' },
      Test: { url: 'https://svc:hunter2@contoso-test.crm.dynamics.com' },
      Dev: { url: 'contoso-dev.crm.dynamics.com' },
      UAT: { url: 42 },
    });
    assert.deepEqual(problems.map(p => p.at), ['"http://contoso.crm.dynamics.com"', '"https://svc:hunter2@contoso-test.crm.dynamics.com"', '"contoso-dev.crm.dynamics.com"', '42']);
    for (const p of problems) assert.match(p.message, /^environments\.\w+\.url: expected the environment's https:\/\/ URL/);
    assert.ok(problems.every(p => !p.message.includes('hunter2')), 'the message does not repeat a password');
    assert.deepEqual(config.environments.map(e => e.environment), ['Prod']);
    assert.deepEqual(config.environmentIdentities, []);
  });

  test('an id that is not a GUID is a problem at the id; a valid url beside it is kept', () => {
    const { config, problems } = parse({ Prod: { url: 'https://contoso.crm.dynamics.com', id: 'prod' }, Dev: { id: `${PROD_ID}x` } });
    assert.deepEqual(problems.map(p => p.at), ['"prod"', `"${PROD_ID}x"`]);
    assert.match(problems[0].message, /^environments\.Prod\.id: expected the environment id, a GUID/);
    assert.deepEqual(config.environmentIdentities.map(i => [i.environment, i.url, i.id]), [['Prod', 'https://contoso.crm.dynamics.com', undefined]]);
  });

  test('an entry with neither a settings file nor a url or id, or with both settings and file, is a problem', () => {
    const { config, problems } = parse({ Prod: {}, Test: { settings: 't.json', file: 'old.json' }, Dev: { settings: 3 }, UAT: true });
    assert.deepEqual(problems.map(p => p.at), ['{}', '"old.json"', '3', 'true']);
    assert.match(problems[0].message, /environments\.Prod: expected a "settings" file path, a Dataverse "url" or an environment "id"/);
    assert.match(problems[1].message, /"settings" is used/);
    assert.deepEqual(config.environments.map(e => [e.environment, e.file]), [['Test', '/repo/t.json']]);
    assert.match(parse('prod.json').problems[0].message, /^environments must be an object/);
    assert.match(parse([{ url: 'https://x.crm.dynamics.com' }]).problems[0].message, /need a "name"/);
  });

  test('flowcop lint --print-config shows the url/id beside the settings files', () => {
    const vfs = new MemoryVfs({ '/repo/flowcop.json': JSON.stringify({ environments: { Prod: { settings: 'p.json', url: 'https://contoso.crm.dynamics.com' }, Dev: { id: PROD_ID } } }) });
    const out: string[] = [];
    const io: CliIO = { stdout: s => out.push(s), stderr: () => {}, cwd: '/repo', vfs, isTTY: false, env: {}, writeFile: () => {}, appendFile: () => {} };
    assert.equal(runCli(['lint', '--print-config', 'p.json'], io), 0);
    const printed = JSON.parse(out.join(''));
    assert.deepEqual(printed.environments, [{ name: 'Prod', settings: 'p.json' }]);
    assert.deepEqual(printed.environmentIdentities, [{ name: 'Prod', url: 'https://contoso.crm.dynamics.com' }, { name: 'Dev', id: PROD_ID }]);
  });

  test('the schema accepts the same shapes and refuses bad urls, ids and empty entries', () => {
    const validate = new Ajv({ allErrors: true, strictTuples: false }).compile(configSchema(RULES));
    const good = [
      { Prod: 'p.json' },
      { Prod: { settings: 'p.json', url: 'https://contoso.crm.dynamics.com', id: PROD_ID }, Test: { file: 't.json', solution: 'S' } },
      { UAT: { url: 'https://contoso-uat.crm.dynamics.com' }, Default: { id: `Default-${PROD_ID}` } },
      [{ name: 'Prod', settings: 'p.json' }, { name: 'Dev', url: 'https://contoso-dev.crm.dynamics.com' }],
    ];
    for (const environments of good) assert.ok(validate({ environments }), `${JSON.stringify(environments)}: ${JSON.stringify(validate.errors)}`);
    const bad = [{ Prod: {} }, { Prod: { url: 'http://contoso.crm.dynamics.com' } }, { Prod: { id: 'prod' } }, { Prod: { settings: 'p.json', colour: 'red' } }, [{ name: 'Prod' }]];
    for (const environments of bad) assert.equal(validate({ environments }), false, JSON.stringify(environments));
  });
});

describe('flowcop/environments carries url and id', () => {
  const settings = (environment: string, file: string) => ({ environment, file: { path: file }, environmentVariables: [], connectionReferences: [] });

  test('environmentsOf puts each url/id on its environment (ignoring case) and lists one named only by url/id', () => {
    const solutions = [{ uniqueName: 'Invoices', environments: [settings('Prod', '/r/prod.json'), settings('Dev', '/r/dev.json')] }];
    const source = { file: configFile('{}'), span: { start: 0, end: 0 } };
    const list = environmentsOf(solutions as never, [
      { environment: 'prod', url: 'https://contoso.crm.dynamics.com', source },
      { environment: 'PROD', url: 'https://other.crm.dynamics.com', id: PROD_ID, source },
      { environment: 'UAT', url: 'https://contoso-uat.crm.dynamics.com', source },
    ]);
    assert.deepEqual(list, [
      { name: 'Dev', files: ['/r/dev.json'], solutions: ['Invoices'] },
      { name: 'Prod', files: ['/r/prod.json'], solutions: ['Invoices'], url: 'https://contoso.crm.dynamics.com', id: PROD_ID },
      { name: 'UAT', files: [], solutions: [], url: 'https://contoso-uat.crm.dynamics.com' },
    ]);
  });

  const dirs: string[] = [];
  after(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

  test('the language server answers with the url/id of the example solution\'s flowcop.json', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-envs-'));
    dirs.push(dir);
    const example = path.join(dir, 'ContosoInvoiceProcessing');
    fs.cpSync(path.join(repoRoot(), 'examples/ContosoInvoiceProcessing'), example, { recursive: true });
    const configPath = path.join(example, 'flowcop.json');
    const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
    config.environments = { Prod: { url: 'https://contoso.crm.dynamics.com', id: PROD_ID }, Test: { url: 'https://contoso-test.crm.dynamics.com' } };
    fs.writeFileSync(configPath, JSON.stringify(config, null, 2));

    const client = new FakeConnection();
    const session = connectSession(client, { debounceMs: 30, publishDelayMs: 5 });
    try {
      await client.request('initialize', {
        processId: null, rootUri: null, workspaceFolders: [{ uri: pathToUri(dir), name: 'ws' }], capabilities: {},
        initializationOptions: { environment: null, settings: { enable: true, rulesCustomizations: [], getCredentialTemplate: '' } },
      });
      client.notify('initialized', {});
      for (const t0 = Date.now(); !client.statuses().some(s => s.scope === 'full');) {
        if (Date.now() - t0 > 30_000) assert.fail('the first scan did not finish');
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      const { environments } = await client.request<EnvironmentsResult>(EnvironmentsRequest);
      const byName = Object.fromEntries(environments.map(e => [e.name, { url: e.url, id: e.id, files: e.files.length }]));
      assert.deepEqual(byName, {
        Dev: { url: undefined, id: undefined, files: 1 },
        Prod: { url: 'https://contoso.crm.dynamics.com', id: PROD_ID, files: 1 },
        Test: { url: 'https://contoso-test.crm.dynamics.com', id: undefined, files: 1 },
      });
    } finally {
      session.dispose();
    }
  });
});
