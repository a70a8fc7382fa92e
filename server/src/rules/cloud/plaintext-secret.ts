// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'cloud/plaintext-secret',
    category: 'credential',
    defaultSeverity: 'error',
    description: 'A literal secret in a cloud flow action: HTTP credentials, authorization or key headers, connection strings, secret connector parameters, sensitive desktop-flow inputs.',
    securitySeverity: 9.0,
    fixable: true,
  },
});
