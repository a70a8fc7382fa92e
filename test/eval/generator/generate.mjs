#!/usr/bin/env node
// Writes the evaluation tree (test/eval/tree/), its ground truth (test/eval/labels.json) and the
// documented traps (test/eval/negatives.json) from the content modules beside this file.
//
//   node test/eval/generator/generate.mjs          regenerate everything (deletes tree/ first)
//   node test/eval/generator/generate.mjs --check  fail if the committed output differs
//
// The content modules hold the files as an engineer would commit them, with markers (see lib.mjs)
// on the lines a reviewer would point at. The markers are stripped here; what is committed is plain.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { extractMarks } from './lib.mjs';

import invoiceIntake from './invoice-intake.mjs';
import hrOnboarding from './hr-onboarding.mjs';
import sapPosting from './sap-posting.mjs';
import mainframeLookup from './mainframe-lookup.mjs';
import supplierSync from './supplier-sync.mjs';
import emailTriage from './email-triage.mjs';
import creditCheck from './credit-check.mjs';
import standalone from './standalone.mjs';
import repoFiles from './repo.mjs';
import payrollYaml from './payroll-yaml.mjs';
import expensePackage from './expense-package.mjs';
import payslipV1 from './payslip-v1.mjs';
import vendorPayments from './vendor-payments.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const evalDir = path.resolve(here, '..');
const treeDir = path.join(evalDir, 'tree');

class Ctx {
  constructor() {
    /** rel path → Buffer | string (clean) */
    this.outputs = new Map();
    /** every mark with its location */
    this.marks = [];
    /** Label-id series of the content being built ('' → L/N ids; issue 13's governance content → G/GN ids, so earlier ids stay put). */
    this.series = '';
  }

  /** A text file (markers stripped; marks located by file and line). */
  file(rel, text) {
    const { text: clean, marks } = extractMarks(text);
    for (const m of marks) this.marks.push({ ...m, file: rel, series: m.series ?? this.series });
    this.outputs.set(rel, clean);
    return clean;
  }

  /** The same, written with CRLF line breaks (Git integration's YAML and JSON files). */
  fileCrlf(rel, text) {
    const { text: clean, marks } = extractMarks(text.replace(/\r\n/g, '\n'));
    for (const m of marks) this.marks.push({ ...m, file: rel, series: m.series ?? this.series });
    const crlf = clean.replace(/\n/g, '\r\n');
    this.outputs.set(rel, crlf);
    return crlf;
  }

  /**
   * A desktop-flow script stored inside a <Definition> element: marks are located by flow name and
   * script line. Returns the clean script with CRLF line breaks (as Power Automate stores it).
   */
  script(text, { flow, file }) {
    const { text: clean, marks } = extractMarks(text.replace(/\r\n/g, '\n'));
    for (const m of marks) this.marks.push({ ...m, file, flow, scriptLine: m.line, line: undefined, series: m.series ?? this.series });
    return clean.replace(/\n/g, '\r\n');
  }

  /** A packed solution: entries are text files with markers, located as `<zip>!/<entry>`. */
  zip(rel, entries) {
    const AdmZip = require('adm-zip');
    const zip = new AdmZip();
    const stamp = new Date(2025, 0, 14, 9, 30, 0);
    for (const [entry, text] of Object.entries(entries)) {
      const { text: clean, marks } = extractMarks(text);
      for (const m of marks) this.marks.push({ ...m, file: `${rel}!/${entry}`, series: m.series ?? this.series });
      zip.addFile(entry, Buffer.from(clean, 'utf8'));
      zip.getEntry(entry).header.time = stamp;
    }
    this.outputs.set(rel, zip.toBuffer());
  }

  /** Script marks already collected for an entry inside a zip: fix their file to the zip form. */
  relocate(fromFile, toFile) {
    for (const m of this.marks) if (m.file === fromFile) m.file = toFile;
  }
}

function buildLabels(marks) {
  const positives = [];
  const negatives = [];
  const byKey = new Map();
  const alternatives = [];
  const where = m => (m.flow ? { file: m.file, flow: m.flow, scriptLine: m.scriptLine } : { file: m.file, line: m.line });
  for (const m of marks) {
    if (m.kind === '+') {
      const label = { series: m.series, category: m.category, rule: m.rule, ...where(m), note: m.note };
      positives.push(label);
      if (m.key) {
        if (byKey.has(m.key)) throw new Error(`label key @${m.key} used twice`);
        byKey.set(m.key, label);
      }
    } else if (m.kind === '-') {
      negatives.push({ series: m.series, category: m.category, ...(m.rule ? { rule: m.rule } : {}), ...where(m), note: m.note });
    } else {
      alternatives.push(m);
    }
  }
  for (const alt of alternatives) {
    const label = byKey.get(alt.key);
    if (!label) throw new Error(`alternative ⟦~${alt.key}⟧ in ${alt.file} names no label`);
    const sameScript = label.flow && alt.flow === label.flow;
    const sameFile = !label.flow && !alt.flow && alt.file === label.file;
    if (sameScript) {
      label.scriptLines = [...new Set([...(label.scriptLines ?? [label.scriptLine]), alt.scriptLine])].sort((a, b) => a - b);
    } else if (sameFile) {
      label.lines = [...new Set([...(label.lines ?? [label.line]), alt.line])].sort((a, b) => a - b);
    } else {
      (label.also ??= []).push(where(alt));
    }
  }
  for (const label of positives) {
    if (!label.also) continue;
    const merged = new Map();
    for (const w of label.also) {
      const k = w.flow ? `${w.flow}#` : `${w.file}:`;
      const m = merged.get(k);
      if (!m) merged.set(k, { ...w });
      else if (w.flow) m.scriptLines = [...new Set([...(m.scriptLines ?? [m.scriptLine]), w.scriptLine])].sort((x, y) => x - y);
      else m.lines = [...new Set([...(m.lines ?? [m.line]), w.line])].sort((x, y) => x - y);
    }
    label.also = [...merged.values()];
  }
  const order = (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)
    || (a.flow ?? '').localeCompare(b.flow ?? '')
    || ((a.line ?? a.scriptLine) - (b.line ?? b.scriptLine))
    || a.category.localeCompare(b.category);
  positives.sort(order);
  negatives.sort(order);
  const number = (list, prefix) => {
    const series = [...new Set(list.map(l => l.series))].sort();
    return series.flatMap(s => list.filter(l => l.series === s)
      .map(({ series: _, ...l }, i) => ({ id: `${s}${prefix}${String(i + 1).padStart(3, '0')}`, ...l })));
  };
  return { labels: number(positives, 'L'), negatives: number(negatives, 'N') };
}

function checkUnique(labels) {
  // Two labels of one category (or one alm rule) at the same place could not be told apart.
  const seen = new Map();
  for (const l of labels) {
    const places = [l.flow ? `${l.flow}#${l.scriptLine}` : `${l.file}:${l.line}`];
    for (const p of places) {
      const k = `${p}|${l.category === 'alm' ? l.rule : l.category}`;
      if (seen.has(k)) throw new Error(`labels ${seen.get(k)} and ${l.id} share ${k}`);
      seen.set(k, l.id);
    }
  }
}

function main() {
  const check = process.argv.includes('--check');
  const ctx = new Ctx();
  for (const build of [repoFiles, invoiceIntake, hrOnboarding, sapPosting, mainframeLookup, supplierSync, emailTriage, creditCheck, standalone, payrollYaml, expensePackage, payslipV1]) build(ctx);
  ctx.series = 'G';
  vendorPayments(ctx);
  const { labels, negatives } = buildLabels(ctx.marks);
  checkUnique(labels);
  for (const [rel, content] of ctx.outputs) {
    if (typeof content === 'string' && /[⟦⟧]/.test(content)) throw new Error(`marker left in ${rel}`);
  }
  const labelsJson = JSON.stringify(labels, null, 2) + '\n';
  const negativesJson = JSON.stringify(negatives, null, 2) + '\n';

  if (check) {
    let diff = 0;
    for (const [rel, content] of ctx.outputs) {
      const p = path.join(treeDir, rel);
      const existing = fs.existsSync(p) ? fs.readFileSync(p) : undefined;
      const same = existing && (typeof content === 'string' ? existing.toString('utf8') === content : rel.endsWith('.zip') || existing.equals(content));
      if (!same) { console.error(`differs: tree/${rel}`); diff++; }
    }
    if (fs.readFileSync(path.join(evalDir, 'labels.json'), 'utf8') !== labelsJson) { console.error('differs: labels.json'); diff++; }
    if (fs.readFileSync(path.join(evalDir, 'negatives.json'), 'utf8') !== negativesJson) { console.error('differs: negatives.json'); diff++; }
    process.exitCode = diff ? 1 : 0;
    return;
  }

  fs.rmSync(treeDir, { recursive: true, force: true });
  for (const [rel, content] of ctx.outputs) {
    const p = path.join(treeDir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  fs.writeFileSync(path.join(evalDir, 'labels.json'), labelsJson);
  fs.writeFileSync(path.join(evalDir, 'negatives.json'), negativesJson);

  const count = (list, key) => list.reduce((acc, l) => ((acc[l[key]] = (acc[l[key]] ?? 0) + 1), acc), {});
  console.log(`wrote ${ctx.outputs.size} files under test/eval/tree`);
  console.log(`labels: ${labels.length}`, count(labels, 'category'));
  console.log('alm rules:', count(labels.filter(l => l.category === 'alm'), 'rule'));
  console.log('rules:', count(labels.filter(l => l.category !== 'alm'), 'rule'));
  console.log(`negatives: ${negatives.length}`, count(negatives, 'category'));
}

main();
