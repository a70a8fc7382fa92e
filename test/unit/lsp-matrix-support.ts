// Shared by the lsp-matrix tests: a language-server session in process (through the fake connection) on a
// folder or an in-memory tree, asked for flowcop/matrix and flowcop/matrixEdit as the client asks.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { afterEach } from 'node:test';
import type { Vfs } from '../../server/src/load/vfs';
import type { MatrixCell, MatrixEditParams, MatrixEditResult, MatrixResult, MatrixRow, MatrixSolution } from '../../server/src/lsp/protocol';
import { connectSession } from '../../server/src/lsp/server';
import type { Session } from '../../server/src/lsp/session';
import { pathToUri } from '../../server/src/lsp/uri';
import { computeLineStarts } from '../../server/src/util/text';
import { FakeConnection } from '../support/lsp-fake';

const sessions: Session[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

export interface MatrixSession {
  client: FakeConnection;
  matrix(solution?: string): Promise<MatrixResult>;
  edit(params: MatrixEditParams): Promise<MatrixEditResult>;
  rescan(): Promise<void>;
}

/** A session on `folders` (the disk, or `disk`), initialized with an active environment, after its first scan. */
export async function startSession(folders: string[], environment: string | null = null, disk?: Vfs): Promise<MatrixSession> {
  const client = new FakeConnection();
  const session = connectSession(client, { debounceMs: 30, publishDelayMs: 5, ...(disk ? { disk } : {}) });
  sessions.push(session);
  await client.request('initialize', {
    processId: null, rootUri: null, workspaceFolders: folders.map(f => ({ uri: pathToUri(f), name: path.basename(f) })), capabilities: {},
    initializationOptions: { environment, settings: { enable: true, rulesCustomizations: [], getCredentialTemplate: '' } },
  });
  client.notify('initialized', {});
  const t0 = Date.now();
  while (!client.statuses().some(s => s.scope === 'full')) {
    if (Date.now() - t0 > 60_000) assert.fail('timed out waiting for the first scan');
    await new Promise(resolve => setTimeout(resolve, 5));
  }
  return {
    client,
    matrix: solution => client.request<MatrixResult>('flowcop/matrix', solution ? { solution } : {}),
    edit: params => client.request<MatrixEditResult>('flowcop/matrixEdit', params),
    rescan: async () => { await client.request('flowcop/rescan'); },
  };
}

export function solutionNamed(result: MatrixResult, uniqueName: string): MatrixSolution {
  const s = result.solutions.find(x => x.uniqueName === uniqueName);
  assert.ok(s, `the matrix has solution ${uniqueName} (it has ${result.solutions.map(x => x.uniqueName).join(', ')})`);
  return s;
}

export function rowNamed(solution: MatrixSolution, name: string, kind?: MatrixRow['kind']): MatrixRow {
  const r = solution.rows.find(x => x.name.toLowerCase() === name.toLowerCase() && (!kind || x.kind === kind));
  assert.ok(r, `solution ${solution.uniqueName} has a row ${name}`);
  return r;
}

/** The cell of a row in the column of an environment. */
export function cellIn(solution: MatrixSolution, row: string, environment: string, kind?: MatrixRow['kind']): MatrixCell {
  const index = solution.columns.findIndex(c => c.environment.toLowerCase() === environment.toLowerCase());
  assert.ok(index >= 0, `solution ${solution.uniqueName} has a column ${environment}`);
  return rowNamed(solution, row, kind).cells[index];
}

/** Applies LSP TextEdits (0-based positions) to a text, as an editor does. */
export function applyTextEdits(text: string, edits: NonNullable<MatrixEditResult['edits']>): string {
  const starts = computeLineStarts(text);
  const offset = (p: { line: number; character: number }) => (p.line < starts.length ? starts[p.line] : text.length) + p.character;
  const sorted = edits.map(e => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
