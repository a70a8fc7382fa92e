// A statement line: DISABLE, then an action or the keyword that decides the statement. One-line statements
// (SET, EXIT, NEXT LOOP, CALL, LABEL, GOTO, WAIT, `ERROR =>`, IMPORT) are parsed here; block statements in
// block-parser.ts.
import type { Expr, SimpleStmt, WaitStmt } from '../../model/pad-ast';
import { WordSet } from './words';
import { BlockParser } from './block-parser';

/** Words a statement line starts with (the parser switches on them in upper case). */
const STATEMENT_KEYWORDS = new WordSet([
  'SET', 'IF', 'ELSE', 'END', 'SWITCH', 'CASE', 'DEFAULT', 'LOOP', 'EXIT', 'NEXT', 'THROW', 'REPEAT', 'FUNCTION', 'CALL',
  'LABEL', 'GOTO', 'WAIT', 'BLOCK', 'ON', 'ERROR', 'IMPORT',
]);
const EXIT_WORDS = new WordSet(['LOOP', 'FUNCTION']);

export abstract class StatementParser extends BlockParser {
  protected parseStatementLine(start: number): void {
    const lx = this.lx;
    lx.seek(start);
    let first = lx.peek();
    let disabled = false;
    if (first.is('DISABLE') && !this.followedByDot(first)) {
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
    switch (first.wordOf(STATEMENT_KEYWORDS)) {
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

  /** SET target TO value */
  protected parseSet(start: number, disabled: boolean): void {
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

  /** EXIT LOOP / EXIT FUNCTION / EXIT Code: n [ErrorMessage: v] */
  protected parseExit(start: number, disabled: boolean): void {
    const lx = this.lx;
    const exitToken = lx.next();
    const next = lx.peek();
    const word = next.wordOf(EXIT_WORDS) ?? '';
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
  protected parseKeywordPair(start: number, disabled: boolean, second: string, keyword: SimpleStmt['keyword'], alone?: SimpleStmt['keyword']): void {
    const lx = this.lx;
    const first = lx.next();
    const next = lx.peek();
    let end = first.end;
    let kw: SimpleStmt['keyword'] | undefined = alone;
    if (next.is(second)) {
      lx.next();
      end = next.end;
      kw = keyword;
    }
    if (!kw) return this.parseUnknownLine(start, first.start, `expected ${keyword}`);
    this.addStatement({ kind: 'simple', span: { start, end }, keyword: kw }, start, disabled);
    this.finishLine();
  }

  /** CALL Name [in: v] [out=> w] */
  protected parseCall(start: number, disabled: boolean): void {
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

  protected parseLabelOrGoto(start: number, disabled: boolean, kind: 'label' | 'goto'): void {
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
  protected parseWait(start: number, disabled: boolean): void {
    const lx = this.lx;
    lx.next();
    const open = lx.peek();
    if (open.kind === 'punct' && open.text === '(' && this.isParenthesizedAction(open.end)) {
      const condition = this.parseParenthesizedAction();
      let end = lx.save();
      const wait: WaitStmt = { kind: 'wait', span: { start, end }, condition };
      const forToken = lx.peek();
      if (forToken.is('FOR')) {
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

  /** ERROR => Var [Reset: True] */
  protected parseGetLastError(start: number, disabled: boolean): void {
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
  protected parseImport(start: number): void {
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
}
