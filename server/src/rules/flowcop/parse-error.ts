// Reported by the loaders (load/): this file carries the rule's metadata.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'flowcop/parse-error',
    category: 'syntax',
    defaultSeverity: 'error',
    description: 'A file that cannot be read or parsed.',
    fixable: false,
  },
});
