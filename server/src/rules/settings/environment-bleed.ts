// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'settings/environment-bleed',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'A value in one environment\'s deployment settings points at another environment.',
    fixable: false,
  },
});
