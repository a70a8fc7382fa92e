// Statements that open, continue or close a block: IF / ELSE [IF], SWITCH / CASE / DEFAULT, LOOP (FROM, FOREACH,
// WHILE), FUNCTION / END FUNCTION, BLOCK / ON BLOCK ERROR, ON ERROR and END. Each pushes or pops a frame
// (parser-base.ts) and returns; the bodies fill up as later lines are added.
import type {
  BlockStmt, ConditionBranch, ForeachStmt, FunctionDef, IfStmt, LoopStmt, OnErrorStmt, Statement, SwitchStmt, WhileStmt,
} from '../../model/pad-ast';
import type { Token } from './lexer';
import { WordSet } from './words';
import { ActionParser } from './action-parser';
import type { Frame } from './parser-base';

const COMPARISON_OPERATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const LOOP_WORDS = new WordSet(['FOREACH', 'WHILE', 'FROM']);
const ON_WORDS = new WordSet(['BLOCK', 'ERROR']);

export abstract class BlockParser extends ActionParser {
  protected parseIf(start: number, disabled: boolean): void {
    const lx = this.lx;
    lx.next();
    const condition = this.parseCondition();
    const then = this.expectKeyword('THEN');
    const head = { start, end: then?.end ?? condition.span.end };
    const branch: ConditionBranch = { span: { start: head.start, end: head.end }, condition, body: [] };
    const node: IfStmt = { kind: 'if', span: { start: head.start, end: head.end }, branches: [branch] };
    this.addStatement(node, start, disabled);
    this.frames.push({ kind: 'if', head, node, branch });
    this.finishLine();
  }

  /** ELSE / ELSE IF condition THEN */
  protected parseElse(start: number): void {
    const lx = this.lx;
    lx.next();
    const next = lx.peek();
    const frame = this.top();
    this.dropPendingAnnotations();
    if (next.is('IF')) {
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
        const branch: ConditionBranch = { span: { start: head.start, end: head.end }, condition, body: [] };
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
  protected parseEnd(start: number): void {
    const lx = this.lx;
    const endToken = lx.next();
    this.dropPendingAnnotations();
    const next = lx.peek();
    if (next.is('FUNCTION')) {
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

  protected parseSwitch(start: number, disabled: boolean): void {
    const lx = this.lx;
    lx.next();
    const value = this.ep.parseExpression(lx);
    const head = { start, end: value.span.end };
    const node: SwitchStmt = { kind: 'switch', span: { start: head.start, end: head.end }, value, cases: [] };
    this.addStatement(node, start, disabled);
    this.frames.push({ kind: 'switch', head, node, list: undefined, current: undefined, sawDefault: false });
    this.finishLine();
  }

  /** CASE op value */
  protected parseCase(start: number): void {
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

  protected parseDefault(start: number): void {
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
  protected parseLoop(start: number, disabled: boolean): void {
    const lx = this.lx;
    lx.next();
    const next = lx.peek();
    const word = next.wordOf(LOOP_WORDS) ?? '';
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

  /** FUNCTION Name GLOBAL / FUNCTION 'Quoted Name' GLOBAL */
  protected parseFunction(start: number): void {
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
    if (scope.is('GLOBAL') || scope.is('LOCAL')) {
      lx.next();
      headEnd = scope.end;
    }
    const def: FunctionDef = { span: { start, end: headEnd }, name, nameSpan: { start: nameToken.start, end: nameToken.end }, body: [] };
    this.ast.functions.push(def);
    this.frames.push({ kind: 'function', head: { start, end: headEnd }, def });
    this.finishLine();
  }

  protected endFunction(start: number, end: number): void {
    const index = this.frames.findIndex(f => f.kind === 'function');
    if (index < 0) {
      this.report(start, end, 'END FUNCTION without matching FUNCTION');
      return;
    }
    while (this.frames.length > index + 1) this.popFrameUnclosed(start);
    const frame = this.frames.pop() as Extract<Frame, { kind: 'function' }>;
    frame.def.span.end = end;
  }

  /** BLOCK [name] — its ON BLOCK ERROR handler and END come first, then the body and END. */
  protected parseBlock(start: number, disabled: boolean): void {
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
  protected parseOn(start: number, disabled: boolean): void {
    const lx = this.lx;
    const on = lx.next();
    const next = lx.peek();
    const word = next.wordOf(ON_WORDS) ?? '';
    if (word === 'BLOCK') {
      lx.next();
      const error = this.expectKeyword('ERROR');
      let end = error?.end ?? next.end;
      let all = false;
      const option = lx.peek();
      if (option.is('ALL')) {
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
    if (option.is('REPEAT')) {
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
}
