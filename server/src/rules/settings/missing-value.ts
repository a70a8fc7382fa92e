// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'settings/missing-value',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'An environment\'s deployment settings lack (or leave empty) a value for an environment variable or connection reference of the solution.',
    fixable: false,
  },
});
