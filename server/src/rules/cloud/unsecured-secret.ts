// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'cloud/unsecured-secret',
    category: 'credential',
    defaultSeverity: 'error',
    description: 'A cloud-flow action that reads or sends a secret without secure inputs/outputs, so run history shows it.',
    securitySeverity: 6.5,
    fixable: true,
  },
});
