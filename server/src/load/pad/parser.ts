// Desktop-flow script parser. One statement per line, except that strings and block comments may span
// lines; nested bodies (IF, LOOP, BLOCK, ON ERROR, FUNCTION, …) are tracked with an explicit frame stack,
// so deep nesting cannot exhaust the call stack and a missing or extra END costs one problem, not the
// rest of the file. Every line is read once: linear in the size of the script. This file reads the lines
// that are no statement (comments, regions, `@@` annotations, @SENSITIVE, @INPUT/@OUTPUT) and drives the
// layers below: statement-parser.ts < block-parser.ts < action-parser.ts < parser-base.ts.
import type { Span } from '../../util/text';
import type { Annotation, ObjectLit, ScriptAst, Statement, VariableDeclaration } from '../../model/pad-ast';
import { lineEndFrom, scanIdent } from './lexer';
import { StatementParser } from './statement-parser';

/** The first line of the control-repository section a designer copy may end with. */
const CLIPBOARD_TRAILER = '# [ControlRepository][PowerAutomateDesktop]';
/** `@@…` keys of the stored-definition header (every saved definition starts with these). */
const HEADER_KEYS = new Set(['connectionstring', 'type', 'desktoptype', 'displayname']);

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

class ScriptParser extends StatementParser {
  parse(): ScriptAst {
    for (;;) {
      const start = this.skipBlankLines();
      if (start >= this.end) break;
      this.previousLineEnd = this.lastEnd;
      this.lineProblemMark = this.problems.length;
      this.lx.releaseTokens();
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
}
