// Passwords on command lines that `net use` and the SQL Server tools take as positional or `-P`
// arguments. Read line by line and token by token: the first tool name on a line decides, and each
// token is read once (a lazy `[^\r\n]*?` regex re-read the rest of the line from every start).

export interface CommandSecret {
  /** [start, end) of the password in the text. */
  start: number;
  end: number;
  what: string;
}

interface Token { start: number; end: number; text: string }

const NET_USE = /\bnet\s+use\b/gi;
const SQL_TOOL = /\b(?:sqlcmd|bcp|osql|isql)\b/g;
/** `-P pw`, `-P"pw"`, `-P'pw'` after white space; the quote must close when it opens. */
const DASH_P = /\s-P\s*(["']?)([^\s"']+)\1/dg;
/**
 * NET_USE (any case) or SQL_TOOL anywhere in a text (a line matches only if the text does): one search, as
 * most texts hold neither. `[Nn]`… is what the `i` flag does to ASCII letters.
 */
const ANY_COMMAND = /\b(?:[Nn][Ee][Tt]\s+[Uu][Ss][Ee]|sqlcmd|bcp|osql|isql)\b/;

function lines(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\r' || text[i] === '\n') {
      out.push({ start, text: text.slice(start, i) });
      start = i + 1;
    }
  }
  return out;
}

function tokens(line: string, from: number): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  re.lastIndex = from;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

/** `pw`, `"pw"` or `'pw'` as a whole token: the password's span, when its first character can start one. */
function passwordToken(t: Token, wholeToken: boolean): { start: number; end: number } | undefined {
  const q = t.text[0] === '"' || t.text[0] === "'" ? t.text[0] : '';
  let k = q.length;
  while (k < t.text.length && !/[\s"']/.test(t.text[k])) k++;
  if (k === q.length || t.text[q.length] === '/' || t.text[q.length] === '*') return undefined;
  if (q && t.text[k] !== q) return undefined;
  if (wholeToken && k + q.length !== t.text.length) return undefined;
  return { start: t.start + q.length, end: t.start + k };
}

/** `net use \\srv\share <password> /user:…` and `net use … /user:name <password>`. */
function netUsePasswords(line: string, base: number, out: CommandSecret[], program: Program): void {
  let from: number;
  if (program === 'net') {
    // The arguments of `net`: `use …`.
    const use = /^\s*use\b/i.exec(line);
    if (!use) return;
    from = use[0].length;
  } else {
    NET_USE.lastIndex = 0;
    const head = NET_USE.exec(line);
    if (!head) return;
    from = head.index + head[0].length;
  }
  const toks = tokens(line, from);
  // Before /user: — a UNC path ending its token, then the password as a whole token, then /user:.
  for (let i = 0; i + 2 < toks.length; i++) {
    const t = toks[i].text;
    const unc = t.indexOf('\\\\', Math.max(t.lastIndexOf('"'), t.lastIndexOf("'")) + 1);
    if (unc < 0 || unc + 2 >= t.length) continue;
    if (!toks[i + 2].text.toLowerCase().startsWith('/user:')) continue;
    const pw = passwordToken(toks[i + 1], true);
    if (pw) { out.push({ start: base + pw.start, end: base + pw.end, what: 'the net use password' }); break; }
  }
  // After /user:name — the next token.
  for (let i = 0; i + 1 < toks.length; i++) {
    const at = toks[i].text.toLowerCase().indexOf('/user:');
    if (at < 0 || at + 6 >= toks[i].text.length) continue;
    const pw = passwordToken(toks[i + 1], false);
    if (pw) { out.push({ start: base + pw.start, end: base + pw.end, what: 'the net use password' }); break; }
  }
}

/** `sqlcmd … -P password` (and bcp, osql, isql): the first `-P` after the tool's name on its line. */
function sqlToolPasswords(line: string, base: number, out: CommandSecret[], program: Program): void {
  let from = 0;
  if (program !== 'sql') {
    SQL_TOOL.lastIndex = 0;
    const head = SQL_TOOL.exec(line);
    if (!head) return;
    from = head.index + head[0].length;
  }
  // The arguments of the tool itself may start with `-P`: read them after a space standing for the program.
  const args = program === 'sql' ? ` ${line}` : line;
  const shift = program === 'sql' ? -1 : 0;
  DASH_P.lastIndex = from;
  const m = DASH_P.exec(args);
  const at = m?.indices?.[2];
  if (at) out.push({ start: base + shift + at[0], end: base + shift + at[1], what: 'the -P password' });
}

type Program = 'net' | 'sql' | undefined;

/** The program an application path runs, when its arguments are read here: `net`, or a SQL Server tool. */
export function commandProgram(applicationPath: string | undefined): Program {
  const name = (applicationPath ?? '').trim().replace(/^["']|["']$/g, '').split(/[\\/]/).pop()!.toLowerCase().replace(/\.(exe|com|bat|cmd)$/, '');
  if (name === 'net' || name === 'net1') return 'net';
  if (name === 'sqlcmd' || name === 'bcp' || name === 'osql' || name === 'isql') return 'sql';
  return undefined;
}

/**
 * Passwords given to `net use` and to the SQL Server tools (`-P`) in a command line or script text.
 * `applicationPath`: the program the text is the arguments of (Run application), when it is one of those.
 */
export function commandLinePasswords(text: string, applicationPath?: string): CommandSecret[] {
  // Without a program, a line needs `net use` or a SQL tool's name: a text holding neither is not split into lines.
  const program = applicationPath === undefined ? undefined : commandProgram(applicationPath);
  if (!program && !ANY_COMMAND.test(text)) return [];
  const out: CommandSecret[] = [];
  for (const line of lines(text)) {
    netUsePasswords(line.text, line.start, out, program);
    sqlToolPasswords(line.text, line.start, out, program);
  }
  return out;
}
