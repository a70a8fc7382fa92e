// Bad input: a clear finding with file and position, and the rest is still read.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import type { Finding } from '../../server/src/findings/finding';
import { MemoryVfs } from '../../server/src/load/vfs';
import { positionAt } from '../../server/src/util/text';
import { buildSolutionFiles, SolutionSpec } from '../support/fixture';

const GOOD: SolutionSpec = {
  uniqueName: 'Sol',
  cloudFlows: [{ name: 'Good Flow', definition: { actions: { Compose: { type: 'Compose', inputs: 'hello' } } } }, { name: 'Bad Flow' }],
  desktopFlows: [{ name: 'Good Desktop', script: 'SET A TO 1' }],
};

function run(mutate: (files: Record<string, string | Uint8Array>) => void) {
  const files: Record<string, string | Uint8Array> = buildSolutionFiles(GOOD);
  mutate(files);
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [`/m/${p}`, c])));
  return analyze(['/m'], { vfs });
}

function parseErrors(findings: Finding[]): Finding[] {
  return findings.filter(f => f.ruleId === 'flowcop/parse-error' || f.ruleId === 'pad/syntax');
}

const badFlowPath = (files: Record<string, unknown>) => Object.keys(files).find(p => p.startsWith('Workflows/BadFlow') && p.endsWith('.json'))!;

describe('malformed input', () => {
  test('a truncated cloud flow JSON: reported at the break, other flows still read', () => {
    const { findings, workspace } = run(files => {
      const p = badFlowPath(files);
      files[p] = (files[p] as string).slice(0, 200);
    });
    const errors = parseErrors(findings);
    assert.equal(errors.length, 1);
    assert.match(errors[0].loc.file.path, /BadFlow.*\.json$/);
    assert.match(errors[0].message, /invalid JSON/);
    assert.ok(errors[0].loc.span.start >= 150, 'positioned near the end of the truncated text');
    assert.equal(errors[0].severity, 'error');
    assert.ok(workspace.solutions[0].cloudFlows.some(f => f.name === 'Good Flow'));
    assert.equal(workspace.solutions[0].desktopFlows.length, 1);
  });

  test('malformed XML in a sidecar: line and column of the problem, the rest of the solution still read', () => {
    const { findings, workspace } = run(files => {
      const p = Object.keys(files).find(k => k.startsWith('Workflows/GoodDesktop') && k.endsWith('.data.xml'))!;
      files[p] = (files[p] as string).replace('</Category>', '</Categry>');
    });
    const errors = parseErrors(findings);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /malformed XML/);
    const pos = positionAt(errors[0].loc.file, errors[0].loc.span.start);
    assert.equal(pos.line, 5, 'the line of the broken tag (0-based)');
    assert.equal(workspace.solutions[0].cloudFlows.length, 2);
  });

  test('a binary file where a flow should be', () => {
    const { findings, workspace } = run(files => {
      files[badFlowPath(files)] = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0xfe]);
    });
    const errors = parseErrors(findings);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /binary file/);
    assert.equal(workspace.solutions[0].cloudFlows.length, 1);
  });

  test('invalid UTF-8', () => {
    const { findings } = run(files => {
      files[badFlowPath(files)] = new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]);
    });
    assert.match(parseErrors(findings)[0].message, /not valid UTF-8/);
  });

  test('an empty Solution.xml and an empty customizations.xml', () => {
    const { findings, workspace } = run(files => {
      files['Other/Solution.xml'] = '';
    });
    assert.ok(parseErrors(findings).some(f => /Solution\.xml|no XML element|SolutionManifest/.test(f.message)));
    assert.equal(workspace.solutions.length, 0);
  });

  test('a corrupt zip is reported and the folder around it still read', () => {
    const { findings, workspace } = run(files => {
      files['dist/Broken_1_0.zip'] = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    });
    const errors = parseErrors(findings);
    assert.equal(errors.length, 1);
    assert.match(errors[0].loc.file.path, /Broken_1_0\.zip$/);
    assert.match(errors[0].message, /zip/);
    assert.equal(workspace.solutions.length, 1);
  });

  test('a broken desktop-flow line is a pad/syntax finding inside the XML, and parsing goes on', () => {
    const { findings, workspace } = run(files => {
      const p = Object.keys(files).find(k => k.startsWith('Workflows/GoodDesktop') && k.endsWith('.data.xml'))!;
      files[p] = (files[p] as string).replace('SET A TO 1', "SET A TO 1\\r\\nSET B TO $'''unterminated\\r\\nSET C TO 3");
    });
    const syntax = findings.filter(f => f.ruleId === 'pad/syntax');
    assert.ok(syntax.length >= 1);
    const df = workspace.solutions[0].desktopFlows[0];
    assert.equal(syntax[0].loc.file, df.metadataFile);
    assert.ok(syntax[0].loc.span.start > df.definitionLoc!.span.start, 'inside <Definition>');
  });

  test('a broken flowcop.json is reported and defaults apply', () => {
    const { findings, workspace } = run(files => {
      files['flowcop.json'] = '{ "rules": { "pad/plaintext-secret": "loud" }, ';
    });
    const errors = parseErrors(findings);
    assert.ok(errors.some(f => f.loc.file.path.endsWith('flowcop.json')));
    assert.equal(workspace.solutions.length, 1);
  });
});
