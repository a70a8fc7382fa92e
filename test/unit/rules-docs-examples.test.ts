// The rule pages tell the truth: every example block of docs/rules/<family>/<rule>.md runs through
// the linter (all rules on, as in a default run) and gives what its fence says.
//
// Convention (also in docs/rules/README.md): the fence info string is
//   ```<language> <verdict> [<placement>] [findings=<n>]
// verdict   flagged       ≥1 finding of the page's rule (exactly n with findings=n)
//           ok            no finding of the page's rule
//           config        a flowcop.json: it loads without a flowcop/parse-error and fits schemas/flowcop.schema.json
//           illustration  not run; only for text that is no flow, script, settings or solution file
// placement script   (robin, the default) a desktop-flow script, linted as example.robin
//           actions  members of a cloud flow's definition.actions, in a flow of the example solution
//           flow     members of a cloud flow's `properties`, or (starting with `{`) the whole flow file
//           files    whole files of the example solution, each after a header line naming its path:
//                    `// config/Prod/deploymentSettings.json` or `<!-- environmentvariabledefinitions/… -->`
//           connection-references  <connectionreference> elements added to Other/Customizations.xml
//           pipeline whole pipeline files (`// azure-pipelines.yml` header lines, as in `files`) beside the
//                    example solution, which then also holds the desktop flow "Post invoices"
//           policy   a data-policy (DLP) export: every other block of the page is linted with it (as
//                    dlp-policy.json, named by flowcop.json `policies`); the block itself must load cleanly
// Every block that is run must load cleanly: no pad/syntax and no flowcop/parse-error finding (except
// a flagged block on the page of that very rule).
import Ajv from 'ajv';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import type { Finding } from '../../server/src/findings/finding';
import { configSchema } from '../../server/src/findings/schema';
import { MemoryVfs } from '../../server/src/load/vfs';
import { RULES } from '../../server/src/rules/registry';
import { repoRoot } from '../support/corpus';
import { buildSolutionFiles, CloudFlowSpec, SolutionSpec } from '../support/fixture';
import { findingText } from '../support/rule-tester';

const DOCS = path.join(repoRoot(), 'docs', 'rules');
const ROOT = '/docs-example';
const LOAD_RULES = ['pad/syntax', 'flowcop/parse-error'];
const VERDICTS = ['flagged', 'ok', 'config', 'illustration'] as const;
const PLACEMENTS = ['script', 'actions', 'flow', 'files', 'connection-references', 'pipeline', 'policy'] as const;

type Verdict = typeof VERDICTS[number];
type Placement = typeof PLACEMENTS[number];

interface Block {
  page: string;
  line: number;
  info: string;
  verdict?: Verdict;
  placement?: Placement;
  count?: number;
  text: string;
}

/** The fenced blocks of a page, with their fence parsed (unknown words are left undefined). */
function blocksOf(page: string): Block[] {
  const lines = fs.readFileSync(page, 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(.*)$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, k) => k > i && l.startsWith('```'));
    assert.ok(end > i, `${page}:${i + 1}: unclosed code block`);
    const words = open[1].trim().split(/\s+/).slice(1);
    blocks.push({
      page: path.relative(repoRoot(), page),
      line: i + 1,
      info: open[1].trim(),
      verdict: VERDICTS.find(v => words.includes(v)),
      placement: PLACEMENTS.find(p => words.includes(p)) ?? (open[1].startsWith('robin') ? 'script' : undefined),
      count: Number(/findings=(\d+)/.exec(open[1])?.[1] ?? NaN) || undefined,
      text: lines.slice(i + 1, end).join('\n'),
    });
    i = end;
  }
  return blocks;
}

/**
 * The solution every cloud, solution and settings example lives in: two connection references and one
 * environment variable, all used by the flow "Invoice approval". Examples name these (docs/rules/README.md).
 */
function exampleSolution(): SolutionSpec {
  return {
    uniqueName: 'ContosoInvoices',
    prefix: 'cnt',
    connectionReferences: [
      { logicalName: 'cnt_sharedoffice365_2d7f0', connectorId: '/providers/Microsoft.PowerApps/apis/shared_office365' },
      { logicalName: 'cnt_sharedsharepointonline_1', connectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline' },
    ],
    environmentVariables: [{ schemaName: 'cnt_InvoiceSite', displayName: 'Invoice Site' }],
    cloudFlows: [{
      name: 'Invoice approval',
      uses: [
        { key: 'shared_office365', logicalName: 'cnt_sharedoffice365_2d7f0' },
        { key: 'shared_sharepointonline', logicalName: 'cnt_sharedsharepointonline_1' },
      ],
      definition: {
        parameters: flowParameters(['Invoice Site (cnt_InvoiceSite)']),
        actions: { Compose_site: { type: 'Compose', inputs: "@parameters('Invoice Site (cnt_InvoiceSite)')" } },
      },
    }],
  };
}

/** A flow's `definition.parameters`: the connections and, per name `Display (schema)`, an environment variable. */
function flowParameters(names: string[]): Record<string, unknown> {
  return {
    $connections: { defaultValue: {}, type: 'Object' },
    $authentication: { defaultValue: {}, type: 'SecureObject' },
    ...Object.fromEntries(names.map(n => [n, { defaultValue: '', type: 'String', metadata: { schemaName: schemaOf(n) } }])),
  };
}

const schemaOf = (parameter: string) => /\(([^)]+)\)$/.exec(parameter)![1];

/** Splits a `files` block at its header lines into path → content. */
function filesOf(b: Block): Record<string, string> {
  const files: Record<string, string> = {};
  let current: string | undefined;
  for (const line of b.text.split('\n')) {
    const header = /^\s*(?:\/\/\s*(\S+)|<!--\s*(\S+)\s*-->)\s*$/.exec(line);
    if (header) files[current = header[1] ?? header[2]] = '';
    else if (current) files[current] += `${line}\n`;
    else assert.fail(`${b.page}:${b.line}: a files block starts with a header line naming the file`);
  }
  return files;
}

function cloudFlowOf(b: Block): CloudFlowSpec {
  if (b.placement === 'flow' && b.text.trimStart().startsWith('{')) return { name: 'Example', raw: b.text };
  if (b.placement === 'flow') {
    const properties = JSON.parse(`{${b.text}}`);
    return { name: 'Example', definition: { properties: { definition: { triggers: {}, actions: { Compose: { type: 'Compose', inputs: 'x' } } }, ...properties } } };
  }
  const actions = JSON.parse(`{${b.text}}`);
  // One connection reference of the solution per connector the actions name, and one environment
  // variable per parameter they read (`parameters('Display (schema)')`).
  const connectors = [...new Set([...b.text.matchAll(/"connectionName":\s*"(shared_\w+)"/g)].map(m => m[1]))];
  const parameters = [...new Set([...b.text.matchAll(/parameters\('([^']+\([^')]+\))'\)/g)].map(m => m[1]))];
  return {
    name: 'Example',
    definition: { parameters: flowParameters(parameters), actions },
    uses: connectors.map(key => ({ key, logicalName: `cnt_${key.replace(/_/g, '')}_1` })),
  };
}

function parametersOf(flow: CloudFlowSpec): string[] {
  const declared = (flow.definition as { parameters?: Record<string, unknown> } | undefined)?.parameters ?? {};
  return Object.keys(declared).filter(k => !k.startsWith('$'));
}

/** The tree a block is linted in (paths relative to the linted root). */
function treeOf(b: Block, policy?: Block): Record<string, string> {
  const tree = exampleTree(b);
  if (policy && b.verdict !== 'config') {
    tree['dlp-policy.json'] = policy.text;
    const existing = tree['flowcop.json'] ? JSON.parse(tree['flowcop.json']) : {};
    tree['flowcop.json'] = JSON.stringify({ ...existing, policies: [...(existing.policies ?? []), 'dlp-policy.json'] });
  }
  return tree;
}

function exampleTree(b: Block): Record<string, string> {
  if (b.placement === 'policy') return {};
  if (b.placement === 'script') return { 'example.robin': b.text };
  if (b.verdict === 'config') return { 'flowcop.json': b.text };
  const spec = exampleSolution();
  if (b.placement === 'actions' || b.placement === 'flow') {
    const flow = cloudFlowOf(b);
    spec.cloudFlows!.push(flow);
    for (const u of flow.uses ?? []) {
      if (!spec.connectionReferences!.some(r => r.logicalName === u.logicalName)) {
        spec.connectionReferences!.push({ logicalName: u.logicalName, connectorId: `/providers/Microsoft.PowerApps/apis/${u.key}` });
      }
    }
    for (const p of parametersOf(flow)) {
      if (!spec.environmentVariables!.some(v => v.schemaName === schemaOf(p))) {
        spec.environmentVariables!.push({ schemaName: schemaOf(p), displayName: p.replace(/ \(.*$/, '') });
      }
    }
  }
  if (b.placement === 'pipeline') spec.desktopFlows = [{ name: 'Post invoices', script: "@@ConnectionString: ''\r\nSET Done TO 1" }];
  const files = buildSolutionFiles(spec);
  if (b.placement === 'files' || b.placement === 'pipeline') Object.assign(files, filesOf(b));
  if (b.placement === 'connection-references') {
    const elements = b.text.replace(/<\/?connectionreferences>/g, '');
    files['Other/Customizations.xml'] = files['Other/Customizations.xml'].replace('</connectionreferences>', `${elements}\n  </connectionreferences>`);
  }
  return files;
}

function lint(b: Block, policy?: Block): Finding[] {
  const tree = treeOf(b, policy);
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(tree).map(([p, v]) => [`${ROOT}/${p}`, v])));
  return analyze([ROOT], { vfs }).findings;
}

function describeFindings(findings: Finding[]): string {
  // A credential finding's text is a secret (if only an example's): the message names it instead.
  const text = (f: Finding) => (f.category === 'credential' ? '' : ` "${findingText(f)}"`);
  return findings.map(f => `  ${f.ruleId}${text(f)}: ${f.message}`).join('\n') || '  (none)';
}

function rulePages(dir = DOCS): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return rulePages(p);
    return e.name.endsWith('.md') && dir !== DOCS ? [p] : [];
  });
}

const PAGES = rulePages();

test('every rule page is found and marks each of its blocks', () => {
  assert.ok(PAGES.length >= 20, `only ${PAGES.length} rule pages under docs/rules`);
  const unmarked = PAGES.flatMap(blocksOf).filter(b => !b.verdict || (b.verdict !== 'illustration' && b.verdict !== 'config' && !b.placement));
  assert.deepEqual(unmarked.map(b => `${b.page}:${b.line} \`\`\`${b.info}`), [], 'blocks without a verdict and placement (see docs/rules/README.md)');
});

for (const page of PAGES) {
  const ruleId = path.relative(DOCS, page).replace(/\.md$/, '').split(path.sep).join('/');
  const blocks = blocksOf(page).filter(b => b.verdict && b.verdict !== 'illustration' && (b.verdict === 'config' || b.placement));
  const policy = blocks.find(b => b.placement === 'policy');
  describe(ruleId, () => {
    test('shows at least one flagged and one fine example', () => {
      assert.ok(blocks.some(b => b.verdict === 'flagged'), 'no flagged example');
      assert.ok(blocks.some(b => b.verdict === 'ok'), 'no ok example');
    });
    for (const b of blocks) {
      test(`${b.page}:${b.line} \`\`\`${b.info}`, () => {
        const all = lint(b, policy);
        const own = all.filter(f => f.ruleId === ruleId);
        const loadErrors = all.filter(f => LOAD_RULES.includes(f.ruleId) && !(b.verdict === 'flagged' && f.ruleId === ruleId));
        assert.equal(loadErrors.length, 0, `the example does not load cleanly:\n${describeFindings(loadErrors)}`);
        if (b.verdict === 'config') {
          const validate = new Ajv({ allErrors: true, strictTuples: false }).compile(configSchema(RULES));
          assert.ok(validate(JSON.parse(b.text)), `not a valid flowcop.json: ${JSON.stringify(validate.errors)}`);
          return;
        }
        if (b.verdict === 'flagged' && b.count !== undefined) {
          assert.equal(own.length, b.count, `expected ${b.count} ${ruleId} finding(s), got:\n${describeFindings(all)}`);
        } else if (b.verdict === 'flagged') {
          assert.ok(own.length > 0, `expected a ${ruleId} finding, got:\n${describeFindings(all)}`);
        } else {
          assert.equal(own.length, 0, `expected no ${ruleId} finding, got:\n${describeFindings(own)}`);
        }
      });
    }
  });
}
