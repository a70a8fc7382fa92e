// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'cloud/environment-specific-value',
    category: 'environment-specific',
    defaultSeverity: 'warning',
    description: 'A literal in a cloud flow that differs per environment and is not read from an environment variable.',
    fixable: true,
  },
});
