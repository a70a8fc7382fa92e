// Reported by the loaders (load/), discovery (paths leading outside the tree) and flowcop.json reading
// (refused values): this file carries the rule's metadata.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'flowcop/parse-error',
    category: 'syntax',
    defaultSeverity: 'error',
    description: 'A file that cannot be read or parsed, or a path or template in it that FlowCop refuses to use.',
    fixable: false,
  },
});
