// PLACEHOLDER: metadata only; the check is being written.
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'solution/committed-env-var-value',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'An environment variable value committed in source (environmentvariablevalues.json): it is imported into every target environment.',
    fixable: false,
  },
});
