// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'cloud/embedded-connection',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'A cloud flow that uses a connection directly instead of through a connection reference.',
    fixable: false,
  },
});
