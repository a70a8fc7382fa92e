// The dry-run diff: a multi-line secret is masked on every line it spans (removed, kept as context, or
// half moved by a fix); a secret FlowCop reported but could not fix is masked where it shows as context;
// the shared classifier masks passwords and tokens on any shown line; and the diff takes linear space
// (many scattered changes stay minimal hunks instead of a memory blow-up or a whole-file replacement).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FileChange, renderDiff, unifiedDiff, WorkspaceChange } from '../../server/src/fix/change';

const KEY_LINES = [
  '-----BEGIN PRIVATE KEY-----',
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
  'NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ',
  'qgtzJ6GR3eqoYSW9b9UMvkBpZODSctWSNGj3P7jRFDO5VoTwCQAWbFnOjDfH5Ulg',
  'p2PKSQnSJP3AJLQNFNe7br1XbrhV//eO+t51mIpGSDCUv3E0DDFcWDTH9cXDTTlR',
  'Zvc=',
  '-----END PRIVATE KEY-----',
];
const KEY = KEY_LINES.join('\n');
const BODY = KEY_LINES.slice(1, -1);

function fileChange(path: string, original: string, edits: FileChange['edits']): FileChange {
  return { path, hash: '0', bom: false, encoding: 'utf8', edits, original };
}

/** No line of the key body, nor any 8-character piece of one, in the text. */
function assertNoKey(diff: string): void {
  for (const line of BODY) {
    const pieces = line.length <= 8 ? [line] : Array.from({ length: line.length - 7 }, (_, i) => line.slice(i, i + 8));
    for (const p of pieces) assert.ok(!diff.includes(p), `the diff shows ${JSON.stringify(p)}:\n${diff}`);
  }
}

describe('secrets in diffs', () => {
  test('a multi-line private key being removed is masked on each of its lines', () => {
    const original = `# settings\nSET Key TO $'''${KEY}'''\nSET Next TO 1\n`;
    const start = original.indexOf('$');
    const end = original.indexOf("'''\n", start + 4) + 3;
    const change: WorkspaceChange = {
      files: [fileChange('/r/flow.txt', original, [{ span: { start, end }, newText: '%Credential.Password%' }])],
      creates: [],
      redact: [original.slice(start, end), KEY],
    };
    const diff = renderDiff(change, { base: '/r' });
    assert.match(diff, /^\+SET Key TO %Credential\.Password%$/m);
    assert.equal(diff.split('\n').filter(l => l.startsWith('-')).length, KEY_LINES.length + 1, 'every removed line is shown');
    assertNoKey(diff);
  });

  test('a key left half in place by a fix is still masked (each line of a secret is a secret)', () => {
    const original = `a\nSET Key TO $'''${KEY}'''\nb\n`;
    // A fix that replaced only the BEGIN line: the body stays, as context and added lines.
    const begin = original.indexOf('-----BEGIN');
    const change: WorkspaceChange = {
      files: [fileChange('/r/f.txt', original, [{ span: { start: begin, end: begin + KEY_LINES[0].length }, newText: '%Cred.Password%' }])],
      creates: [],
      redact: [KEY],
    };
    assertNoKey(renderDiff(change, { base: '/r' }));
    assertNoKey(unifiedDiff('/r/f.txt', original, original.replace(KEY_LINES[0], '%Cred.Password%'), { base: '/r', redact: [KEY] }));
  });

  test('a reported secret FlowCop could not fix is masked where it shows as context', () => {
    const before = 'line 1\nSET ApiKey TO $\'\'\'Zr8Kq2Wv9Lp4Xm7Tn3Bc6Hd1\'\'\'\nSET Folder TO $\'\'\'C:\\In\'\'\'\nline 4\n';
    const after = before.replace("$'''C:\\In'''", 'Input_Folder');
    // What the run reported, by position in the text after the fixes (as the CLI knows it).
    const at = after.indexOf('Zr8K');
    const diff = unifiedDiff('/r/f.txt', before, after, { base: '/r', secretSpans: [{ text: after, spans: [{ start: at, end: at + 24 }] }] });
    assert.match(diff, /^\+SET Folder TO Input_Folder$/m);
    assert.match(diff, /^ SET ApiKey TO \$'''••••••'''$/m);
    const secret = 'Zr8Kq2Wv9Lp4Xm7Tn3Bc6Hd1';
    for (let i = 0; i + 8 <= secret.length; i++) assert.ok(!diff.includes(secret.slice(i, i + 8)), diff);
  });

  test('passwords, tokens, user-info and keys on any shown line are masked by the shared classifier', () => {
    const before = [
      '{',
      '  "Server": "Server=sql01;Database=erp;User Id=svc;Password=Wq3rTy7uIo9p",',
      '  "Callback": "https://app.contoso.com/cb#access_token=Gh5Jk8Lm2Nb4Vc",',
      '  "Login": "https://admin:Hunter2Hunter2@erp.contoso.com/",',
      '  "Folder": "C:\\\\In"',
      '}',
      '',
    ].join('\n');
    const after = before.replace('C:\\\\In', 'D:\\\\In');
    const diff = unifiedDiff('/r/settings.json', before, after, { base: '/r' });
    assert.match(diff, /^\+ {2}"Folder": "D:\\\\In"$/m);
    for (const secret of ['Wq3rTy7uIo9p', 'Gh5Jk8Lm2Nb4Vc', 'Hunter2Hunter2']) assert.ok(!diff.includes(secret), `${secret} in:\n${diff}`);
    assert.match(diff, /Server=sql01;Database=erp;User Id=svc;Password=••••••"/, 'only the secret part is masked');
  });
});

describe('diff size and space', () => {
  const lines = (n: number, every: number, changed: boolean) =>
    Array.from({ length: n }, (_, i) => (changed && i % every === 0 ? `  "k${i % 50}": "@parameters('p${i}')",` : `  "k${i % 50}": "value ${i}",`)).join('\n') + '\n';

  test('thousands of scattered changes give minimal hunks, not one whole-file replacement', () => {
    const n = 6300;
    const diff = unifiedDiff('/r/big.json', lines(n, 3, false), lines(n, 3, true), { base: '/r', context: 0 });
    const removed = diff.split('\n').filter(l => l.startsWith('-') && !l.startsWith('---')).length;
    assert.equal(removed, n / 3, 'only the changed lines are removed');
  });

  test('time grows linearly with the file when the share of changed lines is fixed', () => {
    const time = (n: number) => {
      const a = lines(n, 10, false);
      const b = lines(n, 10, true);
      const runs: number[] = [];
      for (let k = 0; k < 3; k++) {
        const t0 = process.hrtime.bigint();
        unifiedDiff('/r/f.json', a, b, { base: '/r' });
        runs.push(Number(process.hrtime.bigint() - t0));
      }
      return runs.sort((x, y) => x - y)[1];
    };
    time(2000);
    const small = time(2000);
    const large = time(8000);
    // Linear: about 4×; the old O(n·d) diff took about 16×.
    assert.ok(large / small < 10, `4× the lines took ${(large / small).toFixed(1)}× the time`);
  });
});
