// Layers point one way (issue 11, item 6): every import in server/src goes to the importer's own
// layer or a lower one, so that the model never depends on how files are read and the lint run never
// depends on how findings are printed. A failure lists each offending import with file:line.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/corpus';

const SRC = path.join(repoRoot(), 'server', 'src');

/**
 * Lowest first. A module may import its own group and any group of a lower rank; groups that share a
 * rank (report and fix) are siblings and may not import each other. Modules directly in server/src
 * (cli.ts, server.ts) are the entry points.
 */
const LAYERS: string[][] = [
  ['util'],
  ['model'],
  ['load'],
  ['discover'],
  ['analysis'],
  ['rules'],
  ['findings'],
  ['report', 'fix'],
  ['lsp'],
  ['cli'],
  ['entry'],
];

/**
 * What code outside rules/ may import from it: the rule contract, the registry and the fix kinds with
 * their data. A rule's own file and its helpers are internals; what several stages need belongs in
 * analysis/ (below rules), not borrowed from a rule.
 */
const RULES_SURFACE = [/^rules\/rule\.ts$/, /^rules\/registry\.ts$/, /^rules\/fix-kinds\.ts$/, /^rules\/[^/]+\/fix-data\.ts$/];

interface Import { file: string; line: number; target: string }

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

// Static imports and re-exports (type-only ones too, over several lines), side-effect imports and
// import() types: each names its module in a string after `from`, `import` or `import(`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1];
    if (!spec.startsWith('.')) continue;
    const line = text.slice(0, m.index).split('\n').length;
    found.push({ file: rel(file), line, target: resolveModule(path.dirname(file), spec) });
  }
  return found;
}

function rel(file: string): string {
  return path.relative(SRC, file).split(path.sep).join('/');
}

function resolveModule(fromDir: string, spec: string): string {
  const base = path.resolve(fromDir, spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return rel(candidate);
  }
  return rel(base);
}

function groupOf(module: string): string {
  return module.includes('/') ? module.split('/')[0] : 'entry';
}

function rankOf(group: string): number {
  return LAYERS.findIndex(layer => layer.includes(group));
}

/** Why an import breaks the layering, or undefined when it is fine. */
function violation(imp: Import): string | undefined {
  const from = groupOf(imp.file);
  const to = groupOf(imp.target);
  if (imp.target.startsWith('..')) return `${imp.target} is outside server/src`;
  const fromRank = rankOf(from);
  const toRank = rankOf(to);
  if (fromRank < 0) return `${from}/ has no layer in the table`;
  if (toRank < 0) return `${to}/ has no layer in the table`;
  if (from === to) return undefined;
  if (toRank > fromRank) return `${from}/ may not import the higher layer ${to}/`;
  if (toRank === fromRank) return `${from}/ and ${to}/ are siblings and may not import each other`;
  if (to === 'rules' && !RULES_SURFACE.some(r => r.test(imp.target))) {
    return `${from}/ may use rules/ only through rule.ts, registry.ts, fix-kinds.ts and */fix-data.ts`;
  }
  return undefined;
}

const IMPORTS = sourceFiles(SRC).flatMap(importsOf);

test('the import scan sees the whole pipeline', () => {
  // Guards the scan itself: a broken pattern would find nothing and pass vacuously.
  const groups = new Set(IMPORTS.map(i => groupOf(i.file)));
  for (const layer of LAYERS) for (const g of layer) assert.ok(groups.has(g), `no import found in ${g}`);
  assert.ok(IMPORTS.length > 300, `only ${IMPORTS.length} imports found`);
});

test('the layer check recognises an upward import and a rule internal', () => {
  assert.match(violation({ file: 'model/types.ts', line: 1, target: 'load/vfs.ts' }) ?? '', /higher layer load/);
  assert.match(violation({ file: 'findings/lint.ts', line: 1, target: 'report/paths.ts' }) ?? '', /higher layer report/);
  assert.match(violation({ file: 'fix/pad.ts', line: 1, target: 'rules/pad/analysis.ts' }) ?? '', /only through/);
  assert.match(violation({ file: 'fix/run.ts', line: 1, target: 'report/text.ts' }) ?? '', /siblings/);
  assert.equal(violation({ file: 'fix/run.ts', line: 1, target: 'rules/registry.ts' }), undefined);
  assert.equal(violation({ file: 'rules/pad/syntax.ts', line: 1, target: 'model/pad-ast.ts' }), undefined);
});

test('every import in server/src goes to its own layer or a lower one', () => {
  const bad = IMPORTS.flatMap(i => {
    const why = violation(i);
    return why ? [`  server/src/${i.file}:${i.line} imports ${i.target}: ${why}`] : [];
  });
  assert.equal(bad.length, 0, `${bad.length} import(s) break the layering (${LAYERS.map(l => l.join('|')).join(' < ')}):\n${bad.join('\n')}`);
});
