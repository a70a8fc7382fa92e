// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'pad/sensitive-not-marked',
    category: 'credential',
    defaultSeverity: 'error',
    description: 'A desktop-flow variable that carries secret data but is not marked sensitive.',
    securitySeverity: 6.5,
    fixable: true,
  },
});
