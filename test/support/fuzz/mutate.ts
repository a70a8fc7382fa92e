// Mutations of a file tree (relative path → content): truncate, flip bytes, splice hostile text, nest
// deeply, insert entities, invalid UTF-8, huge strings, delete or duplicate. Each mutation is data, so
// fast-check can shrink a failing list to the one edit that matters and reports can print it.
import fc from 'fast-check';
import { NASTY } from './text-arbitraries';

export type Files = Record<string, string | Uint8Array>;

export type Mutation =
  | { op: 'truncate'; file: number; at: number }
  | { op: 'flip'; file: number; at: number; byte: number }
  | { op: 'insert'; file: number; at: number; text: string }
  | { op: 'nest'; file: number; at: number; depth: number; open: string; close: string }
  | { op: 'invalidUtf8'; file: number; at: number; bytes: readonly number[] }
  | { op: 'huge'; file: number; at: number; char: string; length: number }
  | { op: 'replace'; file: number; find: string; text: string }
  | { op: 'delete'; file: number }
  | { op: 'duplicate'; file: number; from: number; to: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const fileIndex = fc.nat({ max: 1000 });

const INSERTS = [
  ...NASTY, '&#x0;', '&amp;amp;', '\\"', '\\u0000', '\\uDFFF', '"}', ']}', '</Definition>', '<Definition>', '</Workflow>',
  '"properties":', '"definition": null,', '<RootComponent type="29" id="{x}" />', '%', "$'''", '\r\nEND\r\n', '\r\nIF 1 = 1 THEN\r\n',
];
const FINDS = ['"', '>', '<', '&gt;', '\\r\\n', 'properties', 'definition', 'Definition', 'schemaname', 'LogicalName', 'EnvironmentVariables', '{', '[', ':', 'SET', 'END', 'connectionreference'];
const NESTS: Array<[string, string]> = [['[', ']'], ['{"a":', '}'], ['<a>', '</a>'], ['IF 1 = 1 THEN\\r\\n', 'END\\r\\n'], ['(', ')'], ['%(', ')%']];

export function mutationArbitrary(options: { maxHuge: number; maxDepth: number }): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({ op: fc.constant('truncate' as const), file: fileIndex, at: fraction }),
    fc.record({ op: fc.constant('flip' as const), file: fileIndex, at: fraction, byte: fc.integer({ min: 0, max: 255 }) }),
    { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), file: fileIndex, at: fraction, text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ unit: 'binary', maxLength: 8 })) }) },
    fc.record({ op: fc.constant('nest' as const), file: fileIndex, at: fraction, depth: fc.integer({ min: 1, max: options.maxDepth }), pair: fc.constantFrom(...NESTS) })
      .map(({ pair, ...m }) => ({ ...m, open: pair[0], close: pair[1] })),
    fc.record({ op: fc.constant('invalidUtf8' as const), file: fileIndex, at: fraction, bytes: fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x00], [0xfe, 0xff]) }),
    fc.record({ op: fc.constant('huge' as const), file: fileIndex, at: fraction, char: fc.constantFrom('A', ' ', '\\', '&amp;', '%', "'", '\n', '\\\\'), length: fc.integer({ min: 1000, max: options.maxHuge }) }),
    { weight: 2, arbitrary: fc.record({ op: fc.constant('replace' as const), file: fileIndex, find: fc.constantFrom(...FINDS), text: fc.constantFrom(...INSERTS) }) },
    fc.record({ op: fc.constant('delete' as const), file: fileIndex }),
    fc.record({ op: fc.constant('duplicate' as const), file: fileIndex, from: fraction, to: fraction }),
  );
}

const asBytes = (c: string | Uint8Array) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c));
const asText = (c: string | Uint8Array) => (typeof c === 'string' ? c : Buffer.from(c).toString('latin1'));

/** Applies mutations in order to a copy of `files`. Text operations work on strings, byte operations on bytes. */
export function applyMutations(files: Files, mutations: Mutation[]): Files {
  const out: Files = { ...files };
  for (const m of mutations) {
    const keys = Object.keys(out).sort();
    if (!keys.length) break;
    const key = keys[m.file % keys.length];
    const content = out[key];
    const textual = typeof content === 'string';
    const s = asText(content);
    const at = (f: number) => Math.floor(f * s.length);
    switch (m.op) {
      case 'truncate': out[key] = textual ? s.slice(0, at(m.at)) : asBytes(content).subarray(0, Math.floor(m.at * asBytes(content).length)); break;
      case 'flip': {
        const b = Buffer.from(asBytes(content));
        if (b.length) b[Math.min(b.length - 1, Math.floor(m.at * b.length))] ^= m.byte || 1;
        out[key] = b;
        break;
      }
      case 'insert': out[key] = splice(content, m.at, m.text); break;
      case 'nest': {
        const k = at(m.at);
        out[key] = textual ? s.slice(0, k) + m.open.repeat(m.depth) + s.slice(k, k) + m.close.repeat(m.depth) + s.slice(k) : splice(content, m.at, m.open.repeat(m.depth));
        break;
      }
      case 'invalidUtf8': {
        const b = asBytes(content);
        const k = Math.floor(m.at * b.length);
        out[key] = Buffer.concat([b.subarray(0, k), Buffer.from(m.bytes), b.subarray(k)]);
        break;
      }
      case 'huge': out[key] = splice(content, m.at, m.char.repeat(Math.ceil(m.length / m.char.length))); break;
      case 'replace': if (textual) out[key] = s.split(m.find).join(m.text); break;
      case 'delete': delete out[key]; break;
      case 'duplicate': {
        const [a, b] = [at(Math.min(m.from, m.to)), at(Math.max(m.from, m.to))];
        if (textual) out[key] = s.slice(0, b) + s.slice(a, b) + s.slice(b);
        break;
      }
    }
  }
  return out;
}

function splice(content: string | Uint8Array, at: number, text: string): string | Uint8Array {
  if (typeof content === 'string') {
    const k = Math.floor(at * content.length);
    return content.slice(0, k) + text + content.slice(k);
  }
  const k = Math.floor(at * content.length);
  return Buffer.concat([content.subarray(0, k), Buffer.from(text, 'utf8'), content.subarray(k)]);
}

/** A mutation list for reports, naming the file each one hit (replayed: deletions shift the indexes). */
export function showMutations(mutations: Mutation[], files: Files): string {
  let current = files;
  const shown = mutations.map(m => {
    const keys = Object.keys(current).sort();
    const file = keys.length ? keys[m.file % keys.length] : '(none)';
    current = applyMutations(current, [m]);
    return { ...m, file };
  });
  return JSON.stringify(shown);
}
