// What the Get credential fix may do with the secrets of one script, decided before any edit:
// - every distinct secret gets its own credential name, fixed for the whole script (a --fix round
//   fixes several findings against one analysis, so names cannot depend on the order fixes apply);
//   the uses of one secret value are fixed together and share one credential;
// - a secret that spans several lines (a PEM private key) is one value no user/password credential
//   can carry: no automatic fix, with the reason;
// - a custom-object input: only the property access that carries the secret can be replaced.
import type { Expr, ObjectEntry, ScriptAst, Statement, StringLit, VariableDeclaration } from '../model/pad-ast';
import { statementExpressions, walkExpressions } from '../load/pad/walk';
import { secretLiterals } from '../analysis/pad/secret-literals';
import type { ScriptFacts } from '../analysis/pad/types';
import { secretNameStrength } from '../analysis/shared/vocabulary';
import type { Span } from '../util/text';
import { pascalCase, unique, wordsOf } from './names';
import { allExpressions, literalText, Located, stringAt, wordCount } from './pad-script';

const SECRET_WORDS = new Set(['password', 'passwords', 'passwd', 'pwd', 'pass', 'passcode', 'passphrase', 'secret', 'secrets', 'key', 'apikey', 'token', 'pin', 'credential', 'credentials', 'cred']);
const IO_WORDS = new Set(['input', 'in', 'output', 'out', 'str', 'var']);

/** The words of a name without its secret and input/output words (`Input_SmtpPassword` → Smtp). */
export function baseWords(name: string): string[] {
  let w = wordsOf(name).filter(x => !SECRET_WORDS.has(x.toLowerCase()));
  while (w.length && IO_WORDS.has(w[0].toLowerCase())) w = w.slice(1);
  return w;
}

// ---------------------------------------------------------------------------------------------
// Multi-line secrets

const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]*(PRIVATE KEY|CERTIFICATE|KEY)[A-Z0-9 ]*-----/;

/**
 * Why a secret cannot become a credential's password, or undefined. `reported` is the text the
 * finding points at (for a PEM block: its BEGIN line), `value` the whole decoded secret when known.
 * The reason never quotes the secret.
 */
export function unfitForCredential(reported: string | undefined, value: string | undefined): string | undefined {
  if ((reported && PEM_BEGIN.test(reported)) || (value && PEM_BEGIN.test(value))) {
    return 'The secret is a private key (a PEM block of several lines, BEGIN and END lines included): a private key belongs in a certificate store '
      + 'or an Azure Key Vault secret, not in a credential\'s user name and password, so no automatic fix is offered. Move the whole key out of the flow '
      + '(a Key Vault secret read at run time, or a key file on the machine given by path, e.g. PathToPrivateKey of the SFTP action) and rotate it.';
  }
  if (value && /[\r\n]/.test(value)) {
    return 'The secret spans several lines: a credential\'s password holds one line, and splitting the value would change it, so no automatic fix is offered. '
      + 'Move the whole value out of the flow (an Azure Key Vault secret read at run time) and rotate it.';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Credential names for every secret of a script

/** One occurrence of a literal secret. */
export interface SecretUse { span: Span; lit: StringLit; stmt?: Statement; value?: string }

/** The uses of one secret value, fixed together under one credential name. */
export interface CredentialGroup { name: string; uses: SecretUse[] }

export interface CredentialPlan {
  /** Secret inputs (lower-case name) → credential name. */
  inputs: Map<string, string>;
  groups: CredentialGroup[];
  /** The group holding a span (a finding's), if any. */
  groupAt(span: Span): CredentialGroup | undefined;
  /** A name for a secret outside the plan: distinct from every planned name (the same for the same base). */
  extraName(base: string[]): string;
}

const spanKey = (s: Span) => `${s.start}:${s.end}`;

/** The variable or action a literal is given to, for the credential's name. */
function holderName(use: SecretUse, setVariable?: string): string | undefined {
  if (use.stmt?.kind === 'set') return use.stmt.variable;
  if (setVariable) return setVariable;
  if (use.stmt?.kind === 'action') return use.stmt.action;
  return undefined;
}

/**
 * Names for the credentials of a script: secret inputs first (declaration order), then literal
 * secrets grouped by value (document order of their first use). Deterministic for one script's facts.
 */
export function credentialPlan(ast: ScriptAst, all: Located[], facts: ScriptFacts, taken: (n: string) => boolean, fallback: string[]): CredentialPlan {
  const assigned = new Set<string>();
  const name = (base: string[]) => {
    const n = unique(`${pascalCase(base.length ? base : fallback)}Credential`, c => taken(c) || assigned.has(c.toLowerCase()));
    assigned.add(n.toLowerCase());
    return n;
  };
  const inputs = new Map<string, string>();
  for (const d of ast.declarations) {
    if (d.direction === 'input' && facts.secretInputs.has(d.name.toLowerCase())) inputs.set(d.name.toLowerCase(), name(baseWords(d.name)));
  }
  const byValue = new Map<string, SecretUse[]>();
  const order: SecretUse[][] = [];
  const hits = secretLiterals(facts).filter(h => h.use.ctx.kind !== 'default');
  // The statement of every string literal, found in one pass (not one walk per secret).
  const owners = new Map<Expr, Statement | undefined>();
  for (const { expr, stmt } of allExpressions(ast, all)) if (expr.kind === 'string') owners.set(expr, stmt);
  const seen = new Set<string>();
  const firstHit = new Map<string, (typeof hits)[number]>();
  for (const h of hits) {
    const found = owners.has(h.use.lit) && h.span.start >= h.use.lit.span.start && h.span.end <= h.use.lit.span.end
      ? { lit: h.use.lit, stmt: owners.get(h.use.lit) }
      : stringAt(ast, all, h.span);
    if (!found) continue;
    const value = literalText(found.lit, h.span);
    const use: SecretUse = { span: h.span, lit: found.lit, stmt: found.stmt, value };
    // A value with an interpolation, or one no credential can hold, stays on its own.
    const key = value !== undefined && !unfitForCredential(value, value) ? `v\u0000${value}` : `s\u0000${h.span.start}`;
    let uses = byValue.get(key);
    if (!uses) {
      uses = [];
      byValue.set(key, uses);
      order.push(uses);
    }
    const at = spanKey(use.span);
    if (seen.has(at)) continue;
    seen.add(at);
    uses.push(use);
    firstHit.set(at, h);
  }
  const groups: CredentialGroup[] = order.map(uses => {
    const first = uses[0];
    const ctx = firstHit.get(spanKey(first.span))?.use.ctx;
    const setVariable = ctx?.kind === 'set' ? ctx.variable : ctx?.kind === 'call' ? ctx.arg.name : undefined;
    const holder = holderName(first, setVariable);
    return { name: name(holder ? baseWords(holder) : []), uses };
  });
  const bySpan = new Map<string, CredentialGroup>();
  for (const g of groups) for (const u of g.uses) bySpan.set(spanKey(u.span), g);
  return {
    inputs,
    groups,
    groupAt: span => bySpan.get(spanKey(span)),
    // Not recorded: asking twice must give the same name.
    extraName: base => unique(`${pascalCase(base.length ? base : fallback)}Credential`, c => taken(c) || assigned.has(c.toLowerCase())),
  };
}

// ---------------------------------------------------------------------------------------------
// Custom-object inputs

export type ObjectInputPlan =
  | { kind: 'object'; property: string; accesses: Span[]; defaultEntries: ObjectEntry[] }
  | { kind: 'refused'; reason: string };

const OBJECT_TYPES = /^(customobject|object|datatable|datarow|list)$/i;

/** 1-based line of an offset. */
function lineNumber(text: string, offset: number): number {
  let n = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) n++;
  return n;
}

/** The constant property a read of a variable selects (`X['Password']`, `X.Password`), if any. */
function propertyRead(e: Expr, parent: Expr | undefined): { key: string; access: Expr } | undefined {
  if (parent?.kind === 'index' && parent.object === e && parent.index.kind === 'string' && parent.index.value !== undefined) return { key: parent.index.value, access: parent };
  if (parent?.kind === 'member' && parent.object === e) return { key: parent.property, access: parent };
  return undefined;
}

/**
 * For an input that is a custom object (typed so, or read by property): the property reads that carry
 * the secret, or why they cannot be told apart; undefined for an input used as a plain value.
 */
export function objectInputPlan(ast: ScriptAst, all: Located[], text: string, decl: VariableDeclaration, facts: ScriptFacts): ObjectInputPlan | undefined {
  const lower = decl.name.toLowerCase();
  const reads: Array<{ e: Expr; parent?: Expr; parentOfParent?: Expr; write: boolean }> = [];
  const visit = (root: Expr, target?: Expr) => {
    const parents = new Map<Expr, Expr | undefined>();
    walkExpressions(root, (e, parent) => {
      parents.set(e, parent);
      if (e.kind === 'var' && e.name.toLowerCase() === lower) reads.push({ e, parent, parentOfParent: parent ? parents.get(parent) : undefined, write: root === target });
    });
  };
  for (const { stmt } of all) for (const root of statementExpressions(stmt)) visit(root, stmt.kind === 'set' ? stmt.target : undefined);
  for (const d of ast.declarations) if (d.defaultValue) visit(d.defaultValue);
  const byProperty = reads.map(r => ({ r, p: propertyRead(r.e, r.parent) }));
  const typed = OBJECT_TYPES.test(decl.type ?? '');
  if (!typed && !byProperty.some(x => x.p)) return undefined;

  const where = (o: number) => `line ${lineNumber(text, o)}`;
  const whole = byProperty.find(x => !x.p || x.r.write);
  if (whole) {
    return { kind: 'refused', reason: `Input ${decl.name} is a custom object used whole (${where(whole.r.e.span.start)}): FlowCop cannot tell which part of it carries the secret, so no automatic fix is offered. Add a Get credential action and use its .Password where the object's secret property is read, by hand.` };
  }
  // Every mention of the name must be one of these reads, the declaration or the @SENSITIVE entry.
  let outside = text;
  outside = outside.slice(0, decl.span.start) + ' '.repeat(decl.span.end - decl.span.start) + outside.slice(decl.span.end);
  const sensitiveMentions = ast.sensitive?.names.filter(n => n.name.toLowerCase() === lower).length ?? 0;
  if (wordCount(outside, decl.name) !== reads.length + sensitiveMentions) {
    return { kind: 'refused', reason: `Input ${decl.name} is a custom object used where FlowCop cannot follow it, so no automatic fix is offered. Add a Get credential action and use its .Password where the object's secret property is read, by hand.` };
  }
  const fromAnalysis = new Set<string>();
  for (const k of facts.secrets.keys()) {
    const [v, p] = k.split('\u0000');
    if (v === lower && p !== undefined) fromAnalysis.add(p.toLowerCase());
  }
  const secretKeys = new Map<string, string>();
  for (const { p } of byProperty) {
    if (p && (fromAnalysis.has(p.key.toLowerCase()) || secretNameStrength(p.key) === 'strong')) secretKeys.set(p.key.toLowerCase(), p.key);
  }
  if (!secretKeys.size) {
    const read = [...new Set(byProperty.map(x => x.p!.key))].join(', ') || 'none';
    return { kind: 'refused', reason: `Input ${decl.name} is a custom object and none of the properties read from it (${read}) is known to carry a secret, so no automatic fix is offered. If one of them is a secret, read it with a Get credential action by hand; otherwise rename the input or suppress the finding.` };
  }
  if (secretKeys.size > 1) {
    return { kind: 'refused', reason: `Input ${decl.name} is a custom object with several secret properties (${[...secretKeys.values()].join(', ')}): one credential holds one password, so no automatic fix is offered. Read each secret with its own Get credential action, by hand.` };
  }
  const [[key, property]] = [...secretKeys];
  const accesses: Span[] = [];
  for (const { r, p } of byProperty) {
    if (!p || p.key.toLowerCase() !== key) continue;
    // `X['Password']['Value']`: the secret is inside the property; a credential's .Password has no parts.
    if (r.parentOfParent && (r.parentOfParent.kind === 'index' || r.parentOfParent.kind === 'member') && r.parentOfParent.object === p.access) {
      return { kind: 'refused', reason: `Input ${decl.name} is a custom object whose ${property} property is read in parts (${where(p.access.span.start)}), so no automatic fix is offered. Replace those reads with a Get credential action's .Password by hand.` };
    }
    accesses.push(p.access.span);
  }
  const dv = decl.defaultValue;
  const defaultEntries = dv?.kind === 'object' ? dv.entries.filter(en => en.key.toLowerCase() === key && en.value.kind === 'string') : [];
  return { kind: 'object', property, accesses, defaultEntries };
}
