// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'solution/unused-reference',
    category: 'alm',
    defaultSeverity: 'info',
    description: 'A connection reference or environment variable that no flow in the solution uses.',
    fixable: false,
  },
});
