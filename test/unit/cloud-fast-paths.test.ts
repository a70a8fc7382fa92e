// The shortcuts the cloud-flow facts and rules take to read each value once and allocate little: shared
// segment lists, cached literal spans and constants, necessary-condition tests before the regular
// expressions, name tables kept once. Each must give what the long way gives.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getDomain } from 'tldts';
import { valueConstants } from '../../server/src/analysis/cloud/expression-literals';
import { flowFacts } from '../../server/src/analysis/cloud/facts';
import { literalSpans, mayHoldPathOrUrl, normalizeName, parameterName, quotedConstantsOf, StringLeaf, valueConstantsOf } from '../../server/src/analysis/cloud/leaves';
import { quotedConstants, segmentString, sharedSegments } from '../../server/src/analysis/cloud/segments';
import { readsOfVariable } from '../../server/src/analysis/cloud/variables';
import { commandLinePasswords } from '../../server/src/analysis/shared/command-secrets';
import { organizationOf } from '../../server/src/analysis/shared/organization';
import { isSpaceCode } from '../../server/src/analysis/shared/scan';
import { findPaths, findStructuredSecrets, findUrls, hasDriveStart, mayHoldStructuredSecret } from '../../server/src/analysis/shared/values';
import { isSecretName } from '../../server/src/analysis/shared/vocabulary';
import { loadCloudFlow } from '../../server/src/load/cloudflow';
import { createSourceFile } from '../../server/src/util/text';
import { generator, randomText } from '../support/random-text';


/** A leaf with only what literalSpans and the constant lists read. */
function leafOf(text: string): StringLeaf {
  return { text, segments: sharedSegments(text) } as StringLeaf;
}

const EXPRESSION_ALPHABET = ['@', '@{', '}', '#{', '}#', '{', "'", "''", '(', ')', ',', ' ', 'concat', 'if', 'x', 'variables', '\n', '@@', 'eyJ', '=='];

/** The character-by-character split segmentString replaced (it now jumps between `@{` and `#{`). */
function segmentsOneByOne(text: string): Array<{ kind: string; start: number; end: number }> {
  if (text.startsWith('@@')) return text.length > 1 ? [{ kind: 'literal', start: 1, end: text.length }] : [];
  if (text.startsWith('@') && text[1] !== '{') return [{ kind: 'expression', start: 0, end: text.length }];
  const out: Array<{ kind: string; start: number; end: number }> = [];
  let literalStart = 0;
  let i = 0;
  const pushLiteral = (end: number) => { if (end > literalStart) out.push({ kind: 'literal', start: literalStart, end }); };
  while (i < text.length) {
    if (text[i] === '@' && text[i + 1] === '{') {
      pushLiteral(i);
      let depth = 1;
      let quoted = false;
      let end = text.length;
      for (let j = i + 2; j < text.length; j++) {
        const c = text[j];
        if (quoted) { if (c === "'") { if (text[j + 1] === "'") j++; else quoted = false; } } else if (c === "'") quoted = true;
        else if (c === '{') depth++;
        else if (c === '}' && --depth === 0) { end = j + 1; break; }
      }
      out.push({ kind: 'expression', start: i, end });
      i = literalStart = end;
      continue;
    }
    if (text[i] === '#' && text[i + 1] === '{') {
      const close = text.indexOf('}#', i + 2);
      if (close > 0 && !/[{\r\n]/.test(text.slice(i + 2, close))) {
        pushLiteral(i);
        out.push({ kind: 'token', start: i, end: close + 2 });
        i = literalStart = close + 2;
        continue;
      }
    }
    i++;
  }
  pushLiteral(text.length);
  return out;
}

describe('segments and spans', () => {
  test('segmentString splits as the character-by-character reading did', () => {
    const next = generator(3);
    for (let round = 0; round < 30_000; round++) {
      const text = randomText(next, EXPRESSION_ALPHABET, 14);
      assert.deepEqual(segmentString(text), segmentsOneByOne(text), JSON.stringify(text));
    }
  });

  test('sharedSegments gives what segmentString gives, frozen when shared', () => {
    const next = generator(7);
    for (let round = 0; round < 20_000; round++) {
      const text = randomText(next, EXPRESSION_ALPHABET, 12);
      const shared = sharedSegments(text);
      assert.deepEqual(shared, segmentString(text), JSON.stringify(text));
      const plain = text !== '' && !text.startsWith('@') && !/[@#]\{/.test(text);
      const wholeExpression = /^@[^@{]/.test(text);
      if (plain || wholeExpression) {
        assert.ok(Object.isFrozen(shared) && Object.isFrozen(shared[0]), `${JSON.stringify(text)}: a shared list cannot be changed`);
      }
    }
    assert.equal(sharedSegments('plain text'), sharedSegments('other text'), 'one list for every plain literal of a length');
    assert.notEqual(sharedSegments('plain text'), sharedSegments("@body('x')"), 'not for a whole expression of that length');
  });

  test('literalSpans and valueConstantsOf give the literal segments and each expression\'s value constants, in order', () => {
    const next = generator(11);
    for (let round = 0; round < 20_000; round++) {
      const text = randomText(next, EXPRESSION_ALPHABET, 14);
      const leaf = leafOf(text);
      const constants = leaf.segments.filter(s => s.kind === 'expression').flatMap(s => valueConstants(text, s.start, s.end));
      const spans = leaf.segments.flatMap(s => (s.kind === 'literal' ? [s] : s.kind === 'expression' ? valueConstants(text, s.start, s.end) : []));
      assert.deepEqual(valueConstantsOf(leaf), constants, JSON.stringify(text));
      assert.deepEqual(literalSpans(leaf).map(r => [r.start, r.end]), spans.map(r => [r.start, r.end]), JSON.stringify(text));
      assert.equal(literalSpans(leaf), literalSpans(leaf), 'kept per leaf');
      const quoted = leaf.segments.filter(s => s.kind === 'expression').flatMap(s => quotedConstants(text, s));
      assert.deepEqual(quotedConstantsOf(leaf), quoted, JSON.stringify(text));
    }
  });

  test('a value without constants shares one empty list that nobody can fill', () => {
    const spans = valueConstantsOf(leafOf("@body('x')"));
    assert.throws(() => spans.push({ start: 0, end: 1 }));
    assert.equal(spans.length, 0);
    assert.deepEqual(valueConstantsOf(leafOf("@concat('a', 'b')")).map(r => [r.start, r.end]), [[9, 10], [14, 15]]);
  });
});

describe('necessary conditions before the regular expressions', () => {
  const PATH_ALPHABET = ['C', 'c', ':', '\\', '/', '\\\\', 'a', '1', ' ', 'https://', 'srv', '.', '%', 'x:/', '@', '=', "'"];

  test('hasDriveStart is true whenever a drive path can start', () => {
    const DRIVE_START = /(?<![A-Za-z0-9])[A-Za-z]:[\\/]/;
    const next = generator(5);
    for (let round = 0; round < 30_000; round++) {
      const text = randomText(next, PATH_ALPHABET, 10);
      assert.equal(hasDriveStart(text), DRIVE_START.test(text), JSON.stringify(text));
    }
  });

  test('findPaths and findUrls find nothing where mayHoldPathOrUrl says none can be, in a text or a part of it', () => {
    const next = generator(9);
    let held = 0;
    for (let round = 0; round < 30_000; round++) {
      const text = randomText(next, PATH_ALPHABET, 10);
      const start = next(text.length + 1);
      const end = start + next(text.length - start + 1);
      const part = text.slice(start, end);
      if (!mayHoldPathOrUrl(text)) assert.deepEqual([...findPaths(text), ...findUrls(text)], [], JSON.stringify(text));
      if (!mayHoldPathOrUrl(text, start, end)) assert.deepEqual([...findPaths(part), ...findUrls(part)], [], JSON.stringify(part));
      else held++;
    }
    assert.ok(held > 1000, 'the texts exercise both answers');
    assert.equal(findPaths('https://contoso.com/a/b').length, 0);
    assert.deepEqual(findPaths('see C:\\Temp\\in and \\\\srv\\share\\x').map(p => p.path), ['C:\\Temp\\in and', '\\\\srv\\share\\x']);
  });

  test('findStructuredSecrets finds nothing where mayHoldStructuredSecret says none can be', () => {
    const alphabet = ['eyJ', 'hbGciOiJIUzI1NiJ9', '.', 'ghp_', 'A', 'a', '0', '==', 'xoxb-', 'AKIA', 'ASIA', '-----BEGIN ', 'PRIVATE KEY-----', 'gh', 'github_pat_', '_', '-'];
    const next = generator(13);
    for (let round = 0; round < 30_000; round++) {
      const text = randomText(next, alphabet, 16);
      if (!mayHoldStructuredSecret(text)) assert.deepEqual(findStructuredSecrets(text), [], JSON.stringify(text));
    }
    assert.equal(findStructuredSecrets('Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl').length, 1);
  });

  test('isSpaceCode is /\\s/ for every UTF-16 unit', () => {
    for (let c = 0; c < 0x10000; c++) assert.equal(isSpaceCode(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
  });
});

describe('names kept once', () => {
  test('isSecretName answers the same from its table, and extra names still count', () => {
    for (const name of ['password', 'X-Api-Key', 'SecretName', 'nextPageToken', 'clientSecret', 'color', '']) {
      const first = isSecretName(name);
      assert.equal(isSecretName(name), first, name);
    }
    assert.equal(isSecretName('color'), false);
    assert.equal(isSecretName('color', ['Co-lor']), true, 'an extra name, separators and case ignored');
    assert.equal(isSecretName('color'), false, 'and only for that call');
  });

  test('normalizeName and parameterName', () => {
    assert.equal(normalizeName('X-Api_Key'), 'xapikey');
    assert.equal(parameterName('item/Input_Pin'), 'inputpin');
    assert.equal(parameterName('emailMessage/To'), 'to');
    assert.equal(parameterName('dataset'), 'dataset');
  });
});

describe('reads of a variable', () => {
  const flow = loadCloudFlow(createSourceFile('/f.json', JSON.stringify({ properties: { definition: { actions: {
    Init: { type: 'InitializeVariable', runAfter: {}, inputs: { variables: [{ name: 'Acct', type: 'string', value: 'abc' }] } },
    Use: { type: 'Http', runAfter: {}, inputs: { method: 'GET', uri: "@{variables('acct')}/@{VARIABLES('Acct')}", body: { a: "@variables('other')", b: 'variables(no quote' } } },
  } } } }, null, 2)), { id: 'x', name: 'F' }).flow!;
  const leaves = flowFacts(flow, undefined).leaves;

  test('each value that reads it once, whatever the case, and a list the caller may keep', () => {
    const reads = readsOfVariable(leaves, 'ACCT');
    assert.deepEqual(reads.map(l => l.path.join('/')), ['uri']);
    reads.length = 0;
    assert.deepEqual(readsOfVariable(leaves, 'acct').map(l => l.path.join('/')), ['uri'], 'changing one answer does not change the next');
    assert.deepEqual(readsOfVariable(leaves, 'other').map(l => l.path.join('/')), ['body/a']);
    assert.deepEqual(readsOfVariable(leaves, 'no'), []);
  });
});

describe('the organisation a text shows', () => {
  test('mailbox domains and tenant names are read from each `@` as the e-mail pattern found them', () => {
    // The pattern read at every position, as before.
    const MAIL = /[A-Za-z0-9._%+-]@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;
    const alphabet = ['a', 'Z', '@', '.', 'com', 'x-', '-', '%', '+', '@b.org', ' ', 'contoso', '.net', 'onmicrosoft.com', '"', '{', '@{', 'fabrikam.co.uk', '_'];
    const next = generator(17);
    for (let round = 0; round < 20_000; round++) {
      const text = randomText(next, alphabet, 14);
      const expected = [...text.matchAll(MAIL)].map(m => m[1].toLowerCase());
      const org = organizationOf([text]);
      for (const host of expected) {
        const domain = getDomain(host);
        if (domain === 'onmicrosoft.com') assert.ok(org.tenantNames.has(host.split('.')[0]), `${JSON.stringify(text)}: ${host}`);
        else if (domain && domain !== 'example.com') assert.ok(org.domains.has(domain), `${JSON.stringify(text)}: ${host}`);
      }
      const expectedDomains = new Set(expected.map(h => getDomain(h)).filter(d => d && d !== 'onmicrosoft.com' && d !== 'example.com'));
      assert.deepEqual([...org.domains].sort(), [...expectedDomains].sort(), JSON.stringify(text));
    }
  });
});

describe('command lines', () => {
  test('a text is read for passwords when it names `net use` (any case) or a SQL tool, as the two searches found', () => {
    const NET_USE = /\bnet\s+use\b/i;
    const SQL_TOOL = /\b(?:sqlcmd|bcp|osql|isql)\b/;
    const alphabet = ['net', 'NET', 'Net', ' ', '\t', 'use', 'USE', 'x', 'sqlcmd', 'SQLCMD', 'bcp', ' -P ', 'pw', '\\\\srv\\s', '/user:a', '_', 'ſ'];
    const next = generator(19);
    for (let round = 0; round < 20_000; round++) {
      const text = randomText(next, alphabet, 10);
      const named = NET_USE.test(text) || SQL_TOOL.test(text);
      if (!named) assert.deepEqual(commandLinePasswords(text), [], JSON.stringify(text));
    }
    // And a named tool is read whatever its case (net) and whatever stands before it.
    for (let round = 0; round < 2_000; round++) {
      const prefix = randomText(next, [' ', 'x', '\n', 'echo ', '&&', '"'], 4);
      const net = ['net', 'NET', 'Net', 'nEt'][next(4)];
      const use = ['use', 'USE', 'Use'][next(3)];
      const text = `${prefix} ${net}\t${use} \\\\srv\\share S3cret /user:me`;
      assert.equal(commandLinePasswords(text).length, 1, JSON.stringify(text));
      assert.equal(commandLinePasswords(`${prefix} sqlcmd -S db -P Hunter2`).length, 1, JSON.stringify(prefix));
    }
    assert.deepEqual(commandLinePasswords('NET USE \\\\srv\\share S3cret /user:me').map(c => c.what), ['the net use password']);
    assert.deepEqual(commandLinePasswords('sqlcmd -S db -U sa -P Hunter2').map(c => c.what), ['the -P password']);
  });
});
