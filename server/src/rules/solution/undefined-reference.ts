// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'solution/undefined-reference',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'A flow uses a connection reference or environment variable that the solution does not define.',
    fixable: false,
  },
});
