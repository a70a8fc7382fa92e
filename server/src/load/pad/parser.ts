// Desktop-flow script parser. One statement per line, except that strings and block comments may span
// lines; nested bodies (IF, LOOP, BLOCK, ON ERROR, FUNCTION, …) are tracked with an explicit frame stack,
// so deep nesting cannot exhaust the call stack and a missing or extra END costs one problem, not the
// rest of the file. Every line is read once: linear in the size of the script.
import type { Span } from '../../util/text';
import type {
  ActionStmt, Annotation, Argument, BlockStmt, CommentStmt, ConditionBranch, Expr, ForeachStmt, FunctionDef, IfStmt,
  LoopStmt, ObjectLit, OnErrorStmt, Output, ScriptAst, SimpleStmt, Statement, SwitchStmt, SyntaxProblem,
  VariableDeclaration, WaitStmt, WhileStmt,
} from '../../model/pad-ast';
import { ExpressionParser } from './expressions';
import { Lexer, isBlank, isIdentStartAt, isLineBreak, lineEndFrom, scanIdent, type Token } from './lexer';
import { isKnownModule } from './modules';

/** The first line of the control-repository section a designer copy may end with. */
const CLIPBOARD_TRAILER = '# [ControlRepository][PowerAutomateDesktop]';
/** `@@…` keys of the stored-definition header (every saved definition starts with these). */
const HEADER_KEYS = new Set(['connectionstring', 'type', 'desktoptype', 'displayname']);
const COMPARISON_OPERATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);

/** Parses a desktop-flow script. Never throws: what cannot be read becomes an entry in `problems`. */
export function parseScript(text: string): ScriptAst {
  try {
    return new ScriptParser(text).parse();
  } catch (error) {
    // Defensive only: a parser bug must not take the lint run down with it.
    return {
      headers: [], imports: [], declarations: [], body: [], functions: [], comments: [],
      problems: [{ span: { start: 0, end: 0 }, message: `internal error while parsing the script: ${String(error)}` }],
    };
  }
}

/**
 * One statement line on its own, as the whole-script parse would read it after the script's header (the
 * incremental re-parse, incremental.ts): undefined unless the line at `start` is exactly one statement that
 * opens or closes no block, brings no comment and has no fault. `end` is where the line's content ends.
 */
export function parseStatementLineAt(text: string, start: number): { stmt: Statement; end: number } | undefined {
  try {
    return new ScriptParser(text).parseOneLine(start);
  } catch {
    return undefined;
  }
}

type Frame =
  | { kind: 'function'; head: Span; def: FunctionDef }
  | { kind: 'if'; head: Span; node: IfStmt; branch: ConditionBranch | undefined }
  | { kind: 'switch'; head: Span; node: SwitchStmt; list: Statement[] | undefined; current: { span: Span } | undefined; sawDefault: boolean }
  | { kind: 'loop'; head: Span; node: LoopStmt | ForeachStmt | WhileStmt }
  | { kind: 'block'; head: Span; node: BlockStmt; phase: 'pending' | 'handler' | 'body' }
  | { kind: 'onError'; head: Span; node: OnErrorStmt; owner: Statement | undefined; handlers: OnErrorStmt[] | undefined; column: number };

/** Parsed arguments and outputs of an action, CALL, EXIT or ERROR statement. */
interface ArgumentList {
  args: Argument[];
  outputs: Output[];
  end: number;
}

class ScriptParser {
  private readonly end: number;
  private readonly lx: Lexer;
  private readonly problems: SyntaxProblem[] = [];
  private readonly ep: ExpressionParser;
  private readonly ast: ScriptAst;
  private readonly frames: Frame[] = [];
  private pendingAnnotations: Annotation[] = [];
  /** A statement, FUNCTION or other non-header line has been seen: later `@@` lines are not headers. */
  private pastHeader = false;
  /** End of the content of the last line read, and of the line before the current one. */
  private lastEnd = 0;
  private previousLineEnd = 0;
  private stopped = false;
  /** problems.length when the current line started: a line reports at most its first fault. */
  private lineProblemMark = 0;

  constructor(private readonly text: string) {
    this.end = text.length;
    this.lx = new Lexer(text, 0, this.end);
    this.ep = new ExpressionParser(text, this.problems);
    this.ast = { headers: [], imports: [], declarations: [], body: [], functions: [], comments: [], problems: this.problems };
  }

  parse(): ScriptAst {
    for (;;) {
      const start = this.skipBlankLines();
      if (start >= this.end) break;
      this.previousLineEnd = this.lastEnd;
      this.lineProblemMark = this.problems.length;
      this.parseLine(start);
      if (this.stopped) break;
      if (this.lx.save() <= start) {
        // Safety net: every line must consume something.
        const lineEnd = lineEndFrom(this.text, start, this.end);
        this.report(start, lineEnd, 'unrecognised line');
        this.lx.seek(Math.max(lineEnd, start + 1));
      }
    }
    this.closeAllFrames(undefined);
    if (this.pendingAnnotations.length) {
      if (!this.pastHeader) this.ast.headers.push(...this.pendingAnnotations);
      else this.dropPendingAnnotations();
    }
    this.problems.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    return this.ast;
  }

  /** See parseStatementLineAt. */
  parseOneLine(start: number): { stmt: Statement; end: number } | undefined {
    this.pastHeader = true;
    this.lx.seek(start);
    this.parseLine(start);
    const a = this.ast;
    const single = !this.stopped && !this.frames.length && !this.problems.length && !this.pendingAnnotations.length && a.body.length === 1
      && !a.comments.length && !a.headers.length && !a.imports.length && !a.declarations.length && !a.functions.length && !a.sensitive && !a.clipboardTrailer;
    return single ? { stmt: a.body[0], end: this.lastEnd } : undefined;
  }

  // ------------------------------------------------------------------------------------------
  // Lines

  private parseLine(start: number): void {
    const text = this.text;
    const c = text.charCodeAt(start);
    const c2 = text.charCodeAt(start + 1);
    if (c === 35 /* # */) return this.parseLineComment(start);
    if (c === 47 /* / */ && c2 === 35) return this.parseBlockComment(start);
    if (c === 42 /* * */ && c2 === 42) return this.parseRegion(start);
    if (c === 64 /* @ */ && c2 === 64) return this.parseAnnotation(start);
    if (c === 64) return this.parseDirective(start);
    this.parseStatementLine(start);
  }

  private parseLineComment(start: number): void {
    const contentEnd = this.lineContentEnd(start);
    if (this.text.slice(start, contentEnd).toLowerCase() === CLIPBOARD_TRAILER.toLowerCase()) {
      // Everything after the marker is the control-repository JSON, not script.
      this.closeAllFrames(undefined);
      this.ast.clipboardTrailer = { span: { start, end: this.end } };
      this.lx.seek(this.end);
      this.stopped = true;
      return;
    }
    this.addComment({ kind: 'comment', span: { start, end: contentEnd }, text: this.text.slice(start + 1, contentEnd).trim(), block: false });
    this.lastEnd = contentEnd;
    this.lx.seek(contentEnd);
  }

  private parseBlockComment(start: number): void {
    let close = this.text.indexOf('#/', start + 2);
    let end: number;
    if (close < 0) {
      this.report(start, start + 2, "unterminated block comment: '/#' without '#/'");
      close = this.end;
      end = this.end;
    } else {
      end = close + 2;
    }
    this.addComment({ kind: 'comment', span: { start, end }, text: this.text.slice(start + 2, close).trim(), block: true });
    this.lastEnd = end;
    this.lx.seek(end);
  }

  private parseRegion(start: number): void {
    const wordEnd = scanIdent(this.text, start + 2, this.end);
    const word = this.text.slice(start + 2, wordEnd).toUpperCase();
    const contentEnd = this.lineContentEnd(start);
    if (word !== 'REGION' && word !== 'ENDREGION') return this.parseUnknownLine(start, start);
    const name = word === 'REGION' ? this.text.slice(wordEnd, contentEnd).trim() : '';
    this.addStatement({ kind: 'region', span: { start, end: contentEnd }, end: word === 'ENDREGION', ...(name ? { name } : {}) });
    this.lastEnd = contentEnd;
    this.lx.seek(contentEnd);
  }

  /** `@@key: value` / `@@'quoted key': value` */
  private parseAnnotation(start: number): void {
    const lx = this.lx;
    lx.seek(start + 2);
    const keyToken = lx.peek();
    let key: string;
    if (keyToken.kind === 'ident') {
      lx.next();
      key = keyToken.text;
    } else if (keyToken.kind === 'string' && keyToken.str!.form === 'single') {
      lx.next();
      key = this.ep.parseStringToken(keyToken).value ?? '';
    } else {
      return this.parseUnknownLine(start, start, 'expected an annotation name after @@');
    }
    if (this.ep.expect(lx, ':') === undefined) return this.parseUnknownLine(start, lx.save());
    const value = this.ep.parseExpression(lx);
    const annotation: Annotation = { span: { start, end: value.span.end }, key, keySpan: { start: keyToken.start, end: keyToken.end }, value };
    if (!this.pastHeader && !this.pendingAnnotations.length && HEADER_KEYS.has(key.toLowerCase())) this.ast.headers.push(annotation);
    else this.pendingAnnotations.push(annotation);
    this.finishLine();
  }

  /** `@SENSITIVE: [...]`, `@INPUT Name : {...}`, `@OUTPUT Name : {...}` */
  private parseDirective(start: number): void {
    const wordEnd = scanIdent(this.text, start + 1, this.end);
    const word = this.text.slice(start + 1, wordEnd).toUpperCase();
    if (word === 'SENSITIVE') return this.parseSensitive(start, wordEnd);
    if (word === 'INPUT' || word === 'OUTPUT') return this.parseDeclaration(start, wordEnd, word === 'INPUT' ? 'input' : 'output');
    this.parseUnknownLine(start, start);
  }

  private parseSensitive(start: number, wordEnd: number): void {
    const lx = this.lx;
    lx.seek(wordEnd);
    this.headerLineSeen();
    if (this.ep.expect(lx, ':') === undefined || this.ep.expect(lx, '[') === undefined) return this.parseUnknownLine(start, lx.save());
    const listStart = lx.save();
    const names: Array<{ name: string; span: Span }> = [];
    let listEnd = listStart;
    for (;;) {
      const t = lx.peek();
      if (t.kind === 'punct' && t.text === ']') {
        lx.next();
        listEnd = t.start;
        break;
      }
      if (t.kind !== 'ident') {
        this.report(t.start, t.kind === 'eol' || t.kind === 'eof' ? t.start : t.end, "expected a variable name or ']' in @SENSITIVE");
        listEnd = t.start;
        break;
      }
      lx.next();
      names.push({ name: t.text, span: { start: t.start, end: t.end } });
      const sep = lx.peek();
      if (sep.kind === 'punct' && sep.text === ',') lx.next();
    }
    if (this.ast.sensitive) this.report(start, wordEnd, 'a second @SENSITIVE line');
    else this.ast.sensitive = { span: { start, end: lx.save() }, names, listSpan: { start: listStart, end: listEnd } };
    this.finishLine();
  }

  private parseDeclaration(start: number, wordEnd: number, direction: 'input' | 'output'): void {
    const lx = this.lx;
    lx.seek(wordEnd);
    this.headerLineSeen();
    const nameToken = lx.peek();
    if (nameToken.kind !== 'ident') return this.parseUnknownLine(start, nameToken.start, `expected a variable name after @${direction.toUpperCase()}`);
    lx.next();
    if (this.ep.expect(lx, ':') === undefined) return this.parseUnknownLine(start, lx.save());
    const value = this.ep.parseExpression(lx);
    let properties: ObjectLit;
    if (value.kind === 'object') {
      properties = value;
    } else {
      this.report(value.span.start, value.span.end, `expected { … } with the properties of @${direction.toUpperCase()} ${nameToken.text}`);
      properties = { kind: 'object', span: value.span, entries: [] };
    }
    const property = (key: string) => properties.entries.find(e => e.key.toLowerCase() === key.toLowerCase())?.value;
    const stringProperty = (key: string) => {
      const v = property(key);
      return v?.kind === 'string' ? v.value : undefined;
    };
    const declaration: VariableDeclaration = {
      span: { start, end: value.span.end },
      direction,
      name: nameToken.text,
      nameSpan: { start: nameToken.start, end: nameToken.end },
      properties,
    };
    const type = stringProperty('Type');
    if (type !== undefined) declaration.type = type;
    const friendlyName = stringProperty('FriendlyName');
    if (friendlyName !== undefined) declaration.friendlyName = friendlyName;
    const defaultValue = property('DefaultValue');
    if (defaultValue) declaration.defaultValue = defaultValue;
    this.ast.declarations.push(declaration);
    this.finishLine();
  }

  // ------------------------------------------------------------------------------------------
  // Token statements

  private parseStatementLine(start: number): void {
    const lx = this.lx;
    lx.seek(start);
    let first = lx.peek();
    let disabled = false;
    if (first.kind === 'ident' && first.text.toUpperCase() === 'DISABLE' && !this.followedByDot(first)) {
      lx.next();
      disabled = true;
      first = lx.peek();
    }
    if (first.kind !== 'ident') return this.parseUnknownLine(start, first.start);
    if (this.followedByDot(first)) {
      const action = this.parseAction(false);
      this.addStatement(action, start, disabled);
      return this.finishLine();
    }
    switch (first.text.toUpperCase()) {
      case 'SET': return this.parseSet(start, disabled);
      case 'IF': return this.parseIf(start, disabled);
      case 'ELSE': return this.parseElse(start);
      case 'END': return this.parseEnd(start);
      case 'SWITCH': return this.parseSwitch(start, disabled);
      case 'CASE': return this.parseCase(start);
      case 'DEFAULT': return this.parseDefault(start);
      case 'LOOP': return this.parseLoop(start, disabled);
      case 'EXIT': return this.parseExit(start, disabled);
      case 'NEXT': return this.parseKeywordPair(start, disabled, 'LOOP', 'NEXT LOOP', 'NEXT');
      case 'THROW': return this.parseKeywordPair(start, disabled, 'ERROR', 'THROW ERROR');
      case 'REPEAT': return this.parseKeywordPair(start, disabled, 'BLOCK', 'REPEAT BLOCK');
      case 'FUNCTION': return this.parseFunction(start);
      case 'CALL': return this.parseCall(start, disabled);
      case 'LABEL': return this.parseLabelOrGoto(start, disabled, 'label');
      case 'GOTO': return this.parseLabelOrGoto(start, disabled, 'goto');
      case 'WAIT': return this.parseWait(start, disabled);
      case 'BLOCK': return this.parseBlock(start, disabled);
      case 'ON': return this.parseOn(start, disabled);
      case 'ERROR': return this.parseGetLastError(start, disabled);
      case 'IMPORT': return this.parseImport(start);
      default: return this.parseUnknownLine(start, first.start);
    }
  }

  /** `Module.Action[.Selector] Name: value … Out=> Var` (inside parentheses for conditions). */
  private parseAction(inParentheses: boolean): ActionStmt {
    const lx = this.lx;
    const first = lx.next();
    let idEnd = first.end;
    while (this.text.charCodeAt(idEnd) === 46 /* . */ && idEnd + 1 < this.end && isIdentStartAt(this.text, idEnd + 1)) {
      idEnd = scanIdent(this.text, idEnd + 1, this.end);
    }
    lx.seek(idEnd);
    const id = this.text.slice(first.start, idEnd);
    const segments = id.split('.');
    const list = this.parseArguments(inParentheses, idEnd);
    const action: ActionStmt = {
      kind: 'action',
      span: { start: first.start, end: list.end },
      id,
      idSpan: { start: first.start, end: idEnd },
      module: segments[0],
      action: segments[1],
      args: list.args,
      outputs: list.outputs,
    };
    if (segments.length > 2) action.selector = segments.slice(2).join('.');
    return action;
  }

  /** `Name: value`, `@name: value`, `@'quoted name': value`, `Name=> Var` up to the end of the line (or ')'). */
  private parseArguments(inParentheses: boolean, end: number): ArgumentList {
    const lx = this.lx;
    const result: ArgumentList = { args: [], outputs: [], end };
    for (;;) {
      const t = lx.peek();
      if (t.kind === 'eol' || t.kind === 'eof') return result;
      if (t.kind === 'punct' && ((inParentheses && t.text === ')') || (t.text === '#' && t.spaceBefore))) return result;
      const nameStart = t.start;
      let dynamic = false;
      let nameToken = t;
      if (t.kind === 'punct' && t.text === '@') {
        lx.next();
        dynamic = true;
        nameToken = lx.peek();
      }
      let name: string;
      if (nameToken.kind === 'ident') {
        name = nameToken.text;
      } else if (dynamic && nameToken.kind === 'string' && nameToken.str!.form === 'single') {
        name = this.ep.parseStringToken(nameToken).value ?? '';
      } else {
        this.report(nameToken.start, this.skipArguments(inParentheses, nameToken.end), 'expected an argument name');
        return result;
      }
      lx.next();
      const nameSpan = { start: nameToken.start, end: nameToken.end };
      const sep = lx.peek();
      if (sep.kind === 'punct' && sep.text === ':') {
        lx.next();
        const value = this.ep.parseExpression(lx);
        result.args.push({ span: { start: nameStart, end: value.span.end }, name, nameSpan, dynamic, value });
        result.end = value.span.end;
      } else if (sep.kind === 'punct' && sep.text === '=>') {
        lx.next();
        const variable = lx.peek();
        if (variable.kind !== 'ident') {
          this.report(variable.start, variable.kind === 'eol' || variable.kind === 'eof' ? variable.start : variable.end, `expected a variable after '${name}=>'`);
          this.skipArguments(inParentheses, variable.start);
          return result;
        }
        lx.next();
        result.outputs.push({ span: { start: nameStart, end: variable.end }, name, nameSpan, dynamic, variable: variable.text, variableSpan: { start: variable.start, end: variable.end } });
        result.end = variable.end;
      } else {
        const stop = this.skipArguments(inParentheses, nameToken.end);
        this.report(nameToken.start, stop, `expected ':' or '=>' after '${name}'`);
        return result;
      }
    }
  }

  /** Skips what is left of the argument list; returns the end of the last token skipped. */
  private skipArguments(inParentheses: boolean, end: number): number {
    const lx = this.lx;
    for (;;) {
      const t = lx.peek();
      if (t.kind === 'eol' || t.kind === 'eof' || (inParentheses && t.kind === 'punct' && t.text === ')')) return end;
      lx.next();
      end = t.end;
    }
  }

  /** SET target TO value */
  private parseSet(start: number, disabled: boolean): void {
    const lx = this.lx;
    lx.next();
    const target = this.ep.parseAssignTarget(lx);
    const value = this.expectKeyword('TO') ? this.ep.parseExpression(lx) : this.ep.errorExpr(lx.save(), lx.save());
    let root: Expr = target;
    while (root.kind === 'member' || root.kind === 'index') root = root.object;
    this.addStatement({
      kind: 'set',
      span: { start, end: Math.max(value.span.end, target.span.end) },
      target,
      variable: root.kind === 'var' ? root.name : '',
      variableSpan: root.span,
      value,
    }, start, disabled);
    this.finishLine();
  }

  private parseIf(start: number, disabled: boolean): void {
    const lx = this.lx;
    lx.next();
    const condition = this.parseCondition();
    const then = this.expectKeyword('THEN');
    const head = { start, end: then?.end ?? condition.span.end };
    const branch: ConditionBranch = { span: { ...head }, condition, body: [] };
    const node: IfStmt = { kind: 'if', span: { ...head }, branches: [branch] };
    this.addStatement(node, start, disabled);
    this.frames.push({ kind: 'if', head, node, branch });
    this.finishLine();
  }

  /** ELSE / ELSE IF condition THEN */
  private parseElse(start: number): void {
    const lx = this.lx;
    lx.next();
    const next = lx.peek();
    const frame = this.top();
    this.dropPendingAnnotations();
    if (next.kind === 'ident' && next.text.toUpperCase() === 'IF') {
      lx.next();
      const condition = this.parseCondition();
      if (condition.kind === 'action') {
        this.report(condition.span.start, condition.span.end, 'ELSE IF cannot test an action (PAD rejects it): use ELSE with a nested IF (…) THEN');
      }
      const then = this.expectKeyword('THEN');
      const head = { start, end: then?.end ?? condition.span.end };
      if (frame?.kind !== 'if') {
        this.report(head.start, head.end, 'ELSE IF without matching IF');
      } else {
        if (!frame.branch) this.report(head.start, head.end, 'ELSE IF after ELSE');
        this.closeBranch(frame);
        const branch: ConditionBranch = { span: { ...head }, condition, body: [] };
        frame.node.branches.push(branch);
        frame.branch = branch;
      }
    } else {
      const head = { start, end: lx.save() };
      if (frame?.kind !== 'if') {
        this.report(head.start, head.end, 'ELSE without matching IF');
      } else if (!frame.branch) {
        this.report(head.start, head.end, 'a second ELSE in the same IF');
      } else {
        this.closeBranch(frame);
        frame.node.elseBody = [];
        frame.branch = undefined;
      }
    }
    this.finishLine();
  }

  /** END (closes the innermost block) or END FUNCTION. */
  private parseEnd(start: number): void {
    const lx = this.lx;
    const endToken = lx.next();
    this.dropPendingAnnotations();
    const next = lx.peek();
    if (next.kind === 'ident' && next.text.toUpperCase() === 'FUNCTION') {
      lx.next();
      this.endFunction(start, next.end);
      return this.finishLine();
    }
    const frame = this.top();
    if (!frame || frame.kind === 'function') {
      this.report(start, endToken.end, 'END without matching block');
      return this.finishLine();
    }
    if (frame.kind === 'block' && frame.phase === 'handler') {
      // The END after ON BLOCK ERROR closes the handler; the block's own body follows.
      frame.node.handler!.span.end = endToken.end;
      frame.phase = 'body';
    } else {
      this.popFrame(endToken.end);
    }
    this.finishLine();
  }

  private parseSwitch(start: number, disabled: boolean): void {
    const lx = this.lx;
    lx.next();
    const value = this.ep.parseExpression(lx);
    const head = { start, end: value.span.end };
    const node: SwitchStmt = { kind: 'switch', span: { ...head }, value, cases: [] };
    this.addStatement(node, start, disabled);
    this.frames.push({ kind: 'switch', head, node, list: undefined, current: undefined, sawDefault: false });
    this.finishLine();
  }

  /** CASE op value */
  private parseCase(start: number): void {
    const lx = this.lx;
    const caseToken = lx.next();
    this.dropPendingAnnotations();
    const opToken = lx.peek();
    let op = '=';
    if (opToken.kind === 'punct' && COMPARISON_OPERATORS.has(opToken.text)) {
      lx.next();
      op = opToken.text;
    } else {
      this.report(start, caseToken.end, 'CASE needs a comparison: =, <>, <, <=, > or >=');
    }
    const value = this.ep.parseExpression(lx);
    const frame = this.top();
    if (frame?.kind !== 'switch') {
      this.report(start, value.span.end, 'CASE without matching SWITCH');
    } else {
      if (frame.sawDefault) this.report(start, value.span.end, 'CASE after DEFAULT');
      this.closeCase(frame);
      const c = { span: { start, end: value.span.end }, op, value, body: [] as Statement[] };
      frame.node.cases.push(c);
      frame.list = c.body;
      frame.current = c;
    }
    this.finishLine();
  }

  private parseDefault(start: number): void {
    const token = this.lx.next();
    this.dropPendingAnnotations();
    const frame = this.top();
    if (frame?.kind !== 'switch') {
      this.report(start, token.end, 'DEFAULT without matching SWITCH');
    } else if (frame.sawDefault) {
      this.report(start, token.end, 'a second DEFAULT in the same SWITCH');
    } else {
      this.closeCase(frame);
      frame.node.defaultBody = [];
      frame.list = frame.node.defaultBody;
      frame.current = undefined;
      frame.sawDefault = true;
    }
    this.finishLine();
  }

  /** LOOP FOREACH x IN y / LOOP WHILE cond / LOOP [i] FROM a TO b STEP s */
  private parseLoop(start: number, disabled: boolean): void {
    const lx = this.lx;
    lx.next();
    const next = lx.peek();
    const word = next.kind === 'ident' ? next.text.toUpperCase() : '';
    let node: LoopStmt | ForeachStmt | WhileStmt;
    if (word === 'FOREACH') {
      lx.next();
      const variable = lx.peek();
      if (variable.kind === 'ident') lx.next();
      else this.report(variable.start, variable.end, 'expected the loop variable after FOREACH');
      const collection = this.expectKeyword('IN') ? this.ep.parseExpression(lx) : this.ep.errorExpr(lx.save(), lx.save());
      node = {
        kind: 'foreach',
        span: { start, end: collection.span.end },
        variable: variable.kind === 'ident' ? variable.text : '',
        variableSpan: { start: variable.start, end: variable.kind === 'ident' ? variable.end : variable.start },
        collection,
        body: [],
      };
    } else if (word === 'WHILE') {
      lx.next();
      const condition = this.parseCondition();
      node = { kind: 'while', span: { start, end: condition.span.end }, condition, body: [] };
    } else {
      let variable: Token | undefined;
      if (next.kind === 'ident' && word !== 'FROM') {
        lx.next();
        variable = next;
      }
      const from = this.expectKeyword('FROM') ? this.ep.parseExpression(lx) : this.ep.errorExpr(lx.save(), lx.save());
      const to = this.expectKeyword('TO') ? this.ep.parseExpression(lx) : this.ep.errorExpr(lx.save(), lx.save());
      const step = this.expectKeyword('STEP') ? this.ep.parseExpression(lx) : this.ep.errorExpr(lx.save(), lx.save());
      const loop: LoopStmt = { kind: 'loop', span: { start, end: Math.max(from.span.end, to.span.end, step.span.end) }, from, to, step, body: [] };
      if (variable) {
        loop.variable = variable.text;
        loop.variableSpan = { start: variable.start, end: variable.end };
      }
      node = loop;
    }
    const head = { start, end: node.span.end };
    this.addStatement(node, start, disabled);
    this.frames.push({ kind: 'loop', head, node });
    this.finishLine();
  }

  /** EXIT LOOP / EXIT FUNCTION / EXIT Code: n [ErrorMessage: v] */
  private parseExit(start: number, disabled: boolean): void {
    const lx = this.lx;
    const exitToken = lx.next();
    const next = lx.peek();
    const word = next.kind === 'ident' ? next.text.toUpperCase() : '';
    if ((word === 'LOOP' || word === 'FUNCTION') && !this.isArgumentName(next)) {
      lx.next();
      this.addStatement({ kind: 'simple', span: { start, end: next.end }, keyword: word === 'LOOP' ? 'EXIT LOOP' : 'EXIT FUNCTION' }, start, disabled);
      return this.finishLine();
    }
    const list = this.parseArguments(false, exitToken.end);
    if (list.outputs.length) this.report(list.outputs[0].span.start, list.outputs[list.outputs.length - 1].span.end, 'EXIT takes no outputs');
    this.addStatement({ kind: 'exit', span: { start, end: list.end }, args: list.args }, start, disabled);
    this.finishLine();
  }

  /** NEXT LOOP, THROW ERROR, REPEAT BLOCK (and a bare NEXT). */
  private parseKeywordPair(start: number, disabled: boolean, second: string, keyword: SimpleStmt['keyword'], alone?: SimpleStmt['keyword']): void {
    const lx = this.lx;
    const first = lx.next();
    const next = lx.peek();
    let end = first.end;
    let kw: SimpleStmt['keyword'] | undefined = alone;
    if (next.kind === 'ident' && next.text.toUpperCase() === second) {
      lx.next();
      end = next.end;
      kw = keyword;
    }
    if (!kw) return this.parseUnknownLine(start, first.start, `expected ${keyword}`);
    this.addStatement({ kind: 'simple', span: { start, end }, keyword: kw }, start, disabled);
    this.finishLine();
  }

  /** FUNCTION Name GLOBAL / FUNCTION 'Quoted Name' GLOBAL */
  private parseFunction(start: number): void {
    const lx = this.lx;
    lx.next();
    this.dropPendingAnnotations();
    this.pastHeader = true;
    if (this.frames.length) this.closeAllFrames(start);
    const nameToken = lx.peek();
    let name: string;
    if (nameToken.kind === 'ident') name = nameToken.text;
    else if (nameToken.kind === 'string' && nameToken.str!.form === 'single') name = this.ep.parseStringToken(nameToken).value ?? '';
    else return this.parseUnknownLine(start, nameToken.start, 'expected the subflow name after FUNCTION');
    lx.next();
    let headEnd = nameToken.end;
    const scope = lx.peek();
    if (scope.kind === 'ident' && (scope.text.toUpperCase() === 'GLOBAL' || scope.text.toUpperCase() === 'LOCAL')) {
      lx.next();
      headEnd = scope.end;
    }
    const def: FunctionDef = { span: { start, end: headEnd }, name, nameSpan: { start: nameToken.start, end: nameToken.end }, body: [] };
    this.ast.functions.push(def);
    this.frames.push({ kind: 'function', head: { start, end: headEnd }, def });
    this.finishLine();
  }

  private endFunction(start: number, end: number): void {
    const index = this.frames.findIndex(f => f.kind === 'function');
    if (index < 0) {
      this.report(start, end, 'END FUNCTION without matching FUNCTION');
      return;
    }
    while (this.frames.length > index + 1) this.popFrameUnclosed(start);
    const frame = this.frames.pop() as Extract<Frame, { kind: 'function' }>;
    frame.def.span.end = end;
  }

  /** CALL Name [in: v] [out=> w] */
  private parseCall(start: number, disabled: boolean): void {
    const lx = this.lx;
    lx.next();
    const target = lx.peek();
    let name: string;
    if (target.kind === 'ident') name = target.text;
    else if (target.kind === 'string' && target.str!.form === 'single') name = this.ep.parseStringToken(target).value ?? '';
    else return this.parseUnknownLine(start, target.start, 'expected the subflow name after CALL');
    lx.next();
    const list = this.parseArguments(false, target.end);
    this.addStatement({
      kind: 'call',
      span: { start, end: list.end },
      target: name,
      targetSpan: { start: target.start, end: target.end },
      args: list.args,
      outputs: list.outputs,
    }, start, disabled);
    this.finishLine();
  }

  private parseLabelOrGoto(start: number, disabled: boolean, kind: 'label' | 'goto'): void {
    const lx = this.lx;
    lx.next();
    const t = lx.peek();
    let name: string;
    if (t.kind === 'ident' || t.kind === 'number') name = t.text;
    else if (t.kind === 'string' && t.str!.form === 'single') name = this.ep.parseStringToken(t).value ?? '';
    else return this.parseUnknownLine(start, t.start, `expected a label name after ${kind.toUpperCase()}`);
    lx.next();
    this.addStatement({ kind, span: { start, end: t.end }, name, nameSpan: { start: t.start, end: t.end } }, start, disabled);
    this.finishLine();
  }

  /** WAIT duration / WAIT (Action …) [FOR timeout] */
  private parseWait(start: number, disabled: boolean): void {
    const lx = this.lx;
    lx.next();
    const open = lx.peek();
    if (open.kind === 'punct' && open.text === '(' && this.isParenthesizedAction(open.end)) {
      const condition = this.parseParenthesizedAction();
      let end = lx.save();
      const wait: WaitStmt = { kind: 'wait', span: { start, end }, condition };
      const forToken = lx.peek();
      if (forToken.kind === 'ident' && forToken.text.toUpperCase() === 'FOR') {
        lx.next();
        wait.timeout = this.ep.parseExpression(lx);
        end = wait.timeout.span.end;
      }
      wait.span.end = end;
      this.addStatement(wait, start, disabled);
    } else {
      const duration = this.ep.parseExpression(lx);
      this.addStatement({ kind: 'wait', span: { start, end: duration.span.end }, duration }, start, disabled);
    }
    this.finishLine();
  }

  /** BLOCK [name] — its ON BLOCK ERROR handler and END come first, then the body and END. */
  private parseBlock(start: number, disabled: boolean): void {
    const lx = this.lx;
    const keyword = lx.next();
    const t = lx.peek();
    let name: string | undefined;
    let end = keyword.end;
    if (t.kind === 'ident') {
      lx.next();
      name = t.text;
      end = t.end;
    } else if (t.kind === 'string' && t.str!.form === 'single') {
      lx.next();
      name = this.ep.parseStringToken(t).value;
      end = t.end;
    }
    const node: BlockStmt = { kind: 'block', span: { start, end }, body: [] };
    if (name !== undefined) node.name = name;
    this.addStatement(node, start, disabled);
    this.frames.push({ kind: 'block', head: { start, end }, node, phase: 'pending' });
    this.finishLine();
  }

  /** ON BLOCK ERROR [all] / ON ERROR [Type] / ON ERROR REPEAT n TIMES WAIT s */
  private parseOn(start: number, disabled: boolean): void {
    const lx = this.lx;
    const on = lx.next();
    const next = lx.peek();
    const word = next.kind === 'ident' ? next.text.toUpperCase() : '';
    if (word === 'BLOCK') {
      lx.next();
      const error = this.expectKeyword('ERROR');
      let end = error?.end ?? next.end;
      let all = false;
      const option = lx.peek();
      if (option.kind === 'ident' && option.text.toUpperCase() === 'ALL') {
        lx.next();
        all = true;
        end = option.end;
      }
      this.dropPendingAnnotations();
      const frame = this.top();
      if (frame?.kind !== 'block' || frame.phase !== 'pending') {
        this.report(start, end, 'ON BLOCK ERROR must directly follow BLOCK');
      } else {
        frame.node.handler = { span: { start, end }, all, body: [] };
        frame.phase = 'handler';
      }
      return this.finishLine();
    }
    if (word !== 'ERROR') return this.parseUnknownLine(start, on.start, 'expected ERROR or BLOCK ERROR after ON');
    lx.next();
    const node: OnErrorStmt = { kind: 'onError', span: { start, end: next.end }, body: [] };
    const option = lx.peek();
    let repeat = false;
    if (option.kind === 'ident' && option.text.toUpperCase() === 'REPEAT') {
      lx.next();
      repeat = true;
      const times = this.ep.parseExpression(lx);
      this.expectKeyword('TIMES');
      const wait = this.expectKeyword('WAIT') ? this.ep.parseExpression(lx) : this.ep.errorExpr(lx.save(), lx.save());
      node.repeat = { times, wait };
      node.span.end = Math.max(times.span.end, wait.span.end);
    } else if (option.kind === 'ident') {
      lx.next();
      node.errorType = option.text;
      node.span.end = option.end;
    }
    if (disabled) node.disabled = true;
    const column = this.columnOf(start);
    // The designer writes several handlers of one action one after another, closed by one END:
    // `ON ERROR ClickFailedError` … `ON ERROR` … `END`. A new ON ERROR at the open handler's indentation
    // (not guarding an action of that handler) closes it and joins the same action.
    const sibling = this.siblingHandler(column);
    let attached: boolean;
    let owner: Statement | undefined;
    let handlers: OnErrorStmt[] | undefined;
    if (sibling) {
      this.popFrame(Math.max(sibling.head.end, this.previousLineEnd));
      this.takeAnnotations(node);
      ({ owner, handlers } = sibling);
      attached = !!handlers;
      if (handlers) handlers.push(node);
    } else {
      this.takeAnnotations(node);
      ({ attached, owner, handlers } = this.attachOnError(node));
    }
    if (!attached) this.addStatement(node, start, false);
    // PAD writes the retry policy as its own line right before the ON ERROR … END that holds the handler.
    if (repeat && this.nextLineStartsWithOnError()) {
      this.extendOwner(owner, node.span.end);
    } else {
      this.frames.push({ kind: 'onError', head: { start, end: node.span.end }, node, owner, handlers, column });
    }
    this.finishLine();
  }

  /** ERROR => Var [Reset: True] */
  private parseGetLastError(start: number, disabled: boolean): void {
    const lx = this.lx;
    lx.next();
    if (this.ep.expect(lx, '=>') === undefined) return this.parseUnknownLine(start, lx.save());
    const variable = lx.peek();
    if (variable.kind !== 'ident') return this.parseUnknownLine(start, variable.start, "expected a variable after 'ERROR =>'");
    lx.next();
    const list = this.parseArguments(false, variable.end);
    this.addStatement({
      kind: 'getLastError',
      span: { start, end: list.end },
      variable: variable.text,
      variableSpan: { start: variable.start, end: variable.end },
      args: list.args,
    }, start, disabled);
    this.finishLine();
  }

  /** IMPORT 'controlRepo.appmask' AS appmask */
  private parseImport(start: number): void {
    const lx = this.lx;
    lx.next();
    this.headerLineSeen();
    const path = lx.peek();
    if (path.kind !== 'string') return this.parseUnknownLine(start, path.start, 'expected a quoted path after IMPORT');
    lx.next();
    const lit = this.ep.parseStringToken(path);
    if (!this.expectKeyword('AS')) return this.parseUnknownLine(start, lx.save());
    const alias = lx.peek();
    if (alias.kind !== 'ident') return this.parseUnknownLine(start, alias.start, 'expected a name after AS');
    lx.next();
    this.ast.imports.push({ span: { start, end: alias.end }, path: lit.value ?? '', alias: alias.text });
    this.finishLine();
  }

  /** A line that is no statement: kept as UnknownStmt with one problem, parsing goes on with the next line. */
  private parseUnknownLine(start: number, at: number, message?: string): void {
    const lx = this.lx;
    lx.seek(at);
    let end = at;
    for (;;) {
      const t = lx.peek();
      if (t.kind === 'eol' || t.kind === 'eof') break;
      lx.next();
      end = t.end;
    }
    if (end <= start) end = this.lineContentEnd(start);
    if (!message) {
      const wordEnd = scanIdent(this.text, start, this.end);
      message = wordEnd > start ? `unknown statement '${this.text.slice(start, wordEnd)}'` : 'unrecognised line';
    }
    this.report(start, end, message);
    this.addStatement({ kind: 'unknown', span: { start, end }, text: this.text.slice(start, end) }, start, false);
    this.lastEnd = end;
    const eol = lx.peek();
    if (eol.kind === 'eol') lx.next();
  }

  // ------------------------------------------------------------------------------------------
  // Conditions in parentheses

  /** An expression, or `(Module.Action …)` for condition actions. */
  private parseCondition(): Expr | ActionStmt {
    const open = this.lx.peek();
    if (open.kind === 'punct' && open.text === '(' && this.isParenthesizedAction(open.end)) return this.parseParenthesizedAction();
    return this.ep.parseExpression(this.lx);
  }

  private parseParenthesizedAction(): ActionStmt {
    this.lx.next(); // (
    const action = this.parseAction(true);
    this.ep.expect(this.lx, ')');
    return action;
  }

  /**
   * After '(' — is this `(Module.Action Arg: …)` rather than a parenthesised expression? An action id is
   * followed by an argument (`Name:`, `Name=>`, `@…`); without arguments only a known module counts, so
   * `(List.Count) > (0)` stays an expression.
   */
  private isParenthesizedAction(from: number): boolean {
    const text = this.text;
    let i = from;
    while (i < this.end && isBlank(text.charCodeAt(i))) i++;
    const idStart = i;
    let segments = 0;
    for (;;) {
      const e = scanIdent(text, i, this.end);
      if (e === i) return false;
      segments++;
      i = e;
      if (text.charCodeAt(i) !== 46 /* . */) break;
      i++;
    }
    if (segments < 2) return false;
    const firstSegment = text.slice(idStart, scanIdent(text, idStart, this.end));
    let j = i;
    while (j < this.end && isBlank(text.charCodeAt(j))) j++;
    if (j === i) return text.charCodeAt(j) === 41 /* ) */ && isKnownModule(firstSegment);
    const c = text.charCodeAt(j);
    if (c === 64 /* @ */) return true;
    if (c === 41) return isKnownModule(firstSegment);
    const nameEnd = scanIdent(text, j, this.end);
    if (nameEnd === j) return false;
    let k = nameEnd;
    while (k < this.end && isBlank(text.charCodeAt(k))) k++;
    return text.charCodeAt(k) === 58 /* : */ || (text.charCodeAt(k) === 61 && text.charCodeAt(k + 1) === 62) /* => */;
  }

  // ------------------------------------------------------------------------------------------
  // Frames and bodies

  private top(): Frame | undefined {
    return this.frames[this.frames.length - 1];
  }

  /** The statement list new statements go to; undefined between SWITCH and its first CASE. */
  private currentList(): Statement[] | undefined {
    const frame = this.top();
    if (!frame) return this.ast.body;
    switch (frame.kind) {
      case 'function': return frame.def.body;
      case 'if': return frame.branch ? frame.branch.body : frame.node.elseBody!;
      case 'switch': return frame.list;
      case 'loop': return frame.node.body;
      case 'block': return frame.phase === 'handler' ? frame.node.handler!.body : frame.node.body;
      case 'onError': return frame.node.body;
    }
  }

  private addStatement(stmt: Statement, start?: number, disabled?: boolean): void {
    if (start !== undefined) stmt.span.start = start;
    if (disabled) stmt.disabled = true;
    this.takeAnnotations(stmt);
    if (stmt.kind !== 'comment') this.pastHeader = true;
    const frame = this.top();
    if (frame?.kind === 'block' && frame.phase === 'pending' && stmt.kind !== 'comment') frame.phase = 'body';
    const list = this.currentList();
    if (!list) {
      if (stmt.kind !== 'comment') this.report(stmt.span.start, stmt.span.end, 'statement before the first CASE of a SWITCH');
      return;
    }
    list.push(stmt);
  }

  private addComment(comment: CommentStmt): void {
    this.ast.comments.push(comment);
    this.addStatement(comment);
  }

  private takeAnnotations(stmt: Statement): void {
    if (!this.pendingAnnotations.length) return;
    stmt.annotations = this.pendingAnnotations;
    this.pendingAnnotations = [];
  }

  /** IMPORT, @SENSITIVE, @INPUT/@OUTPUT: `@@` lines before them belong to the stored-definition header. */
  private headerLineSeen(): void {
    if (!this.pendingAnnotations.length) return;
    if (this.pastHeader) this.dropPendingAnnotations();
    else {
      this.ast.headers.push(...this.pendingAnnotations);
      this.pendingAnnotations = [];
    }
  }

  private dropPendingAnnotations(): void {
    for (const a of this.pendingAnnotations) this.report(a.span.start, a.span.end, '@@ annotation not followed by a statement');
    this.pendingAnnotations = [];
  }

  /** Attaches ON ERROR to the action it guards: the previous action, a WAIT's action or an IF/WHILE action condition. */
  private attachOnError(node: OnErrorStmt): { attached: boolean; owner?: Statement; handlers?: OnErrorStmt[] } {
    const frame = this.top();
    // Right after `IF (Action …) THEN` / `LOOP WHILE (Action …)` the handler guards the condition action.
    if (frame?.kind === 'if' && frame.branch && frame.node.branches.length === 1 && !frame.branch.body.length && frame.branch.condition.kind === 'action') {
      const handlers = (frame.branch.condition.onError ??= []);
      handlers.push(node);
      return { attached: true, handlers };
    }
    if (frame?.kind === 'loop' && frame.node.kind === 'while' && !frame.node.body.length && frame.node.condition.kind === 'action') {
      const handlers = (frame.node.condition.onError ??= []);
      handlers.push(node);
      return { attached: true, handlers };
    }
    const list = this.currentList();
    const last = list?.[list.length - 1];
    if (last?.kind === 'action') {
      const handlers = (last.onError ??= []);
      handlers.push(node);
      return { attached: true, owner: last, handlers };
    }
    if (last?.kind === 'wait' && last.condition) {
      const handlers = (last.condition.onError ??= []);
      handlers.push(node);
      return { attached: true, owner: last, handlers };
    }
    // Standalone: the caller adds it to the body.
    return { attached: false };
  }

  /**
   * The open ON ERROR handler a new ON ERROR at `column` continues as the next handler of the same
   * action: one at the handler's indentation or left of it, unless it guards the handler's own last
   * action (written at or left of its column, as handlers sit under the action they guard).
   */
  private siblingHandler(column: number): Extract<Frame, { kind: 'onError' }> | undefined {
    const frame = this.top();
    if (frame?.kind !== 'onError' || column > frame.column) return undefined;
    const body = frame.node.body;
    let last: Statement | undefined;
    for (let i = body.length - 1; i >= 0 && !last; i--) if (body[i].kind !== 'comment') last = body[i];
    const guardable = last?.kind === 'action' || (last?.kind === 'wait' && !!last.condition);
    if (guardable && this.columnOf(last!.span.start) <= column) return undefined;
    return frame;
  }

  /** Indentation of the line holding `offset`, which is the line's first non-blank character. */
  private columnOf(offset: number): number {
    let i = offset;
    while (i > 0 && isBlank(this.text.charCodeAt(i - 1))) i--;
    return offset - i;
  }

  /** Handlers are part of the statement they guard: its span grows to cover them. */
  private extendOwner(owner: Statement | undefined, end: number): void {
    if (!owner) return;
    owner.span.end = Math.max(owner.span.end, end);
    if (owner.kind === 'wait' && owner.condition) owner.condition.span.end = Math.max(owner.condition.span.end, end);
  }

  private nextLineStartsWithOnError(): boolean {
    const text = this.text;
    let i = lineEndFrom(text, this.lx.save(), this.end);
    while (i < this.end && (isBlank(text.charCodeAt(i)) || isLineBreak(text.charCodeAt(i)))) i++;
    const first = scanIdent(text, i, this.end);
    if (text.slice(i, first).toUpperCase() !== 'ON') return false;
    let j = first;
    while (j < this.end && isBlank(text.charCodeAt(j))) j++;
    return j > first && text.slice(j, scanIdent(text, j, this.end)).toUpperCase() === 'ERROR';
  }

  private closeBranch(frame: Extract<Frame, { kind: 'if' }>): void {
    if (frame.branch) frame.branch.span.end = Math.max(frame.branch.span.end, this.previousLineEnd);
  }

  private closeCase(frame: Extract<Frame, { kind: 'switch' }>): void {
    if (frame.current) frame.current.span.end = Math.max(frame.current.span.end, this.previousLineEnd);
  }

  /** Closes the innermost frame at `end` (the END keyword's end). */
  private popFrame(end: number): void {
    const frame = this.frames.pop()!;
    switch (frame.kind) {
      case 'if':
        this.closeBranch(frame);
        frame.node.span.end = end;
        break;
      case 'switch':
        this.closeCase(frame);
        frame.node.span.end = end;
        break;
      case 'loop':
      case 'block':
        if (frame.kind === 'block' && frame.node.handler && frame.phase === 'handler') frame.node.handler.span.end = end;
        frame.node.span.end = end;
        break;
      case 'onError':
        frame.node.span.end = end;
        this.extendOwner(frame.owner, end);
        break;
      case 'function':
        frame.def.span.end = end;
        break;
    }
  }

  /** Closes the innermost frame whose END is missing; reports it at its header. */
  private popFrameUnclosed(before: number | undefined): void {
    const frame = this.top()!;
    const names = { function: 'FUNCTION without END FUNCTION', if: 'IF without END', switch: 'SWITCH without END', loop: 'LOOP without END', block: 'BLOCK without END', onError: 'ON ERROR without END' };
    this.report(frame.head.start, frame.head.end, names[frame.kind]);
    const end = before === undefined ? this.lastEnd : Math.max(frame.head.end, this.previousLineEnd);
    if (frame.kind === 'if' || frame.kind === 'switch') this.previousLineEnd = Math.max(this.previousLineEnd, end);
    this.popFrame(Math.max(end, frame.head.end));
  }

  /** At the end of the script (before = undefined) or before a FUNCTION line. */
  private closeAllFrames(before: number | undefined): void {
    if (before === undefined) this.previousLineEnd = this.lastEnd;
    while (this.frames.length) this.popFrameUnclosed(before);
  }

  // ------------------------------------------------------------------------------------------
  // Small helpers

  private followedByDot(t: Token): boolean {
    return this.text.charCodeAt(t.end) === 46 && t.end + 1 < this.end && isIdentStartAt(this.text, t.end + 1);
  }

  private isArgumentName(t: Token): boolean {
    let i = t.end;
    while (i < this.end && isBlank(this.text.charCodeAt(i))) i++;
    return this.text.charCodeAt(i) === 58;
  }

  private expectKeyword(word: string): Token | undefined {
    const t = this.lx.peek();
    if (t.kind === 'ident' && t.text.toUpperCase() === word) {
      this.lx.next();
      return t;
    }
    this.report(t.start, t.kind === 'eol' || t.kind === 'eof' ? t.start : t.end, `expected ${word}`);
    return undefined;
  }

  /** Ends a statement line: a trailing `# note` becomes a comment of its own; anything else is reported. */
  private finishLine(): void {
    const lx = this.lx;
    const t = lx.peek();
    this.lastEnd = Math.max(this.lastEnd, this.trimBack(t.start));
    if (t.kind === 'eol') {
      lx.next();
      return;
    }
    if (t.kind === 'eof') return;
    if (t.kind === 'punct' && t.text === '#' && t.spaceBefore) {
      const contentEnd = this.lineContentEnd(t.start);
      this.addComment({ kind: 'comment', span: { start: t.start, end: contentEnd }, text: this.text.slice(t.start + 1, contentEnd).trim(), block: false });
      this.lastEnd = contentEnd;
      lx.seek(contentEnd);
      return;
    }
    let end = t.end;
    for (;;) {
      const u = lx.peek();
      if (u.kind === 'eol' || u.kind === 'eof') break;
      lx.next();
      end = u.end;
    }
    // After a fault on this line the rest is its consequence, not a second fault.
    if (this.problems.length === this.lineProblemMark) this.report(t.start, end, 'unexpected text after the statement');
    this.lastEnd = end;
    if (lx.peek().kind === 'eol') lx.next();
  }

  private skipBlankLines(): number {
    const text = this.text;
    let i = this.lx.save();
    while (i < this.end) {
      const c = text.charCodeAt(i);
      if (!isBlank(c) && !isLineBreak(c)) break;
      i++;
    }
    this.lx.seek(i);
    return i;
  }

  /** End of the line's content (trailing blanks excluded). */
  private lineContentEnd(from: number): number {
    return this.trimBack(lineEndFrom(this.text, from, this.end));
  }

  private trimBack(i: number): number {
    while (i > 0 && isBlank(this.text.charCodeAt(i - 1))) i--;
    return i;
  }

  private report(start: number, end: number, message: string): void {
    this.problems.push({ span: { start, end: Math.max(start, end) }, message });
  }
}
