// Keyword and module tests on the script text (load/pad/words.ts, modules.ts) and the identifier scanner
// (lexer.ts) agree with their plain definitions — upper-casing a slice, a regular expression — on ASCII and on
// the non-ASCII letters that upper-case to ASCII (`ſ` → S, `ﬆ` → ST, `ß` → SS, `ı` → I). And a line with more
// tokens than the token pool keeps is read whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActionStmt } from '../../server/src/model/pad-ast';
import { scanIdent } from '../../server/src/load/pad/lexer';
import { isKnownModule, isKnownModuleAt } from '../../server/src/load/pad/modules';
import { parseScript } from '../../server/src/load/pad/parser';
import { WordSet, upperEquals } from '../../server/src/load/pad/words';
import { rng } from '../support/rng';

const WORDS = ['SET', 'IF', 'END', 'STEP', 'SS', 'FUNCTION', 'TO', 'IN', 'ERROR'];
/** Letters that make case tests hard, next to plain ones. */
const ALPHABET = ['s', 'S', 'e', 'E', 't', 'T', 'i', 'I', 'n', 'N', 'p', 'P', 'o', 'O', '_', '1', 'ſ', 'ﬆ', 'ß', 'ı', 'İ', 'é', 'K', 'K'];

function randomWords(count: number, seed: number): string[] {
  const r = rng(seed);
  const out: string[] = [...WORDS, ...WORDS.map(w => w.toLowerCase()), 'ſet', 'ﬆep', 'ﬆEP', 'ßß', 'ıf', 'İf', 'e\u0301nd'];
  while (out.length < count) {
    const length = r.int(1, 9);
    let word = '';
    for (let i = 0; i < length; i++) word += r.pick(ALPHABET);
    out.push(word);
  }
  return out;
}

test('upperEquals and WordSet.find agree with toUpperCase on the slice', () => {
  const set = new WordSet(WORDS);
  for (const word of randomWords(4000, 61)) {
    const text = `(${word})`;
    const upper = word.toUpperCase();
    for (const w of WORDS) assert.equal(upperEquals(text, 1, 1 + word.length, w), upper === w, `${word} vs ${w}`);
    assert.equal(set.find(text, 1, 1 + word.length), WORDS.includes(upper) ? upper : undefined, word);
  }
});

test('isKnownModuleAt agrees with isKnownModule on the slice', () => {
  const names = ['File', 'file', 'FILE', 'Fi1e', 'System', 'ſystem', 'Sy', 'WorkQueues', 'Wor\u212AQueues', 'Excel', 'Exceł', 'Variables', 'UIAutomation', 'x'];
  for (const name of [...names, ...randomWords(500, 62)]) {
    const text = ` ${name}.`;
    assert.equal(isKnownModuleAt(text, 1, 1 + name.length), isKnownModule(name), name);
  }
});

test('scanIdent agrees with the identifier pattern', () => {
  const pattern = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/u;
  const r = rng(63);
  const chars = ['a', 'Z', '_', '0', '9', ' ', '.', 'é', '\u0301', 'ſ', '𝑥', '\ud835', '-', 'Ⅻ', '٣', '‿'];
  for (let n = 0; n < 3000; n++) {
    let text = '';
    for (let i = r.int(0, 8); i > 0; i--) text += r.pick(chars);
    const expected = pattern.exec(text)?.[0].length ?? 0;
    assert.equal(scanIdent(text, 0, text.length), expected, JSON.stringify(text));
  }
});

test('a line with more tokens than the pool keeps is read whole', () => {
  const count = 3000; // about 9,000 tokens on one line
  const names = Array.from({ length: count }, (_, i) => `Arg${i}`);
  const text = `Module.Action ${names.map((n, i) => `${n}: Value${i}.P`).join(' ')} Out=> Result\nSET After TO 1`;
  const ast = parseScript(text);
  assert.deepEqual(ast.problems, []);
  const action = ast.body[0] as ActionStmt;
  assert.equal(action.args.length, count);
  action.args.forEach((arg, i) => {
    assert.equal(arg.name, names[i]);
    assert.equal(text.slice(arg.value.span.start, arg.value.span.end), `Value${i}.P`);
  });
  assert.equal(action.outputs[0].variable, 'Result');
  assert.equal(ast.body[1].kind, 'set');
});
