// Syntax tree of a desktop-flow (Power Automate Desktop, "Robin") script.
// Every span is in offsets of the *decoded script text*; Script.map turns them into file offsets.
import type { Span } from '../util/text';

// ---------------------------------------------------------------------------------------------
// Expressions and literals

export type Expr =
  | StringLit
  | NumberLit
  | BoolLit
  | VarRef
  | MemberExpr
  | IndexExpr
  | ListLit
  | ObjectLit
  | DatatableLit
  | DottedName
  | BinaryExpr
  | UnaryExpr
  | CallExpr
  | ParenExpr
  | ErrorExpr;

export type StringForm =
  /** $'''text %expr% text''' — interpolated, backslash escapes, %% for a literal percent. */
  | 'interpolated'
  /** '''text''' — triple-quoted, no interpolation (seen in @INPUT descriptions). */
  | 'triple'
  /** 'text' — single-quoted, \' escapes, no interpolation. */
  | 'single'
  /** $fx'text ${expr}' or $fx'=expr' — Power Fx literal. */
  | 'fx';

export interface TextPart {
  kind: 'text';
  /** Decoded text (escapes resolved, %% → %). */
  value: string;
  /** Raw span of this part in the script, escapes included. */
  span: Span;
  /**
   * Script offset of each decoded character, present only when the part contains escapes
   * (otherwise character i of value is at span.start + i).
   */
  offsets?: number[];
}

export interface InterpolationPart {
  kind: 'interpolation';
  /** The expression between % and % ($'''…''') or ${ and } ($fx'…'). */
  expr: Expr;
  /** Span including the delimiters. */
  span: Span;
}

export interface StringLit {
  kind: 'string';
  span: Span;
  form: StringForm;
  parts: Array<TextPart | InterpolationPart>;
  /** The decoded value when the string has no interpolation; undefined otherwise. */
  value?: string;
  /** For $fx'=expr': the formula text after '='. */
  formula?: string;
}

export interface NumberLit { kind: 'number'; span: Span; value: number; raw: string }
export interface BoolLit { kind: 'bool'; span: Span; value: boolean }
/** A variable: `Name`. */
export interface VarRef { kind: 'var'; span: Span; name: string }
/** `obj.Prop` */
export interface MemberExpr { kind: 'member'; span: Span; object: Expr; property: string; propertySpan: Span }
/** `obj['key']`, `list[0]`, `appmask['Window']['Button']` */
export interface IndexExpr { kind: 'index'; span: Span; object: Expr; index: Expr }
export interface ListLit { kind: 'list'; span: Span; items: Expr[] }
export interface ObjectLit { kind: 'object'; span: Span; entries: ObjectEntry[] }
export interface ObjectEntry { key: string; keySpan: Span; value: Expr; span: Span }
/** `{ ^['H1', 'H2'], [v1, v2] }` */
export interface DatatableLit { kind: 'datatable'; span: Span; header: Expr[]; rows: Expr[][] }
/** An enum value or other dotted identifier: `System.ProcessWindowStyle.Maximized`. */
export interface DottedName { kind: 'dotted'; span: Span; name: string; segments: string[] }
export interface BinaryExpr { kind: 'binary'; span: Span; op: string; left: Expr; right: Expr }
export interface UnaryExpr { kind: 'unary'; span: Span; op: string; operand: Expr }
/** A function call inside an expression: `IsEmpty(x)`, `NOT(x)`. */
export interface CallExpr { kind: 'call'; span: Span; callee: string; calleeSpan: Span; args: Expr[] }
export interface ParenExpr { kind: 'paren'; span: Span; expr: Expr }
/** Text that could not be parsed as an expression; a pad/syntax problem was reported for it. */
export interface ErrorExpr { kind: 'error'; span: Span; text: string }

// ---------------------------------------------------------------------------------------------
// Statements

export type Statement =
  | ActionStmt
  | SetStmt
  | IfStmt
  | SwitchStmt
  | LoopStmt
  | ForeachStmt
  | WhileStmt
  | BlockStmt
  | OnErrorStmt
  | CallStmt
  | LabelStmt
  | GotoStmt
  | WaitStmt
  | ExitStmt
  | SimpleStmt
  | GetLastErrorStmt
  | RegionStmt
  | CommentStmt
  | UnknownStmt;

interface StmtBase {
  /** Span of the whole statement, including nested bodies. */
  span: Span;
  /** True when the statement is prefixed with DISABLE. */
  disabled?: boolean;
  /** `@@key: value` annotations directly before this statement. */
  annotations?: Annotation[];
}

export interface Annotation { span: Span; key: string; keySpan: Span; value: Expr }

/** `name: value` (or `@name: value`, `@'quoted name': value`). */
export interface Argument {
  span: Span;
  name: string;
  nameSpan: Span;
  /** True for `@name` / `@'name'` (dynamic connector or subflow arguments). */
  dynamic: boolean;
  value: Expr;
}

/** `Name=> Var` */
export interface Output {
  span: Span;
  name: string;
  nameSpan: Span;
  dynamic: boolean;
  variable: string;
  variableSpan: Span;
}

/** `Module.Action[.Selector] args… outputs…` */
export interface ActionStmt extends StmtBase {
  kind: 'action';
  /** Full id as written, e.g. `Email.SendEmail.AuthenticateAndSend`. */
  id: string;
  idSpan: Span;
  module: string;
  action: string;
  selector?: string;
  args: Argument[];
  outputs: Output[];
  /** ON ERROR handlers that follow the action (indented under it). */
  onError?: OnErrorStmt[];
}

export interface SetStmt extends StmtBase {
  kind: 'set';
  /** Left-hand side: a variable, or a member/index expression rooted at one. */
  target: Expr;
  /** Root variable name of the target (`Obj` for `SET Obj['k'] TO v`). */
  variable: string;
  variableSpan: Span;
  value: Expr;
}

export interface ConditionBranch {
  span: Span;
  /** An expression, or an action in parentheses: `IF (File.IfFile.Exists File: …) THEN`. */
  condition: Expr | ActionStmt;
  body: Statement[];
}

export interface IfStmt extends StmtBase {
  kind: 'if';
  /** The IF branch first, then every ELSE IF. */
  branches: ConditionBranch[];
  elseBody?: Statement[];
}

export interface SwitchStmt extends StmtBase {
  kind: 'switch';
  value: Expr;
  cases: Array<{ span: Span; op: string; value: Expr; body: Statement[] }>;
  defaultBody?: Statement[];
}

/** `LOOP [Index] FROM a TO b STEP s` */
export interface LoopStmt extends StmtBase {
  kind: 'loop';
  variable?: string;
  variableSpan?: Span;
  from: Expr;
  to: Expr;
  step: Expr;
  body: Statement[];
}

/** `LOOP FOREACH Item IN List` */
export interface ForeachStmt extends StmtBase {
  kind: 'foreach';
  variable: string;
  variableSpan: Span;
  collection: Expr;
  body: Statement[];
}

/** `LOOP WHILE cond` / `LOOP WHILE (Action …)` */
export interface WhileStmt extends StmtBase {
  kind: 'while';
  condition: Expr | ActionStmt;
  body: Statement[];
}

/** `BLOCK [name]` + `ON BLOCK ERROR [all]` handler + `END` + body + `END`. */
export interface BlockStmt extends StmtBase {
  kind: 'block';
  name?: string;
  handler?: { span: Span; all: boolean; body: Statement[] };
  body: Statement[];
}

/** `ON ERROR [ErrorType]` / `ON ERROR REPEAT n TIMES WAIT s` … `END` */
export interface OnErrorStmt extends StmtBase {
  kind: 'onError';
  errorType?: string;
  repeat?: { times: Expr; wait: Expr };
  body: Statement[];
}

/** `CALL Name [in: v] [out=> w]` */
export interface CallStmt extends StmtBase {
  kind: 'call';
  target: string;
  targetSpan: Span;
  args: Argument[];
  outputs: Output[];
}

export interface LabelStmt extends StmtBase { kind: 'label'; name: string; nameSpan: Span }
export interface GotoStmt extends StmtBase { kind: 'goto'; name: string; nameSpan: Span }

/** `WAIT expr` or `WAIT (Action …) [FOR expr]` */
export interface WaitStmt extends StmtBase {
  kind: 'wait';
  duration?: Expr;
  condition?: ActionStmt;
  timeout?: Expr;
}

/** `EXIT Code: n [ErrorMessage: v]` (stop flow). */
export interface ExitStmt extends StmtBase { kind: 'exit'; args: Argument[] }

/** Keyword statements without operands. */
export interface SimpleStmt extends StmtBase {
  kind: 'simple';
  keyword: 'EXIT LOOP' | 'NEXT LOOP' | 'EXIT FUNCTION' | 'THROW ERROR' | 'REPEAT BLOCK' | 'NEXT';
}

/** `ERROR => Var [Reset: True]` */
export interface GetLastErrorStmt extends StmtBase { kind: 'getLastError'; variable: string; variableSpan: Span; args: Argument[] }

/** `**REGION name` / `**ENDREGION` */
export interface RegionStmt extends StmtBase { kind: 'region'; end: boolean; name?: string }

/** `# text` or `/# … #/` */
export interface CommentStmt extends StmtBase { kind: 'comment'; text: string; block: boolean }

/** A line that could not be parsed; a pad/syntax problem was reported for it. */
export interface UnknownStmt extends StmtBase { kind: 'unknown'; text: string }

// ---------------------------------------------------------------------------------------------
// Script structure

/** `@INPUT Name : { 'Description': …, 'Type': 'String', 'DefaultValue': … }` (or @OUTPUT). */
export interface VariableDeclaration {
  span: Span;
  direction: 'input' | 'output';
  name: string;
  nameSpan: Span;
  /** The object literal; entries keyed by property name. */
  properties: ObjectLit;
  type?: string;
  friendlyName?: string;
  defaultValue?: Expr;
}

/** `FUNCTION Name GLOBAL` … `END FUNCTION` (a subflow). */
export interface FunctionDef {
  span: Span;
  name: string;
  nameSpan: Span;
  body: Statement[];
}

export interface SyntaxProblem {
  span: Span;
  message: string;
}

export interface ScriptAst {
  /** `@@Key: 'value'` lines at the top of a stored definition (ConnectionString, Type, …). */
  headers: Annotation[];
  imports: Array<{ span: Span; path: string; alias: string }>;
  /** The `@SENSITIVE: [...]` line, when present. */
  sensitive?: { span: Span; names: Array<{ name: string; span: Span }>; /** span of the text between [ and ] */ listSpan: Span };
  declarations: VariableDeclaration[];
  /** Statements outside any FUNCTION (the main subflow of a stored definition, or a clipboard copy). */
  body: Statement[];
  functions: FunctionDef[];
  /** `# [ControlRepository][PowerAutomateDesktop]` and the JSON after it, when present. */
  clipboardTrailer?: { span: Span };
  /** Every comment line, in order, for suppression directives. */
  comments: CommentStmt[];
  problems: SyntaxProblem[];
}
