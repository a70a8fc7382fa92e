// Actions (`Module.Action[.Selector] Name: value … Out=> Var`), the argument lists that CALL, EXIT and
// `ERROR =>` share with them, and conditions that are an action in parentheses (`IF (File.IfFile.Exists …)`).
import type { ActionStmt, Argument, Expr, Output } from '../../model/pad-ast';
import { isBlank, isIdentStartAt, scanIdent } from './lexer';
import { isKnownModuleAt } from './modules';
import { ParserBase } from './parser-base';

/** Parsed arguments and outputs of an action, CALL, EXIT or ERROR statement (read it before the next list is parsed). */
export interface ArgumentList {
  args: Argument[];
  outputs: Output[];
  end: number;
}

export abstract class ActionParser extends ParserBase {
  /** The argument list being read (an argument list holds no other: they are reused). */
  private readonly argBuffer: Argument[] = [];
  private readonly outputBuffer: Output[] = [];
  private argCount = 0;
  private outputCount = 0;
  /** The result of parseArguments, one object refilled by each call (its caller reads it right away). */
  private readonly list: ArgumentList = { args: [], outputs: [], end: 0 };

  /** An expression, or `(Module.Action …)` for condition actions. */
  protected parseCondition(): Expr | ActionStmt {
    const open = this.lx.peek();
    if (open.kind === 'punct' && open.text === '(' && this.isParenthesizedAction(open.end)) return this.parseParenthesizedAction();
    return this.ep.parseExpression(this.lx);
  }

  protected parseParenthesizedAction(): ActionStmt {
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
  protected isParenthesizedAction(from: number): boolean {
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
    const firstSegmentEnd = scanIdent(text, idStart, this.end);
    let j = i;
    while (j < this.end && isBlank(text.charCodeAt(j))) j++;
    if (j === i) return text.charCodeAt(j) === 41 /* ) */ && isKnownModuleAt(text, idStart, firstSegmentEnd);
    const c = text.charCodeAt(j);
    if (c === 64 /* @ */) return true;
    if (c === 41) return isKnownModuleAt(text, idStart, firstSegmentEnd);
    const nameEnd = scanIdent(text, j, this.end);
    if (nameEnd === j) return false;
    let k = nameEnd;
    while (k < this.end && isBlank(text.charCodeAt(k))) k++;
    return text.charCodeAt(k) === 58 /* : */ || (text.charCodeAt(k) === 61 && text.charCodeAt(k + 1) === 62) /* => */;
  }

  /** `Module.Action[.Selector] Name: value … Out=> Var` (inside parentheses for conditions). */
  protected parseAction(inParentheses: boolean): ActionStmt {
    const lx = this.lx;
    const first = lx.next();
    const text = this.text;
    // Module.Action[.Selector…]: the segments are identifiers joined by dots, cut out by offset.
    let idEnd = first.end;
    let actionEnd = -1;
    while (text.charCodeAt(idEnd) === 46 /* . */ && idEnd + 1 < this.end && isIdentStartAt(text, idEnd + 1)) {
      idEnd = scanIdent(text, idEnd + 1, this.end);
      if (actionEnd < 0) actionEnd = idEnd;
    }
    lx.seek(idEnd);
    const id = text.slice(first.start, idEnd);
    const list = this.parseArguments(inParentheses, idEnd);
    const action: ActionStmt = {
      kind: 'action',
      span: { start: first.start, end: list.end },
      id,
      idSpan: { start: first.start, end: idEnd },
      module: first.text,
      action: text.slice(first.end + 1, actionEnd),
      args: list.args,
      outputs: list.outputs,
    };
    if (idEnd > actionEnd) action.selector = text.slice(actionEnd + 1, idEnd);
    return action;
  }

  /** `Name: value`, `@name: value`, `@'quoted name': value`, `Name=> Var` up to the end of the line (or ')'). */
  protected parseArguments(inParentheses: boolean, end: number): ArgumentList {
    this.argCount = 0;
    this.outputCount = 0;
    const list = this.list;
    list.end = this.readArguments(inParentheses, end);
    // Copied out of the reused buffers at their exact length (an array grown by push keeps room for 16).
    list.args = this.argBuffer.slice(0, this.argCount);
    list.outputs = this.outputBuffer.slice(0, this.outputCount);
    return list;
  }

  /** Reads the arguments into argBuffer and outputBuffer; returns the end of the last one read (or `end`). */
  private readArguments(inParentheses: boolean, end: number): number {
    const lx = this.lx;
    for (;;) {
      const t = lx.peek();
      if (t.kind === 'eol' || t.kind === 'eof') return end;
      if (t.kind === 'punct' && ((inParentheses && t.text === ')') || (t.text === '#' && t.spaceBefore))) return end;
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
        return end;
      }
      lx.next();
      const nameSpan = { start: nameToken.start, end: nameToken.end };
      const sep = lx.peek();
      if (sep.kind === 'punct' && sep.text === ':') {
        lx.next();
        const value = this.ep.parseExpression(lx);
        this.argBuffer[this.argCount++] = { span: { start: nameStart, end: value.span.end }, name, nameSpan, dynamic, value };
        end = value.span.end;
      } else if (sep.kind === 'punct' && sep.text === '=>') {
        lx.next();
        const variable = lx.peek();
        if (variable.kind !== 'ident') {
          this.report(variable.start, variable.kind === 'eol' || variable.kind === 'eof' ? variable.start : variable.end, `expected a variable after '${name}=>'`);
          this.skipArguments(inParentheses, variable.start);
          return end;
        }
        lx.next();
        this.outputBuffer[this.outputCount++] = { span: { start: nameStart, end: variable.end }, name, nameSpan, dynamic, variable: variable.text, variableSpan: { start: variable.start, end: variable.end } };
        end = variable.end;
      } else {
        const stop = this.skipArguments(inParentheses, nameToken.end);
        this.report(nameToken.start, stop, `expected ':' or '=>' after '${name}'`);
        return end;
      }
    }
  }

  /** Skips what is left of the argument list; returns the end of the last token skipped. */
  protected skipArguments(inParentheses: boolean, end: number): number {
    const lx = this.lx;
    for (;;) {
      const t = lx.peek();
      if (t.kind === 'eol' || t.kind === 'eof' || (inParentheses && t.kind === 'punct' && t.text === ')')) return end;
      lx.next();
      end = t.end;
    }
  }
}
