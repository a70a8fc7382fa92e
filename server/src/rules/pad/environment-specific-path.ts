// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'pad/environment-specific-path',
    category: 'environment-specific',
    defaultSeverity: 'warning',
    description: 'An absolute local path literal in a desktop flow that differs between environments.',
    fixable: true,
  },
});
