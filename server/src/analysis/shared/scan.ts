// Hand-written scanners for the shapes that regular expressions would match in super-linear time
// (a run of characters that two quantifiers, or many start positions, can each claim). Every
// function here reads each character a bounded number of times.

const WHITESPACE = /\s/;

export function isSpace(c: string | undefined): boolean {
  return c !== undefined && WHITESPACE.test(c);
}

/** What `/\s/` matches, by character code: no one-character string and no regex run per character. */
export function isSpaceCode(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029
    || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** `text` without the trailing characters `drop` accepts (what `replace(/[…]+$/, '')` did, in linear time). */
export function trimTrailing(text: string, drop: (c: string) => boolean): string {
  let end = text.length;
  while (end > 0 && drop(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}

const isAsciiLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isAsciiWord = (c: string | undefined) => c !== undefined && (isAsciiLetter(c) || (c >= '0' && c <= '9') || c === '_');

/**
 * A path may hold spaces and commas (`D:\Program Files\Contoso, Inc\app.exe`) but stops at a line end,
 * a `;`, a `%variable%`, where the next path starts or where a command-line switch follows
 * (`\\srv\share /persistent:no`, `C:\in -Recurse`). Returns the end of the path body starting at `from`.
 * A run of white space is looked past once, not once per character.
 */
export function pathBodyEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if ('\r\n"\'<>|?*%;'.includes(c)) return i;
    if (isSpace(c)) {
      let j = i;
      while (j < text.length && isSpace(text[j])) j++;
      if (startsPathOrSwitch(text, j)) return i;
      // The run's own characters up to a line end belong to the path.
      for (; i < j; i++) if (text[i] === '\r' || text[i] === '\n') return i;
      continue;
    }
    i++;
  }
  return i;
}

/** `C:\`, `C:/`, `\\`, `/x`, `/?`, `-x`, `--x` at `at`. */
function startsPathOrSwitch(text: string, at: number): boolean {
  const c = text[at];
  if (isAsciiLetter(c) && text[at + 1] === ':' && (text[at + 2] === '\\' || text[at + 2] === '/')) return true;
  if (c === '\\' && text[at + 1] === '\\') return true;
  if (c === '/' && (isAsciiLetter(text[at + 1]) || text[at + 1] === '?')) return true;
  if (c === '-') {
    const n = text[at + 1] === '-' ? text[at + 2] : text[at + 1];
    return isAsciiLetter(n) || (text[at + 1] === '-' && isAsciiLetter(text[at + 2]));
  }
  return false;
}

/**
 * JSON web tokens: `eyJ…` `.eyJ…` `.…`, each part at least 8 more characters of `[A-Za-z0-9_-]`, the
 * first starting at a word boundary (what `/\beyJ[…]{8,}\.eyJ[…]{8,}\.[…]{8,}/g` found). Each run of
 * token characters is judged once: every start inside one run ends where the run ends.
 */
export function findJwts(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  if (!text.includes('eyJ')) return out;
  const isTok = (c: string | undefined) => isAsciiWord(c) || c === '-';
  const runEnd = (from: number) => { let k = from; while (k < text.length && isTok(text[k])) k++; return k; };
  let i = 0;
  while (i < text.length) {
    if (!isTok(text[i])) { i++; continue; }
    const end1 = runEnd(i);
    // The earliest `eyJ` at a word boundary in this run.
    let s = -1;
    for (let k = i; k + 3 <= end1; k++) {
      if (text.startsWith('eyJ', k) && !isAsciiWord(text[k - 1])) { s = k; break; }
    }
    if (s >= 0 && end1 - s >= 11 && text[end1] === '.' && text.startsWith('eyJ', end1 + 1)) {
      const end2 = runEnd(end1 + 1);
      if (end2 - (end1 + 1) >= 11 && text[end2] === '.') {
        const end3 = runEnd(end2 + 1);
        if (end3 - (end2 + 1) >= 8) {
          out.push({ start: s, end: end3 });
          i = end3;
          continue;
        }
      }
    }
    i = end1;
  }
  return out;
}

/**
 * `scheme://user:password@` occurrences (what `/\b[a-z][a-z0-9+.-]*:\/\/([^…:]+):([^…]+)@/gi` found), from
 * each `://` back to the earliest scheme start, so a long run of scheme characters is read once.
 * `userStop`/`passwordStop` are the characters the user and password cannot hold; `emptyUser` allows `://:pw@`.
 */
export function findUserInfo(text: string, userStop: string, passwordStop: string, emptyUser: boolean): Array<{ index: number; user: string; password: string; end: number }> {
  const out: Array<{ index: number; user: string; password: string; end: number }> = [];
  const isSchemeChar = (c: string | undefined) => c !== undefined && (isAsciiLetter(c) || (c >= '0' && c <= '9') || c === '+' || c === '.' || c === '-');
  let floor = 0;
  for (let colon = text.indexOf('://'); colon >= 0; colon = text.indexOf('://', colon + 1)) {
    let a = colon;
    while (a > floor && isSchemeChar(text[a - 1])) a--;
    let start = -1;
    for (let k = a; k < colon; k++) {
      if (isAsciiLetter(text[k]) && !isAsciiWord(text[k - 1])) { start = k; break; }
    }
    if (start < 0) continue;
    let u = colon + 3;
    while (u < text.length && !userStop.includes(text[u]) && !isSpace(text[u])) u++;
    if (text[u] !== ':' || (!emptyUser && u === colon + 3)) continue;
    let p = u + 1;
    while (p < text.length && !passwordStop.includes(text[p]) && !isSpace(text[p])) p++;
    if (text[p] !== '@' || p === u + 1) continue;
    out.push({ index: start, user: text.slice(colon + 3, u), password: text.slice(u + 1, p), end: p + 1 });
    floor = p + 1;
  }
  return out;
}

/**
 * Contents of each `<tag>…</tag>` block (tag case-insensitive, the first closing tag after each opening
 * one), what `/<tag>([\s\S]*?)<\/tag>/gi` found. An opening tag without a closing one ends the search:
 * every later opening tag has none either, so the rest is not re-read from each of them.
 */
export function taggedBlocks(text: string, tag: string): string[] {
  const out: string[] = [];
  const open = new RegExp(`<${tag}>`, 'gi');
  const close = new RegExp(`</${tag}>`, 'gi');
  for (let o = open.exec(text); o; o = open.exec(text)) {
    close.lastIndex = o.index + o[0].length;
    const c = close.exec(text);
    if (!c) break;
    out.push(text.slice(o.index + o[0].length, c.index));
    open.lastIndex = c.index + c[0].length;
  }
  return out;
}
