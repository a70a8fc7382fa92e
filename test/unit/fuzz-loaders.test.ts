// Property-based fuzzing of the loaders (fast-check, fixed seed, few runs; `npm run fuzz` runs many):
// no exception escapes, every reported span lies inside its text, position maps round-trip.
// A failure prints the seed, the shrunk input and the stack (see test/support/fuzz/target.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { definitionRoundTripTarget, definitionTarget, sourceMapTarget } from '../support/fuzz/map-targets';
import { runProperty } from '../support/fuzz/target';
import { decodeTarget, jsonTarget, scriptTarget, settingsTarget, xmlEscapeTarget, xmlTarget } from '../support/fuzz/text-targets';
import { zipTarget } from '../support/fuzz/tree-targets';

const SEED = 20261204;

describe('fuzz: loaders keep their contract on any input', () => {
  test('desktop-flow script parser: no internal error, every AST span inside the script', () => {
    runProperty(scriptTarget, { seed: SEED, numRuns: 300 });
  });

  test('XML reader: no throw, element/attribute/text spans inside the file and nested in their parents', () => {
    runProperty(xmlTarget, { seed: SEED, numRuns: 300 });
  });

  test('XML reader: a start tag cut off after white space stays inside the file', () => {
    // Minimal repro found by the fuzzer (seed 4): "<\ud800\r\n" gave the root span {0, 5} in a 4-character file.
    assert.doesNotThrow(() => xmlTarget.check('<a '));
    assert.doesNotThrow(() => xmlTarget.check('<\ud800\r\n'));
  });

  test('XML escaping round-trips through the reader', () => {
    runProperty(xmlEscapeTarget, { seed: SEED, numRuns: 200 });
  });

  test('JSON: no throw (deep nesting included), node spans inside the text and nested', () => {
    runProperty(jsonTarget, { seed: SEED, numRuns: 200 });
  });

  test('deployment settings: no throw, entry and problem spans inside the file', () => {
    runProperty(settingsTarget, { seed: SEED, numRuns: 200 });
  });

  test('decoding file bytes: no throw whatever the byte-order mark and length, error offsets inside the bytes', () => {
    runProperty(decodeTarget, { seed: SEED, numRuns: 300 });
  });

  test('<Definition> decoding: no throw, the map stays in the element and round-trips', () => {
    runProperty(definitionTarget, { seed: SEED, numRuns: 200 });
  });

  test('<Definition> decoding: a character outside the BMP written as one entity maps back to its first unit', () => {
    // Minimal repro found by the fuzzer: xml-text "x&#x1F600;" — toScript(toFile(1)) gave 2, the low surrogate.
    assert.doesNotThrow(() => definitionTarget.check({ before: '<Definition>', content: 'x&#x1F600;', after: '</Definition>' }));
  });

  test('encodeForDefinition then decodeDefinition gives the script back, and edits through the map land right', () => {
    runProperty(definitionRoundTripTarget, { seed: SEED, numRuns: 200 });
  });

  test('SegmentMap: toFile/toScript agree with the character widths it was built from', () => {
    runProperty(sourceMapTarget, { seed: SEED, numRuns: 300 });
  });

  test('zip reading: no throw on damaged archives or hostile entry names; what is listed resolves', () => {
    runProperty(zipTarget, { seed: SEED, numRuns: 60 });
  });

  test('zip reading: an empty folder entry that is listed also resolves', () => {
    // Minimal repro found by the fuzzer: an archive holding only the directory entry "./" (or "v/").
    assert.doesNotThrow(() => zipTarget.check({ entries: [{ name: 'v/', data: '' }], mutations: [] }));
  });
});
