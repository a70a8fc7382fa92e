// Shared analysis of one desktop-flow script for the pad/* credential, machine and environment rules:
// variables and where they are assigned, sensitivity, secret sources, the string literals in value
// positions, and a simple data flow (SET chains, interpolation, CALL arguments, custom-object
// properties) that tells which literal or variable reaches which kind of argument.
// Computed once per Script (WeakMap) and shared by the six rules; linear in the size of the script
// apart from the flow closures, which are linear in the number of assignments.
import type { ActionStmt, Argument, CallStmt, Expr, ObjectLit, StringLit, Statement, VariableDeclaration } from '../../model/pad-ast';
import { walkStatements } from '../../load/pad/walk';
import type { Script } from '../../model/types';
import type { ScriptUnit } from '../rule';
import type { Span } from '../../util/text';
import {
  classifyHost, connectionKeyIs, findStructuredSecrets, StructuredSecret, CONNECTION_SECRET_KEYS, CONNECTION_SERVER_KEYS, environmentInPath, environmentMarkerOf, findPaths, findUrls,
  HostKind, hostAllowed, isDocumentationHost, isPlaceholderSecret, normalizeHost, parseConnectionString, PathMatch, serverHost, UrlMatch, wholeUrl,
} from '../../analysis/shared/values';
import {
  ArgRole, argumentInfo, isPasswordControlName, outputSource, passesDataThrough, SourceKind, typedTextTargetArg,
} from '../../analysis/pad/catalog';
import { isSecretHeader, isSecretQueryValue, SECRET_JSON_KEYS, secretNameStrength } from '../../analysis/shared/vocabulary';
import { commandLinePasswords } from '../../analysis/shared/command-secrets';
import { findUserInfo } from '../../analysis/shared/scan';

// ---------------------------------------------------------------------------------------------
// Flattened strings: decoded text with one placeholder character per interpolation

/** The text of a string literal with every `%expr%` / `${expr}` replaced by one `%`, and script offsets per character. */
export interface FlatString {
  lit: StringLit;
  text: string;
  /** Script offsets where character i starts and ends (raw, escapes included). */
  starts: Int32Array;
  ends: Int32Array;
  /** Character i stands for an interpolation (1). */
  interp: Uint8Array;
  /** Interpolated expressions by their placeholder index. */
  interpolations: Array<{ index: number; expr: Expr }>;
  /** No interpolation at all. */
  pure: boolean;
}

export function flatten(lit: StringLit): FlatString {
  // Sized once and filled in place: per-character `text +=` and push() cost ~135 bytes per character.
  let length = 0;
  for (const part of lit.parts) length += part.kind === 'interpolation' ? 1 : part.value.length;
  const starts = new Int32Array(length);
  const ends = new Int32Array(length);
  const interp = new Uint8Array(length);
  const chunks: string[] = [];
  const interpolations: FlatString['interpolations'] = [];
  let k = 0;
  for (const part of lit.parts) {
    if (part.kind === 'interpolation') {
      interpolations.push({ index: k, expr: part.expr });
      chunks.push('%');
      starts[k] = part.span.start;
      ends[k] = part.span.end;
      interp[k++] = 1;
      continue;
    }
    chunks.push(part.value);
    for (let i = 0; i < part.value.length; i++, k++) {
      const s = part.offsets ? part.offsets[i] : part.span.start + i;
      starts[k] = s;
      ends[k] = part.offsets ? (i + 1 < part.offsets.length ? part.offsets[i + 1] : part.span.end) : s + 1;
    }
  }
  return { lit, text: chunks.join(''), starts, ends, interp, interpolations, pure: interpolations.length === 0 };
}

/** Script span of characters [a, b) of a flat string. */
export function flatSpan(f: FlatString, a: number, b: number): Span {
  if (b <= a) return { start: f.starts[a] ?? f.lit.span.start, end: f.starts[a] ?? f.lit.span.start };
  return { start: f.starts[a], end: f.ends[b - 1] };
}

function hasInterp(f: FlatString, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (f.interp[i]) return true;
  return false;
}

/** Interpolated expressions placed within [a, b). */
function interpsIn(f: FlatString, a: number, b: number): Expr[] {
  return f.interpolations.filter(x => x.index >= a && x.index < b).map(x => x.expr);
}

// ---------------------------------------------------------------------------------------------
// Keys, references, contexts

/** A variable (lower-case) and optionally one first-level property (lower-case). */
export interface Key { v: string; p?: string; /** The property as written, for messages. */ pn?: string }
const keyString = (k: Key) => (k.p === undefined ? k.v : `${k.v}\u0000${k.p}`);

interface Ref {
  key: Key;
  /** The expression is exactly this reference (not interpolated or concatenated). */
  whole: boolean;
  /**
   * The expression reads something out of the keyed value (`Config['a']['b']`, `Table[0]`, `Rows[i]['Pwd']`):
   * a value extracted from it rather than the key's whole value.
   */
  deep: boolean;
}

/** Where a value flows or is used, for messages: `Password of Email.SendEmail.AuthenticateAndSend`. */
export interface Witness {
  role: ArgRole;
  /** Argument name, or the structural position (`Password=` of a connection string). */
  argument: string;
  action?: string;
  /** A variable the value travels through on the way, when not direct. */
  via?: string;
}

export type ValueContext =
  | { kind: 'arg'; stmt: ActionStmt; arg: Argument; role?: ArgRole }
  | { kind: 'call'; stmt: CallStmt; arg: Argument }
  | { kind: 'set'; variable: string }
  | { kind: 'default'; decl: VariableDeclaration };

/** A string literal in a value position: an argument value, the value of SET, an object property, a list item, a default. */
export interface LiteralUse {
  lit: StringLit;
  flat: FlatString;
  ctx: ValueContext;
  /** The literal is the entire value at its position (not an operand of `+`). */
  entire: boolean;
  /** Where the value goes, for SET / CALL / defaults: the variable and property it is stored in. */
  target?: Key;
  /** Display name of the target (`DbPassword`, `Config['ApiKey']`). */
  targetName?: string;
  /** The property name as written, when the literal is a custom-object property value. */
  propertyName?: string;
  disabled: boolean;
}

/** One finding candidate produced by the analysis; rules filter and word them. */
export interface Hit {
  use: LiteralUse;
  span: Span;
  /** The reported range is the whole literal (a pure literal that is the entire value). */
  literal: 'whole' | 'part';
  /** For URLs: the address without its query, reported instead when the query holds a secret another rule reports. */
  narrow?: Span;
}

export interface SecretHit extends Hit {
  how: 'argument' | 'connection-string' | 'url' | 'json' | 'header' | 'script' | 'shape' | 'data-flow' | 'name' | 'typed-text';
  /** The secret-bearing argument or position (`Password`, `Password=`, `Authorization` header, `sig` query parameter). */
  what: string;
  witness?: Witness;
  /** For URLs: scheme and host. */
  origin?: string;
}

export interface MachineHit extends Hit {
  host: string;
  /** For UNC paths: the path. */
  path?: string;
  how: 'unc' | 'connection-string' | 'url' | 'host-argument' | 'remote-desktop';
  hostKind?: HostKind;
  witness?: Witness;
}

export interface PathHit extends Hit {
  path: string;
  kind: PathMatch['kind'];
  witness?: Witness;
}

export interface UrlHit extends Hit {
  origin: string;
  host: string;
  hostKind: HostKind;
  marker?: string;
  witness?: Witness;
}

/** A header line (`@@ConnectionString: '…'`, `@@Type: '…'`) naming a remote machine. */
export interface HeaderHit {
  span: Span;
  key: string;
  value: string;
}

export type SecretReason =
  | { kind: 'source'; what: string; action: string }
  | { kind: 'sink'; witness: Witness }
  | { kind: 'derived'; from: string }
  | { kind: 'name' }
  | { kind: 'property'; property: string }
  | { kind: 'input' };

export interface VariableInfo {
  /** Name as first written. */
  name: string;
  key: string;
  /** Spans of the variable name where it is assigned (SET target, `Out=> Var`, loop variables), in document order. */
  assignments: Array<{ span: Span; how: 'set' | 'output' | 'loop' | 'call-output' | 'error' }>;
  /** Offset of the first read of the variable, if any. */
  firstRead?: number;
  input?: VariableDeclaration;
  output?: VariableDeclaration;
  /** Assigned only from literals that are empty or placeholders, numbers or booleans (never carries data). */
  onlyTrivialValues: boolean;
}

export interface ScriptAnalysis {
  script: Script;
  clipboard: boolean;
  variables: Map<string, VariableInfo>;
  /** Marked sensitive: @SENSITIVE, `format: password` in the flow schema. */
  sensitive: Set<string>;
  /** Sensitive by type: Credential variables, Secret environment variable values. */
  autoSensitive: Map<string, SourceKind>;
  literals: LiteralUse[];
  /** Variables (and properties) that hold a secret, with the first reason found. */
  secrets: Map<string, SecretReason>;
  /**
   * The subset of `secrets` a reviewer points at: the keys that hold the secret value. A container (a
   * custom object, a JSON or text document, a table, a list) is left out when only a value read out of
   * it later reaches a secret argument or is named like a secret, and that value is stored in another
   * variable first (that variable holds it); it stays when the value goes straight from it into the
   * argument, when the container itself came from a secret source, or when it is a copy or conversion
   * of a container marked sensitive.
   */
  holders: Map<string, SecretReason>;
  /** Inputs that are secrets (for pad/secret-input-variable), with why. */
  secretInputs: Map<string, { decl: VariableDeclaration; why: 'name' | 'sensitive-name' | 'sink'; witness?: Witness; literalDefault?: boolean }>;
  secretHits: SecretHit[];
  machineHits: MachineHit[];
  pathHits: PathHit[];
  urlHits: UrlHit[];
  headerHits: HeaderHit[];
  /** Literal start offsets with a credential finding (pad/plaintext-secret or a secret input default). */
  credentialLiterals: Set<number>;
  /** Literal start offsets with a machine finding. */
  machineLiterals: Set<number>;
  /**
   * Script spans reported by a value rule, by literal start offset. A piece of text is reported by one
   * rule only (credential > machine > environment-specific); distinct parts of one literal (the server and
   * the password of a connection string, a host and a password in an embedded script) each by its own.
   */
  reportedSpans: Map<number, Span[]>;
  /** Name of a variable for messages (as first written). */
  displayName(key: string): string;
  /**
   * Why a variable holds a secret (itself or one of its properties), for pad/sensitive-not-marked: from
   * `holders`, or from `secrets` for a secret input (a secret input is one whole, properties included).
   */
  secretKeysOf(v: string): SecretReason | undefined;
}

const cache = new WeakMap<Script, ScriptAnalysis>();

export function analyzeScript(unit: ScriptUnit): ScriptAnalysis {
  let a = cache.get(unit.script);
  if (!a) {
    a = new Analyzer(unit).run();
    cache.set(unit.script, a);
  }
  return a;
}

// ---------------------------------------------------------------------------------------------

interface Edge {
  from: Key;
  to: Key;
  alias: boolean;
  via?: string;
  /**
   * The target receives a value extracted from the source (an element of a list or table, a nested
   * property below the first level): the source is a container of what flows, not the value itself.
   */
  extract?: boolean;
}

const CONCAT_OPS = new Set(['+', '&']);

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

const SHAPE_NAMES: Record<StructuredSecret['kind'], string> = {
  'jwt': 'a JSON web token', 'github-token': 'a GitHub token', 'slack-token': 'a Slack token',
  'aws-access-key': 'an AWS access key', 'private-key': 'a private key', 'storage-key': 'a storage account key',
};

/** A text that reads as a sentence (a message, a prompt), not a secret. */
export function isSentence(value: string): boolean {
  const v = value.trim();
  const words = v.split(/\s+/).filter(Boolean);
  if (words.length < 3) return false;
  if (/[.!?:]$/.test(v)) return true;
  return words.some(w => /^(the|a|an|please|enter|your|is|are|not|was|failed|invalid|to|for|of|and|or|with|from|in|on)$/i.test(w));
}

/** A literal that looks like a credential rather than a word: no spaces, long enough, mixed characters. */
function looksLikeCredential(value: string): boolean {
  const v = value.trim();
  if (v.length < 12 || /\s/.test(v)) return false;
  let classes = 0;
  if (/[a-z]/.test(v)) classes++;
  if (/[A-Z]/.test(v)) classes++;
  if (/[0-9]/.test(v)) classes++;
  if (/[^A-Za-z0-9]/.test(v)) classes++;
  return classes >= 2;
}

/**
 * Paths that are the same on every Windows machine: the Windows folder, Microsoft's own ProgramData and
 * the default profile. Installation folders (`C:\\Program Files\\Contoso\\…`) and files under
 * `C:\\Users\\Public` or `C:\\ProgramData\\<vendor>` are not: the application, its version and its
 * install drive differ between machines (pad-script.md §4: `D:\\Program Files\\Contoso, Inc\\…`).
 */
function isOsPath(path: string): boolean {
  const p = path.replace(/\//g, '\\').toLowerCase();
  return /^c:\\(windows|programdata\\microsoft|users\\default)(\\|$)/.test(p) || /^[a-z]:\\?$/.test(p)
    // The known folders themselves (not what is put under them).
    || /^c:\\(program files|program files \(x86\)|programdata|users\\public(\\(documents|desktop|downloads|pictures|music|videos))?)\\?$/.test(p);
}

class Analyzer {
  private readonly script: Script;
  private readonly aliases: Set<string>;
  private readonly variables = new Map<string, VariableInfo>();
  private readonly literals: LiteralUse[] = [];
  private readonly edges: Edge[] = [];
  /** Sink uses: key → witness, per role. */
  private readonly sinkUses = new Map<ArgRole, Array<{ key: Key; witness: Witness; /** At a secret position of a value stored in a variable. */ stored?: boolean }>>();
  /**
   * Secrets built into a stored value: `SET ConnStr TO $'''…;Password=%Cfg['db']['pwd']%'''` puts the
   * value of the reference at a secret position of the text stored in the target, which then holds it.
   */
  private readonly builtInSecrets: Array<{ from: Key; into: Key }> = [];
  private readonly sources: Array<{ key: Key; reason: SecretReason; kind: SourceKind }> = [];
  private readonly autoSensitive = new Map<string, SourceKind>();
  /** `X['Password']` reads; `stored`: the read value goes into another variable (a SET, an action's output). */
  private readonly secretPropertyReads: Array<{ key: Key; property: string; stored: boolean }> = [];
  private readonly envSecretNames: Set<string>;

  constructor(private readonly unit: ScriptUnit) {
    this.script = unit.script;
    // UI and image repositories are not variables (a copy has no IMPORT line but uses the same names).
    this.aliases = new Set(['appmask', 'imgrepo', ...unit.script.ast.imports.map(i => i.alias.toLowerCase())]);
    this.envSecretNames = new Set(
      (unit.solution?.environmentVariables ?? []).filter(e => e.kind === 'Secret').flatMap(e => [e.schemaName.toLowerCase(), e.displayName.toLowerCase()]),
    );
  }

  run(): ScriptAnalysis {
    const ast = this.script.ast;
    for (const d of ast.declarations) {
      const info = this.variable(d.name);
      if (d.direction === 'input') info.input ??= d;
      else info.output ??= d;
      if (d.direction === 'input' && d.defaultValue) this.collectValue(d.defaultValue, { kind: 'default', decl: d }, { v: d.name.toLowerCase() }, d.name, false);
    }
    walkStatements(ast, (stmt, ctx) => {
      this.statement(stmt, ctx.disabled);
    });

    const sensitive = new Set<string>((ast.sensitive?.names ?? []).map(n => n.name.toLowerCase()));
    const df = this.unit.desktopFlow;
    for (const v of [...(df?.inputs ?? []), ...(df?.outputs ?? [])]) if (v.sensitive) sensitive.add(v.name.toLowerCase());

    // Backward: which variables (and properties) reach an argument of each role.
    const reach = new Map<ArgRole, Map<string, Witness>>();
    for (const [role, uses] of this.sinkUses) reach.set(role, this.backward(uses));
    const secretReach = reach.get('secret') ?? new Map<string, Witness>();

    // Secret inputs: by name, by sensitivity with a secret-ish name, by reaching a secret argument.
    const secretInputs: ScriptAnalysis['secretInputs'] = new Map();
    for (const d of ast.declarations) {
      if (d.direction !== 'input') continue;
      const k = d.name.toLowerCase();
      const strength = secretNameStrength(d.name);
      const witness = this.reachOf(secretReach, k);
      if (strength === 'strong') secretInputs.set(k, { decl: d, why: 'name', witness });
      else if (witness) secretInputs.set(k, { decl: d, why: 'sink', witness });
      else if (strength === 'weak' && sensitive.has(k)) secretInputs.set(k, { decl: d, why: 'sensitive-name' });
    }

    // Forward: what holds a secret. Seeds in order of how telling their reason is: a variable built
    // from a CyberArk password is reported as such, not as "used as Password".
    const sourceSeeds: Array<{ key: Key; reason: SecretReason }> = [...this.sources];
    for (const [k, si] of secretInputs) if (si.why !== 'sink') sourceSeeds.push({ key: { v: k }, reason: { kind: 'input' } });
    const sinkSeeds: Array<{ key: Key; reason: SecretReason }> = [];
    // Inputs that reach a secret argument are seeded by what they reach (a property, or the whole value).
    for (const [ks, witness] of secretReach) sinkSeeds.push({ key: parseKey(ks), reason: { kind: 'sink', witness } });
    const nameSeeds: Array<{ key: Key; reason: SecretReason }> = [];
    for (const r of this.secretPropertyReads) nameSeeds.push({ key: r.key, reason: { kind: 'property', property: r.property } });
    for (const [k, info] of this.variables) {
      if (secretNameStrength(info.name) === 'strong' && !info.onlyTrivialValues) nameSeeds.push({ key: { v: k }, reason: { kind: 'name' } });
    }
    const secrets = this.forward([sourceSeeds, sinkSeeds, nameSeeds]);
    const secretByVar = new Map<string, SecretReason>();
    for (const [ks, r] of secrets) {
      const v = parseKey(ks).v;
      if (!secretByVar.has(v)) secretByVar.set(v, r);
    }

    // Holders of the secret value (what pad/sensitive-not-marked reports). The same seeds, each either a
    // holder or a container of the value: a key the secret argument reaches only through a value read out
    // of it (FreightConfig of `SET Pwd TO FreightConfig['hub']['password']`, and ConfigJson it was
    // converted from) is a container; so is a property whose value is stored in another variable before it
    // reaches the argument (TokenObject['access_token'] copied into Output_Token). A property read straight
    // into the argument (`Password: Config['password']`) leaves no other variable to point at: the
    // container holds it. Secret inputs and secret sources are holders whole, as are their copies; a
    // container the author marked sensitive is a secret, and so are its copies and conversions
    // (TokenObject converted from a sensitive TokenResponse), but not the other values read out of it.
    const secretUses = this.sinkUses.get('secret') ?? [];
    const exactReach = this.backward(secretUses, true);
    // A property at a secret position of a text that is stored (`SET Conn TO $'''Password=%Cfg['pwd']%'''`)
    // is not read straight into an argument: Conn holds it (seeded below).
    const directProperties = new Set(secretUses.filter(u => u.key.p !== undefined && !u.stored).map(u => keyString(u.key)));
    const holderSinkSeeds = [...secretReach].map(([ks, witness]) => {
      const key = parseKey(ks);
      const holds = secretInputs.has(key.v) || (exactReach.has(ks) && (key.p === undefined || directProperties.has(ks)));
      return { key, reason: { kind: 'sink', witness } as SecretReason, level: holds ? 3 as const : 1 as const };
    });
    for (const b of this.builtInSecrets) {
      const from = this.variables.get(b.from.v)?.name ?? b.from.v;
      holderSinkSeeds.push({ key: b.into, reason: { kind: 'derived', from: b.from.p !== undefined ? `${from}.${b.from.pn ?? b.from.p}` : from }, level: 3 });
    }
    const readInline = new Set(this.secretPropertyReads.filter(r => !r.stored).map(r => keyString(r.key)));
    const holderNameSeeds = nameSeeds.map(s => ({ ...s, level: s.key.p === undefined || secretInputs.has(s.key.v) || readInline.has(keyString(s.key)) ? 3 as const : 1 as const }));
    const holders = this.holders([sourceSeeds.map(s => ({ ...s, level: 3 as const })), holderSinkSeeds, holderNameSeeds], sensitive);
    const holderByVar = new Map<string, SecretReason>();
    for (const [ks, r] of holders) {
      const v = parseKey(ks).v;
      if (!holderByVar.has(v)) holderByVar.set(v, r);
    }

    const analysis: ScriptAnalysis = {
      script: this.script,
      clipboard: this.script.clipboard,
      variables: this.variables,
      sensitive,
      autoSensitive: this.autoSensitive,
      literals: this.literals,
      secrets,
      holders,
      secretInputs,
      secretHits: [],
      machineHits: [],
      pathHits: [],
      urlHits: [],
      headerHits: [],
      credentialLiterals: new Set(),
      machineLiterals: new Set(),
      reportedSpans: new Map(),
      displayName: key => this.variables.get(key)?.name ?? key,
      secretKeysOf: v => (secretInputs.has(v) ? secrets.get(v) ?? secretByVar.get(v) : holders.get(v) ?? holderByVar.get(v)),
    };
    this.classify(analysis, reach);
    return analysis;
  }

  // ------------------------------------------------------------------------------------------
  // Collection

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

  /** Records every variable read inside an expression. */
  private readsIn(expr: Expr): void {
    const stack: Expr[] = [expr];
    while (stack.length) {
      const e = stack.pop()!;
      switch (e.kind) {
        case 'var': if (!this.aliases.has(e.name.toLowerCase())) this.read(e.name, e.span.start); break;
        case 'member': stack.push(e.object); break;
        case 'index': stack.push(e.object, e.index); break;
        case 'list': stack.push(...e.items); break;
        case 'object': stack.push(...e.entries.map(x => x.value)); break;
        case 'datatable': stack.push(...e.header, ...e.rows.flat()); break;
        case 'binary': stack.push(e.left, e.right); break;
        case 'unary': stack.push(e.operand); break;
        case 'call': stack.push(...e.args); break;
        case 'paren': stack.push(e.expr); break;
        case 'string': for (const p of e.parts) if (p.kind === 'interpolation') stack.push(p.expr); break;
        default: break;
      }
    }
  }

  /** The variable and first-level property an lvalue-like expression is rooted at. */
  private rootKey(expr: Expr): { key: Key; name: string; property?: string; deep: boolean } | undefined {
    let e = expr;
    let prop: string | undefined;
    let propName: string | undefined;
    /** Member and index steps from the variable to the expression. */
    let steps = 0;
    for (;;) {
      if (e.kind === 'var') {
        if (this.aliases.has(e.name.toLowerCase())) return undefined;
        // Deeper than the key: a nested property, or an element picked by a non-literal index.
        const deep = steps > (prop !== undefined ? 1 : 0);
        return { key: { v: e.name.toLowerCase(), p: prop?.toLowerCase(), pn: prop }, name: propName !== undefined ? `${e.name}['${propName}']` : e.name, property: propName, deep };
      }
      if (e.kind === 'member') {
        prop = e.property;
        propName = e.property;
        steps++;
        e = e.object;
      } else if (e.kind === 'index') {
        const idx = e.index.kind === 'string' ? e.index.value : undefined;
        prop = idx;
        propName = idx;
        steps++;
        e = e.object;
      } else if (e.kind === 'paren') {
        e = e.expr;
      } else {
        return undefined;
      }
    }
  }

  /** References an expression's value is made of. `whole`: the expression is exactly the reference. */
  private refs(expr: Expr, whole = true): Ref[] {
    switch (expr.kind) {
      case 'var':
      case 'member':
      case 'index': {
        const r = this.rootKey(expr);
        return r ? [{ key: r.key, whole, deep: r.deep }] : [];
      }
      case 'paren': return this.refs(expr.expr, whole);
      case 'string': return expr.parts.flatMap(p => (p.kind === 'interpolation' ? this.refs(p.expr, false) : []));
      case 'binary': return CONCAT_OPS.has(expr.op) ? [...this.refs(expr.left, false), ...this.refs(expr.right, false)] : [];
      case 'list': return expr.items.flatMap(i => this.refs(i, false));
      case 'object': return expr.entries.flatMap(x => this.refs(x.value, false));
      case 'datatable': return [...expr.header, ...expr.rows.flat()].flatMap(i => this.refs(i, false));
      default: return [];
    }
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

  private trivial(value: Expr): boolean {
    switch (value.kind) {
      case 'number':
      case 'bool':
        return true;
      case 'string':
        return value.parts.every(p => p.kind === 'text') && isPlaceholderSecret(value.value ?? '');
      case 'object':
        return value.entries.length === 0;
      case 'list':
        return value.items.length === 0;
      default:
        return false;
    }
  }

  private setStatement(stmt: Extract<Statement, { kind: 'set' }>, disabled: boolean): void {
    this.readsIn(stmt.value);
    const root = this.rootKey(stmt.target);
    if (stmt.target.kind !== 'var') this.readsIn(stmt.target);
    const name = root?.name ?? stmt.variable;
    const key = root?.key ?? { v: stmt.variable.toLowerCase() };
    this.assign(stmt.variable, stmt.variableSpan, 'set', this.trivial(stmt.value));
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

  private sinkUse(role: ArgRole, key: Key, witness: Witness, stored = false): void {
    let list = this.sinkUses.get(role);
    if (!list) this.sinkUses.set(role, (list = []));
    list.push(stored ? { key, witness, stored } : { key, witness });
  }

  private actionStatement(stmt: ActionStmt, disabled: boolean): void {
    const argValues: string[] = [];
    const typedTargets = typedTextTargetArg(stmt.id);
    const passwordBox = typedTargets.length > 0 && stmt.args.some(a => typedTargets.includes(a.name.toLowerCase()) && this.controlIsPassword(a.value));
    // The action's outputs are made of its arguments (Text.Trim, Convert JSON…): a value read in an argument is stored there.
    const passesThrough = stmt.outputs.length > 0 && passesDataThrough(stmt.id) && !isRedaction(stmt);
    for (const arg of stmt.args) {
      this.readsIn(arg.value);
      if (arg.value.kind === 'string' && arg.value.value !== undefined) argValues.push(arg.value.value);
      let role = argumentInfo(stmt.id, arg.name)?.role;
      const typed = role === 'typedText';
      if (typed && !passwordBox) role = undefined;
      if (role === 'typedText') role = 'secret';
      if (!role && arg.dynamic && this.isWholeUrl(arg.value)) role = 'url';
      const ctx: ValueContext = { kind: 'arg', stmt, arg, role };
      const dynamicInput = arg.dynamic && /^external\.runflow/i.test(stmt.id);
      // A child flow's input: the literal goes into a variable of that name (for name-based checks).
      const target = dynamicInput ? { v: `@${arg.name.toLowerCase()}` } : undefined;
      this.collectValue(arg.value, ctx, target, dynamicInput ? arg.name : undefined, disabled);
      if (disabled) continue;
      this.noteSecretPropertyReads(arg.value, passesThrough);
      const witness: Witness = { role: role ?? 'secret', argument: typed ? `${arg.name} (typed into a password field)` : arg.name, action: stmt.id };
      if (role && role !== 'connection' && role !== 'headers' && role !== 'script' && role !== 'targetDesktop') {
        for (const r of this.refs(arg.value)) this.sinkUse(role, r.key, witness);
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

  private controlIsPassword(value: Expr): boolean {
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
    // The innermost element name (the last index) is the field itself.
    return names.length > 0 && isPasswordControlName(names[0]);
  }

  private isWholeUrl(value: Expr): boolean {
    if (value.kind !== 'string') return false;
    const f = flatten(value);
    const t = f.text.trim();
    const urls = findUrls(t);
    return urls.length === 1 && urls[0].start === 0 && urls[0].end === t.length;
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

  // ------------------------------------------------------------------------------------------
  // Closures

  /**
   * Keys whose value reaches the uses. `exact`: only through steps that carry the value itself, not
   * through a container it is read out of (a list or table element, a nested property, a property of a
   * value converted from another: the JSON text of a custom object).
   */
  private backward(uses: Array<{ key: Key; witness: Witness }>, exact = false): Map<string, Witness> {
    const reached = new Map<string, Witness>();
    const byTarget = new Map<string, Edge[]>();
    for (const e of this.edges) {
      let list = byTarget.get(e.to.v);
      if (!list) byTarget.set(e.to.v, (list = []));
      list.push(e);
    }
    const queue: Array<{ key: Key; witness: Witness }> = [];
    const add = (key: Key, witness: Witness) => {
      const ks = keyString(key);
      if (reached.has(ks)) return;
      reached.set(ks, witness);
      queue.push({ key, witness });
    };
    for (const u of uses) add(u.key, u.witness);
    for (let qi = 0; qi < queue.length; qi++) {
      const { key, witness } = queue[qi];
      const via = witness.via ?? this.variables.get(key.v)?.name ?? key.v;
      for (const e of byTarget.get(key.v) ?? []) {
        if (exact && (e.extract || (key.p !== undefined && e.to.p === undefined && !e.alias))) continue;
        const w: Witness = { ...witness, via: witness.via ?? via };
        if (e.to.p === undefined) {
          if (e.alias) add({ v: e.from.v, p: key.p ?? e.from.p }, w);
          else add(e.from, w);
        } else if (key.p === undefined || key.p === e.to.p) {
          add(e.from, w);
        }
      }
    }
    return reached;
  }

  private forward(seedGroups: Array<Array<{ key: Key; reason: SecretReason }>>): Map<string, SecretReason> {
    const secrets = new Map<string, SecretReason>();
    const bySource = new Map<string, Edge[]>();
    for (const e of this.edges) {
      let list = bySource.get(e.from.v);
      if (!list) bySource.set(e.from.v, (list = []));
      list.push(e);
    }
    const queue: Key[] = [];
    const add = (key: Key, reason: SecretReason) => {
      const ks = keyString(key);
      if (secrets.has(ks)) return;
      secrets.set(ks, reason);
      queue.push(key);
    };
    let qi = 0;
    for (const group of seedGroups) {
      for (const s of group) add(s.key, s.reason);
      for (; qi < queue.length; qi++) {
        const key = queue[qi];
        const from = this.variables.get(key.v)?.name ?? key.v;
        for (const e of bySource.get(key.v) ?? []) {
          const reason: SecretReason = { kind: 'derived', from: key.p !== undefined ? `${from}.${key.pn ?? key.p}` : from };
          if (e.from.p === undefined) {
            if (e.alias) {
              add(e.to.p !== undefined ? e.to : { v: e.to.v, p: key.p, pn: key.pn }, reason);
              if (this.autoSensitive.get(key.v) === 'credential' && e.to.p === undefined) this.autoSensitive.set(e.to.v, 'credential');
            } else if (key.p === undefined) {
              add(e.to, reason);
            }
          } else if (key.p === undefined || key.p === e.from.p) {
            add(e.to, reason);
          }
        }
      }
    }
    return secrets;
  }

  /**
   * Forward closure of the holders of a secret value, by level: 3 holds the value; 2 is a container of it
   * that is a secret itself (marked sensitive by the author, or a copy or conversion of one); 1 is a
   * container only known from a value read out of it. A higher level wins. Levels 2 and 3 are holders.
   * A value (3) passes on being a value, as in `forward`. A container passes on its level to its copies
   * and conversions (whole-value steps) and level 1 to what is read out of it, except that the value of
   * one of its properties (not something nested in it) stored in a variable makes that variable a holder.
   */
  private holders(seedGroups: Array<Array<{ key: Key; reason: SecretReason; level: 1 | 3 }>>, sensitive: Set<string>): Map<string, SecretReason> {
    const level = new Map<string, number>();
    const out = new Map<string, SecretReason>();
    const bySource = new Map<string, Edge[]>();
    for (const e of this.edges) {
      let list = bySource.get(e.from.v);
      if (!list) bySource.set(e.from.v, (list = []));
      list.push(e);
    }
    const queue: Key[] = [];
    const add = (key: Key, reason: SecretReason, l: number) => {
      // A container the author marked sensitive is a secret: its copies carry it.
      if (l === 1 && sensitive.has(key.v)) l = 2;
      const ks = keyString(key);
      if ((level.get(ks) ?? 0) >= l) return;
      level.set(ks, l);
      if (l >= 2 && !out.has(ks)) out.set(ks, reason);
      queue.push(key);
    };
    let qi = 0;
    for (const group of seedGroups) {
      for (const s of group) add(s.key, s.reason, s.level);
      for (; qi < queue.length; qi++) {
        const key = queue[qi];
        const l = level.get(keyString(key))!;
        const read = l === 3 ? 3 : 1;
        const from = this.variables.get(key.v)?.name ?? key.v;
        for (const e of bySource.get(key.v) ?? []) {
          const reason: SecretReason = { kind: 'derived', from: key.p !== undefined ? `${from}.${key.pn ?? key.p}` : from };
          if (e.from.p === undefined) {
            if (e.alias) add(e.to.p !== undefined ? e.to : { v: e.to.v, p: key.p, pn: key.pn }, reason, l);
            else if (key.p === undefined) add(e.to, reason, e.extract ? read : l);
          } else if (key.p === undefined) {
            add(e.to, reason, read);
          } else if (key.p === e.from.p) {
            add(e.to, reason, e.extract ? read : e.to.p === undefined ? 3 : l);
          }
        }
      }
    }
    return out;
  }

  private reachOf(reach: Map<string, Witness>, v: string): Witness | undefined {
    const w = reach.get(v);
    if (w) return w;
    for (const [ks, wit] of reach) if (ks.startsWith(`${v}\u0000`)) return wit;
    return undefined;
  }
  // (called once per @INPUT declaration: a handful per flow)

  private reachOfKey(reach: Map<string, Witness> | undefined, key: Key | undefined): Witness | undefined {
    if (!reach || !key) return undefined;
    return reach.get(keyString(key)) ?? (key.p !== undefined ? reach.get(key.v) : undefined);
  }

  // ------------------------------------------------------------------------------------------
  // Classification of literals

  private classify(a: ScriptAnalysis, reach: Map<ArgRole, Map<string, Witness>>): void {
    const secretReach = reach.get('secret');
    const taken = a.reportedSpans;
    const take = (lit: number, span: Span) => {
      const list = taken.get(lit);
      if (list) list.push(span);
      else taken.set(lit, [span]);
    };
    const overlaps = (x: Span, y: Span) => x.start < y.end && y.start < x.end;
    /** Hits whose text no stronger (or earlier) finding reports; a URL falls back to its address without the query. */
    const free = <T extends Hit>(hits: T[]): T[] => {
      const out: T[] = [];
      for (const h of hits) {
        const lit = h.use.lit.span.start;
        const spans = taken.get(lit) ?? [];
        let kept: T | undefined = h;
        if (spans.some(x => overlaps(x, h.span))) {
          kept = h.narrow && !spans.some(x => overlaps(x, h.narrow!)) ? { ...h, span: h.narrow, literal: 'part', narrow: undefined } : undefined;
        }
        if (kept) out.push(kept);
      }
      return out;
    };
    // Secret-input defaults belong to pad/secret-input-variable.
    for (const [, si] of a.secretInputs) {
      const dv = si.decl.defaultValue;
      if (dv && !this.trivial(dv) && isLiteralValue(dv)) {
        si.literalDefault = true;
        a.credentialLiterals.add(dv.span.start);
        take(dv.span.start, dv.span);
      }
    }
    for (const use of this.literals) {
      if (use.ctx.kind === 'default' && a.secretInputs.has(use.ctx.decl.name.toLowerCase())) continue;
      const hits = this.secretHitsOf(use, secretReach, reach.get('headers'));
      if (hits.length) {
        a.secretHits.push(...hits);
        a.credentialLiterals.add(use.lit.span.start);
        for (const h of hits) take(use.lit.span.start, h.span);
      }
    }
    const machineHits: MachineHit[] = [];
    for (const use of this.literals) {
      if (use.disabled) continue;
      const hits = free(this.machineHitsOf(use, reach));
      if (hits.length) {
        machineHits.push(...hits);
        a.machineLiterals.add(use.lit.span.start);
      }
    }
    for (const h of machineHits) take(h.use.lit.span.start, h.span);
    a.machineHits.push(...machineHits);
    for (const use of this.literals) {
      if (use.disabled) continue;
      a.pathHits.push(...free(this.pathHitsOf(use, reach)));
      a.urlHits.push(...free(this.urlHitsOf(use, reach)));
    }
    for (const h of this.script.ast.headers) {
      const key = h.key.toLowerCase();
      const value = h.value.kind === 'string' ? h.value.value ?? '' : '';
      if (key === 'connectionstring' && value.trim() !== '') a.headerHits.push({ span: h.value.span, key: h.key, value });
      else if (key === 'type' && value.trim() !== '' && value.trim().toLowerCase() !== 'local') a.headerHits.push({ span: h.value.span, key: h.key, value });
    }
    dedupe(a.secretHits);
    dedupe(a.machineHits);
    dedupe(a.pathHits);
    dedupe(a.urlHits);
  }

  /** Whole (the entire pure literal) or the non-placeholder text parts of a literal. */
  private literalRanges(use: LiteralUse): Array<{ span: Span; literal: 'whole' | 'part'; text: string }> {
    const f = use.flat;
    if (f.pure) {
      if (isPlaceholderSecret(f.text)) return [];
      // An operand of `+` is part of the value: report its text, not its quotes.
      return [{ span: use.entire ? use.lit.span : flatSpan(f, 0, f.text.length), literal: use.entire ? 'whole' : 'part', text: f.text }];
    }
    const out: Array<{ span: Span; literal: 'whole' | 'part'; text: string }> = [];
    let i = 0;
    while (i < f.text.length) {
      if (f.interp[i]) { i++; continue; }
      let j = i;
      while (j < f.text.length && !f.interp[j]) j++;
      const text = f.text.slice(i, j);
      const lead = text.length - text.trimStart().length;
      const trail = text.length - text.trimEnd().length;
      if (text.trim() !== '' && !isPlaceholderSecret(text) && /[A-Za-z0-9]/.test(text)) out.push({ span: flatSpan(f, i + lead, j - trail), literal: 'part', text: text.trim() });
      i = j;
    }
    return out;
  }

  private secretHitsOf(use: LiteralUse, secretReach: Map<string, Witness> | undefined, headerReach: Map<string, Witness> | undefined): SecretHit[] {
    const hits: SecretHit[] = [];
    const f = use.flat;
    const ctx = use.ctx;
    const base = { use };
    // 1. The argument itself takes a secret.
    if (ctx.kind === 'arg' && ctx.role === 'secret') {
      const typed = argumentInfo(ctx.stmt.id, ctx.arg.name)?.role === 'typedText';
      for (const r of this.literalRanges(use)) hits.push({ ...base, span: r.span, literal: r.literal, how: typed ? 'typed-text' : 'argument', what: ctx.arg.name });
    }
    // 2. Structure: connection strings, URLs with credentials, JSON secret keys, authorization headers.
    // (In scripts and command lines connection strings are read from their quoted strings, below.)
    const code = ctx.kind === 'arg' && (ctx.role === 'script' || ctx.role === 'commandLine');
    for (const part of code ? [] : parseConnectionString(f.text)) {
      if (!connectionKeyIs(part.key, CONNECTION_SECRET_KEYS) || !looksLikeConnectionString(f.text)) continue;
      if (hasInterp(f, part.start, part.end) || isPlaceholderSecret(part.value)) continue;
      hits.push({ ...base, span: flatSpan(f, part.start, part.end), literal: 'part', how: 'connection-string', what: `${part.key}=` });
    }
    for (const u of findUrls(f.text)) {
      for (const s of urlSecrets(f.text, u)) {
        if (hasInterp(f, s.start, s.end) || isPlaceholderSecret(f.text.slice(s.start, s.end))) continue;
        hits.push({ ...base, span: flatSpan(f, s.start, s.end), literal: 'part', how: 'url', what: s.what, origin: `${u.scheme}://${u.host}` });
      }
    }
    for (const m of f.text.matchAll(/"([A-Za-z_][\w-]*)"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
      if (!SECRET_JSON_KEYS.test(m[1])) continue;
      const start = m.index! + m[0].length - 1 - m[2].length;
      const end = start + m[2].length;
      if (hasInterp(f, start, end) || isPlaceholderSecret(m[2])) continue;
      hits.push({ ...base, span: flatSpan(f, start, end), literal: 'part', how: 'json', what: `"${m[1]}"` });
    }
    // Secrets recognisable by their shape: JWTs, GitHub/Slack/AWS keys, private keys, storage keys.
    for (const m of findStructuredSecrets(f.text)) {
      if (hasInterp(f, m.start, m.end) || hits.some(h => h.span.start <= f.starts[m.start] && h.span.end >= f.ends[m.end - 1])) continue;
      const whole = f.pure && use.entire && m.start === 0 && m.end === f.text.length;
      hits.push({ ...base, span: whole ? use.lit.span : flatSpan(f, m.start, m.end), literal: whole ? 'whole' : 'part', how: 'shape', what: SHAPE_NAMES[m.kind] });
    }
    // PowerShell in a script action: ConvertTo-SecureString 'literal' -AsPlainText.
    for (const m of f.text.matchAll(/ConvertTo-SecureString\s+(?:-String\s+)?(['"])([^'"\r\n]+)\1\s+-AsPlainText/gi)) {
      const start = m.index! + m[0].indexOf(m[1]) + 1;
      const end = start + m[2].length;
      if (hasInterp(f, start, end) || isPlaceholderSecret(m[2]) || /^\$/.test(m[2])) continue;
      hits.push({ ...base, span: flatSpan(f, start, end), literal: 'part', how: 'script', what: 'ConvertTo-SecureString' });
    }
    // Embedded scripts and command lines (pad-script.md §3.2): passwords assigned, passed as switches,
    // typed into password fields by UI scripting, encoded as Basic credentials, given to net use / sqlcmd,
    // and connection strings in quoted strings.
    if (code) {
      const covered = (a: number, b: number) => hits.some(h => h.span.start < flatSpan(f, a, b).end && flatSpan(f, a, b).start < h.span.end);
      // Run application: the arguments of `sqlcmd.exe` / `net.exe` are read as that program's command line.
      const program = ctx.kind === 'arg' && ctx.role === 'commandLine' ? applicationPathOf(ctx.stmt) : undefined;
      for (const x of scriptSecrets(f.text, program)) {
        const value = f.text.slice(x.start, x.end);
        if (hasInterp(f, x.start, x.end) || isPlaceholderSecret(value) || /^[$@(\[{]/.test(value) || isSentence(value) || covered(x.start, x.end)) continue;
        hits.push({ ...base, span: flatSpan(f, x.start, x.end), literal: 'part', how: 'script', what: x.what });
      }
      for (const region of connectionRegions(f.text, false, true)) {
        for (const part of parseConnectionString(region.text)) {
          const a = region.offset + part.start;
          const b = region.offset + part.end;
          if (!connectionKeyIs(part.key, CONNECTION_SECRET_KEYS) || hasInterp(f, a, b) || isPlaceholderSecret(part.value) || covered(a, b)) continue;
          hits.push({ ...base, span: flatSpan(f, a, b), literal: 'part', how: 'connection-string', what: `${part.key}=` });
        }
      }
    }
    const headerContext = (ctx.kind === 'arg' && ctx.role === 'headers') || this.reachOfKey(headerReach, use.target);
    if (headerContext) {
      for (const h of headerLines(f.text)) {
        if (!isSecretHeader(h.name)) continue;
        let vs = h.valueStart;
        const scheme = /^(bearer|basic|token|sharedaccesssignature|apikey|digest)\s+/i.exec(f.text.slice(vs, h.valueEnd));
        if (scheme) vs += scheme[0].length;
        if (vs >= h.valueEnd || hasInterp(f, vs, h.valueEnd) || isPlaceholderSecret(f.text.slice(vs, h.valueEnd))) continue;
        hits.push({ ...base, span: flatSpan(f, vs, h.valueEnd), literal: 'part', how: 'header', what: `${h.name} header` });
      }
    }
    if (hits.length) return hits;
    // 3. Data flow: the literal is stored in a variable (or property) that reaches a secret argument.
    const witness = this.reachOfKey(secretReach, use.target);
    if (witness) {
      for (const r of this.literalRanges(use)) if (!isSentence(r.text)) hits.push({ ...base, span: r.span, literal: r.literal, how: 'data-flow', what: witness.argument, witness });
      return hits;
    }
    // 4. The variable's or property's name says it is a secret.
    const name = use.propertyName ?? (use.target ? this.nameOfTarget(use) : undefined);
    if (name) {
      const strength = secretNameStrength(name);
      if (strength) {
        for (const r of this.literalRanges(use)) {
          if (isSentence(r.text) || r.text.length < 4) continue;
          if (strength === 'weak' && !looksLikeCredential(r.text)) continue;
          hits.push({ ...base, span: r.span, literal: r.literal, how: 'name', what: name });
        }
      }
    }
    return hits;
  }

  private nameOfTarget(use: LiteralUse): string | undefined {
    if (use.ctx.kind === 'arg') return use.targetName; // child-flow input of External.RunFlow
    if (use.ctx.kind === 'call') return use.ctx.arg.name;
    if (use.ctx.kind === 'set') return use.target?.p !== undefined ? use.target.p : use.ctx.variable;
    return undefined;
  }

  /** Roles that apply to a literal: its argument, or what the variable it is stored in reaches. */
  private rolesOf(use: LiteralUse, reach: Map<ArgRole, Map<string, Witness>>): Map<ArgRole, Witness | undefined> {
    const roles = new Map<ArgRole, Witness | undefined>();
    if (use.ctx.kind === 'arg' && use.ctx.role) roles.set(use.ctx.role, undefined);
    if (use.target) {
      for (const [role, r] of reach) {
        if (roles.has(role)) continue;
        const w = this.reachOfKey(r, use.target);
        if (w) roles.set(role, w);
      }
    }
    return roles;
  }

  /** A value stored as a whole (SET, CALL argument, default, custom-object property): a configuration value. */
  private storedWhole(use: LiteralUse): boolean {
    return use.entire && (use.ctx.kind === 'set' || use.ctx.kind === 'call' || use.ctx.kind === 'default');
  }

  private machineHitsOf(use: LiteralUse, reach: Map<ArgRole, Map<string, Witness>>): MachineHit[] {
    const hits: MachineHit[] = [];
    const f = use.flat;
    const roles = this.rolesOf(use, reach);
    const stored = this.storedWhole(use);
    const text = f.text;
    const leading = text.length - text.trimStart().length;
    const add = (start: number, end: number, host: string, how: MachineHit['how'], witness?: Witness, hostKind?: HostKind, path?: string) => {
      const whole = f.pure && use.entire && start <= leading && end >= text.trimEnd().length;
      hits.push({ use, span: whole ? use.lit.span : flatSpan(f, start, end), literal: whole ? 'whole' : 'part', host, how, witness, hostKind, ...(path ? { path } : {}) });
    };
    const code = roles.has('script') || roles.has('commandLine');
    // UNC paths in path arguments, command lines and scripts, in values stored whole, in what flows into a path argument.
    const pathRole = roles.has('path') || code;
    for (const p of findPaths(text)) {
      if (p.kind !== 'unc' || !p.server) continue;
      if (!(pathRole || (stored && p.start === leading) || roles.has('connection'))) continue;
      if (hasInterp(f, p.start, p.start + 2 + p.server.length)) continue;
      const kind = classifyHost(p.server);
      if (kind === 'loopback') continue;
      add(p.start, p.end, p.server, 'unc', roles.get('path') ?? roles.get('commandLine') ?? roles.get('script'), kind, p.path);
    }
    // Connection strings: Server= / Data Source= / Host= / ServerNode= (the whole value, or a quoted string of a script).
    for (const region of connectionRegions(text, roles.has('connection') || (stored && looksLikeConnectionString(text)), code)) {
      for (const part0 of parseConnectionString(region.text)) {
        const part = { ...part0, start: region.offset + part0.start, end: region.offset + part0.end };
        if (!connectionKeyIs(part.key, CONNECTION_SERVER_KEYS) || hasInterp(f, part.start, part.end)) continue;
        const value = part.value.trim();
        if (!value || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\') || /^(dsn)$/i.test(part.key)) continue;
        const url = findUrls(value)[0];
        const host = url ? url.host : serverHost(value);
        if (!host || isLocalServer(host)) continue;
        const kind = classifyHost(host);
        if (kind === 'loopback' || kind === 'global' || (url && (kind === 'tenant' || kind === 'public'))) continue;
        const hs = part.start + (url ? url.start + url.url.indexOf(url.host) : part.value.indexOf(host));
        add(hs, hs + host.length, host, 'connection-string', roles.get('connection') ?? roles.get('script') ?? roles.get('commandLine'), kind);
      }
    }
    // Server switches of command lines and scripts (`/server:erpapp01`, `-ComputerName fs02`, `--host=db01`)
    // and script variables or keyword arguments named like a server (`$server = "sql01"`, `host="db01"`).
    if (code) {
      for (const m of [...text.matchAll(SERVER_SWITCH), ...text.matchAll(SERVER_ASSIGNMENT)]) {
        const value = m[3];
        const start = m.index! + m[0].indexOf(value, m[0].toLowerCase().indexOf(m[1].toLowerCase()) + m[1].length);
        if (hasInterp(f, start, start + value.length)) continue;
        const host = serverHost(value);
        if (!host || isLocalServer(host) || isDocumentationHost(host) || /^\d+$/.test(host)) continue;
        const kind = classifyHost(host);
        if (kind === 'loopback' || kind === 'global') continue;
        add(start, start + host.length, host, 'host-argument', roles.get('commandLine') ?? roles.get('script'), kind);
      }
    }
    // A value used as the host of a URL (`http://%Host%/status`): an IP address or an internal name.
    if (roles.has('urlHost')) {
      const value = text.trim();
      if (value && !hasInterp(f, leading, text.trimEnd().length) && /^[A-Za-z0-9._-]+(:\d+)?$/.test(value)) {
        const host = value.replace(/:\d+$/, '');
        const kind = classifyHost(host);
        if ((kind === 'ip' || kind === 'internal') && !isDocumentationHost(host)) add(leading, leading + host.length, host, 'host-argument', roles.get('urlHost'), kind);
      }
    }
    // Host arguments: the whole value names a machine.
    if (roles.has('host')) {
      const value = text.trim();
      if (value && !hasInterp(f, leading, text.trimEnd().length)) {
        const url = findUrls(value)[0];
        const host = url ? url.host : value.replace(/^\\\\/, '').replace(/[:,]\d+$/, '').replace(/[\\/].*$/, '');
        const kind = classifyHost(host);
        if (host && /^[A-Za-z0-9._\-[\]:]+$/.test(host) && kind !== 'loopback' && kind !== 'global' && !isDocumentationHost(host)) {
          const hs = leading + (url ? url.start + url.url.indexOf(url.host) : value.indexOf(host));
          add(hs, hs + host.length, host, 'host-argument', roles.get('host'), kind);
        }
      }
    }
    // URLs with an internal, single-label or IP host (also inside command lines and scripts).
    if (roles.has('url') || code || roles.has('host') || stored) {
      const whole = wholeUrl(text);
      for (const u of findUrls(text)) {
        if (!(roles.has('url') || code || (stored && sameUrl(whole, u)))) continue;
        if (hits.some(h => h.host === u.host)) continue;
        const kind = classifyHost(u.host);
        if (kind !== 'internal' && kind !== 'ip') continue;
        const hs = u.start + u.url.indexOf(u.host, u.scheme.length + 3);
        add(hs, hs + u.host.length, u.host, 'url', roles.get('url') ?? roles.get('commandLine') ?? roles.get('script'), kind);
      }
    }
    // TargetDesktop of launch actions: a remote or virtual desktop.
    if (use.ctx.kind === 'arg' && use.ctx.role === 'targetDesktop') {
      const remote = remoteDesktopOf(text);
      if (remote) {
        const idx = remote.address ? text.indexOf(remote.address) : -1;
        if (idx >= 0) add(idx, idx + remote.address.length, remote.address, 'remote-desktop');
        else hits.push({ use, span: use.lit.span, literal: 'whole', host: remote.address || remote.serverType, how: 'remote-desktop' });
      }
    }
    return hits;
  }

  private pathHitsOf(use: LiteralUse, reach: Map<ArgRole, Map<string, Witness>>): PathHit[] {
    const hits: PathHit[] = [];
    const f = use.flat;
    const text = f.text;
    const roles = this.rolesOf(use, reach);
    const stored = this.storedWhole(use);
    const leading = text.length - text.trimStart().length;
    const pathRole = roles.has('path') || roles.has('commandLine');
    const candidates: PathMatch[] = [];
    for (const p of findPaths(text)) {
      if (p.kind === 'unc') continue;
      if (pathRole || (stored && p.start === leading)) candidates.push(p);
    }
    // `Data Source=C:\…` of file databases (SQLite, Access, Excel through OLE DB).
    if (roles.has('connection') || (stored && looksLikeConnectionString(text))) {
      for (const part of parseConnectionString(text)) {
        if (!/^(data ?source|dbq|database|filename|file name)$/i.test(part.key)) continue;
        for (const p of findPaths(text.slice(part.start, part.end))) {
          if (p.kind !== 'unc' && !candidates.some(c => c.start === part.start + p.start)) candidates.push({ ...p, start: part.start + p.start, end: part.start + p.end });
        }
      }
    }
    for (const p of candidates) {
      if (isOsPath(p.path)) continue;
      const whole = f.pure && use.entire && p.start <= leading && p.end >= text.trimEnd().length;
      hits.push({ use, span: whole ? use.lit.span : flatSpan(f, p.start, p.end), literal: whole ? 'whole' : 'part', path: p.path, kind: p.kind, witness: roles.get('path') ?? roles.get('commandLine') ?? roles.get('connection') });
    }
    return hits;
  }

  private urlHitsOf(use: LiteralUse, reach: Map<ArgRole, Map<string, Witness>>): UrlHit[] {
    const hits: UrlHit[] = [];
    const f = use.flat;
    const text = f.text;
    const roles = this.rolesOf(use, reach);
    const stored = this.storedWhole(use);
    const whole = wholeUrl(text);
    const urlRole = roles.has('url');
    for (const u of findUrls(text)) {
      const inScope = urlRole || ((stored || roles.has('commandLine')) && sameUrl(whole, u));
      if (!inScope) continue;
      if (isDocumentationHost(u.host)) continue;
      const kind = classifyHost(u.host);
      if (kind === 'loopback' || kind === 'ip' || kind === 'internal') continue;
      // A global service's host never names an environment (login.live.com); its path may (/sites/Finance-UAT,
      // the environment segment of a Business Central URL, /environments/<id> of the Power Platform APIs).
      const path = u.path.replace(/[?#].*$/, '');
      const marker = kind === 'global' ? environmentInPath(u.host, u.path) : environmentMarkerOf(u.host) ?? environmentMarkerOf(path);
      if (kind === 'global' && !marker) continue;
      const isWhole = f.pure && use.entire && sameUrl(whole, u);
      const q = u.url.search(/[?#]/);
      const narrow = q > 0 && !hasInterp(f, u.start, u.start + q) ? flatSpan(f, u.start, u.start + q) : undefined;
      hits.push({ use, span: isWhole ? use.lit.span : flatSpan(f, u.start, u.end), literal: isWhole ? 'whole' : 'part', origin: `${u.scheme}://${u.host}`, host: normalizeHost(u.host), hostKind: kind, marker: marker?.word, witness: roles.get('url') ?? roles.get('commandLine'), ...(narrow ? { narrow } : {}) });
    }
    return hits;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function parseKey(ks: string): Key {
  const i = ks.indexOf('\u0000');
  return i < 0 ? { v: ks } : { v: ks.slice(0, i), p: ks.slice(i + 1) };
}

function isLiteralValue(e: Expr): boolean {
  return e.kind === 'string' || e.kind === 'number' || e.kind === 'bool' || e.kind === 'object' || e.kind === 'list' || e.kind === 'datatable';
}

/** The string literals of a value expression (not inside index keys, calls or selectors). */
export function valueStrings(expr: Expr): StringLit[] {
  const out: StringLit[] = [];
  const stack: Expr[] = [expr];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.kind === 'string') out.push(e);
    else if (e.kind === 'paren') stack.push(e.expr);
    else if (e.kind === 'binary' && CONCAT_OPS.has(e.op)) stack.push(e.right, e.left);
    else if (e.kind === 'list') stack.push(...[...e.items].reverse());
    else if (e.kind === 'object') stack.push(...(e as ObjectLit).entries.map(x => x.value).reverse());
    else if (e.kind === 'datatable') stack.push(...[...e.header, ...e.rows.flat()].reverse());
  }
  return out;
}

/**
 * Command-line and script switches that name a server: `/server:erpapp01`, `-ComputerName fs02`,
 * `--host=db01.corp.local`, `-SqlInstance sql01\INST`. Groups: switch name, quote, value.
 */
const SERVER_SWITCH = /(?<=^|[\s(,;])(?:--?|\/)(server|servername|serverinstance|sqlserver|sqlinstance|dbserver|dataserver|srv|host|hostname|computername|computer|machine|machinename|ashost|mshost)(?:[:=]|[ \t]+)(["']?)([A-Za-z0-9][A-Za-z0-9._-]*(?:\\[A-Za-z0-9_$-]+)?)(?:[:,]\d+)?\2(?=$|[\s;,)"'])/gim;

/** `$server = "sql01"`, `host="db01:5432"`, `objConn.ServerName = "ERP01"`. Groups: name, quote, value. */
const SERVER_ASSIGNMENT = /(?<=^|[\s;(,{.$])(server|servername|serverinstance|sqlserver|sqlinstance|dbserver|dbhost|host|hostname|computername|smtpserver|smtphost|ftphost|sftphost|ashost|mshost)\s*(?::=|(?<![=!<>])=(?!=))\s*(["'])([A-Za-z0-9][A-Za-z0-9._-]*(?:\\[A-Za-z0-9_$-]+)?)(?:[:,]\d+)?\2/gim;

/**
 * Where connection strings may be in a text: the whole text (a connection argument or a stored value),
 * and, in command lines and scripts, each quoted string that reads as one.
 */
function connectionRegions(text: string, whole: boolean, code: boolean): Array<{ offset: number; text: string }> {
  const out: Array<{ offset: number; text: string }> = [];
  if (whole) out.push({ offset: 0, text });
  if (code) {
    for (const m of text.matchAll(/(["'])([^"'\r\n]{8,})\1/g)) {
      if (looksLikeConnectionString(m[2])) out.push({ offset: m.index! + 1, text: m[2] });
    }
    // An unquoted connection string as the whole command line (`--conn Server=…;Pwd=…`).
    if (!out.length && looksLikeConnectionString(text)) out.push({ offset: 0, text });
  }
  return out;
}

/** Names a script gives to the code that encodes `user:password` as a Basic credential. */
const BASE64_CALL = /(?:b64encode|ToBase64String|btoa|Base64Encode|EncodeBase64|base64_encode|Base64\.encode|encodebytes)\b/i;

/**
 * Literal secrets in the text of an embedded script or a command line, as [start, end) of the secret
 * and what it is: `$password = '…'`, `api_key="…"`, `-Password '…'`, `--password=…`, `/pwd:…`,
 * `findById("wnd[0]/usr/pwdRSYST-BCODE").Text = "…"` (a password field set by UI scripting),
 * `b64encode(b"user:…")` (a Basic credential), `Authorization: Basic …`, `net use \\srv\share … /user:`,
 * `sqlcmd … -P …`, `NetworkCredential("user", "…")`. References (`$var`, `%Var%`) are left to the caller to skip.
 */
export function scriptSecrets(text: string, applicationPath?: string): Array<{ start: number; end: number; what: string }> {
  const out: Array<{ start: number; end: number; what: string }> = [];
  const push = (m: RegExpMatchArray, group: number, what: string) => {
    const at = m.indices?.[group];
    if (at && at[1] > at[0]) out.push({ start: at[0], end: at[1], what });
  };
  // Assignments to a variable, property or keyword argument named like a secret.
  for (const m of text.matchAll(/(?<=^|[\s;(,{])\$?(?:env:)?(?:[A-Za-z_][\w]*\.)*([A-Za-z_][\w]*)\s*(?::=|(?<![=!<>])=(?!=))\s*[bruBRU]?(["'])((?:(?!\2)[^\r\n])+)\2/dgm)) {
    if (secretNameStrength(m[1]) === 'strong') push(m, 3, `the value assigned to ${m[1]}`);
  }
  // Switches named like a secret: -Password 'x', --password=x, /pwd:x.
  for (const m of text.matchAll(/(?<=^|[\s(,;])(?:--?|\/)([A-Za-z][\w-]*)(?:[:=]|[ \t]+)(?:(["'])((?:(?!\2)[^\r\n])+)\2|([^\s"';,)\/-][^\s"';,)]*))/dgm)) {
    if (secretNameStrength(m[1]) !== 'strong') continue;
    push(m, m[3] !== undefined ? 3 : 4, `the ${m[1]} switch`);
  }
  // UI scripting that types into a password field: Session.findById("…/pwdRSYST-BCODE").Text = "…".
  for (const m of text.matchAll(/\(\s*(["'])([^"'\r\n]+)\1\s*\)\s*\.\s*(?:text|value|innertext)\s*=\s*(["'])((?:(?!\3)[^\r\n])+)\3/dgi)) {
    if (isPasswordControlName(m[2])) push(m, 4, 'the text typed into a password field');
  }
  // user:password encoded as a Basic credential.
  for (const line of text.matchAll(/[^\r\n]+/dg)) {
    const call = BASE64_CALL.exec(line[0]);
    if (!call) continue;
    const rest = line[0].slice(call.index);
    const m = /[bB]?(["'])([^"'\s:]{1,64}):([^"'\s]{1,128})\1/d.exec(rest);
    const at = m?.indices?.[3];
    if (!m || !at) continue;
    // Not a URL (`https://…`, `urn:…`) or a time (`12:30`).
    if (/^(https?|ftps?|sftp|file|mailto|urn|tcp|ldaps?)$/i.test(m[2]) || m[3].startsWith('//') || /^\d+$/.test(m[3])) continue;
    const base = line.index! + call.index;
    out.push({ start: base + at[0], end: base + at[1], what: 'the password of a Basic credential' });
  }
  // Authorization: Basic … / Bearer … written in the script.
  for (const m of text.matchAll(/Authorization["']?\s*[:,=]\s*["']?(?:Basic|Bearer)\s+([A-Za-z0-9+/=._~-]{12,})/dgi)) push(m, 1, 'the Authorization header');
  // net use \\srv\share <password> /user:…, net use … /user:… <password>, sqlcmd / bcp / osql -P password.
  out.push(...commandLinePasswords(text, applicationPath));
  // The password of a user/password pair: NetworkCredential("u", "p"), HTTPBasicAuth("u", "p"), auth=("u", "p"), smtp.login("u", "p").
  for (const m of text.matchAll(/(?:NetworkCredential|HTTPBasicAuth|HTTPDigestAuth|\.login|\bauth\s*=)\s*\(\s*[bru]?(["'])[^"'\r\n]*\1\s*,\s*[bru]?(["'])((?:(?!\2)[^\r\n])+)\2/dgi)) push(m, 3, 'the password of a user name and password pair');
  return out;
}

/** The literal ApplicationPath of a Run application action, if any. */
function applicationPathOf(stmt: ActionStmt): string | undefined {
  const value = stmt.args.find(a => a.name.toLowerCase() === 'applicationpath')?.value;
  return value?.kind === 'string' ? value.value : undefined;
}

/** Connection strings have at least one key only they use. */
function looksLikeConnectionString(text: string): boolean {
  const parts = parseConnectionString(text);
  return parts.some(p => /^(server|data ?source|database|initial catalog|user ?id|uid|password|pwd|provider|driver|dsn|trusted_connection|integrated security|persist security info|encrypt|accountname|accountkey|defaultendpointsprotocol|sharedaccesskey|sharedaccesskeyname|endpoint|authtype|host|port|dbq|sslmode|servernode|currentschema)$/i.test(p.key));
}

function isLocalServer(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h === '.' || h === '(local)' || h === 'localhost' || h.startsWith('(localdb)') || h === '127.0.0.1' || h === '::1';
}

function sameUrl(a: UrlMatch | undefined, b: UrlMatch): boolean {
  return !!a && a.start === b.start && a.end === b.end;
}

/** `Name: value` lines of an HTTP header block. */
function headerLines(text: string): Array<{ name: string; valueStart: number; valueEnd: number }> {
  const out: Array<{ name: string; valueStart: number; valueEnd: number }> = [];
  // Header names are HTTP tokens: letters, digits, `-` and `_` (`x_partner_auth_token`).
  const re = /^[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*([^\r\n]*?)[ \t]*$/gm;
  for (const m of text.matchAll(re)) {
    const valueStart = m.index! + m[0].indexOf(m[2], m[0].indexOf(':') + 1);
    out.push({ name: m[1], valueStart, valueEnd: valueStart + m[2].length });
  }
  return out;
}

/** The password of `scheme://user:password@host` occurrences. */
function userInfoPasswords(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const m of findUserInfo(text, "/@:'\"<>", "/@'\"<>", true)) {
    const start = m.end - 1 - m.password.length;
    out.push({ start, end: start + m.password.length });
  }
  return out;
}

/** Secret parts of one URL: the password of its user info, secret query parameters. */
function urlSecrets(text: string, u: UrlMatch): Array<{ start: number; end: number; what: string }> {
  const out: Array<{ start: number; end: number; what: string }> = [];
  const seg = text.slice(u.start, u.end);
  const ui = findUserInfo(seg, "/@:'\"<>", "/@'\"<>", true)[0];
  if (ui && ui.index === 0) {
    const s = u.start + ui.end - 1 - ui.password.length;
    out.push({ start: s, end: s + ui.password.length, what: 'the password in the URL' });
  }
  // The query, and a fragment carrying parameters (`#access_token=…` of the OAuth implicit flow).
  const q = seg.search(/[?#]/);
  if (q >= 0) {
    // A key starts at the query's start or after a separator: a failed key is not re-read from each of its characters.
    const re = /(?<![^&=#?])([^&=#?]+)=([^&#]*)/g;
    const query = seg.slice(q + 1);
    for (const m of query.matchAll(re)) {
      if (!m[2] || !isSecretQueryValue(m[1], u.host, m[2])) continue;
      const s = u.start + q + 1 + m.index! + m[1].length + 1;
      const hash = seg.indexOf('#');
      const afterHash = hash >= 0 && q + 1 + m.index! > hash;
      out.push({ start: s, end: s + m[2].length, what: afterHash ? `the '${m[1]}' parameter after the #` : `the '${m[1]}' query parameter` });
    }
  }
  return out;
}

/** A TargetDesktop JSON naming a remote or virtual desktop. */
function remoteDesktopOf(text: string): { serverType: string; address: string } | undefined {
  try {
    const j = JSON.parse(text) as { Route?: { ServerType?: unknown; ServerAddress?: unknown } };
    const serverType = typeof j.Route?.ServerType === 'string' ? j.Route.ServerType : '';
    const address = typeof j.Route?.ServerAddress === 'string' ? j.Route.ServerAddress.trim() : '';
    if ((serverType && serverType.toLowerCase() !== 'local') || address) {
      if (address && classifyHost(address) === 'loopback') return undefined;
      return { serverType: serverType || 'remote', address };
    }
  } catch {
    // Not JSON: nothing to say.
  }
  return undefined;
}

function dedupe<T extends Hit>(hits: T[]): void {
  const seen = new Set<string>();
  let w = 0;
  for (const h of hits) {
    const k = `${h.span.start}:${h.span.end}`;
    if (seen.has(k)) continue;
    seen.add(k);
    hits[w++] = h;
  }
  hits.length = w;
  hits.sort((a, b) => a.span.start - b.span.start);
}

// ---------------------------------------------------------------------------------------------
// Wording shared by the rules (never the value of a secret)

/** Where a literal is: `in Password of Email.SendEmail.AuthenticateAndSend`, `assigned to DbPassword`. */
export function whereOf(use: LiteralUse): string {
  switch (use.ctx.kind) {
    case 'arg': return `in ${use.ctx.arg.name} of ${use.ctx.stmt.id}`;
    case 'call': return `passed to ${use.ctx.arg.name} of CALL ${use.ctx.stmt.target}`;
    case 'set': return `assigned to ${use.targetName ?? use.ctx.variable}`;
    case 'default': return `as the default value of input ${use.ctx.decl.name}`;
  }
}

/** The logical element a literal belongs to. */
export function elementOf(use: LiteralUse): { kind: 'action' | 'variable' | 'input'; name: string } {
  switch (use.ctx.kind) {
    case 'arg': return { kind: 'action', name: use.ctx.stmt.id };
    case 'call': return { kind: 'variable', name: use.ctx.arg.name };
    case 'set': return { kind: 'variable', name: use.ctx.variable };
    case 'default': return { kind: 'input', name: use.ctx.decl.name };
  }
}

/** Facts for the fix engine: the argument/action or the variable a literal is in. */
export function locationData(use: LiteralUse): { argument?: string; action?: string; variable?: string; property?: string } {
  switch (use.ctx.kind) {
    case 'arg': return { argument: use.ctx.arg.name, action: use.ctx.stmt.id };
    case 'call': return { argument: use.ctx.arg.name, action: `CALL ${use.ctx.stmt.target}`, variable: use.ctx.arg.name };
    case 'set': return { variable: use.ctx.variable, ...(use.propertyName !== undefined || use.target?.p !== undefined ? { property: use.propertyName ?? use.target?.p } : {}) };
    case 'default': return { variable: use.ctx.decl.name };
  }
}

/** `Password of Email.SendEmail.AuthenticateAndSend` / `Password= of the connection string in …`. */
export function describeWitness(w: Witness, withVia = false): string {
  const what = w.action && !/ of /.test(w.argument) ? `${w.argument} of ${w.action}` : w.argument;
  return withVia && w.via ? `${what} (through ${w.via})` : what;
}

/** Machine and host allow lists of flowcop.json. */
export function machineAllowed(host: string, settings: { allowedMachines: readonly string[]; allowedHosts: readonly string[] }): boolean {
  const h = host.toLowerCase();
  const short = h.split('.')[0];
  return settings.allowedMachines.some(m => {
    const a = m.trim().toLowerCase();
    if (a.startsWith('*.') || a.startsWith('.')) return h.endsWith(a.replace(/^\*/, '')) || h === a.replace(/^\*?\./, '');
    return a === h || a === short;
  }) || hostAllowed(h, settings.allowedHosts);
}
