// Baselines are committed to the repository: they key findings by rule, file and logical location, and a
// finding without a logical element by a hash of its message, so no text quoted from a file (a parse
// error quoting a token, a word of a script) is written into one. Baselines written before still match.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createBaseline, newSince } from '../../server/src/findings/baseline';
import type { Finding } from '../../server/src/findings/finding';

const SECRET = 'Xk9Qz2Lw7Rt4Vb8N';

function finding(message: string, element?: string): Finding {
  const file = { path: '/w/config/Test/deploymentSettings.json', text: '{}' };
  return {
    ruleId: element ? 'settings/environment-bleed' : 'pad/syntax',
    category: element ? 'alm' : 'syntax',
    severity: 'error',
    message,
    loc: { file, span: { start: 0, end: 1 } },
    owner: {},
    logical: { solution: 'S', ...(element ? { element: { kind: 'setting', name: element } } : {}) },
  } as unknown as Finding;
}

describe('baselines hold no text from the files', () => {
  test('a finding without an element is recorded by a hash of its message', () => {
    const findings = [finding(`unknown statement '${SECRET}'`), finding(`unknown statement '${SECRET}'`), finding('second root element <x>'), finding('m', 'cr1a2_X')];
    const baseline = createBaseline(findings, '/w');
    const text = JSON.stringify(baseline);
    for (let i = 0; i + 8 <= SECRET.length; i++) assert.ok(!text.includes(SECRET.slice(i, i + 8)), text);
    assert.ok(!text.includes('second root element'), 'no message text at all');
    assert.equal(baseline.findings.find(b => b.count === 2)?.ruleId, 'pad/syntax', 'duplicates are still counted');
    assert.deepEqual(newSince(findings, baseline, '/w'), [], 'the run that wrote it has nothing new');
    const third = finding(`unknown statement '${SECRET}'`);
    assert.deepEqual(newSince([...findings, third], baseline, '/w'), [third], 'a third identical finding is new');
    assert.equal(newSince([finding('another message')], baseline, '/w').length, 1, 'a different message is new');
  });

  test('a baseline written before (message text in the location) still matches', () => {
    const legacy = { version: 1 as const, findings: [{ ruleId: 'pad/syntax', file: 'config/Test/deploymentSettings.json', location: 'S#unknown statement \'x\'', count: 1 }] };
    assert.deepEqual(newSince([finding("unknown statement 'x'")], legacy, '/w'), []);
    assert.equal(newSince([finding("unknown statement 'x'"), finding("unknown statement 'x'")], legacy, '/w').length, 1);
  });
});
