// The name classifications answer most names with one scan for a necessary condition, before any
// cache or split into words (issue 14). These tests hold the shortcuts to the full word-by-word
// classification over generated names built from the words that matter, their near misses, every case,
// separators, digits and non-ASCII letters whose lower case is ASCII, and over the repository's examples.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { classifiedByWords, isSecretName, isUserName, secretNameStrength } from '../../server/src/analysis/shared/vocabulary';
import { rng } from '../support/rng';

const FRAGMENTS = [
  'pass', 'Password', 'passwd', 'pwd', 'pword', 'phrase', 'code', 'word', 'p', 'w', 'd', 'secret', 'secrets', 'client', 'api', 'key', 'Keys',
  'k', 'ey', 'e', 'y', 'token', 'tok', 'en', 'pin', 'Pins', 'cred', 'credential', 'creds', 'otp', 'sig', 'private', 'access', 'account',
  'shared', 'subscription', 'sas', 'bearer', 'refresh', 'user', 'usr', 'uid', 'login', 'logon', 'name', 'id', 'app', 'is', 'has', 'show',
  'in', 'out', 'str', 'var', 'my', 'Input', 'length', 'url', 'field', 'vault', 'next', 'page', 'csrf', 'continuation', 'Files', 'Parts',
  'Status', 'Portal', 'URL', 'API', 'ID', '_', '-', '.', ' ', '/', '$', '2', '33', '0', '\u212A', '\u0130', '\u00E9', '\u017F', '\u00DF',
];

function generatedNames(count: number, seed: number): string[] {
  const next = rng(seed).next;
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    let name = '';
    const parts = 1 + Math.floor(next() * 5);
    for (let j = 0; j < parts; j++) {
      const fragment = FRAGMENTS[Math.floor(next() * FRAGMENTS.length)];
      const casing = next();
      name += casing < 0.4 ? fragment : casing < 0.8 ? fragment.charAt(0).toUpperCase() + fragment.slice(1) : fragment.toUpperCase();
    }
    names.push(name);
  }
  return names;
}

/** Every identifier-like word of the repository's example solutions and flows. */
function exampleNames(): string[] {
  const names = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) visit(path);
      else for (const m of readFileSync(path, 'latin1').matchAll(/[A-Za-z_][\w-]{0,60}/g)) names.add(m[0]);
    }
  };
  visit(join(__dirname, '../../../examples'));
  return [...names];
}

function assertSameAnswers(names: readonly string[]) {
  for (const name of names) {
    assert.equal(secretNameStrength(name), classifiedByWords.secretNameStrength(name), `secretNameStrength(${JSON.stringify(name)})`);
    assert.equal(isUserName(name), classifiedByWords.isUserName(name), `isUserName(${JSON.stringify(name)})`);
    assert.equal(isSecretName(name), classifiedByWords.isSecretName(name), `isSecretName(${JSON.stringify(name)})`);
  }
}

describe('name classification shortcuts', () => {
  test('generated names get the word-by-word answers, twice (the second time from the caches)', () => {
    const names = generatedNames(20_000, 14);
    // The generator reaches every answer, so the comparison is not between two constant functions.
    const strengths = new Set(names.map(n => classifiedByWords.secretNameStrength(n)));
    assert.deepEqual([...strengths].sort(), ['strong', 'weak', undefined].sort());
    assert.ok(names.some(n => classifiedByWords.isUserName(n)) && names.some(n => classifiedByWords.isSecretName(n)));
    assertSameAnswers(names);
    assertSameAnswers(names);
  });

  test('names of the examples get the word-by-word answers', () => {
    const names = exampleNames();
    assert.ok(names.length > 100, `only ${names.length} names in examples/`);
    assertSameAnswers(names);
  });

  test('a letter whose lower case is ASCII, or a separator inside a word, still counts', () => {
    assert.equal(secretNameStrength('Input_\u212Aey'), 'weak'); // KELVIN SIGN, lower case `k`
    assert.equal(isSecretName('api_k-e.y'), true);
    assert.equal(isSecretName('Files32'), false);
    assert.equal(secretNameStrength('Files32'), undefined);
    assert.equal(isUserName('ErpUser'), true);
  });
});
