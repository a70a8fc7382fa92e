// The language-server soak: the real server (server/src/server.ts, over stdio) on a temp copy of
// examples/, driven by seeded random steps: open/change (garbage included)/save/close of the example's
// files and of a decoded desktop-flow script, code actions (and their resolve) on random ranges, hovers
// on random positions, and the custom requests (environments, setEnvironment, model, lintZip, rescan,
// cancelScan). Checks: the process never exits, no request fails with an internal error, no guarded
// handler logs a failure, diagnostics lie inside their documents (checked after a rescan, when the
// published state matches the texts), and the resident memory stays flat.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ErrorCodes } from 'vscode-jsonrpc/node';
import { locateScriptInText, replaceScriptInText } from '../../../server/src/lsp/scriptFile';
import { pathToUri, uriToPath } from '../../../server/src/lsp/uri';
import { rng } from '../rng';
import { LspClient, type LspRange } from './lsp-client';
import { NASTY } from './text-arbitraries';

export interface SoakOptions {
  /** The checkout (examples/ is copied from here). */
  root: string;
  /** The transpiled server entry (server/src/server.js). */
  serverModule: string;
  steps: number;
  seed: number;
  /** Steps at which to check diagnostics and record RSS (the last step always is one). */
  checkpoints?: number[];
  /** A fixed sequence run before the random steps (minimal repros of earlier finds). */
  scenario?: 'xml-and-script-open' | 'deep-config' | 'rules-not-object';
  log?: (line: string) => void;
  /** Log every step (what, on which document), to find the step a stall or crash follows. */
  trace?: boolean;
  /** Extra Node.js options for the server process. */
  nodeArgs?: string[];
}

export interface SoakReport {
  steps: number;
  requests: number;
  notifications: number;
  diagnostics: number;
  rss: Array<{ step: number; kb: number }>;
  violations: string[];
  /** Requests answered with an error that is not an internal error (method not found, cancelled…). */
  otherErrors: Map<string, number>;
}

interface CodeActionLike {
  title: string;
  data?: unknown;
  edit?: { documentChanges?: Array<{ textDocument?: { uri: string; version: number | null }; edits: Array<{ range: LspRange }> } | { kind: string }> };
}

interface Doc {
  uri: string;
  /** The file on disk (for a decoded script: its XML file). */
  path: string;
  languageId: string;
  text: string;
  version: number;
  open: boolean;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out.sort();
}

function languageOf(p: string): string {
  if (p.endsWith('.json')) return 'json';
  if (p.endsWith('.xml')) return 'xml';
  if (p.endsWith('.robin')) return 'robin';
  return 'plaintext';
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

/** A range's problem against a text, or undefined when it lies inside. */
export function rangeProblem(text: string, range: LspRange): string | undefined {
  const starts = lineStarts(text);
  const lineLength = (line: number) => {
    const end = line + 1 < starts.length ? starts[line + 1] : text.length;
    let len = end - starts[line];
    if (line + 1 < starts.length) len -= text.slice(end - 2, end) === '\r\n' ? 2 : 1;
    return len;
  };
  for (const [name, p] of [['start', range.start], ['end', range.end]] as const) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `${name} ${JSON.stringify(p)} is negative or not an integer`;
    if (p.line >= starts.length) return `${name} line ${p.line} is past the last line (${starts.length - 1})`;
    if (p.character > lineLength(p.line)) return `${name} character ${p.character} is past the end of line ${p.line} (length ${lineLength(p.line)})`;
  }
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return 'start is after end';
  return undefined;
}

const GARBAGE = [...NASTY, '\u0000\u0001\u001b[31m', '"'.repeat(50), '<'.repeat(30), '{'.repeat(200), '&#x1F600;', 'SET X TO $\'\'\'Password=abc\'\'\'\r\n', 'x'.repeat(5000), '\r\nEND\r\n'];
/** The issue's stack-depth and regex-pumping shapes, at sizes a fixed parser handles in milliseconds. */
const HOSTILE = ['['.repeat(8000), '{"a":'.repeat(6000), '<a>'.repeat(6000), 'IF 1 = 1 THEN\r\n'.repeat(2000), `C:\\${' '.repeat(5000)}`, `Server=x;${'a;'.repeat(3000)}`];

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const random = rng(options.seed).next;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const int = (n: number) => Math.floor(random() * n);
  const log = options.log ?? (() => undefined);

  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'flowcop-soak-'));
  fs.cpSync(path.join(options.root, 'examples'), workspace, { recursive: true });
  const files = listFiles(workspace);
  const report: SoakReport = { steps: 0, requests: 0, notifications: 0, diagnostics: 0, rss: [], violations: [], otherErrors: new Map() };
  const violation = (step: number, what: string) => { if (report.violations.length < 50) report.violations.push(`step ${step}: ${what}`); };

  const docs: Doc[] = files.map(p => ({ uri: pathToUri(p), path: p, languageId: languageOf(p), text: fs.readFileSync(p, 'utf8'), version: 1, open: false }));
  // The decoded script of each desktop flow, as the client's flowcop-script: editor shows it.
  for (const p of files.filter(f => f.endsWith('.data.xml'))) {
    const text = fs.readFileSync(p, 'utf8');
    const id = /WorkflowId="\{?([0-9a-fA-F-]+)\}?"/.exec(text)?.[1];
    if (!id) continue;
    const located = locateScriptInText(text, id);
    if ('error' in located) continue;
    const uri = `flowcop-script:${encodeURI(`${p.replace(/\\/g, '/')}/${path.basename(p, '.json.data.xml')}.robin`)}?id%3D${id}`;
    docs.push({ uri, path: p, languageId: 'robin', text: located.text, version: 1, open: false });
  }
  const byUri = new Map(docs.map(d => [d.uri, d]));

  const client = new LspClient(options.serverModule, workspace, options.nodeArgs);
  /** A request timed out: the server is stuck; the soak stops there. */
  let stalled = false;
  const request = async (step: number, method: string, params: unknown): Promise<unknown> => {
    report.requests++;
    let answer: Awaited<ReturnType<LspClient['request']>>;
    try {
      answer = await client.request(method, params);
    } catch (e) {
      violation(step, `${method}: ${(e as Error).message}${client.exit ? ` (server exited: ${JSON.stringify(client.exit)})` : ''}`);
      stalled = true;
      return undefined;
    }
    if (answer.error) {
      if (answer.error.code === ErrorCodes.InternalError) violation(step, `${method} answered an internal error: ${answer.error.message}`);
      else report.otherErrors.set(`${method} ${answer.error.code}`, (report.otherErrors.get(`${method} ${answer.error.code}`) ?? 0) + 1);
    }
    return answer.result;
  };
  const notify = (method: string, params: unknown) => { report.notifications++; client.notify(method, params); };

  // Offsets between \r and \n are moved before the \r, as the server's TextDocument does.
  const snap = (text: string, o: number) => (o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10 ? o - 1 : o);
  const randomRange = (text: string): LspRange => {
    const a = snap(text, int(text.length + 1));
    const b = snap(text, Math.min(text.length, a + int(200)));
    return { start: positionAt(text, a), end: positionAt(text, b) };
  };
  const scriptTextOf = (doc: Doc): string | undefined => {
    const id = /id%3D(.*)$/.exec(doc.uri)?.[1];
    const located = id ? locateScriptInText(fs.readFileSync(doc.path, 'utf8'), id) : undefined;
    return located && !('error' in located) ? located.text : undefined;
  };

  const withOpenScripts = (filePath: string, text: string): string => {
    for (const d of docs) {
      if (!d.open || !d.uri.startsWith('flowcop-script:') || path.resolve(d.path) !== path.resolve(filePath)) continue;
      const id = /id%3D(.*)$/.exec(d.uri)?.[1] ?? '';
      const located = locateScriptInText(text, id);
      if ('error' in located || located.text === d.text) continue;
      text = replaceScriptInText({ ...located, fileText: text }, d.text);
    }
    return text;
  };

  /** The text a URI has for the server now: the open editor's, else the disk's (with open scripts merged in). */
  const currentText = (uri: string): string | undefined => {
    const doc = byUri.get(uri);
    if (doc?.open) return doc.text;
    if (!uri.startsWith('file:')) return undefined;
    const p = uriToPath(uri);
    if (!p || p.toLowerCase().endsWith('.zip') || !fs.existsSync(p) || !fs.statSync(p).isFile()) return undefined;
    return withOpenScripts(p, fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, ''));
  };

  /** A code action's edits: each range lies inside the document version it names. */
  const checkEdit = (step: number, action: CodeActionLike | undefined) => {
    for (const change of action?.edit?.documentChanges ?? []) {
      if (!('edits' in change) || !change.textDocument) continue;
      const { uri, version } = change.textDocument;
      const doc = byUri.get(uri);
      if (doc?.open && typeof version === 'number' && version !== doc.version) continue;
      const text = currentText(uri);
      if (text === undefined) continue;
      for (const e of change.edits) {
        const problem = rangeProblem(text, e.range);
        if (problem) violation(step, `code action "${action!.title}" edits ${uri.startsWith('file:') ? path.relative(workspace, uriToPath(uri)!) : uri} outside the document: ${problem}`);
      }
    }
  };

  const checkDiagnostics = (step: number) => {
    for (const [uri, diags] of client.diagnostics) {
      // The server reads an XML file with its open decoded-script editors merged in.
      const text = currentText(uri);
      if (text === undefined) continue;
      for (const d of diags) {
        const problem = rangeProblem(text, d.range);
        if (problem) violation(step, `diagnostic "${d.message.slice(0, 100)}" on ${uri.startsWith('file:') ? path.relative(workspace, uriToPath(uri)!) : uri}: ${problem}`);
      }
    }
  };

  const checkpoints = new Set(options.checkpoints ?? [200, options.steps]);
  checkpoints.add(options.steps);
  try {
    await request(0, 'initialize', {
      processId: process.pid,
      rootUri: pathToUri(workspace),
      workspaceFolders: [{ uri: pathToUri(workspace), name: 'soak' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        window: { workDoneProgress: true },
        textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } }, publishDiagnostics: {} },
      },
      initializationOptions: { environment: null, settings: { enable: true, rulesCustomizations: [], getCredentialTemplate: '' } },
    });
    notify('initialized', {});
    await request(0, 'flowcop/rescan', null);

    if (options.scenario === 'xml-and-script-open') {
      // Open a desktop flow's XML and its decoded script; add a long line to the script, unsaved.
      const script = docs.find(d => d.uri.startsWith('flowcop-script:'))!;
      const xml = docs.find(d => d.uri.startsWith('file:') && d.path === script.path)!;
      for (const d of [xml, script]) {
        d.open = true;
        notify('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: d.languageId, version: d.version, text: d.text } });
      }
      const insert = `SET Extra TO $'''${'x'.repeat(4000)}'''\r\n`;
      script.text = insert + script.text;
      script.version++;
      notify('textDocument/didChange', { textDocument: { uri: script.uri, version: script.version }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: insert }] });
      await request(0, 'flowcop/rescan', null);
      await new Promise(resolve => setTimeout(resolve, 100));
      checkDiagnostics(0);
    }

    if (options.scenario === 'deep-config' || options.scenario === 'rules-not-object') {
      // flowcop.json nested 6,000 levels deep, or with `"rules": 5` (unsaved), then the code actions of files with findings.
      const config = docs.find(d => path.basename(d.path) === 'flowcop.json')!;
      config.open = true;
      notify('textDocument/didOpen', { textDocument: { uri: config.uri, languageId: config.languageId, version: config.version, text: config.text } });
      const text = options.scenario === 'deep-config' ? '{"a":'.repeat(6000) + config.text : '{ "rules": 5 }\n';
      config.text = text;
      config.version++;
      notify('textDocument/didChange', { textDocument: { uri: config.uri, version: config.version }, contentChanges: [{ text }] });
      await request(0, 'flowcop/rescan', null);
      for (const [uri, diags] of client.diagnostics) {
        if (!diags.length || !uri.startsWith('file:')) continue;
        await request(0, 'textDocument/codeAction', { textDocument: { uri }, range: diags[0].range, context: { diagnostics: diags.slice(0, 3) } });
      }
    }
    if (client.errorLogs.length) {
      for (const e of client.errorLogs.splice(0)) violation(0, `the server logged a handler failure: ${e.split('\n').slice(0, 6).join(' | ')}`);
    }

    for (let step = 1; step <= options.steps; step++) {
      report.steps = step;
      if (client.exit) { violation(step, `the server exited: ${JSON.stringify(client.exit)}; stderr: ${client.stderr.slice(-2000)}`); break; }
      if (stalled) {
        // Keep what the editor held, to reproduce the stall without the random steps.
        const dump = fs.mkdtempSync(path.join(os.tmpdir(), `flowcop-soak-stall-${options.seed}-`));
        for (const d of docs.filter(x => x.open)) fs.writeFileSync(path.join(dump, `${path.basename(d.path)}${d.uri.startsWith('flowcop-script:') ? '.script.robin' : ''}`), d.text);
        log(`   the server stalled at step ${step - 1}; the open documents are in ${dump}`);
        break;
      }
      const doc = pick(docs);
      const r = random();
      if (options.trace) log(`   #${step} r=${r.toFixed(3)} ${doc.open ? 'open' : 'closed'} ${path.basename(doc.path)}${doc.uri.startsWith('flowcop-script:') ? ' (script)' : ''}`);
      if (r < 0.58 && !doc.open) {
        // Opening is also what a change, save or close of a closed document becomes.
        doc.open = true;
        doc.version = 1;
        notify('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId: doc.languageId, version: doc.version, text: doc.text } });
      } else if (r < 0.12) {
        // (already open: nothing to do)
      } else if (r < 0.45) {
        // A random edit: replace a random range with garbage, a copy of another part, or nothing.
        // One edit in ten puts a hostile shape where it is parsed: at the start of the document.
        const hostile = random() < 0.1;
        const range = hostile ? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } : randomRange(doc.text);
        const text = hostile ? pick(HOSTILE) : pick([pick(GARBAGE), doc.text.slice(int(doc.text.length), int(doc.text.length) + 40), '', String.fromCharCode(int(0x10000))]);
        const full = random() < 0.03;
        const a = offsetOf(doc.text, range.start);
        const b = offsetOf(doc.text, range.end);
        doc.text = full ? text : doc.text.slice(0, a) + text + doc.text.slice(b);
        doc.version++;
        notify('textDocument/didChange', { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: [full ? { text } : { range, text }] });
        if (options.trace) log(`   #${step} change ${path.basename(doc.path)}${doc.uri.startsWith('flowcop-script:') ? ' (script)' : ''} ${full ? 'whole text' : JSON.stringify(range)} ← ${JSON.stringify(text.slice(0, 60))}${text.length > 60 ? `… (${text.length} chars)` : ''}`);
      } else if (r < 0.52) {
        if (doc.uri.startsWith('file:')) fs.writeFileSync(doc.path, doc.text);
        notify('textDocument/didSave', { textDocument: { uri: doc.uri } });
        notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(doc.path), type: 2 }] });
      } else if (r < 0.58) {
        doc.open = false;
        notify('textDocument/didClose', { textDocument: { uri: doc.uri } });
        // Closed without saving: the editor shows the disk again.
        doc.text = doc.uri.startsWith('file:') ? fs.readFileSync(doc.path, 'utf8') : scriptTextOf(doc) ?? doc.text;
      } else if (r < 0.78) {
        const diags = client.diagnostics.get(doc.uri) ?? [];
        const chosen = diags.filter(() => random() < 0.5);
        const only = pick([undefined, ['quickfix'], ['source.fixAll.flowcop'], ['source'], ['refactor']]);
        const range = random() < 0.1 ? { start: { line: -1, character: 99999 }, end: { line: 1e9, character: -5 } } : randomRange(doc.text);
        const actions = await request(step, 'textDocument/codeAction', { textDocument: { uri: doc.uri }, range, context: { diagnostics: chosen, only } }) as CodeActionLike[] | undefined;
        for (const a of actions ?? []) checkEdit(step, a);
        const withData = (actions ?? []).filter(a => a && a.data);
        if (withData.length && random() < 0.5) checkEdit(step, await request(step, 'codeAction/resolve', pick(withData)) as CodeActionLike | undefined);
      } else if (r < 0.90) {
        const at = random() < 0.1 ? { line: int(1e6), character: int(1e6) } : positionAt(doc.text, int(doc.text.length + 1));
        await request(step, 'textDocument/hover', { textDocument: { uri: doc.uri }, position: at });
      } else {
        const which = int(9);
        if (which === 0) await request(step, 'flowcop/environments', null);
        else if (which === 1) await request(step, 'flowcop/model', null);
        else if (which === 2) await request(step, 'flowcop/setEnvironment', { environment: pick(['Dev', 'Prod', 'Test', null, 'nope', '', '../..']) });
        else if (which === 3) await request(step, 'flowcop/lintZip', { path: pick([path.join(workspace, 'missing.zip'), doc.path, workspace]) });
        else if (which === 4) notify('flowcop/cancelScan', null);
        else if (which === 5) await request(step, 'textDocument/codeAction', { textDocument: { uri: pick(['untitled:Untitled-1', 'flowcop-script:/nope.robin?id=1', 'file:///nonexistent/x.xml']) }, range: randomRange(''), context: { diagnostics: [] } });
        else if (which === 6) notify('workspace/didChangeConfiguration', { settings: null });
        else if (which === 7) {
          // The server registers no commands (its code actions call client commands): a forged one must fail cleanly.
          await request(step, 'workspace/executeCommand', { command: pick(['flowcop.showRuleDocumentation', 'flowcop.revealText', 'flowcop.rescan', 'x']), arguments: pick([[], [null], ['pad/plaintext-secret'], [{ uri: doc.uri }], [1e308, '\u0000']]) });
        }
        else await request(step, 'flowcop/rescan', null);
      }
      if (client.errorLogs.length) {
        for (const e of client.errorLogs.splice(0)) violation(step, `the server logged a handler failure: ${e.split('\n').slice(0, 6).join(' | ')}`);
      }
      if (checkpoints.has(step)) {
        // After a rescan the published diagnostics match the texts the server read.
        await request(step, 'flowcop/rescan', null);
        await new Promise(resolve => setTimeout(resolve, 100));
        checkDiagnostics(step);
        const kb = client.rssKb();
        if (kb !== undefined) report.rss.push({ step, kb });
        log(`   step ${step}: RSS ${kb === undefined ? '?' : `${(kb / 1024).toFixed(1)} MB`}, ${report.requests} requests, ${client.publications} publications, ${report.violations.length} violations`);
      }
    }
    if (client.exit) violation(report.steps, `the server exited: ${JSON.stringify(client.exit)}`);
  } finally {
    report.diagnostics = client.publications;
    await client.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  return report;
}

function offsetOf(text: string, p: { line: number; character: number }): number {
  const starts = lineStarts(text);
  return Math.min(text.length, starts[Math.min(p.line, starts.length - 1)] + p.character);
}
