// Keeps the rule registry, rule files, documentation, config schema and tests in step
// (Bicep's contract tests do the same for its linter).
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { configSchema } from '../../server/src/findings/schema';
import { RULES } from '../../server/src/rules/registry';
import { repoRoot } from '../support/corpus';

const ROOT = repoRoot();
/** Rules whose findings come from the loaders; their tests live with the loaders. */
const LOADER_RULES: Record<string, string> = { 'pad/syntax': 'test/unit/pad-parser.test.ts', 'flowcop/parse-error': 'test/unit/load-malformed.test.ts' };
const REQUIRED_SECTIONS = ['## What it finds', '## Why it matters', '## Examples', '## How to fix', '## Options', '## Default severity'];

describe('rule contract', () => {
  for (const rule of RULES) {
    const { id } = rule.meta;
    test(`${id}: file, docs, tests and checks`, () => {
      assert.match(id, /^(pad|cloud|solution|settings|dlp|pipeline|flowcop)\/[a-z]+(-[a-z]+)*$/);
      assert.ok(fs.existsSync(path.join(ROOT, 'server/src/rules', `${id}.ts`)), 'one file per rule');
      assert.equal(rule.meta.docs, `docs/rules/${id}.md`);
      const docsPath = path.join(ROOT, rule.meta.docs);
      assert.ok(fs.existsSync(docsPath), `documentation page ${rule.meta.docs}`);
      const docs = fs.readFileSync(docsPath, 'utf8');
      assert.ok(docs.startsWith(`# ${id}\n`), 'the page starts with the rule id');
      for (const section of REQUIRED_SECTIONS) assert.ok(docs.includes(section), `docs section "${section}"`);
      assert.match(docs.slice(docs.indexOf('## Default severity')), new RegExp(`\\b${rule.meta.defaultSeverity}\\b`), 'docs state the default severity');
      for (const option of Object.keys(rule.meta.options ?? {})) assert.ok(docs.includes(option), `docs describe option ${option}`);
      const testFile = LOADER_RULES[id] ?? `test/unit/rules/${id.replace('/', '-')}.test.ts`;
      assert.ok(fs.existsSync(path.join(ROOT, testFile)), `tests in ${testFile}`);
      const testText = fs.readFileSync(path.join(ROOT, testFile), 'utf8');
      if (!LOADER_RULES[id]) {
        assert.ok(rule.check.script || rule.check.cloudFlow || rule.check.solution, 'the rule has a check');
        assert.equal(rule.meta.fixable, rule.fixes.length > 0, 'meta.fixable says whether the rule offers fixes');
        assert.match(testText, /valid:\s*\[/, 'RuleTester valid cases');
        assert.match(testText, /invalid:\s*\[/, 'RuleTester invalid cases');
      }
      const expectedLevel = rule.meta.category === 'credential' ? ['error'] : rule.meta.category === 'alm' ? (rule.meta.id.startsWith('dlp/') ? ['error', 'warning'] : ['warning', 'info']) : rule.meta.category === 'syntax' ? ['error'] : ['warning'];
      assert.ok(expectedLevel.includes(rule.meta.defaultSeverity), `default severity of a ${rule.meta.category} rule`);
      if (rule.meta.category === 'credential') assert.ok(rule.meta.securitySeverity !== undefined, 'credential rules carry a security-severity');
    });
  }

  test('every documentation page belongs to a rule', () => {
    const ids = new Set(RULES.map(r => r.meta.id));
    const dir = path.join(ROOT, 'docs/rules');
    for (const sub of fs.readdirSync(dir)) {
      if (!fs.statSync(path.join(dir, sub)).isDirectory()) continue;
      for (const f of fs.readdirSync(path.join(dir, sub))) assert.ok(ids.has(`${sub}/${f.replace(/\.md$/, '')}`), `docs/rules/${sub}/${f} has no rule`);
    }
  });

  test('schemas/flowcop.schema.json is generated from the rules (npm run schema)', () => {
    const committed: { properties: { rules: { properties: Record<string, { description: string }> } } } = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/flowcop.schema.json'), 'utf8'));
    assert.deepEqual(committed as unknown, configSchema(RULES));
    const ruleSchemas = committed.properties.rules.properties;
    for (const rule of RULES) {
      assert.ok(ruleSchemas[rule.meta.id], `schema entry for ${rule.meta.id}`);
      assert.match(ruleSchemas[rule.meta.id].description, new RegExp(`Defaults to '${rule.meta.defaultSeverity}'`));
    }
  });

  test('configs in the repository validate against the schema; bad ones do not', () => {
    const ajv = new Ajv({ allErrors: true, strictTuples: false });
    const validate = ajv.compile(configSchema(RULES));
    const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/ContosoInvoiceProcessing/flowcop.json'), 'utf8'));
    assert.ok(validate(example), JSON.stringify(validate.errors));
    const full = {
      rules: { 'pad/plaintext-secret': 'error', 'pad/environment-specific-url': ['warning'], 'solution/unused-reference': { level: 'off' } },
      environments: { Prod: 'config/prod.json', Test: { file: 't.json', solution: 'Sol' } },
      ignore: ['legacy/**', { rule: 'cloud/hardcoded-machine', flow: 'Sync', action: 'HTTP', reason: 'lab server' }],
      allow: { hosts: ['*.contoso.com'], paths: ['C:\\Program Files\\'], machines: ['BUILD01'] },
      getCredentialTemplate: 'PowerAutomateSecretVariables.GetCredential Credential: ${credential} Credential=> ${variable}',
    };
    assert.ok(validate(full), JSON.stringify(validate.errors));
    for (const bad of [{ rules: { 'pad/plaintext-secret': 'loud' } }, { rules: { 'no/such-rule': 'off' } }, { allow: { hosts: 'x' } }, { unknown: 1 }]) {
      assert.equal(validate(bad), false, JSON.stringify(bad));
    }
  });
});
