#!/usr/bin/env node
// Deterministic benchmark trees (issue 14): the same size and seed give the same bytes on every run.
//   node scripts/bench/generate-tree.mjs --size S|M|L|FIX --out DIR [--seed N]
// L ≈ 2,000 cloud flows of 30–60 actions, 500 desktop flows of 300–500 lines, 300 environment variables,
// 3 environments, 20 solutions (a few in the YAML layout, a few packed); M is a quarter of L, S a
// sixteenth. FIX is a small tree whose only fixable findings are 200 planted ones (for `lint --fix`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from './prng.mjs';
import { CONNECTORS, cloudFlowJson } from './tree-cloud.mjs';
import { desktopFlowName, desktopScript } from './tree-desktop.mjs';
import { solutionFiles } from './tree-layouts.mjs';

export const ENVIRONMENTS = ['Dev', 'Test', 'Prod'];
export const DEFAULT_SEED = 14;

/** Planted findings per flow: the chance of each kind (a handful per solution, as real trees have). */
const RATES = {
  cloud: { secret: 0.02, url: 0.04, machine: 0.02 },
  desktop: { secret: 0.08, machine: 0.05, path: 0.08, url: 0.05 },
};
const NO_RATES = { cloud: {}, desktop: {} };

export const SIZES = {
  L: { solutions: 20, cloudFlows: 2000, desktopFlows: 500, envVars: 300, rates: RATES },
  M: { solutions: 5, cloudFlows: 500, desktopFlows: 125, envVars: 75, rates: RATES },
  // Four solutions, one per layout, so S exercises every layout L has (two would leave out .zip and cdsproj).
  S: { solutions: 4, cloudFlows: 125, desktopFlows: 31, envVars: 19, rates: RATES },
  // Every fixable finding is planted: 100 Dev URLs in cloud flows, 50 file-server paths and 50 user folders in scripts.
  FIX: { solutions: 2, cloudFlows: 40, desktopFlows: 20, envVars: 10, rates: NO_RATES, fixable: { cloud: { url: 100 }, desktop: { machine: 50, path: 50 } } },
};

/** A few YAML-layout and packed solutions among the unpacked ones (L: 3 YAML, 3 zip, 3 cdsproj). */
const LAYOUT_CYCLE = ['unpacked', 'yaml', 'zip', 'cdsproj', 'unpacked', 'unpacked', 'unpacked'];
const AREAS = ['Finance', 'Sales', 'People', 'Supply', 'Service', 'Legal', 'Fleet', 'Retail', 'Energy', 'Health'];
const VAR_KINDS = ['SiteUrl', 'Mailbox', 'WorkFolder', 'PortalUrl', 'ApiBase', 'BatchSize'];

/** Splits `total` over `parts` as evenly as possible (the first ones get the remainder). */
const spread = (total, parts) => Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));

/** Distributes `count` plants of `kind` over `flows` round-robin, numbering them from `seq`. */
function plantFixable(flows, fixable, seqStart) {
  let seq = seqStart;
  let i = 0;
  for (const [kind, count] of Object.entries(fixable ?? {})) {
    for (let k = 0; k < count; k++) flows[i++ % flows.length].plants.push({ kind, seq: seq++ });
  }
  return seq;
}

/** What a tree holds, without its content: counts per solution and per flow. Cheap for any size. */
export function planTree(size, seed = DEFAULT_SEED) {
  const params = typeof size === 'string' ? SIZES[size] : size;
  if (!params) throw new Error(`unknown size ${size} (one of ${Object.keys(SIZES).join(', ')})`);
  const rng = createRng(seed).fork('plan');
  const cloud = spread(params.cloudFlows, params.solutions);
  const desktop = spread(params.desktopFlows, params.solutions);
  const vars = spread(params.envVars, params.solutions);
  let seq = 1;
  const plantsOf = rates => Object.entries(rates).filter(([, p]) => rng.chance(p)).map(([kind]) => ({ kind, seq: seq++ }));
  const solutions = Array.from({ length: params.solutions }, (_, i) => {
    const area = AREAS[i % AREAS.length];
    const prefix = `c${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26) % 26)}`;
    return {
      uniqueName: `Contoso${area}${i + 1}`,
      displayName: `Contoso ${area} ${i + 1}`,
      area,
      prefix,
      layout: params.fixable ? ['unpacked', 'cdsproj'][i % 2] : LAYOUT_CYCLE[i % LAYOUT_CYCLE.length],
      cloudFlows: Array.from({ length: cloud[i] }, () => ({ actions: rng.int(30, 60), plants: plantsOf(params.rates.cloud) })),
      desktopFlows: Array.from({ length: desktop[i] }, () => ({ lines: rng.int(300, 500), plants: plantsOf(params.rates.desktop) })),
      envVars: vars[i],
    };
  });
  if (params.fixable) {
    seq = plantFixable(solutions.flatMap(s => s.cloudFlows), params.fixable.cloud, seq);
    plantFixable(solutions.flatMap(s => s.desktopFlows), params.fixable.desktop, seq);
  }
  const count = f => solutions.reduce((n, s) => n + f(s), 0);
  const totals = {
    solutions: solutions.length,
    cloudFlows: count(s => s.cloudFlows.length),
    desktopFlows: count(s => s.desktopFlows.length),
    envVars: count(s => s.envVars),
    environments: ENVIRONMENTS.length,
    layouts: Object.fromEntries(['unpacked', 'cdsproj', 'yaml', 'zip'].map(l => [l, solutions.filter(s => s.layout === l).length])),
    plantedFindings: count(s => [...s.cloudFlows, ...s.desktopFlows].reduce((n, f) => n + f.plants.length, 0)),
  };
  return { size: typeof size === 'string' ? size : 'custom', seed, environments: ENVIRONMENTS, solutions, totals };
}

/** The environment variables of one solution, their per-environment values and a few committed ones. */
function environmentVariables(rng, s, count) {
  return Array.from({ length: count }, (_, k) => {
    const kind = VAR_KINDS[k % VAR_KINDS.length];
    const v = { schemaName: `${s.prefix}_${kind}${k}`, displayName: `${s.area} ${kind} ${k}`, kind, type: kind === 'BatchSize' ? 100000001 : 100000000, valueId: rng.guid() };
    if (kind === 'BatchSize') v.defaultValue = String(rng.int(10, 500));
    // A committed current value travels with the solution into every environment (a finding).
    if (!s.fixable && rng.chance(0.07)) v.committedValue = envValue(s, v, 'Dev');
    return v;
  });
}

function envValue(s, v, env) {
  const e = env.toLowerCase();
  const a = s.area.toLowerCase();
  switch (v.kind) {
    case 'SiteUrl': return `https://contoso.sharepoint.com/sites/${s.area}-${env}`;
    case 'Mailbox': return `${a}-${e}@contoso.com`;
    case 'WorkFolder': return `D:\\RPA\\${env}\\${s.area}`;
    case 'PortalUrl': return `https://portal-${e}.contoso.com/${a}`;
    case 'ApiBase': return `https://api-${e}.contoso.com/${a}`;
    default: return String(v.defaultValue);
  }
}

/** One solution with its content, ready for a layout writer. */
function buildSolution(root, plan, s, index) {
  const rng = root.fork(`solution-${index}`);
  const model = { ...s, fixable: !!SIZES[plan.size]?.fixable };
  model.envVars = environmentVariables(rng, model, s.envVars);
  model.connectionReferences = CONNECTORS.map(c => ({ logicalName: `${s.prefix}_${c.suffix}`, displayName: `${s.area} ${c.suffix}`, connectorId: `/providers/Microsoft.PowerApps/apis/${c.key}` }));
  model.desktopFlows = s.desktopFlows.map((f, k) => {
    const flowRng = rng.fork(`desktop-${k}`);
    return { name: `${desktopFlowName(flowRng)} ${k + 1}`, id: flowRng.guid(), script: desktopScript(flowRng, f) };
  });
  const cloudIds = s.cloudFlows.map((_, k) => rng.fork(`cloud-id-${k}`).guid());
  model.cloudFlows = s.cloudFlows.map((f, k) => {
    const flowRng = rng.fork(`cloud-${k}`);
    const json = cloudFlowJson(flowRng, {
      prefix: s.prefix, envVars: model.envVars.filter(v => v.kind !== 'BatchSize'), actions: f.actions, plants: f.plants,
      desktopFlowIds: model.desktopFlows.map(d => d.id),
      // Child flows: earlier flows of the same solution, so calls never form a cycle.
      childFlowIds: cloudIds.slice(Math.max(0, k - 5), k),
    });
    return { name: `${s.area} flow ${k + 1}`, id: cloudIds[k], json };
  });
  model.settings = Object.fromEntries(plan.environments.map(env => [env, {
    EnvironmentVariables: model.envVars.map(v => ({ SchemaName: v.schemaName, Value: envValue(model, v, env) })),
    ConnectionReferences: model.connectionReferences.map(r => ({ LogicalName: r.logicalName, ConnectionId: rng.guid().replace(/-/g, ''), ConnectorId: r.connectorId })),
  }]));
  return model;
}

/** Every file of the tree, solution by solution: [path relative to the tree, string | Buffer]. */
export function* treeFiles(plan) {
  const root = createRng(plan.seed);
  for (const [i, s] of plan.solutions.entries()) {
    for (const [rel, content] of solutionFiles(buildSolution(root, plan, s, i))) yield [`${s.uniqueName}/${rel}`, content];
  }
}

/** Writes the tree into `outDir` (which should be empty) and returns what it wrote. */
export function generateTree(size, outDir, seed = DEFAULT_SEED) {
  const plan = planTree(size, seed);
  let files = 0;
  let bytes = 0;
  for (const [rel, content] of treeFiles(plan)) {
    const p = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    files++;
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }
  return { dir: outDir, files, bytes, plan };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const option = name => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const size = option('--size') ?? 'S';
  const out = option('--out');
  if (!out || !SIZES[size]) {
    console.error(`usage: node scripts/bench/generate-tree.mjs --size ${Object.keys(SIZES).join('|')} --out DIR [--seed N]`);
    process.exit(2);
  }
  const result = generateTree(size, path.resolve(out), Number(option('--seed') ?? DEFAULT_SEED));
  console.log(JSON.stringify({ dir: result.dir, files: result.files, bytes: result.bytes, ...result.plan.totals }));
}
