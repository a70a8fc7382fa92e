// The shapes of the desktop-flow fact layer: keys (a variable and one property), where a value is used
// and where it flows (witnesses), the string literals in value positions, variables, secret reasons,
// and the facts of one script (facts.ts computes them).
import type { ActionStmt, Argument, CallStmt, StringLit, VariableDeclaration } from '../../model/pad-ast';
import type { DesktopFlow, Script, Solution } from '../../model/types';
import type { Span } from '../../util/text';
import type { ArgRole, SourceKind } from './catalog';
import type { FlatString } from './flat';

/** What the facts of a script are computed from: the script and the flow and solution it belongs to. */
export interface ScriptSource {
  script: Script;
  desktopFlow?: DesktopFlow;
  solution?: Solution;
}

/** A variable (lower-case) and optionally one first-level property (lower-case). */
export interface Key { v: string; p?: string; /** The property as written, for messages. */ pn?: string }

export const keyString = (k: Key): string => (k.p === undefined ? k.v : `${k.v}\u0000${k.p}`);

export function parseKey(ks: string): Key {
  const i = ks.indexOf('\u0000');
  return i < 0 ? { v: ks } : { v: ks.slice(0, i), p: ks.slice(i + 1) };
}

export interface Ref {
  key: Key;
  /** The expression is exactly this reference (not interpolated or concatenated). */
  whole: boolean;
  /**
   * The expression reads something out of the keyed value (`Config['a']['b']`, `Table[0]`, `Rows[i]['Pwd']`):
   * a value extracted from it rather than the key's whole value.
   */
  deep: boolean;
}

/** A step of the data flow: the value of `from` goes into `to`. */
export interface Edge {
  from: Key;
  to: Key;
  /** `to` becomes `from` itself (a plain copy), properties included. */
  alias: boolean;
  /**
   * The target receives a value extracted from the source (an element of a list or table, a nested
   * property below the first level): the source is a container of what flows, not the value itself.
   */
  extract?: boolean;
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

/** An @INPUT that brings a secret into the flow, and why it is one. */
export interface SecretInput {
  decl: VariableDeclaration;
  why: 'name' | 'sensitive-name' | 'sink';
  witness?: Witness;
  /** Its default value is a literal that carries data (stored in plain text in the definition). */
  literalDefault: boolean;
}

/** Everything the desktop-flow rules and fixes know about one script; computed once per Script. */
export interface ScriptFacts {
  script: Script;
  clipboard: boolean;
  variables: Map<string, VariableInfo>;
  /** Marked sensitive: @SENSITIVE, `format: password` in the flow schema. */
  sensitive: Set<string>;
  /** Sensitive by type: Credential variables, Secret environment variable values. */
  autoSensitive: Map<string, SourceKind>;
  literals: LiteralUse[];
  /** Which keys (variables and properties) reach an argument of each role, with where. */
  reach: Map<ArgRole, Map<string, Witness>>;
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
  /** Inputs that are secrets, with why. */
  secretInputs: Map<string, SecretInput>;
  /** Name of a variable for messages (as first written). */
  displayName(key: string): string;
  /**
   * Why a variable holds a secret (itself or one of its properties): from `holders`, or from `secrets`
   * for a secret input (a secret input is one whole, properties included).
   */
  secretKeysOf(v: string): SecretReason | undefined;
  /** The witness of `role` reached by a key (or by its variable, for a property), if any. */
  reachOf(role: ArgRole, key: Key | undefined): Witness | undefined;
  /** Roles that apply to a literal: its argument's, or what the variable it is stored in reaches. */
  rolesOf(use: LiteralUse): Map<ArgRole, Witness | undefined>;
}
