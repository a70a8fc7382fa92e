// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'solution/secret-env-var-as-text',
    category: 'credential',
    defaultSeverity: 'error',
    description: 'An environment variable that holds or feeds a secret but is not of the Secret type.',
    securitySeverity: 7.0,
    fixable: false,
  },
});
