// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'pad/plaintext-secret',
    category: 'credential',
    defaultSeverity: 'error',
    description: 'A secret written literally in a desktop flow: a literal given to a secret-bearing argument, or assigned to a variable that reaches one.',
    securitySeverity: 9.0,
    fixable: true,
  },
});
