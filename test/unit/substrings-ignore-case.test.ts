// substringsPresent with ignoreCase (solution/unused-reference's search) finds exactly the names a lower-cased copy of
// each text holds, though it searches ASCII texts as they are: compared with that oracle on hand-picked
// texts (letters that lower-case differently than they match) and on generated ones.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { substringsPresent } from '../../server/src/util/substrings';
import { rng } from '../support/rng';

const mentionedIgnoringCase = (needles: string[], texts: string[]) => substringsPresent(needles, texts, { ignoreCase: true });

const oracle = (needles: string[], texts: string[]) => new Set(needles.filter(n => texts.some(t => t.toLowerCase().includes(n))));
const sorted = (set: Set<string>) => [...set].sort();

describe('substringsPresent ignoring case', () => {
  test('finds names in any case, overlapping, nested and as prefixes of one another', () => {
    const needles = ['cr1_var1', 'cr1_var10', 'var1', 'r1_v', 'a.b', 'x(y', ''];
    const texts = ['use CR1_Var10 here', 'A.B and X(y'];
    assert.deepEqual(sorted(mentionedIgnoringCase(needles, texts)), sorted(oracle(needles, texts)));
    assert.ok(mentionedIgnoringCase(['cr1_var10'], ['"CR1_VAR10"']).has('cr1_var10'));
    assert.ok(!mentionedIgnoringCase(['a.b'], ['AXB']).has('a.b'), 'a name is literal text, not a pattern');
  });

  test('letters that lower-case to other letters than they match case-insensitively agree with lower-casing', () => {
    // The Kelvin sign lower-cases to k; a dotted capital I to i and a combining dot; Deseret letters beyond the BMP.
    const cases: Array<[string[], string[]]> = [
      [['cr_kind'], ['cr_\u212Aind']],
      [['cr_ki'], ['CR_K\u0130']],
      [['cr_\u{10428}x'], ['cr_\u{10400}X']],
      [['cr_\u00e9t\u00e9'], ['CR_\u00c9T\u00c9']],
      [['cr_kind'], ['cr_\u212Aind and CR_KIND']],
    ];
    for (const [needles, texts] of cases) assert.deepEqual(sorted(mentionedIgnoringCase(needles, texts)), sorted(oracle(needles, texts)), JSON.stringify(texts));
    assert.ok(mentionedIgnoringCase(['cr_kind'], ['cr_\u212Aind']).has('cr_kind'), 'the Kelvin sign lower-cases to k');
  });

  test('agrees with lower-casing on generated names and texts', () => {
    const random = rng(16);
    const next = (n: number) => random.int(0, n - 1);
    const alphabet = ['a', 'B', 'ab', 'AB', '_', 'cr1_', 'CR1_', '.', '*', '\\', '(', '\u00c9', '\u00e9', '\u212A', 'k', 'K', '\u0130', 'i', '\u{1F600}', '\u{10400}'];
    const pick = (max: number) => {
      let out = '';
      for (let i = next(max + 1); i > 0; i--) out += alphabet[next(alphabet.length)];
      return out;
    };
    for (let round = 0; round < 2000; round++) {
      const needles = Array.from({ length: next(6) }, () => pick(4).toLowerCase());
      const texts = Array.from({ length: next(4) }, () => pick(12));
      assert.deepEqual(sorted(mentionedIgnoringCase(needles, texts)), sorted(oracle(needles, texts)), JSON.stringify({ needles, texts }));
    }
  });
});
