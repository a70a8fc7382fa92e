// v1 desktop flows: the script sits base64-zipped in `properties.definition.package` of the flow JSON.
import AdmZip from 'adm-zip';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CliIO, runCli } from '../../server/src/cli';
import { analyze } from '../../server/src/findings/analyze';
import type { Finding } from '../../server/src/findings/finding';
import { dropRepeatedPackageFindings } from '../../server/src/findings/package-duplicates';
import { fixesFor, unfixableReason } from '../../server/src/fix/fixes';
import { readPackage } from '../../server/src/load/pad-package';
import { MemoryVfs } from '../../server/src/load/vfs';
import { createSourceFile } from '../../server/src/util/text';
import { findingPosition } from '../../server/src/report/paths';
import { buildSolutionFiles, SolutionSpec } from '../support/fixture';
import { packageOf } from '../support/v1-package';

const HEADER = ["@@ConnectionString: ''", "@@Type: 'Local'", "@@DesktopType: 'local'"];
const SECRET_LINE = `System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''sqlcmd -S sql-prod01 -U sa -P Pr0d-Sql-Pass! -Q "EXEC dbo.Export"''' StandardOutput=> Out StandardError=> Err ExitCode=> Code`;
const OTHER_SECRET_LINE = `System.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''sqlcmd -S sql-prod02 -U sa -P Other-Pass-77 -Q "EXEC dbo.Import"''' StandardOutput=> Out2 StandardError=> Err2 ExitCode=> Code2`;
/** Line 4 (1-based) holds the secret. */
const SCRIPT = [...HEADER, SECRET_LINE, "SET Done TO $'''yes'''"].join('\r\n');

const FLOW = 'Export Orders';

/**
 * A solution with one desktop flow whose JSON carries `pkg` as its package; `definition`: the
 * script of its <Definition> (undefined: an older export without one).
 */
function solutionFiles(pkg: string, definition: string | undefined, layout: 'unpacked' | 'zip' = 'unpacked'): Record<string, string | Uint8Array> {
  const spec: SolutionSpec = { uniqueName: 'V1Flows', desktopFlows: [{ name: FLOW, script: definition ?? 'REMOVED' }] };
  const patch = (files: Record<string, string>) => {
    for (const p of Object.keys(files)) {
      if (/Workflows\/[^/]+\.json$/.test(p)) {
        files[p] = JSON.stringify({ properties: { definition: { package: pkg }, inputs: { schema: null }, outputs: { schema: null } }, schemaversion: 'ROBIN_202208_DVRS' });
      }
      if (definition === undefined && /(\.data\.xml|customizations\.xml)$/.test(p)) files[p] = files[p].replace(/\s*<Definition>[^<]*<\/Definition>/, '');
    }
    return files;
  };
  if (layout === 'unpacked') return patch(buildSolutionFiles(spec));
  const raw = patch(buildSolutionFiles(spec, 'raw'));
  const zip = new AdmZip();
  for (const [p, c] of Object.entries(raw)) zip.addFile(p, Buffer.from(c, 'utf8'));
  return { 'V1Flows_1_0_0_0.zip': zip.toBuffer() };
}

function run(files: Record<string, string | Uint8Array>) {
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [path.posix.join('/repo', p), c])));
  return analyze(['/repo'], { vfs });
}

function cli(files: Record<string, string | Uint8Array>, args: string[]): { code: number; out: string } {
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [path.posix.join('/w', p), c])));
  const out: string[] = [];
  const io: CliIO = { stdout: s => out.push(s), stderr: s => out.push(s), cwd: '/w', vfs, isTTY: false, env: {}, writeFile: () => undefined };
  const code = runCli(args, io);
  return { code, out: out.join('') };
}

const isJson = (f: Finding) => /\.json$/.test(f.loc.file.entry ?? f.loc.file.path);
const spanText = (f: Finding) => f.loc.file.text.slice(f.loc.span.start, f.loc.span.end);

describe('v1 desktop flows: the script in properties.definition.package', () => {
  test('package only: the script is linted, findings point at the package value and name the script line', () => {
    const pkg = packageOf(SCRIPT);
    const { workspace, findings } = run(solutionFiles(pkg, undefined));
    const [solution] = workspace.solutions;
    assert.equal(solution.desktopFlows.length, 1);
    const df = solution.desktopFlows[0];
    assert.equal(df.script?.text, SCRIPT, 'UTF-16LE with BOM decoded, CRLF kept');
    assert.ok(df.script?.fromPackage);
    assert.equal(df.definitionLoc, undefined);
    assert.deepEqual(workspace.problems, []);
    const secrets = findings.filter(f => f.ruleId === 'pad/plaintext-secret');
    assert.equal(secrets.length, 1);
    const f = secrets[0];
    assert.ok(isJson(f), 'the finding is in the flow JSON');
    assert.equal(spanText(f), pkg, 'its span is the whole package value');
    assert.equal(findingPosition(f).script?.line, 4);
    assert.equal(f.logical.flow, FLOW);
    assert.ok(!f.message.includes('Pr0d-Sql-Pass!'));
  });

  test('package only: findings of different statements never compete, although they share the package value\'s span', () => {
    const script = [...HEADER, SECRET_LINE, "SET Archive TO $'''\\\\\\\\fs-hr02\\\\payslips'''", "SET Workbook TO $'''C:\\\\HR\\\\Employees.xlsx'''"].join('\r\n');
    const { findings } = run(solutionFiles(packageOf(script), undefined));
    const rules = findings.map(f => `${f.ruleId}@${findingPosition(f).script?.line}`).sort();
    assert.ok(rules.includes('pad/plaintext-secret@4'), rules.join(', '));
    assert.ok(rules.includes('pad/hardcoded-machine@5'), rules.join(', '));
    assert.ok(rules.includes('pad/environment-specific-path@6'), rules.join(', '));
  });

  test('package only: the text report names the flow and the script line', () => {
    const { out } = cli(solutionFiles(packageOf(SCRIPT), undefined), ['lint', '.']);
    assert.match(out, /^Workflows\/ExportOrders-[0-9A-F-]+\.json\n  1:41 /m);
    assert.match(out, /\[Export Orders, script line 4\]/);
    assert.ok(!out.includes('Pr0d-Sql-Pass!'));
  });

  test('no fix for a package script, and the reason says why', () => {
    const { workspace, findings, configs } = run(solutionFiles(packageOf(SCRIPT), undefined));
    const f = findings.find(x => x.ruleId === 'pad/plaintext-secret')!;
    assert.equal(unfixableReason(f), "The script is stored zipped in the flow's package; edit it in Power Automate Desktop.");
    assert.deepEqual(fixesFor(f, { workspace, configs }), []);
    const { out, code } = cli(solutionFiles(packageOf(SCRIPT), undefined), ['lint', '.', '--fix']);
    assert.equal(code, 1);
    assert.ok(!out.includes('Pr0d-Sql-Pass!'));
  });

  test('a package without a BOM, inside a packed solution zip', () => {
    const { workspace, findings } = run(solutionFiles(packageOf(SCRIPT, { bom: false }), undefined, 'zip'));
    const df = workspace.solutions[0].desktopFlows[0];
    assert.equal(df.script?.text, SCRIPT);
    const f = findings.find(x => x.ruleId === 'pad/plaintext-secret')!;
    assert.match(f.loc.file.entry ?? '', /^Workflows\/ExportOrders-.*\.json$/);
    assert.match(unfixableReason(f)!, /zipped in the flow's package/);
  });

  test('a syntax error in the package script is pad/syntax at the package value, on its script line', () => {
    const broken = [...HEADER, "SET Broken TO $'''no end"].join('\r\n');
    const pkg = packageOf(broken);
    const { findings } = run(solutionFiles(pkg, undefined));
    const syntax = findings.filter(f => f.ruleId === 'pad/syntax');
    assert.equal(syntax.length, 1);
    assert.equal(spanText(syntax[0]), pkg);
    assert.equal(findingPosition(syntax[0]).script?.line, 4);
  });

  test('both a <Definition> and the same package: linted once, at the <Definition>', () => {
    const { workspace, findings } = run(solutionFiles(packageOf(SCRIPT), SCRIPT));
    assert.equal(workspace.solutions[0].desktopFlows.length, 1);
    const loc = workspace.solutions[0].desktopFlows[0].packageLoc;
    assert.ok(loc && /\.json$/.test(loc.file.path), 'the package was read, and found to be the same script');
    const secrets = findings.filter(f => f.ruleId === 'pad/plaintext-secret');
    assert.equal(secrets.length, 1);
    assert.match(secrets[0].loc.file.path, /\.json\.data\.xml$/);
    assert.deepEqual(workspace.problems, []);
  });

  test('the same script with LF line breaks in the <Definition> is still the same flow', () => {
    const { workspace } = run(solutionFiles(packageOf(SCRIPT), SCRIPT.replace(/\r\n/g, '\n')));
    assert.equal(workspace.solutions[0].desktopFlows.length, 1);
    assert.ok(workspace.solutions[0].desktopFlows[0].packageLoc);
  });

  test('both, with different scripts: the package reports only what differs', () => {
    const packaged = [...HEADER, SECRET_LINE, OTHER_SECRET_LINE, "SET Done TO $'''yes'''"].join('\r\n');
    const { workspace, findings } = run(solutionFiles(packageOf(packaged), SCRIPT));
    const flows = workspace.solutions[0].desktopFlows;
    assert.deepEqual(flows.map(d => d.name), [FLOW, `${FLOW} (package)`]);
    assert.deepEqual(flows[1].connectionReferences, []);
    const secrets = dropRepeatedPackageFindings(findings).filter(f => f.ruleId === 'pad/plaintext-secret');
    const inDefinition = secrets.filter(f => !isJson(f));
    const inPackage = secrets.filter(isJson);
    assert.deepEqual(inDefinition.map(f => findingPosition(f).script?.line), [4]);
    assert.deepEqual(inPackage.map(f => findingPosition(f).script?.line), [5], 'the line both copies share is reported once');
    assert.equal(inPackage[0].logical.flow, `${FLOW} (package)`);
  });

  test('both, differing, with a syntax error on a line they share: one pad/syntax, at the <Definition>', () => {
    const broken = "SET Broken TO $'''no end";
    const definition = [...HEADER, broken].join('\r\n');
    const packaged = [...HEADER, SECRET_LINE, broken].join('\r\n');
    const { findings } = run(solutionFiles(packageOf(packaged), definition));
    const kept = dropRepeatedPackageFindings(findings);
    assert.deepEqual(kept.filter(f => f.ruleId === 'pad/syntax').map(f => [isJson(f), findingPosition(f).script?.line]), [[false, 4]]);
    assert.deepEqual(kept.filter(f => f.ruleId === 'pad/plaintext-secret').map(f => [isJson(f), findingPosition(f).script?.line]), [[true, 4]]);
  });

  test('an empty <Definition> beside the package: the package is the script', () => {
    const files = solutionFiles(packageOf(SCRIPT), SCRIPT);
    for (const p of Object.keys(files)) if (p.endsWith('.data.xml')) files[p] = (files[p] as string).replace(/<Definition>[^<]*<\/Definition>/, '<Definition>""</Definition>');
    const { workspace, findings } = run(files);
    assert.deepEqual(workspace.solutions[0].desktopFlows.map(d => [d.name, !!d.script?.fromPackage]), [[FLOW, true]]);
    assert.equal(findings.filter(f => f.ruleId === 'pad/plaintext-secret' && isJson(f)).length, 1);
  });

  const bad: Array<[string, () => string, RegExp]> = [
    ['corrupt base64', () => packageOf(SCRIPT).slice(0, 40) + '!*' + packageOf(SCRIPT).slice(42), /its package is not valid base64/],
    ['truncated base64', () => packageOf(SCRIPT).slice(0, 101), /its package is not valid base64 \(truncated\?\)/],
    ['not a zip', () => Buffer.from('this is not a zip archive at all, only text').toString('base64'), /its package is not a readable zip archive/],
    ['a zip without script.robin', () => packageOf('', { entries: { 'flow.manifest': Buffer.from('{}') } }), /its package holds no script\.robin/],
    ['binary script.robin', () => packageOf('', { entries: { 'script.robin': Buffer.from([0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x03]) } }), /its package cannot be read: script\.robin/],
  ];
  for (const [name, make, message] of bad) {
    test(`a bad package (${name}) is a parse error at the package value, never a crash`, () => {
      const pkg = make();
      const { workspace, findings } = run(solutionFiles(pkg, undefined));
      const errors = findings.filter(f => f.ruleId === 'flowcop/parse-error');
      assert.equal(errors.length, 1, errors.map(e => e.message).join('\n'));
      assert.match(errors[0].message, message);
      assert.match(errors[0].message, /^desktop flow "Export Orders": /);
      assert.equal(spanText(errors[0]), pkg);
      assert.equal(workspace.solutions[0].desktopFlows[0].script, undefined);
    });
  }

  test('a zip bomb inside the package is refused within the caps', () => {
    const zip = new AdmZip();
    zip.addFile('script.robin', Buffer.alloc(65 * 1024 * 1024 + 2, 0x41));
    const pkg = zip.toBuffer().toString('base64');
    assert.ok(pkg.length < 1024 * 1024, 'a small package');
    const { findings } = run(solutionFiles(pkg, undefined));
    const errors = findings.filter(f => f.ruleId === 'flowcop/parse-error');
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /its package cannot be read: script\.robin: file is 65 MiB, larger than the 64 MiB cap/);
  });

  test('a package whose entry lies about its size inflates no further than declared', () => {
    const zip = new AdmZip();
    zip.addFile('script.robin', Buffer.alloc(4 * 1024 * 1024, 0x41));
    const bytes = zip.toBuffer();
    // Declared uncompressed size 16 bytes in the central directory: the entry is a bomb in disguise.
    const central = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(16, central + 24);
    const local = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    bytes.writeUInt32LE(16, local + 22);
    const pkg = bytes.toString('base64');
    const { findings, workspace } = run(solutionFiles(pkg, undefined));
    assert.equal(workspace.solutions[0].desktopFlows[0].script, undefined);
    const errors = findings.filter(f => f.ruleId === 'flowcop/parse-error');
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /its package cannot be read: script\.robin: cannot decompress/);
  });

  test('fixed-seed fuzz: flipped bytes in a package never throw, and are a script or one problem at the value', () => {
    let seed = 0x5eed1;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const good = Buffer.from(packageOf(SCRIPT), 'base64');
    const kinds = new Set<string>();
    for (let round = 0; round < 300; round++) {
      const bytes = Buffer.from(good);
      const flips = 1 + Math.floor(random() * 4);
      for (let k = 0; k < flips; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const cut = random() < 0.2 ? Math.floor(random() * bytes.length) : bytes.length;
      const text = JSON.stringify({ properties: { definition: { package: bytes.subarray(0, cut).toString('base64') } } });
      const read = readPackage(createSourceFile('/repo/Workflows/F.json', text));
      kinds.add(read.kind);
      if (read.kind === 'error') assert.equal(text.slice(read.span.start, read.span.end), bytes.subarray(0, cut).toString('base64'));
    }
    assert.ok(kinds.has('error'));
  });
});
