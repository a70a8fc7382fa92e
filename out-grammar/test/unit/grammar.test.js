"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var import_node_test = require("node:test");
var assert = __toESM(require("node:assert/strict"));
var import_node_fs = require("node:fs");
var import_node_path = require("node:path");
var vsctm = __toESM(require("vscode-textmate"));
var oniguruma = __toESM(require("vscode-oniguruma"));
function repoRoot() {
  for (let dir = __dirname; ; dir = (0, import_node_path.dirname)(dir)) {
    const pkg = (0, import_node_path.join)(dir, "package.json");
    if ((0, import_node_fs.existsSync)(pkg) && JSON.parse((0, import_node_fs.readFileSync)(pkg, "utf8")).name === "flowcop") return dir;
    if ((0, import_node_path.dirname)(dir) === dir) throw new Error("cannot find the flowcop checkout above " + __dirname);
  }
}
const root = repoRoot();
const corpus = (0, import_node_path.join)(root, "..", "shared", "corpus");
const jsonStub = {
  scopeName: "source.json",
  patterns: [{ include: "#value" }],
  repository: {
    value: {
      patterns: [
        { begin: "\\{", end: "\\}", name: "meta.structure.dictionary.json", patterns: [{ include: "#value" }] },
        { begin: "\\[", end: "\\]", name: "meta.structure.array.json", patterns: [{ include: "#value" }] },
        { match: '"(?:[^"\\\\]|\\\\.)*"', name: "string.quoted.double.json" },
        { match: "-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?", name: "constant.numeric.json" },
        { match: "\\b(?:true|false|null)\\b", name: "constant.language.json" },
        { match: "[:,]", name: "punctuation.separator.json" }
      ]
    }
  }
};
let grammar;
(0, import_node_test.before)(async () => {
  const wasmPath = (0, import_node_path.join)((0, import_node_path.dirname)(require.resolve("vscode-oniguruma")), "onig.wasm");
  const wasm = (0, import_node_fs.readFileSync)(wasmPath);
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s)
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName === "source.robin") {
        const file = (0, import_node_path.join)(root, "syntaxes", "robin.tmLanguage.json");
        return vsctm.parseRawGrammar((0, import_node_fs.readFileSync)(file, "utf8"), file);
      }
      if (scopeName === "source.json") return jsonStub;
      return null;
    }
  });
  const g = await registry.loadGrammar("source.robin");
  assert.ok(g, "grammar source.robin loads");
  grammar = g;
});
function tokenize(text) {
  let state = vsctm.INITIAL;
  const lines = [];
  text.split(/\r?\n/).forEach((line, n) => {
    const r = grammar.tokenizeLine(line, state);
    lines.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes, line: n })));
    state = r.ruleStack;
  });
  return { lines, end: state };
}
const all = (lines) => lines.flat();
const has = (t, scope) => t.scopes.some((s) => s === scope || s.startsWith(scope + "."));
const show = (toks) => toks.map((t) => `${JSON.stringify(t.text)} ${t.scopes.slice(1).join(" ")}`).join("\n");
function tok(toks, text, nth = 0) {
  const found = toks.filter((t) => t.text === text);
  assert.ok(found.length > nth, `no token ${JSON.stringify(text)} (#${nth}) in:
${show(toks)}`);
  return found[nth];
}
function assertScope(t, scope) {
  assert.ok(has(t, scope), `${JSON.stringify(t.text)} (line ${t.line}) should have ${scope}, has: ${t.scopes.join(" ")}`);
}
function assertNoScope(t, scope) {
  assert.ok(!has(t, scope), `${JSON.stringify(t.text)} (line ${t.line}) should not have ${scope}, has: ${t.scopes.join(" ")}`);
}
const count = (toks, scope) => toks.filter((t) => t.scopes.at(-1) === scope).length;
(0, import_node_test.describe)("robin grammar: strings", () => {
  (0, import_node_test.test)("$'''it\\'s %Name% done''' is one string with one interpolation", () => {
    const toks = all(tokenize("SET Msg TO $'''it\\'s %Name% done'''").lines);
    const inString = toks.filter((t) => has(t, "string.quoted.triple.interpolated.robin"));
    assert.equal(inString.map((t) => t.text).join(""), "$'''it\\'s %Name% done'''", show(toks));
    assert.equal(count(toks, "punctuation.definition.string.begin.robin"), 1, show(toks));
    assert.equal(count(toks, "punctuation.definition.string.end.robin"), 1, show(toks));
    assert.equal(count(toks, "punctuation.section.interpolation.begin.robin"), 1, show(toks));
    assertScope(tok(toks, "\\'"), "constant.character.escape.robin");
    const name = tok(toks, "Name");
    assertScope(name, "meta.interpolation.robin");
    assertScope(name, "meta.embedded.line.expression.robin");
    assertScope(name, "variable.other.readwrite.robin");
    assertNoScope(tok(toks, " done"), "meta.interpolation.robin");
    assertScope(tok(toks, "'''"), "punctuation.definition.string.end.robin");
  });
  (0, import_node_test.test)("an escaped quote right before the closing quotes: \\'''' ends the string after the escape", () => {
    const toks = all(tokenize("X.Y @'$filter': $'''Name eq \\'%P%\\'''' @Out=> V").lines);
    assertScope(tok(toks, "\\'", 1), "constant.character.escape.robin");
    const end = tok(toks, "'''");
    assertScope(end, "punctuation.definition.string.end.robin");
    assertScope(tok(toks, "Out"), "variable.parameter.output.robin");
    assertNoScope(tok(toks, "Out"), "string");
  });
  (0, import_node_test.test)("%% is a literal percent, not an interpolation", () => {
    const toks = all(tokenize("SET P TO $'''100%% done'''").lines);
    assertScope(tok(toks, "%%"), "constant.character.escape.percent.robin");
    assert.equal(count(toks, "punctuation.section.interpolation.begin.robin"), 0, show(toks));
  });
  (0, import_node_test.test)("interpolation holds expressions: property, index, empty text", () => {
    const toks = all(tokenize("SET A TO $'''%Config['Key']%/%Err.Message%/%''%'''").lines);
    assertScope(tok(toks, "Key"), "string.quoted.single.robin");
    assertScope(tok(toks, "Key"), "meta.interpolation.robin");
    assertScope(tok(toks, "Message"), "variable.other.property.robin");
    assert.equal(count(toks, "punctuation.section.interpolation.begin.robin"), 3, show(toks));
    assert.equal(count(toks, "punctuation.definition.string.end.robin"), 3, show(toks));
  });
  (0, import_node_test.test)("a multi-line $''' string whose inner lines start with END, # or IF stays a string", () => {
    const { lines, end } = tokenize([
      "Scripting.RunPowershellScript.RunPowershellScript Script: $'''$x = 1",
      "END",
      "# not a comment",
      "IF it THEN",
      "  /# not a block comment",
      "''' ScriptOutput=> Out",
      "SET Y TO 1"
    ].join("\n"));
    for (const n of [1, 2, 3, 4]) {
      for (const t of lines[n]) {
        assertScope(t, "string.quoted.triple.interpolated.robin");
        assertNoScope(t, "keyword");
        assertNoScope(t, "comment");
      }
    }
    assertScope(tok(lines[5], "'''"), "punctuation.definition.string.end.robin");
    assertScope(tok(lines[5], "ScriptOutput"), "variable.parameter.output.robin");
    assertScope(tok(lines[6], "SET"), "keyword.control.robin");
    assert.equal(end.depth, 1, "back at the top level");
  });
  (0, import_node_test.test)("'''\u2026''' strings span lines, keep \\' escapes and have no interpolation", () => {
    const { lines } = tokenize([
      "@INPUT In_Type : { 'Description': '''The type, e.g. \\'SharePoint\\'",
      "- 100% sure",
      "END''', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' }"
    ].join("\n"));
    assertScope(tok(lines[0], "@INPUT"), "storage.type.parameter.robin");
    assertScope(tok(lines[0], "In_Type"), "variable.other.readwrite.declaration.robin");
    assertScope(tok(lines[0], "\\'"), "constant.character.escape.robin");
    for (const t of lines[1]) {
      assertScope(t, "string.quoted.triple.robin");
      assertNoScope(t, "meta.interpolation.robin");
    }
    assertScope(tok(lines[2], "END"), "string.quoted.triple.robin");
    assertScope(tok(lines[2], "False"), "constant.language.boolean.robin");
    assertScope(tok(lines[2], "String"), "string.quoted.single.robin");
  });
  (0, import_node_test.test)("'\u2026' strings with \\' escapes end on their line", () => {
    const toks = all(tokenize("SET E TO 'it\\'s' + ''").lines);
    assertScope(tok(toks, "\\'"), "constant.character.escape.robin");
    assertScope(tok(toks, "+"), "keyword.operator.arithmetic.robin");
    assert.equal(count(toks, "punctuation.definition.string.begin.robin"), 2, show(toks));
  });
  (0, import_node_test.test)("$fx'\u2026' strings with ${\u2026} interpolation", () => {
    const toks = all(tokenize("WebAutomation.LaunchEdge.AttachToEdgeByUrl TabUrl: $fx'https://x/${Page}' AttachTimeout: $fx'=2'").lines);
    assertScope(tok(toks, "Page"), "meta.interpolation.fx.robin");
    assertScope(tok(toks, "Page"), "string.quoted.single.fx.robin");
    assertScope(tok(toks, "AttachTimeout"), "variable.parameter.robin");
    assertNoScope(tok(toks, "AttachTimeout"), "string");
  });
});
(0, import_node_test.describe)("robin grammar: comments and structure", () => {
  (0, import_node_test.test)("# inside a string is not a comment; # at the start of a line and after a statement is", () => {
    const { lines } = tokenize([
      "@@regionColor: '#57FFE1'",
      "SET Tag TO $'''#1 # two'''",
      "    # a comment with $''' and END",
      "SET N TO 1 # trailing note"
    ].join("\n"));
    assertScope(tok(lines[0], "@@"), "punctuation.definition.annotation.robin");
    assertScope(tok(lines[0], "regionColor"), "entity.other.attribute-name.annotation.robin");
    assertScope(tok(lines[0], "#57FFE1"), "string.quoted.single.robin");
    for (const t of lines[0].concat(lines[1])) assertNoScope(t, "comment");
    assertScope(tok(lines[1], "#1 # two"), "string.quoted.triple.interpolated.robin");
    assertScope(tok(lines[2], "#"), "comment.line.number-sign.robin");
    assertScope(tok(lines[2], " a comment with $''' and END"), "comment.line.number-sign.robin");
    assertScope(tok(lines[3], " trailing note"), "comment.line.number-sign.robin");
    assertScope(tok(lines[3], "1"), "constant.numeric.robin");
  });
  (0, import_node_test.test)("/# \u2026 #/ block comments span lines", () => {
    const { lines, end } = tokenize([
      "    /# Initializing variables.",
      "SET X TO $'''not a string''' IF END",
      "#/",
      "SET Y TO 2"
    ].join("\n"));
    assertScope(tok(lines[0], "/#"), "punctuation.definition.comment.begin.robin");
    for (const t of lines[1]) {
      assertScope(t, "comment.block.robin");
      assertNoScope(t, "string");
      assertNoScope(t, "keyword");
    }
    assertScope(tok(lines[2], "#/"), "punctuation.definition.comment.end.robin");
    assertScope(tok(lines[3], "SET"), "keyword.control.robin");
    assertNoScope(tok(lines[3], "SET"), "comment");
    assert.equal(end.depth, 1);
  });
  (0, import_node_test.test)("**REGION / **ENDREGION, @SENSITIVE, IMPORT \u2026 AS", () => {
    const { lines } = tokenize([
      "IMPORT 'controlRepo.appmask' AS appmask",
      "@SENSITIVE: [Output_Message, In_Password]",
      "    **REGION Initializing variables",
      "    **ENDREGION"
    ].join("\n"));
    assertScope(tok(lines[0], "IMPORT"), "keyword.control.robin");
    assertScope(tok(lines[0], "AS"), "keyword.control.robin");
    assertScope(tok(lines[1], "@SENSITIVE"), "storage.modifier.sensitive.robin");
    assertScope(tok(lines[1], "In_Password"), "variable.other.readwrite.robin");
    assertScope(tok(lines[2], "**REGION"), "keyword.other.region.robin");
    assertScope(tok(lines[2], "Initializing variables"), "entity.name.section.region.robin");
    assertScope(tok(lines[3], "**ENDREGION"), "keyword.other.region.robin");
  });
  (0, import_node_test.test)("the clipboard trailer switches the rest of the file to JSON", () => {
    const { lines } = tokenize([
      "WebAutomation.CloseWebBrowser BrowserInstance: Browser",
      "",
      "# [ControlRepository][PowerAutomateDesktop]",
      "",
      "{",
      `  "ControlRepositorySymbols": [ { "Name": "appmask", "IF": "SET X TO $'''" } ],`,
      '  "Version": 1',
      "}",
      "SET NotRobin TO 1"
    ].join("\n"));
    assertScope(tok(lines[2], "# [ControlRepository][PowerAutomateDesktop]"), "comment.line.number-sign.trailer.robin");
    const key = tok(lines[5], '"ControlRepositorySymbols"');
    assertScope(key, "meta.embedded.block.json");
    assertScope(key, "string.quoted.double.json");
    assertScope(tok(lines[5], `"SET X TO $'''"`), "string.quoted.double.json");
    assertScope(tok(lines[6], "1"), "constant.numeric.json");
    for (const t of lines.slice(3).flat()) {
      assertScope(t, "meta.embedded.block.json");
      assert.ok(!t.scopes.slice(1).some((s) => s.endsWith(".robin")), `${JSON.stringify(t.text)} has a Robin scope: ${t.scopes.join(" ")}`);
    }
  });
  (0, import_node_test.test)("a # line that only resembles the trailer is an ordinary comment", () => {
    const { lines } = tokenize("# [ControlRepository] is where UI elements live\nSET X TO 1");
    assertScope(tok(lines[0], "#"), "comment.line.number-sign.robin");
    assertScope(tok(lines[1], "SET"), "keyword.control.robin");
  });
});
(0, import_node_test.describe)("robin grammar: statements", () => {
  (0, import_node_test.test)("action id, argument names, @name and @'quoted' arguments, outputs", () => {
    const toks = all(tokenize(
      "    External.InvokeCloudConnector Connection: '01b0' @organization: Input_Address @'$filter': $'''x''' Timeout: 60 @GetItemsResponse=> Response Result=> Table_SPResult"
    ).lines);
    for (const id of ["External", "InvokeCloudConnector"]) assertScope(tok(toks, id), "entity.name.function.action.robin");
    assertScope(tok(toks, "Connection"), "variable.parameter.robin");
    assertScope(tok(toks, "organization"), "variable.parameter.robin");
    assertScope(tok(toks, "'$filter'"), "variable.parameter.quoted.robin");
    assertScope(tok(toks, "Input_Address"), "variable.other.readwrite.robin");
    assertScope(tok(toks, "60"), "constant.numeric.robin");
    assertScope(tok(toks, "GetItemsResponse"), "variable.parameter.output.robin");
    assertScope(tok(toks, "=>"), "keyword.operator.output.robin");
    assertScope(tok(toks, "Response"), "variable.other.readwrite.output.robin");
    assertScope(tok(toks, "Table_SPResult"), "variable.other.readwrite.output.robin");
  });
  (0, import_node_test.test)("Module.Action.Selector, enum values, booleans and appmask references", () => {
    const toks = all(tokenize(
      "WebAutomation.PopulateTextField.PopulateTextField BrowserInstance: Browser Control: appmask['Window \\'Untitled\\'']['Txt_Name'] EmulateTyping: False Mode: WebAutomation.PopulateTextMode.Replace"
    ).lines);
    assertScope(tok(toks, "WebAutomation"), "entity.name.function.action.robin");
    assertScope(tok(toks, "PopulateTextField", 1), "entity.name.function.action.robin");
    assertScope(tok(toks, "appmask"), "support.variable.repository.robin");
    assertScope(tok(toks, "Txt_Name"), "string.quoted.single.robin");
    assertScope(tok(toks, "Txt_Name"), "meta.ui-element.robin");
    assertScope(tok(toks, "False"), "constant.language.boolean.robin");
    assertScope(tok(toks, "WebAutomation", 1), "support.type.enum.robin");
    assertScope(tok(toks, "Replace"), "support.constant.enum.robin");
  });
  (0, import_node_test.test)("a condition action inside IF (\u2026) / WAIT (\u2026) is an action id", () => {
    const toks = all(tokenize("IF (Folder.IfFolderExists.DoesNotExist Path: $'''C:\\\\Labs''') THEN\nWAIT (UIAutomation.WaitForWindow.ToOpenByTitleClass Title: $'''G*''') FOR 30").lines);
    assertScope(tok(toks, "IfFolderExists"), "entity.name.function.action.robin");
    assertScope(tok(toks, "WaitForWindow"), "entity.name.function.action.robin");
    assertScope(tok(toks, "Path"), "variable.parameter.robin");
    assertScope(tok(toks, "FOR"), "keyword.control.robin");
  });
  (0, import_node_test.test)("keywords are case-insensitive", () => {
    const { lines } = tokenize([
      "set x to 1",
      "If X = 1 Then",
      "  loop foreach Item in Items",
      "  EnD",
      "else",
      "End",
      "Block Retry",
      "on block error all",
      "end",
      "function Main global",
      "end function",
      "call Main",
      "goto Done",
      "label Done",
      "exit loop"
    ].join("\n"));
    const words = [
      "set",
      "to",
      "If",
      "Then",
      "loop",
      "foreach",
      "in",
      "EnD",
      "else",
      "End",
      "Block",
      "on",
      "block",
      "error",
      "end",
      "function",
      "global",
      "call",
      "goto",
      "label",
      "exit",
      "loop"
    ];
    const toks = all(lines);
    for (const w of words) {
      const found = toks.filter((t) => t.text === w);
      assert.ok(found.length, `keyword ${w} not tokenized on its own:
${show(toks)}`);
      for (const t of found) assert.ok(has(t, "keyword.control.robin") || has(t, "storage.modifier.robin"), `${w} (line ${t.line}): ${t.scopes.join(" ")}`);
    }
    assertScope(tok(toks, "Main"), "entity.name.function.subflow.robin");
    assertScope(tok(toks, "Done"), "entity.name.label.robin");
    assertScope(tok(toks, "x"), "variable.other.readwrite.robin");
  });
  (0, import_node_test.test)("operators AND OR NOT mod and comparisons", () => {
    const toks = all(tokenize("IF NOT(IsEmpty(A)) and B mod 2 <> 0 OR C >= -1.5 THEN").lines);
    assertScope(tok(toks, "NOT"), "keyword.operator.logical.robin");
    assertScope(tok(toks, "and"), "keyword.operator.logical.robin");
    assertScope(tok(toks, "OR"), "keyword.operator.logical.robin");
    assertScope(tok(toks, "mod"), "keyword.operator.arithmetic.robin");
    assertScope(tok(toks, "<>"), "keyword.operator.comparison.robin");
    assertScope(tok(toks, "IsEmpty"), "support.function.builtin.robin");
    assertScope(tok(toks, "-1.5"), "constant.numeric.robin");
  });
  (0, import_node_test.test)("an argument named like a keyword (From:, To:) is an argument, not a keyword", () => {
    const toks = all(tokenize("Email.SendEmail.Send From: $'''a''' SendTo: B Subject: S").lines);
    assertScope(tok(toks, "From"), "variable.parameter.robin");
    assertNoScope(tok(toks, "From"), "keyword");
  });
  (0, import_node_test.test)("ERROR => Var and DISABLE", () => {
    const toks = all(tokenize("ERROR => LastError Reset: True\nDISABLE Folder.Create FolderPath: P").lines);
    assertScope(tok(toks, "ERROR"), "keyword.control.robin");
    assertScope(tok(toks, "LastError"), "variable.other.readwrite.output.robin");
    assertScope(tok(toks, "DISABLE"), "keyword.control.robin");
    assertScope(tok(toks, "Create"), "entity.name.function.action.robin");
  });
});
(0, import_node_test.describe)("robin language configuration", () => {
  const config = JSON.parse((0, import_node_fs.readFileSync)((0, import_node_path.join)(root, "language-configuration.json"), "utf8"));
  const rx = (r) => typeof r === "string" ? new RegExp(r) : new RegExp(r.pattern, r.flags);
  (0, import_node_test.test)("comments, brackets and auto-closing pairs", () => {
    assert.equal(config.comments.lineComment, "#");
    assert.deepEqual(config.comments.blockComment, ["/#", "#/"]);
    const pairs = config.autoClosingPairs.map((p) => p.open + p.close);
    for (const p of ["{}", "[]", "()", "''", "$''''''"]) assert.ok(pairs.includes(p), `auto-closing pair ${p}`);
  });
  (0, import_node_test.test)("indentation rules", () => {
    const inc = rx(config.indentationRules.increaseIndentPattern);
    const dec = rx(config.indentationRules.decreaseIndentPattern);
    for (const l of [
      "IF A = 1 THEN",
      "    if (File.IfFile.Exists File: F) then",
      "ELSE",
      "SWITCH X",
      "  CASE = 1",
      "DEFAULT",
      "LOOP FOREACH I IN L",
      "LOOP WHILE A < 3",
      "BLOCK Retry",
      "ON BLOCK ERROR all",
      "ON ERROR TimeoutError",
      "FUNCTION Main GLOBAL"
    ]) {
      assert.ok(inc.test(l), `increase after ${JSON.stringify(l)}`);
    }
    for (const l of ["SET IFFY TO 1", "Folder.Create FolderPath: P", "END", "EXIT LOOP"]) assert.ok(!inc.test(l), `no increase after ${JSON.stringify(l)}`);
    for (const l of ["END", "  end function", "ELSE", "ELSE IF A THEN", "ON BLOCK ERROR"]) assert.ok(dec.test(l), `decrease on ${JSON.stringify(l)}`);
    for (const l of ["ENDING = 1", "SET END_X TO 1"]) assert.ok(!dec.test(l), `no decrease on ${JSON.stringify(l)}`);
  });
  (0, import_node_test.test)("folding markers for **REGION / **ENDREGION", () => {
    assert.ok(rx(config.folding.markers.start).test("    **REGION Logger"));
    assert.ok(rx(config.folding.markers.end).test("    **ENDREGION"));
    assert.ok(!rx(config.folding.markers.start).test("    **ENDREGION"));
  });
  (0, import_node_test.test)("package.json contributes the language and grammar with files that exist", () => {
    const pkg = JSON.parse((0, import_node_fs.readFileSync)((0, import_node_path.join)(root, "package.json"), "utf8"));
    const lang = pkg.contributes?.languages?.find((l) => l.id === "robin");
    assert.ok(lang, "language robin contributed");
    assert.ok(lang.extensions.includes(".robin"));
    assert.ok((0, import_node_fs.existsSync)((0, import_node_path.join)(root, lang.configuration)), lang.configuration);
    const gr = pkg.contributes?.grammars?.find((g) => g.language === "robin");
    assert.ok(gr, "grammar contributed");
    assert.equal(gr.scopeName, "source.robin");
    assert.ok((0, import_node_fs.existsSync)((0, import_node_path.join)(root, gr.path)), gr.path);
    assert.equal(gr.embeddedLanguages?.["meta.embedded.block.json"], "json");
  });
});
function corpusScripts() {
  const files = [];
  const walk = (dir, keep) => {
    if (!(0, import_node_fs.existsSync)(dir)) return;
    for (const name of (0, import_node_fs.readdirSync)(dir)) {
      const p = (0, import_node_path.join)(dir, name);
      if ((0, import_node_fs.statSync)(p).isDirectory()) walk(p, keep);
      else if (keep(p)) files.push(p);
    }
  };
  walk((0, import_node_path.join)(corpus, "pad-scripts"), (f) => /\.(robin|txt)$/.test(f));
  walk((0, import_node_path.join)(corpus, "solutions", "AgniusBartninkas__power-automate-desktop-framework", "src", "flows"), (f) => f.endsWith(".txt"));
  return files;
}
function unterminated(text) {
  let state = vsctm.INITIAL;
  let expected = 1;
  for (const line of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    state = grammar.tokenizeLine(line, state).ruleStack;
    if (/^\s*#\s*\[ControlRepository\]\[PowerAutomateDesktop\]\s*$/.test(line)) expected = state.depth;
  }
  if (state.depth === expected) return void 0;
  const probe = grammar.tokenizeLine("SET Probe TO 1", state).tokens[0];
  return `ends ${state.depth - expected} level(s) deep, in ${probe.scopes.slice(1).join(" ")}`;
}
(0, import_node_test.describe)("robin grammar: corpus", () => {
  (0, import_node_test.test)("the end-of-file check catches unterminated strings and comments", () => {
    assert.equal(unterminated("SET A TO $'''x'''\n"), void 0);
    assert.match(unterminated("SET A TO $'''x\nSET B TO 1") ?? "", /string\.quoted\.triple\.interpolated\.robin/);
    assert.match(unterminated("@INPUT X : { 'Description': '''x\n") ?? "", /string\.quoted\.triple\.robin/);
    assert.match(unterminated("/# open\nSET B TO 1") ?? "", /comment\.block\.robin/);
    assert.match(unterminated('# [ControlRepository][PowerAutomateDesktop]\n{ "a": [1, 2') ?? "", /meta\.structure/);
    assert.equal(unterminated('# [ControlRepository][PowerAutomateDesktop]\n{ "a": [1, 2] }'), void 0);
  });
  (0, import_node_test.test)("no corpus script ends inside an unterminated string or comment", (t) => {
    if (!(0, import_node_fs.existsSync)(corpus)) {
      t.skip(`corpus not found at ${corpus} (../shared/corpus beside the checkout); skipped`);
      return;
    }
    const files = corpusScripts();
    assert.ok(files.length >= 20, `expected the corpus scripts, found ${files.length}`);
    const problems = files.map((f) => [f, unterminated((0, import_node_fs.readFileSync)(f, "utf8"))]).filter(([, p]) => p);
    assert.deepEqual(problems.map(([f, p]) => `${(0, import_node_path.relative)(corpus, f)}: ${p}`), []);
  });
  (0, import_node_test.test)("corpus: every action line starts with an action id and no statement line is left unscoped", (t) => {
    if (!(0, import_node_fs.existsSync)(corpus)) {
      t.skip(`corpus not found at ${corpus}; skipped`);
      return;
    }
    const bad = [];
    for (const f of corpusScripts()) {
      let state = vsctm.INITIAL;
      for (const line of (0, import_node_fs.readFileSync)(f, "utf8").replace(/^\uFEFF/, "").split(/\r?\n/)) {
        if (/^\s*#\s*\[ControlRepository\]/.test(line)) break;
        const atTop = state.depth === 1;
        const r = grammar.tokenizeLine(line, state);
        state = r.ruleStack;
        if (!atTop) continue;
        const first = r.tokens.find((x) => line.slice(x.startIndex, x.endIndex).trim() !== "");
        if (!first) continue;
        const text = line.slice(first.startIndex, first.endIndex);
        const ok = first.scopes.some((s) => /^(keyword|entity\.name\.function\.action|comment|punctuation\.definition\.(comment|annotation)|storage)/.test(s));
        if (!ok) bad.push(`${(0, import_node_path.relative)(corpus, f)}: ${JSON.stringify(text)} ${first.scopes.slice(1).join(" ")} | ${line.trim().slice(0, 80)}`);
      }
    }
    assert.deepEqual(bad.slice(0, 20), []);
  });
});
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLi4vLi4vLi4vdGVzdC91bml0L2dyYW1tYXIudGVzdC50cyJdLAogICJzb3VyY2VzQ29udGVudCI6IFsiLy8gVGVzdHMgZm9yIHRoZSBkZXNrdG9wLWZsb3cgc2NyaXB0IChSb2JpbikgVGV4dE1hdGUgZ3JhbW1hciwgc3ludGF4ZXMvcm9iaW4udG1MYW5ndWFnZS5qc29uLCB0b2tlbml6ZWRcbi8vIHdpdGggdGhlIHNhbWUgZW5naW5lIFZTIENvZGUgdXNlcyAodnNjb2RlLXRleHRtYXRlICsgdGhlIG9uaWd1cnVtYSB3YXNtKS5cbmltcG9ydCB7IHRlc3QsIGRlc2NyaWJlLCBiZWZvcmUgfSBmcm9tICdub2RlOnRlc3QnO1xuaW1wb3J0ICogYXMgYXNzZXJ0IGZyb20gJ25vZGU6YXNzZXJ0L3N0cmljdCc7XG5pbXBvcnQgeyByZWFkRmlsZVN5bmMsIHJlYWRkaXJTeW5jLCBleGlzdHNTeW5jLCBzdGF0U3luYyB9IGZyb20gJ25vZGU6ZnMnO1xuaW1wb3J0IHsgZGlybmFtZSwgam9pbiwgcmVsYXRpdmUgfSBmcm9tICdub2RlOnBhdGgnO1xuaW1wb3J0ICogYXMgdnNjdG0gZnJvbSAndnNjb2RlLXRleHRtYXRlJztcbmltcG9ydCAqIGFzIG9uaWd1cnVtYSBmcm9tICd2c2NvZGUtb25pZ3VydW1hJztcblxuZnVuY3Rpb24gcmVwb1Jvb3QoKTogc3RyaW5nIHtcbiAgZm9yIChsZXQgZGlyID0gX19kaXJuYW1lOyA7IGRpciA9IGRpcm5hbWUoZGlyKSkge1xuICAgIGNvbnN0IHBrZyA9IGpvaW4oZGlyLCAncGFja2FnZS5qc29uJyk7XG4gICAgaWYgKGV4aXN0c1N5bmMocGtnKSAmJiBKU09OLnBhcnNlKHJlYWRGaWxlU3luYyhwa2csICd1dGY4JykpLm5hbWUgPT09ICdmbG93Y29wJykgcmV0dXJuIGRpcjtcbiAgICBpZiAoZGlybmFtZShkaXIpID09PSBkaXIpIHRocm93IG5ldyBFcnJvcignY2Fubm90IGZpbmQgdGhlIGZsb3djb3AgY2hlY2tvdXQgYWJvdmUgJyArIF9fZGlybmFtZSk7XG4gIH1cbn1cbmNvbnN0IHJvb3QgPSByZXBvUm9vdCgpO1xuY29uc3QgY29ycHVzID0gam9pbihyb290LCAnLi4nLCAnc2hhcmVkJywgJ2NvcnB1cycpO1xuXG4vLyBWUyBDb2RlIHN1cHBsaWVzIHNvdXJjZS5qc29uIGZyb20gaXRzIGJ1aWx0LWluIEpTT04gZXh0ZW5zaW9uLiBVbml0IHRlc3RzIGhhdmUgbm8gVlMgQ29kZSwgc28gYSBzbWFsbFxuLy8gc3RhbmQtaW4gd2l0aCBKU09OJ3Mgc2NvcGUgbmFtZXMgaXMgcmVnaXN0ZXJlZDsgd2hhdCBtYXR0ZXJzIGhlcmUgaXMgdGhhdCB0aGUgdHJhaWxlciBoYW5kcyBvdmVyIHRvIGl0LlxuY29uc3QganNvblN0dWIgPSB7XG4gIHNjb3BlTmFtZTogJ3NvdXJjZS5qc29uJyxcbiAgcGF0dGVybnM6IFt7IGluY2x1ZGU6ICcjdmFsdWUnIH1dLFxuICByZXBvc2l0b3J5OiB7XG4gICAgdmFsdWU6IHtcbiAgICAgIHBhdHRlcm5zOiBbXG4gICAgICAgIHsgYmVnaW46ICdcXFxceycsIGVuZDogJ1xcXFx9JywgbmFtZTogJ21ldGEuc3RydWN0dXJlLmRpY3Rpb25hcnkuanNvbicsIHBhdHRlcm5zOiBbeyBpbmNsdWRlOiAnI3ZhbHVlJyB9XSB9LFxuICAgICAgICB7IGJlZ2luOiAnXFxcXFsnLCBlbmQ6ICdcXFxcXScsIG5hbWU6ICdtZXRhLnN0cnVjdHVyZS5hcnJheS5qc29uJywgcGF0dGVybnM6IFt7IGluY2x1ZGU6ICcjdmFsdWUnIH1dIH0sXG4gICAgICAgIHsgbWF0Y2g6ICdcIig/OlteXCJcXFxcXFxcXF18XFxcXFxcXFwuKSpcIicsIG5hbWU6ICdzdHJpbmcucXVvdGVkLmRvdWJsZS5qc29uJyB9LFxuICAgICAgICB7IG1hdGNoOiAnLT9cXFxcZCsoPzpcXFxcLlxcXFxkKyk/KD86W2VFXVstK10/XFxcXGQrKT8nLCBuYW1lOiAnY29uc3RhbnQubnVtZXJpYy5qc29uJyB9LFxuICAgICAgICB7IG1hdGNoOiAnXFxcXGIoPzp0cnVlfGZhbHNlfG51bGwpXFxcXGInLCBuYW1lOiAnY29uc3RhbnQubGFuZ3VhZ2UuanNvbicgfSxcbiAgICAgICAgeyBtYXRjaDogJ1s6LF0nLCBuYW1lOiAncHVuY3R1YXRpb24uc2VwYXJhdG9yLmpzb24nIH0sXG4gICAgICBdLFxuICAgIH0sXG4gIH0sXG59O1xuXG5sZXQgZ3JhbW1hcjogdnNjdG0uSUdyYW1tYXI7XG5cbmJlZm9yZShhc3luYyAoKSA9PiB7XG4gIGNvbnN0IHdhc21QYXRoID0gam9pbihkaXJuYW1lKHJlcXVpcmUucmVzb2x2ZSgndnNjb2RlLW9uaWd1cnVtYScpKSwgJ29uaWcud2FzbScpO1xuICBjb25zdCB3YXNtID0gcmVhZEZpbGVTeW5jKHdhc21QYXRoKTtcbiAgYXdhaXQgb25pZ3VydW1hLmxvYWRXQVNNKHdhc20uYnVmZmVyLnNsaWNlKHdhc20uYnl0ZU9mZnNldCwgd2FzbS5ieXRlT2Zmc2V0ICsgd2FzbS5ieXRlTGVuZ3RoKSBhcyBBcnJheUJ1ZmZlcik7XG4gIGNvbnN0IHJlZ2lzdHJ5ID0gbmV3IHZzY3RtLlJlZ2lzdHJ5KHtcbiAgICBvbmlnTGliOiBQcm9taXNlLnJlc29sdmUoe1xuICAgICAgY3JlYXRlT25pZ1NjYW5uZXI6IChwYXR0ZXJuczogc3RyaW5nW10pID0+IG5ldyBvbmlndXJ1bWEuT25pZ1NjYW5uZXIocGF0dGVybnMpLFxuICAgICAgY3JlYXRlT25pZ1N0cmluZzogKHM6IHN0cmluZykgPT4gbmV3IG9uaWd1cnVtYS5PbmlnU3RyaW5nKHMpLFxuICAgIH0pLFxuICAgIGxvYWRHcmFtbWFyOiBhc3luYyAoc2NvcGVOYW1lOiBzdHJpbmcpID0+IHtcbiAgICAgIGlmIChzY29wZU5hbWUgPT09ICdzb3VyY2Uucm9iaW4nKSB7XG4gICAgICAgIGNvbnN0IGZpbGUgPSBqb2luKHJvb3QsICdzeW50YXhlcycsICdyb2Jpbi50bUxhbmd1YWdlLmpzb24nKTtcbiAgICAgICAgcmV0dXJuIHZzY3RtLnBhcnNlUmF3R3JhbW1hcihyZWFkRmlsZVN5bmMoZmlsZSwgJ3V0ZjgnKSwgZmlsZSk7XG4gICAgICB9XG4gICAgICBpZiAoc2NvcGVOYW1lID09PSAnc291cmNlLmpzb24nKSByZXR1cm4ganNvblN0dWIgYXMgdW5rbm93biBhcyB2c2N0bS5JUmF3R3JhbW1hcjtcbiAgICAgIHJldHVybiBudWxsO1xuICAgIH0sXG4gIH0pO1xuICBjb25zdCBnID0gYXdhaXQgcmVnaXN0cnkubG9hZEdyYW1tYXIoJ3NvdXJjZS5yb2JpbicpO1xuICBhc3NlcnQub2soZywgJ2dyYW1tYXIgc291cmNlLnJvYmluIGxvYWRzJyk7XG4gIGdyYW1tYXIgPSBnO1xufSk7XG5cbmludGVyZmFjZSBUb2sgeyB0ZXh0OiBzdHJpbmc7IHNjb3Blczogc3RyaW5nW107IGxpbmU6IG51bWJlciB9XG5cbi8qKiBUb2tlbml6ZXMgYSB3aG9sZSBkb2N1bWVudDsgcmV0dXJucyB0aGUgdG9rZW5zIG9mIGV2ZXJ5IGxpbmUgYW5kIHRoZSBzdGF0ZSBhZnRlciB0aGUgbGFzdCBsaW5lLiAqL1xuZnVuY3Rpb24gdG9rZW5pemUodGV4dDogc3RyaW5nKTogeyBsaW5lczogVG9rW11bXTsgZW5kOiB2c2N0bS5TdGF0ZVN0YWNrIH0ge1xuICBsZXQgc3RhdGUgPSB2c2N0bS5JTklUSUFMO1xuICBjb25zdCBsaW5lczogVG9rW11bXSA9IFtdO1xuICB0ZXh0LnNwbGl0KC9cXHI/XFxuLykuZm9yRWFjaCgobGluZSwgbikgPT4ge1xuICAgIGNvbnN0IHIgPSBncmFtbWFyLnRva2VuaXplTGluZShsaW5lLCBzdGF0ZSk7XG4gICAgbGluZXMucHVzaChyLnRva2Vucy5tYXAodCA9PiAoeyB0ZXh0OiBsaW5lLnNsaWNlKHQuc3RhcnRJbmRleCwgdC5lbmRJbmRleCksIHNjb3BlczogdC5zY29wZXMsIGxpbmU6IG4gfSkpKTtcbiAgICBzdGF0ZSA9IHIucnVsZVN0YWNrO1xuICB9KTtcbiAgcmV0dXJuIHsgbGluZXMsIGVuZDogc3RhdGUgfTtcbn1cblxuY29uc3QgYWxsID0gKGxpbmVzOiBUb2tbXVtdKSA9PiBsaW5lcy5mbGF0KCk7XG5jb25zdCBoYXMgPSAodDogVG9rLCBzY29wZTogc3RyaW5nKSA9PiB0LnNjb3Blcy5zb21lKHMgPT4gcyA9PT0gc2NvcGUgfHwgcy5zdGFydHNXaXRoKHNjb3BlICsgJy4nKSk7XG5jb25zdCBzaG93ID0gKHRva3M6IFRva1tdKSA9PiB0b2tzLm1hcCh0ID0+IGAke0pTT04uc3RyaW5naWZ5KHQudGV4dCl9ICR7dC5zY29wZXMuc2xpY2UoMSkuam9pbignICcpfWApLmpvaW4oJ1xcbicpO1xuXG4vKiogVGhlIHRva2VuIHdob3NlIHRleHQgaXMgZXhhY3RseSBgdGV4dGAgKHRoZSBudGggb25lIHdoZW4gaXQgb2NjdXJzIHNldmVyYWwgdGltZXMpLiAqL1xuZnVuY3Rpb24gdG9rKHRva3M6IFRva1tdLCB0ZXh0OiBzdHJpbmcsIG50aCA9IDApOiBUb2sge1xuICBjb25zdCBmb3VuZCA9IHRva3MuZmlsdGVyKHQgPT4gdC50ZXh0ID09PSB0ZXh0KTtcbiAgYXNzZXJ0Lm9rKGZvdW5kLmxlbmd0aCA+IG50aCwgYG5vIHRva2VuICR7SlNPTi5zdHJpbmdpZnkodGV4dCl9ICgjJHtudGh9KSBpbjpcXG4ke3Nob3codG9rcyl9YCk7XG4gIHJldHVybiBmb3VuZFtudGhdO1xufVxuZnVuY3Rpb24gYXNzZXJ0U2NvcGUodDogVG9rLCBzY29wZTogc3RyaW5nKSB7XG4gIGFzc2VydC5vayhoYXModCwgc2NvcGUpLCBgJHtKU09OLnN0cmluZ2lmeSh0LnRleHQpfSAobGluZSAke3QubGluZX0pIHNob3VsZCBoYXZlICR7c2NvcGV9LCBoYXM6ICR7dC5zY29wZXMuam9pbignICcpfWApO1xufVxuZnVuY3Rpb24gYXNzZXJ0Tm9TY29wZSh0OiBUb2ssIHNjb3BlOiBzdHJpbmcpIHtcbiAgYXNzZXJ0Lm9rKCFoYXModCwgc2NvcGUpLCBgJHtKU09OLnN0cmluZ2lmeSh0LnRleHQpfSAobGluZSAke3QubGluZX0pIHNob3VsZCBub3QgaGF2ZSAke3Njb3BlfSwgaGFzOiAke3Quc2NvcGVzLmpvaW4oJyAnKX1gKTtcbn1cbi8qKiBOdW1iZXIgb2YgZGlzdGluY3Qgc3RyaW5nIGxpdGVyYWxzIChieSB0aGVpciBiZWdpbiBwdW5jdHVhdGlvbikgYW1vbmcgdGhlIHRva2Vucy4gKi9cbmNvbnN0IGNvdW50ID0gKHRva3M6IFRva1tdLCBzY29wZTogc3RyaW5nKSA9PiB0b2tzLmZpbHRlcih0ID0+IHQuc2NvcGVzLmF0KC0xKSA9PT0gc2NvcGUpLmxlbmd0aDtcblxuZGVzY3JpYmUoJ3JvYmluIGdyYW1tYXI6IHN0cmluZ3MnLCAoKSA9PiB7XG4gIHRlc3QoXCIkJycnaXRcXFxcJ3MgJU5hbWUlIGRvbmUnJycgaXMgb25lIHN0cmluZyB3aXRoIG9uZSBpbnRlcnBvbGF0aW9uXCIsICgpID0+IHtcbiAgICBjb25zdCB0b2tzID0gYWxsKHRva2VuaXplKFwiU0VUIE1zZyBUTyAkJycnaXRcXFxcJ3MgJU5hbWUlIGRvbmUnJydcIikubGluZXMpO1xuICAgIGNvbnN0IGluU3RyaW5nID0gdG9rcy5maWx0ZXIodCA9PiBoYXModCwgJ3N0cmluZy5xdW90ZWQudHJpcGxlLmludGVycG9sYXRlZC5yb2JpbicpKTtcbiAgICAvLyBFdmVyeXRoaW5nIGZyb20gJCcnJyB0byB0aGUgY2xvc2luZyAnJycgaXMgaW5zaWRlIHRoZSBvbmUgc3RyaW5nLlxuICAgIGFzc2VydC5lcXVhbChpblN0cmluZy5tYXAodCA9PiB0LnRleHQpLmpvaW4oJycpLCBcIiQnJydpdFxcXFwncyAlTmFtZSUgZG9uZScnJ1wiLCBzaG93KHRva3MpKTtcbiAgICBhc3NlcnQuZXF1YWwoY291bnQodG9rcywgJ3B1bmN0dWF0aW9uLmRlZmluaXRpb24uc3RyaW5nLmJlZ2luLnJvYmluJyksIDEsIHNob3codG9rcykpO1xuICAgIGFzc2VydC5lcXVhbChjb3VudCh0b2tzLCAncHVuY3R1YXRpb24uZGVmaW5pdGlvbi5zdHJpbmcuZW5kLnJvYmluJyksIDEsIHNob3codG9rcykpO1xuICAgIGFzc2VydC5lcXVhbChjb3VudCh0b2tzLCAncHVuY3R1YXRpb24uc2VjdGlvbi5pbnRlcnBvbGF0aW9uLmJlZ2luLnJvYmluJyksIDEsIHNob3codG9rcykpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCBcIlxcXFwnXCIpLCAnY29uc3RhbnQuY2hhcmFjdGVyLmVzY2FwZS5yb2JpbicpO1xuICAgIGNvbnN0IG5hbWUgPSB0b2sodG9rcywgJ05hbWUnKTtcbiAgICBhc3NlcnRTY29wZShuYW1lLCAnbWV0YS5pbnRlcnBvbGF0aW9uLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUobmFtZSwgJ21ldGEuZW1iZWRkZWQubGluZS5leHByZXNzaW9uLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUobmFtZSwgJ3ZhcmlhYmxlLm90aGVyLnJlYWR3cml0ZS5yb2JpbicpO1xuICAgIGFzc2VydE5vU2NvcGUodG9rKHRva3MsICcgZG9uZScpLCAnbWV0YS5pbnRlcnBvbGF0aW9uLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKHRva3MsIFwiJycnXCIpLCAncHVuY3R1YXRpb24uZGVmaW5pdGlvbi5zdHJpbmcuZW5kLnJvYmluJyk7XG4gIH0pO1xuXG4gIHRlc3QoXCJhbiBlc2NhcGVkIHF1b3RlIHJpZ2h0IGJlZm9yZSB0aGUgY2xvc2luZyBxdW90ZXM6IFxcXFwnJycnIGVuZHMgdGhlIHN0cmluZyBhZnRlciB0aGUgZXNjYXBlXCIsICgpID0+IHtcbiAgICBjb25zdCB0b2tzID0gYWxsKHRva2VuaXplKFwiWC5ZIEAnJGZpbHRlcic6ICQnJydOYW1lIGVxIFxcXFwnJVAlXFxcXCcnJycgQE91dD0+IFZcIikubGluZXMpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCBcIlxcXFwnXCIsIDEpLCAnY29uc3RhbnQuY2hhcmFjdGVyLmVzY2FwZS5yb2JpbicpO1xuICAgIGNvbnN0IGVuZCA9IHRvayh0b2tzLCBcIicnJ1wiKTtcbiAgICBhc3NlcnRTY29wZShlbmQsICdwdW5jdHVhdGlvbi5kZWZpbml0aW9uLnN0cmluZy5lbmQucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ091dCcpLCAndmFyaWFibGUucGFyYW1ldGVyLm91dHB1dC5yb2JpbicpO1xuICAgIGFzc2VydE5vU2NvcGUodG9rKHRva3MsICdPdXQnKSwgJ3N0cmluZycpO1xuICB9KTtcblxuICB0ZXN0KCclJSBpcyBhIGxpdGVyYWwgcGVyY2VudCwgbm90IGFuIGludGVycG9sYXRpb24nLCAoKSA9PiB7XG4gICAgY29uc3QgdG9rcyA9IGFsbCh0b2tlbml6ZShcIlNFVCBQIFRPICQnJycxMDAlJSBkb25lJycnXCIpLmxpbmVzKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJyUlJyksICdjb25zdGFudC5jaGFyYWN0ZXIuZXNjYXBlLnBlcmNlbnQucm9iaW4nKTtcbiAgICBhc3NlcnQuZXF1YWwoY291bnQodG9rcywgJ3B1bmN0dWF0aW9uLnNlY3Rpb24uaW50ZXJwb2xhdGlvbi5iZWdpbi5yb2JpbicpLCAwLCBzaG93KHRva3MpKTtcbiAgfSk7XG5cbiAgdGVzdCgnaW50ZXJwb2xhdGlvbiBob2xkcyBleHByZXNzaW9uczogcHJvcGVydHksIGluZGV4LCBlbXB0eSB0ZXh0JywgKCkgPT4ge1xuICAgIGNvbnN0IHRva3MgPSBhbGwodG9rZW5pemUoXCJTRVQgQSBUTyAkJycnJUNvbmZpZ1snS2V5J10lLyVFcnIuTWVzc2FnZSUvJScnJScnJ1wiKS5saW5lcyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKHRva3MsICdLZXknKSwgJ3N0cmluZy5xdW90ZWQuc2luZ2xlLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKHRva3MsICdLZXknKSwgJ21ldGEuaW50ZXJwb2xhdGlvbi5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCAnTWVzc2FnZScpLCAndmFyaWFibGUub3RoZXIucHJvcGVydHkucm9iaW4nKTtcbiAgICBhc3NlcnQuZXF1YWwoY291bnQodG9rcywgJ3B1bmN0dWF0aW9uLnNlY3Rpb24uaW50ZXJwb2xhdGlvbi5iZWdpbi5yb2JpbicpLCAzLCBzaG93KHRva3MpKTtcbiAgICBhc3NlcnQuZXF1YWwoY291bnQodG9rcywgJ3B1bmN0dWF0aW9uLmRlZmluaXRpb24uc3RyaW5nLmVuZC5yb2JpbicpLCAzLCBzaG93KHRva3MpKTsgLy8gJ0tleScsICcnIGFuZCAnJydcbiAgfSk7XG5cbiAgdGVzdChcImEgbXVsdGktbGluZSAkJycnIHN0cmluZyB3aG9zZSBpbm5lciBsaW5lcyBzdGFydCB3aXRoIEVORCwgIyBvciBJRiBzdGF5cyBhIHN0cmluZ1wiLCAoKSA9PiB7XG4gICAgY29uc3QgeyBsaW5lcywgZW5kIH0gPSB0b2tlbml6ZShbXG4gICAgICBcIlNjcmlwdGluZy5SdW5Qb3dlcnNoZWxsU2NyaXB0LlJ1blBvd2Vyc2hlbGxTY3JpcHQgU2NyaXB0OiAkJycnJHggPSAxXCIsXG4gICAgICAnRU5EJyxcbiAgICAgICcjIG5vdCBhIGNvbW1lbnQnLFxuICAgICAgJ0lGIGl0IFRIRU4nLFxuICAgICAgJyAgLyMgbm90IGEgYmxvY2sgY29tbWVudCcsXG4gICAgICBcIicnJyBTY3JpcHRPdXRwdXQ9PiBPdXRcIixcbiAgICAgICdTRVQgWSBUTyAxJyxcbiAgICBdLmpvaW4oJ1xcbicpKTtcbiAgICBmb3IgKGNvbnN0IG4gb2YgWzEsIDIsIDMsIDRdKSB7XG4gICAgICBmb3IgKGNvbnN0IHQgb2YgbGluZXNbbl0pIHtcbiAgICAgICAgYXNzZXJ0U2NvcGUodCwgJ3N0cmluZy5xdW90ZWQudHJpcGxlLmludGVycG9sYXRlZC5yb2JpbicpO1xuICAgICAgICBhc3NlcnROb1Njb3BlKHQsICdrZXl3b3JkJyk7XG4gICAgICAgIGFzc2VydE5vU2NvcGUodCwgJ2NvbW1lbnQnKTtcbiAgICAgIH1cbiAgICB9XG4gICAgYXNzZXJ0U2NvcGUodG9rKGxpbmVzWzVdLCBcIicnJ1wiKSwgJ3B1bmN0dWF0aW9uLmRlZmluaXRpb24uc3RyaW5nLmVuZC5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayhsaW5lc1s1XSwgJ1NjcmlwdE91dHB1dCcpLCAndmFyaWFibGUucGFyYW1ldGVyLm91dHB1dC5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayhsaW5lc1s2XSwgJ1NFVCcpLCAna2V5d29yZC5jb250cm9sLnJvYmluJyk7XG4gICAgYXNzZXJ0LmVxdWFsKGVuZC5kZXB0aCwgMSwgJ2JhY2sgYXQgdGhlIHRvcCBsZXZlbCcpO1xuICB9KTtcblxuICB0ZXN0KFwiJycnXHUyMDI2JycnIHN0cmluZ3Mgc3BhbiBsaW5lcywga2VlcCBcXFxcJyBlc2NhcGVzIGFuZCBoYXZlIG5vIGludGVycG9sYXRpb25cIiwgKCkgPT4ge1xuICAgIGNvbnN0IHsgbGluZXMgfSA9IHRva2VuaXplKFtcbiAgICAgIFwiQElOUFVUIEluX1R5cGUgOiB7ICdEZXNjcmlwdGlvbic6ICcnJ1RoZSB0eXBlLCBlLmcuIFxcXFwnU2hhcmVQb2ludFxcXFwnXCIsXG4gICAgICAnLSAxMDAlIHN1cmUnLFxuICAgICAgXCJFTkQnJycsICdUeXBlJzogJ1N0cmluZycsICdJc09wdGlvbmFsJzogRmFsc2UsICdEZWZhdWx0VmFsdWUnOiAnJyB9XCIsXG4gICAgXS5qb2luKCdcXG4nKSk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKGxpbmVzWzBdLCAnQElOUFVUJyksICdzdG9yYWdlLnR5cGUucGFyYW1ldGVyLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKGxpbmVzWzBdLCAnSW5fVHlwZScpLCAndmFyaWFibGUub3RoZXIucmVhZHdyaXRlLmRlY2xhcmF0aW9uLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKGxpbmVzWzBdLCBcIlxcXFwnXCIpLCAnY29uc3RhbnQuY2hhcmFjdGVyLmVzY2FwZS5yb2JpbicpO1xuICAgIGZvciAoY29uc3QgdCBvZiBsaW5lc1sxXSkgeyBhc3NlcnRTY29wZSh0LCAnc3RyaW5nLnF1b3RlZC50cmlwbGUucm9iaW4nKTsgYXNzZXJ0Tm9TY29wZSh0LCAnbWV0YS5pbnRlcnBvbGF0aW9uLnJvYmluJyk7IH1cbiAgICBhc3NlcnRTY29wZSh0b2sobGluZXNbMl0sICdFTkQnKSwgJ3N0cmluZy5xdW90ZWQudHJpcGxlLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKGxpbmVzWzJdLCAnRmFsc2UnKSwgJ2NvbnN0YW50Lmxhbmd1YWdlLmJvb2xlYW4ucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sobGluZXNbMl0sICdTdHJpbmcnKSwgJ3N0cmluZy5xdW90ZWQuc2luZ2xlLnJvYmluJyk7XG4gIH0pO1xuXG4gIHRlc3QoXCInXHUyMDI2JyBzdHJpbmdzIHdpdGggXFxcXCcgZXNjYXBlcyBlbmQgb24gdGhlaXIgbGluZVwiLCAoKSA9PiB7XG4gICAgY29uc3QgdG9rcyA9IGFsbCh0b2tlbml6ZShcIlNFVCBFIFRPICdpdFxcXFwncycgKyAnJ1wiKS5saW5lcyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKHRva3MsIFwiXFxcXCdcIiksICdjb25zdGFudC5jaGFyYWN0ZXIuZXNjYXBlLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKHRva3MsICcrJyksICdrZXl3b3JkLm9wZXJhdG9yLmFyaXRobWV0aWMucm9iaW4nKTtcbiAgICBhc3NlcnQuZXF1YWwoY291bnQodG9rcywgJ3B1bmN0dWF0aW9uLmRlZmluaXRpb24uc3RyaW5nLmJlZ2luLnJvYmluJyksIDIsIHNob3codG9rcykpO1xuICB9KTtcblxuICB0ZXN0KFwiJGZ4J1x1MjAyNicgc3RyaW5ncyB3aXRoICR7XHUyMDI2fSBpbnRlcnBvbGF0aW9uXCIsICgpID0+IHtcbiAgICBjb25zdCB0b2tzID0gYWxsKHRva2VuaXplKFwiV2ViQXV0b21hdGlvbi5MYXVuY2hFZGdlLkF0dGFjaFRvRWRnZUJ5VXJsIFRhYlVybDogJGZ4J2h0dHBzOi8veC8ke1BhZ2V9JyBBdHRhY2hUaW1lb3V0OiAkZngnPTInXCIpLmxpbmVzKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ1BhZ2UnKSwgJ21ldGEuaW50ZXJwb2xhdGlvbi5meC5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCAnUGFnZScpLCAnc3RyaW5nLnF1b3RlZC5zaW5nbGUuZngucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ0F0dGFjaFRpbWVvdXQnKSwgJ3ZhcmlhYmxlLnBhcmFtZXRlci5yb2JpbicpO1xuICAgIGFzc2VydE5vU2NvcGUodG9rKHRva3MsICdBdHRhY2hUaW1lb3V0JyksICdzdHJpbmcnKTtcbiAgfSk7XG59KTtcblxuZGVzY3JpYmUoJ3JvYmluIGdyYW1tYXI6IGNvbW1lbnRzIGFuZCBzdHJ1Y3R1cmUnLCAoKSA9PiB7XG4gIHRlc3QoJyMgaW5zaWRlIGEgc3RyaW5nIGlzIG5vdCBhIGNvbW1lbnQ7ICMgYXQgdGhlIHN0YXJ0IG9mIGEgbGluZSBhbmQgYWZ0ZXIgYSBzdGF0ZW1lbnQgaXMnLCAoKSA9PiB7XG4gICAgY29uc3QgeyBsaW5lcyB9ID0gdG9rZW5pemUoW1xuICAgICAgXCJAQHJlZ2lvbkNvbG9yOiAnIzU3RkZFMSdcIixcbiAgICAgIFwiU0VUIFRhZyBUTyAkJycnIzEgIyB0d28nJydcIixcbiAgICAgICcgICAgIyBhIGNvbW1lbnQgd2l0aCAkXFwnXFwnXFwnIGFuZCBFTkQnLFxuICAgICAgJ1NFVCBOIFRPIDEgIyB0cmFpbGluZyBub3RlJyxcbiAgICBdLmpvaW4oJ1xcbicpKTtcbiAgICBhc3NlcnRTY29wZSh0b2sobGluZXNbMF0sICdAQCcpLCAncHVuY3R1YXRpb24uZGVmaW5pdGlvbi5hbm5vdGF0aW9uLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKGxpbmVzWzBdLCAncmVnaW9uQ29sb3InKSwgJ2VudGl0eS5vdGhlci5hdHRyaWJ1dGUtbmFtZS5hbm5vdGF0aW9uLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKGxpbmVzWzBdLCAnIzU3RkZFMScpLCAnc3RyaW5nLnF1b3RlZC5zaW5nbGUucm9iaW4nKTtcbiAgICBmb3IgKGNvbnN0IHQgb2YgbGluZXNbMF0uY29uY2F0KGxpbmVzWzFdKSkgYXNzZXJ0Tm9TY29wZSh0LCAnY29tbWVudCcpO1xuICAgIGFzc2VydFNjb3BlKHRvayhsaW5lc1sxXSwgJyMxICMgdHdvJyksICdzdHJpbmcucXVvdGVkLnRyaXBsZS5pbnRlcnBvbGF0ZWQucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sobGluZXNbMl0sICcjJyksICdjb21tZW50LmxpbmUubnVtYmVyLXNpZ24ucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sobGluZXNbMl0sIFwiIGEgY29tbWVudCB3aXRoICQnJycgYW5kIEVORFwiKSwgJ2NvbW1lbnQubGluZS5udW1iZXItc2lnbi5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayhsaW5lc1szXSwgJyB0cmFpbGluZyBub3RlJyksICdjb21tZW50LmxpbmUubnVtYmVyLXNpZ24ucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sobGluZXNbM10sICcxJyksICdjb25zdGFudC5udW1lcmljLnJvYmluJyk7XG4gIH0pO1xuXG4gIHRlc3QoJy8jIFx1MjAyNiAjLyBibG9jayBjb21tZW50cyBzcGFuIGxpbmVzJywgKCkgPT4ge1xuICAgIGNvbnN0IHsgbGluZXMsIGVuZCB9ID0gdG9rZW5pemUoW1xuICAgICAgJyAgICAvIyBJbml0aWFsaXppbmcgdmFyaWFibGVzLicsXG4gICAgICBcIlNFVCBYIFRPICQnJydub3QgYSBzdHJpbmcnJycgSUYgRU5EXCIsXG4gICAgICAnIy8nLFxuICAgICAgJ1NFVCBZIFRPIDInLFxuICAgIF0uam9pbignXFxuJykpO1xuICAgIGFzc2VydFNjb3BlKHRvayhsaW5lc1swXSwgJy8jJyksICdwdW5jdHVhdGlvbi5kZWZpbml0aW9uLmNvbW1lbnQuYmVnaW4ucm9iaW4nKTtcbiAgICBmb3IgKGNvbnN0IHQgb2YgbGluZXNbMV0pIHsgYXNzZXJ0U2NvcGUodCwgJ2NvbW1lbnQuYmxvY2sucm9iaW4nKTsgYXNzZXJ0Tm9TY29wZSh0LCAnc3RyaW5nJyk7IGFzc2VydE5vU2NvcGUodCwgJ2tleXdvcmQnKTsgfVxuICAgIGFzc2VydFNjb3BlKHRvayhsaW5lc1syXSwgJyMvJyksICdwdW5jdHVhdGlvbi5kZWZpbml0aW9uLmNvbW1lbnQuZW5kLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKGxpbmVzWzNdLCAnU0VUJyksICdrZXl3b3JkLmNvbnRyb2wucm9iaW4nKTtcbiAgICBhc3NlcnROb1Njb3BlKHRvayhsaW5lc1szXSwgJ1NFVCcpLCAnY29tbWVudCcpO1xuICAgIGFzc2VydC5lcXVhbChlbmQuZGVwdGgsIDEpO1xuICB9KTtcblxuICB0ZXN0KCcqKlJFR0lPTiAvICoqRU5EUkVHSU9OLCBAU0VOU0lUSVZFLCBJTVBPUlQgXHUyMDI2IEFTJywgKCkgPT4ge1xuICAgIGNvbnN0IHsgbGluZXMgfSA9IHRva2VuaXplKFtcbiAgICAgIFwiSU1QT1JUICdjb250cm9sUmVwby5hcHBtYXNrJyBBUyBhcHBtYXNrXCIsXG4gICAgICAnQFNFTlNJVElWRTogW091dHB1dF9NZXNzYWdlLCBJbl9QYXNzd29yZF0nLFxuICAgICAgJyAgICAqKlJFR0lPTiBJbml0aWFsaXppbmcgdmFyaWFibGVzJyxcbiAgICAgICcgICAgKipFTkRSRUdJT04nLFxuICAgIF0uam9pbignXFxuJykpO1xuICAgIGFzc2VydFNjb3BlKHRvayhsaW5lc1swXSwgJ0lNUE9SVCcpLCAna2V5d29yZC5jb250cm9sLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKGxpbmVzWzBdLCAnQVMnKSwgJ2tleXdvcmQuY29udHJvbC5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayhsaW5lc1sxXSwgJ0BTRU5TSVRJVkUnKSwgJ3N0b3JhZ2UubW9kaWZpZXIuc2Vuc2l0aXZlLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKGxpbmVzWzFdLCAnSW5fUGFzc3dvcmQnKSwgJ3ZhcmlhYmxlLm90aGVyLnJlYWR3cml0ZS5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayhsaW5lc1syXSwgJyoqUkVHSU9OJyksICdrZXl3b3JkLm90aGVyLnJlZ2lvbi5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayhsaW5lc1syXSwgJ0luaXRpYWxpemluZyB2YXJpYWJsZXMnKSwgJ2VudGl0eS5uYW1lLnNlY3Rpb24ucmVnaW9uLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKGxpbmVzWzNdLCAnKipFTkRSRUdJT04nKSwgJ2tleXdvcmQub3RoZXIucmVnaW9uLnJvYmluJyk7XG4gIH0pO1xuXG4gIHRlc3QoJ3RoZSBjbGlwYm9hcmQgdHJhaWxlciBzd2l0Y2hlcyB0aGUgcmVzdCBvZiB0aGUgZmlsZSB0byBKU09OJywgKCkgPT4ge1xuICAgIGNvbnN0IHsgbGluZXMgfSA9IHRva2VuaXplKFtcbiAgICAgICdXZWJBdXRvbWF0aW9uLkNsb3NlV2ViQnJvd3NlciBCcm93c2VySW5zdGFuY2U6IEJyb3dzZXInLFxuICAgICAgJycsXG4gICAgICAnIyBbQ29udHJvbFJlcG9zaXRvcnldW1Bvd2VyQXV0b21hdGVEZXNrdG9wXScsXG4gICAgICAnJyxcbiAgICAgICd7JyxcbiAgICAgICcgIFwiQ29udHJvbFJlcG9zaXRvcnlTeW1ib2xzXCI6IFsgeyBcIk5hbWVcIjogXCJhcHBtYXNrXCIsIFwiSUZcIjogXCJTRVQgWCBUTyAkXFwnXFwnXFwnXCIgfSBdLCcsXG4gICAgICAnICBcIlZlcnNpb25cIjogMScsXG4gICAgICAnfScsXG4gICAgICAnU0VUIE5vdFJvYmluIFRPIDEnLFxuICAgIF0uam9pbignXFxuJykpO1xuICAgIGFzc2VydFNjb3BlKHRvayhsaW5lc1syXSwgJyMgW0NvbnRyb2xSZXBvc2l0b3J5XVtQb3dlckF1dG9tYXRlRGVza3RvcF0nKSwgJ2NvbW1lbnQubGluZS5udW1iZXItc2lnbi50cmFpbGVyLnJvYmluJyk7XG4gICAgY29uc3Qga2V5ID0gdG9rKGxpbmVzWzVdLCAnXCJDb250cm9sUmVwb3NpdG9yeVN5bWJvbHNcIicpO1xuICAgIGFzc2VydFNjb3BlKGtleSwgJ21ldGEuZW1iZWRkZWQuYmxvY2suanNvbicpO1xuICAgIGFzc2VydFNjb3BlKGtleSwgJ3N0cmluZy5xdW90ZWQuZG91YmxlLmpzb24nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sobGluZXNbNV0sICdcIlNFVCBYIFRPICRcXCdcXCdcXCdcIicpLCAnc3RyaW5nLnF1b3RlZC5kb3VibGUuanNvbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayhsaW5lc1s2XSwgJzEnKSwgJ2NvbnN0YW50Lm51bWVyaWMuanNvbicpO1xuICAgIC8vIEFmdGVyIHRoZSB0cmFpbGVyIG5vdGhpbmcgaXMgUm9iaW4gYW55IG1vcmUsIGV2ZW4gdGV4dCB0aGF0IGxvb2tzIGxpa2UgYSBzdGF0ZW1lbnQuXG4gICAgZm9yIChjb25zdCB0IG9mIGxpbmVzLnNsaWNlKDMpLmZsYXQoKSkge1xuICAgICAgYXNzZXJ0U2NvcGUodCwgJ21ldGEuZW1iZWRkZWQuYmxvY2suanNvbicpO1xuICAgICAgYXNzZXJ0Lm9rKCF0LnNjb3Blcy5zbGljZSgxKS5zb21lKHMgPT4gcy5lbmRzV2l0aCgnLnJvYmluJykpLCBgJHtKU09OLnN0cmluZ2lmeSh0LnRleHQpfSBoYXMgYSBSb2JpbiBzY29wZTogJHt0LnNjb3Blcy5qb2luKCcgJyl9YCk7XG4gICAgfVxuICB9KTtcblxuICB0ZXN0KCdhICMgbGluZSB0aGF0IG9ubHkgcmVzZW1ibGVzIHRoZSB0cmFpbGVyIGlzIGFuIG9yZGluYXJ5IGNvbW1lbnQnLCAoKSA9PiB7XG4gICAgY29uc3QgeyBsaW5lcyB9ID0gdG9rZW5pemUoJyMgW0NvbnRyb2xSZXBvc2l0b3J5XSBpcyB3aGVyZSBVSSBlbGVtZW50cyBsaXZlXFxuU0VUIFggVE8gMScpO1xuICAgIGFzc2VydFNjb3BlKHRvayhsaW5lc1swXSwgJyMnKSwgJ2NvbW1lbnQubGluZS5udW1iZXItc2lnbi5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayhsaW5lc1sxXSwgJ1NFVCcpLCAna2V5d29yZC5jb250cm9sLnJvYmluJyk7XG4gIH0pO1xufSk7XG5cbmRlc2NyaWJlKCdyb2JpbiBncmFtbWFyOiBzdGF0ZW1lbnRzJywgKCkgPT4ge1xuICB0ZXN0KCdhY3Rpb24gaWQsIGFyZ3VtZW50IG5hbWVzLCBAbmFtZSBhbmQgQFxcJ3F1b3RlZFxcJyBhcmd1bWVudHMsIG91dHB1dHMnLCAoKSA9PiB7XG4gICAgY29uc3QgdG9rcyA9IGFsbCh0b2tlbml6ZShcbiAgICAgIFwiICAgIEV4dGVybmFsLkludm9rZUNsb3VkQ29ubmVjdG9yIENvbm5lY3Rpb246ICcwMWIwJyBAb3JnYW5pemF0aW9uOiBJbnB1dF9BZGRyZXNzIEAnJGZpbHRlcic6ICQnJyd4JycnIFRpbWVvdXQ6IDYwIEBHZXRJdGVtc1Jlc3BvbnNlPT4gUmVzcG9uc2UgUmVzdWx0PT4gVGFibGVfU1BSZXN1bHRcIixcbiAgICApLmxpbmVzKTtcbiAgICBmb3IgKGNvbnN0IGlkIG9mIFsnRXh0ZXJuYWwnLCAnSW52b2tlQ2xvdWRDb25uZWN0b3InXSkgYXNzZXJ0U2NvcGUodG9rKHRva3MsIGlkKSwgJ2VudGl0eS5uYW1lLmZ1bmN0aW9uLmFjdGlvbi5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCAnQ29ubmVjdGlvbicpLCAndmFyaWFibGUucGFyYW1ldGVyLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKHRva3MsICdvcmdhbml6YXRpb24nKSwgJ3ZhcmlhYmxlLnBhcmFtZXRlci5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCBcIickZmlsdGVyJ1wiKSwgJ3ZhcmlhYmxlLnBhcmFtZXRlci5xdW90ZWQucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ0lucHV0X0FkZHJlc3MnKSwgJ3ZhcmlhYmxlLm90aGVyLnJlYWR3cml0ZS5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCAnNjAnKSwgJ2NvbnN0YW50Lm51bWVyaWMucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ0dldEl0ZW1zUmVzcG9uc2UnKSwgJ3ZhcmlhYmxlLnBhcmFtZXRlci5vdXRwdXQucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJz0+JyksICdrZXl3b3JkLm9wZXJhdG9yLm91dHB1dC5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCAnUmVzcG9uc2UnKSwgJ3ZhcmlhYmxlLm90aGVyLnJlYWR3cml0ZS5vdXRwdXQucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ1RhYmxlX1NQUmVzdWx0JyksICd2YXJpYWJsZS5vdGhlci5yZWFkd3JpdGUub3V0cHV0LnJvYmluJyk7XG4gIH0pO1xuXG4gIHRlc3QoJ01vZHVsZS5BY3Rpb24uU2VsZWN0b3IsIGVudW0gdmFsdWVzLCBib29sZWFucyBhbmQgYXBwbWFzayByZWZlcmVuY2VzJywgKCkgPT4ge1xuICAgIGNvbnN0IHRva3MgPSBhbGwodG9rZW5pemUoXG4gICAgICBcIldlYkF1dG9tYXRpb24uUG9wdWxhdGVUZXh0RmllbGQuUG9wdWxhdGVUZXh0RmllbGQgQnJvd3Nlckluc3RhbmNlOiBCcm93c2VyIENvbnRyb2w6IGFwcG1hc2tbJ1dpbmRvdyBcXFxcJ1VudGl0bGVkXFxcXCcnXVsnVHh0X05hbWUnXSBFbXVsYXRlVHlwaW5nOiBGYWxzZSBNb2RlOiBXZWJBdXRvbWF0aW9uLlBvcHVsYXRlVGV4dE1vZGUuUmVwbGFjZVwiLFxuICAgICkubGluZXMpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCAnV2ViQXV0b21hdGlvbicpLCAnZW50aXR5Lm5hbWUuZnVuY3Rpb24uYWN0aW9uLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKHRva3MsICdQb3B1bGF0ZVRleHRGaWVsZCcsIDEpLCAnZW50aXR5Lm5hbWUuZnVuY3Rpb24uYWN0aW9uLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKHRva3MsICdhcHBtYXNrJyksICdzdXBwb3J0LnZhcmlhYmxlLnJlcG9zaXRvcnkucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ1R4dF9OYW1lJyksICdzdHJpbmcucXVvdGVkLnNpbmdsZS5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCAnVHh0X05hbWUnKSwgJ21ldGEudWktZWxlbWVudC5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCAnRmFsc2UnKSwgJ2NvbnN0YW50Lmxhbmd1YWdlLmJvb2xlYW4ucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ1dlYkF1dG9tYXRpb24nLCAxKSwgJ3N1cHBvcnQudHlwZS5lbnVtLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKHRva3MsICdSZXBsYWNlJyksICdzdXBwb3J0LmNvbnN0YW50LmVudW0ucm9iaW4nKTtcbiAgfSk7XG5cbiAgdGVzdCgnYSBjb25kaXRpb24gYWN0aW9uIGluc2lkZSBJRiAoXHUyMDI2KSAvIFdBSVQgKFx1MjAyNikgaXMgYW4gYWN0aW9uIGlkJywgKCkgPT4ge1xuICAgIGNvbnN0IHRva3MgPSBhbGwodG9rZW5pemUoXCJJRiAoRm9sZGVyLklmRm9sZGVyRXhpc3RzLkRvZXNOb3RFeGlzdCBQYXRoOiAkJycnQzpcXFxcXFxcXExhYnMnJycpIFRIRU5cXG5XQUlUIChVSUF1dG9tYXRpb24uV2FpdEZvcldpbmRvdy5Ub09wZW5CeVRpdGxlQ2xhc3MgVGl0bGU6ICQnJydHKicnJykgRk9SIDMwXCIpLmxpbmVzKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ0lmRm9sZGVyRXhpc3RzJyksICdlbnRpdHkubmFtZS5mdW5jdGlvbi5hY3Rpb24ucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ1dhaXRGb3JXaW5kb3cnKSwgJ2VudGl0eS5uYW1lLmZ1bmN0aW9uLmFjdGlvbi5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCAnUGF0aCcpLCAndmFyaWFibGUucGFyYW1ldGVyLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKHRva3MsICdGT1InKSwgJ2tleXdvcmQuY29udHJvbC5yb2JpbicpO1xuICB9KTtcblxuICB0ZXN0KCdrZXl3b3JkcyBhcmUgY2FzZS1pbnNlbnNpdGl2ZScsICgpID0+IHtcbiAgICBjb25zdCB7IGxpbmVzIH0gPSB0b2tlbml6ZShbXG4gICAgICAnc2V0IHggdG8gMScsXG4gICAgICAnSWYgWCA9IDEgVGhlbicsXG4gICAgICAnICBsb29wIGZvcmVhY2ggSXRlbSBpbiBJdGVtcycsXG4gICAgICAnICBFbkQnLFxuICAgICAgJ2Vsc2UnLFxuICAgICAgJ0VuZCcsXG4gICAgICAnQmxvY2sgUmV0cnknLFxuICAgICAgJ29uIGJsb2NrIGVycm9yIGFsbCcsXG4gICAgICAnZW5kJyxcbiAgICAgICdmdW5jdGlvbiBNYWluIGdsb2JhbCcsXG4gICAgICAnZW5kIGZ1bmN0aW9uJyxcbiAgICAgICdjYWxsIE1haW4nLFxuICAgICAgJ2dvdG8gRG9uZScsXG4gICAgICAnbGFiZWwgRG9uZScsXG4gICAgICAnZXhpdCBsb29wJyxcbiAgICBdLmpvaW4oJ1xcbicpKTtcbiAgICBjb25zdCB3b3JkcyA9IFsnc2V0JywgJ3RvJywgJ0lmJywgJ1RoZW4nLCAnbG9vcCcsICdmb3JlYWNoJywgJ2luJywgJ0VuRCcsICdlbHNlJywgJ0VuZCcsICdCbG9jaycsICdvbicsICdibG9jaycsICdlcnJvcicsXG4gICAgICAnZW5kJywgJ2Z1bmN0aW9uJywgJ2dsb2JhbCcsICdjYWxsJywgJ2dvdG8nLCAnbGFiZWwnLCAnZXhpdCcsICdsb29wJ107XG4gICAgY29uc3QgdG9rcyA9IGFsbChsaW5lcyk7XG4gICAgZm9yIChjb25zdCB3IG9mIHdvcmRzKSB7XG4gICAgICBjb25zdCBmb3VuZCA9IHRva3MuZmlsdGVyKHQgPT4gdC50ZXh0ID09PSB3KTtcbiAgICAgIGFzc2VydC5vayhmb3VuZC5sZW5ndGgsIGBrZXl3b3JkICR7d30gbm90IHRva2VuaXplZCBvbiBpdHMgb3duOlxcbiR7c2hvdyh0b2tzKX1gKTtcbiAgICAgIGZvciAoY29uc3QgdCBvZiBmb3VuZCkgYXNzZXJ0Lm9rKGhhcyh0LCAna2V5d29yZC5jb250cm9sLnJvYmluJykgfHwgaGFzKHQsICdzdG9yYWdlLm1vZGlmaWVyLnJvYmluJyksIGAke3d9IChsaW5lICR7dC5saW5lfSk6ICR7dC5zY29wZXMuam9pbignICcpfWApO1xuICAgIH1cbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ01haW4nKSwgJ2VudGl0eS5uYW1lLmZ1bmN0aW9uLnN1YmZsb3cucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ0RvbmUnKSwgJ2VudGl0eS5uYW1lLmxhYmVsLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKHRva3MsICd4JyksICd2YXJpYWJsZS5vdGhlci5yZWFkd3JpdGUucm9iaW4nKTtcbiAgfSk7XG5cbiAgdGVzdCgnb3BlcmF0b3JzIEFORCBPUiBOT1QgbW9kIGFuZCBjb21wYXJpc29ucycsICgpID0+IHtcbiAgICBjb25zdCB0b2tzID0gYWxsKHRva2VuaXplKCdJRiBOT1QoSXNFbXB0eShBKSkgYW5kIEIgbW9kIDIgPD4gMCBPUiBDID49IC0xLjUgVEhFTicpLmxpbmVzKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ05PVCcpLCAna2V5d29yZC5vcGVyYXRvci5sb2dpY2FsLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKHRva3MsICdhbmQnKSwgJ2tleXdvcmQub3BlcmF0b3IubG9naWNhbC5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCAnT1InKSwgJ2tleXdvcmQub3BlcmF0b3IubG9naWNhbC5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCAnbW9kJyksICdrZXl3b3JkLm9wZXJhdG9yLmFyaXRobWV0aWMucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJzw+JyksICdrZXl3b3JkLm9wZXJhdG9yLmNvbXBhcmlzb24ucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ0lzRW1wdHknKSwgJ3N1cHBvcnQuZnVuY3Rpb24uYnVpbHRpbi5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCAnLTEuNScpLCAnY29uc3RhbnQubnVtZXJpYy5yb2JpbicpO1xuICB9KTtcblxuICB0ZXN0KCdhbiBhcmd1bWVudCBuYW1lZCBsaWtlIGEga2V5d29yZCAoRnJvbTosIFRvOikgaXMgYW4gYXJndW1lbnQsIG5vdCBhIGtleXdvcmQnLCAoKSA9PiB7XG4gICAgY29uc3QgdG9rcyA9IGFsbCh0b2tlbml6ZShcIkVtYWlsLlNlbmRFbWFpbC5TZW5kIEZyb206ICQnJydhJycnIFNlbmRUbzogQiBTdWJqZWN0OiBTXCIpLmxpbmVzKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ0Zyb20nKSwgJ3ZhcmlhYmxlLnBhcmFtZXRlci5yb2JpbicpO1xuICAgIGFzc2VydE5vU2NvcGUodG9rKHRva3MsICdGcm9tJyksICdrZXl3b3JkJyk7XG4gIH0pO1xuXG4gIHRlc3QoJ0VSUk9SID0+IFZhciBhbmQgRElTQUJMRScsICgpID0+IHtcbiAgICBjb25zdCB0b2tzID0gYWxsKHRva2VuaXplKCdFUlJPUiA9PiBMYXN0RXJyb3IgUmVzZXQ6IFRydWVcXG5ESVNBQkxFIEZvbGRlci5DcmVhdGUgRm9sZGVyUGF0aDogUCcpLmxpbmVzKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ0VSUk9SJyksICdrZXl3b3JkLmNvbnRyb2wucm9iaW4nKTtcbiAgICBhc3NlcnRTY29wZSh0b2sodG9rcywgJ0xhc3RFcnJvcicpLCAndmFyaWFibGUub3RoZXIucmVhZHdyaXRlLm91dHB1dC5yb2JpbicpO1xuICAgIGFzc2VydFNjb3BlKHRvayh0b2tzLCAnRElTQUJMRScpLCAna2V5d29yZC5jb250cm9sLnJvYmluJyk7XG4gICAgYXNzZXJ0U2NvcGUodG9rKHRva3MsICdDcmVhdGUnKSwgJ2VudGl0eS5uYW1lLmZ1bmN0aW9uLmFjdGlvbi5yb2JpbicpO1xuICB9KTtcbn0pO1xuXG4vLyAtLS0tIGxhbmd1YWdlIGNvbmZpZ3VyYXRpb24gYW5kIHRoZSBwYWNrYWdlIG1hbmlmZXN0IC0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLVxuZGVzY3JpYmUoJ3JvYmluIGxhbmd1YWdlIGNvbmZpZ3VyYXRpb24nLCAoKSA9PiB7XG4gIGNvbnN0IGNvbmZpZyA9IEpTT04ucGFyc2UocmVhZEZpbGVTeW5jKGpvaW4ocm9vdCwgJ2xhbmd1YWdlLWNvbmZpZ3VyYXRpb24uanNvbicpLCAndXRmOCcpKTtcbiAgY29uc3QgcnggPSAocjogc3RyaW5nIHwgeyBwYXR0ZXJuOiBzdHJpbmc7IGZsYWdzPzogc3RyaW5nIH0pID0+IHR5cGVvZiByID09PSAnc3RyaW5nJyA/IG5ldyBSZWdFeHAocikgOiBuZXcgUmVnRXhwKHIucGF0dGVybiwgci5mbGFncyk7XG5cbiAgdGVzdCgnY29tbWVudHMsIGJyYWNrZXRzIGFuZCBhdXRvLWNsb3NpbmcgcGFpcnMnLCAoKSA9PiB7XG4gICAgYXNzZXJ0LmVxdWFsKGNvbmZpZy5jb21tZW50cy5saW5lQ29tbWVudCwgJyMnKTtcbiAgICBhc3NlcnQuZGVlcEVxdWFsKGNvbmZpZy5jb21tZW50cy5ibG9ja0NvbW1lbnQsIFsnLyMnLCAnIy8nXSk7XG4gICAgY29uc3QgcGFpcnMgPSBjb25maWcuYXV0b0Nsb3NpbmdQYWlycy5tYXAoKHA6IHsgb3Blbjogc3RyaW5nOyBjbG9zZTogc3RyaW5nIH0pID0+IHAub3BlbiArIHAuY2xvc2UpO1xuICAgIGZvciAoY29uc3QgcCBvZiBbJ3t9JywgJ1tdJywgJygpJywgXCInJ1wiLCBcIiQnJycnJydcIl0pIGFzc2VydC5vayhwYWlycy5pbmNsdWRlcyhwKSwgYGF1dG8tY2xvc2luZyBwYWlyICR7cH1gKTtcbiAgfSk7XG5cbiAgdGVzdCgnaW5kZW50YXRpb24gcnVsZXMnLCAoKSA9PiB7XG4gICAgY29uc3QgaW5jID0gcngoY29uZmlnLmluZGVudGF0aW9uUnVsZXMuaW5jcmVhc2VJbmRlbnRQYXR0ZXJuKTtcbiAgICBjb25zdCBkZWMgPSByeChjb25maWcuaW5kZW50YXRpb25SdWxlcy5kZWNyZWFzZUluZGVudFBhdHRlcm4pO1xuICAgIGZvciAoY29uc3QgbCBvZiBbJ0lGIEEgPSAxIFRIRU4nLCAnICAgIGlmIChGaWxlLklmRmlsZS5FeGlzdHMgRmlsZTogRikgdGhlbicsICdFTFNFJywgJ1NXSVRDSCBYJywgJyAgQ0FTRSA9IDEnLCAnREVGQVVMVCcsXG4gICAgICAnTE9PUCBGT1JFQUNIIEkgSU4gTCcsICdMT09QIFdISUxFIEEgPCAzJywgJ0JMT0NLIFJldHJ5JywgJ09OIEJMT0NLIEVSUk9SIGFsbCcsICdPTiBFUlJPUiBUaW1lb3V0RXJyb3InLCAnRlVOQ1RJT04gTWFpbiBHTE9CQUwnXSkge1xuICAgICAgYXNzZXJ0Lm9rKGluYy50ZXN0KGwpLCBgaW5jcmVhc2UgYWZ0ZXIgJHtKU09OLnN0cmluZ2lmeShsKX1gKTtcbiAgICB9XG4gICAgZm9yIChjb25zdCBsIG9mIFsnU0VUIElGRlkgVE8gMScsICdGb2xkZXIuQ3JlYXRlIEZvbGRlclBhdGg6IFAnLCAnRU5EJywgJ0VYSVQgTE9PUCddKSBhc3NlcnQub2soIWluYy50ZXN0KGwpLCBgbm8gaW5jcmVhc2UgYWZ0ZXIgJHtKU09OLnN0cmluZ2lmeShsKX1gKTtcbiAgICBmb3IgKGNvbnN0IGwgb2YgWydFTkQnLCAnICBlbmQgZnVuY3Rpb24nLCAnRUxTRScsICdFTFNFIElGIEEgVEhFTicsICdPTiBCTE9DSyBFUlJPUiddKSBhc3NlcnQub2soZGVjLnRlc3QobCksIGBkZWNyZWFzZSBvbiAke0pTT04uc3RyaW5naWZ5KGwpfWApO1xuICAgIGZvciAoY29uc3QgbCBvZiBbJ0VORElORyA9IDEnLCAnU0VUIEVORF9YIFRPIDEnXSkgYXNzZXJ0Lm9rKCFkZWMudGVzdChsKSwgYG5vIGRlY3JlYXNlIG9uICR7SlNPTi5zdHJpbmdpZnkobCl9YCk7XG4gIH0pO1xuXG4gIHRlc3QoJ2ZvbGRpbmcgbWFya2VycyBmb3IgKipSRUdJT04gLyAqKkVORFJFR0lPTicsICgpID0+IHtcbiAgICBhc3NlcnQub2socngoY29uZmlnLmZvbGRpbmcubWFya2Vycy5zdGFydCkudGVzdCgnICAgICoqUkVHSU9OIExvZ2dlcicpKTtcbiAgICBhc3NlcnQub2socngoY29uZmlnLmZvbGRpbmcubWFya2Vycy5lbmQpLnRlc3QoJyAgICAqKkVORFJFR0lPTicpKTtcbiAgICBhc3NlcnQub2soIXJ4KGNvbmZpZy5mb2xkaW5nLm1hcmtlcnMuc3RhcnQpLnRlc3QoJyAgICAqKkVORFJFR0lPTicpKTtcbiAgfSk7XG5cbiAgdGVzdCgncGFja2FnZS5qc29uIGNvbnRyaWJ1dGVzIHRoZSBsYW5ndWFnZSBhbmQgZ3JhbW1hciB3aXRoIGZpbGVzIHRoYXQgZXhpc3QnLCAoKSA9PiB7XG4gICAgY29uc3QgcGtnID0gSlNPTi5wYXJzZShyZWFkRmlsZVN5bmMoam9pbihyb290LCAncGFja2FnZS5qc29uJyksICd1dGY4JykpO1xuICAgIGNvbnN0IGxhbmcgPSBwa2cuY29udHJpYnV0ZXM/Lmxhbmd1YWdlcz8uZmluZCgobDogeyBpZDogc3RyaW5nIH0pID0+IGwuaWQgPT09ICdyb2JpbicpO1xuICAgIGFzc2VydC5vayhsYW5nLCAnbGFuZ3VhZ2Ugcm9iaW4gY29udHJpYnV0ZWQnKTtcbiAgICBhc3NlcnQub2sobGFuZy5leHRlbnNpb25zLmluY2x1ZGVzKCcucm9iaW4nKSk7XG4gICAgYXNzZXJ0Lm9rKGV4aXN0c1N5bmMoam9pbihyb290LCBsYW5nLmNvbmZpZ3VyYXRpb24pKSwgbGFuZy5jb25maWd1cmF0aW9uKTtcbiAgICBjb25zdCBnciA9IHBrZy5jb250cmlidXRlcz8uZ3JhbW1hcnM/LmZpbmQoKGc6IHsgbGFuZ3VhZ2U6IHN0cmluZyB9KSA9PiBnLmxhbmd1YWdlID09PSAncm9iaW4nKTtcbiAgICBhc3NlcnQub2soZ3IsICdncmFtbWFyIGNvbnRyaWJ1dGVkJyk7XG4gICAgYXNzZXJ0LmVxdWFsKGdyLnNjb3BlTmFtZSwgJ3NvdXJjZS5yb2JpbicpO1xuICAgIGFzc2VydC5vayhleGlzdHNTeW5jKGpvaW4ocm9vdCwgZ3IucGF0aCkpLCBnci5wYXRoKTtcbiAgICBhc3NlcnQuZXF1YWwoZ3IuZW1iZWRkZWRMYW5ndWFnZXM/LlsnbWV0YS5lbWJlZGRlZC5ibG9jay5qc29uJ10sICdqc29uJyk7XG4gIH0pO1xufSk7XG5cbi8vIC0tLS0gdGhlIHJlYWwgY29ycHVzIC0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLVxuZnVuY3Rpb24gY29ycHVzU2NyaXB0cygpOiBzdHJpbmdbXSB7XG4gIGNvbnN0IGZpbGVzOiBzdHJpbmdbXSA9IFtdO1xuICBjb25zdCB3YWxrID0gKGRpcjogc3RyaW5nLCBrZWVwOiAoZjogc3RyaW5nKSA9PiBib29sZWFuKSA9PiB7XG4gICAgaWYgKCFleGlzdHNTeW5jKGRpcikpIHJldHVybjtcbiAgICBmb3IgKGNvbnN0IG5hbWUgb2YgcmVhZGRpclN5bmMoZGlyKSkge1xuICAgICAgY29uc3QgcCA9IGpvaW4oZGlyLCBuYW1lKTtcbiAgICAgIGlmIChzdGF0U3luYyhwKS5pc0RpcmVjdG9yeSgpKSB3YWxrKHAsIGtlZXApOyBlbHNlIGlmIChrZWVwKHApKSBmaWxlcy5wdXNoKHApO1xuICAgIH1cbiAgfTtcbiAgd2Fsayhqb2luKGNvcnB1cywgJ3BhZC1zY3JpcHRzJyksIGYgPT4gL1xcLihyb2Jpbnx0eHQpJC8udGVzdChmKSk7XG4gIHdhbGsoam9pbihjb3JwdXMsICdzb2x1dGlvbnMnLCAnQWduaXVzQmFydG5pbmthc19fcG93ZXItYXV0b21hdGUtZGVza3RvcC1mcmFtZXdvcmsnLCAnc3JjJywgJ2Zsb3dzJyksIGYgPT4gZi5lbmRzV2l0aCgnLnR4dCcpKTtcbiAgcmV0dXJuIGZpbGVzO1xufVxuXG4vKipcbiAqIFByb2JsZW1zIGF0IHRoZSBlbmQgb2YgYSBkb2N1bWVudDogdGhlIHN0YXRlIGFmdGVyIHRoZSBsYXN0IGxpbmUgbXVzdCBiZSB0aGUgdG9wIGxldmVsLCBvciB0aGUgSlNPTlxuICogdG9wIGxldmVsIHdoZW4gdGhlIGRvY3VtZW50IGhhcyBhIGNsaXBib2FyZCB0cmFpbGVyLiBBbnl0aGluZyBkZWVwZXIgaXMgYW4gdW50ZXJtaW5hdGVkIHN0cmluZyBvciBjb21tZW50LlxuICovXG5mdW5jdGlvbiB1bnRlcm1pbmF0ZWQodGV4dDogc3RyaW5nKTogc3RyaW5nIHwgdW5kZWZpbmVkIHtcbiAgbGV0IHN0YXRlID0gdnNjdG0uSU5JVElBTDtcbiAgbGV0IGV4cGVjdGVkID0gMTtcbiAgZm9yIChjb25zdCBsaW5lIG9mIHRleHQucmVwbGFjZSgvXlxcdUZFRkYvLCAnJykuc3BsaXQoL1xccj9cXG4vKSkge1xuICAgIHN0YXRlID0gZ3JhbW1hci50b2tlbml6ZUxpbmUobGluZSwgc3RhdGUpLnJ1bGVTdGFjaztcbiAgICBpZiAoL15cXHMqI1xccypcXFtDb250cm9sUmVwb3NpdG9yeVxcXVxcW1Bvd2VyQXV0b21hdGVEZXNrdG9wXFxdXFxzKiQvLnRlc3QobGluZSkpIGV4cGVjdGVkID0gc3RhdGUuZGVwdGg7XG4gIH1cbiAgaWYgKHN0YXRlLmRlcHRoID09PSBleHBlY3RlZCkgcmV0dXJuIHVuZGVmaW5lZDtcbiAgY29uc3QgcHJvYmUgPSBncmFtbWFyLnRva2VuaXplTGluZSgnU0VUIFByb2JlIFRPIDEnLCBzdGF0ZSkudG9rZW5zWzBdO1xuICByZXR1cm4gYGVuZHMgJHtzdGF0ZS5kZXB0aCAtIGV4cGVjdGVkfSBsZXZlbChzKSBkZWVwLCBpbiAke3Byb2JlLnNjb3Blcy5zbGljZSgxKS5qb2luKCcgJyl9YDtcbn1cblxuZGVzY3JpYmUoJ3JvYmluIGdyYW1tYXI6IGNvcnB1cycsICgpID0+IHtcbiAgdGVzdCgndGhlIGVuZC1vZi1maWxlIGNoZWNrIGNhdGNoZXMgdW50ZXJtaW5hdGVkIHN0cmluZ3MgYW5kIGNvbW1lbnRzJywgKCkgPT4ge1xuICAgIGFzc2VydC5lcXVhbCh1bnRlcm1pbmF0ZWQoXCJTRVQgQSBUTyAkJycneCcnJ1xcblwiKSwgdW5kZWZpbmVkKTtcbiAgICBhc3NlcnQubWF0Y2godW50ZXJtaW5hdGVkKFwiU0VUIEEgVE8gJCcnJ3hcXG5TRVQgQiBUTyAxXCIpID8/ICcnLCAvc3RyaW5nXFwucXVvdGVkXFwudHJpcGxlXFwuaW50ZXJwb2xhdGVkXFwucm9iaW4vKTtcbiAgICBhc3NlcnQubWF0Y2godW50ZXJtaW5hdGVkKFwiQElOUFVUIFggOiB7ICdEZXNjcmlwdGlvbic6ICcnJ3hcXG5cIikgPz8gJycsIC9zdHJpbmdcXC5xdW90ZWRcXC50cmlwbGVcXC5yb2Jpbi8pO1xuICAgIGFzc2VydC5tYXRjaCh1bnRlcm1pbmF0ZWQoJy8jIG9wZW5cXG5TRVQgQiBUTyAxJykgPz8gJycsIC9jb21tZW50XFwuYmxvY2tcXC5yb2Jpbi8pO1xuICAgIGFzc2VydC5tYXRjaCh1bnRlcm1pbmF0ZWQoJyMgW0NvbnRyb2xSZXBvc2l0b3J5XVtQb3dlckF1dG9tYXRlRGVza3RvcF1cXG57IFwiYVwiOiBbMSwgMicpID8/ICcnLCAvbWV0YVxcLnN0cnVjdHVyZS8pO1xuICAgIGFzc2VydC5lcXVhbCh1bnRlcm1pbmF0ZWQoJyMgW0NvbnRyb2xSZXBvc2l0b3J5XVtQb3dlckF1dG9tYXRlRGVza3RvcF1cXG57IFwiYVwiOiBbMSwgMl0gfScpLCB1bmRlZmluZWQpO1xuICB9KTtcblxuICB0ZXN0KCdubyBjb3JwdXMgc2NyaXB0IGVuZHMgaW5zaWRlIGFuIHVudGVybWluYXRlZCBzdHJpbmcgb3IgY29tbWVudCcsIHQgPT4ge1xuICAgIGlmICghZXhpc3RzU3luYyhjb3JwdXMpKSB7IHQuc2tpcChgY29ycHVzIG5vdCBmb3VuZCBhdCAke2NvcnB1c30gKC4uL3NoYXJlZC9jb3JwdXMgYmVzaWRlIHRoZSBjaGVja291dCk7IHNraXBwZWRgKTsgcmV0dXJuOyB9XG4gICAgY29uc3QgZmlsZXMgPSBjb3JwdXNTY3JpcHRzKCk7XG4gICAgYXNzZXJ0Lm9rKGZpbGVzLmxlbmd0aCA+PSAyMCwgYGV4cGVjdGVkIHRoZSBjb3JwdXMgc2NyaXB0cywgZm91bmQgJHtmaWxlcy5sZW5ndGh9YCk7XG4gICAgY29uc3QgcHJvYmxlbXMgPSBmaWxlcy5tYXAoZiA9PiBbZiwgdW50ZXJtaW5hdGVkKHJlYWRGaWxlU3luYyhmLCAndXRmOCcpKV0gYXMgY29uc3QpLmZpbHRlcigoWywgcF0pID0+IHApO1xuICAgIGFzc2VydC5kZWVwRXF1YWwocHJvYmxlbXMubWFwKChbZiwgcF0pID0+IGAke3JlbGF0aXZlKGNvcnB1cywgZil9OiAke3B9YCksIFtdKTtcbiAgfSk7XG5cbiAgdGVzdCgnY29ycHVzOiBldmVyeSBhY3Rpb24gbGluZSBzdGFydHMgd2l0aCBhbiBhY3Rpb24gaWQgYW5kIG5vIHN0YXRlbWVudCBsaW5lIGlzIGxlZnQgdW5zY29wZWQnLCB0ID0+IHtcbiAgICBpZiAoIWV4aXN0c1N5bmMoY29ycHVzKSkgeyB0LnNraXAoYGNvcnB1cyBub3QgZm91bmQgYXQgJHtjb3JwdXN9OyBza2lwcGVkYCk7IHJldHVybjsgfVxuICAgIGNvbnN0IGJhZDogc3RyaW5nW10gPSBbXTtcbiAgICBmb3IgKGNvbnN0IGYgb2YgY29ycHVzU2NyaXB0cygpKSB7XG4gICAgICBsZXQgc3RhdGUgPSB2c2N0bS5JTklUSUFMO1xuICAgICAgZm9yIChjb25zdCBsaW5lIG9mIHJlYWRGaWxlU3luYyhmLCAndXRmOCcpLnJlcGxhY2UoL15cXHVGRUZGLywgJycpLnNwbGl0KC9cXHI/XFxuLykpIHtcbiAgICAgICAgaWYgKC9eXFxzKiNcXHMqXFxbQ29udHJvbFJlcG9zaXRvcnlcXF0vLnRlc3QobGluZSkpIGJyZWFrO1xuICAgICAgICBjb25zdCBhdFRvcCA9IHN0YXRlLmRlcHRoID09PSAxO1xuICAgICAgICBjb25zdCByID0gZ3JhbW1hci50b2tlbml6ZUxpbmUobGluZSwgc3RhdGUpO1xuICAgICAgICBzdGF0ZSA9IHIucnVsZVN0YWNrO1xuICAgICAgICBpZiAoIWF0VG9wKSBjb250aW51ZTtcbiAgICAgICAgY29uc3QgZmlyc3QgPSByLnRva2Vucy5maW5kKHggPT4gbGluZS5zbGljZSh4LnN0YXJ0SW5kZXgsIHguZW5kSW5kZXgpLnRyaW0oKSAhPT0gJycpO1xuICAgICAgICBpZiAoIWZpcnN0KSBjb250aW51ZTtcbiAgICAgICAgY29uc3QgdGV4dCA9IGxpbmUuc2xpY2UoZmlyc3Quc3RhcnRJbmRleCwgZmlyc3QuZW5kSW5kZXgpO1xuICAgICAgICAvLyBTdGF0ZW1lbnRzIHN0YXJ0IHdpdGggYSBrZXl3b3JkLCBhbiBhY3Rpb24gaWQsIGEgY29tbWVudCwgYSByZWdpb24sIGFuIGFubm90YXRpb24gb3IgYSBoZWFkZXIuXG4gICAgICAgIGNvbnN0IG9rID0gZmlyc3Quc2NvcGVzLnNvbWUocyA9PiAvXihrZXl3b3JkfGVudGl0eVxcLm5hbWVcXC5mdW5jdGlvblxcLmFjdGlvbnxjb21tZW50fHB1bmN0dWF0aW9uXFwuZGVmaW5pdGlvblxcLihjb21tZW50fGFubm90YXRpb24pfHN0b3JhZ2UpLy50ZXN0KHMpKTtcbiAgICAgICAgaWYgKCFvaykgYmFkLnB1c2goYCR7cmVsYXRpdmUoY29ycHVzLCBmKX06ICR7SlNPTi5zdHJpbmdpZnkodGV4dCl9ICR7Zmlyc3Quc2NvcGVzLnNsaWNlKDEpLmpvaW4oJyAnKX0gfCAke2xpbmUudHJpbSgpLnNsaWNlKDAsIDgwKX1gKTtcbiAgICAgIH1cbiAgICB9XG4gICAgYXNzZXJ0LmRlZXBFcXVhbChiYWQuc2xpY2UoMCwgMjApLCBbXSk7XG4gIH0pO1xufSk7XG4iXSwKICAibWFwcGluZ3MiOiAiOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7OztBQUVBLHVCQUF1QztBQUN2QyxhQUF3QjtBQUN4QixxQkFBZ0U7QUFDaEUsdUJBQXdDO0FBQ3hDLFlBQXVCO0FBQ3ZCLGdCQUEyQjtBQUUzQixTQUFTLFdBQW1CO0FBQzFCLFdBQVMsTUFBTSxhQUFhLFVBQU0sMEJBQVEsR0FBRyxHQUFHO0FBQzlDLFVBQU0sVUFBTSx1QkFBSyxLQUFLLGNBQWM7QUFDcEMsWUFBSSwyQkFBVyxHQUFHLEtBQUssS0FBSyxVQUFNLDZCQUFhLEtBQUssTUFBTSxDQUFDLEVBQUUsU0FBUyxVQUFXLFFBQU87QUFDeEYsWUFBSSwwQkFBUSxHQUFHLE1BQU0sSUFBSyxPQUFNLElBQUksTUFBTSw0Q0FBNEMsU0FBUztBQUFBLEVBQ2pHO0FBQ0Y7QUFDQSxNQUFNLE9BQU8sU0FBUztBQUN0QixNQUFNLGFBQVMsdUJBQUssTUFBTSxNQUFNLFVBQVUsUUFBUTtBQUlsRCxNQUFNLFdBQVc7QUFBQSxFQUNmLFdBQVc7QUFBQSxFQUNYLFVBQVUsQ0FBQyxFQUFFLFNBQVMsU0FBUyxDQUFDO0FBQUEsRUFDaEMsWUFBWTtBQUFBLElBQ1YsT0FBTztBQUFBLE1BQ0wsVUFBVTtBQUFBLFFBQ1IsRUFBRSxPQUFPLE9BQU8sS0FBSyxPQUFPLE1BQU0sa0NBQWtDLFVBQVUsQ0FBQyxFQUFFLFNBQVMsU0FBUyxDQUFDLEVBQUU7QUFBQSxRQUN0RyxFQUFFLE9BQU8sT0FBTyxLQUFLLE9BQU8sTUFBTSw2QkFBNkIsVUFBVSxDQUFDLEVBQUUsU0FBUyxTQUFTLENBQUMsRUFBRTtBQUFBLFFBQ2pHLEVBQUUsT0FBTyx5QkFBeUIsTUFBTSw0QkFBNEI7QUFBQSxRQUNwRSxFQUFFLE9BQU8sd0NBQXdDLE1BQU0sd0JBQXdCO0FBQUEsUUFDL0UsRUFBRSxPQUFPLDZCQUE2QixNQUFNLHlCQUF5QjtBQUFBLFFBQ3JFLEVBQUUsT0FBTyxRQUFRLE1BQU0sNkJBQTZCO0FBQUEsTUFDdEQ7QUFBQSxJQUNGO0FBQUEsRUFDRjtBQUNGO0FBRUEsSUFBSTtBQUFBLElBRUoseUJBQU8sWUFBWTtBQUNqQixRQUFNLGVBQVcsMkJBQUssMEJBQVEsZ0JBQWdCLGtCQUFrQixDQUFDLEdBQUcsV0FBVztBQUMvRSxRQUFNLFdBQU8sNkJBQWEsUUFBUTtBQUNsQyxRQUFNLFVBQVUsU0FBUyxLQUFLLE9BQU8sTUFBTSxLQUFLLFlBQVksS0FBSyxhQUFhLEtBQUssVUFBVSxDQUFnQjtBQUM3RyxRQUFNLFdBQVcsSUFBSSxNQUFNLFNBQVM7QUFBQSxJQUNsQyxTQUFTLFFBQVEsUUFBUTtBQUFBLE1BQ3ZCLG1CQUFtQixDQUFDLGFBQXVCLElBQUksVUFBVSxZQUFZLFFBQVE7QUFBQSxNQUM3RSxrQkFBa0IsQ0FBQyxNQUFjLElBQUksVUFBVSxXQUFXLENBQUM7QUFBQSxJQUM3RCxDQUFDO0FBQUEsSUFDRCxhQUFhLE9BQU8sY0FBc0I7QUFDeEMsVUFBSSxjQUFjLGdCQUFnQjtBQUNoQyxjQUFNLFdBQU8sdUJBQUssTUFBTSxZQUFZLHVCQUF1QjtBQUMzRCxlQUFPLE1BQU0sb0JBQWdCLDZCQUFhLE1BQU0sTUFBTSxHQUFHLElBQUk7QUFBQSxNQUMvRDtBQUNBLFVBQUksY0FBYyxjQUFlLFFBQU87QUFDeEMsYUFBTztBQUFBLElBQ1Q7QUFBQSxFQUNGLENBQUM7QUFDRCxRQUFNLElBQUksTUFBTSxTQUFTLFlBQVksY0FBYztBQUNuRCxTQUFPLEdBQUcsR0FBRyw0QkFBNEI7QUFDekMsWUFBVTtBQUNaLENBQUM7QUFLRCxTQUFTLFNBQVMsTUFBeUQ7QUFDekUsTUFBSSxRQUFRLE1BQU07QUFDbEIsUUFBTSxRQUFpQixDQUFDO0FBQ3hCLE9BQUssTUFBTSxPQUFPLEVBQUUsUUFBUSxDQUFDLE1BQU0sTUFBTTtBQUN2QyxVQUFNLElBQUksUUFBUSxhQUFhLE1BQU0sS0FBSztBQUMxQyxVQUFNLEtBQUssRUFBRSxPQUFPLElBQUksUUFBTSxFQUFFLE1BQU0sS0FBSyxNQUFNLEVBQUUsWUFBWSxFQUFFLFFBQVEsR0FBRyxRQUFRLEVBQUUsUUFBUSxNQUFNLEVBQUUsRUFBRSxDQUFDO0FBQ3pHLFlBQVEsRUFBRTtBQUFBLEVBQ1osQ0FBQztBQUNELFNBQU8sRUFBRSxPQUFPLEtBQUssTUFBTTtBQUM3QjtBQUVBLE1BQU0sTUFBTSxDQUFDLFVBQW1CLE1BQU0sS0FBSztBQUMzQyxNQUFNLE1BQU0sQ0FBQyxHQUFRLFVBQWtCLEVBQUUsT0FBTyxLQUFLLE9BQUssTUFBTSxTQUFTLEVBQUUsV0FBVyxRQUFRLEdBQUcsQ0FBQztBQUNsRyxNQUFNLE9BQU8sQ0FBQyxTQUFnQixLQUFLLElBQUksT0FBSyxHQUFHLEtBQUssVUFBVSxFQUFFLElBQUksQ0FBQyxJQUFJLEVBQUUsT0FBTyxNQUFNLENBQUMsRUFBRSxLQUFLLEdBQUcsQ0FBQyxFQUFFLEVBQUUsS0FBSyxJQUFJO0FBR2pILFNBQVMsSUFBSSxNQUFhLE1BQWMsTUFBTSxHQUFRO0FBQ3BELFFBQU0sUUFBUSxLQUFLLE9BQU8sT0FBSyxFQUFFLFNBQVMsSUFBSTtBQUM5QyxTQUFPLEdBQUcsTUFBTSxTQUFTLEtBQUssWUFBWSxLQUFLLFVBQVUsSUFBSSxDQUFDLE1BQU0sR0FBRztBQUFBLEVBQVUsS0FBSyxJQUFJLENBQUMsRUFBRTtBQUM3RixTQUFPLE1BQU0sR0FBRztBQUNsQjtBQUNBLFNBQVMsWUFBWSxHQUFRLE9BQWU7QUFDMUMsU0FBTyxHQUFHLElBQUksR0FBRyxLQUFLLEdBQUcsR0FBRyxLQUFLLFVBQVUsRUFBRSxJQUFJLENBQUMsVUFBVSxFQUFFLElBQUksaUJBQWlCLEtBQUssVUFBVSxFQUFFLE9BQU8sS0FBSyxHQUFHLENBQUMsRUFBRTtBQUN4SDtBQUNBLFNBQVMsY0FBYyxHQUFRLE9BQWU7QUFDNUMsU0FBTyxHQUFHLENBQUMsSUFBSSxHQUFHLEtBQUssR0FBRyxHQUFHLEtBQUssVUFBVSxFQUFFLElBQUksQ0FBQyxVQUFVLEVBQUUsSUFBSSxxQkFBcUIsS0FBSyxVQUFVLEVBQUUsT0FBTyxLQUFLLEdBQUcsQ0FBQyxFQUFFO0FBQzdIO0FBRUEsTUFBTSxRQUFRLENBQUMsTUFBYSxVQUFrQixLQUFLLE9BQU8sT0FBSyxFQUFFLE9BQU8sR0FBRyxFQUFFLE1BQU0sS0FBSyxFQUFFO0FBQUEsSUFFMUYsMkJBQVMsMEJBQTBCLE1BQU07QUFDdkMsNkJBQUssa0VBQWtFLE1BQU07QUFDM0UsVUFBTSxPQUFPLElBQUksU0FBUyxzQ0FBc0MsRUFBRSxLQUFLO0FBQ3ZFLFVBQU0sV0FBVyxLQUFLLE9BQU8sT0FBSyxJQUFJLEdBQUcseUNBQXlDLENBQUM7QUFFbkYsV0FBTyxNQUFNLFNBQVMsSUFBSSxPQUFLLEVBQUUsSUFBSSxFQUFFLEtBQUssRUFBRSxHQUFHLDZCQUE2QixLQUFLLElBQUksQ0FBQztBQUN4RixXQUFPLE1BQU0sTUFBTSxNQUFNLDJDQUEyQyxHQUFHLEdBQUcsS0FBSyxJQUFJLENBQUM7QUFDcEYsV0FBTyxNQUFNLE1BQU0sTUFBTSx5Q0FBeUMsR0FBRyxHQUFHLEtBQUssSUFBSSxDQUFDO0FBQ2xGLFdBQU8sTUFBTSxNQUFNLE1BQU0sK0NBQStDLEdBQUcsR0FBRyxLQUFLLElBQUksQ0FBQztBQUN4RixnQkFBWSxJQUFJLE1BQU0sS0FBSyxHQUFHLGlDQUFpQztBQUMvRCxVQUFNLE9BQU8sSUFBSSxNQUFNLE1BQU07QUFDN0IsZ0JBQVksTUFBTSwwQkFBMEI7QUFDNUMsZ0JBQVksTUFBTSxxQ0FBcUM7QUFDdkQsZ0JBQVksTUFBTSxnQ0FBZ0M7QUFDbEQsa0JBQWMsSUFBSSxNQUFNLE9BQU8sR0FBRywwQkFBMEI7QUFDNUQsZ0JBQVksSUFBSSxNQUFNLEtBQUssR0FBRyx5Q0FBeUM7QUFBQSxFQUN6RSxDQUFDO0FBRUQsNkJBQUssNkZBQTZGLE1BQU07QUFDdEcsVUFBTSxPQUFPLElBQUksU0FBUyxtREFBbUQsRUFBRSxLQUFLO0FBQ3BGLGdCQUFZLElBQUksTUFBTSxPQUFPLENBQUMsR0FBRyxpQ0FBaUM7QUFDbEUsVUFBTSxNQUFNLElBQUksTUFBTSxLQUFLO0FBQzNCLGdCQUFZLEtBQUsseUNBQXlDO0FBQzFELGdCQUFZLElBQUksTUFBTSxLQUFLLEdBQUcsaUNBQWlDO0FBQy9ELGtCQUFjLElBQUksTUFBTSxLQUFLLEdBQUcsUUFBUTtBQUFBLEVBQzFDLENBQUM7QUFFRCw2QkFBSyxpREFBaUQsTUFBTTtBQUMxRCxVQUFNLE9BQU8sSUFBSSxTQUFTLDRCQUE0QixFQUFFLEtBQUs7QUFDN0QsZ0JBQVksSUFBSSxNQUFNLElBQUksR0FBRyx5Q0FBeUM7QUFDdEUsV0FBTyxNQUFNLE1BQU0sTUFBTSwrQ0FBK0MsR0FBRyxHQUFHLEtBQUssSUFBSSxDQUFDO0FBQUEsRUFDMUYsQ0FBQztBQUVELDZCQUFLLGdFQUFnRSxNQUFNO0FBQ3pFLFVBQU0sT0FBTyxJQUFJLFNBQVMsb0RBQW9ELEVBQUUsS0FBSztBQUNyRixnQkFBWSxJQUFJLE1BQU0sS0FBSyxHQUFHLDRCQUE0QjtBQUMxRCxnQkFBWSxJQUFJLE1BQU0sS0FBSyxHQUFHLDBCQUEwQjtBQUN4RCxnQkFBWSxJQUFJLE1BQU0sU0FBUyxHQUFHLCtCQUErQjtBQUNqRSxXQUFPLE1BQU0sTUFBTSxNQUFNLCtDQUErQyxHQUFHLEdBQUcsS0FBSyxJQUFJLENBQUM7QUFDeEYsV0FBTyxNQUFNLE1BQU0sTUFBTSx5Q0FBeUMsR0FBRyxHQUFHLEtBQUssSUFBSSxDQUFDO0FBQUEsRUFDcEYsQ0FBQztBQUVELDZCQUFLLHFGQUFxRixNQUFNO0FBQzlGLFVBQU0sRUFBRSxPQUFPLElBQUksSUFBSSxTQUFTO0FBQUEsTUFDOUI7QUFBQSxNQUNBO0FBQUEsTUFDQTtBQUFBLE1BQ0E7QUFBQSxNQUNBO0FBQUEsTUFDQTtBQUFBLE1BQ0E7QUFBQSxJQUNGLEVBQUUsS0FBSyxJQUFJLENBQUM7QUFDWixlQUFXLEtBQUssQ0FBQyxHQUFHLEdBQUcsR0FBRyxDQUFDLEdBQUc7QUFDNUIsaUJBQVcsS0FBSyxNQUFNLENBQUMsR0FBRztBQUN4QixvQkFBWSxHQUFHLHlDQUF5QztBQUN4RCxzQkFBYyxHQUFHLFNBQVM7QUFDMUIsc0JBQWMsR0FBRyxTQUFTO0FBQUEsTUFDNUI7QUFBQSxJQUNGO0FBQ0EsZ0JBQVksSUFBSSxNQUFNLENBQUMsR0FBRyxLQUFLLEdBQUcseUNBQXlDO0FBQzNFLGdCQUFZLElBQUksTUFBTSxDQUFDLEdBQUcsY0FBYyxHQUFHLGlDQUFpQztBQUM1RSxnQkFBWSxJQUFJLE1BQU0sQ0FBQyxHQUFHLEtBQUssR0FBRyx1QkFBdUI7QUFDekQsV0FBTyxNQUFNLElBQUksT0FBTyxHQUFHLHVCQUF1QjtBQUFBLEVBQ3BELENBQUM7QUFFRCw2QkFBSywrRUFBMEUsTUFBTTtBQUNuRixVQUFNLEVBQUUsTUFBTSxJQUFJLFNBQVM7QUFBQSxNQUN6QjtBQUFBLE1BQ0E7QUFBQSxNQUNBO0FBQUEsSUFDRixFQUFFLEtBQUssSUFBSSxDQUFDO0FBQ1osZ0JBQVksSUFBSSxNQUFNLENBQUMsR0FBRyxRQUFRLEdBQUcsOEJBQThCO0FBQ25FLGdCQUFZLElBQUksTUFBTSxDQUFDLEdBQUcsU0FBUyxHQUFHLDRDQUE0QztBQUNsRixnQkFBWSxJQUFJLE1BQU0sQ0FBQyxHQUFHLEtBQUssR0FBRyxpQ0FBaUM7QUFDbkUsZUFBVyxLQUFLLE1BQU0sQ0FBQyxHQUFHO0FBQUUsa0JBQVksR0FBRyw0QkFBNEI7QUFBRyxvQkFBYyxHQUFHLDBCQUEwQjtBQUFBLElBQUc7QUFDeEgsZ0JBQVksSUFBSSxNQUFNLENBQUMsR0FBRyxLQUFLLEdBQUcsNEJBQTRCO0FBQzlELGdCQUFZLElBQUksTUFBTSxDQUFDLEdBQUcsT0FBTyxHQUFHLGlDQUFpQztBQUNyRSxnQkFBWSxJQUFJLE1BQU0sQ0FBQyxHQUFHLFFBQVEsR0FBRyw0QkFBNEI7QUFBQSxFQUNuRSxDQUFDO0FBRUQsNkJBQUssdURBQWtELE1BQU07QUFDM0QsVUFBTSxPQUFPLElBQUksU0FBUyx3QkFBd0IsRUFBRSxLQUFLO0FBQ3pELGdCQUFZLElBQUksTUFBTSxLQUFLLEdBQUcsaUNBQWlDO0FBQy9ELGdCQUFZLElBQUksTUFBTSxHQUFHLEdBQUcsbUNBQW1DO0FBQy9ELFdBQU8sTUFBTSxNQUFNLE1BQU0sMkNBQTJDLEdBQUcsR0FBRyxLQUFLLElBQUksQ0FBQztBQUFBLEVBQ3RGLENBQUM7QUFFRCw2QkFBSyxvREFBMEMsTUFBTTtBQUNuRCxVQUFNLE9BQU8sSUFBSSxTQUFTLGtHQUFrRyxFQUFFLEtBQUs7QUFDbkksZ0JBQVksSUFBSSxNQUFNLE1BQU0sR0FBRyw2QkFBNkI7QUFDNUQsZ0JBQVksSUFBSSxNQUFNLE1BQU0sR0FBRywrQkFBK0I7QUFDOUQsZ0JBQVksSUFBSSxNQUFNLGVBQWUsR0FBRywwQkFBMEI7QUFDbEUsa0JBQWMsSUFBSSxNQUFNLGVBQWUsR0FBRyxRQUFRO0FBQUEsRUFDcEQsQ0FBQztBQUNILENBQUM7QUFBQSxJQUVELDJCQUFTLHlDQUF5QyxNQUFNO0FBQ3RELDZCQUFLLHlGQUF5RixNQUFNO0FBQ2xHLFVBQU0sRUFBRSxNQUFNLElBQUksU0FBUztBQUFBLE1BQ3pCO0FBQUEsTUFDQTtBQUFBLE1BQ0E7QUFBQSxNQUNBO0FBQUEsSUFDRixFQUFFLEtBQUssSUFBSSxDQUFDO0FBQ1osZ0JBQVksSUFBSSxNQUFNLENBQUMsR0FBRyxJQUFJLEdBQUcseUNBQXlDO0FBQzFFLGdCQUFZLElBQUksTUFBTSxDQUFDLEdBQUcsYUFBYSxHQUFHLDhDQUE4QztBQUN4RixnQkFBWSxJQUFJLE1BQU0sQ0FBQyxHQUFHLFNBQVMsR0FBRyw0QkFBNEI7QUFDbEUsZUFBVyxLQUFLLE1BQU0sQ0FBQyxFQUFFLE9BQU8sTUFBTSxDQUFDLENBQUMsRUFBRyxlQUFjLEdBQUcsU0FBUztBQUNyRSxnQkFBWSxJQUFJLE1BQU0sQ0FBQyxHQUFHLFVBQVUsR0FBRyx5Q0FBeUM7QUFDaEYsZ0JBQVksSUFBSSxNQUFNLENBQUMsR0FBRyxHQUFHLEdBQUcsZ0NBQWdDO0FBQ2hFLGdCQUFZLElBQUksTUFBTSxDQUFDLEdBQUcsOEJBQThCLEdBQUcsZ0NBQWdDO0FBQzNGLGdCQUFZLElBQUksTUFBTSxDQUFDLEdBQUcsZ0JBQWdCLEdBQUcsZ0NBQWdDO0FBQzdFLGdCQUFZLElBQUksTUFBTSxDQUFDLEdBQUcsR0FBRyxHQUFHLHdCQUF3QjtBQUFBLEVBQzFELENBQUM7QUFFRCw2QkFBSywwQ0FBcUMsTUFBTTtBQUM5QyxVQUFNLEVBQUUsT0FBTyxJQUFJLElBQUksU0FBUztBQUFBLE1BQzlCO0FBQUEsTUFDQTtBQUFBLE1BQ0E7QUFBQSxNQUNBO0FBQUEsSUFDRixFQUFFLEtBQUssSUFBSSxDQUFDO0FBQ1osZ0JBQVksSUFBSSxNQUFNLENBQUMsR0FBRyxJQUFJLEdBQUcsNENBQTRDO0FBQzdFLGVBQVcsS0FBSyxNQUFNLENBQUMsR0FBRztBQUFFLGtCQUFZLEdBQUcscUJBQXFCO0FBQUcsb0JBQWMsR0FBRyxRQUFRO0FBQUcsb0JBQWMsR0FBRyxTQUFTO0FBQUEsSUFBRztBQUM1SCxnQkFBWSxJQUFJLE1BQU0sQ0FBQyxHQUFHLElBQUksR0FBRywwQ0FBMEM7QUFDM0UsZ0JBQVksSUFBSSxNQUFNLENBQUMsR0FBRyxLQUFLLEdBQUcsdUJBQXVCO0FBQ3pELGtCQUFjLElBQUksTUFBTSxDQUFDLEdBQUcsS0FBSyxHQUFHLFNBQVM7QUFDN0MsV0FBTyxNQUFNLElBQUksT0FBTyxDQUFDO0FBQUEsRUFDM0IsQ0FBQztBQUVELDZCQUFLLHdEQUFtRCxNQUFNO0FBQzVELFVBQU0sRUFBRSxNQUFNLElBQUksU0FBUztBQUFBLE1BQ3pCO0FBQUEsTUFDQTtBQUFBLE1BQ0E7QUFBQSxNQUNBO0FBQUEsSUFDRixFQUFFLEtBQUssSUFBSSxDQUFDO0FBQ1osZ0JBQVksSUFBSSxNQUFNLENBQUMsR0FBRyxRQUFRLEdBQUcsdUJBQXVCO0FBQzVELGdCQUFZLElBQUksTUFBTSxDQUFDLEdBQUcsSUFBSSxHQUFHLHVCQUF1QjtBQUN4RCxnQkFBWSxJQUFJLE1BQU0sQ0FBQyxHQUFHLFlBQVksR0FBRyxrQ0FBa0M7QUFDM0UsZ0JBQVksSUFBSSxNQUFNLENBQUMsR0FBRyxhQUFhLEdBQUcsZ0NBQWdDO0FBQzFFLGdCQUFZLElBQUksTUFBTSxDQUFDLEdBQUcsVUFBVSxHQUFHLDRCQUE0QjtBQUNuRSxnQkFBWSxJQUFJLE1BQU0sQ0FBQyxHQUFHLHdCQUF3QixHQUFHLGtDQUFrQztBQUN2RixnQkFBWSxJQUFJLE1BQU0sQ0FBQyxHQUFHLGFBQWEsR0FBRyw0QkFBNEI7QUFBQSxFQUN4RSxDQUFDO0FBRUQsNkJBQUssK0RBQStELE1BQU07QUFDeEUsVUFBTSxFQUFFLE1BQU0sSUFBSSxTQUFTO0FBQUEsTUFDekI7QUFBQSxNQUNBO0FBQUEsTUFDQTtBQUFBLE1BQ0E7QUFBQSxNQUNBO0FBQUEsTUFDQTtBQUFBLE1BQ0E7QUFBQSxNQUNBO0FBQUEsTUFDQTtBQUFBLElBQ0YsRUFBRSxLQUFLLElBQUksQ0FBQztBQUNaLGdCQUFZLElBQUksTUFBTSxDQUFDLEdBQUcsNkNBQTZDLEdBQUcsd0NBQXdDO0FBQ2xILFVBQU0sTUFBTSxJQUFJLE1BQU0sQ0FBQyxHQUFHLDRCQUE0QjtBQUN0RCxnQkFBWSxLQUFLLDBCQUEwQjtBQUMzQyxnQkFBWSxLQUFLLDJCQUEyQjtBQUM1QyxnQkFBWSxJQUFJLE1BQU0sQ0FBQyxHQUFHLGlCQUFvQixHQUFHLDJCQUEyQjtBQUM1RSxnQkFBWSxJQUFJLE1BQU0sQ0FBQyxHQUFHLEdBQUcsR0FBRyx1QkFBdUI7QUFFdkQsZUFBVyxLQUFLLE1BQU0sTUFBTSxDQUFDLEVBQUUsS0FBSyxHQUFHO0FBQ3JDLGtCQUFZLEdBQUcsMEJBQTBCO0FBQ3pDLGFBQU8sR0FBRyxDQUFDLEVBQUUsT0FBTyxNQUFNLENBQUMsRUFBRSxLQUFLLE9BQUssRUFBRSxTQUFTLFFBQVEsQ0FBQyxHQUFHLEdBQUcsS0FBSyxVQUFVLEVBQUUsSUFBSSxDQUFDLHVCQUF1QixFQUFFLE9BQU8sS0FBSyxHQUFHLENBQUMsRUFBRTtBQUFBLElBQ3BJO0FBQUEsRUFDRixDQUFDO0FBRUQsNkJBQUssbUVBQW1FLE1BQU07QUFDNUUsVUFBTSxFQUFFLE1BQU0sSUFBSSxTQUFTLDZEQUE2RDtBQUN4RixnQkFBWSxJQUFJLE1BQU0sQ0FBQyxHQUFHLEdBQUcsR0FBRyxnQ0FBZ0M7QUFDaEUsZ0JBQVksSUFBSSxNQUFNLENBQUMsR0FBRyxLQUFLLEdBQUcsdUJBQXVCO0FBQUEsRUFDM0QsQ0FBQztBQUNILENBQUM7QUFBQSxJQUVELDJCQUFTLDZCQUE2QixNQUFNO0FBQzFDLDZCQUFLLHFFQUF1RSxNQUFNO0FBQ2hGLFVBQU0sT0FBTyxJQUFJO0FBQUEsTUFDZjtBQUFBLElBQ0YsRUFBRSxLQUFLO0FBQ1AsZUFBVyxNQUFNLENBQUMsWUFBWSxzQkFBc0IsRUFBRyxhQUFZLElBQUksTUFBTSxFQUFFLEdBQUcsbUNBQW1DO0FBQ3JILGdCQUFZLElBQUksTUFBTSxZQUFZLEdBQUcsMEJBQTBCO0FBQy9ELGdCQUFZLElBQUksTUFBTSxjQUFjLEdBQUcsMEJBQTBCO0FBQ2pFLGdCQUFZLElBQUksTUFBTSxXQUFXLEdBQUcsaUNBQWlDO0FBQ3JFLGdCQUFZLElBQUksTUFBTSxlQUFlLEdBQUcsZ0NBQWdDO0FBQ3hFLGdCQUFZLElBQUksTUFBTSxJQUFJLEdBQUcsd0JBQXdCO0FBQ3JELGdCQUFZLElBQUksTUFBTSxrQkFBa0IsR0FBRyxpQ0FBaUM7QUFDNUUsZ0JBQVksSUFBSSxNQUFNLElBQUksR0FBRywrQkFBK0I7QUFDNUQsZ0JBQVksSUFBSSxNQUFNLFVBQVUsR0FBRyx1Q0FBdUM7QUFDMUUsZ0JBQVksSUFBSSxNQUFNLGdCQUFnQixHQUFHLHVDQUF1QztBQUFBLEVBQ2xGLENBQUM7QUFFRCw2QkFBSyx3RUFBd0UsTUFBTTtBQUNqRixVQUFNLE9BQU8sSUFBSTtBQUFBLE1BQ2Y7QUFBQSxJQUNGLEVBQUUsS0FBSztBQUNQLGdCQUFZLElBQUksTUFBTSxlQUFlLEdBQUcsbUNBQW1DO0FBQzNFLGdCQUFZLElBQUksTUFBTSxxQkFBcUIsQ0FBQyxHQUFHLG1DQUFtQztBQUNsRixnQkFBWSxJQUFJLE1BQU0sU0FBUyxHQUFHLG1DQUFtQztBQUNyRSxnQkFBWSxJQUFJLE1BQU0sVUFBVSxHQUFHLDRCQUE0QjtBQUMvRCxnQkFBWSxJQUFJLE1BQU0sVUFBVSxHQUFHLHVCQUF1QjtBQUMxRCxnQkFBWSxJQUFJLE1BQU0sT0FBTyxHQUFHLGlDQUFpQztBQUNqRSxnQkFBWSxJQUFJLE1BQU0saUJBQWlCLENBQUMsR0FBRyx5QkFBeUI7QUFDcEUsZ0JBQVksSUFBSSxNQUFNLFNBQVMsR0FBRyw2QkFBNkI7QUFBQSxFQUNqRSxDQUFDO0FBRUQsNkJBQUsseUVBQStELE1BQU07QUFDeEUsVUFBTSxPQUFPLElBQUksU0FBUyxvSkFBb0osRUFBRSxLQUFLO0FBQ3JMLGdCQUFZLElBQUksTUFBTSxnQkFBZ0IsR0FBRyxtQ0FBbUM7QUFDNUUsZ0JBQVksSUFBSSxNQUFNLGVBQWUsR0FBRyxtQ0FBbUM7QUFDM0UsZ0JBQVksSUFBSSxNQUFNLE1BQU0sR0FBRywwQkFBMEI7QUFDekQsZ0JBQVksSUFBSSxNQUFNLEtBQUssR0FBRyx1QkFBdUI7QUFBQSxFQUN2RCxDQUFDO0FBRUQsNkJBQUssaUNBQWlDLE1BQU07QUFDMUMsVUFBTSxFQUFFLE1BQU0sSUFBSSxTQUFTO0FBQUEsTUFDekI7QUFBQSxNQUNBO0FBQUEsTUFDQTtBQUFBLE1BQ0E7QUFBQSxNQUNBO0FBQUEsTUFDQTtBQUFBLE1BQ0E7QUFBQSxNQUNBO0FBQUEsTUFDQTtBQUFBLE1BQ0E7QUFBQSxNQUNBO0FBQUEsTUFDQTtBQUFBLE1BQ0E7QUFBQSxNQUNBO0FBQUEsTUFDQTtBQUFBLElBQ0YsRUFBRSxLQUFLLElBQUksQ0FBQztBQUNaLFVBQU0sUUFBUTtBQUFBLE1BQUM7QUFBQSxNQUFPO0FBQUEsTUFBTTtBQUFBLE1BQU07QUFBQSxNQUFRO0FBQUEsTUFBUTtBQUFBLE1BQVc7QUFBQSxNQUFNO0FBQUEsTUFBTztBQUFBLE1BQVE7QUFBQSxNQUFPO0FBQUEsTUFBUztBQUFBLE1BQU07QUFBQSxNQUFTO0FBQUEsTUFDL0c7QUFBQSxNQUFPO0FBQUEsTUFBWTtBQUFBLE1BQVU7QUFBQSxNQUFRO0FBQUEsTUFBUTtBQUFBLE1BQVM7QUFBQSxNQUFRO0FBQUEsSUFBTTtBQUN0RSxVQUFNLE9BQU8sSUFBSSxLQUFLO0FBQ3RCLGVBQVcsS0FBSyxPQUFPO0FBQ3JCLFlBQU0sUUFBUSxLQUFLLE9BQU8sT0FBSyxFQUFFLFNBQVMsQ0FBQztBQUMzQyxhQUFPLEdBQUcsTUFBTSxRQUFRLFdBQVcsQ0FBQztBQUFBLEVBQStCLEtBQUssSUFBSSxDQUFDLEVBQUU7QUFDL0UsaUJBQVcsS0FBSyxNQUFPLFFBQU8sR0FBRyxJQUFJLEdBQUcsdUJBQXVCLEtBQUssSUFBSSxHQUFHLHdCQUF3QixHQUFHLEdBQUcsQ0FBQyxVQUFVLEVBQUUsSUFBSSxNQUFNLEVBQUUsT0FBTyxLQUFLLEdBQUcsQ0FBQyxFQUFFO0FBQUEsSUFDdEo7QUFDQSxnQkFBWSxJQUFJLE1BQU0sTUFBTSxHQUFHLG9DQUFvQztBQUNuRSxnQkFBWSxJQUFJLE1BQU0sTUFBTSxHQUFHLHlCQUF5QjtBQUN4RCxnQkFBWSxJQUFJLE1BQU0sR0FBRyxHQUFHLGdDQUFnQztBQUFBLEVBQzlELENBQUM7QUFFRCw2QkFBSyw0Q0FBNEMsTUFBTTtBQUNyRCxVQUFNLE9BQU8sSUFBSSxTQUFTLHVEQUF1RCxFQUFFLEtBQUs7QUFDeEYsZ0JBQVksSUFBSSxNQUFNLEtBQUssR0FBRyxnQ0FBZ0M7QUFDOUQsZ0JBQVksSUFBSSxNQUFNLEtBQUssR0FBRyxnQ0FBZ0M7QUFDOUQsZ0JBQVksSUFBSSxNQUFNLElBQUksR0FBRyxnQ0FBZ0M7QUFDN0QsZ0JBQVksSUFBSSxNQUFNLEtBQUssR0FBRyxtQ0FBbUM7QUFDakUsZ0JBQVksSUFBSSxNQUFNLElBQUksR0FBRyxtQ0FBbUM7QUFDaEUsZ0JBQVksSUFBSSxNQUFNLFNBQVMsR0FBRyxnQ0FBZ0M7QUFDbEUsZ0JBQVksSUFBSSxNQUFNLE1BQU0sR0FBRyx3QkFBd0I7QUFBQSxFQUN6RCxDQUFDO0FBRUQsNkJBQUssK0VBQStFLE1BQU07QUFDeEYsVUFBTSxPQUFPLElBQUksU0FBUywwREFBMEQsRUFBRSxLQUFLO0FBQzNGLGdCQUFZLElBQUksTUFBTSxNQUFNLEdBQUcsMEJBQTBCO0FBQ3pELGtCQUFjLElBQUksTUFBTSxNQUFNLEdBQUcsU0FBUztBQUFBLEVBQzVDLENBQUM7QUFFRCw2QkFBSyw0QkFBNEIsTUFBTTtBQUNyQyxVQUFNLE9BQU8sSUFBSSxTQUFTLHFFQUFxRSxFQUFFLEtBQUs7QUFDdEcsZ0JBQVksSUFBSSxNQUFNLE9BQU8sR0FBRyx1QkFBdUI7QUFDdkQsZ0JBQVksSUFBSSxNQUFNLFdBQVcsR0FBRyx1Q0FBdUM7QUFDM0UsZ0JBQVksSUFBSSxNQUFNLFNBQVMsR0FBRyx1QkFBdUI7QUFDekQsZ0JBQVksSUFBSSxNQUFNLFFBQVEsR0FBRyxtQ0FBbUM7QUFBQSxFQUN0RSxDQUFDO0FBQ0gsQ0FBQztBQUFBLElBR0QsMkJBQVMsZ0NBQWdDLE1BQU07QUFDN0MsUUFBTSxTQUFTLEtBQUssVUFBTSxpQ0FBYSx1QkFBSyxNQUFNLDZCQUE2QixHQUFHLE1BQU0sQ0FBQztBQUN6RixRQUFNLEtBQUssQ0FBQyxNQUFvRCxPQUFPLE1BQU0sV0FBVyxJQUFJLE9BQU8sQ0FBQyxJQUFJLElBQUksT0FBTyxFQUFFLFNBQVMsRUFBRSxLQUFLO0FBRXJJLDZCQUFLLDZDQUE2QyxNQUFNO0FBQ3RELFdBQU8sTUFBTSxPQUFPLFNBQVMsYUFBYSxHQUFHO0FBQzdDLFdBQU8sVUFBVSxPQUFPLFNBQVMsY0FBYyxDQUFDLE1BQU0sSUFBSSxDQUFDO0FBQzNELFVBQU0sUUFBUSxPQUFPLGlCQUFpQixJQUFJLENBQUMsTUFBdUMsRUFBRSxPQUFPLEVBQUUsS0FBSztBQUNsRyxlQUFXLEtBQUssQ0FBQyxNQUFNLE1BQU0sTUFBTSxNQUFNLFNBQVMsRUFBRyxRQUFPLEdBQUcsTUFBTSxTQUFTLENBQUMsR0FBRyxxQkFBcUIsQ0FBQyxFQUFFO0FBQUEsRUFDNUcsQ0FBQztBQUVELDZCQUFLLHFCQUFxQixNQUFNO0FBQzlCLFVBQU0sTUFBTSxHQUFHLE9BQU8saUJBQWlCLHFCQUFxQjtBQUM1RCxVQUFNLE1BQU0sR0FBRyxPQUFPLGlCQUFpQixxQkFBcUI7QUFDNUQsZUFBVyxLQUFLO0FBQUEsTUFBQztBQUFBLE1BQWlCO0FBQUEsTUFBNEM7QUFBQSxNQUFRO0FBQUEsTUFBWTtBQUFBLE1BQWM7QUFBQSxNQUM5RztBQUFBLE1BQXVCO0FBQUEsTUFBb0I7QUFBQSxNQUFlO0FBQUEsTUFBc0I7QUFBQSxNQUF5QjtBQUFBLElBQXNCLEdBQUc7QUFDbEksYUFBTyxHQUFHLElBQUksS0FBSyxDQUFDLEdBQUcsa0JBQWtCLEtBQUssVUFBVSxDQUFDLENBQUMsRUFBRTtBQUFBLElBQzlEO0FBQ0EsZUFBVyxLQUFLLENBQUMsaUJBQWlCLCtCQUErQixPQUFPLFdBQVcsRUFBRyxRQUFPLEdBQUcsQ0FBQyxJQUFJLEtBQUssQ0FBQyxHQUFHLHFCQUFxQixLQUFLLFVBQVUsQ0FBQyxDQUFDLEVBQUU7QUFDdEosZUFBVyxLQUFLLENBQUMsT0FBTyxrQkFBa0IsUUFBUSxrQkFBa0IsZ0JBQWdCLEVBQUcsUUFBTyxHQUFHLElBQUksS0FBSyxDQUFDLEdBQUcsZUFBZSxLQUFLLFVBQVUsQ0FBQyxDQUFDLEVBQUU7QUFDaEosZUFBVyxLQUFLLENBQUMsY0FBYyxnQkFBZ0IsRUFBRyxRQUFPLEdBQUcsQ0FBQyxJQUFJLEtBQUssQ0FBQyxHQUFHLGtCQUFrQixLQUFLLFVBQVUsQ0FBQyxDQUFDLEVBQUU7QUFBQSxFQUNqSCxDQUFDO0FBRUQsNkJBQUssOENBQThDLE1BQU07QUFDdkQsV0FBTyxHQUFHLEdBQUcsT0FBTyxRQUFRLFFBQVEsS0FBSyxFQUFFLEtBQUsscUJBQXFCLENBQUM7QUFDdEUsV0FBTyxHQUFHLEdBQUcsT0FBTyxRQUFRLFFBQVEsR0FBRyxFQUFFLEtBQUssaUJBQWlCLENBQUM7QUFDaEUsV0FBTyxHQUFHLENBQUMsR0FBRyxPQUFPLFFBQVEsUUFBUSxLQUFLLEVBQUUsS0FBSyxpQkFBaUIsQ0FBQztBQUFBLEVBQ3JFLENBQUM7QUFFRCw2QkFBSywyRUFBMkUsTUFBTTtBQUNwRixVQUFNLE1BQU0sS0FBSyxVQUFNLGlDQUFhLHVCQUFLLE1BQU0sY0FBYyxHQUFHLE1BQU0sQ0FBQztBQUN2RSxVQUFNLE9BQU8sSUFBSSxhQUFhLFdBQVcsS0FBSyxDQUFDLE1BQXNCLEVBQUUsT0FBTyxPQUFPO0FBQ3JGLFdBQU8sR0FBRyxNQUFNLDRCQUE0QjtBQUM1QyxXQUFPLEdBQUcsS0FBSyxXQUFXLFNBQVMsUUFBUSxDQUFDO0FBQzVDLFdBQU8sT0FBRywrQkFBVyx1QkFBSyxNQUFNLEtBQUssYUFBYSxDQUFDLEdBQUcsS0FBSyxhQUFhO0FBQ3hFLFVBQU0sS0FBSyxJQUFJLGFBQWEsVUFBVSxLQUFLLENBQUMsTUFBNEIsRUFBRSxhQUFhLE9BQU87QUFDOUYsV0FBTyxHQUFHLElBQUkscUJBQXFCO0FBQ25DLFdBQU8sTUFBTSxHQUFHLFdBQVcsY0FBYztBQUN6QyxXQUFPLE9BQUcsK0JBQVcsdUJBQUssTUFBTSxHQUFHLElBQUksQ0FBQyxHQUFHLEdBQUcsSUFBSTtBQUNsRCxXQUFPLE1BQU0sR0FBRyxvQkFBb0IsMEJBQTBCLEdBQUcsTUFBTTtBQUFBLEVBQ3pFLENBQUM7QUFDSCxDQUFDO0FBR0QsU0FBUyxnQkFBMEI7QUFDakMsUUFBTSxRQUFrQixDQUFDO0FBQ3pCLFFBQU0sT0FBTyxDQUFDLEtBQWEsU0FBaUM7QUFDMUQsUUFBSSxLQUFDLDJCQUFXLEdBQUcsRUFBRztBQUN0QixlQUFXLFlBQVEsNEJBQVksR0FBRyxHQUFHO0FBQ25DLFlBQU0sUUFBSSx1QkFBSyxLQUFLLElBQUk7QUFDeEIsY0FBSSx5QkFBUyxDQUFDLEVBQUUsWUFBWSxFQUFHLE1BQUssR0FBRyxJQUFJO0FBQUEsZUFBWSxLQUFLLENBQUMsRUFBRyxPQUFNLEtBQUssQ0FBQztBQUFBLElBQzlFO0FBQUEsRUFDRjtBQUNBLFdBQUssdUJBQUssUUFBUSxhQUFhLEdBQUcsT0FBSyxpQkFBaUIsS0FBSyxDQUFDLENBQUM7QUFDL0QsV0FBSyx1QkFBSyxRQUFRLGFBQWEsc0RBQXNELE9BQU8sT0FBTyxHQUFHLE9BQUssRUFBRSxTQUFTLE1BQU0sQ0FBQztBQUM3SCxTQUFPO0FBQ1Q7QUFNQSxTQUFTLGFBQWEsTUFBa0M7QUFDdEQsTUFBSSxRQUFRLE1BQU07QUFDbEIsTUFBSSxXQUFXO0FBQ2YsYUFBVyxRQUFRLEtBQUssUUFBUSxXQUFXLEVBQUUsRUFBRSxNQUFNLE9BQU8sR0FBRztBQUM3RCxZQUFRLFFBQVEsYUFBYSxNQUFNLEtBQUssRUFBRTtBQUMxQyxRQUFJLDREQUE0RCxLQUFLLElBQUksRUFBRyxZQUFXLE1BQU07QUFBQSxFQUMvRjtBQUNBLE1BQUksTUFBTSxVQUFVLFNBQVUsUUFBTztBQUNyQyxRQUFNLFFBQVEsUUFBUSxhQUFhLGtCQUFrQixLQUFLLEVBQUUsT0FBTyxDQUFDO0FBQ3BFLFNBQU8sUUFBUSxNQUFNLFFBQVEsUUFBUSxzQkFBc0IsTUFBTSxPQUFPLE1BQU0sQ0FBQyxFQUFFLEtBQUssR0FBRyxDQUFDO0FBQzVGO0FBQUEsSUFFQSwyQkFBUyx5QkFBeUIsTUFBTTtBQUN0Qyw2QkFBSyxtRUFBbUUsTUFBTTtBQUM1RSxXQUFPLE1BQU0sYUFBYSxxQkFBcUIsR0FBRyxNQUFTO0FBQzNELFdBQU8sTUFBTSxhQUFhLDRCQUE0QixLQUFLLElBQUksNkNBQTZDO0FBQzVHLFdBQU8sTUFBTSxhQUFhLG9DQUFvQyxLQUFLLElBQUksK0JBQStCO0FBQ3RHLFdBQU8sTUFBTSxhQUFhLHFCQUFxQixLQUFLLElBQUksdUJBQXVCO0FBQy9FLFdBQU8sTUFBTSxhQUFhLDJEQUEyRCxLQUFLLElBQUksaUJBQWlCO0FBQy9HLFdBQU8sTUFBTSxhQUFhLDhEQUE4RCxHQUFHLE1BQVM7QUFBQSxFQUN0RyxDQUFDO0FBRUQsNkJBQUssa0VBQWtFLE9BQUs7QUFDMUUsUUFBSSxLQUFDLDJCQUFXLE1BQU0sR0FBRztBQUFFLFFBQUUsS0FBSyx1QkFBdUIsTUFBTSxrREFBa0Q7QUFBRztBQUFBLElBQVE7QUFDNUgsVUFBTSxRQUFRLGNBQWM7QUFDNUIsV0FBTyxHQUFHLE1BQU0sVUFBVSxJQUFJLHNDQUFzQyxNQUFNLE1BQU0sRUFBRTtBQUNsRixVQUFNLFdBQVcsTUFBTSxJQUFJLE9BQUssQ0FBQyxHQUFHLGlCQUFhLDZCQUFhLEdBQUcsTUFBTSxDQUFDLENBQUMsQ0FBVSxFQUFFLE9BQU8sQ0FBQyxDQUFDLEVBQUUsQ0FBQyxNQUFNLENBQUM7QUFDeEcsV0FBTyxVQUFVLFNBQVMsSUFBSSxDQUFDLENBQUMsR0FBRyxDQUFDLE1BQU0sT0FBRywyQkFBUyxRQUFRLENBQUMsQ0FBQyxLQUFLLENBQUMsRUFBRSxHQUFHLENBQUMsQ0FBQztBQUFBLEVBQy9FLENBQUM7QUFFRCw2QkFBSyw2RkFBNkYsT0FBSztBQUNyRyxRQUFJLEtBQUMsMkJBQVcsTUFBTSxHQUFHO0FBQUUsUUFBRSxLQUFLLHVCQUF1QixNQUFNLFdBQVc7QUFBRztBQUFBLElBQVE7QUFDckYsVUFBTSxNQUFnQixDQUFDO0FBQ3ZCLGVBQVcsS0FBSyxjQUFjLEdBQUc7QUFDL0IsVUFBSSxRQUFRLE1BQU07QUFDbEIsaUJBQVcsWUFBUSw2QkFBYSxHQUFHLE1BQU0sRUFBRSxRQUFRLFdBQVcsRUFBRSxFQUFFLE1BQU0sT0FBTyxHQUFHO0FBQ2hGLFlBQUksZ0NBQWdDLEtBQUssSUFBSSxFQUFHO0FBQ2hELGNBQU0sUUFBUSxNQUFNLFVBQVU7QUFDOUIsY0FBTSxJQUFJLFFBQVEsYUFBYSxNQUFNLEtBQUs7QUFDMUMsZ0JBQVEsRUFBRTtBQUNWLFlBQUksQ0FBQyxNQUFPO0FBQ1osY0FBTSxRQUFRLEVBQUUsT0FBTyxLQUFLLE9BQUssS0FBSyxNQUFNLEVBQUUsWUFBWSxFQUFFLFFBQVEsRUFBRSxLQUFLLE1BQU0sRUFBRTtBQUNuRixZQUFJLENBQUMsTUFBTztBQUNaLGNBQU0sT0FBTyxLQUFLLE1BQU0sTUFBTSxZQUFZLE1BQU0sUUFBUTtBQUV4RCxjQUFNLEtBQUssTUFBTSxPQUFPLEtBQUssT0FBSywwR0FBMEcsS0FBSyxDQUFDLENBQUM7QUFDbkosWUFBSSxDQUFDLEdBQUksS0FBSSxLQUFLLE9BQUcsMkJBQVMsUUFBUSxDQUFDLENBQUMsS0FBSyxLQUFLLFVBQVUsSUFBSSxDQUFDLElBQUksTUFBTSxPQUFPLE1BQU0sQ0FBQyxFQUFFLEtBQUssR0FBRyxDQUFDLE1BQU0sS0FBSyxLQUFLLEVBQUUsTUFBTSxHQUFHLEVBQUUsQ0FBQyxFQUFFO0FBQUEsTUFDdEk7QUFBQSxJQUNGO0FBQ0EsV0FBTyxVQUFVLElBQUksTUFBTSxHQUFHLEVBQUUsR0FBRyxDQUFDLENBQUM7QUFBQSxFQUN2QyxDQUFDO0FBQ0gsQ0FBQzsiLAogICJuYW1lcyI6IFtdCn0K
