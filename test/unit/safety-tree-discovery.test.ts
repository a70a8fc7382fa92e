// Discovery and flowcop.json reading keep going on files they cannot read (issue 9): the file becomes a
// flowcop/parse-error at a position inside it, never an exception that ends the run.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import { MemoryVfs } from '../../server/src/load/vfs';

const SCRIPT = "SET Folder TO $'''C:\\\\RPA\\\\In'''\r\n";

describe('unreadable files found by discovery', () => {
  test('a binary script is reported at its start (the text is not kept), naming the byte where reading stopped', () => {
    const vfs = new MemoryVfs({ '/w/bad.robin': new Uint8Array([0x53, 0x45, 0x00, 0x54]), '/w/good.robin': SCRIPT });
    const { workspace, findings } = analyze(['/w'], { vfs });
    const problem = workspace.problems.find(p => p.loc.file.path === '/w/bad.robin');
    assert.ok(problem, 'the binary script is reported');
    assert.match(problem.message, /binary file .*\(at byte 2\)/);
    assert.ok(problem.loc.span.start >= 0 && problem.loc.span.end <= problem.loc.file.text.length, 'the span lies inside the file text');
    assert.ok(findings.some(f => f.loc.file.path === '/w/good.robin' && f.ruleId === 'pad/environment-specific-path'), 'the healthy script is still checked');
  });

  test('a flowcop.json that cannot be read or decoded is a finding, not a crash', () => {
    class FailingVfs extends MemoryVfs {
      override readFile(p: string): Uint8Array | undefined {
        if (p.endsWith('/io/flowcop.json')) throw new Error('EIO: i/o error, read');
        return super.readFile(p);
      }
    }
    const vfs = new FailingVfs({
      '/w/io/flowcop.json': '{}', '/w/io/a.robin': SCRIPT,
      '/w/odd/flowcop.json': new Uint8Array([0xfe, 0xff, 0x00]), '/w/odd/b.robin': SCRIPT,
    });
    const { findings } = analyze(['/w'], { vfs });
    const configFindings = findings.filter(f => f.loc.file.path.endsWith('flowcop.json')).map(f => [f.loc.file.path, f.ruleId]);
    assert.deepEqual(configFindings.sort(), [['/w/io/flowcop.json', 'flowcop/parse-error'], ['/w/odd/flowcop.json', 'flowcop/parse-error']]);
    assert.equal(findings.filter(f => f.ruleId === 'pad/environment-specific-path').length, 2, 'both scripts are still checked');
  });
});
