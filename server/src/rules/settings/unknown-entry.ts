// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'settings/unknown-entry',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'Deployment settings name an environment variable or connection reference the solution does not have.',
    fixable: false,
  },
});
