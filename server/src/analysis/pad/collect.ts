// One pass over a desktop-flow script that records the raw facts: variables and where they are
// assigned and read, the string literals in value positions, the data-flow edges (SET chains,
// interpolation, CALL arguments, custom-object properties, actions that pass their input on), the uses
// of values as arguments of each role (the role of typed text decided by meaning: typedRole), the fields
// text is typed into, loop rows, secret sources and sensitive-by-type variables. Linear in the
// size of the script. The closures over these facts are in flow.ts; facts.ts assembles them.
import type { ActionStmt, Argument, CallStmt, Expr, Statement } from '../../model/pad-ast';
import { walkStatements } from '../../load/pad/walk';
import type { Span } from '../../util/text';
import { connectionKeyIs, CONNECTION_SECRET_KEYS, CONNECTION_SERVER_KEYS, parseConnectionString, wholeUrl } from '../shared/values';
import { isSecretHeader, isUserName, secretNameStrength } from '../shared/vocabulary';
import { ArgRole, argumentInfo, fieldRole, outputSource, passesDataThrough, SourceKind, typedTextSessionArg, typedTextTargetArg } from './catalog';
import { flatten, CONCAT_OPS, interpsIn, valueStrings } from './flat';
import { forEachRead, isTrivialValue, refsOf, RootKey, rootKey } from './references';
import { headerLines, userInfoPasswords } from './text-scans';
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
  private readonly envSecretNames: Set<string>;

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

  private variable(name: string): VariableInfo {
    const key = name.toLowerCase();
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

  private read(name: string, offset: number): void {
    const info = this.variable(name);
    if (info.firstRead === undefined || offset < info.firstRead) info.firstRead = offset;
  }

  private statement(stmt: Statement, disabled: boolean): void {
    switch (stmt.kind) {
      case 'set': return this.setStatement(stmt, disabled);
      case 'action': return this.actionStatement(stmt, disabled);
      case 'call': return this.callStatement(stmt, disabled);
      case 'foreach':
        this.readsIn(stmt.collection);
        this.assign(stmt.variable, stmt.variableSpan, 'loop', false);
        this.rowVariables.add(stmt.variable.toLowerCase());
        // The loop variable is one element of the collection.
        if (!disabled) for (const r of this.refs(stmt.collection, false)) this.edges.push({ from: r.key, to: { v: stmt.variable.toLowerCase() }, alias: false, extract: true });
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

  private readsIn(expr: Expr): void {
    forEachRead(expr, this.aliases, (name, offset) => this.read(name, offset));
  }

  private rootKey(expr: Expr): RootKey | undefined {
    return rootKey(expr, this.aliases);
  }

  private refs(expr: Expr, whole = true): Ref[] {
    return refsOf(expr, this.aliases, whole);
  }

  /** Records the string literals of a value and the flows into `target`. */
  private collectValue(value: Expr, ctx: ValueContext, target: Key | undefined, targetName: string | undefined, disabled: boolean, targetProperty?: string): void {
    const visit = (e: Expr, entire: boolean, key: Key | undefined, name: string | undefined, prop: string | undefined) => {
      switch (e.kind) {
        case 'string':
          if (e.form === 'fx' && e.formula !== undefined) return;
          this.literals.push({ lit: e, flat: flatten(e), ctx, entire, target: key, targetName: name, propertyName: prop, disabled });
          if (key && !disabled) for (const r of this.refs(e, false)) this.edges.push({ from: r.key, to: key, alias: false, extract: r.deep });
          return;
        case 'paren': return visit(e.expr, entire, key, name, prop);
        case 'binary':
          if (!CONCAT_OPS.has(e.op)) return;
          visit(e.left, false, key, name, prop);
          visit(e.right, false, key, name, prop);
          return;
        case 'list':
          for (const i of e.items) visit(i, true, key, name, prop);
          return;
        case 'datatable':
          for (const i of [...e.header, ...e.rows.flat()]) visit(i, true, key, name, prop);
          return;
        case 'object':
          for (const entry of e.entries) {
            const k = key && (key.p === undefined ? { v: key.v, p: entry.key.toLowerCase(), pn: entry.key } : key);
            const n = name && key?.p === undefined ? `${name}['${entry.key}']` : name;
            visit(entry.value, true, k, n, entry.key);
          }
          return;
        case 'var':
        case 'member':
        case 'index': {
          const r = this.rootKey(e);
          if (r && key && !disabled) this.edges.push({ from: r.key, to: key, alias: entire && e.kind === 'var', extract: r.deep });
          return;
        }
        default:
          return;
      }
    };
    visit(value, true, target, targetName, targetProperty);
  }

  private setStatement(stmt: Extract<Statement, { kind: 'set' }>, disabled: boolean): void {
    this.readsIn(stmt.value);
    const root = this.rootKey(stmt.target);
    if (stmt.target.kind !== 'var') this.readsIn(stmt.target);
    const name = root?.name ?? stmt.variable;
    const key = root?.key ?? { v: stmt.variable.toLowerCase() };
    this.assign(stmt.variable, stmt.variableSpan, 'set', isTrivialValue(stmt.value));
    this.collectValue(stmt.value, { kind: 'set', variable: stmt.variable }, key, name, disabled, root?.property);
    if (!disabled) this.noteSecretPropertyReads(stmt.value, stmt.target.kind === 'var');
    // Structural positions in the value (`Password=%DbPwd%` in a connection string, `Bearer %Token%`).
    if (!disabled) this.structuralUses(stmt.value, undefined, `assigned to ${name}`, undefined, key);
  }

  /**
   * `X['Password']` / `X.ApiKey` read anywhere: that property of X holds a secret. `stored`: the value
   * read is stored in another variable (which then holds the secret).
   */
  private noteSecretPropertyReads(expr: Expr, stored: boolean): void {
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
      else if (e.kind === 'list') stack.push(...e.items);
      else if (e.kind === 'object') stack.push(...e.entries.map(x => x.value));
    }
  }

  private sinkUse(role: ArgRole, key: Key, witness: Witness, stored = false, byLabel = false): void {
    let list = this.sinkUses.get(role);
    if (!list) this.sinkUses.set(role, (list = []));
    list.push({ key, witness, ...(stored ? { stored } : {}), ...(byLabel ? { byLabel } : {}) });
  }

  private actionStatement(stmt: ActionStmt, disabled: boolean): void {
    const argValues: string[] = [];
    const field = this.typedField(stmt);
    // The action's outputs are made of its arguments (Text.Trim, Convert JSON…): a value read in an argument is stored there.
    const passesThrough = stmt.outputs.length > 0 && passesDataThrough(stmt.id) && !isRedaction(stmt);
    for (const arg of stmt.args) {
      this.readsIn(arg.value);
      if (arg.value.kind === 'string' && arg.value.value !== undefined) argValues.push(arg.value.value);
      let role = argumentInfo(stmt.id, arg.name)?.role;
      const typed = role === 'typedText';
      let byLabel = false;
      if (typed) {
        const decided = typedRole(field, this.valueName(arg.value));
        if (field && !disabled) this.typedFields.push({ stmt, arg, role: decided.role, form: field.form });
        role = decided.role;
        byLabel = decided.byLabel;
      }
      if (!role && arg.dynamic && this.isWholeUrl(arg.value)) role = 'url';
      const ctx: ValueContext = { kind: 'arg', stmt, arg, role };
      const dynamicInput = arg.dynamic && /^external\.runflow/i.test(stmt.id);
      // A child flow's input: the literal goes into a variable of that name (for name-based checks).
      const target = dynamicInput ? { v: `@${arg.name.toLowerCase()}` } : undefined;
      this.collectValue(arg.value, ctx, target, dynamicInput ? arg.name : undefined, disabled);
      if (disabled) continue;
      this.noteSecretPropertyReads(arg.value, passesThrough);
      const into = role === 'secret' ? 'a password field' : 'a user-name field';
      const witness: Witness = { role: role ?? 'secret', argument: typed ? `${arg.name} (typed into ${into})` : arg.name, action: stmt.id };
      if (role && role !== 'connection' && role !== 'headers' && role !== 'script' && role !== 'targetDesktop') {
        for (const r of this.refs(arg.value)) this.sinkUse(role, r.key, witness, false, byLabel);
      }
      // A variable interpolated into a connection string, header block or script is judged by its position there (structuralUses).
      if (role === 'connection' || role === 'headers' || role === 'script') {
        for (const r of this.refs(arg.value)) if (r.whole) this.sinkUse(role, r.key, witness);
      }
      this.structuralUses(arg.value, role, `in ${arg.name} of ${stmt.id}`, stmt.id);
    }
    // Display input dialog with InputType: Password: what the user types is a secret.
    const passwordDialog = /^display\.inputdialog/i.test(stmt.id)
      && stmt.args.some(a => a.name.toLowerCase() === 'inputtype' && a.value.kind === 'dotted' && /\.password$/i.test(a.value.name));
    for (const out of stmt.outputs) {
      const src = passwordDialog && out.name.toLowerCase() === 'userinput'
        ? { kind: 'secret' as const, what: 'a password typed in an input dialog' }
        : outputSource(stmt.id, out.name, argValues, this.envSecretNames);
      const v = out.variable.toLowerCase();
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
      } else if (passesDataThrough(stmt.id) && !isRedaction(stmt)) {
        for (const arg of stmt.args) for (const r of this.refs(arg.value, false)) this.edges.push({ from: r.key, to: { v }, alias: false, extract: r.deep });
      }
    }
  }

  private callStatement(stmt: CallStmt, disabled: boolean): void {
    for (const arg of stmt.args) {
      this.readsIn(arg.value);
      const target = { v: arg.name.toLowerCase() };
      this.variable(arg.name);
      this.collectValue(arg.value, { kind: 'call', stmt, arg }, target, arg.name, disabled);
      if (!disabled) {
        this.noteSecretPropertyReads(arg.value, false);
        this.structuralUses(arg.value, undefined, `passed to ${arg.name} of CALL ${stmt.target}`);
      }
    }
    for (const out of stmt.outputs) {
      this.assign(out.variable, out.variableSpan, 'call-output', false);
      if (!disabled) this.edges.push({ from: { v: out.name.toLowerCase() }, to: { v: out.variable.toLowerCase() }, alias: true });
    }
  }

  /**
   * The field a typing action types into: what its name, selector or label says it is for, and the
   * window, page or session it is on (`Login` of `appmask['Login']['Edit \'Password:\'']`, the terminal
   * session variable), so that a user name and a password typed into one form can be told apart.
   */
  private typedField(stmt: ActionStmt): TypingTarget | undefined {
    const targets = typedTextTargetArg(stmt.id);
    if (!targets.length) return undefined;
    const out: TypingTarget = { explicit: false };
    for (const a of stmt.args) {
      if (!targets.includes(a.name.toLowerCase())) continue;
      // The innermost element name (the last index) is the field itself; the outermost, its window or page.
      const names = elementNames(a.value);
      const r = names.length ? fieldRole(names[0]) : undefined;
      if (r) Object.assign(out, r);
      if (names.length > 1) out.form = names[names.length - 1];
    }
    if (out.form === undefined) {
      const session = stmt.args.find(a => typedTextSessionArg(stmt.id).includes(a.name.toLowerCase()));
      if (session?.value.kind === 'var') out.form = session.value.name;
    }
    return out;
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
   * connection string, `Authorization: Bearer %Token%`, `https://%User%:%Pwd%@host`.
   */
  private structuralUses(value: Expr, role: ArgRole | undefined, where: string, action?: string, into?: Key): void {
    const secretAt = (r: Ref, witness: Witness) => {
      this.sinkUse('secret', r.key, witness, !!into);
      if (into) this.builtInSecrets.push({ from: r.key, into });
    };
    for (const lit of valueStrings(value)) {
      const f = flatten(lit);
      if (f.pure) continue;
      for (const part of parseConnectionString(f.text)) {
        const isSecret = connectionKeyIs(part.key, CONNECTION_SECRET_KEYS);
        const isServer = connectionKeyIs(part.key, CONNECTION_SERVER_KEYS);
        if (!isSecret && !isServer) continue;
        for (const e of interpsIn(f, part.start, part.end)) {
          for (const r of this.refs(e, false)) {
            if (isSecret) secretAt(r, { role: 'secret', argument: `${part.key}= of the connection string ${where}`, action });
            else this.sinkUse('host', r.key, { role: 'host', argument: `${part.key}= of the connection string ${where}`, action });
          }
        }
      }
      if (role === 'headers' || role === undefined) {
        for (const h of headerLines(f.text)) {
          if (!isSecretHeader(h.name)) continue;
          for (const e of interpsIn(f, h.valueStart, h.valueEnd)) {
            for (const r of this.refs(e, false)) secretAt(r, { role: 'secret', argument: `the ${h.name} header ${where}`, action });
          }
        }
      }
      for (const u of userInfoPasswords(f.text)) {
        for (const e of interpsIn(f, u.start, u.end)) {
          for (const r of this.refs(e, false)) secretAt(r, { role: 'secret', argument: `the password of the URL ${where}`, action });
        }
      }
      // `http://%Host%/status`: the variable is the host of the URL.
      for (const m of f.text.matchAll(URL_HOST_INTERP)) {
        const at = m.index! + m[0].length - 1;
        if (!f.interp[at]) continue;
        for (const e of interpsIn(f, at, at + 1)) {
          for (const r of this.refs(e, false)) this.sinkUse('urlHost', r.key, { role: 'urlHost', argument: `the host of the URL ${where}`, action });
        }
      }
    }
  }
}

/** The field a typing action types into (see ScriptCollector.typedField). */
interface TypingTarget { role?: 'secret' | 'user'; explicit: boolean; form?: string }

/** Element names in a control expression, innermost first: `appmask['Login']['Edit \'Password:\'']`, a selector text. */
function elementNames(value: Expr): string[] {
  const names: string[] = [];
  const stack: Expr[] = [value];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.kind === 'index') {
      if (e.index.kind === 'string' && e.index.value !== undefined) names.push(e.index.value);
      stack.push(e.object);
    } else if (e.kind === 'member') {
      names.push(e.property);
      stack.push(e.object);
    } else if (e.kind === 'string' && e.value !== undefined) {
      names.push(e.value);
    }
  }
  return names;
}

/**
 * The role of text typed into a field, from meaning first: a value named like a user name (`Username`,
 * `Cred.Username`) is a user name whatever the recorder called the field, unless the element's own type
 * says password (`Input password`); then the field: a password box by its label or selector
 * (`Edit 'Password:'`, a terminal field labelled `Password`) gives a password role marked `byLabel` (a key
 * that is a user name elsewhere does not take it); a field named for the user name gives a user name.
 */
function typedRole(field: TypingTarget | undefined, valueName: string | undefined): { role?: ArgRole; byLabel: boolean } {
  const userValue = valueName !== undefined && isUserName(valueName);
  if (field?.role === 'secret' && (field.explicit || !userValue)) return { role: 'secret', byLabel: !field.explicit };
  if (userValue || field?.role === 'user') return { role: 'user', byLabel: false };
  return { byLabel: false };
}
