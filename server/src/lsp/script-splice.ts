// A keystroke in a decoded-script editor, carried into the XML file text without re-encoding the whole script:
// only the typed characters are encoded, spliced into the <Definition>, and the source map is moved by the
// edit. The result equals what a whole re-encoding (scriptFile.ts replaceScriptInText) and a fresh decoding
// give, provided the script was stored as a whole re-encoding stores it: decodedScriptIn checks that once.
import { createHash } from 'node:crypto';
import { encodeForDefinition, EncodingStyle } from '../load/definition';
import { SegmentMap } from '../load/sourcemap';
import type { SourceMap } from '../model/types';
import type { SourceFile } from '../util/text';
import { decodeScriptInText } from './scriptFile';

/** A desktop flow's script as decoded from (or spliced into) a file text. */
export interface DecodedScript {
  fileText: string;
  flowId: string;
  text: string;
  storage: 'json-string' | 'xml-text';
  style?: EncodingStyle;
  /** Script offsets ↔ offsets of fileText; its fileSpan is the script's region. */
  map: SegmentMap;
}

/**
 * The script of flow `flowId` in a file text, when an edit can be spliced into it: it decodes without problems and
 * its region is exactly the encoding of its text (else undefined: splicing would leave other escapes than a whole
 * re-encoding writes).
 */
export function decodedScriptIn(fileText: string, flowId: string): DecodedScript | undefined {
  const found = decodeScriptInText(fileText, flowId);
  if ('error' in found) return undefined;
  const { decoded } = found;
  if (decoded.problems.length) return undefined;
  return spliceable(fileText, flowId, decoded);
}

/**
 * A script already decoded without problems from `fileText` (the engine's, see engine-script.ts), when an edit can be
 * spliced into it: its region is exactly the encoding of its text.
 */
export function spliceable(fileText: string, flowId: string, decoded: { text: string; storage: string; style?: EncodingStyle; map: SourceMap }): DecodedScript | undefined {
  if (!(decoded.map instanceof SegmentMap) || (decoded.storage !== 'json-string' && decoded.storage !== 'xml-text')) return undefined;
  const region = decoded.map.fileSpan;
  if (region.end > fileText.length || encodeForDefinition(decoded.text, decoded.storage, decoded.style) !== fileText.slice(region.start, region.end)) return undefined;
  return { fileText, flowId, text: decoded.text, storage: decoded.storage, style: decoded.style, map: decoded.map };
}

/**
 * Characters whose removal can change the escaping style a decoding infers from the stored text (&quot;, &apos;,
 * a bare `>`, `\/` present or not), and characters whose encoding depends on more than the style (\uXXXX
 * escapes: control characters, non-ASCII): an edit touching them is merged whole instead.
 */
const STYLE_CHANGING_REMOVAL = /["'>/]/;
const ESCAPED_AS_UNICODE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u0080-\uffff]/;

/**
 * The file text and map with the script replaced by `script`: the part between the common head and tail is
 * encoded and spliced in. Undefined when the edit could change the escaping style a fresh decoding would infer.
 */
export function spliceScript(from: DecodedScript, script: string): DecodedScript | undefined {
  const old = from.text;
  const { head, tail } = commonEnds(old, script);
  const typed = script.slice(head, script.length - tail);
  const removed = old.slice(head, old.length - tail);
  if (STYLE_CHANGING_REMOVAL.test(removed) || ESCAPED_AS_UNICODE.test(removed) || ESCAPED_AS_UNICODE.test(typed)) return undefined;
  // XML text that starts like a JSON string literal may decode as one.
  if (from.storage === 'xml-text' && /^\s*"/.test(script)) return undefined;
  // Character by character (the encoding is per UTF-16 unit), so the map knows each one's width.
  const widths = new Int32Array(typed.length);
  const parts: string[] = [];
  for (let i = 0; i < typed.length; i++) {
    const encoded = encodeForDefinition(typed[i], from.storage, from.style);
    widths[i] = encoded.length;
    parts.push(encoded);
  }
  const fileFrom = from.map.toFile(head);
  const fileTo = from.map.toFile(old.length - tail);
  return {
    ...from,
    fileText: from.fileText.slice(0, fileFrom) + parts.join('') + from.fileText.slice(fileTo),
    text: script,
    map: from.map.spliced(head, old.length - tail, widths),
  };
}

/**
 * The SourceFile the engine would read from an overlay holding `text` (UTF-8, with a BOM when `bom`): its hash,
 * which only a write or a later comparison asks for, is computed on first use.
 */
export function overlaySourceFile(path: string, text: string, bom: boolean): SourceFile {
  let hash: string | undefined;
  return {
    path,
    text,
    bom,
    encoding: 'utf8',
    get hash() {
      if (hash === undefined) {
        const body = Buffer.from(text, 'utf8');
        hash = createHash('sha1').update(bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body).digest('hex');
      }
      return hash;
    },
    entry: undefined,
  };
}

/** Chunk length for commonEnds: slices compare as memory, while indexing a spliced (concatenated) text is slow. */
const CHUNK = 1024;

/** The lengths of the longest common head of two texts and of their longest common tail after it. */
export function commonEnds(a: string, b: string): { head: number; tail: number } {
  const shortest = Math.min(a.length, b.length);
  let head = 0;
  while (head + CHUNK <= shortest && a.slice(head, head + CHUNK) === b.slice(head, head + CHUNK)) head += CHUNK;
  while (head < shortest && a.charCodeAt(head) === b.charCodeAt(head)) head++;
  let tail = 0;
  while (tail + CHUNK <= shortest - head && a.slice(a.length - tail - CHUNK, a.length - tail) === b.slice(b.length - tail - CHUNK, b.length - tail)) tail += CHUNK;
  while (tail < shortest - head && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  return { head, tail };
}
