// The editor path: code actions become WorkspaceEdits that VS Code applies itself, so the language
// server refuses any edit or new file outside the workspace folder of the file the fix started from,
// or behind a symbolic link (a dangling one planted at a new file's path included).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ChangeBuilder } from '../../server/src/fix/change';
import { EditTarget, toWorkspaceEdit } from '../../server/src/lsp/convert';
import { createSourceFile } from '../../server/src/util/text';
import { tempDir } from './fix-support';

function diskTarget(folders: string[]): EditTarget {
  return {
    openDocument: () => undefined,
    diskText: p => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined),
    exists: p => fs.existsSync(p),
    workspaceFolders: folders,
  };
}

function setup() {
  const dir = tempDir('lsp-gate');
  const ws = path.join(dir, 'ws');
  const other = path.join(dir, 'other');
  fs.mkdirSync(path.join(ws, 'sol', 'Workflows'), { recursive: true });
  fs.mkdirSync(other);
  const flowPath = path.join(ws, 'sol', 'Workflows', 'flow.json');
  fs.writeFileSync(flowPath, '{"a": 1}');
  const flow = createSourceFile(flowPath, '{"a": 1}', { hash: 'h' });
  return { dir, ws, other, flowPath, flow };
}

describe('safety: the write gate of code actions', () => {
  test('an edit inside the workspace folder is converted', () => {
    const { ws, flowPath, flow } = setup();
    const b = new ChangeBuilder();
    b.replace(flow, { start: 6, end: 7 }, '2');
    b.create(path.join(ws, 'sol', 'environmentvariabledefinitions', 'cnt_X', 'environmentvariabledefinition.xml'), '<x/>');
    const r = toWorkspaceEdit(b.build(), diskTarget([ws]), undefined, flowPath);
    assert.ok('edit' in r, JSON.stringify(r));
  });

  test('a new file outside the workspace folder is refused', () => {
    const { ws, other, flowPath, flow } = setup();
    const b = new ChangeBuilder();
    b.replace(flow, { start: 6, end: 7 }, '2');
    b.create(path.join(ws, 'sol', '..', '..', 'other', 'pwn.xml'), '<x/>');
    const r = toWorkspaceEdit(b.build(), diskTarget([ws]), undefined, flowPath);
    assert.ok('stale' in r && /outside the workspace folder/.test(r.stale), JSON.stringify(r));
    assert.deepEqual(fs.readdirSync(other), []);
  });

  test('a file in another workspace folder than the one the fix started from is refused', () => {
    const { ws, other, flowPath } = setup();
    const b = new ChangeBuilder();
    b.create(path.join(other, 'x.xml'), '<x/>');
    const r = toWorkspaceEdit(b.build(), diskTarget([ws, other]), undefined, flowPath);
    assert.ok('stale' in r && /outside the workspace folder/.test(r.stale), JSON.stringify(r));
  });

  test('a dangling symlink planted at the path of a new file is refused', () => {
    const { ws, other, flowPath } = setup();
    const defs = path.join(ws, 'sol', 'environmentvariabledefinitions', 'cnt_X');
    fs.mkdirSync(defs, { recursive: true });
    fs.symlinkSync(path.join(other, 'planted.xml'), path.join(defs, 'environmentvariabledefinition.xml'));
    const b = new ChangeBuilder();
    b.create(path.join(defs, 'environmentvariabledefinition.xml'), '<x/>');
    const r = toWorkspaceEdit(b.build(), diskTarget([ws]), undefined, flowPath);
    assert.ok('stale' in r && /symbolic link/.test(r.stale), JSON.stringify(r));
  });

  test('a symlinked folder on the way is refused', () => {
    const { ws, other, flowPath } = setup();
    fs.symlinkSync(other, path.join(ws, 'sol', 'environmentvariabledefinitions'));
    const b = new ChangeBuilder();
    b.create(path.join(ws, 'sol', 'environmentvariabledefinitions', 'cnt_X', 'environmentvariabledefinition.xml'), '<x/>');
    const r = toWorkspaceEdit(b.build(), diskTarget([ws]), undefined, flowPath);
    assert.ok('stale' in r && /symbolic link/.test(r.stale), JSON.stringify(r));
  });
});
