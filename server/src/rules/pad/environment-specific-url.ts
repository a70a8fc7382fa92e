// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'pad/environment-specific-url',
    category: 'environment-specific',
    defaultSeverity: 'warning',
    description: 'An absolute URL literal in a desktop flow whose host belongs to one tenant or environment.',
    fixable: true,
  },
});
