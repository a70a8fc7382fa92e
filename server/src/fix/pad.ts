// Fixes for desktop-flow findings:
//   pad/plaintext-secret, pad/secret-input-variable → the Get credential action (its script text comes
//     from one template, overridable) replaces the literal, the variable that held it or the input;
//   pad/sensitive-not-marked → the variable joins @SENSITIVE (and `"format":"password"` in <Inputs>/<Outputs>);
//   pad/environment-specific-path, pad/environment-specific-url, pad/hardcoded-machine → an @INPUT
//     variable, fed by the calling cloud flows from an environment variable.
// Script edits are made in script offsets and re-encoded for the <Definition> they live in.
import { encodeForDefinition } from '../load/definition';
import type { Expr, ScriptAst, Statement, StringLit, VariableDeclaration } from '../load/pad/ast';
import { parseScript } from '../load/pad/parser';
import { statementExpressions, StatementContext, walkExpressions, walkStatements } from '../load/pad/walk';
import { prop, stringValue } from '../load/json';
import { attr, children, decodeEntities, escapeXml, parseXml, XmlElement } from '../load/xml';
import { normalizeGuid } from '../load/solution';
import type { CloudFlow, DesktopFlow, FlowAction, Script, Solution, StandaloneScript } from '../model/types';
import type { Finding } from '../findings/finding';
import { analyzeScript, flatten } from '../rules/pad/analysis';
import type { ScriptUnit } from '../rules/rule';
import { dominantEol, Span } from '../util/text';
import { ChangeBuilder, FixError } from './change';
import { activeSettings, createDefinition, ensureFlowParameter, ensureSettingsEntries, findReusable, newSchemaName, parameterKey, parametersCall } from './envvar';
import { Fix, FixContext, lazyFix } from './fix';
import { pascalCase, schemaBody, titleCase, unique, wordsOf } from './names';

/**
 * The script text of the Get credential action. Its exact text is not published: confirm it by copying
 * the action once from the designer, and override it with `getCredentialTemplate` in flowcop.json or
 * the editor setting `flowcop.getCredentialTemplate`. `${credential}` is the credential's name in
 * Power Automate, `${variable}` the Credential variable the action produces.
 */
export const DEFAULT_GET_CREDENTIAL_TEMPLATE = "PowerAutomateSecretVariables.GetCredential Credential: $'''${credential}''' Credential=> ${variable}";

export function padFixes(finding: Finding, ctx: FixContext): Fix[] {
  const out: Array<Fix | undefined> = [];
  switch (finding.ruleId) {
    case 'pad/plaintext-secret':
    case 'pad/secret-input-variable':
      out.push(getCredentialFix(finding, ctx));
      break;
    case 'pad/sensitive-not-marked':
      out.push(markSensitiveFix(finding));
      break;
    case 'pad/environment-specific-path':
    case 'pad/environment-specific-url':
    case 'pad/hardcoded-machine':
      out.push(inputVariableFix(finding, ctx));
      break;
  }
  return out.filter((f): f is Fix => !!f);
}

// ---------------------------------------------------------------------------------------------
// The script of a finding, and edits in script offsets

interface ScriptTarget {
  script: Script;
  desktopFlow?: DesktopFlow;
  solution?: Solution;
  standalone?: StandaloneScript;
  unit: ScriptUnit;
  span: Span;
  eol: string;
}

function targetOf(finding: Finding): ScriptTarget | undefined {
  const script = finding.owner.script;
  if (!script || !finding.scriptSpan) return undefined;
  if (script.file.entry) return undefined;
  const desktopFlow = finding.owner.desktopFlow;
  const standalone = finding.owner.standalone;
  const solution = finding.owner.solution;
  const unit: ScriptUnit = { script, desktopFlow, solution, standalone, name: desktopFlow?.name ?? standalone?.name ?? '' };
  return { script, desktopFlow, solution, standalone, unit, span: finding.scriptSpan, eol: dominantEol(script.text) };
}

/** Edits of one script, in script offsets, written through the source map and the definition's encoding. */
export class ScriptEdits {
  private readonly edits: Array<{ span: Span; text: string; order: number; seq: number }> = [];
  constructor(readonly script: Script) {}

  /** `order` ranks insertions at one offset (lower first: header lines before statements). */
  replace(span: Span, text: string, order = 0): void {
    const insertion = span.start === span.end;
    for (const e of this.edits) {
      const bothInsert = insertion && e.span.start === e.span.end;
      if (bothInsert) continue;
      if (Math.max(e.span.start, span.start) < Math.min(e.span.end, span.end) || (e.span.start === span.start && e.span.end === span.end)) {
        throw new FixError('the fix would edit the same part of the script twice');
      }
    }
    this.edits.push({ span, text, order, seq: this.edits.length });
  }

  insert(offset: number, text: string, order = 0): void {
    this.replace({ start: offset, end: offset }, text, order);
  }

  /** Inserts a whole line (ending with `eol`) at a line start; at the end of a last line without a break, one is added first. */
  insertLine(offset: number, line: string, eol: string, order = 0): void {
    const t = this.script.text;
    const needsBreak = offset === t.length && t.length > 0 && !t.endsWith('\n');
    this.insert(offset, needsBreak ? `${eol}${line.replace(/(\r?\n)$/, '')}` : line, order);
  }

  flush(b: ChangeBuilder): void {
    const s = this.script;
    const sorted = [...this.edits].sort((x, y) => x.span.start - y.span.start || (x.span.end - x.span.start) - (y.span.end - y.span.start) || x.order - y.order || x.seq - y.seq);
    // Insertions at one offset become one edit, in order.
    const merged: Array<{ span: Span; text: string }> = [];
    for (const e of sorted) {
      const last = merged[merged.length - 1];
      if (last && last.span.start === last.span.end && e.span.start === e.span.end && last.span.start === e.span.start) last.text += e.text;
      else merged.push({ span: e.span, text: e.text });
    }
    for (const e of merged) {
      const fileSpan = s.map.toFileSpan(e.span);
      b.replace(s.file, fileSpan, encodeForDefinition(e.text, s.storage, s.style));
    }
  }
}

// Lines of the script text.
export function lineStart(text: string, o: number): number {
  return text.lastIndexOf('\n', o - 1) + 1;
}
function nextLineStart(text: string, o: number): number {
  const k = text.indexOf('\n', o);
  return k < 0 ? text.length : k + 1;
}
export function indentAt(text: string, o: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, o)))![0];
}

/** The span covering whole lines from the line of `start` through the line of `end` (its line break included). */
function wholeLines(text: string, start: number, end: number): Span {
  const a = lineStart(text, start);
  let z = nextLineStart(text, Math.max(start, end - 1));
  if (z === text.length && a > 0 && !/\n$/.test(text)) {
    // The last line has no line break: take the one before it instead.
    const before = text[a - 2] === '\r' ? a - 2 : a - 1;
    return { start: before, end: z };
  }
  return { start: a, end: z };
}

export interface Located { stmt: Statement; ctx: StatementContext }

/** Every statement with its context, in document order. */
export function statements(ast: ScriptAst): Located[] {
  const out: Located[] = [];
  walkStatements(ast, (stmt, ctx) => { out.push({ stmt, ctx }); });
  return out;
}

/** The statement that starts the line holding `offset` (a condition action counts as its IF/LOOP/WAIT). */
export function lineStatementAt(all: Located[], offset: number): Located | undefined {
  let best: Located | undefined;
  for (const l of all) {
    if (offset >= l.stmt.span.start && offset < Math.max(l.stmt.span.end, l.stmt.span.start + 1) && (!best || l.stmt.span.start >= best.stmt.span.start)) best = l;
  }
  while (best && best.ctx.role === 'condition' && best.ctx.parent) {
    const parent = best.ctx.parent;
    best = all.find(l => l.stmt === parent);
  }
  return best;
}

/** Every expression of the script (statements and input defaults) with the statement it belongs to. */
function allExpressions(ast: ScriptAst, all: Located[]): Array<{ expr: Expr; stmt?: Statement; root: Expr }> {
  const out: Array<{ expr: Expr; stmt?: Statement; root: Expr }> = [];
  for (const { stmt } of all) {
    for (const root of statementExpressions(stmt)) walkExpressions(root, e => { out.push({ expr: e, stmt, root }); });
  }
  for (const d of ast.declarations) if (d.defaultValue) walkExpressions(d.defaultValue, e => { out.push({ expr: e, root: d.defaultValue! }); });
  return out;
}

/** The innermost string literal covering a span. */
function stringAt(ast: ScriptAst, all: Located[], span: Span): { lit: StringLit; stmt?: Statement } | undefined {
  let best: { lit: StringLit; stmt?: Statement } | undefined;
  for (const { expr, stmt } of allExpressions(ast, all)) {
    if (expr.kind !== 'string' || span.start < expr.span.start || span.end > expr.span.end) continue;
    if (!best || expr.span.end - expr.span.start < best.lit.span.end - best.lit.span.start) best = { lit: expr, stmt };
  }
  return best;
}

/** Reads of a variable (VarRef nodes), the assignment target of SET excluded. */
function readsOf(ast: ScriptAst, all: Located[], name: string): Span[] {
  const lower = name.toLowerCase();
  const out: Span[] = [];
  for (const { expr, stmt, root } of allExpressions(ast, all)) {
    if (expr.kind !== 'var' || expr.name.toLowerCase() !== lower) continue;
    if (stmt?.kind === 'set' && root === stmt.target && expr === stmt.target) continue;
    out.push(expr.span);
  }
  return out;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Occurrences of a name as a word in the script text (to tell whether every use is understood). */
function wordCount(text: string, name: string): number {
  const re = new RegExp(`(?<![A-Za-z0-9_.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`, 'gi');
  return (text.match(re) ?? []).length;
}

/** Where header lines end (@@ lines and IMPORTs): new @SENSITIVE lines go there. */
function afterHeader(script: Script): number {
  const ast = script.ast;
  let end = -1;
  for (const h of ast.headers) end = Math.max(end, h.span.end);
  for (const i of ast.imports) end = Math.max(end, i.span.end);
  return end < 0 ? 0 : nextLineStart(script.text, end);
}

/** Edits of the @SENSITIVE line: names added and removed. */
function editSensitive(se: ScriptEdits, t: ScriptTarget, add: string[], remove: string[]): void {
  const s = t.script.ast.sensitive;
  const removeLower = new Set(remove.map(r => r.toLowerCase()));
  if (s) {
    const names = s.names.map(n => n.name).filter(n => !removeLower.has(n.toLowerCase()));
    for (const a of add) if (!names.some(n => n.toLowerCase() === a.toLowerCase())) names.push(a);
    const before = s.names.map(n => n.name);
    if (names.join('\u0000') !== before.join('\u0000')) se.replace(s.listSpan, names.join(', '));
    return;
  }
  if (!add.length || t.script.clipboard) return;
  se.insertLine(afterHeader(t.script), `@SENSITIVE: [${add.join(', ')}]${t.eol}`, t.eol, -2);
}

// ---------------------------------------------------------------------------------------------
// The desktop flow's <Inputs>/<Outputs> JSON schema in the XML

interface SchemaProperty { [key: string]: unknown }
interface FlowSchema { schema: { properties?: Record<string, SchemaProperty>; type?: string; [k: string]: unknown } | null; [k: string]: unknown }

function workflowElement(df: DesktopFlow): XmlElement | undefined {
  const doc = parseXml(df.metadataFile.text);
  const stack: XmlElement[] = doc.root ? [doc.root] : [];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.name === 'Workflow' && normalizeGuid(attr(el, 'WorkflowId')?.value) === df.id) return el;
    stack.push(...children(el));
  }
  return undefined;
}

/** Rewrites the <Inputs>/<Outputs> JSON of a desktop flow (compact JSON, escaped like the original). */
function editSchemas(b: ChangeBuilder, df: DesktopFlow, edit: Partial<Record<'Inputs' | 'Outputs', (s: FlowSchema) => void>>): void {
  const wf = workflowElement(df);
  if (!wf) return;
  const file = df.metadataFile;
  for (const which of ['Inputs', 'Outputs'] as const) {
    const mutate = edit[which];
    if (!mutate) continue;
    const el = children(wf, which)[0];
    if (!el) continue;
    const raw = file.text.slice(el.content.start, el.content.end);
    let parsed: FlowSchema;
    try {
      parsed = raw.trim() ? JSON.parse(decodeEntities(raw.replace(/^<!\[CDATA\[|\]\]>$/g, ''))) : { schema: null };
    } catch {
      throw new FixError(`the <${which}> of desktop flow "${df.name}" is not valid JSON`);
    }
    const before = JSON.stringify(parsed);
    mutate(parsed);
    const json = JSON.stringify(parsed);
    if (json === before) continue;
    let escaped = escapeXml(json);
    if (raw.includes('&quot;')) escaped = escaped.replace(/"/g, '&quot;');
    if (el.selfClosing) b.replace(file, el.span, `<${el.name}>${escaped}</${el.name}>`);
    else b.replace(file, el.content, escaped);
  }
}

function schemaProperty(s: FlowSchema, name: string): SchemaProperty | undefined {
  const props = s.schema?.properties ?? {};
  const key = Object.keys(props).find(k => k.toLowerCase() === name.toLowerCase());
  return key ? props[key] : undefined;
}

function removeSchemaProperties(s: FlowSchema, names: string[]): void {
  const props = s.schema?.properties;
  if (!props) return;
  for (const k of Object.keys(props)) if (names.some(n => n.toLowerCase() === k.toLowerCase())) delete props[k];
  if (Object.keys(props).length === 0) s.schema = null;
}

function addSchemaProperty(s: FlowSchema, name: string, description: string): void {
  if (schemaProperty(s, name)) return;
  if (!s.schema) s.schema = { properties: {}, type: 'object' };
  s.schema.properties ??= {};
  s.schema.properties[name] = { default: '', description, format: null, title: name, type: 'string', value: '' };
}

// ---------------------------------------------------------------------------------------------
// Cloud flows that run a desktop flow (RunUIFlow_V2 with uiFlowId = its id)

interface Caller { flow: CloudFlow; action: FlowAction }

function callersOf(solution: Solution | undefined, df: DesktopFlow | undefined): Caller[] {
  if (!solution || !df) return [];
  const out: Caller[] = [];
  for (const flow of solution.cloudFlows) {
    for (const action of flow.actions) {
      if (!/^runuiflow/i.test(action.host?.operationId ?? '')) continue;
      const id = normalizeGuid(stringValue(prop(prop(action.inputs, 'parameters'), 'uiFlowId')));
      if (id === df.id) out.push({ flow, action });
    }
  }
  return out;
}

function pointerPath(pointer: string): string[] {
  return pointer.split('/').slice(1).map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The JSON path of a caller's input parameter (`item/<Input>`, or `item` → `<Input>`), and whether it exists. */
function callerInputPath(c: Caller, input: string): { path: string[]; exists: boolean } {
  const params = prop(c.action.inputs, 'parameters');
  const base = [...pointerPath(c.action.pointer), 'inputs', 'parameters'];
  const item = prop(params, 'item');
  const lower = input.toLowerCase();
  if (item?.type === 'object') {
    const key = item.children?.map(p => p.children?.[0]?.value as string).find(k => k?.toLowerCase() === lower);
    return { path: [...base, 'item', key ?? input], exists: !!key };
  }
  const key = params?.children?.map(p => p.children?.[0]?.value as string).find(k => k?.toLowerCase() === `item/${lower}`);
  return { path: [...base, key ?? `item/${input}`], exists: !!key };
}

// ---------------------------------------------------------------------------------------------
// String literals: replacing a literal (or a part of one) with a variable

/** Escapes text for a $'''…''' string. */
function interpolatedText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/%/g, '%%');
}

/**
 * Replaces `span` of a string literal with an expression: the whole literal becomes the bare
 * expression; a part becomes `%expr%` ($'''…'''), `${expr}` ($fx'…'), and a plain '…' literal is
 * rewritten as $'''…''' to hold it.
 */
function replaceInString(se: ScriptEdits, lit: StringLit, span: Span, expression: string): void {
  if (span.start <= lit.span.start && span.end >= lit.span.end) {
    se.replace(lit.span, expression);
    return;
  }
  if (lit.form === 'interpolated') {
    se.replace(span, `%${expression}%`);
    return;
  }
  if (lit.form === 'fx') {
    if (lit.formula !== undefined) throw new FixError('the literal is inside a Power Fx formula; edit it in the designer');
    se.replace(span, `\${${expression}}`);
    return;
  }
  const flat = flatten(lit);
  const a = flat.starts.indexOf(span.start);
  let z = -1;
  for (let k = a; k >= 0 && k < flat.ends.length; k++) if (flat.ends[k] === span.end) { z = k + 1; break; }
  if (a < 0 || z < 0) throw new FixError('cannot find the literal in its string');
  se.replace(lit.span, `$'''${interpolatedText(flat.text.slice(0, a))}%${expression}%${interpolatedText(flat.text.slice(z))}'''`);
}

/** The decoded text a span of a string literal stands for (undefined when it holds an interpolation). */
function literalText(lit: StringLit, span: Span): string | undefined {
  if (span.start <= lit.span.start && span.end >= lit.span.end) return lit.value;
  const flat = flatten(lit);
  const a = flat.starts.indexOf(span.start);
  let z = -1;
  for (let k = Math.max(a, 0); k < flat.ends.length; k++) if (flat.ends[k] === span.end) { z = k + 1; break; }
  if (a < 0 || z < 0 || flat.interp.slice(a, z).some(Boolean)) return undefined;
  return flat.text.slice(a, z);
}

// ---------------------------------------------------------------------------------------------
// 4. Secret → Get credential

const SECRET_WORDS = new Set(['password', 'passwords', 'passwd', 'pwd', 'pass', 'passcode', 'passphrase', 'secret', 'secrets', 'key', 'apikey', 'token', 'pin', 'credential', 'credentials', 'cred']);
const IO_WORDS = new Set(['input', 'in', 'output', 'out', 'str', 'var']);
const USER_SUFFIXES = ['User', 'Username', 'UserName', 'Login', 'UserId', 'Account', 'Usr'];
const USER_ARGUMENT = /^(user(name)?|login|account|userid)$/i;

function baseWords(name: string): string[] {
  let w = wordsOf(name).filter(x => !SECRET_WORDS.has(x.toLowerCase()));
  while (w.length && IO_WORDS.has(w[0].toLowerCase())) w = w.slice(1);
  return w;
}

/** The template: the editor setting, else flowcop.json's getCredentialTemplate, else the default. */
export function getCredentialTemplate(ctx: FixContext, scriptPath: string): { template: string; source: string } {
  if (ctx.getCredentialTemplate) return { template: ctx.getCredentialTemplate, source: 'the editor setting flowcop.getCredentialTemplate' };
  const fromConfig = ctx.configs?.configFor(scriptPath).getCredentialTemplate;
  if (fromConfig) return { template: fromConfig, source: 'getCredentialTemplate in flowcop.json' };
  return { template: DEFAULT_GET_CREDENTIAL_TEMPLATE, source: 'the built-in template' };
}

export function renderGetCredential(template: string, credential: string, variable: string): string {
  return template.replace(/\$\{credential\}/g, credential).replace(/\$\{variable\}/g, variable);
}

/** A variable for removal: assigned exactly once, by `SET name TO <pure literal>`, every use understood. */
interface Removable { name: string; set: Located; reads: Span[] }

function removableVariable(t: ScriptTarget, all: Located[], name: string): Removable | undefined {
  const a = analyzeScript(t.unit);
  const info = a.variables.get(name.toLowerCase());
  if (!info || info.input || info.output || info.assignments.length !== 1 || info.assignments[0].how !== 'set') return undefined;
  const set = all.find(l => l.stmt.kind === 'set' && l.stmt.target.kind === 'var' && l.stmt.variable.toLowerCase() === name.toLowerCase());
  if (!set || set.stmt.kind !== 'set' || set.ctx.disabled) return undefined;
  const value = set.stmt.value.kind === 'paren' ? set.stmt.value.expr : set.stmt.value;
  if (value.kind !== 'string' || value.value === undefined) return undefined;
  const ast = t.script.ast;
  const reads = readsOf(ast, all, name);
  const sensitiveMentions = ast.sensitive?.names.filter(n => n.name.toLowerCase() === name.toLowerCase()).length ?? 0;
  // Every occurrence of the name must be a read we replace, the SET, or the @SENSITIVE entry.
  if (wordCount(t.script.text, name) !== reads.length + 1 + sensitiveMentions) return undefined;
  return { name: set.stmt.variable, set, reads };
}

function getCredentialFix(finding: Finding, ctx: FixContext): Fix | undefined {
  const t = targetOf(finding);
  if (!t) return undefined;
  const { script } = t;
  const ast = script.ast;
  const all = statements(ast);
  const { template, source } = getCredentialTemplate(ctx, script.file.path);
  if (!template.includes('${variable}')) return undefined;

  // Which input (for pad/secret-input-variable, or a literal default of an input).
  const decl = ast.declarations.find(d => d.direction === 'input'
    && ((t.span.start >= d.nameSpan.start && t.span.end <= d.nameSpan.end) || (d.defaultValue && t.span.start >= d.defaultValue.span.start && t.span.end <= d.defaultValue.span.end)));
  if (finding.ruleId === 'pad/secret-input-variable' && !decl) return undefined;
  const found = decl ? undefined : stringAt(ast, all, t.span);
  if (!decl && !found) return undefined;

  const analysis = analyzeScript(t.unit);
  const taken = (n: string) => analysis.variables.has(n.toLowerCase()) || ast.declarations.some(d => d.name.toLowerCase() === n.toLowerCase());
  const secretName = decl?.name ?? (found?.stmt?.kind === 'set' ? found.stmt.variable : undefined)
    ?? (typeof finding.data?.variable === 'string' ? finding.data.variable : undefined)
    ?? (found?.stmt?.kind === 'action' ? found.stmt.action : undefined);
  let base = secretName ? baseWords(secretName) : [];
  if (!base.length) base = wordsOf(t.desktopFlow?.name ?? t.standalone?.name.replace(/\.[^.]+$/, '') ?? 'Flow').slice(0, 4);
  const credVar = unique(`${pascalCase(base)}Credential`, taken);
  const line = renderGetCredential(template, credVar, credVar);
  const parsed = parseScript(line);
  if (parsed.problems.length || parsed.body.length !== 1 || parsed.body[0].kind !== 'action') {
    return undefined;
  }
  const callers = decl ? callersOf(t.solution, t.desktopFlow) : [];
  const description = `Reads the secret at run time with Get credential into ${credVar} (${credVar}.Password${decl ? '' : ', and .Username where a user name sat beside it'}) instead of `
    + `${decl ? `input ${decl.name}` : 'the literal'}. Create a credential named "${credVar}" in Power Automate (Data › Credentials: Azure Key Vault or CyberArk, `
    + 'user name as a Text environment variable, password as a Secret environment variable) and share it with the machine\'s run-as user. '
    + `The action text comes from ${source}; confirm it once by copying a Get credential action from the designer.`
    + (callers.length ? ` The cloud flows that passed ${decl!.name} (${callers.map(c => c.flow.name).join(', ')}) no longer do.` : '')
    + ' The old value is still in source control history: rotate it.';
  const title = decl ? `Replace input ${decl.name} with the Get credential action (${credVar})` : `Read the secret with the Get credential action (${credVar})`;

  return lazyFix({ title, kind: 'quickfix', preferred: true, ruleId: finding.ruleId, description }, b => {
    const se = new ScriptEdits(script);
    const sensitiveAdd = script.clipboard ? [] : [credVar];
    const sensitiveRemove: string[] = [];
    const text = script.text;
    if (decl) {
      redactDecl(b, t, decl);
      replaceInput(b, se, t, all, decl, credVar, line, sensitiveAdd, sensitiveRemove, 'Password');
    } else {
      const { lit, stmt } = found!;
      b.redact(...redactionsOf(script, lit.span));
      const entire = stmt?.kind === 'set' && (stmt.value === lit || (stmt.value.kind === 'paren' && stmt.value.expr === lit)) && stmt.target.kind === 'var';
      const removable = entire && t.span.start <= lit.span.start && t.span.end >= lit.span.end ? removableVariable(t, all, (stmt as { variable: string }).variable) : undefined;
      if (removable) {
        for (const r of removable.reads) se.replace(r, `${credVar}.Password`);
        sensitiveRemove.push(removable.name);
        const user = neighbourUser(t, all, removable.name, removable.reads);
        const removed = [removable.set, ...(user?.removable ? [user.removable.set] : [])].sort((x, y) => x.stmt.span.start - y.stmt.span.start);
        // The first removed SET becomes the Get credential action; the others go.
        const [anchor, ...rest] = removed;
        se.replace({ start: lineStart(text, anchor.stmt.span.start) + indentAt(text, anchor.stmt.span.start).length, end: anchor.stmt.span.end }, line);
        for (const r of rest) se.replace(wholeLines(text, r.stmt.span.start, r.stmt.span.end), '');
        if (user?.removable) {
          for (const r of user.removable.reads) se.replace(r, `${credVar}.Username`);
          sensitiveRemove.push(user.removable.name);
        }
      } else {
        const at = lineStatementAt(all, lit.span.start);
        if (!at) throw new FixError('cannot find the statement that holds the secret');
        replaceInString(se, lit, t.span, `${credVar}.Password`);
        // A SET of a variable that now holds (or embeds) the password: mark it sensitive.
        if (stmt?.kind === 'set' && !script.clipboard) sensitiveAdd.push(stmt.variable);
        if (at.stmt.kind === 'action') {
          for (const arg of at.stmt.args) {
            if (!USER_ARGUMENT.test(arg.name) || arg.value.kind !== 'string' || arg.value.value === undefined) continue;
            if (arg.value.span.start <= lit.span.start && arg.value.span.end >= lit.span.end) continue;
            se.replace(arg.value.span, `${credVar}.Username`);
          }
        }
        const indent = indentAt(text, at.stmt.span.start);
        se.insert(lineStart(text, at.stmt.span.start), `${indent}${line}${t.eol}`);
      }
    }
    editSensitive(se, t, sensitiveAdd, sensitiveRemove);
    se.flush(b);
  });
}

function redactionsOf(script: Script, span: Span): string[] {
  const fileSpan = script.map.toFileSpan(span);
  const inner = script.text.slice(span.start, span.end);
  return [inner, script.file.text.slice(fileSpan.start, fileSpan.end), ...(/^\$?(?:fx)?'''?([\s\S]*?)'''?$/.exec(inner)?.slice(1) ?? [])];
}

function redactDecl(b: ChangeBuilder, t: ScriptTarget, decl: VariableDeclaration): void {
  const dv = decl.defaultValue;
  if (dv && dv.kind === 'string' && dv.value) b.redact(...redactionsOf(t.script, dv.span), dv.value);
}

/** A user-name variable beside the password: `<base>User`, or the user argument of an action that reads it. */
function neighbourUser(t: ScriptTarget, all: Located[], passwordVar: string, reads: Span[]): { removable?: Removable } | undefined {
  const base = passwordVar.replace(/(password|passwd|pwd|pass|secret|pin)$/i, '');
  const candidates = new Set<string>();
  if (base && base.length < passwordVar.length) for (const suffix of USER_SUFFIXES) candidates.add(`${base}${suffix}`.toLowerCase());
  for (const r of reads) {
    const at = lineStatementAt(all, r.start);
    if (at?.stmt.kind !== 'action') continue;
    for (const arg of at.stmt.args) if (USER_ARGUMENT.test(arg.name) && arg.value.kind === 'var') candidates.add(arg.value.name.toLowerCase());
  }
  const analysis = analyzeScript(t.unit);
  for (const c of candidates) {
    const info = analysis.variables.get(c);
    if (!info) continue;
    const removable = removableVariable(t, all, info.name);
    if (removable) return { removable };
  }
  return undefined;
}

/** Replaces an @INPUT (and a user-name input beside it) with the Get credential action. */
function replaceInput(
  b: ChangeBuilder, se: ScriptEdits, t: ScriptTarget, all: Located[], decl: VariableDeclaration, credVar: string, line: string,
  sensitiveAdd: string[], sensitiveRemove: string[], property: 'Password',
): void {
  const { script } = t;
  const text = script.text;
  const ast = script.ast;
  const removed: VariableDeclaration[] = [decl];
  const userBase = decl.name.replace(/(password|passwd|pwd|pass|secret|pin)$/i, '');
  const userDecl = userBase.length < decl.name.length
    ? ast.declarations.find(d => d.direction === 'input' && d !== decl && USER_SUFFIXES.some(s => d.name.toLowerCase() === `${userBase}${s}`.toLowerCase()))
    : undefined;
  if (userDecl) removed.push(userDecl);
  const firstMain = ast.body.find(s => s.kind !== 'comment') ?? ast.body[0];
  const lastDecl = ast.declarations.reduce((m, d) => Math.max(m, d.span.end), 0);
  const insertAt = firstMain ? lineStart(text, firstMain.span.start) : nextLineStart(text, lastDecl);
  const indent = firstMain ? indentAt(text, firstMain.span.start) : '';
  const extra: string[] = [];
  for (const d of removed) {
    se.replace(wholeLines(text, d.span.start, d.span.end), '');
    const reads = readsOf(ast, all, d.name);
    const member = d === decl ? property : 'Username';
    const sensitiveMentions = ast.sensitive?.names.filter(n => n.name.toLowerCase() === d.name.toLowerCase()).length ?? 0;
    // Occurrences outside the declarations being removed: the reads we replace and the @SENSITIVE entry.
    let outside = text;
    for (const r of removed) outside = outside.slice(0, r.span.start) + ' '.repeat(r.span.end - r.span.start) + outside.slice(r.span.end);
    const understood = wordCount(outside, d.name) === reads.length + sensitiveMentions;
    if (understood) {
      for (const r of reads) se.replace(r, `${credVar}.${member}`);
      sensitiveRemove.push(d.name);
    } else {
      // Keep the variable, now assigned from the credential (and sensitive).
      extra.push(`${indent}SET ${d.name} TO ${credVar}.${member}${t.eol}`);
      if (d === decl) sensitiveAdd.push(d.name);
    }
  }
  se.insertLine(insertAt, `${indent}${line}${t.eol}${extra.join('')}`, t.eol);
  if (t.desktopFlow) editSchemas(b, t.desktopFlow, { Inputs: s => removeSchemaProperties(s, removed.map(d => d.name)) });
  for (const c of callersOf(t.solution, t.desktopFlow)) {
    for (const d of removed) {
      const p = callerInputPath(c, d.name);
      if (p.exists) b.modifyJson(c.flow.file, p.path, undefined);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 5. Mark a variable sensitive

function markSensitiveFix(finding: Finding): Fix | undefined {
  const t = targetOf(finding);
  if (!t || t.script.clipboard) return undefined;
  const name = t.script.text.slice(t.span.start, t.span.end);
  if (!IDENT.test(name)) return undefined;
  const decl = t.script.ast.declarations.find(d => d.name.toLowerCase() === name.toLowerCase());
  const schemaNote = decl && t.desktopFlow ? ` and sets "format": "password" for it in the flow's <${decl.direction === 'input' ? 'Inputs' : 'Outputs'}> schema` : '';
  return lazyFix({
    title: `Mark ${name} sensitive (@SENSITIVE)`,
    kind: 'quickfix',
    preferred: true,
    ruleId: finding.ruleId,
    description: `Adds ${name} to the @SENSITIVE list${schemaNote}, so its value is hidden in logs and run details.`,
  }, b => {
    const se = new ScriptEdits(t.script);
    editSensitive(se, t, [name], []);
    se.flush(b);
    if (decl && t.desktopFlow) {
      const which = decl.direction === 'input' ? 'Inputs' : 'Outputs';
      editSchemas(b, t.desktopFlow, {
        [which]: (s: FlowSchema) => {
          const p = schemaProperty(s, decl.name);
          if (p) p.format = 'password';
          else {
            addSchemaProperty(s, decl.name, '');
            schemaProperty(s, decl.name)!.format = 'password';
          }
        },
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// 6. Path, URL or machine → @INPUT variable (fed from an environment variable by the calling cloud flows)

function inputVariableFix(finding: Finding, ctx: FixContext): Fix | undefined {
  const t = targetOf(finding);
  if (!t || t.script.clipboard) return undefined;
  const { script } = t;
  const ast = script.ast;
  const all = statements(ast);
  const found = stringAt(ast, all, t.span);
  if (!found) return undefined;
  const { lit, stmt } = found;
  if (ast.declarations.some(d => d.defaultValue && lit.span.start >= d.defaultValue.span.start && lit.span.end <= d.defaultValue.span.end)) return undefined;
  if (lit.form === 'fx' && lit.formula !== undefined) return undefined;
  const value = literalText(lit, t.span);
  if (!value?.trim()) return undefined;
  const whole = t.span.start <= lit.span.start && t.span.end >= lit.span.end;

  // A readable name: the variable the literal is stored in, or the action and argument it is given to.
  let base: string[] = [];
  let where = '';
  const at = lineStatementAt(all, lit.span.start);
  if (whole && stmt?.kind === 'set' && stmt.target.kind === 'var') {
    base = wordsOf(stmt.variable.replace(/^(input|in)_/i, ''));
    where = `variable ${stmt.variable}`;
  } else if (at?.stmt.kind === 'action') {
    const arg = at.stmt.args.find(a => lit.span.start >= a.span.start && lit.span.end <= a.span.end);
    base = [...wordsOf(at.stmt.action), ...wordsOf(arg?.name ?? '')];
    where = `${arg?.name ?? 'an argument'} of ${at.stmt.id}`;
  } else if (at?.stmt.kind === 'call') {
    const arg = at.stmt.args.find(a => lit.span.start >= a.span.start && lit.span.end <= a.span.end);
    base = wordsOf(arg?.name ?? at.stmt.target);
    where = `${arg?.name ?? 'an argument'} of CALL ${at.stmt.target}`;
  } else if (stmt?.kind === 'set') {
    base = wordsOf(stmt.variable);
    where = `variable ${stmt.variable}`;
  }
  if (!whole && at?.stmt.kind === 'action') {
    // A part of a longer text (a connection string, a URL): name it after the key before it (`Server=`).
    const flat = flatten(lit);
    const a = flat.starts.indexOf(t.span.start);
    const key = a > 0 ? /([A-Za-z][A-Za-z ]*)=\s*$/.exec(flat.text.slice(0, a))?.[1] : undefined;
    if (key) base = [...wordsOf(at.stmt.module), ...wordsOf(key)];
  }
  if (!whole && finding.ruleId === 'pad/hardcoded-machine' && !base.some(w => /server|host|machine|source/i.test(w))) base.push(/\\\\/.test(value) ? 'Share' : 'Server');
  if (!base.length) base = ['Value'];
  const analysis = analyzeScript(t.unit);
  const taken = (n: string) => analysis.variables.has(n.toLowerCase()) || ast.declarations.some(d => d.name.toLowerCase() === n.toLowerCase());
  const inputName = unique(`Input_${pascalCase(base)}`, taken);
  const what = finding.ruleId === 'pad/environment-specific-url' ? 'URL' : finding.ruleId === 'pad/hardcoded-machine' ? 'machine' : 'path';
  const inputDescription = `The ${what} for ${where}; it differs per environment.`;
  const callers = callersOf(t.solution, t.desktopFlow);
  const solution = t.solution;
  const active = solution ? activeSettings(solution, ctx.environment) : undefined;
  const reuse = solution && callers.length ? findReusable(solution, value, active) : undefined;
  const probe = new ChangeBuilder();
  const schemaName = solution && callers.length ? reuse?.schemaName ?? newSchemaName(solution, probe, schemaBody(base)) : undefined;
  const hasSettings = !!solution?.environments.length;
  const wiring = callers.length
    ? ` The calling cloud flow${callers.length > 1 ? 's' : ''} (${[...new Set(callers.map(c => c.flow.name))].join(', ')}) pass${callers.length > 1 ? '' : 'es'} @parameters() of environment variable ${schemaName}${reuse ? ' (which already holds this value)' : ''} to it.`
      + (!hasSettings ? '' : active ? ` The value went into ${active.environment}'s deployment settings; fill the empty Value in the other environments.` : ` No active environment was chosen (--env): the value stays only in the flow parameter's default; fill the Value of ${schemaName} in every environment's deployment settings.`)
    : ` No cloud flow in the solution runs this desktop flow: pass a value to ${inputName} where it is run (Run a flow built with Power Automate for desktop › ${inputName}, from an environment variable).`;
  const title = `Make it the input variable ${inputName}${callers.length ? ` (fed from environment variable ${schemaName})` : ''}`;
  return lazyFix({
    title,
    kind: 'quickfix',
    preferred: true,
    ruleId: finding.ruleId,
    description: `Declares @INPUT ${inputName} and uses it instead of the literal ${what}.` + wiring,
  }, b => {
    const se = new ScriptEdits(script);
    replaceInString(se, lit, t.span, inputName);
    se.insertLine(inputInsertionPoint(script), `@INPUT ${inputName} : { 'Description': '${singleQuoted(inputDescription)}', 'FriendlyName': '${inputName}', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ${t.eol}`, t.eol, -1);
    se.flush(b);
    if (t.desktopFlow) editSchemas(b, t.desktopFlow, { Inputs: s => addSchemaProperty(s, inputName, inputDescription) });
    if (!solution || !callers.length) return;
    let target = reuse;
    if (!target) {
      const schema = newSchemaName(solution, b, schemaBody(base));
      const displayName = titleCase(base);
      createDefinition(b, solution, { schemaName: schema, displayName, description: `${inputDescription.replace(/\.$/, '')} (input ${inputName} of desktop flow "${t.desktopFlow!.name}").`, kind: 'String' });
      target = { schemaName: schema, displayName };
    }
    for (const c of callers) {
      const key = ensureFlowParameter(b, c.flow, target, value);
      const p = callerInputPath(c, inputName);
      if (!p.exists) b.modifyJson(c.flow.file, p.path, `@${parametersCall(key)}`);
    }
    ensureSettingsEntries(b, solution, target.schemaName, active, active ? value : undefined);
    void parameterKey;
  });
}

function singleQuoted(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

/** After the last @INPUT, else before the first @OUTPUT, else after @SENSITIVE / the header lines. */
function inputInsertionPoint(script: Script): number {
  const ast = script.ast;
  const text = script.text;
  const inputs = ast.declarations.filter(d => d.direction === 'input');
  if (inputs.length) return nextLineStart(text, inputs[inputs.length - 1].span.end);
  const outputs = ast.declarations.filter(d => d.direction === 'output');
  if (outputs.length) return lineStart(text, outputs[0].span.start);
  if (ast.sensitive) return nextLineStart(text, ast.sensitive.span.end);
  return afterHeader(script);
}
