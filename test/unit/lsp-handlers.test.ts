// The language server's plain-state pieces on their own: the scheduler on a manual clock, what a watched-file
// event makes the session do, and the one predicate for "this finding shows in that script editor".
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FileChangeType } from 'vscode-languageserver';
import type { Finding } from '../../server/src/findings/finding';
import { MemoryVfs } from '../../server/src/load/vfs';
import type { Unit } from '../../server/src/lsp/analyzer';
import { Scheduler, Timers } from '../../server/src/lsp/scheduler';
import { belongsToScriptEditor, scriptEditorOf } from '../../server/src/lsp/script-editor';
import { planWatchedFile, WatchedFileState } from '../../server/src/lsp/watched-files';

/** Timers that fire only when the test advances the clock. */
class ManualClock implements Timers {
  now = 0;
  private next = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  set(fn: () => void, ms: number): number {
    const id = this.next++;
    this.due.set(id, { at: this.now + ms, fn });
    return id;
  }
  clear(handle: unknown): void {
    this.due.delete(handle as number);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, t] of [...this.due].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > this.now) continue;
      this.due.delete(id);
      t.fn();
    }
  }
}

function recordingScheduler(clock: ManualClock) {
  const runs: string[] = [];
  let release: (() => void) | undefined;
  const scheduler = new Scheduler({
    full: reason => { runs.push(`full:${reason}`); return new Promise<void>(resolve => { release = resolve; }); },
    units: keys => { runs.push(`units:${keys.join(',')}`); },
    failed: e => { runs.push(`failed:${(e as Error).message}`); },
  }, 100, clock);
  return { scheduler, runs, finishFull: () => release?.() };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('scheduler', () => {
  test('edits within the debounce make one run with every unit they touched', () => {
    const clock = new ManualClock();
    const { scheduler, runs } = recordingScheduler(clock);
    scheduler.addUnits(['a']);
    clock.advance(60);
    scheduler.addUnits(['b', 'a']);
    clock.advance(60);
    assert.deepEqual(runs, [], 'the second edit restarted the delay');
    clock.advance(40);
    assert.deepEqual(runs, ['units:a,b']);
  });

  test('a whole-workspace scan takes the place of waiting unit re-lints; a run due meanwhile waits for its turn', async () => {
    const clock = new ManualClock();
    const { scheduler, runs, finishFull } = recordingScheduler(clock);
    scheduler.addUnits(['a']);
    scheduler.scheduleFull('settings changed', 0);
    clock.advance(0);
    assert.deepEqual(runs, ['full:settings changed']);
    scheduler.addUnits(['b']);
    clock.advance(100);
    assert.deepEqual(runs, ['full:settings changed'], 'not while the scan runs');
    finishFull();
    await tick();
    clock.advance(100);
    assert.deepEqual(runs, ['full:settings changed', 'units:b']);
  });

  test('takePending hands over only the units that were waiting', () => {
    const clock = new ManualClock();
    const { scheduler, runs } = recordingScheduler(clock);
    scheduler.addUnits(['a', 'b']);
    assert.deepEqual(scheduler.takePending(['b', 'c']), ['b']);
    clock.advance(100);
    assert.deepEqual(runs, ['units:a']);
  });
});

describe('watched files', () => {
  const unit = (key: string, kind: Unit['kind'], root: string) => ({ key, kind, root } as Unit);
  const solution = unit('solution:/w/sol', 'solution', '/w/sol');
  const state = (files: Record<string, string> = {}): WatchedFileState => ({
    disk: new MemoryVfs(files),
    units: [solution],
    unitsFor: p => (p.startsWith('/w/sol/') ? [solution] : []),
    isScriptLike: p => p.endsWith('.robin'),
  });

  test('flowcop.json anywhere: scan everything', () => {
    assert.deepEqual(planWatchedFile('/w/sol/flowcop.json', FileChangeType.Changed, state()), { full: 'flowcop.json changed', units: [] });
  });

  test('a file a unit read: re-lint that unit; a folder holding a unit deleted: scan everything', () => {
    assert.deepEqual(planWatchedFile('/w/sol/Workflows/a.json', FileChangeType.Changed, state()), { units: ['solution:/w/sol'] });
    assert.deepEqual(planWatchedFile('/w', FileChangeType.Deleted, state()), { full: 'a folder was deleted', units: [] });
  });

  test('a new folder bringing a solution, a new structural file, a new script', () => {
    const withSolution = state({ '/w/new/Other/Solution.xml': '<x/>' });
    assert.deepEqual(planWatchedFile('/w/new', FileChangeType.Created, withSolution), { full: 'new created', units: [] });
    assert.deepEqual(planWatchedFile('/w/other', FileChangeType.Created, state({ '/w/other/readme.md': '' })), { units: [] });
    assert.deepEqual(planWatchedFile('/w/x/customizations.xml', FileChangeType.Created, state()), { full: 'customizations.xml created', units: [] });
    assert.deepEqual(planWatchedFile('/w/x/new.robin', FileChangeType.Created, state()), { units: [], script: '/w/x/new.robin' });
  });
});

describe('script editor predicate', () => {
  const finding = (holder: { metadata: string; script?: string; fromPackage?: boolean }, id: string, scriptSpan = { start: 0, end: 1 }) => ({
    scriptSpan,
    owner: {
      desktopFlow: {
        id, metadataFile: { path: holder.metadata },
        script: { file: { path: holder.script ?? holder.metadata }, fromPackage: holder.fromPackage ? { entry: 'script.robin' } : undefined, text: 'x' },
      },
    },
  } as unknown as Finding);

  test('the editor of a flow\'s XML: same file and id (braces and case aside)', () => {
    const editor = scriptEditorOf('flowcop-script:/w/sol/Workflows/a.json.data.xml/Flow.robin?id=%7BAB12-CD%7D')!;
    assert.deepEqual(editor, { xmlPath: '/w/sol/Workflows/a.json.data.xml', flowId: '{AB12-CD}' });
    assert.equal(belongsToScriptEditor(finding({ metadata: '/w/sol/Workflows/a.json.data.xml' }, 'ab12-cd'), editor), true);
    assert.equal(belongsToScriptEditor(finding({ metadata: '/w/sol/Workflows/a.json.data.xml' }, 'ffff'), editor), false, 'another flow in the same file');
    assert.equal(belongsToScriptEditor(finding({ metadata: '/w/sol/Workflows/b.json.data.xml' }, 'ab12-cd'), editor), false, 'another file');
    const noScriptPosition = { ...finding({ metadata: '/w/sol/Workflows/a.json.data.xml' }, 'ab12-cd'), scriptSpan: undefined } as Finding;
    assert.equal(belongsToScriptEditor(noScriptPosition, editor), false, 'a finding outside the script');
  });

  test('a v1 package script belongs to the editor of the flow JSON it is read from, not of the XML', () => {
    const holder = { metadata: '/w/sol/Workflows/a.json.data.xml', script: '/w/sol/Workflows/a.json', fromPackage: true };
    const json = scriptEditorOf('flowcop-script:/w/sol/Workflows/a.json/Flow.robin?id=ab12-cd')!;
    const xml = scriptEditorOf('flowcop-script:/w/sol/Workflows/a.json.data.xml/Flow.robin?id=ab12-cd')!;
    assert.equal(belongsToScriptEditor(finding(holder, 'ab12-cd'), json), true);
    assert.equal(belongsToScriptEditor(finding(holder, 'ab12-cd'), xml), false);
  });

  test('other URIs are no script editors', () => {
    assert.equal(scriptEditorOf('file:///w/sol/a.robin'), undefined);
    assert.equal(scriptEditorOf('untitled:Untitled-1'), undefined);
  });
});
