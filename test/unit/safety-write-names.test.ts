// Names that become paths or XML (publisher prefix, schema names, logical names) are validated against
// Dataverse's rules before any fix is built, and escaped where they are written: a hostile
// <CustomizationPrefix> can neither send `lint --fix` outside the linted folder nor break the XML it writes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../server/src/cli';
import { FixError } from '../../server/src/fix/change';
import { assertLogicalName, assertPublisherPrefix, assertSchemaName } from '../../server/src/fix/names';
import { parseXml, validateXml } from '../../server/src/load/xml';
import { repoRoot } from '../support/corpus';
import { diskCli, tempDir } from './fix-support';

const cli = diskCli;

/** The example under <tmp>/work/repo, with its publisher prefix replaced. */
function exampleWithPrefix(prefix: string): { work: string; repo: string } {
  const work = path.join(tempDir('names'), 'work');
  const repo = path.join(work, 'repo');
  fs.mkdirSync(repo, { recursive: true });
  fs.cpSync(path.join(repoRoot(), 'examples'), repo, { recursive: true });
  const manifest = path.join(repo, 'ContosoInvoiceProcessing', 'Other', 'Solution.xml');
  const text = fs.readFileSync(manifest, 'utf8');
  const escaped = prefix.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  fs.writeFileSync(manifest, text.replace('<CustomizationPrefix>cnt</CustomizationPrefix>', `<CustomizationPrefix>${escaped}</CustomizationPrefix>`));
  // Without existing cnt_ variables the prefix is the only source of new names.
  return { work, repo };
}

function allFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).map(f => path.join(dir, f)).filter(p => fs.lstatSync(p).isFile());
}

describe('safety: names written by fixes', () => {
  test('a traversal prefix never makes lint --fix write outside the linted folder, and the fix says why', () => {
    const { work, repo } = exampleWithPrefix('../../../OUTSIDE/pwn');
    const run = cli(repo);
    runCli(['lint', '.', '--fix', '--env', 'Dev'], run.io);
    assert.deepEqual(fs.readdirSync(work), ['repo'], 'nothing was created beside the linted folder');
    assert.ok(!allFiles(repo).some(p => /OUTSIDE|pwn/.test(p)), 'no file named after the prefix');
    assert.match(run.err(), /cannot fix cloud\/plaintext-secret .*prefix/, run.err());
  });

  for (const prefix of ['ab"c', 'ab<c', "a'&b"]) {
    test(`a prefix ${JSON.stringify(prefix)} never produces XML that no longer parses`, () => {
      const { repo } = exampleWithPrefix(prefix);
      const run = cli(repo);
      runCli(['lint', '.', '--fix', '--env', 'Dev'], run.io);
      for (const p of allFiles(repo).filter(f => f.endsWith('.xml'))) {
        const text = fs.readFileSync(p, 'utf8');
        assert.equal(validateXml(text), undefined, `${path.relative(repo, p)} is not well-formed`);
        assert.deepEqual(parseXml(text).problems, [], `${path.relative(repo, p)}: XML problems`);
      }
      assert.match(run.err(), /prefix/);
    });
  }

  test("Dataverse's naming rules", () => {
    for (const ok of ['cr1a2', 'cnt', 'ab', 'abcdefgh', 'Contoso1']) assert.doesNotThrow(() => assertPublisherPrefix(ok), ok);
    for (const bad of ['', 'a', 'abcdefghi', '1ab', 'mscrm', 'MSCRMx', 'a_b', 'a-b', 'ab"c', 'a/b', '../../x', 'ab\ncd']) {
      assert.throws(() => assertPublisherPrefix(bad), FixError, JSON.stringify(bad));
    }
    for (const ok of ['cnt_InvoiceSiteUrl', 'cr1a2_Value_2']) assert.doesNotThrow(() => assertSchemaName(ok), ok);
    for (const bad of ['InvoiceSiteUrl', 'cnt_', 'cnt_a b', 'cnt_a/..', 'cnt_a"', '../cnt_a', 'cnt_a\u00e9', `cnt_${'x'.repeat(200)}`]) {
      assert.throws(() => assertSchemaName(bad), FixError, JSON.stringify(bad));
    }
    assert.doesNotThrow(() => assertLogicalName('cnt_sharedcommondataserviceforapps_1a2b3'));
    for (const bad of ['cnt_Shared', 'cnt_a<b', 'x_y', '../cnt_a']) assert.throws(() => assertLogicalName(bad), FixError, bad);
  });
});
