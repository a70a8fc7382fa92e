// Seeded script generators shared by the incremental re-parse tests (pad-incremental*.test.ts): a start script,
// one random edit as an editor makes it, and a script holding every node kind.
import type { Rng } from './rng';

export const LINES = [
  "SET Counter TO Counter + 1",
  "Variables.AddItemToList Item: $'''step 12''' List: Items",
  "Text.Replace Text: Body TextToFind: $'''#4''' IsRegEx: False IgnoreCase: False ReplaceWith: $'''x''' Result=> Body",
  "File.WriteText File: $'''%Folder%\\\\log.txt''' TextToWrite: $'''%Now% step: %Counter%''' AppendNewLine: True",
  "CALL Notify Subject: $'''Done''' Count: Counter",
  "@@copilotGeneratedAction: 'False'",
  "ON ERROR",
  "    SET Failed TO True",
  "END",
  "IF Counter > 3 THEN",
  "ELSE",
  "LOOP FOREACH Row IN Rows",
  "WAIT 2",
  "# a comment line",
  "SET Password TO $'''Hunter2Secret!x'''",
  "DISABLE Web.InvokeWebService.InvokeWebServiceRequest Url: $'''https://api-dev.contoso.com/x''' Method: Web.Method.Get",
  "SET Note TO $'''first line",
  "second line'''",
  "BLOCK Retry",
  "FUNCTION Helper GLOBAL",
  "END FUNCTION",
  "SET List TO [1, 2, 3]",
];

export const LETTERS = ['x', 'a', ' ', '1', '.'];
/** What breaks a line: a quote, an interpolation, an escape, a comment mark. */
const BREAKING = ["'", '%', '\\', '=', ':', "'''", '%Counter%', '#'];

export function startScript(r: Rng, crlf: boolean): string {
  const lines: string[] = ['@@copilotGeneratedAction: \'False\'', '@INPUT Folder : { Type: \'Text\', DefaultValue: \'C:\\\\x\' }'];
  for (let i = 0; i < 40; i++) lines.push(r.pick(LINES.slice(0, 5)));
  lines.splice(10, 0, 'IF Counter > 3 THEN', "    Variables.AddItemToList Item: $'''in block''' List: Items", 'END');
  lines.splice(20, 0, "Web.InvokeWebService.InvokeWebServiceRequest Url: $'''https://x''' Method: Web.Method.Get Response=> R", 'ON ERROR', '    SET Failed TO True', 'END');
  return lines.join(crlf ? '\r\n' : '\n');
}

/** One random edit of `text` (most of them typing inside a line, as in an editor). */
export function edit(r: Rng, text: string, eol: string): string {
  const kind = r.int(0, 9);
  if (kind <= 4) {
    // Typing or deleting inside a line, often inside a string.
    const quote = text.indexOf("'''", r.int(0, Math.max(0, text.length - 1)));
    const at = quote >= 0 && r.next() < 0.7 ? quote + 3 + r.int(0, 3) : r.int(0, text.length);
    if (r.next() < 0.3 && at < text.length) return text.slice(0, at) + text.slice(at + 1);
    return text.slice(0, at) + r.pick(r.next() < 0.8 ? LETTERS : BREAKING) + text.slice(at);
  }
  const lines = text.split(eol);
  const i = r.int(0, lines.length);
  if (kind === 5) lines.splice(i, 0, r.pick(LINES));
  else if (kind === 6 && lines.length > 1) lines.splice(Math.min(i, lines.length - 1), 1);
  else if (kind === 7) lines.splice(i, 0, 'IF Flag = True THEN');
  else if (kind === 8) lines.splice(i, 0, 'END');
  else lines.splice(i, 0, `${r.pick(LINES.slice(0, 5))}${eol}${r.pick(LINES)}`);
  return lines.join(eol);
}

/** A script with every node kind (statements, expressions, string parts). */
export const SCRIPT = [
  "@@ConnectionString: ''",
  "@@Type: 'Local'",
  "IMPORT 'controlRepo.appmask' AS appmask",
  "@SENSITIVE: [Secret]",
  "@INPUT In1 : { 'Description': 'd', 'Type': 'String', 'DefaultValue': 'x' }",
  "SET Head TO $'''start'''",
  "# comment",
  "/# block",
  "comment #/",
  "**REGION Setup",
  "SET List TO [1, 'two', $'''three %Head%''', {'k': 2}, -1.5]",
  "SET Table TO {^['A', 'B'], [1, 2], ['x', $'''y''']}",
  "SET Obj TO {{ }}",
  "SET Member TO Obj.a.b",
  "SET Item TO List[0]['k']",
  "SET Expr TO NOT (A = 1) AND B <> 2 OR C MOD 3 > -D",
  "SET Fx TO $fx'=Sum(1, 2)'",
  "SET Fx2 TO $fx'a ${Len(\"q\"\"r\")} b'",
  "SET Esc TO 'it\\'s \\\\ here'",
  "SET Called TO IsEmpty(List)",
  "SET Enum TO System.ProcessWindowStyle.Maximized",
  "@@copilotGeneratedAction: 'False'",
  "Variables.AddItemToList Item: $'''v''' List: List",
  "File.ReadTextFromFile.ReadText File: $'''C:\\\\x.txt''' Encoding: File.TextFileEncoding.UTF8 Content=> Content",
  "ON ERROR",
  "    SET Failed TO True",
  "END",
  "IF (File.IfFile.Exists File: $'''C:\\\\y''') THEN",
  "    SET InIf TO $'''1'''",
  "ELSE IF Head = 'x' THEN",
  "    SET InElseIf TO 2",
  "ELSE",
  "    SET InElse TO 3",
  "END",
  "SWITCH Head",
  "    CASE = 'a'",
  "        SET InCase TO 1",
  "    DEFAULT",
  "        SET InDefault TO 2",
  "END",
  "LOOP Index FROM 1 TO 10 STEP 2",
  "    SET InLoop TO Index",
  "END",
  "LOOP FOREACH Row IN Table",
  "    NEXT LOOP",
  "END",
  "LOOP WHILE (UIAutomation.Windows.IsOpen Window: appmask['W'])",
  "    EXIT LOOP",
  "END",
  "LOOP WHILE Head <> 'z'",
  "    SET Head TO 'z'",
  "END",
  "BLOCK Retry",
  "ON BLOCK ERROR all",
  "    REPEAT BLOCK",
  "END",
  "    SET InBlock TO 1",
  "END",
  "WAIT 2",
  "WAIT (UIAutomation.WaitForWindow.ToOpen Window: appmask['W']) FOR 10",
  "Web.InvokeWebService.InvokeWebServiceRequest Url: $'''https://x''' Method: Web.Method.Get Response=> R",
  "ON ERROR REPEAT 2 TIMES WAIT 1",
  "ON ERROR",
  "    SET Retried TO True",
  "END",
  "LABEL Here",
  "GOTO Here",
  "ERROR => LastError Reset: True",
  "DISABLE SET Off TO 1",
  "CALL Helper In: $'''a''' Out=> Result",
  "**ENDREGION",
  "EXIT Code: 0 ErrorMessage: $'''done'''",
  "FUNCTION Helper GLOBAL",
  "    SET InFunction TO $'''f'''",
  "    THROW ERROR",
  "END FUNCTION",
  "SET AfterFunction TO $'''g'''",
  "Bogus words here",
  "SET Broken TO )",
];
