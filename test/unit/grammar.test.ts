// Tests for the desktop-flow script (Robin) TextMate grammar, syntaxes/robin.tmLanguage.json, tokenized
// with the same engine VS Code uses (vscode-textmate + the oniguruma wasm).
import { test, describe, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'flowcop') return dir;
    if (dirname(dir) === dir) throw new Error('cannot find the flowcop checkout above ' + __dirname);
  }
}
const root = repoRoot();
const corpus = join(root, '..', 'shared', 'corpus');

// VS Code supplies source.json from its built-in JSON extension. Unit tests have no VS Code, so a small
// stand-in with JSON's scope names is registered; what matters here is that the trailer hands over to it.
const jsonStub = {
  scopeName: 'source.json',
  patterns: [{ include: '#value' }],
  repository: {
    value: {
      patterns: [
        { begin: '\\{', end: '\\}', name: 'meta.structure.dictionary.json', patterns: [{ include: '#value' }] },
        { begin: '\\[', end: '\\]', name: 'meta.structure.array.json', patterns: [{ include: '#value' }] },
        { match: '"(?:[^"\\\\]|\\\\.)*"', name: 'string.quoted.double.json' },
        { match: '-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?', name: 'constant.numeric.json' },
        { match: '\\b(?:true|false|null)\\b', name: 'constant.language.json' },
        { match: '[:,]', name: 'punctuation.separator.json' },
      ],
    },
  },
};

let grammar: vsctm.IGrammar;

before(async () => {
  const wasmPath = join(dirname(require.resolve('vscode-oniguruma')), 'onig.wasm');
  const wasm = readFileSync(wasmPath);
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === 'source.robin') {
        const file = join(root, 'syntaxes', 'robin.tmLanguage.json');
        return vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file);
      }
      if (scopeName === 'source.json') return jsonStub as unknown as vsctm.IRawGrammar;
      return null;
    },
  });
  const g = await registry.loadGrammar('source.robin');
  assert.ok(g, 'grammar source.robin loads');
  grammar = g;
});

interface Tok { text: string; scopes: string[]; line: number }

/** Tokenizes a whole document; returns the tokens of every line and the state after the last line. */
function tokenize(text: string): { lines: Tok[][]; end: vsctm.StateStack } {
  let state = vsctm.INITIAL;
  const lines: Tok[][] = [];
  text.split(/\r?\n/).forEach((line, n) => {
    const r = grammar.tokenizeLine(line, state);
    lines.push(r.tokens.map(t => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line: n })));
    state = r.ruleStack;
  });
  return { lines, end: state };
}

const all = (lines: Tok[][]) => lines.flat();
const has = (t: Tok, scope: string) => t.scopes.some(s => s === scope || s.startsWith(scope + '.'));
const show = (toks: Tok[]) => toks.map(t => `${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`).join('\n');

/** The token whose text is exactly `text` (the nth one when it occurs several times). */
function tok(toks: Tok[], text: string, nth = 0): Tok {
  const found = toks.filter(t => t.text === text);
  assert.ok(found.length > nth, `no token ${JSON.stringify(text)} (#${nth}) in:\n${show(toks)}`);
  return found[nth];
}
function assertScope(t: Tok, scope: string) {
  assert.ok(has(t, scope), `${JSON.stringify(t.text)} (line ${t.line}) should have ${scope}, has: ${t.scopes.join(' ')}`);
}
function assertNoScope(t: Tok, scope: string) {
  assert.ok(!has(t, scope), `${JSON.stringify(t.text)} (line ${t.line}) should not have ${scope}, has: ${t.scopes.join(' ')}`);
}
/** Number of distinct string literals (by their begin punctuation) among the tokens. */
const count = (toks: Tok[], scope: string) => toks.filter(t => t.scopes.at(-1) === scope).length;

describe('robin grammar: strings', () => {
  test("$'''it\\'s %Name% done''' is one string with one interpolation", () => {
    const toks = all(tokenize("SET Msg TO $'''it\\'s %Name% done'''").lines);
    const inString = toks.filter(t => has(t, 'string.quoted.triple.interpolated.robin'));
    // Everything from $''' to the closing ''' is inside the one string.
    assert.equal(inString.map(t => t.text).join(''), "$'''it\\'s %Name% done'''", show(toks));
    assert.equal(count(toks, 'punctuation.definition.string.begin.robin'), 1, show(toks));
    assert.equal(count(toks, 'punctuation.definition.string.end.robin'), 1, show(toks));
    assert.equal(count(toks, 'punctuation.section.interpolation.begin.robin'), 1, show(toks));
    assertScope(tok(toks, "\\'"), 'constant.character.escape.robin');
    const name = tok(toks, 'Name');
    assertScope(name, 'meta.interpolation.robin');
    assertScope(name, 'meta.embedded.line.expression.robin');
    assertScope(name, 'variable.other.readwrite.robin');
    assertNoScope(tok(toks, ' done'), 'meta.interpolation.robin');
    assertScope(tok(toks, "'''"), 'punctuation.definition.string.end.robin');
  });

  test("an escaped quote right before the closing quotes: \\'''' ends the string after the escape", () => {
    const toks = all(tokenize("X.Y @'$filter': $'''Name eq \\'%P%\\'''' @Out=> V").lines);
    assertScope(tok(toks, "\\'", 1), 'constant.character.escape.robin');
    const end = tok(toks, "'''");
    assertScope(end, 'punctuation.definition.string.end.robin');
    assertScope(tok(toks, 'Out'), 'variable.parameter.output.robin');
    assertNoScope(tok(toks, 'Out'), 'string');
  });

  test('%% is a literal percent, not an interpolation', () => {
    const toks = all(tokenize("SET P TO $'''100%% done'''").lines);
    assertScope(tok(toks, '%%'), 'constant.character.escape.percent.robin');
    assert.equal(count(toks, 'punctuation.section.interpolation.begin.robin'), 0, show(toks));
  });

  test('interpolation holds expressions: property, index, empty text', () => {
    const toks = all(tokenize("SET A TO $'''%Config['Key']%/%Err.Message%/%''%'''").lines);
    assertScope(tok(toks, 'Key'), 'string.quoted.single.robin');
    assertScope(tok(toks, 'Key'), 'meta.interpolation.robin');
    assertScope(tok(toks, 'Message'), 'variable.other.property.robin');
    assert.equal(count(toks, 'punctuation.section.interpolation.begin.robin'), 3, show(toks));
    assert.equal(count(toks, 'punctuation.definition.string.end.robin'), 3, show(toks)); // 'Key', '' and '''
  });

  test("a multi-line $''' string whose inner lines start with END, # or IF stays a string", () => {
    const { lines, end } = tokenize([
      "Scripting.RunPowershellScript.RunPowershellScript Script: $'''$x = 1",
      'END',
      '# not a comment',
      'IF it THEN',
      '  /# not a block comment',
      "''' ScriptOutput=> Out",
      'SET Y TO 1',
    ].join('\n'));
    for (const n of [1, 2, 3, 4]) {
      for (const t of lines[n]) {
        assertScope(t, 'string.quoted.triple.interpolated.robin');
        assertNoScope(t, 'keyword');
        assertNoScope(t, 'comment');
      }
    }
    assertScope(tok(lines[5], "'''"), 'punctuation.definition.string.end.robin');
    assertScope(tok(lines[5], 'ScriptOutput'), 'variable.parameter.output.robin');
    assertScope(tok(lines[6], 'SET'), 'keyword.control.robin');
    assert.equal(end.depth, 1, 'back at the top level');
  });

  test("'''…''' strings span lines, keep \\' escapes and have no interpolation", () => {
    const { lines } = tokenize([
      "@INPUT In_Type : { 'Description': '''The type, e.g. \\'SharePoint\\'",
      '- 100% sure',
      "END''', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' }",
    ].join('\n'));
    assertScope(tok(lines[0], '@INPUT'), 'storage.type.parameter.robin');
    assertScope(tok(lines[0], 'In_Type'), 'variable.other.readwrite.declaration.robin');
    assertScope(tok(lines[0], "\\'"), 'constant.character.escape.robin');
    for (const t of lines[1]) { assertScope(t, 'string.quoted.triple.robin'); assertNoScope(t, 'meta.interpolation.robin'); }
    assertScope(tok(lines[2], 'END'), 'string.quoted.triple.robin');
    assertScope(tok(lines[2], 'False'), 'constant.language.boolean.robin');
    assertScope(tok(lines[2], 'String'), 'string.quoted.single.robin');
  });

  test("'…' strings with \\' escapes end on their line", () => {
    const toks = all(tokenize("SET E TO 'it\\'s' + ''").lines);
    assertScope(tok(toks, "\\'"), 'constant.character.escape.robin');
    assertScope(tok(toks, '+'), 'keyword.operator.arithmetic.robin');
    assert.equal(count(toks, 'punctuation.definition.string.begin.robin'), 2, show(toks));
  });

  test("$fx'…' strings with ${…} interpolation", () => {
    const toks = all(tokenize("WebAutomation.LaunchEdge.AttachToEdgeByUrl TabUrl: $fx'https://x/${Page}' AttachTimeout: $fx'=2'").lines);
    assertScope(tok(toks, 'Page'), 'meta.interpolation.fx.robin');
    assertScope(tok(toks, 'Page'), 'string.quoted.single.fx.robin');
    assertScope(tok(toks, 'AttachTimeout'), 'variable.parameter.robin');
    assertNoScope(tok(toks, 'AttachTimeout'), 'string');
  });
});

describe('robin grammar: comments and structure', () => {
  test('# inside a string is not a comment; # at the start of a line and after a statement is', () => {
    const { lines } = tokenize([
      "@@regionColor: '#57FFE1'",
      "SET Tag TO $'''#1 # two'''",
      '    # a comment with $\'\'\' and END',
      'SET N TO 1 # trailing note',
    ].join('\n'));
    assertScope(tok(lines[0], '@@'), 'punctuation.definition.annotation.robin');
    assertScope(tok(lines[0], 'regionColor'), 'entity.other.attribute-name.annotation.robin');
    assertScope(tok(lines[0], '#57FFE1'), 'string.quoted.single.robin');
    for (const t of lines[0].concat(lines[1])) assertNoScope(t, 'comment');
    assertScope(tok(lines[1], '#1 # two'), 'string.quoted.triple.interpolated.robin');
    assertScope(tok(lines[2], '#'), 'comment.line.number-sign.robin');
    assertScope(tok(lines[2], " a comment with $''' and END"), 'comment.line.number-sign.robin');
    assertScope(tok(lines[3], ' trailing note'), 'comment.line.number-sign.robin');
    assertScope(tok(lines[3], '1'), 'constant.numeric.robin');
  });

  test('/# … #/ block comments span lines', () => {
    const { lines, end } = tokenize([
      '    /# Initializing variables.',
      "SET X TO $'''not a string''' IF END",
      '#/',
      'SET Y TO 2',
    ].join('\n'));
    assertScope(tok(lines[0], '/#'), 'punctuation.definition.comment.begin.robin');
    for (const t of lines[1]) { assertScope(t, 'comment.block.robin'); assertNoScope(t, 'string'); assertNoScope(t, 'keyword'); }
    assertScope(tok(lines[2], '#/'), 'punctuation.definition.comment.end.robin');
    assertScope(tok(lines[3], 'SET'), 'keyword.control.robin');
    assertNoScope(tok(lines[3], 'SET'), 'comment');
    assert.equal(end.depth, 1);
  });

  test('**REGION / **ENDREGION, @SENSITIVE, IMPORT … AS', () => {
    const { lines } = tokenize([
      "IMPORT 'controlRepo.appmask' AS appmask",
      '@SENSITIVE: [Output_Message, In_Password]',
      '    **REGION Initializing variables',
      '    **ENDREGION',
    ].join('\n'));
    assertScope(tok(lines[0], 'IMPORT'), 'keyword.control.robin');
    assertScope(tok(lines[0], 'AS'), 'keyword.control.robin');
    assertScope(tok(lines[1], '@SENSITIVE'), 'storage.modifier.sensitive.robin');
    assertScope(tok(lines[1], 'In_Password'), 'variable.other.readwrite.robin');
    assertScope(tok(lines[2], '**REGION'), 'keyword.other.region.robin');
    assertScope(tok(lines[2], 'Initializing variables'), 'entity.name.section.region.robin');
    assertScope(tok(lines[3], '**ENDREGION'), 'keyword.other.region.robin');
  });

  test('the clipboard trailer switches the rest of the file to JSON', () => {
    const { lines } = tokenize([
      'WebAutomation.CloseWebBrowser BrowserInstance: Browser',
      '',
      '# [ControlRepository][PowerAutomateDesktop]',
      '',
      '{',
      '  "ControlRepositorySymbols": [ { "Name": "appmask", "IF": "SET X TO $\'\'\'" } ],',
      '  "Version": 1',
      '}',
      'SET NotRobin TO 1',
    ].join('\n'));
    assertScope(tok(lines[2], '# [ControlRepository][PowerAutomateDesktop]'), 'comment.line.number-sign.trailer.robin');
    const key = tok(lines[5], '"ControlRepositorySymbols"');
    assertScope(key, 'meta.embedded.block.json');
    assertScope(key, 'string.quoted.double.json');
    assertScope(tok(lines[5], '"SET X TO $\'\'\'"'), 'string.quoted.double.json');
    assertScope(tok(lines[6], '1'), 'constant.numeric.json');
    // After the trailer nothing is Robin any more, even text that looks like a statement.
    for (const t of lines.slice(3).flat()) {
      assertScope(t, 'meta.embedded.block.json');
      assert.ok(!t.scopes.slice(1).some(s => s.endsWith('.robin')), `${JSON.stringify(t.text)} has a Robin scope: ${t.scopes.join(' ')}`);
    }
  });

  test('a # line that only resembles the trailer is an ordinary comment', () => {
    const { lines } = tokenize('# [ControlRepository] is where UI elements live\nSET X TO 1');
    assertScope(tok(lines[0], '#'), 'comment.line.number-sign.robin');
    assertScope(tok(lines[1], 'SET'), 'keyword.control.robin');
  });
});

describe('robin grammar: statements', () => {
  test('action id, argument names, @name and @\'quoted\' arguments, outputs', () => {
    const toks = all(tokenize(
      "    External.InvokeCloudConnector Connection: '01b0' @organization: Input_Address @'$filter': $'''x''' Timeout: 60 @GetItemsResponse=> Response Result=> Table_SPResult",
    ).lines);
    for (const id of ['External', 'InvokeCloudConnector']) assertScope(tok(toks, id), 'entity.name.function.action.robin');
    assertScope(tok(toks, 'Connection'), 'variable.parameter.robin');
    assertScope(tok(toks, 'organization'), 'variable.parameter.robin');
    assertScope(tok(toks, "'$filter'"), 'variable.parameter.quoted.robin');
    assertScope(tok(toks, 'Input_Address'), 'variable.other.readwrite.robin');
    assertScope(tok(toks, '60'), 'constant.numeric.robin');
    assertScope(tok(toks, 'GetItemsResponse'), 'variable.parameter.output.robin');
    assertScope(tok(toks, '=>'), 'keyword.operator.output.robin');
    assertScope(tok(toks, 'Response'), 'variable.other.readwrite.output.robin');
    assertScope(tok(toks, 'Table_SPResult'), 'variable.other.readwrite.output.robin');
  });

  test('Module.Action.Selector, enum values, booleans and appmask references', () => {
    const toks = all(tokenize(
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Window \\'Untitled\\'']['Txt_Name'] EmulateTyping: False Mode: WebAutomation.PopulateTextMode.Replace",
    ).lines);
    assertScope(tok(toks, 'WebAutomation'), 'entity.name.function.action.robin');
    assertScope(tok(toks, 'PopulateTextField', 1), 'entity.name.function.action.robin');
    assertScope(tok(toks, 'appmask'), 'support.variable.repository.robin');
    assertScope(tok(toks, 'Txt_Name'), 'string.quoted.single.robin');
    assertScope(tok(toks, 'Txt_Name'), 'meta.ui-element.robin');
    assertScope(tok(toks, 'False'), 'constant.language.boolean.robin');
    assertScope(tok(toks, 'WebAutomation', 1), 'support.type.enum.robin');
    assertScope(tok(toks, 'Replace'), 'support.constant.enum.robin');
  });

  test('a condition action inside IF (…) / WAIT (…) is an action id', () => {
    const toks = all(tokenize("IF (Folder.IfFolderExists.DoesNotExist Path: $'''C:\\\\Labs''') THEN\nWAIT (UIAutomation.WaitForWindow.ToOpenByTitleClass Title: $'''G*''') FOR 30").lines);
    assertScope(tok(toks, 'IfFolderExists'), 'entity.name.function.action.robin');
    assertScope(tok(toks, 'WaitForWindow'), 'entity.name.function.action.robin');
    assertScope(tok(toks, 'Path'), 'variable.parameter.robin');
    assertScope(tok(toks, 'FOR'), 'keyword.control.robin');
  });

  test('keywords are case-insensitive', () => {
    const { lines } = tokenize([
      'set x to 1',
      'If X = 1 Then',
      '  loop foreach Item in Items',
      '  EnD',
      'else',
      'End',
      'Block Retry',
      'on block error all',
      'end',
      'function Main global',
      'end function',
      'call Main',
      'goto Done',
      'label Done',
      'exit loop',
    ].join('\n'));
    const words = ['set', 'to', 'If', 'Then', 'loop', 'foreach', 'in', 'EnD', 'else', 'End', 'Block', 'on', 'block', 'error',
      'end', 'function', 'global', 'call', 'goto', 'label', 'exit', 'loop'];
    const toks = all(lines);
    for (const w of words) {
      const found = toks.filter(t => t.text === w);
      assert.ok(found.length, `keyword ${w} not tokenized on its own:\n${show(toks)}`);
      for (const t of found) assert.ok(has(t, 'keyword.control.robin') || has(t, 'storage.modifier.robin'), `${w} (line ${t.line}): ${t.scopes.join(' ')}`);
    }
    assertScope(tok(toks, 'Main'), 'entity.name.function.subflow.robin');
    assertScope(tok(toks, 'Done'), 'entity.name.label.robin');
    assertScope(tok(toks, 'x'), 'variable.other.readwrite.robin');
  });

  test('operators AND OR NOT mod and comparisons', () => {
    const toks = all(tokenize('IF NOT(IsEmpty(A)) and B mod 2 <> 0 OR C >= -1.5 THEN').lines);
    assertScope(tok(toks, 'NOT'), 'keyword.operator.logical.robin');
    assertScope(tok(toks, 'and'), 'keyword.operator.logical.robin');
    assertScope(tok(toks, 'OR'), 'keyword.operator.logical.robin');
    assertScope(tok(toks, 'mod'), 'keyword.operator.arithmetic.robin');
    assertScope(tok(toks, '<>'), 'keyword.operator.comparison.robin');
    assertScope(tok(toks, 'IsEmpty'), 'support.function.builtin.robin');
    assertScope(tok(toks, '-1.5'), 'constant.numeric.robin');
  });

  test('an argument named like a keyword (From:, To:) is an argument, not a keyword', () => {
    const toks = all(tokenize("Email.SendEmail.Send From: $'''a''' SendTo: B Subject: S").lines);
    assertScope(tok(toks, 'From'), 'variable.parameter.robin');
    assertNoScope(tok(toks, 'From'), 'keyword');
  });

  test('ERROR => Var and DISABLE', () => {
    const toks = all(tokenize('ERROR => LastError Reset: True\nDISABLE Folder.Create FolderPath: P').lines);
    assertScope(tok(toks, 'ERROR'), 'keyword.control.robin');
    assertScope(tok(toks, 'LastError'), 'variable.other.readwrite.output.robin');
    assertScope(tok(toks, 'DISABLE'), 'keyword.control.robin');
    assertScope(tok(toks, 'Create'), 'entity.name.function.action.robin');
  });
});

// ---- language configuration and the package manifest ---------------------------------------------
describe('robin language configuration', () => {
  const config = JSON.parse(readFileSync(join(root, 'language-configuration.json'), 'utf8'));
  const rx = (r: string | { pattern: string; flags?: string }) => typeof r === 'string' ? new RegExp(r) : new RegExp(r.pattern, r.flags);

  test('comments, brackets and auto-closing pairs', () => {
    assert.equal(config.comments.lineComment, '#');
    assert.deepEqual(config.comments.blockComment, ['/#', '#/']);
    const pairs = config.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close);
    for (const p of ['{}', '[]', '()', "''", "$''''''"]) assert.ok(pairs.includes(p), `auto-closing pair ${p}`);
  });

  test('indentation rules', () => {
    const inc = rx(config.indentationRules.increaseIndentPattern);
    const dec = rx(config.indentationRules.decreaseIndentPattern);
    for (const l of ['IF A = 1 THEN', '    if (File.IfFile.Exists File: F) then', 'ELSE', 'SWITCH X', '  CASE = 1', 'DEFAULT',
      'LOOP FOREACH I IN L', 'LOOP WHILE A < 3', 'BLOCK Retry', 'ON BLOCK ERROR all', 'ON ERROR TimeoutError', 'FUNCTION Main GLOBAL']) {
      assert.ok(inc.test(l), `increase after ${JSON.stringify(l)}`);
    }
    for (const l of ['SET IFFY TO 1', 'Folder.Create FolderPath: P', 'END', 'EXIT LOOP']) assert.ok(!inc.test(l), `no increase after ${JSON.stringify(l)}`);
    for (const l of ['END', '  end function', 'ELSE', 'ELSE IF A THEN', 'ON BLOCK ERROR']) assert.ok(dec.test(l), `decrease on ${JSON.stringify(l)}`);
    for (const l of ['ENDING = 1', 'SET END_X TO 1']) assert.ok(!dec.test(l), `no decrease on ${JSON.stringify(l)}`);
  });

  test('folding markers for **REGION / **ENDREGION', () => {
    assert.ok(rx(config.folding.markers.start).test('    **REGION Logger'));
    assert.ok(rx(config.folding.markers.end).test('    **ENDREGION'));
    assert.ok(!rx(config.folding.markers.start).test('    **ENDREGION'));
  });

  test('package.json contributes the language and grammar with files that exist', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const lang = pkg.contributes?.languages?.find((l: { id: string }) => l.id === 'robin');
    assert.ok(lang, 'language robin contributed');
    assert.ok(lang.extensions.includes('.robin'));
    assert.ok(existsSync(join(root, lang.configuration)), lang.configuration);
    const gr = pkg.contributes?.grammars?.find((g: { language: string }) => g.language === 'robin');
    assert.ok(gr, 'grammar contributed');
    assert.equal(gr.scopeName, 'source.robin');
    assert.ok(existsSync(join(root, gr.path)), gr.path);
    assert.equal(gr.embeddedLanguages?.['meta.embedded.block.json'], 'json');
  });
});

// ---- the real corpus ---------------------------------------------------------------------------
function corpusScripts(): string[] {
  const files: string[] = [];
  const walk = (dir: string, keep: (f: string) => boolean) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, keep); else if (keep(p)) files.push(p);
    }
  };
  walk(join(corpus, 'pad-scripts'), f => /\.(robin|txt)$/.test(f));
  walk(join(corpus, 'solutions', 'AgniusBartninkas__power-automate-desktop-framework', 'src', 'flows'), f => f.endsWith('.txt'));
  return files;
}

/**
 * Problems at the end of a document: the state after the last line must be the top level, or the JSON
 * top level when the document has a clipboard trailer. Anything deeper is an unterminated string or comment.
 */
function unterminated(text: string): string | undefined {
  let state = vsctm.INITIAL;
  let expected = 1;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    state = grammar.tokenizeLine(line, state).ruleStack;
    if (/^\s*#\s*\[ControlRepository\]\[PowerAutomateDesktop\]\s*$/.test(line)) expected = state.depth;
  }
  if (state.depth === expected) return undefined;
  const probe = grammar.tokenizeLine('SET Probe TO 1', state).tokens[0];
  return `ends ${state.depth - expected} level(s) deep, in ${probe.scopes.slice(1).join(' ')}`;
}

describe('robin grammar: corpus', () => {
  test('the end-of-file check catches unterminated strings and comments', () => {
    assert.equal(unterminated("SET A TO $'''x'''\n"), undefined);
    assert.match(unterminated("SET A TO $'''x\nSET B TO 1") ?? '', /string\.quoted\.triple\.interpolated\.robin/);
    assert.match(unterminated("@INPUT X : { 'Description': '''x\n") ?? '', /string\.quoted\.triple\.robin/);
    assert.match(unterminated('/# open\nSET B TO 1') ?? '', /comment\.block\.robin/);
    assert.match(unterminated('# [ControlRepository][PowerAutomateDesktop]\n{ "a": [1, 2') ?? '', /meta\.structure/);
    assert.equal(unterminated('# [ControlRepository][PowerAutomateDesktop]\n{ "a": [1, 2] }'), undefined);
  });

  test('no corpus script ends inside an unterminated string or comment', t => {
    if (!existsSync(corpus)) { t.skip(`corpus not found at ${corpus} (../shared/corpus beside the checkout); skipped`); return; }
    const files = corpusScripts();
    assert.ok(files.length >= 20, `expected the corpus scripts, found ${files.length}`);
    const problems = files.map(f => [f, unterminated(readFileSync(f, 'utf8'))] as const).filter(([, p]) => p);
    assert.deepEqual(problems.map(([f, p]) => `${relative(corpus, f)}: ${p}`), []);
  });

  test('corpus: every action line starts with an action id and no statement line is left unscoped', t => {
    if (!existsSync(corpus)) { t.skip(`corpus not found at ${corpus}; skipped`); return; }
    const bad: string[] = [];
    for (const f of corpusScripts()) {
      let state = vsctm.INITIAL;
      for (const line of readFileSync(f, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)) {
        if (/^\s*#\s*\[ControlRepository\]/.test(line)) break;
        const atTop = state.depth === 1;
        const r = grammar.tokenizeLine(line, state);
        state = r.ruleStack;
        if (!atTop) continue;
        const first = r.tokens.find(x => line.slice(x.startIndex, x.endIndex).trim() !== '');
        if (!first) continue;
        const text = line.slice(first.startIndex, first.endIndex);
        // Statements start with a keyword, an action id, a comment, a region, an annotation or a header.
        const ok = first.scopes.some(s => /^(keyword|entity\.name\.function\.action|comment|punctuation\.definition\.(comment|annotation)|storage)/.test(s));
        if (!ok) bad.push(`${relative(corpus, f)}: ${JSON.stringify(text)} ${first.scopes.slice(1).join(' ')} | ${line.trim().slice(0, 80)}`);
      }
    }
    assert.deepEqual(bad.slice(0, 20), []);
  });
});
