// fast-check generators for the text formats FlowCop reads: desktop-flow scripts, XML, JSON. Each is a
// mix of well-formed pieces (so the fuzzer gets past the first token) and hostile ones (lone surrogates,
// NULs, unterminated strings, deep nesting, entities, long runs).
import fc from 'fast-check';

/** Strings that break naive parsers. */
export const NASTY = [
  '', ' ', '\t', '\r', '\n', '\r\n', '\u2028', '\u0000', '\uFEFF', '\uD800', '\uDC00', '\uD83D\uDE00', '\u00A0', '\u200B',
  '"', "'", "'''", '$\'\'\'', '\\', '\\u', '\\u12', '\\uD800', '%', '%%', '%a%', '%a[', '{', '}', '[', ']', '(', ')', '{{', '}}',
  '<', '>', '&', '&amp;', '&lt;', '&#;', '&#x;', '&#0;', '&#x0;', '&#xD800;', '&#x110000;', '&#99999999999;', '&#x1F600;', '&unknown;',
  '<![CDATA[', ']]>', '<!--', '-->', '<?', '?>', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '&a;', '/#', '#/', '**', '@@', '@',
];

const nasty = fc.constantFrom(...NASTY);

/** A string biased toward the characters that matter to the parsers. */
export function noisyString(maxLength = 40): fc.Arbitrary<string> {
  return fc.array(fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 2, arbitrary: nasty },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  ), { maxLength: Math.ceil(maxLength / 4) }).map(parts => parts.join('').slice(0, maxLength));
}

// ---- desktop-flow scripts ----------------------------------------------------------------------

const IDENT = fc.constantFrom('A', 'Var1', 'Output_Status', 'x', 'ErpPassword', 'List', 'Files', 'CurrentItem', 'Ä', 'a_b');
const KEYWORD_LINE = fc.constantFrom(
  'END', 'ELSE', 'END IF', 'END LOOP', 'END FUNCTION', 'END BLOCK', 'END SWITCH', 'DEFAULT', 'END ERROR', 'ON BLOCK ERROR all',
  'ON BLOCK ERROR', 'NEXT LOOP', 'EXIT LOOP', 'EXIT FUNCTION', 'GET LAST ERROR Err', 'BLOCK', 'BLOCK Name', 'THROW ERROR',
  '@@ConnectionString: \'\'', "@@Type: 'Local'", 'IMPORT \'controlRepo.appmask\' AS appmask', '@SENSITIVE: [Output_Message]',
  "@INPUT In1 : { 'Type': 'String', 'IsOptional': False }", "@OUTPUT Out1 : { 'Type': 'Numeric' }", '# [ControlRepository][PowerAutomateDesktop]',
  '**REGION r', '**ENDREGION', 'RETRY ON ERROR 3', 'RETURN', 'ON ERROR REPEAT 2 TIMES WAIT 1', 'CALL TakeScreenshot', 'LABEL l', 'GOTO l',
);

function expression(depth: number): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    IDENT.map(n => `%${n}%`),
    fc.integer({ min: -99999, max: 99999 }).map(String),
    fc.constantFrom('True', 'False', '0.5', '1e9', '$fx', '"x"'),
    noisyString(20).map(s => `'${s.replace(/'/g, '')}'`),
    noisyString(30).map(s => `$'''${s}'''`),
    noisyString(30).map(s => `$'''pre %${s}% post'''`),
    IDENT.map(n => `%${n}.Count%`),
    IDENT.map(n => `%${n}[0]%`),
    noisyString(12),
  );
  if (depth <= 0) return leaf;
  const sub = expression(depth - 1);
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.tuple(sub, fc.constantFrom('+', '-', '*', '/', '=', '<>', '<=', 'AND', 'OR', 'mod'), sub).map(([a, op, b]) => `%(${strip(a)}) ${op} (${strip(b)})%`) },
    { weight: 1, arbitrary: fc.array(sub, { maxLength: 3 }).map(items => `[${items.join(', ')}]`) },
    { weight: 1, arbitrary: fc.array(fc.tuple(IDENT, sub), { maxLength: 3 }).map(es => `{ ${es.map(([k, v]) => `'${k}': ${v}`).join(', ')} }`) },
    { weight: 1, arbitrary: fc.array(fc.array(sub, { maxLength: 2 }), { maxLength: 2 }).map(rows => `{ ^['a', 'b'], ${rows.map(r => `[${r.join(', ')}]`).join(', ')} }`) },
  );
}

const strip = (s: string) => s.replace(/^%|%$/g, '');

const EXPR = expression(2);

function scriptLine(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(IDENT, EXPR).map(([n, e]) => `SET ${n} TO ${e}`) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom('Folder.GetSpecialFolder', 'WebAutomation.LaunchEdge.LaunchEdge', 'Database.Connect', 'System.RunDOSCommand', 'Variables.IncreaseVariable', 'Foo.Bar.Baz', 'Display.ShowMessageDialog.ShowMessage'), fc.array(fc.tuple(fc.constantFrom('Url', 'ConnectionString', 'Password', 'Path', 'Value', 'Message', 'Title'), EXPR), { maxLength: 3 }), fc.option(IDENT, { nil: undefined }))
      .map(([a, args, out]) => `${a} ${args.map(([k, v]) => `${k}: ${v}`).join(' ')}${out ? ` Result=> ${out}` : ''}`) },
    { weight: 2, arbitrary: EXPR.map(e => `IF ${e} = ${e} THEN`) },
    { weight: 1, arbitrary: EXPR.map(e => `ELSE IF ${e} THEN`) },
    { weight: 1, arbitrary: fc.tuple(IDENT, EXPR, EXPR).map(([n, a, b]) => `LOOP ${n} FROM ${a} TO ${b} STEP 1`) },
    { weight: 1, arbitrary: fc.tuple(IDENT, IDENT).map(([a, b]) => `LOOP FOREACH ${a} IN %${b}%`) },
    { weight: 1, arbitrary: EXPR.map(e => `LOOP WHILE (${e}) < (10)`) },
    { weight: 1, arbitrary: EXPR.map(e => `SWITCH ${e}`) },
    { weight: 1, arbitrary: EXPR.map(e => `CASE = ${e}`) },
    { weight: 1, arbitrary: IDENT.map(n => `FUNCTION ${n} GLOBAL`) },
    { weight: 1, arbitrary: EXPR.map(e => `WAIT ${e}`) },
    { weight: 1, arbitrary: noisyString(40).map(s => `# ${s}`) },
    { weight: 1, arbitrary: noisyString(40).map(s => `/# ${s}`) },
    { weight: 1, arbitrary: noisyString(40).map(s => `${s} #/`) },
    { weight: 3, arbitrary: KEYWORD_LINE },
    { weight: 2, arbitrary: noisyString(60) },
  ).chain(line => fc.constantFrom('', '    ', '\t').map(indent => indent + line));
}

/** A desktop-flow script: header-ish lines, statements, bodies, garbage, mixed line endings. */
export const scriptText: fc.Arbitrary<string> = fc.tuple(
  fc.array(scriptLine(), { maxLength: 30 }),
  fc.array(fc.constantFrom('\r\n', '\n', '\r', '\r\n'), { minLength: 1, maxLength: 4 }),
).map(([lines, eols]) => lines.map((l, i) => l + eols[i % eols.length]).join(''));

// ---- XML ---------------------------------------------------------------------------------------

const XML_NAME = fc.constantFrom('Workflow', 'Definition', 'a', 'b', 'ImportExportXml', 'x:y', 'Ä', 'n.1', '_');

function xmlNode(depth: number): fc.Arbitrary<string> {
  const text = noisyString(30);
  const attrs = fc.array(fc.tuple(XML_NAME, noisyString(12), fc.constantFrom('"', "'")), { maxLength: 3 })
    .map(as => as.map(([n, v, q]) => ` ${n}=${q}${v.split(q).join('')}${q}`).join(''));
  const leaf = fc.oneof(
    text,
    fc.tuple(XML_NAME, attrs).map(([n, a]) => `<${n}${a} />`),
    noisyString(20).map(s => `<![CDATA[${s}]]>`),
    noisyString(20).map(s => `<!--${s}-->`),
    nasty,
  );
  if (depth <= 0) return leaf;
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 2, arbitrary: fc.tuple(XML_NAME, attrs, fc.array(xmlNode(depth - 1), { maxLength: 4 }), fc.constantFrom('match', 'match', 'match', 'other', 'missing'), XML_NAME)
      .map(([n, a, kids, close, other]) => `<${n}${a}>${kids.join('')}${close === 'match' ? `</${n}>` : close === 'other' ? `</${other}>` : ''}`) },
  );
}

export const xmlText: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom('', '<?xml version="1.0" encoding="utf-8"?>\n', '\uFEFF', ' '),
  xmlNode(4),
  fc.array(xmlNode(1), { maxLength: 2 }),
).map(([prolog, root, trailing]) => prolog + root + trailing.join(''));

// ---- JSON --------------------------------------------------------------------------------------

/** JSON text: real values printed, then possibly damaged (cut, characters spliced in). */
export const jsonText: fc.Arbitrary<string> = fc.tuple(
  fc.jsonValue({ maxDepth: 5 }).map(v => JSON.stringify(v, null, 1) ?? 'null'),
  fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(nasty, fc.constantFrom(',', ':', '//', '/*', '"\\', '1e', '-', 'tru', 'nul'))), { maxLength: 3 }),
  fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
).map(([json, splices, cut]) => {
  let s = json;
  for (const [at, piece] of splices) {
    const k = Math.floor(at * s.length);
    s = s.slice(0, k) + piece + s.slice(k);
  }
  return cut === undefined ? s : s.slice(0, Math.floor(cut * s.length));
});
