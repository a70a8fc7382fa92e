// The faster forms of hot helpers (issue 14, item 4) give the same answers as the plain forms they
// replaced: each is compared with a straightforward oracle on hand-picked and generated inputs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { substringsPresent } from '../../server/src/util/substrings';
import { computeLineStarts } from '../../server/src/util/text';
import { unitsToString } from '../../server/src/load/jsonscan';
import { valueConstants } from '../../server/src/analysis/cloud/expression-literals';
import { generator, randomText } from '../support/random-text';


describe('substringsPresent', () => {
  const naive = (needles: string[], texts: string[]) => new Set(needles.filter(n => texts.some(t => t.includes(n))));

  test('finds needles that overlap, nest in or are prefixes of one another', () => {
    const needles = ['cr1_var1', 'cr1_var10', 'var1', 'r1_v', 'a.b', 'x(y', ''];
    const texts = ['use cr1_var10 here', 'a.b and x(y'];
    assert.deepEqual([...substringsPresent(needles, texts)].sort(), [...naive(needles, texts)].sort());
    assert.ok(!substringsPresent(['a.b'], ['axb']).has('a.b'), 'a needle is literal text, not a pattern');
  });

  test('agrees with includes() on generated needles and texts', () => {
    const next = generator(14);
    const alphabet = ['a', 'b', 'ab', '_', 'cr1_', '.', '*', '\\', '(', 'É', '\u{1F600}'];
    for (let round = 0; round < 2000; round++) {
      const needles = Array.from({ length: next(6) }, () => randomText(next, alphabet, 4));
      const texts = Array.from({ length: next(4) }, () => randomText(next, alphabet, 12));
      assert.deepEqual([...substringsPresent(needles, texts)].sort(), [...naive(needles, texts)].sort(), JSON.stringify({ needles, texts }));
    }
  });
});

describe('computeLineStarts', () => {
  const perCharacter = (text: string) => {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10) {
        starts.push(i + 1);
      }
    }
    return starts;
  };

  test('counts \\r\\n as one break and lone \\r or \\n as one each, in any mix', () => {
    assert.deepEqual(computeLineStarts('a\r\nb\rc\nd\n\re\r\r\n'), [0, 3, 5, 7, 9, 10, 12, 14]);
    const next = generator(7);
    for (let round = 0; round < 5000; round++) {
      const text = randomText(next, ['\r', '\n', '\r\n', 'x', 'yz'], 14);
      assert.deepEqual(computeLineStarts(text), perCharacter(text), JSON.stringify(text));
    }
  });
});

describe('unitsToString', () => {
  test('keeps every UTF-16 unit, lone surrogates included, beyond any chunk size', () => {
    const units = new Uint16Array(20_000);
    for (let i = 0; i < units.length; i++) units[i] = i % 5 === 0 ? 0xd800 + (i % 3) : 32 + ((i * 7919) % 0xd000);
    const text = unitsToString(units, 19_999);
    assert.equal(text.length, 19_999);
    for (let i = 0; i < text.length; i++) assert.equal(text.charCodeAt(i), units[i]);
    assert.equal(unitsToString(units, 0), '');
    assert.equal(unitsToString(units.subarray(3, 8), 5), String.fromCharCode(...units.subarray(3, 8)));
  });
});

describe('valueConstants', () => {
  // The per-character form it replaced: the function name is built one character at a time.
  const VALUE_FUNCTIONS = new Set(['concat', 'coalesce', 'if', 'string', 'json', 'trim', 'tolower', 'toupper', 'base64', 'encodeuricomponent', 'uricomponent', 'createarray', 'array', 'replace', 'setproperty', 'addproperty', 'union', 'first', 'last']);
  const perCharacter = (text: string, from: number, to: number) => {
    const out: Array<{ start: number; end: number }> = [];
    const open: string[] = [];
    let name = '';
    const prevSignificant = (k: number) => { while (k >= from && /\s/.test(text[k])) k--; return k >= from ? text[k] : ''; };
    for (let j = from; j < to; j++) {
      const c = text[j];
      if (c === "'") {
        const start = j + 1;
        let k = start;
        while (k < to && !(text[k] === "'" && text[k + 1] !== "'")) k += text[k] === "'" ? 2 : 1;
        const end = Math.min(k, to);
        const before = prevSignificant(j - 1);
        let n = end + 1;
        while (n < to && /\s/.test(text[n])) n++;
        const after = n < to ? text[n] : '';
        if (open.length > 0 && VALUE_FUNCTIONS.has(open[open.length - 1]) && (before === '(' || before === ',') && (after === ',' || after === ')')) out.push({ start, end });
        j = end;
        name = '';
        continue;
      }
      if (/[A-Za-z0-9_]/.test(c)) { name += c; continue; }
      if (c === '(') open.push(name.toLowerCase());
      else if (c === '[') open.push('[');
      else if ((c === ')' || c === ']') && open.length) open.pop();
      if (!/\s/.test(c)) name = '';
    }
    return out;
  };

  test('finds the same constants as the per-character scan', () => {
    assert.deepEqual(valueConstants("@concat('Bearer ', 'k3y')", 1, 25), [{ start: 9, end: 16 }, { start: 20, end: 23 }]);
    assert.deepEqual(valueConstants("@con cat ('a')", 1, 14), [{ start: 11, end: 12 }], 'white space inside a name is skipped, as before');
    const next = generator(3);
    const alphabet = ["'", "''", '(', ')', '[', ']', ',', ' ', '\t', 'concat', 'if', 'Coalesce', 'b1', '_', '\u00a0', 'con cat', 'x(', 'é'];
    for (let round = 0; round < 20_000; round++) {
      const text = randomText(next, alphabet, 20);
      const from = next(3);
      const to = Math.max(from, text.length - next(3));
      assert.deepEqual(valueConstants(text, from, to), perCharacter(text, from, to), JSON.stringify({ text, from, to }));
    }
  });
});
