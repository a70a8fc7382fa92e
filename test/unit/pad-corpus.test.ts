// Every desktop-flow script of the shared real-world corpus parses, and the sniffer accepts every .txt
// script. Skips with a message when ../shared/corpus is not beside the checkout.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseScript } from '../../server/src/load/pad/parser';
import { looksLikeScript } from '../../server/src/load/pad/sniff';
import { walkExpressions, walkStatements } from '../../server/src/load/pad/walk';
import type { Expr, ScriptAst } from '../../server/src/model/pad-ast';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}

const corpus = join(repoRoot(), '..', 'shared', 'corpus');
const SKIP = `corpus not found at ${corpus} (it lives beside the checkout in CI)`;

function filesUnder(dir: string, accept: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, accept));
    else if (accept(path)) out.push(path);
  }
  return out;
}

/** Simple <Definition> decoding for the test (the real decoder with positions is load/definition.ts). */
function definitions(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<Definition>([\s\S]*?)<\/Definition>/g)) {
    let text = m[1].replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) => {
      const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
      if (named[e]) return named[e];
      return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    });
    if (text.startsWith('"')) text = JSON.parse(text) as string;
    out.push(text);
  }
  return out;
}

interface Script {
  name: string;
  text: string;
}

function corpusScripts(): Script[] {
  const read = (path: string) => readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const scripts: Script[] = [];
  for (const path of filesUnder(join(corpus, 'pad-scripts'), p => /\.(robin|txt)$/.test(p))) scripts.push({ name: relative(corpus, path), text: read(path) });
  const framework = join(corpus, 'solutions', 'AgniusBartninkas__power-automate-desktop-framework', 'src');
  for (const path of filesUnder(join(framework, 'flows'), p => p.endsWith('.txt'))) scripts.push({ name: relative(corpus, path), text: read(path) });
  const xmls = [
    ...filesUnder(join(framework, 'solutions'), p => p.endsWith('customizations.xml')),
    ...filesUnder(join(corpus, 'autosysops__PowerShell_PowerPlatformChecker'), p => p.endsWith('.json.data.xml')),
  ];
  for (const path of xmls) {
    definitions(read(path)).forEach((text, i) => scripts.push({ name: `${relative(corpus, path)}#Definition${i + 1}`, text }));
  }
  return scripts;
}

/**
 * Lines of the corpus that are not valid desktop-flow script, each with the evidence. Everything else
 * must parse with zero problems.
 */
const KNOWN_BAD: Record<string, Array<{ line: string; message: string }>> = {
  // A hand-written PowerShell test fixture (GUIDs ffffffff-…): the checker it tests splits definitions on
  // `;` and documents `DISPLAY Message='x';WRITE Text='y'` as input. No PAD statement WRITE exists (no
  // keyword, no Module.Action id, `=` instead of `: `) in PAD exports, the action catalogue or the
  // paste-validated knowledge base.
  'autosysops__PowerShell_PowerPlatformChecker/tests/fixtures/desktop-flowchart-solution/Managed/Workflows/DesktopFlow-PdfwRegression-ffffffff-ffff-ffff-ffff-ffffffffffff.json.data.xml#Definition1': [
    { line: "WRITE Text='Done'", message: "unknown statement 'WRITE'" },
  ],
  // `C:\Dir\%Var%`: PAD rejects a single backslash before a variable (paste probe S31; the KB checker
  // flags it). The KB author fixed these very flows to `\\%Var%` in a later commit (db71ed3f).
  'pad-scripts/JoeG592__pad-robin-action-kb__marketing_video_flows_02-outlook-attachments.robin': [
    { line: "SET AttachmentFolder TO $'''C:\\Attachments\\%Today%'''", message: 'backslash' },
  ],
  'pad-scripts/JoeG592__pad-robin-action-kb__marketing_video_flows_03-monthly-invoice-report.robin': [
    { line: "IF (Folder.IfFolderExists.DoesNotExist Path: $'''C:\\Reports\\%FormattedDateTime%''') THEN", message: 'backslash' },
    { line: "Excel.CloseExcel.CloseAndSaveAs Instance: ExcelInstance XmlMapName: $'''''' DocumentPath: $'''C:\\Reports\\%FormattedDateTime%\\Invoice summary.xlsx''' DocumentFormat: Excel.ExcelFormat.FromExtension", message: 'backslash' },
    { line: "Compression.ZipFiles ArchivePath: $'''C:\\Reports\\%FormattedDateTime%\\Invoices.zip''' FilesOrFoldersToZip: Files CompressionLevel: Compression.CompressionLevel.BestBalanceOfSpeedAndCompression ArchiveComment: $'''''' Password: $'''''' ZipFile=> ZipFile", message: 'backslash' },
  ],
  'pad-scripts/JoeG592__pad-robin-action-kb__marketing_video_flows_04-sales-api-report.robin': [
    { line: "SET ReportFolder TO $'''C:\\Reports\\Sales\\%ReportDate%'''", message: 'backslash' },
  ],
  // Hand-edited markdown example (the corpus notes say so), same single backslash before %Var%.
  'pad-scripts/botpros-admin__power-automate-desktop-reference__examples_subflow-examples_create-directories.md.codeblock.robin': [
    { line: "    IF (Folder.IfFolderExists.DoesNotExist Path: $'''%DocFolderPath%\\Power Automate\\%FileContents%''') THEN", message: 'backslash' },
    { line: "    SET filePath TO $'''%DocFolderPath%\\Power Automate\\%FileContents%'''", message: 'backslash' },
  ],
};

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

/** Spans inside the text, and names that match the text their spans cover. */
function checkSpans(name: string, text: string, ast: ScriptAst): void {
  const inside = (span: { start: number; end: number }, what: string) =>
    assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${name}: ${what} span out of range`);
  const expr = (e: Expr) =>
    walkExpressions(e, x => {
      inside(x.span, x.kind);
      if (x.kind === 'var') assert.equal(text.slice(x.span.start, x.span.end), x.name, `${name}: variable span`);
      if (x.kind === 'dotted') assert.equal(text.slice(x.span.start, x.span.end), x.name, `${name}: enum span`);
      if (x.kind === 'string') for (const p of x.parts) if (p.kind === 'text' && !p.offsets) assert.equal(text.slice(p.span.start, p.span.end), p.value, `${name}: text part`);
    });
  walkStatements(ast, s => {
    inside(s.span, s.kind);
    if (s.kind === 'action') {
      assert.equal(text.slice(s.idSpan.start, s.idSpan.end), s.id, `${name}: action id span`);
      for (const a of s.args) {
        if (!text.startsWith("'", a.nameSpan.start)) assert.equal(text.slice(a.nameSpan.start, a.nameSpan.end), a.name, `${name}: argument name span`);
        expr(a.value);
      }
      for (const o of s.outputs) assert.equal(text.slice(o.variableSpan.start, o.variableSpan.end), o.variable, `${name}: output span`);
    }
    if (s.kind === 'set') {
      assert.equal(text.slice(s.variableSpan.start, s.variableSpan.end), s.variable, `${name}: SET variable span`);
      expr(s.value);
    }
  });
  for (const f of ast.functions) {
    const written = text.slice(f.nameSpan.start, f.nameSpan.end);
    assert.ok(written === f.name || written === `'${f.name}'`, `${name}: function name span`);
  }
}

describe('corpus', () => {
  const available = existsSync(corpus);
  const scripts = available ? corpusScripts() : [];

  test('the corpus holds the expected kinds of scripts', t => {
    if (!available) return t.skip(SKIP);
    const count = (re: RegExp) => scripts.filter(s => re.test(s.name)).length;
    assert.ok(count(/\.robin$/) >= 10, 'pad-scripts/*.robin');
    assert.ok(count(/src[\\/]flows[\\/].*\.txt$/) >= 50, 'framework flow copies');
    assert.ok(count(/customizations\.xml#Definition/) >= 10, 'definitions in customizations.xml');
    assert.ok(count(/\.json\.data\.xml#Definition/) >= 1, 'autosysops definition');
  });

  test('every script parses; the only problems are the known invalid lines', t => {
    if (!available) return t.skip(SKIP);
    const unexpected: string[] = [];
    for (const script of scripts) {
      const ast = parseScript(script.text);
      const got = ast.problems.map(p => ({ line: lineAt(script.text, p.span.start), message: p.message }));
      const expected = KNOWN_BAD[script.name] ?? [];
      const matches = got.length === expected.length && got.every((g, i) => g.line === expected[i].line && g.message.includes(expected[i].message));
      if (!matches) unexpected.push(`${script.name}:\n${got.map(g => `    ${g.message}: ${g.line}`).join('\n') || '    (no problems)'}`);
    }
    assert.deepEqual(unexpected, []);
  });

  test('every known-invalid corpus file is still in the corpus', t => {
    if (!available) return t.skip(SKIP);
    const names = new Set(scripts.map(s => s.name));
    for (const name of Object.keys(KNOWN_BAD)) assert.ok(names.has(name), `missing ${name}`);
  });

  test('spans stay inside the script and cover what they name', t => {
    if (!available) return t.skip(SKIP);
    for (const script of scripts) checkSpans(script.name, script.text, parseScript(script.text));
  });

  test('subflows, headers and declarations of the stored definitions are found', t => {
    if (!available) return t.skip(SKIP);
    const stored = scripts.filter(s => s.name.includes('customizations.xml#'));
    for (const script of stored) {
      const ast = parseScript(script.text);
      assert.equal(ast.headers.length, 4, `${script.name}: four @@ header lines`);
      assert.ok(ast.imports.length >= 1, `${script.name}: IMPORT lines`);
      assert.ok(ast.functions.length >= 1 || ast.body.length >= 1, `${script.name}: statements`);
    }
  });

  test('the sniffer accepts every .txt script', t => {
    if (!available) return t.skip(SKIP);
    const txt = scripts.filter(s => s.name.endsWith('.txt'));
    assert.ok(txt.length > 0);
    assert.deepEqual(txt.filter(s => !looksLikeScript(s.text)).map(s => s.name), []);
  });

  test('the sniffer accepts the .robin scripts and the stored definitions too', t => {
    if (!available) return t.skip(SKIP);
    assert.deepEqual(scripts.filter(s => !s.name.endsWith('.txt') && !looksLikeScript(s.text)).map(s => s.name), []);
  });

  test('the sniffer rejects the corpus files that are not scripts', t => {
    if (!available) return t.skip(SKIP);
    const others = [
      ...filesUnder(join(corpus, 'pad-scripts'), p => /\.(json|xml)$/.test(p)),
      ...filesUnder(corpus, p => /\.md$/.test(p)),
    ];
    assert.ok(others.length > 0);
    assert.deepEqual(others.filter(p => looksLikeScript(readFileSync(p, 'utf8'))).map(p => relative(corpus, p)), []);
  });
});
