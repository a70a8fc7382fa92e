// The decoded-script editor's read-only kinds (lsp/scriptFile.ts + lsp/readOnlyScripts.ts): a YAML-layout
// desktop flow's `Definition:` in workflow.yml and a v1 desktop flow's base64-zipped package in its JSON are
// located and decoded to exactly the script the findings' script positions refer to; a save is refused;
// the views' model offers both to the editor, read-only, from the file that holds the script.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import { MemoryVfs } from '../../server/src/load/vfs';
import { modelOf } from '../../server/src/lsp/model';
import { locateScript, rewriteScript } from '../../server/src/lsp/scriptFile';
import { packageOf } from '../support/v1-package';
import { buildSolutionFiles } from '../support/fixture';
import { DESK_ID, DESK_SCRIPT, USER_PATH, yamlTree } from '../support/yaml-layout';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

// ---- YAML layout -------------------------------------------------------------------------------

function yamlDesk() {
  const files = yamlTree();
  const ymlPath = Object.keys(files).find(p => p.endsWith(`/workflows/${DESK_ID}/workflow.yml`))!;
  return { files, ymlPath, text: files[ymlPath] };
}

describe('script editor, read-only: a YAML desktop flow\'s Definition', () => {
  test('locates and decodes the script, maps its region to the Definition value, and marks it read-only', () => {
    const { ymlPath, text } = yamlDesk();
    const located = locateScript(utf8(text), ymlPath, DESK_ID);
    assert.ok(!('error' in located), JSON.stringify(located));
    assert.equal(located.text, DESK_SCRIPT);
    assert.equal(located.flowName, 'Invoices Desk');
    assert.match(located.readOnly ?? '', /read-only/);
    const line = text.slice(0, located.region.start).split('\r\n').length - 1;
    assert.match(text.split('\r\n')[line], /^ {2}Definition: /, 'the region is on the Definition line');
    // The id as Dataverse spells it ({GUID}, upper case) finds the same flow; another id does not.
    const braced = locateScript(utf8(text), ymlPath, `{${DESK_ID.toUpperCase()}}`);
    assert.ok(!('error' in braced) && braced.text === DESK_SCRIPT);
    assert.match(String((locateScript(utf8(text), ymlPath, '00000000-0000-0000-0000-000000000000') as { error: string }).error), /no desktop flow/);
  });

  test('the decoded text is the script the findings\' script positions refer to', () => {
    const { files, ymlPath, text } = yamlDesk();
    const { findings } = analyze(['/w'], { vfs: new MemoryVfs(files) });
    const f = findings.find(x => x.ruleId === 'pad/environment-specific-path' && x.owner.desktopFlow?.id === DESK_ID);
    assert.ok(f?.scriptSpan, 'the fixture has a finding in the script');
    const located = locateScript(utf8(text), ymlPath, DESK_ID);
    assert.ok(!('error' in located));
    assert.equal(located.text, f.owner.script!.text);
    assert.ok(located.text.slice(f.scriptSpan.start, f.scriptSpan.end).includes('Users'), 'the span points at the path in the editor\'s text');
    assert.ok(USER_PATH.includes('Users'));
  });

  test('a save is refused with a message saying why, and nothing is produced to write', () => {
    const { ymlPath, text } = yamlDesk();
    const result = rewriteScript(utf8(text), ymlPath, DESK_ID, DESK_SCRIPT + '\r\nSET X TO 1', undefined);
    assert.ok('error' in result);
    assert.match(result.error, /read-only/);
    assert.match(result.error, /YAML/);
    assert.ok(!('bytes' in result));
  });

  test('the views\' model offers it read-only, read from workflow.yml', () => {
    const { files, ymlPath } = yamlDesk();
    const { workspace } = analyze(['/w'], { vfs: new MemoryVfs(files) });
    const [flow] = modelOf(workspace.solutions[0], null).desktopFlows;
    assert.deepEqual([flow.hasScript, flow.readOnly, flow.scriptPath], [true, true, ymlPath]);
  });
});

// ---- v1 package ----------------------------------------------------------------------------------

const SCRIPT = ["@@ConnectionString: ''", "SET Folder TO $'''C:\\\\Users\\\\jdoe\\\\Exports'''", "SET Done TO $'''yes'''"].join('\r\n');

/** A solution whose only desktop flow has no <Definition>: its script is the package in its JSON (an older export). */
function v1Tree() {
  const raw = buildSolutionFiles({ uniqueName: 'V1Flows', desktopFlows: [{ name: 'Export Orders', script: 'REMOVED' }] });
  const files: Record<string, string> = {};
  let jsonPath = '';
  for (const [p, c] of Object.entries(raw)) {
    const abs = path.posix.join('/repo', p);
    if (/Workflows\/[^/]+\.json$/.test(p)) {
      jsonPath = abs;
      files[abs] = JSON.stringify({ properties: { definition: { package: packageOf(SCRIPT) } }, schemaversion: 'ROBIN_202208_DVRS' }, null, 2);
    } else files[abs] = /(\.data\.xml|customizations\.xml)$/.test(p) ? c.replace(/\s*<Definition>[^<]*<\/Definition>/, '') : c;
  }
  return { files, jsonPath };
}

describe('script editor, read-only: a v1 desktop flow\'s package', () => {
  test('locates and decodes script.robin from the JSON\'s package; the region is the package value; read-only', () => {
    const { files, jsonPath } = v1Tree();
    const { workspace } = analyze(['/repo'], { vfs: new MemoryVfs(files) });
    const df = workspace.solutions[0].desktopFlows[0];
    const located = locateScript(utf8(files[jsonPath]), jsonPath, df.id);
    assert.ok(!('error' in located), JSON.stringify(located));
    assert.equal(located.text, SCRIPT, 'UTF-16LE decoded, CRLF kept');
    assert.equal(located.text, df.script!.text, 'the text the findings\' script positions refer to');
    assert.equal(located.fileText.slice(located.region.start, located.region.end), packageOf(SCRIPT));
    assert.match(located.readOnly ?? '', /package/);
  });

  test('a save is refused; a JSON without a package says so', () => {
    const { files, jsonPath } = v1Tree();
    const refused = rewriteScript(utf8(files[jsonPath]), jsonPath, 'x', 'SET A TO 1', undefined);
    assert.ok('error' in refused && /read-only/.test(refused.error) && /never rewrites the package/.test(refused.error));
    const none = locateScript(utf8('{"properties":{"definition":{"package":""}}}'), jsonPath, 'x');
    assert.ok('error' in none && /no desktop flow package/.test(none.error));
    const bad = locateScript(utf8('{"properties":{"definition":{"package":"not base64!"}}}'), jsonPath, 'x');
    assert.ok('error' in bad && /cannot be read/.test(bad.error));
  });

  test('the views\' model offers it read-only, read from the flow JSON; a finding sits in that script', () => {
    const { files, jsonPath } = v1Tree();
    const { workspace, findings } = analyze(['/repo'], { vfs: new MemoryVfs(files) });
    const [flow] = modelOf(workspace.solutions[0], null).desktopFlows;
    assert.deepEqual([flow.hasScript, flow.readOnly, flow.scriptPath], [true, true, jsonPath]);
    assert.match(flow.xmlPath, /\.xml$/, 'the flow is still listed at its XML');
    const f = findings.find(x => x.ruleId === 'pad/environment-specific-path');
    assert.ok(f?.scriptSpan && f.owner.script?.fromPackage);
    assert.match(SCRIPT.slice(f.scriptSpan.start, f.scriptSpan.end), /Users/);
  });
});

describe('script editor: a flow with a <Definition> and a differing package', () => {
  test('the <Definition> stays read-write at the XML; the package entry opens read-only from the JSON', () => {
    const raw = buildSolutionFiles({ uniqueName: 'Twin', desktopFlows: [{ name: 'Twin Flow', script: "SET A TO $'''x'''" }] });
    const files: Record<string, string> = {};
    let jsonPath = '';
    for (const [p, c] of Object.entries(raw)) {
      const abs = path.posix.join('/t', p);
      files[abs] = c;
      if (/Workflows\/[^/]+\.json$/.test(p)) {
        jsonPath = abs;
        files[abs] = JSON.stringify({ properties: { definition: { package: packageOf(SCRIPT) } } });
      }
    }
    const { workspace } = analyze(['/t'], { vfs: new MemoryVfs(files) });
    const flows = modelOf(workspace.solutions[0], null).desktopFlows;
    assert.deepEqual(flows.map(f => [f.name, f.hasScript, f.readOnly, f.scriptPath]), [
      ['Twin Flow', true, undefined, undefined],
      ['Twin Flow (package)', true, true, jsonPath],
    ]);
    const located = locateScript(utf8(files[jsonPath]), jsonPath, flows[1].id);
    assert.ok(!('error' in located) && located.text === SCRIPT && !!located.readOnly);
  });
});

// ---- XML: unchanged, read-write --------------------------------------------------------------------

describe('script editor: an XML <Definition> stays read-write', () => {
  test('no read-only mark, and an edit is written back', () => {
    const files = buildSolutionFiles({ uniqueName: 'Xml', desktopFlows: [{ name: 'Plain', script: "SET A TO $'''x'''" }] });
    const [xmlPath, text] = Object.entries(files).find(([p, c]) => /\.xml$/.test(p) && c.includes('<Definition>'))!;
    const { workspace } = analyze(['/x'], { vfs: new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [`/x/${p}`, c]))) });
    const id = workspace.solutions[0].desktopFlows[0].id;
    const located = locateScript(utf8(text), xmlPath, id);
    assert.ok(!('error' in located));
    assert.equal(located.readOnly, undefined);
    const written = rewriteScript(utf8(text), xmlPath, id, "SET A TO $'''y'''", located.hash);
    assert.ok('bytes' in written, JSON.stringify(written));
    const [flow] = modelOf(workspace.solutions[0], null).desktopFlows;
    assert.deepEqual([flow.hasScript, flow.readOnly, flow.scriptPath], [true, undefined, undefined]);
  });
});
