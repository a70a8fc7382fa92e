// Fuzz targets for the <Definition> decoder and the position maps (load/definition.ts, load/sourcemap.ts):
// decoding never throws, the map stays inside the element, and positions round-trip.
import fc from 'fast-check';
import { decodeDefinition, encodeForDefinition, type EncodingStyle } from '../../../server/src/load/definition';
import { SegmentMap, type SourceMap } from '../../../server/src/load/sourcemap';
import { checkOffset, checkSpan, checkTreeSpans, violation } from './spans';
import { quote, type FuzzTarget } from './target';
import { NASTY, noisyString, scriptText } from './text-arbitraries';

const style: fc.Arbitrary<EncodingStyle> = fc.record({ xmlQuot: fc.boolean(), xmlApos: fc.boolean(), xmlGt: fc.boolean(), jsonAsciiOnly: fc.boolean(), jsonSlash: fc.boolean() });

export interface DefinitionInput {
  before: string;
  content: string;
  after: string;
}

/** Checks a map against the file span it claims, char by char (both directions). */
export function checkMap(map: SourceMap, scriptLength: number, region: { start: number; end: number }, fileLength: number): void {
  if (map.scriptLength !== scriptLength) violation(`map.scriptLength ${map.scriptLength} ≠ script length ${scriptLength}`);
  checkSpan('map.fileSpan', map.fileSpan, fileLength);
  if (map.fileSpan.start < region.start || map.fileSpan.end > region.end) violation(`map.fileSpan {${map.fileSpan.start}, ${map.fileSpan.end}} outside the element content {${region.start}, ${region.end}}`);
  let previous = -1;
  for (let o = 0; o <= scriptLength; o++) {
    const f = map.toFile(o);
    checkOffset(`toFile(${o})`, f, fileLength);
    if (f < map.fileSpan.start || f > map.fileSpan.end) violation(`toFile(${o}) = ${f} outside fileSpan {${map.fileSpan.start}, ${map.fileSpan.end}}`);
    if (f < previous) violation(`toFile is not monotonic: toFile(${o}) = ${f} < toFile(${o - 1}) = ${previous}`);
    previous = f;
  }
  for (let o = 0; o < scriptLength; o++) {
    const f = map.toFile(o);
    // A character of file width zero (the high surrogate of an entity outside the BMP) shares its start
    // with the next one: a file offset maps back to the first character starting there.
    const first = o === 0 || map.toFile(o - 1) < f;
    const back = map.toScript(f);
    if (first && back !== o) violation(`toScript(toFile(${o})) = ${back}`);
    if (map.toFile(back) !== f) violation(`toFile(toScript(${f})) = ${map.toFile(back)}`);
    // Rounding a mapped span outwards covers it and maps back to the same file span.
    const fileSpan = map.toFileSpan({ start: o, end: o + 1 });
    const span = map.toScriptSpan(fileSpan);
    const again = map.toFileSpan(span);
    const covers = fileSpan.start === fileSpan.end || (span.start <= o && span.end >= o + 1);
    if (!covers || again.start !== fileSpan.start || again.end !== fileSpan.end) {
      violation(`toScriptSpan(toFileSpan({${o}, ${o + 1}})) = {${span.start}, ${span.end}}, which maps to {${again.start}, ${again.end}} ≠ {${fileSpan.start}, ${fileSpan.end}}`);
    }
  }
  for (let f = map.fileSpan.start; f <= map.fileSpan.end; f++) {
    const s = map.toScript(f);
    checkOffset(`toScript(${f})`, s, scriptLength);
  }
}

const rawContent: fc.Arbitrary<string> = fc.oneof(
  // What exports hold: the script as a JSON string, XML-escaped.
  { weight: 3, arbitrary: fc.tuple(scriptText, style).map(([s, st]) => `"${encodeForDefinition(s, 'json-string', st)}"`) },
  { weight: 2, arbitrary: fc.tuple(scriptText, style).map(([s, st]) => encodeForDefinition(s, 'xml-text', st)) },
  // Hand-damaged: escapes, entities and CDATA spliced anywhere.
  { weight: 3, arbitrary: fc.tuple(fc.tuple(scriptText, style).map(([s, st]) => `"${encodeForDefinition(s, 'json-string', st)}"`), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...NASTY, '\\', '\\u00', '\\uD83D\\uDE00', '"', '&#x1F600;', '<![CDATA[a"\\n', ']]>')), { minLength: 1, maxLength: 4 }))
    .map(([s, splices]) => splices.reduce((acc, [at, piece]) => { const k = Math.floor(at * acc.length); return acc.slice(0, k) + piece + acc.slice(k); }, s)) },
  { weight: 1, arbitrary: noisyString(200) },
);

export const definitionTarget: FuzzTarget<DefinitionInput> = {
  name: 'definition',
  subject: 'server/src/load/definition.ts decodeDefinition + sourcemap.ts SegmentMap',
  arbitrary: fc.record({
    before: fc.constantFrom('<Definition>', '<Workflow><Definition>', '"<x>&amp;'),
    content: rawContent,
    after: fc.constantFrom('</Definition>', '', ']]>&amp;'),
  }),
  // Earlier find: a character outside the BMP written as one entity.
  examples: [{ before: '<Definition>', content: 'x&#x1F600;', after: '</Definition>' }],
  check({ before, content, after }) {
    const fileText = before + content + after;
    const region = { start: before.length, end: before.length + content.length };
    const decoded = decodeDefinition(fileText, region);
    for (const p of decoded.problems) checkOffset(`problem "${p.message}"`, p.offset, fileText.length);
    checkMap(decoded.map, decoded.text.length, region, fileText.length);
  },
  measure({ before, content, after }) {
    const decoded = decodeDefinition(before + content + after, { start: before.length, end: before.length + content.length });
    // Mapping every 64th position back and forth is what diagnostics and fixes do.
    for (let o = 0; o <= decoded.text.length; o += 64) decoded.map.toScript(decoded.map.toFile(o));
  },
  size: i => i.before.length + i.content.length + i.after.length,
  show: i => `before=${quote(i.before)} content=${quote(i.content)} after=${quote(i.after)}`,
  pumps: [
    { name: 'entities', make: n => ({ before: '<Definition>', content: `"${'&gt;&amp;&quot;\\r\\n\\u0041'.repeat(16 * n)}"`, after: '</Definition>' }) },
    { name: 'xml-text', make: n => ({ before: '<Definition>', content: 'SET A TO 1 &lt;&gt;\r\n'.repeat(16 * n), after: '</Definition>' }) },
    { name: 'CDATA runs', make: n => ({ before: '<Definition>', content: '<![CDATA[ab]]>'.repeat(16 * n), after: '</Definition>' }) },
  ],
};

export interface RoundTripInput {
  script: string;
  storage: 'json-string' | 'xml-text';
  style: EncodingStyle;
}

/** encodeForDefinition then decodeDefinition gives the script back, with a map over every character. */
export const definitionRoundTripTarget: FuzzTarget<RoundTripInput> = {
  name: 'definition-roundtrip',
  subject: 'server/src/load/definition.ts encodeForDefinition ∘ decodeDefinition',
  arbitrary: fc.record({
    script: fc.oneof(scriptText, noisyString(80)),
    storage: fc.constantFrom('json-string' as const, 'xml-text' as const),
    style,
  }).filter(i => i.storage === 'json-string' || !/^[ \t\r\n]*"/.test(i.script)),
  check({ script, storage, style: st }) {
    const encoded = encodeForDefinition(script, storage, st);
    const content = storage === 'json-string' ? `"${encoded}"` : encoded;
    const fileText = `<Definition>${content}</Definition>`;
    const region = { start: 12, end: 12 + content.length };
    const decoded = decodeDefinition(fileText, region);
    if (decoded.text !== script) violation(`decoded ${quote(decoded.text)} ≠ the encoded script`);
    if (decoded.storage !== storage) violation(`storage read back as ${decoded.storage}`);
    if (decoded.problems.length) violation(`problems on a script FlowCop encoded itself: ${decoded.problems.map(p => p.message).join('; ')}`);
    checkMap(decoded.map, script.length, region, fileText.length);
    // Replacing a script span with encoded text equals replacing the mapped file span.
    const a = Math.floor(script.length / 3);
    const b = Math.floor((2 * script.length) / 3);
    const fileSpan = decoded.map.toFileSpan({ start: a, end: b });
    const edited = fileText.slice(0, fileSpan.start) + encodeForDefinition('X"&<>\\', storage, st) + fileText.slice(fileSpan.end);
    const content2 = { start: 12, end: edited.length - 13 };
    const again = decodeDefinition(edited, content2);
    const expected = script.slice(0, a) + 'X"&<>\\' + script.slice(b);
    if (again.text !== expected) violation(`editing script span {${a}, ${b}} through the map gave ${quote(again.text)}, expected ${quote(expected)}`);
  },
  size: i => i.script.length,
  show: i => `script=${quote(i.script)} storage=${i.storage} style=${JSON.stringify(i.style)}`,
};

/** Random position maps: each script character has a file width (1 mostly, escapes wider). */
export const sourceMapTarget: FuzzTarget<{ base: number; widths: number[] }> = {
  name: 'sourcemap',
  subject: 'server/src/load/sourcemap.ts SegmentMap',
  arbitrary: fc.record({
    base: fc.integer({ min: 0, max: 50 }),
    widths: fc.array(fc.oneof({ weight: 8, arbitrary: fc.constant(1) }, { weight: 3, arbitrary: fc.integer({ min: 2, max: 8 }) }, { weight: 1, arbitrary: fc.constant(0) }), { maxLength: 200 })
      // Width 0 exists only as the first half of a surrogate pair written as one entity: a wider unit follows.
      .map(ws => ws.map((w, i) => (w === 0 && !(ws[i + 1] > 0) ? 1 : w))),
  }),
  check({ base, widths }) {
    const starts = [base];
    for (const w of widths) starts.push(starts[starts.length - 1] + w);
    const map = new SegmentMap(starts);
    const end = starts[starts.length - 1];
    checkMap(map, widths.length, { start: base, end }, end + 5);
    for (let o = 0; o <= widths.length; o++) {
      if (map.toFile(o) !== starts[o]) violation(`toFile(${o}) = ${map.toFile(o)}, expected ${starts[o]}`);
    }
    // Inside a wide character, every file offset maps to that character.
    for (let o = 0; o < widths.length; o++) {
      for (let f = starts[o] + 1; f < starts[o + 1]; f++) {
        // (the pair's high surrogate has width 0: file offsets inside the entity map to the pair's start)
        if (o > 0 && widths[o - 1] === 0) continue;
        if (map.toScript(f) !== o) violation(`toScript(${f}) = ${map.toScript(f)}, expected ${o} (inside character ${o})`);
      }
    }
    checkTreeSpans('map', { fileSpan: map.fileSpan }, end);
  },
  size: i => i.widths.length,
  measure({ base, widths }) {
    const starts = [base];
    for (const w of widths) starts.push(starts[starts.length - 1] + w);
    const map = new SegmentMap(starts);
    for (let o = 0; o <= widths.length; o += 16) map.toScript(map.toFile(o));
  },
  show: i => `base=${i.base} widths=${JSON.stringify(i.widths)}`,
  pumps: [{ name: 'alternating widths', make: n => ({ base: 0, widths: Array.from({ length: 64 * n }, (_, i) => (i % 2 ? 1 : 5)) }) }],
};
