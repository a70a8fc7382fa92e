// ReDoS pumping: finds every regular-expression literal in a source folder, derives the classic
// attack strings for its shape (a prefix that reaches each unbounded quantifier, then a repeated
// unit, then a character that makes the match fail) and times them at growing lengths. Used by
// test/unit/safety-regex-pump.test.ts; the timing runs in a worker (safety-regex-pump-worker.ts)
// so that a pattern that never ends is stopped and reported instead of hanging the test.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface RegexLiteral {
  file: string;
  line: number;
  source: string;
  flags: string;
}

/** Regular-expression literals of the .ts files below `dir` (strings, templates and comments skipped). */
export function listRegexLiterals(dir: string): RegexLiteral[] {
  const out: RegexLiteral[] = [];
  for (const file of tsFiles(dir)) {
    const s = fs.readFileSync(file, 'utf8');
    let line = 1;
    let i = 0;
    const advance = (to: number) => {
      for (let k = i; k < to && k < s.length; k++) if (s[k] === '\n') line++;
      i = to;
    };
    while (i < s.length) {
      const c = s[i];
      if (c === '/' && s[i + 1] === '/') { const e = s.indexOf('\n', i); advance(e < 0 ? s.length : e); continue; }
      if (c === '/' && s[i + 1] === '*') { const e = s.indexOf('*/', i + 2); advance(e < 0 ? s.length : e + 2); continue; }
      if (c === '"' || c === "'" || c === '`') {
        let j = i + 1;
        while (j < s.length && s[j] !== c) j += s[j] === '\\' ? 2 : 1;
        advance(j + 1);
        continue;
      }
      if (c === '/' && startsRegex(s, i)) {
        let j = i + 1;
        let inClass = false;
        while (j < s.length && s[j] !== '\n') {
          if (s[j] === '\\') { j += 2; continue; }
          if (s[j] === '[') inClass = true;
          else if (s[j] === ']') inClass = false;
          else if (s[j] === '/' && !inClass) break;
          j++;
        }
        let k = j + 1;
        while (/[dgimsuyv]/.test(s[k] ?? '')) k++;
        out.push({ file: path.relative(dir, file), line, source: s.slice(i + 1, j), flags: s.slice(j + 1, k) });
        advance(k);
        continue;
      }
      advance(i + 1);
    }
  }
  return out;
}

function startsRegex(s: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && /\s/.test(s[k])) k--;
  if (k < 0) return true;
  if ('(,=:[!&|?{};+'.includes(s[k])) return true;
  return /\breturn$/.test(s.slice(Math.max(0, k - 6), k + 1));
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// A small regex reader: enough structure to find the unbounded quantifiers and a sample text that
// reaches each of them.

type Node =
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; alts: Node[] }
  | { kind: 'char'; sample: string }
  | { kind: 'look' }
  | { kind: 'quant'; min: number; unbounded: boolean; body: Node };

const CANDIDATES = ['a', 'A', '0', ' ', '.', '-', '_', '/', '\\', ':', '=', '@', 'x', 'é'];

function sampleOfClass(cls: string, flags: string): string {
  try {
    const re = new RegExp(cls, flags.replace(/[gyd]/g, ''));
    return CANDIDATES.find(c => re.test(c)) ?? '';
  } catch {
    return 'a';
  }
}

function parse(src: string, flags: string): Node {
  let i = 0;
  const parseAlt = (): Node => {
    const alts: Node[] = [parseSeq()];
    while (src[i] === '|') { i++; alts.push(parseSeq()); }
    return alts.length === 1 ? alts[0] : { kind: 'alt', alts };
  };
  const parseSeq = (): Node => {
    const items: Node[] = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      let atom = parseAtom();
      atom = parseQuantifier(atom);
      items.push(atom);
    }
    return { kind: 'seq', items };
  };
  const parseQuantifier = (atom: Node): Node => {
    const c = src[i];
    let min = -1;
    let unbounded = false;
    if (c === '*' || c === '+' || c === '?') {
      min = c === '+' ? 1 : 0;
      unbounded = c !== '?';
      i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (m) {
        min = Number(m[1]);
        unbounded = m[2] !== undefined && (m[3] === '' || Number(m[3]) > 16);
        i += m[0].length;
      }
    }
    if (min < 0) return atom;
    if (src[i] === '?') i++;
    return { kind: 'quant', min, unbounded, body: atom };
  };
  const parseAtom = (): Node => {
    const c = src[i];
    if (c === '(') {
      i++;
      let look = false;
      if (src[i] === '?') {
        if (src.startsWith('?:', i)) i += 2;
        else if (src.startsWith('?=', i) || src.startsWith('?!', i)) { i += 2; look = true; }
        else if (src.startsWith('?<=', i) || src.startsWith('?<!', i)) { i += 3; look = true; }
        else if (src.startsWith('?<', i)) i = src.indexOf('>', i) + 1;
      }
      const body = parseAlt();
      i++; // ')'
      return look ? { kind: 'look' } : body;
    }
    if (c === '[') {
      let j = i + 1;
      if (src[j] === '^') j++;
      if (src[j] === ']') j++;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      const cls = src.slice(i, j + 1);
      i = j + 1;
      return { kind: 'char', sample: sampleOfClass(cls, flags) };
    }
    if (c === '\\') {
      const e = src[i + 1];
      i += 2;
      if (e === 'b' || e === 'B') return { kind: 'look' };
      if (/[1-9]/.test(e)) { while (/[0-9]/.test(src[i] ?? '')) i++; return { kind: 'look' }; }
      if (e === 'k') { i = src.indexOf('>', i) + 1; return { kind: 'look' }; }
      if (e === 'p' || e === 'P') { const end = src.indexOf('}', i); const cls = src.slice(i - 2, end + 1); i = end + 1; return { kind: 'char', sample: sampleOfClass(cls, flags + 'u') }; }
      if (e === 'u') { const m = /^[0-9a-fA-F]{4}/.exec(src.slice(i)); if (m) { i += 4; return { kind: 'char', sample: String.fromCharCode(parseInt(m[0], 16)) }; } }
      if (e === 'x') { const m = /^[0-9a-fA-F]{2}/.exec(src.slice(i)); if (m) { i += 2; return { kind: 'char', sample: String.fromCharCode(parseInt(m[0], 16)) }; } }
      const special: Record<string, string> = { d: '0', D: 'a', w: 'a', W: ' ', s: ' ', S: 'a', n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };
      return { kind: 'char', sample: special[e] ?? e };
    }
    i++;
    if (c === '^' || c === '$') return { kind: 'look' };
    if (c === '.') return { kind: 'char', sample: 'a' };
    return { kind: 'char', sample: c };
  };
  return parseAlt();
}

function witness(n: Node): string {
  switch (n.kind) {
    case 'seq': return n.items.map(witness).join('');
    case 'alt': return witness(n.alts[0]);
    case 'char': return n.sample;
    case 'look': return '';
    case 'quant': return witness(n.body).repeat(n.min);
  }
}

/** Each unbounded quantifier: the text that reaches it and a sample of what it repeats. */
function pumpPoints(root: Node): Array<{ prefix: string; body: string }> {
  const out: Array<{ prefix: string; body: string }> = [];
  const visit = (n: Node, before: string) => {
    if (n.kind === 'seq') {
      let b = before;
      for (const item of n.items) { visit(item, b); b += witness(item); }
    } else if (n.kind === 'alt') {
      for (const a of n.alts) visit(a, before);
    } else if (n.kind === 'quant') {
      if (n.unbounded) out.push({ prefix: before, body: witness(n.body) || 'a' });
      visit(n.body, before);
    }
  };
  visit(root, '');
  return out;
}

/** The separators and units of the classic attacks: spaces, separators, `a=` pairs, dots, `@`, backslashes. */
const UNITS = [' ', '\t', 'a', '0', '.', '-', '_', '/', '\\', ':', ';', '=', '@', ',', "'", '"', '&', '#', '?', '%', '\n', '<', '{', '(', 'a-', 'a.', 'a ', 'a=', 'a:', 'a;', 'a@', 'a/', 'a\\', "a'", 'a,', '=a;', '\\\\', ' a', ' -a', "''"];
const SUFFIXES = ['', '\u0001'];

export interface Attack {
  prefix: string;
  unit: string;
  suffix: string;
}

/** Attack strings for one regex: each pump point and the whole pattern's sample, with every unit. */
export function attacksFor(source: string, flags: string): Attack[] {
  const seen = new Set<string>();
  const out: Attack[] = [];
  const add = (a: Attack) => {
    const key = `${a.prefix}\u0002${a.unit}\u0002${a.suffix}`;
    if (!a.unit || seen.has(key)) return;
    seen.add(key);
    out.push(a);
  };
  let root: Node;
  try { root = parse(source, flags); } catch { root = { kind: 'seq', items: [] }; }
  const whole = witness(root);
  for (const unit of UNITS) for (const suffix of SUFFIXES) add({ prefix: '', unit, suffix });
  for (const p of pumpPoints(root)) {
    for (const unit of [p.body, ...UNITS.slice(0, 24)]) {
      for (const suffix of SUFFIXES) add({ prefix: p.prefix, unit, suffix });
    }
    // The prefix itself repeated: many starts that each scan the rest (`eyJ-eyJ-…`, `a://a://…`).
    if (p.prefix) {
      for (const sep of ['', ' ', '-', '.', '/', '\\', ';', '&']) {
        add({ prefix: '', unit: p.prefix + p.body + sep, suffix: '' });
        add({ prefix: '', unit: p.prefix + sep, suffix: '' });
      }
    }
  }
  if (whole) for (const sep of ['', ' ', '-', '.', ';', '&', '\n']) add({ prefix: '', unit: whole + sep, suffix: '' });
  return out;
}

/**
 * Whether the pattern has an unbounded quantifier (`*`, `+`, `{n,}`) anywhere, lookarounds included.
 * Without one, each start position costs a bounded amount of work: the scan is linear.
 */
export function hasUnboundedQuantifier(source: string): boolean {
  const bare = source.replace(/\\./g, 'x').replace(/\[(?:[^\]\\]|\\.)*\]/g, 'x');
  return /[*+]|\{\d+,\d*\}/.test(bare.replace(/\{(\d+),(\d+)\}/g, (_m, _a, b) => (Number(b) > 16 ? '+' : 'x')));
}

export function attackText(a: Attack, length: number): string {
  const n = Math.max(1, Math.ceil((length - a.prefix.length - a.suffix.length) / a.unit.length));
  return a.prefix + a.unit.repeat(n) + a.suffix;
}

/**
 * Every match of the pattern over the text, the way split/replace/matchAll scan it (the worst case of
 * any use). `test` allocates no match objects, so the time is the pattern's, not the collector's.
 */
export function scanAll(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let count = 0;
  let previous = 0;
  while (re.test(text)) {
    count++;
    // An empty match leaves lastIndex where it was: step over it.
    if (re.lastIndex === previous) re.lastIndex++;
    previous = re.lastIndex;
    if (previous > text.length) break;
  }
  return count;
}

export function globalVersion(source: string, flags: string): RegExp {
  return new RegExp(source, flags.replace(/[gy]/g, '') + 'g');
}
