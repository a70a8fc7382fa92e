// The get-credential fix kind: the Get credential action (its script text comes from one template,
// overridable) replaces a literal secret, the variable that held it, or a secret input.
import type { ActionStmt, VariableDeclaration } from '../model/pad-ast';
import { stringValue } from '../load/pad/walk';
import { parseScript } from '../load/pad/parser';
import type { Script } from '../model/types';
import { credentialTemplateProblem } from '../findings/credential-template';
import { scriptFacts, typedFields } from '../analysis/pad/facts';
import type { Span } from '../util/text';
import { ChangeBuilder, FixError } from './change';
import { Fix, FixContext, lazyFix } from './fix';
import type { FindingFor } from './providers';
import { wordsOf } from './names';
import { callerInputPath, callersOf, editSchemas, removeSchemaProperties } from './pad-schema';
import { baseWords, CredentialPlan, credentialPlan, ObjectInputPlan, objectInputPlan, SecretUse, unfitForCredential } from './pad-secret-plan';
import { editSensitive, indentAt, lineStart, lineStatementAt, Located, nextLineStart, readsOf, replaceInString, ScriptEdits, ScriptTarget, statements, stringAt, targetOf, literalText, wholeLines, wordCount } from './pad-script';

/**
 * The script text of the Get credential action. Its exact text is not published: confirm it by copying
 * the action once from the designer, and override it with `getCredentialTemplate` in flowcop.json or
 * the editor setting `flowcop.getCredentialTemplate`. `${credential}` is the credential's name in
 * Power Automate, `${variable}` the Credential variable the action produces.
 */
export const DEFAULT_GET_CREDENTIAL_TEMPLATE = "PowerAutomateSecretVariables.GetCredential Credential: $'''${credential}''' Credential=> ${variable}";

// ---------------------------------------------------------------------------------------------
// 4. Secret → Get credential

const USER_SUFFIXES = ['User', 'Username', 'UserName', 'Login', 'UserId', 'Account', 'Usr'];
const USER_ARGUMENT = /^(user(name)?|login|account|userid)$/i;

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
  const info = scriptFacts(t.unit).variables.get(name.toLowerCase());
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

/** One plan per script: a --fix round asks for the fix of every finding of a script before applying any. */
const plans = new WeakMap<Script, CredentialPlan>();

export function getCredentialFix(finding: FindingFor<'get-credential'>, ctx: FixContext): Fix | undefined {
  const t = targetOf(finding);
  if (!t) return undefined;
  const { script } = t;
  const ast = script.ast;
  const all = statements(ast);
  const { template, source } = getCredentialTemplate(ctx, script.file.path);
  // Only ever a single Get credential action: the configuration layers refuse anything else with a
  // finding, and the fix never inserts it whatever called it.
  if (!template.includes('${variable}') || credentialTemplateProblem(template)) return undefined;

  // Which input (for pad/secret-input-variable, or a literal default of an input).
  const decl = ast.declarations.find(d => d.direction === 'input'
    && ((t.span.start >= d.nameSpan.start && t.span.end <= d.nameSpan.end) || (d.defaultValue && t.span.start >= d.defaultValue.span.start && t.span.end <= d.defaultValue.span.end)));
  if (finding.data.secretInput && !decl) return undefined;
  const found = decl ? undefined : stringAt(ast, all, t.span);
  if (!decl && !found) return undefined;

  const facts = scriptFacts(t.unit);
  const taken = (n: string) => facts.variables.has(n.toLowerCase()) || ast.declarations.some(d => d.name.toLowerCase() === n.toLowerCase());
  const fallback = wordsOf(t.desktopFlow?.name ?? t.standalone?.name.replace(/\.[^.]+$/, '') ?? 'Flow').slice(0, 4);
  // One name per secret for the whole script, so fixes applied in one --fix round never share a name.
  let plan = plans.get(script);
  if (!plan) {
    plan = credentialPlan(ast, all, facts, taken, fallback);
    plans.set(script, plan);
  }
  const group = decl ? undefined : plan.groupAt(t.span);
  const secretName = decl?.name ?? (found?.stmt?.kind === 'set' ? found.stmt.variable : undefined)
    ?? finding.data.variable
    ?? (found?.stmt?.kind === 'action' ? found.stmt.action : undefined);
  const credVar = (decl ? plan.inputs.get(decl.name.toLowerCase()) : group?.name) ?? plan.extraName(secretName ? baseWords(secretName) : []);
  const line = renderGetCredential(template, credVar, credVar);
  const parsed = parseScript(line);
  if (parsed.problems.length || parsed.body.length !== 1 || parsed.body[0].kind !== 'action') {
    return undefined;
  }
  const meta = { kind: 'quickfix' as const, preferred: true, ruleId: finding.ruleId };

  // A secret no credential can carry, or an object input whose secret part cannot be told: the reason.
  const reported = found ? literalText(found.lit, t.span) : undefined;
  const unfit = decl
    ? unfitForCredential(undefined, stringValue(decl.defaultValue))
    : unfitForCredential(reported ?? script.text.slice(t.span.start, t.span.end), reported);
  if (unfit) return refusedFix({ ...meta, title: 'Read the secret with the Get credential action' }, unfit);
  const objectPlan = decl ? objectInputPlan(ast, all, script.text, decl, facts) : undefined;
  if (objectPlan?.kind === 'refused') return refusedFix({ ...meta, title: `Replace input ${decl!.name} with the Get credential action` }, objectPlan.reason);
  const setup = `Create a credential named "${credVar}" in Power Automate (Data › Credentials: Azure Key Vault or CyberArk, `
    + 'user name as a Text environment variable, password as a Secret environment variable) and share it with the machine\'s run-as user. '
    + `The action text comes from ${source}; confirm it once by copying a Get credential action from the designer.`;
  if (objectPlan && decl) return objectInputFix(meta, t, decl, objectPlan, credVar, line, setup);

  const callers = decl ? callersOf(t.solution, t.desktopFlow) : [];
  const uses = group && group.uses.length > 1 ? group.uses : undefined;
  const description = `Reads the secret at run time with Get credential into ${credVar} (${credVar}.Password${decl ? '' : ', and .Username where a user name sat beside it'}) instead of `
    + `${decl ? `input ${decl.name}` : uses ? `the literal at each of its ${uses.length} uses` : 'the literal'}. ${setup}`
    + (callers.length ? ` The cloud flows that passed ${decl!.name} (${callers.map(c => c.flow.name).join(', ')}) no longer do.` : '')
    + ' The old value is still in source control history: rotate it.';
  const title = decl ? `Replace input ${decl.name} with the Get credential action (${credVar})` : `Read the secret with the Get credential action (${credVar})`;

  return lazyFix({ ...meta, title, description }, b => {
    const se = new ScriptEdits(script);
    const sensitiveAdd = script.clipboard ? [] : [credVar];
    const sensitiveRemove: string[] = [];
    const text = script.text;
    if (decl) {
      redactDecl(b, t, decl);
      replaceInput(b, se, t, all, decl, credVar, line, sensitiveAdd, sensitiveRemove, 'Password');
    } else if (uses) {
      replaceSecretUses(b, se, t, all, uses, credVar, line, sensitiveAdd, sensitiveRemove);
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
        const needs = [at];
        if (at.stmt.kind === 'action') {
          for (const arg of at.stmt.args) {
            if (!USER_ARGUMENT.test(arg.name) || arg.value.kind !== 'string' || arg.value.value === undefined) continue;
            if (arg.value.span.start <= lit.span.start && arg.value.span.end >= lit.span.end) continue;
            se.replace(arg.value.span, `${credVar}.Username`);
          }
          for (const u of typedUserLiterals(t, at.stmt)) {
            se.replace(u.value.span, `${credVar}.Username`);
            const where = all.find(l => l.stmt === u.stmt);
            if (where) needs.push(where);
          }
        }
        insertBeforeUses(se, t, all, needs, line);
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
    for (const f of typedUsersBeside(t, at.stmt)) if (f.value.kind === 'var') candidates.add(f.value.name.toLowerCase());
  }
  const facts = scriptFacts(t.unit);
  for (const c of candidates) {
    const info = facts.variables.get(c);
    if (!info) continue;
    const removable = removableVariable(t, all, info.name);
    if (removable) return { removable };
  }
  return undefined;
}

/**
 * The user name typed into the same form as the password a statement types (the window or page of the
 * field, or the terminal session): the text of a field the facts gave the user-name role. Roles come from
 * meaning (analysis/pad/collect.ts): a box the recorder named after a `Password:` label but typed a
 * `Username` into is a user-name field here, so the credential's user name goes there, never its password.
 */
function typedUsersBeside(t: ScriptTarget, passwordStmt: ActionStmt): Array<{ stmt: ActionStmt; value: ActionStmt['args'][number]['value'] }> {
  const fields = typedFields(scriptFacts(t.unit));
  const typed = fields.find(f => f.stmt === passwordStmt && f.role === 'secret');
  if (!typed || typed.form === undefined) return [];
  const form = typed.form.toLowerCase();
  return fields.filter(f => f.role === 'user' && f.form?.toLowerCase() === form).map(f => ({ stmt: f.stmt, value: f.arg.value }));
}

/** The user-name literals typed beside a password (see typedUsersBeside). */
function typedUserLiterals(t: ScriptTarget, passwordStmt: ActionStmt): Array<{ stmt: ActionStmt; value: ActionStmt['args'][number]['value'] }> {
  return typedUsersBeside(t, passwordStmt).filter(u => u.value.kind === 'string' && u.value.value !== undefined && u.value.parts.every(p => p.kind === 'text'));
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
  const { offset: insertAt, indent } = bodyStart(script);
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


/** A fix that is listed with why it cannot be made (shown by the editor, reported by --fix); it edits nothing. */
function refusedFix(meta: Omit<Fix, 'change' | 'description'>, reason: string): Fix {
  return lazyFix({ ...meta, description: reason }, () => { throw new FixError(reason); });
}

/** Where statements of the main body start: the line of the first statement that is not a comment. */
function bodyStart(script: Script): { offset: number; indent: string } {
  const { ast, text } = script;
  const firstMain = ast.body.find(s => s.kind !== 'comment') ?? ast.body[0];
  const lastDecl = ast.declarations.reduce((m, d) => Math.max(m, d.span.end), 0);
  return firstMain
    ? { offset: lineStart(text, firstMain.span.start), indent: indentAt(text, firstMain.span.start) }
    : { offset: nextLineStart(text, lastDecl), indent: '' };
}

/**
 * A custom-object input whose one property carries the secret: that property's reads become the
 * credential's password; the input and its other properties stay (the cloud flows still pass them).
 */
function objectInputFix(
  meta: Omit<Fix, 'change' | 'description' | 'title'>, t: ScriptTarget, decl: VariableDeclaration,
  plan: Extract<ObjectInputPlan, { kind: 'object' }>, credVar: string, line: string, setup: string,
): Fix {
  const { script } = t;
  const read = `${decl.name}['${plan.property}']`;
  const callers = callersOf(t.solution, t.desktopFlow);
  const description = `Reads the secret at run time with Get credential into ${credVar} and uses ${credVar}.Password where ${read} was read `
    + `(${plan.accesses.length} place${plan.accesses.length > 1 ? 's' : ''}); input ${decl.name} and its other properties stay as they are. ${setup}`
    + ` Stop putting ${plan.property} into ${decl.name} where the desktop flow is run${callers.length ? ` (${[...new Set(callers.map(c => c.flow.name))].join(', ')})` : ''}.`
    + ' The old value is still in source control history: rotate it.';
  return lazyFix({ ...meta, title: `Read ${read} with the Get credential action (${credVar})`, description }, b => {
    const se = new ScriptEdits(script);
    for (const a of plan.accesses) se.replace(a, `${credVar}.Password`);
    // A literal default for the secret property is plain text in the definition: it goes too.
    for (const en of plan.defaultEntries) {
      const v = en.value.kind === 'string' ? en.value.value : undefined;
      b.redact(...redactionsOf(script, en.value.span), ...(v ? [v] : []));
      se.replace(en.value.span, "''");
    }
    const at = bodyStart(script);
    se.insertLine(at.offset, `${at.indent}${line}${t.eol}`, t.eol);
    editSensitive(se, t, script.clipboard ? [] : [credVar], []);
    se.flush(b);
  });
}

/**
 * Every use of one secret value becomes the credential's password (a variable set only to it goes,
 * its reads read the credential); one Get credential action is inserted before the first use.
 */
function replaceSecretUses(
  b: ChangeBuilder, se: ScriptEdits, t: ScriptTarget, all: Located[], uses: SecretUse[], credVar: string, line: string,
  sensitiveAdd: string[], sensitiveRemove: string[],
): void {
  const { script } = t;
  const text = script.text;
  const needs: Located[] = [];
  const removedVars = new Set<string>();
  const userArgs = new Set<number>();
  const removeVariable = (r: Removable, member: 'Password' | 'Username') => {
    if (removedVars.has(r.name.toLowerCase())) return;
    removedVars.add(r.name.toLowerCase());
    for (const read of r.reads) se.replace(read, `${credVar}.${member}`);
    se.replace(wholeLines(text, r.set.stmt.span.start, r.set.stmt.span.end), '');
    sensitiveRemove.push(r.name);
    needs.push(r.set);
  };
  for (const use of uses) {
    const { lit, stmt } = use;
    b.redact(...redactionsOf(script, lit.span));
    const whole = use.span.start <= lit.span.start && use.span.end >= lit.span.end;
    const entire = whole && stmt?.kind === 'set' && (stmt.value === lit || (stmt.value.kind === 'paren' && stmt.value.expr === lit)) && stmt.target.kind === 'var';
    const removable = entire ? removableVariable(t, all, (stmt as { variable: string }).variable) : undefined;
    if (removable) {
      removeVariable(removable, 'Password');
      const user = neighbourUser(t, all, removable.name, removable.reads);
      if (user?.removable) removeVariable(user.removable, 'Username');
      continue;
    }
    const at = lineStatementAt(all, lit.span.start);
    if (!at) throw new FixError('cannot find the statement that holds the secret');
    replaceInString(se, lit, use.span, `${credVar}.Password`);
    if (stmt?.kind === 'set' && !script.clipboard) sensitiveAdd.push(stmt.variable);
    if (at.stmt.kind === 'action') {
      for (const arg of at.stmt.args) {
        if (!USER_ARGUMENT.test(arg.name) || arg.value.kind !== 'string' || arg.value.value === undefined || userArgs.has(arg.value.span.start)) continue;
        if (arg.value.span.start <= lit.span.start && arg.value.span.end >= lit.span.end) continue;
        userArgs.add(arg.value.span.start);
        se.replace(arg.value.span, `${credVar}.Username`);
      }
      for (const u of typedUserLiterals(t, at.stmt)) {
        if (userArgs.has(u.value.span.start)) continue;
        userArgs.add(u.value.span.start);
        se.replace(u.value.span, `${credVar}.Username`);
        const where = all.find(l => l.stmt === u.stmt);
        if (where) needs.push(where);
      }
    }
    needs.push(at);
  }
  insertBeforeUses(se, t, all, needs, line);
}

/**
 * The Get credential action goes before the statements that read the credential: right before the one
 * statement when there is one, else before the top-level statement holding the first of them (once per
 * subflow, since a subflow may run before the others).
 */
function insertBeforeUses(se: ScriptEdits, t: ScriptTarget, all: Located[], needs: Located[], line: string): void {
  const text = t.script.text;
  const bySubflow = new Map<unknown, Located[]>();
  for (const n of needs) {
    const list = bySubflow.get(n.ctx.function) ?? [];
    list.push(n);
    bySubflow.set(n.ctx.function, list);
  }
  for (const list of bySubflow.values()) {
    list.sort((x, y) => x.stmt.span.start - y.stmt.span.start);
    let anchor = list[0];
    if (list.some(l => l.stmt !== anchor.stmt)) {
      while (anchor.ctx.parent) {
        const parent = anchor.ctx.parent;
        const up = all.find(l => l.stmt === parent);
        if (!up) break;
        anchor = up;
      }
    }
    se.insert(lineStart(text, anchor.stmt.span.start), `${indentAt(text, anchor.stmt.span.start)}${line}${t.eol}`);
  }
}
