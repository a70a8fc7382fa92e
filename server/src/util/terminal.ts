// Text from the linted files (names, paths, messages quoting them) printed to a terminal or a CI log:
// control characters are shown escaped, and nothing can start a CI log command. Azure Pipelines runs
// `##vso[…]` (and GitHub's runner `##[…]`) found anywhere in a line; GitHub Actions runs `::name::`
// at the start of a line, after white space.

/** C0 controls except tab, DEL, C1 controls, line/paragraph separators and bidirectional overrides. */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\0': '\\0' };
/** `##vso[` and `##[` anywhere: the first `#` is escaped. */
const LOG_COMMAND = /#(?=#(?:vso)?\[)/gi;

function escapeChar(c: string): string {
  const short = SHORT[c];
  if (short) return short;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One piece of input-derived text made safe for a single line of terminal or CI-log output:
 * control characters escaped (`\n`, `\x1b`, `\u202e`), log commands defused (`\x23#vso[`).
 */
export function escapeText(text: string): string {
  return text.replace(UNSAFE, escapeChar).replace(LOG_COMMAND, '\\x23');
}

/** A whole output line (already escaped pieces and fixed text): a leading `::` or `##` is defused. */
export function safeLine(line: string): string {
  const m = /^[ \t]*(?=::|##)/.exec(line);
  if (!m) return line;
  const at = m[0].length;
  return `${line.slice(0, at)}\\x${line.charCodeAt(at).toString(16)}${line.slice(at + 1)}`;
}

/** Text made of many lines (a report): every line passed through safeLine. */
export function safeLines(text: string): string {
  return text.split('\n').map(safeLine).join('\n');
}

/**
 * JSON text (from JSON.stringify) made safe to print: characters a terminal or log viewer acts on,
 * which JSON.stringify leaves as they are, are written as `\uXXXX` escapes (the same JSON value), and
 * so is the `#` that would start `##vso[` or `##[`. Valid only on JSON text, where `#`, separators and
 * bidi marks can only occur inside strings.
 */
export function jsonForLogs(json: string): string {
  return json
    .replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(LOG_COMMAND, '\\u0023');
}

/** Whether a line would be taken as a CI log command (what the escaping above prevents). */
export function isLogCommandLine(line: string): boolean {
  return /^\s*(::|##)/.test(line) || /##(vso)?\[/i.test(line);
}
