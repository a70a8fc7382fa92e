// Fuzz target for the fix engine's JSON edits (fix/change.ts ChangeBuilder.modifyJson, which the language
// server's "Configure <rule> in flowcop.json" action runs on every code-action request): on any text it
// edits or refuses with a FixError; no other exception, and no stall (the linear-time check).
import fc from 'fast-check';
import { ChangeBuilder, FixError } from '../../../server/src/fix/change';
import { createSourceFile } from '../../../server/src/util/text';
import { violation } from './spans';
import { quote, type FuzzTarget } from './target';
import { jsonText } from './text-arbitraries';

const CONFIG = '{\n  "rules": {\n    "pad/plaintext-secret": "warning"\n  }\n}\n';

function modifyConfig(text: string): void {
  const b = new ChangeBuilder();
  b.modifyJson(createSourceFile('/fuzz/flowcop.json', text, { hash: 'fuzz' }), ['rules', 'cloud/plaintext-secret'], 'error');
  b.build();
}

export const jsonModifyTarget: FuzzTarget<string> = {
  name: 'json-modify',
  subject: 'server/src/fix/change.ts ChangeBuilder.modifyJson (jsonc-parser modify), as lsp/configure-action.ts configureAction calls it',
  arbitrary: fc.oneof(
    { weight: 3, arbitrary: jsonText },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('', 'C:\\ ', '5', '[', '{"rules": 5,'), fc.integer({ min: 0, max: 300 })).map(([prefix, depth]) => prefix + '{"a":'.repeat(depth) + CONFIG) },
  ),
  // Earlier finds (language-server soak): `"rules": 5` and a non-object root make jsonc-parser throw
  // "Can not add index to parent of type number"; a deep object throws a TypeError in withFormatting.
  examples: ['{ "rules": 5 }\n', '5', `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`],
  check(text) {
    try {
      modifyConfig(text);
    } catch (e) {
      if (!(e instanceof FixError)) violation(`modifyJson threw ${(e as Error)?.name}: ${(e as Error)?.message} (expected an edit or a FixError)`);
    }
  },
  measure(text) {
    try { modifyConfig(text); } catch { /* timed either way */ }
  },
  size: s => s.length,
  show: s => quote(s),
  pumps: [
    { name: 'long rules list', make: n => `{ "rules": {${Array.from({ length: n }, (_, i) => `"r${i}": "off"`).join(',\n')}} }` },
  ],
};
