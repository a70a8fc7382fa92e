// Property-based fuzzing of the fix engine's JSON edits (fixed seed; `npm run fuzz -- --only json-modify`
// runs more and checks that the time grows linearly). The language server runs this edit on every
// code-action request ("Configure <rule> in flowcop.json"), so a throw or a stall here is one in the editor.
import { describe, test } from 'node:test';
import { jsonModifyTarget } from '../support/fuzz/fix-targets';
import { runProperty } from '../support/fuzz/target';

describe('fuzz: ChangeBuilder.modifyJson on any flowcop.json text', () => {
  test('edits or refuses with a FixError, never another exception', () => {
    runProperty(jsonModifyTarget, { seed: 20261204, numRuns: 150 });
  });
});
