// One pass over a desktop-flow script that records the raw facts: variables and where they are
// assigned and read, the string literals in value positions, the data-flow edges (SET chains,
// interpolation, CALL arguments, custom-object properties, actions that pass their input on), the uses
// of values as arguments of each role (the role of typed text decided by meaning: typing.ts), the fields
// text is typed into, loop rows, secret sources and sensitive-by-type variables, and which variables are
// read only in texts for people (message-uses.ts). Linear in the size of the script, in one walk: every
// script is collected on every lint and keystroke, so values that cannot hold what a step looks for (a
// number, an enum value, a text without interpolation) are turned away before any allocation. The
// closures over these facts are in flow.ts; facts.ts assembles them.
import type { ActionStmt, Argument, CallStmt, Expr, Statement, StringLit } from '../../model/pad-ast';
import { walkStatements } from '../../load/pad/walk';
import type { Span } from '../../util/text';
import { connectionKeyIs, CONNECTION_SECRET_KEYS, CONNECTION_SERVER_KEYS, parseConnectionString, wholeUrl } from '../shared/values';
import { isSecretHeader, secretNameStrength } from '../shared/vocabulary';
import { ArgRole, argumentInfo, isMessageArgumentName, isMessageModule, outputSource, passesDataThrough, SourceKind } from './catalog';
import { flatten, CONCAT_OPS, interpsIn, valueStrings } from './flat';
import { forEachRead, isTrivialValue, lowerName, refsOf, RootKey, rootKey } from './references';
import { headerLines, userInfoPasswords } from './text-scans';
import { typedField, typedRole } from './typing';
import type { Edge, Key, LiteralUse, Ref, ScriptSource, SecretReason, ValueContext, VariableInfo, Witness } from './types';

/**
 * A use of a key's value as an argument of some role. `stored`: at a secret position of a value stored in
 * a variable. `byLabel`: a password role that only the field's label or selector gives (facts.ts drops
 * it for a key that is known to be a user name).
 */
export interface SinkUse { key: Key; witness: Witness; stored?: boolean; byLabel?: boolean }

/** Text typed into a UI or terminal field: the role it was given and the window, page or session of the field. */
export interface TypedField { stmt: ActionStmt; arg: Argument; role?: ArgRole; form?: string }

/** A URL whose whole host is one interpolation (`%` in a flattened string): `https://%Host%:8443/x`. */
const URL_HOST_INTERP = /\b(?:https?|ftps?|sftp|wss?|ldaps?|tcp):\/\/(?:[^\s/@'"<>%]*@)?%(?=$|[:/?#\s'"])/gi;

/** Masks that replace a secret in a redacted copy: `***`, `xxxx`, `[REDACTED]`, `<hidden>`. */
const MASK_RE = /\*{3,}|•{3,}|#{4,}|\bx{4,}\b|\[(?:redacted|hidden|masked|removed)\]|<(?:redacted|hidden|masked|removed)>/i;

/**
 * A Text.Replace whose replacement is a mask (`ReplaceWith: 'Password=***'`): its result is a redacted
 * copy made for logging and no longer carries the secret it was given.
 */
function isRedaction(stmt: ActionStmt): boolean {
  if (!/^text\.replace/i.test(stmt.id)) return false;
  const replaceWith = stmt.args.find(a => a.name.toLowerCase() === 'replacewith')?.value;
  return !!replaceWith && replaceWith.kind === 'string' && replaceWith.parts.every(p => p.kind === 'text') && MASK_RE.test(replaceWith.value ?? '');
}

/** The raw facts of one script, before the flow closures. */
export class ScriptCollector {
  readonly aliases: Set<string>;
  readonly variables = new Map<string, VariableInfo>();
  readonly literals: LiteralUse[] = [];
  readonly edges: Edge[] = [];
  /** Sink uses: key → witness, per role. */
  readonly sinkUses = new Map<ArgRole, SinkUse[]>();
  /**
   * Secrets built into a stored value: `SET ConnStr TO $'''…;Password=%Cfg['db']['pwd']%'''` puts the
   * value of the reference at a secret position of the text stored in the target, which then holds it.
   */
  readonly builtInSecrets: Array<{ from: Key; into: Key }> = [];
  readonly sources: Array<{ key: Key; reason: SecretReason; kind: SourceKind }> = [];
  readonly autoSensitive = new Map<string, SourceKind>();
  /** `X['Password']` reads; `stored`: the read value goes into another variable (a SET, an action's output). */
  readonly secretPropertyReads: Array<{ key: Key; property: string; stored: boolean }> = [];
  /** Text typed into UI and terminal fields, with the field's role and the window or session it is on. */
  readonly typedFields: TypedField[] = [];
  /** Variables of LOOP FOREACH: each is one element (a data row, a list item) of a collection. */
  readonly rowVariables = new Set<string>();
  /** Variables (lower-case) read in a text for people (a log message, a dialog, an e-mail), and read anywhere else. */
  readonly readInMessage = new Set<string>();
  readonly readElsewhere = new Set<string>();
  private readonly envSecretNames: Set<string>;
  // One callback each for reads in message texts and elsewhere, made once (not a closure per expression).
  private readonly onRead = (name: string, offset: number, key: string) => this.read(name, offset, key, this.readElsewhere);
  private readonly onMessageRead = (name: string, offset: number, key: string) => this.read(name, offset, key, this.readInMessage);

  constructor(private readonly source: ScriptSource) {
    // UI and image repositories are not variables (a copy has no IMPORT line but uses the same names).
    this.aliases = new Set(['appmask', 'imgrepo', ...source.script.ast.imports.map(i => i.alias.toLowerCase())]);
    this.envSecretNames = new Set(
      (source.solution?.environmentVariables ?? []).filter(e => e.kind === 'Secret').flatMap(e => [e.schemaName.toLowerCase(), e.displayName.toLowerCase()]),
    );
  }

  collect(): this {
    const ast = this.source.script.ast;
    for (const d of ast.declarations) {
      const info = this.variable(d.name);
      if (d.direction === 'input') info.input ??= d;
      else info.output ??= d;
      if (d.direction === 'input' && d.defaultValue) this.collectValue(d.defaultValue, { kind: 'default', decl: d }, { v: d.name.toLowerCase() }, d.name, false);
    }
    walkStatements(ast, (stmt, ctx) => {
      this.statement(stmt, ctx.disabled);
    });
    return this;
  }

  private variable(name: string, key = lowerName(name)): VariableInfo {
    let info = this.variables.get(key);
    if (!info) {
      info = { name, key, assignments: [], onlyTrivialValues: true };
      this.variables.set(key, info);
    }
    return info;
  }

  private assign(name: string, span: Span, how: VariableInfo['assignments'][number]['how'], trivial: boolean): void {
    const info = this.variable(name);
    info.assignments.push({ span, how });
    if (!trivial) info.onlyTrivialValues = false;
  }

  private read(name: string, offset: number, key: string, where: Set<string>): void {
    const info = this.variable(name, key);
    if (info.firstRead === undefined || offset < info.firstRead) info.firstRead = offset;
    where.add(key);
  }

  private statement(stmt: Statement, disabled: boolean): void {
    switch (stmt.kind) {
      case 'set': return this.setStatement(stmt, disabled);
      case 'action': return this.actionStatement(stmt, disabled);
      case 'call': return this.callStatement(stmt, disabled);
      case 'foreach':
        this.readsIn(stmt.collection);
        this.assign(stmt.variable, stmt.variableSpan, 'loop', false);
        this.rowVariables.add(lowerName(stmt.variable));
        // The loop variable is one element of the collection.
        if (!disabled) for (const r of this.refs(stmt.collection, false)) this.edges.push({ from: r.key, to: { v: lowerName(stmt.variable) }, alias: false, extract: true });
        return;
      case 'loop':
        for (const e of [stmt.from, stmt.to, stmt.step]) this.readsIn(e);
        if (stmt.variable && stmt.variableSpan) this.assign(stmt.variable, stmt.variableSpan, 'loop', true);
        return;
      case 'getLastError':
        this.assign(stmt.variable, stmt.variableSpan, 'error', false);
        return;
      case 'if':
        for (const b of stmt.branches) if (b.condition.kind !== 'action') this.readsIn(b.condition);
        return;
      case 'while':
        if (stmt.condition.kind !== 'action') this.readsIn(stmt.condition);
        return;
      case 'switch':
        this.readsIn(stmt.value);
        for (const c of stmt.cases) this.readsIn(c.value);
        return;
      case 'wait':
        if (stmt.duration) this.readsIn(stmt.duration);
        if (stmt.timeout) this.readsIn(stmt.timeout);
        return;
      case 'exit':
        for (const a of stmt.args) this.readsIn(a.value);
        return;
      default:
        return;
    }
  }

  private readsIn(expr: Expr, message = false): void {
    forEachRead(expr, this.aliases, message ? this.onMessageRead : this.onRead);
  }

  /** Lower-case names of the variables read at least once and only in message texts (flow outputs excluded). */
  messageOnlyVariables(): Set<string> {
    const out = new Set<string>();
    const outputs = new Set<string>();
    // A flow output leaves the flow: whoever reads it may open it.
    for (const d of this.source.script.ast.declarations) if (d.direction === 'output') outputs.add(d.name.toLowerCase());
    for (const v of this.readInMessage) if (!this.readElsewhere.has(v) && !outputs.has(v)) out.add(v);
    return out;
  }

  private rootKey(expr: Expr): RootKey | undefined {
    return rootKey(expr, this.aliases);
  }

  private refs(expr: Expr, whole = true): Ref[] {
    return refsOf(expr, this.aliases, whole);
  }

  /** Records the string literals of a value and the flows into `target`. */
  private collectValue(value: Expr, ctx: ValueContext, target: Key | undefined, targetName: string | undefined, disabled: boolean, targetProperty?: string): void {
    this.visitValue(value, ctx, disabled, true, target, targetName, targetProperty);
  }

  private visitValue(e: Expr, ctx: ValueContext, disabled: boolean, entire: boolean, key: Key | undefined, name: string | undefined, prop: string | undefined): void {
    switch (e.kind) {
      case 'string':
        if (e.form === 'fx' && e.formula !== undefined) return;
        this.literals.push({ lit: e, flat: flatten(e), ctx, entire, target: key, targetName: name, propertyName: prop, disabled });
        if (key && !disabled && e.value === undefined) for (const r of this.refs(e, false)) this.edges.push({ from: r.key, to: key, alias: false, extract: r.deep });
        return;
      case 'paren': return this.visitValue(e.expr, ctx, disabled, entire, key, name, prop);
      case 'binary':
        if (!CONCAT_OPS.has(e.op)) return;
        this.visitValue(e.left, ctx, disabled, false, key, name, prop);
        this.visitValue(e.right, ctx, disabled, false, key, name, prop);
        return;
      case 'list':
        for (const i of e.items) this.visitValue(i, ctx, disabled, true, key, name, prop);
        return;
      case 'datatable':
        for (const i of e.header) this.visitValue(i, ctx, disabled, true, key, name, prop);
        for (const row of e.rows) for (const i of row) this.visitValue(i, ctx, disabled, true, key, name, prop);
        return;
      case 'object':
        for (const entry of e.entries) {
          const k = key && (key.p === undefined ? { v: key.v, p: entry.key.toLowerCase(), pn: entry.key } : key);
          const n = name && key?.p === undefined ? `${name}['${entry.key}']` : name;
          this.visitValue(entry.value, ctx, disabled, true, k, n, entry.key);
        }
        return;
      case 'var':
      case 'member':
      case 'index': {
        if (!key || disabled) return;
        const r = this.rootKey(e);
        if (r) this.edges.push({ from: r.key, to: key, alias: entire && e.kind === 'var', extract: r.deep });
        return;
      }
      default:
        return;
    }
  }

  private setStatement(stmt: Extract<Statement, { kind: 'set' }>, disabled: boolean): void {
    this.readsIn(stmt.value);
    const root = this.rootKey(stmt.target);
    if (stmt.target.kind !== 'var') this.readsIn(stmt.target);
    const name = root?.name ?? stmt.variable;
    const key = root?.key ?? { v: lowerName(stmt.variable) };
    this.assign(stmt.variable, stmt.variableSpan, 'set', isTrivialValue(stmt.value));
    this.collectValue(stmt.value, { kind: 'set', variable: stmt.variable }, key, name, disabled, root?.property);
    if (!disabled) this.noteSecretPropertyReads(stmt.value, stmt.target.kind === 'var');
    // Structural positions in the value (`Password=%DbPwd%` in a connection string, `Bearer %Token%`).
    if (!disabled) this.structuralUses(stmt.value, undefined, 'set', name, undefined, key);
  }

  /**
   * `X['Password']` / `X.ApiKey` read anywhere: that property of X holds a secret. `stored`: the value
   * read is stored in another variable (which then holds the secret).
   */
  private noteSecretPropertyReads(expr: Expr, stored: boolean): void {
    // Only a property read, or what holds one, can name a secret property: most values are neither.
    if (expr.kind !== 'member' && expr.kind !== 'index' && expr.kind !== 'binary' && expr.kind !== 'paren' && expr.kind !== 'list' && expr.kind !== 'object'
      && (expr.kind !== 'string' || expr.value !== undefined)) return;
    const stack: Expr[] = [expr];
    while (stack.length) {
      const e = stack.pop()!;
      if (e.kind === 'member' || e.kind === 'index') {
        const prop = e.kind === 'member' ? e.property : e.index.kind === 'string' ? e.index.value : undefined;
        if (prop && secretNameStrength(prop) === 'strong') {
          const r = this.rootKey(e);
          if (r && r.key.p !== undefined) this.secretPropertyReads.push({ key: r.key, property: prop, stored });
        }
        stack.push(e.object);
        if (e.kind === 'index') stack.push(e.index);
      } else if (e.kind === 'string') {
        for (const p of e.parts) if (p.kind === 'interpolation') stack.push(p.expr);
      } else if (e.kind === 'binary') stack.push(e.left, e.right);
      else if (e.kind === 'paren') stack.push(e.expr);
      else if (e.kind === 'list') for (const i of e.items) stack.push(i);
      else if (e.kind === 'object') for (const x of e.entries) stack.push(x.value);
    }
  }

  private sinkUse(role: ArgRole, key: Key, witness: Witness, stored = false, byLabel = false): void {
    let list = this.sinkUses.get(role);
    if (!list) this.sinkUses.set(role, (list = []));
    const use: SinkUse = { key, witness };
    if (stored) use.stored = true;
    if (byLabel) use.byLabel = true;
    list.push(use);
  }

  private actionStatement(stmt: ActionStmt, disabled: boolean): void {
    const field = typedField(stmt);
    // The action's outputs are made of its arguments (Text.Trim, Convert JSON…): a value read in an argument is stored there.
    const passesThrough = stmt.outputs.length > 0 && passesDataThrough(stmt.id) && !isRedaction(stmt);
    const messageModule = isMessageModule(stmt);
    for (const arg of stmt.args) {
      const value = arg.value;
      this.readsIn(value, messageModule && !arg.dynamic && isMessageArgumentName(arg.name));
      // A value that is neither a reference nor holds a literal (a number, an enum value) gives its role
      // nothing to act on, unless it is typed into a field (typedFields): its role is not looked up.
      let role = field || isReference(value) || holdsLiteral(value) ? argumentInfo(stmt.id, arg.name)?.role : undefined;
      const typed = role === 'typedText';
      let byLabel = false;
      if (typed) {
        const decided = typedRole(field, this.valueName(value));
        if (field && !disabled) this.typedFields.push({ stmt, arg, role: decided.role, form: field.form });
        role = decided.role;
        byLabel = decided.byLabel;
      }
      if (!role && arg.dynamic && this.isWholeUrl(value)) role = 'url';
      const dynamicInput = arg.dynamic && /^external\.runflow/i.test(stmt.id);
      // A child flow's input: the literal goes into a variable of that name (for name-based checks).
      const target = dynamicInput ? { v: `@${arg.name.toLowerCase()}` } : undefined;
      // A value with neither a literal nor (for a child flow's input) a reference records nothing.
      if (holdsLiteral(value) || (target && isReference(value))) this.collectValue(value, { kind: 'arg', stmt, arg, role }, target, dynamicInput ? arg.name : undefined, disabled);
      if (disabled) continue;
      this.noteSecretPropertyReads(value, passesThrough);
      const refs = role && (isReference(value) || holdsLiteral(value)) ? this.refs(value) : NO_REFS;
      if (refs.length && role) {
        const into = role === 'secret' ? 'a password field' : 'a user-name field';
        const witness: Witness = { role, argument: typed ? `${arg.name} (typed into ${into})` : arg.name, action: stmt.id };
        if (role !== 'connection' && role !== 'headers' && role !== 'script' && role !== 'targetDesktop') {
          for (const r of refs) this.sinkUse(role, r.key, witness, false, byLabel);
        }
        // A variable interpolated into a connection string, header block or script is judged by its position there (structuralUses).
        if (role === 'connection' || role === 'headers' || role === 'script') {
          for (const r of refs) if (r.whole) this.sinkUse(role, r.key, witness);
        }
      }
      this.structuralUses(value, role, 'arg', arg.name, stmt.id);
    }
    if (!stmt.outputs.length) return;
    const argValues: string[] = [];
    for (const arg of stmt.args) if (arg.value.kind === 'string' && arg.value.value !== undefined) argValues.push(arg.value.value);
    // Display input dialog with InputType: Password: what the user types is a secret.
    const passwordDialog = /^display\.inputdialog/i.test(stmt.id)
      && stmt.args.some(a => a.name.toLowerCase() === 'inputtype' && a.value.kind === 'dotted' && /\.password$/i.test(a.value.name));
    for (const out of stmt.outputs) {
      const src = passwordDialog && out.name.toLowerCase() === 'userinput'
        ? { kind: 'secret' as const, what: 'a password typed in an input dialog' }
        : outputSource(stmt.id, out.name, argValues, this.envSecretNames);
      const v = lowerName(out.variable);
      this.assign(out.variable, out.variableSpan, 'output', false);
      if (disabled) continue;
      if (src) {
        if (src.kind === 'credential') {
          this.autoSensitive.set(v, 'credential');
          this.sources.push({ key: { v, p: 'password', pn: 'Password' }, reason: { kind: 'source', what: src.what, action: stmt.id }, kind: src.kind });
        } else {
          if (src.kind === 'environmentSecret') this.autoSensitive.set(v, src.kind);
          this.sources.push({ key: { v }, reason: { kind: 'source', what: src.what, action: stmt.id }, kind: src.kind });
        }
      } else if (passesThrough) {
        for (const arg of stmt.args) for (const r of this.refs(arg.value, false)) this.edges.push({ from: r.key, to: { v }, alias: false, extract: r.deep });
      }
    }
  }

  private callStatement(stmt: CallStmt, disabled: boolean): void {
    for (const arg of stmt.args) {
      this.readsIn(arg.value);
      const target = { v: arg.name.toLowerCase() };
      this.variable(arg.name, target.v);
      this.collectValue(arg.value, { kind: 'call', stmt, arg }, target, arg.name, disabled);
      if (!disabled) {
        this.noteSecretPropertyReads(arg.value, false);
        this.structuralUses(arg.value, undefined, 'call', arg.name, stmt.target);
      }
    }
    for (const out of stmt.outputs) {
      this.assign(out.variable, out.variableSpan, 'call-output', false);
      if (!disabled) this.edges.push({ from: { v: lowerName(out.name) }, to: { v: lowerName(out.variable) }, alias: true });
    }
  }

  /** The name a typed value carries: its variable's, or its property's (`Cred.Username`, `Row['Password']`). */
  private valueName(value: Expr): string | undefined {
    const refs = this.refs(value);
    if (refs.length !== 1 || !refs[0].whole) return undefined;
    const r = this.rootKey(value);
    return r?.property ?? r?.name;
  }

  private isWholeUrl(value: Expr): boolean {
    return value.kind === 'string' && !!wholeUrl(flatten(value).text);
  }

  /**
   * Interpolations at secret or host positions of structured strings: `Password=%Pwd%` in a
   * connection string, `Authorization: Bearer %Token%`, `https://%User%:%Pwd%@host`. Where the value
   * is, for the witness (`in Url of Web.InvokeWebService`, `assigned to Conn`, `passed to Pwd of CALL
   * Login`), is worded only for a hit: `how`, the argument or variable `name`, and for an argument the
   * action (also the witness's action) or for a CALL the subflow (`owner`).
   */
  private structuralUses(value: Expr, role: ArgRole | undefined, how: 'arg' | 'set' | 'call', name: string, owner?: string, into?: Key): void {
    // Only a text with an interpolation has one at a position: most values have none.
    if (value.kind === 'string') {
      if (value.value === undefined) this.structuralUsesIn(value, role, how, name, owner, into);
      return;
    }
    if (!holdsLiteral(value)) return;
    for (const lit of valueStrings(value)) if (lit.value === undefined) this.structuralUsesIn(lit, role, how, name, owner, into);
  }

  private structuralUsesIn(lit: StringLit, role: ArgRole | undefined, how: 'arg' | 'set' | 'call', name: string, owner: string | undefined, into: Key | undefined): void {
    const f = flatten(lit);
    if (f.pure) return;
    const action = how === 'arg' ? owner : undefined;
    const where = () => (how === 'arg' ? `in ${name} of ${owner}` : how === 'set' ? `assigned to ${name}` : `passed to ${name} of CALL ${owner}`);
    const secretAt = (r: Ref, witness: Witness) => {
      this.sinkUse('secret', r.key, witness, !!into);
      if (into) this.builtInSecrets.push({ from: r.key, into });
    };
    for (const part of parseConnectionString(f.text)) {
      const isSecret = connectionKeyIs(part.key, CONNECTION_SECRET_KEYS);
      const isServer = connectionKeyIs(part.key, CONNECTION_SERVER_KEYS);
      if (!isSecret && !isServer) continue;
      for (const e of interpsIn(f, part.start, part.end)) {
        for (const r of this.refs(e, false)) {
          if (isSecret) secretAt(r, { role: 'secret', argument: `${part.key}= of the connection string ${where()}`, action });
          else this.sinkUse('host', r.key, { role: 'host', argument: `${part.key}= of the connection string ${where()}`, action });
        }
      }
    }
    if (role === 'headers' || role === undefined) {
      for (const h of headerLines(f.text)) {
        if (!isSecretHeader(h.name)) continue;
        for (const e of interpsIn(f, h.valueStart, h.valueEnd)) {
          for (const r of this.refs(e, false)) secretAt(r, { role: 'secret', argument: `the ${h.name} header ${where()}`, action });
        }
      }
    }
    // User info and URL hosts need a scheme's `://`.
    if (!f.text.includes('://')) return;
    for (const u of userInfoPasswords(f.text)) {
      for (const e of interpsIn(f, u.start, u.end)) {
        for (const r of this.refs(e, false)) secretAt(r, { role: 'secret', argument: `the password of the URL ${where()}`, action });
      }
    }
    // `http://%Host%/status`: the variable is the host of the URL.
    for (const m of f.text.matchAll(URL_HOST_INTERP)) {
      const at = m.index! + m[0].length - 1;
      if (!f.interp[at]) continue;
      for (const e of interpsIn(f, at, at + 1)) {
        for (const r of this.refs(e, false)) this.sinkUse('urlHost', r.key, { role: 'urlHost', argument: `the host of the URL ${where()}`, action });
      }
    }
  }
}

const NO_REFS: readonly Ref[] = [];

/** A value that is or may hold a string literal (a text, or a concatenation, list, table or object). */
function holdsLiteral(e: Expr): boolean {
  return e.kind === 'string' || e.kind === 'paren' || e.kind === 'binary' || e.kind === 'list' || e.kind === 'datatable' || e.kind === 'object';
}

/** A reference to a variable or one of its parts. */
function isReference(e: Expr): boolean {
  return e.kind === 'var' || e.kind === 'member' || e.kind === 'index';
}
