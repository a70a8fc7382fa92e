// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'settings/shared-connection',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'The same connection is bound in two environments.',
    fixable: false,
  },
});
